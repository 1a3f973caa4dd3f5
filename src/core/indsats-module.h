/* indsats-module.h: the parts of Indsats that are loaded only when needed
 *
 * The PostgreSQL backend and the commands that draw, write workbooks and
 * fetch over the network each need libraries that a command on an SQLite
 * file never uses (libpq with OpenSSL and Kerberos, cairo and Pango,
 * libxlsxwriter, libsoup, libsecret). They are modules, loaded by name from
 * the build tree when the running program is one of its programs, else from
 * where `meson install` put them; INDSATS_MODULE_DIR names another folder.
 */
#pragma once

#include <gmodule.h>

G_BEGIN_DECLS

/* Loads the module @name ("indsats-store-postgresql") and finds @symbol in
 * it; @purpose says in a message what the module is for ("opens PostgreSQL
 * databases"). The module stays loaded. */
gpointer indsats_module_lookup (const char  *name,
                                const char  *symbol,
                                const char  *purpose,
                                GError     **error);

G_END_DECLS
