/* indsats-store.c
 *
 * The one place that speaks SQL. A store is one SQLite file in WAL mode with
 * foreign keys on; every change a person makes is one transaction (a
 * savepoint, so that a caller may wrap several changes into one).
 *
 * This file opens the store and keeps its statements; the SQL for each part
 * of the data is in indsats-store-plans.c, -actions.c, -figures.c and
 * -keyfigures.c, run through the helpers of indsats-store-private.h and the
 * backend (indsats-store-backend.h) under them.
 */
#include "config.h"

#include "indsats-store-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-store-pg-schema.h"
#include "indsats-store-schema.h"

G_DEFINE_FINAL_TYPE (IndsatsStore, indsats_store, G_TYPE_OBJECT)

static void
indsats_store_finalize (GObject *object)
{
  IndsatsStore *self = INDSATS_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  if (self->db != NULL)
    self->db->backend->close (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->display, g_free);

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
  IndsatsStmt *s = stmt;

  s->db->backend->finalize (s);
}

static void
indsats_store_init (IndsatsStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            finalize_statement);
  self->notes = g_ptr_array_new_with_free_func (g_free);
  self->user_name = indsats_store_user_name ();
}

/* Error helpers */

gboolean
set_db_error (IndsatsStore  *self,
              GError       **error,
              const char    *what)
{
  self->db->backend->set_error (self->db, what, self->display ? self->display : self->path, error);
  return FALSE;
}

/* Statements are prepared once and kept; the key is the address of the SQL text. */
IndsatsStmt *
prepare (IndsatsStore  *self,
         const char    *sql,
         GError       **error)
{
  IndsatsStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      self->db->backend->reset (stmt);
      self->db->backend->clear_bindings (stmt);
      return stmt;
    }
  if (!(stmt = self->db->backend->prepare (self->db, sql, TRUE)))
    {
      set_db_error (self, error, _("Could not read the database"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/* For the tests: the SQL of every statement kept so far, to check its plan */
GPtrArray *
indsats_store_list_prepared_sql (IndsatsStore *self)
{
  GPtrArray *sql = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (sql, key);
  return sql;
}

/* Runs a statement that returns no rows. */
gboolean
step_done (IndsatsStore  *self,
           IndsatsStmt   *stmt,
           const char    *what,
           GError       **error)
{
  IndsatsStep rc = step (stmt);

  reset (stmt);
  if (rc == INDSATS_STEP_FAILED)
    return set_db_error (self, error, what);
  return TRUE;
}

gboolean
exec (IndsatsStore  *self,
      const char    *sql,
      const char    *what,
      GError       **error)
{
  if (!self->db->backend->exec (self->db, sql))
    return set_db_error (self, error, what);
  return TRUE;
}

char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

gint64
select_id (IndsatsStore  *self,
           const char    *sql,
           const char    *text_param,
           gint64         int_param,
           const char    *what,
           GError       **error)
{
  IndsatsStmt *stmt;
  gint64 id = 0;
  IndsatsStep rc;

  if (!(stmt = prepare (self, sql, error)))
    return -1;
  if (text_param != NULL)
    bind_text (stmt, 1, text_param);
  else if (int_param != 0)
    bind_int64 (stmt, 1, int_param);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    id = column_int64 (stmt, 0);
  reset (stmt);
  if (rc == INDSATS_STEP_FAILED)
    {
      set_db_error (self, error, what);
      return -1;
    }
  return id;
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
                   _("Cannot create the folder “%s” for the database: %s"),
                   dir, g_strerror (err));
      return FALSE;
    }
  if (g_access (dir, W_OK) != 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("Cannot create the database “%s”: the folder “%s” cannot be written; "
                   "choose a file in another folder"),
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

  if (!exec (self, "BEGIN IMMEDIATE", _("Cannot prepare the database"), error))
    return FALSE;
  for (int v = from_version; v < (int) G_N_ELEMENTS (indsats_migrations); v++)
    {
      if (!self->db->backend->exec (self->db, indsats_migrations[v]))
        {
          set_db_error (self, error, _("Cannot update the database to the current version"));
          self->db->backend->exec (self->db, "ROLLBACK");
          return FALSE;
        }
      if (v + 1 == INDSATS_MIGRATION_NFC && from_version > 0 && !normalize_names (self, error))
        {
          self->db->backend->exec (self->db, "ROLLBACK");
          g_ptr_array_set_size (self->notes, 0);
          return FALSE;
        }
    }
  /* PRAGMA takes no bound parameters; the numbers are our own constants */
  pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                            (int) G_N_ELEMENTS (indsats_migrations), INDSATS_APPLICATION_ID);
  if (!exec (self, pragma, _("Cannot update the database version"), error) ||
      !exec (self, "COMMIT", _("Cannot update the database to the current version"), error))
    {
      self->db->backend->exec (self->db, "ROLLBACK");
      return FALSE;
    }
  return TRUE;
}

static int
pragma_int (IndsatsStore  *self,
            const char    *sql,
            GError       **error)
{
  IndsatsStmt *stmt;
  int value = -1;

  if (!(stmt = self->db->backend->prepare (self->db, sql, FALSE)))
    {
      set_db_error (self, error, _("Cannot open the database"));
      return -1;
    }
  if (step (stmt) == INDSATS_STEP_ROW)
    value = column_int (stmt, 0);
  else
    set_db_error (self, error, _("Cannot open the database"));
  self->db->backend->finalize (stmt);
  return value;
}

/* Whether the write-ahead log beside @path holds changes not yet in the file */
static gboolean
wal_has_changes (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Whether a change to @path could be written: the file and its folder (for
 * the journal) must both be writable */
static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/* PostgreSQL: the schema is made or brought up to date under the writers'
 * lock, so that two programs opening a new database at once make it once */
static gboolean
migrate_pg (IndsatsStore  *self,
            GError       **error)
{
  const int current = (int) G_N_ELEMENTS (indsats_pg_migrations);
  g_autofree char *set_version = NULL;
  int version;

  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!exec (self, "CREATE TABLE IF NOT EXISTS indsats_version (version integer NOT NULL)",
             _("Cannot prepare the database"), error) ||
      (version = pragma_int (self, "SELECT coalesce (max (version), 0) FROM indsats_version", error)) < 0)
    return fail_rollback (self);
  for (int v = version; v < current; v++)
    if (!exec (self, indsats_pg_migrations[v], _("Cannot update the database to the current version"), error))
      return fail_rollback (self);
  /* no bound parameters in a script; the number is our own constant */
  set_version = g_strdup_printf ("DELETE FROM indsats_version; INSERT INTO indsats_version VALUES (%d)", current);
  if (!exec (self, set_version, _("Cannot update the database version"), error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}

static IndsatsStore *
open_pg_store (const char  *uri,
               gboolean     create,
               GError     **error)
{
  g_autoptr(IndsatsStore) self = g_object_new (INDSATS_TYPE_STORE, NULL);
  const int current = (int) G_N_ELEMENTS (indsats_pg_migrations);
  int has_version, version = 0;

  self->path = g_strdup (uri);
  if (!indsats_pg_open (uri, &self->db, error))
    return NULL;
  self->display = g_strdup (indsats_pg_server (self->db));

  has_version = pragma_int (self, "SELECT count(*) FROM pg_catalog.pg_tables"
                                  " WHERE schemaname = current_schema () AND tablename = 'indsats_version'", error);
  if (has_version < 0)
    return NULL;
  if (has_version == 0)
    {
      int n_tables = pragma_int (self, "SELECT count(*) FROM pg_catalog.pg_tables"
                                       " WHERE schemaname = current_schema ()", error);

      if (n_tables < 0)
        return NULL;
      if (n_tables > 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                       _("The PostgreSQL database %s holds the tables of another program, not of Indsats; "
                       "nothing was changed. Choose another database with --database"),
                       self->display);
          return NULL;
        }
      if (!create)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                       _("There is no Indsats database at %s"), self->display);
          return NULL;
        }
    }
  else
    {
      /* the version table is there, and a newer Indsats may have no other table it knows */
      int readable = pragma_int (self, "SELECT has_table_privilege ('indsats_version', 'SELECT')", error);

      if (readable < 0)
        return NULL;
      if (!readable)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_READ_ONLY,
                       _("You may not read the plan in %s: your role was given no right to its tables; "
                       "nothing was changed. Ask its owner to grant you SELECT on them (see the README)"),
                       self->display);
          return NULL;
        }
      if ((version = pragma_int (self, "SELECT coalesce (max (version), 0) FROM indsats_version", error)) < 0)
        return NULL;
    }

  if (version > current)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NEWER_DATABASE,
                   _("The PostgreSQL database %s was written by a newer version of Indsats (database "
                   "version %d, this program knows up to %d); nothing was changed. Update Indsats to open it"),
                   self->display, version, current);
      return NULL;
    }
  if (version > 0)
    {
      int writable = pragma_int (self, "SELECT has_table_privilege ('action', 'UPDATE')"
                                       " AND current_setting ('transaction_read_only') = 'off'", error);

      if (writable < 0)
        return NULL;
      self->read_only = !writable;
    }
  if (self->read_only)
    {
      if (version < current)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_READ_ONLY,
                       _("The PostgreSQL database %s was written by an older Indsats and must be updated, "
                       "but you may only read it; nothing was changed. Ask its owner to open it once"),
                       self->display);
          return NULL;
        }
      return g_steal_pointer (&self);
    }
  if (version < current && !migrate_pg (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

static IndsatsStore *
open_store (const char  *path,
            gboolean     create,
            GError     **error)
{
  g_autoptr(IndsatsStore) self = NULL;
  IndsatsSqliteFlags flags = 0;
  gboolean exists;
  int version, app_id, n_tables;

  g_return_val_if_fail (path != NULL, NULL);

  if (indsats_is_pg_uri (path))
    return open_pg_store (path, create, error);

  if (!check_file_kind (path, error))
    return NULL;
  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("“%s” is a folder, not a database file"), path);
      return NULL;
    }
  if (!exists && !create)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   _("There is no database at “%s”"), path);
      return NULL;
    }
  if (!exists && !check_can_create (path, error))
    return NULL;

  self = g_object_new (INDSATS_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = exists && !can_write (path);
  if (self->read_only)
    flags |= INDSATS_SQLITE_READ_ONLY;
  else if (create)
    flags |= INDSATS_SQLITE_CREATE;

  if (!indsats_sqlite_open (path, flags, &self->db))
    {
      if (self->db == NULL)
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("Cannot open “%s”"), path);
      else if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                     _("There is no database at “%s”"), path);
      else
        set_db_error (self, error, _("Cannot open the database"));
      return NULL;
    }

  /* Read before anything is written: a file that is not a database, or one
   * from a newer version, must be left byte for byte as it was. */
  version = pragma_int (self, "PRAGMA user_version", error);
  if (version < 0 && !self->read_only && self->db->backend->is_disk_full (self->db) && !wal_has_changes (path))
    {
      /* a full disk has no room for the shared-memory file: what is stored
       * can still be read (all of it is in the main file), nothing changed */
      self->read_only = TRUE;
      self->disk_full = TRUE;
    }
  if (version < 0 && self->read_only)
    {
      /* a WAL database in a folder that cannot be written, or on a full disk:
       * read it without the shared-memory file it cannot make */
      g_clear_error (error);
      self->db->backend->close (self->db);
      self->db = NULL;
      g_hash_table_remove_all (self->statements);
      if (!indsats_sqlite_open (path, INDSATS_SQLITE_IMMUTABLE, &self->db))
        {
          if (self->db == NULL)
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("Cannot open “%s”"), path);
          else
            set_db_error (self, error, _("Cannot open the database"));
          return NULL;
        }
      version = pragma_int (self, "PRAGMA user_version", error);
    }
  if (version < 0)
    {
      /* only SQLite's own word makes a file damaged; a full disk or a lock is
       * said as such */
      if (g_error_matches (*error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE))
        {
          g_clear_error (error);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                       _("“%s” is not an Indsats database (it is not an SQLite file, or it is damaged); "
                       "nothing was changed. Choose another file with --database"),
                       path);
        }
      return NULL;
    }
  app_id = pragma_int (self, "PRAGMA application_id", error);
  n_tables = pragma_int (self, "SELECT count(*) FROM sqlite_master", error);
  if (app_id < 0 || n_tables < 0)
    return NULL;

  if (version > (int) G_N_ELEMENTS (indsats_migrations))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NEWER_DATABASE,
                   _("“%s” was written by a newer version of Indsats (database version %d, "
                   "this program knows up to %d); nothing was changed. Update Indsats to open it"),
                   path, version, (int) G_N_ELEMENTS (indsats_migrations));
      return NULL;
    }
  if ((app_id != 0 && app_id != INDSATS_APPLICATION_ID) || (app_id == 0 && n_tables > 0))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                   _("“%s” is an SQLite database of another program, not of Indsats; "
                   "nothing was changed. Choose another file with --database"),
                   path);
      return NULL;
    }

  if (self->read_only)
    {
      if (version < (int) G_N_ELEMENTS (indsats_migrations))
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_READ_ONLY,
                       _("“%s” was written by an older Indsats and must be updated, but it cannot be "
                       "written (the file or its folder is read-only); nothing was changed. "
                       "Open it once where it can be written"),
                       path);
          return NULL;
        }
      if (!exec (self, "PRAGMA foreign_keys = ON", _("Cannot open the database"), error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!exec (self, "PRAGMA journal_mode = WAL", _("Cannot open the database"), error) ||
      !exec (self, "PRAGMA foreign_keys = ON", _("Cannot open the database"), error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", _("Cannot open the database"), error))
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * indsats_store_open:
 * @path: the database file, created when missing; or a PostgreSQL URI
 *   (postgresql://… or postgres://…), whose schema is made when it is empty
 * @error: says what is wrong with the file, naming it
 *
 * Opens (and when needed creates or migrates) the database. A file written by
 * a newer Indsats, or one that is not an Indsats database, is refused and left
 * exactly as it was. A file that cannot be written, or one in a folder that
 * cannot, is opened read-only: reading works, and a change is refused with a
 * message that says so.
 *
 * Returns: (transfer full): the store, or %NULL
 */
IndsatsStore *
indsats_store_open (const char  *path,
                    GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_store (path, TRUE, error);
}

/**
 * indsats_store_open_existing:
 *
 * Opens a database as indsats_store_open() does, but never creates one: a
 * missing file is an %INDSATS_ERROR_NOT_FOUND. For what only reads.
 *
 * Returns: (transfer full): the store, or %NULL
 */
IndsatsStore *
indsats_store_open_existing (const char  *path,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  return open_store (path, FALSE, error);
}

/**
 * indsats_store_check_name:
 * @name: what a person gave as the database: a file, or a PostgreSQL URI
 *
 * Checks @name before it is kept in the settings: a URI must be one libpq
 * reads, and must not hold a password (the keyring keeps that).
 *
 * Returns: %FALSE with @error saying what is wrong
 */
gboolean
indsats_store_check_name (const char  *name,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (name != NULL, FALSE);

  if (indsats_text_is_blank (name))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The database is empty; give a file or a postgresql:// address"));
      return FALSE;
    }
  if (!indsats_is_pg_uri (name))
    return TRUE;
  uri = g_uri_parse (name, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS, NULL);
  if (uri == NULL)
    {
      g_autofree char *said = indsats_pg_without_password (name);

      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is not a PostgreSQL address; write it as postgresql://user@server/database"), said);
      return FALSE;
    }
  if (g_uri_get_password (uri) != NULL || strstr (name, "password=") != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The address holds a password; leave it out and give the password on its own, "
                   "so that it is kept in the keyring and not in the settings"));
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_store_describe_name:
 *
 * Returns: (transfer full): @name as messages say it: a file as it is, a
 *   PostgreSQL URI as "user@host:port/database", without a password
 */
char *
indsats_store_describe_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return indsats_is_pg_uri (name) ? indsats_pg_describe (name) : g_strdup (name);
}

/**
 * indsats_store_name_without_password:
 *
 * Returns: (transfer full): @name as a person gave it, for a message that
 *   says it back: a file as it is, a PostgreSQL URI with a password in it
 *   as “…”
 */
char *
indsats_store_name_without_password (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return indsats_is_pg_uri (name) ? indsats_pg_without_password (name) : g_strdup (name);
}

/**
 * indsats_store_changed_elsewhere:
 *
 * Whether another program (another person, on a shared database) changed the
 * store since the last call; the first call starts to watch and says %FALSE.
 * Never waits: a window may ask every second.
 */
gboolean
indsats_store_changed_elsewhere (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  return self->db->backend->changed_elsewhere (self->db);
}

/**
 * indsats_store_is_connected:
 *
 * Returns: whether the store's server still answers (always %TRUE for a
 *   file); a query that failed because it stopped answering makes it %FALSE
 */
gboolean
indsats_store_is_connected (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  return self->db->backend->is_connected == NULL || self->db->backend->is_connected (self->db);
}

/**
 * indsats_store_set_wait:
 * @milliseconds: how long a change waits for another program's change (an
 *   import, say) to finish before it gives up saying the store is in use
 *
 * A file waits %INDSATS_STORE_WAIT_DEFAULT milliseconds unless told; a
 * server's store waits for as long as the other change takes.
 */
void
indsats_store_set_wait (IndsatsStore *self,
                        guint         milliseconds)
{
  g_return_if_fail (INDSATS_IS_STORE (self));

  if (self->db->backend->set_wait != NULL)
    self->db->backend->set_wait (self->db, milliseconds);
}

/**
 * indsats_store_reconnect:
 *
 * Takes one step of connecting to the server anew, without waiting for it.
 *
 * Returns: %TRUE once connected again (at once for a file), %FALSE while it
 *   is not: call again later
 */
gboolean
indsats_store_reconnect (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (self->db->backend->reconnect == NULL)
    return TRUE;
  /* the server forgot the statements prepared on the old connection */
  g_hash_table_remove_all (self->statements);
  return self->db->backend->reconnect (self->db) == INDSATS_RECONNECT_DONE;
}

/**
 * indsats_store_get_display_name:
 *
 * Returns: the store as messages name it: the file, or the server and
 *   database without a password
 */
const char *
indsats_store_get_display_name (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);
  return self->display ? self->display : self->path;
}

/**
 * indsats_store_is_read_only:
 *
 * Returns: whether the store was opened read-only, because the file or its
 *   folder cannot be written
 */
gboolean
indsats_store_is_read_only (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), TRUE);
  return self->read_only;
}

const char *
indsats_store_get_path (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);
  return self->path;
}

/**
 * indsats_store_get_notes:
 *
 * Returns: (transfer none) (element-type utf8): what opening the database
 *   changed in it, a sentence each: the names the migration merged
 */
GPtrArray *
indsats_store_get_notes (IndsatsStore *self)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);
  return self->notes;
}

/* Transactions nest, so a function that changes several rows wraps them, and
 * a caller may wrap several such functions. The outermost one takes the write
 * lock first (waiting up to the busy timeout for another writer), so a change
 * reads the rows it changes inside the transaction that changes them. */

gboolean
indsats_store_begin (IndsatsStore  *self,
                     GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  if (self->disk_full)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("The disk is full (it holds “%s”); nothing was changed. Free some space and try again"),
                   self->path);
      return FALSE;
    }
  if (self->read_only && self->display != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_READ_ONLY,
                   _("You may only read this plan (on %s); nothing was changed. "
                   "Ask its owner for the right to change it"), self->display);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_READ_ONLY,
                   _("“%s” is open read-only: the file or its folder cannot be written, so nothing "
                   "was changed. Ask for write access, or copy the file to a folder you can write to"),
                   self->path);
      return FALSE;
    }
  if (!self->db->backend->begin (self->db))
    return set_db_error (self, error, _("Cannot start a change"));
  return TRUE;
}

/**
 * indsats_store_begin_read:
 *
 * Starts a transaction that only reads: everything read until the matching
 * indsats_store_commit() is one moment of the data, whatever other programs
 * change meanwhile. An export reads inside one.
 */
gboolean
indsats_store_begin_read (IndsatsStore  *self,
                          GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  if (!self->db->backend->begin_read (self->db))
    return set_db_error (self, error, _("Cannot read the database"));
  return TRUE;
}

gboolean
indsats_store_commit (IndsatsStore  *self,
                      GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  if (!self->db->backend->commit (self->db))
    {
      set_db_error (self, error, _("Cannot save the change"));
      indsats_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
indsats_store_rollback (IndsatsStore *self)
{
  g_return_if_fail (INDSATS_IS_STORE (self));
  self->db->backend->rollback (self->db);
}

gint64
fail_rollback (IndsatsStore *self)
{
  indsats_store_rollback (self);
  return 0;
}
