/* indsats-store-pg-module.h: what the PostgreSQL module gives the store
 *
 * The module (indsats-store-pg.c and libpq) is loaded by indsats-store-pg-load.c
 * the first time a PostgreSQL address is opened; it needs nothing of the
 * program that loads it, and shows one function, indsats_pg_module().
 */
#pragma once

#include <gmodule.h>

#include "indsats-store-backend.h"

G_BEGIN_DECLS

/* raised whenever the table below changes */
#define INDSATS_PG_MODULE_VERSION 1

typedef struct
{
  guint        version;
  /* "user@host:port/database" as libpq reads @uri, never its password */
  char        *(*describe) (const char           *uri);
  /* connects; @password_func (nullable) gives the password of a server that asks for one */
  gboolean     (*open)     (const char           *uri,
                            IndsatsPasswordFunc   password_func,
                            IndsatsDb           **db,
                            GError              **error);
  /* "user@host:port/database" of an open connection */
  const char  *(*server)   (IndsatsDb            *db);
} IndsatsPgModule;

typedef const IndsatsPgModule *(*IndsatsPgModuleFunc) (void);

G_MODULE_EXPORT const IndsatsPgModule *indsats_pg_module (void);

G_END_DECLS
