/* indsats-import.h: key figures from Jobindsats files, whole or not at all */
#pragma once

#include <gio/gio.h>

#include "indsats-decimal.h"
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
  gboolean unit_from_label; /* the unit is guessed from the column's label */
  guint line;     /* where it came from: a line, or a row of a JSON table */
} IndsatsImportRow;

typedef struct
{
  IndsatsDecimal decimal;  /* the decimal mark of every file, or UNKNOWN: decided per column */
} IndsatsImportOptions;

/* How one file was read */
typedef struct
{
  char       *path;
  guint       values;
  gboolean    comma;     /* a column was read with a decimal comma (dots group thousands) */
  gboolean    point;     /* a column was read with a decimal point */
  gboolean    asked;     /* the mark was given (--decimal), not decided from the cells */
  gboolean    json;      /* its rows are counted as rows of a table, not as lines */
  const char *encoding;  /* "UTF-8", "UTF-16LE", "UTF-16BE" or "Windows-1252" */
} IndsatsImportFile;

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
  GPtrArray *files;   /* of IndsatsImportFile, in the order given */
  guint      rows;
} IndsatsImportSummary;

/* Called now and then with the share done, 0 to 1 */
typedef void (*IndsatsImportProgressFunc) (double   fraction,
                                           gpointer user_data);

GPtrArray            *indsats_import_read_file    (const char                 *path,
                                                   const IndsatsImportOptions *options,
                                                   IndsatsImportFile          *result,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);
GPtrArray            *indsats_import_read_data    (const char                 *name,
                                                   const char                 *data,
                                                   gsize                       length,
                                                   const IndsatsImportOptions *options,
                                                   IndsatsImportFile          *result,
                                                   GError                    **error);
gboolean              indsats_import_check        (GPtrArray                  *rows,
                                                   GPtrArray                  *files,
                                                   GError                    **error);
IndsatsImportSummary *indsats_import_files        (IndsatsStore              *store,
                                                   const char * const        *paths,
                                                   const IndsatsImportOptions *options,
                                                   gboolean                   dry_run,
                                                   GCancellable              *cancellable,
                                                   IndsatsImportProgressFunc  progress,
                                                   gpointer                   user_data,
                                                   GError                   **error);
void                  indsats_import_summary_free (IndsatsImportSummary *summary);
void                  indsats_import_row_free     (IndsatsImportRow     *row);
void                  indsats_import_file_free    (IndsatsImportFile    *file);
const char           *indsats_import_file_describe (const IndsatsImportFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsImportSummary, indsats_import_summary_free)

G_END_DECLS
