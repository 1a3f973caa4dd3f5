/* indsats-window-watch.c
 *
 * What others change: every second the window asks the store whether another
 * program changed it (a colleague on the shared PostgreSQL database, or
 * another Indsats on the same file) and then shows the plan as it is now.
 * While a form or dialog of the window is open the refresh waits, so that
 * nothing the person is typing is taken away.
 */
#include "config.h"

#include "indsats-window-private.h"

#define WATCH_INTERVAL_MS 1000

/* Whether a dialog or form of @self is open */
static gboolean
has_open_dialog (IndsatsWindow *self)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean open = FALSE;

  for (GList *l = toplevels; l != NULL && !open; l = l->next)
    open = gtk_window_get_transient_for (l->data) == GTK_WINDOW (self) && gtk_widget_get_visible (l->data);
  g_list_free (toplevels);
  return open;
}

static gboolean
watch_cb (gpointer user_data)
{
  IndsatsWindow *self = user_data;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;
  if (indsats_store_changed_elsewhere (self->store))
    self->refresh_pending = TRUE;
  /* not in the middle of an import or export either */
  if (self->refresh_pending && self->job == NULL && !has_open_dialog (self))
    {
      self->refresh_pending = FALSE;
      _indsats_window_reload (self);
    }
  return G_SOURCE_CONTINUE;
}

void
_indsats_window_start_watch (IndsatsWindow *self)
{
  if (self->watch_id != 0 || self->store == NULL)
    return;
  /* the first question only starts to watch */
  indsats_store_changed_elsewhere (self->store);
  self->watch_id = g_timeout_add (WATCH_INTERVAL_MS, watch_cb, self);
}

void
_indsats_window_stop_watch (IndsatsWindow *self)
{
  g_clear_handle_id (&self->watch_id, g_source_remove);
}
