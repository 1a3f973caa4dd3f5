/* indsats-plan-view.h: the recovery plan's actions, grouped by team and focus area */
#pragma once

#include <gtk/gtk.h>

#include "indsats-store.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_PLAN_VIEW (indsats_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsPlanView, indsats_plan_view, INDSATS, PLAN_VIEW, GtkWidget)

gboolean    indsats_plan_view_load      (IndsatsPlanView  *self,
                                         IndsatsStore     *store,
                                         gint64            plan_id,
                                         GError          **error);
GListModel *indsats_plan_view_get_items (IndsatsPlanView  *self);

G_END_DECLS
