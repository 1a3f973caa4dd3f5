/* indsats-store-copy.c
 *
 * A whole store into an empty one, SQLite or PostgreSQL either way: every
 * row of every table with its id, read in one moment of the source and
 * written in one transaction of the target, so the target holds all of it or
 * nothing. Numbers travel as numbers (a double exactly), text as text.
 */
#include "config.h"

#include "indsats-store-private.h"

#include "indsats-error.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

typedef struct
{
  const char *table;
  const char *columns;
  /* one letter a column: i whole number, r real number, t text */
  const char *types;
} CopyTable;

/* Every table and every column of both schemas (indsats-store-schema.h,
 * indsats-store-pg-schema.h), each after those it refers to. A column added
 * there is added here: the copy refuses a table with a column it does not
 * know rather than leave it behind. */
static const CopyTable copy_tables[] = {
  { "plan", "id, title, jobcentre, dated, star_letter, star_follow_up_letter, threshold,"
            " target, follow_up, committee, demo_key, created_at", "itttttrttttt" },
  { "indicator", "id, name, unit, higher_is_better, threshold, table_id, measure, breakdown", "ittirttt" },
  { "plan_trigger", "id, plan_id, position, text, indicator_id", "iiiti" },
  { "team", "id, plan_id, name, position", "iiti" },
  { "focus_area", "id, team_id, name, position", "iiti" },
  { "action", "id, focus_id, text, owner, start_date, status, end_date, note, position, started_on",
    "iittttttit" },
  { "action_history", "id, action_id, plan_id, changed_at, field, old_value, new_value, changed_by",
    "iiittttt" },
  { "goal", "id, kind, number, title, status_text, note, position", "itittti" },
  { "observation", "id, indicator_id, area, period, period_key, value, preliminary, source, updated_at",
    "iittiritt" },
  { "observation_revision", "id, observation_id, changed_at, old_value, new_value, source", "iitrrt" },
  { "figure", "id, number, title, kind, unit, period_from, period_to, threshold, threshold_label,"
              " source, goal_id", "iitttttrtti" },
  { "figure_series", "id, figure_id, position, indicator_id, area, label", "iiiitt" },
  { "figure_action", "figure_id, action_id", "ii" },
  { "snapshot", "id, plan_id, name, meeting_date, created_at", "iittt" },
  { "snapshot_action", "snapshot_id, action_id, team, focus, text, owner, start_date, status, end_date,"
                       " started_on", "iitttttttt" },
  { "snapshot_indicator", "snapshot_id, position, indicator, area, period, value", "iitttr" },
};

/* A statement made here from our own table and column names, used once */
static IndsatsStmt *
prepare_once (IndsatsStore  *self,
              const char    *sql,
              GError       **error)
{
  IndsatsStmt *stmt = self->db->backend->prepare (self->db, sql, FALSE);

  if (stmt == NULL)
    set_db_error (self, error, _("Cannot read the database"));
  return stmt;
}

static void
finalize (IndsatsStmt *stmt)
{
  if (stmt != NULL)
    stmt->db->backend->finalize (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsStmt, finalize)

static const char *
name_of (IndsatsStore *self)
{
  return self->display ? self->display : self->path;
}

/* The rows of @t in @self, -1 on failure */
static gint64
count_rows (IndsatsStore    *self,
            const CopyTable *t,
            GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", t->table);
  g_autoptr(IndsatsStmt) stmt = prepare_once (self, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (step (stmt) == INDSATS_STEP_ROW)
    n = column_int64 (stmt, 0);
  else
    set_db_error (self, error, _("Cannot read the database"));
  return n;
}

/* FALSE unless @self's table @t has exactly the columns this copy knows */
static gboolean
check_columns (IndsatsStore    *self,
               const CopyTable *t,
               GError         **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", t->table);
  g_autoptr(IndsatsStmt) stmt = prepare_once (self, sql, error);
  int n;

  if (stmt == NULL)
    return FALSE;
  n = self->db->backend->column_count (stmt);
  if (n != (int) strlen (t->types))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                   _("The table “%s” of %s has %d columns, but this Indsats copies %d; nothing was copied. "
                   "Use the Indsats that wrote it"),
                   t->table, name_of (self), n, (int) strlen (t->types));
      return FALSE;
    }
  return TRUE;
}

static gint64
copy_table (IndsatsStore    *source,
            IndsatsStore    *target,
            const CopyTable *t,
            GError         **error)
{
  guint n_columns = strlen (t->types);
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY 1, 2", t->columns, t->table);
  g_autoptr(GString) insert_sql = g_string_new (NULL);
  g_autoptr(IndsatsStmt) read = NULL;
  g_autoptr(IndsatsStmt) write = NULL;
  gint64 n = 0;
  IndsatsStep rc;

  g_string_printf (insert_sql, "INSERT INTO %s (%s) VALUES (", t->table, t->columns);
  for (guint c = 0; c < n_columns; c++)
    g_string_append (insert_sql, c ? ", ?" : "?");
  g_string_append_c (insert_sql, ')');

  if (!(read = prepare_once (source, select_sql, error)) ||
      !(write = prepare_once (target, insert_sql->str, error)))
    return -1;
  while ((rc = step (read)) == INDSATS_STEP_ROW)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          int column = (int) c, param = (int) c + 1;

          if (source->db->backend->column_is_null (read, column))
            target->db->backend->bind_null (write, param);
          else if (t->types[c] == 'i')
            bind_int64 (write, param, column_int64 (read, column));
          else if (t->types[c] == 'r')
            bind_double (write, param, column_double (read, column));
          else
            bind_text (write, param, column_peek_text (read, column));
        }
      if (step (write) != INDSATS_STEP_DONE)
        {
          g_autofree char *what = g_strdup_printf (_("Cannot copy the table “%s”"), t->table);
          set_db_error (target, error, what);
          return -1;
        }
      reset (write);
      n++;
    }
  if (rc == INDSATS_STEP_FAILED)
    {
      set_db_error (source, error, _("Cannot read the database"));
      return -1;
    }
  return n;
}

/**
 * indsats_store_copy:
 * @source: the store to copy
 * @target: an empty store: one just made, or one that holds no rows
 * @n_rows: (out) (optional): how many rows were copied
 *
 * Copies every plan, action with its history, goal, indicator, key figure
 * with its revisions, figure and snapshot of @source into @target, with
 * their ids, in one transaction. On failure nothing is written.
 */
gboolean
indsats_store_copy (IndsatsStore  *source,
                    IndsatsStore  *target,
                    gint64        *n_rows,
                    GError       **error)
{
  gint64 total = 0;

  g_return_val_if_fail (INDSATS_IS_STORE (source), FALSE);
  g_return_val_if_fail (INDSATS_IS_STORE (target), FALSE);

  if (!indsats_store_begin_read (source, error))
    return FALSE;
  if (!indsats_store_begin (target, error))
    return fail_rollback (source);
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      gint64 there;

      if (!check_columns (source, &copy_tables[i], error) ||
          !check_columns (target, &copy_tables[i], error) ||
          (there = count_rows (target, &copy_tables[i], error)) < 0)
        goto failed;
      if (there > 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("%s is not empty (its table “%s” holds %" PRId64 " %s); nothing was copied. "
                       "Copy into a new file or an empty database"),
                       name_of (target), copy_tables[i].table, there, there == 1 ? _("row") : _("rows"));
          goto failed;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (copy_tables); i++)
    {
      gint64 n = copy_table (source, target, &copy_tables[i], error);

      if (n < 0)
        goto failed;
      total += n;
    }
  if (!indsats_store_commit (target, error))
    {
      indsats_store_rollback (source);
      return FALSE;
    }
  indsats_store_commit (source, NULL);
  if (n_rows != NULL)
    *n_rows = total;
  return TRUE;

failed:
  indsats_store_rollback (target);
  indsats_store_rollback (source);
  return FALSE;
}
