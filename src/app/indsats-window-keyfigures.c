/* indsats-window-keyfigures.c
 *
 * The window's editing of what the figures are made of: a goal's status
 * text, the indicators (unit, threshold, whether higher is better, new ones)
 * and new figures from an indicator and the areas to compare. Municipalities
 * choose some of their own indicators, so all of it can be done here.
 */
#include "config.h"

#include "indsats-window-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-goal-dialog.h"
#include "indsats-indicators-dialog.h"
#include "indsats-series-choice.h"
#include "indsats-store-tables.h"

static void
refresh (IndsatsWindow *self)
{
  _indsats_window_reload (self);
}

static gboolean
parse_threshold (const char  *text,
                 double      *value,
                 GError     **error)
{
  gboolean missing = FALSE;
  g_autoptr(GError) local = NULL;

  *value = NAN;
  if (indsats_text_is_blank (text))
    return TRUE;
  if (!indsats_number_parse (text, value, &missing, &local) || missing)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("Threshold: “%s” is not a number"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
indsats_window_save_goal_status (IndsatsWindow  *self,
                                 gint64          goal_id,
                                 const char     *status_text,
                                 GError        **error)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  if (!indsats_store_set_goal_status (self->store, goal_id, status_text, error))
    return FALSE;
  refresh (self);
  return TRUE;
}

/**
 * indsats_window_save_indicator:
 * @threshold: as typed; empty for none
 *
 * Changes the indicator called @name, or makes it when there is none.
 */
gboolean
indsats_window_save_indicator (IndsatsWindow  *self,
                               const char     *name,
                               const char     *unit,
                               gboolean        higher_is_better,
                               const char     *threshold,
                               GError        **error)
{
  double value;
  gint64 id;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  if (indsats_text_is_blank (name))
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("Name: give the indicator a name"));
      return FALSE;
    }
  if (!parse_threshold (threshold, &value, error))
    return FALSE;
  id = indsats_store_find_indicator (self->store, name, error);
  if (id < 0)
    return FALSE;
  if (id == 0)
    id = indsats_store_ensure_indicator (self->store, name, unit, higher_is_better, value, error);
  else if (!indsats_store_update_indicator (self->store, id, unit, higher_is_better, value, error))
    return FALSE;
  if (id == 0)
    return FALSE;
  refresh (self);
  return TRUE;
}

/**
 * indsats_window_make_figure:
 * @areas: the areas to compare
 * @goal_id: the goal it belongs to, 0 for none
 *
 * Returns: the new figure's number, 0 with @error set
 */
int
indsats_window_make_figure (IndsatsWindow      *self,
                            const char         *title,
                            IndsatsFigureKind   kind,
                            const char         *indicator,
                            const char * const *areas,
                            const char         *threshold,
                            gint64              goal_id,
                            GError            **error)
{
  g_autoptr(IndsatsFigure) figure = indsats_figure_new ();
  int number;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), 0);

  if (indsats_text_is_blank (title))
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("Title: give the figure a title"));
      return 0;
    }
  if (areas == NULL || areas[0] == NULL)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("Areas: choose at least one area to show"));
      return 0;
    }
  if (!parse_threshold (threshold, &figure->threshold, error))
    return 0;
  figure->title = g_strstrip (g_strdup (title));
  figure->kind = kind;
  figure->source = g_strdup ("Kilde: Jobindsats.dk");
  figure->goal_id = goal_id;
  /* the line is named when the figure is drawn, in the reader's language */
  for (guint i = 0; areas[i]; i++)
    g_ptr_array_add (figure->series, indsats_figure_series_new (indicator, areas[i], NULL));
  if ((number = indsats_store_next_figure_number (self->store, error)) < 0 ||
      !indsats_store_add_figure (self->store, figure, error))
    return 0;
  refresh (self);
  return number;
}

/* Dialogs: small forms built in code, each calling the functions above */

typedef struct
{
  IndsatsWindow *window;
  GtkWidget     *dialog;
  GtkWidget     *error_label;
  GtkTextView   *text;
  GtkWidget     *title;
  GtkWidget     *unit;
  GtkWidget     *threshold;
  GtkWidget     *higher;
  AdwComboRow   *kind;
  AdwComboRow   *goal;
  AdwComboRow   *table;      /* New Figure: the series by table, measure and breakdown */
  AdwComboRow   *measure;
  AdwComboRow   *breakdown;
  GtkWidget     *series;
  IndsatsSeriesChoice *choice;
  GPtrArray     *tables;     /* of const char *, owned by choice: what each row's items are */
  GPtrArray     *measures;
  GPtrArray     *breakdowns;
  GtkWidget     *areas_box;
  GtkWidget     *other_area;
  GArray        *goal_ids;
  gint64         id;
} Form;

static void
form_free (Form *form)
{
  g_clear_pointer (&form->goal_ids, g_array_unref);
  g_clear_pointer (&form->tables, g_ptr_array_unref);
  g_clear_pointer (&form->measures, g_ptr_array_unref);
  g_clear_pointer (&form->breakdowns, g_ptr_array_unref);
  g_clear_pointer (&form->choice, indsats_series_choice_free);
  g_free (form);
}

static GtkWidget *
form_window (IndsatsWindow *self,
             const char    *title,
             GtkWidget    **content,
             GCallback      save,
             Form          *form)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *ok = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *page = adw_preferences_page_new ();

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 600);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), ok);
  gtk_widget_add_css_class (ok, "suggested-action");
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  g_signal_connect_swapped (ok, "clicked", save, form);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  form->error_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (form->error_label, "error");
  gtk_label_set_wrap (GTK_LABEL (form->error_label), TRUE);
  gtk_widget_set_margin_bottom (form->error_label, 12);
  gtk_widget_set_visible (form->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), form->error_label);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data_full (G_OBJECT (window), "form", form, (GDestroyNotify) form_free);
  form->window = self;
  form->dialog = window;
  *content = page;
  return window;
}

static void
form_failed (Form         *form,
             const GError *error)
{
  gtk_label_set_text (GTK_LABEL (form->error_label), error->message);
  gtk_widget_set_visible (form->error_label, TRUE);
}

static GtkWidget *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_group_add (group, row);
  return row;
}

/* Edit a goal's status text */

static void
goal_dialog_save_cb (IndsatsGoalDialog *dialog,
                     IndsatsWindow     *self)
{
  g_autofree char *text = indsats_goal_dialog_get_status (dialog);
  g_autoptr(GError) error = NULL;

  if (!indsats_window_save_goal_status (self, indsats_goal_dialog_get_goal_id (dialog), text, &error))
    indsats_goal_dialog_show_error (dialog, error->message);
  else
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
edit_goal_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(GPtrArray) goals = indsats_store_list_goals (self->store, NULL);
  gint64 id = g_variant_get_int64 (parameter);

  for (guint i = 0; goals && i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);

      if (g->id == id)
        {
          IndsatsGoalDialog *dialog = indsats_goal_dialog_new (GTK_WINDOW (self), id, g->title, g->status_text);

          g_signal_connect_object (dialog, "save", G_CALLBACK (goal_dialog_save_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }
}

/* Indicators */

static void
indicators_dialog_save_cb (IndsatsIndicatorsDialog *dialog,
                           IndsatsWindow           *self)
{
  g_autoptr(GError) error = NULL;

  if (!indsats_window_save_indicator (self, indsats_indicators_dialog_get_name (dialog),
                                      indsats_indicators_dialog_get_unit (dialog),
                                      indsats_indicators_dialog_get_higher_is_better (dialog),
                                      indsats_indicators_dialog_get_threshold (dialog), &error))
    indsats_indicators_dialog_show_error (dialog, error->message);
  else
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
manage_indicators_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  IndsatsIndicatorsDialog *dialog = indsats_indicators_dialog_new (GTK_WINDOW (self),
                                                                   indsats_store_list_indicators (self->store, NULL));

  g_signal_connect_object (dialog, "save", G_CALLBACK (indicators_dialog_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* New figure */

static const char *
chosen_in (AdwComboRow *row,
           GPtrArray   *values)
{
  guint i = adw_combo_row_get_selected (row);

  return values != NULL && i < values->len ? g_ptr_array_index (values, i) : NULL;
}

/* The indicator that the table, measure and breakdown chosen name */
static const char *
chosen_series (Form *form)
{
  return indsats_series_choice_find (form->choice, chosen_in (form->table, form->tables),
                                     chosen_in (form->measure, form->measures),
                                     chosen_in (form->breakdown, form->breakdowns));
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
fill_areas (Form *form)
{
  const char *series = chosen_series (form);
  g_autoptr(GPtrArray) areas = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (form->areas_box)) != NULL)
    gtk_box_remove (GTK_BOX (form->areas_box), child);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (form->series), series ? series : "");
  if (series == NULL)
    return;
  areas = indsats_store_list_areas (form->window->store, series, NULL);
  for (guint i = 0; areas && i < areas->len; i++)
    gtk_box_append (GTK_BOX (form->areas_box), gtk_check_button_new_with_label (g_ptr_array_index (areas, i)));
}

static void
fill_breakdowns (Form *form)
{
  const char *table = chosen_in (form->table, form->tables);
  const char *measure = chosen_in (form->measure, form->measures);
  g_autoptr(GListModel) labels = NULL;

  g_clear_pointer (&form->breakdowns, g_ptr_array_unref);
  form->breakdowns = table && measure ? indsats_series_choice_breakdowns (form->choice, table, measure)
                                      : g_ptr_array_new ();
  labels = labels_of (form->breakdowns, _("No breakdown"));
  adw_combo_row_set_model (form->breakdown, labels);
  /* the totals come first, so the first is the default */
  adw_combo_row_set_selected (form->breakdown, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (form->breakdown), form->breakdowns->len > 1);
  fill_areas (form);
}

static void
fill_measures (Form *form)
{
  const char *table = chosen_in (form->table, form->tables);
  g_autoptr(GListModel) labels = NULL;

  g_clear_pointer (&form->measures, g_ptr_array_unref);
  form->measures = table ? indsats_series_choice_measures (form->choice, table) : g_ptr_array_new ();
  labels = labels_of (form->measures, "");
  adw_combo_row_set_model (form->measure, labels);
  adw_combo_row_set_selected (form->measure, 0);
  fill_breakdowns (form);
}

static void
save_figure_cb (Form *form)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *indicator = chosen_series (form);
  const char *other = gtk_editable_get_text (GTK_EDITABLE (form->other_area));
  guint goal = adw_combo_row_get_selected (form->goal);
  int number;

  for (GtkWidget *c = gtk_widget_get_first_child (form->areas_box); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (c)))
      g_ptr_array_add (areas, (gpointer) gtk_check_button_get_label (GTK_CHECK_BUTTON (c)));
  if (!indsats_text_is_blank (other))
    g_ptr_array_add (areas, (gpointer) other);
  g_ptr_array_add (areas, NULL);
  number = indsats_window_make_figure (form->window, gtk_editable_get_text (GTK_EDITABLE (form->title)),
                                       adw_combo_row_get_selected (form->kind),
                                       indicator ? indicator : "",
                                       (const char * const *) areas->pdata,
                                       gtk_editable_get_text (GTK_EDITABLE (form->threshold)),
                                       goal > 0 && goal - 1 < form->goal_ids->len ? g_array_index (form->goal_ids, gint64, goal - 1) : 0,
                                       &error);
  if (number == 0)
    form_failed (form, error);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Figur %d was made"), number);
      _indsats_window_toast (form->window, text);
      gtk_window_destroy (GTK_WINDOW (form->dialog));
    }
}

static void
new_figure_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(GPtrArray) indicators = indsats_store_list_indicators (self->store, NULL);
  g_autoptr(GPtrArray) goals = indsats_store_list_goals (self->store, NULL);
  g_autoptr(GHashTable) origins = indsats_store_list_indicator_origins (self->store, NULL);
  g_autoptr(GListModel) table_labels = NULL;
  g_autoptr(GtkStringList) goal_names = gtk_string_list_new (NULL);
  const char *kinds[] = { _("Line"), _("Columns"), _("Bars"), NULL };
  Form *form = g_new0 (Form, 1);
  GtkWidget *page, *group, *areas, *window;

  window = form_window (self, _("New Figure"), &page, G_CALLBACK (save_figure_cb), form);
  group = adw_preferences_group_new ();
  form->title = entry_row (ADW_PREFERENCES_GROUP (group), _("Title"), NULL);
  form->kind = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->kind), _("Kind"));
  adw_combo_row_set_model (form->kind, G_LIST_MODEL (gtk_string_list_new (kinds)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (form->kind));
  /* the series by table, measure and breakdown */
  if (indicators == NULL)
    indicators = g_ptr_array_new ();
  form->choice = indsats_series_choice_new (indicators, origins);
  form->tables = indsats_series_choice_tables (form->choice);
  form->table = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->table), _("Table"));
  table_labels = labels_of (form->tables, _("Without a table"));
  adw_combo_row_set_model (form->table, table_labels);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (form->table));
  form->measure = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->measure), _("Measure"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (form->measure));
  form->breakdown = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->breakdown), _("Breakdown"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (form->breakdown));
  form->series = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->series), _("Series"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (form->series), FALSE);
  gtk_widget_add_css_class (form->series, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), form->series);
  form->threshold = entry_row (ADW_PREFERENCES_GROUP (group), _("Threshold"), NULL);
  form->goal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (goal_names, _("No Goal"));
  for (guint i = 0; goals && i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);
      g_array_append_val (form->goal_ids, g->id);
      gtk_string_list_append (goal_names, g->title);
    }
  form->goal = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->goal), _("Goal"));
  adw_combo_row_set_model (form->goal, G_LIST_MODEL (goal_names));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (form->goal));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  areas = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (areas), _("Areas to Compare"));
  form->areas_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (areas), form->areas_box);
  form->other_area = entry_row (ADW_PREFERENCES_GROUP (areas), _("Another Area"), NULL);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (areas));
  fill_measures (form);
  g_signal_connect_swapped (form->table, "notify::selected", G_CALLBACK (fill_measures), form);
  g_signal_connect_swapped (form->measure, "notify::selected", G_CALLBACK (fill_breakdowns), form);
  g_signal_connect_swapped (form->breakdown, "notify::selected", G_CALLBACK (fill_areas), form);
  gtk_window_present (GTK_WINDOW (window));
}

void
_indsats_window_keyfigures_class_init (IndsatsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.edit-goal", "x", edit_goal_activated);
  gtk_widget_class_install_action (widget_class, "win.manage-indicators", NULL, manage_indicators_activated);
  gtk_widget_class_install_action (widget_class, "win.new-figure", NULL, new_figure_activated);
}
