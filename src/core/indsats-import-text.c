/* indsats-import-text.c
 *
 * A key-figure file read as text, a piece at a time: its encoding found by
 * its byte order mark or its bytes (UTF-8, UTF-16, Windows-1252), decoded to
 * UTF-8, with progress told and Cancel heard as it goes, and handed to the
 * CSV or JSON reader.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "indsats-error.h"

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
                   _("%s: the %s text ends in half a character; the file may be cut short"), name, encoding);
      return NULL;
    }
  text = g_convert (data, length, "UTF-8", encoding, NULL, written, &local);
  if (text == NULL)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                 _("%s: the file begins as %s text but is not valid %s"), name, encoding, encoding);
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
                       _("%s: the text is neither UTF-8 nor Windows-1252"), name);
          return NULL;
        }
      g_free (converted);
      text = converted = latin;
      length = written;
    }
  return indsats_import_read_json (name, text, length, options, result, error);
}

#define CHUNK (64 * 1024)

gboolean
indsats_import_cancel_error (GError **error)
{
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED, _("The import was cancelled; nothing was changed"));
  return FALSE;
}

gboolean
indsats_import_text_cancelled (IndsatsImportText  *text,
                               GError            **error)
{
  if (g_cancellable_is_cancelled (text->cancellable))
    return !indsats_import_cancel_error (error);
  return FALSE;
}

static void
tell_progress (IndsatsImportProgress *progress,
               goffset                position)
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
                         _("%s: the text is neither UTF-8 nor Windows-1252"), text->name);
          else
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                         _("%s: the file begins as %s text but is not valid %s"), text->name, text->encoding,
                         text->encoding);
        }
      else
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, "%s: %s", text->name, local->message);
      return -1;
    }
  if (memchr (buffer, '\0', n) != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: this is not a text file (it holds binary data); export the table as CSV"), text->name);
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

/* Whether @text is UTF-8 all through, with @end at the first byte that is not,
 * as g_utf8_validate_len() says for text without NUL; the ASCII that most
 * of a key-figure file is, is passed over eight bytes at a time */
static gboolean
utf8_valid (const char  *text,
            gsize        length,
            const char **end)
{
  gsize i = 0;

  while (i < length)
    {
      gsize j;

      for (guint64 word; i + 8 <= length; i += 8)
        {
          memcpy (&word, text + i, sizeof word);
          if (word & G_GUINT64_CONSTANT (0x8080808080808080))
            break;
        }
      while (i < length && (guchar) text[i] < 0x80)
        i++;
      for (j = i; j < length && (guchar) text[j] >= 0x80; j++)
        ;
      if (j > i && !g_utf8_validate_len (text + i, j - i, end))
        return FALSE;
      i = j;
    }
  *end = text + length;
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
                       _("%s: this is not a text file (it holds binary data); export the table as CSV"), text->name);
          return FALSE;
        }
      length = carry + n;
      if (utf8 && !utf8_valid (buffer, length, &end))
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

void
indsats_import_text_clear (IndsatsImportText *text)
{
  if (text->decoded != text->raw)
    g_clear_object (&text->decoded);
  g_clear_object (&text->raw);
}

/* Opens @raw (taken) as text: finds the encoding by its byte order mark or
 * its bytes, and decodes to UTF-8 from then on */
gboolean
indsats_import_text_open (IndsatsImportText      *text,
                          const char             *name,
                          GInputStream           *raw,
                          goffset                 size,
                          GCancellable           *cancellable,
                          IndsatsImportProgress  *progress,
                          GError                **error)
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
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: the file is empty"), name);
      return FALSE;
    }
  if (got >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
    {
      text->encoding = head[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      text->skip = 2;
      if ((size - 2) % 2 != 0)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("%s: the %s text ends in half a character; the file may be cut short"), name, text->encoding);
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
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("%s: cannot read %s text on this system"),
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
gboolean
indsats_import_text_parse (IndsatsImportText           *text,
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
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: the file is empty"), text->name);
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
                   _("%s: not a Jobindsats answer, or not valid JSON (expected [{\"Variables\": …, \"Data\": …}] or "
                   "{\"columns\": …, \"rows\": …}); check the file's end, it may be cut short"), text->name);
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
      if (!emit (g_ptr_array_index (rows, r), emit_data, error))
        return FALSE;
  }
  return TRUE;
}

/* Opens a file by its path, refusing what is no plain file by its kind */
GInputStream *
indsats_import_open_file (const char  *path,
                          goffset     *size,
                          GError     **error)
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
                   _("%s is %s, not a file; name a CSV or JSON file"), path,
                   S_ISDIR (st.st_mode) ? _("a folder") :
                   S_ISFIFO (st.st_mode) ? _("a pipe (FIFO)") :
                   S_ISSOCK (st.st_mode) ? _("a socket") :
                   S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode) ? _("a device") : _("not a plain file"));
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
    g_ptr_array_add (user_data, indsats_import_row_copy (row));
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
  ok = indsats_import_text_open (&text, name, g_memory_input_stream_new_from_data (data, length, NULL), length, NULL, NULL,
                  error) &&
       indsats_import_text_parse (&text, options, result, collect_cb, rows, error);
  indsats_import_text_clear (&text);
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
  if (!(raw = indsats_import_open_file (path, &size, error)))
    return NULL;
  ok = indsats_import_text_open (&text, path, raw, size, cancellable, NULL, error) &&
       indsats_import_text_parse (&text, options, result, collect_cb, rows, error);
  indsats_import_text_clear (&text);
  return ok ? g_steal_pointer (&rows) : NULL;
}
