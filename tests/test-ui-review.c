/* test-ui-review.c
 * The assessment of a chosen move in the GUI: checklist, quality grid, barriers,
 * risk, status and history, driven on a real display.
 *
 * /ui/review/screenshot writes the pane as PNG to $TASKMAP_SCREENSHOT_DIR, in the
 * language of the environment (run it with LANGUAGE=da or nb to see the others).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-review"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tm-core.h"
#include "tm-application.h"
#include "tm-assessment-pane.h"
#include "views/tm-matrix-view.h"
#include "views/tm-matrix-view-private.h"
#include "views/tm-chart-view-private.h"
#include "tm-assessment-pane-private.h"
#include "tm-review-pane.h"
#include "tm-window.h"
#include "tm-window-private.h"
#include "taskmap-resources.h"
#include "tm-gui-util.h"
#include "tm-test-ui.h"

#define USER_NAME "Hanne Test"

/* Helpers ------------------------------------------------------------------------------- */

typedef struct {
  TmPortfolio  *portfolio;
  const char   *scenario_id;   /* borrowed from the portfolio */
  TmTask       *task;          /* borrowed: has a move to the unskilled employee */
  TmTask       *other;         /* borrowed: has no move */
  GtkWindow    *window;
  TmReviewPane *pane;
  GPtrArray    *errors;
} Fixture;

static const TmMoveReview *
get_review (Fixture *fixture)
{
  return tm_task_data_get_review (tm_task_peek_data (fixture->task), fixture->scenario_id);
}

static TmMoveStatus
get_status (Fixture *fixture)
{
  const TmMoveReview *review = get_review (fixture);

  return review != NULL ? tm_move_review_get_status (review) : TM_STATUS_PROPOSED;
}

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = _tm_review_pane_get_field (fixture->pane, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (field (fixture, "stack")));
}

static const char *
label_text (Fixture    *fixture,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (field (fixture, name)));
}

/* Types @text a character at a time, as a user would. */
static void
type_text (GtkWidget  *widget,
           const char *text)
{
  gtk_widget_grab_focus (widget);
  for (gsize i = 1; i <= strlen (text); i++)
    {
      g_autofree char *prefix = g_strndup (text, i);

      if (GTK_IS_TEXT_VIEW (widget))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), prefix, -1);
      else
        gtk_editable_set_text (GTK_EDITABLE (widget), prefix);
      tm_test_spin (5);
    }
}

static void
undo (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  tm_test_spin (30);
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      n++;
  return n;
}

/* All the text of the labels under @widget, one per line. */
static void
append_label_texts (GtkWidget *widget,
                    GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_label_texts (child, out);
}

static char *
dup_label_texts (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  append_label_texts (widget, out);
  return g_string_free (out, FALSE);
}

typedef struct {
  Fixture      *fixture;
  TmMoveStatus  status;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;

  return get_status (wait->fixture) == wait->status;
}

static gboolean
has_confirmation (gpointer data)
{
  Fixture *fixture = data;

  return _tm_review_pane_get_confirmation (fixture->pane) != NULL;
}

/* Clicks the button for @status as the keyboard would (Enter on it). */
static void
click_status (Fixture      *fixture,
              TmMoveStatus  status)
{
  GtkWidget *button = _tm_review_pane_get_status_button (fixture->pane, status);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_widget_grab_focus (button);
  gtk_widget_activate (button);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmScenario) scenario = NULL;
  GListModel *tasks;
  TmMove move = { NULL, TM_MOVE_TO_PROFESSION, (char *) "unskilled", 80 };
  /* The country, plus one; none: Denmark. */
  TmCountry country = user_data != NULL ? (TmCountry) (GPOINTER_TO_INT (user_data) - 1) : TM_COUNTRY_DK;

  fixture->portfolio = tm_example_create (NULL, country, &error);
  g_assert_no_error (error);
  tm_portfolio_set_user_name (fixture->portfolio, USER_NAME);
  scenario = g_list_model_get_item (tm_portfolio_get_scenarios (fixture->portfolio), 0);
  fixture->scenario_id = tm_scenario_get_id (scenario);

  /* The example moves 40 of its 42 tasks in its first scenario: @task and
   * @other are the two it leaves where they are. */
  tasks = tm_portfolio_get_tasks (fixture->portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (tasks) && fixture->other == NULL; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      if (tm_task_data_get_move (tm_task_peek_data (task), fixture->scenario_id) != NULL)
        continue;
      if (fixture->task == NULL)
        fixture->task = task;     /* the portfolio holds it */
      else
        fixture->other = task;
    }
  g_assert_nonnull (fixture->task);
  g_assert_nonnull (fixture->other);
  g_assert_null (get_review (fixture));
  g_assert_nonnull (tm_portfolio_lookup_profession (fixture->portfolio, "unskilled"));
  g_assert_true (tm_portfolio_set_move (fixture->portfolio, fixture->task, fixture->scenario_id,
                                        &move, &error));
  g_assert_no_error (error);
  g_assert_null (tm_task_data_get_move (tm_task_peek_data (fixture->other), fixture->scenario_id));
  g_assert_null (get_review (fixture));
  tm_portfolio_break_undo_merge (fixture->portfolio);

  fixture->pane = TM_REVIEW_PANE (tm_review_pane_new ());
  fixture->errors = tm_test_collect_errors (fixture->pane);
  fixture->window = tm_test_window_with (GTK_WIDGET (fixture->pane), 380, 800);
  tm_review_pane_set_portfolio (fixture->pane, fixture->portfolio);
  tm_review_pane_set_scenario (fixture->pane, fixture->scenario_id);
  gtk_window_present (fixture->window);
  tm_test_spin (150);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  tm_test_spin (30);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
  g_clear_pointer (&fixture->errors, g_ptr_array_unref);
  g_clear_object (&fixture->portfolio);
}

/* Tests --------------------------------------------------------------------------------- */

static void
test_no_move (Fixture       *fixture,
              gconstpointer  user_data)
{
  TmMove move = { NULL, TM_MOVE_TECHNOLOGY, NULL, 100 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (visible_page (fixture), ==, "empty");

  /* A task without a move: choose one first. */
  tm_review_pane_set_task (fixture->pane, fixture->other);
  tm_test_spin (20);
  g_assert_cmpstr (visible_page (fixture), ==, "no-move");
  {
    g_autofree char *shown = dup_label_texts (gtk_stack_get_child_by_name (GTK_STACK (field (fixture, "stack")),
                                                                           "no-move"));

    g_assert_nonnull (strstr (shown, "Choose a move first"));
    g_assert_nonnull (strstr (shown, tm_task_get_title (fixture->other)));
  }

  /* The move chosen elsewhere: the review appears. */
  g_assert_true (tm_portfolio_set_move (fixture->portfolio, fixture->other, fixture->scenario_id,
                                        &move, &error));
  g_assert_no_error (error);
  tm_test_spin (20);
  g_assert_cmpstr (visible_page (fixture), ==, "review");
  g_assert_nonnull (strstr (label_text (fixture, "status"), "Proposed"));

  /* And it goes again with the move's undo. */
  undo (fixture->portfolio);
  g_assert_cmpstr (visible_page (fixture), ==, "no-move");

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);
  g_assert_cmpstr (visible_page (fixture), ==, "review");
  tm_review_pane_set_task (fixture->pane, NULL);
  tm_test_spin (20);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
}

static void
test_checklist (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkDropDown *barriers, *training;
  const TmMoveReview *review;
  g_autofree char *first_counts = NULL;

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);
  g_assert_cmpstr (visible_page (fixture), ==, "review");

  /* Sixteen items, each a drop-down of the four states named after its item. */
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      GtkWidget *drop_down = _tm_review_pane_get_check_drop_down (fixture->pane, i);

      g_assert_nonnull (drop_down);
      g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))),
                        ==, TM_N_CHECK_STATES);
      g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)), ==, TM_CHECK_NOT_CONSIDERED);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (drop_down), ==, tm_check_item_get_description (i));
      g_assert_true (gtk_widget_get_focusable (drop_down) || gtk_widget_get_first_child (drop_down) != NULL);
    }
  first_counts = g_strdup (label_text (fixture, "counts"));
  g_assert_nonnull (strstr (first_counts, "16 of 16 items not yet considered"));
  g_assert_nonnull (strstr (first_counts, "No concerns"));

  /* A choice is stored at once. */
  barriers = GTK_DROP_DOWN (_tm_review_pane_get_check_drop_down (fixture->pane, TM_CHECK_BARRIERS));
  gtk_drop_down_set_selected (barriers, TM_CHECK_FINE);
  tm_test_spin (20);
  review = get_review (fixture);
  g_assert_nonnull (review);
  g_assert_cmpint (review->checks[TM_CHECK_BARRIERS].state, ==, TM_CHECK_FINE);
  g_assert_cmpint (review->checks[TM_CHECK_TRAINING_NEEDS].state, ==, TM_CHECK_NOT_CONSIDERED);
  g_assert_nonnull (strstr (label_text (fixture, "counts"), "15 of 16 items not yet considered"));

  training = GTK_DROP_DOWN (_tm_review_pane_get_check_drop_down (fixture->pane, TM_CHECK_TRAINING_NEEDS));
  gtk_drop_down_set_selected (training, TM_CHECK_CONCERN);
  tm_test_spin (20);
  review = get_review (fixture);
  g_assert_cmpint (review->checks[TM_CHECK_TRAINING_NEEDS].state, ==, TM_CHECK_CONCERN);
  g_assert_cmpuint (tm_move_review_count_concerns (review), ==, 1);
  g_assert_nonnull (strstr (label_text (fixture, "counts"), "1 concern"));

  /* One undo step per choice, and the pane follows. */
  undo (fixture->portfolio);
  review = get_review (fixture);
  g_assert_cmpint (review->checks[TM_CHECK_TRAINING_NEEDS].state, ==, TM_CHECK_NOT_CONSIDERED);
  g_assert_cmpint (review->checks[TM_CHECK_BARRIERS].state, ==, TM_CHECK_FINE);
  g_assert_cmpuint (gtk_drop_down_get_selected (training), ==, TM_CHECK_NOT_CONSIDERED);
  g_assert_cmpuint (gtk_drop_down_get_selected (barriers), ==, TM_CHECK_FINE);
  undo (fixture->portfolio);
  g_assert_cmpuint (gtk_drop_down_get_selected (barriers), ==, TM_CHECK_NOT_CONSIDERED);
  g_assert_cmpstr (label_text (fixture, "counts"), ==, first_counts);
}

static void
test_note_typing (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *note = _tm_review_pane_get_check_note (fixture->pane, TM_CHECK_AUTHORISATION);
  GtkDropDown *authorisation = GTK_DROP_DOWN (_tm_review_pane_get_check_drop_down (fixture->pane,
                                                                                 TM_CHECK_AUTHORISATION));
  GtkWidget *standards = field (fixture, "quality-standards");
  const TmMoveReview *review;

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);

  /* A choice first, so the typing is seen to be a step of its own. */
  gtk_drop_down_set_selected (authorisation, TM_CHECK_FINE);
  tm_test_spin (20);

  type_text (note, "Delegation per patient");
  tm_test_spin (20);
  review = get_review (fixture);
  g_assert_cmpstr (review->checks[TM_CHECK_AUTHORISATION].note, ==, "Delegation per patient");
  g_assert_cmpint (review->checks[TM_CHECK_AUTHORISATION].state, ==, TM_CHECK_FINE);

  /* The whole typing is one undo step: one undo leaves the choice. */
  undo (fixture->portfolio);
  review = get_review (fixture);
  g_assert_true (review->checks[TM_CHECK_AUTHORISATION].note == NULL
                 || *review->checks[TM_CHECK_AUTHORISATION].note == '\0');
  g_assert_cmpint (review->checks[TM_CHECK_AUTHORISATION].state, ==, TM_CHECK_FINE);
  {
    g_autofree char *shown = tm_gui_dup_widget_text (note);

    g_assert_cmpstr (shown, ==, "");
  }

  /* A text view is stored the same way, and moving on ends the step. */
  type_text (standards, "90 % within 2 h");
  gtk_widget_grab_focus (GTK_WIDGET (authorisation));
  tm_test_spin (20);
  review = get_review (fixture);
  g_assert_cmpstr (review->quality_standards, ==, "90 % within 2 h");
  type_text (field (fixture, "responsible"), "Ward manager");
  tm_test_spin (20);
  review = get_review (fixture);
  g_assert_cmpstr (review->responsible, ==, "Ward manager");
  g_assert_cmpstr (review->quality_standards, ==, "90 % within 2 h");
  undo (fixture->portfolio);
  review = get_review (fixture);
  g_assert_true (review->responsible == NULL || *review->responsible == '\0');
  g_assert_cmpstr (review->quality_standards, ==, "90 % within 2 h");
}

static void
test_quality_barriers_risk (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *risk = field (fixture, "risk");
  const TmMoveReview *review;

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);

  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (_tm_review_pane_get_quality_drop_down (fixture->pane, i)))),
                      ==, TM_N_RATINGS);
  for (guint i = 0; i < TM_N_BARRIERS; i++)
    g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (_tm_review_pane_get_barrier_check (fixture->pane, 1u << i))),
                     ==, tm_barrier_get_label (1u << i));

  gtk_drop_down_set_selected (GTK_DROP_DOWN (_tm_review_pane_get_quality_drop_down (fixture->pane, TM_QUALITY_PATIENT_RISK)),
                              TM_RATING_WORSE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_tm_review_pane_get_barrier_check (fixture->pane, TM_BARRIER_RULES)),
                               TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (_tm_review_pane_get_barrier_check (fixture->pane, TM_BARRIER_LEADERSHIP)),
                               TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (risk), TM_RISK_MEDIUM);
  type_text (_tm_review_pane_get_quality_note (fixture->pane, TM_QUALITY_PATIENT_RISK), "Fewer eyes");
  type_text (field (fixture, "mitigation"), "Daily huddle");
  tm_test_spin (20);

  review = get_review (fixture);
  g_assert_cmpint (review->quality[TM_QUALITY_PATIENT_RISK].rating, ==, TM_RATING_WORSE);
  g_assert_cmpstr (review->quality[TM_QUALITY_PATIENT_RISK].note, ==, "Fewer eyes");
  g_assert_cmpuint (review->barriers, ==, TM_BARRIER_RULES | TM_BARRIER_LEADERSHIP);
  g_assert_cmpint (review->risk, ==, TM_RISK_MEDIUM);
  g_assert_cmpstr (review->mitigation, ==, "Daily huddle");

  /* Each check button is a step of its own. */
  undo (fixture->portfolio);   /* mitigation */
  undo (fixture->portfolio);   /* quality note */
  undo (fixture->portfolio);   /* risk */
  review = get_review (fixture);
  g_assert_cmpint (review->risk, ==, TM_RISK_NOT_ASSESSED);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (risk)), ==, TM_RISK_NOT_ASSESSED);
  undo (fixture->portfolio);   /* leadership */
  review = get_review (fixture);
  g_assert_cmpuint (review->barriers, ==, TM_BARRIER_RULES);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (_tm_review_pane_get_barrier_check (fixture->pane, TM_BARRIER_LEADERSHIP))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (_tm_review_pane_get_barrier_check (fixture->pane, TM_BARRIER_RULES))));
}

static void
test_status (Fixture       *fixture,
             gconstpointer  user_data)
{
  StatusWait wait = { fixture, TM_STATUS_AGREED };
  const TmMoveReview *review;
  const TmStatusChange *change;
  g_autofree char *log = NULL;

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);
  g_assert_cmpstr (label_text (fixture, "status"), ==,
                   tm_move_status_get_label (TM_STATUS_PROPOSED, TM_COUNTRY_DK));

  /* Offered: exactly the statuses the rules allow from here. */
  for (TmMoveStatus s = 0; s < TM_N_STATUSES; s++)
    g_assert_cmpint (_tm_review_pane_get_status_button (fixture->pane, s) != NULL, ==,
                     tm_move_status_can_change (TM_STATUS_PROPOSED, s, TM_STATUS_PROPOSED));

  /* Proposed → agreed in workshop, with a note. */
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "status-note")), "Workshop 2");
  click_status (fixture, TM_STATUS_AGREED);
  g_assert_true (tm_test_wait_until (status_is, &wait));
  tm_test_spin (20);
  review = get_review (fixture);
  g_assert_cmpuint (review->status_log->len, ==, 1);
  change = &g_array_index (review->status_log, TmStatusChange, 0);
  g_assert_cmpint (change->status, ==, TM_STATUS_AGREED);
  g_assert_cmpstr (change->who, ==, USER_NAME);
  g_assert_cmpstr (change->note, ==, "Workshop 2");
  g_assert_cmpuint (change->n_open, ==, 0);

  /* The pane shows it: status, who, the note gone from the entry, new buttons. */
  g_assert_cmpstr (label_text (fixture, "status"), ==,
                   tm_move_status_get_label (TM_STATUS_AGREED, TM_COUNTRY_DK));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "status-note"))), ==, "");
  g_assert_null (_tm_review_pane_get_status_button (fixture->pane, TM_STATUS_AGREED));
  g_assert_nonnull (_tm_review_pane_get_status_button (fixture->pane, TM_STATUS_APPROVED));
  g_assert_nonnull (_tm_review_pane_get_status_button (fixture->pane, TM_STATUS_PROPOSED));
  g_assert_null (_tm_review_pane_get_status_button (fixture->pane, TM_STATUS_PILOTED));
  g_assert_cmpuint (count_children (field (fixture, "status-log")), ==, 1);
  log = dup_label_texts (field (fixture, "status-log"));
  g_assert_nonnull (strstr (log, USER_NAME));
  g_assert_nonnull (strstr (log, "Workshop 2"));
  g_assert_nonnull (strstr (log, tm_move_status_get_label (TM_STATUS_AGREED, TM_COUNTRY_DK)));

  /* Undo takes the status back, and the pane with it. */
  undo (fixture->portfolio);
  g_assert_cmpint (get_status (fixture), ==, TM_STATUS_PROPOSED);
  g_assert_cmpstr (label_text (fixture, "status"), ==,
                   tm_move_status_get_label (TM_STATUS_PROPOSED, TM_COUNTRY_DK));
  g_assert_nonnull (_tm_review_pane_get_status_button (fixture->pane, TM_STATUS_AGREED));
  g_assert_false (gtk_widget_get_visible (field (fixture, "status-log")));
}

static void
test_approve_confirmation (Fixture       *fixture,
                           gconstpointer  user_data)
{
  StatusWait wait = { fixture, TM_STATUS_APPROVED };
  g_autoptr(GError) error = NULL;
  const TmMoveReview *review;
  const TmStatusChange *change;
  GtkWidget *dialog;
  guint n_open;
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *log = NULL;

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);
  g_assert_true (tm_portfolio_set_move_status (fixture->portfolio, fixture->task, fixture->scenario_id,
                                               TM_STATUS_AGREED, NULL, FALSE, &error));
  g_assert_no_error (error);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_tm_review_pane_get_check_drop_down (fixture->pane, TM_CHECK_BARRIERS)),
                              TM_CHECK_FINE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_tm_review_pane_get_check_drop_down (fixture->pane, TM_CHECK_MINI_HTA)),
                              TM_CHECK_NOT_RELEVANT);
  tm_test_spin (20);
  n_open = tm_move_review_count_open (get_review (fixture));
  g_assert_cmpuint (n_open, ==, TM_N_CHECK_ITEMS - 2);

  /* Approving with open items asks first, and names how many. */
  click_status (fixture, TM_STATUS_APPROVED);
  g_assert_true (tm_test_wait_until (has_confirmation, fixture));
  dialog = _tm_review_pane_get_confirmation (fixture->pane);
  g_assert_true (GTK_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == fixture->window);
  g_assert_cmpint (get_status (fixture), ==, TM_STATUS_AGREED);
  shown = dup_label_texts (dialog);
  expected = g_strdup_printf ("%u items of the checklist have not yet been considered", n_open);
  g_assert_nonnull (strstr (shown, expected));

  /* Cancel: nothing changes. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  tm_test_spin (50);
  g_assert_null (_tm_review_pane_get_confirmation (fixture->pane));
  g_assert_cmpint (get_status (fixture), ==, TM_STATUS_AGREED);
  g_assert_cmpuint (get_review (fixture)->status_log->len, ==, 1);

  /* Confirm: approved, and the entry records the open items. */
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "status-note")), "MED meeting 3 March");
  click_status (fixture, TM_STATUS_APPROVED);
  g_assert_true (tm_test_wait_until (has_confirmation, fixture));
  gtk_dialog_response (GTK_DIALOG (_tm_review_pane_get_confirmation (fixture->pane)),
                       GTK_RESPONSE_ACCEPT);
  g_assert_true (tm_test_wait_until (status_is, &wait));
  tm_test_spin (50);
  g_assert_null (_tm_review_pane_get_confirmation (fixture->pane));
  review = get_review (fixture);
  g_assert_cmpuint (review->status_log->len, ==, 2);
  change = &g_array_index (review->status_log, TmStatusChange, 1);
  g_assert_cmpint (change->status, ==, TM_STATUS_APPROVED);
  g_assert_cmpuint (change->n_open, ==, n_open);
  g_assert_cmpstr (change->who, ==, USER_NAME);
  g_assert_cmpstr (change->note, ==, "MED meeting 3 March");
  g_assert_cmpstr (label_text (fixture, "status"), ==,
                   tm_move_status_get_label (TM_STATUS_APPROVED, TM_COUNTRY_DK));
  log = dup_label_texts (field (fixture, "status-log"));
  {
    g_autofree char *open = g_strdup_printf ("Approved with %u items not yet considered", n_open);

    g_assert_nonnull (strstr (log, open));
  }
  /* After the committee, the way goes on to the pilot. */
  g_assert_nonnull (_tm_review_pane_get_status_button (fixture->pane, TM_STATUS_PILOTED));

  /* Undo restores the status. */
  undo (fixture->portfolio);
  g_assert_cmpint (get_status (fixture), ==, TM_STATUS_AGREED);
  g_assert_cmpstr (label_text (fixture, "status"), ==,
                   tm_move_status_get_label (TM_STATUS_AGREED, TM_COUNTRY_DK));
  g_assert_cmpuint (count_children (field (fixture, "status-log")), ==, 1);
}

static void
test_approve_complete (Fixture       *fixture,
                       gconstpointer  user_data)
{
  StatusWait wait = { fixture, TM_STATUS_APPROVED };
  TmMoveReview review;
  g_autoptr(GError) error = NULL;

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);

  /* Every item answered: approval needs no confirmation. */
  tm_move_review_init (&review, fixture->scenario_id);
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    review.checks[i].state = TM_CHECK_FINE;
  g_assert_true (tm_portfolio_set_review (fixture->portfolio, fixture->task, &review, NULL, &error));
  g_assert_no_error (error);
  tm_move_review_clear (&review);
  tm_test_spin (20);
  g_assert_nonnull (strstr (label_text (fixture, "counts"), "All 16 items considered"));

  click_status (fixture, TM_STATUS_APPROVED);
  g_assert_true (tm_test_wait_until (status_is, &wait));
  g_assert_null (_tm_review_pane_get_confirmation (fixture->pane));
  g_assert_cmpuint (g_array_index (get_review (fixture)->status_log, TmStatusChange, 0).n_open, ==, 0);
}

static void
test_follows_core (Fixture       *fixture,
                   gconstpointer  user_data)
{
  TmMoveReview review;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *standards = NULL;

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);

  tm_move_review_init (&review, fixture->scenario_id);
  review.checks[TM_CHECK_CONSEQUENCES].state = TM_CHECK_CONCERN;
  review.checks[TM_CHECK_CONSEQUENCES].note = g_strdup ("Porters' hours");
  review.quality[TM_QUALITY_PATHWAY].rating = TM_RATING_BETTER;
  review.barriers = TM_BARRIER_BOUNDARIES;
  review.risk = TM_RISK_HIGH;
  review.responsible = g_strdup ("Ward manager");
  review.quality_standards = g_strdup ("No falls");
  g_assert_true (tm_portfolio_set_review (fixture->portfolio, fixture->task, &review, NULL, &error));
  g_assert_no_error (error);
  tm_move_review_clear (&review);
  tm_test_spin (20);

  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (_tm_review_pane_get_check_drop_down (fixture->pane, TM_CHECK_CONSEQUENCES))),
                    ==, TM_CHECK_CONCERN);
  note = tm_gui_dup_widget_text (_tm_review_pane_get_check_note (fixture->pane, TM_CHECK_CONSEQUENCES));
  g_assert_cmpstr (note, ==, "Porters' hours");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (_tm_review_pane_get_quality_drop_down (fixture->pane, TM_QUALITY_PATHWAY))),
                    ==, TM_RATING_BETTER);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (_tm_review_pane_get_barrier_check (fixture->pane, TM_BARRIER_BOUNDARIES))));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (fixture, "risk"))), ==, TM_RISK_HIGH);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "responsible"))), ==, "Ward manager");
  standards = tm_gui_dup_widget_text (field (fixture, "quality-standards"));
  g_assert_cmpstr (standards, ==, "No falls");
  g_assert_nonnull (strstr (label_text (fixture, "counts"), "1 concern"));
  /* Storing what the core said stored nothing more. */
  g_assert_true (tm_portfolio_can_undo (fixture->portfolio));
  undo (fixture->portfolio);
  g_assert_null (get_review (fixture));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (field (fixture, "risk"))), ==, TM_RISK_NOT_ASSESSED);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "responsible"))), ==, "");

  /* The status changed elsewhere shows too. */
  g_assert_true (tm_portfolio_set_move_status (fixture->portfolio, fixture->task, fixture->scenario_id,
                                               TM_STATUS_PAUSED, "Waiting for staff", FALSE, &error));
  g_assert_no_error (error);
  tm_test_spin (20);
  g_assert_cmpstr (label_text (fixture, "status"), ==,
                   tm_move_status_get_label (TM_STATUS_PAUSED, TM_COUNTRY_DK));
  g_assert_nonnull (_tm_review_pane_get_status_button (fixture->pane, TM_STATUS_PROPOSED));
  g_assert_null (_tm_review_pane_get_status_button (fixture->pane, TM_STATUS_PAUSED));

  /* A deleted task leaves nothing to assess. */
  g_assert_true (tm_portfolio_delete_tasks (fixture->portfolio, &fixture->task, 1, &error));
  g_assert_no_error (error);
  tm_test_spin (20);
  g_assert_cmpstr (visible_page (fixture), ==, "empty");
}

static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  GtkExpander *expander = GTK_EXPANDER (field (fixture, "history-expander"));
  GtkWidget *list = field (fixture, "history");
  g_autoptr(GError) error = NULL;
  GtkWidget *first;
  g_autofree char *first_text = NULL;
  guint n;

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);
  gtk_expander_set_expanded (expander, TRUE);
  tm_test_spin (20);
  /* The move itself was chosen in the set-up. */
  n = count_children (list);
  g_assert_cmpuint (n, >=, 1);

  g_assert_true (tm_portfolio_set_move_status (fixture->portfolio, fixture->task, fixture->scenario_id,
                                               TM_STATUS_AGREED, NULL, FALSE, &error));
  g_assert_no_error (error);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_tm_review_pane_get_check_drop_down (fixture->pane, TM_CHECK_SPREADING)),
                              TM_CHECK_CONCERN);
  tm_test_spin (30);
  g_assert_cmpuint (count_children (list), >, n);

  /* Newest first: the checklist answer, old → new. */
  first = gtk_widget_get_first_child (list);
  first_text = dup_label_texts (first);
  g_assert_nonnull (strstr (first_text, tm_check_item_get_label (TM_CHECK_SPREADING)));
  g_assert_nonnull (strstr (first_text, tm_check_state_get_label (TM_CHECK_CONCERN)));
  g_assert_nonnull (strstr (first_text, tm_check_state_get_label (TM_CHECK_NOT_CONSIDERED)));
  g_assert_nonnull (strstr (first_text, "→"));
  g_assert_nonnull (strstr (first_text, USER_NAME));
}

/* The assessment pane carries the review as its second page. */
static void
test_embedded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (NULL, TM_COUNTRY_NO, &error);
  g_autoptr(TmScenario) scenario = NULL;
  g_autoptr(TmTask) task = NULL;
  g_autoptr(TmTask) other = NULL;
  TmMove move = { NULL, TM_MOVE_STOP, NULL, 50 };
  GtkWindow *window;
  TmAssessmentPane *pane;
  TmReviewPane *review;
  GtkWidget *pages, *summary, *button;
  GtkStack *review_stack;

  g_assert_no_error (error);
  scenario = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);
  task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 2);
  other = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 3);
  g_assert_true (tm_portfolio_set_move (portfolio, task, tm_scenario_get_id (scenario), &move, &error));
  g_assert_no_error (error);

  pane = TM_ASSESSMENT_PANE (tm_assessment_pane_new ());
  window = tm_test_window_with (GTK_WIDGET (pane), 380, 800);
  tm_assessment_pane_set_portfolio (pane, portfolio);
  tm_assessment_pane_set_scenario (pane, tm_scenario_get_id (scenario));
  gtk_window_present (window);
  tm_test_spin (100);

  review = TM_REVIEW_PANE (_tm_assessment_pane_get_field (pane, "review"));
  pages = _tm_assessment_pane_get_field (pane, "pages");
  summary = _tm_assessment_pane_get_field (pane, "review-summary");
  button = _tm_assessment_pane_get_field (pane, "review-button");
  g_assert_true (TM_IS_REVIEW_PANE (review));
  review_stack = GTK_STACK (_tm_review_pane_get_field (review, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pages)), ==, "assessment");

  /* The cell's task is the review's task, whatever the column. */
  tm_assessment_pane_set_cell (pane, task, NULL);
  tm_test_spin (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (review_stack), ==, "review");
  g_assert_true (gtk_widget_is_visible (summary));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)),
                            tm_move_status_get_label (TM_STATUS_PROPOSED, TM_COUNTRY_NO)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "16 of 16"));

  /* Norway: the committee is AMU and the union representatives. */
  {
    g_autofree char *approve = dup_label_texts (_tm_review_pane_get_status_button (review, TM_STATUS_APPROVED));

    g_assert_nonnull (strstr (approve, tm_move_status_get_label (TM_STATUS_APPROVED, TM_COUNTRY_NO)));
    g_assert_nonnull (strstr (approve, "AMU"));
  }

  gtk_widget_activate (button);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, review));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (pages)), ==, "review");

  /* An edit on the review page reaches the move section's summary. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (_tm_review_pane_get_check_drop_down (review, TM_CHECK_MANAGEMENT)),
                              TM_CHECK_FINE);
  tm_test_spin (20);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (summary)), "15 of 16"));

  /* Another task: the review follows it. */
  tm_assessment_pane_set_cell (pane, other, NULL);
  tm_test_spin (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (review_stack), ==, "no-move");
  g_assert_false (gtk_widget_is_visible (summary));

  gtk_window_destroy (window);
  tm_test_spin (30);
}

/* Screenshots --------------------------------------------------------------------------- */

/* A move worked through in a workshop and approved by the committee. */
static void
fill_review (Fixture *fixture)
{
  StatusWait wait = { fixture, TM_STATUS_APPROVED };
  TmMoveReview review;
  g_autoptr(GError) error = NULL;

  tm_move_review_init (&review, fixture->scenario_id);
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    review.checks[i].state = TM_CHECK_FINE;
  review.checks[TM_CHECK_MINI_HTA].state = TM_CHECK_NOT_RELEVANT;
  review.checks[TM_CHECK_TRAINING_NEEDS].state = TM_CHECK_CONCERN;
  review.checks[TM_CHECK_TRAINING_NEEDS].note = g_strdup ("Two days of hygiene training first");
  review.checks[TM_CHECK_NEW_TASKS].state = TM_CHECK_NOT_CONSIDERED;
  review.checks[TM_CHECK_SPREADING].state = TM_CHECK_NOT_CONSIDERED;
  review.checks[TM_CHECK_AUTHORISATION].note = g_strdup ("No reserved activity");
  review.quality[TM_QUALITY_RESOURCES].rating = TM_RATING_BETTER;
  review.quality[TM_QUALITY_PATIENT_RISK].rating = TM_RATING_SAME;
  review.barriers = TM_BARRIER_BOUNDARIES | TM_BARRIER_RULES;
  review.risk = TM_RISK_LOW;
  review.mitigation = g_strdup ("Nurse checks the first week");
  review.responsible = g_strdup ("Ward manager");
  review.quality_standards = g_strdup ("Beds made within 30 minutes of discharge");
  review.follow_up = g_strdup ("Audit after three months");
  g_assert_true (tm_portfolio_set_review (fixture->portfolio, fixture->task, &review, NULL, &error));
  g_assert_no_error (error);
  tm_move_review_clear (&review);
  g_assert_true (tm_portfolio_set_move_status (fixture->portfolio, fixture->task, fixture->scenario_id,
                                               TM_STATUS_AGREED, "Workshop 2", FALSE, &error));
  g_assert_no_error (error);
  tm_test_spin (20);

  /* Approved through the pane, with its confirmation. */
  gtk_editable_set_text (GTK_EDITABLE (field (fixture, "status-note")), "MED meeting");
  click_status (fixture, TM_STATUS_APPROVED);
  g_assert_true (tm_test_wait_until (has_confirmation, fixture));
  gtk_dialog_response (GTK_DIALOG (_tm_review_pane_get_confirmation (fixture->pane)),
                       GTK_RESPONSE_ACCEPT);
  g_assert_true (tm_test_wait_until (status_is, &wait));
}

/* The matrix's cursor on @task and @profession_id. */
static gboolean
put_cursor (TmMatrixView *view,
            TmTask       *task,
            const char   *profession_id)
{
  for (guint row = 0; row < 40; row++)
    for (guint column = 0; column < 30; column++)
      if (tm_matrix_view_set_cursor (view, row, column)
          && tm_matrix_view_get_cursor_task (view) == task
          && tm_matrix_view_get_cursor_profession (view) != NULL
          && g_strcmp0 (tm_profession_get_id (tm_matrix_view_get_cursor_profession (view)),
                        profession_id) == 0)
        return TRUE;
  return FALSE;
}

/* The whole window, as a manager sees it: the matrix, and beside it the move's assessment. */
static void
take_window_screenshot (Fixture    *fixture,
                        const char *path)
{
  g_autoptr(TmApplication) app = tm_application_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *matrix = NULL, *pane = NULL;
  TmWindow *window;
  GStatBuf buf;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = tm_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, window));
  tm_window_set_portfolio (window, fixture->portfolio);
  tm_test_spin (200);
  if (_tm_window_get_user_name_dialog (window) != NULL)
    gtk_window_destroy (_tm_window_get_user_name_dialog (window));
  _tm_window_show_view (window, "matrix");
  tm_test_spin (300);

  matrix = tm_test_find_descendant (GTK_WIDGET (window), TM_TYPE_MATRIX_VIEW);
  pane = tm_test_find_descendant (GTK_WIDGET (window), TM_TYPE_ASSESSMENT_PANE);
  g_assert_nonnull (matrix);
  g_assert_nonnull (pane);
  g_assert_true (put_cursor (TM_MATRIX_VIEW (matrix), fixture->task, "unskilled"));
  gtk_stack_set_visible_child_name (GTK_STACK (_tm_assessment_pane_get_field (TM_ASSESSMENT_PANE (pane), "pages")),
                                    "review");
  tm_test_spin (300);

  g_assert_true (tm_test_save_png (GTK_WIDGET (window), path, 500));
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, >, 10 * 1024);
  g_test_message ("Saved %s", path);

  /* And on the projector. */
  {
    g_autofree char *base = g_strndup (path, strlen (path) - strlen (".png"));
    g_autofree char *presentation = g_strconcat (base, "-presentation.png", NULL);

    gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
    tm_test_spin (300);
    g_assert_true (tm_test_save_png (GTK_WIDGET (window), presentation, 500));
    g_assert_cmpint (g_stat (presentation, &buf), ==, 0);
    g_assert_cmpint (buf.st_size, >, 10 * 1024);
    g_test_message ("Saved %s", presentation);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  const char *env = g_getenv ("TASKMAP_SCREENSHOT_DIR");
  const char *lang = g_getenv ("LANGUAGE");
  g_autofree char *dir = env != NULL && *env ? g_strdup (env)
                                             : g_build_filename (g_get_tmp_dir (), "taskmap-screenshots", NULL);
  g_autofree char *tag = g_strdup (lang != NULL && *lang ? lang : "en");
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  const char *parts[] = { "top", "checklist", "quality", "sections", "responsibility", "bottom" };

  g_strdelimit (tag, ":", '\0');
  g_mkdir_with_parents (dir, 0755);

  /* The app's own style, as the window loads it. */
  gtk_css_provider_load_from_resource (provider, "/org/taskmap/Taskmap/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* As wide as the window makes the pane. */
  gtk_window_set_default_size (fixture->window, 360, 800);

  tm_review_pane_set_task (fixture->pane, fixture->task);
  tm_test_spin (20);
  fill_review (fixture);
  gtk_expander_set_expanded (GTK_EXPANDER (field (fixture, "quality-expander")), TRUE);
  gtk_expander_set_expanded (GTK_EXPANDER (field (fixture, "barriers-expander")), TRUE);
  gtk_expander_set_expanded (GTK_EXPANDER (field (fixture, "responsibility-expander")), TRUE);
  gtk_expander_set_expanded (GTK_EXPANDER (field (fixture, "history-expander")), TRUE);
  tm_test_spin (100);

  scroller = _tm_review_pane_get_field (fixture->pane, "scroller");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_strdup_printf ("review-pane-%s-%s.png", parts[i], tag);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf buf;

      if (g_str_equal (parts[i], "sections"))
        {
          /* The sections below the checklist, with the checklist folded away. */
          gtk_expander_set_expanded (GTK_EXPANDER (field (fixture, "checklist-expander")), FALSE);
          tm_test_spin (100);
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment) * 0.75);
        }
      else if (g_str_equal (parts[i], "responsibility"))
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_page_size (adjustment) * 1.6);
      else if (i + 1 < G_N_ELEMENTS (parts))
        gtk_adjustment_set_value (adjustment, i * gtk_adjustment_get_page_size (adjustment) * 0.9);
      else
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment)
                                              - gtk_adjustment_get_page_size (adjustment));
      g_assert_true (tm_test_save_png (GTK_WIDGET (fixture->window), path, 500));
      g_assert_cmpint (g_stat (path, &buf), ==, 0);
      /* A drawn pane is far larger than an empty one. */
      g_assert_cmpint (buf.st_size, >, 10 * 1024);
      g_test_message ("Saved %s", path);
    }

  {
    g_autofree char *name = g_strdup_printf ("review-window-%s.png", tag);
    g_autofree char *path = g_build_filename (dir, name, NULL);

    take_window_screenshot (fixture, path);
  }

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
}

/* Main ---------------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  tm_test_ui_init (&argc, &argv);

  (void) taskmap_get_resource ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/review/no-move", test_no_move);
  ADD ("/ui/review/checklist", test_checklist);
  ADD ("/ui/review/note-typing", test_note_typing);
  ADD ("/ui/review/quality-barriers-risk", test_quality_barriers_risk);
  ADD ("/ui/review/status", test_status);
  ADD ("/ui/review/approve-confirmation", test_approve_confirmation);
  ADD ("/ui/review/approve-complete", test_approve_complete);
  ADD ("/ui/review/follows-core", test_follows_core);
  ADD ("/ui/review/history", test_history);
#undef ADD
  {
    const char *lang = g_getenv ("LANGUAGE");
    /* A Norwegian session shows a Norwegian unit: its committee is AMU. */
    TmCountry country = lang != NULL && g_str_has_prefix (lang, "nb") ? TM_COUNTRY_NO : TM_COUNTRY_DK;

    g_test_add ("/ui/review/screenshot", Fixture, GINT_TO_POINTER (country + 1),
                fixture_set_up, test_screenshot, fixture_tear_down);
  }
  g_test_add_func ("/ui/review/embedded", test_embedded);

  return g_test_run ();
}
