/* indsats-window-private.h: what the window's files share */
#pragma once

#include "indsats-follow-up-view.h"
#include "indsats-goals-view.h"
#include "indsats-plan-view.h"
#include "indsats-undo.h"
#include "indsats-window.h"

G_BEGIN_DECLS

struct _IndsatsWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwViewSwitcherTitle *switcher_title;
  AdwHeaderBar         *header_bar;
  GtkWidget            *add_button;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  AdwStatusPage        *error_page;
  AdwToastOverlay      *toast_overlay;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkButton            *cancel_button;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkWidget            *banner_retry;  /* for a failed update only */
  GtkRevealer          *server_revealer;
  GtkLabel             *server_label;
  IndsatsPlanView      *plan_view;
  IndsatsGoalsView     *goals_view;
  IndsatsFollowUpView  *follow_up_view;

  IndsatsStore         *store;
  IndsatsUndoStack     *undo;
  GSettings            *settings;
  gint64                plan_id;
  gint64                chosen_plan;  /* the plan to show; 0: the last one shown, or the first */
  GMenu                *plans_section;
  GCancellable         *job;          /* the import or export under way */
  GtkFileChooserNative *chooser;
  guint                 watch_id;         /* asks whether others changed the store */
  gboolean              refresh_pending;  /* they did, and the window waits to show it */
  gboolean              server_lost;      /* the server stopped answering; the window tries again */
  guint                 server_ticks;     /* watch ticks since the last try */
  gboolean              goals_stale;      /* the goals page waits to be read until it is shown */
  gboolean              since_stale;      /* and so does the page of changes since the last meeting */
  gint64                first_plan;       /* the plan whose actions were read before the window was made */
  GPtrArray            *first_actions;    /* and those actions, shown by the first reload */
};

void _indsats_window_reload          (IndsatsWindow      *self);
char *_indsats_window_chosen_path    (GtkNativeDialog    *chooser,
                                      const char         *suffix);
gboolean _indsats_window_has_setting (IndsatsWindow      *self,
                                      const char         *key);

/* indsats-window-watch.c */
void _indsats_window_start_watch     (IndsatsWindow      *self);
void _indsats_window_stop_watch      (IndsatsWindow      *self);
void _indsats_window_show_access     (IndsatsWindow      *self);
gboolean _indsats_window_check_server (IndsatsWindow     *self);
gboolean _indsats_window_may_change  (IndsatsWindow      *self);
void _indsats_window_update_changing (IndsatsWindow      *self);
void _indsats_window_toast           (IndsatsWindow      *self,
                                      const char         *text);
void _indsats_window_files_class_init (IndsatsWindowClass *klass);
void _indsats_window_actions_class_init (IndsatsWindowClass *klass);
void _indsats_window_keyfigures_class_init (IndsatsWindowClass *klass);
void _indsats_window_plans_class_init (IndsatsWindowClass *klass);
void _indsats_window_fill_plans_menu (IndsatsWindow      *self);
void _indsats_window_briefing_class_init (IndsatsWindowClass *klass);
void _indsats_window_briefing_reload (IndsatsWindow      *self);
void _indsats_window_briefing_ensure (IndsatsWindow      *self);

G_END_DECLS
