/* tm-test-util.h
 * What the core's test suites share: checking calls that fill a GError,
 * failing without stopping, a fixed clock, and portfolios' tasks, scenarios
 * and temporary files. No GTK: the UI suites use it too.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "tm-core.h"

G_BEGIN_DECLS

/* Runs @call (which fills `error`) and fails with its message. */
#define CHECK_OK(call)                   \
  G_STMT_START {                         \
    gboolean check_ok_ = (call);         \
    g_assert_no_error (error);           \
    g_assert_true (check_ok_);           \
  } G_STMT_END

/* Reports a failure and goes on, so that one run lists every mismatch. */
#define FAIL(...)                        \
  G_STMT_START {                         \
    g_test_message (__VA_ARGS__);        \
    g_test_fail ();                      \
  } G_STMT_END

/* What every suite's main() does first: the locale, the core's
 * translations (TASKMAP_LOCALEDIR when set) and GTest. */
void        tm_test_init           (int         *argc,
                                    char      ***argv);
/* Removes @path, a file or a folder with everything in it. */
void        tm_test_rm_rf          (const char  *path);
/* A new folder in the temporary folder, named after @tmpl (as for
 * g_dir_make_tmp(): it ends in XXXXXX); asserts it was made. */
char        *tm_test_make_tmp_dir  (const char  *tmpl);
/* Writes all of @line to @fd, retrying after EINTR; a failed write ends
 * the process (_exit (3)): for the children of the crash tests. */
void         tm_test_write_all     (int          fd,
                                    const char  *line);
/* Fixes the portfolio's clock at @seconds (SOURCE_DATE_EPOCH), or with 0
 * lets it run. */
void        tm_test_use_clock      (gint64       seconds);
/* Now, in seconds since 1970 UTC, from the system's clock. */
gint64      tm_test_real_now       (void);
/* The file @name in the test data folder @folder (tests/data/@folder, or
 * $TASKMAP_TEST_DATA/@folder when set). */
char        *tm_test_data_file     (const char  *folder,
                                    const char  *name);
/* The path in the source tree ($TASKMAP_SOURCE_ROOT, or the folder above
 * the tests) made of @first and the names after it, ending with NULL. */
char        *tm_test_source_path   (const char  *first,
                                    ...) G_GNUC_NULL_TERMINATED;
/* The contents of the file @path, asserting it was read. */
GBytes      *tm_test_read_bytes    (const char  *path);
/* @text read as a CSV file called test.csv, asserting it was read. */
TmCsvTable  *tm_test_read_csv_text (const char  *text);
/* Asserts the two texts are equal, naming the first line that differs. */
void         tm_test_assert_same_text (const char *expected,
                                       const char *actual);
/* Asserts that @haystack holds @needle, showing @haystack when not. */
void         tm_test_assert_contains  (const char *haystack,
                                       const char *needle);
/* Whether the array of strings @names holds @name. */
gboolean     tm_test_names_contain    (GPtrArray  *names,
                                       const char *name);
/* The number of the line of @contents where @marker first stands (from 1);
 * asserts it stands there. */
guint        tm_test_line_of          (const char *contents,
                                       const char *marker);
/* What SQLite's PRAGMA integrity_check says of @db, its lines joined:
 * "ok" when the file is sound. */
char        *tm_test_sqlite_integrity (sqlite3   *db);
/* The label of a benchmark line (@share of the hours, @msgid what it is
 * handed to) as the capacity chart writes it in the current language:
 * "10 % unskilled staff", "20 % + other professions". */
char        *tm_test_benchmark_label  (double      share,
                                       const char *msgid);
/* The portfolio exported as XML: checked to be UTF-8 of its stated length. */
char        *tm_test_export_xml    (TmPortfolio *portfolio);
/* Imports @xml (a file called @name) into @portfolio, asserting it is taken. */
void         tm_test_import_xml    (TmPortfolio *portfolio,
                                    const char  *xml,
                                    const char  *name);
/* Undoes (redoes) one step, asserting there was one and it worked. */
void         tm_test_undo          (TmPortfolio *portfolio);
void         tm_test_redo          (TmPortfolio *portfolio);
/* Moves @share % of @task in @scenario_id: @kind, to @profession_id (or NULL). */
void         tm_test_set_move      (TmPortfolio *portfolio,
                                    TmTask      *task,
                                    const char  *scenario_id,
                                    TmMoveKind   kind,
                                    const char  *profession_id,
                                    double       share);
/* Adds an administrative task of low complexity, 10 minutes 6 times a day,
 * by nurses alone, in the @shifts given (TmShift flags, 0: none said). */
TmTask      *tm_test_add_task      (TmPortfolio *portfolio,
                                    const char  *title,
                                    guint        shifts);
/* Renames @task to @title in one edit (merged with the last one under
 * @merge_key, or NULL), asserting it is taken. */
void         tm_test_set_title     (TmPortfolio *portfolio,
                                    TmTask      *task,
                                    const char  *title,
                                    const char  *merge_key);
/* Prepares the example @portfolio as test-draw.c and test-xlsx.c draw and
 * export it: its first four tasks (into @tasks, borrowed) timed and done by
 * nurses alone, the first three moved in @scenario_id (to the ward runner
 * 50 %, to technology, to the SSA); the other tasks lose their times and
 * their moves there. test-draw.c gives the figures. */
void         tm_test_set_up_four_tasks (TmPortfolio *portfolio,
                                        const char  *scenario_id,
                                        TmTask      *tasks[4]);
/* One line per history entry (of the portfolio's whole history), with
 * everything it holds, for comparing histories. */
char        *tm_test_describe_entries (GPtrArray  *entries);
char        *tm_test_describe_history (TmPortfolio *portfolio);
/* The length of the portfolio's whole history. */
guint        tm_test_history_length (TmPortfolio *portfolio);
/* The number of workshops of the portfolio. */
guint        tm_test_n_workshops   (TmPortfolio *portfolio);
/* A workshop on @date ("YYYY-MM-DD") called @title. */
TmWorkshopData *tm_test_workshop_data (const char *date,
                                       const char *title);
/* Adds a task of @unit (NULL: the portfolio's own) with its time; the
 * variable arguments are its performers: "profession id", (double) share,
 * ..., NULL. */
TmTask      *tm_test_add_timed_task (TmPortfolio  *portfolio,
                                     const char   *unit,
                                     const char   *title,
                                     TmLevel       level,
                                     TmComplexity  complexity,
                                     double        minutes,
                                     double        occurrences,
                                     TmPer         per,
                                     ...) G_GNUC_NULL_TERMINATED;
/* Adds @n tasks of every level and complexity: some not estimated, some
 * with no performer, one or two with shares (some given as 0), and, when
 * @scenario_id is given, a move on every third of them (to a profession, to
 * technology or stopped, partly or wholly). For figures counted more than
 * one way, which must agree. */
void         tm_test_add_varied_tasks (TmPortfolio *portfolio,
                                       guint        n,
                                       const char  *scenario_id);
/* The text of the PDF @path, laid out as on the page (pdftotext -layout,
 * from poppler-utils; a missing tool fails the test). */
char        *tm_test_pdf_text      (const char  *path);
/* A new portfolio in memory for @country and @unit. */
TmPortfolio *tm_test_new_portfolio (TmCountry    country,
                                    const char  *unit);
/* The bundled example for @country in memory: its 42 tasks checked. */
TmPortfolio *tm_test_new_example   (TmCountry    country);
/* The number of tasks of the catalogue. */
guint       tm_test_n_tasks        (TmPortfolio *portfolio);
/* The task at @position of the catalogue (borrowed: the model keeps it). */
TmTask     *tm_test_task_at        (TmPortfolio *portfolio,
                                    guint        position);
/* The first task called @title (borrowed), or NULL when there is none. */
TmTask     *tm_test_find_task      (TmPortfolio *portfolio,
                                    const char  *title);
/* The first task called @title (borrowed); fails the test when there is none. */
TmTask     *tm_test_get_task       (TmPortfolio *portfolio,
                                    const char  *title);
/* Where @task's move in @scenario_id stands in its review (proposed when
 * it has no review there). */
TmMoveStatus tm_test_status_of     (TmTask      *task,
                                    const char  *scenario_id);
/* The id of the scenario at @position (borrowed: it lives as long as the scenario). */
const char *tm_test_scenario_id_at (TmPortfolio *portfolio,
                                    guint        position);

/* A copy of every task's data, in the catalogue's order (an array to
 * compare with tm_test_assert_tasks()). */
GPtrArray   *tm_test_snapshot_tasks       (TmPortfolio *portfolio);
/* Asserts that @portfolio's tasks are as in the @expected snapshot. */
void         tm_test_assert_tasks         (GPtrArray   *expected,
                                           TmPortfolio *portfolio);
/* What each profession of @portfolio is, in the list's order (an array to
 * compare with tm_test_assert_professions()). */
GPtrArray   *tm_test_snapshot_professions (TmPortfolio *portfolio);
/* Asserts that @portfolio's professions are as in the @expected snapshot. */
void         tm_test_assert_professions   (GPtrArray   *expected,
                                           TmPortfolio *portfolio);

/* Follows a list model through its items-changed signals in a shadow
 * array, checking each against the model and that it holds no item twice,
 * and records them. */
typedef struct {
  guint position;
  guint removed;
  guint added;
} TmTestChange;

typedef struct {
  GListModel *model;
  GPtrArray  *shadow;
  GArray     *changes;   /* of TmTestChange, since new or the last reset */
  gulong      handler;
} TmTestWatch;

TmTestWatch *tm_test_watch_new           (GListModel  *model);
/* Asserts that the shadow holds what the model holds. */
void         tm_test_watch_verify        (TmTestWatch *watch);
void         tm_test_watch_reset         (TmTestWatch *watch);
/* Asserts one items-changed since the reset, of these numbers. */
void         tm_test_watch_assert_single (TmTestWatch *watch,
                                          guint        position,
                                          guint        removed,
                                          guint        added);
/* Verifies, then stops following. */
void         tm_test_watch_free          (TmTestWatch *watch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmTestWatch, tm_test_watch_free)

G_END_DECLS
