/* indsats-import.c
 *
 * Takes key-figure files as they come from Jobindsats.dk: CSV downloads
 * (UTF-8 with or without a byte order mark, or Windows-1252), API answers in
 * JSON, or a plain long CSV. Every file is read and checked whole before
 * anything is written; then all files are written in one transaction, so an
 * import that fails or is cancelled changes nothing.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indsats-error.h"

void
indsats_import_row_free (IndsatsImportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->indicator);
  g_free (row->area);
  g_free (row->unit);
  g_free (row);
}

static void
count_free (IndsatsImportCount *count)
{
  g_free (count->indicator);
  g_free (count);
}

void
indsats_import_summary_free (IndsatsImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->counts, g_ptr_array_unref);
  g_free (summary);
}

/**
 * indsats_import_read_data:
 * @name: the file's name, for messages
 *
 * Reads and checks a file's contents; writes nothing.
 *
 * Returns: (transfer full) (element-type IndsatsImportRow): the rows, or %NULL
 *   with @error saying `FILE:LINE: what is wrong`
 */
GPtrArray *
indsats_import_read_data (const char  *name,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *converted = NULL;
  const char *text = data;
  gsize i = 0;

  if (length == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the file is empty", name);
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: this is not a text file (it holds binary data); export the table as CSV", name);
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      /* Excel on Windows writes CSV in Windows-1252 */
      gsize written = 0;
      converted = g_convert (text, length, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
      if (converted == NULL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s: the text is neither UTF-8 nor Windows-1252", name);
          return NULL;
        }
      text = converted;
      length = written;
    }

  while (i < length && g_ascii_isspace (text[i]))
    i++;
  if (i == length)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the file is empty", name);
      return NULL;
    }
  if (text[i] == '[' || text[i] == '{')
    return indsats_import_read_json (name, text, length, error);
  return indsats_import_read_csv (name, text, length, error);
}

/**
 * indsats_import_read_file:
 *
 * Returns: (transfer full) (element-type IndsatsImportRow): the file's rows, or %NULL
 */
GPtrArray *
indsats_import_read_file (const char    *path,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *data = NULL;
  struct stat st = { 0 };
  gsize length = 0;
  int fd;

  /* not blocking: a FIFO is refused by its kind below, not waited on */
  if ((fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0)) < 0)
    {
      int errsv = errno;
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", path, g_strerror (errsv));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   "%s is %s, not a file; name a CSV or JSON file", path,
                   S_ISDIR (st.st_mode) ? "a folder" :
                   S_ISFIFO (st.st_mode) ? "a pipe (FIFO)" :
                   S_ISSOCK (st.st_mode) ? "a socket" :
                   S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode) ? "a device" : "not a plain file");
      return NULL;
    }
  /* a file is read whole; the limit keeps the memory an import takes bounded */
  if (st.st_size > INDSATS_IMPORT_MAX_BYTES)
    {
      close (fd);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s is %" G_GINT64_FORMAT " MB; an import reads files of up to %d MB. "
                   "Split it, or ask Jobindsats for fewer periods or areas at a time",
                   path, (gint64) (st.st_size / (1024 * 1024)), INDSATS_IMPORT_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  data = g_malloc (st.st_size + 1);
  while (length < (gsize) st.st_size)
    {
      ssize_t n = read (fd, data + length, st.st_size - length);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          int errsv = errno;
          close (fd);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", path, g_strerror (errsv));
          return NULL;
        }
      if (n == 0)
        break;   /* it shrank meanwhile: what is there */
      length += n;
      if (g_cancellable_is_cancelled (cancellable))
        {
          close (fd);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED, "The import was cancelled");
          return NULL;
        }
    }
  close (fd);
  data[length] = '\0';
  return indsats_import_read_data (path, data, length, error);
}

static IndsatsImportCount *
count_for (IndsatsImportSummary *summary,
           GHashTable           *counts,
           const char           *indicator)
{
  IndsatsImportCount *count = g_hash_table_lookup (counts, indicator);

  if (count == NULL)
    {
      count = g_new0 (IndsatsImportCount, 1);
      count->indicator = g_strdup (indicator);
      g_ptr_array_add (summary->counts, count);
      g_hash_table_insert (counts, count->indicator, count);
    }
  return count;
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED,
                   "The import was cancelled; nothing was changed");
      return TRUE;
    }
  return FALSE;
}

/**
 * indsats_import_files:
 * @paths: the files
 * @dry_run: check and count, but write nothing
 * @cancellable: (nullable): cancelling rolls everything back
 * @progress: (nullable): told the share done now and then
 *
 * Imports the files in one transaction. A value that changed is updated and
 * its revision recorded; one bad row in any file changes nothing at all.
 *
 * Returns: (transfer full): what was added, updated and unchanged per indicator
 */
IndsatsImportSummary *
indsats_import_files (IndsatsStore               *store,
                      const char * const         *paths,
                      gboolean                    dry_run,
                      GCancellable               *cancellable,
                      IndsatsImportProgressFunc   progress,
                      gpointer                    user_data,
                      GError                    **error)
{
  g_autoptr(IndsatsImportSummary) summary = g_new0 (IndsatsImportSummary, 1);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *now = indsats_store_now ();
  IndsatsImportCount *last_count = NULL;
  gint64 last_id = 0;
  guint n_paths, total = 0, done = 0;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  summary->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  n_paths = g_strv_length ((char **) paths);

  /* Read and check every file before anything is written */
  for (guint f = 0; f < n_paths; f++)
    {
      GPtrArray *rows;

      if (cancelled (cancellable, error))
        return NULL;
      if (!(rows = indsats_import_read_file (paths[f], cancellable, error)))
        return NULL;
      g_ptr_array_add (files, rows);
      total += rows->len;
      if (progress)
        progress (0.3 * (f + 1) / n_paths, user_data);
    }

  if (!indsats_store_begin (store, error))
    return NULL;
  for (guint f = 0; f < files->len; f++)
    {
      GPtrArray *rows = g_ptr_array_index (files, f);
      g_autofree char *base = g_path_get_basename (paths[f]);
      g_autofree char *source = g_strdup_printf ("Import: %s", base);

      for (guint r = 0; r < rows->len; r++)
        {
          IndsatsImportRow *row = g_ptr_array_index (rows, r);
          IndsatsObservationChange change;
          IndsatsImportCount *count;
          gint64 id;

          /* rows of one indicator come together: skip the lookups for them */
          if (last_count != NULL && strcmp (row->indicator, last_count->indicator) == 0)
            {
              id = last_id;
              count = last_count;
              goto put;
            }
          id = GPOINTER_TO_SIZE (g_hash_table_lookup (indicators, row->indicator));

          if ((++done & 0x3fff) == 0)
            {
              if (cancelled (cancellable, error))
                goto fail;
              if (progress)
                progress (0.3 + 0.7 * done / MAX (total, 1), user_data);
            }
          if (id == 0)
            {
              id = indsats_store_ensure_indicator (store, row->indicator, row->unit ? row->unit : "",
                                                   TRUE, NAN, error);
              if (id == 0)
                goto fail;
              g_hash_table_insert (indicators, g_strdup (row->indicator), GSIZE_TO_POINTER ((gsize) id));
            }
          count = count_for (summary, counts, row->indicator);
          last_id = id;
          last_count = count;
        put:
          if (!indsats_store_put_observation (store, id, row->area, &row->period, row->value, FALSE,
                                              source, now, &change, error))
            {
              g_prefix_error (error, "%s:%u: ", paths[f], row->line);
              goto fail;
            }
          if (change == INDSATS_OBSERVATION_ADDED)
            count->added++;
          else if (change == INDSATS_OBSERVATION_UPDATED)
            count->updated++;
          else
            count->unchanged++;
        }
    }
  if (cancelled (cancellable, error))
    goto fail;

  if (dry_run)
    indsats_store_rollback (store);
  else if (!indsats_store_commit (store, error))
    return NULL;
  if (progress)
    progress (1.0, user_data);
  summary->files = n_paths;
  summary->rows = total;
  return g_steal_pointer (&summary);

fail:
  indsats_store_rollback (store);
  return NULL;
}
