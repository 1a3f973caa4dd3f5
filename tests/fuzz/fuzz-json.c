/* fuzz-json.c: the importer's reading of any bytes as a Jobindsats API answer,
 * with each decimal option: the streaming reader must read what json-glib
 * reads from the whole text, row for row, and refuse what it refuses; then
 * the check of one import's rows */
#include <stdint.h>
#include <string.h>

#include "indsats-import-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *
row_key (const IndsatsImportRow *row)
{
  char period[32];

  indsats_period_write (&row->period, period, sizeof period);
  return g_strdup_printf ("%u\x1f%s\x1f%s\x1f%d\x1f%s\x1f%s\x1f%.17g\x1f%s", row->line, row->indicator,
                          row->breakdown, row->total, row->area, period, row->value, row->unit ? row->unit : "-");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

static GPtrArray *
keys_of (GPtrArray *rows)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; r < rows->len; r++)
    g_ptr_array_add (keys, row_key (g_ptr_array_index (rows, r)));
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  IndsatsImportOptions options = { INDSATS_DECIMAL_UNKNOWN };
  IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);
  IndsatsImportFile whole_file = { 0 };
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_file_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) whole = NULL;
  GError *error = NULL;
  GPtrArray *read;
  gsize i = 0;

  /* the first byte, when it is a digit, is the --decimal option */
  if (size > 0 && data[0] >= '0' && data[0] <= '2')
    {
      options.decimal = (IndsatsDecimal) (data[0] - '0');
      data++, size--;
    }
  file->path = g_strdup ("fuzz.json");
  file->json = TRUE;
  g_ptr_array_add (files, file);

  /* an answer: valid UTF-8 that begins with a list or an object */
  if (!g_utf8_validate_len ((const char *) data, size, NULL) || memchr (data, '\0', size) != NULL)
    return 0;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  if (i == size || (data[i] != '[' && data[i] != '{') || (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0))
    return 0;

  whole = indsats_import_read_json ("fuzz.json", (const char *) data, size, &options, &whole_file, NULL);
  read = indsats_import_read_data ("fuzz.json", (const char *) data, size, &options, file, &error);
  if (read == NULL)
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.json"));
      g_error_free (error);
      g_assert (whole == NULL);
      return 0;
    }
  g_assert (whole != NULL);
  {
    g_autoptr(GPtrArray) a = keys_of (read);
    g_autoptr(GPtrArray) b = keys_of (whole);

    g_assert_cmpuint (a->len, ==, b->len);
    for (guint r = 0; r < a->len; r++)
      g_assert_cmpstr (g_ptr_array_index (a, r), ==, g_ptr_array_index (b, r));
  }
  g_ptr_array_add (rows, read);
  if (!indsats_import_check (rows, files, &error))
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.json"));
      g_error_free (error);
    }
  return 0;
}
