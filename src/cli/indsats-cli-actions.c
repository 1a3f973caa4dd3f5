/* indsats-cli-actions.c: `indsats actions list|add` */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "indsats-cli-private.h"
#include "indsats-error.h"
#include "indsats-format.h"

static const char * const action_columns[] = {
  "id", "team", "focus", "action", "owner", "start_date", "status", NULL
};

static int
actions_list (IndsatsCli  *cli,
              int          argc,
              char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  IndsatsOutputFormat format;
  gint64 plan_id = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, "Output format: tsv (default) or json", "FORMAT" },
    { "plan", 0, 0, G_OPTION_ARG_INT64, &plan_id, "The plan (default: the first)", "ID" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "", "List the plan's actions.", &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, "unexpected argument “%s”", argv[1]);

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !(actions = indsats_store_list_actions (store, plan_id, &error)))
    return indsats_cli_fail (cli, error);

  table = indsats_cli_table_new (format, action_columns);
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);

      indsats_cli_table_add_int (table, a->id);
      indsats_cli_table_add_text (table, a->team);
      indsats_cli_table_add_text (table, a->focus);
      indsats_cli_table_add_text (table, a->text);
      indsats_cli_table_add_text (table, a->owner);
      indsats_cli_table_add_text (table, a->start_date);
      indsats_cli_table_add_text (table, indsats_status_to_string (a->status));
    }
  if (!indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

static int
actions_add (IndsatsCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *team = NULL, *focus = NULL, *owner = NULL, *start = NULL;
  g_autofree char *text = NULL, *status = NULL, *note = NULL, *start_iso = NULL;
  IndsatsAction action = { 0 };
  gint64 plan_id = 0, id;
  int exit_code;
  GOptionEntry entries[] = {
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, "The team", "TEAM" },
    { "focus", 0, 0, G_OPTION_ARG_STRING, &focus, "The focus area", "FOCUS" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, "Who carries the action out", "OWNER" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, "When it takes effect", "YYYY-MM-DD" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, "The action", "TEXT" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, "planned (default), started, done or dropped", "STATUS" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, "A note", "NOTE" },
    { "plan", 0, 0, G_OPTION_ARG_INT64, &plan_id, "The plan (default: the first)", "ID" },
    { NULL }
  };
  struct { const char *name; const char *value; } required[] = {
    { "--team", NULL }, { "--focus", NULL }, { "--owner", NULL }, { "--start", NULL }, { "--text", NULL },
  };

  if (!indsats_cli_parse (cli, entries, "", "Add an action to the plan.", &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, "unexpected argument “%s”", argv[1]);
  required[0].value = team;
  required[1].value = focus;
  required[2].value = owner;
  required[3].value = start;
  required[4].value = text;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (required[i].value == NULL)
      return indsats_cli_usage (cli, "%s is required", required[i].name);

  /* Check what was typed before anything is opened or written */
  if (!(start_iso = indsats_date_parse (start, &error)))
    return indsats_cli_fail_message (cli, "--start: %s", error->message);
  if (indsats_text_is_blank (text))
    return indsats_cli_fail_message (cli, "--text is empty; describe the action");
  if (indsats_text_is_blank (team))
    return indsats_cli_fail_message (cli, "--team is empty; name the team");
  if (indsats_text_is_blank (focus))
    return indsats_cli_fail_message (cli, "--focus is empty; name the focus area");
  action.status = INDSATS_STATUS_PLANNED;
  if (status != NULL && !indsats_status_from_string (status, &action.status, &error))
    return indsats_cli_fail_message (cli, "--status: %s", error->message);

  action.team = team;
  action.focus = focus;
  action.owner = owner;
  action.start_date = start_iso;
  action.text = text;
  action.note = note;

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !(id = indsats_store_add_action (store, plan_id, &action, &error)))
    return indsats_cli_fail (cli, error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return INDSATS_EXIT_OK;
}

typedef struct
{
  const char            *name;
  IndsatsCliCommandFunc  func;
} Subcommand;

static const Subcommand subcommands[] = {
  { "list", actions_list },
  { "add", actions_add },
};

int
indsats_cli_actions (IndsatsCli  *cli,
                     int          argc,
                     char       **argv)
{
  if (argc < 2)
    return indsats_cli_usage (cli, "say what to do: list or add");

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      {
        g_autofree char *name = g_strdup_printf ("actions %s", argv[1]);
        const char *saved = cli->command;
        int status;

        cli->command = name;
        status = subcommands[i].func (cli, argc - 1, argv + 1);
        cli->command = saved;
        return status;
      }
  return indsats_cli_usage (cli, "unknown action command “%s” (use list or add)", argv[1]);
}
