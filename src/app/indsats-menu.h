/* indsats-menu.h: one item of a menu model */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void indsats_menu_append (GMenu      *menu,
                          const char *label,
                          const char *action,
                          GVariant   *target);

G_END_DECLS
