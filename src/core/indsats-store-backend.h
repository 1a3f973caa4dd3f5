/* indsats-store-backend.h: the thin layer under the store's SQL
 *
 * The store's part files write SQL with bound parameters only and run it
 * through these few operations; a backend implements them: SQLite in
 * indsats-store-sqlite.c, PostgreSQL in indsats-store-pg.c. Nothing above this
 * header names a database library.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IndsatsBackend IndsatsBackend;
typedef struct _IndsatsDb      IndsatsDb;
typedef struct _IndsatsStmt    IndsatsStmt;

/* One open connection; a backend's own struct begins with this */
struct _IndsatsDb
{
  const IndsatsBackend *backend;
};

/* One prepared statement; a backend's own struct begins with this */
struct _IndsatsStmt
{
  IndsatsDb *db;
};

typedef enum
{
  INDSATS_RECONNECT_DONE,    /* connected again */
  INDSATS_RECONNECT_WAITING, /* still connecting: ask again later */
  INDSATS_RECONNECT_FAILED,  /* the server did not answer; a later call tries anew */
} IndsatsReconnect;

typedef enum
{
  INDSATS_STEP_ROW,
  INDSATS_STEP_DONE,
  INDSATS_STEP_FAILED,
} IndsatsStep;

struct _IndsatsBackend
{
  const char  *name;

  void         (*close)          (IndsatsDb   *db);
  /* runs one or more statements that return nothing and take no parameters */
  gboolean     (*exec)           (IndsatsDb   *db,
                                  const char  *sql);
  /* @keep: the statement will be used many times */
  IndsatsStmt *(*prepare)        (IndsatsDb   *db,
                                  const char  *sql,
                                  gboolean     keep);
  void         (*finalize)       (IndsatsStmt *stmt);
  void         (*reset)          (IndsatsStmt *stmt);
  void         (*clear_bindings) (IndsatsStmt *stmt);

  /* parameters count from 1 */
  void         (*bind_null)      (IndsatsStmt *stmt,
                                  int          index);
  void         (*bind_int64)     (IndsatsStmt *stmt,
                                  int          index,
                                  gint64       value);
  void         (*bind_double)    (IndsatsStmt *stmt,
                                  int          index,
                                  double       value);
  /* @copy: FALSE when @text outlives the statement's next reset */
  void         (*bind_text)      (IndsatsStmt *stmt,
                                  int          index,
                                  const char  *text,
                                  gboolean     copy);

  IndsatsStep  (*step)           (IndsatsStmt *stmt);
  /* the number of columns a row of the statement has; -1 on failure */
  int          (*column_count)   (IndsatsStmt *stmt);

  /* columns count from 0 */
  gboolean     (*column_is_null) (IndsatsStmt *stmt,
                                  int          column);
  gint64       (*column_int64)   (IndsatsStmt *stmt,
                                  int          column);
  double       (*column_double)  (IndsatsStmt *stmt,
                                  int          column);
  /* valid until the next step or reset; NULL for NULL */
  const char  *(*column_text)    (IndsatsStmt *stmt,
                                  int          column);

  /* rows changed by the last statement, and the id it gave a new row */
  gint64       (*changes)        (IndsatsDb   *db);
  gint64       (*last_insert_id) (IndsatsDb   *db);

  /* Transactions nest. The outermost write transaction takes the write lock
   * before it reads anything, so that what it reads stays true until it
   * commits; a read transaction sees one moment of the data throughout. */
  gboolean     (*begin)          (IndsatsDb   *db);
  gboolean     (*begin_read)     (IndsatsDb   *db);
  gboolean     (*commit)         (IndsatsDb   *db);
  void         (*rollback)       (IndsatsDb   *db);

  /* the last failure, in words a person reads: @what failed, on @where */
  void         (*set_error)      (IndsatsDb   *db,
                                  const char  *what,
                                  const char  *where,
                                  GError     **error);
  /* whether the last failure was a unique constraint */
  gboolean     (*is_unique_violation) (IndsatsDb *db);
  /* whether the last failure was a full disk */
  gboolean     (*is_disk_full)   (IndsatsDb   *db);

  /* whether another connection changed the data since the last call (the
   * first call only starts to watch); never waits */
  gboolean     (*changed_elsewhere) (IndsatsDb *db);

  /* A server's connection: whether it is up, and a step of connecting it
   * anew without waiting (NULL for a file, which is always there) */
  gboolean     (*is_connected)   (IndsatsDb   *db);
  IndsatsReconnect (*reconnect)  (IndsatsDb   *db);

  /* how long a writer waits for another writer before it gives up (NULL
   * where the server decides, and waits for as long as the other takes) */
  void         (*set_wait)       (IndsatsDb   *db,
                                  guint        milliseconds);
};

typedef enum
{
  INDSATS_SQLITE_CREATE    = 1 << 0, /* make the file when it is missing */
  INDSATS_SQLITE_READ_ONLY = 1 << 1, /* never write; for a file or folder that cannot be written */
  INDSATS_SQLITE_IMMUTABLE = 1 << 2, /* read-only without locks, when even those cannot be made */
} IndsatsSqliteFlags;

/* SQLite. On failure returns FALSE; *@db may still be set, to explain the
 * failure with set_error(), and must be closed. */
gboolean indsats_sqlite_open (const char          *path,
                              IndsatsSqliteFlags   flags,
                              IndsatsDb          **db);

/* PostgreSQL: the backend is a module (indsats-store-pg.c), loaded the first
 * time one of these needs libpq (indsats-store-pg-load.c) */

/* Whether @name is a PostgreSQL connection URI rather than a file */
gboolean    indsats_is_pg_uri   (const char  *name);
/* "user@host:port/database" as libpq reads @uri, never its password; without
 * the module, @uri without its password */
char       *indsats_pg_describe (const char  *uri);
/* @uri as given, with a password in it as “…” */
char       *indsats_pg_without_password (const char  *uri);
/* Connects; on failure (or when the module cannot be loaded) returns FALSE
 * with @error naming the server, or the module and what to do */
gboolean    indsats_pg_open     (const char  *uri,
                                 IndsatsDb  **db,
                                 GError     **error);

/* Gives the password kept for @server ("user@host:port/database"), or NULL */
typedef char *(*IndsatsPasswordFunc) (const char *server);

/* Where a server that asks for a password gets one besides libpq's own ways
 * (the window's keyring); NULL, the default, for none */
void        indsats_pg_set_password_func (IndsatsPasswordFunc  func);
/* "user@host:port/database" of an open connection, NULL for SQLite */
const char *indsats_pg_server   (IndsatsDb   *db);

G_END_DECLS
