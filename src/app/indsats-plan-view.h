/* indsats-plan-view.h: the recovery plan's actions, grouped by team and focus area */
#pragma once

#include <gtk/gtk.h>

#include "indsats-store.h"

G_BEGIN_DECLS

typedef enum
{
  INDSATS_PLAN_FILTER_ALL,
  INDSATS_PLAN_FILTER_PLANNED,
  INDSATS_PLAN_FILTER_STARTED,
  INDSATS_PLAN_FILTER_DONE,
  INDSATS_PLAN_FILTER_DROPPED,
  INDSATS_PLAN_FILTER_LATE,      /* planned, but the start date has passed */
} IndsatsPlanFilter;

#define INDSATS_TYPE_PLAN_VIEW (indsats_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsPlanView, indsats_plan_view, INDSATS, PLAN_VIEW, GtkWidget)

gboolean    indsats_plan_view_load                (IndsatsPlanView     *self,
                                                   IndsatsStore        *store,
                                                   gint64               plan_id,
                                                   GError             **error);
void        indsats_plan_view_show_actions        (IndsatsPlanView     *self,
                                                   GPtrArray           *actions);
GListModel *indsats_plan_view_get_items           (IndsatsPlanView     *self);
GPtrArray  *indsats_plan_view_get_actions         (IndsatsPlanView     *self);
void        indsats_plan_view_set_search          (IndsatsPlanView     *self,
                                                   const char          *text);
void        indsats_plan_view_set_filter          (IndsatsPlanView     *self,
                                                   IndsatsPlanFilter    filter);
void        indsats_plan_view_set_owner           (IndsatsPlanView     *self,
                                                   const char          *owner);
void        indsats_plan_view_set_sort            (IndsatsPlanView     *self,
                                                   const char          *sort);
void        indsats_plan_view_set_today           (IndsatsPlanView     *self,
                                                   const char          *today);
void        indsats_plan_view_focus_search        (IndsatsPlanView     *self);
gint64      indsats_plan_view_get_selected        (IndsatsPlanView     *self);
gboolean    indsats_plan_view_is_filtering        (IndsatsPlanView     *self);
gboolean    indsats_plan_view_is_late             (IndsatsPlanView     *self,
                                                   const IndsatsAction *action);
guint       indsats_plan_view_get_n_actions_shown (IndsatsPlanView     *self);
const char *indsats_plan_view_get_count_text      (IndsatsPlanView     *self);
gboolean    indsats_plan_view_shows_empty_state   (IndsatsPlanView     *self);
void        indsats_plan_empty_words              (IndsatsPlanFilter    filter,
                                                   gboolean             narrowed,
                                                   const char         **title,
                                                   const char         **description);
GPtrArray  *indsats_plan_view_get_rows_on_screen  (IndsatsPlanView     *self);
gboolean    indsats_plan_view_get_rows_waiting   (IndsatsPlanView     *self);
gboolean    indsats_plan_view_focus_list          (IndsatsPlanView     *self);
gboolean    indsats_plan_view_focus_action        (IndsatsPlanView     *self,
                                                   gint64               action_id);
gboolean    indsats_plan_view_focus_filters       (IndsatsPlanView     *self);
int         indsats_plan_view_get_focus_region    (IndsatsPlanView     *self);
gint64      indsats_plan_view_get_current         (IndsatsPlanView     *self);
GtkWidget  *indsats_plan_view_get_focused_row     (IndsatsPlanView     *self);
gint64      indsats_plan_view_get_neighbour       (IndsatsPlanView     *self,
                                                   gint64               action_id);

G_END_DECLS
