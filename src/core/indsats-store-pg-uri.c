/* indsats-store-pg-uri.c: PostgreSQL addresses as people write them
 *
 * Plain text work on a URI, without libpq: the store asks it of any name it
 * is given, and the PostgreSQL module says addresses back with it.
 */
#include "config.h"

#include "indsats-store-backend.h"

#include <string.h>

gboolean
indsats_is_pg_uri (const char *name)
{
  return name != NULL &&
         (g_str_has_prefix (name, "postgresql://") || g_str_has_prefix (name, "postgres://"));
}

/* Replaces what follows @key (up to the next '&' or space) in @out, from
 * @from on, with "…" */
static void
hide_value (GString    *out,
            const char *key,
            gsize       from)
{
  for (char *at = strstr (out->str + from, key); at != NULL; at = strstr (at, key))
    {
      gsize start = at - out->str + strlen (key);
      gsize length = strcspn (out->str + start, "& ");

      if (at > out->str && strchr ("?& ", at[-1]) == NULL)
        {
          at++;
          continue;
        }
      g_string_erase (out, start, length);
      g_string_insert (out, start, "…");
      at = out->str + start;
    }
}

/**
 * indsats_pg_without_password:
 *
 * Returns: (transfer full): @uri as it was given, but with a password in it
 *   (user:password@, or password=) as "…", for a message that says back
 *   what a person wrote
 */
char *
indsats_pg_without_password (const char *uri)
{
  GString *out = g_string_new (uri);
  const char *scheme = strstr (uri, "://");
  gsize query = 0;

  if (scheme != NULL)
    {
      gsize start = scheme + 3 - uri;
      gsize end = start + strcspn (uri + start, "/?");
      const char *at = g_strrstr_len (uri + start, end - start, "@");
      const char *colon = at ? memchr (uri + start, ':', at - (uri + start)) : NULL;

      query = end;
      if (colon != NULL)
        {
          g_string_erase (out, colon + 1 - uri, at - colon - 1);
          g_string_insert (out, colon + 1 - uri, "…");
          query = end - (at - colon - 1) + strlen ("…");
        }
    }
  hide_value (out, "password=", query);
  return g_string_free (out, FALSE);
}
