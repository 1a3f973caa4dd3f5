/* test-ui-keyboard.c: the weekly routine with the keyboard alone, in the real
 * window under Xvfb. Every step is a key press that goes through the X
 * server; the test then reads what a person would see (the page shown, the
 * row with the focus, the dialogs open) and what the database holds. */
#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "indsats-action-dialog.h"
#include "indsats-action-row.h"
#include "indsats-application.h"
#include "indsats-demo.h"
#include "indsats-format.h"
#include "indsats-history-window.h"
#include "indsats-import-dialog.h"
#include "indsats-plan-item.h"
#include "indsats-plan-view.h"
#include "indsats-row-text.h"
#include "indsats-remove-dialog.h"
#include "indsats-window.h"
#include "test-keys.h"
#include "test-util.h"

static char *dir;

/* the demo's planned action, whose start date has passed */
#define SELVBOOK "At få selvbook til at fungere"

static char *
db_text (const char *path,
         const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
db_int (const char *path,
        const char *sql)
{
  g_autofree char *text = db_text (path, sql);
  return text ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static IndsatsWindow *
open_window (const char    *name,
             int            width,
             char         **path_out,
             IndsatsStore **store_out)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  IndsatsStore *store = indsats_store_open (path, &error);
  IndsatsWindow *window;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 760);
  gtk_window_present (GTK_WINDOW (window));
  indsats_test_wait_active (GTK_WINDOW (window));
  indsats_test_settle ();
  *path_out = path;
  *store_out = store;
  return window;
}

static const char *
page (IndsatsWindow *window)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (indsats_window_get_plan_view (window)),
                                                                 ADW_TYPE_VIEW_STACK));
  return adw_view_stack_get_visible_child_name (stack);
}

/* The action whose row has the keyboard focus; NULL when no action's has */
static const IndsatsAction *
focused_action (IndsatsWindow *window)
{
  GtkWidget *row = indsats_plan_view_get_focused_row (indsats_window_get_plan_view (window));
  IndsatsPlanItem *item = row ? indsats_action_row_get_item (INDSATS_ACTION_ROW (row)) : NULL;

  return item ? indsats_plan_item_get_action (item) : NULL;
}

static GtkWidget *
focus_widget (IndsatsWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* The windows open over the main one */
static GPtrArray *
dialogs (IndsatsWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (w != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (w)))
        g_ptr_array_add (found, w);
    }
  return found;
}

/* The popover of the menu button in @row, when it shows */
static GtkWidget *
open_menu (GtkWidget *row)
{
  for (GtkWidget *w = row ? gtk_widget_get_first_child (row) : NULL; w; )
    {
      if (GTK_IS_MENU_BUTTON (w))
        {
          GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (w));
          return popover && gtk_widget_get_visible (GTK_WIDGET (popover)) ? GTK_WIDGET (popover) : NULL;
        }
      /* depth first */
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && w != row && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w && w != row ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  return NULL;
}

static void
wait_for_search (IndsatsWindow *window,
                 guint          expected)
{
  IndsatsPlanView *view = indsats_window_get_plan_view (window);
  gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;

  /* the entry reports a change a moment after the key */
  while (indsats_plan_view_get_n_actions_shown (view) != expected && g_get_monotonic_time () < until)
    indsats_test_settle ();
  g_assert_cmpuint (indsats_plan_view_get_n_actions_shown (view), ==, expected);
}

static void
test_pages_and_search (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("pages.db", 1000, &path, &store);
  const IndsatsAction *a;
  gint64 first, second, last;

  /* Alt+1, Alt+2, Alt+3: the three pages */
  indsats_test_press ("<Alt>3");
  g_assert_cmpstr (page (window), ==, "goals");
  indsats_test_press ("<Alt>1");
  g_assert_cmpstr (page (window), ==, "follow-up");
  indsats_test_press ("<Alt>2");
  g_assert_cmpstr (page (window), ==, "plan");
  /* the list has the keyboard at once, on its first action */
  a = focused_action (window);
  g_assert_nonnull (a);
  first = db_int (path, "SELECT a.id FROM action a JOIN focus_area f ON f.id = a.focus_id"
                        " JOIN team t ON t.id = f.team_id ORDER BY t.position, f.position, a.position LIMIT 1");
  g_assert_cmpint (a->id, ==, first);

  /* Up and Down, Page Down, End and Home move between the rows */
  indsats_test_press ("Down");
  g_assert_nonnull (focused_action (window));
  second = focused_action (window)->id;
  g_assert_cmpint (second, !=, first);
  indsats_test_press ("Up");
  g_assert_cmpint (focused_action (window)->id, ==, first);
  indsats_test_press ("Page_Down");
  g_assert_nonnull (focused_action (window));
  g_assert_cmpint (focused_action (window)->id, !=, first);
  g_assert_cmpint (focused_action (window)->id, !=, second);
  indsats_test_press ("End");
  last = db_int (path, "SELECT a.id FROM action a JOIN focus_area f ON f.id = a.focus_id"
                       " JOIN team t ON t.id = f.team_id ORDER BY t.position DESC, f.position DESC, a.position DESC LIMIT 1");
  g_assert_nonnull (focused_action (window));
  g_assert_cmpint (focused_action (window)->id, ==, last);
  indsats_test_press ("Home");
  g_assert_nonnull (focused_action (window));
  g_assert_cmpint (focused_action (window)->id, ==, first);

  /* Down goes past the headings into the next focus area, and the next team */
  for (int i = 0; i < 24; i++)
    indsats_test_press ("Down");
  g_assert_cmpint (focused_action (window)->id, ==, last);
  indsats_test_press ("Page_Up");
  g_assert_cmpint (focused_action (window)->id, !=, last);

  /* typing in the list searches; Down goes on to what was found */
  indsats_test_type ("selvbook");
  wait_for_search (window, 1);
  g_assert_true (GTK_IS_TEXT (focus_widget (window)));
  indsats_test_press ("Down");
  a = focused_action (window);
  g_assert_nonnull (a);
  g_assert_true (g_str_has_prefix (a->text, SELVBOOK));

  /* and Tab does the same from the search field */
  indsats_test_press ("<Control>f");
  g_assert_true (GTK_IS_TEXT (focus_widget (window)));
  indsats_test_press ("Tab");
  a = focused_action (window);
  g_assert_nonnull (a);
  g_assert_true (g_str_has_prefix (a->text, SELVBOOK));

  /* Escape in the search field ends the search: every action again */
  indsats_test_press ("<Control>f");
  indsats_test_press ("Escape");
  wait_for_search (window, 25);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_edit_delete_move (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("edit.db", 1000, &path, &store);
  g_autoptr(GPtrArray) open = NULL;
  const IndsatsAction *a;
  g_autofree char *note = NULL;
  gint64 id, next;

  indsats_test_press ("<Alt>2");
  indsats_test_press ("Down");
  a = focused_action (window);
  g_assert_nonnull (a);
  id = a->id;

  /* Enter opens the form on that action; Escape closes it unsaved */
  indsats_test_press ("Return");
  open = dialogs (window);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (INDSATS_IS_ACTION_DIALOG (open->pdata[0]));
  indsats_test_wait_active (open->pdata[0]);
  indsats_test_press ("Escape");
  g_clear_pointer (&open, g_ptr_array_unref);
  open = dialogs (window);
  g_assert_cmpuint (open->len, ==, 0);
  indsats_test_wait_active (GTK_WINDOW (window));
  g_clear_pointer (&open, g_ptr_array_unref);

  /* Ctrl+Return saves; Save is the form's default; the focus comes back to the row */
  indsats_test_press ("Return");
  open = dialogs (window);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (gtk_window_get_default_widget (open->pdata[0]) ==
                 GTK_WIDGET (gtk_widget_get_template_child (open->pdata[0], INDSATS_TYPE_ACTION_DIALOG, "save_button")));
  indsats_test_wait_active (open->pdata[0]);
  indsats_action_dialog_set_field (open->pdata[0], "note", "Gennemgået på mødet");
  indsats_test_press ("<Control>Return");
  g_clear_pointer (&open, g_ptr_array_unref);
  open = dialogs (window);
  g_assert_cmpuint (open->len, ==, 0);
  indsats_test_wait_active (GTK_WINDOW (window));
  note = db_text (path, "SELECT note FROM action WHERE id = (SELECT max(action_id) FROM action_history WHERE field = 'note')");
  g_assert_cmpstr (note, ==, "Gennemgået på mødet");
  g_assert_cmpint (db_int (path, "SELECT max(action_id) FROM action_history WHERE field = 'note'"), ==, id);
  g_assert_nonnull (focused_action (window));
  g_assert_cmpint (focused_action (window)->id, ==, id);

  /* Alt+Up moves the action up in its focus area (it is the second), and the focus goes with it */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT position FROM action WHERE id = %" G_GINT64_FORMAT, id);
    gint64 before = db_int (path, sql);

    indsats_test_press ("<Alt>Up");
    g_assert_cmpint (db_int (path, sql), <, before);
    g_assert_nonnull (focused_action (window));
    g_assert_cmpint (focused_action (window)->id, ==, id);
    indsats_test_press ("<Alt>Down");
    g_assert_cmpint (db_int (path, sql), ==, before);
    g_assert_cmpint (focused_action (window)->id, ==, id);

  }

  /* Delete deletes it, the focus goes on to the next action, and Ctrl+Z brings it back */
  indsats_test_press ("Down");
  next = focused_action (window)->id;
  indsats_test_press ("Up");
  indsats_test_press ("Delete");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM action WHERE id = %" G_GINT64_FORMAT, id);

    g_assert_cmpint (db_int (path, sql), ==, 0);
    g_assert_nonnull (focused_action (window));
    g_assert_cmpint (focused_action (window)->id, ==, next);
    indsats_test_press ("<Control>z");
    g_assert_cmpint (db_int (path, sql), ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_row_menu (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("menu.db", 1000, &path, &store);
  GtkWidget *row, *popover;
  GMenuModel *menu;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *status = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  indsats_test_press ("<Alt>2");
  indsats_test_type ("selvbook");
  wait_for_search (window, 1);
  indsats_test_press ("Tab");
  g_assert_nonnull (focused_action (window));
  id = focused_action (window)->id;
  sql = g_strdup_printf ("SELECT status FROM action WHERE id = %" G_GINT64_FORMAT, id);
  status = db_text (path, sql);
  g_assert_cmpstr (status, ==, "planned");

  /* Shift+F10 opens the row's menu; Escape closes it */
  row = indsats_plan_view_get_focused_row (indsats_window_get_plan_view (window));
  indsats_test_press ("<Shift>F10");
  popover = open_menu (row);
  g_assert_nonnull (popover);
  menu = indsats_action_row_get_menu (INDSATS_ACTION_ROW (row));
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *label = NULL;

          g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          g_string_append_printf (labels, "%s|", label);
        }
    }
  g_assert_cmpstr (labels->str, ==, "Mark as _Started|Mark as _Done|Mark as D_ropped|_Edit…|_History|"
                                    "Move _Up|Move Do_wn|De_lete|");
  indsats_test_press ("Escape");
  g_assert_null (open_menu (row));
  /* the focus is back on the row */
  g_assert_nonnull (focused_action (window));
  g_assert_cmpint (focused_action (window)->id, ==, id);

  /* the Menu key opens it too, on its first item, which marks the action as started */
  indsats_test_press ("Menu");
  g_assert_nonnull (open_menu (row));
  indsats_test_press ("Return");
  g_assert_null (open_menu (row));
  g_clear_pointer (&status, g_free);
  status = db_text (path, sql);
  g_assert_cmpstr (status, ==, "started");
  g_assert_nonnull (focused_action (window));
  g_assert_cmpint (focused_action (window)->id, ==, id);
  g_assert_cmpint (focused_action (window)->status, ==, INDSATS_STATUS_STARTED);

  /* History from the menu, closed with Escape */
  row = indsats_plan_view_get_focused_row (indsats_window_get_plan_view (window));
  indsats_test_press ("<Shift>F10");
  g_assert_nonnull (open_menu (row));
  /* from Mark as Done past Dropped and Edit to History */
  for (int i = 0; i < 3; i++)
    indsats_test_press ("Down");
  indsats_test_press ("Return");
  open = dialogs (window);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpstr (gtk_window_get_title (open->pdata[0]), ==, "History");
  indsats_test_wait_active (open->pdata[0]);
  indsats_test_press ("Escape");
  g_clear_pointer (&open, g_ptr_array_unref);
  open = dialogs (window);
  g_assert_cmpuint (open->len, ==, 0);
  indsats_test_wait_active (GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* F6 goes round the header bar, the filters and the list */
static void
test_f6 (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("f6.db", 1000, &path, &store);
  IndsatsPlanView *view = indsats_window_get_plan_view (window);
  GtkWidget *header;

  indsats_test_press ("<Alt>2");
  g_assert_cmpint (indsats_plan_view_get_focus_region (view), ==, 2);
  indsats_test_press ("F6");
  header = gtk_widget_get_ancestor (focus_widget (window), ADW_TYPE_HEADER_BAR);
  g_assert_nonnull (header);
  indsats_test_press ("F6");
  g_assert_cmpint (indsats_plan_view_get_focus_region (view), ==, 1);
  g_assert_nonnull (gtk_widget_get_ancestor (focus_widget (window), GTK_TYPE_DROP_DOWN));
  indsats_test_press ("F6");
  g_assert_cmpint (indsats_plan_view_get_focus_region (view), ==, 2);
  g_assert_nonnull (focused_action (window));
  indsats_test_press ("<Shift>F6");
  g_assert_cmpint (indsats_plan_view_get_focus_region (view), ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Escape closes every dialog and window the program opens */
static void
test_escape_closes (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("escape.db", 1000, &path, &store);
  g_autofree char *file = g_build_filename (dir, "y01a02.csv", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("INDSATS_SOURCE_ROOT"), "tests", "data", "import",
                                              "star-y01a02-v2-csv-documented.csv", NULL);
  g_autofree char *contents = NULL;
  const char *paths[] = { file, NULL };
  gint64 goal = db_int (path, "SELECT min(id) FROM goal");
  struct { const char *action; GVariant *target; const char *what; } openers[] = {
    { "win.show-history", g_variant_new_int64 (3), "History" },
    { "win.edit-goal", g_variant_new_int64 (goal), "the goal editor" },
    { "win.new-figure", NULL, "New Figure" },
    { "win.new-plan", NULL, "New Plan" },
    { "win.manage-teams", NULL, "Teams" },
    { "win.manage-indicators", NULL, "Indicators" },
    { "win.add-action", NULL, "the action form" },
    { "win.edit-action", g_variant_new_int64 (3), "the action form" },
    { "win.preferences", NULL, "Preferences" },
  };

  g_assert_cmpint (goal, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
    {
      g_autoptr(GPtrArray) open = NULL;

      g_test_message ("%s", openers[i].what);
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), openers[i].action, openers[i].target));
      indsats_test_settle ();
      open = dialogs (window);
      g_assert_cmpuint (open->len, ==, 1);
      indsats_test_wait_active (open->pdata[0]);
      indsats_test_press ("Escape");
      g_clear_pointer (&open, g_ptr_array_unref);
      open = dialogs (window);
      g_assert_cmpuint (open->len, ==, 0);
    indsats_test_wait_active (GTK_WINDOW (window));
      indsats_test_wait_active (GTK_WINDOW (window));
  indsats_test_wait_active (GTK_WINDOW (window));
    }

  /* Ctrl+? shows the keys, in a window made only then; Escape hides it again.
   * GTK 4.8's shortcuts window measures a label of its own below zero and
   * warns of it: while it shows, a warning does not end the test. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  for (int round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) open = NULL;
      GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

      indsats_test_press ("<Control><Shift>question");
      open = dialogs (window);
      g_assert_cmpuint (open->len, ==, 1);
      g_assert_true (GTK_IS_SHORTCUTS_WINDOW (open->pdata[0]));
      g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == open->pdata[0]);
      indsats_test_wait_active (open->pdata[0]);
      indsats_test_press ("Escape");
      g_clear_pointer (&open, g_ptr_array_unref);
      open = dialogs (window);
      g_assert_cmpuint (open->len, ==, 0);
      indsats_test_wait_active (GTK_WINDOW (window));
      g_log_set_always_fatal (fatal);
    }

  /* the question before a focus area goes with its actions: Escape keeps them */
  {
    gint64 focus = db_int (path, "SELECT id FROM focus_area WHERE name = 'Fokus på et aktivt tilbud'");
    gint64 held = db_int (path, "SELECT count(*) FROM action WHERE focus_id = "
                                "(SELECT id FROM focus_area WHERE name = 'Fokus på et aktivt tilbud')");
    gint64 all = db_int (path, "SELECT count(*) FROM action");
    g_autoptr(GPtrArray) open = NULL;
    AdwMessageDialog *question = indsats_window_request_remove (window, TRUE, focus, "Fokus på et aktivt tilbud",
                                                                held, NULL);

    g_assert_cmpint (held, >, 0);
    g_assert_true (INDSATS_IS_REMOVE_DIALOG (question));
    g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
    indsats_test_wait_active (GTK_WINDOW (question));
    indsats_test_press ("Escape");
    open = dialogs (window);
    g_assert_cmpuint (open->len, ==, 0);
    g_assert_cmpint (db_int (path, "SELECT count(*) FROM action"), ==, all);
    g_assert_cmpint (db_int (path, "SELECT count(*) FROM focus_area WHERE name = 'Fokus på et aktivt tilbud'"), ==, 1);
    indsats_test_wait_active (GTK_WINDOW (window));
  }

  /* the import's preview */
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (file, contents, -1, NULL));
  g_assert_true (indsats_window_preview_import (window, paths));
  {
    gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    g_autoptr(GPtrArray) open = dialogs (window);

    while (open->len == 0 && g_get_monotonic_time () < until)
      {
        g_ptr_array_unref (open);
        indsats_test_settle ();
        open = dialogs (window);
      }
    g_assert_cmpuint (open->len, ==, 1);
    g_assert_true (INDSATS_IS_IMPORT_DIALOG (open->pdata[0]));
    indsats_test_wait_active (open->pdata[0]);
    indsats_test_press ("Escape");
    g_ptr_array_unref (open);
    open = dialogs (window);
    g_assert_cmpuint (open->len, ==, 0);
    indsats_test_wait_active (GTK_WINDOW (window));
  indsats_test_wait_active (GTK_WINDOW (window));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The keys are listed in the shortcuts window */
static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/dk/indsats/Indsats/help-overlay.ui");
  GSList *objects = gtk_builder_get_objects (builder);
  g_autoptr(GString) found = g_string_new (NULL);
  const char *wanted[] = { "<Alt>1", "<Alt>2", "<Alt>3", "<Alt>4", "F6", "<Shift>F10 Menu", "<Control>Return", "Escape",
                           "Up Down", "Home End", "Page_Up Page_Down" };

  for (GSList *l = objects; l; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;
        g_autofree char *title = NULL;

        g_object_get (l->data, "accelerator", &accelerator, "title", &title, NULL);
        g_string_append_printf (found, "[%s]", accelerator ? accelerator : "");
        if (accelerator)
          g_assert_true (title && *title);
      }
  g_slist_free (objects);
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      g_autofree char *key = g_strdup_printf ("[%s]", wanted[i]);

      if (strstr (found->str, key) == NULL)
        g_error ("the shortcuts window does not list %s: %s", wanted[i], found->str);
    }
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

/* Checks every action row on screen: its owner, date and status each
 * drawn whole, inside the row, none over another. Returns how many rows
 * say the action is late. */
static guint
check_rows_fit (GtkWidget *widget)
{
  guint late = 0;

  if (INDSATS_IS_ROW_TEXT (widget) && gtk_widget_get_mapped (widget))
    {
      IndsatsRowText *words = INDSATS_ROW_TEXT (widget);
      graphene_rect_t area[INDSATS_ROW_TEXT_N_PARTS];
      int width = gtk_widget_get_width (widget);

      for (int part = INDSATS_ROW_TEXT_TEXT; part < INDSATS_ROW_TEXT_N_PARTS; part++)
        {
          if (!indsats_row_text_get_part_area (words, part, &area[part]))
            g_error ("at %d px, “%s” is not shown whole", width, indsats_row_text_get_part (words, part));
          g_assert_cmpfloat (area[part].origin.x, >=, 0);
          g_assert_cmpfloat (area[part].origin.x + area[part].size.width, <=, width);
          for (int other = INDSATS_ROW_TEXT_TEXT; other < part; other++)
            if (graphene_rect_intersection (&area[part], &area[other], NULL))
              g_error ("at %d px, “%s” is drawn over “%s”", width, indsats_row_text_get_part (words, part),
                       indsats_row_text_get_part (words, other));
        }
      late += indsats_row_text_get_late (words);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    late += check_rows_fit (child);
  return late;
}

/* Half a screen: 600 px wide, the view switcher at the bottom and the
 * filters in a menu; at 1000 px the filters side by side */
static void
test_narrow (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("narrow.db", 600, &path, &store);
  IndsatsPlanView *view = indsats_window_get_plan_view (window);
  GtkWidget *bar = NULL;
  GtkWidget *menu_button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (view), INDSATS_TYPE_PLAN_VIEW, "filter_menu_button");
  GtkWidget *dropdown = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (view), INDSATS_TYPE_PLAN_VIEW, "filter_dropdown");

  indsats_test_press ("<Alt>2");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 600);
  for (GtkWidget *w = gtk_widget_get_first_child (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)));
       w; w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_VIEW_SWITCHER_BAR (w))
      bar = w;
  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (gtk_widget_get_mapped (menu_button));
  g_assert_false (gtk_widget_get_mapped (dropdown));

  /* F6 reaches the menu of the filters; its first entry is the status */
  indsats_test_press ("F6");
  indsats_test_press ("F6");
  g_assert_true (gtk_widget_is_ancestor (focus_widget (window), menu_button));
  gtk_widget_activate_action (GTK_WIDGET (view), "plan.status", "i", INDSATS_PLAN_FILTER_LATE);
  indsats_test_settle ();
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, INDSATS_PLAN_FILTER_LATE);
  /* a late action's long date takes a line of its own rather than
   * shortening the owner's name */
  g_assert_cmpuint (check_rows_fit (GTK_WIDGET (view)), >, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  indsats_test_settle ();
  indsats_test_settle ();
  /* the window's own width, less its shadow */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 960);
  g_assert_false (adw_view_switcher_bar_get_reveal (ADW_VIEW_SWITCHER_BAR (bar)));
  g_assert_true (gtk_widget_get_mapped (dropdown));
  g_assert_false (gtk_widget_get_mapped (menu_button));
  g_assert_cmpuint (check_rows_fit (GTK_WIDGET (view)), >, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The History window of an action: each change says what, when and who,
 * newest first; Escape closes it and the window has the keyboard again */
static void
test_history_window (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("history.db", 1000, &path, &store);
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *who = NULL;
  g_autofree char *at = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  g_autofree char *today = NULL;
  g_autofree char *shown_today = NULL;
  g_autofree char *started = NULL;
  IndsatsHistoryWindow *history;
  const char *shown_what, *shown_when;

  gint64 id = db_int (path, "SELECT min(id) FROM action WHERE status = 'planned'");

  g_assert_cmpint (id, >, 0);
  g_assert_true (indsats_window_set_action_status (window, id, INDSATS_STATUS_STARTED));
  who = db_text (path, "SELECT changed_by FROM action_history WHERE field = 'status'");
  at = db_text (path, "SELECT changed_at FROM action_history WHERE field = 'status'");
  g_assert_nonnull (who);
  g_assert_cmpstr (who, !=, "");
  g_assert_cmpuint (strlen (at), >=, 16);
  day = g_strndup (at, 10);
  date = indsats_format_date (day);
  when = g_strdup_printf ("%s %.5s, by %s", date, at + 11, who);
  what = g_strdup_printf ("Status: %s → %s", indsats_status_to_label (INDSATS_STATUS_PLANNED),
                          indsats_status_to_label (INDSATS_STATUS_STARTED));
  today = indsats_today_iso ();
  shown_today = indsats_format_date (today);
  started = g_strdup_printf ("Started On: – → %s", shown_today);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-history", "x", id));
  indsats_test_settle ();
  open = dialogs (window);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_true (INDSATS_IS_HISTORY_WINDOW (open->pdata[0]));
  history = open->pdata[0];
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (history)), ==, "History");
  /* the newest change first: the day it took effect (today), its status,
   * and last the action's making */
  g_assert_cmpuint (indsats_history_window_get_n_changes (history), ==, 3);
  g_assert_true (indsats_history_window_get_change (history, 0, &shown_what, &shown_when));
  g_assert_cmpstr (shown_what, ==, started);
  g_assert_cmpstr (shown_when, ==, when);
  g_assert_true (indsats_history_window_get_change (history, 1, &shown_what, &shown_when));
  g_assert_cmpstr (shown_what, ==, what);
  g_assert_cmpstr (shown_when, ==, when);
  g_assert_true (indsats_history_window_get_change (history, indsats_history_window_get_n_changes (history) - 1,
                                                    &shown_what, NULL));
  g_assert_cmpstr (shown_what, ==, "Created");
  g_assert_false (indsats_history_window_get_change (history, indsats_history_window_get_n_changes (history),
                                                     NULL, NULL));

  indsats_test_wait_active (GTK_WINDOW (history));
  indsats_test_press ("Escape");
  g_clear_pointer (&open, g_ptr_array_unref);
  open = dialogs (window);
  g_assert_cmpuint (open->len, ==, 0);
  indsats_test_wait_active (GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* a blinking cursor would keep the main loop busy for ever */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  indsats_application_register_resources ();
  dir = g_dir_make_tmp ("indsats-keyboard-XXXXXX", NULL);

  g_test_add_func ("/ui/keyboard/pages-and-search", test_pages_and_search);
  g_test_add_func ("/ui/keyboard/edit-delete-move", test_edit_delete_move);
  g_test_add_func ("/ui/keyboard/row-menu", test_row_menu);
  g_test_add_func ("/ui/keyboard/f6", test_f6);
  g_test_add_func ("/ui/keyboard/escape-closes", test_escape_closes);
  g_test_add_func ("/ui/keyboard/history-window", test_history_window);
  g_test_add_func ("/ui/keyboard/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/keyboard/narrow", test_narrow);
  status = g_test_run ();

  indsats_test_remove_dir (dir);
  return status;
}
