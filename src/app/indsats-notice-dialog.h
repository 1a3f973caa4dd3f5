/* indsats-notice-dialog.h: a message that needs no answer but Close */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define INDSATS_TYPE_NOTICE_DIALOG (indsats_notice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsNoticeDialog, indsats_notice_dialog, INDSATS, NOTICE_DIALOG, AdwMessageDialog)

IndsatsNoticeDialog *indsats_notice_dialog_present (GtkWindow  *parent,
                                                    const char *heading,
                                                    const char *body);

G_END_DECLS
