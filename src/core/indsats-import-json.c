/* indsats-import-json.c: Jobindsats' API answers
 *
 * v2: [{"Variables": [...], "Data": [[...], ...]}, ...]
 * v3: {"columns": [...], "rows": [[...], ...]}
 * A v3 column is a name; a v2 variable an object with a label and a name.
 * An error answer saved as a file is named for what it is.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <glib/gi18n-lib.h>
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
collect_cb (IndsatsImportRow  *row,
            gpointer           user_data,
            GError           **error)
{
  g_ptr_array_add (user_data, indsats_import_row_copy (row));
  return TRUE;
}

/* The table's columns, named by a list of names or of variables */
static gboolean
start_table (IndsatsImportTable          *table,
             const char                  *file,
             JsonArray                   *columns,
             const IndsatsImportOptions  *options,
             IndsatsImportFile           *result,
             IndsatsImportEmitFunc        emit,
             gpointer                     emit_data,
             GError                     **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < json_array_get_length (columns); i++)
    {
      char *name = column_name (json_array_get_element (columns, i));
      if (name == NULL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("%s: column %u has no name"), file, i + 1);
          return FALSE;
        }
      g_ptr_array_add (header, name);
    }
  return indsats_import_table_init (table, file, TRUE, options, result, emit, emit_data,
                                    (char **) header->pdata, header->len, error);
}

/* One row of a table, as json-glib read it */
static gboolean
add_node_row (IndsatsImportTable  *table,
              const char          *file,
              JsonNode            *node,
              guint                row_number,
              GError             **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) native = g_array_new (FALSE, FALSE, sizeof (gboolean));
  JsonArray *row;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: row %u is not a list of values"), file, row_number);
      return FALSE;
    }
  row = json_node_get_array (node);
  for (guint c = 0; c < json_array_get_length (row); c++)
    {
      gboolean is_number;
      char *text = cell_text (json_array_get_element (row, c), &is_number);
      if (text == NULL)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("%s: row %u, column %u holds neither text nor a number"), file, row_number, c + 1);
          return FALSE;
        }
      g_ptr_array_add (cells, text);
      g_array_append_val (native, is_number);
    }
  return indsats_import_table_add_row (table, (char **) cells->pdata, (const gboolean *) native->data,
                                       cells->len, row_number, error);
}

static gboolean
read_table (const char                  *file,
            JsonArray                   *columns,
            JsonArray                   *rows,
            const IndsatsImportOptions  *options,
            IndsatsImportFile           *result,
            IndsatsImportEmitFunc        emit,
            gpointer                     emit_data,
            guint                       *row_number,
            GError                     **error)
{
  IndsatsImportTable table = { 0 };
  gboolean ok = FALSE;

  if (!start_table (&table, file, columns, options, result, emit, emit_data, error))
    goto out;
  for (guint r = 0; r < json_array_get_length (rows); r++)
    if (!add_node_row (&table, file, json_array_get_element (rows, r), ++(*row_number), error))
      goto out;
  ok = indsats_import_table_finish (&table, error);

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
                               _("%s:%u: a text holds a NUL character (\\u0000); remove it"), file, line);
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
                           _("%s:%u: the JSON is nested more than %d levels deep; it is not a Jobindsats answer"),
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
                           _("%s:%u: the number %.*s is too large to be stored exactly; "
                           "a key figure has at most %d digits"),
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
          if (!read_table (file, columns, data, options, result, collect_cb, rows, &row_number, error))
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
          if (!read_table (file, columns, data, options, result, collect_cb, rows, &row_number, error))
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
                     _("%s: this is an error answer, not key figures: %s"), file, answer);
        return NULL;
      }
  }
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
               _("%s: not a Jobindsats answer (expected [{\"Variables\": …, \"Data\": …}] or "
               "{\"columns\": …, \"rows\": …})"), file);
  return NULL;

done:
  if (rows->len == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: the answer holds no rows"), file);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Streaming: the answer is walked a piece at a time, and each row of its
 * tables read and handed on by itself, so an answer of any size is read in
 * bounded memory. Only what Jobindsats writes is walked; anything else is
 * "irregular", and the caller reads the file again whole (when it is small
 * enough) for json-glib to say what is wrong. */

#define CHUNK (64 * 1024)

typedef struct
{
  IndsatsImportText *text;
  const char        *file;
  char              *buffer;
  const char        *data;
  gsize              pos;
  gsize              length;
  gboolean           eof;
  gboolean           failed;     /* @error is set */
  gboolean           irregular;  /* not as Jobindsats writes it */
  guint              line;
  guint              depth;
  GString           *capture;    /* (nullable): told every character read */
  GError           **error;
} In;

static int
peek (In *in)
{
  if (in->pos == in->length && !in->eof && !in->failed)
    {
      gssize n = indsats_import_text_read (in->text, in->buffer, CHUNK, in->error);

      in->data = in->buffer;
      in->pos = 0;
      in->length = n > 0 ? n : 0;
      in->failed = n < 0;
      in->eof = n == 0;
    }
  if (in->pos == in->length)
    return -1;
  return (guchar) in->data[in->pos];
}

static int
next (In *in)
{
  int c = peek (in);

  if (c < 0)
    return c;
  in->pos++;
  if (c == '\n')
    in->line++;
  if (in->capture)
    g_string_append_c (in->capture, c);
  return c;
}

static int
skip_space (In *in)
{
  int c;

  while ((c = peek (in)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    next (in);
  return c;
}

static gboolean
irregular (In *in)
{
  if (!in->failed)
    in->irregular = TRUE;
  return FALSE;
}

static gboolean
expect (In  *in,
        int  c)
{
  if (skip_space (in) != c)
    return irregular (in);
  next (in);
  return TRUE;
}

static int
hex_digit (int c)
{
  return g_ascii_isxdigit (c) ? g_ascii_xdigit_value (c) : -1;
}

static gboolean
read_escape_unit (In       *in,
                  gunichar *unit)
{
  *unit = 0;
  for (int k = 0; k < 4; k++)
    {
      int d = hex_digit (next (in));
      if (d < 0)
        return irregular (in);
      *unit = *unit * 16 + d;
    }
  return TRUE;
}

/* A string, its quotes read; decoded into @out when it is given */
static gboolean
read_string (In      *in,
             GString *out)
{
  int c;

  if (skip_space (in) != '"')
    return irregular (in);
  next (in);
  while ((c = next (in)) != '"')
    {
      if (c < 0x20)   /* the end, or a control character JSON does not allow */
        return irregular (in);
      if (c != '\\')
        {
          if (out)
            g_string_append_c (out, c);
          continue;
        }
      c = next (in);
      if (c == 'u')
        {
          gunichar u, low;

          if (!read_escape_unit (in, &u))
            return FALSE;
          if (u == 0)
            {
              g_set_error (in->error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("%s:%u: a text holds a NUL character (\\u0000); remove it"), in->file, in->line);
              in->failed = TRUE;
              return FALSE;
            }
          if (u >= 0xD800 && u < 0xDC00)
            {
              if (next (in) != '\\' || next (in) != 'u' || !read_escape_unit (in, &low) ||
                  low < 0xDC00 || low >= 0xE000)
                return irregular (in);
              u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
            }
          else if (u >= 0xDC00 && u < 0xE000)
            return irregular (in);
          if (out)
            g_string_append_unichar (out, u);
          continue;
        }
      switch (c)
        {
        case '"': case '\\': case '/':
          break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        default:
          return irregular (in);
        }
      if (out)
        g_string_append_c (out, c);
    }
  return TRUE;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
json_number (const char *s)
{
  if (*s == '-')
    s++;
  if (*s == '0')
    s++;
  else if (*s >= '1' && *s <= '9')
    while (g_ascii_isdigit (*s))
      s++;
  else
    return FALSE;
  if (*s == '.')
    {
      if (!g_ascii_isdigit (*++s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (*s == 'e' || *s == 'E')
    {
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  return *s == '\0';
}

/* A number as JSON writes it; one too long to be stored exactly is refused */
static gboolean
read_number (In       *in,
             GString  *out,
             gboolean *whole)
{
  guint digits = 0;
  int c;

  g_string_truncate (out, 0);
  *whole = TRUE;
  while ((c = peek (in)) >= 0 && (g_ascii_isdigit (c) || strchr ("+-.eE", c)))
    {
      if (g_ascii_isdigit (c))
        digits++;
      else if (c != '-' || out->len != 0)
        *whole = FALSE;
      g_string_append_c (out, next (in));
    }
  if (*whole && digits > MAX_INTEGER_DIGITS)
    {
      g_set_error (in->error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s:%u: the number %.*s is too large to be stored exactly; a key figure has at most %d digits"),
                   in->file, in->line, (int) MIN (out->len, 40), out->str, MAX_INTEGER_DIGITS);
      in->failed = TRUE;
      return FALSE;
    }
  if (!json_number (out->str))
    return irregular (in);
  return TRUE;
}

static gboolean
read_word (In         *in,
           const char *word)
{
  for (const char *w = word; *w; w++)
    if (next (in) != *w)
      return irregular (in);
  if (g_ascii_isalnum (peek (in)))
    return irregular (in);
  return TRUE;
}

static gboolean
deeper (In *in)
{
  if (++in->depth > MAX_DEPTH)
    {
      g_set_error (in->error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s:%u: the JSON is nested more than %d levels deep; it is not a Jobindsats answer"),
                   in->file, in->line, MAX_DEPTH);
      in->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Any value, read over (and told to in->capture, when set) */
static gboolean
skip_value (In *in)
{
  g_autoptr(GString) number = NULL;
  gboolean whole;
  int c = skip_space (in);

  switch (c)
    {
    case '"':
      return read_string (in, NULL);
    case 't':
      return read_word (in, "true");
    case 'f':
      return read_word (in, "false");
    case 'n':
      return read_word (in, "null");
    case '[':
    case '{':
      next (in);
      if (!deeper (in))
        return FALSE;
      if (skip_space (in) == (c == '[' ? ']' : '}'))
        next (in);
      else
        while (TRUE)
          {
            if (c == '{' && (!read_string (in, NULL) || !expect (in, ':')))
              return FALSE;
            if (!skip_value (in))
              return FALSE;
            if (skip_space (in) == ',')
              next (in);
            else if (!expect (in, c == '[' ? ']' : '}'))
              return FALSE;
            else
              break;
          }
      in->depth--;
      return TRUE;
    default:
      if (c == '-' || g_ascii_isdigit (c))
        {
          number = g_string_new (NULL);
          return read_number (in, number, &whole);
        }
      return irregular (in);
    }
}

/* A value read whole by json-glib: a table's columns */
static JsonNode *
read_node (In *in)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  skip_space (in);
  in->capture = text;
  if (!skip_value (in))
    {
      in->capture = NULL;
      return NULL;
    }
  in->capture = NULL;
  if (!json_parser_load_from_data (parser, text->str, text->len, NULL) || json_parser_get_root (parser) == NULL)
    {
      irregular (in);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

typedef struct
{
  const char                 *file;
  const IndsatsImportOptions *options;
  IndsatsImportFile          *result;
  IndsatsImportEmitFunc       emit;
  gpointer                    emit_data;
  guint                       row_number;
  GPtrArray                  *cells;
  GArray                     *native;
  GString                    *cell;
} Walk;

/* One row of a table: a list of texts, numbers and nulls */
static gboolean
read_row (In                 *in,
          Walk               *w,
          IndsatsImportTable *table)
{
  int c = skip_space (in);

  w->row_number++;
  g_ptr_array_set_size (w->cells, 0);
  g_array_set_size (w->native, 0);
  if (c != '[')
    {
      if (!skip_value (in))
        return FALSE;
      g_set_error (in->error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: row %u is not a list of values"), w->file, w->row_number);
      in->failed = TRUE;
      return FALSE;
    }
  next (in);
  if (!deeper (in))
    return FALSE;
  if (skip_space (in) == ']')
    next (in);
  else
    while (TRUE)
      {
        gboolean number = FALSE, whole;
        char *text = NULL;

        g_string_truncate (w->cell, 0);
        c = skip_space (in);
        if (c == '"')
          {
            if (!read_string (in, w->cell))
              return FALSE;
            text = g_strndup (w->cell->str, w->cell->len);
          }
        else if (c == '-' || g_ascii_isdigit (c))
          {
            if (!read_number (in, w->cell, &whole))
              return FALSE;
            number = TRUE;
            if (whole)
              text = g_strdup_printf ("%" G_GINT64_FORMAT, g_ascii_strtoll (w->cell->str, NULL, 10));
            else
              text = plain_decimal (g_ascii_strtod (w->cell->str, NULL));
          }
        else if (c == 'n')
          {
            if (!read_word (in, "null"))
              return FALSE;
            text = g_strdup ("");
          }
        else
          {
            if (!skip_value (in))
              return FALSE;
            g_set_error (in->error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                         _("%s: row %u, column %u holds neither text nor a number"), w->file, w->row_number,
                         w->cells->len + 1);
            in->failed = TRUE;
            return FALSE;
          }
        g_ptr_array_add (w->cells, text);
        g_array_append_val (w->native, number);
        if (skip_space (in) == ',')
          next (in);
        else if (!expect (in, ']'))
          return FALSE;
        else
          break;
      }
  in->depth--;
  if (!indsats_import_table_add_row (table, (char **) w->cells->pdata, (const gboolean *) w->native->data,
                                     w->cells->len, w->row_number, in->error))
    {
      in->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* A table: an object with its columns and its rows (v3's "columns" and
 * "rows", v2's "Variables" and "Data"). Sets @found when it held both */
static gboolean
read_table_object (In                 *in,
                   Walk               *w,
                   const char * const *columns_keys,
                   const char * const *rows_keys,
                   gboolean           *found)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(JsonNode) columns = NULL;
  g_autoptr(JsonNode) later = NULL;   /* rows that came before the columns */
  IndsatsImportTable table = { 0 };
  gboolean started = FALSE, rows_read = FALSE, ok = FALSE;

  *found = FALSE;
  if (!expect (in, '{') || !deeper (in))
    return FALSE;
  if (skip_space (in) == '}')
    {
      next (in);
      in->depth--;
      return TRUE;
    }
  while (TRUE)
    {
      g_string_truncate (key, 0);
      if (!read_string (in, key) || !expect (in, ':'))
        goto out;
      if (columns == NULL && g_strv_contains (columns_keys, key->str))
        {
          if (!(columns = read_node (in)))
            goto out;
          if (!JSON_NODE_HOLDS_ARRAY (columns))
            goto not_table;
        }
      else if (!rows_read && g_strv_contains (rows_keys, key->str))
        {
          if (skip_space (in) != '[')
            goto not_table;
          if (columns == NULL)
            {
              if (!(later = read_node (in)))
                goto out;
            }
          else
            {
              if (!start_table (&table, w->file, json_node_get_array (columns), w->options, w->result, w->emit,
                                w->emit_data, in->error))
                {
                  in->failed = TRUE;
                  goto out;
                }
              started = TRUE;
              next (in);
              if (!deeper (in))
                goto out;
              if (skip_space (in) == ']')
                next (in);
              else
                while (TRUE)
                  {
                    if (!read_row (in, w, &table))
                      goto out;
                    if (skip_space (in) == ',')
                      next (in);
                    else if (!expect (in, ']'))
                      goto out;
                    else
                      break;
                  }
              in->depth--;
            }
          rows_read = TRUE;
        }
      else if (!skip_value (in))
        goto out;
      if (skip_space (in) == ',')
        next (in);
      else if (!expect (in, '}'))
        goto out;
      else
        break;
    }
  in->depth--;

  if (columns != NULL && later != NULL)
    {
      JsonArray *rows = json_node_get_array (later);

      if (!start_table (&table, w->file, json_node_get_array (columns), w->options, w->result, w->emit,
                        w->emit_data, in->error))
        {
          in->failed = TRUE;
          goto out;
        }
      started = TRUE;
      for (guint r = 0; r < json_array_get_length (rows); r++)
        if (!add_node_row (&table, w->file, json_array_get_element (rows, r), ++w->row_number, in->error))
          {
            in->failed = TRUE;
            goto out;
          }
    }
  if (started && !indsats_import_table_finish (&table, in->error))
    {
      in->failed = TRUE;
      goto out;
    }
  *found = columns != NULL && rows_read;
  ok = TRUE;
  goto out;

not_table:
  irregular (in);
out:
  indsats_import_table_clear (&table);
  return ok;
}

/**
 * indsats_import_stream_json:
 * @text: the rest of the text, UTF-8 without a byte order mark
 * @start: the text read already
 *
 * Returns: 1 when the answer was read, 0 with @error set when it is wrong,
 *   -1 when it is not as Jobindsats writes answers (read it whole to say why)
 */
int
indsats_import_stream_json (const char                  *file,
                            IndsatsImportText           *text,
                            const char                  *start,
                            gsize                        start_length,
                            const IndsatsImportOptions  *options,
                            IndsatsImportFile           *result,
                            IndsatsImportEmitFunc        emit,
                            gpointer                     emit_data,
                            GError                     **error)
{
  static const char * const v3_columns[] = { "columns", "Columns", NULL };
  static const char * const v3_rows[] = { "rows", "Rows", NULL };
  static const char * const v2_columns[] = { "Variables", "variables", NULL };
  static const char * const v2_rows[] = { "Data", "data", NULL };
  g_autofree char *buffer = g_malloc (CHUNK);
  In in = { text, file, buffer, start, 0, start_length, FALSE, FALSE, FALSE, 1, 0, NULL, error };
  Walk w = { file, options, result, emit, emit_data, 0, NULL, NULL, NULL };
  gboolean found = FALSE, ok = FALSE;
  int c;

  w.cells = g_ptr_array_new_with_free_func (g_free);
  w.native = g_array_new (FALSE, FALSE, sizeof (gboolean));
  w.cell = g_string_new (NULL);

  c = skip_space (&in);
  if (c == '{')
    ok = read_table_object (&in, &w, v3_columns, v3_rows, &found);
  else if (c == '[')
    {
      next (&in);
      in.depth = 1;
      ok = skip_space (&in) != ']';   /* an empty list is no answer */
      while (ok)
        {
          ok = read_table_object (&in, &w, v2_columns, v2_rows, &found);
          if (!ok || !found)
            break;
          if (skip_space (&in) == ',')
            next (&in);
          else
            {
              ok = expect (&in, ']');
              break;
            }
        }
    }
  if (ok && found && skip_space (&in) >= 0)
    ok = irregular (&in);   /* something after the answer */
  if (ok && !found)
    ok = irregular (&in);

  g_ptr_array_unref (w.cells);
  g_array_unref (w.native);
  g_string_free (w.cell, TRUE);

  /* every fault of the file's own sets in.failed and @error; any other is a
   * text the walk does not expect */
  if (!ok)
    return in.failed ? 0 : -1;
  if (w.row_number == 0)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: the answer holds no rows"), file);
      return 0;
    }
  return 1;
}
