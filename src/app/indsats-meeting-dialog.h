/* indsats-meeting-dialog.h: asks for the date and name of the committee meeting to mark */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_MEETING_DIALOG (indsats_meeting_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsMeetingDialog, indsats_meeting_dialog, INDSATS, MEETING_DIALOG, AdwMessageDialog)

IndsatsMeetingDialog *indsats_meeting_dialog_new      (GtkWindow            *parent,
                                                       const char           *today);
void                  indsats_meeting_dialog_set      (IndsatsMeetingDialog *self,
                                                       const char           *name,
                                                       const char           *date);
const char           *indsats_meeting_dialog_get_name (IndsatsMeetingDialog *self);
char                 *indsats_meeting_dialog_get_date (IndsatsMeetingDialog *self);
const char           *indsats_meeting_dialog_get_problem (IndsatsMeetingDialog *self);

gboolean              indsats_meeting_check           (const char           *name,
                                                       const char           *date,
                                                       char                **iso,
                                                       char                **problem);
char                 *indsats_meeting_default_name    (const char           *iso);

G_END_DECLS
