/* indsats-import-write.c
 *
 * The import's rows checked against each other (one value per indicator,
 * area and period; one unit and one kind of period per indicator) and
 * against the database, and written into one open transaction as they are
 * read, the rows of a series the import wrote before 64 to a statement;
 * the entry points that run an import of files or of API answers.
 */
#include "config.h"

#include "indsats-import-private.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "indsats-error.h"
#include "indsats-store-tables.h"
#include "indsats-text.h"

/* The indicator's unit and kinds of period in the database must agree with
 * what the import brings: checked at the indicator's first row */
static gboolean
check_against_store (IndsatsStore             *store,
                     GHashTable               *stored,
                     gint64                    id,
                     const char               *name,
                     const IndsatsImportRow   *row,
                     const IndsatsImportFile  *file,
                     GError                  **error)
{
  IndsatsIndicator *ind = g_hash_table_lookup (stored, name);
  guint kinds = 0;

  if (ind == NULL)
    return TRUE;
  if (row->unit != NULL && !row->unit_from_label && ind->unit != NULL && *ind->unit != '\0' &&
      !indsats_import_units_equal (ind->unit, row->unit))
    {
      g_autofree char *where = indsats_import_location (file, row);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: the unit of “%s” is “%s” here but “%s” in the database; an indicator has one unit"),
                   where, name, row->unit, ind->unit);
      return FALSE;
    }
  if (!indsats_store_get_period_kinds (store, id, &kinds, error))
    return FALSE;
  if (kinds != 0 && (kinds & (1u << row->period.kind)) == 0)
    {
      g_autofree char *where = indsats_import_location (file, row);
      g_autoptr(GString) has = g_string_new (NULL);
      char period[32];

      for (int k = 0; k <= INDSATS_PERIOD_ROLLING_YEAR; k++)
        if (kinds & (1u << k))
          g_string_append_printf (has, "%s%s", has->len ? _(" and by ") : "", indsats_period_kind_to_string (k));
      indsats_period_write (&row->period, period, sizeof period);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: %s is a %s, but “%s” holds values by %s in the database; an indicator holds one "
                   "kind of period: import the %s values as an indicator of their own"),
                   where, period, indsats_period_kind_to_string (row->period.kind), name,
                   has->str, indsats_period_kind_to_string (row->period.kind));
      return FALSE;
    }
  return TRUE;
}

/* One series of the import (a table's measure at one breakdown), as its rows
 * are checked and written */
typedef struct
{
  char     *name;
  guint     number;      /* this import's own: the key of its values */
  gint64    id;          /* in the database, once written; 0 before */
  gboolean  skipped;     /* not among the series to keep */
  IndsatsImportCount *count;
  IndsatsPeriodKind kind; /* of its first row, which is at: */
  guint     kind_file;
  guint     kind_line;
  char     *unit;        /* the first unit a row names, at: */
  guint     unit_file;
  guint     unit_line;
} Series;

static void
series_free (Series *series)
{
  g_free (series->name);
  g_free (series->unit);
  g_free (series);
}

/* A row that waits in the queue: what writing it, or describing it, needs */
typedef struct
{
  Series        *series;
  const char    *indicator;   /* in Writer.names */
  const char    *breakdown;
  const char    *area;
  gboolean       total;
  IndsatsPeriod  period;
  double         value;
  guint          line;
} Queued;

/* What one file brought, for the preview */
typedef struct
{
  GHashTable   *measures;
  GHashTable   *areas;
  IndsatsPeriod first;
  IndsatsPeriod last;
  const char   *last_measure;  /* the last row's, in measures: rows of one often come together */
  const char   *last_area;     /* in areas */
} Described;

/* Checks each row against the import's others and writes it into the open
 * transaction as it comes: one value per series, area and period, one kind
 * of period and one unit per series. A row that repeats another with the same
 * value is dropped; one that contradicts it is refused naming both places.
 * A value new to the database is simply written: the observation's unique
 * key refuses a second one, and an id above the largest at the start tells
 * the import's own value from an older one; only a contradiction reads the
 * files again, for the place of the first. The keys of the other values (of
 * series not kept, of values that were there before, of rows after the
 * database refused one) wait in a temporary database, so the memory an
 * import takes does not grow with its rows. */
typedef struct
{
  IndsatsStore         *store;
  IndsatsImportSummary *summary;
  GHashTable           *keep;
  GCancellable         *cancellable;
  IndsatsImportProgress *progress;
  const IndsatsImportOptions *options;
  const IndsatsImportAnswer  *answers;  /* (nullable): what is imported, when not files */
  gint64                fresh_after;  /* the largest observation id before the import */
  char                 *now;
  GHashTable           *stored;       /* name → IndsatsIndicator, before the import */
  GPtrArray            *stored_list;
  GHashTable           *series;       /* name → Series */
  GHashTable           *counts;       /* name → IndsatsImportCount */
  GHashTable           *areas;        /* area → its number */
  sqlite3              *seen_db;
  sqlite3_stmt         *seen_insert;
  sqlite3_stmt         *seen_find;
  guint                 n_rows;
  /* the row being written, for the question about an older value */
  Series               *put_series;
  const IndsatsImportRow *put_row;
  gboolean              put_met;      /* the import met the older value's key already */
  /* the file being read */
  guint                 f;
  IndsatsImportFile    *file;
  const char           *file_table;
  char                 *source;
  Described             described;
  /* the last row's series: rows of one series often come together */
  const char           *last_indicator;  /* in names */
  const char           *last_breakdown;
  gboolean              last_total;
  Series               *last_series;
  /* Rows of series written before, checked and waiting to be written
   * together: a batch that adds them all is as if each had been written
   * alone; otherwise each is written alone after all, in order */
  Queued                queue[INDSATS_STORE_NEW_OBSERVATIONS];
  guint                 n_queued;
  guint                 batch_pause;  /* rows to write alone before trying a batch again */
  GHashTable           *names;        /* the areas, indicators and breakdowns the queue points to */
  const char           *last_area;
  /* A file's own faults are named before the rows' disagreements, and those
   * before the database's: the first of each waits until every file is read */
  GError               *check_error;
  GError               *store_error;
} Writer;

static gboolean
seen_open (Writer  *w,
           GError **error)
{
  /* "": a private database in a temporary file, gone when closed */
  if (sqlite3_open_v2 ("", &w->seen_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK ||
      sqlite3_exec (w->seen_db,
                    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2048;"
                    "CREATE TABLE seen (key INTEGER PRIMARY KEY, file INTEGER, line INTEGER, value REAL);"
                    "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (w->seen_db,
                          "INSERT INTO seen VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                          -1, &w->seen_insert, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (w->seen_db,
                          "SELECT file, line, value FROM seen WHERE key = ?1",
                          -1, &w->seen_find, NULL) != SQLITE_OK)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("Cannot open a temporary file for the import (%s); free some disk space and try again"),
                   w->seen_db ? sqlite3_errmsg (w->seen_db) : _("out of memory"));
      return FALSE;
    }
  return TRUE;
}

static void
described_clear (Described *d)
{
  g_clear_pointer (&d->measures, g_hash_table_unref);
  g_clear_pointer (&d->areas, g_hash_table_unref);
  d->last_measure = d->last_area = NULL;
}

/* @name among @seen, added to @list when new; the last one told is asked
 * first */
static const char *
describe_name (GHashTable  *seen,
               GPtrArray   *list,
               const char  *last,
               const char  *name)
{
  char *kept;

  if (last != NULL && strcmp (last, name) == 0)
    return last;
  if (!(kept = g_hash_table_lookup (seen, name)))
    {
      kept = g_strdup (name);
      g_hash_table_add (seen, kept);
      g_ptr_array_add (list, g_strdup (name));
    }
  return kept;
}

static void
writer_clear (Writer *w)
{
  sqlite3_finalize (w->seen_insert);
  sqlite3_finalize (w->seen_find);
  sqlite3_close (w->seen_db);
  g_clear_pointer (&w->now, g_free);
  g_clear_pointer (&w->stored, g_hash_table_unref);
  g_clear_pointer (&w->stored_list, g_ptr_array_unref);
  g_clear_pointer (&w->series, g_hash_table_unref);
  g_clear_pointer (&w->counts, g_hash_table_unref);
  g_clear_pointer (&w->areas, g_hash_table_unref);
  g_clear_pointer (&w->source, g_free);
  g_clear_pointer (&w->names, g_hash_table_unref);
  g_clear_error (&w->check_error);
  g_clear_error (&w->store_error);
  described_clear (&w->described);
}

static gboolean
writer_init (Writer                     *w,
             IndsatsStore               *store,
             IndsatsImportSummary       *summary,
             GHashTable                 *keep,
             GCancellable               *cancellable,
             IndsatsImportProgress      *progress,
             GError                    **error)
{
  memset (w, 0, sizeof *w);
  w->store = store;
  w->summary = summary;
  w->keep = keep;
  w->cancellable = cancellable;
  w->progress = progress;
  w->fresh_after = G_MAXINT64;
  w->now = indsats_store_now ();
  w->stored = g_hash_table_new (g_str_hash, g_str_equal);
  w->series = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) series_free);
  w->counts = g_hash_table_new (g_str_hash, g_str_equal);
  w->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!(w->stored_list = indsats_store_list_indicators (store, error)))
    return FALSE;
  for (guint i = 0; i < w->stored_list->len; i++)
    {
      IndsatsIndicator *ind = g_ptr_array_index (w->stored_list, i);
      g_hash_table_insert (w->stored, ind->name, ind);
    }
  return seen_open (w, error);
}

/* Called once the transaction is open */
static gboolean
writer_begin (Writer  *w,
              GError **error)
{
  return indsats_store_begin (w->store, error) &&
         indsats_store_get_last_observation_id (w->store, &w->fresh_after, error);
}

static void
writer_start_file (Writer            *w,
                   guint              f,
                   IndsatsImportFile *file,
                   const char        *source)
{
  w->f = f;
  w->file = file;
  w->file_table = file->table;
  g_free (w->source);
  w->source = indsats_text_normalize (source);
  w->last_indicator = w->last_breakdown = w->last_area = NULL;
  w->last_series = NULL;
  described_clear (&w->described);
  w->described.measures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->described.areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  file->measures = g_ptr_array_new_with_free_func (g_free);
  file->breakdowns = g_ptr_array_new_with_free_func (g_free);
  file->areas = g_ptr_array_new_with_free_func (g_free);
}

static void
writer_end_file (Writer *w)
{
  if (w->file->values > 0)
    {
      w->file->first = indsats_period_to_string (&w->described.first);
      w->file->last = indsats_period_to_string (&w->described.last);
    }
  described_clear (&w->described);
}

/* What a file holds, for the preview: its measures, breakdowns, areas and periods */
static void
describe_row (Writer                 *w,
              const IndsatsImportRow *row)
{
  IndsatsImportFile *file = w->file;
  Described *d = &w->described;

  d->last_measure = describe_name (d->measures, file->measures, d->last_measure, row->indicator);
  d->last_area = describe_name (d->areas, file->areas, d->last_area, row->area);
  if (file->values == 0 || indsats_period_compare (&row->period, &d->first) < 0)
    d->first = row->period;
  if (file->values == 0 || indsats_period_compare (&row->period, &d->last) > 0)
    d->last = row->period;
  if (file->values == 0)
    {
      g_auto(GStrv) pairs = g_strsplit (row->breakdown, "; ", -1);

      for (guint i = 0; pairs[i]; i++)
        {
          const char *colon = strstr (pairs[i], ": ");
          if (colon != NULL)
            g_ptr_array_add (file->breakdowns, g_strndup (pairs[i], colon - pairs[i]));
        }
    }
  file->values++;
}

static char *
location_in (Writer *w,
             guint   f,
             guint   line)
{
  IndsatsImportFile *file = g_ptr_array_index (w->summary->read, f);
  IndsatsImportRow row = { .line = line };

  return indsats_import_location (file, &row);
}

/* @text, kept as long as the import runs */
static const char *
intern (Writer     *w,
        const char *text)
{
  char *kept = g_hash_table_lookup (w->names, text);

  if (kept == NULL)
    {
      kept = g_strdup (text);
      g_hash_table_add (w->names, kept);
    }
  return kept;
}

static Series *
series_for (Writer                 *w,
            const IndsatsImportRow *row)
{
  g_autofree char *name = NULL;
  Series *series;

  if (w->last_series != NULL && row->total == w->last_total && strcmp (row->indicator, w->last_indicator) == 0 &&
      strcmp (row->breakdown, w->last_breakdown) == 0)
    return w->last_series;
  name = indsats_import_indicator_name (w->file_table, row->indicator, row->breakdown, row->total);
  if (!(series = g_hash_table_lookup (w->series, name)))
    {
      series = g_new0 (Series, 1);
      series->name = g_steal_pointer (&name);
      series->number = g_hash_table_size (w->series) + 1;
      series->skipped = w->keep != NULL && !g_hash_table_contains (w->keep, series->name);
      series->kind = row->period.kind;
      series->kind_file = w->f;
      series->kind_line = row->line;
      g_hash_table_insert (w->series, series->name, series);
    }
  w->last_indicator = intern (w, row->indicator);
  w->last_breakdown = intern (w, row->breakdown);
  w->last_total = row->total;
  w->last_series = series;
  return series;
}

static gboolean
seen_failed (Writer  *w,
             GError **error)
{
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
               _("Cannot keep the import's keys in a temporary file (%s); free some disk space and try again"),
               sqlite3_errmsg (w->seen_db));
  return FALSE;
}

static gboolean
same_value (double a,
            double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return a == b;
}

/* The row repeats the key of the value @there at @there_file:@there_line:
 * once is enough for the same value; another is refused, naming both places */
static void
contradiction (Writer                 *w,
               Series                 *series,
               const IndsatsImportRow *row,
               double                  there,
               guint                   there_file,
               guint                   there_line,
               GError                **error)
{
  char periodtext[32];

  if (same_value (there, row->value))
    return;
  {
    /* name the later of the two first, as the file reads */
    gboolean later = there_file > w->f || (there_file == w->f && there_line > row->line);
    g_autofree char *here = location_in (w, w->f, row->line);
    g_autofree char *other = location_in (w, there_file, there_line);
    char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

    if (isnan (row->value))
      g_strlcpy (a, _("no value"), sizeof a);
    else
      g_ascii_formatd (a, sizeof a, "%.15g", row->value);
    if (isnan (there))
      g_strlcpy (b, _("no value"), sizeof b);
    else
      g_ascii_formatd (b, sizeof b, "%.15g", there);
    indsats_period_write (&row->period, periodtext, sizeof periodtext);
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                 _("%s: “%s”, %s, %s is %s here but %s at %s; keep one of the two"),
                 later ? other : here, series->name, row->area, periodtext, later ? b : a, later ? a : b,
                 later ? here : other);
  }
}

/* Whether the row is new to this import (TRUE), repeats a value with the same
 * value (FALSE, no error), or contradicts one (FALSE, @error set) */
static gboolean
first_time (Writer                 *w,
            Series                 *series,
            const IndsatsImportRow *row,
            GError                **error)
{
  gpointer area = g_hash_table_lookup (w->areas, row->area);
  guint64 period = (guint64) row->period.kind << 18 | (indsats_period_ordinal (&row->period) & 0x3ffff);
  sqlite3_stmt *st = w->seen_insert;
  double there;
  guint there_file, there_line;
  gint64 key;

  if (area == NULL)
    {
      area = GUINT_TO_POINTER (g_hash_table_size (w->areas) + 1);
      g_hash_table_insert (w->areas, g_strdup (row->area), area);
    }
  /* one number per series, area and period: 21 bits each */
  if (series->number >= 1u << 21 || GPOINTER_TO_UINT (area) >= 1u << 21)
    {
      g_autofree char *here = location_in (w, w->f, row->line);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: the import holds more than 2,097,151 series or areas; import the files a few at a time"),
                   here);
      return FALSE;
    }
  key = (gint64) ((guint64) series->number << 42 | (guint64) GPOINTER_TO_UINT (area) << 21 | period);
  sqlite3_bind_int64 (st, 1, key);
  sqlite3_bind_int64 (st, 2, w->f);
  sqlite3_bind_int64 (st, 3, row->line);
  if (isnan (row->value))
    sqlite3_bind_null (st, 4);
  else
    sqlite3_bind_double (st, 4, row->value);
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      sqlite3_reset (st);
      return seen_failed (w, error);
    }
  sqlite3_reset (st);
  if (sqlite3_changes (w->seen_db) == 1)
    return TRUE;

  st = w->seen_find;
  sqlite3_bind_int64 (st, 1, key);
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      return seen_failed (w, error);
    }
  there_file = sqlite3_column_int (st, 0);
  there_line = sqlite3_column_int (st, 1);
  there = sqlite3_column_type (st, 2) == SQLITE_NULL ? NAN : sqlite3_column_double (st, 2);
  sqlite3_reset (st);
  contradiction (w, series, row, there, there_file, there_line, error);
  return FALSE;
}

/* One kind of period and one unit per series in the import */
static gboolean
check_series (Writer                 *w,
              Series                 *series,
              const IndsatsImportRow *row,
              GError                **error)
{
  if (series->kind != row->period.kind)
    {
      g_autofree char *here = location_in (w, w->f, row->line);
      g_autofree char *there = location_in (w, series->kind_file, series->kind_line);
      const char *kind = indsats_period_kind_to_string (row->period.kind);
      char period[32];

      indsats_period_write (&row->period, period, sizeof period);
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s: %s is a %s, but “%s” has values by %s (%s); an indicator holds one kind of "
                   "period: import the %s values as an indicator of their own"),
                   here, period, kind, series->name, indsats_period_kind_to_string (series->kind), there, kind);
      return FALSE;
    }
  if (row->unit != NULL && !row->unit_from_label)
    {
      if (series->unit == NULL)
        {
          series->unit = g_strdup (row->unit);
          series->unit_file = w->f;
          series->unit_line = row->line;
        }
      else if (!indsats_import_units_equal (series->unit, row->unit))
        {
          g_autofree char *here = location_in (w, w->f, row->line);
          g_autofree char *there = location_in (w, series->unit_file, series->unit_line);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("%s: the unit of “%s” is “%s” here but “%s” at %s; an indicator has one unit"),
                       here, series->name, row->unit, series->unit, there);
          return FALSE;
        }
    }
  return TRUE;
}

/* A value that was there before the import: written unless the import met
 * its key already (a repeat, or a contradiction set in check_error) */
static gboolean
older_cb (gpointer   data,
          gboolean  *proceed,
          GError   **error)
{
  Writer *w = data;

  *proceed = first_time (w, w->put_series, w->put_row, &w->check_error);
  w->put_met = !*proceed;
  return TRUE;
}

/* What the search for a key's first row in the files read so far found */
typedef struct
{
  Writer                 *w;
  const IndsatsImportFile *file;
  Series                 *series;
  const IndsatsImportRow *row;
  gboolean                found;
  guint                   line;
} Search;

static gboolean
search_cb (IndsatsImportRow  *row,
           gpointer           user_data,
           GError           **error)
{
  Search *s = user_data;
  gboolean stop = FALSE;

  if (row == NULL)
    return TRUE;
  if (row->period.kind == s->row->period.kind &&
      indsats_period_compare (&row->period, &s->row->period) == 0 && strcmp (row->area, s->row->area) == 0)
    {
      g_autofree char *name = indsats_import_indicator_name (s->file->table, row->indicator, row->breakdown,
                                                             row->total);
      if (strcmp (name, s->series->name) == 0)
        {
          s->found = TRUE;
          s->line = row->line;
          stop = TRUE;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "found");
        }
    }
  return !stop;
}

/* Where this import's first row of @row's key is: the files are read again,
 * from the first, until it comes */
static gboolean
find_first (Writer                 *w,
            Series                 *series,
            const IndsatsImportRow *row,
            guint                  *there_file,
            guint                  *there_line)
{
  for (guint f = 0; f <= w->f; f++)
    {
      const IndsatsImportFile *read = g_ptr_array_index (w->summary->read, f);
      IndsatsImportFile scratch = { .path = read->path, .table = read->table };
      Search search = { w, read, series, row, FALSE, 0 };
      g_autoptr(GError) local = NULL;
      IndsatsImportText text;
      GInputStream *raw;
      goffset size = 0;

      if (w->answers != NULL)
        {
          raw = g_memory_input_stream_new_from_bytes (w->answers[f].data);
          size = g_bytes_get_size (w->answers[f].data);
        }
      else if (!(raw = indsats_import_open_file (read->path, &size, &local)))
        return FALSE;
      if (indsats_import_text_open (&text, read->path, raw, size, NULL, NULL, &local))
        indsats_import_text_parse (&text, w->answers ? NULL : w->options, &scratch, search_cb, &search, &local);
      indsats_import_text_clear (&text);
      if (search.found && (f < w->f || search.line < row->line))
        {
          *there_file = f;
          *there_line = search.line;
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether a row that is not written repeats the key of one this import wrote
 * before the database refused a row; a contradiction is set in @error */
static gboolean
repeats_written (Writer                 *w,
                 Series                 *series,
                 const IndsatsImportRow *row,
                 GError                **error)
{
  g_autoptr(GError) local = NULL;
  guint there_file = w->f, there_line = 0;
  gboolean found = FALSE;
  double there = NAN;

  if (series->id == 0 || series->skipped)
    return FALSE;
  if (!indsats_store_find_import_observation (w->store, series->id, row->area, &row->period, w->fresh_after,
                                              &found, &there, &local))
    return FALSE;   /* the import fails for the database's refusal already */
  if (!found)
    return FALSE;
  if (!same_value (there, row->value))
    {
      find_first (w, series, row, &there_file, &there_line);
      contradiction (w, series, row, there, there_file, there_line, error);
    }
  return TRUE;
}

/* Writes the row; @repeat: TRUE when the import had its key already (nothing
 * written then, and a contradiction set in check_error) */
static gboolean
put_row (Writer                 *w,
         Series                 *series,
         const IndsatsImportRow *row,
         gboolean               *repeat,
         GError                **error)
{
  double there = NAN;
  IndsatsObservationChange change;
  IndsatsImportCount *count;

  if (series->id == 0)
    {
      series->id = indsats_store_ensure_table_indicator (w->store, w->file_table, row->indicator, row->breakdown,
                                                         series->name, row->unit ? row->unit : "", error);
      if (series->id == 0)
        {
          g_autofree char *where = indsats_import_location (w->file, row);
          g_prefix_error (error, "%s: ", where);
          return FALSE;
        }
      if (!check_against_store (w->store, w->stored, series->id, series->name, row, w->file, error))
        return FALSE;
    }
  if (series->count == NULL)
    {
      count = g_hash_table_lookup (w->counts, series->name);
      if (count == NULL)
        {
          count = g_new0 (IndsatsImportCount, 1);
          count->indicator = g_strdup (series->name);
          g_ptr_array_add (w->summary->counts, count);
          g_hash_table_insert (w->counts, count->indicator, count);
        }
      series->count = count;
    }
  count = series->count;
  count->total = row->total;
  w->put_series = series;
  w->put_row = row;
  w->put_met = FALSE;
  if (!indsats_store_put_import_observation (w->store, series->id, row->area, &row->period, row->value, FALSE,
                                             w->source, w->now, w->fresh_after, older_cb, w, &change, repeat,
                                             &there, error))
    {
      g_autofree char *where = indsats_import_location (w->file, row);
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  if (*repeat)
    {
      guint there_file = w->f, there_line = row->line;

      /* an older value met before was told apart by older_cb */
      if (!w->put_met && !same_value (there, row->value))
        {
          if (!find_first (w, series, row, &there_file, &there_line))
            there_line = 0;
          contradiction (w, series, row, there, there_file, there_line, &w->check_error);
        }
      return TRUE;
    }
  w->summary->rows++;
  if (change == INDSATS_OBSERVATION_ADDED)
    count->added++;
  else if (change == INDSATS_OBSERVATION_UPDATED)
    count->updated++;
  else
    count->unchanged++;
  return TRUE;
}

/* Writes a row that was checked against its series, or keeps its key when
 * it is not to be written; %FALSE: the import fails */
static gboolean
write_row (Writer                 *w,
           Series                 *series,
           const IndsatsImportRow *row,
           GError                **error)
{
  g_autoptr(GError) local = NULL;
  gboolean repeat = FALSE;

  if (series->skipped || w->store_error != NULL)
    {
      /* not written: its key waits in the temporary database, and may
       * repeat one this import wrote */
      if (first_time (w, series, row, &w->check_error) && !repeats_written (w, series, row, &w->check_error))
        describe_row (w, row);
      return TRUE;
    }
  if (!put_row (w, series, row, &repeat, &local))
    {
      if (!g_error_matches (local, INDSATS_ERROR, INDSATS_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      w->store_error = g_steal_pointer (&local);
      if (first_time (w, series, row, &w->check_error))
        describe_row (w, row);
    }
  else if (!repeat)
    describe_row (w, row);
  return TRUE;
}

static void
queued_row (const Queued     *q,
            IndsatsImportRow *row)
{
  *row = (IndsatsImportRow) { (char *) q->indicator, (char *) q->breakdown, q->total, (char *) q->area, q->period,
                              q->value, NULL, FALSE, q->line };
}

/* A row added by a batch, as put_row() counts one */
static void
count_added (Writer       *w,
             const Queued *q)
{
  IndsatsImportRow row;

  queued_row (q, &row);
  q->series->count->total = q->total;
  q->series->count->added++;
  w->summary->rows++;
  describe_row (w, &row);
}

static gboolean
same_key (const Queued *a,
          const Queued *b)
{
  return a->series == b->series && a->area == b->area && a->period.kind == b->period.kind &&
         a->period.year == b->period.year && a->period.index == b->period.index;
}

/* Writes the rows that wait: all at once when the batch is full, and each
 * alone where the batch did not add every one of them */
static gboolean
flush_queue (Writer  *w,
             GError **error)
{
  IndsatsNewObservation batch[INDSATS_STORE_NEW_OBSERVATIONS];
  gboolean claimed[INDSATS_STORE_NEW_OBSERVATIONS] = { FALSE };
  guint n = w->n_queued, added = 0;
  gint64 before = G_MAXINT64;

  if (n == 0)
    return TRUE;
  w->n_queued = 0;
  if (n == INDSATS_STORE_NEW_OBSERVATIONS)
    {
      g_autoptr(GError) local = NULL;

      for (guint i = 0; i < n; i++)
        batch[i] = (IndsatsNewObservation) { w->queue[i].series->id, w->queue[i].area, w->queue[i].period,
                                             w->queue[i].value };
      if (!indsats_store_add_new_observations (w->store, batch, w->source, w->now, &before, &added, &local))
        {
          if (!g_error_matches (local, INDSATS_ERROR, INDSATS_ERROR_INVALID))
            {
              IndsatsImportRow row;
              g_autofree char *where = NULL;

              queued_row (&w->queue[0], &row);
              where = indsats_import_location (w->file, &row);
              g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", where);
              return FALSE;
            }
          /* refused: each row alone says which, and why */
          added = 0;
        }
      if (added == n)
        {
          for (guint i = 0; i < n; i++)
            count_added (w, &w->queue[i]);
          return TRUE;
        }
      /* some were there: write alone for a while */
      w->batch_pause = 8 * INDSATS_STORE_NEW_OBSERVATIONS;
    }
  for (guint i = 0; i < n; i++)
    {
      const Queued *q = &w->queue[i];
      IndsatsImportRow row;

      if (w->check_error != NULL)
        break;
      queued_row (q, &row);
      if (added > 0)
        {
          g_autoptr(GError) local = NULL;
          gboolean found = FALSE, earlier = FALSE;
          double there;

          /* the batch added the key: for its first row in the batch */
          if (!indsats_store_find_import_observation (w->store, q->series->id, q->area, &q->period, before,
                                                      &found, &there, &local))
            {
              g_autofree char *where = indsats_import_location (w->file, &row);
              g_propagate_prefixed_error (error, g_steal_pointer (&local), "%s: ", where);
              return FALSE;
            }
          for (guint j = 0; found && j < i && !earlier; j++)
            earlier = claimed[j] && same_key (&w->queue[j], q);
          if (found && !earlier)
            {
              claimed[i] = TRUE;
              count_added (w, q);
              continue;
            }
        }
      if (!write_row (w, q->series, &row, error))
        return FALSE;
    }
  return TRUE;
}

/* Keeps a checked row of a series written before to be written with others */
static void
queue_row (Writer                 *w,
           Series                 *series,
           const IndsatsImportRow *row)
{
  Queued *q = &w->queue[w->n_queued++];

  if (w->last_area == NULL || strcmp (w->last_area, row->area) != 0)
    w->last_area = intern (w, row->area);
  *q = (Queued) { series, w->last_indicator, w->last_breakdown, w->last_area, row->total, row->period, row->value,
                  row->line };
}

static gboolean
write_cb (IndsatsImportRow  *row,
          gpointer           user_data,
          GError           **error)
{
  g_autoptr(GError) local = NULL;
  Writer *w = user_data;
  Series *series;

  /* the file is read again from the start: the rows written already come
   * again with the same values, and are dropped as repeats */
  if (row == NULL)
    return flush_queue (w, error);
  if ((++w->n_rows & 0xfff) == 0 && g_cancellable_is_cancelled (w->cancellable))
    return indsats_import_cancel_error (error);
  /* after a disagreement, the files are only read on, for faults of their own */
  if (w->check_error != NULL)
    return TRUE;
  series = series_for (w, row);
  if (!check_series (w, series, row, &local))
    {
      /* the rows before it come first */
      if (!flush_queue (w, error))
        return FALSE;
      if (w->check_error == NULL)
        w->check_error = g_steal_pointer (&local);
      return TRUE;
    }
  if (series->id != 0 && series->count != NULL && !series->skipped && w->store_error == NULL &&
      w->batch_pause == 0)
    {
      queue_row (w, series, row);
      return w->n_queued < INDSATS_STORE_NEW_OBSERVATIONS || flush_queue (w, error);
    }
  if (w->batch_pause > 0)
    w->batch_pause--;
  return flush_queue (w, error) && (w->check_error != NULL || write_row (w, series, row, error));
}

/* Opens, reads and writes one file or answer; @raw is taken */
static gboolean
import_one (Writer                     *w,
            guint                       f,
            const char                 *name,
            GInputStream               *raw,
            goffset                     size,
            const IndsatsImportOptions *options,
            const char                 *source,
            GError                    **error)
{
  IndsatsImportFile *file = g_ptr_array_index (w->summary->read, f);
  IndsatsImportText text;
  gboolean ok;

  writer_start_file (w, f, file, source);
  ok = indsats_import_text_open (&text, name, raw, size, w->cancellable, w->progress, error) &&
       indsats_import_text_parse (&text, options, file, write_cb, w, error) && flush_queue (w, error);
  indsats_import_text_clear (&text);
  if (ok)
    writer_end_file (w);
  if (w->progress)
    w->progress->base += size;
  return ok;
}

/* Ends the import: commits it, or rolls it back for a dry run */
static IndsatsImportSummary *
writer_finish (Writer                *w,
               gboolean               dry_run,
               guint                  n_files,
               IndsatsImportSummary **summary,
               GError               **error)
{
  gboolean failed = TRUE;

  if (g_cancellable_is_cancelled (w->cancellable))
    indsats_import_cancel_error (error);
  else if (w->check_error != NULL)
    g_propagate_error (error, g_steal_pointer (&w->check_error));
  else if (w->store_error != NULL)
    g_propagate_error (error, g_steal_pointer (&w->store_error));
  else
    failed = FALSE;
  if (failed)
    {
      indsats_store_rollback (w->store);
      return NULL;
    }
  if (dry_run)
    indsats_store_rollback (w->store);
  else if (!indsats_store_commit (w->store, error))
    return NULL;
  if (w->progress && w->progress->func)
    w->progress->func (1.0, w->progress->data);
  (*summary)->files = n_files;
  return g_steal_pointer (summary);
}

/**
 * indsats_import_files:
 * @paths: the files
 * @options: (nullable): the Jobindsats table every file holds (%NULL: the
 *   table id in each file's name, if any) and the decimal mark of every file
 *   (UNKNOWN: decided per column)
 * @dry_run: check and count, but write nothing
 * @cancellable: (nullable): cancelling rolls everything back
 * @progress: (nullable): told the share of the files' bytes read now and then
 *
 * Imports the files in one transaction, reading each a piece at a time and
 * writing its rows as they are read, so a file of any size takes little
 * memory. A value that changed is updated and its revision recorded; one bad
 * row in any file changes nothing at all.
 *
 * Returns: (transfer full): what was added, updated and unchanged per
 *   indicator, and how each file was read
 */
IndsatsImportSummary *
indsats_import_files (IndsatsStore               *store,
                      const char * const         *paths,
                      const IndsatsImportOptions *options,
                      gboolean                    dry_run,
                      GCancellable               *cancellable,
                      IndsatsImportProgressFunc   progress,
                      gpointer                    user_data,
                      GError                    **error)
{
  return indsats_import_files_keeping (store, paths, options, NULL, dry_run, cancellable, progress, user_data, error);
}

/**
 * indsats_import_files_keeping:
 * @keep: (nullable) (element-type utf8): the names of the series to import;
 *   %NULL: all
 *
 * Imports the files as indsats_import_files() does, but only the series that
 * a person chose after a dry run.
 */
IndsatsImportSummary *
indsats_import_files_keeping (IndsatsStore               *store,
                              const char * const         *paths,
                              const IndsatsImportOptions *options,
                              GHashTable                 *keep,
                              gboolean                    dry_run,
                              GCancellable               *cancellable,
                              IndsatsImportProgressFunc   progress,
                              gpointer                    user_data,
                              GError                    **error)
{
  g_autoptr(IndsatsImportSummary) summary = NULL;
  const char *table = options ? options->table : NULL;
  IndsatsImportProgress told = { 0, 0, 0, progress, user_data };
  Writer w;
  guint n_paths;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  summary = indsats_import_summary_new ();
  n_paths = g_strv_length ((char **) paths);
  for (guint f = 0; f < n_paths; f++)
    {
      IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);
      GStatBuf st;

      file->path = g_strdup (paths[f]);
      file->table = table ? g_strdup (table) : indsats_import_table_from_name (paths[f]);
      g_ptr_array_add (summary->read, file);
      if (g_stat (paths[f], &st) == 0 && S_ISREG (st.st_mode))
        told.total += st.st_size;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      indsats_import_cancel_error (error);
      return NULL;
    }
  if (!writer_init (&w, store, summary, keep, cancellable, &told, error))
    {
      writer_clear (&w);
      return NULL;
    }
  w.options = options;
  if (!writer_begin (&w, error))
    {
      writer_clear (&w);
      return NULL;
    }
  for (guint f = 0; f < n_paths; f++)
    {
      g_autofree char *base = g_path_get_basename (paths[f]);
      g_autofree char *source = g_strdup_printf ("Import: %s", base);
      GInputStream *raw;
      goffset size = 0;

      if (!(raw = indsats_import_open_file (paths[f], &size, error)) ||
          !import_one (&w, f, paths[f], raw, size, options, source, error))
        {
          indsats_store_rollback (store);
          writer_clear (&w);
          return NULL;
        }
    }
  {
    IndsatsImportSummary *done = writer_finish (&w, dry_run, n_paths, &summary, error);
    writer_clear (&w);
    return done;
  }
}

/**
 * indsats_import_answers:
 * @answers: (array length=n_answers): what the Jobindsats API answered
 * @dry_run: check and count, but write nothing
 *
 * Imports answers fetched from the API, as files are imported: all or none.
 *
 * Returns: (transfer full): what was added, updated and unchanged per indicator
 */
IndsatsImportSummary *
indsats_import_answers (IndsatsStore               *store,
                        const IndsatsImportAnswer  *answers,
                        guint                       n_answers,
                        gboolean                    dry_run,
                        GCancellable               *cancellable,
                        IndsatsImportProgressFunc   progress,
                        gpointer                    user_data,
                        GError                    **error)
{
  g_autoptr(IndsatsImportSummary) summary = NULL;
  IndsatsImportProgress told = { 0, 0, 0, progress, user_data };
  Writer w;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (answers != NULL || n_answers == 0, NULL);

  summary = indsats_import_summary_new ();
  for (guint a = 0; a < n_answers; a++)
    {
      IndsatsImportFile *file = g_new0 (IndsatsImportFile, 1);

      file->path = g_strdup (answers[a].name);
      file->table = g_strdup (answers[a].table);
      g_ptr_array_add (summary->read, file);
      told.total += g_bytes_get_size (answers[a].data);
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      indsats_import_cancel_error (error);
      return NULL;
    }
  if (!writer_init (&w, store, summary, NULL, cancellable, &told, error) ||
      !(w.answers = answers, writer_begin (&w, error)))
    {
      writer_clear (&w);
      return NULL;
    }
  for (guint a = 0; a < n_answers; a++)
    {
      if (!import_one (&w, a, answers[a].name, g_memory_input_stream_new_from_bytes (answers[a].data),
                       g_bytes_get_size (answers[a].data), NULL, answers[a].source, error))
        {
          indsats_store_rollback (store);
          writer_clear (&w);
          return NULL;
        }
    }
  {
    IndsatsImportSummary *done = writer_finish (&w, dry_run, n_answers, &summary, error);
    writer_clear (&w);
    return done;
  }
}
