/* indsats-cli-demo.c: `indsats demo --database FILE` */
#include "config.h"

#include <stdio.h>

#include "indsats-cli-private.h"
#include "indsats-demo.h"

int
indsats_cli_demo (IndsatsCli  *cli,
                  int          argc,
                  char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  gboolean already_there;
  int exit_code;
  gint64 plan_id;

  if (!indsats_cli_parse (cli, entries, "", "Write the demo plan (Ishøj Jobcenter, 2023) into the database.",
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, "unexpected argument “%s”", argv[1]);

  if (!(store = indsats_cli_open_store (cli, &error)))
    return indsats_cli_fail (cli, error);
  plan_id = indsats_demo_write (store, &already_there, &error);
  if (plan_id == 0)
    return indsats_cli_fail (cli, error);

  if (already_there)
    fprintf (stderr, "The demo plan is already in %s; nothing was added.\n",
             indsats_store_get_path (store));
  return INDSATS_EXIT_OK;
}
