/* tm-analysis.h
 * What a scenario means for each profession: hours today and after, where the
 * moved hours go, the training it needs; and the level × complexity map.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-portfolio.h"

G_BEGIN_DECLS

/* The seed's benchmark for hospital wards (BRIEF 6): about 10 % of nurse time
 * to unskilled staff and 10 % more to other professions. A benchmark, not a target. */
#define TM_BENCHMARK_TO_UNSKILLED   0.10
#define TM_BENCHMARK_TO_PROFESSIONS 0.10

typedef struct {
  char   *profession_id;          /* NULL: tasks with no performer recorded */
  guint   n_tasks_today;          /* tasks it performs today (any share) */
  double  hours_today;            /* per week */
  double  hours_after;            /* per week, after the scenario */
  double  moved_out;              /* hours it hands over */
  double  moved_in;               /* hours it receives */
  double  out_to_unskilled;       /* of moved_out: to unskilled groups */
  double  out_to_professions;     /* of moved_out: to other (skilled) professions */
  double  out_to_technology_or_stopped;
} TmAnalysisProfession;

typedef struct {
  char       *from_id;            /* NULL: tasks with no performer recorded */
  TmMoveKind  kind;
  char       *to_id;              /* the receiving profession for TM_MOVE_TO_PROFESSION */
  double      hours;
  guint       n_tasks;
} TmAnalysisFlow;

typedef struct {
  char   *profession_id;          /* the receiving profession */
  guint   n_tasks;                /* moves to it that need training */
  guint   n_by_training[TM_N_TRAININGS];
  double  days;                   /* total length where given */
  guint   n_days_unknown;         /* moves needing training without a length */
  guint   n_tested;               /* competence documented by a test */
} TmAnalysisTraining;

typedef struct {
  char       *scenario_id;        /* NULL: today only */
  char       *unit;               /* NULL: every task; "": the portfolio's own unit's */
  guint       n_tasks;
  double      total_hours;        /* estimated tasks only */
  guint       n_moves;            /* tasks with a move in the scenario */
  double      moved_hours;        /* all hours that move, to anyone or anything */
  guint       n_not_estimated;
  GPtrArray  *not_estimated;      /* of TmTask (owned refs), catalogue order */
  GArray     *professions;        /* of TmAnalysisProfession, in the portfolio's order, then NULL */
  GArray     *flows;              /* of TmAnalysisFlow, most hours first */
  GArray     *training;           /* of TmAnalysisTraining, most tasks first */
  /* Today's catalogue by level × effective complexity ("varies" counts as high). */
  guint       grid_tasks[TM_N_LEVELS][TM_N_COMPLEXITIES];
  double      grid_hours[TM_N_LEVELS][TM_N_COMPLEXITIES];
  guint       grid_not_estimated[TM_N_LEVELS][TM_N_COMPLEXITIES];
} TmAnalysis;

TmAnalysis *tm_analysis_compute        (TmPortfolio *portfolio,
                                        const char  *scenario_id);
/* The same for the tasks of one unit of a regional portfolio (@unit as
 * tm_task_get_unit() gives it; "" for the tasks without a unit, NULL for all). */
TmAnalysis *tm_analysis_compute_for_unit (TmPortfolio *portfolio,
                                        const char  *scenario_id,
                                        const char  *unit);
void        tm_analysis_free           (TmAnalysis  *analysis);
/* NULL when @profession_id neither performs nor receives anything. */
const TmAnalysisProfession *
            tm_analysis_get_profession (TmAnalysis  *analysis,
                                        const char  *profession_id);
/* Share (0-1) of @entry's hours today that move; 0 when it has none. */
double      tm_analysis_profession_moved_share (const TmAnalysisProfession *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmAnalysis, tm_analysis_free)

/* Warnings shown where the user chooses a move (BRIEF 2, 7). */
typedef enum {
  TM_WARNING_COORDINATION_AWAY,   /* coordination moving away from nurses / care assistants */
  TM_WARNING_NOT_DELEGATED,       /* clinical task to a non-authorised group without delegation */
  TM_WARNING_COMPLEXITY_LIMIT,    /* limit below the complexity the task meets: partial */
  TM_WARNING_ALREADY_PERFORMS,    /* the candidate already performs the task */
  TM_WARNING_NO_PURPOSE,          /* a move without a purpose */
  TM_WARNING_NOT_APPROPRIATE,     /* a move to a profession assessed as not appropriate */
  TM_N_WARNINGS
} TmWarningKind;

typedef struct {
  TmWarningKind  kind;
  char          *message;         /* translated, names the task and profession */
} TmWarning;

/* The warnings for @task's move in @scenario_id (none when it has no move).
 * A GPtrArray of TmWarning, freed with g_ptr_array_unref. */
GPtrArray  *tm_move_check              (TmPortfolio *portfolio,
                                        TmTask      *task,
                                        const char  *scenario_id);
/* The same for a move not yet stored, with @data as the task's state. */
GPtrArray  *tm_move_check_data         (TmPortfolio      *portfolio,
                                        const TmTaskData *data,
                                        const TmMove     *move);

G_END_DECLS
