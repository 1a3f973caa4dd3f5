/* indsats-window-briefing.h: the window's committee meeting: marking one, what changed since, the briefing */
#pragma once

#include "indsats-since-view.h"
#include "indsats-window.h"

G_BEGIN_DECLS

gboolean          indsats_window_mark_meeting     (IndsatsWindow  *self,
                                                   const char     *name,
                                                   const char     *meeting_date,
                                                   GError        **error);
gboolean          indsats_window_export_briefing  (IndsatsWindow  *self,
                                                   const char     *path);
IndsatsSinceView *indsats_window_get_since_view   (IndsatsWindow  *self);
GtkWindow        *indsats_window_ask_meeting      (IndsatsWindow  *self);

G_END_DECLS
