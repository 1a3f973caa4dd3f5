/* indsats-store-normalize.c
 *
 * Migration 4: every text the database holds is put in Unicode NFC. Names
 * that were stored in two spellings (NFD from a Mac or a PDF, NFC from a
 * keyboard) become one: two teams of a plan, two focus areas of a team, two
 * indicators, two spellings of an owner or an area. Nothing is lost: actions
 * keep their ids and history and move to the one team or focus area; an
 * indicator's values, figures and triggers go to the one indicator; an
 * area's two values for one period become the newer value and a revision
 * that keeps the older. Each merge is told in the store's notes.
 *
 * It runs inside the migration's transaction. NFC is computed here, not in
 * SQL, so that it needs nothing of the database but plain statements.
 */
#include "config.h"

#include "indsats-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "indsats-text.h"

/* Runs @sql with one id, or two, bound */
static gboolean
run_ids (IndsatsStore  *self,
         const char    *sql,
         guint          n_ids,
         gint64         a,
         gint64         b,
         GError       **error)
{
  IndsatsStmt *stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, 1, a);
  if (n_ids > 1)
    bind_int64 (stmt, 2, b);
  return step_done (self, stmt, _("Cannot put the names in one spelling"), error);
}

#define run1(self, sql, a, error) run_ids (self, sql, 1, a, 0, error)
#define run2(self, sql, a, b, error) run_ids (self, sql, 2, a, b, error)

/* One row of a table of names: its id, what it belongs to, its name in NFC
 * and, for the note, the name of what it belongs to */
typedef struct
{
  gint64  id;
  gint64  parent;
  char   *name;
  char   *context;
} Named;

static void
named_clear (gpointer data)
{
  Named *n = data;

  g_free (n->name);
  g_free (n->context);
}

static int
compare_named (gconstpointer a,
               gconstpointer b)
{
  const Named *x = a, *y = b;

  if (x->parent != y->parent)
    return x->parent < y->parent ? -1 : 1;
  return strcmp (x->name, y->name);
}

/* Reads (id, parent, name, parent's name) rows in the order of @sql (the one
 * to keep first) and groups them by parent and NFC name, keeping that order */
static GArray *
read_named (IndsatsStore  *self,
            const char    *sql,
            GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Named));
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_array_set_clear_func (rows, named_clear);
  if (!(stmt = prepare (self, sql, error)))
    return NULL;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      Named n = {
        column_int64 (stmt, 0),
        column_int64 (stmt, 1),
        indsats_text_normalize (column_peek_text (stmt, 2)),
        indsats_text_normalize (column_peek_text (stmt, 3)),
      };
      if (n.name == NULL)
        n.name = g_strdup ("");
      g_array_append_val (rows, n);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    {
      set_db_error (self, error, _("Cannot put the names in one spelling"));
      return NULL;
    }
  /* a stable sort: within a name, the order of @sql stays */
  g_array_sort (rows, compare_named);
  return g_steal_pointer (&rows);
}

/* The end of the run of rows from @i with the same parent and name */
static guint
end_of_twins (GArray *rows,
              guint   i)
{
  guint j = i + 1;

  while (j < rows->len && compare_named (&g_array_index (rows, Named, i), &g_array_index (rows, Named, j)) == 0)
    j++;
  return j;
}

static void
note_merge (IndsatsStore *self,
            const char   *what,
            const char   *name,
            guint         spellings,
            const char   *context_what,
            const char   *context)
{
  if (context_what != NULL && context != NULL)
    g_ptr_array_add (self->notes, g_strdup_printf (_("merged %u spellings of the %s “%s” (%s “%s”) into one"),
                                                   spellings, _(what), name, _(context_what), context));
  else
    g_ptr_array_add (self->notes, g_strdup_printf (_("merged %u spellings of the %s “%s” into one"),
                                                   spellings, _(what), name));
}

static const char sql_next_action_position[] =
  "SELECT coalesce(max(position), -1) + 1 FROM action WHERE focus_id = ?";
static const char sql_move_actions[] =
  "UPDATE action SET focus_id = ?1, position = position + ?3 WHERE focus_id = ?2";
static const char sql_delete_focus[] = "DELETE FROM focus_area WHERE id = ?";

/* Moves the actions of focus area @from after those of @to, and removes @from */
static gboolean
move_actions (IndsatsStore  *self,
              gint64         from,
              gint64         to,
              GError       **error)
{
  gint64 offset = select_id (self, sql_next_action_position, NULL, to, _("Cannot read the plan"), error);
  IndsatsStmt *stmt;

  if (offset < 0 || !(stmt = prepare (self, sql_move_actions, error)))
    return FALSE;
  bind_int64 (stmt, 1, to);
  bind_int64 (stmt, 2, from);
  bind_int64 (stmt, 3, offset);
  return step_done (self, stmt, _("Cannot move the actions"), error) &&
         run1 (self, sql_delete_focus, from, error);
}

static const char sql_focus_of_teams[] =
  "SELECT id, team_id, name, NULL FROM focus_area WHERE team_id IN (?1, ?2) ORDER BY position, id";
static const char sql_move_focus[] =
  "UPDATE focus_area SET team_id = ?1,"
  " position = (SELECT coalesce(max(position), -1) + 1 FROM focus_area WHERE team_id = ?1) WHERE id = ?2";
static const char sql_delete_team[] = "DELETE FROM team WHERE id = ?";

/* Two teams of one plan with one name: the second's focus areas go to the
 * first, each merged with the first's focus area of its name if it has one */
static gboolean
merge_team (IndsatsStore  *self,
            const Named   *keep,
            gint64         gone,
            GError       **error)
{
  g_autoptr(GArray) focus = g_array_new (FALSE, TRUE, sizeof (Named));
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_array_set_clear_func (focus, named_clear);
  if (!(stmt = prepare (self, sql_focus_of_teams, error)))
    return FALSE;
  bind_int64 (stmt, 1, keep->id);
  bind_int64 (stmt, 2, gone);
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      Named n = { column_int64 (stmt, 0), column_int64 (stmt, 1),
                  indsats_text_normalize (column_peek_text (stmt, 2)), NULL };
      g_array_append_val (focus, n);
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot read the plan"));

  for (guint i = 0; i < focus->len; i++)
    {
      Named *f = &g_array_index (focus, Named, i);
      gint64 twin = 0;

      if (f->parent != gone)
        continue;
      for (guint j = 0; j < focus->len && twin == 0; j++)
        {
          Named *k = &g_array_index (focus, Named, j);
          if (k->parent == keep->id && strcmp (k->name, f->name) == 0)
            twin = k->id;
        }
      if (twin != 0)
        {
          if (!move_actions (self, f->id, twin, error))
            return FALSE;
          note_merge (self, N_("focus area"), f->name, 2, N_("team"), keep->name);
        }
      else if (!run2 (self, sql_move_focus, keep->id, f->id, error))
        return FALSE;
    }
  return run1 (self, sql_delete_team, gone, error);
}

static const char sql_teams[] =
  "SELECT t.id, t.plan_id, t.name, p.title FROM team t JOIN plan p ON p.id = t.plan_id"
  " ORDER BY t.plan_id, t.position, t.id";
static const char sql_focus_areas[] =
  "SELECT f.id, f.team_id, f.name, t.name FROM focus_area f JOIN team t ON t.id = f.team_id"
  " ORDER BY f.team_id, f.position, f.id";

static gboolean
merge_teams (IndsatsStore  *self,
             GError       **error)
{
  g_autoptr(GArray) teams = read_named (self, sql_teams, error);

  if (teams == NULL)
    return FALSE;
  for (guint i = 0, j; i < teams->len; i = j)
    {
      Named *keep = &g_array_index (teams, Named, i);

      j = end_of_twins (teams, i);
      for (guint k = i + 1; k < j; k++)
        if (!merge_team (self, keep, g_array_index (teams, Named, k).id, error))
          return FALSE;
      if (j - i > 1)
        note_merge (self, N_("team"), keep->name, j - i, N_("plan"), keep->context);
    }
  return TRUE;
}

static gboolean
merge_focus_areas (IndsatsStore  *self,
                   GError       **error)
{
  g_autoptr(GArray) focus = read_named (self, sql_focus_areas, error);

  if (focus == NULL)
    return FALSE;
  for (guint i = 0, j; i < focus->len; i = j)
    {
      Named *keep = &g_array_index (focus, Named, i);

      j = end_of_twins (focus, i);
      for (guint k = i + 1; k < j; k++)
        if (!move_actions (self, g_array_index (focus, Named, k).id, keep->id, error))
          return FALSE;
      if (j - i > 1)
        note_merge (self, N_("focus area"), keep->name, j - i, N_("team"), keep->context);
    }
  return TRUE;
}

static const char sql_indicators[] = "SELECT id, 0, name, NULL FROM indicator ORDER BY id";
static const char sql_fill_indicator[] =
  "UPDATE indicator SET"
  " unit = CASE unit WHEN '' THEN (SELECT unit FROM indicator WHERE id = ?2) ELSE unit END,"
  " threshold = coalesce(threshold, (SELECT threshold FROM indicator WHERE id = ?2))"
  " WHERE id = ?1";
static const char sql_move_series[] = "UPDATE figure_series SET indicator_id = ?1 WHERE indicator_id = ?2";
static const char sql_move_triggers[] = "UPDATE plan_trigger SET indicator_id = ?1 WHERE indicator_id = ?2";

/* Indicators of one name: the first stays; what it leaves open (its unit,
 * its threshold) the twin fills in, and the twin's figures and triggers come
 * to it. @merged gets twin id → kept id; the values follow in merge_values(). */
static gboolean
merge_indicators (IndsatsStore  *self,
                  GHashTable    *merged,
                  GError       **error)
{
  g_autoptr(GArray) indicators = read_named (self, sql_indicators, error);

  if (indicators == NULL)
    return FALSE;
  for (guint i = 0, j; i < indicators->len; i = j)
    {
      Named *keep = &g_array_index (indicators, Named, i);

      j = end_of_twins (indicators, i);
      for (guint k = i + 1; k < j; k++)
        {
          gint64 gone = g_array_index (indicators, Named, k).id;

          g_hash_table_insert (merged, g_memdup2 (&gone, sizeof gone), g_memdup2 (&keep->id, sizeof keep->id));
          if (!run2 (self, sql_fill_indicator, keep->id, gone, error) ||
              !run2 (self, sql_move_series, keep->id, gone, error) ||
              !run2 (self, sql_move_triggers, keep->id, gone, error))
            return FALSE;
        }
      if (j - i > 1)
        note_merge (self, N_("indicator"), keep->name, j - i, NULL, NULL);
    }
  return TRUE;
}

/* An observation that may land on another's indicator, area and period */
typedef struct
{
  gint64  id;
  gint64  indicator;  /* where it goes */
  char   *area;       /* in NFC */
  char   *period;
  char   *updated_at;
} Moving;

static void
moving_clear (gpointer data)
{
  Moving *m = data;

  g_free (m->area);
  g_free (m->period);
  g_free (m->updated_at);
}

/* Newer first; of two as new, the later row */
static gboolean
newer (const char *at_a,
       gint64      id_a,
       const char *at_b,
       gint64      id_b)
{
  int c = g_strcmp0 (at_a, at_b);

  return c != 0 ? c > 0 : id_a > id_b;
}

static const char sql_observations[] =
  "SELECT id, indicator_id, area, period, updated_at FROM observation";
static const char sql_observation_at[] =
  "SELECT id, updated_at FROM observation WHERE indicator_id = ? AND area = ? AND period = ?";
static const char sql_keep_older_value[] =
  "INSERT INTO observation_revision (observation_id, changed_at, old_value, new_value, source)"
  " SELECT k.id, g.updated_at, g.value, k.value, 'Merged spelling: ' || g.source"
  " FROM observation g, observation k WHERE g.id = ?1 AND k.id = ?2 AND g.value IS NOT k.value";
static const char sql_move_revisions[] =
  "UPDATE observation_revision SET observation_id = ?2 WHERE observation_id = ?1";
static const char sql_delete_observation[] = "DELETE FROM observation WHERE id = ?";
static const char sql_place_observation[] =
  "UPDATE observation SET indicator_id = ?, area = ? WHERE id = ?";

/* @gone's value goes into @keep's history, and @gone goes */
static gboolean
merge_value (IndsatsStore  *self,
             gint64         gone,
             gint64         keep,
             GError       **error)
{
  return run2 (self, sql_keep_older_value, gone, keep, error) &&
         run2 (self, sql_move_revisions, gone, keep, error) &&
         run1 (self, sql_delete_observation, gone, error);
}

/* Observations whose area is not in NFC or whose indicator was merged are
 * moved to their one indicator and spelling; where one is there already (or
 * another moves there), the newer stays and the other's value becomes its
 * revision. */
static gboolean
merge_values (IndsatsStore  *self,
              GHashTable    *merged,
              GError       **error)
{
  g_autoptr(GArray) moving = g_array_new (FALSE, TRUE, sizeof (Moving));
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  IndsatsStmt *stmt;
  IndsatsStep rc;
  guint n_merged = 0;

  g_array_set_clear_func (moving, moving_clear);
  if (!(stmt = prepare (self, sql_observations, error)))
    return FALSE;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      gint64 indicator = column_int64 (stmt, 1);
      const char *area = column_peek_text (stmt, 2);
      gint64 *to = g_hash_table_lookup (merged, &indicator);

      if (to == NULL && indsats_text_is_normal (area))
        continue;
      {
        Moving m = { column_int64 (stmt, 0), to ? *to : indicator, indsats_text_normalize (area),
                     column_text (stmt, 3), column_text (stmt, 4) };
        g_array_append_val (moving, m);
      }
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot read the key figures"));

  for (guint i = 0; i < moving->len; i++)
    {
      Moving *m = &g_array_index (moving, Moving, i);
      g_autofree char *place = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s", m->indicator, m->area, m->period);
      Moving *there = g_hash_table_lookup (places, place);
      gint64 staying_id = 0;
      g_autofree char *staying_at = NULL;

      if (there == NULL)
        {
          /* a value already in its place, that does not move */
          if (!(stmt = prepare (self, sql_observation_at, error)))
            return FALSE;
          bind_int64 (stmt, 1, m->indicator);
          bind_text (stmt, 2, m->area);
          bind_text (stmt, 3, m->period);
          if ((rc = step (stmt)) == INDSATS_STEP_ROW)
            {
              staying_id = column_int64 (stmt, 0);
              staying_at = column_text (stmt, 1);
            }
          reset (stmt);
          if (rc == INDSATS_STEP_FAILED)
            return set_db_error (self, error, _("Cannot read the key figures"));
        }
      else
        {
          staying_id = there->id;
          staying_at = g_strdup (there->updated_at);
        }

      if (staying_id != 0)
        {
          n_merged++;
          if (newer (staying_at, staying_id, m->updated_at, m->id))
            {
              if (!merge_value (self, m->id, staying_id, error))
                return FALSE;
              continue;
            }
          if (!merge_value (self, staying_id, m->id, error))
            return FALSE;
        }
      if (!(stmt = prepare (self, sql_place_observation, error)))
        return FALSE;
      bind_int64 (stmt, 1, m->indicator);
      bind_text (stmt, 2, m->area);
      bind_int64 (stmt, 3, m->id);
      if (!step_done (self, stmt, _("Cannot put the names in one spelling"), error))
        return FALSE;
      g_hash_table_insert (places, g_steal_pointer (&place), m);
    }
  if (n_merged > 0)
    g_ptr_array_add (self->notes, g_strdup_printf (_("merged %u values stored twice under two spellings of one "
                                                   "name; where they differed, the older is kept as a revision"),
                                                   n_merged));
  return TRUE;
}

/* Names spelled in more than one way, before they are made one: told */
static gboolean
note_spellings (IndsatsStore  *self,
                const char    *sql,
                const char    *what,
                GError       **error)
{
  g_autoptr(GHashTable) spellings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  IndsatsStmt *stmt;
  IndsatsStep rc;

  if (!(stmt = prepare (self, sql, error)))
    return FALSE;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      char *name = indsats_text_normalize (column_peek_text (stmt, 0));
      gpointer key, n;

      if (name == NULL)
        continue;
      if (!g_hash_table_lookup_extended (spellings, name, &key, &n))
        {
          g_hash_table_insert (spellings, name, GUINT_TO_POINTER (1));
          continue;
        }
      g_free (name);
      if (GPOINTER_TO_UINT (n) == 1)
        g_ptr_array_add (order, key);
      /* the key stays the one in the table: a new one is freed */
      g_hash_table_insert (spellings, g_strdup (key), GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot read the plan"));
  for (guint i = 0; i < order->len; i++)
    note_merge (self, what, g_ptr_array_index (order, i),
                GPOINTER_TO_UINT (g_hash_table_lookup (spellings, g_ptr_array_index (order, i))), NULL, NULL);
  return TRUE;
}

/* Each text column: how to read it by id, and how to write it */
static const struct { const char *select; const char *update; } columns[] = {
#define COLUMN(table, column) \
  { "SELECT rowid, " column " FROM " table, "UPDATE " table " SET " column " = ? WHERE rowid = ?" }
  COLUMN ("indicator", "name"), COLUMN ("indicator", "unit"),
  COLUMN ("indicator", "table_id"), COLUMN ("indicator", "measure"), COLUMN ("indicator", "breakdown"),
  COLUMN ("team", "name"), COLUMN ("focus_area", "name"),
  COLUMN ("action", "text"), COLUMN ("action", "owner"), COLUMN ("action", "note"),
  COLUMN ("action_history", "old_value"), COLUMN ("action_history", "new_value"),
  COLUMN ("plan", "title"), COLUMN ("plan", "jobcentre"), COLUMN ("plan", "star_letter"),
  COLUMN ("plan", "star_follow_up_letter"), COLUMN ("plan", "target"), COLUMN ("plan", "follow_up"),
  COLUMN ("plan", "committee"), COLUMN ("plan_trigger", "text"),
  COLUMN ("goal", "title"), COLUMN ("goal", "status_text"), COLUMN ("goal", "note"),
  COLUMN ("figure", "title"), COLUMN ("figure", "unit"), COLUMN ("figure", "threshold_label"),
  COLUMN ("figure", "source"), COLUMN ("figure_series", "area"), COLUMN ("figure_series", "label"),
  COLUMN ("observation", "source"), COLUMN ("observation_revision", "source"),
  COLUMN ("snapshot", "name"), COLUMN ("snapshot_action", "team"), COLUMN ("snapshot_action", "focus"),
  COLUMN ("snapshot_action", "text"), COLUMN ("snapshot_action", "owner"),
  COLUMN ("snapshot_indicator", "indicator"), COLUMN ("snapshot_indicator", "area"),
#undef COLUMN
};

typedef struct
{
  gint64  id;
  char   *text;
} Fix;

static void
fix_clear (gpointer data)
{
  g_free (((Fix *) data)->text);
}

/* Writes the column in NFC where it is not */
static gboolean
normalize_column (IndsatsStore  *self,
                  guint          c,
                  GError       **error)
{
  g_autoptr(GArray) fixes = g_array_new (FALSE, FALSE, sizeof (Fix));
  IndsatsStmt *stmt;
  IndsatsStep rc;

  g_array_set_clear_func (fixes, fix_clear);
  if (!(stmt = prepare (self, columns[c].select, error)))
    return FALSE;
  while ((rc = step (stmt)) == INDSATS_STEP_ROW)
    {
      const char *text = column_peek_text (stmt, 1);
      if (!indsats_text_is_normal (text))
        {
          Fix f = { column_int64 (stmt, 0), indsats_text_normalize (text) };
          g_array_append_val (fixes, f);
        }
    }
  reset (stmt);
  if (rc != INDSATS_STEP_DONE)
    return set_db_error (self, error, _("Cannot put the names in one spelling"));
  for (guint i = 0; i < fixes->len; i++)
    {
      Fix *f = &g_array_index (fixes, Fix, i);

      if (!(stmt = prepare (self, columns[c].update, error)))
        return FALSE;
      bind_text (stmt, 1, f->text);
      bind_int64 (stmt, 2, f->id);
      if (!step_done (self, stmt, _("Cannot put the names in one spelling"), error))
        return FALSE;
    }
  return TRUE;
}

static const char sql_delete_merged_indicator[] = "DELETE FROM indicator WHERE id = ?";
static const char sql_owners[] = "SELECT DISTINCT owner FROM action";
static const char sql_areas[] = "SELECT area FROM observation UNION SELECT area FROM figure_series";

/**
 * normalize_names:
 *
 * Puts every stored text in NFC and merges the names that become one,
 * telling each merge in self->notes.
 */
gboolean
normalize_names (IndsatsStore  *self,
                 GError       **error)
{
  g_autoptr(GHashTable) merged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer gone;

  if (!merge_teams (self, error) ||
      !merge_focus_areas (self, error) ||
      !merge_indicators (self, merged, error) ||
      !note_spellings (self, sql_owners, N_("owner"), error) ||
      !note_spellings (self, sql_areas, N_("area"), error) ||
      !merge_values (self, merged, error))
    return FALSE;
  g_hash_table_iter_init (&iter, merged);
  while (g_hash_table_iter_next (&iter, &gone, NULL))
    if (!run1 (self, sql_delete_merged_indicator, *(gint64 *) gone, error))
      return FALSE;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    if (!normalize_column (self, c, error))
      return FALSE;
  return TRUE;
}
