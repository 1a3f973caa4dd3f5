/* indsats-indicators-dialog.h: the indicators in the database, and a form to change one or make a new one */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_INDICATORS_DIALOG (indsats_indicators_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsIndicatorsDialog, indsats_indicators_dialog, INDSATS, INDICATORS_DIALOG, AdwWindow)

IndsatsIndicatorsDialog *indsats_indicators_dialog_new              (GtkWindow               *parent,
                                                                     GPtrArray               *indicators);
const char              *indsats_indicators_dialog_get_name         (IndsatsIndicatorsDialog *self);
const char              *indsats_indicators_dialog_get_unit         (IndsatsIndicatorsDialog *self);
const char              *indsats_indicators_dialog_get_threshold    (IndsatsIndicatorsDialog *self);
gboolean                 indsats_indicators_dialog_get_higher_is_better (IndsatsIndicatorsDialog *self);
gboolean                 indsats_indicators_dialog_pick             (IndsatsIndicatorsDialog *self,
                                                                     const char              *name);
void                     indsats_indicators_dialog_show_error       (IndsatsIndicatorsDialog *self,
                                                                     const char              *message);
const char              *indsats_indicators_dialog_get_error        (IndsatsIndicatorsDialog *self);

G_END_DECLS
