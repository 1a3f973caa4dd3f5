/* indsats-store-snapshots.c: the store's snapshots
 *
 * A snapshot marks a committee meeting. It keeps a copy of the plan's actions
 * as they stood and of the trigger indicators' latest values, so that "what
 * changed since" can be answered after any later edit, import or deletion.
 */
#include "config.h"

#include "indsats-store-private.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "indsats-error.h"

void
indsats_snapshot_free (IndsatsSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->name);
  g_free (snapshot->meeting_date);
  g_free (snapshot->created_at);
  g_free (snapshot);
}

void
indsats_snapshot_figure_free (IndsatsSnapshotFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->indicator);
  g_free (figure->area);
  g_free (figure->period);
  g_free (figure);
}

static const char sql_plan_exists[] = "SELECT id FROM plan WHERE id = ?";
static const char sql_snapshot_by_name[] =
  "SELECT id, name, meeting_date, created_at FROM snapshot WHERE plan_id = ? AND name = ?";
static const char sql_insert_snapshot[] =
  "INSERT INTO snapshot (plan_id, name, meeting_date, created_at) VALUES (?, ?, ?, ?)";
static const char sql_copy_actions[] =
  "INSERT INTO snapshot_action (snapshot_id, action_id, team, focus, text, owner, start_date, status, end_date,"
  "  started_on)"
  " SELECT ?1, a.id, t.name, f.name, a.text, a.owner, a.start_date, a.status, a.end_date, a.started_on"
  " FROM action a JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id"
  " WHERE t.plan_id = ?2";
static const char sql_insert_figure[] =
  "INSERT INTO snapshot_indicator (snapshot_id, position, indicator, area, period, value)"
  " VALUES (?, ?, ?, ?, ?, ?)";
static const char sql_list_snapshots[] =
  "SELECT id, name, meeting_date, created_at FROM snapshot WHERE plan_id = ?"
  " ORDER BY meeting_date, created_at, id";
static const char sql_delete_snapshot[] = "DELETE FROM snapshot WHERE id = ?";
static const char sql_list_snapshot_actions[] =
  "SELECT action_id, team, focus, text, owner, start_date, status, end_date, started_on"
  " FROM snapshot_action WHERE snapshot_id = ? ORDER BY action_id";
static const char sql_list_snapshot_figures[] =
  "SELECT indicator, area, period, value FROM snapshot_indicator WHERE snapshot_id = ? ORDER BY position";

static IndsatsSnapshot *
snapshot_from_row (IndsatsStmt *stmt)
{
  IndsatsSnapshot *s = g_new0 (IndsatsSnapshot, 1);

  s->id = column_int64 (stmt, 0);
  s->name = column_text (stmt, 1);
  s->meeting_date = column_text (stmt, 2);
  s->created_at = column_text (stmt, 3);
  return s;
}

/* The snapshot called @name, NULL with @error unset when there is none */
static IndsatsSnapshot *
find_snapshot (IndsatsStore  *self,
               gint64         plan_id,
               const char    *name,
               GError       **error)
{
  IndsatsSnapshot *found = NULL;
  IndsatsStmt *stmt;
  IndsatsStep rc;

  if (!(stmt = prepare (self, sql_snapshot_by_name, error)))
    return NULL;
  bind_int64 (stmt, 1, plan_id);
  bind_text_static (stmt, 2, name);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    found = snapshot_from_row (stmt);
  reset (stmt);
  if (rc == INDSATS_STEP_FAILED)
    set_db_error (self, error, _("Cannot read the snapshots"));
  return found;
}

/**
 * indsats_store_add_snapshot:
 * @name: what people call the meeting, unique in the plan
 * @meeting_date: YYYY-MM-DD
 * @figures: (element-type IndsatsSnapshotFigure): the trigger indicators'
 *   latest values, in the plan's order
 *
 * Keeps a copy of the plan's actions and of @figures under @name, in one
 * transaction.
 *
 * Returns: the snapshot's id, 0 on error
 */
gint64
indsats_store_add_snapshot (IndsatsStore  *self,
                            gint64         plan_id,
                            const char    *name,
                            const char    *meeting_date,
                            GPtrArray     *figures,
                            GError       **error)
{
  g_autoptr(IndsatsSnapshot) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = NULL;
  g_autofree char *trimmed = NULL;
  IndsatsStmt *stmt;
  gint64 found, id;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (meeting_date != NULL, 0);

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The snapshot's name is empty; name the meeting, for example “Udvalgsmøde marts”"));
      return 0;
    }
  /* blanks around a name would make two names that look alike */
  if (strcmp (trimmed, name) != 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The snapshot's name “%s” begins or ends with a space; leave it out"), name);
      return 0;
    }

  found = select_id (self, sql_plan_exists, NULL, plan_id, _("Cannot read the plan"), error);
  if (found < 0)
    return 0;
  if (found == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   _("There is no plan %" PRId64), plan_id);
      return 0;
    }

  if (!indsats_store_begin (self, error))
    return 0;
  existing = find_snapshot (self, plan_id, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return fail_rollback (self);
    }
  if (existing != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("There is already a snapshot called “%s” (of %s); choose another name or delete that one first"),
                   name, existing->meeting_date);
      return fail_rollback (self);
    }

  now = now_text ();
  if (!(stmt = prepare (self, sql_insert_snapshot, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, plan_id);
  bind_text_static (stmt, 2, name);
  bind_text_static (stmt, 3, meeting_date);
  bind_text_static (stmt, 4, now);
  if (!step_done (self, stmt, _("Cannot save the snapshot"), error))
    return fail_rollback (self);
  id = last_insert_id (self);

  if (!(stmt = prepare (self, sql_copy_actions, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, id);
  bind_int64 (stmt, 2, plan_id);
  if (!step_done (self, stmt, _("Cannot copy the actions into the snapshot"), error))
    return fail_rollback (self);

  for (guint i = 0; figures != NULL && i < figures->len; i++)
    {
      IndsatsSnapshotFigure *f = g_ptr_array_index (figures, i);

      if (!(stmt = prepare (self, sql_insert_figure, error)))
        return fail_rollback (self);
      bind_int64 (stmt, 1, id);
      bind_int (stmt, 2, (int) i);
      bind_text_static (stmt, 3, f->indicator);
      bind_text_static (stmt, 4, f->area ? f->area : "");
      bind_text_static (stmt, 5, f->period);
      bind_double (stmt, 6, f->value);
      if (!step_done (self, stmt, _("Cannot copy the key figures into the snapshot"), error))
        return fail_rollback (self);
    }

  if (!indsats_store_commit (self, error))
    return 0;
  return id;
}

/**
 * indsats_store_list_snapshots:
 *
 * Returns: (transfer full) (element-type IndsatsSnapshot): the plan's
 *   snapshots, the oldest meeting first
 */
GPtrArray *
indsats_store_list_snapshots (IndsatsStore  *self,
                              gint64         plan_id,
                              GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_snapshot_free);
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_snapshots, error)))
    return NULL;
  bind_int64 (stmt, 1, plan_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    g_ptr_array_add (list, snapshot_from_row (stmt));
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the snapshots"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * indsats_store_get_snapshot:
 *
 * Returns: (transfer full): the snapshot called @name; NULL with
 *   %INDSATS_ERROR_NOT_FOUND when the plan has none by that name
 */
IndsatsSnapshot *
indsats_store_get_snapshot (IndsatsStore  *self,
                            gint64         plan_id,
                            const char    *name,
                            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  IndsatsSnapshot *found;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  found = find_snapshot (self, plan_id, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                 _("There is no snapshot called “%s”; see the names with: indsats snapshot list"), name);
  return found;
}

/**
 * indsats_store_delete_snapshot:
 *
 * Deletes the snapshot called @name and its copy; the plan itself is untouched.
 */
gboolean
indsats_store_delete_snapshot (IndsatsStore  *self,
                               gint64         plan_id,
                               const char    *name,
                               GError       **error)
{
  g_autoptr(IndsatsSnapshot) snapshot = NULL;
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(snapshot = indsats_store_get_snapshot (self, plan_id, name, error)) ||
      !(stmt = prepare (self, sql_delete_snapshot, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, snapshot->id);
  if (!step_done (self, stmt, _("Cannot delete the snapshot"), error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}

/**
 * indsats_store_list_snapshot_actions:
 *
 * Returns: (transfer full) (element-type IndsatsAction): the actions as the
 *   snapshot kept them (id, team, focus, text, owner, dates and status), by id
 */
GPtrArray *
indsats_store_list_snapshot_actions (IndsatsStore  *self,
                                     gint64         snapshot_id,
                                     GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_action_free);
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_snapshot_actions, error)))
    return NULL;
  bind_int64 (stmt, 1, snapshot_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsAction *a = indsats_action_new ();

      a->id = column_int64 (stmt, 0);
      a->team = column_text (stmt, 1);
      a->focus = column_text (stmt, 2);
      a->text = column_text (stmt, 3);
      a->owner = column_text (stmt, 4);
      a->start_date = column_text (stmt, 5);
      if (!indsats_status_from_string (column_peek_text (stmt, 6), &a->status, NULL))
        a->status = INDSATS_STATUS_PLANNED;
      a->end_date = column_text (stmt, 7);
      a->started_on = column_text (stmt, 8);
      g_ptr_array_add (list, a);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the snapshot"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * indsats_store_list_snapshot_figures:
 *
 * Returns: (transfer full) (element-type IndsatsSnapshotFigure): the trigger
 *   indicators' latest values as the snapshot kept them
 */
GPtrArray *
indsats_store_list_snapshot_figures (IndsatsStore  *self,
                                     gint64         snapshot_id,
                                     GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_snapshot_figure_free);
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_snapshot_figures, error)))
    return NULL;
  bind_int64 (stmt, 1, snapshot_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsSnapshotFigure *f = g_new0 (IndsatsSnapshotFigure, 1);

      f->indicator = column_text (stmt, 0);
      f->area = column_text (stmt, 1);
      f->period = column_text (stmt, 2);
      f->value = column_double (stmt, 3);
      g_ptr_array_add (list, f);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the snapshot"));
      return NULL;
    }
  return g_steal_pointer (&list);
}
