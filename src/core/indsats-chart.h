/* indsats-chart.h: the chart engine for the numbered figures
 *
 * Data → layout → drawing. The data is what one figure shows; the layout says
 * where everything goes for a size and a way to measure text; the renderer
 * draws a layout on any cairo_t (window, PNG, PDF) or writes it as SVG.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "indsats-model.h"
#include "indsats-period.h"
#include "indsats-store.h"

G_BEGIN_DECLS

typedef enum
{
  INDSATS_CHART_PNG,
  INDSATS_CHART_SVG,
  INDSATS_CHART_PDF,
} IndsatsChartFormat;

typedef struct
{
  char     *label;        /* what the legend says */
  double   *values;       /* one per period; NAN where missing */
  gboolean *preliminary;  /* one per period */
} IndsatsChartSeries;

typedef struct
{
  char *date;             /* YYYY-MM-DD: when the actions took effect */
  char *label;            /* "27.02" */
  int   n_actions;
} IndsatsChartMarker;

typedef struct
{
  int                number;
  char              *title;
  IndsatsFigureKind  kind;
  char              *unit;          /* the unit line, "Pct." */
  gboolean           percent;       /* values are percentages */
  char              *source;        /* "Kilde: Jobindsats.dk" */
  int                n_periods;
  IndsatsPeriod     *periods;
  GPtrArray         *series;        /* of IndsatsChartSeries */
  double             threshold;     /* NAN when none */
  char              *threshold_label;
  GPtrArray         *markers;       /* of IndsatsChartMarker */
} IndsatsChartData;

/* The styles that tell series apart in colour, and in grayscale by dash and point shape */
typedef enum
{
  INDSATS_POINT_CIRCLE,
  INDSATS_POINT_SQUARE,
  INDSATS_POINT_TRIANGLE,
  INDSATS_POINT_DIAMOND,
} IndsatsPointShape;

typedef struct
{
  double            rgb[3];
  double            dash[2];        /* on, off in line widths; 0 for solid */
  IndsatsPointShape point;
  const char       *hex;            /* "#0072B2" */
} IndsatsSeriesStyle;

const IndsatsSeriesStyle *indsats_chart_series_style (guint index);

IndsatsChartData *indsats_chart_data_new        (void);
void              indsats_chart_data_free       (IndsatsChartData *data);
void              indsats_chart_data_set_periods (IndsatsChartData    *data,
                                                  const IndsatsPeriod *periods,
                                                  int                  n_periods);
IndsatsChartSeries *indsats_chart_data_add_series (IndsatsChartData *data,
                                                   const char       *label);
void              indsats_chart_data_add_marker (IndsatsChartData *data,
                                                 const char       *date,
                                                 int               n_actions);
IndsatsChartData *indsats_chart_data_load       (IndsatsStore     *store,
                                                 int               figure_number,
                                                 GError          **error);
char             *indsats_chart_data_get_heading (const IndsatsChartData *data);
char             *indsats_chart_data_describe   (const IndsatsChartData *data);
char             *indsats_chart_format_value    (const IndsatsChartData *data,
                                                 double                  value,
                                                 int                     decimals);
int               indsats_chart_data_latest_period (const IndsatsChartData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsChartData, indsats_chart_data_free)

/* Axes */
void  indsats_chart_nice_scale (double  min,
                                double  max,
                                int     max_ticks,
                                gboolean include_zero,
                                double *lo,
                                double *hi,
                                double *step);
int   indsats_chart_step_decimals (double step);

/* Layout */
typedef struct
{
  double x, y, width, height;
} IndsatsRect;

typedef struct
{
  double  value;
  double  pos;            /* y (or x for bars) in device units */
  char   *label;
} IndsatsChartTick;

typedef struct
{
  double    center;       /* x (or y for bars) of the category */
  char     *label;
  gboolean  shown;        /* thinned labels are not drawn */
} IndsatsChartCategory;

typedef struct
{
  double  x;
  char   *label;
  int     row;            /* labels are staggered in rows so they do not overlap */
} IndsatsChartMarkerPos;

typedef struct _IndsatsChartLayout IndsatsChartLayout;
struct _IndsatsChartLayout
{
  double               width, height;
  double               font_size;     /* px */
  double               small_height;  /* the height of a line of small text */
  char                *font_family;
  IndsatsRect          heading;
  IndsatsRect          unit;
  IndsatsRect          legend;
  IndsatsRect          plot;
  IndsatsRect          source;
  gboolean             horizontal;    /* bars: categories down, values across */
  gboolean             empty;         /* no value at all: say so */
  double               lo, hi, step;
  int                  decimals;
  GPtrArray           *ticks;         /* of IndsatsChartTick */
  GPtrArray           *categories;    /* of IndsatsChartCategory */
  double               slot;          /* category width (height for bars) */
  double               threshold_pos; /* NAN when none or out of range */
  GPtrArray           *markers;       /* of IndsatsChartMarkerPos */
  int                  legend_columns;
  double               legend_row_height;
  char                *note;          /* "* Foreløbige tal" when the data says so */
};

IndsatsChartLayout *indsats_chart_layout_new     (const IndsatsChartData *data,
                                                  double                  width,
                                                  double                  height,
                                                  PangoContext           *context);
void                indsats_chart_layout_free    (IndsatsChartLayout     *layout);
double              indsats_chart_layout_value_pos (const IndsatsChartLayout *layout,
                                                    double                    value);
gboolean            indsats_chart_layout_point   (const IndsatsChartLayout *layout,
                                                  const IndsatsChartData   *data,
                                                  guint                     series,
                                                  int                       period,
                                                  double                   *x,
                                                  double                   *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsChartLayout, indsats_chart_layout_free)

/* Drawing */
void      indsats_chart_render      (const IndsatsChartData   *data,
                                     const IndsatsChartLayout *layout,
                                     cairo_t                  *cr);
char     *indsats_chart_render_svg  (const IndsatsChartData *data,
                                     double                  width,
                                     double                  height);
gboolean  indsats_chart_render_file (const IndsatsChartData *data,
                                     const char             *path,
                                     IndsatsChartFormat      format,
                                     int                     width,
                                     int                     height,
                                     GError                **error);
GBytes   *indsats_chart_render_png  (const IndsatsChartData *data,
                                     int                     width,
                                     int                     height,
                                     GError                **error);
gboolean  indsats_chart_format_from_path (const char         *path,
                                          IndsatsChartFormat *format);

G_END_DECLS
