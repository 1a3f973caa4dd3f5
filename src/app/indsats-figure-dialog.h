/* indsats-figure-dialog.h: the form for a new key figure */
#pragma once

#include <adwaita.h>

#include "indsats-store.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_FIGURE_DIALOG (indsats_figure_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsFigureDialog, indsats_figure_dialog, INDSATS, FIGURE_DIALOG, AdwWindow)

IndsatsFigureDialog *indsats_figure_dialog_new        (GtkWindow           *parent,
                                                       IndsatsStore        *store);
const char          *indsats_figure_dialog_get_title_text (IndsatsFigureDialog *self);
IndsatsFigureKind    indsats_figure_dialog_get_kind   (IndsatsFigureDialog *self);
const char          *indsats_figure_dialog_get_series (IndsatsFigureDialog *self);
GStrv                indsats_figure_dialog_get_areas  (IndsatsFigureDialog *self);
const char          *indsats_figure_dialog_get_threshold (IndsatsFigureDialog *self);
gint64               indsats_figure_dialog_get_goal_id (IndsatsFigureDialog *self);
void                 indsats_figure_dialog_show_error (IndsatsFigureDialog *self,
                                                       const char          *message);
const char          *indsats_figure_dialog_get_error  (IndsatsFigureDialog *self);

G_END_DECLS
