/* indsats-goal-dialog.h: the form for a goal's status text */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_GOAL_DIALOG (indsats_goal_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsGoalDialog, indsats_goal_dialog, INDSATS, GOAL_DIALOG, AdwWindow)

IndsatsGoalDialog *indsats_goal_dialog_new        (GtkWindow         *parent,
                                                   gint64             goal_id,
                                                   const char        *title,
                                                   const char        *status);
gint64             indsats_goal_dialog_get_goal_id (IndsatsGoalDialog *self);
char              *indsats_goal_dialog_get_status (IndsatsGoalDialog *self);
void               indsats_goal_dialog_set_status (IndsatsGoalDialog *self,
                                                   const char        *status);
void               indsats_goal_dialog_show_error (IndsatsGoalDialog *self,
                                                   const char        *message);
const char        *indsats_goal_dialog_get_error  (IndsatsGoalDialog *self);

G_END_DECLS
