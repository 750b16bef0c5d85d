/* tm-move-card.h
 * A move on a card: what a scenario does with one task, its status and how
 * far its assessment has come, as data and drawn on a cairo_t, for the
 * workshop board and the committee report.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "store/tm-portfolio.h"
#include "analysis/tm-analysis.h"
#include "render/tm-draw.h"

G_BEGIN_DECLS

/**
 * TmMoveCard:
 *
 * A snapshot of the move a scenario makes for a task: built from the task's
 * data when it is created, with every text translated into the language
 * current then (tm_language_get_current(), or a pushed one). It does not
 * follow later edits: build a new card when the task changes
 * (TmPortfolio::task-changed). Drawing is cheap: the text layouts are made
 * once per font scale and width and kept.
 *
 * The card reads in black and white: the status by its mark (as in the
 * matrix: ○ ◐ ● ▶ ■ ★ ✕ ‖) and its name, WHO's five quality components by a
 * numbered symbol each (tm_move_card_get_rating_symbol(): ▲ better, ◆ the
 * same, ▼ worse, ? not known), a high risk in bold with ⚠; colour only
 * repeats what the words say.
 *
 * Like the charts of tm-draw.h it is not thread-safe: use it on the main thread.
 */
#define TM_TYPE_MOVE_CARD (tm_move_card_get_type ())
G_DECLARE_FINAL_TYPE (TmMoveCard, tm_move_card, TM, MOVE_CARD, GObject)

/* The card of @task's move in @scenario_id; NULL when the task has no move
 * there. Computes the scenario's analysis for the FTE; a board or report that
 * builds many cards gives it once with tm_move_card_new_with_analysis(). */
TmMoveCard   *tm_move_card_new                 (TmPortfolio *portfolio,
                                                TmTask      *task,
                                                const char  *scenario_id);
/* The same with @analysis (nullable; borrowed, not kept), the analysis of
 * @scenario_id as tm_analysis_compute() gives it. */
TmMoveCard   *tm_move_card_new_with_analysis   (TmPortfolio *portfolio,
                                                TmTask      *task,
                                                const char  *scenario_id,
                                                TmAnalysis  *analysis);

TmTask       *tm_move_card_get_task            (TmMoveCard  *self);
const char   *tm_move_card_get_scenario_id     (TmMoveCard  *self);

/* Figures */
TmMoveKind    tm_move_card_get_kind            (TmMoveCard  *self);
/* The receiving profession's id; NULL for a task to stop or to technology. */
const char   *tm_move_card_get_to_id           (TmMoveCard  *self);
TmMoveStatus  tm_move_card_get_status          (TmMoveCard  *self);
/* When the status last changed (seconds since 1970 UTC); 0 when it never has. */
gint64        tm_move_card_get_status_time     (TmMoveCard  *self);
/* The share of the task's time that moves, in percent (0–100). */
double        tm_move_card_get_share           (TmMoveCard  *self);
/* Hours a week that move, as tm_analysis_compute() counts them (the part a
 * receiving profession already performs stays); TM_NOT_ESTIMATED when the
 * task has no time estimate. */
double        tm_move_card_get_hours           (TmMoveCard  *self);
/* The hours in FTE: by the weekly hours of one FTE of the receiving
 * profession, or, for a task to stop or to technology, of the profession
 * that hands it over (TmAnalysisProfession.hours_per_fte); -1 when the hours
 * are not estimated. */
double        tm_move_card_get_fte             (TmMoveCard  *self);
/* The receiving profession's assessment; NOT_ASSESSED without one (and for
 * a task to stop or to technology). */
TmSuitability tm_move_card_get_suitability     (TmMoveCard  *self);
TmComplexity  tm_move_card_get_complexity_limit (TmMoveCard *self);
TmTraining    tm_move_card_get_training        (TmMoveCard  *self);
/* Days of training; < 0 when not given. */
double        tm_move_card_get_training_days   (TmMoveCard  *self);
/* The checklist's answers; together they make TM_N_CHECK_ITEMS. */
guint         tm_move_card_get_n_checks        (TmMoveCard  *self,
                                                TmCheckState state);
TmRating      tm_move_card_get_rating          (TmMoveCard  *self,
                                                TmQualityComponent component);
TmRisk        tm_move_card_get_risk            (TmMoveCard  *self);

/* Texts, translated when the card was built (borrowed). */
const char   *tm_move_card_get_title           (TmMoveCard  *self);
/* Who performs the task today: "Registered nurse", or with shares
 * "Registered nurse 60 % · Social and health care assistant 40 %". */
const char   *tm_move_card_get_from            (TmMoveCard  *self);
/* The receiving profession's name, or "Technology" or "Stopped". */
const char   *tm_move_card_get_to              (TmMoveCard  *self);
/* "Registered nurse → Ward runner" */
const char   *tm_move_card_get_move_text       (TmMoveCard  *self);
/* "100 % · 2.9 h a week · 0.08 FTE" */
const char   *tm_move_card_get_amount_text     (TmMoveCard  *self);
/* "✓ Can take over · Complexity limit: Moderate", or for a task to stop or
 * to technology what happens to it */
const char   *tm_move_card_get_suitability_text (TmMoveCard *self);
/* "On-the-job training · 2 days", "No training"; "" for a task to stop or
 * to technology */
const char   *tm_move_card_get_training_text   (TmMoveCard  *self);
/* "● Approved by the MED committee · 20 November 2026" */
const char   *tm_move_card_get_status_text     (TmMoveCard  *self);
/* "Checklist: 12 of 16 fine · 2 concerns · 2 open" (and "· 1 not relevant"
 * where some are) */
const char   *tm_move_card_get_checklist_text  (TmMoveCard  *self);
/* The same without its label: "12 of 16 fine · 2 concerns · 2 open" */
const char   *tm_move_card_get_checklist_counts (TmMoveCard *self);
/* "Quality: 1▲ 2◆ 3▼ 4? 5?", the components in WHO's order */
const char   *tm_move_card_get_quality_text    (TmMoveCard  *self);
/* "Risk: Medium"; with a high risk "⚠ Risk: High" */
const char   *tm_move_card_get_risk_text       (TmMoveCard  *self);
/* The purpose and the note of the receiving profession's assessment, and
 * the note of the latest status change; "" where none is given. */
const char   *tm_move_card_get_purpose         (TmMoveCard  *self);
const char   *tm_move_card_get_note            (TmMoveCard  *self);
const char   *tm_move_card_get_status_note     (TmMoveCard  *self);

/* The card in sentences, for a screen reader. Free with g_free(). */
char         *tm_move_card_dup_accessible_description (TmMoveCard *self);

/* The symbol of a rating on the card: ▲ better, ◆ the same, ▼ worse, ? not known. */
const char   *tm_move_card_get_rating_symbol   (TmRating     rating);

/* The height the card needs at @width (units, see tm-draw.h), with @style's
 * font scale; readable from the back of a room at a font scale of about 1.5. */
double        tm_move_card_get_height          (TmMoveCard        *self,
                                                const TmDrawStyle *style,
                                                double             width);
/* Draws the card at (0, 0) of @cr in @width × @height (at least its
 * height, or it is clipped). @focused draws a thick outline in the accent
 * colour (thick enough to see in black and white). */
void          tm_move_card_draw                (TmMoveCard        *self,
                                                cairo_t           *cr,
                                                const TmDrawStyle *style,
                                                double             width,
                                                double             height,
                                                gboolean           focused);
/* The legend of the cards — the status marks and the quality symbols with
 * the five components by number — at (0, 0), wrapped to @width; returns the
 * height used. @cr NULL only measures. @country names the committee. */
double        tm_move_card_draw_legend         (cairo_t           *cr,
                                                const TmDrawStyle *style,
                                                TmCountry          country,
                                                double             width);

G_END_DECLS
