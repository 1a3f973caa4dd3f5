/* indsats-plan-dialog.h: the form for a new recovery plan */
#pragma once

#include <adwaita.h>

#include "indsats-model.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_PLAN_DIALOG (indsats_plan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsPlanDialog, indsats_plan_dialog, INDSATS, PLAN_DIALOG, AdwWindow)

IndsatsPlanDialog *indsats_plan_dialog_new        (GtkWindow          *parent);
IndsatsPlan       *indsats_plan_dialog_get_plan   (IndsatsPlanDialog  *self,
                                                   GError            **error);
void               indsats_plan_dialog_show_error (IndsatsPlanDialog  *self,
                                                   const char         *message);
const char        *indsats_plan_dialog_get_error  (IndsatsPlanDialog  *self);

G_END_DECLS
