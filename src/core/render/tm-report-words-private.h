/* tm-report-words-private.h
 * Dates as the report and the move card write them.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "model/tm-review.h"

G_BEGIN_DECLS

/* A date ("YYYY-MM-DD") as the report writes it, in the current (pushed)
 * language, e.g. "24 March 2026"; NULL for an invalid date. */
char     *_tm_report_format_date   (const char     *date);
/* The local day of @when (seconds since 1970 UTC) written the same way. */
char     *_tm_report_format_day    (gint64          when);

/* The report's other words: hours, shares, times and texts. */
char *_tm_report_format_date_dt (GDateTime *date);
char *_tm_report_format_hours (double hours);
char *_tm_report_format_percent (double share);
char *_tm_report_format_time (gint64 when);
gboolean _tm_report_is_approved (TmMoveStatus status);
gboolean _tm_report_is_blank (const char *text);
const char *_tm_report_or_empty (const char *text);
gboolean _tm_report_parse_date (const char *date,
                                int        *year,
                                int        *month,
                                int        *day);

G_END_DECLS
