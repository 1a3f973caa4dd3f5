/* indsats-since-view.h: what changed since the committee's last meeting */
#pragma once

#include <gtk/gtk.h>

#include "indsats-store.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_SINCE_VIEW (indsats_since_view_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsSinceView, indsats_since_view, INDSATS, SINCE_VIEW, GtkWidget)

gboolean     indsats_since_view_load        (IndsatsSinceView  *self,
                                             IndsatsStore      *store,
                                             gint64             plan_id,
                                             GError           **error);
gboolean     indsats_since_view_has_meeting (IndsatsSinceView  *self);
const char  *indsats_since_view_get_heading (IndsatsSinceView  *self);
GStrv        indsats_since_view_get_lines   (IndsatsSinceView  *self);

G_END_DECLS
