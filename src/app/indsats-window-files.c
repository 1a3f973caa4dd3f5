/* indsats-window-files.c
 *
 * The window's work in the background: importing key figures from files,
 * updating them from the Jobindsats API, and exporting the committee's
 * workbook. Each runs in a thread with a store of its own (an SQLite
 * connection is not shared across threads), shows its progress, can be
 * cancelled (cancelled means nothing changed) and says how it went. An update
 * that fails (offline, a refused token) says why in a banner and leaves the
 * window as it was. At start the window updates by itself when the last
 * update is a week old, a token is set and a figure comes from a Jobindsats
 * table; otherwise it says nothing.
 */
#include "config.h"

#include "indsats-window-private.h"

#include <glib/gi18n.h>

#include "indsats-export-xlsx.h"
#include "indsats-error.h"
#include "indsats-fetch.h"
#include "indsats-import-dialog.h"
#include "indsats-import.h"
#include "indsats-keyring.h"
#include "indsats-notice-dialog.h"
#include "indsats-preferences-window.h"
#include "indsats-settings.h"

typedef struct
{
  GWeakRef  window;
  double    fraction;
} Progress;

typedef struct
{
  char     *database;
  GStrv     paths;     /* import: the files; export: the workbook */
  gint64    plan_id;
  gboolean  export;
  char     *language;       /* export: the workbook's language */
  gboolean  native_charts;
  gboolean  fetch;
  gboolean  quiet;    /* fetch: the update at start; no token or nothing to fetch is no error */
  GStrv     areas;    /* fetch: the areas compared, from Preferences */
  char     *table;    /* import: the table every file holds, as the person gave it; NULL: from the names */
  gboolean  preview;  /* import: a dry run, to show what the files hold */
  GHashTable *keep;   /* import: the series chosen; NULL: all */
  GWeakRef  window;
} Job;

typedef struct
{
  IndsatsImportSummary *summary;
  GPtrArray            *changes;  /* of char *: what changed, per series */
} Update;

static void
update_free (Update *update)
{
  indsats_import_summary_free (update->summary);
  g_clear_pointer (&update->changes, g_ptr_array_unref);
  g_free (update);
}

static void
job_free (Job *job)
{
  g_free (job->database);
  g_strfreev (job->paths);
  g_free (job->language);
  g_strfreev (job->areas);
  g_free (job->table);
  g_clear_pointer (&job->keep, g_hash_table_unref);
  g_weak_ref_clear (&job->window);
  g_free (job);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *p = user_data;
  g_autoptr(IndsatsWindow) self = g_weak_ref_get (&p->window);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, p->fraction);
  g_weak_ref_clear (&p->window);
  g_free (p);
  return G_SOURCE_REMOVE;
}

/* Called in the worker thread: hands the number to the main loop */
static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Job *job = user_data;
  Progress *p = g_new0 (Progress, 1);
  g_autoptr(GObject) window = g_weak_ref_get (&job->window);

  g_weak_ref_init (&p->window, window);
  p->fraction = fraction;
  g_idle_add (show_progress_cb, p);
}

static void
run_job (GTask        *task,
         gpointer      source,
         gpointer      task_data,
         GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = indsats_store_open (job->database, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->fetch)
    {
      g_autoptr(GPtrArray) requests = NULL;
      g_autoptr(IndsatsJobindsats) client = NULL;
      g_autofree char *token = NULL;
      Update *update;

      if (!(requests = indsats_fetch_figure_requests (store, &error)))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (job->quiet && requests->len == 0)
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
      if (!(token = indsats_jobindsats_find_token (NULL, TRUE, &error)))
        {
          if (job->quiet)
            g_task_return_pointer (task, NULL, NULL);
          else
            g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      indsats_fetch_add_areas (requests, (const char * const *) job->areas);
      if (requests->len == 0)
        {
          g_task_return_new_error (task, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND, "%s",
                                   _("No figure shows key figures fetched from a Jobindsats table yet"));
          return;
        }
      client = indsats_jobindsats_new (NULL, token);
      update = g_new0 (Update, 1);
      if (!(update->summary = indsats_fetch (store, client, requests, FALSE, cancellable, progress_cb, job, &error)) ||
          !(update->changes = indsats_fetch_describe_changes (store, update->summary, &error)))
        {
          update_free (update);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_task_return_pointer (task, update, (GDestroyNotify) update_free);
    }
  else if (job->export)
    {
      IndsatsExportOptions options = { .language = job->language, .native_charts = job->native_charts };

      if (!indsats_export_xlsx (store, job->plan_id, job->paths[0], &options, cancellable, progress_cb, job, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, TRUE);
    }
  else
    {
      IndsatsImportOptions options = { .table = job->table };
      IndsatsImportSummary *summary = indsats_import_files_keeping (store, (const char * const *) job->paths, &options,
                                                                    job->keep, job->preview, cancellable,
                                                                    progress_cb, job, &error);
      if (summary == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, summary, (GDestroyNotify) indsats_import_summary_free);
    }
}

static void
show_message (IndsatsWindow *self,
              const char    *heading,
              const char    *body)
{
  indsats_notice_dialog_present (GTK_WINDOW (self), heading, body);
}

static void
end_job (IndsatsWindow *self)
{
  g_clear_object (&self->job);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", _indsats_window_may_change (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.update-keyfigures", _indsats_window_may_change (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-job", FALSE);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(IndsatsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsImportSummary) summary = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) body = g_string_new (NULL);
  guint added = 0, updated = 0, unchanged = 0;

  end_job (self);
  if (summary == NULL)
    {
      if (g_error_matches (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED))
        _indsats_window_toast (self, _("The import was cancelled; nothing was changed"));
      else
        show_message (self, _("The Key Figures Were Not Imported"), error->message);
      return;
    }

  for (guint i = 0; i < summary->counts->len; i++)
    {
      IndsatsImportCount *c = g_ptr_array_index (summary->counts, i);

      g_string_append_printf (body, _("%s: %u added, %u updated, %u unchanged"), c->indicator,
                              c->added, c->updated, c->unchanged);
      g_string_append_c (body, '\n');
      added += c->added;
      updated += c->updated;
      unchanged += c->unchanged;
    }
  for (guint i = 0; i < summary->read->len; i++)
    {
      IndsatsImportFile *f = g_ptr_array_index (summary->read, i);
      g_autofree char *base = g_path_get_basename (f->path);

      g_string_append_printf (body, "%s: %s\n", base, _(indsats_import_file_describe (f)));
    }
  g_string_prepend (body, "\n\n");
  {
    g_autofree char *total = g_strdup_printf (_("%u values: %u added, %u updated, %u unchanged."),
                                              summary->rows, added, updated, unchanged);
    g_string_prepend (body, total);
  }
  _indsats_window_reload (self);
  show_message (self, _("Key Figures Imported"), g_strchomp (body->str));
}

static gboolean start_job (IndsatsWindow       *self,
                           Job                 *job,
                           const char          *what,
                           GAsyncReadyCallback  done);

static void
import_chosen_cb (IndsatsImportDialog *dialog,
                  IndsatsWindow       *self)
{
  Job *job = g_new0 (Job, 1);
  job->paths = g_strdupv ((char **) indsats_import_dialog_get_paths (dialog));
  job->keep = indsats_import_dialog_get_kept (dialog);
  job->table = g_strdup (indsats_import_dialog_get_table (dialog));
  start_job (self, job, _("Importing key figures…"), import_done_cb);
}

static void preview_done_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data);

/* The person gave the table id: read the files again as that table */
static void
reread_cb (IndsatsImportDialog *dialog,
           IndsatsWindow       *self)
{
  Job *job = g_new0 (Job, 1);

  job->paths = g_strdupv ((char **) indsats_import_dialog_get_paths (dialog));
  job->table = g_strdup (indsats_import_dialog_get_table (dialog));
  job->preview = TRUE;
  if (start_job (self, job, _("Reading the files…"), preview_done_cb))
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(IndsatsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsImportSummary) summary = g_task_propagate_pointer (G_TASK (result), &error);
  Job *job = g_task_get_task_data (G_TASK (result));
  IndsatsImportDialog *dialog;

  end_job (self);
  if (summary == NULL)
    {
      if (g_error_matches (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED))
        _indsats_window_toast (self, _("The import was cancelled; nothing was changed"));
      else
        show_message (self, _("The Key Figures Were Not Imported"), error->message);
      return;
    }
  dialog = indsats_import_dialog_new (GTK_WINDOW (self), summary, (const char * const *) job->paths, job->table);
  g_signal_connect_object (dialog, "import", G_CALLBACK (import_chosen_cb), self, 0);
  g_signal_connect_object (dialog, "reread", G_CALLBACK (reread_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_banner (IndsatsWindow *self,
             const char    *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_widget_set_visible (self->banner_retry, TRUE);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
update_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(IndsatsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean quiet = job->quiet;
  Update *update = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) body = g_string_new (NULL);
  guint added = 0, updated = 0;

  end_job (self);
  if (update == NULL && error == NULL)
    return; /* at start, with no token or nothing to fetch */
  if (update == NULL)
    {
      if (g_error_matches (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED))
        _indsats_window_toast (self, _("The update was cancelled; nothing was changed"));
      else
        {
          g_autofree char *text = g_strdup_printf (_("The key figures were not updated: %s"), error->message);
          show_banner (self, text);
        }
      return;
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  if (self->settings != NULL && _indsats_window_has_setting (self, "last-update"))
    g_settings_set_int64 (self->settings, "last-update", g_get_real_time () / G_USEC_PER_SEC);
  for (guint i = 0; i < update->summary->counts->len; i++)
    {
      IndsatsImportCount *c = g_ptr_array_index (update->summary->counts, i);
      added += c->added;
      updated += c->updated;
    }
  if (added + updated == 0)
    g_string_append (body, _("Nothing new: every value was as before."));
  else
    {
      g_string_append_printf (body, _("%u values added, %u changed."), added, updated);
      g_string_append (body, "\n");
      for (guint i = 0; i < MIN (update->changes->len, 12); i++)
        g_string_append_printf (body, "\n%s", (char *) g_ptr_array_index (update->changes, i));
      if (update->changes->len > 12)
        {
          g_string_append (body, "\n");
          g_string_append_printf (body, _("… and %u more"), update->changes->len - 12);
        }
    }
  _indsats_window_reload (self);
  if (quiet && added + updated == 0)
    _indsats_window_toast (self, _("The key figures from Jobindsats are up to date"));
  else
    show_message (self, _("Key Figures Updated"), body->str);
  update_free (update);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(IndsatsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);
  AdwToast *toast;
  g_autofree char *uri = NULL;

  end_job (self);
  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_error_matches (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED))
        _indsats_window_toast (self, _("The export was cancelled"));
      else
        show_message (self, _("The Workbook Was Not Saved"), error->message);
      return;
    }
  uri = g_filename_to_uri (job->paths[0], NULL, NULL);
  toast = adw_toast_new (_("Workbook saved"));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri ? uri : ""));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
start_job (IndsatsWindow       *self,
           Job                 *job,
           const char          *what,
           GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = NULL;

  if (self->job != NULL || self->store == NULL)
    {
      job_free (job);
      return FALSE;
    }
  job->database = g_strdup (indsats_store_get_path (self->store));
  job->plan_id = self->plan_id;
  g_weak_ref_init (&job->window, self);

  self->job = g_cancellable_new ();
  gtk_progress_bar_set_text (self->progress_bar, what);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.update-keyfigures", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-job", TRUE);

  task = g_task_new (NULL, self->job, done, g_object_ref (self));
  /* what the work returns is what happened: cancelled means it stopped with
   * nothing changed, while work that was done before Cancel was pressed is
   * done (a GTask would otherwise report every cancelled one as failed) */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_job);
  return TRUE;
}

/**
 * indsats_window_import_files:
 *
 * Imports key figures in the background, then shows a summary.
 *
 * Returns: %FALSE when another import or export is under way
 */
gboolean
indsats_window_import_files (IndsatsWindow      *self,
                             const char * const *paths)
{
  Job *job = g_new0 (Job, 1);

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  job->paths = g_strdupv ((char **) paths);
  return start_job (self, job, _("Importing key figures…"), import_done_cb);
}

/**
 * indsats_window_preview_import:
 *
 * Reads the files in the background without writing, then shows what they
 * hold and lets the person choose the series to import.
 *
 * Returns: %FALSE when another job is under way
 */
gboolean
indsats_window_preview_import (IndsatsWindow      *self,
                               const char * const *paths)
{
  Job *job = g_new0 (Job, 1);

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  job->paths = g_strdupv ((char **) paths);
  job->preview = TRUE;
  return start_job (self, job, _("Reading the files…"), preview_done_cb);
}

/**
 * indsats_window_export_xlsx:
 * @language: (nullable): "da" or "en"; %NULL for Danish, whatever the
 *   window speaks: the workbook goes to a Danish committee
 * @native_charts: add Excel's own chart to each figure's sheet
 *
 * Writes the committee's workbook in the background, then offers to open it.
 */
gboolean
indsats_window_export_xlsx (IndsatsWindow *self,
                            const char    *path,
                            const char    *language,
                            gboolean       native_charts)
{
  Job *job = g_new0 (Job, 1);
  char *paths[] = { (char *) path, NULL };

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  job->paths = g_strdupv (paths);
  job->export = TRUE;
  job->language = g_strdup (language ? language : "da");
  job->native_charts = native_charts;
  return start_job (self, job, _("Writing the workbook…"), export_done_cb);
}

/* The areas compared, as Preferences keep them */
static GStrv
compared_areas (IndsatsWindow *self)
{
  if (self->settings == NULL || !_indsats_window_has_setting (self, "compared-areas"))
    return g_new0 (char *, 1);
  return g_settings_get_strv (self->settings, "compared-areas");
}

/**
 * indsats_window_update_keyfigures:
 *
 * Fetches the newest key figures of every table the figures come from, in
 * the background, then says what changed.
 *
 * Returns: %FALSE when another job is under way
 */
gboolean
indsats_window_update_keyfigures (IndsatsWindow *self)
{
  Job *job = g_new0 (Job, 1);

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  job->fetch = TRUE;
  job->areas = compared_areas (self);
  return start_job (self, job, _("Updating key figures from Jobindsats…"), update_done_cb);
}

/**
 * indsats_window_update_at_start:
 *
 * What the window does when it opens: when the key figures were last fetched
 * a week ago or more (or never), it fetches them as Update Key Figures does,
 * in the background. Without a token, or with no figure from a Jobindsats
 * table, it does nothing and says nothing.
 *
 * Returns: whether an update was started
 */
gboolean
indsats_window_update_at_start (IndsatsWindow *self)
{
  Job *job;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  if (self->store == NULL || self->settings == NULL || !_indsats_window_has_setting (self, "last-update") ||
      !indsats_fetch_is_due (g_settings_get_int64 (self->settings, "last-update"),
                             g_get_real_time () / G_USEC_PER_SEC))
    return FALSE;
  job = g_new0 (Job, 1);
  job->fetch = TRUE;
  job->quiet = TRUE;
  job->areas = compared_areas (self);
  return start_job (self, job, _("Looking for new key figures at Jobindsats…"), update_done_cb);
}

/* The banner's text, "" when it is hidden */
const char *
indsats_window_get_banner (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);
  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return "";
  return gtk_label_get_text (self->banner_label);
}

gboolean
indsats_window_is_busy (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);
  return self->job != NULL;
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    IndsatsWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);
          if (path)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      if (paths->len > 1)
        indsats_window_preview_import (self, (const char * const *) paths->pdata);
    }
  g_clear_object (&self->chooser);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  self->chooser = gtk_file_chooser_native_new (_("Import Key Figures"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Jobindsats files (CSV, JSON)"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/**
 * _indsats_window_chosen_path:
 * @suffix: the file type's ending, ".xlsx"
 *
 * Returns: (nullable): the file chosen in a save dialog, with @suffix added
 *   when the person left it out
 */
char *
_indsats_window_chosen_path (GtkNativeDialog *chooser,
                             const char      *suffix)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file ? g_file_get_path (file) : NULL;

  if (path == NULL || g_str_has_suffix (path, suffix))
    return g_steal_pointer (&path);
  return g_strconcat (path, suffix, NULL);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    IndsatsWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = _indsats_window_chosen_path (dialog, ".xlsx");

      if (path)
        indsats_window_export_xlsx (self, path,
                                    gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "language"),
                                    g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "native-charts"), "true") == 0);
    }
  g_clear_object (&self->chooser);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(IndsatsPlan) plan = self->store ? indsats_store_get_plan (self->store, self->plan_id, NULL) : NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("%s.xlsx", plan ? plan->title : _("Workbook"));

  self->chooser = gtk_file_chooser_native_new (_("Export to Excel"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Excel workbooks"));
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), g_strdelimit (name, "/", '-'));
  /* the committee reads Danish, whatever language the window speaks */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "language", _("Language of the workbook"),
                               (const char *[]) { "da", "en", NULL },
                               (const char *[]) { _("Danish"), _("English"), NULL });
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "language", "da");
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "native-charts",
                               _("Add Excel's own charts under the figures' numbers"), NULL, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_job_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);

  if (self->job)
    g_cancellable_cancel (self->job);
}

static void
update_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  indsats_window_update_keyfigures (INDSATS_WINDOW (widget));
}

static void
preferences_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  IndsatsPreferencesWindow *prefs = indsats_preferences_window_new (GTK_WINDOW (widget));
  IndsatsStore *store = indsats_window_get_store (INDSATS_WINDOW (widget));

  if (store != NULL)
    indsats_preferences_window_set_shown_database (prefs, indsats_store_get_path (store));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
dismiss_banner_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_revealer_set_reveal_child (INDSATS_WINDOW (widget)->banner_revealer, FALSE);
}

static void
open_file_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  const char *uri = g_variant_get_string (parameter, NULL);

  if (*uri && !g_app_info_launch_default_for_uri (uri, NULL, &error))
    _indsats_window_toast (INDSATS_WINDOW (widget), error->message);
}

void
_indsats_window_files_class_init (IndsatsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.export-xlsx", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "win.update-keyfigures", NULL, update_activated);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  gtk_widget_class_install_action (widget_class, "win.cancel-job", NULL, cancel_job_activated);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-xlsx", NULL);
}
