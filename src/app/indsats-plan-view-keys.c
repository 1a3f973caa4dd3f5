/* indsats-plan-view-keys.c
 *
 * The action list by keyboard: from action to action with the arrows, Page
 * Up/Down, Home and End (headings are passed over), the row's menu with
 * Shift+F10 or the Menu key, Alt+Up/Down to move an action, Down or Tab from
 * the search into the list, and a letter typed in the list to search.
 */
#include "config.h"

#include "indsats-plan-view-private.h"

#include "indsats-action-row.h"
#include "indsats-plan-item.h"

/* The position of the first action shown, or GTK_INVALID_LIST_POSITION */
guint
_indsats_plan_view_first_action_position (IndsatsPlanView *self)
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
gboolean
_indsats_plan_view_focus_position (IndsatsPlanView *self,
                guint            position)
{
  g_autoptr(IndsatsPlanItem) item = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  _indsats_plan_view_show_all_rows (self);
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
IndsatsActionRow *
_indsats_plan_view_focused_row (IndsatsPlanView *self)
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
  IndsatsActionRow *row = _indsats_plan_view_focused_row (self);

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
  IndsatsActionRow *row = _indsats_plan_view_focused_row (self);
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
    target = _indsats_plan_view_first_action_position (self);
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
  _indsats_plan_view_focus_position (self, target);
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

/* Called when the view is made */
void
_indsats_plan_view_add_keys (IndsatsPlanView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK),
                                                             gtk_keyval_trigger_new (GDK_KEY_Menu, 0));

  g_signal_connect_swapped (self->search_entry, "map", G_CALLBACK (search_entry_mapped_cb), self);

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
    position = _indsats_plan_view_first_action_position (self);
  return _indsats_plan_view_focus_position (self, position);
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
  return _indsats_plan_view_focus_position (self, action_position (self, action_id));
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
  row = _indsats_plan_view_focused_row (self);
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
  return GTK_WIDGET (_indsats_plan_view_focused_row (self));
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
