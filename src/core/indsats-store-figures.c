/* indsats-store-figures.c
 *
 * Goals and the figures that show them.
 */
#include "config.h"

#include "indsats-store-private.h"

#include "indsats-error.h"
#include "indsats-format.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

/* Goals */

static const char sql_insert_goal[] =
  "INSERT INTO goal (kind, number, title, status_text, note, position)"
  " VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM goal))";
static const char sql_list_goals[] =
  "SELECT id, kind, number, title, status_text, note FROM goal ORDER BY position, id";
static const char sql_goal_figures[] =
  "SELECT number FROM figure WHERE goal_id = ? ORDER BY number";
static const char sql_figures_without_goal[] =
  "SELECT number FROM figure WHERE goal_id IS NULL ORDER BY number";

gint64
indsats_store_add_goal (IndsatsStore       *self,
                        const IndsatsGoal  *goal,
                        GError            **error)
{
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (goal != NULL, 0);

  if (goal->title == NULL || *goal->title == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("The goal needs a title"));
      return 0;
    }
  if (!indsats_text_check (goal->title, _("The goal's title"), FALSE, error) ||
      !indsats_text_check (goal->status_text, _("The goal's status"), TRUE, error))
    return 0;
  if (!(stmt = prepare (self, sql_insert_goal, error)))
    return 0;
  bind_text (stmt, 1, indsats_goal_kind_to_string (goal->kind));
  if (goal->number > 0)
    bind_int (stmt, 2, goal->number);
  bind_text_nfc (stmt, 3, goal->title);
  bind_text_nfc (stmt, 4, goal->status_text ? goal->status_text : "");
  bind_text_nfc (stmt, 5, goal->note ? goal->note : "");
  if (!step_done (self, stmt, _("Cannot save the goal"), error))
    return 0;
  return last_insert_id (self);
}

/**
 * indsats_store_list_goals:
 *
 * Returns: (transfer full) (element-type IndsatsGoal): the goal structure in order
 */
GPtrArray *
indsats_store_list_goals (IndsatsStore  *self,
                          GError       **error)
{
  g_autoptr(GPtrArray) goals = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_goal_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_goals, error)))
    return NULL;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsGoal *g = indsats_goal_new ();
      g->id = column_int64 (stmt, 0);
      indsats_goal_kind_from_string (column_peek_text (stmt, 1), &g->kind);
      g->number = column_int (stmt, 2);
      g->title = column_text (stmt, 3);
      g->status_text = column_text (stmt, 4);
      g->note = column_text (stmt, 5);
      g_ptr_array_add (goals, g);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the goals"));
      return NULL;
    }

  for (guint i = 0; i < goals->len; i++)
    {
      IndsatsGoal *g = g_ptr_array_index (goals, i);

      if (!(stmt = prepare (self, sql_goal_figures, error)))
        return NULL;
      bind_int64 (stmt, 1, g->id);
      while ((rc = step (stmt)) == INDSATS_STEP_ROW)
        {
          int number = column_int (stmt, 0);
          g_array_append_val (g->figures, number);
        }
      reset (stmt);
      if (rc != INDSATS_STEP_DONE)
        {
          set_db_error (self, error, _("Cannot read the goals"));
          return NULL;
        }
    }
  return g_steal_pointer (&goals);
}

/**
 * indsats_store_list_figures_without_goal:
 *
 * Returns: (transfer full) (element-type int): the numbers of the figures
 *   that belong to no goal, in order
 */
GArray *
indsats_store_list_figures_without_goal (IndsatsStore  *self,
                                         GError       **error)
{
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (int));
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_figures_without_goal, error)))
    return NULL;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      int number = column_int (stmt, 0);
      g_array_append_val (numbers, number);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the figures"));
      return NULL;
    }
  return g_steal_pointer (&numbers);
}

/* Figures */

static const char sql_insert_figure[] =
  "INSERT INTO figure (number, title, kind, unit, period_from, period_to, threshold,"
  " threshold_label, source, goal_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_insert_figure_series[] =
  "INSERT INTO figure_series (figure_id, position, indicator_id, area, label) VALUES (?, ?, ?, ?, ?)";
static const char sql_insert_figure_action[] =
  "INSERT INTO figure_action (figure_id, action_id) VALUES (?, ?) ON CONFLICT DO NOTHING";
static const char sql_figure_number_taken[] = "SELECT id FROM figure WHERE number = ?";
static const char sql_next_figure_number[] = "SELECT coalesce(max(number), 0) + 1 FROM figure";

int
indsats_store_next_figure_number (IndsatsStore  *self,
                                  GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  return (int) select_id (self, sql_next_figure_number, NULL, 0, _("Cannot read the figures"), error);
}

/**
 * indsats_store_add_figure:
 * @figure: the definition; a number of 0 takes the next free number. Every
 *   series' indicator must exist.
 *
 * Returns: the new figure's id, or 0 with @error set
 */
gint64
indsats_store_add_figure (IndsatsStore         *self,
                          const IndsatsFigure  *figure,
                          GError              **error)
{
  IndsatsStmt *stmt;
  gint64 id, taken;
  int number;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (figure != NULL, 0);

  if (figure->title == NULL || *figure->title == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("The figure needs a title"));
      return 0;
    }
  if (figure->series->len == 0)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("The figure needs at least one indicator and area"));
      return 0;
    }
  if (!indsats_text_check (figure->title, _("The figure's title"), FALSE, error) ||
      !indsats_text_check (figure->unit, _("The figure's unit"), FALSE, error) ||
      !indsats_text_check (figure->source, _("The figure's source"), FALSE, error))
    return 0;
  for (guint i = 0; i < figure->series->len; i++)
    {
      IndsatsFigureSeries *fs = g_ptr_array_index (figure->series, i);

      if (!indsats_text_check (fs->indicator, _("The indicator"), FALSE, error) ||
          !indsats_text_check (fs->area, _("The area"), FALSE, error) ||
          !indsats_text_check (fs->label, _("The legend's label"), FALSE, error))
        return 0;
    }

  if (!indsats_store_begin (self, error))
    return 0;
  number = figure->number;
  if (number <= 0)
    {
      number = indsats_store_next_figure_number (self, error);
      if (number < 0)
        return fail_rollback (self);
    }
  else
    {
      taken = select_id (self, sql_figure_number_taken, NULL, number, _("Cannot read the figures"), error);
      if (taken < 0)
        return fail_rollback (self);
      if (taken > 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("There is already a Figur %d"), number);
          return fail_rollback (self);
        }
    }

  if (!(stmt = prepare (self, sql_insert_figure, error)))
    return fail_rollback (self);
  bind_int (stmt, 1, number);
  bind_text_nfc (stmt, 2, figure->title);
  bind_text (stmt, 3, indsats_figure_kind_to_string (figure->kind));
  bind_text_nfc (stmt, 4, figure->unit ? figure->unit : "");
  bind_text (stmt, 5, figure->period_from);
  bind_text (stmt, 6, figure->period_to);
  bind_double (stmt, 7, figure->threshold);
  bind_text_nfc (stmt, 8, figure->threshold_label);
  bind_text_nfc (stmt, 9, figure->source ? figure->source : "");
  if (figure->goal_id > 0)
    bind_int64 (stmt, 10, figure->goal_id);
  if (!step_done (self, stmt, _("Cannot save the figure"), error))
    return fail_rollback (self);
  id = last_insert_id (self);

  for (guint i = 0; i < figure->series->len; i++)
    {
      IndsatsFigureSeries *s = g_ptr_array_index (figure->series, i);
      gint64 indicator_id = indsats_store_find_indicator (self, s->indicator, error);

      if (indicator_id < 0)
        return fail_rollback (self);
      if (indicator_id == 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                       _("There is no indicator “%s”; import its key figures first"), s->indicator);
          return fail_rollback (self);
        }
      if (!(stmt = prepare (self, sql_insert_figure_series, error)))
        return fail_rollback (self);
      bind_int64 (stmt, 1, id);
      bind_int (stmt, 2, i);
      bind_int64 (stmt, 3, indicator_id);
      bind_text_nfc (stmt, 4, s->area);
      bind_text_nfc (stmt, 5, s->label);
      if (!step_done (self, stmt, _("Cannot save the figure"), error))
        return fail_rollback (self);
    }

  for (guint i = 0; i < figure->action_ids->len; i++)
    {
      if (!(stmt = prepare (self, sql_insert_figure_action, error)))
        return fail_rollback (self);
      bind_int64 (stmt, 1, id);
      bind_int64 (stmt, 2, g_array_index (figure->action_ids, gint64, i));
      if (!step_done (self, stmt, _("Cannot save the figure"), error))
        return fail_rollback (self);
    }

  if (!indsats_store_commit (self, error))
    return 0;
  return id;
}

static const char sql_figure_columns[] =
  "SELECT id, number, title, kind, unit, period_from, period_to, threshold, threshold_label,"
  " source, goal_id FROM figure ORDER BY number";
static const char sql_figure_by_number[] =
  "SELECT id, number, title, kind, unit, period_from, period_to, threshold, threshold_label,"
  " source, goal_id FROM figure WHERE number = ?";
static const char sql_figure_series[] =
  "SELECT i.name, s.area, s.label FROM figure_series s JOIN indicator i ON i.id = s.indicator_id"
  " WHERE s.figure_id = ? ORDER BY s.position";
static const char sql_figure_actions[] =
  "SELECT action_id FROM figure_action WHERE figure_id = ? ORDER BY action_id";

static IndsatsFigure *
figure_from_row (IndsatsStmt *stmt)
{
  IndsatsFigure *f = indsats_figure_new ();

  f->id = column_int64 (stmt, 0);
  f->number = column_int (stmt, 1);
  f->title = column_text (stmt, 2);
  indsats_figure_kind_from_string (column_peek_text (stmt, 3), &f->kind, NULL);
  f->unit = column_text (stmt, 4);
  f->period_from = column_text (stmt, 5);
  f->period_to = column_text (stmt, 6);
  f->threshold = column_double (stmt, 7);
  f->threshold_label = column_text (stmt, 8);
  f->source = column_text (stmt, 9);
  f->goal_id = column_int64 (stmt, 10);
  return f;
}

static gboolean
load_figure_parts (IndsatsStore   *self,
                   IndsatsFigure  *f,
                   GError        **error)
{
  IndsatsStmt *stmt;
  int rc;

  if (!(stmt = prepare (self, sql_figure_series, error)))
    return FALSE;
  bind_int64 (stmt, 1, f->id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    g_ptr_array_add (f->series,
                     indsats_figure_series_new (column_peek_text (stmt, 0),
                                                column_peek_text (stmt, 1),
                                                column_peek_text (stmt, 2)));
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot read the figure"));

  if (!(stmt = prepare (self, sql_figure_actions, error)))
    return FALSE;
  bind_int64 (stmt, 1, f->id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      gint64 action_id = column_int64 (stmt, 0);
      g_array_append_val (f->action_ids, action_id);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot read the figure"));
  return TRUE;
}

/**
 * indsats_store_list_figures:
 *
 * Returns: (transfer full) (element-type IndsatsFigure): every figure by number
 */
GPtrArray *
indsats_store_list_figures (IndsatsStore  *self,
                            GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_figure_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_figure_columns, error)))
    return NULL;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    g_ptr_array_add (list, figure_from_row (stmt));
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the figures"));
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    if (!load_figure_parts (self, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

IndsatsFigure *
indsats_store_get_figure (IndsatsStore  *self,
                          int            number,
                          GError       **error)
{
  g_autoptr(IndsatsFigure) f = NULL;
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_figure_by_number, error)))
    return NULL;
  bind_int (stmt, 1, number);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    f = figure_from_row (stmt);
  reset (stmt);
  if (rc == INDSATS_STEP_DONE)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND, _("There is no Figur %d"), number);
      return NULL;
    }
  if (rc != INDSATS_STEP_ROW)
    {
      set_db_error (self, error, _("Cannot read the figure"));
      return NULL;
    }
  if (!load_figure_parts (self, f, error))
    return NULL;
  return g_steal_pointer (&f);
}

static const char sql_figure_of_indicator[] =
  "SELECT f.number, s.area FROM indicator i"
  " JOIN figure_series s ON s.indicator_id = i.id"
  " JOIN figure f ON f.id = s.figure_id"
  " WHERE i.name = ? ORDER BY f.number, s.position LIMIT 1";

/**
 * indsats_store_find_figure_of_indicator:
 * @area: (out) (optional): the area of its first series that shows @indicator
 *
 * Returns: the number of the lowest-numbered figure that shows @indicator;
 *   0 when none does, -1 on error
 */
int
indsats_store_find_figure_of_indicator (IndsatsStore  *self,
                                        const char    *indicator,
                                        char         **area,
                                        GError       **error)
{
  IndsatsStmt *stmt;
  IndsatsStep rc;
  int number = 0;

  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);

  if (area)
    *area = NULL;
  if (!(stmt = prepare (self, sql_figure_of_indicator, error)))
    return -1;
  bind_text (stmt, 1, indicator);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    {
      number = column_int (stmt, 0);
      if (area)
        *area = column_text (stmt, 1);
    }
  reset (stmt);
  if (rc == INDSATS_STEP_FAILED)
    {
      set_db_error (self, error, _("Cannot read the figures"));
      return -1;
    }
  return number;
}

/* Editing goals */

static const char sql_update_goal_status[] = "UPDATE goal SET status_text = ? WHERE id = ?";

gboolean
indsats_store_set_goal_status (IndsatsStore  *self,
                               gint64         goal_id,
                               const char    *status_text,
                               GError       **error)
{
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!indsats_text_check_length (status_text, _("The goal's status text"), error) ||
      !indsats_text_check (status_text, _("The goal's status"), TRUE, error))
    return FALSE;
  if (!(stmt = prepare (self, sql_update_goal_status, error)))
    return FALSE;
  bind_text_nfc (stmt, 1, status_text ? status_text : "");
  bind_int64 (stmt, 2, goal_id);
  if (!step_done (self, stmt, _("Cannot save the goal"), error))
    return FALSE;
  if (changes (self) != 1)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND, _("There is no goal %" PRId64), goal_id);
      return FALSE;
    }
  return TRUE;
}
