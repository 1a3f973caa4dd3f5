/* indsats-cli-fetch.c: `indsats fetch TABLE …` and `indsats fetch --figures`, in the module
 * indsats-cli-fetch */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "indsats-cli-private.h"
#include "indsats-error.h"
#include "indsats-fetch.h"
#include "indsats-keyring.h"
#include "indsats-settings.h"
#include "indsats-store-tables.h"

static void
add_list (GPtrArray  *list,
          const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        g_ptr_array_add (list, g_strdup (parts[i]));
    }
}

G_MODULE_EXPORT int
indsats_cli_fetch (IndsatsCli  *cli,
                   int          argc,
                   char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsJobindsats) client = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_fetch_request_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *areas = NULL;
  g_autofree char *period_type = NULL;
  g_autofree char *breakdown = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *token = NULL;
  g_auto(GStrv) compared = indsats_settings_get_compared_areas ();
  IndsatsOutputFormat format;
  const char *bus;
  gboolean dry_run = FALSE, figures = FALSE;
  int latest = 0, exit_code;
  GOptionEntry entries[] = {
    { "areas", 0, 0, G_OPTION_ARG_STRING, &areas, N_("The areas (default: the areas compared in Preferences and those the figures show, or Hele landet)"), "A,B,…" },
    { "latest", 0, 0, G_OPTION_ARG_INT, &latest, N_("How many of the newest periods (default 12)"), "N" },
    { "period-type", 0, 0, G_OPTION_ARG_STRING, &period_type, N_("Months, quarters or years"), "M|Q|Y" },
    { "breakdown", 0, 0, G_OPTION_ARG_STRING, &breakdown, N_("Breakdown values (default: every breakdown's total)"), N_("NAME=VALUE,…") },
    { "figures", 0, 0, G_OPTION_ARG_NONE, &figures, N_("Every table the figures come from"), NULL },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &token_file, N_("A file holding the token"), N_("FILE") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Fetch and count, but write nothing"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Summary format: tsv (default) or json"), "FORMAT" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, N_("[TABLE]"),
                          N_("Fetch the newest key figures from the Jobindsats API and import them."),
                          &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (figures && argc > 1)
    return indsats_cli_usage (cli, _("give either a TABLE or --figures, not both"));
  if (!figures && argc != 2)
    return indsats_cli_usage (cli, argc < 2 ? _("name the table to fetch, or give --figures") : _("fetch one table at a time"));
  if (figures && (areas || breakdown || period_type))
    return indsats_cli_usage (cli, _("--figures fetches what the figures show; --areas, --breakdown and --period-type go with a TABLE"));
  if (latest < 0 || latest > 1000)
    return indsats_cli_usage (cli, _("--latest: give a number of periods from 1 to 1000"));
  if (period_type != NULL && strcmp (period_type, "M") != 0 && strcmp (period_type, "Q") != 0 &&
      strcmp (period_type, "Y") != 0)
    return indsats_cli_usage (cli, _("--period-type: use M (months), Q (quarters) or Y (years), not “%s”"), period_type);

  /* the keyring only where there is a session bus to reach it: never start one */
  bus = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  if (!(token = indsats_jobindsats_find_token (token_file, bus != NULL && *bus != '\0', &error)) ||
      !(store = indsats_cli_open_store (cli, &error)))
    return indsats_cli_fail (cli, error);

  if (figures)
    {
      g_autoptr(GPtrArray) wanted = indsats_fetch_figure_requests (store, &error);

      if (wanted == NULL)
        return indsats_cli_fail (cli, error);
      if (wanted->len == 0)
        return indsats_cli_fail_message (cli, _("no figure shows key figures from a Jobindsats table yet; "
                                              "fetch a table first (indsats fetch TABLE) and make a figure of it"));
      for (guint r = 0; r < wanted->len; r++)
        ((IndsatsFetchRequest *) g_ptr_array_index (wanted, r))->latest = latest;
      indsats_fetch_add_areas (wanted, (const char * const *) compared);
      g_ptr_array_extend_and_steal (requests, g_steal_pointer (&wanted));
    }
  else
    {
      g_autofree char *table = NULL;
      IndsatsFetchRequest *request;

      if (!indsats_import_check_table_id (argv[1], &table, &error))
        return indsats_cli_usage (cli, "%s", error->message);
      request = indsats_fetch_request_new (table);
      g_ptr_array_add (requests, request);
      request->latest = latest;
      request->period_type = g_strdup (period_type);
      if (breakdown != NULL)
        add_list (request->breakdowns, breakdown);
      if (areas != NULL)
        add_list (request->areas, areas);
      else
        {
          g_autoptr(GPtrArray) used = indsats_store_list_figure_areas (store, &error);

          if (used == NULL)
            return indsats_cli_fail (cli, error);
          /* the areas compared (Preferences), then the figures' */
          for (guint a = 0; compared[a]; a++)
            g_ptr_array_add (request->areas, g_strdup (compared[a]));
          g_ptr_array_add (used, NULL);
          indsats_fetch_add_areas (requests, (const char * const *) used->pdata);
          request->skip_unknown = TRUE;
        }
      if (request->areas->len == 0)
        g_ptr_array_add (request->areas, g_strdup ("Hele landet"));
    }

  client = indsats_jobindsats_new (NULL, token);
  if (!(summary = indsats_fetch (store, client, requests, dry_run, NULL, NULL, NULL, &error)) ||
      !indsats_cli_print_import_summary (summary, format, TRUE, dry_run, &error))
    return indsats_cli_fail (cli, error);
  /* every figure is up to date: the window need not fetch at its next start
   * (settings are written through the session bus, so only where there is one,
   * or a backend of its own is named: a cron job gets no warnings) */
  if (figures && !dry_run && ((bus != NULL && *bus != '\0') || g_getenv ("GSETTINGS_BACKEND") != NULL))
    indsats_settings_note_update ();
  return INDSATS_EXIT_OK;
}
