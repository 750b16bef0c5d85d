/* bench-util.c
 * What the benchmarks share.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-util.h"

gboolean
bench_wanted (char       **only,
              const char  *what)
{
  if (only == NULL || only[0] == NULL)
    return TRUE;
  for (guint i = 0; only[i] != NULL; i++)
    {
      g_auto(GStrv) names = g_strsplit (only[i], ",", -1);

      if (g_strv_contains ((const char * const *) names, what))
        return TRUE;
    }
  return FALSE;
}

double
bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_percentile (double *values,
                  guint   n,
                  double  p)
{
  guint rank;

  if (n == 0)
    return 0;
  qsort (values, n, sizeof *values, compare_doubles);
  if (p == 50)
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  rank = (guint) (p / 100.0 * n + 0.999999);
  rank = CLAMP (rank, 1, n);

  return values[rank - 1];
}

double
bench_median (const double *values,
              guint         n)
{
  g_autofree double *sorted = NULL;

  if (n == 0)
    return 0;
  sorted = g_memdup2 (values, n * sizeof *values);
  return bench_percentile (sorted, n, 50);
}

void
bench_iterate (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (500);
}

void
bench_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    bench_iterate ();
}
