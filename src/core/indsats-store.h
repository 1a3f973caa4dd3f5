/* indsats-store.h: the SQLite file that holds everything */
#pragma once

#include <glib-object.h>

#include "indsats-model.h"
#include "indsats-period.h"

G_BEGIN_DECLS

#define INDSATS_STORE_SCHEMA_VERSION 6

/* How long a writer waits for another writer by default: a window should not
 * hang longer than this; a command may choose to wait longer */
#define INDSATS_STORE_WAIT_DEFAULT 5000

#define INDSATS_TYPE_STORE (indsats_store_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsStore, indsats_store, INDSATS, STORE, GObject)

IndsatsStore *indsats_store_open            (const char     *path,
                                             GError        **error);
IndsatsStore *indsats_store_open_existing   (const char     *path,
                                             GError        **error);
gboolean      indsats_store_is_read_only    (IndsatsStore   *self);
gboolean      indsats_store_is_connected    (IndsatsStore   *self);
gboolean      indsats_store_reconnect       (IndsatsStore   *self);
void          indsats_store_set_wait        (IndsatsStore   *self,
                                             guint           milliseconds);
const char   *indsats_store_get_display_name (IndsatsStore  *self);
char         *indsats_store_default_path    (void);
const char   *indsats_store_get_path        (IndsatsStore   *self);
GPtrArray    *indsats_store_get_notes       (IndsatsStore   *self);

gboolean      indsats_store_begin           (IndsatsStore   *self,
                                             GError        **error);
gboolean      indsats_store_begin_read      (IndsatsStore   *self,
                                             GError        **error);
gboolean      indsats_store_commit          (IndsatsStore   *self,
                                             GError        **error);
void          indsats_store_rollback        (IndsatsStore   *self);

/* Plans, teams and focus areas */
gint64        indsats_store_add_plan        (IndsatsStore       *self,
                                             const IndsatsPlan  *plan,
                                             GError            **error);
GPtrArray    *indsats_store_list_plans      (IndsatsStore   *self,
                                             GError        **error);
IndsatsPlan  *indsats_store_get_plan        (IndsatsStore   *self,
                                             gint64          plan_id,
                                             GError        **error);
gint64        indsats_store_find_plan_by_demo_key (IndsatsStore *self,
                                                   const char   *demo_key,
                                                   GError      **error);
gint64        indsats_store_get_first_plan_id (IndsatsStore  *self,
                                               GError       **error);
gint64        indsats_store_ensure_team     (IndsatsStore   *self,
                                             gint64          plan_id,
                                             const char     *name,
                                             GError        **error);
gint64        indsats_store_ensure_focus    (IndsatsStore   *self,
                                             gint64          team_id,
                                             const char     *name,
                                             GError        **error);

/* Actions */
gint64         indsats_store_add_action     (IndsatsStore        *self,
                                             gint64               plan_id,
                                             const IndsatsAction *action,
                                             GError             **error);
GPtrArray     *indsats_store_list_actions   (IndsatsStore   *self,
                                             gint64          plan_id,
                                             GError        **error);
/* Called for each action in turn; returning FALSE stops the reading */
typedef gboolean (*IndsatsActionFunc) (const IndsatsAction  *action,
                                       gpointer              user_data,
                                       GError              **error);

gboolean       indsats_store_foreach_action (IndsatsStore       *self,
                                             gint64              plan_id,
                                             IndsatsActionFunc   func,
                                             gpointer            user_data,
                                             GError            **error);
IndsatsAction *indsats_store_get_action     (IndsatsStore   *self,
                                             gint64          action_id,
                                             GError        **error);
GPtrArray     *indsats_store_list_history   (IndsatsStore   *self,
                                             gint64          action_id,
                                             GError        **error);
/* The fields of an action that an edit names */
typedef enum
{
  INDSATS_ACTION_FIELD_TEXT   = 1 << 0,
  INDSATS_ACTION_FIELD_TEAM   = 1 << 1,
  INDSATS_ACTION_FIELD_FOCUS  = 1 << 2,
  INDSATS_ACTION_FIELD_OWNER  = 1 << 3,
  INDSATS_ACTION_FIELD_START  = 1 << 4,
  INDSATS_ACTION_FIELD_STATUS = 1 << 5,
  INDSATS_ACTION_FIELD_END    = 1 << 6,
  INDSATS_ACTION_FIELD_NOTE   = 1 << 7,
  INDSATS_ACTION_FIELD_STARTED_ON = 1 << 8,
  INDSATS_ACTION_FIELD_ALL    = (1 << 9) - 1,
} IndsatsActionFields;

char          *indsats_store_user_name      (void);
IndsatsActionFields indsats_action_changed_fields (const IndsatsAction *before,
                                                   const IndsatsAction *after);
gboolean       indsats_store_update_action  (IndsatsStore        *self,
                                             const IndsatsAction *changed,
                                             IndsatsActionFields  fields,
                                             GError             **error);
IndsatsActionFields indsats_action_field_from_name (const char *field);
void           indsats_store_set_user_name  (IndsatsStore        *self,
                                             const char          *name);
gint64         indsats_store_get_action_version (IndsatsStore    *self,
                                                 gint64           action_id,
                                                 GError         **error);
GPtrArray     *indsats_store_list_changes_since (IndsatsStore        *self,
                                                 gint64               action_id,
                                                 gint64               version,
                                                 IndsatsActionFields  fields,
                                                 GError             **error);
gboolean       indsats_store_update_action_since (IndsatsStore        *self,
                                                  const IndsatsAction *changed,
                                                  IndsatsActionFields  fields,
                                                  gint64               version,
                                                  GError             **error);
IndsatsAction *indsats_store_delete_action  (IndsatsStore   *self,
                                             gint64          action_id,
                                             GError        **error);
gboolean       indsats_store_restore_action (IndsatsStore        *self,
                                             const IndsatsAction *action,
                                             GError             **error);
gboolean       indsats_store_move_action    (IndsatsStore   *self,
                                             gint64          action_id,
                                             int             direction,
                                             GError        **error);
/* For undo and redo: refused when someone else changed the action since */
gboolean       indsats_store_update_action_if (IndsatsStore        *self,
                                               const IndsatsAction *expected,
                                               const IndsatsAction *changed,
                                               IndsatsActionFields  fields,
                                               GError             **error);
IndsatsAction *indsats_store_delete_action_if (IndsatsStore        *self,
                                               const IndsatsAction *expected,
                                               GError             **error);
gboolean       indsats_store_move_action_if (IndsatsStore        *self,
                                             const IndsatsAction *expected,
                                             int                  direction,
                                             GError             **error);

/* Goals, indicators, observations and figures */
gint64        indsats_store_add_goal        (IndsatsStore       *self,
                                             const IndsatsGoal  *goal,
                                             GError            **error);
GPtrArray    *indsats_store_list_goals      (IndsatsStore   *self,
                                             GError        **error);
GArray       *indsats_store_list_figures_without_goal (IndsatsStore *self,
                                                       GError      **error);
gint64        indsats_store_ensure_indicator (IndsatsStore  *self,
                                              const char    *name,
                                              const char    *unit,
                                              gboolean       higher_is_better,
                                              double         threshold,
                                              GError       **error);
gint64        indsats_store_find_indicator  (IndsatsStore   *self,
                                             const char     *name,
                                             GError        **error);
GPtrArray    *indsats_store_list_indicators (IndsatsStore   *self,
                                             GError        **error);
gboolean      indsats_store_get_period_kinds (IndsatsStore  *self,
                                              gint64         indicator_id,
                                              guint         *kinds,
                                              GError       **error);

typedef enum
{
  INDSATS_OBSERVATION_ADDED,
  INDSATS_OBSERVATION_UPDATED,
  INDSATS_OBSERVATION_UNCHANGED,
} IndsatsObservationChange;

gboolean      indsats_store_set_observation (IndsatsStore             *self,
                                             gint64                    indicator_id,
                                             const char               *area,
                                             const char               *period,
                                             double                    value,
                                             gboolean                  preliminary,
                                             const char               *source,
                                             IndsatsObservationChange *change,
                                             GError                  **error);
gboolean      indsats_store_put_observation (IndsatsStore             *self,
                                             gint64                    indicator_id,
                                             const char               *area,
                                             const IndsatsPeriod      *period,
                                             double                    value,
                                             gboolean                  preliminary,
                                             const char               *source,
                                             const char               *now,
                                             IndsatsObservationChange *change,
                                             GError                  **error);
/* Everything of @source into the empty @target, in one transaction */
gboolean      indsats_store_copy            (IndsatsStore   *source,
                                             IndsatsStore   *target,
                                             gint64         *n_rows,
                                             GError        **error);
/* Names of stores: a file, or a postgresql:// URI */
gboolean      indsats_store_check_name      (const char     *name,
                                             GError        **error);
char         *indsats_store_describe_name   (const char     *name);
char         *indsats_store_name_without_password (const char *name);
/* in indsats-store-keyring.c, with the keyring (libsecret) */
void          indsats_store_use_keyring     (gboolean        use);
gboolean      indsats_store_changed_elsewhere (IndsatsStore *self);
char         *indsats_store_now             (void);

/* One value of a series as a figure reads it */
typedef struct
{
  guint          series;      /* which of the figure's series: its position, from 0 */
  IndsatsPeriod  period;
  double         value;       /* NAN when missing */
  gboolean       preliminary;
  const char    *unit;        /* the indicator's unit, interned */
} IndsatsSeriesValue;

GArray       *indsats_store_read_figure_values (IndsatsStore        *self,
                                                gint64               figure_id,
                                                const IndsatsPeriod *from,
                                                const IndsatsPeriod *to,
                                                GError             **error);
GArray       *indsats_store_read_series     (IndsatsStore        *self,
                                             const char          *indicator,
                                             const char          *area,
                                             const IndsatsPeriod *from,
                                             const IndsatsPeriod *to,
                                             GError             **error);
guint64       indsats_store_get_values_read (IndsatsStore        *self);
gboolean      indsats_store_first_area      (IndsatsStore   *self,
                                             const char     *indicator,
                                             char          **area,
                                             GError        **error);

/* Called for each observation in turn; returning FALSE stops the reading */
typedef gboolean (*IndsatsObservationFunc) (const IndsatsObservation *observation,
                                            gpointer                  user_data,
                                            GError                  **error);

gboolean      indsats_store_foreach_observation (IndsatsStore           *self,
                                                 const char             *indicator,
                                                 IndsatsObservationFunc  func,
                                                 gpointer                user_data,
                                                 GError                **error);
gint64        indsats_store_add_figure      (IndsatsStore        *self,
                                             const IndsatsFigure *figure,
                                             GError             **error);
GPtrArray    *indsats_store_list_figures    (IndsatsStore   *self,
                                             GError        **error);
IndsatsFigure *indsats_store_get_figure     (IndsatsStore   *self,
                                             int             number,
                                             GError        **error);
int           indsats_store_next_figure_number (IndsatsStore *self,
                                                GError      **error);
int           indsats_store_find_figure_of_indicator (IndsatsStore *self,
                                                      const char   *indicator,
                                                      char        **area,
                                                      GError      **error);

/* The plan's triggers */
gboolean      indsats_store_link_trigger    (IndsatsStore   *self,
                                             gint64          plan_id,
                                             int             position,
                                             gint64          indicator_id,
                                             GError        **error);
GPtrArray    *indsats_store_list_trigger_indicators (IndsatsStore *self,
                                                     gint64        plan_id,
                                                     GError      **error);

/* Editing goals and indicators */
gboolean      indsats_store_set_goal_status (IndsatsStore   *self,
                                             gint64          goal_id,
                                             const char     *status_text,
                                             GError        **error);
gboolean      indsats_store_update_indicator (IndsatsStore  *self,
                                              gint64         indicator_id,
                                              const char    *unit,
                                              gboolean       higher_is_better,
                                              double         threshold,
                                              GError       **error);
GPtrArray    *indsats_store_list_areas      (IndsatsStore   *self,
                                             const char     *indicator,
                                             GError        **error);

/* Teams and focus areas */
typedef struct
{
  gint64  team_id;
  char   *team;
  gint64  focus_id;    /* 0 for a team with no focus area */
  char   *focus;
  int     n_actions;
} IndsatsTeamEntry;

void          indsats_team_entry_free       (IndsatsTeamEntry *entry);
GPtrArray    *indsats_store_list_teams      (IndsatsStore   *self,
                                             gint64          plan_id,
                                             GError        **error);
gboolean      indsats_store_rename_team     (IndsatsStore   *self,
                                             gint64          team_id,
                                             const char     *name,
                                             GError        **error);
gboolean      indsats_store_rename_focus_area (IndsatsStore *self,
                                               gint64        focus_id,
                                               const char   *name,
                                               GError      **error);
gboolean      indsats_store_remove_team     (IndsatsStore   *self,
                                             gint64          team_id,
                                             GError        **error);
gboolean      indsats_store_remove_focus_area (IndsatsStore *self,
                                               gint64        focus_id,
                                               GError      **error);

/* Snapshots: what the plan's actions and trigger figures were at a committee meeting */
typedef struct
{
  gint64  id;
  char   *name;
  char   *meeting_date;          /* YYYY-MM-DD */
  char   *created_at;            /* YYYY-MM-DD HH:MM:SS, local time */
} IndsatsSnapshot;

/* A trigger indicator's latest value as the snapshot kept it */
typedef struct
{
  char   *indicator;
  char   *area;
  char   *period;                /* canonical; NULL when there was no value */
  double  value;                 /* NAN when none */
} IndsatsSnapshotFigure;

void          indsats_snapshot_free         (IndsatsSnapshot       *snapshot);
void          indsats_snapshot_figure_free  (IndsatsSnapshotFigure *figure);
gint64        indsats_store_add_snapshot    (IndsatsStore   *self,
                                             gint64          plan_id,
                                             const char     *name,
                                             const char     *meeting_date,
                                             GPtrArray      *figures,
                                             GError        **error);
GPtrArray    *indsats_store_list_snapshots  (IndsatsStore   *self,
                                             gint64          plan_id,
                                             GError        **error);
IndsatsSnapshot *indsats_store_get_snapshot (IndsatsStore   *self,
                                             gint64          plan_id,
                                             const char     *name,
                                             GError        **error);
gboolean      indsats_store_delete_snapshot (IndsatsStore   *self,
                                             gint64          plan_id,
                                             const char     *name,
                                             GError        **error);
GPtrArray    *indsats_store_list_snapshot_actions (IndsatsStore *self,
                                                   gint64        snapshot_id,
                                                   GError      **error);
GPtrArray    *indsats_store_list_snapshot_figures (IndsatsStore *self,
                                                   gint64        snapshot_id,
                                                   GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsSnapshot, indsats_snapshot_free)

G_END_DECLS
