/* indsats-window.h */
#pragma once

#include <adwaita.h>

#include "indsats-action-dialog.h"
#include "indsats-application.h"
#include "indsats-follow-up-view.h"
#include "indsats-goals-view.h"
#include "indsats-plan-view.h"
#include "indsats-store.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_WINDOW (indsats_window_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsWindow, indsats_window, INDSATS, WINDOW, AdwApplicationWindow)

IndsatsWindow *indsats_window_new       (IndsatsApplication *application,
                                         IndsatsStore       *store,
                                         const GError       *open_error);
IndsatsWindow *indsats_window_new_read  (IndsatsApplication *application,
                                         IndsatsStore       *store,
                                         const GError       *open_error,
                                         gint64              plan_id,
                                         GPtrArray          *actions);
IndsatsStore  *indsats_window_get_store (IndsatsWindow      *self);
GListModel    *indsats_window_get_items (IndsatsWindow      *self);
gint64         indsats_window_get_plan_id (IndsatsWindow    *self);
IndsatsGoalsView *indsats_window_get_goals_view (IndsatsWindow *self);
IndsatsFollowUpView *indsats_window_get_follow_up_view (IndsatsWindow *self);
gboolean       indsats_window_import_files (IndsatsWindow     *self,
                                            const char * const *paths);
gboolean       indsats_window_export_xlsx (IndsatsWindow      *self,
                                           const char         *path,
                                           const char         *language,
                                           gboolean            native_charts);
gboolean       indsats_window_is_busy     (IndsatsWindow      *self);
gboolean       indsats_window_update_keyfigures (IndsatsWindow *self);
gboolean       indsats_window_update_at_start (IndsatsWindow   *self);
gboolean       indsats_window_preview_import (IndsatsWindow      *self,
                                              const char * const *paths);
const char    *indsats_window_get_banner  (IndsatsWindow      *self);
IndsatsPlanView *indsats_window_get_plan_view (IndsatsWindow  *self);
IndsatsActionDialog *indsats_window_open_action_dialog (IndsatsWindow *self,
                                                      gint64         action_id);
gboolean       indsats_window_set_action_status (IndsatsWindow *self,
                                                 gint64         action_id,
                                                 IndsatsStatus  status);
gboolean       indsats_window_delete_action (IndsatsWindow    *self,
                                             gint64            action_id);
GtkWindow     *indsats_window_show_history (IndsatsWindow     *self,
                                            gint64             action_id);
void           indsats_window_switch_plan (IndsatsWindow      *self,
                                           gint64              plan_id);
gint64         indsats_window_create_plan (IndsatsWindow      *self,
                                           const IndsatsPlan  *plan,
                                           GError            **error);
gboolean       indsats_window_rename      (IndsatsWindow      *self,
                                           gboolean            focus,
                                           gint64              id,
                                           const char         *name,
                                           GError            **error);
gboolean       indsats_window_remove      (IndsatsWindow      *self,
                                           gboolean            focus,
                                           gint64              id,
                                           GError            **error);
AdwMessageDialog *indsats_window_request_remove (IndsatsWindow *self,
                                                 gboolean       focus,
                                                 gint64         id,
                                                 const char    *name,
                                                 int            n_actions,
                                                 GtkWidget     *parent);
gboolean       indsats_window_save_goal_status (IndsatsWindow  *self,
                                                gint64          goal_id,
                                                const char     *status_text,
                                                GError        **error);
gboolean       indsats_window_save_indicator (IndsatsWindow    *self,
                                              const char       *name,
                                              const char       *unit,
                                              gboolean          higher_is_better,
                                              const char       *threshold,
                                              GError          **error);
int            indsats_window_make_figure (IndsatsWindow       *self,
                                           const char          *title,
                                           IndsatsFigureKind    kind,
                                           const char          *indicator,
                                           const char * const  *areas,
                                           const char          *threshold,
                                           gint64               goal_id,
                                           GError             **error);

G_END_DECLS
