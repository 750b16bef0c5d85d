/* tm-task.h
 * One task of a unit's portfolio, and the plain data a task is made of.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-types.h"

G_BEGIN_DECLS

/* Who performs a task today, and their share of its time in percent (0-100). */
typedef struct {
  char   *profession_id;
  double  share;
} TmPerformer;

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
double             tm_task_get_hours_per_week (TmTask *self);
const char        *tm_task_get_performed_by   (TmTask *self);
/* Borrowed: the task's current data. Do not modify; copy it to edit. */
const TmTaskData  *tm_task_peek_data          (TmTask *self);
TmTaskData        *tm_task_dup_data           (TmTask *self);

G_END_DECLS
