/* indsats-action-dialog.h: the form for a new or changed action */
#pragma once

#include <adwaita.h>

#include "indsats-undo.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_ACTION_DIALOG (indsats_action_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsActionDialog, indsats_action_dialog, INDSATS, ACTION_DIALOG, AdwWindow)

IndsatsActionDialog *indsats_action_dialog_new       (GtkWindow           *parent,
                                                      IndsatsUndoStack    *undo,
                                                      gint64               plan_id,
                                                      const IndsatsAction *action,
                                                      GPtrArray           *actions);
void                 indsats_action_dialog_set_field (IndsatsActionDialog *self,
                                                      const char          *field,
                                                      const char          *text);
const char          *indsats_action_dialog_get_error (IndsatsActionDialog *self,
                                                      const char          *field);
const char          *indsats_action_dialog_get_field (IndsatsActionDialog *self,
                                                      const char          *field);
gboolean             indsats_action_dialog_can_save  (IndsatsActionDialog *self);
void                 indsats_action_dialog_set_offline (IndsatsActionDialog *self,
                                                        gboolean             offline);
gboolean             indsats_action_dialog_save      (IndsatsActionDialog *self,
                                                      GError             **error);
gint64               indsats_action_dialog_get_saved_id (IndsatsActionDialog *self);

G_END_DECLS
