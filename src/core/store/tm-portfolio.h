/* tm-portfolio.h
 * A unit's task portfolio, kept in one SQLite file; every edit is committed
 * when it is made and can be undone.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "model/tm-types.h"
#include "model/tm-task.h"
#include "model/tm-profession.h"
#include "model/tm-scenario.h"
#include "model/tm-review.h"
#include "model/tm-workshop.h"
#include "model/tm-staffing.h"
#include "store/tm-store-error.h"

G_BEGIN_DECLS

/* The schema version this build writes; PRAGMA user_version of its files. */
#define TM_STORE_SCHEMA_VERSION 5
/* PRAGMA application_id of every portfolio ("Tmap"). */
#define TM_STORE_APPLICATION_ID 0x546d6170

#define TM_TYPE_PORTFOLIO (tm_portfolio_get_type ())
G_DECLARE_FINAL_TYPE (TmPortfolio, tm_portfolio, TM, PORTFOLIO, GObject)

/* Creates a new portfolio file with the reference professions of @country.
 * Fails with TM_STORE_ERROR_EXISTS if @file exists. A NULL @file makes an
 * in-memory portfolio (tests, scratch). */
TmPortfolio  *tm_portfolio_create            (GFile        *file,
                                              TmCountry     country,
                                              const char   *unit_name,
                                              GError      **error);
/* Opens an existing portfolio, migrating it from an older schema. Refuses a
 * foreign, damaged or newer file, or one already open, without changing it. */
TmPortfolio  *tm_portfolio_open              (GFile        *file,
                                              GError      **error);
/* TRUE when the portfolio was opened for reading only: the file or its
 * folder cannot be written, or it is reached through a symbolic link. It can
 * be viewed, exported and reported; every edit fails with
 * TM_STORE_ERROR_READ_ONLY, and Save a Copy makes an editable copy. */
gboolean      tm_portfolio_is_read_only      (TmPortfolio  *self);
/* Closes the database; later edits fail. Called by dispose too. */
void          tm_portfolio_close             (TmPortfolio  *self);
GFile        *tm_portfolio_get_file          (TmPortfolio  *self);
/* Writes a consistent copy with SQLite's backup API; overwrites @dest. */
gboolean      tm_portfolio_save_copy         (TmPortfolio  *self,
                                              GFile        *dest,
                                              GError      **error);

/* Unit. Setters are undoable edits; properties "unit-name", "organisation",
 * "setting", "notes" and "country" (read-only after creation) notify. */
TmCountry     tm_portfolio_get_country       (TmPortfolio  *self);
const char   *tm_portfolio_get_unit_name     (TmPortfolio  *self);
const char   *tm_portfolio_get_organisation  (TmPortfolio  *self);
TmSetting     tm_portfolio_get_setting       (TmPortfolio  *self);
const char   *tm_portfolio_get_notes         (TmPortfolio  *self);
gboolean      tm_portfolio_set_unit          (TmPortfolio  *self,
                                              const char   *unit_name,
                                              const char   *organisation,
                                              TmSetting     setting,
                                              const char   *notes,
                                              GError      **error);

/* The unit's details and the portfolio's language in one undoable edit. */
gboolean      tm_portfolio_set_unit_details  (TmPortfolio  *self,
                                              const char   *unit_name,
                                              const char   *organisation,
                                              TmSetting     setting,
                                              const char   *notes,
                                              const char   *language,
                                              GError      **error);

/* The language of the portfolio: its exports, report and examples are
 * written in it ("da", "nb" or "en"; a new portfolio speaks its country's).
 * Undoable; property "language". */
const char   *tm_portfolio_get_language      (TmPortfolio  *self);
gboolean      tm_portfolio_set_language      (TmPortfolio  *self,
                                              const char   *language,
                                              GError      **error);

/* Staffing: per unit ("" is the portfolio's own unit; a regional portfolio
 * keeps each merged unit's under its name). NULL when nothing is given for
 * @unit. Borrowed: valid until the next change. Changes are announced with
 * the "staffing-changed" signal. */
const TmStaffing *tm_portfolio_get_staffing  (TmPortfolio  *self,
                                              const char   *unit);
/* The units that have a staffing, sorted, "" first. */
GStrv         tm_portfolio_dup_staffing_units (TmPortfolio *self);
/* Replaces the staffing of @staffing->unit (undoable; @merge_key as for
 * tm_portfolio_update_task()). Refuses values outside the limits of
 * tm-staffing.h with a message naming the field and profession. */
gboolean      tm_portfolio_set_staffing      (TmPortfolio  *self,
                                              const TmStaffing *staffing,
                                              const char   *merge_key,
                                              GError      **error);
/* The same for one profession of @unit; -1 is "not known". */
gboolean      tm_portfolio_set_profession_staffing (TmPortfolio *self,
                                              const char   *unit,
                                              const char   *profession_id,
                                              double        fte,
                                              double        hours_per_fte,
                                              const char   *merge_key,
                                              GError      **error);
/* The length of a shift in @unit, -1 for not given. */
gboolean      tm_portfolio_set_shift_hours   (TmPortfolio  *self,
                                              const char   *unit,
                                              double        hours,
                                              const char   *merge_key,
                                              GError      **error);

/* Professions: a GListModel of TmProfession, hidden ones included, in display order. */
GListModel   *tm_portfolio_get_professions   (TmPortfolio  *self);
TmProfession *tm_portfolio_lookup_profession (TmPortfolio  *self,
                                              const char   *id);
/* Adds a user-defined profession with a new stable id. Returns it (borrowed). */
TmProfession *tm_portfolio_add_profession    (TmPortfolio  *self,
                                              const char   *name,
                                              const char   *name_en,
                                              gboolean      authorised,
                                              gboolean      unskilled,
                                              GError      **error);
/* Renames, re-flags or hides a profession (undoable). */
gboolean      tm_portfolio_update_profession (TmPortfolio  *self,
                                              TmProfession *profession,
                                              const char   *name,
                                              const char   *name_en,
                                              gboolean      authorised,
                                              gboolean      unskilled,
                                              gboolean      hidden,
                                              GError      **error);

/* Tasks: a GListModel of TmTask in catalogue order. Changes to a task's fields
 * are announced with its property notifications and the "task-changed" signal;
 * added and removed tasks with "items-changed" of this model. */
GListModel   *tm_portfolio_get_tasks         (TmPortfolio  *self);
TmTask       *tm_portfolio_lookup_task       (TmPortfolio  *self,
                                              const char   *uuid);
/* Adds a task at the end (undoable). @data->uuid NULL assigns a new UUID.
 * Returns the new task (borrowed). */
TmTask       *tm_portfolio_add_task          (TmPortfolio  *self,
                                              const TmTaskData *data,
                                              GError      **error);
/* Adds many tasks in one transaction and one undo step (@tasks of TmTaskData). */
gboolean      tm_portfolio_add_tasks         (TmPortfolio  *self,
                                              GPtrArray    *tasks,
                                              GError      **error);
/* The performers a new task starts with, so its hours count where they
 * belong: those of @above (nullable: the last task), or else the profession
 * that performs the most tasks; none in an empty portfolio. Sets them in @data. */
void          tm_portfolio_set_default_performers (TmPortfolio *self,
                                              TmTask       *above,
                                              TmTaskData   *data);
/* Inserts a copy with a new UUID right after @task. */
TmTask       *tm_portfolio_duplicate_task    (TmPortfolio  *self,
                                              TmTask       *task,
                                              GError      **error);
gboolean      tm_portfolio_delete_tasks      (TmPortfolio  *self,
                                              TmTask      **tasks,
                                              guint         n_tasks,
                                              GError      **error);
/* Stores @data (its uuid is ignored) as @task's new state. Successive updates
 * with the same non-NULL @merge_key (e.g. "title" while typing) form one undo step. */
gboolean      tm_portfolio_update_task       (TmPortfolio  *self,
                                              TmTask       *task,
                                              const TmTaskData *data,
                                              const char   *merge_key,
                                              GError      **error);
/* A large edit in steps, for a window that goes on drawing: an import of a
 * region's file (tm_merge_plan_apply_begin()) or its undo and redo. Until the
 * job is done or freed the portfolio takes no other change and has nothing
 * to undo or redo. */
typedef struct _TmEditJob TmEditJob;

/* tm_portfolio_update_tasks() in steps (a paste of a region's rows): the
 * same refusals, made at once (NULL, nothing changed); the edit is written
 * by the job. */
TmEditJob    *tm_portfolio_update_tasks_begin (TmPortfolio  *self,
                                               TmTask      **tasks,
                                               TmTaskData  **data,
                                               guint         n_tasks,
                                               const char   *label,
                                               GError      **error);
/* Undo (or with @redo, redo) of the newest step, in steps: a job with
 * nothing to do when there is none. NULL on an error (nothing changed). */
TmEditJob    *tm_portfolio_undo_begin        (TmPortfolio  *self,
                                              gboolean      redo,
                                              GError      **error);
/* How many changes the newest step to undo (or redo) holds: 0 for none. */
guint         tm_portfolio_get_undo_size     (TmPortfolio  *self,
                                              gboolean      redo);
/* Works on for about @budget_us microseconds; @done once the edit is saved
 * and in memory (and on the undo or redo queue). FALSE on an error: nothing
 * changed. */
gboolean      tm_edit_job_step               (TmEditJob    *job,
                                              gint64        budget_us,
                                              gboolean     *done,
                                              GError      **error);
/* How far the job got, 0…1. */
double        tm_edit_job_get_fraction       (TmEditJob    *job);
/* TRUE while nothing is saved yet: freeing the job then leaves the portfolio as it was. */
gboolean      tm_edit_job_can_cancel         (TmEditJob    *job);
/* Runs @job (NULL: not begun, @error set) to its end at once and frees it:
 * TRUE when the edit is in. */
gboolean      tm_edit_job_run                (TmEditJob    *job,
                                              GError      **error);
/* Frees @job: one still writing is rolled back; one already saved is first
 * brought to its end in memory. TRUE when the edit is in. */
gboolean      tm_edit_job_free               (TmEditJob    *job);

/* A copy of the portfolio as it is now, for reading in another thread (the
 * report while the window goes on): taken on the portfolio's thread (its
 * pages copied into memory: fast), opened once in the thread that reads it
 * as a portfolio of its own, read only, without a file or undo. */
typedef struct _TmPortfolioSnapshot TmPortfolioSnapshot;

TmPortfolioSnapshot *tm_portfolio_take_snapshot (TmPortfolio         *self,
                                                 GError             **error);
/* @progress (nullable) is told how far the opening got, 0…1. */
TmPortfolio  *tm_portfolio_snapshot_open     (TmPortfolioSnapshot  *snapshot,
                                              TmProgressFunc        progress,
                                              gpointer              user_data,
                                              GError              **error);
void          tm_portfolio_snapshot_free     (TmPortfolioSnapshot  *snapshot);

/* The same in steps, for a window: a region's file is 50 MB of pages, some
 * 300 ms to copy at once. tm_snapshot_job_step() copies for about @budget_us;
 * once @done, tm_snapshot_job_finish() gives the snapshot (and frees the
 * job). What the portfolio stores between two steps is in the snapshot: it
 * is the portfolio as it is when the last step is done. */
typedef struct _TmSnapshotJob TmSnapshotJob;

TmSnapshotJob *tm_portfolio_snapshot_begin  (TmPortfolio          *self,
                                             GError              **error);
gboolean      tm_snapshot_job_step           (TmSnapshotJob        *job,
                                              gint64                budget_us,
                                              gboolean             *done,
                                              GError              **error);
/* How much of it is copied, 0…1. */
double        tm_snapshot_job_get_fraction   (TmSnapshotJob        *job);
TmPortfolioSnapshot *tm_snapshot_job_finish  (TmSnapshotJob        *job);
void          tm_snapshot_job_free           (TmSnapshotJob        *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmPortfolioSnapshot, tm_portfolio_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmSnapshotJob, tm_snapshot_job_free)

/* Stores @data[i] as @tasks[i]'s new state for each of @n_tasks tasks, in one
 * transaction and one undo step named @label (translated, e.g. "Paste 3 Rows").
 * Every state is checked first; any bad one refuses them all, with a message
 * naming the task. Tasks whose state does not change are left out. */
gboolean      tm_portfolio_update_tasks      (TmPortfolio  *self,
                                              TmTask      **tasks,
                                              TmTaskData  **data,
                                              guint         n_tasks,
                                              const char   *label,
                                              GError      **error);
/* The distinct non-empty units of the tasks (a regional portfolio), in
 * order of first appearance; empty when every task is the portfolio's own. */
GStrv         tm_portfolio_dup_units         (TmPortfolio  *self);
/* The distinct non-empty groups, in order of first appearance. */
GStrv         tm_portfolio_dup_groups        (TmPortfolio  *self);
/* Both, looked for in steps, for a window that must go on drawing while a
 * region's tasks are looked through: each step until @deadline (monotonic
 * µs), TRUE once every task is seen. Tasks added or removed between two
 * steps make what it found out of date: drop the count and start again.
 * tm_groups_count_finish() looks through what is left and frees @count. */
typedef struct _TmGroupsCount TmGroupsCount;

TmGroupsCount *tm_portfolio_count_groups     (TmPortfolio   *self);
gboolean      tm_groups_count_step           (TmGroupsCount *count,
                                              gint64         deadline);
void          tm_groups_count_finish         (TmGroupsCount *count,
                                              GStrv         *groups,
                                              GStrv         *units);
void          tm_groups_count_free           (TmGroupsCount *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmGroupsCount, tm_groups_count_free)

/* Scenarios: a GListModel of TmScenario; there is always at least one. */
GListModel   *tm_portfolio_get_scenarios     (TmPortfolio  *self);
TmScenario   *tm_portfolio_lookup_scenario   (TmPortfolio  *self,
                                              const char   *id);
TmScenario   *tm_portfolio_add_scenario      (TmPortfolio  *self,
                                              const char   *name,
                                              GError      **error);
gboolean      tm_portfolio_rename_scenario   (TmPortfolio  *self,
                                              TmScenario   *scenario,
                                              const char   *name,
                                              GError      **error);
/* A new scenario with the same moves as @scenario. */
TmScenario   *tm_portfolio_copy_scenario     (TmPortfolio  *self,
                                              TmScenario   *scenario,
                                              const char   *name,
                                              GError      **error);
/* Deletes @scenario and its moves (undoable); the last scenario cannot go. */
gboolean      tm_portfolio_delete_scenario   (TmPortfolio  *self,
                                              TmScenario   *scenario,
                                              GError      **error);

/* Stores the assessment of @assessment->profession_id for @task (undoable;
 * @merge_key as for tm_portfolio_update_task()). */
gboolean      tm_portfolio_set_assessment    (TmPortfolio  *self,
                                              TmTask       *task,
                                              const TmAssessment *assessment,
                                              const char   *merge_key,
                                              GError      **error);
/* Chooses @move for @task in @scenario_id, or with @move NULL chooses none. */
gboolean      tm_portfolio_set_move          (TmPortfolio  *self,
                                              TmTask       *task,
                                              const char   *scenario_id,
                                              const TmMove *move,
                                              GError      **error);

/* Who makes the edits, for the history and the status changes: the name the
 * user gave at first start. Not stored in the file; defaults to the system
 * user's real name (or login). Property "user-name". */
const char   *tm_portfolio_get_user_name     (TmPortfolio  *self);
void          tm_portfolio_set_user_name     (TmPortfolio  *self,
                                              const char   *name);

/* Stores the review of @task's move in @review->scenario_id (undoable;
 * @merge_key as for tm_portfolio_update_task()). Its status history is not
 * taken from @review: change the status with tm_portfolio_set_move_status(). */
gboolean      tm_portfolio_set_review        (TmPortfolio  *self,
                                              TmTask       *task,
                                              const TmMoveReview *review,
                                              const char   *merge_key,
                                              GError      **error);
/* Changes the status of @task's move in @scenario_id (undoable), recording
 * when, who (tm_portfolio_get_user_name()) and @note (nullable). Refuses
 * with TM_STORE_ERROR_INVALID a change tm_move_status_can_change() does not
 * allow or a task without a move in that scenario, and with
 * TM_STORE_ERROR_NEEDS_CONFIRMATION an approval while checklist items are
 * not yet considered, unless @confirmed: then the entry records how many
 * were open. */
gboolean      tm_portfolio_set_move_status   (TmPortfolio  *self,
                                              TmTask       *task,
                                              const char   *scenario_id,
                                              TmMoveStatus  status,
                                              const char   *note,
                                              gboolean      confirmed,
                                              GError      **error);

/* Workshops: a GListModel of TmWorkshop, by date (then as added). */
GListModel   *tm_portfolio_get_workshops     (TmPortfolio  *self);
TmWorkshop   *tm_portfolio_lookup_workshop   (TmPortfolio  *self,
                                              const char   *id);
/* Undoable. @data->id NULL assigns a new id. Returns the workshop (borrowed). */
TmWorkshop   *tm_portfolio_add_workshop      (TmPortfolio  *self,
                                              const TmWorkshopData *data,
                                              GError      **error);
gboolean      tm_portfolio_update_workshop   (TmPortfolio  *self,
                                              TmWorkshop   *workshop,
                                              const TmWorkshopData *data,
                                              const char   *merge_key,
                                              GError      **error);
gboolean      tm_portfolio_delete_workshop   (TmPortfolio  *self,
                                              TmWorkshop   *workshop,
                                              GError      **error);

/* The date of the committee's last meeting ("YYYY-MM-DD", "" when not
 * given): the report lists the changes since. Undoable; property
 * "last-committee-meeting". */
const char   *tm_portfolio_get_last_committee_meeting (TmPortfolio *self);
gboolean      tm_portfolio_set_last_committee_meeting (TmPortfolio *self,
                                                       const char  *date,
                                                       GError     **error);

/* The history of changes to tasks, assessments, moves and their reviews,
 * and workshops, oldest first: a GPtrArray of TmHistoryEntry. Every edit adds
 * to it; undoing the edit takes its entries away again and redo puts them
 * back, so it holds the changes that stand. It is kept in the file and
 * travels with export and import. @task_uuid, @scenario_id (nullable) and @since (0: from
 * the start) narrow it down. */
GPtrArray    *tm_portfolio_dup_history       (TmPortfolio  *self,
                                              const char   *task_uuid,
                                              const char   *scenario_id,
                                              gint64        since);

/* Undo and redo, for as long as the portfolio is open. Properties "can-undo",
 * "can-redo", "undo-label", "redo-label" (translated, e.g. "Undo Delete Task"). */
gboolean      tm_portfolio_can_undo          (TmPortfolio  *self);
gboolean      tm_portfolio_can_redo          (TmPortfolio  *self);
const char   *tm_portfolio_get_undo_label    (TmPortfolio  *self);
const char   *tm_portfolio_get_redo_label    (TmPortfolio  *self);
gboolean      tm_portfolio_undo              (TmPortfolio  *self,
                                              GError      **error);
gboolean      tm_portfolio_redo              (TmPortfolio  *self,
                                              GError      **error);
/* Ends the current merge run, so the next edit starts a new undo step. */
void          tm_portfolio_break_undo_merge  (TmPortfolio  *self);

/* Number of committed edits since open; for tests and the crash test. */
guint64       tm_portfolio_get_edit_count    (TmPortfolio  *self);

G_END_DECLS
