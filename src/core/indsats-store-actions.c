/* indsats-store-actions.c
 *
 * Actions and their history: every change a person makes is one transaction
 * and leaves a history row per changed field.
 */
#include "config.h"

#include "indsats-store-private.h"

#include <string.h>

#include "indsats-error.h"
#include "indsats-text.h"
#include "indsats-format.h"

/* Actions */

static const char sql_insert_action[] =
  "INSERT INTO action (focus_id, text, owner, start_date, status, end_date, note, started_on, position)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
  "  (SELECT coalesce(max(position), -1) + 1 FROM action WHERE focus_id = ?1))";
static const char sql_insert_history[] =
  "INSERT INTO action_history (action_id, plan_id, changed_at, field, old_value, new_value, changed_by)"
  " VALUES (?, ?, ?, ?, ?, ?, ?)";
static const char sql_plan_exists[] = "SELECT id FROM plan WHERE id = ?";

gboolean
record_history (IndsatsStore  *self,
                gint64         action_id,
                gint64         plan_id,
                const char    *field,
                const char    *old_value,
                const char    *new_value,
                GError       **error)
{
  g_autofree char *now = now_text ();
  IndsatsStmt *stmt;

  if (!(stmt = prepare (self, sql_insert_history, error)))
    return FALSE;
  bind_int64 (stmt, 1, action_id);
  bind_int64 (stmt, 2, plan_id);
  bind_text (stmt, 3, now);
  bind_text (stmt, 4, field);
  bind_text (stmt, 5, old_value);
  bind_text (stmt, 6, new_value);
  bind_text (stmt, 7, self->user_name ? self->user_name : "");
  return step_done (self, stmt, "Cannot record the change", error);
}

/**
 * indsats_store_user_name:
 *
 * Returns: (transfer full): who the history says made a change: the user's
 *   full name from the system, or the login name when the system has none
 */
char *
indsats_store_user_name (void)
{
  const char *real = g_get_real_name ();
  g_autofree char *name = real ? g_strstrip (g_strdup (real)) : NULL;

  /* GLib says "Unknown" when the password entry has no name */
  if (name == NULL || *name == '\0' || g_strcmp0 (name, "Unknown") == 0)
    return g_strdup (g_get_user_name ());
  return g_steal_pointer (&name);
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The action as it is stored: its texts in NFC, without white space around
 * the text and the owner */
static IndsatsAction *
normalized_action (const IndsatsAction *given)
{
  IndsatsAction *a = indsats_action_copy (given);

#define NORMALIZE(field) { char *n = indsats_text_normalize (a->field); g_free (a->field); a->field = n; }
  NORMALIZE (text);
  NORMALIZE (owner);
  NORMALIZE (team);
  NORMALIZE (focus);
  NORMALIZE (note);
#undef NORMALIZE
  if (a->text)
    g_strstrip (a->text);
  if (a->owner)
    g_strstrip (a->owner);
  return a;
}

/* @need_owner: a new or changed action has an owner; one put back as it
 * was (undoing a deletion) is taken as it was */
static gboolean
validate_action (const IndsatsAction  *a,
                 gboolean              need_owner,
                 GError              **error)
{
  g_autofree char *text = g_strstrip (g_strdup (a->text ? a->text : ""));

  if (*text == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "The action's text is empty; describe the action");
      return FALSE;
    }
  if (need_owner && indsats_text_is_blank (a->owner))
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "The action's owner is empty; say who carries the action out");
      return FALSE;
    }
  if (!indsats_date_is_valid_iso (a->start_date))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "The start date “%s” is not a valid date (write it as YYYY-MM-DD)",
                   a->start_date ? a->start_date : "");
      return FALSE;
    }
  if (a->end_date != NULL && *a->end_date != '\0' && !indsats_date_is_valid_iso (a->end_date))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "The evaluation date “%s” is not a valid date (write it as YYYY-MM-DD)",
                   a->end_date);
      return FALSE;
    }
  if (a->started_on != NULL && *a->started_on != '\0')
    {
      g_autofree char *today = NULL;

      if (!indsats_date_is_valid_iso (a->started_on))
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "The day the action started, “%s”, is not a valid date (write it as YYYY-MM-DD)",
                       a->started_on);
          return FALSE;
        }
      if (a->status == INDSATS_STATUS_PLANNED)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "The action is planned, so it has not started on %s; set its status to started "
                       "(or done), or leave the date it started out", a->started_on);
          return FALSE;
        }
      today = today_text ();
      if (strcmp (a->started_on, today) > 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "The action cannot have started on %s, which is after today (%s); give the day it "
                       "started", a->started_on, today);
          return FALSE;
        }
    }
  if (a->end_date != NULL && *a->end_date != '\0' && strcmp (a->end_date, a->start_date) < 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "The evaluation date %s is before the start date %s; an action is evaluated after it "
                   "takes effect", a->end_date, a->start_date);
      return FALSE;
    }
  if (!indsats_text_check (a->text, "The action's text", TRUE, error) ||
      !indsats_text_check (a->team, "The team", FALSE, error) ||
      !indsats_text_check (a->focus, "The focus area", FALSE, error) ||
      !indsats_text_check (a->owner, "The owner", FALSE, error) ||
      !indsats_text_check (a->note, "The note", TRUE, error))
    return FALSE;
  if (a->status >= INDSATS_N_STATUSES)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "The status is not valid");
      return FALSE;
    }
  return indsats_text_check_length (a->text, "The action's text", error) &&
         indsats_text_check_length (a->owner, "The action's owner", error) &&
         indsats_text_check_length (a->note, "The action's note", error);
}

/* The day an action started follows its status: an action that becomes
 * started without a day has started today, and one planned again has not
 * started. @old is the action before the edit (NULL for a new one); returns
 * @fields with the day added when it changed. */
static IndsatsActionFields
settle_started_on (IndsatsAction       *a,
                   const IndsatsAction *old,
                   IndsatsActionFields  fields)
{
  gboolean has_day = a->started_on != NULL && *a->started_on != '\0';

  if (old != NULL && (!(fields & INDSATS_ACTION_FIELD_STATUS) || old->status == a->status))
    return fields;
  if (a->status == INDSATS_STATUS_STARTED && !has_day)
    {
      g_free (a->started_on);
      a->started_on = today_text ();
      return fields | INDSATS_ACTION_FIELD_STARTED_ON;
    }
  if (a->status == INDSATS_STATUS_PLANNED && has_day && !(fields & INDSATS_ACTION_FIELD_STARTED_ON))
    {
      g_clear_pointer (&a->started_on, g_free);
      return fields | INDSATS_ACTION_FIELD_STARTED_ON;
    }
  return fields;
}

/**
 * indsats_store_add_action:
 * @plan_id: the plan the action belongs to
 * @action: the action; its team and focus area are created when new
 *
 * Adds the action at the end of its focus area, in one transaction, and
 * records its creation in the history.
 *
 * Returns: the new action's id, or 0 with @error set
 */
gint64
indsats_store_add_action (IndsatsStore         *self,
                          gint64                plan_id,
                          const IndsatsAction  *given,
                          GError              **error)
{
  g_autoptr(IndsatsAction) action = NULL;
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;
  IndsatsStmt *stmt;
  gint64 team_id, focus_id, id, found;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (given != NULL, 0);

  action = normalized_action (given);
  /* a day given is taken as given, and checked against the status */
  settle_started_on (action, NULL, action->started_on ? INDSATS_ACTION_FIELD_STARTED_ON : 0);
  if (!validate_action (action, TRUE, error))
    return 0;
  text = g_strstrip (g_strdup (action->text));
  owner = g_strstrip (g_strdup (action->owner ? action->owner : ""));

  if (!indsats_store_begin (self, error))
    return 0;
  found = select_id (self, sql_plan_exists, NULL, plan_id, "Cannot read the plan", error);
  if (found < 0)
    return fail_rollback (self);
  if (found == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   "There is no plan %" G_GINT64_FORMAT, plan_id);
      return fail_rollback (self);
    }
  if (!(team_id = indsats_store_ensure_team (self, plan_id, action->team, error)) ||
      !(focus_id = indsats_store_ensure_focus (self, team_id, action->focus, error)))
    return fail_rollback (self);

  if (!(stmt = prepare (self, sql_insert_action, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, focus_id);
  bind_text (stmt, 2, text);
  bind_text (stmt, 3, owner);
  bind_text (stmt, 4, action->start_date);
  bind_text (stmt, 5, indsats_status_to_string (action->status));
  bind_text (stmt, 6, action->end_date && *action->end_date ? action->end_date : NULL);
  bind_text (stmt, 7, action->note ? action->note : "");
  bind_text (stmt, 8, action->started_on);
  if (!step_done (self, stmt, "Cannot save the action", error))
    return fail_rollback (self);
  id = last_insert_id (self);

  if (!record_history (self, id, plan_id, "created", NULL, text, error))
    return fail_rollback (self);
  if (!indsats_store_commit (self, error))
    return 0;
  return id;
}

#define ACTION_COLUMNS \
  "SELECT a.id, t.plan_id, t.id, f.id, t.name, f.name, a.text, a.owner, a.start_date," \
  " a.status, a.end_date, a.note, a.position, a.started_on" \
  " FROM action a JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id"

static const char sql_list_actions[] =
  ACTION_COLUMNS " WHERE t.plan_id = ? ORDER BY t.position, f.position, a.position, a.id";
static const char sql_get_action[] = ACTION_COLUMNS " WHERE a.id = ?";

static IndsatsAction *
action_from_row (IndsatsStmt *stmt)
{
  IndsatsAction *a = indsats_action_new ();
  const char *status = column_peek_text (stmt, 9);

  a->id = column_int64 (stmt, 0);
  a->plan_id = column_int64 (stmt, 1);
  a->team_id = column_int64 (stmt, 2);
  a->focus_id = column_int64 (stmt, 3);
  a->team = column_text (stmt, 4);
  a->focus = column_text (stmt, 5);
  a->text = column_text (stmt, 6);
  a->owner = column_text (stmt, 7);
  a->start_date = column_text (stmt, 8);
  if (!indsats_status_from_string (status, &a->status, NULL))
    a->status = INDSATS_STATUS_PLANNED;
  a->end_date = column_text (stmt, 10);
  a->note = column_text (stmt, 11);
  a->position = column_int (stmt, 12);
  a->started_on = column_text (stmt, 13);
  return a;
}

/**
 * indsats_store_list_actions:
 *
 * Returns: (transfer full) (element-type IndsatsAction): the plan's actions in
 *   the plan's order: by team, focus area and position
 */
/**
 * indsats_store_foreach_action:
 * @func: called with each of the plan's actions in order, by team, focus area
 *   and position; the action is freed after the call
 *
 * Reads the actions one at a time, so that memory stays the same whatever
 * their number. Stops at the first call of @func that returns %FALSE, which
 * should then set @error.
 */
gboolean
indsats_store_foreach_action (IndsatsStore       *self,
                              gint64              plan_id,
                              IndsatsActionFunc   func,
                              gpointer            user_data,
                              GError            **error)
{
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!(stmt = prepare (self, sql_list_actions, error)))
    return FALSE;
  bind_int64 (stmt, 1, plan_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      g_autoptr(IndsatsAction) a = action_from_row (stmt);

      if (!func (a, user_data, error))
        {
          reset (stmt);
          return FALSE;
        }
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, "Cannot read the actions");
  return TRUE;
}

GPtrArray *
indsats_store_list_actions (IndsatsStore  *self,
                            gint64         plan_id,
                            GError       **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_action_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_actions, error)))
    return NULL;
  bind_int64 (stmt, 1, plan_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    g_ptr_array_add (actions, action_from_row (stmt));
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, "Cannot read the actions");
      return NULL;
    }
  return g_steal_pointer (&actions);
}

IndsatsAction *
indsats_store_get_action (IndsatsStore  *self,
                          gint64         action_id,
                          GError       **error)
{
  IndsatsAction *a = NULL;
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_get_action, error)))
    return NULL;
  bind_int64 (stmt, 1, action_id);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    a = action_from_row (stmt);
  reset (stmt);
  if (rc == INDSATS_STEP_DONE)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                 "There is no action %" G_GINT64_FORMAT, action_id);
  else if (rc != INDSATS_STEP_ROW)
    set_db_error (self, error, "Cannot read the action");
  return a;
}

static const char sql_list_history[] =
  "SELECT id, action_id, changed_at, field, old_value, new_value, changed_by FROM action_history"
  " WHERE action_id = ? ORDER BY id DESC";

/**
 * indsats_store_list_history:
 *
 * Returns: (transfer full) (element-type IndsatsHistoryEntry): the changes of
 *   an action, newest first
 */
GPtrArray *
indsats_store_list_history (IndsatsStore  *self,
                            gint64         action_id,
                            GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_history_entry_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_history, error)))
    return NULL;
  bind_int64 (stmt, 1, action_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsHistoryEntry *e = g_new0 (IndsatsHistoryEntry, 1);
      e->id = column_int64 (stmt, 0);
      e->action_id = column_int64 (stmt, 1);
      e->changed_at = column_text (stmt, 2);
      e->field = column_text (stmt, 3);
      e->old_value = column_text (stmt, 4);
      e->new_value = column_text (stmt, 5);
      e->changed_by = column_text (stmt, 6);
      if (e->changed_by == NULL)
        e->changed_by = g_strdup ("");
      g_ptr_array_add (entries, e);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, "Cannot read the history");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* The history's names of the fields an edit names */
static const struct
{
  const char          *name;
  IndsatsActionFields  flag;
} history_fields[] = {
  { "text", INDSATS_ACTION_FIELD_TEXT },
  { "team", INDSATS_ACTION_FIELD_TEAM },
  { "focus", INDSATS_ACTION_FIELD_FOCUS },
  { "owner", INDSATS_ACTION_FIELD_OWNER },
  { "start_date", INDSATS_ACTION_FIELD_START },
  { "status", INDSATS_ACTION_FIELD_STATUS },
  { "end_date", INDSATS_ACTION_FIELD_END },
  { "note", INDSATS_ACTION_FIELD_NOTE },
  { "started_on", INDSATS_ACTION_FIELD_STARTED_ON },
};

/**
 * indsats_action_field_from_name:
 * @field: a field as the history names it
 *
 * Returns: the edit's flag for @field, 0 for a history row that is no field
 *   ("created", "position" …)
 */
IndsatsActionFields
indsats_action_field_from_name (const char *field)
{
  for (gsize i = 0; field != NULL && i < G_N_ELEMENTS (history_fields); i++)
    if (g_str_equal (field, history_fields[i].name))
      return history_fields[i].flag;
  return 0;
}

/**
 * indsats_store_set_user_name:
 * @name: who the history will say made the changes from now on
 */
void
indsats_store_set_user_name (IndsatsStore *self,
                             const char   *name)
{
  g_return_if_fail (INDSATS_IS_STORE (self));
  g_return_if_fail (name != NULL);

  g_free (self->user_name);
  self->user_name = g_strdup (name);
}

static const char sql_action_version[] =
  "SELECT coalesce(max(id), 0) FROM action_history WHERE action_id = ?";
static const char sql_changes_since[] =
  "SELECT id, action_id, changed_at, field, old_value, new_value, changed_by FROM action_history"
  " WHERE action_id = ? AND id > ? ORDER BY id";

/**
 * indsats_store_get_action_version:
 *
 * Returns: the action's version, which grows with every change of it (its
 *   newest history row), for indsats_store_update_action_since(); -1 on error
 */
gint64
indsats_store_get_action_version (IndsatsStore  *self,
                                  gint64         action_id,
                                  GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  g_return_val_if_fail (action_id > 0, -1);

  return select_id (self, sql_action_version, NULL, action_id, "Cannot read the history", error);
}

/**
 * indsats_store_list_changes_since:
 * @fields: the fields to look at
 *
 * Returns: (transfer full) (element-type IndsatsHistoryEntry): the changes to
 *   @fields of the action after @version, oldest first; the newest change of
 *   a field only
 */
GPtrArray *
indsats_store_list_changes_since (IndsatsStore         *self,
                                  gint64                action_id,
                                  gint64                version,
                                  IndsatsActionFields   fields,
                                  GError              **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_history_entry_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_changes_since, error)))
    return NULL;
  bind_int64 (stmt, 1, action_id);
  bind_int64 (stmt, 2, version);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      g_autofree char *field = column_text (stmt, 3);
      IndsatsActionFields flag = indsats_action_field_from_name (field);
      IndsatsHistoryEntry *e;

      if ((flag & fields) == 0)
        continue;
      /* a field changed twice: its newest value is what counts */
      for (guint i = 0; i < entries->len; i++)
        if (g_str_equal (((IndsatsHistoryEntry *) g_ptr_array_index (entries, i))->field, field))
          {
            g_ptr_array_remove_index (entries, i);
            break;
          }
      e = g_new0 (IndsatsHistoryEntry, 1);
      e->id = column_int64 (stmt, 0);
      e->action_id = column_int64 (stmt, 1);
      e->changed_at = column_text (stmt, 2);
      e->field = g_steal_pointer (&field);
      e->old_value = column_text (stmt, 4);
      e->new_value = column_text (stmt, 5);
      e->changed_by = column_text (stmt, 6);
      if (e->changed_by == NULL)
        e->changed_by = g_strdup ("");
      g_ptr_array_add (entries, e);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, "Cannot read the history");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Editing actions: every change is one transaction and leaves a history row per field */

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

/**
 * indsats_action_changed_fields:
 *
 * Returns: the fields in which @after differs from @before (NULL and "" are the same)
 */
IndsatsActionFields
indsats_action_changed_fields (const IndsatsAction *before,
                               const IndsatsAction *after)
{
  IndsatsActionFields fields = 0;

  g_return_val_if_fail (before != NULL && after != NULL, 0);

#define DIFFERS(f) (g_strcmp0 (empty_if_null (before->f), empty_if_null (after->f)) != 0)
  if (DIFFERS (text))
    fields |= INDSATS_ACTION_FIELD_TEXT;
  if (DIFFERS (team))
    fields |= INDSATS_ACTION_FIELD_TEAM;
  if (DIFFERS (focus))
    fields |= INDSATS_ACTION_FIELD_FOCUS;
  if (DIFFERS (owner))
    fields |= INDSATS_ACTION_FIELD_OWNER;
  if (DIFFERS (start_date))
    fields |= INDSATS_ACTION_FIELD_START;
  if (before->status != after->status)
    fields |= INDSATS_ACTION_FIELD_STATUS;
  if (DIFFERS (end_date))
    fields |= INDSATS_ACTION_FIELD_END;
  if (DIFFERS (note))
    fields |= INDSATS_ACTION_FIELD_NOTE;
  if (DIFFERS (started_on))
    fields |= INDSATS_ACTION_FIELD_STARTED_ON;
#undef DIFFERS
  return fields;
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
  deleted = select_id (self, sql_was_deleted, NULL, action_id, "Cannot read the history", error);
  if (deleted < 0)
    return NULL;
  if (deleted > 0)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                 "Action %" G_GINT64_FORMAT " was deleted; nothing was changed",
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
                               GError             **error);

gboolean
indsats_store_update_action (IndsatsStore         *self,
                             const IndsatsAction  *given,
                             IndsatsActionFields   fields,
                             GError              **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (given != NULL, FALSE);

  return update_action (self, given, fields, -1, error);
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

  return update_action (self, given, fields, version, error);
}

/* Says who changed what since the form read the action, one change a clause */
static void
set_conflict_error (GPtrArray  *changes,
                    gint64      action_id,
                    GError    **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

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
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT,
               "Action %" G_GINT64_FORMAT " was changed since it was read: %s. Nothing was saved; "
               "reload the action, or save again to keep your own values",
               action_id, text->str);
}

static gboolean
update_action (IndsatsStore         *self,
               const IndsatsAction  *given,
               IndsatsActionFields   fields,
               gint64                version,
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
#define TAKE(flag, f) \
  if (fields & (flag)) { g_free (merged->f); merged->f = g_strdup (changed->f); }
  TAKE (INDSATS_ACTION_FIELD_TEXT, text);
  TAKE (INDSATS_ACTION_FIELD_TEAM, team);
  TAKE (INDSATS_ACTION_FIELD_FOCUS, focus);
  TAKE (INDSATS_ACTION_FIELD_OWNER, owner);
  TAKE (INDSATS_ACTION_FIELD_START, start_date);
  TAKE (INDSATS_ACTION_FIELD_END, end_date);
  TAKE (INDSATS_ACTION_FIELD_NOTE, note);
  TAKE (INDSATS_ACTION_FIELD_STARTED_ON, started_on);
#undef TAKE
  if (fields & INDSATS_ACTION_FIELD_STATUS)
    merged->status = changed->status;
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
          position = (int) select_id (self, sql_next_position, NULL, focus_id, "Cannot read the plan", error);
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
  if (!step_done (self, stmt, "Cannot save the action", error))
    return fail_rollback (self);

  if (!record_if_changed (self, old, "text", old->text, merged->text, error) ||
      !record_if_changed (self, old, "team", old->team, merged->team, error) ||
      !record_if_changed (self, old, "focus", old->focus, merged->focus, error) ||
      !record_if_changed (self, old, "owner", old->owner, merged->owner, error) ||
      !record_if_changed (self, old, "start_date", old->start_date, merged->start_date, error) ||
      !record_if_changed (self, old, "status", indsats_status_to_string (old->status),
                          indsats_status_to_string (merged->status), error) ||
      !record_if_changed (self, old, "started_on", old->started_on, merged->started_on, error) ||
      !record_if_changed (self, old, "end_date", old->end_date, merged->end_date, error) ||
      !record_if_changed (self, old, "note", old->note, merged->note, error))
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
IndsatsAction *
indsats_store_delete_action (IndsatsStore  *self,
                             gint64         action_id,
                             GError       **error)
{
  g_autoptr(IndsatsAction) old = NULL;
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!indsats_store_begin (self, error))
    return NULL;
  if (!(old = get_live_action (self, action_id, error)) ||
      !(stmt = prepare (self, sql_delete_action, error)))
    {
      indsats_store_rollback (self);
      return NULL;
    }
  bind_int64 (stmt, 1, action_id);
  if (!step_done (self, stmt, "Cannot delete the action", error) ||
      !record_history (self, old->id, old->plan_id, "deleted", old->text, NULL, error))
    {
      indsats_store_rollback (self);
      return NULL;
    }
  if (!indsats_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&old);
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
  if (!step_done (self, stmt, "Cannot restore the action", error) ||
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
gboolean
indsats_store_move_action (IndsatsStore  *self,
                           gint64         action_id,
                           int            direction,
                           GError       **error)
{
  g_autoptr(IndsatsAction) a = NULL;
  g_autofree char *from = NULL, *to = NULL;
  IndsatsStmt *stmt;
  gint64 other_id = 0;
  int other_position = 0, rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  g_return_val_if_fail (direction == -1 || direction == 1, FALSE);

  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(a = get_live_action (self, action_id, error)) ||
      !(stmt = prepare (self, direction < 0 ? sql_neighbour_before : sql_neighbour_after, error)))
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
      set_db_error (self, error, "Cannot read the plan");
      return fail_rollback (self);
    }
  if (other_id == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   direction < 0 ? "The action is already the first in its focus area"
                                 : "The action is already the last in its focus area");
      return fail_rollback (self);
    }
  /* equal positions cannot be swapped: give the pair distinct ones */
  if (other_position == a->position)
    other_position = a->position + direction;

  if (!(stmt = prepare (self, sql_set_position, error)))
    return fail_rollback (self);
  bind_int (stmt, 1, other_position);
  bind_int64 (stmt, 2, a->id);
  if (!step_done (self, stmt, "Cannot move the action", error) ||
      !(stmt = prepare (self, sql_set_position, error)))
    return fail_rollback (self);
  bind_int (stmt, 1, a->position);
  bind_int64 (stmt, 2, other_id);
  if (!step_done (self, stmt, "Cannot move the action", error))
    return fail_rollback (self);
  from = g_strdup_printf ("%d", a->position);
  to = g_strdup_printf ("%d", other_position);
  if (!record_history (self, a->id, a->plan_id, "position", from, to, error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}
