/* indsats-import-private.h: what the parts of the import share: a table's
 * meaning, a file's text and the readers of CSV and JSON */
#pragma once

#include "indsats-decimal.h"
#include "indsats-import.h"

G_BEGIN_DECLS

/* The largest JSON file whose faults are named as json-glib names them: a
 * file that breaks the streaming reader's expectations is read again whole,
 * up to this size, to say exactly what is wrong */
#define INDSATS_IMPORT_MAX_BYTES (100 * 1024 * 1024)

/* The longest cell accepted: nothing a Jobindsats file holds comes near */
#define INDSATS_IMPORT_MAX_CELL (64 * 1024)

/* Told one row that was read and checked within its file; the row and its
 * strings are the reader's, and last only for the call (copy what is kept).
 * %NULL: the file is read again from its start, and its rows come again */
typedef gboolean (*IndsatsImportEmitFunc) (IndsatsImportRow  *row,
                                           gpointer           user_data,
                                           GError           **error);

typedef struct _IndsatsImportSpill IndsatsImportSpill;

/* A column's cell in the row before, once read */
typedef struct
{
  GString       *text;     /* (nullable): stripped */
  gboolean       kept;
  const char    *name;     /* in NFC: the area, indicator, unit or breakdown value */
  IndsatsPeriod  period;
  gboolean       total;    /* a breakdown's total */
} LastCell;

typedef struct
{
  const char     *file;
  gboolean        json;          /* rows are counted as rows, not lines */
  IndsatsDecimal  decimal;       /* the mark asked for, or UNKNOWN to decide per column */
  gboolean        long_form;     /* indicator, area, period, value[, unit] */
  int             area;
  int             period;
  int             indicator;
  int             value;
  int             unit;
  guint           n_columns;
  GPtrArray      *column_names;  /* of char *: every column's name, in NFC, stripped */
  GPtrArray      *measures;      /* of char *: the measure of each column, NULL for others */
  GArray         *breakdowns;    /* of int: the breakdown columns, in order */
  gboolean        classified;    /* breakdowns and measures are told apart (by the first row) */
  guint           n_rows;        /* the rows read so far */
  IndsatsImportEmitFunc emit;    /* told each row once its value is known */
  gpointer        emit_data;
  GArray         *marks;         /* per column: the decimal marks its cells have shown */
  GArray         *pending;       /* numbers without a mark of their own, read once their column's is known */
  IndsatsImportSpill *spill;     /* (nullable): the pending numbers that did not fit in memory */
  GHashTable     *names;         /* a name as the file spells it → in NFC */
  GHashTable     *periods;       /* a period as the file writes it → IndsatsPeriod, parsed */
  IndsatsImportFile *result;     /* (nullable): told which marks were used */
  LastCell       *last;          /* per column: rows often repeat the row before's cells */
  gboolean       *same;          /* per column: the row's cell is the row before's */
  GPtrArray      *units;         /* of const char *: the unit each measure's label gives away */
  GString        *breakdown;     /* (nullable): the row's breakdown values */
  gboolean        breakdown_total;
} IndsatsImportTable;

gboolean indsats_import_table_init    (IndsatsImportTable  *table,
                                       const char          *file,
                                       gboolean             json,
                                       const IndsatsImportOptions *options,
                                       IndsatsImportFile   *result,
                                       IndsatsImportEmitFunc emit,
                                       gpointer             emit_data,
                                       char               **header,
                                       guint                n_header,
                                       GError             **error);
gboolean indsats_import_table_add_row (IndsatsImportTable  *table,
                                       char               **cells,
                                       const gboolean      *native,
                                       guint                n_cells,
                                       guint                line,
                                       GError             **error);
gboolean indsats_import_table_finish  (IndsatsImportTable  *table,
                                       GError             **error);
void     indsats_import_table_clear   (IndsatsImportTable  *table);

IndsatsImportRow *indsats_import_row_copy (const IndsatsImportRow *row);
char      *indsats_import_location    (const IndsatsImportFile    *file,
                                       const IndsatsImportRow     *row);
gboolean   indsats_import_units_equal (const char                 *a,
                                       const char                 *b);

/* A file's text, decoded to UTF-8, read a piece at a time */
typedef struct _IndsatsImportText IndsatsImportText;

gssize     indsats_import_text_read   (IndsatsImportText          *text,
                                       char                       *buffer,
                                       gsize                       size,
                                       GError                    **error);
gboolean   indsats_import_text_cancelled (IndsatsImportText       *text,
                                          GError                 **error);
GBytes    *indsats_import_text_load_whole (IndsatsImportText      *text,
                                           GError                **error);

/* An import's share of the work: the reading of its files' text */
/* Told now and then how far the reading of all files has come */
typedef struct
{
  goffset                    total;   /* the bytes of every file */
  goffset                    base;    /* the bytes of the files read before this one */
  goffset                    told;
  IndsatsImportProgressFunc  func;
  gpointer                   data;
} IndsatsImportProgress;

struct _IndsatsImportText
{
  const char    *name;
  GInputStream  *raw;        /* the file or the data, after any byte order mark */
  GInputStream  *decoded;    /* @raw, or a converter to UTF-8 over it */
  goffset        skip;       /* the bytes of the byte order mark */
  goffset        size;
  const char    *encoding;
  GCancellable  *cancellable;
  IndsatsImportProgress *progress;
};

gboolean   indsats_import_cancel_error (GError                  **error);
gboolean   indsats_import_text_open   (IndsatsImportText          *text,
                                       const char                 *name,
                                       GInputStream               *raw,
                                       goffset                     size,
                                       GCancellable               *cancellable,
                                       IndsatsImportProgress      *progress,
                                       GError                    **error);
void       indsats_import_text_clear  (IndsatsImportText          *text);
gboolean   indsats_import_text_parse  (IndsatsImportText          *text,
                                       const IndsatsImportOptions *options,
                                       IndsatsImportFile          *result,
                                       IndsatsImportEmitFunc       emit,
                                       gpointer                    emit_data,
                                       GError                    **error);
GInputStream *indsats_import_open_file (const char                *path,
                                        goffset                   *size,
                                        GError                   **error);

IndsatsImportSummary *indsats_import_summary_new (void);

gboolean   indsats_import_stream_csv  (const char                 *file,
                                       IndsatsImportText          *text,
                                       const char                 *start,
                                       gsize                       start_length,
                                       const IndsatsImportOptions *options,
                                       IndsatsImportFile          *result,
                                       IndsatsImportEmitFunc       emit,
                                       gpointer                    emit_data,
                                       GError                    **error);
int        indsats_import_stream_json (const char                 *file,
                                       IndsatsImportText          *text,
                                       const char                 *start,
                                       gsize                       start_length,
                                       const IndsatsImportOptions *options,
                                       IndsatsImportFile          *result,
                                       IndsatsImportEmitFunc       emit,
                                       gpointer                    emit_data,
                                       GError                    **error);
GPtrArray *indsats_import_read_json   (const char                 *file,
                                       const char                 *text,
                                       gsize                       length,
                                       const IndsatsImportOptions *options,
                                       IndsatsImportFile          *result,
                                       GError                    **error);

G_END_DECLS
