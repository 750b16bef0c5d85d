/* tm-report.h
 * The committee report: a PDF for the MED committee (Denmark) or AMU and
 * union representatives (Norway), readable printed in black and white.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "tm-portfolio.h"
#include "tm-merge.h"

G_BEGIN_DECLS

/* Writes the committee report of @scenario_id (NULL: the first scenario) to
 * @file as an A4 PDF with page numbers, in the portfolio's language
 * (tm_country_get_language()), drawn with cairo and pango:
 *
 *  - cover: unit, organisation, date of the report, scenario, and how many
 *    moves stand at each status;
 *  - summary: the hours that move per profession against the benchmark, and
 *    the training each receiving profession needs;
 *  - the task × profession matrix and the capacity and flow charts;
 *  - the workshops: date, facilitator, participants by profession, decisions;
 *  - each move: task, from → to, suitability and complexity limit, purpose
 *    and rationale, the checklist, the quality grid, barriers, risk, status
 *    and its history;
 *  - open concerns (checklist items answered "concern", items not yet
 *    considered on approved moves, high risks);
 *  - the changes since @since ("YYYY-MM-DD"; NULL: since the committee's
 *    last meeting, tm_portfolio_get_last_committee_meeting(), or all when
 *    none is given).
 *
 * The file is written beside @file and renamed over it, so a failure leaves
 * @file as it was. @progress (nullable) is called as pages are done.
 * Errors: TM_EXPORT_ERROR (tm-draw.h), translated and naming the file. */
gboolean tm_report_write_pdf (TmPortfolio    *portfolio,
                              const char     *scenario_id,
                              const char     *since,
                              GFile          *file,
                              TmProgressFunc  progress,
                              gpointer        user_data,
                              GError        **error);

G_END_DECLS
