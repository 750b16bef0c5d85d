/* tm-report-private.h
 * Test hooks of the committee report, and the date format it shares with
 * the move cards (not installed, not API).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "render/tm-report.h"
#include "render/tm-report-words-private.h"

G_BEGIN_DECLS

/* tm_report_write_pdf_for_scenarios() with the report's date fixed at @now
 * (seconds since 1970 UTC; 0: the current time), so that tests get the same
 * report on any day. */
gboolean _tm_report_write_pdf_scenarios_full (TmPortfolio         *portfolio,
                                              const char * const  *scenario_ids,
                                              const char          *since,
                                              GFile               *file,
                                              gint64               now,
                                              TmProgressFunc       progress,
                                              gpointer             user_data,
                                              GError             **error);
/* The same for tm_report_write_pdf(): one scenario, or NULL for the default ones. */
gboolean _tm_report_write_pdf_full (TmPortfolio    *portfolio,
                                    const char     *scenario_id,
                                    const char     *since,
                                    GFile          *file,
                                    gint64          now,
                                    TmProgressFunc  progress,
                                    gpointer        user_data,
                                    GError        **error);

/* Lays the report out as tm_report_write_pdf_for_scenarios() would, without
 * writing anything: the number of pages and the page the appendix starts on
 * (the pages before it are the summary and the entries a committee reads).
 * Fails only for a scenario that does not exist or a wrong @since. */
gboolean _tm_report_count_pages (TmPortfolio         *portfolio,
                                 const char * const  *scenario_ids,
                                 const char          *since,
                                 gint64               now,
                                 guint               *n_pages,
                                 guint               *appendix_page,
                                 GError             **error);

/* The scenario ids the report of @scenario_ids covers (NULL: the default
 * ones); NULL when one does not exist. Free with g_strfreev(). */
GStrv     _tm_report_dup_covered  (TmPortfolio         *portfolio,
                                   const char * const  *scenario_ids);

G_END_DECLS
