/* tm-report-private.h
 * Test hooks of the committee report (not installed, not API).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-report.h"

G_BEGIN_DECLS

/* tm_report_write_pdf() with the report's date fixed at @now (seconds since
 * 1970 UTC; 0: the current time), so that tests get the same report on any
 * day. */
gboolean _tm_report_write_pdf_full (TmPortfolio    *portfolio,
                                    const char     *scenario_id,
                                    const char     *since,
                                    GFile          *file,
                                    gint64          now,
                                    TmProgressFunc  progress,
                                    gpointer        user_data,
                                    GError        **error);

/* A date ("YYYY-MM-DD") as the report writes it, in the current (pushed)
 * language, e.g. "24 March 2026"; NULL for an invalid date. */
char     *_tm_report_format_date   (const char     *date);

G_END_DECLS
