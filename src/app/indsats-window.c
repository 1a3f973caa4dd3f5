/* indsats-window.c
 *
 * The main window on one database: the plan's title in the header bar and
 * its actions grouped by team and focus area. With no plan, a status page
 * offers the demo plan; with a database that could not be opened, a status
 * page says why.
 */
#include "config.h"

#include "indsats-error.h"
#include "indsats-window-private.h"

#include <glib/gi18n.h>

#include "indsats-accessible.h"
#include "indsats-demo.h"
#include "indsats-format.h"

G_DEFINE_FINAL_TYPE (IndsatsWindow, indsats_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GSettings is optional: an uninstalled build has no schema */
static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  /* a schema from an older install may lack the keys this version reads */
  if (schema == NULL || !g_settings_schema_has_key (schema, "plan") ||
      !g_settings_schema_has_key (schema, "window-size"))
    return NULL;
  return g_settings_new (APP_ID);
}

/* Whether the settings installed have @key (an older schema may not) */
gboolean
_indsats_window_has_setting (IndsatsWindow *self,
                             const char    *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return FALSE;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, key);
}

static void
show_error (IndsatsWindow *self,
            const char    *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Reads the goals if they wait to be read: when their page shows, or
 * someone asks for it */
static void
load_goals (IndsatsWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->goals_stale || self->store == NULL || self->plan_id <= 0)
    return;
  self->goals_stale = FALSE;
  if (!indsats_goals_view_load (self->goals_view, self->store, &error))
    {
      if (_indsats_window_check_server (self))
        return;
      show_error (self, error->message);
      return;
    }
  indsats_accessible_tidy_names (GTK_WIDGET (self->goals_view));
}

void
_indsats_window_reload (IndsatsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsPlan) plan = NULL;
  gboolean actions_shown = FALSE;

  if (self->store == NULL)
    return;

  self->plan_id = indsats_store_get_first_plan_id (self->store, &error);
  if (self->chosen_plan == 0 && self->settings)
    self->chosen_plan = g_settings_get_int64 (self->settings, "plan");
  if (self->chosen_plan > 0 && self->plan_id > 0)
    {
      g_autoptr(IndsatsPlan) chosen = indsats_store_get_plan (self->store, self->chosen_plan, NULL);
      if (chosen)
        self->plan_id = self->chosen_plan;
    }
  if (self->plan_id < 0 && _indsats_window_check_server (self))
    return;
  _indsats_window_fill_plans_menu (self);
  if (self->plan_id < 0)
    {
      show_error (self, error->message);
      return;
    }
  if (self->plan_id == 0)
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Indsats"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  /* the goals and the changes since the last meeting are read when their
   * page is first shown: a window opens as fast as the page it shows */
  self->goals_stale = TRUE;
  /* the actions the application read while GTK started, when they are this plan's */
  if (self->first_actions != NULL && self->first_plan == self->plan_id)
    {
      indsats_plan_view_show_actions (self->plan_view, g_steal_pointer (&self->first_actions));
      actions_shown = TRUE;
    }
  g_clear_pointer (&self->first_actions, g_ptr_array_unref);
  if (!(plan = indsats_store_get_plan (self->store, self->plan_id, &error)) ||
      (!actions_shown && !indsats_plan_view_load (self->plan_view, self->store, self->plan_id, &error)) ||
      !indsats_follow_up_view_load (self->follow_up_view, self->store, self->plan_id, &error))
    {
      /* a server that stopped answering: what is shown stays, under a banner */
      if (_indsats_window_check_server (self))
        return;
      show_error (self, error->message);
      return;
    }

  adw_view_switcher_title_set_title (self->switcher_title, plan->title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, plan->jobcentre ? plan->jobcentre : "");
  /* the follow-up is what a plan with triggers is opened for */
  {
    gboolean triggers = indsats_follow_up_view_get_n_triggers (self->follow_up_view) > 0;

    /* the page's own visibility is what the view switchers offer */
    gtk_widget_set_visible (GTK_WIDGET (self->follow_up_view), triggers);
    adw_view_stack_page_set_visible (adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->follow_up_view)),
                                     triggers);
  }
  _indsats_window_briefing_reload (self);
  gtk_stack_set_visible_child_name (self->stack, "main");
  if (adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->goals_view))
    load_goals (self);
  /* the views made their rows and cards anew */
  indsats_accessible_tidy_names (GTK_WIDGET (self));
}

/* The page shown is read if it waited for that */
static void
visible_page_cb (IndsatsWindow *self)
{
  if (adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->goals_view))
    load_goals (self);
  _indsats_window_briefing_ensure (self);
}

static void
load_demo_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!indsats_demo_write (self->store, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }
  _indsats_window_reload (self);
}

/* Alt+1 to Alt+4: a page, and the keyboard in it */
static void
show_page_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *page = adw_view_stack_get_child_by_name (self->view_stack, name);

  if (page == NULL || !gtk_widget_get_visible (page) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;
  adw_view_stack_set_visible_child (self->view_stack, page);
  if (page == GTK_WIDGET (self->plan_view))
    indsats_plan_view_focus_list (self->plan_view);
  else
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* Ctrl+?: the keys, in the shortcuts window, which is built the first time
 * it is asked for rather than with every window */
static void
show_shortcuts_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (self);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/dk/indsats/Indsats/help-overlay.ui");

      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* the window keeps it, hidden when closed, until the window goes */
      gtk_application_window_set_help_overlay (self, shortcuts);
    }
  gtk_window_present (GTK_WINDOW (shortcuts));
}

/* F6 and Shift+F6: the header bar, the filters, the list, and round again */
static gboolean
next_region_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  IndsatsWindow *self = INDSATS_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);
  gboolean plan = page == GTK_WIDGET (self->plan_view);
  int n_regions = plan ? 3 : 2;
  int region = 0, step = g_variant_get_int32 (args);

  if (focus && (focus == GTK_WIDGET (self->header_bar) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->header_bar))))
    region = 0;
  else if (plan)
    region = indsats_plan_view_get_focus_region (self->plan_view);
  else
    region = focus && page && gtk_widget_is_ancestor (focus, page) ? 1 : 0;
  region = (region + step + n_regions) % n_regions;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    region = 0;
  if (region == 0)
    {
      if (gtk_widget_get_sensitive (self->add_button) && gtk_widget_grab_focus (self->add_button))
        return TRUE;
      return gtk_widget_child_focus (GTK_WIDGET (self->header_bar), GTK_DIR_TAB_FORWARD);
    }
  if (!plan)
    return gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
  if (region == 1)
    return indsats_plan_view_focus_filters (self->plan_view);
  return indsats_plan_view_focus_list (self->plan_view);
}

/* Escape closes the dialog, from whichever field has the focus (a text view
 * would keep it), but a menu or drop-down open in it closes first */
static gboolean
dialog_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GtkWindow             *dialog)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  if (keyval != GDK_KEY_Escape || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 ||
      (focus && gtk_widget_get_ancestor (focus, GTK_TYPE_POPOVER)))
    return FALSE;
  gtk_window_close (dialog);
  return TRUE;
}

/* A dialog on its way to the screen: its names tidied, and Escape closes it */
static void
dialog_mapped_cb (GtkWidget     *dialog,
                  IndsatsWindow *self)
{
  if (gtk_window_get_transient_for (GTK_WINDOW (dialog)) != GTK_WINDOW (self))
    return;
  indsats_accessible_tidy_names (dialog);
  if (g_object_get_data (G_OBJECT (dialog), "indsats-escape") == NULL)
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      g_object_set_data (G_OBJECT (dialog), "indsats-escape", GINT_TO_POINTER (1));
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (dialog_key_cb), dialog);
      gtk_widget_add_controller (dialog, keys);
    }
}

/* Every window the program opens over this one, whoever made it: History,
 * the forms, Preferences, the import's preview and the questions. A window
 * is listed before it is made transient: it is looked at as it is shown. */
static void
toplevels_changed_cb (GListModel    *toplevels,
                      guint          position,
                      guint          removed,
                      guint          added,
                      IndsatsWindow *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (self))
        g_signal_connect_object (window, "map", G_CALLBACK (dialog_mapped_cb), self, 0);
    }
}

void
_indsats_window_toast (IndsatsWindow *self,
                       const char    *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
save_window_size (IndsatsWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
indsats_window_close_request (GtkWindow *window)
{
  save_window_size (INDSATS_WINDOW (window));
  return GTK_WINDOW_CLASS (indsats_window_parent_class)->close_request (window);
}

static void
indsats_window_dispose (GObject *object)
{
  IndsatsWindow *self = INDSATS_WINDOW (object);

  _indsats_window_stop_watch (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_WINDOW);
  if (self->job)
    g_cancellable_cancel (self->job);
  g_clear_object (&self->job);
  g_clear_object (&self->chooser);
  g_clear_object (&self->undo);
  g_clear_object (&self->store);
  g_clear_pointer (&self->first_actions, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (indsats_window_parent_class)->dispose (object);
}

static void
indsats_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  IndsatsWindow *self = INDSATS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
indsats_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  IndsatsWindow *self = INDSATS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
indsats_window_class_init (IndsatsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = indsats_window_dispose;
  object_class->get_property = indsats_window_get_property;
  object_class->set_property = indsats_window_set_property;
  window_class->close_request = indsats_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         INDSATS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, banner_retry);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, server_revealer);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, server_label);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, plan_view);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, goals_view);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, follow_up_view);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, plans_section);

  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK, "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-page", "s", "follow-up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-page", "s", "plan");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-page", "s", "goals");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-page", "s", "since");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, 0, next_region_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, next_region_cb, "i", -1);

  g_type_ensure (INDSATS_TYPE_PLAN_VIEW);
  g_type_ensure (INDSATS_TYPE_GOALS_VIEW);
  g_type_ensure (INDSATS_TYPE_FOLLOW_UP_VIEW);

  _indsats_window_files_class_init (klass);
  _indsats_window_actions_class_init (klass);
  _indsats_window_keyfigures_class_init (klass);
  _indsats_window_plans_class_init (klass);
  _indsats_window_briefing_class_init (klass);
}

static void
indsats_window_init (IndsatsWindow *self)
{
  int width = 1000, height = 720;

  indsats_application_mark ("window class ready");
  gtk_widget_init_template (GTK_WIDGET (self));
  indsats_application_mark ("window's template built");
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (visible_page_cb), self);
  indsats_accessible_tidy_names (GTK_WIDGET (self));
  /* a dialog is made transient after it is made: look at it as it is shown */
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed", G_CALLBACK (toplevels_changed_cb), self, 0);

  self->settings = settings_new_if_installed ();
  if (self->settings != NULL)
    {
      g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
}

IndsatsWindow *
indsats_window_new (IndsatsApplication *application,
                    IndsatsStore       *store,
                    const GError       *open_error)
{
  return indsats_window_new_read (application, store, open_error, 0, NULL);
}

/**
 * indsats_window_new_read:
 * @plan_id: the plan whose actions @actions are
 * @actions: (transfer full) (nullable) (element-type IndsatsAction): the
 *   actions of @plan_id, read from @store before the window was made
 *
 * Makes the window as indsats_window_new() does, showing @actions when the
 * window opens on @plan_id rather than reading them again.
 */
IndsatsWindow *
indsats_window_new_read (IndsatsApplication *application,
                         IndsatsStore       *store,
                         const GError       *open_error,
                         gint64              plan_id,
                         GPtrArray          *actions)
{
  IndsatsWindow *self = g_object_new (INDSATS_TYPE_WINDOW,
                                      "application", application,
                                      "store", store,
                                      NULL);

  self->first_plan = plan_id;
  self->first_actions = actions;

  if (store == NULL)
    {
      adw_status_page_set_title (self->error_page, _("The Database Cannot Be Opened"));
      if (g_error_matches (open_error, INDSATS_ERROR, INDSATS_ERROR_PASSWORD))
        {
          /* what a person at the desktop does, before what the server said */
          g_autofree char *text = g_strdup_printf ("%s\n\n%s",
                                                   _("The server asks for the password of the shared plan, or did "
                                                     "not take the one given. Give it in Preferences, under "
                                                     "Database, and start Indsats again."),
                                                   open_error->message);

          show_error (self, text);
        }
      else
        show_error (self, open_error ? open_error->message : _("No database was given."));
      /* nothing to change while there is no plan */
      _indsats_window_update_changing (self);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-xlsx", FALSE);
    }
  else
    {
      self->undo = indsats_undo_stack_new (store);
      _indsats_window_reload (self);
      indsats_application_mark ("plan read and shown");
      _indsats_window_start_watch (self);
    }
  /* only the first reload may show what was read before it */
  g_clear_pointer (&self->first_actions, g_ptr_array_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", FALSE);
  _indsats_window_show_access (self);
  return self;
}

IndsatsStore *
indsats_window_get_store (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);
  return self->store;
}

/**
 * indsats_window_get_items:
 *
 * Returns: (transfer none): the rows of the action list (teams, focus areas, actions)
 */
GListModel *
indsats_window_get_items (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);
  return indsats_plan_view_get_items (self->plan_view);
}

/**
 * indsats_window_get_goals_view:
 *
 * Returns: (transfer none): the view of the goals and their figures
 */
IndsatsGoalsView *
indsats_window_get_goals_view (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);

  /* whoever asks sees it up to date, shown or not */
  load_goals (self);
  return self->goals_view;
}

/**
 * indsats_window_get_follow_up_view:
 *
 * Returns: (transfer none): the follow-up of the plan's triggers
 */
IndsatsFollowUpView *
indsats_window_get_follow_up_view (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);
  return self->follow_up_view;
}

/**
 * indsats_window_get_plan_view:
 *
 * Returns: (transfer none): the list of the plan's actions
 */
IndsatsPlanView *
indsats_window_get_plan_view (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), NULL);
  return self->plan_view;
}

/**
 * indsats_window_get_plan_id:
 *
 * Returns: the plan the window shows, 0 when none
 */
gint64
indsats_window_get_plan_id (IndsatsWindow *self)
{
  g_return_val_if_fail (INDSATS_IS_WINDOW (self), 0);
  return self->plan_id;
}
