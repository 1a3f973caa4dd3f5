/* indsats-export-pdf.c
 *
 * The briefing the committee reads before its meeting: a cover, the trigger
 * indicators against the line with their figures, the actions by team and
 * focus area, what changed since the last meeting, and the goals with their
 * status texts and figures, grouped and numbered as in the status paper.
 *
 * The briefing goes to a Danish committee, so its words come from the Danish
 * catalog whatever language the process speaks (W_ and WC_, as the workbook
 * does). The content is first laid out as a list of blocks, then paginated,
 * and only then drawn, so that every page knows how many pages there are. A
 * figure never splits; a long text breaks between its lines, never through
 * one, and a heading stays with what follows it.
 */
#include "config.h"

#include "indsats-export-pdf.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "indsats-catalog.h"
#include "indsats-changes.h"
#include "indsats-chart.h"
#include "indsats-error.h"
#include "indsats-follow-up.h"
#include "indsats-format.h"

#define W_(br, text) indsats_catalog_gettext ((br)->catalog, text)
#define WC_(br, context, text) indsats_catalog_pgettext ((br)->catalog, context, text)

/* A4 in points, and the margins of a printed letter */
#define PAGE_WIDTH    595.276
#define PAGE_HEIGHT   841.890
#define MARGIN_SIDE    62.0
#define MARGIN_TOP     70.0
#define MARGIN_BOTTOM  64.0
#define TEXT_WIDTH    (PAGE_WIDTH - 2 * MARGIN_SIDE)
#define BODY_BOTTOM   (PAGE_HEIGHT - MARGIN_BOTTOM)
#define FIGURE_HEIGHT 270.0
#define FONT          "Sans"

typedef enum
{
  BLOCK_TEXT,
  BLOCK_FIGURE,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct
{
  BlockKind    kind;
  PangoLayout *layout;        /* BLOCK_TEXT */
  double       indent;
  double       space_before;
  gboolean     keep_with_next; /* a heading, or an action's text before its facts */
  int          figure;        /* BLOCK_FIGURE */
  IndsatsChartData *data;
  int          outline_level; /* 1, 2 or 3 for a bookmark, 0 for none */
  char        *outline_title;
  /* the lines of a text, in points from the layout's top */
  GArray      *line_tops;
  GArray      *line_bottoms;
  double       height;
} Block;

/* Where pagination put a block, or the lines of it that fit on one page */
typedef struct
{
  Block  *block;
  int     page;
  double  y;
  guint   first_line;
  guint   n_lines;
} Piece;

static void
block_free (Block *b)
{
  g_clear_object (&b->layout);
  g_clear_pointer (&b->data, indsats_chart_data_free);
  g_clear_pointer (&b->line_tops, g_array_unref);
  g_clear_pointer (&b->line_bottoms, g_array_unref);
  g_free (b->outline_title);
  g_free (b);
}

typedef struct
{
  IndsatsStore   *store;
  IndsatsCatalog *catalog;
  PangoContext   *context;
  GPtrArray      *blocks;
  GArray         *pieces;
} Briefing;

static void
measure_lines (Block *b)
{
  PangoLayoutIter *iter = pango_layout_get_iter (b->layout);
  int h;

  b->line_tops = g_array_new (FALSE, FALSE, sizeof (double));
  b->line_bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  do
    {
      int y0, y1;
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;
      g_array_append_val (b->line_tops, top);
      g_array_append_val (b->line_bottoms, bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pango_layout_get_size (b->layout, NULL, &h);
  b->height = (double) h / PANGO_SCALE;
}

static Block *
add_markup (Briefing   *br,
            const char *font,
            double      space_before,
            double      indent,
            const char *markup)
{
  Block *b = g_new0 (Block, 1);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  b->kind = BLOCK_TEXT;
  b->layout = pango_layout_new (br->context);
  b->indent = indent;
  b->space_before = space_before;
  pango_layout_set_font_description (b->layout, desc);
  pango_layout_set_width (b->layout, (int) ((TEXT_WIDTH - indent) * PANGO_SCALE));
  pango_layout_set_wrap (b->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (b->layout, markup, -1);
  measure_lines (b);
  g_ptr_array_add (br->blocks, b);
  return b;
}

static void
add_heading (Briefing   *br,
             int         level,
             const char *text)
{
  static const char *fonts[] = { NULL, FONT " 16", FONT " 13", FONT " 11" };
  static const double space[] = { 0, 6, 16, 12 };
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);
  Block *b = add_markup (br, fonts[level], space[level], 0, markup);

  b->outline_level = level;
  b->outline_title = g_strdup (text);
  b->keep_with_next = TRUE;
}

static Block *
add_paragraph (Briefing   *br,
               double      indent,
               const char *markup)
{
  return add_markup (br, FONT " 10", 5, indent, markup);
}

/* "• text", its further lines under the text rather than under the bullet */
static Block *
add_bullet (Briefing   *br,
            double      indent,
            const char *markup)
{
  g_autofree char *text = g_strdup_printf ("• %s", markup);
  Block *b = add_paragraph (br, indent, text);
  PangoRectangle logical;
  g_autoptr(PangoLayout) bullet = pango_layout_copy (b->layout);

  pango_layout_set_text (bullet, "• ", -1);
  pango_layout_get_extents (bullet, NULL, &logical);
  pango_layout_set_indent (b->layout, -logical.width);
  g_array_unref (b->line_tops);
  g_array_unref (b->line_bottoms);
  measure_lines (b);
  return b;
}

static void
add_page_break (Briefing *br)
{
  Block *b = g_new0 (Block, 1);

  b->kind = BLOCK_PAGE_BREAK;
  g_ptr_array_add (br->blocks, b);
}

static gboolean
add_figure (Briefing  *br,
            int        number,
            GError   **error)
{
  g_autoptr(IndsatsChartData) data = NULL;
  Block *b;

  if (number <= 0)
    return TRUE;
  if (!(data = indsats_chart_data_load (br->store, number, error)))
    return FALSE;
  /* the figure's own words (legend, notes) in the briefing's language */
  data->catalog = br->catalog;
  b = g_new0 (Block, 1);
  b->kind = BLOCK_FIGURE;
  b->figure = number;
  b->data = g_steal_pointer (&data);
  b->space_before = 10;
  b->height = FIGURE_HEIGHT;
  g_ptr_array_add (br->blocks, b);
  return TRUE;
}

/* Words the briefing says in its own language */

/* "12. september 2023": the meeting's date as a letter writes it */
static char *
long_date (Briefing   *br,
           const char *iso)
{
  const char *months[] = {
    WC_ (br, "month", "January"), WC_ (br, "month", "February"), WC_ (br, "month", "March"),
    WC_ (br, "month", "April"), WC_ (br, "month", "May"), WC_ (br, "month", "June"),
    WC_ (br, "month", "July"), WC_ (br, "month", "August"), WC_ (br, "month", "September"),
    WC_ (br, "month", "October"), WC_ (br, "month", "November"), WC_ (br, "month", "December"),
  };
  int year, month, day;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3 || month < 1 || month > 12)
    return g_strdup (iso ? iso : "");
  /* Translators: a date in a letter: the day, the month's name and the year */
  return g_strdup_printf (WC_ (br, "long date", "%2$s %1$d, %3$d"), day, months[month - 1], year);
}

static const char *
goal_kind_label (Briefing        *br,
                 IndsatsGoalKind  kind)
{
  switch (kind)
    {
    case INDSATS_GOAL_LOCAL: return W_ (br, "Local Focus Goals");
    case INDSATS_GOAL_STRATEGIC: return W_ (br, "Strategic Markers");
    case INDSATS_GOAL_MINISTER:
    default: return W_ (br, "Ministerial Goals");
    }
}

/* "−4,5 procentpoint", "+12", "–" when either end is missing */
static char *
format_change (Briefing                   *br,
               const IndsatsTriggerStatus *t,
               double                      from,
               double                      to)
{
  g_autofree char *number = NULL;
  double change;

  if (isnan (from) || isnan (to))
    return g_strdup ("–");
  change = round ((to - from) * 10) / 10;
  number = indsats_format_number (fabs (change), fabs (change - round (change)) > 1e-9 ? 1 : 0);
  return g_strdup_printf ("%s%s%s", change > 0 ? "+" : change < 0 ? "−" : "±", number,
                          g_strcmp0 (t->unit, "pct") == 0 ? W_ (br, " percentage points") : "");
}

/**
 * action_start_to_show:
 *
 * The date the briefing gives as the day an action takes effect: the planned
 * start (start_date). The day it actually started (started_on) follows it in
 * the facts line when it is known.
 */
static const char *
action_start_to_show (const IndsatsAction *a)
{
  return a->start_date;
}

/* The parts of the briefing */

static void
add_cover (Briefing          *br,
           const IndsatsPlan *plan,
           const char        *meeting)
{
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", plan->title);
  g_autofree char *centre = g_markup_escape_text (plan->jobcentre ? plan->jobcentre : "", -1);
  g_autofree char *date = long_date (br, meeting);
  g_autofree char *when = NULL;
  g_autofree char *to = NULL;
  Block *b;

  /* Translators: the cover's line naming the committee meeting; the date as 14. marts 2023 */
  when = g_markup_printf_escaped (W_ (br, "Status for the committee meeting of %s"), date);
  b = add_markup (br, FONT " 24", 160, 0, title);
  b->outline_level = 1;
  b->outline_title = g_strdup (plan->title);
  add_markup (br, FONT " 14", 18, 0, centre);
  add_markup (br, FONT " 12", 36, 0, when);
  if (plan->committee && *plan->committee)
    {
      to = g_markup_escape_text (plan->committee, -1);
      add_markup (br, FONT " 12", 6, 0, to);
    }
  add_page_break (br);
}

static gboolean
add_triggers (Briefing              *br,
              GPtrArray             *triggers,
              GPtrArray             *then,
              const IndsatsSnapshot *snapshot,
              GError               **error)
{
  add_heading (br, 1, W_ (br, "The trigger indicators"));
  for (guint i = 0; i < triggers->len; i++)
    {
      IndsatsTriggerStatus *t = g_ptr_array_index (triggers, i);
      g_autofree char *text = g_markup_printf_escaped ("<b>%s</b>", t->text);
      g_autofree char *latest = indsats_trigger_format_value (t, t->latest);
      g_autofree char *line = indsats_trigger_format_value (t, t->threshold);
      g_autofree char *since_plan = format_change (br, t, t->at_plan, t->latest);
      g_autofree char *period = NULL;
      g_autofree char *markup = NULL;
      g_autofree char *words = NULL;
      IndsatsPeriod p;
      Block *b;

      b = add_paragraph (br, 0, text);
      if (t->indicator == NULL)
        continue;
      b->keep_with_next = TRUE;
      period = t->latest_period && indsats_period_parse (t->latest_period, &p, NULL)
                 ? indsats_period_to_label (&p) : g_strdup ("–");
      /* Translators: the latest value, its period, the line, and what that means */
      words = indsats_trigger_words (t, br->catalog);
      markup = g_markup_printf_escaped (W_ (br, "Latest figure (%s, %s): %s against the line of %s. %s."),
                                        t->area ? t->area : "", period, latest, line, words);
      add_paragraph (br, 12, markup);
      g_clear_pointer (&markup, g_free);
      markup = g_markup_printf_escaped (W_ (br, "Change since the plan was made: %s."), since_plan);
      add_paragraph (br, 12, markup);
      if (snapshot != NULL)
        {
          double was = NAN;
          g_autofree char *change = NULL;
          g_autofree char *date = indsats_format_date (snapshot->meeting_date);

          for (guint k = 0; k < then->len; k++)
            {
              IndsatsSnapshotFigure *f = g_ptr_array_index (then, k);
              if (g_strcmp0 (f->indicator, t->indicator) == 0)
                was = f->value;
            }
          change = format_change (br, t, was, t->latest);
          g_clear_pointer (&markup, g_free);
          markup = g_markup_printf_escaped (W_ (br, "Change since the committee meeting of %s: %s."), date, change);
          add_paragraph (br, 12, markup);
        }
      if (!add_figure (br, t->figure, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_actions (Briefing   *br,
             GPtrArray  *actions,
             const char *meeting)
{
  const char *team = NULL, *focus = NULL;

  add_page_break (br);
  add_heading (br, 1, W_ (br, "The actions"));
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);
      g_autofree char *text = NULL;
      g_autofree char *facts = NULL;
      g_autofree char *start = indsats_format_date (action_start_to_show (a));
      gboolean late = a->status == INDSATS_STATUS_PLANNED && strcmp (a->start_date, meeting) < 0;
      Block *b;

      if (g_strcmp0 (team, a->team) != 0)
        {
          add_heading (br, 2, a->team);
          team = a->team;
          focus = NULL;
        }
      if (g_strcmp0 (focus, a->focus) != 0)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", a->focus);
          b = add_markup (br, FONT " 10.5", 8, 0, markup);
          b->keep_with_next = TRUE;
          focus = a->focus;
        }
      text = g_markup_escape_text (a->text, -1);
      b = add_bullet (br, 10, text);
      b->keep_with_next = TRUE;
      if (a->status != INDSATS_STATUS_PLANNED && indsats_date_is_valid_iso (a->started_on))
        {
          g_autofree char *started = indsats_format_date (a->started_on);

          /* Translators: who carries an action out, when it was to take effect, the day it did, and its status */
          facts = g_markup_printf_escaped (W_ (br, "<small>Carried out by: %s · Takes effect: %s · Started: %s · Status: %s</small>"),
                                           a->owner, start, started, indsats_status_to_label_in (br->catalog, a->status));
        }
      else
        /* Translators: who carries an action out, when it takes effect, and its status */
        facts = g_markup_printf_escaped (W_ (br, "<small>Carried out by: %s · Takes effect: %s · Status: %s</small>"),
                                         a->owner, start, indsats_status_to_label_in (br->catalog, a->status));
      if (late)
        {
          g_autofree char *mark = g_markup_printf_escaped (
            " <span foreground=\"#b3261e\"><b><small>%s</small></b></span>", W_ (br, "Late: not started"));
          char *both = g_strconcat (facts, mark, NULL);
          g_free (facts);
          facts = both;
        }
      add_markup (br, FONT " 10", 1, 22, facts);
    }
}

static void
add_changes (Briefing              *br,
             const IndsatsSnapshot *snapshot,
             GPtrArray             *changes)
{
  g_autofree char *date = indsats_format_date (snapshot->meeting_date);
  g_autofree char *heading = g_strdup_printf (W_ (br, "Since the committee meeting of %s"), date);
  gboolean any = FALSE;

  add_page_break (br);
  add_heading (br, 1, heading);
  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsChange *c = g_ptr_array_index (changes, i);
      g_autofree char *words = NULL;
      g_autofree char *markup = NULL;

      if (!indsats_change_is_told (c))
        continue;
      words = indsats_change_describe_in (br->catalog, c);
      markup = g_markup_escape_text (words, -1);
      add_bullet (br, 10, markup);
      any = TRUE;
    }
  if (!any)
    add_paragraph (br, 0, W_ (br, "Nothing has changed."));
}

/* The goals as the status paper sets them out: the ministerial goals, the
 * local focus goals and the strategic markers, each under its own heading;
 * a goal with a number is "1. Alle ledige …", its figures numbered as in
 * the window */
static gboolean
add_goals (Briefing  *br,
           GPtrArray *goals,
           GError   **error)
{
  const IndsatsGoalKind kinds[] = { INDSATS_GOAL_MINISTER, INDSATS_GOAL_LOCAL, INDSATS_GOAL_STRATEGIC };

  add_page_break (br);
  add_heading (br, 1, W_ (br, "The goals"));
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gboolean headed = FALSE;

      for (guint i = 0; i < goals->len; i++)
        {
          IndsatsGoal *g = g_ptr_array_index (goals, i);
          g_autofree char *title = NULL;
          g_autofree char *status = NULL;

          if (g->kind != kinds[k])
            continue;
          if (!headed)
            {
              add_heading (br, 2, goal_kind_label (br, kinds[k]));
              headed = TRUE;
            }
          title = g->number > 0 ? g_strdup_printf ("%d. %s", g->number, g->title) : g_strdup (g->title);
          status = g_markup_escape_text (g->status_text ? g->status_text : "", -1);
          add_heading (br, 3, title);
          if (*status)
            add_paragraph (br, 0, status);
          for (guint f = 0; g->figures && f < g->figures->len; f++)
            if (!add_figure (br, g_array_index (g->figures, int, f), error))
              return FALSE;
        }
    }
  return TRUE;
}

/* Pagination */

/* The height of the start of @b that must stand on the same page as what
 * keeps with it: a figure whole, two lines of a text */
static double
first_part (const Block *b)
{
  guint n;

  if (b->kind != BLOCK_TEXT)
    return b->height;
  n = MIN (2, b->line_bottoms->len);
  return g_array_index (b->line_bottoms, double, n - 1);
}

static void
add_piece (Briefing *br,
           Block    *b,
           int       page,
           double    y,
           guint     first_line,
           guint     n_lines)
{
  Piece piece = { b, page, y, first_line, n_lines };

  g_array_append_val (br->pieces, piece);
}

/* Blocks flow down the page. One that does not fit starts the next page,
 * with the headings it keeps with; a text taller than what is left of a page
 * breaks between lines, leaving at least two on each side */
static int
paginate (Briefing *br)
{
  GPtrArray *blocks = br->blocks;
  g_autofree double *need = g_new0 (double, blocks->len + 1);
  const double page_room = BODY_BOTTOM - MARGIN_TOP;
  int page = 1;
  double y = MARGIN_TOP;

  /* what each block needs on its page: itself and the start of what it keeps with */
  for (guint i = blocks->len; i-- > 0;)
    {
      Block *b = g_ptr_array_index (blocks, i);
      Block *next = i + 1 < blocks->len ? g_ptr_array_index (blocks, i + 1) : NULL;

      if (b->kind == BLOCK_TEXT && b->height > page_room)
        need[i] = first_part (b); /* it breaks anyway: its start is enough */
      else
        {
          need[i] = b->height;
          if (b->keep_with_next && next && next->kind != BLOCK_PAGE_BREAK)
            need[i] += next->space_before + (next->keep_with_next ? need[i + 1] : first_part (next));
        }
      need[i] = MIN (need[i], page_room);
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      double space, tail = 0;
      guint line = 0, n;

      if (b->kind == BLOCK_PAGE_BREAK)
        {
          if (y > MARGIN_TOP)
            {
              page++;
              y = MARGIN_TOP;
            }
          continue;
        }
      space = y > MARGIN_TOP ? b->space_before : 0;
      if (i < 2 && b->outline_level)
        space = b->space_before; /* the cover's title stands low on its page */
      if (y > MARGIN_TOP && y + space + need[i] > BODY_BOTTOM)
        {
          page++;
          y = MARGIN_TOP;
          space = 0;
        }
      y += space;
      if (b->kind != BLOCK_TEXT || y + b->height <= BODY_BOTTOM)
        {
          add_piece (br, b, page, y, 0, b->kind == BLOCK_TEXT ? b->line_tops->len : 0);
          y += b->height;
          continue;
        }

      /* a text longer than the rest of the page: as many whole lines as fit */
      n = b->line_tops->len;
      if (b->keep_with_next && i + 1 < blocks->len)
        {
          Block *next = g_ptr_array_index (blocks, i + 1);
          if (next->kind != BLOCK_PAGE_BREAK)
            tail = next->space_before + first_part (next);
        }
      while (line < n)
        {
          double top = g_array_index (b->line_tops, double, line);
          guint last = line;

          while (last < n && y + g_array_index (b->line_bottoms, double, last) - top <= BODY_BOTTOM)
            last++;
          if (last == line)
            last = line + 1; /* a line taller than a page still goes somewhere */
          /* no single line left behind on the next page */
          if (last < n && n - last < 2 && last - line > 2)
            last--;
          /* the end keeps with what follows it: two lines go along when that does not fit */
          if (last == n && tail > 0 && line > 0 &&
              y + g_array_index (b->line_bottoms, double, last - 1) - top + tail > BODY_BOTTOM && last - line > 3)
            last -= 2;
          add_piece (br, b, page, y, line, last - line);
          y += g_array_index (b->line_bottoms, double, last - 1) - top;
          line = last;
          if (line < n)
            {
              page++;
              y = MARGIN_TOP;
            }
        }
    }
  return page;
}

static void
draw_text (cairo_t    *cr,
           PangoContext *context,
           const char *font,
           double      x,
           double      y,
           double      width,
           PangoAlignment align,
           const char *text)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_page_frame (Briefing          *br,
                 cairo_t           *cr,
                 const IndsatsPlan *plan,
                 int                page,
                 int                n_pages)
{
  /* Translators: the page number at the foot of each page of the briefing */
  g_autofree char *number = g_strdup_printf (W_ (br, "Page %d of %d"), page, n_pages);

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  if (page > 1)
    {
      draw_text (cr, br->context, FONT " 8.5", MARGIN_SIDE, MARGIN_TOP - 34, TEXT_WIDTH * 0.7, PANGO_ALIGN_LEFT,
                 plan->title);
      draw_text (cr, br->context, FONT " 8.5", MARGIN_SIDE + TEXT_WIDTH * 0.7, MARGIN_TOP - 34, TEXT_WIDTH * 0.3,
                 PANGO_ALIGN_RIGHT, plan->jobcentre ? plan->jobcentre : "");
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_SIDE, MARGIN_TOP - 18.5);
      cairo_line_to (cr, MARGIN_SIDE + TEXT_WIDTH, MARGIN_TOP - 18.5);
      cairo_stroke (cr);
    }
  draw_text (cr, br->context, FONT " 8.5", MARGIN_SIDE, PAGE_HEIGHT - MARGIN_BOTTOM + 24, TEXT_WIDTH,
             PANGO_ALIGN_CENTER, number);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

/* The lines of a text that pagination put on this page, each at its baseline */
static void
draw_lines (cairo_t     *cr,
            const Piece *piece)
{
  Block *b = piece->block;
  PangoLayoutIter *iter = pango_layout_get_iter (b->layout);
  double top = g_array_index (b->line_tops, double, piece->first_line);
  guint line = 0;

  do
    {
      if (line >= piece->first_line && line < piece->first_line + piece->n_lines)
        {
          PangoRectangle logical;
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, MARGIN_SIDE + b->indent + (double) logical.x / PANGO_SCALE,
                         piece->y + baseline - top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (line < piece->first_line + piece->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw (Briefing          *br,
      cairo_surface_t   *surface,
      cairo_t           *cr,
      const IndsatsPlan *plan,
      int                n_pages)
{
  int page = 1;
  int parents[4] = { CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT };

  draw_page_frame (br, cr, plan, page, n_pages);
  for (guint i = 0; i < br->pieces->len; i++)
    {
      Piece *piece = &g_array_index (br->pieces, Piece, i);
      Block *b = piece->block;

      while (page < piece->page)
        {
          cairo_show_page (cr);
          page++;
          draw_page_frame (br, cr, plan, page, n_pages);
        }
      if (b->outline_level > 0 && piece->first_line == 0)
        {
          g_autofree char *dest = g_strdup_printf ("page=%d pos=[%.1f %.1f]", piece->page, MARGIN_SIDE, piece->y);
          int level = b->outline_level;

          parents[level] = cairo_pdf_surface_add_outline (surface, parents[level - 1], b->outline_title, dest, 0);
          for (int l = level + 1; l < 4; l++)
            parents[l] = parents[level];
        }
      if (b->kind == BLOCK_TEXT)
        draw_lines (cr, piece);
      else
        {
          g_autoptr(IndsatsChartLayout) layout =
            indsats_chart_layout_new (b->data, TEXT_WIDTH, FIGURE_HEIGHT, br->context);

          cairo_save (cr);
          cairo_translate (cr, MARGIN_SIDE, piece->y);
          indsats_chart_render (b->data, layout, cr);
          cairo_restore (cr);
        }
    }
  cairo_show_page (cr);
}

/**
 * indsats_export_pdf:
 * @path: the file to write; it appears whole or not at all
 *
 * Writes the committee briefing for the plan, in Danish whatever the
 * process's language.
 */
gboolean
indsats_export_pdf (IndsatsStore                 *store,
                    gint64                        plan_id,
                    const char                   *path,
                    const IndsatsBriefingOptions *options,
                    GError                      **error)
{
  g_autoptr(IndsatsPlan) plan = NULL;
  g_autoptr(IndsatsSnapshot) snapshot = NULL;
  g_autoptr(IndsatsCatalog) catalog = NULL;
  g_autoptr(GPtrArray) triggers = NULL, actions = NULL, goals = NULL;
  g_autoptr(GPtrArray) then = NULL, changes = NULL;
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *today = indsats_today_iso ();
  Briefing br = { store, NULL, NULL, NULL, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean ok = TRUE;
  int n_pages;

  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  meeting = g_strdup (options && options->meeting_date ? options->meeting_date : today);
  if (!(catalog = indsats_catalog_new ("da", error)))
    return FALSE;
  br.catalog = catalog;
  if (!(plan = indsats_store_get_plan (store, plan_id, error)) ||
      !(triggers = indsats_follow_up_load (store, plan_id, error)) ||
      !(actions = indsats_store_list_actions (store, plan_id, error)) ||
      !(goals = indsats_store_list_goals (store, error)))
    return FALSE;
  /* without a name: since the newest meeting, when one was marked */
  snapshot = indsats_snapshot_find (store, plan_id, options ? options->since : NULL, &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (snapshot &&
      (!(then = indsats_store_list_snapshot_figures (store, snapshot->id, error)) ||
       !(changes = indsats_changes_since (store, plan_id, snapshot, error))))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  br.context = pango_cairo_create_context (cr);
  br.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  br.pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, plan->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, plan->jobcentre ? plan->jobcentre : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Indsats");

  add_cover (&br, plan, meeting);
  ok = add_triggers (&br, triggers, then, snapshot, error);
  if (ok)
    add_actions (&br, actions, meeting);
  if (ok && snapshot)
    add_changes (&br, snapshot, changes);
  if (ok)
    ok = add_goals (&br, goals, error);
  if (ok)
    {
      n_pages = paginate (&br);
      draw (&br, surface, cr, plan, n_pages);
    }
  g_array_unref (br.pieces);
  g_ptr_array_unref (br.blocks);
  g_object_unref (br.context);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("Cannot draw the briefing: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  file = g_file_new_for_path (path);
  if (!g_file_replace_contents (file, (const char *) pdf->data, pdf->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &local_error))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("Cannot write “%s”: %s; choose a folder you can write to, with room on its disk"),
                   path, local_error->message);
      return FALSE;
    }
  return TRUE;
}
