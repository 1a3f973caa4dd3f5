/* indsats-export-xlsx-figures.c
 *
 * A sheet per figure: its heading, the picture as Indsats draws it (drawn on
 * every core, written in order) above its numbers, and on request Excel's
 * own chart of the table.
 */
#include "config.h"

#include "indsats-export-xlsx-private.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <xlsxwriter.h>

#include "indsats-chart-batch.h"

static guint8
marker_of (IndsatsPointShape shape)
{
  switch (shape)
    {
    case INDSATS_POINT_SQUARE: return LXW_CHART_MARKER_SQUARE;
    case INDSATS_POINT_TRIANGLE: return LXW_CHART_MARKER_TRIANGLE;
    case INDSATS_POINT_DIAMOND: return LXW_CHART_MARKER_DIAMOND;
    case INDSATS_POINT_CIRCLE:
    default: return LXW_CHART_MARKER_CIRCLE;
    }
}

static guint8
dash_of (const IndsatsSeriesStyle *style)
{
  if (style->dash[0] == 0)
    return LXW_CHART_LINE_DASH_SOLID;
  if (style->dash[0] <= 1)
    return LXW_CHART_LINE_DASH_ROUND_DOT;
  if (style->dash[0] >= 5)
    return LXW_CHART_LINE_DASH_LONG_DASH;
  return LXW_CHART_LINE_DASH_DASH;
}

/* An Excel number format for an axis whose ticks need @decimals: "0 %", "#,##0.0" */
static char *
axis_format (gboolean percent,
             int      decimals)
{
  g_autofree char *places = decimals > 0 ? g_strnfill (decimals, '0') : g_strdup ("");

  return g_strdup_printf ("%s%s%s%s", percent ? "0" : "#,##0", decimals > 0 ? "." : "", places,
                          percent ? "\\ %" : "");
}

/* Excel's own chart of the table, drawn like Indsats' figure: the same
 * colours, dashes and point shapes, the threshold as a dashed dark line, the
 * axis over the same range with the same steps, and numbers formatted the
 * Danish way */
static gboolean
write_native_chart (Book             *b,
                    lxw_worksheet    *ws,
                    IndsatsChartData *data,
                    const char       *name,
                    const char       *heading,
                    int               first,
                    int               at_row,
                    GError          **error)
{
  lxw_chart *chart;
  lxw_chart_options placement = { 0 };
  lxw_chart_axis *values_axis;
  lxw_chart_line grid = { .color = 0xDEDDDA, .width = 0.75 };
  lxw_chart_font title_font = { .size = 11, .bold = LXW_TRUE };
  gboolean single = data->kind == INDSATS_FIGURE_BAR && data->n_periods == 1;
  gboolean threshold = !isnan (data->threshold);
  guint n_series = data->series->len;
  int last = first + data->n_periods;
  double scale = data->percent ? 0.01 : 1;
  g_autofree char *number_format = NULL;
  PangoContext *context;
  IndsatsChartLayout *layout;

  chart = workbook_add_chart (b->wb, data->kind == INDSATS_FIGURE_LINE ? LXW_CHART_LINE
                                     : data->kind == INDSATS_FIGURE_BAR ? LXW_CHART_BAR
                                     : LXW_CHART_COLUMN);
  chart_title_set_name (chart, heading);
  chart_title_set_name_font (chart, &title_font);
  if (single)
    {
      /* one period of bars: the figure draws a bar per series, each in its
       * colour and named on the axis, so the chart reads the table's row */
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      g_autofree lxw_chart_fill *fills = g_new0 (lxw_chart_fill, n_series);
      g_autofree lxw_chart_point *points = g_new0 (lxw_chart_point, n_series);
      g_autofree lxw_chart_point **point_list = g_new0 (lxw_chart_point *, n_series + 1);

      chart_series_set_categories (series, name, first, 1, first, n_series);
      chart_series_set_values (series, name, first + 1, 1, first + 1, n_series);
      for (guint s = 0; s < n_series; s++)
        {
          fills[s].color = (lxw_color_t) g_ascii_strtoull (indsats_chart_series_style (s)->hex + 1, NULL, 16);
          points[s].fill = &fills[s];
          point_list[s] = &points[s];
        }
      if (!indsats_xlsx_check (b, chart_series_set_points (series, point_list), error))
        return FALSE;
      chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
    }
  for (guint s = 0; !single && s < n_series + (threshold ? 1 : 0); s++)
    {
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      lxw_chart_line line = { 0 };

      chart_series_set_categories (series, name, first + 1, 0, last, 0);
      chart_series_set_values (series, name, first + 1, s + 1, last, s + 1);
      chart_series_set_name_range (series, name, first, s + 1);
      if (s == n_series)
        {
          /* the threshold: dashed and dark as in the figure */
          line.color = 0x212121;
          line.dash_type = LXW_CHART_LINE_DASH_DASH;
          line.width = 1.5;
          chart_series_set_line (series, &line);
          if (data->kind == INDSATS_FIGURE_LINE)
            chart_series_set_marker_type (series, LXW_CHART_MARKER_NONE);
          else
            {
              lxw_chart_fill fill = { .none = LXW_TRUE };
              chart_series_set_fill (series, &fill);
            }
        }
      else
        {
          const IndsatsSeriesStyle *style = indsats_chart_series_style (s);
          lxw_color_t color = (lxw_color_t) g_ascii_strtoull (style->hex + 1, NULL, 16);

          line.color = color;
          if (data->kind == INDSATS_FIGURE_LINE)
            {
              lxw_chart_fill fill = { .color = color };

              line.width = 2.25;
              line.dash_type = dash_of (style);
              chart_series_set_line (series, &line);
              chart_series_set_marker_type (series, marker_of (style->point));
              chart_series_set_marker_size (series, 5);
              chart_series_set_marker_fill (series, &fill);
              chart_series_set_marker_line (series, &(lxw_chart_line) { .color = color });
            }
          else
            {
              lxw_chart_fill fill = { .color = color };
              chart_series_set_fill (series, &fill);
            }
        }
    }
  if (!single)
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  /* libxlsxwriter calls the value axis of a bar chart x, as Excel draws it across */
  values_axis = data->kind == INDSATS_FIGURE_BAR ? chart->x_axis : chart->y_axis;
  if (data->kind == INDSATS_FIGURE_BAR)
    {
      /* the figure lists bars from the top down; Excel from the bottom up */
      chart_axis_set_reverse (chart->y_axis);
      chart_axis_set_crossing_max (chart->y_axis);
    }
  /* the figure's own axis: its range and steps come from the layout */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  layout = indsats_chart_layout_new (data, FIGURE_WIDTH, FIGURE_HEIGHT, context);
  number_format = axis_format (data->percent, layout ? layout->decimals : 0);
  chart_axis_set_num_format (values_axis, number_format);
  chart_axis_major_gridlines_set_line (values_axis, &grid);
  chart_axis_major_gridlines_set_visible (values_axis, LXW_TRUE);
  if (layout && !single && layout->categories->len > 0)
    {
      /* period labels thinned as the figure thins them */
      guint shown = 0;

      for (guint i = 0; i < layout->categories->len; i++)
        shown += ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, i))->shown ? 1 : 0;
      if (shown > 0 && shown < layout->categories->len)
        chart_axis_set_interval_unit (data->kind == INDSATS_FIGURE_BAR ? chart->y_axis : chart->x_axis,
                                      (layout->categories->len + shown - 1) / shown);
    }
  if (layout && !layout->empty && layout->step > 0)
    {
      chart_axis_set_min (values_axis, layout->lo * scale);
      chart_axis_set_max (values_axis, layout->hi * scale);
      chart_axis_set_major_unit (values_axis, layout->step * scale);
    }
  g_clear_pointer (&layout, indsats_chart_layout_free);
  g_object_unref (context);

  placement.x_scale = FIGURE_WIDTH / 480.0;
  placement.y_scale = FIGURE_HEIGHT / 288.0;
  placement.description = (char *) heading;
  return indsats_xlsx_check (b, worksheet_insert_chart_opt (ws, at_row, 0, chart, &placement), error);
}

/* A figure's sheet: its heading, the figure as Indsats draws it (the same
 * picture as in the window and the PDF), then its numbers, periods down and
 * series across, preliminary ones marked as in the figure; Excel's own chart
 * below them when asked for */
static gboolean
write_figure (Book                       *b,
              IndsatsChartData           *data,
              GBytes                     *png,
              const IndsatsExportOptions *options,
              GError                    **error)
{
  g_autofree char *name = indsats_xlsx_sheet_of_figure (b, data->number);
  g_autofree char *heading = g_strdup_printf ("%s. %s", name, data->title ? data->title : "");
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, name);
  gboolean threshold = !isnan (data->threshold);
  guint n_series = data->series->len;
  gboolean decimals = FALSE, preliminary = FALSE;
  int first = 2 + (FIGURE_HEIGHT + ROW_PX - 1) / ROW_PX + 1;
  int row = first + 1 + data->n_periods;
  g_autofree const char **headers = NULL;
  g_autofree char *threshold_label = NULL;
  g_autofree double *widths = NULL;
  lxw_image_options image = { 0 };
  gsize size;
  const unsigned char *bytes;

  /* counts of people show as whole numbers, unless a value has decimals */
  for (guint k = 0; !data->percent && k < n_series; k++)
    for (int i = 0; i < data->n_periods; i++)
      {
        double v = ((IndsatsChartSeries *) g_ptr_array_index (data->series, k))->values[i];
        if (!isnan (v) && fabs (v - round (v)) > 1e-9)
          decimals = TRUE;
      }

  if (!indsats_xlsx_write_text (b, ws, 0, 0, heading, b->title, error))
    return FALSE;
  worksheet_set_column (ws, 0, 0, 16, NULL);
  worksheet_set_column (ws, 1, n_series + (threshold ? 1 : 0), 14, NULL);

  bytes = g_bytes_get_data (png, &size);
  image.description = heading;
  image.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
  if (!indsats_xlsx_check (b, worksheet_insert_image_buffer_opt (ws, 2, 0, bytes, size, &image), error))
    return FALSE;

  headers = g_new0 (const char *, n_series + 2);
  widths = g_new0 (double, n_series + 2);
  headers[0] = W_ (b, "Period");
  widths[0] = 16;
  for (guint s = 0; s < n_series; s++)
    {
      headers[s + 1] = ((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->label;
      widths[s + 1] = 14;
    }
  threshold_label = indsats_chart_data_get_threshold_label (data);
  headers[n_series + 1] = threshold_label ? threshold_label : W_ (b, "Threshold");
  widths[n_series + 1] = 14;
  if (!indsats_xlsx_write_header_row (b, ws, first, headers, widths, n_series + 1 + (threshold ? 1 : 0), error))
    return FALSE;
  for (int i = 0; i < data->n_periods; i++)
    {
      g_autofree char *label = indsats_period_to_label (&data->periods[i]);

      if (!indsats_xlsx_write_text (b, ws, first + 1 + i, 0, label, NULL, error))
        return FALSE;
      for (guint s = 0; s < n_series; s++)
        {
          IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
          double v = series->values[i];
          gboolean p = series->preliminary && series->preliminary[i] && !isnan (v);
          lxw_format *format = data->percent ? (p ? b->percent_preliminary : b->percent)
                               : decimals ? (p ? b->decimal_preliminary : b->decimal)
                               : (p ? b->number_preliminary : b->number);

          /* a missing value stays an empty cell, never a zero */
          indsats_xlsx_write_number (ws, first + 1 + i, s + 1, data->percent ? indsats_xlsx_as_fraction (v) : v, format);
          preliminary |= p;
        }
      if (threshold)
        indsats_xlsx_write_number (ws, first + 1 + i, n_series + 1, data->percent ? indsats_xlsx_as_fraction (data->threshold) : data->threshold,
                      data->percent ? b->percent : decimals ? b->decimal : b->number);
    }
  row++;
  if (preliminary && !indsats_xlsx_write_text (b, ws, row++, 0, W_ (b, "* Preliminary figures"), b->muted, error))
    return FALSE;
  if (data->unit && *data->unit && !indsats_xlsx_write_text (b, ws, row++, 0, data->unit, b->muted, error))
    return FALSE;
  if (data->source && *data->source && !indsats_xlsx_write_text (b, ws, row++, 0, data->source, b->muted, error))
    return FALSE;

  if (options->native_charts && data->n_periods > 0 && n_series > 0 &&
      !write_native_chart (b, ws, data, name, heading, first, row + 1, error))
    return FALSE;

  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return indsats_xlsx_set_footer (b, ws, error);
}

/* The sheets of figures. Each picture is drawn on the batch's threads (see
 * indsats-chart-batch.c) while this thread reads the next figures and
 * writes the sheets of those drawn, in order, so the workbook is the same
 * whatever the order the threads finish in. */
gboolean
indsats_xlsx_write_figures (Book                        *b,
                            IndsatsStore                *store,
                            GPtrArray                   *figures,
                            const IndsatsExportOptions  *options,
                            GCancellable                *cancellable,
                            IndsatsExportProgressFunc    progress,
                            gpointer                     user_data,
                            GError                     **error)
{
  g_autoptr(IndsatsChartBatch) batch = indsats_chart_batch_new (INDSATS_CHART_PNG, FIGURE_WIDTH, FIGURE_HEIGHT);

  /* the store is read on this thread only, a figure ahead of the sheets
   * written while the batch draws those in between */
  for (guint read = 0, written = 0; written < figures->len;)
    {
      g_autoptr(IndsatsChartData) data = NULL;
      g_autoptr(GBytes) png = NULL;

      if (read < figures->len && !indsats_chart_batch_is_full (batch))
        {
          if (indsats_xlsx_is_cancelled (cancellable, error) ||
              !(data = indsats_chart_data_load_figure (store, g_ptr_array_index (figures, read), error)))
            return FALSE;
          data->catalog = b->catalog;  /* the picture speaks the workbook's language */
          indsats_chart_batch_push (batch, g_steal_pointer (&data));
          read++;
          continue;
        }
      if (!(png = indsats_chart_batch_take (batch, &data, error)) ||
          !write_figure (b, data, png, options, error))
        return FALSE;
      written++;
      if (progress)
        progress (0.9 * written / figures->len, user_data);
    }
  return TRUE;
}
