/* indsats-history-window.c
 *
 * The changes of one action under its whole text, newest first, one row
 * each: what changed (the field, its old and new value), and when and by
 * whom. Escape closes it.
 */
#include "config.h"

#include "indsats-history-window.h"

#include <glib/gi18n.h>
#include <string.h>

#include "indsats-format.h"
#include "indsats-model.h"

struct _IndsatsHistoryWindow
{
  AdwWindow             parent_instance;

  /* template children */
  AdwPreferencesGroup  *changes_group;
  GtkLabel             *action_label;

  GPtrArray            *rows;   /* of AdwActionRow, in the order shown */
};

G_DEFINE_FINAL_TYPE (IndsatsHistoryWindow, indsats_history_window, ADW_TYPE_WINDOW)

static void
indsats_history_window_dispose (GObject *object)
{
  IndsatsHistoryWindow *self = INDSATS_HISTORY_WINDOW (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_HISTORY_WINDOW);

  G_OBJECT_CLASS (indsats_history_window_parent_class)->dispose (object);
}

static void
indsats_history_window_class_init (IndsatsHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsHistoryWindow, changes_group);
  gtk_widget_class_bind_template_child (widget_class, IndsatsHistoryWindow, action_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
indsats_history_window_init (IndsatsHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/* "Status: planlagt → i gang", or only the field's name for a change that has no values */
static char *
change_words (const IndsatsHistoryEntry *e)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;

  if (g_str_equal (e->field, "created") || g_str_equal (e->field, "restored") || g_str_equal (e->field, "deleted"))
    return g_strdup (indsats_history_field_label (e->field));
  old_value = indsats_history_shown_value (e->field, e->old_value);
  new_value = indsats_history_shown_value (e->field, e->new_value);
  return g_strdup_printf ("%s: %s → %s", indsats_history_field_label (e->field), old_value, new_value);
}

/* "2023-02-27 10:15:00" as "27.02.2023 10:15", and who made the change;
 * changes from before names were kept have none */
static char *
when_words (const IndsatsHistoryEntry *e)
{
  g_autofree char *day = g_strndup (e->changed_at, 10);
  g_autofree char *date = indsats_format_date (day);
  g_autofree char *when = g_strdup_printf ("%s %.5s", date, e->changed_at + MIN (strlen (e->changed_at), 11));

  if (e->changed_by && *e->changed_by)
    return g_strdup_printf (_("%s, by %s"), when, e->changed_by);
  return g_steal_pointer (&when);
}

/**
 * indsats_history_window_new:
 * @action_text: (nullable): the action's text, as the heading
 * @entries: (element-type IndsatsHistoryEntry): its changes, newest first
 */
IndsatsHistoryWindow *
indsats_history_window_new (GtkWindow  *parent,
                            const char *action_text,
                            GPtrArray  *entries)
{
  IndsatsHistoryWindow *self;

  g_return_val_if_fail (entries != NULL, NULL);

  self = g_object_new (INDSATS_TYPE_HISTORY_WINDOW, "transient-for", parent, NULL);
  gtk_label_set_text (self->action_label, action_text ? action_text : "");
  for (guint i = 0; i < entries->len; i++)
    {
      const IndsatsHistoryEntry *e = g_ptr_array_index (entries, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *what = change_words (e);
      g_autofree char *when = when_words (e);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      adw_preferences_group_add (self->changes_group, row);
      g_ptr_array_add (self->rows, row);
    }
  return self;
}

guint
indsats_history_window_get_n_changes (IndsatsHistoryWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_HISTORY_WINDOW (self), 0);
  return self->rows->len;
}

/**
 * indsats_history_window_get_change:
 * @what: (out) (optional): what changed, as the row says it
 * @when: (out) (optional): when and by whom
 *
 * Returns: %TRUE when there is a change at @position (0: the newest)
 */
gboolean
indsats_history_window_get_change (IndsatsHistoryWindow  *self,
                                   guint                  position,
                                   const char           **what,
                                   const char           **when)
{
  GtkWidget *row;

  g_return_val_if_fail (INDSATS_IS_HISTORY_WINDOW (self), FALSE);

  if (position >= self->rows->len)
    return FALSE;
  row = g_ptr_array_index (self->rows, position);
  if (what)
    *what = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  if (when)
    *when = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  return TRUE;
}
