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
 *
 * The keyboard in the list is indsats-plan-view-keys.c; the filters' menu of
 * a narrow window, indsats-plan-view-menu.c.
 */
#include "config.h"

#include "indsats-plan-view-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "indsats-accessible.h"
#include "indsats-action-filter.h"
#include "indsats-action-row.h"
#include "indsats-format.h"
#include "indsats-plan-item-private.h"
#include "indsats-slot-model.h"
#include "indsats-text.h"

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
  const char *folded = self->search && *self->search ? _indsats_plan_item_folded (item) : NULL;

  return indsats_action_matches (_indsats_plan_item_action (item), folded,
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

      switch (_indsats_plan_item_kind (item))
        {
        case INDSATS_PLAN_ITEM_ACTION:
          shown = matches (self, item);
          focus_shown |= shown;
          team_shown |= shown;
          n_actions += shown;
          if (shown && _indsats_plan_item_action (item)->id == self->keep_selected)
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
      _indsats_plan_item_set_shown (item, shown);
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
      gtk_label_set_text (self->nothing_title, title);
      gtk_label_set_text (self->nothing_description, description);
      gtk_stack_set_visible_child_name (self->list_stack, "nothing");
    }

  /* the marking counted them: the filter model holds what it marked */
  n_actions = n > 0 ? self->n_actions_marked : 0;
  selected = n > 0 ? self->kept_position : GTK_INVALID_LIST_POSITION;
  self->n_actions_shown = n_actions;

  /* the selected action stays selected where it still shows */
  if (gtk_single_selection_get_selected (self->selection) != selected)
    {
      if (selected != GTK_INVALID_LIST_POSITION)
        _indsats_plan_view_show_all_rows (self);
      gtk_single_selection_set_selected (self->selection, selected);
    }

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
  return _indsats_plan_item_shown (item);
}

static void
search_changed_cb (IndsatsPlanView *self)
{
  if (self->setting_search)
    return;
  indsats_plan_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
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

static void
indsats_plan_view_dispose (GObject *object)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->fold_id, g_source_remove);
  if (self->limit_tick_id != 0 && self->action_list != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->action_list), self->limit_tick_id);
  self->limit_tick_id = 0;
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
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, nothing_title);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, nothing_description);
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
  _indsats_plan_view_add_menu (self);

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

  _indsats_plan_view_add_keys (self);

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

/* The list shows every row from now on */
void
_indsats_plan_view_show_all_rows (IndsatsPlanView *self)
{
  if (self->limit_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->action_list), self->limit_tick_id);
      self->limit_tick_id = 0;
    }
  indsats_slot_model_set_limit (self->slots, G_MAXUINT);
}

static gboolean
show_all_rows_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (user_data);

  /* the first tick comes before the first frame is laid out: that frame
   * builds the rows on screen, the next one the rest */
  if (++self->limit_ticks < 2)
    return G_SOURCE_CONTINUE;
  self->limit_tick_id = 0;
  indsats_slot_model_set_limit (self->slots, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* Before the list is first shown: the first frame gets only as many rows as
 * fit in the window. GTK 4.8's list builds a widget for some thirty rows
 * around the top, each styled, measured and bound (about 2 ms a row); those
 * out of sight can wait for the next frame. */
static void
limit_first_rows (IndsatsPlanView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int width = 0, height = 0;

  if (gtk_widget_get_mapped (GTK_WIDGET (self->action_list)) || self->rows->len > 0 || self->limit_tick_id != 0)
    return;
  if (GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= 0)
    height = 1080;
  /* the lowest rows are headings, and no more than two come together: a
   * team's and a focus area's, then an action's; some 56 px a row at least */
  indsats_slot_model_set_limit (self->slots, height / 56 + 2);
  self->limit_ticks = 0;
  self->limit_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->action_list), show_all_rows_cb, self, NULL);
}

/**
 * indsats_plan_view_get_rows_waiting:
 *
 * Returns: whether the list holds back rows past the first screen, which it
 * shows from the frame after the first
 */
gboolean
indsats_plan_view_get_rows_waiting (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);
  return self->limit_tick_id != 0;
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
  GPtrArray *actions;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);
  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);

  if (!(actions = indsats_store_list_actions (store, plan_id, error)))
    return FALSE;
  indsats_plan_view_show_actions (self, actions);
  return TRUE;
}

/**
 * indsats_plan_view_show_actions:
 * @actions: (transfer full) (element-type IndsatsAction): a plan's actions,
 *   as indsats_store_list_actions() gives them
 *
 * Shows @actions, read before, with the current search and filters.
 */
void
indsats_plan_view_show_actions (IndsatsPlanView *self,
                                GPtrArray       *actions)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  g_return_if_fail (INDSATS_IS_PLAN_VIEW (self));
  g_return_if_fail (actions != NULL);

  g_clear_pointer (&self->actions, g_ptr_array_unref);
  self->actions = actions;

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

  limit_first_rows (self);
  rebuild (self);
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
  _indsats_plan_view_set_menu_state (self, "status", g_variant_new_int32 (filter));
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
  _indsats_plan_view_set_menu_state (self, "owner", g_variant_new_string (owner ? owner : ""));
  refilter (self);
}

void
indsats_plan_view_set_sort (IndsatsPlanView *self,
                            const char      *sort)
{
  g_return_if_fail (INDSATS_IS_PLAN_VIEW (self));

  g_free (self->sort);
  self->sort = g_strdup (sort);
  _indsats_plan_view_set_menu_state (self, "sort", g_variant_new_string (sort ? sort : ""));
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
