/* indsats-changes.c
 *
 * Taking a snapshot at a committee meeting, and later comparing it with the
 * plan as it is now: which actions were added or removed, which of their
 * fields changed, and where each trigger indicator's latest value moved.
 */
#include "config.h"

#include "indsats-changes.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "indsats-follow-up.h"
#include "indsats-format.h"

/* The words of a description in @catalog's language, or the window's when
 * there is none: the committee's papers are Danish whatever the window speaks */
#define W_(catalog, text) ((catalog) ? indsats_catalog_gettext ((catalog), (text)) : _(text))
#define WC_(catalog, context, text) \
  ((catalog) ? indsats_catalog_pgettext ((catalog), (context), (text)) : g_dpgettext2 (GETTEXT_PACKAGE, (context), (text)))

void
indsats_change_free (IndsatsChange *change)
{
  if (change == NULL)
    return;
  g_free (change->kind);
  g_free (change->id);
  g_free (change->what);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change->label);
  g_free (change->unit);
  g_free (change);
}

/**
 * indsats_snapshot_take:
 * @meeting_date: YYYY-MM-DD
 *
 * Keeps the plan's actions and its trigger indicators' latest values under
 * @name.
 *
 * Returns: the snapshot's id, 0 on error
 */
gint64
indsats_snapshot_take (IndsatsStore  *store,
                       gint64         plan_id,
                       const char    *name,
                       const char    *meeting_date,
                       GError       **error)
{
  g_autoptr(GPtrArray) triggers = NULL;
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_snapshot_figure_free);

  g_return_val_if_fail (INDSATS_IS_STORE (store), 0);

  if (!(triggers = indsats_follow_up_load (store, plan_id, error)))
    return 0;
  for (guint i = 0; i < triggers->len; i++)
    {
      IndsatsTriggerStatus *t = g_ptr_array_index (triggers, i);
      IndsatsSnapshotFigure *f;

      if (t->indicator == NULL)
        continue;
      f = g_new0 (IndsatsSnapshotFigure, 1);
      f->indicator = g_strdup (t->indicator);
      f->area = g_strdup (t->area);
      f->period = g_strdup (t->latest_period);
      f->value = t->latest;
      g_ptr_array_add (figures, f);
    }
  return indsats_store_add_snapshot (store, plan_id, name, meeting_date, figures, error);
}

static void
add_change (GPtrArray  *changes,
            const char *kind,
            char       *id,
            const char *what,
            const char *old_value,
            const char *new_value,
            const char *label,
            const char *unit)
{
  IndsatsChange *c = g_new0 (IndsatsChange, 1);

  c->kind = g_strdup (kind);
  c->id = id;
  c->what = g_strdup (what);
  c->old_value = g_strdup (old_value && *old_value ? old_value : NULL);
  c->new_value = g_strdup (new_value && *new_value ? new_value : NULL);
  c->label = g_strdup (label);
  c->unit = g_strdup (unit);
  g_ptr_array_add (changes, c);
}

static char *
id_text (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  const IndsatsAction *x = *(const IndsatsAction * const *) a;
  const IndsatsAction *y = *(const IndsatsAction * const *) b;

  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

static void
compare_action (GPtrArray           *changes,
                const IndsatsAction *then,
                const IndsatsAction *now)
{
  struct { const char *what; const char *old_value; const char *new_value; } fields[] = {
    { "text", then->text, now->text },
    { "team", then->team, now->team },
    { "focus", then->focus, now->focus },
    { "owner", then->owner, now->owner },
    { "start_date", then->start_date, now->start_date },
    { "status", indsats_status_to_string (then->status), indsats_status_to_string (now->status) },
    { "end_date", then->end_date, now->end_date },
    { "started_on", then->started_on, now->started_on },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!same_text (fields[i].old_value, fields[i].new_value))
      add_change (changes, "action", id_text (now->id), fields[i].what,
                  fields[i].old_value, fields[i].new_value, now->text, NULL);
}

static char *
number_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return NULL;
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/**
 * indsats_changes_since:
 *
 * Returns: (transfer full) (element-type IndsatsChange): the actions added,
 *   removed and changed since @snapshot, by id, then two rows per trigger
 *   indicator (its latest period and value then and now), whether or not
 *   they moved
 */
GPtrArray *
indsats_changes_since (IndsatsStore           *store,
                       gint64                  plan_id,
                       const IndsatsSnapshot  *snapshot,
                       GError                **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_change_free);
  g_autoptr(GPtrArray) then = NULL;
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  guint i = 0, k = 0;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  if (!(then = indsats_store_list_snapshot_actions (store, snapshot->id, error)) ||
      !(now = indsats_store_list_actions (store, plan_id, error)) ||
      !(figures = indsats_store_list_snapshot_figures (store, snapshot->id, error)) ||
      !(triggers = indsats_follow_up_load (store, plan_id, error)))
    return NULL;
  g_ptr_array_sort (now, compare_by_id);

  /* both lists in id order: walk them side by side */
  while (i < then->len || k < now->len)
    {
      IndsatsAction *a = i < then->len ? g_ptr_array_index (then, i) : NULL;
      IndsatsAction *b = k < now->len ? g_ptr_array_index (now, k) : NULL;

      if (b == NULL || (a != NULL && a->id < b->id))
        {
          add_change (changes, "action", id_text (a->id), "removed", a->text, NULL, a->text, NULL);
          i++;
        }
      else if (a == NULL || b->id < a->id)
        {
          add_change (changes, "action", id_text (b->id), "added", NULL, b->text, b->text, NULL);
          k++;
        }
      else
        {
          compare_action (changes, a, b);
          i++;
          k++;
        }
    }

  for (guint t = 0; t < triggers->len; t++)
    {
      IndsatsTriggerStatus *s = g_ptr_array_index (triggers, t);
      IndsatsSnapshotFigure *was = NULL;
      g_autofree char *old_number = NULL, *new_number = NULL;

      if (s->indicator == NULL)
        continue;
      for (guint f = 0; f < figures->len && was == NULL; f++)
        {
          IndsatsSnapshotFigure *candidate = g_ptr_array_index (figures, f);
          if (g_strcmp0 (candidate->indicator, s->indicator) == 0)
            was = candidate;
        }
      old_number = number_text (was ? was->value : NAN);
      new_number = number_text (s->latest);
      add_change (changes, "indicator", g_strdup (s->indicator), "period",
                  was ? was->period : NULL, s->latest_period, s->area, s->unit);
      add_change (changes, "indicator", g_strdup (s->indicator), "value",
                  old_number, new_number, s->area, s->unit);
    }
  return g_steal_pointer (&changes);
}

static char *
value_words (IndsatsCatalog      *catalog,
             const IndsatsChange *c,
             const char          *text)
{
  double value;

  if (text == NULL)
    return g_strdup (W_ (catalog, "no value"));
  value = g_ascii_strtod (text, NULL);
  if (g_strcmp0 (c->unit, "pct") == 0)
    return indsats_format_percent (value, fabs (value - round (value)) > 1e-9 ? 1 : 0);
  return indsats_format_number (value, fabs (value - round (value)) > 1e-9 ? 1 : 0);
}

static char *
period_words (IndsatsCatalog *catalog,
              const char     *text)
{
  IndsatsPeriod period;

  if (text == NULL || !indsats_period_parse (text, &period, NULL))
    return g_strdup (W_ (catalog, "no value"));
  return indsats_period_to_label (&period);
}

static char *
date_words (IndsatsCatalog *catalog,
            const char     *iso)
{
  return iso ? indsats_format_date (iso) : g_strdup (W_ (catalog, "none"));
}

/**
 * indsats_status_to_label_in:
 * @catalog: (nullable): the language; %NULL for the window's
 *
 * Returns: the status as people read it: "I gang"
 */
const char *
indsats_status_to_label_in (IndsatsCatalog *catalog,
                            IndsatsStatus   status)
{
  switch (status)
    {
    case INDSATS_STATUS_STARTED: return WC_ (catalog, "status", "Started");
    case INDSATS_STATUS_DONE: return WC_ (catalog, "status", "Done");
    case INDSATS_STATUS_DROPPED: return WC_ (catalog, "status", "Dropped");
    case INDSATS_STATUS_PLANNED:
    default: return WC_ (catalog, "status", "Planned");
    }
}

/**
 * indsats_change_is_told:
 *
 * Returns: whether the change gets a sentence of its own; an indicator's
 *   period is told in the same sentence as its value
 */
gboolean
indsats_change_is_told (const IndsatsChange *change)
{
  g_return_val_if_fail (change != NULL, FALSE);
  return !(strcmp (change->kind, "indicator") == 0 && strcmp (change->what, "period") == 0);
}

/**
 * indsats_snapshot_describe_in:
 * @catalog: (nullable): the language; %NULL for the window's
 *
 * Returns: "Øjebliksbillede “Marts”, taget 01.12.2026 kl. 22:55": which
 *   snapshot a list of changes is measured from, and when it was taken
 */
char *
indsats_snapshot_describe_in (IndsatsCatalog        *catalog,
                              const IndsatsSnapshot *snapshot)
{
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);

  /* created_at is "YYYY-MM-DD HH:MM:SS" */
  day = g_strndup (snapshot->created_at ? snapshot->created_at : "", 10);
  time = g_strndup (snapshot->created_at && strlen (snapshot->created_at) >= 16 ? snapshot->created_at + 11 : "", 5);
  if (indsats_date_is_valid_iso (day))
    {
      g_autofree char *date = indsats_format_date (day);
      /* Translators: a snapshot's name, the date and the time of day it was taken */
      return g_strdup_printf (W_ (catalog, "Snapshot “%s”, taken %s at %s"), snapshot->name, date, time);
    }
  return g_strdup_printf (W_ (catalog, "Snapshot “%s”"), snapshot->name);
}

/**
 * indsats_snapshot_find:
 * @name: (nullable): the snapshot's name; %NULL for the newest meeting
 *
 * Returns: (transfer full) (nullable): the snapshot; %NULL with @error set
 *   when @name is unknown, and %NULL without it when there is no snapshot
 */
IndsatsSnapshot *
indsats_snapshot_find (IndsatsStore  *store,
                       gint64         plan_id,
                       const char    *name,
                       GError       **error)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);

  if (name != NULL)
    return indsats_store_get_snapshot (store, plan_id, name, error);
  if (!(all = indsats_store_list_snapshots (store, plan_id, error)) || all->len == 0)
    return NULL;
  /* the list is in the order of the meetings */
  return g_ptr_array_steal_index (all, all->len - 1);
}

/**
 * indsats_change_describe_in:
 * @catalog: (nullable): the language to tell it in; %NULL for the window's
 *
 * Returns: the change in a sentence for the committee
 */
char *
indsats_change_describe_in (IndsatsCatalog      *catalog,
                            const IndsatsChange *c)
{
  g_return_val_if_fail (c != NULL, NULL);

  if (strcmp (c->kind, "indicator") == 0)
    {
      if (strcmp (c->what, "period") == 0)
        {
          g_autofree char *then = period_words (catalog, c->old_value);
          g_autofree char *now = period_words (catalog, c->new_value);
          /* Translators: an indicator, where it is measured, and the periods of its latest figure */
          return g_strdup_printf (W_ (catalog, "%s, %s: latest figure for %s (at the meeting: %s)"),
                                  c->id, c->label ? c->label : "", now, then);
        }
      else
        {
          g_autofree char *then = value_words (catalog, c, c->old_value);
          g_autofree char *now = value_words (catalog, c, c->new_value);
          return g_strdup_printf (W_ (catalog, "%s, %s: %s now, %s at the meeting"),
                                  c->id, c->label ? c->label : "", now, then);
        }
    }

  if (strcmp (c->what, "added") == 0)
    return g_strdup_printf (W_ (catalog, "New action: “%s”"), c->new_value);
  if (strcmp (c->what, "removed") == 0)
    return g_strdup_printf (W_ (catalog, "Action removed: “%s”"), c->old_value);
  if (strcmp (c->what, "status") == 0)
    {
      IndsatsStatus then = INDSATS_STATUS_PLANNED, now = INDSATS_STATUS_PLANNED;
      indsats_status_from_string (c->old_value, &then, NULL);
      indsats_status_from_string (c->new_value, &now, NULL);
      return g_strdup_printf (W_ (catalog, "“%s”: status changed from %s to %s"), c->label,
                              indsats_status_to_label_in (catalog, then), indsats_status_to_label_in (catalog, now));
    }
  if (strcmp (c->what, "start_date") == 0)
    {
      g_autofree char *then = date_words (catalog, c->old_value);
      g_autofree char *now = date_words (catalog, c->new_value);
      return g_strdup_printf (W_ (catalog, "“%s”: takes effect %s instead of %s"), c->label, now, then);
    }
  if (strcmp (c->what, "started_on") == 0)
    {
      g_autofree char *then = date_words (catalog, c->old_value);
      g_autofree char *now = date_words (catalog, c->new_value);
      return g_strdup_printf (W_ (catalog, "“%s”: started on %s (was %s)"), c->label, now, then);
    }
  if (strcmp (c->what, "end_date") == 0)
    {
      g_autofree char *then = date_words (catalog, c->old_value);
      g_autofree char *now = date_words (catalog, c->new_value);
      return g_strdup_printf (W_ (catalog, "“%s”: end date %s (was %s)"), c->label, now, then);
    }
  if (strcmp (c->what, "owner") == 0)
    return g_strdup_printf (W_ (catalog, "“%s”: now carried out by %s (was %s)"), c->label,
                            c->new_value ? c->new_value : W_ (catalog, "no one"),
                            c->old_value ? c->old_value : W_ (catalog, "no one"));
  if (strcmp (c->what, "text") == 0)
    return g_strdup_printf (W_ (catalog, "Action reworded: “%s” (was “%s”)"), c->new_value, c->old_value);
  if (strcmp (c->what, "team") == 0)
    return g_strdup_printf (W_ (catalog, "“%s”: moved to the team %s (was %s)"), c->label, c->new_value, c->old_value);
  if (strcmp (c->what, "focus") == 0)
    return g_strdup_printf (W_ (catalog, "“%s”: moved to the focus area %s (was %s)"), c->label,
                            c->new_value, c->old_value);
  return g_strdup_printf ("“%s”: %s", c->label, c->what);
}

/**
 * indsats_change_describe:
 *
 * Returns: the change in a sentence, in the window's language
 */
char *
indsats_change_describe (const IndsatsChange *c)
{
  return indsats_change_describe_in (NULL, c);
}
