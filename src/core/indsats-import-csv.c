/* indsats-import-csv.c: CSV files, ';', ',' or tab separated; the separator
 * says nothing about the decimal mark, each column shows its own. The text
 * is read a piece at a time and each row handed on as it is read. */
#include "config.h"

#include "indsats-import-private.h"

#include <glib/gi18n-lib.h>
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
  gboolean                    special[256]; /* what ends a run of plain characters outside quotes */
  gboolean                    have_header;
  char                       *record;       /* the record's fields so far, each ended by a NUL */
  gsize                       length;
  gsize                       size;
  gsize                      *starts;       /* where each field ended so far starts */
  guint                       n_fields;
  guint                       max_fields;
  gsize                       field_start;  /* where the field being read starts */
  char                      **cells;        /* the fields, pointing into record */
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

static inline gsize
field_length (const Csv *p)
{
  return p->length - p->field_start;
}

static void
append (Csv        *p,
        const char *text,
        gsize       length)
{
  if (p->length + length + 1 > p->size)
    {
      p->size = MAX (p->size * 2, p->length + length + 1);
      p->record = g_realloc (p->record, p->size);
    }
  memcpy (p->record + p->length, text, length);
  p->length += length;
}

static void
end_field (Csv *p)
{
  append (p, "", 1);
  if (p->n_fields == p->max_fields)
    {
      p->max_fields = MAX (16, p->max_fields * 2);
      p->starts = g_renew (gsize, p->starts, p->max_fields);
      p->cells = g_renew (char *, p->cells, p->max_fields);
    }
  p->starts[p->n_fields++] = p->field_start;
  p->field_start = p->length;
}

static gboolean
end_record (Csv     *p,
            GError **error)
{
  gboolean blank = p->n_fields == 0 && field_length (p) == 0 && !p->field_started;

  if (!blank)
    {
      end_field (p);
      for (guint i = 0; i < p->n_fields; i++)
        p->cells[i] = p->record + p->starts[i];
      if (!p->have_header)
        {
          if (!indsats_import_table_init (&p->table, p->file, FALSE, p->options, p->result, p->emit, p->emit_data,
                                          p->cells, p->n_fields, error))
            return FALSE;
          p->have_header = TRUE;
        }
      else if (!indsats_import_table_add_row (&p->table, p->cells, NULL, p->n_fields, p->record_line, error))
        return FALSE;
    }
  p->length = 0;
  p->n_fields = 0;
  p->field_start = 0;
  p->field_started = FALSE;
  return TRUE;
}

/* Reads on: runs of plain characters, and of quoted text, are taken whole */
static gboolean
feed (Csv         *p,
      const char  *text,
      gsize        length,
      GError     **error)
{
  gsize i = 0;

  while (i < length)
    {
      char c = text[i];

      if (p->cr_seen)
        {
          p->cr_seen = FALSE;
          if (c == '\n')
            {
              i++;
              continue;
            }
        }
      if (p->quote_seen)
        {
          p->quote_seen = FALSE;
          if (c == '"')
            {
              append (p, "\"", 1);
              i++;
              goto next;
            }
          p->quoted = FALSE;
        }

      if (p->quoted)
        {
          /* up to the closing quote, or the first of two */
          const char *quote = memchr (text + i, '"', length - i);
          gsize end = quote ? (gsize) (quote - text) : length;

          for (const char *n = memchr (text + i, '\n', end - i); n != NULL;
               n = memchr (n + 1, '\n', text + end - (n + 1)))
            p->line++;
          append (p, text + i, end - i);
          i = end;
          if (quote != NULL)
            {
              p->quote_seen = TRUE;
              i++;
            }
        }
      else if (c == '"' && field_length (p) == 0)
        {
          p->quoted = TRUE;
          p->field_started = TRUE;
          i++;
        }
      else if (c == p->separator)
        {
          end_field (p);
          p->field_started = TRUE;
          i++;
        }
      else if (c == '\n' || c == '\r')
        {
          if (!end_record (p, error))
            return FALSE;
          p->cr_seen = c == '\r';
          p->line++;
          p->record_line = p->line;
          i++;
        }
      else
        {
          /* plain characters, and a quote inside a field */
          gsize end = i + 1;

          while (end < length && !p->special[(guchar) text[end]])
            end++;
          append (p, text + i, end - i);
          i = end;
        }

    next:
      if (field_length (p) > INDSATS_IMPORT_MAX_CELL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("%s:%u: a field is longer than %d characters; this is not a key-figure file"),
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
                   _("%s:%u: a quoted field is not closed; the file may be cut short"), p->file, p->record_line);
      return FALSE;
    }
  if (!end_record (p, error))
    return FALSE;
  if (!p->have_header)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: the file holds no table"), p->file);
      return FALSE;
    }
  if (p->table.n_rows == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s:2: the table has a header but no rows"), p->file);
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
  p.special[(guchar) p.separator] = p.special['"'] = p.special['\n'] = p.special['\r'] = TRUE;
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
  g_free (p.record);
  g_free (p.starts);
  g_free (p.cells);
  return ok;
}
