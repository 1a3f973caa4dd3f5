/* indsats-store-edit.c
 *
 * Changing, deleting, restoring and moving actions: each one transaction that
 * reads the action inside it and leaves a history row per changed field.
 */
#include "config.h"

#include "indsats-store-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "indsats-error.h"

/* Only the columns an edit names are written: ?9 holds its fields, ?10 whether it moves */
static const char sql_update_action[] =
  "UPDATE action SET"
  " focus_id = CASE WHEN ?10 <> 0 THEN ?1 ELSE focus_id END,"
  " position = CASE WHEN ?10 <> 0 THEN ?8 ELSE position END,"
  " text = CASE WHEN ?9 & 1 <> 0 THEN ?2 ELSE text END,"
  " owner = CASE WHEN ?9 & 8 <> 0 THEN ?3 ELSE owner END,"
  " start_date = CASE WHEN ?9 & 16 <> 0 THEN ?4 ELSE start_date END,"
  " status = CASE WHEN ?9 & 32 <> 0 THEN ?5 ELSE status END,"
  " end_date = CASE WHEN ?9 & 64 <> 0 THEN ?6 ELSE end_date END,"
  " note = CASE WHEN ?9 & 128 <> 0 THEN ?7 ELSE note END,"
  " started_on = CASE WHEN ?9 & 256 <> 0 THEN ?12 ELSE started_on END"
  " WHERE id = ?11";
/* the statement's masks are the fields' flags */
G_STATIC_ASSERT (INDSATS_ACTION_FIELD_TEXT == 1 && INDSATS_ACTION_FIELD_OWNER == 8 &&
                 INDSATS_ACTION_FIELD_START == 16 && INDSATS_ACTION_FIELD_STATUS == 32 &&
                 INDSATS_ACTION_FIELD_END == 64 && INDSATS_ACTION_FIELD_NOTE == 128 &&
                 INDSATS_ACTION_FIELD_STARTED_ON == 256);
static const char sql_was_deleted[] =
  "SELECT id FROM action_history WHERE action_id = ? AND field = 'deleted' LIMIT 1";
static const char sql_next_position[] =
  "SELECT coalesce(max(position), -1) + 1 FROM action WHERE focus_id = ?";
static const char sql_delete_action[] = "DELETE FROM action WHERE id = ?";
static const char sql_restore_action[] =
  "INSERT INTO action (id, focus_id, text, owner, start_date, status, end_date, note, position, started_on)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_neighbour_before[] =
  "SELECT id, position FROM action WHERE focus_id = ?1 AND (position < ?2 OR (position = ?2 AND id < ?3))"
  " ORDER BY position DESC, id DESC LIMIT 1";
static const char sql_neighbour_after[] =
  "SELECT id, position FROM action WHERE focus_id = ?1 AND (position > ?2 OR (position = ?2 AND id > ?3))"
  " ORDER BY position, id LIMIT 1";
static const char sql_set_position[] = "UPDATE action SET position = ? WHERE id = ?";

static const char *
empty_if_null (const char *text)
{
  return text ? text : "";
}

/* Records one field's change when it changed; NULL and "" are the same */
static gboolean
record_if_changed (IndsatsStore  *self,
                   const IndsatsAction *old,
                   const char    *field,
                   const char    *old_value,
                   const char    *new_value,
                   GError       **error)
{
  if (g_strcmp0 (empty_if_null (old_value), empty_if_null (new_value)) == 0)
    return TRUE;
  return record_history (self, old->id, old->plan_id, field,
                         old_value && *old_value ? old_value : NULL,
                         new_value && *new_value ? new_value : NULL, error);
}

/* Reads an action inside the running transaction; one that is gone is named
 * as deleted when its history says so */
static IndsatsAction *
get_live_action (IndsatsStore  *self,
                 gint64         action_id,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  IndsatsAction *a;
  gint64 deleted;

  if ((a = indsats_store_get_action (self, action_id, &local_error)))
    return a;
  if (!g_error_matches (local_error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  deleted = select_id (self, sql_was_deleted, NULL, action_id, _("Cannot read the history"), error);
  if (deleted < 0)
    return NULL;
  if (deleted > 0)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                 _("Action %" PRId64 " was deleted; nothing was changed"),
                 action_id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * indsats_store_update_action:
 * @changed: the action with its new values; its id names the row
 * @fields: the fields to change; the others keep what the database holds, even
 *   when another program changed them since @changed was read. A new team or
 *   focus area moves the action there (made when new), at the end.
 *
 * Saves the change in one transaction that reads the action's current values
 * inside it, and records each changed field in the history, so that each
 * history row's old value is the one before it's new value. The same checks
 * as for a new action apply. An action deleted meanwhile is not changed.
 */
static gboolean update_action (IndsatsStore        *self,
                               const IndsatsAction *given,
                               IndsatsActionFields  fields,
                               gint64               version,
                               const IndsatsAction *expected,
                               GError             **error);

gboolean
indsats_store_update_action (IndsatsStore         *self,
                             const IndsatsAction  *given,
                             IndsatsActionFields   fields,
                             GError              **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (given != NULL, FALSE);

  return update_action (self, given, fields, -1, NULL, error);
}

/**
 * indsats_store_update_action_since:
 * @version: what indsats_store_get_action_version() said when the action
 *   was read
 *
 * Saves as indsats_store_update_action() does, unless someone changed one of
 * @fields after @version: then nothing is saved and the error is
 * %INDSATS_ERROR_CONFLICT, saying who changed which field to what and when
 * (indsats_store_list_changes_since() gives the same changes one by one).
 * Changes to other fields are no conflict: they are kept.
 */
gboolean
indsats_store_update_action_since (IndsatsStore         *self,
                                   const IndsatsAction  *given,
                                   IndsatsActionFields   fields,
                                   gint64                version,
                                   GError              **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (given != NULL, FALSE);
  g_return_val_if_fail (version >= 0, FALSE);

  return update_action (self, given, fields, version, NULL, error);
}

/**
 * indsats_store_update_action_if:
 * @expected: the action as this person's last change left it
 *
 * For undo and redo: saves as indsats_store_update_action() does, unless one
 * of @fields no longer holds what @expected holds, because someone else
 * changed it since: then nothing is saved and the error is
 * %INDSATS_ERROR_CONFLICT, naming who changed which field to what. Changes
 * to other fields are no conflict: they are kept.
 */
gboolean
indsats_store_update_action_if (IndsatsStore         *self,
                                const IndsatsAction  *expected,
                                const IndsatsAction  *given,
                                IndsatsActionFields   fields,
                                GError              **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (expected != NULL && given != NULL, FALSE);
  g_return_val_if_fail (expected->id == given->id, FALSE);

  return update_action (self, given, fields, -1, expected, error);
}

/* Who changed what, one change a clause: "Anna Hansen changed owner to
 * “Teamleder” at 14:02; …" */
static char *
describe_changes (GPtrArray *changes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsHistoryEntry *e = g_ptr_array_index (changes, i);
      if (i > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s changed %s to “%s” at %.5s",
                              *e->changed_by ? e->changed_by : "someone",
                              e->field, e->new_value ? e->new_value : "",
                              e->changed_at + MIN (strlen (e->changed_at), 11));
    }
  return g_string_free (text, FALSE);
}

/* Says who changed what since the form read the action */
static void
set_conflict_error (GPtrArray  *changes,
                    gint64      action_id,
                    GError    **error)
{
  g_autofree char *text = describe_changes (changes);

  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT,
               _("Action %" PRId64 " was changed since it was read: %s. Nothing was saved; "
               "reload the action, or save again to keep your own values"),
               action_id, text);
}

/* FALSE with %INDSATS_ERROR_CONFLICT when @current no longer holds in
 * @fields what @expected holds (as this person's last change left it): names
 * who changed those fields to what, from the history */
static gboolean
check_unchanged (IndsatsStore         *self,
                 const IndsatsAction  *current,
                 const IndsatsAction  *expected,
                 IndsatsActionFields   fields,
                 GError              **error)
{
  IndsatsActionFields differing = indsats_action_changed_fields (current, expected) & fields;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *text = NULL;

  if (differing == 0)
    return TRUE;
  if (!(changes = indsats_store_list_changes_since (self, current->id, 0, differing, error)))
    return FALSE;
  text = changes->len > 0 ? describe_changes (changes) : g_strdup (_("someone changed it"));
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT,
               _("Action %" PRId64 " was changed by someone else after your change: %s. "
               "Nothing was undone; their change stays"), current->id, text);
  return FALSE;
}

static gboolean
update_action (IndsatsStore         *self,
               const IndsatsAction  *given,
               IndsatsActionFields   fields,
               gint64                version,
               const IndsatsAction  *expected,
               GError              **error)
{
  g_autoptr(IndsatsAction) old = NULL;
  g_autoptr(IndsatsAction) changed = NULL;
  g_autoptr(IndsatsAction) merged = NULL;
  IndsatsStmt *stmt;
  gint64 focus_id;
  int position;
  gboolean moves = FALSE;

  changed = normalized_action (given);

  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(old = get_live_action (self, changed->id, error)))
    return fail_rollback (self);
  if (expected != NULL && !check_unchanged (self, old, expected, fields, error))
    return fail_rollback (self);
  if (version >= 0)
    {
      g_autoptr(GPtrArray) changes = indsats_store_list_changes_since (self, old->id, version, fields, error);

      if (changes == NULL)
        return fail_rollback (self);
      if (changes->len > 0)
        {
          set_conflict_error (changes, old->id, error);
          return fail_rollback (self);
        }
    }

  merged = indsats_action_copy (old);
  for (gsize i = 0; i < n_action_fields; i++)
    if (fields & action_fields[i].flag)
      action_field_copy (merged, changed, &action_fields[i]);
  fields = settle_started_on (merged, old, fields);
  /* an owner left blank by an older version stays until the owner is edited */
  if (!validate_action (merged, (fields & INDSATS_ACTION_FIELD_OWNER) != 0, error))
    return fail_rollback (self);

  focus_id = old->focus_id;
  position = old->position;
  if (g_strcmp0 (old->team, merged->team) != 0 || g_strcmp0 (old->focus, merged->focus) != 0)
    {
      gint64 team_id = indsats_store_ensure_team (self, old->plan_id, merged->team, error);

      if (team_id == 0 || !(focus_id = indsats_store_ensure_focus (self, team_id, merged->focus, error)))
        return fail_rollback (self);
      if (focus_id != old->focus_id)
        {
          position = (int) select_id (self, sql_next_position, NULL, focus_id, _("Cannot read the plan"), error);
          if (position < 0)
            return fail_rollback (self);
          moves = TRUE;
        }
    }

  if (!(stmt = prepare (self, sql_update_action, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, focus_id);
  bind_text (stmt, 2, merged->text);
  bind_text (stmt, 3, empty_if_null (merged->owner));
  bind_text (stmt, 4, merged->start_date);
  bind_text (stmt, 5, indsats_status_to_string (merged->status));
  bind_text (stmt, 6, merged->end_date && *merged->end_date ? merged->end_date : NULL);
  bind_text (stmt, 7, empty_if_null (merged->note));
  bind_int (stmt, 8, position);
  bind_int (stmt, 9, (int) fields);
  bind_int (stmt, 10, moves);
  bind_int64 (stmt, 11, old->id);
  bind_text (stmt, 12, merged->started_on && *merged->started_on ? merged->started_on : NULL);
  if (!step_done (self, stmt, _("Cannot save the action"), error))
    return fail_rollback (self);

  for (gsize i = 0; i < n_action_fields; i++)
    if (!record_if_changed (self, old, action_fields[i].name, action_field_value (old, &action_fields[i]),
                            action_field_value (merged, &action_fields[i]), error))
      return fail_rollback (self);

  return indsats_store_commit (self, error);
}

/**
 * indsats_store_delete_action:
 *
 * Deletes an action and records it in the history.
 *
 * Returns: (transfer full): the action as it was, to restore it on undo; %NULL on error
 */
static IndsatsAction *
delete_action (IndsatsStore         *self,
               gint64                action_id,
               const IndsatsAction  *expected,
               GError              **error)
{
  g_autoptr(IndsatsAction) old = NULL;
  IndsatsStmt *stmt;

  if (!indsats_store_begin (self, error))
    return NULL;
  if (!(old = get_live_action (self, action_id, error)) ||
      (expected != NULL && !check_unchanged (self, old, expected, INDSATS_ACTION_FIELD_ALL, error)) ||
      !(stmt = prepare (self, sql_delete_action, error)))
    {
      indsats_store_rollback (self);
      return NULL;
    }
  bind_int64 (stmt, 1, action_id);
  if (!step_done (self, stmt, _("Cannot delete the action"), error) ||
      !record_history (self, old->id, old->plan_id, "deleted", old->text, NULL, error))
    {
      indsats_store_rollback (self);
      return NULL;
    }
  if (!indsats_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&old);
}

IndsatsAction *
indsats_store_delete_action (IndsatsStore  *self,
                             gint64         action_id,
                             GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  return delete_action (self, action_id, NULL, error);
}

/**
 * indsats_store_delete_action_if:
 * @expected: the action as this person's last change left it
 *
 * For undoing an addition: deletes as indsats_store_delete_action() does,
 * unless someone else changed the action since (%INDSATS_ERROR_CONFLICT,
 * naming who changed what); their change is not thrown away.
 *
 * Returns: (transfer full): the action as it was; %NULL on error
 */
IndsatsAction *
indsats_store_delete_action_if (IndsatsStore         *self,
                                const IndsatsAction  *expected,
                                GError              **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);
  g_return_val_if_fail (expected != NULL, NULL);

  return delete_action (self, expected->id, expected, error);
}

/**
 * indsats_store_restore_action:
 * @action: an action as indsats_store_delete_action() returned it
 *
 * Puts a deleted action back with its id and place (its team and focus area
 * are made again when they were removed meanwhile), and records it.
 */
gboolean
indsats_store_restore_action (IndsatsStore         *self,
                              const IndsatsAction  *given,
                              GError              **error)
{
  g_autoptr(IndsatsAction) action = NULL;
  IndsatsStmt *stmt;
  gint64 team_id, focus_id;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (given != NULL, FALSE);

  action = normalized_action (given);
  if (!validate_action (action, FALSE, error))
    return FALSE;
  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(team_id = indsats_store_ensure_team (self, action->plan_id, action->team, error)) ||
      !(focus_id = indsats_store_ensure_focus (self, team_id, action->focus, error)) ||
      !(stmt = prepare (self, sql_restore_action, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, action->id);
  bind_int64 (stmt, 2, focus_id);
  bind_text (stmt, 3, action->text);
  bind_text (stmt, 4, empty_if_null (action->owner));
  bind_text (stmt, 5, action->start_date);
  bind_text (stmt, 6, indsats_status_to_string (action->status));
  bind_text (stmt, 7, action->end_date && *action->end_date ? action->end_date : NULL);
  bind_text (stmt, 8, empty_if_null (action->note));
  bind_int (stmt, 9, action->position);
  bind_text (stmt, 10, action->started_on && *action->started_on ? action->started_on : NULL);
  if (!step_done (self, stmt, _("Cannot restore the action"), error) ||
      !record_history (self, action->id, action->plan_id, "restored", NULL, action->text, error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}

/**
 * indsats_store_move_action:
 * @direction: -1 to move the action up within its focus area, +1 down
 *
 * Swaps the action with its neighbour and records the move.
 */
/* A move is undone only from the place it put the action in */
static gboolean
check_not_moved (const IndsatsAction  *current,
                 const IndsatsAction  *expected,
                 GError              **error)
{
  if (current->position == expected->position && current->focus_id == expected->focus_id)
    return TRUE;
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT,
               _("Action %" PRId64 " was moved by someone else after your change. "
               "Nothing was undone; it stays where they put it"), current->id);
  return FALSE;
}

static gboolean
move_action (IndsatsStore         *self,
             gint64                action_id,
             int                   direction,
             const IndsatsAction  *expected,
             GError              **error)
{
  g_autoptr(IndsatsAction) a = NULL;
  g_autofree char *from = NULL, *to = NULL;
  IndsatsStmt *stmt;
  gint64 other_id = 0;
  int other_position = 0, rc;

  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(a = get_live_action (self, action_id, error)))
    return fail_rollback (self);
  if (expected != NULL &&
      (!check_unchanged (self, a, expected, INDSATS_ACTION_FIELD_TEAM | INDSATS_ACTION_FIELD_FOCUS, error) ||
       !check_not_moved (a, expected, error)))
    return fail_rollback (self);
  if (!(stmt = prepare (self, direction < 0 ? sql_neighbour_before : sql_neighbour_after, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, a->focus_id);
  bind_int (stmt, 2, a->position);
  bind_int64 (stmt, 3, a->id);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    {
      other_id = column_int64 (stmt, 0);
      other_position = column_int (stmt, 1);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_ROW && rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the plan"));
      return fail_rollback (self);
    }
  if (other_id == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   direction < 0 ? _("The action is already the first in its focus area")
                                 : _("The action is already the last in its focus area"));
      return fail_rollback (self);
    }
  /* equal positions cannot be swapped: give the pair distinct ones */
  if (other_position == a->position)
    other_position = a->position + direction;

  if (!(stmt = prepare (self, sql_set_position, error)))
    return fail_rollback (self);
  bind_int (stmt, 1, other_position);
  bind_int64 (stmt, 2, a->id);
  if (!step_done (self, stmt, _("Cannot move the action"), error) ||
      !(stmt = prepare (self, sql_set_position, error)))
    return fail_rollback (self);
  bind_int (stmt, 1, a->position);
  bind_int64 (stmt, 2, other_id);
  if (!step_done (self, stmt, _("Cannot move the action"), error))
    return fail_rollback (self);
  from = g_strdup_printf ("%d", a->position);
  to = g_strdup_printf ("%d", other_position);
  if (!record_history (self, a->id, a->plan_id, "position", from, to, error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}

gboolean
indsats_store_move_action (IndsatsStore  *self,
                           gint64         action_id,
                           int            direction,
                           GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (direction == -1 || direction == 1, FALSE);

  return move_action (self, action_id, direction, NULL, error);
}

/**
 * indsats_store_move_action_if:
 * @expected: the action as this person's last change left it
 *
 * For undoing a move: moves as indsats_store_move_action() does, unless
 * someone else moved the action since (%INDSATS_ERROR_CONFLICT): it stays
 * where they put it.
 */
gboolean
indsats_store_move_action_if (IndsatsStore         *self,
                              const IndsatsAction  *expected,
                              int                   direction,
                              GError              **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (expected != NULL, FALSE);
  g_return_val_if_fail (direction == -1 || direction == 1, FALSE);

  return move_action (self, expected->id, direction, expected, error);
}
