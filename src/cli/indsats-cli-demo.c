/* indsats-cli-demo.c: `indsats demo --database FILE` */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "indsats-cli-private.h"
#include "indsats-demo.h"

/* A database that holds a plan of its own gets no demo plan beside it */
static gboolean
refuse_other_plan (IndsatsCli   *cli,
                   IndsatsStore *store,
                   int          *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsPlan) plan = NULL;
  g_autofree char *said = NULL;
  gint64 demo, first;

  if ((demo = indsats_store_find_plan_by_demo_key (store, INDSATS_DEMO_KEY, &error)) < 0 ||
      (first = indsats_store_get_first_plan_id (store, &error)) < 0)
    {
      *exit_code = indsats_cli_fail (cli, error);
      return FALSE;
    }
  if (demo > 0 || first == 0)
    return TRUE;
  if (!(plan = indsats_store_get_plan (store, first, &error)))
    {
      *exit_code = indsats_cli_fail (cli, error);
      return FALSE;
    }
  said = indsats_store_name_without_password (indsats_store_get_path (store));
  *exit_code = indsats_cli_fail_message (cli, _("“%s” holds a plan of its own (“%s”); nothing was written. "
                                         "Write the demo plan into a new file with --database"),
                                         said, plan->title);
  return FALSE;
}

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

  if (!indsats_cli_parse (cli, entries, "", N_("Write the demo plan (Ishøj Jobcenter, 2023) into the database."),
                          &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  /* the demo's goals and figures would mix with a plan's own: never into the
   * person's own database by default */
  if (cli->database == NULL)
    return indsats_cli_usage (cli, _("say which database to write the demo plan into: --database FILE"));

  if (!(store = indsats_cli_open_store (cli, &error)))
    return indsats_cli_fail (cli, error);
  if (!refuse_other_plan (cli, store, &exit_code))
    return exit_code;
  plan_id = indsats_demo_write (store, &already_there, &error);
  if (plan_id == 0)
    return indsats_cli_fail (cli, error);

  if (already_there)
    {
      g_autofree char *said = indsats_store_name_without_password (indsats_store_get_path (store));

      fprintf (stderr, _("The demo plan is already in %s; nothing was added.\n"), said);
    }
  return INDSATS_EXIT_OK;
}
