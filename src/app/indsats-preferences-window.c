/* indsats-preferences-window.c
 *
 * Preferences: the organisation's Jobindsats token and the areas compared.
 * The token goes straight into the keyring (in a thread: the keyring may take
 * a moment to answer) and is never shown again; the row only says whether one
 * is saved. The areas compared are a setting that Update Key Figures and
 * `indsats fetch` both read.
 *
 * And the database the window opens: a file or a PostgreSQL address, kept in
 * GSettings; the server's password goes into the keyring, never there.
 */
#include "config.h"

#include "indsats-preferences-window.h"

#include <glib/gi18n.h>

#include "indsats-keyring.h"
#include "indsats-settings.h"
#include "indsats-store.h"

struct _IndsatsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template children */
  AdwPasswordEntryRow  *token_row;
  GtkButton            *remove_button;
  GtkLabel             *status_label;
  AdwEntryRow          *areas_row;
  AdwEntryRow          *database_row;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *database_status_label;

  GSettings            *settings;     /* NULL in a build whose schema is not installed */
  char                 *shown;        /* the database the window shows, when not the kept one */
  GCancellable         *cancellable;
  guint                 busy;
};

G_DEFINE_FINAL_TYPE (IndsatsPreferencesWindow, indsats_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

typedef enum
{
  TOKEN_LOOK,
  TOKEN_SAVE,
  TOKEN_REMOVE,
  PASSWORD_SAVE,
} TokenWork;

typedef struct
{
  TokenWork  work;
  char      *token;   /* or the password */
  char      *server;  /* whose password */
} TokenJob;

static void
token_job_free (TokenJob *job)
{
  g_free (job->token);
  g_free (job->server);
  g_free (job);
}

static void
run_token_job (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TokenJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  switch (job->work)
    {
    case TOKEN_LOOK:
      kept = indsats_keyring_get_token (cancellable, &error);
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, kept != NULL);
      return;
    case TOKEN_SAVE:
      if (!indsats_keyring_set_token (job->token, cancellable, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    case TOKEN_REMOVE:
      if (!indsats_keyring_clear_token (cancellable, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, FALSE);
      return;
    case PASSWORD_SAVE:
      if (!indsats_keyring_set_database_password (job->server, job->token, cancellable, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
}

static void
show_saved (IndsatsPreferencesWindow *self,
            gboolean                  saved)
{
  gtk_label_set_text (self->status_label, saved ? _("A token is saved in the keyring.")
                                                : _("No token is saved. Ask STAR for one."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), saved);
}

static void
token_job_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(IndsatsPreferencesWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  TokenJob *job = g_task_get_task_data (G_TASK (result));
  gboolean saved = g_task_propagate_boolean (G_TASK (result), &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);
  /* closed meanwhile: nothing to say it in */
  if (self == NULL)
    return;
  self->busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job->work == PASSWORD_SAVE)
    {
      g_autofree char *text = NULL;

      if (error == NULL)
        text = g_strdup_printf (_("The password for %s is kept in the keyring."), job->server);
      gtk_label_set_text (self->database_status_label, error ? error->message : text);
      return;
    }
  if (error != NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  show_saved (self, saved);
}

static void
start_job (IndsatsPreferencesWindow *self,
           TokenWork                 work,
           const char               *token,
           const char               *server)
{
  GWeakRef *window = g_new0 (GWeakRef, 1);
  g_autoptr(GTask) task = NULL;
  TokenJob *job = g_new0 (TokenJob, 1);

  /* the keyring may take its time (it may ask to be unlocked): the job does
   * not keep the window, which closes and goes with its parent meanwhile */
  g_weak_ref_init (window, self);
  task = g_task_new (NULL, self->cancellable, token_job_done_cb, window);

  job->work = work;
  job->token = g_strdup (token);
  job->server = g_strdup (server);
  g_task_set_task_data (task, job, (GDestroyNotify) token_job_free);
  self->busy++;
  g_task_run_in_thread (task, run_token_job);
}

static void
start_token_job (IndsatsPreferencesWindow *self,
                 TokenWork                 work,
                 const char               *token)
{
  start_job (self, work, token, NULL);
}

/**
 * indsats_preferences_window_save_token:
 *
 * Saves @token in the keyring, in the background, and empties the row.
 */
void
indsats_preferences_window_save_token (IndsatsPreferencesWindow *self,
                                       const char               *token)
{
  g_autofree char *clean = g_strstrip (g_strdup (token ? token : ""));

  g_return_if_fail (INDSATS_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  if (*clean == '\0')
    {
      gtk_label_set_text (self->status_label, _("The token is empty; paste the token from STAR."));
      return;
    }
  start_token_job (self, TOKEN_SAVE, clean);
}

/* The database the window opens */

static char *
kept_database (IndsatsPreferencesWindow *self)
{
  return self->settings ? g_settings_get_string (self->settings, "database") : g_strdup ("");
}

/* a name of a database as the status says it: a file by its whole path */
static char *
described_database (const char *name)
{
  g_autofree char *path = NULL;

  if (*name == '\0')
    return NULL;
  if (g_str_has_prefix (name, "postgres"))
    return indsats_store_describe_name (name);
  path = g_canonicalize_filename (name, NULL);
  return indsats_store_describe_name (path);
}

static void
show_database (IndsatsPreferencesWindow *self)
{
  g_autofree char *name = kept_database (self);
  g_autofree char *kept = described_database (name);
  g_autofree char *shown = self->shown ? described_database (self->shown) : NULL;
  g_autofree char *text = NULL;

  /* started with --database, or kept another since: say what is on screen too */
  if (shown != NULL && g_strcmp0 (shown, kept) != 0)
    {
      g_autofree char *data_folder = indsats_store_default_path ();
      g_autofree char *own = described_database (data_folder);

      if (kept == NULL && g_strcmp0 (shown, own) == 0)
        text = g_strdup (_("Indsats opens its own file in your data folder."));
      else if (kept == NULL)
        text = g_strdup_printf (_("This window shows %s. Started without --database, "
                                  "Indsats opens its own file in your data folder."), shown);
      else
        text = g_strdup_printf (_("This window shows %s. Started without --database, Indsats opens %s."),
                                shown, kept);
    }
  else if (kept == NULL)
    text = g_strdup (_("Indsats opens its own file in your data folder."));
  else
    text = g_strdup_printf (_("Indsats opens %s."), kept);
  gtk_label_set_text (self->database_status_label, text);
}

/**
 * indsats_preferences_window_set_shown_database:
 * @name: the file or address of the database the window shows
 *
 * Says it beside the database the window opens the next time, when the two
 * differ: the window was started with --database, or another one was kept.
 */
void
indsats_preferences_window_set_shown_database (IndsatsPreferencesWindow *self,
                                               const char               *name)
{
  g_return_if_fail (INDSATS_IS_PREFERENCES_WINDOW (self));

  g_free (self->shown);
  self->shown = g_strdup (name);
  show_database (self);
}

/**
 * indsats_preferences_window_set_database:
 * @name: a file, a postgresql:// address without a password, or empty for
 *   the file in the data folder
 *
 * Keeps @name as the database the window opens the next time, once it is
 * one; else says what is wrong and keeps what was there.
 */
void
indsats_preferences_window_set_database (IndsatsPreferencesWindow *self,
                                         const char               *name)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  g_autoptr(GError) error = NULL;

  g_return_if_fail (INDSATS_IS_PREFERENCES_WINDOW (self));

  if (self->settings == NULL)
    {
      gtk_label_set_text (self->database_status_label,
                          _("This copy of Indsats cannot keep settings; start it with --database instead."));
      return;
    }
  if (*clean != '\0' && !indsats_store_check_name (clean, &error))
    {
      /* an address that is refused may hold a password: not left on screen */
      if (g_str_has_prefix (clean, "postgres"))
        gtk_editable_set_text (GTK_EDITABLE (self->database_row), "");
      gtk_label_set_text (self->database_status_label, error->message);
      return;
    }
  g_settings_set_string (self->settings, "database", clean);
  show_database (self);
}

/**
 * indsats_preferences_window_save_password:
 *
 * Keeps @password in the keyring for the PostgreSQL database the window
 * opens, in the background, and empties the row.
 */
void
indsats_preferences_window_save_password (IndsatsPreferencesWindow *self,
                                          const char               *password)
{
  g_autofree char *name = NULL;
  g_autofree char *server = NULL;

  g_return_if_fail (INDSATS_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  name = kept_database (self);
  if (!g_str_has_prefix (name, "postgresql://") && !g_str_has_prefix (name, "postgres://"))
    {
      gtk_label_set_text (self->database_status_label,
                          _("A password is for a PostgreSQL database; give its address first."));
      return;
    }
  if (password == NULL || *password == '\0')
    {
      gtk_label_set_text (self->database_status_label, _("The password is empty."));
      return;
    }
  server = indsats_store_describe_name (name);
  start_job (self, PASSWORD_SAVE, password, server);
}

const char *
indsats_preferences_window_get_database_status (IndsatsPreferencesWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_PREFERENCES_WINDOW (self), NULL);
  return gtk_label_get_text (self->database_status_label);
}

static void
database_applied_cb (AdwEntryRow              *row,
                     IndsatsPreferencesWindow *self)
{
  indsats_preferences_window_set_database (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
password_applied_cb (AdwEntryRow              *row,
                     IndsatsPreferencesWindow *self)
{
  indsats_preferences_window_save_password (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

gboolean
indsats_preferences_window_is_busy (IndsatsPreferencesWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_PREFERENCES_WINDOW (self), FALSE);
  return self->busy > 0;
}

const char *
indsats_preferences_window_get_status (IndsatsPreferencesWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_PREFERENCES_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

static void
token_applied_cb (AdwEntryRow              *row,
                  IndsatsPreferencesWindow *self)
{
  indsats_preferences_window_save_token (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

/**
 * indsats_preferences_window_save_areas:
 * @text: the areas, separated by commas
 *
 * Keeps the areas compared, each once, and shows them as kept.
 */
void
indsats_preferences_window_save_areas (IndsatsPreferencesWindow *self,
                                       const char               *text)
{
  g_auto(GStrv) areas = indsats_settings_parse_areas (text);
  g_autofree char *shown = indsats_settings_join_areas ((const char * const *) areas);

  g_return_if_fail (INDSATS_IS_PREFERENCES_WINDOW (self));

  if (self->settings == NULL)
    return;
  g_settings_set_strv (self->settings, "compared-areas", (const char * const *) areas);
  gtk_editable_set_text (GTK_EDITABLE (self->areas_row), shown);
}

static void
areas_applied_cb (AdwEntryRow              *row,
                  IndsatsPreferencesWindow *self)
{
  indsats_preferences_window_save_areas (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
remove_clicked_cb (GtkButton                *button,
                   IndsatsPreferencesWindow *self)
{
  start_token_job (self, TOKEN_REMOVE, NULL);
}

static void
indsats_preferences_window_dispose (GObject *object)
{
  IndsatsPreferencesWindow *self = INDSATS_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (indsats_preferences_window_parent_class)->dispose (object);
}

static void
indsats_preferences_window_class_init (IndsatsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPreferencesWindow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPreferencesWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPreferencesWindow, areas_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPreferencesWindow, database_status_label);
  gtk_widget_class_bind_template_callback (widget_class, token_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, database_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, areas_applied_cb);
}

static void
indsats_preferences_window_init (IndsatsPreferencesWindow *self)
{
  g_autofree char *database = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->settings = indsats_settings_new_if_installed ("database");
  if (self->settings != NULL)
    {
      g_auto(GStrv) areas = g_settings_get_strv (self->settings, "compared-areas");
      g_autofree char *shown = indsats_settings_join_areas ((const char * const *) areas);

      gtk_editable_set_text (GTK_EDITABLE (self->areas_row), shown);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->areas_row), FALSE);
  database = kept_database (self);
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database);
  show_database (self);
  gtk_label_set_text (self->status_label, _("Looking in the keyring…"));
  start_token_job (self, TOKEN_LOOK, NULL);
}

IndsatsPreferencesWindow *
indsats_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (INDSATS_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
}
