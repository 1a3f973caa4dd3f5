/* indsats-format.c
 *
 * Numbers are written the Danish way (1.234,5 and 12,3 %) and dates as
 * 27.02.2023, by hand rather than through printf's locale support: the
 * Danish locale is often not installed, and output must not change with it.
 */
#include "config.h"

#include "indsats-format.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indsats-error.h"

/**
 * indsats_format_number:
 * @value: the number
 * @decimals: digits after the comma (0–6)
 *
 * Returns: @value with a decimal comma and a dot between thousands
 */
char *
indsats_format_number (double value,
                       int    decimals)
{
  g_autofree char *plain = NULL;
  GString *out;
  const char *digits, *point;
  gsize int_len;

  decimals = CLAMP (decimals, 0, 6);
  if (isnan (value))
    return g_strdup ("");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "-∞");

  /* %f with the C locale's "." is fixed: g_ascii_formatd never uses the locale */
  {
    char buf[G_ASCII_DTOSTR_BUF_SIZE + 32];
    char fmt[8];
    g_snprintf (fmt, sizeof fmt, "%%.%df", decimals);
    g_ascii_formatd (buf, sizeof buf, fmt, value);
    plain = g_strdup (buf);
  }

  out = g_string_new (NULL);
  digits = plain;
  if (*digits == '-')
    {
      /* -0,0 reads as an error to a person */
      gboolean all_zero = TRUE;
      for (const char *c = digits + 1; *c; c++)
        if (*c >= '1' && *c <= '9')
          all_zero = FALSE;
      if (!all_zero)
        g_string_append_c (out, '-');
      digits++;
    }

  point = strchr (digits, '.');
  int_len = point ? (gsize) (point - digits) : strlen (digits);
  for (gsize i = 0; i < int_len; i++)
    {
      if (i > 0 && (int_len - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    {
      g_string_append_c (out, ',');
      g_string_append (out, point + 1);
    }
  return g_string_free (out, FALSE);
}

/**
 * indsats_format_percent:
 *
 * Returns: "12,3 %" for 12.3: the value is already in percent
 */
char *
indsats_format_percent (double value,
                        int    decimals)
{
  g_autofree char *number = indsats_format_number (value, decimals);

  if (*number == '\0')
    return g_strdup ("");
  return g_strconcat (number, " %", NULL);
}

static gboolean
parse_digits (const char *s,
              int         len,
              int        *out)
{
  int v = 0;

  for (int i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

/**
 * indsats_date_is_valid_iso:
 *
 * Returns: %TRUE when @text is a real calendar date written YYYY-MM-DD
 */
gboolean
indsats_date_is_valid_iso (const char *text)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) ||
      !parse_digits (text + 8, 2, &d))
    return FALSE;
  return y >= 1900 && y <= 2200 && g_date_valid_dmy (d, m, y);
}

/**
 * indsats_format_date:
 * @iso_date: a date written YYYY-MM-DD
 *
 * Returns: the date as 27.02.2023, or a copy of @iso_date when it is not a date
 */
char *
indsats_format_date (const char *iso_date)
{
  if (iso_date == NULL)
    return g_strdup ("");
  if (!indsats_date_is_valid_iso (iso_date))
    return g_strdup (iso_date);
  return g_strdup_printf ("%.2s.%.2s.%.4s", iso_date + 8, iso_date + 5, iso_date);
}

/* Reads 2023-02-27, 27.02.2023, 27.2.2023 or 27-02-2023 into numbers, without
 * checking that they make a date */
static gboolean
split_date (const char *s,
            int        *d,
            int        *m,
            int        *y)
{
  g_auto(GStrv) parts = NULL;
  gsize l0, l1, l2;

  if (strlen (s) == 10 && s[4] == '-' && s[7] == '-')
    return parse_digits (s, 4, y) && parse_digits (s + 5, 2, m) && parse_digits (s + 8, 2, d);
  parts = g_strsplit_set (s, ".-/", -1);
  if (g_strv_length (parts) != 3)
    return FALSE;
  l0 = strlen (parts[0]), l1 = strlen (parts[1]), l2 = strlen (parts[2]);
  return l0 >= 1 && l0 <= 2 && l1 >= 1 && l1 <= 2 && l2 == 4 &&
         parse_digits (parts[0], l0, d) && parse_digits (parts[1], l1, m) && parse_digits (parts[2], l2, y);
}

/**
 * indsats_date_parse:
 * @text: a date as 2023-02-27, 27.02.2023, 27.2.2023 or 27-02-2023
 * @error: names @text when it is not a real date, and the range when it is
 *   outside INDSATS_DATE_FIRST to INDSATS_DATE_LAST
 *
 * Returns: (transfer full): the date as YYYY-MM-DD, or %NULL
 */
char *
indsats_date_parse (const char  *text,
                    GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  int d = 0, m = 0, y = 0;

  if (*s == '\0')
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                           _("The date is empty (write it as YYYY-MM-DD or dd.mm.yyyy)"));
      return NULL;
    }
  if (!split_date (s, &d, &m, &y) || !g_date_valid_dmy (d, m, MAX (y, 1)))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is not a valid date (write it as YYYY-MM-DD or dd.mm.yyyy)"), s);
      return NULL;
    }
  if (y < 1900 || y > 2200)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is outside the dates Indsats takes, %s to %s"), s, INDSATS_DATE_FIRST, INDSATS_DATE_LAST);
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

/**
 * indsats_number_parse:
 * @text: a number as a Dane or a machine writes it: 1.234,5 or 1234.5 or 12,3 %
 * @value: (out): the number
 * @missing: (out) (optional): set when the cell is empty or suppressed
 *   (“-”, “.”, “..”), in which case @value is NAN
 * @error: names @text when it is not a number
 *
 * A single separator is read as a decimal comma or point; when both a dot and
 * a comma appear, the last one is the decimal separator.
 */
gboolean
indsats_number_parse (const char  *text,
                      double      *value,
                      gboolean    *missing,
                      GError     **error)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  GString *clean;
  const char *last_dot, *last_comma;
  char decimal = 0;
  char *end = NULL;
  gsize len;
  double v;

  if (missing)
    *missing = FALSE;

  len = strlen (s);
  if (len > 0 && s[len - 1] == '%')
    {
      s[--len] = '\0';
      g_strchomp (s);
      len = strlen (s);
    }

  if (len == 0 || strcmp (s, "-") == 0 || strcmp (s, ".") == 0 || strcmp (s, "..") == 0 ||
      strcmp (s, "…") == 0)
    {
      if (missing == NULL)
        {
          g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                               _("A number is missing"));
          return FALSE;
        }
      *missing = TRUE;
      *value = NAN;
      return TRUE;
    }

  last_dot = strrchr (s, '.');
  last_comma = strrchr (s, ',');
  if (last_dot && last_comma)
    decimal = last_dot > last_comma ? '.' : ',';
  else if (last_comma)
    {
      /* "1,234,567" has thousands commas; "12,5" a decimal one */
      decimal = (strchr (s, ',') == last_comma) ? ',' : 0;
    }
  else if (last_dot)
    {
      /* "1.234.567" is Danish thousands; "1.234" stays a decimal point:
       * ambiguous, but machine output (the API, long CSV) writes points */
      decimal = (strchr (s, '.') == last_dot) ? '.' : 0;
    }

  clean = g_string_new (NULL);
  for (const char *c = s; *c; c++)
    {
      if (*c == decimal)
        g_string_append_c (clean, '.');
      else if (*c == '.' || *c == ',' || *c == ' ')
        continue;
      else if ((guchar) c[0] == 0xc2 && (guchar) c[1] == 0xa0) /* no-break space */
        c++;
      else if (strncmp (c, "−", strlen ("−")) == 0)
        {
          g_string_append_c (clean, '-');
          c += strlen ("−") - 1;
        }
      else
        g_string_append_c (clean, *c);
    }

  v = g_ascii_strtod (clean->str, &end);
  if (clean->len == 0 || end == NULL || *end != '\0' || isnan (v) || isinf (v) ||
      strpbrk (clean->str, "eEnNiIxX") != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is not a number"), s);
      g_string_free (clean, TRUE);
      return FALSE;
    }
  g_string_free (clean, TRUE);
  /* what the store can hold exactly and a figure can draw: whole numbers up
   * to 10^15 are exact in a double, and key figures need no more than six
   * decimals */
  if (fabs (v) > INDSATS_NUMBER_MAX || (v != 0 && fabs (v) < INDSATS_NUMBER_MIN))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is out of range: a key figure lies between 0.000001 and 1,000,000,000,000,000 "
                   "in size (or is 0)"), s);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

/**
 * indsats_today_iso:
 *
 * Returns: today's date as YYYY-MM-DD, in local time
 */
char *
indsats_today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * indsats_text_check:
 * @field: what the text is, as a sentence begins: "The owner"
 * @multiline: whether the field may hold line breaks
 *
 * Refuses text that cannot go everywhere the program puts it (a workbook's
 * XML, an SVG, a terminal): invalid UTF-8 and control characters other than
 * the tab, and a line break where the field allows one. %NULL passes.
 *
 * Returns: %FALSE with @error naming the field, the character and where it is
 */
gboolean
indsats_text_check (const char  *text,
                    const char  *field,
                    gboolean     multiline,
                    GError     **error)
{
  const char *bad = NULL;
  int position = 1;
  gunichar u = 0;

  if (text == NULL)
    return TRUE;
  /* most text is printable ASCII, which passes in one look at each byte */
  for (const guchar *c = (const guchar *) text; *c >= 0x20 && *c < 0x7f; c++)
    if (c[1] == '\0')
      return TRUE;
  if (!g_utf8_validate (text, -1, &bad))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s is not valid UTF-8 text (at byte %d); write it again or save the file as UTF-8"),
                   field, (int) (bad - text) + 1);
      return FALSE;
    }
  if (indsats_text_find_control (text, multiline, &u, &position))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("%s holds a control character (U+%04X) at character %d; remove it"),
                   field, u, position);
      return FALSE;
    }
  return TRUE;
}

/**
 * indsats_text_find_control:
 * @text: valid UTF-8
 * @multiline: whether line breaks are allowed
 * @character: (out): the first control character
 * @position: (out): where it is, counting characters from 1
 *
 * Finds what indsats_text_check() refuses in valid text: a control character
 * other than the tab (and line breaks, where allowed), U+FFFE or U+FFFF.
 *
 * Returns: whether @text holds one
 */
gboolean
indsats_text_find_control (const char *text,
                           gboolean    multiline,
                           gunichar   *character,
                           int        *position)
{
  int at = 1;

  for (const char *c = text; c && *c; c = g_utf8_next_char (c), at++)
    {
      /* most text is ASCII, which is its own character */
      gunichar u = (guchar) *c < 0x80 ? (gunichar) (guchar) *c : g_utf8_get_char (c);

      if (u == '\t' || (multiline && (u == '\n' || u == '\r')))
        continue;
      if (u < 0x20 || (u >= 0x7f && u < 0xa0) || u == 0xfffe || u == 0xffff)
        {
          *character = u;
          *position = at;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * indsats_text_for_xml:
 *
 * A second line of defence for text written into XML: what XML 1.0 cannot
 * hold (control characters but tab and line breaks, U+FFFE, U+FFFF, invalid
 * UTF-8) is left out.
 *
 * Returns: (transfer full): the text without them
 */
char *
indsats_text_for_xml (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *c = valid; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0xfffe || u == 0xffff)
        continue;
      g_string_append_unichar (out, u);
    }
  return g_string_free (out, FALSE);
}

/**
 * indsats_text_is_blank:
 *
 * Returns: %TRUE when @text is %NULL, empty or only white space
 */
gboolean
indsats_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    if (!g_unichar_isspace (g_utf8_get_char (c)))
      return FALSE;
  return TRUE;
}

/**
 * indsats_text_cell_length:
 *
 * Returns: how long @text is as a spreadsheet counts it (UTF-16 units: a
 *   character outside the Basic Multilingual Plane counts twice)
 */
gsize
indsats_text_cell_length (const char *text)
{
  gsize length = 0;

  if (text == NULL)
    return 0;
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    length += g_utf8_get_char (c) > 0xFFFF ? 2 : 1;
  return length;
}

/**
 * indsats_text_cell_cut:
 *
 * Returns: (transfer none): where @text must be cut so that what comes
 *   before holds at most @max_chars as a spreadsheet counts them; never
 *   inside a character
 */
const char *
indsats_text_cell_cut (const char *text,
                       gsize       max_chars)
{
  gsize length = 0;
  const char *c;

  g_return_val_if_fail (text != NULL, NULL);

  for (c = text; *c; c = g_utf8_next_char (c))
    {
      gsize width = g_utf8_get_char (c) > 0xFFFF ? 2 : 1;

      if (length + width > max_chars)
        break;
      length += width;
    }
  return c;
}

/**
 * indsats_text_check_length:
 * @what: what the text is, as the message names it: "the action's note"
 *
 * Text is refused where it is entered when it is longer than a cell of the
 * committee's workbook holds, rather than cut when the workbook is written.
 *
 * Returns: %FALSE, with @error set, when @text is too long
 */
gboolean
indsats_text_check_length (const char  *text,
                           const char  *what,
                           GError     **error)
{
  gsize length = indsats_text_cell_length (text);

  if (length <= INDSATS_CELL_MAX_CHARS)
    return TRUE;
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
               _("%s is %zu characters long, and a cell of the committee's workbook "
               "holds at most %d: shorten it"),
               what, length, INDSATS_CELL_MAX_CHARS);
  return FALSE;
}
