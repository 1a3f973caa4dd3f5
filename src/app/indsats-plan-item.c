/* indsats-plan-item.c
 *
 * The action list is one flat list model: a team heading, its focus area
 * headings, and the actions under each. A flat model lets GtkListView recycle
 * rows, so a plan of thousands of actions opens at once.
 */
#include "config.h"

#include "indsats-plan-item-private.h"

#include "indsats-action-filter.h"

#include "indsats-text.h"

G_DEFINE_FINAL_TYPE (IndsatsPlanItem, indsats_plan_item, G_TYPE_OBJECT)

static void
indsats_plan_item_finalize (GObject *object)
{
  IndsatsPlanItem *self = INDSATS_PLAN_ITEM (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->action, indsats_action_free);
  g_clear_pointer (&self->folded, g_free);

  G_OBJECT_CLASS (indsats_plan_item_parent_class)->finalize (object);
}

static void
indsats_plan_item_class_init (IndsatsPlanItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = indsats_plan_item_finalize;
}

static void
indsats_plan_item_init (IndsatsPlanItem *self)
{
}

IndsatsPlanItem *
indsats_plan_item_new_heading (IndsatsPlanItemKind  kind,
                               const char          *name)
{
  IndsatsPlanItem *self;

  g_return_val_if_fail (kind != INDSATS_PLAN_ITEM_ACTION, NULL);

  self = g_object_new (INDSATS_TYPE_PLAN_ITEM, NULL);
  self->kind = kind;
  self->name = g_strdup (name);
  return self;
}

IndsatsPlanItem *
indsats_plan_item_new_action (const IndsatsAction *action)
{
  IndsatsPlanItem *self;

  g_return_val_if_fail (action != NULL, NULL);

  self = g_object_new (INDSATS_TYPE_PLAN_ITEM, NULL);
  self->kind = INDSATS_PLAN_ITEM_ACTION;
  self->action = indsats_action_copy (action);
  self->name = g_strdup (action->text);
  return self;
}

IndsatsPlanItemKind
indsats_plan_item_get_kind (IndsatsPlanItem *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_ITEM (self), INDSATS_PLAN_ITEM_ACTION);
  return self->kind;
}

const char *
indsats_plan_item_get_name (IndsatsPlanItem *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_ITEM (self), NULL);
  return self->name;
}

const IndsatsAction *
indsats_plan_item_get_action (IndsatsPlanItem *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_ITEM (self), NULL);
  return self->action;
}

/**
 * indsats_plan_item_get_folded:
 *
 * Returns: the action's text and owner, folded as the search compares them
 *   (case-folded, NFC, without zero-width characters)
 */
const char *
indsats_plan_item_get_folded (IndsatsPlanItem *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_ITEM (self), "");

  if (self->folded == NULL)
    {
      g_autofree char *both = NULL;

      if (self->action)
        self->folded = indsats_action_fold (self->action);
      else
        {
          both = g_strconcat (self->name, "\n", NULL);
          self->folded = indsats_text_fold (both);
        }
    }
  return self->folded;
}
