/* indsats-action-dialog.c
 *
 * A form for an action: its text over several lines, the team and focus area
 * (one already in the plan or a new one), the owner (one already used, or a
 * new one), the day it takes effect typed as dd.mm.åååå or picked in a
 * calendar, the status, the day it actually took effect once it has started
 * (today when it is marked as started), an evaluation date and a note. A mistake is shown at its field and
 * Save stays off until it is mended. Saving goes through the undo stack.
 *
 * The form remembers the action's version when it opens: when someone else
 * changed a field since that this form changes too, Save says who changed
 * what, and offers to take their values (Reload) or to save over them (Keep
 * Mine). Their changes to other fields are kept without asking.
 */
#include "config.h"

#include "indsats-action-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "indsats-action-form.h"
#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-menu.h"

struct _IndsatsActionDialog
{
  AdwWindow          parent_instance;

  /* template children */
  GtkButton         *save_button;
  GtkTextView       *text_view;
  GtkLabel          *text_error;
  AdwEntryRow       *team_row;
  GtkMenuButton     *team_menu;
  GtkLabel          *team_error;
  AdwEntryRow       *focus_row;
  GtkMenuButton     *focus_menu;
  GtkLabel          *focus_error;
  AdwEntryRow       *owner_row;
  GtkMenuButton     *owner_menu;
  GtkLabel          *owner_error;
  AdwEntryRow       *start_row;
  GtkCalendar       *calendar;
  GtkLabel          *start_error;
  AdwComboRow       *status_row;
  AdwEntryRow       *started_row;
  GtkCalendar       *started_calendar;
  GtkLabel          *started_error;
  AdwEntryRow       *end_row;
  GtkLabel          *end_error;
  AdwEntryRow       *note_row;
  GtkLabel          *note_error;
  GtkLabel          *save_error;
  GtkRevealer       *conflict_revealer;
  GtkLabel          *conflict_label;
  GtkButton         *reload_button;
  GtkButton         *keep_button;
  GtkRevealer       *offline_revealer;
  GtkLabel          *offline_label;

  IndsatsUndoStack  *undo;
  gint64             plan_id;
  IndsatsAction     *action;   /* the action being changed, NULL for a new one */
  gint64             saved_id; /* the action as saved, once it is */
  char              *start;    /* the start date as YYYY-MM-DD when valid */
  char              *end;
  char              *started; /* the day it took effect as YYYY-MM-DD, when valid and given */
  gboolean           valid;
  gboolean           touched;  /* no mistakes are shown before the first change */
  gint64             version;  /* the action's version as the form read it, -1 when unknown */
  gint64             conflict_version;     /* its version when a conflict was shown */
  IndsatsActionFields conflict_fields;     /* the fields someone else changed meanwhile */
  gboolean           offline;  /* the store's server does not answer: nothing can be saved */
};

G_DEFINE_FINAL_TYPE (IndsatsActionDialog, indsats_action_dialog, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Shows or hides a field's mistake; the row gets the error style and the
 * message becomes its accessible description */
static void
show_field_error (GtkWidget  *field,
                  GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message ? message : "", -1);
}

/* The field's widget and the label under it that says what is wrong */
static GtkWidget *
field_widget (IndsatsActionDialog *self,
              IndsatsFormField     field,
              GtkLabel           **label)
{
  switch (field)
    {
    case INDSATS_FORM_TEXT: *label = self->text_error; return GTK_WIDGET (self->text_view);
    case INDSATS_FORM_TEAM: *label = self->team_error; return GTK_WIDGET (self->team_row);
    case INDSATS_FORM_FOCUS: *label = self->focus_error; return GTK_WIDGET (self->focus_row);
    case INDSATS_FORM_OWNER: *label = self->owner_error; return GTK_WIDGET (self->owner_row);
    case INDSATS_FORM_START: *label = self->start_error; return GTK_WIDGET (self->start_row);
    case INDSATS_FORM_STARTED_ON: *label = self->started_error; return GTK_WIDGET (self->started_row);
    case INDSATS_FORM_END: *label = self->end_error; return GTK_WIDGET (self->end_row);
    case INDSATS_FORM_NOTE:
    case INDSATS_FORM_N_FIELDS:
    default: *label = self->note_error; return GTK_WIDGET (self->note_row);
    }
}

/* The core says what is wrong where (indsats-action-form.c); the form shows it */
static void
validate (IndsatsActionDialog *self)
{
  g_autofree char *text = text_of (self->text_view);
  g_autofree char *today = indsats_today_iso ();
  g_autoptr(IndsatsActionFormCheck) check = NULL;
  IndsatsActionFormInput input = {
    .text = text,
    .team = gtk_editable_get_text (GTK_EDITABLE (self->team_row)),
    .focus = gtk_editable_get_text (GTK_EDITABLE (self->focus_row)),
    .owner = gtk_editable_get_text (GTK_EDITABLE (self->owner_row)),
    .start = gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
    /* the day it took effect counts only while it is shown, for an action that has started */
    .started_on = gtk_widget_get_visible (GTK_WIDGET (self->started_row))
                  ? gtk_editable_get_text (GTK_EDITABLE (self->started_row)) : NULL,
    .end = gtk_editable_get_text (GTK_EDITABLE (self->end_row)),
    .note = gtk_editable_get_text (GTK_EDITABLE (self->note_row)),
    .today = today,
    .touched = self->touched,
  };

  check = indsats_action_form_check (&input);
  for (IndsatsFormField field = 0; field < INDSATS_FORM_N_FIELDS; field++)
    {
      GtkLabel *label;
      GtkWidget *widget = field_widget (self, field, &label);

      show_field_error (widget, label, check->message[field]);
      if (check->wrong[field])
        gtk_widget_add_css_class (widget, "error");
    }
  g_free (self->start);
  self->start = g_steal_pointer (&check->start);
  g_free (self->end);
  self->end = g_steal_pointer (&check->end);
  g_free (self->started);
  self->started = g_steal_pointer (&check->started_on);
  self->valid = check->valid;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->valid && !self->offline);
}

static void
changed_cb (IndsatsActionDialog *self)
{
  self->touched = TRUE;
  validate (self);
}

static void
day_selected_cb (IndsatsActionDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%d.%m.%Y");

  gtk_editable_set_text (GTK_EDITABLE (self->start_row), text);
}

static void
started_day_selected_cb (IndsatsActionDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->started_calendar);
  g_autofree char *text = g_date_time_format (date, "%d.%m.%Y");

  gtk_editable_set_text (GTK_EDITABLE (self->started_row), text);
}

/* The day it took effect is asked for once the action has started; marked
 * as started now, it took effect today unless the person says otherwise */
static void
status_changed_cb (IndsatsActionDialog *self)
{
  IndsatsStatus status = adw_combo_row_get_selected (self->status_row);
  gboolean shown = status == INDSATS_STATUS_STARTED || status == INDSATS_STATUS_DONE;

  if (shown && !gtk_widget_get_visible (GTK_WIDGET (self->started_row)) &&
      indsats_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->started_row))) &&
      (self->action == NULL || self->action->status == INDSATS_STATUS_PLANNED))
    {
      g_autofree char *today = indsats_today_iso ();
      g_autofree char *shown_today = indsats_format_date (today);

      gtk_editable_set_text (GTK_EDITABLE (self->started_row), shown_today);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->started_row), shown);
  if (!shown)
    gtk_widget_set_visible (GTK_WIDGET (self->started_error), FALSE);
  changed_cb (self);
}

/* A menu of the values already in the plan; choosing one fills the field */
static void
fill_menu (GtkMenuButton *button,
           const char    *action,
           GPtrArray     *values)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; i < values->len; i++)
    indsats_menu_append (menu, g_ptr_array_index (values, i), action, g_variant_new_string (g_ptr_array_index (values, i)));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (button), values->len > 0);
}

static void
pick_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  IndsatsActionDialog *self = INDSATS_ACTION_DIALOG (widget);
  const char *value = g_variant_get_string (parameter, NULL);

  if (g_str_equal (action_name, "form.pick-team"))
    gtk_editable_set_text (GTK_EDITABLE (self->team_row), value);
  else if (g_str_equal (action_name, "form.pick-focus"))
    gtk_editable_set_text (GTK_EDITABLE (self->focus_row), value);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->owner_row), value);
}

/* Puts the values of @action into the fields named by @which */
static void
fill_form (IndsatsActionDialog *self,
           const IndsatsAction *action,
           IndsatsActionFields  which)
{
  if (which & INDSATS_ACTION_FIELD_TEXT)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), action->text, -1);
  if (which & INDSATS_ACTION_FIELD_TEAM)
    gtk_editable_set_text (GTK_EDITABLE (self->team_row), action->team);
  if (which & INDSATS_ACTION_FIELD_FOCUS)
    gtk_editable_set_text (GTK_EDITABLE (self->focus_row), action->focus);
  if (which & INDSATS_ACTION_FIELD_OWNER)
    gtk_editable_set_text (GTK_EDITABLE (self->owner_row), action->owner ? action->owner : "");
  if (which & INDSATS_ACTION_FIELD_START)
    {
      g_autofree char *start = indsats_format_date (action->start_date);
      gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
    }
  if (which & INDSATS_ACTION_FIELD_END)
    {
      g_autofree char *end = action->end_date ? indsats_format_date (action->end_date) : g_strdup ("");
      gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
    }
  if (which & INDSATS_ACTION_FIELD_NOTE)
    gtk_editable_set_text (GTK_EDITABLE (self->note_row), action->note ? action->note : "");
  if (which & INDSATS_ACTION_FIELD_STATUS)
    adw_combo_row_set_selected (self->status_row, action->status);
  /* after the status, which may have filled it with today */
  if (which & INDSATS_ACTION_FIELD_STARTED_ON)
    {
      g_autofree char *started = action->started_on ? indsats_format_date (action->started_on) : g_strdup ("");
      gtk_editable_set_text (GTK_EDITABLE (self->started_row), started);
    }
}

/* What the form holds, over the action it opened with; the strings belong to
 * the form and to @text */
static void
form_action (IndsatsActionDialog *self,
             IndsatsAction       *a,
             char                *text)
{
  if (self->action)
    *a = *self->action;
  a->text = text;
  a->team = (char *) gtk_editable_get_text (GTK_EDITABLE (self->team_row));
  a->focus = (char *) gtk_editable_get_text (GTK_EDITABLE (self->focus_row));
  a->owner = (char *) gtk_editable_get_text (GTK_EDITABLE (self->owner_row));
  a->start_date = self->start;
  a->end_date = self->end;
  a->status = adw_combo_row_get_selected (self->status_row);
  /* hidden, the field keeps the day an action that was dropped had */
  if (gtk_widget_get_visible (GTK_WIDGET (self->started_row)))
    a->started_on = self->started;
  else if (a->status == INDSATS_STATUS_PLANNED)
    a->started_on = NULL;
  a->note = (char *) gtk_editable_get_text (GTK_EDITABLE (self->note_row));
}

/* Says inside the form who changed which of its fields to what since it was
 * read, and offers to reload or to keep one's own */
static void
show_conflict (IndsatsActionDialog *self,
               IndsatsActionFields  fields)
{
  IndsatsStore *store = indsats_undo_stack_get_store (self->undo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  self->conflict_version = indsats_store_get_action_version (store, self->action->id, &error);
  if (self->conflict_version >= 0)
    changes = indsats_store_list_changes_since (store, self->action->id, self->version, fields, &error);
  if (changes == NULL)
    {
      gtk_label_set_text (self->save_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return;
    }
  self->conflict_fields = 0;
  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsHistoryEntry *e = g_ptr_array_index (changes, i);
      g_autofree char *value = indsats_history_shown_value (e->field, e->new_value);
      g_autofree char *when = g_strndup (e->changed_at + MIN (strlen (e->changed_at), 11), 5);

      self->conflict_fields |= indsats_action_field_from_name (e->field);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: "Anna Hansen changed Owner to “Teamleder” at 14:02" */
      g_string_append_printf (text, _("%s changed %s to “%s” at %s"),
                              *e->changed_by ? e->changed_by : _("Someone"),
                              indsats_history_field_label (e->field), value, when);
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Reload to take their values, or keep yours to save over them."));
  gtk_label_set_text (self->conflict_label, text->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflict_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
  gtk_revealer_set_reveal_child (self->conflict_revealer, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->reload_button));
}

static void
hide_conflict (IndsatsActionDialog *self)
{
  gtk_revealer_set_reveal_child (self->conflict_revealer, FALSE);
  self->conflict_fields = 0;
}

/**
 * indsats_action_dialog_save:
 *
 * Saves the form through the undo stack, as the Save button does.
 */
gboolean
indsats_action_dialog_save (IndsatsActionDialog  *self,
                            GError              **error)
{
  g_autofree char *text = text_of (self->text_view);
  IndsatsAction a = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (INDSATS_IS_ACTION_DIALOG (self), FALSE);

  validate (self);
  if (!self->valid)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Mend the fields marked in red first"));
      return FALSE;
    }
  if (self->offline)
    {
      g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_IO, gtk_label_get_text (self->offline_label));
      return FALSE;
    }
  form_action (self, &a, text);

  if (self->action)
    {
      /* only what the form changed is written: someone else may have changed
       * other fields of the action meanwhile, which is no conflict */
      IndsatsActionFields fields = indsats_action_changed_fields (self->action, &a);

      if (self->version >= 0)
        ok = indsats_undo_stack_edit_since (self->undo, &a, fields, self->version, &local_error);
      else
        ok = indsats_undo_stack_edit (self->undo, &a, fields, &local_error);
      if (g_error_matches (local_error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT))
        show_conflict (self, fields);
    }
  else
    ok = (self->saved_id = indsats_undo_stack_add (self->undo, self->plan_id, &a, &local_error)) > 0;
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  hide_conflict (self);
  if (self->action)
    self->saved_id = self->action->id;
  return TRUE;
}

static void
save_clicked_cb (IndsatsActionDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!indsats_action_dialog_save (self, &error))
    {
      /* a conflict is said at the top of the form, with what to do */
      if (g_error_matches (error, INDSATS_ERROR, INDSATS_ERROR_CONFLICT))
        return;
      gtk_label_set_text (self->save_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Ctrl+Return saves from any field, the text of the action too (which
 * would take the key for a new line) */
static gboolean
save_key_cb (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             IndsatsActionDialog   *self)
{
  if ((keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != GDK_CONTROL_MASK)
    return FALSE;
  /* as the button would: not while the form has mistakes */
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->save_button)))
    save_clicked_cb (self);
  return TRUE;
}

/* Takes the other person's values of the fields in conflict into the form,
 * and their values of the fields the form did not change; the form's own
 * other changes stay, to be saved */
static void
reload_clicked_cb (IndsatsActionDialog *self)
{
  IndsatsStore *store = indsats_undo_stack_get_store (self->undo);
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsAction) fresh = NULL;
  g_autofree char *text = text_of (self->text_view);
  IndsatsAction a = { 0 };
  IndsatsActionFields mine;

  if (!(fresh = indsats_store_get_action (store, self->action->id, &error)))
    {
      gtk_label_set_text (self->save_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return;
    }
  validate (self);
  form_action (self, &a, text);
  mine = indsats_action_changed_fields (self->action, &a) & ~self->conflict_fields;
  fill_form (self, fresh, INDSATS_ACTION_FIELD_ALL & ~mine);
  g_clear_pointer (&self->action, indsats_action_free);
  self->action = g_steal_pointer (&fresh);
  self->version = self->conflict_version;
  hide_conflict (self);
  validate (self);
}

/* Saves the form's values over the changes that were shown */
static void
keep_clicked_cb (IndsatsActionDialog *self)
{
  self->version = self->conflict_version;
  hide_conflict (self);
  save_clicked_cb (self);
}

static void
cancel_clicked_cb (IndsatsActionDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
indsats_action_dialog_finalize (GObject *object)
{
  IndsatsActionDialog *self = INDSATS_ACTION_DIALOG (object);

  g_clear_object (&self->undo);
  g_clear_pointer (&self->action, indsats_action_free);
  g_clear_pointer (&self->start, g_free);
  g_clear_pointer (&self->end, g_free);
  g_clear_pointer (&self->started, g_free);

  G_OBJECT_CLASS (indsats_action_dialog_parent_class)->finalize (object);
}

static void
indsats_action_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), INDSATS_TYPE_ACTION_DIALOG);

  G_OBJECT_CLASS (indsats_action_dialog_parent_class)->dispose (object);
}

static void
indsats_action_dialog_class_init (IndsatsActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = indsats_action_dialog_finalize;
  object_class->dispose = indsats_action_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-action-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, text_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, team_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, team_menu);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, focus_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, focus_menu);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, owner_menu);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, owner_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, team_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, focus_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, note_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, start_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, started_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, started_calendar);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, started_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, end_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, save_error);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, offline_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, reload_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionDialog, keep_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, started_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_clicked_cb);
  gtk_widget_class_install_action (widget_class, "form.pick-team", "s", pick_activated);
  gtk_widget_class_install_action (widget_class, "form.pick-focus", "s", pick_activated);
  gtk_widget_class_install_action (widget_class, "form.pick-owner", "s", pick_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
indsats_action_dialog_init (IndsatsActionDialog *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (save_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed", G_CALLBACK (changed_cb), self);
}

static GPtrArray *
distinct (GPtrArray *actions,
          gsize      offset)
{
  GPtrArray *values = g_ptr_array_new ();

  for (guint i = 0; actions && i < actions->len; i++)
    {
      const char *value = G_STRUCT_MEMBER (const char *, g_ptr_array_index (actions, i), offset);
      gboolean seen = FALSE;

      for (guint k = 0; k < values->len && !seen; k++)
        seen = g_strcmp0 (g_ptr_array_index (values, k), value) == 0;
      if (!seen && value && *value)
        g_ptr_array_add (values, (gpointer) value);
    }
  return values;
}

/**
 * indsats_action_dialog_new:
 * @action: (nullable): the action to change, or %NULL for a new one
 * @actions: the plan's actions, for the teams, focus areas and owners already used
 */
IndsatsActionDialog *
indsats_action_dialog_new (GtkWindow           *parent,
                           IndsatsUndoStack    *undo,
                           gint64               plan_id,
                           const IndsatsAction *action,
                           GPtrArray           *actions)
{
  IndsatsActionDialog *self = g_object_new (INDSATS_TYPE_ACTION_DIALOG,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            "title", action ? _("Edit Action") : _("New Action"),
                                            NULL);
  g_autoptr(GPtrArray) teams = distinct (actions, G_STRUCT_OFFSET (IndsatsAction, team));
  g_autoptr(GPtrArray) focus = distinct (actions, G_STRUCT_OFFSET (IndsatsAction, focus));
  g_autoptr(GPtrArray) owners = distinct (actions, G_STRUCT_OFFSET (IndsatsAction, owner));

  self->undo = g_object_ref (undo);
  self->plan_id = plan_id;
  fill_menu (self->team_menu, "form.pick-team", teams);
  fill_menu (self->focus_menu, "form.pick-focus", focus);
  fill_menu (self->owner_menu, "form.pick-owner", owners);

  self->version = -1;
  if (action)
    {
      IndsatsStore *store = indsats_undo_stack_get_store (undo);

      /* the version first: a change between the two readings is then seen
       * as one more, never as none */
      self->version = indsats_store_get_action_version (store, action->id, NULL);
      self->action = indsats_store_get_action (store, action->id, NULL);
      if (self->action == NULL)
        self->action = indsats_action_copy (action);
      fill_form (self, self->action, INDSATS_ACTION_FIELD_ALL & ~INDSATS_ACTION_FIELD_STATUS);
      adw_combo_row_set_selected (self->status_row, self->action->status);
      action = self->action;
    }
  else
    {
      g_autofree char *today = indsats_today_iso ();
      g_autofree char *shown = indsats_format_date (today);

      gtk_editable_set_text (GTK_EDITABLE (self->start_row), shown);
      if (teams->len > 0)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->team_row), g_ptr_array_index (teams, 0));
          gtk_editable_set_text (GTK_EDITABLE (self->focus_row), g_ptr_array_index (focus, 0));
        }
    }
  self->touched = action != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->started_row),
                          action && (action->status == INDSATS_STATUS_STARTED || action->status == INDSATS_STATUS_DONE));
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return self;
}

/**
 * indsats_action_dialog_set_field:
 * @field: "text", "team", "focus", "owner", "start", "started", "status", "end" or "note"
 *
 * Types @text into a field, as a person would.
 */
void
indsats_action_dialog_set_field (IndsatsActionDialog *self,
                                 const char          *field,
                                 const char          *text)
{
  g_return_if_fail (INDSATS_IS_ACTION_DIALOG (self));

  if (g_str_equal (field, "text"))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  else if (g_str_equal (field, "team"))
    gtk_editable_set_text (GTK_EDITABLE (self->team_row), text);
  else if (g_str_equal (field, "focus"))
    gtk_editable_set_text (GTK_EDITABLE (self->focus_row), text);
  else if (g_str_equal (field, "owner"))
    gtk_editable_set_text (GTK_EDITABLE (self->owner_row), text);
  else if (g_str_equal (field, "start"))
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), text);
  else if (g_str_equal (field, "end"))
    gtk_editable_set_text (GTK_EDITABLE (self->end_row), text);
  else if (g_str_equal (field, "started"))
    gtk_editable_set_text (GTK_EDITABLE (self->started_row), text);
  else if (g_str_equal (field, "note"))
    gtk_editable_set_text (GTK_EDITABLE (self->note_row), text);
  else if (g_str_equal (field, "status"))
    {
      IndsatsStatus status;
      if (indsats_status_from_string (text, &status, NULL))
        adw_combo_row_set_selected (self->status_row, status);
    }
  else
    g_return_if_reached ();
}

/**
 * indsats_action_dialog_get_error:
 *
 * Returns: (nullable): the mistake shown at @field ("text", "team", "focus",
 *   "owner", "note", "start", "started", "end"), if any
 */
const char *
indsats_action_dialog_get_error (IndsatsActionDialog *self,
                                 const char          *field)
{
  IndsatsFormField which;
  GtkLabel *label;

  g_return_val_if_fail (INDSATS_IS_ACTION_DIALOG (self), NULL);
  if (!indsats_form_field_from_string (field, &which))
    g_return_val_if_reached (NULL);
  field_widget (self, which, &label);
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

/**
 * indsats_action_dialog_set_offline:
 * @offline: whether the store's server has stopped answering
 *
 * While the server does not answer the form stays open with what was typed,
 * says why it cannot be saved, and turns Save off; once it answers again,
 * Save is back.
 */
void
indsats_action_dialog_set_offline (IndsatsActionDialog *self,
                                   gboolean             offline)
{
  g_return_if_fail (INDSATS_IS_ACTION_DIALOG (self));

  if (self->offline == !!offline)
    return;
  self->offline = !!offline;
  gtk_revealer_set_reveal_child (self->offline_revealer, self->offline);
  validate (self);
}

gboolean
indsats_action_dialog_can_save (IndsatsActionDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_ACTION_DIALOG (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->save_button));
}

/**
 * indsats_action_dialog_get_field:
 * @field: "started", "owner" or "note"
 *
 * Returns: (nullable): what @field shows, or %NULL while it is hidden
 */
const char *
indsats_action_dialog_get_field (IndsatsActionDialog *self,
                                 const char          *field)
{
  g_return_val_if_fail (INDSATS_IS_ACTION_DIALOG (self), NULL);

  if (g_str_equal (field, "owner"))
    return gtk_editable_get_text (GTK_EDITABLE (self->owner_row));
  if (g_str_equal (field, "note"))
    return gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  g_return_val_if_fail (g_str_equal (field, "started"), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->started_row)))
    return NULL;
  return gtk_editable_get_text (GTK_EDITABLE (self->started_row));
}

/**
 * indsats_action_dialog_get_saved_id:
 *
 * Returns: the id of the action the form saved, 0 before it is saved
 */
gint64
indsats_action_dialog_get_saved_id (IndsatsActionDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_ACTION_DIALOG (self), 0);
  return self->saved_id;
}
