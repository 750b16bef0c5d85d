/* test-summary.c
 * Tests of the summary figures against hand-computed values.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-summary"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tm-core.h"
#include "tm-test-util.h"

#define EPSILON 1e-9

static const TmSummaryProfession *
find_profession (TmSummary  *summary,
                 const char *id)
{
  for (guint i = 0; i < summary->by_profession->len; i++)
    {
      const TmSummaryProfession *p = &g_array_index (summary->by_profession, TmSummaryProfession, i);

      if (g_strcmp0 (p->profession_id, id) == 0)
        return p;
    }

  return NULL;
}

static const TmSummaryProfession *
get_profession (TmSummary  *summary,
                const char *id)
{
  const TmSummaryProfession *p = find_profession (summary, id);

  if (p == NULL)
    g_error ("No entry for %s in the summary", id ? id : "tasks without performer");

  return p;
}

static void
assert_sorted (TmSummary *summary)
{
  for (guint i = 1; i < summary->by_profession->len; i++)
    {
      const TmSummaryProfession *a = &g_array_index (summary->by_profession, TmSummaryProfession, i - 1);
      const TmSummaryProfession *b = &g_array_index (summary->by_profession, TmSummaryProfession, i);

      g_assert_cmpfloat (a->hours, >=, b->hours);
    }
}

static void
dump (TmSummary *summary)
{
  g_test_message ("n_tasks %u, n_not_estimated %u, total %.4f",
                  summary->n_tasks, summary->n_not_estimated, summary->total_hours);
  for (guint i = 0; i < summary->by_profession->len; i++)
    {
      const TmSummaryProfession *p = &g_array_index (summary->by_profession, TmSummaryProfession, i);
      g_test_message ("  %s: %.4f h, %u tasks", p->profession_id ? p->profession_id : "(none)",
                      p->hours, p->n_tasks);
    }
}

static void
test_empty (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmSummary) summary = tm_summary_compute (tm_portfolio_get_tasks (portfolio));

  g_assert_nonnull (summary);
  g_assert_cmpuint (summary->n_tasks, ==, 0);
  g_assert_cmpuint (summary->n_not_estimated, ==, 0);
  g_assert_cmpfloat (summary->total_hours, ==, 0);
  for (guint i = 0; i < TM_N_LEVELS; i++)
    {
      g_assert_cmpuint (summary->n_tasks_by_level[i], ==, 0);
      g_assert_cmpfloat (summary->hours_by_level[i], ==, 0);
    }
  for (guint i = 0; i < TM_N_COMPLEXITIES; i++)
    g_assert_cmpuint (summary->n_tasks_by_complexity[i], ==, 0);
  g_assert_nonnull (summary->by_profession);
  g_assert_cmpuint (summary->by_profession->len, ==, 0);
}

/* The case of the issue:
 *   admin, 2 h/week (30 min x 4 a week), nurse 100 %
 *   bounded clinical, 3.5 h/week (30 min x 1 a day), nurse 50 % / SSA 50 %
 *   coordination, not estimated, nurse 100 %
 * gives 3 tasks, 1 not estimated, 5.5 h; admin 2, bounded 3.5;
 * nurse 2 + 1.75 = 3.75, SSA 1.75; nurse first. */
static void
test_hand_computed (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmSummary) summary = NULL;
  const TmSummaryProfession *nurse;
  const TmSummaryProfession *ssa;
  double sum = 0;

  tm_test_add_timed_task (portfolio, NULL, "Admin", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 30, 4, TM_PER_WEEK,
            "nurse", 100.0, NULL);
  tm_test_add_timed_task (portfolio, NULL, "Bounded", TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_HIGH, 30, 1, TM_PER_DAY,
            "nurse", 50.0, "ssa", 50.0, NULL);
  tm_test_add_timed_task (portfolio, NULL, "Not estimated", TM_LEVEL_COORDINATION, TM_COMPLEXITY_HIGH,
            20, TM_NOT_ESTIMATED, TM_PER_DAY, "nurse", 100.0, NULL);

  summary = tm_summary_compute (tm_portfolio_get_tasks (portfolio));
  dump (summary);

  g_assert_cmpuint (summary->n_tasks, ==, 3);
  g_assert_cmpuint (summary->n_not_estimated, ==, 1);
  g_assert_cmpfloat_with_epsilon (summary->total_hours, 5.5, EPSILON);

  g_assert_cmpuint (summary->n_tasks_by_level[TM_LEVEL_NOT_ASSESSED], ==, 0);
  g_assert_cmpuint (summary->n_tasks_by_level[TM_LEVEL_ADMIN], ==, 1);
  g_assert_cmpuint (summary->n_tasks_by_level[TM_LEVEL_BOUNDED_CLINICAL], ==, 1);
  g_assert_cmpuint (summary->n_tasks_by_level[TM_LEVEL_COORDINATION], ==, 1);
  g_assert_cmpfloat_with_epsilon (summary->hours_by_level[TM_LEVEL_NOT_ASSESSED], 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (summary->hours_by_level[TM_LEVEL_ADMIN], 2.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (summary->hours_by_level[TM_LEVEL_BOUNDED_CLINICAL], 3.5, EPSILON);
  /* Not estimated is not zero hours, and not negative hours either. */
  g_assert_cmpfloat_with_epsilon (summary->hours_by_level[TM_LEVEL_COORDINATION], 0, EPSILON);

  g_assert_cmpuint (summary->n_tasks_by_complexity[TM_COMPLEXITY_LOW], ==, 1);
  g_assert_cmpuint (summary->n_tasks_by_complexity[TM_COMPLEXITY_HIGH], ==, 2);
  g_assert_cmpuint (summary->n_tasks_by_complexity[TM_COMPLEXITY_MODERATE], ==, 0);

  nurse = get_profession (summary, "nurse");
  ssa = get_profession (summary, "ssa");
  g_assert_cmpfloat_with_epsilon (nurse->hours, 3.75, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->hours, 1.75, EPSILON);
  g_assert_cmpuint (ssa->n_tasks, ==, 1);
  /* The nurse performs three tasks; one of them has no hours yet. Counting it
   * or not is a presentation choice, so both are accepted here. */
  g_assert_cmpuint (nurse->n_tasks, >=, 2);
  g_assert_cmpuint (nurse->n_tasks, <=, 3);

  /* Most hours first. */
  g_assert_cmpstr (g_array_index (summary->by_profession, TmSummaryProfession, 0).profession_id, ==, "nurse");
  assert_sorted (summary);
  g_assert_null (find_profession (summary, NULL));
  g_assert_null (find_profession (summary, "physician"));

  /* The shares of each task add up to the task: nothing lost, nothing counted twice. */
  for (guint i = 0; i < summary->by_profession->len; i++)
    sum += g_array_index (summary->by_profession, TmSummaryProfession, i).hours;
  g_assert_cmpfloat_with_epsilon (sum, summary->total_hours, EPSILON);
}

static void
test_no_performer (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmSummary) summary = NULL;
  const TmSummaryProfession *none;
  const TmSummaryProfession *nurse;

  tm_test_add_timed_task (portfolio, NULL, "Nobody", TM_LEVEL_ADMIN, TM_COMPLEXITY_NOT_ASSESSED, 60, 2, TM_PER_WEEK, NULL);
  tm_test_add_timed_task (portfolio, NULL, "Nobody either", TM_LEVEL_NOT_ASSESSED, TM_COMPLEXITY_NOT_ASSESSED,
            15, 1, TM_PER_WEEK, NULL);
  tm_test_add_timed_task (portfolio, NULL, "Nurse", TM_LEVEL_ADMIN, TM_COMPLEXITY_NOT_ASSESSED, 60, 1, TM_PER_WEEK,
            "nurse", 100.0, NULL);

  summary = tm_summary_compute (tm_portfolio_get_tasks (portfolio));
  dump (summary);

  none = get_profession (summary, NULL);
  g_assert_cmpfloat_with_epsilon (none->hours, 2.25, EPSILON);
  g_assert_cmpuint (none->n_tasks, ==, 2);
  nurse = get_profession (summary, "nurse");
  g_assert_cmpfloat_with_epsilon (nurse->hours, 1.0, EPSILON);
  g_assert_cmpuint (nurse->n_tasks, ==, 1);
  g_assert_cmpuint (summary->by_profession->len, ==, 2);
  assert_sorted (summary);

  g_assert_cmpfloat_with_epsilon (summary->total_hours, 3.25, EPSILON);
  g_assert_cmpuint (summary->n_tasks_by_level[TM_LEVEL_NOT_ASSESSED], ==, 1);
  g_assert_cmpfloat_with_epsilon (summary->hours_by_level[TM_LEVEL_NOT_ASSESSED], 0.25, EPSILON);
  g_assert_cmpuint (summary->n_tasks_by_complexity[TM_COMPLEXITY_NOT_ASSESSED], ==, 3);
}

static void
test_equal_split (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmSummary) summary = NULL;
  static const char *ids[] = { "nurse", "ssa", "physician" };

  /* 3 h/week (45 min x 4 a week), three performers without shares. */
  tm_test_add_timed_task (portfolio, NULL, "Shared equally", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 45, 4, TM_PER_WEEK,
            "nurse", 0.0, "ssa", 0.0, "physician", 0.0, NULL);

  summary = tm_summary_compute (tm_portfolio_get_tasks (portfolio));
  dump (summary);

  g_assert_cmpfloat_with_epsilon (summary->total_hours, 3.0, EPSILON);
  g_assert_cmpuint (summary->by_profession->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const TmSummaryProfession *p = get_profession (summary, ids[i]);

      g_assert_cmpfloat_with_epsilon (p->hours, 1.0, EPSILON);
      g_assert_cmpuint (p->n_tasks, ==, 1);
    }
}

static void
test_filtered_model (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GListStore) subset = g_list_store_new (TM_TYPE_TASK);
  g_autoptr(TmSummary) summary = NULL;
  const TmSummaryProfession *ssa;
  TmTask *a, *c;

  a = tm_test_add_timed_task (portfolio, NULL, "A", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 1, TM_PER_DAY, "nurse", 100.0, NULL);
  tm_test_add_timed_task (portfolio, NULL, "B", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 1, TM_PER_DAY, "ssa", 100.0, NULL);
  c = tm_test_add_timed_task (portfolio, NULL, "C", TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_LOW,
                TM_NOT_ESTIMATED, TM_NOT_ESTIMATED, TM_PER_DAY, "ssa", 100.0, NULL);

  /* A filtered view: only what the model holds counts. */
  g_list_store_append (subset, a);
  g_list_store_append (subset, c);
  summary = tm_summary_compute (G_LIST_MODEL (subset));
  dump (summary);

  g_assert_cmpuint (summary->n_tasks, ==, 2);
  g_assert_cmpuint (summary->n_not_estimated, ==, 1);
  g_assert_cmpfloat_with_epsilon (summary->total_hours, 7.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (summary, "nurse")->hours, 7.0, EPSILON);
  /* The SSA's only task here has no hours: 0 h if listed at all. */
  ssa = find_profession (summary, "ssa");
  if (ssa != NULL)
    g_assert_cmpfloat_with_epsilon (ssa->hours, 0, EPSILON);
}

static void
test_follows_edits (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTaskData) data = NULL;
  TmTask *task;

  task = tm_test_add_timed_task (portfolio, NULL, "Edited", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 30, 2, TM_PER_DAY,
                   "nurse", 100.0, NULL);
  {
    g_autoptr(TmSummary) summary = tm_summary_compute (tm_portfolio_get_tasks (portfolio));
    g_assert_cmpfloat_with_epsilon (summary->total_hours, 7.0, EPSILON);
  }

  data = tm_task_dup_data (task);
  data->minutes = TM_NOT_ESTIMATED;
  data->level = TM_LEVEL_BOUNDED_CLINICAL;
  g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TmSummary) summary = tm_summary_compute (tm_portfolio_get_tasks (portfolio));

    g_assert_cmpuint (summary->n_not_estimated, ==, 1);
    g_assert_cmpfloat_with_epsilon (summary->total_hours, 0, EPSILON);
    g_assert_cmpfloat_with_epsilon (summary->hours_by_level[TM_LEVEL_ADMIN], 0, EPSILON);
    g_assert_cmpuint (summary->n_tasks_by_level[TM_LEVEL_ADMIN], ==, 0);
    g_assert_cmpuint (summary->n_tasks_by_level[TM_LEVEL_BOUNDED_CLINICAL], ==, 1);
  }
}

/* The summary counted in steps is the summary counted at once, to the last
 * bit: the same tasks added in the same order. Each step with a deadline
 * already past still counts a block of tasks, so a large portfolio takes
 * several steps. */
static void
test_in_steps (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmSummary) at_once = NULL;
  g_autoptr(TmSummary) stepped = NULL;
  g_autoptr(TmSummaryCount) count = NULL;
  guint n_steps = 1;

  tm_test_add_varied_tasks (portfolio, 1500, NULL);
  at_once = tm_summary_compute (tm_portfolio_get_tasks (portfolio));
  g_assert_cmpuint (at_once->n_tasks, ==, 1500);
  g_assert_cmpuint (at_once->n_not_estimated, >, 0);
  g_assert_cmpuint (at_once->by_profession->len, ==, 5);

  count = tm_summary_count_new (tm_portfolio_get_tasks (portfolio));
  while (!tm_summary_count_step (count, 0))
    n_steps++;
  g_assert_cmpuint (n_steps, >=, 3);
  g_assert_true (tm_summary_count_step (count, 0));
  stepped = tm_summary_count_finish (g_steal_pointer (&count));

  g_assert_cmpuint (stepped->n_tasks, ==, at_once->n_tasks);
  g_assert_cmpuint (stepped->n_not_estimated, ==, at_once->n_not_estimated);
  g_assert_cmpfloat (stepped->total_hours, ==, at_once->total_hours);
  g_assert_cmpmem (stepped->n_tasks_by_level, sizeof stepped->n_tasks_by_level,
                   at_once->n_tasks_by_level, sizeof at_once->n_tasks_by_level);
  g_assert_cmpmem (stepped->hours_by_level, sizeof stepped->hours_by_level,
                   at_once->hours_by_level, sizeof at_once->hours_by_level);
  g_assert_cmpmem (stepped->n_tasks_by_complexity, sizeof stepped->n_tasks_by_complexity,
                   at_once->n_tasks_by_complexity, sizeof at_once->n_tasks_by_complexity);
  g_assert_cmpuint (stepped->by_profession->len, ==, at_once->by_profession->len);
  for (guint i = 0; i < at_once->by_profession->len; i++)
    {
      const TmSummaryProfession *p = &g_array_index (stepped->by_profession, TmSummaryProfession, i);
      const TmSummaryProfession *q = &g_array_index (at_once->by_profession, TmSummaryProfession, i);

      g_assert_cmpstr (p->profession_id, ==, q->profession_id);
      g_assert_cmpuint (p->n_tasks, ==, q->n_tasks);
      g_assert_cmpfloat (p->hours, ==, q->hours);
    }
}

/* Tasks that go while a count is under way (a caller that did not drop it)
 * end the count where the tasks end: nothing read past the end. */
static void
test_in_steps_tasks_gone (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmSummaryCount) count = NULL;
  g_autoptr(TmSummary) summary = NULL;
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  tm_test_add_varied_tasks (portfolio, 1000, NULL);
  count = tm_summary_count_new (tm_portfolio_get_tasks (portfolio));
  g_assert_false (tm_summary_count_step (count, 0));

  for (guint i = 600; i < 1000; i++)
    g_ptr_array_add (doomed, tm_test_task_at (portfolio, i));
  g_assert_true (tm_portfolio_delete_tasks (portfolio, (TmTask **) doomed->pdata, doomed->len, &error));
  g_assert_no_error (error);
  n = tm_test_n_tasks (portfolio);
  g_assert_cmpuint (n, ==, 600);

  summary = tm_summary_count_finish (g_steal_pointer (&count));
  g_assert_cmpuint (summary->n_tasks, ==, n);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/summary/empty", test_empty);
  g_test_add_func ("/core/summary/hand-computed", test_hand_computed);
  g_test_add_func ("/core/summary/no-performer", test_no_performer);
  g_test_add_func ("/core/summary/equal-split", test_equal_split);
  g_test_add_func ("/core/summary/filtered-model", test_filtered_model);
  g_test_add_func ("/core/summary/follows-edits", test_follows_edits);
  g_test_add_func ("/core/summary/in-steps", test_in_steps);
  g_test_add_func ("/core/summary/in-steps/tasks-gone", test_in_steps_tasks_gone);

  return g_test_run ();
}
