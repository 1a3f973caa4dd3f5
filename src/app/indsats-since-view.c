/* indsats-since-view.c
 *
 * The page a team leader opens before a committee meeting: since the last
 * meeting that was marked, where each trigger indicator stands then and now,
 * and which actions were added, removed or changed, each in a sentence. The
 * sentences are the ones the briefing and the workbook print. The page reads
 * the store again each time it is shown, so edits made elsewhere in the
 * window are there when one looks.
 */
#include "config.h"

#include "indsats-since-view.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "indsats-changes.h"
#include "indsats-format.h"

struct _IndsatsSinceView
{
  GtkWidget   parent_instance;

  /* template children */
  GtkStack   *stack;
  GtkLabel   *heading;
  GtkLabel   *subtitle;
  GtkListBox *indicators_list;
  GtkListBox *actions_list;

  GPtrArray    *lines;  /* of char *: every row's words, in order */
  IndsatsStore *store;
  gint64        plan_id;
};

G_DEFINE_FINAL_TYPE (IndsatsSinceView, indsats_since_view, GTK_TYPE_WIDGET)

static void
indsats_since_view_dispose (GObject *object)
{
  IndsatsSinceView *self = INDSATS_SINCE_VIEW (object);
  GtkWidget *child;

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), INDSATS_TYPE_SINCE_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (indsats_since_view_parent_class)->dispose (object);
}

static void
indsats_since_view_map (GtkWidget *widget)
{
  IndsatsSinceView *self = INDSATS_SINCE_VIEW (widget);
  g_autoptr(IndsatsStore) store = self->store ? g_object_ref (self->store) : NULL;
  g_autoptr(GError) error = NULL;

  GTK_WIDGET_CLASS (indsats_since_view_parent_class)->map (widget);
  if (store && !indsats_since_view_load (self, store, self->plan_id, &error))
    gtk_label_set_text (self->subtitle, error->message);
}

static void
indsats_since_view_class_init (IndsatsSinceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = indsats_since_view_dispose;
  widget_class->map = indsats_since_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/dk/indsats/Indsats/indsats-since-view.ui");
  gtk_widget_class_bind_template_child (widget_class, IndsatsSinceView, stack);
  gtk_widget_class_bind_template_child (widget_class, IndsatsSinceView, heading);
  gtk_widget_class_bind_template_child (widget_class, IndsatsSinceView, subtitle);
  gtk_widget_class_bind_template_child (widget_class, IndsatsSinceView, indicators_list);
  gtk_widget_class_bind_template_child (widget_class, IndsatsSinceView, actions_list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
indsats_since_view_init (IndsatsSinceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->lines = g_ptr_array_new_with_free_func (g_free);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A row of words; the words are text, never markup */
static void
add_row (IndsatsSinceView *self,
         GtkListBox       *list,
         const char       *title,
         const char       *subtitle,
         const char       *suffix)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle)
    {
      g_autofree char *sub = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
    }
  if (suffix)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  gtk_list_box_append (list, row);
  g_ptr_array_add (self->lines, subtitle ? g_strdup_printf ("%s — %s", title, subtitle) : g_strdup (title));
}

/* "12,3 %" or "1.234": a value kept in machine form, as people read it */
static char *
value_words (const IndsatsChange *c,
             const char          *text)
{
  double value;
  int decimals;

  if (text == NULL)
    return g_strdup ("–");
  value = g_ascii_strtod (text, NULL);
  decimals = fabs (value - round (value)) > 1e-9 ? 1 : 0;
  return g_strcmp0 (c->unit, "pct") == 0 ? indsats_format_percent (value, decimals)
                                          : indsats_format_number (value, decimals);
}

static char *
period_words (const char *text)
{
  IndsatsPeriod period;

  if (text == NULL || !indsats_period_parse (text, &period, NULL))
    return g_strdup ("–");
  return indsats_period_to_label (&period);
}

/* An indicator comes as two changes, its period and then its value: one row */
static void
add_indicator (IndsatsSinceView    *self,
               const IndsatsChange *period,
               const IndsatsChange *value)
{
  g_autofree char *title = g_strdup_printf ("%s, %s", value->id, value->label ? value->label : "");
  g_autofree char *then = value_words (value, value->old_value);
  g_autofree char *now = value_words (value, value->new_value);
  g_autofree char *then_period = period_words (period ? period->old_value : NULL);
  g_autofree char *now_period = period_words (period ? period->new_value : NULL);
  /* Translators: a trigger indicator's latest value and its period now, then at the committee's last meeting */
  g_autofree char *subtitle = g_strdup_printf (_("Now %s (%s); at the meeting %s (%s)"),
                                               now, now_period, then, then_period);
  g_autofree char *arrow = g_strdup_printf ("%s → %s", then, now);

  add_row (self, self->indicators_list, title, subtitle, arrow);
}

/**
 * indsats_since_view_load:
 *
 * Shows what changed since the newest committee meeting marked for the
 * plan, or a page that offers to mark one when there is none.
 */
gboolean
indsats_since_view_load (IndsatsSinceView  *self,
                         IndsatsStore      *store,
                         gint64             plan_id,
                         GError           **error)
{
  g_autoptr(IndsatsSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *subtitle = NULL;
  guint n_actions = 0;

  g_return_val_if_fail (INDSATS_IS_SINCE_VIEW (self), FALSE);
  g_return_val_if_fail (INDSATS_IS_STORE (store), FALSE);

  if (self->store != store)
    {
      g_clear_object (&self->store);
      self->store = g_object_ref (store);
    }
  self->plan_id = plan_id;
  clear_list (self->indicators_list);
  clear_list (self->actions_list);
  g_ptr_array_set_size (self->lines, 0);
  gtk_label_set_text (self->heading, "");
  gtk_label_set_text (self->subtitle, "");

  snapshot = indsats_snapshot_find (store, plan_id, NULL, &local_error);
  if (local_error)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (snapshot == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return TRUE;
    }
  if (!(changes = indsats_changes_since (store, plan_id, snapshot, error)))
    return FALSE;

  date = indsats_format_date (snapshot->meeting_date);
  heading = g_strdup_printf (_("Since the committee meeting of %s"), date);
  subtitle = indsats_snapshot_describe_in (NULL, snapshot);
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->subtitle, subtitle);

  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsChange *c = g_ptr_array_index (changes, i);

      if (strcmp (c->kind, "indicator") == 0)
        {
          IndsatsChange *next = i + 1 < changes->len ? g_ptr_array_index (changes, i + 1) : NULL;

          /* the period comes first, its value right after */
          if (strcmp (c->what, "period") == 0 && next && strcmp (next->what, "value") == 0 &&
              g_strcmp0 (next->id, c->id) == 0)
            {
              add_indicator (self, c, next);
              i++;
            }
          else if (strcmp (c->what, "value") == 0)
            add_indicator (self, NULL, c);
        }
    }
  for (guint i = 0; i < changes->len; i++)
    {
      IndsatsChange *c = g_ptr_array_index (changes, i);
      g_autofree char *words = NULL;

      if (strcmp (c->kind, "action") != 0)
        continue;
      words = indsats_change_describe (c);
      add_row (self, self->actions_list, words, NULL, NULL);
      n_actions++;
    }
  if (n_actions == 0)
    add_row (self, self->actions_list, _("No action was added, removed or changed."), NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "changes");
  return TRUE;
}

gboolean
indsats_since_view_has_meeting (IndsatsSinceView *self)
{
  g_return_val_if_fail (INDSATS_IS_SINCE_VIEW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "changes") == 0;
}

/* "Since the committee meeting of 14.03.2023", "" when none was marked */
const char *
indsats_since_view_get_heading (IndsatsSinceView *self)
{
  g_return_val_if_fail (INDSATS_IS_SINCE_VIEW (self), NULL);
  return gtk_label_get_text (self->heading);
}

/**
 * indsats_since_view_get_lines:
 *
 * Returns: (transfer full): the words of every row, the indicators first
 */
GStrv
indsats_since_view_get_lines (IndsatsSinceView *self)
{
  GStrvBuilder *builder;
  GStrv lines;

  g_return_val_if_fail (INDSATS_IS_SINCE_VIEW (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->lines->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->lines, i));
  lines = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return lines;
}
