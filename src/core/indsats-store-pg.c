/* indsats-store-pg.c
 *
 * The store's backend for a PostgreSQL database, through libpq. The store's
 * SQL is written once for both backends: its `?` and `?N` parameters become
 * PostgreSQL's `$N` here, and every value travels as text that the server
 * reads by the column's type.
 *
 * The outermost write transaction takes one advisory lock of the database
 * before it reads anything, as SQLite's BEGIN IMMEDIATE takes the file's
 * write lock: a change that reads and then writes waits for another writer
 * instead of reading what that writer is about to change. Inner transactions
 * are savepoints. A statement's rows are fetched whole, so that another
 * statement may run while they are read, as SQLite allows.
 *
 * It is a module of its own (indsats-store-postgresql), loaded by
 * indsats-store-pg-load.c only when a PostgreSQL address is opened, so that
 * a program on an SQLite file never maps libpq and what libpq brings. It
 * holds its own copy of the few plain helpers it needs (the error domain,
 * indsats-store-pg-uri.c) and shows one symbol, indsats_pg_module().
 */
#include "config.h"

#include "indsats-store-backend.h"

#include <glib/gi18n-lib.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-store-pg-module.h"

/* The type of a boolean column, from PostgreSQL's catalog (pg_type.dat) */
#define PG_BOOL_OID 16

typedef struct
{
  IndsatsDb  base;
  PGconn    *conn;
  int        depth;      /* open transactions, the outermost first */
  guint      n_prepared; /* for the names of prepared statements */
  gint64     changes;
  char       sqlstate[6];
  char      *message;    /* of the last failure */
  char      *server;     /* "host:port/database", for messages */
  gboolean   listening;  /* to the writers' notices */
  gboolean   resetting;  /* connecting anew, step by step */
} PgDb;

typedef struct
{
  IndsatsStmt  base;
  char        *name;     /* of the statement prepared on the server */
  int          n_params;
  char       **params;   /* n_params values as text, NULL for NULL */
  PGresult    *result;
  int          row;      /* the current row of @result */
  gboolean     done;
} PgStmt;

#define PG(d) ((PgDb *) (d))
#define PGSTMT(s) ((PgStmt *) (s))

/* Failures */

static void
clear_failure (PgDb *d)
{
  d->sqlstate[0] = '\0';
  g_clear_pointer (&d->message, g_free);
}

static void
keep_failure (PgDb     *d,
              PGresult *result)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  clear_failure (d);
  g_strlcpy (d->sqlstate, state ? state : "", sizeof d->sqlstate);
  if (primary != NULL)
    d->message = g_strdup (primary);
  else
    d->message = g_strchomp (g_strdup (PQerrorMessage (d->conn)));
}

/* Whether @result is a success; keeps the failure when it is not */
static gboolean
result_ok (PgDb     *d,
           PGresult *result)
{
  ExecStatusType status = result ? PQresultStatus (result) : PGRES_FATAL_ERROR;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return TRUE;
  keep_failure (d, result);
  return FALSE;
}

/* SQL text */

/* The store's SQL with `?` and `?N` as `$N`; @n_params is the highest
 * number. Quoted text and names are left as they are. */
static char *
translate_parameters (const char *sql,
                      int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          g_string_append_c (out, *p);
          for (p++; *p != '\0'; p++)
            {
              g_string_append_c (out, *p);
              if (*p == quote)
                break;
            }
          if (*p == '\0')
            break;
        }
      else if (*p == '?')
        {
          int number;

          if (g_ascii_isdigit (p[1]))
            {
              char *end;

              number = (int) strtol (p + 1, &end, 10);
              p = end - 1;
            }
          else
            number = highest + 1;
          highest = MAX (highest, number);
          g_string_append_printf (out, "$%d", number);
        }
      else
        g_string_append_c (out, *p);
    }
  *n_params = highest;
  return g_string_free (out, FALSE);
}

/* The operations */

static void
pg_close (IndsatsDb *db)
{
  PgDb *d = PG (db);

  if (d->conn != NULL)
    PQfinish (d->conn);
  clear_failure (d);
  g_free (d->server);
  g_free (d);
}

static gboolean
pg_exec (IndsatsDb  *db,
         const char *sql)
{
  PgDb *d = PG (db);
  PGresult *result = PQexec (d->conn, sql);
  gboolean ok = result_ok (d, result);

  PQclear (result);
  return ok;
}

static IndsatsStmt *
pg_prepare (IndsatsDb  *db,
            const char *sql,
            gboolean    keep)
{
  PgDb *d = PG (db);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  PGresult *result;
  PgStmt *s;
  int n_params;

  text = translate_parameters (sql, &n_params);
  name = g_strdup_printf ("indsats_%u", ++d->n_prepared);
  result = PQprepare (d->conn, name, text, 0, NULL);
  if (!result_ok (d, result))
    {
      PQclear (result);
      return NULL;
    }
  PQclear (result);

  s = g_new0 (PgStmt, 1);
  s->base.db = db;
  s->name = g_steal_pointer (&name);
  s->n_params = n_params;
  s->params = g_new0 (char *, MAX (n_params, 1));
  s->row = -1;
  return &s->base;
}

static void
pg_reset (IndsatsStmt *stmt)
{
  PgStmt *s = PGSTMT (stmt);

  g_clear_pointer (&s->result, PQclear);
  s->row = -1;
  s->done = FALSE;
}

static void
pg_clear_bindings (IndsatsStmt *stmt)
{
  PgStmt *s = PGSTMT (stmt);

  for (int i = 0; i < s->n_params; i++)
    g_clear_pointer (&s->params[i], g_free);
}

static void
pg_finalize (IndsatsStmt *stmt)
{
  PgStmt *s = PGSTMT (stmt);
  PgDb *d = PG (stmt->db);
  g_autofree char *sql = NULL;

  pg_reset (stmt);
  pg_clear_bindings (stmt);
  if (d->conn != NULL && PQstatus (d->conn) == CONNECTION_OK &&
      PQtransactionStatus (d->conn) != PQTRANS_INERROR)
    {
      /* the name is our own, not a person's text */
      sql = g_strdup_printf ("DEALLOCATE %s", s->name);
      PQclear (PQexec (d->conn, sql));
    }
  g_free (s->params);
  g_free (s->name);
  g_free (s);
}

static void
set_param (IndsatsStmt *stmt,
           int          index,
           char        *value)
{
  PgStmt *s = PGSTMT (stmt);

  if (index < 1 || index > s->n_params)
    {
      g_free (value);
      g_return_if_reached ();
    }
  g_free (s->params[index - 1]);
  s->params[index - 1] = value;
}

static void
pg_bind_null (IndsatsStmt *stmt,
              int          index)
{
  set_param (stmt, index, NULL);
}

static void
pg_bind_int64 (IndsatsStmt *stmt,
               int          index,
               gint64       value)
{
  set_param (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_double (IndsatsStmt *stmt,
                int          index,
                double       value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  /* the shortest text that reads back as the same double, in any locale */
  set_param (stmt, index, g_strdup (g_ascii_dtostr (text, sizeof text, value)));
}

static void
pg_bind_text (IndsatsStmt *stmt,
              int          index,
              const char  *text,
              gboolean     copy)
{
  set_param (stmt, index, g_strdup (text));
}

static IndsatsStep
pg_step (IndsatsStmt *stmt)
{
  PgStmt *s = PGSTMT (stmt);
  PgDb *d = PG (stmt->db);

  if (s->done)
    return INDSATS_STEP_DONE;
  if (s->result == NULL)
    {
      const char *tuples;

      s->result = PQexecPrepared (d->conn, s->name, s->n_params,
                                  (const char * const *) s->params, NULL, NULL, 0);
      if (!result_ok (d, s->result))
        {
          g_clear_pointer (&s->result, PQclear);
          return INDSATS_STEP_FAILED;
        }
      tuples = PQcmdTuples (s->result);
      if (tuples != NULL && *tuples != '\0')
        d->changes = g_ascii_strtoll (tuples, NULL, 10);
      s->row = -1;
    }
  if (++s->row < PQntuples (s->result))
    return INDSATS_STEP_ROW;
  s->done = TRUE;
  return INDSATS_STEP_DONE;
}

static int
pg_column_count (IndsatsStmt *stmt)
{
  PgStmt *s = PGSTMT (stmt);
  PgDb *d = PG (stmt->db);
  PGresult *described;
  int n;

  if (s->result != NULL)
    return PQnfields (s->result);
  described = PQdescribePrepared (d->conn, s->name);
  n = result_ok (d, described) ? PQnfields (described) : -1;
  PQclear (described);
  return n;
}

static const char *
value (IndsatsStmt *stmt,
       int          column)
{
  PgStmt *s = PGSTMT (stmt);

  if (s->result == NULL || s->row < 0 || s->row >= PQntuples (s->result) ||
      column < 0 || column >= PQnfields (s->result) || PQgetisnull (s->result, s->row, column))
    return NULL;
  return PQgetvalue (s->result, s->row, column);
}

static gboolean
pg_column_is_null (IndsatsStmt *stmt,
                   int          column)
{
  return value (stmt, column) == NULL;
}

static gint64
pg_column_int64 (IndsatsStmt *stmt,
                 int          column)
{
  const char *text = value (stmt, column);

  if (text == NULL)
    return 0;
  if (PQftype (PGSTMT (stmt)->result, column) == PG_BOOL_OID)
    return text[0] == 't';
  return g_ascii_strtoll (text, NULL, 10);
}

static double
pg_column_double (IndsatsStmt *stmt,
                  int          column)
{
  const char *text = value (stmt, column);

  return text ? g_ascii_strtod (text, NULL) : 0.0;
}

static const char *
pg_column_text (IndsatsStmt *stmt,
                int          column)
{
  return value (stmt, column);
}

static gint64
pg_changes (IndsatsDb *db)
{
  return PG (db)->changes;
}

/* The schema's insert trigger (indsats-store-pg-schema.h) gives a new row the
 * id SQLite would, and leaves it here */
static gint64
pg_last_insert_id (IndsatsDb *db)
{
  PgDb *d = PG (db);
  PGresult *result = PQexec (d->conn, "SELECT current_setting('indsats.last_id', true)");
  gint64 id = 0;

  if (result_ok (d, result) && PQntuples (result) == 1 && !PQgetisnull (result, 0, 0))
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return id;
}

/* The advisory lock that writers take, one per database: "INDS" */
#define WRITE_LOCK "1229866067"

static void
notice_ended (PgDb *d)
{
  /* a failed COMMIT ends the transaction on its own */
  if (d->depth > 0 && PQtransactionStatus (d->conn) == PQTRANS_IDLE)
    d->depth = 0;
}

static gboolean
pg_begin (IndsatsDb *db)
{
  PgDb *d = PG (db);

  notice_ended (d);
  if (!pg_exec (db, d->depth == 0 ? "BEGIN; SELECT pg_advisory_xact_lock(" WRITE_LOCK ")"
                                  : "SAVEPOINT indsats"))
    {
      if (d->depth == 0 && PQtransactionStatus (d->conn) != PQTRANS_IDLE)
        PQclear (PQexec (d->conn, "ROLLBACK"));
      return FALSE;
    }
  d->depth++;
  return TRUE;
}

static gboolean
pg_begin_read (IndsatsDb *db)
{
  PgDb *d = PG (db);

  notice_ended (d);
  /* one snapshot of the data for the whole transaction */
  if (!pg_exec (db, d->depth == 0 ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "SAVEPOINT indsats"))
    return FALSE;
  d->depth++;
  return TRUE;
}

static gboolean
pg_commit (IndsatsDb *db)
{
  PgDb *d = PG (db);
  PGresult *result;
  gboolean ok;

  g_return_val_if_fail (d->depth > 0, FALSE);
  result = PQexec (d->conn, d->depth == 1 ? "COMMIT" : "RELEASE SAVEPOINT indsats");
  ok = result_ok (d, result);
  /* COMMIT of a transaction that failed rolls it back and says so only here */
  if (ok && d->depth == 1 && g_strcmp0 (PQcmdStatus (result), "ROLLBACK") == 0)
    {
      clear_failure (d);
      d->message = g_strdup (_("the transaction failed and was rolled back"));
      ok = FALSE;
    }
  PQclear (result);
  if (ok || PQtransactionStatus (d->conn) == PQTRANS_IDLE)
    d->depth--;
  if (!ok && PQtransactionStatus (d->conn) == PQTRANS_IDLE)
    d->depth = 0;
  return ok;
}

static void
pg_rollback (IndsatsDb *db)
{
  PgDb *d = PG (db);

  notice_ended (d);
  if (d->depth <= 0)
    return;
  if (d->depth == 1)
    PQclear (PQexec (d->conn, "ROLLBACK"));
  else
    PQclear (PQexec (d->conn, "ROLLBACK TO SAVEPOINT indsats; RELEASE SAVEPOINT indsats"));
  d->depth--;
}

static gboolean
state_is (PgDb       *d,
          const char *state)
{
  return strcmp (d->sqlstate, state) == 0;
}

static void
pg_set_error (IndsatsDb   *db,
              const char  *what,
              const char  *where,
              GError     **error)
{
  PgDb *d = PG (db);
  const char *msg = d->message ? d->message : _("unknown failure");

  if (state_is (d, "42501") || state_is (d, "25006"))
    /* insufficient_privilege, read_only_sql_transaction */
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_READ_ONLY,
                 _("%s: you may only read this plan (on %s); nothing was changed"), what, d->server);
  else if (state_is (d, "53100"))
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 _("%s: the disk of the server %s is full; nothing was changed. Ask whoever runs it"),
                 what, d->server);
  else if (state_is (d, "40P01") || state_is (d, "40001") || state_is (d, "55P03"))
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_DATABASE,
                 _("%s: %s is busy with another person's change; try again in a moment"),
                 what, d->server);
  else if (PQstatus (d->conn) != CONNECTION_OK || g_str_has_prefix (d->sqlstate, "08"))
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 _("%s: the connection to the PostgreSQL server %s was lost (%s); nothing more was changed. "
                 "Try again when it answers"),
                 what, d->server, msg);
  else
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_DATABASE,
                 _("%s: %s (on %s)"), what, msg, d->server);
}

static gboolean
pg_is_unique_violation (IndsatsDb *db)
{
  return state_is (PG (db), "23505");
}

static gboolean
pg_is_disk_full (IndsatsDb *db)
{
  return state_is (PG (db), "53100");
}

/* Every change of a table NOTIFYs indsats_changes (a trigger of the schema,
 * indsats-store-pg-schema.h), sent when it is committed; the notice of
 * another connection's commit waits in libpq's buffer until it is read here */
static gboolean
pg_changed_elsewhere (IndsatsDb *db)
{
  PgDb *d = PG (db);
  gboolean changed = FALSE;
  PGnotify *notice;

  if (!d->listening)
    {
      d->listening = pg_exec (db, "LISTEN indsats_changes");
      return FALSE;
    }
  if (PQtransactionStatus (d->conn) != PQTRANS_IDLE || !PQconsumeInput (d->conn))
    return FALSE;
  while ((notice = PQnotifies (d->conn)) != NULL)
    {
      if (notice->be_pid != PQbackendPID (d->conn))
        changed = TRUE;
      PQfreemem (notice);
    }
  return changed;
}

static gboolean
pg_is_connected (IndsatsDb *db)
{
  return PQstatus (PG (db)->conn) == CONNECTION_OK;
}

/* Connects anew without waiting for the server: each call takes one step.
 * What the server knew of the old connection (prepared statements, LISTEN,
 * a transaction) is gone; the store drops its statements first. */
static IndsatsReconnect
pg_reconnect (IndsatsDb *db)
{
  PgDb *d = PG (db);

  if (!d->resetting)
    {
      if (!PQresetStart (d->conn))
        return INDSATS_RECONNECT_FAILED;
      d->resetting = TRUE;
    }
  switch (PQresetPoll (d->conn))
    {
    case PGRES_POLLING_OK:
      d->resetting = FALSE;
      d->listening = FALSE;
      d->depth = 0;
      return INDSATS_RECONNECT_DONE;
    case PGRES_POLLING_FAILED:
      d->resetting = FALSE;
      return INDSATS_RECONNECT_FAILED;
    default:
      return INDSATS_RECONNECT_WAITING;
    }
}

static const IndsatsBackend pg_backend = {
  .name = "postgresql",
  .close = pg_close,
  .exec = pg_exec,
  .prepare = pg_prepare,
  .finalize = pg_finalize,
  .reset = pg_reset,
  .clear_bindings = pg_clear_bindings,
  .bind_null = pg_bind_null,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .step = pg_step,
  .column_count = pg_column_count,
  .column_is_null = pg_column_is_null,
  .column_int64 = pg_column_int64,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .changes = pg_changes,
  .last_insert_id = pg_last_insert_id,
  .begin = pg_begin,
  .begin_read = pg_begin_read,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .set_error = pg_set_error,
  .is_unique_violation = pg_is_unique_violation,
  .is_disk_full = pg_is_disk_full,
  .changed_elsewhere = pg_changed_elsewhere,
  .is_connected = pg_is_connected,
  .reconnect = pg_reconnect,
};

/* Opening */

/* "host:port/database" as libpq reads @uri, without its password */
static char *
pg_describe (const char *uri)
{
  PQconninfoOption *options = PQconninfoParse (uri, NULL);
  const char *host = NULL, *hostaddr = NULL, *port = NULL, *dbname = NULL, *user = NULL;
  GString *out;

  if (options == NULL)
    return g_strdup ("postgresql://…");
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (strcmp (o->keyword, "host") == 0)
        host = o->val;
      else if (strcmp (o->keyword, "hostaddr") == 0)
        hostaddr = o->val;
      else if (strcmp (o->keyword, "port") == 0)
        port = o->val;
      else if (strcmp (o->keyword, "dbname") == 0)
        dbname = o->val;
      else if (strcmp (o->keyword, "user") == 0)
        user = o->val;
    }
  if (host == NULL)
    host = hostaddr ? hostaddr : g_getenv ("PGHOST");
  if (port == NULL)
    port = g_getenv ("PGPORT");
  if (dbname == NULL)
    dbname = g_getenv ("PGDATABASE");
  out = g_string_new (NULL);
  if (user != NULL)
    g_string_append_printf (out, "%s@", user);
  g_string_append (out, host ? host : "localhost");
  g_string_append_printf (out, ":%s/%s", port ? port : "5432", dbname ? dbname : (user ? user : ""));
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

/* Whether the connection failed for want of the right password */
static gboolean
needs_password (PGconn     *conn,
                const char *why)
{
  return conn != NULL && (PQconnectionNeedsPassword (conn) ||
                          (PQconnectionUsedPassword (conn) && strstr (why, "password") != NULL));
}

/* What to do when the connection failed, from what libpq says */
static const char *
connect_advice (PGconn     *conn,
                const char *why)
{
  if (conn != NULL && PQconnectionNeedsPassword (conn))
    return _("The server asks for a password: give it in PGPASSWORD or in a .pgpass file (PGPASSFILE names it)");
  if (needs_password (conn, why))
    return _("Check the password given in PGPASSWORD, the .pgpass file or the keyring");
  if (strstr (why, "does not match host name") != NULL)
    return _("Connect by a name the server's certificate gives, or have a certificate made for this name");
  if (strstr (why, "SSL") != NULL || strstr (why, "certificate") != NULL)
    return _("Check sslmode, and that sslrootcert names the certificate of the authority that signed the server's");
  return _("Check the address and that the server runs");
}

/* What the server says outside a query: a NOTICE, or the FATAL line of a
 * server that ends the connection while the store waits. libpq prints it on
 * stderr, where a command's one line of message must stand alone; the store
 * notices a lost connection by itself, so it is only for the debug log. */
static void
quiet_notice (void       *data,
              const char *message)
{
  g_debug ("PostgreSQL server %s: %s", (const char *) data, message);
}

/* A server that does not answer is given up on after this many seconds,
 * unless the URI or PGCONNECT_TIMEOUT says otherwise */
#define CONNECT_TIMEOUT "10"

/* @password_func: (nullable): asked for the password of a server that wants one */
static gboolean
pg_open (const char           *uri,
         IndsatsPasswordFunc   password_func,
         IndsatsDb           **db,
         GError              **error)
{
  const char *keywords[] = { "connect_timeout", "application_name", "dbname", NULL, NULL };
  const char *values[] = { CONNECT_TIMEOUT, "indsats", uri, NULL, NULL };
  g_autofree char *parse_error = NULL;
  PQconninfoOption *options;
  PgDb *d;
  PGresult *result;

  *db = NULL;
  if (!(options = PQconninfoParse (uri, &parse_error)))
    {
      g_autofree char *said = indsats_pg_without_password (uri);

      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is not a PostgreSQL address libpq understands: %s"),
                   said, parse_error ? g_strchomp (parse_error) : _("out of memory"));
      return FALSE;
    }
  PQconninfoFree (options);
  if (g_getenv ("PGCONNECT_TIMEOUT") != NULL)
    values[0] = g_getenv ("PGCONNECT_TIMEOUT");

  d = g_new0 (PgDb, 1);
  d->base.backend = &pg_backend;
  d->server = pg_describe (uri);
  /* the defaults first: what the URI says overrides them */
  d->conn = PQconnectdbParams (keywords, values, 1);
  if (d->conn != NULL && PQstatus (d->conn) != CONNECTION_OK && password_func != NULL &&
      PQconnectionNeedsPassword (d->conn))
    {
      g_autofree char *password = password_func (d->server);

      if (password != NULL)
        {
          PQfinish (d->conn);
          keywords[3] = "password";
          values[3] = password;
          d->conn = PQconnectdbParams (keywords, values, 1);
        }
    }
  if (d->conn == NULL || PQstatus (d->conn) != CONNECTION_OK)
    {
      g_autofree char *why = d->conn ? g_strchomp (g_strdup (PQerrorMessage (d->conn))) : g_strdup (_("out of memory"));
      char *newline;

      /* libpq's message may run over several lines; the first says it */
      if ((newline = strchr (why, '\n')) != NULL)
        *newline = '\0';
      g_set_error (error, INDSATS_ERROR, needs_password (d->conn, why) ? INDSATS_ERROR_PASSWORD : INDSATS_ERROR_IO,
                   _("Cannot connect to the PostgreSQL server %s: %s; nothing was changed. %s"),
                   d->server, why, connect_advice (d->conn, why));
      pg_close (&d->base);
      return FALSE;
    }
  PQsetNoticeProcessor (d->conn, quiet_notice, d->server);
  /* what the store reads and writes must not depend on the server's settings */
  result = PQexec (d->conn, "SET client_encoding = 'UTF8'; SET DateStyle = 'ISO';"
                            " SET extra_float_digits = 1");
  if (!result_ok (d, result))
    {
      PQclear (result);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_DATABASE,
                   _("Cannot prepare the connection to %s: %s"), d->server, d->message);
      pg_close (&d->base);
      return FALSE;
    }
  PQclear (result);
  *db = &d->base;
  return TRUE;
}

/* Whom the connection speaks for, for messages */
static const char *
pg_server (IndsatsDb *db)
{
  return db && db->backend == &pg_backend ? PG (db)->server : NULL;
}

static const IndsatsPgModule pg_module = {
  .version = INDSATS_PG_MODULE_VERSION,
  .describe = pg_describe,
  .open = pg_open,
  .server = pg_server,
};

/* The one symbol the module shows */
G_MODULE_EXPORT const IndsatsPgModule *
indsats_pg_module (void)
{
  return &pg_module;
}
