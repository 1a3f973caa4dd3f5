/* indsats-keyring.h: the Jobindsats token in the desktop's keyring */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *indsats_keyring_get_token   (GCancellable  *cancellable,
                                       GError       **error);
gboolean  indsats_keyring_set_token   (const char    *token,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean  indsats_keyring_clear_token (GCancellable  *cancellable,
                                       GError       **error);
char     *indsats_jobindsats_find_token (const char    *token_file,
                                         gboolean       keyring,
                                         GError       **error);

G_END_DECLS
