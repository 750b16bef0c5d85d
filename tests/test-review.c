/* test-review.c
 * Tests of the assessment of a move against the principles: the status rules
 * (alone and through the portfolio), the checklist and its ids, reviews kept
 * with their tasks (reopen, scenarios deleted and copied), workshops, and the
 * exchange format carrying all of it (round trip, the schema, re-import,
 * merge, refusals, older files).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "tm-test-util.h"

#define P   TM_STATUS_PROPOSED
#define AG  TM_STATUS_AGREED
#define AP  TM_STATUS_APPROVED
#define PI  TM_STATUS_PILOTED
#define IM  TM_STATUS_IMPLEMENTED
#define EV  TM_STATUS_EVALUATED
#define RJ  TM_STATUS_REJECTED
#define PA  TM_STATUS_PAUSED

/* 2026-01-05T09:00:00Z */
#define MONDAY 1767603600

/* Helpers */

static char *
schema_path (void)
{
  return tm_test_source_path ("data", "taskmap-portfolio.xsd", NULL);
}

static const TmMoveReview *
review_of (TmTask     *task,
           const char *scenario_id)
{
  return tm_task_data_get_review (tm_task_peek_data (task), scenario_id);
}

static guint
log_length (TmTask     *task,
            const char *scenario_id)
{
  const TmMoveReview *r = review_of (task, scenario_id);

  return r ? r->status_log->len : 0;
}

static const TmStatusChange *
last_change (TmTask     *task,
             const char *scenario_id)
{
  const TmMoveReview *r = review_of (task, scenario_id);

  g_assert_nonnull (r);
  g_assert_cmpuint (r->status_log->len, >, 0);
  return &g_array_index (r->status_log, TmStatusChange, r->status_log->len - 1);
}

/* A review with every check answered @state. */
static void
review_all (TmMoveReview *review,
            const char   *scenario_id,
            TmCheckState  state)
{
  tm_move_review_init (review, scenario_id);
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    review->checks[i].state = state;
}

static void
store_review (TmPortfolio        *portfolio,
              TmTask             *task,
              const TmMoveReview *review)
{
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_portfolio_set_review (portfolio, task, review, NULL, &error));
}

static void
change_status (TmPortfolio  *portfolio,
               TmTask       *task,
               const char   *scenario_id,
               TmMoveStatus  status,
               const char   *note,
               gboolean      confirmed)
{
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario_id, status, note, confirmed, &error));
  g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, status);
}

/* A review with every field set: every check and quality component answered
 * (one check left not considered, with a note), all texts, with characters
 * XML must escape and a line break. */
static void
fill_review (TmMoveReview *r,
             const char   *scenario_id)
{
  static const TmCheckState states[] = { TM_CHECK_FINE, TM_CHECK_CONCERN, TM_CHECK_NOT_RELEVANT };

  tm_move_review_init (r, scenario_id);
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      r->checks[i].state = states[i % G_N_ELEMENTS (states)];
      r->checks[i].note = g_strdup_printf ("Punkt %u: drøftet med tillidsrepræsentanten <TR> & AMiR", i);
    }
  r->checks[TM_CHECK_MINI_HTA].state = TM_CHECK_NOT_CONSIDERED;
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      r->quality[i].rating = TM_RATING_BETTER + i % 3;
      r->quality[i].note = g_strdup_printf ("Kvalitet %u – \"målt\" på 3 måneder", i);
    }
  r->barriers = TM_BARRIER_ORGANISATION | TM_BARRIER_RULES | TM_BARRIER_LEADERSHIP;
  r->barrier_note = g_strdup ("Portørerne mangler tid om morgenen.\nDrøftes med ledelsen.");
  r->risk = TM_RISK_HIGH;
  r->mitigation = g_strdup ("Dobbeltkontrol de første fire uger");
  r->responsible = g_strdup ("Afdelingssygeplejerske Hanne Holm");
  r->delegation_ref = g_strdup ("Instruks 4.2.1 – rammedelegation");
  r->quality_standards = g_strdup ("Svar hentet inden kl. 10 i 95 % af tilfældene");
  r->follow_up = g_strdup ("Audit hver måned i et halvt år");
}

/* The review @task has, with @expected's fields and the stored status log:
 * whether the fields were all stored. */
static gboolean
fields_stored (TmTask             *task,
               const TmMoveReview *expected)
{
  const TmMoveReview *stored = review_of (task, expected->scenario_id);
  TmMoveReview want;
  gboolean equal;

  if (stored == NULL)
    return FALSE;
  tm_move_review_copy_into (&want, expected);
  g_array_set_size (want.status_log, 0);
  for (guint i = 0; i < stored->status_log->len; i++)
    {
      const TmStatusChange *c = &g_array_index (stored->status_log, TmStatusChange, i);
      TmStatusChange copy = { c->status, c->when, g_strdup (c->who), g_strdup (c->note), c->n_open };

      g_array_append_val (want.status_log, copy);
    }
  equal = tm_move_review_equal (&want, stored);
  tm_move_review_clear (&want);
  return equal;
}

/* Status rules */

/* Whether a move may go from one status (row) to another (column), for
 * every status but PAUSED; the furthest status reached does not matter. */
static const gboolean allowed[TM_N_STATUSES][TM_N_STATUSES] = {
  /*              P  AG AP PI IM EV RJ PA */
  [P]  =        { 0, 1, 1, 0, 0, 0, 1, 1 },
  [AG] =        { 1, 0, 1, 0, 0, 0, 1, 1 },
  [AP] =        { 0, 1, 0, 1, 1, 1, 1, 1 },
  [PI] =        { 0, 0, 1, 0, 1, 1, 1, 1 },
  [IM] =        { 0, 0, 0, 1, 0, 1, 1, 1 },
  [EV] =        { 0, 0, 0, 0, 1, 0, 1, 1 },
  [RJ] =        { 1, 0, 0, 0, 0, 0, 0, 0 },
};

/* From PAUSED, by the furthest main-line status reached (row). */
static const gboolean allowed_from_paused[EV + 1][TM_N_STATUSES] = {
  /*              P  AG AP PI IM EV RJ PA */
  [P]  =        { 1, 0, 0, 0, 0, 0, 1, 0 },
  [AG] =        { 1, 1, 0, 0, 0, 0, 1, 0 },
  [AP] =        { 1, 1, 1, 0, 0, 0, 1, 0 },
  [PI] =        { 1, 1, 1, 1, 0, 0, 1, 0 },
  [IM] =        { 1, 1, 1, 1, 1, 0, 1, 0 },
  [EV] =        { 1, 1, 1, 1, 1, 1, 1, 0 },
};

static gboolean
expected_change (TmMoveStatus from,
                 TmMoveStatus to,
                 TmMoveStatus reached)
{
  if (from == PA)
    return allowed_from_paused[reached][to];
  return allowed[from][to];
}

static void
test_status_rules (void)
{
  guint mismatches = 0;

  for (TmMoveStatus from = 0; from < TM_N_STATUSES; from++)
    for (TmMoveStatus to = 0; to < TM_N_STATUSES; to++)
      for (TmMoveStatus reached = 0; reached <= EV; reached++)
        {
          gboolean want = expected_change (from, to, reached);
          gboolean got = tm_move_status_can_change (from, to, reached);

          if (got != want)
            {
              mismatches++;
              FAIL ("%s → %s (reached %s): expected %s", tm_move_status_to_id (from),
                                  tm_move_status_to_id (to), tm_move_status_to_id (reached),
                                  want ? "allowed" : "refused");
            }
        }
  g_assert_cmpuint (mismatches, ==, 0);

  /* The rules the issue names, spelled out. */
  g_assert_true (tm_move_status_can_change (P, AP, P));     /* the workshop may be skipped */
  g_assert_false (tm_move_status_can_change (AG, PI, AG));  /* the committee may not */
  g_assert_false (tm_move_status_can_change (P, PI, P));
  g_assert_false (tm_move_status_can_change (P, EV, P));
  g_assert_true (tm_move_status_can_change (PI, AP, PI));   /* one step back */
  g_assert_false (tm_move_status_can_change (PI, AG, PI));  /* but not two */
  g_assert_false (tm_move_status_can_change (RJ, PA, AP));
  g_assert_false (tm_move_status_can_change (RJ, AG, AP));
  g_assert_true (tm_move_status_can_change (RJ, P, AP));
  g_assert_true (tm_move_status_can_change (PA, IM, IM));
  g_assert_false (tm_move_status_can_change (PA, EV, IM));
  for (TmMoveStatus s = 0; s < TM_N_STATUSES; s++)
    {
      g_assert_false (tm_move_status_can_change (s, s, EV));
      g_assert_cmpint (tm_move_status_can_change (s, RJ, P), ==, s != RJ);
      g_assert_cmpint (tm_move_status_can_change (s, PA, P), ==, s != RJ && s != PA);
      /* Values that are no status. */
      g_assert_false (tm_move_status_can_change (s, TM_N_STATUSES, EV));
      g_assert_false (tm_move_status_can_change (TM_N_STATUSES, s, EV));
    }
}

typedef struct {
  TmMoveStatus from;
  TmMoveStatus reached;
  guint        n;
  TmMoveStatus path[4];
} StatusPath;

/* How a move gets to each status (and furthest status) from proposed. */
static const StatusPath status_paths[] = {
  { P,  P,  0, { 0 } },
  { P,  P,  2, { RJ, P } },
  { P,  AG, 3, { AG, RJ, P } },
  { AG, AG, 1, { AG } },
  { AG, AP, 2, { AP, AG } },
  { AP, AP, 1, { AP } },
  { PI, PI, 2, { AP, PI } },
  { IM, IM, 3, { AP, PI, IM } },
  { EV, EV, 4, { AP, PI, IM, EV } },
  { RJ, P,  1, { RJ } },
  { RJ, AP, 2, { AP, RJ } },
  { PA, P,  1, { PA } },
  { PA, AG, 2, { AG, PA } },
  { PA, AP, 2, { AP, PA } },
  { PA, PI, 3, { AP, PI, PA } },
  { PA, IM, 3, { AP, IM, PA } },
  { PA, EV, 3, { AP, EV, PA } },
};

/* Every pair through the portfolio: a task for each path and target. */
static void
test_status_through_portfolio (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);

  tm_test_use_clock (MONDAY);

  for (guint i = 0; i < G_N_ELEMENTS (status_paths); i++)
    {
      const StatusPath *path = &status_paths[i];

      for (TmMoveStatus to = 0; to < TM_N_STATUSES; to++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *title = g_strdup_printf ("Opgave %u→%s", i, tm_move_status_to_id (to));
          TmTask *task = tm_test_add_task (portfolio, title, 0);
          TmMoveReview review;
          gboolean want = expected_change (path->from, to, path->reached);
          guint64 edits;
          guint n_history;
          gboolean ok;

          tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
          review_all (&review, scenario, TM_CHECK_FINE);
          store_review (portfolio, task, &review);
          tm_move_review_clear (&review);

          for (guint k = 0; k < path->n; k++)
            change_status (portfolio, task, scenario, path->path[k], NULL, FALSE);
          g_assert_cmpint (tm_test_status_of (task, scenario), ==, path->from);
          g_assert_cmpint (tm_move_review_get_reached (review_of (task, scenario)), ==, path->reached);
          g_assert_cmpuint (log_length (task, scenario), ==, path->n);

          edits = tm_portfolio_get_edit_count (portfolio);
          n_history = tm_test_history_length (portfolio);
          ok = tm_portfolio_set_move_status (portfolio, task, scenario, to, "Forsøg", FALSE, &error);

          if (ok != want)
            FAIL ("path %u: %s → %s (reached %s) was %s through the portfolio", i,
                                tm_move_status_to_id (path->from), tm_move_status_to_id (to),
                                tm_move_status_to_id (path->reached), ok ? "allowed" : "refused");
          if (want && ok)
            {
              g_assert_no_error (error);
              g_assert_cmpint (tm_test_status_of (task, scenario), ==, to);
              g_assert_cmpuint (log_length (task, scenario), ==, path->n + 1);
              g_assert_cmpstr (last_change (task, scenario)->note, ==, "Forsøg");
              g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits + 1);
            }
          else if (!want && !ok)
            {
              g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
              g_assert_cmpstr (error->message, !=, "");
              g_assert_cmpint (tm_test_status_of (task, scenario), ==, path->from);
              g_assert_cmpuint (log_length (task, scenario), ==, path->n);
              g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
              g_assert_cmpuint (tm_test_history_length (portfolio), ==, n_history);
            }
        }
    }
  tm_test_use_clock (0);
}

static void
test_status_needs_move (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  const char *first = tm_test_scenario_id_at (portfolio, 0);
  g_autofree char *second = NULL;
  TmTask *task = tm_test_add_task (portfolio, "Uden flytning", 0);
  TmMoveReview review;
  guint64 edits;

  second = g_strdup (tm_scenario_get_id (tm_portfolio_add_scenario (portfolio, "Plan B", &error)));
  g_assert_no_error (error);

  /* No move anywhere, even with a review: no status. */
  review_all (&review, first, TM_CHECK_FINE);
  store_review (portfolio, task, &review);
  tm_move_review_clear (&review);
  edits = tm_portfolio_get_edit_count (portfolio);
  g_assert_false (tm_portfolio_set_move_status (portfolio, task, first, AG, NULL, TRUE, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (log_length (task, first), ==, 0);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);

  /* A move in the other scenario does not count. */
  tm_test_set_move (portfolio, task, second, TM_MOVE_STOP, NULL, 100);
  edits = tm_portfolio_get_edit_count (portfolio);
  g_assert_false (tm_portfolio_set_move_status (portfolio, task, first, AG, NULL, TRUE, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  g_assert_cmpuint (log_length (task, first), ==, 0);

  /* There it has one, and a move with no review yet starts as proposed. */
  g_assert_null (review_of (task, second));
  change_status (portfolio, task, second, AG, NULL, FALSE);
  g_assert_cmpuint (log_length (task, second), ==, 1);
  g_assert_cmpuint (log_length (task, first), ==, 0);
}

static void
test_status_approval_confirmed (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  TmTask *task = tm_test_add_task (portfolio, "Hente blodprøvesvar", 0);
  TmTask *bare = tm_test_add_task (portfolio, "Uden vurdering", 0);
  TmMoveReview review;
  g_autofree char *before = NULL;
  g_autofree char *history_before = NULL;
  guint64 edits;

  tm_test_use_clock (MONDAY);
  tm_portfolio_set_user_name (portfolio, "Mette Jensen");
  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  tm_test_set_move (portfolio, bare, scenario, TM_MOVE_STOP, NULL, 100);

  /* Three items not yet considered. */
  review_all (&review, scenario, TM_CHECK_FINE);
  review.checks[TM_CHECK_MINI_HTA].state = TM_CHECK_NOT_CONSIDERED;
  review.checks[TM_CHECK_CONSEQUENCES].state = TM_CHECK_NOT_CONSIDERED;
  review.checks[TM_CHECK_SPREADING].state = TM_CHECK_NOT_CONSIDERED;
  review.checks[TM_CHECK_BARRIERS].state = TM_CHECK_CONCERN;
  store_review (portfolio, task, &review);
  g_assert_cmpuint (tm_move_review_count_open (review_of (task, scenario)), ==, 3);

  /* Agreeing needs no confirmation and records no open items. */
  change_status (portfolio, task, scenario, AG, NULL, FALSE);
  g_assert_cmpuint (last_change (task, scenario)->n_open, ==, 0);

  /* Approving asks, and changes nothing. */
  before = tm_test_export_xml (portfolio);
  history_before = tm_test_describe_history (portfolio);
  edits = tm_portfolio_get_edit_count (portfolio);
  g_assert_false (tm_portfolio_set_move_status (portfolio, task, scenario, AP, "Godkendt i MED", FALSE, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NEEDS_CONFIRMATION);
  g_assert_nonnull (strstr (error->message, "3"));
  g_clear_error (&error);
  g_assert_cmpint (tm_test_status_of (task, scenario), ==, AG);
  g_assert_cmpuint (log_length (task, scenario), ==, 1);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  {
    g_autofree char *after = tm_test_export_xml (portfolio);
    g_autofree char *history_after = tm_test_describe_history (portfolio);

    g_assert_cmpstr (after, ==, before);
    g_assert_cmpstr (history_after, ==, history_before);
  }

  /* Confirmed, it records how many were open. */
  change_status (portfolio, task, scenario, AP, "Godkendt i MED", TRUE);
  g_assert_cmpuint (log_length (task, scenario), ==, 2);
  g_assert_cmpuint (last_change (task, scenario)->n_open, ==, 3);
  g_assert_cmpstr (last_change (task, scenario)->who, ==, "Mette Jensen");
  g_assert_cmpstr (last_change (task, scenario)->note, ==, "Godkendt i MED");
  g_assert_cmpint (last_change (task, scenario)->when, ==, MONDAY);

  /* A move without any review has all 16 open. */
  g_assert_false (tm_portfolio_set_move_status (portfolio, bare, scenario, AP, NULL, FALSE, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NEEDS_CONFIRMATION);
  g_clear_error (&error);
  g_assert_cmpuint (log_length (bare, scenario), ==, 0);
  change_status (portfolio, bare, scenario, AP, NULL, TRUE);
  g_assert_cmpuint (last_change (bare, scenario)->n_open, ==, TM_N_CHECK_ITEMS);

  /* With every item considered ("not relevant" counts), no question is asked. */
  {
    TmTask *done = tm_test_add_task (portfolio, "Færdigvurderet", 0);

    tm_test_set_move (portfolio, done, scenario, TM_MOVE_TECHNOLOGY, NULL, 100);
    tm_move_review_clear (&review);
    review_all (&review, scenario, TM_CHECK_NOT_RELEVANT);
    review.checks[TM_CHECK_TRAINING_NEEDS].state = TM_CHECK_CONCERN;
    store_review (portfolio, done, &review);
    change_status (portfolio, done, scenario, AP, NULL, FALSE);
    g_assert_cmpuint (last_change (done, scenario)->n_open, ==, 0);
  }

  tm_move_review_clear (&review);
  tm_test_use_clock (0);
}

static void
test_status_records (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_NO, "Medicinsk afsnit M3");
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  TmTask *task = tm_test_add_task (portfolio, "Hente blodprøvesvar", 0);
  const TmMoveReview *r;

  /* A default name: the system user's. */
  g_assert_nonnull (tm_portfolio_get_user_name (portfolio));
  g_assert_cmpstr (tm_portfolio_get_user_name (portfolio), !=, "");

  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);

  tm_test_use_clock (MONDAY);
  tm_portfolio_set_user_name (portfolio, "Kari Nordmann");
  g_assert_cmpstr (tm_portfolio_get_user_name (portfolio), ==, "Kari Nordmann");
  change_status (portfolio, task, scenario, AG, "Enighet på arbeidsmøtet", FALSE);

  tm_test_use_clock (MONDAY + 86400 * 14);
  tm_portfolio_set_user_name (portfolio, "Ola Hansen");
  change_status (portfolio, task, scenario, RJ, NULL, FALSE);

  tm_test_use_clock (MONDAY + 86400 * 30);
  change_status (portfolio, task, scenario, P, "Tatt opp igjen", FALSE);

  r = review_of (task, scenario);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->status_log->len, ==, 3);
  {
    const TmStatusChange *a = &g_array_index (r->status_log, TmStatusChange, 0);
    const TmStatusChange *b = &g_array_index (r->status_log, TmStatusChange, 1);
    const TmStatusChange *c = &g_array_index (r->status_log, TmStatusChange, 2);

    g_assert_cmpint (a->status, ==, AG);
    g_assert_cmpint (a->when, ==, MONDAY);
    g_assert_cmpstr (a->who, ==, "Kari Nordmann");
    g_assert_cmpstr (a->note, ==, "Enighet på arbeidsmøtet");
    g_assert_cmpint (b->status, ==, RJ);
    g_assert_cmpint (b->when, ==, MONDAY + 86400 * 14);
    g_assert_cmpstr (b->who, ==, "Ola Hansen");
    g_assert_true (b->note == NULL || *b->note == '\0');
    g_assert_cmpint (c->status, ==, P);
    g_assert_cmpint (c->when, ==, MONDAY + 86400 * 30);
    g_assert_cmpstr (c->note, ==, "Tatt opp igjen");
  }
  /* Rejected and back to proposed: the furthest status is still "agreed". */
  g_assert_cmpint (tm_move_review_get_reached (r), ==, AG);

  /* Without a name the default comes back. */
  tm_portfolio_set_user_name (portfolio, NULL);
  g_assert_cmpstr (tm_portfolio_get_user_name (portfolio), !=, "");
  g_assert_cmpstr (tm_portfolio_get_user_name (portfolio), !=, "Ola Hansen");

  /* With the real clock. */
  tm_test_use_clock (0);
  {
    gint64 start = tm_test_real_now ();
    gint64 end;

    change_status (portfolio, task, scenario, AG, NULL, FALSE);
    change_status (portfolio, task, scenario, AP, NULL, TRUE);
    end = tm_test_real_now ();
    r = review_of (task, scenario);
    g_assert_cmpuint (r->status_log->len, ==, 5);
    for (guint i = 3; i < 5; i++)
      {
        const TmStatusChange *c = &g_array_index (r->status_log, TmStatusChange, i);

        g_assert_cmpint (c->when, >=, start);
        g_assert_cmpint (c->when, <=, end);
        g_assert_cmpstr (c->who, ==, tm_portfolio_get_user_name (portfolio));
      }
    /* Oldest first. */
    for (guint i = 1; i < r->status_log->len; i++)
      g_assert_cmpint (g_array_index (r->status_log, TmStatusChange, i - 1).when, <=,
                       g_array_index (r->status_log, TmStatusChange, i).when);
  }
}

static void
test_status_set_review_keeps_log (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  TmTask *task = tm_test_add_task (portfolio, "Hente blodprøvesvar", 0);
  TmMoveReview review;
  TmMoveReview log_before;

  tm_test_use_clock (MONDAY);
  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  review_all (&review, scenario, TM_CHECK_FINE);
  store_review (portfolio, task, &review);
  tm_move_review_clear (&review);
  change_status (portfolio, task, scenario, AG, "Workshop 1", FALSE);
  change_status (portfolio, task, scenario, AP, "MED", FALSE);
  tm_move_review_copy_into (&log_before, review_of (task, scenario));

  /* A review without any log leaves the log as it was. */
  fill_review (&review, scenario);
  store_review (portfolio, task, &review);
  g_assert_true (fields_stored (task, &review));
  g_assert_cmpuint (log_length (task, scenario), ==, 2);
  g_assert_cmpint (tm_test_status_of (task, scenario), ==, AP);

  /* A review with a log of its own: the log is not taken from it. */
  {
    TmStatusChange forged = { TM_STATUS_EVALUATED, 42, g_strdup ("Falsk"), g_strdup ("Springer over"), 0 };

    g_free (review.responsible);
    review.responsible = g_strdup ("Ny ansvarlig");
    g_array_append_val (review.status_log, forged);
    store_review (portfolio, task, &review);
  }
  g_assert_cmpstr (review_of (task, scenario)->responsible, ==, "Ny ansvarlig");
  g_assert_cmpuint (log_length (task, scenario), ==, 2);
  g_assert_cmpint (tm_test_status_of (task, scenario), ==, AP);
  for (guint i = 0; i < 2; i++)
    {
      const TmStatusChange *x = &g_array_index (log_before.status_log, TmStatusChange, i);
      const TmStatusChange *y = &g_array_index (review_of (task, scenario)->status_log, TmStatusChange, i);

      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpint (x->when, ==, y->when);
      g_assert_cmpstr (x->who, ==, y->who);
      g_assert_cmpstr (x->note, ==, y->note);
    }

  /* Nor can a forged log be set on a move that has none. */
  {
    TmTask *other = tm_test_add_task (portfolio, "Anden opgave", 0);
    TmStatusChange forged = { TM_STATUS_IMPLEMENTED, 42, g_strdup ("Falsk"), NULL, 0 };

    tm_test_set_move (portfolio, other, scenario, TM_MOVE_STOP, NULL, 100);
    g_array_append_val (review.status_log, forged);
    store_review (portfolio, other, &review);
    g_assert_nonnull (review_of (other, scenario));
    g_assert_cmpuint (log_length (other, scenario), ==, 0);
    g_assert_cmpint (tm_test_status_of (other, scenario), ==, P);
  }

  tm_move_review_clear (&review);
  tm_move_review_clear (&log_before);
  tm_test_use_clock (0);
}

static void
test_status_undo_redo (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  TmTask *task = tm_test_add_task (portfolio, "Hente blodprøvesvar", 0);
  TmMoveReview done;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  tm_test_use_clock (MONDAY);
  tm_portfolio_set_user_name (portfolio, "Mette Jensen");
  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  change_status (portfolio, task, scenario, AG, "Workshop 1", FALSE);
  before = tm_test_export_xml (portfolio);

  tm_test_use_clock (MONDAY + 3600);
  change_status (portfolio, task, scenario, AP, "MED-udvalget", TRUE);
  tm_move_review_copy_into (&done, review_of (task, scenario));
  after = tm_test_export_xml (portfolio);
  g_assert_nonnull (tm_portfolio_get_undo_label (portfolio));

  tm_test_use_clock (MONDAY + 7200);
  tm_test_undo (portfolio);
  g_assert_cmpint (tm_test_status_of (task, scenario), ==, AG);
  g_assert_cmpuint (log_length (task, scenario), ==, 1);
  {
    g_autofree char *now = tm_test_export_xml (portfolio);

    tm_test_assert_same_text (before, now);
  }

  tm_test_redo (portfolio);
  g_assert_cmpint (tm_test_status_of (task, scenario), ==, AP);
  /* The same change comes back: same time, person, note and open items. */
  g_assert_true (tm_move_review_equal (review_of (task, scenario), &done));
  {
    g_autofree char *now = tm_test_export_xml (portfolio);

    tm_test_assert_same_text (after, now);
  }

  /* Undone twice: back to no status at all. */
  tm_test_undo (portfolio);
  tm_test_undo (portfolio);
  g_assert_cmpint (tm_test_status_of (task, scenario), ==, P);
  g_assert_cmpuint (log_length (task, scenario), ==, 0);

  tm_move_review_clear (&done);
  tm_test_use_clock (0);
}

/* Checklist */

static void
test_checklist_counts (void)
{
  TmMoveReview review;

  tm_move_review_init (&review, "scenario-1");
  g_assert_cmpstr (review.scenario_id, ==, "scenario-1");
  g_assert_nonnull (review.status_log);
  g_assert_cmpuint (review.status_log->len, ==, 0);
  g_assert_cmpint (review.risk, ==, TM_RISK_NOT_ASSESSED);
  g_assert_cmpuint (review.barriers, ==, 0);
  g_assert_cmpuint (tm_move_review_count_open (&review), ==, TM_N_CHECK_ITEMS);
  g_assert_cmpuint (tm_move_review_count_concerns (&review), ==, 0);
  g_assert_cmpint (tm_move_review_get_status (&review), ==, P);
  g_assert_cmpint (tm_move_review_get_reached (&review), ==, P);

  review.checks[TM_CHECK_BARRIERS].state = TM_CHECK_FINE;
  review.checks[TM_CHECK_AUTHORISATION].state = TM_CHECK_CONCERN;
  review.checks[TM_CHECK_MINI_HTA].state = TM_CHECK_NOT_RELEVANT;
  review.checks[TM_CHECK_SPREADING].state = TM_CHECK_CONCERN;
  g_assert_cmpuint (tm_move_review_count_open (&review), ==, TM_N_CHECK_ITEMS - 4);
  g_assert_cmpuint (tm_move_review_count_concerns (&review), ==, 2);

  /* A note does not answer an item. */
  review.checks[TM_CHECK_GUIDANCE].note = g_strdup ("Skal drøftes");
  g_assert_cmpuint (tm_move_review_count_open (&review), ==, TM_N_CHECK_ITEMS - 4);

  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    review.checks[i].state = TM_CHECK_CONCERN;
  g_assert_cmpuint (tm_move_review_count_open (&review), ==, 0);
  g_assert_cmpuint (tm_move_review_count_concerns (&review), ==, TM_N_CHECK_ITEMS);

  /* Copies compare equal, and each field counts. */
  {
    TmMoveReview copy;

    tm_move_review_copy_into (&copy, &review);
    g_assert_true (tm_move_review_equal (&copy, &review));
    copy.checks[TM_CHECK_GUIDANCE].state = TM_CHECK_FINE;
    g_assert_false (tm_move_review_equal (&copy, &review));
    copy.checks[TM_CHECK_GUIDANCE].state = TM_CHECK_CONCERN;
    copy.risk = TM_RISK_LOW;
    g_assert_false (tm_move_review_equal (&copy, &review));
    copy.risk = review.risk;
    copy.barriers = TM_BARRIER_EXPECTATIONS;
    g_assert_false (tm_move_review_equal (&copy, &review));
    copy.barriers = review.barriers;
    copy.follow_up = g_strdup ("Audit");
    g_assert_false (tm_move_review_equal (&copy, &review));
    g_clear_pointer (&copy.follow_up, g_free);
    g_assert_true (tm_move_review_equal (&copy, &review));
    tm_move_review_clear (&copy);
  }

  tm_move_review_clear (&review);
}

static void
check_labels (void)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) descriptions = g_hash_table_new (g_str_hash, g_str_equal);
  guint per_section[TM_N_CHECK_SECTIONS] = { 0 };

  for (TmCheckItem i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      const char *label = tm_check_item_get_label (i);
      const char *description = tm_check_item_get_description (i);
      TmCheckSection section = tm_check_item_get_section (i);

      g_assert_nonnull (label);
      g_assert_cmpuint (strlen (label), >, 0);
      g_assert_nonnull (description);
      g_assert_cmpuint (g_utf8_strlen (description, -1), >, g_utf8_strlen (label, -1));
      g_assert_true (g_hash_table_add (labels, (gpointer) label));
      g_assert_true (g_hash_table_add (descriptions, (gpointer) description));
      g_assert_cmpuint (section, <, TM_N_CHECK_SECTIONS);
      per_section[section]++;
    }

  for (TmCheckSection s = 0; s < TM_N_CHECK_SECTIONS; s++)
    {
      g_assert_nonnull (tm_check_section_get_label (s));
      g_assert_cmpstr (tm_check_section_get_label (s), !=, "");
    }
  g_assert_cmpstr (tm_check_section_get_label (TM_CHECK_SECTION_PREREQUISITES), !=,
                   tm_check_section_get_label (TM_CHECK_SECTION_DIALOGUE));
  g_assert_cmpstr (tm_check_section_get_label (TM_CHECK_SECTION_DIALOGUE), !=,
                   tm_check_section_get_label (TM_CHECK_SECTION_FOLLOW_UP));

  for (TmCheckState s = 0; s < TM_N_CHECK_STATES; s++)
    g_assert_cmpstr (tm_check_state_get_label (s), !=, "");
  for (TmQualityComponent c = 0; c < TM_N_QUALITY_COMPONENTS; c++)
    g_assert_cmpstr (tm_quality_component_get_label (c), !=, "");
  for (TmRating r = 0; r < TM_N_RATINGS; r++)
    g_assert_cmpstr (tm_rating_get_label (r), !=, "");
  for (guint b = 0; b < TM_N_BARRIERS; b++)
    g_assert_cmpstr (tm_barrier_get_label (1u << b), !=, "");
  for (TmRisk r = 0; r < TM_N_RISKS; r++)
    g_assert_cmpstr (tm_risk_get_label (r), !=, "");
  for (TmMoveStatus s = 0; s < TM_N_STATUSES; s++)
    {
      g_assert_cmpstr (tm_move_status_get_label (s, TM_COUNTRY_DK), !=, "");
      g_assert_cmpstr (tm_move_status_get_label (s, TM_COUNTRY_NO), !=, "");
    }
  /* The committee has another name in Norway. */
  g_assert_cmpstr (tm_move_status_get_label (AP, TM_COUNTRY_DK), !=,
                   tm_move_status_get_label (AP, TM_COUNTRY_NO));
  g_assert_cmpstr (tm_move_status_get_label (AG, TM_COUNTRY_DK), ==,
                   tm_move_status_get_label (AG, TM_COUNTRY_NO));

  /* Seven prerequisites (the first in three) and a mini-HTA, five dialogue
   * items, two follow-up items. */
  g_assert_cmpuint (per_section[TM_CHECK_SECTION_PREREQUISITES], ==, 9);
  g_assert_cmpuint (per_section[TM_CHECK_SECTION_DIALOGUE], ==, 5);
  g_assert_cmpuint (per_section[TM_CHECK_SECTION_FOLLOW_UP], ==, 2);
}

static void
test_checklist_items (void)
{
  static const struct {
    TmCheckItem    item;
    TmCheckSection section;
  } sections[] = {
    { TM_CHECK_BARRIERS, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_CAPACITY_GIVING, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_CAPACITY_RECEIVING, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_AUTHORISATION, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_COMPETENCE_DEFINED, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_TRAINING_NEEDS, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_QUALITY_STANDARDS, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_GUIDANCE, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_MINI_HTA, TM_CHECK_SECTION_PREREQUISITES },
    { TM_CHECK_MANAGEMENT, TM_CHECK_SECTION_DIALOGUE },
    { TM_CHECK_QUALITY_LEVEL, TM_CHECK_SECTION_DIALOGUE },
    { TM_CHECK_STAFF_INVOLVED, TM_CHECK_SECTION_DIALOGUE },
    { TM_CHECK_CONSEQUENCES, TM_CHECK_SECTION_DIALOGUE },
    { TM_CHECK_NEW_TASKS, TM_CHECK_SECTION_DIALOGUE },
    { TM_CHECK_FOLLOW_UP, TM_CHECK_SECTION_FOLLOW_UP },
    { TM_CHECK_SPREADING, TM_CHECK_SECTION_FOLLOW_UP },
  };

  g_assert_cmpuint (TM_N_CHECK_ITEMS, ==, 16);
  g_assert_cmpuint (G_N_ELEMENTS (sections), ==, TM_N_CHECK_ITEMS);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    g_assert_cmpint (tm_check_item_get_section (sections[i].item), ==, sections[i].section);

  check_labels ();

  /* Through gettext: the same in Danish and Norwegian, whatever the catalogues hold. */
  tm_language_push ("da");
  check_labels ();
  tm_language_pop ();
  tm_language_push ("nb");
  check_labels ();
  tm_language_pop ();
}

/* Checks one enum's ids: unique, non-empty, lower-case words, read back,
 * and listed in the schema's enumeration; unknown ids refused. */
#define CHECK_IDS(name, Type, n, value_of)                                           \
  G_STMT_START {                                                                     \
    g_autoptr(GHashTable) seen_ = g_hash_table_new (g_str_hash, g_str_equal);        \
    for (guint i_ = 0; i_ < (n); i_++)                                               \
      {                                                                              \
        Type value_ = (Type) (value_of);                                             \
        const char *id_ = tm_##name##_to_id (value_);                                \
        Type back_ = (Type) 0x7fff;                                                  \
        g_autofree char *enumeration_ = NULL;                                        \
        g_assert_nonnull (id_);                                                      \
        g_assert_cmpuint (strlen (id_), >, 0);                                       \
        for (const char *c_ = id_; *c_; c_++)                                        \
          g_assert_true (g_ascii_islower (*c_) || *c_ == '-');                       \
        g_assert_true (g_hash_table_add (seen_, (gpointer) id_));                    \
        g_assert_true (tm_##name##_from_id (id_, &back_));                           \
        g_assert_cmpint (back_, ==, value_);                                         \
        enumeration_ = g_strdup_printf ("<xs:enumeration value=\"%s\"/>", id_);      \
        if (strstr (xsd, enumeration_) == NULL)                                      \
          FAIL ("%s is not in the schema", id_);                       \
      }                                                                              \
    {                                                                                \
      Type untouched_ = (Type) 0x7fff;                                               \
      g_assert_false (tm_##name##_from_id ("no-such-id", &untouched_));              \
      g_assert_false (tm_##name##_from_id ("", &untouched_));                        \
      g_assert_false (tm_##name##_from_id (NULL, &untouched_));                      \
      g_assert_cmpint (untouched_, ==, 0x7fff);                                      \
    }                                                                                \
  } G_STMT_END

static void
test_ids (void)
{
  g_autofree char *path = schema_path ();
  g_autofree char *xsd = NULL;
  g_autoptr(GError) error = NULL;

  CHECK_OK (g_file_get_contents (path, &xsd, NULL, &error));

  CHECK_IDS (check_item, TmCheckItem, TM_N_CHECK_ITEMS, i_);
  CHECK_IDS (check_state, TmCheckState, TM_N_CHECK_STATES, i_);
  CHECK_IDS (quality_component, TmQualityComponent, TM_N_QUALITY_COMPONENTS, i_);
  CHECK_IDS (rating, TmRating, TM_N_RATINGS, i_);
  CHECK_IDS (barrier, TmBarrier, TM_N_BARRIERS, 1u << i_);
  CHECK_IDS (risk, TmRisk, TM_N_RISKS, i_);
  CHECK_IDS (move_status, TmMoveStatus, TM_N_STATUSES, i_);

  /* The ids the header and the format documentation promise. */
  g_assert_cmpstr (tm_check_item_to_id (TM_CHECK_BARRIERS), ==, "barriers");
  g_assert_cmpstr (tm_check_item_to_id (TM_CHECK_CAPACITY_GIVING), ==, "capacity-giving");
  g_assert_cmpstr (tm_check_item_to_id (TM_CHECK_CAPACITY_RECEIVING), ==, "capacity-receiving");
  g_assert_cmpstr (tm_check_item_to_id (TM_CHECK_MINI_HTA), ==, "mini-hta");
  g_assert_cmpstr (tm_check_item_to_id (TM_CHECK_SPREADING), ==, "spreading");
  g_assert_cmpstr (tm_check_state_to_id (TM_CHECK_NOT_CONSIDERED), ==, "not-considered");
  g_assert_cmpstr (tm_check_state_to_id (TM_CHECK_FINE), ==, "fine");
  g_assert_cmpstr (tm_quality_component_to_id (TM_QUALITY_PATIENT_RISK), ==, "patient-risk");
  g_assert_cmpstr (tm_rating_to_id (TM_RATING_BETTER), ==, "better");
  g_assert_cmpstr (tm_barrier_to_id (TM_BARRIER_ORGANISATION), ==, "organisation");
  g_assert_cmpstr (tm_barrier_to_id (TM_BARRIER_LEADERSHIP), ==, "leadership");
  g_assert_cmpstr (tm_risk_to_id (TM_RISK_NOT_ASSESSED), ==, "not-assessed");
  g_assert_cmpstr (tm_move_status_to_id (TM_STATUS_AGREED), ==, "agreed");
  g_assert_cmpstr (tm_move_status_to_id (TM_STATUS_APPROVED), ==, "approved");
  g_assert_cmpuint (TM_BARRIERS_ALL, ==, (1u << TM_N_BARRIERS) - 1);
  {
    TmBarrier b = 0;

    g_assert_true (tm_barrier_from_id ("rules", &b));
    g_assert_cmpuint (b, ==, TM_BARRIER_RULES);
    /* One theme at a time: a list is no id. */
    g_assert_false (tm_barrier_from_id ("organisation rules", &b));
    g_assert_cmpuint (b, ==, TM_BARRIER_RULES);
  }
}

/* Reviews stored */

static void
test_review_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-review-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *second = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *history = NULL;
  TmMoveReview expected, expected_second, filled;

  g_assert_no_error (error);
  path = g_build_filename (dir, "m3.taskmap", NULL);
  file = g_file_new_for_path (path);
  tm_test_use_clock (MONDAY);

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "M3", &error);
    TmTask *task;
    TmMoveReview other;

    g_assert_no_error (error);
    tm_portfolio_set_user_name (portfolio, "Mette Jensen");
    scenario = g_strdup (tm_test_scenario_id_at (portfolio, 0));
    second = g_strdup (tm_scenario_get_id (tm_portfolio_add_scenario (portfolio, "Plan B", &error)));
    g_assert_no_error (error);
    task = tm_test_add_task (portfolio, "Hente blodprøvesvar", 0);
    uuid = g_strdup (tm_task_get_uuid (task));
    tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
    tm_test_set_move (portfolio, task, second, TM_MOVE_TECHNOLOGY, NULL, 100);

    fill_review (&filled, scenario);
    store_review (portfolio, task, &filled);
    g_assert_true (fields_stored (task, &filled));
    change_status (portfolio, task, scenario, AG, "Workshop 1", FALSE);
    tm_test_use_clock (MONDAY + 86400);
    change_status (portfolio, task, scenario, AP, "MED-udvalget 12. januar", TRUE);
    g_assert_cmpuint (last_change (task, scenario)->n_open, ==, 1);

    /* The other scenario's review is its own. */
    review_all (&other, second, TM_CHECK_CONCERN);
    other.risk = TM_RISK_LOW;
    store_review (portfolio, task, &other);
    change_status (portfolio, task, second, PA, "Afventer ny robot", FALSE);
    tm_move_review_clear (&other);

    tm_move_review_copy_into (&expected, review_of (task, scenario));
    tm_move_review_copy_into (&expected_second, review_of (task, second));
    g_assert_true (fields_stored (task, &filled));
    g_assert_cmpuint (expected.status_log->len, ==, 2);
    xml = tm_test_export_xml (portfolio);
    history = tm_test_describe_history (portfolio);
    tm_portfolio_close (portfolio);
  }

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);
    TmTask *task;
    const TmMoveReview *r;

    g_assert_no_error (error);
    g_assert_nonnull (portfolio);
    task = tm_portfolio_lookup_task (portfolio, uuid);
    g_assert_nonnull (task);
    r = review_of (task, scenario);
    g_assert_nonnull (r);
    g_assert_true (tm_move_review_equal (r, &expected));
    g_assert_true (tm_move_review_equal (review_of (task, second), &expected_second));
    g_assert_true (fields_stored (task, &filled));

    /* Field by field, so that equal() is not the only judge. */
    g_assert_cmpint (r->checks[TM_CHECK_CAPACITY_GIVING].state, ==, TM_CHECK_CONCERN);
    g_assert_cmpint (r->checks[TM_CHECK_MINI_HTA].state, ==, TM_CHECK_NOT_CONSIDERED);
    g_assert_cmpstr (r->checks[TM_CHECK_MINI_HTA].note, ==, filled.checks[TM_CHECK_MINI_HTA].note);
    g_assert_cmpint (r->quality[TM_QUALITY_PATHWAY].rating, ==, filled.quality[TM_QUALITY_PATHWAY].rating);
    g_assert_cmpstr (r->quality[TM_QUALITY_PATHWAY].note, ==, filled.quality[TM_QUALITY_PATHWAY].note);
    g_assert_cmpuint (r->barriers, ==, TM_BARRIER_ORGANISATION | TM_BARRIER_RULES | TM_BARRIER_LEADERSHIP);
    g_assert_cmpstr (r->barrier_note, ==, filled.barrier_note);
    g_assert_cmpint (r->risk, ==, TM_RISK_HIGH);
    g_assert_cmpstr (r->mitigation, ==, filled.mitigation);
    g_assert_cmpstr (r->responsible, ==, filled.responsible);
    g_assert_cmpstr (r->delegation_ref, ==, filled.delegation_ref);
    g_assert_cmpstr (r->quality_standards, ==, filled.quality_standards);
    g_assert_cmpstr (r->follow_up, ==, filled.follow_up);
    g_assert_cmpint (tm_move_review_get_status (r), ==, AP);
    {
      const TmStatusChange *c = &g_array_index (r->status_log, TmStatusChange, 1);

      g_assert_cmpint (c->when, ==, MONDAY + 86400);
      g_assert_cmpstr (c->who, ==, "Mette Jensen");
      g_assert_cmpstr (c->note, ==, "MED-udvalget 12. januar");
      g_assert_cmpuint (c->n_open, ==, 1);
    }
    g_assert_cmpint (tm_test_status_of (task, second), ==, PA);

    /* And the whole portfolio reads back the same, history included. */
    {
      g_autofree char *now = tm_test_export_xml (portfolio);
      g_autofree char *history_now = tm_test_describe_history (portfolio);

      tm_test_assert_same_text (xml, now);
      g_assert_cmpstr (history_now, ==, history);
    }
    tm_portfolio_close (portfolio);
  }

  tm_move_review_clear (&expected);
  tm_move_review_clear (&expected_second);
  tm_move_review_clear (&filled);
  tm_test_rm_rf (dir);
  tm_test_use_clock (0);
}

static void
test_review_delete_scenario (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  const char *first = tm_test_scenario_id_at (portfolio, 0);
  TmScenario *plan_b;
  g_autofree char *second = NULL;
  TmTask *task = tm_test_add_task (portfolio, "Hente blodprøvesvar", 0);
  TmMoveReview filled, kept;

  tm_test_use_clock (MONDAY);
  plan_b = tm_portfolio_add_scenario (portfolio, "Plan B", &error);
  g_assert_no_error (error);
  second = g_strdup (tm_scenario_get_id (plan_b));
  tm_test_set_move (portfolio, task, first, TM_MOVE_STOP, NULL, 100);
  tm_test_set_move (portfolio, task, second, TM_MOVE_TO_PROFESSION, "porter", 100);
  review_all (&kept, first, TM_CHECK_FINE);
  store_review (portfolio, task, &kept);
  fill_review (&filled, second);
  store_review (portfolio, task, &filled);
  change_status (portfolio, task, second, AP, "MED", TRUE);
  tm_move_review_clear (&filled);
  tm_move_review_copy_into (&filled, review_of (task, second));
  tm_move_review_clear (&kept);
  tm_move_review_copy_into (&kept, review_of (task, first));

  CHECK_OK (tm_portfolio_delete_scenario (portfolio, plan_b, &error));
  g_assert_null (tm_portfolio_lookup_scenario (portfolio, second));
  g_assert_null (review_of (task, second));
  g_assert_null (tm_task_data_get_move (tm_task_peek_data (task), second));
  g_assert_true (tm_move_review_equal (review_of (task, first), &kept));
  g_assert_cmpuint (tm_task_peek_data (task)->reviews->len, ==, 1);

  tm_test_undo (portfolio);
  g_assert_nonnull (tm_portfolio_lookup_scenario (portfolio, second));
  g_assert_nonnull (review_of (task, second));
  g_assert_true (tm_move_review_equal (review_of (task, second), &filled));
  g_assert_true (tm_move_review_equal (review_of (task, first), &kept));

  tm_test_redo (portfolio);
  g_assert_null (review_of (task, second));
  g_assert_true (tm_move_review_equal (review_of (task, first), &kept));

  tm_move_review_clear (&filled);
  tm_move_review_clear (&kept);
  tm_test_use_clock (0);
}

static void
test_review_copy_scenario (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  const char *first = tm_test_scenario_id_at (portfolio, 0);
  TmScenario *copy;
  TmTask *task = tm_test_add_task (portfolio, "Hente blodprøvesvar", 0);
  TmTask *plain = tm_test_add_task (portfolio, "Uden vurdering", 0);
  TmMoveReview filled, original;
  const TmMoveReview *copied;

  tm_test_use_clock (MONDAY);
  tm_test_set_move (portfolio, task, first, TM_MOVE_TO_PROFESSION, "porter", 100);
  tm_test_set_move (portfolio, plain, first, TM_MOVE_STOP, NULL, 100);
  fill_review (&filled, first);
  store_review (portfolio, task, &filled);
  change_status (portfolio, task, first, AG, "Workshop", FALSE);
  change_status (portfolio, task, first, AP, "MED", TRUE);
  tm_move_review_copy_into (&original, review_of (task, first));

  copy = tm_portfolio_copy_scenario (portfolio, tm_portfolio_lookup_scenario (portfolio, first), "Kopi", &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  copied = review_of (task, tm_scenario_get_id (copy));
  g_assert_nonnull (copied);
  g_assert_cmpstr (copied->scenario_id, ==, tm_scenario_get_id (copy));
  /* The assessment comes along ... */
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      g_assert_cmpint (copied->checks[i].state, ==, filled.checks[i].state);
      g_assert_cmpstr (copied->checks[i].note, ==, filled.checks[i].note);
    }
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    g_assert_cmpint (copied->quality[i].rating, ==, filled.quality[i].rating);
  g_assert_cmpuint (copied->barriers, ==, filled.barriers);
  g_assert_cmpint (copied->risk, ==, filled.risk);
  g_assert_cmpstr (copied->mitigation, ==, filled.mitigation);
  g_assert_cmpstr (copied->follow_up, ==, filled.follow_up);
  /* ... but the new scenario's move starts as proposed. */
  g_assert_cmpuint (copied->status_log->len, ==, 0);
  g_assert_cmpint (tm_move_review_get_status (copied), ==, P);
  {
    TmMoveReview want;

    tm_move_review_copy_into (&want, &filled);
    g_free (want.scenario_id);
    want.scenario_id = g_strdup (tm_scenario_get_id (copy));
    g_assert_true (tm_move_review_equal (copied, &want));
    tm_move_review_clear (&want);
  }
  /* The original keeps its history; a move without a review gets none. */
  g_assert_true (tm_move_review_equal (review_of (task, first), &original));
  g_assert_nonnull (tm_task_data_get_move (tm_task_peek_data (plain), tm_scenario_get_id (copy)));
  g_assert_null (review_of (plain, tm_scenario_get_id (copy)));

  /* The copy's status is its own. */
  change_status (portfolio, task, tm_scenario_get_id (copy), RJ, NULL, FALSE);
  g_assert_cmpint (tm_test_status_of (task, first), ==, AP);

  tm_move_review_clear (&filled);
  tm_move_review_clear (&original);
  tm_test_use_clock (0);
}

/* Workshops */

static TmWorkshop *
add_workshop (TmPortfolio          *portfolio,
              const TmWorkshopData *data)
{
  g_autoptr(GError) error = NULL;
  TmWorkshop *workshop = tm_portfolio_add_workshop (portfolio, data, &error);

  g_assert_no_error (error);
  g_assert_nonnull (workshop);
  return workshop;
}

static TmWorkshop *
workshop_at (TmPortfolio *portfolio,
             guint        position)
{
  g_autoptr(TmWorkshop) workshop = g_list_model_get_item (tm_portfolio_get_workshops (portfolio), position);

  g_assert_nonnull (workshop);
  return workshop;
}

/* "date title;date title;" in the model's order. */
static char *
describe_workshops (TmPortfolio *portfolio)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < tm_test_n_workshops (portfolio); i++)
    {
      TmWorkshop *w = workshop_at (portfolio, i);

      g_string_append_printf (text, "%s %s;", tm_workshop_get_date (w), tm_workshop_get_title (w));
    }
  return g_string_free (text, FALSE);
}

static void
test_workshop_data (void)
{
  g_autoptr(TmWorkshopData) w = tm_test_workshop_data ("2026-01-20", "Workshop 1");
  g_autoptr(TmWorkshopData) copy = NULL;

  g_assert_nonnull (w->participants);
  g_assert_nonnull (w->moves);
  g_assert_cmpuint (tm_workshop_data_count_participants (w), ==, 0);

  tm_workshop_data_set_participants (w, "nurse", 4);
  tm_workshop_data_set_participants (w, "porter", 2);
  tm_workshop_data_set_participants (w, "ssa", 1);
  g_assert_cmpuint (tm_workshop_data_count_participants (w), ==, 7);
  tm_workshop_data_set_participants (w, "nurse", 5);
  g_assert_cmpuint (tm_workshop_data_count_participants (w), ==, 8);
  g_assert_cmpuint (w->participants->len, ==, 3);
  tm_workshop_data_set_participants (w, "ssa", 0);
  g_assert_cmpuint (tm_workshop_data_count_participants (w), ==, 7);
  g_assert_cmpuint (w->participants->len, ==, 2);

  tm_workshop_data_link_move (w, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-1", TRUE);
  tm_workshop_data_link_move (w, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-1", TRUE);
  tm_workshop_data_link_move (w, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-2", TRUE);
  g_assert_cmpuint (w->moves->len, ==, 2);
  g_assert_true (tm_workshop_data_has_move (w, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-1"));
  g_assert_false (tm_workshop_data_has_move (w, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-3"));

  copy = tm_workshop_data_copy (w);
  g_assert_true (tm_workshop_data_equal (copy, w));
  tm_workshop_data_link_move (copy, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-2", FALSE);
  g_assert_false (tm_workshop_data_has_move (copy, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-2"));
  g_assert_false (tm_workshop_data_equal (copy, w));
  tm_workshop_data_link_move (copy, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-2", TRUE);
  g_assert_true (tm_workshop_data_equal (copy, w));
  tm_workshop_data_set_participants (copy, "porter", 3);
  g_assert_false (tm_workshop_data_equal (copy, w));
}

static void
test_workshop_validate (void)
{
  static const char * const bad_dates[] = {
    "2026-02-30", "2026-13-01", "2026-00-10", "2025-02-29", "", "26-01-20", "2026-1-20",
    "2026/01/20", "2026-01-20T10:00", "20260120", "2026-01-2x",
  };
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  g_autoptr(TmWorkshopData) good = tm_test_workshop_data ("2024-02-29", "Skuddag");
  TmWorkshop *existing;
  guint64 edits;

  CHECK_OK (tm_workshop_data_validate (good, &error));
  existing = add_workshop (portfolio, good);
  edits = tm_portfolio_get_edit_count (portfolio);

  for (guint i = 0; i < G_N_ELEMENTS (bad_dates); i++)
    {
      g_autoptr(TmWorkshopData) w = tm_test_workshop_data (bad_dates[i], "Forkert dato");

      g_assert_false (tm_workshop_data_validate (w, &error));
      g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);

      g_assert_null (tm_portfolio_add_workshop (portfolio, w, &error));
      g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
      g_clear_error (&error);

      g_assert_false (tm_portfolio_update_workshop (portfolio, existing, w, NULL, &error));
      g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* Too many participants. */
  {
    g_autoptr(TmWorkshopData) w = tm_test_workshop_data ("2026-01-20", "Stormøde");

    tm_workshop_data_set_participants (w, "nurse", 100000);
    CHECK_OK (tm_workshop_data_validate (w, &error));
    tm_workshop_data_set_participants (w, "nurse", 100001);
    g_assert_false (tm_workshop_data_validate (w, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (tm_portfolio_add_workshop (portfolio, w, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (tm_portfolio_update_workshop (portfolio, existing, w, NULL, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* An id already taken. */
  {
    g_autoptr(TmWorkshopData) w = tm_test_workshop_data ("2026-01-20", "Dublet");

    w->id = g_strdup (tm_workshop_get_id (existing));
    g_assert_null (tm_portfolio_add_workshop (portfolio, w, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS);
    g_clear_error (&error);
  }

  /* Nothing changed. */
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 1);
  g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (existing), good));
}

static void
test_workshop_edit_undo (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  g_autoptr(TmWorkshopData) data = tm_test_workshop_data ("2026-01-20", "Workshop 1");
  g_autoptr(TmWorkshopData) changed = NULL;
  g_autofree char *id = NULL;
  TmWorkshop *workshop;
  TmTask *task = tm_test_add_task (portfolio, "Hente blodprøvesvar", 0);
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  guint64 edits;

  g_free (data->facilitator);
  data->facilitator = g_strdup ("Anne Berg");
  g_free (data->names);
  data->names = g_strdup ("Mette, Ole, Hanne");
  g_free (data->decisions);
  data->decisions = g_strdup ("Portørerne henter blodprøvesvar fra 1. marts.");
  tm_workshop_data_set_participants (data, "nurse", 4);
  tm_workshop_data_set_participants (data, "porter", 2);
  tm_workshop_data_link_move (data, tm_task_get_uuid (task), scenario, TRUE);

  edits = tm_portfolio_get_edit_count (portfolio);
  workshop = add_workshop (portfolio, data);
  id = g_strdup (tm_workshop_get_id (workshop));
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, "");
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits + 1);
  g_assert_true (tm_portfolio_lookup_workshop (portfolio, id) == workshop);
  g_assert_null (tm_portfolio_lookup_workshop (portfolio, "no-such-workshop"));
  g_assert_cmpstr (tm_workshop_get_date (workshop), ==, "2026-01-20");
  g_assert_cmpstr (tm_workshop_get_title (workshop), ==, "Workshop 1");
  g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (workshop), data));
  g_assert_cmpstr (tm_workshop_peek_data (workshop)->id, ==, id);
  g_assert_cmpuint (tm_workshop_data_count_participants (tm_workshop_peek_data (workshop)), ==, 6);
  g_assert_true (tm_workshop_data_has_move (tm_workshop_peek_data (workshop), tm_task_get_uuid (task), scenario));

  /* Typing a title: one undo step. */
  changed = tm_workshop_data_copy (tm_workshop_peek_data (workshop));
  for (guint i = 1; i <= 4; i++)
    {
      g_free (changed->title);
      changed->title = g_strndup ("Morgenopgaverne", 3 + 3 * i);
      CHECK_OK (tm_portfolio_update_workshop (portfolio, workshop, changed, "title", &error));
      g_assert_cmpstr (tm_workshop_get_title (workshop), ==, changed->title);
    }
  g_assert_cmpstr (tm_workshop_get_title (workshop), ==, "Morgenopgaverne");
  tm_workshop_data_set_participants (changed, "ssa", 3);
  CHECK_OK (tm_portfolio_update_workshop (portfolio, workshop, changed, NULL, &error));
  g_assert_cmpuint (tm_workshop_data_count_participants (tm_workshop_peek_data (workshop)), ==, 9);
  g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (workshop), changed));
  g_assert_cmpstr (tm_workshop_get_id (workshop), ==, id);

  tm_test_undo (portfolio);
  g_assert_cmpuint (tm_workshop_data_count_participants (tm_workshop_peek_data (workshop)), ==, 6);
  g_assert_cmpstr (tm_workshop_get_title (workshop), ==, "Morgenopgaverne");
  tm_test_undo (portfolio);
  g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (workshop), data));
  tm_test_redo (portfolio);
  g_assert_cmpstr (tm_workshop_get_title (workshop), ==, "Morgenopgaverne");
  tm_test_redo (portfolio);
  g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (workshop), changed));

  /* Deleted, and back with the same id and data. */
  CHECK_OK (tm_portfolio_delete_workshop (portfolio, workshop, &error));
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 0);
  g_assert_null (tm_portfolio_lookup_workshop (portfolio, id));
  tm_test_undo (portfolio);
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 1);
  workshop = tm_portfolio_lookup_workshop (portfolio, id);
  g_assert_nonnull (workshop);
  g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (workshop), changed));
  tm_test_redo (portfolio);
  g_assert_null (tm_portfolio_lookup_workshop (portfolio, id));
  tm_test_undo (portfolio);
  workshop = tm_portfolio_lookup_workshop (portfolio, id);
  g_assert_nonnull (workshop);

  /* Unchanged data is no edit; a workshop of another portfolio is refused. */
  edits = tm_portfolio_get_edit_count (portfolio);
  CHECK_OK (tm_portfolio_update_workshop (portfolio, workshop, changed, NULL, &error));
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  {
    g_autoptr(TmPortfolio) other = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
    TmWorkshop *foreign = add_workshop (other, data);

    g_assert_false (tm_portfolio_update_workshop (portfolio, foreign, changed, NULL, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (tm_portfolio_delete_workshop (portfolio, foreign, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpuint (tm_test_n_workshops (other), ==, 1);
  }
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *counter)
{
  (*counter)++;
}

static void
test_workshop_order (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  g_autoptr(TmWorkshopData) march = tm_test_workshop_data ("2026-03-10", "Marts A");
  g_autoptr(TmWorkshopData) january = tm_test_workshop_data ("2026-01-05", "Januar");
  g_autoptr(TmWorkshopData) march_b = tm_test_workshop_data ("2026-03-10", "Marts B");
  g_autoptr(TmWorkshopData) december = tm_test_workshop_data ("2025-12-01", "December");
  TmWorkshop *first;
  guint changes = 0;

  g_signal_connect (tm_portfolio_get_workshops (portfolio), "items-changed",
                    G_CALLBACK (count_items_changed), &changes);

  first = add_workshop (portfolio, march);
  add_workshop (portfolio, january);
  add_workshop (portfolio, march_b);
  add_workshop (portfolio, december);
  g_assert_cmpuint (changes, >=, 4);
  {
    g_autofree char *order = describe_workshops (portfolio);

    g_assert_cmpstr (order, ==, "2025-12-01 December;2026-01-05 Januar;2026-03-10 Marts A;2026-03-10 Marts B;");
  }

  /* A new date moves it. */
  {
    g_autoptr(TmWorkshopData) moved = tm_workshop_data_copy (tm_workshop_peek_data (first));
    g_autofree char *order = NULL;

    g_free (moved->date);
    moved->date = g_strdup ("2026-02-01");
    CHECK_OK (tm_portfolio_update_workshop (portfolio, first, moved, NULL, &error));
    order = describe_workshops (portfolio);
    g_assert_cmpstr (order, ==, "2025-12-01 December;2026-01-05 Januar;2026-02-01 Marts A;2026-03-10 Marts B;");
  }

  tm_test_undo (portfolio);
  {
    g_autofree char *order = describe_workshops (portfolio);

    g_assert_cmpstr (order, ==, "2025-12-01 December;2026-01-05 Januar;2026-03-10 Marts A;2026-03-10 Marts B;");
  }

  /* Deleted and undone, it comes back in its place. */
  CHECK_OK (tm_portfolio_delete_workshop (portfolio, first, &error));
  tm_test_undo (portfolio);
  {
    g_autofree char *order = describe_workshops (portfolio);

    g_assert_cmpstr (order, ==, "2025-12-01 December;2026-01-05 Januar;2026-03-10 Marts A;2026-03-10 Marts B;");
  }
}

static void
test_workshop_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-review-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmWorkshopData) one = tm_test_workshop_data ("2026-01-20", "Workshop 1: morgenopgaverne");
  g_autoptr(TmWorkshopData) two = tm_test_workshop_data ("2026-02-03", "Workshop 2");
  g_autofree char *id_one = NULL;
  g_autofree char *id_two = NULL;
  g_autofree char *order = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "m3.taskmap", NULL);
  file = g_file_new_for_path (path);

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (file, TM_COUNTRY_NO, "M3", &error);
    TmTask *a, *b;
    const char *scenario;

    g_assert_no_error (error);
    scenario = tm_test_scenario_id_at (portfolio, 0);
    a = tm_test_add_task (portfolio, "Hente prøvesvar", 0);
    b = tm_test_add_task (portfolio, "Bestille varer", 0);
    tm_test_set_move (portfolio, a, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
    tm_test_set_move (portfolio, b, scenario, TM_MOVE_TECHNOLOGY, NULL, 100);

    g_free (one->facilitator);
    one->facilitator = g_strdup ("Anne Berg");
    g_free (one->names);
    one->names = g_strdup ("Kari, Ola & Per");
    g_free (one->decisions);
    one->decisions = g_strdup ("Portører henter svar.\nVarer bestilles automatisk.");
    tm_workshop_data_set_participants (one, "nurse", 5);
    tm_workshop_data_set_participants (one, "ssa", 2);
    tm_workshop_data_set_participants (one, "porter", 1);
    tm_workshop_data_link_move (one, tm_task_get_uuid (a), scenario, TRUE);
    tm_workshop_data_link_move (one, tm_task_get_uuid (b), scenario, TRUE);
    tm_workshop_data_set_participants (two, "physician", 1);

    id_two = g_strdup (tm_workshop_get_id (add_workshop (portfolio, two)));
    id_one = g_strdup (tm_workshop_get_id (add_workshop (portfolio, one)));
    CHECK_OK (tm_portfolio_set_last_committee_meeting (portfolio, "2026-02-10", &error));
    order = describe_workshops (portfolio);
    tm_portfolio_close (portfolio);
  }

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);
    TmWorkshop *w;
    g_autofree char *now = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 2);
    now = describe_workshops (portfolio);
    g_assert_cmpstr (now, ==, order);
    g_assert_cmpstr (now, ==, "2026-01-20 Workshop 1: morgenopgaverne;2026-02-03 Workshop 2;");

    w = tm_portfolio_lookup_workshop (portfolio, id_one);
    g_assert_nonnull (w);
    g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (w), one));
    g_assert_cmpuint (tm_workshop_data_count_participants (tm_workshop_peek_data (w)), ==, 8);
    g_assert_cmpuint (tm_workshop_peek_data (w)->moves->len, ==, 2);
    g_assert_cmpstr (tm_workshop_peek_data (w)->names, ==, "Kari, Ola & Per");
    w = tm_portfolio_lookup_workshop (portfolio, id_two);
    g_assert_nonnull (w);
    g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (w), two));
    g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2026-02-10");
    tm_portfolio_close (portfolio);
  }

  tm_test_rm_rf (dir);
}

static void
test_committee_meeting (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  guint64 edits;

  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "");
  CHECK_OK (tm_portfolio_set_last_committee_meeting (portfolio, "2026-02-10", &error));
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2026-02-10");

  edits = tm_portfolio_get_edit_count (portfolio);
  g_assert_false (tm_portfolio_set_last_committee_meeting (portfolio, "2026-02-30", &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2026-02-10");
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);

  CHECK_OK (tm_portfolio_set_last_committee_meeting (portfolio, "", &error));
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "");
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2026-02-10");
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "");
  tm_test_redo (portfolio);
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2026-02-10");
}

/* Exchange */

/* A portfolio with everything the committee pack adds: reviews with every
 * field and status logs in two scenarios, workshops, the committee date and
 * the history of all that. The clock is fixed and moves on by a minute per
 * edit. */
typedef struct {
  TmPortfolio *portfolio;
  char        *first;
  char        *second;
  TmTask      *fetch, *order, *plain;
  gint64       clock;
} Full;

static void
tick (Full *f)
{
  f->clock += 60;
  tm_test_use_clock (f->clock);
}

static void
full_build (Full      *f,
            TmCountry  country)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmWorkshopData) one = tm_test_workshop_data ("2026-01-20", "Workshop 1: morgenopgaverne");
  g_autoptr(TmWorkshopData) two = tm_test_workshop_data ("2026-01-06", "Kick-off");
  TmMoveReview review;

  f->portfolio = tm_test_new_portfolio (country, "Medicinsk afsnit M3");
  f->clock = MONDAY;
  tick (f);
  tm_portfolio_set_user_name (f->portfolio, "Mette Jensen");
  f->first = g_strdup (tm_test_scenario_id_at (f->portfolio, 0));
  f->second = g_strdup (tm_scenario_get_id (tm_portfolio_add_scenario (f->portfolio, "Plan B", &error)));
  g_assert_no_error (error);

  tick (f);
  f->fetch = tm_test_add_task (f->portfolio, "Hente blodprøvesvar", 0);
  tick (f);
  f->order = tm_test_add_task (f->portfolio, "Bestille varer", 0);
  tick (f);
  f->plain = tm_test_add_task (f->portfolio, "Tømme skyllerum", 0);
  tick (f);
  tm_test_set_move (f->portfolio, f->fetch, f->first, TM_MOVE_TO_PROFESSION, "porter", 100);
  tick (f);
  tm_test_set_move (f->portfolio, f->fetch, f->second, TM_MOVE_TO_PROFESSION, "service-assistant", 100);
  tick (f);
  tm_test_set_move (f->portfolio, f->order, f->first, TM_MOVE_TECHNOLOGY, NULL, 100);

  tick (f);
  fill_review (&review, f->first);
  store_review (f->portfolio, f->fetch, &review);
  tm_move_review_clear (&review);
  tick (f);
  change_status (f->portfolio, f->fetch, f->first, AG, "Aftalt på workshop 1", FALSE);
  tick (f);
  tm_portfolio_set_user_name (f->portfolio, "Hanne Holm");
  change_status (f->portfolio, f->fetch, f->first, AP, "MED-udvalget <12. januar> & AMiR", TRUE);
  tick (f);
  change_status (f->portfolio, f->fetch, f->first, PI, NULL, FALSE);

  tick (f);
  review_all (&review, f->second, TM_CHECK_NOT_RELEVANT);
  review.checks[TM_CHECK_GUIDANCE].state = TM_CHECK_CONCERN;
  review.checks[TM_CHECK_GUIDANCE].note = g_strdup ("Hvem vejleder om natten?");
  review.quality[TM_QUALITY_RESOURCES].rating = TM_RATING_WORSE;
  review.barriers = TM_BARRIER_EXPECTATIONS;
  review.risk = TM_RISK_LOW;
  store_review (f->portfolio, f->fetch, &review);
  tm_move_review_clear (&review);
  tick (f);
  change_status (f->portfolio, f->fetch, f->second, RJ, "For dyrt", FALSE);

  tick (f);
  review_all (&review, f->first, TM_CHECK_FINE);
  review.responsible = g_strdup ("Ole Sand");
  store_review (f->portfolio, f->order, &review);
  tm_move_review_clear (&review);
  tick (f);
  change_status (f->portfolio, f->order, f->first, PA, "Venter på leverandøren", FALSE);

  g_free (one->facilitator);
  one->facilitator = g_strdup ("Anne Berg");
  g_free (one->names);
  one->names = g_strdup ("Mette, Ole & Hanne");
  g_free (one->decisions);
  one->decisions = g_strdup ("Portørerne henter svar.\nVarer bestilles af robotten.");
  tm_workshop_data_set_participants (one, "nurse", 5);
  tm_workshop_data_set_participants (one, "porter", 2);
  tm_workshop_data_set_participants (one, "ssa", 1);
  tm_workshop_data_link_move (one, tm_task_get_uuid (f->fetch), f->first, TRUE);
  tm_workshop_data_link_move (one, tm_task_get_uuid (f->order), f->first, TRUE);
  tm_workshop_data_set_participants (two, "nurse", 3);
  tick (f);
  add_workshop (f->portfolio, one);
  tick (f);
  add_workshop (f->portfolio, two);
  tick (f);
  CHECK_OK (tm_portfolio_set_last_committee_meeting (f->portfolio, "2026-01-12", &error));
}

static void
full_clear (Full *f)
{
  g_clear_object (&f->portfolio);
  g_clear_pointer (&f->first, g_free);
  g_clear_pointer (&f->second, g_free);
  tm_test_use_clock (0);
}

/* Runs `xmllint --noout --nonet --schema` on @xml; TRUE when it validates. */
static gboolean
xmllint_accepts (const char *xml,
                 gsize       length,
                 const char *name)
{
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *xsd = schema_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = -1;
  gboolean ok;

  if (xmllint == NULL)
    g_test_message ("xmllint is missing: install libxml2-utils (tools/install-deps does)");
  g_assert_nonnull (xmllint);

  dir = tm_test_make_tmp_dir ("test-review-XXXXXX");
  path = g_build_filename (dir, name, NULL);
  CHECK_OK (g_file_set_contents (path, xml, length, &error));

  {
    const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", xsd, path, NULL };

    CHECK_OK (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                            &status, &error));
  }
  ok = g_spawn_check_wait_status (status, NULL);
  if (!ok)
    g_test_message ("xmllint on %s: %s", name, err);
  tm_test_rm_rf (dir);
  return ok;
}

static void
test_exchange_round_trip (void)
{
  Full f = { 0 };
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  g_autofree char *history = NULL;
  g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");

  full_build (&f, TM_COUNTRY_DK);
  xml = tm_test_export_xml (f.portfolio);
  history = tm_test_describe_history (f.portfolio);

  /* Everything is in the file. */
  g_assert_nonnull (strstr (xml, "<review scenario=\""));
  g_assert_nonnull (strstr (xml, "barriers=\"organisation rules leadership\""));
  g_assert_nonnull (strstr (xml, "risk=\"high\""));
  g_assert_nonnull (strstr (xml, "<check item=\"capacity-receiving\" state=\"not-relevant\">"));
  g_assert_nonnull (strstr (xml, "<check item=\"mini-hta\" state=\"not-considered\">"));
  g_assert_nonnull (strstr (xml, "<quality component=\"pathway\""));
  g_assert_nonnull (strstr (xml, "<delegation-instruction>Instruks 4.2.1 – rammedelegation</delegation-instruction>"));
  g_assert_nonnull (strstr (xml, "<follow-up>Audit hver måned i et halvt år</follow-up>"));
  g_assert_nonnull (strstr (xml, "<status-change status=\"approved\""));
  g_assert_nonnull (strstr (xml, "who=\"Hanne Holm\" open=\"1\">MED-udvalget &lt;12. januar&gt; &amp; AMiR</status-change>"));
  g_assert_nonnull (strstr (xml, "<status-change status=\"rejected\""));
  g_assert_nonnull (strstr (xml, "<last-committee-meeting>2026-01-12</last-committee-meeting>"));
  g_assert_nonnull (strstr (xml, "<workshops>"));
  g_assert_nonnull (strstr (xml, "<participants profession=\"porter\" count=\"2\"/>"));
  g_assert_nonnull (strstr (xml, "<decided task=\""));
  g_assert_nonnull (strstr (xml, "<history>"));
  g_assert_nonnull (strstr (xml, "field=\"review.status\""));
  g_assert_nonnull (strstr (xml, "field=\"workshop\""));
  g_assert_nonnull (strstr (xml, "field=\"committee-meeting\""));
  g_assert_cmpuint (tm_test_history_length (f.portfolio), >=, 20);
  /* The earlier workshop first. */
  g_assert_true (strstr (xml, "Kick-off") < strstr (xml, "Workshop 1: morgenopgaverne"));

  /* Into a new portfolio and out again: the same bytes. */
  tm_test_use_clock (MONDAY + 86400 * 30);
  tm_test_import_xml (copy, xml, "m3.xml");
  again = tm_test_export_xml (copy);
  tm_test_assert_same_text (xml, again);

  /* And the same values, read through the API. */
  {
    g_autofree char *copied_history = tm_test_describe_history (copy);
    TmTask *task = tm_portfolio_lookup_task (copy, tm_task_get_uuid (f.fetch));

    g_assert_cmpstr (copied_history, ==, history);
    g_assert_nonnull (task);
    g_assert_true (tm_move_review_equal (review_of (task, f.first), review_of (f.fetch, f.first)));
    g_assert_true (tm_move_review_equal (review_of (task, f.second), review_of (f.fetch, f.second)));
    g_assert_cmpint (tm_test_status_of (task, f.first), ==, PI);
    g_assert_cmpint (tm_test_status_of (task, f.second), ==, RJ);
    g_assert_cmpuint (tm_test_n_workshops (copy), ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_true (tm_workshop_data_equal (tm_workshop_peek_data (workshop_at (copy, i)),
                                             tm_workshop_peek_data (workshop_at (f.portfolio, i))));
    g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (copy), ==, "2026-01-12");
  }

  full_clear (&f);
}

static void
test_exchange_schema (void)
{
  Full f = { 0 };
  g_autofree char *xml = NULL;
  g_autofree char *no = NULL;

  full_build (&f, TM_COUNTRY_DK);
  xml = tm_test_export_xml (f.portfolio);
  g_assert_true (xmllint_accepts (xml, strlen (xml), "committee-dk.xml"));
  full_clear (&f);

  full_build (&f, TM_COUNTRY_NO);
  no = tm_test_export_xml (f.portfolio);
  g_assert_true (xmllint_accepts (no, strlen (no), "committee-no.xml"));
  full_clear (&f);

  /* xmllint can fail: an unknown status is refused by the schema. */
  {
    g_autoptr(GString) bad = g_string_new (xml);

    g_assert_cmpuint (g_string_replace (bad, "status=\"approved\"", "status=\"blessed\"", 1), ==, 1);
    g_assert_false (xmllint_accepts (bad->str, bad->len, "blessed.xml"));
  }
}

static void
test_exchange_reimport (void)
{
  Full f = { 0 };
  g_autofree char *xml = NULL;
  g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");

  full_build (&f, TM_COUNTRY_DK);
  xml = tm_test_export_xml (f.portfolio);
  tm_test_use_clock (MONDAY + 86400 * 30);
  tm_test_import_xml (copy, xml, "m3.xml");

  /* Again into the copy, and into the portfolio it came from: nothing new. */
  for (guint round = 0; round < 2; round++)
    {
      TmPortfolio *target = round == 0 ? copy : f.portfolio;
      guint64 edits = tm_portfolio_get_edit_count (target);
      guint n = tm_test_history_length (target);
      g_autofree char *before = tm_test_export_xml (target);
      g_autofree char *after = NULL;

      tm_test_import_xml (target, xml, "m3.xml");
      g_assert_cmpuint (tm_test_history_length (target), ==, n);
      g_assert_cmpuint (tm_portfolio_get_edit_count (target), ==, edits);
      after = tm_test_export_xml (target);
      tm_test_assert_same_text (before, after);
    }

  full_clear (&f);
}

static void
test_exchange_merge_history (void)
{
  Full f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *later = NULL;
  g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  guint n_before, n_after;

  full_build (&f, TM_COUNTRY_DK);
  xml = tm_test_export_xml (f.portfolio);
  n_before = tm_test_history_length (f.portfolio);
  tm_test_use_clock (MONDAY + 86400 * 30);
  tm_test_import_xml (copy, xml, "m3.xml");
  g_assert_cmpuint (tm_test_history_length (copy), ==, n_before);

  /* The original goes on: a new title, a status, a new assessment. */
  tm_test_use_clock (MONDAY + 86400 * 40);
  {
    g_autoptr(TmTaskData) data = tm_task_dup_data (f.fetch);

    g_free (data->title);
    data->title = g_strdup ("Hente alle prøvesvar");
    CHECK_OK (tm_portfolio_update_task (f.portfolio, f.fetch, data, NULL, &error));
  }
  tm_test_use_clock (MONDAY + 86400 * 41);
  change_status (f.portfolio, f.fetch, f.first, IM, "I drift", FALSE);
  {
    TmMoveReview review;

    tm_move_review_copy_into (&review, review_of (f.order, f.first));
    g_free (review.mitigation);
    review.mitigation = g_strdup ("Manuel bestilling som reserve");
    store_review (f.portfolio, f.order, &review);
    tm_move_review_clear (&review);
  }
  n_after = tm_test_history_length (f.portfolio);
  g_assert_cmpuint (n_after, >=, n_before + 3);
  later = tm_test_export_xml (f.portfolio);

  /* The copy takes exactly the entries it lacks. */
  tm_test_use_clock (MONDAY + 86400 * 50);
  tm_test_import_xml (copy, later, "m3-later.xml");
  g_assert_cmpuint (tm_test_history_length (copy), ==, n_after);
  {
    g_autofree char *expected = tm_test_describe_history (f.portfolio);
    g_autofree char *actual = tm_test_describe_history (copy);
    g_autofree char *again = tm_test_export_xml (copy);

    g_assert_cmpstr (actual, ==, expected);
    tm_test_assert_same_text (later, again);
  }

  /* The older file brings nothing now. */
  {
    guint64 edits = tm_portfolio_get_edit_count (copy);

    tm_test_import_xml (copy, xml, "m3.xml");
    g_assert_cmpuint (tm_test_history_length (copy), ==, n_after);
    g_assert_cmpuint (tm_portfolio_get_edit_count (copy), ==, edits);
  }

  full_clear (&f);
}

/* A file the import must refuse: where, and whether xmllint refuses it too. */
typedef struct {
  const char *name;
  guint       line;
  const char *marker;     /* on that line of the fixture */
  gboolean    schema_valid;
} Refusal;

static const Refusal refusals[] = {
  { "unknown-check-item.xml", 19, "item=\"morale\"", FALSE },
  { "unknown-status.xml", 20, "status=\"blessed\"", FALSE },
  { "bad-status-time.xml", 20, "when=\"2026-01-32T09:00:00Z\"", FALSE },
  { "two-reviews.xml", 23, "<review scenario=\"scenario-1\" risk=\"high\">", TRUE },
  { "workshop-bad-date.xml", 27, "date=\"2026-13-01\"", FALSE },
  { "workshop-unknown-profession.xml", 27, "<workshop id=\"workshop-1\"", TRUE },
};

static void
test_exchange_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      const Refusal *r = &refusals[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *path = tm_test_data_file ("review", r->name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      g_autofree char *prefix = g_strdup_printf ("%s:%u:", r->name, r->line);
      g_auto(GStrv) lines = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *history = NULL;
      g_autofree char *history_after = NULL;
      guint64 edits;
      Full f = { 0 };

      g_test_message ("%s", r->name);
      CHECK_OK (g_file_get_contents (path, &contents, NULL, &error));
      lines = g_strsplit (contents, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), >=, r->line);
      g_assert_nonnull (strstr (lines[r->line - 1], r->marker));
      g_assert_cmpint (xmllint_accepts (contents, strlen (contents), r->name), ==, r->schema_valid);

      /* Into a portfolio with reviews, workshops and history of its own ... */
      full_build (&f, TM_COUNTRY_DK);
      before = tm_test_export_xml (f.portfolio);
      history = tm_test_describe_history (f.portfolio);
      edits = tm_portfolio_get_edit_count (f.portfolio);
      g_assert_false (tm_xml_import_file (f.portfolio, file, &error));
      g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, prefix))
        FAIL ("%s: the message does not start with “%s”: %s", r->name, prefix, error->message);
      g_clear_error (&error);

      /* ... which stays as it was. */
      after = tm_test_export_xml (f.portfolio);
      history_after = tm_test_describe_history (f.portfolio);
      tm_test_assert_same_text (before, after);
      g_assert_cmpstr (history_after, ==, history);
      g_assert_cmpuint (tm_portfolio_get_edit_count (f.portfolio), ==, edits);
      full_clear (&f);

      /* And into an empty one, which stays empty. */
      {
        g_autoptr(TmPortfolio) empty = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");

        edits = tm_portfolio_get_edit_count (empty);
        g_assert_false (tm_xml_import_file (empty, file, &error));
        g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
        g_clear_error (&error);
        g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (empty)), ==, 0);
        g_assert_cmpuint (tm_test_n_workshops (empty), ==, 0);
        g_assert_cmpuint (tm_test_history_length (empty), ==, 0);
        g_assert_cmpuint (tm_portfolio_get_edit_count (empty), ==, edits);
        g_assert_false (tm_portfolio_can_undo (empty));
      }
    }
}

/* A hand-written version 4 file: every value read as written. */
static void
test_exchange_fixture (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tm_test_data_file ("review", "committee.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) history = NULL;
  TmTask *task;
  const TmMoveReview *r;
  TmWorkshop *w;

  CHECK_OK (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (xmllint_accepts (contents, strlen (contents), "committee.xml"));
  CHECK_OK (tm_xml_import_file (portfolio, file, &error));

  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2026-02-10");
  task = tm_portfolio_lookup_task (portfolio, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b");
  g_assert_nonnull (task);
  r = review_of (task, "scenario-1");
  g_assert_nonnull (r);
  g_assert_cmpint (r->risk, ==, TM_RISK_MEDIUM);
  g_assert_cmpuint (r->barriers, ==, TM_BARRIER_ORGANISATION | TM_BARRIER_RULES);
  g_assert_cmpint (r->checks[TM_CHECK_BARRIERS].state, ==, TM_CHECK_FINE);
  g_assert_cmpstr (r->checks[TM_CHECK_BARRIERS].note, ==, "Drøftet med portørerne.");
  g_assert_cmpint (r->checks[TM_CHECK_CAPACITY_RECEIVING].state, ==, TM_CHECK_CONCERN);
  g_assert_cmpint (r->checks[TM_CHECK_MINI_HTA].state, ==, TM_CHECK_NOT_RELEVANT);
  /* The state's default. */
  g_assert_cmpint (r->checks[TM_CHECK_MANAGEMENT].state, ==, TM_CHECK_NOT_CONSIDERED);
  g_assert_cmpstr (r->checks[TM_CHECK_MANAGEMENT].note, ==, "Spørg chefen.");
  g_assert_cmpint (r->checks[TM_CHECK_SPREADING].state, ==, TM_CHECK_NOT_CONSIDERED);
  g_assert_null (r->checks[TM_CHECK_SPREADING].note);
  g_assert_cmpuint (tm_move_review_count_open (r), ==, TM_N_CHECK_ITEMS - 3);
  g_assert_cmpuint (tm_move_review_count_concerns (r), ==, 1);
  g_assert_cmpint (r->quality[TM_QUALITY_PATIENT_RISK].rating, ==, TM_RATING_SAME);
  g_assert_cmpstr (r->quality[TM_QUALITY_PATIENT_RISK].note, ==, "Ingen ændring for patienten.");
  g_assert_cmpint (r->quality[TM_QUALITY_RESOURCES].rating, ==, TM_RATING_BETTER);
  g_assert_cmpint (r->quality[TM_QUALITY_PATHWAY].rating, ==, TM_RATING_UNKNOWN);
  g_assert_cmpstr (r->barrier_note, ==, "Portørerne mangler tid om morgenen.");
  g_assert_cmpstr (r->mitigation, ==, "Dobbeltkontrol i fire uger.");
  g_assert_cmpstr (r->responsible, ==, "Hanne Holm");
  g_assert_cmpstr (r->delegation_ref, ==, "Instruks 4.2.1");
  g_assert_cmpstr (r->quality_standards, ==, "Svar hentet inden kl. 10.");
  g_assert_cmpstr (r->follow_up, ==, "Audit hver måned.");
  g_assert_cmpuint (r->status_log->len, ==, 2);
  {
    const TmStatusChange *a = &g_array_index (r->status_log, TmStatusChange, 0);
    const TmStatusChange *b = &g_array_index (r->status_log, TmStatusChange, 1);

    g_assert_cmpint (a->status, ==, AG);
    g_assert_cmpint (a->when, ==, 1768899600);   /* 2026-01-20T09:00:00Z */
    g_assert_cmpstr (a->who, ==, "Mette Jensen");
    g_assert_cmpstr (a->note, ==, "Aftalt på workshop 1.");
    g_assert_cmpuint (a->n_open, ==, 0);
    g_assert_cmpint (b->status, ==, AP);
    g_assert_cmpint (b->when, ==, 1770730200);   /* 2026-02-10T13:30:00Z */
    g_assert_cmpuint (b->n_open, ==, 13);
  }
  g_assert_cmpint (tm_move_review_get_status (r), ==, AP);

  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 1);
  w = tm_portfolio_lookup_workshop (portfolio, "workshop-1");
  g_assert_nonnull (w);
  g_assert_cmpstr (tm_workshop_get_date (w), ==, "2026-01-20");
  g_assert_cmpstr (tm_workshop_get_title (w), ==, "Workshop 1");
  g_assert_cmpstr (tm_workshop_peek_data (w)->facilitator, ==, "Anne Berg");
  g_assert_cmpstr (tm_workshop_peek_data (w)->names, ==, "Mette, Ole og Hanne");
  g_assert_cmpstr (tm_workshop_peek_data (w)->decisions, ==, "Portørerne henter blodprøvesvar.");
  g_assert_cmpuint (tm_workshop_data_count_participants (tm_workshop_peek_data (w)), ==, 7);
  g_assert_true (tm_workshop_data_has_move (tm_workshop_peek_data (w),
                                            "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b", "scenario-1"));

  history = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  g_assert_cmpuint (history->len, ==, 2);
  {
    const TmHistoryEntry *e = g_ptr_array_index (history, 0);

    g_assert_cmpint (e->when, ==, 1768899600);
    g_assert_cmpstr (e->who, ==, "Mette Jensen");
    g_assert_cmpstr (e->field, ==, "review.status");
    g_assert_cmpstr (e->task_uuid, ==, "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b");
    g_assert_cmpstr (e->task_title, ==, "Hente blodprøvesvar");
    g_assert_cmpstr (e->scenario_id, ==, "scenario-1");
    g_assert_cmpstr (e->old_value, ==, "proposed");
    g_assert_cmpstr (e->new_value, ==, "agreed");
    e = g_ptr_array_index (history, 1);
    g_assert_cmpstr (e->field, ==, "workshop");
    g_assert_null (e->task_uuid);
    g_assert_cmpstr (e->old_value, ==, "");
    g_assert_cmpstr (e->new_value, ==, "2026-01-20 Workshop 1");
  }
  /* The import recorded nothing of its own. */
  g_assert_cmpuint (tm_test_history_length (portfolio), ==, 2);
}

static void
test_exchange_version_3 (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tm_test_data_file ("review", "v3.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *xml = NULL;
  TmTask *task;

  CHECK_OK (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "version=\"3\""));
  g_assert_true (xmllint_accepts (contents, strlen (contents), "v3.xml"));
  CHECK_OK (tm_xml_import_file (portfolio, file, &error));

  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 2);
  task = tm_portfolio_lookup_task (portfolio, "0b6a1f8e-8c0e-4c1e-9a51-3f1d2e4c5a60");
  g_assert_nonnull (task);
  g_assert_nonnull (tm_task_data_get_move (tm_task_peek_data (task), "scenario-1"));
  g_assert_cmpuint (tm_task_peek_data (task)->reviews->len, ==, 0);
  g_assert_cmpint (tm_test_status_of (task, "scenario-1"), ==, P);
  g_assert_cmpint (tm_task_get_modified (task), ==, 1768899600);
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 0);
  g_assert_cmpuint (tm_test_history_length (portfolio), ==, 0);
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "");

  /* Its moves can be assessed from here on, and written in the current version. */
  tm_test_use_clock (MONDAY + 86400 * 60);
  change_status (portfolio, task, "scenario-1", AG, NULL, FALSE);
  xml = tm_test_export_xml (portfolio);
  {
    g_autofree char *version = g_strdup_printf ("version=\"%d\"", TM_XML_FORMAT_VERSION);

    g_assert_nonnull (strstr (xml, version));
  }
  g_assert_nonnull (strstr (xml, "<status-change status=\"agreed\""));
  g_assert_true (xmllint_accepts (xml, strlen (xml), "v3-then-4.xml"));
  tm_test_use_clock (0);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/review/status/rules", test_status_rules);
  g_test_add_func ("/core/review/status/through-portfolio", test_status_through_portfolio);
  g_test_add_func ("/core/review/status/needs-move", test_status_needs_move);
  g_test_add_func ("/core/review/status/approval-confirmed", test_status_approval_confirmed);
  g_test_add_func ("/core/review/status/records", test_status_records);
  g_test_add_func ("/core/review/status/set-review-keeps-log", test_status_set_review_keeps_log);
  g_test_add_func ("/core/review/status/undo-redo", test_status_undo_redo);
  g_test_add_func ("/core/review/checklist/counts", test_checklist_counts);
  g_test_add_func ("/core/review/checklist/items", test_checklist_items);
  g_test_add_func ("/core/review/ids", test_ids);
  g_test_add_func ("/core/review/stored/reopen", test_review_reopen);
  g_test_add_func ("/core/review/stored/delete-scenario", test_review_delete_scenario);
  g_test_add_func ("/core/review/stored/copy-scenario", test_review_copy_scenario);
  g_test_add_func ("/core/review/workshops/data", test_workshop_data);
  g_test_add_func ("/core/review/workshops/validate", test_workshop_validate);
  g_test_add_func ("/core/review/workshops/edit-undo", test_workshop_edit_undo);
  g_test_add_func ("/core/review/workshops/order", test_workshop_order);
  g_test_add_func ("/core/review/workshops/reopen", test_workshop_reopen);
  g_test_add_func ("/core/review/committee-meeting", test_committee_meeting);
  g_test_add_func ("/core/review/exchange/round-trip", test_exchange_round_trip);
  g_test_add_func ("/core/review/exchange/schema", test_exchange_schema);
  g_test_add_func ("/core/review/exchange/reimport", test_exchange_reimport);
  g_test_add_func ("/core/review/exchange/merge-history", test_exchange_merge_history);
  g_test_add_func ("/core/review/exchange/refusals", test_exchange_refusals);
  g_test_add_func ("/core/review/exchange/fixture", test_exchange_fixture);
  g_test_add_func ("/core/review/exchange/version-3", test_exchange_version_3);

  return g_test_run ();
}
