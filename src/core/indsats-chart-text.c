/* indsats-chart-text.c
 *
 * Every piece of text in a figure is broken into lines and cut to its room
 * here, once, so that the picture, the PDF and the SVG show the same lines.
 * Words are broken between characters only when a word alone is wider than
 * its room, and never with a hyphen: a hyphen the text does not hold could
 * not be written the same way in every output.
 */
#include "config.h"

#include "indsats-chart-private.h"

#include <string.h>

PangoLayout *
indsats_chart_text_layout (PangoContext             *context,
                           const IndsatsChartLayout *layout,
                           IndsatsTextStyle          style,
                           const char               *text,
                           double                    wrap_width)
{
  PangoLayout *pl = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_new ();
  PangoAttrList *attrs = pango_attr_list_new ();
  double size = layout->font_size;

  pango_font_description_set_family (font, layout->font_family);
  if (style == INDSATS_TEXT_SMALL)
    size *= INDSATS_CHART_SMALL_SCALE;
  else if (style == INDSATS_TEXT_HEADING)
    {
      size *= INDSATS_CHART_HEADING_SCALE;
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
    }
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (pl, font);
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (pl, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (pl, text ? text : "", -1);
  if (wrap_width > 0)
    {
      pango_layout_set_width (pl, (int) (wrap_width * PANGO_SCALE));
      pango_layout_set_wrap (pl, PANGO_WRAP_WORD_CHAR);
    }
  return pl;
}

void
indsats_chart_text_size (PangoLayout *text,
                         double      *width,
                         double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (text, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

/**
 * indsats_chart_clean_text:
 *
 * Returns: (transfer full): @text as valid UTF-8 without the characters that
 *   XML 1.0 cannot hold or that a font draws as boxes: control characters
 *   become spaces, non-characters are dropped
 */
char *
indsats_chart_clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (strlen (valid));

  for (const char *c = valid; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (u < 0x20 || (u >= 0x7f && u < 0xa0))
        g_string_append_c (out, ' ');
      else if (u == 0xfffe || u == 0xffff || (u >= 0xfdd0 && u <= 0xfdef))
        continue;
      else
        g_string_append_unichar (out, u);
    }
  return g_string_free (out, FALSE);
}

static double
line_width (PangoContext             *context,
            const IndsatsChartLayout *layout,
            IndsatsTextStyle          style,
            const char               *text)
{
  g_autoptr(PangoLayout) pl = indsats_chart_text_layout (context, layout, style, text, 0);
  double w;

  indsats_chart_text_size (pl, &w, NULL);
  return w;
}

/* The longest start of @text that fits @max_width with "…" after it;
 * "" when not even the ellipsis fits */
static char *
cut_to_width (PangoContext             *context,
              const IndsatsChartLayout *layout,
              IndsatsTextStyle          style,
              const char               *text,
              double                    max_width)
{
  glong n = g_utf8_strlen (text, -1), lo = 0, hi = n;

  if (line_width (context, layout, style, text) <= max_width)
    return g_strdup (text);
  if (line_width (context, layout, style, "…") > max_width)
    return g_strdup ("");
  /* the largest prefix length lo with prefix + "…" fitting */
  hi = n - 1;
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      g_autofree char *prefix = g_utf8_substring (text, 0, mid);
      g_autofree char *candidate = g_strconcat (g_strchomp (prefix), "…", NULL);

      if (line_width (context, layout, style, candidate) <= max_width)
        lo = mid;
      else
        hi = mid - 1;
    }
  {
    g_autofree char *prefix = g_utf8_substring (text, 0, lo);
    return g_strconcat (g_strchomp (prefix), "…", NULL);
  }
}

static void
line_free (IndsatsChartLine *line)
{
  g_free (line->text);
  g_free (line);
}

void
indsats_chart_text_free (IndsatsChartText *text)
{
  if (text == NULL)
    return;
  g_clear_pointer (&text->lines, g_ptr_array_unref);
  g_free (text);
}

/**
 * indsats_chart_text_new:
 * @max_width: the room across; 0 for no limit
 * @max_lines: at most this many lines, the last cut with "…"; 0 for no limit
 *   and 1 for one line cut to @max_width
 *
 * Returns: (transfer full): the text's lines with its box at (0, 0); empty
 *   text gives a text without lines and an empty box
 */
IndsatsChartText *
indsats_chart_text_new (PangoContext             *context,
                        const IndsatsChartLayout *layout,
                        IndsatsChartRole          role,
                        IndsatsTextStyle          style,
                        IndsatsChartInk           ink,
                        const char               *raw,
                        double                    max_width,
                        int                       max_lines)
{
  IndsatsChartText *text = g_new0 (IndsatsChartText, 1);
  g_autofree char *clean = indsats_chart_clean_text (raw);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  double y = 0;

  text->role = role;
  text->style = style;
  text->ink = ink;
  text->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  g_strstrip (clean);
  if (*clean == '\0')
    return text;

  if (max_width > 0 && max_lines != 1)
    {
      g_autoptr(PangoLayout) pl = indsats_chart_text_layout (context, layout, style, clean, max_width);
      GSList *lines = pango_layout_get_lines_readonly (pl);
      guint n = g_slist_length (lines), i = 0;

      for (GSList *l = lines; l; l = l->next, i++)
        {
          PangoLayoutLine *line = l->data;

          if (max_lines > 0 && i + 1 == (guint) max_lines && n > (guint) max_lines)
            {
              /* the last line holds the rest of the text, cut */
              g_ptr_array_add (strings, cut_to_width (context, layout, style, clean + line->start_index, max_width));
              break;
            }
          g_ptr_array_add (strings, g_strndup (clean + line->start_index, line->length));
        }
    }
  else if (max_width > 0)
    g_ptr_array_add (strings, cut_to_width (context, layout, style, clean, max_width));
  else
    g_ptr_array_add (strings, g_strdup (clean));

  for (guint i = 0; i < strings->len; i++)
    {
      char *s = g_strstrip ((char *) g_ptr_array_index (strings, i));
      g_autoptr(PangoLayout) pl = NULL;
      IndsatsChartLine *line;
      double w, h;

      if (*s == '\0')
        continue;
      pl = indsats_chart_text_layout (context, layout, style, s, 0);
      indsats_chart_text_size (pl, &w, &h);
      line = g_new0 (IndsatsChartLine, 1);
      line->text = g_strdup (s);
      line->x = 0;
      line->baseline = y + (double) pango_layout_get_baseline (pl) / PANGO_SCALE;
      g_ptr_array_add (text->lines, line);
      text->box.width = MAX (text->box.width, w);
      y += h;
    }
  text->box.height = text->lines->len > 0 ? y : 0;
  return text;
}

/* Puts the text's box with its top left corner at (x, y) */
void
indsats_chart_text_move (IndsatsChartText *text,
                         double            x,
                         double            y)
{
  double dx = x - text->box.x, dy = y - text->box.y;

  text->box.x = x;
  text->box.y = y;
  for (guint i = 0; i < text->lines->len; i++)
    {
      IndsatsChartLine *line = g_ptr_array_index (text->lines, i);
      line->x += dx;
      line->baseline += dy;
    }
}

/**
 * indsats_chart_text_get_string:
 *
 * Returns: (transfer full): the text's lines joined by newlines
 */
char *
indsats_chart_text_get_string (const IndsatsChartText *text)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < text->lines->len; i++)
    g_string_append_printf (out, "%s%s", i ? "\n" : "",
                            ((IndsatsChartLine *) g_ptr_array_index (text->lines, i))->text);
  return g_string_free (out, FALSE);
}
