/* indsats-store-keyfigures.c
 *
 * Indicators, their observations (key figures, with revisions) and areas.
 */
#include "config.h"

#include "indsats-store-private.h"
#include "indsats-store-tables.h"

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-period.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

/* Indicators and observations */

static const char sql_indicator_id[] = "SELECT id FROM indicator WHERE name = ?";
static const char sql_insert_indicator[] =
  "INSERT INTO indicator (name, unit, higher_is_better, threshold) VALUES (?, ?, ?, ?)";
static const char sql_list_indicators[] =
  "SELECT id, name, unit, higher_is_better, threshold FROM indicator ORDER BY name";

gint64
indsats_store_find_indicator (IndsatsStore  *self,
                              const char    *name,
                              GError       **error)
{
  g_autofree char *normal = indsats_text_normalize (name ? name : "");

  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  return select_id (self, sql_indicator_id, normal, 0, _("Cannot read the indicators"), error);
}

/**
 * indsats_store_ensure_indicator:
 *
 * Returns: the id of the indicator called @name, made when new; 0 on error
 */
gint64
indsats_store_ensure_indicator (IndsatsStore  *self,
                                const char    *name,
                                const char    *unit,
                                gboolean       higher_is_better,
                                double         threshold,
                                GError       **error)
{
  IndsatsStmt *stmt;
  gint64 id;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("The indicator's name is empty"));
      return 0;
    }
  if (!indsats_text_check (name, _("The indicator's name"), FALSE, error) ||
      !indsats_text_check (unit, _("The indicator's unit"), FALSE, error))
    return 0;
  id = indsats_store_find_indicator (self, name, error);
  if (id != 0)
    return id < 0 ? 0 : id;

  if (!(stmt = prepare (self, sql_insert_indicator, error)))
    return 0;
  bind_text_nfc (stmt, 1, name);
  bind_text_nfc (stmt, 2, unit ? unit : "");
  bind_int (stmt, 3, higher_is_better ? 1 : 0);
  bind_double (stmt, 4, threshold);
  if (!step_done (self, stmt, _("Cannot save the indicator"), error))
    return 0;
  return last_insert_id (self);
}

GPtrArray *
indsats_store_list_indicators (IndsatsStore  *self,
                               GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_indicator_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_indicators, error)))
    return NULL;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsIndicator *ind = g_new0 (IndsatsIndicator, 1);
      ind->id = column_int64 (stmt, 0);
      ind->name = column_text (stmt, 1);
      ind->unit = column_text (stmt, 2);
      ind->higher_is_better = column_int (stmt, 3) != 0;
      ind->threshold = column_double (stmt, 4);
      g_ptr_array_add (list, ind);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the indicators"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The kinds of period an indicator's values have (the low bits of period_key) */
static const char sql_period_kinds[] =
  "SELECT DISTINCT period_key % 8 FROM observation WHERE indicator_id = ?";

/**
 * indsats_store_get_period_kinds:
 * @kinds: (out): a bit (1 << IndsatsPeriodKind) for each kind of period the
 *   indicator has values for; 0 when it has none
 */
gboolean
indsats_store_get_period_kinds (IndsatsStore  *self,
                                gint64         indicator_id,
                                guint         *kinds,
                                GError       **error)
{
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  *kinds = 0;
  if (!(stmt = prepare (self, sql_period_kinds, error)))
    return FALSE;
  bind_int64 (stmt, 1, indicator_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    *kinds |= 1u << column_int (stmt, 0);
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot read the key figures"));
  return TRUE;
}

static const char sql_find_observation[] =
  "SELECT id, value, preliminary FROM observation WHERE indicator_id = ? AND area = ? AND period = ?";
static const char sql_update_observation[] =
  "UPDATE observation SET value = ?, preliminary = ?, source = ?, updated_at = ? WHERE id = ?";
static const char sql_insert_revision[] =
  "INSERT INTO observation_revision (observation_id, changed_at, old_value, new_value, source)"
  " VALUES (?, ?, ?, ?, ?)";

/* A key that sorts periods as indsats_period_compare() does: by the month
 * they end in, then by kind */
static int
period_key (const IndsatsPeriod *p)
{
  GDate last;

  indsats_period_get_last_day (p, &last);
  return (g_date_get_year (&last) * 12 + g_date_get_month (&last) - 1) * 8 + (int) p->kind;
}

static gboolean
same_value (double a,
            double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return a == b;
}

static const char sql_insert_new_observation[] =
  "INSERT INTO observation (indicator_id, area, period, period_key, value, preliminary, source, updated_at)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (indicator_id, area, period) DO NOTHING";

static const char sql_last_observation[] = "SELECT coalesce (max (id), 0) FROM observation";

/**
 * indsats_store_get_last_observation_id:
 * @id: (out): the largest id an observation has now, 0 when there is none
 *
 * Every observation added after this has a larger id, so an import can tell
 * the values it wrote itself from those that were there.
 */
gboolean
indsats_store_get_last_observation_id (IndsatsStore  *self,
                                       gint64        *id,
                                       GError       **error)
{
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  *id = 0;
  if (!(stmt = prepare (self, sql_last_observation, error)))
    return FALSE;
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    *id = column_int64 (stmt, 0);
  reset (stmt);
  if (rc != INDSATS_STEP_ROW)
    return set_db_error (self, error, _("Cannot read the key figures"));
  return TRUE;
}

/**
 * indsats_store_find_import_observation:
 * @found: (out): whether the import wrote a value of this key (an id above
 *   @fresh_after)
 * @value: (out): that value
 */
gboolean
indsats_store_find_import_observation (IndsatsStore         *self,
                                       gint64                indicator_id,
                                       const char           *area,
                                       const IndsatsPeriod  *period,
                                       gint64                fresh_after,
                                       gboolean             *found,
                                       double               *value,
                                       GError              **error)
{
  char canonical[32];
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  *found = FALSE;
  indsats_period_write (period, canonical, sizeof canonical);
  if (!(stmt = prepare (self, sql_find_observation, error)))
    return FALSE;
  bind_int64 (stmt, 1, indicator_id);
  bind_text_static (stmt, 2, area);
  bind_text_static (stmt, 3, canonical);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    {
      *found = column_int64 (stmt, 0) > fresh_after;
      *value = column_double (stmt, 1);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_ROW && rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot read the key figures"));
  return TRUE;
}

/**
 * indsats_store_put_observation:
 * @area: in Unicode NFC, as the importer gives it (set_observation() takes
 *   any spelling)
 * @period: the period, parsed
 * @now: the time to record, as indsats_store_now() gives it; one per import
 * @change: (out) (optional): whether the row was added, updated or unchanged
 *
 * Adds or updates one observation; a changed value is recorded as a
 * revision. This is the import's path: a new value costs one statement.
 */
gboolean
indsats_store_put_observation (IndsatsStore              *self,
                               gint64                     indicator_id,
                               const char                *area,
                               const IndsatsPeriod       *period,
                               double                     value,
                               gboolean                   preliminary,
                               const char                *source,
                               const char                *now,
                               IndsatsObservationChange  *change,
                               GError                   **error)
{
  return indsats_store_put_import_observation (self, indicator_id, area, period, value, preliminary, source, now,
                                               G_MAXINT64, NULL, NULL, change, NULL, NULL, error);
}

/* One statement adds a batch of new values: the statement's cost, more than
 * a row's, is paid once for the batch. The first row numbers its
 * parameters after the source (?1) and the time (?2); the others follow. */
#define NEW_ROW ", (?, ?, ?, ?, ?, 0, ?1, ?2)"
#define NEW_ROWS_4 NEW_ROW NEW_ROW NEW_ROW NEW_ROW
#define NEW_ROWS_16 NEW_ROWS_4 NEW_ROWS_4 NEW_ROWS_4 NEW_ROWS_4
#define NEW_ROWS_63 NEW_ROWS_16 NEW_ROWS_16 NEW_ROWS_16 NEW_ROWS_4 NEW_ROWS_4 NEW_ROWS_4 NEW_ROW NEW_ROW NEW_ROW
G_STATIC_ASSERT (INDSATS_STORE_NEW_OBSERVATIONS == 64);
static const char sql_insert_new_observations[] =
  "INSERT INTO observation (indicator_id, area, period, period_key, value, preliminary, source, updated_at)"
  " VALUES (?3, ?4, ?5, ?6, ?7, 0, ?1, ?2)" NEW_ROWS_63
  " ON CONFLICT (indicator_id, area, period) DO NOTHING";

/**
 * indsats_store_add_new_observations:
 * @rows: (array fixed-size=64): the values, of indicators that exist
 * @before: (out): the largest observation id before: the rows added have
 *   larger ones
 * @added: (out): how many were added
 *
 * Adds, in one statement, those of @rows whose indicator, area and period
 * have no value yet; the others are left as they are, and the caller tells
 * them apart (indsats_store_find_import_observation() with @before).
 *
 * Returns: %FALSE with @error set, and nothing changed: INDSATS_ERROR_INVALID
 *   when a row cannot be stored as it is
 */
gboolean
indsats_store_add_new_observations (IndsatsStore                *self,
                                    const IndsatsNewObservation *rows,
                                    const char                  *source,
                                    const char                  *now,
                                    gint64                      *before,
                                    guint                       *added,
                                    GError                     **error)
{
  char canonical[INDSATS_STORE_NEW_OBSERVATIONS][32];
  const char *checked = NULL;
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  *added = 0;
  if (!indsats_text_check (source, _("The source"), FALSE, error))
    return FALSE;
  for (guint i = 0; i < INDSATS_STORE_NEW_OBSERVATIONS; i++)
    {
      const char *area = rows[i].area;

      /* rows of one area come together: each is checked once */
      if (area == checked)
        continue;
      if (area == NULL || *area == '\0')
        {
          g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("The area is empty"));
          return FALSE;
        }
      if (!indsats_text_check (area, _("The area"), FALSE, error))
        return FALSE;
      checked = area;
    }
  if (!indsats_store_get_last_observation_id (self, before, error))
    return FALSE;

  if (!(stmt = prepare (self, sql_insert_new_observations, error)))
    return FALSE;
  bind_text_static (stmt, 1, source ? source : "");
  bind_text_static (stmt, 2, now);
  for (guint i = 0; i < INDSATS_STORE_NEW_OBSERVATIONS; i++)
    {
      const IndsatsNewObservation *row = &rows[i];
      int at = 3 + 5 * (int) i;

      indsats_period_write (&row->period, canonical[i], sizeof canonical[i]);
      bind_int64 (stmt, at, row->indicator_id);
      bind_text_static (stmt, at + 1, row->area);
      bind_text_static (stmt, at + 2, canonical[i]);
      bind_int (stmt, at + 3, period_key (&row->period));
      bind_double (stmt, at + 4, row->value);
    }
  if (!step_done (self, stmt, _("Cannot save the key figure"), error))
    return FALSE;
  *added = (guint) changes (self);
  return TRUE;
}

/**
 * indsats_store_put_import_observation:
 * @fresh_after: an id from indsats_store_get_last_observation_id() at the
 *   start of the import: an observation with a larger one is the import's own
 * @older: (nullable): asked before an observation that was there before the
 *   import is compared and changed; it sets its `proceed` to FALSE to leave
 *   the observation as it is (the import met its key already)
 * @repeat: (out) (optional): TRUE when the import wrote this key already;
 *   nothing is changed then, and @there holds the value it wrote
 *
 * Adds or updates one observation as indsats_store_put_observation() does,
 * telling the import's own values from older ones by their id.
 */
gboolean
indsats_store_put_import_observation (IndsatsStore              *self,
                                      gint64                     indicator_id,
                                      const char                *area,
                                      const IndsatsPeriod       *period,
                                      double                     value,
                                      gboolean                   preliminary,
                                      const char                *source,
                                      const char                *now,
                                      gint64                     fresh_after,
                                      IndsatsStoreOlderFunc      older,
                                      gpointer                   older_data,
                                      IndsatsObservationChange  *change,
                                      gboolean                  *repeat,
                                      double                    *there,
                                      GError                   **error)
{
  char canonical[32];
  IndsatsStmt *stmt;
  gint64 id = 0;
  double old_value = NAN;
  gboolean old_preliminary = FALSE;
  gboolean proceed = TRUE;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (repeat)
    *repeat = FALSE;

  if (area == NULL || *area == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("The area is empty"));
      return FALSE;
    }
  if (!indsats_text_check (area, _("The area"), FALSE, error) ||
      !indsats_text_check (source, _("The source"), FALSE, error))
    return FALSE;
  if (source == NULL)
    source = "";
  indsats_period_write (period, canonical, sizeof canonical);

  if (!(stmt = prepare (self, sql_insert_new_observation, error)))
    return FALSE;
  bind_int64 (stmt, 1, indicator_id);
  bind_text_static (stmt, 2, area);
  bind_text_static (stmt, 3, canonical);
  bind_int (stmt, 4, period_key (period));
  bind_double (stmt, 5, value);
  bind_int (stmt, 6, preliminary ? 1 : 0);
  bind_text_static (stmt, 7, source);
  bind_text_static (stmt, 8, now);
  if (!step_done (self, stmt, _("Cannot save the key figure"), error))
    return FALSE;
  if (changes (self) == 1)
    {
      if (change)
        *change = INDSATS_OBSERVATION_ADDED;
      return TRUE;
    }

  /* it was there: compare */
  if (!(stmt = prepare (self, sql_find_observation, error)))
    return FALSE;
  bind_int64 (stmt, 1, indicator_id);
  bind_text_static (stmt, 2, area);
  bind_text_static (stmt, 3, canonical);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    {
      id = column_int64 (stmt, 0);
      old_value = column_double (stmt, 1);
      old_preliminary = column_int (stmt, 2) != 0;
    }
  reset (stmt);
  if (rc != INDSATS_STEP_ROW)
    return set_db_error (self, error, _("Cannot read the key figures"));

  if (id > fresh_after)
    {
      /* written by this import */
      if (repeat)
        *repeat = TRUE;
      if (there)
        *there = old_value;
      if (change)
        *change = INDSATS_OBSERVATION_UNCHANGED;
      return TRUE;
    }
  if (older != NULL)
    {
      if (!older (older_data, &proceed, error))
        return FALSE;
      if (!proceed)
        {
          if (repeat)
            *repeat = TRUE;
          if (change)
            *change = INDSATS_OBSERVATION_UNCHANGED;
          return TRUE;
        }
    }

  if (same_value (old_value, value) && old_preliminary == preliminary)
    {
      if (change)
        *change = INDSATS_OBSERVATION_UNCHANGED;
      return TRUE;
    }

  if (!(stmt = prepare (self, sql_update_observation, error)))
    return FALSE;
  bind_double (stmt, 1, value);
  bind_int (stmt, 2, preliminary ? 1 : 0);
  bind_text (stmt, 3, source);
  bind_text (stmt, 4, now);
  bind_int64 (stmt, 5, id);
  if (!step_done (self, stmt, _("Cannot save the key figure"), error))
    return FALSE;

  if (!same_value (old_value, value))
    {
      if (!(stmt = prepare (self, sql_insert_revision, error)))
        return FALSE;
      bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, now);
      bind_double (stmt, 3, old_value);
      bind_double (stmt, 4, value);
      bind_text (stmt, 5, source);
      if (!step_done (self, stmt, _("Cannot record the revision"), error))
        return FALSE;
    }
  if (change)
    *change = INDSATS_OBSERVATION_UPDATED;
  return TRUE;
}

/**
 * indsats_store_set_observation:
 * @period: any accepted spelling; stored canonically
 * @value: the value, NAN for a missing one
 * @change: (out) (optional): whether the row was added, updated or unchanged
 *
 * Adds or updates one observation. A changed value is recorded as a revision.
 */
gboolean
indsats_store_set_observation (IndsatsStore              *self,
                               gint64                     indicator_id,
                               const char                *area,
                               const char                *period,
                               double                     value,
                               gboolean                   preliminary,
                               const char                *source,
                               IndsatsObservationChange  *change,
                               GError                   **error)
{
  g_autofree char *now = now_text ();
  g_autofree char *normal_area = indsats_text_normalize (area);
  g_autofree char *normal_source = indsats_text_normalize (source);
  IndsatsPeriod p;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!indsats_period_parse (period, &p, error))
    return FALSE;
  return indsats_store_put_observation (self, indicator_id, normal_area, &p, value, preliminary, normal_source, now,
                                        change, error);
}

/* Reading: every statement below finds its rows through the index of
 * observation's (indicator_id, area, period); none reads the whole table.
 * test-store runs EXPLAIN QUERY PLAN on each to keep it so. */

static const char sql_figure_values[] =
  "SELECT s.position, o.period, o.value, o.preliminary, i.unit"
  " FROM figure_series s"
  " JOIN indicator i ON i.id = s.indicator_id"
  " JOIN observation o ON o.indicator_id = s.indicator_id AND o.area = s.area"
  " WHERE s.figure_id = ?1 AND o.period_key BETWEEN ?2 AND ?3"
  " ORDER BY s.position, o.period_key";
static const char sql_series_values[] =
  "SELECT 0, o.period, o.value, o.preliminary, i.unit"
  " FROM indicator i JOIN observation o ON o.indicator_id = i.id"
  " WHERE i.name = ?1 AND o.area = ?2 AND o.period_key BETWEEN ?3 AND ?4"
  " ORDER BY o.period_key";
static const char sql_first_area[] =
  "SELECT o.area FROM indicator i JOIN observation o ON o.indicator_id = i.id"
  " WHERE i.name = ? ORDER BY o.area LIMIT 1";
static const char sql_indicator_observations[] =
  "SELECT o.area, o.period, o.value, o.preliminary, o.source"
  " FROM observation o WHERE o.indicator_id = ?"
  " ORDER BY o.area, o.period_key";

static void
bind_period_range (IndsatsStmt         *stmt,
                   int                  index,
                   const IndsatsPeriod *from,
                   const IndsatsPeriod *to)
{
  bind_int (stmt, index, from ? period_key (from) : G_MININT);
  bind_int (stmt, index + 1, to ? period_key (to) : G_MAXINT);
}

static GArray *
read_values (IndsatsStore  *self,
             IndsatsStmt   *stmt,
             GError       **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (IndsatsSeriesValue));
  IndsatsStep rc;

  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsSeriesValue v;

      /* the store writes periods canonically; one that does not read is skipped */
      if (!indsats_period_parse (column_peek_text (stmt, 1), &v.period, NULL))
        continue;
      v.series = (guint) column_int (stmt, 0);
      v.value = column_double (stmt, 2);
      v.preliminary = column_int (stmt, 3) != 0;
      v.unit = g_intern_string (column_peek_text (stmt, 4));
      g_array_append_val (values, v);
      self->values_read++;
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the key figures"));
      return NULL;
    }
  return g_steal_pointer (&values);
}

/**
 * indsats_store_read_figure_values:
 * @figure_id: the figure's id (not its number)
 * @from: (nullable): the first period to read, or %NULL for no bound
 * @to: (nullable): the last period to read, or %NULL for no bound
 *
 * Reads the values of all of a figure's series in one query: for each series
 * (its indicator at its area) the observations whose period ends between
 * the end of @from and the end of @to. Periods of other kinds that end in
 * that range are included; the caller picks the kind it draws.
 *
 * Returns: (transfer full) (element-type IndsatsSeriesValue): by series, then period
 */
GArray *
indsats_store_read_figure_values (IndsatsStore         *self,
                                  gint64                figure_id,
                                  const IndsatsPeriod  *from,
                                  const IndsatsPeriod  *to,
                                  GError              **error)
{
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_figure_values, error)))
    return NULL;
  bind_int64 (stmt, 1, figure_id);
  bind_period_range (stmt, 2, from, to);
  return read_values (self, stmt, error);
}

/**
 * indsats_store_read_series:
 * @from: (nullable): the first period to read, or %NULL for no bound
 * @to: (nullable): the last period to read, or %NULL for no bound
 *
 * Reads one series: the observations of @indicator at @area, as
 * indsats_store_read_figure_values() does for a figure's series.
 *
 * Returns: (transfer full) (element-type IndsatsSeriesValue): by period
 */
GArray *
indsats_store_read_series (IndsatsStore         *self,
                           const char           *indicator,
                           const char           *area,
                           const IndsatsPeriod  *from,
                           const IndsatsPeriod  *to,
                           GError              **error)
{
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);
  g_return_val_if_fail (indicator != NULL && area != NULL, NULL);

  if (!(stmt = prepare (self, sql_series_values, error)))
    return NULL;
  bind_text_nfc (stmt, 1, indicator);
  bind_text_nfc (stmt, 2, area);
  bind_period_range (stmt, 3, from, to);
  return read_values (self, stmt, error);
}

/**
 * indsats_store_get_values_read:
 *
 * How many key-figure values (observations) the store has read since it was
 * opened, for a figure, a series or one at a time: what a view costs in data,
 * for the benchmarks and the tests.
 */
guint64
indsats_store_get_values_read (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  return self->values_read;
}

/**
 * indsats_store_first_area:
 * @area: (out): the first area by name that @indicator has values for; %NULL when it has none
 */
gboolean
indsats_store_first_area (IndsatsStore  *self,
                          const char    *indicator,
                          char         **area,
                          GError       **error)
{
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  *area = NULL;
  if (!(stmt = prepare (self, sql_first_area, error)))
    return FALSE;
  bind_text_nfc (stmt, 1, indicator);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    *area = column_text (stmt, 0);
  reset (stmt);
  if (rc == INDSATS_STEP_FAILED)
    return set_db_error (self, error, _("Cannot read the key figures"));
  return TRUE;
}

static gboolean
foreach_of_indicator (IndsatsStore            *self,
                      const IndsatsIndicator  *indicator,
                      IndsatsObservationFunc   func,
                      gpointer                 user_data,
                      GError                 **error)
{
  IndsatsObservation o = { 0 };
  IndsatsStmt *stmt;
  IndsatsStep rc;

  if (!(stmt = prepare (self, sql_indicator_observations, error)))
    return FALSE;
  bind_int64 (stmt, 1, indicator->id);
  o.indicator = indicator->name;
  o.unit = indicator->unit;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      /* the row's text is lent to @func, valid only during the call */
      o.area = (char *) column_peek_text (stmt, 0);
      o.period = (char *) column_peek_text (stmt, 1);
      o.value = column_double (stmt, 2);
      o.preliminary = column_int (stmt, 3) != 0;
      o.source = (char *) column_peek_text (stmt, 4);
      self->values_read++;
      if (!func (&o, user_data, error))
        {
          reset (stmt);
          return FALSE;
        }
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot read the key figures"));
  return TRUE;
}

/**
 * indsats_store_foreach_observation:
 * @indicator: (nullable): only this indicator's observations
 * @func: called with each observation, by indicator, area and period; what
 *   it is given is valid only during the call
 *
 * Reads the observations one at a time, so that memory stays the same
 * whatever their number. Stops at the first call of @func that returns
 * %FALSE, which should then set @error.
 */
gboolean
indsats_store_foreach_observation (IndsatsStore            *self,
                                   const char              *indicator,
                                   IndsatsObservationFunc   func,
                                   gpointer                 user_data,
                                   GError                 **error)
{
  g_autoptr(GPtrArray) indicators = NULL;
  g_autofree char *wanted = indicator ? indsats_text_normalize (indicator) : NULL;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* one indicator at a time, in name order: each reads by the index */
  if (!(indicators = indsats_store_list_indicators (self, error)))
    return FALSE;
  for (guint i = 0; i < indicators->len; i++)
    {
      IndsatsIndicator *ind = g_ptr_array_index (indicators, i);

      if (wanted != NULL && strcmp (ind->name, wanted) != 0)
        continue;
      if (!foreach_of_indicator (self, ind, func, user_data, error))
        return FALSE;
    }
  return TRUE;
}

/* Editing indicators; their areas */

static const char sql_update_indicator[] =
  "UPDATE indicator SET unit = ?, higher_is_better = ?, threshold = ? WHERE id = ?";
static const char sql_list_areas[] =
  "SELECT DISTINCT o.area FROM observation o JOIN indicator i ON i.id = o.indicator_id"
  " WHERE i.name = ? ORDER BY o.area";

/**
 * indsats_store_update_indicator:
 * @threshold: NAN for none
 */
gboolean
indsats_store_update_indicator (IndsatsStore  *self,
                                gint64         indicator_id,
                                const char    *unit,
                                gboolean       higher_is_better,
                                double         threshold,
                                GError       **error)
{
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!indsats_text_check (unit, _("The indicator's unit"), FALSE, error))
    return FALSE;
  if (!(stmt = prepare (self, sql_update_indicator, error)))
    return FALSE;
  bind_text_nfc (stmt, 1, unit ? unit : "");
  bind_int (stmt, 2, higher_is_better ? 1 : 0);
  bind_double (stmt, 3, threshold);
  bind_int64 (stmt, 4, indicator_id);
  if (!step_done (self, stmt, _("Cannot save the indicator"), error))
    return FALSE;
  if (changes (self) != 1)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   _("There is no indicator %" PRId64), indicator_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_store_list_areas:
 *
 * Returns: (transfer full) (element-type utf8): the areas @indicator has values for
 */
GPtrArray *
indsats_store_list_areas (IndsatsStore  *self,
                          const char    *indicator,
                          GError       **error)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_areas, error)))
    return NULL;
  bind_text_nfc (stmt, 1, indicator);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    g_ptr_array_add (areas, column_text (stmt, 0));
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the key figures"));
      return NULL;
    }
  return g_steal_pointer (&areas);
}
