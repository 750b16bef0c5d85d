/* tm-matrix-view.h
 * The task × profession matrix: a scrollable grid drawn by the core, edited by keyboard.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_MATRIX_VIEW (tm_matrix_view_get_type ())
G_DECLARE_FINAL_TYPE (TmMatrixView, tm_matrix_view, TM, MATRIX_VIEW, GtkWidget)

/* Implements GtkScrollable: put it straight into a GtkScrolledWindow. */
GtkWidget    *tm_matrix_view_new                   (void);
void          tm_matrix_view_set_portfolio         (TmMatrixView *self,
                                                    TmPortfolio  *portfolio);
/* The rows: a GListModel of TmTask (the window's filtered and sorted model); NULL
 * shows all the portfolio's tasks. Rows follow its items-changed; the view groups
 * them by task group in order of first appearance. */
void          tm_matrix_view_set_tasks             (TmMatrixView *self,
                                                    GListModel   *tasks);
/* NULL: the portfolio's first scenario. */
void          tm_matrix_view_set_scenario          (TmMatrixView *self,
                                                    const char   *scenario_id);
/* Hide professions no task performs, is assessed for or moves to (default TRUE). */
void          tm_matrix_view_set_only_in_play      (TmMatrixView *self,
                                                    gboolean      only_in_play);
gboolean      tm_matrix_view_get_only_in_play      (TmMatrixView *self);
/* The cell under the keyboard cursor (borrowed; NULL when empty). The profession
 * is NULL too on the last column, which marks a move to stop or to technology. */
TmTask       *tm_matrix_view_get_cursor_task       (TmMatrixView *self);
TmProfession *tm_matrix_view_get_cursor_profession (TmMatrixView *self);
/* Row and column of the layout (group header rows count as rows); FALSE when
 * there is no such cell or @row is a group header. */
gboolean      tm_matrix_view_set_cursor            (TmMatrixView *self,
                                                    guint         row,
                                                    guint         column);

/* Signals: "cursor-changed" (no arguments): the cursor moved to another cell;
 * "error" (const char *message): an edit could not be stored. */

G_END_DECLS
