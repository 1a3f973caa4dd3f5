/* indsats-follow-up.h: are the plan's trigger indicators back under (or over) the line? */
#pragma once

#include "indsats-catalog.h"
#include "indsats-chart.h"
#include "indsats-store.h"

G_BEGIN_DECLS

typedef enum
{
  INDSATS_TRIGGER_UNKNOWN,   /* no value yet, or no line */
  INDSATS_TRIGGER_MET,       /* on the right side of the line */
  INDSATS_TRIGGER_NOT_MET,   /* still on the wrong side */
} IndsatsTriggerState;

typedef struct
{
  char                *text;           /* the trigger as the plan words it */
  char                *indicator;      /* NULL when none is linked */
  char                *area;
  char                *unit;
  gboolean             higher_is_better;
  double               threshold;      /* NAN when none */
  int                  figure;         /* the figure that shows it, 0 when none */
  char                *latest_period;  /* canonical; NULL when there is no value */
  double               latest;
  gboolean             latest_preliminary;
  char                *previous_period;
  double               previous;       /* NAN when none */
  char                *plan_period;    /* the period of the plan's date */
  double               at_plan;        /* NAN when none */
  IndsatsTriggerState  state;
} IndsatsTriggerStatus;

GPtrArray  *indsats_follow_up_load        (IndsatsStore               *store,
                                           gint64                      plan_id,
                                           GError                    **error);
void        indsats_trigger_status_free   (IndsatsTriggerStatus       *status);
char       *indsats_trigger_words         (const IndsatsTriggerStatus *status,
                                           IndsatsCatalog             *catalog);
char       *indsats_trigger_format_value  (const IndsatsTriggerStatus *status,
                                           double                      value);
IndsatsChartData *indsats_follow_up_load_figure (IndsatsStore               *store,
                                                const IndsatsTriggerStatus *status,
                                                GError                    **error);
char       *indsats_trigger_format_change (const IndsatsTriggerStatus *status,
                                           double                      from,
                                           double                      to);

G_END_DECLS
