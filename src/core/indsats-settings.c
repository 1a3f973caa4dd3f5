/* indsats-settings.c
 *
 * The program's settings (GSettings) where the core needs them: the areas
 * compared, which Preferences keep and `indsats fetch` uses as well, and
 * when the figures were last updated, which `indsats fetch --figures` notes
 * as the window's Update does. A
 * program run from its build folder, or with an older schema installed, has
 * no such key: that is no error, only no setting.
 */
#include "config.h"

#include "indsats-settings.h"

#include <string.h>

/**
 * indsats_settings_new_if_installed:
 * @key: a key the caller needs
 *
 * Returns: (transfer full) (nullable): the program's settings, or %NULL when
 *   the schema, or @key in it, is not installed
 */
GSettings *
indsats_settings_new_if_installed (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_new (APP_ID);
}

/**
 * indsats_settings_get_compared_areas:
 *
 * Returns: (transfer full): the areas compared, as Preferences keep them;
 *   empty when none are set
 */
GStrv
indsats_settings_get_compared_areas (void)
{
  g_autoptr(GSettings) settings = indsats_settings_new_if_installed ("compared-areas");

  if (settings == NULL)
    return g_new0 (char *, 1);
  return g_settings_get_strv (settings, "compared-areas");
}

/**
 * indsats_settings_note_update:
 *
 * Keeps the time now as the last update of the figures' key figures, so that
 * the window does not fetch them again at its next start.
 */
void
indsats_settings_note_update (void)
{
  g_autoptr(GSettings) settings = indsats_settings_new_if_installed ("last-update");

  if (settings == NULL)
    return;
  g_settings_set_int64 (settings, "last-update", g_get_real_time () / G_USEC_PER_SEC);
  g_settings_sync ();
}

/**
 * indsats_settings_parse_areas:
 * @text: areas as a person types them: "Ishøj, Brøndby, Hele landet"
 *
 * Returns: (transfer full): the names, trimmed, each once, in the order
 *   typed; empty for an empty text
 */
GStrv
indsats_settings_parse_areas (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *name = g_utf8_normalize (g_strstrip (parts[i]), -1, G_NORMALIZE_NFC);
      g_autofree char *key = NULL;

      if (name == NULL || *name == '\0')
        continue;
      key = g_utf8_casefold (name, -1);
      if (!g_hash_table_add (seen, g_steal_pointer (&key)))
        continue;
      g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

/**
 * indsats_settings_join_areas:
 *
 * Returns: (transfer full): @areas as Preferences show them: "Ishøj, Brøndby"
 */
char *
indsats_settings_join_areas (const char * const *areas)
{
  return g_strjoinv (", ", (char **) areas);
}
