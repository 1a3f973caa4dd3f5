/* test-format.c: Danish numbers and dates, whatever the machine's locale */
#include <locale.h>
#include <math.h>

#include "indsats-error.h"
#include "indsats-format.h"

#include <string.h>

static void
test_numbers (void)
{
  const struct { double value; int decimals; const char *expected; } cases[] = {
    { 1234.5, 1, "1.234,5" },
    { 0.5, 1, "0,5" },
    { 12.345, 2, "12,35" },
    { 1234567, 0, "1.234.567" },
    { 999, 0, "999" },
    { 1000, 0, "1.000" },
    { -1234.5, 1, "-1.234,5" },
    { -0.04, 1, "0,0" },
    { 0, 0, "0" },
    { 5974, 0, "5.974" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = indsats_format_number (cases[i].value, cases[i].decimals);
      g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

static void
test_percent (void)
{
  g_autofree char *a = indsats_format_percent (12.3, 1);
  g_autofree char *b = indsats_format_percent (20, 0);
  g_autofree char *c = indsats_format_percent (NAN, 1);

  g_assert_cmpstr (a, ==, "12,3 %");
  g_assert_cmpstr (b, ==, "20 %");
  g_assert_cmpstr (c, ==, "");
}

static void
test_dates (void)
{
  g_autofree char *shown = indsats_format_date ("2023-02-27");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = indsats_date_parse ("27.02.2023", &error);
  g_autofree char *b = indsats_date_parse ("7.3.2023", &error);
  g_autofree char *c = indsats_date_parse ("2023-03-07", &error);
  char *bad;

  g_assert_cmpstr (shown, ==, "27.02.2023");
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "2023-02-27");
  g_assert_cmpstr (b, ==, "2023-03-07");
  g_assert_cmpstr (c, ==, "2023-03-07");

  bad = indsats_date_parse ("31.02.2023", &error);
  g_assert_null (bad);
  g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "31.02.2023"));
  g_clear_error (&error);

  g_assert_null (indsats_date_parse ("2023-13-01", &error));
  g_clear_error (&error);
  g_assert_null (indsats_date_parse ("", &error));
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);
  /* a real date outside the range says the range */
  g_assert_null (indsats_date_parse ("2300-01-01", &error));
  g_assert_nonnull (strstr (error->message, "1900-01-01 to 2200-12-31"));
  g_clear_error (&error);
  g_assert_null (indsats_date_parse ("31.12.1899", &error));
  g_assert_nonnull (strstr (error->message, "1900-01-01 to 2200-12-31"));
  g_clear_error (&error);
  g_assert_null (indsats_date_parse ("2300-02-30", &error));
  g_assert_nonnull (strstr (error->message, "not a valid date"));
  g_clear_error (&error);
  g_assert_false (indsats_date_is_valid_iso ("2023-2-27"));
  g_assert_true (indsats_date_is_valid_iso ("2024-02-29"));
  g_assert_false (indsats_date_is_valid_iso ("2023-02-29"));
}

static void
test_number_parse (void)
{
  const struct { const char *text; double value; } good[] = {
    { "1.234,5", 1234.5 }, { "12,3", 12.3 }, { "12.3", 12.3 }, { "1234", 1234 },
    { "1.234.567", 1234567 }, { "1,234.5", 1234.5 }, { "12,3 %", 12.3 }, { "-4,5", -4.5 },
    { " 7 ", 7 },
  };
  const char *missing[] = { "", "-", ".", "..", NULL };
  const char *bad[] = { "abc", "12a", "1e5", "nan", "inf", "--3", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      double v = 0;
      gboolean is_missing = TRUE;

      g_assert_true (indsats_number_parse (good[i].text, &v, &is_missing, &error));
      g_assert_no_error (error);
      g_assert_false (is_missing);
      g_assert_cmpfloat_with_epsilon (v, good[i].value, 1e-9);
    }
  for (guint i = 0; missing[i]; i++)
    {
      double v = 0;
      gboolean is_missing = FALSE;

      g_assert_true (indsats_number_parse (missing[i], &v, &is_missing, NULL));
      g_assert_true (is_missing);
      g_assert_true (isnan (v));
    }
  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      double v;

      g_assert_false (indsats_number_parse (bad[i], &v, NULL, &error));
      g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
    }
}

/* A machine whose locale writes "1 234,5" or "1,234.5" must not change the output */
static void
test_locale_independent (void)
{
  const char *locales[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "da_DK.UTF-8", "C.UTF-8", NULL };
  g_autofree char *before = g_strdup (setlocale (LC_NUMERIC, NULL));

  for (guint i = 0; locales[i]; i++)
    {
      g_autofree char *s = NULL;

      if (setlocale (LC_NUMERIC, locales[i]) == NULL)
        continue;
      s = indsats_format_number (1234.5, 1);
      g_assert_cmpstr (s, ==, "1.234,5");
    }
  setlocale (LC_NUMERIC, before);
}

/* The suite's Danish run must really be Danish, or it proves nothing */
static void
test_danish_locale_active (void)
{
  if (g_strcmp0 (g_getenv ("LC_ALL"), "da_DK.UTF-8") != 0)
    {
      g_test_skip ("not the Danish run");
      return;
    }
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
}

int
main (int    argc,
      char **argv)
{
  /* The process locale comes from the environment, as in the program: the
   * suite runs these tests under C and under da_DK.UTF-8 */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/percent", test_percent);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/number-parse", test_number_parse);
  g_test_add_func ("/format/locale-independent", test_locale_independent);
  g_test_add_func ("/format/danish-locale-active", test_danish_locale_active);

  return g_test_run ();
}
