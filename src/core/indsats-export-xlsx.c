/* indsats-export-xlsx.c
 *
 * The workbook that goes to Erhvervs- og Beskæftigelsesudvalget: an overview
 * of what the committee asks (the trigger indicators against their line, the
 * actions that should have started, the counts per status), the actions as
 * an Excel table, the goals, and a sheet per figure with the figure as
 * Indsats draws it above its numbers. Written with libxlsxwriter to a
 * temporary file beside the target, then renamed.
 *
 * The workbook speaks its own language (Danish unless English is asked for),
 * not the window's: its texts come from a catalog of that language (W_ and
 * WC_ below), never from gettext's process-wide choice.
 *
 * Text from people and imports is always written as a string, never as a
 * formula: a note that starts with "=" stays text. Text longer than a cell
 * holds is never dropped: the cell says where the rest is, on the sheet of
 * long texts at the end.
 */
#include "config.h"

#include "indsats-export-xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "indsats-catalog.h"
#include "indsats-changes.h"
#include "indsats-chart.h"
#include "indsats-error.h"
#include "indsats-follow-up.h"
#include "indsats-format.h"
#include "indsats-safe-write.h"

/* The picture of a figure, in pixels: the size the window's cards show */
#define FIGURE_WIDTH 680
#define FIGURE_HEIGHT 408
/* libxlsxwriter's default row is 20 px high */
#define ROW_PX 20

/* Texts of the workbook, in the workbook's language */
#define W_(book, text) indsats_catalog_gettext ((book)->catalog, text)
#define WC_(book, context, text) indsats_catalog_pgettext ((book)->catalog, context, text)

typedef struct
{
  char *sheet;
  int   row, col;
  char *text;
} LongText;

typedef struct
{
  lxw_workbook   *wb;
  IndsatsCatalog *catalog;
  const char     *path;
  GPtrArray      *long_texts;   /* of LongText */
  lxw_format     *title;
  lxw_format     *subtitle;
  lxw_format     *bold;
  lxw_format     *header;
  lxw_format     *wrap;
  lxw_format     *top;
  lxw_format     *date;
  lxw_format     *percent;
  lxw_format     *percent_preliminary;
  lxw_format     *number;
  lxw_format     *number_preliminary;
  lxw_format     *decimal;
  lxw_format     *decimal_preliminary;
  lxw_format     *change_points;
  lxw_format     *change;
  lxw_format     *muted;
  lxw_format     *link;
} Book;

static void
long_text_free (LongText *t)
{
  g_free (t->sheet);
  g_free (t->text);
  g_free (t);
}

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

static lxw_format *
add_format (Book       *b,
            const char *num_format,
            gboolean    top)
{
  lxw_format *f = workbook_add_format (b->wb);

  if (num_format)
    format_set_num_format (f, num_format);
  /* a number beside a wrapped label sits on the label's first line */
  if (top)
    format_set_align (f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

static void
make_formats (Book *b)
{
  g_autofree char *points = NULL;

  b->title = workbook_add_format (b->wb);
  format_set_bold (b->title);
  format_set_font_size (b->title, 14);
  b->subtitle = workbook_add_format (b->wb);
  format_set_font_size (b->subtitle, 12);
  b->bold = add_format (b, NULL, TRUE);
  format_set_bold (b->bold);
  b->header = add_format (b, NULL, TRUE);
  format_set_bold (b->header);
  format_set_bottom (b->header, LXW_BORDER_THIN);
  format_set_text_wrap (b->header);
  b->wrap = add_format (b, NULL, TRUE);
  format_set_text_wrap (b->wrap);
  b->top = add_format (b, NULL, TRUE);
  /* escaped dots: LibreOffice would take "dd.mm.yyyy" for its own locale's date format */
  b->date = add_format (b, "dd\\.mm\\.yyyy", TRUE);
  format_set_align (b->date, LXW_ALIGN_LEFT);
  /* Danish writes a space before the per cent sign: 12,3 %; a preliminary value gets a star */
  b->percent = add_format (b, "0.0\\ %", TRUE);
  b->percent_preliminary = add_format (b, "0.0\\ %\"*\"", TRUE);
  b->number = add_format (b, "#,##0", TRUE);
  b->number_preliminary = add_format (b, "#,##0\"*\"", TRUE);
  b->decimal = add_format (b, "#,##0.0", TRUE);
  b->decimal_preliminary = add_format (b, "#,##0.0\"*\"", TRUE);
  /* a change in percentage points is a number, not a percentage: −1,2 procentpoint */
  points = g_strdup_printf ("+0.0\" %1$s\";\"−\"0.0\" %1$s\";0.0\" %1$s\"",
                            WC_ (b, "unit of a change in a percentage", "percentage points"));
  b->change_points = add_format (b, points, TRUE);
  b->change = add_format (b, "+#,##0.0;\"−\"#,##0.0;0.0", TRUE);
  b->muted = workbook_add_format (b->wb);
  format_set_font_color (b->muted, 0x5E5C64);
  format_set_italic (b->muted);
  b->link = add_format (b, NULL, TRUE);
  format_set_font_color (b->link, 0x1A5FB4);
  format_set_underline (b->link, LXW_UNDERLINE_SINGLE);
}

static gboolean
check (Book        *b,
       lxw_error    rc,
       GError     **error)
{
  if (rc == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
               "Cannot write the workbook “%s”: %s", b->path, lxw_strerror (rc));
  return FALSE;
}

/* worksheet_write_string writes text as text: no formula is ever made. A
 * text longer than a cell holds is cut where the cell says so, and kept
 * whole on the sheet of long texts. */
static gboolean
write_text (Book           *b,
            lxw_worksheet  *ws,
            int             row,
            int             col,
            const char     *text,
            lxw_format     *format,
            GError        **error)
{
  g_autofree char *cut = NULL;

  if (text == NULL)
    text = "";
  if (indsats_text_cell_length (text) > INDSATS_CELL_MAX_CHARS)
    {
      LongText *t = g_new0 (LongText, 1);
      const char *more = W_ (b, "… (too long for one cell: the whole text is on the sheet “Long Texts”)");
      const char *end = indsats_text_cell_cut (text, INDSATS_CELL_MAX_CHARS - indsats_text_cell_length (more));

      t->sheet = g_strdup (ws->name);
      t->row = row;
      t->col = col;
      t->text = g_strdup (text);
      g_ptr_array_add (b->long_texts, t);
      cut = g_strdup_printf ("%.*s%s", (int) (end - text), text, more);
      text = cut;
    }
  return check (b, worksheet_write_string (ws, row, col, text, format), error);
}

static void
write_number (lxw_worksheet *ws,
              int            row,
              int            col,
              double         value,
              lxw_format    *format)
{
  if (!isnan (value))
    worksheet_write_number (ws, row, col, value, format);
}

static const char *
status_label (Book          *b,
              IndsatsStatus  status)
{
  switch (status)
    {
    case INDSATS_STATUS_PLANNED: return WC_ (b, "status in the workbook", "planned");
    case INDSATS_STATUS_STARTED: return WC_ (b, "status in the workbook", "started");
    case INDSATS_STATUS_DONE: return WC_ (b, "status in the workbook", "done");
    case INDSATS_STATUS_DROPPED: return WC_ (b, "status in the workbook", "dropped");
    default: return "";
    }
}

static const char *
goal_kind_label (Book            *b,
                 IndsatsGoalKind  kind)
{
  switch (kind)
    {
    case INDSATS_GOAL_MINISTER: return W_ (b, "Ministerial Goal");
    case INDSATS_GOAL_LOCAL: return W_ (b, "Local Focus Goal");
    case INDSATS_GOAL_STRATEGIC: return W_ (b, "Strategic Marker");
    default: return "";
    }
}

static char *
sheet_of_figure (Book *b,
                 int   number)
{
  return g_strdup_printf (W_ (b, "Figure %d"), number);
}

static gboolean
set_footer (Book           *b,
            lxw_worksheet  *ws,
            GError        **error)
{
  return check (b, worksheet_set_footer (ws, W_ (b, "&L&A&RPage &P of &N")), error);
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

/* Excel's rows are at most 409 points high */
static double
row_height (int lines)
{
  return MIN (15.0 * lines, 409.0);
}

/* A table's header row, as high as its longest heading wraps to */
static gboolean
write_header_row (Book           *b,
                  lxw_worksheet  *ws,
                  int             row,
                  const char    **headers,
                  const double   *widths,
                  guint           n,
                  GError        **error)
{
  int lines = 1;

  for (guint c = 0; c < n; c++)
    {
      if (!write_text (b, ws, row, c, headers[c], b->header, error))
        return FALSE;
      lines = MAX (lines, lines_needed (headers[c], widths[c] * 0.9));
    }
  worksheet_set_row (ws, row, row_height (lines), NULL);
  return TRUE;
}

/* The sheet of the plan's actions: an Excel table to sort and filter, set up to print */
static gboolean
write_actions (Book       *b,
               GPtrArray  *actions,
               GError    **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, W_ (b, "Actions"));
  const char *headers[] = {
    W_ (b, "Team"), W_ (b, "Focus Area"), W_ (b, "Action"), W_ (b, "Owner"),
    W_ (b, "Takes Effect"), W_ (b, "Status"), W_ (b, "Note"), W_ (b, "Started On"),
  };
  double widths[] = { 18, 24, 60, 18, 14, 13, 30, 14 };
  lxw_table_column columns[8] = { 0 };
  lxw_table_column *column_list[9] = { 0 };
  lxw_table_options table = { 0 };
  lxw_data_validation validation = { 0 };
  const char *statuses[5] = {
    status_label (b, INDSATS_STATUS_PLANNED), status_label (b, INDSATS_STATUS_STARTED),
    status_label (b, INDSATS_STATUS_DONE), status_label (b, INDSATS_STATUS_DROPPED), NULL,
  };
  int last = MAX ((int) actions->len, 1);

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      columns[c].header = (char *) headers[c];
      columns[c].header_format = b->header;
      column_list[c] = &columns[c];
      worksheet_set_column (ws, c, c, widths[c], c == 4 || c == 7 ? b->date : b->wrap);
    }
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);
      lxw_datetime start = to_datetime (a->start_date);
      const char *texts[] = { a->team, a->focus, a->text, a->owner, NULL, status_label (b, a->status), a->note };
      int lines = 1;

      for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
        {
          if (c == 4)
            continue;
          if (!write_text (b, ws, i + 1, c, texts[c], b->wrap, error))
            return FALSE;
          lines = MAX (lines, lines_needed (texts[c], widths[c]));
        }
      worksheet_write_datetime (ws, i + 1, 4, &start, b->date);
      /* the day it actually took effect, once it has started */
      if (a->status != INDSATS_STATUS_PLANNED && indsats_date_is_valid_iso (a->started_on))
        {
          lxw_datetime started = to_datetime (a->started_on);
          worksheet_write_datetime (ws, i + 1, 7, &started, b->date);
        }
      /* not every reader fits a row to its wrapped text: give it the height */
      worksheet_set_row (ws, i + 1, row_height (lines), NULL);
    }

  table.name = (char *) "Indsatser";
  table.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
  table.style_type_number = 2;
  table.columns = column_list;
  if (!check (b, worksheet_add_table (ws, 0, 0, last, 7, &table), error))
    return FALSE;

  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = (char **) statuses;
  validation.error_title = (char *) W_ (b, "Unknown status");
  validation.error_message = (char *) W_ (b, "Choose one of the statuses in the list.");
  if (!check (b, worksheet_data_validation_range (ws, 1, 5, last, 5, &validation), error))
    return FALSE;

  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9); /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_repeat_rows (ws, 0, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return set_footer (b, ws, error);
}

/* "+1,2 procentpoint", "−3", "±0": a change in the trigger's own unit */
static char *
format_change (Book                       *b,
               const IndsatsTriggerStatus *t,
               double                      change)
{
  g_autofree char *number = NULL;
  gboolean pct = t->unit == NULL || g_strcmp0 (t->unit, "pct") == 0;

  change = round (change * 10) / 10;
  number = indsats_format_number (fabs (change), 1);
  return g_strdup_printf ("%s%s%s%s", change > 0 ? "+" : change < 0 ? "−" : "±", number,
                          pct ? " " : "",
                          pct ? WC_ (b, "unit of a change in a percentage", "percentage points") : "");
}

static char *
period_label (const char *canonical)
{
  IndsatsPeriod p;

  if (canonical == NULL || !indsats_period_parse (canonical, &p, NULL))
    return g_strdup (canonical ? canonical : "");
  return indsats_period_to_label (&p);
}

/* The trigger in words, with its numbers: "Over the 20 % line: 23,1 %* in
 * aug. 2023 against the line of 20 %; +0,4 percentage
 * points since jul. 2023; −1,2 percentage points since the plan (feb. 2023)." */
static char *
describe_trigger (Book                       *b,
                  const IndsatsTriggerStatus *t)
{
  GString *out = g_string_new (NULL);
  gboolean pct = t->unit == NULL || g_strcmp0 (t->unit, "pct") == 0;
  g_autofree char *latest = NULL;
  g_autofree char *period = NULL;
  g_autofree char *words = indsats_trigger_words (t, b->catalog);

  g_string_append (out, words);
  if (isnan (t->latest))
    return g_string_free (out, FALSE);

  latest = pct ? indsats_format_percent (t->latest, 1) : indsats_format_number (t->latest, 1);
  period = period_label (t->latest_period);
  g_string_append (out, ": ");
  if (!isnan (t->threshold))
    {
      g_autofree char *line = pct ? indsats_format_percent (t->threshold, 0) : indsats_format_number (t->threshold, 0);
      g_string_append_printf (out, WC_ (b, "the latest value of a trigger", "%s%s in %s against the line of %s"),
                              latest, t->latest_preliminary ? "*" : "", period, line);
    }
  else
    g_string_append_printf (out, WC_ (b, "the latest value of a trigger", "%s%s in %s"),
                            latest, t->latest_preliminary ? "*" : "", period);
  if (!isnan (t->previous))
    {
      g_autofree char *change = format_change (b, t, t->latest - t->previous);
      g_autofree char *since = period_label (t->previous_period);
      g_string_append (out, "; ");
      g_string_append_printf (out, WC_ (b, "a trigger's change", "%s since %s"), change, since);
    }
  if (!isnan (t->at_plan))
    {
      g_autofree char *change = format_change (b, t, t->latest - t->at_plan);
      g_autofree char *when = period_label (t->plan_period);
      g_string_append (out, "; ");
      g_string_append_printf (out, WC_ (b, "a trigger's change", "%s since the plan (%s)"), change, when);
    }
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

static int
compare_start_cb (gconstpointer a,
                  gconstpointer b)
{
  const IndsatsAction *x = *(IndsatsAction **) a;
  const IndsatsAction *y = *(IndsatsAction **) b;

  return g_strcmp0 (x->start_date, y->start_date);
}

/* What the committee asks first: are the trigger indicators back on the
 * right side of the line, which actions should have started and have not,
 * and how many actions are in each state. */
static gboolean
write_overview (Book                       *b,
                IndsatsPlan                *plan,
                GPtrArray                  *triggers,
                GPtrArray                  *actions,
                GPtrArray                  *figures,
                const IndsatsExportOptions *options,
                GError                    **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, W_ (b, "Overview"));
  g_autofree char *today = indsats_today_iso ();
  const char *reference = options->meeting ? options->meeting : today;
  lxw_datetime now = to_datetime (today);
  g_autoptr(GPtrArray) late = g_ptr_array_new ();
  int counts[INDSATS_N_STATUSES] = { 0 };
  gboolean preliminary = FALSE;
  int row = 0;
  const char *trigger_headers[] = {
    W_ (b, "Trigger"), W_ (b, "Area"), W_ (b, "Period"), W_ (b, "Latest value"), W_ (b, "Threshold"),
    W_ (b, "Change since the previous period"), W_ (b, "Change since the plan"), W_ (b, "In words"),
  };
  const char *late_headers[] = { W_ (b, "Action"), W_ (b, "Owner"), W_ (b, "Takes Effect"), W_ (b, "Team") };
  const double widths[] = { 44, 16, 14, 18, 10, 20, 20, 60 };

  for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
    worksheet_set_column (ws, c, c, widths[c], c == 0 || c == 7 ? b->wrap : b->top);

  if (!write_text (b, ws, row++, 0, plan->title, b->title, error))
    return FALSE;
  if (plan->committee && *plan->committee)
    {
      g_autofree char *line = NULL;

      if (options->meeting)
        {
          g_autofree char *date = indsats_format_date (options->meeting);
          line = g_strdup_printf (W_ (b, "%s, the meeting of %s"), plan->committee, date);
        }
      if (!write_text (b, ws, row++, 0, line ? line : plan->committee, b->subtitle, error))
        return FALSE;
    }
  row++;
  if (!write_text (b, ws, row, 0, W_ (b, "Jobcentre"), b->bold, error) ||
      !write_text (b, ws, row++, 1, plan->jobcentre, b->top, error))
    return FALSE;
  if (plan->dated)
    {
      lxw_datetime dated = to_datetime (plan->dated);
      if (!write_text (b, ws, row, 0, W_ (b, "Date of the plan"), b->bold, error))
        return FALSE;
      worksheet_write_datetime (ws, row++, 1, &dated, b->date);
    }
  if (options->meeting)
    {
      lxw_datetime meeting = to_datetime (options->meeting);
      if (!write_text (b, ws, row, 0, W_ (b, "Committee meeting"), b->bold, error))
        return FALSE;
      worksheet_write_datetime (ws, row++, 1, &meeting, b->date);
    }
  if (!write_text (b, ws, row, 0, W_ (b, "Exported"), b->bold, error))
    return FALSE;
  worksheet_write_datetime (ws, row++, 1, &now, b->date);
  if (plan->target && *plan->target)
    {
      if (!write_text (b, ws, row, 0, W_ (b, "Target"), b->bold, error))
        return FALSE;
      worksheet_merge_range (ws, row, 1, row, 7, "", b->wrap);
      /* no reader fits a merged cell's height to its text */
      worksheet_set_row (ws, row, row_height (lines_needed (plan->target, 100)), NULL);
      if (!write_text (b, ws, row++, 1, plan->target, b->wrap, error))
        return FALSE;
    }
  row++;

  /* the trigger indicators: in numbers and in words, on one line each */
  if (!write_text (b, ws, row++, 0, W_ (b, "The indicators that triggered the plan"), b->subtitle, error))
    return FALSE;
  if (!write_header_row (b, ws, row++, trigger_headers, widths, G_N_ELEMENTS (trigger_headers), error))
    return FALSE;
  for (guint i = 0; i < triggers->len; i++)
    {
      IndsatsTriggerStatus *t = g_ptr_array_index (triggers, i);
      gboolean pct = g_strcmp0 (t->unit, "pct") == 0 || t->unit == NULL;
      g_autofree char *words = describe_trigger (b, t);
      g_autofree char *period = NULL;

      if (!write_text (b, ws, row, 0, t->text, b->wrap, error) ||
          !write_text (b, ws, row, 1, t->area, b->top, error) ||
          !write_text (b, ws, row, 7, words, b->wrap, error))
        return FALSE;
      if (!isnan (t->latest))
        {
          period = period_label (t->latest_period);
          if (!write_text (b, ws, row, 2, period, b->top, error))
            return FALSE;
          write_number (ws, row, 3, pct ? as_fraction (t->latest) : t->latest,
                        pct ? (t->latest_preliminary ? b->percent_preliminary : b->percent)
                            : (t->latest_preliminary ? b->decimal_preliminary : b->decimal));
          preliminary |= t->latest_preliminary;
          if (!isnan (t->previous))
            write_number (ws, row, 5, round ((t->latest - t->previous) * 10) / 10, pct ? b->change_points : b->change);
          if (!isnan (t->at_plan))
            write_number (ws, row, 6, round ((t->latest - t->at_plan) * 10) / 10, pct ? b->change_points : b->change);
        }
      if (!isnan (t->threshold))
        write_number (ws, row, 4, pct ? as_fraction (t->threshold) : t->threshold, pct ? b->percent : b->decimal);
      worksheet_set_row (ws, row, row_height (MAX (lines_needed (t->text, widths[0]), lines_needed (words, widths[7]))), NULL);
      row++;
    }
  if (preliminary && !write_text (b, ws, row++, 0, W_ (b, "* Preliminary figures"), b->muted, error))
    return FALSE;
  row++;

  /* the actions that should have taken effect by the meeting and have not started */
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);

      counts[a->status]++;
      if (a->status == INDSATS_STATUS_PLANNED && g_strcmp0 (a->start_date, reference) <= 0)
        g_ptr_array_add (late, a);
    }
  g_ptr_array_sort (late, compare_start_cb);
  {
    g_autofree char *date = indsats_format_date (reference);
    g_autofree char *heading = options->meeting
      ? g_strdup_printf (W_ (b, "Actions that should have started by the meeting (%s)"), date)
      : g_strdup_printf (W_ (b, "Actions that should have started by %s"), date);
    if (!write_text (b, ws, row++, 0, heading, b->subtitle, error))
      return FALSE;
  }
  if (late->len == 0)
    {
      if (!write_text (b, ws, row++, 0, W_ (b, "None: every action that should have started has started."), b->top, error))
        return FALSE;
    }
  else
    {
      if (!write_header_row (b, ws, row++, late_headers, widths, G_N_ELEMENTS (late_headers), error))
        return FALSE;
      for (guint i = 0; i < late->len; i++)
        {
          IndsatsAction *a = g_ptr_array_index (late, i);
          lxw_datetime start = to_datetime (a->start_date);

          if (!write_text (b, ws, row, 0, a->text, b->wrap, error) ||
              !write_text (b, ws, row, 1, a->owner, b->wrap, error) ||
              !write_text (b, ws, row, 3, a->team, b->wrap, error))
            return FALSE;
          worksheet_write_datetime (ws, row, 2, &start, b->date);
          worksheet_set_row (ws, row, row_height (MAX (lines_needed (a->text, widths[0]),
                                                       MAX (lines_needed (a->owner, widths[1]),
                                                            lines_needed (a->team, widths[3])))), NULL);
          row++;
        }
    }
  row++;

  if (!write_text (b, ws, row, 0, W_ (b, "Actions by status"), b->header, error) ||
      !write_text (b, ws, row++, 1, W_ (b, "Number"), b->header, error))
    return FALSE;
  for (int s = 0; s < INDSATS_N_STATUSES; s++)
    {
      if (!write_text (b, ws, row, 0, status_label (b, s), b->top, error))
        return FALSE;
      worksheet_write_number (ws, row++, 1, counts[s], b->number);
    }
  if (!write_text (b, ws, row, 0, W_ (b, "In all"), b->bold, error))
    return FALSE;
  worksheet_write_number (ws, row++, 1, actions->len, b->number);
  row++;

  if (!write_text (b, ws, row++, 0, W_ (b, "Figures"), b->header, error))
    return FALSE;
  for (guint i = 0; i < figures->len; i++)
    {
      IndsatsFigure *f = g_ptr_array_index (figures, i);
      g_autofree char *name = sheet_of_figure (b, f->number);
      g_autofree char *heading = g_strdup_printf ("%s. %s", name, f->title);
      g_autofree char *link = g_strdup_printf ("internal:'%s'!A1", name);

      worksheet_write_url_opt (ws, row++, 0, link, b->link, heading, NULL);
    }

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return set_footer (b, ws, error);
}

static gboolean
write_goals (Book       *b,
             GPtrArray  *goals,
             GError    **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, W_ (b, "Goals"));
  const char *headers[] = { W_ (b, "Kind"), W_ (b, "Number"), W_ (b, "Goal"), W_ (b, "Status"), W_ (b, "Figures") };
  double widths[] = { 22, 8, 44, 70, 22 };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      if (!write_text (b, ws, 0, c, headers[c], b->header, error))
        return FALSE;
      worksheet_set_column (ws, c, c, widths[c], b->wrap);
    }
  for (guint i = 0; i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);
      g_autoptr(GString) figures = g_string_new (NULL);

      for (guint f = 0; f < g->figures->len; f++)
        {
          g_autofree char *name = sheet_of_figure (b, g_array_index (g->figures, int, f));
          g_string_append_printf (figures, "%s%s", f ? ", " : "", name);
        }
      if (!write_text (b, ws, i + 1, 0, goal_kind_label (b, g->kind), b->wrap, error))
        return FALSE;
      if (g->number > 0)
        worksheet_write_number (ws, i + 1, 1, g->number, b->top);
      if (!write_text (b, ws, i + 1, 2, g->title, b->wrap, error) ||
          !write_text (b, ws, i + 1, 3, g->status_text, b->wrap, error) ||
          !write_text (b, ws, i + 1, 4, figures->str, b->wrap, error))
        return FALSE;
      worksheet_set_row (ws, i + 1, row_height (MAX (lines_needed (g->title, 44), lines_needed (g->status_text, 70))), NULL);
    }
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_repeat_rows (ws, 0, 0);
  return set_footer (b, ws, error);
}

/* A field of an action, or what a change to an indicator is, as the sheet of changes names it */
static const char *
change_field_label (Book                *b,
                    const IndsatsChange *c)
{
  const char *what = c->what;

  if (strcmp (what, "added") == 0)
    return WC_ (b, "a change", "Added");
  if (strcmp (what, "removed") == 0)
    return WC_ (b, "a change", "Removed");
  if (strcmp (what, "status") == 0)
    return W_ (b, "Status");
  if (strcmp (what, "start_date") == 0)
    return W_ (b, "Takes Effect");
  if (strcmp (what, "end_date") == 0)
    return WC_ (b, "a change", "End date");
  if (strcmp (what, "owner") == 0)
    return W_ (b, "Owner");
  if (strcmp (what, "text") == 0)
    return W_ (b, "Action");
  if (strcmp (what, "team") == 0)
    return W_ (b, "Team");
  if (strcmp (what, "focus") == 0)
    return WC_ (b, "a change", "Focus area");
  if (strcmp (what, "value") == 0)
    return W_ (b, "Latest value");
  if (strcmp (what, "period") == 0)
    return W_ (b, "Period");
  return what;
}

/* One side of a change, in the cell's own kind: a date, a percentage, a status, a text */
static gboolean
write_change_value (Book                *b,
                    lxw_worksheet       *ws,
                    int                  row,
                    int                  col,
                    const IndsatsChange *c,
                    const char          *value,
                    GError             **error)
{
  if (value == NULL)
    return TRUE;
  if (strcmp (c->what, "start_date") == 0 || strcmp (c->what, "end_date") == 0)
    {
      lxw_datetime date = to_datetime (value);
      worksheet_write_datetime (ws, row, col, &date, b->date);
      return TRUE;
    }
  if (strcmp (c->what, "value") == 0)
    {
      double number = g_ascii_strtod (value, NULL);
      gboolean pct = g_strcmp0 (c->unit, "pct") == 0;
      write_number (ws, row, col, pct ? as_fraction (number) : number, pct ? b->percent : b->decimal);
      return TRUE;
    }
  if (strcmp (c->what, "status") == 0)
    {
      IndsatsStatus status = INDSATS_STATUS_PLANNED;
      indsats_status_from_string (value, &status, NULL);
      return write_text (b, ws, row, col, status_label (b, status), b->top, error);
    }
  if (strcmp (c->what, "period") == 0)
    {
      g_autofree char *label = period_label (value);
      return write_text (b, ws, row, col, label, b->top, error);
    }
  return write_text (b, ws, row, col, value, b->wrap, error);
}

/* The sheet the committee reads first at its next meeting: what happened to
 * the actions and the trigger indicators since the snapshot of the last one */
static gboolean
write_changes (Book                  *b,
               const IndsatsSnapshot *snapshot,
               GPtrArray             *changes,
               GError               **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, W_ (b, "Since the last meeting"));
  const char *headers[] = {
    W_ (b, "Action or indicator"), W_ (b, "What changed"), W_ (b, "At the meeting"), W_ (b, "Now"), W_ (b, "In words"),
  };
  const double widths[] = { 50, 18, 20, 20, 70 };
  g_autofree char *date = indsats_format_date (snapshot->meeting_date);
  g_autofree char *heading = g_strdup_printf (W_ (b, "Since the committee meeting of %s"), date);
  g_autofree char *named = indsats_snapshot_describe_in (b->catalog, snapshot);
  int row = 0;

  for (guint c = 0; c < G_N_ELEMENTS (widths); c++)
    worksheet_set_column (ws, c, c, widths[c], c == 0 || c == 4 ? b->wrap : b->top);
  if (!write_text (b, ws, row++, 0, heading, b->title, error) ||
      !write_text (b, ws, row++, 0, named, b->muted, error))
    return FALSE;
  row++;
  if (!write_header_row (b, ws, row++, headers, widths, G_N_ELEMENTS (headers), error))
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsChange *c = g_ptr_array_index (changes, i);
      gboolean action = strcmp (c->kind, "action") == 0;
      g_autofree char *words = indsats_change_describe_in (b->catalog, c);
      g_autofree char *subject = action ? g_strdup (c->label ? c->label : c->id)
                                        : g_strdup_printf ("%s, %s", c->id, c->label ? c->label : "");

      if (!write_text (b, ws, row, 0, subject, b->wrap, error) ||
          !write_text (b, ws, row, 1, change_field_label (b, c), b->top, error) ||
          !write_change_value (b, ws, row, 2, c, c->old_value, error) ||
          !write_change_value (b, ws, row, 3, c, c->new_value, error) ||
          !write_text (b, ws, row, 4, indsats_change_is_told (c) ? words : "", b->wrap, error))
        return FALSE;
      worksheet_set_row (ws, row, row_height (MAX (lines_needed (subject, widths[0]), lines_needed (words, widths[4]))), NULL);
      row++;
    }
  if (changes->len == 0 && !write_text (b, ws, row++, 0, W_ (b, "Nothing has changed."), b->top, error))
    return FALSE;
  worksheet_freeze_panes (ws, 4, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_repeat_rows (ws, 3, 3);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return set_footer (b, ws, error);
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

/* An Excel number format for an axis whose ticks need @decimals: "0 %", "#,##0.0" */
static char *
axis_format (gboolean percent,
             int      decimals)
{
  g_autofree char *places = decimals > 0 ? g_strnfill (decimals, '0') : g_strdup ("");

  return g_strdup_printf ("%s%s%s%s", percent ? "0" : "#,##0", decimals > 0 ? "." : "", places,
                          percent ? "\\ %" : "");
}

/* Excel's own chart of the table, drawn like Indsats' figure: the same
 * colours, dashes and point shapes, the threshold as a dashed dark line, the
 * axis over the same range with the same steps, and numbers formatted the
 * Danish way */
static gboolean
write_native_chart (Book             *b,
                    lxw_worksheet    *ws,
                    IndsatsChartData *data,
                    const char       *name,
                    const char       *heading,
                    int               first,
                    int               at_row,
                    GError          **error)
{
  lxw_chart *chart;
  lxw_chart_options placement = { 0 };
  lxw_chart_axis *values_axis;
  lxw_chart_line grid = { .color = 0xDEDDDA, .width = 0.75 };
  lxw_chart_font title_font = { .size = 11, .bold = LXW_TRUE };
  gboolean single = data->kind == INDSATS_FIGURE_BAR && data->n_periods == 1;
  gboolean threshold = !isnan (data->threshold);
  guint n_series = data->series->len;
  int last = first + data->n_periods;
  double scale = data->percent ? 0.01 : 1;
  g_autofree char *number_format = NULL;
  PangoContext *context;
  IndsatsChartLayout *layout;

  chart = workbook_add_chart (b->wb, data->kind == INDSATS_FIGURE_LINE ? LXW_CHART_LINE
                                     : data->kind == INDSATS_FIGURE_BAR ? LXW_CHART_BAR
                                     : LXW_CHART_COLUMN);
  chart_title_set_name (chart, heading);
  chart_title_set_name_font (chart, &title_font);
  if (single)
    {
      /* one period of bars: the figure draws a bar per series, each in its
       * colour and named on the axis, so the chart reads the table's row */
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      g_autofree lxw_chart_fill *fills = g_new0 (lxw_chart_fill, n_series);
      g_autofree lxw_chart_point *points = g_new0 (lxw_chart_point, n_series);
      g_autofree lxw_chart_point **point_list = g_new0 (lxw_chart_point *, n_series + 1);

      chart_series_set_categories (series, name, first, 1, first, n_series);
      chart_series_set_values (series, name, first + 1, 1, first + 1, n_series);
      for (guint s = 0; s < n_series; s++)
        {
          fills[s].color = (lxw_color_t) g_ascii_strtoull (indsats_chart_series_style (s)->hex + 1, NULL, 16);
          points[s].fill = &fills[s];
          point_list[s] = &points[s];
        }
      if (!check (b, chart_series_set_points (series, point_list), error))
        return FALSE;
      chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
    }
  for (guint s = 0; !single && s < n_series + (threshold ? 1 : 0); s++)
    {
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      lxw_chart_line line = { 0 };

      chart_series_set_categories (series, name, first + 1, 0, last, 0);
      chart_series_set_values (series, name, first + 1, s + 1, last, s + 1);
      chart_series_set_name_range (series, name, first, s + 1);
      if (s == n_series)
        {
          /* the threshold: dashed and dark as in the figure */
          line.color = 0x212121;
          line.dash_type = LXW_CHART_LINE_DASH_DASH;
          line.width = 1.5;
          chart_series_set_line (series, &line);
          if (data->kind == INDSATS_FIGURE_LINE)
            chart_series_set_marker_type (series, LXW_CHART_MARKER_NONE);
          else
            {
              lxw_chart_fill fill = { .none = LXW_TRUE };
              chart_series_set_fill (series, &fill);
            }
        }
      else
        {
          const IndsatsSeriesStyle *style = indsats_chart_series_style (s);
          lxw_color_t color = (lxw_color_t) g_ascii_strtoull (style->hex + 1, NULL, 16);

          line.color = color;
          if (data->kind == INDSATS_FIGURE_LINE)
            {
              lxw_chart_fill fill = { .color = color };

              line.width = 2.25;
              line.dash_type = dash_of (style);
              chart_series_set_line (series, &line);
              chart_series_set_marker_type (series, marker_of (style->point));
              chart_series_set_marker_size (series, 5);
              chart_series_set_marker_fill (series, &fill);
              chart_series_set_marker_line (series, &(lxw_chart_line) { .color = color });
            }
          else
            {
              lxw_chart_fill fill = { .color = color };
              chart_series_set_fill (series, &fill);
            }
        }
    }
  if (!single)
    chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  /* libxlsxwriter calls the value axis of a bar chart x, as Excel draws it across */
  values_axis = data->kind == INDSATS_FIGURE_BAR ? chart->x_axis : chart->y_axis;
  if (data->kind == INDSATS_FIGURE_BAR)
    {
      /* the figure lists bars from the top down; Excel from the bottom up */
      chart_axis_set_reverse (chart->y_axis);
      chart_axis_set_crossing_max (chart->y_axis);
    }
  /* the figure's own axis: its range and steps come from the layout */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  layout = indsats_chart_layout_new (data, FIGURE_WIDTH, FIGURE_HEIGHT, context);
  number_format = axis_format (data->percent, layout ? layout->decimals : 0);
  chart_axis_set_num_format (values_axis, number_format);
  chart_axis_major_gridlines_set_line (values_axis, &grid);
  chart_axis_major_gridlines_set_visible (values_axis, LXW_TRUE);
  if (layout && !single && layout->categories->len > 0)
    {
      /* period labels thinned as the figure thins them */
      guint shown = 0;

      for (guint i = 0; i < layout->categories->len; i++)
        shown += ((IndsatsChartCategory *) g_ptr_array_index (layout->categories, i))->shown ? 1 : 0;
      if (shown > 0 && shown < layout->categories->len)
        chart_axis_set_interval_unit (data->kind == INDSATS_FIGURE_BAR ? chart->y_axis : chart->x_axis,
                                      (layout->categories->len + shown - 1) / shown);
    }
  if (layout && !layout->empty && layout->step > 0)
    {
      chart_axis_set_min (values_axis, layout->lo * scale);
      chart_axis_set_max (values_axis, layout->hi * scale);
      chart_axis_set_major_unit (values_axis, layout->step * scale);
    }
  g_clear_pointer (&layout, indsats_chart_layout_free);
  g_object_unref (context);

  placement.x_scale = FIGURE_WIDTH / 480.0;
  placement.y_scale = FIGURE_HEIGHT / 288.0;
  placement.description = (char *) heading;
  return check (b, worksheet_insert_chart_opt (ws, at_row, 0, chart, &placement), error);
}

/* A figure's sheet: its heading, the figure as Indsats draws it (the same
 * picture as in the window and the PDF), then its numbers, periods down and
 * series across, preliminary ones marked as in the figure; Excel's own chart
 * below them when asked for */
static gboolean
write_figure (Book                       *b,
              IndsatsChartData           *data,
              GBytes                     *png,
              const IndsatsExportOptions *options,
              GError                    **error)
{
  g_autofree char *name = sheet_of_figure (b, data->number);
  g_autofree char *heading = g_strdup_printf ("%s. %s", name, data->title ? data->title : "");
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, name);
  gboolean threshold = !isnan (data->threshold);
  guint n_series = data->series->len;
  gboolean decimals = FALSE, preliminary = FALSE;
  int first = 2 + (FIGURE_HEIGHT + ROW_PX - 1) / ROW_PX + 1;
  int row = first + 1 + data->n_periods;
  g_autofree const char **headers = NULL;
  g_autofree char *threshold_label = NULL;
  g_autofree double *widths = NULL;
  lxw_image_options image = { 0 };
  gsize size;
  const unsigned char *bytes;

  /* counts of people show as whole numbers, unless a value has decimals */
  for (guint k = 0; !data->percent && k < n_series; k++)
    for (int i = 0; i < data->n_periods; i++)
      {
        double v = ((IndsatsChartSeries *) g_ptr_array_index (data->series, k))->values[i];
        if (!isnan (v) && fabs (v - round (v)) > 1e-9)
          decimals = TRUE;
      }

  if (!write_text (b, ws, 0, 0, heading, b->title, error))
    return FALSE;
  worksheet_set_column (ws, 0, 0, 16, NULL);
  worksheet_set_column (ws, 1, n_series + (threshold ? 1 : 0), 14, NULL);

  bytes = g_bytes_get_data (png, &size);
  image.description = heading;
  image.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
  if (!check (b, worksheet_insert_image_buffer_opt (ws, 2, 0, bytes, size, &image), error))
    return FALSE;

  headers = g_new0 (const char *, n_series + 2);
  widths = g_new0 (double, n_series + 2);
  headers[0] = W_ (b, "Period");
  widths[0] = 16;
  for (guint s = 0; s < n_series; s++)
    {
      headers[s + 1] = ((IndsatsChartSeries *) g_ptr_array_index (data->series, s))->label;
      widths[s + 1] = 14;
    }
  threshold_label = indsats_chart_data_get_threshold_label (data);
  headers[n_series + 1] = threshold_label ? threshold_label : W_ (b, "Threshold");
  widths[n_series + 1] = 14;
  if (!write_header_row (b, ws, first, headers, widths, n_series + 1 + (threshold ? 1 : 0), error))
    return FALSE;
  for (int i = 0; i < data->n_periods; i++)
    {
      g_autofree char *label = indsats_period_to_label (&data->periods[i]);

      if (!write_text (b, ws, first + 1 + i, 0, label, NULL, error))
        return FALSE;
      for (guint s = 0; s < n_series; s++)
        {
          IndsatsChartSeries *series = g_ptr_array_index (data->series, s);
          double v = series->values[i];
          gboolean p = series->preliminary && series->preliminary[i] && !isnan (v);
          lxw_format *format = data->percent ? (p ? b->percent_preliminary : b->percent)
                               : decimals ? (p ? b->decimal_preliminary : b->decimal)
                               : (p ? b->number_preliminary : b->number);

          /* a missing value stays an empty cell, never a zero */
          write_number (ws, first + 1 + i, s + 1, data->percent ? as_fraction (v) : v, format);
          preliminary |= p;
        }
      if (threshold)
        write_number (ws, first + 1 + i, n_series + 1, data->percent ? as_fraction (data->threshold) : data->threshold,
                      data->percent ? b->percent : decimals ? b->decimal : b->number);
    }
  row++;
  if (preliminary && !write_text (b, ws, row++, 0, W_ (b, "* Preliminary figures"), b->muted, error))
    return FALSE;
  if (data->unit && *data->unit && !write_text (b, ws, row++, 0, data->unit, b->muted, error))
    return FALSE;
  if (data->source && *data->source && !write_text (b, ws, row++, 0, data->source, b->muted, error))
    return FALSE;

  if (options->native_charts && data->n_periods > 0 && n_series > 0 &&
      !write_native_chart (b, ws, data, name, heading, first, row + 1, error))
    return FALSE;

  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return set_footer (b, ws, error);
}

/* The texts too long for their cell, whole, in pieces that fit */
static gboolean
write_long_texts (Book    *b,
                  GError **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, W_ (b, "Long Texts"));
  int row = 0;

  worksheet_set_column (ws, 0, 1, 14, b->top);
  worksheet_set_column (ws, 2, 2, 8, b->top);
  worksheet_set_column (ws, 3, 3, 100, b->wrap);
  if (!write_text (b, ws, row++, 0, W_ (b, "These texts are longer than a cell of a workbook holds. "
                                         "Each is here whole, in parts that follow one another."), NULL, error))
    return FALSE;
  row++;
  if (!write_text (b, ws, row, 0, W_ (b, "Sheet"), b->header, error) ||
      !write_text (b, ws, row, 1, W_ (b, "Cell"), b->header, error) ||
      !write_text (b, ws, row, 2, W_ (b, "Part"), b->header, error) ||
      !write_text (b, ws, row, 3, W_ (b, "Text"), b->header, error))
    return FALSE;
  row++;
  for (guint i = 0; i < b->long_texts->len; i++)
    {
      LongText *t = g_ptr_array_index (b->long_texts, i);
      char cell[16];
      int part = 1;

      lxw_rowcol_to_cell (cell, t->row, t->col);
      for (const char *p = t->text; *p; part++)
        {
          /* leave room to spare: a part need not fill the cell to the last character */
          const char *end = indsats_text_cell_cut (p, INDSATS_CELL_MAX_CHARS - 767);
          g_autofree char *piece = g_strndup (p, end - p);

          if (!write_text (b, ws, row, 0, t->sheet, b->top, error) ||
              !write_text (b, ws, row, 1, cell, b->top, error) ||
              !write_text (b, ws, row, 3, piece, b->wrap, error))
            return FALSE;
          worksheet_write_number (ws, row++, 2, part, b->number);
          p = end;
        }
    }
  return set_footer (b, ws, error);
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

/* The figures' pictures are drawn on every core, a batch at a time: each
 * thread of the pool has a cairo surface and Pango's font map of its own
 * (Pango keeps one per thread), the data are read before and the sheets
 * written after, in order, so the workbook is the same whatever the order
 * the threads finish in. */
#define PICTURE_BATCH 32

typedef struct
{
  IndsatsChartData *data;
  GBytes           *png;
  GError           *error;
} Picture;

typedef struct
{
  GMutex lock;
  GCond  done;
  guint  left;
} Batch;

static void
draw_picture_cb (gpointer item,
                 gpointer user_data)
{
  Picture *picture = item;
  Batch *batch = user_data;

  picture->png = indsats_chart_render_png (picture->data, FIGURE_WIDTH, FIGURE_HEIGHT, &picture->error);
  g_mutex_lock (&batch->lock);
  batch->left--;
  g_cond_signal (&batch->done);
  g_mutex_unlock (&batch->lock);
}

static void
picture_clear (Picture *picture)
{
  g_clear_pointer (&picture->data, indsats_chart_data_free);
  g_clear_pointer (&picture->png, g_bytes_unref);
  g_clear_error (&picture->error);
}

/* INDSATS_THREADS: how many threads draw the pictures; one per processor
 * unless it says otherwise (1 draws them all on the exporting thread) */
static guint
picture_threads (void)
{
  const char *asked = g_getenv ("INDSATS_THREADS");
  guint64 n = 0;

  if (asked != NULL && g_ascii_string_to_unsigned (asked, 10, 1, PICTURE_BATCH, &n, NULL))
    return (guint) n;
  return MIN (g_get_num_processors (), PICTURE_BATCH);
}

static gboolean
write_figures (Book                       *b,
               IndsatsStore               *store,
               GPtrArray                  *figures,
               const IndsatsExportOptions *options,
               GCancellable               *cancellable,
               IndsatsExportProgressFunc   progress,
               gpointer                    user_data,
               GError                    **error)
{
  Picture pictures[PICTURE_BATCH] = { { 0 } };
  Batch batch = { 0 };
  guint threads = picture_threads ();
  GThreadPool *pool = NULL;
  gboolean ok = TRUE;

  g_mutex_init (&batch.lock);
  g_cond_init (&batch.done);
  if (threads > 1 && figures->len > 1)
    pool = g_thread_pool_new (draw_picture_cb, &batch, threads, FALSE, NULL);
  for (guint start = 0; ok && start < figures->len; start += PICTURE_BATCH)
    {
      guint n = MIN (PICTURE_BATCH, figures->len - start);

      /* the store is read on this thread only */
      for (guint k = 0; ok && k < n; k++)
        {
          IndsatsFigure *f = g_ptr_array_index (figures, start + k);

          if (is_cancelled (cancellable, error) ||
              !(pictures[k].data = indsats_chart_data_load_figure (store, f, error)))
            ok = FALSE;
          else
            pictures[k].data->catalog = b->catalog;  /* the picture speaks the workbook's language */
        }
      if (ok)
        {
          batch.left = n;
          for (guint k = 0; k < n; k++)
            if (pool == NULL || !g_thread_pool_push (pool, &pictures[k], NULL))
              draw_picture_cb (&pictures[k], &batch);
          g_mutex_lock (&batch.lock);
          while (batch.left > 0)
            g_cond_wait (&batch.done, &batch.lock);
          g_mutex_unlock (&batch.lock);
        }
      for (guint k = 0; ok && k < n; k++)
        {
          if (pictures[k].png == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&pictures[k].error));
              ok = FALSE;
            }
          else if (!write_figure (b, pictures[k].data, pictures[k].png, options, error))
            ok = FALSE;
          else if (progress)
            progress (0.9 * (start + k + 1) / figures->len, user_data);
        }
      for (guint k = 0; k < n; k++)
        picture_clear (&pictures[k]);
    }
  if (pool)
    g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&batch.lock);
  g_cond_clear (&batch.done);
  return ok;
}

static gboolean
write_sheets (Book                       *b,
              IndsatsStore               *store,
              IndsatsPlan                *plan,
              GPtrArray                  *actions,
              GPtrArray                  *goals,
              GPtrArray                  *figures,
              GPtrArray                  *triggers,
              const IndsatsSnapshot      *snapshot,
              GPtrArray                  *changes,
              const IndsatsExportOptions *options,
              GCancellable               *cancellable,
              IndsatsExportProgressFunc   progress,
              gpointer                    user_data,
              GError                    **error)
{
  if (!write_overview (b, plan, triggers, actions, figures, options, error) ||
      !write_actions (b, actions, error) ||
      !write_goals (b, goals, error) ||
      (snapshot && !write_changes (b, snapshot, changes, error)))
    return FALSE;
  return write_figures (b, store, figures, options, cancellable, progress, user_data, error) &&
         (b->long_texts->len == 0 || write_long_texts (b, error)) && !is_cancelled (cancellable, error);
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

static gboolean
export_workbook (IndsatsStore               *store,
                 gint64                      plan_id,
                 const char                 *path,
                 IndsatsExportOptions       *options,
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
  g_autoptr(IndsatsCatalog) catalog = NULL;
  g_autoptr(IndsatsSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) long_texts = g_ptr_array_new_with_free_func ((GDestroyNotify) long_text_free);
  g_autoptr(IndsatsSafeWrite) out = NULL;
  g_autofree char *title = NULL, *subject = NULL, *jobcentre = NULL;
  lxw_workbook_options wb_options = { 0 };
  lxw_doc_properties properties = { 0 };
  Book b = { 0 };
  lxw_error rc;
  gboolean written;

  if (options->meeting && !indsats_date_is_valid_iso (options->meeting))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "The meeting's date “%s” is not a valid date (write it as YYYY-MM-DD)", options->meeting);
      return FALSE;
    }
  if (!(catalog = indsats_catalog_new (options->language ? options->language : "da", error)))
    return FALSE;

  /* Everything is read in one read transaction, the figures' data too: the
   * workbook shows one moment of the data even while someone imports or edits */
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
  /* the changes since the meeting named, or the newest; no sheet when no
   * meeting was ever marked */
  snapshot = indsats_snapshot_find (store, plan_id, options->since, &local_error);
  if (local_error || (snapshot && !(changes = indsats_changes_since (store, plan_id, snapshot, error))))
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      indsats_store_rollback (store);
      return FALSE;
    }
  for (guint i = 0; i < figures->len; i++)
    {
      IndsatsFigure *f = g_ptr_array_index (figures, i);
      char *clean_title = indsats_text_for_xml (f->title);

      /* the title goes into a link's XML, which libxlsxwriter does not clean */
      g_free (f->title);
      f->title = clean_title;
    }

  if (!(out = indsats_safe_write_begin (path, error)))
    {
      indsats_store_rollback (store);
      return FALSE;
    }
  /* libxlsxwriter's own scratch files: with no folder named it takes
   * tmpfile(), which has no name and so cannot be left behind by a killed
   * process, as named ones beside the workbook were */
  wb_options.tmpdir = NULL;
  b.wb = workbook_new_opt (indsats_safe_write_get_path (out), &wb_options);
  if (b.wb == NULL)
    {
      indsats_store_rollback (store);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "Cannot write “%s”", path);
      return FALSE;
    }
  b.catalog = catalog;
  b.path = path;
  b.long_texts = long_texts;
  make_formats (&b);
  /* the document's properties are XML that libxlsxwriter does not clean */
  title = indsats_text_for_xml (plan->title);
  subject = indsats_text_for_xml (plan->committee && *plan->committee ? plan->committee : W_ (&b, "Recovery plan"));
  jobcentre = indsats_text_for_xml (plan->jobcentre);
  properties.title = title;
  properties.subject = subject;
  properties.company = jobcentre;
  properties.author = jobcentre;
  properties.comments = (char *) W_ (&b, "Written by Indsats");
  workbook_set_properties (b.wb, &properties);

  written = write_sheets (&b, store, plan, actions, goals, figures, triggers, snapshot, changes, options,
                          cancellable, progress, user_data, error);
  indsats_store_rollback (store);
  if (!written)
    {
      /* libxlsxwriter has no way to abandon a workbook: close it; the
       * temporary file goes with the safe write */
      close_quietly (b.wb);
      return FALSE;
    }

  rc = close_quietly (b.wb);
  b.wb = NULL;
  if (rc != LXW_NO_ERROR)
    {
      if (errno == ENOSPC || errno == EDQUOT)
        {
          indsats_set_write_error (error, path, errno);
          return FALSE;
        }
      return check (&b, rc, error);
    }
  if (!indsats_safe_write_commit (g_steal_pointer (&out), error))
    return FALSE;
  options->split_texts = long_texts->len;
  if (progress)
    progress (1.0, user_data);
  return TRUE;
}

/**
 * indsats_export_xlsx:
 * @plan_id: the plan to export
 * @path: the workbook to write; it is written beside it first and renamed,
 *   so an existing file is replaced only when the new one is whole
 * @options: (nullable): the language, native charts and meeting date;
 *   %NULL for a Danish workbook without them
 *
 * Writes the committee's workbook.
 */
gboolean
indsats_export_xlsx (IndsatsStore               *store,
                     gint64                      plan_id,
                     const char                 *path,
                     IndsatsExportOptions       *options,
                     GCancellable               *cancellable,
                     IndsatsExportProgressFunc   progress,
                     gpointer                    user_data,
                     GError                    **error)
{
  IndsatsExportOptions defaults = { 0 };
  locale_t base, c_numeric, previous;
  gboolean ok;

  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  options->split_texts = 0;

  /* libxlsxwriter writes every double in the XML (cell values, column widths,
   * margins, chart ranges) with the C library's printf, which follows
   * LC_NUMERIC: under da_DK it would write "0,2", and no reader accepts that.
   * This thread alone gets the C numeric locale for the export, keeping the
   * rest of the user's locale, and gets its own back however the export ends.
   * The window's other threads are not touched. */
  base = duplocale (LC_GLOBAL_LOCALE);
  c_numeric = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (c_numeric == (locale_t) 0)
    {
      if (base != (locale_t) 0)
        freelocale (base);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                   "Cannot write the workbook “%s”: no C numeric locale (%s)", path, g_strerror (errno));
      return FALSE;
    }
  previous = uselocale (c_numeric);
  ok = export_workbook (store, plan_id, path, options, cancellable, progress, user_data, error);
  uselocale (previous);
  freelocale (c_numeric);
  return ok;
}
