/* indsats-store-keyring.c: PostgreSQL passwords from the keyring
 *
 * Apart from indsats-store.c so that only a program that asks for the
 * keyring (the window) links libsecret.
 */
#include "config.h"

#include "indsats-store.h"
#include "indsats-store-backend.h"

#include "indsats-keyring.h"

static char *
keyring_password (const char *server)
{
  return indsats_keyring_get_database_password (server, NULL, NULL);
}

/**
 * indsats_store_use_keyring:
 *
 * Lets a PostgreSQL server that asks for a password get the one the keyring
 * keeps for it. The window turns it on; the command line uses libpq's own
 * ways (~/.pgpass, PGPASSWORD).
 */
void
indsats_store_use_keyring (gboolean use)
{
  indsats_pg_set_password_func (use ? keyring_password : NULL);
}
