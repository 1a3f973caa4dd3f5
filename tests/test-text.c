/* test-text.c: one spelling per name: NFC, and a search that sees what a reader sees */
#include <locale.h>
#include <string.h>

#include "indsats-text.h"

/* "Åbenrå" as one character each (NFC) and as letter + combining ring (NFD) */
#define NFC_NAME "\xc3\x85" "benr" "\xc3\xa5"
#define NFD_NAME "A\xcc\x8a" "benra\xcc\x8a"

static void
test_normalize (void)
{
  g_autofree char *a = indsats_text_normalize (NFD_NAME);
  g_autofree char *b = indsats_text_normalize (NFC_NAME);
  g_autofree char *plain = indsats_text_normalize ("Job-team");
  g_autofree char *broken = indsats_text_normalize ("\xff");

  g_assert_cmpstr (a, ==, NFC_NAME);
  g_assert_cmpstr (b, ==, NFC_NAME);
  g_assert_cmpstr (plain, ==, "Job-team");
  g_assert_cmpstr (broken, ==, "\xff");
  g_assert_null (indsats_text_normalize (NULL));
  g_assert_true (indsats_text_is_normal (NFC_NAME));
  g_assert_false (indsats_text_is_normal (NFD_NAME));
  g_assert_true (indsats_text_equal (NFC_NAME, NFD_NAME));
  g_assert_false (indsats_text_equal (NFC_NAME, "Abenra"));
}

static void
test_fold (void)
{
  g_autofree char *kaare_nfd = indsats_text_fold ("KA\xcc\x8aRE");
  g_autofree char *kaare_nfc = indsats_text_fold ("k\xc3\xa5re");
  g_autofree char *hidden = indsats_text_fold ("K\xc3\xa5" "\xe2\x80\x8b" "re");   /* a zero-width space inside */
  g_autofree char *shy = indsats_text_fold ("Sygedagpenge\xc2\xad" "team");         /* a soft hyphen */
  g_autofree char *ascii = indsats_text_fold ("Job-TEAM 17: Opf\x42lgning");
  g_autofree char *mixed = indsats_text_fold ("Job-TEAM 17: Opf\xc3\x98lgning");

  /* plain ASCII and text with a Danish letter fold the same way */
  g_assert_cmpstr (ascii, ==, "job-team 17: opfblgning");
  g_assert_cmpstr (mixed, ==, "job-team 17: opf\xc3\xb8lgning");
  g_assert_cmpstr (kaare_nfd, ==, kaare_nfc);
  g_assert_cmpstr (hidden, ==, kaare_nfc);
  g_assert_cmpstr (shy, ==, "sygedagpengeteam");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/normalize", test_normalize);
  g_test_add_func ("/text/fold", test_fold);

  return g_test_run ();
}
