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
 *
 * Names are kept in NFC, however the file spells them. A number is read at
 * once when it shows its decimal mark (or has none); one that does not
 * (1.234) waits until its column's mark is known from the column's other
 * cells, and is refused when nothing tells. A row is handed on as soon as
 * its value is known, so a table of any length is read in bounded memory:
 * the rows that wait are kept in a temporary database once there are many.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-period.h"
#include "indsats-text.h"

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

/* Which marks a column's cells have shown, and where first */
typedef struct
{
  guint  comma_line;
  char  *comma_text;
  guint  point_line;
  char  *point_text;
} ColumnMarks;

/* A number that shows no mark of its own: 1.234 */
typedef struct
{
  IndsatsImportRow *row;
  char             *text;
  guint             column;
  guint             line;
} Pending;

/* The rows held in memory while they wait for their column's mark; more
 * wait in the spill */
#define PENDING_IN_MEMORY 4096

struct _IndsatsImportSpill
{
  sqlite3      *db;
  sqlite3_stmt *insert;
  guint         count;
};

static void
spill_free (IndsatsImportSpill *spill)
{
  if (spill == NULL)
    return;
  sqlite3_finalize (spill->insert);
  sqlite3_close (spill->db);
  g_free (spill);
}

static void
column_marks_clear (gpointer data)
{
  ColumnMarks *m = data;

  g_free (m->comma_text);
  g_free (m->point_text);
}

static void
pending_clear (gpointer data)
{
  Pending *p = data;

  g_free (p->text);
  indsats_import_row_free (p->row);
}

/* The name in NFC, kept once per spelling */
static const char *
name_of (IndsatsImportTable *t,
         const char         *text)
{
  char *name = g_hash_table_lookup (t->names, text);

  if (name == NULL)
    {
      name = indsats_text_normalize (text);
      g_hash_table_insert (t->names, g_strdup (text), name);
    }
  return name;
}

/* The period a cell writes: a file has few, on many rows each, so each is
 * parsed once (up to a few thousand kept; a file with more parses the rest
 * every time) */
#define MAX_PERIODS_KEPT 4096

static gboolean
period_of (IndsatsImportTable  *t,
           const char          *text,
           IndsatsPeriod       *period,
           GError             **error)
{
  const IndsatsPeriod *known = g_hash_table_lookup (t->periods, text);

  if (known != NULL)
    {
      *period = *known;
      return TRUE;
    }
  if (!indsats_period_parse (text, period, error))
    return FALSE;
  if (g_hash_table_size (t->periods) < MAX_PERIODS_KEPT)
    g_hash_table_insert (t->periods, g_strdup (text), g_memdup2 (period, sizeof *period));
  return TRUE;
}

/**
 * indsats_import_table_init:
 * @options: (nullable): the decimal mark asked for
 * @result: (nullable): told which decimal marks the table was read with
 * @header: the column names
 *
 * Finds what the columns mean; a table with neither form is refused.
 */
gboolean
indsats_import_table_init (IndsatsImportTable          *t,
                           const char                  *file,
                           gboolean                     json,
                           const IndsatsImportOptions  *options,
                           IndsatsImportFile           *result,
                           IndsatsImportEmitFunc        emit,
                           gpointer                     emit_data,
                           char                       **header,
                           guint                        n_header,
                           GError                     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  memset (t, 0, sizeof *t);
  t->file = file;
  t->json = json;
  t->decimal = options ? options->decimal : INDSATS_DECIMAL_UNKNOWN;
  t->result = result;
  t->area = t->period = t->indicator = t->value = t->unit = -1;
  t->n_columns = n_header;
  t->measures = g_ptr_array_new_with_free_func (g_free);
  t->column_names = g_ptr_array_new_with_free_func (g_free);
  t->breakdowns = g_array_new (FALSE, FALSE, sizeof (int));
  t->emit = emit;
  t->emit_data = emit_data;
  t->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  t->periods = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  t->marks = g_array_sized_new (FALSE, TRUE, sizeof (ColumnMarks), n_header);
  g_array_set_clear_func (t->marks, column_marks_clear);
  g_array_set_size (t->marks, n_header);
  t->pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  t->last = g_new0 (LastCell, n_header);
  t->same = g_new0 (gboolean, n_header);
  t->units = g_ptr_array_new ();
  g_array_set_clear_func (t->pending, pending_clear);
  if (result)
    result->asked = t->decimal != INDSATS_DECIMAL_UNKNOWN;

  for (guint i = 0; i < n_header; i++)
    g_ptr_array_add (names, (gpointer) name_of (t, header[i] ? header[i] : ""));

  for (guint i = 0; i < n_header; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GError) local = NULL;
      g_autofree char *field = g_strdup_printf (_("the name of column %u"), i + 1);

      if (!indsats_text_check (name, field, FALSE, &local))
        {
          g_autofree char *where = location (t, 1);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: %s; nothing was imported"),
                       where, local->message);
          return FALSE;
        }
      g_ptr_array_add (t->column_names, g_strstrip (g_strdup (name)));
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
                   _("%s: no %s column; a key-figure file needs an area (“Område”) and a period (“Periode”) column, "
                   "and either a column per measure or indicator and value columns"),
                   where, t->area < 0 ? _("area") : _("period"));
      return FALSE;
    }

  t->long_form = t->indicator >= 0 && t->value >= 0;
  for (guint i = 0; i < n_header; i++)
    {
      char *measure = NULL;

      if (!t->long_form && (int) i != t->area && (int) i != t->period && (int) i != t->unit)
        {
          measure = g_strstrip (g_strdup (g_ptr_array_index (names, i)));
          if (*measure == '\0')
            {
              g_autofree char *where = location (t, 1);
              g_free (measure);
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("%s: column %u has no name; name each measure"), where, i + 1);
              return FALSE;
            }
        }
      g_ptr_array_add (t->measures, measure);
      g_ptr_array_add (t->units, (gpointer) (measure ? unit_of_label (measure) : NULL));
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
                       _("%s: there is no column with numbers besides area and period"), where);
          return FALSE;
        }
    }
  return TRUE;
}

void
indsats_import_table_clear (IndsatsImportTable *t)
{
  g_clear_pointer (&t->measures, g_ptr_array_unref);
  g_clear_pointer (&t->column_names, g_ptr_array_unref);
  g_clear_pointer (&t->breakdowns, g_array_unref);
  g_clear_pointer (&t->names, g_hash_table_unref);
  g_clear_pointer (&t->periods, g_hash_table_unref);
  g_clear_pointer (&t->marks, g_array_unref);
  g_clear_pointer (&t->pending, g_array_unref);
  g_clear_pointer (&t->spill, spill_free);
  for (guint i = 0; t->last != NULL && i < t->n_columns; i++)
    if (t->last[i].text != NULL)
      g_string_free (t->last[i].text, TRUE);
  g_clear_pointer (&t->last, g_free);
  g_clear_pointer (&t->same, g_free);
  g_clear_pointer (&t->units, g_ptr_array_unref);
  if (t->breakdown != NULL)
    g_string_free (g_steal_pointer (&t->breakdown), TRUE);
}

static const char *
mark_words (IndsatsDecimal mark)
{
  return mark == INDSATS_DECIMAL_COMMA ? _("a decimal comma") : _("a decimal point");
}

static void
note_mark (IndsatsImportTable *t,
           IndsatsDecimal      mark)
{
  if (t->result == NULL)
    return;
  if (mark == INDSATS_DECIMAL_COMMA)
    t->result->comma = TRUE;
  else if (mark == INDSATS_DECIMAL_POINT)
    t->result->point = TRUE;
}

/* A key figure lies in a plausible range: 0, or between INDSATS_NUMBER_MIN
 * and INDSATS_NUMBER_MAX in size; anything else is a mistake in the file */
static gboolean
check_range (IndsatsImportTable  *t,
             guint                line,
             const char          *cell,
             const char          *column_name,
             double               value,
             GError             **error)
{
  g_autofree char *where = NULL;

  if (isnan (value) || value == 0 ||
      (isfinite (value) && fabs (value) <= INDSATS_NUMBER_MAX && fabs (value) >= INDSATS_NUMBER_MIN))
    return TRUE;
  where = location (t, line);
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
               _("%s: “%s” in column “%s” is out of range: a key figure lies between 0.000001 and "
               "1,000,000,000,000,000 in size (or is 0); nothing was imported"), where, cell, column_name);
  return FALSE;
}

static IndsatsImportRow *
new_row (const char          *indicator,
         const char          *breakdown,
         gboolean             total,
         const char          *area,
         const IndsatsPeriod *period,
         const char          *unit,
         gboolean             unit_from_label,
         guint                line)
{
  IndsatsImportRow *row = g_new0 (IndsatsImportRow, 1);

  row->indicator = g_strdup (indicator);
  row->breakdown = g_strdup (breakdown);
  row->total = total;
  row->area = g_strdup (area);
  row->period = *period;
  row->value = NAN;
  row->unit = g_strdup (unit);
  row->unit_from_label = unit_from_label;
  row->line = line;
  return row;
}

static gboolean
spill_open (IndsatsImportTable  *t,
            GError             **error)
{
  IndsatsImportSpill *spill = g_new0 (IndsatsImportSpill, 1);

  t->spill = spill;
  /* "": a private database in a temporary file, gone when closed */
  if (sqlite3_open_v2 ("", &spill->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
      sqlite3_exec (spill->db,
                    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                    "CREATE TABLE pending (seq INTEGER PRIMARY KEY, col INTEGER, line INTEGER, text TEXT,"
                    " indicator TEXT, breakdown TEXT, total INTEGER, area TEXT, kind INTEGER, year INTEGER,"
                    " idx INTEGER, unit TEXT, unit_from_label INTEGER);"
                    "CREATE INDEX pending_col ON pending (col, seq);", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (spill->db,
                          "INSERT INTO pending (col, line, text, indicator, breakdown, total, area, kind, year,"
                          " idx, unit, unit_from_label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          -1, &spill->insert, NULL) != SQLITE_OK)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("%s: cannot keep the numbers that wait for their decimal mark in a temporary file (%s); "
                   "free some disk space, or say the mark with --decimal comma or --decimal point"),
                   t->file, spill->db ? sqlite3_errmsg (spill->db) : _("out of memory"));
      return FALSE;
    }
  return TRUE;
}

/* Moves the rows waiting in memory to the spill, in order */
static gboolean
spill_pending (IndsatsImportTable  *t,
               GError             **error)
{
  IndsatsImportSpill *spill;

  if (t->spill == NULL && !spill_open (t, error))
    return FALSE;
  spill = t->spill;
  sqlite3_exec (spill->db, "BEGIN", NULL, NULL, NULL);
  for (guint i = 0; i < t->pending->len; i++)
    {
      Pending *p = &g_array_index (t->pending, Pending, i);
      sqlite3_stmt *st = spill->insert;

      sqlite3_bind_int (st, 1, p->column);
      sqlite3_bind_int (st, 2, p->line);
      sqlite3_bind_text (st, 3, p->text, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 4, p->row->indicator, -1, SQLITE_STATIC);
      sqlite3_bind_text (st, 5, p->row->breakdown, -1, SQLITE_STATIC);
      sqlite3_bind_int (st, 6, p->row->total);
      sqlite3_bind_text (st, 7, p->row->area, -1, SQLITE_STATIC);
      sqlite3_bind_int (st, 8, p->row->period.kind);
      sqlite3_bind_int (st, 9, p->row->period.year);
      sqlite3_bind_int (st, 10, p->row->period.index);
      sqlite3_bind_text (st, 11, p->row->unit, -1, SQLITE_STATIC);
      sqlite3_bind_int (st, 12, p->row->unit_from_label);
      if (sqlite3_step (st) != SQLITE_DONE)
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                       _("%s: cannot keep the numbers that wait for their decimal mark in a temporary file (%s); "
                       "free some disk space, or say the mark with --decimal comma or --decimal point"),
                       t->file, sqlite3_errmsg (spill->db));
          sqlite3_reset (st);
          sqlite3_exec (spill->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      sqlite3_reset (st);
      sqlite3_clear_bindings (st);
      spill->count++;
    }
  sqlite3_exec (spill->db, "COMMIT", NULL, NULL, NULL);
  g_array_set_size (t->pending, 0);
  return TRUE;
}

static gboolean
hold (IndsatsImportTable  *t,
      IndsatsImportRow    *row,
      const char          *cell,
      guint                column,
      guint                line,
      GError             **error)
{
  Pending p = { indsats_import_row_copy (row), g_strdup (cell), column, line };

  g_array_append_val (t->pending, p);
  if (t->pending->len >= PENDING_IN_MEMORY)
    return spill_pending (t, error);
  return TRUE;
}

static gboolean resolve (IndsatsImportTable  *t,
                         Pending             *p,
                         IndsatsDecimal       mark,
                         GError             **error);
static gboolean resolve_row (IndsatsImportTable  *t,
                             IndsatsImportRow    *row,
                             const char          *text,
                             guint                column,
                             guint                line,
                             IndsatsDecimal       mark,
                             GError             **error);

/* Reads the spilled rows of @column (or of every column, when it is -1) in
 * order, with @mark (or, when it is UNKNOWN, each one's column's mark) */
static gboolean
resolve_spilled (IndsatsImportTable  *t,
                 int                  column,
                 IndsatsDecimal       mark,
                 GError             **error)
{
  IndsatsImportSpill *spill = t->spill;
  sqlite3_stmt *st = NULL;
  gboolean ok = TRUE;
  int rc;

  if (spill == NULL || spill->count == 0)
    return TRUE;
  if (sqlite3_prepare_v2 (spill->db,
                          "SELECT col, line, text, indicator, breakdown, total, area, kind, year, idx, unit,"
                          " unit_from_label FROM pending WHERE ?1 < 0 OR col = ?1 ORDER BY seq",
                          -1, &st, NULL) != SQLITE_OK)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO, _("%s: cannot read the temporary file (%s)"),
                   t->file, sqlite3_errmsg (spill->db));
      return FALSE;
    }
  sqlite3_bind_int (st, 1, column);
  while (ok && (rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      IndsatsPeriod period = { sqlite3_column_int (st, 7), sqlite3_column_int (st, 8), sqlite3_column_int (st, 9) };
      Pending p = { NULL, g_strdup ((const char *) sqlite3_column_text (st, 2)), sqlite3_column_int (st, 0),
                    sqlite3_column_int (st, 1) };

      p.row = new_row ((const char *) sqlite3_column_text (st, 3), (const char *) sqlite3_column_text (st, 4),
                       sqlite3_column_int (st, 5), (const char *) sqlite3_column_text (st, 6), &period,
                       (const char *) sqlite3_column_text (st, 10), sqlite3_column_int (st, 11), p.line);
      ok = resolve (t, &p, mark, error);
    }
  sqlite3_finalize (st);
  if (ok)
    {
      sqlite3_stmt *gone_st = NULL;
      guint gone;

      /* every column's rows, or @column's (-1 matches no column) */
      if (sqlite3_prepare_v2 (spill->db, "DELETE FROM pending WHERE ?1 < 0 OR col = ?1", -1, &gone_st, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int (gone_st, 1, column);
          sqlite3_step (gone_st);
        }
      sqlite3_finalize (gone_st);
      gone = sqlite3_changes (spill->db);
      spill->count -= MIN (gone, spill->count);
    }
  return ok;
}

/* The rows of @column that waited: read with the mark its own cells showed */
static gboolean
flush_column (IndsatsImportTable  *t,
              guint                column,
              IndsatsDecimal       mark,
              GError             **error)
{
  guint kept = 0;
  gboolean ok = TRUE;

  if (!resolve_spilled (t, column, mark, error))
    return FALSE;
  for (guint i = 0; i < t->pending->len; i++)
    {
      Pending *p = &g_array_index (t->pending, Pending, i);

      if (ok && p->column == column)
        ok = resolve (t, p, mark, error);
      else if (p->column == column)
        pending_clear (p);
      else
        g_array_index (t->pending, Pending, kept++) = *p;
    }
  /* the ones read are freed already: shrink without clearing them again */
  g_array_set_clear_func (t->pending, NULL);
  g_array_set_size (t->pending, kept);
  g_array_set_clear_func (t->pending, pending_clear);
  return ok;
}

/* The common cell, read at once: -?[0-9]+ with maybe one mark and more
 * digits, 15 digits at most, that shows its mark (or has none); its shape and
 * value are those indsats_number_shape() and indsats_number_read() give it.
 * FALSE for any other cell. */
static gboolean
plain_number (const char         *cell,
              IndsatsNumberShape *shape,
              double             *value)
{
  static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
                                 1e14, 1e15 };
  const char *p = cell + (*cell == '-');
  guint64 digits = 0;
  guint before = 0, after = 0;
  char mark = '\0';

  for (; g_ascii_isdigit (*p); p++, before++)
    digits = digits * 10 + (guint64) (*p - '0');
  if (before == 0)
    return FALSE;
  if (*p == '.' || *p == ',')
    {
      mark = *p++;
      for (; g_ascii_isdigit (*p); p++, after++)
        digits = digits * 10 + (guint64) (*p - '0');
      if (after == 0)
        return FALSE;
    }
  if (*p != '\0' || before + after > 15)
    return FALSE;
  if (mark == '\0')
    *shape = INDSATS_NUMBER_WHOLE;
  else if (before > 3 || after != 3 || cell[*cell == '-'] == '0')
    *shape = mark == '.' ? INDSATS_NUMBER_POINT : INDSATS_NUMBER_COMMA;
  else
    return FALSE;   /* 1.234: its column tells */
  *value = (double) digits / tens[after];
  if (*cell == '-')
    *value = -*value;
  return TRUE;
}

/* Reads a number that shows its mark now; keeps one that does not for
 * later. Suppressed or empty cells (-, ., .., empty) are missing values,
 * never zero. */
static gboolean
take_value (IndsatsImportTable  *t,
            IndsatsImportRow    *row,
            guint                column,
            const char          *cell,
            gboolean             native,
            guint                line,
            const char          *column_name,
            gboolean            *held,
            GError             **error)
{
  ColumnMarks *marks = &g_array_index (t->marks, ColumnMarks, column);
  IndsatsNumberShape shape;
  IndsatsDecimal mark;
  gboolean missing = FALSE;
  gboolean plain;
  double value = NAN;

  if (native)
    {
      /* a JSON number: no mark to decide */
      char *end = NULL;
      row->value = g_ascii_strtod (cell, &end);
      return check_range (t, line, cell, column_name, row->value, error);
    }

  if (t->decimal != INDSATS_DECIMAL_UNKNOWN)
    {
      if (!indsats_number_read (cell, t->decimal, &row->value, &missing))
        {
          g_autofree char *where = location (t, line);
          if (indsats_number_shape (cell) == INDSATS_NUMBER_INVALID)
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                         _("%s: “%s” in column “%s” is not a number"), where, cell, column_name);
          else
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                         _("%s: “%s” in column “%s” is not a number written with %s, as --decimal %s says"),
                         where, cell, column_name, mark_words (t->decimal),
                         indsats_decimal_to_string (t->decimal));
          return FALSE;
        }
      if (strpbrk (cell, ".,") != NULL && !missing)
        note_mark (t, t->decimal);
      return check_range (t, line, cell, column_name, row->value, error);
    }

  if (!(plain = plain_number (cell, &shape, &value)))
    shape = indsats_number_shape (cell);
  switch (shape)
    {
    case INDSATS_NUMBER_INVALID:
      {
        g_autofree char *where = location (t, line);
        g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                     _("%s: “%s” in column “%s” is not a number"), where, cell, column_name);
        return FALSE;
      }
    case INDSATS_NUMBER_AMBIGUOUS:
      *held = TRUE;
      if (marks->comma_line != 0 || marks->point_line != 0)
        /* the column has shown its mark already */
        return resolve_row (t, row, cell, column, line,
                            marks->comma_line ? INDSATS_DECIMAL_COMMA : INDSATS_DECIMAL_POINT, error);
      return hold (t, row, cell, column, line, error);
    case INDSATS_NUMBER_COMMA:
    case INDSATS_NUMBER_POINT:
      mark = shape == INDSATS_NUMBER_COMMA ? INDSATS_DECIMAL_COMMA : INDSATS_DECIMAL_POINT;
      if (mark == INDSATS_DECIMAL_COMMA && marks->comma_line == 0)
        marks->comma_line = line, marks->comma_text = g_strdup (cell);
      else if (mark == INDSATS_DECIMAL_POINT && marks->point_line == 0)
        marks->point_line = line, marks->point_text = g_strdup (cell);
      if (marks->comma_line != 0 && marks->point_line != 0)
        {
          g_autofree char *where = location (t, line);
          gboolean comma_here = mark == INDSATS_DECIMAL_COMMA;
          g_autofree char *other = location (t, comma_here ? marks->point_line : marks->comma_line);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("%s: “%s” in column “%s” has %s, but “%s” at %s has %s; a column has one decimal mark"),
                       where, cell, column_name, mark_words (mark),
                       comma_here ? marks->point_text : marks->comma_text, other,
                       mark_words (comma_here ? INDSATS_DECIMAL_POINT : INDSATS_DECIMAL_COMMA));
          return FALSE;
        }
      note_mark (t, mark);
      /* the column's first mark decides the numbers of it that waited */
      if ((mark == INDSATS_DECIMAL_COMMA ? marks->comma_line : marks->point_line) == line &&
          !flush_column (t, column, mark, error))
        return FALSE;
      break;
    case INDSATS_NUMBER_MISSING:
    case INDSATS_NUMBER_WHOLE:
    default:
      break;
    }
  if (plain)
    row->value = value;
  else if (!indsats_number_read (cell, INDSATS_DECIMAL_UNKNOWN, &row->value, &missing))
    {
      g_autofree char *where = location (t, line);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: “%s” in column “%s” is not a number"), where, cell, column_name);
      return FALSE;
    }
  return check_range (t, line, cell, column_name, row->value, error);
}

/* The mark of a column whose cells all showed none: its own, or the one
 * every other column of the table agrees on */
static IndsatsDecimal
mark_of_column (IndsatsImportTable *t,
                guint               column)
{
  ColumnMarks *own = &g_array_index (t->marks, ColumnMarks, column);
  gboolean comma = FALSE, point = FALSE;

  if (own->comma_line)
    return INDSATS_DECIMAL_COMMA;
  if (own->point_line)
    return INDSATS_DECIMAL_POINT;
  for (guint i = 0; i < t->marks->len; i++)
    {
      ColumnMarks *m = &g_array_index (t->marks, ColumnMarks, i);
      comma |= m->comma_line != 0;
      point |= m->point_line != 0;
    }
  if (comma != point)
    return comma ? INDSATS_DECIMAL_COMMA : INDSATS_DECIMAL_POINT;
  return INDSATS_DECIMAL_UNKNOWN;
}

static const char *
column_label (IndsatsImportTable *t,
              guint               column)
{
  const char *measure = g_ptr_array_index (t->measures, column);

  return measure ? measure : "value";
}

/* Reads a number that waited with @mark (UNKNOWN: its column's, decided by
 * the whole table) into @row and hands the row on */
static gboolean
resolve_row (IndsatsImportTable  *t,
             IndsatsImportRow    *row,
             const char          *text,
             guint                column,
             guint                line,
             IndsatsDecimal       mark,
             GError             **error)
{
  gboolean missing;

  if (mark == INDSATS_DECIMAL_UNKNOWN)
    mark = mark_of_column (t, column);
  if (mark == INDSATS_DECIMAL_UNKNOWN)
    {
      g_autofree char *where = location (t, line);
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];
      double thousands = NAN, decimals = NAN;
      char mark_char = strchr (text, ',') ? ',' : '.';

      indsats_number_read (text, mark_char == '.' ? INDSATS_DECIMAL_COMMA : INDSATS_DECIMAL_POINT,
                           &thousands, &missing);
      indsats_number_read (text, mark_char == '.' ? INDSATS_DECIMAL_POINT : INDSATS_DECIMAL_COMMA,
                           &decimals, &missing);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: “%s” in column “%s” may be %s or %s, and nothing in the file tells whether "
                   "the %s groups thousands or marks the decimals; say which with --decimal comma "
                   "or --decimal point"),
                   where, text, column_label (t, column),
                   g_ascii_formatd (a, sizeof a, "%.15g", thousands),
                   g_ascii_formatd (b, sizeof b, "%.15g", decimals),
                   mark_char == '.' ? _("dot") : _("comma"));
      return FALSE;
    }
  if (!indsats_number_read (text, mark, &row->value, &missing))
    {
      g_autofree char *where = location (t, line);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: “%s” in column “%s” is not a number"), where, text, column_label (t, column));
      return FALSE;
    }
  if (!check_range (t, line, text, column_label (t, column), row->value, error))
    return FALSE;
  note_mark (t, mark);
  return t->emit (row, t->emit_data, error);
}

/* resolve_row() for a row that waited; @p is cleared either way */
static gboolean
resolve (IndsatsImportTable  *t,
         Pending             *p,
         IndsatsDecimal       mark,
         GError             **error)
{
  g_autofree char *text = g_steal_pointer (&p->text);
  IndsatsImportRow *row = g_steal_pointer (&p->row);
  gboolean ok = resolve_row (t, row, text, p->column, p->line, mark, error);

  indsats_import_row_free (row);
  return ok;
}

/**
 * indsats_import_table_finish:
 *
 * Reads the numbers that waited for their column's decimal mark, in the
 * order they came, and hands their rows on.
 */
gboolean
indsats_import_table_finish (IndsatsImportTable  *t,
                             GError             **error)
{
  gboolean ok = resolve_spilled (t, -1, INDSATS_DECIMAL_UNKNOWN, error);

  for (guint i = 0; i < t->pending->len; i++)
    {
      Pending *p = &g_array_index (t->pending, Pending, i);

      if (ok)
        ok = resolve (t, p, INDSATS_DECIMAL_UNKNOWN, error);
    }
  g_array_set_size (t->pending, 0);
  return ok;
}

/* A cell that reads as a number; empty and suppressed cells do not */
static gboolean
is_number (const char *cell)
{
  IndsatsNumberShape shape = indsats_number_shape (cell);

  return shape != INDSATS_NUMBER_INVALID && shape != INDSATS_NUMBER_MISSING;
}

static gboolean
is_missing (const char *cell)
{
  return indsats_number_shape (cell) == INDSATS_NUMBER_MISSING;
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
                   _("%s: no column holds numbers; after area, period and breakdowns a key-figure file "
                   "needs at least one measure"), where);
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


/* Reads a row's value and hands the row on, or keeps a copy until its value
 * can be read */
static gboolean
give (IndsatsImportTable  *t,
      IndsatsImportRow    *row,
      guint                column,
      const char          *cell,
      gboolean             native,
      guint                line,
      const char          *column_name,
      GError             **error)
{
  gboolean held = FALSE;

  t->n_rows++;
  if (!take_value (t, row, column, cell, native, line, column_name, &held, error))
    return FALSE;
  return held || t->emit (row, t->emit_data, error);
}

/* A cell of a column whose cells repeat (area, period, indicator, unit, a
 * breakdown) that is the same as the row before's: checked and read then */
static gboolean
same_cell (IndsatsImportTable *t,
           guint               column,
           const char         *cell)
{
  LastCell *last = &t->last[column];

  return last->kept && strcmp (last->text->str, cell) == 0;
}

/* Keeps a column's cell, once read: a cell without white space around it,
 * which a cell the same as it can be told by */
static LastCell *
keep_cell (IndsatsImportTable *t,
           guint               column,
           const char         *stripped)
{
  LastCell *last = &t->last[column];

  if (last->text == NULL)
    last->text = g_string_new (NULL);
  g_string_assign (last->text, stripped);
  last->kept = TRUE;
  return last;
}

/* The breakdown values of a row, "Køn: Kvinder; A-kasse: I alt", and whether
 * each is its total; the same as the row before's when its cells are */
static gboolean
read_breakdown (IndsatsImportTable  *t,
                char               **cells,
                guint                line,
                GError             **error)
{
  gboolean changed = t->breakdown == NULL;

  for (guint b = 0; b < t->breakdowns->len && !changed; b++)
    changed = !t->same[g_array_index (t->breakdowns, int, b)];
  if (!changed)
    return TRUE;
  if (t->breakdown == NULL)
    t->breakdown = g_string_new (NULL);
  g_string_truncate (t->breakdown, 0);
  t->breakdown_total = TRUE;
  for (guint b = 0; b < t->breakdowns->len; b++)
    {
      int column = g_array_index (t->breakdowns, int, b);
      const char *name = g_ptr_array_index (t->column_names, column);
      LastCell *last = &t->last[column];

      if (!t->same[column])
        {
          const char *cell = g_strstrip (cells[column]);

          if (*cell == '\0')
            {
              g_autofree char *where = location (t, line);
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("%s: the breakdown “%s” is empty; every row needs a value in each breakdown column"),
                           where, name);
              return FALSE;
            }
          if (is_number (cell))
            {
              g_autofree char *where = location (t, line);
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("%s: “%s” in column “%s” is a number, but the first row has text there, so the "
                           "column was read as a breakdown; check the file's first row"),
                           where, cell, name);
              return FALSE;
            }
          last = keep_cell (t, column, cell);
          last->name = name_of (t, cell);
          last->total = indsats_import_is_total (cell);
        }
      g_string_append_printf (t->breakdown, "%s%s: %s", b > 0 ? "; " : "", name, last->name);
      t->breakdown_total &= last->total;
    }
  return TRUE;
}

/**
 * indsats_import_table_add_row:
 * @native: (nullable) (array length=n_cells): which cells are numbers of
 *   their own (JSON's), written with a point
 *
 * Reads one row: checks its fields, its period and its numbers.
 */
gboolean
indsats_import_table_add_row (IndsatsImportTable  *t,
                              char               **cells,
                              const gboolean      *native,
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
                   _("%s: the row has %u fields, the header has %u"), where, n_cells, t->n_columns);
      return FALSE;
    }
  for (guint i = 0; i < n_cells; i++)
    {
      t->same[i] = same_cell (t, i, cells[i]);
      /* the field's name is written only for a message: most rows are good */
      if (!t->same[i] && !indsats_text_check (cells[i], "", FALSE, NULL))
        {
          g_autofree char *field = g_strdup_printf (_("field %u"), i + 1);

          indsats_text_check (cells[i], field, FALSE, &local);
          where = location (t, line);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: %s; nothing was imported"),
                       where, local->message);
          return FALSE;
        }
    }
  if (t->same[t->area])
    area = t->last[t->area].name;
  else
    {
      area = g_strstrip (cells[t->area]);
      if (*area == '\0')
        {
          where = location (t, line);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: the area is empty"), where);
          return FALSE;
        }
      area = keep_cell (t, t->area, area)->name = name_of (t, area);
    }
  if (t->same[t->period])
    period = t->last[t->period].period;
  else
    {
      const char *cell = g_strstrip (cells[t->period]);

      if (!period_of (t, cell, &period, &local))
        {
          where = location (t, line);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s: %s", where, local->message);
          return FALSE;
        }
      keep_cell (t, t->period, cell)->period = period;
    }

  if (t->long_form)
    {
      const char *indicator, *unit = NULL;
      IndsatsImportRow row;

      if (t->same[t->indicator])
        indicator = t->last[t->indicator].name;
      else
        {
          indicator = g_strstrip (cells[t->indicator]);
          if (*indicator == '\0')
            {
              where = location (t, line);
              g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, _("%s: the indicator is empty"), where);
              return FALSE;
            }
          indicator = keep_cell (t, t->indicator, indicator)->name = name_of (t, indicator);
        }
      if (t->unit >= 0 && t->same[t->unit])
        unit = t->last[t->unit].name;
      else if (t->unit >= 0)
        {
          unit = g_strstrip (cells[t->unit]);
          unit = keep_cell (t, t->unit, unit)->name = *unit ? name_of (t, unit) : NULL;
        }
      row = (IndsatsImportRow) { (char *) indicator, (char *) "", TRUE, (char *) area, period, NAN, (char *) unit,
                                 FALSE, line };
      return give (t, &row, t->value, g_strstrip (cells[t->value]), native && native[t->value], line, "value",
                   error);
    }

  if (!t->classified && !classify (t, cells, line, error))
    return FALSE;
  if (!read_breakdown (t, cells, line, error))
    return FALSE;
  for (guint i = 0; i < n_cells; i++)
    {
      const char *measure = g_ptr_array_index (t->measures, i);
      IndsatsImportRow row;

      if (measure == NULL)
        continue;
      row = (IndsatsImportRow) { (char *) measure, t->breakdown->str, t->breakdown_total, (char *) area, period,
                                 NAN, (char *) g_ptr_array_index (t->units, i), TRUE, line };
      if (!give (t, &row, i, g_strstrip (cells[i]), native && native[i], line, measure, error))
        return FALSE;
    }
  return TRUE;
}
