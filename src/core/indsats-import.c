/* indsats-import.c
 *
 * Takes key-figure files as they come from Jobindsats.dk: CSV downloads
 * (UTF-8 with or without a byte order mark, UTF-16 with one as Excel's
 * "Unicode text", or Windows-1252), API answers in JSON, or a plain long CSV.
 * Every file is read a piece at a time, and each row checked and written into
 * one open transaction as it is read: one import holds one value per
 * indicator, area and period, one unit and one kind of period per indicator.
 * An import that fails or is cancelled is rolled back and changes nothing.
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
#include <sqlite3.h>

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

/* A whole JSON file, read into memory to let json-glib say what is wrong
 * with it: decoded as the streaming reader decodes it */
static GPtrArray *
read_json_whole (const char                  *name,
                 const char                  *data,
                 gsize                        length,
                 const IndsatsImportOptions  *options,
                 IndsatsImportFile           *result,
                 GError                     **error)
{
  g_autofree char *converted = NULL;
  const char *text = data;

  if (length >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                      ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      gsize written = 0;
      if (!(converted = from_utf16 (name, data + 2, length - 2, (guchar) data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE",
                                    &written, error)))
        return NULL;
      text = converted;
      length = written;
    }
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
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
    }
  return indsats_import_read_json (name, text, length, options, result, error);
}

/* Told now and then how far the reading of all files has come */
typedef struct
{
  goffset                    total;   /* the bytes of every file */
  goffset                    base;    /* the bytes of the files read before this one */
  goffset                    told;
  IndsatsImportProgressFunc  func;
  gpointer                   data;
} Progress;

struct _IndsatsImportText
{
  const char    *name;
  GInputStream  *raw;        /* the file or the data, after any byte order mark */
  GInputStream  *decoded;    /* @raw, or a converter to UTF-8 over it */
  goffset        skip;       /* the bytes of the byte order mark */
  goffset        size;
  const char    *encoding;
  GCancellable  *cancellable;
  Progress      *progress;
};

#define CHUNK (64 * 1024)

static gboolean
cancel_error (GError **error)
{
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED, "The import was cancelled; nothing was changed");
  return FALSE;
}

gboolean
indsats_import_text_cancelled (IndsatsImportText  *text,
                               GError            **error)
{
  if (g_cancellable_is_cancelled (text->cancellable))
    return !cancel_error (error);
  return FALSE;
}

static void
tell_progress (Progress *progress,
               goffset   position)
{
  goffset done;

  if (progress == NULL || progress->func == NULL)
    return;
  done = progress->base + position;
  /* every half per cent, and at the end */
  if (done - progress->told < MAX (progress->total / 200, 1) && done < progress->total)
    return;
  progress->told = done;
  progress->func ((double) done / MAX (progress->total, 1), progress->data);
}

/**
 * indsats_import_text_read:
 *
 * Reads the next piece of a file's text, in UTF-8.
 *
 * Returns: the bytes read, 0 at the end, or -1 with @error set
 */
gssize
indsats_import_text_read (IndsatsImportText  *text,
                          char               *buffer,
                          gsize               size,
                          GError            **error)
{
  g_autoptr(GError) local = NULL;
  gssize n;

  if (indsats_import_text_cancelled (text, error))
    return -1;
  n = g_input_stream_read (text->decoded, buffer, size, NULL, &local);
  if (n < 0)
    {
      if (text->decoded != text->raw &&
          (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
           g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT)))
        {
          if (strcmp (text->encoding, "Windows-1252") == 0)
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                         "%s: the text is neither UTF-8 nor Windows-1252", text->name);
          else
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                         "%s: the file begins as %s text but is not valid %s", text->name, text->encoding,
                         text->encoding);
        }
      else
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", text->name, local->message);
      return -1;
    }
  if (memchr (buffer, '\0', n) != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: this is not a text file (it holds binary data); export the table as CSV", text->name);
      return -1;
    }
  tell_progress (text->progress, g_seekable_tell (G_SEEKABLE (text->raw)));
  return n;
}

static gboolean
seek_to (IndsatsImportText  *text,
         goffset             offset,
         GError            **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_seekable_seek (G_SEEKABLE (text->raw), offset, G_SEEK_SET, NULL, &local))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", text->name, local->message);
      return FALSE;
    }
  return TRUE;
}

/* Reads the file once to learn its encoding: UTF-8 when every byte says so,
 * else Windows-1252, as Excel on Windows writes CSV. A NUL byte is binary. */
static gboolean
scan_encoding (IndsatsImportText  *text,
               GError            **error)
{
  g_autofree char *buffer = g_malloc (CHUNK + 4);
  gboolean utf8 = TRUE;
  gsize carry = 0;

  while (TRUE)
    {
      g_autoptr(GError) local = NULL;
      gssize n = g_input_stream_read (text->raw, buffer + carry, CHUNK, NULL, &local);
      const char *end;
      gsize length;

      if (n < 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", text->name, local->message);
          return FALSE;
        }
      if (indsats_import_text_cancelled (text, error))
        return FALSE;
      if (memchr (buffer + carry, '\0', n) != NULL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s: this is not a text file (it holds binary data); export the table as CSV", text->name);
          return FALSE;
        }
      length = carry + n;
      if (utf8 && !g_utf8_validate_len (buffer, length, &end))
        {
          /* a character cut by the end of the piece waits for the next */
          gsize rest = buffer + length - end;
          if (n == 0 || rest >= 4 || g_utf8_get_char_validated (end, rest) != (gunichar) -2)
            utf8 = FALSE;
          else
            {
              memmove (buffer, end, rest);
              carry = rest;
              continue;
            }
        }
      carry = 0;
      if (n == 0)
        break;
    }
  text->encoding = utf8 ? "UTF-8" : "Windows-1252";
  return seek_to (text, text->skip, error);
}

static void
text_clear (IndsatsImportText *text)
{
  if (text->decoded != text->raw)
    g_clear_object (&text->decoded);
  g_clear_object (&text->raw);
}

/* Opens @raw (taken) as text: finds the encoding by its byte order mark or
 * its bytes, and decodes to UTF-8 from then on */
static gboolean
text_open (IndsatsImportText  *text,
           const char         *name,
           GInputStream       *raw,
           goffset             size,
           GCancellable       *cancellable,
           Progress           *progress,
           GError            **error)
{
  guchar head[3] = { 0 };
  gsize got = 0;
  const char *from = NULL;

  memset (text, 0, sizeof *text);
  text->name = name;
  text->raw = raw;
  text->decoded = raw;
  text->size = size;
  text->cancellable = cancellable;
  text->progress = progress;
  text->encoding = "UTF-8";
  if (!g_input_stream_read_all (raw, head, sizeof head, &got, NULL, NULL))
    got = 0;
  if (got == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the file is empty", name);
      return FALSE;
    }
  if (got >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
    {
      text->encoding = head[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      text->skip = 2;
      if ((size - 2) % 2 != 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s: the %s text ends in half a character; the file may be cut short", name, text->encoding);
          return FALSE;
        }
      from = text->encoding;
    }
  else
    {
      text->skip = got == 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
      if (!seek_to (text, text->skip, error) || !scan_encoding (text, error))
        return FALSE;
      if (strcmp (text->encoding, "Windows-1252") == 0)
        from = "WINDOWS-1252";
    }
  if (!seek_to (text, text->skip, error))
    return FALSE;
  if (from != NULL)
    {
      g_autoptr(GCharsetConverter) converter = g_charset_converter_new ("UTF-8", from, NULL);

      if (converter == NULL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: cannot read %s text on this system",
                       name, text->encoding);
          return FALSE;
        }
      text->decoded = g_converter_input_stream_new (raw, G_CONVERTER (converter));
    }
  return TRUE;
}

/**
 * indsats_import_text_load_whole:
 *
 * Returns: (transfer full): the file's bytes, as they are, for json-glib
 */
GBytes *
indsats_import_text_load_whole (IndsatsImportText  *text,
                                GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_sized_new (MAX (text->size, 0) + 1);
  g_autofree char *buffer = g_malloc (CHUNK);
  gssize n;

  if (!seek_to (text, 0, error))
    return NULL;
  while (TRUE)
    {
      g_autoptr(GError) local = NULL;

      if ((n = g_input_stream_read (text->raw, buffer, CHUNK, NULL, &local)) < 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", text->name, local->message);
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (bytes, (guint8 *) buffer, n);
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Reads an opened text as a CSV file or a JSON answer, handing each row to
 * @emit */
static gboolean
read_text (IndsatsImportText           *text,
           const IndsatsImportOptions  *options,
           IndsatsImportFile           *result,
           IndsatsImportEmitFunc        emit,
           gpointer                     emit_data,
           GError                     **error)
{
  g_autoptr(GString) start = g_string_new (NULL);
  g_autofree char *buffer = g_malloc (CHUNK);
  const char *begin;
  gsize i = 0;
  int outcome;

  result->encoding = text->encoding;
  /* the first character says JSON or CSV: read up to it */
  while (TRUE)
    {
      gssize n = indsats_import_text_read (text, buffer, CHUNK, error);

      if (n < 0)
        return FALSE;
      g_string_append_len (start, buffer, n);
      while (i < start->len && g_ascii_isspace (start->str[i]))
        i++;
      if (i < start->len || n == 0 || start->len > 1024 * 1024)
        break;
    }
  begin = start->str;
  if (start->len >= 3 && memcmp (begin, "\xEF\xBB\xBF", 3) == 0)
    {
      begin += 3;
      i = MAX (i, 3);
    }
  if (i == start->len)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the file is empty", text->name);
      return FALSE;
    }
  result->json = start->str[i] == '[' || start->str[i] == '{';
  if (!result->json)
    return indsats_import_stream_csv (text->name, text, begin, start->str + start->len - begin, options, result,
                                      emit, emit_data, error);

  outcome = indsats_import_stream_json (text->name, text, begin, start->str + start->len - begin, options,
                                        result, emit, emit_data, error);
  if (outcome >= 0)
    return outcome > 0;

  /* not as Jobindsats writes it: let json-glib say what is wrong, when the
   * file is small enough to hold */
  if (text->size > INDSATS_IMPORT_MAX_BYTES)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: not a Jobindsats answer, or not valid JSON (expected [{\"Variables\": …, \"Data\": …}] or "
                   "{\"columns\": …, \"rows\": …}); check the file's end, it may be cut short", text->name);
      return FALSE;
    }
  {
    g_autoptr(GBytes) whole = indsats_import_text_load_whole (text, error);
    g_autoptr(GPtrArray) rows = NULL;
    gsize length = 0;
    const char *data;

    if (whole == NULL)
      return FALSE;
    data = g_bytes_get_data (whole, &length);
    if (!(rows = read_json_whole (text->name, data ? data : "", length, options, result, error)))
      return FALSE;
    /* the rows told already are told again */
    if (!emit (NULL, emit_data, error))
      return FALSE;
    for (guint r = 0; r < rows->len; r++)
      if (!emit (g_steal_pointer (&rows->pdata[r]), emit_data, error))
        return FALSE;
  }
  return TRUE;
}

/* Opens a file by its path, refusing what is no plain file by its kind */
static GInputStream *
open_file (const char    *path,
           goffset       *size,
           GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local = NULL;
  struct stat st = { 0 };
  GFileInputStream *stream;
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
  close (fd);
  if (!(stream = g_file_read (file, NULL, &local)))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", path, local->message);
      return NULL;
    }
  *size = st.st_size;
  return G_INPUT_STREAM (stream);
}

static gboolean
collect_cb (IndsatsImportRow  *row,
            gpointer           user_data,
            GError           **error)
{
  if (row == NULL)
    g_ptr_array_set_size (user_data, 0);   /* read again from the start */
  else
    g_ptr_array_add (user_data, row);
  return TRUE;
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
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_row_free);
  IndsatsImportFile ignored = { 0 };
  IndsatsImportText text;
  gboolean ok;

  if (result == NULL)
    result = &ignored;
  ok = text_open (&text, name, g_memory_input_stream_new_from_data (data, length, NULL), length, NULL, NULL,
                  error) &&
       read_text (&text, options, result, collect_cb, rows, error);
  text_clear (&text);
  return ok ? g_steal_pointer (&rows) : NULL;
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
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_row_free);
  IndsatsImportFile ignored = { 0 };
  IndsatsImportText text = { 0 };
  GInputStream *raw;
  goffset size = 0;
  gboolean ok;

  if (result == NULL)
    result = &ignored;
  if (!(raw = open_file (path, &size, error)))
    return NULL;
  ok = text_open (&text, path, raw, size, cancellable, NULL, error) &&
       read_text (&text, options, result, collect_cb, rows, error);
  text_clear (&text);
  return ok ? g_steal_pointer (&rows) : NULL;
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

/* One series of the import (a table's measure at one breakdown), as its rows
 * are checked and written */
typedef struct
{
  char     *name;
  guint     number;      /* this import's own: the key of its values */
  gint64    id;          /* in the database, once written; 0 before */
  gboolean  skipped;     /* not among the series to keep */
  IndsatsImportCount *count;
  IndsatsPeriodKind kind; /* of its first row, which is at: */
  guint     kind_file;
  guint     kind_line;
  char     *unit;        /* the first unit a row names, at: */
  guint     unit_file;
  guint     unit_line;
} Series;

static void
series_free (Series *series)
{
  g_free (series->name);
  g_free (series->unit);
  g_free (series);
}

/* What one file brought, for the preview */
typedef struct
{
  GHashTable   *measures;
  GHashTable   *areas;
  IndsatsPeriod first;
  IndsatsPeriod last;
} Described;

/* Checks each row against the import's others and writes it into the open
 * transaction as it comes: one value per series, area and period, one kind
 * of period and one unit per series. A row that repeats another with the same
 * value is dropped; one that contradicts it is refused naming both places.
 * The keys of the values written wait in a temporary database, so the memory
 * an import takes does not grow with its rows. */
typedef struct
{
  IndsatsStore         *store;
  IndsatsImportSummary *summary;
  GHashTable           *keep;
  GCancellable         *cancellable;
  Progress             *progress;
  char                 *now;
  GHashTable           *stored;       /* name → IndsatsIndicator, before the import */
  GPtrArray            *stored_list;
  GHashTable           *series;       /* name → Series */
  GHashTable           *counts;       /* name → IndsatsImportCount */
  GHashTable           *areas;        /* area → its number */
  sqlite3              *seen_db;
  sqlite3_stmt         *seen_insert;
  sqlite3_stmt         *seen_find;
  guint                 n_rows;
  /* the file being read */
  guint                 f;
  IndsatsImportFile    *file;
  const char           *file_table;
  char                 *source;
  Described             described;
  /* the last row's series: rows of one series often come together */
  char                 *last_indicator;
  char                 *last_breakdown;
  gboolean              last_total;
  Series               *last_series;
  /* A file's own faults are named before the rows' disagreements, and those
   * before the database's: the first of each waits until every file is read */
  GError               *check_error;
  GError               *store_error;
} Writer;

static gboolean
seen_open (Writer  *w,
           GError **error)
{
  /* "": a private database in a temporary file, gone when closed */
  if (sqlite3_open_v2 ("", &w->seen_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
      sqlite3_exec (w->seen_db,
                    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2048;"
                    "CREATE TABLE seen (key INTEGER PRIMARY KEY, file INTEGER, line INTEGER, value REAL);"
                    "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (w->seen_db,
                          "INSERT INTO seen VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                          -1, &w->seen_insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (w->seen_db,
                          "SELECT file, line, value FROM seen WHERE key = ?1",
                          -1, &w->seen_find, NULL) != SQLITE_OK)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   "Cannot open a temporary file for the import (%s); free some disk space and try again",
                   w->seen_db ? sqlite3_errmsg (w->seen_db) : "out of memory");
      return FALSE;
    }
  return TRUE;
}

static void
described_clear (Described *d)
{
  g_clear_pointer (&d->measures, g_hash_table_unref);
  g_clear_pointer (&d->areas, g_hash_table_unref);
}

static void
writer_clear (Writer *w)
{
  sqlite3_finalize (w->seen_insert);
  sqlite3_finalize (w->seen_find);
  sqlite3_close (w->seen_db);
  g_clear_pointer (&w->now, g_free);
  g_clear_pointer (&w->stored, g_hash_table_unref);
  g_clear_pointer (&w->stored_list, g_ptr_array_unref);
  g_clear_pointer (&w->series, g_hash_table_unref);
  g_clear_pointer (&w->counts, g_hash_table_unref);
  g_clear_pointer (&w->areas, g_hash_table_unref);
  g_clear_pointer (&w->source, g_free);
  g_clear_pointer (&w->last_indicator, g_free);
  g_clear_pointer (&w->last_breakdown, g_free);
  g_clear_error (&w->check_error);
  g_clear_error (&w->store_error);
  described_clear (&w->described);
}

static gboolean
writer_init (Writer                     *w,
             IndsatsStore               *store,
             IndsatsImportSummary       *summary,
             GHashTable                 *keep,
             GCancellable               *cancellable,
             Progress                   *progress,
             GError                    **error)
{
  memset (w, 0, sizeof *w);
  w->store = store;
  w->summary = summary;
  w->keep = keep;
  w->cancellable = cancellable;
  w->progress = progress;
  w->now = indsats_store_now ();
  w->stored = g_hash_table_new (g_str_hash, g_str_equal);
  w->series = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) series_free);
  w->counts = g_hash_table_new (g_str_hash, g_str_equal);
  w->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(w->stored_list = indsats_store_list_indicators (store, error)))
    return FALSE;
  for (guint i = 0; i < w->stored_list->len; i++)
    {
      IndsatsIndicator *ind = g_ptr_array_index (w->stored_list, i);
      g_hash_table_insert (w->stored, ind->name, ind);
    }
  return seen_open (w, error);
}

static void
writer_start_file (Writer            *w,
                   guint              f,
                   IndsatsImportFile *file,
                   const char        *source)
{
  w->f = f;
  w->file = file;
  w->file_table = file->table;
  g_free (w->source);
  w->source = indsats_text_normalize (source);
  g_clear_pointer (&w->last_indicator, g_free);
  g_clear_pointer (&w->last_breakdown, g_free);
  w->last_series = NULL;
  described_clear (&w->described);
  w->described.measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->described.areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  file->measures = g_ptr_array_new_with_free_func (g_free);
  file->breakdowns = g_ptr_array_new_with_free_func (g_free);
  file->areas = g_ptr_array_new_with_free_func (g_free);
}

static void
writer_end_file (Writer *w)
{
  if (w->file->values > 0)
    {
      w->file->first = indsats_period_to_string (&w->described.first);
      w->file->last = indsats_period_to_string (&w->described.last);
    }
  described_clear (&w->described);
}

/* What a file holds, for the preview: its measures, breakdowns, areas and periods */
static void
describe_row (Writer                 *w,
              const IndsatsImportRow *row)
{
  IndsatsImportFile *file = w->file;
  Described *d = &w->described;

  if (!g_hash_table_contains (d->measures, row->indicator))
    {
      g_hash_table_add (d->measures, g_strdup (row->indicator));
      g_ptr_array_add (file->measures, g_strdup (row->indicator));
    }
  if (!g_hash_table_contains (d->areas, row->area))
    {
      g_hash_table_add (d->areas, g_strdup (row->area));
      g_ptr_array_add (file->areas, g_strdup (row->area));
    }
  if (file->values == 0 || indsats_period_compare (&row->period, &d->first) < 0)
    d->first = row->period;
  if (file->values == 0 || indsats_period_compare (&row->period, &d->last) > 0)
    d->last = row->period;
  if (file->values == 0)
    {
      g_auto(GStrv) pairs = g_strsplit (row->breakdown, "; ", -1);

      for (guint i = 0; pairs[i]; i++)
        {
          const char *colon = strstr (pairs[i], ": ");
          if (colon != NULL)
            g_ptr_array_add (file->breakdowns, g_strndup (pairs[i], colon - pairs[i]));
        }
    }
  file->values++;
}

static char *
location_in (Writer *w,
             guint   f,
             guint   line)
{
  IndsatsImportFile *file = g_ptr_array_index (w->summary->read, f);
  IndsatsImportRow row = { .line = line };

  return indsats_import_location (file, &row);
}

static Series *
series_for (Writer                 *w,
            const IndsatsImportRow *row)
{
  g_autofree char *name = NULL;
  Series *series;

  if (w->last_series != NULL && row->total == w->last_total && strcmp (row->indicator, w->last_indicator) == 0 &&
      strcmp (row->breakdown, w->last_breakdown) == 0)
    return w->last_series;
  name = indsats_import_indicator_name (w->file_table, row->indicator, row->breakdown, row->total);
  if (!(series = g_hash_table_lookup (w->series, name)))
    {
      series = g_new0 (Series, 1);
      series->name = g_steal_pointer (&name);
      series->number = g_hash_table_size (w->series) + 1;
      series->skipped = w->keep != NULL && !g_hash_table_contains (w->keep, series->name);
      series->kind = row->period.kind;
      series->kind_file = w->f;
      series->kind_line = row->line;
      g_hash_table_insert (w->series, series->name, series);
    }
  g_free (w->last_indicator);
  g_free (w->last_breakdown);
  w->last_indicator = g_strdup (row->indicator);
  w->last_breakdown = g_strdup (row->breakdown);
  w->last_total = row->total;
  w->last_series = series;
  return series;
}

static gboolean
seen_failed (Writer  *w,
             GError **error)
{
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
               "Cannot keep the import's keys in a temporary file (%s); free some disk space and try again",
               sqlite3_errmsg (w->seen_db));
  return FALSE;
}

/* Whether the row is new to this import (TRUE), repeats a value with the same
 * value (FALSE, no error), or contradicts one (FALSE, @error set) */
static gboolean
first_time (Writer                 *w,
            Series                 *series,
            const IndsatsImportRow *row,
            GError                **error)
{
  gpointer area = g_hash_table_lookup (w->areas, row->area);
  guint64 period = (guint64) row->period.kind << 18 | (indsats_period_ordinal (&row->period) & 0x3ffff);
  sqlite3_stmt *st = w->seen_insert;
  gboolean same;
  double there;
  guint there_file, there_line;
  char periodtext[32];
  gint64 key;

  if (area == NULL)
    {
      area = GUINT_TO_POINTER (g_hash_table_size (w->areas) + 1);
      g_hash_table_insert (w->areas, g_strdup (row->area), area);
    }
  /* one number per series, area and period: 21 bits each */
  if (series->number >= 1u << 21 || GPOINTER_TO_UINT (area) >= 1u << 21)
    {
      g_autofree char *here = location_in (w, w->f, row->line);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: the import holds more than 2,097,151 series or areas; import the files a few at a time",
                   here);
      return FALSE;
    }
  key = (gint64) ((guint64) series->number << 42 | (guint64) GPOINTER_TO_UINT (area) << 21 | period);
  sqlite3_bind_int64 (st, 1, key);
  sqlite3_bind_int64 (st, 2, w->f);
  sqlite3_bind_int64 (st, 3, row->line);
  if (isnan (row->value))
    sqlite3_bind_null (st, 4);
  else
    sqlite3_bind_double (st, 4, row->value);
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      sqlite3_reset (st);
      return seen_failed (w, error);
    }
  sqlite3_reset (st);
  if (sqlite3_changes (w->seen_db) == 1)
    return TRUE;

  st = w->seen_find;
  sqlite3_bind_int64 (st, 1, key);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      return seen_failed (w, error);
    }
  there_file = sqlite3_column_int (st, 0);
  there_line = sqlite3_column_int (st, 1);
  there = sqlite3_column_type (st, 2) == SQLITE_NULL ? NAN : sqlite3_column_double (st, 2);
  sqlite3_reset (st);
  same = isnan (there) || isnan (row->value) ? isnan (there) && isnan (row->value) : there == row->value;
  if (same)
    return FALSE;   /* the same value again: once is enough */

  {
    /* name the later of the two first, as the file reads */
    gboolean later = there_file > w->f || (there_file == w->f && there_line > row->line);
    g_autofree char *here = location_in (w, w->f, row->line);
    g_autofree char *other = location_in (w, there_file, there_line);
    char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

    if (isnan (row->value))
      g_strlcpy (a, "no value", sizeof a);
    else
      g_ascii_formatd (a, sizeof a, "%.15g", row->value);
    if (isnan (there))
      g_strlcpy (b, "no value", sizeof b);
    else
      g_ascii_formatd (b, sizeof b, "%.15g", there);
    indsats_period_write (&row->period, periodtext, sizeof periodtext);
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                 "%s: “%s”, %s, %s is %s here but %s at %s; keep one of the two",
                 later ? other : here, series->name, row->area, periodtext, later ? b : a, later ? a : b,
                 later ? here : other);
  }
  return FALSE;
}

/* One kind of period and one unit per series in the import */
static gboolean
check_series (Writer                 *w,
              Series                 *series,
              const IndsatsImportRow *row,
              GError                **error)
{
  if (series->kind != row->period.kind)
    {
      g_autofree char *here = location_in (w, w->f, row->line);
      g_autofree char *there = location_in (w, series->kind_file, series->kind_line);
      const char *kind = indsats_period_kind_to_string (row->period.kind);
      char period[32];

      indsats_period_write (&row->period, period, sizeof period);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: %s is a %s, but “%s” has values by %s (%s); an indicator holds one kind of "
                   "period: import the %s values as an indicator of their own",
                   here, period, kind, series->name, indsats_period_kind_to_string (series->kind), there, kind);
      return FALSE;
    }
  if (row->unit != NULL && !row->unit_from_label)
    {
      if (series->unit == NULL)
        {
          series->unit = g_strdup (row->unit);
          series->unit_file = w->f;
          series->unit_line = row->line;
        }
      else if (!indsats_import_units_equal (series->unit, row->unit))
        {
          g_autofree char *here = location_in (w, w->f, row->line);
          g_autofree char *there = location_in (w, series->unit_file, series->unit_line);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s: the unit of “%s” is “%s” here but “%s” at %s; an indicator has one unit",
                       here, series->name, row->unit, series->unit, there);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
put_row (Writer                 *w,
         Series                 *series,
         const IndsatsImportRow *row,
         GError                **error)
{
  IndsatsObservationChange change;
  IndsatsImportCount *count;

  if (series->id == 0)
    {
      series->id = indsats_store_ensure_table_indicator (w->store, w->file_table, row->indicator, row->breakdown,
                                                         series->name, row->unit ? row->unit : "", error);
      if (series->id == 0)
        {
          g_autofree char *where = indsats_import_location (w->file, row);
          g_prefix_error (error, "%s: ", where);
          return FALSE;
        }
      if (!check_against_store (w->store, w->stored, series->id, series->name, row, w->file, error))
        return FALSE;
    }
  if (series->count == NULL)
    {
      count = g_hash_table_lookup (w->counts, series->name);
      if (count == NULL)
        {
          count = g_new0 (IndsatsImportCount, 1);
          count->indicator = g_strdup (series->name);
          g_ptr_array_add (w->summary->counts, count);
          g_hash_table_insert (w->counts, count->indicator, count);
        }
      series->count = count;
    }
  count = series->count;
  count->total = row->total;
  if (!indsats_store_put_observation (w->store, series->id, row->area, &row->period, row->value, FALSE,
                                      w->source, w->now, &change, error))
    {
      g_autofree char *where = indsats_import_location (w->file, row);
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  w->summary->rows++;
  if (change == INDSATS_OBSERVATION_ADDED)
    count->added++;
  else if (change == INDSATS_OBSERVATION_UPDATED)
    count->updated++;
  else
    count->unchanged++;
  return TRUE;
}

static gboolean
write_cb (IndsatsImportRow  *row_in,
          gpointer           user_data,
          GError           **error)
{
  g_autoptr(GError) local = NULL;
  Writer *w = user_data;
  IndsatsImportRow *row = row_in;
  Series *series;
  gboolean ok = TRUE;

  /* the file is read again from the start: the rows written already come
   * again with the same values, and are dropped as repeats */
  if (row == NULL)
    return TRUE;
  if ((++w->n_rows & 0xfff) == 0 && g_cancellable_is_cancelled (w->cancellable))
    {
      ok = cancel_error (error);
      goto out;
    }
  /* after a disagreement, the files are only read on, for faults of their own */
  if (w->check_error != NULL)
    goto out;
  series = series_for (w, row);
  if (!check_series (w, series, row, &w->check_error))
    goto out;
  if (!first_time (w, series, row, &w->check_error))
    goto out;   /* a repeat is dropped */
  describe_row (w, row);
  if (series->skipped || w->store_error != NULL)
    goto out;
  if (!put_row (w, series, row, &local))
    {
      if (g_error_matches (local, INDSATS_ERROR, INDSATS_ERROR_INVALID))
        w->store_error = g_steal_pointer (&local);
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          ok = FALSE;
        }
    }

out:
  indsats_import_row_free (row);
  return ok;
}

/* Opens, reads and writes one file or answer; @raw is taken */
static gboolean
import_one (Writer                     *w,
            guint                       f,
            const char                 *name,
            GInputStream               *raw,
            goffset                     size,
            const IndsatsImportOptions *options,
            const char                 *source,
            GError                    **error)
{
  IndsatsImportFile *file = g_ptr_array_index (w->summary->read, f);
  IndsatsImportText text;
  gboolean ok;

  writer_start_file (w, f, file, source);
  ok = text_open (&text, name, raw, size, w->cancellable, w->progress, error) &&
       read_text (&text, options, file, write_cb, w, error);
  text_clear (&text);
  if (ok)
    writer_end_file (w);
  if (w->progress)
    w->progress->base += size;
  return ok;
}

/* Ends the import: commits it, or rolls it back for a dry run */
static IndsatsImportSummary *
writer_finish (Writer                *w,
               gboolean               dry_run,
               guint                  n_files,
               IndsatsImportSummary **summary,
               GError               **error)
{
  gboolean failed = TRUE;

  if (g_cancellable_is_cancelled (w->cancellable))
    cancel_error (error);
  else if (w->check_error != NULL)
    g_propagate_error (error, g_steal_pointer (&w->check_error));
  else if (w->store_error != NULL)
    g_propagate_error (error, g_steal_pointer (&w->store_error));
  else
    failed = FALSE;
  if (failed)
    {
      indsats_store_rollback (w->store);
      return NULL;
    }
  if (dry_run)
    indsats_store_rollback (w->store);
  else if (!indsats_store_commit (w->store, error))
    return NULL;
  if (w->progress && w->progress->func)
    w->progress->func (1.0, w->progress->data);
  (*summary)->files = n_files;
  return g_steal_pointer (summary);
}

/**
 * indsats_import_files:
 * @paths: the files
 * @options: (nullable): the Jobindsats table every file holds (%NULL: the
 *   table id in each file's name, if any) and the decimal mark of every file
 *   (UNKNOWN: decided per column)
 * @dry_run: check and count, but write nothing
 * @cancellable: (nullable): cancelling rolls everything back
 * @progress: (nullable): told the share of the files' bytes read now and then
 *
 * Imports the files in one transaction, reading each a piece at a time and
 * writing its rows as they are read, so a file of any size takes little
 * memory. A value that changed is updated and its revision recorded; one bad
 * row in any file changes nothing at all.
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
  g_autoptr(IndsatsImportSummary) summary = NULL;
  const char *table = options ? options->table : NULL;
  Progress told = { 0, 0, 0, progress, user_data };
  Writer w;
  guint n_paths;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  summary = summary_new ();
  n_paths = g_strv_length ((char **) paths);
  for (guint f = 0; f < n_paths; f++)
    {
      IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);
      GStatBuf st;

      file->path = g_strdup (paths[f]);
      file->table = table ? g_strdup (table) : indsats_import_table_from_name (paths[f]);
      g_ptr_array_add (summary->read, file);
      if (g_stat (paths[f], &st) == 0 && S_ISREG (st.st_mode))
        told.total += st.st_size;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      cancel_error (error);
      return NULL;
    }
  if (!writer_init (&w, store, summary, keep, cancellable, &told, error))
    {
      writer_clear (&w);
      return NULL;
    }
  if (!indsats_store_begin (store, error))
    {
      writer_clear (&w);
      return NULL;
    }
  for (guint f = 0; f < n_paths; f++)
    {
      g_autofree char *base = g_path_get_basename (paths[f]);
      g_autofree char *source = g_strdup_printf ("Import: %s", base);
      GInputStream *raw;
      goffset size = 0;

      if (!(raw = open_file (paths[f], &size, error)) ||
          !import_one (&w, f, paths[f], raw, size, options, source, error))
        {
          indsats_store_rollback (store);
          writer_clear (&w);
          return NULL;
        }
    }
  {
    IndsatsImportSummary *done = writer_finish (&w, dry_run, n_paths, &summary, error);
    writer_clear (&w);
    return done;
  }
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
  g_autoptr(IndsatsImportSummary) summary = NULL;
  Progress told = { 0, 0, 0, progress, user_data };
  Writer w;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (answers != NULL || n_answers == 0, NULL);

  summary = summary_new ();
  for (guint a = 0; a < n_answers; a++)
    {
      IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);

      file->path = g_strdup (answers[a].name);
      file->table = g_strdup (answers[a].table);
      g_ptr_array_add (summary->read, file);
      told.total += g_bytes_get_size (answers[a].data);
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      cancel_error (error);
      return NULL;
    }
  if (!writer_init (&w, store, summary, NULL, cancellable, &told, error) || !indsats_store_begin (store, error))
    {
      writer_clear (&w);
      return NULL;
    }
  for (guint a = 0; a < n_answers; a++)
    {
      if (!import_one (&w, a, answers[a].name, g_memory_input_stream_new_from_bytes (answers[a].data),
                       g_bytes_get_size (answers[a].data), NULL, answers[a].source, error))
        {
          indsats_store_rollback (store);
          writer_clear (&w);
          return NULL;
        }
    }
  {
    IndsatsImportSummary *done = writer_finish (&w, dry_run, n_answers, &summary, error);
    writer_clear (&w);
    return done;
  }
}
