/* indsats-import-dialog.h: what files hold, before anything is written */
#pragma once

#include <adwaita.h>

#include "indsats-import.h"

G_BEGIN_DECLS

#define INDSATS_TYPE_IMPORT_DIALOG (indsats_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsImportDialog, indsats_import_dialog, INDSATS, IMPORT_DIALOG, AdwWindow)

IndsatsImportDialog *indsats_import_dialog_new        (GtkWindow                  *parent,
                                                       const IndsatsImportSummary *preview,
                                                       const char * const         *paths,
                                                       const char                 *table);
const char * const  *indsats_import_dialog_get_paths  (IndsatsImportDialog        *self);
const char          *indsats_import_dialog_get_table  (IndsatsImportDialog        *self);
const char          *indsats_import_dialog_get_table_error (IndsatsImportDialog   *self);
gboolean             indsats_import_dialog_apply_table (IndsatsImportDialog       *self,
                                                        const char                *text);
GHashTable          *indsats_import_dialog_get_kept   (IndsatsImportDialog        *self);
void                 indsats_import_dialog_set_kept   (IndsatsImportDialog        *self,
                                                       const char                 *series,
                                                       gboolean                    keep);
gboolean             indsats_import_dialog_is_kept    (IndsatsImportDialog        *self,
                                                       const char                 *series);
void                 indsats_import_dialog_import     (IndsatsImportDialog        *self);
char                *indsats_import_dialog_describe_file (const IndsatsImportFile *file);

G_END_DECLS
