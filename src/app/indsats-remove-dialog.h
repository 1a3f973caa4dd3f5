/* indsats-remove-dialog.h: the question before a team or focus area goes with its actions */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_REMOVE_DIALOG (indsats_remove_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsRemoveDialog, indsats_remove_dialog, INDSATS, REMOVE_DIALOG, AdwMessageDialog)

IndsatsRemoveDialog *indsats_remove_dialog_new       (GtkWindow           *parent,
                                                      gboolean             focus,
                                                      gint64               id,
                                                      const char          *name,
                                                      int                  n_actions);
gboolean             indsats_remove_dialog_get_focus (IndsatsRemoveDialog *self);
gint64               indsats_remove_dialog_get_id    (IndsatsRemoveDialog *self);

G_END_DECLS
