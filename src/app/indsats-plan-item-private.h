/* indsats-plan-item-private.h: the rows of the action list, for the loops
 * that go over every row of a plan at each key of a search */
#pragma once

#include "indsats-plan-item.h"

G_BEGIN_DECLS

struct _IndsatsPlanItem
{
  GObject              parent_instance;

  IndsatsPlanItemKind  kind;
  char                *name;
  IndsatsAction       *action;
  gboolean             shown;    /* whether the list's search and filters show the row */
  char                *folded;   /* text and owner, case-folded once for searching */
};

/* The getters without their checks: a search of 5,000 actions calls them
 * tens of thousands of times, and the list's own rows are all items */

static inline IndsatsPlanItemKind
_indsats_plan_item_kind (IndsatsPlanItem *self)
{
  return self->kind;
}

static inline const IndsatsAction *
_indsats_plan_item_action (IndsatsPlanItem *self)
{
  return self->action;
}

static inline gboolean
_indsats_plan_item_shown (IndsatsPlanItem *self)
{
  return self->shown;
}

static inline void
_indsats_plan_item_set_shown (IndsatsPlanItem *self,
                              gboolean         shown)
{
  self->shown = shown;
}

static inline const char *
_indsats_plan_item_folded (IndsatsPlanItem *self)
{
  return self->folded ? self->folded : indsats_plan_item_get_folded (self);
}

G_END_DECLS
