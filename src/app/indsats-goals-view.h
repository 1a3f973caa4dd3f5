/* indsats-goals-view.h: the employment plan's goals with their figures */
#pragma once

#include <gtk/gtk.h>

#include "indsats-store.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_GOALS_VIEW (indsats_goals_view_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsGoalsView, indsats_goals_view, INDSATS, GOALS_VIEW, GtkWidget)

gboolean   indsats_goals_view_load        (IndsatsGoalsView  *self,
                                           IndsatsStore      *store,
                                           GError           **error);
GPtrArray *indsats_goals_view_get_cards   (IndsatsGoalsView  *self);

G_END_DECLS
