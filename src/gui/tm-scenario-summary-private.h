/* tm-scenario-summary-private.h
 * What the tests may do to the scenario summary.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-scenario-summary.h"

G_BEGIN_DECLS

/* As _tm_chart_view_set_count_budget() and _tm_chart_view_is_counting(). */
void     _tm_scenario_summary_set_count_budget (TmScenarioSummary *self,
                                                gint64             at_once_us,
                                                gint64             step_us);
gboolean _tm_scenario_summary_is_counting      (TmScenarioSummary *self);

G_END_DECLS
