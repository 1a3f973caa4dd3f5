/* indsats-window.c
 *
 * The main window on one database: the plan's title in the header bar and
 * its actions grouped by team and focus area. With no plan, a status page
 * offers the demo plan; with a database that could not be opened, a status
 * page says why.
 */
#include "config.h"

#include "indsats-window.h"

#include <glib/gi18n.h>

#include "indsats-action-row.h"
#include "indsats-demo.h"
#include "indsats-format.h"
#include "indsats-plan-item.h"

struct _IndsatsWindow
{
  AdwApplicationWindow  parent_instance;

  /* template children */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkListView          *action_list;

  IndsatsStore         *store;
  GListStore           *items;
  GSettings            *settings;
  gint64                plan_id;
  char                 *today;
};

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
  if (schema == NULL)
    return NULL;
  return g_settings_new (APP_ID);
}

static void
show_error (IndsatsWindow *self,
            const char    *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
reload (IndsatsWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(IndsatsPlan) plan = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *team = NULL, *focus = NULL;

  g_list_store_remove_all (self->items);
  if (self->store == NULL)
    return;

  self->plan_id = indsats_store_get_first_plan_id (self->store, &error);
  if (self->plan_id < 0)
    {
      show_error (self, error->message);
      return;
    }
  if (self->plan_id == 0)
    {
      adw_window_title_set_title (self->window_title, _("Indsats"));
      adw_window_title_set_subtitle (self->window_title, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (!(plan = indsats_store_get_plan (self->store, self->plan_id, &error)) ||
      !(actions = indsats_store_list_actions (self->store, self->plan_id, &error)))
    {
      show_error (self, error->message);
      return;
    }

  adw_window_title_set_title (self->window_title, plan->title);
  adw_window_title_set_subtitle (self->window_title, plan->jobcentre ? plan->jobcentre : "");

  rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);

      if (g_strcmp0 (team, a->team) != 0)
        {
          g_ptr_array_add (rows, indsats_plan_item_new_heading (INDSATS_PLAN_ITEM_TEAM, a->team));
          team = a->team;
          focus = NULL;
        }
      if (g_strcmp0 (focus, a->focus) != 0)
        {
          g_ptr_array_add (rows, indsats_plan_item_new_heading (INDSATS_PLAN_ITEM_FOCUS, a->focus));
          focus = a->focus;
        }
      g_ptr_array_add (rows, indsats_plan_item_new_action (a));
    }
  /* one splice, one items-changed: the list is built once */
  g_list_store_splice (self->items, 0, 0, rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->stack, "plan");
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
  reload (self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, indsats_action_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  IndsatsWindow *self = INDSATS_WINDOW (user_data);
  IndsatsPlanItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);

  /* headings are not actions: they cannot be activated or selected */
  gtk_list_item_set_activatable (list_item,
                                 indsats_plan_item_get_kind (item) == INDSATS_PLAN_ITEM_ACTION);
  indsats_action_row_set_item (INDSATS_ACTION_ROW (row), item, self->today);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->items);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (indsats_window_parent_class)->dispose (object);
}

static void
indsats_window_finalize (GObject *object)
{
  IndsatsWindow *self = INDSATS_WINDOW (object);

  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (indsats_window_parent_class)->finalize (object);
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
  object_class->finalize = indsats_window_finalize;
  object_class->get_property = indsats_window_get_property;
  object_class->set_property = indsats_window_set_property;
  window_class->close_request = indsats_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         INDSATS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-window.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, IndsatsWindow, action_list);

  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_activated);

  g_type_ensure (INDSATS_TYPE_ACTION_ROW);
}

static void
indsats_window_init (IndsatsWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSelectionModel) selection = NULL;
  int width = 1000, height = 720;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->today = indsats_today_iso ();
  self->items = g_list_store_new (INDSATS_TYPE_PLAN_ITEM);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->items))));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->action_list, factory);
  gtk_list_view_set_model (self->action_list, selection);

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
  IndsatsWindow *self = g_object_new (INDSATS_TYPE_WINDOW,
                                      "application", application,
                                      "store", store,
                                      NULL);

  if (store == NULL)
    {
      adw_status_page_set_title (self->error_page, _("The Database Cannot Be Opened"));
      show_error (self, open_error ? open_error->message : _("No database was given."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", FALSE);
    }
  else
    reload (self);
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
  return G_LIST_MODEL (self->items);
}
