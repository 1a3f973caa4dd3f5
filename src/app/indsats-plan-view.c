/* indsats-plan-view.c
 *
 * The actions of one plan over a flat model of team headings, focus area
 * headings and actions. The rows are made once per load (or sort); searching
 * (text and owner) and filtering by status or owner only mark which rows
 * show, and a filter model hides the rest. Headings with nothing under them
 * are hidden too.
 *
 * What the window shows follows the filter model: the list or the empty
 * state, the count of actions and the selection are updated from its
 * items-changed and its pending property, never from a count read right
 * after a change. The marking is cheap (a flag per row), so the filter runs
 * at once rather than a piece at a time: GTK 4.8's incremental filter first
 * takes every row away and then brings them back 512 at a time, and the list
 * would build its rows again at each step.
 *
 * A plan of thousands of actions stays quick to type in: the list is a grid
 * of one column, since GTK 4.8's GtkListView keeps 200 row widgets alive
 * whatever the height of the window, and a grid view about 30; and the view
 * sees the rows through slots (indsats-slot-model.c), so a search binds the
 * rows on screen to other actions instead of building new ones.
 */
#include "config.h"

#include "indsats-plan-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "indsats-accessible.h"
#include "indsats-action-filter.h"
#include "indsats-action-row.h"
#include "indsats-format.h"
#include "indsats-plan-item.h"
#include "indsats-slot-model.h"
#include "indsats-text.h"

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
  AdwStatusPage     *nothing_page;
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
};

G_DEFINE_FINAL_TYPE (IndsatsPlanView, indsats_plan_view, GTK_TYPE_WIDGET)

/* GTK 4.8 throws a row widget away when its place goes (the list got
 * shorter, or the place left the screen) and builds a new one for a place
 * that comes: a template of a dozen widgets, styled and measured anew. The
 * view keeps every row it built and gives a new place one that has none; by
 * the time the factory's teardown runs, GTK has already let go of the row,
 * so the rows are kept from the start. Their number stays that of the most
 * places the list had at once. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (user_data);
  GtkWidget *row = NULL;

  for (guint i = 0; i < self->made_rows->len && row == NULL; i++)
    if (gtk_widget_get_parent (g_ptr_array_index (self->made_rows, i)) == NULL)
      row = g_ptr_array_index (self->made_rows, i);
  if (row == NULL)
    {
      row = indsats_action_row_new ();
      g_ptr_array_add (self->made_rows, g_object_ref_sink (row));
    }
  gtk_list_item_set_child (list_item, row);
}

static void
show_slot (IndsatsPlanView *self,
           GtkListItem     *list_item)
{
  IndsatsPlanItem *item = indsats_slot_get_item (gtk_list_item_get_item (list_item));
  GtkWidget *row = gtk_list_item_get_child (list_item);
  gboolean action = indsats_plan_item_get_kind (item) == INDSATS_PLAN_ITEM_ACTION;

  /* headings are not actions: they cannot be activated or selected */
  gtk_list_item_set_activatable (list_item, action);
  gtk_list_item_set_selectable (list_item, action);
  indsats_action_row_set_item (INDSATS_ACTION_ROW (row), item, self->today);
}

static void
slot_item_changed_cb (IndsatsSlot *slot,
                      GParamSpec  *pspec,
                      GtkListItem *list_item)
{
  GtkWidget *view = gtk_widget_get_ancestor (gtk_list_item_get_child (list_item), INDSATS_TYPE_PLAN_VIEW);

  show_slot (INDSATS_PLAN_VIEW (view), list_item);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  /* the slot says when its position shows another row */
  g_signal_connect (gtk_list_item_get_item (list_item), "notify::item",
                    G_CALLBACK (slot_item_changed_cb), list_item);
  show_slot (INDSATS_PLAN_VIEW (user_data), list_item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), slot_item_changed_cb, list_item);
}

/* the view's filters are the core's, in the same order */
G_STATIC_ASSERT ((int) INDSATS_PLAN_FILTER_ALL == (int) INDSATS_ACTION_FILTER_ALL);
G_STATIC_ASSERT ((int) INDSATS_PLAN_FILTER_PLANNED == (int) INDSATS_ACTION_FILTER_PLANNED);
G_STATIC_ASSERT ((int) INDSATS_PLAN_FILTER_STARTED == (int) INDSATS_ACTION_FILTER_STARTED);
G_STATIC_ASSERT ((int) INDSATS_PLAN_FILTER_DONE == (int) INDSATS_ACTION_FILTER_DONE);
G_STATIC_ASSERT ((int) INDSATS_PLAN_FILTER_DROPPED == (int) INDSATS_ACTION_FILTER_DROPPED);
G_STATIC_ASSERT ((int) INDSATS_PLAN_FILTER_LATE == (int) INDSATS_ACTION_FILTER_LATE);

gboolean
indsats_plan_view_is_late (IndsatsPlanView     *self,
                           const IndsatsAction *a)
{
  return indsats_action_is_late (a, self->today);
}

static gboolean
matches (IndsatsPlanView     *self,
         IndsatsPlanItem     *item)
{
  /* folding is the dear part: only a search needs it */
  const char *folded = self->search && *self->search ? indsats_plan_item_get_folded (item) : NULL;

  return indsats_action_matches (indsats_plan_item_get_action (item), folded,
                                 (IndsatsActionFilter) self->filter, self->owner, self->search, self->today);
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  const IndsatsAction *x = *(IndsatsAction **) a, *y = *(IndsatsAction **) b;
  int c = g_strcmp0 (x->start_date, y->start_date);

  return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

static int
compare_owner (gconstpointer a,
               gconstpointer b)
{
  const IndsatsAction *x = *(IndsatsAction **) a, *y = *(IndsatsAction **) b;
  int c = g_utf8_collate (x->owner ? x->owner : "", y->owner ? y->owner : "");

  return c ? c : compare_start (a, b);
}

/* Marks the rows the search and filters show. On the way it counts the
 * actions shown and finds the place of the one to keep selected, so that
 * what follows a key press need not walk the rows again. */
static void
mark_shown (IndsatsPlanView *self,
            GPtrArray       *rows)
{
  gboolean focus_shown = FALSE, team_shown = FALSE;
  guint n_shown = 0, n_actions = 0, kept_after = G_MAXUINT;

  /* from the end, so a heading knows whether anything under it shows */
  for (guint i = rows->len; i-- > 0;)
    {
      IndsatsPlanItem *item = g_ptr_array_index (rows, i);
      gboolean shown = FALSE;

      switch (indsats_plan_item_get_kind (item))
        {
        case INDSATS_PLAN_ITEM_ACTION:
          shown = matches (self, item);
          focus_shown |= shown;
          team_shown |= shown;
          n_actions += shown;
          if (shown && indsats_plan_item_get_action (item)->id == self->keep_selected)
            kept_after = n_shown;
          break;
        case INDSATS_PLAN_ITEM_FOCUS:
          shown = focus_shown;
          focus_shown = FALSE;
          break;
        case INDSATS_PLAN_ITEM_TEAM:
          shown = team_shown;
          team_shown = FALSE;
          break;
        }
      indsats_plan_item_set_shown (item, shown);
      n_shown += shown;
    }
  self->n_actions_marked = n_actions;
  self->kept_position = kept_after == G_MAXUINT ? GTK_INVALID_LIST_POSITION : n_shown - kept_after - 1;
}

/* Folds the rows for the search a few hundred at a time while nothing else
 * happens, so that the first key typed finds them ready */
static gboolean
fold_some_cb (gpointer user_data)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (user_data);
  guint end = MIN (self->rows->len, self->n_folded + 250);

  for (; self->n_folded < end; self->n_folded++)
    indsats_plan_item_get_folded (g_ptr_array_index (self->rows, self->n_folded));
  if (self->n_folded < self->rows->len)
    return G_SOURCE_CONTINUE;
  self->fold_id = 0;
  return G_SOURCE_REMOVE;
}

/* Marks the rows anew, then lets the filter model hide the others */
static void
refilter (IndsatsPlanView *self)
{
  self->keep_selected = indsats_plan_view_get_selected (self);
  mark_shown (self, self->rows);
  gtk_filter_changed (GTK_FILTER (self->shown_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * indsats_plan_empty_words:
 * @narrowed: whether a search or an owner narrows the list too
 *
 * What the list says when nothing shows: with only "Should Have Started"
 * chosen, that is good news, and it says so.
 */
void
indsats_plan_empty_words (IndsatsPlanFilter   filter,
                          gboolean            narrowed,
                          const char        **title,
                          const char        **description)
{
  g_return_if_fail (title != NULL && description != NULL);

  if (filter == INDSATS_PLAN_FILTER_LATE && !narrowed)
    {
      *title = _("Every Action Has Started");
      *description = _("No planned action is past the day it was to take effect.");
      return;
    }
  *title = _("No Matching Actions");
  *description = _("Try another search or filter.");
}

/* What follows the shown rows: the list or the empty state, the count and
 * the selection. Called whenever the filter model changes or finishes. */
static void
rows_changed (IndsatsPlanView *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (items);
  guint n_actions, n_total, selected;
  g_autofree char *shown = NULL;
  g_autofree char *total = NULL;
  g_autofree char *count = NULL;

  /* a filter still at work may not have brought any row yet */
  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  if (gtk_filter_list_model_get_pending (self->items) > 0)
    return;
  if (n == 0)
    {
      const char *title, *description;

      indsats_plan_empty_words (self->filter, (self->search && *self->search) || self->owner != NULL,
                                &title, &description);
      adw_status_page_set_title (self->nothing_page, title);
      adw_status_page_set_description (self->nothing_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "nothing");
    }

  /* the marking counted them: the filter model holds what it marked */
  n_actions = n > 0 ? self->n_actions_marked : 0;
  selected = n > 0 ? self->kept_position : GTK_INVALID_LIST_POSITION;
  self->n_actions_shown = n_actions;

  /* the selected action stays selected where it still shows */
  if (gtk_single_selection_get_selected (self->selection) != selected)
    gtk_single_selection_set_selected (self->selection, selected);

  n_total = self->actions ? self->actions->len : 0;
  shown = indsats_format_number (n_actions, 0);
  total = indsats_format_number (n_total, 0);
  if (n_actions == n_total)
    count = g_strdup_printf (ngettext ("%s action", "%s actions", n_total), total);
  else
    /* TRANSLATORS: the actions that the search and filters show, of all the plan's */
    count = g_strdup_printf (ngettext ("%s of %s action", "%s of %s actions", n_total), shown, total);
  gtk_label_set_text (self->count_label, count);
}

static void
items_changed_cb (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  IndsatsPlanView *self)
{
  rows_changed (self);
}

static void
pending_changed_cb (IndsatsPlanView *self)
{
  rows_changed (self);
}

/* Makes the rows: with headings in the plan's order, or one sorted list */
static void
rebuild (IndsatsPlanView *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  const char *team = NULL, *focus = NULL;

  for (guint i = 0; self->actions && i < self->actions->len; i++)
    g_ptr_array_add (ordered, g_ptr_array_index (self->actions, i));

  if (self->sort)
    {
      /* sorted across the plan: one list, no headings */
      g_ptr_array_sort (ordered, g_str_equal (self->sort, "owner") ? compare_owner : compare_start);
      for (guint i = 0; i < ordered->len; i++)
        g_ptr_array_add (rows, indsats_plan_item_new_action (g_ptr_array_index (ordered, i)));
    }
  else
    for (guint i = 0; i < ordered->len; i++)
      {
        IndsatsAction *a = g_ptr_array_index (ordered, i);

        if (g_strcmp0 (team, a->team) != 0)
          {
            g_ptr_array_add (rows, indsats_plan_item_new_heading (INDSATS_PLAN_ITEM_TEAM, a->team));
            team = a->team;
            focus = NULL;
          }
        if (g_strcmp0 (focus, a->focus) != 0)
          {
            g_ptr_array_add (rows, indsats_plan_item_new_heading (INDSATS_PLAN_ITEM_FOCUS, a->focus));
            focus = a->focus;
          }
        g_ptr_array_add (rows, indsats_plan_item_new_action (a));
      }

  self->keep_selected = indsats_plan_view_get_selected (self);
  mark_shown (self, rows);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_ptr_array_ref (rows);
  self->n_folded = 0;
  if (self->fold_id == 0)
    self->fold_id = g_idle_add_full (G_PRIORITY_LOW, fold_some_cb, self, NULL);
  /* one splice, one items-changed: the rows are made once */
  g_list_store_splice (self->all, 0, g_list_model_get_n_items (G_LIST_MODEL (self->all)),
                       rows->pdata, rows->len);
}

static gboolean
item_shown (gpointer item,
            gpointer user_data)
{
  return indsats_plan_item_get_shown (item);
}

static void
search_changed_cb (IndsatsPlanView *self)
{
  if (self->setting_search)
    return;
  indsats_plan_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
set_menu_state (IndsatsPlanView *self,
                const char      *name,
                GVariant        *state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->filter_actions), name);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), state);
}

static void
filter_changed_cb (IndsatsPlanView *self)
{
  indsats_plan_view_set_filter (self, gtk_drop_down_get_selected (self->filter_dropdown));
}

static void
owner_changed_cb (IndsatsPlanView *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);

  if (self->updating_owners)
    return;
  indsats_plan_view_set_owner (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL
                                     : gtk_string_list_get_string (self->owners, selected));
}

static void
sort_changed_cb (IndsatsPlanView *self)
{
  static const char * const sorts[] = { NULL, "start", "owner" };
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  indsats_plan_view_set_sort (self, selected < G_N_ELEMENTS (sorts) ? sorts[selected] : NULL);
}

static void
activate_cb (GtkGridView     *list,
             guint            position,
             IndsatsPlanView *self)
{
  g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  const IndsatsAction *a = item ? indsats_plan_item_get_action (item) : NULL;

  if (a)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-action", "x", a->id);
}

/* The position of the first action shown, or GTK_INVALID_LIST_POSITION */
static guint
first_action_position (IndsatsPlanView *self)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (items, i);

      if (indsats_plan_item_get_action (item) != NULL)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static guint
action_position (IndsatsPlanView *self,
                 gint64           action_id)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (items, i);
      const IndsatsAction *a = indsats_plan_item_get_action (item);

      if (a && a->id == action_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Selects the row at @position, scrolls to it and gives it the focus */
static gboolean
focus_position (IndsatsPlanView *self,
                guint            position)
{
  g_autoptr(IndsatsPlanItem) item = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  gtk_stack_set_visible_child_name (self->list_stack, "list");
  gtk_single_selection_set_selected (self->selection, position);
  /* the list's own action: it scrolls there, and makes the row's cell */
  gtk_widget_activate_action (GTK_WIDGET (self->action_list), "list.scroll-to-item", "u", position);
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (self->action_list));
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *row = gtk_widget_get_first_child (cell);

      if (INDSATS_IS_ACTION_ROW (row) && indsats_action_row_get_item (INDSATS_ACTION_ROW (row)) == item)
        return gtk_widget_grab_focus (cell);
    }
  return gtk_widget_grab_focus (GTK_WIDGET (self->action_list));
}

/* The row widget that has the keyboard focus, if one of the list's has */
static IndsatsActionRow *
focused_row (IndsatsPlanView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->action_list); w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (INDSATS_IS_ACTION_ROW (w))
        return INDSATS_ACTION_ROW (w);
      /* the list's cell holds the row */
      if (gtk_widget_get_parent (w) == GTK_WIDGET (self->action_list) && INDSATS_IS_ACTION_ROW (child))
        return INDSATS_ACTION_ROW (child);
    }
  return NULL;
}

static gboolean
popup_menu_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (user_data);
  IndsatsActionRow *row = focused_row (self);

  return row != NULL && indsats_action_row_popup_menu (row);
}

/* The position of the action @steps actions away from @position (a heading
 * counts as none), or the nearest one there is */
static guint
step_position (IndsatsPlanView *self,
               guint            position,
               int              steps)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (items), found = GTK_INVALID_LIST_POSITION;
  int direction = steps < 0 ? -1 : 1;

  for (gint64 i = (gint64) position + direction; i >= 0 && i < n && steps != 0; i += direction)
    {
      g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (items, i);

      if (indsats_plan_item_get_action (item) == NULL)
        continue;
      found = i;
      steps -= direction;
    }
  return found;
}

/* Up, Down, Page Up, Page Down, Home and End go from action to action:
 * GTK 4.8 will not put the focus on a heading's row, and would stop there */
static gboolean
move_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (user_data);
  IndsatsActionRow *row = focused_row (self);
  IndsatsPlanItem *item = row ? indsats_action_row_get_item (row) : NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint position = GTK_INVALID_LIST_POSITION, target;
  int steps = g_variant_get_int32 (args);

  for (guint i = 0; item && i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(IndsatsPlanItem) other = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      if (other == item)
        position = i;
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  if (steps == G_MININT32)
    target = first_action_position (self);
  else if (steps == G_MAXINT32)
    target = step_position (self, n, -1);
  else
    {
      if (steps == G_MININT32 + 1 || steps == G_MAXINT32 - 1)
        {
          /* a page: as many actions as there are rows on screen, less one */
          g_autoptr(GPtrArray) shown = indsats_plan_view_get_rows_on_screen (self);
          int page = MAX (1, (int) shown->len - 1);
          steps = steps < 0 ? -page : page;
        }
      target = step_position (self, position, steps);
    }
  if (target == GTK_INVALID_LIST_POSITION || target == position)
    return TRUE;
  focus_position (self, target);
  return TRUE;
}

static void
add_move (GtkShortcutController *controller,
          guint                  keyval,
          guint                  kp_keyval,
          int                    steps,
          IndsatsPlanView       *self)
{
  GtkShortcutTrigger *trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (keyval, 0),
                                                             gtk_keyval_trigger_new (kp_keyval, 0));
  GtkShortcut *shortcut = gtk_shortcut_new (trigger, gtk_callback_action_new (move_cb, self, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (steps));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* The search bar was opened by typing: once it is on screen, the keyboard
 * goes to its entry, after what was typed so far */
static void
search_entry_mapped_cb (IndsatsPlanView *self)
{
  if (!self->focus_search_on_map)
    return;
  self->focus_search_on_map = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}

/* A letter typed in the list or the filters starts a search with it.
 *
 * The search bar slides in, and gives its entry the focus at once; but
 * until the entry is on screen (mapped) GTK gives it no keys, and a key that
 * comes in the meantime (the next letter of a word typed quickly, or sent by
 * an assistive technology) would be lost. So the keyboard goes back where it
 * was, the letters go on to the entry from here, and the entry takes the
 * focus once it is mapped. */
static gboolean
type_to_search_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   IndsatsPlanView       *self)
{
  gunichar c = gdk_keyval_to_unicode (keyval);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  g_autoptr(GtkWidget) had_focus = focus ? g_object_ref (focus) : NULL;
  g_autofree char *text = NULL;
  char utf8[7] = { 0 };

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || c == 0 || !g_unichar_isgraph (c) ||
      (focus && gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE)) || GTK_IS_EDITABLE (focus))
    return FALSE;
  g_unichar_to_utf8 (c, utf8);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  text = g_strconcat (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), utf8, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->search_entry)))
    {
      self->focus_search_on_map = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
    }
  else
    {
      self->focus_search_on_map = TRUE;
      if (had_focus)
        gtk_widget_grab_focus (had_focus);
    }
  return TRUE;
}

/* From the search, Down and Tab go on to the actions found */
static gboolean
search_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               IndsatsPlanView       *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down && keyval != GDK_KEY_Tab)
    return FALSE;
  return indsats_plan_view_focus_list (self);
}

/* The narrow window's menu chose a filter: the drop-downs follow, and through them the list */
static void
menu_state_cb (GSimpleAction   *action,
               GVariant        *value,
               IndsatsPlanView *self)
{
  const char *name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (name, "status"))
    gtk_drop_down_set_selected (self->filter_dropdown, g_variant_get_int32 (value));
  else if (g_str_equal (name, "sort"))
    {
      const char *sort = g_variant_get_string (value, NULL);
      gtk_drop_down_set_selected (self->sort_dropdown, g_str_equal (sort, "start") ? 1 : g_str_equal (sort, "owner") ? 2 : 0);
    }
  else
    {
      const char *owner = g_variant_get_string (value, NULL);
      guint selected = 0;

      for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->owners)); i++)
        if (g_str_equal (gtk_string_list_get_string (self->owners, i), owner))
          selected = i;
      gtk_drop_down_set_selected (self->owner_dropdown, selected);
    }
}

static void
append_choice (GMenu      *section,
               const char *label,
               const char *action,
               GVariant   *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (section, item);
}

/* The menu of the filters, made when it opens: the owners are the plan's */
static void
create_filter_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (user_data);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) owners = g_menu_new ();
  g_autoptr(GMenu) sort = g_menu_new ();
  GListModel *statuses = gtk_drop_down_get_model (self->filter_dropdown);
  GListModel *sorts = gtk_drop_down_get_model (self->sort_dropdown);
  static const char * const sort_names[] = { "", "start", "owner" };

  /* the same words as the drop-downs, in the same order */
  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    append_choice (status, gtk_string_list_get_string (GTK_STRING_LIST (statuses), i), "plan.status",
                   g_variant_new_int32 (i));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->owners)); i++)
    append_choice (owners, gtk_string_list_get_string (self->owners, i), "plan.owner",
                   g_variant_new_string (i == 0 ? "" : gtk_string_list_get_string (self->owners, i)));
  for (guint i = 0; i < g_list_model_get_n_items (sorts) && i < G_N_ELEMENTS (sort_names); i++)
    append_choice (sort, gtk_string_list_get_string (GTK_STRING_LIST (sorts), i), "plan.sort",
                   g_variant_new_string (sort_names[i]));
  g_menu_append_section (menu, _("Status"), G_MENU_MODEL (status));
  g_menu_append_submenu (menu, _("_Owner"), G_MENU_MODEL (owners));
  g_menu_append_section (menu, _("Order"), G_MENU_MODEL (sort));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
add_filter_actions (IndsatsPlanView *self)
{
  struct { const char *name; GVariant *state; } choices[] = {
    { "status", g_variant_new_int32 (0) },
    { "owner", g_variant_new_string ("") },
    { "sort", g_variant_new_string ("") },
  };

  self->filter_actions = g_simple_action_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GSimpleAction *action = g_simple_action_new_stateful (choices[i].name, g_variant_get_type (choices[i].state),
                                                            choices[i].state);

      g_signal_connect (action, "change-state", G_CALLBACK (menu_state_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self->filter_actions), G_ACTION (action));
      g_object_unref (action);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "plan", G_ACTION_GROUP (self->filter_actions));
  gtk_menu_button_set_create_popup_func (self->filter_menu_button, create_filter_menu_cb, self, NULL);
}

static void
indsats_plan_view_dispose (GObject *object)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->fold_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_PLAN_VIEW);
  /* the template's root is not bound to a field: unparent it too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  if (self->items)
    g_signal_handlers_disconnect_by_data (self->items, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->items);
  g_clear_object (&self->all);
  g_clear_object (&self->owners);
  g_clear_object (&self->filter_actions);

  G_OBJECT_CLASS (indsats_plan_view_parent_class)->dispose (object);
}

static void
indsats_plan_view_finalize (GObject *object)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (object);

  g_clear_pointer (&self->actions, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->made_rows, g_ptr_array_unref);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->sort, g_free);

  G_OBJECT_CLASS (indsats_plan_view_parent_class)->finalize (object);
}

static void
indsats_plan_view_class_init (IndsatsPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_plan_view_dispose;
  object_class->finalize = indsats_plan_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, count_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, nothing_page);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, action_list);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, filter_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, owner_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  g_type_ensure (INDSATS_TYPE_ACTION_ROW);
}

static void
indsats_plan_view_init (IndsatsPlanView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  add_filter_actions (self);

  self->today = indsats_today_iso ();
  self->all = g_list_store_new (INDSATS_TYPE_PLAN_ITEM);
  self->shown_filter = gtk_custom_filter_new (item_shown, NULL, NULL);
  self->rows = g_ptr_array_new ();
  self->made_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->items = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->all)), GTK_FILTER (self->shown_filter));
  /* the slots first, so that they show the new rows before the count and selection follow */
  self->slots = indsats_slot_model_new (G_LIST_MODEL (self->items));
  g_signal_connect (self->items, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_signal_connect_swapped (self->items, "notify::pending", G_CALLBACK (pending_changed_cb), self);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_grid_view_set_factory (self->action_list, factory);
  gtk_grid_view_set_model (self->action_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->action_list, "activate", G_CALLBACK (activate_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_entry, "map", G_CALLBACK (search_entry_mapped_cb), self);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    GtkShortcutTrigger *trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                               gtk_keyval_trigger_new (GDK_KEY_Menu, 0));

    /* before the entry's text sees the key */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
    /* typing anywhere in the view searches, as in GNOME's lists; after the
     * list had its say, so that its own keys stay its own */
    keys = gtk_event_controller_key_new ();
    g_signal_connect (keys, "key-pressed", G_CALLBACK (type_to_search_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (trigger, gtk_callback_action_new (popup_menu_cb, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->action_list), shortcuts);

    /* before the list's own keys */
    shortcuts = gtk_shortcut_controller_new ();
    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    /* Alt+Up and Alt+Down move the action, not the focus */
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Up, GDK_ALT_MASK),
                                                            gtk_named_action_new ("win.move-selected-up")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Down, GDK_ALT_MASK),
                                                            gtk_named_action_new ("win.move-selected-down")));
    add_move (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Up, GDK_KEY_KP_Up, -1, self);
    add_move (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Down, GDK_KEY_KP_Down, 1, self);
    add_move (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Page_Up, GDK_KEY_KP_Page_Up, G_MININT32 + 1, self);
    add_move (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Page_Down, GDK_KEY_KP_Page_Down, G_MAXINT32 - 1, self);
    add_move (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Home, GDK_KEY_KP_Home, G_MININT32, self);
    add_move (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_End, GDK_KEY_KP_End, G_MAXINT32, self);
    gtk_widget_add_controller (GTK_WIDGET (self->action_list), shortcuts);
  }

  /* the button in each drop-down is what a reader reaches: it says which filter it is */
  indsats_accessible_name_inner (GTK_WIDGET (self->filter_dropdown), _("Status Filter"));
  indsats_accessible_name_inner (GTK_WIDGET (self->owner_dropdown), _("Owner Filter"));
  indsats_accessible_name_inner (GTK_WIDGET (self->sort_dropdown), _("Sort"));

  /* the search bar's own close button has an icon and no name */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->search_bar)); w; )
    {
      if (GTK_IS_BUTTON (w))
        {
          gtk_widget_set_tooltip_text (w, _("Close Search"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Search"), -1);
          break;
        }
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w) == GTK_WIDGET (self->search_bar) ? NULL : gtk_widget_get_parent (w);
          w = w ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }

  self->owners = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (self->owners));
}

/**
 * indsats_plan_view_load:
 *
 * Shows the actions of @plan_id, read from @store, with the current search and filters.
 */
gboolean
indsats_plan_view_load (IndsatsPlanView  *self,
                        IndsatsStore     *store,
                        gint64            plan_id,
                        GError          **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);
  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);

  if (!(actions = indsats_store_list_actions (store, plan_id, error)))
    return FALSE;
  g_clear_pointer (&self->actions, g_ptr_array_unref);
  self->actions = g_steal_pointer (&actions);

  /* the owners used in the plan, for the owner filter */
  g_ptr_array_add (names, (gpointer) _("All Owners"));
  for (guint i = 0; i < self->actions->len; i++)
    {
      const char *owner = ((IndsatsAction *) g_ptr_array_index (self->actions, i))->owner;
      gboolean seen = owner == NULL || *owner == '\0';

      for (guint k = 1; k < names->len && !seen; k++)
        seen = g_strcmp0 (g_ptr_array_index (names, k), owner) == 0;
      if (!seen)
        g_ptr_array_add (names, (gpointer) owner);
    }
  for (guint k = 1; k < names->len; k++)
    if (g_strcmp0 (g_ptr_array_index (names, k), self->owner) == 0)
      selected = k;
  g_ptr_array_add (names, NULL);
  self->updating_owners = TRUE;
  gtk_string_list_splice (self->owners, 0, g_list_model_get_n_items (G_LIST_MODEL (self->owners)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->owner_dropdown, selected);
  self->updating_owners = FALSE;
  if (selected == 0)
    g_clear_pointer (&self->owner, g_free);

  rebuild (self);
  return TRUE;
}

/**
 * indsats_plan_view_get_items:
 *
 * Returns: (transfer none): the rows shown (teams, focus areas, actions)
 */
GListModel *
indsats_plan_view_get_items (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), NULL);
  return G_LIST_MODEL (self->items);
}

/**
 * indsats_plan_view_get_actions:
 *
 * Returns: (transfer none) (element-type IndsatsAction): all the plan's actions
 */
GPtrArray *
indsats_plan_view_get_actions (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), NULL);
  return self->actions;
}

void
indsats_plan_view_set_search (IndsatsPlanView *self,
                              const char      *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (INDSATS_IS_PLAN_VIEW (self));

  if (text == NULL)
    text = "";
  /* the entry first: on its way to the new text it passes through "", for
   * which it says search-changed at once; that must not search for "" */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    {
      self->setting_search = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
      self->setting_search = FALSE;
    }
  folded = g_strstrip (indsats_text_fold (text));
  /* the entry says search-changed again once the typing stops */
  if (self->search && g_str_equal (folded, self->search))
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  refilter (self);
}

void
indsats_plan_view_set_filter (IndsatsPlanView   *self,
                              IndsatsPlanFilter  filter)
{
  g_return_if_fail (INDSATS_IS_PLAN_VIEW (self));

  self->filter = filter;
  set_menu_state (self, "status", g_variant_new_int32 (filter));
  if (gtk_drop_down_get_selected (self->filter_dropdown) != filter)
    gtk_drop_down_set_selected (self->filter_dropdown, filter);
  refilter (self);
}

void
indsats_plan_view_set_owner (IndsatsPlanView *self,
                             const char      *owner)
{
  g_return_if_fail (INDSATS_IS_PLAN_VIEW (self));

  g_free (self->owner);
  self->owner = g_strdup (owner);
  set_menu_state (self, "owner", g_variant_new_string (owner ? owner : ""));
  refilter (self);
}

void
indsats_plan_view_set_sort (IndsatsPlanView *self,
                            const char      *sort)
{
  g_return_if_fail (INDSATS_IS_PLAN_VIEW (self));

  g_free (self->sort);
  self->sort = g_strdup (sort);
  set_menu_state (self, "sort", g_variant_new_string (sort ? sort : ""));
  rebuild (self);
}

/* For tests and for a clock that passes midnight */
void
indsats_plan_view_set_today (IndsatsPlanView *self,
                             const char      *today)
{
  g_return_if_fail (INDSATS_IS_PLAN_VIEW (self));

  g_free (self->today);
  self->today = g_strdup (today);
  /* the rows say which actions are late: make them again */
  rebuild (self);
}

void
indsats_plan_view_focus_search (IndsatsPlanView *self)
{
  g_return_if_fail (INDSATS_IS_PLAN_VIEW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * indsats_plan_view_get_selected:
 *
 * Returns: the id of the selected action, 0 when none is
 */
gint64
indsats_plan_view_get_selected (IndsatsPlanView *self)
{
  IndsatsSlot *slot;
  IndsatsPlanItem *item;
  const IndsatsAction *a;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), 0);

  slot = gtk_single_selection_get_selected_item (self->selection);
  item = slot ? indsats_slot_get_item (slot) : NULL;
  a = item ? indsats_plan_item_get_action (item) : NULL;
  return a ? a->id : 0;
}

/**
 * indsats_plan_view_is_filtering:
 *
 * Returns: %TRUE while a big plan's rows are still being filtered
 */
gboolean
indsats_plan_view_is_filtering (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);
  return gtk_filter_list_model_get_pending (self->items) > 0;
}

/**
 * indsats_plan_view_get_rows_on_screen:
 *
 * What a person sees of the list, for tests and benchmarks: the rows whose
 * widgets are drawn in the visible part of the list, top to bottom. Empty
 * while the empty state shows.
 *
 * Returns: (transfer container) (element-type IndsatsPlanItem): the rows on screen
 */
GPtrArray *
indsats_plan_view_get_rows_on_screen (IndsatsPlanView *self)
{
  GPtrArray *rows = g_ptr_array_new ();
  graphene_rect_t visible;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), rows);

  if (!gtk_widget_is_drawable (GTK_WIDGET (self->list_scroller)))
    return rows;
  graphene_rect_init (&visible, 0, 0,
                      gtk_widget_get_width (GTK_WIDGET (self->list_scroller)),
                      gtk_widget_get_height (GTK_WIDGET (self->list_scroller)));
  /* the grid's children hold the rows, in the order of the model */
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (self->action_list));
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *row = gtk_widget_get_first_child (cell);
      graphene_rect_t bounds;

      if (!INDSATS_IS_ACTION_ROW (row) || !gtk_widget_is_drawable (row) ||
          indsats_action_row_get_item (INDSATS_ACTION_ROW (row)) == NULL ||
          !gtk_widget_compute_bounds (row, GTK_WIDGET (self->list_scroller), &bounds) ||
          bounds.size.height < 1 ||
          !graphene_rect_intersection (&bounds, &visible, &bounds) || bounds.size.height < 1)
        continue;
      g_ptr_array_add (rows, indsats_action_row_get_item (INDSATS_ACTION_ROW (row)));
    }
  return rows;
}

/**
 * indsats_plan_view_get_n_actions_shown:
 *
 * Returns: how many actions the list shows, as its count says
 */
guint
indsats_plan_view_get_n_actions_shown (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), 0);
  return self->n_actions_shown;
}

/**
 * indsats_plan_view_get_count_text:
 *
 * Returns: the count of actions as the window shows it
 */
const char *
indsats_plan_view_get_count_text (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), NULL);
  return gtk_label_get_text (self->count_label);
}

/**
 * indsats_plan_view_shows_empty_state:
 *
 * Returns: %TRUE when the view says that no action matches
 */
gboolean
indsats_plan_view_shows_empty_state (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "nothing") == 0;
}

/**
 * indsats_plan_view_focus_list:
 *
 * Gives the keyboard focus to the list: to the row that had it last, or the
 * selected action, or the first action shown.
 *
 * Returns: %TRUE when a row has the focus
 */
gboolean
indsats_plan_view_focus_list (IndsatsPlanView *self)
{
  guint position;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    position = first_action_position (self);
  return focus_position (self, position);
}

/**
 * indsats_plan_view_focus_action:
 *
 * Selects @action_id, scrolls to it and gives its row the keyboard focus.
 *
 * Returns: %TRUE when the action is shown and has the focus
 */
gboolean
indsats_plan_view_focus_action (IndsatsPlanView *self,
                                gint64           action_id)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);
  return focus_position (self, action_position (self, action_id));
}

/**
 * indsats_plan_view_focus_filters:
 *
 * Gives the keyboard focus to the first of the filters, or the menu that
 * holds them in a narrow window.
 */
gboolean
indsats_plan_view_focus_filters (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);

  if (gtk_widget_get_mapped (GTK_WIDGET (self->filter_dropdown)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->filter_dropdown));
  return gtk_widget_grab_focus (GTK_WIDGET (self->filter_menu_button));
}

/**
 * indsats_plan_view_get_focus_region:
 *
 * Returns: where the keyboard focus is in the view: 1 in the search or the
 *   filters, 2 in the list, 0 elsewhere
 */
int
indsats_plan_view_get_focus_region (IndsatsPlanView *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), 0);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return 0;
  if (focus == GTK_WIDGET (self->action_list) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->action_list)))
    return 2;
  return 1;
}

/**
 * indsats_plan_view_get_current:
 *
 * The action that Enter, Delete and Alt+Up/Down work on: the one whose row
 * has the keyboard focus, else the selected one.
 *
 * Returns: its id, 0 when there is none (a heading has the focus, say)
 */
gint64
indsats_plan_view_get_current (IndsatsPlanView *self)
{
  IndsatsActionRow *row;
  IndsatsPlanItem *item;
  const IndsatsAction *a;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), 0);

  if (indsats_plan_view_get_focus_region (self) != 2)
    return indsats_plan_view_get_selected (self);
  row = focused_row (self);
  item = row ? indsats_action_row_get_item (row) : NULL;
  a = item ? indsats_plan_item_get_action (item) : NULL;
  return a ? a->id : 0;
}

/**
 * indsats_plan_view_get_focused_row:
 *
 * Returns: (transfer none) (nullable): the row widget with the keyboard focus
 */
GtkWidget *
indsats_plan_view_get_focused_row (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), NULL);
  return GTK_WIDGET (focused_row (self));
}

/**
 * indsats_plan_view_get_neighbour:
 *
 * Returns: the action shown after @action_id, or before it when it is the
 *   last; 0 when it is the only one
 */
gint64
indsats_plan_view_get_neighbour (IndsatsPlanView *self,
                                 gint64           action_id)
{
  GListModel *items;
  guint position, n;
  gint64 before = 0;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), 0);

  items = G_LIST_MODEL (self->items);
  n = g_list_model_get_n_items (items);
  position = action_position (self, action_id);
  for (guint i = 0; i < n && position != GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (items, i);
      const IndsatsAction *a = indsats_plan_item_get_action (item);

      if (a == NULL || i == position)
        continue;
      if (i > position)
        return a->id;
      before = a->id;
    }
  return before;
}
