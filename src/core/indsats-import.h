/* indsats-import.h: key figures from Jobindsats files, whole or not at all */
#pragma once

#include <gio/gio.h>

#include "indsats-decimal.h"
#include "indsats-period.h"
#include "indsats-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *indicator;  /* the measure's label, as the file writes it */
  char *breakdown;  /* "Køn: Kvinder; A-kasse: I alt", or "" for a table without breakdowns */
  gboolean total;   /* every breakdown value is its total ("Køn i alt", "I alt") */
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
  const char    *table;    /* the Jobindsats table every file holds; NULL: each file's name says it, if it does */
} IndsatsImportOptions;

typedef struct
{
  char  *indicator;   /* the name people read: measure, table and breakdown */
  gboolean total;     /* every breakdown value is its total */
  guint  added;
  guint  updated;
  guint  unchanged;
} IndsatsImportCount;

typedef struct
{
  char      *path;
  char      *table;      /* the Jobindsats table it was read as, NULL when not known */
  GPtrArray *measures;   /* of char *, in column order */
  GPtrArray *breakdowns; /* of char *: the breakdown columns' names */
  GPtrArray *areas;      /* of char *, in the order first seen */
  char      *first;      /* the earliest and the latest period, canonical */
  char      *last;
  guint      values;
  gboolean    comma;     /* a column was read with a decimal comma (dots group thousands) */
  gboolean    point;     /* a column was read with a decimal point */
  gboolean    asked;     /* the mark was given (--decimal), not decided from the cells */
  gboolean    json;      /* its rows are counted as rows of a table, not as lines */
  const char *encoding;  /* "UTF-8", "UTF-16LE", "UTF-16BE" or "Windows-1252" */
} IndsatsImportFile;

typedef struct
{
  GPtrArray *counts;  /* of IndsatsImportCount, in the order first seen */
  GPtrArray *read;    /* of IndsatsImportFile, one per file, in the order given */
  guint      files;
  guint      rows;    /* the values written (or, in a dry run, that would be) */
} IndsatsImportSummary;

/* An answer from the Jobindsats API, to import as a file is */
typedef struct
{
  const char *name;    /* for messages and the summary */
  const char *table;   /* the table id */
  const char *source;  /* what the values' source says */
  GBytes     *data;
} IndsatsImportAnswer;

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
IndsatsImportSummary *indsats_import_files_keeping (IndsatsStore              *store,
                                                   const char * const        *paths,
                                                   const IndsatsImportOptions *options,
                                                   GHashTable                *keep,
                                                   gboolean                   dry_run,
                                                   GCancellable              *cancellable,
                                                   IndsatsImportProgressFunc  progress,
                                                   gpointer                   user_data,
                                                   GError                   **error);
IndsatsImportSummary *indsats_import_answers      (IndsatsStore              *store,
                                                   const IndsatsImportAnswer *answers,
                                                   guint                      n_answers,
                                                   gboolean                   dry_run,
                                                   GCancellable              *cancellable,
                                                   IndsatsImportProgressFunc  progress,
                                                   gpointer                   user_data,
                                                   GError                   **error);
void                  indsats_import_summary_free (IndsatsImportSummary *summary);
char                 *indsats_import_table_from_name (const char *path);
gboolean              indsats_import_check_table_id  (const char  *table,
                                                      char       **canonical,
                                                      GError     **error);
char                 *indsats_import_indicator_name  (const char *table,
                                                      const char *measure,
                                                      const char *breakdown,
                                                      gboolean    total);
gboolean              indsats_import_is_total        (const char *value);
char                 *indsats_import_error_answer    (const char *text,
                                                      gsize       length);
void                  indsats_import_row_free     (IndsatsImportRow     *row);
void                  indsats_import_file_free    (IndsatsImportFile    *file);
const char           *indsats_import_file_describe (const IndsatsImportFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsImportSummary, indsats_import_summary_free)

G_END_DECLS
