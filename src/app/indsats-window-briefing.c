/* indsats-window-briefing.c
 *
 * The window's part in the committee's meetings: "Mark Committee Meeting…"
 * takes a snapshot under the meeting's date, the page "Since the Last
 * Meeting" tells what changed since the newest one, and "Export Briefing…"
 * writes the briefing as a PDF in the background, then offers to open it.
 */
#include "config.h"

#include "indsats-window-briefing.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "indsats-changes.h"
#include "indsats-error.h"
#include "indsats-export-pdf.h"
#include "indsats-format.h"
#include "indsats-meeting-dialog.h"
#include "indsats-notice-dialog.h"
#include "indsats-window-private.h"

typedef struct
{
  char   *database;
  char   *path;
  gint64  plan_id;
} BriefingJob;

static void
briefing_job_free (BriefingJob *job)
{
  g_free (job->database);
  g_free (job->path);
  g_free (job);
}

static IndsatsSinceView *
since_view (IndsatsWindow *self)
{
  return INDSATS_SINCE_VIEW (gtk_widget_get_template_child (GTK_WIDGET (self), INDSATS_TYPE_WINDOW, "since_view"));
}

/* Reads what changed since the last meeting, if it waits to be read */
static void
load_since (IndsatsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->since_stale || self->store == NULL || self->plan_id <= 0)
    return;
  self->since_stale = FALSE;
  if (!indsats_since_view_load (since_view (self), self->store, self->plan_id, &error))
    _indsats_window_toast (self, error->message);
}

/**
 * indsats_window_get_since_view:
 *
 * Returns: (transfer none): the page of what changed since the last meeting, up to date
 */
IndsatsSinceView *
indsats_window_get_since_view (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);
  load_since (self);
  return since_view (self);
}

static void
show_message (IndsatsWindow *self,
              const char    *heading,
              const char    *body)
{
  indsats_notice_dialog_present (GTK_WINDOW (self), heading, body);
}

/* Called when the window loads its plan or marks a meeting: the page is
 * read now if it shows, else when it is first shown */
void
_indsats_window_briefing_reload (IndsatsWindow *self)
{
  self->since_stale = TRUE;
  _indsats_window_briefing_ensure (self);
}

/* Called when the page shown changes */
void
_indsats_window_briefing_ensure (IndsatsWindow *self)
{
  if (adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (since_view (self)))
    load_since (self);
}

/**
 * indsats_window_mark_meeting:
 * @meeting_date: YYYY-MM-DD
 *
 * Keeps the plan as it is now under @name, and shows what changed since it.
 */
gboolean
indsats_window_mark_meeting (IndsatsWindow  *self,
                             const char     *name,
                             const char     *meeting_date,
                             GError        **error)
{
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  if (self->store == NULL || self->plan_id <= 0)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND, _("There is no plan to mark a meeting for"));
      return FALSE;
    }
  if (indsats_snapshot_take (self->store, self->plan_id, name, meeting_date, error) == 0)
    return FALSE;
  _indsats_window_briefing_reload (self);
  date = indsats_format_date (meeting_date);
  text = g_strdup_printf (_("The committee meeting of %s is marked"), date);
  _indsats_window_toast (self, text);
  return TRUE;
}

static void
meeting_response_cb (IndsatsMeetingDialog *dialog,
                     const char           *response,
                     IndsatsWindow        *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  if (g_strcmp0 (response, "mark") != 0 || !(iso = indsats_meeting_dialog_get_date (dialog)))
    return;
  if (!indsats_window_mark_meeting (self, indsats_meeting_dialog_get_name (dialog), iso, &error))
    show_message (self, _("The Meeting Was Not Marked"), error->message);
}

/**
 * indsats_window_ask_meeting:
 *
 * Returns: (transfer none): the dialog that asks for the meeting's date and name
 */
GtkWindow *
indsats_window_ask_meeting (IndsatsWindow *self)
{
  g_autofree char *today = indsats_today_iso ();
  IndsatsMeetingDialog *dialog;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);

  dialog = indsats_meeting_dialog_new (GTK_WINDOW (self), today);
  g_signal_connect_object (dialog, "response", G_CALLBACK (meeting_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
mark_meeting_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  indsats_window_ask_meeting (INDSATS_WINDOW (widget));
}

static void
show_since_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "since");
}

/* The briefing, written in a worker thread with a store of its own */

static void
run_briefing (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BriefingJob *job = task_data;
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = indsats_today_iso ();
  IndsatsBriefingOptions options = { NULL, today };

  if (!(store = indsats_store_open (job->database, &error)) ||
      !indsats_export_pdf (store, job->plan_id, job->path, &options, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
pulse_cb (gpointer user_data)
{
  IndsatsWindow *self = user_data;

  /* the task keeps the window alive until it is done; its children may be gone */
  if (self->progress_bar)
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (IndsatsWindow *self,
          gboolean       busy)
{
  const char *actions[] = { "win.import", "win.export-xlsx", "win.update-keyfigures", "win.export-briefing" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !busy);
  /* what changes the plan stays off on a plan that may only be read */
  if (!busy && !_indsats_window_may_change (self))
    _indsats_window_update_changing (self);
  /* the briefing takes a moment and cannot be stopped half-way */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-job", FALSE);
  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
}

static void
briefing_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(IndsatsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  BriefingJob *job = g_task_get_task_data (task);
  g_autofree char *uri = NULL;
  guint pulse = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "pulse"));
  AdwToast *toast;

  g_source_remove (pulse);
  g_clear_object (&self->job);
  if (self->toast_overlay == NULL)
    return; /* the window was closed meanwhile */
  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (task, &error))
    {
      show_message (self, _("The Briefing Was Not Saved"), error->message);
      return;
    }
  uri = g_filename_to_uri (job->path, NULL, NULL);
  toast = adw_toast_new (_("Briefing saved"));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri ? uri : ""));
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * indsats_window_export_briefing:
 * @path: the PDF to write
 *
 * Writes the committee briefing in the background, telling what changed
 * since the newest meeting marked, then offers to open it.
 *
 * Returns: %FALSE when another import or export is under way
 */
gboolean
indsats_window_export_briefing (IndsatsWindow *self,
                                const char    *path)
{
  g_autoptr(GTask) task = NULL;
  BriefingJob *job;
  guint pulse;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->job != NULL || self->store == NULL || self->plan_id <= 0)
    return FALSE;
  job = g_new0 (BriefingJob, 1);
  job->database = g_strdup (indsats_store_get_path (self->store));
  job->path = g_strdup (path);
  job->plan_id = self->plan_id;

  self->job = g_cancellable_new ();
  gtk_progress_bar_set_text (self->progress_bar, _("Writing the briefing…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_busy (self, TRUE);
  pulse = g_timeout_add (100, pulse_cb, self);

  task = g_task_new (NULL, self->job, briefing_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) briefing_job_free);
  g_object_set_data (G_OBJECT (task), "pulse", GUINT_TO_POINTER (pulse));
  g_task_run_in_thread (task, run_briefing);
  return TRUE;
}

static void
briefing_response_cb (GtkNativeDialog *dialog,
                      int              response,
                      IndsatsWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = _indsats_window_chosen_path (dialog, ".pdf");

      if (path && !indsats_window_export_briefing (self, path))
        show_message (self, _("The Briefing Was Not Saved"),
                      _("Another import or export is under way; try again when it is done"));
    }
  g_clear_object (&self->chooser);
}

static void
export_briefing_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *today = indsats_today_iso ();
  g_autofree char *date = indsats_format_date (today);
  /* Translators: the briefing's file name; the date as 12.09.2023 */
  g_autofree char *name = g_strdup_printf (_("Briefing %s.pdf"), date);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export Briefing"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (briefing_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

void
_indsats_window_briefing_class_init (IndsatsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (INDSATS_TYPE_SINCE_VIEW);
  /* the view is the template's; only this file looks it up */
  gtk_widget_class_bind_template_child_full (widget_class, "since_view", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "win.mark-meeting", NULL, mark_meeting_activated);
  gtk_widget_class_install_action (widget_class, "win.export-briefing", NULL, export_briefing_activated);
  gtk_widget_class_install_action (widget_class, "win.show-since", NULL, show_since_activated);
}
