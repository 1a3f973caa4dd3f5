/* indsats-jobindsats.h: the Jobindsats API (v3): tables' metadata and data */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define INDSATS_JOBINDSATS_DEFAULT_URL "https://api.jobindsats.dk/v3"

typedef struct
{
  char *id;    /* value_id: opaque, sent back as it came */
  char *name;  /* value_name: what people read, "Ishøj" */
} IndsatsJobindsatsValue;

typedef struct
{
  char      *id;      /* hierarchy_id, "_nykom" */
  GPtrArray *values;  /* of IndsatsJobindsatsValue, every level's */
} IndsatsJobindsatsHierarchy;

typedef struct
{
  char      *id;           /* dimension_id */
  char      *name;         /* dimension_name, when the API gives one */
  GPtrArray *hierarchies;  /* of IndsatsJobindsatsHierarchy */
} IndsatsJobindsatsDimension;

typedef struct
{
  char      *id;            /* the table id, lower case */
  GPtrArray *period_types;  /* of char *: "M", "Q", "Y" */
  GPtrArray *dimensions;    /* of IndsatsJobindsatsDimension */
  int        area;          /* the index of the area dimension, -1 when none */
} IndsatsJobindsatsTable;

void indsats_jobindsats_table_free (IndsatsJobindsatsTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsJobindsatsTable, indsats_jobindsats_table_free)

#define INDSATS_TYPE_JOBINDSATS (indsats_jobindsats_get_type ())
G_DECLARE_FINAL_TYPE (IndsatsJobindsats, indsats_jobindsats, INDSATS, JOBINDSATS, GObject)

IndsatsJobindsats      *indsats_jobindsats_new          (const char    *url,
                                                         const char    *token);
const char             *indsats_jobindsats_get_url      (IndsatsJobindsats *self);
GBytes                 *indsats_jobindsats_get          (IndsatsJobindsats *self,
                                                         const char        *path,
                                                         const char        *query,
                                                         const char        *table,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
IndsatsJobindsatsTable *indsats_jobindsats_get_table    (IndsatsJobindsats *self,
                                                         const char        *table,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
IndsatsJobindsatsTable *indsats_jobindsats_parse_table  (const char    *table,
                                                         GBytes        *answer,
                                                         GError       **error);
const IndsatsJobindsatsValue *indsats_jobindsats_find_value (const IndsatsJobindsatsDimension  *dimension,
                                                             const char                        *name,
                                                             const IndsatsJobindsatsHierarchy **hierarchy);
char                   *indsats_jobindsats_nearest_names (const IndsatsJobindsatsDimension *dimension,
                                                          const char                       *name,
                                                          guint                             n);

G_END_DECLS
