/* indsats-cli-figure-render.c: `indsats figure render`, in the module indsats-cli-render */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "indsats-chart-batch.h"
#include "indsats-cli-private.h"
#include "indsats-error.h"
#include "indsats-safe-write.h"

static gboolean
parse_size (IndsatsCli *cli,
            int         width,
            int         height,
            int        *exit_code)
{
  if (width < INDSATS_CHART_MIN_WIDTH || width > INDSATS_CHART_MAX_SIZE ||
      height < INDSATS_CHART_MIN_HEIGHT || height > INDSATS_CHART_MAX_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("--width must be from %d to %d and --height from %d to %d: "
                                                    "a smaller figure cannot be read"),
                                                  INDSATS_CHART_MIN_WIDTH, INDSATS_CHART_MAX_SIZE,
                                                  INDSATS_CHART_MIN_HEIGHT, INDSATS_CHART_MAX_SIZE);
      *exit_code = indsats_cli_usage (cli, "%s", message);
      return FALSE;
    }
  return TRUE;
}

G_MODULE_EXPORT int
indsats_cli_figure_render (IndsatsCli  *cli,
                           int          argc,
                           char       **argv)
{
  g_autoptr(IndsatsStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_text = NULL;
  IndsatsChartFormat format = INDSATS_CHART_PNG;
  int width = 1000, height = 600, exit_code;
  GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (points for PDF and SVG)"), "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (points for PDF and SVG)"), "PX" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("With all: png (default), svg or pdf"), "FORMAT" },
    { NULL }
  };

  if (!indsats_cli_parse (cli, entries, N_("NUMBER OUT.png|OUT.svg|OUT.pdf, or all FOLDER"),
                          N_("Draw a figure into a file, or all figures into a folder."), &argc, &argv, &exit_code) ||
      !parse_size (cli, width, height, &exit_code))
    return exit_code;
  if (argc != 3)
    return indsats_cli_usage (cli, _("give a figure number and a file, or all and a folder"));

  if (strcmp (argv[1], "all") == 0)
    {
      g_autoptr(GPtrArray) figures = NULL;
      g_autoptr(IndsatsChartBatch) batch = NULL;
      const char *ext;

      if (format_text == NULL || strcmp (format_text, "png") == 0)
        format = INDSATS_CHART_PNG, ext = "png";
      else if (strcmp (format_text, "svg") == 0)
        format = INDSATS_CHART_SVG, ext = "svg";
      else if (strcmp (format_text, "pdf") == 0)
        format = INDSATS_CHART_PDF, ext = "pdf";
      else
        return indsats_cli_usage (cli, _("unknown format “%s” (use png, svg or pdf)"), format_text);

      if (g_mkdir_with_parents (argv[2], 0755) != 0)
        {
          int saved = errno;
          return indsats_cli_fail_message (cli, _("Cannot make the folder “%s”: %s"), argv[2], g_strerror (saved));
        }
      /* all figures from one moment of the data */
      if (!(store = indsats_cli_open_store_to_read (cli, &error)) ||
          !indsats_store_begin_read (store, &error))
        return indsats_cli_fail (cli, error);
      if (!(figures = indsats_store_list_figures (store, &error)))
        {
          indsats_store_rollback (store);
          return indsats_cli_fail (cli, error);
        }
      /* each figure is read here and drawn on the batch's threads; those
       * drawn are written in order while the next are drawn */
      batch = indsats_chart_batch_new (format, width, height);
      for (guint read = 0, written = 0; written < figures->len;)
        {
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *name = NULL, *path = NULL;
          IndsatsFigure *f;

          if (read < figures->len && !indsats_chart_batch_is_full (batch))
            {
              IndsatsChartData *data = indsats_chart_data_load_figure (store, g_ptr_array_index (figures, read),
                                                                       &error);

              if (data == NULL)
                break;
              indsats_chart_batch_push (batch, data);
              read++;
              continue;
            }
          f = g_ptr_array_index (figures, written);
          name = g_strdup_printf ("figur-%d.%s", f->number, ext);
          path = g_build_filename (argv[2], name, NULL);
          if (!(bytes = indsats_chart_batch_take (batch, NULL, &error)) ||
              !indsats_safe_write_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
            break;
          written++;
        }
      indsats_store_rollback (store);
      if (error)
        return indsats_cli_fail (cli, error);
      return INDSATS_EXIT_OK;
    }
  else
    {
      g_autoptr(IndsatsChartData) data = NULL;
      gint64 number;

      if (!indsats_cli_parse_id (cli, argv[1], _("a figure number (5 for Figur 5) nor all"), G_MAXINT, &number,
                                 &exit_code))
        return exit_code;
      if (format_text != NULL)
        return indsats_cli_usage (cli, _("--format goes with all; for one figure the file's name says it"));
      if (!indsats_chart_format_from_path (argv[2], &format))
        return indsats_cli_usage (cli, _("“%s” must end in .png, .svg or .pdf"), argv[2]);
      if (!(store = indsats_cli_open_store_to_read (cli, &error)) ||
          !(data = indsats_chart_data_load (store, (int) number, &error)) ||
          !indsats_chart_render_file (data, argv[2], format, width, height, &error))
        return indsats_cli_fail (cli, error);
      return INDSATS_EXIT_OK;
    }
}

