/* indsats-goal-dialog.c
 *
 * The form for a goal's status text: the goal's title over a text field. The
 * window listens for "save", reads the text back and, if it cannot be stored,
 * shows why under the form.
 */
#include "config.h"

#include "indsats-goal-dialog.h"

#include <glib/gi18n.h>

struct _IndsatsGoalDialog
{
  AdwWindow            parent_instance;

  /* template children */
  GtkButton           *cancel_button;
  GtkButton           *save_button;
  AdwPreferencesGroup *group;
  GtkTextView         *status_view;
  GtkLabel            *error_label;

  gint64               goal_id;
};

G_DEFINE_FINAL_TYPE (IndsatsGoalDialog, indsats_goal_dialog, ADW_TYPE_WINDOW)

enum { SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
save_clicked_cb (IndsatsGoalDialog *self)
{
  g_signal_emit (self, signals[SAVE], 0);
}

static void
cancel_clicked_cb (IndsatsGoalDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
indsats_goal_dialog_class_init (IndsatsGoalDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * IndsatsGoalDialog::save:
   *
   * Save was pressed; read the text with indsats_goal_dialog_get_status().
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-goal-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalDialog, group);
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalDialog, status_view);
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
indsats_goal_dialog_init (IndsatsGoalDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * indsats_goal_dialog_new:
 * @title: the goal's title, over the field
 * @status: (nullable): its status text so far
 */
IndsatsGoalDialog *
indsats_goal_dialog_new (GtkWindow  *parent,
                         gint64      goal_id,
                         const char *title,
                         const char *status)
{
  IndsatsGoalDialog *self = g_object_new (INDSATS_TYPE_GOAL_DIALOG,
                                          "transient-for", parent,
                                          "modal", TRUE,
                                          NULL);

  self->goal_id = goal_id;
  adw_preferences_group_set_title (self->group, title);
  indsats_goal_dialog_set_status (self, status);
  return self;
}

gint64
indsats_goal_dialog_get_goal_id (IndsatsGoalDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_GOAL_DIALOG (self), 0);

  return self->goal_id;
}

/**
 * indsats_goal_dialog_get_status:
 *
 * Returns: (transfer full): the status text as typed
 */
char *
indsats_goal_dialog_get_status (IndsatsGoalDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (INDSATS_IS_GOAL_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->status_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
indsats_goal_dialog_set_status (IndsatsGoalDialog *self,
                                const char        *status)
{
  g_return_if_fail (INDSATS_IS_GOAL_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->status_view), status ? status : "", -1);
}

/**
 * indsats_goal_dialog_show_error:
 *
 * Shows @message under the form; the form stays open.
 */
void
indsats_goal_dialog_show_error (IndsatsGoalDialog *self,
                                const char        *message)
{
  g_return_if_fail (INDSATS_IS_GOAL_DIALOG (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/**
 * indsats_goal_dialog_get_error:
 *
 * Returns: (nullable): the message shown under the form, if one is
 */
const char *
indsats_goal_dialog_get_error (IndsatsGoalDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_GOAL_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
