/* test-window.h: waiting for the window and reading its messages, for the window tests */
#pragma once

#include <adwaita.h>

#include <string.h>

#include "indsats-row-text.h"
#include "indsats-window.h"

/* Whether @widget shows @text (or, with @prefix, something that begins
 * with it) as a label or as one part of an action's row: the owner, the
 * date, the status or the text */
static inline gboolean
indsats_test_widget_says (GtkWidget  *widget,
                          const char *text,
                          gboolean    prefix)
{
  const char *said[INDSATS_ROW_TEXT_N_PARTS] = { NULL };

  if (GTK_IS_LABEL (widget))
    said[0] = gtk_label_get_text (GTK_LABEL (widget));
  else if (INDSATS_IS_ROW_TEXT (widget))
    for (int part = 0; part < INDSATS_ROW_TEXT_N_PARTS; part++)
      said[part] = indsats_row_text_get_part (INDSATS_ROW_TEXT (widget), part);
  for (int part = 0; part < INDSATS_ROW_TEXT_N_PARTS; part++)
    if (said[part] && (prefix ? g_str_has_prefix (said[part], text) : strcmp (said[part], text) == 0))
      return TRUE;
  return FALSE;
}

/* Runs the main loop until @window has done what it was busy with, and a
 * little more, for what that queued */
static inline void
indsats_test_spin_until_idle (IndsatsWindow *window)
{
  for (int i = 0; i < 3000 && indsats_window_is_busy (window); i++)
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 100; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (indsats_window_is_busy (window));
}

/* The body of the message dialog called @heading, which is closed (the
 * last, if several are); NULL when none is shown */
static inline char *
indsats_test_take_message (const char *heading)
{
  GList *toplevels = gtk_window_list_toplevels ();
  char *body = NULL;

  for (GList *l = toplevels; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      {
        g_free (body);
        body = g_strdup (adw_message_dialog_get_body (l->data));
        gtk_window_destroy (l->data);
      }
  g_list_free (toplevels);
  return body;
}
