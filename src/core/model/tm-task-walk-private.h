/* tm-task-walk-private.h
 * A list of tasks walked in blocks until a deadline: the loop of every count
 * made in steps between a window's frames.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/tm-task.h"

G_BEGIN_DECLS

typedef void (*TmTaskVisit) (TmTask   *task,
                             gpointer  user_data);

typedef struct {
  GListModel *tasks;
  guint       next;   /* the next task to visit */
  guint       n;      /* the tasks there were when the walk began */
} TmTaskWalk;

void     _tm_task_walk_init  (TmTaskWalk  *walk,
                              GListModel  *tasks);
/* Visits tasks until @deadline (monotonic µs; at least one block of tasks a
 * step) and returns TRUE once every task is visited. The tasks must not
 * change between two steps; if they went anyway, the walk ends where they
 * end instead of reading past it. */
gboolean _tm_task_walk_step  (TmTaskWalk  *walk,
                              gint64       deadline,
                              TmTaskVisit  visit,
                              gpointer     user_data);
void     _tm_task_walk_clear (TmTaskWalk  *walk);

G_END_DECLS
