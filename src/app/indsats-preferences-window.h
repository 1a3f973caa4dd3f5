/* indsats-preferences-window.h: the Jobindsats token, kept in the keyring, and the areas
 * compared; the database the window opens, and its server's password */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_PREFERENCES_WINDOW (indsats_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsPreferencesWindow, indsats_preferences_window, INDSATS, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

IndsatsPreferencesWindow *indsats_preferences_window_new        (GtkWindow                *parent);
void                      indsats_preferences_window_save_token (IndsatsPreferencesWindow *self,
                                                                 const char               *token);
void                      indsats_preferences_window_save_areas (IndsatsPreferencesWindow *self,
                                                                 const char               *text);
gboolean                  indsats_preferences_window_is_busy    (IndsatsPreferencesWindow *self);
const char               *indsats_preferences_window_get_status (IndsatsPreferencesWindow *self);
void                      indsats_preferences_window_set_database   (IndsatsPreferencesWindow *self,
                                                                     const char               *name);
void                      indsats_preferences_window_save_password  (IndsatsPreferencesWindow *self,
                                                                     const char               *password);
const char               *indsats_preferences_window_get_database_status (IndsatsPreferencesWindow *self);
void                      indsats_preferences_window_set_shown_database  (IndsatsPreferencesWindow *self,
                                                                          const char               *name);

G_END_DECLS
