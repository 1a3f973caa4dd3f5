/* blank-window.c: the yardstick for the window's first frame. An empty
 * libadwaita window, started and timed the way INDSATS_TIME_FIRST_FRAME times
 * Indsats' own (from exec to the first frame drawn, and the processor time
 * used by then), so that bench-actions.sh can say what of the window's time is
 * its own and what any libadwaita window on the same machine and load costs. */
#include <adwaita.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* ms since the process began, as the kernel counts it; -1 when it cannot tell */
static double
ms_since_exec (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;
  struct timespec now;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !(after_name = strrchr (stat, ')')) ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return -1;
  fields = g_strsplit (after_name + 2, " ", 21);
  if (g_strv_length (fields) < 21)
    return -1;
  return (now.tv_sec * 1e3 + now.tv_nsec / 1e6) -
         g_ascii_strtod (fields[19], NULL) * 1e3 / sysconf (_SC_CLK_TCK);
}

static double started_up_wall, started_up_cpu;

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static void
started_up_cb (GApplication *app)
{
  started_up_wall = ms_since_exec ();
  started_up_cpu = cpu_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("step: GTK and libadwaita ready: %.0f ms from exec, %.0f ms processor time\n",
           started_up_wall, started_up_cpu);
  g_print ("from exec: %.0f ms\n", ms_since_exec ());
  g_print ("processor time: %.1f ms user, %.1f ms system\n",
           usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3,
           usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3);
  g_application_quit (app);
}

static void
mapped_cb (GtkWidget    *window,
           GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), app);
}

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* what every window has: a header bar over its content */
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app = adw_application_new ("dk.indsats.BlankWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_signal_connect_after (app, "startup", G_CALLBACK (started_up_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
