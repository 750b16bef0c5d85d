/* tm-task-private.h
 * What the portfolio may do to a task and a profession.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-task.h"
#include "model/tm-profession.h"
#include "model/tm-scenario.h"

G_BEGIN_DECLS

TmTask       *_tm_task_new               (TmTaskData   *data);
void          _tm_task_set_data          (TmTask       *self,
                                          const TmTaskData *data);
void          _tm_task_set_performed_by  (TmTask       *self,
                                          const char   *performed_by);
double        _tm_task_get_position      (TmTask       *self);
void          _tm_task_set_position      (TmTask       *self,
                                          double        position);
/* tm_task_data_equal() but for the uuid: whether @b would change
 * anything as @a's new state. */
gboolean      _tm_task_data_same_content (const TmTaskData *a,
                                          const TmTaskData *b);
/* Valid UTF-8 without control characters XML cannot carry, and not too long. */
gboolean      _tm_text_check             (const char   *text,
                                          const char   *what,
                                          GError      **error);

/* A profession's fields as data: the before and after of a change, and a
 * profession a file names. */
typedef struct {
  char     *id;
  char     *name;
  char     *name_en;
  gboolean  authorised;
  gboolean  unskilled;
  gboolean  hidden;
  gboolean  builtin;
} TmProfessionState;

/* @profession's fields, copied. */
TmProfessionState *_tm_profession_state_new (TmProfession      *profession);
void          _tm_profession_state_free  (TmProfessionState *state);

TmProfession *_tm_profession_new         (const char   *id,
                                          const char   *name,
                                          const char   *name_en,
                                          gboolean      authorised,
                                          gboolean      unskilled,
                                          gboolean      hidden,
                                          gboolean      builtin);
void          _tm_profession_set         (TmProfession *self,
                                          const char   *name,
                                          const char   *name_en,
                                          gboolean      authorised,
                                          gboolean      unskilled,
                                          gboolean      hidden);

TmScenario   *_tm_scenario_new           (const char   *id,
                                          const char   *name);
void          _tm_scenario_set_name      (TmScenario   *self,
                                          const char   *name);

G_END_DECLS
