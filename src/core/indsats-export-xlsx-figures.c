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

#include "indsats-chart.h"

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

/* The figures' pictures are drawn on every core, a batch at a time: each
 * thread of the pool has a cairo surface and Pango's font map of its own
 * (Pango keeps one per thread), the data are read before and the sheets
 * written after, in order, so the workbook is the same whatever the order
 * the threads finish in. */
#define PICTURE_BATCH 32

typedef struct
{
  IndsatsChartData *data;
  GBytes           *png;
  GError           *error;
} Picture;

typedef struct
{
  GMutex lock;
  GCond  done;
  guint  left;
} Batch;

static void
draw_picture_cb (gpointer item,
                 gpointer user_data)
{
  Picture *picture = item;
  Batch *batch = user_data;

  picture->png = indsats_chart_render_png (picture->data, FIGURE_WIDTH, FIGURE_HEIGHT, &picture->error);
  g_mutex_lock (&batch->lock);
  batch->left--;
  g_cond_signal (&batch->done);
  g_mutex_unlock (&batch->lock);
}

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->data, indsats_chart_data_free);
  g_clear_pointer (&picture->png, g_bytes_unref);
  g_clear_error (&picture->error);
}

/* INDSATS_THREADS: how many threads draw the pictures; one per processor
 * unless it says otherwise (1 draws them all on the exporting thread) */
static guint
picture_threads (void)
{
  const char *asked = g_getenv ("INDSATS_THREADS");
  guint64 n = 0;

  if (asked != NULL && g_ascii_string_to_unsigned (asked, 10, 1, PICTURE_BATCH, &n, NULL))
    return (guint) n;
  return MIN (g_get_num_processors (), PICTURE_BATCH);
}

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
  Picture pictures[PICTURE_BATCH] = { { 0 } };
  Batch batch = { 0 };
  guint threads = picture_threads ();
  GThreadPool *pool = NULL;
  gboolean ok = TRUE;

  g_mutex_init (&batch.lock);
  g_cond_init (&batch.done);
  if (threads > 1 && figures->len > 1)
    pool = g_thread_pool_new (draw_picture_cb, &batch, threads, FALSE, NULL);
  for (guint start = 0; ok && start < figures->len; start += PICTURE_BATCH)
    {
      guint n = MIN (PICTURE_BATCH, figures->len - start);

      /* the store is read on this thread only */
      for (guint k = 0; ok && k < n; k++)
        {
          IndsatsFigure *f = g_ptr_array_index (figures, start + k);

          if (indsats_xlsx_is_cancelled (cancellable, error) ||
              !(pictures[k].data = indsats_chart_data_load_figure (store, f, error)))
            ok = FALSE;
          else
            pictures[k].data->catalog = b->catalog;  /* the picture speaks the workbook's language */
        }
      if (ok)
        {
          batch.left = n;
          for (guint k = 0; k < n; k++)
            if (pool == NULL || !g_thread_pool_push (pool, &pictures[k], NULL))
              draw_picture_cb (&pictures[k], &batch);
          g_mutex_lock (&batch.lock);
          while (batch.left > 0)
            g_cond_wait (&batch.done, &batch.lock);
          g_mutex_unlock (&batch.lock);
        }
      for (guint k = 0; ok && k < n; k++)
        {
          if (pictures[k].png == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&pictures[k].error));
              ok = FALSE;
            }
          else if (!write_figure (b, pictures[k].data, pictures[k].png, options, error))
            ok = FALSE;
          else if (progress)
            progress (0.9 * (start + k + 1) / figures->len, user_data);
        }
      for (guint k = 0; k < n; k++)
        picture_clear (&pictures[k]);
    }
  if (pool)
    g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&batch.lock);
  g_cond_clear (&batch.done);
  return ok;
}
