/* indsats-model.h: the plain records the store hands out */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  INDSATS_STATUS_PLANNED,
  INDSATS_STATUS_STARTED,
  INDSATS_STATUS_DONE,
  INDSATS_STATUS_DROPPED,
} IndsatsStatus;

#define INDSATS_N_STATUSES 4

typedef enum
{
  INDSATS_GOAL_MINISTER,
  INDSATS_GOAL_LOCAL,
  INDSATS_GOAL_STRATEGIC,
} IndsatsGoalKind;

typedef enum
{
  INDSATS_FIGURE_LINE,
  INDSATS_FIGURE_COLUMN,
  INDSATS_FIGURE_BAR,
} IndsatsFigureKind;

typedef struct
{
  gint64  id;
  char   *title;
  char   *jobcentre;
  char   *dated;                 /* YYYY-MM-DD */
  char   *star_letter;           /* YYYY-MM-DD or NULL */
  char   *star_follow_up_letter; /* YYYY-MM-DD or NULL */
  GStrv   triggers;              /* which indicators broke the line */
  double  threshold;             /* percent, NAN when none */
  char   *target;
  char   *follow_up;
  char   *committee;
  char   *demo_key;              /* set for the demo plan only */
} IndsatsPlan;

typedef struct
{
  gint64         id;
  gint64         plan_id;
  gint64         team_id;
  gint64         focus_id;
  char          *team;
  char          *focus;
  char          *text;
  char          *owner;
  char          *start_date;     /* YYYY-MM-DD: planned, when it takes effect */
  IndsatsStatus  status;
  char          *started_on;     /* YYYY-MM-DD: when it actually started, or NULL */
  char          *end_date;       /* YYYY-MM-DD or NULL */
  char          *note;
  int            position;
} IndsatsAction;

typedef struct
{
  gint64  id;
  gint64  action_id;
  char   *changed_at;            /* YYYY-MM-DD HH:MM:SS, local time */
  char   *field;
  char   *old_value;
  char   *new_value;
  char   *changed_by;            /* the person's name, "" for changes older than the column */
} IndsatsHistoryEntry;

typedef struct
{
  gint64           id;
  IndsatsGoalKind  kind;
  int              number;       /* 0 when the goal has none */
  char            *title;
  char            *status_text;
  char            *note;
  GArray          *figures;      /* of int: the figure numbers under the goal */
} IndsatsGoal;

typedef struct
{
  gint64    id;
  char     *name;
  char     *unit;                /* pct, antal, personer, fuldtidspersoner, kr */
  gboolean  higher_is_better;
  double    threshold;           /* NAN when none */
} IndsatsIndicator;

typedef struct
{
  char     *indicator;
  char     *area;
  char     *period;              /* canonical */
  double    value;               /* NAN when missing */
  char     *unit;
  gboolean  preliminary;
  char     *source;
} IndsatsObservation;

typedef struct
{
  char *indicator;
  char *area;
  char *label;                   /* what the legend says */
} IndsatsFigureSeries;

typedef struct
{
  gint64             id;
  int                number;
  char              *title;
  IndsatsFigureKind  kind;
  char              *unit;       /* the unit line, e.g. "Pct." */
  char              *period_from; /* canonical or NULL */
  char              *period_to;
  double             threshold;  /* NAN when none */
  char              *threshold_label;
  char              *source;     /* "Kilde: Jobindsats.dk" */
  gint64             goal_id;    /* 0 when none */
  GPtrArray         *series;     /* of IndsatsFigureSeries */
  GArray            *action_ids; /* of gint64: actions whose start dates it marks */
} IndsatsFigure;

const char *indsats_status_to_string   (IndsatsStatus    status);
const char *indsats_status_to_label    (IndsatsStatus    status);
const char *indsats_history_field_label (const char      *field);
char       *indsats_history_shown_value (const char     *field,
                                         const char     *value);
gboolean    indsats_status_from_string (const char      *text,
                                        IndsatsStatus   *status,
                                        GError         **error);
const char *indsats_goal_kind_to_string (IndsatsGoalKind kind);
const char *indsats_goal_kind_to_label  (IndsatsGoalKind kind);
gboolean    indsats_goal_kind_from_string (const char      *text,
                                           IndsatsGoalKind *kind);
const char *indsats_figure_kind_to_string (IndsatsFigureKind kind);
gboolean    indsats_figure_kind_from_string (const char        *text,
                                             IndsatsFigureKind *kind,
                                             GError           **error);

IndsatsPlan         *indsats_plan_new            (void);
void                 indsats_plan_free           (IndsatsPlan         *plan);
IndsatsAction       *indsats_action_new          (void);
IndsatsAction       *indsats_action_copy         (const IndsatsAction *action);
void                 indsats_action_free         (IndsatsAction       *action);
gboolean             indsats_action_is_late      (const IndsatsAction *action,
                                                  const char          *today);
char                *indsats_action_date_words   (const IndsatsAction *action,
                                                  const char          *today);
void                 indsats_history_entry_free  (IndsatsHistoryEntry *entry);
IndsatsGoal         *indsats_goal_new            (void);
void                 indsats_goal_free           (IndsatsGoal         *goal);
void                 indsats_indicator_free      (IndsatsIndicator    *indicator);
IndsatsObservation  *indsats_observation_new     (void);
IndsatsObservation  *indsats_observation_copy    (const IndsatsObservation *observation);
void                 indsats_observation_free    (IndsatsObservation  *observation);
IndsatsFigureSeries *indsats_figure_series_new   (const char          *indicator,
                                                  const char          *area,
                                                  const char          *label);
void                 indsats_figure_series_free  (IndsatsFigureSeries *series);
IndsatsFigure       *indsats_figure_new          (void);
void                 indsats_figure_free         (IndsatsFigure       *figure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsPlan, indsats_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsAction, indsats_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsHistoryEntry, indsats_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsGoal, indsats_goal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsIndicator, indsats_indicator_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsObservation, indsats_observation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsFigure, indsats_figure_free)

G_END_DECLS
