/* indsats-store-sqlite.c
 *
 * The store's backend for one SQLite file. The outermost transaction is
 * BEGIN IMMEDIATE: it takes the write lock before the first read, so a change
 * that reads and then writes waits for another writer (the busy timeout)
 * instead of failing when that writer commits first. Inner ones are
 * savepoints, so that transactions nest.
 */
#include "config.h"

#include "indsats-store-backend.h"
#include "indsats-store.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "indsats-error.h"

typedef struct
{
  IndsatsDb  base;
  sqlite3   *db;
  int        depth;   /* open transactions, the outermost first */
  gint64     data_version; /* as last seen; -1 before */
} SqliteDb;

typedef struct
{
  IndsatsStmt   base;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define DB(d) (((SqliteDb *) (d))->db)
#define STMT(s) (((SqliteStmt *) (s))->stmt)

static void
sqlite_close (IndsatsDb *db)
{
  if (DB (db) != NULL)
    sqlite3_close_v2 (DB (db));
  g_free (db);
}

static gboolean
sqlite_exec (IndsatsDb  *db,
             const char *sql)
{
  return sqlite3_exec (DB (db), sql, NULL, NULL, NULL) == SQLITE_OK;
}

static IndsatsStmt *
sqlite_prepare (IndsatsDb  *db,
                const char *sql,
                gboolean    keep)
{
  sqlite3_stmt *stmt = NULL;
  SqliteStmt *s;

  if (sqlite3_prepare_v3 (DB (db), sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0,
                          &stmt, NULL) != SQLITE_OK)
    return NULL;
  s = g_new0 (SqliteStmt, 1);
  s->base.db = db;
  s->stmt = stmt;
  return &s->base;
}

static void
sqlite_finalize (IndsatsStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static void
sqlite_reset (IndsatsStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
}

static void
sqlite_clear_bindings (IndsatsStmt *stmt)
{
  sqlite3_clear_bindings (STMT (stmt));
}

static void
sqlite_bind_null (IndsatsStmt *stmt,
                  int          index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static void
sqlite_bind_int64 (IndsatsStmt *stmt,
                   int          index,
                   gint64       value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_double (IndsatsStmt *stmt,
                    int          index,
                    double       value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
sqlite_bind_text (IndsatsStmt *stmt,
                  int          index,
                  const char  *text,
                  gboolean     copy)
{
  sqlite3_bind_text (STMT (stmt), index, text, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static IndsatsStep
sqlite_step (IndsatsStmt *stmt)
{
  switch (sqlite3_step (STMT (stmt)))
    {
    case SQLITE_ROW:
      return INDSATS_STEP_ROW;
    case SQLITE_DONE:
      return INDSATS_STEP_DONE;
    default:
      return INDSATS_STEP_FAILED;
    }
}

static int
sqlite_column_count (IndsatsStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static gboolean
sqlite_column_is_null (IndsatsStmt *stmt,
                       int          column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static gint64
sqlite_column_int64 (IndsatsStmt *stmt,
                     int          column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static double
sqlite_column_double (IndsatsStmt *stmt,
                      int          column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

static const char *
sqlite_column_text (IndsatsStmt *stmt,
                    int          column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static gint64
sqlite_changes (IndsatsDb *db)
{
  return sqlite3_changes (DB (db));
}

static gint64
sqlite_last_insert_id (IndsatsDb *db)
{
  return sqlite3_last_insert_rowid (DB (db));
}

static gboolean
sqlite_begin (IndsatsDb *db)
{
  SqliteDb *d = (SqliteDb *) db;

  /* a failed COMMIT may have ended the transaction on its own */
  if (d->depth > 0 && sqlite3_get_autocommit (d->db))
    d->depth = 0;
  if (!sqlite_exec (db, d->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT indsats"))
    return FALSE;
  d->depth++;
  return TRUE;
}

static gboolean
sqlite_begin_read (IndsatsDb *db)
{
  SqliteDb *d = (SqliteDb *) db;

  if (d->depth > 0 && sqlite3_get_autocommit (d->db))
    d->depth = 0;
  /* a deferred transaction reads one snapshot of a WAL database until it ends */
  if (!sqlite_exec (db, d->depth == 0 ? "BEGIN DEFERRED" : "SAVEPOINT indsats"))
    return FALSE;
  d->depth++;
  return TRUE;
}

static gboolean
sqlite_commit (IndsatsDb *db)
{
  SqliteDb *d = (SqliteDb *) db;

  g_return_val_if_fail (d->depth > 0, FALSE);
  if (!sqlite_exec (db, d->depth == 1 ? "COMMIT" : "RELEASE indsats"))
    return FALSE;
  d->depth--;
  return TRUE;
}

static void
sqlite_rollback (IndsatsDb *db)
{
  SqliteDb *d = (SqliteDb *) db;

  if (d->depth <= 0)
    return;
  if (d->depth == 1)
    {
      if (!sqlite3_get_autocommit (d->db))
        sqlite_exec (db, "ROLLBACK");
    }
  else
    sqlite_exec (db, "ROLLBACK TO indsats; RELEASE indsats");
  d->depth--;
}

static gboolean sqlite_is_disk_full (IndsatsDb *db);

static void
sqlite_set_error (IndsatsDb   *db,
                  const char  *what,
                  const char  *where,
                  GError     **error)
{
  int code = sqlite3_extended_errcode (DB (db)) & 0xff;
  const char *msg = sqlite3_errmsg (DB (db));

  if (sqlite_is_disk_full (db))
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 _("%s: the disk is full (it holds “%s”); nothing was changed. Free some space and try again"),
                 what, where);
  else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 _("%s: “%s” cannot be written (%s); check the permissions of the file and its folder"),
                 what, where, msg);
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_DATABASE,
                 _("%s: “%s” is in use by another program; try again in a moment"),
                 what, where);
  else if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                 _("%s: “%s” is damaged or not an Indsats database (%s)"),
                 what, where, msg);
  else
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_DATABASE,
                 "%s: %s", what, msg);
}

static gboolean
sqlite_is_unique_violation (IndsatsDb *db)
{
  return sqlite3_extended_errcode (DB (db)) == SQLITE_CONSTRAINT_UNIQUE;
}

static gboolean
sqlite_is_disk_full (IndsatsDb *db)
{
  int code = sqlite3_extended_errcode (DB (db)) & 0xff;

  return code == SQLITE_FULL || (code == SQLITE_IOERR && sqlite3_system_errno (DB (db)) == ENOSPC);
}

static void
sqlite_set_wait (IndsatsDb *db,
                 guint      milliseconds)
{
  sqlite3_busy_timeout (DB (db), (int) MIN (milliseconds, G_MAXINT));
}

/* SQLite counts the commits of other connections in PRAGMA data_version */
static gboolean
sqlite_changed_elsewhere (IndsatsDb *db)
{
  SqliteDb *d = (SqliteDb *) db;
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;
  gboolean changed;

  if (sqlite3_prepare_v2 (d->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  changed = d->data_version >= 0 && version >= 0 && version != d->data_version;
  if (version >= 0)
    d->data_version = version;
  return changed;
}

static const IndsatsBackend sqlite_backend = {
  .name = "sqlite",
  .close = sqlite_close,
  .exec = sqlite_exec,
  .prepare = sqlite_prepare,
  .finalize = sqlite_finalize,
  .reset = sqlite_reset,
  .clear_bindings = sqlite_clear_bindings,
  .bind_null = sqlite_bind_null,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .step = sqlite_step,
  .column_count = sqlite_column_count,
  .column_is_null = sqlite_column_is_null,
  .column_int64 = sqlite_column_int64,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .changes = sqlite_changes,
  .last_insert_id = sqlite_last_insert_id,
  .begin = sqlite_begin,
  .begin_read = sqlite_begin_read,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .set_error = sqlite_set_error,
  .is_unique_violation = sqlite_is_unique_violation,
  .is_disk_full = sqlite_is_disk_full,
  .changed_elsewhere = sqlite_changed_elsewhere,
  .set_wait = sqlite_set_wait,
};

gboolean
indsats_sqlite_open (const char          *path,
                     IndsatsSqliteFlags   flags,
                     IndsatsDb          **db)
{
  SqliteDb *d = g_new0 (SqliteDb, 1);
  g_autofree char *uri = NULL;
  int open_flags = SQLITE_OPEN_NOMUTEX;
  int rc;

  d->base.backend = &sqlite_backend;
  d->data_version = -1;
  if (flags & (INDSATS_SQLITE_READ_ONLY | INDSATS_SQLITE_IMMUTABLE))
    open_flags |= SQLITE_OPEN_READONLY;
  else
    open_flags |= SQLITE_OPEN_READWRITE | ((flags & INDSATS_SQLITE_CREATE) ? SQLITE_OPEN_CREATE : 0);
  if (flags & INDSATS_SQLITE_IMMUTABLE)
    {
      /* a WAL database in a folder that cannot be written has nowhere to put
       * its shared-memory file; as immutable it is read without one */
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      open_flags |= SQLITE_OPEN_URI;
    }
  rc = sqlite3_open_v2 (uri ? uri : path, &d->db, open_flags, NULL);
  if (d->db == NULL)
    {
      g_free (d);
      *db = NULL;
      return FALSE;
    }
  *db = &d->base;
  if (rc != SQLITE_OK)
    return FALSE;
  sqlite3_extended_result_codes (d->db, 1);
  sqlite3_busy_timeout (d->db, INDSATS_STORE_WAIT_DEFAULT);
  return TRUE;
}
