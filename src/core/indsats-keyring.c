/* indsats-keyring.c
 *
 * The organisation's Jobindsats token is a secret: it is kept in the keyring
 * (the Secret Service: GNOME Keyring, KWallet), never in the database, the
 * settings or a log. The environment and a token file come first, so that a
 * script or a server without a keyring can fetch too.
 */
#include "config.h"

#include "indsats-keyring.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "indsats-error.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "dk.indsats.Indsats.Jobindsats", SECRET_SCHEMA_NONE,
    {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

static const SecretSchema *
database_schema (void)
{
  static const SecretSchema schema = {
    "dk.indsats.Indsats.Database", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

/**
 * indsats_keyring_get_database_password:
 * @server: the role, server and database: "anna@db.example:5432/indsats"
 *
 * Returns: (transfer full) (nullable): the password kept for @server
 */
char *
indsats_keyring_get_database_password (const char    *server,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  g_autoptr(GError) local = NULL;
  char *secret;
  char *password;

  g_return_val_if_fail (server != NULL, NULL);

  secret = secret_password_lookup_sync (database_schema (), cancellable, &local, "server", server, NULL);
  if (local != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("Cannot read the password for %s: the keyring cannot be used (%s); use ~/.pgpass instead"),
                   server, local->message);
      return NULL;
    }
  if (secret == NULL)
    return NULL;
  password = g_strdup (secret);
  secret_password_free (secret);
  return password;
}

gboolean
indsats_keyring_set_database_password (const char    *server,
                                       const char    *password,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (server != NULL && password != NULL, FALSE);

  label = g_strdup_printf (_("PostgreSQL password for %s (Indsats)"), server);
  if (!secret_password_store_sync (database_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   cancellable, &local, "server", server, NULL))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("Cannot save the password for %s: the keyring cannot be used (%s); use ~/.pgpass instead"),
                   server, local ? local->message : "");
      return FALSE;
    }
  return TRUE;
}

static void
set_keyring_error (GError     **error,
                   const char  *what,
                   GError      *cause)
{
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("%s: the keyring cannot be used (%s); set "
               "INDSATS_JOBINDSATS_TOKEN or use a token file instead"), what, cause ? cause->message : "");
}

/**
 * indsats_keyring_get_token:
 *
 * Returns: (transfer full) (nullable): the token kept in the keyring; %NULL
 *   without @error when there is none
 */
char *
indsats_keyring_get_token (GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local = NULL;
  char *secret = secret_password_lookup_sync (token_schema (), cancellable, &local, "service", "jobindsats", NULL);
  char *token;

  if (local != NULL)
    {
      set_keyring_error (error, _("Cannot read the Jobindsats token"), local);
      return NULL;
    }
  if (secret == NULL)
    return NULL;
  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}

/**
 * indsats_keyring_set_token:
 *
 * Keeps @token in the keyring, in place of the one kept before.
 */
gboolean
indsats_keyring_set_token (const char    *token,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (token != NULL, FALSE);

  if (!secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, "Jobindsats API token (Indsats)",
                                   token, cancellable, &local, "service", "jobindsats", NULL))
    {
      set_keyring_error (error, _("Cannot save the Jobindsats token"), local);
      return FALSE;
    }
  return TRUE;
}

gboolean
indsats_keyring_clear_token (GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GError) local = NULL;

  secret_password_clear_sync (token_schema (), cancellable, &local, "service", "jobindsats", NULL);
  if (local != NULL)
    {
      set_keyring_error (error, _("Cannot remove the Jobindsats token"), local);
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_jobindsats_find_token:
 * @token_file: (nullable): a file holding only the token
 * @keyring: whether to ask the keyring when neither the environment nor a
 *   file gives one
 *
 * Returns: (transfer full): the token from INDSATS_JOBINDSATS_TOKEN, else
 *   from @token_file, else from the keyring; %NULL with @error when none
 */
char *
indsats_jobindsats_find_token (const char  *token_file,
                               gboolean     keyring,
                               GError     **error)
{
  const char *from_env = g_getenv ("INDSATS_JOBINDSATS_TOKEN");
  g_autofree char *contents = NULL;
  g_autoptr(GError) local = NULL;

  if (from_env != NULL && *from_env != '\0')
    return g_strstrip (g_strdup (from_env));
  if (token_file != NULL)
    {
      if (!g_file_get_contents (token_file, &contents, NULL, &local))
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("the token file cannot be read: %s"), local->message);
          return NULL;
        }
      g_strstrip (contents);
      if (*contents == '\0' || strchr (contents, '\n') != NULL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("%s does not hold a token on one line; put only the token from STAR in it"), token_file);
          return NULL;
        }
      return g_steal_pointer (&contents);
    }
  if (keyring)
    {
      char *token = indsats_keyring_get_token (NULL, &local);
      if (token != NULL && *token != '\0')
        return token;
      g_free (token);
    }
  g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("there is no Jobindsats token: set INDSATS_JOBINDSATS_TOKEN, give --token-file FILE, or save "
                       "it in the window's Preferences (STAR gives a token on request; see the README)"));
  return NULL;
}
