/* indsats-import-table.c
 *
 * What the columns of a table mean, whatever file it came from: either the
 * long form (indicator, area, period, value and maybe unit), or Jobindsats'
 * wide form (an area column "Område"/"Area", a period column "Periode", the
 * breakdown columns, and a column per measure, labelled "Measure" or
 * "Group: Measure").
 *
 * Breakdowns (Køn, Ydelsesgrupper, A-kasse, …) are the text columns that come
 * before the measures. A header does not tell them apart, so the first row
 * does: the leading columns whose cells are text are breakdowns, and from the
 * first number (or missing cell) on, every column is a measure.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <math.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-period.h"

static gboolean
is_one_of (const char         *name,
           const char * const *words)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  g_strstrip (lower);
  for (guint i = 0; words[i]; i++)
    if (strcmp (lower, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char * const area_words[] = { "område", "area", "omraade", "kommune", NULL };
static const char * const period_words[] = { "periode", "period", "tid", "time", NULL };
static const char * const indicator_words[] = { "indicator", "indikator", "measure", "nøgletal", NULL };
static const char * const value_words[] = { "value", "værdi", "vaerdi", NULL };
static const char * const unit_words[] = { "unit", "enhed", NULL };

static char *
location (const IndsatsImportTable *t,
          guint                     line)
{
  if (t->json)
    return g_strdup_printf ("%s: row %u", t->file, line);
  return g_strdup_printf ("%s:%u", t->file, line);
}

/* A unit the label gives away: "Andel …", "… (pct.)", "… %" */
static const char *
unit_of_label (const char *label)
{
  g_autofree char *lower = g_utf8_strdown (label, -1);

  if (strstr (lower, "pct") || strstr (lower, "%") || strstr (lower, "andel") || strstr (lower, "procent") ||
      strstr (lower, "share"))
    return "pct";
  if (strstr (lower, "fuldtidspersoner"))
    return "fuldtidspersoner";
  if (strstr (lower, "personer"))
    return "personer";
  return "antal";
}

/**
 * indsats_import_table_init:
 * @header: the column names
 *
 * Finds what the columns mean; a table with neither form is refused.
 */
gboolean
indsats_import_table_init (IndsatsImportTable  *t,
                           const char          *file,
                           gboolean             json,
                           gboolean             danish,
                           char               **header,
                           guint                n_header,
                           GError             **error)
{
  memset (t, 0, sizeof *t);
  t->file = file;
  t->json = json;
  t->danish = danish;
  t->area = t->period = t->indicator = t->value = t->unit = -1;
  t->n_columns = n_header;
  t->measures = g_ptr_array_new_with_free_func (g_free);
  t->names = g_ptr_array_new_with_free_func (g_free);
  t->breakdowns = g_array_new (FALSE, FALSE, sizeof (int));
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_import_row_free);

  for (guint i = 0; i < n_header; i++)
    {
      const char *name = header[i] ? header[i] : "";
      g_autoptr(GError) local = NULL;

      g_autofree char *field = g_strdup_printf ("the name of column %u", i + 1);

      if (!indsats_text_check (name, field, FALSE, &local))
        {
          g_autofree char *where = location (t, 1);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: %s; nothing was imported",
                       where, local->message);
          return FALSE;
        }
      g_ptr_array_add (t->names, g_strstrip (g_strdup (name)));
      if (t->area < 0 && is_one_of (name, area_words))
        t->area = i;
      else if (t->period < 0 && is_one_of (name, period_words))
        t->period = i;
      else if (t->indicator < 0 && is_one_of (name, indicator_words))
        t->indicator = i;
      else if (t->value < 0 && is_one_of (name, value_words))
        t->value = i;
      else if (t->unit < 0 && is_one_of (name, unit_words))
        t->unit = i;
    }

  if (t->area < 0 || t->period < 0)
    {
      g_autofree char *where = location (t, 1);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: no %s column; a key-figure file needs an area (“Område”) and a period (“Periode”) column, "
                   "and either a column per measure or indicator and value columns",
                   where, t->area < 0 ? "area" : "period");
      return FALSE;
    }

  t->long_form = t->indicator >= 0 && t->value >= 0;
  for (guint i = 0; i < n_header; i++)
    {
      char *measure = NULL;

      if (!t->long_form && (int) i != t->area && (int) i != t->period && (int) i != t->unit)
        {
          measure = g_strstrip (g_strdup (header[i] ? header[i] : ""));
          if (*measure == '\0')
            {
              g_autofree char *where = location (t, 1);
              g_free (measure);
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           "%s: column %u has no name; name each measure", where, i + 1);
              return FALSE;
            }
        }
      g_ptr_array_add (t->measures, measure);
    }
  if (!t->long_form)
    {
      gboolean any = FALSE;
      for (guint i = 0; i < n_header; i++)
        any |= g_ptr_array_index (t->measures, i) != NULL;
      if (!any)
        {
          g_autofree char *where = location (t, 1);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       "%s: there is no column with numbers besides area and period", where);
          return FALSE;
        }
    }
  return TRUE;
}

void
indsats_import_table_clear (IndsatsImportTable *t)
{
  g_clear_pointer (&t->measures, g_ptr_array_unref);
  g_clear_pointer (&t->names, g_ptr_array_unref);
  g_clear_pointer (&t->breakdowns, g_array_unref);
  g_clear_pointer (&t->rows, g_ptr_array_unref);
}

/* Suppressed or empty cells (-, ., .., empty) are missing values, never zero */
static gboolean
parse_value (const IndsatsImportTable  *t,
             const char                *cell,
             guint                      line,
             const char                *column,
             double                    *value,
             GError                   **error)
{
  g_autofree char *clean = NULL;
  gboolean missing = FALSE;
  g_autoptr(GError) local = NULL;

  if (t->danish)
    {
      /* 1.234,5: a dot before three digits groups thousands, the comma is
       * the decimal point; a lone "4.6" keeps its point */
      GString *s = g_string_new (NULL);

      for (const char *c = cell; *c; c++)
        {
          gboolean grouping = *c == '.' && c > cell && g_ascii_isdigit (c[-1]) &&
                              g_ascii_isdigit (c[1]) && g_ascii_isdigit (c[2]) && g_ascii_isdigit (c[3]) &&
                              (c[4] == '\0' || c[4] == '.' || c[4] == ',');
          if (grouping)
            continue;
          g_string_append_c (s, *c == ',' ? '.' : *c);
        }
      clean = g_string_free (s, FALSE);
    }
  else
    clean = g_strdup (cell);

  if (!indsats_number_parse (clean, value, &missing, &local))
    {
      g_autofree char *where = location (t, line);
      double v = g_ascii_strtod (clean, NULL);

      if (isfinite (v) && strpbrk (clean, "nNiIxX") == NULL &&
          (fabs (v) > INDSATS_NUMBER_MAX || (v != 0 && fabs (v) < INDSATS_NUMBER_MIN)))
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                     "%s: “%s” in column “%s” is out of range: a key figure lies between 0.000001 and "
                     "1,000,000,000,000,000 in size (or is 0); nothing was imported", where, cell, column);
      else
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                     "%s: “%s” in column “%s” is not a number", where, cell, column);
      return FALSE;
    }
  if (missing)
    *value = NAN;
  return TRUE;
}

/* A cell that reads as a number; empty and suppressed cells do not */
static gboolean
is_number (const char *cell)
{
  double value;
  gboolean missing = FALSE;

  return indsats_number_parse (cell, &value, &missing, NULL) && !missing;
}

static gboolean
is_missing (const char *cell)
{
  double value;
  gboolean missing = FALSE;

  return indsats_number_parse (cell, &value, &missing, NULL) && missing;
}

/* Tells breakdowns from measures by the first row: the leading text columns
 * are breakdowns */
static gboolean
classify (IndsatsImportTable  *t,
          char               **cells,
          guint                line,
          GError             **error)
{
  gboolean any = FALSE;

  for (guint i = 0; i < t->n_columns; i++)
    {
      const char *cell;

      if (g_ptr_array_index (t->measures, i) == NULL)
        continue;
      cell = g_strstrip (cells[i]);
      if (is_number (cell) || is_missing (cell))
        break;
      g_array_append_val (t->breakdowns, i);
      g_clear_pointer (&g_ptr_array_index (t->measures, i), g_free);
    }
  for (guint i = 0; i < t->n_columns; i++)
    any |= g_ptr_array_index (t->measures, i) != NULL;
  if (!any)
    {
      g_autofree char *where = location (t, line);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: no column holds numbers; after area, period and breakdowns a key-figure file "
                   "needs at least one measure", where);
      return FALSE;
    }
  t->classified = TRUE;
  return TRUE;
}

/**
 * indsats_import_is_total:
 * @value: a breakdown value
 *
 * Returns: whether @value is its breakdown's total: “Køn i alt”, “I alt”
 */
gboolean
indsats_import_is_total (const char *value)
{
  g_autofree char *lower = g_utf8_strdown (value, -1);

  g_strstrip (lower);
  return strcmp (lower, "i alt") == 0 || g_str_has_suffix (lower, " i alt") || strcmp (lower, "total") == 0 ||
         strcmp (lower, "alle") == 0;
}

static IndsatsImportRow *
new_row (const char          *indicator,
         const char          *breakdown,
         gboolean             total,
         const char          *area,
         const IndsatsPeriod *period,
         double               value,
         const char          *unit,
         guint                line)
{
  IndsatsImportRow *row = g_new0 (IndsatsImportRow, 1);

  row->indicator = g_strdup (indicator);
  row->breakdown = g_strdup (breakdown);
  row->total = total;
  row->area = g_strdup (area);
  row->period = *period;
  row->value = value;
  row->unit = g_strdup (unit);
  row->line = line;
  return row;
}

/**
 * indsats_import_table_add_row:
 *
 * Reads one row: checks its fields, its period and its numbers.
 */
gboolean
indsats_import_table_add_row (IndsatsImportTable  *t,
                              char               **cells,
                              guint                n_cells,
                              guint                line,
                              GError             **error)
{
  g_autofree char *where = NULL;
  g_autoptr(GError) local = NULL;
  IndsatsPeriod period;
  const char *area;

  if (n_cells != t->n_columns)
    {
      where = location (t, line);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   "%s: the row has %u fields, the header has %u", where, n_cells, t->n_columns);
      return FALSE;
    }
  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *field = g_strdup_printf ("field %u", i + 1);

      if (!indsats_text_check (cells[i], field, FALSE, &local))
        {
          where = location (t, line);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: %s; nothing was imported",
                       where, local->message);
          return FALSE;
        }
    }
  area = g_strstrip (cells[t->area]);
  if (*area == '\0')
    {
      where = location (t, line);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the area is empty", where);
      return FALSE;
    }
  if (!indsats_period_parse (g_strstrip (cells[t->period]), &period, &local))
    {
      where = location (t, line);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: %s", where, local->message);
      return FALSE;
    }

  if (t->long_form)
    {
      const char *indicator = g_strstrip (cells[t->indicator]);
      const char *unit = t->unit >= 0 ? g_strstrip (cells[t->unit]) : NULL;
      double value;

      if (*indicator == '\0')
        {
          where = location (t, line);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: the indicator is empty", where);
          return FALSE;
        }
      if (!parse_value (t, g_strstrip (cells[t->value]), line, "value", &value, error))
        return FALSE;
      g_ptr_array_add (t->rows, new_row (indicator, "", TRUE, area, &period, value, unit && *unit ? unit : NULL, line));
      return TRUE;
    }

  if (!t->classified && !classify (t, cells, line, error))
    return FALSE;

  {
    g_autoptr(GString) breakdown = g_string_new (NULL);
    gboolean total = TRUE;

    for (guint b = 0; b < t->breakdowns->len; b++)
      {
        int column = g_array_index (t->breakdowns, int, b);
        const char *name = g_ptr_array_index (t->names, column);
        const char *cell = g_strstrip (cells[column]);

        if (*cell == '\0')
          {
            where = location (t, line);
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                         "%s: the breakdown “%s” is empty; every row needs a value in each breakdown column",
                         where, name);
            return FALSE;
          }
        if (is_number (cell))
          {
            where = location (t, line);
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                         "%s: “%s” in column “%s” is a number, but the first row has text there, so the "
                         "column was read as a breakdown; check the file's first row",
                         where, cell, name);
            return FALSE;
          }
        g_string_append_printf (breakdown, "%s%s: %s", b > 0 ? "; " : "", name, cell);
        total &= indsats_import_is_total (cell);
      }

    for (guint i = 0; i < n_cells; i++)
      {
        const char *measure = g_ptr_array_index (t->measures, i);
        double value;

        if (measure == NULL)
          continue;
        if (!parse_value (t, g_strstrip (cells[i]), line, measure, &value, error))
          return FALSE;
        g_ptr_array_add (t->rows, new_row (measure, breakdown->str, total, area, &period, value,
                                           unit_of_label (measure), line));
      }
  }
  return TRUE;
}
