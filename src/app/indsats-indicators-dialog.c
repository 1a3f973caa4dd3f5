/* indsats-indicators-dialog.c
 *
 * The indicators in the database, listed under a form. Choosing one in the
 * list fills the form with it, to change it; a new name makes a new one. The
 * window listens for "save", reads the form back and shows under it what went
 * wrong, if anything.
 */
#include "config.h"

#include "indsats-indicators-dialog.h"

#include <glib/gi18n.h>
#include <math.h>

#include "indsats-format.h"
#include "indsats-model.h"

struct _IndsatsIndicatorsDialog
{
  AdwWindow            parent_instance;

  /* template children */
  GtkButton           *cancel_button;
  GtkButton           *save_button;
  AdwEntryRow         *name_row;
  AdwEntryRow         *unit_row;
  AdwEntryRow         *threshold_row;
  GtkSwitch           *higher_switch;
  AdwPreferencesGroup *list_group;
  GtkLabel            *error_label;

  GPtrArray           *indicators;   /* of IndsatsIndicator, as listed */
};

G_DEFINE_FINAL_TYPE (IndsatsIndicatorsDialog, indsats_indicators_dialog, ADW_TYPE_WINDOW)

enum { SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
save_clicked_cb (IndsatsIndicatorsDialog *self)
{
  g_signal_emit (self, signals[SAVE], 0);
}

static void
cancel_clicked_cb (IndsatsIndicatorsDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Fills the form with @ind, to change it */
static void
fill (IndsatsIndicatorsDialog *self,
      const IndsatsIndicator  *ind)
{
  g_autofree char *threshold = isnan (ind->threshold) ? g_strdup ("") : indsats_format_number (ind->threshold, 1);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), ind->name);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), ind->unit);
  gtk_editable_set_text (GTK_EDITABLE (self->threshold_row), threshold);
  gtk_switch_set_active (self->higher_switch, ind->higher_is_better);
}

static void
row_activated_cb (GtkListBox              *list,
                  GtkListBoxRow           *row,
                  IndsatsIndicatorsDialog *self)
{
  IndsatsIndicator *ind = g_object_get_data (G_OBJECT (row), "indicator");

  if (ind != NULL)
    fill (self, ind);
}

static void
indsats_indicators_dialog_finalize (GObject *object)
{
  IndsatsIndicatorsDialog *self = INDSATS_INDICATORS_DIALOG (object);

  g_clear_pointer (&self->indicators, g_ptr_array_unref);
  G_OBJECT_CLASS (indsats_indicators_dialog_parent_class)->finalize (object);
}

static void
indsats_indicators_dialog_class_init (IndsatsIndicatorsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = indsats_indicators_dialog_finalize;

  /**
   * IndsatsIndicatorsDialog::save:
   *
   * Save was pressed; read the form with the getters.
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-indicators-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsIndicatorsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsIndicatorsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsIndicatorsDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsIndicatorsDialog, unit_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsIndicatorsDialog, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsIndicatorsDialog, higher_switch);
  gtk_widget_class_bind_template_child (widget_class, IndsatsIndicatorsDialog, list_group);
  gtk_widget_class_bind_template_child (widget_class, IndsatsIndicatorsDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
indsats_indicators_dialog_init (IndsatsIndicatorsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * indsats_indicators_dialog_new:
 * @indicators: (transfer container) (element-type IndsatsIndicator): the
 *   indicators to list; the dialog takes the array, which must free its items
 */
IndsatsIndicatorsDialog *
indsats_indicators_dialog_new (GtkWindow *parent,
                               GPtrArray *indicators)
{
  IndsatsIndicatorsDialog *self = g_object_new (INDSATS_TYPE_INDICATORS_DIALOG,
                                                "transient-for", parent,
                                                "modal", TRUE,
                                                NULL);
  GtkWidget *list = NULL;

  self->indicators = indicators ? indicators : g_ptr_array_new ();
  for (guint i = 0; i < self->indicators->len; i++)
    {
      IndsatsIndicator *ind = g_ptr_array_index (self->indicators, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *threshold = isnan (ind->threshold) ? NULL : indsats_format_number (ind->threshold, 1);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", ind->unit,
                                                   ind->higher_is_better ? _("higher is better") : _("lower is better"),
                                                   threshold ? _(" · threshold ") : "", threshold ? threshold : "");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ind->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "indicator", ind);
      adw_preferences_group_add (self->list_group, row);
      if (list == NULL)
        {
          list = gtk_widget_get_parent (row);
          g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), self);
        }
    }
  return self;
}

const char *
indsats_indicators_dialog_get_name (IndsatsIndicatorsDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_INDICATORS_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

const char *
indsats_indicators_dialog_get_unit (IndsatsIndicatorsDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_INDICATORS_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->unit_row));
}

/**
 * indsats_indicators_dialog_get_threshold:
 *
 * Returns: the threshold as typed, which may be blank or not a number
 */
const char *
indsats_indicators_dialog_get_threshold (IndsatsIndicatorsDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_INDICATORS_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->threshold_row));
}

gboolean
indsats_indicators_dialog_get_higher_is_better (IndsatsIndicatorsDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_INDICATORS_DIALOG (self), FALSE);

  return gtk_switch_get_active (self->higher_switch);
}

/**
 * indsats_indicators_dialog_pick:
 *
 * Fills the form with the listed indicator called @name, as choosing it in
 * the list does.
 *
 * Returns: whether one is listed under that name
 */
gboolean
indsats_indicators_dialog_pick (IndsatsIndicatorsDialog *self,
                                const char              *name)
{
  g_return_val_if_fail (INDSATS_IS_INDICATORS_DIALOG (self), FALSE);

  for (guint i = 0; i < self->indicators->len; i++)
    {
      IndsatsIndicator *ind = g_ptr_array_index (self->indicators, i);

      if (g_strcmp0 (ind->name, name) == 0)
        {
          fill (self, ind);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * indsats_indicators_dialog_show_error:
 *
 * Shows @message under the form; the form stays open.
 */
void
indsats_indicators_dialog_show_error (IndsatsIndicatorsDialog *self,
                                      const char              *message)
{
  g_return_if_fail (INDSATS_IS_INDICATORS_DIALOG (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/**
 * indsats_indicators_dialog_get_error:
 *
 * Returns: (nullable): the message shown under the form, if one is
 */
const char *
indsats_indicators_dialog_get_error (IndsatsIndicatorsDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_INDICATORS_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
