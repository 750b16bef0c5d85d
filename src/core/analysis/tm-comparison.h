/* tm-comparison.h
 * Scenarios side by side: one column per scenario, the figures in rows (as
 * Gnumeric's scenario summary), so that the window, the report, the
 * spreadsheet and taskmap-tool show the same rows from one place.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analysis/tm-analysis.h"

G_BEGIN_DECLS

/* At most this many scenarios are compared at once in the window. */
#define TM_COMPARISON_MAX_SCENARIOS 4

typedef enum {
  TM_COMPARISON_SECTION,    /* a heading; no values */
  TM_COMPARISON_HOURS,      /* hours per week */
  TM_COMPARISON_FTE,        /* FTE */
  TM_COMPARISON_SHIFTS,     /* shifts per week */
  TM_COMPARISON_SHARE,      /* a share, 0–1 */
  TM_COMPARISON_COUNT,      /* a number of moves */
  TM_COMPARISON_DAYS,       /* days of training */
} TmComparisonKind;

/**
 * TmComparisonRow:
 * @kind: what the values are
 * @label: translated, e.g. "FTE freed"
 * @note: translated, nullable: what a share is a share of, or why it is not known
 * @benchmark: for a share of staffed time that is drawn against the
 *   benchmark, the benchmark's value (0.10 or 0.20); 0 otherwise
 * @values: one per scenario; NAN where not known
 */
typedef struct {
  TmComparisonKind  kind;
  char             *label;
  char             *note;
  double            benchmark;
  double           *values;
} TmComparisonRow;

typedef struct {
  GPtrArray *analyses;        /* of TmAnalysis, one per scenario (owned) */
  GPtrArray *names;           /* of char *: the scenarios' names */
  GPtrArray *rows;            /* of TmComparisonRow */
} TmComparison;

/* Compares @scenario_ids (NULL: every scenario, in the portfolio's order)
 * for @unit (NULL: every task). The labels are in the current language. */
TmComparison *tm_comparison_new          (TmPortfolio        *portfolio,
                                          const char * const *scenario_ids,
                                          const char         *unit);
/* The same comparison of @analyses (of TmAnalysis, consumed: each one
 * scenario's, in the order to compare them), counted already (in steps, by
 * a window: tm_analysis_count_new()). */
TmComparison *tm_comparison_new_for_analyses (TmPortfolio    *portfolio,
                                          GPtrArray          *analyses);
void          tm_comparison_free         (TmComparison       *comparison);
guint         tm_comparison_get_n_scenarios (TmComparison    *comparison);
/* The value of @row in @column as text: "98.5 h", "2.66 FTE", "9.5 %",
 * "12", or "—" where not known. In the current language's number format. */
char         *tm_comparison_format_value (const TmComparisonRow *row,
                                          guint                  column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmComparison, tm_comparison_free)

/* Figures as words, shared by every place that shows the analysis. In the
 * current language (tm_language_format_number()). */
char *tm_format_hours_value   (double hours);    /* "98.5" */
char *tm_format_fte_value     (double fte);      /* "2.66", "28.5", "9": up to two decimals */
char *tm_format_percent_value (double share);    /* "9.5 %" for 0.095 */

/* The answer for one profession in one sentence, e.g. "Registered nurse: 98.5
 * h a week handed over = 2.66 FTE = 9.5 % of their staffed time". Without a
 * staffing, no share of staffed time is named. NULL when it hands nothing
 * over. */
char *tm_analysis_describe_freed    (TmAnalysis                 *analysis,
                                     TmPortfolio                *portfolio,
                                     const TmAnalysisProfession *entry);
/* "To unskilled staff 8.1 % · to other professions 1.4 % · to technology or
 * stopped 0.2 % of staffed time — benchmark about 10 % + 10 %", or, without a
 * staffing, what to enter to get it. */
char *tm_analysis_describe_split    (TmAnalysis                 *analysis,
                                     TmPortfolio                *portfolio,
                                     const TmAnalysisProfession *entry);
/* "The tasks mapped are 14 % of nurse time (142 of 1,036 h a week)"; NULL
 * without a staffing. */
char *tm_analysis_describe_coverage (TmAnalysis                 *analysis,
                                     TmPortfolio                *portfolio,
                                     const TmAnalysisProfession *entry);
/* "= 12.3 shifts of 8 h a week"; NULL without a shift length. */
char *tm_analysis_describe_shifts   (TmAnalysis                 *analysis,
                                     double                      hours);

G_END_DECLS
