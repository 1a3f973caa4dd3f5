/* indsats-follow-up-view.h: the weekly meeting's page: are we under the line yet? */
#pragma once

#include <gtk/gtk.h>

#include "indsats-store.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_FOLLOW_UP_VIEW (indsats_follow_up_view_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsFollowUpView, indsats_follow_up_view, INDSATS, FOLLOW_UP_VIEW, GtkWidget)

gboolean indsats_follow_up_view_load          (IndsatsFollowUpView  *self,
                                               IndsatsStore         *store,
                                               gint64                plan_id,
                                               GError              **error);
guint    indsats_follow_up_view_get_n_triggers (IndsatsFollowUpView *self);
GPtrArray *indsats_follow_up_view_get_cards (IndsatsFollowUpView *self);
char    *indsats_follow_up_view_describe      (IndsatsFollowUpView  *self,
                                               guint                 trigger);

G_END_DECLS
