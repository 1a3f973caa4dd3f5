/* indsats-chart-axis.c: "nice" axis steps (1, 2, 2.5 or 5 times a power of ten) */
#include "config.h"

#include "indsats-chart.h"

#include <math.h>

static double
nice_number (double   x,
             gboolean round_it)
{
  double exponent, fraction, nice;

  if (x <= 0 || !isfinite (x))
    return 1;
  exponent = floor (log10 (x));
  fraction = x / pow (10, exponent);
  if (round_it)
    nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10;
  else
    nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * pow (10, exponent);
}

/**
 * indsats_chart_nice_scale:
 * @min: the smallest value to show
 * @max: the largest value to show
 * @max_ticks: about how many ticks fit
 * @include_zero: whether the scale must reach 0 (columns and bars start there)
 * @lo: (out): the axis' start, a multiple of @step
 * @hi: (out): the axis' end, a multiple of @step
 * @step: (out): the distance between ticks
 */
void
indsats_chart_nice_scale (double    min,
                          double    max,
                          int       max_ticks,
                          gboolean  include_zero,
                          double   *lo,
                          double   *hi,
                          double   *step)
{
  double range;

  if (!isfinite (min) || !isfinite (max))
    min = max = 0;
  if (min > max)
    {
      double t = min;
      min = max;
      max = t;
    }
  if (include_zero)
    {
      min = MIN (min, 0);
      max = MAX (max, 0);
    }
  if (max - min < 1e-12)
    {
      /* all values equal: a small range around them */
      double pad = fabs (max) > 1e-12 ? fabs (max) * 0.1 : 1;
      if (include_zero && min >= 0)
        max += pad;
      else
        {
          min -= pad;
          max += pad;
        }
    }
  max_ticks = MAX (max_ticks, 2);
  range = nice_number (max - min, FALSE);
  *step = nice_number (range / (max_ticks - 1), TRUE);
  *lo = floor (min / *step + 1e-9) * *step;
  *hi = ceil (max / *step - 1e-9) * *step;
  /* 23 × 0.2 is 4.6000000000000005: round to the step's decimals */
  {
    double scale = pow (10, indsats_chart_step_decimals (*step));
    *lo = round (*lo * scale) / scale;
    *hi = round (*hi * scale) / scale;
  }
  /* avoid -0 */
  if (fabs (*lo) < *step * 1e-9)
    *lo = 0;
}

/**
 * indsats_chart_step_decimals:
 *
 * Returns: the decimals tick labels need for @step: 0.2 → 1, 2.5 → 1, 500 → 0
 */
int
indsats_chart_step_decimals (double step)
{
  for (int d = 0; d < 6; d++)
    {
      double scaled = step * pow (10, d);
      if (fabs (scaled - round (scaled)) < 1e-6 * MAX (1, scaled))
        return d;
    }
  return 6;
}
