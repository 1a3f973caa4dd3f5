/* indsats-decimal.c
 *
 * "27.333" is twenty-seven and a third to a machine and 27,333 to a Dane.
 * One cell cannot tell which; a column can. So a cell is only classified
 * here (what it shows about the mark), and read once its column's mark has
 * been decided from all its cells: a dot that cannot group thousands
 * (0.125, 12.5, 1234.567) makes the dot the decimal mark, a comma decimal or
 * groups such as 1.234.567 make it the comma.
 */
#include "indsats-decimal.h"

#include <math.h>
#include <string.h>

/* The body of a number: an optional minus and digits, dots and commas */
typedef struct
{
  gboolean negative;
  char     body[128];
  gsize    len;
} Clean;

static gboolean
is_missing (const char *s)
{
  return *s == '\0' || strcmp (s, "-") == 0 || strcmp (s, ".") == 0 || strcmp (s, "..") == 0 ||
         strcmp (s, "…") == 0;
}

/* Spaces (also no-break and thin ones) group thousands; a trailing % is the
 * unit; "−" (U+2212) is a minus. Anything else but digits and marks is not a
 * number. */
static gboolean
clean (const char *text,
       Clean      *c)
{
  const char *s = text;
  gsize end = strlen (text);

  memset (c, 0, sizeof *c);
  while (end > 0 && g_ascii_isspace (s[end - 1]))
    end--;
  if (end > 0 && s[end - 1] == '%')
    end--;
  while (*s && g_ascii_isspace (*s) && s < text + end)
    s++;

  if (s < text + end && *s == '-')
    c->negative = TRUE, s++;
  else if (s < text + end && *s == '+')
    s++;
  else if (strncmp (s, "−", strlen ("−")) == 0)
    c->negative = TRUE, s += strlen ("−");

  while (s < text + end)
    {
      if (g_ascii_isdigit (*s) || *s == '.' || *s == ',')
        {
          if (c->len + 1 >= sizeof c->body)
            return FALSE;
          c->body[c->len++] = *s++;
        }
      else if (*s == ' ')
        s++;
      else if (strncmp (s, "\u00a0", 2) == 0)
        s += 2;
      else if (strncmp (s, "\u202f", 3) == 0 || strncmp (s, "\u2009", 3) == 0)
        s += 3;
      else
        return FALSE;
    }
  c->body[c->len] = '\0';
  if (c->len == 0 || strpbrk (c->body, "0123456789") == NULL)
    return FALSE;
  /* no two marks in a row, none at the end */
  for (gsize i = 0; i < c->len; i++)
    if ((c->body[i] == '.' || c->body[i] == ',') &&
        (i + 1 == c->len || c->body[i + 1] == '.' || c->body[i + 1] == ','))
      return FALSE;
  return TRUE;
}

/* "1.234.567" with '.': a first group of one to three digits, then groups of three */
static gboolean
groups_ok (const char *s,
           gsize       len,
           char        mark)
{
  gsize group = 0, groups = 0;

  for (gsize i = 0; i <= len; i++)
    {
      if (i == len || s[i] == mark)
        {
          if (groups == 0 ? (group < 1 || group > 3 || (s[0] == '0' && i < len)) : group != 3)
            return FALSE;
          groups++;
          group = 0;
        }
      else if (g_ascii_isdigit (s[i]))
        group++;
      else
        return FALSE;
    }
  return TRUE;
}

static guint
count (const char *s,
       char        c)
{
  guint n = 0;

  for (; *s; s++)
    n += *s == c;
  return n;
}

static IndsatsNumberShape
shape_of (const Clean *c)
{
  const char *body = c->body;
  guint dots = count (body, '.'), commas = count (body, ',');

  if (dots == 0 && commas == 0)
    return INDSATS_NUMBER_WHOLE;
  if (dots > 0 && commas > 0)
    {
      /* the last mark is the decimal one, once; the other groups before it */
      const char *last = strrchr (body, '.') > strrchr (body, ',') ? strrchr (body, '.') : strrchr (body, ',');
      char decimal = *last, group = decimal == '.' ? ',' : '.';

      if ((decimal == '.' ? dots : commas) != 1 || !groups_ok (body, last - body, group))
        return INDSATS_NUMBER_INVALID;
      return decimal == ',' ? INDSATS_NUMBER_COMMA : INDSATS_NUMBER_POINT;
    }
  else
    {
      char mark = dots > 0 ? '.' : ',';
      const char *at = strchr (body, mark);
      gsize before = at - body, after = c->len - before - 1;

      if (dots + commas >= 2)
        {
          /* 1.234.567: the marks group thousands, so the other mark is the decimal one */
          if (!groups_ok (body, c->len, mark))
            return INDSATS_NUMBER_INVALID;
          return mark == '.' ? INDSATS_NUMBER_COMMA : INDSATS_NUMBER_POINT;
        }
      if (before == 0 || before > 3 || after != 3 || body[0] == '0')
        return mark == '.' ? INDSATS_NUMBER_POINT : INDSATS_NUMBER_COMMA;
      return INDSATS_NUMBER_AMBIGUOUS;
    }
}

/* @text without the white space around it, which a person does not see */
static const char *
trimmed (const char *text,
         char       *buffer,
         gsize       size)
{
  const char *start = text ? text : "";
  gsize len;

  while (g_ascii_isspace (*start))
    start++;
  len = strlen (start);
  while (len > 0 && g_ascii_isspace (start[len - 1]))
    len--;
  if (start[len] == '\0')
    return start;
  /* a cell the reader has trimmed already never comes here */
  if (len >= size)
    len = size - 1;
  memcpy (buffer, start, len);
  buffer[len] = '\0';
  return buffer;
}

/**
 * indsats_number_shape:
 * @text: a cell
 *
 * Returns: what @text shows about its decimal mark
 */
IndsatsNumberShape
indsats_number_shape (const char *text)
{
  char buffer[160];
  const char *s = trimmed (text, buffer, sizeof buffer);
  Clean c;

  if (is_missing (s))
    return INDSATS_NUMBER_MISSING;
  if (!clean (s, &c))
    return INDSATS_NUMBER_INVALID;
  return shape_of (&c);
}

/* A plain number of at most 15 digits, read without the C library: its
 * digits are a whole number a double holds exactly, and so is the power of
 * ten it is divided by (up to 10^22), so the one division rounds as strtod
 * does. FALSE for anything else, which strtod reads. */
static gboolean
plain_exact (const char *plain,
             double     *value)
{
  static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
  const char *p = plain;
  gboolean negative = *p == '-', point = FALSE;
  guint64 digits = 0;
  guint n_digits = 0, n_fraction = 0;
  double v;

  if (negative)
    p++;
  for (; *p; p++)
    {
      if (*p == '.' && !point)
        point = TRUE;
      else if (g_ascii_isdigit (*p) && n_digits < 15)
        {
          digits = digits * 10 + (guint64) (*p - '0');
          n_digits++;
          n_fraction += point;
        }
      else
        return FALSE;
    }
  if (n_digits == 0 || n_fraction >= G_N_ELEMENTS (tens))
    return FALSE;
  v = (double) digits / tens[n_fraction];
  *value = negative ? -v : v;
  return TRUE;
}

/**
 * indsats_number_read:
 * @text: a cell
 * @mark: the decimal mark of its column; %INDSATS_DECIMAL_UNKNOWN reads only
 *   a cell that shows its mark (or has none)
 * @value: (out): the number, NAN when missing
 * @missing: (out): set when the cell is empty or suppressed
 *
 * Returns: %FALSE when @text is not a number written with @mark
 */
gboolean
indsats_number_read (const char     *text,
                     IndsatsDecimal  mark,
                     double         *value,
                     gboolean       *missing)
{
  char buffer[160];
  const char *s = trimmed (text, buffer, sizeof buffer);
  char plain[160];
  gsize n = 0;
  Clean c;
  char decimal, group;
  const char *point;
  char *end = NULL;
  double v;

  *missing = FALSE;
  *value = NAN;
  if (is_missing (s))
    {
      *missing = TRUE;
      return TRUE;
    }
  if (!clean (s, &c))
    return FALSE;

  if (mark == INDSATS_DECIMAL_UNKNOWN)
    {
      switch (shape_of (&c))
        {
        case INDSATS_NUMBER_WHOLE:
        case INDSATS_NUMBER_POINT:
          mark = INDSATS_DECIMAL_POINT;
          break;
        case INDSATS_NUMBER_COMMA:
          mark = INDSATS_DECIMAL_COMMA;
          break;
        default:
          return FALSE;
        }
    }
  decimal = mark == INDSATS_DECIMAL_COMMA ? ',' : '.';
  group = mark == INDSATS_DECIMAL_COMMA ? '.' : ',';

  point = strchr (c.body, decimal);
  if (point != NULL && (strchr (point + 1, decimal) != NULL || strchr (point + 1, group) != NULL))
    return FALSE;
  {
    gsize int_len = point ? (gsize) (point - c.body) : c.len;
    if (memchr (c.body, group, int_len) != NULL && !groups_ok (c.body, int_len, group))
      return FALSE;
  }

  if (c.negative)
    plain[n++] = '-';
  for (const char *p = c.body; *p; p++)
    {
      if (*p == group)
        continue;
      plain[n++] = *p == decimal ? '.' : *p;
    }
  plain[n] = '\0';

  if (plain_exact (plain, value))
    return TRUE;
  v = g_ascii_strtod (plain, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

const char *
indsats_decimal_to_string (IndsatsDecimal mark)
{
  switch (mark)
    {
    case INDSATS_DECIMAL_COMMA: return "comma";
    case INDSATS_DECIMAL_POINT: return "point";
    case INDSATS_DECIMAL_UNKNOWN:
    default: return "";
    }
}

/**
 * indsats_decimal_from_string:
 * @text: "comma" or "point" (Danish "komma", "punktum" too)
 *
 * Returns: %FALSE when @text names no mark
 */
gboolean
indsats_decimal_from_string (const char     *text,
                             IndsatsDecimal *mark)
{
  g_autofree char *s = g_ascii_strdown (text ? text : "", -1);

  g_strstrip (s);
  if (strcmp (s, "comma") == 0 || strcmp (s, "komma") == 0 || strcmp (s, ",") == 0)
    *mark = INDSATS_DECIMAL_COMMA;
  else if (strcmp (s, "point") == 0 || strcmp (s, "punktum") == 0 || strcmp (s, ".") == 0)
    *mark = INDSATS_DECIMAL_POINT;
  else
    return FALSE;
  return TRUE;
}
