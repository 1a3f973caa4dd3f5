/* indsats-chart-data.c: what one figure shows, read from the store */
#include "config.h"

#include "indsats-chart.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "indsats-catalog.h"
#include "indsats-error.h"
#include "indsats-format.h"

/* Okabe and Ito's palette, told apart with colour blindness; each series also
 * has its own dash and point shape, so a grayscale print works. */
static const IndsatsSeriesStyle styles[] = {
  { { 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0 }, { 0, 0 }, INDSATS_POINT_CIRCLE, "#0072B2" },
  { { 0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0 }, { 4, 2 }, INDSATS_POINT_SQUARE, "#E69F00" },
  { { 0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0 }, { 1, 1.5 }, INDSATS_POINT_TRIANGLE, "#009E73" },
  { { 0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0 }, { 6, 2 }, INDSATS_POINT_DIAMOND, "#CC79A7" },
  { { 0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0 }, { 3, 3 }, INDSATS_POINT_CIRCLE, "#56B4E9" },
  { { 0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0 }, { 1, 3 }, INDSATS_POINT_SQUARE, "#D55E00" },
  { { 0x00 / 255.0, 0x00 / 255.0, 0x00 / 255.0 }, { 5, 1.5 }, INDSATS_POINT_TRIANGLE, "#000000" },
};

const IndsatsSeriesStyle *
indsats_chart_series_style (guint index)
{
  return &styles[index % G_N_ELEMENTS (styles)];
}

static void
series_free (IndsatsChartSeries *s)
{
  g_free (s->label);
  g_free (s->values);
  g_free (s->preliminary);
  g_free (s);
}

static void
marker_free (IndsatsChartMarker *m)
{
  g_free (m->date);
  g_free (m->label);
  g_free (m);
}

IndsatsChartData *
indsats_chart_data_new (void)
{
  IndsatsChartData *data = g_new0 (IndsatsChartData, 1);

  data->threshold = NAN;
  data->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  data->markers = g_ptr_array_new_with_free_func ((GDestroyNotify) marker_free);
  return data;
}

void
indsats_chart_data_free (IndsatsChartData *data)
{
  if (data == NULL)
    return;
  g_free (data->title);
  g_free (data->unit);
  g_free (data->source);
  g_free (data->periods);
  g_free (data->threshold_label);
  g_clear_pointer (&data->series, g_ptr_array_unref);
  g_clear_pointer (&data->markers, g_ptr_array_unref);
  g_free (data);
}

/**
 * indsats_chart_data_set_periods:
 *
 * Sets the periods along the axis; call before adding series.
 */
void
indsats_chart_data_set_periods (IndsatsChartData    *data,
                                const IndsatsPeriod *periods,
                                int                  n_periods)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (data->series->len == 0);

  g_free (data->periods);
  data->periods = g_memdup2 (periods, sizeof (IndsatsPeriod) * MAX (n_periods, 0));
  data->n_periods = MAX (n_periods, 0);
}

/**
 * indsats_chart_data_add_series:
 *
 * Returns: (transfer none): a new series with every value missing
 */
IndsatsChartSeries *
indsats_chart_data_add_series (IndsatsChartData *data,
                               const char       *label)
{
  IndsatsChartSeries *s = g_new0 (IndsatsChartSeries, 1);

  s->label = g_strdup (label ? label : "");
  s->values = g_new (double, MAX (data->n_periods, 1));
  s->preliminary = g_new0 (gboolean, MAX (data->n_periods, 1));
  for (int i = 0; i < data->n_periods; i++)
    s->values[i] = NAN;
  g_ptr_array_add (data->series, s);
  return s;
}

static void
add_marker (IndsatsChartData *data,
            const char       *date,
            int               n_actions,
            gboolean          planned)
{
  IndsatsChartMarker *m;

  g_return_if_fail (indsats_date_is_valid_iso (date));

  m = g_new0 (IndsatsChartMarker, 1);
  m->date = g_strdup (date);
  m->n_actions = n_actions;
  m->planned = planned;
  m->label = g_strdup_printf ("%.2s.%.2s", date + 8, date + 5);
  g_ptr_array_add (data->markers, m);
}

/**
 * indsats_chart_data_add_marker:
 * @date: YYYY-MM-DD
 * @n_actions: how many actions took effect that day
 *
 * Marks the day on which actions took effect (or should have: they started).
 */
void
indsats_chart_data_add_marker (IndsatsChartData *data,
                               const char       *date,
                               int               n_actions)
{
  add_marker (data, date, n_actions, FALSE);
}

/**
 * indsats_chart_data_add_planned_marker:
 *
 * Marks a day on which actions are planned to take effect that have not
 * started; it is drawn differently from one on which actions started.
 */
void
indsats_chart_data_add_planned_marker (IndsatsChartData *data,
                                       const char       *date,
                                       int               n_actions)
{
  add_marker (data, date, n_actions, TRUE);
}

char *
indsats_chart_data_get_heading (const IndsatsChartData *data)
{
  if (data->number > 0)
    return g_strdup_printf ("Figur %d. %s", data->number, data->title ? data->title : "");
  return g_strdup (data->title ? data->title : "");
}

/**
 * indsats_chart_format_value:
 *
 * Returns: the value as the figure writes it: "12,5 %", "1.234" or "−3,2",
 *   with a real minus sign (U+2212) as in the window
 */
char *
indsats_chart_format_value (const IndsatsChartData *data,
                            double                  value,
                            int                     decimals)
{
  g_autofree char *text = NULL;

  if (isnan (value))
    return g_strdup ("–");
  text = data->percent ? indsats_format_percent (value, decimals)
                       : indsats_format_number (value, decimals);
  if (text[0] == '-')
    return g_strconcat ("−", text + 1, NULL);
  return g_steal_pointer (&text);
}

/**
 * indsats_chart_data_get_threshold_label:
 *
 * Returns: (transfer full) (nullable): what the line is called: the figure's
 *   own words when it has them, else "Line 20 %" in the data's language;
 *   %NULL when there is no line
 */
char *
indsats_chart_data_get_threshold_label (const IndsatsChartData *data)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (isnan (data->threshold))
    return NULL;
  if (data->threshold_label != NULL && *data->threshold_label != '\0')
    return g_strdup (data->threshold_label);
  value = indsats_chart_format_value (data, data->threshold, fabs (data->threshold - round (data->threshold)) > 1e-9);
  /* Translators: the name of a figure's threshold line, with its value: "Line 20 %" */
  return g_strdup_printf (data->catalog ? indsats_catalog_gettext (data->catalog, N_("Line %s")) : _("Line %s"), value);
}

/* The decimals a value needs to be read as it was stored: 5.4 → 1, 288 → 0 */
static int
value_decimals (double value)
{
  for (int d = 0; d < 3; d++)
    {
      double scaled = value * pow (10, d);
      if (fabs (scaled - round (scaled)) < 1e-6)
        return d;
    }
  return 2;
}

/**
 * indsats_chart_data_latest_period:
 *
 * Returns: the index of the newest period with a value, -1 when there is none
 */
int
indsats_chart_data_latest_period (const IndsatsChartData *data)
{
  for (int i = data->n_periods - 1; i >= 0; i--)
    for (guint s = 0; s < data->series->len; s++)
      if (!isnan (((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->values[i]))
        return i;
  return -1;
}

/**
 * indsats_chart_data_describe:
 *
 * Returns: a sentence for a screen reader with the latest values:
 *   "aug. 2023: Ishøj 5,4 %, Brøndby 12,4 %, Hele landet 6,9 %."
 */
char *
indsats_chart_data_describe (const IndsatsChartData *data)
{
  GString *out = g_string_new (NULL);
  int latest = indsats_chart_data_latest_period (data);
  g_autofree char *label = NULL;

  if (latest < 0)
    return g_string_free (out, FALSE);
  label = indsats_period_to_words (&data->periods[latest], data->catalog);
  g_string_append_printf (out, "%s: ", label);
  for (guint s = 0; s < data->series->len; s++)
    {
      IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
      g_autofree char *value = indsats_chart_format_value (data, series->values[latest],
                                                           value_decimals (series->values[latest]));

      g_string_append_printf (out, "%s%s %s", s > 0 ? ", " : "", series->label, value);
      if (series->preliminary[latest])
        g_string_append (out, _(" (preliminary)"));
    }
  g_string_append_c (out, '.');
  if (!isnan (data->threshold))
    {
      g_autofree char *line = indsats_chart_data_get_threshold_label (data);
      g_string_append_printf (out, " %s.", line);
    }
  return g_string_free (out, FALSE);
}

/* Loading from the store */

/* The periods along the axis: the figure's range, or where it gives no end,
 * the first or last period of the first series' values */
static gboolean
periods_of_figure (const IndsatsFigure *figure,
                   const IndsatsPeriod *from_given,
                   const IndsatsPeriod *to_given,
                   GArray              *values,
                   GArray              *periods,
                   GError             **error)
{
  IndsatsPeriod from = { 0 }, to = { 0 }, lo = { 0 }, hi = { 0 };
  gboolean found = FALSE;

  if (from_given)
    from = *from_given;
  if (to_given)
    to = *to_given;

  if (!from_given || !to_given)
    {
      for (guint i = 0; i < values->len; i++)
        {
          const IndsatsSeriesValue *v = &g_array_index (values, IndsatsSeriesValue, i);

          if (v->series != 0)
            continue;
          /* one kind of period along an axis: the kind of the given end, or of the first value */
          if ((from_given && v->period.kind != from.kind) || (to_given && v->period.kind != to.kind) ||
              (found && v->period.kind != lo.kind))
            continue;
          if (!found || indsats_period_compare (&v->period, &lo) < 0)
            lo = v->period;
          if (!found || indsats_period_compare (&v->period, &hi) > 0)
            hi = v->period;
          found = TRUE;
        }
      if (!found)
        return TRUE; /* no data: an empty figure */
      if (!from_given)
        from = lo;
      if (!to_given)
        to = hi;
    }

  if (from.kind != to.kind)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("Figur %d runs from %s to %s: the two periods must be of the same kind; change one of them"),
                   figure->number, figure->period_from, figure->period_to);
      return FALSE;
    }
  for (int n = indsats_period_ordinal (&from); n <= indsats_period_ordinal (&to); n++)
    {
      IndsatsPeriod p = indsats_period_from_ordinal (from.kind, n);
      g_array_append_val (periods, p);
      if (periods->len > 100000)
        break;
    }
  return TRUE;
}

static int
find_period (const IndsatsChartData *data,
             const IndsatsPeriod    *p)
{
  int index;

  /* the periods are consecutive and of one kind */
  if (data->n_periods == 0 || p->kind != data->periods[0].kind)
    return -1;
  index = indsats_period_ordinal (p) - indsats_period_ordinal (&data->periods[0]);
  return index >= 0 && index < data->n_periods ? index : -1;
}

static void
clean_text (char **text)
{
  char *clean = indsats_text_for_xml (*text);

  g_free (*text);
  *text = clean;
}

/* A second line of defence behind the store's checks: a database written
 * before them may hold a control character, which XML 1.0 (the SVG, the
 * workbook's chart) cannot; it is left out of every figure */
static void
keep_to_xml (IndsatsChartData *data)
{
  clean_text (&data->title);
  clean_text (&data->unit);
  clean_text (&data->source);
  clean_text (&data->threshold_label);
  for (guint i = 0; i < data->series->len; i++)
    clean_text (&((IndsatsChartSeries *) g_ptr_array_index (data->series, i))->label);
}

/* What indsats_chart_data_load() reads, inside its read transaction */
static IndsatsChartData *
load_figure (IndsatsStore  *store,
             int            figure_number,
             GError       **error)
{
  g_autoptr(IndsatsFigure) figure = NULL;

  if (!(figure = indsats_store_get_figure (store, figure_number, error)))
    return NULL;
  return indsats_chart_data_load_figure (store, figure, error);
}

/**
 * indsats_chart_data_load_figure:
 * @figure: a figure as the store gave it
 *
 * Reads what @figure shows: its series' values, in one query, within its
 * range of periods, and the start dates of the actions linked to it.
 *
 * Returns: (transfer full): the data, or %NULL with @error set
 */
IndsatsChartData *
indsats_chart_data_load_figure (IndsatsStore         *store,
                                const IndsatsFigure  *figure,
                                GError              **error)
{
  g_autoptr(IndsatsChartData) data = NULL;
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (IndsatsPeriod));
  g_autoptr(GArray) values = NULL;
  g_autoptr(GHashTable) dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GList) sorted = NULL;
  IndsatsPeriod from, to;
  gboolean have_from = figure->period_from && *figure->period_from;
  gboolean have_to = figure->period_to && *figure->period_to;
  gboolean several_indicators = FALSE;
  gboolean all_percent = TRUE;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (figure != NULL, NULL);

  data = indsats_chart_data_new ();
  data->number = figure->number;
  data->title = g_strdup (figure->title);
  data->kind = figure->kind;
  data->unit = g_strdup (figure->unit);
  data->source = g_strdup (figure->source);
  data->threshold = figure->threshold;
  data->threshold_label = g_strdup (figure->threshold_label);

  if (figure->series->len > 0)
    {
      if ((have_from && !indsats_period_parse (figure->period_from, &from, error)) ||
          (have_to && !indsats_period_parse (figure->period_to, &to, error)))
        return NULL;
      if (!(values = indsats_store_read_figure_values (store, figure->id, have_from ? &from : NULL,
                                                       have_to ? &to : NULL, error)) ||
          !periods_of_figure (figure, have_from ? &from : NULL, have_to ? &to : NULL, values, periods, error))
        return NULL;
    }
  indsats_chart_data_set_periods (data, (IndsatsPeriod *) periods->data, periods->len);

  for (guint i = 1; i < figure->series->len; i++)
    if (g_strcmp0 (((IndsatsFigureSeries *) g_ptr_array_index (figure->series, i))->indicator,
                   ((IndsatsFigureSeries *) g_ptr_array_index (figure->series, 0))->indicator) != 0)
      several_indicators = TRUE;

  for (guint i = 0; i < figure->series->len; i++)
    {
      IndsatsFigureSeries *fs = g_ptr_array_index (figure->series, i);
      const char *label = fs->label;

      if (label == NULL || *label == '\0')
        label = several_indicators ? fs->indicator : fs->area;
      indsats_chart_data_add_series (data, label);
    }
  for (guint k = 0; values && k < values->len; k++)
    {
      const IndsatsSeriesValue *v = &g_array_index (values, IndsatsSeriesValue, k);
      IndsatsChartSeries *series;
      int index;

      if (v->series >= data->series->len)
        continue;
      if (g_strcmp0 (v->unit, "pct") != 0)
        all_percent = FALSE;
      if ((index = find_period (data, &v->period)) < 0)
        continue;
      series = g_ptr_array_index (data->series, v->series);
      series->values[index] = v->value;
      series->preliminary[index] = v->preliminary;
    }
  data->percent = figure->series->len > 0 && all_percent;

  /* a column chart compares the periods that have values ("2. kvt. 2023
   * against a year earlier"): empty groups between them would only be gaps */
  if (data->kind == INDSATS_FIGURE_COLUMN)
    {
      int kept = 0;

      for (int i = 0; i < data->n_periods; i++)
        {
          gboolean any = FALSE;

          for (guint s = 0; s < data->series->len; s++)
            any |= !isnan (((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->values[i]);
          if (!any)
            continue;
          data->periods[kept] = data->periods[i];
          for (guint s = 0; s < data->series->len; s++)
            {
              IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
              series->values[kept] = series->values[i];
              series->preliminary[kept] = series->preliminary[i];
            }
          kept++;
        }
      data->n_periods = kept;
    }

  /* a marker per date on which linked actions took effect; actions still
   * planned whose date has not come get markers of their own */
  {
    g_autofree char *today = indsats_today_iso ();
    g_autoptr(GHashTable) planned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GList) sorted_planned = NULL;

    for (guint i = 0; i < figure->action_ids->len; i++)
      {
        g_autoptr(IndsatsAction) a = indsats_store_get_action (store, g_array_index (figure->action_ids, gint64, i), NULL);
        GHashTable *table;
        const char *day;

        if (a == NULL || a->status == INDSATS_STATUS_DROPPED || !indsats_date_is_valid_iso (a->start_date))
          continue;
        /* an action that has started is marked on the day it took effect, when that is known */
        day = a->status != INDSATS_STATUS_PLANNED && indsats_date_is_valid_iso (a->started_on) ? a->started_on
                                                                                              : a->start_date;
        table = a->status == INDSATS_STATUS_PLANNED && strcmp (day, today) > 0 ? planned : dates;
        g_hash_table_insert (table, g_strdup (day),
                             GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (table, day)) + 1));
      }
    sorted = g_list_sort (g_hash_table_get_keys (dates), (GCompareFunc) strcmp);
    for (GList *l = sorted; l; l = l->next)
      indsats_chart_data_add_marker (data, l->data, GPOINTER_TO_INT (g_hash_table_lookup (dates, l->data)));
    sorted_planned = g_list_sort (g_hash_table_get_keys (planned), (GCompareFunc) strcmp);
    for (GList *l = sorted_planned; l; l = l->next)
      indsats_chart_data_add_planned_marker (data, l->data, GPOINTER_TO_INT (g_hash_table_lookup (planned, l->data)));
  }

  return g_steal_pointer (&data);
}

/**
 * indsats_chart_data_load:
 * @figure_number: the figure's number, 5 for Figur 5
 *
 * Reads a figure's definition, its values and the start dates of the actions
 * linked to it.
 *
 * Returns: (transfer full): the data, or %NULL with @error set
 */
IndsatsChartData *
indsats_chart_data_load (IndsatsStore  *store,
                         int            figure_number,
                         GError       **error)
{
  IndsatsChartData *data;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);

  /* one moment of the data, even while an import runs */
  if (!indsats_store_begin_read (store, error))
    return NULL;
  data = load_figure (store, figure_number, error);
  indsats_store_rollback (store);
  if (data != NULL)
    keep_to_xml (data);
  return data;
}

/**
 * indsats_chart_others_label:
 *
 * Returns: what the legend calls the areas drawn as thin grey lines
 */
const char *
indsats_chart_others_label (void)
{
  return _("Other municipalities");
}
