/* indsats-chart-batch.c
 *
 * Drawing a figure is nearly all of what writing one costs, and each is drawn
 * alone, so the figures of a folder or a workbook are drawn by a pool of one
 * thread per processor. The caller reads each figure's data from the store
 * (on its own thread), gives it here and takes the drawings back in the same
 * order, so what it writes is the same whatever the order the threads finish
 * in. It keeps only a few figures ahead, so memory stays flat however many
 * there are. Each drawing has its own cairo surface, and Pango keeps a font
 * map per thread.
 */
#include "config.h"

#include "indsats-chart-batch.h"

/* the most threads, whatever INDSATS_THREADS asks */
#define MAX_THREADS 32

typedef struct
{
  IndsatsChartData *data;
  GBytes           *bytes;
  GError           *error;
  gboolean          drawn;
  gboolean          queued;  /* FALSE: the pool would not take it, drawn when taken */
} Job;

struct _IndsatsChartBatch
{
  IndsatsChartFormat format;
  int                width;
  int                height;
  guint              n_threads;
  GThreadPool       *pool;   /* NULL with one thread: drawn when taken */
  GMutex             lock;
  GCond              done;
  GQueue             jobs;   /* Job *, oldest first */
};

static void
job_free (Job *job)
{
  g_clear_pointer (&job->data, indsats_chart_data_free);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
draw_cb (gpointer item,
         gpointer user_data)
{
  Job *job = item;
  IndsatsChartBatch *self = user_data;
  GError *error = NULL;
  GBytes *bytes = indsats_chart_render_bytes (job->data, self->format, self->width, self->height, &error);

  g_mutex_lock (&self->lock);
  job->bytes = bytes;
  job->error = error;
  job->drawn = TRUE;
  g_cond_broadcast (&self->done);
  g_mutex_unlock (&self->lock);
}

/* INDSATS_THREADS: how many threads draw; one per processor unless it says
 * otherwise (1 draws every figure on the calling thread) */
static guint
threads_asked (void)
{
  const char *asked = g_getenv ("INDSATS_THREADS");
  guint64 n = 0;

  if (asked != NULL && g_ascii_string_to_unsigned (asked, 10, 1, MAX_THREADS, &n, NULL))
    return (guint) n;
  return CLAMP (g_get_num_processors (), 1, MAX_THREADS);
}

/**
 * indsats_chart_batch_new:
 * @format: what each figure is drawn as
 * @width: pixels for PNG, points for PDF and SVG; the size must be one
 *   indsats_chart_render_bytes() takes, or each figure gives its error
 *
 * Returns: (transfer full): a batch with no figures yet
 */
IndsatsChartBatch *
indsats_chart_batch_new (IndsatsChartFormat format,
                         int                width,
                         int                height)
{
  IndsatsChartBatch *self = g_new0 (IndsatsChartBatch, 1);

  self->format = format;
  self->width = width;
  self->height = height;
  self->n_threads = threads_asked ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->done);
  g_queue_init (&self->jobs);
  /* a pool that cannot start draws on the calling thread instead */
  if (self->n_threads > 1)
    self->pool = g_thread_pool_new (draw_cb, self, (int) self->n_threads, FALSE, NULL);
  if (self->pool == NULL)
    self->n_threads = 1;
  return self;
}

/**
 * indsats_chart_batch_free:
 *
 * Waits for the figures being drawn and drops those not taken.
 */
void
indsats_chart_batch_free (IndsatsChartBatch *self)
{
  if (self == NULL)
    return;
  if (self->pool)
    g_thread_pool_free (self->pool, FALSE, TRUE);
  g_queue_clear_full (&self->jobs, (GDestroyNotify) job_free);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->done);
  g_free (self);
}

/**
 * indsats_chart_batch_push:
 * @data: (transfer full): the next figure to draw
 */
void
indsats_chart_batch_push (IndsatsChartBatch *self,
                          IndsatsChartData  *data)
{
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (self != NULL && data != NULL);

  job->data = data;
  job->queued = self->pool != NULL && g_thread_pool_push (self->pool, job, NULL);
  g_queue_push_tail (&self->jobs, job);
}

/**
 * indsats_chart_batch_is_full:
 *
 * Returns: whether enough figures wait that the caller should take the
 *   oldest before it gives another: two for each thread keeps every thread
 *   busy while the caller writes
 */
gboolean
indsats_chart_batch_is_full (IndsatsChartBatch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->jobs.length >= 2 * self->n_threads;
}

/**
 * indsats_chart_batch_get_n_waiting:
 *
 * Returns: how many figures have been given and not taken back
 */
guint
indsats_chart_batch_get_n_waiting (IndsatsChartBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->jobs.length;
}

/**
 * indsats_chart_batch_get_n_threads:
 *
 * Returns: how many threads draw: one per processor, or what INDSATS_THREADS
 *   says
 */
guint
indsats_chart_batch_get_n_threads (IndsatsChartBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_threads;
}

/**
 * indsats_chart_batch_take:
 * @data: (out) (transfer full) (optional): the figure's data, as given
 *
 * Waits until the oldest figure not yet taken is drawn.
 *
 * Returns: (transfer full): the figure's file, or %NULL with @error set
 */
GBytes *
indsats_chart_batch_take (IndsatsChartBatch  *self,
                          IndsatsChartData  **data,
                          GError            **error)
{
  Job *job;
  GBytes *bytes;

  g_return_val_if_fail (self != NULL && self->jobs.length > 0, NULL);

  job = g_queue_pop_head (&self->jobs);
  if (!job->queued)
    job->bytes = indsats_chart_render_bytes (job->data, self->format, self->width, self->height, &job->error);
  else
    {
      g_mutex_lock (&self->lock);
      while (!job->drawn)
        g_cond_wait (&self->done, &self->lock);
      g_mutex_unlock (&self->lock);
    }
  if ((bytes = g_steal_pointer (&job->bytes)) == NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  if (data)
    *data = g_steal_pointer (&job->data);
  job_free (job);
  return bytes;
}
