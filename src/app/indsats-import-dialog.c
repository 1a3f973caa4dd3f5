/* indsats-import-dialog.c
 *
 * Import Key Figures, step two: after a dry run, the dialog shows what each
 * file holds (its table, measures, breakdowns, areas and periods) and every
 * series in it with how many of its values are new or changed. The totals are
 * ticked; a person ticks the breakdown values worth keeping as well. Import
 * emits "import" and the window imports what is ticked. When a file's name
 * does not say which table it holds, the person can give the table id (as
 * `--table ID` does); the dialog emits "reread" and the window reads the files
 * again as that table, since the series' names depend on it.
 */
#include "config.h"

#include "indsats-import-dialog.h"

#include <glib/gi18n.h>

struct _IndsatsImportDialog
{
  AdwWindow             parent_instance;

  /* template children */
  AdwPreferencesPage   *page;
  GtkButton            *import_button;

  GHashTable           *checks;  /* series name → GtkCheckButton */
  GStrv                 paths;   /* the files previewed */
  char                 *table;   /* the table id the person gave; NULL: from the files' names */
  AdwEntryRow          *table_row;
  GtkLabel             *table_error;
};

G_DEFINE_FINAL_TYPE (IndsatsImportDialog, indsats_import_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_IMPORT,
  SIGNAL_REREAD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
join (GPtrArray  *list,
      guint       most)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < MIN (list->len, most); i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (list, i));
  if (list->len > most)
    g_string_append_printf (s, ", … (%u)", list->len);
  return g_string_free (s, FALSE);
}

/**
 * indsats_import_dialog_describe_file:
 *
 * Returns: (transfer full): what a file holds, in one paragraph
 */
char *
indsats_import_dialog_describe_file (const IndsatsImportFile *file)
{
  g_autofree char *breakdowns = join (file->breakdowns, 6);
  g_autofree char *areas = join (file->areas, 6);
  g_autofree char *table = file->table ? g_strdup_printf (_("Table %s"), file->table)
                                       : g_strdup (_("No table id in the file's name"));
  g_autofree char *measures = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u measure", "%u measures",
                                                            file->measures->len), file->measures->len);
  g_autofree char *by = file->breakdowns->len ? g_strdup_printf (_("by %s"), breakdowns) : g_strdup (_("no breakdowns"));
  g_autofree char *periods = file->first ? g_strdup_printf (_("%s to %s"), file->first, file->last) : g_strdup ("");

  return g_strdup_printf ("%s · %s · %s · %s · %s", table, measures, by, areas, periods);
}

static void
indsats_import_dialog_finalize (GObject *object)
{
  IndsatsImportDialog *self = INDSATS_IMPORT_DIALOG (object);

  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->paths, g_strfreev);
  g_clear_pointer (&self->table, g_free);
  G_OBJECT_CLASS (indsats_import_dialog_parent_class)->finalize (object);
}

static void
import_clicked_cb (GtkButton           *button,
                   IndsatsImportDialog *self)
{
  indsats_import_dialog_import (self);
}

static void
cancel_clicked_cb (GtkButton           *button,
                   IndsatsImportDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
indsats_import_dialog_class_init (IndsatsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = indsats_import_dialog_finalize;

  /**
   * IndsatsImportDialog::import:
   *
   * The person chose to import what is ticked.
   */
  signals[SIGNAL_IMPORT] = g_signal_new ("import", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 0);

  /**
   * IndsatsImportDialog::reread:
   *
   * The person gave the table id the files hold: read them again as that
   * table (indsats_import_dialog_get_table()).
   */
  signals[SIGNAL_REREAD] = g_signal_new ("reread", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                         NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsImportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, IndsatsImportDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
indsats_import_dialog_init (IndsatsImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
table_applied_cb (AdwEntryRow         *row,
                  IndsatsImportDialog *self)
{
  indsats_import_dialog_apply_table (self, gtk_editable_get_text (GTK_EDITABLE (row)));
}

/* The table id, for files whose names do not give it */
static void
add_table_group (IndsatsImportDialog *self,
                 const char          *table)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, _("Table"));
  adw_preferences_group_set_description (group, _("The file's name does not say which Jobindsats table it holds. "
                                                  "Give the table id, as on Jobindsats.dk (y01a02), so that its "
                                                  "series are told apart from other tables'."));
  self->table_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->table_row), _("Table ID"));
  adw_entry_row_set_show_apply_button (self->table_row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Table ID"), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->table_row), table ? table : "");
  g_signal_connect (self->table_row, "apply", G_CALLBACK (table_applied_cb), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->table_row));
  self->table_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->table_error, TRUE);
  gtk_label_set_xalign (self->table_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->table_error), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->table_error), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->table_error), FALSE);
  adw_preferences_group_add (group, GTK_WIDGET (self->table_error));
  adw_preferences_page_add (self->page, group);
}

/**
 * indsats_import_dialog_new:
 * @preview: the summary of a dry run of the import
 * @paths: the files it read
 * @table: (nullable): the table id they were read as, as the person gave it
 */
IndsatsImportDialog *
indsats_import_dialog_new (GtkWindow                  *parent,
                           const IndsatsImportSummary *preview,
                           const char * const         *paths,
                           const char                 *table)
{
  IndsatsImportDialog *self = g_object_new (INDSATS_TYPE_IMPORT_DIALOG, "transient-for", parent, "modal", TRUE,
                                            NULL);
  AdwPreferencesGroup *series = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  g_return_val_if_fail (preview != NULL, self);

  self->paths = g_strdupv ((char **) paths);
  self->table = g_strdup (table);
  {
    gboolean unnamed = FALSE;

    for (guint f = 0; f < preview->read->len; f++)
      unnamed |= ((IndsatsImportFile *) g_ptr_array_index (preview->read, f))->table == NULL;
    if (unnamed || table != NULL)
      add_table_group (self, table);
  }
  for (guint f = 0; f < preview->read->len; f++)
    {
      IndsatsImportFile *file = g_ptr_array_index (preview->read, f);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      g_autofree char *base = g_path_get_basename (file->path);
      g_autofree char *text = indsats_import_dialog_describe_file (file);

      adw_preferences_group_set_title (group, base);
      adw_preferences_group_set_description (group, text);
      adw_preferences_page_add (self->page, group);
    }

  adw_preferences_group_set_title (series, _("Series"));
  adw_preferences_group_set_description (series, _("The totals are ticked; tick the breakdown values to keep as well."));
  for (guint i = 0; i < preview->counts->len; i++)
    {
      IndsatsImportCount *c = g_ptr_array_index (preview->counts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *counts = g_strdup_printf (_("%u new, %u changed, %u unchanged"), c->added, c->updated,
                                                 c->unchanged);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->indicator);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), counts);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), c->total);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, c->indicator, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (series, row);
      g_hash_table_insert (self->checks, g_strdup (c->indicator), check);
    }
  adw_preferences_page_add (self->page, series);
  return self;
}

const char * const *
indsats_import_dialog_get_paths (IndsatsImportDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_IMPORT_DIALOG (self), NULL);
  return (const char * const *) self->paths;
}

/* The table id the person gave, NULL when the files' names give it */
const char *
indsats_import_dialog_get_table (IndsatsImportDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_IMPORT_DIALOG (self), NULL);
  return self->table;
}

/* The row's message, "" when there is none */
const char *
indsats_import_dialog_get_table_error (IndsatsImportDialog *self)
{
  g_return_val_if_fail (INDSATS_IS_IMPORT_DIALOG (self), NULL);
  if (self->table_error == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->table_error)))
    return "";
  return gtk_label_get_text (self->table_error);
}

/**
 * indsats_import_dialog_apply_table:
 * @text: the table id as typed
 *
 * Takes @text as the table every file holds and asks for the files to be
 * read again ("reread"); a text that cannot be a table id is said so beside
 * the row, and nothing else happens.
 *
 * Returns: whether @text was taken
 */
gboolean
indsats_import_dialog_apply_table (IndsatsImportDialog *self,
                                   const char          *text)
{
  g_autofree char *table = NULL;

  g_return_val_if_fail (INDSATS_IS_IMPORT_DIALOG (self), FALSE);

  if (!indsats_import_check_table_id (text, &table, NULL))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a Jobindsats table id; write it as on "
                                                    "Jobindsats.dk, for example y01a02"), text ? text : "");
      if (self->table_error != NULL)
        {
          gtk_label_set_text (self->table_error, message);
          gtk_widget_set_visible (GTK_WIDGET (self->table_error), TRUE);
        }
      return FALSE;
    }
  g_free (self->table);
  self->table = g_steal_pointer (&table);
  g_signal_emit (self, signals[SIGNAL_REREAD], 0);
  return TRUE;
}

/**
 * indsats_import_dialog_get_kept:
 *
 * Returns: (transfer full) (element-type utf8): the names of the ticked series
 */
GHashTable *
indsats_import_dialog_get_kept (IndsatsImportDialog *self)
{
  GHashTable *kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer name, check;

  g_return_val_if_fail (INDSATS_IS_IMPORT_DIALOG (self), kept);

  g_hash_table_iter_init (&iter, self->checks);
  while (g_hash_table_iter_next (&iter, &name, &check))
    if (gtk_check_button_get_active (check))
      g_hash_table_add (kept, g_strdup (name));
  return kept;
}

void
indsats_import_dialog_set_kept (IndsatsImportDialog *self,
                                const char          *series,
                                gboolean             keep)
{
  GtkCheckButton *check;

  g_return_if_fail (INDSATS_IS_IMPORT_DIALOG (self));
  if ((check = g_hash_table_lookup (self->checks, series)) != NULL)
    gtk_check_button_set_active (check, keep);
}

gboolean
indsats_import_dialog_is_kept (IndsatsImportDialog *self,
                               const char          *series)
{
  GtkCheckButton *check;

  g_return_val_if_fail (INDSATS_IS_IMPORT_DIALOG (self), FALSE);
  check = g_hash_table_lookup (self->checks, series);
  return check != NULL && gtk_check_button_get_active (check);
}

/* Imports what is ticked, and closes */
void
indsats_import_dialog_import (IndsatsImportDialog *self)
{
  g_return_if_fail (INDSATS_IS_IMPORT_DIALOG (self));

  g_signal_emit (self, signals[SIGNAL_IMPORT], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}
