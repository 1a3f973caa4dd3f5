/* indsats-export-xlsx.h: the committee's Excel workbook */
#pragma once

#include <gio/gio.h>

#include "indsats-store.h"

G_BEGIN_DECLS

typedef void (*IndsatsExportProgressFunc) (double   fraction,
                                           gpointer user_data);

typedef struct
{
  const char *language;       /* "da" (the default, when NULL) or "en" */
  gboolean    native_charts;  /* add Excel's own chart under each figure's table */
  const char *meeting;        /* YYYY-MM-DD: the committee's meeting, or NULL */
  const char *since;          /* the snapshot to tell the changes since; NULL: the newest */
  guint       split_texts;    /* set by the export: texts too long for a cell, split */
} IndsatsExportOptions;

gboolean indsats_export_xlsx (IndsatsStore              *store,
                              gint64                     plan_id,
                              const char                *path,
                              IndsatsExportOptions      *options,
                              GCancellable              *cancellable,
                              IndsatsExportProgressFunc  progress,
                              gpointer                   user_data,
                              GError                   **error);

G_END_DECLS
