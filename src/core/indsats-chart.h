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
  char     *date;         /* YYYY-MM-DD: when the actions took effect */
  char     *label;        /* "27.02" */
  int       n_actions;
  gboolean  planned;      /* none of them has started, and the date has not come */
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
  /* the language of the figure's own words (legend, notes, markers); not
   * owned; NULL: the program's language */
  struct _IndsatsCatalog *catalog;
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
void              indsats_chart_data_add_planned_marker (IndsatsChartData *data,
                                                         const char       *date,
                                                         int               n_actions);
IndsatsChartData *indsats_chart_data_load       (IndsatsStore     *store,
                                                 int               figure_number,
                                                 GError          **error);
IndsatsChartData *indsats_chart_data_load_figure (IndsatsStore        *store,
                                                  const IndsatsFigure *figure,
                                                  GError             **error);
char             *indsats_chart_data_get_heading (const IndsatsChartData *data);
char             *indsats_chart_data_describe   (const IndsatsChartData *data);
char             *indsats_chart_data_get_threshold_label (const IndsatsChartData *data);
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

/* How a piece of text is set; the sizes are in indsats-chart-private.h */
typedef enum
{
  INDSATS_TEXT_NORMAL,
  INDSATS_TEXT_SMALL,
  INDSATS_TEXT_HEADING,
} IndsatsTextStyle;

/* The colours text and lines are drawn in, besides the series' own */
typedef enum
{
  INDSATS_INK_TEXT,
  INDSATS_INK_AXIS,
  INDSATS_INK_MARKER,
  INDSATS_INK_ON_DARK,
} IndsatsChartInk;

/* What a piece of text is, so that tests and readers can find it */
typedef enum
{
  INDSATS_ROLE_HEADING,
  INDSATS_ROLE_UNIT,
  INDSATS_ROLE_TICK,
  INDSATS_ROLE_CATEGORY,
  INDSATS_ROLE_LEGEND,
  INDSATS_ROLE_MARKER,
  INDSATS_ROLE_THRESHOLD,
  INDSATS_ROLE_VALUE,
  INDSATS_ROLE_SOURCE,
  INDSATS_ROLE_MESSAGE,
} IndsatsChartRole;

/* One line of text as it is drawn: the layout breaks and cuts text once */
typedef struct
{
  char   *text;
  double  x;              /* start of the line */
  double  baseline;
} IndsatsChartLine;

typedef struct
{
  IndsatsChartRole  role;
  IndsatsTextStyle  style;
  IndsatsChartInk   ink;
  IndsatsRect       box;  /* every line lies inside */
  GPtrArray        *lines; /* of IndsatsChartLine */
} IndsatsChartText;

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
  double    x;
  char     *label;
  int       row;          /* labels stand in rows above the plot; -1: no room */
  double    label_x;      /* where its label starts */
  double    top;          /* where its line starts; it runs down to the plot's bottom */
  gboolean  planned;      /* the actions have not started yet */
} IndsatsChartMarkerPos;

/* -1 as a style: one of the thin grey lines for "the other areas" */
#define INDSATS_CHART_STYLE_OTHER (-1)

/* A line series, computed point by point */
typedef struct
{
  guint     series;       /* index into the data's series */
  int       style;        /* index for indsats_chart_series_style() or INDSATS_CHART_STYLE_OTHER */
  int       n;
  double   *x, *y;        /* NAN where the value is missing */
  gboolean *preliminary;
  gboolean *point;        /* whether a point is drawn */
} IndsatsChartPath;

typedef struct
{
  guint        series;
  int          period;
  int          style;
  gboolean     preliminary;
  IndsatsRect  rect;
} IndsatsChartBar;

typedef enum
{
  INDSATS_LEGEND_SERIES,
  INDSATS_LEGEND_OTHERS,
  INDSATS_LEGEND_MARKER,
  INDSATS_LEGEND_MARKER_PLANNED,
} IndsatsLegendKind;

typedef struct
{
  IndsatsLegendKind kind;
  int               style;
  IndsatsRect       sample; /* where the line or swatch is drawn */
} IndsatsChartLegendEntry;

typedef struct _IndsatsChartLayout IndsatsChartLayout;
struct _IndsatsChartLayout
{
  double               width, height;
  double               font_size;     /* px */
  double               line_width;    /* the width of a thin line */
  double               small_height;  /* the height of a line of small text */
  char                *font_family;
  IndsatsRect          heading;
  IndsatsRect          unit;
  IndsatsRect          legend;
  IndsatsRect          plot;
  IndsatsRect          source;
  gboolean             horizontal;    /* bars: categories down, values across */
  gboolean             empty;         /* no value at all: say so */
  gboolean             out_of_range;  /* values, but none the figure can draw */
  double               lo, hi, step;
  int                  decimals;
  int                  exponent;      /* ticks are labelled in units of 10^exponent */
  GPtrArray           *ticks;         /* of IndsatsChartTick */
  GPtrArray           *categories;    /* of IndsatsChartCategory */
  double               slot;          /* category width (height for bars) */
  double               threshold_pos; /* NAN when none or out of range */
  GPtrArray           *markers;       /* of IndsatsChartMarkerPos */
  int                  marker_rows;
  GPtrArray           *paths;         /* of IndsatsChartPath, line charts */
  GPtrArray           *bars;          /* of IndsatsChartBar, column and bar charts */
  GPtrArray           *legend_entries; /* of IndsatsChartLegendEntry */
  int                  legend_columns;
  double               legend_row_height;
  gboolean             others;        /* some areas are drawn as thin grey lines */
  char                *note;          /* "* Preliminary figures" when the data says so */
  GPtrArray           *texts;         /* of IndsatsChartText: every word the figure shows */
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
const IndsatsChartText *indsats_chart_layout_find_text (const IndsatsChartLayout *layout,
                                                        IndsatsChartRole          role,
                                                        guint                     nth);
char               *indsats_chart_text_get_string (const IndsatsChartText *text);

/* How many series the styles tell apart; beyond that the other areas are grey */
#define INDSATS_CHART_MAX_STYLED 7
gboolean            indsats_chart_data_has_others (const IndsatsChartData *data);
const char         *indsats_chart_others_label    (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsChartLayout, indsats_chart_layout_free)

/* The sizes files are drawn at, in pixels or points */
#define INDSATS_CHART_MIN_WIDTH  240
#define INDSATS_CHART_MIN_HEIGHT 160
#define INDSATS_CHART_MAX_SIZE   20000

/* Drawing: indsats-chart-paint.c draws a layout; indsats-chart-output.c writes files */
void      indsats_chart_render      (const IndsatsChartData   *data,
                                     const IndsatsChartLayout *layout,
                                     cairo_t                  *cr);
char     *indsats_chart_render_svg  (const IndsatsChartData *data,
                                     double                  width,
                                     double                  height);
GBytes   *indsats_chart_render_bytes (const IndsatsChartData *data,
                                      IndsatsChartFormat      format,
                                      int                     width,
                                      int                     height,
                                      GError                **error);
gboolean  indsats_chart_render_file (const IndsatsChartData *data,
                                     const char             *path,
                                     IndsatsChartFormat      format,
                                     int                     width,
                                     int                     height,
                                     GError                **error);
char     *indsats_chart_layout_to_svg (const IndsatsChartData   *data,
                                       const IndsatsChartLayout *layout);
PangoContext *indsats_chart_measuring_context (void);
GBytes   *indsats_chart_render_png  (const IndsatsChartData *data,
                                     int                     width,
                                     int                     height,
                                     GError                **error);
gboolean  indsats_chart_format_from_path (const char         *path,
                                          IndsatsChartFormat *format);

G_END_DECLS
