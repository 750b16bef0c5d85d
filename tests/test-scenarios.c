/* test-scenarios.c
 * Tests of scenarios (add, rename, copy, delete, undo, reopen), of moves and
 * assessments stored through the portfolio, and of their validation.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-scenarios"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "tm-test-util.h"

/* Helpers */

static guint
n_scenarios (TmPortfolio *portfolio)
{
  return g_list_model_get_n_items (tm_portfolio_get_scenarios (portfolio));
}

/* Borrowed from the portfolio. */
static TmScenario *
scenario_at (TmPortfolio *portfolio,
             guint        position)
{
  g_autoptr(TmScenario) scenario = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), position);

  g_assert_nonnull (scenario);
  return scenario;
}

/* The scenarios' ids and names, "id=name;id=name", for comparing states. */
static char *
describe_scenarios (TmPortfolio *portfolio)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_scenarios (portfolio); i++)
    {
      TmScenario *scenario = scenario_at (portfolio, i);

      g_string_append_printf (s, "%s=%s;", tm_scenario_get_id (scenario), tm_scenario_get_name (scenario));
    }
  return g_string_free (s, FALSE);
}

static TmTask *
add_task (TmPortfolio *portfolio,
          const char  *title)
{
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  TmTask *task;

  g_free (data->title);
  data->title = g_strdup (title);
  data->level = TM_LEVEL_ADMIN;
  data->complexity = TM_COMPLEXITY_LOW;
  data->minutes = 15;
  data->occurrences = 4;
  tm_task_data_set_performer (data, "nurse", 100);

  task = tm_portfolio_add_task (portfolio, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

static void
assert_move (TmTask     *task,
             const char *scenario_id,
             TmMoveKind  kind,
             const char *profession_id,
             double      share)
{
  const TmMove *m = tm_task_data_get_move (tm_task_peek_data (task), scenario_id);

  g_assert_nonnull (m);
  g_assert_cmpstr (m->scenario_id, ==, scenario_id);
  g_assert_cmpint (m->kind, ==, kind);
  g_assert_cmpstr (m->profession_id, ==, profession_id);
  g_assert_cmpfloat (m->share, ==, share);
}

static void
assert_no_move (TmTask     *task,
                const char *scenario_id)
{
  g_assert_null (tm_task_data_get_move (tm_task_peek_data (task), scenario_id));
}

/* Tests */

static void
test_new_has_one (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  TmScenario *scenario;

  g_assert_cmpuint (n_scenarios (portfolio), ==, 1);
  scenario = scenario_at (portfolio, 0);
  g_assert_nonnull (tm_scenario_get_id (scenario));
  g_assert_cmpstr (tm_scenario_get_id (scenario), !=, "");
  g_assert_nonnull (tm_scenario_get_name (scenario));
  g_assert_cmpstr (tm_scenario_get_name (scenario), !=, "");
  g_assert_true (tm_portfolio_lookup_scenario (portfolio, tm_scenario_get_id (scenario)) == scenario);
  g_assert_null (tm_portfolio_lookup_scenario (portfolio, "no-such-scenario"));
  g_assert_null (tm_portfolio_lookup_scenario (portfolio, NULL));
  /* Having a scenario is not an edit. */
  g_assert_false (tm_portfolio_can_undo (portfolio));

  /* The example brings its own two scenarios (runner and other professions;
   * runner only) in place of the default one, and loading it is not an edit. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TmPortfolio) example = tm_example_create (NULL, TM_COUNTRY_NO, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (n_scenarios (example), ==, 2);
    g_assert_cmpstr (tm_scenario_get_id (scenario_at (example, 0)), ==, "scenario-1");
    g_assert_cmpstr (tm_scenario_get_id (scenario_at (example, 1)), ==, "scenario-2");
    for (guint i = 0; i < 2; i++)
      {
        TmScenario *s = scenario_at (example, i);

        g_assert_nonnull (tm_scenario_get_name (s));
        g_assert_cmpstr (tm_scenario_get_name (s), !=, "");
        g_assert_true (tm_portfolio_lookup_scenario (example, tm_scenario_get_id (s)) == s);
      }
    g_assert_cmpstr (tm_scenario_get_name (scenario_at (example, 0)), !=,
                     tm_scenario_get_name (scenario_at (example, 1)));
    g_assert_false (tm_portfolio_can_undo (example));
  }
}

static void
test_add (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = describe_scenarios (portfolio);
  g_autofree char *after = NULL;
  TmScenario *added;
  guint64 edits = tm_portfolio_get_edit_count (portfolio);

  added = tm_portfolio_add_scenario (portfolio, "Plan B – færre vikarer", &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  id = g_strdup (tm_scenario_get_id (added));
  g_assert_cmpstr (tm_scenario_get_name (added), ==, "Plan B – færre vikarer");
  g_assert_cmpuint (n_scenarios (portfolio), ==, 2);
  g_assert_true (scenario_at (portfolio, 1) == added);
  g_assert_true (tm_portfolio_lookup_scenario (portfolio, id) == added);
  g_assert_cmpstr (id, !=, tm_scenario_get_id (scenario_at (portfolio, 0)));
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits + 1);
  after = describe_scenarios (portfolio);

  /* One step back. */
  tm_test_undo (portfolio);
  g_assert_cmpuint (n_scenarios (portfolio), ==, 1);
  g_assert_null (tm_portfolio_lookup_scenario (portfolio, id));
  {
    g_autofree char *now = describe_scenarios (portfolio);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_false (tm_portfolio_can_undo (portfolio));

  tm_test_redo (portfolio);
  g_assert_cmpuint (n_scenarios (portfolio), ==, 2);
  g_assert_nonnull (tm_portfolio_lookup_scenario (portfolio, id));
  {
    g_autofree char *now = describe_scenarios (portfolio);
    g_assert_cmpstr (now, ==, after);
  }

  /* A scenario needs a name. */
  g_assert_null (tm_portfolio_add_scenario (portfolio, "", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (n_scenarios (portfolio), ==, 2);
}

static void
count_notify (guint *counter)
{
  (*counter)++;
}

static void
test_rename (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  TmScenario *scenario = scenario_at (portfolio, 0);
  g_autofree char *old_name = g_strdup (tm_scenario_get_name (scenario));
  g_autofree char *id = g_strdup (tm_scenario_get_id (scenario));
  guint notified = 0;

  g_signal_connect_swapped (scenario, "notify::name", G_CALLBACK (count_notify), &notified);

  CHECK_OK (tm_portfolio_rename_scenario (portfolio, scenario, "Nul vikarer", &error));
  g_assert_cmpstr (tm_scenario_get_name (scenario_at (portfolio, 0)), ==, "Nul vikarer");
  g_assert_cmpstr (tm_scenario_get_id (scenario_at (portfolio, 0)), ==, id);
  g_assert_cmpuint (notified, ==, 1);

  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_scenario_get_name (scenario_at (portfolio, 0)), ==, old_name);
  tm_test_redo (portfolio);
  g_assert_cmpstr (tm_scenario_get_name (scenario_at (portfolio, 0)), ==, "Nul vikarer");

  /* Empty names are refused and change nothing. */
  {
    guint64 edits = tm_portfolio_get_edit_count (portfolio);

    g_assert_false (tm_portfolio_rename_scenario (portfolio, scenario_at (portfolio, 0), "", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpstr (tm_scenario_get_name (scenario_at (portfolio, 0)), ==, "Nul vikarer");
    g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  }

  /* A scenario of another portfolio is refused. */
  {
    g_autoptr(TmPortfolio) other = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
    TmScenario *foreign = tm_portfolio_add_scenario (other, "Fremmed", &error);

    g_assert_no_error (error);
    g_assert_false (tm_portfolio_rename_scenario (portfolio, foreign, "X", &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpstr (tm_scenario_get_name (foreign), ==, "Fremmed");
  }
}

/* A portfolio with three tasks and moves of every kind in the first scenario. */
typedef struct {
  TmPortfolio *portfolio;
  char        *first;
  TmTask      *t1, *t2, *t3, *t4;
} Fixture;

static void
fixture_build (Fixture     *f,
               TmPortfolio *portfolio)
{
  f->portfolio = portfolio;
  f->first = g_strdup (tm_scenario_get_id (scenario_at (portfolio, 0)));
  f->t1 = add_task (portfolio, "Opfylde depot");
  f->t2 = add_task (portfolio, "Dobbeltdokumentation");
  f->t3 = add_task (portfolio, "Måle værdier");
  f->t4 = add_task (portfolio, "Uden flytning");
  tm_test_set_move (portfolio, f->t1, f->first, TM_MOVE_TO_PROFESSION, "runner", 100);
  tm_test_set_move (portfolio, f->t2, f->first, TM_MOVE_STOP, NULL, 50);
  tm_test_set_move (portfolio, f->t3, f->first, TM_MOVE_TECHNOLOGY, NULL, 70);
  tm_portfolio_break_undo_merge (portfolio);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_pointer (&f->first, g_free);
  g_clear_object (&f->portfolio);
}

static void
test_copy (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *copy_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TmScenario *copy;

  fixture_build (&f, tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit"));
  before = tm_test_export_xml (f.portfolio);

  copy = tm_portfolio_copy_scenario (f.portfolio, scenario_at (f.portfolio, 0), "Kopi", &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  copy_id = g_strdup (tm_scenario_get_id (copy));
  g_assert_cmpstr (copy_id, !=, f.first);
  g_assert_cmpstr (tm_scenario_get_name (copy), ==, "Kopi");
  g_assert_cmpuint (n_scenarios (f.portfolio), ==, 2);

  /* The moves came along. */
  assert_move (f.t1, copy_id, TM_MOVE_TO_PROFESSION, "runner", 100);
  assert_move (f.t2, copy_id, TM_MOVE_STOP, NULL, 50);
  assert_move (f.t3, copy_id, TM_MOVE_TECHNOLOGY, NULL, 70);
  assert_no_move (f.t4, copy_id);
  after = tm_test_export_xml (f.portfolio);

  /* Independent afterwards, both ways. */
  tm_test_set_move (f.portfolio, f.t1, copy_id, TM_MOVE_TO_PROFESSION, "service-assistant", 40);
  assert_move (f.t1, f.first, TM_MOVE_TO_PROFESSION, "runner", 100);
  tm_test_set_move (f.portfolio, f.t2, f.first, TM_MOVE_TECHNOLOGY, NULL, 10);
  assert_move (f.t2, copy_id, TM_MOVE_STOP, NULL, 50);
  CHECK_OK (tm_portfolio_set_move (f.portfolio, f.t3, copy_id, NULL, &error));
  assert_no_move (f.t3, copy_id);
  assert_move (f.t3, f.first, TM_MOVE_TECHNOLOGY, NULL, 70);
  tm_test_undo (f.portfolio);
  tm_test_undo (f.portfolio);
  tm_test_undo (f.portfolio);
  {
    g_autofree char *now = tm_test_export_xml (f.portfolio);
    g_assert_cmpstr (now, ==, after);
  }

  /* The copy is one step. */
  tm_test_undo (f.portfolio);
  g_assert_cmpuint (n_scenarios (f.portfolio), ==, 1);
  g_assert_null (tm_portfolio_lookup_scenario (f.portfolio, copy_id));
  assert_no_move (f.t1, copy_id);
  assert_no_move (f.t2, copy_id);
  assert_no_move (f.t3, copy_id);
  assert_move (f.t1, f.first, TM_MOVE_TO_PROFESSION, "runner", 100);
  {
    g_autofree char *now = tm_test_export_xml (f.portfolio);
    g_assert_cmpstr (now, ==, before);
  }

  tm_test_redo (f.portfolio);
  assert_move (f.t1, copy_id, TM_MOVE_TO_PROFESSION, "runner", 100);
  {
    g_autofree char *now = tm_test_export_xml (f.portfolio);
    g_assert_cmpstr (now, ==, after);
  }

  fixture_clear (&f);
}

/* Copying a scenario without moves works too. */
static void
test_copy_empty (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  TmScenario *copy;

  add_task (portfolio, "Opgave");
  copy = tm_portfolio_copy_scenario (portfolio, scenario_at (portfolio, 0), "Tom kopi", &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpuint (n_scenarios (portfolio), ==, 2);
  tm_test_undo (portfolio);
  g_assert_cmpuint (n_scenarios (portfolio), ==, 1);
}

static void
test_delete (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *second_id = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TmScenario *second;

  fixture_build (&f, tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit"));
  second = tm_portfolio_add_scenario (f.portfolio, "Anden plan", &error);
  g_assert_no_error (error);
  second_id = g_strdup (tm_scenario_get_id (second));
  tm_test_set_move (f.portfolio, f.t1, second_id, TM_MOVE_TO_PROFESSION, "porter", 30);
  tm_test_set_move (f.portfolio, f.t4, second_id, TM_MOVE_STOP, NULL, 100);
  tm_portfolio_break_undo_merge (f.portfolio);
  before = tm_test_export_xml (f.portfolio);

  CHECK_OK (tm_portfolio_delete_scenario (f.portfolio, second, &error));
  g_assert_cmpuint (n_scenarios (f.portfolio), ==, 1);
  g_assert_null (tm_portfolio_lookup_scenario (f.portfolio, second_id));
  /* Its moves went with it; the other scenario's stayed. */
  assert_no_move (f.t1, second_id);
  assert_no_move (f.t4, second_id);
  assert_move (f.t1, f.first, TM_MOVE_TO_PROFESSION, "runner", 100);
  g_assert_cmpuint (tm_task_peek_data (f.t1)->moves->len, ==, 1);
  g_assert_cmpuint (tm_task_peek_data (f.t4)->moves->len, ==, 0);
  after = tm_test_export_xml (f.portfolio);

  /* The last scenario cannot go. */
  {
    guint64 edits = tm_portfolio_get_edit_count (f.portfolio);

    g_assert_false (tm_portfolio_delete_scenario (f.portfolio, scenario_at (f.portfolio, 0), &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_assert_cmpstr (error->message, !=, "");
    g_clear_error (&error);
    g_assert_cmpuint (n_scenarios (f.portfolio), ==, 1);
    g_assert_cmpuint (tm_portfolio_get_edit_count (f.portfolio), ==, edits);
    assert_move (f.t1, f.first, TM_MOVE_TO_PROFESSION, "runner", 100);
  }

  /* One step back brings the scenario and its moves. */
  tm_test_undo (f.portfolio);
  g_assert_cmpuint (n_scenarios (f.portfolio), ==, 2);
  g_assert_nonnull (tm_portfolio_lookup_scenario (f.portfolio, second_id));
  g_assert_cmpstr (tm_scenario_get_name (tm_portfolio_lookup_scenario (f.portfolio, second_id)), ==,
                   "Anden plan");
  assert_move (f.t1, second_id, TM_MOVE_TO_PROFESSION, "porter", 30);
  assert_move (f.t4, second_id, TM_MOVE_STOP, NULL, 100);
  {
    g_autofree char *now = tm_test_export_xml (f.portfolio);
    g_assert_cmpstr (now, ==, before);
  }

  tm_test_redo (f.portfolio);
  g_assert_cmpuint (n_scenarios (f.portfolio), ==, 1);
  assert_no_move (f.t1, second_id);
  {
    g_autofree char *now = tm_test_export_xml (f.portfolio);
    g_assert_cmpstr (now, ==, after);
  }

  fixture_clear (&f);
}

/* Undoing the deletion of the first scenario puts it back first, not last. */
static void
test_delete_undo_keeps_order (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  tm_portfolio_add_scenario (portfolio, "B", &error);
  g_assert_no_error (error);
  tm_portfolio_add_scenario (portfolio, "C", &error);
  g_assert_no_error (error);
  before = describe_scenarios (portfolio);

  CHECK_OK (tm_portfolio_delete_scenario (portfolio, scenario_at (portfolio, 0), &error));
  tm_test_undo (portfolio);
  {
    g_autofree char *now = describe_scenarios (portfolio);
    g_assert_cmpstr (now, ==, before);
  }
}

/* Everything survives closing and opening the file. */
static void
test_reopen (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *scenarios = NULL;
  g_autofree char *copy_id = NULL;
  g_autofree char *gone_id = NULL;
  g_autofree char *uuid1 = NULL;
  g_autofree char *uuid4 = NULL;
  Fixture f = { 0 };

  dir = tm_test_make_tmp_dir ("test-scenarios-XXXXXX");
  path = g_build_filename (dir, "afsnit.taskmap", NULL);
  file = g_file_new_for_path (path);

  {
    TmPortfolio *portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit", &error);
    TmScenario *copy, *gone;
    TmAssessment a;

    g_assert_no_error (error);
    /* A new file has one scenario, also when read back. */
    g_assert_cmpuint (n_scenarios (portfolio), ==, 1);

    fixture_build (&f, portfolio);
    uuid1 = g_strdup (tm_task_get_uuid (f.t1));
    uuid4 = g_strdup (tm_task_get_uuid (f.t4));
    CHECK_OK (tm_portfolio_rename_scenario (portfolio, scenario_at (portfolio, 0), "Første plan", &error));
    gone = tm_portfolio_add_scenario (portfolio, "Slettes", &error);
    g_assert_no_error (error);
    gone_id = g_strdup (tm_scenario_get_id (gone));
    tm_test_set_move (portfolio, f.t4, gone_id, TM_MOVE_STOP, NULL, 100);
    copy = tm_portfolio_copy_scenario (portfolio, scenario_at (portfolio, 0), "Kopi", &error);
    g_assert_no_error (error);
    g_assert_nonnull (copy);
    copy_id = g_strdup (tm_scenario_get_id (copy));
    tm_test_set_move (portfolio, f.t4, copy_id, TM_MOVE_TO_PROFESSION, "ssh", 25);
    CHECK_OK (tm_portfolio_delete_scenario (portfolio, gone, &error));

    tm_assessment_init (&a, "runner");
    a.suitability = TM_SUITABILITY_AFTER_TRAINING;
    a.training = TM_TRAINING_INTERNAL_COURSE;
    a.training_days = 3;
    g_free (a.purpose);
    a.purpose = g_strdup ("Frigøre tid");
    CHECK_OK (tm_portfolio_set_assessment (portfolio, f.t1, &a, NULL, &error));
    tm_assessment_clear (&a);

    xml = tm_test_export_xml (portfolio);
    scenarios = describe_scenarios (portfolio);
    g_clear_pointer (&f.first, g_free);
    tm_portfolio_close (portfolio);
    g_object_unref (portfolio);
  }

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);
    g_autofree char *now_scenarios = NULL;
    g_autofree char *now_xml = NULL;
    TmTask *t1, *t4;

    g_assert_no_error (error);
    g_assert_nonnull (portfolio);
    now_scenarios = describe_scenarios (portfolio);
    g_assert_cmpstr (now_scenarios, ==, scenarios);
    g_assert_cmpuint (n_scenarios (portfolio), ==, 2);
    g_assert_cmpstr (tm_scenario_get_name (scenario_at (portfolio, 0)), ==, "Første plan");
    g_assert_null (tm_portfolio_lookup_scenario (portfolio, gone_id));

    t1 = tm_portfolio_lookup_task (portfolio, uuid1);
    t4 = tm_portfolio_lookup_task (portfolio, uuid4);
    g_assert_nonnull (t1);
    g_assert_nonnull (t4);
    assert_move (t1, copy_id, TM_MOVE_TO_PROFESSION, "runner", 100);
    assert_move (t4, copy_id, TM_MOVE_TO_PROFESSION, "ssh", 25);
    assert_no_move (t4, gone_id);
    g_assert_nonnull (tm_task_data_get_assessment (tm_task_peek_data (t1), "runner"));
    g_assert_cmpfloat (tm_task_data_get_assessment (tm_task_peek_data (t1), "runner")->training_days, ==, 3);

    /* Nothing to undo after opening. */
    g_assert_false (tm_portfolio_can_undo (portfolio));

    now_xml = tm_test_export_xml (portfolio);
    g_assert_cmpstr (now_xml, ==, xml);
  }

  tm_test_rm_rf (dir);
}

/* Moves and assessments that name what the portfolio lacks are refused, and
 * refused edits change nothing. */
static void
test_set_unknown (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTaskData) data_before = NULL;
  g_autofree char *before = NULL;
  guint64 edits;
  gboolean could_undo;
  g_autofree char *undo_label = NULL;

  fixture_build (&f, tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit"));
  data_before = tm_task_dup_data (f.t1);
  before = tm_test_export_xml (f.portfolio);
  edits = tm_portfolio_get_edit_count (f.portfolio);
  could_undo = tm_portfolio_can_undo (f.portfolio);
  undo_label = g_strdup (tm_portfolio_get_undo_label (f.portfolio));

#define ASSERT_UNCHANGED()                                                         \
  G_STMT_START {                                                                   \
    g_autofree char *now = tm_test_export_xml (f.portfolio);                                   \
    g_assert_cmpstr (now, ==, before);                                             \
    g_assert_true (tm_task_data_equal (tm_task_peek_data (f.t1), data_before));    \
    g_assert_cmpuint (tm_portfolio_get_edit_count (f.portfolio), ==, edits);       \
    g_assert_cmpint (tm_portfolio_can_undo (f.portfolio), ==, could_undo);         \
    g_assert_cmpstr (tm_portfolio_get_undo_label (f.portfolio), ==, undo_label);   \
  } G_STMT_END

  /* Unknown scenario. */
  {
    TmMove move = { (char *) "no-such-scenario", TM_MOVE_TO_PROFESSION, (char *) "runner", 100 };

    g_assert_false (tm_portfolio_set_move (f.portfolio, f.t1, "no-such-scenario", &move, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    ASSERT_UNCHANGED ();

    g_assert_false (tm_portfolio_set_move (f.portfolio, f.t1, "no-such-scenario", NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    ASSERT_UNCHANGED ();
  }

  /* Unknown receiving profession. */
  {
    TmMove move = { f.first, TM_MOVE_TO_PROFESSION, (char *) "astronaut", 100 };

    g_assert_false (tm_portfolio_set_move (f.portfolio, f.t1, f.first, &move, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    ASSERT_UNCHANGED ();
  }

  /* Invalid moves. */
  {
    TmMove zero = { f.first, TM_MOVE_TO_PROFESSION, (char *) "runner", 0 };
    TmMove stop_to = { f.first, TM_MOVE_STOP, (char *) "runner", 100 };
    TmMove nobody = { f.first, TM_MOVE_TO_PROFESSION, NULL, 100 };

    g_assert_false (tm_portfolio_set_move (f.portfolio, f.t1, f.first, &zero, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (tm_portfolio_set_move (f.portfolio, f.t1, f.first, &stop_to, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (tm_portfolio_set_move (f.portfolio, f.t1, f.first, &nobody, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_clear_error (&error);
    ASSERT_UNCHANGED ();
  }

  /* Unknown assessed profession. */
  {
    TmAssessment a;

    tm_assessment_init (&a, "astronaut");
    a.suitability = TM_SUITABILITY_CAN_TAKE_OVER;
    g_assert_false (tm_portfolio_set_assessment (f.portfolio, f.t1, &a, NULL, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    tm_assessment_clear (&a);
    ASSERT_UNCHANGED ();
  }

  /* An invalid assessment. */
  {
    TmAssessment a;

    tm_assessment_init (&a, "runner");
    a.complexity_limit = TM_COMPLEXITY_VARIES;
    g_assert_false (tm_portfolio_set_assessment (f.portfolio, f.t1, &a, NULL, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_clear_error (&error);
    tm_assessment_clear (&a);
    ASSERT_UNCHANGED ();
  }

  /* An unknown profession smuggled in through update_task. */
  {
    g_autoptr(TmTaskData) data = tm_task_dup_data (f.t1);
    TmMove move = { NULL, TM_MOVE_TO_PROFESSION, (char *) "astronaut", 100 };

    tm_task_data_set_move (data, f.first, &move);
    g_assert_false (tm_portfolio_update_task (f.portfolio, f.t1, data, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    ASSERT_UNCHANGED ();
  }

#undef ASSERT_UNCHANGED

  fixture_clear (&f);
}

/* Moves and assessments are undoable edits of their own. */
static void
test_move_undo (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  TmAssessment a;

  fixture_build (&f, tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit"));
  tm_test_set_move (f.portfolio, f.t4, f.first, TM_MOVE_TO_PROFESSION, "porter", 60);
  assert_move (f.t4, f.first, TM_MOVE_TO_PROFESSION, "porter", 60);
  tm_test_undo (f.portfolio);
  assert_no_move (f.t4, f.first);
  tm_test_redo (f.portfolio);
  assert_move (f.t4, f.first, TM_MOVE_TO_PROFESSION, "porter", 60);

  /* Choosing no move. */
  CHECK_OK (tm_portfolio_set_move (f.portfolio, f.t4, f.first, NULL, &error));
  assert_no_move (f.t4, f.first);
  tm_test_undo (f.portfolio);
  assert_move (f.t4, f.first, TM_MOVE_TO_PROFESSION, "porter", 60);

  tm_assessment_init (&a, "porter");
  a.suitability = TM_SUITABILITY_CAN_TAKE_OVER;
  CHECK_OK (tm_portfolio_set_assessment (f.portfolio, f.t4, &a, NULL, &error));
  g_assert_nonnull (tm_task_data_get_assessment (tm_task_peek_data (f.t4), "porter"));
  tm_test_undo (f.portfolio);
  g_assert_null (tm_task_data_get_assessment (tm_task_peek_data (f.t4), "porter"));
  tm_assessment_clear (&a);

  fixture_clear (&f);
}

/* Validation */

static TmTaskData *
valid_data (void)
{
  TmTaskData *data = tm_task_data_new ();

  g_free (data->title);
  data->title = g_strdup ("Gyldig");
  tm_task_data_set_performer (data, "nurse", 100);
  return data;
}

static void
assert_invalid (const TmTaskData *data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tm_task_data_validate (data, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, !=, "");
}

static void
assert_valid (const TmTaskData *data)
{
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_task_data_validate (data, &error));
}

static void
test_validate_moves (void)
{
  static const double bad_shares[] = { 0, -1, -0.0001, 100.0001, 101, 1e9 };
  static const double good_shares[] = { 0.5, 1, 40, 99.9, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (bad_shares); i++)
    {
      g_autoptr(TmTaskData) data = valid_data ();
      TmMove move = { NULL, TM_MOVE_TO_PROFESSION, (char *) "runner", bad_shares[i] };

      tm_task_data_set_move (data, "scenario-1", &move);
      g_test_message ("share %g", bad_shares[i]);
      assert_invalid (data);
    }

  for (guint i = 0; i < G_N_ELEMENTS (good_shares); i++)
    {
      g_autoptr(TmTaskData) data = valid_data ();
      TmMove move = { NULL, TM_MOVE_STOP, NULL, good_shares[i] };

      tm_task_data_set_move (data, "scenario-1", &move);
      assert_valid (data);
    }

  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmMove nan = { NULL, TM_MOVE_TECHNOLOGY, NULL, NAN };

    tm_task_data_set_move (data, "scenario-1", &nan);
    assert_invalid (data);
  }

  /* To a profession, without one. */
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmMove move = { NULL, TM_MOVE_TO_PROFESSION, NULL, 100 };

    tm_task_data_set_move (data, "scenario-1", &move);
    assert_invalid (data);
  }
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmMove move = { NULL, TM_MOVE_TO_PROFESSION, (char *) "", 100 };

    tm_task_data_set_move (data, "scenario-1", &move);
    assert_invalid (data);
  }

  /* Stop or technology, with a profession. */
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmMove move = { NULL, TM_MOVE_STOP, (char *) "runner", 100 };

    tm_task_data_set_move (data, "scenario-1", &move);
    assert_invalid (data);
  }
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmMove move = { NULL, TM_MOVE_TECHNOLOGY, (char *) "runner", 100 };

    tm_task_data_set_move (data, "scenario-1", &move);
    assert_invalid (data);
  }

  /* A kind that does not exist. */
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmMove move = { NULL, TM_N_MOVE_KINDS, NULL, 100 };

    tm_task_data_set_move (data, "scenario-1", &move);
    assert_invalid (data);
  }

  /* Two moves in one scenario (set_move replaces, so append directly). */
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmMove one = { NULL, TM_MOVE_STOP, NULL, 100 };
    TmMove two = { g_strdup ("scenario-1"), TM_MOVE_TECHNOLOGY, NULL, 50 };

    tm_task_data_set_move (data, "scenario-1", &one);
    assert_valid (data);
    g_array_append_val (data->moves, two);
    g_assert_cmpuint (data->moves->len, ==, 2);
    assert_invalid (data);
  }

  /* Moves in two scenarios are fine. */
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmMove one = { NULL, TM_MOVE_STOP, NULL, 100 };
    TmMove two = { NULL, TM_MOVE_TO_PROFESSION, (char *) "runner", 50 };

    tm_task_data_set_move (data, "scenario-1", &one);
    tm_task_data_set_move (data, "scenario-2", &two);
    assert_valid (data);
    g_assert_cmpuint (data->moves->len, ==, 2);
    /* set_move replaces a scenario's move. */
    tm_task_data_set_move (data, "scenario-1", &two);
    g_assert_cmpuint (data->moves->len, ==, 2);
    g_assert_cmpint (tm_task_data_get_move (data, "scenario-1")->kind, ==, TM_MOVE_TO_PROFESSION);
    assert_valid (data);
    tm_task_data_set_move (data, "scenario-1", NULL);
    g_assert_cmpuint (data->moves->len, ==, 1);
    g_assert_null (tm_task_data_get_move (data, "scenario-1"));
  }
}

static void
test_validate_assessments (void)
{
  /* Every limit but "varies" is allowed. */
  for (TmComplexity c = 0; c < TM_N_COMPLEXITIES; c++)
    {
      g_autoptr(TmTaskData) data = valid_data ();
      TmAssessment a;

      tm_assessment_init (&a, "runner");
      a.complexity_limit = c;
      tm_task_data_set_assessment (data, &a);
      tm_assessment_clear (&a);
      if (c == TM_COMPLEXITY_VARIES)
        assert_invalid (data);
      else
        assert_valid (data);
    }

  /* Two assessments of one profession (set_assessment replaces, so append directly). */
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmAssessment a, b;

    tm_assessment_init (&a, "runner");
    tm_task_data_set_assessment (data, &a);
    tm_task_data_set_assessment (data, &a);
    g_assert_cmpuint (data->assessments->len, ==, 1);
    assert_valid (data);
    tm_assessment_init (&b, "runner");
    b.suitability = TM_SUITABILITY_NOT_APPROPRIATE;
    g_array_append_val (data->assessments, b);   /* the array owns b now */
    assert_invalid (data);
    tm_assessment_clear (&a);
  }

  /* Values out of range. */
  {
    static const double bad_days[] = { -2, 1e7, NAN, INFINITY };
    static const double bad_shares[] = { -1, 100.5, NAN };

    for (guint i = 0; i < G_N_ELEMENTS (bad_days); i++)
      {
        g_autoptr(TmTaskData) data = valid_data ();
        TmAssessment a;

        tm_assessment_init (&a, "runner");
        a.training_days = bad_days[i];
        tm_task_data_set_assessment (data, &a);
        tm_assessment_clear (&a);
        g_test_message ("days %g", bad_days[i]);
        assert_invalid (data);
      }
    for (guint i = 0; i < G_N_ELEMENTS (bad_shares); i++)
      {
        g_autoptr(TmTaskData) data = valid_data ();
        TmAssessment a;

        tm_assessment_init (&a, "runner");
        a.share = bad_shares[i];
        tm_task_data_set_assessment (data, &a);
        tm_assessment_clear (&a);
        assert_invalid (data);
      }
  }

  /* A blank assessment is valid: not assessed, 100 %, no days. */
  {
    g_autoptr(TmTaskData) data = valid_data ();
    TmAssessment a;

    tm_assessment_init (&a, "runner");
    g_assert_cmpint (a.suitability, ==, TM_SUITABILITY_NOT_ASSESSED);
    g_assert_cmpint (a.complexity_limit, ==, TM_COMPLEXITY_NOT_ASSESSED);
    g_assert_cmpfloat (a.share, ==, 100);
    g_assert_cmpfloat (a.training_days, <, 0);
    tm_task_data_set_assessment (data, &a);
    tm_assessment_clear (&a);
    assert_valid (data);
  }
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/scenarios/new-has-one", test_new_has_one);
  g_test_add_func ("/core/scenarios/add", test_add);
  g_test_add_func ("/core/scenarios/rename", test_rename);
  g_test_add_func ("/core/scenarios/copy", test_copy);
  g_test_add_func ("/core/scenarios/copy-empty", test_copy_empty);
  g_test_add_func ("/core/scenarios/delete", test_delete);
  g_test_add_func ("/core/scenarios/delete-undo-keeps-order", test_delete_undo_keeps_order);
  g_test_add_func ("/core/scenarios/reopen", test_reopen);
  g_test_add_func ("/core/scenarios/set-unknown", test_set_unknown);
  g_test_add_func ("/core/scenarios/move-undo", test_move_undo);
  g_test_add_func ("/core/scenarios/validate/moves", test_validate_moves);
  g_test_add_func ("/core/scenarios/validate/assessments", test_validate_assessments);

  return g_test_run ();
}
