/* tm-scenario-summary.h
 * Beside the capacity chart: the training a scenario needs per receiving
 * profession, and the tasks whose time is not estimated.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tm-core.h"

G_BEGIN_DECLS

#define TM_TYPE_SCENARIO_SUMMARY (tm_scenario_summary_get_type ())
G_DECLARE_FINAL_TYPE (TmScenarioSummary, tm_scenario_summary, TM, SCENARIO_SUMMARY, GtkWidget)

GtkWidget *tm_scenario_summary_new          (void);
void       tm_scenario_summary_set_portfolio (TmScenarioSummary *self,
                                              TmPortfolio       *portfolio);
void       tm_scenario_summary_set_scenario  (TmScenarioSummary *self,
                                              const char        *scenario_id);

G_END_DECLS
