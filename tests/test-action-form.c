/* test-action-form.c: what the action's form says is wrong, at which field (no display) */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "indsats-action-form.h"

/* Under the Danish locale the form speaks Danish; under C, English */
static gboolean danish;

static const char *
said (const char *english,
      const char *dansk)
{
  return danish ? dansk : english;
}

/* A form as a person fills it in for an action that has not started */
static IndsatsActionFormInput
filled (void)
{
  IndsatsActionFormInput input = {
    .text = "Ugentlig opfølgning på sygedagpengesager",
    .team = "Sygedagpengeteam",
    .focus = "Fokus på tidlig indsats",
    .owner = "Teamleder",
    .start = "13.03.2023",
    .started_on = NULL,
    .end = "",
    .note = "",
    .today = "2023-06-01",
    .touched = TRUE,
  };
  return input;
}

/* The fields marked wrong, by name, in order: "start end" */
static char *
wrong_fields (const IndsatsActionFormCheck *check)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (IndsatsFormField f = 0; f < INDSATS_FORM_N_FIELDS; f++)
    if (check->wrong[f])
      g_string_append_printf (names, "%s%s", names->len ? " " : "", indsats_form_field_to_string (f));
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
test_filled_in (void)
{
  IndsatsActionFormInput input = filled ();
  g_autoptr(IndsatsActionFormCheck) check = indsats_action_form_check (&input);
  g_autofree char *wrong = wrong_fields (check);

  g_assert_true (check->valid);
  g_assert_cmpstr (wrong, ==, "");
  /* the dates as the store takes them */
  g_assert_cmpstr (check->start, ==, "2023-03-13");
  g_assert_null (check->end);
  g_assert_null (check->started_on);
  for (IndsatsFormField f = 0; f < INDSATS_FORM_N_FIELDS; f++)
    g_assert_null (check->message[f]);
}

static void
test_blank_fields (void)
{
  IndsatsActionFormInput input = filled ();
  g_autoptr(IndsatsActionFormCheck) untouched = NULL;
  g_autoptr(IndsatsActionFormCheck) touched = NULL;
  g_autofree char *wrong = NULL;

  /* a new form: nothing is called wrong before the first change, but it cannot be saved */
  input.text = "";
  input.team = "  ";
  input.focus = "";
  input.owner = "\t";
  input.touched = FALSE;
  untouched = indsats_action_form_check (&input);
  g_assert_false (untouched->valid);
  wrong = wrong_fields (untouched);
  g_assert_cmpstr (wrong, ==, "");
  g_clear_pointer (&wrong, g_free);

  /* once touched, each blank field says what it wants */
  input.touched = TRUE;
  touched = indsats_action_form_check (&input);
  g_assert_false (touched->valid);
  wrong = wrong_fields (touched);
  g_assert_cmpstr (wrong, ==, "text team focus owner");
  g_assert_cmpstr (touched->message[INDSATS_FORM_TEXT], ==, said ("Describe the action", "Beskriv indsatsen"));
  g_assert_cmpstr (touched->message[INDSATS_FORM_TEAM], ==,
                   said ("Name the team that carries the action out", "Angiv det team, der effektuerer indsatsen"));
  g_assert_cmpstr (touched->message[INDSATS_FORM_FOCUS], ==,
                   said ("Name the focus area the action belongs to", "Angiv det fokusområde, indsatsen hører under"));
  g_assert_cmpstr (touched->message[INDSATS_FORM_OWNER], ==,
                   said ("Say who carries the action out", "Angiv, hvem der effektuerer indsatsen"));
  /* the note may be blank */
  g_assert_null (touched->message[INDSATS_FORM_NOTE]);
}

static void
test_dates (void)
{
  IndsatsActionFormInput input = filled ();
  g_autoptr(IndsatsActionFormCheck) impossible = NULL;
  g_autoptr(IndsatsActionFormCheck) blank = NULL;
  g_autoptr(IndsatsActionFormCheck) before = NULL;
  g_autoptr(IndsatsActionFormCheck) after = NULL;
  g_autofree char *wrong = NULL;
  const char *not_a_date = said ("This is not a date: write it as dd.mm.åååå",
                                 "Det er ikke en dato: skriv den som dd.mm.åååå");

  /* no 31 February: said at the start date, and nothing else is wrong */
  input.start = "31.02.2023";
  impossible = indsats_action_form_check (&input);
  g_assert_false (impossible->valid);
  wrong = wrong_fields (impossible);
  g_assert_cmpstr (wrong, ==, "start");
  g_assert_cmpstr (impossible->message[INDSATS_FORM_START], ==, not_a_date);
  g_assert_null (impossible->start);

  /* the day it takes effect is always asked for, even before the first change */
  input.start = " ";
  input.touched = FALSE;
  blank = indsats_action_form_check (&input);
  g_assert_false (blank->valid);
  g_assert_cmpstr (blank->message[INDSATS_FORM_START], ==,
                   said ("Give the date the action takes effect", "Angiv datoen, hvor indsatsen træder i kraft"));

  /* an evaluation before the action takes effect is said at the evaluation date */
  input.start = "13.03.2023";
  input.end = "1.3.2023";
  input.touched = TRUE;
  before = indsats_action_form_check (&input);
  g_assert_false (before->valid);
  g_assert_false (before->wrong[INDSATS_FORM_START]);
  g_assert_cmpstr (before->message[INDSATS_FORM_END], ==,
                   said ("The evaluation date is before the action takes effect",
                         "Evalueringsdatoen ligger før den dag, indsatsen træder i kraft"));

  /* the same day is fine, and ISO dates are taken too */
  input.end = "2023-03-13";
  after = indsats_action_form_check (&input);
  g_assert_true (after->valid);
  g_assert_cmpstr (after->end, ==, "2023-03-13");
}

static void
test_started_on (void)
{
  IndsatsActionFormInput input = filled ();
  g_autoptr(IndsatsActionFormCheck) ignored = NULL;
  g_autoptr(IndsatsActionFormCheck) future = NULL;
  g_autoptr(IndsatsActionFormCheck) bad = NULL;
  g_autoptr(IndsatsActionFormCheck) today = NULL;
  g_autoptr(IndsatsActionFormCheck) blank = NULL;

  /* not asked (the action has not started): whatever it held does not count */
  input.started_on = NULL;
  ignored = indsats_action_form_check (&input);
  g_assert_true (ignored->valid);
  g_assert_null (ignored->started_on);

  /* a day that has not come */
  input.started_on = "02.06.2023";
  future = indsats_action_form_check (&input);
  g_assert_false (future->valid);
  g_assert_true (future->wrong[INDSATS_FORM_STARTED_ON]);
  g_assert_cmpstr (future->message[INDSATS_FORM_STARTED_ON], ==,
                   said ("This day has not come yet: give the day the action took effect",
                         "Den dag er ikke kommet endnu: angiv dagen, hvor indsatsen trådte i kraft"));
  g_assert_null (future->started_on);

  input.started_on = "13.13.2023";
  bad = indsats_action_form_check (&input);
  g_assert_false (bad->valid);
  g_assert_nonnull (bad->message[INDSATS_FORM_STARTED_ON]);

  /* today is fine, and so is no day at all */
  input.started_on = "01.06.2023";
  today = indsats_action_form_check (&input);
  g_assert_true (today->valid);
  g_assert_cmpstr (today->started_on, ==, "2023-06-01");
  input.started_on = "";
  blank = indsats_action_form_check (&input);
  g_assert_true (blank->valid);
  g_assert_null (blank->started_on);
}

static void
test_control_characters (void)
{
  IndsatsActionFormInput input = filled ();
  g_autoptr(IndsatsActionFormCheck) owner = NULL;
  g_autoptr(IndsatsActionFormCheck) text = NULL;
  g_autoptr(IndsatsActionFormCheck) lines = NULL;
  g_autoptr(IndsatsActionFormCheck) note = NULL;
  g_autofree char *wrong = NULL;
  const char *at_owner = said ("This holds a control character (U+0001) at character 5; remove it",
                               "Her står et styretegn (U+0001) ved tegn 5; fjern det");

  /* named with its code and place, at its field only */
  input.owner = "Team\001leder";
  owner = indsats_action_form_check (&input);
  g_assert_false (owner->valid);
  wrong = wrong_fields (owner);
  g_assert_cmpstr (wrong, ==, "owner");
  g_assert_cmpstr (owner->message[INDSATS_FORM_OWNER], ==, at_owner);

  /* the text may hold line breaks, not other control characters */
  input.owner = "Teamleder";
  input.text = "Ugentlig\nopfølgning\033";
  text = indsats_action_form_check (&input);
  g_assert_false (text->valid);
  g_assert_nonnull (g_strstr_len (text->message[INDSATS_FORM_TEXT], -1, "U+001B"));
  input.text = "Ugentlig\nopfølgning";
  lines = indsats_action_form_check (&input);
  g_assert_true (lines->valid);

  /* a one-line field may not hold a line break */
  input.note = "første linje\nanden linje";
  note = indsats_action_form_check (&input);
  g_assert_false (note->valid);
  g_assert_true (note->wrong[INDSATS_FORM_NOTE]);
}

static void
test_field_names (void)
{
  IndsatsFormField field;

  for (IndsatsFormField f = 0; f < INDSATS_FORM_N_FIELDS; f++)
    {
      g_assert_true (indsats_form_field_from_string (indsats_form_field_to_string (f), &field));
      g_assert_cmpint (field, ==, f);
    }
  g_assert_false (indsats_form_field_from_string ("colour", &field));
}

int
main (int    argc,
      char **argv)
{
  const char *locale = setlocale (LC_ALL, "");

  /* messages in Danish under the Danish locale, as on the users' desktops */
  danish = locale != NULL && g_str_has_prefix (locale, "da_");
  if (danish)
    g_setenv ("LANGUAGE", "da", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("INDSATS_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/action-form/filled-in", test_filled_in);
  g_test_add_func ("/action-form/blank-fields", test_blank_fields);
  g_test_add_func ("/action-form/dates", test_dates);
  g_test_add_func ("/action-form/started-on", test_started_on);
  g_test_add_func ("/action-form/control-characters", test_control_characters);
  g_test_add_func ("/action-form/field-names", test_field_names);
  return g_test_run ();
}
