/* indsats-safe-write.h: how every file Indsats writes reaches its name */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _IndsatsSafeWrite IndsatsSafeWrite;

IndsatsSafeWrite *indsats_safe_write_begin      (const char        *path,
                                                 GError           **error);
const char       *indsats_safe_write_get_path   (IndsatsSafeWrite  *self);
gboolean          indsats_safe_write_commit     (IndsatsSafeWrite  *self,
                                                 GError           **error);
void              indsats_safe_write_abort      (IndsatsSafeWrite  *self);

gboolean          indsats_safe_write_contents   (const char        *path,
                                                 const void        *contents,
                                                 gsize              length,
                                                 GError           **error);

void              indsats_set_write_error       (GError           **error,
                                                 const char        *path,
                                                 int                errsv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsSafeWrite, indsats_safe_write_abort)

G_END_DECLS
