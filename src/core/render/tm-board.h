/* tm-board.h
 * The board: a scenario's moves as cards, grouped by status, laid out and
 * drawn for the window, the exports and printing.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "render/tm-move-card.h"

G_BEGIN_DECLS

/**
 * TmBoardLayout:
 *
 * The moves of a scenario as cards, in sections by status (proposed, agreed,
 * approved, piloted, implemented, evaluated always; paused and rejected when
 * any move has them), in catalogue order within each, in as many columns
 * of cards at least 300 units wide (× the font scale) as @width holds. A
 * snapshot: build a new one when the portfolio changes. Cards speak the
 * language current when it is built. Main thread only, like the charts.
 */
typedef struct _TmBoardLayout TmBoardLayout;

TmBoardLayout *tm_board_layout_new        (TmPortfolio       *portfolio,
                                           const char        *scenario_id,
                                           const TmDrawStyle *style,
                                           double             width);
void          tm_board_layout_free        (TmBoardLayout     *self);
/* Lays the same cards out anew (another width, another font scale). */
void          tm_board_layout_set_width   (TmBoardLayout     *self,
                                           const TmDrawStyle *style,
                                           double             width);
double        tm_board_layout_get_width   (TmBoardLayout     *self);
double        tm_board_layout_get_height  (TmBoardLayout     *self);
guint         tm_board_layout_get_n_cards (TmBoardLayout     *self);
TmMoveCard   *tm_board_layout_get_card    (TmBoardLayout     *self,
                                           guint              index);
/* The index of @task's card, -1 when it has none. */
int           tm_board_layout_find_task   (TmBoardLayout     *self,
                                           TmTask            *task);
guint         tm_board_layout_count_status (TmBoardLayout    *self,
                                           TmMoveStatus       status);
/* Where card @index is; the first card of a section includes its heading
 * (so that scrolling to it shows the heading too). */
void          tm_board_layout_get_card_rect (TmBoardLayout   *self,
                                           guint              index,
                                           cairo_rectangle_t *rect);
/* The card at (@x, @y), -1 for none. */
int           tm_board_layout_hit         (TmBoardLayout     *self,
                                           double             x,
                                           double             y);
/* The card in the row above (@direction -1) or below (1) nearest in x; -1 none. */
int           tm_board_layout_get_neighbour (TmBoardLayout   *self,
                                           guint              index,
                                           int                direction);
/* Where a page may break (the tops of headings and of rows of cards), in
 * order, ending with the height. Free with g_array_unref(). */
GArray       *tm_board_layout_dup_breaks  (TmBoardLayout     *self);
/* Draws what lies between @y_from and @y_to; @focus (-1 none) is outlined. */
void          tm_board_layout_draw        (TmBoardLayout     *self,
                                           cairo_t           *cr,
                                           double             y_from,
                                           double             y_to,
                                           int                focus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmBoardLayout, tm_board_layout_free)

G_END_DECLS
