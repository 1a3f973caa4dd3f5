/* test-period.c: periods as Jobindsats writes them and as Danes read them */
#include <locale.h>
#include "indsats-error.h"
#include "indsats-period.h"

#include <string.h>

static void
check_canonical (const char *text,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = indsats_period_canonicalize (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (canonical, ==, expected);
}

static void
test_parse_jobindsats_forms (void)
{
  check_canonical ("2023M08", "2023M08");
  check_canonical ("2023m8", "2023M08");
  check_canonical ("2023K2", "2023Q2");
  check_canonical ("2023Q2", "2023Q2");
  check_canonical ("2023Q02", "2023Q2");
  check_canonical ("2023QMAT02", "2023QMAT02");
  check_canonical ("2023Y01", "2023");
  check_canonical ("2023", "2023");
  check_canonical ("2023H1", "2023H1");
  check_canonical (" 2023M12 ", "2023M12");
}

static void
test_parse_danish_words (void)
{
  check_canonical ("aug. 2023", "2023M08");
  check_canonical ("august 2023", "2023M08");
  check_canonical ("Maj 2023", "2023M05");
  check_canonical ("2. kvt. 2023", "2023Q2");
  check_canonical ("2. kvartal 2023", "2023Q2");
  check_canonical ("1. halvår 2023", "2023H1");
  check_canonical ("år til 2. kvt. 2023", "2023QMAT02");
}

static void
test_parse_rejects (void)
{
  const char *bad[] = { "2023M13", "2023M00", "2023K5", "2023Q0", "2023H3", "2023Y02",
                        "23M08", "", "aug 23", "augustus 2023", "5. kvt. 2023",
                        "2023QMAT05", "abc", "2023M8x", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      IndsatsPeriod p;

      g_assert_false (indsats_period_parse (bad[i], &p, &error));
      g_assert_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, bad[i]));
    }
}

static void
test_labels (void)
{
  const struct { const char *in; const char *label; } cases[] = {
    { "2023M01", "jan. 2023" }, { "2023M05", "maj 2023" }, { "2023M08", "aug. 2023" },
    { "2023Q2", "2. kvt. 2023" }, { "2023H1", "1. halvår 2023" }, { "2023", "2023" },
    { "2023QMAT02", "år til 2. kvt. 2023" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      IndsatsPeriod p;
      g_autofree char *label = NULL;

      g_assert_true (indsats_period_parse (cases[i].in, &p, NULL));
      label = indsats_period_to_label (&p);
      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static void
test_order_and_ordinals (void)
{
  IndsatsPeriod a, b, c, next;
  g_autofree char *s = NULL;

  g_assert_true (indsats_period_parse ("2022M12", &a, NULL));
  g_assert_true (indsats_period_parse ("2023M01", &b, NULL));
  g_assert_true (indsats_period_parse ("2022Q4", &c, NULL));
  g_assert_cmpint (indsats_period_compare (&a, &b), <, 0);
  g_assert_cmpint (indsats_period_compare (&b, &a), >, 0);
  /* a month sorts before the quarter that ends with it */
  g_assert_cmpint (indsats_period_compare (&a, &c), <, 0);
  g_assert_cmpint (indsats_period_ordinal (&b) - indsats_period_ordinal (&a), ==, 1);

  next = indsats_period_from_ordinal (INDSATS_PERIOD_QUARTER, indsats_period_ordinal (&c) + 1);
  s = indsats_period_to_string (&next);
  g_assert_cmpstr (s, ==, "2023Q1");
}

/* The window says a period in its own language; the workbook's catalog in Danish */
static void
test_words (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsCatalog) danish = indsats_catalog_new ("da", &error);
  const struct { const char *canonical, *english, *dansk; } cases[] = {
    { "2023M05", "May 2023", "maj 2023" },
    { "2023M08", "Aug 2023", "aug. 2023" },
    { "2023Q2", "Q2 2023", "2. kvt. 2023" },
    { "2023H1", "H1 2023", "1. halvår 2023" },
    { "2023", "2023", "2023" },
    { "2023QMAT02", "year to Q2 2023", "år til 2. kvt. 2023" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      IndsatsPeriod p;
      g_autofree char *english = NULL;
      g_autofree char *dansk = NULL;
      g_autofree char *label = NULL;

      g_assert_true (indsats_period_parse (cases[i].canonical, &p, NULL));
      /* the tests' messages are English (LANGUAGE=en), as under C */
      english = indsats_period_to_words (&p, NULL);
      dansk = indsats_period_to_words (&p, danish);
      label = indsats_period_to_label (&p);
      g_assert_cmpstr (english, ==, cases[i].english);
      g_assert_cmpstr (dansk, ==, cases[i].dansk);
      /* the Danish words are the Danish label */
      g_assert_cmpstr (dansk, ==, label);
    }
}

int
main (int    argc,
      char **argv)
{
  /* The process locale comes from the environment, as in the program: the
   * suite runs these tests under C and under da_DK.UTF-8 */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/parse/jobindsats", test_parse_jobindsats_forms);
  g_test_add_func ("/period/parse/danish", test_parse_danish_words);
  g_test_add_func ("/period/parse/rejects", test_parse_rejects);
  g_test_add_func ("/period/labels", test_labels);
  g_test_add_func ("/period/words", test_words);
  g_test_add_func ("/period/order", test_order_and_ordinals);

  return g_test_run ();
}
