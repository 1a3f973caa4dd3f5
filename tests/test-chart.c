/* test-chart.c: the chart engine: axes, layout, pixels and files */
#include <locale.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "indsats-chart.h"
#include "indsats-demo.h"
#include "indsats-error.h"
#include "test-util.h"

static void
check_scale (double   min,
             double   max,
             gboolean zero,
             double   lo,
             double   hi,
             double   step)
{
  double l, h, s;

  indsats_chart_nice_scale (min, max, 6, zero, &l, &h, &s);
  g_assert_cmpfloat_with_epsilon (s, step, 1e-9);
  g_assert_cmpfloat_with_epsilon (l, lo, 1e-9);
  g_assert_cmpfloat_with_epsilon (h, hi, 1e-9);
  g_assert_cmpfloat (l, <=, min);
  g_assert_cmpfloat (h, >=, max);
}

static void
test_nice_scale (void)
{
  check_scale (0, 0.3, TRUE, 0, 0.3, 0.1);
  check_scale (4.6, 5.3, FALSE, 4.6, 5.4, 0.2);
  check_scale (0, 5974, TRUE, 0, 6000, 2000);
  check_scale (-3.2, 2.1, FALSE, -4, 4, 2);
  check_scale (-12, -3, FALSE, -12, -2, 2);
  /* all values equal: a small range around them, never a zero range */
  {
    double l, h, s;
    indsats_chart_nice_scale (5, 5, 6, FALSE, &l, &h, &s);
    g_assert_cmpfloat (l, <, 5);
    g_assert_cmpfloat (h, >, 5);
    g_assert_cmpfloat (s, >, 0);
    indsats_chart_nice_scale (0, 0, 6, TRUE, &l, &h, &s);
    g_assert_cmpfloat (h, >, l);
  }
  g_assert_cmpint (indsats_chart_step_decimals (0.2), ==, 1);
  g_assert_cmpint (indsats_chart_step_decimals (2.5), ==, 1);
  g_assert_cmpint (indsats_chart_step_decimals (0.05), ==, 2);
  g_assert_cmpint (indsats_chart_step_decimals (2000), ==, 0);
}

/* A line figure of @n months from jan. 2018, @n_series series */
static IndsatsChartData *
make_line_data (int n,
                int n_series)
{
  IndsatsChartData *data = indsats_chart_data_new ();
  g_autofree IndsatsPeriod *periods = g_new (IndsatsPeriod, n);

  for (int i = 0; i < n; i++)
    periods[i] = indsats_period_from_ordinal (INDSATS_PERIOD_MONTH, 2018 * 12 + i);
  data->number = 5;
  data->title = g_strdup ("Sygedagpengemodtagere");
  data->kind = INDSATS_FIGURE_LINE;
  data->unit = g_strdup ("Pct.");
  data->percent = TRUE;
  data->source = g_strdup ("Kilde: Jobindsats.dk");
  indsats_chart_data_set_periods (data, periods, n);
  for (int s = 0; s < n_series; s++)
    {
      const char *names[] = { "Ishøj", "Brøndby", "Hele landet" };
      IndsatsChartSeries *series = indsats_chart_data_add_series (data, names[s % 3]);
      for (int i = 0; i < n; i++)
        series->values[i] = 10 + 10 * s + 5 * sin (i / 5.0);
    }
  return data;
}

static PangoContext *
new_context (cairo_t *cr)
{
  return pango_cairo_create_context (cr);
}

static void
test_labels_thinned (void)
{
  g_autoptr(IndsatsChartData) data = make_line_data (72, 3);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = new_context (cr);
  g_autoptr(IndsatsChartLayout) layout = indsats_chart_layout_new (data, 500, 300, context);
  double last_end = -INFINITY;
  guint shown = 0;

  g_assert_cmpuint (layout->categories->len, ==, 72);
  for (guint i = 0; i < layout->categories->len; i++)
    {
      IndsatsChartCategory *c = g_ptr_array_index (layout->categories, i);
      PangoLayout *pl;
      double w;
      PangoRectangle r;
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("DejaVu Sans");

      if (!c->shown)
        continue;
      pl = pango_layout_new (context);
      pango_font_description_set_absolute_size (font, layout->font_size * 0.85 * PANGO_SCALE);
      pango_layout_set_font_description (pl, font);
      pango_layout_set_text (pl, c->label, -1);
      pango_layout_get_extents (pl, NULL, &r);
      w = (double) r.width / PANGO_SCALE;
      g_object_unref (pl);
      /* no two labels that are drawn overlap */
      g_assert_cmpfloat (c->center - w / 2, >, last_end);
      last_end = c->center + w / 2;
      shown++;
    }
  g_assert_cmpuint (shown, <, 72);
  g_assert_cmpuint (shown, >=, 3);
  /* the newest period is always labelled */
  g_assert_true (((IndsatsChartCategory *) g_ptr_array_index (layout->categories, 71))->shown);

  /* Danish tick labels: decimal comma and "%" */
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      IndsatsChartTick *t = g_ptr_array_index (layout->ticks, i);
      g_assert_true (g_str_has_suffix (t->label, " %"));
      g_assert_null (strchr (t->label, '.'));
    }

  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Renders @data at w × h; returns the surface and the layout used */
static cairo_surface_t *
render (IndsatsChartData    *data,
        int                  w,
        int                  h,
        IndsatsChartLayout **layout_out)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = new_context (cr);
  IndsatsChartLayout *layout = indsats_chart_layout_new (data, w, h, context);

  indsats_chart_render (data, layout, cr);
  cairo_surface_flush (surface);
  g_object_unref (context);
  cairo_destroy (cr);
  *layout_out = layout;
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  return *(guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static gboolean
near_colour (guint32     px,
             const char *hex,
             int         tolerance)
{
  guint32 want = (guint32) g_ascii_strtoull (hex + 1, NULL, 16);
  int dr = (int) ((px >> 16) & 0xff) - (int) ((want >> 16) & 0xff);
  int dg = (int) ((px >> 8) & 0xff) - (int) ((want >> 8) & 0xff);
  int db = (int) (px & 0xff) - (int) (want & 0xff);

  return ABS (dr) <= tolerance && ABS (dg) <= tolerance && ABS (db) <= tolerance;
}

/* Is there a pixel of @hex within @r of (x, y)? */
static gboolean
colour_near (cairo_surface_t *surface,
             double           x,
             double           y,
             int              r,
             const char      *hex)
{
  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      if (near_colour (pixel (surface, (int) x + dx, (int) y + dy), hex, 40))
        return TRUE;
  return FALSE;
}

static void
test_pixels_threshold_and_colours (void)
{
  g_autoptr(IndsatsChartData) data = make_line_data (24, 2);
  g_autoptr(IndsatsChartLayout) layout = NULL;
  cairo_surface_t *surface;
  int dark = 0, row;
  double x, y;

  data->threshold = 20;
  data->threshold_label = g_strdup ("Grænse 20 %");
  surface = render (data, 800, 500, &layout);

  /* the threshold line is drawn at the y of its value: a dashed dark row */
  g_assert_false (isnan (layout->threshold_pos));
  g_assert_cmpfloat_with_epsilon (layout->threshold_pos, indsats_chart_layout_value_pos (layout, 20), 1e-9);
  row = (int) floor (layout->threshold_pos);
  for (int px = (int) layout->plot.x; px < (int) (layout->plot.x + layout->plot.width); px++)
    if (near_colour (pixel (surface, px, row), "#212121", 60))
      dark++;
  g_assert_cmpint (dark, >, layout->plot.width * 0.35);
  g_assert_cmpint (dark, <, layout->plot.width * 0.9); /* dashed, not solid */

  /* the series' colours are where their values are */
  g_assert_true (indsats_chart_layout_point (layout, data, 0, 10, &x, &y));
  g_assert_true (colour_near (surface, x, y, 2, indsats_chart_series_style (0)->hex));
  g_assert_false (colour_near (surface, x, y, 2, indsats_chart_series_style (1)->hex));
  g_assert_true (indsats_chart_layout_point (layout, data, 1, 10, &x, &y));
  g_assert_true (colour_near (surface, x, y, 2, indsats_chart_series_style (1)->hex));
  g_assert_cmpstr (indsats_chart_series_style (0)->hex, ==, "#0072B2");
  g_assert_cmpstr (indsats_chart_series_style (1)->hex, ==, "#E69F00");

  cairo_surface_destroy (surface);
}

static void
test_pixels_missing_is_a_gap (void)
{
  g_autoptr(IndsatsChartData) data = make_line_data (12, 1);
  g_autoptr(IndsatsChartLayout) layout = NULL;
  IndsatsChartSeries *s = g_ptr_array_index (data->series, 0);
  cairo_surface_t *surface;
  double x4, y4, x6, y6, x, y;
  const char *blue = indsats_chart_series_style (0)->hex;

  for (int i = 0; i < 12; i++)
    s->values[i] = 30;
  s->values[5] = NAN;
  surface = render (data, 800, 500, &layout);

  g_assert_false (indsats_chart_layout_point (layout, data, 0, 5, &x, &y));
  g_assert_true (indsats_chart_layout_point (layout, data, 0, 4, &x4, &y4));
  g_assert_true (indsats_chart_layout_point (layout, data, 0, 6, &x6, &y6));
  /* between 4 and 6 no line is drawn: not at the missing point, not as a zero */
  g_assert_false (colour_near (surface, (x4 + x6) / 2, y4, 1, blue));
  g_assert_false (colour_near (surface, (x4 + x6) / 2, layout->plot.y + layout->plot.height - 3, 1, blue));
  /* while the line stands between 2 and 3 */
  {
    double x2, y2, x3, y3;
    indsats_chart_layout_point (layout, data, 0, 2, &x2, &y2);
    indsats_chart_layout_point (layout, data, 0, 3, &x3, &y3);
    g_assert_true (colour_near (surface, (x2 + x3) / 2, (y2 + y3) / 2, 1, blue));
  }
  cairo_surface_destroy (surface);
}

static void
test_bad_data (void)
{
  g_autoptr(IndsatsChartLayout) layout = NULL;
  cairo_surface_t *surface;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;

  /* no data at all: the figure says so */
  {
    g_autoptr(IndsatsChartData) empty = indsats_chart_data_new ();
    empty->number = 9;
    empty->title = g_strdup ("Tom figur");
    surface = render (empty, 600, 400, &layout);
    g_assert_true (layout->empty);
    cairo_surface_destroy (surface);
    g_clear_pointer (&layout, indsats_chart_layout_free);
    g_autofree char *svg = indsats_chart_render_svg (empty, 600, 400);
    g_assert_nonnull (strstr (svg, "Der er ingen tal til denne figur endnu"));
  }
  /* one point */
  {
    g_autoptr(IndsatsChartData) one = make_line_data (1, 1);
    double x, y;
    surface = render (one, 600, 400, &layout);
    g_assert_false (layout->empty);
    g_assert_true (indsats_chart_layout_point (layout, one, 0, 0, &x, &y));
    g_assert_true (colour_near (surface, x, y, 1, indsats_chart_series_style (0)->hex));
    cairo_surface_destroy (surface);
    g_clear_pointer (&layout, indsats_chart_layout_free);
  }
  /* NaN everywhere, and an infinite value */
  {
    g_autoptr(IndsatsChartData) nan_data = make_line_data (10, 2);
    for (guint s = 0; s < 2; s++)
      for (int i = 0; i < 10; i++)
        ((IndsatsChartSeries *) g_ptr_array_index (nan_data->series, s))->values[i] = NAN;
    ((IndsatsChartSeries *) g_ptr_array_index (nan_data->series, 0))->values[3] = INFINITY;
    surface = render (nan_data, 600, 400, &layout);
    g_assert_true (layout->empty);
    cairo_surface_destroy (surface);
    g_clear_pointer (&layout, indsats_chart_layout_free);
  }
  /* 10,000 points */
  {
    g_autoptr(IndsatsChartData) many = make_line_data (10000, 3);
    png = indsats_chart_render_png (many, 1000, 600, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (png), >, 1000);
    g_clear_pointer (&png, g_bytes_unref);
  }
  /* a title of 500 characters is wrapped and cut, and the plot keeps its room */
  {
    g_autoptr(IndsatsChartData) wordy = make_line_data (12, 1);
    GString *title = g_string_new (NULL);
    while (title->len < 500)
      g_string_append (title, "Langtidsledige ");
    g_free (wordy->title);
    wordy->title = g_string_free (title, FALSE);
    surface = render (wordy, 800, 500, &layout);
    g_assert_cmpfloat (layout->plot.height, >, 500 * 0.4);
    g_assert_cmpfloat (layout->heading.height, <, 500 * 0.25);
    cairo_surface_destroy (surface);
  }
  /* a size too small or too large is refused with a message */
  {
    g_autoptr(IndsatsChartData) d = make_line_data (3, 1);
    png = indsats_chart_render_png (d, 10, 10, &error);
    g_assert_null (png);
    g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  }
}

static char *
run_tool (const char *const *argv)
{
  g_autofree char *out = NULL;
  int status = 0;
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("indsats-chart-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "figur-5.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "figur-5.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "figur-5.png", NULL);
  g_autoptr(IndsatsChartData) data = make_line_data (24, 3);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  IndsatsChartFormat format;

  g_assert_true (indsats_chart_format_from_path (pdf, &format));
  g_assert_cmpint (format, ==, INDSATS_CHART_PDF);
  g_assert_true (indsats_chart_render_file (data, pdf, INDSATS_CHART_PDF, 800, 500, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    text = run_tool (argv);
  }
  /* text stays text in the PDF */
  g_assert_nonnull (strstr (text, "Figur 5. Sygedagpengemodtagere"));
  g_assert_nonnull (strstr (text, "Kilde: Jobindsats.dk"));
  g_assert_nonnull (strstr (text, "Brøndby"));

  g_assert_true (indsats_chart_render_file (data, svg, INDSATS_CHART_SVG, 800, 500, &error));
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ">Figur 5. Sygedagpengemodtagere</text>"));
  g_assert_nonnull (strstr (contents, ">Kilde: Jobindsats.dk</text>"));
  {
    const char *argv[] = { "/usr/bin/python3", "-c",
                           "import sys, xml.etree.ElementTree as ET\n"
                           "root = ET.parse(sys.argv[1]).getroot()\n"
                           "texts = [t.text for t in root.iter('{http://www.w3.org/2000/svg}text')]\n"
                           "assert 'Hele landet' in texts, texts\n"
                           "print(len(texts))\n", svg, NULL };
    g_autofree char *count = run_tool (argv);
    g_assert_cmpint (atoi (count), >, 10);
  }

  g_assert_true (indsats_chart_render_file (data, png, INDSATS_CHART_PNG, 640, 400, &error));
  {
    cairo_surface_t *img = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (img), ==, 640);
    g_assert_cmpint (cairo_image_surface_get_height (img), ==, 400);
    cairo_surface_destroy (img);
  }

  /* a folder that cannot be written: a message naming the file, nothing left behind */
  {
    g_autofree char *bad = g_build_filename (dir, "missing-folder", "figur.png", NULL);
    g_assert_false (indsats_chart_render_file (data, bad, INDSATS_CHART_PNG, 640, 400, &error));
    g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_IO);
    g_assert_nonnull (strstr (error->message, bad));
    g_clear_error (&error);
  }

  g_unlink (pdf);
  g_unlink (svg);
  g_unlink (png);
  g_rmdir (dir);
}

/* The demo's figures load with their documented values, threshold and markers */
static void
test_demo_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("indsats-chart-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(IndsatsChartData) fig12 = NULL;
  g_autoptr(IndsatsChartData) fig15 = NULL;
  g_autofree char *described = NULL;
  int last;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);

  fig12 = indsats_chart_data_load (store, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fig12->series->len, ==, 3);
  last = fig12->n_periods - 1;
  g_assert_cmpfloat (((IndsatsChartSeries *) g_ptr_array_index (fig12->series, 0))->values[last], ==, 5.4);
  g_assert_cmpfloat (((IndsatsChartSeries *) g_ptr_array_index (fig12->series, 1))->values[last], ==, 12.4);
  g_assert_cmpfloat (((IndsatsChartSeries *) g_ptr_array_index (fig12->series, 2))->values[last], ==, 6.9);
  described = indsats_chart_data_describe (fig12);
  g_assert_cmpstr (described, ==, "aug. 2023: Ishøj 5,4 %, Brøndby 12,4 %, Hele landet 6,9 %.");

  fig15 = indsats_chart_data_load (store, 15, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fig15->threshold, ==, 20);
  g_assert_cmpuint (fig15->markers->len, >=, 5);
  g_assert_true (((IndsatsChartSeries *) g_ptr_array_index (fig15->series, 0))->preliminary[fig15->n_periods - 1]);

  g_assert_null (indsats_chart_data_load (store, 99, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND);

  g_clear_object (&store);
  indsats_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* The process locale comes from the environment, as in the program: the
   * suite runs these tests under C and under da_DK.UTF-8 */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/nice-scale", test_nice_scale);
  g_test_add_func ("/chart/labels-thinned", test_labels_thinned);
  g_test_add_func ("/chart/pixels/threshold-and-colours", test_pixels_threshold_and_colours);
  g_test_add_func ("/chart/pixels/missing-is-a-gap", test_pixels_missing_is_a_gap);
  g_test_add_func ("/chart/bad-data", test_bad_data);
  g_test_add_func ("/chart/files", test_files);
  g_test_add_func ("/chart/demo-figures", test_demo_figures);

  return g_test_run ();
}
