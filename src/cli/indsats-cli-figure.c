/* indsats-cli-figure.c: `indsats figure list|add|render`; render is in the drawing module
 * (indsats-cli-figure-render.c) */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "indsats-chart.h"
#include "indsats-cli-private.h"
#include "indsats-error.h"
#include "indsats-format.h"

static const char * const figure_columns[] = { "number", "title", "kind", NULL };

static int
figure_list (IndsatsCli  *cli,
             int          argc,
             char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(IndsatsCliTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  IndsatsOutputFormat format;
  int exit_code;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("Output format: tsv (default) or json"), "FORMAT" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "", N_("List the figures."), &argc, &argv, &exit_code) ||
      !indsats_cli_parse_format (cli, format_text, &format, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(store = indsats_cli_open_store_to_read (cli, &error)) ||
      !(figures = indsats_store_list_figures (store, &error)))
    return indsats_cli_fail (cli, error);

  table = indsats_cli_table_new (format, figure_columns);
  for (guint i = 0; i < figures->len; i++)
    {
      IndsatsFigure *f = g_ptr_array_index (figures, i);

      indsats_cli_table_add_int (table, f->number);
      indsats_cli_table_add_text (table, f->title);
      indsats_cli_table_add_text (table, indsats_figure_kind_to_string (f->kind));
    }
  if (!indsats_cli_table_print (table, &error))
    return indsats_cli_fail (cli, error);
  return INDSATS_EXIT_OK;
}

/* The figure's periods must be of a kind the indicator has values of */
static gboolean
check_period_kind (IndsatsCli   *cli,
                   IndsatsStore *store,
                   gint64        indicator_id,
                   const char   *indicator,
                   const char   *option,
                   const char   *period,
                   int          *exit_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) has = g_string_new (NULL);
  IndsatsPeriod p;
  guint kinds = 0;

  if (period == NULL)
    return TRUE;
  if (!indsats_store_get_period_kinds (store, indicator_id, &kinds, &error))
    {
      *exit_code = indsats_cli_fail (cli, error);
      return FALSE;
    }
  indsats_period_parse (period, &p, NULL);
  if (kinds == 0 || (kinds & (1u << p.kind)) != 0)
    return TRUE;
  for (int k = 0; k <= INDSATS_PERIOD_ROLLING_YEAR; k++)
    if (kinds & (1u << k))
      g_string_append_printf (has, "%s%s", has->len ? _(" and by ") : "", indsats_period_kind_to_string (k));
  *exit_code = indsats_cli_fail_message (cli, _("%s %s is a %s, but “%s” has values by %s only; give the periods "
                                         "by %s"), option, period, indsats_period_kind_to_string (p.kind),
                                         indicator, has->str, has->str);
  return FALSE;
}

static int
figure_add (IndsatsCli  *cli,
            int          argc,
            char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(IndsatsFigure) figure = indsats_figure_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL, *indicator = NULL, *areas = NULL, *kind = NULL;
  g_autofree char *threshold = NULL, *from = NULL, *to = NULL, *unit = NULL, *source = NULL;
  g_auto(GStrv) area_list = NULL;
  gint64 indicator_id;
  int exit_code, number;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The figure's title"), N_("TITLE") },
    { "indicator", 0, 0, G_OPTION_ARG_STRING, &indicator, N_("The indicator it shows"), N_("NAME") },
    { "areas", 0, 0, G_OPTION_ARG_STRING, &areas, N_("The areas to compare, separated by commas"), "A,B,…" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("line (default), column or bar"), N_("KIND") },
    { "threshold", 0, 0, G_OPTION_ARG_STRING, &threshold, N_("A line to stay under or above"), N_("VALUE") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The first period"), N_("PERIOD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The last period"), N_("PERIOD") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit line, e.g. Pct."), N_("TEXT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("The source line (default: Kilde: Jobindsats.dk)"), N_("TEXT") },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, "", N_("Make a new figure; prints its number."), &argc, &argv, &exit_code))
    return exit_code;
  if (argc > 1)
    return indsats_cli_usage (cli, _("unexpected argument “%s”"), argv[1]);
  if (!title)
    return indsats_cli_usage (cli, _("--title is required"));
  if (!indicator)
    return indsats_cli_usage (cli, _("--indicator is required"));
  if (!areas)
    return indsats_cli_usage (cli, _("--areas is required"));

  /* Check what was typed before anything is written */
  if (!indsats_cli_check_text (cli, "--title", title, _("give the figure a title"), &exit_code) ||
      !indsats_cli_check_text (cli, "--indicator", indicator, _("name the indicator"), &exit_code))
    return exit_code;
  if (kind && !indsats_figure_kind_from_string (kind, &figure->kind, &error))
    return indsats_cli_usage (cli, _("--kind: %s"), error->message);
  if (threshold)
    {
      gboolean missing = FALSE;
      if (!indsats_number_parse (threshold, &figure->threshold, &missing, &error) || missing)
        return indsats_cli_usage (cli, _("--threshold: %s"), error ? error->message : "the value is empty");
    }
  if (from && !(figure->period_from = indsats_period_canonicalize (from, &error)))
    return indsats_cli_usage (cli, _("--from: %s"), error->message);
  if (to && !(figure->period_to = indsats_period_canonicalize (to, &error)))
    return indsats_cli_usage (cli, _("--to: %s"), error->message);
  if (figure->period_from && figure->period_to)
    {
      IndsatsPeriod a, b;
      indsats_period_parse (figure->period_from, &a, NULL);
      indsats_period_parse (figure->period_to, &b, NULL);
      if (a.kind != b.kind || indsats_period_compare (&a, &b) > 0)
        return indsats_cli_usage (cli, _("--from %s and --to %s must be periods of one kind, the first not after the last"),
                                  figure->period_from, figure->period_to);
    }

  figure->title = g_strstrip (g_strdup (title));
  figure->unit = g_strdup (unit);
  figure->source = g_strdup (source ? source : "Kilde: Jobindsats.dk");
  /* the line is named when the figure is drawn, in the reader's language */
  area_list = g_strsplit (areas, ",", -1);
  for (guint i = 0; area_list[i] != NULL; i++)
    {
      g_strstrip (area_list[i]);
      if (*area_list[i] == '\0')
        return indsats_cli_usage (cli, _("--areas: an area between commas is empty"));
      g_ptr_array_add (figure->series, indsats_figure_series_new (indicator, area_list[i], NULL));
    }

  if (!(store = indsats_cli_open_store (cli, &error)))
    return indsats_cli_fail (cli, error);
  indicator_id = indsats_store_find_indicator (store, indicator, &error);
  if (indicator_id < 0)
    return indsats_cli_fail (cli, error);
  if (indicator_id == 0)
    return indsats_cli_fail_message (cli, _("--indicator: there is no indicator “%s”; `indsats series list` shows the ones there are"),
                                     indicator);
  if (!check_period_kind (cli, store, indicator_id, indicator, from ? "--from" : "--to",
                          figure->period_from ? figure->period_from : figure->period_to, &exit_code))
    return exit_code;
  if (!indsats_store_add_figure (store, figure, &error))
    return indsats_cli_fail (cli, error);
  /* the number it was given */
  number = indsats_store_next_figure_number (store, &error) - 1;
  printf ("%d\n", number);
  /* more areas than the styles tell apart: say how the figure will show them */
  if (figure->series->len > INDSATS_CHART_MAX_STYLED)
    fprintf (stderr, _("Figur %d has %u areas, more than the %d that colours and dashes tell apart: "
             "%s and Hele landet are drawn in colour and the other areas as thin grey lines, "
             "called “%s” in the legend\n"),
             number, figure->series->len, INDSATS_CHART_MAX_STYLED,
             ((IndsatsFigureSeries *) g_ptr_array_index (figure->series, 0))->area,
             indsats_chart_others_label ());
  return INDSATS_EXIT_OK;
}

/* in the drawing module: cairo and Pango are loaded only to draw */
static int
figure_render (IndsatsCli  *cli,
               int          argc,
               char       **argv)
{
  return indsats_cli_run_module (cli, INDSATS_CLI_RENDER_MODULE, "indsats_cli_figure_render", argc, argv);
}

static const IndsatsCliSubcommand subcommands[] = {
  { "list", figure_list },
  { "add", figure_add },
  { "render", figure_render },
};

int
indsats_cli_figure (IndsatsCli  *cli,
                    int          argc,
                    char       **argv)
{
  return indsats_cli_dispatch (cli, argc, argv, "figure", subcommands, G_N_ELEMENTS (subcommands));
}
