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
#include "test-util.h"

static char *dir;
static GSubprocess *server;
static char *base;  /* http://127.0.0.1:PORT */

static void
spin_until_idle (IndsatsWindow *window)
{
  for (int i = 0; i < 3000 && indsats_window_is_busy (window); i++)
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (indsats_window_is_busy (window));
}

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

/* The body of the message dialog called @heading, closing it; NULL if none */
static char *
take_message (const char *heading)
{
  GList *toplevels = gtk_window_list_toplevels ();
  char *body = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      {
        body = g_strdup (adw_message_dialog_get_body (l->data));
        gtk_window_destroy (l->data);
      }
  g_list_free (toplevels);
  return body;
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
  spin_until_idle (window);
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

  /* New Figure says which table, measure and breakdown a series is */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-figure", NULL));
  {
    GList *toplevels = gtk_window_list_toplevels ();
    gboolean found = FALSE;

    for (GList *l = toplevels; l; l = l->next)
      if (g_strcmp0 (gtk_window_get_title (l->data), "New Figure") == 0)
        {
          AdwComboRow *row = ADW_COMBO_ROW (find_row (l->data, "Indicator"));
          GListModel *names = adw_combo_row_get_model (row);

          for (guint i = 0; i < g_list_model_get_n_items (names); i++)
            {
              g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);
              if (strcmp (gtk_string_object_get_string (name), "Antal ledige personer (y25i01)") == 0)
                adw_combo_row_set_selected (row, i);
            }
          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                           "Table y25i01 · Antal ledige personer · Ydelsesgrupper: Ydelsesgrupper i alt; A-kasse: I alt");
          found = TRUE;
          gtk_window_destroy (l->data);
        }
    g_list_free (toplevels);
    g_assert_true (found);
  }

  /* a refused token: the banner gives the reason, nothing changes, the window stays usable */
  use_api ("changed", "wrong-token");
  g_assert_true (indsats_window_update_keyfigures (window));
  g_assert_true (indsats_window_is_busy (window));
  g_assert_false (indsats_window_update_keyfigures (window));
  spin_until_idle (window);
  g_assert_nonnull (strstr (indsats_window_get_banner (window), "Jobindsats refused the token (HTTP 401"));
  g_assert_null (strstr (indsats_window_get_banner (window), "wrong-token"));
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation_revision"), ==, revisions);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));

  /* offline */
  g_setenv ("INDSATS_JOBINDSATS_URL", "http://127.0.0.1:1/v3", TRUE);
  g_setenv ("INDSATS_JOBINDSATS_TOKEN", "window-token", TRUE);
  g_assert_true (indsats_window_update_keyfigures (window));
  spin_until_idle (window);
  g_assert_nonnull (strstr (indsats_window_get_banner (window), "Cannot reach Jobindsats"));

  /* the right token: the newest values, and what changed is said */
  use_api ("changed", "window-token");
  g_assert_true (indsats_window_update_keyfigures (window));
  spin_until_idle (window);
  g_assert_cmpstr (indsats_window_get_banner (window), ==, "");
  body = take_message ("Key Figures Updated");
  g_assert_nonnull (body);
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "Antal ledige personer (y25i01), Ishøj: jun. 2026 1.017 (maj 2026 1.007)"));
  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal ledige personer (y25i01)' AND o.area = 'Ishøj'"
                                          " AND o.period = '2026M06'"), ==, 1017);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM observation_revision"), >, revisions);

  gtk_window_destroy (GTK_WINDOW (window));
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
  spin_until_idle (window);
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
  spin_until_idle (window);
  g_free (take_message ("Key Figures Imported"));

  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal personer (y01a02, Kvinder)' AND o.period = '2021M01'"),
                     ==, 72405);
  g_assert_cmpfloat (stored_value (store, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                          " WHERE i.name = 'Antal personer (y01a02)' AND o.period = '2021M01'"),
                     ==, 144315);
  g_assert_cmpfloat (stored_value (store, "SELECT count(*) FROM indicator WHERE breakdown = 'Køn: Mænd'"), ==, 0);
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

  g_test_add_func ("/ui/update-keyfigures", test_update);
  g_test_add_func ("/ui/preferences-token", test_preferences_token);
  g_test_add_func ("/ui/preferences-database", test_preferences_database);
  g_test_add_func ("/ui/import-preview", test_import_preview);
  status = g_test_run ();

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_clear_object (&server);
  g_free (base);
  indsats_test_remove_dir (dir);
  return status;
}
