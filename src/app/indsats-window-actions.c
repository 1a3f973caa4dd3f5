/* indsats-window-actions.c
 *
 * The window's work on the plan's actions: add, edit, delete (with a toast
 * that offers to undo), move, history, undo and redo, and search. Every change
 * goes through the undo stack, and so through the store: one transaction each,
 * saved at once.
 */
#include "config.h"

#include "indsats-window-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "indsats-action-dialog.h"
#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-history-window.h"
#include "indsats-notice-dialog.h"

static void
changed (IndsatsWindow *self)
{
  _indsats_window_reload (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 _indsats_window_may_change (self) && indsats_undo_stack_can_undo (self->undo));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 _indsats_window_may_change (self) && indsats_undo_stack_can_redo (self->undo));
}

/* After a change to one action, the keyboard stays with it in the list */
static void
changed_action (IndsatsWindow *self,
                gint64         action_id)
{
  changed (self);
  if (action_id > 0 && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "plan") == 0)
    indsats_plan_view_focus_action (self->plan_view, action_id);
}

static void
saved_cb (IndsatsActionDialog *dialog,
          IndsatsWindow       *self)
{
  changed_action (self, indsats_action_dialog_get_saved_id (dialog));
}

static void
report (IndsatsWindow *self,
        const GError  *error)
{
  indsats_notice_dialog_present (GTK_WINDOW (self), _("The Change Was Not Saved"), error->message);
}

static const IndsatsAction *
find_action (IndsatsWindow *self,
             gint64         id)
{
  GPtrArray *actions = indsats_plan_view_get_actions (self->plan_view);

  for (guint i = 0; actions && i < actions->len; i++)
    if (((IndsatsAction *) g_ptr_array_index (actions, i))->id == id)
      return g_ptr_array_index (actions, i);
  return NULL;
}

/**
 * indsats_window_open_action_dialog:
 * @action_id: the action to edit, or 0 for a new one
 *
 * Returns: (transfer none): the form, shown
 */
IndsatsActionDialog *
indsats_window_open_action_dialog (IndsatsWindow *self,
                                   gint64         action_id)
{
  const IndsatsAction *action = action_id ? find_action (self, action_id) : NULL;
  IndsatsActionDialog *dialog;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);

  if (self->undo == NULL || self->plan_id <= 0 || (action_id && action == NULL))
    return NULL;
  dialog = indsats_action_dialog_new (GTK_WINDOW (self), self->undo, self->plan_id, action,
                                      indsats_plan_view_get_actions (self->plan_view));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
add_action_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  indsats_window_open_action_dialog (INDSATS_WINDOW (widget), 0);
}

static void
edit_action_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  indsats_window_open_action_dialog (INDSATS_WINDOW (widget), g_variant_get_int64 (parameter));
}

/**
 * indsats_window_delete_action:
 *
 * Deletes an action and offers to undo it in a toast.
 */
gboolean
indsats_window_delete_action (IndsatsWindow *self,
                              gint64         action_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  const IndsatsAction *action;
  AdwToast *toast;
  gint64 next;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  if (!(action = find_action (self, action_id)))
    return FALSE;
  title = g_strdup_printf (_("“%s” was deleted"), action->text);
  next = indsats_plan_view_get_neighbour (self->plan_view, action_id);
  if (!indsats_undo_stack_delete (self->undo, action_id, &error))
    {
      report (self, error);
      return FALSE;
    }
  changed_action (self, next);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
}

static void
delete_action_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  indsats_window_delete_action (INDSATS_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
delete_selected_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  gint64 id = indsats_plan_view_get_current (self->plan_view);

  if (id > 0)
    indsats_window_delete_action (self, id);
}

static void
move (IndsatsWindow *self,
      gint64         id,
      int            direction)
{
  g_autoptr(GError) error = NULL;

  if (!indsats_undo_stack_move (self->undo, id, direction, &error))
    _indsats_window_toast (self, error->message);
  else
    changed_action (self, id);
}

static void
move_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  gint64 id = parameter ? g_variant_get_int64 (parameter) : indsats_plan_view_get_current (self->plan_view);
  gboolean up = g_str_has_suffix (action_name, "-up");

  if (id > 0)
    move (self, id, up ? -1 : 1);
}

/**
 * indsats_window_set_action_status:
 *
 * Marks an action as started, done, dropped or planned, as the row's menu
 * does: only the status is written, through the undo stack.
 */
gboolean
indsats_window_set_action_status (IndsatsWindow *self,
                                  gint64         action_id,
                                  IndsatsStatus  status)
{
  g_autoptr(GError) error = NULL;
  const IndsatsAction *action;
  IndsatsAction edited;

  g_return_val_if_fail (INDSATS_IS_WINDOW (self), FALSE);

  if (!(action = find_action (self, action_id)))
    return FALSE;
  edited = *action;
  edited.status = status;
  if (!indsats_undo_stack_edit (self->undo, &edited, INDSATS_ACTION_FIELD_STATUS, &error))
    {
      report (self, error);
      return FALSE;
    }
  changed_action (self, action_id);
  return TRUE;
}

static void
set_status_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name;
  gint64 id;
  IndsatsStatus status;

  g_variant_get (parameter, "(x&s)", &id, &name);
  if (!indsats_status_from_string (name, &status, &error))
    {
      report (self, error);
      return;
    }
  indsats_window_set_action_status (self, id, status);
}

/* Undo or redo was refused: says whose newer change it kept, and what it is */
static void
say_conflict (IndsatsWindow *self,
              gboolean       undo)
{
  GPtrArray *changes = indsats_undo_stack_get_conflicts (self->undo);
  g_autoptr(GString) what = g_string_new (NULL);
  g_autofree char *text = NULL;

  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsHistoryEntry *e = g_ptr_array_index (changes, i);
      g_autofree char *value = indsats_history_shown_value (e->field, e->new_value);
      g_autofree char *when = g_strndup (e->changed_at + MIN (strlen (e->changed_at), 11), 5);

      if (what->len > 0)
        g_string_append (what, "; ");
      g_string_append_printf (what, _("%s changed %s to “%s” at %s"),
                              *e->changed_by ? e->changed_by : _("Someone"),
                              indsats_history_field_label (e->field), value, when);
    }
  if (what->len > 0)
    /* TRANSLATORS: "Not undone, their change stays: Anna Hansen changed Owner to …" */
    text = g_strdup_printf (undo ? _("Not undone, their change stays: %s") : _("Not redone, their change stays: %s"),
                            what->str);
  else
    text = g_strdup (undo ? _("Not undone: someone else moved the action since, and it stays where they put it")
                          : _("Not redone: someone else moved the action since, and it stays where they put it"));
  _indsats_window_toast (self, text);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->undo == NULL)
    return;
  ok = g_str_equal (action_name, "win.undo") ? indsats_undo_stack_undo (self->undo, &error)
                                             : indsats_undo_stack_redo (self->undo, &error);
  if (g_error_matches (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT))
    say_conflict (self, g_str_equal (action_name, "win.undo"));
  else if (!ok)
    report (self, error);
  changed (self);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "plan");
  indsats_plan_view_focus_search (self->plan_view);
}

/**
 * indsats_window_show_history:
 *
 * Returns: (transfer none): a window with the action's changes, newest first
 */
GtkWindow *
indsats_window_show_history (IndsatsWindow *self,
                             gint64         action_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const IndsatsAction *action = find_action (self, action_id);
  IndsatsHistoryWindow *window;

  if (!(entries = indsats_store_list_history (self->store, action_id, &error)))
    {
      report (self, error);
      return NULL;
    }
  window = indsats_history_window_new (GTK_WINDOW (self), action ? action->text : NULL, entries);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
show_history_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  indsats_window_show_history (INDSATS_WINDOW (widget), g_variant_get_int64 (parameter));
}

void
_indsats_window_actions_class_init (IndsatsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.add-action", NULL, add_action_activated);
  gtk_widget_class_install_action (widget_class, "win.edit-action", "x", edit_action_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-action", "x", delete_action_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-selected", NULL, delete_selected_activated);
  gtk_widget_class_install_action (widget_class, "win.move-action-up", "x", move_activated);
  gtk_widget_class_install_action (widget_class, "win.move-action-down", "x", move_activated);
  gtk_widget_class_install_action (widget_class, "win.move-selected-up", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "win.move-selected-down", NULL, move_activated);
  gtk_widget_class_install_action (widget_class, "win.show-history", "x", show_history_activated);
  gtk_widget_class_install_action (widget_class, "win.set-action-status", "(xs)", set_status_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.add-action", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.move-selected-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.move-selected-down", NULL);
}
