/* indsats-plan-view-private.h: what the plan view's files share */
#pragma once

#include <adwaita.h>

#include "indsats-action-row.h"
#include "indsats-plan-view.h"
#include "indsats-slot-model.h"

G_BEGIN_DECLS

struct _IndsatsPlanView
{
  GtkWidget          parent_instance;

  /* template children */
  GtkSearchBar      *search_bar;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *filter_dropdown;
  GtkDropDown       *owner_dropdown;
  GtkDropDown       *sort_dropdown;
  GtkLabel          *count_label;
  GtkStack          *list_stack;
  GtkLabel          *nothing_title;
  GtkLabel          *nothing_description;
  GtkScrolledWindow *list_scroller;
  GtkGridView       *action_list;
  GtkMenuButton     *filter_menu_button;

  GListStore        *all;         /* every row of the plan, in the order shown */
  GPtrArray         *rows;        /* the same rows, to mark them quickly */
  GPtrArray         *made_rows;   /* of IndsatsActionRow: every one built, in a place or waiting for one */
  GtkCustomFilter   *shown_filter;
  GtkFilterListModel *items;      /* the rows the search and filters show */
  IndsatsSlotModel  *slots;       /* the same rows, as the list sees them */
  GtkSingleSelection *selection;
  GtkStringList     *owners;
  GSimpleActionGroup *filter_actions; /* the filters as the narrow window's menu sets them */
  GPtrArray         *actions;     /* of IndsatsAction: the whole plan */
  char              *today;
  char              *search;      /* folded for comparison */
  char              *owner;       /* NULL: every owner */
  char              *sort;        /* NULL: the plan's order; "start" or "owner" */
  IndsatsPlanFilter  filter;
  gboolean           updating_owners;
  gboolean           setting_search;
  gboolean           focus_search_on_map; /* typing began in the list while the search bar was hidden */
  gint64             keep_selected; /* the action to select again once the rows are filtered */
  guint              kept_position; /* its place among the rows shown, as the marking found it */
  guint              n_actions_marked; /* the actions the marking shows */
  guint              n_actions_shown;
  guint              fold_id;       /* folds the rows for searching, while the window is idle */
  guint              n_folded;      /* the rows folded so far */
  guint              limit_tick_id; /* shows the rows past the first screen in the second frame */
  guint              limit_ticks;
};

/* indsats-plan-view.c */
void              _indsats_plan_view_show_all_rows         (IndsatsPlanView *self);

/* indsats-plan-view-keys.c */
void              _indsats_plan_view_add_keys              (IndsatsPlanView *self);
guint             _indsats_plan_view_first_action_position (IndsatsPlanView *self);
gboolean          _indsats_plan_view_focus_position        (IndsatsPlanView *self,
                                                            guint            position);
IndsatsActionRow *_indsats_plan_view_focused_row           (IndsatsPlanView *self);

/* indsats-plan-view-menu.c */
void              _indsats_plan_view_add_menu              (IndsatsPlanView *self);
void              _indsats_plan_view_set_menu_state        (IndsatsPlanView *self,
                                                            const char      *name,
                                                            GVariant        *state);

G_END_DECLS
