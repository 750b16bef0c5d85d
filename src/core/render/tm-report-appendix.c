/* tm-report-appendix.c
 * The report's entries, one per move, and its appendix: the assessments
 * in full, the workshops and the changes.
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

/* The entries */

/* The order of the groups of entries: what the committee is asked about
 * first, then what it has decided, then what is still on the way. */
const TmMoveStatus _tm_report_entry_order[TM_N_STATUSES] = {
  TM_STATUS_AGREED, TM_STATUS_APPROVED, TM_STATUS_PILOTED, TM_STATUS_IMPLEMENTED,
  TM_STATUS_EVALUATED, TM_STATUS_PROPOSED, TM_STATUS_PAUSED, TM_STATUS_REJECTED,
};

/* Whether anything of a move's assessment against the principles is recorded */
static gboolean
has_assessment (const TmMoveReview *review)
{
  if (review == NULL)
    return FALSE;
  if (review->status_log->len > 0 || review->risk != TM_RISK_NOT_ASSESSED || review->barriers != 0)
    return TRUE;
  if (tm_move_review_count_open (review) < TM_N_CHECK_ITEMS)
    return TRUE;
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    if (review->quality[i].rating != TM_RATING_UNKNOWN || !_tm_report_is_blank (review->quality[i].note))
      return TRUE;
  return !_tm_report_is_blank (review->responsible) || !_tm_report_is_blank (review->mitigation) ||
         !_tm_report_is_blank (review->barrier_note) || !_tm_report_is_blank (review->quality_standards) ||
         !_tm_report_is_blank (review->follow_up) || !_tm_report_is_blank (review->delegation_ref);
}

static void
render_entry (Report     *r,
              guint       number,
              TmMoveCard *card)
{
  const TmMoveReview *review = _tm_report_card_review (card);
  g_autofree char *name = _tm_report_dup_move_name (number, card);
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *purpose = NULL;
  g_autofree char *assessment_note = NULL;
  g_autofree char *status_note = NULL;
  g_autofree char *responsible = NULL;
  g_autofree char *mitigation = NULL;
  g_autofree char *when = NULL;
  Part header[2];
  Part body[2];
  Part foot[1];
  double height;

  /* The group's heading names the status: the mark and the day suffice here */
  if (tm_move_card_get_status_time (card) != 0)
    {
      g_autofree char *day = _tm_report_format_day (tm_move_card_get_status_time (card));

      when = g_strdup_printf ("%s %s", tm_draw_move_status_mark (tm_move_card_get_status (card)), day);
    }
  else
    when = g_strdup (tm_draw_move_status_mark (tm_move_card_get_status (card)));
  header[0] = (Part) { name, FONT_BOLD, &black, 0, 0.76, FALSE };
  header[1] = (Part) { when, FONT_SMALL_BOLD, &black, 0.76, 0.24, TRUE };

  {
    g_autofree char *assessment = NULL;
    const char *lines[3];

    if (_tm_report_is_blank (tm_move_card_get_training_text (card)))
      assessment = g_strdup (tm_move_card_get_suitability_text (card));
    else
      assessment = g_strdup_printf ("%s · %s", tm_move_card_get_suitability_text (card),
                                    tm_move_card_get_training_text (card));
    lines[0] = tm_move_card_get_move_text (card);
    lines[1] = tm_move_card_get_amount_text (card);
    lines[2] = assessment;
    left = _tm_report_join_lines (lines, G_N_ELEMENTS (lines));
  }
  if (review != NULL && !_tm_report_is_blank (review->responsible))
    /* Translators: in an entry of the committee report: the person responsible for the move */
    responsible = g_strdup_printf (_("Responsible: %s"), review->responsible);
  if (has_assessment (review))
    {
      const char *lines[] = {
        tm_move_card_get_checklist_text (card), tm_move_card_get_quality_text (card),
        tm_move_card_get_risk_text (card), responsible,
      };

      right = _tm_report_join_lines (lines, G_N_ELEMENTS (lines));
    }
  else
    /* Translators: in an entry of the committee report, for a move whose checklist,
     * quality grid and risk are all still blank */
    right = g_strdup (_("Not yet assessed against the principles: checklist, quality and risk are blank."));

  if (!_tm_report_is_blank (tm_move_card_get_purpose (card)))
    purpose = g_strdup_printf ("%s: %s", _("Purpose"), tm_move_card_get_purpose (card));
  if (!_tm_report_is_blank (tm_move_card_get_note (card)))
    /* Translators: in the committee report: the note of the assessment */
    assessment_note = g_strdup_printf ("%s: %s", _("Note on the assessment"), tm_move_card_get_note (card));
  if (review != NULL && review->risk >= TM_RISK_MEDIUM && !_tm_report_is_blank (review->mitigation))
    /* Translators: in the committee report: how the risk is reduced */
    mitigation = g_strdup_printf ("%s: %s", _("Mitigation"), review->mitigation);
  if (!_tm_report_is_blank (tm_move_card_get_status_note (card)))
    status_note = g_strdup_printf ("%s: %s", tm_move_status_get_label (tm_move_card_get_status (card), r->country),
                                   tm_move_card_get_status_note (card));
  {
    const char *lines[] = { purpose, assessment_note, mitigation, status_note };

    notes = _tm_report_join_lines (lines, G_N_ELEMENTS (lines));
  }

  body[0] = (Part) { left, FONT_BODY, &black, 0, 0.58, FALSE };
  body[1] = (Part) { right, FONT_SMALL, &black, 0.58, 0.42, FALSE };
  foot[0] = (Part) { notes, FONT_SMALL, &muted, 0, 1, FALSE };

  /* An entry stays on one page, unless it is longer than a third of one */
  height = _tm_report_parts_height (r, header, 2) + _tm_report_parts_height (r, body, 2);
  if (*notes != '\0')
    height += _tm_report_parts_height (r, foot, 1);
  _tm_report_ensure (r, MIN (height, CONTENT_H / 3));

  _tm_report_parts_row (r, header, 2, ROW_SHADE | ROW_KEEP);
  _tm_report_parts_row (r, body, 2, *notes != '\0' ? ROW_PLAIN : ROW_HEAVY);
  if (*notes != '\0')
    _tm_report_parts_row (r, foot, 1, ROW_HEAVY);
  _tm_report_gap (r, U * 0.6);
}

static void
render_entries (Report  *r,
                Covered *c)
{
  g_autofree char *title = NULL;
  double legend_h;
  guint index = 0;

  /* Translators: a section of the committee report: "The moves — <scenario>" */
  title = g_strdup_printf (_("%s — %s"), _("The moves"), c->name);
  _tm_report_heading1 (r, title, c->toc_moves, FALSE);

  if (c->cards->len == 0)
    {
      _tm_report_para (r, _("The scenario has no moves yet."));
      return;
    }

  _tm_report_note (r, _("One entry per move, those the committee is asked to approve first: what moves where, its hours "
             "a week and FTE, the receiving profession’s assessment, the checklist, the quality grid and the "
             "risk in short, and the notes in full. The appendix gives each assessment in full."));

  legend_h = tm_move_card_draw_legend (NULL, &r->style, r->country, CONTENT_W);
  _tm_report_ensure (r, legend_h);
  if (r->cr != NULL)
    {
      _tm_report_view_begin (r, legend_h, 1.0);
      tm_move_card_draw_legend (r->cr, &r->style, r->country, CONTENT_W);
      _tm_report_view_end (r);
    }
  r->y += legend_h + U * 0.4;
  r->page_empty = FALSE;

  for (guint g = 0; g < G_N_ELEMENTS (_tm_report_entry_order); g++)
    {
      TmMoveStatus status = _tm_report_entry_order[g];
      guint n = 0;

      for (guint i = index; i < c->cards->len; i++)
        n += tm_move_card_get_status (g_ptr_array_index (c->cards, i)) == status;
      if (n == 0)
        continue;

      {
        g_autofree char *group = g_strdup_printf ("%s %s (%u)", tm_draw_move_status_mark (status),
                                                  tm_move_status_get_label (status, r->country), n);

        _tm_report_heading (r, group, FONT_H3, U * 8);
        _tm_report_add_outline (r, group, 1);
      }
      for (guint i = 0; i < n; i++, index++)
        {
          render_entry (r, index + 1, g_ptr_array_index (c->cards, index));
          _tm_report_work_done (r);
        }
    }
}

/* The appendix */

static void
render_workshops (Report *r)
{
  GListModel *workshops = tm_portfolio_get_workshops (r->portfolio);
  guint n = workshops ? g_list_model_get_n_items (workshops) : 0;
  Table people = { 2, { 0.6, 0.4 }, 1 << 1, { NULL }, FONT_BODY };

  /* Translators: a part of the appendix of the committee report */
  _tm_report_heading_part (r, _("B. Workshops"), r->toc_workshops);
  if (n == 0)
    {
      _tm_report_para (r, _("No workshops are recorded in the portfolio."));
      return;
    }
  _tm_report_para (r, _("The workshops where staff assessed the tasks and agreed the moves, and who took part. "
             "Participants are counted by profession."));

  /* Translators: a column heading in the committee report */
  people.headers[0] = _("Profession");
  /* Translators: a column heading in the committee report: how many took part */
  people.headers[1] = _("Participants");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmWorkshop) workshop = g_list_model_get_item (workshops, i);
      const TmWorkshopData *w = tm_workshop_peek_data (workshop);
      g_autofree char *date = _tm_report_format_date (w->date);
      g_autofree char *title = NULL;
      g_autofree char *total = g_strdup_printf ("%u", tm_workshop_data_count_participants (w));

      if (date == NULL)
        date = g_strdup (_tm_report_or_empty (w->date));
      if (_tm_report_is_blank (w->title))
        title = g_strdup (date);
      else
        /* Translators: a workshop's date and title, e.g. "24 March 2026 — Workshop 2" */
        title = g_strdup_printf (_("%s — %s"), date, w->title);

      _tm_report_heading (r, title, FONT_H3, U * 6);
      /* Translators: who led a workshop */
      _tm_report_kv (r, _("Facilitator"), w->facilitator);
      _tm_report_gap (r, U * 0.5);

      _tm_report_table_begin (r, &people);
      for (guint k = 0; k < w->participants->len; k++)
        {
          const TmParticipants *p = &g_array_index (w->participants, TmParticipants, k);
          g_autofree char *count = g_strdup_printf ("%u", p->count);
          const char *texts[2] = { _tm_report_profession_name (r, p->profession_id), count };

          _tm_report_table_row (r, &people, texts, 0);
        }
      {
        /* Translators: the total of the participants of a workshop */
        const char *texts[2] = { _("In all"), total };

        _tm_report_table_row_full (r, &people, texts, FONT_BODY, 0x3, 0, ROW_SHADE | ROW_RULE);
      }
      _tm_report_table_end (r);

      /* Translators: a heading in the committee report: the moves agreed in a workshop */
      _tm_report_heading (r, _("Moves decided"), FONT_BOLD, U * 2);
      if (w->moves->len == 0)
        _tm_report_note (r, _("No moves are linked to this workshop."));
      for (guint k = 0; k < w->moves->len; k++)
        {
          const TmMoveRef *ref = &g_array_index (w->moves, TmMoveRef, k);
          TmTask *task = tm_portfolio_lookup_task (r->portfolio, ref->task_uuid);
          const char *title_text = task ? tm_task_get_title (task) : ref->task_uuid;
          g_autofree char *text = NULL;

          if (r->covered->len == 1 &&
              g_strcmp0 (ref->scenario_id, g_array_index (r->covered, Covered, 0).id) == 0)
            text = g_strdup (_tm_report_or_empty (title_text));
          else
            /* Translators: a move of another scenario than the report's: the task, then the scenario */
            text = g_strdup_printf (_("%s (scenario “%s”)"), _tm_report_or_empty (title_text),
                                    _tm_draw_scenario_name (r->portfolio, ref->scenario_id));
          _tm_report_bullet (r, text);
        }
      _tm_report_gap (r, U * 0.4);

      /* Translators: a heading in the committee report: what a workshop decided */
      _tm_report_heading (r, _("Decisions"), FONT_BOLD, U * 2);
      if (_tm_report_is_blank (w->decisions))
        _tm_report_note (r, C_("report", "Not given"));
      else
        _tm_report_para (r, w->decisions);
      _tm_report_gap (r, U * 0.8);
    }
}

static const char *
check_marker (TmCheckState state)
{
  /* Not translated: each goes with the state's label */
  static const char * const markers[TM_N_CHECK_STATES] = { "○", "✓", "⚠", "–" };

  return markers[state];
}

static const char *
rating_marker (TmRating rating)
{
  return tm_move_card_get_rating_symbol (rating);
}

static void
render_status_log (Report             *r,
                   const TmMoveReview *review)
{
  Table log_table = { 4, { 0.13, 0.2, 0.33, 0.34 }, 0, { NULL }, FONT_SMALL };

  /* Translators: a heading in the committee report */
  _tm_report_heading (r, _("Status and its history"), FONT_H3, U * 5);
  if (review->status_log->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("No change of status is recorded; the move stands at “%s”."),
                                               tm_move_status_get_label (TM_STATUS_PROPOSED, r->country));

      _tm_report_para (r, text);
      return;
    }

  /* Translators: a column heading in the committee report */
  log_table.headers[0] = _("Date");
  /* Translators: a column heading in the committee report: who made a change */
  log_table.headers[1] = _("Who");
  /* Translators: a column heading in the committee report: a change of status */
  log_table.headers[2] = _("Change");
  /* Translators: a column heading in the committee report */
  log_table.headers[3] = _("Note");
  _tm_report_table_begin (r, &log_table);
  for (guint i = 0; i < review->status_log->len; i++)
    {
      const TmStatusChange *c = &g_array_index (review->status_log, TmStatusChange, i);
      TmMoveStatus from = i > 0 ? g_array_index (review->status_log, TmStatusChange, i - 1).status
                                : TM_STATUS_PROPOSED;
      g_autofree char *date = _tm_report_format_time (c->when);
      g_autofree char *change = NULL;
      GString *text = g_string_new (_tm_report_or_empty (c->note));
      const char *texts[4];

      /* Translators: a change of status, from the old to the new, e.g. "Proposed → Agreed in workshop" */
      change = g_strdup_printf (_("%s → %s"), tm_move_status_get_label (from, r->country),
                                tm_move_status_get_label (c->status, r->country));
      if (c->n_open > 0)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "Approved with %u item of the checklist not yet considered",
                                                     "Approved with %u items of the checklist not yet considered",
                                                     c->n_open),
                                  c->n_open);
        }
      texts[0] = date;
      texts[1] = _tm_report_or_empty (c->who);
      texts[2] = change;
      texts[3] = text->str;
      _tm_report_table_row (r, &log_table, texts, 1 << 2);
      g_string_free (text, TRUE);
    }
  _tm_report_table_end (r);
}

/* One move's assessment in full: the warnings, the checklist, the quality
 * grid, barriers, risk and follow-up, and the status with its history. */
static void
render_assessment (Report     *r,
                   Covered    *c,
                   guint       index,
                   TmMoveCard *card)
{
  TmTask *task = tm_move_card_get_task (card);
  const TmMoveReview *review = _tm_report_card_review (card);
  g_autofree char *title = _tm_report_dup_move_name (index + 1, card);
  g_autoptr(GPtrArray) warnings = NULL;
  Table check_table = { 3, { 0.38, 0.25, 0.37 }, 0, { NULL }, FONT_SMALL };
  Table quality_table = { 3, { 0.38, 0.25, 0.37 }, 0, { NULL }, FONT_SMALL };

  g_assert (review != NULL);

  _tm_report_heading (r, title, FONT_H3, U * 8);
  _tm_report_add_outline (r, title, 2);
  _tm_report_note (r, tm_move_card_get_move_text (card));

  /* Warnings the move gives where it is chosen */
  warnings = tm_move_check (r->portfolio, task, c->id);
  if (warnings != NULL && warnings->len > 0)
    {
      /* Translators: a heading in the committee report: what Taskmap warned about the move */
      _tm_report_heading (r, _("Points to note"), FONT_BOLD, U * 2);
      for (guint i = 0; i < warnings->len; i++)
        {
          const TmWarning *w = g_ptr_array_index (warnings, i);

          _tm_report_bullet (r, w->message);
        }
      _tm_report_gap (r, U * 0.4);
    }

  /* Translators: a heading in the committee report: the principles as a checklist */
  _tm_report_heading (r, _("Checklist of the principles"), FONT_H3, U * 6);
  /* Translators: a column heading in the committee report: an item of the checklist */
  check_table.headers[0] = _("Item");
  /* Translators: a column heading in the committee report: how an item was answered */
  check_table.headers[1] = _("Answer");
  check_table.headers[2] = _("Note");
  _tm_report_table_begin (r, &check_table);
  for (guint s = 0; s < TM_N_CHECK_SECTIONS; s++)
    {
      _tm_report_table_span (r, tm_check_section_get_label (s));
      for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
        {
          const TmCheck *check = &review->checks[i];
          g_autofree char *answer = NULL;
          const char *texts[3];
          gboolean open = check->state == TM_CHECK_NOT_CONSIDERED;
          gboolean concern = check->state == TM_CHECK_CONCERN;

          if (tm_check_item_get_section (i) != s)
            continue;
          answer = g_strdup_printf ("%s %s", check_marker (check->state), tm_check_state_get_label (check->state));
          texts[0] = tm_check_item_get_label (i);
          texts[1] = answer;
          texts[2] = _tm_report_or_empty (check->note);
          _tm_report_table_row_full (r, &check_table, texts, FONT_SMALL, (open || concern) ? 1 << 1 : 0, 0,
                          ROW_RULE | (open ? ROW_SHADE : 0));
        }
    }
  _tm_report_table_end (r);

  /* The WHO quality grid, kept together */
  {
    char *ratings[TM_N_QUALITY_COMPONENTS];
    double keep;

    /* Translators: a column heading in the committee report: a component of quality */
    quality_table.headers[0] = _("Component");
    /* Translators: a column heading in the committee report: whether quality gets better, stays or gets worse */
    quality_table.headers[1] = _("Expected effect");
    quality_table.headers[2] = _("Note");
    keep = _tm_report_measure_row (r, &quality_table, quality_table.headers, FONT_SMALL, 0x7);
    for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
      {
        const TmQualityRating *q = &review->quality[i];
        const char *texts[3];

        ratings[i] = g_strdup_printf ("%s %s", rating_marker (q->rating), tm_rating_get_label (q->rating));
        texts[0] = tm_quality_component_get_label (i);
        texts[1] = ratings[i];
        texts[2] = _tm_report_or_empty (q->note);
        keep += _tm_report_measure_row (r, &quality_table, texts, FONT_SMALL, 0);
      }

    /* Translators: a heading in the committee report: WHO's five components of quality */
    _tm_report_heading (r, _("Quality: the five components"), FONT_H3, MIN (keep, CONTENT_H / 2));
    _tm_report_table_begin (r, &quality_table);
    for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
      {
        const TmQualityRating *q = &review->quality[i];
        const char *texts[3] = { tm_quality_component_get_label (i), ratings[i], _tm_report_or_empty (q->note) };

        _tm_report_table_row (r, &quality_table, texts, q->rating == TM_RATING_WORSE ? 1 << 1 : 0);
        g_free (ratings[i]);
      }
    _tm_report_table_end (r);
  }

  /* Barriers, risk and who does what, kept together */
  {
    GString *barriers = g_string_new (NULL);
    const char *labels[8], *values[8];
    double keep = 0;

    for (guint b = 0; b < TM_N_BARRIERS; b++)
      if (review->barriers & (1u << b))
        {
          if (barriers->len > 0)
            g_string_append_c (barriers, '\n');
          g_string_append (barriers, tm_barrier_get_label (1u << b));
        }
    if (barriers->len == 0)
      /* Translators: in the committee report: no barrier theme is marked for the move */
      g_string_append (barriers, _("None marked"));

    labels[0] = _("Barriers");
    values[0] = barriers->str;
    /* Translators: in the committee report: how the barriers are handled */
    labels[1] = _("Note on the barriers");
    values[1] = review->barrier_note;
    labels[2] = _("Risk");
    values[2] = tm_risk_get_label (review->risk);
    /* Translators: in the committee report: how the risk is reduced */
    labels[3] = _("Mitigation");
    values[3] = review->mitigation;
    /* Translators: in the committee report: the person responsible for the move */
    labels[4] = _("Responsible");
    values[4] = review->responsible;
    /* Translators: in the committee report: the reference of the written delegation instruction */
    labels[5] = _("Delegation instruction");
    values[5] = review->delegation_ref;
    labels[6] = _("Measurable quality standards");
    values[6] = review->quality_standards;
    /* Translators: in the committee report: how the quality standards are followed up */
    labels[7] = _("Follow-up");
    values[7] = review->follow_up;
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      keep += _tm_report_measure_kv (r, labels[i], values[i]);

    /* Translators: a heading in the committee report */
    _tm_report_heading (r, _("Barriers, risk and follow-up"), FONT_H3, MIN (keep, CONTENT_H / 2));
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      /* A high risk stands out in bold as well as in words */
      _tm_report_kv_full (r, labels[i], values[i], i == 2 && review->risk == TM_RISK_HIGH);
    _tm_report_gap (r, U * 0.6);
    g_string_free (barriers, TRUE);
  }

  render_status_log (r, review);
}

static void
render_assessments (Report *r)
{
  /* Translators: a part of the appendix of the committee report */
  _tm_report_heading_part (r, _("A. The assessments in full"), r->toc_assessments);
  _tm_report_para (r, _("Each move’s assessment against the principles for moving tasks: the checklist with its notes, "
             "the quality grid, barriers, risk and follow-up, and the history of its status. A checklist "
             "item marked ○ has not yet been considered."));

  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);
      g_autoptr(GString) unassessed = g_string_new (NULL);

      if (r->covered->len > 1)
        {
          g_autofree char *title = g_strdup_printf ("%s — %s", _("The moves"), c->name);

          _tm_report_heading (r, title, FONT_H2, U * 8);
        }

      for (guint i = 0; i < c->cards->len; i++)
        {
          TmMoveCard *card = g_ptr_array_index (c->cards, i);

          _tm_report_work_done (r);
          if (has_assessment (_tm_report_card_review (card)))
            {
              render_assessment (r, c, i, card);
              continue;
            }
          if (unassessed->len > 0)
            /* Translators: the separator between the items of a list, as in "Day, Night" */
            g_string_append (unassessed, C_("list", ", "));
          g_string_append_printf (unassessed, "%u", i + 1);
        }

      if (c->cards->len == 0)
        _tm_report_para (r, _("The scenario has no moves yet."));
      else if (unassessed->len > 0)
        {
          guint n_unassessed = 1;
          g_autofree char *text = NULL;

          for (const char *p = unassessed->str; *p; p++)
            if (*p == ',' || *p == ';')
              n_unassessed++;
          text =
            /* Translators: in the appendix of the committee report; %s is the number of a
             * move, or a list of them, e.g. "4, 5, 9" */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Move %s has no assessment against the principles recorded "
                                          "yet: none of its checklist items has been considered.",
                                          "Moves %s have no assessment against the principles recorded "
                                          "yet: none of their checklist items has been considered.",
                                          n_unassessed),
                             unassessed->str);

          _tm_report_gap (r, U * 0.4);
          _tm_report_note (r, text);
        }
    }
}

gboolean
_tm_report_is_covered (Report     *r,
                       const char *scenario_id)
{
  for (guint k = 0; k < r->covered->len; k++)
    if (g_strcmp0 (g_array_index (r->covered, Covered, k).id, scenario_id) == 0)
      return TRUE;
  return FALSE;
}

static void
render_changes (Report *r)
{
  g_autofree char *title = NULL;
  g_autofree char *task_uuid = NULL;
  Table table = { 4, { 0.13, 0.15, 0.30, 0.42 }, 0, { NULL }, FONT_SMALL };

  if (*r->since != '\0')
    {
      g_autofree char *date = _tm_report_format_date (r->since);

      /* Translators: a part of the appendix of the committee report; %s is a date */
      title = g_strdup_printf (_("C. Changes since %s"), date);
    }
  else
    /* Translators: a part of the appendix of the committee report */
    title = g_strdup (_("C. All changes"));

  _tm_report_heading_part (r, title, r->toc_changes);
  if (r->since_meeting)
    _tm_report_para (r, _("The changes to the tasks, their assessments, the moves and the workshops since the committee’s "
               "last meeting, oldest first."));
  else if (r->since_time > 0)
    _tm_report_para (r, _("The changes to the tasks, their assessments, the moves and the workshops since that date, "
               "oldest first."));
  else
    _tm_report_para (r, _("No date of a last committee meeting is given, so every recorded change to the tasks, their "
               "assessments, the moves and the workshops is listed, oldest first."));

  if (r->history->len == 0)
    {
      _tm_report_para (r, _("No changes are recorded for this period."));
      return;
    }

  table.headers[0] = _("Date");
  table.headers[1] = _("Who");
  /* Translators: a column heading in the committee report: what was changed */
  table.headers[2] = _("What");
  /* Translators: a column heading in the committee report: the old and the new value */
  table.headers[3] = _("Old → new");
  _tm_report_table_begin (r, &table);

  for (guint i = 0; i < r->history->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (r->history, i);
      g_autofree char *date = _tm_report_format_time (e->when);
      g_autofree char *what = tm_history_entry_describe_field (e, r->portfolio);
      g_autofree char *old_value = tm_history_entry_format_value (e, e->old_value, r->portfolio);
      g_autofree char *new_value = tm_history_entry_format_value (e, e->new_value, r->portfolio);
      g_autofree char *change = NULL;
      const char *texts[4];

      /* The task, once for the changes that follow to it */
      if (i == 0 || g_strcmp0 (e->task_uuid, task_uuid) != 0)
        {
          g_free (task_uuid);
          task_uuid = g_strdup (e->task_uuid);
          if (e->task_uuid != NULL)
            _tm_report_table_span (r, e->task_title != NULL ? e->task_title : e->task_uuid);
          else
            /* Translators: in the list of changes of the committee report:
             * changes to the unit, its workshops or the committee's meetings */
            _tm_report_table_span (r, _("The unit and its workshops"));
        }

      /* Translators: an old and a new value in the list of changes */
      change = g_strdup_printf (_("%s → %s"), old_value, new_value);
      texts[0] = date;
      texts[1] = _tm_report_or_empty (e->who);
      texts[2] = what;
      texts[3] = change;
      _tm_report_table_row (r, &table, texts, 0);
      _tm_report_work_done (r);
    }
  _tm_report_table_end (r);
}

static void
render_appendix (Report *r)
{
  /* Translators: a section of the committee report: what follows the summary and the entries */
  _tm_report_heading1 (r, _("Appendix"), r->toc_appendix, FALSE);
  r->appendix_page = r->page;
  render_assessments (r);
  render_workshops (r);
  render_changes (r);
}

void
_tm_report_render_document (Report *r)
{
  r->page = 1;
  r->table = NULL;
  g_clear_pointer (&r->table_group, g_free);
  r->outline_section = 0;
  r->outline_part = 0;
  r->appendix_page = 0;
  g_array_set_size (r->toc_pages, 0);
  g_array_set_size (r->toc_pages, r->toc->len);
  _tm_report_begin_page (r);

  _tm_report_render_front (r);
  _tm_report_render_summary (r);
  if (r->progress != NULL && r->n_pages == 0)
    r->progress (0.1, r->user_data);
  for (guint k = 0; k < r->covered->len; k++)
    render_entries (r, &g_array_index (r->covered, Covered, k));
  render_appendix (r);

  _tm_report_end_page (r);
}
