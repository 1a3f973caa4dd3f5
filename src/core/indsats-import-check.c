/* indsats-import-check.c
 *
 * One import, one meaning: before anything is written, the rows of all its
 * files together must hold one value per series (a table's measure at one
 * breakdown, named as indsats_import_indicator_name() names it), area and period (in any
 * spelling of the period), one unit per indicator and one kind of period per
 * indicator. A row that repeats another with the same value is dropped; one
 * that contradicts it is refused naming both places.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-text.h"

typedef struct
{
  IndsatsImportRow  *row;
  IndsatsImportFile *file;
} Seen;

typedef struct
{
  Seen first;      /* its first row: its kind of period */
  Seen unit;       /* the first row that names its unit */
} SeenIndicator;

/**
 * indsats_import_location:
 *
 * Returns: (transfer full): "FILE:LINE", or "FILE: row N" in a JSON answer
 */
char *
indsats_import_location (const IndsatsImportFile *file,
                         const IndsatsImportRow  *row)
{
  if (file->json)
    return g_strdup_printf ("%s: row %u", file->path, row->line);
  return g_strdup_printf ("%s:%u", file->path, row->line);
}

/* "pct", "pct.", "Pct" and "%" are one unit */
static char *
unit_key (const char *unit)
{
  g_autofree char *folded = indsats_text_fold (unit);
  gsize len;

  g_strstrip (folded);
  len = strlen (folded);
  while (len > 0 && folded[len - 1] == '.')
    folded[--len] = '\0';
  if (strcmp (folded, "%") == 0 || strcmp (folded, "procent") == 0 || strcmp (folded, "percent") == 0)
    return g_strdup ("pct");
  return g_steal_pointer (&folded);
}

/**
 * indsats_import_units_equal:
 *
 * Returns: %TRUE when @a and @b name the same unit
 */
gboolean
indsats_import_units_equal (const char *a,
                            const char *b)
{
  g_autofree char *ka = unit_key (a);
  g_autofree char *kb = unit_key (b);

  return strcmp (ka, kb) == 0;
}

static gboolean
same_value (double a,
            double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return a == b;
}

static void
format_value (double  value,
              char   *buffer,
              gsize   size)
{
  if (isnan (value))
    g_strlcpy (buffer, _("no value"), size);
  else
    g_ascii_formatd (buffer, size, "%.15g", value);
}

/* The file a row came from: asked only to name it in a message */
static IndsatsImportFile *
file_of (GPtrArray              *rows,
         GPtrArray              *files,
         const IndsatsImportRow *row)
{
  for (guint f = 0; f < rows->len; f++)
    {
      GPtrArray *list = g_ptr_array_index (rows, f);
      for (guint r = 0; r < list->len; r++)
        if (g_ptr_array_index (list, r) == row)
          return g_ptr_array_index (files, f);
    }
  g_return_val_if_reached (g_ptr_array_index (files, 0));
}

/**
 * indsats_import_check:
 * @rows: (element-type GPtrArray): per file, its rows; equal repeats are removed
 * @files: (element-type IndsatsImportFile): per file, how it was read
 *
 * Returns: %FALSE with @error naming both places when two rows contradict
 *   each other
 */
gboolean
indsats_import_check (GPtrArray  *rows,
                      GPtrArray  *files,
                      GError    **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) indicators = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) repeats = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);

  g_return_val_if_fail (rows != NULL && files != NULL && rows->len == files->len, FALSE);

  for (guint f = 0; f < rows->len; f++)
    {
      GPtrArray *list = g_ptr_array_index (rows, f);
      IndsatsImportFile *file = g_ptr_array_index (files, f);
      IndsatsImportRow *last = NULL;
      const char *name = NULL;

      for (guint r = 0; r < list->len; r++)
        {
          IndsatsImportRow *row = g_ptr_array_index (list, r);
          SeenIndicator *ind;
          char period[32];
          IndsatsImportRow *seen;

          /* a series is its table, measure and breakdown: the name people read */
          if (last == NULL || strcmp (row->indicator, last->indicator) != 0 ||
              g_strcmp0 (row->breakdown, last->breakdown) != 0 || row->total != last->total)
            {
              char *full = indsats_import_indicator_name (file->table, row->indicator, row->breakdown, row->total);

              if (!g_hash_table_lookup_extended (series, full, (gpointer *) &name, NULL))
                {
                  g_hash_table_add (series, full);
                  name = full;
                }
              else
                g_free (full);
              last = row;
            }
          ind = g_hash_table_lookup (indicators, name);
          indsats_period_write (&row->period, period, sizeof period);
          if (ind == NULL)
            {
              ind = g_new0 (SeenIndicator, 1);
              ind->first = (Seen) { row, file };
              g_hash_table_insert (indicators, (gpointer) name, ind);
            }
          else if (ind->first.row->period.kind != row->period.kind)
            {
              g_autofree char *here = indsats_import_location (file, row);
              g_autofree char *there = indsats_import_location (ind->first.file, ind->first.row);
              const char *kind = indsats_period_kind_to_string (row->period.kind);
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("%s: %s is a %s, but “%s” has values by %s (%s); an indicator holds one kind of "
                           "period: import the %s values as an indicator of their own"),
                           here, period, kind, name,
                           indsats_period_kind_to_string (ind->first.row->period.kind), there, kind);
              return FALSE;
            }

          if (row->unit != NULL && !row->unit_from_label)
            {
              if (ind->unit.row == NULL)
                ind->unit = (Seen) { row, file };
              else if (!indsats_import_units_equal (ind->unit.row->unit, row->unit))
                {
                  g_autofree char *here = indsats_import_location (file, row);
                  g_autofree char *there = indsats_import_location (ind->unit.file, ind->unit.row);
                  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                               _("%s: the unit of “%s” is “%s” here but “%s” at %s; an indicator has one unit"),
                               here, name, row->unit, ind->unit.row->unit, there);
                  return FALSE;
                }
            }

          g_string_truncate (key, 0);
          g_string_append (key, name);
          g_string_append_c (key, '\x1f');
          g_string_append (key, row->area);
          g_string_append_c (key, '\x1f');
          g_string_append (key, period);
          seen = g_hash_table_lookup (values, key->str);
          if (seen == NULL)
            g_hash_table_insert (values, g_strndup (key->str, key->len), row);
          else if (!same_value (seen->value, row->value))
            {
              g_autofree char *here = indsats_import_location (file, row);
              g_autofree char *there = indsats_import_location (file_of (rows, files, seen), seen);
              char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
              format_value (row->value, a, sizeof a);
              format_value (seen->value, b, sizeof b);
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("%s: “%s”, %s, %s is %s here but %s at %s; keep one of the two"),
                           here, name, row->area, period, a, b, there);
              return FALSE;
            }
          else
            g_hash_table_add (repeats, row);  /* the same value again: once is enough */
        }
    }

  /* all is well: drop the repeats, keeping the order */
  for (guint f = 0; f < rows->len && g_hash_table_size (repeats) > 0; f++)
    {
      GPtrArray *list = g_ptr_array_index (rows, f);
      guint kept = 0;

      for (guint r = 0; r < list->len; r++)
        {
          IndsatsImportRow *row = g_ptr_array_index (list, r);
          if (g_hash_table_contains (repeats, row))
            indsats_import_row_free (row);
          else
            list->pdata[kept++] = row;
        }
      /* the repeats are freed already: shrink without freeing them again */
      g_ptr_array_set_free_func (list, NULL);
      g_ptr_array_set_size (list, kept);
      g_ptr_array_set_free_func (list, (GDestroyNotify) indsats_import_row_free);
    }
  return TRUE;
}
