/* indsats-export-pdf.h: the committee briefing as an A4 PDF */
#pragma once

#include "indsats-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *since;         /* a snapshot's name, or NULL */
  const char *meeting_date;  /* YYYY-MM-DD, or NULL for today */
} IndsatsBriefingOptions;

gboolean indsats_export_pdf (IndsatsStore                 *store,
                             gint64                        plan_id,
                             const char                   *path,
                             const IndsatsBriefingOptions *options,
                             GError                      **error);

G_END_DECLS
