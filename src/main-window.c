/* main-window.c: the window, which `indsats` without a command becomes */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "indsats-application.h"


int
main (int    argc,
      char **argv)
{
  g_autoptr(IndsatsApplication) app = NULL;
  const char *localedir = g_getenv ("INDSATS_LOCALEDIR");
  const char *started = g_getenv ("INDSATS_STARTED");

  /* from the start of `indsats`, which became this program; children the
   * window starts count from their own */
  indsats_application_started = started ? g_ascii_strtoll (started, NULL, 10) : 0;
  if (indsats_application_started <= 0)
    indsats_application_started = g_get_monotonic_time ();
  g_unsetenv ("INDSATS_STARTED");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Indsats"));
  app = indsats_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
