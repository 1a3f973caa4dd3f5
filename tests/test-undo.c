/* test-undo.c: undo and redo of a chain of changes, checked in the database */
#include <locale.h>
#include <glib/gstdio.h>

#include "indsats-demo.h"
#include "indsats-undo.h"
#include "test-util.h"

/* The plan as text: every action's place and values */
static char *
snapshot (IndsatsStore *store,
          gint64        plan_id)
{
  g_autoptr(GPtrArray) actions = indsats_store_list_actions (store, plan_id, NULL);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);
      g_string_append_printf (out, "%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|%s|%s\n", a->id, a->team, a->focus, a->text,
                              a->owner, a->start_date, indsats_status_to_string (a->status), a->note,
                              a->started_on ? a->started_on : "");
    }
  return g_string_free (out, FALSE);
}

static void
test_chain_of_five (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("indsats-undo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "undo.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(IndsatsUndoStack) stack = indsats_undo_stack_new (store);
  g_autoptr(IndsatsAction) edit = NULL;
  g_autofree char *original = NULL;
  g_autofree char *final = NULL;
  g_autofree char *now = NULL;
  IndsatsAction added = { 0 };
  gint64 plan_id, id;

  plan_id = indsats_demo_write (store, NULL, &error);
  g_assert_no_error (error);
  original = snapshot (store, plan_id);
  g_assert_false (indsats_undo_stack_can_undo (stack));

  /* 1 add, 2 edit, 3 move, 4 delete, 5 edit */
  added.team = (char *) "Job-team";
  added.focus = (char *) "Fokus på et aktivt tilbud";
  added.owner = (char *) "Alle SB";
  added.text = (char *) "Ugentlig opfølgning";
  added.start_date = (char *) "2023-04-03";
  id = indsats_undo_stack_add (stack, plan_id, &added, &error);
  g_assert_cmpint (id, >, 0);
  edit = indsats_store_get_action (store, 3, &error);
  edit->status = INDSATS_STATUS_DONE;
  g_assert_true (indsats_undo_stack_edit (stack, edit, INDSATS_ACTION_FIELD_ALL, &error));
  g_assert_true (indsats_undo_stack_move (stack, 3, -1, &error));
  g_assert_true (indsats_undo_stack_delete (stack, 10, &error));
  g_free (edit->start_date);
  edit->start_date = g_strdup ("2023-03-15");
  g_assert_true (indsats_undo_stack_edit (stack, edit, INDSATS_ACTION_FIELD_ALL, &error));
  g_assert_no_error (error);
  final = snapshot (store, plan_id);
  g_assert_cmpstr (final, !=, original);

  for (int i = 0; i < 5; i++)
    g_assert_true (indsats_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  g_assert_false (indsats_undo_stack_can_undo (stack));
  now = snapshot (store, plan_id);
  g_assert_cmpstr (now, ==, original);
  g_clear_pointer (&now, g_free);

  for (int i = 0; i < 5; i++)
    g_assert_true (indsats_undo_stack_redo (stack, &error));
  g_assert_no_error (error);
  g_assert_false (indsats_undo_stack_can_redo (stack));
  now = snapshot (store, plan_id);
  g_assert_cmpstr (now, ==, final);

  /* a new change after an undo drops what could be redone */
  g_assert_true (indsats_undo_stack_undo (stack, &error));
  g_assert_true (indsats_undo_stack_can_redo (stack));
  g_assert_true (indsats_undo_stack_move (stack, 1, 1, &error));
  g_assert_false (indsats_undo_stack_can_redo (stack));

  g_clear_object (&stack);
  g_clear_object (&store);
  indsats_test_remove_dir (dir);
}

static char *
started_on (IndsatsStore *store,
            gint64        id)
{
  g_autoptr(IndsatsAction) a = indsats_store_get_action (store, id, NULL);

  g_assert_nonnull (a);
  return g_strdup_printf ("%s|%s", indsats_status_to_string (a->status), a->started_on ? a->started_on : "none");
}

/* Marking an action as started sets the day it started; undo takes both back */
static void
test_started_on (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("indsats-undo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "undo.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(IndsatsUndoStack) stack = indsats_undo_stack_new (store);
  g_autoptr(IndsatsAction) edit = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "started|%Y-%m-%d");
  g_autofree char *state = NULL;

  indsats_demo_write (store, NULL, &error);
  g_assert_no_error (error);
  edit = indsats_store_get_action (store, 7, &error);
  g_assert_no_error (error);
  edit->status = INDSATS_STATUS_STARTED;
  g_assert_true (indsats_undo_stack_edit (stack, edit, INDSATS_ACTION_FIELD_STATUS, &error));
  g_assert_no_error (error);
  state = started_on (store, 7);
  g_assert_cmpstr (state, ==, today);
  g_clear_pointer (&state, g_free);

  /* the day typed in the form, then undone back to today, and redone */
  g_free (edit->started_on);
  edit->started_on = g_strdup ("2023-03-13");
  g_assert_true (indsats_undo_stack_edit (stack, edit, INDSATS_ACTION_FIELD_STARTED_ON, &error));
  state = started_on (store, 7);
  g_assert_cmpstr (state, ==, "started|2023-03-13");
  g_clear_pointer (&state, g_free);
  g_assert_true (indsats_undo_stack_undo (stack, &error));
  state = started_on (store, 7);
  g_assert_cmpstr (state, ==, today);
  g_clear_pointer (&state, g_free);

  g_assert_true (indsats_undo_stack_undo (stack, &error));
  g_assert_no_error (error);
  state = started_on (store, 7);
  g_assert_cmpstr (state, ==, "planned|none");
  g_clear_pointer (&state, g_free);

  g_assert_true (indsats_undo_stack_redo (stack, &error));
  state = started_on (store, 7);
  g_assert_cmpstr (state, ==, today);
  g_clear_pointer (&state, g_free);
  g_assert_true (indsats_undo_stack_redo (stack, &error));
  g_assert_no_error (error);
  state = started_on (store, 7);
  g_assert_cmpstr (state, ==, "started|2023-03-13");

  g_clear_object (&stack);
  g_clear_object (&store);
  indsats_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* The process locale comes from the environment, as in the program: the
   * suite runs these tests under C and under da_DK.UTF-8 */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/undo/chain-of-five", test_chain_of_five);
  g_test_add_func ("/undo/started-on", test_started_on);
  return g_test_run ();
}
