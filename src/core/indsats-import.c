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

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "indsats-error.h"
#include "indsats-store-tables.h"
#include "indsats-text.h"

void
indsats_import_row_free (IndsatsImportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->indicator);
  g_free (row->breakdown);
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
  g_free (file->table);
  g_clear_pointer (&file->measures, g_ptr_array_unref);
  g_clear_pointer (&file->breakdowns, g_ptr_array_unref);
  g_clear_pointer (&file->areas, g_ptr_array_unref);
  g_free (file->first);
  g_free (file->last);
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
  g_clear_pointer (&summary->read, g_ptr_array_unref);
  g_free (summary);
}

/* y01a02, Y30R21: a letter, two digits, a letter, two digits */
static gboolean
looks_like_table_id (const char *s,
                     gsize       length)
{
  return length == 6 && g_ascii_isalpha (s[0]) && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2]) &&
         g_ascii_isalpha (s[3]) && g_ascii_isdigit (s[4]) && g_ascii_isdigit (s[5]);
}

/**
 * indsats_import_table_from_name:
 * @path: a file's path
 *
 * Finds a Jobindsats table id in a file's name, as in `y01a02.csv` or
 * `Y30R21-2023.csv`: a word of its own, between the start, the end, or
 * anything but a letter or digit.
 *
 * Returns: (transfer full) (nullable): the id in lower case, or %NULL
 */
char *
indsats_import_table_from_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *s = base;

  while (*s)
    {
      const char *end = s;

      while (g_ascii_isalnum (*end))
        end++;
      if (looks_like_table_id (s, end - s))
        return g_ascii_strdown (s, end - s);
      s = *end ? end + 1 : end;
    }
  return NULL;
}

/**
 * indsats_import_check_table_id:
 * @table: a table id as a person typed it
 * @canonical: (out): the id as the API writes it, in lower case
 *
 * Returns: whether @table can be a Jobindsats table id
 */
gboolean
indsats_import_check_table_id (const char  *table,
                               char       **canonical,
                               GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (table ? table : ""));
  gboolean ok = *clean != '\0';

  for (const char *c = clean; *c; c++)
    ok &= g_ascii_isalnum (*c) || *c == '_';
  if (!ok)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "“%s” is not a Jobindsats table id; write it as on Jobindsats.dk, for example y01a02", table);
      return FALSE;
    }
  *canonical = g_ascii_strdown (clean, -1);
  return TRUE;
}

/**
 * indsats_import_indicator_name:
 * @table: (nullable): the table id
 * @breakdown: the breakdown values, "Køn: Kvinder; A-kasse: I alt"
 * @total: whether every breakdown value is a total
 *
 * The name people read: the measure, then the table and the breakdown values
 * that are not totals, as in “Antal personer (y01a02, Kvinder)”.
 *
 * Returns: (transfer full): the name
 */
char *
indsats_import_indicator_name (const char *table,
                               const char *measure,
                               const char *breakdown,
                               gboolean    total)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (table != NULL)
    g_ptr_array_add (parts, g_strdup (table));
  if (!total && breakdown != NULL && *breakdown)
    {
      g_auto(GStrv) pairs = g_strsplit (breakdown, "; ", -1);

      for (guint i = 0; pairs[i]; i++)
        {
          const char *colon = strstr (pairs[i], ": ");
          const char *value = colon ? colon + 2 : pairs[i];

          if (!indsats_import_is_total (value))
            g_ptr_array_add (parts, g_strdup (value));
        }
    }
  if (parts->len == 0)
    return g_strdup (measure);
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  return g_strdup_printf ("%s (%s)", measure, joined);
}

/**
 * indsats_import_error_answer:
 * @text: a JSON text
 *
 * Recognises what the Jobindsats API answers instead of data: the v2 answer to
 * a wrong key, `{"Forkert nøgle eller nøglen er udløbet.":""}`, and the v3
 * error object, `{"code":422,"cause":"…"}`.
 *
 * Returns: (transfer full) (nullable): what the answer says, for a person, or
 *   %NULL when @text is no error answer
 */
char *
indsats_import_error_answer (const char *text,
                             gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (!json_parser_load_from_data (parser, text, length, NULL) || json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (o, "cause") && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "cause")))
    {
      const char *cause = json_object_get_string_member (o, "cause");
      gint64 code = 0;

      if (json_object_has_member (o, "code") && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "code")))
        code = json_object_get_int_member (o, "code");
      if (code != 0)
        return g_strdup_printf ("the Jobindsats API refused the request (%" G_GINT64_FORMAT "): %s",
                                code, cause ? cause : "");
      return g_strdup_printf ("the Jobindsats API refused the request: %s", cause ? cause : "");
    }
  if (json_object_get_size (o) == 1)
    {
      g_autoptr(GList) members = json_object_get_members (o);
      g_autofree char *lower = g_utf8_strdown (members->data, -1);

      if (strstr (lower, "nøgle") != NULL)
        return g_strdup_printf ("Jobindsats refused the key (it answered “%s”): the key is wrong or has "
                                "expired; ask STAR for a new one", (const char *) members->data);
    }
  return NULL;
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
                     const char               *name,
                     const IndsatsImportRow   *row,
                     const IndsatsImportFile  *file,
                     GError                  **error)
{
  IndsatsIndicator *ind = g_hash_table_lookup (stored, name);
  guint kinds = 0;

  if (ind == NULL)
    return TRUE;
  if (row->unit != NULL && !row->unit_from_label && ind->unit != NULL && *ind->unit != '\0' &&
      !indsats_import_units_equal (ind->unit, row->unit))
    {
      g_autofree char *where = indsats_import_location (file, row);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: the unit of “%s” is “%s” here but “%s” in the database; an indicator has one unit",
                   where, name, row->unit, ind->unit);
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
                   where, period, indsats_period_kind_to_string (row->period.kind), name,
                   has->str, indsats_period_kind_to_string (row->period.kind));
      return FALSE;
    }
  return TRUE;
}

static IndsatsImportSummary *
summary_new (void)
{
  IndsatsImportSummary *summary = g_new0 (IndsatsImportSummary, 1);

  summary->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  summary->read = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_file_free);
  return summary;
}

/* What a file holds, for the preview: its measures, breakdowns, areas and periods */
static void
describe_file (IndsatsImportFile *file,
               GPtrArray         *rows)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) areas = g_hash_table_new (g_str_hash, g_str_equal);
  IndsatsPeriod first = { 0 }, last = { 0 };

  file->measures = g_ptr_array_new_with_free_func (g_free);
  file->breakdowns = g_ptr_array_new_with_free_func (g_free);
  file->areas = g_ptr_array_new_with_free_func (g_free);
  file->values = rows->len;
  for (guint r = 0; r < rows->len; r++)
    {
      IndsatsImportRow *row = g_ptr_array_index (rows, r);

      if (g_hash_table_add (seen, row->indicator))
        g_ptr_array_add (file->measures, g_strdup (row->indicator));
      if (!g_hash_table_contains (areas, row->area))
        {
          g_hash_table_add (areas, row->area);
          g_ptr_array_add (file->areas, g_strdup (row->area));
        }
      if (r == 0 || indsats_period_compare (&row->period, &first) < 0)
        first = row->period;
      if (r == 0 || indsats_period_compare (&row->period, &last) > 0)
        last = row->period;
    }
  if (rows->len > 0)
    {
      file->first = indsats_period_to_string (&first);
      file->last = indsats_period_to_string (&last);
    }
  if (rows->len > 0)
    {
      IndsatsImportRow *row = g_ptr_array_index (rows, 0);
      g_auto(GStrv) pairs = g_strsplit (row->breakdown, "; ", -1);

      for (guint i = 0; pairs[i]; i++)
        {
          const char *colon = strstr (pairs[i], ": ");
          if (colon != NULL)
            g_ptr_array_add (file->breakdowns, g_strndup (pairs[i], colon - pairs[i]));
        }
    }
}

/* Writes what was read, in one transaction; @summary->read names the files */
static IndsatsImportSummary *
write_rows (IndsatsStore               *store,
            IndsatsImportSummary       *summary_in,
            GPtrArray                  *files,
            GPtrArray                  *sources,
            GHashTable                 *keep,
            gboolean                    dry_run,
            GCancellable               *cancellable,
            IndsatsImportProgressFunc   progress,
            gpointer                    user_data,
            GError                    **error)
{
  g_autoptr(IndsatsImportSummary) summary = summary_in;
  gboolean last_skipped = FALSE;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) indicators = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) stored = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stored_list = NULL;
  g_autofree char *now = indsats_store_now ();
  IndsatsImportCount *last_count = NULL;
  gint64 last_id = 0;
  guint total = 0, done = 0;

  if (!indsats_import_check (files, summary->read, error))
    return NULL;
  for (guint f = 0; f < files->len; f++)
    {
      GPtrArray *rows = g_ptr_array_index (files, f);

      describe_file (g_ptr_array_index (summary->read, f), rows);
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
      IndsatsImportFile *file = g_ptr_array_index (summary->read, f);
      const char *file_table = file->table;
      g_autofree char *source = indsats_text_normalize (g_ptr_array_index (sources, f));
      IndsatsImportRow *last_row = NULL;
      for (guint r = 0; r < rows->len; r++)
        {
          IndsatsImportRow *row = g_ptr_array_index (rows, r);
          IndsatsObservationChange change;
          IndsatsImportCount *count;
          gint64 id;

          g_autofree char *name = NULL;

          /* rows of one series often come together: skip the lookups for them */
          if (last_row != NULL && strcmp (row->indicator, last_row->indicator) == 0 &&
              strcmp (row->breakdown, last_row->breakdown) == 0)
            {
              if (last_skipped)
                continue;
              id = last_id;
              count = last_count;
              goto put;
            }
          name = indsats_import_indicator_name (file_table, row->indicator, row->breakdown, row->total);
          last_row = row;
          last_skipped = keep != NULL && !g_hash_table_contains (keep, name);
          if (last_skipped)
            continue;
          id = GPOINTER_TO_SIZE (g_hash_table_lookup (indicators, name));

          if ((++done & 0x3fff) == 0)
            {
              if (cancelled (cancellable, error))
                goto fail;
              if (progress)
                progress (0.3 + 0.7 * done / MAX (total, 1), user_data);
            }
          if (id == 0)
            {
              id = indsats_store_ensure_table_indicator (store, file_table, row->indicator, row->breakdown, name,
                                                         row->unit ? row->unit : "", error);
              if (id == 0)
                {
                  g_autofree char *where = indsats_import_location (file, row);
                  g_prefix_error (error, "%s: ", where);
                  goto fail;
                }
              if (!check_against_store (store, stored, id, name, row, file, error))
                goto fail;
              g_hash_table_insert (indicators, g_strdup (name), GSIZE_TO_POINTER ((gsize) id));
            }
          count = count_for (summary, counts, name);
          count->total = row->total;
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
          summary->rows++;
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
  summary->files = files->len;
  return g_steal_pointer (&summary);

fail:
  indsats_store_rollback (store);
  return NULL;
}

/**
 * indsats_import_files:
 * @paths: the files
 * @options: (nullable): the Jobindsats table every file holds (%NULL: the
 *   table id in each file's name, if any) and the decimal mark of every file
 *   (UNKNOWN: decided per column)
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
  return indsats_import_files_keeping (store, paths, options, NULL, dry_run, cancellable, progress, user_data, error);
}

/**
 * indsats_import_files_keeping:
 * @keep: (nullable) (element-type utf8): the names of the series to import;
 *   %NULL: all
 *
 * Imports the files as indsats_import_files() does, but only the series that
 * a person chose after a dry run.
 */
IndsatsImportSummary *
indsats_import_files_keeping (IndsatsStore               *store,
                              const char * const         *paths,
                              const IndsatsImportOptions *options,
                              GHashTable                 *keep,
                              gboolean                    dry_run,
                              GCancellable               *cancellable,
                              IndsatsImportProgressFunc   progress,
                              gpointer                    user_data,
                              GError                    **error)
{
  IndsatsImportSummary *summary;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  const char *table = options ? options->table : NULL;
  guint n_paths;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  summary = summary_new ();
  n_paths = g_strv_length ((char **) paths);

  /* Read and check every file before anything is written */
  for (guint f = 0; f < n_paths; f++)
    {
      IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);
      g_autofree char *base = g_path_get_basename (paths[f]);
      GPtrArray *rows;

      file->path = g_strdup (paths[f]);
      file->table = table ? g_strdup (table) : indsats_import_table_from_name (paths[f]);
      g_ptr_array_add (summary->read, file);
      if (cancelled (cancellable, error) ||
          !(rows = indsats_import_read_file (paths[f], options, file, cancellable, error)))
        {
          indsats_import_summary_free (summary);
          return NULL;
        }
      g_ptr_array_add (files, rows);
      g_ptr_array_add (sources, g_strdup_printf ("Import: %s", base));
      if (progress)
        progress (0.3 * (f + 1) / n_paths, user_data);
    }
  return write_rows (store, summary, files, sources, keep, dry_run, cancellable, progress, user_data, error);
}

/**
 * indsats_import_answers:
 * @answers: (array length=n_answers): what the Jobindsats API answered
 * @dry_run: check and count, but write nothing
 *
 * Imports answers fetched from the API, as files are imported: all or none.
 *
 * Returns: (transfer full): what was added, updated and unchanged per indicator
 */
IndsatsImportSummary *
indsats_import_answers (IndsatsStore               *store,
                        const IndsatsImportAnswer  *answers,
                        guint                       n_answers,
                        gboolean                    dry_run,
                        GCancellable               *cancellable,
                        IndsatsImportProgressFunc   progress,
                        gpointer                    user_data,
                        GError                    **error)
{
  IndsatsImportSummary *summary;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (answers != NULL || n_answers == 0, NULL);

  summary = summary_new ();
  for (guint a = 0; a < n_answers; a++)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (answers[a].data, &length);
      IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);
      GPtrArray *rows;

      file->path = g_strdup (answers[a].name);
      file->table = g_strdup (answers[a].table);
      g_ptr_array_add (summary->read, file);
      if (cancelled (cancellable, error) ||
          !(rows = indsats_import_read_data (answers[a].name, data ? data : "", length, NULL, file, error)))
        {
          indsats_import_summary_free (summary);
          return NULL;
        }
      g_ptr_array_add (files, rows);
      g_ptr_array_add (sources, g_strdup (answers[a].source));
    }
  return write_rows (store, summary, files, sources, NULL, dry_run, cancellable, progress, user_data, error);
}
