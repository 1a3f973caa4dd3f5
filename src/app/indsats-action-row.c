/* indsats-action-row.c
 *
 * One widget serves the three kinds of row, so that GtkListView can recycle
 * it for any of them: a team heading, a focus area heading, or an action with
 * its owner, start date and status.
 */
#include "config.h"

#include "indsats-action-row.h"

#include <glib/gi18n.h>

#include "indsats-format.h"

struct _IndsatsActionRow
{
  GtkWidget  parent_instance;

  GtkWidget *heading;
  GtkWidget *action_box;
  GtkWidget *text_label;
  GtkWidget *owner_label;
  GtkWidget *date_label;
  GtkWidget *status_label;
  GtkWidget *late_box;
  GtkWidget *late_label;
  GtkWidget *edit_button;
  GtkWidget *delete_button;
  GtkWidget *more_button;

  IndsatsPlanItem *item;
  gint64     action_id;
  int        kind;        /* IndsatsPlanItemKind, or -1 before the first item */
};

G_DEFINE_FINAL_TYPE (IndsatsActionRow, indsats_action_row, GTK_TYPE_WIDGET)

static void
indsats_action_row_dispose (GObject *object)
{
  GtkWidget *child;

  g_clear_object (&INDSATS_ACTION_ROW (object)->item);
  gtk_widget_dispose_template (GTK_WIDGET (object), INDSATS_TYPE_ACTION_ROW);
  /* the template's root is not bound to a field: unparent it too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (indsats_action_row_parent_class)->dispose (object);
}

static void
indsats_action_row_class_init (IndsatsActionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_action_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-action-row.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, heading);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, action_box);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, text_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, owner_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, late_box);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, late_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, more_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actionrow");
}

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  IndsatsActionRow *self = INDSATS_ACTION_ROW (user_data);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) up = g_menu_item_new (_("Move _Up"), NULL);
  g_autoptr(GMenuItem) down = g_menu_item_new (_("Move _Down"), NULL);
  g_autoptr(GMenuItem) history = g_menu_item_new (_("_History"), NULL);
  GVariant *target = g_variant_new_int64 (self->action_id);

  g_variant_ref_sink (target);
  g_menu_item_set_action_and_target_value (up, "win.move-action-up", target);
  g_menu_item_set_action_and_target_value (down, "win.move-action-down", target);
  g_menu_item_set_action_and_target_value (history, "win.show-history", target);
  g_variant_unref (target);
  g_menu_append_item (menu, up);
  g_menu_append_item (menu, down);
  g_menu_append_item (menu, history);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
indsats_action_row_init (IndsatsActionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = -1;
  /* the targets follow the action; the names never change */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "x", (gint64) 0);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", (gint64) 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "win.edit-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "win.delete-action");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->more_button), create_menu_cb, self, NULL);
}

GtkWidget *
indsats_action_row_new (void)
{
  return g_object_new (INDSATS_TYPE_ACTION_ROW, NULL);
}

/* Rows are bound again on every search: what has not changed is left alone,
 * since each change of text or style makes GTK measure or style it anew */
static void
set_text (GtkWidget  *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

static void
set_kind (IndsatsActionRow    *self,
          IndsatsPlanItemKind  kind)
{
  static const char * const row_classes[] = { "team", "focus", "action" };
  static const char * const heading_classes[] = { "title-2", "heading", NULL };

  if (self->kind == (int) kind)
    return;
  if (self->kind >= 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), row_classes[self->kind]);
      if (heading_classes[self->kind])
        gtk_widget_remove_css_class (self->heading, heading_classes[self->kind]);
    }
  self->kind = kind;
  gtk_widget_add_css_class (GTK_WIDGET (self), row_classes[kind]);
  if (heading_classes[kind])
    gtk_widget_add_css_class (self->heading, heading_classes[kind]);
  gtk_widget_set_visible (self->heading, kind != INDSATS_PLAN_ITEM_ACTION);
  gtk_widget_set_visible (self->action_box, kind == INDSATS_PLAN_ITEM_ACTION);
}

/**
 * indsats_action_row_set_item:
 * @today: today's date as YYYY-MM-DD, to tell which planned actions are late
 */
void
indsats_action_row_set_item (IndsatsActionRow *self,
                             IndsatsPlanItem  *item,
                             const char       *today)
{
  IndsatsPlanItemKind kind;
  const IndsatsAction *a;
  g_autofree char *owner = NULL;
  g_autofree char *start = NULL;
  g_autofree char *accessible = NULL;
  gboolean late;

  g_return_if_fail (INDSATS_IS_ACTION_ROW (self));

  if (item == NULL)
    return;

  g_set_object (&self->item, item);
  kind = indsats_plan_item_get_kind (item);
  set_kind (self, kind);
  if (kind != INDSATS_PLAN_ITEM_ACTION)
    {
      set_text (self->heading, indsats_plan_item_get_name (item));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      indsats_plan_item_get_name (item),
                                      -1);
      return;
    }

  a = indsats_plan_item_get_action (item);
  set_text (self->text_label, a->text);
  owner = g_strdup_printf (_("Owner: %s"), a->owner && *a->owner ? a->owner : _("not set"));
  set_text (self->owner_label, owner);
  /* the day it started once it has; a planned action whose day has passed
   * says so, in words and by icon, instead of the day */
  start = indsats_action_date_words (a, today);
  late = indsats_action_is_late (a, today);
  set_text (late ? self->late_label : self->date_label, start);
  gtk_widget_set_visible (self->date_label, !late);
  gtk_widget_set_visible (self->late_box, late);
  set_text (self->status_label, indsats_status_to_label (a->status));

  if (self->action_id != a->id)
    {
      g_autoptr(GVariant) target = g_variant_ref_sink (g_variant_new_int64 (a->id));

      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->edit_button), target);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button), target);
      /* the menu is made when it is opened: rows are bound often while scrolling */
      self->action_id = a->id;
    }

  accessible = g_strdup_printf ("%s. %s. %s. %s", a->text, owner, start, indsats_status_to_label (a->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

/**
 * indsats_action_row_get_item:
 *
 * Returns: (transfer none) (nullable): the row the widget shows
 */
IndsatsPlanItem *
indsats_action_row_get_item (IndsatsActionRow *self)
{
  g_return_val_if_fail (INDSATS_IS_ACTION_ROW (self), NULL);
  return self->item;
}
