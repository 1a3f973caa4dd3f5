/* test-ui-big-plan.c: a plan of 5,000 actions in the real window (run under Xvfb)
 *
 * Every action of a long plan can be found and seen: rows on screen at once
 * and after a while, a search for one action's own words shows exactly that
 * action, a search with many hits shows them and says how many, and only a
 * search with no hits shows the empty state. What is on screen is read from
 * the row widgets that are drawn in the visible part of the list.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "indsats-application.h"
#include "indsats-plan-item.h"
#include "indsats-plan-view.h"
#include "indsats-window.h"
#include "test-util.h"

#define N_ACTIONS 5000
#define UNIQUE_TEXT "Særlig indsats for unge ordblinde i jobafklaring"

static char *dir;

typedef struct
{
  char          *path;
  IndsatsStore  *store;
  IndsatsWindow *window;
  IndsatsPlanView *view;
  gint64         unique_id;
} Fixture;

/* Lets the window run for @ms milliseconds: frames are drawn, timeouts fire */
static void
run_for (int ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

typedef gboolean (*Condition) (Fixture *f);

/* Runs the window until @condition holds (a loaded machine is slow), at most 20 s */
static gboolean
run_until (Fixture   *f,
           Condition  condition)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (f) && g_get_monotonic_time () < end)
    run_for (20);
  /* and a few more frames, so what holds is also drawn */
  run_for (100);
  return condition (f);
}

static guint
n_on_screen (Fixture *f)
{
  g_autoptr(GPtrArray) rows = indsats_plan_view_get_rows_on_screen (f->view);
  return rows->len;
}

static gboolean
rows_on_screen (Fixture *f)
{
  return !indsats_plan_view_is_filtering (f->view) && n_on_screen (f) >= 5;
}

static gboolean
empty_state_shown (Fixture *f)
{
  return !indsats_plan_view_is_filtering (f->view) && indsats_plan_view_shows_empty_state (f->view);
}

static const char *wanted_text;

static gboolean
unique_action_shown (Fixture *f)
{
  g_autoptr(GPtrArray) rows = indsats_plan_view_get_rows_on_screen (f->view);

  for (guint i = 0; i < rows->len; i++)
    {
      const IndsatsAction *a = indsats_plan_item_get_action (g_ptr_array_index (rows, i));
      if (a && g_strcmp0 (a->text, wanted_text) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The actions the view's own model holds, and the rows drawn on screen */
static guint
n_actions_in_model (Fixture *f)
{
  GListModel *items = indsats_window_get_items (f->window);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(IndsatsPlanItem) item = g_list_model_get_item (items, i);
      n += indsats_plan_item_get_action (item) != NULL;
    }
  return n;
}

static void
type_search (Fixture    *f,
             const char *text)
{
  GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (f->view), INDSATS_TYPE_PLAN_VIEW,
                                                                    "search_entry"));

  /* as a person would: Ctrl+F, then the text, which the entry passes on once typing stops */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  gtk_editable_set_text (entry, text);
}

/* 4 teams, 20 focus areas, 5 owners; one action with words of its own */
static void
write_plan (Fixture *f)
{
  const char *owners[] = { "Alle SB", "Fagkoordinator", "Teamleder", "Udbyderen Schultz", "Kontrolteamet" };
  g_autoptr(IndsatsPlan) plan = indsats_plan_new ();
  g_autoptr(GError) error = NULL;
  gint64 plan_id;

  plan->title = g_strdup ("Stor plan");
  plan->jobcentre = g_strdup ("Test Jobcenter");
  plan->dated = g_strdup ("2023-03-07");
  plan_id = indsats_store_add_plan (f->store, plan, &error);
  g_assert_no_error (error);
  g_assert_true (indsats_store_begin (f->store, &error));
  for (int i = 0; i < N_ACTIONS + 1; i++)
    {
      g_autofree char *team = g_strdup_printf ("Team %d", i % 4 + 1);
      g_autofree char *focus = g_strdup_printf ("Fokusområde %d", i % 20 + 1);
      g_autofree char *text = g_strdup_printf ("Indsats %d: ugentlig opfølgning %d på sagerne med fokus på samtaler og tilbud",
                                               i + 1, i % 97);
      g_autofree char *start = g_strdup_printf ("2023-%02d-%02d", i % 12 + 1, i % 28 + 1);
      IndsatsAction a = { 0 };

      a.team = team;
      a.focus = focus;
      /* the unique one comes last, deep down the list */
      a.text = i == N_ACTIONS ? (char *) UNIQUE_TEXT : text;
      a.owner = (char *) owners[i % G_N_ELEMENTS (owners)];
      a.start_date = start;
      a.status = i % 4;
      g_assert_cmpint (indsats_store_add_action (f->store, plan_id, &a, &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (indsats_store_commit (f->store, &error));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static int n;

  f->path = g_strdup_printf ("%s/big-%d.db", dir, ++n);
  f->store = indsats_store_open (f->path, &error);
  g_assert_no_error (error);
  write_plan (f);
  f->window = indsats_window_new (NULL, f->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  f->view = indsats_window_get_plan_view (f->window);
  {
    GPtrArray *actions = indsats_plan_view_get_actions (f->view);

    for (guint i = 0; i < actions->len; i++)
      if (g_str_equal (((IndsatsAction *) g_ptr_array_index (actions, i))->text, UNIQUE_TEXT))
        f->unique_id = ((IndsatsAction *) g_ptr_array_index (actions, i))->id;
    g_assert_cmpint (f->unique_id, >, 0);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->store);
  g_free (f->path);
}

static void
test_all_rows_shown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  GtkGridView *list = GTK_GRID_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->view), INDSATS_TYPE_PLAN_VIEW,
                                                                    "action_list"));
  guint n_items = g_list_model_get_n_items (indsats_plan_view_get_items (f->view));

  /* the first frame builds only the rows of the first screen, the next one
   * the rest: then the list has every row */
  g_assert_true (indsats_plan_view_get_rows_waiting (f->view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (list))), <, 40);
  g_assert_true (run_until (f, rows_on_screen));
  g_assert_false (indsats_plan_view_get_rows_waiting (f->view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (list))), ==, n_items);
  g_assert_cmpuint (n_items, ==, N_ACTIONS + 1 + 4 * (1 + 5));
  g_assert_false (indsats_plan_view_shows_empty_state (f->view));
  g_assert_cmpuint (n_actions_in_model (f), ==, N_ACTIONS + 1);
  g_assert_cmpuint (indsats_plan_view_get_n_actions_shown (f->view), ==, N_ACTIONS + 1);
  g_assert_cmpstr (indsats_plan_view_get_count_text (f->view), ==, "5.001 actions");

  /* the top of the plan: its first team and focus area, then their actions */
  rows = indsats_plan_view_get_rows_on_screen (f->view);
  g_assert_cmpstr (indsats_plan_item_get_name (g_ptr_array_index (rows, 0)), ==, "Team 1");
  g_assert_cmpstr (indsats_plan_item_get_name (g_ptr_array_index (rows, 1)), ==, "Fokusområde 1");
  g_assert_nonnull (indsats_plan_item_get_action (g_ptr_array_index (rows, 2)));
  g_assert_true (g_str_has_prefix (indsats_plan_item_get_action (g_ptr_array_index (rows, 2))->text, "Indsats 1:"));

  /* the screen is full: the rows on it reach the bottom of the list */
  {
    float lowest = 0;
    graphene_rect_t bounds;

    for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (list)); cell; cell = gtk_widget_get_next_sibling (cell))
      if (gtk_widget_get_child_visible (cell) && gtk_widget_compute_bounds (cell, GTK_WIDGET (list), &bounds) &&
          bounds.origin.y < gtk_widget_get_height (GTK_WIDGET (list)))
        lowest = MAX (lowest, bounds.origin.y + bounds.size.height);
    g_assert_cmpfloat (lowest, >=, gtk_widget_get_height (GTK_WIDGET (list)));
  }

  /* and it stays so */
  run_for (1000);
  g_assert_cmpuint (n_on_screen (f), >=, 5);
  g_assert_false (indsats_plan_view_shows_empty_state (f->view));
}

static void
test_search_one (Fixture       *f,
                 gconstpointer  data)
{
  GListModel *items = indsats_window_get_items (f->window);
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (run_until (f, rows_on_screen));
  /* part of the words, in other case */
  type_search (f, "UNGE ORDBLINDE");
  wanted_text = UNIQUE_TEXT;
  g_assert_true (run_until (f, unique_action_shown));

  /* the model: its team, its focus area and the action, nothing else */
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_cmpuint (n_actions_in_model (f), ==, 1);
  g_assert_cmpstr (indsats_plan_view_get_count_text (f->view), ==, "1 of 5.001 actions");
  g_assert_false (indsats_plan_view_shows_empty_state (f->view));

  /* the screen: the same three rows */
  rows = indsats_plan_view_get_rows_on_screen (f->view);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (indsats_plan_item_get_name (g_ptr_array_index (rows, 0)), ==, "Team 1");
  g_assert_cmpstr (indsats_plan_item_get_name (g_ptr_array_index (rows, 1)), ==, "Fokusområde 1");
  g_assert_cmpint (indsats_plan_item_get_action (g_ptr_array_index (rows, 2))->id, ==, f->unique_id);
}

static gboolean
many_shown (Fixture *f)
{
  return rows_on_screen (f) && indsats_plan_view_get_n_actions_shown (f->view) == N_ACTIONS / 5;
}

static void
test_search_many_then_none (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (run_until (f, rows_on_screen));
  /* an owner: one action in five */
  type_search (f, "fagkoordinator");
  g_assert_true (run_until (f, many_shown));
  g_assert_cmpuint (n_actions_in_model (f), ==, N_ACTIONS / 5);
  g_assert_cmpstr (indsats_plan_view_get_count_text (f->view), ==, "1.000 of 5.001 actions");
  rows = indsats_plan_view_get_rows_on_screen (f->view);
  for (guint i = 0; i < rows->len; i++)
    {
      const IndsatsAction *a = indsats_plan_item_get_action (g_ptr_array_index (rows, i));
      g_assert_true (a == NULL || g_str_equal (a->owner, "Fagkoordinator"));
    }

  /* nothing matches: the empty state, and no row */
  type_search (f, "fagkoordinatorzz");
  g_assert_true (run_until (f, empty_state_shown));
  g_assert_cmpuint (g_list_model_get_n_items (indsats_window_get_items (f->window)), ==, 0);
  g_assert_cmpuint (n_on_screen (f), ==, 0);
  g_assert_cmpstr (indsats_plan_view_get_count_text (f->view), ==, "0 of 5.001 actions");

  /* and every action back */
  type_search (f, "");
  g_assert_true (run_until (f, rows_on_screen));
  g_assert_false (indsats_plan_view_shows_empty_state (f->view));
  g_assert_cmpuint (n_actions_in_model (f), ==, N_ACTIONS + 1);
}

/* The view follows the filter model also while it filters a piece at a time:
 * the empty state only once the filter is done and has left nothing */
static gboolean
filtered (Fixture *f)
{
  return !indsats_plan_view_is_filtering (f->view);
}

static void
test_incremental_filter_followed (Fixture       *f,
                                  gconstpointer  data)
{
  GtkFilterListModel *items = GTK_FILTER_LIST_MODEL (indsats_window_get_items (f->window));
  gboolean empty_while_filtering = FALSE;

  g_assert_true (run_until (f, rows_on_screen));
  gtk_filter_list_model_set_incremental (items, TRUE);
  indsats_plan_view_set_search (f->view, UNIQUE_TEXT);
  g_assert_true (indsats_plan_view_is_filtering (f->view));
  while (indsats_plan_view_is_filtering (f->view))
    {
      empty_while_filtering |= indsats_plan_view_shows_empty_state (f->view);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_false (empty_while_filtering);
  wanted_text = UNIQUE_TEXT;
  g_assert_true (run_until (f, unique_action_shown));
  g_assert_cmpuint (n_actions_in_model (f), ==, 1);
  g_assert_cmpstr (indsats_plan_view_get_count_text (f->view), ==, "1 of 5.001 actions");

  indsats_plan_view_set_search (f->view, "ingen indsats hedder sådan");
  g_assert_true (run_until (f, filtered));
  g_assert_true (run_until (f, empty_state_shown));
  indsats_plan_view_set_search (f->view, "");
  g_assert_true (run_until (f, rows_on_screen));
  g_assert_cmpuint (n_actions_in_model (f), ==, N_ACTIONS + 1);
}

/* The selected action stays selected through a search that keeps it */
static void
test_selection_kept (Fixture       *f,
                     gconstpointer  data)
{
  GtkGridView *list = GTK_GRID_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->view), INDSATS_TYPE_PLAN_VIEW,
                                                                    "action_list"));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_grid_view_get_model (list));
  gint64 id;

  g_assert_true (run_until (f, rows_on_screen));
  gtk_single_selection_set_selected (selection, 4);
  id = indsats_plan_view_get_selected (f->view);
  g_assert_cmpint (id, >, 0);
  indsats_plan_view_set_search (f->view, "opfølgning");
  g_assert_cmpint (indsats_plan_view_get_selected (f->view), ==, id);
  indsats_plan_view_set_search (f->view, UNIQUE_TEXT);
  g_assert_cmpint (indsats_plan_view_get_selected (f->view), ==, 0);
  indsats_plan_view_set_search (f->view, "");
  gtk_single_selection_set_selected (selection, 2);
  id = indsats_plan_view_get_selected (f->view);
  indsats_plan_view_set_sort (f->view, "owner");
  g_assert_cmpint (indsats_plan_view_get_selected (f->view), ==, id);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  indsats_application_register_resources ();
  dir = g_dir_make_tmp ("indsats-big-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add ("/ui/big-plan/all-rows", Fixture, NULL, fixture_set_up, test_all_rows_shown, fixture_tear_down);
  g_test_add ("/ui/big-plan/search-one", Fixture, NULL, fixture_set_up, test_search_one, fixture_tear_down);
  g_test_add ("/ui/big-plan/search-many-then-none", Fixture, NULL, fixture_set_up, test_search_many_then_none,
              fixture_tear_down);
  g_test_add ("/ui/big-plan/incremental", Fixture, NULL, fixture_set_up, test_incremental_filter_followed,
              fixture_tear_down);
  g_test_add ("/ui/big-plan/selection", Fixture, NULL, fixture_set_up, test_selection_kept, fixture_tear_down);

  status = g_test_run ();
  indsats_test_remove_dir (dir);
  g_free (dir);
  return status;
}
