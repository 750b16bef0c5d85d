/* tm-portfolio-private.h
 * Changes applied to a portfolio as one transaction and one undo step; used by
 * the importers.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

typedef struct _TmChange TmChange;

/* @before/@after NULL mean "absent" (added or deleted); both are copied. A
 * position < 0 in @after of an added task appends it. */
TmChange *_tm_change_task_new       (const char       *uuid,
                                     const TmTaskData *before,
                                     double            before_position,
                                     const TmTaskData *after,
                                     double            after_position);
/* A new task: @after (with its uuid) is taken over, not copied. */
TmChange *_tm_change_task_new_take  (TmTaskData       *after,
                                     double            after_position);
TmChange *_tm_change_profession_new (TmPortfolio      *portfolio,
                                     const char       *id,
                                     const char       *name,
                                     const char       *name_en,
                                     gboolean          authorised,
                                     gboolean          unskilled,
                                     gboolean          hidden);
TmChange *_tm_change_unit_new       (TmPortfolio      *portfolio,
                                     const char       *unit_name,
                                     const char       *organisation,
                                     TmSetting         setting,
                                     const char       *notes);
TmChange *_tm_change_scenario_new   (TmPortfolio      *portfolio,
                                     const char       *id,
                                     const char       *name);
TmChange *_tm_change_scenario_delete_new (TmPortfolio *portfolio,
                                          const char  *id);
void      _tm_change_free           (TmChange         *change);

/* Applies @changes (of TmChange, consumed) in one transaction; on error nothing changed. */
gboolean  _tm_portfolio_apply       (TmPortfolio      *self,
                                     const char       *label,
                                     GPtrArray        *changes,
                                     GError          **error);
/* The same; with @record_history FALSE the step records no history of its
 * own (an import, which brings the file's history as a TmChange). */
gboolean  _tm_portfolio_apply_full  (TmPortfolio      *self,
                                     const char       *label,
                                     GPtrArray        *changes,
                                     gboolean          record_history,
                                     GError          **error);
/* Adds to @changes (of TmChange) the edit of @task (one of @self's) to
 * @data (valid: tm_task_data_validate()), none when it would change
 * nothing: what tm_portfolio_update_tasks() does for each task, for an
 * edit of many tasks built in steps (a region's rows pasted). */
gboolean  _tm_portfolio_add_task_edit (TmPortfolio      *self,
                                       GPtrArray        *changes,
                                       TmTask           *task,
                                       const TmTaskData *data,
                                       GError          **error);
/* The same as _tm_portfolio_apply_full(), in steps (a TmEditJob, see
 * tm-portfolio.h): for a change so large (an import of a region's file) that
 * a window would freeze while it is written. NULL on an error (nothing
 * changed). */
TmEditJob *_tm_portfolio_apply_begin (TmPortfolio      *self,
                                      const char       *label,
                                      GPtrArray        *changes,
                                      gboolean          record_history,
                                      GError          **error);

/* tm_portfolio_add_tasks() one task at a time, for work in steps: each
 * task checked and given its id as it is added (the messages are those of
 * tm_portfolio_add_tasks()); _tm_task_adder_begin() consumes the adder and
 * returns the edit, "Add Tasks", to be run in steps (NULL on an error). */
typedef struct _TmTaskAdder TmTaskAdder;
TmTaskAdder *_tm_task_adder_new   (TmPortfolio       *self);
gboolean     _tm_task_adder_add   (TmTaskAdder       *adder,
                                   const TmTaskData  *data,
                                   GError           **error);
TmEditJob   *_tm_task_adder_begin (TmTaskAdder       *adder,
                                   GError           **error);
void         _tm_task_adder_free  (TmTaskAdder       *adder);

/* Adds the entries of @entries (of TmHistoryEntry, taken over and freed with the change). */
TmChange *_tm_change_history_take   (GPtrArray        *entries);
/* Adds, changes (@before and @after) or deletes a workshop. */
TmChange *_tm_change_workshop_new   (TmPortfolio      *portfolio,
                                     const char       *id,
                                     const TmWorkshopData *after);
/* The history entries of the tasks @task_uuids (of char *) names, in no
 * particular order, through one statement. */
GPtrArray *_tm_history_dup_for_tasks (TmPortfolio      *self,
                                      GPtrArray        *task_uuids);
/* The whole history read in steps (tm_portfolio_dup_history() of all of
 * it, in no order): each step appends entries to @out until @deadline
 * (monotonic µs; one passed already: a block of 256) and returns TRUE once
 * all are read. The portfolio must
 * not be written to until the cursor is done or freed. */
typedef struct _TmHistoryCursor TmHistoryCursor;

TmHistoryCursor *_tm_history_cursor_new  (TmPortfolio     *self);
gboolean         _tm_history_cursor_step (TmHistoryCursor *cursor,
                                          gint64           deadline,
                                          GPtrArray       *out);
void             _tm_history_cursor_free (TmHistoryCursor *cursor);

TmHistoryEntry *_tm_history_entry_new (gint64      when,
                                       const char *who,
                                       const char *task_uuid,
                                       const char *task_title,
                                       const char *scenario_id,
                                       const char *profession_id,
                                       const char *field,
                                       const char *old_value,
                                       const char *new_value);
/* The unit's details with the date of the last committee meeting. */
TmChange *_tm_change_committee_new  (TmPortfolio      *portfolio,
                                     const char       *last_meeting);
/* Sets the new date of the last committee meeting in a unit change. */
void      _tm_change_unit_set_last_meeting (TmChange  *change,
                                            const char *last_meeting);
/* Replaces the staffing of @after->unit (an empty one removes it). */
TmChange *_tm_change_staffing_new   (TmPortfolio      *portfolio,
                                     const TmStaffing *after);
/* Sets the new language in a unit change. */
void      _tm_change_unit_set_language (TmChange  *change,
                                        const char *language);
void      _tm_portfolio_clear_undo  (TmPortfolio      *self);
/* The position of the last task in catalogue order; 0 when there is none. */
double    _tm_portfolio_get_last_position (TmPortfolio *self);
const char *_tm_portfolio_get_display_name (TmPortfolio *self);
/* Now, in seconds since 1970 UTC (SOURCE_DATE_EPOCH when set). */
gint64    _tm_now                   (void);

/* When @budget_us from now is, on the monotonic clock; G_MAXINT64 for
 * G_MAXINT64 (no end): what the steps of long work run until. */
gint64   _tm_store_deadline (gint64 budget_us);

G_END_DECLS
