/* indsats-cli-export.c: `indsats export xlsx OUT.xlsx` */
#include "config.h"

#include <string.h>

#include "indsats-cli-private.h"
#include "indsats-export-xlsx.h"

int
indsats_cli_export (IndsatsCli  *cli,
                    int          argc,
                    char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_text = NULL;
  gint64 plan_id = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_text, "The plan (default: the first)", "ID" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "xlsx OUT.xlsx", "Write the committee's Excel workbook.",
                          &argc, &argv, &exit_code) ||
      !indsats_cli_parse_plan (cli, plan_text, &plan_id, &exit_code))
    return exit_code;
  if (argc != 3 || strcmp (argv[1], "xlsx") != 0)
    return indsats_cli_usage (cli, "write it as: indsats export xlsx OUT.xlsx");
  if (!g_str_has_suffix (argv[2], ".xlsx"))
    return indsats_cli_usage (cli, "“%s” must end in .xlsx", argv[2]);

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !indsats_export_xlsx (store, plan_id, argv[2], NULL, NULL, NULL, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}
