/* indsats-plan-item.h: one row of the action list: a team, a focus area or an action */
#pragma once

#include <glib-object.h>

#include "indsats-model.h"

G_BEGIN_DECLS

typedef enum
{
  INDSATS_PLAN_ITEM_TEAM,
  INDSATS_PLAN_ITEM_FOCUS,
  INDSATS_PLAN_ITEM_ACTION,
} IndsatsPlanItemKind;

#define INDSATS_TYPE_PLAN_ITEM (indsats_plan_item_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsPlanItem, indsats_plan_item, INDSATS, PLAN_ITEM, GObject)

IndsatsPlanItem     *indsats_plan_item_new_heading (IndsatsPlanItemKind  kind,
                                                    const char          *name);
IndsatsPlanItem     *indsats_plan_item_new_action  (const IndsatsAction *action);
IndsatsPlanItemKind  indsats_plan_item_get_kind    (IndsatsPlanItem     *self);
const char          *indsats_plan_item_get_name    (IndsatsPlanItem     *self);
const IndsatsAction *indsats_plan_item_get_action  (IndsatsPlanItem     *self);
const char          *indsats_plan_item_get_folded  (IndsatsPlanItem     *self);

G_END_DECLS
