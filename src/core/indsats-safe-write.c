/* indsats-safe-write.c
 *
 * One way for every file Indsats writes (PNG, SVG, PDF, the workbook) to
 * reach its name: the new content goes to a temporary file in the target's
 * folder, is flushed to the disk, takes the old file's permissions and is
 * renamed over the target, so that the name always holds either the old file
 * or the whole new one. A symbolic link is followed: the file it points to is
 * replaced, the link stays.
 *
 * Where the file system has them, the temporary file has no name while it is
 * written (O_TMPFILE) and gets one only for the rename; a killed program then
 * leaves nothing behind. Elsewhere it has a name that carries this machine
 * and the writer's process id, and the next write in that folder removes the
 * temporaries of writers on this machine that no longer run.
 */
/* O_TMPFILE and linkat()'s flags are GNU extensions */
#define _GNU_SOURCE

#include "config.h"

#include "indsats-safe-write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "indsats-error.h"

struct _IndsatsSafeWrite
{
  char    *target;       /* the file to replace, links resolved */
  char    *base;         /* its name in @dir */
  int      dir_fd;
  int      fd;           /* the new content */
  char    *tmp_name;     /* the temporary's name in the folder; NULL while it has none */
  char    *write_path;   /* where a library that wants a file name writes */
  gboolean keep_mode;
  mode_t   mode;
};

void
indsats_set_write_error (GError     **error,
                         const char  *path,
                         int          errsv)
{
  if (errsv == ENOSPC || errsv == EDQUOT)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 _("Cannot write “%s”: the disk is full; free some space and try again"), path);
  else if (errsv == EACCES || errsv == EPERM || errsv == EROFS)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 _("Cannot write “%s”: %s; choose a folder you can write to"), path, g_strerror (errsv));
  else
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                 _("Cannot write “%s”: %s"), path, g_strerror (errsv));
}

/* The file a chain of symbolic links ends at; @path itself when it is none */
static char *
resolve_links (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *link = g_file_read_link (current, NULL);
      g_autofree char *dir = NULL;

      if (link == NULL)
        break;
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
          continue;
        }
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (dir, link, NULL);
    }
  return g_steal_pointer (&current);
}

/* A short mark of this machine, so that a sweep never takes another
 * machine's temporaries in a shared folder */
static guint
host_mark (void)
{
  return g_str_hash (g_get_host_name ()) & 0xffff;
}

/* ".NAME.~HHHH-PID~XXXXXX", the name cut (at a character) to fit the folder's limit */
static char *
temporary_name (const char *base,
                long        name_max)
{
  g_autofree char *suffix = g_strdup_printf (".~%04x-%ld~XXXXXX", host_mark (), (long) getpid ());
  long room = name_max - 1 - (long) strlen (suffix);
  g_autofree char *cut = NULL;
  char *name;
  const char *end = base;

  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);

      if (next - base > room)
        break;
      end = next;
    }
  cut = g_strndup (base, end - base);
  name = g_strconcat (".", cut, suffix, NULL);
  for (char *x = name + strlen (name) - 6; *x != '\0'; x++)
    *x = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[g_random_int_range (0, 62)];
  return name;
}

/* Whether @name is one of our temporaries, left by a process of this machine
 * that no longer runs */
static gboolean
is_stale_temporary (const char *name)
{
  const char *mark = g_strrstr (name, ".~");
  unsigned host;
  long pid;
  int used = 0;

  if (name[0] != '.' || mark == NULL)
    return FALSE;
  if (sscanf (mark, ".~%4x-%ld~%n", &host, &pid, &used) != 2 || used == 0 ||
      strlen (mark + used) != 6 || host != host_mark () || pid <= 0 || pid == (long) getpid ())
    return FALSE;
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

static void
sweep_stale (int dir_fd)
{
  int fd = dup (dir_fd);
  DIR *dir;
  struct dirent *entry;

  if (fd < 0)
    return;
  if (!(dir = fdopendir (fd)))
    {
      close (fd);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    if (is_stale_temporary (entry->d_name))
      unlinkat (dir_fd, entry->d_name, 0);
  closedir (dir);
}

/**
 * indsats_safe_write_begin:
 * @path: the file to write; its folder must exist
 *
 * Starts writing @path: write the content to indsats_safe_write_get_path(),
 * close that, then indsats_safe_write_commit() (or abort).
 */
IndsatsSafeWrite *
indsats_safe_write_begin (const char  *path,
                          GError     **error)
{
  g_autoptr(IndsatsSafeWrite) self = g_new0 (IndsatsSafeWrite, 1);
  g_autofree char *dir = NULL;
  GStatBuf st;
  long name_max;

  g_return_val_if_fail (path != NULL, NULL);

  self->dir_fd = -1;
  self->fd = -1;
  self->target = resolve_links (path);
  if (g_stat (self->target, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                       S_ISDIR (st.st_mode) ? _("Cannot write “%s”: it is a folder; choose a file name")
                                            : _("Cannot write “%s”: it is not a plain file; choose a file name"),
                       path);
          return NULL;
        }
      self->keep_mode = TRUE;
      self->mode = st.st_mode & 07777;
    }
  dir = g_path_get_dirname (self->target);
  self->base = g_path_get_basename (self->target);
  if ((self->dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
    {
      indsats_set_write_error (error, path, errno);
      return NULL;
    }
  if (strlen (self->base) > 255 || ((name_max = fpathconf (self->dir_fd, _PC_NAME_MAX)) > 0 &&
                                    (long) strlen (self->base) > name_max))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("Cannot write “%s”: the file name is too long for its folder; choose a shorter one"), path);
      return NULL;
    }
  if (name_max <= 0)
    name_max = 255;

#ifdef O_TMPFILE
  self->fd = openat (self->dir_fd, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
  if (self->fd >= 0)
    {
      self->write_path = g_strdup_printf ("/proc/self/fd/%d", self->fd);
      if (g_access (self->write_path, W_OK) == 0)
        return g_steal_pointer (&self);
      /* without /proc a library cannot open it by name */
      close (self->fd);
      self->fd = -1;
      g_clear_pointer (&self->write_path, g_free);
    }
#endif

  sweep_stale (self->dir_fd);
  for (int attempt = 0; attempt < 100 && self->fd < 0; attempt++)
    {
      g_free (self->tmp_name);
      self->tmp_name = temporary_name (self->base, name_max);
      self->fd = openat (self->dir_fd, self->tmp_name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (self->fd < 0 && errno != EEXIST)
        {
          g_clear_pointer (&self->tmp_name, g_free);
          indsats_set_write_error (error, path, errno);
          return NULL;
        }
    }
  if (self->fd < 0)
    {
      g_clear_pointer (&self->tmp_name, g_free);
      indsats_set_write_error (error, path, EEXIST);
      return NULL;
    }
  self->write_path = g_build_filename (dir, self->tmp_name, NULL);
  return g_steal_pointer (&self);
}

/* Where the content goes, as a file name */
const char *
indsats_safe_write_get_path (IndsatsSafeWrite *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->write_path;
}

/**
 * indsats_safe_write_commit:
 *
 * Puts the written content under the target's name, flushed to the disk and
 * with the old file's permissions. Frees @self whether or not it succeeds;
 * on failure the target is as it was and no temporary is left.
 */
gboolean
indsats_safe_write_commit (IndsatsSafeWrite  *self,
                           GError           **error)
{
  g_autoptr(IndsatsSafeWrite) owned = self;
  long name_max;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((self->keep_mode && fchmod (self->fd, self->mode) != 0) || fsync (self->fd) != 0)
    {
      indsats_set_write_error (error, self->target, errno);
      return FALSE;
    }
  if (self->tmp_name == NULL)
    {
      /* give the nameless file a name for the rename; a kill in between
       * leaves a temporary the next write sweeps away */
      name_max = fpathconf (self->dir_fd, _PC_NAME_MAX);
      for (int attempt = 0; attempt < 100; attempt++)
        {
          self->tmp_name = temporary_name (self->base, name_max > 0 ? name_max : 255);
          if (linkat (AT_FDCWD, self->write_path, self->dir_fd, self->tmp_name, AT_SYMLINK_FOLLOW) == 0)
            break;
          g_clear_pointer (&self->tmp_name, g_free);
          if (errno != EEXIST)
            {
              indsats_set_write_error (error, self->target, errno);
              return FALSE;
            }
        }
      if (self->tmp_name == NULL)
        {
          indsats_set_write_error (error, self->target, EEXIST);
          return FALSE;
        }
    }
  if (renameat (self->dir_fd, self->tmp_name, self->dir_fd, self->base) != 0)
    {
      indsats_set_write_error (error, self->target, errno);
      return FALSE;
    }
  g_clear_pointer (&self->tmp_name, g_free);
  /* the rename itself reaches the disk with the folder */
  fsync (self->dir_fd);
  return TRUE;
}

/* Drops what was written; the target stays as it was */
void
indsats_safe_write_abort (IndsatsSafeWrite *self)
{
  if (self == NULL)
    return;
  if (self->tmp_name != NULL && self->dir_fd >= 0)
    unlinkat (self->dir_fd, self->tmp_name, 0);
  if (self->fd >= 0)
    close (self->fd);
  if (self->dir_fd >= 0)
    close (self->dir_fd);
  g_free (self->tmp_name);
  g_free (self->write_path);
  g_free (self->target);
  g_free (self->base);
  g_free (self);
}

/**
 * indsats_safe_write_contents:
 *
 * Replaces @path with @contents, safely (see indsats_safe_write_begin()).
 */
gboolean
indsats_safe_write_contents (const char  *path,
                             const void  *contents,
                             gsize        length,
                             GError     **error)
{
  IndsatsSafeWrite *self;
  gsize written = 0;

  if (!(self = indsats_safe_write_begin (path, error)))
    return FALSE;
  while (written < length)
    {
      ssize_t n = write (self->fd, (const char *) contents + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          indsats_set_write_error (error, path, n < 0 ? errno : ENOSPC);
          indsats_safe_write_abort (self);
          return FALSE;
        }
      written += n;
    }
  return indsats_safe_write_commit (self, error);
}
