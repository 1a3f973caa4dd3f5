/* indsats-import-private.h: what the readers share: a table's meaning */
#pragma once

#include "indsats-decimal.h"
#include "indsats-import.h"

G_BEGIN_DECLS

/* The largest file an import reads: it is held in memory whole */
#define INDSATS_IMPORT_MAX_BYTES (100 * 1024 * 1024)

/* The longest cell accepted: nothing a Jobindsats file holds comes near */
#define INDSATS_IMPORT_MAX_CELL (64 * 1024)

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
  GPtrArray      *rows;          /* of IndsatsImportRow */
  GArray         *marks;         /* per column: the decimal marks its cells have shown */
  GArray         *pending;       /* numbers without a mark of their own, read once their column's is known */
  GHashTable     *names;         /* a name as the file spells it → in NFC */
  IndsatsImportFile *result;     /* (nullable): told which marks were used */
} IndsatsImportTable;

gboolean indsats_import_table_init    (IndsatsImportTable  *table,
                                       const char          *file,
                                       gboolean             json,
                                       const IndsatsImportOptions *options,
                                       IndsatsImportFile   *result,
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

char      *indsats_import_location    (const IndsatsImportFile    *file,
                                       const IndsatsImportRow     *row);
gboolean   indsats_import_units_equal (const char                 *a,
                                       const char                 *b);

GPtrArray *indsats_import_read_csv    (const char                 *file,
                                       const char                 *text,
                                       gsize                       length,
                                       const IndsatsImportOptions *options,
                                       IndsatsImportFile          *result,
                                       GError                    **error);
GPtrArray *indsats_import_read_json   (const char                 *file,
                                       const char                 *text,
                                       gsize                       length,
                                       const IndsatsImportOptions *options,
                                       IndsatsImportFile          *result,
                                       GError                    **error);

G_END_DECLS
