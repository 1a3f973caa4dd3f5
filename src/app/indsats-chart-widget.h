/* indsats-chart-widget.h: a figure on screen, drawn by the chart engine */
#pragma once

#include <gtk/gtk.h>

#include "indsats-chart.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_CHART_WIDGET (indsats_chart_widget_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsChartWidget, indsats_chart_widget, INDSATS, CHART_WIDGET, GtkWidget)

GtkWidget              *indsats_chart_widget_new      (void);
void                    indsats_chart_widget_set_data (IndsatsChartWidget *self,
                                                       IndsatsChartData   *data);
const IndsatsChartData *indsats_chart_widget_get_data (IndsatsChartWidget *self);
gboolean                indsats_chart_widget_get_point (IndsatsChartWidget *self,
                                                        guint               series,
                                                        int                 period,
                                                        double             *x,
                                                        double             *y);
char                   *indsats_chart_widget_describe_point (IndsatsChartWidget *self,
                                                             double              x,
                                                             double              y);
gboolean                indsats_chart_widget_get_in_sight (IndsatsChartWidget *self);
guint                   indsats_chart_widget_get_n_draws (IndsatsChartWidget *self);

G_END_DECLS
