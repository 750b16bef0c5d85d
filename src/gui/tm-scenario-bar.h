/* tm-scenario-bar.h
 * Chooses the scenario the views show, and adds, copies, renames and
 * deletes scenarios.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tm-core.h"

G_BEGIN_DECLS

#define TM_TYPE_SCENARIO_BAR (tm_scenario_bar_get_type ())
G_DECLARE_FINAL_TYPE (TmScenarioBar, tm_scenario_bar, TM, SCENARIO_BAR, GtkWidget)

GtkWidget  *tm_scenario_bar_new             (void);
void        tm_scenario_bar_set_portfolio   (TmScenarioBar *self,
                                             TmPortfolio   *portfolio);
/* Property "scenario-id": the chosen scenario, never NULL while a portfolio is set. */
const char *tm_scenario_bar_get_scenario_id (TmScenarioBar *self);
void        tm_scenario_bar_set_scenario_id (TmScenarioBar *self,
                                             const char    *scenario_id);
/* signal "error" (const char *message) */

/* Compact: only the choice of scenario, without its label and menu (presentation mode). */
void        tm_scenario_bar_set_compact  (TmScenarioBar *self,
                                          gboolean       compact);

G_END_DECLS
