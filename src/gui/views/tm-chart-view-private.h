/* tm-chart-view-private.h
 * Test hooks of the chart view.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/tm-draw.h"
#include "views/tm-chart-view.h"

G_BEGIN_DECLS

/* The grid's layout at the widget's current size (borrowed; NULL unless a grid
 * with a portfolio), after any pending recomputation; @x, @y (nullable): where its
 * (0, 0) is in the widget. */
TmGridLayout   *_tm_chart_view_get_grid_layout (TmChartView    *self,
                                                double         *x,
                                                double         *y);
/* Does what a click at widget (@x, @y) does. */
void            _tm_chart_view_click          (TmChartView     *self,
                                               double           x,
                                               double           y);
guint           _tm_chart_view_get_draw_count (TmChartView     *self);
/* How often the chart has analysed its portfolio, and the analysis it has
 * now (borrowed, nullable), without analysing anew. */
guint           _tm_chart_view_get_recompute_count (TmChartView *self);
const TmAnalysis *_tm_chart_view_peek_analysis (TmChartView    *self);
/* The comparison it shows now (borrowed, nullable). */
const TmComparison *_tm_chart_view_peek_comparison (TmChartView  *self);
/* How long its first try at counting an analysis may take, and each later
 * step (tm-view-count.h); 0 and 0: every count goes in steps of 256 tasks. */
void            _tm_chart_view_set_count_budget (TmChartView    *self,
                                                 gint64          at_once_us,
                                                 gint64          step_us);
/* Whether what it shows is not yet the portfolio's: a count in steps under
 * way (the figures before shown, dimmed), or a change waiting for one. */
gboolean        _tm_chart_view_is_counting    (TmChartView     *self);

G_END_DECLS
