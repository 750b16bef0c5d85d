/* tm-view-count.c
 * A view's analyses counted in steps.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-view-count"

#include "config.h"

#include "views/tm-view-count.h"

/* What a view may take at once: a unit's analysis (10,000 tasks with moves
 * take some 15 ms) never waits for a later frame. */
#define AT_ONCE_US (30 * 1000)
/* Each later step, from an idle below the redraw's priority. Between two,
 * the window draws the page (dimmed); other work of the same priority (the
 * summary bar's count, the group filter's) can run in the same turn of the
 * main loop, so each keeps to a part of the 100 ms a frame may wait. */
#define STEP_US    (15 * 1000)

void
tm_view_count_init (TmViewCount   *count,
                    GtkWidget     *view,
                    TmViewCounted  counted)
{
  count->view = view;
  count->counted = counted;
  count->at_once_us = AT_ONCE_US;
  count->step_us = STEP_US;
}

static void
set_counting (TmViewCount *count,
              gboolean     counting)
{
  if (counting)
    gtk_widget_add_css_class (count->view, "counting");
  else
    gtk_widget_remove_css_class (count->view, "counting");
  gtk_accessible_update_state (GTK_ACCESSIBLE (count->view), GTK_ACCESSIBLE_STATE_BUSY, counting, -1);
}

void
tm_view_count_stop (TmViewCount *count)
{
  g_clear_handle_id (&count->source, g_source_remove);
  g_clear_pointer (&count->counts, g_ptr_array_unref);
  g_clear_pointer (&count->analyses, g_ptr_array_unref);
}

void
tm_view_count_clear (TmViewCount *count)
{
  tm_view_count_stop (count);
  if (count->view != NULL)
    set_counting (count, FALSE);
}

gboolean
tm_view_count_is_counting (TmViewCount *count)
{
  return count->counts != NULL;
}

/* Counts until @deadline; TRUE once all are counted. */
static gboolean
count_until (TmViewCount *count,
             gint64       deadline)
{
  while (count->analyses->len < count->counts->len)
    {
      TmAnalysisCount *next = g_ptr_array_index (count->counts, count->analyses->len);

      if (!tm_analysis_count_step (next, deadline))
        return FALSE;
      /* Finishing frees the count: its slot is emptied first. */
      count->counts->pdata[count->analyses->len] = NULL;
      g_ptr_array_add (count->analyses, tm_analysis_count_finish (next));
      if (count->analyses->len < count->counts->len && g_get_monotonic_time () >= deadline)
        return FALSE;
    }
  return TRUE;
}

/* Hands the analyses over to the view. */
static void
counted (TmViewCount *count)
{
  g_autoptr(GPtrArray) analyses = g_steal_pointer (&count->analyses);

  g_clear_pointer (&count->counts, g_ptr_array_unref);
  set_counting (count, FALSE);
  count->counted (count->view, g_steal_pointer (&analyses));
}

static gboolean
step_cb (gpointer user_data)
{
  TmViewCount *count = user_data;

  if (!count_until (count, g_get_monotonic_time () + count->step_us))
    return G_SOURCE_CONTINUE;
  count->source = 0;
  counted (count);
  return G_SOURCE_REMOVE;
}

void
tm_view_count_start (TmViewCount        *count,
                     TmPortfolio        *portfolio,
                     const char * const *scenario_ids,
                     guint               n)
{
  g_return_if_fail (TM_IS_PORTFOLIO (portfolio));

  tm_view_count_stop (count);
  count->counts = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_analysis_count_free);
  count->analyses = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_analysis_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (count->counts, tm_analysis_count_new (portfolio, scenario_ids[i], NULL));

  if (count_until (count, g_get_monotonic_time () + count->at_once_us))
    {
      counted (count);
      return;
    }
  set_counting (count, TRUE);
  count->source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_cb, count, NULL);
}
