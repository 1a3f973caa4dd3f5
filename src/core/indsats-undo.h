/* indsats-undo.h: every change to a plan's actions, undoable and redoable */
#pragma once

#include "indsats-store.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_UNDO_STACK (indsats_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsUndoStack, indsats_undo_stack, INDSATS, UNDO_STACK, GObject)

IndsatsUndoStack *indsats_undo_stack_new       (IndsatsStore         *store);
IndsatsStore     *indsats_undo_stack_get_store (IndsatsUndoStack    *self);
gint64            indsats_undo_stack_add       (IndsatsUndoStack     *self,
                                                gint64                plan_id,
                                                const IndsatsAction  *action,
                                                GError              **error);
gboolean          indsats_undo_stack_edit      (IndsatsUndoStack     *self,
                                                const IndsatsAction  *changed,
                                                IndsatsActionFields   fields,
                                                GError              **error);
gboolean          indsats_undo_stack_edit_since (IndsatsUndoStack    *self,
                                                const IndsatsAction  *changed,
                                                IndsatsActionFields   fields,
                                                gint64                version,
                                                GError              **error);
gboolean          indsats_undo_stack_delete    (IndsatsUndoStack     *self,
                                                gint64                action_id,
                                                GError              **error);
gboolean          indsats_undo_stack_move      (IndsatsUndoStack     *self,
                                                gint64                action_id,
                                                int                   direction,
                                                GError              **error);
gboolean          indsats_undo_stack_undo      (IndsatsUndoStack     *self,
                                                GError              **error);
gboolean          indsats_undo_stack_redo      (IndsatsUndoStack     *self,
                                                GError              **error);
GPtrArray        *indsats_undo_stack_get_conflicts (IndsatsUndoStack *self);
gboolean          indsats_undo_stack_can_undo  (IndsatsUndoStack     *self);
gboolean          indsats_undo_stack_can_redo  (IndsatsUndoStack     *self);
const char       *indsats_undo_stack_get_undo_label (IndsatsUndoStack *self);

G_END_DECLS
