/* tm-comparison.c
 * Scenarios side by side, and the analysis's figures as words.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-comparison"

#include "config.h"

#include <math.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "analysis/tm-comparison.h"
#include "model/tm-language.h"

/* Figures as words */

char *
tm_format_hours_value (double hours)
{
  return tm_language_format_number (hours, 1);
}

char *
tm_format_fte_value (double fte)
{
  char *text = tm_language_format_number (fte, 2);
  gsize n = strlen (text);

  /* "28.5", "9", "2.41": as a manager writes FTE. */
  while (n > 0 && text[n - 1] == '0' && (strchr (text, '.') || strchr (text, ',')))
    text[--n] = '\0';
  if (n > 0 && (text[n - 1] == '.' || text[n - 1] == ','))
    text[--n] = '\0';
  return text;
}

/* A benchmark share, "10 %". */
static char *
format_benchmark (double share)
{
  g_autofree char *number = tm_language_format_number (share * 100, 0);

  return g_strdup_printf (_("%s %%"), number);
}

char *
tm_format_percent_value (double share)
{
  g_autofree char *number = tm_language_format_number (share * 100, 1);

  /* Translators: a percentage, e.g. "9.5 %"; use your language's spacing */
  return g_strdup_printf (_("%s %%"), number);
}

static const char *
profession_name (TmPortfolio *portfolio,
                 const char  *id)
{
  TmProfession *profession = tm_portfolio_lookup_profession (portfolio, id);

  if (id == NULL)
    return _("No performer recorded");
  return profession ? tm_profession_get_display_name (profession) : id;
}

char *
tm_analysis_describe_freed (TmAnalysis                 *analysis,
                            TmPortfolio                *portfolio,
                            const TmAnalysisProfession *entry)
{
  g_autofree char *hours = NULL;
  g_autofree char *fte = NULL;

  g_return_val_if_fail (analysis != NULL && entry != NULL, NULL);

  if (entry->moved_out <= 0)
    return NULL;

  hours = tm_format_hours_value (entry->moved_out);
  fte = tm_format_fte_value (entry->fte_freed);
  if (tm_analysis_profession_has_staffing (entry))
    {
      g_autofree char *share = tm_format_percent_value (tm_analysis_profession_moved_share (entry));

      /* Translators: a profession, hours a week, FTE, and a share of the profession's
       * staffed working time; FTE is årsværk (da) / årsverk (nb) */
      return g_strdup_printf (_("%s: %s hours a week handed over = %s FTE = %s of their staffed time"),
                              profession_name (portfolio, entry->profession_id), hours, fte, share);
    }
  /* Translators: a profession, hours a week and FTE; FTE is årsværk (da) / årsverk (nb) */
  return g_strdup_printf (_("%s: %s hours a week handed over = %s FTE"),
                          profession_name (portfolio, entry->profession_id), hours, fte);
}

char *
tm_analysis_describe_split (TmAnalysis                 *analysis,
                            TmPortfolio                *portfolio,
                            const TmAnalysisProfession *entry)
{
  g_autofree char *unskilled = NULL;
  g_autofree char *professions = NULL;
  g_autofree char *technology = NULL;
  g_autofree char *bench = NULL;

  g_return_val_if_fail (analysis != NULL && entry != NULL, NULL);

  if (!tm_analysis_profession_has_staffing (entry))
    /* Translators: %s is a profession */
    return g_strdup_printf (_("Enter the staffing of %s (main menu → Professions and Staffing) to see this "
                              "as a share of their working time and to compare it with the benchmark."),
                            profession_name (portfolio, entry->profession_id));

  unskilled = tm_format_percent_value (tm_analysis_profession_share_of (entry, entry->out_to_unskilled));
  professions = tm_format_percent_value (tm_analysis_profession_share_of (entry, entry->out_to_professions));
  technology = tm_format_percent_value (tm_analysis_profession_share_of (entry,
                                                                         entry->out_to_technology_or_stopped));
  bench = format_benchmark (TM_BENCHMARK_TO_UNSKILLED);
  /* Translators: three shares of a profession's staffed working time, then the
   * benchmark (a share, e.g. "10 %") that applies to the first and to the second */
  return g_strdup_printf (_("To unskilled staff %s · to other professions %s · to technology or stopped %s "
                            "of staffed time — benchmark for hospital wards: about %s + %s"),
                          unskilled, professions, technology, bench, bench);
}

char *
tm_analysis_describe_coverage (TmAnalysis                 *analysis,
                               TmPortfolio                *portfolio,
                               const TmAnalysisProfession *entry)
{
  g_autofree char *share = NULL;
  g_autofree char *mapped = NULL;
  g_autofree char *staffed = NULL;

  g_return_val_if_fail (analysis != NULL && entry != NULL, NULL);

  if (!tm_analysis_profession_has_staffing (entry))
    return NULL;

  share = tm_format_percent_value (tm_analysis_profession_coverage (entry));
  mapped = tm_format_hours_value (entry->hours_today);
  staffed = tm_format_hours_value (entry->staffed_hours);
  /* Translators: a share, a profession, and two numbers of hours a week: "The tasks
   * mapped are 14 % of the time of Registered nurse (142 of 1036 hours a week)" */
  return g_strdup_printf (_("The tasks mapped are %s of the time of %s (%s of %s staffed hours a week)."),
                          share, profession_name (portfolio, entry->profession_id), mapped, staffed);
}

char *
tm_analysis_describe_shifts (TmAnalysis *analysis,
                             double      hours)
{
  g_autofree char *shifts = NULL;
  g_autofree char *length = NULL;
  double n;

  g_return_val_if_fail (analysis != NULL, NULL);

  n = tm_analysis_hours_to_shifts (analysis, hours);
  if (n < 0)
    return NULL;
  shifts = tm_language_format_number (n, 1);
  length = tm_language_format_number (analysis->shift_hours,
                                      analysis->shift_hours == floor (analysis->shift_hours) ? 0 : 1);
  /* Translators: a number of shifts a week, and the length of a shift in hours */
  return g_strdup_printf (_("= %s shifts of %s hours a week"), shifts, length);
}

/* The comparison */

static void
row_free (TmComparisonRow *row)
{
  g_free (row->label);
  g_free (row->note);
  g_free (row->values);
  g_free (row);
}

static TmComparisonRow *
add_row (TmComparison     *c,
         TmComparisonKind  kind,
         char             *label)
{
  TmComparisonRow *row = g_new0 (TmComparisonRow, 1);

  row->kind = kind;
  row->label = label;
  row->values = g_new (double, MAX (c->analyses->len, 1));
  for (guint i = 0; i < c->analyses->len; i++)
    row->values[i] = NAN;
  g_ptr_array_add (c->rows, row);
  return row;
}

static TmAnalysis *
analysis_at (TmComparison *c,
             guint         i)
{
  return g_ptr_array_index (c->analyses, i);
}

/* The professions that hand over (@in FALSE) or take over (@in TRUE) in any
 * of the scenarios, in the portfolio's order, tasks without a performer last. */
static GPtrArray *
professions_involved (TmComparison *c,
                      TmPortfolio  *portfolio,
                      gboolean      in)
{
  GPtrArray *ids = g_ptr_array_new ();
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  gboolean no_performer = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);
      const char *id = tm_profession_get_id (profession);

      for (guint s = 0; s < c->analyses->len; s++)
        {
          const TmAnalysisProfession *p = tm_analysis_get_profession (analysis_at (c, s), id);

          if (p != NULL && (in ? p->moved_in : p->moved_out) > 0)
            {
              /* Borrowed from the portfolio, which outlives the comparison's building. */
              g_ptr_array_add (ids, (gpointer) id);
              break;
            }
        }
    }

  for (guint s = 0; s < c->analyses->len && !in; s++)
    {
      const TmAnalysisProfession *p = tm_analysis_get_profession (analysis_at (c, s), NULL);

      no_performer = no_performer || (p != NULL && p->moved_out > 0);
    }
  if (no_performer)
    g_ptr_array_add (ids, NULL);
  return ids;
}

static gboolean
any_shift (TmComparison *c)
{
  for (guint s = 0; s < c->analyses->len; s++)
    if (analysis_at (c, s)->shift_hours > 0)
      return TRUE;
  return FALSE;
}

static char *
staffing_note (const TmAnalysisProfession *p)
{
  g_autofree char *fte = NULL;
  g_autofree char *hours = NULL;

  if (p == NULL || p->fte < 0)
    return g_strdup (_("staffing not entered"));
  fte = tm_format_fte_value (p->fte);
  hours = tm_language_format_number (p->hours_per_fte, p->hours_per_fte == floor (p->hours_per_fte) ? 0 : 1);
  /* Translators: a staffing today: FTE × the weekly hours of one FTE, e.g. "28 FTE × 37 h" */
  return g_strdup_printf (_("today %s FTE × %s h"), fte, hours);
}

static const TmAnalysisProfession *
first_entry (TmComparison *c,
             const char   *id)
{
  for (guint s = 0; s < c->analyses->len; s++)
    {
      const TmAnalysisProfession *p = tm_analysis_get_profession (analysis_at (c, s), id);

      if (p != NULL)
        return p;
    }
  return NULL;
}

static void
add_giver_rows (TmComparison *c,
                TmPortfolio  *portfolio,
                const char   *id,
                gboolean      shifts)
{
  const TmAnalysisProfession *first = first_entry (c, id);
  gboolean staffed = first != NULL && tm_analysis_profession_has_staffing (first);
  gboolean nurses = g_strcmp0 (id, "nurse") == 0;
  g_autofree char *note = staffing_note (first);
  TmComparisonRow *hours, *fte, *shift = NULL, *share, *unskilled = NULL, *others = NULL, *tech = NULL;

  /* Translators: a section of the comparison: a profession and its staffing today,
   * e.g. "Handed over by Registered nurse (today 28 FTE × 37 h)" */
  add_row (c, TM_COMPARISON_SECTION, g_strdup_printf (_("Handed over by %s (%s)"), profession_name (portfolio, id), note));
  hours = add_row (c, TM_COMPARISON_HOURS, g_strdup (_("Hours a week handed over")));
  fte = add_row (c, TM_COMPARISON_FTE, g_strdup (_("FTE freed")));
  if (shifts)
    shift = add_row (c, TM_COMPARISON_SHIFTS, g_strdup (_("Shifts a week freed")));
  if (staffed && nurses)
    {
      g_autofree char *both = format_benchmark (TM_BENCHMARK_TO_UNSKILLED + TM_BENCHMARK_TO_PROFESSIONS);
      g_autofree char *one = format_benchmark (TM_BENCHMARK_TO_UNSKILLED);

      /* Translators: %s is the benchmark, e.g. "20 %" */
      share = add_row (c, TM_COMPARISON_SHARE, g_strdup_printf (_("Share of staffed time handed over "
                                                                  "(benchmark about %s)"), both));
      share->benchmark = TM_BENCHMARK_TO_UNSKILLED + TM_BENCHMARK_TO_PROFESSIONS;
      /* Translators: %s is the benchmark, e.g. "10 %" */
      unskilled = add_row (c, TM_COMPARISON_SHARE, g_strdup_printf (_("… to unskilled staff (benchmark about %s)"), one));
      unskilled->benchmark = TM_BENCHMARK_TO_UNSKILLED;
      /* Translators: %s is the benchmark, e.g. "10 %" */
      others = add_row (c, TM_COMPARISON_SHARE, g_strdup_printf (_("… to other professions (benchmark about %s)"), one));
      others->benchmark = TM_BENCHMARK_TO_PROFESSIONS;
      tech = add_row (c, TM_COMPARISON_SHARE, g_strdup (_("… to technology or stopped")));
    }
  else if (staffed)
    share = add_row (c, TM_COMPARISON_SHARE, g_strdup (_("Share of staffed time handed over")));
  else
    {
      share = add_row (c, TM_COMPARISON_SHARE, g_strdup (_("Share of the catalogued hours handed over")));
      share->note = g_strdup (_("Staffing not entered: a share of the tasks mapped, not of working "
                                "time, and not comparable with the benchmark."));
    }

  for (guint s = 0; s < c->analyses->len; s++)
    {
      TmAnalysis *a = analysis_at (c, s);
      const TmAnalysisProfession *p = tm_analysis_get_profession (a, id);

      hours->values[s] = p ? p->moved_out : 0;
      fte->values[s] = p ? p->fte_freed : 0;
      if (shift != NULL)
        shift->values[s] = a->shift_hours > 0 ? (p ? p->moved_out : 0) / a->shift_hours : NAN;
      share->values[s] = p ? tm_analysis_profession_moved_share (p) : 0;
      if (unskilled != NULL)
        {
          unskilled->values[s] = p ? tm_analysis_profession_share_of (p, p->out_to_unskilled) : 0;
          others->values[s] = p ? tm_analysis_profession_share_of (p, p->out_to_professions) : 0;
          tech->values[s] = p ? tm_analysis_profession_share_of (p, p->out_to_technology_or_stopped) : 0;
        }
    }
}

static void
add_receiver_rows (TmComparison *c,
                   TmPortfolio  *portfolio,
                   const char   *id,
                   gboolean      shifts)
{
  const TmAnalysisProfession *first = first_entry (c, id);
  g_autofree char *note = staffing_note (first);
  TmComparisonRow *hours, *fte, *shift = NULL, *after = NULL;

  /* Translators: a section of the comparison: a profession and its staffing today,
   * e.g. "Taken over by Ward runner (today 0 FTE × 37 h)" */
  add_row (c, TM_COMPARISON_SECTION, g_strdup_printf (_("Taken over by %s (%s)"), profession_name (portfolio, id), note));
  hours = add_row (c, TM_COMPARISON_HOURS, g_strdup (_("Hours a week taken over")));
  fte = add_row (c, TM_COMPARISON_FTE, g_strdup (_("FTE needed")));
  if (shifts)
    shift = add_row (c, TM_COMPARISON_SHIFTS, g_strdup (_("Shifts a week needed")));
  if (first != NULL && first->fte >= 0)
    after = add_row (c, TM_COMPARISON_FTE, g_strdup (_("FTE staffed after the scenario")));

  for (guint s = 0; s < c->analyses->len; s++)
    {
      TmAnalysis *a = analysis_at (c, s);
      const TmAnalysisProfession *p = tm_analysis_get_profession (a, id);

      hours->values[s] = p ? p->moved_in : 0;
      fte->values[s] = p ? p->fte_needed : 0;
      if (shift != NULL)
        shift->values[s] = a->shift_hours > 0 ? (p ? p->moved_in : 0) / a->shift_hours : NAN;
      if (after != NULL)
        after->values[s] = p ? tm_analysis_profession_fte_after (p) : first->fte;
    }
}

TmComparison *
tm_comparison_new (TmPortfolio        *portfolio,
                   const char * const *scenario_ids,
                   const char         *unit)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  return tm_comparison_new_for_analyses (portfolio,
                                         tm_analysis_compute_scenarios (portfolio, scenario_ids, unit));
}

TmComparison *
tm_comparison_new_for_analyses (TmPortfolio *portfolio,
                                GPtrArray   *analyses)
{
  TmComparison *c;
  g_autoptr(GPtrArray) givers = NULL;
  g_autoptr(GPtrArray) receivers = NULL;
  gboolean shifts;
  TmComparisonRow *moves, *training, *days;
  TmCountry country;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (analyses != NULL, NULL);

  country = tm_portfolio_get_country (portfolio);
  c = g_new0 (TmComparison, 1);
  c->analyses = analyses;
  c->names = g_ptr_array_new_with_free_func (g_free);
  c->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  for (guint s = 0; s < c->analyses->len; s++)
    {
      TmScenario *scenario = tm_portfolio_lookup_scenario (portfolio, analysis_at (c, s)->scenario_id);

      g_ptr_array_add (c->names, g_strdup (scenario ? tm_scenario_get_name (scenario)
                                                    : analysis_at (c, s)->scenario_id));
    }

  shifts = any_shift (c);
  givers = professions_involved (c, portfolio, FALSE);
  receivers = professions_involved (c, portfolio, TRUE);

  /* The nurses first: the benchmark is theirs. */
  for (guint i = 0; i < givers->len; i++)
    if (g_strcmp0 (g_ptr_array_index (givers, i), "nurse") == 0)
      add_giver_rows (c, portfolio, "nurse", shifts);
  for (guint i = 0; i < givers->len; i++)
    if (g_strcmp0 (g_ptr_array_index (givers, i), "nurse") != 0)
      add_giver_rows (c, portfolio, g_ptr_array_index (givers, i), shifts);
  for (guint i = 0; i < receivers->len; i++)
    add_receiver_rows (c, portfolio, g_ptr_array_index (receivers, i), shifts);

  add_row (c, TM_COMPARISON_SECTION, g_strdup (_("Moves")));
  moves = add_row (c, TM_COMPARISON_COUNT, g_strdup (_("Moves chosen")));
  for (guint s = 0; s < c->analyses->len; s++)
    moves->values[s] = analysis_at (c, s)->n_moves;
  for (TmMoveStatus status = 0; status < TM_N_STATUSES; status++)
    {
      gboolean any = FALSE;
      TmComparisonRow *row;

      for (guint s = 0; s < c->analyses->len; s++)
        any = any || analysis_at (c, s)->n_moves_by_status[status] > 0;
      /* The main line always, so "approved: 0" says what is not there yet. */
      if (!any && status > TM_STATUS_APPROVED)
        continue;
      /* Translators: a status of moves in the comparison, e.g. "… proposed" */
      row = add_row (c, TM_COMPARISON_COUNT, g_strdup_printf (_("… %s"), tm_move_status_get_label (status, country)));
      for (guint s = 0; s < c->analyses->len; s++)
        row->values[s] = analysis_at (c, s)->n_moves_by_status[status];
    }

  add_row (c, TM_COMPARISON_SECTION, g_strdup (_("Training of the receiving professions")));
  training = add_row (c, TM_COMPARISON_COUNT, g_strdup (_("Moves that need training")));
  days = add_row (c, TM_COMPARISON_DAYS, g_strdup (_("Days of training")));
  for (guint s = 0; s < c->analyses->len; s++)
    {
      TmAnalysis *a = analysis_at (c, s);

      training->values[s] = a->n_training_moves;
      days->values[s] = a->training_days;
      if (a->n_training_days_unknown > 0 && days->note == NULL)
        days->note = g_strdup (_("Some moves need training without a length given: they are not counted in the days."));
    }

  return c;
}

void
tm_comparison_free (TmComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->analyses, g_ptr_array_unref);
  g_clear_pointer (&comparison->names, g_ptr_array_unref);
  g_clear_pointer (&comparison->rows, g_ptr_array_unref);
  g_free (comparison);
}

guint
tm_comparison_get_n_scenarios (TmComparison *comparison)
{
  g_return_val_if_fail (comparison != NULL, 0);
  return comparison->analyses->len;
}

char *
tm_comparison_format_value (const TmComparisonRow *row,
                            guint                  column)
{
  double v;

  g_return_val_if_fail (row != NULL, NULL);

  if (row->kind == TM_COMPARISON_SECTION)
    return g_strdup ("");
  v = row->values[column];
  if (isnan (v))
    return g_strdup ("—");

  switch (row->kind)
    {
    case TM_COMPARISON_HOURS:
      {
        g_autofree char *n = tm_format_hours_value (v);

        /* Translators: hours per week, e.g. "98.5 h" */
        return g_strdup_printf (_("%s h"), n);
      }
    case TM_COMPARISON_FTE:
      {
        g_autofree char *n = tm_format_fte_value (v);

        /* Translators: a number of FTE (årsværk / årsverk), e.g. "2.66 FTE" */
        return g_strdup_printf (_("%s FTE"), n);
      }
    case TM_COMPARISON_SHIFTS:
      return tm_language_format_number (v, 1);
    case TM_COMPARISON_SHARE:
      return tm_format_percent_value (v);
    case TM_COMPARISON_COUNT:
      return g_strdup_printf ("%.0f", v);
    case TM_COMPARISON_DAYS:
      return tm_language_format_number (v, v == floor (v) ? 0 : 1);
    case TM_COMPARISON_SECTION:
    default:
      return g_strdup ("");
    }
}
