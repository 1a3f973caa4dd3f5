/* indsats-slot-model.c
 *
 * A list model that shows another one through one slot object per position.
 * When the rows of the model below change, the slots stay where they are and
 * only say (notify::item) that they now show another item; slots are added
 * or taken away only at the end.
 *
 * Why: GTK 4.8's list and grid views keep a row widget per item object. For
 * an item they have not seen they build a new widget, which is styled and
 * measured from scratch (milliseconds each), and drop the old one. Filtering
 * a long plan hands them new items at every position on screen, so each
 * keystroke in the search would build every visible row again. Over slots,
 * the rows on screen are only bound to other items, which costs a fraction.
 *
 * It can also show only the first rows for a while (a limit): the list then
 * builds only the row widgets those need, which is how a window shows its
 * first frame before the list has built its rows further down.
 */
#include "config.h"

#include "indsats-slot-model.h"

struct _IndsatsSlot
{
  GObject   parent_instance;
  gpointer  item;   /* owned */
};

G_DEFINE_FINAL_TYPE (IndsatsSlot, indsats_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_ITEM,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

static void
indsats_slot_dispose (GObject *object)
{
  g_clear_object (&INDSATS_SLOT (object)->item);
  G_OBJECT_CLASS (indsats_slot_parent_class)->dispose (object);
}

static void
indsats_slot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case SLOT_PROP_ITEM:
      g_value_set_object (value, INDSATS_SLOT (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
indsats_slot_class_init (IndsatsSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = indsats_slot_dispose;
  object_class->get_property = indsats_slot_get_property;
  slot_properties[SLOT_PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
indsats_slot_init (IndsatsSlot *self)
{
}

/* takes @item */
static void
indsats_slot_take_item (IndsatsSlot *self,
                        gpointer     item)
{
  if (self->item == item)
    {
      g_clear_object (&item);
      return;
    }
  g_clear_object (&self->item);
  self->item = item;
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ITEM]);
}

/**
 * indsats_slot_get_item:
 *
 * Returns: (transfer none) (type GObject): the item this position shows now
 */
gpointer
indsats_slot_get_item (IndsatsSlot *self)
{
  g_return_val_if_fail (INDSATS_IS_SLOT (self), NULL);
  return self->item;
}

struct _IndsatsSlotModel
{
  GObject     parent_instance;

  GListModel *model;
  GPtrArray  *slots;   /* one per position; NULL where none was asked for */
  guint       limit;   /* shows at most this many of the model's rows */
};

static void indsats_slot_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (IndsatsSlotModel, indsats_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, indsats_slot_model_list_init))

static GType
indsats_slot_model_get_item_type (GListModel *list)
{
  return INDSATS_TYPE_SLOT;
}

static guint
indsats_slot_model_get_n_items (GListModel *list)
{
  return INDSATS_SLOT_MODEL (list)->slots->len;
}

static gpointer
indsats_slot_model_get_item (GListModel *list,
                             guint       position)
{
  IndsatsSlotModel *self = INDSATS_SLOT_MODEL (list);
  IndsatsSlot *slot;

  if (position >= self->slots->len)
    return NULL;
  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      slot = g_object_new (INDSATS_TYPE_SLOT, NULL);
      slot->item = g_list_model_get_item (self->model, position);
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
indsats_slot_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = indsats_slot_model_get_item_type;
  iface->get_n_items = indsats_slot_model_get_n_items;
  iface->get_item = indsats_slot_model_get_item;
}

static void
unref_slot (gpointer slot)
{
  if (slot)
    g_object_unref (slot);
}

static void
items_changed_cb (GListModel       *model,
                  guint             position,
                  guint             removed,
                  guint             added,
                  IndsatsSlotModel *self)
{
  guint n_old = self->slots->len;
  guint n_new = MIN (g_list_model_get_n_items (model), self->limit);
  guint kept = MIN (n_old, n_new);
  /* without a change of length nothing after the change moved */
  guint end = removed == added ? MIN (position + added, kept) : kept;

  /* the end first, so that rows about to go are not bound again */
  if (n_new < n_old)
    {
      g_ptr_array_remove_range (self->slots, n_new, n_old - n_new);
      g_list_model_items_changed (G_LIST_MODEL (self), n_new, n_old - n_new, 0);
    }
  for (guint i = position; i < end; i++)
    {
      IndsatsSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot == NULL)
        continue;
      /* a slot that nobody else holds shows nothing: it is made again when asked for */
      if (G_OBJECT (slot)->ref_count == 1)
        {
          g_clear_object (&g_ptr_array_index (self->slots, i));
          continue;
        }
      indsats_slot_take_item (slot, g_list_model_get_item (model, i));
    }
  if (n_new > n_old)
    {
      g_ptr_array_set_size (self->slots, n_new);
      g_list_model_items_changed (G_LIST_MODEL (self), n_old, 0, n_new - n_old);
    }
}

static void
indsats_slot_model_dispose (GObject *object)
{
  IndsatsSlotModel *self = INDSATS_SLOT_MODEL (object);

  if (self->model)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  if (self->slots)
    g_ptr_array_set_size (self->slots, 0);

  G_OBJECT_CLASS (indsats_slot_model_parent_class)->dispose (object);
}

static void
indsats_slot_model_finalize (GObject *object)
{
  g_clear_pointer (&INDSATS_SLOT_MODEL (object)->slots, g_ptr_array_unref);
  G_OBJECT_CLASS (indsats_slot_model_parent_class)->finalize (object);
}

static void
indsats_slot_model_class_init (IndsatsSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = indsats_slot_model_dispose;
  object_class->finalize = indsats_slot_model_finalize;
}

static void
indsats_slot_model_init (IndsatsSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (unref_slot);
  self->limit = G_MAXUINT;
}

/**
 * indsats_slot_model_new:
 * @model: (transfer none): the rows to show
 *
 * Returns: (transfer full): a model of #IndsatsSlot, one per row of @model
 */
IndsatsSlotModel *
indsats_slot_model_new (GListModel *model)
{
  IndsatsSlotModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (INDSATS_TYPE_SLOT_MODEL, NULL);
  self->model = g_object_ref (model);
  g_ptr_array_set_size (self->slots, g_list_model_get_n_items (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}

/**
 * indsats_slot_model_set_limit:
 * @limit: how many of the model's rows to show at most; %G_MAXUINT for all
 *
 * Shows only the first @limit rows of the model, or, raised, the rows
 * hidden so far, which are added at the end.
 */
void
indsats_slot_model_set_limit (IndsatsSlotModel *self,
                              guint             limit)
{
  guint n;

  g_return_if_fail (INDSATS_IS_SLOT_MODEL (self));

  if (self->limit == limit)
    return;
  n = g_list_model_get_n_items (self->model);
  self->limit = limit;
  /* as if the rows past the limit had come or gone at the end */
  items_changed_cb (self->model, MIN (n, self->slots->len), 0, 0, self);
}
