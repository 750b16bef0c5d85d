/* tm-move-board.h
 * The moves of a scenario as cards, grouped by status: the overview a workshop ends on.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/tm-move-card.h"
#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_MOVE_BOARD (tm_move_board_get_type ())

G_DECLARE_FINAL_TYPE (TmMoveBoard, tm_move_board, TM, MOVE_BOARD, GtkWidget)

/* A scrollable board (put it in a GtkScrolledWindow). The arrows move
 * between cards; + and - (or Shift+Right and Shift+Left) take the focused
 * move one status on or back, 1–6 to a status of the main line, R rejects
 * and P pauses it (as tm_move_status_can_change() allows); Enter opens the
 * move ("activate"). Signals: "activate" (TmTask *), "error" (const char *). */
GtkWidget    *tm_move_board_new            (void);
void          tm_move_board_set_portfolio  (TmMoveBoard *self,
                                            TmPortfolio *portfolio);
void          tm_move_board_set_scenario   (TmMoveBoard *self,
                                            const char  *scenario_id);

/* The task of the focused card, or NULL. */
TmTask       *tm_move_board_get_focus_task (TmMoveBoard *self);
/* Focuses @task's card (FALSE when it has none) and scrolls to it. */
gboolean      tm_move_board_focus_task     (TmMoveBoard *self,
                                            TmTask      *task);
/* The number of cards, and of those with @status. */
guint         tm_move_board_get_n_cards    (TmMoveBoard *self);
guint         tm_move_board_count_status   (TmMoveBoard *self,
                                            TmMoveStatus status);
/* For tests: the focused card (borrowed; NULL: none), laid out anew if due. */
TmMoveCard   *_tm_move_board_get_focus_card (TmMoveBoard *self);
/* For tests: does what the key does, as if pressed on the board. */
gboolean      _tm_move_board_press_key     (TmMoveBoard    *self,
                                            guint           keyval,
                                            GdkModifierType state);

G_END_DECLS
