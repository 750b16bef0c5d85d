/* test-analysis.c
 * Tests of a scenario's analysis against hand-computed cases, and of every
 * warning tm_move_check() gives.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-analysis"

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "tm-core.h"
#include "tm-test-util.h"

#define EPSILON 1e-9

/* Helpers */

static void
set_training (TmPortfolio   *portfolio,
              TmTask        *task,
              const char    *profession_id,
              TmSuitability  suitability,
              TmTraining     training,
              double         days,
              gboolean       tested)
{
  g_autoptr(GError) error = NULL;
  TmAssessment a;

  tm_assessment_init (&a, profession_id);
  a.suitability = suitability;
  a.training = training;
  a.training_days = days;
  a.documented_by_test = tested;
  g_free (a.purpose);
  a.purpose = g_strdup ("Frigøre tid til sygepleje");
  CHECK_OK (tm_portfolio_set_assessment (portfolio, task, &a, NULL, &error));
  tm_assessment_clear (&a);
}

static guint
profession_position (TmPortfolio *portfolio,
                     const char  *id)
{
  GListModel *professions = tm_portfolio_get_professions (portfolio);

  if (id == NULL)
    return G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (professions, i);

      if (g_str_equal (tm_profession_get_id (p), id))
        return i;
    }

  g_error ("No profession %s in the portfolio", id);
  return G_MAXUINT;
}

static const TmAnalysisProfession *
get_profession (TmAnalysis *analysis,
                const char *id)
{
  const TmAnalysisProfession *p = tm_analysis_get_profession (analysis, id);

  if (p == NULL)
    g_error ("No entry for %s in the analysis", id ? id : "tasks without performer");
  return p;
}

/* The flow @from → (@kind, @to), or NULL. */
static const TmAnalysisFlow *
find_flow (TmAnalysis *analysis,
           const char *from,
           TmMoveKind  kind,
           const char *to)
{
  for (guint i = 0; i < analysis->flows->len; i++)
    {
      const TmAnalysisFlow *f = &g_array_index (analysis->flows, TmAnalysisFlow, i);

      if (g_strcmp0 (f->from_id, from) == 0 && f->kind == kind && g_strcmp0 (f->to_id, to) == 0)
        return f;
    }
  return NULL;
}

static void
assert_flow (TmAnalysis *analysis,
             const char *from,
             TmMoveKind  kind,
             const char *to,
             double      hours,
             guint       n_tasks)
{
  const TmAnalysisFlow *f = find_flow (analysis, from, kind, to);

  if (f == NULL)
    g_error ("No flow %s → %s %s", from ? from : "(none)", tm_move_kind_to_id (kind), to ? to : "");
  g_assert_cmpfloat_with_epsilon (f->hours, hours, EPSILON);
  g_assert_cmpuint (f->n_tasks, ==, n_tasks);
}

static const TmAnalysisTraining *
find_training (TmAnalysis *analysis,
               const char *id)
{
  for (guint i = 0; i < analysis->training->len; i++)
    {
      const TmAnalysisTraining *t = &g_array_index (analysis->training, TmAnalysisTraining, i);

      if (g_strcmp0 (t->profession_id, id) == 0)
        return t;
    }
  return NULL;
}

static const TmAnalysisTraining *
get_training (TmAnalysis *analysis,
              const char *id)
{
  const TmAnalysisTraining *t = find_training (analysis, id);

  if (t == NULL)
    g_error ("No training entry for %s", id);
  return t;
}

static void
dump (TmAnalysis *analysis)
{
  g_test_message ("scenario %s: %u tasks, %u moves, %.4f h, moved %.4f h, %u not estimated",
                  analysis->scenario_id ? analysis->scenario_id : "(today)",
                  analysis->n_tasks, analysis->n_moves, analysis->total_hours,
                  analysis->moved_hours, analysis->n_not_estimated);
  for (guint i = 0; i < analysis->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (analysis->professions, TmAnalysisProfession, i);

      g_test_message ("  %s: %u tasks, today %.4f, after %.4f, out %.4f (unskilled %.4f, prof %.4f, "
                      "tech/stop %.4f), in %.4f",
                      p->profession_id ? p->profession_id : "(none)", p->n_tasks_today,
                      p->hours_today, p->hours_after, p->moved_out, p->out_to_unskilled,
                      p->out_to_professions, p->out_to_technology_or_stopped, p->moved_in);
    }
  for (guint i = 0; i < analysis->flows->len; i++)
    {
      const TmAnalysisFlow *f = &g_array_index (analysis->flows, TmAnalysisFlow, i);

      g_test_message ("  flow %s → %s %s: %.4f h, %u tasks", f->from_id ? f->from_id : "(none)",
                      tm_move_kind_to_id (f->kind), f->to_id ? f->to_id : "", f->hours, f->n_tasks);
    }
}

/* Checks that hold for every analysis. */
static void
assert_consistent (TmPortfolio *portfolio,
                   TmAnalysis  *analysis)
{
  double sum_today = 0, sum_after = 0, sum_out = 0, sum_in = 0, sum_flows = 0, gone = 0;
  guint last = 0;

  for (guint i = 0; i < analysis->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (analysis->professions, TmAnalysisProfession, i);
      guint pos = profession_position (portfolio, p->profession_id);

      /* The portfolio's order, then tasks without a performer. */
      if (i > 0)
        g_assert_cmpuint (pos, >, last);
      last = pos;

      g_assert_cmpfloat_with_epsilon (p->out_to_unskilled + p->out_to_professions +
                                      p->out_to_technology_or_stopped, p->moved_out, EPSILON);
      g_assert_cmpfloat_with_epsilon (p->hours_after, p->hours_today - p->moved_out + p->moved_in,
                                      EPSILON);
      g_assert_cmpfloat (p->hours_today, >=, 0);
      g_assert_cmpfloat (p->hours_after, >=, -EPSILON);
      sum_today += p->hours_today;
      sum_after += p->hours_after;
      sum_out += p->moved_out;
      sum_in += p->moved_in;
      gone += p->out_to_technology_or_stopped;
    }

  g_assert_cmpfloat_with_epsilon (sum_today, analysis->total_hours, EPSILON);
  g_assert_cmpfloat_with_epsilon (sum_after, analysis->total_hours - gone, EPSILON);
  g_assert_cmpfloat_with_epsilon (sum_out, analysis->moved_hours, EPSILON);
  g_assert_cmpfloat_with_epsilon (sum_in + gone, analysis->moved_hours, EPSILON);

  for (guint i = 0; i < analysis->flows->len; i++)
    {
      const TmAnalysisFlow *f = &g_array_index (analysis->flows, TmAnalysisFlow, i);

      /* Most hours first. */
      if (i > 0)
        g_assert_cmpfloat (g_array_index (analysis->flows, TmAnalysisFlow, i - 1).hours, >=, f->hours);
      if (f->kind == TM_MOVE_TO_PROFESSION)
        g_assert_nonnull (f->to_id);
      else
        g_assert_null (f->to_id);
      sum_flows += f->hours;
    }
  g_assert_cmpfloat_with_epsilon (sum_flows, analysis->moved_hours, EPSILON);

  for (guint i = 1; i < analysis->training->len; i++)
    g_assert_cmpuint (g_array_index (analysis->training, TmAnalysisTraining, i - 1).n_tasks, >=,
                      g_array_index (analysis->training, TmAnalysisTraining, i).n_tasks);

  {
    guint n = 0, n_not = 0;
    double h = 0;

    for (guint l = 0; l < TM_N_LEVELS; l++)
      for (guint c = 0; c < TM_N_COMPLEXITIES; c++)
        {
          n += analysis->grid_tasks[l][c];
          n_not += analysis->grid_not_estimated[l][c];
          h += analysis->grid_hours[l][c];
        }
    g_assert_cmpuint (n, ==, analysis->n_tasks);
    g_assert_cmpuint (n_not, ==, analysis->n_not_estimated);
    g_assert_cmpfloat_with_epsilon (h, analysis->total_hours, EPSILON);
    g_assert_cmpuint (analysis->not_estimated->len, ==, analysis->n_not_estimated);
  }
}

/* The hand-computed case.
 *
 *  #   title        level/complexity       time             h/wk  performers            move in S
 *  T1  Restock      admin/low              30 min x 10/wk   5     nurse 100             runner 100 %
 *  T2  Mobilise     bounded/moderate       60 min x 1/day   7     nurse 60, ssa 40      physio 40 %
 *  T3  Dispense     bounded/high           20 min x 6/wk    2     nurse 30, ssa 10      ssa 100 %
 *                                                                 (75/25 after normalising)
 *  T4  Vital signs  bounded/varies         10 min x 3/day   3.5   nurse 0, ssa 0 (equal) technology 50 %
 *  T5  Paperwork    admin/moderate         60 min x 2/wk    2     nurse 100             stop 100 %
 *  T6  Coordinate   coordination/high      not estimated    -     nurse 100             ward-assistant 100 %
 *  T7  Porterage    admin/low              15 min x 4/wk    1     (none)                porter 100 %
 *  T8  Unassessed   -/-                    6 min x 10/wk    1     physician 100         -
 *  T9  Half-timed   coordination/varies    10 min x ?       -     ssa 100               -
 *  T10 Fetch food   admin/low              12 min x 10/wk   2     nurse 100             runner 100 %
 *
 * Total 23.5 h; 2 not estimated (T6, T9); 8 moves.
 * Nurse today 5 + 4.2 + 1.5 + 1.75 + 2 + 2 = 16.45 h (7 tasks incl. T6);
 *   out: runner 5 + 2 = 7 (unskilled), physio 1.68 + ssa 1.5 = 3.18 (professions),
 *   technology 0.875 + stop 2 = 2.875; moved 13.055; after 3.395.
 * SSA today 2.8 + 0.5 + 1.75 = 5.05 h (4 tasks incl. T9);
 *   out: physio 1.12 (professions), technology 0.875; its own part of T3 stays;
 *   in: 1.5 (T3); after 5.05 - 1.995 + 1.5 = 4.555.
 * Physio: in 2.8. Runner: in 7. Porter: in 1. Ward assistant: in 0 (T6 has no time).
 * Physician: 1 h today and after. No performer: 1 h today, 1 h out to an unskilled group.
 * Moved: 7 + 2.8 + 1.5 + 1.75 + 2 + 1 = 16.05 h.
 */
typedef struct {
  TmPortfolio *portfolio;
  const char  *scenario;
  TmTask      *t[11];
} Case;

static void
case_build (Case *c)
{
  TmPortfolio *p;

  c->portfolio = p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  c->scenario = tm_test_scenario_id_at (p, 0);

  c->t[1] = tm_test_add_timed_task (p, NULL, "Restock", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 30, 10, TM_PER_WEEK,
                      "nurse", 100.0, NULL);
  c->t[2] = tm_test_add_timed_task (p, NULL, "Mobilise", TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_MODERATE, 60, 1, TM_PER_DAY,
                      "nurse", 60.0, "ssa", 40.0, NULL);
  c->t[3] = tm_test_add_timed_task (p, NULL, "Dispense", TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_HIGH, 20, 6, TM_PER_WEEK,
                      "nurse", 30.0, "ssa", 10.0, NULL);
  c->t[4] = tm_test_add_timed_task (p, NULL, "Vital signs", TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_VARIES, 10, 3, TM_PER_DAY,
                      "nurse", 0.0, "ssa", 0.0, NULL);
  c->t[5] = tm_test_add_timed_task (p, NULL, "Paperwork", TM_LEVEL_ADMIN, TM_COMPLEXITY_MODERATE, 60, 2, TM_PER_WEEK,
                      "nurse", 100.0, NULL);
  c->t[6] = tm_test_add_timed_task (p, NULL, "Coordinate", TM_LEVEL_COORDINATION, TM_COMPLEXITY_HIGH,
                      TM_NOT_ESTIMATED, TM_NOT_ESTIMATED, TM_PER_DAY, "nurse", 100.0, NULL);
  c->t[7] = tm_test_add_timed_task (p, NULL, "Porterage", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 15, 4, TM_PER_WEEK, NULL);
  c->t[8] = tm_test_add_timed_task (p, NULL, "Unassessed", TM_LEVEL_NOT_ASSESSED, TM_COMPLEXITY_NOT_ASSESSED, 6, 10, TM_PER_WEEK,
                      "physician", 100.0, NULL);
  c->t[9] = tm_test_add_timed_task (p, NULL, "Half-timed", TM_LEVEL_COORDINATION, TM_COMPLEXITY_VARIES, 10, TM_NOT_ESTIMATED,
                      TM_PER_DAY, "ssa", 100.0, NULL);
  c->t[10] = tm_test_add_timed_task (p, NULL, "Fetch food", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 12, 10, TM_PER_WEEK,
                       "nurse", 100.0, NULL);

  tm_test_set_move (p, c->t[1], c->scenario, TM_MOVE_TO_PROFESSION, "runner", 100);
  tm_test_set_move (p, c->t[2], c->scenario, TM_MOVE_TO_PROFESSION, "physiotherapist", 40);
  tm_test_set_move (p, c->t[3], c->scenario, TM_MOVE_TO_PROFESSION, "ssa", 100);
  tm_test_set_move (p, c->t[4], c->scenario, TM_MOVE_TECHNOLOGY, NULL, 50);
  tm_test_set_move (p, c->t[5], c->scenario, TM_MOVE_STOP, NULL, 100);
  tm_test_set_move (p, c->t[6], c->scenario, TM_MOVE_TO_PROFESSION, "ward-assistant", 100);
  tm_test_set_move (p, c->t[7], c->scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  tm_test_set_move (p, c->t[10], c->scenario, TM_MOVE_TO_PROFESSION, "runner", 100);

  /* Training: runner twice (2 + 1.5 days, one tested), physio (length unknown),
   * ward assistant (after training, no kind and no length), porter (formal,
   * 10.5 days, tested); SSA's assessment needs none. */
  set_training (p, c->t[1], "runner", TM_SUITABILITY_AFTER_TRAINING, TM_TRAINING_ON_THE_JOB, 2, TRUE);
  set_training (p, c->t[10], "runner", TM_SUITABILITY_CAN_TAKE_OVER, TM_TRAINING_ON_THE_JOB, 1.5, FALSE);
  set_training (p, c->t[2], "physiotherapist", TM_SUITABILITY_CAN_TAKE_OVER, TM_TRAINING_INTERNAL_COURSE,
                TM_NOT_ESTIMATED, FALSE);
  set_training (p, c->t[6], "ward-assistant", TM_SUITABILITY_AFTER_TRAINING, TM_TRAINING_NONE,
                TM_NOT_ESTIMATED, FALSE);
  set_training (p, c->t[7], "porter", TM_SUITABILITY_CAN_TAKE_OVER, TM_TRAINING_FORMAL, 10.5, TRUE);
  set_training (p, c->t[3], "ssa", TM_SUITABILITY_CAN_TAKE_OVER, TM_TRAINING_NONE, TM_NOT_ESTIMATED, TRUE);
  /* Training assessed for a profession the scenario does not move the task to:
   * not counted (T5 stops, T8 does not move, T1 goes to the runner). */
  set_training (p, c->t[5], "runner", TM_SUITABILITY_AFTER_TRAINING, TM_TRAINING_FORMAL, 20, TRUE);
  set_training (p, c->t[8], "ssh", TM_SUITABILITY_AFTER_TRAINING, TM_TRAINING_FORMAL, 20, TRUE);
  set_training (p, c->t[1], "ssh", TM_SUITABILITY_AFTER_TRAINING, TM_TRAINING_FORMAL, 20, TRUE);
}

static void
case_clear (Case *c)
{
  g_clear_object (&c->portfolio);
}

static void
test_hand_computed (void)
{
  Case c = { 0 };
  g_autoptr(TmAnalysis) a = NULL;
  const TmAnalysisProfession *nurse, *ssa, *physio, *runner, *porter, *physician, *none, *ward;

  case_build (&c);
  a = tm_analysis_compute (c.portfolio, c.scenario);
  dump (a);
  assert_consistent (c.portfolio, a);

  g_assert_cmpstr (a->scenario_id, ==, c.scenario);
  g_assert_cmpuint (a->n_tasks, ==, 10);
  g_assert_cmpfloat_with_epsilon (a->total_hours, 23.5, EPSILON);
  g_assert_cmpuint (a->n_moves, ==, 8);
  g_assert_cmpfloat_with_epsilon (a->moved_hours, 16.05, EPSILON);

  nurse = get_profession (a, "nurse");
  g_assert_cmpuint (nurse->n_tasks_today, ==, 7);
  g_assert_cmpfloat_with_epsilon (nurse->hours_today, 16.45, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->moved_out, 13.055, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->out_to_unskilled, 7, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->out_to_professions, 3.18, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->out_to_technology_or_stopped, 2.875, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->moved_in, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->hours_after, 3.395, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (nurse), 13.055 / 16.45, EPSILON);
  /* The three parts of the share that moves, as the report shows them. */
  g_assert_cmpfloat_with_epsilon (nurse->out_to_unskilled / nurse->hours_today, 7 / 16.45, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->out_to_professions / nurse->hours_today, 3.18 / 16.45, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->out_to_technology_or_stopped / nurse->hours_today,
                                  2.875 / 16.45, EPSILON);

  ssa = get_profession (a, "ssa");
  g_assert_cmpuint (ssa->n_tasks_today, ==, 4);
  g_assert_cmpfloat_with_epsilon (ssa->hours_today, 5.05, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->moved_out, 1.995, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->out_to_unskilled, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->out_to_professions, 1.12, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->out_to_technology_or_stopped, 0.875, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->moved_in, 1.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->hours_after, 4.555, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (ssa), 1.995 / 5.05, EPSILON);

  physio = get_profession (a, "physiotherapist");
  g_assert_cmpuint (physio->n_tasks_today, ==, 0);
  g_assert_cmpfloat_with_epsilon (physio->hours_today, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (physio->moved_in, 2.8, EPSILON);
  g_assert_cmpfloat_with_epsilon (physio->hours_after, 2.8, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (physio), 0, EPSILON);

  runner = get_profession (a, "runner");
  g_assert_cmpfloat_with_epsilon (runner->hours_today, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (runner->moved_in, 7, EPSILON);
  g_assert_cmpfloat_with_epsilon (runner->hours_after, 7, EPSILON);

  porter = get_profession (a, "porter");
  g_assert_cmpfloat_with_epsilon (porter->moved_in, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (porter->hours_after, 1, EPSILON);

  physician = get_profession (a, "physician");
  g_assert_cmpuint (physician->n_tasks_today, ==, 1);
  g_assert_cmpfloat_with_epsilon (physician->hours_today, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (physician->hours_after, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (physician->moved_out, 0, EPSILON);

  /* The task without a performer: its hours move to the (unskilled) porter. */
  none = get_profession (a, NULL);
  g_assert_cmpuint (none->n_tasks_today, ==, 1);
  g_assert_cmpfloat_with_epsilon (none->hours_today, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (none->hours_after, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (none->moved_out, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (none->out_to_unskilled, 1, EPSILON);
  /* ... and comes last. */
  g_assert_null (g_array_index (a->professions, TmAnalysisProfession, a->professions->len - 1).profession_id);

  /* The ward assistant receives a task without time: no hours. */
  ward = tm_analysis_get_profession (a, "ward-assistant");
  if (ward != NULL)
    {
      g_assert_cmpfloat_with_epsilon (ward->moved_in, 0, EPSILON);
      g_assert_cmpfloat_with_epsilon (ward->hours_after, 0, EPSILON);
    }

  /* Professions that neither perform nor receive anything are not listed. */
  g_assert_null (tm_analysis_get_profession (a, "midwife"));
  g_assert_null (tm_analysis_get_profession (a, "ssh"));

  /* Flows. */
  assert_flow (a, "nurse", TM_MOVE_TO_PROFESSION, "runner", 7, 2);
  assert_flow (a, "nurse", TM_MOVE_STOP, NULL, 2, 1);
  assert_flow (a, "nurse", TM_MOVE_TO_PROFESSION, "physiotherapist", 1.68, 1);
  assert_flow (a, "nurse", TM_MOVE_TO_PROFESSION, "ssa", 1.5, 1);
  assert_flow (a, "ssa", TM_MOVE_TO_PROFESSION, "physiotherapist", 1.12, 1);
  assert_flow (a, NULL, TM_MOVE_TO_PROFESSION, "porter", 1, 1);
  assert_flow (a, "nurse", TM_MOVE_TECHNOLOGY, NULL, 0.875, 1);
  assert_flow (a, "ssa", TM_MOVE_TECHNOLOGY, NULL, 0.875, 1);
  /* SSA's own part of T3 does not flow anywhere. */
  g_assert_null (find_flow (a, "ssa", TM_MOVE_TO_PROFESSION, "ssa"));
  g_assert_cmpstr (g_array_index (a->flows, TmAnalysisFlow, 0).from_id, ==, "nurse");
  g_assert_cmpstr (g_array_index (a->flows, TmAnalysisFlow, 0).to_id, ==, "runner");
  {
    const TmAnalysisFlow *f = find_flow (a, "nurse", TM_MOVE_TO_PROFESSION, "ward-assistant");

    /* The move of a task without time adds no hours. */
    if (f != NULL)
      g_assert_cmpfloat_with_epsilon (f->hours, 0, EPSILON);
  }

  /* Not estimated: named, in catalogue order. */
  g_assert_cmpuint (a->n_not_estimated, ==, 2);
  g_assert_true (g_ptr_array_index (a->not_estimated, 0) == c.t[6]);
  g_assert_true (g_ptr_array_index (a->not_estimated, 1) == c.t[9]);

  /* Level × complexity; "varies" counts as high. */
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_ADMIN][TM_COMPLEXITY_LOW], ==, 3);
  g_assert_cmpfloat_with_epsilon (a->grid_hours[TM_LEVEL_ADMIN][TM_COMPLEXITY_LOW], 8, EPSILON);
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_ADMIN][TM_COMPLEXITY_MODERATE], ==, 1);
  g_assert_cmpfloat_with_epsilon (a->grid_hours[TM_LEVEL_ADMIN][TM_COMPLEXITY_MODERATE], 2, EPSILON);
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_BOUNDED_CLINICAL][TM_COMPLEXITY_MODERATE], ==, 1);
  g_assert_cmpfloat_with_epsilon (a->grid_hours[TM_LEVEL_BOUNDED_CLINICAL][TM_COMPLEXITY_MODERATE], 7, EPSILON);
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_BOUNDED_CLINICAL][TM_COMPLEXITY_HIGH], ==, 2);
  g_assert_cmpfloat_with_epsilon (a->grid_hours[TM_LEVEL_BOUNDED_CLINICAL][TM_COMPLEXITY_HIGH], 5.5, EPSILON);
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_BOUNDED_CLINICAL][TM_COMPLEXITY_VARIES], ==, 0);
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_COORDINATION][TM_COMPLEXITY_HIGH], ==, 2);
  g_assert_cmpuint (a->grid_not_estimated[TM_LEVEL_COORDINATION][TM_COMPLEXITY_HIGH], ==, 2);
  g_assert_cmpfloat_with_epsilon (a->grid_hours[TM_LEVEL_COORDINATION][TM_COMPLEXITY_HIGH], 0, EPSILON);
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_COORDINATION][TM_COMPLEXITY_VARIES], ==, 0);
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_NOT_ASSESSED][TM_COMPLEXITY_NOT_ASSESSED], ==, 1);
  g_assert_cmpfloat_with_epsilon (a->grid_hours[TM_LEVEL_NOT_ASSESSED][TM_COMPLEXITY_NOT_ASSESSED], 1, EPSILON);

  case_clear (&c);
}

static void
test_training (void)
{
  Case c = { 0 };
  g_autoptr(TmAnalysis) a = NULL;
  const TmAnalysisTraining *t;

  case_build (&c);
  a = tm_analysis_compute (c.portfolio, c.scenario);
  assert_consistent (c.portfolio, a);

  for (guint i = 0; i < a->training->len; i++)
    g_test_message ("training %s: %u tasks, %.2f days, %u unknown, %u tested",
                    g_array_index (a->training, TmAnalysisTraining, i).profession_id,
                    g_array_index (a->training, TmAnalysisTraining, i).n_tasks,
                    g_array_index (a->training, TmAnalysisTraining, i).days,
                    g_array_index (a->training, TmAnalysisTraining, i).n_days_unknown,
                    g_array_index (a->training, TmAnalysisTraining, i).n_tested);

  g_assert_cmpuint (a->training->len, ==, 4);
  g_assert_cmpstr (g_array_index (a->training, TmAnalysisTraining, 0).profession_id, ==, "runner");

  t = get_training (a, "runner");
  g_assert_cmpuint (t->n_tasks, ==, 2);
  g_assert_cmpuint (t->n_by_training[TM_TRAINING_ON_THE_JOB], ==, 2);
  g_assert_cmpuint (t->n_by_training[TM_TRAINING_FORMAL], ==, 0);
  g_assert_cmpfloat_with_epsilon (t->days, 3.5, EPSILON);
  g_assert_cmpuint (t->n_days_unknown, ==, 0);
  g_assert_cmpuint (t->n_tested, ==, 1);

  t = get_training (a, "physiotherapist");
  g_assert_cmpuint (t->n_tasks, ==, 1);
  g_assert_cmpuint (t->n_by_training[TM_TRAINING_INTERNAL_COURSE], ==, 1);
  g_assert_cmpfloat_with_epsilon (t->days, 0, EPSILON);
  g_assert_cmpuint (t->n_days_unknown, ==, 1);
  g_assert_cmpuint (t->n_tested, ==, 0);

  /* After training, of no named kind: it still needs training. */
  t = get_training (a, "ward-assistant");
  g_assert_cmpuint (t->n_tasks, ==, 1);
  g_assert_cmpuint (t->n_by_training[TM_TRAINING_NONE], ==, 1);
  g_assert_cmpuint (t->n_days_unknown, ==, 1);

  t = get_training (a, "porter");
  g_assert_cmpuint (t->n_tasks, ==, 1);
  g_assert_cmpuint (t->n_by_training[TM_TRAINING_FORMAL], ==, 1);
  g_assert_cmpfloat_with_epsilon (t->days, 10.5, EPSILON);
  g_assert_cmpuint (t->n_days_unknown, ==, 0);
  g_assert_cmpuint (t->n_tested, ==, 1);

  /* Can take over without training; and assessments of professions the task does not move to. */
  g_assert_null (find_training (a, "ssa"));
  g_assert_null (find_training (a, "ssh"));

  case_clear (&c);
}

/* With no scenario the analysis is today's portfolio only. */
static void
test_today_only (void)
{
  Case c = { 0 };
  g_autoptr(TmAnalysis) a = NULL;

  case_build (&c);
  a = tm_analysis_compute (c.portfolio, NULL);
  dump (a);
  assert_consistent (c.portfolio, a);

  g_assert_null (a->scenario_id);
  g_assert_cmpuint (a->n_tasks, ==, 10);
  g_assert_cmpfloat_with_epsilon (a->total_hours, 23.5, EPSILON);
  g_assert_cmpuint (a->n_moves, ==, 0);
  g_assert_cmpfloat_with_epsilon (a->moved_hours, 0, EPSILON);
  g_assert_cmpuint (a->flows->len, ==, 0);
  g_assert_cmpuint (a->training->len, ==, 0);
  g_assert_cmpuint (a->n_not_estimated, ==, 2);

  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);

      g_assert_cmpfloat (p->hours_after, ==, p->hours_today);
      g_assert_cmpfloat (p->moved_out, ==, 0);
      g_assert_cmpfloat (p->moved_in, ==, 0);
      /* Nobody receives anything today. */
      g_assert_cmpuint (p->n_tasks_today, >, 0);
    }

  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_today, 16.45, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "ssa")->hours_today, 5.05, EPSILON);
  g_assert_null (tm_analysis_get_profession (a, "runner"));
  g_assert_null (tm_analysis_get_profession (a, "physiotherapist"));

  /* The grid describes today's catalogue and does not depend on the scenario. */
  {
    g_autoptr(TmAnalysis) s = tm_analysis_compute (c.portfolio, c.scenario);

    g_assert_cmpmem (a->grid_tasks, sizeof a->grid_tasks, s->grid_tasks, sizeof s->grid_tasks);
    g_assert_cmpmem (a->grid_not_estimated, sizeof a->grid_not_estimated,
                     s->grid_not_estimated, sizeof s->grid_not_estimated);
    for (guint l = 0; l < TM_N_LEVELS; l++)
      for (guint x = 0; x < TM_N_COMPLEXITIES; x++)
        g_assert_cmpfloat_with_epsilon (a->grid_hours[l][x], s->grid_hours[l][x], EPSILON);
  }

  case_clear (&c);
}

static void
assert_same_analysis (TmAnalysis *a,
                      TmAnalysis *b)
{
  g_assert_cmpuint (a->n_tasks, ==, b->n_tasks);
  g_assert_cmpuint (a->n_moves, ==, b->n_moves);
  g_assert_cmpuint (a->n_not_estimated, ==, b->n_not_estimated);
  g_assert_cmpfloat_with_epsilon (a->total_hours, b->total_hours, EPSILON);
  g_assert_cmpfloat_with_epsilon (a->moved_hours, b->moved_hours, EPSILON);

  g_assert_cmpuint (a->professions->len, ==, b->professions->len);
  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);
      const TmAnalysisProfession *q = &g_array_index (b->professions, TmAnalysisProfession, i);

      g_assert_cmpstr (p->profession_id, ==, q->profession_id);
      g_assert_cmpuint (p->n_tasks_today, ==, q->n_tasks_today);
      g_assert_cmpfloat_with_epsilon (p->hours_today, q->hours_today, EPSILON);
      g_assert_cmpfloat_with_epsilon (p->hours_after, q->hours_after, EPSILON);
      g_assert_cmpfloat_with_epsilon (p->moved_out, q->moved_out, EPSILON);
      g_assert_cmpfloat_with_epsilon (p->moved_in, q->moved_in, EPSILON);
      g_assert_cmpfloat_with_epsilon (p->out_to_unskilled, q->out_to_unskilled, EPSILON);
      g_assert_cmpfloat_with_epsilon (p->out_to_professions, q->out_to_professions, EPSILON);
      g_assert_cmpfloat_with_epsilon (p->out_to_technology_or_stopped, q->out_to_technology_or_stopped,
                                      EPSILON);
    }

  g_assert_cmpuint (a->flows->len, ==, b->flows->len);
  for (guint i = 0; i < a->flows->len; i++)
    {
      const TmAnalysisFlow *f = &g_array_index (a->flows, TmAnalysisFlow, i);
      const TmAnalysisFlow *g = &g_array_index (b->flows, TmAnalysisFlow, i);

      g_assert_cmpstr (f->from_id, ==, g->from_id);
      g_assert_cmpint (f->kind, ==, g->kind);
      g_assert_cmpstr (f->to_id, ==, g->to_id);
      g_assert_cmpfloat_with_epsilon (f->hours, g->hours, EPSILON);
      g_assert_cmpuint (f->n_tasks, ==, g->n_tasks);
    }

  g_assert_cmpuint (a->training->len, ==, b->training->len);
  for (guint i = 0; i < a->training->len; i++)
    {
      const TmAnalysisTraining *s = &g_array_index (a->training, TmAnalysisTraining, i);
      const TmAnalysisTraining *t = &g_array_index (b->training, TmAnalysisTraining, i);

      g_assert_cmpstr (s->profession_id, ==, t->profession_id);
      g_assert_cmpuint (s->n_tasks, ==, t->n_tasks);
      g_assert_cmpmem (s->n_by_training, sizeof s->n_by_training, t->n_by_training, sizeof t->n_by_training);
      g_assert_cmpfloat_with_epsilon (s->days, t->days, EPSILON);
      g_assert_cmpuint (s->n_days_unknown, ==, t->n_days_unknown);
      g_assert_cmpuint (s->n_tested, ==, t->n_tested);
    }
}

/* The analysis counted in steps is the analysis counted at once, for a
 * scenario with moves of every kind and for today. */
static void
test_in_steps (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  const char *scenarios[] = { scenario, NULL };

  tm_test_add_varied_tasks (portfolio, 1200, scenario);

  for (guint s = 0; s < G_N_ELEMENTS (scenarios); s++)
    {
      g_autoptr(TmAnalysis) at_once = tm_analysis_compute (portfolio, scenarios[s]);
      g_autoptr(TmAnalysisCount) count = tm_analysis_count_new (portfolio, scenarios[s], NULL);
      g_autoptr(TmAnalysis) stepped = NULL;
      guint n_steps = 1;

      g_assert_cmpuint (at_once->n_tasks, ==, 1200);
      g_assert_cmpuint (at_once->n_moves, ==, scenarios[s] ? 400 : 0);
      while (!tm_analysis_count_step (count, 0))
        n_steps++;
      g_assert_cmpuint (n_steps, >=, 3);
      stepped = tm_analysis_count_finish (g_steal_pointer (&count));
      assert_same_analysis (stepped, at_once);
      g_assert_cmpuint (stepped->not_estimated->len, ==, at_once->not_estimated->len);
    }
}

static void
test_scenario_copy (void)
{
  Case c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TmAnalysis) a = NULL;
  g_autoptr(TmAnalysis) b = NULL;
  TmScenario *copy;

  case_build (&c);
  copy = tm_portfolio_copy_scenario (c.portfolio, tm_portfolio_lookup_scenario (c.portfolio, c.scenario),
                                     "Kopi", &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  a = tm_analysis_compute (c.portfolio, c.scenario);
  b = tm_analysis_compute (c.portfolio, tm_scenario_get_id (copy));
  g_assert_cmpstr (b->scenario_id, ==, tm_scenario_get_id (copy));
  assert_consistent (c.portfolio, b);
  assert_same_analysis (a, b);

  case_clear (&c);
}

/* A second scenario: only T2 moves, wholly, to the SSH. */
static void
test_second_scenario (void)
{
  Case c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TmAnalysis) a = NULL;
  g_autoptr(TmAnalysis) b = NULL;
  TmScenario *second;
  const char *id;

  case_build (&c);
  second = tm_portfolio_add_scenario (c.portfolio, "Plan B", &error);
  g_assert_no_error (error);
  id = tm_scenario_get_id (second);
  tm_test_set_move (c.portfolio, c.t[2], id, TM_MOVE_TO_PROFESSION, "ssh", 100);

  a = tm_analysis_compute (c.portfolio, c.scenario);
  b = tm_analysis_compute (c.portfolio, id);
  dump (b);
  assert_consistent (c.portfolio, b);

  g_assert_cmpuint (b->n_moves, ==, 1);
  g_assert_cmpfloat_with_epsilon (b->moved_hours, 7, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (b, "nurse")->hours_after, 16.45 - 4.2, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (b, "nurse")->out_to_professions, 4.2, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (b, "ssa")->hours_after, 5.05 - 2.8, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (b, "ssh")->moved_in, 7, EPSILON);
  g_assert_cmpuint (b->flows->len, ==, 2);
  assert_flow (b, "nurse", TM_MOVE_TO_PROFESSION, "ssh", 4.2, 1);
  assert_flow (b, "ssa", TM_MOVE_TO_PROFESSION, "ssh", 2.8, 1);
  g_assert_null (tm_analysis_get_profession (b, "runner"));
  g_assert_cmpuint (b->training->len, ==, 0);

  /* The first scenario is unchanged by the second. */
  g_assert_cmpfloat_with_epsilon (a->moved_hours, 16.05, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_after, 3.395, EPSILON);
  g_assert_null (tm_analysis_get_profession (a, "ssh"));

  case_clear (&c);
}

/* Small cases, one rule each. */

static void
test_partial_move (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmAnalysis) a = NULL;
  const char *s = tm_test_scenario_id_at (p, 0);
  TmTask *t;

  /* 30 min x 2 a day = 7 h/week; 40 % of it to the pharmacy technician (skilled). */
  t = tm_test_add_timed_task (p, NULL, "Medicin", TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_LOW, 30, 2, TM_PER_DAY,
                "nurse", 100.0, NULL);
  tm_test_set_move (p, t, s, TM_MOVE_TO_PROFESSION, "pharmacy-technician", 40);

  a = tm_analysis_compute (p, s);
  assert_consistent (p, a);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_today, 7, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->moved_out, 2.8, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_after, 4.2, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->out_to_professions, 2.8, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->out_to_unskilled, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (get_profession (a, "nurse")), 0.4, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "pharmacy-technician")->hours_after, 2.8, EPSILON);
  assert_flow (a, "nurse", TM_MOVE_TO_PROFESSION, "pharmacy-technician", 2.8, 1);
}

static void
test_shared_performers (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmAnalysis) a = NULL;
  const char *s = tm_test_scenario_id_at (p, 0);
  TmTask *t;

  /* 10 h/week shared 60/40; all of it stops. */
  t = tm_test_add_timed_task (p, NULL, "Dobbeltregistrering", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 10, TM_PER_WEEK,
                "nurse", 60.0, "medical-secretary", 40.0, NULL);
  tm_test_set_move (p, t, s, TM_MOVE_STOP, NULL, 100);

  a = tm_analysis_compute (p, s);
  assert_consistent (p, a);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_today, 6, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "medical-secretary")->hours_today, 4, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->out_to_technology_or_stopped, 6, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "medical-secretary")->out_to_technology_or_stopped, 4,
                                  EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_after, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "medical-secretary")->hours_after, 0, EPSILON);
  assert_flow (a, "nurse", TM_MOVE_STOP, NULL, 6, 1);
  assert_flow (a, "medical-secretary", TM_MOVE_STOP, NULL, 4, 1);
  g_assert_cmpfloat_with_epsilon (a->moved_hours, 10, EPSILON);
  /* Most hours first. */
  g_assert_cmpstr (g_array_index (a->flows, TmAnalysisFlow, 0).from_id, ==, "nurse");
}

static void
test_normalised_shares (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmAnalysis) a = NULL;
  const char *s = tm_test_scenario_id_at (p, 0);
  TmTask *t1, *t2;

  /* 30/10 counts as 75/25 of 8 h; 0/0/0 as thirds of 6 h. */
  t1 = tm_test_add_timed_task (p, NULL, "Skæv", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 8, TM_PER_WEEK,
                 "nurse", 30.0, "ssa", 10.0, NULL);
  t2 = tm_test_add_timed_task (p, NULL, "Nul", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 6, TM_PER_WEEK,
                 "nurse", 0.0, "ssa", 0.0, "ssh", 0.0, NULL);
  tm_test_set_move (p, t1, s, TM_MOVE_TECHNOLOGY, NULL, 50);
  tm_test_set_move (p, t2, s, TM_MOVE_TO_PROFESSION, "unskilled", 50);

  a = tm_analysis_compute (p, s);
  dump (a);
  assert_consistent (p, a);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_today, 6 + 2, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "ssa")->hours_today, 2 + 2, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "ssh")->hours_today, 2, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->out_to_technology_or_stopped, 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "ssa")->out_to_technology_or_stopped, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->out_to_unskilled, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "ssa")->out_to_unskilled, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "ssh")->out_to_unskilled, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "unskilled")->moved_in, 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_after, 4, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "ssa")->hours_after, 2, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "ssh")->hours_after, 1, EPSILON);
  g_assert_cmpfloat_with_epsilon (a->moved_hours, 7, EPSILON);
}

/* A move to a profession that already performs part of the task: its part stays. */
static void
test_move_to_performer (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmAnalysis) a = NULL;
  const char *s = tm_test_scenario_id_at (p, 0);
  TmTask *t;

  /* 10 h/week, nurse 60 / runner 40; 50 % to the runner: the nurse hands over 3 h,
   * the runner keeps its 4 h and ends with 7 h. */
  t = tm_test_add_timed_task (p, NULL, "Opfylde", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 10, TM_PER_WEEK,
                "nurse", 60.0, "runner", 40.0, NULL);
  tm_test_set_move (p, t, s, TM_MOVE_TO_PROFESSION, "runner", 50);

  a = tm_analysis_compute (p, s);
  dump (a);
  assert_consistent (p, a);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->moved_out, 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_after, 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->out_to_unskilled, 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "runner")->hours_today, 4, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "runner")->moved_out, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "runner")->moved_in, 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "runner")->hours_after, 7, EPSILON);
  g_assert_cmpuint (a->flows->len, ==, 1);
  assert_flow (a, "nurse", TM_MOVE_TO_PROFESSION, "runner", 3, 1);
}

/* A move to the task's only performer moves nothing; it must not show as a
 * flow from "tasks with no performer recorded" (from_id NULL). */
static void
test_move_to_sole_performer (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmAnalysis) a = NULL;
  const char *s = tm_test_scenario_id_at (p, 0);
  TmTask *t;

  t = tm_test_add_timed_task (p, NULL, "Runnerens egen", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 4, TM_PER_WEEK,
                "runner", 100.0, NULL);
  tm_test_set_move (p, t, s, TM_MOVE_TO_PROFESSION, "runner", 100);

  a = tm_analysis_compute (p, s);
  dump (a);
  assert_consistent (p, a);
  g_assert_cmpfloat_with_epsilon (a->moved_hours, 0, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "runner")->hours_after, 4, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "runner")->moved_in, 0, EPSILON);
  g_assert_null (tm_analysis_get_profession (a, NULL));
  for (guint i = 0; i < a->flows->len; i++)
    g_assert_nonnull (g_array_index (a->flows, TmAnalysisFlow, i).from_id);
}

/* Tasks without time are named, and their moves add no hours anywhere. */
static void
test_not_estimated (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmAnalysis) a = NULL;
  const char *s = tm_test_scenario_id_at (p, 0);
  TmTask *t1, *t3;

  t1 = tm_test_add_timed_task (p, NULL, "Uden tid", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, TM_NOT_ESTIMATED, TM_NOT_ESTIMATED,
                 TM_PER_WEEK, "nurse", 100.0, NULL);
  tm_test_add_timed_task (p, NULL, "Med tid", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 30, 4, TM_PER_WEEK, "nurse", 100.0, NULL);
  t3 = tm_test_add_timed_task (p, NULL, "Kun minutter", TM_LEVEL_ADMIN, TM_COMPLEXITY_HIGH, 30, TM_NOT_ESTIMATED, TM_PER_DAY,
                 NULL);
  tm_test_set_move (p, t1, s, TM_MOVE_TO_PROFESSION, "runner", 100);
  tm_test_set_move (p, t3, s, TM_MOVE_STOP, NULL, 100);

  a = tm_analysis_compute (p, s);
  dump (a);
  assert_consistent (p, a);
  g_assert_cmpuint (a->n_tasks, ==, 3);
  g_assert_cmpuint (a->n_not_estimated, ==, 2);
  g_assert_true (g_ptr_array_index (a->not_estimated, 0) == t1);
  g_assert_true (g_ptr_array_index (a->not_estimated, 1) == t3);
  g_assert_cmpstr (tm_task_get_title (g_ptr_array_index (a->not_estimated, 0)), ==, "Uden tid");
  g_assert_cmpfloat_with_epsilon (a->total_hours, 2, EPSILON);
  g_assert_cmpfloat_with_epsilon (a->moved_hours, 0, EPSILON);
  g_assert_cmpuint (a->n_moves, ==, 2);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_today, 2, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->hours_after, 2, EPSILON);
  g_assert_cmpuint (get_profession (a, "nurse")->n_tasks_today, ==, 2);
  if (tm_analysis_get_profession (a, "runner") != NULL)
    g_assert_cmpfloat_with_epsilon (get_profession (a, "runner")->hours_after, 0, EPSILON);
  for (guint i = 0; i < a->flows->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (a->flows, TmAnalysisFlow, i).hours, 0, EPSILON);
  g_assert_cmpuint (a->grid_not_estimated[TM_LEVEL_ADMIN][TM_COMPLEXITY_LOW], ==, 1);
  g_assert_cmpuint (a->grid_not_estimated[TM_LEVEL_ADMIN][TM_COMPLEXITY_HIGH], ==, 1);
  g_assert_cmpuint (a->grid_tasks[TM_LEVEL_ADMIN][TM_COMPLEXITY_LOW], ==, 2);
  g_assert_cmpfloat_with_epsilon (a->grid_hours[TM_LEVEL_ADMIN][TM_COMPLEXITY_LOW], 2, EPSILON);
}

/* A user-added profession flagged unskilled counts as unskilled; one not
 * flagged counts as another profession. */
static void
test_unskilled_flag (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmAnalysis) a = NULL;
  g_autoptr(GError) error = NULL;
  const char *s = tm_test_scenario_id_at (p, 0);
  TmProfession *helper, *coordinator;
  TmTask *t1, *t2;

  helper = tm_portfolio_add_profession (p, "Afdelingshjælper", "Ward helper", FALSE, TRUE, &error);
  g_assert_no_error (error);
  coordinator = tm_portfolio_add_profession (p, "Forløbskoordinator", "Pathway coordinator", FALSE, FALSE,
                                             &error);
  g_assert_no_error (error);

  t1 = tm_test_add_timed_task (p, NULL, "Opvask", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 3, TM_PER_WEEK, "nurse", 100.0, NULL);
  t2 = tm_test_add_timed_task (p, NULL, "Booking", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 5, TM_PER_WEEK, "nurse", 100.0, NULL);
  tm_test_set_move (p, t1, s, TM_MOVE_TO_PROFESSION, tm_profession_get_id (helper), 100);
  tm_test_set_move (p, t2, s, TM_MOVE_TO_PROFESSION, tm_profession_get_id (coordinator), 100);

  a = tm_analysis_compute (p, s);
  assert_consistent (p, a);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->out_to_unskilled, 3, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, "nurse")->out_to_professions, 5, EPSILON);
  g_assert_cmpfloat_with_epsilon (get_profession (a, tm_profession_get_id (helper))->moved_in, 3, EPSILON);

  /* Re-flagging the helper as skilled changes the split. */
  CHECK_OK (tm_portfolio_update_profession (p, helper, "Afdelingshjælper", "Ward helper",
                                                 FALSE, FALSE, FALSE, &error));
  {
    g_autoptr(TmAnalysis) b = tm_analysis_compute (p, s);

    g_assert_cmpfloat_with_epsilon (get_profession (b, "nurse")->out_to_unskilled, 0, EPSILON);
    g_assert_cmpfloat_with_epsilon (get_profession (b, "nurse")->out_to_professions, 8, EPSILON);
  }
}

/* The kinds of training named in the enum's order with their counts; kinds
 * no task needs are left out. */
static void
test_training_describe (void)
{
  TmAnalysisTraining t = { 0 };
  g_autofree char *none = NULL;
  g_autofree char *two = NULL;
  g_autofree char *want = NULL;

  none = tm_analysis_training_describe (&t);
  g_assert_cmpstr (none, ==, "");

  t.n_by_training[TM_TRAINING_FORMAL] = 1;
  t.n_by_training[TM_TRAINING_ON_THE_JOB] = 3;
  two = tm_analysis_training_describe (&t);
  want = g_strdup_printf ("%s: 3, %s: 1", tm_training_get_label (TM_TRAINING_ON_THE_JOB),
                          tm_training_get_label (TM_TRAINING_FORMAL));
  g_assert_cmpstr (two, ==, want);
}

static void
test_empty (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmAnalysis) a = tm_analysis_compute (p, tm_test_scenario_id_at (p, 0));

  g_assert_nonnull (a);
  g_assert_cmpuint (a->n_tasks, ==, 0);
  g_assert_cmpfloat (a->total_hours, ==, 0);
  g_assert_nonnull (a->professions);
  g_assert_nonnull (a->flows);
  g_assert_nonnull (a->training);
  g_assert_nonnull (a->not_estimated);
  g_assert_cmpuint (a->professions->len, ==, 0);
  g_assert_cmpuint (a->flows->len, ==, 0);
  g_assert_cmpuint (a->training->len, ==, 0);
  g_assert_null (tm_analysis_get_profession (a, "nurse"));
}

/* Warnings */

typedef struct {
  TmPortfolio *portfolio;
  TmTaskData  *data;
} Check;

static void
check_init (Check        *c,
            TmLevel       level,
            TmComplexity  complexity,
            ...)
{
  const char *id;
  va_list args;

  c->portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  c->data = tm_task_data_new ();
  g_free (c->data->title);
  c->data->title = g_strdup ("Hjælpe patienten i bad");
  c->data->level = level;
  c->data->complexity = complexity;
  c->data->minutes = 20;
  c->data->occurrences = 3;

  va_start (args, complexity);
  while ((id = va_arg (args, const char *)) != NULL)
    tm_task_data_set_performer (c->data, id, va_arg (args, double));
  va_end (args);
}

static void
check_clear (Check *c)
{
  g_clear_pointer (&c->data, tm_task_data_free);
  g_clear_object (&c->portfolio);
}

static void
check_assess (Check         *c,
              const char    *profession_id,
              TmSuitability  suitability,
              TmComplexity   limit,
              const char    *purpose)
{
  TmAssessment a;

  tm_assessment_init (&a, profession_id);
  a.suitability = suitability;
  a.complexity_limit = limit;
  g_free (a.purpose);
  a.purpose = g_strdup (purpose);
  tm_task_data_set_assessment (c->data, &a);
  tm_assessment_clear (&a);
}

/* The warnings for a move as a bit set of TmWarningKind. */
static guint
check_move (Check      *c,
            TmMoveKind  kind,
            const char *profession_id)
{
  TmMove move = { (char *) "scenario-1", kind, (char *) profession_id, 100 };
  g_autoptr(GPtrArray) warnings = tm_move_check_data (c->portfolio, c->data, &move);
  guint kinds = 0;

  g_assert_nonnull (warnings);
  for (guint i = 0; i < warnings->len; i++)
    {
      TmWarning *w = g_ptr_array_index (warnings, i);

      g_test_message ("warning %d: %s", w->kind, w->message);
      g_assert_cmpint (w->kind, >=, 0);
      g_assert_cmpint (w->kind, <, TM_N_WARNINGS);
      g_assert_nonnull (w->message);
      g_assert_cmpstr (w->message, !=, "");
      g_assert_true (g_utf8_validate (w->message, -1, NULL));
      /* One warning of each kind at most. */
      g_assert_false (kinds & (1u << w->kind));
      kinds |= 1u << w->kind;
    }
  return kinds;
}

#define W(kind) (1u << (kind))

static void
test_warning_clean (void)
{
  Check c;

  /* Admin work from the nurse to the runner, assessed, with a purpose. */
  check_init (&c, TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
  check_assess (&c, "runner", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED,
                "Frigøre sygeplejerskernes tid");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "runner"), ==, 0);
  check_clear (&c);

  /* Clinical work to an authorised profession, with a limit that covers the task. */
  check_init (&c, TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_MODERATE, "nurse", 100.0, NULL);
  check_assess (&c, "physiotherapist", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_HIGH, "Rehabilitering");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "physiotherapist"), ==, 0);
  check_clear (&c);

  /* No move, no warnings. */
  check_init (&c, TM_LEVEL_COORDINATION, TM_COMPLEXITY_HIGH, "nurse", 100.0, NULL);
  {
    g_autoptr(GPtrArray) warnings = tm_move_check_data (c.portfolio, c.data, NULL);

    g_assert_nonnull (warnings);
    g_assert_cmpuint (warnings->len, ==, 0);
  }
  check_clear (&c);
}

static void
test_warning_coordination (void)
{
  Check c;

  /* Away from the nurse, to an authorised profession: coordination only. */
  check_init (&c, TM_LEVEL_COORDINATION, TM_COMPLEXITY_MODERATE, "nurse", 100.0, NULL);
  check_assess (&c, "physiotherapist", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  check_assess (&c, "ssa", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  check_assess (&c, "medical-secretary", TM_SUITABILITY_DELEGATION_FRAMEWORK, TM_COMPLEXITY_NOT_ASSESSED,
                "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "physiotherapist"), ==,
                   W (TM_WARNING_COORDINATION_AWAY));
  /* To the SSA it stays with the nursing staff. */
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssa"), ==, 0);
  /* The secretary (selected parts of coordination, BRIEF 5): away, though delegated. */
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "medical-secretary"), ==,
                   W (TM_WARNING_COORDINATION_AWAY));
  /* To technology or stopped, it still leaves the nursing staff; no purpose or
   * delegation warnings for those. */
  g_assert_cmphex (check_move (&c, TM_MOVE_TECHNOLOGY, NULL), ==, W (TM_WARNING_COORDINATION_AWAY));
  g_assert_cmphex (check_move (&c, TM_MOVE_STOP, NULL), ==, W (TM_WARNING_COORDINATION_AWAY));
  check_clear (&c);

  /* From the SSA to the nurse: stays with the nursing staff. */
  check_init (&c, TM_LEVEL_COORDINATION, TM_COMPLEXITY_HIGH, "ssa", 100.0, NULL);
  check_assess (&c, "nurse", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "nurse"), ==, 0);
  check_clear (&c);

  /* Shared by nurse and physician: moving away from the nurse's part warns. */
  check_init (&c, TM_LEVEL_COORDINATION, TM_COMPLEXITY_HIGH, "physician", 50.0, "nurse", 50.0, NULL);
  check_assess (&c, "dietitian", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "dietitian"), ==, W (TM_WARNING_COORDINATION_AWAY));
  check_clear (&c);

  /* Not coordination: no coordination warning. */
  check_init (&c, TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_HIGH, "nurse", 100.0, NULL);
  check_assess (&c, "physiotherapist", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "physiotherapist"), ==, 0);
  check_clear (&c);
}

static void
test_warning_delegation (void)
{
  Check c;

  /* Bounded clinical, from the nurse to the SSH (not authorised in Denmark). */
  check_init (&c, TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
  check_assess (&c, "ssh", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssh"), ==, W (TM_WARNING_NOT_DELEGATED));

  /* Under delegation, for the single patient or with a written instruction: fine. */
  check_assess (&c, "ssh", TM_SUITABILITY_DELEGATION_SPECIFIC, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssh"), ==, 0);
  check_assess (&c, "ssh", TM_SUITABILITY_DELEGATION_FRAMEWORK, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssh"), ==, 0);

  /* After training is not delegation. */
  check_assess (&c, "ssh", TM_SUITABILITY_AFTER_TRAINING, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssh"), ==, W (TM_WARNING_NOT_DELEGATED));

  /* An authorised target needs no delegation. */
  check_assess (&c, "ssa", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssa"), ==, 0);

  /* Not assessed at all: no delegation and no purpose. */
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "porter"), ==,
                   W (TM_WARNING_NOT_DELEGATED) | W (TM_WARNING_NO_PURPOSE));

  /* Stop and technology need no delegation and no purpose. */
  g_assert_cmphex (check_move (&c, TM_MOVE_STOP, NULL), ==, 0);
  g_assert_cmphex (check_move (&c, TM_MOVE_TECHNOLOGY, NULL), ==, 0);
  check_clear (&c);

  /* Administrative work needs no delegation. */
  check_init (&c, TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
  check_assess (&c, "ssh", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssh"), ==, 0);
  check_clear (&c);

  /* Nor does work whose level is not assessed yet. */
  check_init (&c, TM_LEVEL_NOT_ASSESSED, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
  check_assess (&c, "ssh", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssh"), ==, 0);
  check_clear (&c);

  /* Coordination to a non-authorised group: both warnings. */
  check_init (&c, TM_LEVEL_COORDINATION, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
  check_assess (&c, "medical-secretary", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "medical-secretary"), ==,
                   W (TM_WARNING_COORDINATION_AWAY) | W (TM_WARNING_NOT_DELEGATED));
  check_clear (&c);
}

static void
test_warning_delegation_user_profession (void)
{
  Check c;
  g_autoptr(GError) error = NULL;
  TmProfession *auth, *unauth;

  check_init (&c, TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
  auth = tm_portfolio_add_profession (c.portfolio, "Akutsygeplejerske", NULL, TRUE, FALSE, &error);
  g_assert_no_error (error);
  unauth = tm_portfolio_add_profession (c.portfolio, "Afdelingshjælper", NULL, FALSE, TRUE, &error);
  g_assert_no_error (error);
  check_assess (&c, tm_profession_get_id (auth), TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "F");
  check_assess (&c, tm_profession_get_id (unauth), TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "F");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, tm_profession_get_id (auth)), ==, 0);
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, tm_profession_get_id (unauth)), ==,
                   W (TM_WARNING_NOT_DELEGATED));
  check_clear (&c);
}

static void
test_warning_complexity_limit (void)
{
  static const struct {
    TmComplexity task;
    TmComplexity limit;
    gboolean     warns;
  } cases[] = {
    { TM_COMPLEXITY_HIGH, TM_COMPLEXITY_MODERATE, TRUE },
    { TM_COMPLEXITY_HIGH, TM_COMPLEXITY_LOW, TRUE },
    { TM_COMPLEXITY_MODERATE, TM_COMPLEXITY_LOW, TRUE },
    { TM_COMPLEXITY_VARIES, TM_COMPLEXITY_MODERATE, TRUE },   /* varies counts as high */
    { TM_COMPLEXITY_VARIES, TM_COMPLEXITY_LOW, TRUE },
    { TM_COMPLEXITY_VARIES, TM_COMPLEXITY_HIGH, FALSE },
    { TM_COMPLEXITY_HIGH, TM_COMPLEXITY_HIGH, FALSE },
    { TM_COMPLEXITY_MODERATE, TM_COMPLEXITY_MODERATE, FALSE },
    { TM_COMPLEXITY_LOW, TM_COMPLEXITY_HIGH, FALSE },
    { TM_COMPLEXITY_LOW, TM_COMPLEXITY_LOW, FALSE },
    { TM_COMPLEXITY_HIGH, TM_COMPLEXITY_NOT_ASSESSED, FALSE }, /* no limit given */
    { TM_COMPLEXITY_VARIES, TM_COMPLEXITY_NOT_ASSESSED, FALSE },
    { TM_COMPLEXITY_NOT_ASSESSED, TM_COMPLEXITY_LOW, FALSE },  /* nothing to compare with */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Check c;
      guint kinds;

      g_test_message ("task %s, limit %s", tm_complexity_to_id (cases[i].task),
                      tm_complexity_to_id (cases[i].limit));
      check_init (&c, TM_LEVEL_BOUNDED_CLINICAL, cases[i].task, "nurse", 100.0, NULL);
      check_assess (&c, "physiotherapist", TM_SUITABILITY_CAN_TAKE_OVER, cases[i].limit, "Formål");
      kinds = check_move (&c, TM_MOVE_TO_PROFESSION, "physiotherapist");
      g_assert_cmphex (kinds, ==, cases[i].warns ? W (TM_WARNING_COMPLEXITY_LIMIT) : 0);
      check_clear (&c);
    }
}

static void
test_warning_already_performs (void)
{
  Check c;

  check_init (&c, TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, "nurse", 60.0, "service-assistant", 40.0, NULL);
  check_assess (&c, "service-assistant", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  check_assess (&c, "runner", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "service-assistant"), ==,
                   W (TM_WARNING_ALREADY_PERFORMS));
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "runner"), ==, 0);
  check_clear (&c);
}

static void
test_warning_no_purpose (void)
{
  static const char *purposes[] = { "", " ", "  \t\n ", NULL };
  Check c;

  for (guint i = 0; purposes[i]; i++)
    {
      check_init (&c, TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
      check_assess (&c, "runner", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, purposes[i]);
      g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "runner"), ==, W (TM_WARNING_NO_PURPOSE));
      /* A purpose is asked of a move to a profession, not of stopping a task. */
      g_assert_cmphex (check_move (&c, TM_MOVE_STOP, NULL), ==, 0);
      g_assert_cmphex (check_move (&c, TM_MOVE_TECHNOLOGY, NULL), ==, 0);
      check_clear (&c);
    }

  /* No assessment at all: no purpose either. */
  check_init (&c, TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "runner"), ==, W (TM_WARNING_NO_PURPOSE));
  /* A purpose given for another candidate does not count. */
  check_assess (&c, "porter", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "runner"), ==, W (TM_WARNING_NO_PURPOSE));
  /* A short one with spaces around counts. */
  check_assess (&c, "runner", TM_SUITABILITY_CAN_TAKE_OVER, TM_COMPLEXITY_NOT_ASSESSED, "  Tid  ");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "runner"), ==, 0);
  check_clear (&c);
}

static void
test_warning_not_appropriate (void)
{
  Check c;

  check_init (&c, TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, "nurse", 100.0, NULL);
  check_assess (&c, "runner", TM_SUITABILITY_NOT_APPROPRIATE, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "runner"), ==, W (TM_WARNING_NOT_APPROPRIATE));
  /* Other suitabilities do not give it. */
  for (TmSuitability s = TM_SUITABILITY_NOT_ASSESSED; s < TM_N_SUITABILITIES; s++)
    {
      if (s == TM_SUITABILITY_NOT_APPROPRIATE)
        continue;
      check_assess (&c, "runner", s, TM_COMPLEXITY_NOT_ASSESSED, "Formål");
      g_assert_false (check_move (&c, TM_MOVE_TO_PROFESSION, "runner") & W (TM_WARNING_NOT_APPROPRIATE));
    }
  check_clear (&c);
}

/* Everything at once: clinical coordination work of nurse and SSH to the SSH,
 * assessed as not appropriate, limited to low complexity, without a purpose. */
static void
test_warning_all (void)
{
  Check c;

  check_init (&c, TM_LEVEL_COORDINATION, TM_COMPLEXITY_VARIES, "nurse", 50.0, "ssh", 50.0, NULL);
  check_assess (&c, "ssh", TM_SUITABILITY_NOT_APPROPRIATE, TM_COMPLEXITY_LOW, " ");
  g_assert_cmphex (check_move (&c, TM_MOVE_TO_PROFESSION, "ssh"), ==, (1u << TM_N_WARNINGS) - 1);
  check_clear (&c);
}

/* The messages are for people: they name the profession concerned. */
static void
test_warning_messages_name_profession (void)
{
  Check c;
  TmMove move = { (char *) "scenario-1", TM_MOVE_TO_PROFESSION, (char *) "ssh", 100 };
  g_autoptr(GPtrArray) warnings = NULL;
  const char *name;

  check_init (&c, TM_LEVEL_COORDINATION, TM_COMPLEXITY_VARIES, "nurse", 50.0, "ssh", 50.0, NULL);
  check_assess (&c, "ssh", TM_SUITABILITY_NOT_APPROPRIATE, TM_COMPLEXITY_LOW, "");
  name = tm_profession_get_display_name (tm_portfolio_lookup_profession (c.portfolio, "ssh"));
  warnings = tm_move_check_data (c.portfolio, c.data, &move);
  for (guint i = 0; i < warnings->len; i++)
    {
      TmWarning *w = g_ptr_array_index (warnings, i);

      if (w->kind == TM_WARNING_NOT_DELEGATED || w->kind == TM_WARNING_COMPLEXITY_LIMIT ||
          w->kind == TM_WARNING_ALREADY_PERFORMS || w->kind == TM_WARNING_NOT_APPROPRIATE)
        g_assert_nonnull (strstr (w->message, name));
    }
  check_clear (&c);
}

/* tm-analysis.h: "message: translated, names the task and profession". A list
 * of warnings for many moves (a report) needs to say which task each is about. */
static void
test_warning_messages_name_task (void)
{
  Check c;
  TmMove move = { (char *) "scenario-1", TM_MOVE_TO_PROFESSION, (char *) "ssh", 100 };
  g_autoptr(GPtrArray) warnings = NULL;

  check_init (&c, TM_LEVEL_COORDINATION, TM_COMPLEXITY_VARIES, "nurse", 50.0, "ssh", 50.0, NULL);
  check_assess (&c, "ssh", TM_SUITABILITY_NOT_APPROPRIATE, TM_COMPLEXITY_LOW, "");
  warnings = tm_move_check_data (c.portfolio, c.data, &move);
  g_assert_cmpuint (warnings->len, ==, TM_N_WARNINGS);
  for (guint i = 0; i < warnings->len; i++)
    {
      TmWarning *w = g_ptr_array_index (warnings, i);

      if (strstr (w->message, c.data->title) == NULL)
        g_test_message ("warning %d does not name the task: %s", w->kind, w->message);
      g_assert_nonnull (strstr (w->message, c.data->title));
    }
  check_clear (&c);
}

/* tm_move_check() on stored tasks gives the same as tm_move_check_data(). */
static void
test_warning_stored (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) some = NULL;
  g_autoptr(GPtrArray) other = NULL;
  const char *s = tm_test_scenario_id_at (p, 0);
  TmScenario *second;
  TmTask *t;

  t = tm_test_add_timed_task (p, NULL, "Koordinere udskrivelse", TM_LEVEL_COORDINATION, TM_COMPLEXITY_HIGH, 30, 1, TM_PER_DAY,
                "nurse", 100.0, NULL);
  second = tm_portfolio_add_scenario (p, "B", &error);
  g_assert_no_error (error);

  /* No move yet. */
  none = tm_move_check (p, t, s);
  g_assert_cmpuint (none->len, ==, 0);

  tm_test_set_move (p, t, s, TM_MOVE_TO_PROFESSION, "ssh", 100);
  some = tm_move_check (p, t, s);
  {
    guint kinds = 0;

    for (guint i = 0; i < some->len; i++)
      kinds |= 1u << ((TmWarning *) g_ptr_array_index (some, i))->kind;
    g_assert_cmphex (kinds, ==, W (TM_WARNING_COORDINATION_AWAY) | W (TM_WARNING_NOT_DELEGATED) |
                                W (TM_WARNING_NO_PURPOSE));
  }

  /* The other scenario has no move for it. */
  other = tm_move_check (p, t, tm_scenario_get_id (second));
  g_assert_cmpuint (other->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/analysis/empty", test_empty);
  g_test_add_func ("/core/analysis/training-describe", test_training_describe);
  g_test_add_func ("/core/analysis/hand-computed", test_hand_computed);
  g_test_add_func ("/core/analysis/training", test_training);
  g_test_add_func ("/core/analysis/today-only", test_today_only);
  g_test_add_func ("/core/analysis/scenario-copy", test_scenario_copy);
  g_test_add_func ("/core/analysis/in-steps", test_in_steps);
  g_test_add_func ("/core/analysis/second-scenario", test_second_scenario);
  g_test_add_func ("/core/analysis/partial-move", test_partial_move);
  g_test_add_func ("/core/analysis/shared-performers", test_shared_performers);
  g_test_add_func ("/core/analysis/normalised-shares", test_normalised_shares);
  g_test_add_func ("/core/analysis/move-to-performer", test_move_to_performer);
  g_test_add_func ("/core/analysis/move-to-sole-performer", test_move_to_sole_performer);
  g_test_add_func ("/core/analysis/not-estimated", test_not_estimated);
  g_test_add_func ("/core/analysis/unskilled-flag", test_unskilled_flag);
  g_test_add_func ("/core/analysis/warnings/clean", test_warning_clean);
  g_test_add_func ("/core/analysis/warnings/coordination", test_warning_coordination);
  g_test_add_func ("/core/analysis/warnings/delegation", test_warning_delegation);
  g_test_add_func ("/core/analysis/warnings/delegation-user-profession", test_warning_delegation_user_profession);
  g_test_add_func ("/core/analysis/warnings/complexity-limit", test_warning_complexity_limit);
  g_test_add_func ("/core/analysis/warnings/already-performs", test_warning_already_performs);
  g_test_add_func ("/core/analysis/warnings/no-purpose", test_warning_no_purpose);
  g_test_add_func ("/core/analysis/warnings/not-appropriate", test_warning_not_appropriate);
  g_test_add_func ("/core/analysis/warnings/all", test_warning_all);
  g_test_add_func ("/core/analysis/warnings/messages-name-profession", test_warning_messages_name_profession);
  g_test_add_func ("/core/analysis/warnings/messages-name-task", test_warning_messages_name_task);
  g_test_add_func ("/core/analysis/warnings/stored", test_warning_stored);

  return g_test_run ();
}
