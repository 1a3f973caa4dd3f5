/* indsats-window-watch.c
 *
 * What others change: every second the window asks the store whether another
 * program changed it (a colleague on the shared PostgreSQL database, or
 * another Indsats on the same file) and then shows the plan as it is now.
 * While a form or dialog of the window is open the refresh waits, so that
 * nothing the person is typing is taken away.
 *
 * A server that stops answering: what the window shows stays, a banner says
 * so, the commands that change the plan are off, and every few seconds the
 * window tries to connect again; once it answers, the banner goes, the
 * commands are on again and the plan is shown as it is now.
 *
 * And what the person may do: on a store they may only read (a PostgreSQL
 * role that may only read, a file that cannot be written) every command that
 * changes the plan is off, and a banner says so.
 */
#include "config.h"

#include "indsats-action-dialog.h"
#include "indsats-window-private.h"

#include <glib/gi18n.h>

#define WATCH_INTERVAL_MS 1000
/* how many watch ticks between two tries to reach a server again */
#define RETRY_TICKS 3

/* The window's commands that change what is stored */
static const char * const changing_actions[] = {
  "win.add-action", "win.delete-action", "win.delete-selected", "win.edit-action", "win.edit-goal",
  "win.import", "win.load-demo", "win.manage-indicators", "win.manage-teams", "win.mark-meeting",
  "win.move-action-down", "win.move-action-up", "win.move-selected-down", "win.move-selected-up",
  "win.new-figure", "win.new-plan", "win.redo", "win.set-action-status", "win.undo", "win.update-keyfigures",
};

/**
 * _indsats_window_may_change:
 *
 * Returns: whether the person may change the plan now: the store may be
 *   written, and its server answers
 */
gboolean
_indsats_window_may_change (IndsatsWindow *self)
{
  return self->store != NULL && !indsats_store_is_read_only (self->store) && !self->server_lost;
}

/* An action's form that is open while the server stops answering keeps
 * what was typed, but cannot save it until the server is back */
static void
tell_forms (IndsatsWindow *self)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (INDSATS_IS_ACTION_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      indsats_action_dialog_set_offline (l->data, self->server_lost);
  g_list_free (toplevels);
}

/**
 * _indsats_window_update_changing:
 *
 * Turns the commands that change the plan on or off, as
 * _indsats_window_may_change() says; undo and redo only when there is
 * something to undo or redo, import and updates only while no other job runs.
 */
void
_indsats_window_update_changing (IndsatsWindow *self)
{
  gboolean may = _indsats_window_may_change (self);

  for (guint i = 0; i < G_N_ELEMENTS (changing_actions); i++)
    {
      const char *name = changing_actions[i];
      gboolean on = may;

      if (g_str_equal (name, "win.undo"))
        on = may && self->undo != NULL && indsats_undo_stack_can_undo (self->undo);
      else if (g_str_equal (name, "win.redo"))
        on = may && self->undo != NULL && indsats_undo_stack_can_redo (self->undo);
      else if (g_str_equal (name, "win.import") || g_str_equal (name, "win.update-keyfigures"))
        on = may && self->job == NULL;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), name, on);
    }
  tell_forms (self);
}

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

/**
 * _indsats_window_check_server:
 *
 * After a failure: when the store's server no longer answers, says so in a
 * banner (keeping what is shown) and lets the watch try again.
 *
 * Returns: whether the server was lost
 */
gboolean
_indsats_window_check_server (IndsatsWindow *self)
{
  g_autofree char *text = NULL;

  if (self->store == NULL || indsats_store_is_connected (self->store))
    return FALSE;
  if (!self->server_lost)
    {
      self->server_lost = TRUE;
      self->server_ticks = 0;
      text = g_strdup_printf (_("The server %s does not answer; trying again…"),
                              indsats_store_get_display_name (self->store));
      gtk_label_set_text (self->server_label, text);
      gtk_revealer_set_reveal_child (self->server_revealer, TRUE);
      _indsats_window_update_changing (self);
    }
  return TRUE;
}

/* While the server is lost: a try every few ticks; once it answers, the
 * banner goes and the plan is read again */
static void
retry_server (IndsatsWindow *self)
{
  if (++self->server_ticks < RETRY_TICKS)
    return;
  self->server_ticks = 0;
  if (!indsats_store_reconnect (self->store))
    return;
  self->server_lost = FALSE;
  gtk_revealer_set_reveal_child (self->server_revealer, FALSE);
  _indsats_window_update_changing (self);
  /* the new connection starts to watch, and what others did meanwhile is shown */
  indsats_store_changed_elsewhere (self->store);
  self->refresh_pending = TRUE;
}

static gboolean
watch_cb (gpointer user_data)
{
  IndsatsWindow *self = user_data;

  if (self->store == NULL)
    return G_SOURCE_CONTINUE;
  if (self->server_lost)
    {
      retry_server (self);
      if (self->server_lost)
        return G_SOURCE_CONTINUE;
    }
  else if (_indsats_window_check_server (self))
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

/**
 * _indsats_window_show_access:
 *
 * On a store that may only be read, turns off every command that would
 * change it and says so in the banner.
 */
void
_indsats_window_show_access (IndsatsWindow *self)
{
  if (self->store == NULL || !indsats_store_is_read_only (self->store))
    return;
  _indsats_window_update_changing (self);
  gtk_label_set_text (self->banner_label,
                      _("You may only read this plan: the lists, the figures and the workbook are yours, "
                        "changes are not."));
  /* nothing to try again: the role stays what it is */
  gtk_widget_set_visible (self->banner_retry, FALSE);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}
