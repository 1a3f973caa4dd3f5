/* indsats-catalog.c
 *
 * Reads the compiled translation (the .mo file that gettext itself reads, from
 * the folder the program bound its text domain to) into a table of its own.
 * Nothing here changes or reads the process's locale or LANGUAGE, so a
 * catalog can be used from any thread while the window speaks another
 * language.
 */
#include "config.h"

#include "indsats-catalog.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "indsats-error.h"

#define MO_MAGIC 0x950412deU

struct _IndsatsCatalog
{
  char       *language;
  char       *contents;   /* the .mo file; the table's strings point into it */
  gsize       length;
  GHashTable *messages;   /* "context\004msgid" or "msgid" → translation */
  GHashTable *plurals;    /* singular msgid → the translation's plural form */
};

static guint32
read_word (const char *contents,
           gsize       offset,
           gboolean    swap)
{
  guint32 word;

  memcpy (&word, contents + offset, sizeof word);
  return swap ? GUINT32_SWAP_LE_BE (word) : word;
}

/* The string that the table entry at @entry points to, checked to lie inside
 * the file and to end in a NUL as the format requires; NULL when it does not */
static const char *
string_at (IndsatsCatalog *self,
           gsize           entry,
           gboolean        swap)
{
  guint32 length, offset;

  if (entry + 8 > self->length)
    return NULL;
  length = read_word (self->contents, entry, swap);
  offset = read_word (self->contents, entry + 4, swap);
  if ((gsize) offset + length >= self->length || self->contents[offset + length] != '\0')
    return NULL;
  return self->contents + offset;
}

static gboolean
parse (IndsatsCatalog  *self,
       const char      *path,
       GError         **error)
{
  guint32 magic, n, originals, translations;
  gboolean swap;

  if (self->length < 20)
    goto damaged;
  magic = read_word (self->contents, 0, FALSE);
  if (magic != MO_MAGIC && GUINT32_SWAP_LE_BE (magic) != MO_MAGIC)
    goto damaged;
  swap = magic != MO_MAGIC;
  n = read_word (self->contents, 8, swap);
  originals = read_word (self->contents, 12, swap);
  translations = read_word (self->contents, 16, swap);

  for (guint32 i = 0; i < n; i++)
    {
      const char *original = string_at (self, (gsize) originals + 8 * (gsize) i, swap);
      const char *translation = string_at (self, (gsize) translations + 8 * (gsize) i, swap);

      if (original == NULL || translation == NULL)
        goto damaged;
      /* the empty msgid is the catalog's header, not a message */
      if (*original != '\0' && *translation != '\0')
        {
          guint32 length = read_word (self->contents, (gsize) translations + 8 * (gsize) i, swap);
          gsize first = strlen (translation);

          g_hash_table_insert (self->messages, (char *) original, (char *) translation);
          /* a plural entry holds its forms one after another, each ending
           * in NUL, within the length the file gives (string_at checked it) */
          if (first < length)
            g_hash_table_insert (self->plurals, (char *) original, (char *) translation + first + 1);
        }
    }
  return TRUE;

damaged:
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
               _("The translation “%s” is damaged; reinstall Indsats"), path);
  return FALSE;
}

/**
 * indsats_catalog_new:
 * @language: "da", or "en" for the English source texts
 *
 * Returns: the catalog, or %NULL when the language's translation is not
 *   installed or cannot be read
 */
IndsatsCatalog *
indsats_catalog_new (const char  *language,
                     GError     **error)
{
  g_autofree char *path = NULL;
  const char *dirs[4];

  g_return_val_if_fail (language != NULL && *language != '\0', NULL);

  if (strcmp (language, "en") == 0)
    {
      /* the source texts are English: an empty catalog */
      IndsatsCatalog *self = g_new0 (IndsatsCatalog, 1);

      self->language = g_strdup (language);
      self->messages = g_hash_table_new (g_str_hash, g_str_equal);
      self->plurals = g_hash_table_new (g_str_hash, g_str_equal);
      return self;
    }

  if (strchr (language, '/') != NULL || strchr (language, '.') != NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("“%s” is not a language; use da or en"), language);
      return NULL;
    }
  /* where gettext looks: the folder main() bound the text domain to; a
   * program that bound none (a test) names it as main() would */
  dirs[0] = bindtextdomain (GETTEXT_PACKAGE, NULL);
  dirs[1] = g_getenv ("INDSATS_LOCALEDIR");
  dirs[2] = LOCALEDIR;
  /* a program run from its build folder, not installed, still writes the
   * Danish workbook: the catalog the build compiled */
  dirs[3] = BUILD_LOCALEDIR;
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      if (dirs[i] == NULL)
        continue;
      g_free (path);
      path = g_build_filename (dirs[i], language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        break;
    }
  return indsats_catalog_new_from_file (language, path, error);
}

/**
 * indsats_catalog_new_from_file:
 * @language: the language @path translates into
 * @path: a compiled translation (.mo)
 *
 * Returns: the catalog, or %NULL when @path cannot be read or is damaged
 */
IndsatsCatalog *
indsats_catalog_new_from_file (const char  *language,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(IndsatsCatalog) self = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (IndsatsCatalog, 1);
  self->language = g_strdup (language);
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
  self->plurals = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_file_get_contents (path, &self->contents, &self->length, &local))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                   _("Cannot read the translation “%s”: %s; reinstall Indsats, or choose English"),
                   path, local->message);
      return NULL;
    }
  if (!parse (self, path, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
indsats_catalog_free (IndsatsCatalog *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->plurals, g_hash_table_unref);
  g_free (self->contents);
  g_free (self->language);
  g_free (self);
}

const char *
indsats_catalog_language (IndsatsCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->language;
}

/**
 * indsats_catalog_gettext:
 *
 * Returns: (transfer none): the translation of @msgid, or @msgid itself
 */
const char *
indsats_catalog_gettext (IndsatsCatalog *self,
                         const char     *msgid)
{
  const char *translation;

  g_return_val_if_fail (self != NULL, msgid);

  translation = g_hash_table_lookup (self->messages, msgid);
  return translation ? translation : msgid;
}

/**
 * indsats_catalog_pgettext:
 *
 * Returns: (transfer none): the translation of @msgid in @context, or @msgid
 */
const char *
indsats_catalog_pgettext (IndsatsCatalog *self,
                          const char     *context,
                          const char     *msgid)
{
  g_autofree char *key = NULL;
  const char *translation;

  g_return_val_if_fail (self != NULL, msgid);

  if (g_hash_table_size (self->messages) == 0)
    return msgid;
  key = g_strconcat (context, "\004", msgid, NULL);
  translation = g_hash_table_lookup (self->messages, key);
  return translation ? translation : msgid;
}

/**
 * indsats_catalog_ngettext:
 * @n: how many
 *
 * The form of a message for @n things. Danish and English both have one
 * form for one and another for every other number.
 *
 * Returns: (transfer none): the translation, or @msgid or @plural
 */
const char *
indsats_catalog_ngettext (IndsatsCatalog *self,
                          const char     *msgid,
                          const char     *plural,
                          gulong          n)
{
  const char *translation;

  g_return_val_if_fail (self != NULL, n == 1 ? msgid : plural);

  if (n == 1)
    {
      translation = g_hash_table_lookup (self->messages, msgid);
      return translation ? translation : msgid;
    }
  translation = g_hash_table_lookup (self->plurals, msgid);
  return translation ? translation : plural;
}
