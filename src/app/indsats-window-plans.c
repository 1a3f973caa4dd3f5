/* indsats-window-plans.c
 *
 * The window's plans: create one, switch between them (the window remembers
 * the last one), and rename or remove teams and focus areas. Removing one that
 * still holds actions asks first.
 */
#include "config.h"

#include "indsats-window-private.h"

#include <glib/gi18n.h>
#include <math.h>

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-menu.h"
#include "indsats-plan-dialog.h"
#include "indsats-remove-dialog.h"
#include "indsats-teams-dialog.h"

/**
 * indsats_window_switch_plan:
 *
 * Shows @plan_id, and remembers it for the next start.
 */
void
indsats_window_switch_plan (IndsatsWindow *self,
                            gint64         plan_id)
{
  g_return_if_fail (INDSATS_IS_WINDOW (self));

  self->chosen_plan = plan_id;
  if (self->settings)
    g_settings_set_int64 (self->settings, "plan", plan_id);
  /* undo belongs to the plan it was made in */
  g_clear_object (&self->undo);
  if (self->store)
    self->undo = indsats_undo_stack_new (self->store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  _indsats_window_reload (self);
}

/* The plans in the main menu */
void
_indsats_window_fill_plans_menu (IndsatsWindow *self)
{
  g_autoptr(GPtrArray) plans = self->store ? indsats_store_list_plans (self->store, NULL) : NULL;

  g_menu_remove_all (self->plans_section);
  for (guint i = 0; plans && i < plans->len; i++)
    {
      IndsatsPlan *plan = g_ptr_array_index (plans, i);
      g_autofree char *label = g_strdup_printf ("%s%s%s", plan->title,
                                                plan->id == self->plan_id ? " ✓" : "",
                                                "");

      indsats_menu_append (self->plans_section, label, "win.switch-plan", g_variant_new_int64 (plan->id));
    }
  g_menu_append (self->plans_section, _("_New Plan…"), "win.new-plan");
  g_menu_append (self->plans_section, _("_Teams and Focus Areas…"), "win.manage-teams");
}

static void
switch_plan_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  indsats_window_switch_plan (INDSATS_WINDOW (widget), g_variant_get_int64 (parameter));
}

/**
 * indsats_window_create_plan:
 *
 * Returns: the new plan's id, shown in the window; 0 with @error set
 */
gint64
indsats_window_create_plan (IndsatsWindow      *self,
                            const IndsatsPlan  *plan,
                            GError            **error)
{
  gint64 id;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), 0);

  if (!(id = indsats_store_add_plan (self->store, plan, error)))
    return 0;
  indsats_window_switch_plan (self, id);
  return id;
}

static void
plan_dialog_create_cb (IndsatsPlanDialog *dialog,
                       IndsatsWindow     *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsPlan) plan = indsats_plan_dialog_get_plan (dialog, &error);

  if (!plan || !indsats_window_create_plan (self, plan, &error))
    {
      indsats_plan_dialog_show_error (dialog, error->message);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
new_plan_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  IndsatsPlanDialog *dialog = indsats_plan_dialog_new (GTK_WINDOW (self));

  g_signal_connect_object (dialog, "create", G_CALLBACK (plan_dialog_create_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Teams and focus areas */

gboolean
indsats_window_rename (IndsatsWindow  *self,
                       gboolean        focus,
                       gint64          id,
                       const char     *name,
                       GError        **error)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  if (focus ? !indsats_store_rename_focus_area (self->store, id, name, error)
            : !indsats_store_rename_team (self->store, id, name, error))
    return FALSE;
  _indsats_window_reload (self);
  return TRUE;
}

gboolean
indsats_window_remove (IndsatsWindow  *self,
                       gboolean        focus,
                       gint64          id,
                       GError        **error)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  if (focus ? !indsats_store_remove_focus_area (self->store, id, error)
            : !indsats_store_remove_team (self->store, id, error))
    return FALSE;
  /* the undo history spoke of actions that are gone now */
  g_clear_object (&self->undo);
  self->undo = indsats_undo_stack_new (self->store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  _indsats_window_reload (self);
  return TRUE;
}

static void
removal_response_cb (IndsatsRemoveDialog *dialog,
                     const char          *response,
                     IndsatsWindow       *self)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *over = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (!g_str_equal (response, "remove"))
    return;
  if (!indsats_window_remove (self, indsats_remove_dialog_get_focus (dialog),
                              indsats_remove_dialog_get_id (dialog), &error))
    _indsats_window_toast (self, error->message);
  if (over != NULL && over != GTK_WINDOW (self))
    {
      /* the question closes after this; it must not be left pointing at
       * the Teams dialog it was asked over */
      gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
      gtk_window_destroy (over);
    }
}

/**
 * indsats_window_request_remove:
 * @n_actions: how many actions it holds
 *
 * Removes an empty team or focus area at once; one with actions only after
 * asking, in the dialog this returns.
 *
 * Returns: (transfer none) (nullable): the question, when one is asked
 */
AdwMessageDialog *
indsats_window_request_remove (IndsatsWindow *self,
                               gboolean       focus,
                               gint64         id,
                               const char    *name,
                               int            n_actions,
                               GtkWidget     *parent)
{
  IndsatsRemoveDialog *dialog;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);

  if (n_actions == 0)
    {
      g_autoptr(GError) error = NULL;
      if (!indsats_window_remove (self, focus, id, &error))
        _indsats_window_toast (self, error->message);
      if (parent)
        gtk_window_destroy (GTK_WINDOW (parent));
      return NULL;
    }
  dialog = indsats_remove_dialog_new (parent ? GTK_WINDOW (parent) : GTK_WINDOW (self), focus, id, name, n_actions);
  g_signal_connect_object (dialog, "response", G_CALLBACK (removal_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
teams_rename_cb (IndsatsTeamsDialog *dialog,
                 gboolean            focus,
                 gint64              id,
                 const char         *name,
                 IndsatsWindow      *self)
{
  g_autoptr(GError) error = NULL;

  if (!indsats_window_rename (self, focus, id, name, &error))
    _indsats_window_toast (self, error->message);
}

static void
teams_remove_cb (IndsatsTeamsDialog *dialog,
                 gboolean            focus,
                 gint64              id,
                 const char         *name,
                 int                 n_actions,
                 IndsatsWindow      *self)
{
  indsats_window_request_remove (self, focus, id, name, n_actions, GTK_WIDGET (dialog));
}

static void
manage_teams_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(GPtrArray) entries = indsats_store_list_teams (self->store, self->plan_id, NULL);
  IndsatsTeamsDialog *dialog = indsats_teams_dialog_new (GTK_WINDOW (self), entries);

  g_signal_connect_object (dialog, "rename", G_CALLBACK (teams_rename_cb), self, 0);
  g_signal_connect_object (dialog, "remove", G_CALLBACK (teams_remove_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_indsats_window_plans_class_init (IndsatsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.switch-plan", "x", switch_plan_activated);
  gtk_widget_class_install_action (widget_class, "win.new-plan", NULL, new_plan_activated);
  gtk_widget_class_install_action (widget_class, "win.manage-teams", NULL, manage_teams_activated);
}
