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

/* One filling-in of the form's three dates, and what the form says of it */
typedef struct
{
  const char *what;
  const char *start, *end, *started_on;
  gboolean    touched;
  gboolean    valid;
  const char *wrong;          /* the fields marked wrong, as wrong_fields() names them */
  IndsatsFormField at;        /* the field whose message is checked */
  const char *english, *dansk; /* its message; NULL for none */
  const char *stored;         /* the date at @at as read; NULL when none or not a date */
} DateCase;

static const DateCase date_cases[] = {
  { "no 31 February: said at the start date, and nothing else is wrong",
    "31.02.2023", "", NULL, TRUE, FALSE, "start", INDSATS_FORM_START,
    "This is not a date: write it as dd.mm.åååå", "Det er ikke en dato: skriv den som dd.mm.åååå", NULL },
  { "the day it takes effect is always asked for, even before the first change",
    " ", "", NULL, FALSE, FALSE, "start", INDSATS_FORM_START,
    "Give the date the action takes effect", "Angiv datoen, hvor indsatsen træder i kraft", NULL },
  { "an evaluation before the action takes effect is said at the evaluation date",
    "13.03.2023", "1.3.2023", NULL, TRUE, FALSE, "end", INDSATS_FORM_END,
    "The evaluation date is before the action takes effect",
    "Evalueringsdatoen ligger før den dag, indsatsen træder i kraft", "2023-03-01" },
  { "an evaluation the same day is fine, and ISO dates are taken too",
    "13.03.2023", "2023-03-13", NULL, TRUE, TRUE, "", INDSATS_FORM_END, NULL, NULL, "2023-03-13" },
  { "not asked (the action has not started): no day it started",
    "13.03.2023", "", NULL, TRUE, TRUE, "", INDSATS_FORM_STARTED_ON, NULL, NULL, NULL },
  { "a day it started that has not come",
    "13.03.2023", "", "02.06.2023", TRUE, FALSE, "started", INDSATS_FORM_STARTED_ON,
    "This day has not come yet: give the day the action took effect",
    "Den dag er ikke kommet endnu: angiv dagen, hvor indsatsen trådte i kraft", NULL },
  { "a day it started that is no date",
    "13.03.2023", "", "13.13.2023", TRUE, FALSE, "started", INDSATS_FORM_STARTED_ON,
    "This is not a date: write it as dd.mm.åååå", "Det er ikke en dato: skriv den som dd.mm.åååå", NULL },
  { "it started today",
    "13.03.2023", "", "01.06.2023", TRUE, TRUE, "", INDSATS_FORM_STARTED_ON, NULL, NULL, "2023-06-01" },
  { "it started, on no day given",
    "13.03.2023", "", "", TRUE, TRUE, "", INDSATS_FORM_STARTED_ON, NULL, NULL, NULL },
};

static const char *
stored_date (const IndsatsActionFormCheck *check,
             IndsatsFormField              field)
{
  switch (field)
    {
    case INDSATS_FORM_START:
      return check->start;
    case INDSATS_FORM_END:
      return check->end;
    case INDSATS_FORM_STARTED_ON:
      return check->started_on;
    default:
      g_assert_not_reached ();
    }
}

static void
test_dates (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      IndsatsActionFormInput input = filled ();
      g_autoptr(IndsatsActionFormCheck) check = NULL;
      g_autofree char *wrong = NULL;

      g_test_message ("%s", c->what);
      input.start = c->start;
      input.end = c->end;
      input.started_on = c->started_on;
      input.touched = c->touched;
      check = indsats_action_form_check (&input);
      wrong = wrong_fields (check);
      g_assert_cmpint (check->valid, ==, c->valid);
      g_assert_cmpstr (wrong, ==, c->wrong);
      g_assert_cmpstr (check->message[c->at], ==, c->english ? said (c->english, c->dansk) : NULL);
      g_assert_cmpstr (stored_date (check, c->at), ==, c->stored);
    }
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
  g_test_add_func ("/action-form/control-characters", test_control_characters);
  g_test_add_func ("/action-form/field-names", test_field_names);
  return g_test_run ();
}
