/* tm-summary.h
 * The figures the summary bar shows: tasks, hours, by level and by profession.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

typedef struct {
  char   *profession_id;  /* NULL: tasks with no performer */
  double  hours;          /* per week */
  guint   n_tasks;
} TmSummaryProfession;

typedef struct {
  guint   n_tasks;
  guint   n_not_estimated;              /* tasks without hours; never counted as zero */
  double  total_hours;                  /* per week, estimated tasks only */
  guint   n_tasks_by_level[TM_N_LEVELS];
  double  hours_by_level[TM_N_LEVELS];
  guint   n_tasks_by_complexity[TM_N_COMPLEXITIES];
  GArray *by_profession;                /* of TmSummaryProfession, most hours first */
} TmSummary;

/* Summarises @tasks (a GListModel of TmTask; the portfolio's or a filtered one).
 * A task's hours are split between its performers by their shares (equally when
 * no share is given). */
TmSummary *tm_summary_compute (GListModel *tasks);
void       tm_summary_free    (TmSummary  *summary);

/* The same summary counted in steps, for a window that must go on drawing
 * while a region's tasks are counted. Each step counts until @deadline
 * (monotonic µs) and returns TRUE once every task is counted. The tasks must
 * not change between two steps: drop the count when they do and start again.
 * tm_summary_count_finish() counts what is left and frees @count. */
typedef struct _TmSummaryCount TmSummaryCount;

TmSummaryCount *tm_summary_count_new    (GListModel     *tasks);
gboolean        tm_summary_count_step   (TmSummaryCount *count,
                                         gint64          deadline);
TmSummary      *tm_summary_count_finish (TmSummaryCount *count);
void            tm_summary_count_free   (TmSummaryCount *count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmSummary, tm_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmSummaryCount, tm_summary_count_free)

G_END_DECLS
