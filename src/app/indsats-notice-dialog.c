/* indsats-notice-dialog.c
 *
 * What went wrong, or what opening a database changed: a heading, the body
 * and a Close button. The window's files show their messages through it.
 */
#include "config.h"

#include "indsats-notice-dialog.h"

struct _IndsatsNoticeDialog
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (IndsatsNoticeDialog, indsats_notice_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
indsats_notice_dialog_class_init (IndsatsNoticeDialogClass *klass)
{
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass), "/dk/indsats/Indsats/indsats-notice-dialog.ui");
}

static void
indsats_notice_dialog_init (IndsatsNoticeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * indsats_notice_dialog_present:
 *
 * Returns: (transfer none): the dialog, shown over @parent
 */
IndsatsNoticeDialog *
indsats_notice_dialog_present (GtkWindow  *parent,
                               const char *heading,
                               const char *body)
{
  IndsatsNoticeDialog *self = g_object_new (INDSATS_TYPE_NOTICE_DIALOG,
                                            "transient-for", parent,
                                            "heading", heading,
                                            "body", body,
                                            NULL);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}
