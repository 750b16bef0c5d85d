/* tm-task-walk.c
 * A list of tasks walked in blocks until a deadline.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-task-walk"

#include "config.h"

#include "model/tm-task-walk-private.h"

/* How many tasks between two looks at the clock. */
#define CHECK_EVERY 256

void
_tm_task_walk_init (TmTaskWalk *walk,
                    GListModel *tasks)
{
  walk->tasks = g_object_ref (tasks);
  walk->next = 0;
  walk->n = g_list_model_get_n_items (tasks);
}

gboolean
_tm_task_walk_step (TmTaskWalk  *walk,
                    gint64       deadline,
                    TmTaskVisit  visit,
                    gpointer     user_data)
{
  guint n = MIN (walk->n, g_list_model_get_n_items (walk->tasks));

  while (walk->next < n)
    {
      guint stop = MIN (n, walk->next + CHECK_EVERY);

      for (; walk->next < stop; walk->next++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (walk->tasks, walk->next);

          visit (task, user_data);
        }
      if (walk->next < n && g_get_monotonic_time () >= deadline)
        return FALSE;
    }
  return TRUE;
}

void
_tm_task_walk_clear (TmTaskWalk *walk)
{
  g_clear_object (&walk->tasks);
}
