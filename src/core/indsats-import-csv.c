/* indsats-import-csv.c: CSV files, ';', ',' or tab separated; the separator
 * says nothing about the decimal mark, each column shows its own */
#include "config.h"

#include "indsats-import-private.h"

#include <string.h>

#include "indsats-error.h"

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

/**
 * indsats_import_read_csv:
 * @file: the name used in messages
 * @text: UTF-8 text without a byte order mark
 *
 * Returns: (transfer full) (element-type IndsatsImportRow): the rows, or %NULL
 *   with @error naming the file and line
 */
GPtrArray *
indsats_import_read_csv (const char                  *file,
                         const char                  *text,
                         gsize                        length,
                         const IndsatsImportOptions  *options,
                         IndsatsImportFile           *result,
                         GError                     **error)
{
  IndsatsImportTable table = { 0 };
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  char separator = detect_separator (text, length);
  gboolean have_header = FALSE, quoted = FALSE, field_started = FALSE;
  guint line = 1, record_line = 1;
  gsize i = 0;

  while (TRUE)
    {
      gboolean at_end = i >= length;
      char c = at_end ? '\n' : text[i];

      if (quoted && !at_end)
        {
          if (c == '"')
            {
              if (i + 1 < length && text[i + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  i++;
                }
              else
                quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
        }
      else if (quoted && at_end)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s:%u: a quoted field is not closed; the file may be cut short", file, record_line);
          goto fail;
        }
      else if (c == '"' && field->len == 0)
        {
          quoted = TRUE;
          field_started = TRUE;
        }
      else if (c == separator)
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          field_started = TRUE;
        }
      else if (c == '\n' || c == '\r')
        {
          gboolean blank = fields->len == 0 && field->len == 0 && !field_started;

          if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            i++;
          if (!blank)
            {
              g_ptr_array_add (fields, g_strndup (field->str, field->len));
              if (!have_header)
                {
                  if (!indsats_import_table_init (&table, file, FALSE, options, result,
                                                  (char **) fields->pdata, fields->len, error))
                    goto fail;
                  have_header = TRUE;
                }
              else if (!indsats_import_table_add_row (&table, (char **) fields->pdata, NULL, fields->len,
                                                      record_line, error))
                goto fail;
            }
          g_ptr_array_set_size (fields, 0);
          g_string_truncate (field, 0);
          field_started = FALSE;
          if (at_end)
            break;
          line++;
          record_line = line;
        }
      else
        g_string_append_c (field, c);

      if (field->len > INDSATS_IMPORT_MAX_CELL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s:%u: a field is longer than %d characters; this is not a key-figure file",
                       file, record_line, INDSATS_IMPORT_MAX_CELL);
          goto fail;
        }
      i++;
    }

  if (!have_header)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the file holds no table", file);
      goto fail;
    }
  if (table.rows->len == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s:2: the table has a header but no rows", file);
      goto fail;
    }
  if (!indsats_import_table_finish (&table, error))
    goto fail;
  {
    GPtrArray *rows = g_steal_pointer (&table.rows);
    indsats_import_table_clear (&table);
    return rows;
  }

fail:
  indsats_import_table_clear (&table);
  return NULL;
}
