/* indsats-keyring.h: the Jobindsats token, and the passwords of PostgreSQL
 * servers, in the desktop's keyring */
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
/* @server: "user@host:port/database", as indsats_pg_describe() says it */
char     *indsats_keyring_get_database_password (const char    *server,
                                                 GCancellable  *cancellable,
                                                 GError       **error);
gboolean  indsats_keyring_set_database_password (const char    *server,
                                                 const char    *password,
                                                 GCancellable  *cancellable,
                                                 GError       **error);
char     *indsats_jobindsats_find_token (const char    *token_file,
                                         gboolean       keyring,
                                         GError       **error);

G_END_DECLS
