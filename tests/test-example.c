/* test-example.c
 * Tests of the bundled example: the 42 tasks of an unskilled ward employee.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-example"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"

static const char *groups_dk[] = {
  "Om morgenen",
  "Patientn\xc3\xa6re opgaver",
  "Mad & k\xc3\xb8kken",
  "Oprydning",
  "Opfyldning",
  "\xc3\x98vrige opgaver",
  NULL
};

/* The glossary's bokmål names of the same groups. */
static const char *groups_no[] = {
  "Om morgenen",
  "Pasientn\xc3\xa6re oppgaver",
  "Mat og kj\xc3\xb8kken",
  "Rydding",
  "P\xc3\xa5" "fylling",
  "Andre oppgaver",
  NULL
};

static const guint group_sizes[] = { 4, 13, 5, 4, 7, 9 };

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static TmTask *
task_at (TmPortfolio *portfolio,
         guint        position)
{
  g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), position);

  g_assert_nonnull (task);
  return task;
}

static GPtrArray *
snapshot_tasks (TmPortfolio *portfolio)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    g_ptr_array_add (ret, tm_task_dup_data (task_at (portfolio, i)));

  return ret;
}

static void
assert_snapshot (GPtrArray   *expected,
                 TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) actual = snapshot_tasks (portfolio);

  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const TmTaskData *a = g_ptr_array_index (expected, i);
      const TmTaskData *b = g_ptr_array_index (actual, i);

      g_assert_cmpstr (a->uuid, ==, b->uuid);
      g_assert_true (tm_task_data_equal (a, b));
    }
}

static void
check_example (TmPortfolio  *portfolio,
               const char  **groups,
               const char   *nurse_name)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) found_groups = tm_portfolio_dup_groups (portfolio);
  guint position = 0;

  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 42);
  g_assert_cmpstrv (found_groups, groups);

  /* The groups come in blocks of 4 + 13 + 5 + 4 + 7 + 9, in order. */
  for (guint g = 0; g < G_N_ELEMENTS (group_sizes); g++)
    for (guint i = 0; i < group_sizes[g]; i++, position++)
      {
        TmTask *task = task_at (portfolio, position);

        g_assert_cmpstr (tm_task_get_group (task), ==, groups[g]);
      }
  g_assert_cmpuint (position, ==, 42);

  for (guint i = 0; i < 42; i++)
    {
      TmTask *task = task_at (portfolio, i);
      const TmTaskData *data = tm_task_peek_data (task);
      const TmPerformer *performer;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_uuid_string_is_valid (tm_task_get_uuid (task)));
      g_assert_false (g_hash_table_contains (uuids, tm_task_get_uuid (task)));
      g_hash_table_add (uuids, (gpointer) tm_task_get_uuid (task));

      g_assert_nonnull (tm_task_get_title (task));
      g_assert_cmpstr (tm_task_get_title (task), !=, "");
      g_assert_true (tm_task_data_validate (data, &error));
      g_assert_no_error (error);

      /* Today every task is done by the nurses. */
      g_assert_cmpuint (data->performers->len, ==, 1);
      performer = &g_array_index (data->performers, TmPerformer, 0);
      g_assert_cmpstr (performer->profession_id, ==, "nurse");
      g_assert_cmpfloat (performer->share, ==, 100);
      g_assert_nonnull (strstr (tm_task_get_performed_by (task), nurse_name));

      /* No times: the ward estimates its own. */
      g_assert_cmpfloat (tm_task_get_hours_per_week (task), <, 0);

      /* The runner feeds the coordinator; no task is coordination itself. */
      g_assert_cmpint (tm_task_get_level (task), !=, TM_LEVEL_COORDINATION);
      g_assert_cmpint (tm_task_get_level (task), <, TM_N_LEVELS);
    }
}

static void
test_dk (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_DK);
  check_example (portfolio, groups_dk, "Sygeplejerske");

  g_assert_cmpstr (tm_task_get_title (task_at (portfolio, 0)), ==,
                   "M\xc3\xb8" "de ind med resten af personalegruppen");
  g_assert_cmpstr (tm_task_get_title (task_at (portfolio, 41)), ==, "Brikansvarlig");

  /* The summary sees 42 tasks, none with hours, and does not call that zero work. */
  {
    g_autoptr(TmSummary) summary = tm_summary_compute (tm_portfolio_get_tasks (portfolio));

    g_assert_cmpuint (summary->n_tasks, ==, 42);
    g_assert_cmpuint (summary->n_not_estimated, ==, 42);
    g_assert_cmpfloat (summary->total_hours, ==, 0);
  }
}

static void
test_no (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) dk = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_autoptr(TmPortfolio) no = NULL;

  g_assert_no_error (error);
  no = tm_example_create (NULL, TM_COUNTRY_NO, &error);
  g_assert_no_error (error);
  g_assert_nonnull (no);
  g_assert_cmpint (tm_portfolio_get_country (no), ==, TM_COUNTRY_NO);
  check_example (no, groups_no, "Sykepleier");

  /* The same tasks: same uuids, same order, same tags; other words. */
  for (guint i = 0; i < 42; i++)
    {
      TmTask *a = task_at (dk, i);
      TmTask *b = task_at (no, i);

      g_assert_cmpstr (tm_task_get_uuid (a), ==, tm_task_get_uuid (b));
      g_assert_cmpint (tm_task_get_level (a), ==, tm_task_get_level (b));
      g_assert_cmpint (tm_task_get_complexity (a), ==, tm_task_get_complexity (b));
    }
  g_assert_cmpstr (tm_task_get_title (task_at (no, 0)), !=, tm_task_get_title (task_at (dk, 0)));
}

static void
test_create_twice_same_uuids (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) a = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_autoptr(TmPortfolio) b = NULL;
  g_autoptr(GPtrArray) snapshot = NULL;

  g_assert_no_error (error);
  b = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_assert_no_error (error);

  /* Deterministic: the uuids are part of the example, not made up at load time. */
  snapshot = snapshot_tasks (a);
  assert_snapshot (snapshot, b);
}

static void
test_load_persists (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-test-example-XXXXXX", &error);
  g_autoptr(TmPortfolio) reference = NULL;
  g_autoptr(GPtrArray) expected = NULL;

  g_assert_no_error (error);
  reference = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_assert_no_error (error);
  expected = snapshot_tasks (reference);

  /* tm_example_load into an empty file-backed portfolio. */
  {
    g_autofree char *path = g_build_filename (dir, "loaded.taskmap", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    TmPortfolio *portfolio;

    portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Medicinsk afsnit", &error);
    g_assert_no_error (error);
    g_assert_true (tm_example_load (portfolio, &error));
    g_assert_no_error (error);
    assert_snapshot (expected, portfolio);
    tm_portfolio_close (portfolio);
    g_object_unref (portfolio);

    portfolio = tm_portfolio_open (file, &error);
    g_assert_no_error (error);
    assert_snapshot (expected, portfolio);
    check_example (portfolio, groups_dk, "Sygeplejerske");
    tm_portfolio_close (portfolio);
    g_object_unref (portfolio);
  }

  /* tm_example_create with a file. */
  {
    g_autofree char *path = g_build_filename (dir, "created.taskmap", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    TmPortfolio *portfolio;

    portfolio = tm_example_create (file, TM_COUNTRY_DK, &error);
    g_assert_no_error (error);
    g_assert_nonnull (portfolio);
    g_assert_true (g_file_equal (tm_portfolio_get_file (portfolio), file));
    tm_portfolio_close (portfolio);
    g_object_unref (portfolio);

    portfolio = tm_portfolio_open (file, &error);
    g_assert_no_error (error);
    assert_snapshot (expected, portfolio);
    tm_portfolio_close (portfolio);
    g_object_unref (portfolio);

    /* Not over an existing file. */
    portfolio = tm_example_create (file, TM_COUNTRY_DK, &error);
    g_assert_null (portfolio);
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS);
    g_clear_error (&error);
  }

  /* A Norwegian portfolio gets the Norwegian example. */
  {
    g_autofree char *path = g_build_filename (dir, "norsk.taskmap", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    TmPortfolio *portfolio;

    portfolio = tm_portfolio_create (file, TM_COUNTRY_NO, "Sengepost", &error);
    g_assert_no_error (error);
    g_assert_true (tm_example_load (portfolio, &error));
    g_assert_no_error (error);
    tm_portfolio_close (portfolio);
    g_object_unref (portfolio);

    portfolio = tm_portfolio_open (file, &error);
    g_assert_no_error (error);
    check_example (portfolio, groups_no, "Sykepleier");
    tm_portfolio_close (portfolio);
    g_object_unref (portfolio);
  }

  rm_rf (dir);
}

static void
test_load_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(TmTaskData) edited = NULL;
  GListModel *tasks;
  TmTask *first;

  g_assert_no_error (error);

  /* The example's tasks have fixed uuids, so loading it again takes it back
   * like any file: the same tasks are matched, none is added twice, and a
   * task the unit has edited is a conflict that keeps the unit's copy. */
  first = task_at (portfolio, 0);
  edited = tm_task_dup_data (first);
  g_free (edited->title);
  edited->title = g_strdup ("Møde ind (vores udgave)");
  g_assert_true (tm_portfolio_update_task (portfolio, first, edited, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tm_example_load (portfolio, &error));
  g_assert_no_error (error);

  tasks = tm_portfolio_get_tasks (portfolio);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 42);
  g_assert_cmpstr (tm_task_get_title (task_at (portfolio, 0)), ==, "Møde ind (vores udgave)");
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      TmTask *task = task_at (portfolio, i);

      g_assert_false (g_hash_table_contains (uuids, tm_task_get_uuid (task)));
      g_hash_table_add (uuids, (gpointer) tm_task_get_uuid (task));
      g_assert_true (tm_portfolio_lookup_task (portfolio, tm_task_get_uuid (task)) == task);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));

  g_test_add_func ("/core/example/dk", test_dk);
  g_test_add_func ("/core/example/no", test_no);
  g_test_add_func ("/core/example/deterministic", test_create_twice_same_uuids);
  g_test_add_func ("/core/example/load-persists", test_load_persists);
  g_test_add_func ("/core/example/load-twice", test_load_twice);

  return g_test_run ();
}
