/* indsats-chart-private.h: what the layout and the renderer share */
#pragma once

#include "indsats-chart.h"

G_BEGIN_DECLS

#define INDSATS_CHART_FONT "DejaVu Sans"

typedef enum
{
  INDSATS_TEXT_NORMAL,
  INDSATS_TEXT_SMALL,
  INDSATS_TEXT_HEADING,
} IndsatsTextStyle;

PangoLayout *indsats_chart_text_layout (PangoContext     *context,
                                        const IndsatsChartLayout *layout,
                                        IndsatsTextStyle  style,
                                        const char       *text,
                                        double            wrap_width);
void         indsats_chart_text_size   (PangoLayout      *text,
                                        double           *width,
                                        double           *height);
gboolean     indsats_chart_single_period_bars (const IndsatsChartData *data);

G_END_DECLS
