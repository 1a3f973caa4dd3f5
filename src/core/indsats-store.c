/* indsats-store.c
 *
 * The one place that speaks SQL. A store is one SQLite file in WAL mode with
 * foreign keys on; every change a person makes is one transaction (a
 * savepoint, so that a caller may wrap several changes into one).
 */
#include "config.h"

#include "indsats-store.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-period.h"
#include "indsats-store-schema.h"

struct _IndsatsStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements; /* SQL text (static) → sqlite3_stmt */
};

G_DEFINE_FINAL_TYPE (IndsatsStore, indsats_store, G_TYPE_OBJECT)

static void
indsats_store_finalize (GObject *object)
{
  IndsatsStore *self = INDSATS_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (indsats_store_parent_class)->finalize (object);
}

static void
indsats_store_class_init (IndsatsStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = indsats_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
indsats_store_init (IndsatsStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
}

/* Error helpers */

static gboolean
set_db_error (IndsatsStore  *self,
              GError       **error,
              const char    *what)
{
  int code = sqlite3_extended_errcode (self->db) & 0xff;
  const char *msg = sqlite3_errmsg (self->db);

  if (code == SQLITE_FULL)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 "%s: the disk holding “%s” is full; free some space and try again",
                 what, self->path);
  else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 "%s: “%s” cannot be written (%s); check the permissions of the file and its folder",
                 what, self->path, msg);
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_DATABASE,
                 "%s: “%s” is in use by another program; try again in a moment",
                 what, self->path);
  else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                 "%s: “%s” is damaged or not an Indsats database (%s)",
                 what, self->path, msg);
  else
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_DATABASE,
                 "%s: %s", what, msg);
  return FALSE;
}

/* Statements are prepared once and kept; the key is the address of the SQL text. */
static sqlite3_stmt *
prepare (IndsatsStore  *self,
         const char    *sql,
         GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error, "Could not read the database");
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, column);
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (IndsatsStore  *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_db_error (self, error, what);
  return TRUE;
}

static gboolean
exec (IndsatsStore  *self,
      const char    *sql,
      const char    *what,
      GError       **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (self, error, what);
  return TRUE;
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

/* Opening */

char *
indsats_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "indsats", "indsats.db", NULL);
}

static gboolean
check_can_create (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int err = errno;
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   "Cannot create the folder “%s” for the database: %s",
                   dir, g_strerror (err));
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   "Cannot create the database “%s”: the folder “%s” cannot be written; "
                   "choose a file in another folder",
                   path, dir);
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (IndsatsStore  *self,
         int            from_version,
         GError       **error)
{
  g_autofree char *pragma = NULL;

  if (from_version >= (int) G_N_ELEMENTS (indsats_migrations))
    return TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", "Cannot prepare the database", error))
    return FALSE;
  for (int v = from_version; v < (int) G_N_ELEMENTS (indsats_migrations); v++)
    {
      if (sqlite3_exec (self->db, indsats_migrations[v], NULL, NULL, NULL) != SQLITE_OK)
        {
          set_db_error (self, error, "Cannot update the database to the current version");
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }
  /* PRAGMA takes no bound parameters; the numbers are our own constants */
  pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                            (int) G_N_ELEMENTS (indsats_migrations), INDSATS_APPLICATION_ID);
  if (!exec (self, pragma, "Cannot update the database version", error) ||
      !exec (self, "COMMIT", "Cannot update the database to the current version", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static int
pragma_int (IndsatsStore  *self,
            const char    *sql,
            GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (self, error, "Cannot open the database");
      return -1;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  else
    set_db_error (self, error, "Cannot open the database");
  sqlite3_finalize (stmt);
  return value;
}

/**
 * indsats_store_open:
 * @path: the database file; created when missing
 * @error: says what is wrong with the file, naming it
 *
 * Opens (and when needed creates or migrates) the database. A file written by
 * a newer Indsats, or one that is not an Indsats database, is refused and left
 * exactly as it was.
 *
 * Returns: (transfer full): the store, or %NULL
 */
IndsatsStore *
indsats_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(IndsatsStore) self = NULL;
  gboolean exists;
  int version, app_id, n_tables;

  g_return_val_if_fail (path != NULL, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   "“%s” is a folder, not a database file", path);
      return NULL;
    }
  if (!exists && !check_can_create (path, error))
    return NULL;

  self = g_object_new (INDSATS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      if (self->db == NULL)
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "Cannot open “%s”", path);
      else
        set_db_error (self, error, "Cannot open the database");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* Read before anything is written: a file that is not a database, or one
   * from a newer version, must be left byte for byte as it was. */
  version = pragma_int (self, "PRAGMA user_version", error);
  if (version < 0)
    {
      g_clear_error (error);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                   "“%s” is not an Indsats database (it is not an SQLite file, or it is damaged); "
                   "nothing was changed. Choose another file with --database",
                   path);
      return NULL;
    }
  app_id = pragma_int (self, "PRAGMA application_id", error);
  n_tables = pragma_int (self, "SELECT count(*) FROM sqlite_master", error);
  if (app_id < 0 || n_tables < 0)
    return NULL;

  if (version > (int) G_N_ELEMENTS (indsats_migrations))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NEWER_DATABASE,
                   "“%s” was written by a newer version of Indsats (database version %d, "
                   "this program knows up to %d); nothing was changed. Update Indsats to open it",
                   path, version, (int) G_N_ELEMENTS (indsats_migrations));
      return NULL;
    }
  if ((app_id != 0 && app_id != INDSATS_APPLICATION_ID) || (app_id == 0 && n_tables > 0))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                   "“%s” is an SQLite database of another program, not of Indsats; "
                   "nothing was changed. Choose another file with --database",
                   path);
      return NULL;
    }

  if (!exec (self, "PRAGMA journal_mode = WAL", "Cannot open the database", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", "Cannot open the database", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", "Cannot open the database", error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
indsats_store_get_path (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);
  return self->path;
}

/* Transactions: savepoints nest, so a function that changes several rows
 * wraps them, and a caller may wrap several such functions. */

gboolean
indsats_store_begin (IndsatsStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  return exec (self, "SAVEPOINT indsats", "Cannot start a change", error);
}

gboolean
indsats_store_commit (IndsatsStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  if (!exec (self, "RELEASE indsats", "Cannot save the change", error))
    {
      indsats_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
indsats_store_rollback (IndsatsStore *self)
{
  g_return_if_fail (INDSATS_IS_STORE (self));
  sqlite3_exec (self->db, "ROLLBACK TO indsats; RELEASE indsats", NULL, NULL, NULL);
}

static gint64
fail_rollback (IndsatsStore *self)
{
  indsats_store_rollback (self);
  return 0;
}

/* Plans */

static const char sql_insert_plan[] =
  "INSERT INTO plan (title, jobcentre, dated, star_letter, star_follow_up_letter, threshold,"
  " target, follow_up, committee, demo_key, created_at)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_insert_trigger[] =
  "INSERT INTO plan_trigger (plan_id, position, text) VALUES (?, ?, ?)";

gint64
indsats_store_add_plan (IndsatsStore       *self,
                        const IndsatsPlan  *plan,
                        GError            **error)
{
  g_autofree char *now = now_text ();
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (plan != NULL, 0);

  if (indsats_text_is_blank (plan->title))
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "The plan needs a title");
      return 0;
    }
  if (plan->dated != NULL && !indsats_date_is_valid_iso (plan->dated))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "The plan's date “%s” is not a valid date", plan->dated);
      return 0;
    }

  if (!indsats_store_begin (self, error))
    return 0;
  if (!(stmt = prepare (self, sql_insert_plan, error)))
    return fail_rollback (self);
  bind_text (stmt, 1, plan->title);
  bind_text (stmt, 2, plan->jobcentre ? plan->jobcentre : "");
  bind_text (stmt, 3, plan->dated);
  bind_text (stmt, 4, plan->star_letter);
  bind_text (stmt, 5, plan->star_follow_up_letter);
  bind_double (stmt, 6, plan->threshold);
  bind_text (stmt, 7, plan->target ? plan->target : "");
  bind_text (stmt, 8, plan->follow_up ? plan->follow_up : "");
  bind_text (stmt, 9, plan->committee ? plan->committee : "");
  bind_text (stmt, 10, plan->demo_key);
  bind_text (stmt, 11, now);
  if (!step_done (self, stmt, "Cannot save the plan", error))
    return fail_rollback (self);
  id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; plan->triggers != NULL && plan->triggers[i] != NULL; i++)
    {
      if (!(stmt = prepare (self, sql_insert_trigger, error)))
        return fail_rollback (self);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      bind_text (stmt, 3, plan->triggers[i]);
      if (!step_done (self, stmt, "Cannot save the plan", error))
        return fail_rollback (self);
    }

  if (!indsats_store_commit (self, error))
    return 0;
  return id;
}

static const char sql_select_plan[] =
  "SELECT id, title, jobcentre, dated, star_letter, star_follow_up_letter, threshold,"
  " target, follow_up, committee, demo_key FROM plan WHERE id = ?";
static const char sql_select_plan_ids[] = "SELECT id FROM plan ORDER BY id";
static const char sql_select_triggers[] =
  "SELECT text FROM plan_trigger WHERE plan_id = ? ORDER BY position";

IndsatsPlan *
indsats_store_get_plan (IndsatsStore  *self,
                        gint64         plan_id,
                        GError       **error)
{
  g_autoptr(IndsatsPlan) plan = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_select_plan, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   "There is no plan %" G_GINT64_FORMAT, plan_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, "Cannot read the plan");
      sqlite3_reset (stmt);
      return NULL;
    }
  plan = indsats_plan_new ();
  plan->id = sqlite3_column_int64 (stmt, 0);
  plan->title = column_text (stmt, 1);
  plan->jobcentre = column_text (stmt, 2);
  plan->dated = column_text (stmt, 3);
  plan->star_letter = column_text (stmt, 4);
  plan->star_follow_up_letter = column_text (stmt, 5);
  plan->threshold = column_double (stmt, 6);
  plan->target = column_text (stmt, 7);
  plan->follow_up = column_text (stmt, 8);
  plan->committee = column_text (stmt, 9);
  plan->demo_key = column_text (stmt, 10);
  sqlite3_reset (stmt);

  if (!(stmt = prepare (self, sql_select_triggers, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  triggers = g_ptr_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (triggers, column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_ptr_array_add (triggers, NULL);
  plan->triggers = (GStrv) g_ptr_array_free (g_steal_pointer (&triggers), FALSE);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the plan");
      return NULL;
    }
  return g_steal_pointer (&plan);
}

/**
 * indsats_store_list_plans:
 *
 * Returns: (transfer full) (element-type IndsatsPlan): every plan, oldest first
 */
GPtrArray *
indsats_store_list_plans (IndsatsStore  *self,
                          GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_plan_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_select_plan_ids, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the plans");
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      IndsatsPlan *plan = indsats_store_get_plan (self, g_array_index (ids, gint64, i), error);
      if (plan == NULL)
        return NULL;
      g_ptr_array_add (plans, plan);
    }
  return g_steal_pointer (&plans);
}

static gint64
select_id (IndsatsStore  *self,
           const char    *sql,
           const char    *text_param,
           gint64         int_param,
           const char    *what,
           GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = prepare (self, sql, error)))
    return -1;
  if (text_param != NULL)
    bind_text (stmt, 1, text_param);
  else if (int_param != 0)
    sqlite3_bind_int64 (stmt, 1, int_param);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, error, what);
      return -1;
    }
  return id;
}

static const char sql_plan_by_demo_key[] = "SELECT id FROM plan WHERE demo_key = ?";
static const char sql_first_plan[] = "SELECT id FROM plan ORDER BY id LIMIT 1";

/**
 * indsats_store_find_plan_by_demo_key:
 *
 * Returns: the plan's id, 0 when there is none, -1 on error
 */
gint64
indsats_store_find_plan_by_demo_key (IndsatsStore  *self,
                                     const char    *demo_key,
                                     GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  return select_id (self, sql_plan_by_demo_key, demo_key, 0, "Cannot read the plans", error);
}

/**
 * indsats_store_get_first_plan_id:
 *
 * Returns: the oldest plan's id, 0 when there is no plan, -1 on error
 */
gint64
indsats_store_get_first_plan_id (IndsatsStore  *self,
                                 GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  return select_id (self, sql_first_plan, NULL, 0, "Cannot read the plans", error);
}

/* Teams and focus areas */

static const char sql_team_id[] = "SELECT id FROM team WHERE plan_id = ? AND name = ?";
static const char sql_insert_team[] =
  "INSERT INTO team (plan_id, name, position)"
  " VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM team WHERE plan_id = ?1))";
static const char sql_focus_id[] = "SELECT id FROM focus_area WHERE team_id = ? AND name = ?";
static const char sql_insert_focus[] =
  "INSERT INTO focus_area (team_id, name, position)"
  " VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM focus_area WHERE team_id = ?1))";

static gint64
ensure_named (IndsatsStore  *self,
              const char    *select_sql,
              const char    *insert_sql,
              gint64         parent_id,
              const char    *name,
              const char    *what,
              GError       **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (*clean == '\0')
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "The %s is empty", what);
      return 0;
    }

  if (!(stmt = prepare (self, select_sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  bind_text (stmt, 2, clean);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return id;
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the plan");
      return 0;
    }

  if (!(stmt = prepare (self, insert_sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  bind_text (stmt, 2, clean);
  if (!step_done (self, stmt, "Cannot save the plan", error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

gint64
indsats_store_ensure_team (IndsatsStore  *self,
                           gint64         plan_id,
                           const char    *name,
                           GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  return ensure_named (self, sql_team_id, sql_insert_team, plan_id, name, "team", error);
}

gint64
indsats_store_ensure_focus (IndsatsStore  *self,
                            gint64         team_id,
                            const char    *name,
                            GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  return ensure_named (self, sql_focus_id, sql_insert_focus, team_id, name, "focus area", error);
}

/* Actions */

static const char sql_insert_action[] =
  "INSERT INTO action (focus_id, text, owner, start_date, status, end_date, note, position)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
  "  (SELECT coalesce(max(position), -1) + 1 FROM action WHERE focus_id = ?1))";
static const char sql_insert_history[] =
  "INSERT INTO action_history (action_id, plan_id, changed_at, field, old_value, new_value)"
  " VALUES (?, ?, ?, ?, ?, ?)";
static const char sql_plan_exists[] = "SELECT id FROM plan WHERE id = ?";

static gboolean
record_history (IndsatsStore  *self,
                gint64         action_id,
                gint64         plan_id,
                const char    *field,
                const char    *old_value,
                const char    *new_value,
                GError       **error)
{
  g_autofree char *now = now_text ();
  sqlite3_stmt *stmt;

  if (!(stmt = prepare (self, sql_insert_history, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action_id);
  sqlite3_bind_int64 (stmt, 2, plan_id);
  bind_text (stmt, 3, now);
  bind_text (stmt, 4, field);
  bind_text (stmt, 5, old_value);
  bind_text (stmt, 6, new_value);
  return step_done (self, stmt, "Cannot record the change", error);
}

static gboolean
validate_action (const IndsatsAction  *a,
                 GError              **error)
{
  g_autofree char *text = g_strstrip (g_strdup (a->text ? a->text : ""));

  if (*text == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "The action's text is empty; describe the action");
      return FALSE;
    }
  if (!indsats_date_is_valid_iso (a->start_date))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "The start date “%s” is not a valid date (write it as YYYY-MM-DD)",
                   a->start_date ? a->start_date : "");
      return FALSE;
    }
  if (a->end_date != NULL && *a->end_date != '\0' && !indsats_date_is_valid_iso (a->end_date))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "The evaluation date “%s” is not a valid date (write it as YYYY-MM-DD)",
                   a->end_date);
      return FALSE;
    }
  if (a->status >= INDSATS_N_STATUSES)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "The status is not valid");
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_store_add_action:
 * @plan_id: the plan the action belongs to
 * @action: the action; its team and focus area are created when new
 *
 * Adds the action at the end of its focus area, in one transaction, and
 * records its creation in the history.
 *
 * Returns: the new action's id, or 0 with @error set
 */
gint64
indsats_store_add_action (IndsatsStore         *self,
                          gint64                plan_id,
                          const IndsatsAction  *action,
                          GError              **error)
{
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  sqlite3_stmt *stmt;
  gint64 team_id, focus_id, id, found;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (action != NULL, 0);

  if (!validate_action (action, error))
    return 0;
  found = select_id (self, sql_plan_exists, NULL, plan_id, "Cannot read the plan", error);
  if (found < 0)
    return 0;
  if (found == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   "There is no plan %" G_GINT64_FORMAT, plan_id);
      return 0;
    }
  text = g_strstrip (g_strdup (action->text));
  owner = g_strstrip (g_strdup (action->owner ? action->owner : ""));

  if (!indsats_store_begin (self, error))
    return 0;
  if (!(team_id = indsats_store_ensure_team (self, plan_id, action->team, error)) ||
      !(focus_id = indsats_store_ensure_focus (self, team_id, action->focus, error)))
    return fail_rollback (self);

  if (!(stmt = prepare (self, sql_insert_action, error)))
    return fail_rollback (self);
  sqlite3_bind_int64 (stmt, 1, focus_id);
  bind_text (stmt, 2, text);
  bind_text (stmt, 3, owner);
  bind_text (stmt, 4, action->start_date);
  bind_text (stmt, 5, indsats_status_to_string (action->status));
  bind_text (stmt, 6, action->end_date && *action->end_date ? action->end_date : NULL);
  bind_text (stmt, 7, action->note ? action->note : "");
  if (!step_done (self, stmt, "Cannot save the action", error))
    return fail_rollback (self);
  id = sqlite3_last_insert_rowid (self->db);

  if (!record_history (self, id, plan_id, "created", NULL, text, error))
    return fail_rollback (self);
  if (!indsats_store_commit (self, error))
    return 0;
  return id;
}

#define ACTION_COLUMNS \
  "SELECT a.id, t.plan_id, t.id, f.id, t.name, f.name, a.text, a.owner, a.start_date," \
  " a.status, a.end_date, a.note, a.position" \
  " FROM action a JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id"

static const char sql_list_actions[] =
  ACTION_COLUMNS " WHERE t.plan_id = ? ORDER BY t.position, f.position, a.position, a.id";
static const char sql_get_action[] = ACTION_COLUMNS " WHERE a.id = ?";

static IndsatsAction *
action_from_row (sqlite3_stmt *stmt)
{
  IndsatsAction *a = indsats_action_new ();
  const char *status = (const char *) sqlite3_column_text (stmt, 9);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->plan_id = sqlite3_column_int64 (stmt, 1);
  a->team_id = sqlite3_column_int64 (stmt, 2);
  a->focus_id = sqlite3_column_int64 (stmt, 3);
  a->team = column_text (stmt, 4);
  a->focus = column_text (stmt, 5);
  a->text = column_text (stmt, 6);
  a->owner = column_text (stmt, 7);
  a->start_date = column_text (stmt, 8);
  if (!indsats_status_from_string (status, &a->status, NULL))
    a->status = INDSATS_STATUS_PLANNED;
  a->end_date = column_text (stmt, 10);
  a->note = column_text (stmt, 11);
  a->position = sqlite3_column_int (stmt, 12);
  return a;
}

/**
 * indsats_store_list_actions:
 *
 * Returns: (transfer full) (element-type IndsatsAction): the plan's actions in
 *   the plan's order: by team, focus area and position
 */
GPtrArray *
indsats_store_list_actions (IndsatsStore  *self,
                            gint64         plan_id,
                            GError       **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_action_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_actions, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (actions, action_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the actions");
      return NULL;
    }
  return g_steal_pointer (&actions);
}

IndsatsAction *
indsats_store_get_action (IndsatsStore  *self,
                          gint64         action_id,
                          GError       **error)
{
  IndsatsAction *a = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_get_action, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, action_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    a = action_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                 "There is no action %" G_GINT64_FORMAT, action_id);
  else if (rc != SQLITE_ROW)
    set_db_error (self, error, "Cannot read the action");
  return a;
}

static const char sql_list_history[] =
  "SELECT id, action_id, changed_at, field, old_value, new_value FROM action_history"
  " WHERE action_id = ? ORDER BY id DESC";

/**
 * indsats_store_list_history:
 *
 * Returns: (transfer full) (element-type IndsatsHistoryEntry): the changes of
 *   an action, newest first
 */
GPtrArray *
indsats_store_list_history (IndsatsStore  *self,
                            gint64         action_id,
                            GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_history_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_history, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, action_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndsatsHistoryEntry *e = g_new0 (IndsatsHistoryEntry, 1);
      e->id = sqlite3_column_int64 (stmt, 0);
      e->action_id = sqlite3_column_int64 (stmt, 1);
      e->changed_at = column_text (stmt, 2);
      e->field = column_text (stmt, 3);
      e->old_value = column_text (stmt, 4);
      e->new_value = column_text (stmt, 5);
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the history");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Editing actions: every change is one transaction and leaves a history row per field */

static const char sql_update_action[] =
  "UPDATE action SET focus_id = ?, text = ?, owner = ?, start_date = ?, status = ?, end_date = ?,"
  " note = ?, position = ? WHERE id = ?";
static const char sql_next_position[] =
  "SELECT coalesce(max(position), -1) + 1 FROM action WHERE focus_id = ?";
static const char sql_delete_action[] = "DELETE FROM action WHERE id = ?";
static const char sql_restore_action[] =
  "INSERT INTO action (id, focus_id, text, owner, start_date, status, end_date, note, position)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_neighbour_before[] =
  "SELECT id, position FROM action WHERE focus_id = ?1 AND (position < ?2 OR (position = ?2 AND id < ?3))"
  " ORDER BY position DESC, id DESC LIMIT 1";
static const char sql_neighbour_after[] =
  "SELECT id, position FROM action WHERE focus_id = ?1 AND (position > ?2 OR (position = ?2 AND id > ?3))"
  " ORDER BY position, id LIMIT 1";
static const char sql_set_position[] = "UPDATE action SET position = ? WHERE id = ?";

static const char *
empty_if_null (const char *text)
{
  return text ? text : "";
}

/* Records one field's change when it changed; NULL and "" are the same */
static gboolean
record_if_changed (IndsatsStore  *self,
                   const IndsatsAction *old,
                   const char    *field,
                   const char    *old_value,
                   const char    *new_value,
                   GError       **error)
{
  if (g_strcmp0 (empty_if_null (old_value), empty_if_null (new_value)) == 0)
    return TRUE;
  return record_history (self, old->id, old->plan_id, field,
                         old_value && *old_value ? old_value : NULL,
                         new_value && *new_value ? new_value : NULL, error);
}

/**
 * indsats_store_update_action:
 * @changed: the action with its new values; its id names the row. A new team
 *   or focus area moves it there (made when new), at the end.
 *
 * Saves the changes in one transaction and records each changed field in the
 * history. The same checks as for a new action apply.
 */
gboolean
indsats_store_update_action (IndsatsStore         *self,
                             const IndsatsAction  *changed,
                             GError              **error)
{
  g_autoptr(IndsatsAction) old = NULL;
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  sqlite3_stmt *stmt;
  gint64 focus_id;
  int position;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (changed != NULL, FALSE);

  if (!validate_action (changed, error))
    return FALSE;
  if (!(old = indsats_store_get_action (self, changed->id, error)))
    return FALSE;
  text = g_strstrip (g_strdup (changed->text));
  owner = g_strstrip (g_strdup (empty_if_null (changed->owner)));

  if (!indsats_store_begin (self, error))
    return FALSE;

  focus_id = old->focus_id;
  position = old->position;
  if (g_strcmp0 (old->team, changed->team) != 0 || g_strcmp0 (old->focus, changed->focus) != 0)
    {
      gint64 team_id = indsats_store_ensure_team (self, old->plan_id, changed->team, error);

      if (team_id == 0 || !(focus_id = indsats_store_ensure_focus (self, team_id, changed->focus, error)))
        return fail_rollback (self);
      if (focus_id != old->focus_id)
        {
          position = (int) select_id (self, sql_next_position, NULL, focus_id, "Cannot read the plan", error);
          if (position < 0)
            return fail_rollback (self);
        }
    }

  if (!(stmt = prepare (self, sql_update_action, error)))
    return fail_rollback (self);
  sqlite3_bind_int64 (stmt, 1, focus_id);
  bind_text (stmt, 2, text);
  bind_text (stmt, 3, owner);
  bind_text (stmt, 4, changed->start_date);
  bind_text (stmt, 5, indsats_status_to_string (changed->status));
  bind_text (stmt, 6, changed->end_date && *changed->end_date ? changed->end_date : NULL);
  bind_text (stmt, 7, empty_if_null (changed->note));
  sqlite3_bind_int (stmt, 8, position);
  sqlite3_bind_int64 (stmt, 9, changed->id);
  if (!step_done (self, stmt, "Cannot save the action", error))
    return fail_rollback (self);

  if (!record_if_changed (self, old, "text", old->text, text, error) ||
      !record_if_changed (self, old, "team", old->team, changed->team, error) ||
      !record_if_changed (self, old, "focus", old->focus, changed->focus, error) ||
      !record_if_changed (self, old, "owner", old->owner, owner, error) ||
      !record_if_changed (self, old, "start_date", old->start_date, changed->start_date, error) ||
      !record_if_changed (self, old, "status", indsats_status_to_string (old->status),
                          indsats_status_to_string (changed->status), error) ||
      !record_if_changed (self, old, "end_date", old->end_date, changed->end_date, error) ||
      !record_if_changed (self, old, "note", old->note, changed->note, error))
    return fail_rollback (self);

  return indsats_store_commit (self, error);
}

/**
 * indsats_store_delete_action:
 *
 * Deletes an action and records it in the history.
 *
 * Returns: (transfer full): the action as it was, to restore it on undo; %NULL on error
 */
IndsatsAction *
indsats_store_delete_action (IndsatsStore  *self,
                             gint64         action_id,
                             GError       **error)
{
  g_autoptr(IndsatsAction) old = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(old = indsats_store_get_action (self, action_id, error)))
    return NULL;
  if (!indsats_store_begin (self, error))
    return NULL;
  if (!(stmt = prepare (self, sql_delete_action, error)))
    {
      indsats_store_rollback (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, action_id);
  if (!step_done (self, stmt, "Cannot delete the action", error) ||
      !record_history (self, old->id, old->plan_id, "deleted", old->text, NULL, error))
    {
      indsats_store_rollback (self);
      return NULL;
    }
  if (!indsats_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&old);
}

/**
 * indsats_store_restore_action:
 * @action: an action as indsats_store_delete_action() returned it
 *
 * Puts a deleted action back with its id and place (its team and focus area
 * are made again when they were removed meanwhile), and records it.
 */
gboolean
indsats_store_restore_action (IndsatsStore         *self,
                              const IndsatsAction  *action,
                              GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 team_id, focus_id;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (!validate_action (action, error))
    return FALSE;
  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(team_id = indsats_store_ensure_team (self, action->plan_id, action->team, error)) ||
      !(focus_id = indsats_store_ensure_focus (self, team_id, action->focus, error)) ||
      !(stmt = prepare (self, sql_restore_action, error)))
    return fail_rollback (self);
  sqlite3_bind_int64 (stmt, 1, action->id);
  sqlite3_bind_int64 (stmt, 2, focus_id);
  bind_text (stmt, 3, action->text);
  bind_text (stmt, 4, empty_if_null (action->owner));
  bind_text (stmt, 5, action->start_date);
  bind_text (stmt, 6, indsats_status_to_string (action->status));
  bind_text (stmt, 7, action->end_date && *action->end_date ? action->end_date : NULL);
  bind_text (stmt, 8, empty_if_null (action->note));
  sqlite3_bind_int (stmt, 9, action->position);
  if (!step_done (self, stmt, "Cannot restore the action", error) ||
      !record_history (self, action->id, action->plan_id, "restored", NULL, action->text, error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}

/**
 * indsats_store_move_action:
 * @direction: -1 to move the action up within its focus area, +1 down
 *
 * Swaps the action with its neighbour and records the move.
 */
gboolean
indsats_store_move_action (IndsatsStore  *self,
                           gint64         action_id,
                           int            direction,
                           GError       **error)
{
  g_autoptr(IndsatsAction) a = NULL;
  g_autofree char *from = NULL, *to = NULL;
  sqlite3_stmt *stmt;
  gint64 other_id = 0;
  int other_position = 0, rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (direction == -1 || direction == 1, FALSE);

  if (!(a = indsats_store_get_action (self, action_id, error)))
    return FALSE;
  if (!(stmt = prepare (self, direction < 0 ? sql_neighbour_before : sql_neighbour_after, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->focus_id);
  sqlite3_bind_int (stmt, 2, a->position);
  sqlite3_bind_int64 (stmt, 3, a->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      other_id = sqlite3_column_int64 (stmt, 0);
      other_position = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_db_error (self, error, "Cannot read the plan");
  if (other_id == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   direction < 0 ? "The action is already the first in its focus area"
                                 : "The action is already the last in its focus area");
      return FALSE;
    }
  /* equal positions cannot be swapped: give the pair distinct ones */
  if (other_position == a->position)
    other_position = a->position + direction;

  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(stmt = prepare (self, sql_set_position, error)))
    return fail_rollback (self);
  sqlite3_bind_int (stmt, 1, other_position);
  sqlite3_bind_int64 (stmt, 2, a->id);
  if (!step_done (self, stmt, "Cannot move the action", error) ||
      !(stmt = prepare (self, sql_set_position, error)))
    return fail_rollback (self);
  sqlite3_bind_int (stmt, 1, a->position);
  sqlite3_bind_int64 (stmt, 2, other_id);
  if (!step_done (self, stmt, "Cannot move the action", error))
    return fail_rollback (self);
  from = g_strdup_printf ("%d", a->position);
  to = g_strdup_printf ("%d", other_position);
  if (!record_history (self, a->id, a->plan_id, "position", from, to, error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}

/* Goals */

static const char sql_insert_goal[] =
  "INSERT INTO goal (kind, number, title, status_text, note, position)"
  " VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM goal))";
static const char sql_list_goals[] =
  "SELECT id, kind, number, title, status_text, note FROM goal ORDER BY position, id";
static const char sql_goal_figures[] =
  "SELECT number FROM figure WHERE goal_id = ? ORDER BY number";

gint64
indsats_store_add_goal (IndsatsStore       *self,
                        const IndsatsGoal  *goal,
                        GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (goal != NULL, 0);

  if (goal->title == NULL || *goal->title == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "The goal needs a title");
      return 0;
    }
  if (!(stmt = prepare (self, sql_insert_goal, error)))
    return 0;
  bind_text (stmt, 1, indsats_goal_kind_to_string (goal->kind));
  if (goal->number > 0)
    sqlite3_bind_int (stmt, 2, goal->number);
  bind_text (stmt, 3, goal->title);
  bind_text (stmt, 4, goal->status_text ? goal->status_text : "");
  bind_text (stmt, 5, goal->note ? goal->note : "");
  if (!step_done (self, stmt, "Cannot save the goal", error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * indsats_store_list_goals:
 *
 * Returns: (transfer full) (element-type IndsatsGoal): the goal structure in order
 */
GPtrArray *
indsats_store_list_goals (IndsatsStore  *self,
                          GError       **error)
{
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_goal_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_goals, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndsatsGoal *g = indsats_goal_new ();
      g->id = sqlite3_column_int64 (stmt, 0);
      indsats_goal_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &g->kind);
      g->number = sqlite3_column_int (stmt, 2);
      g->title = column_text (stmt, 3);
      g->status_text = column_text (stmt, 4);
      g->note = column_text (stmt, 5);
      g_ptr_array_add (goals, g);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the goals");
      return NULL;
    }

  for (guint i = 0; i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);

      if (!(stmt = prepare (self, sql_goal_figures, error)))
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int number = sqlite3_column_int (stmt, 0);
          g_array_append_val (g->figures, number);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          set_db_error (self, error, "Cannot read the goals");
          return NULL;
        }
    }
  return g_steal_pointer (&goals);
}

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
  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  return select_id (self, sql_indicator_id, name ? name : "", 0, "Cannot read the indicators", error);
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
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);

  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "The indicator's name is empty");
      return 0;
    }
  id = indsats_store_find_indicator (self, name, error);
  if (id != 0)
    return id < 0 ? 0 : id;

  if (!(stmt = prepare (self, sql_insert_indicator, error)))
    return 0;
  bind_text (stmt, 1, name);
  bind_text (stmt, 2, unit ? unit : "");
  sqlite3_bind_int (stmt, 3, higher_is_better ? 1 : 0);
  bind_double (stmt, 4, threshold);
  if (!step_done (self, stmt, "Cannot save the indicator", error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

GPtrArray *
indsats_store_list_indicators (IndsatsStore  *self,
                               GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_indicator_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_indicators, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndsatsIndicator *ind = g_new0 (IndsatsIndicator, 1);
      ind->id = sqlite3_column_int64 (stmt, 0);
      ind->name = column_text (stmt, 1);
      ind->unit = column_text (stmt, 2);
      ind->higher_is_better = sqlite3_column_int (stmt, 3) != 0;
      ind->threshold = column_double (stmt, 4);
      g_ptr_array_add (list, ind);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the indicators");
      return NULL;
    }
  return g_steal_pointer (&list);
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

/**
 * indsats_store_put_observation:
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
  char canonical[32];
  sqlite3_stmt *stmt;
  gint64 id = 0;
  double old_value = NAN;
  gboolean old_preliminary = FALSE;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (area == NULL || *area == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "The area is empty");
      return FALSE;
    }
  if (source == NULL)
    source = "";
  indsats_period_write (period, canonical, sizeof canonical);

  if (!(stmt = prepare (self, sql_insert_new_observation, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_text (stmt, 2, area, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, canonical, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, period_key (period));
  bind_double (stmt, 5, value);
  sqlite3_bind_int (stmt, 6, preliminary ? 1 : 0);
  sqlite3_bind_text (stmt, 7, source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, "Cannot save the key figure", error))
    return FALSE;
  if (sqlite3_changes (self->db) == 1)
    {
      if (change)
        *change = INDSATS_OBSERVATION_ADDED;
      return TRUE;
    }

  /* it was there: compare */
  if (!(stmt = prepare (self, sql_find_observation, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_text (stmt, 2, area, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, canonical, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      old_value = column_double (stmt, 1);
      old_preliminary = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return set_db_error (self, error, "Cannot read the key figures");

  if (same_value (old_value, value) && old_preliminary == preliminary)
    {
      if (change)
        *change = INDSATS_OBSERVATION_UNCHANGED;
      return TRUE;
    }

  if (!(stmt = prepare (self, sql_update_observation, error)))
    return FALSE;
  bind_double (stmt, 1, value);
  sqlite3_bind_int (stmt, 2, preliminary ? 1 : 0);
  bind_text (stmt, 3, source);
  bind_text (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, id);
  if (!step_done (self, stmt, "Cannot save the key figure", error))
    return FALSE;

  if (!same_value (old_value, value))
    {
      if (!(stmt = prepare (self, sql_insert_revision, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      bind_text (stmt, 2, now);
      bind_double (stmt, 3, old_value);
      bind_double (stmt, 4, value);
      bind_text (stmt, 5, source);
      if (!step_done (self, stmt, "Cannot record the revision", error))
        return FALSE;
    }
  if (change)
    *change = INDSATS_OBSERVATION_UPDATED;
  return TRUE;
}

/**
 * indsats_store_now:
 *
 * Returns: (transfer full): the local time as the store records it
 */
char *
indsats_store_now (void)
{
  return now_text ();
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
  IndsatsPeriod p;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!indsats_period_parse (period, &p, error))
    return FALSE;
  return indsats_store_put_observation (self, indicator_id, area, &p, value, preliminary, source, now,
                                        change, error);
}

static const char sql_list_observations[] =
  "SELECT i.name, o.area, o.period, o.value, i.unit, o.preliminary, o.source"
  " FROM observation o JOIN indicator i ON i.id = o.indicator_id"
  " WHERE ?1 IS NULL OR i.name = ?1"
  " ORDER BY i.name, o.area, o.period_key";

/**
 * indsats_store_list_observations:
 * @indicator: (nullable): only this indicator's observations
 *
 * Returns: (transfer full) (element-type IndsatsObservation): by indicator, area and period
 */
GPtrArray *
indsats_store_list_observations (IndsatsStore  *self,
                                 const char    *indicator,
                                 GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_observation_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_observations, error)))
    return NULL;
  bind_text (stmt, 1, indicator);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndsatsObservation *o = indsats_observation_new ();
      o->indicator = column_text (stmt, 0);
      o->area = column_text (stmt, 1);
      o->period = column_text (stmt, 2);
      o->value = column_double (stmt, 3);
      o->unit = column_text (stmt, 4);
      o->preliminary = sqlite3_column_int (stmt, 5) != 0;
      o->source = column_text (stmt, 6);
      g_ptr_array_add (list, o);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the key figures");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Figures */

static const char sql_insert_figure[] =
  "INSERT INTO figure (number, title, kind, unit, period_from, period_to, threshold,"
  " threshold_label, source, goal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_insert_figure_series[] =
  "INSERT INTO figure_series (figure_id, position, indicator_id, area, label) VALUES (?, ?, ?, ?, ?)";
static const char sql_insert_figure_action[] =
  "INSERT OR IGNORE INTO figure_action (figure_id, action_id) VALUES (?, ?)";
static const char sql_figure_number_taken[] = "SELECT id FROM figure WHERE number = ?";
static const char sql_next_figure_number[] = "SELECT coalesce(max(number), 0) + 1 FROM figure";

int
indsats_store_next_figure_number (IndsatsStore  *self,
                                  GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  return (int) select_id (self, sql_next_figure_number, NULL, 0, "Cannot read the figures", error);
}

/**
 * indsats_store_add_figure:
 * @figure: the definition; a number of 0 takes the next free number. Every
 *   series' indicator must exist.
 *
 * Returns: the new figure's id, or 0 with @error set
 */
gint64
indsats_store_add_figure (IndsatsStore         *self,
                          const IndsatsFigure  *figure,
                          GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 id, taken;
  int number;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (figure != NULL, 0);

  if (figure->title == NULL || *figure->title == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "The figure needs a title");
      return 0;
    }
  if (figure->series->len == 0)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "The figure needs at least one indicator and area");
      return 0;
    }

  if (!indsats_store_begin (self, error))
    return 0;
  number = figure->number;
  if (number <= 0)
    {
      number = indsats_store_next_figure_number (self, error);
      if (number < 0)
        return fail_rollback (self);
    }
  else
    {
      taken = select_id (self, sql_figure_number_taken, NULL, number, "Cannot read the figures", error);
      if (taken < 0)
        return fail_rollback (self);
      if (taken > 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "There is already a Figur %d", number);
          return fail_rollback (self);
        }
    }

  if (!(stmt = prepare (self, sql_insert_figure, error)))
    return fail_rollback (self);
  sqlite3_bind_int (stmt, 1, number);
  bind_text (stmt, 2, figure->title);
  bind_text (stmt, 3, indsats_figure_kind_to_string (figure->kind));
  bind_text (stmt, 4, figure->unit ? figure->unit : "");
  bind_text (stmt, 5, figure->period_from);
  bind_text (stmt, 6, figure->period_to);
  bind_double (stmt, 7, figure->threshold);
  bind_text (stmt, 8, figure->threshold_label);
  bind_text (stmt, 9, figure->source ? figure->source : "");
  if (figure->goal_id > 0)
    sqlite3_bind_int64 (stmt, 10, figure->goal_id);
  if (!step_done (self, stmt, "Cannot save the figure", error))
    return fail_rollback (self);
  id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < figure->series->len; i++)
    {
      IndsatsFigureSeries *s = g_ptr_array_index (figure->series, i);
      gint64 indicator_id = indsats_store_find_indicator (self, s->indicator, error);

      if (indicator_id < 0)
        return fail_rollback (self);
      if (indicator_id == 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                       "There is no indicator “%s”; import its key figures first", s->indicator);
          return fail_rollback (self);
        }
      if (!(stmt = prepare (self, sql_insert_figure_series, error)))
        return fail_rollback (self);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_int64 (stmt, 3, indicator_id);
      bind_text (stmt, 4, s->area);
      bind_text (stmt, 5, s->label);
      if (!step_done (self, stmt, "Cannot save the figure", error))
        return fail_rollback (self);
    }

  for (guint i = 0; i < figure->action_ids->len; i++)
    {
      if (!(stmt = prepare (self, sql_insert_figure_action, error)))
        return fail_rollback (self);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (figure->action_ids, gint64, i));
      if (!step_done (self, stmt, "Cannot save the figure", error))
        return fail_rollback (self);
    }

  if (!indsats_store_commit (self, error))
    return 0;
  return id;
}

static const char sql_figure_columns[] =
  "SELECT id, number, title, kind, unit, period_from, period_to, threshold, threshold_label,"
  " source, goal_id FROM figure ORDER BY number";
static const char sql_figure_by_number[] =
  "SELECT id, number, title, kind, unit, period_from, period_to, threshold, threshold_label,"
  " source, goal_id FROM figure WHERE number = ?";
static const char sql_figure_series[] =
  "SELECT i.name, s.area, s.label FROM figure_series s JOIN indicator i ON i.id = s.indicator_id"
  " WHERE s.figure_id = ? ORDER BY s.position";
static const char sql_figure_actions[] =
  "SELECT action_id FROM figure_action WHERE figure_id = ? ORDER BY action_id";

static IndsatsFigure *
figure_from_row (sqlite3_stmt *stmt)
{
  IndsatsFigure *f = indsats_figure_new ();

  f->id = sqlite3_column_int64 (stmt, 0);
  f->number = sqlite3_column_int (stmt, 1);
  f->title = column_text (stmt, 2);
  indsats_figure_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &f->kind, NULL);
  f->unit = column_text (stmt, 4);
  f->period_from = column_text (stmt, 5);
  f->period_to = column_text (stmt, 6);
  f->threshold = column_double (stmt, 7);
  f->threshold_label = column_text (stmt, 8);
  f->source = column_text (stmt, 9);
  f->goal_id = sqlite3_column_int64 (stmt, 10);
  return f;
}

static gboolean
load_figure_parts (IndsatsStore   *self,
                   IndsatsFigure  *f,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = prepare (self, sql_figure_series, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (f->series,
                     indsats_figure_series_new ((const char *) sqlite3_column_text (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, "Cannot read the figure");

  if (!(stmt = prepare (self, sql_figure_actions, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, f->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 action_id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (f->action_ids, action_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error, "Cannot read the figure");
  return TRUE;
}

/**
 * indsats_store_list_figures:
 *
 * Returns: (transfer full) (element-type IndsatsFigure): every figure by number
 */
GPtrArray *
indsats_store_list_figures (IndsatsStore  *self,
                            GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_figure_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_figure_columns, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, figure_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the figures");
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_figure_parts (self, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

IndsatsFigure *
indsats_store_get_figure (IndsatsStore  *self,
                          int            number,
                          GError       **error)
{
  g_autoptr(IndsatsFigure) f = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_figure_by_number, error)))
    return NULL;
  sqlite3_bind_int (stmt, 1, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    f = figure_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND, "There is no Figur %d", number);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, "Cannot read the figure");
      return NULL;
    }
  if (!load_figure_parts (self, f, error))
    return NULL;
  return g_steal_pointer (&f);
}

/* The plan's triggers: which indicators broke which line */

static const char sql_link_trigger[] =
  "UPDATE plan_trigger SET indicator_id = ? WHERE plan_id = ? AND position = ?";
static const char sql_list_triggers[] =
  "SELECT t.text, i.name FROM plan_trigger t LEFT JOIN indicator i ON i.id = t.indicator_id"
  " WHERE t.plan_id = ? ORDER BY t.position";

/**
 * indsats_store_link_trigger:
 * @position: the trigger's place in the plan, from 0
 *
 * Says which indicator a trigger of the plan is about.
 */
gboolean
indsats_store_link_trigger (IndsatsStore  *self,
                            gint64         plan_id,
                            int            position,
                            gint64         indicator_id,
                            GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!(stmt = prepare (self, sql_link_trigger, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, indicator_id);
  sqlite3_bind_int64 (stmt, 2, plan_id);
  sqlite3_bind_int (stmt, 3, position);
  if (!step_done (self, stmt, "Cannot save the plan", error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   "Plan %" G_GINT64_FORMAT " has no trigger %d", plan_id, position + 1);
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_store_list_trigger_indicators:
 *
 * Returns: (transfer full) (element-type utf8): per trigger of the plan, the
 *   name of its indicator, or "" when none is linked
 */
GPtrArray *
indsats_store_list_trigger_indicators (IndsatsStore  *self,
                                       gint64         plan_id,
                                       GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_triggers, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_ptr_array_add (names, g_strdup (name ? name : ""));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the plan");
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* Editing goals and indicators */

static const char sql_update_goal_status[] = "UPDATE goal SET status_text = ? WHERE id = ?";
static const char sql_update_indicator[] =
  "UPDATE indicator SET unit = ?, higher_is_better = ?, threshold = ? WHERE id = ?";
static const char sql_list_areas[] =
  "SELECT DISTINCT o.area FROM observation o JOIN indicator i ON i.id = o.indicator_id"
  " WHERE i.name = ? ORDER BY o.area";

gboolean
indsats_store_set_goal_status (IndsatsStore  *self,
                               gint64         goal_id,
                               const char    *status_text,
                               GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!(stmt = prepare (self, sql_update_goal_status, error)))
    return FALSE;
  bind_text (stmt, 1, status_text ? status_text : "");
  sqlite3_bind_int64 (stmt, 2, goal_id);
  if (!step_done (self, stmt, "Cannot save the goal", error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND, "There is no goal %" G_GINT64_FORMAT, goal_id);
      return FALSE;
    }
  return TRUE;
}

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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!(stmt = prepare (self, sql_update_indicator, error)))
    return FALSE;
  bind_text (stmt, 1, unit ? unit : "");
  sqlite3_bind_int (stmt, 2, higher_is_better ? 1 : 0);
  bind_double (stmt, 3, threshold);
  sqlite3_bind_int64 (stmt, 4, indicator_id);
  if (!step_done (self, stmt, "Cannot save the indicator", error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   "There is no indicator %" G_GINT64_FORMAT, indicator_id);
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_areas, error)))
    return NULL;
  bind_text (stmt, 1, indicator);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (areas, column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the key figures");
      return NULL;
    }
  return g_steal_pointer (&areas);
}

/* Teams and focus areas: renaming and removing */

static const char sql_list_teams[] =
  "SELECT t.id, t.name, f.id, f.name, (SELECT count(*) FROM action a WHERE a.focus_id = f.id)"
  " FROM team t LEFT JOIN focus_area f ON f.team_id = t.id WHERE t.plan_id = ?"
  " ORDER BY t.position, f.position";
static const char sql_rename_team[] = "UPDATE team SET name = ? WHERE id = ?";
static const char sql_rename_focus[] = "UPDATE focus_area SET name = ? WHERE id = ?";
static const char sql_remove_team[] = "DELETE FROM team WHERE id = ?";
static const char sql_remove_focus[] = "DELETE FROM focus_area WHERE id = ?";
static const char sql_actions_under_team[] =
  "SELECT a.id, t.plan_id, a.text FROM action a JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id"
  " WHERE t.id = ?1 OR f.id = ?2";

void
indsats_team_entry_free (IndsatsTeamEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->team);
  g_free (e->focus);
  g_free (e);
}

/**
 * indsats_store_list_teams:
 *
 * Returns: (transfer full) (element-type IndsatsTeamEntry): the plan's teams
 *   and their focus areas in order, with the number of actions in each
 */
GPtrArray *
indsats_store_list_teams (IndsatsStore  *self,
                          gint64         plan_id,
                          GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_team_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_teams, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndsatsTeamEntry *e = g_new0 (IndsatsTeamEntry, 1);
      e->team_id = sqlite3_column_int64 (stmt, 0);
      e->team = column_text (stmt, 1);
      e->focus_id = sqlite3_column_int64 (stmt, 2);
      e->focus = column_text (stmt, 3);
      e->n_actions = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (list, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the plan");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * indsats_store_rename:
 * @focus: %TRUE to rename a focus area, %FALSE a team
 */
gboolean
indsats_store_rename (IndsatsStore  *self,
                      gboolean       focus,
                      gint64         id,
                      const char    *name,
                      GError       **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (*clean == '\0')
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "The %s needs a name", focus ? "focus area" : "team");
      return FALSE;
    }
  if (!(stmt = prepare (self, focus ? sql_rename_focus : sql_rename_team, error)))
    return FALSE;
  bind_text (stmt, 1, clean);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int code = sqlite3_extended_errcode (self->db);
      sqlite3_reset (stmt);
      if (code == SQLITE_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "There is already a %s called “%s”",
                       focus ? "focus area" : "team", clean);
          return FALSE;
        }
      return set_db_error (self, error, "Cannot rename it");
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * indsats_store_remove:
 * @focus: %TRUE to remove a focus area, %FALSE a team
 *
 * Removes a team or focus area and the actions in it, in one transaction;
 * each action's removal is recorded in its history.
 */
gboolean
indsats_store_remove (IndsatsStore  *self,
                      gboolean       focus,
                      gint64         id,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_action_free);
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(stmt = prepare (self, sql_actions_under_team, error)))
    return fail_rollback (self);
  sqlite3_bind_int64 (stmt, 1, focus ? -1 : id);
  sqlite3_bind_int64 (stmt, 2, focus ? id : -1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      IndsatsAction *a = indsats_action_new ();
      a->id = sqlite3_column_int64 (stmt, 0);
      a->plan_id = sqlite3_column_int64 (stmt, 1);
      a->text = column_text (stmt, 2);
      g_ptr_array_add (gone, a);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, "Cannot read the plan");
      return fail_rollback (self);
    }
  for (guint i = 0; i < gone->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (gone, i);
      if (!record_history (self, a->id, a->plan_id, "deleted", a->text, NULL, error))
        return fail_rollback (self);
    }
  if (!(stmt = prepare (self, focus ? sql_remove_focus : sql_remove_team, error)))
    return fail_rollback (self);
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, "Cannot remove it", error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}
