/* tm-xlsx.h
 * The portfolio as an Excel workbook: catalogue, matrix and summary sheets.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* FALSE when this build has no libxlsxwriter: the UI hides the XLSX export
 * and tm_xlsx_export() fails with TM_EXPORT_ERROR_FAILED. */
gboolean tm_xlsx_is_supported (void);

/* Writes @portfolio to @file (a local file) as an XLSX workbook with three
 * sheets, in the portfolio's language (tm_country_get_language()):
 *
 *  1. the catalogue: one row per task with its fields; hours per week as a
 *     number, an empty cell (never 0) when the task is not estimated;
 *  2. the task × profession matrix of @scenario_id (NULL: the first
 *     scenario): the suitability of each assessment, the professions that
 *     perform the task today, and the scenario's move with its share;
 *  3. the summary of the scenario (tm_analysis_compute()): hours per
 *     profession today and after, where the moved hours go, the training the
 *     receiving professions need, and the tasks not estimated, by name.
 *
 * The workbook is written beside @file and renamed over it, so a failure
 * leaves @file as it was and no partial file behind. The same portfolio
 * gives the same bytes: the document's date is the portfolio file's last
 * change (SOURCE_DATE_EPOCH when set; a fixed date for an in-memory
 * portfolio), not the time of the export.
 *
 * Errors: TM_EXPORT_ERROR (tm-draw.h), translated and naming the file. */
gboolean tm_xlsx_export       (TmPortfolio  *portfolio,
                               const char   *scenario_id,
                               GFile        *file,
                               GError      **error);

/* A sheet name Excel accepts, made from @wanted (a translation, say): at most
 * 31 characters, none of [ ] : * ? / \ (each becomes "-"), no apostrophe or
 * space at either end, @fallback when nothing is left, and different,
 * regardless of case, from the names in @taken (NULL-terminated, nullable)
 * by a number: "Matrix 2". */
char    *tm_xlsx_make_sheet_name (const char         *wanted,
                                  const char         *fallback,
                                  const char * const *taken);

G_END_DECLS
