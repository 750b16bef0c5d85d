/* tm-view-watch.c
 * What a view of the portfolio follows, and when it catches up.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-view-watch"

#include "config.h"

#include "tm-gui-util.h"
#include "views/tm-view-watch.h"

static void
on_root_changed (TmViewWatch *watch)
{
  /* Rooted, the view's style (its font, presentation mode) may differ. */
  if (watch->portfolio != NULL && gtk_widget_get_root (watch->view) != NULL)
    tm_view_watch_queue (watch);
}

void
tm_view_watch_init (TmViewWatch      *watch,
                    GtkWidget        *view,
                    TmViewWatchFlags  flags,
                    int               priority,
                    TmViewUpdate      update,
                    TmViewUpdate      changed)
{
  *watch = (TmViewWatch) {
    .view = view,
    .flags = flags,
    .priority = priority,
    .update = update,
    .changed = changed,
    .watched = g_ptr_array_new_with_free_func (g_object_unref),
  };
  /* "map" runs after the class's map: the view is mapped by then. */
  g_signal_connect_swapped (view, "map", G_CALLBACK (tm_view_watch_map), watch);
  g_signal_connect_swapped (view, "notify::root", G_CALLBACK (on_root_changed), watch);
}

static gboolean
update_cb (gpointer user_data)
{
  TmViewWatch *watch = user_data;

  watch->source = 0;
  watch->stale = FALSE;
  watch->update (watch->view);
  return G_SOURCE_REMOVE;
}

void
tm_view_watch_queue (TmViewWatch *watch)
{
  if (!gtk_widget_get_mapped (watch->view))
    {
      g_clear_handle_id (&watch->source, g_source_remove);
      watch->stale = TRUE;
      return;
    }
  if (watch->source == 0)
    watch->source = g_idle_add_full (watch->priority, update_cb, watch, NULL);
}

void
tm_view_watch_caught_up (TmViewWatch *watch)
{
  g_clear_handle_id (&watch->source, g_source_remove);
  watch->stale = FALSE;
}

gboolean
tm_view_watch_is_queued (TmViewWatch *watch)
{
  return watch->source != 0 || watch->stale;
}

void
tm_view_watch_map (TmViewWatch *watch)
{
  if (!watch->stale)
    return;
  tm_view_watch_caught_up (watch);
  watch->update (watch->view);
}

static void
on_changed (TmViewWatch *watch)
{
  if (watch->changed != NULL)
    watch->changed (watch->view);
  else
    tm_view_watch_queue (watch);
}

/* Names, and whether a group is unskilled, change what a view shows. */
static void
on_professions_changed (TmViewWatch *watch)
{
  tm_gui_watch_items (watch->watched, tm_portfolio_get_professions (watch->portfolio),
                      G_CALLBACK (on_changed), watch);
  on_changed (watch);
}

static void
disconnect_portfolio (TmViewWatch *watch)
{
  if (watch->portfolio == NULL)
    return;

  tm_gui_unwatch_items (watch->watched, G_CALLBACK (on_changed), watch);
  g_clear_signal_handler (&watch->task_changed_id, watch->portfolio);
  g_clear_signal_handler (&watch->staffing_changed_id, watch->portfolio);
  g_clear_signal_handler (&watch->tasks_changed_id, tm_portfolio_get_tasks (watch->portfolio));
  g_clear_signal_handler (&watch->professions_changed_id,
                          tm_portfolio_get_professions (watch->portfolio));
  g_clear_signal_handler (&watch->scenarios_changed_id, tm_portfolio_get_scenarios (watch->portfolio));
  g_clear_object (&watch->portfolio);
}

static gulong
connect_items (TmViewWatch *watch,
               GListModel  *model,
               GCallback    callback)
{
  return g_signal_connect_swapped (model, "items-changed", callback, watch);
}

gboolean
tm_view_watch_set_portfolio (TmViewWatch *watch,
                             TmPortfolio *portfolio)
{
  if (watch->portfolio == portfolio)
    return FALSE;

  disconnect_portfolio (watch);
  if (portfolio != NULL)
    {
      TmViewWatchFlags flags = watch->flags;

      watch->portfolio = g_object_ref (portfolio);
      watch->task_changed_id = g_signal_connect_swapped (portfolio, "task-changed",
                                                         G_CALLBACK (on_changed), watch);
      if (flags & TM_VIEW_WATCH_STAFFING)
        watch->staffing_changed_id = g_signal_connect_swapped (portfolio, "staffing-changed",
                                                               G_CALLBACK (on_changed), watch);
      if (flags & TM_VIEW_WATCH_TASKS)
        watch->tasks_changed_id = connect_items (watch, tm_portfolio_get_tasks (portfolio),
                                                 G_CALLBACK (on_changed));
      if (flags & TM_VIEW_WATCH_SCENARIOS)
        watch->scenarios_changed_id = connect_items (watch, tm_portfolio_get_scenarios (portfolio),
                                                     G_CALLBACK (on_changed));
      if (flags & TM_VIEW_WATCH_PROFESSIONS)
        {
          watch->professions_changed_id = connect_items (watch, tm_portfolio_get_professions (portfolio),
                                                         G_CALLBACK (on_professions_changed));
          tm_gui_watch_items (watch->watched, tm_portfolio_get_professions (portfolio),
                              G_CALLBACK (on_changed), watch);
        }
    }

  on_changed (watch);
  return TRUE;
}

gboolean
tm_view_watch_set_scenario (TmViewWatch *watch,
                            const char  *scenario_id)
{
  if (g_strcmp0 (watch->scenario_id, scenario_id) == 0)
    return FALSE;

  g_free (watch->scenario_id);
  watch->scenario_id = g_strdup (scenario_id);
  on_changed (watch);
  return TRUE;
}

void
tm_view_watch_clear (TmViewWatch *watch)
{
  tm_view_watch_caught_up (watch);
  disconnect_portfolio (watch);
  g_clear_pointer (&watch->scenario_id, g_free);
  g_clear_pointer (&watch->watched, g_ptr_array_unref);
}
