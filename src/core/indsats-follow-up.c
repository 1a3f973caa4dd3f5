/* indsats-follow-up.c
 *
 * The weekly question of a recovery plan: for each indicator that broke the
 * line, the latest value against the line (and that in words), the change
 * since the previous period and since the plan was made.
 */
#include "config.h"

#include "indsats-follow-up.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "indsats-catalog.h"
#include "indsats-format.h"
#include "indsats-period.h"

void
indsats_trigger_status_free (IndsatsTriggerStatus *s)
{
  if (s == NULL)
    return;
  g_free (s->text);
  g_free (s->indicator);
  g_free (s->area);
  g_free (s->unit);
  g_free (s->latest_period);
  g_free (s->previous_period);
  g_free (s->plan_period);
  g_free (s);
}

static int
decimals_of (double value)
{
  return fabs (value - round (value)) > 1e-9 ? 1 : 0;
}

char *
indsats_trigger_format_value (const IndsatsTriggerStatus *s,
                              double                      value)
{
  if (isnan (value))
    return g_strdup ("–");
  if (g_strcmp0 (s->unit, "pct") == 0)
    return indsats_format_percent (value, decimals_of (value));
  return indsats_format_number (value, decimals_of (value));
}

/* A text in the catalog's language, or the program's own; both keep a
 * format's arguments checked */
#define TRANSLATE(catalog, msgid) \
  ((catalog) ? indsats_catalog_gettext ((catalog), (msgid)) : g_dgettext (GETTEXT_PACKAGE, (msgid)))

/**
 * indsats_trigger_words:
 * @catalog: (nullable): the language to say it in; %NULL for the program's own
 *
 * Where the trigger's latest value stands against its line, in the words a
 * committee reads: back on the right side of it, on the wrong side, or on the
 * wrong side again after the previous period was on the right one. Which side
 * is right follows the indicator: for most, lower is better.
 *
 * Returns: (transfer full): "Under the 20 % line again", "Over the 20 % line",
 *   "Back over the 20 % line" or "No value yet"
 */
char *
indsats_trigger_words (const IndsatsTriggerStatus *s,
                       IndsatsCatalog             *catalog)
{
  g_autofree char *line = NULL;
  gboolean higher, was_right;

  g_return_val_if_fail (s != NULL, NULL);

  higher = s->higher_is_better;
  if (s->state == INDSATS_TRIGGER_UNKNOWN || isnan (s->threshold))
    return g_strdup (TRANSLATE (catalog, N_("No value yet")));
  line = indsats_trigger_format_value (s, s->threshold);
  was_right = !isnan (s->previous) && (higher ? s->previous >= s->threshold : s->previous <= s->threshold);
  if (s->state == INDSATS_TRIGGER_MET)
    return g_strdup_printf (higher ? TRANSLATE (catalog, N_("Over the %s line again"))
                                   : TRANSLATE (catalog, N_("Under the %s line again")), line);
  if (was_right)
    return g_strdup_printf (higher ? TRANSLATE (catalog, N_("Back under the %s line"))
                                   : TRANSLATE (catalog, N_("Back over the %s line")), line);
  return g_strdup_printf (higher ? TRANSLATE (catalog, N_("Under the %s line"))
                                 : TRANSLATE (catalog, N_("Over the %s line")), line);
}

/**
 * indsats_trigger_format_change:
 *
 * Returns: "−4,5 procentpoint" or "+12": the change from @from to @to
 */
char *
indsats_trigger_format_change (const IndsatsTriggerStatus *s,
                               double                      from,
                               double                      to)
{
  g_autofree char *number = NULL;
  double change;

  if (isnan (from) || isnan (to))
    return g_strdup ("–");
  change = round ((to - from) * 10) / 10;
  number = indsats_format_number (fabs (change), decimals_of (change));
  return g_strdup_printf ("%s%s%s", change > 0 ? "+" : change < 0 ? "−" : "±", number,
                          g_strcmp0 (s->unit, "pct") == 0 ? _(" percentage points") : "");
}

/**
 * indsats_follow_up_load:
 *
 * Returns: (transfer full) (element-type IndsatsTriggerStatus): one per trigger of the plan
 */
GPtrArray *
indsats_follow_up_load (IndsatsStore  *store,
                        gint64         plan_id,
                        GError       **error)
{
  g_autoptr(IndsatsPlan) plan = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_trigger_status_free);

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);

  if (!(plan = indsats_store_get_plan (store, plan_id, error)) ||
      !(names = indsats_store_list_trigger_indicators (store, plan_id, error)) ||
      !(indicators = indsats_store_list_indicators (store, error)))
    return NULL;

  for (guint t = 0; plan->triggers && plan->triggers[t]; t++)
    {
      IndsatsTriggerStatus *s = g_new0 (IndsatsTriggerStatus, 1);
      const char *name = t < names->len ? g_ptr_array_index (names, t) : "";
      g_autoptr(GArray) values = NULL;
      const IndsatsSeriesValue *latest = NULL, *previous = NULL, *at_plan = NULL;
      IndsatsPeriod plan_period;
      gboolean have_plan_date = FALSE;

      s->text = g_strdup (plan->triggers[t]);
      s->threshold = plan->threshold;
      s->latest = s->previous = s->at_plan = NAN;
      g_ptr_array_add (result, s);
      if (*name == '\0')
        continue;

      s->indicator = g_strdup (name);
      for (guint i = 0; i < indicators->len; i++)
        {
          IndsatsIndicator *ind = g_ptr_array_index (indicators, i);
          if (strcmp (ind->name, name) == 0)
            {
              s->unit = g_strdup (ind->unit);
              s->higher_is_better = ind->higher_is_better;
              if (!isnan (ind->threshold))
                s->threshold = ind->threshold;
            }
        }
      /* the area of the lowest-numbered figure that shows it, or else the first */
      if ((s->figure = indsats_store_find_figure_of_indicator (store, name, &s->area, error)) < 0 ||
          (s->area == NULL && !indsats_store_first_area (store, name, &s->area, error)))
        return NULL;
      if (s->area == NULL)
        continue;
      if (!(values = indsats_store_read_series (store, name, s->area, NULL, NULL, error)))
        return NULL;

      if (plan->dated && indsats_date_is_valid_iso (plan->dated))
        {
          GDate date;
          g_date_clear (&date, 1);
          g_date_set_parse (&date, plan->dated);
          have_plan_date = g_date_valid (&date);
          if (have_plan_date)
            plan_period = indsats_period_containing (INDSATS_PERIOD_MONTH, &date);
        }

      /* the values come in period order */
      for (guint i = 0; i < values->len; i++)
        {
          const IndsatsSeriesValue *v = &g_array_index (values, IndsatsSeriesValue, i);

          if (isnan (v->value))
            continue;
          previous = latest;
          latest = v;
          if (have_plan_date && indsats_period_compare (&v->period, &plan_period) <= 0)
            at_plan = v;
        }
      if (latest)
        {
          s->latest_period = indsats_period_to_string (&latest->period);
          s->latest = latest->value;
          s->latest_preliminary = latest->preliminary;
        }
      if (previous)
        {
          s->previous_period = indsats_period_to_string (&previous->period);
          s->previous = previous->value;
        }
      if (at_plan)
        {
          s->plan_period = indsats_period_to_string (&at_plan->period);
          s->at_plan = at_plan->value;
        }
      if (!isnan (s->latest) && !isnan (s->threshold))
        s->state = (s->higher_is_better ? s->latest >= s->threshold : s->latest <= s->threshold)
                     ? INDSATS_TRIGGER_MET : INDSATS_TRIGGER_NOT_MET;
    }
  return g_steal_pointer (&result);
}

/**
 * indsats_follow_up_load_figure:
 * @status: a trigger's status, with a figure
 *
 * The figure that shows @status, as the follow-up shows it: through the
 * period of its latest value, so that what the follow-up says and what its
 * figure shows always agree. A figure without a fixed end does so by itself;
 * one whose fixed end is older than the latest value is drawn on to it here
 * (the figure itself, in the workbook, keeps its end).
 *
 * Returns: (transfer full): the data to draw, or %NULL with @error set
 */
IndsatsChartData *
indsats_follow_up_load_figure (IndsatsStore               *store,
                               const IndsatsTriggerStatus *status,
                               GError                    **error)
{
  g_autoptr(IndsatsFigure) figure = NULL;
  IndsatsPeriod latest, end;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (status != NULL && status->figure > 0, NULL);

  if (!(figure = indsats_store_get_figure (store, status->figure, error)))
    return NULL;
  if (status->latest_period != NULL && figure->period_to != NULL && *figure->period_to &&
      indsats_period_parse (status->latest_period, &latest, NULL) &&
      indsats_period_parse (figure->period_to, &end, NULL) &&
      latest.kind == end.kind && indsats_period_compare (&latest, &end) > 0)
    {
      g_free (figure->period_to);
      figure->period_to = g_strdup (status->latest_period);
    }
  return indsats_chart_data_load_figure (store, figure, error);
}
