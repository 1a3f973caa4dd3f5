/* indsats-chart-render.c
 *
 * Draws a layout. One renderer serves the window, PNG, PDF and SVG: it paints
 * through a small painter that either calls cairo or writes SVG elements, so
 * that text stays text in an SVG file (cairo's SVG surface would turn it into
 * glyph outlines).
 */
#include "config.h"

#include "indsats-chart-private.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <png.h>
#include <string.h>
#include <unistd.h>

#include "indsats-error.h"

typedef struct
{
  cairo_t      *cr;      /* drawing with cairo, or */
  GString      *svg;     /* writing SVG */
  PangoContext *context;
} Painter;

static const double ink[3] = { 0.13, 0.13, 0.13 };
static const double grid[3] = { 0.86, 0.86, 0.86 };
static const double axis_grey[3] = { 0.45, 0.45, 0.45 };
static const double marker_grey[3] = { 0.55, 0.55, 0.55 };

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
      g_string_append_printf (out, " %s-opacity=\"%s\"", attribute,
                              g_ascii_formatd (buf, sizeof buf, "%.2f", alpha));
    }
}

/* Numbers in SVG always with a point */
static const char *
num (char   *buf,
     double  v)
{
  return g_ascii_formatd (buf, G_ASCII_DTOSTR_BUF_SIZE, "%.2f", v);
}

static void
paint_rect (Painter      *p,
            double        x,
            double        y,
            double        w,
            double        h,
            const double  rgb[3],
            double        alpha)
{
  if (p->cr)
    {
      cairo_set_source_rgba (p->cr, rgb[0], rgb[1], rgb[2], alpha);
      cairo_rectangle (p->cr, x, y, w, h);
      cairo_fill (p->cr);
    }
  else
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE], d[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (p->svg, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"",
                              num (a, x), num (b, y), num (c, w), num (d, h));
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
            g_string_append_printf (p->svg, "%s,%s ", num (a, xs[i]), num (b, ys[i]));
          g_string_append (p->svg, "\"");
        }
      if (hollow)
        {
          g_string_append (p->svg, " fill=\"#ffffff\"");
          svg_color (p->svg, "stroke", rgb, 1);
        }
      else
        svg_color (p->svg, "fill", rgb, 1);
      g_string_append (p->svg, "/>\n");
    }
}

typedef enum { ALIGN_START, ALIGN_CENTER, ALIGN_END } Align;

/* Text at (x, y): y is the top of the text; @align places x */
static void
paint_text (Painter                  *p,
            const IndsatsChartLayout *layout,
            IndsatsTextStyle          style,
            const char               *text,
            double                    x,
            double                    y,
            Align                     align,
            double                    wrap_width,
            int                       max_lines,
            const double              rgb[3])
{
  g_autoptr(PangoLayout) pl = indsats_chart_text_layout (p->context, layout, style, text, wrap_width);
  double w, h;

  if (max_lines > 0)
    {
      pango_layout_set_height (pl, -max_lines);
      pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
    }
  indsats_chart_text_size (pl, &w, &h);
  if (wrap_width <= 0)
    x -= align == ALIGN_CENTER ? w / 2 : align == ALIGN_END ? w : 0;

  if (p->cr)
    {
      cairo_set_source_rgb (p->cr, rgb[0], rgb[1], rgb[2]);
      cairo_move_to (p->cr, x, y);
      pango_cairo_show_layout (p->cr, pl);
    }
  else
    {
      PangoLayoutIter *iter = pango_layout_get_iter (pl);
      const char *all = pango_layout_get_text (pl);
      const PangoFontDescription *font = pango_layout_get_font_description (pl);
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

      do
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          PangoRectangle logical;
          g_autofree char *piece = NULL;
          g_autofree char *escaped = NULL;
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          piece = g_strndup (all + line->start_index, line->length);
          /* an ellipsized last line shows what Pango shows */
          if (pango_layout_is_ellipsized (pl) && pango_layout_iter_at_last_line (iter))
            {
              g_autofree char *tmp = g_steal_pointer (&piece);
              piece = g_strconcat (tmp, "…", NULL);
            }
          escaped = g_markup_escape_text (g_strchomp (piece), -1);
          g_string_append_printf (p->svg,
                                  "<text x=\"%s\" y=\"%s\" font-family=\"%s\" font-size=\"%s\"%s",
                                  num (a, x + (double) logical.x / PANGO_SCALE), num (b, y + baseline),
                                  pango_font_description_get_family (font),
                                  num (c, (double) pango_font_description_get_size (font) / PANGO_SCALE),
                                  pango_font_description_get_weight (font) >= PANGO_WEIGHT_BOLD ? " font-weight=\"bold\"" : "");
          svg_color (p->svg, "fill", rgb, 1);
          g_string_append_printf (p->svg, ">%s</text>\n", escaped);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
}

static void
draw_value_axis (Painter                  *p,
                 const IndsatsChartData   *data,
                 const IndsatsChartLayout *layout,
                 double                    lw)
{
  const IndsatsRect *plot = &layout->plot;
  double label_h = layout->small_height;


  for (guint i = 0; i < layout->ticks->len; i++)
    {
      IndsatsChartTick *t = g_ptr_array_index (layout->ticks, i);
      /* 1-px lines on half pixels stay sharp */
      double pos = floor (t->pos) + 0.5;

      if (layout->horizontal)
        {
          paint_line (p, pos, plot->y, pos, plot->y + plot->height, fabs (t->value) < 1e-12 ? axis_grey : grid, lw * 0.6, NULL, 0);
          paint_text (p, layout, INDSATS_TEXT_SMALL, t->label, t->pos, plot->y + plot->height + layout->font_size * 0.3,
                      ALIGN_CENTER, 0, 0, axis_grey);
        }
      else
        {
          paint_line (p, plot->x, pos, plot->x + plot->width, pos, fabs (t->value) < 1e-12 ? axis_grey : grid, lw * 0.6, NULL, 0);
          paint_text (p, layout, INDSATS_TEXT_SMALL, t->label, plot->x - layout->font_size * 0.4, t->pos - label_h / 2,
                      ALIGN_END, 0, 0, axis_grey);
        }
    }
}

static void
draw_categories (Painter                  *p,
                 const IndsatsChartLayout *layout,
                 double                    lw)
{
  const IndsatsRect *plot = &layout->plot;
  double label_h = layout->small_height;


  if (!layout->horizontal)
    paint_line (p, plot->x, floor (plot->y + plot->height) + 0.5, plot->x + plot->width,
                floor (plot->y + plot->height) + 0.5, axis_grey, lw * 0.8, NULL, 0);
  for (guint i = 0; i < layout->categories->len; i++)
    {
      IndsatsChartCategory *c = g_ptr_array_index (layout->categories, i);

      if (!c->shown)
        continue;
      if (layout->horizontal)
        paint_text (p, layout, INDSATS_TEXT_SMALL, c->label, plot->x - layout->font_size * 0.5,
                    c->center - label_h / 2, ALIGN_END, 0, 0, ink);
      else
        {
          double x = floor (c->center) + 0.5;
          paint_line (p, x, plot->y + plot->height, x, plot->y + plot->height + layout->font_size * 0.3,
                      axis_grey, lw * 0.6, NULL, 0);
          paint_text (p, layout, INDSATS_TEXT_SMALL, c->label, c->center,
                      plot->y + plot->height + layout->font_size * 0.35, ALIGN_CENTER, 0, 0, ink);
        }
    }
}

static void
draw_line_series (Painter                  *p,
                  const IndsatsChartData   *data,
                  const IndsatsChartLayout *layout,
                  double                    lw)
{
  int n = data->n_periods;
  g_autofree double *xs = g_new (double, MAX (n, 1));
  g_autofree double *ys = g_new (double, MAX (n, 1));
  gboolean points = n <= 40;

  for (guint s = 0; s < data->series->len; s++)
    {
      IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
      const IndsatsSeriesStyle *style = indsats_chart_series_style (s);
      double dash[2] = { style->dash[0] * lw * 1.5, style->dash[1] * lw * 1.5 };
      double prelim_dash[2] = { lw * 1.2, lw * 1.5 };
      int last_final = -1;

      for (int i = 0; i < n; i++)
        {
          /* the line ends at the last value that is not preliminary */
          gboolean have = indsats_chart_layout_point (layout, data, s, i, &xs[i], &ys[i]);
          if (!have)
            xs[i] = ys[i] = NAN;
          else if (!series->preliminary[i])
            last_final = i;
          if (have && series->preliminary[i])
            xs[i] = ys[i] = NAN;
        }
      paint_lines (p, xs, ys, n, style->rgb, lw * 2, dash, style->dash[0] > 0 ? 2 : 0);

      /* preliminary values: a thin dotted continuation and hollow points */
      for (int i = 0; i < n; i++)
        {
          double x, y, px, py;

          if (!series->preliminary[i] || !indsats_chart_layout_point (layout, data, s, i, &x, &y))
            continue;
          if (i > 0 && indsats_chart_layout_point (layout, data, s, i - 1, &px, &py))
            paint_line (p, px, py, x, y, style->rgb, lw * 1.2, prelim_dash, 2);
          paint_point (p, style->point, x, y, lw * 2.6, style->rgb, TRUE);
        }
      (void) last_final;

      for (int i = 0; i < n; i++)
        {
          double x, y;
          gboolean alone;

          if (series->preliminary[i] || !indsats_chart_layout_point (layout, data, s, i, &x, &y))
            continue;
          /* a value with no neighbour would be invisible without its point */
          alone = (i == 0 || isnan (series->values[i - 1])) && (i == n - 1 || isnan (series->values[i + 1]));
          if (points || alone || i == n - 1)
            paint_point (p, style->point, x, y, lw * 2.4, style->rgb, FALSE);
        }
    }
}

static void
draw_bars (Painter                  *p,
           const IndsatsChartData   *data,
           const IndsatsChartLayout *layout,
           double                    lw)
{
  gboolean single = indsats_chart_single_period_bars (data);
  double group = layout->slot * (single ? 0.6 : 0.8);
  double thickness = single ? group : group / MAX (data->series->len, 1);
  double zero = indsats_chart_layout_value_pos (layout, CLAMP (0, layout->lo, layout->hi));

  for (guint s = 0; s < data->series->len; s++)
    {
      IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
      const IndsatsSeriesStyle *style = indsats_chart_series_style (s);

      for (int i = 0; i < data->n_periods; i++)
        {
          double x, y, alpha = series->preliminary[i] ? 0.45 : 1;

          if (!indsats_chart_layout_point (layout, data, s, i, &x, &y))
            continue;
          if (layout->horizontal)
            paint_rect (p, MIN (zero, x), y - thickness / 2 * 0.92, fabs (x - zero), thickness * 0.92, style->rgb, alpha);
          else
            paint_rect (p, x - thickness / 2 * 0.92, MIN (zero, y), thickness * 0.92, fabs (y - zero), style->rgb, alpha);

          /* the value at the end of a bar, when there is room */
          if (single || (layout->horizontal && thickness > layout->font_size))
            {
              g_autofree char *label = indsats_chart_format_value (data, series->values[i], layout->decimals);
              double label_h = layout->small_height;
              g_autoptr(PangoLayout) pl = indsats_chart_text_layout (p->context, layout, INDSATS_TEXT_SMALL, label, 0);

              indsats_chart_text_size (pl, NULL, &label_h);
              if (layout->horizontal)
                paint_text (p, layout, INDSATS_TEXT_SMALL, label, x + layout->font_size * 0.3, y - label_h / 2,
                            ALIGN_START, 0, 0, ink);
              else
                paint_text (p, layout, INDSATS_TEXT_SMALL, label, x, y - label_h - 2, ALIGN_CENTER, 0, 0, ink);
            }
        }
    }
}

static void
draw_threshold (Painter                  *p,
                const IndsatsChartData   *data,
                const IndsatsChartLayout *layout,
                double                    lw)
{
  double dash[2] = { lw * 6, lw * 4 };
  const IndsatsRect *plot = &layout->plot;
  double pos, label_h = layout->small_height;

  if (isnan (layout->threshold_pos))
    return;
  pos = floor (layout->threshold_pos) + 0.5;
  if (layout->horizontal)
    paint_line (p, pos, plot->y, pos, plot->y + plot->height, ink, lw * 1.5, dash, 2);
  else
    {
      paint_line (p, plot->x, pos, plot->x + plot->width, pos, ink, lw * 1.5, dash, 2);
      if (data->threshold_label)
        paint_text (p, layout, INDSATS_TEXT_SMALL, data->threshold_label, plot->x + plot->width - 2,
                    pos - label_h - lw, ALIGN_END, 0, 0, ink);
    }
}

static void
draw_markers (Painter                  *p,
              const IndsatsChartLayout *layout,
              double                    lw)
{
  const IndsatsRect *plot = &layout->plot;
  double label_h = layout->small_height;

  for (guint i = 0; i < layout->markers->len; i++)
    {
      IndsatsChartMarkerPos *m = g_ptr_array_index (layout->markers, i);
      double x = floor (m->x) + 0.5;
      double dash[2] = { lw * 2, lw * 2 };

      paint_line (p, x, plot->y, x, plot->y + plot->height, marker_grey, lw * 0.8, dash, 2);
      if (m->row >= 0)
        paint_text (p, layout, INDSATS_TEXT_SMALL, m->label, x + 3, plot->y + m->row * label_h,
                    ALIGN_START, 0, 0, marker_grey);
    }
}

static void
draw_legend (Painter                  *p,
             const IndsatsChartData   *data,
             const IndsatsChartLayout *layout,
             double                    lw)
{
  double column_w, sample = layout->font_size * 2.4;

  if (layout->legend_columns == 0)
    return;
  column_w = layout->legend.width / layout->legend_columns;
  for (guint s = 0; s < data->series->len; s++)
    {
      IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
      const IndsatsSeriesStyle *style = indsats_chart_series_style (s);
      double x = layout->legend.x + (s % layout->legend_columns) * column_w;
      double y = layout->legend.y + (s / layout->legend_columns) * layout->legend_row_height;
      double mid = y + layout->legend_row_height / 2;

      if (data->kind == INDSATS_FIGURE_LINE)
        {
          double dash[2] = { style->dash[0] * lw * 1.5, style->dash[1] * lw * 1.5 };
          paint_line (p, x, mid, x + sample, mid, style->rgb, lw * 2, dash, style->dash[0] > 0 ? 2 : 0);
          paint_point (p, style->point, x + sample / 2, mid, lw * 2.4, style->rgb, FALSE);
        }
      else
        paint_rect (p, x + sample * 0.2, mid - layout->font_size * 0.45, sample * 0.6, layout->font_size * 0.9,
                    style->rgb, 1);
      paint_text (p, layout, INDSATS_TEXT_NORMAL, series->label, x + sample + layout->font_size * 0.5,
                  y + (layout->legend_row_height - layout->font_size * 1.2) / 2, ALIGN_START, 0, 0, ink);
    }
}

static void
paint (Painter                  *p,
       const IndsatsChartData   *data,
       const IndsatsChartLayout *layout)
{
  static const double white[3] = { 1, 1, 1 };
  g_autofree char *heading = indsats_chart_data_get_heading (data);
  g_autoptr(GString) source = g_string_new (data->source ? data->source : "");
  double lw = MAX (1, layout->font_size / 12);

  paint_rect (p, 0, 0, layout->width, layout->height, white, 1);
  paint_text (p, layout, INDSATS_TEXT_HEADING, heading, layout->heading.x, layout->heading.y,
              ALIGN_START, layout->heading.width, 3, ink);
  if (data->unit && *data->unit)
    paint_text (p, layout, INDSATS_TEXT_SMALL, data->unit, layout->unit.x, layout->unit.y,
                ALIGN_START, 0, 0, axis_grey);

  if (layout->empty)
    {
      const IndsatsRect *plot = &layout->plot;
      paint_line (p, plot->x, plot->y + plot->height, plot->x + plot->width, plot->y + plot->height,
                  axis_grey, lw, NULL, 0);
      paint_text (p, layout, INDSATS_TEXT_NORMAL, "Der er ingen tal til denne figur endnu",
                  plot->x + plot->width / 2, plot->y + plot->height / 2 - layout->font_size,
                  ALIGN_CENTER, 0, 0, axis_grey);
    }
  else
    {
      draw_value_axis (p, data, layout, lw);
      draw_markers (p, layout, lw);
      if (data->kind == INDSATS_FIGURE_LINE)
        draw_line_series (p, data, layout, lw);
      else
        draw_bars (p, data, layout, lw);
      draw_categories (p, layout, lw);
      draw_threshold (p, data, layout, lw);
    }
  draw_legend (p, data, layout, lw);

  if (layout->note)
    g_string_append_printf (source, "%s%s", source->len ? ". " : "", layout->note);
  paint_text (p, layout, INDSATS_TEXT_SMALL, source->str, layout->source.x, layout->source.y,
              ALIGN_START, layout->source.width, 0, axis_grey);
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

/* A context that measures text as a cairo image surface does, without one */
static PangoContext *
measuring_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  return context;
}

/**
 * indsats_chart_render_svg:
 *
 * Returns: (transfer full): the figure as an SVG document whose text is text
 */
char *
indsats_chart_render_svg (const IndsatsChartData *data,
                          double                  width,
                          double                  height)
{
  PangoContext *context = measuring_context ();
  g_autoptr(IndsatsChartLayout) layout = indsats_chart_layout_new (data, width, height, context);
  g_autofree char *title = indsats_chart_data_get_heading (data);
  g_autofree char *heading = g_markup_escape_text (title, -1);
  g_autofree char *desc = NULL;
  GString *svg = g_string_new (NULL);
  Painter p = { NULL, svg, context };
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *description = indsats_chart_data_describe (data);

  desc = g_markup_escape_text (description, -1);
  g_string_append_printf (svg,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\">\n"
                          "<title>%s</title>\n<desc>%s</desc>\n",
                          num (a, layout->width), num (b, layout->height),
                          num (a, layout->width), num (b, layout->height), heading, desc);
  paint (&p, data, layout);
  g_string_append (svg, "</svg>\n");
  g_object_unref (context);
  return g_string_free (svg, FALSE);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
png_append_cb (png_structp  png,
               png_bytep    bytes,
               png_size_t   length)
{
  g_byte_array_append (png_get_io_ptr (png), bytes, length);
}

static void
png_flush_cb (png_structp png)
{
}

/* PNG writing dominates the time of a figure; a chart is mostly flat colour,
 * which the "sub" filter and a light zlib level compress nearly as well as
 * libpng's adaptive search (cairo's default), at a fraction of the time. */
static gboolean
encode_png (cairo_surface_t  *surface,
            GByteArray       *out,
            GError          **error)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  unsigned char *pixels = cairo_image_surface_get_data (surface);
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png ? png_create_info_struct (png) : NULL;
  g_autofree png_bytep *rows = g_new (png_bytep, height);

  if (png == NULL || info == NULL)
    {
      png_destroy_write_struct (&png, &info);
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_FAILED, "Cannot encode the figure as PNG");
      return FALSE;
    }
  if (setjmp (png_jmpbuf (png)))
    {
      png_destroy_write_struct (&png, &info);
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_FAILED, "Cannot encode the figure as PNG");
      return FALSE;
    }
  for (int y = 0; y < height; y++)
    rows[y] = pixels + (gsize) y * stride;
  png_set_write_fn (png, out, png_append_cb, png_flush_cb);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_compression_level (png, 2);
  png_write_info (png, info);
  /* cairo's RGB24 is a native-endian 32-bit xRGB word: B, G, R, x in memory here */
  if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
    png_set_bgr (png);
  png_set_filler (png, 0, G_BYTE_ORDER == G_LITTLE_ENDIAN ? PNG_FILLER_AFTER : PNG_FILLER_BEFORE);
  png_write_image (png, rows);
  png_write_end (png, info);
  png_destroy_write_struct (&png, &info);
  return TRUE;
}

static cairo_surface_t *
draw_image (const IndsatsChartData *data,
            int                     width,
            int                     height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  PangoContext *context = pango_cairo_create_context (cr);
  IndsatsChartLayout *layout = indsats_chart_layout_new (data, width, height, context);

  indsats_chart_render (data, layout, cr);
  indsats_chart_layout_free (layout);
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/**
 * indsats_chart_render_png:
 *
 * Returns: (transfer full): the figure as PNG bytes
 */
GBytes *
indsats_chart_render_png (const IndsatsChartData  *data,
                          int                      width,
                          int                      height,
                          GError                 **error)
{
  cairo_surface_t *surface;
  GByteArray *bytes = g_byte_array_new ();

  g_return_val_if_fail (data != NULL, NULL);
  if (width < 50 || height < 50 || width > 20000 || height > 20000)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "A figure must be between 50 and 20000 pixels wide and high, not %d × %d", width, height);
      g_byte_array_unref (bytes);
      return NULL;
    }
  surface = draw_image (data, width, height);
  if (!encode_png (surface, bytes, error))
    {
      cairo_surface_destroy (surface);
      g_byte_array_unref (bytes);
      return NULL;
    }
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
indsats_chart_format_from_path (const char         *path,
                                IndsatsChartFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = INDSATS_CHART_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = INDSATS_CHART_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = INDSATS_CHART_PDF;
  else
    return FALSE;
  return TRUE;
}

/**
 * indsats_chart_render_file:
 * @path: the file to write; written beside it first and renamed, so a
 *   half-written file never stands under its name
 * @width: pixels for PNG, points for PDF and SVG
 */
gboolean
indsats_chart_render_file (const IndsatsChartData  *data,
                           const char              *path,
                           IndsatsChartFormat       format,
                           int                      width,
                           int                      height,
                           GError                 **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *tmp_path = g_build_filename (dir, tmpl, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *svg = NULL;
  const char *contents;
  gsize length;
  int fd, saved;
  ssize_t written = 0;

  g_return_val_if_fail (data != NULL && path != NULL, FALSE);

  if (width < 50 || height < 50 || width > 20000 || height > 20000)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "A figure must be between 50 and 20000 wide and high, not %d × %d", width, height);
      return FALSE;
    }

  if (format == INDSATS_CHART_PNG)
    {
      if (!(bytes = indsats_chart_render_png (data, width, height, error)))
        return FALSE;
      contents = g_bytes_get_data (bytes, &length);
    }
  else if (format == INDSATS_CHART_SVG)
    {
      svg = indsats_chart_render_svg (data, width, height);
      contents = svg;
      length = strlen (svg);
    }
  else
    {
      GByteArray *pdf = g_byte_array_new ();
      cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, pdf, width, height);
      cairo_t *cr = cairo_create (surface);
      PangoContext *context = pango_cairo_create_context (cr);
      IndsatsChartLayout *layout = indsats_chart_layout_new (data, width, height, context);
      g_autofree char *heading = indsats_chart_data_get_heading (data);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, heading);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Indsats");
      indsats_chart_render (data, layout, cr);
      indsats_chart_layout_free (layout);
      g_object_unref (context);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      saved = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
      if (saved != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "Cannot draw the figure: %s",
                       cairo_status_to_string (saved));
          g_byte_array_unref (pdf);
          return FALSE;
        }
      bytes = g_byte_array_free_to_bytes (pdf);
      contents = g_bytes_get_data (bytes, &length);
    }

  fd = g_mkstemp_full (tmp_path, O_WRONLY, 0644);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   "Cannot write “%s”: %s; choose a folder you can write to", path, g_strerror (saved));
      return FALSE;
    }
  while ((gsize) written < length)
    {
      ssize_t n = write (fd, contents + written, length - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved = errno;
          close (fd);
          g_unlink (tmp_path);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                       "Cannot write “%s”: %s", path, g_strerror (saved));
          return FALSE;
        }
      written += n;
    }
  if (fsync (fd) != 0 || close (fd) != 0 || g_rename (tmp_path, path) != 0)
    {
      saved = errno;
      g_unlink (tmp_path);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   "Cannot write “%s”: %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
