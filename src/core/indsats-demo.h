/* indsats-demo.h: the demo plan (Ishøj Jobcenter, 2023) */
#pragma once

#include "indsats-store.h"

G_BEGIN_DECLS

#define INDSATS_DEMO_KEY "ishoej-2023"

gint64 indsats_demo_write (IndsatsStore  *store,
                           gboolean      *already_there,
                           GError       **error);

G_END_DECLS
