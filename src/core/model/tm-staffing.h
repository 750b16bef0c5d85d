/* tm-staffing.h
 * The staffing of a unit: each profession's FTE and the weekly hours of one
 * FTE, and the length of a shift. What the shares of the analysis are shares of.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-types.h"

G_BEGIN_DECLS

/* Limits of what Taskmap accepts (the window, the CLI and imported files). A
 * unit of more than 5,000 FTE is a typing error, not a ward; a full-time
 * week outside 15–60 hours is no agreement in Denmark or Norway. */
#define TM_STAFFING_MAX_FTE            5000.0
#define TM_STAFFING_MIN_HOURS_PER_FTE    15.0
#define TM_STAFFING_MAX_HOURS_PER_FTE    60.0
#define TM_STAFFING_MIN_SHIFT_HOURS       1.0
#define TM_STAFFING_MAX_SHIFT_HOURS      24.0

/**
 * TmStaffingEntry:
 * @profession_id: the profession
 * @fte: its staffing in FTE (årsværk / årsverk), decimals allowed; -1 when
 *   not known
 * @hours_per_fte: the weekly hours of one FTE of this profession in this
 *   unit; -1 when not given, and then the country's full-time week applies
 *   (tm_country_get_hours_per_fte())
 *
 * -1 is the only "not known": any other value outside the limits is refused.
 */
typedef struct {
  char   *profession_id;
  double  fte;
  double  hours_per_fte;
} TmStaffingEntry;

/**
 * TmStaffing:
 * @unit: "" for the portfolio's own unit, or the name of a unit of a
 *   regional portfolio (as tm_task_get_unit() gives it)
 * @shift_hours: the length of one shift in hours, -1 when not given; where
 *   given, hours a week are also shown as shifts a week
 * @entries: of TmStaffingEntry, in the order they were entered; a profession
 *   appears at most once
 *
 * Plain data: copy it with tm_staffing_copy(), change it, and store it with
 * tm_portfolio_set_staffing().
 */
typedef struct {
  char   *unit;
  double  shift_hours;
  GArray *entries;
} TmStaffing;

TmStaffing *tm_staffing_new          (const char       *unit);
TmStaffing *tm_staffing_copy         (const TmStaffing *staffing);
void        tm_staffing_free         (TmStaffing       *staffing);
gboolean    tm_staffing_equal        (const TmStaffing *a,
                                      const TmStaffing *b);
/* TRUE when nothing is given: no shift length and no entry. */
gboolean    tm_staffing_is_empty     (const TmStaffing *staffing);
/* The entry of @profession_id, or NULL. */
const TmStaffingEntry *
            tm_staffing_lookup       (const TmStaffing *staffing,
                                      const char       *profession_id);
/* Sets (or with both values -1 removes) the entry of @profession_id. */
void        tm_staffing_set          (TmStaffing       *staffing,
                                      const char       *profession_id,
                                      double            fte,
                                      double            hours_per_fte);
/* Checks every value against the limits above; the message names the field
 * (and @profession_name when given, for an entry's values). */
gboolean    tm_staffing_validate     (const TmStaffing *staffing,
                                      GError          **error);
gboolean    tm_staffing_check_fte    (double            fte,
                                      const char       *profession_name,
                                      GError          **error);
gboolean    tm_staffing_check_hours_per_fte (double     hours,
                                      const char       *profession_name,
                                      GError          **error);
gboolean    tm_staffing_check_shift_hours (double       hours,
                                      GError          **error);

/* The full-time week of @country: 37 hours in Denmark, 37.5 (day work) in Norway. */
double      tm_country_get_hours_per_fte (TmCountry     country);
/* The full-time weeks offered as choices: Denmark 37; Norway 37.5 (day work),
 * 35.5 (two-shift rota), 33.6 (three-shift rota). */
const double *tm_country_get_hours_per_fte_choices (TmCountry  country,
                                      guint            *n_choices);
/* Translated, e.g. "Two-shift rota (35.5 h)"; in the current language's number format. */
char       *tm_hours_per_fte_choice_dup_label (TmCountry country,
                                      double            hours);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmStaffing, tm_staffing_free)

G_END_DECLS
