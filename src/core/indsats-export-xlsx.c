/* indsats-export-xlsx.c
 *
 * The workbook that goes to Erhvervs- og Beskæftigelsesudvalget: an overview,
 * the actions as an Excel table, the goals, and a sheet per figure with its
 * numbers, a native chart and Indsats' own drawing. Written with
 * libxlsxwriter to a temporary file beside the target, then renamed.
 *
 * Text from people and imports is always written as a string, never as a
 * formula: a note that starts with "=" stays text.
 */
#include "config.h"

#include "indsats-export-xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "indsats-chart.h"
#include "indsats-error.h"
#include "indsats-follow-up.h"
#include "indsats-format.h"
#include "indsats-safe-write.h"

typedef struct
{
  lxw_workbook *wb;
  lxw_format   *title;
  lxw_format   *bold;
  lxw_format   *header;
  lxw_format   *wrap;
  lxw_format   *date;
  lxw_format   *percent;
  lxw_format   *number;
  lxw_format   *decimal;
  lxw_format   *muted;
} Book;

static lxw_datetime
to_datetime (const char *iso)
{
  lxw_datetime dt = { 0 };
  int y = 1900, m = 1, d = 1;

  sscanf (iso, "%4d-%2d-%2d", &y, &m, &d);
  dt.year = y;
  dt.month = m;
  dt.day = d;
  return dt;
}

/* A percentage as Excel keeps it: 5.6 → 0.056, without binary noise (0.05599999…) */
static double
as_fraction (double percent)
{
  return round (percent * 1e8) / 1e10;
}

static void
make_formats (Book *b)
{
  b->title = workbook_add_format (b->wb);
  format_set_bold (b->title);
  format_set_font_size (b->title, 14);
  b->bold = workbook_add_format (b->wb);
  format_set_bold (b->bold);
  b->header = workbook_add_format (b->wb);
  format_set_bold (b->header);
  format_set_bottom (b->header, LXW_BORDER_THIN);
  format_set_text_wrap (b->header);
  format_set_align (b->header, LXW_ALIGN_VERTICAL_TOP);
  b->wrap = workbook_add_format (b->wb);
  format_set_text_wrap (b->wrap);
  format_set_align (b->wrap, LXW_ALIGN_VERTICAL_TOP);
  b->date = workbook_add_format (b->wb);
  /* escaped dots: LibreOffice would take "dd.mm.yyyy" for its own locale's date format */
  format_set_num_format (b->date, "dd\\.mm\\.yyyy");
  format_set_align (b->date, LXW_ALIGN_VERTICAL_TOP);
  format_set_align (b->date, LXW_ALIGN_LEFT);
  b->percent = workbook_add_format (b->wb);
  format_set_num_format (b->percent, "0.0%");
  b->number = workbook_add_format (b->wb);
  format_set_num_format (b->number, "#,##0");
  b->decimal = workbook_add_format (b->wb);
  format_set_num_format (b->decimal, "#,##0.0");
  b->muted = workbook_add_format (b->wb);
  format_set_font_color (b->muted, 0x5E5C64);
  format_set_italic (b->muted);
}

static gboolean
check (lxw_error    rc,
       const char  *path,
       GError     **error)
{
  if (rc == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
               "Cannot write the workbook “%s”: %s", path, lxw_strerror (rc));
  return FALSE;
}

static void
write_text (lxw_worksheet *ws,
            int            row,
            int            col,
            const char    *text,
            lxw_format    *format)
{
  /* worksheet_write_string writes text as text: no formula is ever made */
  worksheet_write_string (ws, row, col, text ? text : "", format);
}

static const char *
status_label (IndsatsStatus status)
{
  switch (status)
    {
    case INDSATS_STATUS_PLANNED: return C_("status in the workbook", "planned");
    case INDSATS_STATUS_STARTED: return C_("status in the workbook", "started");
    case INDSATS_STATUS_DONE: return C_("status in the workbook", "done");
    case INDSATS_STATUS_DROPPED: return C_("status in the workbook", "dropped");
    default: return "";
    }
}

/* About how many lines @text wraps to in a column @width characters wide */
static int
lines_needed (const char *text,
              double      width)
{
  int per_line = MAX ((int) (width * 1.1), 1);
  int lines = 1, column = 0;

  if (text == NULL)
    return 1;
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    {
      if (*c == '\n' || ++column > per_line)
        {
          lines++;
          column = 0;
        }
    }
  return lines;
}

/* The sheet of the plan's actions: an Excel table to sort and filter, set up to print */
static gboolean
write_actions (Book        *b,
               GPtrArray   *actions,
               const char  *path,
               GError     **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, _("Actions"));
  const char *headers[] = {
    _("Team"), _("Focus"), _("Action"), _("Owner"), _("Takes Effect"), _("Status"), _("Note"),
  };
  double widths[] = { 18, 24, 60, 18, 14, 13, 30 };
  lxw_table_column columns[7] = { 0 };
  lxw_table_column *column_list[8] = { 0 };
  lxw_table_options table = { 0 };
  lxw_data_validation validation = { 0 };
  const char *statuses[5] = {
    status_label (INDSATS_STATUS_PLANNED), status_label (INDSATS_STATUS_STARTED),
    status_label (INDSATS_STATUS_DONE), status_label (INDSATS_STATUS_DROPPED), NULL,
  };
  int last = MAX ((int) actions->len, 1);

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      columns[c].header = (char *) headers[c];
      columns[c].header_format = b->header;
      column_list[c] = &columns[c];
      worksheet_set_column (ws, c, c, widths[c], c == 4 ? b->date : b->wrap);
    }
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);
      lxw_datetime start = to_datetime (a->start_date);

      write_text (ws, i + 1, 0, a->team, b->wrap);
      write_text (ws, i + 1, 1, a->focus, b->wrap);
      write_text (ws, i + 1, 2, a->text, b->wrap);
      write_text (ws, i + 1, 3, a->owner, b->wrap);
      worksheet_write_datetime (ws, i + 1, 4, &start, b->date);
      write_text (ws, i + 1, 5, status_label (a->status), b->wrap);
      write_text (ws, i + 1, 6, a->note, b->wrap);
      /* not every reader fits a row to its wrapped text: give it the height */
      worksheet_set_row (ws, i + 1, 15 * MAX (MAX (lines_needed (a->text, widths[2]), lines_needed (a->focus, widths[1])),
                                              MAX (lines_needed (a->note, widths[6]), lines_needed (a->team, widths[0]))),
                         NULL);
    }

  table.name = (char *) "Indsatser";
  table.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
  table.style_type_number = 2;
  table.columns = column_list;
  if (!check (worksheet_add_table (ws, 0, 0, last, 6, &table), path, error))
    return FALSE;

  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = (char **) statuses;
  validation.error_title = (char *) _("Unknown status");
  validation.error_message = (char *) _("Choose one of the statuses in the list.");
  if (!check (worksheet_data_validation_range (ws, 1, 5, last, 5, &validation), path, error))
    return FALSE;

  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9); /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_repeat_rows (ws, 0, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return check (worksheet_set_footer (ws, _("&L&A&RPage &P of &N")), path, error);
}

static gboolean
write_overview (Book        *b,
                IndsatsPlan *plan,
                GPtrArray   *triggers,
                GPtrArray   *actions,
                GPtrArray   *figures,
                const char  *path,
                GError     **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, _("Overview"));
  g_autofree char *today = indsats_today_iso ();
  lxw_datetime now = to_datetime (today);
  int counts[INDSATS_N_STATUSES] = { 0 };
  int row = 0;

  worksheet_set_column (ws, 0, 0, 44, b->wrap);
  worksheet_set_column (ws, 1, 4, 18, NULL);
  write_text (ws, row++, 0, plan->title, b->title);
  row++;
  write_text (ws, row, 0, _("Jobcentre"), b->bold);
  write_text (ws, row++, 1, plan->jobcentre, NULL);
  if (plan->dated)
    {
      lxw_datetime dated = to_datetime (plan->dated);
      write_text (ws, row, 0, _("Date of the plan"), b->bold);
      worksheet_write_datetime (ws, row++, 1, &dated, b->date);
    }
  write_text (ws, row, 0, _("Exported"), b->bold);
  worksheet_write_datetime (ws, row++, 1, &now, b->date);
  if (plan->target && *plan->target)
    {
      write_text (ws, row, 0, _("Target"), b->bold);
      write_text (ws, row++, 1, plan->target, NULL);
    }
  row++;

  write_text (ws, row, 0, _("Trigger"), b->header);
  write_text (ws, row, 1, _("Threshold"), b->header);
  write_text (ws, row, 2, _("Latest value"), b->header);
  write_text (ws, row, 3, _("Period"), b->header);
  write_text (ws, row++, 4, _("Status"), b->header);
  for (guint i = 0; i < triggers->len; i++)
    {
      IndsatsTriggerStatus *t = g_ptr_array_index (triggers, i);
      gboolean pct = g_strcmp0 (t->unit, "pct") == 0 || t->unit == NULL;

      worksheet_set_row (ws, row, 45, NULL);
      write_text (ws, row, 0, t->text, b->wrap);
      if (!isnan (t->threshold))
        worksheet_write_number (ws, row, 1, pct ? as_fraction (t->threshold) : t->threshold, pct ? b->percent : b->decimal);
      if (!isnan (t->latest))
        {
          IndsatsPeriod p;
          g_autofree char *label = NULL;

          worksheet_write_number (ws, row, 2, pct ? as_fraction (t->latest) : t->latest, pct ? b->percent : b->decimal);
          if (indsats_period_parse (t->latest_period, &p, NULL))
            label = indsats_period_to_label (&p);
          write_text (ws, row, 3, label, NULL);
        }
      write_text (ws, row++, 4, indsats_trigger_state_to_label (t->state), b->wrap);
    }
  row++;

  for (guint i = 0; i < actions->len; i++)
    counts[((IndsatsAction *) g_ptr_array_index (actions, i))->status]++;
  write_text (ws, row, 0, _("Actions by status"), b->header);
  write_text (ws, row++, 1, _("Number"), b->header);
  for (int s = 0; s < INDSATS_N_STATUSES; s++)
    {
      write_text (ws, row, 0, status_label (s), NULL);
      worksheet_write_number (ws, row++, 1, counts[s], b->number);
    }
  write_text (ws, row, 0, _("In all"), b->bold);
  worksheet_write_number (ws, row++, 1, actions->len, b->number);
  row++;

  write_text (ws, row++, 0, _("Figures"), b->header);
  for (guint i = 0; i < figures->len; i++)
    {
      IndsatsFigure *f = g_ptr_array_index (figures, i);
      g_autofree char *name = g_strdup_printf (_("Figure %d"), f->number);
      g_autofree char *heading = g_strdup_printf ("%s. %s", name, f->title);
      g_autofree char *link = g_strdup_printf ("internal:'%s'!A1", name);

      worksheet_write_url_opt (ws, row++, 0, link, NULL, heading, NULL);
    }

  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  return check (worksheet_set_footer (ws, _("&L&A&RPage &P of &N")), path, error);
}

static gboolean
write_goals (Book        *b,
             GPtrArray   *goals,
             const char  *path,
             GError     **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, _("Goals"));
  const char *headers[] = { _("Kind"), _("Number"), _("Goal"), _("Status"), _("Figures") };
  double widths[] = { 22, 8, 44, 70, 22 };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      write_text (ws, 0, c, headers[c], b->header);
      worksheet_set_column (ws, c, c, widths[c], b->wrap);
    }
  for (guint i = 0; i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);
      g_autoptr(GString) figures = g_string_new (NULL);

      for (guint f = 0; f < g->figures->len; f++)
        {
          g_autofree char *name = g_strdup_printf (_("Figure %d"), g_array_index (g->figures, int, f));
          g_string_append_printf (figures, "%s%s", f ? ", " : "", name);
        }
      write_text (ws, i + 1, 0, indsats_goal_kind_to_label (g->kind), b->wrap);
      if (g->number > 0)
        worksheet_write_number (ws, i + 1, 1, g->number, NULL);
      write_text (ws, i + 1, 2, g->title, b->wrap);
      write_text (ws, i + 1, 3, g->status_text, b->wrap);
      write_text (ws, i + 1, 4, figures->str, b->wrap);
    }
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_repeat_rows (ws, 0, 0);
  return check (worksheet_set_footer (ws, _("&L&A&RPage &P of &N")), path, error);
}

static guint8
marker_of (IndsatsPointShape shape)
{
  switch (shape)
    {
    case INDSATS_POINT_SQUARE: return LXW_CHART_MARKER_SQUARE;
    case INDSATS_POINT_TRIANGLE: return LXW_CHART_MARKER_TRIANGLE;
    case INDSATS_POINT_DIAMOND: return LXW_CHART_MARKER_DIAMOND;
    case INDSATS_POINT_CIRCLE:
    default: return LXW_CHART_MARKER_CIRCLE;
    }
}

static guint8
dash_of (const IndsatsSeriesStyle *style)
{
  if (style->dash[0] == 0)
    return LXW_CHART_LINE_DASH_SOLID;
  if (style->dash[0] <= 1)
    return LXW_CHART_LINE_DASH_ROUND_DOT;
  if (style->dash[0] >= 5)
    return LXW_CHART_LINE_DASH_LONG_DASH;
  return LXW_CHART_LINE_DASH_DASH;
}

/* A figure's sheet: periods down, series across; a native chart of the same
 * kind and colours; and the figure as Indsats draws it */
static gboolean
write_figure (Book              *b,
              IndsatsChartData  *data,
              const char        *path,
              GError           **error)
{
  g_autofree char *name = g_strdup_printf (_("Figure %d"), data->number);
  g_autofree char *heading = indsats_chart_data_get_heading (data);
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, name);
  lxw_chart *chart;
  lxw_chart_options placement = { 0 };
  gboolean threshold = !isnan (data->threshold);
  int first = 4, last = first + data->n_periods;
  guint n_series = data->series->len;
  lxw_format *values = data->percent ? b->percent : b->number;
  g_autoptr(GBytes) png = NULL;

  /* counts of people show as whole numbers, unless a value has decimals */
  for (guint k = 0; !data->percent && k < n_series; k++)
    for (int i = 0; i < data->n_periods; i++)
      {
        double v = ((IndsatsChartSeries *) g_ptr_array_index (data->series, k))->values[i];
        if (!isnan (v) && fabs (v - round (v)) > 1e-9)
          values = b->decimal;
      }

  write_text (ws, 0, 0, heading, b->title);
  write_text (ws, 1, 0, data->unit, b->muted);
  write_text (ws, 2, 0, data->source, b->muted);
  worksheet_set_column (ws, 0, 0, 16, NULL);
  worksheet_set_column (ws, 1, n_series + (threshold ? 1 : 0), 14, NULL);

  write_text (ws, first, 0, _("Period"), b->header);
  for (guint s = 0; s < n_series; s++)
    write_text (ws, first, s + 1, ((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->label, b->header);
  if (threshold)
    write_text (ws, first, n_series + 1, data->threshold_label ? data->threshold_label : _("Threshold"), b->header);
  for (int i = 0; i < data->n_periods; i++)
    {
      g_autofree char *label = indsats_period_to_label (&data->periods[i]);

      write_text (ws, first + 1 + i, 0, label, NULL);
      for (guint s = 0; s < n_series; s++)
        {
          IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
          double v = series->values[i];

          /* a missing value stays an empty cell, never a zero */
          if (!isnan (v))
            worksheet_write_number (ws, first + 1 + i, s + 1, data->percent ? as_fraction (v) : v, values);
        }
      if (threshold)
        worksheet_write_number (ws, first + 1 + i, n_series + 1,
                                data->percent ? as_fraction (data->threshold) : data->threshold, values);
    }

  if (data->n_periods > 0 && n_series > 0)
    {
      chart = workbook_add_chart (b->wb, data->kind == INDSATS_FIGURE_LINE ? LXW_CHART_LINE
                                         : data->kind == INDSATS_FIGURE_BAR ? LXW_CHART_BAR
                                         : LXW_CHART_COLUMN);
      chart_title_set_name (chart, heading);
      for (guint s = 0; s < n_series + (threshold ? 1 : 0); s++)
        {
          lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
          lxw_chart_line line = { 0 };

          chart_series_set_categories (series, name, first + 1, 0, last, 0);
          chart_series_set_values (series, name, first + 1, s + 1, last, s + 1);
          chart_series_set_name_range (series, name, first, s + 1);
          if (s == n_series)
            {
              /* the threshold: a dashed constant series */
              line.color = 0x222222;
              line.dash_type = LXW_CHART_LINE_DASH_DASH;
              line.width = 1.5;
              if (data->kind == INDSATS_FIGURE_LINE)
                {
                  chart_series_set_line (series, &line);
                  chart_series_set_marker_type (series, LXW_CHART_MARKER_NONE);
                }
              else
                {
                  lxw_chart_fill fill = { .none = LXW_TRUE };
                  chart_series_set_fill (series, &fill);
                  chart_series_set_line (series, &line);
                }
            }
          else
            {
              const IndsatsSeriesStyle *style = indsats_chart_series_style (s);
              lxw_color_t color = (lxw_color_t) g_ascii_strtoull (style->hex + 1, NULL, 16);

              line.color = color;
              if (data->kind == INDSATS_FIGURE_LINE)
                {
                  line.width = 2.25;
                  line.dash_type = dash_of (style);
                  chart_series_set_line (series, &line);
                  chart_series_set_marker_type (series, marker_of (style->point));
                  chart_series_set_marker_size (series, 5);
                }
              else
                {
                  lxw_chart_fill fill = { .color = color };
                  chart_series_set_fill (series, &fill);
                }
            }
        }
      chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
      chart_axis_set_num_format (chart->y_axis, data->percent ? "0%" : "#,##0");
      if (data->kind == INDSATS_FIGURE_BAR)
        chart_axis_set_num_format (chart->x_axis, data->percent ? "0%" : "#,##0");
      placement.x_scale = 1.4;
      placement.y_scale = 1.3;
      placement.description = heading;
      if (!check (worksheet_insert_chart_opt (ws, first, n_series + 3, chart, &placement), path, error))
        return FALSE;
    }

  /* Indsats' own drawing, under the native chart */
  if (!(png = indsats_chart_render_png (data, 680, 408, error)))
    return FALSE;
  {
    lxw_image_options image = { 0 };
    gsize size;
    const unsigned char *bytes = g_bytes_get_data (png, &size);

    image.description = heading;
    if (!check (worksheet_insert_image_buffer_opt (ws, first + 22, n_series + 3, bytes, size, &image), path, error))
      return FALSE;
  }

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 1);
  return check (worksheet_set_footer (ws, _("&L&A&RPage &P of &N")), path, error);
}

static gboolean
is_cancelled (GCancellable  *cancellable,
              GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED, "The export was cancelled");
      return TRUE;
    }
  return FALSE;
}

/* Closes the workbook, which writes the file. libxlsxwriter tells of a
 * failure on stderr as well as in its result; the result becomes the one
 * message a person reads, so its own lines are kept off stderr meanwhile.
 * errno tells what the file system said. */
static lxw_error
close_quietly (lxw_workbook *wb)
{
  int saved = dup (STDERR_FILENO);
  int null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  lxw_error rc;
  int errsv;

  fflush (stderr);
  if (saved >= 0 && null >= 0)
    dup2 (null, STDERR_FILENO);
  errno = 0;
  rc = workbook_close (wb);
  errsv = errno;
  fflush (stderr);
  if (saved >= 0 && null >= 0)
    dup2 (saved, STDERR_FILENO);
  if (saved >= 0)
    close (saved);
  if (null >= 0)
    close (null);
  errno = errsv;
  return rc;
}

/**
 * indsats_export_xlsx:
 * @plan_id: the plan to export
 * @path: the workbook to write; it is written beside it first and renamed,
 *   so an existing file is replaced only when the new one is whole
 *
 * Writes the committee's workbook.
 */
gboolean
indsats_export_xlsx (IndsatsStore               *store,
                     gint64                      plan_id,
                     const char                 *path,
                     GCancellable               *cancellable,
                     IndsatsExportProgressFunc   progress,
                     gpointer                    user_data,
                     GError                    **error)
{
  g_autoptr(IndsatsPlan) plan = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(GPtrArray) figure_data = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_chart_data_free);
  g_autoptr(IndsatsSafeWrite) out = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *title = NULL, *subject = NULL, *jobcentre = NULL;
  lxw_workbook_options options = { 0 };
  lxw_doc_properties properties = { 0 };
  Book b = { 0 };
  lxw_error rc;

  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Everything is read in one read transaction: the workbook shows one
   * moment of the data even while someone imports or edits */
  if (!indsats_store_begin_read (store, error))
    return FALSE;
  if (!(plan = indsats_store_get_plan (store, plan_id, error)) ||
      !(actions = indsats_store_list_actions (store, plan_id, error)) ||
      !(goals = indsats_store_list_goals (store, error)) ||
      !(figures = indsats_store_list_figures (store, error)) ||
      !(triggers = indsats_follow_up_load (store, plan_id, error)))
    {
      indsats_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; i < figures->len; i++)
    {
      IndsatsFigure *f = g_ptr_array_index (figures, i);
      IndsatsChartData *data = indsats_chart_data_load (store, f->number, error);
      char *clean_title = indsats_text_for_xml (f->title);

      /* the title goes into a link's XML, which libxlsxwriter does not clean */
      g_free (f->title);
      f->title = clean_title;

      if (data == NULL)
        {
          indsats_store_rollback (store);
          return FALSE;
        }
      g_ptr_array_add (figure_data, data);
    }
  indsats_store_rollback (store);

  if (!(out = indsats_safe_write_begin (path, error)))
    return FALSE;
  dir = g_path_get_dirname (path);
  options.tmpdir = dir;
  b.wb = workbook_new_opt (indsats_safe_write_get_path (out), &options);
  if (b.wb == NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "Cannot write “%s”", path);
      return FALSE;
    }
  make_formats (&b);
  /* the document's properties are XML that libxlsxwriter does not clean */
  title = indsats_text_for_xml (plan->title);
  subject = indsats_text_for_xml (plan->committee && *plan->committee ? plan->committee : _("Recovery plan"));
  jobcentre = indsats_text_for_xml (plan->jobcentre);
  properties.title = title;
  properties.subject = subject;
  properties.company = jobcentre;
  properties.author = jobcentre;
  properties.comments = (char *) _("Written by Indsats");
  workbook_set_properties (b.wb, &properties);

  if (!write_overview (&b, plan, triggers, actions, figures, path, error) ||
      !write_actions (&b, actions, path, error) ||
      !write_goals (&b, goals, path, error))
    goto fail;
  for (guint i = 0; i < figures->len; i++)
    {
      IndsatsChartData *data = g_ptr_array_index (figure_data, i);

      if (is_cancelled (cancellable, error))
        goto fail;
      if (!write_figure (&b, data, path, error))
        goto fail;
      if (progress)
        progress (0.9 * (i + 1) / figures->len, user_data);
    }
  if (is_cancelled (cancellable, error))
    goto fail;

  rc = close_quietly (b.wb);
  b.wb = NULL;
  if (rc != LXW_NO_ERROR)
    {
      if (errno == ENOSPC || errno == EDQUOT)
        {
          indsats_set_write_error (error, path, errno);
          return FALSE;
        }
      return check (rc, path, error);
    }
  if (!indsats_safe_write_commit (g_steal_pointer (&out), error))
    return FALSE;
  if (progress)
    progress (1.0, user_data);
  return TRUE;

fail:
  /* libxlsxwriter has no way to abandon a workbook: close it, then remove it */
  if (b.wb)
    workbook_close (b.wb);
  return FALSE;
}
