/* indsats-changes.h: what changed since a committee meeting */
#pragma once

#include "indsats-catalog.h"
#include "indsats-store.h"

G_BEGIN_DECLS

/* One row of `indsats changes --since`, in machine form: ISO dates, status
 * words as on the command line, numbers with a decimal point */
typedef struct
{
  char *kind;       /* "action" or "indicator" */
  char *id;         /* the action's id, or the indicator's name */
  char *what;       /* "added", "removed", a field (status, start_date, started_on, …); "period" or "value" */
  char *old_value;  /* NULL when there was none */
  char *new_value;  /* NULL when there is none */
  char *label;      /* for people: the action's text, or the indicator's area */
  char *unit;       /* an indicator's unit, for describing its values */
} IndsatsChange;

void        indsats_change_free     (IndsatsChange  *change);
gint64      indsats_snapshot_take   (IndsatsStore   *store,
                                     gint64          plan_id,
                                     const char     *name,
                                     const char     *meeting_date,
                                     GError        **error);
GPtrArray  *indsats_changes_since   (IndsatsStore          *store,
                                     gint64                 plan_id,
                                     const IndsatsSnapshot *snapshot,
                                     GError               **error);
char       *indsats_change_describe (const IndsatsChange   *change);
char       *indsats_change_describe_in (IndsatsCatalog      *catalog,
                                        const IndsatsChange *change);
const char *indsats_status_to_label_in (IndsatsCatalog      *catalog,
                                        IndsatsStatus        status);
gboolean    indsats_change_is_told  (const IndsatsChange   *change);
char       *indsats_snapshot_describe_in (IndsatsCatalog        *catalog,
                                          const IndsatsSnapshot *snapshot);
IndsatsSnapshot *indsats_snapshot_find (IndsatsStore    *store,
                                        gint64           plan_id,
                                        const char      *name,
                                        GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsChange, indsats_change_free)

G_END_DECLS
