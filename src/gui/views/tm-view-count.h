/* tm-view-count.h
 * A view's analyses counted in steps: at once when that is quick, else
 * between frames while the view shows its previous figures, dimmed.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "analysis/tm-analysis.h"
#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* Called with the analyses (of TmAnalysis, in the order asked for; the
 * view takes them) once all are counted: from tm_view_count_start() itself
 * when they took less than the first try's budget, else from an idle. */
typedef void (*TmViewCounted) (gpointer   view,
                               GPtrArray *analyses);

/* Kept in the view's struct; set up once with tm_view_count_init(). While
 * it counts, the view has the style class "counting" (dimmed, style.css) and
 * is busy for assistive technologies. At 100,000 tasks with moves, one
 * scenario's analysis takes some 140 ms and a comparison of four four times
 * that: counted at once, the window would not draw meanwhile. */
typedef struct {
  GtkWidget     *view;        /* not owned */
  TmViewCounted  counted;
  GPtrArray     *counts;      /* of TmAnalysisCount, while counting */
  GPtrArray     *analyses;    /* of TmAnalysis: those counted so far */
  guint          source;
  gint64         at_once_us;  /* the first try's budget; tests: 0 */
  gint64         step_us;     /* each later step's */
} TmViewCount;

void     tm_view_count_init     (TmViewCount        *count,
                                 GtkWidget          *view,
                                 TmViewCounted       counted);
/* Counts the analyses of @n scenarios (@scenario_ids[i] NULL: today's, no
 * moves) of @portfolio's tasks, dropping a count under way. */
void     tm_view_count_start    (TmViewCount        *count,
                                 TmPortfolio        *portfolio,
                                 const char * const *scenario_ids,
                                 guint               n);
/* Drops a count under way: the portfolio changed under it. The view stays
 * dimmed until the next count is in; tm_view_count_clear() undims it. */
void     tm_view_count_stop     (TmViewCount        *count);
void     tm_view_count_clear    (TmViewCount        *count);
gboolean tm_view_count_is_counting (TmViewCount     *count);

G_END_DECLS
