/* main.c: a known subcommand goes to the command line, anything else opens the window */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "indsats-application.h"
#include "indsats-cli.h"


/* The first word that is not an option (nor --database's file) */
static const char *
find_command (int    argc,
              char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_strcmp0 (argv[i], "--database") == 0)
        {
          i++;
          continue;
        }
      if (argv[i][0] != '-')
        return argv[i];
    }
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(IndsatsApplication) app = NULL;
  const char *localedir = g_getenv ("INDSATS_LOCALEDIR");

  indsats_application_started = g_get_monotonic_time ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The window takes no file arguments: any word is a command, known or not */
  if (find_command (argc, argv) != NULL ||
      (argc == 2 && g_strcmp0 (argv[1], "--help") == 0))
    return indsats_cli_run (argc, argv);

  g_set_application_name (_("Indsats"));
  app = indsats_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
