/* tm-chart-view.h
 * One of the charts of a scenario (level × complexity map, capacity, flow), drawn by the core.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"
#include "render/tm-draw.h"

G_BEGIN_DECLS

#define TM_TYPE_CHART_VIEW (tm_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (TmChartView, tm_chart_view, TM, CHART_VIEW, GtkWidget)

/* @kind: TM_VIEW_GRID, TM_VIEW_CAPACITY or TM_VIEW_FLOW. */
GtkWidget  *tm_chart_view_new           (TmViewKind   kind);
TmViewKind  tm_chart_view_get_kind      (TmChartView *self);
void        tm_chart_view_set_portfolio (TmChartView *self,
                                         TmPortfolio *portfolio);
/* NULL: the portfolio's first scenario. */
void        tm_chart_view_set_scenario  (TmChartView *self,
                                         const char  *scenario_id);
/* TM_VIEW_COMPARISON: the scenarios side by side (at most
 * TM_COMPARISON_MAX_SCENARIOS); NULL: the portfolio's first ones. */
void        tm_chart_view_set_scenarios (TmChartView        *self,
                                         const char * const *scenario_ids);
/* The scenarios the comparison shows now. */
GStrv       tm_chart_view_dup_scenarios (TmChartView *self);

/* Signal "cell-activated" (guint level, guint complexity), grid only: a cell was
 * clicked, or activated with Return; the complexity is TM_COMPLEXITY_HIGH for the
 * column that also holds "varies". */

G_END_DECLS
