/* bench-search.c: how long a search takes in the window's action list
 *
 * bench-search DATABASE: opens the window on the database's first plan and
 * types searches into it, a key at a time. For each key it measures how long
 * the main loop was busy (the search and the frame that shows its result:
 * what a person feels as a stall), against a key that changes nothing but the
 * entry; and when the result was on screen.
 *
 * An empty list is always fast, so before it times anything, and after every
 * search, it checks that the window shows what it should: the rows on screen,
 * the count and the empty state, against the plan's actions as the store has
 * them. It fails loudly, with exit status 1, when the window does not.
 *
 * The window has the application's style, and it is timed once it has done
 * what it does after it shows (the rows below the first screen, the search
 * bar's sliding in): a person types a moment after the window shows.
 *
 * BENCH_VERBOSE=1 prints each key: its search, and its frames' layout and
 * drawing. To profile the keys only:
 *   mkfifo ctl; perf record --control fifo:ctl -D -1 -g -- \
 *     env BENCH_PERF_CONTROL=ctl [BENCH_PERF_KEYS=entry|type|clear] bench-search DB
 */
#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "indsats-application.h"
#include "indsats-format.h"
#include "indsats-plan-item.h"
#include "indsats-plan-view.h"
#include "indsats-window.h"

static IndsatsWindow *window;
static double worst_busy;   /* the most main-loop time one search key took */
static double worst_shown;  /* the longest from a search key to its full result on screen */
static double worst_cpu;    /* the most main-thread processor time one search key took */
static GArray *all_busy, *all_cpu; /* every search key's */
static IndsatsPlanView *view;
static GPtrArray *actions;
static guint frames;
static gboolean failed;
static FILE *perf_control; /* perf's control FIFO, when BENCH_PERF_CONTROL names one */

/* BENCH_PERF_KEYS: which keys perf records: those of a phase ("entry",
 * "type" or "clear"), or one key by its text ("text:inge"); all when unset */
static const char *perf_keys;
static const char *phase;    /* of the keys being timed */
static const char *key_text; /* the entry's text after the key being timed */

static gboolean
perf_wants_key (void)
{
  if (perf_keys == NULL)
    return TRUE;
  if (g_str_has_prefix (perf_keys, "text:"))
    return g_strcmp0 (perf_keys + strlen ("text:"), key_text) == 0;
  return g_strcmp0 (perf_keys, phase) == 0;
}

/* With `perf record --control fifo:CTL -D -1`, records only the keys */
static void
perf_say (const char *command)
{
  if (perf_control == NULL || !perf_wants_key ())
    return;
  fprintf (perf_control, "%s\n", command);
  fflush (perf_control);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gint64 phase_start;
static double layout_ms, paint_ms, frame_ms; /* of the frames since the last key */
static gint64 frame_start;

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  frame_start = phase_start = g_get_monotonic_time ();
}

/* runs after GTK's own handler: the layout is done */
static void
layout_cb (GdkFrameClock *clock,
           gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  layout_ms += (now - phase_start) / 1000.0;
  phase_start = now;
}

/* the same for the drawing */
static void
paint_cb (GdkFrameClock *clock,
          gpointer       user_data)
{
  paint_ms += (g_get_monotonic_time () - phase_start) / 1000.0;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  frames++;
  frame_ms += (g_get_monotonic_time () - frame_start) / 1000.0;
}

static void G_GNUC_PRINTF (1, 2)
fail (const char *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("bench-search: FAILED: %s\n", message);
  failed = TRUE;
}

/* The view's own rule, written again: text or owner holds the search, case folded */
static guint
expected_matches (const char *search)
{
  g_autofree char *want = g_strstrip (g_utf8_casefold (search, -1));
  guint n = 0;

  for (guint i = 0; i < actions->len; i++)
    {
      const IndsatsAction *a = g_ptr_array_index (actions, i);
      g_autofree char *both = g_strconcat (a->text, "\n", a->owner ? a->owner : "", NULL);
      g_autofree char *folded = g_utf8_casefold (both, -1);

      n += strstr (folded, want) != NULL;
    }
  return n;
}

/* Does the window show the result of @search? Says what is wrong if not. */
static gboolean
check_shown (const char *search,
             gboolean    quiet)
{
  g_autoptr(GPtrArray) rows = indsats_plan_view_get_rows_on_screen (view);
  g_autofree char *want = g_strstrip (g_utf8_casefold (search, -1));
  guint expected = expected_matches (search);
  guint shown = indsats_plan_view_get_n_actions_shown (view);
  g_autofree char *n = indsats_format_number (expected, 0);
  guint actions_on_screen = 0;

  if (indsats_plan_view_is_filtering (view))
    return quiet ? FALSE : (fail ("search “%s”: still filtering", search), FALSE);
  if (shown != expected)
    return quiet ? FALSE : (fail ("search “%s”: the list has %u actions, the plan %u that match", search, shown, expected), FALSE);
  if (!g_str_has_prefix (indsats_plan_view_get_count_text (view), n))
    return quiet ? FALSE : (fail ("search “%s”: the count says “%s”, not %s", search,
                                  indsats_plan_view_get_count_text (view), n), FALSE);
  if (expected == 0)
    {
      if (!indsats_plan_view_shows_empty_state (view) || rows->len > 0)
        return quiet ? FALSE : (fail ("search “%s”: no action matches, but the empty state is not shown", search), FALSE);
      return TRUE;
    }
  if (indsats_plan_view_shows_empty_state (view))
    return quiet ? FALSE : (fail ("search “%s”: %u actions match, but the window says none does", search, expected), FALSE);
  for (guint i = 0; i < rows->len; i++)
    {
      const IndsatsAction *a = indsats_plan_item_get_action (g_ptr_array_index (rows, i));
      g_autofree char *both = a ? g_strconcat (a->text, "\n", a->owner ? a->owner : "", NULL) : NULL;
      g_autofree char *folded = both ? g_utf8_casefold (both, -1) : NULL;

      if (a == NULL)
        continue;
      if (strstr (folded, want) == NULL)
        return quiet ? FALSE : (fail ("search “%s”: the screen shows “%s”, which does not match", search, a->text), FALSE);
      actions_on_screen++;
    }
  /* every match, or as many as the window has room for (five at least) */
  if (actions_on_screen < MIN (expected, 5))
    return quiet ? FALSE : (fail ("search “%s”: %u actions match, %u are on screen", search, expected, actions_on_screen), FALSE);
  return TRUE;
}

/* Runs the main loop until the window shows @search (at most 10 s) */
static gboolean
wait_until_shown (const char *search)
{
  gint64 start = g_get_monotonic_time ();
  guint frames0 = frames;

  /* a frame drawn since, or a while without one when nothing had to change */
  while (g_get_monotonic_time () < start + 10 * G_USEC_PER_SEC &&
         ((frames == frames0 && g_get_monotonic_time () < start + 150000) || !check_shown (search, TRUE)))
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
  return check_shown (search, FALSE);
}

/* Runs the main loop until the window has done what it does after its
 * first frames (the rows below the first screen, the search's folding, the
 * window becoming active): until it has been idle for half a second. A
 * person types a while after the window shows; what the window does before
 * is not the search's. */
static void
settle (void)
{
  gint64 idle_since = g_get_monotonic_time ();
  gint64 give_up = idle_since + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < idle_since + G_USEC_PER_SEC / 2 && g_get_monotonic_time () < give_up)
    if (g_main_context_iteration (NULL, FALSE))
      idle_since = g_get_monotonic_time ();
    else
      g_usleep (1000);
}

typedef struct
{
  double busy;    /* main loop busy, wall clock: the search and the frames that follow */
  double cpu;     /* the same, in the main thread's processor time */
  double longest; /* the longest single stretch */
  double shown;   /* from the key to the frame that shows the result */
  double search;  /* of that, the search itself, before the main loop runs */
  double layout;  /* the frames' measuring and placing */
  double paint;   /* the frames' drawing */
  double frame;   /* the frames in all, from their start to what follows their drawing */
  double after;   /* the main loop's work after the frame that shows the result */
} Timing;

/* One iteration of the main loop, counted in @t when it did something.
 * Returns how long it took, 0 when it found nothing to do: that is the
 * benchmark's own waiting, not the window's. */
static double
iterate (Timing *t)
{
  gint64 before = g_get_monotonic_time ();
  double cpu_before = cpu_ms ();
  double stretch;

  if (!g_main_context_iteration (NULL, FALSE))
    {
      g_usleep (200);
      return 0;
    }
  stretch = (g_get_monotonic_time () - before) / 1000.0;
  t->busy += stretch;
  t->cpu += cpu_ms () - cpu_before;
  t->longest = MAX (t->longest, stretch);
  return stretch;
}

/* One key: @text is the entry's new text. Its result is shown by the first
 * frame drawn after the filter is done; its cost is the main loop's work
 * until then and what it left for after that frame. */
static Timing
key (const char *text)
{
  Timing t = { 0 };
  gint64 start = g_get_monotonic_time ();
  gint64 end = start + 10 * G_USEC_PER_SEC;
  double cpu0 = cpu_ms ();
  guint frames0 = frames;

  key_text = text;
  perf_say ("enable");
  layout_ms = paint_ms = frame_ms = 0;
  indsats_plan_view_set_search (view, text);
  t.busy = t.longest = t.search = (g_get_monotonic_time () - start) / 1000.0;
  t.cpu = cpu_ms () - cpu0;
  while (g_get_monotonic_time () < end)
    if (iterate (&t) > 0)
      {
        if (frames > frames0 && !indsats_plan_view_is_filtering (view))
          break;
        if (indsats_plan_view_is_filtering (view))
          frames0 = frames;
      }
  t.shown = (g_get_monotonic_time () - start) / 1000.0;
  /* and what the key left for after that frame, until the main loop has
   * had nothing to do for 30 ms: it is the key's cost too */
  for (gint64 idle_since = g_get_monotonic_time ();
       g_get_monotonic_time () < idle_since + 30000 && g_get_monotonic_time () < end;)
    {
      double stretch = iterate (&t);

      if (stretch > 0)
        {
          t.after += stretch;
          idle_since = g_get_monotonic_time ();
        }
    }
  perf_say ("disable");
  t.layout = layout_ms;
  t.paint = paint_ms;
  t.frame = frame_ms;
  if (g_getenv ("BENCH_VERBOSE"))
    g_print ("  key “%s”: %.1f ms busy, %.1f ms processor time; the search %.1f ms; frames: layout %.1f ms, drawing %.1f ms, "
             "in all %.1f ms; after them %.1f ms\n", text, t.busy, t.cpu, t.search, t.layout, t.paint, t.frame, t.after);
  return t;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Types @search a key at a time and prints the figures of the keys */
static void
type (const char *search)
{
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  double longest = 0, cpu = 0, shown = 0, stretch = 0;
  const char *p = search;

  while (*p)
    {
      g_autofree char *prefix = NULL;
      Timing t;

      p = g_utf8_next_char (p);
      prefix = g_strndup (search, p - search);
      t = key (prefix);
      g_array_append_val (busy, t.busy);
      g_array_append_val (cpus, t.cpu);
      longest = MAX (longest, t.busy);
      stretch = MAX (stretch, t.longest);
      cpu = MAX (cpu, t.cpu);
      shown = MAX (shown, t.shown);
      if (!wait_until_shown (prefix))
        return;
    }
  worst_busy = MAX (worst_busy, longest);
  worst_shown = MAX (worst_shown, shown);
  worst_cpu = MAX (worst_cpu, cpu);
  g_array_append_vals (all_busy, busy->data, busy->len);
  g_array_append_vals (all_cpu, cpus->data, cpus->len);
  g_array_sort (busy, compare_double);
  g_array_sort (cpus, compare_double);
  g_print ("typing “%s” (%u keys, %u actions match): main loop busy per key %.1f ms median, %.1f ms at most "
           "(processor time %.1f ms median, %.1f ms at most; the longest stretch without a break %.1f ms); "
           "result on screen within %.1f ms\n",
           search, busy->len, expected_matches (search), g_array_index (busy, double, busy->len / 2), longest,
           g_array_index (cpus, double, cpus->len / 2), cpu, stretch, shown);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GArray) entry_only = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) entry_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  if (argc != 2)
    {
      g_printerr ("usage: bench-search DATABASE\n");
      return 2;
    }
  if (g_getenv ("BENCH_PERF_CONTROL"))
    perf_control = fopen (g_getenv ("BENCH_PERF_CONTROL"), "w");
  perf_keys = g_getenv ("BENCH_PERF_KEYS");
  gtk_init ();
  adw_init ();
  all_busy = g_array_new (FALSE, FALSE, sizeof (double));
  all_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  /* a blinking cursor draws a frame at every tick, and they would count as the search's */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  indsats_application_register_resources ();
  {
    /* the window's own style, as the application loads it */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/dk/indsats/Indsats/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  if (!(store = indsats_store_open (argv[1], &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_present (GTK_WINDOW (window));
  view = indsats_window_get_plan_view (window);
  actions = indsats_plan_view_get_actions (view);
  if (actions == NULL || actions->len == 0)
    {
      g_printerr ("bench-search: FAILED: the database has no plan with actions\n");
      return 1;
    }
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "layout", G_CALLBACK (layout_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "paint", G_CALLBACK (paint_cb), NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);

  /* the whole plan first: rows on screen, every action counted */
  if (!wait_until_shown (""))
    return 1;
  settle ();

  /* a key that changes nothing but the entry (a space at the end): the floor */
  phase = "entry";
  for (int i = 0; i < 5; i++)
    {
      Timing t = key (i % 2 ? "" : " ");
      g_array_append_val (entry_only, t.busy);
      g_array_append_val (entry_cpu, t.cpu);
    }
  g_array_sort (entry_only, compare_double);
  g_array_sort (entry_cpu, compare_double);
  g_print ("a key that only changes the entry: main loop busy %.1f ms median (%.1f ms processor time)\n",
           g_array_index (entry_only, double, entry_only->len / 2), g_array_index (entry_cpu, double, entry_cpu->len / 2));

  {
    /* an owner (one in five), then a narrowing search, one action's own words, and one with no hits */
    const char *searches[] = { "Fagkoordinator", "opfølgning 17", "Indsats 4321:", "ingen indsats hedder sådan" };

    for (guint i = 0; i < G_N_ELEMENTS (searches) && !failed; i++)
      {
        phase = "type";
        type (searches[i]);
        if (!failed)
          {
            Timing t;

            phase = "clear";
            t = key ("");
            if (wait_until_shown (""))
              g_print ("clearing the search: main loop busy %.1f ms (%.1f ms processor time); "
                       "every action on screen again within %.1f ms\n", t.busy, t.cpu, t.shown);
          }
      }
  }
  if (!failed)
    {
      double load[3] = { 0 };

      g_array_sort (all_busy, compare_double);
      g_array_sort (all_cpu, compare_double);
      if (getloadavg (load, 3) < 1)
        load[0] = -1;
      /* the wall clock counts the time other programs had the processor too:
       * on a shared machine the processor time is the figure to trust */
      g_print ("a search key's main-loop time, against the aim of 16 ms: processor time %.1f ms median, "
               "%.1f ms at most (%s); wall clock %.1f ms median, %.1f ms at most (%s); load average %.2f\n",
               g_array_index (all_cpu, double, all_cpu->len / 2), worst_cpu, worst_cpu <= 16 ? "met" : "NOT met",
               g_array_index (all_busy, double, all_busy->len / 2), worst_busy, worst_busy <= 16 ? "met" : "NOT met",
               load[0]);
      g_print ("a search key's full result on screen, against the aim of 50 ms: within %.1f ms at most (%s)\n",
               worst_shown, worst_shown <= 50 ? "met" : "NOT met");
    }
  g_array_unref (all_busy);
  g_array_unref (all_cpu);
  gtk_window_destroy (GTK_WINDOW (window));
  return failed ? 1 : 0;
}
