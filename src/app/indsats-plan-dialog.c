/* indsats-plan-dialog.c
 *
 * The form for a new recovery plan: its title, jobcentre, date, threshold and
 * target, and the indicators that made it needed, one per line. The window
 * listens for "create", reads the plan back and shows what went wrong, if
 * anything, under the form.
 */
#include "config.h"

#include "indsats-plan-dialog.h"

#include <glib/gi18n.h>

#include "indsats-error.h"
#include "indsats-format.h"

struct _IndsatsPlanDialog
{
  AdwWindow    parent_instance;

  /* template children */
  GtkButton   *cancel_button;
  GtkButton   *create_button;
  AdwEntryRow *title_row;
  AdwEntryRow *jobcentre_row;
  AdwEntryRow *date_row;
  AdwEntryRow *threshold_row;
  AdwEntryRow *target_row;
  GtkTextView *triggers_view;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (IndsatsPlanDialog, indsats_plan_dialog, ADW_TYPE_WINDOW)

enum { CREATE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
create_clicked_cb (IndsatsPlanDialog *self)
{
  g_signal_emit (self, signals[CREATE], 0);
}

static void
cancel_clicked_cb (IndsatsPlanDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
indsats_plan_dialog_class_init (IndsatsPlanDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * IndsatsPlanDialog::create:
   *
   * Create was pressed; read the plan with indsats_plan_dialog_get_plan().
   */
  signals[CREATE] = g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-plan-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, jobcentre_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, triggers_view);
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
indsats_plan_dialog_init (IndsatsPlanDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

IndsatsPlanDialog *
indsats_plan_dialog_new (GtkWindow *parent)
{
  return g_object_new (INDSATS_TYPE_PLAN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}

/**
 * indsats_plan_dialog_get_plan:
 *
 * Reads the form. A blank date or threshold is left out; blank lines of the
 * reasons are dropped and the others trimmed.
 *
 * Returns: (transfer full): the plan as typed; %NULL with @error set, its
 *   message naming the field, when the date or threshold cannot be read
 */
IndsatsPlan *
indsats_plan_dialog_get_plan (IndsatsPlanDialog  *self,
                              GError            **error)
{
  g_autoptr(IndsatsPlan) plan = indsats_plan_new ();
  g_autoptr(GError) local = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *triggers = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  const char *date, *threshold;
  gboolean missing = FALSE;

  g_return_val_if_fail (INDSATS_IS_PLAN_DIALOG (self), NULL);

  date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  threshold = gtk_editable_get_text (GTK_EDITABLE (self->threshold_row));
  plan->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  plan->jobcentre = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->jobcentre_row)));
  plan->target = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->target_row)));
  if (!indsats_text_is_blank (date) && !(plan->dated = indsats_date_parse (date, &local)))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("Date: %s"), local->message);
      return NULL;
    }
  if (!indsats_text_is_blank (threshold) &&
      (!indsats_number_parse (threshold, &plan->threshold, &missing, NULL) || missing))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("Threshold: “%s” is not a number"), threshold);
      return NULL;
    }
  buffer = gtk_text_view_get_buffer (self->triggers_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  triggers = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (triggers, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (!indsats_text_is_blank (lines[i]))
      g_ptr_array_add (kept, g_strstrip (lines[i]));
  g_ptr_array_add (kept, NULL);
  plan->triggers = g_strdupv ((char **) kept->pdata);
  return g_steal_pointer (&plan);
}

/**
 * indsats_plan_dialog_show_error:
 *
 * Shows @message under the form; the form stays open.
 */
void
indsats_plan_dialog_show_error (IndsatsPlanDialog *self,
                                const char        *message)
{
  g_return_if_fail (INDSATS_IS_PLAN_DIALOG (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/**
 * indsats_plan_dialog_get_error:
 *
 * Returns: (nullable): the message shown under the form, if one is
 */
const char *
indsats_plan_dialog_get_error (IndsatsPlanDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
