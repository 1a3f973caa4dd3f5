/* indsats-action-row.c
 *
 * One widget serves the three kinds of row, so that GtkListView can recycle
 * it for any of them: a team heading, a focus area heading, or an action with
 * its owner, start date and status.
 */
#include "config.h"

#include "indsats-action-row.h"

#include <glib/gi18n.h>
#include <string.h>

#include "indsats-accessible.h"
#include "indsats-format.h"
#include "indsats-menu.h"
#include "indsats-row-text.h"

struct _IndsatsActionRow
{
  GtkWidget  parent_instance;

  GtkWidget *heading;
  GtkWidget *action_box;
  GtkWidget *words;
  GtkWidget *menu_button;

  IndsatsPlanItem *item;
  int        kind;        /* IndsatsPlanItemKind, or -1 before the first item */
};

G_DEFINE_FINAL_TYPE (IndsatsActionRow, indsats_action_row, GTK_TYPE_WIDGET)

static void
indsats_action_row_dispose (GObject *object)
{
  GtkWidget *child;

  g_clear_object (&INDSATS_ACTION_ROW (object)->item);
  gtk_widget_dispose_template (GTK_WIDGET (object), INDSATS_TYPE_ACTION_ROW);
  /* the template's root is not bound to a field: unparent it too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (indsats_action_row_parent_class)->dispose (object);
}

static void
indsats_action_row_class_init (IndsatsActionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_action_row_dispose;

  g_type_ensure (INDSATS_TYPE_ROW_TEXT);
  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-action-row.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, heading);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, action_box);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, words);
  gtk_widget_class_bind_template_child (widget_class, IndsatsActionRow, menu_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "actionrow");
}

static void
append_status (GMenu               *section,
               const IndsatsAction *a,
               IndsatsStatus        status,
               const char          *label)
{
  /* the status the action has already is not offered */
  if (a->status != status)
    indsats_menu_append (section, label, "win.set-action-status",
                         g_variant_new ("(xs)", a->id, indsats_status_to_string (status)));
}

/* The menu is made when it is opened: rows are bound often while scrolling */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  IndsatsActionRow *self = INDSATS_ACTION_ROW (user_data);
  const IndsatsAction *a = self->item ? indsats_plan_item_get_action (self->item) : NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) status = g_menu_new ();
  g_autoptr(GMenu) place = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();

  if (a == NULL)
    return;
  indsats_menu_append (edit, _("_Edit…"), "win.edit-action", g_variant_new_int64 (a->id));
  indsats_menu_append (edit, _("_History"), "win.show-history", g_variant_new_int64 (a->id));
  append_status (status, a, INDSATS_STATUS_STARTED, _("Mark as _Started"));
  append_status (status, a, INDSATS_STATUS_DONE, _("Mark as _Done"));
  append_status (status, a, INDSATS_STATUS_DROPPED, _("Mark as D_ropped"));
  indsats_menu_append (place, _("Move _Up"), "win.move-action-up", g_variant_new_int64 (a->id));
  indsats_menu_append (place, _("Move Do_wn"), "win.move-action-down", g_variant_new_int64 (a->id));
  indsats_menu_append (remove, _("De_lete"), "win.delete-action", g_variant_new_int64 (a->id));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (status));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (place));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (remove));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
pressed_cb (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            IndsatsActionRow *self)
{
  if (self->kind != INDSATS_PLAN_ITEM_ACTION)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  indsats_action_row_popup_menu (self);
}

static void
indsats_action_row_init (IndsatsActionRow *self)
{
  GtkGesture *secondary = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = -1;
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button), create_menu_cb, self, NULL);
  indsats_accessible_tidy_names (self->menu_button);
  /* the secondary button opens the same menu, as in a file manager */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
}

/**
 * indsats_action_row_popup_menu:
 *
 * Opens the menu of the row's action, as Shift+F10 and the Menu key do.
 *
 * Returns: %TRUE when the row shows an action and its menu opened
 */
gboolean
indsats_action_row_popup_menu (IndsatsActionRow *self)
{
  g_return_val_if_fail (INDSATS_IS_ACTION_ROW (self), FALSE);

  if (self->kind != INDSATS_PLAN_ITEM_ACTION)
    return FALSE;
  gtk_menu_button_popup (GTK_MENU_BUTTON (self->menu_button));
  return TRUE;
}

/**
 * indsats_action_row_get_menu:
 *
 * Returns: (transfer none) (nullable): the menu as it was last opened
 */
GMenuModel *
indsats_action_row_get_menu (IndsatsActionRow *self)
{
  g_return_val_if_fail (INDSATS_IS_ACTION_ROW (self), NULL);
  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (self->menu_button));
}

GtkWidget *
indsats_action_row_new (void)
{
  return g_object_new (INDSATS_TYPE_ACTION_ROW, NULL);
}

/* Rows are bound again on every search: what has not changed is left alone,
 * since each change of text or style makes GTK measure or style it anew */
static void
set_text (GtkWidget  *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

static void
set_kind (IndsatsActionRow    *self,
          IndsatsPlanItemKind  kind)
{
  static const char * const row_classes[] = { "team", "focus", "action" };
  static const char * const heading_classes[] = { "title-2", "heading", NULL };

  if (self->kind == (int) kind)
    return;
  if (self->kind >= 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), row_classes[self->kind]);
      if (heading_classes[self->kind])
        gtk_widget_remove_css_class (self->heading, heading_classes[self->kind]);
    }
  self->kind = kind;
  gtk_widget_add_css_class (GTK_WIDGET (self), row_classes[kind]);
  if (heading_classes[kind])
    gtk_widget_add_css_class (self->heading, heading_classes[kind]);
  gtk_widget_set_visible (self->heading, kind != INDSATS_PLAN_ITEM_ACTION);
  gtk_widget_set_visible (self->action_box, kind == INDSATS_PLAN_ITEM_ACTION);
}

/* The list's cell around the row is what has the keyboard focus, and so what
 * a screen reader reads: the name goes there, once */
static void
set_name (IndsatsActionRow *self,
          const char       *name)
{
  GtkWidget *cell = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell ? cell : GTK_WIDGET (self)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

/**
 * indsats_action_row_set_item:
 * @today: today's date as YYYY-MM-DD, to tell which planned actions are late
 */
void
indsats_action_row_set_item (IndsatsActionRow *self,
                             IndsatsPlanItem  *item,
                             const char       *today)
{
  IndsatsPlanItemKind kind;
  const IndsatsAction *a;
  g_autofree char *owner = NULL;
  g_autofree char *start = NULL;
  g_autofree char *accessible = NULL;
  gboolean late;

  g_return_if_fail (INDSATS_IS_ACTION_ROW (self));

  if (item == NULL)
    return;

  g_set_object (&self->item, item);
  kind = indsats_plan_item_get_kind (item);
  set_kind (self, kind);
  if (kind != INDSATS_PLAN_ITEM_ACTION)
    {
      set_text (self->heading, indsats_plan_item_get_name (item));
      set_name (self, indsats_plan_item_get_name (item));
      return;
    }

  a = indsats_plan_item_get_action (item);
  owner = g_strdup_printf (_("Owner: %s"), a->owner && *a->owner ? a->owner : _("not set"));
  /* the day it started once it has; a planned action whose day has passed
   * says so, in words and by icon, instead of the day */
  start = indsats_action_date_words (a, today);
  late = indsats_action_is_late (a, today);
  indsats_row_text_set (INDSATS_ROW_TEXT (self->words), a->text, owner, start, late,
                        indsats_status_to_label (a->status));

  /* read once, in the order of the row: text, owner, status, date */
  {
    g_autofree char *text = g_strstrip (g_strdup (a->text));
    gsize len = strlen (text);

    /* the name adds its own stops: a text's last full stop would be read twice */
    while (len > 0 && (text[len - 1] == '.' || text[len - 1] == ','))
      text[--len] = '\0';
    accessible = g_strdup_printf ("%s, %s, %s, %s", text, owner, indsats_status_to_label (a->status), start);
  }
  set_name (self, accessible);
}

/**
 * indsats_action_row_get_item:
 *
 * Returns: (transfer none) (nullable): the row the widget shows
 */
IndsatsPlanItem *
indsats_action_row_get_item (IndsatsActionRow *self)
{
  g_return_val_if_fail (INDSATS_IS_ACTION_ROW (self), NULL);
  return self->item;
}
