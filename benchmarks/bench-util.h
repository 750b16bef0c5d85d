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

/* Runs the main loop once, or rests 0.5 ms when it has nothing to do. */
void     bench_iterate    (void);
/* Runs the main loop for @ms milliseconds. */
void     bench_spin       (guint          ms);

/* How long BENCH_WAIT_FOR waits before the benchmark gives up. */
#define BENCH_TIMEOUT_USEC (120 * G_USEC_PER_SEC)

/* Runs the main loop until @cond holds; exits, saying @what it waited
 * for, after BENCH_TIMEOUT_USEC. */
#define BENCH_WAIT_FOR(what, cond)                                            \
  G_STMT_START {                                                              \
    gint64 _deadline = g_get_monotonic_time () + BENCH_TIMEOUT_USEC;          \
    while (!(cond))                                                           \
      {                                                                       \
        if (g_get_monotonic_time () > _deadline)                              \
          {                                                                   \
            g_printerr ("Timed out waiting for %s\n", what);                  \
            exit (EXIT_FAILURE);                                              \
          }                                                                   \
        bench_iterate ();                                                     \
      }                                                                       \
  } G_STMT_END

G_END_DECLS
