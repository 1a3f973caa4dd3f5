/* indsats-figure-card.h: one figure, as a chart or as a table, that can be saved */
#pragma once

#include <gtk/gtk.h>

#include "indsats-chart.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_FIGURE_CARD (indsats_figure_card_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsFigureCard, indsats_figure_card, INDSATS, FIGURE_CARD, GtkWidget)

GtkWidget *indsats_figure_card_new           (IndsatsChartData  *data);
GtkWidget *indsats_figure_card_new_for_figure (IndsatsStore      *store,
                                              int                number);
void       indsats_figure_card_load          (IndsatsFigureCard *self);
gboolean   indsats_figure_card_is_loaded     (IndsatsFigureCard *self);
gboolean   indsats_figure_card_save          (IndsatsFigureCard *self,
                                              const char        *path,
                                              GError           **error);
gboolean   indsats_figure_card_copy          (IndsatsFigureCard *self,
                                              GError           **error);
void       indsats_figure_card_show_table    (IndsatsFigureCard *self,
                                              gboolean           table);
GtkWidget *indsats_figure_card_get_chart     (IndsatsFigureCard *self);
GtkWidget *indsats_figure_card_get_table     (IndsatsFigureCard *self);

G_END_DECLS
