/* test-ui-keyfigures.c: the follow-up view, importing and exporting from the window (under Xvfb) */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "indsats-application.h"
#include "indsats-chart-widget.h"
#include "indsats-demo.h"
#include "indsats-figure-card.h"
#include "indsats-figure-dialog.h"
#include "indsats-goal-dialog.h"
#include "indsats-indicators-dialog.h"
#include "indsats-follow-up-view.h"
#include "indsats-goals-view.h"
#include "indsats-window.h"
#include "test-window.h"
#include "test-util.h"

static char *dir;

static IndsatsWindow *
open_demo (const char    *name,
           IndsatsStore **store_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  IndsatsStore *store = indsats_store_open (path, &error);
  IndsatsWindow *window;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    g_main_context_iteration (NULL, TRUE);
  *store_out = store;
  return window;
}

static double
stored_value (IndsatsStore *store,
              const char   *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  double v = -1;

  g_assert_cmpint (sqlite3_open_v2 (indsats_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* The first figure card under @widget */
static GtkWidget *
find_card (GtkWidget *widget)
{
  if (INDSATS_IS_FIGURE_CARD (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_card (child);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

/* The titles of the action rows under @widget, one a line, but for the
 * expander's own (its heading is a row too) */
static void
collect_row_titles (GtkWidget *widget,
                    GString   *titles)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Actions in the Plan") != 0)
    g_string_append_printf (titles, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_row_titles (child, titles);
}

static void
test_follow_up_shows_triggers (void)
{
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_demo ("follow.db", &store);
  IndsatsFollowUpView *view = indsats_window_get_follow_up_view (window);
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "view_stack"));
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* the plan has triggers: the follow-up is the page it opens on */
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "follow-up");
  g_assert_cmpuint (indsats_follow_up_view_get_n_triggers (view), ==, 2);
  first = indsats_follow_up_view_describe (view, 0);
  second = indsats_follow_up_view_describe (view, 1);
  g_assert_true (g_str_has_prefix (first, "Sygedagpenge, 6 mdr. uden fire samtaler: Under the 20 % line again. 16,5 % in Jun 2023; the line is 20 %."));
  g_assert_nonnull (strstr (first, "Change since May 2023 −1,5 percentage points"));
  g_assert_nonnull (strstr (first, "Change since the plan (Mar 2023) −10,5 percentage points"));
  g_assert_true (g_str_has_prefix (second, "A-dagpenge, 6 mdr. uden aktivt tilbud: Under the 20 % line again. 15 % in Jun 2023"));

  /* the actions the first figure marks: counted, and listed when opened */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(IndsatsFigure) figure = indsats_store_get_figure (store, 15, &error);
    g_autoptr(IndsatsAction) action = NULL;
    g_autoptr(GString) titles = g_string_new (NULL);
    g_autofree char *count = NULL;
    GtkWidget *expander = find_of_type (GTK_WIDGET (view), ADW_TYPE_EXPANDER_ROW);

    g_assert_no_error (error);
    g_assert_nonnull (expander);
    g_assert_cmpuint (figure->action_ids->len, >, 1);
    count = g_strdup_printf ("%u actions", figure->action_ids->len);
    g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), ==, count);
    action = indsats_store_get_action (store, g_array_index (figure->action_ids, gint64, 0), &error);
    g_assert_no_error (error);
    /* closed, the rows are not yet made: the page's first frame needs none */
    collect_row_titles (expander, titles);
    g_assert_cmpstr (titles->str, ==, "");
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    for (int i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);
    collect_row_titles (expander, titles);
    g_assert_nonnull (strstr (titles->str, action->text));
    /* closed and opened again: each once */
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), FALSE);
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
    g_string_truncate (titles, 0);
    collect_row_titles (expander, titles);
    {
      guint lines = 0;

      for (const char *c = titles->str; *c; c++)
        lines += *c == '\n';
      g_assert_cmpuint (lines, ==, figure->action_ids->len);
    }
  }

  /* a new value over the line turns the status around */
  {
    g_autoptr(GError) error = NULL;
    gint64 id = indsats_store_find_indicator (store, "Sygedagpenge, 6 mdr. uden fire samtaler", &error);
    g_autofree char *again = NULL;

    g_assert_true (indsats_store_set_observation (store, id, "Ishøj", "2023M07", 23.5, FALSE, "test", NULL, &error));
    g_assert_no_error (error);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL); /* reloads: the demo is there */
    again = indsats_follow_up_view_describe (view, 0);
    g_assert_true (g_str_has_prefix (again, "Sygedagpenge, 6 mdr. uden fire samtaler: Back over the 20 % line. 23,5 % in Jul 2023"));
    /* and its figure shows that month */
    {
      GtkWidget *card = find_card (GTK_WIDGET (view));
      const IndsatsChartData *data;
      g_autofree char *last = NULL;

      g_assert_nonnull (card);
      data = indsats_chart_widget_get_data (INDSATS_CHART_WIDGET (indsats_figure_card_get_chart (INDSATS_FIGURE_CARD (card))));
      g_assert_cmpint (data->number, ==, 15);
      last = indsats_period_to_string (&data->periods[data->n_periods - 1]);
      g_assert_cmpstr (last, ==, "2023M07");
      g_assert_cmpfloat (((IndsatsChartSeries *) g_ptr_array_index (data->series, 0))->values[data->n_periods - 1], ==, 23.5);
    }
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The follow-up reads its triggers' series and nothing else: not the same
 * indicators' values at the other 98 municipalities, nor other indicators',
 * however many the database holds. Only the figures in sight are drawn. */
static void
test_follow_up_reads_its_series (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "follow-large.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  IndsatsWindow *window;
  IndsatsFollowUpView *view;
  GPtrArray *cards;
  guint64 before, own, others;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  /* every indicator's values at 98 more areas, and one indicator more at all of them */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 98)"
                                 " INSERT INTO observation (indicator_id, area, period, period_key, value, source, updated_at)"
                                 " SELECT o.indicator_id, 'Kommune ' || k, o.period, o.period_key, o.value, 'test', o.updated_at"
                                 " FROM observation o, n WHERE o.area = 'Ishøj';"
                                 "INSERT INTO indicator (name, unit, higher_is_better) VALUES ('Andet', 'antal', 0);"
                                 "INSERT OR IGNORE INTO observation (indicator_id, area, period, period_key, value, source, updated_at)"
                                 " SELECT (SELECT id FROM indicator WHERE name = 'Andet'), area, period, period_key, value,"
                                 " 'test', updated_at FROM observation",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  /* what the triggers' own series hold: each is read for the status and for its figure */
  own = (guint64) stored_value (store, "SELECT 2 * count(*) FROM plan_trigger t"
                                       " JOIN observation o ON o.indicator_id = t.indicator_id AND o.area = 'Ishøj'");
  others = (guint64) stored_value (store, "SELECT count(*) FROM observation");
  g_assert_cmpuint (own, >, 0);
  g_assert_cmpuint (others, >, 100 * own);

  before = indsats_store_get_values_read (store);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  view = indsats_window_get_follow_up_view (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_cmpuint (indsats_follow_up_view_get_n_triggers (view), ==, 2);
  g_assert_cmpuint (indsats_store_get_values_read (store) - before, ==, own);

  /* the first trigger's figure is on screen and drawn; the second, below
   * it, waits until it is scrolled to */
  cards = indsats_follow_up_view_get_cards (view);
  g_assert_cmpuint (cards->len, ==, 2);
  for (guint i = 0; i < cards->len; i++)
    {
      IndsatsChartWidget *chart = INDSATS_CHART_WIDGET (indsats_figure_card_get_chart (g_ptr_array_index (cards, i)));

      if (indsats_chart_widget_get_in_sight (chart))
        g_assert_cmpuint (indsats_chart_widget_get_n_draws (chart), >, 0);
      else
        g_assert_cmpuint (indsats_chart_widget_get_n_draws (chart), ==, 0);
    }
  g_assert_true (indsats_chart_widget_get_in_sight (INDSATS_CHART_WIDGET (indsats_figure_card_get_chart (g_ptr_array_index (cards, 0)))));

  /* the second trigger, below the first screen, is shown once the first
   * frame is out: scrolled to, its figure comes in sight and is drawn */
  {
    IndsatsChartWidget *second = INDSATS_CHART_WIDGET (indsats_figure_card_get_chart (g_ptr_array_index (cards, 1)));
    GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (second), ADW_TYPE_PREFERENCES_GROUP);
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (second), GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

    g_assert_true (gtk_widget_get_visible (group) && gtk_widget_get_mapped (group));
    for (int i = 0; i < 200 && gtk_widget_get_height (GTK_WIDGET (second)) == 0; i++)
      g_main_context_iteration (NULL, i > 50);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (second)), >, 0);
    g_assert_false (indsats_chart_widget_get_in_sight (second));
    g_assert_cmpuint (indsats_chart_widget_get_n_draws (second), ==, 0);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    for (int i = 0; i < 200 && indsats_chart_widget_get_n_draws (second) == 0; i++)
      g_main_context_iteration (NULL, i > 100);
    g_assert_true (indsats_chart_widget_get_in_sight (second));
    g_assert_cmpuint (indsats_chart_widget_get_n_draws (second), >, 0);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_import_from_window (void)
{
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_demo ("import.db", &store);
  g_autofree char *file = g_build_filename (dir, "jobindsats.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  const char *paths[] = { file, NULL };
  const char *bad_paths[] = { bad, NULL };
  GList *toplevels;

  g_assert_true (g_file_set_contents (file,
                                      "Område;Periode;Aktiveringsgrad, aktivitetsparate kontanthjælpsmodtagere\n"
                                      "Ishøj;2023M09;6,1\nBrøndby;2023M09;12,0\nHele landet;2023M09;7,0\n", -1, NULL));
  g_assert_true (indsats_window_import_files (window, paths));
  g_assert_true (indsats_window_is_busy (window));
  /* one at a time */
  g_assert_false (indsats_window_import_files (window, paths));
  indsats_test_spin_until_idle (window);
  g_assert_cmpfloat (stored_value (store, "SELECT value FROM observation WHERE area = 'Ishøj' AND period = '2023M09'"), ==, 6.1);

  /* the summary is shown */
  toplevels = gtk_window_list_toplevels ();
  {
    gboolean found = FALSE;
    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          g_strcmp0 (adw_message_dialog_get_heading (l->data), "Key Figures Imported") == 0)
        {
          found = strstr (adw_message_dialog_get_body (l->data), "3 values: 3 added") != NULL;
          gtk_window_destroy (l->data);
        }
    g_assert_true (found);
  }
  g_list_free (toplevels);

  /* a bad file: the message names file and line, and nothing changes */
  g_assert_true (g_file_set_contents (bad, "Område;Periode;Fleksjob\nIshøj;2023M13;288\n", -1, NULL));
  g_assert_true (indsats_window_import_files (window, bad_paths));
  indsats_test_spin_until_idle (window);
  toplevels = gtk_window_list_toplevels ();
  {
    gboolean found = FALSE;
    g_autofree char *expected = g_strdup_printf ("%s:2: “2023M13” is not a period", bad);
    for (GList *l = toplevels; l; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        {
          found |= g_str_has_prefix (adw_message_dialog_get_body (l->data), expected);
          gtk_window_destroy (l->data);
        }
    g_assert_true (found);
  }
  g_list_free (toplevels);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation WHERE period = '2023M13'"), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkProgressBar *
find_progress_bar (GtkWidget *widget)
{
  if (GTK_IS_PROGRESS_BAR (widget))
    return GTK_PROGRESS_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkProgressBar *found = find_progress_bar (child);
      if (found)
        return found;
    }
  return NULL;
}

/* A long file's import shows how far it has come, and Cancel halfway stores
 * nothing of it */
static void
test_import_cancel_from_window (void)
{
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_demo ("import-cancel.db", &store);
  g_autofree char *file = g_build_filename (dir, "long.csv", NULL);
  g_autoptr(GString) text = g_string_new ("indicator,area,period,value\n");
  const char *paths[] = { file, NULL };
  GtkProgressBar *bar;
  double before = stored_value (store, "SELECT count(*) FROM observation");
  double shown = 0;

  for (int a = 0; a < 300; a++)
    for (int m = 0; m < 1000; m++)
      g_string_append_printf (text, "Langtidsledige,Kommune %03d,%dM%02d,%d\n", a, 1950 + m / 12, m % 12 + 1, m);
  g_assert_true (g_file_set_contents (file, text->str, text->len, NULL));
  g_assert_true (indsats_window_import_files (window, paths));
  bar = find_progress_bar (GTK_WIDGET (window));
  g_assert_nonnull (bar);
  for (int i = 0; i < 100000 && indsats_window_is_busy (window) && shown < 0.2; i++)
    {
      g_main_context_iteration (NULL, TRUE);
      shown = gtk_progress_bar_get_fraction (bar);
    }
  g_assert_true (indsats_window_is_busy (window));
  g_assert_cmpfloat (shown, >=, 0.2);
  g_assert_cmpfloat (shown, <, 0.9);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-job", NULL));
  indsats_test_spin_until_idle (window);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation WHERE area LIKE 'Kommune %'"), ==, 0);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation"), ==, before);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM indicator WHERE name = 'Langtidsledige'"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* One part of a written workbook, read by Python's zipfile */
static char *
read_part (const char *xlsx,
           const char *part)
{
  const char *argv[] = {
    "python3", "-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
    xlsx, part, NULL,
  };
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_export_from_window (void)
{
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_demo ("export.db", &store);
  g_autofree char *path = g_build_filename (dir, "udvalg.xlsx", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (indsats_window_export_xlsx (window, path, NULL, FALSE));
  indsats_test_spin_until_idle (window);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 10000);
  g_assert_cmpmem (contents, 2, "PK", 2);
  /* the window speaks English here; the committee's workbook is Danish all the same */
  {
    g_autofree char *workbook = read_part (path, "xl/workbook.xml");

    g_assert_nonnull (strstr (workbook, "name=\"Oversigt\""));
    g_assert_nonnull (strstr (workbook, "name=\"Figur 1\""));
    g_assert_null (strstr (workbook, "name=\"Overview\""));
  }
  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_chooser (void)
{
  GtkWidget *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* Ctrl+E: the save dialog offers the workbook's language, Danish first, and
 * Excel's own charts; what is chosen is what is written */
static void
test_export_dialog_choices (void)
{
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window = open_demo ("export-dialog.db", &store);
  g_autofree char *path = g_build_filename (dir, "english.xlsx", NULL);
  g_autofree char *workbook = NULL;
  g_autofree char *chart = NULL;
  GtkWidget *chooser = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-xlsx", NULL));
  for (int i = 0; i < 500 && !(chooser = find_chooser ()); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "language"), ==, "da");
  g_assert_cmpstr (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "native-charts"), ==, "false");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (indsats_window_is_busy (window));

  /* what the dialog hands on when English and native charts are chosen */
  g_assert_true (indsats_window_export_xlsx (window, path, "en", TRUE));
  indsats_test_spin_until_idle (window);
  workbook = read_part (path, "xl/workbook.xml");
  g_assert_nonnull (strstr (workbook, "name=\"Overview\""));
  g_assert_nonnull (strstr (workbook, "name=\"Figure 15\""));
  chart = read_part (path, "xl/charts/chart1.xml");
  g_assert_nonnull (strstr (chart, "<c:chartSpace"));
  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_goals_indicators_figures (void)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  IndsatsWindow *window = open_demo ("edit.db", &store);
  g_autoptr(GPtrArray) goals = indsats_store_list_goals (store, NULL);
  IndsatsGoal *goal = g_ptr_array_index (goals, 6);
  GList *toplevels;
  const char *areas[] = { "Ishøj", "Hele landet", NULL };
  const char *none[] = { NULL };
  int number;

  /* the goal editor shows the goal's title and its text so far; Save stores
   * what was typed and closes it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-goal", "x", goal->id));
  {
    GtkWidget *editor = NULL;
    g_autofree char *before = NULL;
    g_autoptr(GPtrArray) after = NULL;
    gboolean open = FALSE;

    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      if (INDSATS_IS_GOAL_DIALOG (l->data))
        editor = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (editor);
    g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (
                       gtk_widget_get_template_child (editor, INDSATS_TYPE_GOAL_DIALOG, "group"))), ==, goal->title);
    before = indsats_goal_dialog_get_status (INDSATS_GOAL_DIALOG (editor));
    g_assert_cmpstr (before, ==, goal->status_text ? goal->status_text : "");
    indsats_goal_dialog_set_status (INDSATS_GOAL_DIALOG (editor), "Skrevet i formularen.");
    g_signal_emit_by_name (gtk_widget_get_template_child (editor, INDSATS_TYPE_GOAL_DIALOG, "save_button"), "clicked");
    indsats_test_spin_until_idle (window);
    after = indsats_store_list_goals (store, NULL);
    g_assert_cmpstr (((IndsatsGoal *) g_ptr_array_index (after, 6))->status_text, ==, "Skrevet i formularen.");
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      open = open || INDSATS_IS_GOAL_DIALOG (l->data);
    g_list_free (toplevels);
    g_assert_false (open);
  }

  /* a goal's status text, through its dialog and its save */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-goal", "x", goal->id));
  toplevels = gtk_window_list_toplevels ();
  {
    gboolean found = FALSE;
    for (GList *l = toplevels; l; l = l->next)
      if (g_strcmp0 (gtk_window_get_title (l->data), "Edit Goal") == 0)
        {
          found = TRUE;
          gtk_window_destroy (l->data);
        }
    g_assert_true (found);
  }
  g_list_free (toplevels);
  g_assert_true (indsats_window_save_goal_status (window, goal->id, "Ledigheden falder; 9 % delvis raskmeldte.", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM goal WHERE status_text = 'Ledigheden falder; 9 % delvis raskmeldte.'"), ==, 1);

  /* indicators: change one, make one; a bad threshold is refused and changes nothing */
  g_assert_true (indsats_window_save_indicator (window, "Fleksjob", "personer", TRUE, "300", &error));
  g_assert_cmpfloat (stored_value (store, "SELECT threshold FROM indicator WHERE name = 'Fleksjob'"), ==, 300);
  g_assert_true (indsats_window_save_indicator (window, "Egen indikator", "pct", FALSE, "12,5", &error));
  g_assert_cmpfloat (stored_value (store, "SELECT threshold FROM indicator WHERE name = 'Egen indikator'"), ==, 12.5);
  g_assert_false (indsats_window_save_indicator (window, "Fleksjob", "personer", TRUE, "mange", &error));
  g_assert_nonnull (strstr (error->message, "“mange” is not a number"));
  g_clear_error (&error);
  g_assert_cmpfloat (stored_value (store, "SELECT threshold FROM indicator WHERE name = 'Fleksjob'"), ==, 300);
  /* Indicators: one chosen from the list fills the form; a threshold that is
   * not a number is named under it and nothing changes; a good one is stored */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.manage-indicators", NULL));
  {
    IndsatsIndicatorsDialog *form = NULL;
    GtkWidget *save;
    gboolean open = FALSE;

    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      if (INDSATS_IS_INDICATORS_DIALOG (l->data))
        form = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (form);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "Indicators");
    g_assert_cmpstr (indsats_indicators_dialog_get_unit (form), ==, "pct");
    g_assert_true (indsats_indicators_dialog_pick (form, "Fleksjob"));
    g_assert_cmpstr (indsats_indicators_dialog_get_name (form), ==, "Fleksjob");
    g_assert_cmpstr (indsats_indicators_dialog_get_unit (form), ==, "personer");
    g_assert_cmpstr (indsats_indicators_dialog_get_threshold (form), ==, "300,0");
    g_assert_false (indsats_indicators_dialog_pick (form, "Ingen sådan"));
    save = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_INDICATORS_DIALOG,
                                                      "save_button"));
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_INDICATORS_DIALOG,
                                                                       "threshold_row")), "mange");
    g_signal_emit_by_name (save, "clicked");
    g_assert_nonnull (strstr (indsats_indicators_dialog_get_error (form), "“mange” is not a number"));
    g_assert_cmpfloat (stored_value (store, "SELECT threshold FROM indicator WHERE name = 'Fleksjob'"), ==, 300);
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_INDICATORS_DIALOG,
                                                                       "threshold_row")), "250");
    g_signal_emit_by_name (save, "clicked");
    indsats_test_spin_until_idle (window);
    g_assert_cmpfloat (stored_value (store, "SELECT threshold FROM indicator WHERE name = 'Fleksjob'"), ==, 250);
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      open = open || INDSATS_IS_INDICATORS_DIALOG (l->data);
    g_list_free (toplevels);
    g_assert_false (open);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-figure", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l; l = l->next)
    if (l->data != (gpointer) window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);

  /* a new figure from an indicator and the areas to compare, under a goal */
  number = indsats_window_make_figure (window, "Aktiveringsgrad i Ishøj og hele landet", INDSATS_FIGURE_LINE,
                                       "Aktiveringsgrad, aktivitetsparate kontanthjælpsmodtagere", areas, "10",
                                       goal->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 17);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM figure_series s JOIN figure f ON f.id = s.figure_id WHERE f.number = 17"), ==, 2);
  g_assert_cmpuint (indsats_goals_view_get_cards (indsats_window_get_goals_view (window))->len, ==, 17);
  g_assert_cmpint (indsats_window_make_figure (window, "Uden områder", INDSATS_FIGURE_LINE, "Fleksjob", none, "", 0, &error), ==, 0);
  g_assert_nonnull (strstr (error->message, "Areas"));
  g_clear_error (&error);
  g_assert_cmpint (indsats_window_make_figure (window, "  ", INDSATS_FIGURE_LINE, "Fleksjob", areas, "", 0, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM figure"), ==, 17);

  /* New Figure: without an area it says so under the form and makes
   * nothing; with one typed in, the figure is made, under the goal chosen */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-figure", NULL));
  {
    IndsatsFigureDialog *form = NULL;
    GtkWidget *save;
    gboolean open = FALSE;

    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      if (INDSATS_IS_FIGURE_DIALOG (l->data))
        form = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (form);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "New Figure");
    g_assert_nonnull (indsats_figure_dialog_get_series (form));
    g_assert_cmpint (indsats_figure_dialog_get_kind (form), ==, INDSATS_FIGURE_LINE);
    g_assert_cmpint (indsats_figure_dialog_get_goal_id (form), ==, 0);
    save = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_FIGURE_DIALOG, "save_button"));
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_FIGURE_DIALOG,
                                                                       "title_row")), "Fra formularen");
    adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_FIGURE_DIALOG,
                                                                             "kind_row")), 1);
    adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_FIGURE_DIALOG,
                                                                             "goal_row")), 7);
    g_assert_cmpint (indsats_figure_dialog_get_goal_id (form), ==, goal->id);
    g_signal_emit_by_name (save, "clicked");
    g_assert_nonnull (strstr (indsats_figure_dialog_get_error (form), "Areas"));
    g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM figure"), ==, 17);
    gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_FIGURE_DIALOG,
                                                                       "other_area_row")), "Ishøj");
    g_signal_emit_by_name (save, "clicked");
    indsats_test_spin_until_idle (window);
    toplevels = gtk_window_list_toplevels ();
    for (GList *l = toplevels; l; l = l->next)
      open = open || INDSATS_IS_FIGURE_DIALOG (l->data);
    g_list_free (toplevels);
    g_assert_false (open);
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM figure WHERE title = 'Fra formularen'"
                                              " AND kind = 'column' AND goal_id = %" G_GINT64_FORMAT, goal->id);
      g_assert_cmpfloat (stored_value (store, sql), ==, 1);
    }
    g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM figure_series s JOIN figure f ON f.id = s.figure_id"
                                            " WHERE f.title = 'Fra formularen' AND s.area = 'Ishøj'"), ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  indsats_application_register_resources ();
  dir = g_dir_make_tmp ("indsats-keyfigures-XXXXXX", NULL);

  g_test_add_func ("/ui/follow-up/triggers", test_follow_up_shows_triggers);
  g_test_add_func ("/ui/follow-up/reads-its-series", test_follow_up_reads_its_series);
  g_test_add_func ("/ui/import", test_import_from_window);
  g_test_add_func ("/ui/import-cancel", test_import_cancel_from_window);
  g_test_add_func ("/ui/export", test_export_from_window);
  g_test_add_func ("/ui/export-dialog", test_export_dialog_choices);
  g_test_add_func ("/ui/goals-indicators-figures", test_goals_indicators_figures);
  status = g_test_run ();

  indsats_test_remove_dir (dir);
  return status;
}
