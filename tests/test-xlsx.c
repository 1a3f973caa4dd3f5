/* test-xlsx.c: the workbook's language and its numbers, whatever the process locale */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "indsats-catalog.h"
#include "indsats-demo.h"
#include "indsats-error.h"
#include "indsats-export-xlsx.h"
#include "test-util.h"

static char *dir;

/* One part of a written workbook, read by Python's zipfile */
static char *
read_part (const char *xlsx,
           const char *part)
{
  const char *argv[] = {
    "python3", "-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
    xlsx, part, NULL,
  };
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_locale_untouched (const char *decimal_point)
{
  /* the thread is back on the process's locale, and that is as it was */
  g_assert_true (uselocale ((locale_t) 0) == LC_GLOBAL_LOCALE);
  g_assert_cmpstr (localeconv ()->decimal_point, ==, decimal_point);
}

static void
test_numbers_in_c (void)
{
  g_autofree char *db = g_build_filename (dir, "numbers.db", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "udvalg.xlsx", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "x.xlsx", NULL);
  g_autofree char *decimal_point = g_strdup (localeconv ()->decimal_point);
  g_autofree char *overview = NULL;
  g_autofree char *figure = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  IndsatsExportOptions options = { .native_charts = TRUE };
  sqlite3 *sql;
  gint64 plan;

  /* under da_DK.UTF-8 the process writes decimal commas: that is what is tested */
  if (g_strcmp0 (g_getenv ("LC_ALL"), "da_DK.UTF-8") == 0)
    g_assert_cmpstr (decimal_point, ==, ",");

  store = indsats_store_open (db, &error);
  g_assert_no_error (error);
  plan = indsats_demo_write (store, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (indsats_export_xlsx (store, plan, xlsx, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_locale_untouched (decimal_point);

  /* the threshold 20 % in the overview, a column width, a chart's axis */
  overview = read_part (xlsx, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (overview, "<v>0.2</v>"));
  g_assert_nonnull (strstr (overview, "width=\"44.7109375\""));
  g_assert_null (strstr (overview, "<v>0,"));
  g_assert_null (strstr (overview, ",7109375\""));
  figure = read_part (xlsx, "xl/charts/chart15.xml");
  /* Figur 15's axis steps by a fraction of a per cent: 0.05, never 0,05 */
  g_assert_nonnull (strstr (figure, "<c:majorUnit val=\"0."));
  g_assert_null (strstr (figure, "<c:majorUnit val=\"0,"));

  /* a target that cannot be written, and a figure that fails half-way */
  g_assert_false (indsats_export_xlsx (store, plan, nowhere, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_IO);
  g_clear_error (&error);
  assert_locale_untouched (decimal_point);

  g_assert_cmpint (sqlite3_open (db, &sql), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sql, "UPDATE figure SET period_from = '2023M01', period_to = '2023Q4' WHERE number = 9",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (sql);
  g_assert_false (indsats_export_xlsx (store, plan, xlsx, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_locale_untouched (decimal_point);

  /* a meeting that is not a date */
  options.meeting = "14.09.2023";
  g_assert_false (indsats_export_xlsx (store, plan, xlsx, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "14.09.2023"));
  assert_locale_untouched (decimal_point);
}

static void
test_catalog (void)
{
  g_autoptr(IndsatsCatalog) da = NULL;
  g_autoptr(IndsatsCatalog) en = NULL;
  g_autoptr(GError) error = NULL;

  da = indsats_catalog_new ("da", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (indsats_catalog_gettext (da, "Overview"), ==, "Oversigt");
  g_assert_cmpstr (indsats_catalog_gettext (da, "Focus Area"), ==, "Fokusområde");
  g_assert_cmpstr (indsats_catalog_gettext (da, "* Preliminary figures"), ==, "* Foreløbige tal");
  g_assert_cmpstr (indsats_catalog_pgettext (da, "status in the workbook", "planned"), ==, "planlagt");
  g_assert_cmpstr (indsats_catalog_gettext (da, "no such text"), ==, "no such text");

  en = indsats_catalog_new ("en", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (indsats_catalog_gettext (en, "Overview"), ==, "Overview");
  g_assert_cmpstr (indsats_catalog_pgettext (en, "status in the workbook", "planned"), ==, "planned");

  g_assert_null (indsats_catalog_new ("../da", &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_catalog_damaged (void)
{
  g_autofree char *mo = g_build_filename (dir, "damaged.mo", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.mo", NULL);
  /* the right magic and a table that points past the end of the file */
  const guint32 words[] = { 0x950412de, 0, 1, 28, 36, 0, 0, 50, 9999, 50, 9999 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (mo, (const char *) words, sizeof words, NULL));
  g_assert_null (indsats_catalog_new_from_file ("da", mo, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, mo));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (mo, "not a translation", -1, NULL));
  g_assert_null (indsats_catalog_new_from_file ("da", mo, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_null (indsats_catalog_new_from_file ("da", missing, &error));
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_unlink (mo);
}

int
main (int    argc,
      char **argv)
{
  int result;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* where the program finds its translations, as main() binds them */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("INDSATS_LOCALEDIR"));
  dir = g_dir_make_tmp ("indsats-xlsx-XXXXXX", NULL);

  g_test_add_func ("/xlsx/numbers-in-c", test_numbers_in_c);
  g_test_add_func ("/xlsx/catalog", test_catalog);
  g_test_add_func ("/xlsx/catalog-damaged", test_catalog_damaged);
  result = g_test_run ();
  indsats_test_remove_dir (dir);
  g_free (dir);
  return result;
}
