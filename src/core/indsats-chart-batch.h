/* indsats-chart-batch.h: figures drawn on every processor while the caller
 * reads the next ones and writes those done, taken back in the order given
 */
#pragma once

#include "indsats-chart.h"

G_BEGIN_DECLS

typedef struct _IndsatsChartBatch IndsatsChartBatch;

IndsatsChartBatch *indsats_chart_batch_new     (IndsatsChartFormat   format,
                                                int                  width,
                                                int                  height);
void               indsats_chart_batch_free    (IndsatsChartBatch   *self);
void               indsats_chart_batch_push    (IndsatsChartBatch   *self,
                                                IndsatsChartData    *data);
gboolean           indsats_chart_batch_is_full (IndsatsChartBatch   *self);
guint              indsats_chart_batch_get_n_waiting (IndsatsChartBatch *self);
GBytes            *indsats_chart_batch_take    (IndsatsChartBatch   *self,
                                                IndsatsChartData   **data,
                                                GError             **error);
guint              indsats_chart_batch_get_n_threads (IndsatsChartBatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IndsatsChartBatch, indsats_chart_batch_free)

G_END_DECLS
