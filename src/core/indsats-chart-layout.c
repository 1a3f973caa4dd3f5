/* indsats-chart-layout.c
 *
 * Where everything goes, computed before anything is drawn: the heading and
 * the unit line at the top, the legend and the source line at the bottom, the
 * markers' labels in a band above the plot, and the plot in what is left.
 * Every point, bar, line of text and legend sample is placed here; painting
 * only reads the result. When the size is too small for everything, the
 * legend goes first, then the unit line, then the rest shrinks, so that
 * nothing overlaps.
 */
#include "config.h"

#include "indsats-catalog.h"
#include "indsats-chart-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "indsats-format.h"

/* Values the axis can show; beyond them a figure says so instead */
#define SMALLEST_VALUE 1e-12
#define LARGEST_VALUE  1e15

const double indsats_chart_ink_rgb[][3] = {
  [INDSATS_INK_TEXT] = { 0.13, 0.13, 0.13 },
  [INDSATS_INK_AXIS] = { 0.40, 0.40, 0.40 },
  [INDSATS_INK_MARKER] = { 0.40, 0.40, 0.40 },
  [INDSATS_INK_ON_DARK] = { 1, 1, 1 },
};
const double indsats_chart_grid_rgb[3] = { 0.86, 0.86, 0.86 };
const double indsats_chart_other_rgb[3] = { 0.70, 0.70, 0.70 };
const double indsats_chart_marker_rgb[3] = { 0.58, 0.58, 0.58 };

/* A bar chart of one period shows one bar per series, each a category */
gboolean
indsats_chart_single_period_bars (const IndsatsChartData *data)
{
  return data->kind == INDSATS_FIGURE_BAR && data->n_periods == 1;
}

/**
 * indsats_chart_data_has_others:
 *
 * Returns: whether the figure has more series than its styles tell apart, so
 *   that all but its own area and the country are drawn as thin grey lines
 *   ("Other municipalities")
 */
gboolean
indsats_chart_data_has_others (const IndsatsChartData *data)
{
  return data->series->len > INDSATS_CHART_MAX_STYLED;
}

static gboolean
is_country (const char *label)
{
  return g_strcmp0 (label, "Hele landet") == 0;
}

/* The style of each series: its own, or the grey of the other areas. With
 * too many series to tell apart, the first (the plan's own area) and the
 * country keep their colours. */
static int
series_style (const IndsatsChartData *data,
              guint                   s)
{
  IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
  int styled = 1;

  if (!indsats_chart_data_has_others (data))
    return s;
  if (s == 0)
    return 0;
  if (!is_country (series->label))
    return INDSATS_CHART_STYLE_OTHER;
  /* the second colour for the first country series, and so on */
  for (guint i = 1; i < s; i++)
    if (is_country (((IndsatsChartSeries *) g_ptr_array_index (data->series, i))->label))
      styled++;
  return styled < INDSATS_CHART_MAX_STYLED ? styled : INDSATS_CHART_STYLE_OTHER;
}

static gboolean
drawable (double v)
{
  return isfinite (v) && (v == 0 || (fabs (v) >= SMALLEST_VALUE && fabs (v) <= LARGEST_VALUE));
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

static void
path_free (IndsatsChartPath *p)
{
  g_free (p->x);
  g_free (p->y);
  g_free (p->preliminary);
  g_free (p->point);
  g_free (p);
}

static void
clear (IndsatsChartLayout *layout)
{
  g_clear_pointer (&layout->ticks, g_ptr_array_unref);
  g_clear_pointer (&layout->categories, g_ptr_array_unref);
  g_clear_pointer (&layout->markers, g_ptr_array_unref);
  g_clear_pointer (&layout->paths, g_ptr_array_unref);
  g_clear_pointer (&layout->bars, g_ptr_array_unref);
  g_clear_pointer (&layout->legend_entries, g_ptr_array_unref);
  g_clear_pointer (&layout->texts, g_ptr_array_unref);
  g_clear_pointer (&layout->note, g_free);
}

void
indsats_chart_layout_free (IndsatsChartLayout *layout)
{
  if (layout == NULL)
    return;
  clear (layout);
  g_free (layout->font_family);
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
  double t = (value / pow (10, layout->exponent) - layout->lo) / (layout->hi - layout->lo);

  if (layout->horizontal)
    return layout->plot.x + t * layout->plot.width;
  return layout->plot.y + layout->plot.height - t * layout->plot.height;
}

/**
 * indsats_chart_layout_point:
 *
 * Where the value of @series in @period is drawn (the middle of the end of
 * its bar for column and bar charts). Returns %FALSE when the value is
 * missing or cannot be drawn.
 */
gboolean
indsats_chart_layout_point (const IndsatsChartLayout *layout,
                            const IndsatsChartData   *data,
                            guint                     series,
                            int                       period,
                            double                   *x,
                            double                   *y)
{
  for (guint i = 0; layout->paths && i < layout->paths->len; i++)
    {
      IndsatsChartPath *p = g_ptr_array_index (layout->paths, i);

      if (p->series != series || period < 0 || period >= p->n)
        continue;
      if (isnan (p->x[period]))
        return FALSE;
      *x = p->x[period];
      *y = p->y[period];
      return TRUE;
    }
  for (guint i = 0; layout->bars && i < layout->bars->len; i++)
    {
      IndsatsChartBar *b = g_ptr_array_index (layout->bars, i);
      IndsatsChartSeries *s = g_ptr_array_index (data->series, series);
      double end;

      if (b->series != series || b->period != period)
        continue;
      end = indsats_chart_layout_value_pos (layout, s->values[period]);
      if (layout->horizontal)
        {
          *x = end;
          *y = b->rect.y + b->rect.height / 2;
        }
      else
        {
          *x = b->rect.x + b->rect.width / 2;
          *y = end;
        }
      return TRUE;
    }
  return FALSE;
}

/**
 * indsats_chart_layout_find_text:
 *
 * Returns: (transfer none) (nullable): the @nth text of @role, in the order the layout made them
 */
const IndsatsChartText *
indsats_chart_layout_find_text (const IndsatsChartLayout *layout,
                                IndsatsChartRole          role,
                                guint                     nth)
{
  for (guint i = 0; i < layout->texts->len; i++)
    {
      IndsatsChartText *t = g_ptr_array_index (layout->texts, i);
      if (t->role == role && nth-- == 0)
        return t;
    }
  return NULL;
}

/* Adds a text with its box's top left corner at (x, y); returns it */
static IndsatsChartText *
add_text (IndsatsChartLayout *layout,
          PangoContext       *context,
          IndsatsChartRole    role,
          IndsatsTextStyle    style,
          IndsatsChartInk     ink,
          const char         *string,
          double              max_width,
          int                 max_lines,
          double              x,
          double              y)
{
  IndsatsChartText *t = indsats_chart_text_new (context, layout, role, style, ink, string, max_width, max_lines);

  indsats_chart_text_move (t, x, y);
  g_ptr_array_add (layout->texts, t);
  return t;
}

static double
text_width (PangoContext             *context,
            const IndsatsChartLayout *layout,
            IndsatsTextStyle          style,
            const char               *text,
            double                   *height)
{
  g_autoptr(PangoLayout) pl = indsats_chart_text_layout (context, layout, style, text, 0);
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

  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
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

static int
compare_marker_x (gconstpointer a,
                  gconstpointer b)
{
  double xa = (*(IndsatsChartMarkerPos **) a)->x, xb = (*(IndsatsChartMarkerPos **) b)->x;

  return xa < xb ? -1 : xa > xb;
}

/* The range of the values the figure can draw; counts how many it cannot */
static void
value_range (const IndsatsChartData *data,
             double                 *min,
             double                 *max,
             int                    *n_drawable,
             int                    *n_undrawable)
{
  *n_drawable = *n_undrawable = 0;
  *min = INFINITY;
  *max = -INFINITY;
  for (guint s = 0; s < data->series->len; s++)
    {
      IndsatsChartSeries *series = g_ptr_array_index (data->series, s);

      for (int i = 0; i < data->n_periods; i++)
        {
          double v = series->values[i];

          if (isnan (v))
            continue;
          if (!drawable (v))
            {
              (*n_undrawable)++;
              continue;
            }
          *min = MIN (*min, v);
          *max = MAX (*max, v);
          (*n_drawable)++;
        }
    }
}

/* "× 10⁻⁶" for the unit line */
static char *
scale_text (int exponent)
{
  static const char *const superscript[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  GString *out = g_string_new ("× 10");
  char digits[16];

  if (exponent < 0)
    g_string_append (out, "⁻");
  g_snprintf (digits, sizeof digits, "%d", ABS (exponent));
  for (const char *c = digits; *c; c++)
    g_string_append (out, superscript[*c - '0']);
  return g_string_free (out, FALSE);
}

/* The tick label of @scaled (a value in units of 10^exponent) */
static char *
tick_label (const IndsatsChartData   *data,
            const IndsatsChartLayout *layout,
            double                    scaled,
            int                       decimals)
{
  if (layout->exponent != 0)
    {
      /* the unit line says "Pct. (× 10⁻⁶)": the ticks are plain numbers */
      g_autofree char *plain = indsats_format_number (scaled, decimals);
      if (plain[0] == '-')
        return g_strconcat ("−", plain + 1, NULL);
      return g_steal_pointer (&plain);
    }
  return indsats_chart_format_value (data, scaled, decimals);
}

/* What a layout attempt may show: each level drops or shrinks one more part */
typedef enum
{
  LEVEL_ALL,
  LEVEL_NO_LEGEND,
  LEVEL_NO_UNIT,
  LEVEL_SHORT,
  LEVEL_NO_SOURCE,
  LEVEL_BARE,
  N_LEVELS
} Level;

/* The value axis: a zero-based nice scale in units of 10^exponent, with as
 * many decimals as make neighbouring labels differ */
static void
make_ticks (IndsatsChartLayout     *layout,
            const IndsatsChartData *data,
            double                  min,
            double                  max,
            int                     max_ticks)
{
  double biggest = MAX (fabs (min), fabs (max)), scale;

  layout->exponent = 0;
  if (biggest > 0 && (biggest < 0.01 || biggest >= 1e9))
    layout->exponent = (int) floor (log10 (biggest) / 3) * 3;
  scale = pow (10, layout->exponent);
  indsats_chart_nice_scale (min / scale, max / scale, max_ticks, TRUE, &layout->lo, &layout->hi, &layout->step);

  g_ptr_array_set_size (layout->ticks, 0);
  for (int i = 0; i <= 50; i++)
    {
      double v = layout->lo + i * layout->step;
      IndsatsChartTick *t;

      if (v > layout->hi + layout->step * 1e-6)
        break;
      t = g_new0 (IndsatsChartTick, 1);
      t->value = fabs (v) < layout->step * 1e-9 ? 0 : v;
      g_ptr_array_add (layout->ticks, t);
    }
  for (layout->decimals = indsats_chart_step_decimals (layout->step); ; layout->decimals++)
    {
      gboolean distinct = TRUE;

      for (guint i = 0; i < layout->ticks->len; i++)
        {
          IndsatsChartTick *t = g_ptr_array_index (layout->ticks, i);
          g_free (t->label);
          t->label = tick_label (data, layout, t->value, layout->decimals);
          if (i > 0 && strcmp (t->label, ((IndsatsChartTick *) g_ptr_array_index (layout->ticks, i - 1))->label) == 0)
            distinct = FALSE;
        }
      if (distinct || layout->decimals >= 6)
        break;
    }
  /* the ticks' values as the data has them */
  for (guint i = 0; i < layout->ticks->len; i++)
    ((IndsatsChartTick *) g_ptr_array_index (layout->ticks, i))->value *= scale;
}

/* What one layout attempt shares between its steps */
typedef struct
{
  IndsatsChartLayout     *layout;
  const IndsatsChartData *data;
  PangoContext           *context;
  Level                   level;
  double                  width, height, margin;
  double                  line_h, small_h;  /* a line of normal and of small text */
  double                  top, bottom;      /* what is left between heading and legend */
  double                  min, max;         /* the values to show */
  int                     n_drawable, n_undrawable;
  double                  tick_w, widest, cat_h, value_w, band;
  gboolean                single, any_marker, any_planned;
  guint                   n_categories;
  int                     max_ticks;
} Build;

/* The figure's own words, in the language its data asks for: the workbook
 * speaks Danish whatever the window does */
#define CW_(b, text) \
  ((b)->data->catalog ? indsats_catalog_gettext ((b)->data->catalog, text) : _(text))
#define CWN_(b, text, plural, n) \
  ((b)->data->catalog ? indsats_catalog_ngettext ((b)->data->catalog, text, plural, n) \
                      : g_dngettext (GETTEXT_PACKAGE, text, plural, n))

/* The heading and the unit line at the top */
static void
place_heading (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  g_autofree char *heading = indsats_chart_data_get_heading (b->data);
  g_autoptr(GString) unit = g_string_new (b->data->unit ? b->data->unit : "");
  IndsatsChartText *t;

  /* "Figur N. Title", wrapped, at most three lines */
  t = add_text (layout, b->context, INDSATS_ROLE_HEADING, INDSATS_TEXT_HEADING, INDSATS_INK_TEXT, heading,
                b->width - 2 * b->margin, b->level >= LEVEL_SHORT ? 1 : 3, b->margin, b->margin * 0.8);
  layout->heading = t->box;
  layout->heading.width = b->width - 2 * b->margin;
  b->top = t->box.y + t->box.height + b->margin * 0.4;

  /* The unit line, with the scale of the ticks; it stays when the ticks need it */
  if (layout->exponent != 0)
    {
      g_autofree char *scale = scale_text (layout->exponent);
      g_string_append_printf (unit, unit->len ? " (%s)" : "%s", scale);
    }
  if (unit->len > 0 && (b->level < LEVEL_NO_UNIT || layout->exponent != 0))
    {
      t = add_text (layout, b->context, INDSATS_ROLE_UNIT, INDSATS_TEXT_SMALL, INDSATS_INK_AXIS, unit->str,
                    b->width - 2 * b->margin, 1, b->margin, b->top);
      layout->unit = t->box;
      b->top += t->box.height + b->margin * 0.4;
    }
}

/* The source line at the bottom, with the notes the figure needs */
static void
place_source (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;
  g_autoptr(GString) source = g_string_new (data->source ? data->source : "");
  gboolean preliminary = FALSE;
  IndsatsChartText *t;

  /* The source line, with a note on preliminary values */
  for (guint s = 0; s < data->series->len; s++)
    for (int i = 0; i < data->n_periods; i++)
      preliminary |= ((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->preliminary[i];
  if (preliminary)
    layout->note = g_strdup (CW_ (b, "* Preliminary figures"));
  if (b->n_undrawable > 0 && b->n_drawable > 0)
    g_string_append_printf (source, "%s%s", source->len ? ". " : "",
                            CW_ (b, "Values too small or too large to draw are left out"));
  if (layout->note)
    g_string_append_printf (source, "%s%s", source->len ? ". " : "", layout->note);
  b->bottom = b->height - b->margin * 0.6;
  if (b->level < LEVEL_NO_SOURCE && source->len > 0)
    {
      t = add_text (layout, b->context, INDSATS_ROLE_SOURCE, INDSATS_TEXT_SMALL, INDSATS_INK_AXIS, source->str,
                    b->width - 2 * b->margin, b->level >= LEVEL_SHORT ? 1 : 2, b->margin, 0);
      indsats_chart_text_move (t, b->margin, b->bottom - t->box.height);
      layout->source = t->box;
      b->bottom = t->box.y - b->margin * 0.4;
    }
}

/* The categories with their labels measured */
static void
make_categories (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;

  /* The categories: periods, or the series of a one-period bar chart */
  for (guint i = 0; i < b->n_categories; i++)
    {
      IndsatsChartCategory *c = g_new0 (IndsatsChartCategory, 1);
      double w, h;

      if (b->single)
        c->label = indsats_chart_clean_text (((IndsatsChartSeries *) g_ptr_array_index (data->series, i))->label);
      else
        {
          /* in the figure's language, as its other words */
          g_autofree char *text = indsats_period_to_words (&data->periods[i], data->catalog);
          gboolean prelim = FALSE;

          for (guint s = 0; s < data->series->len; s++)
            prelim |= ((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->preliminary[i];
          c->label = g_strconcat (text, prelim ? "*" : "", NULL);
        }
      w = text_width (b->context, layout, INDSATS_TEXT_SMALL, c->label, &h);
      b->widest = MAX (b->widest, w);
      b->cat_h = MAX (b->cat_h, h);
      c->shown = b->level < LEVEL_BARE;
      g_ptr_array_add (layout->categories, c);
    }
  if (b->cat_h == 0)
    b->cat_h = b->small_h;
}

/* Whether the figure has markers in its range, and planned ones */
static void
find_markers (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;

  /* Markers exist in this figure's range? Then the legend explains them */
  if (!layout->horizontal && layout->categories->len > 0)
    for (guint i = 0; i < data->markers->len; i++)
      {
        IndsatsChartMarker *m = g_ptr_array_index (data->markers, i);
        GDate first, last, date;
        int y, mo, d;

        if (sscanf (m->date, "%4d-%2d-%2d", &y, &mo, &d) != 3 || !g_date_valid_dmy (d, mo, y))
          continue;
        g_date_clear (&date, 1);
        g_date_set_dmy (&date, d, mo, y);
        indsats_period_get_first_day (&data->periods[0], &first);
        indsats_period_get_last_day (&data->periods[data->n_periods - 1], &last);
        if (g_date_compare (&date, &first) < 0 || g_date_compare (&date, &last) > 0)
          continue;
        b->any_marker = TRUE;
        b->any_planned |= m->planned;
      }
}

/* The legend above the source line */
static void
place_legend (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;
  IndsatsChartText *t;

  /* The legend: entries in as many columns as fit; none for one series
   * named by the heading, nor for bars that name their series on the axis */
  if (b->level < LEVEL_NO_LEGEND)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) kinds = g_array_new (FALSE, FALSE, sizeof (IndsatsChartLegendEntry));
      double sample = layout->font_size * 2.4, gap = layout->font_size * 0.5, entry_w = 0, column_w;
      guint rows;

      if (data->series->len > 1 && !b->single)
        {
          gboolean others = FALSE;

          for (guint s = 0; s < data->series->len; s++)
            {
              IndsatsChartLegendEntry e = { INDSATS_LEGEND_SERIES, series_style (data, s), { 0 } };

              if (e.style == INDSATS_CHART_STYLE_OTHER)
                {
                  others = TRUE;
                  continue;
                }
              g_ptr_array_add (labels, g_strdup (((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->label));
              g_array_append_val (kinds, e);
            }
          if (others)
            {
              IndsatsChartLegendEntry e = { INDSATS_LEGEND_OTHERS, INDSATS_CHART_STYLE_OTHER, { 0 } };
              g_ptr_array_add (labels, g_strdup (CW_ (b, "Other municipalities")));
              g_array_append_val (kinds, e);
            }
        }
      if (b->any_marker)
        {
          IndsatsChartLegendEntry e = { INDSATS_LEGEND_MARKER, 0, { 0 } };
          g_ptr_array_add (labels, g_strdup (CW_ (b, "Action takes effect")));
          g_array_append_val (kinds, e);
          if (b->any_planned)
            {
              e.kind = INDSATS_LEGEND_MARKER_PLANNED;
              g_ptr_array_add (labels, g_strdup (CW_ (b, "Action planned, not started yet")));
              g_array_append_val (kinds, e);
            }
        }

      if (labels->len > 0)
        {
          for (guint i = 0; i < labels->len; i++)
            entry_w = MAX (entry_w, text_width (b->context, layout, INDSATS_TEXT_NORMAL, labels->pdata[i], NULL));
          entry_w += sample + gap + layout->font_size * 1.1;
          /* one very long name does not take the whole width: it is cut */
          if (labels->len > 1)
            entry_w = MIN (entry_w, (b->width - 2 * b->margin) / 2);
          layout->legend_columns = CLAMP ((int) ((b->width - 2 * b->margin) / entry_w), 1, (int) labels->len);
          rows = (labels->len + layout->legend_columns - 1) / layout->legend_columns;
          layout->legend_row_height = b->line_h * 1.3;
          layout->legend = (IndsatsRect) { b->margin, b->bottom - rows * layout->legend_row_height,
                                           b->width - 2 * b->margin, rows * layout->legend_row_height };
          column_w = layout->legend.width / layout->legend_columns;
          for (guint i = 0; i < labels->len; i++)
            {
              IndsatsChartLegendEntry *e = g_memdup2 (&g_array_index (kinds, IndsatsChartLegendEntry, i),
                                                      sizeof *e);
              double x = layout->legend.x + (i % layout->legend_columns) * column_w;
              double y = layout->legend.y + (i / layout->legend_columns) * layout->legend_row_height;

              e->sample = (IndsatsRect) { x, y + layout->legend_row_height * 0.15, sample,
                                          layout->legend_row_height * 0.7 };
              t = add_text (layout, b->context, INDSATS_ROLE_LEGEND, INDSATS_TEXT_NORMAL, INDSATS_INK_TEXT,
                            labels->pdata[i], column_w - sample - gap - layout->font_size * 0.6, 1, 0, 0);
              indsats_chart_text_move (t, x + sample + gap, y + (layout->legend_row_height - t->box.height) / 2);
              g_ptr_array_add (layout->legend_entries, e);
            }
          b->bottom = layout->legend.y - b->margin * 0.5;
        }
    }
}

/* The value axis' ticks and how wide their labels are */
static void
measure_value_axis (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;

  /* The value axis: about as many ticks as have room */
  b->max_ticks = layout->horizontal ? CLAMP ((int) (b->width / (layout->font_size * 7)), 2, 8)
                                 : CLAMP ((int) ((b->bottom - b->top) / (b->line_h * 2.2)), 2, 8);
  make_ticks (layout, data, b->min, b->max, b->max_ticks);
  for (guint i = 0; i < layout->ticks->len; i++)
    b->tick_w = MAX (b->tick_w, text_width (b->context, layout, INDSATS_TEXT_SMALL,
                                      ((IndsatsChartTick *) g_ptr_array_index (layout->ticks, i))->label, NULL));
  if (b->single)
    for (guint s = 0; s < data->series->len; s++)
      {
        IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
        g_autofree char *label = NULL;

        if (!drawable (series->values[0]))
          continue;
        label = tick_label (data, layout, series->values[0] / pow (10, layout->exponent), layout->decimals);
        b->value_w = MAX (b->value_w, text_width (b->context, layout, INDSATS_TEXT_SMALL, label, NULL));
      }
}

/* The plot's left and right edges */
static void
place_across (Build *b)
{
  IndsatsChartLayout *layout = b->layout;

  /* The plot across */
  if (layout->horizontal)
    {
      double labels_w = b->level < LEVEL_BARE ? MIN (b->widest, b->width * 0.4) : 0;
      double left = b->margin + labels_w + b->margin * 0.6;
      double right = MAX (b->tick_w / 2, b->value_w + layout->font_size * INDSATS_CHART_LABEL_GAP * 2);

      layout->plot.x = left;
      layout->plot.width = b->width - b->margin - left - right;
    }
  else
    {
      double left = b->margin + (b->level < LEVEL_BARE ? b->tick_w + b->margin * 0.5 : 0);
      double avail = b->width - b->margin - left - (b->level < LEVEL_BARE ? b->widest / 2 : 0);

      layout->plot.x = left;
      /* the newest period's label is centred on its slot and must not pass the margin */
      layout->plot.width = b->n_categories > 0 ? MIN (b->width - b->margin - left, avail / (1 - 0.5 / b->n_categories))
                                            : avail;
    }
}

/* The markers' positions and the rows of their labels */
static void
place_markers (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;

  /* Place the categories across (vertical charts) and the markers' x */
  if (!layout->horizontal && b->n_categories > 0)
    {
      layout->slot = layout->plot.width / b->n_categories;
      for (guint i = 0; i < b->n_categories; i++)
        ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, i))->center =
          layout->plot.x + layout->slot * (i + 0.5);
    }

  /* Markers for the actions' start dates: their labels in rows above the
   * plot, each row holding labels that do not touch */
  if (!layout->horizontal && b->n_categories > 0)
    {
      int max_rows = b->level >= LEVEL_SHORT ? 1 : 3;
      double row_end[3] = { -INFINITY, -INFINITY, -INFINITY };
      double pad = layout->font_size * 0.3;

      for (guint i = 0; i < data->markers->len; i++)
        {
          IndsatsChartMarker *m = g_ptr_array_index (data->markers, i);
          double x = date_x (layout, data, m->date);
          IndsatsChartMarkerPos *pos;

          if (isnan (x))
            continue;
          pos = g_new0 (IndsatsChartMarkerPos, 1);
          pos->x = x;
          pos->planned = m->planned;
          pos->label = m->n_actions > 1
            ? g_strdup_printf (CWN_ (b, "%s: %d action", "%s: %d actions", m->n_actions),
                               m->label, m->n_actions)
            : g_strdup (m->label);
          g_ptr_array_add (layout->markers, pos);
        }
      g_ptr_array_sort (layout->markers, compare_marker_x);
      for (guint i = 0; i < layout->markers->len; i++)
        {
          IndsatsChartMarkerPos *pos = g_ptr_array_index (layout->markers, i);
          double w = text_width (b->context, layout, INDSATS_TEXT_SMALL, pos->label, NULL);

          /* beside the line, to its right unless that would pass the edge */
          pos->label_x = pos->x + pad;
          if (pos->label_x + w > b->width - b->margin * 0.5)
            pos->label_x = pos->x - pad - w;
          pos->row = -1;
          for (int r = 0; r < max_rows && b->level < LEVEL_BARE && pos->row < 0; r++)
            {
              gboolean free = pos->label_x > row_end[r] && pos->label_x >= b->margin * 0.5;

              /* the lines of earlier markers that reach this row must not cross the label */
              for (guint k = 0; k < i && free; k++)
                {
                  IndsatsChartMarkerPos *other = g_ptr_array_index (layout->markers, k);
                  if (other->row >= 0 && other->row <= r && other->x >= pos->label_x - pad && other->x <= pos->label_x + w + pad)
                    free = FALSE;
                }
              /* and this marker's line, from its row down, must not cross earlier labels below it */
              for (int below = r + 1; below < max_rows && free; below++)
                if (row_end[below] - layout->font_size + pad > pos->x)
                  free = FALSE;
              if (!free)
                continue;
              pos->row = r;
              /* a clear gap, so that two labels do not read as one */
              row_end[r] = pos->label_x + w + layout->font_size;
              layout->marker_rows = MAX (layout->marker_rows, r + 1);
            }
        }
      b->band = layout->marker_rows * b->small_h * 1.05;
    }
}

/* The tick labels */
static void
place_ticks (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;
  IndsatsChartText *t;

  /* Fewer ticks when their labels would touch */
  {
    double room = layout->horizontal ? layout->plot.width : layout->plot.height;
    double need = layout->horizontal ? b->tick_w + layout->font_size : b->small_h * 1.2;

    while (b->max_ticks > 2 && room / MAX (layout->ticks->len - 1, 1) < need)
      make_ticks (layout, data, b->min, b->max, --b->max_ticks);
  }
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      IndsatsChartTick *tick = g_ptr_array_index (layout->ticks, i);

      tick->pos = indsats_chart_layout_value_pos (layout, tick->value);
      if (b->level >= LEVEL_BARE)
        continue;
      t = add_text (layout, b->context, INDSATS_ROLE_TICK, INDSATS_TEXT_SMALL, INDSATS_INK_AXIS, tick->label, 0, 0, 0, 0);
      if (layout->horizontal)
        indsats_chart_text_move (t, CLAMP (tick->pos - t->box.width / 2, 0, b->width - t->box.width),
                                 layout->plot.y + layout->plot.height + layout->font_size * 0.3);
      else
        indsats_chart_text_move (t, layout->plot.x - layout->font_size * 0.4 - t->box.width,
                                 tick->pos - t->box.height / 2);
    }
  if (layout->horizontal && layout->ticks->len > 1 && b->level < LEVEL_BARE)
    {
      /* tick labels across must not touch: thin them as the category labels */
      guint k = 1;
      double step = fabs (((IndsatsChartTick *) g_ptr_array_index (layout->ticks, 1))->pos -
                          ((IndsatsChartTick *) g_ptr_array_index (layout->ticks, 0))->pos);
      while (k < layout->ticks->len && step * k < b->tick_w + layout->font_size * 0.5)
        k++;
      for (guint i = 0, n = 0; i < layout->texts->len; i++)
        {
          IndsatsChartText *tt = g_ptr_array_index (layout->texts, i);
          if (tt->role == INDSATS_ROLE_TICK && n++ % k != 0)
            g_ptr_array_set_size (tt->lines, 0), tt->box.width = tt->box.height = 0;
        }
    }
}

/* The category labels, thinned until they stand apart */
static void
place_cat_labels (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  IndsatsChartText *t;

  /* Categories down for bars; category labels and thinning */
  if (b->n_categories > 0)
    {
      double extent = layout->horizontal ? layout->plot.height : layout->plot.width;
      double start = layout->horizontal ? layout->plot.y : layout->plot.x;
      guint k = 1;

      layout->slot = extent / b->n_categories;
      for (guint i = 0; i < b->n_categories; i++)
        ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, i))->center = start + layout->slot * (i + 0.5);
      /* every k-th label, k as small as lets them stand apart; the newest always shows */
      while (k < b->n_categories && layout->slot * k < (layout->horizontal ? b->cat_h : b->widest) + layout->font_size * 0.8)
        k++;
      for (guint i = 0; i < b->n_categories; i++)
        {
          IndsatsChartCategory *c = g_ptr_array_index (layout->categories, i);

          c->shown = c->shown && (b->n_categories - 1 - i) % k == 0;
          if (!c->shown)
            continue;
          if (layout->horizontal)
            {
              double room = layout->plot.x - b->margin * 0.6 - b->margin;
              t = add_text (layout, b->context, INDSATS_ROLE_CATEGORY, INDSATS_TEXT_SMALL, INDSATS_INK_TEXT,
                            c->label, MAX (room, 1), 1, 0, 0);
              /* within the plot's height: the value axis' labels lie below it */
              indsats_chart_text_move (t, layout->plot.x - b->margin * 0.6 - t->box.width,
                                       CLAMP (c->center - t->box.height / 2, layout->plot.y,
                                              layout->plot.y + layout->plot.height - t->box.height));
            }
          else
            {
              t = add_text (layout, b->context, INDSATS_ROLE_CATEGORY, INDSATS_TEXT_SMALL, INDSATS_INK_TEXT,
                            c->label, 0, 0, 0, 0);
              indsats_chart_text_move (t, CLAMP (c->center - t->box.width / 2, b->margin * 0.5,
                                                 b->width - b->margin * 0.5 - t->box.width),
                                       layout->plot.y + layout->plot.height + b->small_h * 0.5 + 2);
            }
        }
    }
}

/* The threshold line and its label */
static void
place_threshold (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;
  IndsatsChartText *t;

  /* The threshold, its label above the line at the right end of the plot */
  if (!isnan (data->threshold) && drawable (data->threshold) && !layout->empty && !layout->out_of_range)
    {
      layout->threshold_pos = indsats_chart_layout_value_pos (layout, data->threshold);
      g_autofree char *line = indsats_chart_data_get_threshold_label (data);

      if (!layout->horizontal && b->level < LEVEL_BARE)
        {
          t = add_text (layout, b->context, INDSATS_ROLE_THRESHOLD, INDSATS_TEXT_SMALL, INDSATS_INK_TEXT,
                        line, layout->plot.width, 1, 0, 0);
          indsats_chart_text_move (t, layout->plot.x + layout->plot.width - 2 - t->box.width,
                                   layout->threshold_pos - t->box.height - layout->line_width);
          if (t->box.y < layout->plot.y)
            indsats_chart_text_move (t, t->box.x, layout->threshold_pos + layout->line_width * 2);
        }
    }
}

/* The markers' labels and where their lines start */
static void
place_marker_labels (Build *b)
{
  IndsatsChartLayout *layout = b->layout;

  /* The markers' labels in their band */
  for (guint i = 0; i < layout->markers->len; i++)
    {
      IndsatsChartMarkerPos *m = g_ptr_array_index (layout->markers, i);

      if (m->row < 0)
        continue;
      add_text (layout, b->context, INDSATS_ROLE_MARKER, INDSATS_TEXT_SMALL, INDSATS_INK_MARKER, m->label, 0, 0,
                m->label_x, b->top + m->row * b->small_h * 1.05);
    }
  for (guint i = 0; i < layout->markers->len; i++)
    {
      IndsatsChartMarkerPos *m = g_ptr_array_index (layout->markers, i);

      /* a labelled marker's line starts at its label's row */
      m->top = m->row >= 0 ? b->top + m->row * b->small_h * 1.05 : layout->plot.y;
    }
}

/* The message of a figure without anything to draw */
static void
place_message (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  IndsatsChartText *t;

  const char *message = layout->empty ? CW_ (b, "There are no figures for this chart yet")
                                      : CW_ (b, "The values are too small or too large to draw");
  t = add_text (layout, b->context, INDSATS_ROLE_MESSAGE, INDSATS_TEXT_NORMAL, INDSATS_INK_AXIS, message,
                layout->plot.width, 2, 0, 0);
  indsats_chart_text_move (t, layout->plot.x + (layout->plot.width - t->box.width) / 2,
                           layout->plot.y + (layout->plot.height - t->box.height) / 2);
}

/* The series: lines point by point, or bars with their value labels */
static void
place_series (Build *b)
{
  IndsatsChartLayout *layout = b->layout;
  const IndsatsChartData *data = b->data;
  IndsatsChartText *t;

  if (data->kind == INDSATS_FIGURE_LINE)
    {
      /* the grey areas first, so that the coloured ones lie on top */
      for (int pass = 0; pass < 2; pass++)
        for (guint s = 0; s < data->series->len; s++)
          {
            IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
            int style = series_style (data, s);
            IndsatsChartPath *p;
            int n = data->n_periods;

            if ((pass == 0) != (style == INDSATS_CHART_STYLE_OTHER))
              continue;
            layout->others |= style == INDSATS_CHART_STYLE_OTHER;
            p = g_new0 (IndsatsChartPath, 1);
            p->series = s;
            p->style = style;
            p->n = n;
            p->x = g_new (double, MAX (n, 1));
            p->y = g_new (double, MAX (n, 1));
            p->preliminary = g_memdup2 (series->preliminary, sizeof (gboolean) * MAX (n, 1));
            p->point = g_new0 (gboolean, MAX (n, 1));
            for (int i = 0; i < n; i++)
              {
                double v = series->values[i];

                if (isnan (v) || !drawable (v))
                  {
                    p->x[i] = p->y[i] = NAN;
                    continue;
                  }
                p->x[i] = ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, i))->center;
                p->y[i] = indsats_chart_layout_value_pos (layout, v);
              }
            for (int i = 0; i < n; i++)
              {
                /* a value with no neighbour would be invisible without its point */
                gboolean alone = (i == 0 || isnan (p->x[i - 1])) && (i == n - 1 || isnan (p->x[i + 1]));
                p->point[i] = !isnan (p->x[i]) && style != INDSATS_CHART_STYLE_OTHER &&
                              (n <= 40 || alone || i == n - 1 || p->preliminary[i]);
              }
            g_ptr_array_add (layout->paths, p);
          }
    }
  else
    {
      double group = layout->slot * (b->single ? 0.6 : 0.8);
      guint n = data->series->len;
      double thickness = b->single ? group : group / MAX (n, 1);
      double zero = indsats_chart_layout_value_pos (layout, 0);

      for (guint s = 0; s < n; s++)
        {
          IndsatsChartSeries *series = g_ptr_array_index (data->series, s);

          for (int i = 0; i < data->n_periods; i++)
            {
              double v = series->values[i], end, center;
              IndsatsChartBar *bar;

              if (isnan (v) || !drawable (v))
                continue;
              bar = g_new0 (IndsatsChartBar, 1);
              bar->series = s;
              bar->period = i;
              bar->style = series_style (data, s);
              bar->preliminary = series->preliminary[i];
              layout->others |= bar->style == INDSATS_CHART_STYLE_OTHER;
              end = indsats_chart_layout_value_pos (layout, v);
              if (b->single)
                center = ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, s))->center;
              else
                center = ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, i))->center -
                         group / 2 + thickness * (s + 0.5);
              if (layout->horizontal)
                bar->rect = (IndsatsRect) { MIN (zero, end), center - thickness * 0.46, fabs (end - zero), thickness * 0.92 };
              else
                bar->rect = (IndsatsRect) { center - thickness * 0.46, MIN (zero, end), thickness * 0.92, fabs (end - zero) };
              g_ptr_array_add (layout->bars, bar);

              /* the value at the end of a bar, outside it when there is room,
               * else inside in white: never dark text on a dark bar */
              if (layout->horizontal && (b->single || thickness > layout->font_size) && b->level < LEVEL_BARE)
                {
                  g_autofree char *label = tick_label (data, layout, v / pow (10, layout->exponent), layout->decimals);
                  double gap = layout->font_size * INDSATS_CHART_LABEL_GAP;
                  double lx;

                  t = add_text (layout, b->context, INDSATS_ROLE_VALUE, INDSATS_TEXT_SMALL, INDSATS_INK_TEXT,
                                label, 0, 0, 0, 0);
                  lx = v >= 0 ? end + gap : end - gap - t->box.width;
                  if (lx < layout->plot.x || lx + t->box.width > b->width - b->margin * 0.5)
                    {
                      lx = v >= 0 ? end - gap - t->box.width : end + gap;
                      t->ink = INDSATS_INK_ON_DARK;
                    }
                  indsats_chart_text_move (t, lx, center - t->box.height / 2);
                }
            }
        }
    }
}

static gboolean
build (IndsatsChartLayout     *layout,
       const IndsatsChartData *data,
       PangoContext           *context,
       Level                   level)
{
  Build state = { layout, data, context, level, layout->width, layout->height };
  Build *b = &state;

  clear (layout);
  layout->ticks = g_ptr_array_new_with_free_func ((GDestroyNotify) tick_free);
  layout->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
  layout->markers = g_ptr_array_new_with_free_func ((GDestroyNotify) marker_pos_free);
  layout->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) path_free);
  layout->bars = g_ptr_array_new_with_free_func (g_free);
  layout->legend_entries = g_ptr_array_new_with_free_func (g_free);
  layout->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_chart_text_free);
  layout->threshold_pos = NAN;
  layout->legend = (IndsatsRect) { 0 };
  layout->unit = (IndsatsRect) { 0 };
  layout->source = (IndsatsRect) { 0 };
  layout->legend_columns = 0;
  layout->marker_rows = 0;
  layout->others = FALSE;

  b->single = indsats_chart_single_period_bars (data);
  b->n_categories = b->single ? data->series->len : (guint) data->n_periods;
  b->margin = layout->font_size * (MIN (b->width, b->height) < 240 ? 0.5 : 1);
  text_width (context, layout, INDSATS_TEXT_NORMAL, "Åg", &b->line_h);
  text_width (context, layout, INDSATS_TEXT_SMALL, "0", &b->small_h);
  layout->small_height = b->small_h;

  value_range (data, &b->min, &b->max, &b->n_drawable, &b->n_undrawable);
  layout->empty = b->n_drawable == 0 && b->n_undrawable == 0;
  layout->out_of_range = b->n_drawable == 0 && b->n_undrawable > 0;
  if (b->n_drawable == 0)
    b->min = b->max = 0;
  if (!isnan (data->threshold) && drawable (data->threshold))
    {
      b->min = MIN (b->min, data->threshold);
      b->max = MAX (b->max, data->threshold);
    }
  /* decide the exponent early: the unit line names it */
  make_ticks (layout, data, b->min, b->max, 6);

  place_heading (b);
  place_source (b);
  make_categories (b);
  find_markers (b);
  if (level < LEVEL_NO_LEGEND)
    place_legend (b);
  measure_value_axis (b);
  place_across (b);
  place_markers (b);

  /* The plot down */
  if (layout->horizontal)
    {
      layout->plot.y = b->top;
      layout->plot.height = b->bottom - b->top - (b->level < LEVEL_BARE ? b->small_h + layout->font_size * 0.3 : 0);
    }
  else
    {
      layout->plot.y = b->top + b->band + (b->level < LEVEL_BARE ? b->small_h * 0.6 : 0);
      layout->plot.height = b->bottom - layout->plot.y - (b->level < LEVEL_BARE ? b->small_h * 0.5 + 2 + b->cat_h : 0);
    }
  /* the plot must keep most of the picture before the legend and the unit line may stay */
  if (layout->plot.width < layout->font_size * 3 ||
      layout->plot.height < MAX (b->line_h * 1.5, b->level < LEVEL_NO_UNIT ? b->height * 0.4 : 0))
    {
      if (b->level + 1 < N_LEVELS)
        return FALSE;
      layout->plot.width = MAX (layout->plot.width, 1);
      layout->plot.height = MAX (layout->plot.height, 1);
    }

  place_ticks (b);
  place_cat_labels (b);
  place_threshold (b);
  place_marker_labels (b);
  if (layout->empty || layout->out_of_range)
    place_message (b);
  else
    place_series (b);
  return TRUE;
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
  IndsatsChartLayout *layout;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  layout = g_new0 (IndsatsChartLayout, 1);
  layout->width = width = MAX (width, 1);
  layout->height = height = MAX (height, 1);
  layout->font_family = g_strdup (INDSATS_CHART_FONT);
  layout->font_size = CLAMP (MIN (width / 62, height / 34), 8, 18);
  layout->line_width = MAX (1, layout->font_size / 12);
  layout->horizontal = data->kind == INDSATS_FIGURE_BAR;

  for (Level level = LEVEL_ALL; level < N_LEVELS; level++)
    if (build (layout, data, context, level))
      break;
  return layout;
}
