/* fuzz-csv.c: the importer's reading of any bytes as a file (CSV, or JSON when it looks so) */
#include <stdint.h>

#include "indsats-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *error = NULL;
  GPtrArray *rows = indsats_import_read_data ("fuzz.csv", (const char *) data, size, &error);

  /* either rows, or a message naming the file */
  if (rows != NULL)
    g_ptr_array_unref (rows);
  else
    {
      g_assert (error != NULL && g_str_has_prefix (error->message, "fuzz.csv"));
      g_error_free (error);
    }
  return 0;
}
