/* test-decimal.c: what a cell shows about its decimal mark, and reading it with one */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "indsats-decimal.h"

static void
test_shapes (void)
{
  const struct { const char *text; IndsatsNumberShape shape; } cases[] = {
    { "", INDSATS_NUMBER_MISSING }, { "-", INDSATS_NUMBER_MISSING }, { "..", INDSATS_NUMBER_MISSING },
    { "1234", INDSATS_NUMBER_WHOLE }, { "-7", INDSATS_NUMBER_WHOLE }, { "1 234", INDSATS_NUMBER_WHOLE },
    /* a thousand, or one and a bit */
    { "1.234", INDSATS_NUMBER_AMBIGUOUS }, { "27.333", INDSATS_NUMBER_AMBIGUOUS },
    { "-1.234", INDSATS_NUMBER_AMBIGUOUS }, { "1,234", INDSATS_NUMBER_AMBIGUOUS },
    { "12.500", INDSATS_NUMBER_AMBIGUOUS },
    /* a dot that cannot group thousands */
    { "0.125", INDSATS_NUMBER_POINT }, { "12.5", INDSATS_NUMBER_POINT }, { "1234.567", INDSATS_NUMBER_POINT },
    { ".5", INDSATS_NUMBER_POINT }, { "1,234.5", INDSATS_NUMBER_POINT }, { "1,234,567", INDSATS_NUMBER_POINT },
    { "12.3 %", INDSATS_NUMBER_POINT },
    /* a comma decimal, or dots in groups */
    { "12,5", INDSATS_NUMBER_COMMA }, { "0,125", INDSATS_NUMBER_COMMA }, { "1.234,5", INDSATS_NUMBER_COMMA },
    { "1.234.567", INDSATS_NUMBER_COMMA }, { "−4,2", INDSATS_NUMBER_COMMA }, { "1\u00a0234,5", INDSATS_NUMBER_COMMA },
    /* not numbers with either mark */
    { "mange", INDSATS_NUMBER_INVALID }, { "1.2.3", INDSATS_NUMBER_INVALID }, { "1,234,5", INDSATS_NUMBER_INVALID },
    { "1e5", INDSATS_NUMBER_INVALID }, { "12.", INDSATS_NUMBER_INVALID }, { "1..2", INDSATS_NUMBER_INVALID },
    { "1.234,5.6", INDSATS_NUMBER_INVALID }, { "nan", INDSATS_NUMBER_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (indsats_number_shape (cases[i].text), ==, cases[i].shape);
    }
}

static void
test_read (void)
{
  const struct { const char *text; IndsatsDecimal mark; gboolean ok; double value; } cases[] = {
    { "1.234", INDSATS_DECIMAL_COMMA, TRUE, 1234 },
    { "1.234", INDSATS_DECIMAL_POINT, TRUE, 1.234 },
    { "1.234", INDSATS_DECIMAL_UNKNOWN, FALSE, 0 },
    { "27.333", INDSATS_DECIMAL_COMMA, TRUE, 27333 },
    { "1.234,5", INDSATS_DECIMAL_COMMA, TRUE, 1234.5 },
    { "1.234,5", INDSATS_DECIMAL_POINT, FALSE, 0 },
    { "1,234.5", INDSATS_DECIMAL_POINT, TRUE, 1234.5 },
    { "12,5", INDSATS_DECIMAL_UNKNOWN, TRUE, 12.5 },
    { "0.125", INDSATS_DECIMAL_UNKNOWN, TRUE, 0.125 },
    { "1.23", INDSATS_DECIMAL_COMMA, FALSE, 0 },     /* a dot that groups needs three digits */
    { "12345.678", INDSATS_DECIMAL_COMMA, FALSE, 0 },
    { "-1.234", INDSATS_DECIMAL_COMMA, TRUE, -1234 },
    { "−0,5", INDSATS_DECIMAL_COMMA, TRUE, -0.5 },
    { "1 234,5 %", INDSATS_DECIMAL_COMMA, TRUE, 1234.5 },
    { "42", INDSATS_DECIMAL_COMMA, TRUE, 42 },
    { "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
      "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
      "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
      "999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
      INDSATS_DECIMAL_POINT, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double v = 0;
      gboolean missing = TRUE;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (indsats_number_read (cases[i].text, cases[i].mark, &v, &missing), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_false (missing);
          g_assert_cmpfloat (v, ==, cases[i].value);
        }
    }
  {
    double v = 0;
    gboolean missing = FALSE;
    g_assert_true (indsats_number_read ("..", INDSATS_DECIMAL_COMMA, &v, &missing));
    g_assert_true (missing);
    g_assert_true (isnan (v));
  }
}

static void
test_names (void)
{
  IndsatsDecimal mark = INDSATS_DECIMAL_UNKNOWN;

  g_assert_true (indsats_decimal_from_string ("comma", &mark));
  g_assert_cmpint (mark, ==, INDSATS_DECIMAL_COMMA);
  g_assert_true (indsats_decimal_from_string ("Point", &mark));
  g_assert_cmpint (mark, ==, INDSATS_DECIMAL_POINT);
  g_assert_false (indsats_decimal_from_string ("semikolon", &mark));
  g_assert_cmpstr (indsats_decimal_to_string (INDSATS_DECIMAL_COMMA), ==, "comma");
}

/* Every number reads to the very double the C library reads it to: short
 * plain ones, long ones, with a comma, and signed */
static void
test_read_exact (void)
{
  static const char *fixed[] = { "0", "-0", "0.1", "0.3", "123456789012345", "1234567890123456",
                                 "0.000000000000000000001", "0.0000000000000000000001", "9007199254740993",
                                 "2.2250738585072014", "99999999999999.9", "-12.5", "17.10" };
  GRand *rand = g_rand_new_with_seed (12);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      gboolean missing = TRUE;
      double v = NAN;

      if (!indsats_number_read (fixed[i], INDSATS_DECIMAL_POINT, &v, &missing))
        g_error ("%s is not read", fixed[i]);
      g_assert_false (missing);
      g_assert_cmpmem (&v, sizeof v, &(double) { g_ascii_strtod (fixed[i], NULL) }, sizeof (double));
    }
  for (guint i = 0; i < 200000; i++)
    {
      guint n = g_rand_int_range (rand, 1, 18), at = g_rand_int_range (rand, 0, n + 1);
      char text[32], comma[32];
      gboolean missing;
      double v, w, expected;
      guint k = 0;

      if (g_rand_boolean (rand))
        text[k++] = '-';
      for (guint d = 0; d < n; d++)
        {
          if (d == at && d > 0)
            text[k++] = '.';
          text[k++] = '0' + g_rand_int_range (rand, 0, 10);
        }
      text[k] = '\0';
      g_strlcpy (comma, text, sizeof comma);
      g_strdelimit (comma, ".", ',');
      expected = g_ascii_strtod (text, NULL);
      g_assert_true (indsats_number_read (text, INDSATS_DECIMAL_POINT, &v, &missing));
      g_assert_true (indsats_number_read (comma, INDSATS_DECIMAL_COMMA, &w, &missing));
      if (memcmp (&v, &expected, sizeof v) != 0 || memcmp (&w, &expected, sizeof w) != 0)
        g_error ("%s reads as %.17g and %s as %.17g, not %.17g", text, v, comma, w, expected);
    }
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decimal/shapes", test_shapes);
  g_test_add_func ("/decimal/read", test_read);
  g_test_add_func ("/decimal/read-exact", test_read_exact);
  g_test_add_func ("/decimal/names", test_names);

  return g_test_run ();
}
