/* indsats-action-filter.h: which actions a search text, a status filter and an owner keep */
#pragma once

#include <glib.h>

#include "indsats-model.h"

G_BEGIN_DECLS

typedef enum
{
  INDSATS_ACTION_FILTER_ALL,
  INDSATS_ACTION_FILTER_PLANNED,
  INDSATS_ACTION_FILTER_STARTED,
  INDSATS_ACTION_FILTER_DONE,
  INDSATS_ACTION_FILTER_DROPPED,
  INDSATS_ACTION_FILTER_LATE,      /* planned, but the start date has passed */
} IndsatsActionFilter;

char     *indsats_action_fold     (const IndsatsAction *action);
gboolean  indsats_action_matches  (const IndsatsAction *action,
                                   const char          *folded,
                                   IndsatsActionFilter  filter,
                                   const char          *owner,
                                   const char          *search,
                                   const char          *today);

G_END_DECLS
