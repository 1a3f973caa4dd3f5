/* indsats-action-row.h: how one row of the action list looks */
#pragma once

#include <gtk/gtk.h>

#include "indsats-plan-item.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_ACTION_ROW (indsats_action_row_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsActionRow, indsats_action_row, INDSATS, ACTION_ROW, GtkWidget)

GtkWidget       *indsats_action_row_new      (void);
void             indsats_action_row_set_item (IndsatsActionRow *self,
                                              IndsatsPlanItem  *item,
                                              const char       *today);
IndsatsPlanItem *indsats_action_row_get_item (IndsatsActionRow *self);
gboolean         indsats_action_row_popup_menu (IndsatsActionRow *self);
GMenuModel      *indsats_action_row_get_menu (IndsatsActionRow *self);

G_END_DECLS
