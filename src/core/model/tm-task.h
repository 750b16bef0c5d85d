/* tm-task.h
 * One task of a unit's portfolio, and the plain data a task is made of.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-types.h"
#include "model/tm-review.h"

G_BEGIN_DECLS

/* Who performs a task today, and their share of its time in percent (0-100). */
typedef struct {
  char   *profession_id;
  double  share;
} TmPerformer;

/* Whether and how a candidate profession could take over the task. */
typedef struct {
  char          *profession_id;
  TmSuitability  suitability;
  TmComplexity   complexity_limit;   /* up to which patient complexity; NOT_ASSESSED = not given */
  double         share;              /* percent of the task's time that would move (0-100) */
  TmTraining     training;
  double         training_days;      /* length of the training; < 0 = not given */
  char          *training_content;   /* what the training must cover */
  gboolean       documented_by_test; /* competence documented by a test (the Røyken model) */
  TmRationale    rationale;
  char          *purpose;            /* why: a move must have a purpose */
  char          *note;
} TmAssessment;

/* The choice a scenario makes for the task: at most one per scenario. */
typedef struct {
  char       *scenario_id;
  TmMoveKind  kind;
  char       *profession_id;   /* the receiving profession, for TM_MOVE_TO_PROFESSION */
  double      share;           /* percent of the task's time that moves (0-100) */
} TmMove;

/**
 * TmTaskData:
 *
 * A plain copy of everything a task holds. The UI edits a copy and hands it to
 * tm_portfolio_update_task(); undo keeps copies. Times are "not estimated" when
 * negative (`TM_NOT_ESTIMATED`), never zero by default.
 */
typedef struct {
  char        *uuid;         /* NULL in a new task: the portfolio assigns one */
  char        *title;
  char        *description;  /* what the task consists of and what it takes */
  char        *group;
  TmLevel      level;
  TmComplexity complexity;
  double       minutes;      /* per occurrence; < 0 = not estimated */
  double       occurrences;  /* per day or per week; < 0 = not estimated */
  TmPer        per;
  guint        shifts;       /* TmShifts flags */
  GArray      *performers;   /* of TmPerformer, never NULL */
  char        *notes;
  GArray      *assessments;  /* of TmAssessment, never NULL */
  GArray      *moves;        /* of TmMove, never NULL */
  char        *unit;         /* the unit the task belongs to in a regional
                              * portfolio; NULL or "" = the portfolio's own unit */
  gint64       modified;     /* when the task last changed, seconds since
                              * 1970 UTC; 0 = not known. Set by the portfolio
                              * on every edit, kept through export and import;
                              * not compared by tm_task_data_equal() */
  GArray      *reviews;      /* of TmMoveReview, at most one per scenario, never NULL */
} TmTaskData;

#define TM_NOT_ESTIMATED (-1.0)

TmTaskData *tm_task_data_new          (void);
TmTaskData *tm_task_data_copy         (const TmTaskData *data);
void        tm_task_data_free         (TmTaskData       *data);
gboolean    tm_task_data_equal        (const TmTaskData *a,
                                       const TmTaskData *b);
void        tm_task_data_set_performer(TmTaskData       *data,
                                       const char       *profession_id,
                                       double            share);
gboolean    tm_task_data_remove_performer (TmTaskData *data,
                                           const char *profession_id);
/* Assessments: the one for @profession_id, or NULL. */
const TmAssessment *tm_task_data_get_assessment (const TmTaskData *data,
                                                 const char       *profession_id);
/* Adds or replaces the assessment of @assessment->profession_id (copied). */
void        tm_task_data_set_assessment    (TmTaskData         *data,
                                            const TmAssessment *assessment);
gboolean    tm_task_data_remove_assessment (TmTaskData         *data,
                                            const char         *profession_id);
/* A blank assessment (not assessed, share 100) for @profession_id; free with
 * tm_assessment_clear(). */
void        tm_assessment_init             (TmAssessment       *assessment,
                                            const char         *profession_id);
void        tm_assessment_clear            (TmAssessment       *assessment);
/* Moves: the one of @scenario_id, or NULL. */
const TmMove *tm_task_data_get_move        (const TmTaskData   *data,
                                            const char         *scenario_id);
/* Sets (or with @move NULL removes) the move of @scenario_id. */
void        tm_task_data_set_move          (TmTaskData         *data,
                                            const char         *scenario_id,
                                            const TmMove       *move);
/* Reviews of the moves: the one of @scenario_id, or NULL. */
const TmMoveReview *tm_task_data_get_review (const TmTaskData   *data,
                                             const char         *scenario_id);
/* Adds or replaces the review of @review->scenario_id (copied). */
void        tm_task_data_set_review        (TmTaskData         *data,
                                            const TmMoveReview *review);
/* Hours per week: minutes x occurrences (x 7 when per day) / 60, or
 * TM_NOT_ESTIMATED when either is missing. */
double      tm_task_data_get_hours_per_week (const TmTaskData *data);
/* Validates values a user or a file could get wrong; the message is translated. */
gboolean    tm_task_data_validate     (const TmTaskData *data,
                                       GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmTaskData, tm_task_data_free)

#define TM_TYPE_TASK (tm_task_get_type ())
G_DECLARE_FINAL_TYPE (TmTask, tm_task, TM, TASK, GObject)

/* Read-only to the UI: edit through tm_portfolio_update_task(). The portfolio
 * notifies the properties that changed: "uuid", "title", "description", "group",
 * "level", "complexity", "minutes", "occurrences", "per", "shifts", "notes",
 * "hours-per-week" (double, < 0 when not estimated), "performed-by" (string of
 * the performers' names, for display and sorting). */
const char        *tm_task_get_uuid           (TmTask *self);
const char        *tm_task_get_title          (TmTask *self);
const char        *tm_task_get_description    (TmTask *self);
const char        *tm_task_get_group          (TmTask *self);
TmLevel            tm_task_get_level          (TmTask *self);
TmComplexity       tm_task_get_complexity     (TmTask *self);
double             tm_task_get_minutes        (TmTask *self);
double             tm_task_get_occurrences    (TmTask *self);
TmPer              tm_task_get_per            (TmTask *self);
guint              tm_task_get_shifts         (TmTask *self);
const char        *tm_task_get_notes          (TmTask *self);
/* "" for a task of the portfolio's own unit; property "unit". */
const char        *tm_task_get_unit           (TmTask *self);
gint64             tm_task_get_modified       (TmTask *self);
double             tm_task_get_hours_per_week (TmTask *self);
const char        *tm_task_get_performed_by   (TmTask *self);
/* Borrowed: the task's current data. Do not modify; copy it to edit. */
const TmTaskData  *tm_task_peek_data          (TmTask *self);
TmTaskData        *tm_task_dup_data           (TmTask *self);

G_END_DECLS
