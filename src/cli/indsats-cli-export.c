/* indsats-cli-export.c: `indsats export xlsx OUT.xlsx` and `indsats export pdf OUT.pdf`, in the
 * module indsats-cli-export */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "indsats-cli-private.h"
#include "indsats-export-pdf.h"
#include "indsats-export-xlsx.h"
#include "indsats-format.h"

static int
export_pdf (IndsatsCli  *cli,
            const char  *path,
            gint64       plan_id,
            const char  *since,
            const char  *meeting)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting_iso = NULL;
  IndsatsBriefingOptions options = { since, NULL };

  if (meeting && !(meeting_iso = indsats_date_parse (meeting, &error)))
    return indsats_cli_fail_message (cli, _("--meeting: %s"), error->message);
  options.meeting_date = meeting_iso;

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !indsats_export_pdf (store, plan_id, path, &options, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

G_MODULE_EXPORT int
indsats_cli_export (IndsatsCli  *cli,
                    int          argc,
                    char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *language = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *since = NULL;
  gboolean native_charts = FALSE;
  IndsatsExportOptions options = { 0 };
  g_autofree char *plan_text = NULL;
  gint64 plan_id = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_text, N_("The plan (default: the first)"), "ID" },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("The workbook's language: da (the default) or en"), "da|en" },
    { "native-charts", 0, 0, G_OPTION_ARG_NONE, &native_charts, N_("Add Excel's own chart under each figure's numbers"), NULL },
    { "meeting", 0, 0, G_OPTION_ARG_STRING, &meeting, N_("The date of the committee's meeting"), N_("YYYY-MM-DD") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Tell what changed since this snapshot (default: the newest)"), N_("NAME") },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, N_("xlsx OUT.xlsx | pdf OUT.pdf"),
                          N_("Write the committee's Excel workbook or the briefing as a PDF."),
                          &argc, &argv, &exit_code) ||
      !indsats_cli_parse_plan (cli, plan_text, &plan_id, &exit_code))
    return exit_code;
  if (argc == 3 && strcmp (argv[1], "pdf") == 0)
    {
      if (!g_str_has_suffix (argv[2], ".pdf"))
        return indsats_cli_usage (cli, _("“%s” must end in .pdf"), argv[2]);
      return export_pdf (cli, argv[2], plan_id, since, meeting);
    }
  if (argc != 3 || strcmp (argv[1], "xlsx") != 0)
    return indsats_cli_usage (cli, _("write it as: indsats export xlsx OUT.xlsx, or indsats export pdf OUT.pdf"));
  if (!g_str_has_suffix (argv[2], ".xlsx"))
    return indsats_cli_usage (cli, _("“%s” must end in .xlsx"), argv[2]);
  if (language && strcmp (language, "da") != 0 && strcmp (language, "en") != 0)
    return indsats_cli_usage (cli, _("--language “%s”: write da or en"), language);
  if (meeting && !indsats_date_is_valid_iso (meeting))
    return indsats_cli_usage (cli, _("--meeting “%s” is not a date: write it as YYYY-MM-DD"), meeting);

  options.language = language;
  options.native_charts = native_charts;
  options.meeting = meeting;
  options.since = since;
  if (!(store = indsats_cli_open_store_to_read (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !indsats_export_xlsx (store, plan_id, argv[2], &options, NULL, NULL, NULL, &error))
    return indsats_cli_fail (cli, error);
  if (options.split_texts > 0)
    g_printerr (ngettext ("%s: %u text was longer than a cell holds (%d characters): the cell says so, "
                          "and the whole text is on the sheet “%s”\n",
                          "%s: %u texts were longer than a cell holds (%d characters): each cell says so, "
                          "and the whole texts are on the sheet “%s”\n", options.split_texts),
                argv[2], options.split_texts, INDSATS_CELL_MAX_CHARS,
                g_strcmp0 (language, "en") == 0 ? "Long Texts" : "Lange tekster");
  return INDSATS_EXIT_OK;
}
