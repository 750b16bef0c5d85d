/* tm-review-pane.h
 * The assessment of a chosen move: its status, the checklist of the principles,
 * the quality grid, barriers, risk, who is responsible, and its history.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_REVIEW_PANE (tm_review_pane_get_type ())
G_DECLARE_FINAL_TYPE (TmReviewPane, tm_review_pane, TM, REVIEW_PANE, GtkWidget)

GtkWidget *tm_review_pane_new           (void);
void       tm_review_pane_set_portfolio (TmReviewPane *self,
                                         TmPortfolio  *portfolio);
void       tm_review_pane_set_scenario  (TmReviewPane *self,
                                         const char   *scenario_id);
/* The task whose move in the scenario is assessed; a task without a move
 * there shows that a move must be chosen first. */
/* The sections side by side in three columns, for a wide view (every one open). */
void       tm_review_pane_set_wide      (TmReviewPane *self,
                                         gboolean      wide);
void       tm_review_pane_set_task      (TmReviewPane *self,
                                         TmTask       *task);

/* signal "error" (const char *message): an edit could not be stored. */

/* Test hooks ---------------------------------------------------------------------------- */

/* A widget of the pane by name: "stack" (pages "empty", "no-move", "review"),
 * "status", "counts", "status-note", "status-log", "barrier-note", "risk",
 * "mitigation", "responsible", "delegation", "quality-standards", "follow-up",
 * "history", "checklist-expander", "quality-expander", "barriers-expander",
 * "responsibility-expander", "history-expander", "scroller"; NULL for another name. */
GtkWidget *_tm_review_pane_get_field           (TmReviewPane       *self,
                                                const char         *name);
GtkWidget *_tm_review_pane_get_check_drop_down (TmReviewPane       *self,
                                                TmCheckItem         item);
GtkWidget *_tm_review_pane_get_check_note      (TmReviewPane       *self,
                                                TmCheckItem         item);
GtkWidget *_tm_review_pane_get_quality_drop_down (TmReviewPane     *self,
                                                  TmQualityComponent component);
GtkWidget *_tm_review_pane_get_quality_note    (TmReviewPane       *self,
                                                TmQualityComponent  component);
GtkWidget *_tm_review_pane_get_barrier_check   (TmReviewPane       *self,
                                                TmBarrier           barrier);
/* The button that changes the status to @status, or NULL when it is not offered. */
GtkWidget *_tm_review_pane_get_status_button   (TmReviewPane       *self,
                                                TmMoveStatus        status);
/* The dialog asking to confirm an approval with open items, or NULL. */
GtkWidget *_tm_review_pane_get_confirmation    (TmReviewPane       *self);

G_END_DECLS
