/* indsats-cli.c
 *
 * The command line: `indsats SUBCOMMAND …`. Exit status 0 when done, 1 when
 * the command failed (one line on stderr says what, where and what to do),
 * 2 for wrong usage. A command that fails changes nothing: each writes in one
 * transaction.
 */
#include "config.h"

#include "indsats-cli.h"
#include "indsats-cli-private.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-module.h"

static int run_fetch  (IndsatsCli *cli, int argc, char **argv);
static int run_export (IndsatsCli *cli, int argc, char **argv);

typedef struct
{
  const char            *name;
  IndsatsCliCommandFunc  func;
  const char            *summary;
} Command;

static const Command commands[] = {
  { "demo", indsats_cli_demo, "write the demo plan and goals into the database" },
  { "actions", indsats_cli_actions, "list, add, edit and delete the plan's actions" },
  { "figure", indsats_cli_figure, "list, add and draw the numbered figures" },
  { "import", indsats_cli_import, "import key figures from Jobindsats files" },
  { "fetch", run_fetch, "fetch the newest key figures from the Jobindsats API" },
  { "series", indsats_cli_series, "list the key figures" },
  { "export", run_export, "write the committee's Excel workbook" },
  { "snapshot", indsats_cli_snapshot, "mark a committee meeting, list and delete the marks" },
  { "changes", indsats_cli_changes, "say what changed since a committee meeting" },
  { "copy", indsats_cli_copy, "copy a whole store into an empty one, SQLite or PostgreSQL" },
};

static const char usage_text[] = N_(
  "Usage:\n"
  "  indsats [--database FILE] [--demo]            open the window\n"
  "  indsats demo --database FILE                  write the demo plan into FILE\n"
  "  indsats actions list [--format tsv|json]\n"
  "  indsats actions add --team T --focus F --owner O --start YYYY-MM-DD --text TEXT [--status S]\n"
  "                      [--end YYYY-MM-DD] [--note N]\n"
  "  indsats actions edit ID [--text T] [--team T] [--focus F] [--owner O] [--start YYYY-MM-DD]\n"
  "                      [--end YYYY-MM-DD] [--status S] [--note N]\n"
  "  indsats actions delete ID\n"
  "  indsats actions history ID [--format tsv|json]\n"
  "  indsats import FILE... [--table ID] [--decimal comma|point] [--dry-run]\n"
  "                                                Jobindsats CSV/JSON, or indicator,area,period,value\n"
  "  indsats fetch TABLE [--areas A,B,...] [--latest N] [--period-type M|Q|Y]\n"
  "                [--breakdown NAME=VALUE,...] [--token-file FILE] [--dry-run]\n"
  "  indsats fetch --figures [--token-file FILE] [--dry-run]   the tables the figures come from\n"
  "  indsats series list [--indicator NAME] [--format tsv|json]\n"
  "  indsats figure list [--format tsv|json]\n"
  "  indsats figure add --title T --indicator NAME --areas A,B,... [--kind line|column|bar]\n"
  "                     [--threshold V] [--from P --to P]\n"
  "  indsats figure render NUMBER OUT.png|OUT.svg|OUT.pdf [--width PX --height PX]\n"
  "  indsats figure render all FOLDER [--format png|svg|pdf] [--width PX --height PX]\n"
  "  indsats export xlsx OUT.xlsx\n"
  "  indsats export pdf OUT.pdf [--since NAME] [--meeting YYYY-MM-DD]   the committee briefing, A4\n"
  "  indsats snapshot create NAME [--date YYYY-MM-DD] | snapshot list [--format tsv|json] | snapshot delete NAME\n"
  "  indsats changes --since NAME [--format tsv|json]   kind, id, what, old, new\n"
  "  indsats copy SOURCE TARGET                    a whole store into an empty one\n"
  "\n"
  "Options:\n"
  "  --database FILE   the database (default: $XDG_DATA_HOME/indsats/indsats.db), or a\n"
  "                    PostgreSQL URI: postgresql://[user@]host[:port]/dbname[?sslmode=…]\n"
  "  --help            show this help\n"
  "  --version         show the version\n"
  "  --                end of the options: what follows is an argument, even if it begins with -\n"
  "\n"
  "Statuses: planned, started, done, dropped.\n"
  "Dates (--start, --end): YYYY-MM-DD or dd.mm.yyyy, from 1900-01-01 to 2200-12-31;\n"
  "  --end, when the action is evaluated, is not before --start.\n"
  "Periods (--from, --to): 2023M08, 2023Q2, 2023H1, 2023, 2023QMAT02, of a kind the indicator has.\n"
  "Numbers in imported files: the decimal mark of each column is read from its cells;\n"
  "  --decimal comma|point says it where the cells do not (1.234 may be 1234 or 1.234).\n"
  "Jobindsats: the token from INDSATS_JOBINDSATS_TOKEN or --token-file, the address from\n"
  "INDSATS_JOBINDSATS_URL (default https://api.jobindsats.dk/v3).\n"
  "Exit status: 0 done, 1 failed, 2 wrong usage (also a bad option value); a failed command\n"
  "changes nothing.\n");

/* Reporting */

/* Writes "indsats COMMAND: MESSAGE" as one line on stderr */
static void
report (IndsatsCli *cli,
        const char *message,
        const char *suffix)
{
  g_autofree char *line = g_strdup (message);

  g_strdelimit (line, "\n\r", ' ');
  if (cli->command != NULL)
    fprintf (stderr, "indsats %s: %s%s\n", cli->command, line, suffix);
  else
    fprintf (stderr, "indsats: %s%s\n", line, suffix);
}

int
indsats_cli_fail (IndsatsCli   *cli,
                  const GError *error)
{
  report (cli, error ? error->message : _("failed"), "");
  return INDSATS_EXIT_FAILED;
}

int
indsats_cli_fail_message (IndsatsCli *cli,
                          const char *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  report (cli, message, "");
  return INDSATS_EXIT_FAILED;
}

int
indsats_cli_usage (IndsatsCli *cli,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  report (cli, message, _(" (see indsats --help)"));
  return INDSATS_EXIT_USAGE;
}

/* Commands in modules */

/* What each module is for, for the message when it cannot be loaded */
static const char *
module_purpose (const char *module)
{
  if (strcmp (module, INDSATS_CLI_RENDER_MODULE) == 0)
    return _("draws figures");
  if (strcmp (module, INDSATS_CLI_EXPORT_MODULE) == 0)
    return _("writes workbooks and briefings");
  if (strcmp (module, INDSATS_CLI_FETCH_MODULE) == 0)
    return _("fetches key figures from Jobindsats");
  return module;
}

int
indsats_cli_run_module (IndsatsCli  *cli,
                        const char  *module,
                        const char  *command,
                        int          argc,
                        char       **argv)
{
  g_autoptr(GError) error = NULL;
  IndsatsCliCommandFunc func;

  if (!(func = (IndsatsCliCommandFunc) indsats_module_lookup (module, command, module_purpose (module), &error)))
    return indsats_cli_fail (cli, error);
  return func (cli, argc, argv);
}

static int
run_fetch (IndsatsCli  *cli,
           int          argc,
           char       **argv)
{
  return indsats_cli_run_module (cli, INDSATS_CLI_FETCH_MODULE, "indsats_cli_fetch", argc, argv);
}

static int
run_export (IndsatsCli  *cli,
            int          argc,
            char       **argv)
{
  return indsats_cli_run_module (cli, INDSATS_CLI_EXPORT_MODULE, "indsats_cli_export", argc, argv);
}

/* Common steps */

/* Says on stderr what bringing the database up to date changed */
static IndsatsStore *
tell_notes (IndsatsStore *store,
            const char   *path)
{
  GPtrArray *notes = store ? indsats_store_get_notes (store) : NULL;

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    fprintf (stderr, _("indsats: “%s” was brought up to date: %s\n"), path, (const char *) g_ptr_array_index (notes, i));
  return store;
}

/* How long a command waits for another program's change to the store */
#define INDSATS_CLI_WAIT (60 * 1000)

/* Opens the database, making it when it is not there */
IndsatsStore *
indsats_cli_open_store (IndsatsCli  *cli,
                        GError     **error)
{
  g_autofree char *path = cli->database ? g_strdup (cli->database) : indsats_store_default_path ();
  IndsatsStore *store = tell_notes (indsats_store_open (path, error), path);

  /* a command in a script would rather wait for another person's import
   * than fail; a window, which must not hang, keeps the short wait */
  if (store != NULL)
    indsats_store_set_wait (store, INDSATS_CLI_WAIT);
  return store;
}

/**
 * indsats_cli_open_store_to_read:
 *
 * Opens the database for a command that only reads: a missing one is not
 * made (a mistyped path would leave an empty database behind), but named.
 */
IndsatsStore *
indsats_cli_open_store_to_read (IndsatsCli  *cli,
                                GError     **error)
{
  g_autofree char *path = cli->database ? g_strdup (cli->database) : indsats_store_default_path ();
  g_autoptr(GError) local_error = NULL;
  IndsatsStore *store;

  if ((store = indsats_store_open_existing (path, &local_error)))
    return tell_notes (store, path);
  if (g_error_matches (local_error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND))
    {
      /* an address with a password in it is not said back */
      if (!indsats_store_check_name (path, NULL))
        {
          g_free (path);
          path = indsats_store_describe_name (cli->database);
        }
      /* quoted for the shell only when it needs it */
      gboolean plain = strspn (path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+")
                       == strlen (path);
      g_autofree char *quoted = plain ? g_strdup (path) : g_shell_quote (path);

      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   _("no database at %s; `indsats demo --database %s` makes one"), path, quoted);
      return NULL;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * indsats_cli_parse:
 * @exit_code: (out): set when parsing fails or --help was asked for
 *
 * Parses the options of one command; what is left of @argv are its arguments.
 */
gboolean
indsats_cli_parse (IndsatsCli    *cli,
                   GOptionEntry  *entries,
                   const char    *parameter_string,
                   const char    *summary,
                   int           *argc,
                   char        ***argv,
                   int           *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);
  g_autoptr(GError) error = NULL;

  /* the options' descriptions, the summary and the parameters are in Danish too */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = indsats_cli_usage (cli, "%s", error->message);
      return FALSE;
    }
  /* anything left before "--" that looks like an option was not understood;
   * "--" itself goes, and what follows it is taken as it is */
  for (int i = 1; i < *argc; i++)
    {
      if (strcmp ((*argv)[i], "--") == 0)
        {
          memmove (*argv + i, *argv + i + 1, sizeof (char *) * (*argc - i));
          (*argc)--;
          break;
        }
      if ((*argv)[i][0] == '-' && (*argv)[i][1] != '\0' && !g_ascii_isdigit ((*argv)[i][1]))
        {
          *exit_code = indsats_cli_usage (cli, _("unknown option %s"), (*argv)[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * indsats_cli_parse_id:
 * @what: what the number names, for the message: "an action id"
 * @max: the largest such number
 * @exit_code: (out): set to wrong usage when @text is not one
 *
 * Reads a whole number from 1 to @max, written in digits only.
 */
gboolean
indsats_cli_parse_id (IndsatsCli  *cli,
                      const char  *text,
                      const char  *what,
                      gint64       max,
                      gint64      *id,
                      int         *exit_code)
{
  guint64 value = 0;
  gboolean ok = text != NULL && *text != '\0';

  for (const char *c = text; ok && *c; c++)
    {
      if (!g_ascii_isdigit (*c) || value > ((guint64) max - (guint64) (*c - '0')) / 10)
        ok = FALSE;
      else
        value = value * 10 + (guint64) (*c - '0');
    }
  if (!ok || value == 0)
    {
      *exit_code = indsats_cli_usage (cli, _("“%s” is not %s: write a whole number from 1 to %" PRId64),
                                      text ? text : "", what, max);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

/**
 * indsats_cli_check_text:
 * @option: the option's name, "--team"
 * @what: what to say instead: "name the team"
 *
 * Returns: %FALSE, with wrong usage in @exit_code, when @text is given but blank
 */
gboolean
indsats_cli_check_text (IndsatsCli *cli,
                        const char *option,
                        const char *text,
                        const char *what,
                        int        *exit_code)
{
  if (text != NULL && indsats_text_is_blank (text))
    {
      *exit_code = indsats_cli_usage (cli, _("%s is empty; %s"), option, what);
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_cli_parse_plan:
 * @text: (nullable): the --plan option's value
 * @plan_id: (out): the plan asked for, or 0 for the first
 */
gboolean
indsats_cli_parse_plan (IndsatsCli *cli,
                        const char *text,
                        gint64     *plan_id,
                        int        *exit_code)
{
  *plan_id = 0;
  if (text == NULL)
    return TRUE;
  return indsats_cli_parse_id (cli, text, _("a plan id"), G_MAXINT64, plan_id, exit_code);
}

gboolean
indsats_cli_parse_format (IndsatsCli          *cli,
                          const char          *text,
                          IndsatsOutputFormat *format,
                          int                 *exit_code)
{
  if (text == NULL || strcmp (text, "tsv") == 0)
    *format = INDSATS_FORMAT_TSV;
  else if (strcmp (text, "json") == 0)
    *format = INDSATS_FORMAT_JSON;
  else
    {
      *exit_code = indsats_cli_usage (cli, _("unknown format “%s” (use tsv or json)"), text);
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_cli_resolve_plan:
 * @plan_id: the plan asked for, or 0 for the first plan
 *
 * Returns: the plan's id, or 0 with @error set
 */
gint64
indsats_cli_resolve_plan (IndsatsStore  *store,
                          gint64         plan_id,
                          GError       **error)
{
  g_autoptr(IndsatsPlan) plan = NULL;

  if (plan_id > 0)
    {
      plan = indsats_store_get_plan (store, plan_id, error);
      return plan ? plan_id : 0;
    }
  plan_id = indsats_store_get_first_plan_id (store, error);
  if (plan_id == 0)
    {
      g_autofree char *said = indsats_store_name_without_password (indsats_store_get_path (store));

      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   _("“%s” holds no plan yet; write the demo plan with "
                   "`indsats demo --database %s` or create a plan in the window"),
                   said, said);
    }
  return plan_id > 0 ? plan_id : 0;
}

/**
 * indsats_cli_dispatch:
 * @group: the command the subcommands belong to: "actions"
 * @subcommands: (array length=n): its subcommands
 *
 * Runs the subcommand named in argv[1], with the command's name in messages.
 */
int
indsats_cli_dispatch (IndsatsCli              *cli,
                      int                      argc,
                      char                   **argv,
                      const char              *group,
                      const IndsatsCliSubcommand *subcommands,
                      guint                    n)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (names, "%s%s", i == 0 ? "" : i + 1 == n ? _(" or ") : ", ", subcommands[i].name);
  if (argc < 2)
    return indsats_cli_usage (cli, _("say what to do: %s"), names->str);

  for (guint i = 0; i < n; i++)
    if (strcmp (argv[1], subcommands[i].name) == 0)
      {
        g_autofree char *name = g_strdup_printf ("%s %s", group, argv[1]);
        const char *saved = cli->command;
        int status;

        cli->command = name;
        status = subcommands[i].func (cli, argc - 1, argv + 1);
        cli->command = saved;
        return status;
      }
  return indsats_cli_usage (cli, _("unknown %s command “%s” (use %s)"), group, argv[1], names->str);
}

/* Tables: written as they are filled, a buffer at a time, so that memory
 * stays the same whatever the number of rows */

#define TABLE_BUFFER_SIZE (64 * 1024)

struct _IndsatsCliTable
{
  IndsatsOutputFormat  format;
  GStrv                columns;
  guint                n_columns;
  guint                column;
  gboolean             any_row;
  gboolean             failed;   /* a write failed */
  GString             *out;      /* not yet written */
};

/* Writes what is buffered; the first failure is remembered for _print() */
static void
flush_table (IndsatsCliTable *t)
{
  if (!t->failed && t->out->len > 0 && fwrite (t->out->str, 1, t->out->len, stdout) != t->out->len)
    t->failed = TRUE;
  g_string_truncate (t->out, 0);
}

IndsatsCliTable *
indsats_cli_table_new (IndsatsOutputFormat  format,
                       const char * const  *columns)
{
  IndsatsCliTable *t = g_new0 (IndsatsCliTable, 1);

  t->format = format;
  t->columns = g_strdupv ((char **) columns);
  t->n_columns = g_strv_length (t->columns);
  t->out = g_string_sized_new (TABLE_BUFFER_SIZE + 1024);
  if (format == INDSATS_FORMAT_TSV)
    {
      g_autofree char *header = g_strjoinv ("\t", t->columns);
      g_string_append (t->out, header);
      g_string_append_c (t->out, '\n');
    }
  else
    g_string_append (t->out, "[\n");
  return t;
}

/* Frees @t; what was not yet written is dropped, so that a command that
 * fails early prints nothing */
void
indsats_cli_table_free (IndsatsCliTable *t)
{
  if (t == NULL)
    return;
  g_strfreev (t->columns);
  g_string_free (t->out, TRUE);
  g_free (t);
}

/* json as the pretty printer of JSON-GLib writes it: two spaces a level */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const unsigned char *c = (const unsigned char *) text; *c; c++)
    switch (*c)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\b': g_string_append (out, "\\b"); break;
      case '\f': g_string_append (out, "\\f"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if (*c < 0x20)
          g_string_append_printf (out, "\\u%04x", *c);
        else
          g_string_append_c (out, (char) *c);
        break;
      }
  g_string_append_c (out, '"');
}

/* Moves to the next cell; for json, names it */
static void
next_cell (IndsatsCliTable *t)
{
  if (t->format == INDSATS_FORMAT_TSV)
    {
      if (t->column > 0)
        g_string_append_c (t->out, '\t');
      return;
    }
  if (t->column == 0)
    g_string_append (t->out, t->any_row ? ",\n  {\n" : "  {\n");
  else
    g_string_append (t->out, ",\n");
  g_string_append (t->out, "    ");
  append_json_string (t->out, t->columns[t->column]);
  g_string_append (t->out, " : ");
}

static void
end_cell (IndsatsCliTable *t)
{
  if (++t->column < t->n_columns)
    return;
  t->column = 0;
  t->any_row = TRUE;
  if (t->format == INDSATS_FORMAT_TSV)
    g_string_append_c (t->out, '\n');
  else
    g_string_append (t->out, "\n  }");
  if (t->out->len >= TABLE_BUFFER_SIZE)
    flush_table (t);
}

/* Tabs and line breaks inside a cell are written \t and \n, a backslash \\ */
static void
append_tsv_escaped (GString    *out,
                    const char *text)
{
  for (const char *c = text; *c; c++)
    switch (*c)
      {
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\\': g_string_append (out, "\\\\"); break;
      default: g_string_append_c (out, *c); break;
      }
}

void
indsats_cli_table_add_text (IndsatsCliTable *t,
                            const char      *text)
{
  next_cell (t);
  if (t->format == INDSATS_FORMAT_TSV)
    append_tsv_escaped (t->out, text ? text : "");
  else if (text == NULL)
    g_string_append (t->out, "null");
  else
    append_json_string (t->out, text);
  end_cell (t);
}

void
indsats_cli_table_add_int (IndsatsCliTable *t,
                           gint64           value)
{
  next_cell (t);
  g_string_append_printf (t->out, "%" G_GINT64_FORMAT, value);
  end_cell (t);
}

void
indsats_cli_table_add_number (IndsatsCliTable *t,
                              double           value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  next_cell (t);
  if (isnan (value) || isinf (value))
    {
      if (t->format == INDSATS_FORMAT_JSON)
        g_string_append (t->out, "null");
    }
  else if (t->format == INDSATS_FORMAT_TSV)
    g_string_append (t->out, g_ascii_formatd (buf, sizeof buf, "%.15g", value));
  else
    {
      /* the shortest digits that read back as the same number, and a
       * number that stays a double: 22.8, 22.0 */
      g_ascii_formatd (buf, sizeof buf, "%.15g", value);
      if (g_ascii_strtod (buf, NULL) != value)
        g_ascii_formatd (buf, sizeof buf, "%.17g", value);
      g_string_append (t->out, buf);
      if (strpbrk (buf, ".e") == NULL)
        g_string_append (t->out, ".0");
    }
  end_cell (t);
}

void
indsats_cli_table_add_bool (IndsatsCliTable *t,
                            gboolean         value)
{
  next_cell (t);
  g_string_append (t->out, value ? "true" : "false");
  end_cell (t);
}

/* Ends the table and writes what is left */
gboolean
indsats_cli_table_print (IndsatsCliTable  *t,
                         GError          **error)
{
  if (t->format == INDSATS_FORMAT_JSON)
    g_string_append (t->out, t->any_row ? "\n]\n" : "]\n");
  flush_table (t);
  if (t->failed || fflush (stdout) != 0)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                           _("Cannot write the output"));
      return FALSE;
    }
  return TRUE;
}

/* Dispatch */

/* Takes --database FILE and --database=FILE out of argv, wherever they stand */
static gboolean
take_database_option (int         *argc,
                      char       **argv,
                      const char **database,
                      int         *exit_code,
                      IndsatsCli  *cli)
{
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        {
          while (i < *argc)
            argv[out++] = argv[i++];
          break;
        }
      if (strcmp (argv[i], "--database") == 0)
        {
          if (i + 1 >= *argc)
            {
              *exit_code = indsats_cli_usage (cli, _("--database needs a file name"));
              return FALSE;
            }
          *database = argv[++i];
          continue;
        }
      if (g_str_has_prefix (argv[i], "--database="))
        {
          *database = argv[i] + strlen ("--database=");
          continue;
        }
      argv[out++] = argv[i];
    }
  *argc = out;
  argv[out] = NULL;
  if (*database != NULL && **database == '\0')
    {
      *exit_code = indsats_cli_usage (cli, _("--database needs a file name"));
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_cli_run:
 * @argc: the number of arguments
 * @argv: the program's arguments; argv[1] (after --database is taken out) is the command
 *
 * Returns: the exit status
 */
int
indsats_cli_run (int    argc,
                 char **argv)
{
  IndsatsCli cli = { NULL, NULL };
  g_autofree char **args = g_new0 (char *, argc + 1);
  int exit_code = INDSATS_EXIT_OK;

  memcpy (args, argv, sizeof (char *) * argc);
  if (!take_database_option (&argc, args, &cli.database, &exit_code, &cli))
    return exit_code;

  if (argc < 2 || strcmp (args[1], "--help") == 0 || strcmp (args[1], "-h") == 0 ||
      strcmp (args[1], "help") == 0)
    {
      fputs (_(usage_text), stdout);
      return argc < 2 ? INDSATS_EXIT_USAGE : INDSATS_EXIT_OK;
    }
  if (strcmp (args[1], "--version") == 0)
    {
      printf ("indsats %s\n", PACKAGE_VERSION);
      return INDSATS_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (args[1], commands[i].name) == 0)
      {
        cli.command = commands[i].name;
        return commands[i].func (&cli, argc - 1, args + 1);
      }

  return indsats_cli_usage (&cli, _("unknown command “%s”"), args[1]);
}
