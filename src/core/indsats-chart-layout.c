/* indsats-chart-layout.c
 *
 * Where everything goes, computed before anything is drawn: the heading and
 * the unit line at the top, the legend and the source line at the bottom, and
 * the plot in what is left. Text is measured with Pango; axis labels are
 * thinned until they no longer overlap.
 */
#include "config.h"

#include "indsats-chart-private.h"

#include <math.h>
#include <string.h>

#include "indsats-format.h"

PangoLayout *
indsats_chart_text_layout (PangoContext             *context,
                           const IndsatsChartLayout *layout,
                           IndsatsTextStyle          style,
                           const char               *text,
                           double                    wrap_width)
{
  PangoLayout *pl = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  double size = layout->font_size;

  pango_font_description_set_family (font, layout->font_family);
  if (style == INDSATS_TEXT_SMALL)
    size *= 0.85;
  else if (style == INDSATS_TEXT_HEADING)
    {
      size *= 1.25;
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
    }
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (pl, font);
  pango_layout_set_text (pl, text ? text : "", -1);
  if (wrap_width > 0)
    {
      pango_layout_set_width (pl, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
    }
  return pl;
}

void
indsats_chart_text_size (PangoLayout *text,
                         double      *width,
                         double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (text, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

/* A bar chart of one period shows one bar per series, each a category */
gboolean
indsats_chart_single_period_bars (const IndsatsChartData *data)
{
  return data->kind == INDSATS_FIGURE_BAR && data->n_periods == 1;
}

static void
tick_free (IndsatsChartTick *t)
{
  g_free (t->label);
  g_free (t);
}

static void
category_free (IndsatsChartCategory *c)
{
  g_free (c->label);
  g_free (c);
}

static void
marker_pos_free (IndsatsChartMarkerPos *m)
{
  g_free (m->label);
  g_free (m);
}

void
indsats_chart_layout_free (IndsatsChartLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->font_family);
  g_clear_pointer (&layout->ticks, g_ptr_array_unref);
  g_clear_pointer (&layout->categories, g_ptr_array_unref);
  g_clear_pointer (&layout->markers, g_ptr_array_unref);
  g_free (layout->note);
  g_free (layout);
}

/**
 * indsats_chart_layout_value_pos:
 *
 * Returns: where @value lies on the value axis: y, or x for horizontal bars
 */
double
indsats_chart_layout_value_pos (const IndsatsChartLayout *layout,
                                double                    value)
{
  double t = (value - layout->lo) / (layout->hi - layout->lo);

  if (layout->horizontal)
    return layout->plot.x + t * layout->plot.width;
  return layout->plot.y + layout->plot.height - t * layout->plot.height;
}

/**
 * indsats_chart_layout_point:
 *
 * Where the value of @series in @period is drawn (the top centre of its
 * column for column charts). Returns %FALSE when the value is missing.
 */
gboolean
indsats_chart_layout_point (const IndsatsChartLayout *layout,
                            const IndsatsChartData   *data,
                            guint                     series,
                            int                       period,
                            double                   *x,
                            double                   *y)
{
  IndsatsChartSeries *s;
  double center, group, bar;
  guint n = data->series->len;

  if (layout->empty || series >= n || period < 0 || period >= data->n_periods)
    return FALSE;
  s = g_ptr_array_index (data->series, series);
  if (isnan (s->values[period]))
    return FALSE;

  if (indsats_chart_single_period_bars (data))
    {
      IndsatsChartCategory *c = g_ptr_array_index (layout->categories, series);
      *y = c->center;
      *x = indsats_chart_layout_value_pos (layout, s->values[period]);
      return TRUE;
    }

  center = ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, period))->center;
  if (data->kind == INDSATS_FIGURE_LINE)
    {
      *x = center;
      *y = indsats_chart_layout_value_pos (layout, s->values[period]);
      return TRUE;
    }
  group = layout->slot * 0.8;
  bar = group / n;
  if (layout->horizontal)
    {
      *y = center - group / 2 + bar * (series + 0.5);
      *x = indsats_chart_layout_value_pos (layout, s->values[period]);
    }
  else
    {
      *x = center - group / 2 + bar * (series + 0.5);
      *y = indsats_chart_layout_value_pos (layout, s->values[period]);
    }
  return TRUE;
}

static double
measure (PangoContext             *context,
         const IndsatsChartLayout *layout,
         IndsatsTextStyle          style,
         const char               *text,
         double                    wrap,
         double                   *height)
{
  g_autoptr(PangoLayout) pl = indsats_chart_text_layout (context, layout, style, text, wrap);
  double w, h;

  indsats_chart_text_size (pl, &w, &h);
  if (height)
    *height = h;
  return w;
}

/* The x of a date on a period axis, or NAN when it is outside */
static double
date_x (const IndsatsChartLayout *layout,
        const IndsatsChartData   *data,
        const char               *iso)
{
  GDate date, first, last;
  int y, m, d;

  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return NAN;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  for (int i = 0; i < data->n_periods; i++)
    {
      indsats_period_get_first_day (&data->periods[i], &first);
      indsats_period_get_last_day (&data->periods[i], &last);
      if (g_date_compare (&date, &first) >= 0 && g_date_compare (&date, &last) <= 0)
        {
          double span = g_date_days_between (&first, &last) + 1;
          double into = g_date_days_between (&first, &date);
          IndsatsChartCategory *c = g_ptr_array_index (layout->categories, i);

          return c->center - layout->slot / 2 + layout->slot * into / span;
        }
    }
  return NAN;
}

/* Shows every k-th label, k as small as lets them stand apart; the newest period always shows */
static void
thin_labels (IndsatsChartLayout *layout,
             double              widest,
             double              gap)
{
  guint n = layout->categories->len;
  guint k = 1;

  if (n == 0)
    return;
  while (k < n && layout->slot * k < widest + gap)
    k++;
  for (guint i = 0; i < n; i++)
    ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, i))->shown = (n - 1 - i) % k == 0;
}

static void
value_range (const IndsatsChartData *data,
             double                 *min,
             double                 *max,
             gboolean               *any)
{
  *any = FALSE;
  *min = INFINITY;
  *max = -INFINITY;
  for (guint s = 0; s < data->series->len; s++)
    {
      IndsatsChartSeries *series = g_ptr_array_index (data->series, s);

      for (int i = 0; i < data->n_periods; i++)
        if (isfinite (series->values[i]))
          {
            *min = MIN (*min, series->values[i]);
            *max = MAX (*max, series->values[i]);
            *any = TRUE;
          }
    }
}

/**
 * indsats_chart_layout_new:
 * @data: what the figure shows
 * @width: the size to draw at, in device units (pixels or points)
 * @height: as @width
 * @context: measures the text
 *
 * Returns: (transfer full): where everything goes
 */
IndsatsChartLayout *
indsats_chart_layout_new (const IndsatsChartData *data,
                          double                  width,
                          double                  height,
                          PangoContext           *context)
{
  IndsatsChartLayout *layout = g_new0 (IndsatsChartLayout, 1);
  g_autofree char *heading = indsats_chart_data_get_heading (data);
  g_autoptr(GString) source = g_string_new (data->source ? data->source : "");
  double margin, line_h, heading_h, unit_h = 0, source_h, legend_h = 0;
  double min, max, label_w = 0, label_h = 0, widest = 0, top, bottom;
  gboolean any, single = indsats_chart_single_period_bars (data);
  gboolean preliminary = FALSE;
  int max_ticks;
  guint n_categories;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  layout->width = width = MAX (width, 120);
  layout->height = height = MAX (height, 90);
  layout->font_family = g_strdup (INDSATS_CHART_FONT);
  layout->font_size = CLAMP (MIN (width / 62, height / 34), 8, 18);
  layout->ticks = g_ptr_array_new_with_free_func ((GDestroyNotify) tick_free);
  layout->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
  layout->markers = g_ptr_array_new_with_free_func ((GDestroyNotify) marker_pos_free);
  layout->horizontal = data->kind == INDSATS_FIGURE_BAR;
  layout->threshold_pos = NAN;
  margin = layout->font_size;
  measure (context, layout, INDSATS_TEXT_NORMAL, "Åg", 0, &line_h);

  /* The heading: "Figur N. Title", wrapped, at most three lines */
  {
    g_autoptr(PangoLayout) pl = indsats_chart_text_layout (context, layout, INDSATS_TEXT_HEADING,
                                                           heading, width - 2 * margin);
    pango_layout_set_height (pl, -3);
    pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
    indsats_chart_text_size (pl, NULL, &heading_h);
  }
  layout->heading = (IndsatsRect) { margin, margin * 0.8, width - 2 * margin, heading_h };
  top = layout->heading.y + heading_h + margin * 0.4;
  if (data->unit && *data->unit)
    {
      measure (context, layout, INDSATS_TEXT_SMALL, data->unit, 0, &unit_h);
      layout->unit = (IndsatsRect) { margin, top, width - 2 * margin, unit_h };
      top += unit_h + margin * 0.4;
    }

  /* The source line, with a note on preliminary values */
  for (guint s = 0; s < data->series->len; s++)
    for (int i = 0; i < data->n_periods; i++)
      preliminary |= ((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->preliminary[i];
  if (preliminary)
    layout->note = g_strdup ("* Foreløbige tal");
  if (layout->note)
    g_string_append_printf (source, "%s%s", source->len ? ". " : "", layout->note);
  measure (context, layout, INDSATS_TEXT_SMALL, source->str, width - 2 * margin, &source_h);
  layout->source = (IndsatsRect) { margin, height - margin * 0.6 - source_h, width - 2 * margin, source_h };
  bottom = layout->source.y - margin * 0.4;

  /* The legend: entries in as many columns as fit; none for one series
   * named by the heading, nor for bars that name their series on the axis */
  if (data->series->len > 1 && !single)
    {
      double entry_w = 0, sample = layout->font_size * 2.4;
      guint rows;

      for (guint s = 0; s < data->series->len; s++)
        {
          IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
          entry_w = MAX (entry_w, measure (context, layout, INDSATS_TEXT_NORMAL, series->label, 0, NULL));
        }
      entry_w += sample + layout->font_size * 1.6;
      layout->legend_columns = CLAMP ((int) ((width - 2 * margin) / entry_w), 1, (int) data->series->len);
      rows = (data->series->len + layout->legend_columns - 1) / layout->legend_columns;
      layout->legend_row_height = line_h * 1.3;
      legend_h = rows * layout->legend_row_height;
      layout->legend = (IndsatsRect) { margin, bottom - legend_h, width - 2 * margin, legend_h };
      bottom = layout->legend.y - margin * 0.5;
    }

  /* The value axis */
  value_range (data, &min, &max, &any);
  layout->empty = !any;
  if (!isnan (data->threshold))
    {
      min = any ? MIN (min, data->threshold) : data->threshold;
      max = any ? MAX (max, data->threshold) : data->threshold;
    }
  if (!any && isnan (data->threshold))
    min = max = 0;
  max_ticks = layout->horizontal ? CLAMP ((int) (width / (layout->font_size * 7)), 2, 8)
                                 : CLAMP ((int) ((bottom - top) / (line_h * 2.2)), 2, 8);
  indsats_chart_nice_scale (min, max, max_ticks,
                            data->kind != INDSATS_FIGURE_LINE || (min >= 0 && min < max * 0.35),
                            &layout->lo, &layout->hi, &layout->step);
  layout->decimals = indsats_chart_step_decimals (layout->step);
  for (double v = layout->lo; v <= layout->hi + layout->step * 1e-6; v += layout->step)
    {
      IndsatsChartTick *t = g_new0 (IndsatsChartTick, 1);
      double rounded = round (v / layout->step) * layout->step;

      t->value = fabs (rounded) < layout->step * 1e-9 ? 0 : rounded;
      t->label = indsats_chart_format_value (data, t->value, layout->decimals);
      label_w = MAX (label_w, measure (context, layout, INDSATS_TEXT_SMALL, t->label, 0, NULL));
      g_ptr_array_add (layout->ticks, t);
      if (layout->ticks->len > 50)
        break;
    }

  /* The categories: periods, or the series of a one-period bar chart */
  n_categories = single ? data->series->len : (guint) data->n_periods;
  for (guint i = 0; i < n_categories; i++)
    {
      IndsatsChartCategory *c = g_new0 (IndsatsChartCategory, 1);
      double w, h;

      if (single)
        c->label = g_strdup (((IndsatsChartSeries *) g_ptr_array_index (data->series, i))->label);
      else
        {
          g_autofree char *text = data->n_periods > 24 ? indsats_period_to_short_label (&data->periods[i])
                                                       : indsats_period_to_label (&data->periods[i]);
          gboolean prelim = FALSE;

          for (guint s = 0; s < data->series->len; s++)
            prelim |= ((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->preliminary[i];
          c->label = g_strconcat (text, prelim ? "*" : "", NULL);
        }
      w = measure (context, layout, INDSATS_TEXT_SMALL, c->label, 0, &h);
      widest = MAX (widest, w);
      label_h = MAX (label_h, h);
      c->shown = TRUE;
      g_ptr_array_add (layout->categories, c);
    }
  measure (context, layout, INDSATS_TEXT_SMALL, "0", 0, &layout->small_height);
  if (label_h == 0)
    label_h = layout->small_height;

  if (layout->horizontal)
    {
      double left = margin + MIN (widest, width * 0.4) + margin * 0.6;
      layout->plot = (IndsatsRect) { left, top, width - margin - left - label_w / 2, bottom - top - label_h - margin * 0.4 };
    }
  else
    {
      double left = margin + label_w + margin * 0.5;
      /* room for half the newest period's label at the right */
      double right = margin + (n_categories > 0 ? MIN (widest, width * 0.2) / 2 : 0);
      layout->plot = (IndsatsRect) { left, top + line_h * 0.5, width - right - left, bottom - top - line_h * 0.5 - label_h - margin * 0.4 };
    }
  layout->plot.width = MAX (layout->plot.width, 10);
  layout->plot.height = MAX (layout->plot.height, 10);

  /* Place the categories and thin their labels */
  if (n_categories > 0)
    {
      double extent = layout->horizontal ? layout->plot.height : layout->plot.width;
      double start = layout->horizontal ? layout->plot.y : layout->plot.x;

      layout->slot = extent / n_categories;
      for (guint i = 0; i < n_categories; i++)
        ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, i))->center = start + layout->slot * (i + 0.5);
      thin_labels (layout, layout->horizontal ? label_h : widest, layout->font_size * 0.8);
    }

  for (guint i = 0; i < layout->ticks->len; i++)
    {
      IndsatsChartTick *t = g_ptr_array_index (layout->ticks, i);
      t->pos = indsats_chart_layout_value_pos (layout, t->value);
    }
  if (!isnan (data->threshold))
    layout->threshold_pos = indsats_chart_layout_value_pos (layout, data->threshold);

  /* Markers for the actions' start dates, in rows so labels do not overlap */
  if (!layout->horizontal && data->n_periods > 0)
    {
      double row_end[3] = { -INFINITY, -INFINITY, -INFINITY };

      for (guint i = 0; i < data->markers->len; i++)
        {
          IndsatsChartMarker *m = g_ptr_array_index (data->markers, i);
          double x = date_x (layout, data, m->date);
          IndsatsChartMarkerPos *pos;
          double w;

          if (isnan (x))
            continue;
          pos = g_new0 (IndsatsChartMarkerPos, 1);
          pos->x = x;
          pos->label = m->n_actions > 1 ? g_strdup_printf ("%s (%d)", m->label, m->n_actions)
                                        : g_strdup (m->label);
          w = measure (context, layout, INDSATS_TEXT_SMALL, pos->label, 0, NULL);
          pos->row = -1;
          for (int r = 0; r < 3; r++)
            if (x + 3 > row_end[r])
              {
                pos->row = r;
                row_end[r] = x + 3 + w + layout->font_size * 0.4;
                break;
              }
          g_ptr_array_add (layout->markers, pos);
        }
    }

  return layout;
}
