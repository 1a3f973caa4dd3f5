/* indsats-store-tables.c
 *
 * Indicators that come from Jobindsats tables. Such an indicator is known by
 * its table, its measure and its breakdown values, never by the measure's
 * label alone: “Antal personer” of y01a02 and of y08a02 are two indicators,
 * and so are “Kvinder” and “Mænd” of one measure. Its name is what people
 * read and pick.
 */
#include "config.h"

#include "indsats-store-tables.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-store-private.h"

void
indsats_indicator_origin_free (IndsatsIndicatorOrigin *origin)
{
  if (origin == NULL)
    return;
  g_free (origin->indicator);
  g_free (origin->table);
  g_free (origin->measure);
  g_free (origin->breakdown);
  g_free (origin);
}

void
indsats_figure_table_free (IndsatsFigureTable *table)
{
  if (table == NULL)
    return;
  g_free (table->table);
  g_clear_pointer (&table->areas, g_ptr_array_unref);
  g_free (table);
}

static const char sql_indicator_by_origin[] =
  "SELECT id FROM indicator WHERE table_id = ? AND measure = ? AND breakdown = ?";
static const char sql_indicator_by_name[] =
  "SELECT id, table_id FROM indicator WHERE name = ?";
static const char sql_insert_table_indicator[] =
  "INSERT INTO indicator (name, unit, higher_is_better, threshold, table_id, measure, breakdown)"
  " VALUES (?, ?, 1, NULL, ?, ?, ?)";
static const char sql_list_origins[] =
  "SELECT name, table_id, measure, breakdown FROM indicator";
static const char sql_figure_tables[] =
  "SELECT DISTINCT i.table_id, s.area FROM figure_series s JOIN indicator i ON i.id = s.indicator_id"
  " WHERE i.table_id IS NOT NULL ORDER BY i.table_id, s.area";
static const char sql_figure_areas[] =
  "SELECT DISTINCT area FROM figure_series ORDER BY area";

/* The row's id, 0 when there is none, -1 on error */
static gint64
find (IndsatsStmt  *stmt,
      char        **table)
{
  IndsatsStep rc = step (stmt);
  gint64 id = 0;

  if (rc == INDSATS_STEP_ROW)
    {
      id = column_int64 (stmt, 0);
      if (table != NULL)
        *table = column_text (stmt, 1);
    }
  reset (stmt);
  return rc == INDSATS_STEP_FAILED ? -1 : id;
}

/**
 * indsats_store_ensure_table_indicator:
 * @table: (nullable): the table id; %NULL when the file did not say, and then
 *   the indicator is known by @name
 * @measure: the measure's label in the table
 * @breakdown: its breakdown values, "" for none
 * @name: the name people read, for a new indicator
 * @unit: the unit, for a new indicator
 *
 * Returns: the indicator's id, made when new; 0 on error
 */
gint64
indsats_store_ensure_table_indicator (IndsatsStore  *self,
                                      const char    *table,
                                      const char    *measure,
                                      const char    *breakdown,
                                      const char    *name,
                                      const char    *unit,
                                      GError       **error)
{
  IndsatsStmt *stmt;
  gint64 id;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (measure != NULL && breakdown != NULL && name != NULL, 0);

  if (*name == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("The indicator's name is empty"));
      return 0;
    }
  if (table != NULL)
    {
      if (!(stmt = prepare (self, sql_indicator_by_origin, error)))
        return 0;
      bind_text (stmt, 1, table);
      bind_text (stmt, 2, measure);
      bind_text (stmt, 3, breakdown);
      if ((id = find (stmt, NULL)) < 0)
        {
          set_db_error (self, error, _("Cannot read the indicators"));
          return 0;
        }
      if (id > 0)
        return id;
    }

  if (!(stmt = prepare (self, sql_indicator_by_name, error)))
    return 0;
  bind_text (stmt, 1, name);
  {
    g_autofree char *other_table = NULL;

    if ((id = find (stmt, &other_table)) < 0)
      {
        set_db_error (self, error, _("Cannot read the indicators"));
        return 0;
      }
    if (id > 0 && table == NULL)
      return id;
    if (id > 0)
      {
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                     _("the indicator “%s” of table %s has the name of an indicator that is already "
                     "stored%s%s; rename that one first"),
                     name, table, other_table ? _(" from table ") : "", other_table ? other_table : "");
        return 0;
      }
  }

  if (!(stmt = prepare (self, sql_insert_table_indicator, error)))
    return 0;
  bind_text (stmt, 1, name);
  bind_text (stmt, 2, unit ? unit : "");
  bind_text (stmt, 3, table);
  bind_text (stmt, 4, measure);
  bind_text (stmt, 5, breakdown);
  if (!step_done (self, stmt, _("Cannot save the indicator"), error))
    return 0;
  return last_insert_id (self);
}

/**
 * indsats_store_list_indicator_origins:
 *
 * Returns: (transfer container): the indicator's name → its
 *   #IndsatsIndicatorOrigin, for every indicator; %NULL on error
 */
GHashTable *
indsats_store_list_indicator_origins (IndsatsStore  *self,
                                      GError       **error)
{
  g_autoptr(GHashTable) origins = NULL;
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_origins, error)))
    return NULL;
  origins = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) indsats_indicator_origin_free);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsIndicatorOrigin *origin = g_new0 (IndsatsIndicatorOrigin, 1);

      origin->indicator = column_text (stmt, 0);
      origin->table = column_text (stmt, 1);
      origin->measure = column_text (stmt, 2);
      origin->breakdown = column_text (stmt, 3);
      if (origin->breakdown == NULL)
        origin->breakdown = g_strdup ("");
      g_hash_table_insert (origins, origin->indicator, origin);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the indicators"));
      return NULL;
    }
  return g_steal_pointer (&origins);
}

/**
 * indsats_store_list_figure_tables:
 *
 * Returns: (transfer full) (element-type IndsatsFigureTable): the Jobindsats
 *   tables the figures' series come from, each with the areas they show
 */
GPtrArray *
indsats_store_list_figure_tables (IndsatsStore  *self,
                                  GError       **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_figure_table_free);
  IndsatsFigureTable *last = NULL;
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_figure_tables, error)))
    return NULL;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      const char *table = column_peek_text (stmt, 0);

      if (last == NULL || strcmp (last->table, table) != 0)
        {
          last = g_new0 (IndsatsFigureTable, 1);
          last->table = g_strdup (table);
          last->areas = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (tables, last);
        }
      g_ptr_array_add (last->areas, column_text (stmt, 1));
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the figures"));
      return NULL;
    }
  return g_steal_pointer (&tables);
}

/**
 * indsats_store_list_figure_areas:
 *
 * Returns: (transfer full) (element-type utf8): the areas the figures show
 */
GPtrArray *
indsats_store_list_figure_areas (IndsatsStore  *self,
                                 GError       **error)
{
  g_autoptr(GPtrArray) areas = g_ptr_array_new_with_free_func (g_free);
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_figure_areas, error)))
    return NULL;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    g_ptr_array_add (areas, column_text (stmt, 0));
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the figures"));
      return NULL;
    }
  return g_steal_pointer (&areas);
}
