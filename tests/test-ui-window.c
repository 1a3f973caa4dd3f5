/* test-ui-window.c: the main window on a real display (run under Xvfb); with
 * INDSATS_PG_DIR naming a PostgreSQL server's folder (tests/pg-server.sh run),
 * the window on a shared database of that server */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <libpq-fe.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "indsats-action-dialog.h"
#include "indsats-action-row.h"
#include "indsats-application.h"
#include "indsats-chart-widget.h"
#include "indsats-demo.h"
#include "indsats-error.h"
#include "indsats-figure-card.h"
#include "indsats-follow-up-view.h"
#include "indsats-goals-view.h"
#include "indsats-notice-dialog.h"
#include "indsats-plan-item.h"
#include "indsats-plan-view.h"
#include "indsats-remove-dialog.h"
#include "indsats-window.h"

#include "config.h"

typedef struct
{
  char         *dir;
  char         *path;   /* a file, or a PostgreSQL URI */
  char         *pg_db;  /* the PostgreSQL database made for the test */
  IndsatsStore *store;
} Fixture;

static const char *pg_dir;
/* under LANGUAGE=da the window speaks Danish, and the tests read it so */
static gboolean danish;

/* Runs @sql on the server's database @db as its owner */
static void
pg_run (const char *db,
        const char *sql)
{
  g_autofree char *uri = g_strdup_printf ("postgresql://indsats@/%s?host=%s", db, pg_dir);
  PGconn *conn = PQconnectdb (uri);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint n;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("indsats-ui-XXXXXX", &error);
  g_assert_no_error (error);
  if (pg_dir != NULL)
    {
      g_autofree char *create = NULL;

      f->pg_db = g_strdup_printf ("ui_%d_%u", (int) getpid (), ++n);
      create = g_strdup_printf ("CREATE DATABASE %s", f->pg_db);
      pg_run ("postgres", create);
      f->path = g_strdup_printf ("postgresql://indsats@/%s?host=%s", f->pg_db, pg_dir);
    }
  else
    f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  if (f->pg_db != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", f->pg_db);
      pg_run ("postgres", drop);
      g_free (f->pg_db);
    }
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
wait_until_mapped (GtkWidget *widget)
{
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (widget); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  /* let the list view build its rows */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static const char *
visible_page (IndsatsWindow *window)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                INDSATS_TYPE_WINDOW, "stack"));
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* Whether a label reading @text is on screen in @widget */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static void
test_demo_plan_shown (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) teams = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) focus_areas = g_hash_table_new (g_str_hash, g_str_equal);
  IndsatsWindow *window;
  GListModel *items;
  guint n_actions = 0;

  g_assert_cmpint (indsats_demo_write (f->store, NULL, &error), >, 0);
  g_assert_no_error (error);

  window = indsats_window_new (NULL, f->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  g_assert_cmpstr (visible_page (window), ==, "main");
  /* a plan with triggers: the follow-up is offered */
  g_assert_true (shows_label (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "Follow-up")));
  items = indsats_window_get_items (window);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (items, i);

      switch (indsats_plan_item_get_kind (item))
        {
        case INDSATS_PLAN_ITEM_TEAM:
          g_hash_table_add (teams, (gpointer) indsats_plan_item_get_name (item));
          break;
        case INDSATS_PLAN_ITEM_FOCUS:
          g_hash_table_add (focus_areas, (gpointer) indsats_plan_item_get_name (item));
          break;
        case INDSATS_PLAN_ITEM_ACTION:
          n_actions++;
          break;
        }
    }
  g_assert_cmpuint (n_actions, ==, 25);
  g_assert_cmpuint (g_hash_table_size (teams), ==, 2);
  g_assert_cmpuint (g_hash_table_size (focus_areas), ==, 3);
  g_assert_true (g_hash_table_contains (teams, "Sygedagpengeteam"));
  g_assert_true (g_hash_table_contains (teams, "Job-team"));
  g_assert_true (g_hash_table_contains (focus_areas, "Fokus på et aktivt tilbud"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_empty_database (Fixture       *f,
                     gconstpointer  data)
{
  IndsatsWindow *window = indsats_window_new (NULL, f->store, NULL);
  GListModel *items;

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (visible_page (window), ==, "empty");

  /* the status page's button loads the demo plan */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  g_assert_cmpstr (visible_page (window), ==, "main");
  items = indsats_window_get_items (window);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 25 + 2 + 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unopenable_database (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_ACCES, "“x.db” is not an Indsats database");
  IndsatsWindow *window = indsats_window_new (NULL, NULL, error);
  AdwStatusPage *page;

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (visible_page (window), ==, "error");
  page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "error_page"));
  g_assert_cmpstr (adw_status_page_get_description (page), ==, error->message);
  /* with no plan there is nothing to add to */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                      INDSATS_TYPE_WINDOW,
                                                                                      "add_button"))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A shared plan whose server wants a password it was not given: the page
 * says where a person at the desktop gives it, in their language, before
 * what the server said */
static void
test_password_wanted (void)
{
  g_autoptr(GError) error = g_error_new_literal (INDSATS_ERROR, INDSATS_ERROR_PASSWORD,
                                                 "Cannot connect to the PostgreSQL server anna@db/indsats: "
                                                 "fe_sendauth: no password supplied; nothing was changed.");
  IndsatsWindow *window = indsats_window_new (NULL, NULL, error);
  g_autofree char *expected = NULL;
  AdwStatusPage *page;

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (visible_page (window), ==, "error");
  page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "error_page"));
  expected = g_strdup_printf ("%s\n\n%s",
                              danish ? "Serveren beder om adgangskoden til den fælles plan eller tog ikke imod den, "
                                       "der blev givet. Angiv den i Indstillinger under Database, og start Indsats igen."
                                     : "The server asks for the password of the shared plan, or did not take the one "
                                       "given. Give it in Preferences, under Database, and start Indsats again.",
                              error->message);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, expected);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                      INDSATS_TYPE_WINDOW,
                                                                                      "add_button"))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's size is kept in GSettings (the memory backend in tests) */
static void
test_window_size_remembered (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("dk.indsats.Indsats");
  IndsatsWindow *window;
  int width = 0, height = 0;

  g_settings_set (settings, "window-size", "(ii)", 800, 600);
  window = indsats_window_new (NULL, f->store, NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 1111, 777);
  gtk_window_close (GTK_WINDOW (window));
  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 1111);
  g_assert_cmpint (height, ==, 777);
}

/* A .ui file that names a widget newer than GTK 4.8 or libadwaita 1.2 fails
 * only when its template is built: build every one. */
static void
test_templates_instantiate (void)
{
  GType types[] = {
    INDSATS_TYPE_WINDOW,
    INDSATS_TYPE_PLAN_VIEW,
    INDSATS_TYPE_ACTION_ROW,
    INDSATS_TYPE_GOALS_VIEW,
    INDSATS_TYPE_FOLLOW_UP_VIEW,
    INDSATS_TYPE_FIGURE_CARD,
    INDSATS_TYPE_CHART_WIDGET,
    INDSATS_TYPE_NOTICE_DIALOG,
    INDSATS_TYPE_REMOVE_DIALOG,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *widget = g_object_ref_sink (g_object_new (types[i], NULL));

      g_assert_true (GTK_IS_WIDGET (widget));
      if (GTK_IS_WINDOW (widget))
        gtk_window_destroy (GTK_WINDOW (widget));
      g_object_unref (widget);
    }
}

/* A visible label under @widget whose text begins with @prefix */
static GtkLabel *
find_label_prefix (GtkWidget  *widget,
                   const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix) &&
      gtk_widget_get_visible (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label_prefix (child, prefix);
      if (found)
        return found;
    }
  return NULL;
}

/* Runs the program with @...(NULL-terminated) on @path, as another person
 * at another desktop would, and waits for it */
static void
run_indsats (const char *path,
             ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("INDSATS"));
  va_start (args, path);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Runs the main loop for about @ms milliseconds */
static void
spin (int ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
}

static char *
stored_text (IndsatsStore *store,
             gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsAction) a = indsats_store_get_action (store, id, &error);

  g_assert_no_error (error);
  return g_strdup_printf ("%s|%s", indsats_status_to_string (a->status), a->text);
}

/* Whether the window's plan shows an action with @text */
static gboolean
shows_action_text (IndsatsWindow *window,
                   const char    *text)
{
  GListModel *items = indsats_window_get_items (window);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (items, i);
      const IndsatsAction *action = indsats_plan_item_get_action (item);

      if (action != NULL && g_strcmp0 (action->text, text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* What the program says of its first frame on the fixture's database
 * (INDSATS_TIME_FIRST_FRAME), once it has quit after it */
static char *
first_frame_output (Fixture    *f,
                    const char *indsats)
{
  /* into a file: a helper the program starts (the accessibility bus) may
   * keep a pipe open long after the program ended */
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) program = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = g_build_filename (f->dir, "first-frame.txt", NULL);
  char *out = NULL;

  g_subprocess_launcher_setenv (launcher, "INDSATS_TIME_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, out_path);
  program = g_subprocess_launcher_spawn (launcher, &error, indsats, "--database", f->path, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (program, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out_path, &out, NULL, &error));
  g_assert_no_error (error);
  g_unlink (out_path);
  return out;
}

/* The program reads the plan while GTK starts, on a thread of its own: its
 * first frame shows what a window made on the same database shows (the
 * count of all the actions, and action rows), read from that database */
static void
test_program_shows_plan (Fixture       *f,
                         gconstpointer  data)
{
  const char *indsats = g_getenv ("INDSATS");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(IndsatsPlan) plan = indsats_plan_new ();
  IndsatsWindow *window;
  gint64 plan_id;
  guint rows = 0, actions = 0;
  const char *on_screen;

  if (indsats == NULL)
    {
      g_test_skip ("INDSATS does not name the program");
      return;
    }
  /* a plan with no triggers opens on its list of actions */
  plan->title = g_strdup ("Plan med 40 indsatser");
  plan_id = indsats_store_add_plan (f->store, plan, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *focus = g_strdup_printf ("Fokusområde %d", i % 4 + 1);
      g_autofree char *text = g_strdup_printf ("Indsats %d", i + 1);
      IndsatsAction a = { 0 };

      a.team = (char *) "Team 1";
      a.focus = focus;
      a.text = text;
      a.owner = (char *) "Teamleder";
      a.start_date = (char *) "2023-03-01";
      g_assert_cmpint (indsats_store_add_action (f->store, plan_id, &a, &error), >, 0);
      g_assert_no_error (error);
    }
  window = indsats_window_new (NULL, f->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  /* nothing to follow up: the switcher offers no Follow-up page to go to */
  g_assert_false (shows_label (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "Follow-up")));
  g_assert_true (shows_label (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "Recovery Plan")));
  expected = g_strdup_printf ("count: %s\n",
                              indsats_plan_view_get_count_text (indsats_window_get_plan_view (window)));
  gtk_window_destroy (GTK_WINDOW (window));

  out = first_frame_output (f, indsats);
  /* "on screen: 12 rows, 10 of them actions; count: 25 actions" */
  on_screen = strstr (out, "on screen: ");
  g_assert_nonnull (on_screen);
  g_assert_cmpint (sscanf (on_screen, "on screen: %u rows, %u of them actions", &rows, &actions), ==, 2);
  g_assert_cmpuint (actions, >=, 3);
  g_assert_nonnull (strstr (on_screen, expected));
}

/* A plan with triggers opens on the follow-up: the program's first frame
 * shows each trigger with its figure, draws the figures in sight and none
 * below them, and has read no more than the triggers' series by then */
static void
test_program_shows_follow_up (Fixture       *f,
                              gconstpointer  data)
{
  const char *indsats = g_getenv ("INDSATS");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *on_screen;
  guint triggers = 0, figures = 0, in_sight = 0, drawn = 0, astray = 0, values = 0;

  if (indsats == NULL)
    {
      g_test_skip ("INDSATS does not name the program");
      return;
    }
  g_assert_cmpint (indsats_demo_write (f->store, NULL, &error), >, 0);
  g_assert_no_error (error);
  out = first_frame_output (f, indsats);
  on_screen = strstr (out, "on screen: ");
  g_assert_nonnull (on_screen);
  g_assert_cmpint (sscanf (on_screen, "on screen: the follow-up of %u triggers; figures: %u, in sight: %u, "
                           "drawn in sight: %u, drawn out of sight: %u; key figures read: %u values",
                           &triggers, &figures, &in_sight, &drawn, &astray, &values), ==, 6);
  g_assert_cmpuint (triggers, ==, 2);
  g_assert_cmpuint (figures, ==, 2);
  g_assert_cmpuint (in_sight, >=, 1);
  g_assert_cmpuint (drawn, ==, in_sight);
  g_assert_cmpuint (astray, ==, 0);
  /* each trigger's series of 13 months, for its status and for its figure */
  g_assert_cmpuint (values, ==, 2 * 2 * 13);
}

/* Another program's edit shows in the window within 2 s, with no click */
static void
test_refresh_after_other_edit (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *indsats = g_getenv ("INDSATS");
  const char *text = "Ændret af en kollega i et andet program";
  IndsatsWindow *window;
  gint64 started;
  int status = -1;

  if (indsats == NULL)
    {
      g_test_skip ("INDSATS does not name the program");
      return;
    }
  g_assert_cmpint (indsats_demo_write (f->store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, f->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_false (shows_action_text (window, text));

  {
    const char *argv[] = { indsats, "actions", "edit", "3", "--text", text, "--database", f->path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                                 &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  started = g_get_monotonic_time ();
  while (!shows_action_text (window, text) && g_get_monotonic_time () - started < 2 * G_USEC_PER_SEC)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  g_assert_true (shows_action_text (window, text));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A role that may only read sees the plan, with every change turned off and
 * a banner that says so */
static void
test_read_only_role (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) reader = NULL;
  g_autofree char *grant = NULL;
  g_autofree char *uri = NULL;
  IndsatsWindow *window;
  GtkLabel *banner;
  GtkRevealer *revealer;
  guint n_toplevels;
  GList *toplevels;

  g_assert_cmpint (indsats_demo_write (f->store, NULL, &error), >, 0);
  pg_run ("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ui_reader')"
                      " THEN CREATE ROLE ui_reader LOGIN; END IF; END $$");
  grant = g_strdup_printf ("GRANT USAGE ON SCHEMA public TO ui_reader;"
                           " GRANT SELECT ON ALL TABLES IN SCHEMA public TO ui_reader");
  pg_run (f->pg_db, grant);
  uri = g_strdup_printf ("postgresql://ui_reader@/%s?host=%s", f->pg_db, pg_dir);
  reader = indsats_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_true (indsats_store_is_read_only (reader));

  window = indsats_window_new (NULL, reader, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_cmpstr (visible_page (window), ==, "main");
  g_assert_true (shows_action_text (window, "Bedre samarbejde med ydelsesafdelingen."));
  banner = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "banner_label"));
  revealer = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW,
                                                          "banner_revealer"));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (banner),
                                  danish ? "Du kan kun læse denne plan" : "You may only read this plan"));
  /* with no Try Again, which would mean nothing here */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                     INDSATS_TYPE_WINDOW,
                                                                                     "banner_retry"))));

  /* the form to add an action does not open */
  toplevels = gtk_window_list_toplevels ();
  n_toplevels = g_list_length (toplevels);
  g_list_free (toplevels);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-action", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  toplevels = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (toplevels), ==, n_toplevels);
  g_list_free (toplevels);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Stops or starts the tests' server (tests/pg-server.sh halt|resume) */
static void
pg_server (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_build_filename (g_getenv ("INDSATS_SOURCE_ROOT"), "tests", "pg-server.sh", NULL);
  const char *argv[] = { "bash", script, command, pg_dir, NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Runs the main loop until @done says so, or @seconds pass */
static gboolean
wait_for (gboolean (*done) (IndsatsWindow *window),
          IndsatsWindow *window,
          int            seconds)
{
  gint64 started = g_get_monotonic_time ();

  while (!done (window) && g_get_monotonic_time () - started < seconds * G_USEC_PER_SEC)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  return done (window);
}

static gboolean
server_banner_shown (IndsatsWindow *window)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                     INDSATS_TYPE_WINDOW,
                                                                                     "server_revealer")));
}

static gboolean
server_banner_gone (IndsatsWindow *window)
{
  return !server_banner_shown (window);
}

static gboolean
shows_new_text (IndsatsWindow *window)
{
  return shows_action_text (window, "Skrevet mens vinduet ventede på serveren");
}

/* The server stops while the window is open: the plan stays on screen under
 * a banner naming the server; started again, the banner goes and what
 * changed meanwhile is shown */
static void
test_server_stops (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) other = NULL;
  g_autoptr(IndsatsAction) action = NULL;
  const char *kept = "Bedre samarbejde med ydelsesafdelingen.";
  g_autofree char *expected = NULL;
  IndsatsWindow *window;
  GtkWidget *add_button;
  GtkLabel *label, *offline;
  IndsatsActionDialog *form;
  GList *toplevels;
  guint n_toplevels;

  g_assert_cmpint (indsats_demo_write (f->store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, f->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  g_assert_true (shows_action_text (window, kept));
  g_assert_false (server_banner_shown (window));
  /* a form open with typed text when the server stops */
  form = indsats_window_open_action_dialog (window, 2);
  g_assert_nonnull (form);
  g_object_ref (form);
  indsats_action_dialog_set_field (form, "note", "Skrevet, mens serveren stod stille");
  g_assert_true (indsats_action_dialog_can_save (form));

  pg_server ("halt");
  g_assert_true (wait_for (server_banner_shown, window, 5));
  /* the form stays with its text, says why it cannot save, and does not */
  offline = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (form), INDSATS_TYPE_ACTION_DIALOG, "offline_label"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (offline))))));
  g_assert_cmpstr (gtk_label_get_text (offline), ==,
                   danish ? "Serveren svarer ikke, så formularen kan ikke gemmes nu. Det, du har skrevet, bliver "
                            "stående her; Gem kommer tilbage, når serveren svarer."
                          : "The server does not answer, so the form cannot be saved now. What you typed stays here; "
                            "Save comes back when the server answers.");
  g_assert_false (indsats_action_dialog_can_save (form));
  g_assert_false (indsats_action_dialog_save (form, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpstr (indsats_action_dialog_get_field (form, "note"), ==, "Skrevet, mens serveren stod stille");
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "server_label"));
  expected = g_strdup_printf (danish ? "Serveren %s svarer ikke; prøver igen …"
                                     : "The server %s does not answer; trying again…",
                              indsats_store_get_display_name (f->store));
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
  g_assert_nonnull (strstr (gtk_label_get_text (label), f->pg_db));
  /* what it showed stays, with no error page */
  g_assert_cmpstr (visible_page (window), ==, "main");
  g_assert_true (shows_action_text (window, kept));
  /* and stays while it keeps trying */
  for (int i = 0; i < 4; i++)
    {
      wait_for (server_banner_gone, window, 1);
      g_assert_true (server_banner_shown (window));
    }
  g_assert_cmpstr (visible_page (window), ==, "main");

  /* nothing that changes the plan can be started meanwhile: the button to
   * add is off, and neither Add nor Mark as … nor Undo does anything (no
   * form, no message that the connection was lost) */
  add_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "add_button"));
  g_assert_false (gtk_widget_is_sensitive (add_button));
  toplevels = gtk_window_list_toplevels ();
  n_toplevels = g_list_length (toplevels);
  g_list_free (toplevels);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-action", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-action-status", "(xs)", (gint64) 3, "dropped");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  spin (300);
  toplevels = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (toplevels), ==, n_toplevels);
  g_list_free (toplevels);
  g_assert_true (server_banner_shown (window));

  pg_server ("resume");
  /* someone changes the plan as soon as the server is back */
  other = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  action = indsats_store_get_action (other, 3, &error);
  g_assert_no_error (error);
  g_free (action->text);
  action->text = g_strdup ("Skrevet mens vinduet ventede på serveren");
  g_assert_true (indsats_store_update_action (other, action, INDSATS_ACTION_FIELD_TEXT, &error));
  g_assert_no_error (error);

  g_assert_true (wait_for (server_banner_gone, window, 10));
  /* the form can save again, and what was typed while the server was away is stored */
  g_assert_true (indsats_action_dialog_can_save (form));
  g_assert_true (indsats_action_dialog_save (form, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (form));
  g_object_unref (form);
  g_assert_true (wait_for (shows_new_text, window, 5));
  g_assert_cmpstr (visible_page (window), ==, "main");
  g_assert_true (shows_action_text (window, kept));

  /* back, the commands are on again: what was tried meanwhile did nothing,
   * and Mark as … now stores */
  g_assert_true (gtk_widget_is_sensitive (add_button));
  g_clear_pointer (&action, indsats_action_free);
  action = indsats_store_get_action (other, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (action->status, !=, INDSATS_STATUS_DROPPED);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-action-status", "(xs)", (gint64) 3, "dropped");
  g_clear_pointer (&action, indsats_action_free);
  action = indsats_store_get_action (other, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (action->status, ==, INDSATS_STATUS_DROPPED);
  g_clear_pointer (&action, indsats_action_free);
  action = indsats_store_get_action (other, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (action->note, ==, "Skrevet, mens serveren stod stille");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Undo after another program changed the same field: refused, their value
 * stays, and a toast names who changed it to what */
static void
test_undo_keeps_newer_change (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *me = indsats_store_user_name ();
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  IndsatsWindow *window;
  GtkLabel *toast;

  if (g_getenv ("INDSATS") == NULL)
    {
      g_test_skip ("INDSATS does not name the program");
      return;
    }
  g_assert_cmpint (indsats_demo_write (f->store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, f->store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  /* Mark as Done, then a colleague drops it */
  g_assert_true (indsats_window_set_action_status (window, 3, INDSATS_STATUS_DONE));
  text = stored_text (f->store, 3);
  g_assert_true (g_str_has_prefix (text, "done|"));
  run_indsats (f->path, "actions", "edit", "3", "--status", "dropped", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  spin (300);
  g_clear_pointer (&text, g_free);
  text = stored_text (f->store, 3);
  g_assert_true (g_str_has_prefix (text, "dropped|"));

  toast = find_label_prefix (GTK_WIDGET (window), danish ? "Ikke fortrudt, deres ændring bliver: "
                                                         : "Not undone, their change stays: ");
  g_assert_nonnull (toast);
  expected = danish ? g_strdup_printf ("%s ændrede Status til „Opgivet“ kl. ", me)
                    : g_strdup_printf ("%s changed Status to “Dropped” at ", me);
  g_assert_nonnull (strstr (gtk_label_get_text (toast), expected));

  /* the next undo is the same refusal, not a step further back */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  spin (100);
  g_clear_pointer (&text, g_free);
  text = stored_text (f->store, 3);
  g_assert_true (g_str_has_prefix (text, "dropped|"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The selected row of the actions' list, and how far the list is scrolled */
static GtkAdjustment *
list_adjustment (IndsatsWindow *window)
{
  GtkWidget *scroller = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (indsats_window_get_plan_view (window)),
                                                       INDSATS_TYPE_PLAN_VIEW, "list_scroller");

  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

/* The row of @action_id among the widgets below @widget, when it has one */
static GtkWidget *
row_of_action (GtkWidget *widget,
               gint64     action_id)
{
  if (INDSATS_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget))
    {
      IndsatsPlanItem *item = indsats_action_row_get_item (INDSATS_ACTION_ROW (widget));
      const IndsatsAction *action = item ? indsats_plan_item_get_action (item) : NULL;

      if (action != NULL && action->id == action_id)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = row_of_action (child, action_id);

      if (found)
        return found;
    }
  return NULL;
}

/* Where the row of @action_id is in the window, from its top */
static double
row_top (IndsatsWindow *window,
         gint64         action_id)
{
  GtkWidget *row = row_of_action (GTK_WIDGET (indsats_window_get_plan_view (window)), action_id);
  double x = 0, y = 0;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_translate_coordinates (row, GTK_WIDGET (window), 0, 0, &x, &y));
  return y;
}

static gboolean
shows_colleague_text (IndsatsWindow *window)
{
  return shows_action_text (window, "Ændret af en kollega, mens rækken længst nede var valgt");
}

static gboolean
shows_second_text (IndsatsWindow *window)
{
  return shows_action_text (window, "Ændret af en kollega, mens formularen stod åben");
}

/* Another program's edit refreshes the window without losing the person's
 * place: the row far down stays selected and where it was on screen (rows
 * above it may grow or shrink with their new text); a form open with typed text stays open with that text, and
 * saves it */
static void
test_refresh_keeps_place (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  IndsatsPlanView *view;
  IndsatsActionDialog *dialog;
  GtkAdjustment *adjustment;
  IndsatsWindow *window;
  g_autofree char *text = NULL;
  gint64 last;
  double scrolled, top;

  if (g_getenv ("INDSATS") == NULL)
    {
      g_test_skip ("INDSATS does not name the program");
      return;
    }
  g_assert_cmpint (indsats_demo_write (f->store, NULL, &error), >, 0);
  actions = indsats_store_list_actions (f->store, 1, &error);
  g_assert_no_error (error);
  last = ((IndsatsAction *) g_ptr_array_index (actions, actions->len - 2))->id;
  window = indsats_window_new (NULL, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 560);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  view = indsats_window_get_plan_view (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "plan"));
  spin (200);

  g_assert_true (indsats_plan_view_focus_action (view, last));
  spin (300);
  g_assert_cmpint (indsats_plan_view_get_selected (view), ==, last);
  adjustment = list_adjustment (window);
  scrolled = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (scrolled, >, 100);
  top = row_top (window, last);

  run_indsats (f->path, "actions", "edit", "3", "--text", "Ændret af en kollega, mens rækken længst nede var valgt",
               NULL);
  g_assert_true (wait_for (shows_colleague_text, window, 3));
  spin (200);
  g_assert_cmpint (indsats_plan_view_get_selected (view), ==, last);
  g_assert_cmpfloat (fabs (row_top (window, last) - top), <, 1);

  /* a form with unsaved text, while someone else edits another action */
  dialog = indsats_window_open_action_dialog (window, last);
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  indsats_action_dialog_set_field (dialog, "note", "Skrevet, ikke gemt endnu");
  run_indsats (f->path, "actions", "edit", "5", "--text", "Ændret af en kollega, mens formularen stod åben", NULL);
  spin (2500);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpstr (indsats_action_dialog_get_field (dialog, "note"), ==, "Skrevet, ikke gemt endnu");
  g_assert_true (indsats_action_dialog_save (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  /* once the form is gone, the other edit shows, and the place is kept */
  g_assert_true (wait_for (shows_second_text, window, 3));
  spin (200);
  g_assert_cmpint (indsats_plan_view_get_selected (view), ==, last);
  g_assert_cmpfloat (fabs (row_top (window, last) - top), <, 1);
  {
    g_autoptr(IndsatsAction) saved = indsats_store_get_action (f->store, last, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (saved->note, ==, "Skrevet, ikke gemt endnu");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("INDSATS_LOCALEDIR");
  const char *language = g_getenv ("LANGUAGE");

  /* the window's words as the program finds them */
  danish = language != NULL && g_str_has_prefix (language, "da");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  indsats_application_register_resources ();

  pg_dir = g_getenv ("INDSATS_PG_DIR");
  if (pg_dir != NULL)
    {
      g_test_add ("/ui/window-pg/program-shows-plan", Fixture, NULL, fixture_set_up, test_program_shows_plan,
                  fixture_tear_down);
      g_test_add ("/ui/window-pg/refresh-after-other-edit", Fixture, NULL, fixture_set_up,
                  test_refresh_after_other_edit, fixture_tear_down);
      g_test_add ("/ui/window-pg/read-only-role", Fixture, NULL, fixture_set_up, test_read_only_role,
                  fixture_tear_down);
      g_test_add ("/ui/window-pg/server-stops", Fixture, NULL, fixture_set_up, test_server_stops,
                  fixture_tear_down);
      g_test_add ("/ui/window-pg/undo-keeps-newer-change", Fixture, NULL, fixture_set_up,
                  test_undo_keeps_newer_change, fixture_tear_down);
      g_test_add ("/ui/window-pg/refresh-keeps-place", Fixture, NULL, fixture_set_up, test_refresh_keeps_place,
                  fixture_tear_down);
      return g_test_run ();
    }
  g_test_add ("/ui/window/demo-plan", Fixture, NULL, fixture_set_up, test_demo_plan_shown, fixture_tear_down);
  g_test_add ("/ui/window/empty", Fixture, NULL, fixture_set_up, test_empty_database, fixture_tear_down);
  g_test_add ("/ui/window/program-shows-plan", Fixture, NULL, fixture_set_up, test_program_shows_plan,
              fixture_tear_down);
  g_test_add ("/ui/window/program-shows-follow-up", Fixture, NULL, fixture_set_up, test_program_shows_follow_up,
              fixture_tear_down);
  g_test_add_func ("/ui/window/unopenable", test_unopenable_database);
  g_test_add_func ("/ui/window/password-wanted", test_password_wanted);
  g_test_add ("/ui/window/size-remembered", Fixture, NULL, fixture_set_up, test_window_size_remembered, fixture_tear_down);
  g_test_add_func ("/ui/templates", test_templates_instantiate);
  g_test_add ("/ui/window/refresh-after-other-edit", Fixture, NULL, fixture_set_up, test_refresh_after_other_edit,
              fixture_tear_down);
  g_test_add ("/ui/window/undo-keeps-newer-change", Fixture, NULL, fixture_set_up, test_undo_keeps_newer_change,
              fixture_tear_down);
  g_test_add ("/ui/window/refresh-keeps-place", Fixture, NULL, fixture_set_up, test_refresh_keeps_place,
              fixture_tear_down);

  return g_test_run ();
}
