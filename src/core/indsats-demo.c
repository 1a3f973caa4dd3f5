/* indsats-demo.c
 *
 * Writes Ishøj Jobcenter's recovery plan of 7 March 2023 and the status of its
 * 2023 employment plan into a store. The tables are compiled into the program
 * (data/demo); every documented value is loaded exactly, and the illustrative
 * values between them say so in their source.
 */
#include "config.h"

#include "indsats-demo.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-format.h"

#define RESOURCE_DIR "/dk/indsats/Indsats/demo/"

/* from the resource compiled out of data/demo */
GResource *indsats_demo_get_resource (void);

/* A static library drops the resource's constructor, so register it here */
static void
ensure_resource (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_resources_register (indsats_demo_get_resource ());
      g_once_init_leave (&done, 1);
    }
}

typedef struct
{
  char       *name;
  GStrv       header;
  GPtrArray  *rows; /* of GStrv */
} Table;

static void
table_free (Table *t)
{
  g_free (t->name);
  g_strfreev (t->header);
  g_clear_pointer (&t->rows, g_ptr_array_unref);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static Table *
table_load (const char  *name,
            GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(Table) t = g_new0 (Table, 1);
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  ensure_resource ();
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);
  lines = g_strsplit (text, "\n", -1);

  t->name = g_strdup (name);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (*line == '\0')
        continue;
      if (t->header == NULL)
        t->header = g_strsplit (line, "\t", -1);
      else
        g_ptr_array_add (t->rows, g_strsplit (line, "\t", -1));
    }
  if (t->header == NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED, _("The demo table %s is empty"), name);
      return NULL;
    }
  return g_steal_pointer (&t);
}

/* The value of @column in @row, "" when the row is short */
static const char *
cell (Table      *t,
      GStrv       row,
      const char *column)
{
  guint n = g_strv_length (row);

  for (guint i = 0; t->header[i] != NULL; i++)
    if (strcmp (t->header[i], column) == 0)
      return i < n ? row[i] : "";
  g_error ("demo table %s has no column %s", t->name, column);
}

static gint64
write_plan (IndsatsStore  *store,
            GError       **error)
{
  g_autoptr(Table) meta = table_load ("genopretningsplan-ishoej-2023-meta.tsv", error);
  g_autoptr(IndsatsPlan) plan = indsats_plan_new ();
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);

  if (meta == NULL)
    return 0;
  for (guint i = 0; i < meta->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (meta->rows, i);
      const char *field = cell (meta, row, "field");
      const char *value = cell (meta, row, "value");

      if (strcmp (field, "jobcenter") == 0)
        plan->jobcentre = g_strdup (value);
      else if (strcmp (field, "title") == 0)
        plan->title = g_strdup (value);
      else if (strcmp (field, "dated") == 0)
        plan->dated = g_strdup (value);
      else if (strcmp (field, "star_letter") == 0)
        plan->star_letter = g_strdup (value);
      else if (strcmp (field, "star_follow_up_letter") == 0)
        plan->star_follow_up_letter = g_strdup (value);
      else if (strcmp (field, "trigger") == 0)
        g_ptr_array_add (triggers, g_strdup (value));
      else if (strcmp (field, "threshold_pct") == 0)
        plan->threshold = g_ascii_strtod (value, NULL);
      else if (strcmp (field, "target") == 0)
        plan->target = g_strdup (value);
      else if (strcmp (field, "follow_up") == 0)
        plan->follow_up = g_strdup (value);
      else if (strcmp (field, "committee") == 0)
        plan->committee = g_strdup (value);
    }
  g_ptr_array_add (triggers, NULL);
  plan->triggers = (GStrv) g_ptr_array_steal (triggers, NULL);
  plan->demo_key = g_strdup (INDSATS_DEMO_KEY);
  return indsats_store_add_plan (store, plan, error);
}

static gboolean
write_actions (IndsatsStore  *store,
               gint64         plan_id,
               GError       **error)
{
  g_autoptr(Table) t = table_load ("genopretningsplan-ishoej-2023.tsv", error);

  if (t == NULL)
    return FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (t->rows, i);
      IndsatsAction a = { 0 };

      a.team = (char *) cell (t, row, "team");
      a.focus = (char *) cell (t, row, "focus");
      a.text = (char *) cell (t, row, "action");
      a.owner = (char *) cell (t, row, "owner");
      a.start_date = (char *) cell (t, row, "start_date");
      /* The plan is of March 2023: what had taken effect by then has started */
      a.status = strcmp (a.start_date, "2023-03-07") <= 0 ? INDSATS_STATUS_STARTED
                                                          : INDSATS_STATUS_PLANNED;
      /* and started on the day it was planned to */
      if (a.status == INDSATS_STATUS_STARTED)
        a.started_on = a.start_date;
      if (indsats_store_add_action (store, plan_id, &a, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* The plan's triggers are about the indicators marked with their number */
static gboolean
write_indicators (IndsatsStore  *store,
                  gint64         plan_id,
                  GError       **error)
{
  g_autoptr(Table) t = table_load ("demo-indicators.tsv", error);

  if (t == NULL)
    return FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (t->rows, i);
      const char *threshold = cell (t, row, "threshold");

      const char *trigger = cell (t, row, "trigger");
      gint64 id = indsats_store_ensure_indicator (store, cell (t, row, "indicator"), cell (t, row, "unit"),
                                                  strcmp (cell (t, row, "higher_is_better"), "1") == 0,
                                                  *threshold ? g_ascii_strtod (threshold, NULL) : NAN,
                                                  error);
      if (id == 0)
        return FALSE;
      if (*trigger && !indsats_store_link_trigger (store, plan_id, atoi (trigger) - 1, id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_observations (IndsatsStore  *store,
                    const char    *table,
                    GError       **error)
{
  g_autoptr(Table) t = table_load (table, error);
  gboolean documented = strcmp (table, "noegletal-fra-dokumenterne.tsv") == 0;

  if (t == NULL)
    return FALSE;
  for (guint i = 0; i < t->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (t->rows, i);
      const char *name = cell (t, row, "indicator");
      const char *source = documented ? cell (t, row, "note") : cell (t, row, "source");
      gint64 id = indsats_store_find_indicator (store, name, error);
      double value;

      if (id <= 0)
        {
          if (id == 0)
            g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                         _("Demo table %s names the unknown indicator “%s”"), table, name);
          return FALSE;
        }
      if (!indsats_number_parse (cell (t, row, "value"), &value, NULL, error))
        return FALSE;
      if (documented)
        source = g_str_has_prefix (source, "seed 000") ? "Genopretningsplan, 7. marts 2023"
                                                       : "Status på mål i Beskæftigelsesplan 2023";
      if (!indsats_store_set_observation (store, id, cell (t, row, "area"), cell (t, row, "period"),
                                          value,
                                          !documented && strcmp (cell (t, row, "preliminary"), "1") == 0,
                                          source, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
find_goal_of_figure (Table      *goals,
                     GPtrArray  *goal_ids,
                     int         number)
{
  g_autofree char *name = g_strdup_printf ("Figur %d", number);

  for (guint i = 0; i < goals->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (goals->rows, i);
      g_auto(GStrv) figures = g_strsplit (cell (goals, row, "figures"), ",", -1);

      for (guint j = 0; figures[j] != NULL; j++)
        if (strcmp (g_strstrip (figures[j]), name) == 0)
          return GPOINTER_TO_SIZE (g_ptr_array_index (goal_ids, i));
    }
  return 0;
}

static gboolean
write_goals_and_figures (IndsatsStore  *store,
                         gint64         plan_id,
                         GError       **error)
{
  g_autoptr(Table) goals = table_load ("maalstruktur-beskaeftigelsesplan-2023.tsv", error);
  g_autoptr(Table) status = NULL;
  g_autoptr(Table) figures = NULL;
  g_autoptr(GPtrArray) goal_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) actions = NULL;

  if (goals == NULL ||
      !(status = table_load ("demo-goal-status.tsv", error)) ||
      !(figures = table_load ("demo-figures.tsv", error)) ||
      !(actions = indsats_store_list_actions (store, plan_id, error)))
    return FALSE;

  for (guint i = 0; i < goals->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (goals->rows, i);
      g_autoptr(IndsatsGoal) goal = indsats_goal_new ();
      gint64 id;

      if (!indsats_goal_kind_from_string (cell (goals, row, "kind"), &goal->kind))
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                       _("Unknown kind of goal “%s”"), cell (goals, row, "kind"));
          return FALSE;
        }
      goal->number = atoi (cell (goals, row, "number"));
      goal->title = g_strdup (cell (goals, row, "title"));
      goal->note = g_strdup (cell (goals, row, "note"));
      for (guint j = 0; j < status->rows->len; j++)
        {
          GStrv srow = g_ptr_array_index (status->rows, j);
          if (strcmp (cell (status, srow, "title"), goal->title) == 0)
            goal->status_text = g_strdup (cell (status, srow, "status_text"));
        }
      if ((id = indsats_store_add_goal (store, goal, error)) == 0)
        return FALSE;
      g_ptr_array_add (goal_ids, GSIZE_TO_POINTER ((gsize) id));
    }

  for (guint i = 0; i < figures->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (figures->rows, i);
      g_autoptr(IndsatsFigure) f = indsats_figure_new ();
      g_auto(GStrv) indicators = g_strsplit (cell (figures, row, "indicators"), "|", -1);
      g_auto(GStrv) areas = g_strsplit (cell (figures, row, "areas"), "|", -1);
      const char *threshold = cell (figures, row, "threshold");
      const char *team = cell (figures, row, "actions_of_team");

      f->number = atoi (cell (figures, row, "number"));
      f->title = g_strdup (cell (figures, row, "title"));
      if (!indsats_figure_kind_from_string (cell (figures, row, "kind"), &f->kind, error))
        return FALSE;
      f->unit = g_strdup (cell (figures, row, "unit"));
      f->period_from = g_strdup (cell (figures, row, "from"));
      f->period_to = g_strdup (cell (figures, row, "to"));
      if (*threshold)
        {
          /* named in the words of whoever reads the figure */
          f->threshold = g_ascii_strtod (threshold, NULL);
        }
      f->source = g_strdup (cell (figures, row, "source"));
      f->goal_id = find_goal_of_figure (goals, goal_ids, f->number);

      /* several indicators: the legend names the indicator; several areas: the area */
      for (guint a = 0; areas[a] != NULL; a++)
        for (guint k = 0; indicators[k] != NULL; k++)
          g_ptr_array_add (f->series,
                           indsats_figure_series_new (indicators[k], areas[a],
                                                      g_strv_length (indicators) > 1 ? NULL : areas[a]));

      for (guint k = 0; *team && k < actions->len; k++)
        {
          IndsatsAction *a = g_ptr_array_index (actions, k);
          if (strcmp (a->team, team) == 0)
            g_array_append_val (f->action_ids, a->id);
        }

      if (indsats_store_add_figure (store, f, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * indsats_demo_write:
 * @store: the store to write into
 * @already_there: (out) (optional): set when the store held the demo already
 * @error: what went wrong
 *
 * Writes the demo plan, its goals, key figures and figures in one
 * transaction. A store that already holds the demo is left as it is.
 *
 * Returns: the demo plan's id, or 0 with @error set
 */
gint64
indsats_demo_write (IndsatsStore  *store,
                    gboolean      *already_there,
                    GError       **error)
{
  gint64 plan_id;

  g_return_val_if_fail (INDSATS_IS_STORE (store), 0);

  if (already_there)
    *already_there = FALSE;
  plan_id = indsats_store_find_plan_by_demo_key (store, INDSATS_DEMO_KEY, error);
  if (plan_id < 0)
    return 0;
  if (plan_id > 0)
    {
      if (already_there)
        *already_there = TRUE;
      return plan_id;
    }

  if (!indsats_store_begin (store, error))
    return 0;
  if ((plan_id = write_plan (store, error)) == 0 ||
      !write_actions (store, plan_id, error) ||
      !write_indicators (store, plan_id, error) ||
      !write_observations (store, "noegletal-fra-dokumenterne.tsv", error) ||
      !write_observations (store, "demo-series.tsv", error) ||
      !write_goals_and_figures (store, plan_id, error))
    {
      indsats_store_rollback (store);
      return 0;
    }
  if (!indsats_store_commit (store, error))
    return 0;
  return plan_id;
}
