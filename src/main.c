/* main.c: a known subcommand goes to the command line, anything else opens the window.
 *
 * The window is a program of its own (indsats-window, in libexecdir), which
 * this one becomes by exec: the command line then never loads GTK and
 * libadwaita, which cost more than drawing a figure. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The window's program: beside this one when this one runs from the build
 * tree (the tests, tools/run-demo.sh), else where `meson install` put it */
static char *
find_window_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = self ? g_path_get_dirname (self) : NULL;
  char *build_dir = realpath (INDSATS_BUILD_DIR, NULL);
  gboolean in_build_tree = self_dir != NULL && build_dir != NULL && strcmp (self_dir, build_dir) == 0;

  free (build_dir);
  return g_build_filename (in_build_tree ? INDSATS_BUILD_DIR : INDSATS_LIBEXECDIR, "indsats-window", NULL);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("INDSATS_LOCALEDIR");
  g_autofree char *started = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  g_autofree char *window = NULL;
  int saved_errno;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The window takes no file arguments: any word is a command, known or not;
   * the command line answers --help and --version without loading GTK */
  if (find_command (argc, argv) != NULL ||
      (argc == 2 && (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "--version") == 0)))
    return indsats_cli_run (argc, argv);

  /* the same process goes on as the window, with the same arguments; it
   * counts its first frame from this process's start */
  window = find_window_program ();
  g_setenv ("INDSATS_STARTED", started, TRUE);
  execv (window, argv);
  saved_errno = errno;
  g_printerr (_("indsats: cannot start the window program %s: %s. Install Indsats again, "
                "or give a command (indsats --help).\n"),
              window, g_strerror (saved_errno));
  return 1;
}
