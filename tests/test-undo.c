/* test-undo.c
 * Tests of undo and redo: every kind of edit, merging, and what reaches the file.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-undo"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "tm-test-util.h"

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */

static TmTaskData *
make_task (const char *title)
{
  TmTaskData *data = tm_task_data_new ();

  g_free (data->title);
  data->title = g_strdup (title);
  g_free (data->group);
  data->group = g_strdup ("Gruppe");
  data->level = TM_LEVEL_ADMIN;
  data->minutes = 10;
  data->occurrences = 2;
  data->per = TM_PER_DAY;
  tm_task_data_set_performer (data, "nurse", 100);

  return data;
}

static TmTask *
add_task (TmPortfolio *portfolio,
          const char  *title)
{
  g_autoptr(TmTaskData) data = make_task (title);
  g_autoptr(GError) error = NULL;
  TmTask *task;

  task = tm_portfolio_add_task (portfolio, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);

  return task;
}

static void
update_notes (TmPortfolio *portfolio,
              TmTask      *task,
              const char  *notes,
              const char  *merge_key)
{
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);
  g_autoptr(GError) error = NULL;

  g_free (data->notes);
  data->notes = g_strdup (notes);
  g_assert_true (tm_portfolio_update_task (portfolio, task, data, merge_key, &error));
  g_assert_no_error (error);
}

/* The whole observable state of a portfolio. */
typedef struct {
  char      *unit_name;
  char      *organisation;
  TmSetting  setting;
  char      *notes;
  GPtrArray *tasks;         /* of TmTaskData */
  GPtrArray *performed_by;  /* of char* */
  GPtrArray *professions;   /* tm_test_snapshot_professions() */
  GStrv      groups;
} State;

static void
state_free (State *state)
{
  g_free (state->unit_name);
  g_free (state->organisation);
  g_free (state->notes);
  g_ptr_array_unref (state->tasks);
  g_ptr_array_unref (state->performed_by);
  g_ptr_array_unref (state->professions);
  g_strfreev (state->groups);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (State, state_free)

static State *
state_take (TmPortfolio *portfolio)
{
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  State *state = g_new0 (State, 1);

  state->unit_name = g_strdup (tm_portfolio_get_unit_name (portfolio));
  state->organisation = g_strdup (tm_portfolio_get_organisation (portfolio));
  state->setting = tm_portfolio_get_setting (portfolio);
  state->notes = g_strdup (tm_portfolio_get_notes (portfolio));
  state->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  state->performed_by = g_ptr_array_new_with_free_func (g_free);
  state->professions = tm_test_snapshot_professions (portfolio);
  state->groups = tm_portfolio_dup_groups (portfolio);

  for (guint i = 0; i < tm_test_n_tasks (portfolio); i++)
    {
      TmTask *task = tm_test_task_at (portfolio, i);

      g_ptr_array_add (state->tasks, tm_task_dup_data (task));
      g_ptr_array_add (state->performed_by, g_strdup (tm_task_get_performed_by (task)));
    }

  /* The lookup agrees with the model. */
  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (professions, i);

      g_assert_true (tm_portfolio_lookup_profession (portfolio, tm_profession_get_id (p)) == p);
    }

  for (guint i = 0; i < state->tasks->len; i++)
    {
      const TmTaskData *data = g_ptr_array_index (state->tasks, i);
      g_assert_true (tm_portfolio_lookup_task (portfolio, data->uuid) == tm_test_task_at (portfolio, i));
    }

  return state;
}

static void
assert_state (State       *expected,
              TmPortfolio *portfolio)
{
  g_autoptr(State) actual = state_take (portfolio);

  g_assert_cmpstr (actual->unit_name, ==, expected->unit_name);
  g_assert_cmpstr (actual->organisation, ==, expected->organisation);
  g_assert_cmpint (actual->setting, ==, expected->setting);
  g_assert_cmpstr (actual->notes, ==, expected->notes);

  g_assert_cmpuint (actual->tasks->len, ==, expected->tasks->len);
  for (guint i = 0; i < expected->tasks->len; i++)
    {
      const TmTaskData *a = g_ptr_array_index (expected->tasks, i);
      const TmTaskData *b = g_ptr_array_index (actual->tasks, i);

      g_assert_cmpstr (a->uuid, ==, b->uuid);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_true (tm_task_data_equal (a, b));
      g_assert_cmpstr (g_ptr_array_index (expected->performed_by, i), ==,
                       g_ptr_array_index (actual->performed_by, i));
    }

  tm_test_assert_professions (expected->professions, portfolio);

  g_assert_cmpstrv (actual->groups, expected->groups);
}

/* Runs @edit once on @portfolio, then checks undo, redo, undo, redo. */
typedef void (*EditFunc) (TmPortfolio *portfolio);

static void
check_undo_redo (TmPortfolio *portfolio,
                 EditFunc     edit)
{
  g_autoptr(State) before = NULL;
  g_autoptr(State) after = NULL;
  g_autoptr(TmTestWatch) tasks_watch = tm_test_watch_new (tm_portfolio_get_tasks (portfolio));
  g_autoptr(TmTestWatch) professions_watch = tm_test_watch_new (tm_portfolio_get_professions (portfolio));
  gboolean could_undo = tm_portfolio_can_undo (portfolio);

  before = state_take (portfolio);
  edit (portfolio);
  after = state_take (portfolio);
  g_assert_true (tm_portfolio_can_undo (portfolio));
  g_assert_false (tm_portfolio_can_redo (portfolio));
  g_assert_nonnull (tm_portfolio_get_undo_label (portfolio));
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), !=, "");

  for (guint round = 0; round < 2; round++)
    {
      tm_test_undo (portfolio);
      assert_state (before, portfolio);
      g_assert_cmpint (tm_portfolio_can_undo (portfolio), ==, could_undo);
      g_assert_nonnull (tm_portfolio_get_redo_label (portfolio));
      g_assert_cmpstr (tm_portfolio_get_redo_label (portfolio), !=, "");
      tm_test_watch_verify (tasks_watch);
      tm_test_watch_verify (professions_watch);

      tm_test_redo (portfolio);
      assert_state (after, portfolio);
      g_assert_false (tm_portfolio_can_redo (portfolio));
      tm_test_watch_verify (tasks_watch);
      tm_test_watch_verify (professions_watch);
    }
}

/* A portfolio with five tasks of different content. */
static void
fill (TmPortfolio *portfolio)
{
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Task %u", i);
      g_autoptr(TmTaskData) data = make_task (title);
      g_autoptr(GError) error = NULL;

      data->level = (TmLevel) (i % TM_N_LEVELS);
      data->minutes = i % 2 ? TM_NOT_ESTIMATED : 5.0 * (i + 1);
      g_free (data->group);
      data->group = g_strdup_printf ("Group %u", i % 3);
      if (i == 3)
        tm_task_data_set_performer (data, "ssa", 0);
      g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
      g_assert_no_error (error);
    }
}

/* ---------------------------------------------------------------------- */
/* The edits                                                               */

static void
edit_add (TmPortfolio *portfolio)
{
  add_task (portfolio, "Added");
}

static void
edit_delete_several (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;
  TmTask *doomed[] = { tm_test_task_at (portfolio, 3), tm_test_task_at (portfolio, 0), tm_test_task_at (portfolio, 4) };

  g_assert_true (tm_portfolio_delete_tasks (portfolio, doomed, G_N_ELEMENTS (doomed), &error));
  g_assert_no_error (error);
}

static void
edit_delete_all (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;
  g_autofree TmTask **doomed = g_new0 (TmTask *, tm_test_n_tasks (portfolio));
  guint n = tm_test_n_tasks (portfolio);

  for (guint i = 0; i < n; i++)
    doomed[i] = tm_test_task_at (portfolio, i);
  g_assert_true (tm_portfolio_delete_tasks (portfolio, doomed, n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
}

static void
edit_update (TmPortfolio *portfolio)
{
  TmTask *task = tm_test_task_at (portfolio, 2);
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);
  g_autoptr(GError) error = NULL;

  g_free (data->title);
  data->title = g_strdup ("Updated \xc3\xa6\xc3\xb8\xc3\xa5");
  g_free (data->group);
  data->group = g_strdup ("Group 9");
  data->level = TM_LEVEL_COORDINATION;
  data->complexity = TM_COMPLEXITY_HIGH;
  data->minutes = TM_NOT_ESTIMATED;
  data->occurrences = 7;
  data->per = TM_PER_WEEK;
  data->shifts = TM_SHIFTS_ALL;
  tm_task_data_remove_performer (data, "nurse");
  tm_task_data_set_performer (data, "physician", 25);
  tm_task_data_set_performer (data, "ssa", 75);
  g_free (data->notes);
  data->notes = g_strdup ("Updated notes");
  g_free (data->description);
  data->description = g_strdup ("Updated description");
  g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
  g_assert_no_error (error);
}

static void
edit_duplicate (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (tm_portfolio_duplicate_task (portfolio, tm_test_task_at (portfolio, 1), &error));
  g_assert_no_error (error);
}

static void
edit_add_batch (TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *title = g_strdup_printf ("Batch %u", i);
      g_ptr_array_add (batch, make_task (title));
    }
  g_assert_true (tm_portfolio_add_tasks (portfolio, batch, &error));
  g_assert_no_error (error);
}

static void
edit_set_unit (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_portfolio_set_unit (portfolio, "Nyt navn", "Ny organisation",
                                        TM_SETTING_PSYCHIATRY, "Nye noter", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Nyt navn");
}

static void
edit_add_profession (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;
  TmProfession *p;

  p = tm_portfolio_add_profession (portfolio, "Klinisk vejleder", "Clinical supervisor",
                                   TRUE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (p);
}

static void
edit_update_profession (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;
  TmProfession *nurse = tm_portfolio_lookup_profession (portfolio, "nurse");

  g_assert_nonnull (nurse);
  g_assert_true (tm_portfolio_update_profession (portfolio, nurse, "Sygeplejerske (omd\xc3\xb8" "bt)",
                                                 "Nurse (renamed)", FALSE, TRUE, TRUE, &error));
  g_assert_no_error (error);
}

typedef struct {
  const char *path;
  EditFunc    edit;
} EditCase;

static const EditCase edit_cases[] = {
  { "/core/undo/add", edit_add },
  { "/core/undo/delete-several", edit_delete_several },
  { "/core/undo/delete-all", edit_delete_all },
  { "/core/undo/update", edit_update },
  { "/core/undo/duplicate", edit_duplicate },
  { "/core/undo/add-batch", edit_add_batch },
  { "/core/undo/set-unit", edit_set_unit },
  { "/core/undo/add-profession", edit_add_profession },
  { "/core/undo/update-profession", edit_update_profession },
};

static void
test_edit_case (gconstpointer user_data)
{
  const EditCase *edit_case = user_data;
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");

  fill (portfolio);
  check_undo_redo (portfolio, edit_case->edit);

  /* Another edit on top of the redone one (repeating most edits would change nothing). */
  check_undo_redo (portfolio, edit_add);
}

/* ---------------------------------------------------------------------- */

static void
test_initial (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  gboolean can_undo = TRUE, can_redo = TRUE;

  /* Creating a portfolio is not an undoable edit. */
  g_assert_false (tm_portfolio_can_undo (portfolio));
  g_assert_false (tm_portfolio_can_redo (portfolio));
  g_object_get (portfolio, "can-undo", &can_undo, "can-redo", &can_redo, NULL);
  g_assert_false (can_undo);
  g_assert_false (can_redo);
}

typedef struct {
  TmPortfolio *portfolio;
  guint        n_undo;
  guint        n_redo;
} Notifications;

static void
on_can_undo (TmPortfolio   *portfolio,
             GParamSpec    *pspec,
             Notifications *n)
{
  gboolean value = FALSE;

  n->n_undo++;
  /* The property and the getter agree when the notification comes. */
  g_object_get (portfolio, "can-undo", &value, NULL);
  g_assert_cmpint (value, ==, tm_portfolio_can_undo (portfolio));
}

static void
on_can_redo (TmPortfolio   *portfolio,
             GParamSpec    *pspec,
             Notifications *n)
{
  gboolean value = FALSE;

  n->n_redo++;
  g_object_get (portfolio, "can-redo", &value, NULL);
  g_assert_cmpint (value, ==, tm_portfolio_can_redo (portfolio));
}

static void
test_properties (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  Notifications n = { portfolio, 0, 0 };
  g_autofree char *add_label = NULL;
  g_autofree char *delete_label = NULL;
  g_autofree char *label_prop = NULL;
  TmTask *task;

  g_signal_connect (portfolio, "notify::can-undo", G_CALLBACK (on_can_undo), &n);
  g_signal_connect (portfolio, "notify::can-redo", G_CALLBACK (on_can_redo), &n);

  task = add_task (portfolio, "One");
  g_assert_cmpuint (n.n_undo, >=, 1);
  g_assert_true (tm_portfolio_can_undo (portfolio));
  add_label = g_strdup (tm_portfolio_get_undo_label (portfolio));
  g_assert_nonnull (add_label);
  g_assert_cmpstr (add_label, !=, "");
  g_object_get (portfolio, "undo-label", &label_prop, NULL);
  g_assert_cmpstr (label_prop, ==, add_label);

  n.n_undo = n.n_redo = 0;
  tm_test_undo (portfolio);
  g_assert_cmpuint (n.n_undo, >=, 1);
  g_assert_cmpuint (n.n_redo, >=, 1);
  g_assert_false (tm_portfolio_can_undo (portfolio));
  g_assert_true (tm_portfolio_can_redo (portfolio));
  g_assert_cmpstr (tm_portfolio_get_redo_label (portfolio), !=, "");

  n.n_undo = n.n_redo = 0;
  tm_test_redo (portfolio);
  g_assert_cmpuint (n.n_undo, >=, 1);
  g_assert_cmpuint (n.n_redo, >=, 1);
  g_assert_true (tm_portfolio_can_undo (portfolio));
  g_assert_false (tm_portfolio_can_redo (portfolio));

  task = tm_test_task_at (portfolio, 0);
  g_assert_true (tm_portfolio_delete_tasks (portfolio, &task, 1, NULL));
  delete_label = g_strdup (tm_portfolio_get_undo_label (portfolio));
  g_test_message ("undo labels: '%s', '%s'", add_label, delete_label);
  /* The label says which edit it undoes. */
  g_assert_cmpstr (delete_label, !=, add_label);
}

static void
test_redo_cleared (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(State) state = NULL;
  Notifications n = { portfolio, 0, 0 };
  TmTask *task;

  task = add_task (portfolio, "Task");
  tm_test_set_title (portfolio, task, "Second title", NULL);
  tm_test_undo (portfolio);
  g_assert_true (tm_portfolio_can_redo (portfolio));

  g_signal_connect (portfolio, "notify::can-redo", G_CALLBACK (on_can_redo), &n);
  update_notes (portfolio, task, "A new edit", NULL);
  g_assert_false (tm_portfolio_can_redo (portfolio));
  g_assert_cmpuint (n.n_redo, >=, 1);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Task");

  /* Undo goes back through the new edit, then the add; the lost redo stays lost. */
  state = state_take (portfolio);
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_notes (task), !=, "A new edit");
  g_assert_cmpstr (tm_task_get_title (task), ==, "Task");
  tm_test_undo (portfolio);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  g_assert_false (tm_portfolio_can_undo (portfolio));
  tm_test_redo (portfolio);
  tm_test_redo (portfolio);
  g_assert_false (tm_portfolio_can_redo (portfolio));
  assert_state (state, portfolio);
}

static void
test_merge (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(State) typed = NULL;
  TmTask *task;

  task = add_task (portfolio, "Original");
  tm_test_set_title (portfolio, task, "O", "title");
  tm_test_set_title (portfolio, task, "Ol", "title");
  tm_test_set_title (portfolio, task, "Old", "title");
  typed = state_take (portfolio);

  /* One undo restores the original title ... */
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (tm_test_task_at (portfolio, 0)), ==, "Original");
  /* ... and the next one undoes the add. */
  tm_test_undo (portfolio);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  g_assert_false (tm_portfolio_can_undo (portfolio));

  /* Redo brings back the last typed title in one step. */
  tm_test_redo (portfolio);
  tm_test_redo (portfolio);
  g_assert_false (tm_portfolio_can_redo (portfolio));
  assert_state (typed, portfolio);
}

static void
test_merge_other_key (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  TmTask *task;

  task = add_task (portfolio, "Original");
  tm_test_set_title (portfolio, task, "A", "title");
  update_notes (portfolio, task, "N", "notes");
  tm_test_set_title (portfolio, task, "AB", "title");

  /* Another key in between ends the run. */
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "A");
  g_assert_cmpstr (tm_task_get_notes (task), ==, "N");
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_notes (task), !=, "N");
  g_assert_cmpstr (tm_task_get_title (task), ==, "A");
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Original");
}

static void
test_merge_null_key (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  TmTask *task;

  task = add_task (portfolio, "Original");
  tm_test_set_title (portfolio, task, "One", NULL);
  tm_test_set_title (portfolio, task, "Two", NULL);

  /* Without a key nothing merges. */
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "One");
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Original");
}

static void
test_merge_interrupted_by_other_edit (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  TmTask *task;

  task = add_task (portfolio, "Original");
  tm_test_set_title (portfolio, task, "A", "title");
  add_task (portfolio, "Another task");
  tm_test_set_title (portfolio, task, "AB", "title");

  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "A");
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 2);
  tm_test_undo (portfolio);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Original");
}

static void
test_merge_after_undo (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  TmTask *task;

  task = add_task (portfolio, "Original");
  tm_test_set_title (portfolio, task, "A", "title");
  update_notes (portfolio, task, "N", NULL);
  tm_test_undo (portfolio);

  /* Typing again after an undo is a new step, not part of the older run. */
  tm_test_set_title (portfolio, task, "AB", "title");
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "A");
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Original");
}

static void
test_break_merge (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  TmTask *task;

  task = add_task (portfolio, "Original");
  tm_test_set_title (portfolio, task, "A", "title");
  tm_test_set_title (portfolio, task, "AB", "title");
  tm_portfolio_break_undo_merge (portfolio);
  tm_test_set_title (portfolio, task, "ABC", "title");
  tm_test_set_title (portfolio, task, "ABCD", "title");

  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "AB");
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Original");
  tm_test_redo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "AB");
  tm_test_redo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "ABCD");
}

static void
test_undo_delete_position (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmTestWatch) watch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(TmTaskData) data = NULL;
  TmTask *doomed;
  TmTask *restored;

  fill (portfolio);
  watch = tm_test_watch_new (tm_portfolio_get_tasks (portfolio));
  doomed = tm_test_task_at (portfolio, 2);
  uuid = g_strdup (tm_task_get_uuid (doomed));
  data = tm_task_dup_data (doomed);

  g_assert_true (tm_portfolio_delete_tasks (portfolio, &doomed, 1, &error));
  g_assert_no_error (error);
  g_assert_null (tm_portfolio_lookup_task (portfolio, uuid));

  tm_test_undo (portfolio);
  tm_test_watch_verify (watch);
  restored = tm_test_task_at (portfolio, 2);
  g_assert_cmpstr (tm_task_get_uuid (restored), ==, uuid);
  g_assert_true (tm_task_data_equal (data, tm_task_peek_data (restored)));
  g_assert_true (tm_portfolio_lookup_task (portfolio, uuid) == restored);

  /* The restored task can be edited like any other. */
  tm_test_set_title (portfolio, restored, "Edited after undo", NULL);
  g_assert_cmpstr (tm_task_get_title (tm_portfolio_lookup_task (portfolio, uuid)), ==, "Edited after undo");
}

static void
test_undo_profession_rename_performed_by (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  TmProfession *nurse = tm_portfolio_lookup_profession (portfolio, "nurse");
  TmTask *task;

  task = add_task (portfolio, "Task");
  before = g_strdup (tm_task_get_performed_by (task));
  g_assert_true (tm_portfolio_update_profession (portfolio, nurse, "Omd\xc3\xb8" "bt", "Renamed",
                                                 TRUE, FALSE, FALSE, &error));
  g_assert_no_error (error);
  /* The list shows the name the session speaks: the English one here. */
  g_assert_nonnull (strstr (tm_task_get_performed_by (task), tm_profession_get_display_name (nurse)));
  g_assert_cmpstr (tm_profession_get_display_name (nurse), ==, "Renamed");

  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_profession_get_name (nurse), ==, "Sygeplejerske");
  g_assert_cmpstr (tm_task_get_performed_by (task), ==, before);
}

/* A random run of edits; every state along the way must come back. */
static void
random_edit (TmPortfolio *portfolio,
             GRand       *rand,
             guint        step)
{
  g_autoptr(GError) error = NULL;
  guint n = tm_test_n_tasks (portfolio);
  guint kind = g_rand_int_range (rand, 0, 8);

  if (n < 2 && kind != 6)
    kind = 0;

  switch (kind)
    {
    case 0:
      {
        g_autofree char *title = g_strdup_printf ("Step %u", step);
        add_task (portfolio, title);
      }
      break;

    case 1:
      {
        TmTask *doomed[2];
        guint a = g_rand_int_range (rand, 0, n);
        guint b = (a + 1 + g_rand_int_range (rand, 0, n - 1)) % n;

        doomed[0] = tm_test_task_at (portfolio, a);
        doomed[1] = tm_test_task_at (portfolio, b);
        g_assert_true (tm_portfolio_delete_tasks (portfolio, doomed, 2, &error));
      }
      break;

    case 2:
      {
        TmTask *task = tm_test_task_at (portfolio, g_rand_int_range (rand, 0, n));
        g_autoptr(TmTaskData) data = tm_task_dup_data (task);

        g_free (data->title);
        data->title = g_strdup_printf ("Step %u", step);
        data->level = (TmLevel) g_rand_int_range (rand, 0, TM_N_LEVELS);
        data->minutes = g_rand_boolean (rand) ? TM_NOT_ESTIMATED : g_rand_int_range (rand, 1, 120);
        g_free (data->group);
        data->group = g_strdup_printf ("Group %d", g_rand_int_range (rand, 0, 4));
        g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
      }
      break;

    case 3:
      g_assert_nonnull (tm_portfolio_duplicate_task (portfolio,
                                                     tm_test_task_at (portfolio, g_rand_int_range (rand, 0, n)),
                                                     &error));
      break;

    case 4:
      {
        g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);

        for (guint i = 0; i < 3; i++)
          {
            g_autofree char *title = g_strdup_printf ("Step %u.%u", step, i);
            g_ptr_array_add (batch, make_task (title));
          }
        g_assert_true (tm_portfolio_add_tasks (portfolio, batch, &error));
      }
      break;

    case 5:
      {
        g_autofree char *name = g_strdup_printf ("Unit %u", step);

        g_assert_true (tm_portfolio_set_unit (portfolio, name, "Org",
                                              (TmSetting) g_rand_int_range (rand, 0, TM_N_SETTINGS),
                                              NULL, &error));
      }
      break;

    case 6:
      {
        g_autofree char *name = g_strdup_printf ("Profession %u", step);

        g_assert_nonnull (tm_portfolio_add_profession (portfolio, name, name, FALSE, FALSE, &error));
      }
      break;

    case 7:
      {
        GListModel *professions = tm_portfolio_get_professions (portfolio);
        g_autoptr(TmProfession) p =
          g_list_model_get_item (professions, g_rand_int_range (rand, 0, g_list_model_get_n_items (professions)));
        g_autofree char *name = g_strdup_printf ("Renamed %u", step);

        g_assert_true (tm_portfolio_update_profession (portfolio, p, name, tm_profession_get_name_en (p),
                                                       tm_profession_get_authorised (p),
                                                       tm_profession_get_unskilled (p),
                                                       g_rand_boolean (rand), &error));
      }
      break;

    default:
      g_assert_not_reached ();
    }

  g_assert_no_error (error);
}

static void
run_random_walk (TmPortfolio  *portfolio,
                 GFile        *file,
                 TmPortfolio **reopened)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) state_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(TmTestWatch) watch = tm_test_watch_new (tm_portfolio_get_tasks (portfolio));
  const guint n_steps = 40;
  gboolean could_undo = tm_portfolio_can_undo (portfolio);

  g_ptr_array_add (states, state_take (portfolio));
  for (guint step = 0; step < n_steps; step++)
    {
      random_edit (portfolio, rand, step);
      g_ptr_array_add (states, state_take (portfolio));
    }

  for (guint k = n_steps; k > 0; k--)
    {
      tm_test_undo (portfolio);
      assert_state (g_ptr_array_index (states, k - 1), portfolio);
    }
  g_assert_cmpint (tm_portfolio_can_undo (portfolio), ==, could_undo);
  tm_test_watch_verify (watch);

  for (guint k = 1; k <= n_steps; k++)
    {
      tm_test_redo (portfolio);
      assert_state (g_ptr_array_index (states, k), portfolio);
    }
  g_assert_false (tm_portfolio_can_redo (portfolio));
  tm_test_watch_verify (watch);

  /* Back to the middle: that is what the file must hold. */
  for (guint k = n_steps; k > n_steps / 2; k--)
    tm_test_undo (portfolio);
  assert_state (g_ptr_array_index (states, n_steps / 2), portfolio);

  if (file != NULL)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&watch, tm_test_watch_free);
      tm_portfolio_close (portfolio);
      *reopened = tm_portfolio_open (file, &error);
      g_assert_no_error (error);
      assert_state (g_ptr_array_index (states, n_steps / 2), *reopened);
      /* Undo history lasts as long as the portfolio is open. */
      g_assert_false (tm_portfolio_can_undo (*reopened));
      g_assert_false (tm_portfolio_can_redo (*reopened));
    }
}

static void
test_random_walk (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");

  fill (portfolio);
  run_random_walk (portfolio, NULL, NULL);
}

/* Inserting again and again at one place (duplicating one task many times)
 * halves the gap between neighbours each time; however positions are kept,
 * the history must stay whole (the order is checked in test-tasks). */
static void
test_many_duplicates (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  g_autoptr(State) initial = NULL;
  g_autoptr(State) before = NULL;
  g_autoptr(State) after = NULL;
  g_autoptr(TmTestWatch) watch = NULL;
  const guint n_copies = 80;
  TmTask *original;

  fill (portfolio);
  initial = state_take (portfolio);

  /* An edit before the run, whose undo must survive it. */
  {
    TmTask *doomed = tm_test_task_at (portfolio, 3);

    g_assert_true (tm_portfolio_delete_tasks (portfolio, &doomed, 1, &error));
    g_assert_no_error (error);
  }
  before = state_take (portfolio);
  watch = tm_test_watch_new (tm_portfolio_get_tasks (portfolio));

  original = tm_test_task_at (portfolio, 0);
  for (guint i = 0; i < n_copies; i++)
    {
      g_assert_nonnull (tm_portfolio_duplicate_task (portfolio, original, &error));
      g_assert_no_error (error);
    }
  tm_test_watch_verify (watch);
  after = state_take (portfolio);

  /* Every step can be undone, down to the delete before the run. */
  for (guint i = 0; i < n_copies; i++)
    {
      if (!tm_portfolio_can_undo (portfolio))
        g_error ("Only %u of %u duplicates could be undone", i, n_copies);
      tm_test_undo (portfolio);
    }
  assert_state (before, portfolio);
  tm_test_undo (portfolio);
  assert_state (initial, portfolio);
  tm_test_watch_verify (watch);

  for (guint i = 0; i < n_copies + 1; i++)
    tm_test_redo (portfolio);
  assert_state (after, portfolio);
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-test-undo-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "undo.taskmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(State) before = NULL;
  g_autoptr(State) after = NULL;
  TmPortfolio *portfolio;
  TmPortfolio *reopened = NULL;
  TmTask *task;

  g_assert_no_error (error);
  portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit", &error);
  g_assert_no_error (error);
  fill (portfolio);

  /* Undo of an update reaches the file. */
  task = tm_test_task_at (portfolio, 1);
  before = state_take (portfolio);
  tm_test_set_title (portfolio, task, "Changed and undone", NULL);
  tm_test_undo (portfolio);
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);

  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  assert_state (before, portfolio);

  /* Undo of a delete and of a profession rename; redo of an add. */
  {
    TmTask *doomed[] = { tm_test_task_at (portfolio, 0), tm_test_task_at (portfolio, 4) };

    g_assert_true (tm_portfolio_delete_tasks (portfolio, doomed, 2, &error));
    g_assert_no_error (error);
    edit_update_profession (portfolio);
    edit_add (portfolio);
    tm_test_undo (portfolio);
    tm_test_undo (portfolio);
    tm_test_undo (portfolio);
    tm_test_redo (portfolio);   /* the delete again */
    after = state_take (portfolio);
    g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 3);
  }
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);

  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  assert_state (after, portfolio);

  /* A long random run, closed in the middle of its history. */
  run_random_walk (portfolio, file, &reopened);
  g_object_unref (portfolio);
  tm_portfolio_close (reopened);
  g_object_unref (reopened);

  tm_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/undo/initial", test_initial);
  for (guint i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    g_test_add_data_func (edit_cases[i].path, &edit_cases[i], test_edit_case);
  g_test_add_func ("/core/undo/properties", test_properties);
  g_test_add_func ("/core/undo/redo-cleared", test_redo_cleared);
  g_test_add_func ("/core/undo/merge", test_merge);
  g_test_add_func ("/core/undo/merge-other-key", test_merge_other_key);
  g_test_add_func ("/core/undo/merge-null-key", test_merge_null_key);
  g_test_add_func ("/core/undo/merge-interrupted", test_merge_interrupted_by_other_edit);
  g_test_add_func ("/core/undo/merge-after-undo", test_merge_after_undo);
  g_test_add_func ("/core/undo/break-merge", test_break_merge);
  g_test_add_func ("/core/undo/delete-position", test_undo_delete_position);
  g_test_add_func ("/core/undo/profession-rename-performed-by", test_undo_profession_rename_performed_by);
  g_test_add_func ("/core/undo/random-walk", test_random_walk);
  g_test_add_func ("/core/undo/many-duplicates", test_many_duplicates);
  g_test_add_func ("/core/undo/file", test_file);

  return g_test_run ();
}
