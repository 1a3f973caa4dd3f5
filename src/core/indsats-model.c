/* indsats-model.c */
#include "config.h"

#include "indsats-model.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-format.h"

static const char * const status_names[] = { "planned", "started", "done", "dropped" };
/* The Danish words, accepted on input too, so that pasted text works */
static const char * const status_danish[] = { "planlagt", "i gang", "gennemført", "opgivet" };

const char *
indsats_status_to_string (IndsatsStatus status)
{
  g_return_val_if_fail (status < INDSATS_N_STATUSES, "planned");
  return status_names[status];
}

const char *
indsats_status_to_label (IndsatsStatus status)
{
  switch (status)
    {
    case INDSATS_STATUS_PLANNED: return C_("status", "Planned");
    case INDSATS_STATUS_STARTED: return C_("status", "Started");
    case INDSATS_STATUS_DONE: return C_("status", "Done");
    case INDSATS_STATUS_DROPPED: return C_("status", "Dropped");
    default: g_return_val_if_reached ("");
    }
}

/**
 * indsats_history_field_label:
 * @field: a field as the history names it ("owner", "start_date", "created" …)
 *
 * Returns: the field's name as the window shows it
 */
const char *
indsats_history_field_label (const char *field)
{
  g_return_val_if_fail (field != NULL, "");

  if (g_str_equal (field, "created")) return _("Created");
  if (g_str_equal (field, "deleted")) return _("Deleted");
  if (g_str_equal (field, "restored")) return _("Restored");
  if (g_str_equal (field, "text")) return _("Action");
  if (g_str_equal (field, "team")) return _("Team");
  if (g_str_equal (field, "focus")) return _("Focus Area");
  if (g_str_equal (field, "owner")) return _("Owner");
  if (g_str_equal (field, "start_date")) return _("Takes Effect");
  if (g_str_equal (field, "started_on")) return _("Started On");
  if (g_str_equal (field, "status")) return _("Status");
  if (g_str_equal (field, "end_date")) return _("Evaluation Date");
  if (g_str_equal (field, "note")) return _("Note");
  if (g_str_equal (field, "position")) return _("Place");
  return field;
}

/**
 * indsats_history_shown_value:
 *
 * Returns: (transfer full): a value from the history as the window shows it:
 *   Danish dates and statuses, "–" for none
 */
char *
indsats_history_shown_value (const char *field,
                             const char *value)
{
  IndsatsStatus status;

  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || *value == '\0')
    return g_strdup ("–");
  if (g_str_has_suffix (field, "_date") || g_str_equal (field, "started_on"))
    return indsats_format_date (value);
  if (g_str_equal (field, "status") && indsats_status_from_string (value, &status, NULL))
    return g_strdup (indsats_status_to_label (status));
  return g_strdup (value);
}

gboolean
indsats_status_from_string (const char     *text,
                            IndsatsStatus  *status,
                            GError        **error)
{
  g_autofree char *s = g_utf8_strdown (text ? text : "", -1);

  g_strstrip (s);
  for (guint i = 0; i < INDSATS_N_STATUSES; i++)
    if (strcmp (s, status_names[i]) == 0 || strcmp (s, status_danish[i]) == 0)
      {
        *status = i;
        return TRUE;
      }
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
               _("“%s” is not a status (use planned, started, done or dropped)"),
               text ? text : "");
  return FALSE;
}

static const char * const goal_kind_names[] = { "minister", "local", "strategic" };

const char *
indsats_goal_kind_to_string (IndsatsGoalKind kind)
{
  g_return_val_if_fail (kind <= INDSATS_GOAL_STRATEGIC, "minister");
  return goal_kind_names[kind];
}

const char *
indsats_goal_kind_to_label (IndsatsGoalKind kind)
{
  switch (kind)
    {
    case INDSATS_GOAL_MINISTER: return _("Ministerial Goal");
    case INDSATS_GOAL_LOCAL: return _("Local Focus Goal");
    case INDSATS_GOAL_STRATEGIC: return _("Strategic Marker");
    default: g_return_val_if_reached ("");
    }
}

gboolean
indsats_goal_kind_from_string (const char      *text,
                               IndsatsGoalKind *kind)
{
  static const struct { const char *name; IndsatsGoalKind kind; } names[] = {
    { "minister", INDSATS_GOAL_MINISTER }, { "ministermål", INDSATS_GOAL_MINISTER },
    { "local", INDSATS_GOAL_LOCAL }, { "lokalt fokusmål", INDSATS_GOAL_LOCAL },
    { "strategic", INDSATS_GOAL_STRATEGIC }, { "strategisk pejlemærke", INDSATS_GOAL_STRATEGIC },
  };
  g_autofree char *s = g_utf8_strdown (text ? text : "", -1);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (s, names[i].name) == 0)
      {
        *kind = names[i].kind;
        return TRUE;
      }
  return FALSE;
}

static const char * const figure_kind_names[] = { "line", "column", "bar" };

const char *
indsats_figure_kind_to_string (IndsatsFigureKind kind)
{
  g_return_val_if_fail (kind <= INDSATS_FIGURE_BAR, "line");
  return figure_kind_names[kind];
}

gboolean
indsats_figure_kind_from_string (const char         *text,
                                 IndsatsFigureKind  *kind,
                                 GError            **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (figure_kind_names); i++)
    if (g_strcmp0 (text, figure_kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
               _("“%s” is not a kind of figure (use line, column or bar)"), text ? text : "");
  return FALSE;
}

IndsatsPlan *
indsats_plan_new (void)
{
  IndsatsPlan *plan = g_new0 (IndsatsPlan, 1);

  plan->threshold = NAN;
  return plan;
}

void
indsats_plan_free (IndsatsPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->title);
  g_free (plan->jobcentre);
  g_free (plan->dated);
  g_free (plan->star_letter);
  g_free (plan->star_follow_up_letter);
  g_strfreev (plan->triggers);
  g_free (plan->target);
  g_free (plan->follow_up);
  g_free (plan->committee);
  g_free (plan->demo_key);
  g_free (plan);
}

IndsatsAction *
indsats_action_new (void)
{
  return g_new0 (IndsatsAction, 1);
}

IndsatsAction *
indsats_action_copy (const IndsatsAction *a)
{
  IndsatsAction *copy;

  g_return_val_if_fail (a != NULL, NULL);

  copy = g_memdup2 (a, sizeof *a);
  copy->team = g_strdup (a->team);
  copy->focus = g_strdup (a->focus);
  copy->text = g_strdup (a->text);
  copy->owner = g_strdup (a->owner);
  copy->start_date = g_strdup (a->start_date);
  copy->started_on = g_strdup (a->started_on);
  copy->end_date = g_strdup (a->end_date);
  copy->note = g_strdup (a->note);
  return copy;
}

void
indsats_action_free (IndsatsAction *a)
{
  if (a == NULL)
    return;
  g_free (a->team);
  g_free (a->focus);
  g_free (a->text);
  g_free (a->owner);
  g_free (a->start_date);
  g_free (a->started_on);
  g_free (a->end_date);
  g_free (a->note);
  g_free (a);
}

void
indsats_history_entry_free (IndsatsHistoryEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->changed_at);
  g_free (e->field);
  g_free (e->old_value);
  g_free (e->new_value);
  g_free (e->changed_by);
  g_free (e);
}

IndsatsGoal *
indsats_goal_new (void)
{
  IndsatsGoal *goal = g_new0 (IndsatsGoal, 1);

  goal->figures = g_array_new (FALSE, FALSE, sizeof (int));
  return goal;
}

void
indsats_goal_free (IndsatsGoal *goal)
{
  if (goal == NULL)
    return;
  g_free (goal->title);
  g_free (goal->status_text);
  g_free (goal->note);
  g_clear_pointer (&goal->figures, g_array_unref);
  g_free (goal);
}

void
indsats_indicator_free (IndsatsIndicator *indicator)
{
  if (indicator == NULL)
    return;
  g_free (indicator->name);
  g_free (indicator->unit);
  g_free (indicator);
}

IndsatsObservation *
indsats_observation_new (void)
{
  IndsatsObservation *o = g_new0 (IndsatsObservation, 1);

  o->value = NAN;
  return o;
}

/**
 * indsats_observation_copy:
 *
 * Returns: (transfer full): a copy of @o with texts of its own
 */
IndsatsObservation *
indsats_observation_copy (const IndsatsObservation *o)
{
  IndsatsObservation *copy = g_new (IndsatsObservation, 1);

  *copy = *o;
  copy->indicator = g_strdup (o->indicator);
  copy->area = g_strdup (o->area);
  copy->period = g_strdup (o->period);
  copy->unit = g_strdup (o->unit);
  copy->source = g_strdup (o->source);
  return copy;
}

void
indsats_observation_free (IndsatsObservation *o)
{
  if (o == NULL)
    return;
  g_free (o->indicator);
  g_free (o->area);
  g_free (o->period);
  g_free (o->unit);
  g_free (o->source);
  g_free (o);
}

IndsatsFigureSeries *
indsats_figure_series_new (const char *indicator,
                           const char *area,
                           const char *label)
{
  IndsatsFigureSeries *s = g_new0 (IndsatsFigureSeries, 1);

  s->indicator = g_strdup (indicator);
  s->area = g_strdup (area);
  s->label = g_strdup (label);
  return s;
}

void
indsats_figure_series_free (IndsatsFigureSeries *s)
{
  if (s == NULL)
    return;
  g_free (s->indicator);
  g_free (s->area);
  g_free (s->label);
  g_free (s);
}

IndsatsFigure *
indsats_figure_new (void)
{
  IndsatsFigure *f = g_new0 (IndsatsFigure, 1);

  f->threshold = NAN;
  f->series = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_figure_series_free);
  f->action_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return f;
}

void
indsats_figure_free (IndsatsFigure *f)
{
  if (f == NULL)
    return;
  g_free (f->title);
  g_free (f->unit);
  g_free (f->period_from);
  g_free (f->period_to);
  g_free (f->threshold_label);
  g_free (f->source);
  g_clear_pointer (&f->series, g_ptr_array_unref);
  g_clear_pointer (&f->action_ids, g_array_unref);
  g_free (f);
}

/**
 * indsats_action_is_late:
 * @today: YYYY-MM-DD
 *
 * Returns: whether @a is still planned though the day it was to take effect has passed
 */
gboolean
indsats_action_is_late (const IndsatsAction *a,
                        const char          *today)
{
  g_return_val_if_fail (a != NULL, FALSE);
  return a->status == INDSATS_STATUS_PLANNED && today != NULL && a->start_date != NULL &&
         strcmp (a->start_date, today) < 0;
}

/**
 * indsats_action_date_words:
 * @today: YYYY-MM-DD, to tell a late action
 *
 * What a list says of an action's day: the day it actually started once it
 * has, the day it was planned to take effect before, and that it is late when
 * that day has passed.
 *
 * Returns: (transfer full): "Started 13.03.2023", "Takes effect 11.05.2023" or
 *   "Late – should have taken effect 11.05.2023"
 */
char *
indsats_action_date_words (const IndsatsAction *a,
                           const char          *today)
{
  g_autofree char *planned = NULL;

  g_return_val_if_fail (a != NULL, NULL);

  planned = indsats_format_date (a->start_date);
  if (a->status != INDSATS_STATUS_PLANNED && a->started_on != NULL && *a->started_on != '\0')
    {
      g_autofree char *started = indsats_format_date (a->started_on);
      return g_strdup_printf (_("Started %s"), started);
    }
  if (a->status == INDSATS_STATUS_STARTED || a->status == INDSATS_STATUS_DONE)
    /* started before the day was kept */
    return g_strdup_printf (_("Started, planned for %s"), planned);
  if (indsats_action_is_late (a, today))
    return g_strdup_printf (_("Late – should have taken effect %s"), planned);
  return g_strdup_printf (_("Takes effect %s"), planned);
}
