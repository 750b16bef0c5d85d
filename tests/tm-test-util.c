/* tm-test-util.c
 * What the core's test suites share.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "tm-test-util.h"

void
tm_test_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          tm_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

void
tm_test_use_clock (gint64 seconds)
{
  if (seconds > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

      g_setenv ("SOURCE_DATE_EPOCH", text, TRUE);
    }
  else
    {
      g_unsetenv ("SOURCE_DATE_EPOCH");
    }
}

gint64
tm_test_real_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

TmPortfolio *
tm_test_new_portfolio (TmCountry   country,
                       const char *unit)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_portfolio_create (NULL, country, unit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  return portfolio;
}

TmPortfolio *
tm_test_new_example (TmCountry country)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_example_create (NULL, country, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 42);
  return portfolio;
}

TmTask *
tm_test_task_at (TmPortfolio *portfolio,
                 guint        position)
{
  g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), position);

  g_assert_nonnull (task);
  return task;
}

const char *
tm_test_scenario_id_at (TmPortfolio *portfolio,
                        guint        position)
{
  g_autoptr(TmScenario) scenario = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), position);

  g_assert_nonnull (scenario);
  return tm_scenario_get_id (scenario);
}
