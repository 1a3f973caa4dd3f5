/* indsats-cli-copy.c: `indsats copy SOURCE TARGET` */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "indsats-cli-private.h"
#include "indsats-error.h"
#include "indsats-store-backend.h"

/* A new SQLite file that the failed copy made goes again, with its journal */
static void
remove_made_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

int
indsats_cli_copy (IndsatsCli  *cli,
                  int          argc,
                  char       **argv)
{
  g_autoptr(IndsatsStore) source = NULL;
  g_autoptr(IndsatsStore) target = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  const char *from, *to;
  gboolean made = FALSE;
  gint64 n_rows = 0;
  int exit_code;

  if (!indsats_cli_parse (cli, entries, N_("SOURCE TARGET"),
                          N_("Copy a whole store (an SQLite file or a postgresql:// URI) into an empty one."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc != 3)
    return indsats_cli_usage (cli, _("say what to copy and where to: indsats copy SOURCE TARGET"));
  if (cli->database != NULL)
    return indsats_cli_usage (cli, _("copy takes its two stores as arguments, not --database"));
  from = argv[1];
  to = argv[2];
  if (g_strcmp0 (from, to) == 0)
    return indsats_cli_usage (cli, _("SOURCE and TARGET are the same store"));

  if (!(source = indsats_store_open_existing (from, &error)))
    return indsats_cli_fail (cli, error);
  made = !indsats_is_pg_uri (to) && !g_file_test (to, G_FILE_TEST_EXISTS);
  if (!(target = indsats_store_open (to, &error)))
    {
      if (made)
        remove_made_file (to);
      return indsats_cli_fail (cli, error);
    }
  if (!indsats_store_copy (source, target, &n_rows, &error))
    {
      g_clear_object (&target);
      if (made)
        remove_made_file (to);
      return indsats_cli_fail (cli, error);
    }
  {
    g_autofree char *name = indsats_store_describe_name (to);

    fprintf (stderr, ngettext ("Copied %" PRId64 " row into %s.\n", "Copied %" PRId64 " rows into %s.\n",
                               (unsigned long) n_rows), n_rows, name);
  }
  return INDSATS_EXIT_OK;
}
