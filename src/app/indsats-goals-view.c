/* indsats-goals-view.c
 *
 * The goal structure of the employment plan, as the status paper has it:
 * ministerial goals, local focus goals and strategic markers, each with its
 * status text and its numbered figures. A figure is read and drawn when its
 * card comes into sight, so a plan of many figures over a large database
 * opens as fast as the few on screen allow.
 */
#include "config.h"

#include "indsats-goals-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "indsats-chart.h"
#include "indsats-figure-card.h"

struct _IndsatsGoalsView
{
  GtkWidget  parent_instance;

  /* template children */
  GtkStack  *stack;
  GtkWidget *new_figure_button;   /* on the page shown when there is nothing yet */
  GtkScrolledWindow *scroller;
  GtkBox    *goals_box;

  GPtrArray *cards;   /* of IndsatsFigureCard, in order */
  guint      load_source;
};

G_DEFINE_FINAL_TYPE (IndsatsGoalsView, indsats_goals_view, GTK_TYPE_WIDGET)

static void
indsats_goals_view_dispose (GObject *object)
{
  IndsatsGoalsView *self = INDSATS_GOALS_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->load_source, g_source_remove);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_GOALS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (indsats_goals_view_parent_class)->dispose (object);
}

static void
indsats_goals_view_class_init (IndsatsGoalsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_goals_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-goals-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalsView, stack);
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalsView, new_figure_button);
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, IndsatsGoalsView, goals_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* Reads the figures of the cards in sight, and of those half a screen
 * beyond, so that scrolling finds them drawn */
static gboolean
load_visible (gpointer user_data)
{
  IndsatsGoalsView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double top = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  self->load_source = 0;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->scroller)) || page <= 0)
    return G_SOURCE_REMOVE;
  /* in the coordinates of what scrolls, where the adjustment's value is the
   * top of the screen (the layout after a scroll may not have run yet) */
  for (guint i = 0; i < self->cards->len; i++)
    {
      IndsatsFigureCard *card = g_ptr_array_index (self->cards, i);
      graphene_rect_t bounds;

      if (indsats_figure_card_is_loaded (card) ||
          !gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (self->goals_box), &bounds))
        continue;
      if (bounds.origin.y < top + page * 1.5 && bounds.origin.y + bounds.size.height > top - page * 0.5)
        indsats_figure_card_load (card);
    }
  return G_SOURCE_REMOVE;
}

static void
scrolled_cb (IndsatsGoalsView *self)
{
  if (self->load_source == 0)
    self->load_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, load_visible, self, NULL);
}

static void
indsats_goals_view_init (IndsatsGoalsView *self)
{
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cards = g_ptr_array_new ();
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scroller, "map", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
}

static char *
goal_title (const IndsatsGoal *goal)
{
  if (goal->number > 0)
    return g_strdup_printf ("%s %d. %s", indsats_goal_kind_to_label (goal->kind), goal->number, goal->title);
  return g_strdup_printf ("%s: %s", indsats_goal_kind_to_label (goal->kind), goal->title);
}

/* A group of figure cards, titled; @description may be NULL */
static GtkWidget *
add_group (IndsatsGoalsView *self,
           IndsatsStore     *store,
           const char       *title,
           const char       *description,
           GArray           *figures)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description && *description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  for (guint f = 0; f < figures->len; f++)
    {
      int number = g_array_index (figures, int, f);
      GtkWidget *card = indsats_figure_card_new_for_figure (store, number);

      gtk_widget_set_margin_bottom (card, 12);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), card);
      g_ptr_array_add (self->cards, card);
    }
  gtk_box_append (self->goals_box, group);
  return group;
}

/**
 * indsats_goals_view_load:
 *
 * Shows the goals in @store with their figures, then the figures that
 * belong to no goal; or, when there are neither, how to make a figure.
 */
gboolean
indsats_goals_view_load (IndsatsGoalsView  *self,
                         IndsatsStore      *store,
                         GError           **error)
{
  g_autoptr(GPtrArray) goals = NULL;
  g_autoptr(GArray) others = NULL;
  GtkWidget *child;

  g_return_val_if_fail (INDSATS_IS_GOALS_VIEW (self), FALSE);

  if (!(goals = indsats_store_list_goals (store, error)) ||
      !(others = indsats_store_list_figures_without_goal (store, error)))
    return FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->goals_box))) != NULL)
    gtk_box_remove (self->goals_box, child);
  g_ptr_array_set_size (self->cards, 0);

  for (guint i = 0; i < goals->len; i++)
    {
      IndsatsGoal *goal = g_ptr_array_index (goals, i);
      g_autofree char *title = goal_title (goal);
      GtkWidget *group = add_group (self, store, title, goal->status_text, goal->figures);
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
      g_autofree char *label = g_strdup_printf (_("Edit the status of “%s”"), goal->title);

      gtk_widget_add_css_class (edit, "flat");
      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (edit, _("Edit Status"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (edit), g_variant_new_int64 (goal->id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "win.edit-goal");
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), edit);
    }
  /* a figure made under no goal is shown too, after the goals */
  if (others->len > 0)
    add_group (self, store, goals->len > 0 ? _("Other Figures") : _("Figures"),
               goals->len > 0 ? _("Figures that belong to none of the goals above.") : NULL, others);
  gtk_stack_set_visible_child_name (self->stack, goals->len > 0 || others->len > 0 ? "goals" : "empty");
  scrolled_cb (self);
  return TRUE;
}

/**
 * indsats_goals_view_get_cards:
 *
 * Returns: (transfer none) (element-type IndsatsFigureCard): the figures shown
 */
GPtrArray *
indsats_goals_view_get_cards (IndsatsGoalsView *self)
{
  g_return_val_if_fail (INDSATS_IS_GOALS_VIEW (self), NULL);
  return self->cards;
}
