/* indsats-import-json.c: Jobindsats' API answers
 *
 * v2: [{"Variables": [...], "Data": [[...], ...]}, ...]
 * v3: {"columns": [...], "rows": [[...], ...]}
 * A v3 column is a name; a v2 variable an object with a label and a name.
 * An error answer saved as a file is named for what it is.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indsats-error.h"

/* A double as the table reads numbers: 15 significant digits, without an
 * exponent (5e-05 is written 0.00005); a huge one keeps its exponent, and is
 * refused there as out of range */
static char *
plain_decimal (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  int exponent, decimals;
  char *text, *end;

  if (!isfinite (value))
    return g_strdup ("nan");
  g_ascii_formatd (buf, sizeof buf, "%.14e", value);
  exponent = atoi (strchr (buf, 'e') + 1);
  if (exponent > 20)
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
  decimals = CLAMP (14 - exponent, 0, 40);
  text = g_strdup_printf ("%.*f", decimals, value);
  /* the C locale's point: the library formats for the machine */
  for (char *c = text; *c; c++)
    if (*c == ',')
      *c = '.';
  if (strchr (text, '.'))
    {
      end = text + strlen (text) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  return text;
}

static char *
column_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      const char *keys[] = { "label", "Label", "name", "Name", "id", "Id", "ID", NULL };

      for (guint i = 0; keys[i]; i++)
        if (json_object_has_member (o, keys[i]) &&
            JSON_NODE_HOLDS_VALUE (json_object_get_member (o, keys[i])))
          return g_strdup (json_object_get_string_member (o, keys[i]));
    }
  return NULL;
}

/* A cell as text: strings as they are (a number in a string is read as the
 * same text in a CSV file would be), numbers exactly, null as empty */
static char *
cell_text (JsonNode *node,
           gboolean *native)
{
  *native = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      *native = TRUE;
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      *native = TRUE;
      return plain_decimal (json_node_get_double (node));
    default:
      return NULL;
    }
}

static gboolean
read_table (const char                  *file,
            JsonArray                   *columns,
            JsonArray                   *rows,
            const IndsatsImportOptions  *options,
            IndsatsImportFile           *result,
            GPtrArray                   *out,
            guint                       *row_number,
            GError                     **error)
{
  IndsatsImportTable table = { 0 };
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = FALSE;

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      char *name = column_name (json_array_get_element (columns, i));
      if (name == NULL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s: column %u has no name", file, i + 1);
          return FALSE;
        }
      g_ptr_array_add (header, name);
    }
  if (!indsats_import_table_init (&table, file, TRUE, options, result, (char **) header->pdata, header->len, error))
    goto out;

  for (guint r = 0; r < json_array_get_length (rows); r++)
    {
      JsonNode *node = json_array_get_element (rows, r);
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GArray) native = g_array_new (FALSE, FALSE, sizeof (gboolean));
      JsonArray *row;

      (*row_number)++;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s: row %u is not a list of values", file, *row_number);
          goto out;
        }
      row = json_node_get_array (node);
      for (guint c = 0; c < json_array_get_length (row); c++)
        {
          gboolean is_number;
          char *text = cell_text (json_array_get_element (row, c), &is_number);
          if (text == NULL)
            {
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "%s: row %u, column %u holds neither text nor a number", file, *row_number, c + 1);
              goto out;
            }
          g_ptr_array_add (cells, text);
          g_array_append_val (native, is_number);
        }
      if (!indsats_import_table_add_row (&table, (char **) cells->pdata, (const gboolean *) native->data,
                                         cells->len, *row_number, error))
        goto out;
    }
  if (!indsats_import_table_finish (&table, error))
    goto out;
  g_ptr_array_extend_and_steal (out, g_steal_pointer (&table.rows));
  ok = TRUE;

out:
  indsats_import_table_clear (&table);
  return ok;
}

static JsonArray *
array_member (JsonObject  *o,
              const char  *a,
              const char  *b)
{
  JsonNode *n = json_object_get_member (o, a);

  if (n == NULL && b)
    n = json_object_get_member (o, b);
  return n && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

/* json-glib recurses once per level of nesting: deeper than this is refused
 * before it starts, as no Jobindsats answer is more than a few levels deep */
#define MAX_DEPTH 256
/* a whole number with more digits than this may not fit a double exactly */
#define MAX_INTEGER_DIGITS 16

/* What json-glib would take silently or crash on, refused with the line: too
 * deep a nesting, a NUL in a text (\u0000 would end it), and whole numbers
 * too long to be stored exactly */
static gboolean
check_before_parsing (const char  *file,
                      const char  *text,
                      gsize        length,
                      GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0, line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\' && i + 1 < length)
            {
              if (text[i + 1] == 'u' && i + 5 < length && strncmp (text + i + 2, "0000", 4) == 0)
                {
                  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                               "%s:%u: a text holds a NUL character (\\u0000); remove it", file, line);
                  return FALSE;
                }
              i++;
            }
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            {
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "%s:%u: the JSON is nested more than %d levels deep; it is not a Jobindsats answer",
                           file, line, MAX_DEPTH);
              return FALSE;
            }
        }
      else if (c == ']' || c == '}')
        depth = depth > 0 ? depth - 1 : 0;
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize start = i, digits = 0;
          gboolean whole = TRUE;

          for (; i < length && (g_ascii_isdigit (text[i]) || strchr ("+-.eE", text[i])); i++)
            {
              if (g_ascii_isdigit (text[i]))
                digits++;
              else if (text[i] != '-' || i != start)
                whole = FALSE;
            }
          if (whole && digits > MAX_INTEGER_DIGITS)
            {
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "%s:%u: the number %.*s is too large to be stored exactly; "
                           "a key figure has at most %d digits",
                           file, line, (int) MIN (i - start, 40), text + start, MAX_INTEGER_DIGITS);
              return FALSE;
            }
          i--;
        }
    }
  return TRUE;
}

/**
 * indsats_import_read_json:
 *
 * Returns: (transfer full) (element-type IndsatsImportRow): the rows, or %NULL
 *   with @error naming the file (and the line of a syntax error, or the row)
 */
GPtrArray *
indsats_import_read_json (const char                  *file,
                          const char                  *text,
                          gsize                        length,
                          const IndsatsImportOptions  *options,
                          IndsatsImportFile           *result,
                          GError                     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_row_free);
  g_autoptr(GError) local = NULL;
  JsonNode *root;
  guint row_number = 0;

  if (!check_before_parsing (file, text, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, text, length, &local))
    {
      /* json-glib's message starts with <data>:LINE:COLUMN */
      const char *msg = local->message;
      if (g_str_has_prefix (msg, "<data>"))
        msg += strlen ("<data>");
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s%s%s", file,
                   *msg == ':' ? "" : ": ", msg);
      return NULL;
    }
  root = json_parser_get_root (parser);

  if (root && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *o = json_node_get_object (root);
      JsonArray *columns = array_member (o, "columns", "Columns");
      JsonArray *data = array_member (o, "rows", "Rows");

      if (columns && data)
        {
          if (!read_table (file, columns, data, options, result, rows, &row_number, error))
            return NULL;
          goto done;
        }
    }
  else if (root && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *tables = json_node_get_array (root);
      gboolean all = json_array_get_length (tables) > 0;

      for (guint t = 0; all && t < json_array_get_length (tables); t++)
        {
          JsonNode *node = json_array_get_element (tables, t);
          JsonArray *columns, *data;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              all = FALSE;
              break;
            }
          columns = array_member (json_node_get_object (node), "Variables", "variables");
          data = array_member (json_node_get_object (node), "Data", "data");
          if (!columns || !data)
            {
              all = FALSE;
              break;
            }
          if (!read_table (file, columns, data, options, result, rows, &row_number, error))
            return NULL;
        }
      if (all)
        goto done;
    }

  {
    g_autofree char *answer = indsats_import_error_answer (text, length);

    if (answer != NULL)
      {
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                     "%s: this is an error answer, not key figures: %s", file, answer);
        return NULL;
      }
  }
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
               "%s: not a Jobindsats answer (expected [{\"Variables\": …, \"Data\": …}] or "
               "{\"columns\": …, \"rows\": …})", file);
  return NULL;

done:
  if (rows->len == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the answer holds no rows", file);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
