/* tm-pane-watch.h
 * What the assessment pane and the review pane follow of their portfolio:
 * its tasks changing and the name of the scenario they show.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* Kept in the pane's struct; set up once with tm_pane_watch_init(). */
typedef struct {
  TmPortfolio *portfolio;           /* owned, or NULL */
  TmScenario  *scenario;            /* owned: the one shown, NULL if none */
  gulong       task_changed_id;
  gulong       tasks_changed_id;
  gulong       scenario_notify_id;
  GCallback    on_task_changed;     /* "task-changed" of the portfolio, not swapped */
  GCallback    on_tasks_changed;    /* "items-changed" of its tasks, swapped */
  GCallback    on_scenario_notify;  /* "notify::name" of the scenario, swapped */
  gpointer     data;
} TmPaneWatch;

void tm_pane_watch_init          (TmPaneWatch *watch,
                                  GCallback    on_task_changed,
                                  GCallback    on_tasks_changed,
                                  GCallback    on_scenario_notify,
                                  gpointer     data);
/* Follows @portfolio (NULL: nothing) and in it @scenario_id (NULL: none),
 * letting go of what was followed before. */
void tm_pane_watch_set_portfolio (TmPaneWatch *watch,
                                  TmPortfolio *portfolio,
                                  const char  *scenario_id);
/* Follows the scenario @scenario_id of the portfolio instead. */
void tm_pane_watch_set_scenario  (TmPaneWatch *watch,
                                  const char  *scenario_id);

G_END_DECLS
