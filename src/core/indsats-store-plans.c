/* indsats-store-plans.c
 *
 * Plans, their triggers, teams and focus areas.
 */
#include "config.h"

#include "indsats-store-private.h"

#include "indsats-error.h"
#include "indsats-format.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

/* Plans */

static const char sql_insert_plan[] =
  "INSERT INTO plan (title, jobcentre, dated, star_letter, star_follow_up_letter, threshold,"
  " target, follow_up, committee, demo_key, created_at)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_insert_trigger[] =
  "INSERT INTO plan_trigger (plan_id, position, text) VALUES (?, ?, ?)";

gint64
indsats_store_add_plan (IndsatsStore       *self,
                        const IndsatsPlan  *plan,
                        GError            **error)
{
  g_autofree char *now = now_text ();
  IndsatsStmt *stmt;
  gint64 id;

  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  g_return_val_if_fail (plan != NULL, 0);

  if (indsats_text_is_blank (plan->title))
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("The plan needs a title"));
      return 0;
    }
  if (!indsats_text_check (plan->title, _("The plan's title"), FALSE, error))
    return 0;
  if (plan->dated != NULL && !indsats_date_is_valid_iso (plan->dated))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("The plan's date “%s” is not a valid date"), plan->dated);
      return 0;
    }

  if (!indsats_store_begin (self, error))
    return 0;
  if (!(stmt = prepare (self, sql_insert_plan, error)))
    return fail_rollback (self);
  bind_text_nfc (stmt, 1, plan->title);
  bind_text_nfc (stmt, 2, plan->jobcentre ? plan->jobcentre : "");
  bind_text (stmt, 3, plan->dated);
  bind_text_nfc (stmt, 4, plan->star_letter);
  bind_text_nfc (stmt, 5, plan->star_follow_up_letter);
  bind_double (stmt, 6, plan->threshold);
  bind_text_nfc (stmt, 7, plan->target ? plan->target : "");
  bind_text_nfc (stmt, 8, plan->follow_up ? plan->follow_up : "");
  bind_text_nfc (stmt, 9, plan->committee ? plan->committee : "");
  bind_text (stmt, 10, plan->demo_key);
  bind_text (stmt, 11, now);
  if (!step_done (self, stmt, _("Cannot save the plan"), error))
    return fail_rollback (self);
  id = last_insert_id (self);

  for (guint i = 0; plan->triggers != NULL && plan->triggers[i] != NULL; i++)
    {
      if (!(stmt = prepare (self, sql_insert_trigger, error)))
        return fail_rollback (self);
      bind_int64 (stmt, 1, id);
      bind_int (stmt, 2, i);
      bind_text_nfc (stmt, 3, plan->triggers[i]);
      if (!step_done (self, stmt, _("Cannot save the plan"), error))
        return fail_rollback (self);
    }

  if (!indsats_store_commit (self, error))
    return 0;
  return id;
}

static const char sql_select_plan[] =
  "SELECT id, title, jobcentre, dated, star_letter, star_follow_up_letter, threshold,"
  " target, follow_up, committee, demo_key FROM plan WHERE id = ?";
static const char sql_select_plan_ids[] = "SELECT id FROM plan ORDER BY id";
static const char sql_select_triggers[] =
  "SELECT text FROM plan_trigger WHERE plan_id = ? ORDER BY position";

IndsatsPlan *
indsats_store_get_plan (IndsatsStore  *self,
                        gint64         plan_id,
                        GError       **error)
{
  g_autoptr(IndsatsPlan) plan = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_select_plan, error)))
    return NULL;
  bind_int64 (stmt, 1, plan_id);
  rc = step (stmt);
  if (rc == INDSATS_STEP_DONE)
    {
      reset (stmt);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   _("There is no plan %" PRId64), plan_id);
      return NULL;
    }
  if (rc != INDSATS_STEP_ROW)
    {
      set_db_error (self, error, _("Cannot read the plan"));
      reset (stmt);
      return NULL;
    }
  plan = indsats_plan_new ();
  plan->id = column_int64 (stmt, 0);
  plan->title = column_text (stmt, 1);
  plan->jobcentre = column_text (stmt, 2);
  plan->dated = column_text (stmt, 3);
  plan->star_letter = column_text (stmt, 4);
  plan->star_follow_up_letter = column_text (stmt, 5);
  plan->threshold = column_double (stmt, 6);
  plan->target = column_text (stmt, 7);
  plan->follow_up = column_text (stmt, 8);
  plan->committee = column_text (stmt, 9);
  plan->demo_key = column_text (stmt, 10);
  reset (stmt);

  if (!(stmt = prepare (self, sql_select_triggers, error)))
    return NULL;
  bind_int64 (stmt, 1, plan_id);
  triggers = g_ptr_array_new ();
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    g_ptr_array_add (triggers, column_text (stmt, 0));
  reset (stmt);
  g_ptr_array_add (triggers, NULL);
  plan->triggers = (GStrv) g_ptr_array_free (g_steal_pointer (&triggers), FALSE);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the plan"));
      return NULL;
    }
  return g_steal_pointer (&plan);
}

/**
 * indsats_store_list_plans:
 *
 * Returns: (transfer full) (element-type IndsatsPlan): every plan, oldest first
 */
GPtrArray *
indsats_store_list_plans (IndsatsStore  *self,
                          GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_plan_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_select_plan_ids, error)))
    return NULL;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      gint64 id = column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the plans"));
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      IndsatsPlan *plan = indsats_store_get_plan (self, g_array_index (ids, gint64, i), error);
      if (plan == NULL)
        return NULL;
      g_ptr_array_add (plans, plan);
    }
  return g_steal_pointer (&plans);
}

static const char sql_plan_by_demo_key[] = "SELECT id FROM plan WHERE demo_key = ?";
static const char sql_first_plan[] = "SELECT id FROM plan ORDER BY id LIMIT 1";

/**
 * indsats_store_find_plan_by_demo_key:
 *
 * Returns: the plan's id, 0 when there is none, -1 on error
 */
gint64
indsats_store_find_plan_by_demo_key (IndsatsStore  *self,
                                     const char    *demo_key,
                                     GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  return select_id (self, sql_plan_by_demo_key, demo_key, 0, _("Cannot read the plans"), error);
}

/**
 * indsats_store_get_first_plan_id:
 *
 * Returns: the oldest plan's id, 0 when there is no plan, -1 on error
 */
gint64
indsats_store_get_first_plan_id (IndsatsStore  *self,
                                 GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), -1);
  return select_id (self, sql_first_plan, NULL, 0, _("Cannot read the plans"), error);
}

/* Teams and focus areas */

static const char sql_team_id[] = "SELECT id FROM team WHERE plan_id = ? AND name = ?";
static const char sql_insert_team[] =
  "INSERT INTO team (plan_id, name, position)"
  " VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM team WHERE plan_id = ?1))";
static const char sql_focus_id[] = "SELECT id FROM focus_area WHERE team_id = ? AND name = ?";
static const char sql_insert_focus[] =
  "INSERT INTO focus_area (team_id, name, position)"
  " VALUES (?1, ?2, (SELECT coalesce(max(position), -1) + 1 FROM focus_area WHERE team_id = ?1))";

/* A team's or focus area's name: one line without control characters */
static gboolean
check_name (const char  *name,
            const char  *what,
            GError     **error)
{
  g_autofree char *field = g_strdup_printf (_("The %s's name"), _(what));

  return indsats_text_check (name, field, FALSE, error);
}

static gint64
ensure_named (IndsatsStore  *self,
              const char    *select_sql,
              const char    *insert_sql,
              gint64         parent_id,
              const char    *name,
              const char    *what,
              GError       **error)
{
  g_autofree char *clean = g_strstrip (indsats_text_normalize (name ? name : ""));
  IndsatsStmt *stmt;
  gint64 id = 0;
  int rc;

  if (*clean == '\0')
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("The %s is empty"), _(what));
      return 0;
    }
  if (!check_name (clean, what, error))
    return 0;

  if (!(stmt = prepare (self, select_sql, error)))
    return 0;
  bind_int64 (stmt, 1, parent_id);
  bind_text (stmt, 2, clean);
  rc = step (stmt);
  if (rc == INDSATS_STEP_ROW)
    id = column_int64 (stmt, 0);
  reset (stmt);
  if (rc == INDSATS_STEP_ROW)
    return id;
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the plan"));
      return 0;
    }

  if (!(stmt = prepare (self, insert_sql, error)))
    return 0;
  bind_int64 (stmt, 1, parent_id);
  bind_text (stmt, 2, clean);
  if (!step_done (self, stmt, _("Cannot save the plan"), error))
    return 0;
  return last_insert_id (self);
}

gint64
indsats_store_ensure_team (IndsatsStore  *self,
                           gint64         plan_id,
                           const char    *name,
                           GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  return ensure_named (self, sql_team_id, sql_insert_team, plan_id, name, N_("team"), error);
}

gint64
indsats_store_ensure_focus (IndsatsStore  *self,
                            gint64         team_id,
                            const char    *name,
                            GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), 0);
  return ensure_named (self, sql_focus_id, sql_insert_focus, team_id, name, N_("focus area"), error);
}

/* The plan's triggers: which indicators broke which line */

static const char sql_link_trigger[] =
  "UPDATE plan_trigger SET indicator_id = ? WHERE plan_id = ? AND position = ?";
static const char sql_list_triggers[] =
  "SELECT t.text, i.name FROM plan_trigger t LEFT JOIN indicator i ON i.id = t.indicator_id"
  " WHERE t.plan_id = ? ORDER BY t.position";

/**
 * indsats_store_link_trigger:
 * @position: the trigger's place in the plan, from 0
 *
 * Says which indicator a trigger of the plan is about.
 */
gboolean
indsats_store_link_trigger (IndsatsStore  *self,
                            gint64         plan_id,
                            int            position,
                            gint64         indicator_id,
                            GError       **error)
{
  IndsatsStmt *stmt;

  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);

  if (!(stmt = prepare (self, sql_link_trigger, error)))
    return FALSE;
  bind_int64 (stmt, 1, indicator_id);
  bind_int64 (stmt, 2, plan_id);
  bind_int (stmt, 3, position);
  if (!step_done (self, stmt, _("Cannot save the plan"), error))
    return FALSE;
  if (changes (self) != 1)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                   _("Plan %" PRId64 " has no trigger %d"), plan_id, position + 1);
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_store_list_trigger_indicators:
 *
 * Returns: (transfer full) (element-type utf8): per trigger of the plan, the
 *   name of its indicator, or "" when none is linked
 */
GPtrArray *
indsats_store_list_trigger_indicators (IndsatsStore  *self,
                                       gint64         plan_id,
                                       GError       **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_triggers, error)))
    return NULL;
  bind_int64 (stmt, 1, plan_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      const char *name = column_peek_text (stmt, 1);
      g_ptr_array_add (names, g_strdup (name ? name : ""));
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the plan"));
      return NULL;
    }
  return g_steal_pointer (&names);
}

/* Teams and focus areas: renaming and removing */

static const char sql_list_teams[] =
  "SELECT t.id, t.name, f.id, f.name, (SELECT count(*) FROM action a WHERE a.focus_id = f.id)"
  " FROM team t LEFT JOIN focus_area f ON f.team_id = t.id WHERE t.plan_id = ?"
  " ORDER BY t.position, f.position";
static const char sql_rename_team[] = "UPDATE team SET name = ? WHERE id = ?";
static const char sql_rename_focus[] = "UPDATE focus_area SET name = ? WHERE id = ?";
static const char sql_remove_team[] = "DELETE FROM team WHERE id = ?";
static const char sql_remove_focus[] = "DELETE FROM focus_area WHERE id = ?";
static const char sql_actions_under_team[] =
  "SELECT a.id, t.plan_id, a.text FROM action a JOIN focus_area f ON f.id = a.focus_id JOIN team t ON t.id = f.team_id"
  " WHERE t.id = ?1 OR f.id = ?2";

void
indsats_team_entry_free (IndsatsTeamEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->team);
  g_free (e->focus);
  g_free (e);
}

/**
 * indsats_store_list_teams:
 *
 * Returns: (transfer full) (element-type IndsatsTeamEntry): the plan's teams
 *   and their focus areas in order, with the number of actions in each
 */
GPtrArray *
indsats_store_list_teams (IndsatsStore  *self,
                          gint64         plan_id,
                          GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_team_entry_free);
  IndsatsStmt *stmt;
  int rc;

  g_return_val_if_fail (INDSATS_IS_STORE (self), NULL);

  if (!(stmt = prepare (self, sql_list_teams, error)))
    return NULL;
  bind_int64 (stmt, 1, plan_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsTeamEntry *e = g_new0 (IndsatsTeamEntry, 1);
      e->team_id = column_int64 (stmt, 0);
      e->team = column_text (stmt, 1);
      e->focus_id = column_int64 (stmt, 2);
      e->focus = column_text (stmt, 3);
      e->n_actions = column_int (stmt, 4);
      g_ptr_array_add (list, e);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the plan"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
rename_named (IndsatsStore  *self,
              const char    *sql,
              const char    *what,
              gint64         id,
              const char    *name,
              GError       **error)
{
  g_autofree char *clean = g_strstrip (indsats_text_normalize (name ? name : ""));
  IndsatsStmt *stmt;

  if (*clean == '\0')
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("The %s needs a name"), _(what));
      return FALSE;
    }
  if (!check_name (clean, what, error))
    return FALSE;
  if (!(stmt = prepare (self, sql, error)))
    return FALSE;
  bind_text (stmt, 1, clean);
  bind_int64 (stmt, 2, id);
  if (step (stmt) != INDSATS_STEP_DONE)
    {
      gboolean taken = is_unique_violation (self);

      reset (stmt);
      if (taken)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("There is already a %s called “%s”"),
                       _(what), clean);
          return FALSE;
        }
      return set_db_error (self, error, _("Cannot rename it"));
    }
  reset (stmt);
  return TRUE;
}

/**
 * indsats_store_rename_team:
 * @name: the new name; another team of the plan may not have it
 */
gboolean
indsats_store_rename_team (IndsatsStore  *self,
                           gint64         team_id,
                           const char    *name,
                           GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  return rename_named (self, sql_rename_team, N_("team"), team_id, name, error);
}

/**
 * indsats_store_rename_focus_area:
 * @name: the new name; another focus area of the team may not have it
 */
gboolean
indsats_store_rename_focus_area (IndsatsStore  *self,
                                 gint64         focus_id,
                                 const char    *name,
                                 GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  return rename_named (self, sql_rename_focus, N_("focus area"), focus_id, name, error);
}

/* Removes the row that @remove_sql deletes by @id, and the actions under
 * @team_id or @focus_id (the other one is -1), recording each action's removal */
static gboolean
remove_with_actions (IndsatsStore  *self,
                     const char    *remove_sql,
                     gint64         team_id,
                     gint64         focus_id,
                     gint64         id,
                     GError       **error)
{
  IndsatsStmt *stmt;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_action_free);
  int rc;

  if (!indsats_store_begin (self, error))
    return FALSE;
  if (!(stmt = prepare (self, sql_actions_under_team, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, team_id);
  bind_int64 (stmt, 2, focus_id);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      IndsatsAction *a = indsats_action_new ();
      a->id = column_int64 (stmt, 0);
      a->plan_id = column_int64 (stmt, 1);
      a->text = column_text (stmt, 2);
      g_ptr_array_add (gone, a);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot read the plan"));
      return fail_rollback (self);
    }
  for (guint i = 0; i < gone->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (gone, i);
      if (!record_history (self, a->id, a->plan_id, "deleted", a->text, NULL, error))
        return fail_rollback (self);
    }
  if (!(stmt = prepare (self, remove_sql, error)))
    return fail_rollback (self);
  bind_int64 (stmt, 1, id);
  if (!step_done (self, stmt, _("Cannot remove it"), error))
    return fail_rollback (self);
  return indsats_store_commit (self, error);
}

/**
 * indsats_store_remove_team:
 *
 * Removes a team, its focus areas and the actions in them, in one
 * transaction; each action's removal is recorded in its history.
 */
gboolean
indsats_store_remove_team (IndsatsStore  *self,
                           gint64         team_id,
                           GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  return remove_with_actions (self, sql_remove_team, team_id, -1, team_id, error);
}

/**
 * indsats_store_remove_focus_area:
 *
 * Removes a focus area and the actions in it, in one transaction; each
 * action's removal is recorded in its history.
 */
gboolean
indsats_store_remove_focus_area (IndsatsStore  *self,
                                 gint64         focus_id,
                                 GError       **error)
{
  g_return_val_if_fail (INDSATS_IS_STORE (self), FALSE);
  return remove_with_actions (self, sql_remove_focus, -1, focus_id, focus_id, error);
}
