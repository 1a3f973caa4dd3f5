/* indsats-chart-private.h: what the layout, the painter and the file output share
 *
 * The layout decides every position, line of text and style; the painter
 * reads it. The constants below are the only ones both need.
 */
#pragma once

#include "indsats-chart.h"

G_BEGIN_DECLS

#define INDSATS_CHART_FONT "DejaVu Sans"

/* Text sizes relative to the layout's font size */
#define INDSATS_CHART_SMALL_SCALE   0.85
#define INDSATS_CHART_HEADING_SCALE 1.25

/* Line widths in thin lines (layout->line_width) */
#define INDSATS_CHART_SERIES_WIDTH  2.0
#define INDSATS_CHART_OTHER_WIDTH   0.8
#define INDSATS_CHART_GRID_WIDTH    0.6
#define INDSATS_CHART_AXIS_WIDTH    0.8
#define INDSATS_CHART_MARKER_WIDTH  0.8
#define INDSATS_CHART_THRESHOLD_WIDTH 1.5
#define INDSATS_CHART_POINT_RADIUS  2.4

/* The gap between a bar and its value label, in font sizes */
#define INDSATS_CHART_LABEL_GAP     0.3

extern const double indsats_chart_ink_rgb[][3];   /* by IndsatsChartInk */
extern const double indsats_chart_grid_rgb[3];
extern const double indsats_chart_other_rgb[3];   /* the thin grey "other areas" */
extern const double indsats_chart_marker_rgb[3];  /* the actions' marker lines */

PangoLayout *indsats_chart_text_layout (PangoContext             *context,
                                        const IndsatsChartLayout *layout,
                                        IndsatsTextStyle          style,
                                        const char               *text,
                                        double                    wrap_width);
void         indsats_chart_text_size   (PangoLayout      *text,
                                        double           *width,
                                        double           *height);
gboolean     indsats_chart_single_period_bars (const IndsatsChartData *data);

/* indsats-chart-text.c: breaking and cutting text into the lines drawn */
char             *indsats_chart_clean_text  (const char *text);
IndsatsChartText *indsats_chart_text_new    (PangoContext             *context,
                                             const IndsatsChartLayout *layout,
                                             IndsatsChartRole          role,
                                             IndsatsTextStyle          style,
                                             IndsatsChartInk           ink,
                                             const char               *text,
                                             double                    max_width,
                                             int                       max_lines);
void              indsats_chart_text_move   (IndsatsChartText *text,
                                             double            x,
                                             double            y);
void              indsats_chart_text_free   (IndsatsChartText *text);

G_END_DECLS
