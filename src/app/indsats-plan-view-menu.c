/* indsats-plan-view-menu.c
 *
 * The filters and the order as one menu, for a window too narrow for the
 * drop-downs: its choices are stateful actions ("plan.status", "plan.owner",
 * "plan.sort") that follow the drop-downs and set them.
 */
#include "config.h"

#include "indsats-plan-view-private.h"

#include <glib/gi18n.h>

#include "indsats-menu.h"

/* The menu shows the choice the drop-downs made */
void
_indsats_plan_view_set_menu_state (IndsatsPlanView *self,
                                   const char      *name,
                                   GVariant        *state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->filter_actions), name);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), state);
}

/* The narrow window's menu chose a filter: the drop-downs follow, and through them the list */
static void
menu_state_cb (GSimpleAction   *action,
               GVariant        *value,
               IndsatsPlanView *self)
{
  const char *name = g_action_get_name (G_ACTION (action));

  if (g_str_equal (name, "status"))
    gtk_drop_down_set_selected (self->filter_dropdown, g_variant_get_int32 (value));
  else if (g_str_equal (name, "sort"))
    {
      const char *sort = g_variant_get_string (value, NULL);
      gtk_drop_down_set_selected (self->sort_dropdown, g_str_equal (sort, "start") ? 1 : g_str_equal (sort, "owner") ? 2 : 0);
    }
  else
    {
      const char *owner = g_variant_get_string (value, NULL);
      guint selected = 0;

      for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->owners)); i++)
        if (g_str_equal (gtk_string_list_get_string (self->owners, i), owner))
          selected = i;
      gtk_drop_down_set_selected (self->owner_dropdown, selected);
    }
}

/* The menu of the filters, made when it opens: the owners are the plan's */
static void
create_filter_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  IndsatsPlanView *self = INDSATS_PLAN_VIEW (user_data);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) owners = g_menu_new ();
  g_autoptr(GMenu) sort = g_menu_new ();
  GListModel *statuses = gtk_drop_down_get_model (self->filter_dropdown);
  GListModel *sorts = gtk_drop_down_get_model (self->sort_dropdown);
  static const char * const sort_names[] = { "", "start", "owner" };

  /* the same words as the drop-downs, in the same order */
  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    indsats_menu_append (status, gtk_string_list_get_string (GTK_STRING_LIST (statuses), i), "plan.status",
                         g_variant_new_int32 (i));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->owners)); i++)
    indsats_menu_append (owners, gtk_string_list_get_string (self->owners, i), "plan.owner",
                         g_variant_new_string (i == 0 ? "" : gtk_string_list_get_string (self->owners, i)));
  for (guint i = 0; i < g_list_model_get_n_items (sorts) && i < G_N_ELEMENTS (sort_names); i++)
    indsats_menu_append (sort, gtk_string_list_get_string (GTK_STRING_LIST (sorts), i), "plan.sort",
                         g_variant_new_string (sort_names[i]));
  g_menu_append_section (menu, _("Status"), G_MENU_MODEL (status));
  g_menu_append_submenu (menu, _("_Owner"), G_MENU_MODEL (owners));
  g_menu_append_section (menu, _("Order"), G_MENU_MODEL (sort));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* Called when the view is made */
void
_indsats_plan_view_add_menu (IndsatsPlanView *self)
{
  struct { const char *name; GVariant *state; } choices[] = {
    { "status", g_variant_new_int32 (0) },
    { "owner", g_variant_new_string ("") },
    { "sort", g_variant_new_string ("") },
  };

  self->filter_actions = g_simple_action_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      GSimpleAction *action = g_simple_action_new_stateful (choices[i].name, g_variant_get_type (choices[i].state),
                                                            choices[i].state);

      g_signal_connect (action, "change-state", G_CALLBACK (menu_state_cb), self);
      g_action_map_add_action (G_ACTION_MAP (self->filter_actions), G_ACTION (action));
      g_object_unref (action);
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "plan", G_ACTION_GROUP (self->filter_actions));
  gtk_menu_button_set_create_popup_func (self->filter_menu_button, create_filter_menu_cb, self, NULL);
}

