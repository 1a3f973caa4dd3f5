/* indsats-store-pg-load.c: the PostgreSQL backend, loaded when it is needed
 *
 * libpq brings OpenSSL, Kerberos and LDAP with it, more than a command on an
 * SQLite file needs in all; the backend is therefore the module
 * indsats-store-postgresql, loaded the first time a PostgreSQL address is
 * opened or described, and kept for the rest of the program's life.
 */
#include "config.h"

#include "indsats-store-backend.h"

#include <glib/gi18n-lib.h>

#include "indsats-error.h"
#include "indsats-module.h"
#include "indsats-store-pg-module.h"

static GMutex lock;
static const IndsatsPgModule *loaded;
static IndsatsPasswordFunc password_func;

static const IndsatsPgModule *
load (GError **error)
{
  const IndsatsPgModule *module;
  IndsatsPgModuleFunc get;

  g_mutex_lock (&lock);
  if ((module = loaded) == NULL &&
      (get = (IndsatsPgModuleFunc) indsats_module_lookup ("indsats-store-postgresql", "indsats_pg_module",
                                                          _("opens PostgreSQL databases"), error)))
    {
      module = get ();
      if (module->version != INDSATS_PG_MODULE_VERSION)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                       _("The PostgreSQL module of Indsats is of another version than the program. "
                         "Install Indsats again"));
          module = NULL;
        }
      loaded = module;
    }
  g_mutex_unlock (&lock);
  return module;
}

char *
indsats_pg_describe (const char *uri)
{
  const IndsatsPgModule *module = load (NULL);

  g_return_val_if_fail (uri != NULL, NULL);
  return module ? module->describe (uri) : indsats_pg_without_password (uri);
}

gboolean
indsats_pg_open (const char  *uri,
                 IndsatsDb  **db,
                 GError     **error)
{
  const IndsatsPgModule *module;
  IndsatsPasswordFunc func;

  g_return_val_if_fail (uri != NULL && db != NULL, FALSE);

  *db = NULL;
  if (!(module = load (error)))
    return FALSE;
  g_mutex_lock (&lock);
  func = password_func;
  g_mutex_unlock (&lock);
  return module->open (uri, func, db, error);
}

void
indsats_pg_set_password_func (IndsatsPasswordFunc func)
{
  g_mutex_lock (&lock);
  password_func = func;
  g_mutex_unlock (&lock);
}

const char *
indsats_pg_server (IndsatsDb *db)
{
  const IndsatsPgModule *module;

  /* a connection of the module's was made after it was loaded */
  g_mutex_lock (&lock);
  module = loaded;
  g_mutex_unlock (&lock);
  return db != NULL && module != NULL ? module->server (db) : NULL;
}
