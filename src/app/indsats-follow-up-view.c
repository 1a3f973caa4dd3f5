/* indsats-follow-up-view.c
 *
 * For each indicator that made the plan necessary: the latest value against
 * the line (in words and by icon, not by colour alone), the change since the
 * previous period and since the plan was made, its figure with the line and
 * the actions' start dates, and the plan's actions with the day each took
 * effect.
 */
#include "config.h"

#include "indsats-follow-up-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "indsats-accessible.h"
#include "indsats-chart.h"
#include "indsats-figure-card.h"
#include "indsats-follow-up.h"
#include "indsats-format.h"

struct _IndsatsFollowUpView
{
  GtkWidget  parent_instance;

  /* template children */
  GtkBox    *triggers_box;

  GPtrArray *descriptions; /* one line per trigger, as a screen reader would read it */
  GPtrArray *cards;        /* of IndsatsFigureCard, the triggers' figures in order */

  /* Loaded before it is first shown, the triggers after the first wait
   * hidden until the first frame is drawn: they are below it, and the first
   * frame need not measure them (their figures are drawn when in sight) */
  gboolean       rest_hidden;
  GdkFrameClock *clock;
  gulong         after_paint_id;
  guint          show_id;
};

G_DEFINE_FINAL_TYPE (IndsatsFollowUpView, indsats_follow_up_view, GTK_TYPE_WIDGET)

static void
stop_waiting (IndsatsFollowUpView *self)
{
  if (self->after_paint_id)
    g_signal_handler_disconnect (self->clock, self->after_paint_id);
  self->after_paint_id = 0;
  g_clear_object (&self->clock);
  g_clear_handle_id (&self->show_id, g_source_remove);
}

static void
show_rest (IndsatsFollowUpView *self)
{
  stop_waiting (self);
  if (!self->rest_hidden)
    return;
  self->rest_hidden = FALSE;
  for (GtkWidget *group = gtk_widget_get_first_child (GTK_WIDGET (self->triggers_box)); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    gtk_widget_set_visible (group, TRUE);
}

static gboolean
show_rest_cb (gpointer user_data)
{
  IndsatsFollowUpView *self = user_data;

  self->show_id = 0;
  show_rest (self);
  return G_SOURCE_REMOVE;
}

/* once the frame is out: shown inside the paint, they would be mapped
 * before they have a place */
static void
after_paint_cb (GdkFrameClock       *clock,
                IndsatsFollowUpView *self)
{
  if (self->show_id == 0)
    self->show_id = g_idle_add (show_rest_cb, self);
}

static void
indsats_follow_up_view_map (GtkWidget *widget)
{
  IndsatsFollowUpView *self = INDSATS_FOLLOW_UP_VIEW (widget);

  GTK_WIDGET_CLASS (indsats_follow_up_view_parent_class)->map (widget);
  if (self->rest_hidden && self->after_paint_id == 0)
    {
      self->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      self->after_paint_id = g_signal_connect (self->clock, "after-paint", G_CALLBACK (after_paint_cb), self);
    }
}

static void
indsats_follow_up_view_unmap (GtkWidget *widget)
{
  stop_waiting (INDSATS_FOLLOW_UP_VIEW (widget));
  GTK_WIDGET_CLASS (indsats_follow_up_view_parent_class)->unmap (widget);
}

static void
indsats_follow_up_view_dispose (GObject *object)
{
  IndsatsFollowUpView *self = INDSATS_FOLLOW_UP_VIEW (object);
  GtkWidget *child;

  stop_waiting (self);
  g_clear_pointer (&self->descriptions, g_ptr_array_unref);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_FOLLOW_UP_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (indsats_follow_up_view_parent_class)->dispose (object);
}

static void
indsats_follow_up_view_class_init (IndsatsFollowUpViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_follow_up_view_dispose;
  widget_class->map = indsats_follow_up_view_map;
  widget_class->unmap = indsats_follow_up_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-follow-up-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsFollowUpView, triggers_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
indsats_follow_up_view_init (IndsatsFollowUpView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->descriptions = g_ptr_array_new_with_free_func (g_free);
  self->cards = g_ptr_array_new ();
}

static GtkWidget *
value_row (const char *title,
           const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static char *
period_label (const char *canonical)
{
  IndsatsPeriod p;

  if (canonical == NULL || !indsats_period_parse (canonical, &p, NULL))
    return g_strdup ("–");
  return indsats_period_to_words (&p, NULL);
}

/* The rows of the actions a trigger's figure marks, made the first time
 * their list is opened: each row's wrapped text is laid out and measured
 * even while the list is closed, and the page's first frame needs none */
static void
expanded_cb (AdwExpanderRow *expander,
             GParamSpec     *pspec,
             GPtrArray      *actions)
{
  g_autofree char *today = NULL;

  if (!adw_expander_row_get_expanded (expander))
    return;
  today = indsats_today_iso ();
  for (guint i = 0; i < actions->len; i++)
    {
      IndsatsAction *a = g_ptr_array_index (actions, i);
      g_autofree char *date = indsats_action_date_words (a, today);
      g_autofree char *line = g_strdup_printf ("%s · %s · %s", date, a->owner, indsats_status_to_label (a->status));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      adw_expander_row_add_row (expander, row);
    }
  indsats_accessible_tidy_names (GTK_WIDGET (expander));
  /* once: this frees @actions */
  g_signal_handlers_disconnect_by_func (expander, expanded_cb, actions);
}

static GtkWidget *
trigger_group (IndsatsFollowUpView  *self,
               IndsatsStore         *store,
               IndsatsTriggerStatus *t,
               GError              **error)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *status = adw_action_row_new ();
  GtkWidget *icon;
  g_autofree char *latest = indsats_trigger_format_value (t, t->latest);
  g_autofree char *threshold = indsats_trigger_format_value (t, t->threshold);
  g_autofree char *latest_period = period_label (t->latest_period);
  g_autofree char *previous_period = period_label (t->previous_period);
  g_autofree char *plan_period = period_label (t->plan_period);
  g_autofree char *since_previous = indsats_trigger_format_change (t, t->previous, t->latest);
  g_autofree char *since_plan = indsats_trigger_format_change (t, t->at_plan, t->latest);
  g_autofree char *subtitle = NULL;
  g_autofree char *latest_title = NULL;
  g_autofree char *previous_title = NULL;
  g_autofree char *plan_title = NULL;
  g_autofree char *state = indsats_trigger_words (t, NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), t->text);
  if (t->indicator)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), t->indicator);

  /* the status: an icon and words, so it never depends on colour */
  icon = gtk_image_new_from_icon_name (t->state == INDSATS_TRIGGER_MET ? "emblem-ok-symbolic"
                                       : t->state == INDSATS_TRIGGER_NOT_MET ? "dialog-warning-symbolic"
                                       : "dialog-question-symbolic");
  gtk_widget_add_css_class (icon, t->state == INDSATS_TRIGGER_MET ? "success"
                                  : t->state == INDSATS_TRIGGER_NOT_MET ? "warning" : "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, state, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (status), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (status), state);
  subtitle = g_strdup_printf (_("%s in %s; the line is %s"), latest, latest_period, threshold);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (status), subtitle);
  gtk_widget_add_css_class (status, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), status);

  latest_title = g_strdup_printf (_("Latest value (%s%s)"), latest_period,
                                  t->latest_preliminary ? _(", preliminary") : "");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (latest_title, latest));
  previous_title = g_strdup_printf (_("Change since %s"), previous_period);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (previous_title, since_previous));
  plan_title = g_strdup_printf (_("Change since the plan (%s)"), plan_period);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), value_row (plan_title, since_plan));

  g_ptr_array_add (self->descriptions,
                   g_strdup_printf ("%s: %s. %s. %s %s. %s %s.", t->indicator ? t->indicator : t->text,
                                    state, subtitle, previous_title, since_previous, plan_title, since_plan));

  if (t->figure > 0)
    {
      g_autoptr(IndsatsFigure) figure = indsats_store_get_figure (store, t->figure, error);
      IndsatsChartData *data;
      GtkWidget *expander;
      GPtrArray *actions;
      g_autofree char *count = NULL;

      /* drawn through the latest value, so that the figure shows what the status says */
      if (figure == NULL || !(data = indsats_follow_up_load_figure (store, t, error)))
        return NULL;

      /* the plan's actions that the figure marks: when each took effect, or
       * is to; read now, their rows made when the list is first opened */
      expander = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Actions in the Plan"));
      count = g_strdup_printf (ngettext ("%u action", "%u actions", figure->action_ids->len), figure->action_ids->len);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
      actions = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_action_free);
      for (guint i = 0; i < figure->action_ids->len; i++)
        {
          IndsatsAction *a = indsats_store_get_action (store, g_array_index (figure->action_ids, gint64, i), NULL);

          if (a != NULL)
            g_ptr_array_add (actions, a);
        }
      g_signal_connect_data (expander, "notify::expanded", G_CALLBACK (expanded_cb),
                             actions, (GClosureNotify) (void (*) (void)) g_ptr_array_unref, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);

      {
        GtkWidget *card = indsats_figure_card_new (data);
        gtk_widget_set_margin_top (card, 12);
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
        g_ptr_array_add (self->cards, card);
      }
    }
  return group;
}

/**
 * indsats_follow_up_view_load:
 *
 * Shows the follow-up of @plan_id's triggers.
 */
gboolean
indsats_follow_up_view_load (IndsatsFollowUpView  *self,
                             IndsatsStore         *store,
                             gint64                plan_id,
                             GError              **error)
{
  g_autoptr(GPtrArray) triggers = NULL;
  GtkWidget *child;
  gboolean first_time = !gtk_widget_get_mapped (GTK_WIDGET (self));

  g_return_val_if_fail (INDSATS_IS_FOLLOW_UP_VIEW (self), FALSE);

  if (!(triggers = indsats_follow_up_load (store, plan_id, error)))
    return FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->triggers_box))) != NULL)
    gtk_box_remove (self->triggers_box, child);
  g_ptr_array_set_size (self->descriptions, 0);
  g_ptr_array_set_size (self->cards, 0);
  /* shown already, the new ones take the place of the old at once */
  stop_waiting (self);
  self->rest_hidden = first_time && triggers->len > 1;

  for (guint i = 0; i < triggers->len; i++)
    {
      GtkWidget *group = trigger_group (self, store, g_ptr_array_index (triggers, i), error);
      if (group == NULL)
        return FALSE;
      gtk_widget_set_visible (group, i == 0 || !self->rest_hidden);
      gtk_box_append (self->triggers_box, group);
    }
  return TRUE;
}

guint
indsats_follow_up_view_get_n_triggers (IndsatsFollowUpView *self)
{
  g_return_val_if_fail (INDSATS_IS_FOLLOW_UP_VIEW (self), 0);
  return self->descriptions->len;
}

/**
 * indsats_follow_up_view_get_cards:
 *
 * Returns: (transfer none) (element-type IndsatsFigureCard): the triggers' figures shown
 */
GPtrArray *
indsats_follow_up_view_get_cards (IndsatsFollowUpView *self)
{
  g_return_val_if_fail (INDSATS_IS_FOLLOW_UP_VIEW (self), NULL);
  return self->cards;
}

/**
 * indsats_follow_up_view_describe:
 *
 * Returns: (transfer full): what the view says of trigger @trigger, in one line
 */
char *
indsats_follow_up_view_describe (IndsatsFollowUpView *self,
                                 guint                trigger)
{
  g_return_val_if_fail (INDSATS_IS_FOLLOW_UP_VIEW (self), NULL);
  g_return_val_if_fail (trigger < self->descriptions->len, NULL);
  return g_strdup (g_ptr_array_index (self->descriptions, trigger));
}
