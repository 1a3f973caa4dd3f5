/* test-store.c: the store: schema, migrations and refusals of an SQLite
 * file; and, with INDSATS_PG_DIR naming the folder of a PostgreSQL server
 * (tests/pg-server.sh run), what the store keeps, on a database of that server */
#include <locale.h>
#include <math.h>
#include <pwd.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indsats-catalog.h"
#include "indsats-demo.h"
#include "indsats-error.h"
#include "indsats-period.h"
#include "indsats-chart.h"
#include "indsats-follow-up.h"
#include "indsats-import.h"
#include "indsats-series-choice.h"
#include "indsats-store-private.h"
#include "indsats-store.h"
#include "indsats-store-schema.h"
#include "indsats-undo.h"

typedef struct
{
  char *dir;
  char *path;   /* an SQLite file, or a PostgreSQL URI */
  char *pg_db;  /* the PostgreSQL database made for the test */
} Fixture;

/* The PostgreSQL server's folder, when the tests run on one */
static const char *pg_dir;

static PGconn *
pg_connect (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("cannot connect to %s: %s", uri, PQerrorMessage (conn));
  return conn;
}

/* Runs a statement on the server's own database "postgres" */
static void
pg_admin (const char *sql)
{
  g_autofree char *uri = g_strdup_printf ("postgresql://indsats@/postgres?host=%s", pg_dir);
  PGconn *conn = pg_connect (uri);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint n;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("indsats-store-XXXXXX", &error);
  g_assert_no_error (error);
  if (pg_dir != NULL)
    {
      g_autofree char *create = NULL;

      f->pg_db = g_strdup_printf ("store_%d_%u", (int) getpid (), ++n);
      create = g_strdup_printf ("CREATE DATABASE %s", f->pg_db);
      pg_admin (create);
      f->path = g_strdup_printf ("postgresql://indsats@/%s?host=%s", f->pg_db, pg_dir);
    }
  else
    f->path = g_build_filename (f->dir, "test.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  if (f->pg_db != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s", f->pg_db);
      pg_admin (drop);
    }
  g_free (f->pg_db);
  g_free (f->path);
  g_free (f->dir);
}

/* The first column of the first row of @sql on a PostgreSQL database, NULL for none */
static char *
pg_text (const char *uri,
         const char *sql)
{
  PGconn *conn = pg_connect (uri);
  PGresult *result = PQexec (conn, sql);
  char *value = NULL;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  return value;
}

static int
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (indsats_is_pg_uri (path))
    {
      g_autofree char *text = pg_text (path, sql);
      return text ? atoi (text) : -1;
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
sql_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (indsats_is_pg_uri (path))
    return pg_text (path, sql);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_create_from_nothing (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autofree char *journal = NULL;
  const char *tables[] = { "plan", "plan_trigger", "team", "focus_area", "action", "action_history",
                           "goal", "indicator", "observation", "observation_revision", "figure",
                           "figure_series", "figure_action" };

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, INDSATS_STORE_SCHEMA_VERSION);
  journal = sql_text (f->path, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'", tables[i]);
      g_assert_cmpint (sql_int (f->path, sql), ==, 1);
    }
}


/* "Åbenrå", "Århus" and "Kåre" as one character each (NFC) and as a letter and
 * a combining ring (NFD), as a Mac or a PDF writes them */
#define ABENRAA_NFC "\xc3\x85" "benr\xc3\xa5"
#define ABENRAA_NFD "A\xcc\x8a" "benra\xcc\x8a"
#define AARHUS_NFC "\xc3\x85" "rhus"
#define AARHUS_NFD "A\xcc\x8a" "rhus"
#define KAARE_NFC "K\xc3\xa5re"
#define KAARE_NFD "Ka\xcc\x8are"

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Every observation of an indicator, by area and period, as the store reads them */
static gboolean
collect_observation_cb (const IndsatsObservation  *o,
                        gpointer                   user_data,
                        GError                   **error)
{
  g_ptr_array_add (user_data, indsats_observation_copy (o));
  return TRUE;
}

static GPtrArray *
list_observations (IndsatsStore  *store,
                   const char    *indicator,
                   GError       **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_observation_free);

  if (!indsats_store_foreach_observation (store, indicator, collect_observation_cb, all, error))
    return NULL;
  return g_steal_pointer (&all);
}

/* A database of version 1 in which twins were stored in both spellings */
static void
write_version_1_with_twins (const char *path)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, indsats_migrations[0]);
  exec_ok (db, "PRAGMA user_version = 1; PRAGMA application_id = 1229866067;"
               "INSERT INTO plan (id, title, created_at) VALUES (1, 'Genopretningsplan', '2023-03-07 10:00:00');"
               "INSERT INTO team (id, plan_id, name, position) VALUES"
               " (1, 1, '" ABENRAA_NFC "', 0), (2, 1, '" ABENRAA_NFD "', 1), (3, 1, 'Job-team', 2);"
               "INSERT INTO focus_area (id, team_id, name, position) VALUES"
               " (1, 1, 'Fokus på " AARHUS_NFC "', 0), (2, 2, 'Fokus på " AARHUS_NFD "', 0),"
               " (3, 2, 'Kun i det andet hold', 1), (4, 3, 'Samtaler', 0), (5, 3, 'Samtaler" "\xe2\x80\x8b" "', 1);"
               "INSERT INTO action (id, focus_id, text, owner, start_date, position) VALUES"
               " (1, 1, 'Ugentlig opfølgning', '" KAARE_NFC "', '2023-03-01', 0),"
               " (2, 2, 'Møde med " AARHUS_NFD "', '" KAARE_NFD "', '2023-03-02', 0),"
               " (3, 3, 'Kun her', '" KAARE_NFC "', '2023-03-03', 0),"
               " (4, 4, 'Samtale', 'Alle SB', '2023-03-04', 0);"
               "INSERT INTO action_history (action_id, plan_id, changed_at, field, old_value, new_value) VALUES"
               " (2, 1, '2023-03-02 09:00:00', 'created', NULL, 'Møde med " AARHUS_NFD "'),"
               " (2, 1, '2023-03-05 09:00:00', 'owner', 'Alle SB', '" KAARE_NFD "');"
               "INSERT INTO indicator (id, name, unit, higher_is_better, threshold) VALUES"
               " (1, 'Ledige i " AARHUS_NFC "', 'pct', 0, NULL), (2, 'Ledige i " AARHUS_NFD "', '', 0, 20);"
               "INSERT INTO observation (id, indicator_id, area, period, period_key, value, source, updated_at) VALUES"
               " (1, 1, '" AARHUS_NFC "', '2023M01', 194208, 1, 'Import: a.csv', '2023-02-01 08:00:00'),"
               " (2, 2, '" AARHUS_NFD "', '2023M01', 194208, 2, 'Import: b.csv', '2023-03-01 08:00:00'),"
               " (3, 2, '" AARHUS_NFD "', '2023M02', 194216, 3, 'Import: b.csv', '2023-03-01 08:00:00'),"
               " (4, 1, 'Ishøj', '2023M01', 194208, 7, 'Import: a.csv', '2023-02-01 08:00:00'),"
               " (5, 2, 'Ishøj', '2023M01', 194208, 7, 'Import: b.csv', '2023-03-01 08:00:00');"
               "INSERT INTO observation_revision (observation_id, changed_at, old_value, new_value, source) VALUES"
               " (1, '2023-02-01 08:00:00', 0.5, 1, 'Import: a.csv');"
               "INSERT INTO plan_trigger (plan_id, position, text, indicator_id) VALUES (1, 0, 'Over 20 %', 2);"
               "INSERT INTO figure (id, number, title, kind) VALUES (1, 1, 'Ledige', 'line');"
               "INSERT INTO figure_series (figure_id, position, indicator_id, area) VALUES (1, 0, 2, '" AARHUS_NFD "');");
  sqlite3_close (db);
}

static gboolean
notes_say (IndsatsStore *store,
           const char   *text)
{
  GPtrArray *notes = indsats_store_get_notes (store);

  for (guint i = 0; i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_migration_merges_twins (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) observations = NULL;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(IndsatsFigure) figure = NULL;
  g_autoptr(GPtrArray) triggers = NULL;

  write_version_1_with_twins (f->path);
  store = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, INDSATS_STORE_SCHEMA_VERSION);

  /* one team, one focus area of each name, every action kept with its id */
  teams = indsats_store_list_teams (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (teams->len, ==, 4);
  g_assert_cmpstr (((IndsatsTeamEntry *) teams->pdata[0])->team, ==, ABENRAA_NFC);
  g_assert_cmpstr (((IndsatsTeamEntry *) teams->pdata[0])->focus, ==, "Fokus på " AARHUS_NFC);
  g_assert_cmpint (((IndsatsTeamEntry *) teams->pdata[0])->n_actions, ==, 2);
  g_assert_cmpstr (((IndsatsTeamEntry *) teams->pdata[1])->team, ==, ABENRAA_NFC);
  g_assert_cmpstr (((IndsatsTeamEntry *) teams->pdata[1])->focus, ==, "Kun i det andet hold");
  /* a zero-width space makes another name: it is kept, not guessed away */
  g_assert_cmpstr (((IndsatsTeamEntry *) teams->pdata[3])->focus, ==, "Samtaler" "\xe2\x80\x8b");
  actions = indsats_store_list_actions (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 4);
  for (guint i = 0; i < 3; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);
      g_assert_cmpstr (a->team, ==, ABENRAA_NFC);
      g_assert_cmpstr (a->owner, ==, KAARE_NFC);
    }
  g_assert_cmpint (((IndsatsAction *) actions->pdata[0])->id, ==, 1);
  g_assert_cmpint (((IndsatsAction *) actions->pdata[1])->id, ==, 2);
  g_assert_cmpstr (((IndsatsAction *) actions->pdata[1])->text, ==, "Møde med " AARHUS_NFC);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history WHERE action_id = 2"), ==, 2);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history WHERE new_value = '" KAARE_NFC "'"), ==, 1);

  /* one indicator, with the unit of one and the threshold of the other */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM indicator WHERE name = 'Ledige i " AARHUS_NFC "'"
                                     " AND unit = 'pct' AND threshold = 20"), ==, 1);

  /* one area: its two values for 2023M01 are one value, the newer, and the
   * older is a revision; 2023M02 came along */
  observations = list_observations (store, "Ledige i " AARHUS_NFC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (observations->len, ==, 3);
  g_assert_cmpstr (((IndsatsObservation *) observations->pdata[0])->area, ==, "Ishøj");
  g_assert_cmpfloat (((IndsatsObservation *) observations->pdata[0])->value, ==, 7);
  g_assert_cmpstr (((IndsatsObservation *) observations->pdata[1])->area, ==, AARHUS_NFC);
  g_assert_cmpstr (((IndsatsObservation *) observations->pdata[1])->period, ==, "2023M01");
  g_assert_cmpfloat (((IndsatsObservation *) observations->pdata[1])->value, ==, 2);
  g_assert_cmpstr (((IndsatsObservation *) observations->pdata[2])->area, ==, AARHUS_NFC);
  g_assert_cmpstr (((IndsatsObservation *) observations->pdata[2])->period, ==, "2023M02");
  g_assert_cmpfloat (((IndsatsObservation *) observations->pdata[2])->value, ==, 3);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM observation_revision WHERE observation_id = 2"), ==, 2);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM observation_revision"
                                     " WHERE observation_id = 2 AND old_value = 1 AND new_value = 2"), ==, 1);
  /* equal values need no revision */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM observation_revision r"
                                     " JOIN observation o ON o.id = r.observation_id WHERE o.area = 'Ishøj'"), ==, 0);

  /* the figure and the trigger point at the one indicator and area */
  figure = indsats_store_get_figure (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((IndsatsFigureSeries *) figure->series->pdata[0])->indicator, ==, "Ledige i " AARHUS_NFC);
  g_assert_cmpstr (((IndsatsFigureSeries *) figure->series->pdata[0])->area, ==, AARHUS_NFC);
  triggers = indsats_store_list_trigger_indicators (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (triggers->pdata[0], ==, "Ledige i " AARHUS_NFC);

  /* and it says what it merged */
  g_assert_true (notes_say (store, "merged 2 spellings of the team “" ABENRAA_NFC "” (plan “Genopretningsplan”)"));
  g_assert_true (notes_say (store, "merged 2 spellings of the focus area “Fokus på " AARHUS_NFC "” (team “" ABENRAA_NFC "”)"));
  g_assert_true (notes_say (store, "merged 2 spellings of the indicator “Ledige i " AARHUS_NFC "”"));
  g_assert_true (notes_say (store, "merged 2 spellings of the owner “" KAARE_NFC "”"));
  g_assert_true (notes_say (store, "merged 2 spellings of the area “" AARHUS_NFC "”"));
  g_assert_true (notes_say (store, "the older is kept as a revision"));

  /* nothing is left in NFD, and opening it again changes nothing */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action WHERE owner = '" KAARE_NFD "'"), ==, 0);
  g_clear_object (&store);
  store = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (indsats_store_get_notes (store)->len, ==, 0);
}


/* A named pipe, a device, or a link to one is not a database */
static void
test_not_a_file_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.db", NULL);
  g_autofree char *link = g_build_filename (f->dir, "null.db", NULL);
  g_autoptr(IndsatsStore) store = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  store = indsats_store_open (fifo, &error);
  g_assert_null (store);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, fifo));
  g_assert_nonnull (strstr (error->message, "is a named pipe (FIFO), not a database file"));
  g_clear_error (&error);

  g_assert_cmpint (symlink ("/dev/null", link), ==, 0);
  store = indsats_store_open (link, &error);
  g_assert_null (store);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, link));
  g_assert_nonnull (strstr (error->message, "is a link to a character device, “/dev/null”"));
  g_clear_error (&error);

  store = indsats_store_open ("/dev/null", &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "“/dev/null” is a character device"));
}

static void
test_empty_file_is_migrated (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, INDSATS_STORE_SCHEMA_VERSION);

  /* reopening an up-to-date database changes nothing */
  g_clear_object (&store);
  store = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM plan"), ==, 0);
}

static void
assert_file_unchanged (const char *path,
                       const char *before,
                       gsize       before_len)
{
  g_autofree char *after = NULL;
  gsize after_len;

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, before, before_len);
}

static void
test_newer_version_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  gsize before_len;
  sqlite3 *db;

  /* a database as a future version would leave it */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 99;"
                                     "PRAGMA application_id = 1229866067", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

  store = indsats_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_NEWER_DATABASE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "newer version of Indsats"));
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  assert_file_unchanged (f->path, before, before_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database_refused (Fixture       *f,
                             gconstpointer  data)
{
  const char text[] = "team;focus;action\nThis is a spreadsheet export, not a database.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  store = indsats_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "not an Indsats database"));
  assert_file_unchanged (f->path, text, strlen (text));
}

static void
test_other_programs_database_refused (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  g_autofree char *before = NULL;
  gsize before_len;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));

  store = indsats_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "another program"));
  assert_file_unchanged (f->path, before, before_len);
}

static void
test_unwritable_folder (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;

  if (geteuid () == 0)
    {
      /* root writes anywhere: use a folder under a file instead, which nobody can create */
      g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
      g_autofree char *under = g_build_filename (file, "sub", "new.db", NULL);

      g_assert_true (g_file_set_contents (file, "x", 1, NULL));
      store = indsats_store_open (under, &error);
      g_assert_null (store);
      g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_IO);
      g_assert_nonnull (strstr (error->message, "Cannot create the folder"));
      g_assert_false (g_file_test (under, G_FILE_TEST_EXISTS));
      return;
    }

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  store = indsats_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  g_assert_nonnull (strstr (error->message, locked));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_folder_is_not_a_file (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->dir, &error);

  g_assert_null (store);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "is a folder"));
}

static void
test_demo_once (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(IndsatsPlan) plan = NULL;
  gboolean again = FALSE;
  gint64 id, id2;

  g_assert_no_error (error);
  id = indsats_demo_write (store, &again, &error);
  g_assert_no_error (error);
  g_assert_false (again);
  id2 = indsats_demo_write (store, &again, &error);
  g_assert_no_error (error);
  g_assert_true (again);
  g_assert_cmpint (id, ==, id2);

  plan = indsats_store_get_plan (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plan->title, ==, "Genopretning af tidlig beskæftigelsesindsats");
  g_assert_cmpstr (plan->jobcentre, ==, "Ishøj Jobcenter");
  g_assert_cmpstr (plan->dated, ==, "2023-03-07");
  g_assert_cmpfloat (plan->threshold, ==, 20.0);
  g_assert_cmpuint (g_strv_length (plan->triggers), ==, 2);

  actions = indsats_store_list_actions (store, id, &error);
  g_assert_cmpuint (actions->len, ==, 25);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM plan"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history WHERE field = 'created'"), ==, 25);

  goals = indsats_store_list_goals (store, &error);
  g_assert_cmpuint (goals->len, ==, 10);
  figures = indsats_store_list_figures (store, &error);
  g_assert_cmpuint (figures->len, >=, 14);
  for (int n = 1; n <= 14; n++)
    g_assert_cmpint (((IndsatsFigure *) g_ptr_array_index (figures, n - 1))->number, ==, n);
}

/* Every number the documents state is stored exactly, with a source that says so */
static void
test_demo_documented_values (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autofree char *table_path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  g_assert_nonnull (indsats_demo_write (store, NULL, &error) ? store : NULL);
  table_path = g_test_build_filename (G_TEST_DIST, "..", "data", "demo", "noegletal-fra-dokumenterne.tsv", NULL);
  g_assert_true (g_file_get_contents (table_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL && *lines[i]; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);
      g_autofree char *period = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *source = NULL;
      char *escaped_ind, *escaped_area;
      double value;

      period = indsats_period_canonicalize (cells[2], &error);
      g_assert_no_error (error);
      escaped_ind = sqlite3_mprintf ("%q", cells[0]);
      escaped_area = sqlite3_mprintf ("%q", cells[1]);
      sql = g_strdup_printf ("SELECT o.value * 1000 FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                             " WHERE i.name = '%s' AND o.area = '%s' AND o.period = '%s'",
                             escaped_ind, escaped_area, period);
      value = g_ascii_strtod (cells[3], NULL);
      g_assert_cmpint (sql_int (f->path, sql), ==, (int) (value * 1000 + 0.5));
      g_free (sql);
      sql = g_strdup_printf ("SELECT o.source FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                             " WHERE i.name = '%s' AND o.area = '%s' AND o.period = '%s'",
                             escaped_ind, escaped_area, period);
      source = sql_text (f->path, sql);
      g_assert_false (g_str_has_prefix (source, "Illustrativ"));
      sqlite3_free (escaped_ind);
      sqlite3_free (escaped_area);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 36);
  /* and every other value says it is illustrative */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM observation WHERE source NOT LIKE 'Illustrativ%'"), ==, 36);
}

static void
test_action_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  IndsatsAction a = { 0 };
  gint64 plan_id = indsats_demo_write (store, NULL, &error);

  a.team = (char *) "Job-team";
  a.focus = (char *) "Fokus på et aktivt tilbud";
  a.owner = (char *) "Alle SB";
  a.text = (char *) "   ";
  a.start_date = (char *) "2023-03-01";
  g_assert_cmpint (indsats_store_add_action (store, plan_id, &a, &error), ==, 0);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_clear_error (&error);

  a.text = (char *) "Ny indsats";
  a.start_date = (char *) "2023-02-31";
  g_assert_cmpint (indsats_store_add_action (store, plan_id, &a, &error), ==, 0);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2023-02-31"));
  g_clear_error (&error);

  /* a blank owner, like a blank text */
  a.start_date = (char *) "2023-03-01";
  a.owner = (char *) " ";
  g_assert_cmpint (indsats_store_add_action (store, plan_id, &a, &error), ==, 0);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "owner is empty"));
  g_clear_error (&error);
  a.owner = (char *) "Alle SB";

  /* an evaluation date before the start, naming both */
  a.end_date = (char *) "2023-02-28";
  g_assert_cmpint (indsats_store_add_action (store, plan_id, &a, &error), ==, 0);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2023-02-28 is before the start date 2023-03-01"));
  g_clear_error (&error);
  a.end_date = NULL;
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action"), ==, 25);

  /* text in NFD is stored in NFC, and a team in either spelling is one team */
  a.team = (char *) "Sygedagpengeteam";
  a.focus = (char *) "Fokus p" "a\xcc\x8a" " rettidige samtaler";
  a.owner = (char *) KAARE_NFD;
  a.text = (char *) "Opf" "\xc3\xb8" "lgning";
  g_assert_cmpint (indsats_store_add_action (store, plan_id, &a, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM focus_area WHERE name LIKE 'Fokus p%rettidige samtaler'"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action WHERE owner = '" KAARE_NFC "'"), ==, 1);
  a.owner = (char *) "Alle SB";
  a.text = (char *) "Ny indsats";

  /* a new team and focus area are made with the action, at the end */
  a.team = (char *) "Ungeteam";
  a.focus = (char *) "Fokus på uddannelse";
  a.start_date = (char *) "2023-04-01";
  g_assert_cmpint (indsats_store_add_action (store, plan_id, &a, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT position FROM team WHERE name = 'Ungeteam'"), ==, 2);
}


/* Each kind of change leaves its history rows: created, each field, moved, deleted, restored */
static void
test_action_history (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autoptr(IndsatsAction) a = NULL;
  g_autoptr(IndsatsAction) deleted = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  gint64 plan_id = indsats_demo_write (store, NULL, &error);
  IndsatsHistoryEntry *e;

  g_assert_no_error (error);
  a = indsats_store_get_action (store, 2, &error);
  g_assert_no_error (error);
  g_free (a->owner);
  a->owner = g_strdup ("Fagkoordinator");
  a->status = INDSATS_STATUS_DONE;
  g_free (a->focus);
  a->focus = g_strdup ("Fokus på progression i sagen");
  g_assert_true (indsats_store_update_action (store, a, INDSATS_ACTION_FIELD_ALL, &error));
  g_assert_no_error (error);

  history = indsats_store_list_history (store, 2, &error);
  g_assert_cmpuint (history->len, ==, 4);
  e = g_ptr_array_index (history, history->len - 1);
  g_assert_cmpstr (e->field, ==, "created");
  for (guint i = 0; i < 3; i++)
    {
      e = g_ptr_array_index (history, i);
      if (g_str_equal (e->field, "owner"))
        {
          g_assert_cmpstr (e->old_value, ==, "Alle SB");
          g_assert_cmpstr (e->new_value, ==, "Fagkoordinator");
        }
      else if (g_str_equal (e->field, "status"))
        {
          g_assert_cmpstr (e->old_value, ==, "started");
          g_assert_cmpstr (e->new_value, ==, "done");
        }
      else
        {
          g_assert_cmpstr (e->field, ==, "focus");
          g_assert_cmpstr (e->new_value, ==, "Fokus på progression i sagen");
        }
    }
  g_clear_pointer (&history, g_ptr_array_unref);

  /* moved into the other focus area, it stands last there */
  actions = indsats_store_list_actions (store, plan_id, &error);
  g_assert_cmpint (((IndsatsAction *) g_ptr_array_index (actions, 17))->id, ==, 2);
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* moving up swaps it with its neighbour */
  g_assert_true (indsats_store_move_action (store, 2, -1, &error));
  g_assert_no_error (error);
  actions = indsats_store_list_actions (store, plan_id, &error);
  g_assert_cmpint (((IndsatsAction *) g_ptr_array_index (actions, 16))->id, ==, 2);
  g_assert_cmpint (((IndsatsAction *) g_ptr_array_index (actions, 17))->id, ==, 18);
  g_clear_pointer (&actions, g_ptr_array_unref);
  history = indsats_store_list_history (store, 2, &error);
  g_assert_cmpstr (((IndsatsHistoryEntry *) g_ptr_array_index (history, 0))->field, ==, "position");
  g_clear_pointer (&history, g_ptr_array_unref);

  /* the first cannot move up */
  g_assert_false (indsats_store_move_action (store, 1, -1, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_clear_error (&error);

  /* deleted, then restored with its id and place */
  deleted = indsats_store_delete_action (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action"), ==, 24);
  g_assert_true (indsats_store_restore_action (store, deleted, &error));
  g_assert_no_error (error);
  actions = indsats_store_list_actions (store, plan_id, &error);
  g_assert_cmpuint (actions->len, ==, 25);
  g_assert_cmpint (((IndsatsAction *) g_ptr_array_index (actions, 16))->id, ==, 2);
  history = indsats_store_list_history (store, 2, &error);
  g_assert_cmpstr (((IndsatsHistoryEntry *) g_ptr_array_index (history, 0))->field, ==, "restored");
  g_assert_cmpstr (((IndsatsHistoryEntry *) g_ptr_array_index (history, 1))->field, ==, "deleted");

  /* a failed edit changes nothing */
  g_free (a->start_date);
  a->start_date = g_strdup ("2023-02-31");
  g_assert_false (indsats_store_update_action (store, a, INDSATS_ACTION_FIELD_ALL, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history WHERE action_id = 2"), ==, 7);
}

/* A database as version 5 wrote it: three actions that had started (one
 * twice, one with no change of status in its history), one done, one planned */
static void
write_version_5 (const char *path)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 0; v < 5; v++)
    exec_ok (db, indsats_migrations[v]);
  exec_ok (db, "PRAGMA user_version = 5; PRAGMA application_id = 1229866067;"
               "INSERT INTO plan (id, title, created_at) VALUES (1, 'Genopretningsplan', '2023-03-07 10:00:00');"
               "INSERT INTO team (id, plan_id, name, position) VALUES (1, 1, 'Job-team', 0);"
               "INSERT INTO focus_area (id, team_id, name, position) VALUES (1, 1, 'Samtaler', 0);"
               "INSERT INTO action (id, focus_id, text, owner, start_date, status, position) VALUES"
               " (1, 1, 'Startet én gang', 'Alle SB', '2023-03-01', 'started', 0),"
               " (2, 1, 'Startet to gange', 'Alle SB', '2023-03-01', 'started', 1),"
               " (3, 1, 'Startet før historikken', 'Alle SB', '2023-03-01', 'started', 2),"
               " (4, 1, 'Gennemført', 'Alle SB', '2023-03-01', 'done', 3),"
               " (5, 1, 'Planlagt', 'Alle SB', '2023-06-01', 'planned', 4);"
               "INSERT INTO action_history (action_id, plan_id, changed_at, field, old_value, new_value) VALUES"
               " (1, 1, '2023-03-01 08:00:00', 'created', NULL, 'Startet én gang'),"
               " (1, 1, '2023-03-13 09:30:00', 'status', 'planned', 'started'),"
               " (2, 1, '2023-03-02 10:00:00', 'status', 'planned', 'started'),"
               " (2, 1, '2023-03-03 10:00:00', 'status', 'started', 'planned'),"
               " (2, 1, '2023-04-04 10:00:00', 'status', 'planned', 'started'),"
               " (4, 1, '2023-03-20 11:00:00', 'status', 'planned', 'started'),"
               " (4, 1, '2023-05-01 11:00:00', 'status', 'started', 'done'),"
               " (5, 1, '2023-03-05 12:00:00', 'owner', 'Alle', 'Alle SB');"
               "INSERT INTO snapshot (id, plan_id, name, meeting_date, created_at) VALUES"
               " (1, 1, 'Marts', '2023-03-14', '2023-03-14 10:00:00');"
               "INSERT INTO snapshot_action (snapshot_id, action_id, team, focus, text, owner, start_date, status) VALUES"
               " (1, 1, 'Job-team', 'Samtaler', 'Startet én gang', 'Alle SB', '2023-03-01', 'started'),"
               " (1, 2, 'Job-team', 'Samtaler', 'Startet to gange', 'Alle SB', '2023-03-01', 'planned'),"
               " (1, 4, 'Job-team', 'Samtaler', 'Gennemført', 'Alle SB', '2023-03-01', 'started');");
  sqlite3_close (db);
}

static void
test_migration_started_on (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const char *expected[] = { "2023-03-13", "2023-04-04", NULL, "2023-03-20", NULL };

  write_version_5 (f->path);
  store = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, 6);

  /* the day comes from the latest change of status to started, when there is one */
  actions = indsats_store_list_actions (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actions->len, ==, 5);
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);
      g_assert_cmpint (a->id, ==, i + 1);
      g_assert_cmpstr (a->started_on, ==, expected[i]);
      g_assert_cmpstr (a->start_date, ==, i == 4 ? "2023-06-01" : "2023-03-01");
    }
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action WHERE started_on IS NULL"), ==, 2);

  /* nothing of the history is lost; who made the old changes is not known */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history"), ==, 8);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history WHERE changed_by = ''"), ==, 8);
  history = indsats_store_list_history (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((IndsatsHistoryEntry *) history->pdata[0])->changed_by, ==, "");
  g_assert_cmpstr (((IndsatsHistoryEntry *) history->pdata[0])->changed_at, ==, "2023-03-13 09:30:00");

  /* a snapshot keeps the day of what had started by its meeting, and only that */
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM snapshot_action WHERE action_id = 1 AND started_on = '2023-03-13'"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM snapshot_action WHERE action_id = 2 AND started_on IS NULL"), ==, 1);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM snapshot_action WHERE action_id = 4 AND started_on IS NULL"), ==, 1);
  g_clear_object (&store);

  /* and opening it again changes nothing */
  store = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action WHERE started_on = '2023-04-04' AND id = 2"), ==, 1);
}

/* The name the history records, found without GLib: the account's full name
 * (the first field of the comment), or its login name */
static char *
name_from_passwd (void)
{
  struct passwd *pw = getpwuid (getuid ());
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (pw);
  parts = g_strsplit (pw->pw_gecos ? pw->pw_gecos : "", ",", 2);
  if (parts[0] != NULL && *g_strstrip (parts[0]) != '\0')
    return g_strdup (parts[0]);
  return g_strdup (pw->pw_name);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
test_action_started_on (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autoptr(IndsatsAction) a = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *today = today_iso ();
  g_autofree char *me = name_from_passwd ();
  g_autofree char *stored = NULL;
  IndsatsAction added = { 0 };
  gint64 plan_id = indsats_demo_write (store, NULL, &error);
  gint64 id;
  int n_history;

  g_assert_no_error (error);
  /* the demo's actions that had started by the plan's day started on their planned day */
  a = indsats_store_get_action (store, 3, &error);
  g_assert_cmpstr (a->started_on, ==, "2023-02-27");
  g_clear_pointer (&a, indsats_action_free);

  /* marked as started with no day: it started today, and the planned day stays */
  a = indsats_store_get_action (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->status, ==, INDSATS_STATUS_PLANNED);
  g_assert_null (a->started_on);
  a->status = INDSATS_STATUS_STARTED;
  g_assert_true (indsats_store_update_action (store, a, INDSATS_ACTION_FIELD_STATUS, &error));
  g_assert_no_error (error);
  stored = sql_text (f->path, "SELECT started_on || '|' || start_date FROM action WHERE id = 7");
  g_assert_true (g_str_has_prefix (stored, today));
  g_assert_cmpstr (stored + strlen (today), ==, "|2023-05-11");
  g_clear_pointer (&stored, g_free);
  history = indsats_store_list_history (store, 7, &error);
  g_assert_cmpuint (history->len, ==, 3);
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpstr (((IndsatsHistoryEntry *) history->pdata[i])->changed_by, ==, me);
  g_clear_pointer (&history, g_ptr_array_unref);
  stored = sql_text (f->path, "SELECT group_concat(DISTINCT changed_by) FROM action_history");
  g_assert_cmpstr (stored, ==, me);
  g_clear_pointer (&stored, g_free);

  /* the day is edited as a field of its own */
  g_free (a->started_on);
  a->started_on = g_strdup ("2023-03-13");
  g_assert_true (indsats_store_update_action (store, a, INDSATS_ACTION_FIELD_STARTED_ON, &error));
  g_assert_no_error (error);
  stored = sql_text (f->path, "SELECT started_on FROM action WHERE id = 7");
  g_assert_cmpstr (stored, ==, "2023-03-13");
  g_clear_pointer (&stored, g_free);

  /* impossible days are refused, and change nothing */
  n_history = sql_int (f->path, "SELECT count(*) FROM action_history");
  g_free (a->started_on);
  a->started_on = g_strdup ("2023-02-30");
  g_assert_false (indsats_store_update_action (store, a, INDSATS_ACTION_FIELD_STARTED_ON, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "started, “2023-02-30”, is not a valid date"));
  g_clear_error (&error);
  g_free (a->started_on);
  a->started_on = g_strdup ("2099-01-01");
  g_assert_false (indsats_store_update_action (store, a, INDSATS_ACTION_FIELD_STARTED_ON, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "after today"));
  g_clear_error (&error);
  stored = sql_text (f->path, "SELECT started_on FROM action WHERE id = 7");
  g_assert_cmpstr (stored, ==, "2023-03-13");
  g_clear_pointer (&stored, g_free);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history"), ==, n_history);

  /* planned again, it has not started */
  a->status = INDSATS_STATUS_PLANNED;
  g_assert_true (indsats_store_update_action (store, a, INDSATS_ACTION_FIELD_STATUS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT started_on IS NULL FROM action WHERE id = 7"), ==, 1);

  /* a new action that has started, with no day, started today; one with a day keeps it */
  added.team = (char *) "Job-team";
  added.focus = (char *) "Fokus på et aktivt tilbud";
  added.owner = (char *) "Alle SB";
  added.text = (char *) "Ugentlig opfølgning";
  added.start_date = (char *) "2023-04-03";
  added.status = INDSATS_STATUS_STARTED;
  id = indsats_store_add_action (store, plan_id, &added, &error);
  g_assert_no_error (error);
  g_clear_pointer (&a, indsats_action_free);
  a = indsats_store_get_action (store, id, &error);
  g_assert_cmpstr (a->started_on, ==, today);
  added.started_on = (char *) "2023-04-05";
  id = indsats_store_add_action (store, plan_id, &added, &error);
  g_assert_no_error (error);
  g_clear_pointer (&a, indsats_action_free);
  a = indsats_store_get_action (store, id, &error);
  g_assert_cmpstr (a->started_on, ==, "2023-04-05");
}

/* A trigger in words: under or over its line, and "again" as a committee
 * would say it; Danish from the catalog, English from the program */
static void
test_follow_up_words (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsCatalog) danish = indsats_catalog_new ("da", &error);
  const struct {
    IndsatsTriggerState state;
    gboolean higher_is_better;
    double previous;
    const char *english, *dansk;
  } cases[] = {
    { INDSATS_TRIGGER_MET, FALSE, 23, "Under the 20 % line again", "Under grænsen på 20 % igen" },
    { INDSATS_TRIGGER_MET, FALSE, NAN, "Under the 20 % line again", "Under grænsen på 20 % igen" },
    { INDSATS_TRIGGER_NOT_MET, FALSE, 24, "Over the 20 % line", "Over grænsen på 20 %" },
    { INDSATS_TRIGGER_NOT_MET, FALSE, NAN, "Over the 20 % line", "Over grænsen på 20 %" },
    { INDSATS_TRIGGER_NOT_MET, FALSE, 18, "Back over the 20 % line", "Igen over grænsen på 20 %" },
    { INDSATS_TRIGGER_NOT_MET, FALSE, 20, "Back over the 20 % line", "Igen over grænsen på 20 %" },
    { INDSATS_TRIGGER_MET, TRUE, 18, "Over the 20 % line again", "Over grænsen på 20 % igen" },
    { INDSATS_TRIGGER_NOT_MET, TRUE, 15, "Under the 20 % line", "Under grænsen på 20 %" },
    { INDSATS_TRIGGER_NOT_MET, TRUE, 25, "Back under the 20 % line", "Igen under grænsen på 20 %" },
    { INDSATS_TRIGGER_UNKNOWN, FALSE, NAN, "No value yet", "Ingen værdi endnu" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      IndsatsTriggerStatus s = { 0 };
      g_autofree char *english = NULL;
      g_autofree char *dansk = NULL;

      s.unit = (char *) "pct";
      s.threshold = 20;
      s.latest = cases[i].state == INDSATS_TRIGGER_MET ? 17 : 23;
      s.previous = cases[i].previous;
      s.higher_is_better = cases[i].higher_is_better;
      s.state = cases[i].state;
      english = indsats_trigger_words (&s, NULL);
      dansk = indsats_trigger_words (&s, danish);
      g_assert_cmpstr (english, ==, cases[i].english);
      g_assert_cmpstr (dansk, ==, cases[i].dansk);
    }
}

/* Teams and focus areas are renamed and removed each by their own function;
 * removing one removes its actions and records that in their history */
static void
test_teams_rename_remove (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autoptr(GPtrArray) teams = NULL;
  gint64 plan_id = indsats_demo_write (store, NULL, &error);
  IndsatsTeamEntry *first, *other = NULL;
  gint64 team_id, focus_id;
  int n_in_focus, n_in_team = 0, n_actions;
  g_autofree char *taken = NULL;

  g_assert_no_error (error);
  teams = indsats_store_list_teams (store, plan_id, &error);
  g_assert_no_error (error);
  first = g_ptr_array_index (teams, 0);
  team_id = first->team_id;
  focus_id = first->focus_id;
  n_in_focus = first->n_actions;
  for (guint i = 0; i < teams->len; i++)
    {
      IndsatsTeamEntry *e = g_ptr_array_index (teams, i);
      if (e->team_id == team_id)
        n_in_team += e->n_actions;
      else if (other == NULL)
        other = e;
    }
  g_assert_nonnull (other);
  g_assert_cmpint (n_in_focus, >, 0);
  g_assert_cmpint (n_in_team, >, n_in_focus);
  taken = g_strdup (other->team);
  n_actions = sql_int (f->path, "SELECT count(*) FROM action");

  g_assert_true (indsats_store_rename_team (store, team_id, "  Ungeteam ", &error));
  g_assert_no_error (error);
  g_assert_true (indsats_store_rename_focus_area (store, focus_id, "Fokus på uddannelse", &error));
  g_assert_no_error (error);
  g_clear_pointer (&teams, g_ptr_array_unref);
  teams = indsats_store_list_teams (store, plan_id, &error);
  first = g_ptr_array_index (teams, 0);
  g_assert_cmpint (first->team_id, ==, team_id);
  g_assert_cmpstr (first->team, ==, "Ungeteam");
  g_assert_cmpint (first->focus_id, ==, focus_id);
  g_assert_cmpstr (first->focus, ==, "Fokus på uddannelse");

  g_assert_false (indsats_store_rename_team (store, team_id, taken, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "already a team"));
  g_clear_error (&error);
  g_assert_false (indsats_store_rename_focus_area (store, focus_id, " ", &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "focus area needs a name"));
  g_clear_error (&error);

  g_assert_true (indsats_store_remove_focus_area (store, focus_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action"), ==, n_actions - n_in_focus);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history WHERE field = 'deleted'"), ==,
                   n_in_focus);
  g_assert_true (indsats_store_remove_team (store, team_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action"), ==, n_actions - n_in_team);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history WHERE field = 'deleted'"), ==,
                   n_in_team);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM team WHERE name = 'Ungeteam'"), ==, 0);
}

/* Whether SQLite would read the whole of observation (or the whole of one of
 * its indexes) to answer @sql: a "SCAN" of the table or its alias */
static gboolean
scans_observation (sqlite3     *db,
                   const char  *sql,
                   char       **plan)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_regex_split_simple ("[^A-Za-z0-9_]+", sql, 0, 0);
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean scan = FALSE;

  /* the table's own name and the aliases this statement gives it */
  g_ptr_array_add (names, g_strdup ("observation"));
  for (guint i = 0; words[i]; i++)
    if (g_strcmp0 (words[i], "observation") == 0 && words[i + 1] && *words[i + 1])
      g_ptr_array_add (names, g_strdup (words[i + 1]));

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *detail = (const char *) sqlite3_column_text (stmt, 3);
      g_auto(GStrv) parts = g_strsplit (detail, " ", 3);

      g_string_append_printf (lines, "%s\n", detail);
      if (g_strcmp0 (parts[0], "SCAN") == 0 && parts[1] != NULL)
        for (guint n = 0; n < names->len; n++)
          if (g_strcmp0 (parts[1], g_ptr_array_index (names, n)) == 0)
            scan = TRUE;
    }
  sqlite3_finalize (stmt);
  *plan = g_string_free (g_steal_pointer (&lines), FALSE);
  return scan;
}

static gboolean
count_cb (const IndsatsObservation  *o,
          gpointer                   user_data,
          GError                   **error)
{
  (*(int *) user_data)++;
  return TRUE;
}

/* Every statement the store runs over key figures is answered by an index:
 * the statements are those the store prepared while the program's readers
 * and writers ran, each explained by SQLite itself */
static void
test_key_figure_queries_use_index (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GPtrArray) sql = NULL;
  g_autoptr(GArray) series = NULL;
  g_autofree char *area = NULL;
  g_autofree char *bad_plan = NULL;
  const char *indicator;
  sqlite3 *db = NULL;
  int n_observations = 0, n_checked = 0;
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (indsats_demo_write (store, NULL, &error));
  g_assert_no_error (error);

  /* the writers: a new value, a changed one (a revision), an unchanged one */
  figures = indsats_store_list_figures (store, &error);
  g_assert_no_error (error);
  indicator = ((IndsatsFigureSeries *) g_ptr_array_index (((IndsatsFigure *) g_ptr_array_index (figures, 0))->series, 0))->indicator;
  id = indsats_store_find_indicator (store, indicator, &error);
  g_assert_cmpint (id, >, 0);
  for (int i = 0; i < 3; i++)
    {
      g_assert_true (indsats_store_set_observation (store, id, "Albertslund", "2023M08", i < 2 ? 10 + i : 11,
                                                    FALSE, "test", NULL, &error));
      g_assert_no_error (error);
    }

  /* the readers: every figure, the follow-up, the series list, the forms */
  for (guint i = 0; i < figures->len; i++)
    {
      g_autoptr(IndsatsChartData) chart = indsats_chart_data_load_figure (store, g_ptr_array_index (figures, i), &error);
      g_assert_no_error (error);
      g_assert_nonnull (chart);
    }
  triggers = indsats_follow_up_load (store, indsats_store_get_first_plan_id (store, NULL), &error);
  g_assert_no_error (error);
  g_assert_true (indsats_store_foreach_observation (store, NULL, count_cb, &n_observations, &error));
  g_assert_true (indsats_store_foreach_observation (store, indicator, count_cb, &n_observations, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_observations, >, 400);
  areas = indsats_store_list_areas (store, indicator, &error);
  g_assert_no_error (error);
  g_assert_true (indsats_store_first_area (store, indicator, &area, &error));
  g_assert_cmpstr (area, ==, "Albertslund");
  series = indsats_store_read_series (store, indicator, area, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 1);
  g_assert_cmpfloat (g_array_index (series, IndsatsSeriesValue, 0).value, ==, 11);

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* the check itself catches the query this test was written against */
  g_assert_true (scans_observation (db, "SELECT o.area, o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id"
                                        " WHERE ?1 IS NULL OR i.name = ?1 ORDER BY i.name, o.area, o.period_key",
                                    &bad_plan));
  sql = indsats_store_list_prepared_sql (store);
  for (guint i = 0; i < sql->len; i++)
    {
      const char *text = g_ptr_array_index (sql, i);
      g_autofree char *plan = NULL;

      if (!g_regex_match_simple ("\\bobservation\\b", text, 0, 0))
        continue;
      if (scans_observation (db, text, &plan))
        g_error ("This statement reads the whole of observation:\n%s\nSQLite's plan:\n%s", text, plan);
      n_checked++;
    }
  sqlite3_close (db);
  g_assert_cmpint (n_checked, >=, 8);
}

/* A series within a range of periods: only those, in period order */
static void
test_read_series_range (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autoptr(GArray) values = NULL;
  IndsatsPeriod from, to;
  const char *expected[] = { "2023M03", "2023Q1", "2023M04", "2023M05" };
  gint64 id;

  g_assert_no_error (error);
  id = indsats_store_ensure_indicator (store, "Ledighed", "pct", FALSE, NAN, &error);
  g_assert_cmpint (id, >, 0);
  /* written newest first, so that order comes from the query */
  for (int m = 12; m >= 1; m--)
    for (int a = 0; a < 2; a++)
      {
        g_autofree char *period = g_strdup_printf ("2023M%02d", m);
        g_assert_true (indsats_store_set_observation (store, id, a ? "Ishøj" : "Brøndby", period, m + a * 100,
                                                      m == 4, "test", NULL, &error));
      }
  g_assert_true (indsats_store_set_observation (store, id, "Ishøj", "2023Q1", 50, FALSE, "test", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (indsats_period_parse ("2023M03", &from, NULL));
  g_assert_true (indsats_period_parse ("2023M05", &to, NULL));
  values = indsats_store_read_series (store, "Ledighed", "Ishøj", &from, &to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < values->len; i++)
    {
      IndsatsSeriesValue *v = &g_array_index (values, IndsatsSeriesValue, i);
      g_autofree char *period = indsats_period_to_string (&v->period);

      g_assert_cmpstr (period, ==, expected[i]);
      g_assert_cmpstr (v->unit, ==, "pct");
    }
  g_assert_cmpfloat (g_array_index (values, IndsatsSeriesValue, 0).value, ==, 103);
  g_assert_true (g_array_index (values, IndsatsSeriesValue, 2).preliminary);
  g_assert_false (g_array_index (values, IndsatsSeriesValue, 3).preliminary);
  g_clear_pointer (&values, g_array_unref);

  values = indsats_store_read_series (store, "Ledighed", "Brøndby", NULL, &from, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpfloat (g_array_index (values, IndsatsSeriesValue, 2).value, ==, 3);
}

static const char *
item (GPtrArray *list,
      guint      i)
{
  return i < list->len ? g_ptr_array_index (list, i) : NULL;
}

/* New Figure's lists: the series by table, measure and breakdown, the totals
 * first, and the indicators without a table by their own name */
static void
test_series_choice (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
  g_autofree char *file = g_build_filename (f->dir, "Y01A02-2021.csv", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "import", "star-y01a02-v2-csv-documented.csv",
                                                   NULL);
  g_autofree char *contents = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autoptr(GHashTable) origins = NULL;
  g_autoptr(IndsatsSeriesChoice) choice = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(GPtrArray) breakdowns = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const char *paths[] = { file, NULL };

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (file, contents, -1, NULL));
  summary = indsats_import_files (store, paths, NULL, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (indsats_store_ensure_indicator (store, "Fleksjob", "personer", TRUE, NAN, &error), >, 0);
  indicators = indsats_store_list_indicators (store, &error);
  g_assert_no_error (error);
  origins = indsats_store_list_indicator_origins (store, &error);
  g_assert_no_error (error);
  choice = indsats_series_choice_new (indicators, origins);

  tables = indsats_series_choice_tables (choice);
  g_assert_cmpuint (tables->len, ==, 2);
  g_assert_cmpstr (item (tables, 0), ==, "y01a02");
  g_assert_cmpstr (item (tables, 1), ==, "");

  measures = indsats_series_choice_measures (choice, "y01a02");
  g_assert_cmpuint (measures->len, ==, 4);
  g_assert_cmpstr (item (measures, 0), ==, "Antal fuldtidspersoner");
  g_assert_cmpstr (item (measures, 1), ==, "Antal personer");
  breakdowns = indsats_series_choice_breakdowns (choice, "y01a02", "Antal personer");
  g_assert_cmpuint (breakdowns->len, ==, 3);
  g_assert_cmpstr (item (breakdowns, 0), ==, "Køn: Køn i alt");
  g_assert_cmpstr (item (breakdowns, 1), ==, "Køn: Kvinder");
  g_assert_cmpstr (item (breakdowns, 2), ==, "Køn: Mænd");
  g_assert_cmpstr (indsats_series_choice_find (choice, "y01a02", "Antal personer", "Køn: Køn i alt"), ==,
                   "Antal personer (y01a02)");
  g_assert_cmpstr (indsats_series_choice_find (choice, "y01a02", "Antal personer", "Køn: Kvinder"), ==,
                   "Antal personer (y01a02, Kvinder)");
  g_assert_null (indsats_series_choice_find (choice, "y01a02", "Antal personer", "Køn: Andre"));
  g_assert_null (indsats_series_choice_find (choice, "y01a02", NULL, "Køn: Kvinder"));

  own = indsats_series_choice_measures (choice, "");
  g_assert_cmpuint (own->len, ==, 1);
  g_assert_cmpstr (item (own, 0), ==, "Fleksjob");
  none = indsats_series_choice_breakdowns (choice, "", "Fleksjob");
  g_assert_cmpuint (none->len, ==, 1);
  g_assert_cmpstr (item (none, 0), ==, "");
  g_assert_cmpstr (indsats_series_choice_find (choice, "", "Fleksjob", ""), ==, "Fleksjob");
}

/* A second program's change is noticed, a store's own is not */
static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) mine = indsats_store_open (f->path, &error);
  g_autoptr(IndsatsStore) theirs = NULL;
  gint64 plan, team;
  gboolean noticed = FALSE;

  g_assert_no_error (error);
  plan = indsats_demo_write (mine, NULL, &error);
  g_assert_no_error (error);
  theirs = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (indsats_store_changed_elsewhere (mine)); /* starts to watch */

  team = sql_int (f->path, "SELECT min(id) FROM team");
  g_assert_true (indsats_store_rename_team (mine, team, "Eget navn", &error));
  g_assert_false (indsats_store_changed_elsewhere (mine));

  g_assert_true (indsats_store_rename_team (theirs, team, "Deres navn", &error));
  g_assert_no_error (error);
  /* a notice from a server may take a moment to arrive */
  for (int i = 0; i < 40 && !noticed; i++)
    {
      noticed = indsats_store_changed_elsewhere (mine);
      if (!noticed)
        g_usleep (50000);
    }
  g_assert_true (noticed);
  g_assert_false (indsats_store_changed_elsewhere (mine));
  g_assert_cmpint (plan, >, 0);
}

/* A server that ends the connection (stopped, restarted, or its
 * administrator's doing) is noticed by the store; what libpq hears of it is
 * no line on the program's stderr, where a command's one line of message is */
static void
test_server_ends_connection (Fixture       *f,
                             gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(IndsatsStore) store = indsats_store_open (f->path, &error);
      g_autofree char *admin = g_strdup_printf ("postgresql://indsats@/postgres?host=%s", pg_dir);
      g_autofree char *end = g_strdup_printf ("SELECT count(pg_terminate_backend (pid)) FROM pg_stat_activity"
                                              " WHERE datname = '%s' AND application_name = 'indsats'",
                                              f->pg_db);
      g_autofree char *ended = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
      g_assert_false (indsats_store_changed_elsewhere (store)); /* starts to watch */
      ended = pg_text (admin, end);
      g_assert_cmpstr (ended, ==, "1");
      for (int i = 0; i < 40 && indsats_store_is_connected (store); i++)
        {
          indsats_store_changed_elsewhere (store);
          g_usleep (50000);
        }
      g_assert_false (indsats_store_is_connected (store));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*terminating connection*");
}

/* Saving over someone else's newer change of the same field fails and says
 * who changed it to what; a change of another field is kept */
static void
test_action_conflict (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) mine = indsats_store_open (f->path, &error);
  g_autoptr(IndsatsStore) theirs = NULL;
  g_autoptr(IndsatsAction) read = NULL;
  g_autoptr(IndsatsAction) other = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *note = NULL;
  g_autofree char *text = NULL;
  IndsatsHistoryEntry *e;
  gint64 version, newer;
  int rows;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (mine, NULL, &error), >, 0);
  g_assert_no_error (error);
  theirs = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  indsats_store_set_user_name (theirs, "Anna Hansen");
  indsats_store_set_user_name (mine, "Bent Holm");

  read = indsats_store_get_action (mine, 2, &error);
  g_assert_no_error (error);
  version = indsats_store_get_action_version (mine, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (version, >, 0);

  /* the other person changes the owner twice and the note */
  other = indsats_store_get_action (theirs, 2, &error);
  g_free (other->owner);
  other->owner = g_strdup ("Teamleder");
  g_assert_true (indsats_store_update_action (theirs, other, INDSATS_ACTION_FIELD_OWNER, &error));
  g_free (other->owner);
  other->owner = g_strdup ("Fagkoordinator Jobteam");
  g_free (other->note);
  other->note = g_strdup ("Deres note");
  g_assert_true (indsats_store_update_action (theirs, other,
                                              INDSATS_ACTION_FIELD_OWNER | INDSATS_ACTION_FIELD_NOTE, &error));
  g_assert_no_error (error);
  newer = indsats_store_get_action_version (mine, 2, &error);
  g_assert_cmpint (newer, >, version);

  /* mine changes the owner and the text: the owner is in conflict */
  g_free (read->owner);
  read->owner = g_strdup ("Mit bud");
  g_free (read->text);
  read->text = g_strdup ("Min tekst");
  rows = sql_int (f->path, "SELECT count(*) FROM action_history");
  g_assert_false (indsats_store_update_action_since (mine, read,
                                                     INDSATS_ACTION_FIELD_OWNER | INDSATS_ACTION_FIELD_TEXT,
                                                     version, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Anna Hansen changed owner to “Fagkoordinator Jobteam” at "));
  g_assert_null (strstr (error->message, "Teamleder"));
  g_assert_null (strstr (error->message, "note"));
  g_clear_error (&error);
  /* nothing was saved */
  owner = sql_text (f->path, "SELECT owner FROM action WHERE id = 2");
  g_assert_cmpstr (owner, ==, "Fagkoordinator Jobteam");
  text = sql_text (f->path, "SELECT text FROM action WHERE id = 2");
  g_assert_cmpstr (text, !=, "Min tekst");
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history"), ==, rows);

  /* the changes one by one: the owner's newest, with who and when */
  changes = indsats_store_list_changes_since (mine, 2, version, INDSATS_ACTION_FIELD_OWNER | INDSATS_ACTION_FIELD_TEXT,
                                              &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  e = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (e->field, ==, "owner");
  g_assert_cmpstr (e->new_value, ==, "Fagkoordinator Jobteam");
  g_assert_cmpstr (e->changed_by, ==, "Anna Hansen");
  g_assert_cmpuint (strlen (e->changed_at), ==, 19);

  /* only the text, which nobody else changed: saved, and their note and owner stay */
  g_assert_true (indsats_store_update_action_since (mine, read, INDSATS_ACTION_FIELD_TEXT, version, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = sql_text (f->path, "SELECT text FROM action WHERE id = 2");
  g_assert_cmpstr (text, ==, "Min tekst");
  note = sql_text (f->path, "SELECT note FROM action WHERE id = 2");
  g_assert_cmpstr (note, ==, "Deres note");

  /* keeping one's own: saved over the change that was shown */
  g_assert_true (indsats_store_update_action_since (mine, read, INDSATS_ACTION_FIELD_OWNER, newer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&owner, g_free);
  owner = sql_text (f->path, "SELECT owner FROM action WHERE id = 2");
  g_assert_cmpstr (owner, ==, "Mit bud");
  g_clear_pointer (&owner, g_free);
  owner = sql_text (f->path, "SELECT changed_by FROM action_history WHERE id = (SELECT max(id) FROM action_history)");
  g_assert_cmpstr (owner, ==, "Bent Holm");
}

/* Sets one text of an action as another person and saves it */
static void
change_as (IndsatsStore         *store,
           gint64                id,
           IndsatsActionFields   field,
           const char           *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsAction) a = indsats_store_get_action (store, id, &error);

  g_assert_no_error (error);
  if (field == INDSATS_ACTION_FIELD_OWNER)
    {
      g_free (a->owner);
      a->owner = g_strdup (value);
    }
  else if (field == INDSATS_ACTION_FIELD_NOTE)
    {
      g_free (a->note);
      a->note = g_strdup (value);
    }
  else
    {
      g_assert_cmpint (field, ==, INDSATS_ACTION_FIELD_TEXT);
      g_free (a->text);
      a->text = g_strdup (value);
    }
  g_assert_true (indsats_store_update_action (store, a, field, &error));
  g_assert_no_error (error);
}

/* Undo and redo put back only what this person changed, and refuse to write
 * over a newer change of the same field by someone else, naming it */
static void
test_undo_keeps_newer_change (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) mine = indsats_store_open (f->path, &error);
  g_autoptr(IndsatsStore) theirs = NULL;
  g_autoptr(IndsatsUndoStack) stack = NULL;
  g_autoptr(IndsatsAction) a = NULL;
  g_autofree char *owner3 = NULL;
  g_autofree char *expected = NULL;
  IndsatsHistoryEntry *e;
  IndsatsAction added = { 0 };
  gint64 plan_id, id;
  int rows, position;
  char *text;

  g_assert_no_error (error);
  plan_id = indsats_demo_write (mine, NULL, &error);
  g_assert_cmpint (plan_id, >, 0);
  theirs = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  indsats_store_set_user_name (theirs, "Anna Hansen");
  indsats_store_set_user_name (mine, "Bent Holm");
  owner3 = sql_text (f->path, "SELECT owner FROM action WHERE id = 3");

  /* a change of another field is kept: undo puts back the owner only */
  stack = indsats_undo_stack_new (mine);
  a = indsats_store_get_action (mine, 3, &error);
  g_free (a->owner);
  a->owner = g_strdup ("Mit bud");
  g_assert_true (indsats_undo_stack_edit (stack, a, INDSATS_ACTION_FIELD_OWNER, &error));
  change_as (theirs, 3, INDSATS_ACTION_FIELD_NOTE, "Deres note");
  g_assert_true (indsats_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  text = sql_text (f->path, "SELECT owner || '|' || note FROM action WHERE id = 3");
  expected = g_strdup_printf ("%s|Deres note", owner3);
  g_assert_cmpstr (text, ==, expected);
  g_free (text);

  /* redo over their newer owner: refused, naming them, nothing written */
  change_as (theirs, 3, INDSATS_ACTION_FIELD_OWNER, "Annas bud");
  rows = sql_int (f->path, "SELECT count(*) FROM action_history");
  g_assert_false (indsats_undo_stack_redo (stack, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Anna Hansen changed owner to “Annas bud” at "));
  g_assert_nonnull (strstr (error->message, "Nothing was undone"));
  g_clear_error (&error);
  g_assert_cmpuint (indsats_undo_stack_get_conflicts (stack)->len, ==, 1);
  e = g_ptr_array_index (indsats_undo_stack_get_conflicts (stack), 0);
  g_assert_cmpstr (e->field, ==, "owner");
  g_assert_cmpstr (e->new_value, ==, "Annas bud");
  g_assert_cmpstr (e->changed_by, ==, "Anna Hansen");
  text = sql_text (f->path, "SELECT owner FROM action WHERE id = 3");
  g_assert_cmpstr (text, ==, "Annas bud");
  g_free (text);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action_history"), ==, rows);
  g_assert_true (indsats_undo_stack_can_redo (stack));

  /* undo of an edit whose field they changed since: refused, and their
   * owner and my text both stay */
  g_clear_pointer (&a, indsats_action_free);
  a = indsats_store_get_action (mine, 2, &error);
  g_free (a->owner);
  a->owner = g_strdup ("Mit bud");
  g_free (a->text);
  a->text = g_strdup ("Min tekst");
  g_assert_true (indsats_undo_stack_edit (stack, a, INDSATS_ACTION_FIELD_OWNER | INDSATS_ACTION_FIELD_TEXT, &error));
  change_as (theirs, 2, INDSATS_ACTION_FIELD_OWNER, "Teamleder");
  g_assert_false (indsats_undo_stack_undo (stack, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Anna Hansen changed owner to “Teamleder”"));
  g_assert_null (strstr (error->message, "text"));
  g_clear_error (&error);
  text = sql_text (f->path, "SELECT owner || '|' || text FROM action WHERE id = 2");
  g_assert_cmpstr (text, ==, "Teamleder|Min tekst");
  g_free (text);
  g_assert_true (indsats_undo_stack_can_undo (stack));

  /* undo of an addition they edited since: the action and their text stay */
  g_clear_object (&stack);
  stack = indsats_undo_stack_new (mine);
  added.team = (char *) "Job-team";
  added.focus = (char *) "Fokus på et aktivt tilbud";
  added.owner = (char *) "Alle SB";
  added.text = (char *) "Ugentlig opfølgning";
  added.start_date = (char *) "2023-04-03";
  id = indsats_undo_stack_add (stack, plan_id, &added, &error);
  g_assert_cmpint (id, >, 0);
  change_as (theirs, id, INDSATS_ACTION_FIELD_TEXT, "Ugentlig opfølgning, også om fredagen");
  g_assert_false (indsats_undo_stack_undo (stack, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Anna Hansen changed text to “Ugentlig opfølgning, også om fredagen”"));
  g_clear_error (&error);
  g_clear_pointer (&a, indsats_action_free);
  a = indsats_store_get_action (mine, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->text, ==, "Ugentlig opfølgning, også om fredagen");

  /* undo of a move after they moved the action back: it stays where they put it */
  g_clear_object (&stack);
  stack = indsats_undo_stack_new (mine);
  g_assert_true (indsats_undo_stack_move (stack, 5, 1, &error));
  g_assert_true (indsats_store_move_action (theirs, 5, -1, &error));
  g_assert_no_error (error);
  position = sql_int (f->path, "SELECT position FROM action WHERE id = 5");
  g_assert_false (indsats_undo_stack_undo (stack, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "was moved by someone else"));
  g_clear_error (&error);
  g_assert_cmpuint (indsats_undo_stack_get_conflicts (stack)->len, ==, 0);
  g_assert_cmpint (sql_int (f->path, "SELECT position FROM action WHERE id = 5"), ==, position);

  /* with no one else in between, undo and redo go through as before */
  g_clear_object (&stack);
  stack = indsats_undo_stack_new (mine);
  g_assert_true (indsats_undo_stack_delete (stack, 6, &error));
  g_assert_true (indsats_undo_stack_undo (stack, &error));
  g_assert_true (indsats_undo_stack_redo (stack, &error));
  g_assert_true (indsats_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f->path, "SELECT count(*) FROM action WHERE id = 6"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  /* The process locale comes from the environment, as in the program: the
   * suite runs these tests under C and under da_DK.UTF-8 */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  pg_dir = g_getenv ("INDSATS_PG_DIR");
  if (pg_dir != NULL)
    {
      /* what the store keeps, the same on a PostgreSQL database; the file's
       * own refusals and SQLite's query plans are for a file only */
      ADD ("/store-pg/demo/once", test_demo_once);
      ADD ("/store-pg/demo/documented-values", test_demo_documented_values);
      ADD ("/store-pg/action/validation", test_action_validation);
      ADD ("/store-pg/action/history", test_action_history);
      ADD ("/store-pg/teams/rename-remove", test_teams_rename_remove);
      ADD ("/store-pg/keyfigures/series-range", test_read_series_range);
      ADD ("/store-pg/changed-elsewhere", test_changed_elsewhere);
      ADD ("/store-pg/server-ends-connection", test_server_ends_connection);
      ADD ("/store-pg/action/conflict", test_action_conflict);
      ADD ("/store-pg/action/undo-keeps-newer-change", test_undo_keeps_newer_change);
      return g_test_run ();
    }
  ADD ("/store/create", test_create_from_nothing);
  ADD ("/store/empty-file", test_empty_file_is_migrated);
  ADD ("/store/migration/nfc-twins", test_migration_merges_twins);
  ADD ("/store/migration/started-on", test_migration_started_on);
  ADD ("/store/refuse/newer-version", test_newer_version_refused);
  ADD ("/store/refuse/not-a-database", test_not_a_database_refused);
  ADD ("/store/refuse/other-program", test_other_programs_database_refused);
  ADD ("/store/refuse/unwritable-folder", test_unwritable_folder);
  ADD ("/store/refuse/folder", test_folder_is_not_a_file);
  ADD ("/store/refuse/not-a-file", test_not_a_file_refused);
  ADD ("/store/demo/once", test_demo_once);
  ADD ("/store/demo/documented-values", test_demo_documented_values);
  ADD ("/store/action/validation", test_action_validation);
  ADD ("/store/action/history", test_action_history);
  ADD ("/store/action/started-on", test_action_started_on);
  ADD ("/store/follow-up/words", test_follow_up_words);
  ADD ("/store/teams/rename-remove", test_teams_rename_remove);
  ADD ("/store/keyfigures/queries-use-index", test_key_figure_queries_use_index);
  ADD ("/store/keyfigures/series-range", test_read_series_range);
  ADD ("/store/keyfigures/series-choice", test_series_choice);
  ADD ("/store/changed-elsewhere", test_changed_elsewhere);
  ADD ("/store/action/conflict", test_action_conflict);
  ADD ("/store/action/undo-keeps-newer-change", test_undo_keeps_newer_change);
#undef ADD

  return g_test_run ();
}
