/* test-window.h: waiting for the window and reading its messages, for the window tests */
#pragma once

#include <adwaita.h>

#include "indsats-window.h"

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
