/* indsats-text.c
 *
 * Text pasted from a Mac or a PDF often spells "å" as "a" and a combining
 * ring (NFD); from Windows or a keyboard it is one character (NFC). Both look
 * the same, so everything stored is NFC and names are compared in NFC. The
 * search also ignores the characters nobody sees (a zero-width space inside a
 * word, a soft hyphen).
 */
#include "indsats-text.h"

#include <string.h>

static gboolean
is_ascii (const char *text)
{
  for (const guchar *c = (const guchar *) text; *c; c++)
    if (*c >= 0x80)
      return FALSE;
  return TRUE;
}

/**
 * indsats_text_normalize:
 * @text: (nullable): UTF-8 text
 *
 * Returns: (transfer full) (nullable): @text in Unicode NFC; a copy when it
 *   is plain ASCII or not valid UTF-8 (which is left for the caller to refuse)
 */
char *
indsats_text_normalize (const char *text)
{
  char *normal;

  if (text == NULL)
    return NULL;
  if (is_ascii (text))
    return g_strdup (text);
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  return normal ? normal : g_strdup (text);
}

/**
 * indsats_text_is_normal:
 *
 * Returns: %TRUE when @text is %NULL or already in NFC
 */
gboolean
indsats_text_is_normal (const char *text)
{
  g_autofree char *normal = NULL;

  if (text == NULL || is_ascii (text))
    return TRUE;
  normal = indsats_text_normalize (text);
  return strcmp (normal, text) == 0;
}

/* Characters that take no room and change nothing a reader sees */
static gboolean
is_invisible (gunichar c)
{
  return c == 0x00AD ||                 /* soft hyphen */
         (c >= 0x200B && c <= 0x200D) || /* zero-width space, non-joiner, joiner */
         c == 0x2060 ||                 /* word joiner */
         c == 0xFEFF;                   /* zero-width no-break space, a stray BOM */
}

/**
 * indsats_text_fold:
 * @text: (nullable): UTF-8 text
 *
 * Returns: (transfer full): @text as a search compares it: without invisible
 *   characters, case-folded, in NFC
 */
char *
indsats_text_fold (const char *text)
{
  g_autoptr(GString) visible = g_string_new (NULL);
  g_autofree char *folded = NULL;
  char *normal;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  /* plain ASCII has nothing to normalize or hide, and folds to lower case */
  if (is_ascii (text))
    return g_ascii_strdown (text, -1);
  for (const char *c = text; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      if (!is_invisible (u))
        g_string_append_unichar (visible, u);
    }
  /* casefold after decomposing: "Å" (NFC) and "A" + ring (NFD) fold alike */
  normal = g_utf8_normalize (visible->str, visible->len, G_NORMALIZE_NFD);
  folded = g_utf8_casefold (normal ? normal : visible->str, -1);
  g_free (normal);
  normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
  return normal ? normal : g_steal_pointer (&folded);
}

/**
 * indsats_text_equal:
 *
 * Returns: %TRUE when @a and @b are the same text in NFC
 */
gboolean
indsats_text_equal (const char *a,
                    const char *b)
{
  g_autofree char *na = NULL, *nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  if (strcmp (a, b) == 0)
    return TRUE;
  na = indsats_text_normalize (a);
  nb = indsats_text_normalize (b);
  return strcmp (na, nb) == 0;
}
