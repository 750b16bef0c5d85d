/* tm-task-view.h
 * The tasks as a list shows them: searched, filtered and sorted in a worker
 * thread, so that 100,000 tasks never hold up the window.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* What the list is sorted by; NONE is the catalogue's order. */
typedef enum {
  TM_TASK_SORT_NONE,
  TM_TASK_SORT_TITLE,
  TM_TASK_SORT_UNIT,
  TM_TASK_SORT_GROUP,
  TM_TASK_SORT_LEVEL,
  TM_TASK_SORT_COMPLEXITY,
  TM_TASK_SORT_MINUTES,
  TM_TASK_SORT_TIMES,
  TM_TASK_SORT_PER,
  TM_TASK_SORT_HOURS,
  TM_TASK_SORT_PERFORMED_BY,
  TM_N_TASK_SORTS
} TmTaskSort;

/* Where a task stands in the scenario shown. */
typedef enum {
  TM_TASK_STATUS_WITH_MOVE,
  TM_TASK_STATUS_ASSESSED_NO_MOVE,
  TM_TASK_STATUS_NOT_ASSESSED,
  TM_N_TASK_STATUSES
} TmTaskStatus;

#define TM_TYPE_TASK_VIEW (tm_task_view_get_type ())

G_DECLARE_FINAL_TYPE (TmTaskView, tm_task_view, TM, TASK_VIEW, GObject)

/**
 * TmTaskView:
 *
 * A GListModel of TmTask: the portfolio's tasks that pass the search and
 * the filters, in the order asked for (ties in catalogue order). Each change
 * of search, filter or order is worked out in a worker thread on a copy of
 * what it needs (the texts folded and the collation keys made there, once
 * per task and text); the result replaces the list in one step on the main
 * thread, as the smallest change of items. Edits to tasks are followed. The
 * "pending" property is TRUE while the list is being worked out.
 *
 * Search: every word of the folded text, in the title, group, description
 * or notes. "Varies with the patient" passes a filter on high complexity.
 */
TmTaskView   *tm_task_view_new             (void);
void          tm_task_view_set_portfolio   (TmTaskView   *self,
                                            TmPortfolio  *portfolio);
/* The text to search for (NULL or blank: all). */
void          tm_task_view_set_search      (TmTaskView   *self,
                                            const char   *text);
/* -1 (or NULL) for all. */
void          tm_task_view_set_level       (TmTaskView   *self,
                                            int           level);
void          tm_task_view_set_complexity  (TmTaskView   *self,
                                            int           complexity);
void          tm_task_view_set_group       (TmTaskView   *self,
                                            const char   *group);
/* A TmTaskStatus in @scenario_id, or -1. */
void          tm_task_view_set_status      (TmTaskView   *self,
                                            int           status,
                                            const char   *scenario_id);
void          tm_task_view_set_sort        (TmTaskView   *self,
                                            TmTaskSort    sort,
                                            gboolean      descending);
/* A task shown whatever the filters say (the one being edited), or NULL. */
void          tm_task_view_set_pinned      (TmTaskView   *self,
                                            TmTask       *task);
gboolean      tm_task_view_get_filters_active (TmTaskView *self);
gboolean      tm_task_view_is_pending      (TmTaskView   *self);
/* The position of @task in the list, or GTK's invalid position (G_MAXUINT). */
guint         tm_task_view_find            (TmTaskView   *self,
                                            TmTask       *task);
/* Whether the list is in the middle of a step of putting a new list in
 * place (its items-changed is being emitted), and whether @task is in that
 * new list. A selection that loses its task in one step (the list changes
 * a few rows at a time) can know it will come back. */
gboolean      tm_task_view_is_changing     (TmTaskView   *self);
gboolean      tm_task_view_will_show       (TmTaskView   *self,
                                            TmTask       *task);

G_END_DECLS
