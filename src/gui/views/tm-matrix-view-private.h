/* tm-matrix-view-private.h
 * Test hooks of the matrix view, the assessment pane and the chart view.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/tm-draw.h"
#include "tm-assessment-pane.h"
#include "views/tm-chart-view.h"
#include "views/tm-matrix-view.h"

G_BEGIN_DECLS

/* Does what the key controller does for @keyval with @state; TRUE if handled. */
gboolean        _tm_matrix_view_press_key     (TmMatrixView    *self,
                                               guint            keyval,
                                               GdkModifierType  state);
/* Does what a click (@n_press 1) or double-click (2) at widget (@x, @y) does. */
void            _tm_matrix_view_click         (TmMatrixView    *self,
                                               double           x,
                                               double           y,
                                               int              n_press);
/* The current layout (borrowed; NULL before a portfolio is set), after any
 * pending rebuild. */
TmMatrixLayout *_tm_matrix_view_get_layout    (TmMatrixView    *self);
void            _tm_matrix_view_get_cursor    (TmMatrixView    *self,
                                               int             *row,
                                               int             *column);
/* How many times the view has drawn, and how many rows the last draw drew. */
guint           _tm_matrix_view_get_draw_count (TmMatrixView   *self,
                                                guint          *n_rows_drawn);

/* The pane's field by name: "suitability", "complexity-limit", "share", "training",
 * "training-days", "training-content", "documented-by-test", "rationale", "purpose",
 * "note", "move", "move-share", "stop", "technology", "warnings", "stack". */
GtkWidget      *_tm_assessment_pane_get_field (TmAssessmentPane *self,
                                               const char       *field);
/* The messages the warnings list shows now. */
GStrv           _tm_assessment_pane_dup_warnings (TmAssessmentPane *self);

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

G_END_DECLS
