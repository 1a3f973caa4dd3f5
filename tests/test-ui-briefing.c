/* test-ui-briefing.c: marking a committee meeting, what changed since, the
 * briefing as a PDF and a figure on the clipboard, in the window (run under Xvfb) */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "indsats-application.h"
#include "indsats-demo.h"
#include "indsats-figure-card.h"
#include "indsats-goals-view.h"
#include "indsats-import.h"
#include "indsats-meeting-dialog.h"
#include "indsats-notice-dialog.h"
#include "indsats-since-view.h"
#include "indsats-window-briefing.h"
#include "indsats-window.h"
#include "test-util.h"

static char *dir;

static void
spin (int rounds)
{
  for (int i = 0; i < rounds; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
wait_mapped (GtkWidget *widget)
{
  for (int i = 0; i < 500 && !gtk_widget_get_mapped (widget); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  spin (200);
}

static void
show_page (IndsatsWindow *window,
           const char    *name)
{
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), INDSATS_TYPE_WINDOW, "view_stack"));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  spin (100);
}

/* With INDSATS_SCREENSHOT_DIR set, keeps a picture of the screen there, as
 * the X server shows it */
static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *out = g_getenv ("INDSATS_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (out == NULL)
    return;
  gtk_widget_queue_draw (window);
  spin (200);
  file = g_build_filename (out, name, NULL);
  {
    const char *argv[] = { "import", "-window", "root", file, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                                 &status, &error));
  }
  g_assert_no_error (error);
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_line (GStrv        lines,
          const char  *text)
{
  for (guint i = 0; lines[i]; i++)
    if (strstr (lines[i], text))
      return TRUE;
  return FALSE;
}

static void
test_pure_checks (void)
{
  g_autofree char *iso = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *name = indsats_meeting_default_name ("2023-09-12");

  g_assert_cmpstr (name, ==, "Committee meeting 12.09.2023");
  g_assert_true (indsats_meeting_check ("Juni", "14.06.2023", &iso, &problem));
  g_assert_cmpstr (iso, ==, "2023-06-14");
  g_assert_null (problem);
  g_clear_pointer (&iso, g_free);
  g_assert_false (indsats_meeting_check ("Juni", "30.02.2023", &iso, &problem));
  g_assert_null (iso);
  g_assert_true (g_str_has_prefix (problem, "The date: "));
  g_clear_pointer (&problem, g_free);
  g_assert_false (indsats_meeting_check ("Juni", " ", NULL, &problem));
  g_assert_nonnull (strstr (problem, "Write the date"));
  g_clear_pointer (&problem, g_free);
  g_assert_false (indsats_meeting_check ("  ", "2023-06-14", NULL, &problem));
  g_assert_nonnull (strstr (problem, "name"));
}

static void
test_mark_meeting_and_since (void)
{
  g_autofree char *path = g_build_filename (dir, "since.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "july.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(IndsatsImportSummary) summary = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *status_line = NULL;
  const char *paths[] = { csv, NULL };
  IndsatsMeetingDialog *dialog;
  IndsatsSinceView *view;
  IndsatsWindow *window;
  IndsatsAction *first;
  gint64 plan_id;

  g_assert_no_error (error);
  g_assert_cmpint ((plan_id = indsats_demo_write (store, NULL, &error)), >, 0);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));

  /* before any meeting: the page offers to mark one */
  view = indsats_window_get_since_view (window);
  show_page (window, "since");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_false (indsats_since_view_has_meeting (view));
  maybe_screenshot (GTK_WIDGET (window), "since-empty.png");

  /* the menu's "Mark Committee Meeting…" asks for the date and a name */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-meeting", NULL));
  spin (50);
  dialog = find_toplevel (INDSATS_TYPE_MEETING_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (indsats_meeting_dialog_get_name (dialog), "Committee meeting "));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark"));
  indsats_meeting_dialog_set (dialog, NULL, "30.02.2023");
  g_assert_nonnull (indsats_meeting_dialog_get_problem (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "mark"));
  /* the name follows the date until one is written */
  indsats_meeting_dialog_set (dialog, NULL, "14.03.2023");
  g_assert_null (indsats_meeting_dialog_get_problem (dialog));
  g_assert_cmpstr (indsats_meeting_dialog_get_name (dialog), ==, "Committee meeting 14.03.2023");
  indsats_meeting_dialog_set (dialog, "Marts", NULL);
  indsats_meeting_dialog_set (dialog, NULL, "2023-03-14");
  g_assert_cmpstr (indsats_meeting_dialog_get_name (dialog), ==, "Marts");
  maybe_screenshot (GTK_WIDGET (window), "since-asking.png");
  /* what the button does; the dialog closes itself after a click, not after this */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "mark");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (100);

  /* the snapshot is in the store, under that name and date */
  snapshots = indsats_store_list_snapshots (store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshots->len, ==, 1);
  g_assert_cmpstr (((IndsatsSnapshot *) g_ptr_array_index (snapshots, 0))->name, ==, "Marts");
  g_assert_cmpstr (((IndsatsSnapshot *) g_ptr_array_index (snapshots, 0))->meeting_date, ==, "2023-03-14");

  /* and the page tells what changed since: nothing yet */
  g_assert_true (indsats_since_view_has_meeting (view));
  g_assert_cmpstr (indsats_since_view_get_heading (view), ==, "Since the committee meeting of 14.03.2023");
  lines = indsats_since_view_get_lines (view);
  g_assert_true (has_line (lines, "No action was added, removed or changed."));
  g_assert_true (has_line (lines, "Sygedagpenge, 6 mdr. uden fire samtaler, Ishøj — Now 16,5 % (jun. 2023); at the meeting 16,5 % (jun. 2023)"));
  g_clear_pointer (&lines, g_strfreev);

  /* the same name again is refused, saying so, and nothing is added */
  g_assert_false (indsats_window_mark_meeting (window, "Marts", "2023-06-14", &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "“Marts”"));
  g_clear_error (&error);
  g_clear_pointer (&snapshots, g_ptr_array_unref);
  snapshots = indsats_store_list_snapshots (store, plan_id, &error);
  g_assert_cmpuint (snapshots->len, ==, 1);

  /* an action is done and a new month comes in: the page says so when shown */
  actions = indsats_store_list_actions (store, plan_id, &error);
  g_assert_no_error (error);
  first = g_ptr_array_index (actions, 0);
  g_assert_cmpint (first->status, !=, INDSATS_STATUS_DONE);
  first->status = INDSATS_STATUS_DONE;
  g_assert_true (indsats_store_update_action (store, first, INDSATS_ACTION_FIELD_STATUS, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv, "indicator,area,period,value\n"
                                      "\"Sygedagpenge, 6 mdr. uden fire samtaler\",Ishøj,2023M07,12.3\n", -1, &error));
  summary = indsats_import_files (store, paths, NULL, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  show_page (window, "plan");
  show_page (window, "since");
  lines = indsats_since_view_get_lines (view);
  status_line = g_strdup_printf ("“%s”: status changed from", first->text);
  g_assert_true (has_line (lines, status_line));
  g_assert_true (has_line (lines, "to Done"));
  g_assert_false (has_line (lines, "No action was added, removed or changed."));
  g_assert_true (has_line (lines, "Sygedagpenge, 6 mdr. uden fire samtaler, Ishøj — Now 12,3 % (jul. 2023); at the meeting 16,5 % (jun. 2023)"));
  maybe_screenshot (GTK_WIDGET (window), "since-changes.png");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

static void
wait_idle (IndsatsWindow *window)
{
  for (int i = 0; i < 3000 && indsats_window_is_busy (window); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (indsats_window_is_busy (window));
  spin (20);
}

static void
test_export_briefing (void)
{
  g_autofree char *path = g_build_filename (dir, "briefing.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "Briefing.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "no such folder", "Briefing.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autofree char *text = NULL;
  IndsatsWindow *window;
  AdwMessageDialog *message;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  g_assert_true (indsats_window_mark_meeting (window, "Marts", "2023-03-14", &error));
  g_assert_no_error (error);

  /* written in the background; the window stays busy until it is done */
  g_assert_true (indsats_window_export_briefing (window, pdf));
  g_assert_true (indsats_window_is_busy (window));
  g_assert_false (indsats_window_export_briefing (window, pdf));
  wait_idle (window);
  text = pdf_text (pdf);
  /* Danish, whatever the window speaks, and since the meeting marked */
  g_assert_nonnull (strstr (text, "Siden udvalgsmødet 14.03.2023"));
  g_assert_nonnull (strstr (text, "Side 1 af "));
  g_assert_nonnull (strstr (text, "Indsatserne"));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* a folder that is not there: a message that names the file, and no file */
  g_assert_true (indsats_window_export_briefing (window, bad));
  wait_idle (window);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "The Briefing Was Not Saved");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message), bad));
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (message));

  /* closing the window while it writes: the briefing is still written whole */
  g_unlink (pdf);
  g_assert_true (indsats_window_export_briefing (window, pdf));
  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 3000 && !g_file_test (pdf, G_FILE_TEST_EXISTS); i++)
    g_main_context_iteration (NULL, TRUE);
  spin (200);
  g_clear_pointer (&text, g_free);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Siden udvalgsmødet 14.03.2023"));
  g_unlink (pdf);
}

static void
texture_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GdkTexture **texture = user_data;
  g_autoptr(GError) error = NULL;

  *texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static void
svg_spliced_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GBytes **svg = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error);
  g_assert_no_error (error);
  *svg = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
}

/* The clipboard's writer runs in this main loop too: read without blocking it */
static void
svg_read_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  g_output_stream_splice_async (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, svg_spliced_cb, user_data);
}

static void
test_copy_figure (void)
{
  g_autofree char *path = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsStore) store = indsats_store_open (path, &error);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autofree guchar *pixels = NULL;
  const char *mimes[] = { "image/svg+xml", NULL };
  IndsatsWindow *window;
  GdkClipboard *clipboard;
  GtkWidget *card;
  GPtrArray *cards;
  int w, h, dark = 0;

  g_assert_no_error (error);
  g_assert_cmpint (indsats_demo_write (store, NULL, &error), >, 0);
  window = indsats_window_new (NULL, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (GTK_WIDGET (window));
  show_page (window, "goals");
  cards = indsats_goals_view_get_cards (indsats_window_get_goals_view (window));
  card = g_ptr_array_index (cards, 11);

  /* the card's menu entry puts Figur 12 on the clipboard */
  g_assert_true (gtk_widget_activate_action (card, "figure.copy", NULL));
  clipboard = gtk_widget_get_clipboard (card);
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard), GDK_TYPE_TEXTURE));
  g_assert_true (gdk_content_formats_contain_mime_type (gdk_clipboard_get_formats (clipboard), "image/svg+xml"));

  gdk_clipboard_read_texture_async (clipboard, NULL, texture_read_cb, &texture);
  for (int i = 0; i < 500 && texture == NULL; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (texture);
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  g_assert_cmpint (w, ==, 1600);
  g_assert_cmpint (h, ==, 960);
  /* a figure, not a blank: its lines and words are drawn in dark ink */
  pixels = g_malloc (4 * w * h);
  gdk_texture_download (texture, pixels, 4 * w);
  for (int i = 0; i < w * h; i++)
    if (pixels[4 * i] < 100 && pixels[4 * i + 1] < 100 && pixels[4 * i + 2] < 100 && pixels[4 * i + 3] > 200)
      dark++;
  g_assert_cmpint (dark, >, 2000);
  g_assert_cmpint (dark, <, w * h / 4);

  gdk_clipboard_read_async (clipboard, mimes, G_PRIORITY_DEFAULT, NULL, svg_read_cb, &svg);
  for (int i = 0; i < 500 && svg == NULL; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (svg);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "Figur 12"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_templates_instantiate (void)
{
  GtkWidget *view = g_object_ref_sink (g_object_new (INDSATS_TYPE_SINCE_VIEW, NULL));
  GtkWidget *dialog = g_object_new (INDSATS_TYPE_MEETING_DIALOG, NULL);
  IndsatsNoticeDialog *notice = indsats_notice_dialog_present (NULL, "Heading", "Body");

  g_assert_nonnull (view);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* a message that is only read: Close, which Escape and Enter also give */
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (notice), "close"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (notice), "close"), ==, "_Close");
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (notice)), ==, "close");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (notice)), ==, "Body");
  gtk_window_destroy (GTK_WINDOW (notice));
  g_object_unref (view);
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  indsats_application_register_resources ();
  dir = g_dir_make_tmp ("indsats-briefing-XXXXXX", NULL);

  g_test_add_func ("/ui/briefing/templates", test_templates_instantiate);
  g_test_add_func ("/ui/briefing/meeting-checks", test_pure_checks);
  g_test_add_func ("/ui/briefing/mark-meeting-and-since", test_mark_meeting_and_since);
  g_test_add_func ("/ui/briefing/export", test_export_briefing);
  g_test_add_func ("/ui/briefing/copy-figure", test_copy_figure);
  status = g_test_run ();

  indsats_test_remove_dir (dir);
  g_free (dir);
  return status;
}
