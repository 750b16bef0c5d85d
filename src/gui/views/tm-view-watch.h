/* tm-view-watch.h
 * What a view of the portfolio follows, and when it catches up: the chart
 * view, the matrix, the board of moves and the scenario summary.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* Which of the portfolio's changes the view follows, besides "task-changed". */
typedef enum {
  TM_VIEW_WATCH_TASKS       = 1 << 0,  /* tasks added or removed */
  TM_VIEW_WATCH_STAFFING    = 1 << 1,  /* "staffing-changed" */
  TM_VIEW_WATCH_PROFESSIONS = 1 << 2,  /* professions added or removed, renamed, their group */
  TM_VIEW_WATCH_SCENARIOS   = 1 << 3,  /* scenarios added or removed */
} TmViewWatchFlags;

typedef void (*TmViewUpdate) (gpointer view);

/* Kept in the view's struct; set up once with tm_view_watch_init(). A
 * change while the view is shown is caught up from an idle, once for all
 * the changes of a main loop turn (an import, an undo); while it is hidden
 * (each view is one page of several) it is only marked, and caught up when
 * the view is mapped again (and when it is rooted: its style may differ
 * there): at 100,000 tasks an analysis or a layout takes
 * 40–200 ms, which an edit elsewhere should not pay for a page nobody sees. */
typedef struct {
  GtkWidget        *view;         /* not owned */
  TmPortfolio      *portfolio;    /* owned, or NULL */
  char             *scenario_id;  /* as given; NULL: the first scenario */
  TmViewWatchFlags  flags;
  int               priority;     /* of the idle */
  TmViewUpdate      update;       /* catches the view up */
  TmViewUpdate      changed;      /* nullable: the view's own word on a change, which queues */
  guint             source;
  gboolean          stale;        /* to catch up once shown */
  GPtrArray        *watched;      /* of TmProfession whose notify is followed */
  gulong            task_changed_id;
  gulong            tasks_changed_id;
  gulong            staffing_changed_id;
  gulong            professions_changed_id;
  gulong            scenarios_changed_id;
} TmViewWatch;

void     tm_view_watch_init          (TmViewWatch      *watch,
                                      GtkWidget        *view,
                                      TmViewWatchFlags  flags,
                                      int               priority,
                                      TmViewUpdate      update,
                                      TmViewUpdate      changed);
/* In the view's dispose: stops following and drops what is queued. */
void     tm_view_watch_clear         (TmViewWatch      *watch);
/* Follows @portfolio (NULL: nothing), letting go of the one before, and
 * queues. FALSE, and nothing done, when it is the one followed already. */
gboolean tm_view_watch_set_portfolio (TmViewWatch      *watch,
                                      TmPortfolio      *portfolio);
/* Shows @scenario_id (NULL: the first scenario) and queues. FALSE, and
 * nothing done, when it is shown already. */
gboolean tm_view_watch_set_scenario  (TmViewWatch      *watch,
                                      const char       *scenario_id);
/* Catches up soon when shown, once mapped when hidden. */
void     tm_view_watch_queue         (TmViewWatch      *watch);
/* Says the view is caught up, as its update does: nothing stays queued. */
void     tm_view_watch_caught_up     (TmViewWatch      *watch);
/* Whether a change waits to be caught up (queued, or marked while hidden). */
gboolean tm_view_watch_is_queued     (TmViewWatch      *watch);
/* Catches up if it was marked: done when the view is mapped. */
void     tm_view_watch_map           (TmViewWatch      *watch);

G_END_DECLS
