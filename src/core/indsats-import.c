/* indsats-import.c
 *
 * Takes key-figure files as they come from Jobindsats.dk: CSV downloads
 * (UTF-8 with or without a byte order mark, UTF-16 with one as Excel's
 * "Unicode text", or Windows-1252), API answers in JSON, or a plain long CSV.
 * Every file is read a piece at a time, and each row checked and written into
 * one open transaction as it is read: one import holds one value per
 * indicator, area and period, one unit and one kind of period per indicator.
 * An import that fails or is cancelled is rolled back and changes nothing.
 *
 * This file holds what an import reports (rows, files, summaries) and the
 * names it gives tables and indicators; indsats-import-text.c reads a file
 * as text, indsats-import-write.c checks the rows and writes them.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "indsats-error.h"

void
indsats_import_row_free (IndsatsImportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->indicator);
  g_free (row->breakdown);
  g_free (row->area);
  g_free (row->unit);
  g_free (row);
}

IndsatsImportRow *
indsats_import_row_copy (const IndsatsImportRow *row)
{
  IndsatsImportRow *copy = g_new (IndsatsImportRow, 1);

  *copy = *row;
  copy->indicator = g_strdup (row->indicator);
  copy->breakdown = g_strdup (row->breakdown);
  copy->area = g_strdup (row->area);
  copy->unit = g_strdup (row->unit);
  return copy;
}

static void
count_free (IndsatsImportCount *count)
{
  g_free (count->indicator);
  g_free (count);
}

void
indsats_import_file_free (IndsatsImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->table);
  g_clear_pointer (&file->measures, g_ptr_array_unref);
  g_clear_pointer (&file->breakdowns, g_ptr_array_unref);
  g_clear_pointer (&file->areas, g_ptr_array_unref);
  g_free (file->first);
  g_free (file->last);
  g_free (file);
}


/**
 * indsats_import_file_describe:
 *
 * Returns: how the file's numbers were read, in English; gettext translates it
 */
const char *
indsats_import_file_describe (const IndsatsImportFile *file)
{
  if (file->comma && file->point)
    return N_("read with a decimal comma in some columns and a decimal point in others");
  if (file->comma)
    return file->asked ? N_("read with a decimal comma, as asked") : N_("read with a decimal comma");
  if (file->point)
    return file->asked ? N_("read with a decimal point, as asked") : N_("read with a decimal point");
  return N_("whole numbers only: no decimal mark to read");
}

void
indsats_import_summary_free (IndsatsImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->counts, g_ptr_array_unref);
  g_clear_pointer (&summary->read, g_ptr_array_unref);
  g_free (summary);
}

/* y01a02, Y30R21: a letter, two digits, a letter, two digits */
static gboolean
looks_like_table_id (const char *s,
                     gsize       length)
{
  return length == 6 && g_ascii_isalpha (s[0]) && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2]) &&
         g_ascii_isalpha (s[3]) && g_ascii_isdigit (s[4]) && g_ascii_isdigit (s[5]);
}

/**
 * indsats_import_table_from_name:
 * @path: a file's path
 *
 * Finds a Jobindsats table id in a file's name, as in `y01a02.csv` or
 * `Y30R21-2023.csv`: a word of its own, between the start, the end, or
 * anything but a letter or digit.
 *
 * Returns: (transfer full) (nullable): the id in lower case, or %NULL
 */
char *
indsats_import_table_from_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *s = base;

  while (*s)
    {
      const char *end = s;

      while (g_ascii_isalnum (*end))
        end++;
      if (looks_like_table_id (s, end - s))
        return g_ascii_strdown (s, end - s);
      s = *end ? end + 1 : end;
    }
  return NULL;
}

/**
 * indsats_import_check_table_id:
 * @table: a table id as a person typed it
 * @canonical: (out): the id as the API writes it, in lower case
 *
 * Returns: whether @table can be a Jobindsats table id
 */
gboolean
indsats_import_check_table_id (const char  *table,
                               char       **canonical,
                               GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (table ? table : ""));
  gboolean ok = *clean != '\0';

  for (const char *c = clean; *c; c++)
    ok &= g_ascii_isalnum (*c) || *c == '_';
  if (!ok)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is not a Jobindsats table id; write it as on Jobindsats.dk, for example y01a02"), table);
      return FALSE;
    }
  *canonical = g_ascii_strdown (clean, -1);
  return TRUE;
}

/**
 * indsats_import_indicator_name:
 * @table: (nullable): the table id
 * @breakdown: the breakdown values, "Køn: Kvinder; A-kasse: I alt"
 * @total: whether every breakdown value is a total
 *
 * The name people read: the measure, then the table and the breakdown values
 * that are not totals, as in “Antal personer (y01a02, Kvinder)”.
 *
 * Returns: (transfer full): the name
 */
char *
indsats_import_indicator_name (const char *table,
                               const char *measure,
                               const char *breakdown,
                               gboolean    total)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (table != NULL)
    g_ptr_array_add (parts, g_strdup (table));
  if (!total && breakdown != NULL && *breakdown)
    {
      g_auto(GStrv) pairs = g_strsplit (breakdown, "; ", -1);

      for (guint i = 0; pairs[i]; i++)
        {
          const char *colon = strstr (pairs[i], ": ");
          const char *value = colon ? colon + 2 : pairs[i];

          if (!indsats_import_is_total (value))
            g_ptr_array_add (parts, g_strdup (value));
        }
    }
  if (parts->len == 0)
    return g_strdup (measure);
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  return g_strdup_printf ("%s (%s)", measure, joined);
}

/**
 * indsats_import_error_answer:
 * @text: a JSON text
 *
 * Recognises what the Jobindsats API answers instead of data: the v2 answer to
 * a wrong key, `{"Forkert nøgle eller nøglen er udløbet.":""}`, and the v3
 * error object, `{"code":422,"cause":"…"}`.
 *
 * Returns: (transfer full) (nullable): what the answer says, for a person, or
 *   %NULL when @text is no error answer
 */
char *
indsats_import_error_answer (const char *text,
                             gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (!json_parser_load_from_data (parser, text, length, NULL) || json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  o = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (o, "cause") && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "cause")))
    {
      const char *cause = json_object_get_string_member (o, "cause");
      gint64 code = 0;

      if (json_object_has_member (o, "code") && JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "code")))
        code = json_object_get_int_member (o, "code");
      if (code != 0)
        return g_strdup_printf (_("the Jobindsats API refused the request (%" PRId64 "): %s"),
                                code, cause ? cause : "");
      return g_strdup_printf (_("the Jobindsats API refused the request: %s"), cause ? cause : "");
    }
  if (json_object_get_size (o) == 1)
    {
      g_autoptr(GList) members = json_object_get_members (o);
      g_autofree char *lower = g_utf8_strdown (members->data, -1);

      if (strstr (lower, "nøgle") != NULL)
        return g_strdup_printf (_("Jobindsats refused the key (it answered “%s”): the key is wrong or has "
                                "expired; ask STAR for a new one"), (const char *) members->data);
    }
  return NULL;
}

IndsatsImportSummary *
indsats_import_summary_new (void)
{
  IndsatsImportSummary *summary = g_new0 (IndsatsImportSummary, 1);

  summary->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) count_free);
  summary->read = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_file_free);
  return summary;
}
