/* indsats-teams-dialog.c
 *
 * The plan's teams, each in a group of its own with its focus areas under it.
 * A name is changed in its row and applied with the row's button; the trash
 * button asks to remove it. The dialog only says what was asked for, in the
 * "rename" and "remove" signals; the window does it.
 */
#include "config.h"

#include "indsats-teams-dialog.h"

#include <glib/gi18n.h>

#include "indsats-store.h"

struct _IndsatsTeamsDialog
{
  AdwWindow            parent_instance;

  /* template children */
  AdwPreferencesPage  *page;
};

G_DEFINE_FINAL_TYPE (IndsatsTeamsDialog, indsats_teams_dialog, ADW_TYPE_WINDOW)

enum { RENAME, REMOVE, N_SIGNALS };
static guint signals[N_SIGNALS];

/* What a row or its trash button stands for */
typedef struct
{
  gboolean  focus;
  gint64    id;
  char     *name;
  int       count;
} Named;

static void
named_free (gpointer data)
{
  Named *named = data;

  g_free (named->name);
  g_free (named);
}

static void
rename_applied_cb (AdwEntryRow        *row,
                   IndsatsTeamsDialog *self)
{
  Named *named = g_object_get_data (G_OBJECT (row), "named");

  g_signal_emit (self, signals[RENAME], 0, named->focus, named->id, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
remove_clicked_cb (GtkButton          *button,
                   IndsatsTeamsDialog *self)
{
  Named *named = g_object_get_data (G_OBJECT (button), "named");

  g_signal_emit (self, signals[REMOVE], 0, named->focus, named->id, named->name, named->count);
}

static GtkWidget *
named_row (IndsatsTeamsDialog *self,
           gboolean            focus,
           gint64              id,
           const char         *name,
           int                 count)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), name);
  Named *named = g_new0 (Named, 1);

  named->focus = focus;
  named->id = id;
  named->name = g_strdup (name);
  named->count = count;
  g_object_set_data_full (G_OBJECT (row), "named", named, named_free);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), focus ? _("Focus Area") : _("Team"));
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (rename_applied_cb), self);

  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_object_set_data (G_OBJECT (remove), "named", named);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  return row;
}

static void
indsats_teams_dialog_class_init (IndsatsTeamsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * IndsatsTeamsDialog::rename:
   * @focus: whether it is a focus area (else a team)
   * @id: the team's or focus area's id
   * @name: the name as typed
   */
  signals[RENAME] = g_signal_new ("rename", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 3, G_TYPE_BOOLEAN, G_TYPE_INT64, G_TYPE_STRING);
  /**
   * IndsatsTeamsDialog::remove:
   * @focus: whether it is a focus area (else a team)
   * @id: the team's or focus area's id
   * @name: its name
   * @n_actions: how many actions it holds
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 4, G_TYPE_BOOLEAN, G_TYPE_INT64, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-teams-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsTeamsDialog, page);
}

static void
indsats_teams_dialog_init (IndsatsTeamsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * indsats_teams_dialog_new:
 * @entries: (element-type IndsatsTeamEntry): the plan's teams and focus
 *   areas, a team's entries next to each other
 */
IndsatsTeamsDialog *
indsats_teams_dialog_new (GtkWindow *parent,
                          GPtrArray *entries)
{
  IndsatsTeamsDialog *self = g_object_new (INDSATS_TYPE_TEAMS_DIALOG,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           NULL);
  GtkWidget *group = NULL;
  gint64 team = 0;

  for (guint i = 0; entries && i < entries->len; i++)
    {
      IndsatsTeamEntry *e = g_ptr_array_index (entries, i);

      if (e->team_id != team)
        {
          int team_count = 0;

          for (guint k = i; k < entries->len && ((IndsatsTeamEntry *) g_ptr_array_index (entries, k))->team_id == e->team_id; k++)
            team_count += ((IndsatsTeamEntry *) g_ptr_array_index (entries, k))->n_actions;
          group = adw_preferences_group_new ();
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), named_row (self, FALSE, e->team_id, e->team, team_count));
          adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
          team = e->team_id;
        }
      if (e->focus_id)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), named_row (self, TRUE, e->focus_id, e->focus, e->n_actions));
    }
  return self;
}
