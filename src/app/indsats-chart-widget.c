/* indsats-chart-widget.c
 *
 * Draws a figure with the same layout and renderer as the files, keeps the
 * layout of the last size, and tells the period, area and value of the point
 * under the pointer in a tooltip. Its accessible name is the heading; its
 * description states the latest values. In a scrolled page of many figures
 * it draws only once some of it is in sight: one far down waits until it is
 * scrolled to.
 */
#include "config.h"

#include "indsats-chart-widget.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

struct _IndsatsChartWidget
{
  GtkWidget           parent_instance;

  IndsatsChartData   *data;
  IndsatsChartLayout *layout;   /* of the last size drawn */
  GtkAdjustment      *scrolled; /* the vertical one of the scrolled window it is in, while mapped */
  gboolean            held_back; /* its last frame was left empty, out of sight */
  guint               n_draws;
};

G_DEFINE_FINAL_TYPE (IndsatsChartWidget, indsats_chart_widget, GTK_TYPE_WIDGET)

static void
indsats_chart_widget_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  IndsatsChartWidget *self = INDSATS_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  PangoContext *context;

  if (self->data == NULL || width < 10 || height < 10)
    return;
  /* what is out of sight costs nothing, until a scroll may bring it in */
  self->held_back = !indsats_chart_widget_get_in_sight (self);
  if (self->held_back)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->layout == NULL || self->layout->width != width || self->layout->height != height)
    {
      g_clear_pointer (&self->layout, indsats_chart_layout_free);
      context = pango_cairo_create_context (cr);
      self->layout = indsats_chart_layout_new (self->data, width, height, context);
      g_object_unref (context);
    }
  indsats_chart_render (self->data, self->layout, cr);
  cairo_destroy (cr);
  self->n_draws++;
}

/* A scroll or a new size of the page may bring a figure left empty into
 * sight: it is drawn again, in the same frame, and looks again */
static void
scrolled_cb (IndsatsChartWidget *self)
{
  if (self->held_back)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
indsats_chart_widget_map (GtkWidget *widget)
{
  IndsatsChartWidget *self = INDSATS_CHART_WIDGET (widget);
  GtkWidget *scroller;

  GTK_WIDGET_CLASS (indsats_chart_widget_parent_class)->map (widget);
  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scroller != NULL)
    {
      g_set_object (&self->scrolled, gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
      g_signal_connect_object (self->scrolled, "value-changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->scrolled, "changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
    }
  scrolled_cb (self);
}

static void
indsats_chart_widget_unmap (GtkWidget *widget)
{
  IndsatsChartWidget *self = INDSATS_CHART_WIDGET (widget);

  if (self->scrolled != NULL)
    g_signal_handlers_disconnect_by_data (self->scrolled, self);
  g_clear_object (&self->scrolled);
  GTK_WIDGET_CLASS (indsats_chart_widget_parent_class)->unmap (widget);
}

static GtkSizeRequestMode
indsats_chart_widget_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
indsats_chart_widget_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 720;
    }
  else
    {
      int width = for_size > 0 ? for_size : 720;
      *minimum = *natural = CLAMP (width * 0.58, 220, 560);
    }
}

/* The point nearest (x, y), within a small distance */
static gboolean
nearest_point (IndsatsChartWidget *self,
               double              x,
               double              y,
               guint              *series_out,
               int                *period_out)
{
  double best = 14 * 14;
  gboolean found = FALSE;

  if (self->data == NULL || self->layout == NULL)
    return FALSE;
  for (guint s = 0; s < self->data->series->len; s++)
    for (int i = 0; i < self->data->n_periods; i++)
      {
        double px, py, d;

        if (!indsats_chart_layout_point (self->layout, self->data, s, i, &px, &py))
          continue;
        d = (px - x) * (px - x) + (py - y) * (py - y);
        if (d < best)
          {
            best = d;
            *series_out = s;
            *period_out = i;
            found = TRUE;
          }
      }
  return found;
}

/**
 * indsats_chart_widget_describe_point:
 *
 * Returns: (nullable): "aug. 2023, Ishøj: 5,4 %" for the point near (x, y)
 */
char *
indsats_chart_widget_describe_point (IndsatsChartWidget *self,
                                     double              x,
                                     double              y)
{
  IndsatsChartSeries *series;
  g_autofree char *period = NULL;
  g_autofree char *value = NULL;
  guint s;
  int i;

  g_return_val_if_fail (INDSATS_IS_CHART_WIDGET (self), NULL);

  if (!nearest_point (self, x, y, &s, &i))
    return NULL;
  series = g_ptr_array_index (self->data->series, s);
  period = indsats_period_to_words (&self->data->periods[i], self->data->catalog);
  value = indsats_chart_format_value (self->data, series->values[i],
                                      fabs (series->values[i] - round (series->values[i])) > 1e-9 ? 1 : 0);
  return g_strdup_printf ("%s, %s: %s%s", period, series->label, value,
                          series->preliminary[i] ? _(" (preliminary)") : "");
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = NULL;

  if (keyboard)
    {
      g_autofree char *description = indsats_chart_data_describe (INDSATS_CHART_WIDGET (widget)->data);
      gtk_tooltip_set_text (tooltip, description);
      return description && *description;
    }
  text = indsats_chart_widget_describe_point (INDSATS_CHART_WIDGET (widget), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
indsats_chart_widget_finalize (GObject *object)
{
  IndsatsChartWidget *self = INDSATS_CHART_WIDGET (object);

  g_clear_pointer (&self->layout, indsats_chart_layout_free);
  g_clear_pointer (&self->data, indsats_chart_data_free);
  g_clear_object (&self->scrolled);

  G_OBJECT_CLASS (indsats_chart_widget_parent_class)->finalize (object);
}

static void
indsats_chart_widget_class_init (IndsatsChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = indsats_chart_widget_finalize;
  widget_class->snapshot = indsats_chart_widget_snapshot;
  widget_class->map = indsats_chart_widget_map;
  widget_class->unmap = indsats_chart_widget_unmap;
  widget_class->measure = indsats_chart_widget_measure;
  widget_class->get_request_mode = indsats_chart_widget_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
indsats_chart_widget_init (IndsatsChartWidget *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
}

GtkWidget *
indsats_chart_widget_new (void)
{
  return g_object_new (INDSATS_TYPE_CHART_WIDGET, NULL);
}

/**
 * indsats_chart_widget_set_data:
 * @data: (transfer full) (nullable): what to draw
 */
void
indsats_chart_widget_set_data (IndsatsChartWidget *self,
                               IndsatsChartData   *data)
{
  g_autofree char *heading = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (INDSATS_IS_CHART_WIDGET (self));

  g_clear_pointer (&self->layout, indsats_chart_layout_free);
  g_clear_pointer (&self->data, indsats_chart_data_free);
  self->data = data;
  if (data != NULL)
    {
      heading = indsats_chart_data_get_heading (data);
      description = indsats_chart_data_describe (data);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const IndsatsChartData *
indsats_chart_widget_get_data (IndsatsChartWidget *self)
{
  g_return_val_if_fail (INDSATS_IS_CHART_WIDGET (self), NULL);
  return self->data;
}

/**
 * indsats_chart_widget_get_point:
 *
 * Where the widget last drew the value of @series in @period.
 *
 * Returns: %FALSE when it has not been drawn or the value is missing
 */
gboolean
indsats_chart_widget_get_point (IndsatsChartWidget *self,
                                guint               series,
                                int                 period,
                                double             *x,
                                double             *y)
{
  g_return_val_if_fail (INDSATS_IS_CHART_WIDGET (self), FALSE);

  if (self->layout == NULL || self->data == NULL)
    return FALSE;
  return indsats_chart_layout_point (self->layout, self->data, series, period, x, y);
}

/**
 * indsats_chart_widget_get_in_sight:
 *
 * Returns: whether some of the widget is on screen: mapped, given a size,
 *   and, in a scrolled window, within the part of it shown
 */
gboolean
indsats_chart_widget_get_in_sight (IndsatsChartWidget *self)
{
  GtkWidget *scroller;
  graphene_rect_t bounds;

  g_return_val_if_fail (INDSATS_IS_CHART_WIDGET (self), FALSE);

  /* mapped and not yet given a place (just shown), nothing of it is seen */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) ||
      gtk_widget_get_width (GTK_WIDGET (self)) <= 0 || gtk_widget_get_height (GTK_WIDGET (self)) <= 0)
    return FALSE;
  scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return TRUE;
  if (!gtk_widget_compute_bounds (GTK_WIDGET (self), scroller, &bounds))
    return FALSE;
  return bounds.origin.y < gtk_widget_get_height (scroller) && bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.x < gtk_widget_get_width (scroller) && bounds.origin.x + bounds.size.width > 0;
}

/**
 * indsats_chart_widget_get_n_draws:
 *
 * Returns: how many times the figure has been drawn on screen
 */
guint
indsats_chart_widget_get_n_draws (IndsatsChartWidget *self)
{
  g_return_val_if_fail (INDSATS_IS_CHART_WIDGET (self), 0);
  return self->n_draws;
}
