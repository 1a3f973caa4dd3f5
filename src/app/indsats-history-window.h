/* indsats-history-window.h: an action's changes, newest first: what, when and who */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_HISTORY_WINDOW (indsats_history_window_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsHistoryWindow, indsats_history_window, INDSATS, HISTORY_WINDOW, AdwWindow)

IndsatsHistoryWindow *indsats_history_window_new           (GtkWindow            *parent,
                                                            const char           *action_text,
                                                            GPtrArray            *entries);
guint                 indsats_history_window_get_n_changes (IndsatsHistoryWindow *self);
gboolean              indsats_history_window_get_change    (IndsatsHistoryWindow *self,
                                                            guint                 position,
                                                            const char          **what,
                                                            const char          **when);

G_END_DECLS
