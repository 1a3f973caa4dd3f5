/* indsats-teams-dialog.h: the plan's teams and focus areas, to rename or remove */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_TEAMS_DIALOG (indsats_teams_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsTeamsDialog, indsats_teams_dialog, INDSATS, TEAMS_DIALOG, AdwWindow)

IndsatsTeamsDialog *indsats_teams_dialog_new (GtkWindow *parent,
                                              GPtrArray *entries);

G_END_DECLS
