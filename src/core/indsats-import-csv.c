/* indsats-import-csv.c: CSV files, ';', ',' or tab separated; the separator
 * says nothing about the decimal mark, each column shows its own. The text
 * is read a piece at a time and each row handed on as it is read. */
#include "config.h"

#include "indsats-import-private.h"

#include <string.h>

#include "indsats-error.h"

#define CHUNK (64 * 1024)

/* The first line of a file is looked at whole to find its separator; one
 * longer than this is no key-figure header */
#define MAX_HEADER (16 * 1024 * 1024)

typedef struct
{
  const char                 *file;
  const IndsatsImportOptions *options;
  IndsatsImportFile          *result;
  IndsatsImportEmitFunc       emit;
  gpointer                    emit_data;
  IndsatsImportTable          table;
  char                        separator;
  gboolean                    have_header;
  GPtrArray                  *fields;
  GString                    *field;
  gboolean                    quoted;
  gboolean                    quote_seen;   /* a quote in a quoted field: closing, or the first of two */
  gboolean                    cr_seen;      /* a record ended with CR: a LF right after belongs to it */
  gboolean                    field_started;
  guint                       line;
  guint                       record_line;
} Csv;

static char
detect_separator (const char *text,
                  gsize       length)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length && (quoted || (text[i] != '\n' && text[i] != '\r')); i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (!quoted)
        {
          semicolons += text[i] == ';';
          commas += text[i] == ',';
          tabs += text[i] == '\t';
        }
    }
  if (semicolons >= commas && semicolons >= tabs && semicolons > 0)
    return ';';
  if (tabs >= commas && tabs > 0)
    return '\t';
  return ',';
}

/* Whether @text holds the end of the first line, outside quotes */
static gboolean
has_first_line (const char *text,
                gsize       length)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (!quoted && (text[i] == '\n' || text[i] == '\r'))
        return TRUE;
    }
  return FALSE;
}

static gboolean
end_record (Csv     *p,
            GError **error)
{
  gboolean blank = p->fields->len == 0 && p->field->len == 0 && !p->field_started;

  if (!blank)
    {
      g_ptr_array_add (p->fields, g_strndup (p->field->str, p->field->len));
      if (!p->have_header)
        {
          if (!indsats_import_table_init (&p->table, p->file, FALSE, p->options, p->result, p->emit, p->emit_data,
                                          (char **) p->fields->pdata, p->fields->len, error))
            return FALSE;
          p->have_header = TRUE;
        }
      else if (!indsats_import_table_add_row (&p->table, (char **) p->fields->pdata, NULL, p->fields->len,
                                              p->record_line, error))
        return FALSE;
    }
  g_ptr_array_set_size (p->fields, 0);
  g_string_truncate (p->field, 0);
  p->field_started = FALSE;
  return TRUE;
}

static gboolean
feed (Csv         *p,
      const char  *text,
      gsize        length,
      GError     **error)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (p->cr_seen)
        {
          p->cr_seen = FALSE;
          if (c == '\n')
            continue;
        }
      if (p->quote_seen)
        {
          p->quote_seen = FALSE;
          if (c == '"')
            {
              g_string_append_c (p->field, '"');
              goto next;
            }
          p->quoted = FALSE;
        }

      if (p->quoted)
        {
          if (c == '"')
            p->quote_seen = TRUE;
          else
            {
              if (c == '\n')
                p->line++;
              g_string_append_c (p->field, c);
            }
        }
      else if (c == '"' && p->field->len == 0)
        {
          p->quoted = TRUE;
          p->field_started = TRUE;
        }
      else if (c == p->separator)
        {
          g_ptr_array_add (p->fields, g_strndup (p->field->str, p->field->len));
          g_string_truncate (p->field, 0);
          p->field_started = TRUE;
        }
      else if (c == '\n' || c == '\r')
        {
          if (!end_record (p, error))
            return FALSE;
          p->cr_seen = c == '\r';
          p->line++;
          p->record_line = p->line;
        }
      else
        g_string_append_c (p->field, c);

    next:
      if (p->field->len > INDSATS_IMPORT_MAX_CELL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s:%u: a field is longer than %d characters; this is not a key-figure file",
                       p->file, p->record_line, INDSATS_IMPORT_MAX_CELL);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
finish (Csv     *p,
        GError **error)
{
  if (p->quote_seen)
    {
      p->quote_seen = FALSE;
      p->quoted = FALSE;
    }
  if (p->quoted)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s:%u: a quoted field is not closed; the file may be cut short", p->file, p->record_line);
      return FALSE;
    }
  if (!end_record (p, error))
    return FALSE;
  if (!p->have_header)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the file holds no table", p->file);
      return FALSE;
    }
  if (p->table.n_rows == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s:2: the table has a header but no rows", p->file);
      return FALSE;
    }
  return indsats_import_table_finish (&p->table, error);
}

/**
 * indsats_import_stream_csv:
 * @file: the name used in messages
 * @text: the rest of the text, UTF-8 without a byte order mark
 * @start: the text read already
 * @emit: told each row, in the order they are read (a row whose number waits
 *   for its column's decimal mark comes when the mark is known)
 *
 * Returns: whether the whole file was read, or %FALSE with @error naming the
 *   file and line
 */
gboolean
indsats_import_stream_csv (const char                  *file,
                           IndsatsImportText           *text,
                           const char                  *start,
                           gsize                        start_length,
                           const IndsatsImportOptions  *options,
                           IndsatsImportFile           *result,
                           IndsatsImportEmitFunc        emit,
                           gpointer                     emit_data,
                           GError                     **error)
{
  g_autoptr(GString) head = g_string_new_len (start, start_length);
  g_autofree char *buffer = g_malloc (CHUNK);
  Csv p = { 0 };
  gboolean ok = FALSE, eof = FALSE;
  gssize n;

  p.file = file;
  p.options = options;
  p.result = result;
  p.emit = emit;
  p.emit_data = emit_data;
  p.fields = g_ptr_array_new_with_free_func (g_free);
  p.field = g_string_new (NULL);
  p.line = p.record_line = 1;

  /* the separator is the first line's */
  while (!has_first_line (head->str, head->len) && head->len < MAX_HEADER)
    {
      if ((n = indsats_import_text_read (text, buffer, CHUNK, error)) < 0)
        goto out;
      if (n == 0)
        {
          eof = TRUE;
          break;
        }
      g_string_append_len (head, buffer, n);
    }
  p.separator = detect_separator (head->str, head->len);
  if (!feed (&p, head->str, head->len, error))
    goto out;
  while (!eof)
    {
      if ((n = indsats_import_text_read (text, buffer, CHUNK, error)) < 0)
        goto out;
      if (n == 0)
        break;
      if (!feed (&p, buffer, n, error))
        goto out;
    }
  ok = finish (&p, error);

out:
  indsats_import_table_clear (&p.table);
  g_ptr_array_unref (p.fields);
  g_string_free (p.field, TRUE);
  return ok;
}
