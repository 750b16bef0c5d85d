/* tm-pane-watch.h
 * What the assessment pane and the review pane follow of their portfolio:
 * its tasks changing and the name of the scenario they show.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tm-portfolio.h"
#include "tm-text-store.h"

G_BEGIN_DECLS

/* Kept in the pane's struct; set up once with tm_pane_watch_init(). */
typedef struct {
  TmPortfolio *portfolio;           /* owned, or NULL */
  char        *scenario_id;         /* owned: as given, NULL for none; freed by the pane */
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
/* Follows @portfolio (NULL: nothing) and in it the scenario shown,
 * letting go of what was followed before. */
void     tm_pane_watch_set_portfolio (TmPaneWatch *watch,
                                      TmPortfolio *portfolio);
/* Shows the scenario @scenario_id (NULL: none) instead. What was typed
 * belongs to the scenario shown before: it is stored first through
 * @text_store, and the next edit is an undo step of its own. FALSE, and
 * nothing done, when it is shown already. */
gboolean tm_pane_watch_set_scenario  (TmPaneWatch *watch,
                                      TmTextStore *text_store,
                                      const char  *scenario_id);

G_END_DECLS
