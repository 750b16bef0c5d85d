/* tm-merge.h
 * Taking a portfolio file back into a portfolio: tasks matched by UUID, new
 * ones added, changed ones updated, conflicts listed for the user to decide;
 * and the regional merge of many units' files into one portfolio.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* What the file's copy of a task is, compared with the portfolio's.
 *
 * A task records when it was last changed (TmTaskData.modified, kept through
 * export and import). A task whose two copies differ is UPDATED when the
 * file's copy was changed later than the portfolio's (it was edited
 * elsewhere after this copy last was) — a portfolio's copy whose time is
 * unknown has not been edited since it came in (every edit sets the time),
 * so any known time in the file is later; otherwise it is a CONFLICT: the
 * portfolio's copy is as new or newer, or the file's time is unknown, so
 * only the user can tell which is right. */
typedef enum {
  TM_MERGE_ADDED,       /* not in the portfolio: it will be added */
  TM_MERGE_UPDATED,     /* the file's copy is newer: it replaces the portfolio's */
  TM_MERGE_CONFLICT,    /* both differ and the file's is not newer: the user decides */
  TM_MERGE_UNCHANGED,   /* the same in both */
  TM_N_MERGE_KINDS
} TmMergeKind;

typedef enum {
  TM_MERGE_KEEP_MINE,   /* keep the portfolio's copy */
  TM_MERGE_TAKE_THEIRS, /* take the file's copy */
} TmMergeChoice;

/* Translated: "New", "Changed", "Conflict", "Unchanged". */
const char *tm_merge_kind_get_label (TmMergeKind kind);

typedef struct _TmMergePlan TmMergePlan;

/* Reads and checks @data exactly as tm_xml_import_data() does (the same
 * refusals and messages, naming @display_name) and compares it with
 * @portfolio. Nothing is written to the portfolio. The choices start as
 * TAKE_THEIRS for ADDED and UPDATED, KEEP_MINE for CONFLICT. */
TmMergePlan *tm_merge_plan_new            (TmPortfolio   *portfolio,
                                           const char    *data,
                                           gsize          length,
                                           const char    *display_name,
                                           GError       **error);
TmMergePlan *tm_merge_plan_new_for_file   (TmPortfolio   *portfolio,
                                           GFile         *file,
                                           GError       **error);
void         tm_merge_plan_free           (TmMergePlan   *plan);

/* A file read and checked for a plan, before the portfolio is looked at. */
typedef struct _TmMergeSource TmMergeSource;

/* Reads and checks @file with the refusals and messages of
 * tm_merge_plan_new_for_file(). It needs no portfolio, so a worker thread
 * may call it while the window goes on: the window reads a file to take
 * back this way. @cancellable (nullable) is looked at before and after
 * reading the file. */
TmMergeSource *tm_merge_source_read_file  (GFile         *file,
                                           GCancellable  *cancellable,
                                           GError       **error);
void         tm_merge_source_free         (TmMergeSource *source);
/* The plan of @source (consumed, also on error) for @portfolio, as
 * tm_merge_plan_new() makes it; on the portfolio's thread. */
TmMergePlan *tm_merge_plan_new_for_source (TmPortfolio   *portfolio,
                                           TmMergeSource *source,
                                           GError       **error);
/* How many tasks @source holds. */
guint        tm_merge_source_get_n_tasks  (TmMergeSource *source);

/* tm_merge_plan_new_for_source() in steps, on the portfolio's thread, for a
 * window that draws meanwhile (a region's file of 100,000 tasks took some
 * 100 ms at once): each step works until @budget_us has passed (G_MAXINT64:
 * to the end) and sets @done after the last. FALSE on an error (the messages
 * of tm_merge_plan_new()). Nothing is written; the portfolio must not change
 * until it is done. */
typedef struct _TmMergePlanning TmMergePlanning;

TmMergePlanning *tm_merge_planning_new    (TmPortfolio     *portfolio,
                                           TmMergeSource   *source);
gboolean     tm_merge_planning_step       (TmMergePlanning *planning,
                                           gint64           budget_us,
                                           gboolean        *done,
                                           GError         **error);
/* How far it got, 0…1. */
double       tm_merge_planning_get_fraction (TmMergePlanning *planning);
const char  *tm_merge_planning_get_display_name (TmMergePlanning *planning);
/* The plan, taken out once done. */
TmMergePlan *tm_merge_planning_finish     (TmMergePlanning *planning);
void         tm_merge_planning_free       (TmMergePlanning *planning);

const char  *tm_merge_plan_get_display_name (TmMergePlan *plan);
/* One item per task in the file, in the file's order. */
guint        tm_merge_plan_get_n_items    (TmMergePlan   *plan);
guint        tm_merge_plan_count          (TmMergePlan   *plan,
                                           TmMergeKind    kind);
TmMergeKind  tm_merge_plan_get_kind       (TmMergePlan   *plan,
                                           guint          item);
/* The file's copy of the task; NULL for a new (ADDED) one once the plan
 * has been applied, which takes it over. */
const TmTaskData *tm_merge_plan_get_theirs (TmMergePlan  *plan,
                                           guint          item);
/* The portfolio's task (borrowed), or NULL for ADDED. */
TmTask      *tm_merge_plan_get_mine       (TmMergePlan   *plan,
                                           guint          item);
TmMergeChoice tm_merge_plan_get_choice    (TmMergePlan   *plan,
                                           guint          item);
/* Only UPDATED and CONFLICT items can change their choice. */
void         tm_merge_plan_set_choice     (TmMergePlan   *plan,
                                           guint          item,
                                           TmMergeChoice  choice);
/* The same choice for every CONFLICT item. */
void         tm_merge_plan_set_conflict_choice (TmMergePlan *plan,
                                           TmMergeChoice  choice);
/* Translated list of what differs between the two copies, e.g.
 * "title, time, assessments"; NULL for ADDED and UNCHANGED. */
char        *tm_merge_plan_describe_differences (TmMergePlan *plan,
                                           guint          item);
/* Applies the plan with its choices, together with the professions and
 * scenarios the file adds, in one transaction and one undo step ("Import").
 * On error the portfolio is unchanged. A plan applies once, to the portfolio
 * it was made for, and only while that portfolio has not changed since. */
gboolean     tm_merge_plan_apply          (TmMergePlan   *plan,
                                           GError       **error);

/* Whether applying @plan with its choices adds or replaces any task. */
gboolean     tm_merge_plan_changes_tasks  (TmMergePlan   *plan);

/* tm_merge_plan_apply() in steps, for a window that must go on drawing
 * while a region's file goes in: tm_merge_apply_step() works on for about
 * @budget_us microseconds at a time. @plan must outlive the apply. While it
 * runs the portfolio takes no other change. NULL on an error (nothing changed). */
typedef struct _TmMergeApply TmMergeApply;
TmMergeApply *tm_merge_plan_apply_begin   (TmMergePlan   *plan,
                                           GError       **error);
/* @done once the import is saved and in memory, one undo step. FALSE on an
 * error, after which the portfolio is unchanged. */
gboolean     tm_merge_apply_step          (TmMergeApply  *apply,
                                           gint64         budget_us,
                                           gboolean      *done,
                                           GError       **error);
/* How far it got, 0…1. */
double       tm_merge_apply_get_fraction  (TmMergeApply  *apply);
/* TRUE while nothing is saved yet: tm_merge_apply_free() then cancels it. */
gboolean     tm_merge_apply_can_cancel    (TmMergeApply  *apply);
/* Frees @apply: cancelled while nothing is saved, else brought to its end. */
void         tm_merge_apply_free          (TmMergeApply  *apply);

/* tm_merge_plan_free(), with the file's tasks freed in a thread of their
 * own: a region's 100,000 take a window's main thread some 80 ms. */
void         tm_merge_plan_free_in_background (TmMergePlan *plan);

/* The regional merge (tm_merge_units() below) in steps, for a window that
 * draws meanwhile. The files are read elsewhere (a worker thread, with
 * tm_merge_source_read_file()) and handed over in their order; each step
 * works for about @budget_us (G_MAXINT64: as far as it can) and sets @done
 * once the merge is saved as one edit. A step with no file to work on
 * returns at once: tm_merge_units_is_waiting() says so. FALSE on an error
 * (the messages of tm_merge_units()): nothing changed. */
typedef struct _TmMergeUnits TmMergeUnits;

TmMergeUnits *tm_merge_units_new          (TmPortfolio   *region,
                                           guint          n_files);
/* Hands over the next file's @source (consumed). */
void         tm_merge_units_add_source    (TmMergeUnits  *units,
                                           TmMergeSource *source);
gboolean     tm_merge_units_step          (TmMergeUnits  *units,
                                           gint64         budget_us,
                                           gboolean      *done,
                                           GError       **error);
/* TRUE while the merge waits for the next file's source. */
gboolean     tm_merge_units_is_waiting    (TmMergeUnits  *units);
/* When the merge waits, reads the next of @files (the n_files it was made
 * for, in order) on this thread and hands it over; FALSE when the file
 * cannot be read (the messages of tm_merge_units()). */
gboolean     tm_merge_units_read_next     (TmMergeUnits  *units,
                                           GFile        **files,
                                           GError       **error);
/* How far it got, 0…1. */
double       tm_merge_units_get_fraction  (TmMergeUnits  *units);
/* How many files are read and sorted into the merge. */
guint        tm_merge_units_get_n_done    (TmMergeUnits  *units);
/* How many tasks were given new UUIDs so far. */
guint        tm_merge_units_get_n_renamed (TmMergeUnits  *units);
/* TRUE while nothing is saved yet: tm_merge_units_free() then cancels it. */
gboolean     tm_merge_units_can_cancel    (TmMergeUnits  *units);
/* Frees @units: cancelled while nothing is saved, else brought to its end.
 * TRUE when the merge is in. */
gboolean     tm_merge_units_free          (TmMergeUnits  *units);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmMergePlan, tm_merge_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmMergeApply, tm_merge_apply_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmMergeSource, tm_merge_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmMergePlanning, tm_merge_planning_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmMergeUnits, tm_merge_units_free)

/* The regional merge: adds the units' exported files @files (XML) to
 * @region in one transaction and one undo step. Each task keeps its unit:
 * a task with no unit of its own is given the unit name of the file it
 * comes from. Professions and scenarios are matched by id and added where
 * missing. A task whose UUID is already in @region under another unit (two
 * units that started from the same file) is given a new UUID derived from
 * its unit and old UUID, so the same files always merge alike; a task
 * already there under the same unit is updated as tm_merge_plan_apply()
 * would with the conflicts kept as they are in @region.
 * @n_renamed (nullable) receives how many tasks were given new UUIDs.
 * Any unreadable file refuses the whole merge, naming the file; then
 * @region is unchanged. */
gboolean     tm_merge_units               (TmPortfolio   *region,
                                           GFile        **files,
                                           guint          n_files,
                                           TmProgressFunc progress,
                                           gpointer       user_data,
                                           guint         *n_renamed,
                                           GError       **error);

G_END_DECLS
