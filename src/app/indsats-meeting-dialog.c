/* indsats-meeting-dialog.c
 *
 * "Mark Committee Meeting…": the date of the meeting (today unless told
 * otherwise, in the Danish way or as ISO) and a name to find it by later.
 * What is wrong with them is said under the fields, and the dialog cannot be
 * confirmed until it is right; the window takes the snapshot.
 */
#include "config.h"

#include "indsats-meeting-dialog.h"

#include <glib/gi18n.h>

#include "indsats-format.h"

struct _IndsatsMeetingDialog
{
  AdwMessageDialog  parent_instance;

  /* template children */
  AdwEntryRow      *date_row;
  AdwEntryRow      *name_row;
  GtkLabel         *problem_label;

  char             *problem;
  char             *shown_name;  /* the name filled in from the date; NULL once the person wrote one */
  gboolean          filling;     /* the name is being filled in, not written */
};

G_DEFINE_FINAL_TYPE (IndsatsMeetingDialog, indsats_meeting_dialog, ADW_TYPE_MESSAGE_DIALOG)

/**
 * indsats_meeting_default_name:
 * @iso: YYYY-MM-DD
 *
 * Returns: "Udvalgsmøde 12.09.2023": the name a meeting gets unless the
 *   person gives another
 */
char *
indsats_meeting_default_name (const char *iso)
{
  g_autofree char *date = indsats_format_date (iso);

  /* Translators: the name a marked committee meeting gets; the date as 12.09.2023 */
  return g_strdup_printf (_("Committee meeting %s"), date);
}

/**
 * indsats_meeting_check:
 * @iso: (out) (optional): the date as YYYY-MM-DD when it is one
 * @problem: (out) (optional): what is wrong, for the person, when something is
 *
 * Returns: whether the date and the name make a meeting to mark
 */
gboolean
indsats_meeting_check (const char  *name,
                       const char  *date,
                       char       **iso,
                       char       **problem)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parsed = NULL;
  char *what = NULL;

  if (indsats_text_is_blank (date))
    what = g_strdup (_("Write the date of the meeting, as 12.09.2023"));
  else if (!(parsed = indsats_date_parse (date, &error)))
    what = g_strdup_printf (_("The date: %s"), error->message);
  else if (indsats_text_is_blank (name))
    what = g_strdup (_("Give the meeting a name to find it by"));

  if (iso)
    *iso = what ? NULL : g_steal_pointer (&parsed);
  if (problem)
    *problem = what;
  else
    g_free (what);
  return what == NULL;
}

static void
update (IndsatsMeetingDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  g_clear_pointer (&self->problem, g_free);
  indsats_meeting_check (name, date, NULL, &self->problem);
  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "mark", self->problem == NULL);
}

static void
date_changed_cb (IndsatsMeetingDialog *self)
{
  g_autofree char *iso = NULL;
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  /* the name follows the date until the person writes a name of their own */
  if (self->shown_name && !indsats_text_is_blank (date) && (iso = indsats_date_parse (date, NULL)))
    {
      g_autofree char *name = indsats_meeting_default_name (iso);

      g_free (self->shown_name);
      self->shown_name = g_strdup (name);
      /* setting the text empties the field first: that is not the person writing */
      self->filling = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      self->filling = FALSE;
    }
  update (self);
}

static void
name_changed_cb (IndsatsMeetingDialog *self)
{
  if (self->shown_name && !self->filling &&
      g_strcmp0 (self->shown_name, gtk_editable_get_text (GTK_EDITABLE (self->name_row))) != 0)
    g_clear_pointer (&self->shown_name, g_free);
  update (self);
}

static void
indsats_meeting_dialog_finalize (GObject *object)
{
  IndsatsMeetingDialog *self = INDSATS_MEETING_DIALOG (object);

  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->shown_name, g_free);
  G_OBJECT_CLASS (indsats_meeting_dialog_parent_class)->finalize (object);
}

static void
indsats_meeting_dialog_class_init (IndsatsMeetingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = indsats_meeting_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-meeting-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsMeetingDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsMeetingDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsMeetingDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
}

static void
indsats_meeting_dialog_init (IndsatsMeetingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * indsats_meeting_dialog_new:
 * @today: YYYY-MM-DD, the date it starts with
 */
IndsatsMeetingDialog *
indsats_meeting_dialog_new (GtkWindow  *parent,
                            const char *today)
{
  IndsatsMeetingDialog *self = g_object_new (INDSATS_TYPE_MEETING_DIALOG, "transient-for", parent,
                                             "modal", TRUE, NULL);
  g_autofree char *date = indsats_format_date (today);

  self->shown_name = indsats_meeting_default_name (today);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), self->shown_name);
  self->filling = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  update (self);
  return self;
}

/* What the person would type: for tests and for filling in */
void
indsats_meeting_dialog_set (IndsatsMeetingDialog *self,
                            const char           *name,
                            const char           *date)
{
  g_return_if_fail (INDSATS_IS_MEETING_DIALOG (self));

  if (date)
    gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  if (name)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

const char *
indsats_meeting_dialog_get_name (IndsatsMeetingDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_MEETING_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

/* Returns: (transfer full) (nullable): the date as YYYY-MM-DD, NULL while it is not one */
char *
indsats_meeting_dialog_get_date (IndsatsMeetingDialog *self)
{
  g_autofree char *iso = NULL;

  g_return_val_if_fail (INDSATS_IS_MEETING_DIALOG (self), NULL);
  if (!indsats_meeting_check (indsats_meeting_dialog_get_name (self),
                              gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &iso, NULL))
    return NULL;
  return g_steal_pointer (&iso);
}

/* Returns: (nullable): what is wrong with the fields, NULL when nothing */
const char *
indsats_meeting_dialog_get_problem (IndsatsMeetingDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_MEETING_DIALOG (self), NULL);
  return self->problem;
}
