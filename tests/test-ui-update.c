/* test-ui-update.c: Update Key Figures in the window, against a stand-in for
 * the Jobindsats API on 127.0.0.1 that the test starts (under Xvfb) */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "indsats-application.h"
#include "indsats-demo.h"
#include "indsats-fetch.h"
#include "indsats-import-dialog.h"
#include "indsats-keyring.h"
#include "indsats-preferences-window.h"
#include "indsats-window.h"
#include "test-window.h"
#include "test-util.h"

static char *dir;
static GSubprocess *server;
static char *base;  /* http://127.0.0.1:PORT */

static void
start_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (g_getenv ("INDSATS_SOURCE_ROOT"), "tests", "jobindsats-server.py", NULL);
  g_autofree char *port_file = g_build_filename (dir, "port", NULL);
  g_autofree char *log_file = g_build_filename (dir, "log", NULL);
  g_autofree char *port = NULL;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error, "/usr/bin/python3", script, port_file, log_file,
                             "window-token", NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 200 && !g_file_get_contents (port_file, &port, NULL, NULL); i++)
    g_usleep (50000);
  g_assert_nonnull (port);
  base = g_strdup_printf ("http://127.0.0.1:%s", port);
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

/* The row titled @title under @widget */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found)
        return found;
    }
  return NULL;
}

/* The widget of @type labelled @label under @widget */
static GtkWidget *
find_labelled (GtkWidget  *widget,
               GType       type,
               const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      const char *text = GTK_IS_CHECK_BUTTON (widget) ? gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))
                         : GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;
      if (g_strcmp0 (text, label) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, label);
      if (found)
        return found;
    }
  return NULL;
}

/* The text of item @i of a combo row's model of strings */
static const char *
item_text (AdwComboRow *row,
           guint        i)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (row), i);

  /* the model keeps the string alive */
  return item ? gtk_string_object_get_string (item) : NULL;
}

static void
use_api (const char *prefix,
         const char *token)
{
  g_autofree char *url = g_strdup_printf ("%s/%s/v3", base, prefix);

  g_setenv ("INDSATS_JOBINDSATS_URL", url, TRUE);
  g_setenv ("INDSATS_JOBINDSATS_TOKEN", token, TRUE);
}

static void
test_update (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "update.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_fetch_request_free);
  g_autoptr(IndsatsJobindsats) client = NULL;
  g_autoptr(IndsatsImportSummary) first = NULL;
  IndsatsFetchRequest *request = indsats_fetch_request_new ("y25i01");
  const char *areas[] = { "Ishøj", NULL };
  g_autofree char *body = NULL;
  IndsatsWindow *window;
  double revisions;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    g_main_context_iteration (NULL, TRUE);

  /* no figure comes from a Jobindsats table yet: the banner says so */
  use_api ("ok", "window-token");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.update-keyfigures", NULL));
  indsats_test_spin_until_idle (window);
  g_assert_nonnull (strstr (indsats_window_get_banner (window), "No figure shows key figures fetched from a Jobindsats table yet"));

  /* a first fetch of y25i01, and a figure of it */
  g_ptr_array_add (request->areas, g_strdup ("Ishøj"));
  request->latest = 3;
  g_ptr_array_add (requests, request);
  client = indsats_jobindsats_new (NULL, "window-token");
  first = indsats_fetch (store, client, requests, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (indsats_window_make_figure (window, "Ledige i Ishøj", INDSATS_FIGURE_LINE,
                                               "Antal ledige personer (y25i01)", areas, "", 0, &error), >, 0);
  g_assert_no_error (error);
  revisions = stored_value (store, "SELECT count(*) FROM observation_revision");

  /* New Figure offers the series by table, measure and breakdown */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-figure", NULL));
  {
    GList *toplevels = gtk_window_list_toplevels ();
    gboolean found = FALSE;

    for (GList *l = toplevels; l; l = l->next)
      if (g_strcmp0 (gtk_window_get_title (l->data), "New Figure") == 0)
        {
          AdwComboRow *table = ADW_COMBO_ROW (find_row (l->data, "Table"));
          AdwComboRow *measure = ADW_COMBO_ROW (find_row (l->data, "Measure"));
          AdwComboRow *breakdown = ADW_COMBO_ROW (find_row (l->data, "Breakdown"));
          GtkWidget *series = find_row (l->data, "Series");

          /* the tables, then the demo's own indicators */
          g_assert_cmpstr (item_text (table, 0), ==, "y25i01");
          g_assert_cmpstr (item_text (table, 1), ==, "Without a table");
          g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (table)), ==, 2);
          /* the demo's indicator, by its name alone */
          adw_combo_row_set_selected (table, 1);
          g_assert_cmpstr (item_text (breakdown, 0), ==, "No breakdown");
          g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (breakdown)));
          for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (measure)); i++)
            if (g_strcmp0 (item_text (measure, i), "Fleksjob") == 0)
              adw_combo_row_set_selected (measure, i);
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (series)), ==, "Fleksjob");

          /* the table's three measures, by name, each at its total */
          adw_combo_row_set_selected (table, 0);
          g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (measure)), ==, 3);
          g_assert_cmpstr (item_text (measure, 0), ==, "Antal ledige fuldtidspersoner");
          g_assert_cmpstr (item_text (measure, 1), ==, "Antal ledige personer");
          g_assert_cmpstr (item_text (measure, 2), ==, "Ledige i pct. af arbejdsstyrken");
          adw_combo_row_set_selected (measure, 2);
          g_assert_cmpstr (item_text (breakdown, 0), ==, "Ydelsesgrupper: Ydelsesgrupper i alt; A-kasse: I alt");
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (series)), ==,
                           "Ledige i pct. af arbejdsstyrken (y25i01)");

          /* saved, the figure shows that series in the area ticked */
          gtk_editable_set_text (GTK_EDITABLE (find_row (l->data, "Title")), "Ledighed i pct.");
          {
            GtkWidget *area = find_labelled (l->data, GTK_TYPE_CHECK_BUTTON, "Ishøj");
            g_assert_nonnull (area);
            gtk_check_button_set_active (GTK_CHECK_BUTTON (area), TRUE);
          }
          g_signal_emit_by_name (find_labelled (l->data, GTK_TYPE_BUTTON, "_Save"), "clicked");
          g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM figure f JOIN figure_series s ON s.figure_id = f.id"
                                                  " JOIN indicator i ON i.id = s.indicator_id"
                                                  " WHERE f.title = 'Ledighed i pct.' AND s.area = 'Ishøj'"
                                                  " AND i.name = 'Ledige i pct. af arbejdsstyrken (y25i01)'"), ==, 1);
          found = TRUE;
        }
    g_list_free (toplevels);
    g_assert_true (found);
  }

  /* a refused token: the banner gives the reason, nothing changes, the window stays usable */
  use_api ("changed", "wrong-token");
  g_assert_true (indsats_window_update_keyfigures (window));
  g_assert_true (indsats_window_is_busy (window));
  g_assert_false (indsats_window_update_keyfigures (window));
  indsats_test_spin_until_idle (window);
  g_assert_nonnull (strstr (indsats_window_get_banner (window), "Jobindsats refused the token (HTTP 401"));
  g_assert_null (strstr (indsats_window_get_banner (window), "wrong-token"));
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation_revision"), ==, revisions);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  /* offline */
  g_setenv ("INDSATS_JOBINDSATS_URL", "http://127.0.0.1:1/v3", TRUE);
  g_setenv ("INDSATS_JOBINDSATS_TOKEN", "window-token", TRUE);
  g_assert_true (indsats_window_update_keyfigures (window));
  indsats_test_spin_until_idle (window);
  g_assert_nonnull (strstr (indsats_window_get_banner (window), "Cannot reach Jobindsats"));

  /* the right token: the newest values, and what changed is said */
  use_api ("changed", "window-token");
  g_assert_true (indsats_window_update_keyfigures (window));
  indsats_test_spin_until_idle (window);
  g_assert_cmpstr (indsats_window_get_banner (window), ==, "");
  body = indsats_test_take_message ("Key Figures Updated");
  g_assert_nonnull (body);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "Antal ledige personer (y25i01), Ishøj: jun. 2026 1.017 (maj 1.007)"));
  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal ledige personer (y25i01)' AND o.area = 'Ishøj'"
                                          " AND o.period = '2026M06'"), ==, 1017);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation_revision"), >, revisions);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* How many data requests the server was sent under /PREFIX/ */
static guint
count_requests (const char *prefix)
{
  g_autofree char *log_file = g_build_filename (dir, "log", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *start = g_strdup_printf ("/%s/v3/data/", prefix);
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  if (!g_file_get_contents (log_file, &contents, NULL, NULL))
    return 0;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    n += g_str_has_prefix (lines[i], start);
  return n;
}

/* The last line the server logged under /PREFIX/v3/data/ */
static char *
last_request (const char *prefix)
{
  g_autofree char *log_file = g_build_filename (dir, "log", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *start = g_strdup_printf ("/%s/v3/data/", prefix);
  g_auto(GStrv) lines = NULL;
  char *last = NULL;

  g_assert_true (g_file_get_contents (log_file, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], start))
      {
        g_free (last);
        last = g_strdup (lines[i]);
      }
  return last;
}

static IndsatsWindow *
open_window (IndsatsStore *store)
{
  IndsatsWindow *window = indsats_window_new (NULL, store, NULL);

  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    g_main_context_iteration (NULL, TRUE);
  return window;
}

#define DAY (24 * 3600)

static void
record_progress_cb (double   fraction,
                    gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, fraction);
}

/* At start the window fetches what the figures need when the last update is
 * a week old, once: not again at the next start; offline, a banner says why */
static void
test_update_at_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "start.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_fetch_request_free);
  g_autoptr(IndsatsJobindsats) client = NULL;
  g_autoptr(IndsatsImportSummary) first = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("dk.indsats.Indsats");
  g_autofree char *body = NULL;
  g_autofree char *asked = NULL;
  IndsatsFetchRequest *request = indsats_fetch_request_new ("y25i01");
  const char *areas[] = { "Ishøj", NULL };
  const char *compared[] = { "Ishøj", "Brøndby", NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  IndsatsWindow *window;
  guint before;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);

  /* the demo's figures come from no Jobindsats table: nothing to fetch, nothing said */
  g_settings_set_int64 (settings, "last-update", 0);
  use_api ("changed", "window-token");
  before = count_requests ("changed");
  window = open_window (store);
  if (indsats_window_update_at_start (window))
    indsats_test_spin_until_idle (window);
  g_assert_cmpuint (count_requests ("changed"), ==, before);
  g_assert_cmpstr (indsats_window_get_banner (window), ==, "");
  g_assert_null (indsats_test_take_message ("Key Figures Updated"));
  g_assert_cmpint (g_settings_get_int64 (settings, "last-update"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* a figure of y25i01, fetched a while ago */
  use_api ("ok", "window-token");
  g_ptr_array_add (request->areas, g_strdup ("Ishøj"));
  request->latest = 3;
  g_ptr_array_add (requests, request);
  client = indsats_jobindsats_new (NULL, "window-token");
  {
    /* the progress runs through the answers (the first half), then the import, to the end */
    g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
    gboolean halfway = FALSE;

    first = indsats_fetch (store, client, requests, FALSE, NULL, record_progress_cb, fractions, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (fractions->len, >=, 2);
    for (guint i = 0; i < fractions->len; i++)
      {
        double f = g_array_index (fractions, double, i);
        if (i > 0)
          g_assert_cmpfloat (f, >=, g_array_index (fractions, double, i - 1));
        halfway |= f > 0 && f <= 0.5;
      }
    g_assert_true (halfway);
    g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  }
  window = open_window (store);
  g_assert_cmpint (indsats_window_make_figure (window, "Ledige i Ishøj", INDSATS_FIGURE_LINE,
                                               "Antal ledige personer (y25i01)", areas, "", 0, &error), >, 0);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
  /* the areas compared, typed in Preferences: each once, as kept */
  {
    IndsatsPreferencesWindow *prefs = indsats_preferences_window_new (NULL);
    GtkEditable *row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (prefs), INDSATS_TYPE_PREFERENCES_WINDOW,
                                                                    "areas_row"));
    g_auto(GStrv) kept = NULL;

    g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
    gtk_editable_set_text (row, " Ishøj,Brøndby , ishøj,, ");
    g_signal_emit_by_name (row, "apply");
    kept = g_settings_get_strv (settings, "compared-areas");
    g_assert_cmpstrv (kept, compared);
    g_assert_cmpstr (gtk_editable_get_text (row), ==, "Ishøj, Brøndby");
    gtk_window_destroy (GTK_WINDOW (prefs));
    prefs = indsats_preferences_window_new (NULL);
    row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (prefs), INDSATS_TYPE_PREFERENCES_WINDOW, "areas_row"));
    g_assert_cmpstr (gtk_editable_get_text (row), ==, "Ishøj, Brøndby");
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  /* offline at start: a banner with the reason, the window usable, the next start tries again */
  g_settings_set_int64 (settings, "last-update", now - 8 * DAY);
  g_setenv ("INDSATS_JOBINDSATS_URL", "http://127.0.0.1:1/v3", TRUE);
  window = open_window (store);
  g_assert_true (indsats_window_update_at_start (window));
  indsats_test_spin_until_idle (window);
  g_assert_nonnull (strstr (indsats_window_get_banner (window), "Cannot reach Jobindsats"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  g_assert_cmpint (g_settings_get_int64 (settings, "last-update"), ==, now - 8 * DAY);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Cancel during the update at start: nothing changes, nothing is said, the next start tries again */
  use_api ("slow", "window-token");
  before = count_requests ("slow");
  {
    double revisions = stored_value (store, "SELECT count(*) FROM observation_revision");
    double values = stored_value (store, "SELECT count(*) FROM observation");
    gint64 started = g_get_monotonic_time ();

    window = open_window (store);
    g_assert_true (indsats_window_update_at_start (window));
    for (int i = 0; i < 3000 && count_requests ("slow") == before; i++)
      g_main_context_iteration (NULL, FALSE), g_usleep (1000);
    g_assert_true (indsats_window_is_busy (window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-job", NULL));
    indsats_test_spin_until_idle (window);
    /* before the slow answer would have come */
    g_assert_cmpint (g_get_monotonic_time () - started, <, 2900000);
    g_assert_cmpstr (indsats_window_get_banner (window), ==, "");
    g_assert_null (indsats_test_take_message ("Key Figures Updated"));
    g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation_revision"), ==, revisions);
    g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation"), ==, values);
    g_assert_cmpint (g_settings_get_int64 (settings, "last-update"), ==, now - 8 * DAY);
    gtk_window_destroy (GTK_WINDOW (window));
  }

  /* the last update a week old: the window fetches at start, with progress, and says what changed */
  use_api ("changed", "window-token");
  before = count_requests ("changed");
  window = open_window (store);
  g_assert_true (indsats_window_update_at_start (window));
  g_assert_true (indsats_window_is_busy (window));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_template_child (
                   GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "progress_revealer"))));
  indsats_test_spin_until_idle (window);
  g_assert_cmpuint (count_requests ("changed"), ==, before + 1);
  asked = last_request ("changed");
  /* the figure's area and the areas compared in Preferences */
  g_assert_nonnull (strstr (asked, "hierarchy._nykom=nykom/183 ø,nykom/153"));
  g_assert_cmpstr (indsats_window_get_banner (window), ==, "");
  body = indsats_test_take_message ("Key Figures Updated");
  g_assert_nonnull (body);
  g_assert_nonnull (strstr (body, "Antal ledige personer (y25i01), Ishøj: jun. 2026 1.017 (maj 1.007)"));
  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal ledige personer (y25i01)' AND o.area = 'Brøndby'"
                                          " AND o.period = '2026M06'"), ==, 1510);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-update"), >=, now);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-update"), <=, g_get_real_time () / G_USEC_PER_SEC);
  gtk_window_destroy (GTK_WINDOW (window));

  /* the next start, the same day: nothing is fetched */
  window = open_window (store);
  g_assert_false (indsats_window_update_at_start (window));
  g_assert_false (indsats_window_is_busy (window));
  indsats_test_spin_until_idle (window);
  g_assert_cmpuint (count_requests ("changed"), ==, before + 1);
  gtk_window_destroy (GTK_WINDOW (window));

  /* six days on: still recent; seven: due again */
  g_assert_false (indsats_fetch_is_due (now - 6 * DAY, now));
  g_assert_true (indsats_fetch_is_due (now - 7 * DAY, now));
  g_assert_true (indsats_fetch_is_due (0, now));
  g_settings_set_int64 (settings, "last-update", now - 6 * DAY);
  window = open_window (store);
  g_assert_false (indsats_window_update_at_start (window));
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "compared-areas");
  g_settings_reset (settings, "last-update");
}

/* A keyring of the test's own: a login collection in the test's folder,
 * unlocked, replacing any keyring daemon of the session; once a process, as
 * libsecret keeps its session with the daemon it first spoke to */
static gboolean
start_keyring (void)
{
  static gboolean started;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  const char *bus = g_getenv ("DBUS_SESSION_BUS_ADDRESS");

  if (bus == NULL || *bus == '\0')
    return FALSE;
  if (started)
    return TRUE;
  g_mkdir_with_parents (data, 0700);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--replace", "--unlock",
                                        "--components=secrets", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (daemon, "test-keyring", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (daemon));
  started = TRUE;
  return TRUE;
}

static IndsatsImportDialog *
find_import_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  IndsatsImportDialog *found = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (INDSATS_IS_IMPORT_DIALOG (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* Import Key Figures shows what the files hold first, and imports what is ticked */
static void
test_import_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "preview.db", NULL);
  g_autofree char *file = g_build_filename (dir, "y01a02.csv", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("INDSATS_SOURCE_ROOT"), "tests", "data", "import",
                                              "star-y01a02-v2-csv-documented.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  const char *paths[] = { file, NULL };
  IndsatsImportDialog *dialog;
  IndsatsWindow *window;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (file, contents, -1, NULL));
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (indsats_window_preview_import (window, paths));
  indsats_test_spin_until_idle (window);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  /* nothing is written before the person says so */
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation"), ==, 0);

  {
    g_autoptr(IndsatsImportSummary) preview = indsats_import_files (store, paths, NULL, TRUE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    text = indsats_import_dialog_describe_file (g_ptr_array_index (preview->read, 0));
  }
  g_assert_cmpstr (text, ==, "Table y01a02 · 4 measures · by Køn · Hele landet · 2021M01 to 2021M02");
  g_assert_true (indsats_import_dialog_is_kept (dialog, "Antal personer (y01a02)"));
  g_assert_false (indsats_import_dialog_is_kept (dialog, "Antal personer (y01a02, Kvinder)"));
  g_assert_false (indsats_import_dialog_is_kept (dialog, "Antal personer (y01a02, Mænd)"));
  indsats_import_dialog_set_kept (dialog, "Antal personer (y01a02, Kvinder)", TRUE);
  indsats_import_dialog_import (dialog);
  g_assert_true (indsats_window_is_busy (window));
  indsats_test_spin_until_idle (window);
  g_free (indsats_test_take_message ("Key Figures Imported"));

  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal personer (y01a02, Kvinder)' AND o.period = '2021M01'"),
                     ==, 72405);
  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal personer (y01a02)' AND o.period = '2021M01'"),
                     ==, 144315);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM indicator WHERE breakdown = 'Køn: Mænd'"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file whose name gives no table id: the preview asks for it, as --table
 * does, reads the file again as that table, and imports it so */
static void
test_import_preview_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "preview-table.db", NULL);
  g_autofree char *file = g_build_filename (dir, "ledige fra jobindsats.csv", NULL);
  g_autofree char *source = g_build_filename (g_getenv ("INDSATS_SOURCE_ROOT"), "tests", "data", "import",
                                              "star-y01a02-v2-csv-documented.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  const char *paths[] = { file, NULL };
  IndsatsImportDialog *dialog, *again;
  IndsatsWindow *window;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (file, contents, -1, NULL));
  window = open_window (store);

  g_assert_true (indsats_window_preview_import (window, paths));
  indsats_test_spin_until_idle (window);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (gtk_widget_get_template_child (GTK_WIDGET (dialog), INDSATS_TYPE_IMPORT_DIALOG, "page"));
  g_assert_null (indsats_import_dialog_get_table (dialog));
  /* read without a table, the series have no table in their names */
  g_assert_true (indsats_import_dialog_is_kept (dialog, "Antal personer"));
  g_assert_false (indsats_import_dialog_is_kept (dialog, "Antal personer (y01a02)"));

  /* a text that is no table id: said beside the field, nothing read again */
  g_assert_false (indsats_import_dialog_apply_table (dialog, "y01 a02"));
  g_assert_cmpstr (indsats_import_dialog_get_table_error (dialog), ==,
                   "“y01 a02” is not a Jobindsats table id; write it as on Jobindsats.dk, for example y01a02");
  g_assert_false (indsats_window_is_busy (window));
  g_assert_true (find_import_dialog () == dialog);

  /* the table id: the file is read again as that table, in a dialog of its own */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (indsats_import_dialog_apply_table (dialog, " Y01A02 "));
  g_assert_true (indsats_window_is_busy (window));
  indsats_test_spin_until_idle (window);
  g_assert_null (dialog);
  again = find_import_dialog ();
  g_assert_nonnull (again);
  g_assert_cmpstr (indsats_import_dialog_get_table (again), ==, "y01a02");
  /* each series with how many of its values are new or changed */
  {
    GtkWidget *row = find_row (GTK_WIDGET (again), "Antal personer (y01a02, Kvinder)");
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "2 new, 0 changed, 0 unchanged");
  }
  g_assert_true (indsats_import_dialog_is_kept (again, "Antal personer (y01a02)"));
  g_assert_false (indsats_import_dialog_is_kept (again, "Antal personer (y01a02, Mænd)"));
  indsats_import_dialog_set_kept (again, "Antal personer (y01a02, Mænd)", TRUE);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation"), ==, 0);
  indsats_import_dialog_import (again);
  indsats_test_spin_until_idle (window);
  g_free (indsats_test_take_message ("Key Figures Imported"));

  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal personer (y01a02)' AND i.table_id = 'y01a02'"
                                          " AND o.period = '2021M01'"), ==, 144315);
  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal personer (y01a02, Mænd)' AND o.period = '2021M01'"),
                     ==, 71910);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM indicator WHERE breakdown = 'Køn: Kvinder'"), ==, 0);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM indicator WHERE table_id IS NULL"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
spin_preferences (IndsatsPreferencesWindow *prefs)
{
  for (int i = 0; i < 3000 && indsats_preferences_window_is_busy (prefs); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (indsats_preferences_window_is_busy (prefs));
}

/* Preferences keep the token in the keyring: saved, never shown, removed */
static void
test_preferences_token (void)
{
  g_autoptr(GError) error = NULL;
  IndsatsPreferencesWindow *prefs;
  GtkEditable *row;
  g_autofree char *kept = NULL;

  if (!start_keyring ())
    {
      g_test_skip ("no session bus for a keyring");
      return;
    }
  prefs = indsats_preferences_window_new (NULL);
  row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (prefs), INDSATS_TYPE_PREFERENCES_WINDOW, "token_row"));
  gtk_window_present (GTK_WINDOW (prefs));
  spin_preferences (prefs);
  indsats_preferences_window_save_token (prefs, "   ");
  g_assert_cmpstr (indsats_preferences_window_get_status (prefs), ==, "The token is empty; paste the token from STAR.");

  gtk_editable_set_text (row, "keyring-token-1");
  indsats_preferences_window_save_token (prefs, gtk_editable_get_text (row));
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");
  spin_preferences (prefs);
  g_assert_cmpstr (indsats_preferences_window_get_status (prefs), ==, "A token is saved in the keyring.");
  kept = indsats_keyring_get_token (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "keyring-token-1");

  /* the window's update finds it there when the environment has none */
  g_unsetenv ("INDSATS_JOBINDSATS_TOKEN");
  g_clear_pointer (&kept, g_free);
  kept = indsats_jobindsats_find_token (NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "keyring-token-1");

  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (prefs), INDSATS_TYPE_PREFERENCES_WINDOW,
                                                        "remove_button"), "clicked");
  spin_preferences (prefs);
  g_assert_cmpstr (indsats_preferences_window_get_status (prefs), ==, "No token is saved. Ask STAR for one.");
  g_clear_pointer (&kept, g_free);
  kept = indsats_keyring_get_token (NULL, &error);
  g_assert_no_error (error);
  g_assert_null (kept);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* At start without a token (none in the environment, none in the keyring):
 * nothing is fetched and nothing is said; Update Key Figures says why */
static void
test_update_at_start_without_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "start.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(GSettings) settings = g_settings_new ("dk.indsats.Indsats");
  gint64 old = g_get_real_time () / G_USEC_PER_SEC - 30 * DAY;
  IndsatsWindow *window;
  guint before;

  g_assert_no_error (error);
  use_api ("changed", "window-token");
  g_unsetenv ("INDSATS_JOBINDSATS_TOKEN");
  g_settings_set_int64 (settings, "last-update", old);
  before = count_requests ("changed");
  window = open_window (store);
  if (indsats_window_update_at_start (window))
    indsats_test_spin_until_idle (window);
  g_assert_cmpuint (count_requests ("changed"), ==, before);
  g_assert_cmpstr (indsats_window_get_banner (window), ==, "");
  g_assert_null (indsats_test_take_message ("Key Figures Updated"));
  g_assert_cmpint (g_settings_get_int64 (settings, "last-update"), ==, old);

  g_assert_true (indsats_window_update_keyfigures (window));
  indsats_test_spin_until_idle (window);
  g_assert_nonnull (strstr (indsats_window_get_banner (window), "there is no Jobindsats token"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "last-update");
}

/* Preferences keep the database the window opens in the settings, and its
 * server's password in the keyring, never in the settings */
static void
test_preferences_database (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("dk.indsats.Indsats");
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *name = NULL;
  IndsatsPreferencesWindow *prefs;
  GtkEditable *row;

  if (!start_keyring ())
    {
      g_test_skip ("no session bus for a keyring");
      return;
    }
  prefs = indsats_preferences_window_new (NULL);
  row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (prefs), INDSATS_TYPE_PREFERENCES_WINDOW,
                                                     "database_row"));
  gtk_window_present (GTK_WINDOW (prefs));
  spin_preferences (prefs);
  g_assert_cmpstr (indsats_preferences_window_get_database_status (prefs), ==,
                   "Indsats opens its own file in your data folder.");

  /* a password in the address is refused: not kept, not left on screen */
  gtk_editable_set_text (row, "postgresql://anna:hemmelig-42@db.example/indsats");
  indsats_preferences_window_set_database (prefs, gtk_editable_get_text (row));
  name = g_settings_get_string (settings, "database");
  g_assert_cmpstr (name, ==, "");
  g_assert_nonnull (strstr (indsats_preferences_window_get_database_status (prefs), "holds a password"));
  g_assert_cmpstr (gtk_editable_get_text (row), ==, "");

  /* a password without a PostgreSQL address has nowhere to go */
  indsats_preferences_window_save_password (prefs, "hemmelig-42");
  g_assert_cmpstr (indsats_preferences_window_get_database_status (prefs), ==,
                   "A password is for a PostgreSQL database; give its address first.");

  indsats_preferences_window_set_database (prefs, " postgresql://anna@db.example:5433/indsats?sslmode=require ");
  g_clear_pointer (&name, g_free);
  name = g_settings_get_string (settings, "database");
  g_assert_cmpstr (name, ==, "postgresql://anna@db.example:5433/indsats?sslmode=require");
  g_assert_cmpstr (indsats_preferences_window_get_database_status (prefs), ==,
                   "Indsats opens anna@db.example:5433/indsats.");

  indsats_preferences_window_save_password (prefs, "hemmelig-42");
  spin_preferences (prefs);
  g_assert_cmpstr (indsats_preferences_window_get_database_status (prefs), ==,
                   "The password for anna@db.example:5433/indsats is kept in the keyring.");
  kept = indsats_keyring_get_database_password ("anna@db.example:5433/indsats", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "hemmelig-42");
  /* no setting holds it */
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, "hemmelig"));
    }

  /* a file, and back to the file in the data folder */
  indsats_preferences_window_set_database (prefs, "/srv/indsats/plan.db");
  g_clear_pointer (&name, g_free);
  name = g_settings_get_string (settings, "database");
  g_assert_cmpstr (name, ==, "/srv/indsats/plan.db");
  indsats_preferences_window_set_database (prefs, "");
  g_clear_pointer (&name, g_free);
  name = g_settings_get_string (settings, "database");
  g_assert_cmpstr (name, ==, "");
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* a window started with --database: Preferences say what it shows as well
   * as what opens the next time, and the row stays the kept database */
  {
    g_autofree char *path = g_build_filename (dir, "given.db", NULL);
    g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
    g_autofree char *expected = NULL;
    IndsatsWindow *window;
    GtkWindow *shown = NULL;

    g_assert_no_error (error);
    window = open_window (store);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
    for (int i = 0; i < 500 && shown == NULL; i++)
      {
        g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

        for (GList *l = toplevels; l != NULL; l = l->next)
          if (INDSATS_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_visible (l->data))
            shown = l->data;
        g_main_context_iteration (NULL, FALSE);
      }
    g_assert_nonnull (shown);
    prefs = INDSATS_PREFERENCES_WINDOW (shown);
    row = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (prefs), INDSATS_TYPE_PREFERENCES_WINDOW,
                                                       "database_row"));
    expected = g_strdup_printf ("This window shows %s. Started without --database, "
                                "Indsats opens its own file in your data folder.", path);
    g_assert_cmpstr (indsats_preferences_window_get_database_status (prefs), ==, expected);
    g_assert_cmpstr (gtk_editable_get_text (row), ==, "");

    /* a shared database kept for the next time */
    indsats_preferences_window_set_database (prefs, "postgresql://anna@db.example:5433/indsats");
    g_clear_pointer (&expected, g_free);
    expected = g_strdup_printf ("This window shows %s. Started without --database, "
                                "Indsats opens anna@db.example:5433/indsats.", path);
    g_assert_cmpstr (indsats_preferences_window_get_database_status (prefs), ==, expected);

    /* the window on the database kept: said once */
    indsats_preferences_window_set_database (prefs, path);
    g_clear_pointer (&expected, g_free);
    expected = g_strdup_printf ("Indsats opens %s.", path);
    g_assert_cmpstr (indsats_preferences_window_get_database_status (prefs), ==, expected);
    indsats_preferences_window_set_database (prefs, "");
    gtk_window_destroy (GTK_WINDOW (prefs));
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  indsats_application_register_resources ();
  dir = g_dir_make_tmp ("indsats-update-XXXXXX", NULL);
  g_setenv ("INDSATS_JOBINDSATS_RETRY_PAUSES", "0.1,0.1,0.1", TRUE);
  start_server ();

  /* the keyring of the test's own first: Preferences ask it at once */
  g_test_add_func ("/ui/preferences-token", test_preferences_token);
  g_test_add_func ("/ui/update-keyfigures", test_update);
  g_test_add_func ("/ui/update-at-start", test_update_at_start);
  g_test_add_func ("/ui/update-at-start-without-token", test_update_at_start_without_token);
  g_test_add_func ("/ui/preferences-database", test_preferences_database);
  g_test_add_func ("/ui/import-preview", test_import_preview);
  g_test_add_func ("/ui/import-preview-table", test_import_preview_table);
  status = g_test_run ();

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  g_free (base);
  indsats_test_remove_dir (dir);
  return status;
}
