/* tm-matrix-view-private.h
 * Test hooks of the matrix view.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/tm-draw.h"
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
/* How often the layout was made: not while hidden, once when shown. */
guint           _tm_matrix_view_get_rebuild_count (TmMatrixView *self);
guint           _tm_matrix_view_get_draw_count (TmMatrixView   *self,
                                                guint          *n_rows_drawn);

G_END_DECLS
