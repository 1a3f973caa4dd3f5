/* indsats-export-xlsx-sheets.c
 *
 * The sheets of words: the overview the committee reads first, the actions
 * as an Excel table, the goals, what changed since a meeting, and the texts
 * too long for their cell.
 */
#include "config.h"

#include "indsats-export-xlsx-private.h"

#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "indsats-changes.h"
#include "indsats-follow-up.h"
#include "indsats-format.h"

/* The sheet of the plan's actions: an Excel table to sort and filter, set up to print */
gboolean
indsats_xlsx_write_actions (Book       *b,
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
    indsats_xlsx_status_label (b, INDSATS_STATUS_PLANNED), indsats_xlsx_status_label (b, INDSATS_STATUS_STARTED),
    indsats_xlsx_status_label (b, INDSATS_STATUS_DONE), indsats_xlsx_status_label (b, INDSATS_STATUS_DROPPED), NULL,
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
      lxw_datetime start = indsats_xlsx_to_datetime (a->start_date);
      const char *texts[] = { a->team, a->focus, a->text, a->owner, NULL, indsats_xlsx_status_label (b, a->status), a->note };
      int lines = 1;

      for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
        {
          if (c == 4)
            continue;
          if (!indsats_xlsx_write_text (b, ws, i + 1, c, texts[c], b->wrap, error))
            return FALSE;
          lines = MAX (lines, indsats_xlsx_lines_needed (texts[c], widths[c]));
        }
      worksheet_write_datetime (ws, i + 1, 4, &start, b->date);
      /* the day it actually took effect, once it has started */
      if (a->status != INDSATS_STATUS_PLANNED && indsats_date_is_valid_iso (a->started_on))
        {
          lxw_datetime started = indsats_xlsx_to_datetime (a->started_on);
          worksheet_write_datetime (ws, i + 1, 7, &started, b->date);
        }
      /* not every reader fits a row to its wrapped text: give it the height */
      worksheet_set_row (ws, i + 1, indsats_xlsx_row_height (lines), NULL);
    }

  table.name = (char *) "Indsatser";
  table.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
  table.style_type_number = 2;
  table.columns = column_list;
  if (!indsats_xlsx_check (b, worksheet_add_table (ws, 0, 0, last, 7, &table), error))
    return FALSE;

  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = (char **) statuses;
  validation.error_title = (char *) W_ (b, "Unknown status");
  validation.error_message = (char *) W_ (b, "Choose one of the statuses in the list.");
  if (!indsats_xlsx_check (b, worksheet_data_validation_range (ws, 1, 5, last, 5, &validation), error))
    return FALSE;

  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9); /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_repeat_rows (ws, 0, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return indsats_xlsx_set_footer (b, ws, error);
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
gboolean
indsats_xlsx_write_overview (Book                        *b,
                             IndsatsPlan                 *plan,
                             GPtrArray                   *triggers,
                             GPtrArray                   *actions,
                             GPtrArray                   *figures,
                             const IndsatsExportOptions  *options,
                             GError                     **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, W_ (b, "Overview"));
  g_autofree char *today = indsats_today_iso ();
  const char *reference = options->meeting ? options->meeting : today;
  lxw_datetime now = indsats_xlsx_to_datetime (today);
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

  if (!indsats_xlsx_write_text (b, ws, row++, 0, plan->title, b->title, error))
    return FALSE;
  if (plan->committee && *plan->committee)
    {
      g_autofree char *line = NULL;

      if (options->meeting)
        {
          g_autofree char *date = indsats_format_date (options->meeting);
          line = g_strdup_printf (W_ (b, "%s, the meeting of %s"), plan->committee, date);
        }
      if (!indsats_xlsx_write_text (b, ws, row++, 0, line ? line : plan->committee, b->subtitle, error))
        return FALSE;
    }
  row++;
  if (!indsats_xlsx_write_text (b, ws, row, 0, W_ (b, "Jobcentre"), b->bold, error) ||
      !indsats_xlsx_write_text (b, ws, row++, 1, plan->jobcentre, b->top, error))
    return FALSE;
  if (plan->dated)
    {
      lxw_datetime dated = indsats_xlsx_to_datetime (plan->dated);
      if (!indsats_xlsx_write_text (b, ws, row, 0, W_ (b, "Date of the plan"), b->bold, error))
        return FALSE;
      worksheet_write_datetime (ws, row++, 1, &dated, b->date);
    }
  if (options->meeting)
    {
      lxw_datetime meeting = indsats_xlsx_to_datetime (options->meeting);
      if (!indsats_xlsx_write_text (b, ws, row, 0, W_ (b, "Committee meeting"), b->bold, error))
        return FALSE;
      worksheet_write_datetime (ws, row++, 1, &meeting, b->date);
    }
  if (!indsats_xlsx_write_text (b, ws, row, 0, W_ (b, "Exported"), b->bold, error))
    return FALSE;
  worksheet_write_datetime (ws, row++, 1, &now, b->date);
  if (plan->target && *plan->target)
    {
      if (!indsats_xlsx_write_text (b, ws, row, 0, W_ (b, "Target"), b->bold, error))
        return FALSE;
      worksheet_merge_range (ws, row, 1, row, 7, "", b->wrap);
      /* no reader fits a merged cell's height to its text */
      worksheet_set_row (ws, row, indsats_xlsx_row_height (indsats_xlsx_lines_needed (plan->target, 100)), NULL);
      if (!indsats_xlsx_write_text (b, ws, row++, 1, plan->target, b->wrap, error))
        return FALSE;
    }
  row++;

  /* the trigger indicators: in numbers and in words, on one line each */
  if (!indsats_xlsx_write_text (b, ws, row++, 0, W_ (b, "The indicators that triggered the plan"), b->subtitle, error))
    return FALSE;
  if (!indsats_xlsx_write_header_row (b, ws, row++, trigger_headers, widths, G_N_ELEMENTS (trigger_headers), error))
    return FALSE;
  for (guint i = 0; i < triggers->len; i++)
    {
      IndsatsTriggerStatus *t = g_ptr_array_index (triggers, i);
      gboolean pct = g_strcmp0 (t->unit, "pct") == 0 || t->unit == NULL;
      g_autofree char *words = describe_trigger (b, t);
      g_autofree char *period = NULL;

      if (!indsats_xlsx_write_text (b, ws, row, 0, t->text, b->wrap, error) ||
          !indsats_xlsx_write_text (b, ws, row, 1, t->area, b->top, error) ||
          !indsats_xlsx_write_text (b, ws, row, 7, words, b->wrap, error))
        return FALSE;
      if (!isnan (t->latest))
        {
          period = period_label (t->latest_period);
          if (!indsats_xlsx_write_text (b, ws, row, 2, period, b->top, error))
            return FALSE;
          indsats_xlsx_write_number (ws, row, 3, pct ? indsats_xlsx_as_fraction (t->latest) : t->latest,
                        pct ? (t->latest_preliminary ? b->percent_preliminary : b->percent)
                            : (t->latest_preliminary ? b->decimal_preliminary : b->decimal));
          preliminary |= t->latest_preliminary;
          if (!isnan (t->previous))
            indsats_xlsx_write_number (ws, row, 5, round ((t->latest - t->previous) * 10) / 10, pct ? b->change_points : b->change);
          if (!isnan (t->at_plan))
            indsats_xlsx_write_number (ws, row, 6, round ((t->latest - t->at_plan) * 10) / 10, pct ? b->change_points : b->change);
        }
      if (!isnan (t->threshold))
        indsats_xlsx_write_number (ws, row, 4, pct ? indsats_xlsx_as_fraction (t->threshold) : t->threshold, pct ? b->percent : b->decimal);
      worksheet_set_row (ws, row, indsats_xlsx_row_height (MAX (indsats_xlsx_lines_needed (t->text, widths[0]), indsats_xlsx_lines_needed (words, widths[7]))), NULL);
      row++;
    }
  if (preliminary && !indsats_xlsx_write_text (b, ws, row++, 0, W_ (b, "* Preliminary figures"), b->muted, error))
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
    if (!indsats_xlsx_write_text (b, ws, row++, 0, heading, b->subtitle, error))
      return FALSE;
  }
  if (late->len == 0)
    {
      if (!indsats_xlsx_write_text (b, ws, row++, 0, W_ (b, "None: every action that should have started has started."), b->top, error))
        return FALSE;
    }
  else
    {
      if (!indsats_xlsx_write_header_row (b, ws, row++, late_headers, widths, G_N_ELEMENTS (late_headers), error))
        return FALSE;
      for (guint i = 0; i < late->len; i++)
        {
          IndsatsAction *a = g_ptr_array_index (late, i);
          lxw_datetime start = indsats_xlsx_to_datetime (a->start_date);

          if (!indsats_xlsx_write_text (b, ws, row, 0, a->text, b->wrap, error) ||
              !indsats_xlsx_write_text (b, ws, row, 1, a->owner, b->wrap, error) ||
              !indsats_xlsx_write_text (b, ws, row, 3, a->team, b->wrap, error))
            return FALSE;
          worksheet_write_datetime (ws, row, 2, &start, b->date);
          worksheet_set_row (ws, row, indsats_xlsx_row_height (MAX (indsats_xlsx_lines_needed (a->text, widths[0]),
                                                       MAX (indsats_xlsx_lines_needed (a->owner, widths[1]),
                                                            indsats_xlsx_lines_needed (a->team, widths[3])))), NULL);
          row++;
        }
    }
  row++;

  if (!indsats_xlsx_write_text (b, ws, row, 0, W_ (b, "Actions by status"), b->header, error) ||
      !indsats_xlsx_write_text (b, ws, row++, 1, W_ (b, "Number"), b->header, error))
    return FALSE;
  for (int s = 0; s < INDSATS_N_STATUSES; s++)
    {
      if (!indsats_xlsx_write_text (b, ws, row, 0, indsats_xlsx_status_label (b, s), b->top, error))
        return FALSE;
      worksheet_write_number (ws, row++, 1, counts[s], b->number);
    }
  if (!indsats_xlsx_write_text (b, ws, row, 0, W_ (b, "In all"), b->bold, error))
    return FALSE;
  worksheet_write_number (ws, row++, 1, actions->len, b->number);
  row++;

  if (!indsats_xlsx_write_text (b, ws, row++, 0, W_ (b, "Figures"), b->header, error))
    return FALSE;
  for (guint i = 0; i < figures->len; i++)
    {
      IndsatsFigure *f = g_ptr_array_index (figures, i);
      g_autofree char *name = indsats_xlsx_sheet_of_figure (b, f->number);
      g_autofree char *heading = g_strdup_printf ("%s. %s", name, f->title);
      g_autofree char *link = g_strdup_printf ("internal:'%s'!A1", name);

      worksheet_write_url_opt (ws, row++, 0, link, b->link, heading, NULL);
    }

  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return indsats_xlsx_set_footer (b, ws, error);
}

gboolean
indsats_xlsx_write_goals (Book       *b,
                          GPtrArray  *goals,
                          GError    **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, W_ (b, "Goals"));
  const char *headers[] = { W_ (b, "Kind"), W_ (b, "Number"), W_ (b, "Goal"), W_ (b, "Status"), W_ (b, "Figures") };
  double widths[] = { 22, 8, 44, 70, 22 };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      if (!indsats_xlsx_write_text (b, ws, 0, c, headers[c], b->header, error))
        return FALSE;
      worksheet_set_column (ws, c, c, widths[c], b->wrap);
    }
  for (guint i = 0; i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);
      g_autoptr(GString) figures = g_string_new (NULL);

      for (guint f = 0; f < g->figures->len; f++)
        {
          g_autofree char *name = indsats_xlsx_sheet_of_figure (b, g_array_index (g->figures, int, f));
          g_string_append_printf (figures, "%s%s", f ? ", " : "", name);
        }
      if (!indsats_xlsx_write_text (b, ws, i + 1, 0, indsats_xlsx_goal_kind_label (b, g->kind), b->wrap, error))
        return FALSE;
      if (g->number > 0)
        worksheet_write_number (ws, i + 1, 1, g->number, b->top);
      if (!indsats_xlsx_write_text (b, ws, i + 1, 2, g->title, b->wrap, error) ||
          !indsats_xlsx_write_text (b, ws, i + 1, 3, g->status_text, b->wrap, error) ||
          !indsats_xlsx_write_text (b, ws, i + 1, 4, figures->str, b->wrap, error))
        return FALSE;
      worksheet_set_row (ws, i + 1, indsats_xlsx_row_height (MAX (indsats_xlsx_lines_needed (g->title, 44), indsats_xlsx_lines_needed (g->status_text, 70))), NULL);
    }
  worksheet_freeze_panes (ws, 1, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_repeat_rows (ws, 0, 0);
  return indsats_xlsx_set_footer (b, ws, error);
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
      lxw_datetime date = indsats_xlsx_to_datetime (value);
      worksheet_write_datetime (ws, row, col, &date, b->date);
      return TRUE;
    }
  if (strcmp (c->what, "value") == 0)
    {
      double number = g_ascii_strtod (value, NULL);
      gboolean pct = g_strcmp0 (c->unit, "pct") == 0;
      indsats_xlsx_write_number (ws, row, col, pct ? indsats_xlsx_as_fraction (number) : number, pct ? b->percent : b->decimal);
      return TRUE;
    }
  if (strcmp (c->what, "status") == 0)
    {
      IndsatsStatus status = INDSATS_STATUS_PLANNED;
      indsats_status_from_string (value, &status, NULL);
      return indsats_xlsx_write_text (b, ws, row, col, indsats_xlsx_status_label (b, status), b->top, error);
    }
  if (strcmp (c->what, "period") == 0)
    {
      g_autofree char *label = period_label (value);
      return indsats_xlsx_write_text (b, ws, row, col, label, b->top, error);
    }
  return indsats_xlsx_write_text (b, ws, row, col, value, b->wrap, error);
}

/* The sheet the committee reads first at its next meeting: what happened to
 * the actions and the trigger indicators since the snapshot of the last one */
gboolean
indsats_xlsx_write_changes (Book                   *b,
                            const IndsatsSnapshot  *snapshot,
                            GPtrArray              *changes,
                            GError                **error)
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
  if (!indsats_xlsx_write_text (b, ws, row++, 0, heading, b->title, error) ||
      !indsats_xlsx_write_text (b, ws, row++, 0, named, b->muted, error))
    return FALSE;
  row++;
  if (!indsats_xlsx_write_header_row (b, ws, row++, headers, widths, G_N_ELEMENTS (headers), error))
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsChange *c = g_ptr_array_index (changes, i);
      gboolean action = strcmp (c->kind, "action") == 0;
      g_autofree char *words = indsats_change_describe_in (b->catalog, c);
      g_autofree char *subject = action ? g_strdup (c->label ? c->label : c->id)
                                        : g_strdup_printf ("%s, %s", c->id, c->label ? c->label : "");

      if (!indsats_xlsx_write_text (b, ws, row, 0, subject, b->wrap, error) ||
          !indsats_xlsx_write_text (b, ws, row, 1, change_field_label (b, c), b->top, error) ||
          !write_change_value (b, ws, row, 2, c, c->old_value, error) ||
          !write_change_value (b, ws, row, 3, c, c->new_value, error) ||
          !indsats_xlsx_write_text (b, ws, row, 4, indsats_change_is_told (c) ? words : "", b->wrap, error))
        return FALSE;
      worksheet_set_row (ws, row, indsats_xlsx_row_height (MAX (indsats_xlsx_lines_needed (subject, widths[0]), indsats_xlsx_lines_needed (words, widths[4]))), NULL);
      row++;
    }
  if (changes->len == 0 && !indsats_xlsx_write_text (b, ws, row++, 0, W_ (b, "Nothing has changed."), b->top, error))
    return FALSE;
  worksheet_freeze_panes (ws, 4, 0);
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_fit_to_pages (ws, 1, 0);
  worksheet_repeat_rows (ws, 3, 3);
  worksheet_set_margins (ws, 0.5, 0.5, 0.6, 0.6);
  return indsats_xlsx_set_footer (b, ws, error);
}

/* The texts too long for their cell, whole, in pieces that fit */
gboolean
indsats_xlsx_write_long_texts (Book    *b,
                               GError **error)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, W_ (b, "Long Texts"));
  int row = 0;

  worksheet_set_column (ws, 0, 1, 14, b->top);
  worksheet_set_column (ws, 2, 2, 8, b->top);
  worksheet_set_column (ws, 3, 3, 100, b->wrap);
  if (!indsats_xlsx_write_text (b, ws, row++, 0, W_ (b, "These texts are longer than a cell of a workbook holds. "
                                         "Each is here whole, in parts that follow one another."), NULL, error))
    return FALSE;
  row++;
  if (!indsats_xlsx_write_text (b, ws, row, 0, W_ (b, "Sheet"), b->header, error) ||
      !indsats_xlsx_write_text (b, ws, row, 1, W_ (b, "Cell"), b->header, error) ||
      !indsats_xlsx_write_text (b, ws, row, 2, W_ (b, "Part"), b->header, error) ||
      !indsats_xlsx_write_text (b, ws, row, 3, W_ (b, "Text"), b->header, error))
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

          if (!indsats_xlsx_write_text (b, ws, row, 0, t->sheet, b->top, error) ||
              !indsats_xlsx_write_text (b, ws, row, 1, cell, b->top, error) ||
              !indsats_xlsx_write_text (b, ws, row, 3, piece, b->wrap, error))
            return FALSE;
          worksheet_write_number (ws, row++, 2, part, b->number);
          p = end;
        }
    }
  return indsats_xlsx_set_footer (b, ws, error);
}
