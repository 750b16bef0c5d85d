/* tm-scenario.h
 * A scenario: the set of chosen moves, compared with today.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-types.h"

G_BEGIN_DECLS

#define TM_TYPE_SCENARIO (tm_scenario_get_type ())
G_DECLARE_FINAL_TYPE (TmScenario, tm_scenario, TM, SCENARIO, GObject)

/* Read-only to the UI; properties "id" and "name" notify. The moves
 * themselves live with the tasks (TmTaskData.moves). */
const char *tm_scenario_get_id   (TmScenario *self);
const char *tm_scenario_get_name (TmScenario *self);

G_END_DECLS
