/* indsats-menu.c: one item of a menu model, as the row menu, the filters'
 * menu and the form's lists of values make them */
#include "config.h"

#include "indsats-menu.h"

/**
 * indsats_menu_append:
 * @target: (nullable) (transfer floating): the action's parameter
 *
 * Adds an item that says @label and activates @action with @target.
 */
void
indsats_menu_append (GMenu      *menu,
                     const char *label,
                     const char *action,
                     GVariant   *target)
{
  g_autoptr(GMenuItem) item = NULL;

  g_return_if_fail (G_IS_MENU (menu));

  item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target_value (item, action, target);
  g_menu_append_item (menu, item);
}
