/* indsats-application.h */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_APPLICATION (indsats_application_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsApplication, indsats_application, INDSATS, APPLICATION, AdwApplication)

/* when the process started, for timing the first frame */
extern gint64 indsats_application_started;

IndsatsApplication *indsats_application_new                (void);
void                indsats_application_register_resources (void);
void                indsats_application_mark               (const char *what);

G_END_DECLS
