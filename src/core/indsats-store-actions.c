/* indsats-store-actions.c
 *
 * Adding and reading actions, and the checks every stored action passes.
 */
#include "config.h"

#include "indsats-store-private.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-text.h"
#include "indsats-format.h"

static const char sql_insert_action[] =
  "INSERT INTO action (focus_id, text, owner, start_date, status, end_date, note, started_on, position)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
  "  (SELECT coalesce(max(position), -1) + 1 FROM action WHERE focus_id = ?1))";
static const char sql_plan_exists[] = "SELECT id FROM plan WHERE id = ?";

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The action as it is stored: its texts in NFC, without white space around
 * the text and the owner */
IndsatsAction *
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
gboolean
validate_action (const IndsatsAction  *a,
                 gboolean              need_owner,
                 GError              **error)
{
  g_autofree char *text = g_strstrip (g_strdup (a->text ? a->text : ""));

  if (*text == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("The action's text is empty; describe the action"));
      return FALSE;
    }
  if (need_owner && indsats_text_is_blank (a->owner))
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("The action's owner is empty; say who carries the action out"));
      return FALSE;
    }
  if (!indsats_date_is_valid_iso (a->start_date))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The start date “%s” is not a valid date (write it as YYYY-MM-DD)"),
                   a->start_date ? a->start_date : "");
      return FALSE;
    }
  if (a->end_date != NULL && *a->end_date != '\0' && !indsats_date_is_valid_iso (a->end_date))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The evaluation date “%s” is not a valid date (write it as YYYY-MM-DD)"),
                   a->end_date);
      return FALSE;
    }
  if (a->started_on != NULL && *a->started_on != '\0')
    {
      g_autofree char *today = NULL;

      if (!indsats_date_is_valid_iso (a->started_on))
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("The day the action started, “%s”, is not a valid date (write it as YYYY-MM-DD)"),
                       a->started_on);
          return FALSE;
        }
      if (a->status == INDSATS_STATUS_PLANNED)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("The action is planned, so it has not started on %s; set its status to started "
                       "(or done), or leave the date it started out"), a->started_on);
          return FALSE;
        }
      today = today_text ();
      if (strcmp (a->started_on, today) > 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("The action cannot have started on %s, which is after today (%s); give the day it "
                       "started"), a->started_on, today);
          return FALSE;
        }
    }
  if (a->end_date != NULL && *a->end_date != '\0' && strcmp (a->end_date, a->start_date) < 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The evaluation date %s is before the start date %s; an action is evaluated after it "
                   "takes effect"), a->end_date, a->start_date);
      return FALSE;
    }
  if (!indsats_text_check (a->text, _("The action's text"), TRUE, error) ||
      !indsats_text_check (a->team, _("The team"), FALSE, error) ||
      !indsats_text_check (a->focus, _("The focus area"), FALSE, error) ||
      !indsats_text_check (a->owner, _("The owner"), FALSE, error) ||
      !indsats_text_check (a->note, _("The note"), TRUE, error))
    return FALSE;
  if (a->status >= INDSATS_N_STATUSES)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("The status is not valid"));
      return FALSE;
    }
  return indsats_text_check_length (a->text, _("The action's text"), error) &&
         indsats_text_check_length (a->owner, _("The action's owner"), error) &&
         indsats_text_check_length (a->note, _("The action's note"), error);
}

/* The day an action started follows its status: an action that becomes
 * started without a day has started today, and one planned again has not
 * started. @old is the action before the edit (NULL for a new one); returns
 * @fields with the day added when it changed. */
IndsatsActionFields
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
  found = select_id (self, sql_plan_exists, NULL, plan_id, _("Cannot read the plan"), error);
  if (found < 0)
    return fail_rollback (self);
  if (found == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   _("There is no plan %" PRId64), plan_id);
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
  if (!step_done (self, stmt, _("Cannot save the action"), error))
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
    return set_db_error (self, error, _("Cannot read the actions"));
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
      set_db_error (self, error, _("Cannot read the actions"));
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
                 _("There is no action %" PRId64), action_id);
  else if (rc != INDSATS_STEP_ROW)
    set_db_error (self, error, _("Cannot read the action"));
  return a;
}
