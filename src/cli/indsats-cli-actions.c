/* indsats-cli-actions.c: `indsats actions list|add|edit|delete|history` */
#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "indsats-cli-private.h"
#include "indsats-error.h"
#include "indsats-format.h"

static const char * const action_columns[] = {
  "id", "team", "focus", "action", "owner", "start_date", "status", "started_on", NULL
};

static gboolean
add_action_cb (const IndsatsAction  *a,
               gpointer              user_data,
               GError              **error)
{
  IndsatsCliTable *table = user_data;

  indsats_cli_table_add_int (table, a->id);
  indsats_cli_table_add_text (table, a->team);
  indsats_cli_table_add_text (table, a->focus);
  indsats_cli_table_add_text (table, a->text);
  indsats_cli_table_add_text (table, a->owner);
  indsats_cli_table_add_text (table, a->start_date);
  indsats_cli_table_add_text (table, indsats_status_to_string (a->status));
  indsats_cli_table_add_text (table, a->started_on);
  return TRUE;
}

static int
actions_list (IndsatsCli  *cli,
              int          argc,
              char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL, *plan_text = NULL;
  IndsatsOutputFormat format;
  gint64 plan_id = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format: tsv (default) or json"), "FORMAT" },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_text, N_("The plan (default: the first)"), "ID" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "", N_("List the plan's actions."), &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code) ||
      !indsats_cli_parse_plan (cli, plan_text, &plan_id, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);

  if (!(store = indsats_cli_open_store_to_read (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)))
    return indsats_cli_fail (cli, error);

  table = indsats_cli_table_new (format, action_columns);
  if (!indsats_store_foreach_action (store, plan_id, add_action_cb, table, &error) ||
      !indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

/* A date option: a real date in the accepted range, or wrong usage */
static gboolean
parse_date_option (IndsatsCli  *cli,
                   const char  *option,
                   const char  *text,
                   char       **iso,
                   int         *exit_code)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    return TRUE;
  if (!(*iso = indsats_date_parse (text, &error)))
    {
      *exit_code = indsats_cli_usage (cli, "%s: %s", option, error->message);
      return FALSE;
    }
  return TRUE;
}

/* The evaluation date comes after the start; both were typed */
static gboolean
check_dates (IndsatsCli *cli,
             const char *start_iso,
             const char *end_iso,
             int        *exit_code)
{
  if (start_iso != NULL && end_iso != NULL && strcmp (end_iso, start_iso) < 0)
    {
      *exit_code = indsats_cli_usage (cli, _("--end %s is before --start %s; an action is evaluated after it "
                                      "takes effect"), end_iso, start_iso);
      return FALSE;
    }
  return TRUE;
}

static int
actions_add (IndsatsCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *team = NULL, *focus = NULL, *owner = NULL, *start = NULL, *end = NULL;
  g_autofree char *text = NULL, *status = NULL, *note = NULL, *start_iso = NULL, *end_iso = NULL;
  g_autofree char *plan_text = NULL, *started_on = NULL, *started_on_iso = NULL;
  IndsatsAction action = { 0 };
  gint64 plan_id = 0, id;
  int exit_code;
  GOptionEntry entries[] = {
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, N_("The team"), "TEAM" },
    { "focus", 0, 0, G_OPTION_ARG_STRING, &focus, N_("The focus area"), N_("FOCUS") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Who carries the action out"), N_("OWNER") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("When it takes effect"), N_("YYYY-MM-DD") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("When it is evaluated (not before --start)"), N_("YYYY-MM-DD") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The action"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("planned (default), started, done or dropped"), N_("STATUS") },
    { "started-on", 0, 0, G_OPTION_ARG_STRING, &started_on,
      N_("The day it actually started, for one that has (default: today when --status started)"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("NOTE") },
    { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_text, N_("The plan (default: the first)"), "ID" },
    { NULL }
  };
  struct { const char *name; const char *value; } required[] = {
    { "--team", NULL }, { "--focus", NULL }, { "--owner", NULL }, { "--start", NULL }, { "--text", NULL },
  };

  if (!indsats_cli_parse (cli, entries, "", N_("Add an action to the plan."), &argc, &argv, &exit_code) ||
      !indsats_cli_parse_plan (cli, plan_text, &plan_id, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  required[0].value = team;
  required[1].value = focus;
  required[2].value = owner;
  required[3].value = start;
  required[4].value = text;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (required[i].value == NULL)
      return indsats_cli_usage (cli, _("%s is required"), required[i].name);

  /* Check what was typed before anything is opened or written */
  if (!parse_date_option (cli, "--start", start, &start_iso, &exit_code) ||
      !parse_date_option (cli, "--end", end && *end ? end : NULL, &end_iso, &exit_code) ||
      !parse_date_option (cli, "--started-on", started_on, &started_on_iso, &exit_code) ||
      !check_dates (cli, start_iso, end_iso, &exit_code) ||
      !indsats_cli_check_text (cli, "--text", text, _("describe the action"), &exit_code) ||
      !indsats_cli_check_text (cli, "--team", team, _("name the team"), &exit_code) ||
      !indsats_cli_check_text (cli, "--focus", focus, _("name the focus area"), &exit_code) ||
      !indsats_cli_check_text (cli, "--owner", owner, _("say who carries the action out"), &exit_code))
    return exit_code;
  action.status = INDSATS_STATUS_PLANNED;
  if (status != NULL && !indsats_status_from_string (status, &action.status, &error))
    return indsats_cli_usage (cli, _("--status: %s"), error->message);

  action.team = team;
  action.focus = focus;
  action.owner = owner;
  action.start_date = start_iso;
  action.end_date = end_iso;
  action.started_on = started_on_iso;
  action.text = text;
  action.note = note;

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(plan_id = indsats_cli_resolve_plan (store, plan_id, &error)) ||
      !(id = indsats_store_add_action (store, plan_id, &action, &error)))
    return indsats_cli_fail (cli, error);

  printf ("%" G_GINT64_FORMAT "\n", id);
  return INDSATS_EXIT_OK;
}


static gboolean
parse_action_id (IndsatsCli  *cli,
                 int          argc,
                 char       **argv,
                 gint64      *id,
                 int         *exit_code)
{
  if (argc < 2)
    {
      *exit_code = indsats_cli_usage (cli, _("say which action: its id, as `indsats actions list` shows it"));
      return FALSE;
    }
  if (argc > 2)
    {
      *exit_code = indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[2]);
      return FALSE;
    }
  return indsats_cli_parse_id (cli, argv[1], _("an action id"), G_MAXINT64, id, exit_code);
}

static int
actions_edit (IndsatsCli  *cli,
              int          argc,
              char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsAction) action = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *team = NULL, *focus = NULL, *owner = NULL, *start = NULL, *end = NULL;
  g_autofree char *text = NULL, *status = NULL, *note = NULL, *start_iso = NULL, *end_iso = NULL;
  g_autofree char *started_on = NULL, *started_on_iso = NULL;
  IndsatsStatus new_status = INDSATS_STATUS_PLANNED;
  IndsatsActionFields fields = 0;
  gint64 id;
  int exit_code;
  GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The action"), N_("TEXT") },
    { "team", 0, 0, G_OPTION_ARG_STRING, &team, N_("Move it to this team"), "TEAM" },
    { "focus", 0, 0, G_OPTION_ARG_STRING, &focus, N_("Move it to this focus area"), N_("FOCUS") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Who carries it out"), N_("OWNER") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start, N_("When it takes effect"), N_("YYYY-MM-DD") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("planned, started, done or dropped"), N_("STATUS") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end, N_("When it is evaluated, not before the start (empty to clear)"),
      N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("NOTE") },
    { "started-on", 0, 0, G_OPTION_ARG_STRING, &started_on,
      N_("The day it actually started, not after today (empty to clear)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "ID", N_("Change an action; the change is recorded in its history."),
                          &argc, &argv, &exit_code) ||
      !parse_action_id (cli, argc, argv, &id, &exit_code))
    return exit_code;
  if (!text && !team && !focus && !owner && !start && !status && !end && !note && !started_on)
    return indsats_cli_usage (cli, _("say what to change, e.g. --status started"));

  /* Check what was typed before anything is opened or written */
  if (!parse_date_option (cli, "--start", start, &start_iso, &exit_code) ||
      !parse_date_option (cli, "--end", end && *end ? end : NULL, &end_iso, &exit_code) ||
      !parse_date_option (cli, "--started-on", started_on && *started_on ? started_on : NULL, &started_on_iso,
                          &exit_code) ||
      !check_dates (cli, start_iso, end_iso, &exit_code) ||
      !indsats_cli_check_text (cli, "--text", text, _("describe the action"), &exit_code) ||
      !indsats_cli_check_text (cli, "--team", team, _("name the team"), &exit_code) ||
      !indsats_cli_check_text (cli, "--focus", focus, _("name the focus area"), &exit_code) ||
      !indsats_cli_check_text (cli, "--owner", owner, _("say who carries the action out"), &exit_code))
    return exit_code;
  if (status && !indsats_status_from_string (status, &new_status, &error))
    return indsats_cli_usage (cli, _("--status: %s"), error->message);

  /* only the fields named on the command line are written */
  action = indsats_action_new ();
  action->id = id;
#define TAKE(flag, field, value) \
  if (value) { action->field = g_strdup (value); fields |= (flag); }
  TAKE (INDSATS_ACTION_FIELD_TEXT, text, text);
  TAKE (INDSATS_ACTION_FIELD_TEAM, team, team);
  TAKE (INDSATS_ACTION_FIELD_FOCUS, focus, focus);
  TAKE (INDSATS_ACTION_FIELD_OWNER, owner, owner);
  TAKE (INDSATS_ACTION_FIELD_START, start_date, start_iso);
  TAKE (INDSATS_ACTION_FIELD_NOTE, note, note);
#undef TAKE
  if (end)
    {
      action->end_date = g_strdup (end_iso);
      fields |= INDSATS_ACTION_FIELD_END;
    }
  if (status)
    {
      action->status = new_status;
      fields |= INDSATS_ACTION_FIELD_STATUS;
    }
  if (started_on)
    {
      action->started_on = g_strdup (started_on_iso);
      fields |= INDSATS_ACTION_FIELD_STARTED_ON;
    }

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !indsats_store_update_action (store, action, fields, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

static int
actions_delete (IndsatsCli  *cli,
                int          argc,
                char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsAction) deleted = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };
  gint64 id;
  int exit_code;

  if (!indsats_cli_parse (cli, entries, "ID", N_("Delete an action; its history is kept."),
                          &argc, &argv, &exit_code) ||
      !parse_action_id (cli, argc, argv, &id, &exit_code))
    return exit_code;
  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(deleted = indsats_store_delete_action (store, id, &error)))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

static const char * const history_columns[] = { "when", "field", "old", "new", "by", NULL };

static int
actions_history (IndsatsCli  *cli,
                 int          argc,
                 char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GPtrArray) entries_list = NULL;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  IndsatsOutputFormat format;
  gint64 id;
  int exit_code;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format: tsv (default) or json"), "FORMAT" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "ID", N_("Show an action's changes, newest first."),
                          &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code) ||
      !parse_action_id (cli, argc, argv, &id, &exit_code))
    return exit_code;
  if (!(store = indsats_cli_open_store_to_read (cli, &error)) ||
      !(entries_list = indsats_store_list_history (store, id, &error)))
    return indsats_cli_fail (cli, error);
  if (entries_list->len == 0)
    return indsats_cli_fail_message (cli, _("There is no action %" PRId64 " and none was deleted"), id);

  table = indsats_cli_table_new (format, history_columns);
  for (guint i = 0; i < entries_list->len; i++)
    {
      IndsatsHistoryEntry *e = g_ptr_array_index (entries_list, i);

      indsats_cli_table_add_text (table, e->changed_at);
      indsats_cli_table_add_text (table, e->field);
      indsats_cli_table_add_text (table, e->old_value);
      indsats_cli_table_add_text (table, e->new_value);
      indsats_cli_table_add_text (table, e->changed_by);
    }
  if (!indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

static const IndsatsCliSubcommand subcommands[] = {
  { "list", actions_list },
  { "add", actions_add },
  { "edit", actions_edit },
  { "delete", actions_delete },
  { "history", actions_history },
};

int
indsats_cli_actions (IndsatsCli  *cli,
                     int          argc,
                     char       **argv)
{
  return indsats_cli_dispatch (cli, argc, argv, "actions", subcommands, G_N_ELEMENTS (subcommands));
}
