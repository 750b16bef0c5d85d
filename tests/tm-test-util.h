/* tm-test-util.h
 * What the core's test suites share: checking calls that fill a GError,
 * failing without stopping, a fixed clock, and portfolios' tasks, scenarios
 * and temporary files. No GTK: the UI suites use it too.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-core.h"

G_BEGIN_DECLS

/* Runs @call (which fills `error`) and fails with its message. */
#define CHECK_OK(call)                   \
  G_STMT_START {                         \
    gboolean check_ok_ = (call);         \
    g_assert_no_error (error);           \
    g_assert_true (check_ok_);           \
  } G_STMT_END

/* Reports a failure and goes on, so that one run lists every mismatch. */
#define FAIL(...)                        \
  G_STMT_START {                         \
    g_test_message (__VA_ARGS__);        \
    g_test_fail ();                      \
  } G_STMT_END

/* Removes @path, a file or a folder with everything in it. */
void        tm_test_rm_rf          (const char  *path);
/* Fixes the portfolio's clock at @seconds (SOURCE_DATE_EPOCH), or with 0
 * lets it run. */
void        tm_test_use_clock      (gint64       seconds);
/* Now, in seconds since 1970 UTC, from the system's clock. */
gint64      tm_test_real_now       (void);
/* The task at @position of the catalogue (borrowed: the model keeps it). */
/* A new portfolio in memory for @country and @unit. */
TmPortfolio *tm_test_new_portfolio (TmCountry    country,
                                    const char  *unit);
/* The bundled example for @country in memory: its 42 tasks checked. */
TmPortfolio *tm_test_new_example   (TmCountry    country);
TmTask     *tm_test_task_at        (TmPortfolio *portfolio,
                                    guint        position);
/* The id of the scenario at @position (borrowed: it lives as long as the scenario). */
const char *tm_test_scenario_id_at (TmPortfolio *portfolio,
                                    guint        position);

G_END_DECLS
