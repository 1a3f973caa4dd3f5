/* indsats-figure-dialog.c
 *
 * The form for a new key figure: its title and kind, the series chosen by
 * table, measure and breakdown, a threshold, the goal it is shown under, and
 * the areas to compare (those the series has figures for, and one more typed
 * in). The window listens for "save", reads the form back and shows under it
 * what went wrong, if anything.
 */
#include "config.h"

#include "indsats-figure-dialog.h"

#include <glib/gi18n.h>

#include "indsats-format.h"
#include "indsats-series-choice.h"
#include "indsats-store-tables.h"

struct _IndsatsFigureDialog
{
  AdwWindow            parent_instance;

  /* template children */
  GtkButton           *cancel_button;
  GtkButton           *save_button;
  AdwEntryRow         *title_row;
  AdwComboRow         *kind_row;
  AdwComboRow         *table_row;
  AdwComboRow         *measure_row;
  AdwComboRow         *breakdown_row;
  AdwActionRow        *series_row;
  AdwEntryRow         *threshold_row;
  AdwComboRow         *goal_row;
  GtkBox              *areas_box;
  AdwEntryRow         *other_area_row;
  GtkLabel            *error_label;

  IndsatsStore        *store;
  IndsatsSeriesChoice *choice;
  GPtrArray           *tables;     /* of const char *, owned by choice: what each row's items are */
  GPtrArray           *measures;
  GPtrArray           *breakdowns;
  GArray              *goal_ids;   /* of gint64, after "No Goal" */
};

G_DEFINE_FINAL_TYPE (IndsatsFigureDialog, indsats_figure_dialog, ADW_TYPE_WINDOW)

enum { SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
chosen_in (AdwComboRow *row,
           GPtrArray   *values)
{
  guint i = adw_combo_row_get_selected (row);

  return values != NULL && i < values->len ? g_ptr_array_index (values, i) : NULL;
}

static GListModel *
labels_of (GPtrArray  *values,
           const char *empty)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);
      gtk_string_list_append (labels, *value ? value : empty);
    }
  return G_LIST_MODEL (labels);
}

static void
fill_areas (IndsatsFigureDialog *self)
{
  const char *series = indsats_figure_dialog_get_series (self);
  g_autoptr(GPtrArray) areas = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->areas_box))) != NULL)
    gtk_box_remove (self->areas_box, child);
  adw_action_row_set_subtitle (self->series_row, series ? series : "");
  if (series == NULL || self->store == NULL)
    return;
  areas = indsats_store_list_areas (self->store, series, NULL);
  for (guint i = 0; areas && i < areas->len; i++)
    gtk_box_append (self->areas_box, gtk_check_button_new_with_label (g_ptr_array_index (areas, i)));
}

static void
fill_breakdowns (IndsatsFigureDialog *self)
{
  const char *table = chosen_in (self->table_row, self->tables);
  const char *measure = chosen_in (self->measure_row, self->measures);
  g_autoptr(GListModel) labels = NULL;

  g_clear_pointer (&self->breakdowns, g_ptr_array_unref);
  self->breakdowns = table && measure ? indsats_series_choice_breakdowns (self->choice, table, measure)
                                      : g_ptr_array_new ();
  labels = labels_of (self->breakdowns, _("No breakdown"));
  adw_combo_row_set_model (self->breakdown_row, labels);
  /* the totals come first, so the first is the default */
  adw_combo_row_set_selected (self->breakdown_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->breakdown_row), self->breakdowns->len > 1);
  fill_areas (self);
}

static void
fill_measures (IndsatsFigureDialog *self)
{
  const char *table = chosen_in (self->table_row, self->tables);
  g_autoptr(GListModel) labels = NULL;

  g_clear_pointer (&self->measures, g_ptr_array_unref);
  self->measures = table ? indsats_series_choice_measures (self->choice, table) : g_ptr_array_new ();
  labels = labels_of (self->measures, "");
  adw_combo_row_set_model (self->measure_row, labels);
  adw_combo_row_set_selected (self->measure_row, 0);
  fill_breakdowns (self);
}

static void
save_clicked_cb (IndsatsFigureDialog *self)
{
  g_signal_emit (self, signals[SAVE], 0);
}

static void
cancel_clicked_cb (IndsatsFigureDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
indsats_figure_dialog_finalize (GObject *object)
{
  IndsatsFigureDialog *self = INDSATS_FIGURE_DIALOG (object);

  g_clear_pointer (&self->goal_ids, g_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->measures, g_ptr_array_unref);
  g_clear_pointer (&self->breakdowns, g_ptr_array_unref);
  g_clear_pointer (&self->choice, indsats_series_choice_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (indsats_figure_dialog_parent_class)->finalize (object);
}

static void
indsats_figure_dialog_class_init (IndsatsFigureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = indsats_figure_dialog_finalize;

  /**
   * IndsatsFigureDialog::save:
   *
   * Save was pressed; read the form with the getters.
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-figure-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, table_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, measure_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, breakdown_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, series_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, goal_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, areas_box);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, other_area_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsFigureDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
}

static void
indsats_figure_dialog_init (IndsatsFigureDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * indsats_figure_dialog_new:
 * @store: (nullable): where the indicators, their tables, the goals and the
 *   areas each series has figures for are read from
 */
IndsatsFigureDialog *
indsats_figure_dialog_new (GtkWindow    *parent,
                           IndsatsStore *store)
{
  IndsatsFigureDialog *self = g_object_new (INDSATS_TYPE_FIGURE_DIALOG,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            NULL);
  g_autoptr(GPtrArray) indicators = store ? indsats_store_list_indicators (store, NULL) : NULL;
  g_autoptr(GPtrArray) goals = store ? indsats_store_list_goals (store, NULL) : NULL;
  g_autoptr(GHashTable) origins = store ? indsats_store_list_indicator_origins (store, NULL) : NULL;
  g_autoptr(GListModel) table_labels = NULL;
  g_autoptr(GtkStringList) goal_names = gtk_string_list_new (NULL);

  self->store = store ? g_object_ref (store) : NULL;
  if (indicators == NULL)
    indicators = g_ptr_array_new ();
  self->choice = indsats_series_choice_new (indicators, origins);
  self->tables = indsats_series_choice_tables (self->choice);
  table_labels = labels_of (self->tables, _("Without a table"));
  adw_combo_row_set_model (self->table_row, table_labels);

  self->goal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (goal_names, _("No Goal"));
  for (guint i = 0; goals && i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);
      g_array_append_val (self->goal_ids, g->id);
      gtk_string_list_append (goal_names, g->title);
    }
  adw_combo_row_set_model (self->goal_row, G_LIST_MODEL (goal_names));

  fill_measures (self);
  g_signal_connect_swapped (self->table_row, "notify::selected", G_CALLBACK (fill_measures), self);
  g_signal_connect_swapped (self->measure_row, "notify::selected", G_CALLBACK (fill_breakdowns), self);
  g_signal_connect_swapped (self->breakdown_row, "notify::selected", G_CALLBACK (fill_areas), self);
  return self;
}

const char *
indsats_figure_dialog_get_title_text (IndsatsFigureDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_FIGURE_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

IndsatsFigureKind
indsats_figure_dialog_get_kind (IndsatsFigureDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_FIGURE_DIALOG (self), INDSATS_FIGURE_LINE);

  return (IndsatsFigureKind) adw_combo_row_get_selected (self->kind_row);
}

/**
 * indsats_figure_dialog_get_series:
 *
 * Returns: (nullable): the indicator that the table, measure and breakdown
 *   chosen name
 */
const char *
indsats_figure_dialog_get_series (IndsatsFigureDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_FIGURE_DIALOG (self), NULL);

  return indsats_series_choice_find (self->choice, chosen_in (self->table_row, self->tables),
                                     chosen_in (self->measure_row, self->measures),
                                     chosen_in (self->breakdown_row, self->breakdowns));
}

/**
 * indsats_figure_dialog_get_areas:
 *
 * Returns: (transfer full): the areas ticked, then the one typed in, if any
 */
GStrv
indsats_figure_dialog_get_areas (IndsatsFigureDialog *self)
{
  g_autoptr(GStrvBuilder) areas = g_strv_builder_new ();
  const char *other;

  g_return_val_if_fail (INDSATS_IS_FIGURE_DIALOG (self), NULL);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->areas_box)); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      g_strv_builder_add (areas, gtk_check_button_get_label (GTK_CHECK_BUTTON (c)));
  other = gtk_editable_get_text (GTK_EDITABLE (self->other_area_row));
  if (!indsats_text_is_blank (other))
    g_strv_builder_add (areas, other);
  return g_strv_builder_end (areas);
}

/**
 * indsats_figure_dialog_get_threshold:
 *
 * Returns: the threshold as typed, which may be blank or not a number
 */
const char *
indsats_figure_dialog_get_threshold (IndsatsFigureDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_FIGURE_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->threshold_row));
}

/**
 * indsats_figure_dialog_get_goal_id:
 *
 * Returns: the goal chosen, 0 for none
 */
gint64
indsats_figure_dialog_get_goal_id (IndsatsFigureDialog *self)
{
  guint goal;

  g_return_val_if_fail (INDSATS_IS_FIGURE_DIALOG (self), 0);

  goal = adw_combo_row_get_selected (self->goal_row);
  return goal > 0 && goal - 1 < self->goal_ids->len ? g_array_index (self->goal_ids, gint64, goal - 1) : 0;
}

/**
 * indsats_figure_dialog_show_error:
 *
 * Shows @message under the form; the form stays open.
 */
void
indsats_figure_dialog_show_error (IndsatsFigureDialog *self,
                                  const char          *message)
{
  g_return_if_fail (INDSATS_IS_FIGURE_DIALOG (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/**
 * indsats_figure_dialog_get_error:
 *
 * Returns: (nullable): the message shown under the form, if one is
 */
const char *
indsats_figure_dialog_get_error (IndsatsFigureDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_FIGURE_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}
