/* indsats-period.c
 *
 * Jobindsats writes periods as 2023M08, 2023K2 (or 2023Q2, 2023Q02), 2023QMAT02
 * and 2023Y01; people type "aug. 2023", "2. kvt. 2023" or "1. halvår 2023".
 * Everything is parsed into one small struct and written back canonically
 * (2023M08, 2023Q2, 2023H1, 2023, 2023QMAT02), as a Danish label, or in the
 * words of the window's language. Nothing here depends on the machine's locale.
 */
#include "config.h"

#include "indsats-period.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "indsats-catalog.h"

#include "indsats-error.h"
#include "indsats-text.h"

static const char * const month_labels[] = {
  "jan.", "feb.", "mar.", "apr.", "maj", "jun.",
  "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
};

/* Accepted spellings of the months, lower case, without a trailing dot. */
static const struct { const char *name; int month; } month_names[] = {
  { "januar", 1 }, { "jan", 1 },
  { "februar", 2 }, { "feb", 2 },
  { "marts", 3 }, { "mar", 3 }, { "mrt", 3 },
  { "april", 4 }, { "apr", 4 },
  { "maj", 5 },
  { "juni", 6 }, { "jun", 6 },
  { "juli", 7 }, { "jul", 7 },
  { "august", 8 }, { "aug", 8 },
  { "september", 9 }, { "sept", 9 }, { "sep", 9 },
  { "oktober", 10 }, { "okt", 10 },
  { "november", 11 }, { "nov", 11 },
  { "december", 12 }, { "dec", 12 },
};

static gboolean
parse_uint (const char  *text,
            gsize        len,
            int         *out)
{
  int value = 0;

  if (len == 0 || len > 4)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

static gboolean
is_year (const char *text)
{
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
range_ok (IndsatsPeriod *p)
{
  if (p->year < 1900 || p->year > 2200)
    return FALSE;
  switch (p->kind)
    {
    case INDSATS_PERIOD_MONTH:
      return p->index >= 1 && p->index <= 12;
    case INDSATS_PERIOD_QUARTER:
    case INDSATS_PERIOD_ROLLING_YEAR:
      return p->index >= 1 && p->index <= 4;
    case INDSATS_PERIOD_HALF:
      return p->index >= 1 && p->index <= 2;
    case INDSATS_PERIOD_YEAR:
      return p->index == 0;
    default:
      return FALSE;
    }
}

/* Jobindsats' compact forms: 2023M08, 2023K2, 2023Q02, 2023QMAT02, 2023Y01, 2023H1, 2023. */
static gboolean
parse_compact (const char    *s,
               IndsatsPeriod *p)
{
  gsize len = strlen (s);
  const char *rest;
  gsize rest_len;

  if (len < 4 || !is_year (s))
    return FALSE;
  p->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  rest = s + 4;
  rest_len = len - 4;

  if (rest_len == 0)
    {
      p->kind = INDSATS_PERIOD_YEAR;
      p->index = 0;
      return TRUE;
    }

  if (rest_len > 4 && g_ascii_strncasecmp (rest, "QMAT", 4) == 0)
    {
      p->kind = INDSATS_PERIOD_ROLLING_YEAR;
      return parse_uint (rest + 4, rest_len - 4, &p->index);
    }

  switch (g_ascii_toupper (rest[0]))
    {
    case 'M':
      p->kind = INDSATS_PERIOD_MONTH;
      return parse_uint (rest + 1, rest_len - 1, &p->index);
    case 'K':
    case 'Q':
      p->kind = INDSATS_PERIOD_QUARTER;
      return parse_uint (rest + 1, rest_len - 1, &p->index);
    case 'H':
      p->kind = INDSATS_PERIOD_HALF;
      return parse_uint (rest + 1, rest_len - 1, &p->index);
    case 'Y':
      p->kind = INDSATS_PERIOD_YEAR;
      if (!parse_uint (rest + 1, rest_len - 1, &p->index) || p->index != 1)
        return FALSE;
      p->index = 0;
      return TRUE;
    case '-':
      /* ISO year-month, 2023-08 */
      p->kind = INDSATS_PERIOD_MONTH;
      return rest_len == 3 && parse_uint (rest + 1, 2, &p->index);
    default:
      return FALSE;
    }
}

static int
month_from_word (const char *word)
{
  g_autofree char *w = g_strdup (word);
  gsize len = strlen (w);

  if (len > 0 && w[len - 1] == '.')
    w[len - 1] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (strcmp (w, month_names[i].name) == 0)
      return month_names[i].month;
  return 0;
}

/* The Danish words: "aug. 2023", "august 2023", "2. kvt. 2023",
 * "2. kvartal 2023", "1. halvår 2023", "år til 2. kvt. 2023". */
static gboolean
parse_words (const char    *s,
             IndsatsPeriod *p)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  guint n;
  int number;
  const char *last;

  words = g_strsplit_set (s, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (parts, words[i]);
  n = parts->len;
  if (n < 2)
    return FALSE;

  last = g_ptr_array_index (parts, n - 1);
  if (strlen (last) != 4 || !is_year (last))
    return FALSE;
  p->year = atoi (last);

  if (n == 2)
    {
      int month = month_from_word (g_ptr_array_index (parts, 0));
      if (month == 0)
        return FALSE;
      p->kind = INDSATS_PERIOD_MONTH;
      p->index = month;
      return TRUE;
    }

  /* "år til 2. kvt. 2023" is the rolling year */
  if (n == 5 && (strcmp (g_ptr_array_index (parts, 0), "år") == 0) &&
      strcmp (g_ptr_array_index (parts, 1), "til") == 0)
    {
      const char *num = g_ptr_array_index (parts, 2);
      const char *unit = g_ptr_array_index (parts, 3);
      gsize nlen = strlen (num);
      if (nlen < 2 || num[nlen - 1] != '.' || !parse_uint (num, nlen - 1, &number))
        return FALSE;
      if (strcmp (unit, "kvt.") != 0 && strcmp (unit, "kvt") != 0 && strcmp (unit, "kvartal") != 0)
        return FALSE;
      p->kind = INDSATS_PERIOD_ROLLING_YEAR;
      p->index = number;
      return TRUE;
    }

  if (n == 3)
    {
      const char *num = g_ptr_array_index (parts, 0);
      const char *unit = g_ptr_array_index (parts, 1);
      gsize nlen = strlen (num);

      if (nlen >= 2 && num[nlen - 1] == '.')
        nlen--;
      if (!parse_uint (num, nlen, &number))
        return FALSE;
      p->index = number;
      if (strcmp (unit, "kvt.") == 0 || strcmp (unit, "kvt") == 0 ||
          strcmp (unit, "kvartal") == 0 || strcmp (unit, "kv.") == 0)
        p->kind = INDSATS_PERIOD_QUARTER;
      else if (strcmp (unit, "halvår") == 0 || strcmp (unit, "halvår.") == 0)
        p->kind = INDSATS_PERIOD_HALF;
      else
        return FALSE;
      return TRUE;
    }

  return FALSE;
}

/**
 * indsats_period_parse:
 * @text: a period in any of the accepted spellings
 * @period: (out): where the parsed period goes
 * @error: a #GError naming the text when it is not a period
 *
 * Returns: %TRUE when @text is a valid period
 */
gboolean
indsats_period_parse (const char     *text,
                      IndsatsPeriod  *period,
                      GError        **error)
{
  g_autofree char *s = NULL;
  IndsatsPeriod p = { 0 };
  gboolean ok;

  g_return_val_if_fail (period != NULL, FALSE);

  if (text == NULL)
    text = "";
  {
    /* "halvår" pasted as "a" and a combining ring reads the same */
    g_autofree char *lower = g_utf8_strdown (text, -1);
    s = indsats_text_normalize (lower);
  }
  g_strstrip (s);

  if (s[0] != '\0' && g_ascii_isdigit (s[0]) && strchr (s, ' ') == NULL)
    ok = parse_compact (s, &p);
  else
    ok = parse_words (s, &p);

  if (!ok || !range_ok (&p))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is not a period (write it as 2023M08, 2023Q2, 2023H1, 2023, "
                   "2023QMAT02, “aug. 2023” or “2. kvt. 2023”)"), text);
      return FALSE;
    }
  *period = p;
  return TRUE;
}

/**
 * indsats_period_write:
 * @buffer: at least 16 bytes
 *
 * Writes the canonical form into @buffer, without allocating.
 */
void
indsats_period_write (const IndsatsPeriod *p,
                      char                *buffer,
                      gsize                size)
{
  switch (p->kind)
    {
    case INDSATS_PERIOD_MONTH:
      /* the common case, written by hand: imports write hundreds of thousands */
      if (size >= 8 && p->year >= 1000 && p->year <= 9999)
        {
          buffer[0] = '0' + p->year / 1000;
          buffer[1] = '0' + p->year / 100 % 10;
          buffer[2] = '0' + p->year / 10 % 10;
          buffer[3] = '0' + p->year % 10;
          buffer[4] = 'M';
          buffer[5] = '0' + p->index / 10;
          buffer[6] = '0' + p->index % 10;
          buffer[7] = '\0';
        }
      else
        g_snprintf (buffer, size, "%04dM%02d", p->year, p->index);
      break;
    case INDSATS_PERIOD_QUARTER:
      g_snprintf (buffer, size, "%04dQ%d", p->year, p->index);
      break;
    case INDSATS_PERIOD_HALF:
      g_snprintf (buffer, size, "%04dH%d", p->year, p->index);
      break;
    case INDSATS_PERIOD_YEAR:
      g_snprintf (buffer, size, "%04d", p->year);
      break;
    case INDSATS_PERIOD_ROLLING_YEAR:
    default:
      g_snprintf (buffer, size, "%04dQMAT%02d", p->year, p->index);
      break;
    }
}

/**
 * indsats_period_to_string:
 *
 * Returns: the canonical form: 2023M08, 2023Q2, 2023H1, 2023 or 2023QMAT02
 */
char *
indsats_period_to_string (const IndsatsPeriod *p)
{
  char buffer[32];

  g_return_val_if_fail (p != NULL, NULL);

  indsats_period_write (p, buffer, sizeof buffer);
  return g_strdup (buffer);
}

/**
 * indsats_period_to_label:
 *
 * Returns: the period as a Dane reads it: "aug. 2023", "2. kvt. 2023",
 *   "1. halvår 2023", "2023", "år til 2. kvt. 2023"
 */
char *
indsats_period_to_label (const IndsatsPeriod *p)
{
  g_return_val_if_fail (p != NULL, NULL);

  switch (p->kind)
    {
    case INDSATS_PERIOD_MONTH:
      return g_strdup_printf ("%s %d", month_labels[p->index - 1], p->year);
    case INDSATS_PERIOD_QUARTER:
      return g_strdup_printf ("%d. kvt. %d", p->index, p->year);
    case INDSATS_PERIOD_HALF:
      return g_strdup_printf ("%d. halvår %d", p->index, p->year);
    case INDSATS_PERIOD_YEAR:
      return g_strdup_printf ("%d", p->year);
    case INDSATS_PERIOD_ROLLING_YEAR:
      return g_strdup_printf ("år til %d. kvt. %d", p->index, p->year);
    default:
      g_assert_not_reached ();
    }
}

/* The months as a reader of the window's language abbreviates them */
static const char * const month_words[] = {
  NC_("month", "Jan"), NC_("month", "Feb"), NC_("month", "Mar"), NC_("month", "Apr"),
  NC_("month", "May"), NC_("month", "Jun"), NC_("month", "Jul"), NC_("month", "Aug"),
  NC_("month", "Sep"), NC_("month", "Oct"), NC_("month", "Nov"), NC_("month", "Dec"),
};

#define PERIOD_WORDS(catalog, msgid) \
  ((catalog) ? indsats_catalog_pgettext ((catalog), "period", (msgid)) : g_dpgettext2 (GETTEXT_PACKAGE, "period", (msgid)))

/**
 * indsats_period_to_words:
 * @catalog: (nullable): the language; %NULL for the program's own
 *
 * Returns: the period in the words of a language: "May 2023", "Q2 2023" in
 *   English, "maj 2023", "2. kvt. 2023" in Danish
 */
char *
indsats_period_to_words (const IndsatsPeriod *p,
                         IndsatsCatalog      *catalog)
{
  const char *month;

  g_return_val_if_fail (p != NULL, NULL);

  switch (p->kind)
    {
    case INDSATS_PERIOD_MONTH:
      month = catalog ? indsats_catalog_pgettext (catalog, "month", month_words[p->index - 1])
                      : g_dpgettext2 (GETTEXT_PACKAGE, "month", month_words[p->index - 1]);
      return g_strdup_printf ("%s %d", month, p->year);
    case INDSATS_PERIOD_QUARTER:
      return g_strdup_printf (PERIOD_WORDS (catalog, NC_("period", "Q%d %d")), p->index, p->year);
    case INDSATS_PERIOD_HALF:
      return g_strdup_printf (PERIOD_WORDS (catalog, NC_("period", "H%d %d")), p->index, p->year);
    case INDSATS_PERIOD_YEAR:
      return g_strdup_printf ("%d", p->year);
    case INDSATS_PERIOD_ROLLING_YEAR:
      return g_strdup_printf (PERIOD_WORDS (catalog, NC_("period", "year to Q%d %d")), p->index, p->year);
    default:
      g_assert_not_reached ();
    }
}

/**
 * indsats_period_to_short_label:
 *
 * Returns: a label for a crowded axis: "aug. 23", "2. kvt. 23"
 */
char *
indsats_period_to_short_label (const IndsatsPeriod *p)
{
  g_return_val_if_fail (p != NULL, NULL);

  switch (p->kind)
    {
    case INDSATS_PERIOD_MONTH:
      return g_strdup_printf ("%s %02d", month_labels[p->index - 1], p->year % 100);
    case INDSATS_PERIOD_QUARTER:
      return g_strdup_printf ("%d. kvt. %02d", p->index, p->year % 100);
    case INDSATS_PERIOD_HALF:
      return g_strdup_printf ("%d. hå. %02d", p->index, p->year % 100);
    default:
      return indsats_period_to_label (p);
    }
}

/* The month (counted from year 0) in which a period ends. */
static int
end_month (const IndsatsPeriod *p)
{
  switch (p->kind)
    {
    case INDSATS_PERIOD_MONTH:
      return p->year * 12 + p->index - 1;
    case INDSATS_PERIOD_QUARTER:
    case INDSATS_PERIOD_ROLLING_YEAR:
      return p->year * 12 + p->index * 3 - 1;
    case INDSATS_PERIOD_HALF:
      return p->year * 12 + p->index * 6 - 1;
    case INDSATS_PERIOD_YEAR:
    default:
      return p->year * 12 + 11;
    }
}

static int
length_in_months (IndsatsPeriodKind kind)
{
  switch (kind)
    {
    case INDSATS_PERIOD_MONTH: return 1;
    case INDSATS_PERIOD_QUARTER: return 3;
    case INDSATS_PERIOD_HALF: return 6;
    case INDSATS_PERIOD_YEAR:
    case INDSATS_PERIOD_ROLLING_YEAR:
    default: return 12;
    }
}

/**
 * indsats_period_compare:
 *
 * Orders periods by the month they end in, then by length (shorter first).
 */
int
indsats_period_compare (const IndsatsPeriod *a,
                        const IndsatsPeriod *b)
{
  int ea = end_month (a), eb = end_month (b);

  if (ea != eb)
    return ea < eb ? -1 : 1;
  if (a->kind != b->kind)
    return length_in_months (a->kind) < length_in_months (b->kind) ? -1 :
           length_in_months (a->kind) > length_in_months (b->kind) ? 1 :
           (int) a->kind - (int) b->kind;
  return 0;
}

/**
 * indsats_period_ordinal:
 *
 * Returns: a number that grows by one from a period to the next of the same kind
 */
int
indsats_period_ordinal (const IndsatsPeriod *p)
{
  switch (p->kind)
    {
    case INDSATS_PERIOD_MONTH:
      return p->year * 12 + p->index - 1;
    case INDSATS_PERIOD_QUARTER:
    case INDSATS_PERIOD_ROLLING_YEAR:
      return p->year * 4 + p->index - 1;
    case INDSATS_PERIOD_HALF:
      return p->year * 2 + p->index - 1;
    case INDSATS_PERIOD_YEAR:
    default:
      return p->year;
    }
}

IndsatsPeriod
indsats_period_from_ordinal (IndsatsPeriodKind kind,
                             int               ordinal)
{
  IndsatsPeriod p = { kind, 0, 0 };

  switch (kind)
    {
    case INDSATS_PERIOD_MONTH:
      p.year = ordinal / 12;
      p.index = ordinal % 12 + 1;
      break;
    case INDSATS_PERIOD_QUARTER:
    case INDSATS_PERIOD_ROLLING_YEAR:
      p.year = ordinal / 4;
      p.index = ordinal % 4 + 1;
      break;
    case INDSATS_PERIOD_HALF:
      p.year = ordinal / 2;
      p.index = ordinal % 2 + 1;
      break;
    case INDSATS_PERIOD_YEAR:
    default:
      p.year = ordinal;
      break;
    }
  return p;
}

void
indsats_period_get_first_day (const IndsatsPeriod *p,
                              GDate               *date)
{
  int first = end_month (p) - length_in_months (p->kind) + 1;

  g_date_clear (date, 1);
  g_date_set_dmy (date, 1, first % 12 + 1, first / 12);
}

void
indsats_period_get_last_day (const IndsatsPeriod *p,
                             GDate               *date)
{
  int last = end_month (p);
  int month = last % 12 + 1, year = last / 12;

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_get_days_in_month (month, year), month, year);
}

IndsatsPeriod
indsats_period_containing (IndsatsPeriodKind  kind,
                           const GDate       *date)
{
  IndsatsPeriod p = { kind, g_date_get_year (date), 0 };
  int month = g_date_get_month (date);

  switch (kind)
    {
    case INDSATS_PERIOD_MONTH: p.index = month; break;
    case INDSATS_PERIOD_QUARTER:
    case INDSATS_PERIOD_ROLLING_YEAR: p.index = (month - 1) / 3 + 1; break;
    case INDSATS_PERIOD_HALF: p.index = (month - 1) / 6 + 1; break;
    case INDSATS_PERIOD_YEAR:
    default: p.index = 0; break;
    }
  return p;
}

/**
 * indsats_period_kind_to_string:
 *
 * Returns: the kind in words, for messages: "month", "quarter", "half-year",
 *   "year" or "rolling year"
 */
const char *
indsats_period_kind_to_string (IndsatsPeriodKind kind)
{
  switch (kind)
    {
    case INDSATS_PERIOD_MONTH: return C_("period kind", "month");
    case INDSATS_PERIOD_QUARTER: return C_("period kind", "quarter");
    case INDSATS_PERIOD_HALF: return C_("period kind", "half-year");
    case INDSATS_PERIOD_YEAR: return C_("period kind", "year");
    case INDSATS_PERIOD_ROLLING_YEAR: return C_("period kind", "rolling year");
    default: g_return_val_if_reached ("");
    }
}

/**
 * indsats_period_canonicalize:
 *
 * Returns: the canonical form of @text, or %NULL with @error set
 */
char *
indsats_period_canonicalize (const char  *text,
                             GError     **error)
{
  IndsatsPeriod p;

  if (!indsats_period_parse (text, &p, error))
    return NULL;
  return indsats_period_to_string (&p);
}
