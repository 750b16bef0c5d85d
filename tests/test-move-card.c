/* test-move-card.c
 * Tests of the move card: its figures and texts for a move built by hand,
 * the hours of every card adding up to the analysis, and the drawing.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-move-card"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "tm-core.h"
#include "render/tm-report-private.h"
#include "tm-test-util.h"

/* A unit with 10 nurses of 37 h and runners of 30 h a week, and a task of
 * 30 minutes twice a day (7 h a week) done by the nurses, half of which moves
 * to the runner. Its review: 12 items fine, 2 concerns, 2 not yet considered;
 * quality better, same, worse and twice unknown; a medium risk; agreed in a
 * workshop, then approved. */
static TmPortfolio *
hand_built (TmTask **task_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  TmPortfolio *portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Afsnit 7", &error);
  const char *scenario_id;
  TmAssessment assessment;
  TmMoveReview review;
  TmMove move = { 0 };
  TmTask *task;

  g_assert_no_error (error);
  scenario_id = tm_test_scenario_id_at (portfolio, 0);
  CHECK_OK (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", 10, 37, NULL, &error));
  CHECK_OK (tm_portfolio_set_profession_staffing (portfolio, "", "runner", 2, 30, NULL, &error));

  g_free (data->title);
  data->title = g_strdup ("Fylde vogne op");
  data->minutes = 30;
  data->occurrences = 2;
  data->per = TM_PER_DAY;
  tm_task_data_set_performer (data, "nurse", 100);
  task = tm_portfolio_add_task (portfolio, data, &error);
  g_assert_no_error (error);

  tm_assessment_init (&assessment, "runner");
  assessment.suitability = TM_SUITABILITY_CAN_TAKE_OVER;
  assessment.complexity_limit = TM_COMPLEXITY_MODERATE;
  assessment.training = TM_TRAINING_ON_THE_JOB;
  assessment.training_days = 2;
  g_free (assessment.purpose);
  assessment.purpose = g_strdup ("Frigøre sygeplejerskernes tid");
  g_free (assessment.note);
  assessment.note = g_strdup ("Kun ukomplicerede patienter");
  CHECK_OK (tm_portfolio_set_assessment (portfolio, task, &assessment, NULL, &error));
  tm_assessment_clear (&assessment);

  move.scenario_id = (char *) scenario_id;
  move.kind = TM_MOVE_TO_PROFESSION;
  move.profession_id = (char *) "runner";
  move.share = 50;
  CHECK_OK (tm_portfolio_set_move (portfolio, task, scenario_id, &move, &error));

  tm_move_review_init (&review, scenario_id);
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    review.checks[i].state = i < 12 ? TM_CHECK_FINE : i < 14 ? TM_CHECK_CONCERN : TM_CHECK_NOT_CONSIDERED;
  review.quality[TM_QUALITY_PROFESSIONAL_STANDARD].rating = TM_RATING_BETTER;
  review.quality[TM_QUALITY_RESOURCES].rating = TM_RATING_SAME;
  review.quality[TM_QUALITY_PATIENT_RISK].rating = TM_RATING_WORSE;
  review.risk = TM_RISK_MEDIUM;
  CHECK_OK (tm_portfolio_set_review (portfolio, task, &review, NULL, &error));
  tm_move_review_clear (&review);

  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario_id, TM_STATUS_AGREED,
                                          "Aftalt på workshoppen", FALSE, &error));
  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario_id, TM_STATUS_APPROVED,
                                          "Godkendt med forbehold", TRUE, &error));

  *task_out = task;
  return portfolio;
}

static void
test_hand_built (void)
{
  TmTask *task = NULL;
  g_autoptr(TmPortfolio) portfolio = hand_built (&task);
  g_autoptr(TmMoveCard) card = tm_move_card_new (portfolio, task, tm_test_scenario_id_at (portfolio, 0));
  g_autofree char *day = NULL;
  g_autofree char *description = NULL;

  g_assert_nonnull (card);
  g_assert_true (tm_move_card_get_task (card) == task);

  /* 30 min × 2 a day × 7 days = 7 h a week; half moves; runners work 30 h */
  g_assert_cmpfloat_with_epsilon (tm_move_card_get_hours (card), 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (tm_move_card_get_fte (card), 3.5 / 30, 1e-9);
  g_assert_cmpfloat (tm_move_card_get_share (card), ==, 50);
  g_assert_cmpint (tm_move_card_get_kind (card), ==, TM_MOVE_TO_PROFESSION);
  g_assert_cmpstr (tm_move_card_get_to_id (card), ==, "runner");

  /* The checklist */
  g_assert_cmpuint (tm_move_card_get_n_checks (card, TM_CHECK_FINE), ==, 12);
  g_assert_cmpuint (tm_move_card_get_n_checks (card, TM_CHECK_CONCERN), ==, 2);
  g_assert_cmpuint (tm_move_card_get_n_checks (card, TM_CHECK_NOT_CONSIDERED), ==, 2);
  g_assert_cmpuint (tm_move_card_get_n_checks (card, TM_CHECK_NOT_RELEVANT), ==, 0);

  /* Status with its date: the latest change */
  g_assert_cmpint (tm_move_card_get_status (card), ==, TM_STATUS_APPROVED);
  g_assert_cmpint (tm_move_card_get_status_time (card), >, 0);
  g_assert_cmpstr (tm_move_card_get_status_note (card), ==, "Godkendt med forbehold");

  g_assert_cmpint (tm_move_card_get_suitability (card), ==, TM_SUITABILITY_CAN_TAKE_OVER);
  g_assert_cmpint (tm_move_card_get_complexity_limit (card), ==, TM_COMPLEXITY_MODERATE);
  g_assert_cmpint (tm_move_card_get_training (card), ==, TM_TRAINING_ON_THE_JOB);
  g_assert_cmpfloat (tm_move_card_get_training_days (card), ==, 2);
  g_assert_cmpint (tm_move_card_get_rating (card, TM_QUALITY_PATIENT_RISK), ==, TM_RATING_WORSE);
  g_assert_cmpint (tm_move_card_get_risk (card), ==, TM_RISK_MEDIUM);

  /* The texts, in English (the tests run in C.UTF-8) */
  g_assert_cmpstr (tm_move_card_get_title (card), ==, "Fylde vogne op");
  g_assert_cmpstr (tm_move_card_get_from (card), ==, "Registered nurse");
  g_assert_cmpstr (tm_move_card_get_to (card), ==, "Ward runner");
  g_assert_cmpstr (tm_move_card_get_move_text (card), ==, "Registered nurse → Ward runner");
  g_assert_cmpstr (tm_move_card_get_amount_text (card), ==, "50 % · 3.5 h a week · 0.12 FTE");
  g_assert_cmpstr (tm_move_card_get_suitability_text (card), ==,
                   "✓ Can take over · Complexity limit: Moderate");
  g_assert_cmpstr (tm_move_card_get_training_text (card), ==, "On-the-job training · 2 days");
  g_assert_cmpstr (tm_move_card_get_checklist_text (card), ==, "Checklist: 12 of 16 fine · 2 concerns · 2 open");
  g_assert_cmpstr (tm_move_card_get_checklist_counts (card), ==, "12 of 16 fine · 2 concerns · 2 open");
  g_assert_cmpstr (tm_move_card_get_quality_text (card), ==, "Quality: 1▲ 2◆ 3▼ 4? 5?");
  g_assert_cmpstr (tm_move_card_get_risk_text (card), ==, "Risk: Medium");
  g_assert_cmpstr (tm_move_card_get_purpose (card), ==, "Frigøre sygeplejerskernes tid");
  g_assert_cmpstr (tm_move_card_get_note (card), ==, "Kun ukomplicerede patienter");

  day = _tm_report_format_day (tm_move_card_get_status_time (card));
  {
    g_autofree char *expected = g_strdup_printf ("● Approved by the MED committee · %s", day);

    g_assert_cmpstr (tm_move_card_get_status_text (card), ==, expected);
  }

  /* A screen reader hears it all in sentences */
  description = tm_move_card_dup_accessible_description (card);
  g_assert_nonnull (strstr (description, "Fylde vogne op."));
  g_assert_nonnull (strstr (description, "Registered nurse → Ward runner."));
  g_assert_nonnull (strstr (description, "Status: Approved by the MED committee"));
  g_assert_nonnull (strstr (description, "12 of 16 fine"));
  g_assert_nonnull (strstr (description, "Minimal risk to patients worse"));
  g_assert_nonnull (strstr (description, "Risk: Medium"));
}

/* The card built in Danish writes its numbers with a decimal comma */
static void
test_language (void)
{
  TmTask *task = NULL;
  g_autoptr(TmPortfolio) portfolio = hand_built (&task);
  g_autoptr(TmMoveCard) card = NULL;

  tm_language_push ("da");
  card = tm_move_card_new (portfolio, task, tm_test_scenario_id_at (portfolio, 0));
  tm_language_pop ();

  g_assert_cmpstr (tm_move_card_get_from (card), ==, "Sygeplejerske");
  g_assert_cmpstr (tm_move_card_get_to (card), ==, "Runner");
  g_assert_nonnull (strstr (tm_move_card_get_amount_text (card), "3,5"));
  g_assert_nonnull (strstr (tm_move_card_get_amount_text (card), "0,12"));
  g_assert_null (strstr (tm_move_card_get_amount_text (card), "3.5"));
}

/* Shared performers, stop, technology, and a task without a move */
static void
test_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_NO, "Post 3", &error);
  const char *scenario_id = tm_test_scenario_id_at (portfolio, 0);
  TmTask *tasks[4];

  g_assert_no_error (error);
  CHECK_OK (tm_portfolio_set_profession_staffing (portfolio, "", "nurse", 20, 35.5, NULL, &error));

  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    {
      g_autoptr(TmTaskData) data = tm_task_data_new ();

      g_free (data->title);
      data->title = g_strdup_printf ("Oppgave %u", i + 1);
      data->minutes = 60;
      data->occurrences = 7;
      data->per = TM_PER_WEEK;
      tm_task_data_set_performer (data, "nurse", i == 0 ? 60 : 100);
      if (i == 0)
        tm_task_data_set_performer (data, "ssa", 40);
      tasks[i] = tm_portfolio_add_task (portfolio, data, &error);
      g_assert_no_error (error);
    }

  {
    TmMove to_ssa = { (char *) scenario_id, TM_MOVE_TO_PROFESSION, (char *) "ssa", 100 };
    TmMove stop = { (char *) scenario_id, TM_MOVE_STOP, NULL, 100 };
    TmMove technology = { (char *) scenario_id, TM_MOVE_TECHNOLOGY, NULL, 50 };

    CHECK_OK (tm_portfolio_set_move (portfolio, tasks[0], scenario_id, &to_ssa, &error));
    CHECK_OK (tm_portfolio_set_move (portfolio, tasks[1], scenario_id, &stop, &error));
    CHECK_OK (tm_portfolio_set_move (portfolio, tasks[2], scenario_id, &technology, &error));
  }

  {
    g_autoptr(TmMoveCard) card = tm_move_card_new (portfolio, tasks[0], scenario_id);

    /* The assistants' own 40 % stays with them: 60 % of 7 h moves */
    g_assert_cmpfloat_with_epsilon (tm_move_card_get_hours (card), 4.2, 1e-9);
    /* No staffing given for them: Norway's full-time week of 37.5 h */
    g_assert_cmpfloat_with_epsilon (tm_move_card_get_fte (card), 4.2 / 37.5, 1e-9);
    g_assert_cmpstr (tm_move_card_get_from (card), ==, "Registered nurse 60 % · Skilled health worker 40 %");
    g_assert_cmpstr (tm_move_card_get_suitability_text (card), ==, "Not assessed");
    g_assert_cmpstr (tm_move_card_get_training_text (card), ==, "No training");
    g_assert_cmpstr (tm_move_card_get_status_text (card), ==, "○ Proposed");
    g_assert_cmpint (tm_move_card_get_status_time (card), ==, 0);
    g_assert_cmpstr (tm_move_card_get_checklist_text (card), ==, "Checklist: 0 of 16 fine · 16 open");
    g_assert_cmpstr (tm_move_card_get_quality_text (card), ==, "Quality: 1? 2? 3? 4? 5?");
    g_assert_cmpstr (tm_move_card_get_risk_text (card), ==, "Risk: Not assessed");
  }
  {
    g_autoptr(TmMoveCard) card = tm_move_card_new (portfolio, tasks[1], scenario_id);

    g_assert_cmpstr (tm_move_card_get_to (card), ==, "Stopped");
    g_assert_null (tm_move_card_get_to_id (card));
    /* Freed in the nurses' FTE of 35.5 h */
    g_assert_cmpfloat_with_epsilon (tm_move_card_get_fte (card), 7 / 35.5, 1e-9);
    g_assert_cmpstr (tm_move_card_get_training_text (card), ==, "");
  }
  {
    g_autoptr(TmMoveCard) card = tm_move_card_new (portfolio, tasks[2], scenario_id);

    g_assert_cmpstr (tm_move_card_get_to (card), ==, "Technology");
    g_assert_cmpfloat_with_epsilon (tm_move_card_get_hours (card), 3.5, 1e-9);
  }
  g_assert_null (tm_move_card_new (portfolio, tasks[3], scenario_id));
}

/* Every card's hours add up to what the analysis says moves. */
static void
test_adds_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  GListModel *scenarios;

  g_assert_no_error (error);
  scenarios = tm_portfolio_get_scenarios (portfolio);
  for (guint s = 0; s < g_list_model_get_n_items (scenarios); s++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, s);
      const char *id = tm_scenario_get_id (scenario);
      g_autoptr(TmAnalysis) analysis = tm_analysis_compute (portfolio, id);
      GListModel *tasks = tm_portfolio_get_tasks (portfolio);
      double hours = 0;
      guint n = 0;

      for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
          g_autoptr(TmMoveCard) card = tm_move_card_new_with_analysis (portfolio, task, id, analysis);

          if (card == NULL)
            continue;
          n++;
          g_assert_cmpfloat (tm_move_card_get_hours (card), >=, 0);
          hours += tm_move_card_get_hours (card);
        }
      g_assert_cmpuint (n, ==, analysis->n_moves);
      g_assert_cmpfloat_with_epsilon (hours, analysis->moved_hours, 1e-6);
    }
}

static void
test_draw (void)
{
  TmTask *task = NULL;
  g_autoptr(TmPortfolio) portfolio = hand_built (&task);
  g_autoptr(TmMoveCard) card = tm_move_card_new (portfolio, task, tm_test_scenario_id_at (portfolio, 0));
  g_autoptr(TmDrawRecorder) recorder = tm_draw_recorder_new ();
  TmDrawStyle style, room;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height, height_room, height_narrow, legend;

  tm_draw_style_init (&style, 1.0, FALSE);
  tm_draw_style_init (&room, 1.5, TRUE);

  height = tm_move_card_get_height (card, &style, 320);
  height_room = tm_move_card_get_height (card, &room, 320);
  height_narrow = tm_move_card_get_height (card, &style, 160);
  g_assert_cmpfloat (height, >, 100);
  /* Bigger type for the back of the room, and more lines when narrower */
  g_assert_cmpfloat (height_room, >, height * 1.3);
  g_assert_cmpfloat (height_narrow, >, height);
  /* The measure is cached per scale and width, and stays the same */
  g_assert_cmpfloat (tm_move_card_get_height (card, &style, 320), ==, height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 480, (int) ceil (height_room));
  cr = cairo_create (surface);
  tm_draw_recorder_attach (recorder, cr);
  tm_move_card_draw (card, cr, &room, 480, height_room, TRUE);
  tm_move_card_draw (card, cr, &style, 320, height, FALSE);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* What it shows, as words and symbols */
  g_assert_true (tm_draw_recorder_has_text (recorder, "Fylde vogne op"));
  g_assert_true (tm_draw_recorder_has_text (recorder, tm_move_card_get_status_text (card)));
  g_assert_true (tm_draw_recorder_has_text (recorder, "Registered nurse → Ward runner"));
  g_assert_true (tm_draw_recorder_has_text (recorder, "Quality: 1▲ 2◆ 3▼ 4? 5?"));
  g_assert_true (tm_draw_recorder_has_text (recorder, "Checklist: 12 of 16 fine · 2 concerns · 2 open"));
  g_assert_true (tm_draw_recorder_has_text (recorder, "Risk: Medium"));

  /* The legend explains the marks and the symbols, and measures as it draws */
  tm_draw_recorder_clear (recorder);
  legend = tm_move_card_draw_legend (NULL, &style, TM_COUNTRY_DK, 400);
  g_assert_cmpfloat (legend, >, 0);
  g_assert_cmpfloat (tm_move_card_draw_legend (cr, &style, TM_COUNTRY_DK, 400), ==, legend);
  g_assert_true (tm_draw_recorder_contains (recorder, "▲ Better"));
  g_assert_true (tm_draw_recorder_contains (recorder, "◆ Same"));
  g_assert_true (tm_draw_recorder_contains (recorder, "▼ Worse"));
  g_assert_true (tm_draw_recorder_contains (recorder, "3 Minimal risk to patients"));
  g_assert_true (tm_draw_recorder_contains (recorder, "● Approved by the MED committee"));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The four ratings have four different symbols */
static void
test_symbols (void)
{
  for (TmRating a = 0; a < TM_N_RATINGS; a++)
    for (TmRating b = a + 1; b < TM_N_RATINGS; b++)
      g_assert_cmpstr (tm_move_card_get_rating_symbol (a), !=, tm_move_card_get_rating_symbol (b));
  /* None is a status mark, so a card's two rows never read alike */
  for (TmRating a = 0; a < TM_N_RATINGS; a++)
    for (TmMoveStatus s = 0; s < TM_N_STATUSES; s++)
      g_assert_cmpstr (tm_move_card_get_rating_symbol (a), !=, tm_draw_move_status_mark (s));
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/move-card/hand-built", test_hand_built);
  g_test_add_func ("/core/move-card/language", test_language);
  g_test_add_func ("/core/move-card/kinds", test_kinds);
  g_test_add_func ("/core/move-card/adds-up", test_adds_up);
  g_test_add_func ("/core/move-card/draw", test_draw);
  g_test_add_func ("/core/move-card/symbols", test_symbols);

  return g_test_run ();
}
