/* test-staffing.c
 * Tests of a unit's staffing (limits, storage, undo, migration, exchange,
 * the regional merge) and of the analysis in the manager's units — shares of
 * staffed time, FTE freed and needed, shifts — against hand-computed cases.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-staffing"

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tm-core.h"
#include "tm-test-util.h"

#define EPSILON 1e-9

/* Helpers */

static void
set_staff (TmPortfolio *portfolio,
           const char  *unit,
           const char  *profession_id,
           double       fte,
           double       hours)
{
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_portfolio_set_profession_staffing (portfolio, unit, profession_id, fte, hours,
                                                  NULL, &error));
}

static const TmAnalysisProfession *
entry_of (TmAnalysis *analysis,
          const char *profession_id)
{
  const TmAnalysisProfession *p = tm_analysis_get_profession (analysis, profession_id);

  g_assert_nonnull (p);
  return p;
}

/* Limits: one rule for the window, the CLI and files */

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_staffing_check_fte (0, "Sygeplejerske", NULL));
  g_assert_true (tm_staffing_check_fte (28.5, "Sygeplejerske", NULL));
  g_assert_true (tm_staffing_check_fte (-1, "Sygeplejerske", NULL));   /* not known */
  g_assert_true (tm_staffing_check_fte (TM_STAFFING_MAX_FTE, NULL, NULL));

  g_assert_false (tm_staffing_check_fte (-0.5, "Sygeplejerske", &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Sygeplejerske"));
  g_clear_error (&error);

  g_assert_false (tm_staffing_check_fte (10000, "Sygeplejerske", &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "10000"));
  g_assert_nonnull (strstr (error->message, "FTE"));
  g_clear_error (&error);

  g_assert_true (tm_staffing_check_hours_per_fte (37, NULL, NULL));
  g_assert_true (tm_staffing_check_hours_per_fte (33.6, NULL, NULL));
  g_assert_false (tm_staffing_check_hours_per_fte (0, "Sygeplejerske", &error));
  g_assert_nonnull (strstr (error->message, "Sygeplejerske"));
  g_clear_error (&error);
  g_assert_false (tm_staffing_check_hours_per_fte (200, NULL, &error));
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);

  g_assert_true (tm_staffing_check_shift_hours (7.5, NULL));
  g_assert_false (tm_staffing_check_shift_hours (0, &error));
  g_clear_error (&error);
  g_assert_false (tm_staffing_check_shift_hours (30, &error));
  g_clear_error (&error);
}

static void
test_country_defaults (void)
{
  const double *choices;
  guint n = 0;

  g_assert_cmpfloat (tm_country_get_hours_per_fte (TM_COUNTRY_DK), ==, 37.0);
  g_assert_cmpfloat (tm_country_get_hours_per_fte (TM_COUNTRY_NO), ==, 37.5);

  choices = tm_country_get_hours_per_fte_choices (TM_COUNTRY_NO, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (choices[0], ==, 37.5);
  g_assert_cmpfloat (choices[1], ==, 35.5);
  g_assert_cmpfloat (choices[2], ==, 33.6);

  choices = tm_country_get_hours_per_fte_choices (TM_COUNTRY_DK, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (choices[0], ==, 37.0);
}

/* Storage, refusals and undo */

static void
test_refused_values (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  guint64 edits;

  set_staff (portfolio, "", "nurse", 20, 37);
  edits = tm_portfolio_get_edit_count (portfolio);

  g_assert_false (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", -3, 37, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  /* The message names the profession, as the English session shows it. */
  g_assert_nonnull (strstr (error->message, "Registered nurse"));
  g_clear_error (&error);

  g_assert_false (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", 10000, 37, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", 20, 0, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", 20, 200, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tm_portfolio_set_profession_staffing (portfolio, "", "no-such", 2, 37, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tm_portfolio_set_shift_hours (portfolio, "", 25, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing of it was stored. */
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (portfolio, ""), "nurse")->fte, ==, 20);
  g_assert_cmpfloat (tm_portfolio_get_staffing (portfolio, "")->shift_hours, ==, -1);
}

static void
on_staffing_changed (TmPortfolio *portfolio,
                     const char  *unit,
                     gpointer     user_data)
{
  (*(guint *) user_data)++;
}

static void
test_undo_and_typing (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect (portfolio, "staffing-changed", G_CALLBACK (on_staffing_changed), &changed);
  g_assert_null (tm_portfolio_get_staffing (portfolio, ""));

  /* Typing "2", "24", "24.5" in one field is one undo step. */
  CHECK_OK (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", 2, -1, "fte:nurse", &error));
  CHECK_OK (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", 24, -1, "fte:nurse", &error));
  CHECK_OK (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", 24.5, -1, "fte:nurse", &error));
  g_assert_cmpuint (changed, ==, 3);
  tm_portfolio_break_undo_merge (portfolio);
  CHECK_OK (tm_portfolio_set_shift_hours (portfolio, "", 8, NULL, &error));

  g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (portfolio, ""), "nurse")->fte, ==, 24.5);
  g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (portfolio, ""), "nurse")->hours_per_fte, ==, -1);
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), !=, NULL);

  CHECK_OK (tm_portfolio_undo (portfolio, &error));   /* the shift */
  g_assert_cmpfloat (tm_portfolio_get_staffing (portfolio, "")->shift_hours, ==, -1);
  CHECK_OK (tm_portfolio_undo (portfolio, &error));   /* the typing, all of it */
  g_assert_null (tm_portfolio_get_staffing (portfolio, ""));
  g_assert_false (tm_portfolio_can_undo (portfolio));

  CHECK_OK (tm_portfolio_redo (portfolio, &error));
  g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (portfolio, ""), "nurse")->fte, ==, 24.5);

  /* Clearing both values removes the entry, and an empty staffing goes. */
  CHECK_OK (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", -1, -1, NULL, &error));
  g_assert_null (tm_portfolio_get_staffing (portfolio, ""));

  /* The history records the changes of staffing. */
  {
    g_autoptr(GPtrArray) history = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
    gboolean found = FALSE;

    for (guint i = 0; i < history->len; i++)
      {
        TmHistoryEntry *e = g_ptr_array_index (history, i);

        if (g_str_equal (e->field, "staffing.fte") && g_strcmp0 (e->profession_id, "nurse") == 0 &&
            g_str_equal (e->new_value, "24.5"))
          found = TRUE;
      }
    g_assert_true (found);
  }
}

static void
test_store_reopen_and_copy (void)
{
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-staffing-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "unit.taskmap", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "copy.taskmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (file, TM_COUNTRY_NO, "Post 3", &error);

    g_assert_no_error (error);
    set_staff (portfolio, "", "nurse", 22.4, 33.6);
    set_staff (portfolio, "", "ssa", 8, -1);
    set_staff (portfolio, "Sengepost 4", "nurse", 18, 35.5);
    CHECK_OK (tm_portfolio_set_shift_hours (portfolio, "", 7.5, NULL, &error));
    CHECK_OK (tm_portfolio_set_language (portfolio, "en", &error));
    CHECK_OK (tm_portfolio_save_copy (portfolio, copy, &error));
  }

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (k == 0 ? file : copy, &error);
      const TmStaffing *own, *other;
      g_auto(GStrv) units = NULL;

      g_assert_no_error (error);
      own = tm_portfolio_get_staffing (portfolio, "");
      other = tm_portfolio_get_staffing (portfolio, "Sengepost 4");
      g_assert_nonnull (own);
      g_assert_nonnull (other);
      g_assert_cmpfloat (own->shift_hours, ==, 7.5);
      g_assert_cmpuint (own->entries->len, ==, 2);
      g_assert_cmpfloat (tm_staffing_lookup (own, "nurse")->fte, ==, 22.4);
      g_assert_cmpfloat (tm_staffing_lookup (own, "nurse")->hours_per_fte, ==, 33.6);
      g_assert_cmpfloat (tm_staffing_lookup (own, "ssa")->fte, ==, 8);
      g_assert_cmpfloat (tm_staffing_lookup (own, "ssa")->hours_per_fte, ==, -1);
      g_assert_cmpfloat (tm_staffing_lookup (other, "nurse")->hours_per_fte, ==, 35.5);
      g_assert_cmpstr (tm_portfolio_get_language (portfolio), ==, "en");
      units = tm_portfolio_dup_staffing_units (portfolio);
      g_assert_cmpuint (g_strv_length (units), ==, 2);
      g_assert_cmpstr (units[0], ==, "");
      g_assert_cmpstr (units[1], ==, "Sengepost 4");
    }

  tm_test_rm_rf (dir);
}

static void
test_migrate_from_v4 (void)
{
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-staffing-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "v4.taskmap", NULL);
  g_autofree char *sql_path = g_build_filename (g_getenv ("TASKMAP_TEST_DATA"), "portfolio-v4.taskmap.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);
    g_autoptr(TmAnalysis) analysis = NULL;
    const TmAnalysisProfession *nurse;

    g_assert_no_error (error);
    g_assert_nonnull (portfolio);
    /* What version 4 had is all there; staffing is not known; the language is the country's. */
    g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 4);
    g_assert_null (tm_portfolio_get_staffing (portfolio, ""));
    g_assert_cmpstr (tm_portfolio_get_language (portfolio), ==, "da");

    /* A share without staffing is a share of the catalogued hours. */
    analysis = tm_analysis_compute (portfolio, tm_test_scenario_id_at (portfolio, 0));
    nurse = entry_of (analysis, "nurse");
    g_assert_false (tm_analysis_profession_has_staffing (nurse));
    g_assert_cmpfloat (nurse->fte, ==, -1);
    g_assert_cmpfloat (tm_analysis_profession_coverage (nurse), ==, -1);
    /* 3 min × 30 a day = 10.5 h a week, all of it moving: 100 % of the catalogued hours. */
    g_assert_cmpfloat_with_epsilon (nurse->hours_today, 10.5, EPSILON);
    g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (nurse), 1.0, EPSILON);

    /* And a staffing can now be given, and stays. */
    set_staff (portfolio, "", "nurse", 25, 37);
  }

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (portfolio, ""), "nurse")->fte, ==, 25);
  }

  db = NULL;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, TM_STORE_SCHEMA_VERSION);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  tm_test_rm_rf (dir);
}

/* The analysis, by hand
 *
 * Unit (Denmark, shift 8 h): nurse 10 FTE × 33.6 h = 336 h a week; ssa 4 FTE
 * (hours not given: the country's 37) = 148 h; runner 0 FTE × 37 h;
 * physiotherapist and medical secretary: staffing not given.
 *
 *   T1  60 min × 1/day = 7 h   nurse 100 %          → runner 100 %
 *   T2  30 min × 2/day = 7 h   nurse 50 %, ssa 50 % → physiotherapist 50 %
 *   T3 120 min × 1/wk  = 2 h   nurse 100 %          → technology 100 %
 *   T4  15 min × 4/day = 7 h   nurse 100 %          (stays)
 *   T5  60 min × 5/wk  = 5 h   medical secretary    → runner 40 %
 *
 * Nurse: catalogued 7 + 3.5 + 2 + 7 = 19.5 h = 19.5/336 of staffed time;
 *   to unskilled 7 h, to professions 3.5 × 0.5 = 1.75 h, to technology 2 h,
 *   moved 10.75 h = 10.75/336; FTE freed 10.75/33.6 = 0.3199…; 1.34375 shifts.
 * SSA: catalogued 3.5 h; moved 1.75 h to professions = 1.75/148; freed 1.75/37 FTE.
 * Runner: takes 7 + 2 = 9 h = 9/37 FTE needed; staffed 0 FTE → after 9/37.
 * Physiotherapist: takes 3.5 h = 3.5/37 FTE (the country's week); staffing
 *   not known, so no share of staffed time.
 * Medical secretary: catalogued 5 h, 2 h moved; staffing not known, so its
 *   share is of the catalogued hours: 2/5.
 */

typedef struct {
  TmPortfolio *portfolio;
  const char  *scenario;
} Unit;

static void
build_unit (Unit *u)
{
  TmTask *t1, *t2, *t3, *t5;

  u->portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  u->scenario = tm_test_scenario_id_at (u->portfolio, 0);

  t1 = tm_test_add_timed_task (u->portfolio, NULL, "T1", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 1, TM_PER_DAY, "nurse", 100.0, NULL);
  t2 = tm_test_add_timed_task (u->portfolio, NULL, "T2", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 30, 2, TM_PER_DAY, "nurse", 50.0, "ssa", 50.0, NULL);
  t3 = tm_test_add_timed_task (u->portfolio, NULL, "T3", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 120, 1, TM_PER_WEEK, "nurse", 100.0, NULL);
  tm_test_add_timed_task (u->portfolio, NULL, "T4", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 15, 4, TM_PER_DAY, "nurse", 100.0, NULL);
  t5 = tm_test_add_timed_task (u->portfolio, NULL, "T5", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 5, TM_PER_WEEK, "medical-secretary", 100.0, NULL);

  tm_test_set_move (u->portfolio, t1, u->scenario, TM_MOVE_TO_PROFESSION, "runner", 100);
  tm_test_set_move (u->portfolio, t2, u->scenario, TM_MOVE_TO_PROFESSION, "physiotherapist", 50);
  tm_test_set_move (u->portfolio, t3, u->scenario, TM_MOVE_TECHNOLOGY, NULL, 100);
  tm_test_set_move (u->portfolio, t5, u->scenario, TM_MOVE_TO_PROFESSION, "runner", 40);

  set_staff (u->portfolio, "", "nurse", 10, 33.6);
  set_staff (u->portfolio, "", "ssa", 4, -1);
  set_staff (u->portfolio, "", "runner", 0, 37);
}

static void
test_analysis_unit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmAnalysis) analysis = NULL;
  const TmAnalysisProfession *nurse, *ssa, *runner, *physio, *secretary;
  Unit u;

  build_unit (&u);
  CHECK_OK (tm_portfolio_set_shift_hours (u.portfolio, "", 8, NULL, &error));
  analysis = tm_analysis_compute (u.portfolio, u.scenario);

  nurse = entry_of (analysis, "nurse");
  g_assert_true (tm_analysis_profession_has_staffing (nurse));
  g_assert_cmpfloat_with_epsilon (nurse->fte, 10, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->hours_per_fte, 33.6, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->staffed_hours, 336, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->hours_today, 19.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_coverage (nurse), 19.5 / 336, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->out_to_unskilled, 7, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->out_to_professions, 1.75, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->out_to_technology_or_stopped, 2, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->moved_out, 10.75, EPSILON);
  /* Shares of staffed time, not of the 19.5 catalogued hours. */
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_share_base (nurse), 336, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (nurse), 10.75 / 336, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_share_of (nurse, nurse->out_to_unskilled),
                                  7.0 / 336, EPSILON);
  g_assert_cmpfloat_with_epsilon (nurse->fte_freed, 10.75 / 33.6, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_fte_after (nurse), 10 - 10.75 / 33.6, EPSILON);
  g_assert_cmpfloat_with_epsilon (analysis->shift_hours, 8, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_hours_to_shifts (analysis, nurse->moved_out), 10.75 / 8, EPSILON);

  ssa = entry_of (analysis, "ssa");
  g_assert_cmpfloat_with_epsilon (ssa->staffed_hours, 4 * 37, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->hours_per_fte, 37, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->moved_out, 1.75, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (ssa), 1.75 / 148, EPSILON);
  g_assert_cmpfloat_with_epsilon (ssa->fte_freed, 1.75 / 37, EPSILON);

  runner = entry_of (analysis, "runner");
  g_assert_cmpfloat_with_epsilon (runner->moved_in, 9, EPSILON);
  g_assert_cmpfloat_with_epsilon (runner->fte_needed, 9.0 / 37, EPSILON);
  g_assert_cmpfloat_with_epsilon (runner->fte, 0, EPSILON);
  g_assert_false (tm_analysis_profession_has_staffing (runner));   /* 0 staffed hours */
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_fte_after (runner), 9.0 / 37, EPSILON);

  physio = entry_of (analysis, "physiotherapist");
  g_assert_cmpfloat_with_epsilon (physio->moved_in, 3.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (physio->fte_needed, 3.5 / 37, EPSILON);
  g_assert_cmpfloat (physio->fte, ==, -1);
  g_assert_cmpfloat (tm_analysis_profession_fte_after (physio), ==, -1);

  secretary = entry_of (analysis, "medical-secretary");
  g_assert_false (tm_analysis_profession_has_staffing (secretary));
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_share_base (secretary), 5, EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (secretary), 2.0 / 5, EPSILON);
  g_assert_cmpfloat (tm_analysis_profession_coverage (secretary), ==, -1);

  g_assert_true (tm_analysis_get_nurses (analysis) == nurse);
  g_object_unref (u.portfolio);
}

static void
test_analysis_no_shift (void)
{
  g_autoptr(TmAnalysis) analysis = NULL;
  Unit u;

  build_unit (&u);
  analysis = tm_analysis_compute (u.portfolio, u.scenario);
  g_assert_cmpfloat (analysis->shift_hours, ==, -1);
  g_assert_cmpfloat (tm_analysis_hours_to_shifts (analysis, 10), ==, -1);
  g_object_unref (u.portfolio);
}

/* Norway's default week, when the unit gives no hours per FTE. */
static void
test_analysis_norway_default (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_NO, "Afsnit");
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  g_autoptr(TmAnalysis) analysis = NULL;
  TmTask *t;

  t = tm_test_add_timed_task (portfolio, NULL, "T", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 1, TM_PER_DAY, "nurse", 100.0, NULL);
  tm_test_set_move (portfolio, t, scenario, TM_MOVE_TO_PROFESSION, "runner", 100);
  set_staff (portfolio, "", "nurse", 20, -1);

  analysis = tm_analysis_compute (portfolio, scenario);
  g_assert_cmpfloat_with_epsilon (entry_of (analysis, "nurse")->staffed_hours, 20 * 37.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (entry_of (analysis, "nurse")->fte_freed, 7 / 37.5, EPSILON);
  g_assert_cmpfloat_with_epsilon (entry_of (analysis, "runner")->fte_needed, 7 / 37.5, EPSILON);
}

/* Scenarios side by side, with the moves counted by status. */
static void
test_compare_scenarios (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) analyses = NULL;
  TmScenario *second;
  TmTask *t1;
  Unit u;

  build_unit (&u);
  second = tm_portfolio_add_scenario (u.portfolio, "Kun runner", &error);
  g_assert_no_error (error);
  t1 = tm_portfolio_lookup_task (u.portfolio,
                                 tm_task_get_uuid (g_list_model_get_item (tm_portfolio_get_tasks (u.portfolio), 0)));
  g_object_unref (t1);   /* the reference get_item gave; the portfolio keeps its own */
  tm_test_set_move (u.portfolio, t1, tm_scenario_get_id (second), TM_MOVE_TO_PROFESSION, "runner", 50);

  tm_portfolio_set_user_name (u.portfolio, "Test");
  CHECK_OK (tm_portfolio_set_move_status (u.portfolio, t1, u.scenario, TM_STATUS_AGREED, NULL, FALSE, &error));

  analyses = tm_analysis_compute_scenarios (u.portfolio, NULL, NULL);
  g_assert_cmpuint (analyses->len, ==, 2);

  {
    TmAnalysis *a = g_ptr_array_index (analyses, 0);
    TmAnalysis *b = g_ptr_array_index (analyses, 1);

    g_assert_cmpstr (a->scenario_id, ==, u.scenario);
    g_assert_cmpuint (a->n_moves, ==, 4);
    g_assert_cmpuint (a->n_moves_by_status[TM_STATUS_AGREED], ==, 1);
    g_assert_cmpuint (a->n_moves_by_status[TM_STATUS_PROPOSED], ==, 3);
    g_assert_cmpfloat_with_epsilon (entry_of (a, "nurse")->moved_out, 10.75, EPSILON);

    g_assert_cmpstr (b->scenario_id, ==, tm_scenario_get_id (second));
    g_assert_cmpuint (b->n_moves, ==, 1);
    g_assert_cmpuint (b->n_moves_by_status[TM_STATUS_PROPOSED], ==, 1);
    /* 7 h × 50 % = 3.5 h of 336 staffed hours. */
    g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (entry_of (b, "nurse")),
                                    3.5 / 336, EPSILON);
    g_assert_cmpfloat_with_epsilon (entry_of (b, "runner")->fte_needed, 3.5 / 37, EPSILON);
  }

  {
    const char *only[] = { tm_scenario_get_id (second), NULL };
    g_autoptr(GPtrArray) one = tm_analysis_compute_scenarios (u.portfolio, only, NULL);

    g_assert_cmpuint (one->len, ==, 1);
    g_assert_cmpstr (((TmAnalysis *) g_ptr_array_index (one, 0))->scenario_id, ==, only[0]);
  }
  g_object_unref (u.portfolio);
}

/* Training totals of a scenario. */
static void
test_training_totals (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmAnalysis) analysis = NULL;
  TmAssessment a;
  TmTask *t;
  Unit u;

  build_unit (&u);
  t = tm_portfolio_lookup_task (u.portfolio,
                                tm_task_get_uuid (g_list_model_get_item (tm_portfolio_get_tasks (u.portfolio), 1)));
  g_object_unref (t);
  tm_assessment_init (&a, "physiotherapist");
  a.suitability = TM_SUITABILITY_AFTER_TRAINING;
  a.training = TM_TRAINING_ON_THE_JOB;
  a.training_days = 3;
  g_free (a.purpose);
  a.purpose = g_strdup ("Mobilisering");
  CHECK_OK (tm_portfolio_set_assessment (u.portfolio, t, &a, NULL, &error));
  tm_assessment_clear (&a);

  analysis = tm_analysis_compute (u.portfolio, u.scenario);
  g_assert_cmpuint (analysis->n_training_moves, ==, 1);
  g_assert_cmpfloat_with_epsilon (analysis->training_days, 3, EPSILON);
  g_assert_cmpuint (analysis->n_training_days_unknown, ==, 0);
  g_object_unref (u.portfolio);
}

/* A region of two units: staffing is per unit, the region's is the sum.
 *
 * Unit A: nurse 10 FTE × 37 h = 370 h; one task, 7 h of nurse time → runner.
 * Unit B: nurse 5 FTE × 33.6 h = 168 h; one task, 30 min × 1/day = 3.5 h → runner.
 * Region: nurse staffed 538 h, 15 FTE; moved 10.5 h = 10.5/538;
 *   FTE freed 7/37 + 3.5/33.6 (each unit's hours by its own FTE week).
 */
static void
test_region (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) a = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmPortfolio) b = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-staffing-XXXXXX");
  g_autofree char *path_a = g_build_filename (dir, "a.xml", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.xml", NULL);
  GFile *files[2];
  TmTask *t;

  CHECK_OK (tm_portfolio_set_unit (a, "Afsnit A", "", TM_SETTING_HOSPITAL_WARD, "", &error));
  t = tm_test_add_timed_task (a, NULL, "A1", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 60, 1, TM_PER_DAY, "nurse", 100.0, NULL);
  tm_test_set_move (a, t, tm_test_scenario_id_at (a, 0), TM_MOVE_TO_PROFESSION, "runner", 100);
  set_staff (a, "", "nurse", 10, 37);
  CHECK_OK (tm_portfolio_set_shift_hours (a, "", 8, NULL, &error));

  CHECK_OK (tm_portfolio_set_unit (b, "Afsnit B", "", TM_SETTING_HOSPITAL_WARD, "", &error));
  t = tm_test_add_timed_task (b, NULL, "B1", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 30, 1, TM_PER_DAY, "nurse", 100.0, NULL);
  tm_test_set_move (b, t, tm_test_scenario_id_at (b, 0), TM_MOVE_TO_PROFESSION, "runner", 100);
  set_staff (b, "", "nurse", 5, 33.6);
  CHECK_OK (tm_portfolio_set_shift_hours (b, "", 8, NULL, &error));

  files[0] = g_file_new_for_path (path_a);
  files[1] = g_file_new_for_path (path_b);
  CHECK_OK (tm_xml_export_file (a, files[0], &error));
  CHECK_OK (tm_xml_export_file (b, files[1], &error));
  CHECK_OK (tm_merge_units (region, files, 2, NULL, NULL, NULL, &error));

  /* Each unit's staffing under its name. */
  g_assert_null (tm_portfolio_get_staffing (region, ""));
  g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (region, "Afsnit A"), "nurse")->fte, ==, 10);
  g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (region, "Afsnit B"), "nurse")->hours_per_fte, ==, 33.6);

  {
    g_autoptr(TmAnalysis) all = tm_analysis_compute (region, "scenario-1");
    g_autoptr(TmAnalysis) only_b = tm_analysis_compute_for_unit (region, "scenario-1", "Afsnit B");
    const TmAnalysisProfession *nurse = entry_of (all, "nurse");

    g_assert_cmpfloat_with_epsilon (nurse->fte, 15, EPSILON);
    g_assert_cmpfloat_with_epsilon (nurse->staffed_hours, 538, EPSILON);
    g_assert_cmpfloat_with_epsilon (nurse->moved_out, 10.5, EPSILON);
    g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (nurse), 10.5 / 538, EPSILON);
    g_assert_cmpfloat_with_epsilon (nurse->fte_freed, 7 / 37.0 + 3.5 / 33.6, EPSILON);
    g_assert_cmpfloat_with_epsilon (all->shift_hours, 8, EPSILON);

    nurse = entry_of (only_b, "nurse");
    g_assert_cmpfloat_with_epsilon (nurse->staffed_hours, 168, EPSILON);
    g_assert_cmpfloat_with_epsilon (tm_analysis_profession_moved_share (nurse), 3.5 / 168, EPSILON);
    g_assert_cmpfloat_with_epsilon (nurse->fte_freed, 3.5 / 33.6, EPSILON);
  }

  /* Undo takes the staffing away with the merge. */
  CHECK_OK (tm_portfolio_undo (region, &error));
  g_assert_null (tm_portfolio_get_staffing (region, "Afsnit A"));

  /* A unit whose nurse staffing is not given leaves the region's unknown:
   * a share of only part of the nurses' time would be wrong. */
  CHECK_OK (tm_portfolio_redo (region, &error));
  CHECK_OK (tm_portfolio_set_profession_staffing (region, "Afsnit B", "nurse", -1, -1, NULL, &error));
  {
    g_autoptr(TmAnalysis) all = tm_analysis_compute (region, "scenario-1");
    const TmAnalysisProfession *nurse = entry_of (all, "nurse");

    g_assert_false (tm_analysis_profession_has_staffing (nurse));
    g_assert_cmpfloat (nurse->fte, ==, -1);
    /* FTE freed still converts each unit's hours. */
    g_assert_cmpfloat_with_epsilon (nurse->fte_freed, 7 / 37.0 + 3.5 / 37.0, EPSILON);
  }

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  tm_test_rm_rf (dir);
}

/* Exchange */

static void
test_xml_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  gsize n1 = 0, n2 = 0;
  Unit u;

  build_unit (&u);
  CHECK_OK (tm_portfolio_set_shift_hours (u.portfolio, "", 7.5, NULL, &error));
  set_staff (u.portfolio, "Afsnit 2", "nurse", 3.25, 35.5);
  CHECK_OK (tm_portfolio_set_language (u.portfolio, "en", &error));

  first = tm_xml_export_data (u.portfolio, &n1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, "version=\"5\""));
  g_assert_nonnull (strstr (first, "language=\"en\""));
  g_assert_nonnull (strstr (first, "<staffing shift-hours=\"7.5\">"));
  g_assert_nonnull (strstr (first, "<staff profession=\"nurse\" fte=\"10\" hours-per-fte=\"33.600000000000001\"/>"));
  g_assert_nonnull (strstr (first, "<staff profession=\"ssa\" fte=\"4\"/>"));
  g_assert_nonnull (strstr (first, "<staffing unit=\"Afsnit 2\">"));

  CHECK_OK (tm_xml_import_data (copy, first, n1, "unit.xml", &error));
  second = tm_xml_export_data (copy, &n2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpstr (tm_portfolio_get_language (copy), ==, "en");
  g_object_unref (u.portfolio);
}

static void
test_xml_format_4 (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("TASKMAP_TEST_DATA"), "xml", "v4.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_xml_import_file (portfolio, file, &error));
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 4);
  g_assert_null (tm_portfolio_get_staffing (portfolio, ""));
  g_assert_cmpstr (tm_portfolio_get_language (portfolio), ==, "da");
}

/* A file's bad staffing is refused with a message naming the field, and the
 * portfolio stays as it was. */
static void
test_xml_refusals (void)
{
  static const struct {
    const char *staffing;
    const char *expect;
  } cases[] = {
    { "<staffing><staff profession=\"nurse\" fte=\"10000\"/></staffing>", "FTE" },
    { "<staffing><staff profession=\"nurse\" fte=\"-2\"/></staffing>", "FTE" },
    { "<staffing><staff profession=\"nurse\" fte=\"20\" hours-per-fte=\"0\"/></staffing>", "hours" },
    { "<staffing><staff profession=\"nurse\" fte=\"20\" hours-per-fte=\"200\"/></staffing>", "hours" },
    { "<staffing shift-hours=\"30\"/>", "shift" },
    { "<staffing><staff profession=\"nurse\" fte=\"2\"/><staff profession=\"nurse\" fte=\"3\"/></staffing>", "twice" },
    { "<staffing/><staffing/>", "twice" },
    { "<staffing><staff profession=\"astronaut\" fte=\"2\"/></staffing>", "astronaut" },
    { "<staffing><staff fte=\"2\"/></staffing>", "profession" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
      g_autoptr(GError) error = NULL;
      g_autofree char *xml =
        g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"5\" country=\"dk\">\n"
                         "%s\n<tasks/>\n</portfolio>\n", cases[i].staffing);
      guint64 edits = tm_portfolio_get_edit_count (portfolio);

      g_test_message ("case %u: %s", i, cases[i].staffing);
      g_assert_false (tm_xml_import_data (portfolio, xml, strlen (xml), "staffing.xml", &error));
      g_assert_nonnull (error);
      g_test_message ("→ %s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "staffing.xml"));
      g_assert_nonnull (strstr (error->message, cases[i].expect));
      g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
      g_assert_null (tm_portfolio_get_staffing (portfolio, ""));
    }
}

/* A file taken back brings a staffing where the portfolio has none, and
 * leaves the portfolio's own alone. */
static void
test_xml_take_back (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  static const char xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"5\" country=\"dk\">\n"
    "<staffing><staff profession=\"nurse\" fte=\"12\"/></staffing>\n"
    "<staffing unit=\"Afsnit 9\"><staff profession=\"ssa\" fte=\"3\"/></staffing>\n"
    "<tasks/>\n</portfolio>\n";

  tm_test_add_timed_task (portfolio, NULL, "Already here", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 5, 1, TM_PER_DAY, "nurse", 100.0, NULL);
  set_staff (portfolio, "", "nurse", 20, 37);
  CHECK_OK (tm_xml_import_data (portfolio, xml, strlen (xml), "back.xml", &error));
  g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (portfolio, ""), "nurse")->fte, ==, 20);
  g_assert_cmpfloat (tm_staffing_lookup (tm_portfolio_get_staffing (portfolio, "Afsnit 9"), "ssa")->fte, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/staffing/limits", test_limits);
  g_test_add_func ("/core/staffing/country-defaults", test_country_defaults);
  g_test_add_func ("/core/staffing/refused-values", test_refused_values);
  g_test_add_func ("/core/staffing/undo-and-typing", test_undo_and_typing);
  g_test_add_func ("/core/staffing/store-reopen-and-copy", test_store_reopen_and_copy);
  g_test_add_func ("/core/staffing/migrate-from-v4", test_migrate_from_v4);
  g_test_add_func ("/core/staffing/analysis/unit", test_analysis_unit);
  g_test_add_func ("/core/staffing/analysis/no-shift", test_analysis_no_shift);
  g_test_add_func ("/core/staffing/analysis/norway-default", test_analysis_norway_default);
  g_test_add_func ("/core/staffing/analysis/training", test_training_totals);
  g_test_add_func ("/core/staffing/compare-scenarios", test_compare_scenarios);
  g_test_add_func ("/core/staffing/region", test_region);
  g_test_add_func ("/core/staffing/xml/round-trip", test_xml_round_trip);
  g_test_add_func ("/core/staffing/xml/format-4", test_xml_format_4);
  g_test_add_func ("/core/staffing/xml/refusals", test_xml_refusals);
  g_test_add_func ("/core/staffing/xml/take-back", test_xml_take_back);

  return g_test_run ();
}
