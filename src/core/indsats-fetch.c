/* indsats-fetch.c
 *
 * Turns "table y01a02, Ishøj and Hele landet, the newest 12 months" into
 * requests to the API: the table's description gives each area's and each
 * breakdown value's opaque value_id by its name; the data request asks for
 * those ids, the newest periods and every measure. All answers are fetched
 * before anything is written, then imported as files are: whole or not at all.
 */
#include "config.h"

#include "indsats-fetch.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-format.h"
#include "indsats-model.h"
#include "indsats-period.h"
#include "indsats-store-tables.h"

IndsatsFetchRequest *
indsats_fetch_request_new (const char *table)
{
  IndsatsFetchRequest *request = g_new0 (IndsatsFetchRequest, 1);

  request->table = g_strdup (table);
  request->areas = g_ptr_array_new_with_free_func (g_free);
  request->breakdowns = g_ptr_array_new_with_free_func (g_free);
  return request;
}

void
indsats_fetch_request_free (IndsatsFetchRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->table);
  g_free (request->period_type);
  g_clear_pointer (&request->areas, g_ptr_array_unref);
  g_clear_pointer (&request->breakdowns, g_ptr_array_unref);
  g_free (request);
}

/* "Køn" and "_kon" name one breakdown: case, a leading "_" and the Danish
 * letters spelled out do not matter */
static char *
plain_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *s = g_string_new (NULL);
  const char *p = folded;

  while (*p == '_')
    p++;
  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xf8) /* ø */
        g_string_append_c (s, 'o');
      else if (c == 0xe6) /* æ */
        g_string_append (s, "ae");
      else if (c == 0xe5) /* å */
        g_string_append (s, "aa");
      else if (c != ' ' && c != '-' && c != '_')
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static gboolean
names_dimension (const IndsatsJobindsatsDimension *dimension,
                 const char                       *name)
{
  g_autofree char *wanted = plain_name (name);
  g_autofree char *id = plain_name (dimension->id);

  if (strcmp (wanted, id) == 0)
    return TRUE;
  if (dimension->name != NULL)
    {
      g_autofree char *label = plain_name (dimension->name);
      if (strcmp (wanted, label) == 0)
        return TRUE;
    }
  for (guint h = 0; h < dimension->hierarchies->len; h++)
    {
      IndsatsJobindsatsHierarchy *hierarchy = g_ptr_array_index (dimension->hierarchies, h);
      g_autofree char *hid = plain_name (hierarchy->id);
      if (strcmp (wanted, hid) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
append_parameter (GString    *query,
                  const char *name,
                  const char *value)
{
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=%s", name, value);
}

/* hierarchy.<id>=<value ids, escaped, comma-separated> */
static void
append_hierarchy (GString    *query,
                  const char *hierarchy,
                  GPtrArray  *ids)
{
  g_autofree char *name = g_strdup_printf ("hierarchy.%s", hierarchy);
  GString *value = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (g_ptr_array_index (ids, i), NULL, FALSE);
      g_string_append_printf (value, "%s%s", i > 0 ? "," : "", escaped);
    }
  append_parameter (query, name, value->str);
  g_string_free (value, TRUE);
}

static gboolean
is_whole_country (const char *area)
{
  return g_ascii_strcasecmp (area, "Hele landet") == 0;
}

/* The breakdowns asked for: hierarchy.<id>=<ids> for each */
static gboolean
append_breakdowns (GString                      *query,
                   const IndsatsFetchRequest    *request,
                   const IndsatsJobindsatsTable *table,
                   GError                      **error)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint b = 0; b < request->breakdowns->len; b++)
    {
      const char *pair = g_ptr_array_index (request->breakdowns, b);
      const char *equals = strchr (pair, '=');
      g_autofree char *name = NULL;
      g_autofree char *wanted = NULL;
      const IndsatsJobindsatsDimension *dimension = NULL;
      const IndsatsJobindsatsHierarchy *hierarchy = NULL;
      const IndsatsJobindsatsValue *value = NULL;
      GPtrArray *ids;

      if (equals == NULL || equals == pair || equals[1] == '\0')
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("--breakdown: “%s” is not NAME=VALUE, as in Køn=Kvinder"), pair);
          return FALSE;
        }
      name = g_strstrip (g_strndup (pair, equals - pair));
      wanted = g_strstrip (g_strdup (equals + 1));

      for (guint d = 0; d < table->dimensions->len; d++)
        if ((int) d != table->area && names_dimension (g_ptr_array_index (table->dimensions, d), name))
          dimension = g_ptr_array_index (table->dimensions, d);
      if (dimension == NULL)
        {
          /* a breakdown named as the file's header does: find it by its value */
          guint found = 0;
          for (guint d = 0; d < table->dimensions->len; d++)
            if ((int) d != table->area &&
                indsats_jobindsats_find_value (g_ptr_array_index (table->dimensions, d), wanted, NULL))
              {
                dimension = g_ptr_array_index (table->dimensions, d);
                found++;
              }
          if (found != 1)
            dimension = NULL;
        }
      if (dimension == NULL)
        {
          GString *names = g_string_new (NULL);
          for (guint d = 0; d < table->dimensions->len; d++)
            if ((int) d != table->area)
              {
                const IndsatsJobindsatsDimension *other = g_ptr_array_index (table->dimensions, d);
                g_string_append_printf (names, "%s%s", names->len ? ", " : "", other->name ? other->name : other->id);
              }
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                       _("table %s has no breakdown “%s”; its breakdowns are: %s"), table->id, name,
                       names->len ? names->str : "none");
          g_string_free (names, TRUE);
          return FALSE;
        }
      if (strcmp (wanted, "*") == 0)
        {
          hierarchy = dimension->hierarchies->len ? g_ptr_array_index (dimension->hierarchies, 0) : NULL;
          if (hierarchy == NULL)
            continue;
          ids = g_hash_table_lookup (chosen, hierarchy->id);
          if (ids == NULL)
            {
              g_hash_table_insert (chosen, hierarchy->id, (ids = g_ptr_array_new ()));
              g_ptr_array_add (order, hierarchy->id);
            }
          g_ptr_array_set_size (ids, 0);
          g_ptr_array_add (ids, "*");
          continue;
        }
      if (!(value = indsats_jobindsats_find_value (dimension, wanted, &hierarchy)))
        {
          g_autofree char *nearest = indsats_jobindsats_nearest_names (dimension, wanted, 5);
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                       _("table %s: the breakdown “%s” has no value “%s”; the nearest it has: %s"), table->id, name,
                       wanted, nearest);
          return FALSE;
        }
      ids = g_hash_table_lookup (chosen, hierarchy->id);
      if (ids == NULL)
        {
          g_hash_table_insert (chosen, hierarchy->id, (ids = g_ptr_array_new ()));
          g_ptr_array_add (order, hierarchy->id);
        }
      g_ptr_array_add (ids, value->id);
    }

  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *ids = g_hash_table_lookup (chosen, g_ptr_array_index (order, i));
      if (ids->len == 1 && strcmp (g_ptr_array_index (ids, 0), "*") == 0)
        {
          g_autofree char *name = g_strdup_printf ("hierarchy.%s", (char *) g_ptr_array_index (order, i));
          append_parameter (query, name, "*");
        }
      else
        append_hierarchy (query, g_ptr_array_index (order, i), ids);
    }
  return TRUE;
}

/* Every data query that @request needs: one per area hierarchy, the whole
 * country as the total ("/") when no hierarchy names it */
static GPtrArray *
queries (const IndsatsFetchRequest    *request,
         const IndsatsJobindsatsTable *table,
         GError                      **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) common = g_string_new (NULL);
  g_autoptr(GHashTable) by_hierarchy = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  const IndsatsJobindsatsDimension *area = table->area >= 0 ? g_ptr_array_index (table->dimensions, table->area) : NULL;
  const char *type = request->period_type;
  gboolean whole_country = FALSE;
  g_autofree char *period = NULL;
  g_autofree char *latest = NULL;

  if (type == NULL)
    type = table->period_types->len > 0 ? g_ptr_array_index (table->period_types, 0) : "M";
  else if (table->period_types->len > 0)
    {
      gboolean known = FALSE;
      for (guint i = 0; i < table->period_types->len; i++)
        known |= g_ascii_strcasecmp (g_ptr_array_index (table->period_types, i), type) == 0;
      if (!known)
        {
          GString *types = g_string_new (NULL);

          for (guint i = 0; i < table->period_types->len; i++)
            g_string_append_printf (types, "%s%s", i ? ", " : "", (char *) g_ptr_array_index (table->period_types, i));
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                       _("table %s has no periods of type %s; it has: %s"), table->id, type, types->str);
          g_string_free (types, TRUE);
          return NULL;
        }
    }
  period = g_strdup_printf ("period.%s", type);
  latest = g_strdup_printf ("latest:%u", request->latest ? request->latest : INDSATS_FETCH_DEFAULT_LATEST);
  append_parameter (common, period, latest);
  if (!append_breakdowns (common, request, table, error))
    return NULL;
  append_parameter (common, "mgroup.*", "*");

  for (guint a = 0; a < request->areas->len; a++)
    {
      const char *name = g_ptr_array_index (request->areas, a);
      const IndsatsJobindsatsHierarchy *hierarchy = NULL;
      const IndsatsJobindsatsValue *value = NULL;
      GPtrArray *ids;

      if (area != NULL)
        value = indsats_jobindsats_find_value (area, name, &hierarchy);
      if (value == NULL && is_whole_country (name))
        {
          whole_country = TRUE;
          continue;
        }
      if (value == NULL && request->skip_unknown)
        continue;
      if (value == NULL)
        {
          g_autofree char *nearest = area ? indsats_jobindsats_nearest_names (area, name, 5) : g_strdup ("");
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                       _("table %s has no area “%s”%s%s"), table->id, name,
                       *nearest ? _("; the nearest names it has: ") : "", nearest);
          return NULL;
        }
      ids = g_hash_table_lookup (by_hierarchy, hierarchy->id);
      if (ids == NULL)
        {
          g_hash_table_insert (by_hierarchy, hierarchy->id, (ids = g_ptr_array_new ()));
          g_ptr_array_add (order, hierarchy->id);
        }
      g_ptr_array_add (ids, value->id);
    }

  for (guint i = 0; i < order->len; i++)
    {
      g_autoptr(GString) query = g_string_new (common->str);
      append_hierarchy (query, g_ptr_array_index (order, i), g_hash_table_lookup (by_hierarchy, g_ptr_array_index (order, i)));
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&query), FALSE));
    }
  if (whole_country || out->len == 0)
    {
      g_autoptr(GString) query = g_string_new (common->str);
      if (area != NULL && area->hierarchies->len > 0)
        {
          const IndsatsJobindsatsHierarchy *first = g_ptr_array_index (area->hierarchies, 0);
          g_autofree char *name = g_strdup_printf ("hierarchy.%s", first->id);
          append_parameter (query, name, "/");
        }
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&query), FALSE));
    }
  return g_steal_pointer (&out);
}

/**
 * indsats_fetch_query:
 *
 * Returns: (transfer full): the first data query for @request, for tests and
 *   for saying what would be asked
 */
char *
indsats_fetch_query (const IndsatsFetchRequest     *request,
                     const IndsatsJobindsatsTable  *table,
                     GError                       **error)
{
  g_autoptr(GPtrArray) list = queries (request, table, error);

  return list ? g_strdup (g_ptr_array_index (list, 0)) : NULL;
}

typedef struct
{
  char   *name;
  char   *table;
  char   *source;
  GBytes *data;
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->name);
  g_free (answer->table);
  g_free (answer->source);
  g_clear_pointer (&answer->data, g_bytes_unref);
  g_free (answer);
}

typedef struct
{
  IndsatsImportProgressFunc progress;
  gpointer                  user_data;
} Stage;

/* The import is the last half of a fetch */
static void
import_progress_cb (double   fraction,
                    gpointer user_data)
{
  Stage *stage = user_data;

  stage->progress (0.5 + 0.5 * fraction, stage->user_data);
}

/**
 * indsats_fetch:
 * @requests: (element-type IndsatsFetchRequest): what to fetch
 * @dry_run: fetch and count, but write nothing
 *
 * Fetches every request's answers, then imports them all in one
 * transaction; any failure changes nothing.
 *
 * Returns: (transfer full): what was added, updated and unchanged
 */
IndsatsImportSummary *
indsats_fetch (IndsatsStore              *store,
               IndsatsJobindsats         *client,
               GPtrArray                 *requests,
               gboolean                   dry_run,
               GCancellable              *cancellable,
               IndsatsImportProgressFunc  progress,
               gpointer                   user_data,
               GError                   **error)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
  g_autoptr(GArray) imports = g_array_new (FALSE, TRUE, sizeof (IndsatsImportAnswer));
  Stage stage = { progress, user_data };

  g_return_val_if_fail (INDSATS_IS_STORE (store), NULL);
  g_return_val_if_fail (INDSATS_IS_JOBINDSATS (client), NULL);
  g_return_val_if_fail (requests != NULL, NULL);

  for (guint r = 0; r < requests->len; r++)
    {
      IndsatsFetchRequest *request = g_ptr_array_index (requests, r);
      g_autoptr(IndsatsJobindsatsTable) table = NULL;
      g_autoptr(GPtrArray) list = NULL;
      g_autofree char *escaped = g_uri_escape_string (request->table, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/data/%s", escaped);

      if (!(table = indsats_jobindsats_get_table (client, request->table, cancellable, error)) ||
          !(list = queries (request, table, error)))
        return NULL;
      for (guint q = 0; q < list->len; q++)
        {
          Answer *answer = g_new0 (Answer, 1);

          g_ptr_array_add (answers, answer);
          if (!(answer->data = indsats_jobindsats_get (client, path, g_ptr_array_index (list, q), request->table,
                                                      cancellable, error)))
            return NULL;
          answer->name = g_strdup_printf ("Jobindsats %s", request->table);
          answer->table = g_strdup (request->table);
          answer->source = g_strdup_printf ("Jobindsats API: %s", request->table);
          /* the answers are the first half, shared out over the requests */
          if (progress)
            progress (0.5 * (r + (q + 1.0) / list->len) / requests->len, user_data);
        }
    }

  for (guint a = 0; a < answers->len; a++)
    {
      Answer *answer = g_ptr_array_index (answers, a);
      IndsatsImportAnswer import = { answer->name, answer->table, answer->source, answer->data };
      g_array_append_val (imports, import);
    }
  return indsats_import_answers (store, (IndsatsImportAnswer *) imports->data, imports->len, dry_run, cancellable,
                                 progress ? import_progress_cb : NULL, &stage, error);
}

/**
 * indsats_fetch_figure_requests:
 *
 * Returns: (transfer full) (element-type IndsatsFetchRequest): a request for
 *   every table the figures show, with the areas they show; empty when no
 *   figure comes from a Jobindsats table
 */
GPtrArray *
indsats_fetch_figure_requests (IndsatsStore  *store,
                               GError       **error)
{
  g_autoptr(GPtrArray) tables = indsats_store_list_figure_tables (store, error);
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_fetch_request_free);

  if (tables == NULL)
    return NULL;
  for (guint t = 0; t < tables->len; t++)
    {
      IndsatsFigureTable *ft = g_ptr_array_index (tables, t);
      IndsatsFetchRequest *request = indsats_fetch_request_new (ft->table);

      for (guint a = 0; a < ft->areas->len; a++)
        g_ptr_array_add (request->areas, g_strdup (g_ptr_array_index (ft->areas, a)));
      g_ptr_array_add (requests, request);
    }
  return g_steal_pointer (&requests);
}

/**
 * indsats_fetch_add_areas:
 * @requests: (element-type IndsatsFetchRequest): what is to be fetched
 * @areas: the areas compared (Preferences): each request asks for them too
 *
 * Adds to each request the areas it does not ask for yet, so that the
 * figures keep their own areas and the areas compared come along.
 */
void
indsats_fetch_add_areas (GPtrArray          *requests,
                         const char * const *areas)
{
  g_return_if_fail (requests != NULL);

  for (guint r = 0; r < requests->len; r++)
    {
      IndsatsFetchRequest *request = g_ptr_array_index (requests, r);

      for (guint a = 0; areas && areas[a]; a++)
        {
          gboolean present = FALSE;

          for (guint i = 0; i < request->areas->len && !present; i++)
            present = g_utf8_collate (g_ptr_array_index (request->areas, i), areas[a]) == 0;
          if (!present)
            g_ptr_array_add (request->areas, g_strdup (areas[a]));
        }
    }
}

/**
 * indsats_fetch_is_due:
 * @last: when the key figures were last fetched, seconds since 1970; 0: never
 * @now: the time now, the same way
 *
 * Returns: whether the window should fetch at start: never fetched, a week
 *   ago or more, or a time ahead of the clock (the clock was set back)
 */
gboolean
indsats_fetch_is_due (gint64 last,
                      gint64 now)
{
  return last <= 0 || now - last >= INDSATS_FETCH_UPDATE_AFTER || last > now + 24 * 3600;
}

/* "jun." rather than "jun. 2026" beside a newer period of the same year */
static char *
label_beside (const IndsatsPeriod *period,
              const IndsatsPeriod *newer)
{
  char *label = indsats_period_to_label (period);
  char *space;

  if (period->year == newer->year && period->kind == newer->kind &&
      (period->kind == INDSATS_PERIOD_MONTH || period->kind == INDSATS_PERIOD_QUARTER ||
       period->kind == INDSATS_PERIOD_HALF) &&
      (space = strrchr (label, ' ')) != NULL)
    *space = '\0';
  return label;
}

static char *
format_value (double      value,
              const char *unit)
{
  if (isnan (value))
    return g_strdup ("–");
  if (g_strcmp0 (unit, "pct") == 0)
    return indsats_format_percent (value, 1);
  return indsats_format_number (value, value == (gint64) value ? 0 : 1);
}

static gboolean
collect_observation_cb (const IndsatsObservation  *o,
                        gpointer                   user_data,
                        GError                   **error)
{
  g_ptr_array_add (user_data, indsats_observation_copy (o));
  return TRUE;
}

/**
 * indsats_fetch_describe_changes:
 * @summary: what an import or fetch did
 *
 * Says what changed, per series that got a new or changed value: its newest
 * period and value, and the period before: “Ledige (y25i01), Ishøj: jun. 2026
 * 920 (maj 910)”.
 *
 * Returns: (transfer full) (element-type utf8): the lines
 */
GPtrArray *
indsats_fetch_describe_changes (IndsatsStore                *store,
                                const IndsatsImportSummary  *summary,
                                GError                     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < summary->counts->len; c++)
    {
      IndsatsImportCount *count = g_ptr_array_index (summary->counts, c);
      g_autoptr(GPtrArray) observations = g_ptr_array_new_with_free_func ((GDestroyNotify) indsats_observation_free);

      if (count->added + count->updated == 0)
        continue;
      if (!indsats_store_foreach_observation (store, count->indicator, collect_observation_cb, observations, error))
        return NULL;
      /* by area, then period: the last of each area is its newest */
      for (guint i = 0; i < observations->len; i++)
        {
          IndsatsObservation *o = g_ptr_array_index (observations, i);
          IndsatsObservation *next = i + 1 < observations->len ? g_ptr_array_index (observations, i + 1) : NULL;
          IndsatsObservation *before = i > 0 ? g_ptr_array_index (observations, i - 1) : NULL;
          IndsatsPeriod period, previous;
          g_autofree char *label = NULL;
          g_autofree char *value = NULL;

          if (next != NULL && strcmp (next->area, o->area) == 0)
            continue;
          if (!indsats_period_parse (o->period, &period, NULL))
            continue;
          label = indsats_period_to_label (&period);
          value = format_value (o->value, o->unit);
          if (before != NULL && strcmp (before->area, o->area) == 0 &&
              indsats_period_parse (before->period, &previous, NULL))
            {
              g_autofree char *before_label = label_beside (&previous, &period);
              g_autofree char *before_value = format_value (before->value, before->unit);
              g_ptr_array_add (lines, g_strdup_printf ("%s, %s: %s %s (%s %s)", count->indicator, o->area, label,
                                                       value, before_label, before_value));
            }
          else
            g_ptr_array_add (lines, g_strdup_printf ("%s, %s: %s %s", count->indicator, o->area, label, value));
        }
    }
  return g_steal_pointer (&lines);
}
