/* tm-report.h
 * The committee report: a PDF for the MED committee (Denmark) or AMU and
 * union representatives (Norway), readable printed in black and white.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/tm-portfolio.h"
#include "exchange/tm-merge.h"

G_BEGIN_DECLS

/* The scenarios a report covers when none are chosen: every scenario with a
 * move that is no longer proposed (agreed, approved, piloted, implemented,
 * evaluated, rejected or paused), in the portfolio's order; when no scenario
 * has one, the first scenario. Free with g_strfreev(). */
GStrv    tm_report_dup_default_scenarios   (TmPortfolio         *portfolio);

/* Writes the committee report of @scenario_ids (NULL-terminated; NULL or
 * empty: tm_report_dup_default_scenarios()) to @file as an A4 PDF with page
 * numbers, contents and an outline, in the portfolio's language
 * (tm_portfolio_get_language()), drawn with cairo and pango. A committee
 * reads it front to back:
 *
 *  - the front page and a summary of a page or two: the unit and its
 *    staffing; what each scenario frees in hours, FTE and shares of staffed
 *    time (where the staffing is known); the moves by status; what is asked
 *    of the committee now (the moves agreed in a workshop that await its
 *    approval); open concerns; and what changed since @since;
 *  - one compact entry per move, by scenario and grouped by status: the
 *    content of its card (tm-move-card.h) and its notes in full;
 *  - an appendix: each assessment in full (warnings, checklist, quality
 *    grid, barriers, risk, follow-up, status history), the workshops, and
 *    every recorded change since @since.
 *
 * @since is "YYYY-MM-DD"; NULL: the committee's last meeting
 * (tm_portfolio_get_last_committee_meeting()), or every change when none is
 * given; "": every change.
 *
 * The file is written beside @file and renamed over it (tm-atomic.h), so a
 * failure leaves @file as it was. @progress (nullable) is called as the
 * report is laid out and drawn. Writing switches gettext's language
 * (tm_language_push()), so call it on the main thread and do not let
 * widgets draw meanwhile. Errors: TM_EXPORT_ERROR (tm-draw.h), translated
 * and naming the file, or TM_ATOMIC_ERROR. */
gboolean tm_report_write_pdf_for_scenarios (TmPortfolio         *portfolio,
                                            const char * const  *scenario_ids,
                                            const char          *since,
                                            GFile               *file,
                                            TmProgressFunc       progress,
                                            gpointer             user_data,
                                            GError             **error);

/* The same for one scenario: @scenario_id, or with NULL the scenarios of
 * tm_report_dup_default_scenarios(). */
gboolean tm_report_write_pdf               (TmPortfolio         *portfolio,
                                            const char          *scenario_id,
                                            const char          *since,
                                            GFile               *file,
                                            TmProgressFunc       progress,
                                            gpointer             user_data,
                                            GError             **error);

G_END_DECLS
