/* tm-analysis.h
 * What a scenario means for each profession: hours today and after, where the
 * moved hours go, the training it needs; and the level × complexity map.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* The seed's benchmark for hospital wards (BRIEF 6): about 10 % of nurse time
 * to unskilled staff and 10 % more to other professions. A benchmark, not a
 * target — and a share of the nurses' STAFFED working time (STAFFING.md):
 * only a share of staffed hours may be drawn against it, never a share of
 * the catalogued hours. */
#define TM_BENCHMARK_TO_UNSKILLED   0.10
#define TM_BENCHMARK_TO_PROFESSIONS 0.10

/**
 * TmAnalysisProfession:
 *
 * Hours are per week. "Catalogued" hours are those of the tasks in the
 * portfolio; "staffed" hours are the profession's working time (FTE × the
 * hours of one FTE), from the unit's staffing (tm-staffing.h). In a regional
 * portfolio analysed as a whole, the staffing is the sum of the units'; it
 * is known only when every unit where the profession performs tasks gives it.
 */
typedef struct {
  char   *profession_id;          /* NULL: tasks with no performer recorded */
  guint   n_tasks_today;          /* tasks it performs today (any share) */
  double  hours_today;            /* catalogued hours per week it performs today */
  double  hours_after;            /* per week, after the scenario */
  double  moved_out;              /* hours it hands over */
  double  moved_in;               /* hours it receives */
  double  out_to_unskilled;       /* of moved_out: to unskilled groups */
  double  out_to_professions;     /* of moved_out: to other (skilled) professions */
  double  out_to_technology_or_stopped;
  /* Staffing */
  double  fte;                    /* staffed FTE; -1 not known */
  double  staffed_hours;          /* FTE × hours per FTE, per week; -1 not known */
  double  hours_per_fte;          /* the weekly hours of one FTE (given, or the country's);
                                   * in a region with different ones, their average */
  double  fte_freed;              /* moved_out in FTE, each unit's hours by its hours per FTE */
  double  fte_needed;             /* moved_in in FTE, likewise */
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
  guint       n_moves_by_status[TM_N_STATUSES];
  double      moved_hours;        /* all hours that move, to anyone or anything */
  double      shift_hours;        /* the length of a shift, -1 when not given (or, in a
                                   * region, when the units give different ones) */
  guint       n_training_moves;   /* moves whose receivers need training */
  double      training_days;      /* their total length where given */
  guint       n_training_days_unknown;
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

/* The kinds of training @training needs and for how many tasks each, as
 * "On-the-job training: 3, Course: 1" in the current language. */
char       *tm_analysis_training_describe (const TmAnalysisTraining *training);

TmAnalysis *tm_analysis_compute        (TmPortfolio *portfolio,
                                        const char  *scenario_id);
/* The same for the tasks of one unit of a regional portfolio (@unit as
 * tm_task_get_unit() gives it; "" for the tasks without a unit, NULL for all). */
TmAnalysis *tm_analysis_compute_for_unit (TmPortfolio *portfolio,
                                        const char  *scenario_id,
                                        const char  *unit);
void        tm_analysis_free           (TmAnalysis  *analysis);

/* The same analysis counted in steps, for a window that must go on drawing
 * while a region's tasks are counted. Each step counts until @deadline
 * (monotonic µs) and returns TRUE once every task is counted. The portfolio
 * must not change between two steps: drop the count when it does and start
 * again. tm_analysis_count_finish() counts what is left and frees @count. */
typedef struct _TmAnalysisCount TmAnalysisCount;

TmAnalysisCount *tm_analysis_count_new    (TmPortfolio     *portfolio,
                                           const char      *scenario_id,
                                           const char      *unit);
gboolean         tm_analysis_count_step   (TmAnalysisCount *count,
                                           gint64           deadline);
TmAnalysis      *tm_analysis_count_finish (TmAnalysisCount *count);
void             tm_analysis_count_free   (TmAnalysisCount *count);
/* NULL when @profession_id neither performs nor receives anything. */
const TmAnalysisProfession *
            tm_analysis_get_profession (TmAnalysis  *analysis,
                                        const char  *profession_id);
/* TRUE when the profession's staffed hours are known (and more than 0):
 * then its shares are shares of its staffed working time. */
gboolean    tm_analysis_profession_has_staffing (const TmAnalysisProfession *entry);
/* What the profession's shares are shares of: its staffed hours when known,
 * else its catalogued hours today (0 when it has none). */
double      tm_analysis_profession_share_base  (const TmAnalysisProfession *entry);
/* Share (0-1) of the share base that @hours are; 0 when the base is 0. */
double      tm_analysis_profession_share_of    (const TmAnalysisProfession *entry,
                                                double                      hours);
/* Share (0-1) of @entry's share base that moves (all kinds). */
double      tm_analysis_profession_moved_share (const TmAnalysisProfession *entry);
/* Share (0-1) of the staffed hours that the catalogued tasks cover ("the
 * tasks mapped are 14 % of nurse time"); -1 when the staffing is not known. */
double      tm_analysis_profession_coverage    (const TmAnalysisProfession *entry);
/* FTE staffed after the scenario: staffing − freed + needed; -1 when not known. */
double      tm_analysis_profession_fte_after   (const TmAnalysisProfession *entry);
/* @hours a week as shifts a week (÷ the shift length); -1 when no shift length is given. */
double      tm_analysis_hours_to_shifts        (const TmAnalysis *analysis,
                                                double            hours);
/* The nurses' entry (id "nurse"), NULL when they neither perform nor receive. */
const TmAnalysisProfession *
            tm_analysis_get_nurses             (TmAnalysis  *analysis);

/* The analyses of several scenarios for a side-by-side comparison: of
 * @scenario_ids (NULL: every scenario of the portfolio, in its order),
 * each as tm_analysis_compute_for_unit() gives it. A GPtrArray of TmAnalysis. */
GPtrArray  *tm_analysis_compute_scenarios      (TmPortfolio        *portfolio,
                                                const char * const *scenario_ids,
                                                const char         *unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmAnalysis, tm_analysis_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmAnalysisCount, tm_analysis_count_free)

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
