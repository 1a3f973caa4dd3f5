/* test-ui-actions.c: the weekly work on the plan's actions, driving the real window (under Xvfb) */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "indsats-action-dialog.h"
#include "indsats-application.h"
#include "indsats-demo.h"
#include "indsats-format.h"
#include "indsats-plan-dialog.h"
#include "indsats-plan-item.h"
#include "indsats-plan-view.h"
#include "indsats-teams-dialog.h"
#include "indsats-window.h"
#include "test-window.h"
#include "test-util.h"

#include "config.h"

/* under LANGUAGE=da the form speaks Danish, and the tests read it so */
static gboolean danish;

static char *dir;

static void
spin (void)
{
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
}

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

static int
db_int (const char *path,
        const char *sql)
{
  g_autofree char *text = db_text (path, sql);
  return text ? atoi (text) : -1;
}

static char *
plan_snapshot (const char *path)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT a.id, f.name, a.text, a.owner, a.start_date, a.status, a.position"
                                           " FROM action a JOIN focus_area f ON f.id = a.focus_id ORDER BY a.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 7; c++)
      g_string_append_printf (out, "%s%s", sqlite3_column_text (stmt, c), c == 6 ? "\n" : "|");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static IndsatsWindow *
open_window (const char    *name,
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
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  *path_out = path;
  *store_out = store;
  return window;
}

static void
click_save (IndsatsActionDialog *dialog)
{
  GtkWidget *save = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), INDSATS_TYPE_ACTION_DIALOG,
                                                               "save_button"));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_signal_emit_by_name (save, "clicked");
  spin ();
}

static guint
shown_actions (IndsatsWindow *window,
               const char    *must_contain)
{
  GListModel *items = indsats_window_get_items (window);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (items, i);
      const IndsatsAction *a = indsats_plan_item_get_action (item);

      if (a == NULL)
        continue;
      if (must_contain)
        {
          g_autofree char *text = g_utf8_casefold (a->text, -1);
          g_autofree char *owner = g_utf8_casefold (a->owner, -1);
          g_autofree char *want = g_utf8_casefold (must_contain, -1);
          g_assert_true (strstr (text, want) || strstr (owner, want));
        }
      n++;
    }
  return n;
}

static void
test_add_edit_delete_undo (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("weekly.db", &path, &store);
  IndsatsActionDialog *dialog;
  g_autofree char *row = NULL;
  g_autofree char *start = NULL;
  g_autofree char *history = NULL;
  int id;

  /* add an action through the form */
  dialog = indsats_window_open_action_dialog (window, 0);
  g_assert_nonnull (dialog);
  indsats_action_dialog_set_field (dialog, "text", "Ugentlig opfølgning på aktive tilbud\nmed teamlederen");
  indsats_action_dialog_set_field (dialog, "team", "Job-team");
  indsats_action_dialog_set_field (dialog, "focus", "Fokus på et aktivt tilbud");
  indsats_action_dialog_set_field (dialog, "owner", "Teamleder");
  indsats_action_dialog_set_field (dialog, "start", "03.04.2023");
  indsats_action_dialog_set_field (dialog, "status", "started");
  click_save (dialog);
  row = db_text (path, "SELECT text || '|' || owner || '|' || start_date || '|' || status FROM action WHERE owner = 'Teamleder'");
  g_assert_cmpstr (row, ==, "Ugentlig opfølgning på aktive tilbud\nmed teamlederen|Teamleder|2023-04-03|started");
  id = db_int (path, "SELECT id FROM action WHERE owner = 'Teamleder'");
  g_assert_cmpuint (shown_actions (window, NULL), ==, 26);

  /* edit its start date */
  dialog = indsats_window_open_action_dialog (window, id);
  indsats_action_dialog_set_field (dialog, "start", "10.04.2023");
  click_save (dialog);
  start = db_text (path, "SELECT start_date FROM action WHERE owner = 'Teamleder'");
  g_assert_cmpstr (start, ==, "2023-04-10");
  history = db_text (path, "SELECT old_value || '>' || new_value FROM action_history WHERE field = 'start_date'");
  g_assert_cmpstr (history, ==, "2023-04-03>2023-04-10");

  /* an impossible date is shown at the field and the form cannot be saved */
  dialog = indsats_window_open_action_dialog (window, id);
  indsats_action_dialog_set_field (dialog, "start", "31.02.2023");
  g_assert_nonnull (indsats_action_dialog_get_error (dialog, "start"));
  g_assert_true (strstr (indsats_action_dialog_get_error (dialog, "start"), "dd.mm.åååå") != NULL);
  g_assert_false (indsats_action_dialog_can_save (dialog));
  indsats_action_dialog_set_field (dialog, "text", "   ");
  g_assert_nonnull (indsats_action_dialog_get_error (dialog, "text"));
  indsats_action_dialog_set_field (dialog, "start", "11.04.2023");
  g_assert_null (indsats_action_dialog_get_error (dialog, "start"));
  g_assert_false (indsats_action_dialog_can_save (dialog)); /* the text is still empty */
  indsats_action_dialog_set_field (dialog, "text", "Ugentlig opfølgning");
  g_assert_true (indsats_action_dialog_can_save (dialog));

  /* a blank owner is refused like a blank text */
  indsats_action_dialog_set_field (dialog, "owner", "  ");
  g_assert_false (indsats_action_dialog_can_save (dialog));
  indsats_action_dialog_set_field (dialog, "owner", "Teamleder");
  g_assert_true (indsats_action_dialog_can_save (dialog));

  /* an evaluation date before the start date is shown at the field */
  indsats_action_dialog_set_field (dialog, "end", "01.04.2023");
  g_assert_cmpstr (indsats_action_dialog_get_error (dialog, "end"), ==, "The evaluation date is before the action takes effect");
  g_assert_false (indsats_action_dialog_can_save (dialog));
  indsats_action_dialog_set_field (dialog, "end", "11.04.2023");
  g_assert_null (indsats_action_dialog_get_error (dialog, "end"));
  g_assert_true (indsats_action_dialog_can_save (dialog));

  /* a control character is named at its field, with Save off, before the
   * core would refuse it; nothing is saved */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT text || '|' || owner || '|' || coalesce (note, '') FROM action "
                                            "WHERE id = %d", id);
    g_autofree char *before = db_text (path, sql);
    g_autofree char *after = NULL;
    const char *shown;

    indsats_action_dialog_set_field (dialog, "owner", "Team\001leder");
    shown = indsats_action_dialog_get_error (dialog, "owner");
    g_assert_nonnull (shown);
    g_assert_nonnull (strstr (shown, "U+0001"));
    g_assert_nonnull (strstr (shown, " 5"));
    g_assert_false (indsats_action_dialog_can_save (dialog));
    g_assert_false (indsats_action_dialog_save (dialog, &error));
    g_clear_error (&error);
    indsats_action_dialog_set_field (dialog, "owner", "Teamleder");
    g_assert_null (indsats_action_dialog_get_error (dialog, "owner"));
    g_assert_true (indsats_action_dialog_can_save (dialog));

    /* the text may hold line breaks, not other control characters */
    indsats_action_dialog_set_field (dialog, "text", "Ugentlig\nopfølgning\033");
    shown = indsats_action_dialog_get_error (dialog, "text");
    g_assert_nonnull (shown);
    g_assert_nonnull (strstr (shown, "U+001B"));
    g_assert_nonnull (strstr (shown, " 20"));
    g_assert_false (indsats_action_dialog_can_save (dialog));
    indsats_action_dialog_set_field (dialog, "text", "Ugentlig\nopfølgning");
    g_assert_null (indsats_action_dialog_get_error (dialog, "text"));

    indsats_action_dialog_set_field (dialog, "note", "\177");
    g_assert_nonnull (indsats_action_dialog_get_error (dialog, "note"));
    g_assert_false (indsats_action_dialog_can_save (dialog));
    indsats_action_dialog_set_field (dialog, "note", "");
    g_assert_true (indsats_action_dialog_can_save (dialog));
    after = db_text (path, sql);
    g_assert_cmpstr (after, ==, before);
    indsats_action_dialog_set_field (dialog, "text", "Ugentlig opfølgning");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&start, g_free);
  start = db_text (path, "SELECT start_date FROM action WHERE owner = 'Teamleder'");
  g_assert_cmpstr (start, ==, "2023-04-10");

  /* delete, then undo: the same action is back */
  g_assert_true (indsats_window_delete_action (window, id));
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM action WHERE owner = 'Teamleder'"), ==, 0);
  g_assert_cmpuint (shown_actions (window, NULL), ==, 25);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (db_int (path, "SELECT id FROM action WHERE owner = 'Teamleder'"), ==, id);
  g_assert_cmpuint (shown_actions (window, NULL), ==, 26);

  /* the history of the action: newest first, each kind of change */
  {
    GtkWindow *history_window = indsats_window_show_history (window, id);
    g_assert_nonnull (history_window);
    gtk_window_destroy (history_window);
    g_assert_cmpint (db_int (path, "SELECT count(*) FROM action_history WHERE field IN ('created', 'start_date', 'deleted', 'restored')"
                                   " AND action_id = (SELECT id FROM action WHERE owner = 'Teamleder')"), ==, 4);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}


/* Whether a label or an action's row under @widget shows @text */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (gtk_widget_get_visible (widget) && indsats_test_widget_says (widget, text, FALSE))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_get_visible (c) && shows_label (c, text))
      return TRUE;
  return FALSE;
}

/* Marking an action as started in the form: the day it took effect is asked
 * for, today to begin with, and what is typed is what the database holds */
static void
test_started_on_in_form (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("started-on.db", &path, &store);
  g_autofree char *today = indsats_today_iso ();
  g_autofree char *today_shown = indsats_format_date (today);
  g_autofree char *stored = NULL;
  g_autofree char *me = NULL;
  IndsatsActionDialog *dialog;
  GtkWindow *history_window;

  /* action 7 is planned for 11.05.2023 and has not started */
  g_assert_true (shows_label (GTK_WIDGET (window), "Late – should have taken effect 11.05.2023"));
  dialog = indsats_window_open_action_dialog (window, 7);
  g_assert_null (indsats_action_dialog_get_field (dialog, "started"));
  indsats_action_dialog_set_field (dialog, "status", "started");
  g_assert_cmpstr (indsats_action_dialog_get_field (dialog, "started"), ==, today_shown);

  /* a mistake is shown at the field and keeps Save off */
  indsats_action_dialog_set_field (dialog, "started", "31.02.2023");
  g_assert_nonnull (strstr (indsats_action_dialog_get_error (dialog, "started"), "dd.mm.åååå"));
  g_assert_false (indsats_action_dialog_can_save (dialog));
  indsats_action_dialog_set_field (dialog, "started", "01.01.2099");
  g_assert_nonnull (strstr (indsats_action_dialog_get_error (dialog, "started"), "not come yet"));
  g_assert_false (indsats_action_dialog_can_save (dialog));
  indsats_action_dialog_set_field (dialog, "started", "13.03.2023");
  g_assert_null (indsats_action_dialog_get_error (dialog, "started"));
  click_save (dialog);

  stored = db_text (path, "SELECT status || '|' || start_date || '|' || started_on FROM action WHERE id = 7");
  g_assert_cmpstr (stored, ==, "started|2023-05-11|2023-03-13");
  g_assert_true (shows_label (GTK_WIDGET (window), "Started 13.03.2023"));
  g_assert_false (shows_label (GTK_WIDGET (window), "Late – should have taken effect 11.05.2023"));

  /* none is late now: "Should Have Started" says that every action has started */
  indsats_plan_view_set_filter (indsats_window_get_plan_view (window), INDSATS_PLAN_FILTER_LATE);
  spin ();
  g_assert_true (indsats_plan_view_shows_empty_state (indsats_window_get_plan_view (window)));
  g_assert_true (shows_label (GTK_WIDGET (window), "Every Action Has Started"));
  g_assert_false (shows_label (GTK_WIDGET (window), "No Matching Actions"));
  indsats_plan_view_set_filter (indsats_window_get_plan_view (window), INDSATS_PLAN_FILTER_ALL);
  spin ();
  {
    const char *title, *description;

    /* narrowed by a search too, the empty list says only that nothing matches */
    indsats_plan_empty_words (INDSATS_PLAN_FILTER_LATE, TRUE, &title, &description);
    g_assert_cmpstr (title, ==, "No Matching Actions");
    indsats_plan_empty_words (INDSATS_PLAN_FILTER_LATE, FALSE, &title, &description);
    g_assert_cmpstr (description, ==, "No planned action is past the day it was to take effect.");
  }

  /* opened again, the form shows the day; changed, the database follows */
  dialog = indsats_window_open_action_dialog (window, 7);
  g_assert_cmpstr (indsats_action_dialog_get_field (dialog, "started"), ==, "13.03.2023");
  indsats_action_dialog_set_field (dialog, "started", "14.03.2023");
  click_save (dialog);
  g_clear_pointer (&stored, g_free);
  stored = db_text (path, "SELECT started_on FROM action WHERE id = 7");
  g_assert_cmpstr (stored, ==, "2023-03-14");

  /* undo puts the day back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin ();
  g_clear_pointer (&stored, g_free);
  stored = db_text (path, "SELECT started_on FROM action WHERE id = 7");
  g_assert_cmpstr (stored, ==, "2023-03-13");

  /* planned again, the field goes and so does the day */
  dialog = indsats_window_open_action_dialog (window, 7);
  indsats_action_dialog_set_field (dialog, "status", "planned");
  g_assert_null (indsats_action_dialog_get_field (dialog, "started"));
  click_save (dialog);
  g_assert_cmpint (db_int (path, "SELECT started_on IS NULL FROM action WHERE id = 7"), ==, 1);

  /* the history says who made each change */
  me = db_text (path, "SELECT changed_by FROM action_history WHERE action_id = 7 AND field = 'started_on' LIMIT 1");
  g_assert_nonnull (me);
  g_assert_cmpstr (me, !=, "");
  history_window = indsats_window_show_history (window, 7);
  g_assert_nonnull (history_window);
  {
    g_autofree char *changed_at = db_text (path, "SELECT changed_at FROM action_history WHERE action_id = 7 ORDER BY id DESC LIMIT 1");
    g_autofree char *day = g_strndup (changed_at, 10);
    g_autofree char *date = indsats_format_date (day);
    g_autofree char *subtitle = g_strdup_printf ("%s %.5s, by %s", date, changed_at + 11, me);

    g_assert_true (shows_label (GTK_WIDGET (history_window), subtitle));
    g_assert_true (shows_label (GTK_WIDGET (history_window), "Started On: 13.03.2023 → –"));
  }
  gtk_window_destroy (history_window);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A name pasted from a Mac (NFD) and a word with a zero-width space inside
 * are found by what a reader sees */
/* The rows shown once the search has settled (the entry reports a change a
 * moment later, and the filter may run in steps) */
static guint
shown_after_search (IndsatsWindow *window,
                    const char    *search,
                    guint          expected)
{
  gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  guint shown;

  indsats_plan_view_set_search (indsats_window_get_plan_view (window), search);
  while ((shown = shown_actions (window, NULL)) != expected && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  spin ();
  return shown_actions (window, NULL);
}

static void
test_search_sees_what_a_reader_sees (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "search-unicode.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  IndsatsAction action = { 0 };
  IndsatsWindow *window;
  gint64 plan_id;

  g_assert_no_error (error);
  plan_id = indsats_demo_write (store, NULL, &error);
  g_assert_cmpint (plan_id, >, 0);
  action.team = "Job-team";
  action.focus = "Fokus på et aktivt tilbud";
  action.owner = "Ka\xcc\x8are";                             /* Kåre, as a Mac writes it */
  action.text = "Samtaler med jobs\xc3\xb8" "\xe2\x80\x8b" "gende"; /* a zero-width space inside */
  action.start_date = "2023-04-03";
  g_assert_cmpint (indsats_store_add_action (store, plan_id, &action, &error), >, 0);
  g_assert_no_error (error);

  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  g_assert_cmpuint (shown_after_search (window, "k\xc3\xa5re", 1), ==, 1);       /* kåre, typed */
  g_assert_cmpuint (shown_after_search (window, "KA\xcc\x8aRE", 1), ==, 1);
  g_assert_cmpuint (shown_after_search (window, "jobs\xc3\xb8gende", 1), ==, 1);
  g_assert_cmpuint (shown_after_search (window, "", 26), ==, 26);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_search_and_filters (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("search.db", &path, &store);
  IndsatsPlanView *view = indsats_window_get_plan_view (window);
  int expected = db_int (path, "SELECT count(*) FROM action WHERE owner LIKE '%Fagkoordinator%' OR text LIKE '%fagkoordinator%'");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  indsats_plan_view_set_search (view, "Fagkoordinator");
  g_assert_cmpuint (shown_actions (window, "Fagkoordinator"), ==, (guint) expected);
  g_assert_cmpint (expected, ==, 9); /* the nine actions the Fagkoordinator carries out */
  indsats_plan_view_set_search (view, "");
  g_assert_cmpuint (shown_actions (window, NULL), ==, 25);

  indsats_plan_view_set_owner (view, "Udbyderen Schultz");
  g_assert_cmpuint (shown_actions (window, NULL), ==, 1);
  indsats_plan_view_set_owner (view, NULL);

  /* planned actions whose start date has passed */
  indsats_plan_view_set_today (view, "2023-06-01");
  indsats_plan_view_set_filter (view, INDSATS_PLAN_FILTER_LATE);
  g_assert_cmpuint (shown_actions (window, "selvbook"), ==, 1);
  indsats_plan_view_set_today (view, "2023-04-01");
  g_assert_cmpuint (shown_actions (window, NULL), ==, 0);
  indsats_plan_view_set_filter (view, INDSATS_PLAN_FILTER_STARTED);
  g_assert_cmpuint (shown_actions (window, NULL), ==, 24);
  indsats_plan_view_set_filter (view, INDSATS_PLAN_FILTER_ALL);

  /* sorted by start date: one list, oldest first */
  indsats_plan_view_set_sort (view, "start");
  {
    g_autoptr(IndsatsPlanItem) first = g_list_model_get_item (indsats_window_get_items (window), 0);
    g_assert_cmpstr (indsats_plan_item_get_action (first)->start_date, ==, "2022-09-22");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_undo_redo_chain (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("chain.db", &path, &store);
  g_autofree char *before = plan_snapshot (path);
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  IndsatsActionDialog *dialog;

  /* five changes: edit, move, delete, add, edit */
  dialog = indsats_window_open_action_dialog (window, 3);
  indsats_action_dialog_set_field (dialog, "status", "done");
  click_save (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.move-action-up", "x", (gint64) 3));
  g_assert_true (indsats_window_delete_action (window, 12));
  dialog = indsats_window_open_action_dialog (window, 0);
  indsats_action_dialog_set_field (dialog, "text", "Ny indsats");
  indsats_action_dialog_set_field (dialog, "owner", "Alle SB");
  indsats_action_dialog_set_field (dialog, "start", "01.05.2023");
  click_save (dialog);
  dialog = indsats_window_open_action_dialog (window, 20);
  indsats_action_dialog_set_field (dialog, "owner", "Teamleder");
  click_save (dialog);
  after = plan_snapshot (path);
  g_assert_cmpstr (after, !=, before);

  for (int i = 0; i < 5; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  now = plan_snapshot (path);
  g_assert_cmpstr (now, ==, before);
  g_clear_pointer (&now, g_free);
  for (int i = 0; i < 5; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  now = plan_snapshot (path);
  g_assert_cmpstr (now, ==, after);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The one window of @type open over @window */
static GtkWindow *
open_dialog (IndsatsWindow *window,
             GType          type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (l->data != (gpointer) window && G_TYPE_CHECK_INSTANCE_TYPE (l->data, type))
      {
        g_assert_null (found);
        found = l->data;
      }
  g_list_free (toplevels);
  return found;
}

static void
type_into (GtkWidget  *dialog,
           GType       type,
           const char *child,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (dialog, type, child)), text);
}

/* New Plan: a threshold that is not a number is named under the form and
 * nothing is stored; mended, the plan is created with its reasons and shown */
static void
test_new_plan_form (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("new-plan.db", &path, &store);
  GtkWidget *dialog, *create;
  GtkTextView *reasons;
  g_autofree char *title = NULL;
  g_autofree char *dated = NULL;
  g_autofree char *trigger = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL));
  spin ();
  dialog = GTK_WIDGET (open_dialog (window, INDSATS_TYPE_PLAN_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Plan");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  create = GTK_WIDGET (gtk_widget_get_template_child (dialog, INDSATS_TYPE_PLAN_DIALOG, "create_button"));
  reasons = GTK_TEXT_VIEW (gtk_widget_get_template_child (dialog, INDSATS_TYPE_PLAN_DIALOG, "triggers_view"));
  type_into (dialog, INDSATS_TYPE_PLAN_DIALOG, "title_row", "Genopretning 2025");
  type_into (dialog, INDSATS_TYPE_PLAN_DIALOG, "jobcentre_row", "Ishøj Jobcenter");
  type_into (dialog, INDSATS_TYPE_PLAN_DIALOG, "date_row", "03.02.2025");
  type_into (dialog, INDSATS_TYPE_PLAN_DIALOG, "threshold_row", "tyve");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (reasons), "\n  Langtidsledige over 20 %  \n\n", -1);
  g_signal_emit_by_name (create, "clicked");
  spin ();
  g_assert_cmpstr (indsats_plan_dialog_get_error (INDSATS_PLAN_DIALOG (dialog)), ==,
                   "Threshold: “tyve” is not a number");
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM plan"), ==, 1);
  g_assert_cmpint (indsats_window_get_plan_id (window), ==, 1);

  type_into (dialog, INDSATS_TYPE_PLAN_DIALOG, "threshold_row", "25");
  type_into (dialog, INDSATS_TYPE_PLAN_DIALOG, "date_row", "31.02.2025");
  g_signal_emit_by_name (create, "clicked");
  spin ();
  g_assert_true (g_str_has_prefix (indsats_plan_dialog_get_error (INDSATS_PLAN_DIALOG (dialog)), "Date: "));
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM plan"), ==, 1);

  type_into (dialog, INDSATS_TYPE_PLAN_DIALOG, "date_row", "03.02.2025");
  g_signal_emit_by_name (create, "clicked");
  spin ();
  g_assert_null (open_dialog (window, INDSATS_TYPE_PLAN_DIALOG));
  g_assert_cmpint (indsats_window_get_plan_id (window), ==, 2);
  title = db_text (path, "SELECT title FROM plan WHERE id = 2");
  dated = db_text (path, "SELECT dated FROM plan WHERE id = 2");
  trigger = db_text (path, "SELECT group_concat(text, '|') FROM plan_trigger WHERE plan_id = 2");
  g_assert_cmpstr (title, ==, "Genopretning 2025");
  g_assert_cmpstr (dated, ==, "2025-02-03");
  g_assert_cmpstr (trigger, ==, "Langtidsledige over 20 %");
  g_assert_cmpint (db_int (path, "SELECT threshold FROM plan WHERE id = 2"), ==, 25);

  /* Cancel closes it and stores nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL));
  spin ();
  dialog = GTK_WIDGET (open_dialog (window, INDSATS_TYPE_PLAN_DIALOG));
  type_into (dialog, INDSATS_TYPE_PLAN_DIALOG, "title_row", "Kladde");
  g_signal_emit_by_name (gtk_widget_get_template_child (dialog, INDSATS_TYPE_PLAN_DIALOG, "cancel_button"), "clicked");
  spin ();
  g_assert_null (open_dialog (window, INDSATS_TYPE_PLAN_DIALOG));
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM plan"), ==, 2);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The entry row under @widget that holds @text */
static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *text)
{
  if (ADW_IS_ENTRY_ROW (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, text);
      if (found)
        return found;
    }
  return NULL;
}

/* The button under @widget that a screen reader calls @name */
static GtkWidget *
find_named_button (GtkWidget  *widget,
                   const char *name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_button (child, name);
      if (found)
        return found;
    }
  return NULL;
}

/* Teams and Focus Areas: a name applied in its row is stored, a name already
 * used is refused; the trash button asks before removing a focus area that
 * holds actions, and removes it with them */
static void
test_teams_form (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_window ("teams.db", &path, &store);
  g_autofree char *team = NULL;
  g_autofree char *other = NULL;
  GtkWidget *dialog, *row, *trash;
  GtkWindow *question = NULL;
  int actions = db_int (path, "SELECT count(*) FROM action");
  int held;

  team = db_text (path, "SELECT name FROM team WHERE id = 2");
  other = db_text (path, "SELECT name FROM team WHERE id <> 2 ORDER BY id LIMIT 1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.manage-teams", NULL));
  spin ();
  dialog = GTK_WIDGET (open_dialog (window, INDSATS_TYPE_TEAMS_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Teams and Focus Areas");

  row = find_entry_row (dialog, team);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Team");
  gtk_editable_set_text (GTK_EDITABLE (row), other);
  g_signal_emit_by_name (row, "apply");
  spin ();
  {
    g_autofree char *kept = db_text (path, "SELECT name FROM team WHERE id = 2");
    g_assert_cmpstr (kept, ==, team);
  }
  gtk_editable_set_text (GTK_EDITABLE (row), "Jobteamet");
  g_signal_emit_by_name (row, "apply");
  spin ();
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM team WHERE id = 2 AND name = 'Jobteamet'"), ==, 1);

  held = db_int (path, "SELECT count(*) FROM action a JOIN focus_area f ON f.id = a.focus_id"
                       " WHERE f.name = 'Fokus på et aktivt tilbud'");
  g_assert_cmpint (held, >, 0);
  trash = find_named_button (dialog, "Remove “Fokus på et aktivt tilbud”");
  g_assert_nonnull (trash);
  g_signal_emit_by_name (trash, "clicked");
  spin ();
  {
    GList *toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (dialog))
        question = l->data;
    g_list_free (toplevels);
  }
  g_assert_nonnull (question);
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM action"), ==, actions);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "remove");
  spin ();
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM action"), ==, actions - held);
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM focus_area WHERE name = 'Fokus på et aktivt tilbud'"), ==, 0);
  g_assert_null (open_dialog (window, INDSATS_TYPE_TEAMS_DIALOG));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_plans_teams_focus_areas (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsPlan) plan = indsats_plan_new ();
  IndsatsWindow *window = open_window ("plans.db", &path, &store);
  AdwMessageDialog *question;
  gint64 plan_id, focus_id;
  char *triggers[] = { (char *) "Mere end 20% af de ledige har ikke fået et tilbud", NULL };

  /* a new plan: created, shown, and empty */
  plan->title = g_strdup ("Genopretning 2024");
  plan->jobcentre = g_strdup ("Ishøj Jobcenter");
  plan->dated = g_strdup ("2024-02-01");
  plan->threshold = 20;
  plan->triggers = g_strdupv (triggers);
  plan_id = indsats_window_create_plan (window, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpint (plan_id, ==, 2);
  g_assert_cmpint (indsats_window_get_plan_id (window), ==, 2);
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM plan_trigger WHERE plan_id = 2"), ==, 1);

  /* switch back to the demo plan */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-plan", "x", (gint64) 1));
  g_assert_cmpint (indsats_window_get_plan_id (window), ==, 1);
  g_assert_cmpuint (shown_actions (window, NULL), ==, 25);

  /* rename a team; a name already used is refused */
  g_assert_true (indsats_window_rename (window, FALSE, 2, "Jobteamet", &error));
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM team WHERE name = 'Jobteamet'"), ==, 1);
  g_assert_false (indsats_window_rename (window, FALSE, 2, "Sygedagpengeteam", &error));
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);

  /* removing a focus area with actions asks first; cancel keeps it */
  focus_id = db_int (path, "SELECT id FROM focus_area WHERE name = 'Fokus på et aktivt tilbud'");
  question = indsats_window_request_remove (window, TRUE, focus_id, "Fokus på et aktivt tilbud", 7, NULL);
  g_assert_nonnull (question);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "7 actions"));
  adw_message_dialog_response (question, "cancel");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM action"), ==, 25);
  question = indsats_window_request_remove (window, TRUE, focus_id, "Fokus på et aktivt tilbud", 7, NULL);
  adw_message_dialog_response (question, "remove");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM action"), ==, 18);
  g_assert_cmpint (db_int (path, "SELECT count(*) FROM action_history WHERE field = 'deleted'"), ==, 7);
  g_assert_cmpuint (shown_actions (window, NULL), ==, 18);

  /* the dialogs open */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.manage-teams", NULL));
  {
    GList *toplevels = gtk_window_list_toplevels ();
    guint opened = 0;
    for (GList *l = toplevels; l; l = l->next)
      if (l->data != (gpointer) window)
        {
          opened++;
          gtk_window_destroy (l->data);
        }
    g_list_free (toplevels);
    g_assert_cmpuint (opened, >=, 2);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
dialog_child (IndsatsActionDialog *dialog,
              const char          *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), INDSATS_TYPE_ACTION_DIALOG, name));
}

/* Another desktop changes the owner while the form is open: Save says who
 * changed it to what, inside the form; Reload takes theirs, Keep Mine saves over */
static void
test_conflict_in_form (void)
{
  g_autofree char *path = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsStore) theirs = NULL;
  g_autoptr(IndsatsAction) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *before = NULL;
  IndsatsWindow *window = open_window ("conflict.db", &path, &store);
  IndsatsActionDialog *dialog;
  GtkRevealer *revealer;
  const char *said;

  theirs = indsats_store_open (path, &error);
  g_assert_no_error (error);
  indsats_store_set_user_name (theirs, "Anna Hansen");
  before = db_text (path, "SELECT text FROM action WHERE id = 3");

  dialog = indsats_window_open_action_dialog (window, 3);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  revealer = GTK_REVEALER (dialog_child (dialog, "conflict_revealer"));
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  indsats_action_dialog_set_field (dialog, "owner", "Min egen ejer");
  indsats_action_dialog_set_field (dialog, "text", "Min egen tekst");

  other = indsats_store_get_action (theirs, 3, &error);
  g_free (other->owner);
  other->owner = g_strdup ("Teamleder Anna");
  g_free (other->note);
  other->note = g_strdup ("Deres note");
  g_assert_true (indsats_store_update_action (theirs, other,
                                              INDSATS_ACTION_FIELD_OWNER | INDSATS_ACTION_FIELD_NOTE, &error));
  g_assert_no_error (error);

  click_save (dialog);
  /* the form stays, says who changed what, and nothing of the form was saved */
  g_assert_nonnull (dialog);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  said = gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "conflict_label")));
  g_assert_nonnull (strstr (said, danish ? "Anna Hansen ændrede Ansvarlig til „Teamleder Anna“ kl. "
                                         : "Anna Hansen changed Owner to “Teamleder Anna” at "));
  g_assert_null (strstr (said, "Note"));
  g_assert_nonnull (strstr (said, danish ? "Genindlæs" : "Reload"));
  row = db_text (path, "SELECT owner || '|' || text || '|' || note FROM action WHERE id = 3");
  {
    g_autofree char *unchanged = g_strdup_printf ("Teamleder Anna|%s|Deres note", before);
    g_assert_cmpstr (row, ==, unchanged);
  }
  g_clear_pointer (&row, g_free);

  /* Reload: their owner and note in the form, my text kept, and then saved */
  g_signal_emit_by_name (dialog_child (dialog, "reload_button"), "clicked");
  spin ();
  g_assert_false (gtk_revealer_get_reveal_child (revealer));
  g_assert_cmpstr (indsats_action_dialog_get_field (dialog, "owner"), ==, "Teamleder Anna");
  g_assert_cmpstr (indsats_action_dialog_get_field (dialog, "note"), ==, "Deres note");
  click_save (dialog);
  g_assert_null (dialog);
  row = db_text (path, "SELECT owner || '|' || text || '|' || note FROM action WHERE id = 3");
  g_assert_cmpstr (row, ==, "Teamleder Anna|Min egen tekst|Deres note");
  g_clear_pointer (&row, g_free);

  /* Keep Mine: the form's owner is saved over theirs */
  dialog = indsats_window_open_action_dialog (window, 3);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  revealer = GTK_REVEALER (dialog_child (dialog, "conflict_revealer"));
  indsats_action_dialog_set_field (dialog, "owner", "Min egen ejer");
  g_free (other->owner);
  other->owner = g_strdup ("Bo Jensen");
  g_assert_true (indsats_store_update_action (theirs, other, INDSATS_ACTION_FIELD_OWNER, &error));
  click_save (dialog);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  said = gtk_label_get_text (GTK_LABEL (dialog_child (dialog, "conflict_label")));
  g_assert_nonnull (strstr (said, danish ? "Anna Hansen ændrede Ansvarlig til „Bo Jensen“ kl. "
                                         : "Anna Hansen changed Owner to “Bo Jensen” at "));
  row = db_text (path, "SELECT owner FROM action WHERE id = 3");
  g_assert_cmpstr (row, ==, "Bo Jensen");
  g_clear_pointer (&row, g_free);
  g_signal_emit_by_name (dialog_child (dialog, "keep_button"), "clicked");
  spin ();
  g_assert_null (dialog);
  row = db_text (path, "SELECT owner || '|' || text || '|' || note FROM action WHERE id = 3");
  g_assert_cmpstr (row, ==, "Min egen ejer|Min egen tekst|Deres note");
  g_clear_pointer (&row, g_free);

  /* no one else changed it: saved at once, as before */
  dialog = indsats_window_open_action_dialog (window, 3);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  indsats_action_dialog_set_field (dialog, "owner", "Teamleder");
  click_save (dialog);
  g_assert_null (dialog);
  row = db_text (path, "SELECT owner FROM action WHERE id = 3");
  g_assert_cmpstr (row, ==, "Teamleder");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Run in a child process: an edit through the window, then SIGKILL at once */
static void
test_killed_after_edit_child (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window;
  IndsatsActionDialog *dialog;

  if (!g_test_subprocess ())
    {
      g_test_skip ("runs as a subprocess of killed-after-edit");
      return;
    }
  path = g_build_filename (g_getenv ("INDSATS_KILL_DIR"), "kill.db", NULL);
  store = indsats_store_open (path, &error);
  window = indsats_window_new (NULL, store, NULL);

  gtk_window_present (GTK_WINDOW (window));
  spin ();
  dialog = indsats_window_open_action_dialog (window, 5);
  indsats_action_dialog_set_field (dialog, "status", "done");
  indsats_action_dialog_set_field (dialog, "note", "Gennemgået med SB");
  click_save (dialog);
  kill (getpid (), SIGKILL);
}

static void
test_killed_after_edit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "kill.db", NULL);
  g_autofree char *row = NULL;
  g_autofree char *check = NULL;

  {
    g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
    g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  }
  g_setenv ("INDSATS_KILL_DIR", dir, TRUE);
  g_test_trap_subprocess ("/ui/actions/killed-after-edit/child", 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_assert_false (g_test_trap_has_passed ());

  {
    /* reopened: the edit is there, and the file is whole */
    g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
    g_assert_no_error (error);
  }
  row = db_text (path, "SELECT status || '|' || note FROM action WHERE id = 5");
  g_assert_cmpstr (row, ==, "done|Gennemgået med SB");
  check = db_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("INDSATS_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");
  int status;

  /* the form's words as the program finds them */
  danish = language != NULL && g_str_has_prefix (language, "da");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  indsats_application_register_resources ();
  dir = g_dir_make_tmp ("indsats-actions-XXXXXX", NULL);

  g_test_add_func ("/ui/actions/add-edit-delete-undo", test_add_edit_delete_undo);
  g_test_add_func ("/ui/actions/started-on-in-form", test_started_on_in_form);
  g_test_add_func ("/ui/actions/search-and-filters", test_search_and_filters);
  g_test_add_func ("/ui/actions/search-unicode", test_search_sees_what_a_reader_sees);
  g_test_add_func ("/ui/actions/undo-redo-chain", test_undo_redo_chain);
  g_test_add_func ("/ui/actions/new-plan-form", test_new_plan_form);
  g_test_add_func ("/ui/actions/teams-form", test_teams_form);
  g_test_add_func ("/ui/actions/plans-teams-focus-areas", test_plans_teams_focus_areas);
  g_test_add_func ("/ui/actions/conflict-in-form", test_conflict_in_form);
  g_test_add_func ("/ui/actions/killed-after-edit", test_killed_after_edit);
  g_test_add_func ("/ui/actions/killed-after-edit/child", test_killed_after_edit_child);
  status = g_test_run ();

  if (!g_test_subprocess ())
    indsats_test_remove_dir (dir);
  return status;
}
