/* indsats-fetch.h: the newest key figures from the Jobindsats API, imported whole */
#pragma once

#include "indsats-import.h"
#include "indsats-jobindsats.h"

G_BEGIN_DECLS

#define INDSATS_FETCH_DEFAULT_LATEST 12
/* the window fetches at start when the last update is this old (seconds) */
#define INDSATS_FETCH_UPDATE_AFTER (7 * 24 * 3600)

typedef struct
{
  char      *table;        /* the table id */
  GPtrArray *areas;        /* of char *: area names, "Ishøj" */
  gboolean   skip_unknown; /* the areas are a default: leave out those the table lacks */
  guint      latest;       /* how many of the newest periods; 0: the default */
  char      *period_type;  /* "M", "Q", "Y"; NULL: the table's first */
  GPtrArray *breakdowns;   /* of char *: "NAME=VALUE"; none: every breakdown at its total */
} IndsatsFetchRequest;

IndsatsFetchRequest  *indsats_fetch_request_new  (const char          *table);
void                  indsats_fetch_request_free (IndsatsFetchRequest *request);
char                 *indsats_fetch_query        (const IndsatsFetchRequest     *request,
                                                  const IndsatsJobindsatsTable  *table,
                                                  GError                       **error);
IndsatsImportSummary *indsats_fetch              (IndsatsStore              *store,
                                                  IndsatsJobindsats         *client,
                                                  GPtrArray                 *requests,
                                                  gboolean                   dry_run,
                                                  GCancellable              *cancellable,
                                                  IndsatsImportProgressFunc  progress,
                                                  gpointer                   user_data,
                                                  GError                   **error);

GPtrArray            *indsats_fetch_figure_requests  (IndsatsStore                *store,
                                                     GError                     **error);
void                  indsats_fetch_add_areas        (GPtrArray                  *requests,
                                                     const char * const         *areas);
gboolean              indsats_fetch_is_due           (gint64                      last,
                                                     gint64                      now);
GPtrArray            *indsats_fetch_describe_changes (IndsatsStore                *store,
                                                     const IndsatsImportSummary  *summary,
                                                     GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsFetchRequest, indsats_fetch_request_free)

G_END_DECLS
