/* indsats-import.c
 *
 * Takes key-figure files as they come from Jobindsats.dk: CSV downloads
 * (UTF-8 with or without a byte order mark, UTF-16 with one as Excel's
 * "Unicode text", or Windows-1252), API answers in JSON, or a plain long CSV.
 * Every file is read and checked whole before anything is written: one
 * import holds one value per indicator, area and period, one unit and one
 * kind of period per indicator. Then all files are written in one
 * transaction, so an import that fails or is cancelled changes nothing.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-text.h"

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
indsats_import_file_free (IndsatsImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file);
}

/**
 * indsats_import_file_describe:
 *
 * Returns: how the file's numbers were read, in English; gettext translates it
 */
const char *
indsats_import_file_describe (const IndsatsImportFile *file)
{
  if (file->comma && file->point)
    return N_("read with a decimal comma in some columns and a decimal point in others");
  if (file->comma)
    return file->asked ? N_("read with a decimal comma, as asked") : N_("read with a decimal comma");
  if (file->point)
    return file->asked ? N_("read with a decimal point, as asked") : N_("read with a decimal point");
  return N_("whole numbers only: no decimal mark to read");
}

void
indsats_import_summary_free (IndsatsImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->counts, g_ptr_array_unref);
  g_clear_pointer (&summary->files, g_ptr_array_unref);
  g_free (summary);
}

/* Excel's "Unicode text" is UTF-16 with a byte order mark */
static char *
from_utf16 (const char  *name,
            const char  *data,
            gsize        length,
            const char  *encoding,
            gsize       *written,
            GError     **error)
{
  g_autoptr(GError) local = NULL;
  char *text;

  if (length % 2 != 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: the %s text ends in half a character; the file may be cut short", name, encoding);
      return NULL;
    }
  text = g_convert (data, length, "UTF-8", encoding, NULL, written, &local);
  if (text == NULL)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                 "%s: the file begins as %s text but is not valid %s", name, encoding, encoding);
  return text;
}

/**
 * indsats_import_read_data:
 * @name: the file's name, for messages
 * @options: (nullable): the decimal mark, when it is not to be decided per column
 * @result: (out caller-allocates) (optional): how the file was read: its
 *   encoding and the decimal marks its columns were read with
 *
 * Reads and checks a file's contents; writes nothing.
 *
 * Returns: (transfer full) (element-type IndsatsImportRow): the rows, or %NULL
 *   with @error saying `FILE:LINE: what is wrong`
 */
GPtrArray *
indsats_import_read_data (const char                  *name,
                          const char                  *data,
                          gsize                        length,
                          const IndsatsImportOptions  *options,
                          IndsatsImportFile           *result,
                          GError                     **error)
{
  g_autofree char *converted = NULL;
  IndsatsImportFile ignored = { 0 };
  const char *text = data, *utf16 = NULL;
  gsize i = 0;

  if (result == NULL)
    result = &ignored;
  result->encoding = "UTF-8";
  if (length == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the file is empty", name);
      return NULL;
    }
  if (length >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    utf16 = "UTF-16LE";
  else if (length >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    utf16 = "UTF-16BE";
  if (utf16 != NULL)
    {
      gsize written = 0;
      if (!(converted = from_utf16 (name, data + 2, length - 2, utf16, &written, error)))
        return NULL;
      result->encoding = utf16;
      text = converted;
      length = written;
    }
  if (memchr (text, '\0', length) != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: this is not a text file (it holds binary data); export the table as CSV", name);
      return NULL;
    }
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      /* Excel on Windows writes CSV in Windows-1252 */
      gsize written = 0;
      char *latin = g_convert (text, length, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
      if (latin == NULL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s: the text is neither UTF-8 nor Windows-1252", name);
          return NULL;
        }
      g_free (converted);
      text = converted = latin;
      length = written;
      result->encoding = "Windows-1252";
    }

  while (i < length && g_ascii_isspace (text[i]))
    i++;
  if (i == length)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the file is empty", name);
      return NULL;
    }
  result->json = text[i] == '[' || text[i] == '{';
  if (result->json)
    return indsats_import_read_json (name, text, length, options, result, error);
  return indsats_import_read_csv (name, text, length, options, result, error);
}

/**
 * indsats_import_read_file:
 * @options: (nullable): the decimal mark, when it is not to be decided per column
 * @result: (out caller-allocates) (optional): how the file was read
 *
 * Returns: (transfer full) (element-type IndsatsImportRow): the file's rows, or %NULL
 */
GPtrArray *
indsats_import_read_file (const char                  *path,
                          const IndsatsImportOptions  *options,
                          IndsatsImportFile           *result,
                          GCancellable                *cancellable,
                          GError                     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED, "The import was cancelled");
      else
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", path, local->message);
      return NULL;
    }
  return indsats_import_read_data (path, data, length, options, result, error);
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

/* The indicator's unit and kinds of period in the database must agree with
 * what the import brings: checked at the indicator's first row */
static gboolean
check_against_store (IndsatsStore             *store,
                     GHashTable               *stored,
                     gint64                    id,
                     const IndsatsImportRow   *row,
                     const IndsatsImportFile  *file,
                     GError                  **error)
{
  IndsatsIndicator *ind = g_hash_table_lookup (stored, row->indicator);
  guint kinds = 0;

  if (ind == NULL)
    return TRUE;
  if (row->unit != NULL && !row->unit_from_label && ind->unit != NULL && *ind->unit != '\0' &&
      !indsats_import_units_equal (ind->unit, row->unit))
    {
      g_autofree char *where = indsats_import_location (file, row);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: the unit of “%s” is “%s” here but “%s” in the database; an indicator has one unit",
                   where, row->indicator, row->unit, ind->unit);
      return FALSE;
    }
  if (!indsats_store_get_period_kinds (store, id, &kinds, error))
    return FALSE;
  if (kinds != 0 && (kinds & (1u << row->period.kind)) == 0)
    {
      g_autofree char *where = indsats_import_location (file, row);
      g_autoptr(GString) has = g_string_new (NULL);
      char period[32];

      for (int k = 0; k <= INDSATS_PERIOD_ROLLING_YEAR; k++)
        if (kinds & (1u << k))
          g_string_append_printf (has, "%s%s", has->len ? " and by " : "", indsats_period_kind_to_string (k));
      indsats_period_write (&row->period, period, sizeof period);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: %s is a %s, but “%s” holds values by %s in the database; an indicator holds one "
                   "kind of period: import the %s values as an indicator of their own",
                   where, period, indsats_period_kind_to_string (row->period.kind), row->indicator,
                   has->str, indsats_period_kind_to_string (row->period.kind));
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_import_files:
 * @paths: the files
 * @options: (nullable): the decimal mark of every file, when it is not to be
 *   decided per column
 * @dry_run: check and count, but write nothing
 * @cancellable: (nullable): cancelling rolls everything back
 * @progress: (nullable): told the share done now and then
 *
 * Imports the files in one transaction. A value that changed is updated and
 * its revision recorded; one bad row in any file changes nothing at all.
 *
 * Returns: (transfer full): what was added, updated and unchanged per
 *   indicator, and how each file was read
 */
IndsatsImportSummary *
indsats_import_files (IndsatsStore               *store,
                      const char * const         *paths,
                      const IndsatsImportOptions *options,
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
  g_autoptr(GHashTable) stored = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stored_list = NULL;
  g_autofree char *now = indsats_store_now ();
  IndsatsImportCount *last_count = NULL;
  gint64 last_id = 0;
  guint n_paths, total = 0, done = 0;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  summary->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  summary->files = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_file_free);
  n_paths = g_strv_length ((char **) paths);

  /* Read and check every file before anything is written */
  for (guint f = 0; f < n_paths; f++)
    {
      IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);
      GPtrArray *rows;

      file->path = g_strdup (paths[f]);
      g_ptr_array_add (summary->files, file);
      if (cancelled (cancellable, error))
        return NULL;
      if (!(rows = indsats_import_read_file (paths[f], options, file, cancellable, error)))
        return NULL;
      g_ptr_array_add (files, rows);
      if (progress)
        progress (0.3 * (f + 1) / n_paths, user_data);
    }
  if (!indsats_import_check (files, summary->files, error))
    return NULL;
  for (guint f = 0; f < files->len; f++)
    {
      GPtrArray *rows = g_ptr_array_index (files, f);
      ((IndsatsImportFile *) g_ptr_array_index (summary->files, f))->values = rows->len;
      total += rows->len;
    }

  if (!(stored_list = indsats_store_list_indicators (store, error)))
    return NULL;
  for (guint i = 0; i < stored_list->len; i++)
    {
      IndsatsIndicator *ind = g_ptr_array_index (stored_list, i);
      g_hash_table_insert (stored, ind->name, ind);
    }

  if (!indsats_store_begin (store, error))
    return NULL;
  for (guint f = 0; f < files->len; f++)
    {
      GPtrArray *rows = g_ptr_array_index (files, f);
      IndsatsImportFile *file = g_ptr_array_index (summary->files, f);
      g_autofree char *base = g_path_get_basename (paths[f]);
      g_autofree char *named = g_strdup_printf ("Import: %s", base);
      g_autofree char *source = indsats_text_normalize (named);

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
              if (id == 0 || !check_against_store (store, stored, id, row, file, error))
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
              g_autofree char *where = indsats_import_location (file, row);
              g_prefix_error (error, "%s: ", where);
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
  summary->rows = total;
  return g_steal_pointer (&summary);

fail:
  indsats_store_rollback (store);
  return NULL;
}
