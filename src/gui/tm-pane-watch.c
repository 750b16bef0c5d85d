/* tm-pane-watch.c
 * What the assessment pane and the review pane follow of their portfolio.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-pane-watch"

#include "config.h"

#include "tm-pane-watch.h"

void
tm_pane_watch_init (TmPaneWatch *watch,
                    GCallback    on_task_changed,
                    GCallback    on_tasks_changed,
                    GCallback    on_scenario_notify,
                    gpointer     data)
{
  *watch = (TmPaneWatch) {
    .on_task_changed = on_task_changed,
    .on_tasks_changed = on_tasks_changed,
    .on_scenario_notify = on_scenario_notify,
    .data = data,
  };
}

static void
follow_scenario (TmPaneWatch *watch,
                 const char  *scenario_id)
{
  if (watch->scenario != NULL)
    g_clear_signal_handler (&watch->scenario_notify_id, watch->scenario);
  g_clear_object (&watch->scenario);

  if (watch->portfolio == NULL || scenario_id == NULL)
    return;

  watch->scenario = tm_portfolio_lookup_scenario (watch->portfolio, scenario_id);
  if (watch->scenario != NULL)
    {
      g_object_ref (watch->scenario);
      watch->scenario_notify_id = g_signal_connect_swapped (watch->scenario, "notify::name",
                                                            watch->on_scenario_notify, watch->data);
    }
}

void
tm_pane_watch_set_portfolio (TmPaneWatch *watch,
                             TmPortfolio *portfolio)
{
  if (watch->portfolio != NULL)
    {
      g_clear_signal_handler (&watch->task_changed_id, watch->portfolio);
      g_clear_signal_handler (&watch->tasks_changed_id, tm_portfolio_get_tasks (watch->portfolio));
    }
  follow_scenario (watch, NULL);
  g_clear_object (&watch->portfolio);

  if (portfolio == NULL)
    return;

  watch->portfolio = g_object_ref (portfolio);
  watch->task_changed_id = g_signal_connect (portfolio, "task-changed",
                                             watch->on_task_changed, watch->data);
  watch->tasks_changed_id = g_signal_connect_swapped (tm_portfolio_get_tasks (portfolio), "items-changed",
                                                      watch->on_tasks_changed, watch->data);
  follow_scenario (watch, watch->scenario_id);
}

gboolean
tm_pane_watch_set_scenario (TmPaneWatch *watch,
                            TmTextStore *text_store,
                            const char  *scenario_id)
{
  if (g_strcmp0 (watch->scenario_id, scenario_id) == 0)
    return FALSE;

  tm_text_store_flush (text_store);
  if (watch->portfolio != NULL)
    tm_portfolio_break_undo_merge (watch->portfolio);

  g_free (watch->scenario_id);
  watch->scenario_id = g_strdup (scenario_id);
  follow_scenario (watch, watch->scenario_id);
  return TRUE;
}
