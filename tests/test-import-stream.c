/* test-import-stream.c: the import reads files of any size a piece at a time:
 * progress and cancel on a one-indicator file, numbers that wait for their
 * column's decimal mark past what memory holds, encodings and line ends cut
 * across the pieces it reads, and JSON answers walked row by row */
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-import.h"
#include "indsats-store.h"
#include "test-util.h"

typedef struct
{
  char         *dir;
  char         *db;
  IndsatsStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("indsats-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "import.db", NULL);
  f->store = indsats_store_open (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  indsats_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* What the database holds, asked with its own connection */
static char *
db_text (Fixture    *f,
         const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
write_file (Fixture    *f,
            const char *name,
            GString    *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

/* One indicator, 150 areas × 1,000 months: 150,000 lines, about 5 MB */
static char *
one_indicator_file (Fixture *f)
{
  g_autoptr(GString) text = g_string_new ("indicator,area,period,value\n");

  for (int a = 0; a < 150; a++)
    for (int m = 0; m < 1000; m++)
      g_string_append_printf (text, "Ledige,Kommune %03d,%dM%02d,%d.%d\n", a, 1950 + m / 12, m % 12 + 1, a, m % 10);
  return write_file (f, "one.csv", text);
}

typedef struct
{
  GArray       *fractions;
  GCancellable *cancel_at_half;
} Told;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Told *told = user_data;

  g_array_append_val (told->fractions, fraction);
  if (told->cancel_at_half && fraction >= 0.5)
    g_cancellable_cancel (told->cancel_at_half);
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = one_indicator_file (f);
  const char *paths[] = { path, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(IndsatsImportSummary) summary = NULL;
  g_autofree char *count = NULL, *value = NULL;
  Told told = { fractions, NULL };

  summary = indsats_import_files (f->store, paths, NULL, FALSE, NULL, progress_cb, &told, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->rows, ==, 150000);
  /* told often while the one series is read, in order, ending at all */
  g_assert_cmpuint (fractions->len, >=, 50);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, 0), <, 0.05);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  count = db_text (f, "SELECT count(*) FROM observation");
  g_assert_cmpstr (count, ==, "150000");
  value = db_text (f, "SELECT value FROM observation WHERE area = 'Kommune 149' AND period = '2033M04'");
  g_assert_cmpstr (value, ==, "149.9");
}

static void
test_cancel_halfway (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = one_indicator_file (f);
  g_autofree char *small = NULL;
  g_autoptr(GString) text = g_string_new ("indicator,area,period,value\nLedige,Kommune 000,1950M01,7\n");
  const char *paths[] = { path, NULL };
  const char *small_paths[] = { NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(IndsatsImportSummary) first = NULL;
  IndsatsImportSummary *summary;
  g_autofree char *count = NULL, *value = NULL;
  Told told = { fractions, cancellable };

  small = write_file (f, "small.csv", text);
  small_paths[0] = small;
  first = indsats_import_files (f->store, small_paths, NULL, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  summary = indsats_import_files (f->store, paths, NULL, FALSE, cancellable, progress_cb, &told, &error);
  g_assert_null (summary);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED);
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  /* it stopped soon after half, not at the end */
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), <, 0.6);
  /* nothing of it is stored: the value before stays */
  count = db_text (f, "SELECT count(*) FROM observation");
  g_assert_cmpstr (count, ==, "1");
  value = db_text (f, "SELECT value FROM observation WHERE area = 'Kommune 000' AND period = '1950M01'");
  g_assert_cmpstr (value, ==, "7.0");

  /* the same store imports afterwards */
  g_clear_error (&error);
  summary = indsats_import_files (f->store, paths, NULL, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->rows, ==, 150000);
  indsats_import_summary_free (summary);
}

/* 20,000 numbers like 1.234 tell nothing of their mark; the column's first
 * 12.345,5 says the dot groups thousands, and every one of them is read so,
 * though most waited outside memory */
static void
test_numbers_wait_for_their_mark (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Område;Periode;Antal personer;Andel\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *first = NULL, *last = NULL, *share = NULL, *count = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  const char *paths[] = { NULL, NULL };

  for (int a = 0; a < 200; a++)
    for (int m = 0; m < 100; m++)
      g_string_append_printf (text, "Kommune %03d;%dM%02d;%d.%03d;%s\n", a, 2000 + m / 12, m % 12 + 1, 1 + a,
                              m, a == 199 && m == 99 ? "12,5" : "");
  g_string_append (text, "Hele landet;2000M01;12.345,5;\n");
  path = write_file (f, "y01a02.csv", text);
  paths[0] = path;
  summary = indsats_import_files (f->store, paths, NULL, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->rows, ==, 2 * 20000 + 2);
  first = db_text (f, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id "
                      "WHERE i.name = 'Antal personer (y01a02)' AND o.area = 'Kommune 000' AND o.period = '2000M01'");
  g_assert_cmpstr (first, ==, "1000.0");
  last = db_text (f, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id "
                     "WHERE i.name = 'Antal personer (y01a02)' AND o.area = 'Kommune 199' AND o.period = '2008M04'");
  g_assert_cmpstr (last, ==, "200099.0");
  share = db_text (f, "SELECT o.value FROM observation o JOIN indicator i ON i.id = o.indicator_id "
                      "WHERE i.name = 'Andel (y01a02)' AND o.area = 'Kommune 199' AND o.period = '2008M04'");
  g_assert_cmpstr (share, ==, "12.5");
  count = db_text (f, "SELECT count(*) FROM observation WHERE value IS NULL");
  g_assert_cmpstr (count, ==, "20000");
}

/* A number written in one of many ways, with a decimal point */
static char *
number_cell (guint form,
             int   n)
{
  switch (form % 14)
    {
    case 0: return g_strdup_printf ("%d", n);
    case 1: return g_strdup_printf ("-%d", n);
    case 2: return g_strdup_printf ("%d.5", n);
    case 3: return g_strdup_printf ("-%d.25", n);
    case 4: return g_strdup_printf ("0.%03d", n % 1000);
    case 5: return g_strdup_printf ("00%d.75", n);
    case 6: return g_strdup_printf ("%d.125", n);
    case 7: return g_strdup_printf ("%d%d.%d", n, n % 7, n % 13);
    case 8: return g_strdup_printf ("12345678901234%d", n % 10);
    case 9: return g_strdup_printf ("1234567890.12345%d", n % 10);
    case 10: return g_strdup_printf ("1.%03d", n % 1000);       /* waits for the column's mark */
    case 11: return g_strdup_printf ("1,%03d.5", n % 1000);     /* a group mark */
    case 12: return g_strdup_printf ("%d.0", n);
    default: return g_strdup_printf ("-0.%d", n % 10);
    }
}

/* Every number reads as indsats_number_read() reads it with its column's
 * mark, whatever its shape, with a decimal point or a decimal comma */
static void
test_numbers_read_exactly (Fixture       *f,
                           gconstpointer  data)
{
  for (int comma = 0; comma <= 1; comma++)
    {
      g_autoptr(GString) text = g_string_new ("indicator;area;period;value\n");
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      for (guint i = 0; i < 3000; i++)
        {
          char *cell = number_cell (i, g_test_rand_int_range (0, 100000));

          /* the marks the other way round */
          for (char *c = cell; comma && *c; c++)
            *c = *c == '.' ? ',' : *c == ',' ? '.' : *c;
          g_string_append_printf (text, "Tal;Område %u;2023M01;%s\n", i, cell);
          g_ptr_array_add (cells, cell);
        }
      path = write_file (f, comma ? "comma.csv" : "point.csv", text);
      rows = indsats_import_read_file (path, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, cells->len);
      for (guint i = 0; i < rows->len; i++)
        {
          const IndsatsImportRow *row = g_ptr_array_index (rows, i);
          const char *cell = g_ptr_array_index (cells, row->line - 2);
          double expected = NAN;
          gboolean missing = FALSE;

          g_assert_true (indsats_number_read (cell, comma ? INDSATS_DECIMAL_COMMA : INDSATS_DECIMAL_POINT, &expected,
                                              &missing));
          if (memcmp (&row->value, &expected, sizeof expected) != 0)
            g_error ("“%s” is read as %.17g, not %.17g", cell, row->value, expected);
        }
    }
}

/* Without a mark anywhere, the first number that waited is named at the
 * end, and nothing is stored */
static void
test_numbers_never_told (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("Område;Periode;Antal personer\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *count = NULL;
  const char *paths[] = { NULL, NULL };

  for (int m = 0; m < 10000; m++)
    g_string_append_printf (text, "Kommune %d;2000M01;1.%03d\n", m, m % 1000);
  path = write_file (f, "never.csv", text);
  paths[0] = path;
  g_assert_null (indsats_import_files (f->store, paths, NULL, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_true (g_str_has_suffix (error->message, "; say which with --decimal comma or --decimal point"));
  g_assert_nonnull (strstr (error->message, "never.csv:2: “1.000” in column “Antal personer” may be 1000 or 1"));
  count = db_text (f, "SELECT count(*) FROM observation");
  g_assert_cmpstr (count, ==, "0");
}

/* Windows-1252 whose first letter beyond ASCII comes after the first piece
 * read, with CRLF line ends; and UTF-8 with a byte order mark whose
 * two-byte letters fall across the pieces */
static void
test_encodings (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) latin = g_string_new ("indicator,area,period,value\r\n");
  g_autoptr(GString) utf8 = g_string_new ("\xEF\xBB\xBFindicator,area,period,value\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *latin_path = NULL, *utf8_path = NULL, *area = NULL, *count = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  const char *paths[] = { NULL, NULL, NULL };

  for (int m = 0; m < 5000; m++)
    g_string_append_printf (latin, "Ledige,Kommune %d,2000M01,%d\r\n", m, m + 1);
  g_string_append (latin, "Ledige,Br\xF8ndby,2000M01,5\r\n");
  for (int m = 0; m < 20000; m++)
    g_string_append_printf (utf8, "Fleksjob,Høje-Taastrup %d,2000M01,%d\n", m, m + 1);
  latin_path = write_file (f, "latin.csv", latin);
  utf8_path = write_file (f, "utf8.csv", utf8);
  paths[0] = latin_path;
  paths[1] = utf8_path;
  summary = indsats_import_files (f->store, paths, NULL, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((IndsatsImportFile *) g_ptr_array_index (summary->read, 0))->encoding, ==, "Windows-1252");
  g_assert_cmpstr (((IndsatsImportFile *) g_ptr_array_index (summary->read, 1))->encoding, ==, "UTF-8");
  area = db_text (f, "SELECT area FROM observation WHERE value = 5 AND area LIKE 'Br%'");
  g_assert_cmpstr (area, ==, "Brøndby");
  count = db_text (f, "SELECT count(*) FROM observation WHERE area LIKE 'Høje-Taastrup %'");
  g_assert_cmpstr (count, ==, "20000");
}

/* A JSON answer of 60,000 rows is read row by row; one bad row far in names
 * its row, and nothing is stored */
static void
test_json_rows (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("{\"columns\": [\"Periode\", \"Område\", \"Antal personer\"],\n \"rows\": [");
  g_autoptr(GString) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL, *bad_path = NULL, *value = NULL, *count = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  const char *paths[] = { NULL, NULL };
  Told told = { fractions, NULL };

  for (int r = 0; r < 60000; r++)
    g_string_append_printf (text, "%s\n  [\"%dM%02d\", \"Kommune \\u00f8 %d\", %d.5]", r ? "," : "",
                            2000 + r % 120 / 12, r % 12 + 1, r / 120, r);
  broken = g_string_new_len (text->str, text->len);
  g_string_append (text, "\n]}\n");
  g_string_append (broken, ",\n  [\"2020M01\", \"Kommune\", true]\n]}\n");
  path = write_file (f, "y30r21.json", text);
  paths[0] = path;
  summary = indsats_import_files (f->store, paths, NULL, FALSE, NULL, progress_cb, &told, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->rows, ==, 60000);
  g_assert_cmpuint (fractions->len, >=, 20);
  value = db_text (f, "SELECT value FROM observation WHERE area = 'Kommune ø 499' AND period = '2009M12'");
  g_assert_cmpstr (value, ==, "59999.5");

  bad_path = write_file (f, "bad.json", broken);
  paths[0] = bad_path;
  g_clear_object (&f->store);
  g_unlink (f->db);
  f->store = indsats_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_null (indsats_import_files (f->store, paths, NULL, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.json: row 60001, column 3 holds neither text nor a number"));
  count = db_text (f, "SELECT count(*) FROM observation");
  g_assert_cmpstr (count, ==, "0");
}

/* A value that contradicts one written before, in another answer or far back
 * in the same one, is refused naming both rows, and nothing is stored */
static GBytes *
bytes_of (char *text)
{
  gsize size = strlen (text);

  return g_bytes_new_take (text, size);
}

static void
test_answers_repeat (Fixture       *f,
                     gconstpointer  data)
{
  const char *head = "{\"columns\": [\"Periode\", \"Område\", \"Antal personer\"],\n \"rows\": [";
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) repeating = NULL, clean = NULL, second = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  g_autofree char *text = NULL, *count = NULL;
  IndsatsImportAnswer answers[2];

  for (int r = 0; r < 5000; r++)
    g_string_append_printf (rows, "%s\n  [\"2020M01\", \"Kommune %d\", %d]", r ? "," : "", r, r);

  /* within one answer: row 5001 repeats row 4 with another value */
  text = g_strconcat (head, rows->str, ",\n  [\"2020M01\", \"Kommune 3\", 4]\n]}\n", NULL);
  repeating = bytes_of (g_steal_pointer (&text));
  answers[0] = (IndsatsImportAnswer) { "a.json", "y30r21", "Jobindsats", repeating };
  g_assert_null (indsats_import_answers (f->store, answers, 1, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "a.json: row 5001: "));
  g_assert_nonnull (strstr (error->message, "Kommune 3, 2020M01 is 4 here but 3 at a.json: row 4;"));
  g_clear_error (&error);
  count = db_text (f, "SELECT count(*) FROM observation");
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);

  /* across answers: the second's row 2 contradicts the first's row 8 */
  text = g_strconcat (head, rows->str, "\n]}\n", NULL);
  clean = bytes_of (g_steal_pointer (&text));
  second = bytes_of (g_strconcat (head, "\n  [\"2020M02\", \"Ishøj\", 1],\n  [\"2020M01\", \"Kommune 7\", 8]\n]}\n",
                                  NULL));
  answers[0] = (IndsatsImportAnswer) { "a.json", "y30r21", "Jobindsats", clean };
  answers[1] = (IndsatsImportAnswer) { "b.json", "y30r21", "Jobindsats", second };
  g_assert_null (indsats_import_answers (f->store, answers, 2, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "b.json: row 2: "));
  g_assert_nonnull (strstr (error->message, "Kommune 7, 2020M01 is 8 here but 7 at a.json: row 8;"));
  count = db_text (f, "SELECT count(*) FROM observation");
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);

  /* the first answer alone imports */
  g_clear_error (&error);
  summary = indsats_import_answers (f->store, answers, 1, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->rows, ==, 5000);
  count = db_text (f, "SELECT count(*) FROM observation");
  g_assert_cmpstr (count, ==, "5000");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/import/progress", Fixture, NULL, fixture_set_up, test_progress, fixture_tear_down);
  g_test_add ("/import/cancel-halfway", Fixture, NULL, fixture_set_up, test_cancel_halfway, fixture_tear_down);
  g_test_add ("/import/numbers-wait-for-their-mark", Fixture, NULL, fixture_set_up,
              test_numbers_wait_for_their_mark, fixture_tear_down);
  g_test_add ("/import/numbers-read-exactly", Fixture, NULL, fixture_set_up, test_numbers_read_exactly,
              fixture_tear_down);
  g_test_add ("/import/numbers-never-told", Fixture, NULL, fixture_set_up, test_numbers_never_told,
              fixture_tear_down);
  g_test_add ("/import/encodings", Fixture, NULL, fixture_set_up, test_encodings, fixture_tear_down);
  g_test_add ("/import/json-rows", Fixture, NULL, fixture_set_up, test_json_rows, fixture_tear_down);
  g_test_add ("/import/answers-repeat", Fixture, NULL, fixture_set_up, test_answers_repeat, fixture_tear_down);
  return g_test_run ();
}
