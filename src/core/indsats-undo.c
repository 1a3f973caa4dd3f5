/* indsats-undo.c
 *
 * The session's changes as commands that know how to undo themselves: an
 * addition is undone by a deletion (and redone by restoring the same row), an
 * edit by the values before it, a deletion by restoring the row in its place,
 * a move by the opposite move. Every step goes through the store, so it is
 * one transaction and leaves a history row. A failed step leaves the stack as
 * it was. Undo and redo never overwrite someone else's newer change: each
 * command keeps the action as its last step left it, and the store refuses
 * the step when the fields it would write hold something else now.
 */
#include "config.h"

#include "indsats-undo.h"

#include <glib/gi18n-lib.h>

#include "indsats-error.h"

typedef enum
{
  COMMAND_ADD,
  COMMAND_EDIT,
  COMMAND_DELETE,
  COMMAND_MOVE,
} CommandKind;

typedef struct
{
  CommandKind    kind;
  IndsatsAction *before;  /* edit: the old values; delete, add: the row itself */
  IndsatsAction *after;   /* edit: the new values */
  IndsatsActionFields fields; /* edit: the fields it changed */
  IndsatsAction *left;    /* the action as the last step left it; NULL when deleted */
  gint64         action_id;
  int            direction;
} Command;

struct _IndsatsUndoStack
{
  GObject       parent_instance;

  IndsatsStore *store;
  GPtrArray    *done;     /* of Command, oldest first */
  GPtrArray    *undone;   /* of Command, the next to redo last */
  GPtrArray    *conflicts; /* of IndsatsHistoryEntry: what refused the last step */
};

G_DEFINE_FINAL_TYPE (IndsatsUndoStack, indsats_undo_stack, G_TYPE_OBJECT)

enum { PROP_0, PROP_CAN_UNDO, PROP_CAN_REDO, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
command_free (Command *c)
{
  indsats_action_free (c->before);
  indsats_action_free (c->after);
  indsats_action_free (c->left);
  g_free (c);
}

static void
indsats_undo_stack_finalize (GObject *object)
{
  IndsatsUndoStack *self = INDSATS_UNDO_STACK (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->done, g_ptr_array_unref);
  g_clear_pointer (&self->undone, g_ptr_array_unref);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);

  G_OBJECT_CLASS (indsats_undo_stack_parent_class)->finalize (object);
}

static void
indsats_undo_stack_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  IndsatsUndoStack *self = INDSATS_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, indsats_undo_stack_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, indsats_undo_stack_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
indsats_undo_stack_class_init (IndsatsUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = indsats_undo_stack_finalize;
  object_class->get_property = indsats_undo_stack_get_property;

  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
indsats_undo_stack_init (IndsatsUndoStack *self)
{
  self->done = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->undone = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_history_entry_free);
}

IndsatsUndoStack *
indsats_undo_stack_new (IndsatsStore *store)
{
  IndsatsUndoStack *self;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);

  self = g_object_new (INDSATS_TYPE_UNDO_STACK, NULL);
  self->store = g_object_ref (store);
  return self;
}

static void
notify (IndsatsUndoStack *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* What the store holds now, after a step of ours */
static void
remember (IndsatsUndoStack *self,
          Command          *c)
{
  g_clear_pointer (&c->left, indsats_action_free);
  c->left = indsats_store_get_action (self->store, c->action_id, NULL);
}

static void
push (IndsatsUndoStack *self,
      Command          *c)
{
  remember (self, c);
  g_ptr_array_add (self->done, c);
  g_ptr_array_set_size (self->undone, 0);
  notify (self);
}

/**
 * indsats_undo_stack_add:
 *
 * Returns: the new action's id, or 0 with @error set
 */
gint64
indsats_undo_stack_add (IndsatsUndoStack     *self,
                        gint64                plan_id,
                        const IndsatsAction  *action,
                        GError              **error)
{
  Command *c;
  gint64 id;

  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), 0);

  if (!(id = indsats_store_add_action (self->store, plan_id, action, error)))
    return 0;
  c = g_new0 (Command, 1);
  c->kind = COMMAND_ADD;
  c->action_id = id;
  push (self, c);
  return id;
}

/**
 * indsats_undo_stack_get_store:
 *
 * Returns: (transfer none): the store the changes go to
 */
IndsatsStore *
indsats_undo_stack_get_store (IndsatsUndoStack *self)
{
  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), NULL);
  return self->store;
}

static gboolean edit (IndsatsUndoStack    *self,
                      const IndsatsAction *changed,
                      IndsatsActionFields  fields,
                      gint64               version,
                      GError             **error);

gboolean
indsats_undo_stack_edit (IndsatsUndoStack     *self,
                         const IndsatsAction  *changed,
                         IndsatsActionFields   fields,
                         GError              **error)
{
  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), FALSE);
  return edit (self, changed, fields, -1, error);
}

/**
 * indsats_undo_stack_edit_since:
 * @version: the action's version when it was read
 *
 * As indsats_undo_stack_edit(), but fails with %INDSATS_ERROR_CONFLICT when
 * someone changed one of @fields after @version (see
 * indsats_store_update_action_since()).
 */
gboolean
indsats_undo_stack_edit_since (IndsatsUndoStack     *self,
                               const IndsatsAction  *changed,
                               IndsatsActionFields   fields,
                               gint64                version,
                               GError              **error)
{
  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (version >= 0, FALSE);
  return edit (self, changed, fields, version, error);
}

static gboolean
edit (IndsatsUndoStack     *self,
      const IndsatsAction  *changed,
      IndsatsActionFields   fields,
      gint64                version,
      GError              **error)
{
  g_autoptr(IndsatsAction) before = NULL;
  Command *c;

  if (!(before = indsats_store_get_action (self->store, changed->id, error)))
    return FALSE;
  if (version >= 0 ? !indsats_store_update_action_since (self->store, changed, fields, version, error)
                   : !indsats_store_update_action (self->store, changed, fields, error))
    return FALSE;
  c = g_new0 (Command, 1);
  c->kind = COMMAND_EDIT;
  c->action_id = changed->id;
  c->fields = fields;
  c->before = g_steal_pointer (&before);
  c->after = indsats_store_get_action (self->store, changed->id, NULL);
  /* a change of status may have set the day it started too: undo puts that back */
  if (c->after != NULL)
    c->fields |= indsats_action_changed_fields (c->before, c->after) & INDSATS_ACTION_FIELD_STARTED_ON;
  push (self, c);
  return TRUE;
}

gboolean
indsats_undo_stack_delete (IndsatsUndoStack  *self,
                           gint64             action_id,
                           GError           **error)
{
  IndsatsAction *deleted;
  Command *c;

  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), FALSE);

  if (!(deleted = indsats_store_delete_action (self->store, action_id, error)))
    return FALSE;
  c = g_new0 (Command, 1);
  c->kind = COMMAND_DELETE;
  c->action_id = action_id;
  c->before = deleted;
  push (self, c);
  return TRUE;
}

gboolean
indsats_undo_stack_move (IndsatsUndoStack  *self,
                         gint64             action_id,
                         int                direction,
                         GError           **error)
{
  Command *c;

  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), FALSE);

  if (!indsats_store_move_action (self->store, action_id, direction, error))
    return FALSE;
  c = g_new0 (Command, 1);
  c->kind = COMMAND_MOVE;
  c->action_id = action_id;
  c->direction = direction;
  push (self, c);
  return TRUE;
}

/* Runs @c backwards (undo) or forwards again (redo) */
static gboolean
apply (IndsatsUndoStack  *self,
       Command           *c,
       gboolean           backwards,
       GError           **error)
{
  switch (c->kind)
    {
    case COMMAND_ADD:
    case COMMAND_DELETE:
      /* undoing an addition deletes; undoing a deletion restores */
      if ((c->kind == COMMAND_ADD) == backwards)
        {
          IndsatsAction *gone;

          if (c->left == NULL)
            gone = indsats_store_delete_action (self->store, c->action_id, error);
          else
            gone = indsats_store_delete_action_if (self->store, c->left, error);
          if (gone == NULL)
            return FALSE;
          indsats_action_free (c->before);
          c->before = gone;
          return TRUE;
        }
      return indsats_store_restore_action (self->store, c->before, error);

    case COMMAND_EDIT:
      /* only the fields the edit named go back, and only when they still
       * hold what this person left: another person's changes stay */
      if (c->left == NULL)
        return indsats_store_update_action (self->store, backwards ? c->before : c->after, c->fields, error);
      return indsats_store_update_action_if (self->store, c->left, backwards ? c->before : c->after,
                                             c->fields, error);

    case COMMAND_MOVE:
      if (c->left == NULL)
        return indsats_store_move_action (self->store, c->action_id, backwards ? -c->direction : c->direction,
                                          error);
      return indsats_store_move_action_if (self->store, c->left, backwards ? -c->direction : c->direction, error);

    default:
      g_assert_not_reached ();
    }
}

/* After a step refused for someone else's change: their newest change of
 * each field the step would have written */
static void
find_conflicts (IndsatsUndoStack *self,
                Command          *c)
{
  g_autoptr(IndsatsAction) now = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  IndsatsActionFields fields;

  if (c->left == NULL || !(now = indsats_store_get_action (self->store, c->action_id, NULL)))
    return;
  fields = c->kind == COMMAND_EDIT ? c->fields
         : c->kind == COMMAND_MOVE ? INDSATS_ACTION_FIELD_TEAM | INDSATS_ACTION_FIELD_FOCUS
         : INDSATS_ACTION_FIELD_ALL;
  fields &= indsats_action_changed_fields (c->left, now);
  if (fields == 0 || !(changes = indsats_store_list_changes_since (self->store, c->action_id, 0, fields, NULL)))
    return;
  g_ptr_array_extend_and_steal (self->conflicts, g_steal_pointer (&changes));
}

/* Undoes (from @from to @to) or redoes (the other way) the newest step */
static gboolean
step (IndsatsUndoStack  *self,
      GPtrArray         *from,
      GPtrArray         *to,
      gboolean           backwards,
      GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  Command *c;

  g_ptr_array_set_size (self->conflicts, 0);
  if (from->len == 0)
    return TRUE;
  c = g_ptr_array_index (from, from->len - 1);
  if (!apply (self, c, backwards, &local_error))
    {
      if (g_error_matches (local_error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT))
        find_conflicts (self, c);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  remember (self, c);
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  notify (self);
  return TRUE;
}

/**
 * indsats_undo_stack_undo:
 *
 * Undoes the newest change; refused with %INDSATS_ERROR_CONFLICT when someone
 * else changed what it would write since (see
 * indsats_undo_stack_get_conflicts()), and then the stack stays as it was.
 */
gboolean
indsats_undo_stack_undo (IndsatsUndoStack  *self,
                         GError           **error)
{
  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), FALSE);

  return step (self, self->done, self->undone, TRUE, error);
}

gboolean
indsats_undo_stack_redo (IndsatsUndoStack  *self,
                         GError           **error)
{
  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), FALSE);

  return step (self, self->undone, self->done, FALSE, error);
}

/**
 * indsats_undo_stack_get_conflicts:
 *
 * Returns: (transfer none) (element-type IndsatsHistoryEntry): after an undo
 *   or redo refused for someone else's change, their newest change of each
 *   field it would have written (empty when they moved the action); empty
 *   otherwise
 */
GPtrArray *
indsats_undo_stack_get_conflicts (IndsatsUndoStack *self)
{
  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), NULL);
  return self->conflicts;
}

gboolean
indsats_undo_stack_can_undo (IndsatsUndoStack *self)
{
  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), FALSE);
  return self->done->len > 0;
}

gboolean
indsats_undo_stack_can_redo (IndsatsUndoStack *self)
{
  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), FALSE);
  return self->undone->len > 0;
}

/**
 * indsats_undo_stack_get_undo_label:
 *
 * Returns: what Undo would undo, for a tooltip: "Undo Delete"
 */
const char *
indsats_undo_stack_get_undo_label (IndsatsUndoStack *self)
{
  Command *c;

  g_return_val_if_fail (INDSATS_IS_UNDO_STACK (self), NULL);

  if (self->done->len == 0)
    return _("Undo");
  c = g_ptr_array_index (self->done, self->done->len - 1);
  switch (c->kind)
    {
    case COMMAND_ADD: return _("Undo Add");
    case COMMAND_EDIT: return _("Undo Edit");
    case COMMAND_DELETE: return _("Undo Delete");
    case COMMAND_MOVE: return _("Undo Move");
    default: return _("Undo");
    }
}
