/* indsats-action-filter.c
 *
 * What the action list keeps for a search text, a status filter and an
 * owner. Pure, so that it is tested without a window: the list asks it for
 * each row.
 */
#include "config.h"

#include "indsats-action-filter.h"

#include <string.h>

#include "indsats-text.h"

/**
 * indsats_action_fold:
 *
 * Returns: (transfer full): the action's text and owner, folded as the search
 *   compares them (case-folded, NFC, without zero-width characters)
 */
char *
indsats_action_fold (const IndsatsAction *action)
{
  g_autofree char *both = NULL;

  g_return_val_if_fail (action != NULL, NULL);

  both = g_strconcat (action->text ? action->text : "", "\n", action->owner ? action->owner : "", NULL);
  return indsats_text_fold (both);
}

/**
 * indsats_action_matches:
 * @folded: (nullable): indsats_action_fold() of @action, if already at hand
 * @owner: (nullable): the owner the list is narrowed to, or %NULL for all
 * @search: (nullable): the search text, folded with indsats_text_fold();
 *   blank keeps every action
 * @today: YYYY-MM-DD, for %INDSATS_ACTION_FILTER_LATE
 *
 * Returns: whether the list keeps @action
 */
gboolean
indsats_action_matches (const IndsatsAction *action,
                        const char          *folded,
                        IndsatsActionFilter  filter,
                        const char          *owner,
                        const char          *search,
                        const char          *today)
{
  g_autofree char *own = NULL;

  g_return_val_if_fail (action != NULL, FALSE);

  switch (filter)
    {
    case INDSATS_ACTION_FILTER_PLANNED: if (action->status != INDSATS_STATUS_PLANNED) return FALSE; break;
    case INDSATS_ACTION_FILTER_STARTED: if (action->status != INDSATS_STATUS_STARTED) return FALSE; break;
    case INDSATS_ACTION_FILTER_DONE: if (action->status != INDSATS_STATUS_DONE) return FALSE; break;
    case INDSATS_ACTION_FILTER_DROPPED: if (action->status != INDSATS_STATUS_DROPPED) return FALSE; break;
    case INDSATS_ACTION_FILTER_LATE: if (!indsats_action_is_late (action, today)) return FALSE; break;
    case INDSATS_ACTION_FILTER_ALL:
    default: break;
    }
  if (owner && g_strcmp0 (owner, action->owner) != 0)
    return FALSE;
  if (search && *search)
    {
      if (folded == NULL)
        folded = own = indsats_action_fold (action);
      if (strstr (folded, search) == NULL)
        return FALSE;
    }
  return TRUE;
}
