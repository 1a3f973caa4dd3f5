/* indsats-export-xlsx-cells.c
 *
 * The workbook's formats and the helpers every sheet writes its cells with:
 * text always as text (never a formula), numbers and dates in their own
 * kind, labels in the workbook's language, headers and footers.
 */
#include "config.h"

#include "indsats-export-xlsx-private.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <xlsxwriter.h>

#include "indsats-error.h"
#include "indsats-format.h"

void
indsats_xlsx_long_text_free (LongText *t)
{
  g_free (t->sheet);
  g_free (t->text);
  g_free (t);
}

lxw_datetime
indsats_xlsx_to_datetime (const char *iso)
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
double
indsats_xlsx_as_fraction (double percent)
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

void
indsats_xlsx_make_formats (Book *b)
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

gboolean
indsats_xlsx_check (Book       *b,
                    lxw_error   rc,
                    GError    **error)
{
  if (rc == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
               _("Cannot write the workbook “%s”: %s"), b->path, lxw_strerror (rc));
  return FALSE;
}

/* worksheet_write_string writes text as text: no formula is ever made. A
 * text longer than a cell holds is cut where the cell says so, and kept
 * whole on the sheet of long texts. */
gboolean
indsats_xlsx_write_text (Book           *b,
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
  return indsats_xlsx_check (b, worksheet_write_string (ws, row, col, text, format), error);
}

void
indsats_xlsx_write_number (lxw_worksheet *ws,
                           int            row,
                           int            col,
                           double         value,
                           lxw_format    *format)
{
  if (!isnan (value))
    worksheet_write_number (ws, row, col, value, format);
}

const char *
indsats_xlsx_status_label (Book          *b,
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

const char *
indsats_xlsx_goal_kind_label (Book            *b,
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

char *
indsats_xlsx_sheet_of_figure (Book *b,
                              int   number)
{
  return g_strdup_printf (W_ (b, "Figure %d"), number);
}

gboolean
indsats_xlsx_set_footer (Book           *b,
                         lxw_worksheet  *ws,
                         GError        **error)
{
  return indsats_xlsx_check (b, worksheet_set_footer (ws, W_ (b, "&L&A&RPage &P of &N")), error);
}

/* About how many lines @text wraps to in a column @width characters wide */
int
indsats_xlsx_lines_needed (const char *text,
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
double
indsats_xlsx_row_height (int lines)
{
  return MIN (15.0 * lines, 409.0);
}

/* A table's header row, as high as its longest heading wraps to */
gboolean
indsats_xlsx_write_header_row (Book           *b,
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
      if (!indsats_xlsx_write_text (b, ws, row, c, headers[c], b->header, error))
        return FALSE;
      lines = MAX (lines, indsats_xlsx_lines_needed (headers[c], widths[c] * 0.9));
    }
  worksheet_set_row (ws, row, indsats_xlsx_row_height (lines), NULL);
  return TRUE;
}

gboolean
indsats_xlsx_is_cancelled (GCancellable  *cancellable,
                           GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED, _("The export was cancelled"));
      return TRUE;
    }
  return FALSE;
}
