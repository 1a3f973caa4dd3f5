/* indsats-store-tables.h: where key figures come from: Jobindsats tables,
 * their measures and breakdowns */
#pragma once

#include "indsats-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *indicator;  /* the indicator's name */
  char *table;      /* the Jobindsats table id, NULL for figures typed in or from an unnamed file */
  char *measure;    /* the measure's label in that table, NULL when not known */
  char *breakdown;  /* "Køn: Kvinder; A-kasse: I alt", "" without breakdowns */
} IndsatsIndicatorOrigin;

typedef struct
{
  char      *table;
  GPtrArray *areas;  /* of char *: the areas the figures show from it */
} IndsatsFigureTable;

void          indsats_indicator_origin_free (IndsatsIndicatorOrigin *origin);
void          indsats_figure_table_free     (IndsatsFigureTable     *table);

gint64        indsats_store_ensure_table_indicator (IndsatsStore  *self,
                                                    const char    *table,
                                                    const char    *measure,
                                                    const char    *breakdown,
                                                    const char    *name,
                                                    const char    *unit,
                                                    GError       **error);
/* Asked whether to compare and change an observation that was there before
 * the import; sets @proceed to FALSE to leave it */
typedef gboolean (*IndsatsStoreOlderFunc) (gpointer   data,
                                           gboolean  *proceed,
                                           GError   **error);

gboolean      indsats_store_get_last_observation_id (IndsatsStore  *self,
                                                     gint64        *id,
                                                     GError       **error);
gboolean      indsats_store_find_import_observation (IndsatsStore         *self,
                                                     gint64                indicator_id,
                                                     const char           *area,
                                                     const IndsatsPeriod  *period,
                                                     gint64                fresh_after,
                                                     gboolean             *found,
                                                     double               *value,
                                                     GError              **error);
gboolean      indsats_store_put_import_observation (IndsatsStore             *self,
                                                    gint64                    indicator_id,
                                                    const char               *area,
                                                    const IndsatsPeriod      *period,
                                                    double                    value,
                                                    gboolean                  preliminary,
                                                    const char               *source,
                                                    const char               *now,
                                                    gint64                    fresh_after,
                                                    IndsatsStoreOlderFunc     older,
                                                    gpointer                  older_data,
                                                    IndsatsObservationChange *change,
                                                    gboolean                 *repeat,
                                                    double                   *there,
                                                    GError                  **error);
/* A value for indsats_store_add_new_observations() */
typedef struct
{
  gint64         indicator_id;
  const char    *area;      /* in NFC */
  IndsatsPeriod  period;
  double         value;     /* NAN: missing */
} IndsatsNewObservation;

/* The rows indsats_store_add_new_observations() takes at once */
#define INDSATS_STORE_NEW_OBSERVATIONS 64

gboolean      indsats_store_add_new_observations   (IndsatsStore                *self,
                                                    const IndsatsNewObservation *rows,
                                                    const char                  *source,
                                                    const char                  *now,
                                                    gint64                      *before,
                                                    guint                       *added,
                                                    GError                     **error);
GHashTable   *indsats_store_list_indicator_origins (IndsatsStore  *self,
                                                    GError       **error);
GPtrArray    *indsats_store_list_figure_tables     (IndsatsStore  *self,
                                                    GError       **error);
GPtrArray    *indsats_store_list_figure_areas      (IndsatsStore  *self,
                                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsIndicatorOrigin, indsats_indicator_origin_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsFigureTable, indsats_figure_table_free)

G_END_DECLS
