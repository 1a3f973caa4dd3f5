/* fuzz-json.c: the importer's reading of any bytes as a Jobindsats API answer,
 * with each decimal option, and the check of one import's rows */
#include <stdint.h>

#include "indsats-import-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  IndsatsImportOptions options = { INDSATS_DECIMAL_UNKNOWN };
  IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_file_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GError *error = NULL;
  GPtrArray *read;

  /* the first byte, when it is a digit, is the --decimal option */
  if (size > 0 && data[0] >= '0' && data[0] <= '2')
    {
      options.decimal = (IndsatsDecimal) (data[0] - '0');
      data++, size--;
    }
  file->path = g_strdup ("fuzz.json");
  file->json = TRUE;
  g_ptr_array_add (files, file);

  /* json-glib wants valid UTF-8, as the importer hands it */
  if (!g_utf8_validate_len ((const char *) data, size, NULL))
    return 0;
  read = indsats_import_read_json ("fuzz.json", (const char *) data, size, &options, file, &error);
  if (read == NULL)
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.json"));
      g_error_free (error);
      return 0;
    }
  g_ptr_array_add (rows, read);
  if (!indsats_import_check (rows, files, &error))
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.json"));
      g_error_free (error);
    }
  return 0;
}
