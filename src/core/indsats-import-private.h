/* indsats-import-private.h: what the readers share: a table's meaning */
#pragma once

#include "indsats-import.h"

G_BEGIN_DECLS

/* The largest file an import reads: it is held in memory whole */
#define INDSATS_IMPORT_MAX_BYTES (100 * 1024 * 1024)

/* The longest cell accepted: nothing a Jobindsats file holds comes near */
#define INDSATS_IMPORT_MAX_CELL (64 * 1024)

typedef struct
{
  const char *file;
  gboolean    json;          /* rows are counted as rows, not lines */
  gboolean    danish;        /* 1.234,5: dots group thousands */
  gboolean    long_form;     /* indicator, area, period, value[, unit] */
  int         area;
  int         period;
  int         indicator;
  int         value;
  int         unit;
  guint       n_columns;
  GPtrArray  *names;         /* of char *: every column's name, stripped */
  GPtrArray  *measures;      /* of char *: the measure of each column, NULL for others */
  GArray     *breakdowns;    /* of int: the breakdown columns, in order */
  gboolean    classified;    /* breakdowns and measures are told apart (by the first row) */
  GPtrArray  *rows;          /* of IndsatsImportRow */
} IndsatsImportTable;

gboolean indsats_import_table_init    (IndsatsImportTable  *table,
                                       const char          *file,
                                       gboolean             json,
                                       gboolean             danish,
                                       char               **header,
                                       guint                n_header,
                                       GError             **error);
gboolean indsats_import_table_add_row (IndsatsImportTable  *table,
                                       char               **cells,
                                       guint                n_cells,
                                       guint                line,
                                       GError             **error);
void     indsats_import_table_clear   (IndsatsImportTable  *table);

GPtrArray *indsats_import_read_csv    (const char  *file,
                                       const char  *text,
                                       gsize        length,
                                       GError     **error);
GPtrArray *indsats_import_read_json   (const char  *file,
                                       const char  *text,
                                       gsize        length,
                                       GError     **error);

G_END_DECLS
