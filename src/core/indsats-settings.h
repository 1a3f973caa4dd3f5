/* indsats-settings.h: what a person set in Preferences that the command line uses too */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSettings *indsats_settings_new_if_installed  (const char *key);
GStrv      indsats_settings_get_compared_areas (void);
void       indsats_settings_note_update     (void);
GStrv      indsats_settings_parse_areas        (const char *text);
char      *indsats_settings_join_areas         (const char * const *areas);

G_END_DECLS
