/* indsats-series-choice.c
 *
 * What New Figure offers: the series by the table they come from, their
 * measure, and their breakdown values, so that "Antal ledige personer" of
 * y25i01 at A-kasse "FOAs A-kasse" is found in three short lists rather than
 * one long one. Series typed in or read from a file without a table id are
 * under the table "" with their own name as the measure and no breakdown.
 * Pure: the window shows the lists and asks for the series chosen.
 */
#include "config.h"

#include "indsats-series-choice.h"

#include <string.h>

#include "indsats-import.h"
#include "indsats-model.h"

typedef struct
{
  char     *indicator;
  char     *table;      /* "" without a table */
  char     *measure;
  char     *breakdown;  /* "" without breakdowns */
  gboolean  total;      /* every breakdown value is a total */
} Entry;

struct _IndsatsSeriesChoice
{
  GPtrArray *entries;  /* of Entry, in the order of the indicators given */
};

static void
entry_free (Entry *entry)
{
  g_free (entry->indicator);
  g_free (entry->table);
  g_free (entry->measure);
  g_free (entry->breakdown);
  g_free (entry);
}

/* "Køn: Køn i alt; A-kasse: I alt": every value a total */
static gboolean
is_total_breakdown (const char *breakdown)
{
  g_auto(GStrv) pairs = g_strsplit (breakdown, "; ", -1);

  for (guint i = 0; pairs[i]; i++)
    {
      const char *colon = strstr (pairs[i], ": ");
      if (!indsats_import_is_total (colon ? colon + 2 : pairs[i]))
        return FALSE;
    }
  return TRUE;
}

/**
 * indsats_series_choice_new:
 * @indicators: (element-type IndsatsIndicator): every indicator
 * @origins: (nullable): name → #IndsatsIndicatorOrigin, as the store lists them
 */
IndsatsSeriesChoice *
indsats_series_choice_new (GPtrArray  *indicators,
                           GHashTable *origins)
{
  IndsatsSeriesChoice *self = g_new0 (IndsatsSeriesChoice, 1);

  g_return_val_if_fail (indicators != NULL, self);

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  for (guint i = 0; i < indicators->len; i++)
    {
      const IndsatsIndicator *ind = g_ptr_array_index (indicators, i);
      const IndsatsIndicatorOrigin *origin = origins ? g_hash_table_lookup (origins, ind->name) : NULL;
      Entry *entry = g_new0 (Entry, 1);

      entry->indicator = g_strdup (ind->name);
      if (origin != NULL && origin->table != NULL && origin->measure != NULL)
        {
          entry->table = g_strdup (origin->table);
          entry->measure = g_strdup (origin->measure);
          entry->breakdown = g_strdup (origin->breakdown ? origin->breakdown : "");
        }
      else
        {
          entry->table = g_strdup ("");
          entry->measure = g_strdup (ind->name);
          entry->breakdown = g_strdup ("");
        }
      entry->total = is_total_breakdown (entry->breakdown);
      g_ptr_array_add (self->entries, entry);
    }
  return self;
}

void
indsats_series_choice_free (IndsatsSeriesChoice *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_free (self);
}

static gboolean
contains (GPtrArray  *list,
          const char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), text) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_tables (gconstpointer a,
                gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;

  /* the series without a table last */
  if (*x == '\0' || *y == '\0')
    return (*x == '\0') - (*y == '\0');
  return g_utf8_collate (x, y);
}

/**
 * indsats_series_choice_tables:
 *
 * Returns: (transfer container) (element-type utf8): the table ids, sorted,
 *   and "" last when some series have no table
 */
GPtrArray *
indsats_series_choice_tables (IndsatsSeriesChoice *self)
{
  GPtrArray *tables = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL, tables);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (!contains (tables, entry->table))
        g_ptr_array_add (tables, entry->table);
    }
  g_ptr_array_sort (tables, compare_tables);
  return tables;
}

/**
 * indsats_series_choice_measures:
 * @table: a table id, "" for the series without one
 *
 * Returns: (transfer container) (element-type utf8): the measures of @table,
 *   in the order the indicators came
 */
GPtrArray *
indsats_series_choice_measures (IndsatsSeriesChoice *self,
                                const char          *table)
{
  GPtrArray *measures = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL && table != NULL, measures);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (strcmp (entry->table, table) == 0 && !contains (measures, entry->measure))
        g_ptr_array_add (measures, entry->measure);
    }
  return measures;
}

/**
 * indsats_series_choice_breakdowns:
 *
 * Returns: (transfer container) (element-type utf8): the breakdowns of
 *   @measure in @table, the totals first; "" for a series without any
 */
GPtrArray *
indsats_series_choice_breakdowns (IndsatsSeriesChoice *self,
                                  const char          *table,
                                  const char          *measure)
{
  GPtrArray *breakdowns = g_ptr_array_new ();

  g_return_val_if_fail (self != NULL && table != NULL && measure != NULL, breakdowns);

  for (int totals = 1; totals >= 0; totals--)
    for (guint i = 0; i < self->entries->len; i++)
      {
        Entry *entry = g_ptr_array_index (self->entries, i);
        if (entry->total == totals && strcmp (entry->table, table) == 0 && strcmp (entry->measure, measure) == 0 &&
            !contains (breakdowns, entry->breakdown))
          g_ptr_array_add (breakdowns, entry->breakdown);
      }
  return breakdowns;
}

/**
 * indsats_series_choice_find:
 *
 * Returns: (nullable): the indicator's name for @table, @measure and
 *   @breakdown; %NULL when there is none
 */
const char *
indsats_series_choice_find (IndsatsSeriesChoice *self,
                            const char          *table,
                            const char          *measure,
                            const char          *breakdown)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (table == NULL || measure == NULL || breakdown == NULL)
    return NULL;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      if (strcmp (entry->table, table) == 0 && strcmp (entry->measure, measure) == 0 &&
          strcmp (entry->breakdown, breakdown) == 0)
        return entry->indicator;
    }
  return NULL;
}
