/* indsats-chart-paint.c
 *
 * Paints a layout. It decides nothing: every position, line of text and style
 * comes from the layout. One painter serves the window, PNG, PDF and SVG: it
 * either calls cairo or writes SVG elements, so that text stays text in an
 * SVG file (cairo's SVG surface would turn it into glyph outlines). Numbers
 * in SVG are written with g_ascii_formatd(), never with the process locale.
 */
#include "config.h"

#include "indsats-chart-private.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

typedef struct
{
  cairo_t      *cr;      /* drawing with cairo, or */
  GString      *svg;     /* writing SVG */
  PangoContext *context;
} Painter;

/* Numbers in SVG always with a point */
static const char *
num (char   *buf,
     double  v)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", isfinite (v) ? v : 0);
}

static void
svg_color (GString      *out,
           const char   *attribute,
           const double  rgb[3],
           double        alpha)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", attribute,
                          (int) round (rgb[0] * 255), (int) round (rgb[1] * 255), (int) round (rgb[2] * 255));
  if (alpha < 1)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (out, " %s-opacity=\"%s\"", attribute, num (buf, alpha));
    }
}

static void
paint_rect (Painter           *p,
            const IndsatsRect *r,
            const double       rgb[3],
            double             alpha)
{
  if (p->cr)
    {
      cairo_set_source_rgba (p->cr, rgb[0], rgb[1], rgb[2], alpha);
      cairo_rectangle (p->cr, r->x, r->y, r->width, r->height);
      cairo_fill (p->cr);
    }
  else
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (p->svg, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"",
                              num (a, r->x), num (b, r->y), num (c, r->width), num (d, r->height));
      svg_color (p->svg, "fill", rgb, alpha);
      g_string_append (p->svg, "/>\n");
    }
}

/* A polyline through @n points; a NAN point breaks it into pieces */
static void
paint_lines (Painter      *p,
             const double *xs,
             const double *ys,
             int           n,
             const double  rgb[3],
             double        width,
             const double *dash,
             int           n_dash)
{
  gboolean open = FALSE;

  if (p->cr)
    {
      cairo_new_path (p->cr);
      for (int i = 0; i < n; i++)
        {
          if (isnan (xs[i]) || isnan (ys[i]))
            {
              open = FALSE;
              continue;
            }
          if (open)
            cairo_line_to (p->cr, xs[i], ys[i]);
          else
            cairo_move_to (p->cr, xs[i], ys[i]);
          open = TRUE;
        }
      cairo_set_source_rgb (p->cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (p->cr, width);
      cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (p->cr, n_dash ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (p->cr, dash, n_dash, 0);
      cairo_stroke (p->cr);
      cairo_set_dash (p->cr, NULL, 0, 0);
    }
  else
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
      gboolean any = FALSE;

      for (int i = 0; i < n; i++)
        any |= !isnan (xs[i]) && !isnan (ys[i]);
      if (!any)
        return;
      g_string_append (p->svg, "<path d=\"");
      for (int i = 0; i < n; i++)
        {
          if (isnan (xs[i]) || isnan (ys[i]))
            {
              open = FALSE;
              continue;
            }
          g_string_append_printf (p->svg, "%s%s %s ", open ? "L" : "M", num (a, xs[i]), num (b, ys[i]));
          open = TRUE;
        }
      g_string_append (p->svg, "\" fill=\"none\"");
      svg_color (p->svg, "stroke", rgb, 1);
      g_string_append_printf (p->svg, " stroke-width=\"%s\" stroke-linejoin=\"round\"", num (a, width));
      if (n_dash)
        {
          g_string_append (p->svg, " stroke-dasharray=\"");
          for (int i = 0; i < n_dash; i++)
            g_string_append_printf (p->svg, "%s%s", i ? " " : "", num (a, dash[i]));
          g_string_append (p->svg, "\"");
        }
      else
        g_string_append (p->svg, " stroke-linecap=\"round\"");
      g_string_append (p->svg, "/>\n");
    }
}

static void
paint_line (Painter      *p,
            double        x1,
            double        y1,
            double        x2,
            double        y2,
            const double  rgb[3],
            double        width,
            const double *dash,
            int           n_dash)
{
  double xs[2] = { x1, x2 }, ys[2] = { y1, y2 };

  paint_lines (p, xs, ys, 2, rgb, width, dash, n_dash);
}

/* A point of a series: its shape tells the series apart without colour */
static void
paint_point (Painter           *p,
             IndsatsPointShape  shape,
             double             x,
             double             y,
             double             r,
             const double       rgb[3],
             gboolean           hollow)
{
  double xs[5], ys[5];
  int n = 0;

  switch (shape)
    {
    case INDSATS_POINT_SQUARE:
      r *= 0.9;
      xs[0] = x - r; ys[0] = y - r; xs[1] = x + r; ys[1] = y - r;
      xs[2] = x + r; ys[2] = y + r; xs[3] = x - r; ys[3] = y + r;
      n = 4;
      break;
    case INDSATS_POINT_TRIANGLE:
      r *= 1.2;
      xs[0] = x; ys[0] = y - r; xs[1] = x + r * 0.87; ys[1] = y + r * 0.5;
      xs[2] = x - r * 0.87; ys[2] = y + r * 0.5;
      n = 3;
      break;
    case INDSATS_POINT_DIAMOND:
      r *= 1.2;
      xs[0] = x; ys[0] = y - r; xs[1] = x + r; ys[1] = y;
      xs[2] = x; ys[2] = y + r; xs[3] = x - r; ys[3] = y;
      n = 4;
      break;
    case INDSATS_POINT_CIRCLE:
    default:
      n = 0;
      break;
    }

  if (p->cr)
    {
      cairo_new_path (p->cr);
      if (n == 0)
        cairo_arc (p->cr, x, y, r, 0, 2 * G_PI);
      else
        {
          cairo_move_to (p->cr, xs[0], ys[0]);
          for (int i = 1; i < n; i++)
            cairo_line_to (p->cr, xs[i], ys[i]);
          cairo_close_path (p->cr);
        }
      if (hollow)
        {
          cairo_set_source_rgb (p->cr, 1, 1, 1);
          cairo_fill_preserve (p->cr);
          cairo_set_source_rgb (p->cr, rgb[0], rgb[1], rgb[2]);
          cairo_set_line_width (p->cr, MAX (1, r * 0.4));
          cairo_stroke (p->cr);
        }
      else
        {
          cairo_set_source_rgb (p->cr, rgb[0], rgb[1], rgb[2]);
          cairo_fill (p->cr);
        }
    }
  else
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

      if (n == 0)
        g_string_append_printf (p->svg, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\"", num (a, x), num (b, y), num (c, r));
      else
        {
          g_string_append (p->svg, "<polygon points=\"");
          for (int i = 0; i < n; i++)
            g_string_append_printf (p->svg, "%s%s,%s", i ? " " : "", num (a, xs[i]), num (b, ys[i]));
          g_string_append (p->svg, "\"");
        }
      if (hollow)
        {
          g_string_append (p->svg, " fill=\"#ffffff\"");
          svg_color (p->svg, "stroke", rgb, 1);
          g_string_append_printf (p->svg, " stroke-width=\"%s\"", num (a, MAX (1, r * 0.4)));
        }
      else
        svg_color (p->svg, "fill", rgb, 1);
      g_string_append (p->svg, "/>\n");
    }
}

/* The lines of a text, each where the layout put it */
static void
paint_text (Painter                  *p,
            const IndsatsChartLayout *layout,
            const IndsatsChartText   *text)
{
  const double *rgb = indsats_chart_ink_rgb[text->ink];

  for (guint i = 0; i < text->lines->len; i++)
    {
      IndsatsChartLine *line = g_ptr_array_index (text->lines, i);
      g_autoptr(PangoLayout) pl = indsats_chart_text_layout (p->context, layout, text->style, line->text, 0);

      if (p->cr)
        {
          cairo_set_source_rgb (p->cr, rgb[0], rgb[1], rgb[2]);
          cairo_move_to (p->cr, line->x, line->baseline - (double) pango_layout_get_baseline (pl) / PANGO_SCALE);
          pango_cairo_show_layout (p->cr, pl);
        }
      else
        {
          const PangoFontDescription *font = pango_layout_get_font_description (pl);
          g_autofree char *escaped = g_markup_escape_text (line->text, -1);
          char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (p->svg,
                                  "<text x=\"%s\" y=\"%s\" font-family=\"%s\" font-size=\"%s\"%s xml:space=\"preserve\"",
                                  num (a, line->x), num (b, line->baseline),
                                  pango_font_description_get_family (font),
                                  num (c, (double) pango_font_description_get_size (font) / PANGO_SCALE),
                                  pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD ? " font-weight=\"bold\"" : "");
          svg_color (p->svg, "fill", rgb, 1);
          g_string_append_printf (p->svg, ">%s</text>\n", escaped);
        }
    }
}

static const double *
style_rgb (int style)
{
  return style == INDSATS_CHART_STYLE_OTHER ? indsats_chart_other_rgb : indsats_chart_series_style (style)->rgb;
}

static void
paint_axes (Painter                  *p,
            const IndsatsChartLayout *layout)
{
  const IndsatsRect *plot = &layout->plot;
  double lw = layout->line_width;
  const double *axis = indsats_chart_ink_rgb[INDSATS_INK_AXIS];

  for (guint i = 0; i < layout->ticks->len; i++)
    {
      IndsatsChartTick *t = g_ptr_array_index (layout->ticks, i);
      /* 1-px lines on half pixels stay sharp */
      double pos = floor (t->pos) + 0.5;
      const double *rgb = t->value == 0 ? axis : indsats_chart_grid_rgb;
      double width = lw * (t->value == 0 ? INDSATS_CHART_AXIS_WIDTH : INDSATS_CHART_GRID_WIDTH);

      if (layout->horizontal)
        paint_line (p, pos, plot->y, pos, plot->y + plot->height, rgb, width, NULL, 0);
      else
        paint_line (p, plot->x, pos, plot->x + plot->width, pos, rgb, width, NULL, 0);
    }
  if (layout->horizontal)
    return;
  for (guint i = 0; i < layout->categories->len; i++)
    {
      IndsatsChartCategory *c = g_ptr_array_index (layout->categories, i);
      double x = floor (c->center) + 0.5;

      if (c->shown)
        paint_line (p, x, plot->y + plot->height, x, plot->y + plot->height + layout->small_height * 0.4,
                    axis, lw * INDSATS_CHART_GRID_WIDTH, NULL, 0);
    }
}

/* Started actions: a solid thin line; planned ones: a dashed line */
static void
marker_dash (const IndsatsChartLayout *layout,
             gboolean                  planned,
             double                    dash[2])
{
  dash[0] = planned ? layout->line_width * 3 : 0;
  dash[1] = planned ? layout->line_width * 2.5 : 0;
}

static void
paint_markers (Painter                  *p,
               const IndsatsChartLayout *layout)
{
  const IndsatsRect *plot = &layout->plot;

  for (guint i = 0; i < layout->markers->len; i++)
    {
      IndsatsChartMarkerPos *m = g_ptr_array_index (layout->markers, i);
      double x = floor (m->x) + 0.5, dash[2];

      marker_dash (layout, m->planned, dash);
      paint_line (p, x, m->top, x, plot->y + plot->height, indsats_chart_marker_rgb,
                  layout->line_width * INDSATS_CHART_MARKER_WIDTH, dash, m->planned ? 2 : 0);
    }
}

static void
paint_paths (Painter                  *p,
             const IndsatsChartLayout *layout)
{
  double lw = layout->line_width;

  for (guint k = 0; k < layout->paths->len; k++)
    {
      IndsatsChartPath *path = g_ptr_array_index (layout->paths, k);
      gboolean other = path->style == INDSATS_CHART_STYLE_OTHER;
      const IndsatsSeriesStyle *style = other ? NULL : indsats_chart_series_style (path->style);
      const double *rgb = style_rgb (path->style);
      double dash[2] = { 0, 0 }, prelim_dash[2] = { lw * 1.2, lw * 1.5 };
      g_autofree double *xs = g_memdup2 (path->x, sizeof (double) * MAX (path->n, 1));
      g_autofree double *ys = g_memdup2 (path->y, sizeof (double) * MAX (path->n, 1));

      if (style)
        {
          dash[0] = style->dash[0] * lw * 1.5;
          dash[1] = style->dash[1] * lw * 1.5;
        }
      /* the line ends at the last value that is not preliminary */
      for (int i = 0; i < path->n; i++)
        if (path->preliminary[i])
          xs[i] = ys[i] = NAN;
      paint_lines (p, xs, ys, path->n, rgb, lw * (other ? INDSATS_CHART_OTHER_WIDTH : INDSATS_CHART_SERIES_WIDTH),
                   dash, dash[0] > 0 ? 2 : 0);

      /* preliminary values: a thin dotted continuation and hollow points */
      for (int i = 0; i < path->n; i++)
        {
          if (!path->preliminary[i] || isnan (path->x[i]))
            continue;
          if (i > 0 && !isnan (path->x[i - 1]))
            paint_line (p, path->x[i - 1], path->y[i - 1], path->x[i], path->y[i], rgb, lw * 1.2, prelim_dash, 2);
          if (style)
            paint_point (p, style->point, path->x[i], path->y[i], lw * 2.6, rgb, TRUE);
        }
      for (int i = 0; i < path->n; i++)
        if (style && path->point[i] && !path->preliminary[i])
          paint_point (p, style->point, path->x[i], path->y[i], lw * INDSATS_CHART_POINT_RADIUS, rgb, FALSE);
    }
}

static void
paint_bars (Painter                  *p,
            const IndsatsChartLayout *layout)
{
  for (guint i = 0; i < layout->bars->len; i++)
    {
      IndsatsChartBar *b = g_ptr_array_index (layout->bars, i);

      paint_rect (p, &b->rect, style_rgb (b->style), b->preliminary ? 0.45 : 1);
    }
}

static void
paint_threshold (Painter                  *p,
                 const IndsatsChartLayout *layout)
{
  double lw = layout->line_width, dash[2] = { lw * 6, lw * 4 };
  const IndsatsRect *plot = &layout->plot;
  const double *ink = indsats_chart_ink_rgb[INDSATS_INK_TEXT];
  double pos;

  if (isnan (layout->threshold_pos))
    return;
  pos = floor (layout->threshold_pos) + 0.5;
  if (layout->horizontal)
    paint_line (p, pos, plot->y, pos, plot->y + plot->height, ink, lw * INDSATS_CHART_THRESHOLD_WIDTH, dash, 2);
  else
    paint_line (p, plot->x, pos, plot->x + plot->width, pos, ink, lw * INDSATS_CHART_THRESHOLD_WIDTH, dash, 2);
}

static void
paint_legend (Painter                  *p,
              const IndsatsChartData   *data,
              const IndsatsChartLayout *layout)
{
  double lw = layout->line_width;

  for (guint i = 0; i < layout->legend_entries->len; i++)
    {
      IndsatsChartLegendEntry *e = g_ptr_array_index (layout->legend_entries, i);
      const IndsatsRect *r = &e->sample;
      double mid = r->y + r->height / 2;

      switch (e->kind)
        {
        case INDSATS_LEGEND_MARKER:
        case INDSATS_LEGEND_MARKER_PLANNED:
          {
            double dash[2], x = floor (r->x + r->width / 2) + 0.5;
            gboolean planned = e->kind == INDSATS_LEGEND_MARKER_PLANNED;

            marker_dash (layout, planned, dash);
            paint_line (p, x, r->y, x, r->y + r->height, indsats_chart_marker_rgb,
                        lw * INDSATS_CHART_MARKER_WIDTH, dash, planned ? 2 : 0);
          }
          break;
        case INDSATS_LEGEND_OTHERS:
        case INDSATS_LEGEND_SERIES:
          if (data->kind == INDSATS_FIGURE_LINE)
            {
              gboolean other = e->style == INDSATS_CHART_STYLE_OTHER;
              const IndsatsSeriesStyle *style = other ? NULL : indsats_chart_series_style (e->style);
              double dash[2] = { style ? style->dash[0] * lw * 1.5 : 0, style ? style->dash[1] * lw * 1.5 : 0 };

              paint_line (p, r->x, mid, r->x + r->width, mid, style_rgb (e->style),
                          lw * (other ? INDSATS_CHART_OTHER_WIDTH : INDSATS_CHART_SERIES_WIDTH), dash, dash[0] > 0 ? 2 : 0);
              if (style)
                paint_point (p, style->point, r->x + r->width / 2, mid, lw * INDSATS_CHART_POINT_RADIUS, style->rgb, FALSE);
            }
          else
            {
              IndsatsRect swatch = { r->x + r->width * 0.2, mid - layout->font_size * 0.45,
                                     r->width * 0.6, layout->font_size * 0.9 };
              paint_rect (p, &swatch, style_rgb (e->style), 1);
            }
          break;
        default:
          break;
        }
    }
}

static void
paint (Painter                  *p,
       const IndsatsChartData   *data,
       const IndsatsChartLayout *layout)
{
  static const double white[3] = { 1, 1, 1 };
  IndsatsRect all = { 0, 0, layout->width, layout->height };

  paint_rect (p, &all, white, 1);
  if (layout->empty || layout->out_of_range)
    {
      const IndsatsRect *plot = &layout->plot;
      paint_line (p, plot->x, plot->y + plot->height, plot->x + plot->width, plot->y + plot->height,
                  indsats_chart_ink_rgb[INDSATS_INK_AXIS], layout->line_width, NULL, 0);
    }
  else
    {
      /* the axes first: a point on the axis lies on top of it */
      paint_axes (p, layout);
      paint_markers (p, layout);
      paint_bars (p, layout);
      paint_paths (p, layout);
      paint_threshold (p, layout);
    }
  paint_legend (p, data, layout);
  for (guint i = 0; i < layout->texts->len; i++)
    paint_text (p, layout, g_ptr_array_index (layout->texts, i));
}

/**
 * indsats_chart_render:
 * @layout: from indsats_chart_layout_new() with a context made for @cr's target
 * @cr: where to draw; (0, 0) is the layout's top left corner
 */
void
indsats_chart_render (const IndsatsChartData   *data,
                      const IndsatsChartLayout *layout,
                      cairo_t                  *cr)
{
  Painter p = { cr, NULL, NULL };

  g_return_if_fail (data != NULL && layout != NULL && cr != NULL);

  p.context = pango_cairo_create_context (cr);
  cairo_save (cr);
  paint (&p, data, layout);
  cairo_restore (cr);
  g_object_unref (p.context);
}

/**
 * indsats_chart_layout_to_svg:
 *
 * Returns: (transfer full): @layout as an SVG document whose text is text,
 *   one `<text>` element per line of the layout
 */
char *
indsats_chart_layout_to_svg (const IndsatsChartData   *data,
                             const IndsatsChartLayout *layout)
{
  PangoContext *context = indsats_chart_measuring_context ();
  g_autofree char *title = indsats_chart_data_get_heading (data);
  g_autofree char *description = indsats_chart_data_describe (data);
  g_autofree char *clean_title = indsats_chart_clean_text (title);
  g_autofree char *clean_description = indsats_chart_clean_text (description);
  g_autofree char *heading = g_markup_escape_text (clean_title, -1);
  g_autofree char *desc = g_markup_escape_text (clean_description, -1);
  GString *svg = g_string_new (NULL);
  Painter p = { NULL, svg, context };
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (svg,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\"",
                          num (a, layout->width));
  g_string_append_printf (svg, " height=\"%s\" viewBox=\"0 0 %s", num (a, layout->height), num (b, layout->width));
  g_string_append_printf (svg, " %s\">\n<title>%s</title>\n<desc>%s</desc>\n", num (a, layout->height), heading, desc);
  paint (&p, data, layout);
  g_string_append (svg, "</svg>\n");
  g_object_unref (context);
  return g_string_free (svg, FALSE);
}
