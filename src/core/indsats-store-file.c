/* indsats-store-file.c
 *
 * A database is a file. A named pipe, a device or a socket given as the
 * database (or a link to one, such as a link to /dev/null) would make SQLite
 * wait, read nothing or fail with "disk I/O error"; it is refused by what it
 * is, naming it, before anything opens it.
 */
#include "config.h"

#include "indsats-store-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "indsats-error.h"

static const char *
kind_of (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a named pipe (FIFO)");
  if (S_ISCHR (mode))
    return _("a character device");
  if (S_ISBLK (mode))
    return _("a block device");
  if (S_ISSOCK (mode))
    return _("a socket");
  return NULL;
}

/**
 * check_file_kind:
 * @path: the database's path
 *
 * Returns: %FALSE with @error naming @path (and what a link leads to) when
 *   it is not a file, a folder or missing
 */
gboolean
check_file_kind (const char  *path,
                 GError     **error)
{
  GStatBuf st, link;
  const char *kind;

  if (g_stat (path, &st) != 0 || (kind = kind_of (st.st_mode)) == NULL)
    return TRUE;
  if (g_lstat (path, &link) == 0 && S_ISLNK (link.st_mode))
    {
      g_autofree char *target = realpath (path, NULL);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                   _("“%s” is a link to %s, “%s”, not a database file; nothing was changed. "
                   "Choose a file with --database"), path, kind, target ? target : "?");
    }
  else
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_A_DATABASE,
                 _("“%s” is %s, not a database file; nothing was changed. Choose a file with --database"),
                 path, kind);
  return FALSE;
}
