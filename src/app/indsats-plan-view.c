/* indsats-plan-view.c
 *
 * The actions of one plan in a GtkListView over a flat model of team
 * headings, focus area headings and actions.
 */
#include "config.h"

#include "indsats-plan-view.h"

#include <glib/gi18n.h>

#include "indsats-action-row.h"
#include "indsats-format.h"
#include "indsats-plan-item.h"

struct _IndsatsPlanView
{
  GtkWidget     parent_instance;

  /* template children */
  GtkListView  *action_list;

  GListStore   *items;
  char         *today;
};

G_DEFINE_FINAL_TYPE (IndsatsPlanView, indsats_plan_view, GTK_TYPE_WIDGET)

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, indsats_action_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (user_data);
  IndsatsPlanItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  /* headings are not actions: they cannot be activated */
  gtk_list_item_set_activatable (list_item,
                                 indsats_plan_item_get_kind (item) == INDSATS_PLAN_ITEM_ACTION);
  indsats_action_row_set_item (INDSATS_ACTION_ROW (row), item, self->today);
}

static void
indsats_plan_view_dispose (GObject *object)
{
  GtkWidget *child;
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_PLAN_VIEW);
  /* the template's root is not bound to a field: unparent it too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (indsats_plan_view_parent_class)->dispose (object);
}

static void
indsats_plan_view_finalize (GObject *object)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (object);

  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (indsats_plan_view_parent_class)->finalize (object);
}

static void
indsats_plan_view_class_init (IndsatsPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_plan_view_dispose;
  object_class->finalize = indsats_plan_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsPlanView, action_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  g_type_ensure (INDSATS_TYPE_ACTION_ROW);
}

static void
indsats_plan_view_init (IndsatsPlanView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->today = indsats_today_iso ();
  self->items = g_list_store_new (INDSATS_TYPE_PLAN_ITEM);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items))));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->action_list, factory);
  gtk_list_view_set_model (self->action_list, selection);
}

/**
 * indsats_plan_view_load:
 *
 * Shows the actions of @plan_id, read from @store.
 */
gboolean
indsats_plan_view_load (IndsatsPlanView  *self,
                        IndsatsStore     *store,
                        gint64            plan_id,
                        GError          **error)
{
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *team = NULL, *focus = NULL;

  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), FALSE);
  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);

  if (!(actions = indsats_store_list_actions (store, plan_id, error)))
    return FALSE;

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);

      if (g_strcmp0 (team, a->team) != 0)
        {
          g_ptr_array_add (rows, indsats_plan_item_new_heading (INDSATS_PLAN_ITEM_TEAM, a->team));
          team = a->team;
          focus = NULL;
        }
      if (g_strcmp0 (focus, a->focus) != 0)
        {
          g_ptr_array_add (rows, indsats_plan_item_new_heading (INDSATS_PLAN_ITEM_FOCUS, a->focus));
          focus = a->focus;
        }
      g_ptr_array_add (rows, indsats_plan_item_new_action (a));
    }
  /* one splice, one items-changed: the list is built once */
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       rows->pdata, rows->len);
  return TRUE;
}

/**
 * indsats_plan_view_get_items:
 *
 * Returns: (transfer none): the rows of the list (teams, focus areas, actions)
 */
GListModel *
indsats_plan_view_get_items (IndsatsPlanView *self)
{
  g_return_val_if_fail (INDSATS_IS_PLAN_VIEW (self), NULL);
  return G_LIST_MODEL (self->items);
}
