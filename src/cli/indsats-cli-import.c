/* indsats-cli-import.c: `indsats import FILE... [--table ID] [--decimal comma|point] [--dry-run]` and `indsats series list` */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "indsats-cli-private.h"
#include "indsats-import.h"
#include "indsats-store-tables.h"

/* A line on a terminal's stderr that counts the share of the files read */
static void
progress_cb (double   fraction,
             gpointer user_data)
{
  int *shown = user_data;
  int percent = (int) (fraction * 100);

  if (percent == *shown)
    return;
  *shown = percent;
  if (fraction >= 1.0)
    fputs ("\r\033[K", stderr);
  else
    {
      fputc ('\r', stderr);
      fprintf (stderr, _("Importing… %d %%"), percent);
    }
  fflush (stderr);
}

static const char * const summary_columns[] = { "indicator", "added", "updated", "unchanged", NULL };

/* One line per file on stderr: which table it was read as, and what it holds */
void
indsats_cli_describe_import (const IndsatsImportFile *file)
{
  g_autofree char *base = g_path_get_basename (file->path);
  g_autofree char *breakdowns = NULL;
  g_autofree char *measures = g_strdup_printf (ngettext ("%u measure", "%u measures", file->measures->len),
                                               file->measures->len);

  g_ptr_array_add (file->breakdowns, NULL);
  breakdowns = g_strjoinv (", ", (char **) file->breakdowns->pdata);
  g_ptr_array_remove_index (file->breakdowns, file->breakdowns->len - 1);
  if (file->table != NULL)
    fprintf (stderr, _("%s: table %s, %s, breakdowns: %s\n"), base, file->table, measures,
             *breakdowns ? breakdowns : _("none"));
  else
    fprintf (stderr, _("%s: no table id (give --table ID or name the file after its table), %s, "
             "breakdowns: %s\n"), base, measures, *breakdowns ? breakdowns : _("none"));
}

/**
 * indsats_cli_print_import_summary:
 *
 * Prints per indicator what was added, updated and unchanged, then on stderr
 * which table each file was read as, and the totals.
 */
gboolean
indsats_cli_print_import_summary (const IndsatsImportSummary  *summary,
                                  IndsatsOutputFormat          format,
                                  gboolean                     fetched,
                                  gboolean                     dry_run,
                                  GError                     **error)
{
  g_autoptr(IndsatsCliTable) table = NULL;
  guint added = 0, updated = 0, unchanged = 0;

  table = indsats_cli_table_new (format, summary_columns);
  for (guint i = 0; i < summary->counts->len; i++)
    {
      IndsatsImportCount *c = g_ptr_array_index (summary->counts, i);

      indsats_cli_table_add_text (table, c->indicator);
      indsats_cli_table_add_int (table, c->added);
      indsats_cli_table_add_int (table, c->updated);
      indsats_cli_table_add_int (table, c->unchanged);
      added += c->added;
      updated += c->updated;
      unchanged += c->unchanged;
    }
  if (!indsats_cli_table_print (table, error))
    return FALSE;
  for (guint i = 0; i < summary->read->len; i++)
    {
      IndsatsImportFile *f = g_ptr_array_index (summary->read, i);

      indsats_cli_describe_import (f);
      if (!fetched)
        fprintf (stderr, ngettext ("%s: %u value, %s\n", "%s: %u values, %s\n", f->values), f->path, f->values,
                 _(indsats_import_file_describe (f)));
    }
  g_autofree char *files = g_strdup_printf (fetched ? ngettext ("%u answer", "%u answers", summary->files)
                                                    : ngettext ("%u file", "%u files", summary->files),
                                            summary->files);

  /* TRANSLATORS: the first %s is "3 files" or "2 answers", the last what a dry run adds */
  fprintf (stderr, _("%s, %u values: %u added, %u updated, %u unchanged%s\n"),
           files, summary->rows, added, updated, unchanged, dry_run ? _(" (dry run: nothing was written)") : "");
  return TRUE;
}

int
indsats_cli_import (IndsatsCli  *cli,
                    int          argc,
                    char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL, *decimal = NULL;
  g_autofree char *table_text = NULL;
  g_autofree char *table_id = NULL;
  IndsatsImportOptions options = { INDSATS_DECIMAL_UNKNOWN, NULL };
  IndsatsOutputFormat format;
  gboolean dry_run = FALSE;
  int exit_code;
  int shown = -1;
  GOptionEntry entries[] = {
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_text, N_("The Jobindsats table the files hold (else the id in each file's name)"), "ID" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check and count, but write nothing"), NULL },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &decimal,
      N_("The decimal mark of every file: comma (1.234,5) or point (1,234.5); by default each column's cells say it"),
      "comma|point" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Summary format: tsv (default) or json"), "FORMAT" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, N_("FILE…"),
                          N_("Import key figures: Jobindsats CSV or JSON, or indicator,area,period,value."),
                          &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (decimal != NULL && !indsats_decimal_from_string (decimal, &options.decimal))
    return indsats_cli_usage (cli, _("--decimal: “%s” is not a decimal mark (use comma or point)"), decimal);
  if (argc < 2)
    return indsats_cli_usage (cli, _("name the files to import"));
  if (table_text != NULL && !indsats_import_check_table_id (table_text, &table_id, &error))
    return indsats_cli_usage (cli, _("--table: %s"), error->message);

  options.table = table_id;
  if (!(store = indsats_cli_open_store (cli, &error)))
    return indsats_cli_fail (cli, error);
  summary = indsats_import_files (store, (const char * const *) argv + 1, &options, dry_run, NULL,
                                  isatty (STDERR_FILENO) ? progress_cb : NULL, &shown, &error);
  if (shown >= 0 && shown < 100)
    progress_cb (1.0, &shown);   /* the line goes before any message */
  if (summary == NULL)
    return indsats_cli_fail (cli, error);

  if (!indsats_cli_print_import_summary (summary, format, FALSE, dry_run, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

static const char * const series_columns[] = {
  "indicator", "area", "period", "value", "unit", "preliminary", "table", "breakdown", NULL
};

typedef struct
{
  IndsatsCliTable *table;
  GHashTable      *origins;  /* indicator name → IndsatsIndicatorOrigin */
} SeriesRows;

static gboolean
add_observation_cb (const IndsatsObservation  *o,
                    gpointer                   user_data,
                    GError                   **error)
{
  SeriesRows *rows = user_data;
  IndsatsCliTable *table = rows->table;
  IndsatsIndicatorOrigin *origin = g_hash_table_lookup (rows->origins, o->indicator);

  indsats_cli_table_add_text (table, o->indicator);
  indsats_cli_table_add_text (table, o->area);
  indsats_cli_table_add_text (table, o->period);
  indsats_cli_table_add_number (table, o->value);
  indsats_cli_table_add_text (table, o->unit);
  indsats_cli_table_add_bool (table, o->preliminary);
  indsats_cli_table_add_text (table, origin && origin->table ? origin->table : "");
  indsats_cli_table_add_text (table, origin ? origin->breakdown : "");
  return TRUE;
}

static int
series_list (IndsatsCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GHashTable) origins = NULL;
  SeriesRows rows;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *indicator = NULL;
  IndsatsOutputFormat format;
  int exit_code;
  GOptionEntry entries[] = {
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_("Only this indicator"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format: tsv (default) or json"), "FORMAT" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "", N_("List the key figures."), &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(store = indsats_cli_open_store_to_read (cli, &error)))
    return indsats_cli_fail (cli, error);
  if (indicator != NULL)
    {
      gint64 id = indsats_store_find_indicator (store, indicator, &error);
      if (id < 0)
        return indsats_cli_fail (cli, error);
      if (id == 0)
        return indsats_cli_fail_message (cli, _("--indicator: there is no indicator “%s”"), indicator);
    }
  if (!(origins = indsats_store_list_indicator_origins (store, &error)))
    return indsats_cli_fail (cli, error);

  table = indsats_cli_table_new (format, series_columns);
  rows.table = table;
  rows.origins = origins;
  if (!indsats_store_foreach_observation (store, indicator, add_observation_cb, &rows, &error) ||
      !indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

int
indsats_cli_series (IndsatsCli  *cli,
                    int          argc,
                    char       **argv)
{
  if (argc < 2 || strcmp (argv[1], "list") != 0)
    return indsats_cli_usage (cli, _("say what to do: list"));
  cli->command = "series list";
  return series_list (cli, argc - 1, argv + 1);
}
