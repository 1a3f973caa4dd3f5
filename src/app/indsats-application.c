/* indsats-application.c
 *
 * The application: reads --database and --demo, opens the store and shows a
 * window on it. Each process has its own database, so instances are not
 * unique.
 */
#include "config.h"

#include "indsats-application.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "indsats-chart-widget.h"
#include "indsats-demo.h"
#include "indsats-figure-card.h"
#include "indsats-follow-up-view.h"
#include "indsats-notice-dialog.h"
#include "indsats-plan-item.h"
#include "indsats-plan-view.h"
#include "indsats-store.h"
#include "indsats-window.h"

/* What the first page needs from the store, read on a thread of its own
 * while GTK and libadwaita start on the main thread. The main thread waits
 * for it before it touches the store, so the connection is never used by
 * two threads at once. */
typedef struct
{
  char         *path;
  gint64        chosen_plan;   /* the plan shown last, from the settings; 0: none */
  IndsatsStore *store;
  GError       *error;
  gint64        plan_id;       /* the plan the window will likely show */
  GPtrArray    *actions;       /* and its actions; NULL when they could not be read */
} FirstRead;

struct _IndsatsApplication
{
  AdwApplication  parent_instance;

  char           *database;
  gboolean        demo;
  char           *demo_dir;    /* the fresh copy made for --demo, removed at exit */
  GThread        *first_thread;
  FirstRead       first;
};

G_DEFINE_FINAL_TYPE (IndsatsApplication, indsats_application, ADW_TYPE_APPLICATION)

gint64 indsats_application_started;

/* from the resource compiled out of ui/ */
GResource *indsats_ui_get_resource (void);

/**
 * indsats_application_register_resources:
 *
 * Makes the templates, style and icons known. A static library drops the
 * resource's constructor, so this is called before any widget is made.
 */
void
indsats_application_register_resources (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_resources_register (indsats_ui_get_resource ());
      g_once_init_leave (&done, 1);
    }
}

IndsatsApplication *
indsats_application_new (void)
{
  if (indsats_application_started == 0)
    indsats_application_started = g_get_monotonic_time ();
  indsats_application_mark ("main");
  indsats_application_register_resources ();
  return g_object_new (INDSATS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/dk/indsats/Indsats",
                       NULL);
}

static void
remove_demo_dir (IndsatsApplication *self)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  if (self->demo_dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("demo.db", suffixes[i], NULL);
      g_autofree char *path = g_build_filename (self->demo_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);
}

static gpointer
first_read_thread (gpointer data)
{
  FirstRead *first = data;

  if (!(first->store = indsats_store_open (first->path, &first->error)))
    return NULL;
  /* as the window chooses: the plan shown last if it is still there, else the
   * first; whatever goes wrong here, the window reads again and says so */
  if (first->chosen_plan > 0)
    {
      g_autoptr(IndsatsPlan) chosen = indsats_store_get_plan (first->store, first->chosen_plan, NULL);

      if (chosen != NULL)
        first->plan_id = first->chosen_plan;
    }
  if (first->plan_id <= 0)
    first->plan_id = indsats_store_get_first_plan_id (first->store, NULL);
  if (first->plan_id > 0)
    first->actions = indsats_store_list_actions (first->store, first->plan_id, NULL);
  return NULL;
}

/* Waits for the first read, if one was started */
static void
join_first_read (IndsatsApplication *self)
{
  if (self->first_thread == NULL)
    return;
  g_thread_join (g_steal_pointer (&self->first_thread));
}

static void
clear_first_read (IndsatsApplication *self)
{
  join_first_read (self);
  g_clear_pointer (&self->first.path, g_free);
  g_clear_object (&self->first.store);
  g_clear_error (&self->first.error);
  g_clear_pointer (&self->first.actions, g_ptr_array_unref);
}

static void
indsats_application_finalize (GObject *object)
{
  IndsatsApplication *self = INDSATS_APPLICATION (object);

  clear_first_read (self);
  remove_demo_dir (self);
  g_clear_pointer (&self->database, g_free);

  G_OBJECT_CLASS (indsats_application_parent_class)->finalize (object);
}

/* --demo: a fresh copy of the demo plan in a folder of its own */
static IndsatsStore *
open_demo_copy (IndsatsApplication  *self,
                GError             **error)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autofree char *path = NULL;

  self->demo_dir = g_dir_make_tmp ("indsats-demo-XXXXXX", error);
  if (self->demo_dir == NULL)
    return NULL;
  path = g_build_filename (self->demo_dir, "demo.db", NULL);
  if (!(store = indsats_store_open (path, error)) ||
      !indsats_demo_write (store, NULL, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* How long ago the process began, in ms, as the kernel counts it (in its
 * ticks, a hundredth of a second); -1 when it cannot tell */
static double
ms_since_exec (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !(after_name = strrchr (stat, ')')) ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;
  /* the fields after the program's name, from the third (state) on: the start is the 22nd */
  fields = g_strsplit (after_name + 2, " ", 21);
  if (g_strv_length (fields) < 21)
    return -1;
  return (now.tv_sec * 1e3 + now.tv_nsec / 1e6) -
         g_ascii_strtod (fields[19], NULL) * 1e3 / sysconf (_SC_CLK_TCK);
}

static GString *marks;   /* the steps to the first frame, under INDSATS_TIME_FIRST_FRAME */

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

/**
 * indsats_application_mark:
 * @what: the step just done
 *
 * For the benchmark (INDSATS_TIME_FIRST_FRAME), notes when a step on the way
 * to the first frame ended, from exec and in processor time, to be printed
 * with the first frame. Costs nothing otherwise.
 */
void
indsats_application_mark (const char *what)
{
  static int timed = -1;

  if (timed < 0)
    timed = g_getenv ("INDSATS_TIME_FIRST_FRAME") != NULL;
  if (!timed)
    return;
  if (marks == NULL)
    marks = g_string_new (NULL);
  g_string_append_printf (marks, "step: %s: %.0f ms from exec, %.0f ms processor time\n",
                          what, ms_since_exec (), cpu_ms ());
}

/* What the first frame shows of the follow-up, the page a plan with
 * triggers opens on: its triggers, their figures, which of them are in
 * sight and drawn, and how many key-figure values the window read for it */
static void
print_follow_up (IndsatsWindow *window)
{
  IndsatsFollowUpView *view = indsats_window_get_follow_up_view (window);
  GPtrArray *cards = indsats_follow_up_view_get_cards (view);
  IndsatsStore *store = indsats_window_get_store (window);
  guint in_sight = 0, drawn = 0, drawn_out_of_sight = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      IndsatsChartWidget *chart = INDSATS_CHART_WIDGET (indsats_figure_card_get_chart (g_ptr_array_index (cards, i)));
      gboolean seen = indsats_chart_widget_get_in_sight (chart);
      gboolean painted = indsats_chart_widget_get_n_draws (chart) > 0;

      in_sight += seen;
      drawn += seen && painted;
      drawn_out_of_sight += !seen && painted;
    }
  g_print ("on screen: the follow-up of %u triggers; figures: %u, in sight: %u, drawn in sight: %u, "
           "drawn out of sight: %u; key figures read: %" G_GUINT64_FORMAT " values\n",
           indsats_follow_up_view_get_n_triggers (view), cards->len, in_sight, drawn, drawn_out_of_sight,
           store ? indsats_store_get_values_read (store) : 0);
}

/* INDSATS_TIME_FIRST_FRAME: for the benchmark, say when the window's first
 * frame was drawn, counted from the start of the process, how much processor
 * time the process had used by then (what a loaded machine does not blur),
 * and what it shows of the plan (an empty frame is always fast): the
 * follow-up's figures when it opens on that page, else the list's rows;
 * then, when the list held back its rows past the first screen, when the
 * frame that showed them was drawn; and quit */
static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static gboolean first_done;
  IndsatsWindow *window = INDSATS_WINDOW (gtk_application_get_active_window (app));
  IndsatsPlanView *view = indsats_window_get_plan_view (window);
  /* the list builds its rows only when it is the page shown */
  gboolean list_shown = gtk_widget_get_mapped (GTK_WIDGET (view));
  guint n_actions = 0;

  if (!first_done)
    {
      g_autoptr(GPtrArray) rows = indsats_plan_view_get_rows_on_screen (view);
      double exec_ms = ms_since_exec ();

      first_done = TRUE;
      for (guint i = 0; i < rows->len; i++)
        n_actions += indsats_plan_item_get_action (g_ptr_array_index (rows, i)) != NULL;
      g_print ("first frame: %.1f ms\n", (g_get_monotonic_time () - indsats_application_started) / 1000.0);
      g_print ("from exec: %.0f ms\n", exec_ms);
      {
        struct rusage usage;

        getrusage (RUSAGE_SELF, &usage);
        g_print ("processor time: %.1f ms user, %.1f ms system\n",
                 usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3,
                 usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3);
      }
      if (marks != NULL)
        g_print ("%s", marks->str);
      if (gtk_widget_get_mapped (GTK_WIDGET (indsats_window_get_follow_up_view (window))))
        print_follow_up (window);
      else
        g_print ("on screen: %u rows, %u of them actions; count: %s\n", rows->len, n_actions,
                 indsats_plan_view_get_count_text (view));
      if (list_shown && indsats_plan_view_get_rows_waiting (view))
        return;
    }
  else if (list_shown && indsats_plan_view_get_rows_waiting (view))
    return;
  else
    g_print ("every row built: %.0f ms from exec, %.0f ms processor time\n", ms_since_exec (), cpu_ms ());
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  g_application_quit (G_APPLICATION (app));
}

static void
window_mapped_cb (GtkWidget *window,
                  gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  indsats_application_mark ("window mapped");
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), user_data);
}

/* What opening the database changed in it (the names a migration merged) */
static void
tell_notes (GtkWindow    *window,
            IndsatsStore *store)
{
  GPtrArray *notes = indsats_store_get_notes (store);
  g_autoptr(GString) body = g_string_new (NULL);

  if (notes->len == 0)
    return;
  for (guint i = 0; i < notes->len; i++)
    {
      g_printerr ("indsats: “%s” was brought up to date: %s\n", indsats_store_get_display_name (store),
                  (const char *) g_ptr_array_index (notes, i));
      g_string_append_printf (body, "%s%s", i ? "\n" : "", (const char *) g_ptr_array_index (notes, i));
    }
  indsats_notice_dialog_present (window, _("Names Spelled Two Ways Were Merged"), body->str);
}

/* The database Preferences chose, else the file in the data folder; and
 * the plan shown last, in @plan (0 when none was kept) */
static char *
chosen_database (gint64 *plan)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *name = NULL;

  *plan = 0;
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return indsats_store_default_path ();
  settings = g_settings_new (APP_ID);
  if (g_settings_schema_has_key (schema, "plan"))
    *plan = g_settings_get_int64 (settings, "plan");
  if (!g_settings_schema_has_key (schema, "database"))
    return indsats_store_default_path ();
  name = g_settings_get_string (settings, "database");
  if (name[0] == '\0')
    return indsats_store_default_path ();
  return g_steal_pointer (&name);
}

/* Opens the store and reads the first page's actions on a thread of its
 * own: GTK's start-up on the main thread leaves the other core idle. The
 * settings are read here, on the main thread. */
static void
start_first_read (IndsatsApplication *self)
{
  g_autofree char *path = NULL;

  /* a shared database's password may be in the keyring, put there by Preferences */
  indsats_store_use_keyring (TRUE);
  path = chosen_database (&self->first.chosen_plan);
  self->first.path = self->database ? g_strdup (self->database) : g_steal_pointer (&path);
  self->first_thread = g_thread_new ("indsats-first-read", first_read_thread, &self->first);
}

static void
indsats_application_activate (GApplication *app)
{
  IndsatsApplication *self = INDSATS_APPLICATION (app);
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  gint64 plan_id = 0;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  indsats_application_mark ("activate");
  if (self->demo)
    {
      indsats_store_use_keyring (TRUE);
      store = open_demo_copy (self, &error);
    }
  else
    {
      if (self->first_thread == NULL && self->first.path == NULL)
        start_first_read (self);
      join_first_read (self);
      store = g_steal_pointer (&self->first.store);
      error = g_steal_pointer (&self->first.error);
      plan_id = self->first.plan_id;
      actions = g_steal_pointer (&self->first.actions);
    }
  if (error != NULL)
    g_printerr ("indsats: %s\n", error->message);

  indsats_application_mark (self->demo ? "store opened" : "store and plan read (thread)");
  window = GTK_WINDOW (indsats_window_new_read (self, store, error, plan_id, g_steal_pointer (&actions)));
  indsats_application_mark ("window built");
  if (g_getenv ("INDSATS_TIME_FIRST_FRAME"))
    g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), self);
  gtk_window_present (window);
  indsats_application_mark ("window presented");
  if (store != NULL)
    {
      tell_notes (window, store);
      /* the newest figures, when the last update is a week old */
      indsats_window_update_at_start (INDSATS_WINDOW (window));
      indsats_application_mark ("key figures' update looked for");
    }
}

static int
indsats_application_handle_local_options (GApplication *app,
                                          GVariantDict *options)
{
  IndsatsApplication *self = INDSATS_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("indsats %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    self->database = g_strdup (database);
  g_variant_dict_lookup (options, "demo", "b", &self->demo);
  /* before GTK starts, which is where the time goes */
  if (!self->demo)
    start_first_read (self);

  return -1;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* close windows so that they save their size */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Indsats developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Indsats"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Indsats developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Recovery plans, key figures and committee papers for jobcentres"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         NULL);
}

/* Ended by a signal, the program still removes the demo copy and saves the window size */
static gboolean
terminate_cb (gpointer user_data)
{
  quit_activated (NULL, NULL, user_data);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static void
indsats_application_startup (GApplication *app)
{
  indsats_application_mark ("start-up");
  G_APPLICATION_CLASS (indsats_application_parent_class)->startup (app);
  indsats_application_mark ("GTK and libadwaita ready");

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  /* the window builds its shortcuts window when asked: the menu shows the key */
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
  g_unix_signal_add (SIGTERM, terminate_cb, app);
  g_unix_signal_add (SIGINT, terminate_cb, app);
  g_unix_signal_add (SIGHUP, terminate_cb, app);
}

static void
indsats_application_class_init (IndsatsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = indsats_application_finalize;
  app_class->activate = indsats_application_activate;
  app_class->startup = indsats_application_startup;
  app_class->handle_local_options = indsats_application_handle_local_options;
}

static void
indsats_application_init (IndsatsApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The database file"), N_("FILE") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open a fresh copy of the demo plan"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}
