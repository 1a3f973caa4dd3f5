/* indsats-cli-snapshot.c: `indsats snapshot create|list|delete` and `indsats changes --since` */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "indsats-changes.h"
#include "indsats-cli-private.h"
#include "indsats-format.h"

static const char * const snapshot_columns[] = { "name", "date", "created", NULL };
static const char * const change_columns[] = { "kind", "id", "what", "old", "new", NULL };

/* The one argument NAME, or a usage message */
static gboolean
parse_name (IndsatsCli  *cli,
            int          argc,
            char       **argv,
            const char **name,
            int         *exit_code)
{
  if (argc < 2)
    {
      *exit_code = indsats_cli_usage (cli, _("name the snapshot, e.g. \"Udvalgsmøde 14.03.2023\""));
      return FALSE;
    }
  if (argc > 2)
    {
      *exit_code = indsats_cli_usage (cli, _("unexpected argument “%s”; put a name with spaces in quotes"), argv[2]);
      return FALSE;
    }
  *name = argv[1];
  return TRUE;
}

static int
snapshot_create (IndsatsCli  *cli,
                 int          argc,
                 char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL, *date_iso = NULL;
  const char *name;
  gint64 plan_id = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The meeting's date (default: today)"), N_("YYYY-MM-DD") },
    { "plan", 0, 0, G_OPTION_ARG_INT64, &plan_id, N_("The plan (default: the first)"), "ID" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, N_("NAME"),
                          N_("Mark a committee meeting: keep the actions and the trigger indicators' latest values."),
                          &argc, &argv, &exit_code) ||
      !parse_name (cli, argc, argv, &name, &exit_code))
    return exit_code;

  /* Check what was typed before anything is opened or written */
  if (date != NULL && !(date_iso = indsats_date_parse (date, &error)))
    return indsats_cli_fail_message (cli, _("--date: %s"), error->message);
  if (date_iso == NULL)
    date_iso = indsats_today_iso ();

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !indsats_snapshot_take (store, plan_id, name, date_iso, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

static int
snapshot_list (IndsatsCli  *cli,
               int          argc,
               char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  IndsatsOutputFormat format;
  gint64 plan_id = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format: tsv (default) or json"), "FORMAT" },
    { "plan", 0, 0, G_OPTION_ARG_INT64, &plan_id, N_("The plan (default: the first)"), "ID" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "", N_("List the committee meetings marked so far."), &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !(snapshots = indsats_store_list_snapshots (store, plan_id, &error)))
    return indsats_cli_fail (cli, error);

  table = indsats_cli_table_new (format, snapshot_columns);
  for (guint i = 0; i < snapshots->len; i++)
    {
      IndsatsSnapshot *s = g_ptr_array_index (snapshots, i);

      indsats_cli_table_add_text (table, s->name);
      indsats_cli_table_add_text (table, s->meeting_date);
      indsats_cli_table_add_text (table, s->created_at);
    }
  if (!indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

static int
snapshot_delete (IndsatsCli  *cli,
                 int          argc,
                 char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 plan_id = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "plan", 0, 0, G_OPTION_ARG_INT64, &plan_id, N_("The plan (default: the first)"), "ID" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, N_("NAME"), N_("Forget a committee meeting; the plan itself is unchanged."),
                          &argc, &argv, &exit_code) ||
      !parse_name (cli, argc, argv, &name, &exit_code))
    return exit_code;

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !indsats_store_delete_snapshot (store, plan_id, name, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

static const IndsatsCliSubcommand subcommands[] = {
  { "create", snapshot_create },
  { "list", snapshot_list },
  { "delete", snapshot_delete },
};

int
indsats_cli_snapshot (IndsatsCli  *cli,
                      int          argc,
                      char       **argv)
{
  return indsats_cli_dispatch (cli, argc, argv, "snapshot", subcommands, G_N_ELEMENTS (subcommands));
}

int
indsats_cli_changes (IndsatsCli  *cli,
                     int          argc,
                     char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL, *since = NULL;
  IndsatsOutputFormat format;
  gint64 plan_id = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("The snapshot to compare with"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format: tsv (default) or json"), "FORMAT" },
    { "plan", 0, 0, G_OPTION_ARG_INT64, &plan_id, N_("The plan (default: the first)"), "ID" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "", N_("Say what changed since a committee meeting."), &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (since == NULL)
    return indsats_cli_usage (cli, _("--since is required: the snapshot's name, as `indsats snapshot list` shows it"));

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !(snapshot = indsats_store_get_snapshot (store, plan_id, since, &error)) ||
      !(changes = indsats_changes_since (store, plan_id, snapshot, &error)))
    return indsats_cli_fail (cli, error);

  table = indsats_cli_table_new (format, change_columns);
  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsChange *c = g_ptr_array_index (changes, i);

      indsats_cli_table_add_text (table, c->kind);
      indsats_cli_table_add_text (table, c->id);
      indsats_cli_table_add_text (table, c->what);
      indsats_cli_table_add_text (table, c->old_value);
      indsats_cli_table_add_text (table, c->new_value);
    }
  if (!indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}
