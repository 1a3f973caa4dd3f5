/* bench-search.c: how long applying a search takes in the window's action list
 *
 * bench-search DATABASE: opens the window on the database, then times typing a
 * search, a filter and clearing them, each until the list is rebuilt and drawn.
 */
#include <adwaita.h>

#include "indsats-application.h"
#include "indsats-plan-view.h"
#include "indsats-window.h"

/* Time until the list shows the result, and the longest the main loop was
 * held up meanwhile (what a person feels as a stall) */
static double
timed (IndsatsPlanView *view,
       const char      *search,
       double          *longest)
{
  gint64 start = g_get_monotonic_time ();
  gint64 last = start;

  indsats_plan_view_set_search (view, search);
  *longest = (g_get_monotonic_time () - start) / 1000.0;
  do
    {
      gint64 now;

      g_main_context_iteration (NULL, FALSE);
      now = g_get_monotonic_time ();
      *longest = MAX (*longest, (now - last) / 1000.0);
      last = now;
    }
  while (indsats_plan_view_is_filtering (view));
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  IndsatsWindow *window;
  IndsatsPlanView *view;

  if (argc != 2)
    return 2;
  gtk_init ();
  adw_init ();
  indsats_application_register_resources ();
  if (!(store = indsats_store_open (argv[1], &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 200; i++)
    g_main_context_iteration (NULL, FALSE);
  view = indsats_window_get_plan_view (window);

  {
    const char *searches[] = { "Fagkoordinator", "opfølgning 17", "" };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        double longest;
        double total = timed (view, searches[i], &longest);

        g_print ("search “%s”: result after %.1f ms; the longest the window was held up: %.1f ms\n",
                 searches[i], total, longest);
      }
  }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
