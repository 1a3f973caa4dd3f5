/* indsats-export-pdf.c
 *
 * The briefing the committee reads before its meeting: a cover, the trigger
 * indicators against the line with their figures, the actions by team and
 * focus area, what changed since the last meeting, and the goals with their
 * status texts and figures. The content is first laid out as a list of
 * blocks, then paginated (a block never splits, so neither does a figure), and
 * only then drawn, so that every page knows how many pages there are.
 */
#include "config.h"

#include "indsats-export-pdf.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "indsats-changes.h"
#include "indsats-chart.h"
#include "indsats-error.h"
#include "indsats-follow-up.h"
#include "indsats-format.h"

/* A4 in points, and the margins of a printed letter */
#define PAGE_WIDTH    595.276
#define PAGE_HEIGHT   841.890
#define MARGIN_SIDE    62.0
#define MARGIN_TOP     70.0
#define MARGIN_BOTTOM  64.0
#define TEXT_WIDTH    (PAGE_WIDTH - 2 * MARGIN_SIDE)
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
  PangoLayout *layout;       /* BLOCK_TEXT */
  double       indent;
  double       space_before;
  int          figure;       /* BLOCK_FIGURE */
  IndsatsChartData *data;
  int          outline_level; /* 1 or 2 for a bookmark, 0 for none */
  char        *outline_title;
  /* set by pagination */
  int          page;
  double       y;
  double       height;
} Block;

static void
block_free (Block *b)
{
  g_clear_object (&b->layout);
  g_clear_pointer (&b->data, indsats_chart_data_free);
  g_free (b->outline_title);
  g_free (b);
}

typedef struct
{
  IndsatsStore *store;
  PangoContext *context;
  GPtrArray    *blocks;
} Briefing;

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
  g_ptr_array_add (br->blocks, b);
  return b;
}

static void
add_heading (Briefing   *br,
             int         level,
             const char *text)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", text);
  Block *b = add_markup (br, level == 1 ? FONT " 16" : FONT " 12.5", level == 1 ? 6 : 14, 0, markup);

  b->outline_level = level;
  b->outline_title = g_strdup (text);
}

static void
add_paragraph (Briefing   *br,
               double      indent,
               const char *markup)
{
  add_markup (br, FONT " 10", 5, indent, markup);
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
  b = g_new0 (Block, 1);
  b->kind = BLOCK_FIGURE;
  b->figure = number;
  b->data = g_steal_pointer (&data);
  b->space_before = 10;
  g_ptr_array_add (br->blocks, b);
  return TRUE;
}

/* The parts of the briefing */

static void
add_cover (Briefing          *br,
           const IndsatsPlan *plan,
           const char        *meeting)
{
  g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>", plan->title);
  g_autofree char *centre = g_markup_escape_text (plan->jobcentre ? plan->jobcentre : "", -1);
  g_autofree char *date = indsats_format_date (meeting);
  g_autofree char *when = NULL;
  g_autofree char *to = NULL;
  Block *b;

  /* Translators: the cover's line naming the committee meeting; the date as 14.03.2023 */
  when = g_markup_printf_escaped (_("Status for the committee meeting of %s"), date);
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

static char *
value_or_dash (const IndsatsTriggerStatus *t,
               double                      value)
{
  return indsats_trigger_format_value (t, value);
}

static gboolean
add_triggers (Briefing              *br,
              GPtrArray             *triggers,
              GPtrArray             *then,
              const IndsatsSnapshot *snapshot,
              GError               **error)
{
  add_heading (br, 1, _("The trigger indicators"));
  for (guint i = 0; i < triggers->len; i++)
    {
      IndsatsTriggerStatus *t = g_ptr_array_index (triggers, i);
      g_autofree char *text = g_markup_printf_escaped ("<b>%s</b>", t->text);
      g_autofree char *latest = value_or_dash (t, t->latest);
      g_autofree char *line = value_or_dash (t, t->threshold);
      g_autofree char *since_plan = indsats_trigger_format_change (t, t->at_plan, t->latest);
      g_autofree char *period = NULL;
      g_autofree char *markup = NULL;
      g_autofree char *words = NULL;
      IndsatsPeriod p;

      add_paragraph (br, 0, text);
      if (t->indicator == NULL)
        continue;
      period = t->latest_period && indsats_period_parse (t->latest_period, &p, NULL)
                 ? indsats_period_to_label (&p) : g_strdup ("–");
      /* Translators: the latest value, its period, the line, and what that means */
      words = indsats_trigger_words (t, NULL);
      markup = g_markup_printf_escaped (_("Latest figure (%s, %s): %s against the line of %s. %s."),
                                        t->area ? t->area : "", period, latest, line, words);
      add_paragraph (br, 12, markup);
      g_clear_pointer (&markup, g_free);
      markup = g_markup_printf_escaped (_("Change since the plan was made: %s."), since_plan);
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
          change = indsats_trigger_format_change (t, was, t->latest);
          g_clear_pointer (&markup, g_free);
          markup = g_markup_printf_escaped (_("Change since the committee meeting of %s: %s."), date, change);
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
             const char *today)
{
  const char *team = NULL, *focus = NULL;

  add_page_break (br);
  add_heading (br, 1, _("The actions"));
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);
      g_autofree char *text = NULL;
      g_autofree char *facts = NULL;
      g_autofree char *start = indsats_format_date (a->start_date);
      gboolean late = a->status == INDSATS_STATUS_PLANNED && strcmp (a->start_date, today) < 0;

      if (g_strcmp0 (team, a->team) != 0)
        {
          add_heading (br, 2, a->team);
          team = a->team;
          focus = NULL;
        }
      if (g_strcmp0 (focus, a->focus) != 0)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<i>%s</i>", a->focus);
          add_markup (br, FONT " 10.5", 8, 0, markup);
          focus = a->focus;
        }
      text = g_markup_printf_escaped ("• %s", a->text);
      add_paragraph (br, 10, text);
      if (a->status != INDSATS_STATUS_PLANNED && indsats_date_is_valid_iso (a->started_on))
        {
          g_autofree char *started = indsats_format_date (a->started_on);

          /* Translators: who carries an action out, when it was to take effect, the day it did, and its status */
          facts = g_markup_printf_escaped (_("<small>Carried out by: %s · Takes effect: %s · Started: %s · Status: %s</small>"),
                                           a->owner, start, started, indsats_status_to_label (a->status));
        }
      else
        /* Translators: who carries an action out, when it takes effect, and its status */
        facts = g_markup_printf_escaped (_("<small>Carried out by: %s · Takes effect: %s · Status: %s</small>"),
                                         a->owner, start, indsats_status_to_label (a->status));
      if (late)
        {
          g_autofree char *mark = g_markup_printf_escaped (
            " <span foreground=\"#b3261e\"><b><small>%s</small></b></span>", _("Late: not started"));
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
  g_autofree char *heading = g_strdup_printf (_("Since the committee meeting of %s"), date);
  gboolean any = FALSE;

  add_page_break (br);
  add_heading (br, 1, heading);
  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsChange *c = g_ptr_array_index (changes, i);
      g_autofree char *words = NULL;
      g_autofree char *markup = NULL;

      /* the period and the value of an indicator are told in one line */
      if (strcmp (c->kind, "indicator") == 0 && strcmp (c->what, "period") == 0)
        continue;
      words = indsats_change_describe (c);
      markup = g_markup_printf_escaped ("• %s", words);
      add_paragraph (br, 10, markup);
      any = TRUE;
    }
  if (!any)
    add_paragraph (br, 0, _("Nothing has changed."));
}

static gboolean
add_goals (Briefing  *br,
           GPtrArray *goals,
           GError   **error)
{
  add_page_break (br);
  add_heading (br, 1, _("The goals"));
  for (guint i = 0; i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);
      g_autofree char *title = g->number > 0
        ? g_strdup_printf ("%s %d: %s", indsats_goal_kind_to_label (g->kind), g->number, g->title)
        : g_strdup_printf ("%s: %s", indsats_goal_kind_to_label (g->kind), g->title);
      g_autofree char *status = g_markup_escape_text (g->status_text ? g->status_text : "", -1);

      add_heading (br, 2, title);
      if (*status)
        add_paragraph (br, 0, status);
      for (guint k = 0; g->figures && k < g->figures->len; k++)
        if (!add_figure (br, g_array_index (g->figures, int, k), error))
          return FALSE;
    }
  return TRUE;
}

/* Pagination: blocks flow down the page; one that does not fit starts the next */
static int
paginate (GPtrArray *blocks)
{
  int page = 1;
  double y = MARGIN_TOP;
  double bottom = PAGE_HEIGHT - MARGIN_BOTTOM;

  for (guint i = 0; i < blocks->len; i++)
    {
      Block *b = g_ptr_array_index (blocks, i);
      double space;

      if (b->kind == BLOCK_PAGE_BREAK)
        {
          if (y > MARGIN_TOP)
            {
              page++;
              y = MARGIN_TOP;
            }
          continue;
        }
      if (b->kind == BLOCK_TEXT)
        {
          int h;
          pango_layout_get_size (b->layout, NULL, &h);
          b->height = (double) h / PANGO_SCALE;
        }
      else
        b->height = FIGURE_HEIGHT;
      space = y > MARGIN_TOP ? b->space_before : 0;
      /* a heading keeps at least a few lines of what follows with it */
      if (y + space + b->height + (b->outline_level ? 60 : 0) > bottom && y > MARGIN_TOP)
        {
          page++;
          y = MARGIN_TOP;
          space = 0;
        }
      if (b->outline_level && b->kind == BLOCK_TEXT && i < 2)
        space = b->space_before; /* the cover's title stands low on its page */
      b->page = page;
      b->y = y + space;
      y = b->y + b->height;
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
draw_page_frame (cairo_t           *cr,
                 PangoContext      *context,
                 const IndsatsPlan *plan,
                 int                page,
                 int                n_pages)
{
  /* Translators: the page number at the foot of each page of the briefing */
  g_autofree char *number = g_strdup_printf (_("Page %d of %d"), page, n_pages);

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  if (page > 1)
    {
      draw_text (cr, context, FONT " 8.5", MARGIN_SIDE, MARGIN_TOP - 34, TEXT_WIDTH * 0.7, PANGO_ALIGN_LEFT,
                 plan->title);
      draw_text (cr, context, FONT " 8.5", MARGIN_SIDE + TEXT_WIDTH * 0.7, MARGIN_TOP - 34, TEXT_WIDTH * 0.3,
                 PANGO_ALIGN_RIGHT, plan->jobcentre ? plan->jobcentre : "");
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_SIDE, MARGIN_TOP - 18.5);
      cairo_line_to (cr, MARGIN_SIDE + TEXT_WIDTH, MARGIN_TOP - 18.5);
      cairo_stroke (cr);
    }
  draw_text (cr, context, FONT " 8.5", MARGIN_SIDE, PAGE_HEIGHT - MARGIN_BOTTOM + 24, TEXT_WIDTH,
             PANGO_ALIGN_CENTER, number);
  cairo_set_source_rgb (cr, 0, 0, 0);
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
  int parent = CAIRO_PDF_OUTLINE_ROOT;

  draw_page_frame (cr, br->context, plan, page, n_pages);
  for (guint i = 0; i < br->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (br->blocks, i);

      if (b->kind == BLOCK_PAGE_BREAK)
        continue;
      while (page < b->page)
        {
          cairo_show_page (cr);
          page++;
          draw_page_frame (cr, br->context, plan, page, n_pages);
        }
      if (b->outline_level > 0)
        {
          g_autofree char *dest = g_strdup_printf ("page=%d pos=[%.1f %.1f]", b->page, MARGIN_SIDE, b->y);
          int id = cairo_pdf_surface_add_outline (surface, b->outline_level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                                  b->outline_title, dest, 0);
          if (b->outline_level == 1)
            parent = id;
        }
      if (b->kind == BLOCK_TEXT)
        {
          cairo_move_to (cr, MARGIN_SIDE + b->indent, b->y);
          pango_cairo_show_layout (cr, b->layout);
        }
      else
        {
          g_autoptr(IndsatsChartLayout) layout =
            indsats_chart_layout_new (b->data, TEXT_WIDTH, FIGURE_HEIGHT, br->context);

          cairo_save (cr);
          cairo_translate (cr, MARGIN_SIDE, b->y);
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
 * Writes the committee briefing for the plan.
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
  g_autoptr(GPtrArray) triggers = NULL, actions = NULL, goals = NULL;
  g_autoptr(GPtrArray) then = NULL, changes = NULL;
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *today = indsats_today_iso ();
  Briefing br = { store, NULL, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean ok = TRUE;
  int n_pages;

  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  meeting = g_strdup (options && options->meeting_date ? options->meeting_date : today);
  if (!(plan = indsats_store_get_plan (store, plan_id, error)) ||
      !(triggers = indsats_follow_up_load (store, plan_id, error)) ||
      !(actions = indsats_store_list_actions (store, plan_id, error)) ||
      !(goals = indsats_store_list_goals (store, error)))
    return FALSE;
  if (options && options->since)
    {
      if (!(snapshot = indsats_store_get_snapshot (store, plan_id, options->since, error)) ||
          !(then = indsats_store_list_snapshot_figures (store, snapshot->id, error)) ||
          !(changes = indsats_changes_since (store, plan_id, snapshot, error)))
        return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, pdf, PAGE_WIDTH, PAGE_HEIGHT);
  cr = cairo_create (surface);
  br.context = pango_cairo_create_context (cr);
  br.blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
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
      n_pages = paginate (br.blocks);
      draw (&br, surface, cr, plan, n_pages);
    }
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
