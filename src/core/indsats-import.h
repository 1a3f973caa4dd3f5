/* indsats-import.h: key figures from Jobindsats files, whole or not at all */
#pragma once

#include <gio/gio.h>

#include "indsats-period.h"
#include "indsats-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *indicator;
  char *area;
  IndsatsPeriod period;
  double value;   /* NAN when missing or suppressed */
  char *unit;     /* NULL when the file does not say */
  guint line;     /* where it came from: a line, or a row of a JSON table */
} IndsatsImportRow;

typedef struct
{
  char  *indicator;
  guint  added;
  guint  updated;
  guint  unchanged;
} IndsatsImportCount;

typedef struct
{
  GPtrArray *counts;  /* of IndsatsImportCount, in the order first seen */
  guint      files;
  guint      rows;
} IndsatsImportSummary;

/* Called now and then with the share done, 0 to 1 */
typedef void (*IndsatsImportProgressFunc) (double   fraction,
                                           gpointer user_data);

GPtrArray            *indsats_import_read_file    (const char    *path,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
GPtrArray            *indsats_import_read_data    (const char    *name,
                                                   const char    *data,
                                                   gsize          length,
                                                   GError       **error);
IndsatsImportSummary *indsats_import_files        (IndsatsStore              *store,
                                                   const char * const        *paths,
                                                   gboolean                   dry_run,
                                                   GCancellable              *cancellable,
                                                   IndsatsImportProgressFunc  progress,
                                                   gpointer                   user_data,
                                                   GError                   **error);
void                  indsats_import_summary_free (IndsatsImportSummary *summary);
void                  indsats_import_row_free     (IndsatsImportRow     *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsImportSummary, indsats_import_summary_free)

G_END_DECLS
