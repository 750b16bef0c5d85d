/* test-history.c
 * Tests of the history of changes: an entry for every kind of change with
 * its field, old and new value, when and who; typing merged into one entry;
 * undo and redo; the filters; reopening; and the texts the UI and the
 * report show for an entry.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "store/tm-portfolio-private.h"
#include "tm-test-util.h"

/* 2026-01-05T09:00:00Z */
#define MONDAY 1767603600

/* Helpers */

static void
update (TmPortfolio *portfolio,
        TmTask      *task,
        TmTaskData  *data,
        const char  *merge_key)
{
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_portfolio_update_task (portfolio, task, data, merge_key, &error));
}

/* A copy of @task's review in @scenario_id (blank if it has none), to edit
 * and hand back with store_review(). */
static void
dup_review (TmTask       *task,
            const char   *scenario_id,
            TmMoveReview *review)
{
  const TmMoveReview *current = tm_task_data_get_review (tm_task_peek_data (task), scenario_id);

  if (current != NULL)
    tm_move_review_copy_into (review, current);
  else
    tm_move_review_init (review, scenario_id);
}

static void
store_review (TmPortfolio  *portfolio,
              TmTask       *task,
              TmMoveReview *review,
              const char   *merge_key)
{
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_portfolio_set_review (portfolio, task, review, merge_key, &error));
  tm_move_review_clear (review);
}

static gboolean
has_word (const char *list,
          const char *word)
{
  g_auto(GStrv) words = g_strsplit (list, " ", -1);

  return g_strv_contains ((const char * const *) words, word);
}

/* Watching the history grow */

typedef struct {
  TmPortfolio *portfolio;
  GPtrArray   *all;        /* every entry seen, for the texts test */
  guint        seen;
  gint64       when;       /* the fixed clock */
  const char  *who;
} Watch;

/* The entries the last edit added, asserting there are @n of them:
 * borrowed from the watch. */
static TmHistoryEntry **
added (Watch *w,
       guint  n)
{
  g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (w->portfolio, NULL, NULL, 0);
  guint start = w->all->len;

  if (entries->len != w->seen + n)
    {
      g_autofree char *text = tm_test_describe_entries (entries);

      g_test_message ("history:\n%s", text);
    }
  g_assert_cmpuint (entries->len, ==, w->seen + n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (w->all, g_ptr_array_steal_index (entries, w->seen));
  w->seen += n;
  return (TmHistoryEntry **) w->all->pdata + start;
}

static void
assert_entry (Watch                *w,
              const TmHistoryEntry *e,
              const char           *task_uuid,
              const char           *task_title,
              const char           *scenario_id,
              const char           *profession_id,
              const char           *field,
              const char           *old_value,
              const char           *new_value)
{
  g_assert_cmpint (e->when, ==, w->when);
  g_assert_cmpstr (e->who, ==, w->who);
  g_assert_cmpstr (e->task_uuid, ==, task_uuid);
  g_assert_cmpstr (e->task_title, ==, task_title);
  g_assert_cmpstr (e->scenario_id, ==, scenario_id);
  g_assert_cmpstr (e->profession_id, ==, profession_id);
  g_assert_cmpstr (e->field, ==, field);
  if (old_value != NULL)
    g_assert_cmpstr (e->old_value, ==, old_value);
  if (new_value != NULL)
    g_assert_cmpstr (e->new_value, ==, new_value);
}

static int
compare_lines (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* @entries described a line each, sorted: the same entries in any order
 * give the same text. */
static char *
describe_sorted (GPtrArray *entries)
{
  g_autofree char *text = tm_test_describe_entries (entries);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  qsort (lines, g_strv_length (lines), sizeof (char *), compare_lines);
  return g_strjoinv ("\n", lines);
}

/* Tests */

static void
test_every_change (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  Watch w = { portfolio, all, 0, MONDAY, "Historiker" };
  g_autofree char *uuid = NULL;
  const char *title = "Fylde op i depotet";
  TmHistoryEntry **e;
  TmTask *task;
  TmWorkshop *workshop;
  TmMoveReview review;

  tm_test_use_clock (MONDAY);
  tm_portfolio_set_user_name (portfolio, "Historiker");
  g_assert_cmpuint (tm_test_history_length (portfolio), ==, 0);

  /* A task added. */
  task = tm_test_add_task (portfolio, "Fylde op", TM_SHIFT_DAY);
  uuid = g_strdup (tm_task_get_uuid (task));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, "Fylde op", NULL, NULL, "task", "", "Fylde op");

  /* Each field of the task. */
#define EDIT(statement)                                          \
  G_STMT_START {                                                 \
    g_autoptr(TmTaskData) d = tm_task_dup_data (task);           \
    statement;                                                   \
    update (portfolio, task, d, NULL);                           \
  } G_STMT_END

  EDIT (g_free (d->title); d->title = g_strdup (title));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "title", "Fylde op", title);

  EDIT (g_free (d->description); d->description = g_strdup ("Varer fra lageret sættes på plads."));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "description", "", "Varer fra lageret sættes på plads.");

  EDIT (g_free (d->group); d->group = g_strdup ("Opfyldning"));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "group", "", "Opfyldning");

  EDIT (d->level = TM_LEVEL_BOUNDED_CLINICAL);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "level", "admin", "bounded-clinical");

  EDIT (d->complexity = TM_COMPLEXITY_HIGH);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "complexity", "low", "high");

  EDIT (d->minutes = 20);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "time", "10|6|day", "20|6|day");

  EDIT (d->occurrences = 2.5; d->per = TM_PER_WEEK);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "time", "20|6|day", "20|2.5|week");

  EDIT (d->shifts = TM_SHIFT_DAY | TM_SHIFT_NIGHT);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "shifts", "day", "day night");

  EDIT (tm_task_data_set_performer (d, "nurse", 60); tm_task_data_set_performer (d, "ssa", 40));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "performed-by", "nurse:100", "nurse:60 ssa:40");

  EDIT (g_free (d->notes); d->notes = g_strdup ("Især mandag."));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "notes", "", "Især mandag.");

  EDIT (g_free (d->unit); d->unit = g_strdup ("Medicinsk afsnit M4"));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "unit", "", "Medicinsk afsnit M4");

  /* Two fields in one edit: two entries. */
  EDIT (d->level = TM_LEVEL_COORDINATION; g_free (d->group); d->group = g_strdup ("Logistik"));
  e = added (&w, 2);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "group", "Opfyldning", "Logistik");
  assert_entry (&w, e[1], uuid, title, NULL, NULL, "level", "bounded-clinical", "coordination");
#undef EDIT

  /* An assessment: its suitability, then its other parts. */
  {
    TmAssessment a;

    tm_assessment_init (&a, "porter");
    a.suitability = TM_SUITABILITY_CAN_TAKE_OVER;
    CHECK_OK (tm_portfolio_set_assessment (portfolio, task, &a, NULL, &error));
    e = added (&w, 1);
    assert_entry (&w, e[0], uuid, title, NULL, "porter", "assessment.suitability", "not-assessed", "can-take-over");

    a.training = TM_TRAINING_ON_THE_JOB;
    g_free (a.purpose);
    a.purpose = g_strdup ("Frigøre sygeplejersketid");
    CHECK_OK (tm_portfolio_set_assessment (portfolio, task, &a, NULL, &error));
    e = added (&w, 1);
    assert_entry (&w, e[0], uuid, title, NULL, "porter", "assessment.other", NULL, NULL);
    g_assert_true (has_word (e[0]->new_value, "training"));
    g_assert_true (has_word (e[0]->new_value, "purpose"));
    g_assert_false (has_word (e[0]->new_value, "share"));

    a.suitability = TM_SUITABILITY_AFTER_TRAINING;
    a.share = 50;
    CHECK_OK (tm_portfolio_set_assessment (portfolio, task, &a, NULL, &error));
    e = added (&w, 2);
    assert_entry (&w, e[0], uuid, title, NULL, "porter", "assessment.suitability", "can-take-over", "after-training");
    assert_entry (&w, e[1], uuid, title, NULL, "porter", "assessment.other", NULL, NULL);
    g_assert_true (has_word (e[1]->new_value, "share"));
    g_assert_false (has_word (e[1]->new_value, "purpose"));
    tm_assessment_clear (&a);
  }

  /* The move chosen. */
  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "move", "", NULL);
  g_assert_nonnull (strstr (e[0]->new_value, "porter"));

  /* Its review, field by field. */
  dup_review (task, scenario, &review);
  review.checks[TM_CHECK_BARRIERS].state = TM_CHECK_FINE;
  store_review (portfolio, task, &review, NULL);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.check.barriers", "not-considered", "fine");

  dup_review (task, scenario, &review);
  review.checks[TM_CHECK_CAPACITY_RECEIVING].state = TM_CHECK_CONCERN;
  store_review (portfolio, task, &review, NULL);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.check.capacity-receiving", "not-considered", "concern");

  dup_review (task, scenario, &review);
  review.checks[TM_CHECK_BARRIERS].note = g_strdup ("Drøftet med portørerne");
  store_review (portfolio, task, &review, NULL);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.check-note.barriers", "", "Drøftet med portørerne");

  dup_review (task, scenario, &review);
  review.quality[TM_QUALITY_PATIENT_RISK].rating = TM_RATING_BETTER;
  store_review (portfolio, task, &review, NULL);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.quality.patient-risk", "unknown", "better");

  dup_review (task, scenario, &review);
  review.barriers = TM_BARRIER_ORGANISATION | TM_BARRIER_RULES;
  store_review (portfolio, task, &review, NULL);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.barriers", "", "organisation rules");

  dup_review (task, scenario, &review);
  review.barriers = TM_BARRIER_RULES | TM_BARRIER_LEADERSHIP;
  store_review (portfolio, task, &review, NULL);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.barriers", "organisation rules", "rules leadership");

  dup_review (task, scenario, &review);
  review.risk = TM_RISK_MEDIUM;
  store_review (portfolio, task, &review, NULL);
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.risk", "not-assessed", "medium");

  {
    static const struct {
      gsize       offset;
      const char *field;
    } texts[] = {
      { G_STRUCT_OFFSET (TmMoveReview, barrier_note), "review.barrier-note" },
      { G_STRUCT_OFFSET (TmMoveReview, mitigation), "review.mitigation" },
      { G_STRUCT_OFFSET (TmMoveReview, responsible), "review.responsible" },
      { G_STRUCT_OFFSET (TmMoveReview, delegation_ref), "review.delegation-instruction" },
      { G_STRUCT_OFFSET (TmMoveReview, quality_standards), "review.quality-standards" },
      { G_STRUCT_OFFSET (TmMoveReview, follow_up), "review.follow-up" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autofree char *value = g_strdup_printf ("Tekst %u", i);

        dup_review (task, scenario, &review);
        G_STRUCT_MEMBER (char *, &review, texts[i].offset) = g_strdup (value);
        store_review (portfolio, task, &review, NULL);
        e = added (&w, 1);
        assert_entry (&w, e[0], uuid, title, scenario, NULL, texts[i].field, "", value);
      }
  }

  /* The status. */
  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario, TM_STATUS_AGREED, "Workshop 1",
                                          FALSE, &error));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.status", "proposed", "agreed");
  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario, TM_STATUS_APPROVED, NULL, TRUE, &error));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "review.status", "agreed", "approved");

  /* A workshop added, changed and deleted. */
  {
    g_autoptr(TmWorkshopData) data = tm_test_workshop_data ("2026-01-20", "Workshop 1");
    g_autoptr(TmWorkshopData) changed = NULL;

    tm_workshop_data_set_participants (data, "nurse", 4);
    workshop = tm_portfolio_add_workshop (portfolio, data, &error);
    g_assert_no_error (error);
    e = added (&w, 1);
    /* A workshop's entries carry its date and title where a task's title would be. */
    assert_entry (&w, e[0], NULL, "2026-01-20 Workshop 1", NULL, NULL, "workshop", "",
                  "2026-01-20 Workshop 1");

    changed = tm_workshop_data_copy (data);
    g_free (changed->title);
    changed->title = g_strdup ("Workshop 1: morgenen");
    CHECK_OK (tm_portfolio_update_workshop (portfolio, workshop, changed, NULL, &error));
    e = added (&w, 1);
    assert_entry (&w, e[0], NULL, "2026-01-20 Workshop 1: morgenen", NULL, NULL, "workshop.title",
                  "Workshop 1", "Workshop 1: morgenen");

    /* Only the participants: recorded as such, with the counts. */
    tm_workshop_data_set_participants (changed, "porter", 2);
    CHECK_OK (tm_portfolio_update_workshop (portfolio, workshop, changed, NULL, &error));
    e = added (&w, 1);
    assert_entry (&w, e[0], NULL, "2026-01-20 Workshop 1: morgenen", NULL, NULL,
                  "workshop.participants", "nurse:4", "nurse:4 porter:2");

    CHECK_OK (tm_portfolio_delete_workshop (portfolio, workshop, &error));
    e = added (&w, 1);
    assert_entry (&w, e[0], NULL, "2026-01-20 Workshop 1: morgenen", NULL, NULL, "workshop",
                  "2026-01-20 Workshop 1: morgenen", "");
  }

  /* The committee's meeting. */
  CHECK_OK (tm_portfolio_set_last_committee_meeting (portfolio, "2026-02-10", &error));
  e = added (&w, 1);
  assert_entry (&w, e[0], NULL, NULL, NULL, NULL, "committee-meeting", "", "2026-02-10");

  /* Edits that change nothing record nothing. */
  CHECK_OK (tm_portfolio_set_last_committee_meeting (portfolio, "2026-02-10", &error));
  {
    g_autoptr(TmTaskData) same = tm_task_dup_data (task);

    update (portfolio, task, same, NULL);
  }
  added (&w, 0);

  /* The move unchosen. */
  CHECK_OK (tm_portfolio_set_move (portfolio, task, scenario, NULL, &error));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, scenario, NULL, "move", NULL, "");
  g_assert_nonnull (strstr (e[0]->old_value, "porter"));

  /* The task deleted: its title is kept with the entry. */
  CHECK_OK (tm_portfolio_delete_tasks (portfolio, &task, 1, &error));
  e = added (&w, 1);
  assert_entry (&w, e[0], uuid, title, NULL, NULL, "task", title, "");

  /* The entries of the deleted task stay. */
  {
    g_autoptr(GPtrArray) of_task = tm_portfolio_dup_history (portfolio, uuid, NULL, 0);

    g_assert_cmpuint (of_task->len, ==, all->len - 5);
  }

  tm_test_use_clock (0);
}

/* The texts for an entry */

static TmHistoryEntry *
entry (const char *field,
       const char *scenario_id,
       const char *profession_id)
{
  TmHistoryEntry *e = g_new0 (TmHistoryEntry, 1);

  e->when = MONDAY;
  e->who = g_strdup ("Historiker");
  e->task_uuid = g_strdup ("3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b");
  e->task_title = g_strdup ("Hente blodprøvesvar");
  e->scenario_id = g_strdup (scenario_id);
  e->profession_id = g_strdup (profession_id);
  e->field = g_strdup (field);
  e->old_value = g_strdup ("");
  e->new_value = g_strdup ("");
  return e;
}

static void
assert_value (TmPortfolio *portfolio,
              const char  *field,
              const char  *value,
              const char  *expected)
{
  g_autoptr(TmHistoryEntry) e = entry (field, "scenario-1", "porter");
  g_autofree char *text = tm_history_entry_format_value (e, value, portfolio);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_describe_contains (TmPortfolio *portfolio,
                          const char  *field,
                          const char  *scenario_id,
                          const char  *profession_id,
                          const char  *part)
{
  g_autoptr(TmHistoryEntry) e = entry (field, scenario_id, profession_id);
  g_autofree char *text = tm_history_entry_describe_field (e, portfolio);

  g_assert_nonnull (text);
  if (strstr (text, part) == NULL)
    FAIL ("describing %s gave “%s”, without “%s”", field, text, part);
}

static void
test_texts (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(TmPortfolio) norway = tm_test_new_portfolio (TM_COUNTRY_NO, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  TmScenario *plan_b = tm_portfolio_add_scenario (portfolio, "Plan B – færre vikarer", &error);
  const char *porter = tm_profession_get_display_name (tm_portfolio_lookup_profession (portfolio, "porter"));
  static const char * const fields[] = {
    "task", "title", "description", "group", "level", "complexity", "time", "shifts",
    "performed-by", "notes", "unit", "assessment.suitability", "assessment.other", "move",
    "review.status", "review.check.barriers", "review.check-note.barriers",
    "review.quality.patient-risk", "review.quality-note.patient-risk", "review.barriers",
    "review.risk", "review.barrier-note", "review.mitigation", "review.responsible",
    "review.delegation-instruction", "review.quality-standards", "review.follow-up",
    "workshop", "workshop.date", "workshop.title", "workshop.facilitator", "workshop.names",
    "workshop.decisions", "workshop.participants", "workshop.moves", "committee-meeting",
  };

  g_assert_no_error (error);

  /* Every field has a description, and none is its raw id. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(TmHistoryEntry) e = entry (fields[i], scenario, "porter");
      g_autofree char *text = tm_history_entry_describe_field (e, portfolio);
      g_autofree char *none = tm_history_entry_format_value (e, "", portfolio);
      g_autofree char *some = tm_history_entry_format_value (e, "x", portfolio);

      g_assert_nonnull (text);
      g_assert_cmpstr (text, !=, "");
      g_assert_cmpstr (text, !=, fields[i]);
      g_assert_cmpstr (none, ==, "—");
      g_assert_nonnull (some);
      g_assert_cmpstr (some, !=, "");
    }
  /* Also without a portfolio. */
  {
    g_autoptr(TmHistoryEntry) e = entry ("move", scenario, NULL);
    g_autofree char *text = tm_history_entry_describe_field (e, NULL);
    g_autofree char *value = tm_history_entry_format_value (e, "stop::100", NULL);

    g_assert_cmpstr (text, !=, "");
    g_assert_cmpstr (value, !=, "");
  }

  /* Descriptions name what they are about. */
  assert_describe_contains (portfolio, "review.check.barriers", scenario, NULL,
                            tm_check_item_get_label (TM_CHECK_BARRIERS));
  assert_describe_contains (portfolio, "review.check.spreading", scenario, NULL,
                            tm_check_item_get_label (TM_CHECK_SPREADING));
  assert_describe_contains (portfolio, "review.quality.patient-risk", scenario, NULL,
                            tm_quality_component_get_label (TM_QUALITY_PATIENT_RISK));
  /* A checklist item or quality component and its note are told apart, and
   * an id that names neither is the assessment as a whole (LANG=C here). */
  {
    static const struct {
      const char *field;
      const char *prefix;
    } named[] = {
      { "review.check.barriers", "Checklist: " },
      { "review.check-note.barriers", "Note on the checklist: " },
      { "review.quality.patient-risk", "Quality: " },
      { "review.quality-note.patient-risk", "Note on quality: " },
      { "review.check.no-such-item", NULL },
      { "review.quality-note.no-such-component", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (named); i++)
      {
        g_autoptr(TmHistoryEntry) e = entry (named[i].field, scenario, NULL);
        g_autofree char *text = tm_history_entry_describe_field (e, portfolio);
        const char *label = g_str_has_prefix (named[i].field, "review.check")
                            ? tm_check_item_get_label (TM_CHECK_BARRIERS)
                            : tm_quality_component_get_label (TM_QUALITY_PATIENT_RISK);
        g_autofree char *want = named[i].prefix != NULL
                                ? g_strconcat (named[i].prefix, label, NULL)
                                : g_strdup ("Assessment of the move");

        g_assert_cmpstr (text, ==, want);
      }
  }
  assert_describe_contains (portfolio, "assessment.suitability", NULL, "porter", porter);
  assert_describe_contains (portfolio, "assessment.other", NULL, "porter", porter);
  assert_describe_contains (portfolio, "move", tm_scenario_get_id (plan_b), NULL, "Plan B – færre vikarer");
  assert_describe_contains (portfolio, "review.status", tm_scenario_get_id (plan_b), NULL,
                            "Plan B – færre vikarer");

  /* Enum ids in the user's language. */
  assert_value (portfolio, "level", "admin", tm_level_get_label (TM_LEVEL_ADMIN));
  assert_value (portfolio, "level", "coordination", tm_level_get_label (TM_LEVEL_COORDINATION));
  assert_value (portfolio, "complexity", "high", tm_complexity_get_label (TM_COMPLEXITY_HIGH));
  assert_value (portfolio, "assessment.suitability", "after-training",
                tm_suitability_get_label (TM_SUITABILITY_AFTER_TRAINING));
  assert_value (portfolio, "review.status", "agreed", tm_move_status_get_label (TM_STATUS_AGREED, TM_COUNTRY_DK));
  assert_value (portfolio, "review.status", "approved",
                tm_move_status_get_label (TM_STATUS_APPROVED, TM_COUNTRY_DK));
  assert_value (norway, "review.status", "approved",
                tm_move_status_get_label (TM_STATUS_APPROVED, TM_COUNTRY_NO));
  assert_value (portfolio, "review.check.barriers", "concern", tm_check_state_get_label (TM_CHECK_CONCERN));
  assert_value (portfolio, "review.check.mini-hta", "not-relevant",
                tm_check_state_get_label (TM_CHECK_NOT_RELEVANT));
  assert_value (portfolio, "review.quality.pathway", "worse", tm_rating_get_label (TM_RATING_WORSE));
  assert_value (portfolio, "review.risk", "high", tm_risk_get_label (TM_RISK_HIGH));
  /* Texts stay as they are. */
  assert_value (portfolio, "title", "admin", "admin");
  assert_value (portfolio, "review.mitigation", "Dobbeltkontrol", "Dobbeltkontrol");
  assert_value (portfolio, "committee-meeting", "2026-02-10", "2026-02-10");

  /* In Danish, the same calls give the Danish labels, whatever they are. */
  tm_language_push ("da");
  assert_value (portfolio, "level", "admin", tm_level_get_label (TM_LEVEL_ADMIN));
  assert_value (portfolio, "review.risk", "low", tm_risk_get_label (TM_RISK_LOW));
  tm_language_pop ();
}

/* Values that are lists of ids, or times, are shown in words too: the
 * header promises the user's language for every value. */
static void
test_texts_lists (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  const char *porter = tm_profession_get_display_name (tm_portfolio_lookup_profession (portfolio, "porter"));
  const char *nurse = tm_profession_get_display_name (tm_portfolio_lookup_profession (portfolio, "nurse"));
  static const struct {
    const char *field;
    const char *value;
  } raw[] = {
    { "review.barriers", "organisation rules" },
    { "shifts", "day night" },
    { "time", "20|2.5|week" },
    { "performed-by", "nurse:60 ssa:40" },
    { "move", "profession:porter:100" },
    { "assessment.other", "training purpose" },
  };
  struct {
    const char *field;
    const char *value;
    const char *part;
  } expected[] = {
    { "review.barriers", "organisation rules", tm_barrier_get_label (TM_BARRIER_ORGANISATION) },
    { "review.barriers", "organisation rules", tm_barrier_get_label (TM_BARRIER_RULES) },
    { "shifts", "day night", tm_shift_get_label (TM_SHIFT_NIGHT) },
    { "performed-by", "nurse:60 ssa:40", nurse },
    { "move", "profession:porter:100", porter },
  };

  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    {
      g_autoptr(TmHistoryEntry) e = entry (raw[i].field, "scenario-1", NULL);
      g_autofree char *text = tm_history_entry_format_value (e, raw[i].value, portfolio);

      if (g_strcmp0 (text, raw[i].value) == 0)
        FAIL ("%s: “%s” is shown as it is stored", raw[i].field, raw[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(TmHistoryEntry) e = entry (expected[i].field, "scenario-1", NULL);
      g_autofree char *text = tm_history_entry_format_value (e, expected[i].value, portfolio);

      if (strstr (text, expected[i].part) == NULL)
        FAIL ("%s: “%s” is shown as “%s”, without “%s”", expected[i].field,
                            expected[i].value, text, expected[i].part);
    }
  {
    g_autoptr(TmHistoryEntry) e = entry ("time", NULL, NULL);
    g_autofree char *text = tm_history_entry_format_value (e, "20|2.5|week", portfolio);

    if (strchr (text, '|') != NULL)
      FAIL ("time: “20|2.5|week” is shown as “%s”", text);
  }
}

static void
test_merge_key (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  static const char * const typed[] = { "Fylde op i", "Fylde op i dep", "Fylde op i depotet" };
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *after_typing = NULL;
  g_autofree char *before_typing = NULL;
  TmTask *task;
  TmMoveReview review;

  tm_test_use_clock (MONDAY);
  task = tm_test_add_task (portfolio, "Fylde op", TM_SHIFT_DAY);
  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  before_typing = tm_test_describe_history (portfolio);
  g_assert_cmpuint (tm_test_history_length (portfolio), ==, 2);

  /* Typing a title, a second per keystroke: one entry, first old to last new. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_autoptr(TmTaskData) d = tm_task_dup_data (task);

      tm_test_use_clock (MONDAY + 1 + i);
      g_free (d->title);
      d->title = g_strdup (typed[i]);
      update (portfolio, task, d, "title");
    }
  entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  g_assert_cmpuint (entries->len, ==, 3);
  {
    const TmHistoryEntry *e = g_ptr_array_index (entries, 2);

    g_assert_cmpstr (e->field, ==, "title");
    g_assert_cmpstr (e->old_value, ==, "Fylde op");
    g_assert_cmpstr (e->new_value, ==, "Fylde op i depotet");
    g_assert_cmpstr (e->task_title, ==, "Fylde op i depotet");
    g_assert_cmpint (e->when, >=, MONDAY + 1);
    g_assert_cmpint (e->when, <=, MONDAY + 3);
  }
  after_typing = tm_test_describe_history (portfolio);

  /* One undo takes the whole typing and its entry. */
  tm_test_undo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Fylde op");
  {
    g_autofree char *now = tm_test_describe_history (portfolio);

    g_assert_cmpstr (now, ==, before_typing);
  }
  tm_test_redo (portfolio);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Fylde op i depotet");
  {
    g_autofree char *now = tm_test_describe_history (portfolio);

    g_assert_cmpstr (now, ==, after_typing);
  }

  /* Typing back to where it started leaves no entry. */
  tm_portfolio_break_undo_merge (portfolio);
  tm_test_use_clock (MONDAY + 10);
  {
    g_autoptr(TmTaskData) d = tm_task_dup_data (task);

    g_free (d->notes);
    d->notes = g_strdup ("X");
    update (portfolio, task, d, "notes");
    g_free (d->notes);
    d->notes = g_strdup ("");
    update (portfolio, task, d, "notes");
  }
  g_assert_cmpuint (tm_test_history_length (portfolio), ==, 3);

  /* Another field is another entry; after a break, the same field too. */
  tm_portfolio_break_undo_merge (portfolio);
  {
    g_autoptr(TmTaskData) d = tm_task_dup_data (task);

    g_free (d->notes);
    d->notes = g_strdup ("Ma");
    update (portfolio, task, d, "notes");
    g_free (d->notes);
    d->notes = g_strdup ("Mandag");
    update (portfolio, task, d, "notes");
    g_free (d->title);
    d->title = g_strdup ("Fylde op i depotet hver dag");
    update (portfolio, task, d, "title");
  }
  tm_portfolio_break_undo_merge (portfolio);
  {
    g_autoptr(TmTaskData) d = tm_task_dup_data (task);

    g_free (d->title);
    d->title = g_strdup ("Fylde op i depotet hver morgen");
    update (portfolio, task, d, "title");
  }
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  g_assert_cmpuint (entries->len, ==, 6);
  {
    const TmHistoryEntry *notes = g_ptr_array_index (entries, 3);
    const TmHistoryEntry *title = g_ptr_array_index (entries, 4);
    const TmHistoryEntry *again = g_ptr_array_index (entries, 5);

    g_assert_cmpstr (notes->field, ==, "notes");
    g_assert_cmpstr (notes->old_value, ==, "");
    g_assert_cmpstr (notes->new_value, ==, "Mandag");
    g_assert_cmpstr (title->field, ==, "title");
    g_assert_cmpstr (title->old_value, ==, "Fylde op i depotet");
    g_assert_cmpstr (title->new_value, ==, "Fylde op i depotet hver dag");
    g_assert_cmpstr (again->old_value, ==, "Fylde op i depotet hver dag");
    g_assert_cmpstr (again->new_value, ==, "Fylde op i depotet hver morgen");
  }

  /* Typing a review's text. */
  tm_portfolio_break_undo_merge (portfolio);
  for (guint i = 0; i < 3; i++)
    {
      dup_review (task, scenario, &review);
      g_free (review.mitigation);
      review.mitigation = g_strndup ("Dobbeltkontrol", 6 + 4 * i);
      store_review (portfolio, task, &review, "mitigation");
    }
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  g_assert_cmpuint (entries->len, ==, 7);
  {
    const TmHistoryEntry *e = g_ptr_array_index (entries, 6);

    g_assert_cmpstr (e->field, ==, "review.mitigation");
    g_assert_cmpstr (e->scenario_id, ==, scenario);
    g_assert_cmpstr (e->old_value, ==, "");
    g_assert_cmpstr (e->new_value, ==, "Dobbeltkontrol");
  }

  /* Typing a workshop's title. */
  {
    g_autoptr(TmWorkshopData) data = tm_test_workshop_data ("2026-01-20", "W");
    TmWorkshop *workshop;

    tm_portfolio_break_undo_merge (portfolio);
    workshop = tm_portfolio_add_workshop (portfolio, data, &error);
    g_assert_no_error (error);
    tm_portfolio_break_undo_merge (portfolio);
    for (guint i = 0; i < 3; i++)
      {
        g_free (data->title);
        data->title = g_strndup ("Workshop 1", 2 + 4 * i);
        CHECK_OK (tm_portfolio_update_workshop (portfolio, workshop, data, "title", &error));
      }
    g_clear_pointer (&entries, g_ptr_array_unref);
    entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
    g_assert_cmpuint (entries->len, ==, 9);
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, 8);

      g_assert_cmpstr (e->field, ==, "workshop.title");
      g_assert_cmpstr (e->old_value, ==, "W");
      g_assert_cmpstr (e->new_value, ==, "Workshop 1");
    }
  }

  tm_test_use_clock (0);
}

static void
test_undo_redo (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  g_autofree char *h0 = NULL, *h1 = NULL, *h2 = NULL, *h3 = NULL, *h4 = NULL;
  TmTask *task;
  TmMoveReview review;

  tm_test_use_clock (MONDAY);
  h0 = tm_test_describe_history (portfolio);
  task = tm_test_add_task (portfolio, "Hente blodprøvesvar", TM_SHIFT_DAY);
  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  h1 = tm_test_describe_history (portfolio);

  /* A step with three entries. */
  tm_test_use_clock (MONDAY + 60);
  dup_review (task, scenario, &review);
  review.checks[TM_CHECK_AUTHORISATION].state = TM_CHECK_FINE;
  review.risk = TM_RISK_LOW;
  review.responsible = g_strdup ("Hanne Holm");
  store_review (portfolio, task, &review, NULL);
  h2 = tm_test_describe_history (portfolio);
  g_assert_cmpuint (tm_test_history_length (portfolio), ==, 5);

  tm_test_use_clock (MONDAY + 120);
  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario, TM_STATUS_AGREED, NULL, FALSE, &error));
  h3 = tm_test_describe_history (portfolio);
  g_assert_cmpuint (tm_test_history_length (portfolio), ==, 6);

  /* Undo removes what each step recorded; the clock has moved on meanwhile. */
  tm_test_use_clock (MONDAY + 3600);
  tm_test_undo (portfolio);
  {
    g_autofree char *now = tm_test_describe_history (portfolio);

    g_assert_cmpstr (now, ==, h2);
  }
  tm_test_undo (portfolio);
  {
    g_autofree char *now = tm_test_describe_history (portfolio);

    g_assert_cmpstr (now, ==, h1);
  }

  /* Redo puts them back as they were, time included. */
  tm_test_redo (portfolio);
  {
    g_autofree char *now = tm_test_describe_history (portfolio);

    g_assert_cmpstr (now, ==, h2);
  }
  tm_test_redo (portfolio);
  {
    g_autofree char *now = tm_test_describe_history (portfolio);

    g_assert_cmpstr (now, ==, h3);
  }

  /* A new edit after an undo: the undone step leaves no trace. */
  tm_test_undo (portfolio);
  tm_test_use_clock (MONDAY + 7200);
  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario, TM_STATUS_REJECTED, "Nej", FALSE, &error));
  g_assert_false (tm_portfolio_can_redo (portfolio));
  h4 = tm_test_describe_history (portfolio);
  g_assert_true (g_str_has_prefix (h4, h2));
  {
    g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
    const TmHistoryEntry *e;

    g_assert_cmpuint (entries->len, ==, 6);
    e = g_ptr_array_index (entries, 5);
    g_assert_cmpstr (e->field, ==, "review.status");
    g_assert_cmpstr (e->old_value, ==, "proposed");
    g_assert_cmpstr (e->new_value, ==, "rejected");
    g_assert_cmpint (e->when, ==, MONDAY + 7200);
  }

  /* Back to the start: no history at all. */
  tm_test_undo (portfolio);
  tm_test_undo (portfolio);
  tm_test_undo (portfolio);
  tm_test_undo (portfolio);
  g_assert_false (tm_portfolio_can_undo (portfolio));
  {
    g_autofree char *now = tm_test_describe_history (portfolio);

    g_assert_cmpstr (now, ==, h0);
    g_assert_cmpstr (now, ==, "");
  }

  tm_test_use_clock (0);
}

static void
assert_all (GPtrArray  *entries,
            const char *task_uuid,
            const char *scenario_id,
            gint64      since)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, i);

      if (task_uuid != NULL)
        g_assert_cmpstr (e->task_uuid, ==, task_uuid);
      if (scenario_id != NULL)
        g_assert_cmpstr (e->scenario_id, ==, scenario_id);
      g_assert_cmpint (e->when, >=, since);
      if (i > 0)
        g_assert_cmpint (((TmHistoryEntry *) g_ptr_array_index (entries, i - 1))->when, <=, e->when);
    }
}

static void
test_filters (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  g_autoptr(TmWorkshopData) workshop = tm_test_workshop_data ("2026-01-20", "Workshop 1");
  const char *first = tm_test_scenario_id_at (portfolio, 0);
  const char *second;
  const gint64 later = MONDAY + 86400 * 7;
  TmTask *t1, *t2;
  g_autofree char *u1 = NULL;
  g_autofree char *u2 = NULL;
  static const struct {
    gboolean    task1;     /* filter by the first task */
    int         scenario;  /* 0: none, 1: first, 2: second */
    gint64      since;
    guint       n;
  } cases[] = {
    { FALSE, 0, 0, 10 },
    { TRUE,  0, 0, 5 },
    { FALSE, 1, 0, 3 },
    { FALSE, 2, 0, 3 },
    { TRUE,  2, 0, 1 },
    { TRUE,  1, 0, 2 },
    { FALSE, 0, MONDAY + 86400 * 7, 4 },
    { FALSE, 0, MONDAY + 86400 * 7 + 1, 0 },
    { TRUE,  0, MONDAY + 86400 * 7, 2 },
    { FALSE, 2, MONDAY + 86400 * 7, 1 },
    { TRUE,  1, MONDAY + 86400 * 7, 1 },
    { FALSE, 0, 1, 10 },
  };

  tm_test_use_clock (MONDAY);
  t1 = tm_test_add_task (portfolio, "Hente blodprøvesvar", TM_SHIFT_DAY);
  t2 = tm_test_add_task (portfolio, "Bestille varer", TM_SHIFT_DAY);
  u1 = g_strdup (tm_task_get_uuid (t1));
  u2 = g_strdup (tm_task_get_uuid (t2));
  second = tm_scenario_get_id (tm_portfolio_add_scenario (portfolio, "Plan B", &error));
  g_assert_no_error (error);
  tm_test_set_move (portfolio, t1, first, TM_MOVE_TO_PROFESSION, "porter", 100);
  tm_test_set_move (portfolio, t1, second, TM_MOVE_STOP, NULL, 100);
  tm_test_set_move (portfolio, t2, first, TM_MOVE_TECHNOLOGY, NULL, 100);
  tm_test_set_move (portfolio, t2, second, TM_MOVE_TECHNOLOGY, NULL, 100);

  tm_test_use_clock (later);
  {
    g_autoptr(TmTaskData) d = tm_task_dup_data (t1);

    g_free (d->title);
    d->title = g_strdup ("Hente alle blodprøvesvar");
    update (portfolio, t1, d, NULL);
  }
  CHECK_OK (tm_portfolio_set_move_status (portfolio, t1, first, TM_STATUS_AGREED, NULL, FALSE, &error));
  CHECK_OK (tm_portfolio_set_move_status (portfolio, t2, second, TM_STATUS_REJECTED, NULL, FALSE, &error));
  g_assert_nonnull (tm_portfolio_add_workshop (portfolio, workshop, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *task_uuid = cases[i].task1 ? u1 : NULL;
      const char *scenario_id = cases[i].scenario == 1 ? first : cases[i].scenario == 2 ? second : NULL;
      g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, task_uuid, scenario_id, cases[i].since);

      if (entries->len != cases[i].n)
        FAIL ("case %u: %u entries, expected %u", i, entries->len, cases[i].n);
      assert_all (entries, task_uuid, scenario_id, cases[i].since);
    }

  /* The second task's, and those of no task at all. */
  {
    g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, u2, NULL, 0);

    g_assert_cmpuint (entries->len, ==, 4);
    assert_all (entries, u2, NULL, 0);
  }
  {
    g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, "00000000-0000-4000-8000-000000000000",
                                                             NULL, 0);

    g_assert_cmpuint (entries->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, NULL, "no-such-scenario", 0);

    g_assert_cmpuint (entries->len, ==, 0);
  }

  /* The entries of several tasks at once, as a file's history is compared
   * with the portfolio's: those of each task, none of a task it does not
   * have, no task's twice. */
  {
    const char *none = "00000000-0000-4000-8000-000000000000";
    g_autoptr(GPtrArray) uuids = g_ptr_array_new ();
    g_autoptr(GPtrArray) each = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
    g_autoptr(GPtrArray) at_once = NULL;
    g_autofree char *expected = NULL;
    g_autofree char *got = NULL;

    g_ptr_array_add (uuids, u2);
    g_ptr_array_add (uuids, (gpointer) none);
    g_ptr_array_add (uuids, u1);
    for (guint i = 0; i < uuids->len; i++)
      {
        g_autoptr(GPtrArray) of_task = tm_portfolio_dup_history (portfolio, g_ptr_array_index (uuids, i),
                                                                 NULL, 0);

        while (of_task->len > 0)
          g_ptr_array_add (each, g_ptr_array_steal_index (of_task, 0));
      }
    at_once = _tm_history_dup_for_tasks (portfolio, uuids);
    g_assert_cmpuint (each->len, ==, 9);
    g_assert_cmpuint (at_once->len, ==, each->len);
    expected = describe_sorted (each);
    got = describe_sorted (at_once);
    g_assert_cmpstr (got, ==, expected);

    g_ptr_array_set_size (uuids, 0);
    g_clear_pointer (&at_once, g_ptr_array_unref);
    at_once = _tm_history_dup_for_tasks (portfolio, uuids);
    g_assert_cmpuint (at_once->len, ==, 0);
  }

  tm_test_use_clock (0);
}

/* With the real clock: times within the test's run, oldest first, in the
 * order of the edits. */
static void
test_real_time (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  static const char * const order[] = { "task", "title", "level", "move", "review.status", "review.risk" };
  gint64 start, end;
  TmTask *task;
  TmMoveReview review;

  tm_test_use_clock (0);
  start = tm_test_real_now ();
  task = tm_test_add_task (portfolio, "Hente blodprøvesvar", TM_SHIFT_DAY);
  {
    g_autoptr(TmTaskData) d = tm_task_dup_data (task);

    g_free (d->title);
    d->title = g_strdup ("Hente alle blodprøvesvar");
    update (portfolio, task, d, NULL);
  }
  {
    g_autoptr(TmTaskData) d = tm_task_dup_data (task);

    d->level = TM_LEVEL_COORDINATION;
    update (portfolio, task, d, NULL);
  }
  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario, TM_STATUS_AGREED, NULL, FALSE, &error));
  dup_review (task, scenario, &review);
  review.risk = TM_RISK_HIGH;
  store_review (portfolio, task, &review, NULL);
  end = tm_test_real_now ();

  entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < entries->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, i);

      g_assert_cmpstr (e->field, ==, order[i]);
      g_assert_cmpint (e->when, >=, start);
      g_assert_cmpint (e->when, <=, end);
      g_assert_cmpstr (e->who, ==, tm_portfolio_get_user_name (portfolio));
      if (i > 0)
        g_assert_cmpint (((TmHistoryEntry *) g_ptr_array_index (entries, i - 1))->when, <=, e->when);
    }

  /* "Since" the start gives everything, since after the end nothing. */
  {
    g_autoptr(GPtrArray) since = tm_portfolio_dup_history (portfolio, NULL, NULL, start);
    g_autoptr(GPtrArray) none = tm_portfolio_dup_history (portfolio, NULL, NULL, end + 1);

    g_assert_cmpuint (since->len, ==, entries->len);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

/* Changing a value back and forth within one second is three changes. */
static void
test_same_second (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Medicinsk afsnit M3");
  const char *scenario = tm_test_scenario_id_at (portfolio, 0);
  static const TmCheckState states[] = { TM_CHECK_FINE, TM_CHECK_CONCERN, TM_CHECK_FINE, TM_CHECK_CONCERN };
  g_autoptr(GPtrArray) entries = NULL;
  TmTask *task;

  tm_test_use_clock (MONDAY);
  task = tm_test_add_task (portfolio, "Hente blodprøvesvar", TM_SHIFT_DAY);
  tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      TmMoveReview review;

      dup_review (task, scenario, &review);
      review.checks[TM_CHECK_BARRIERS].state = states[i];
      store_review (portfolio, task, &review, NULL);
    }

  entries = tm_portfolio_dup_history (portfolio, NULL, scenario, 0);
  /* The move, then one entry per change of the answer. */
  g_assert_cmpuint (entries->len, ==, 1 + G_N_ELEMENTS (states));
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, 1 + i);

      g_assert_cmpstr (e->field, ==, "review.check.barriers");
      g_assert_cmpstr (e->old_value, ==, tm_check_state_to_id (i == 0 ? TM_CHECK_NOT_CONSIDERED : states[i - 1]));
      g_assert_cmpstr (e->new_value, ==, tm_check_state_to_id (states[i]));
    }

  tm_test_use_clock (0);
}

static void
test_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-history-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *history = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "m3.taskmap", NULL);
  file = g_file_new_for_path (path);
  tm_test_use_clock (MONDAY);

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "M3", &error);
    g_autoptr(TmWorkshopData) workshop = tm_test_workshop_data ("2026-01-20", "Workshop 1");
    const char *scenario;
    TmTask *task;

    g_assert_no_error (error);
    tm_portfolio_set_user_name (portfolio, "Mette Jensen");
    scenario = tm_test_scenario_id_at (portfolio, 0);
    task = tm_test_add_task (portfolio, "Hente blodprøvesvar", TM_SHIFT_DAY);
    tm_test_set_move (portfolio, task, scenario, TM_MOVE_TO_PROFESSION, "porter", 100);
    CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario, TM_STATUS_APPROVED, "MED", TRUE, &error));
    g_assert_nonnull (tm_portfolio_add_workshop (portfolio, workshop, &error));
    g_assert_no_error (error);
    CHECK_OK (tm_portfolio_set_last_committee_meeting (portfolio, "2026-02-10", &error));
    /* An undone edit is not kept. */
    CHECK_OK (tm_portfolio_set_last_committee_meeting (portfolio, "2026-03-10", &error));
    tm_test_undo (portfolio);
    history = tm_test_describe_history (portfolio);
    g_assert_cmpuint (tm_test_history_length (portfolio), ==, 5);
    tm_portfolio_close (portfolio);
  }

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);
    g_autofree char *now = NULL;

    g_assert_no_error (error);
    now = tm_test_describe_history (portfolio);
    g_assert_cmpstr (now, ==, history);
    g_assert_null (strstr (now, "2026-03-10"));
    /* The name is not kept in the file: the next edit is the system user's. */
    CHECK_OK (tm_portfolio_set_last_committee_meeting (portfolio, "2026-03-17", &error));
    {
      g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
      const TmHistoryEntry *e = g_ptr_array_index (entries, entries->len - 1);

      g_assert_cmpuint (entries->len, ==, 6);
      g_assert_cmpstr (e->who, ==, tm_portfolio_get_user_name (portfolio));
      g_assert_cmpstr (e->old_value, ==, "2026-02-10");
    }
    tm_portfolio_close (portfolio);
  }

  tm_test_rm_rf (dir);
  tm_test_use_clock (0);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/history/every-change", test_every_change);
  g_test_add_func ("/core/history/texts", test_texts);
  g_test_add_func ("/core/history/merge-key", test_merge_key);
  g_test_add_func ("/core/history/undo-redo", test_undo_redo);
  g_test_add_func ("/core/history/filters", test_filters);
  g_test_add_func ("/core/history/real-time", test_real_time);
  g_test_add_func ("/core/history/reopen", test_reopen);
  g_test_add_func ("/core/history/same-second", test_same_second);
  g_test_add_func ("/core/history/texts-lists", test_texts_lists);

  return g_test_run ();
}
