/* tm-report-summary.c
 * The report's front page and its summary: the unit and its staffing, what
 * each scenario frees, the moves by status, what is asked of the committee
 * and what changed since it last met.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-report"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cairo-pdf.h>
#include "model/tm-i18n-private.h"

#include "store/tm-history.h"
#include "exchange/tm-atomic.h"
#include "render/tm-move-card.h"
#include "render/tm-draw-private.h"
#include "model/tm-workshop-private.h"
#include "render/tm-report-layout-private.h"

/* The front page */

void
_tm_report_render_front (Report *r)
{
  const char *unit = tm_portfolio_get_unit_name (r->portfolio);
  const char *organisation = tm_portfolio_get_organisation (r->portfolio);
  const char *meeting = tm_portfolio_get_last_committee_meeting (r->portfolio);
  g_autofree char *meeting_text = _tm_report_format_date (meeting);
  g_autofree char *since_text = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  static const Table toc_table = { 2, { 0.85, 0.15 }, 1 << 1, { NULL }, FONT_BODY };

  if (_tm_report_is_blank (unit))
    unit = _("Unnamed unit");

  /* Translators: the title of the report for the MED committee (Denmark) or
   * AMU and the union representatives (Norway) */
  _tm_report_para_full (r, _("Committee report"), FONT_TITLE, &black, 0, U * 0.3);
  _tm_report_para_full (r, unit, FONT_H1, &black, 0, U * 0.1);
  if (!_tm_report_is_blank (organisation))
    _tm_report_para_full (r, organisation, FONT_H3, &muted, 0, U * 0.1);
  _tm_report_gap (r, U * 0.5);
  _tm_report_draw_rule (r, 0, CONTENT_W, r->y, 1.5, &black);
  _tm_report_gap (r, U * 0.8);

  _tm_report_para (r, _("Which tasks the unit proposes to move to another profession, to stop or to support with "
             "technology, what that frees in hours and FTE, where each move stands and what is asked of "
             "the committee now. A summary comes first, then one entry per move; the appendix gives each "
             "assessment against the principles in full, the workshops and the changes."));

  for (guint i = 0; i < r->covered->len; i++)
    {
      if (i > 0)
        /* Translators: the separator between the items of a list, as in "Day, Night" */
        g_string_append (names, C_("list", ", "));
      g_string_append (names, g_array_index (r->covered, Covered, i).name);
    }
  if (*r->since != '\0')
    since_text = _tm_report_format_date (r->since);
  else
    /* Translators: in the committee report: which changes it lists */
    since_text = g_strdup (_("All recorded changes"));

  /* Translators: in the committee report: the committee it is for, e.g. "MED committee" */
  _tm_report_kv (r, _("Prepared for"), tm_country_get_committee_label (r->country));
  _tm_report_kv (r, _("Date of the report"), r->today);
  _tm_report_kv (r, _("Last committee meeting"), meeting_text);
  /* Translators: in the committee report: the scenarios it covers */
  _tm_report_kv (r, r->covered->len > 1 ? _("Scenarios") : _("Scenario"), names->str);
  /* Translators: in the committee report: the date from which it lists the changes */
  _tm_report_kv (r, _("Changes listed since"), since_text);
  _tm_report_gap (r, U * 0.4);

  /* Translators: a heading in the committee report */
  _tm_report_heading (r, _("Contents"), FONT_H3, U * 4);
  for (guint i = 0; i < r->toc->len; i++)
    {
      const TocItem *item = &g_array_index (r->toc, TocItem, i);
      guint page = r->toc_pages_counted ? g_array_index (r->toc_pages_counted, guint, i) : 0;
      g_autofree char *number = page > 0 ? g_strdup_printf ("%u", page) : g_strdup ("");
      g_autofree char *title = item->child ? g_strconcat ("    ", item->title, NULL) : g_strdup (item->title);
      const char *texts[2] = { title, number };

      _tm_report_table_row_full (r, &toc_table, texts, FONT_BODY, 0, 0, ROW_RULE);
    }
  _tm_report_table_end (r);
}

/* The summary */

static void
render_staffing (Report *r)
{
  TmAnalysis *a = g_array_index (r->covered, Covered, 0).analysis;
  Table table = { 4, { 0.40, 0.22, 0.19, 0.19 }, 0xe, { NULL }, FONT_SMALL };
  g_autoptr(GString) unstaffed = g_string_new (NULL);
  const TmAnalysisProfession *nurses = tm_analysis_get_nurses (a);
  g_autofree char *coverage = nurses ? tm_analysis_describe_coverage (a, r->portfolio, nurses) : NULL;
  gboolean any = FALSE;

  /* Translators: a heading in the committee report: the unit's staffing */
  _tm_report_heading (r, _("The unit and its staffing"), FONT_H2, U * 6);

  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);

      any = any || (p->profession_id != NULL &&
                    (tm_analysis_profession_has_staffing (p) || p->hours_today > 0.0001));
    }
  if (!any)
    {
      _tm_report_para (r, _("No staffing is entered for the unit, and no task is mapped yet. With the staffing (FTE per "
                 "profession) the report gives what each scenario frees as a share of staffed working time."));
      return;
    }

  table.headers[0] = _("Profession");
  /* Translators: a column heading: the staffing, e.g. "28 FTE × 37 h" */
  table.headers[1] = _("Staffing");
  /* Translators: a column heading in the committee report: the hours a week of the tasks
   * a profession performs today */
  table.headers[2] = _("Tasks today, h a week");
  /* Translators: a column heading: the tasks mapped as a share of staffed time */
  table.headers[3] = _("Mapped");
  _tm_report_table_begin (r, &table);
  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);
      gboolean staffed = tm_analysis_profession_has_staffing (p);
      g_autofree char *staffing = NULL;
      g_autofree char *today = NULL;
      g_autofree char *mapped = NULL;
      const char *texts[4];

      if (p->profession_id == NULL || (!staffed && p->hours_today <= 0.0001))
        continue;
      if (staffed)
        {
          g_autofree char *fte = tm_format_fte_value (p->fte);
          g_autofree char *hours = tm_language_format_number (p->hours_per_fte,
                                                              p->hours_per_fte == floor (p->hours_per_fte) ? 0 : 1);

          /* Translators: a staffing: FTE × the weekly hours of one FTE */
          staffing = g_strdup_printf (_("%s FTE × %s h"), fte, hours);
          mapped = _tm_report_format_percent (tm_analysis_profession_coverage (p));
        }
      else
        {
          if (unstaffed->len > 0)
            g_string_append (unstaffed, C_("list", ", "));
          g_string_append (unstaffed, _tm_report_profession_name (r, p->profession_id));
        }
      today = _tm_report_format_hours (p->hours_today);
      texts[0] = _tm_report_profession_name (r, p->profession_id);
      /* Translators: in the committee report, for a field left empty */
      texts[1] = staffing ? staffing : C_("report", "Not given");
      texts[2] = today;
      texts[3] = mapped ? mapped : "—";
      _tm_report_table_row_full (r, &table, texts, FONT_SMALL, 0, staffed ? 0 : 0x2, ROW_RULE);
    }
  _tm_report_table_end (r);

  if (coverage != NULL)
    _tm_report_note (r, coverage);
  if (unstaffed->len > 0)
    {
      g_autofree char *text =
        /* Translators: %s is a list of professions */
        g_strdup_printf (_("The staffing of %s is not entered: for them no share of working time can "
                           "be given, and no comparison with the benchmark is made."), unstaffed->str);

      _tm_report_note (r, text);
    }
}

static void
render_scenario_frees (Report  *r,
                       Covered *c)
{
  TmAnalysis *a = c->analysis;
  const TmAnalysisProfession *nurses = tm_analysis_get_nurses (a);
  g_autofree char *freed = nurses ? tm_analysis_describe_freed (a, r->portfolio, nurses) : NULL;
  g_autofree char *shifts = freed ? tm_analysis_describe_shifts (a, nurses->moved_out) : NULL;
  g_autofree char *split = freed ? tm_analysis_describe_split (a, r->portfolio, nurses) : NULL;
  Table hours_table = {
    7, { 0.28, 0.11, 0.11, 0.13, 0.13, 0.12, 0.12 }, 0x7e, { NULL }, FONT_SMALL
  };

  _tm_report_heading (r, c->name, FONT_H3, U * 8);
  if (a->n_moves == 0)
    {
      _tm_report_para (r, _("The scenario has no moves yet."));
      return;
    }
  if (freed != NULL)
    {
      g_autofree char *text = shifts ? g_strdup_printf ("%s %s", freed, shifts) : g_strdup (freed);

      _tm_report_para_full (r, text, FONT_BOLD, &black, 0, U * 0.2);
      _tm_report_para_full (r, split, FONT_BODY, &black, 0, U * 0.4);
    }

  /* With more than one scenario the comparison below gives the figures side by side */
  if (r->comparison != NULL)
    goto notes;

  hours_table.headers[0] = _("Profession");
  /* Translators: a column heading: hours per week today */
  hours_table.headers[1] = _("Today");
  /* Translators: a column heading: hours per week after the scenario */
  hours_table.headers[2] = _("After");
  hours_table.headers[3] = _("Handed over");
  hours_table.headers[4] = _("Taken over");
  hours_table.headers[5] = _("FTE freed");
  hours_table.headers[6] = _("FTE needed");
  _tm_report_table_begin (r, &hours_table);
  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);
      g_autofree char *today = _tm_report_format_hours (p->hours_today);
      g_autofree char *after = _tm_report_format_hours (p->hours_after);
      g_autofree char *out = _tm_report_format_hours (p->moved_out);
      g_autofree char *in = _tm_report_format_hours (p->moved_in);
      g_autofree char *fte_freed = p->fte_freed > 0 ? tm_format_fte_value (p->fte_freed) : NULL;
      g_autofree char *fte_needed = p->fte_needed > 0 ? tm_format_fte_value (p->fte_needed) : NULL;
      const char *texts[7];

      /* Only the professions the scenario touches */
      if (p->moved_out <= 0.0001 && p->moved_in <= 0.0001)
        continue;
      texts[0] = _tm_report_profession_name (r, p->profession_id);
      texts[1] = today;
      texts[2] = after;
      texts[3] = out;
      texts[4] = in;
      texts[5] = fte_freed ? fte_freed : "—";
      texts[6] = fte_needed ? fte_needed : "—";
      _tm_report_table_row (r, &hours_table, texts, 0);
    }
  _tm_report_table_end (r);

notes:
  if (a->n_training_moves > 0)
    {
      g_autofree char *number = tm_language_format_number (a->training_days, a->training_days == floor (a->training_days) ? 0 : 1);
      /* Translators: a length of training, e.g. "8 days"; %s is the number */
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                                            a->training_days == 1 ? 1 : 2),
                                               number);
      g_autofree char *text =
        /* Translators: in the summary of the committee report; %u is a number of moves,
         * %s the training they need in all, e.g. "8 days" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u move needs training of the receiving profession: %s in all, where the days are given.",
                                      "%u moves need training of the receiving profession: %s in all, where the days are given.",
                                      a->n_training_moves),
                         a->n_training_moves, days);

      _tm_report_note (r, text);
    }
  if (a->n_not_estimated > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u task has no time estimate and is not counted in the hours",
                                                            "%u tasks have no time estimate and are not counted in the hours",
                                                            a->n_not_estimated),
                                               a->n_not_estimated);

      _tm_report_note (r, text);
    }
}

static void
render_by_status (Report *r)
{
  Table table = { 1 + MIN (r->covered->len, MAX_COLUMNS - 1), { 0 }, 0, { NULL }, FONT_BODY };
  guint n_columns = table.n_columns - 1;
  guint totals[MAX_COLUMNS] = { 0 };

  /* Translators: a heading in the committee report */
  _tm_report_heading (r, _("Where the moves stand"), FONT_H2, U * 6);

  table.widths[0] = n_columns > 1 ? 0.46 : 0.75;
  /* Translators: a heading in the committee report */
  table.headers[0] = _("Status");
  for (guint k = 0; k < n_columns; k++)
    {
      table.widths[k + 1] = (1 - table.widths[0]) / n_columns;
      table.right |= 1u << (k + 1);
      table.headers[k + 1] = n_columns > 1 ? g_array_index (r->covered, Covered, k).name
                                           /* Translators: a column heading in the committee report: how many moves */
                                           : _("Moves");
    }

  _tm_report_table_begin (r, &table);
  for (guint s = 0; s < TM_N_STATUSES; s++)
    {
      char *counts[MAX_COLUMNS] = { NULL };
      const char *texts[MAX_COLUMNS];
      g_autofree char *label = NULL;
      gboolean any = FALSE;

      for (guint k = 0; k < n_columns; k++)
        {
          guint n = g_array_index (r->covered, Covered, k).analysis->n_moves_by_status[s];

          any = any || n > 0;
          totals[k] += n;
          counts[k] = g_strdup_printf ("%u", n);
        }
      label = g_strdup_printf ("%s %s", tm_draw_move_status_mark (s), tm_move_status_get_label (s, r->country));
      texts[0] = label;
      for (guint k = 0; k < n_columns; k++)
        texts[k + 1] = counts[k];
      /* The statuses no move has are left out */
      if (any)
        _tm_report_table_row (r, &table, texts, 0);
      for (guint k = 0; k < n_columns; k++)
        g_free (counts[k]);
    }
  {
    char *counts[MAX_COLUMNS] = { NULL };
    const char *texts[MAX_COLUMNS];

    /* Translators: the total row of the status counts in the committee report */
    texts[0] = _("All moves");
    for (guint k = 0; k < n_columns; k++)
      texts[k + 1] = counts[k] = g_strdup_printf ("%u", totals[k]);
    _tm_report_table_row_full (r, &table, texts, FONT_BODY, (1u << table.n_columns) - 1, 0, ROW_SHADE | ROW_RULE);
    for (guint k = 0; k < n_columns; k++)
      g_free (counts[k]);
  }
  _tm_report_table_end (r);
}

static void
render_asked (Report *r)
{
  Table table = { 4, { 0.36, 0.28, 0.14, 0.22 }, 0, { NULL }, FONT_SMALL };
  guint n = 0;

  /* Translators: a heading in the committee report: the moves the committee is asked to approve */
  _tm_report_heading (r, _("Asked of the committee now"), FONT_H2, U * 6);

  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);

      for (guint i = 0; i < c->cards->len; i++)
        n += tm_move_card_get_status (g_ptr_array_index (c->cards, i)) == TM_STATUS_AGREED;
    }
  if (n == 0)
    {
      _tm_report_para (r, _("No move agreed in a workshop awaits the committee’s approval."));
      return;
    }

  {
    /* The committee is named on the front page, in its country's words. */
    _tm_report_para (r, _("The moves agreed in a workshop that await the committee’s approval; each has its "
               "entry under its number."));
  }

  /* Translators: a column heading in the committee report: the task whose move it is */
  table.headers[0] = _("Move");
  /* Translators: a column heading in the committee report: from which profession to which */
  table.headers[1] = _("From → to");
  /* Translators: a column heading in the committee report */
  table.headers[2] = _("Hours and FTE");
  /* Translators: a column heading in the committee report */
  table.headers[3] = _("Checklist");
  _tm_report_table_begin (r, &table);
  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);
      gboolean spanned = FALSE;

      for (guint i = 0; i < c->cards->len; i++)
        {
          TmMoveCard *card = g_ptr_array_index (c->cards, i);
          g_autofree char *name = NULL;
          g_autofree char *amount = NULL;
          const char *texts[4];

          if (tm_move_card_get_status (card) != TM_STATUS_AGREED)
            continue;
          if (r->covered->len > 1 && !spanned)
            {
              _tm_report_table_span (r, c->name);
              spanned = TRUE;
            }
          name = _tm_report_dup_move_name (i + 1, card);
          if (tm_move_card_get_hours (card) < 0)
            amount = g_strdup (C_("hours", "Not estimated"));
          else
            {
              g_autofree char *hours = tm_format_hours_value (tm_move_card_get_hours (card));
              g_autofree char *fte = tm_format_fte_value (tm_move_card_get_fte (card));
              g_autofree char *hours_text = g_strdup_printf (_("%s h a week"), hours);
              g_autofree char *fte_text = g_strdup_printf (_("%s FTE"), fte);

              amount = g_strdup_printf ("%s\n%s", hours_text, fte_text);
            }
          texts[0] = name;
          texts[1] = tm_move_card_get_move_text (card);
          texts[2] = amount;
          texts[3] = tm_move_card_get_checklist_counts (card);
          _tm_report_table_row (r, &table, texts, 1 << 0);
        }
    }
  _tm_report_table_end (r);
}

/* Items answered "concern", approvals with items not yet considered and high
 * risks, one line per move. */
static void
render_open_points (Report *r)
{
  gboolean any = FALSE;

  /* Translators: a section of the committee report */
  _tm_report_heading (r, _("Open concerns"), FONT_H2, U * 4);

  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);

      for (guint i = 0; i < c->cards->len; i++)
        {
          TmMoveCard *card = g_ptr_array_index (c->cards, i);
          const TmMoveReview *review = _tm_report_card_review (card);
          g_autofree char *ref = NULL;
          g_autoptr(GString) text = NULL;
          guint n_open;

          if (review == NULL)
            continue;
          n_open = tm_move_review_count_open (review);
          if (tm_move_review_count_concerns (review) == 0 && review->risk != TM_RISK_HIGH &&
              !(_tm_report_is_approved (tm_move_review_get_status (review)) && n_open > 0))
            continue;

          ref = _tm_report_dup_move_ref (r, c, i);
          text = g_string_new (NULL);
          for (guint item = 0; item < TM_N_CHECK_ITEMS; item++)
            if (review->checks[item].state == TM_CHECK_CONCERN)
              {
                if (text->len > 0)
                  g_string_append (text, " · ");
                g_string_append_printf (text, "⚠\u00a0%s", tm_check_item_get_label (item));
              }
          if (review->risk == TM_RISK_HIGH)
            {
              if (text->len > 0)
                g_string_append (text, " · ");
              g_string_append (text, tm_move_card_get_risk_text (card));
            }
          if (_tm_report_is_approved (tm_move_review_get_status (review)) && n_open > 0)
            {
              if (text->len > 0)
                g_string_append (text, " · ");
              g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                         "Approved with %u item of the checklist not yet considered",
                                                         "Approved with %u items of the checklist not yet considered",
                                                         n_open),
                                      n_open);
            }
          g_string_prepend (text, ": ");
          g_string_prepend (text, ref);
          _tm_report_bullet (r, text->str);
          any = TRUE;
        }
    }
  if (!any)
    /* Translators: in the committee report: nothing to list */
    _tm_report_para (r, C_("report", "None."));
  _tm_report_gap (r, U * 0.4);
}

typedef struct {
  gint64        when;
  Covered      *covered;
  guint         index;
  TmMoveStatus  from;
  TmMoveStatus  to;
} StatusChange;

static int
local_day (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);
  int y, m, d;

  if (date == NULL)
    return 0;
  g_date_time_get_ymd (date, &y, &m, &d);
  return y * 10000 + m * 100 + d;
}

/* By day, then by the change, then in time, so a day's same changes are together */
static int
compare_status_changes (gconstpointer a,
                        gconstpointer b)
{
  const StatusChange *ca = a, *cb = b;
  int da = local_day (ca->when), db = local_day (cb->when);

  if (da != db)
    return da < db ? -1 : 1;
  if (ca->from != cb->from)
    return (int) ca->from - (int) cb->from;
  if (ca->to != cb->to)
    return (int) ca->to - (int) cb->to;
  if (ca->when != cb->when)
    return ca->when < cb->when ? -1 : 1;
  if (ca->covered != cb->covered)
    return ca->covered < cb->covered ? -1 : 1;
  return (int) ca->index - (int) cb->index;
}

static void
render_changes_summary (Report *r)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (StatusChange));
  GListModel *workshops = tm_portfolio_get_workshops (r->portfolio);
  Table table = { 3, { 0.14, 0.30, 0.56 }, 0, { NULL }, FONT_SMALL };
  g_autofree char *title = NULL;
  guint n_workshops = 0, n_other = 0;

  if (*r->since != '\0')
    {
      g_autofree char *date = _tm_report_format_date (r->since);

      /* Translators: a section of the committee report; %s is a date */
      title = g_strdup_printf (_("Changes since %s"), date);
    }
  else
    /* Translators: a section of the committee report */
    title = g_strdup (_("All changes"));
  _tm_report_heading (r, title, FONT_H2, U * 4);

  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);

      for (guint i = 0; i < c->cards->len; i++)
        {
          const TmMoveReview *review = _tm_report_card_review (g_ptr_array_index (c->cards, i));

          for (guint j = 0; review != NULL && j < review->status_log->len; j++)
            {
              const TmStatusChange *sc = &g_array_index (review->status_log, TmStatusChange, j);
              StatusChange change = { sc->when, c, i, TM_STATUS_PROPOSED, sc->status };

              if (j > 0)
                change.from = g_array_index (review->status_log, TmStatusChange, j - 1).status;
              if (sc->when >= r->since_time)
                g_array_append_val (changes, change);
            }
        }
    }
  g_array_sort (changes, compare_status_changes);

  for (guint i = 0; workshops != NULL && i < g_list_model_get_n_items (workshops); i++)
    {
      g_autoptr(TmWorkshop) w = g_list_model_get_item (workshops, i);

      n_workshops += g_strcmp0 (tm_workshop_get_date (w), r->since) >= 0;
    }
  for (guint i = 0; i < r->history->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (r->history, i);

      n_other += g_strcmp0 (e->field, "review.status") != 0;
    }

  if (changes->len == 0 && n_workshops == 0 && n_other == 0)
    {
      _tm_report_para (r, _("No changes are recorded for this period."));
      return;
    }

  if (changes->len > 0)
    {
      /* Translators: a heading in the committee report: the moves whose status changed */
      _tm_report_heading (r, _("Changes of status"), FONT_BOLD, U * 3);
      table.headers[0] = _("Date");
      /* Translators: a column heading in the committee report: a change of status */
      table.headers[1] = _("Change");
      /* Translators: a column heading in the committee report: the moves that changed */
      table.headers[2] = _("Moves");
      _tm_report_table_begin (r, &table);
      /* The same change on the same day in one row, e.g. the approvals of a meeting */
      for (guint i = 0; i < changes->len;)
        {
          const StatusChange *first = &g_array_index (changes, StatusChange, i);
          g_autofree char *date = _tm_report_format_time (first->when);
          g_autofree char *change =
            /* Translators: a change of status, from the old to the new, e.g. "Proposed → Agreed in workshop" */
            g_strdup_printf (_("%s → %s"), tm_move_status_get_label (first->from, r->country),
                             tm_move_status_get_label (first->to, r->country));
          g_autoptr(GString) moves = g_string_new (NULL);
          const char *texts[3];
          guint j;

          for (j = i; j < changes->len; j++)
            {
              const StatusChange *sc = &g_array_index (changes, StatusChange, j);
              g_autofree char *day = _tm_report_format_time (sc->when);
              g_autofree char *ref = NULL;

              if (sc->from != first->from || sc->to != first->to || g_strcmp0 (day, date) != 0)
                break;
              ref = _tm_report_dup_move_ref (r, sc->covered, sc->index);
              if (moves->len > 0)
                g_string_append_c (moves, '\n');
              g_string_append (moves, ref);
            }
          texts[0] = date;
          texts[1] = change;
          texts[2] = moves->str;
          _tm_report_table_row (r, &table, texts, 0);
          i = j;
        }
      _tm_report_table_end (r);
    }

  if (n_workshops > 0)
    {
      /* Translators: a section of the committee report */
      _tm_report_heading (r, _("Workshops"), FONT_BOLD, U * 2);
      for (guint i = 0; i < g_list_model_get_n_items (workshops); i++)
        {
          g_autoptr(TmWorkshop) w = g_list_model_get_item (workshops, i);
          const TmWorkshopData *data = tm_workshop_peek_data (w);
          g_autofree char *date = NULL;
          g_autofree char *text = NULL;
          guint n = tm_workshop_data_count_participants (data);

          if (g_strcmp0 (data->date, r->since) < 0)
            continue;
          date = _tm_report_format_date (data->date);
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: a workshop in the committee report's summary:
                                                * its date, its title and how many took part */
                                               "%s — %s: %u participant",
                                               "%s — %s: %u participants", n),
                                  date ? date : _tm_report_or_empty (data->date), _tm_report_or_empty (data->title), n);
          _tm_report_bullet (r, text);
        }
      _tm_report_gap (r, U * 0.4);
    }

  if (n_other > 0)
    {
      g_autofree char *text =
        /* Translators: in the summary of the committee report */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u change to the tasks, their assessments, the moves and the workshops is "
                                      "recorded for this period; appendix C lists it.",
                                      "%u changes to the tasks, their assessments, the moves and the workshops are "
                                      "recorded for this period; appendix C lists them.",
                                      n_other),
                         n_other);

      _tm_report_note (r, text);
    }
}

/* The covered scenarios side by side (tm-comparison.h), at most four to a table */
static void
render_comparison (Report *r)
{
  TmComparison *cmp = r->comparison;
  guint n = tm_comparison_get_n_scenarios (cmp);

  for (guint first = 0; first < n; first += 4)
    {
      guint n_columns = MIN (4, n - first);
      Table table = { 1 + n_columns, { 0.44 }, 0, { "" }, FONT_SMALL };

      for (guint k = 0; k < n_columns; k++)
        {
          table.widths[k + 1] = 0.56 / n_columns;
          table.right |= 1u << (k + 1);
          table.headers[k + 1] = g_ptr_array_index (cmp->names, first + k);
        }
      _tm_report_table_begin (r, &table);
      for (guint i = 0; i < cmp->rows->len; i++)
        {
          const TmComparisonRow *row = g_ptr_array_index (cmp->rows, i);
          char *values[MAX_COLUMNS] = { NULL };
          const char *texts[MAX_COLUMNS];
          g_autofree char *label = NULL;

          if (row->kind == TM_COMPARISON_SECTION)
            {
              _tm_report_table_span (r, row->label);
              continue;
            }
          /* Shifts are in the sentences above; hours and FTE say the rest */
          if (row->kind == TM_COMPARISON_SHIFTS)
            continue;
          /* What a share is a share of stays with it */
          label = row->note != NULL ? g_strdup_printf ("%s\n%s", row->label, row->note) : g_strdup (row->label);
          texts[0] = label;
          for (guint k = 0; k < n_columns; k++)
            texts[k + 1] = values[k] = tm_comparison_format_value (row, first + k);
          _tm_report_table_row (r, &table, texts, 0);
          for (guint k = 0; k < n_columns; k++)
            g_free (values[k]);
        }
      _tm_report_table_end (r);
    }
}

void
_tm_report_render_summary (Report *r)
{
  _tm_report_heading1 (r, _("Summary"), r->toc_summary, TRUE);
  render_staffing (r);

  /* Translators: a heading in the committee report */
  _tm_report_heading (r, _("What each scenario frees"), FONT_H2, U * 10);
  for (guint k = 0; k < r->covered->len; k++)
    render_scenario_frees (r, &g_array_index (r->covered, Covered, k));
  if (r->comparison != NULL)
    {
      /* Translators: a heading in the committee report: the scenarios it covers, side by side */
      _tm_report_heading (r, _("The scenarios side by side"), FONT_H3, U * 8);
      render_comparison (r);
    }

  render_by_status (r);
  render_asked (r);
  render_open_points (r);
  render_changes_summary (r);
}
