/* indsats-cli-import.c: `indsats import FILE... [--dry-run]` and `indsats series list` */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "indsats-cli-private.h"
#include "indsats-import.h"

static const char * const summary_columns[] = { "indicator", "added", "updated", "unchanged", NULL };

int
indsats_cli_import (IndsatsCli  *cli,
                    int          argc,
                    char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL, *decimal = NULL;
  IndsatsImportOptions options = { INDSATS_DECIMAL_UNKNOWN };
  IndsatsOutputFormat format;
  gboolean dry_run = FALSE;
  guint added = 0, updated = 0, unchanged = 0;
  int exit_code;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, "Check and count, but write nothing", NULL },
    { "decimal", 0, 0, G_OPTION_ARG_STRING, &decimal,
      "The decimal mark of every file: comma (1.234,5) or point (1,234.5); by default each column's cells say it",
      "comma|point" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, "Summary format: tsv (default) or json", "FORMAT" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "FILE…",
                          "Import key figures: Jobindsats CSV or JSON, or indicator,area,period,value.",
                          &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (decimal != NULL && !indsats_decimal_from_string (decimal, &options.decimal))
    return indsats_cli_usage (cli, "--decimal: “%s” is not a decimal mark (use comma or point)", decimal);
  if (argc < 2)
    return indsats_cli_usage (cli, "name the files to import");

  if (!(store = indsats_cli_open_store (cli, &error)) ||
      !(summary = indsats_import_files (store, (const char * const *) argv + 1, &options, dry_run,
                                        NULL, NULL, NULL, &error)))
    return indsats_cli_fail (cli, error);

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
  if (!indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  for (guint i = 0; i < summary->files->len; i++)
    {
      IndsatsImportFile *f = g_ptr_array_index (summary->files, i);
      fprintf (stderr, "%s: %u %s, %s\n", f->path, f->values, f->values == 1 ? "value" : "values",
               indsats_import_file_describe (f));
    }
  fprintf (stderr, "%u %s, %u values: %u added, %u updated, %u unchanged%s\n",
           summary->files->len, summary->files->len == 1 ? "file" : "files", summary->rows,
           added, updated, unchanged, dry_run ? " (dry run: nothing was written)" : "");
  return INDSATS_EXIT_OK;
}

static const char * const series_columns[] = {
  "indicator", "area", "period", "value", "unit", "preliminary", NULL
};

static int
series_list (IndsatsCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GPtrArray) observations = NULL;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *indicator = NULL;
  IndsatsOutputFormat format;
  int exit_code;
  GOptionEntry entries[] = {
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, "Only this indicator", "NAME" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, "Output format: tsv (default) or json", "FORMAT" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "", "List the key figures.", &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, "unexpected argument “%s”", argv[1]);
  if (!(store = indsats_cli_open_store (cli, &error)))
    return indsats_cli_fail (cli, error);
  if (indicator != NULL)
    {
      gint64 id = indsats_store_find_indicator (store, indicator, &error);
      if (id < 0)
        return indsats_cli_fail (cli, error);
      if (id == 0)
        return indsats_cli_fail_message (cli, "--indicator: there is no indicator “%s”", indicator);
    }
  if (!(observations = indsats_store_list_observations (store, indicator, &error)))
    return indsats_cli_fail (cli, error);

  table = indsats_cli_table_new (format, series_columns);
  for (guint i = 0; i < observations->len; i++)
    {
      IndsatsObservation *o = g_ptr_array_index (observations, i);

      indsats_cli_table_add_text (table, o->indicator);
      indsats_cli_table_add_text (table, o->area);
      indsats_cli_table_add_text (table, o->period);
      indsats_cli_table_add_number (table, o->value);
      indsats_cli_table_add_text (table, o->unit);
      indsats_cli_table_add_bool (table, o->preliminary);
    }
  if (!indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

int
indsats_cli_series (IndsatsCli  *cli,
                    int          argc,
                    char       **argv)
{
  if (argc < 2 || strcmp (argv[1], "list") != 0)
    return indsats_cli_usage (cli, "say what to do: list");
  cli->command = "series list";
  return series_list (cli, argc - 1, argv + 1);
}
