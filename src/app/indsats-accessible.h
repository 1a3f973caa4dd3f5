/* indsats-accessible.h: names a screen reader reads once, without mnemonics */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void indsats_accessible_tidy_names (GtkWidget  *root);
void indsats_accessible_name_inner (GtkWidget  *widget,
                                    const char *name);

G_END_DECLS
