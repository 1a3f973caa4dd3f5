/* test-action-filter.c: which actions the list keeps for a search, a status filter and an owner (no display) */
#include <locale.h>
#include <string.h>

#include "indsats-action-filter.h"
#include "indsats-text.h"

static IndsatsAction *
action (const char    *text,
        const char    *owner,
        const char    *start,
        IndsatsStatus  status)
{
  IndsatsAction *a = indsats_action_new ();

  g_free (a->text);
  g_free (a->owner);
  g_free (a->start_date);
  a->text = g_strdup (text);
  a->owner = g_strdup (owner);
  a->start_date = g_strdup (start);
  a->status = status;
  return a;
}

/* How many of @actions the list keeps */
static guint
kept (GPtrArray           *actions,
      IndsatsActionFilter  filter,
      const char          *owner,
      const char          *typed)
{
  g_autofree char *search = typed ? indsats_text_fold (typed) : NULL;
  guint n = 0;

  for (guint i = 0; i < actions->len; i++)
    n += indsats_action_matches (g_ptr_array_index (actions, i), NULL, filter, owner, search, "2023-06-01");
  return n;
}

static GPtrArray *
plan (void)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_action_free);

  g_ptr_array_add (actions, action ("Virksomhedspraktik for ledige over 50", "Jobteamet", "2023-03-13", INDSATS_STATUS_STARTED));
  g_ptr_array_add (actions, action ("Opfølgning på SYGEDAGPENGE", "Sygedagpengeteam", "2023-05-11", INDSATS_STATUS_PLANNED));
  g_ptr_array_add (actions, action ("Åben rådgivning i Ishøj", "Jobteamet", "2023-09-01", INDSATS_STATUS_PLANNED));
  g_ptr_array_add (actions, action ("Kurser i dansk", "Ungeteamet", "2022-01-10", INDSATS_STATUS_DONE));
  g_ptr_array_add (actions, action ("Mentorordning", "Ungeteamet", "2022-02-01", INDSATS_STATUS_DROPPED));
  return actions;
}

/* Each status filter keeps its own status; Late keeps planned actions whose
 * day has passed, not those still to come */
static void
test_status_filters (void)
{
  g_autoptr(GPtrArray) actions = plan ();

  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, NULL, NULL), ==, 5);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_PLANNED, NULL, NULL), ==, 2);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_STARTED, NULL, NULL), ==, 1);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_DONE, NULL, NULL), ==, 1);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_DROPPED, NULL, NULL), ==, 1);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_LATE, NULL, NULL), ==, 1);
  g_assert_true (indsats_action_is_late (g_ptr_array_index (actions, 1), "2023-06-01"));
  g_assert_false (indsats_action_is_late (g_ptr_array_index (actions, 1), "2023-05-11"));
  g_assert_false (indsats_action_is_late (g_ptr_array_index (actions, 2), "2023-06-01"));
  g_assert_false (indsats_action_is_late (g_ptr_array_index (actions, 0), "2024-01-01"));
}

/* The owner filter keeps that owner's actions only, exactly as spelled */
static void
test_owner (void)
{
  g_autoptr(GPtrArray) actions = plan ();

  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, "Jobteamet", NULL), ==, 2);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, "Ungeteamet", NULL), ==, 2);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, "jobteamet", NULL), ==, 0);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_PLANNED, "Jobteamet", NULL), ==, 1);
}

/* The search looks in the text and the owner, whatever the case, and
 * together with the filters */
static void
test_search (void)
{
  g_autoptr(GPtrArray) actions = plan ();
  g_autoptr(IndsatsAction) decomposed = action ("A\xcc\x8a" "ben r\xc3\xa5" "dgivning", "", "2023-01-01",
                                                INDSATS_STATUS_PLANNED);
  g_autofree char *search = indsats_text_fold ("åben");

  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, NULL, ""), ==, 5);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, NULL, "sygedagpenge"), ==, 1);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, NULL, "ÅBEN"), ==, 1);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, NULL, "ungeteam"), ==, 2);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_DONE, NULL, "ungeteam"), ==, 1);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, "Jobteamet", "ishøj"), ==, 1);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, "Ungeteamet", "ishøj"), ==, 0);
  g_assert_cmpuint (kept (actions, INDSATS_ACTION_FILTER_ALL, NULL, "ingen sådan"), ==, 0);
  /* Å typed as A and a ring is found as the one character */
  g_assert_true (indsats_action_matches (decomposed, NULL, INDSATS_ACTION_FILTER_ALL, NULL, search, "2023-06-01"));
}

/* The text folded once and given is the one compared */
static void
test_folded_given (void)
{
  g_autoptr(IndsatsAction) a = action ("Kurser i dansk", "Ungeteamet", "2022-01-10", INDSATS_STATUS_DONE);
  g_autofree char *folded = indsats_action_fold (a);
  g_autofree char *search = indsats_text_fold ("Dansk");

  g_assert_nonnull (strstr (folded, "ungeteamet"));
  g_assert_true (indsats_action_matches (a, folded, INDSATS_ACTION_FILTER_ALL, NULL, search, "2023-06-01"));
  g_assert_false (indsats_action_matches (a, "noget andet", INDSATS_ACTION_FILTER_ALL, NULL, search, "2023-06-01"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/action-filter/status", test_status_filters);
  g_test_add_func ("/action-filter/owner", test_owner);
  g_test_add_func ("/action-filter/search", test_search);
  g_test_add_func ("/action-filter/folded-given", test_folded_given);

  return g_test_run ();
}
