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
#include "indsats-figure-dialog.h"
#include "indsats-format.h"
#include "indsats-goal-dialog.h"
#include "indsats-indicators-dialog.h"

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

static void
figure_dialog_save_cb (IndsatsFigureDialog *dialog,
                       IndsatsWindow       *self)
{
  g_auto(GStrv) areas = indsats_figure_dialog_get_areas (dialog);
  g_autoptr(GError) error = NULL;
  const char *indicator = indsats_figure_dialog_get_series (dialog);
  int number;

  number = indsats_window_make_figure (self, indsats_figure_dialog_get_title_text (dialog),
                                       indsats_figure_dialog_get_kind (dialog),
                                       indicator ? indicator : "",
                                       (const char * const *) areas,
                                       indsats_figure_dialog_get_threshold (dialog),
                                       indsats_figure_dialog_get_goal_id (dialog),
                                       &error);
  if (number == 0)
    indsats_figure_dialog_show_error (dialog, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("Figur %d was made"), number);
      _indsats_window_toast (self, text);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

static void
new_figure_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  IndsatsFigureDialog *dialog = indsats_figure_dialog_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (dialog, "save", G_CALLBACK (figure_dialog_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_indsats_window_keyfigures_class_init (IndsatsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.edit-goal", "x", edit_goal_activated);
  gtk_widget_class_install_action (widget_class, "win.manage-indicators", NULL, manage_indicators_activated);
  gtk_widget_class_install_action (widget_class, "win.new-figure", NULL, new_figure_activated);
}
