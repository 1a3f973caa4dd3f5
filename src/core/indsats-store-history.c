/* indsats-store-history.c
 *
 * An action's history: a row per changed field, saying when, who, from what
 * to what; the fields an edit may name, in one table; and the version of an
 * action that the form and undo check before they write.
 */
#include "config.h"

#include "indsats-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "indsats-error.h"

static const char sql_insert_history[] =
  "INSERT INTO action_history (action_id, plan_id, changed_at, field, old_value, new_value, changed_by)"
  " VALUES (?, ?, ?, ?, ?, ?, ?)";

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
  return step_done (self, stmt, _("Cannot record the change"), error);
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
      set_db_error (self, error, _("Cannot read the history"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* The history's names of the fields an edit names, in the order an edit
 * records them */
const ActionField action_fields[] = {
  { "text", INDSATS_ACTION_FIELD_TEXT, G_STRUCT_OFFSET (IndsatsAction, text) },
  { "team", INDSATS_ACTION_FIELD_TEAM, G_STRUCT_OFFSET (IndsatsAction, team) },
  { "focus", INDSATS_ACTION_FIELD_FOCUS, G_STRUCT_OFFSET (IndsatsAction, focus) },
  { "owner", INDSATS_ACTION_FIELD_OWNER, G_STRUCT_OFFSET (IndsatsAction, owner) },
  { "start_date", INDSATS_ACTION_FIELD_START, G_STRUCT_OFFSET (IndsatsAction, start_date) },
  { "status", INDSATS_ACTION_FIELD_STATUS, -1 },
  { "started_on", INDSATS_ACTION_FIELD_STARTED_ON, G_STRUCT_OFFSET (IndsatsAction, started_on) },
  { "end_date", INDSATS_ACTION_FIELD_END, G_STRUCT_OFFSET (IndsatsAction, end_date) },
  { "note", INDSATS_ACTION_FIELD_NOTE, G_STRUCT_OFFSET (IndsatsAction, note) },
};
const gsize n_action_fields = G_N_ELEMENTS (action_fields);

const char *
action_field_value (const IndsatsAction *a,
                    const ActionField   *field)
{
  if (field->offset < 0)
    return indsats_status_to_string (a->status);
  return G_STRUCT_MEMBER (const char *, a, field->offset);
}

void
action_field_copy (IndsatsAction       *to,
                   const IndsatsAction *from,
                   const ActionField   *field)
{
  char **text;

  if (field->offset < 0)
    {
      to->status = from->status;
      return;
    }
  text = &G_STRUCT_MEMBER (char *, to, field->offset);
  g_free (*text);
  *text = g_strdup (G_STRUCT_MEMBER (const char *, from, field->offset));
}
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
  for (gsize i = 0; field != NULL && i < n_action_fields; i++)
    if (g_str_equal (field, action_fields[i].name))
      return action_fields[i].flag;
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

  return select_id (self, sql_action_version, NULL, action_id, _("Cannot read the history"), error);
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
      set_db_error (self, error, _("Cannot read the history"));
      return NULL;
    }
  return g_steal_pointer (&entries);
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

  for (gsize i = 0; i < n_action_fields; i++)
    {
      const char *was = action_field_value (before, &action_fields[i]);
      const char *is = action_field_value (after, &action_fields[i]);

      if (g_strcmp0 (was ? was : "", is ? is : "") != 0)
        fields |= action_fields[i].flag;
    }
  return fields;
}
