/* indsats-slot-model.h: a list model whose rows stay put while the rows below them change */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_SLOT (indsats_slot_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsSlot, indsats_slot, INDSATS, SLOT, GObject)

gpointer indsats_slot_get_item (IndsatsSlot *self);

#define INDSATS_TYPE_SLOT_MODEL (indsats_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsSlotModel, indsats_slot_model, INDSATS, SLOT_MODEL, GObject)

IndsatsSlotModel *indsats_slot_model_new       (GListModel       *model);
void              indsats_slot_model_set_limit (IndsatsSlotModel *self,
                                                guint             limit);

G_END_DECLS
