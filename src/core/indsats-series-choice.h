/* indsats-series-choice.h: a series chosen by table, measure and breakdown */
#pragma once

#include "indsats-store-tables.h"

G_BEGIN_DECLS

typedef struct _IndsatsSeriesChoice IndsatsSeriesChoice;

IndsatsSeriesChoice *indsats_series_choice_new        (GPtrArray           *indicators,
                                                       GHashTable          *origins);
void                 indsats_series_choice_free       (IndsatsSeriesChoice *self);
GPtrArray           *indsats_series_choice_tables     (IndsatsSeriesChoice *self);
GPtrArray           *indsats_series_choice_measures   (IndsatsSeriesChoice *self,
                                                       const char          *table);
GPtrArray           *indsats_series_choice_breakdowns (IndsatsSeriesChoice *self,
                                                       const char          *table,
                                                       const char          *measure);
const char          *indsats_series_choice_find       (IndsatsSeriesChoice *self,
                                                       const char          *table,
                                                       const char          *measure,
                                                       const char          *breakdown);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsSeriesChoice, indsats_series_choice_free)

G_END_DECLS
