/* tm-summary.c
 * The figures the summary bar shows: tasks, hours, by level and by profession.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-summary"

#include "config.h"

#include <string.h>

#include "analysis/tm-summary.h"
#include "model/tm-task-walk-private.h"

static void
clear_profession (gpointer p)
{
  TmSummaryProfession *entry = p;

  g_clear_pointer (&entry->profession_id, g_free);
}

static int
compare_professions (gconstpointer a,
                     gconstpointer b)
{
  const TmSummaryProfession *pa = a;
  const TmSummaryProfession *pb = b;

  if (pa->hours != pb->hours)
    return pa->hours > pb->hours ? -1 : 1;
  if (pa->n_tasks != pb->n_tasks)
    return pa->n_tasks > pb->n_tasks ? -1 : 1;
  /* Tasks without a performer last, the rest by id so the order is stable. */
  if (pa->profession_id == NULL || pb->profession_id == NULL)
    return pa->profession_id == NULL ? 1 : -1;
  return strcmp (pa->profession_id, pb->profession_id);
}

static TmSummaryProfession *
profession_entry (GArray     *array,
                  GHashTable *index,
                  const char *id)
{
  gpointer found;

  if (g_hash_table_lookup_extended (index, id ? id : "", NULL, &found))
    return &g_array_index (array, TmSummaryProfession, GPOINTER_TO_UINT (found));

  {
    TmSummaryProfession entry = { g_strdup (id), 0, 0 };

    g_array_append_val (array, entry);
    g_hash_table_insert (index, g_strdup (id ? id : ""), GUINT_TO_POINTER (array->len - 1));
    return &g_array_index (array, TmSummaryProfession, array->len - 1);
  }
}

struct _TmSummaryCount {
  TmTaskWalk  walk;
  GHashTable *index;      /* profession id ("" for none) → index in by_profession */
  TmSummary  *summary;
};

static void
count_task (TmTask   *task,
            gpointer  user_data)
{
  TmSummaryCount *count = user_data;
  TmSummary *summary = count->summary;
  const TmTaskData *data = tm_task_peek_data (task);
  double hours = tm_task_data_get_hours_per_week (data);
  gboolean estimated = hours >= 0;
  double total_share = 0;

  summary->n_tasks++;
  summary->n_tasks_by_level[data->level]++;
  summary->n_tasks_by_complexity[data->complexity]++;

  if (!estimated)
    summary->n_not_estimated++;
  else
    {
      summary->total_hours += hours;
      summary->hours_by_level[data->level] += hours;
    }

  if (data->performers->len == 0)
    {
      TmSummaryProfession *entry = profession_entry (summary->by_profession, count->index, NULL);

      entry->n_tasks++;
      if (estimated)
        entry->hours += hours;
      return;
    }

  for (guint j = 0; j < data->performers->len; j++)
    total_share += g_array_index (data->performers, TmPerformer, j).share;

  for (guint j = 0; j < data->performers->len; j++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, j);
      TmSummaryProfession *entry = profession_entry (summary->by_profession, count->index,
                                                     p->profession_id);
      double fraction = total_share > 0 ? p->share / total_share
                                        : 1.0 / data->performers->len;

      entry->n_tasks++;
      if (estimated)
        entry->hours += hours * fraction;
    }
}

TmSummaryCount *
tm_summary_count_new (GListModel *tasks)
{
  TmSummaryCount *count;

  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), NULL);

  count = g_new0 (TmSummaryCount, 1);
  _tm_task_walk_init (&count->walk, tasks);
  count->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count->summary = g_new0 (TmSummary, 1);
  count->summary->by_profession = g_array_new (FALSE, TRUE, sizeof (TmSummaryProfession));
  g_array_set_clear_func (count->summary->by_profession, clear_profession);
  return count;
}

gboolean
tm_summary_count_step (TmSummaryCount *count,
                       gint64          deadline)
{
  g_return_val_if_fail (count != NULL, TRUE);

  return _tm_task_walk_step (&count->walk, deadline, count_task, count);
}

TmSummary *
tm_summary_count_finish (TmSummaryCount *count)
{
  TmSummary *summary;

  g_return_val_if_fail (count != NULL, NULL);

  tm_summary_count_step (count, G_MAXINT64);
  summary = g_steal_pointer (&count->summary);
  g_array_sort (summary->by_profession, compare_professions);
  tm_summary_count_free (count);
  return summary;
}

void
tm_summary_count_free (TmSummaryCount *count)
{
  if (count == NULL)
    return;

  _tm_task_walk_clear (&count->walk);
  g_clear_pointer (&count->index, g_hash_table_unref);
  g_clear_pointer (&count->summary, tm_summary_free);
  g_free (count);
}

TmSummary *
tm_summary_compute (GListModel *tasks)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (tasks), NULL);

  return tm_summary_count_finish (tm_summary_count_new (tasks));
}

void
tm_summary_free (TmSummary *summary)
{
  if (summary == NULL)
    return;

  g_clear_pointer (&summary->by_profession, g_array_unref);
  g_free (summary);
}
