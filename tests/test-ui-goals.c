/* test-ui-goals.c: the goals and their figures in the window (run under Xvfb) */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "indsats-application.h"
#include "indsats-chart-widget.h"
#include "indsats-demo.h"
#include "indsats-figure-card.h"
#include "indsats-goals-view.h"
#include "indsats-notice-dialog.h"
#include "indsats-window.h"
#include "test-keys.h"
#include "test-util.h"

static char *dir;
static char *path;

static void
spin (int rounds)
{
  for (int i = 0; i < rounds; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_mapped (GtkWidget *widget)
{
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (widget); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  spin (200);
}

static GtkAdjustment *
scrolled_of (IndsatsGoalsView *view)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                                    INDSATS_TYPE_GOALS_VIEW,
                                                                                    "scroller"));
  return gtk_scrolled_window_get_vadjustment (scroller);
}

/* Scrolls the goals page so that @card's top is at the top of the page,
 * and lets the frames after it be drawn */
static void
scroll_to (IndsatsGoalsView *view,
           GtkWidget        *card)
{
  GtkWidget *box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), INDSATS_TYPE_GOALS_VIEW, "goals_box"));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (card, box, &bounds));
  gtk_adjustment_set_value (scrolled_of (view), bounds.origin.y);
  for (int i = 0; i < 10; i++)
    {
      spin (50);
      g_usleep (10000);
    }
}

static IndsatsChartWidget *
chart_of (GPtrArray *cards,
          guint      i)
{
  return INDSATS_CHART_WIDGET (indsats_figure_card_get_chart (g_ptr_array_index (cards, i)));
}

/* With INDSATS_SCREENSHOT_DIR set, keeps a picture of the window there */
static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *out = g_getenv ("INDSATS_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int w = gtk_widget_get_width (window), h = gtk_widget_get_height (window);

  if (out == NULL)
    return;
  paintable = gtk_widget_paintable_new (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)));
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1 }, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_build_filename (out, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static void
test_goals_with_figures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  IndsatsWindow *window;
  IndsatsGoalsView *view;
  GPtrArray *cards;
  GtkWidget *stack, *chart;
  g_autofree char *tooltip = NULL;
  const IndsatsChartData *data;
  int numbers[32], n = 0;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "view_stack"));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "goals");
  wait_mapped (GTK_WIDGET (window));

  view = indsats_window_get_goals_view (window);
  cards = indsats_goals_view_get_cards (view);
  /* only the figures in sight are read and drawn: the first, not the last
   * until it is scrolled to */
  g_assert_cmpuint (cards->len, ==, 16);
  g_assert_true (indsats_figure_card_is_loaded (g_ptr_array_index (cards, 0)));
  g_assert_false (indsats_figure_card_is_loaded (g_ptr_array_index (cards, 15)));
  {
    guint loaded = 0;
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                                      INDSATS_TYPE_GOALS_VIEW,
                                                                                      "scroller"));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);

    for (guint i = 0; i < cards->len; i++)
      loaded += indsats_figure_card_is_loaded (g_ptr_array_index (cards, i));
    g_assert_cmpuint (loaded, <, 8);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    spin (200);
    g_assert_true (indsats_figure_card_is_loaded (g_ptr_array_index (cards, 15)));
    gtk_adjustment_set_value (adjustment, 0);
    spin (50);
  }
  /* the figures of the status paper, under their goals: Figur 1 to 14; then
   * the recovery plan's two, which belong to no goal, under Other Figures */
  for (guint i = 0; i < cards->len; i++)
    numbers[n++] = indsats_chart_widget_get_data (INDSATS_CHART_WIDGET (indsats_figure_card_get_chart (g_ptr_array_index (cards, i))))->number;
  g_assert_cmpint (n, ==, 16);
  for (int i = 0; i < n; i++)
    g_assert_cmpint (numbers[i], ==, i + 1);
  {
    GtkWidget *others = gtk_widget_get_ancestor (g_ptr_array_index (cards, 15), ADW_TYPE_PREFERENCES_GROUP);

    g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (others)), ==, "Other Figures");
    g_assert_true (gtk_widget_get_ancestor (g_ptr_array_index (cards, 14), ADW_TYPE_PREFERENCES_GROUP) == others);
    g_assert_false (gtk_widget_get_ancestor (g_ptr_array_index (cards, 13), ADW_TYPE_PREFERENCES_GROUP) == others);
  }

  /* Figur 12: its accessible description states the latest values */
  chart = indsats_figure_card_get_chart (g_ptr_array_index (cards, 11));
  data = indsats_chart_widget_get_data (INDSATS_CHART_WIDGET (chart));
  g_assert_cmpint (data->number, ==, 12);

  /* hovering a point names period, area and value */
  {
    double x, y;
    gboolean drawn = FALSE;

    /* the chart knows where its points are once it has been drawn, which it
     * is once it is in sight: on a busy machine that may take more than one
     * frame */
    scroll_to (view, g_ptr_array_index (cards, 11));
    gtk_widget_queue_draw (chart);
    for (int i = 0; i < 100 && !drawn; i++)
      {
        spin (50);
        g_usleep (20000);
        drawn = indsats_chart_widget_get_point (INDSATS_CHART_WIDGET (chart), 1, data->n_periods - 1, &x, &y);
      }
    g_assert_true (drawn);
    tooltip = indsats_chart_widget_describe_point (INDSATS_CHART_WIDGET (chart), x + 2, y - 1);
    /* the period in the window's language (English in the tests) */
    g_assert_cmpstr (tooltip, ==, "Aug 2023, Brøndby: 12,4 %");
  }

  /* "Show as Table" shows the same numbers */
  indsats_figure_card_show_table (g_ptr_array_index (cards, 11), TRUE);
  spin (50);
  {
    GtkGrid *table = GTK_GRID (indsats_figure_card_get_table (g_ptr_array_index (cards, 11)));
    GtkWidget *header = gtk_grid_get_child_at (table, 2, 0);
    GtkWidget *last = gtk_grid_get_child_at (table, 2, data->n_periods);

    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (table)));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==, "Brøndby");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (last)), ==, "12,4 %");
  }

  /* Save As writes the figure with the same engine */
  {
    g_autofree char *pdf = g_build_filename (dir, "figur-12.pdf", NULL);
    g_autofree char *bad = g_build_filename (dir, "figur-12.gif", NULL);

    g_assert_true (indsats_figure_card_save (g_ptr_array_index (cards, 11), pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
    g_unlink (pdf);
    g_assert_false (indsats_figure_card_save (g_ptr_array_index (cards, 11), bad, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }

  /* the same from the card's menu: the file chooser, then a message that
   * says why, which Escape closes */
  {
    g_autoptr(GFile) folder = g_file_new_for_path (dir);
    g_autofree char *bad = g_build_filename (dir, "figur-12.gif", NULL);
    GtkWidget *chooser = NULL;
    IndsatsNoticeDialog *message = NULL;

    g_assert_true (gtk_widget_activate_action (g_ptr_array_index (cards, 11), "figure.save-as", "s", "gif"));
    spin (50);
    for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()) && !chooser; i++)
      {
        g_autoptr(GtkWidget) w = g_list_model_get_item (gtk_window_get_toplevels (), i);
        if (GTK_IS_FILE_CHOOSER_DIALOG (w))
          chooser = w;
      }
    g_assert_nonnull (chooser);
    g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "figur-12.gif");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    /* the chooser looks at the file it was given before it answers */
    for (gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; !message && g_get_monotonic_time () < until;)
      {
        g_main_context_iteration (NULL, FALSE);
        for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()) && !message; i++)
          {
            g_autoptr(GtkWidget) w = g_list_model_get_item (gtk_window_get_toplevels (), i);
            if (INDSATS_IS_NOTICE_DIALOG (w) && gtk_widget_get_visible (w))
              message = INDSATS_NOTICE_DIALOG (w);
          }
      }
    g_assert_nonnull (message);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "The Figure Was Not Saved");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), "gif"));
    g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (message)) == GTK_WINDOW (window));
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
    g_object_add_weak_pointer (G_OBJECT (message), (gpointer *) &message);
    indsats_test_wait_active (GTK_WINDOW (message));
    indsats_test_press ("Escape");
    spin (20);
    g_assert_true (message == NULL || !gtk_widget_get_visible (GTK_WIDGET (message)));
  }
  indsats_figure_card_show_table (g_ptr_array_index (cards, 11), FALSE);
  spin (50);
  maybe_screenshot (GTK_WIDGET (window), "goals.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Goals and Figures draws only the figures on screen: with every card read,
 * those out of sight are left undrawn until they are scrolled to, and those
 * scrolled away from are not drawn again */
static void
test_goals_draw_in_sight (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (dir, "in-sight.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (file, &error);
  IndsatsWindow *window;
  IndsatsGoalsView *view;
  GPtrArray *cards;
  guint draws[32], in_sight = 0, last;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                        INDSATS_TYPE_WINDOW,
                                                                                        "view_stack")), "goals");
  wait_mapped (GTK_WIDGET (window));
  view = indsats_window_get_goals_view (window);
  cards = indsats_goals_view_get_cards (view);
  g_assert_cmpuint (cards->len, ==, 16);
  last = cards->len - 1;

  /* every figure read, as Copy or Save As would: each has something to draw */
  for (guint i = 0; i < cards->len; i++)
    indsats_figure_card_load (g_ptr_array_index (cards, i));
  scroll_to (view, g_ptr_array_index (cards, 0));
  for (guint i = 0; i < cards->len; i++)
    {
      IndsatsChartWidget *chart = chart_of (cards, i);

      draws[i] = indsats_chart_widget_get_n_draws (chart);
      if (indsats_chart_widget_get_in_sight (chart))
        {
          in_sight++;
          g_assert_cmpuint (draws[i], >, 0);
        }
      else
        g_assert_cmpuint (draws[i], ==, 0);
    }
  /* the first figure and the one below it, in part; the page holds many more */
  g_assert_cmpuint (in_sight, >=, 1);
  g_assert_cmpuint (in_sight, <=, 3);
  g_assert_false (indsats_chart_widget_get_in_sight (chart_of (cards, last)));

  /* scrolled to the last: it is drawn; those at the top are not drawn again,
   * and those passed over on the way never were */
  scroll_to (view, g_ptr_array_index (cards, last));
  g_assert_true (indsats_chart_widget_get_in_sight (chart_of (cards, last)));
  g_assert_cmpuint (indsats_chart_widget_get_n_draws (chart_of (cards, last)), >, 0);
  for (guint i = 0; i < cards->len; i++)
    {
      IndsatsChartWidget *chart = chart_of (cards, i);

      if (!indsats_chart_widget_get_in_sight (chart))
        g_assert_cmpuint (indsats_chart_widget_get_n_draws (chart), ==, draws[i]);
    }
  g_assert_cmpuint (indsats_chart_widget_get_n_draws (chart_of (cards, last / 2)), ==, 0);

  /* and back at the top, the first is on screen as it was */
  scroll_to (view, g_ptr_array_index (cards, 0));
  g_assert_true (indsats_chart_widget_get_in_sight (chart_of (cards, 0)));
  g_assert_cmpuint (indsats_chart_widget_get_n_draws (chart_of (cards, 0)), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A plan without goals or figures says how to make one, and its button
 * opens New Figure; a figure made under no goal is then shown */
static void
test_goals_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (empty, &error);
  const char *areas[] = { "Ishøj", NULL };
  IndsatsWindow *window;
  IndsatsGoalsView *view;
  GtkStack *stack;
  GtkWidget *button, *group;
  GtkWindow *form = NULL;
  GPtrArray *cards;
  int number;

  g_autoptr(IndsatsPlan) plan = indsats_plan_new ();

  g_assert_no_error (error);
  plan->title = g_strdup ("Genopretningsplan");
  plan->jobcentre = g_strdup ("Jobcenter Ishøj");
  plan->dated = g_strdup ("2023-03-07");
  g_assert_cmpint (indsats_store_add_plan (store, plan, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (indsats_store_ensure_indicator (store, "Fleksjob", "personer", TRUE, NAN, &error), >, 0);
  g_assert_no_error (error);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                        INDSATS_TYPE_WINDOW,
                                                                                        "view_stack")), "goals");
  wait_mapped (GTK_WIDGET (window));
  view = indsats_window_get_goals_view (window);
  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (view), INDSATS_TYPE_GOALS_VIEW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpuint (indsats_goals_view_get_cards (view)->len, ==, 0);
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), INDSATS_TYPE_GOALS_VIEW, "new_figure_button"));
  g_assert_true (gtk_widget_is_drawable (button));
  g_signal_emit_by_name (button, "clicked");
  spin (20);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (w != GTK_WIDGET (window) && gtk_widget_get_visible (w))
        form = GTK_WINDOW (w);
    }
  g_assert_nonnull (form);
  g_assert_cmpstr (gtk_window_get_title (form), ==, "New Figure");
  gtk_window_destroy (form);

  /* made under no goal: shown, alone, under Figures */
  number = indsats_window_make_figure (window, "Ledige i Ishøj", INDSATS_FIGURE_LINE, "Fleksjob", areas, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, 1);
  spin (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "goals");
  cards = indsats_goals_view_get_cards (view);
  g_assert_cmpuint (cards->len, ==, 1);
  group = gtk_widget_get_ancestor (g_ptr_array_index (cards, 0), ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "Figures");
  g_assert_true (gtk_widget_is_drawable (g_ptr_array_index (cards, 0)));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  indsats_application_register_resources ();
  dir = g_dir_make_tmp ("indsats-goals-XXXXXX", NULL);
  path = g_build_filename (dir, "goals.db", NULL);

  g_test_add_func ("/ui/goals/figures", test_goals_with_figures);
  g_test_add_func ("/ui/goals/draw-in-sight", test_goals_draw_in_sight);
  g_test_add_func ("/ui/goals/empty", test_goals_empty);
  status = g_test_run ();

  indsats_test_remove_dir (dir);
  g_free (path);
  g_free (dir);
  return status;
}
