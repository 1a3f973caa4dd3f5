/* indsats-export-xlsx.h: the committee's Excel workbook */
#pragma once

#include <gio/gio.h>

#include "indsats-store.h"

G_BEGIN_DECLS

typedef void (*IndsatsExportProgressFunc) (double   fraction,
                                           gpointer user_data);

gboolean indsats_export_xlsx (IndsatsStore              *store,
                              gint64                     plan_id,
                              const char                *path,
                              GCancellable              *cancellable,
                              IndsatsExportProgressFunc  progress,
                              gpointer                   user_data,
                              GError                   **error);

G_END_DECLS
