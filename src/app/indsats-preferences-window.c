/* indsats-preferences-window.c
 *
 * Preferences: the organisation's Jobindsats token and the areas compared.
 * The token goes straight into the keyring (in a thread: the keyring may take
 * a moment to answer) and is never shown again; the row only says whether one
 * is saved. The areas compared are a setting that Update Key Figures and
 * `indsats fetch` both read.
 */
#include "config.h"

#include "indsats-preferences-window.h"

#include <glib/gi18n.h>

#include "indsats-keyring.h"
#include "indsats-settings.h"

struct _IndsatsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template children */
  AdwPasswordEntryRow  *token_row;
  GtkButton            *remove_button;
  GtkLabel             *status_label;
  AdwEntryRow          *areas_row;

  GSettings            *settings;  /* NULL when the schema is not installed */
  GCancellable         *cancellable;
  guint                 busy;
};

G_DEFINE_FINAL_TYPE (IndsatsPreferencesWindow, indsats_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

typedef enum
{
  TOKEN_LOOK,
  TOKEN_SAVE,
  TOKEN_REMOVE,
} TokenWork;

typedef struct
{
  TokenWork  work;
  char      *token;
} TokenJob;

static void
token_job_free (TokenJob *job)
{
  g_free (job->token);
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
  g_autoptr(IndsatsPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = g_task_propagate_boolean (G_TASK (result), &error);

  self->busy--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  show_saved (self, saved);
}

static void
start_token_job (IndsatsPreferencesWindow *self,
                 TokenWork                 work,
                 const char               *token)
{
  g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, token_job_done_cb, g_object_ref (self));
  TokenJob *job = g_new0 (TokenJob, 1);

  job->work = work;
  job->token = g_strdup (token);
  g_task_set_task_data (task, job, (GDestroyNotify) token_job_free);
  self->busy++;
  g_task_run_in_thread (task, run_token_job);
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
  gtk_widget_class_bind_template_callback (widget_class, token_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, areas_applied_cb);
}

static void
indsats_preferences_window_init (IndsatsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->settings = indsats_settings_new_if_installed ("compared-areas");
  if (self->settings != NULL)
    {
      g_auto(GStrv) areas = g_settings_get_strv (self->settings, "compared-areas");
      g_autofree char *shown = indsats_settings_join_areas ((const char * const *) areas);

      gtk_editable_set_text (GTK_EDITABLE (self->areas_row), shown);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->areas_row), FALSE);
  gtk_label_set_text (self->status_label, _("Looking in the keyring…"));
  start_token_job (self, TOKEN_LOOK, NULL);
}

IndsatsPreferencesWindow *
indsats_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (INDSATS_TYPE_PREFERENCES_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
}
