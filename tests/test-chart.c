/* test-chart.c: the chart engine: axes, layout, pixels and files */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>
#include <string.h>

#include "indsats-catalog.h"
#include "indsats-chart-batch.h"
#include "indsats-demo.h"
#include "indsats-error.h"
#include "indsats-follow-up.h"
#include "indsats-import.h"
#include "test-util.h"

/* Under the Danish locale the figures speak Danish; under C, English */
static gboolean danish;

static const char *
said (const char *english,
      const char *dansk)
{
  return danish ? dansk : english;
}

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
    g_assert_nonnull (strstr (svg, said ("There are no figures for this chart yet",
                                         "Der er ingen tal til denne figur endnu")));
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
    /* an infinite value is a value, but not one to draw: the figure says so */
    g_assert_false (layout->empty);
    g_assert_true (layout->out_of_range);
    g_assert_cmpuint (layout->paths->len, ==, 0);
    {
      g_autofree char *message = indsats_chart_text_get_string (indsats_chart_layout_find_text (layout, INDSATS_ROLE_MESSAGE, 0));
      g_assert_cmpstr (message, ==, said ("The values are too small or too large to draw",
                                          "Tallene er for små eller for store til at kunne tegnes"));
    }
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

static char *run_tool (const char *const *argv);

/* The layout of @data at w × h, measured as an image surface would */
static IndsatsChartLayout *
layout_at (const IndsatsChartData *data,
           double                  w,
           double                  h)
{
  PangoContext *context = indsats_chart_measuring_context ();
  IndsatsChartLayout *layout = indsats_chart_layout_new (data, w, h, context);

  g_object_unref (context);
  return layout;
}

static gboolean
boxes_overlap (const IndsatsRect *a,
               const IndsatsRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Every text inside the picture and no two texts overlapping */
static void
assert_texts_apart (const IndsatsChartLayout *layout,
                    const char               *what)
{
  for (guint i = 0; i < layout->texts->len; i++)
    {
      IndsatsChartText *a = g_ptr_array_index (layout->texts, i);
      g_autofree char *sa = indsats_chart_text_get_string (a);

      if (a->lines->len == 0)
        continue;
      if (a->box.x < -0.01 || a->box.y < -0.01 || a->box.x + a->box.width > layout->width + 0.01 ||
          a->box.y + a->box.height > layout->height + 0.01)
        g_error ("%s at %g × %g: “%s” at %g,%g %g × %g runs off the picture", what, layout->width, layout->height,
                 sa, a->box.x, a->box.y, a->box.width, a->box.height);
      for (guint j = i + 1; j < layout->texts->len; j++)
        {
          IndsatsChartText *b = g_ptr_array_index (layout->texts, j);
          g_autofree char *sb = NULL;

          if (b->lines->len == 0 || !boxes_overlap (&a->box, &b->box))
            continue;
          sb = indsats_chart_text_get_string (b);
          g_error ("%s at %g × %g: “%s” overlaps “%s”", what, layout->width, layout->height, sa, sb);
        }
    }
}

/* Ticks read differently from their neighbours at every magnitude, with the
 * scale in the unit line where the numbers would get too long */
static void
test_ticks_every_magnitude (void)
{
  for (int e = -11; e <= 14; e++)
    for (int k = 0; k < 3; k++)
      {
        const double factors[] = { 1, 2.5, 7.5 };
        double top = factors[k] * pow (10, e);
        g_autoptr(IndsatsChartData) data = make_line_data (12, 2);
        g_autoptr(IndsatsChartLayout) layout = NULL;
        IndsatsChartTick *last;

        for (guint s = 0; s < 2; s++)
          for (int i = 0; i < 12; i++)
            ((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->values[i] = top * (0.3 + 0.7 * (i + s) / 12.0);
        layout = layout_at (data, 800, 500);
        g_assert_false (layout->out_of_range);
        g_assert_cmpuint (layout->ticks->len, >=, 3);
        for (guint i = 1; i < layout->ticks->len; i++)
          g_assert_cmpstr (((IndsatsChartTick *) g_ptr_array_index (layout->ticks, i - 1))->label, !=,
                           ((IndsatsChartTick *) g_ptr_array_index (layout->ticks, i))->label);
        /* the top grid line reaches the largest value */
        last = g_ptr_array_index (layout->ticks, layout->ticks->len - 1);
        g_assert_cmpfloat (last->value, >=, top * (0.3 + 0.7 * 12 / 12.0) * (1 - 1e-9));
        g_assert_cmpfloat (((IndsatsChartTick *) g_ptr_array_index (layout->ticks, 0))->value, ==, 0);
        /* every path point inside the plot */
        for (int i = 0; i < 12; i++)
          {
            double x, y;
            g_assert_true (indsats_chart_layout_point (layout, data, 0, i, &x, &y));
            g_assert_cmpfloat (y, >=, layout->plot.y - 0.01);
            g_assert_cmpfloat (y, <=, layout->plot.y + layout->plot.height + 0.01);
          }
        if (layout->exponent != 0)
          {
            g_autofree char *unit = indsats_chart_text_get_string (indsats_chart_layout_find_text (layout, INDSATS_ROLE_UNIT, 0));
            g_autofree char *want = g_strdup_printf ("Pct. (× 10%s", layout->exponent < 0 ? "⁻" : "");
            g_assert_true (g_str_has_prefix (unit, want));
          }
        if (e <= -6)
          g_assert_cmpint (layout->exponent, <, 0);
        assert_texts_apart (layout, "ticks");
      }

  /* values far beyond what a figure can show: it says so */
  {
    g_autoptr(IndsatsChartData) data = make_line_data (12, 1);
    g_autoptr(IndsatsChartLayout) layout = NULL;
    g_autofree char *message = NULL;

    for (int i = 0; i < 12; i++)
      ((IndsatsChartSeries *) g_ptr_array_index (data->series, 0))->values[i] = 1e-300 * (i + 1);
    layout = layout_at (data, 800, 500);
    g_assert_true (layout->out_of_range);
    message = indsats_chart_text_get_string (indsats_chart_layout_find_text (layout, INDSATS_ROLE_MESSAGE, 0));
    g_assert_cmpstr (message, ==, said ("The values are too small or too large to draw",
                                        "Tallene er for små eller for store til at kunne tegnes"));
  }
}

/* Figure data that is hard to lay out: long labels, markers, a threshold */
static IndsatsChartData *
make_hard_data (int n_series)
{
  IndsatsChartData *data = make_line_data (20, 0);
  GString *long_label = g_string_new (NULL);

  while (long_label->len < 500)
    g_string_append (long_label, "Ydelsesmodtagere ");
  for (int s = 0; s < n_series; s++)
    {
      g_autofree char *name = s == 0 ? g_strdup ("Ishøj") : s == 1 ? g_strdup ("Hele landet")
                                     : s == 2 ? g_strdup (long_label->str) : g_strdup_printf ("Kommune %d", s);
      IndsatsChartSeries *series = indsats_chart_data_add_series (data, name);
      for (int i = 0; i < 20; i++)
        series->values[i] = 10 + s * 0.3 + 5 * sin (i / 3.0 + s);
    }
  g_free (data->title);
  data->title = g_string_free (long_label, FALSE);
  data->threshold = 12;
  data->threshold_label = g_strdup ("Grænse 12 %");
  indsats_chart_data_add_marker (data, "2018-03-02", 1);
  indsats_chart_data_add_marker (data, "2018-03-10", 13);
  indsats_chart_data_add_marker (data, "2018-03-20", 2);
  indsats_chart_data_add_planned_marker (data, "2019-06-01", 3);
  indsats_chart_data_add_marker (data, "2019-08-31", 1);
  indsats_chart_data_add_marker (data, "2018-04-01", 4);
  indsats_chart_data_add_marker (data, "2018-04-05", 1);
  indsats_chart_data_add_marker (data, "2018-04-09", 1);
  return data;
}

static void
test_boxes_apart (void)
{
  const double sizes[][2] = { { 50, 50 }, { 240, 160 }, { 300, 200 }, { 640, 400 }, { 1000, 600 } };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      const int counts[] = { 1, 3, 60 };

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          g_autoptr(IndsatsChartData) data = make_hard_data (counts[c]);
          g_autoptr(IndsatsChartLayout) layout = layout_at (data, sizes[k][0], sizes[k][1]);

          assert_texts_apart (layout, "a line figure");
          /* the heading is always there, the legend goes before it would overlap */
          g_assert_nonnull (indsats_chart_layout_find_text (layout, INDSATS_ROLE_HEADING, 0));
          if (layout->legend_columns > 0)
            g_assert_cmpfloat (layout->legend.y, >=, layout->plot.y + layout->plot.height);
          data->kind = INDSATS_FIGURE_COLUMN;
          g_clear_pointer (&layout, indsats_chart_layout_free);
          layout = layout_at (data, sizes[k][0], sizes[k][1]);
          assert_texts_apart (layout, "a column figure");
          data->kind = INDSATS_FIGURE_BAR;
          g_clear_pointer (&layout, indsats_chart_layout_free);
          layout = layout_at (data, sizes[k][0], sizes[k][1]);
          assert_texts_apart (layout, "a bar figure");
        }
    }

  /* at a size people draw, everything is there */
  {
    g_autoptr(IndsatsChartData) data = make_hard_data (3);
    g_autoptr(IndsatsChartLayout) layout = layout_at (data, 1000, 600);
    g_autoptr(IndsatsChartLayout) small = layout_at (data, 300, 200);
    g_autofree char *heading = indsats_chart_text_get_string (indsats_chart_layout_find_text (layout, INDSATS_ROLE_HEADING, 0));

    g_assert_cmpuint (indsats_chart_layout_find_text (layout, INDSATS_ROLE_HEADING, 0)->lines->len, ==, 3);
    g_assert_true (g_str_has_suffix (heading, "…"));
    g_assert_nonnull (indsats_chart_layout_find_text (layout, INDSATS_ROLE_LEGEND, 2));
    g_assert_nonnull (indsats_chart_layout_find_text (layout, INDSATS_ROLE_UNIT, 0));
    g_assert_nonnull (indsats_chart_layout_find_text (layout, INDSATS_ROLE_SOURCE, 0));
    /* small: the legend goes first */
    g_assert_null (indsats_chart_layout_find_text (small, INDSATS_ROLE_LEGEND, 0));
    g_assert_nonnull (indsats_chart_layout_find_text (small, INDSATS_ROLE_TICK, 0));
  }
}

/* No marker's line crosses a marker's label */
static void
assert_marker_lines_clear (const IndsatsChartLayout *layout)
{
  const IndsatsChartText *t;

  for (guint i = 0; i < layout->markers->len; i++)
    {
      IndsatsChartMarkerPos *m = g_ptr_array_index (layout->markers, i);

      for (guint k = 0; (t = indsats_chart_layout_find_text (layout, INDSATS_ROLE_MARKER, k)); k++)
        if (m->x > t->box.x && m->x < t->box.x + t->box.width && m->top < t->box.y + t->box.height)
          {
            g_autofree char *label = indsats_chart_text_get_string (t);
            g_error ("the line of the marker “%s” crosses the label “%s”", m->label, label);
          }
    }
}

/* The markers of the actions: labels above the plot, apart, explained */
static void
test_markers (void)
{
  g_autoptr(IndsatsChartData) data = make_hard_data (3);
  g_autoptr(IndsatsChartLayout) layout = NULL;
  cairo_surface_t *surface;
  const IndsatsChartText *t;
  gboolean found_count = FALSE, found_legend = FALSE, found_planned = FALSE;
  IndsatsChartMarkerPos *started = NULL, *planned = NULL;
  int gaps_started = 0, gaps_planned = 0;

  surface = render (data, 1000, 600, &layout);
  assert_texts_apart (layout, "markers");
  g_assert_cmpuint (layout->markers->len, ==, 8);
  for (guint i = 0; (t = indsats_chart_layout_find_text (layout, INDSATS_ROLE_MARKER, i)); i++)
    {
      g_autofree char *label = indsats_chart_text_get_string (t);
      /* above the plot: never over the series' lines */
      g_assert_cmpfloat (t->box.y + t->box.height, <=, layout->plot.y + 0.01);
      found_count |= strcmp (label, said ("10.03: 13 actions", "10.03: 13 indsatser")) == 0;
    }
  g_assert_true (found_count);
  assert_marker_lines_clear (layout);
  /* crowded: two long labels and a run of single days after them */
  {
    g_autoptr(IndsatsChartData) crowded = make_hard_data (1);
    g_autoptr(IndsatsChartLayout) crowded_layout = NULL;

    g_ptr_array_set_size (crowded->markers, 0);
    indsats_chart_data_add_marker (crowded, "2018-03-10", 1);
    indsats_chart_data_add_marker (crowded, "2018-03-12", 13);
    for (int day = 1; day <= 60; day += 3)
      {
        GDate date;
        char iso[16];

        g_date_clear (&date, 1);
        g_date_set_dmy (&date, 15, 3, 2018);
        g_date_add_days (&date, day);
        g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date);
        indsats_chart_data_add_marker (crowded, iso, 1);
      }
    crowded_layout = layout_at (crowded, 1000, 600);
    assert_texts_apart (crowded_layout, "crowded markers");
    assert_marker_lines_clear (crowded_layout);
  }
  for (guint i = 0; (t = indsats_chart_layout_find_text (layout, INDSATS_ROLE_LEGEND, i)); i++)
    {
      g_autofree char *label = indsats_chart_text_get_string (t);
      found_legend |= strcmp (label, said ("Action takes effect", "Indsats træder i kraft")) == 0;
      found_planned |= strcmp (label, said ("Action planned, not started yet", "Indsats planlagt, ikke startet endnu")) == 0;
    }
  g_assert_true (found_legend);
  g_assert_true (found_planned);

  /* a started action's line is solid, a planned one's dashed */
  for (guint i = 0; i < layout->markers->len; i++)
    {
      IndsatsChartMarkerPos *m = g_ptr_array_index (layout->markers, i);
      if (m->planned)
        planned = m;
      else if (g_str_has_prefix (m->label, "31.08"))
        started = m;
    }
  g_assert_nonnull (started);
  g_assert_nonnull (planned);
  for (int y = (int) layout->plot.y + 2; y < (int) (layout->plot.y + layout->plot.height * 0.3); y++)
    {
      gaps_started += near_colour (pixel (surface, (int) floor (started->x), y), "#ffffff", 10);
      gaps_planned += near_colour (pixel (surface, (int) floor (planned->x), y), "#ffffff", 10);
    }
  g_assert_cmpint (gaps_started, ==, 0);
  g_assert_cmpint (gaps_planned, >, 5);
  cairo_surface_destroy (surface);
}

/* Counts and shares start at zero; a point at the minimum stays visible */
static void
test_zero_based_axis (void)
{
  g_autoptr(IndsatsChartData) data = make_line_data (13, 1);
  g_autoptr(IndsatsChartLayout) layout = NULL;
  IndsatsChartSeries *s = g_ptr_array_index (data->series, 0);
  const double people[] = { 286, 290, 294, 294, 293, 293, 292, 291, 291, 289, 289, 288, 288 };
  cairo_surface_t *surface;
  double x, y;

  data->percent = FALSE;
  for (int i = 0; i < 13; i++)
    s->values[i] = people[i];
  layout = layout_at (data, 800, 500);
  g_assert_cmpfloat (layout->lo, ==, 0);
  g_clear_pointer (&layout, indsats_chart_layout_free);

  /* a value of 0 lies on the axis: its point is drawn over the axis line */
  s->values[4] = 0;
  surface = render (data, 800, 500, &layout);
  g_assert_true (indsats_chart_layout_point (layout, data, 0, 4, &x, &y));
  g_assert_cmpfloat (fabs (y - (layout->plot.y + layout->plot.height)), <, 1);
  g_assert_true (near_colour (pixel (surface, (int) x, (int) y), indsats_chart_series_style (0)->hex, 30));
  cairo_surface_destroy (surface);
}

/* Beyond seven series: the own area and the country in colour, the rest grey */
static void
test_many_areas (void)
{
  g_autoptr(IndsatsChartData) data = make_hard_data (60);
  g_autoptr(IndsatsChartLayout) layout = NULL;
  cairo_surface_t *surface;
  const IndsatsChartText *t;
  guint legend = 0, coloured = 0;
  double x, y;

  g_assert_true (indsats_chart_data_has_others (data));
  surface = render (data, 1000, 600, &layout);
  g_assert_true (layout->others);
  for (guint i = 0; i < layout->paths->len; i++)
    if (((IndsatsChartPath *) g_ptr_array_index (layout->paths, i))->style != INDSATS_CHART_STYLE_OTHER)
      coloured++;
  g_assert_cmpuint (coloured, ==, 2);
  for (; (t = indsats_chart_layout_find_text (layout, INDSATS_ROLE_LEGEND, legend)); legend++)
    ;
  /* Ishøj, Hele landet, the other municipalities, and the markers' two */
  g_assert_cmpuint (legend, ==, 5);
  {
    g_autofree char *third = indsats_chart_text_get_string (indsats_chart_layout_find_text (layout, INDSATS_ROLE_LEGEND, 2));
    g_assert_cmpstr (third, ==, said ("Other municipalities", "Øvrige kommuner"));
  }
  /* the own area is drawn on top, in its colour */
  g_assert_true (indsats_chart_layout_point (layout, data, 0, 7, &x, &y));
  g_assert_true (colour_near (surface, x, y, 1, indsats_chart_series_style (0)->hex));
  cairo_surface_destroy (surface);
}

/* Labels on bars keep their contrast; negative values with a real minus */
static void
test_bar_labels (void)
{
  g_autoptr(IndsatsChartData) data = indsats_chart_data_new ();
  g_autoptr(IndsatsChartLayout) layout = NULL;
  IndsatsPeriod period = indsats_period_from_ordinal (INDSATS_PERIOD_MONTH, 2023 * 12 + 7);
  const double values[] = { 35, -12.5, 40, -40 };
  const IndsatsChartText *t;
  cairo_surface_t *surface;
  guint n = 0;

  data->kind = INDSATS_FIGURE_BAR;
  data->title = g_strdup ("Ændring");
  data->percent = TRUE;
  indsats_chart_data_set_periods (data, &period, 1);
  for (int s = 0; s < 4; s++)
    {
      g_autofree char *name = g_strdup_printf ("Gruppe %d", s + 1);
      indsats_chart_data_add_series (data, name)->values[0] = values[s];
    }
  surface = render (data, 800, 500, &layout);
  assert_texts_apart (layout, "bars");
  /* a 500-character name is cut with "…", inside the picture */
  {
    g_autoptr(IndsatsChartLayout) wordy = NULL;
    IndsatsChartSeries *first = g_ptr_array_index (data->series, 0);
    g_autofree char *saved = first->label;
    g_autofree char *cut = NULL;
    GString *name = g_string_new (NULL);

    while (name->len < 500)
      g_string_append (name, "Fleksjobbere med få timer ");
    first->label = g_string_free (name, FALSE);
    wordy = layout_at (data, 800, 500);
    assert_texts_apart (wordy, "a bar with a long name");
    cut = indsats_chart_text_get_string (indsats_chart_layout_find_text (wordy, INDSATS_ROLE_CATEGORY, 0));
    g_assert_true (g_str_has_suffix (cut, "…"));
    g_free (first->label);
    first->label = g_steal_pointer (&saved);
  }
  for (; (t = indsats_chart_layout_find_text (layout, INDSATS_ROLE_VALUE, n)); n++)
    {
      g_autofree char *label = indsats_chart_text_get_string (t);
      IndsatsChartBar *bar = g_ptr_array_index (layout->bars, n);
      gboolean inside = t->box.x >= bar->rect.x && t->box.x + t->box.width <= bar->rect.x + bar->rect.width;

      /* dark text never on a bar, white text never beside it */
      g_assert_true (inside == (t->ink == INDSATS_INK_ON_DARK));
      if (values[n] < 0)
        g_assert_true (g_str_has_prefix (label, "−"));
      g_assert_null (strchr (label, '-'));
    }
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < layout->ticks->len; i++)
    g_assert_null (strchr (((IndsatsChartTick *) g_ptr_array_index (layout->ticks, i))->label, '-'));
  cairo_surface_destroy (surface);
}

/* The SVG writes the layout's lines, with numbers that parse under any locale */
static void
test_svg_matches_layout (void)
{
  g_autoptr(IndsatsChartData) data = make_hard_data (3);
  g_autoptr(IndsatsChartLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *dir = g_dir_make_tmp ("indsats-chart-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "figur.svg", NULL);
  g_autoptr(GString) want = g_string_new (NULL);
  g_autofree char *got = NULL;

  /* characters XML 1.0 cannot hold, and a negative value */
  g_free (data->source);
  data->source = g_strdup ("Kilde: Jobindsats.dk\x01\x0b <&> \"citat\"");
  ((IndsatsChartSeries *) g_ptr_array_index (data->series, 0))->values[3] = -2.5;
  layout = layout_at (data, 900, 560);
  svg = indsats_chart_layout_to_svg (data, layout);
  g_assert_true (g_file_set_contents (path, svg, -1, &error));
  for (guint i = 0; i < layout->texts->len; i++)
    {
      IndsatsChartText *t = g_ptr_array_index (layout->texts, i);
      for (guint j = 0; j < t->lines->len; j++)
        {
          IndsatsChartLine *line = g_ptr_array_index (t->lines, j);
          char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
          g_string_append_printf (want, "%s|%s|%s\n", line->text,
                                  g_ascii_formatd (x, sizeof x, "%.2f", line->x),
                                  g_ascii_formatd (y, sizeof y, "%.2f", line->baseline));
        }
    }
  {
    /* Python reads the numbers as numbers: a decimal comma would fail here */
    const char *argv[] = { "/usr/bin/python3", "-c",
                           "import sys, xml.etree.ElementTree as ET\n"
                           "root = ET.parse(sys.argv[1]).getroot()\n"
                           "for e in root.iter():\n"
                           "  for k in ('x', 'y', 'width', 'height', 'r', 'cx', 'cy', 'font-size', 'stroke-width'):\n"
                           "    if k in e.attrib: float(e.attrib[k])\n"
                           "for t in root.iter('{http://www.w3.org/2000/svg}text'):\n"
                           "  print('%s|%s|%s' % (t.text, t.get('x'), t.get('y')))\n",
                           path, NULL };
    got = run_tool (argv);
  }
  g_assert_cmpstr (got, ==, want->str);
  g_assert_nonnull (strstr (got, "<&> \"citat\""));
  g_assert_null (strchr (svg, '\x01'));
  g_assert_nonnull (strstr (svg, "−"));
  g_unlink (path);
  g_rmdir (dir);
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

/* Figures given to a batch come back in the order given, each as it draws
 * alone, whatever the number of threads; a figure that cannot be drawn gives
 * its own error and those after it still come; figures not taken are let go */
static void
test_batch (void)
{
  const char *threads[] = { "1", "3" };

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr(IndsatsChartBatch) batch = NULL;
      g_autoptr(IndsatsChartBatch) too_small = NULL;
      g_autoptr(IndsatsChartBatch) left = NULL;
      IndsatsChartData *given[9];
      guint pushed = 0;

      g_setenv ("INDSATS_THREADS", threads[t], TRUE);
      batch = indsats_chart_batch_new (INDSATS_CHART_PNG, 320, 200);
      g_assert_cmpuint (indsats_chart_batch_get_n_threads (batch), ==, (guint) atoi (threads[t]));
      /* the caller gives while the batch is not full and takes the oldest when it is */
      for (guint taken = 0; taken < G_N_ELEMENTS (given);)
        {
          if (pushed < G_N_ELEMENTS (given) && !indsats_chart_batch_is_full (batch))
            {
              given[pushed] = make_line_data (6 + 4 * pushed, 1 + pushed % 3);
              indsats_chart_batch_push (batch, given[pushed++]);
              g_assert_cmpuint (indsats_chart_batch_get_n_waiting (batch), <=, 2 * atoi (threads[t]));
              continue;
            }
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(IndsatsChartData) data = NULL;
            g_autoptr(GBytes) bytes = indsats_chart_batch_take (batch, &data, &error);
            g_autoptr(GBytes) alone = indsats_chart_render_bytes (given[taken], INDSATS_CHART_PNG, 320, 200, &error);

            g_assert_no_error (error);
            g_assert_true (data == given[taken]);
            g_assert_nonnull (bytes);
            g_assert_true (g_bytes_equal (bytes, alone));
            taken++;
          }
        }
      g_assert_cmpuint (indsats_chart_batch_get_n_waiting (batch), ==, 0);

      /* a size no figure takes: each one says so */
      too_small = indsats_chart_batch_new (INDSATS_CHART_SVG, 10, 10);
      indsats_chart_batch_push (too_small, make_line_data (12, 2));
      indsats_chart_batch_push (too_small, make_line_data (12, 3));
      for (int k = 0; k < 2; k++)
        {
          g_autoptr(GError) error = NULL;

          g_assert_null (indsats_chart_batch_take (too_small, NULL, &error));
          g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, "10 × 10"));
        }

      /* given and never taken: freed with the batch (the leak checker sees to it) */
      left = indsats_chart_batch_new (INDSATS_CHART_PDF, 400, 300);
      for (int k = 0; k < 4; k++)
        indsats_chart_batch_push (left, make_line_data (24, 2));
    }
  g_unsetenv ("INDSATS_THREADS");
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

  /* a negative value carries the minus sign the window shows, in the PDF's text too */
  {
    g_autoptr(IndsatsChartData) negative = make_line_data (12, 1);
    g_autofree char *neg_pdf = g_build_filename (dir, "negativ.pdf", NULL);
    g_autofree char *neg_text = NULL;
    const char *argv[] = { "pdftotext", neg_pdf, "-", NULL };

    for (int i = 0; i < 12; i++)
      ((IndsatsChartSeries *) g_ptr_array_index (negative->series, 0))->values[i] = -5 + i;
    g_assert_true (indsats_chart_render_file (negative, neg_pdf, INDSATS_CHART_PDF, 800, 500, &error));
    g_assert_no_error (error);
    neg_text = run_tool (argv);
    g_assert_nonnull (strstr (neg_text, "−2,5 %"));
    g_assert_null (strstr (neg_text, "-2"));
    g_unlink (neg_pdf);
  }

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
  g_assert_cmpstr (described, ==, said ("Aug 2023: Ishøj 5,4 %, Brøndby 12,4 %, Hele landet 6,9 %.",
                                       "aug. 2023: Ishøj 5,4 %, Brøndby 12,4 %, Hele landet 6,9 %."));

  fig15 = indsats_chart_data_load (store, 15, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fig15->threshold, ==, 20);
  g_assert_cmpuint (fig15->markers->len, >=, 5);
  g_assert_true (((IndsatsChartSeries *) g_ptr_array_index (fig15->series, 0))->preliminary[fig15->n_periods - 1]);

  /* markers only where the figure is linked to the actions; illustrative values say so */
  {
    g_autoptr(IndsatsChartData) fig5 = indsats_chart_data_load (store, 5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (fig5->markers->len, ==, 0);
    g_assert_cmpstr (fig5->source, ==, "Kilde: Jobindsats.dk; mellemliggende værdier er illustrative");
  }

  /* Figur 1 as the status paper shows it: the three schemes, 2. kvt. 2023 against a year earlier, in Ishøj */
  {
    g_autoptr(IndsatsChartData) fig1 = indsats_chart_data_load (store, 1, &error);
    g_autofree char *first = NULL, *second = NULL;
    double sum = 0;

    g_assert_no_error (error);
    g_assert_cmpint (fig1->n_periods, ==, 2);
    first = indsats_period_to_label (&fig1->periods[0]);
    second = indsats_period_to_label (&fig1->periods[1]);
    g_assert_cmpstr (first, ==, "2. kvt. 2022");
    g_assert_cmpstr (second, ==, "2. kvt. 2023");
    g_assert_cmpuint (fig1->series->len, ==, 3);
    g_assert_cmpstr (((IndsatsChartSeries *) g_ptr_array_index (fig1->series, 0))->label, ==, "Den regionale uddannelsespulje");
    g_assert_cmpstr (((IndsatsChartSeries *) g_ptr_array_index (fig1->series, 2))->label, ==, "Puljen til uddannelsesløft");
    g_assert_nonnull (strstr (fig1->title, "i Ishøj"));
    for (guint i = 0; i < 3; i++)
      sum += ((IndsatsChartSeries *) g_ptr_array_index (fig1->series, i))->values[1];
    /* the paper's total for 2. kvt. 2023 */
    g_assert_cmpfloat (sum, ==, 5974);
    g_assert_true (g_str_has_suffix (fig1->source, "illustrativ"));
  }

  g_assert_null (indsats_chart_data_load (store, 99, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND);

  g_clear_object (&store);
  indsats_test_remove_dir (dir);
}

static double
last_value (const IndsatsChartData *data,
            guint                   series)
{
  return ((IndsatsChartSeries *) g_ptr_array_index (data->series, series))->values[data->n_periods - 1];
}

static char *
last_period (const IndsatsChartData *data)
{
  return indsats_period_to_string (&data->periods[data->n_periods - 1]);
}

/* Figures follow new data: a new month above the line, imported, turns the
 * follow-up's status, and the figure it points to shows that month; a figure
 * with a fixed end keeps it, but the follow-up draws it on to its latest value */
static void
test_follows_new_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("indsats-chart-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "follow.db", NULL);
  g_autofree char *file = g_build_filename (dir, "juli.csv", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(IndsatsImportSummary) summary = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(IndsatsChartData) figure = NULL;
  g_autoptr(IndsatsChartData) shown = NULL;
  g_autoptr(IndsatsChartData) fixed = NULL;
  g_autoptr(IndsatsChartData) shown_fixed = NULL;
  g_autofree char *period = NULL;
  g_autofree char *described = NULL;
  const char *paths[] = { file, NULL };
  IndsatsTriggerStatus *t;
  gint64 plan;
  sqlite3 *sql;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  plan = indsats_store_get_first_plan_id (store, &error);
  g_assert_no_error (error);

  /* before: June, under the line, and the figure ends there */
  before = indsats_follow_up_load (store, plan, &error);
  g_assert_no_error (error);
  t = g_ptr_array_index (before, 0);
  g_assert_cmpstr (t->indicator, ==, "Sygedagpenge, 6 mdr. uden fire samtaler");
  g_assert_cmpint (t->figure, ==, 15);
  g_assert_cmpstr (t->latest_period, ==, "2023M06");
  g_assert_cmpint (t->state, ==, INDSATS_TRIGGER_MET);
  figure = indsats_chart_data_load (store, 15, &error);
  g_assert_no_error (error);
  period = last_period (figure);
  g_assert_cmpstr (period, ==, "2023M06");
  g_clear_pointer (&period, g_free);
  g_clear_pointer (&figure, indsats_chart_data_free);

  /* a new month, above the 20 % line, imported as a file is */
  g_assert_true (g_file_set_contents (file, "indicator,area,period,value\n"
                                            "\"Sygedagpenge, 6 mdr. uden fire samtaler\",Ishøj,2023M07,\"23,5\"\n", -1, NULL));
  summary = indsats_import_files (store, paths, NULL, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->rows, ==, 1);

  after = indsats_follow_up_load (store, plan, &error);
  g_assert_no_error (error);
  t = g_ptr_array_index (after, 0);
  g_assert_cmpstr (t->latest_period, ==, "2023M07");
  g_assert_cmpfloat (t->latest, ==, 23.5);
  g_assert_cmpstr (t->previous_period, ==, "2023M06");
  g_assert_cmpint (t->state, ==, INDSATS_TRIGGER_NOT_MET);
  /* the words: over the line again, as June was under it */
  {
    g_autofree char *words = indsats_trigger_words (t, NULL);

    g_assert_true (g_str_equal (words, "Back over the 20 % line") ||
                   g_str_equal (words, "Igen over grænsen på 20 %"));
  }

  /* the figure, without a fixed end, shows July and its value */
  figure = indsats_chart_data_load (store, 15, &error);
  g_assert_no_error (error);
  period = last_period (figure);
  g_assert_cmpstr (period, ==, "2023M07");
  g_clear_pointer (&period, g_free);
  g_assert_cmpfloat (last_value (figure, 0), ==, 23.5);
  described = indsats_chart_data_describe (figure);
  g_assert_true (g_str_equal (described, "Jul 2023: Ishøj 23,5 %. Line 20 %.") ||
                 g_str_equal (described, "jul. 2023: Ishøj 23,5 %. Grænse 20 %."));
  g_clear_pointer (&described, g_free);
  /* and the follow-up's picture of it is the same */
  shown = indsats_follow_up_load_figure (store, t, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shown->n_periods, ==, figure->n_periods);
  g_assert_cmpfloat (last_value (shown, 0), ==, 23.5);

  /* a figure whose end is fixed at June keeps it; the follow-up still shows July */
  g_assert_cmpint (sqlite3_open (path, &sql), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sql, "UPDATE figure SET period_to = '2023M06' WHERE number = 15", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (sql);
  fixed = indsats_chart_data_load (store, 15, &error);
  g_assert_no_error (error);
  period = last_period (fixed);
  g_assert_cmpstr (period, ==, "2023M06");
  g_clear_pointer (&period, g_free);
  shown_fixed = indsats_follow_up_load_figure (store, t, &error);
  g_assert_no_error (error);
  period = last_period (shown_fixed);
  g_assert_cmpstr (period, ==, "2023M07");
  g_assert_cmpfloat (last_value (shown_fixed, 0), ==, 23.5);
  g_assert_cmpint (shown_fixed->n_periods, ==, fixed->n_periods + 1);
  described = indsats_chart_data_describe (shown_fixed);
  g_assert_true (g_str_equal (described, "Jul 2023: Ishøj 23,5 %. Line 20 %.") ||
                 g_str_equal (described, "jul. 2023: Ishøj 23,5 %. Grænse 20 %."));

  g_clear_object (&store);
  indsats_test_remove_dir (dir);
}

/* A figure speaks the language its data asks for, whatever the program's
 * (the workbook is Danish from an English window); one and many actions */
static void
test_language_of_data (void)
{
  const char *languages[] = { "da", "en" };
  const char *count[] = { "10.03: 13 indsatser", "10.03: 13 actions" };
  const char *legend[] = { "Indsats træder i kraft", "Action takes effect" };
  const char *note[] = { "* Foreløbige tal", "* Preliminary figures" };
  const char *one[] = { "%s: %d indsats", "%s: %d action" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IndsatsCatalog) catalog = indsats_catalog_new (languages[l], &error);
      g_autoptr(IndsatsChartData) data = make_hard_data (3);
      g_autoptr(IndsatsChartLayout) layout = NULL;
      const IndsatsChartText *t;
      gboolean found_count = FALSE, found_legend = FALSE;

      g_assert_no_error (error);
      data->catalog = catalog;
      layout = layout_at (data, 1000, 600);
      for (guint i = 0; (t = indsats_chart_layout_find_text (layout, INDSATS_ROLE_MARKER, i)); i++)
        {
          g_autofree char *label = indsats_chart_text_get_string (t);
          found_count |= strcmp (label, count[l]) == 0;
        }
      for (guint i = 0; (t = indsats_chart_layout_find_text (layout, INDSATS_ROLE_LEGEND, i)); i++)
        {
          g_autofree char *label = indsats_chart_text_get_string (t);
          found_legend |= strcmp (label, legend[l]) == 0;
        }
      g_assert_true (found_count);
      g_assert_true (found_legend);
      if (layout->note != NULL)
        g_assert_cmpstr (layout->note, ==, note[l]);
      /* one action is the singular form, not a count */
      g_assert_cmpstr (indsats_catalog_ngettext (catalog, "%s: %d action", "%s: %d actions", 1), ==, one[l]);
    }
}

/* The line is named in the reader's language when the figure has no words of
 * its own, and the periods are said in it */
static void
test_threshold_named_by_reader (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsChartData) data = make_line_data (24, 2);
  g_autoptr(IndsatsChartLayout) layout = NULL;
  g_autoptr(IndsatsCatalog) catalog = indsats_catalog_new ("da", &error);
  g_autofree char *own = NULL;
  g_autofree char *in_danish = NULL;
  const char *drawn = NULL;

  g_assert_no_error (error);
  data->threshold = 20;
  layout = layout_at (data, 800, 500);
  for (guint i = 0; i < layout->texts->len; i++)
    {
      IndsatsChartText *t = g_ptr_array_index (layout->texts, i);
      if (t->role == INDSATS_ROLE_THRESHOLD)
        drawn = ((IndsatsChartLine *) g_ptr_array_index (t->lines, 0))->text;
    }
  g_assert_cmpstr (drawn, ==, said ("Line 20 %", "Grænse 20 %"));
  /* and its periods too: no Danish month under an English window */
  g_assert_cmpstr (((IndsatsChartCategory *) g_ptr_array_index (layout->categories, 0))->label, ==,
                   said ("Jan 2018", "jan. 2018"));
  data->catalog = catalog;
  in_danish = indsats_chart_data_get_threshold_label (data);
  g_assert_cmpstr (in_danish, ==, "Grænse 20 %");
  /* words of its own are kept */
  data->threshold_label = g_strdup ("Målet 20 %");
  own = indsats_chart_data_get_threshold_label (data);
  g_assert_cmpstr (own, ==, "Målet 20 %");
  data->catalog = NULL;
}

int
main (int    argc,
      char **argv)
{
  /* The process locale comes from the environment, as in the program: the
   * suite runs these tests under C and under da_DK.UTF-8 */
  const char *locale = setlocale (LC_ALL, "");

  /* messages in Danish under the Danish locale, as on the users' desktops */
  danish = locale != NULL && g_str_has_prefix (locale, "da_");
  if (danish)
    g_setenv ("LANGUAGE", "da", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("INDSATS_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/nice-scale", test_nice_scale);
  g_test_add_func ("/chart/labels-thinned", test_labels_thinned);
  g_test_add_func ("/chart/pixels/threshold-and-colours", test_pixels_threshold_and_colours);
  g_test_add_func ("/chart/threshold-named-by-reader", test_threshold_named_by_reader);
  g_test_add_func ("/chart/pixels/missing-is-a-gap", test_pixels_missing_is_a_gap);
  g_test_add_func ("/chart/bad-data", test_bad_data);
  g_test_add_func ("/chart/files", test_files);
  g_test_add_func ("/chart/batch", test_batch);
  g_test_add_func ("/chart/demo-figures", test_demo_figures);
  g_test_add_func ("/chart/ticks-every-magnitude", test_ticks_every_magnitude);
  g_test_add_func ("/chart/layout/boxes-apart", test_boxes_apart);
  g_test_add_func ("/chart/layout/markers", test_markers);
  g_test_add_func ("/chart/layout/language-of-data", test_language_of_data);
  g_test_add_func ("/chart/layout/zero-based-axis", test_zero_based_axis);
  g_test_add_func ("/chart/layout/many-areas", test_many_areas);
  g_test_add_func ("/chart/layout/bar-labels", test_bar_labels);
  g_test_add_func ("/chart/svg-matches-layout", test_svg_matches_layout);
  g_test_add_func ("/chart/follows-new-data", test_follows_new_data);

  return g_test_run ();
}
