/* test-ui-danish.c: under LANGUAGE=da the window speaks Danish */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "config.h"
#include "indsats-application.h"
#include "indsats-demo.h"
#include "indsats-figure-dialog.h"
#include "indsats-import-dialog.h"
#include "indsats-plan-dialog.h"
#include "indsats-remove-dialog.h"
#include "indsats-window.h"
#include "test-window.h"
#include "test-util.h"

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (indsats_test_widget_says (widget, text, FALSE) && gtk_widget_is_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label_prefix (GtkWidget  *widget,
                   const char *prefix)
{
  if (indsats_test_widget_says (widget, prefix, TRUE) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_prefix (child, prefix);
      if (found)
        return found;
    }
  return NULL;
}

static void
spin (IndsatsWindow *window)
{
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_window_in_danish (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("indsats-da-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "da.db", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  IndsatsWindow *window;

  g_assert_no_error (error);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  spin (window);

  /* the empty state */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Ingen plan endnu"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Indlæs demoplan"));
  g_assert_null (find_label (GTK_WIDGET (window), "No Plan Yet"));

  /* the plan: owners, dates and statuses in Danish */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  spin (window);
  /* it opens on the follow-up, in Danish */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Under grænsen på 20 % igen"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Ændring siden maj 2023"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Indsatser i planen"));
  g_assert_null (find_label (GTK_WIDGET (window), "Indsatser, der træder i kraft"));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                        INDSATS_TYPE_WINDOW, "view_stack")),
                                         "plan");
  spin (window);
  g_assert_nonnull (find_label_prefix (GTK_WIDGET (window), "Ansvarlig: Alle SB"));
  /* started: the day it took effect; late: that it should have */
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Trådte i kraft 22.09.2022"));
  g_assert_null (find_label (GTK_WIDGET (window), "Træder i kraft 22.09.2022"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Forsinket – skulle være trådt i kraft 11.05.2023"));
  g_assert_nonnull (find_label (GTK_WIDGET (window), "I gang"));
  g_assert_null (find_label_prefix (GTK_WIDGET (window), "Owner:"));

  /* the forms read their words from their templates, in Danish too */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-plan", NULL));
  spin (window);
  {
    GList *toplevels = gtk_window_list_toplevels ();
    GtkWidget *form = NULL;

    for (GList *l = toplevels; l; l = l->next)
      if (INDSATS_IS_PLAN_DIALOG (l->data))
        form = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (form);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "Ny plan");
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_widget_get_template_child (form, INDSATS_TYPE_PLAN_DIALOG,
                                                                                      "create_button"))), ==, "_Opret");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_template_child (form,
                                                                           INDSATS_TYPE_PLAN_DIALOG, "title_row"))),
                     ==, "Titel");
    gtk_window_destroy (GTK_WINDOW (form));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-figure", NULL));
  spin (window);
  {
    GList *toplevels = gtk_window_list_toplevels ();
    GtkWidget *form = NULL;
    GListModel *kinds;
    g_autoptr(GtkStringObject) columns = NULL;

    for (GList *l = toplevels; l; l = l->next)
      if (INDSATS_IS_FIGURE_DIALOG (l->data))
        form = l->data;
    g_list_free (toplevels);
    g_assert_nonnull (form);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (form)), ==, "Ny figur");
    kinds = adw_combo_row_get_model (ADW_COMBO_ROW (gtk_widget_get_template_child (form, INDSATS_TYPE_FIGURE_DIALOG,
                                                                                   "kind_row")));
    columns = g_list_model_get_item (kinds, 1);
    g_assert_cmpstr (gtk_string_object_get_string (columns), ==, "Søjler");
    gtk_window_destroy (GTK_WINDOW (form));
  }

  /* the question before a focus area goes with its actions, and its answers */
  {
    AdwMessageDialog *question = indsats_window_request_remove (window, TRUE, 1, "Fokus på et aktivt tilbud", 7, NULL);

    g_assert_true (INDSATS_IS_REMOVE_DIALOG (question));
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Fjern „Fokus på et aktivt tilbud“?");
    g_assert_cmpstr (adw_message_dialog_get_body (question), ==, "Den rummer 7 indsatser, som fjernes sammen med den.");
    g_assert_cmpstr (adw_message_dialog_get_response_label (question, "cancel"), ==, "_Annuller");
    g_assert_cmpstr (adw_message_dialog_get_response_label (question, "remove"), ==, "_Fjern");
    gtk_window_destroy (GTK_WINDOW (question));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  indsats_test_remove_dir (dir);
}

/* What the store holds of key figures, as one line to compare */
static char *
stored_key_figures (IndsatsStore *store)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (indsats_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count(*) FROM indicator) || ' ' || count(*) || ' ' || total(value)"
                                       " || ' ' || coalesce(group_concat(area || period, ','), '') FROM observation",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* A bad file, imported from the window or shown first in the import's
 * preview: the core's message in Danish, with the file and line, and
 * nothing stored */
static void
test_import_error_in_danish (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("indsats-da-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "da.db", NULL);
  g_autofree char *period = g_build_filename (dir, "periode.csv", NULL);
  g_autofree char *number = g_build_filename (dir, "tal.csv", NULL);
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *body = NULL;
  const char *period_paths[] = { period, NULL };
  const char *number_paths[] = { number, NULL };
  IndsatsWindow *window;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  g_assert_no_error (error);
  before = stored_key_figures (store);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  spin (window);

  /* a month that is not one, on line 2 */
  g_assert_true (g_file_set_contents (period, "Område;Periode;Fleksjob\nIshøj;2023M09;288\nIshøj;2023M13;290\n",
                                      -1, NULL));
  g_assert_true (indsats_window_import_files (window, period_paths));
  indsats_test_spin_until_idle (window);
  body = indsats_test_take_message ("Nøgletallene blev ikke importeret");
  expected = g_strdup_printf ("%s:3: „2023M13“ er ikke en periode (skriv den som 2023M08", period);
  g_assert_true (g_str_has_prefix (body, expected));
  g_assert_null (strstr (body, "is not a period"));
  after = stored_key_figures (store);
  g_assert_cmpstr (after, ==, before);

  /* the same file in the import's preview: it stops there, in Danish */
  g_clear_pointer (&body, g_free);
  g_assert_true (indsats_window_preview_import (window, period_paths));
  indsats_test_spin_until_idle (window);
  body = indsats_test_take_message ("Nøgletallene blev ikke importeret");
  g_assert_true (g_str_has_prefix (body, expected));

  /* a value that is not a number, named with its column */
  g_assert_true (g_file_set_contents (number, "Område;Periode;Fleksjob\nIshøj;2023M09;288\nBrøndby;2023M09;fem\n",
                                      -1, NULL));
  g_clear_pointer (&body, g_free);
  g_clear_pointer (&expected, g_free);
  g_assert_true (indsats_window_preview_import (window, number_paths));
  indsats_test_spin_until_idle (window);
  body = indsats_test_take_message ("Nøgletallene blev ikke importeret");
  expected = g_strdup_printf ("%s:3: „fem“ i kolonnen „Fleksjob“ er ikke et tal", number);
  g_assert_cmpstr (body, ==, expected);
  g_clear_pointer (&after, g_free);
  after = stored_key_figures (store);
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  indsats_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("INDSATS_LOCALEDIR");

  g_setenv ("LANGUAGE", "da", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  indsats_application_register_resources ();

  g_test_add_func ("/ui/danish/window", test_window_in_danish);
  g_test_add_func ("/ui/danish/import-error", test_import_error_in_danish);

  return g_test_run ();
}
