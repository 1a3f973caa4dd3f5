/* indsats-store-private.h: what the store's part files share
 *
 * indsats-store.c opens the store and keeps its statements; each part file
 * (-plans, -actions, -figures, -keyfigures) holds the SQL for its part of the
 * data and runs it only through the helpers below, never through a database
 * library's own calls.
 */
#pragma once

#include <math.h>

#include "indsats-store.h"
#include "indsats-store-backend.h"
#include "indsats-text.h"

G_BEGIN_DECLS

struct _IndsatsStore
{
  GObject     parent_instance;

  char       *path;
  char       *display;    /* the name in messages: @path, or a server without its password */
  IndsatsDb  *db;
  gboolean    read_only;  /* opened read-only: */
  gboolean    disk_full;  /* the disk was full, else the file or its folder cannot be written */
  GHashTable *statements; /* SQL text (static) → IndsatsStmt */
  GPtrArray  *notes;      /* what opening it changed: the migration's merges */
  char       *user_name;  /* who the history says made the changes */
  guint64     values_read; /* key-figure values read since it was opened */
};

/* Statements: prepared once and kept; the key is the address of the SQL text,
 * so the text must be static. */
G_GNUC_INTERNAL IndsatsStmt *prepare     (IndsatsStore  *self,
                                          const char    *sql,
                                          GError       **error);
/* For the tests: the SQL (static, not to be freed) of every statement
 * prepared and kept so far */
GPtrArray                   *indsats_store_list_prepared_sql (IndsatsStore *self);
/* Runs a statement that returns no rows */
G_GNUC_INTERNAL gboolean     step_done   (IndsatsStore  *self,
                                          IndsatsStmt   *stmt,
                                          const char    *what,
                                          GError       **error);
/* Runs SQL without parameters */
G_GNUC_INTERNAL gboolean     exec        (IndsatsStore  *self,
                                          const char    *sql,
                                          const char    *what,
                                          GError       **error);
/* Sets @error from the last failure; returns FALSE */
G_GNUC_INTERNAL gboolean     set_db_error (IndsatsStore  *self,
                                           GError       **error,
                                           const char    *what);
/* Rolls back and returns 0, for `return fail_rollback (self);` */
G_GNUC_INTERNAL gint64       fail_rollback (IndsatsStore *self);
/* The first column of the first row as an id, binding @text_param or else a
 * non-zero @int_param to the first parameter: 0 when there is no row, -1 on error */
G_GNUC_INTERNAL gint64       select_id   (IndsatsStore  *self,
                                          const char    *sql,
                                          const char    *text_param,
                                          gint64         int_param,
                                          const char    *what,
                                          GError       **error);
/* The local time as the store records it */
G_GNUC_INTERNAL char        *now_text    (void);

/* In indsats-store-actions.c: an action's texts as they are stored (NFC,
 * trimmed); the checks every stored action passes (@need_owner: a new or
 * changed action has an owner); and the day it started settled from its
 * status (@old is the action before an edit, NULL for a new one; returns
 * @fields with the day added when it changed) */
G_GNUC_INTERNAL IndsatsAction *normalized_action (const IndsatsAction *given);
G_GNUC_INTERNAL gboolean     validate_action (const IndsatsAction  *a,
                                              gboolean              need_owner,
                                              GError              **error);
G_GNUC_INTERNAL IndsatsActionFields settle_started_on (IndsatsAction       *a,
                                                       const IndsatsAction *old,
                                                       IndsatsActionFields  fields);

/* In indsats-store-history.c: the fields an edit may name, each once: the
 * history's name, the flag, and where an action holds its text (-1 for the
 * status, which is no text) */
typedef struct
{
  const char          *name;
  IndsatsActionFields  flag;
  gssize               offset;
} ActionField;
G_GNUC_INTERNAL extern const ActionField action_fields[];
G_GNUC_INTERNAL extern const gsize       n_action_fields;
/* The field's value in @a as the history writes it; NULL for none */
G_GNUC_INTERNAL const char  *action_field_value (const IndsatsAction *a,
                                                 const ActionField   *field);
/* Sets the field of @to to what @from holds */
G_GNUC_INTERNAL void         action_field_copy  (IndsatsAction       *to,
                                                 const IndsatsAction *from,
                                                 const ActionField   *field);

/* In indsats-store-history.c: one row of an action's history */
G_GNUC_INTERNAL gboolean     record_history (IndsatsStore  *self,
                                             gint64         action_id,
                                             gint64         plan_id,
                                             const char    *field,
                                             const char    *old_value,
                                             const char    *new_value,
                                             GError       **error);

/* In indsats-store-file.c: FALSE, naming @path and what it is, when it is a
 * named pipe, a device, a socket or a link to one */
G_GNUC_INTERNAL gboolean     check_file_kind (const char    *path,
                                              GError       **error);

/* In indsats-store-normalize.c: migration 4, every text in NFC, twins
 * merged; a sentence per merge goes to self->notes */
G_GNUC_INTERNAL gboolean     normalize_names (IndsatsStore  *self,
                                              GError       **error);

static inline IndsatsStep
step (IndsatsStmt *stmt)
{
  return stmt->db->backend->step (stmt);
}

static inline void
reset (IndsatsStmt *stmt)
{
  stmt->db->backend->reset (stmt);
}

static inline void
bind_int64 (IndsatsStmt *stmt,
            int          index,
            gint64       value)
{
  stmt->db->backend->bind_int64 (stmt, index, value);
}

static inline void
bind_int (IndsatsStmt *stmt,
          int          index,
          int          value)
{
  stmt->db->backend->bind_int64 (stmt, index, value);
}

/* NULL binds NULL */
static inline void
bind_text (IndsatsStmt *stmt,
           int          index,
           const char  *text)
{
  if (text == NULL)
    stmt->db->backend->bind_null (stmt, index);
  else
    stmt->db->backend->bind_text (stmt, index, text, TRUE);
}

/* Text a person or a file gave, as it is stored: in Unicode NFC */
static inline void
bind_text_nfc (IndsatsStmt *stmt,
               int          index,
               const char  *text)
{
  g_autofree char *normal = indsats_text_normalize (text);

  bind_text (stmt, index, normal);
}

/* For text that stays put until the statement is reset: not copied */
static inline void
bind_text_static (IndsatsStmt *stmt,
                  int          index,
                  const char  *text)
{
  if (text == NULL)
    stmt->db->backend->bind_null (stmt, index);
  else
    stmt->db->backend->bind_text (stmt, index, text, FALSE);
}

/* NAN binds NULL */
static inline void
bind_double (IndsatsStmt *stmt,
             int          index,
             double       value)
{
  if (isnan (value))
    stmt->db->backend->bind_null (stmt, index);
  else
    stmt->db->backend->bind_double (stmt, index, value);
}

static inline gint64
column_int64 (IndsatsStmt *stmt,
              int          column)
{
  return stmt->db->backend->column_int64 (stmt, column);
}

static inline int
column_int (IndsatsStmt *stmt,
            int          column)
{
  return (int) stmt->db->backend->column_int64 (stmt, column);
}

/* Valid until the next step or reset */
static inline const char *
column_peek_text (IndsatsStmt *stmt,
                  int          column)
{
  return stmt->db->backend->column_text (stmt, column);
}

/* A copy, NULL for NULL */
static inline char *
column_text (IndsatsStmt *stmt,
             int          column)
{
  return g_strdup (stmt->db->backend->column_text (stmt, column));
}

/* NAN for NULL */
static inline double
column_double (IndsatsStmt *stmt,
               int          column)
{
  if (stmt->db->backend->column_is_null (stmt, column))
    return NAN;
  return stmt->db->backend->column_double (stmt, column);
}

static inline gint64
changes (IndsatsStore *self)
{
  return self->db->backend->changes (self->db);
}

static inline gint64
last_insert_id (IndsatsStore *self)
{
  return self->db->backend->last_insert_id (self->db);
}

static inline gboolean
is_unique_violation (IndsatsStore *self)
{
  return self->db->backend->is_unique_violation (self->db);
}

G_END_DECLS
