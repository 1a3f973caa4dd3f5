/* fuzz-json.c: the importer's reading of any bytes as a Jobindsats API answer */
#include <stdint.h>

#include "indsats-import-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  GPtrArray *rows;

  /* json-glib wants valid UTF-8, as the importer hands it */
  if (!g_utf8_validate_len ((const char *) data, size, NULL))
    return 0;
  rows = indsats_import_read_json ("fuzz.json", (const char *) data, size, &error);
  if (rows != NULL)
    g_ptr_array_unref (rows);
  else
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.json"));
      g_error_free (error);
    }
  return 0;
}
