/* bench-util.h
 * What the benchmarks share: choosing what to measure, and the statistics
 * of repeated measurements.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether to measure @what: all unless @only (--only, each a list split at
 * commas) names some. */
gboolean bench_wanted     (char         **only,
                           const char    *what);
/* Milliseconds since @start (g_get_monotonic_time()). */
double   bench_ms_since   (gint64         start);
/* The @p-th percentile (0–100) of @n values by nearest rank; the 50th is the
 * median (of an even number, the mean of the middle two). Sorts @values;
 * 0 for none. */
double   bench_percentile (double        *values,
                           guint          n,
                           double         p);
/* The median of @n values, left as they are; 0 for none. */
double   bench_median     (const double  *values,
                           guint          n);

G_END_DECLS
