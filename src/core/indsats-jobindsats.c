/* indsats-jobindsats.c
 *
 * A client of the Jobindsats API, version 3. Every request is a GET with the
 * token as a Bearer header and format=json. A request that times out or gets
 * a 5xx answer is tried again after a growing pause (2, 4 and 8 s); any other
 * failure is one error that says what happened and what to do. The token is
 * never part of a message.
 *
 * For the tests, INDSATS_JOBINDSATS_TIMEOUT (seconds) and
 * INDSATS_JOBINDSATS_RETRY_PAUSES ("2,4,8", seconds) change the timings.
 */
#include "config.h"

#include "indsats-jobindsats.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "indsats-error.h"
#include "indsats-import.h"

#define DEFAULT_TIMEOUT 90

struct _IndsatsJobindsats
{
  GObject      parent_instance;

  SoupSession *session;
  char        *url;     /* without a trailing slash */
  char        *token;
  guint        timeout;
  GArray      *pauses;  /* of double: seconds before each retry */
};

G_DEFINE_FINAL_TYPE (IndsatsJobindsats, indsats_jobindsats, G_TYPE_OBJECT)

static void
indsats_jobindsats_finalize (GObject *object)
{
  IndsatsJobindsats *self = INDSATS_JOBINDSATS (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->url, g_free);
  if (self->token != NULL)
    {
      memset (self->token, 0, strlen (self->token));
      g_clear_pointer (&self->token, g_free);
    }
  g_clear_pointer (&self->pauses, g_array_unref);

  G_OBJECT_CLASS (indsats_jobindsats_parent_class)->finalize (object);
}

static void
indsats_jobindsats_class_init (IndsatsJobindsatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = indsats_jobindsats_finalize;
}

static void
indsats_jobindsats_init (IndsatsJobindsats *self)
{
  const char *timeout = g_getenv ("INDSATS_JOBINDSATS_TIMEOUT");
  const char *pauses = g_getenv ("INDSATS_JOBINDSATS_RETRY_PAUSES");
  static const double default_pauses[] = { 2, 4, 8 };

  self->timeout = DEFAULT_TIMEOUT;
  if (timeout != NULL && g_ascii_strtoull (timeout, NULL, 10) > 0)
    self->timeout = (guint) MIN (g_ascii_strtoull (timeout, NULL, 10), 3600);
  self->pauses = g_array_new (FALSE, FALSE, sizeof (double));
  if (pauses != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (pauses, ",", -1);

      for (guint i = 0; parts[i]; i++)
        {
          double pause = g_ascii_strtod (parts[i], NULL);
          g_array_append_val (self->pauses, pause);
        }
    }
  else
    g_array_append_vals (self->pauses, default_pauses, G_N_ELEMENTS (default_pauses));

  self->session = soup_session_new_with_options ("timeout", self->timeout, "idle-timeout", self->timeout,
                                                 "user-agent", "Indsats/" PACKAGE_VERSION " ", NULL);
}

/**
 * indsats_jobindsats_new:
 * @url: (nullable): the API's address; %NULL: INDSATS_JOBINDSATS_URL, or
 *   else https://api.jobindsats.dk/v3
 * @token: the organisation's token from STAR
 */
IndsatsJobindsats *
indsats_jobindsats_new (const char *url,
                        const char *token)
{
  IndsatsJobindsats *self;

  g_return_val_if_fail (token != NULL, NULL);

  self = g_object_new (INDSATS_TYPE_JOBINDSATS, NULL);
  if (url == NULL)
    url = g_getenv ("INDSATS_JOBINDSATS_URL");
  if (url == NULL || *url == '\0')
    url = INDSATS_JOBINDSATS_DEFAULT_URL;
  self->url = g_strdup (url);
  while (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
  self->token = g_strstrip (g_strdup (token));
  return self;
}

const char *
indsats_jobindsats_get_url (IndsatsJobindsats *self)
{
  g_return_val_if_fail (INDSATS_IS_JOBINDSATS (self), NULL);
  return self->url;
}

/* Waits @seconds, or less when cancelled */
static gboolean
pause_unless_cancelled (double         seconds,
                        GCancellable  *cancellable)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (MIN (100000, MAX (0, end - g_get_monotonic_time ())));
    }
  return !g_cancellable_is_cancelled (cancellable);
}

static void
set_cancelled (GError **error)
{
  g_set_error_literal (error, INDSATS_ERROR, INDSATS_ERROR_CANCELLED,
                       _("The update from Jobindsats was cancelled; nothing was changed"));
}

/* The error for a final answer that is no success */
static void
set_status_error (IndsatsJobindsats  *self,
                  SoupMessage        *msg,
                  GBytes             *body,
                  const char         *address,
                  const char         *table,
                  GError            **error)
{
  guint status = soup_message_get_status (msg);
  const char *reason = soup_message_get_reason_phrase (msg);
  g_autofree char *answer = NULL;

  if (body != NULL)
    {
      gsize length = 0;
      const char *data = g_bytes_get_data (body, &length);
      if (data != NULL)
        answer = indsats_import_error_answer (data, length);
    }

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                 _("Jobindsats refused the token (HTTP %u at %s): check the token in INDSATS_JOBINDSATS_TOKEN, "
                 "the token file or Preferences, or ask STAR for a new one"), status, self->url);
  else if (status == SOUP_STATUS_NOT_FOUND && table != NULL)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_NOT_FOUND,
                 _("Jobindsats has no table “%s” (HTTP 404 at %s); check the table id on Jobindsats.dk"), table,
                 self->url);
  else if (answer != NULL)
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID, "%s%s%s: %s", table ? "table " : "",
                 table ? table : "", table ? "" : address, answer);
  else
    g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_FAILED,
                 _("Jobindsats answered HTTP %u (%s) at %s; try again later, or check INDSATS_JOBINDSATS_URL"),
                 status, reason ? reason : "", address);
}

/**
 * indsats_jobindsats_get:
 * @path: "/table/y01a02"
 * @query: (nullable): the query without format=json, already encoded
 * @table: (nullable): the table asked about, for messages
 *
 * Returns: (transfer full): the answer's body, or %NULL with @error
 */
GBytes *
indsats_jobindsats_get (IndsatsJobindsats  *self,
                        const char         *path,
                        const char         *query,
                        const char         *table,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autofree char *address = NULL;
  g_autofree char *last_problem = NULL;
  guint tries = 0;

  g_return_val_if_fail (INDSATS_IS_JOBINDSATS (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  address = g_strdup_printf ("%s%s", self->url, path);
  for (guint attempt = 0; attempt <= self->pauses->len; attempt++)
    {
      g_autofree char *uri = g_strdup_printf ("%s?format=json%s%s", address, query && *query ? "&" : "",
                                              query ? query : "");
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *bearer = NULL;
      guint status;

      if (attempt > 0 && !pause_unless_cancelled (g_array_index (self->pauses, double, attempt - 1), cancellable))
        {
          set_cancelled (error);
          return NULL;
        }
      tries++;
      if (!(msg = soup_message_new (SOUP_METHOD_GET, uri)))
        {
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                       _("“%s” is not a web address; set INDSATS_JOBINDSATS_URL to the API's address, such as %s"),
                       self->url, INDSATS_JOBINDSATS_DEFAULT_URL);
          return NULL;
        }
      bearer = g_strdup_printf ("Bearer %s", self->token);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
      memset (bearer, 0, strlen (bearer));

      body = soup_session_send_and_read (self->session, msg, cancellable, &local);
      if (local != NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              set_cancelled (error);
              return NULL;
            }
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
            {
              g_free (last_problem);
              last_problem = g_strdup_printf (_("Jobindsats did not answer within %u s at %s"), self->timeout, address);
              continue;
            }
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
              g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
              g_error_matches (local, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
            {
              g_free (last_problem);
              last_problem = g_strdup_printf (_("the answer from %s was cut short (%s)"), address, local->message);
              continue;
            }
          g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
                       _("Cannot reach Jobindsats at %s: %s; check the network connection and INDSATS_JOBINDSATS_URL"),
                       self->url, local->message);
          return NULL;
        }

      status = soup_message_get_status (msg);
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        return g_steal_pointer (&body);
      if (SOUP_STATUS_IS_SERVER_ERROR (status))
        {
          const char *reason = soup_message_get_reason_phrase (msg);
          g_free (last_problem);
          last_problem = g_strdup_printf (_("Jobindsats answered HTTP %u (%s) at %s"), status, reason ? reason : "",
                                          address);
          continue;
        }
      set_status_error (self, msg, body, address, table, error);
      return NULL;
    }

  g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_IO,
               g_dngettext (GETTEXT_PACKAGE, "%s, %u try; try again later", "%s, %u tries; try again later", tries),
               last_problem, tries);
  return NULL;
}

static void
value_free (IndsatsJobindsatsValue *value)
{
  g_free (value->id);
  g_free (value->name);
  g_free (value);
}

static void
hierarchy_free (IndsatsJobindsatsHierarchy *hierarchy)
{
  g_free (hierarchy->id);
  g_clear_pointer (&hierarchy->values, g_ptr_array_unref);
  g_free (hierarchy);
}

static void
dimension_free (IndsatsJobindsatsDimension *dimension)
{
  g_free (dimension->id);
  g_free (dimension->name);
  g_clear_pointer (&dimension->hierarchies, g_ptr_array_unref);
  g_free (dimension);
}

void
indsats_jobindsats_table_free (IndsatsJobindsatsTable *table)
{
  if (table == NULL)
    return;
  g_free (table->id);
  g_clear_pointer (&table->period_types, g_ptr_array_unref);
  g_clear_pointer (&table->dimensions, g_ptr_array_unref);
  g_free (table);
}

/* A member as text: strings as they are, numbers written out; NULL otherwise */
static char *
member_text (JsonObject *o,
             const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static JsonArray *
member_array (JsonObject *o,
              const char *name)
{
  JsonNode *node = o ? json_object_get_member (o, name) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
element_object (JsonArray *a,
                guint      i)
{
  JsonNode *node = json_array_get_element (a, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  g_autofree char *folded = g_utf8_casefold (normal ? normal : text, -1);

  return g_strstrip (g_strdup (folded));
}

static gboolean
looks_like_area (const IndsatsJobindsatsDimension *dimension)
{
  g_autofree char *id = fold (dimension->id);

  if (strstr (id, "area") || strstr (id, "omr") || strstr (id, "kom") || strstr (id, "geo"))
    return TRUE;
  for (guint h = 0; h < dimension->hierarchies->len; h++)
    {
      IndsatsJobindsatsHierarchy *hierarchy = g_ptr_array_index (dimension->hierarchies, h);

      for (guint v = 0; v < hierarchy->values->len; v++)
        {
          IndsatsJobindsatsValue *value = g_ptr_array_index (hierarchy->values, v);
          if (g_ascii_strcasecmp (value->name, "Hele landet") == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * indsats_jobindsats_parse_table:
 * @answer: the answer to /table/<id>
 *
 * Returns: (transfer full): the table's period types and dimensions
 */
IndsatsJobindsatsTable *
indsats_jobindsats_parse_table (const char  *id,
                                GBytes      *answer,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(IndsatsJobindsatsTable) table = g_new0 (IndsatsJobindsatsTable, 1);
  g_autoptr(GError) local = NULL;
  JsonObject *root;
  JsonArray *periods, *dimensions;
  gsize length = 0;
  const char *data = g_bytes_get_data (answer, &length);

  table->id = g_strdup (id);
  table->area = -1;
  table->period_types = g_ptr_array_new_with_free_func (g_free);
  table->dimensions = g_ptr_array_new_with_free_func ((GDestroyNotify) dimension_free);

  if (!json_parser_load_from_data (parser, data ? data : "", length, &local) ||
      json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("table %s: the description Jobindsats sent cannot be read (%s); try again later"), id,
                   local ? local->message : _("it is not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  periods = member_array (root, "periods");
  dimensions = member_array (root, "dimensions");
  if (periods == NULL || dimensions == NULL)
    {
      g_set_error (error, INDSATS_ERROR, INDSATS_ERROR_INVALID,
                   _("table %s: the description Jobindsats sent has no %s; try again later"), id,
                   periods == NULL ? "periods" : "dimensions");
      return NULL;
    }
  for (guint p = 0; p < json_array_get_length (periods); p++)
    {
      JsonObject *o = element_object (periods, p);
      char *type = o ? member_text (o, "periodtype_id") : NULL;
      if (type != NULL)
        g_ptr_array_add (table->period_types, type);
    }
  for (guint d = 0; d < json_array_get_length (dimensions); d++)
    {
      JsonObject *o = element_object (dimensions, d);
      JsonArray *hierarchies = member_array (o, "hierarchies");
      IndsatsJobindsatsDimension *dimension;

      if (o == NULL || hierarchies == NULL)
        continue;
      dimension = g_new0 (IndsatsJobindsatsDimension, 1);
      dimension->id = member_text (o, "dimension_id");
      if (dimension->id == NULL)
        dimension->id = g_strdup_printf ("%u", d + 1);
      dimension->name = member_text (o, "dimension_name");
      dimension->hierarchies = g_ptr_array_new_with_free_func ((GDestroyNotify) hierarchy_free);
      g_ptr_array_add (table->dimensions, dimension);

      for (guint h = 0; h < json_array_get_length (hierarchies); h++)
        {
          JsonObject *ho = element_object (hierarchies, h);
          JsonArray *levels = member_array (ho, "levels");
          IndsatsJobindsatsHierarchy *hierarchy;

          if (ho == NULL || levels == NULL || !json_object_has_member (ho, "hierarchy_id"))
            continue;
          hierarchy = g_new0 (IndsatsJobindsatsHierarchy, 1);
          hierarchy->id = member_text (ho, "hierarchy_id");
          hierarchy->values = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
          g_ptr_array_add (dimension->hierarchies, hierarchy);

          for (guint l = 0; l < json_array_get_length (levels); l++)
            {
              JsonArray *values = member_array (element_object (levels, l), "values");

              for (guint v = 0; values && v < json_array_get_length (values); v++)
                {
                  JsonObject *vo = element_object (values, v);
                  IndsatsJobindsatsValue *value;

                  if (vo == NULL || !json_object_has_member (vo, "value_id") ||
                      !json_object_has_member (vo, "value_name"))
                    continue;
                  value = g_new0 (IndsatsJobindsatsValue, 1);
                  value->id = member_text (vo, "value_id");
                  value->name = member_text (vo, "value_name");
                  if (value->id == NULL || value->name == NULL)
                    {
                      value_free (value);
                      continue;
                    }
                  g_ptr_array_add (hierarchy->values, value);
                }
            }
        }
      if (table->area < 0 && looks_like_area (dimension))
        table->area = (int) d;
    }
  return g_steal_pointer (&table);
}

/**
 * indsats_jobindsats_get_table:
 *
 * Asks /table/<id> for a table's description.
 */
IndsatsJobindsatsTable *
indsats_jobindsats_get_table (IndsatsJobindsats  *self,
                              const char         *table,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autofree char *escaped = g_uri_escape_string (table, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/table/%s", escaped);
  g_autoptr(GBytes) answer = indsats_jobindsats_get (self, path, NULL, table, cancellable, error);

  if (answer == NULL)
    return NULL;
  return indsats_jobindsats_parse_table (table, answer, error);
}

/**
 * indsats_jobindsats_find_value:
 * @name: a value's name as people write it, "Ishøj"; case does not matter
 * @hierarchy: (out) (optional): the hierarchy it was found in
 *
 * Returns: (nullable): the value called @name in any of @dimension's hierarchies
 */
const IndsatsJobindsatsValue *
indsats_jobindsats_find_value (const IndsatsJobindsatsDimension  *dimension,
                               const char                        *name,
                               const IndsatsJobindsatsHierarchy **hierarchy)
{
  g_autofree char *wanted = fold (name);

  for (guint h = 0; h < dimension->hierarchies->len; h++)
    {
      IndsatsJobindsatsHierarchy *hi = g_ptr_array_index (dimension->hierarchies, h);

      for (guint v = 0; v < hi->values->len; v++)
        {
          IndsatsJobindsatsValue *value = g_ptr_array_index (hi->values, v);
          g_autofree char *have = fold (value->name);

          if (strcmp (have, wanted) == 0)
            {
              if (hierarchy != NULL)
                *hierarchy = hi;
              return value;
            }
        }
    }
  return NULL;
}

/* Levenshtein's distance between two texts, in characters */
static guint
distance (const char *a,
          const char *b)
{
  glong na = 0, nb = 0;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &na);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &nb);
  g_autofree guint *row = g_new (guint, nb + 1);

  for (glong j = 0; j <= nb; j++)
    row[j] = j;
  for (glong i = 1; i <= na; i++)
    {
      guint diagonal = row[0];

      row[0] = i;
      for (glong j = 1; j <= nb; j++)
        {
          guint above = row[j];
          guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[nb];
}

typedef struct
{
  const char *name;
  guint       distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/**
 * indsats_jobindsats_nearest_names:
 * @n: how many
 *
 * Returns: (transfer full): the @n value names of @dimension nearest to
 *   @name, as “Ishøj, Ikast-Brande, …”
 */
char *
indsats_jobindsats_nearest_names (const IndsatsJobindsatsDimension *dimension,
                                  const char                       *name,
                                  guint                             n)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *wanted = fold (name);
  GString *out = g_string_new (NULL);

  for (guint h = 0; h < dimension->hierarchies->len; h++)
    {
      IndsatsJobindsatsHierarchy *hi = g_ptr_array_index (dimension->hierarchies, h);

      for (guint v = 0; v < hi->values->len; v++)
        {
          IndsatsJobindsatsValue *value = g_ptr_array_index (hi->values, v);
          g_autofree char *have = NULL;
          Candidate c;

          if (!g_hash_table_add (seen, value->name))
            continue;
          have = fold (value->name);
          c.name = value->name;
          c.distance = distance (wanted, have);
          g_array_append_val (candidates, c);
        }
    }
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < MIN (n, candidates->len); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", g_array_index (candidates, Candidate, i).name);
  return g_string_free (out, FALSE);
}
