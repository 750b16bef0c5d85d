/* tm-summary-bar.h
 * The bar under the task list: tasks and hours in total, by competence level
 * and by profession.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tm-core.h"

G_BEGIN_DECLS

#define TM_TYPE_SUMMARY_BAR (tm_summary_bar_get_type ())
G_DECLARE_FINAL_TYPE (TmSummaryBar, tm_summary_bar, TM, SUMMARY_BAR, GtkWidget)

GtkWidget  *tm_summary_bar_new           (void);
/* @portfolio: (nullable) */
void        tm_summary_bar_set_portfolio (TmSummaryBar *self,
                                          TmPortfolio  *portfolio);
/* Recomputes now instead of in the next idle (tests). */
void        tm_summary_bar_update        (TmSummaryBar *self);
/* The text of the totals line, e.g. "42 tasks · 31.5 h/week in total". */
const char *tm_summary_bar_get_total_text (TmSummaryBar *self);

/* Tests: each step of a count takes at most @budget_us (0: a block of tasks
 * a step), and how many steps the count shown last took. */
void        _tm_summary_bar_set_step_budget (TmSummaryBar *self,
                                             gint64        budget_us);
guint       _tm_summary_bar_get_n_steps     (TmSummaryBar *self);
/* Tests: whether every level's figures are shown whole; if not, @cut gets
 * the first that is not. */
gboolean    _tm_summary_bar_figures_fit     (TmSummaryBar  *self,
                                             char         **cut);

G_END_DECLS
