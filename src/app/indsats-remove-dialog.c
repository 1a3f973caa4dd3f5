/* indsats-remove-dialog.c
 *
 * "Remove “Jobteam”?": asked before a team or focus area that holds actions
 * is removed, since they go with it. Cancel is the default, and what Escape
 * gives; Remove is marked as destructive. It only asks: whoever shows it
 * reads the answer from "response" and what it names from the getters.
 */
#include "config.h"

#include "indsats-remove-dialog.h"

#include <glib/gi18n.h>

struct _IndsatsRemoveDialog
{
  AdwMessageDialog parent_instance;

  gboolean         focus;    /* a focus area, else a team */
  gint64           id;
};

G_DEFINE_FINAL_TYPE (IndsatsRemoveDialog, indsats_remove_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
indsats_remove_dialog_class_init (IndsatsRemoveDialogClass *klass)
{
  gtk_widget_class_set_template_from_resource (GTK_WIDGET_CLASS (klass), "/dk/indsats/Indsats/indsats-remove-dialog.ui");
}

static void
indsats_remove_dialog_init (IndsatsRemoveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * indsats_remove_dialog_new:
 * @focus: whether @id is a focus area's (else a team's)
 * @name: the team's or focus area's name, for the heading
 * @n_actions: how many actions go with it
 *
 * Returns: (transfer floating): the question, not yet shown
 */
IndsatsRemoveDialog *
indsats_remove_dialog_new (GtkWindow  *parent,
                           gboolean    focus,
                           gint64      id,
                           const char *name,
                           int         n_actions)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  IndsatsRemoveDialog *self;

  g_return_val_if_fail (name != NULL, NULL);

  heading = g_strdup_printf (_("Remove “%s”?"), name);
  body = g_strdup_printf (ngettext ("It holds %d action, which will be removed with it.",
                                    "It holds %d actions, which will be removed with it.", n_actions), n_actions);
  self = g_object_new (INDSATS_TYPE_REMOVE_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       "body", body,
                       NULL);
  self->focus = focus;
  self->id = id;
  return self;
}

gboolean
indsats_remove_dialog_get_focus (IndsatsRemoveDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_REMOVE_DIALOG (self), FALSE);
  return self->focus;
}

gint64
indsats_remove_dialog_get_id (IndsatsRemoveDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_REMOVE_DIALOG (self), 0);
  return self->id;
}
