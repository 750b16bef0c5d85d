/* test-merge.c
 * Tests of taking a portfolio file back into a portfolio (the merge plan: new,
 * changed, conflicting and unchanged tasks, the choices, one undo step, the
 * refusals) and of the regional merge of many units' files.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-merge"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "tm-test-util.h"

/* A marker that must never travel from a file named in an entity into Taskmap. */
#define SECRET_MARKER "TASKMAP-SECRET-7b2e91c4-merge-must-not-read"

/* When the tasks were sent out: 14 November 2023, long before any test runs. */
#define OLD_TIME ((gint64) 1700000000)

#define SCENARIO_1 "scenario-1"
#define EPSILON    1e-9

/* Helpers */

/* The <tasks> element of an export: what two portfolios with different
 * histories of edits can have alike. */
static char *
tasks_of (const char *xml)
{
  const char *start = strstr (xml, "<tasks>");
  const char *end = strstr (xml, "</tasks>");

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

static gint64
seconds_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
update_minutes (TmPortfolio *portfolio,
                TmTask      *task,
                double       minutes)
{
  g_autoptr(TmTaskData) d = tm_task_dup_data (task);
  g_autoptr(GError) error = NULL;

  d->minutes = minutes;
  CHECK_OK (tm_portfolio_update_task (portfolio, task, d, NULL, &error));
}

/* A task with every field set; @i varies the values. */
static TmTaskData *
make_task_data (guint       i,
                const char *custom_id,
                const char *second_scenario_id,
                gint64      modified)
{
  TmTaskData *d = tm_task_data_new ();
  TmAssessment a;
  TmMove first = { NULL, TM_MOVE_TO_PROFESSION, (char *) "runner", 50 };

  g_free (d->title);
  d->title = g_strdup_printf ("Opgave %u: æøå <&> \"citat\"", i);
  g_free (d->description);
  d->description = g_strdup_printf ("Beskrivelse %u\nAnden linje", i);
  g_free (d->group);
  d->group = g_strdup (i % 2 ? "Om morgenen" : "Om aftenen");
  g_free (d->notes);
  d->notes = g_strdup ("  noter & <mere>  ");
  d->level = i % TM_N_LEVELS;
  d->complexity = i % TM_N_COMPLEXITIES;
  d->minutes = 5 + i % 1400;  /* within a day's 1,440 minutes */
  d->occurrences = 1 + i % 3;
  d->per = i % TM_N_PERS;
  d->shifts = (i % 15) + 1;
  d->modified = modified;

  tm_task_data_set_performer (d, "nurse", 60);
  tm_task_data_set_performer (d, custom_id ? custom_id : "ssa", 40);

  tm_assessment_init (&a, "runner");
  a.suitability = TM_SUITABILITY_AFTER_TRAINING;
  a.complexity_limit = TM_COMPLEXITY_MODERATE;
  a.share = 50;
  a.training = TM_TRAINING_ON_THE_JOB;
  a.training_days = 2.5;
  a.documented_by_test = TRUE;
  a.rationale = i % TM_N_RATIONALES;
  g_free (a.training_content);
  a.training_content = g_strdup ("Oplæring i <medicin> & dosering");
  g_free (a.purpose);
  a.purpose = g_strdup ("Frigøre sygeplejerskernes tid");
  g_free (a.note);
  a.note = g_strdup ("Note\nover to linjer");
  tm_task_data_set_assessment (d, &a);
  tm_assessment_clear (&a);

  tm_task_data_set_move (d, SCENARIO_1, &first);
  if (second_scenario_id != NULL && i % 2 == 0)
    {
      TmMove stop = { NULL, TM_MOVE_STOP, NULL, 100 };

      tm_task_data_set_move (d, second_scenario_id, &stop);
    }

  return d;
}

/* A unit's portfolio: a profession and a scenario of its own, and @n tasks
 * with every field set, last changed at @modified. */
static TmPortfolio *
build_unit (const char *unit_name,
            guint       n,
            gint64      modified)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *p = tm_test_new_portfolio (TM_COUNTRY_DK, unit_name);
  TmProfession *custom;
  TmScenario *second;

  custom = tm_portfolio_add_profession (p, "Forløbskoordinator", "Pathway coordinator", TRUE, FALSE,
                                        &error);
  g_assert_no_error (error);
  second = tm_portfolio_add_scenario (p, "Plan B", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTaskData) d = make_task_data (i, tm_profession_get_id (custom),
                                                tm_scenario_get_id (second), modified);
      TmTask *task = tm_portfolio_add_task (p, d, &error);

      g_assert_no_error (error);
      g_assert_nonnull (task);
      /* A time given by the caller is kept. */
      g_assert_cmpint (tm_task_get_modified (task), ==, modified);
    }

  return p;
}

static TmMergePlan *
new_plan (TmPortfolio *portfolio,
          const char  *xml,
          const char  *display_name)
{
  g_autoptr(GError) error = NULL;
  TmMergePlan *plan = tm_merge_plan_new (portfolio, xml, strlen (xml), display_name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* Takes everything in @xml into @portfolio through a plan. */
static void
merge_all (TmPortfolio *portfolio,
           const char  *xml)
{
  g_autoptr(TmMergePlan) plan = new_plan (portfolio, xml, "alt.xml");
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_merge_plan_apply (plan, &error));
}

/* The item of the task @uuid. */
static guint
find_item (TmMergePlan *plan,
           const char  *uuid)
{
  for (guint i = 0; i < tm_merge_plan_get_n_items (plan); i++)
    {
      const TmTaskData *theirs = tm_merge_plan_get_theirs (plan, i);

      g_assert_nonnull (theirs);
      if (g_strcmp0 (theirs->uuid, uuid) == 0)
        return i;
    }

  g_test_message ("no item for task %s", uuid);
  g_assert_not_reached ();
  return G_MAXUINT;
}

static void
assert_counts (TmMergePlan *plan,
               guint        added,
               guint        updated,
               guint        conflict,
               guint        unchanged)
{
  guint by_kind[TM_N_MERGE_KINDS] = { 0, };

  g_assert_cmpuint (tm_merge_plan_count (plan, TM_MERGE_ADDED), ==, added);
  g_assert_cmpuint (tm_merge_plan_count (plan, TM_MERGE_UPDATED), ==, updated);
  g_assert_cmpuint (tm_merge_plan_count (plan, TM_MERGE_CONFLICT), ==, conflict);
  g_assert_cmpuint (tm_merge_plan_count (plan, TM_MERGE_UNCHANGED), ==, unchanged);
  g_assert_cmpuint (tm_merge_plan_get_n_items (plan), ==, added + updated + conflict + unchanged);

  /* The counts agree with the items. */
  for (guint i = 0; i < tm_merge_plan_get_n_items (plan); i++)
    {
      TmMergeKind kind = tm_merge_plan_get_kind (plan, i);

      g_assert_cmpint (kind, >=, 0);
      g_assert_cmpint (kind, <, TM_N_MERGE_KINDS);
      by_kind[kind]++;
    }
  for (TmMergeKind k = 0; k < TM_N_MERGE_KINDS; k++)
    g_assert_cmpuint (by_kind[k], ==, tm_merge_plan_count (plan, k));
}

/* Checks what every item says about itself against its kind. */
static void
assert_items_consistent (TmMergePlan *plan,
                         TmPortfolio *portfolio)
{
  for (guint i = 0; i < tm_merge_plan_get_n_items (plan); i++)
    {
      const TmTaskData *theirs = tm_merge_plan_get_theirs (plan, i);
      TmTask *mine = tm_merge_plan_get_mine (plan, i);
      g_autofree char *differences = tm_merge_plan_describe_differences (plan, i);

      g_assert_nonnull (theirs);
      g_assert_true (g_uuid_string_is_valid (theirs->uuid));

      switch (tm_merge_plan_get_kind (plan, i))
        {
        case TM_MERGE_ADDED:
          g_assert_null (mine);
          g_assert_null (tm_portfolio_lookup_task (portfolio, theirs->uuid));
          g_assert_cmpint (tm_merge_plan_get_choice (plan, i), ==, TM_MERGE_TAKE_THEIRS);
          g_assert_null (differences);
          break;

        case TM_MERGE_UNCHANGED:
          g_assert_true (mine == tm_portfolio_lookup_task (portfolio, theirs->uuid));
          g_assert_true (tm_task_data_equal (tm_task_peek_data (mine), theirs));
          g_assert_null (differences);
          break;

        case TM_MERGE_UPDATED:
        case TM_MERGE_CONFLICT:
          g_assert_nonnull (mine);
          g_assert_true (mine == tm_portfolio_lookup_task (portfolio, theirs->uuid));
          g_assert_false (tm_task_data_equal (tm_task_peek_data (mine), theirs));
          g_assert_nonnull (differences);
          g_assert_cmpstr (differences, !=, "");
          g_assert_true (g_utf8_validate (differences, -1, NULL));
          break;

        case TM_N_MERGE_KINDS:
        default:
          g_assert_not_reached ();
        }
    }
}

/* Kinds and labels */

static void
test_kind_labels (void)
{
  for (TmMergeKind k = 0; k < TM_N_MERGE_KINDS; k++)
    {
      const char *label = tm_merge_kind_get_label (k);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      for (TmMergeKind other = 0; other < k; other++)
        g_assert_cmpstr (label, !=, tm_merge_kind_get_label (other));
    }
}

/* A plan into a new portfolio is a plain import */

static void
test_plan_into_new (void)
{
  g_autoptr(TmPortfolio) a = build_unit ("Afsnit K2", 4, OLD_TIME);
  g_autoptr(TmPortfolio) b = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K2");
  g_autoptr(TmMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml_a = tm_test_export_xml (a);
  g_autofree char *before = tm_test_export_xml (b);
  g_autofree char *unchanged = NULL;
  g_autofree char *after = NULL;
  guint64 edits = tm_portfolio_get_edit_count (b);

  plan = new_plan (b, xml_a, "Afsnit K2.xml");
  g_assert_cmpstr (tm_merge_plan_get_display_name (plan), ==, "Afsnit K2.xml");
  assert_counts (plan, 4, 0, 0, 0);
  assert_items_consistent (plan, b);

  /* In the file's order, with the file's data. */
  for (guint i = 0; i < 4; i++)
    {
      const TmTaskData *theirs = tm_merge_plan_get_theirs (plan, i);
      TmTask *task = tm_test_task_at (a, i);

      g_assert_cmpint (tm_merge_plan_get_kind (plan, i), ==, TM_MERGE_ADDED);
      g_assert_cmpstr (theirs->uuid, ==, tm_task_get_uuid (task));
      g_assert_true (tm_task_data_equal (theirs, tm_task_peek_data (task)));
      g_assert_cmpint (theirs->modified, ==, OLD_TIME);
    }

  /* Making the plan writes nothing. */
  unchanged = tm_test_export_xml (b);
  tm_test_assert_same_text (before, unchanged);
  g_assert_cmpuint (tm_portfolio_get_edit_count (b), ==, edits);
  g_assert_false (tm_portfolio_can_undo (b));

  CHECK_OK (tm_merge_plan_apply (plan, &error));

  /* Professions, scenarios and tasks: the same file again. */
  after = tm_test_export_xml (b);
  tm_test_assert_same_text (xml_a, after);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (tm_task_get_modified (tm_test_task_at (b, i)), ==, OLD_TIME);

  /* One undo step, named for what it did. */
  g_assert_true (tm_portfolio_can_undo (b));
  g_assert_nonnull (strstr (tm_portfolio_get_undo_label (b), "Import"));
}

/* A portfolio sent out, a copy edited elsewhere */

typedef struct {
  TmPortfolio *mine;        /* the unit's portfolio, as it was sent out */
  TmPortfolio *theirs;      /* the copy, edited since */
  char        *sent;        /* the unit's export, as sent out */
  char        *xml;         /* the copy's export, coming back */
  char        *retitled;    /* the task whose title the copy changed */
  char        *retimed;     /* the task whose time the copy changed */
  char        *same[2];     /* tasks left alone */
  char        *added;       /* the task the copy added */
} Exchange;

static void
exchange_setup (Exchange      *x,
                gconstpointer  data)
{
  g_autoptr(TmTaskData) d = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  gint64 start;
  TmTask *task;

  x->mine = build_unit ("Afsnit K2", 4, OLD_TIME);
  x->sent = tm_test_export_xml (x->mine);
  x->theirs = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K2");
  merge_all (x->theirs, x->sent);

  start = seconds_now ();
  task = tm_test_task_at (x->theirs, 0);
  x->retitled = g_strdup (tm_task_get_uuid (task));
  tm_test_set_title (x->theirs, task, "Ny titel fra afdelingen", NULL);
  /* Every edit records when it was made. */
  g_assert_cmpint (tm_task_get_modified (task), >=, start);
  g_assert_cmpint (tm_task_get_modified (task), <=, seconds_now ());

  task = tm_test_task_at (x->theirs, 1);
  x->retimed = g_strdup (tm_task_get_uuid (task));
  update_minutes (x->theirs, task, 42.5);
  g_assert_cmpint (tm_task_get_modified (task), >, OLD_TIME);

  x->same[0] = g_strdup (tm_task_get_uuid (tm_test_task_at (x->theirs, 2)));
  x->same[1] = g_strdup (tm_task_get_uuid (tm_test_task_at (x->theirs, 3)));

  g_free (d->title);
  d->title = g_strdup ("Ny opgave fra afdelingen");
  tm_task_data_set_performer (d, "nurse", 100);
  task = tm_portfolio_add_task (x->theirs, d, &error);
  g_assert_no_error (error);
  x->added = g_strdup (tm_task_get_uuid (task));

  x->xml = tm_test_export_xml (x->theirs);
}

static void
exchange_teardown (Exchange      *x,
                   gconstpointer  data)
{
  g_clear_object (&x->mine);
  g_clear_object (&x->theirs);
  g_free (x->sent);
  g_free (x->xml);
  g_free (x->retitled);
  g_free (x->retimed);
  g_free (x->same[0]);
  g_free (x->same[1]);
  g_free (x->added);
}

/* The window reads a file to take back in a worker thread
 * (tm_merge_source_read_file()) and makes the plan on the portfolio's
 * thread: the same plan as from the text, the same refusals, and a
 * cancelled read says so. */
static gpointer
read_source_thread (gpointer data)
{
  GFile *file = data;
  GError *error = NULL;
  TmMergeSource *source = tm_merge_source_read_file (file, NULL, &error);

  g_assert_no_error (error);
  return source;
}

static void
test_plan_from_thread (Exchange      *x,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-merge-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "afsnit-k2.xml", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "broken.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) from_text = NULL;
  g_autoptr(TmMergePlan) expected = NULL;
  g_autoptr(TmMergePlan) plan = NULL;
  g_autoptr(TmMergePlan) refused = NULL;
  TmMergeSource *source;
  GThread *thread;
  guint64 edits = tm_portfolio_get_edit_count (x->mine);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, x->xml, -1, NULL));

  thread = g_thread_new ("read", read_source_thread, file);
  source = g_thread_join (thread);
  g_assert_nonnull (source);
  plan = tm_merge_plan_new_for_source (x->mine, source, &error);
  g_assert_no_error (error);
  expected = new_plan (x->mine, x->xml, "afsnit-k2.xml");
  g_assert_cmpstr (tm_merge_plan_get_display_name (plan), ==, "afsnit-k2.xml");
  g_assert_cmpuint (tm_merge_plan_get_n_items (plan), ==, tm_merge_plan_get_n_items (expected));
  for (guint k = 0; k < TM_N_MERGE_KINDS; k++)
    g_assert_cmpuint (tm_merge_plan_count (plan, k), ==, tm_merge_plan_count (expected, k));
  assert_counts (plan, 1, 2, 0, 2);
  for (guint i = 0; i < tm_merge_plan_get_n_items (plan); i++)
    {
      g_assert_cmpstr (tm_merge_plan_get_theirs (plan, i)->uuid, ==,
                       tm_merge_plan_get_theirs (expected, i)->uuid);
      g_assert_cmpint (tm_merge_plan_get_kind (plan, i), ==, tm_merge_plan_get_kind (expected, i));
    }

  /* A damaged file: refused with the message of the text's path. */
  g_assert_true (g_file_set_contents (bad_path, "<?xml version=\"1.0\"?><taskmap", -1, NULL));
  g_assert_null (tm_merge_source_read_file (bad_file, NULL, &error));
  refused = tm_merge_plan_new_for_file (x->mine, bad_file, &from_text);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_nonnull (from_text);
  g_assert_cmpstr (error->message, ==, from_text->message);
  g_assert_true (strstr (error->message, "broken.xml") != NULL);
  g_clear_error (&error);

  /* Cancelled before it is read. */
  g_cancellable_cancel (cancellable);
  g_assert_null (tm_merge_source_read_file (file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Nothing of it touched the portfolio. */
  g_assert_cmpuint (tm_portfolio_get_edit_count (x->mine), ==, edits);
  g_unlink (path);
  g_unlink (bad_path);
  g_rmdir (dir);
}

static void
test_plan_kinds (Exchange      *x,
                 gconstpointer  data)
{
  g_autoptr(TmMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title_differs = NULL;
  g_autofree char *time_differs = NULL;
  g_autofree char *after = NULL;
  guint64 edits = tm_portfolio_get_edit_count (x->mine);
  guint item;

  plan = new_plan (x->mine, x->xml, "afsnit-k2.xml");
  assert_counts (plan, 1, 2, 0, 2);
  assert_items_consistent (plan, x->mine);

  /* One item per task in the file, in the file's order. */
  for (guint i = 0; i < tm_test_n_tasks (x->theirs); i++)
    g_assert_cmpstr (tm_merge_plan_get_theirs (plan, i)->uuid, ==, tm_task_get_uuid (tm_test_task_at (x->theirs, i)));

  item = find_item (plan, x->retitled);
  g_assert_cmpint (tm_merge_plan_get_kind (plan, item), ==, TM_MERGE_UPDATED);
  g_assert_cmpint (tm_merge_plan_get_choice (plan, item), ==, TM_MERGE_TAKE_THEIRS);
  g_assert_cmpstr (tm_merge_plan_get_theirs (plan, item)->title, ==, "Ny titel fra afdelingen");
  g_assert_cmpstr (tm_task_get_title (tm_merge_plan_get_mine (plan, item)), ==, "Opgave 0: æøå <&> \"citat\"");
  g_assert_cmpint (tm_merge_plan_get_theirs (plan, item)->modified, >, OLD_TIME);
  title_differs = tm_merge_plan_describe_differences (plan, item);

  item = find_item (plan, x->retimed);
  g_assert_cmpint (tm_merge_plan_get_kind (plan, item), ==, TM_MERGE_UPDATED);
  g_assert_cmpint (tm_merge_plan_get_choice (plan, item), ==, TM_MERGE_TAKE_THEIRS);
  g_assert_cmpfloat (tm_merge_plan_get_theirs (plan, item)->minutes, ==, 42.5);
  time_differs = tm_merge_plan_describe_differences (plan, item);

  for (guint i = 0; i < 2; i++)
    {
      item = find_item (plan, x->same[i]);
      g_assert_cmpint (tm_merge_plan_get_kind (plan, item), ==, TM_MERGE_UNCHANGED);
    }

  item = find_item (plan, x->added);
  g_assert_cmpint (tm_merge_plan_get_kind (plan, item), ==, TM_MERGE_ADDED);
  g_assert_cmpint (tm_merge_plan_get_choice (plan, item), ==, TM_MERGE_TAKE_THEIRS);
  g_assert_null (tm_merge_plan_get_mine (plan, item));

  /* The differences name the field that changed, and only that one. */
  g_test_message ("title change: %s; time change: %s", title_differs, time_differs);
  g_assert_nonnull (title_differs);
  g_assert_nonnull (time_differs);
  g_assert_cmpstr (title_differs, !=, "");
  g_assert_cmpstr (time_differs, !=, "");
  g_assert_cmpstr (title_differs, !=, time_differs);
  g_assert_nonnull (strstr (title_differs, "title"));
  g_assert_null (strstr (title_differs, "time"));
  g_assert_nonnull (strstr (time_differs, "time"));
  g_assert_null (strstr (time_differs, "title"));

  /* Nothing written yet. */
  after = tm_test_export_xml (x->mine);
  tm_test_assert_same_text (x->sent, after);
  g_assert_cmpuint (tm_portfolio_get_edit_count (x->mine), ==, edits);
  g_clear_pointer (&after, g_free);

  /* With the default choices the unit's portfolio becomes the copy. */
  CHECK_OK (tm_merge_plan_apply (plan, &error));
  after = tm_test_export_xml (x->mine);
  tm_test_assert_same_text (x->xml, after);
  g_assert_cmpstr (tm_task_get_title (tm_portfolio_lookup_task (x->mine, x->retitled)), ==,
                   "Ny titel fra afdelingen");
  g_assert_cmpint (tm_task_get_modified (tm_portfolio_lookup_task (x->mine, x->retitled)), ==,
                   tm_task_get_modified (tm_portfolio_lookup_task (x->theirs, x->retitled)));
}

/* An update the user declines is left out; the rest goes in. */
static void
test_plan_decline_update (Exchange      *x,
                          gconstpointer  data)
{
  g_autoptr(TmMergePlan) plan = new_plan (x->mine, x->xml, "afsnit-k2.xml");
  g_autoptr(GError) error = NULL;
  guint item = find_item (plan, x->retitled);
  TmTask *task;

  tm_merge_plan_set_choice (plan, item, TM_MERGE_KEEP_MINE);
  g_assert_cmpint (tm_merge_plan_get_choice (plan, item), ==, TM_MERGE_KEEP_MINE);
  /* The kind stays what it is. */
  g_assert_cmpint (tm_merge_plan_get_kind (plan, item), ==, TM_MERGE_UPDATED);
  /* New and unchanged tasks have no choice. */
  tm_merge_plan_set_choice (plan, find_item (plan, x->added), TM_MERGE_KEEP_MINE);
  g_assert_cmpint (tm_merge_plan_get_choice (plan, find_item (plan, x->added)), ==, TM_MERGE_TAKE_THEIRS);
  tm_merge_plan_set_choice (plan, find_item (plan, x->same[0]), TM_MERGE_TAKE_THEIRS);
  g_assert_cmpint (tm_merge_plan_get_choice (plan, find_item (plan, x->same[0])), ==, TM_MERGE_KEEP_MINE);
  /* A conflict choice does not touch updates. */
  tm_merge_plan_set_conflict_choice (plan, TM_MERGE_TAKE_THEIRS);
  g_assert_cmpint (tm_merge_plan_get_choice (plan, item), ==, TM_MERGE_KEEP_MINE);
  g_assert_cmpint (tm_merge_plan_get_choice (plan, find_item (plan, x->retimed)), ==, TM_MERGE_TAKE_THEIRS);

  CHECK_OK (tm_merge_plan_apply (plan, &error));

  task = tm_portfolio_lookup_task (x->mine, x->retitled);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Opgave 0: æøå <&> \"citat\"");
  g_assert_cmpint (tm_task_get_modified (task), ==, OLD_TIME);
  g_assert_cmpfloat (tm_task_get_minutes (tm_portfolio_lookup_task (x->mine, x->retimed)), ==, 42.5);
  g_assert_nonnull (tm_portfolio_lookup_task (x->mine, x->added));
  g_assert_cmpuint (tm_test_n_tasks (x->mine), ==, 5);
}

/* Apply is one undo step, and redo gives it back. */
static void
test_apply_undo (Exchange      *x,
                 gconstpointer  data)
{
  g_autoptr(TmMergePlan) plan = new_plan (x->mine, x->xml, "afsnit-k2.xml");
  g_autoptr(GError) error = NULL;
  g_autofree char *applied = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *undone_again = NULL;

  CHECK_OK (tm_merge_plan_apply (plan, &error));
  applied = tm_test_export_xml (x->mine);
  tm_test_assert_same_text (x->xml, applied);

  CHECK_OK (tm_portfolio_undo (x->mine, &error));
  undone = tm_test_export_xml (x->mine);
  tm_test_assert_same_text (x->sent, undone);
  g_assert_cmpint (tm_task_get_modified (tm_portfolio_lookup_task (x->mine, x->retitled)), ==, OLD_TIME);
  g_assert_null (tm_portfolio_lookup_task (x->mine, x->added));

  CHECK_OK (tm_portfolio_redo (x->mine, &error));
  redone = tm_test_export_xml (x->mine);
  tm_test_assert_same_text (applied, redone);

  CHECK_OK (tm_portfolio_undo (x->mine, &error));
  undone_again = tm_test_export_xml (x->mine);
  tm_test_assert_same_text (x->sent, undone_again);
}

/* Applied in steps (as the window does with a region's file): with no time
 * to spare each step does a few dozen changes and returns, the undo and redo
 * are off and every other edit is refused meanwhile, and the end is the same
 * as applying it at once: the same export, one undo step. */
static void
test_apply_in_steps (void)
{
  g_autoptr(TmPortfolio) unit = build_unit ("Afsnit K3", 300, OLD_TIME);
  g_autofree char *xml = tm_test_export_xml (unit);
  g_autoptr(TmPortfolio) at_once = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K3");
  g_autoptr(TmPortfolio) stepped = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K3");
  g_autoptr(TmMergePlan) plan = NULL;
  g_autoptr(TmMergeApply) apply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *before = NULL;
  gboolean done = FALSE;
  double last_fraction = 0.0;
  guint steps = 0;
  guint steps_with_tasks_shown = 0;

  merge_all (at_once, xml);
  expected = tm_test_export_xml (at_once);

  tm_test_add_task (stepped, "Egen opgave", 0);
  before = tm_test_export_xml (stepped);
  g_assert_true (tm_portfolio_can_undo (stepped));

  plan = new_plan (stepped, xml, "afsnit-k3.xml");
  apply = tm_merge_plan_apply_begin (plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (apply);
  g_assert_true (tm_merge_apply_can_cancel (apply));

  while (!done)
    {
      double fraction;

      CHECK_OK (tm_merge_apply_step (apply, 0, &done, &error));
      steps++;
      fraction = tm_merge_apply_get_fraction (apply);
      g_assert_cmpfloat (fraction, >=, last_fraction);
      g_assert_cmpfloat (fraction, <=, 1.0);
      last_fraction = fraction;
      if (done)
        break;

      /* Meanwhile: nothing to undo, and no other change taken. */
      g_assert_false (tm_portfolio_can_undo (stepped));
      g_assert_null (tm_portfolio_get_undo_label (stepped));
      {
        g_autoptr(TmTaskData) d = tm_task_data_new ();
        g_autoptr(GError) busy = NULL;

        g_free (d->title);
        d->title = g_strdup ("Mens den gemmer");
        g_assert_null (tm_portfolio_add_task (stepped, d, &busy));
        g_assert_nonnull (busy);
        g_assert_nonnull (strstr (busy->message, "still saving"));
        g_clear_error (&busy);
        g_assert_false (tm_portfolio_undo (stepped, &busy));
        g_assert_nonnull (busy);
      }
      /* The tasks go into the list while it is brought along in memory. */
      if (tm_test_n_tasks (stepped) > 1 && tm_test_n_tasks (stepped) < 301)
        steps_with_tasks_shown++;
    }

  /* 300 tasks and their history: several steps of writing, several of memory. */
  g_assert_cmpuint (steps, >, 10);
  g_assert_cmpuint (steps_with_tasks_shown, >, 1);
  g_assert_cmpfloat (last_fraction, ==, 1.0);
  g_assert_false (tm_merge_apply_can_cancel (apply));
  g_assert_cmpuint (tm_test_n_tasks (stepped), ==, 301);

  /* The same tasks as at once (the portfolio's own task aside). */
  got = tm_test_export_xml (stepped);
  {
    g_autofree char *tasks_expected = tasks_of (expected);
    g_autofree char *tasks_got = tasks_of (got);

    g_assert_nonnull (strstr (tasks_got, tasks_expected + strlen ("<tasks>")));
  }
  g_assert_true (tm_portfolio_can_undo (stepped));
  g_assert_cmpstr (tm_portfolio_get_undo_label (stepped), ==, "Undo: Import");

  /* One undo step takes it all back, and edits are taken again. */
  tm_test_undo (stepped);
  undone = tm_test_export_xml (stepped);
  tm_test_assert_same_text (before, undone);
  tm_test_add_task (stepped, "Efter importen", 0);
  g_assert_cmpuint (tm_test_n_tasks (stepped), ==, 2);

  /* The plan went in once. */
  g_assert_false (tm_merge_plan_apply (plan, &error));
  g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
}

/* @xml written to a file and read back as a window reads it. */
static TmMergeSource *
source_of (const char *xml,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tm-merge-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  TmMergeSource *source;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  CHECK_OK (g_file_set_contents (path, xml, -1, &error));
  file = g_file_new_for_path (path);
  source = tm_merge_source_read_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  tm_test_rm_rf (dir);
  return source;
}

/* Runs @planning to its end with no time to spare: its plan, or NULL and
 * @error; @steps says how many steps it took. */
static TmMergePlan *
run_planning (TmMergePlanning  *planning,
              guint            *steps,
              GError          **error)
{
  double last = 0.0;
  gboolean done = FALSE;

  *steps = 0;
  while (!done)
    {
      if (!tm_merge_planning_step (planning, 0, &done, error))
        return NULL;
      (*steps)++;
      g_assert_cmpfloat (tm_merge_planning_get_fraction (planning), >=, last);
      g_assert_cmpfloat (tm_merge_planning_get_fraction (planning), <=, 1.0);
      last = tm_merge_planning_get_fraction (planning);
    }
  g_assert_cmpfloat (last, ==, 1.0);
  return tm_merge_planning_finish (planning);
}

/* A region's file (10,000 changes and more) is put in order for writing
 * by a thread of its own while the steps go on, so that no step waits for
 * the sort: the end is the same as at once, and Cancel while it sorts
 * leaves the portfolio as it was. */
static void
test_apply_sorted_in_thread (void)
{
  g_autoptr(TmPortfolio) region = build_unit ("Region Syd", 10200, OLD_TIME);
  g_autofree char *xml = tm_test_export_xml (region);
  g_autoptr(TmPortfolio) at_once = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Syd");
  g_autoptr(TmPortfolio) stepped = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Syd");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = tm_test_export_xml (stepped);
  g_autofree char *after = NULL;
  g_autofree char *got = NULL;
  gboolean done = FALSE;
  guint steps = 0;

  merge_all (at_once, xml);
  expected = tm_test_export_xml (at_once);

  /* Cancelled in its first step, while the thread sorts. */
  {
    g_autoptr(TmMergePlan) plan = new_plan (stepped, xml, "region-syd.xml");
    TmMergeApply *apply = tm_merge_plan_apply_begin (plan, &error);

    g_assert_no_error (error);
    CHECK_OK (tm_merge_apply_step (apply, 0, &done, &error));
    g_assert_false (done);
    g_assert_true (tm_merge_apply_can_cancel (apply));
    tm_merge_apply_free (apply);
  }
  after = tm_test_export_xml (stepped);
  tm_test_assert_same_text (before, after);
  g_assert_cmpuint (tm_test_n_tasks (stepped), ==, 0);

  /* To the end, in steps with no time to spare. */
  {
    g_autoptr(TmMergePlan) plan = new_plan (stepped, xml, "region-syd.xml");
    g_autoptr(TmMergeApply) apply = tm_merge_plan_apply_begin (plan, &error);

    g_assert_no_error (error);
    while (!done)
      {
        CHECK_OK (tm_merge_apply_step (apply, 0, &done, &error));
        steps++;
      }
  }
  g_assert_cmpuint (steps, >, 100);
  got = tm_test_export_xml (stepped);
  tm_test_assert_same_text (expected, got);
  g_assert_cmpstr (tm_portfolio_get_undo_label (stepped), ==, "Undo: Import");
}

/* A region's file is compared with the portfolio in steps, so that the
 * window draws meanwhile: the same plan as at once, item by item, and the
 * same refusal of a reference no one has, found late in the file. */
/* A region's own file taken back: its history names more tasks than are
 * read one by one, so the portfolio's whole history is read, in steps of
 * its own (one lump of 160-210 ms at 100,000 entries before), and none of
 * the file's entries is taken twice. */
static void
test_plan_history_in_steps (void)
{
  g_autoptr(TmPortfolio) unit = build_unit ("Afsnit K7", 2100, OLD_TIME);
  g_autofree char *xml = tm_test_export_xml (unit);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K7");
  g_autoptr(TmMergePlanning) planning = NULL;
  g_autoptr(TmMergePlan) plan = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  guint steps;

  merge_all (portfolio, xml);
  before = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  g_assert_cmpuint (before->len, >=, 2100);

  planning = tm_merge_planning_new (portfolio, source_of (xml, "afsnit-k7.xml"));
  plan = run_planning (planning, &steps, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  /* A block of 256 entries a step for the history, besides the steps of
   * checking and comparing the 2,100 tasks (3 each). */
  g_test_message ("%u steps", steps);
  g_assert_cmpuint (steps, >=, before->len / 256 + 4);
  g_assert_cmpuint (tm_merge_plan_count (plan, TM_MERGE_UNCHANGED), ==, 2100);

  CHECK_OK (tm_merge_plan_apply (plan, &error));
  after = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
test_plan_in_steps (void)
{
  g_autoptr(TmPortfolio) unit = build_unit ("Afsnit K6", 1400, OLD_TIME);
  g_autofree char *xml = tm_test_export_xml (unit);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K6");
  g_autoptr(TmMergePlan) at_once = NULL;
  g_autoptr(TmMergePlan) stepped = NULL;
  g_autoptr(TmMergePlanning) planning = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) stepped_error = NULL;
  g_autoptr(GString) bad = NULL;
  g_autoptr(TmTask) gone = NULL;
  TmMergeSource *source;
  guint64 edits;
  guint steps;

  merge_all (portfolio, xml);
  tm_test_set_title (portfolio, tm_test_task_at (portfolio, 10), "Ændret her", NULL);
  update_minutes (portfolio, tm_test_task_at (portfolio, 1399), 7);
  gone = g_object_ref (tm_test_task_at (portfolio, 20));
  CHECK_OK (tm_portfolio_delete_tasks (portfolio, &gone, 1, &error));
  edits = tm_portfolio_get_edit_count (portfolio);

  at_once = new_plan (portfolio, xml, "afsnit-k6.xml");
  g_assert_cmpuint (tm_merge_plan_count (at_once, TM_MERGE_CONFLICT), ==, 2);
  g_assert_cmpuint (tm_merge_plan_count (at_once, TM_MERGE_ADDED), ==, 1);

  source = source_of (xml, "afsnit-k6.xml");
  g_assert_cmpuint (tm_merge_source_get_n_tasks (source), ==, 1400);
  planning = tm_merge_planning_new (portfolio, source);
  g_assert_cmpstr (tm_merge_planning_get_display_name (planning), ==, "afsnit-k6.xml");
  g_assert_cmpfloat (tm_merge_planning_get_fraction (planning), ==, 0.0);
  stepped = run_planning (planning, &steps, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stepped);
  /* A look at the clock after 1,024 references checked and after 1,024
   * tasks compared, and the ends of each. */
  g_assert_cmpuint (steps, >=, 4);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);

  g_assert_cmpuint (tm_merge_plan_get_n_items (stepped), ==, 1400);
  for (guint kind = 0; kind < TM_N_MERGE_KINDS; kind++)
    g_assert_cmpuint (tm_merge_plan_count (stepped, kind), ==, tm_merge_plan_count (at_once, kind));
  for (guint i = 0; i < 1400; i++)
    {
      g_assert_cmpint (tm_merge_plan_get_kind (stepped, i), ==, tm_merge_plan_get_kind (at_once, i));
      g_assert_cmpint (tm_merge_plan_get_choice (stepped, i), ==, tm_merge_plan_get_choice (at_once, i));
      g_assert_true (tm_merge_plan_get_mine (stepped, i) == tm_merge_plan_get_mine (at_once, i));
    }

  /* It goes in like the plan made at once. */
  tm_merge_plan_set_conflict_choice (stepped, TM_MERGE_TAKE_THEIRS);
  CHECK_OK (tm_merge_plan_apply (stepped, &error));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1400);
  g_assert_cmpstr (tm_task_get_title (tm_test_task_at (portfolio, 10)), !=, "Ændret her");

  /* A task at the end names a profession no one has: refused with the
   * message of the plan made at once. */
  bad = g_string_new (xml);
  g_string_replace (bad, "</tasks>",
                    "  <task id=\"5e3b8c4a-1d9f-4a0c-87e6-3f4a5b6c7d8e\">\n"
                    "      <title>Sidst og ukendt</title>\n"
                    "      <level>admin</level>\n"
                    "      <complexity>low</complexity>\n"
                    "      <performed-by profession=\"astronaut\" share=\"100\"/>\n"
                    "    </task>\n"
                    "  </tasks>", 1);
  g_clear_pointer (&at_once, tm_merge_plan_free);
  at_once = tm_merge_plan_new (portfolio, bad->str, bad->len, "ukendt.xml", &error);
  g_assert_null (at_once);
  g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "astronaut"));

  g_clear_pointer (&planning, tm_merge_planning_free);
  planning = tm_merge_planning_new (portfolio, source_of (bad->str, "ukendt.xml"));
  g_assert_null (run_planning (planning, &steps, &stepped_error));
  /* Found in a step after the first. */
  g_assert_cmpuint (steps, >=, 1);
  g_assert_error (stepped_error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
  g_assert_cmpstr (stepped_error->message, ==, error->message);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1400);
}

/* A window's list makes or drops a row's widgets for each task that comes
 * into or leaves a store of fewer than about 200 (GTK 4.8's list view keeps
 * 200 rows): 1,400 tasks into an empty list in one step stalled it 70 ms. So
 * while the store is that short, a step brings or takes a few tasks however
 * much time it has; beyond, it takes what its time allows. Checked for an
 * import into an empty portfolio and for its undo, with a minute a step. */
static void
test_apply_short_store (void)
{
  g_autoptr(TmPortfolio) unit = build_unit ("Afsnit K4", 600, OLD_TIME);
  g_autofree char *xml = tm_test_export_xml (unit);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K4");
  g_autoptr(TmMergePlan) plan = new_plan (portfolio, xml, "afsnit-k4.xml");
  g_autoptr(TmMergeApply) apply = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 minute = 60 * G_USEC_PER_SEC;
  TmEditJob *job;
  gboolean done = FALSE;
  guint short_steps = 0;
  guint long_steps = 0;

  apply = tm_merge_plan_apply_begin (plan, &error);
  g_assert_no_error (error);
  while (!done)
    {
      guint before = tm_test_n_tasks (portfolio);

      CHECK_OK (tm_merge_apply_step (apply, minute, &done, &error));
      if (before < 256)
        {
          g_assert_cmpuint (tm_test_n_tasks (portfolio) - before, <=, 32);
          short_steps += tm_test_n_tasks (portfolio) > before;
        }
      else if (tm_test_n_tasks (portfolio) > before)
        long_steps++;
    }
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 600);
  /* The first 256 tasks 32 at a time (the first step may bring fewer, after
   * the professions), then the rest in one step. */
  g_assert_cmpuint (short_steps, >=, 8);
  g_assert_cmpuint (short_steps, <=, 9);
  g_assert_cmpuint (long_steps, ==, 1);

  job = tm_portfolio_undo_begin (portfolio, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job);
  short_steps = long_steps = 0;
  done = FALSE;
  while (!done)
    {
      guint before = tm_test_n_tasks (portfolio);

      CHECK_OK (tm_edit_job_step (job, minute, &done, &error));
      g_assert_cmpuint (tm_test_n_tasks (portfolio), <=, before);
      if (before - tm_test_n_tasks (portfolio) > 32)
        {
          /* Only down to a short store at once. */
          g_assert_cmpuint (tm_test_n_tasks (portfolio), >=, 224);
          long_steps++;
        }
      else if (tm_test_n_tasks (portfolio) < before)
        short_steps++;
    }
  tm_edit_job_free (job);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  g_assert_cmpuint (long_steps, ==, 1);
  g_assert_cmpuint (short_steps, >=, 7);
}

/* Runs @job (an undo or redo in steps) to its end with no time to spare;
 * how many steps it took. */
static guint
run_job (TmEditJob *job)
{
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  guint steps = 0;

  while (!done)
    {
      CHECK_OK (tm_edit_job_step (job, 0, &done, &error));
      steps++;
    }
  tm_edit_job_free (job);
  return steps;
}

/* Undo and redo of a region's import go in steps too (the window's Undo in
 * the notification right after it), and stopped while writing they undo
 * nothing: the history stays whole, so a later undo takes all of the
 * import's entries away and a redo brings each back once. */
static void
test_undo_in_steps (void)
{
  g_autoptr(TmPortfolio) unit = build_unit ("Afsnit K5", 300, OLD_TIME);
  g_autofree char *xml = tm_test_export_xml (unit);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K5");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *history_before = NULL;
  g_autofree char *history_imported = NULL;
  TmEditJob *job;
  gboolean done = FALSE;

  tm_test_add_task (portfolio, "Egen opgave", 0);
  before = tm_test_export_xml (portfolio);
  history_before = tm_test_describe_history (portfolio);
  merge_all (portfolio, xml);
  imported = tm_test_export_xml (portfolio);
  history_imported = tm_test_describe_history (portfolio);
  g_assert_cmpuint (tm_portfolio_get_undo_size (portfolio, FALSE), >, 300);
  g_assert_cmpuint (tm_portfolio_get_undo_size (portfolio, TRUE), ==, 0);

  /* Undo stopped while writing: nothing undone. */
  job = tm_portfolio_undo_begin (portfolio, FALSE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    CHECK_OK (tm_edit_job_step (job, 0, &done, &error));
  g_assert_false (done);
  g_assert_true (tm_edit_job_can_cancel (job));
  g_assert_false (tm_portfolio_can_undo (portfolio));
  tm_edit_job_free (job);
  undone = tm_test_export_xml (portfolio);
  tm_test_assert_same_text (imported, undone);
  g_clear_pointer (&undone, g_free);
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Import");

  /* Undo in steps: as it was before the import, the history too. */
  g_assert_cmpuint (run_job (tm_portfolio_undo_begin (portfolio, FALSE, &error)), >, 10);
  g_assert_no_error (error);
  undone = tm_test_export_xml (portfolio);
  tm_test_assert_same_text (before, undone);
  {
    g_autofree char *history = tm_test_describe_history (portfolio);

    tm_test_assert_same_text (history_before, history);
  }
  g_assert_cmpstr (tm_portfolio_get_redo_label (portfolio), ==, "Redo: Import");

  /* Redo stopped while writing, then in steps: the import once, its history once. */
  job = tm_portfolio_undo_begin (portfolio, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 4; i++)
    CHECK_OK (tm_edit_job_step (job, 0, &done, &error));
  g_assert_true (tm_edit_job_can_cancel (job));
  tm_edit_job_free (job);
  g_assert_cmpstr (tm_portfolio_get_redo_label (portfolio), ==, "Redo: Import");
  g_assert_cmpuint (run_job (tm_portfolio_undo_begin (portfolio, TRUE, &error)), >, 10);
  g_assert_no_error (error);
  redone = tm_test_export_xml (portfolio);
  tm_test_assert_same_text (imported, redone);
  {
    g_autofree char *history = tm_test_describe_history (portfolio);

    tm_test_assert_same_text (history_imported, history);
  }

  /* And at once, as before. */
  tm_test_undo (portfolio);
  g_clear_pointer (&undone, g_free);
  undone = tm_test_export_xml (portfolio);
  tm_test_assert_same_text (before, undone);
  {
    g_autofree char *history = tm_test_describe_history (portfolio);

    tm_test_assert_same_text (history_before, history);
  }

  /* Nothing to redo left after an edit: a job with nothing to do. */
  tm_test_add_task (portfolio, "Ny opgave", 0);
  job = tm_portfolio_undo_begin (portfolio, TRUE, &error);
  g_assert_no_error (error);
  CHECK_OK (tm_edit_job_step (job, 0, &done, &error));
  g_assert_true (done);
  tm_edit_job_free (job);
}

/* Taking a file in again adds none of its history twice: the portfolio's
 * entries are counted for the tasks the file's history names only (a unit's
 * file into a region reads those, not the region's whole history). */
static void
test_history_reimport (void)
{
  g_autoptr(TmPortfolio) unit = build_unit ("Afsnit K6", 5, OLD_TIME);
  g_autofree char *xml = tm_test_export_xml (unit);
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region");
  g_autofree char *unit_history = tm_test_describe_history (unit);
  guint unit_length = tm_test_history_length (unit);
  guint length;

  g_assert_cmpuint (unit_length, >=, 5);

  /* Into itself: nothing new. */
  merge_all (unit, xml);
  {
    g_autofree char *again = tm_test_describe_history (unit);

    tm_test_assert_same_text (unit_history, again);
  }

  /* Into a portfolio with history of other tasks: the file's once, twice over. */
  tm_test_add_task (region, "Anden opgave", 0);
  tm_test_add_task (region, "Tredje opgave", 0);
  length = tm_test_history_length (region);
  merge_all (region, xml);
  g_assert_cmpuint (tm_test_history_length (region), ==, length + unit_length);
  merge_all (region, xml);
  g_assert_cmpuint (tm_test_history_length (region), ==, length + unit_length);
}

/* Stopped while it writes, an import leaves the portfolio, in memory and in
 * its file, as it was, and takes edits again; stopped once saved it is
 * brought to its end. */
static void
test_apply_cancel (void)
{
  g_autoptr(TmPortfolio) unit = build_unit ("Afsnit K4", 200, OLD_TIME);
  g_autofree char *xml = tm_test_export_xml (unit);
  g_autofree char *dir = g_dir_make_tmp ("taskmap-merge-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "afsnit.taskmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reopened_xml = NULL;
  TmPortfolio *portfolio;
  gboolean done = FALSE;

  portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit K4", &error);
  g_assert_no_error (error);
  tm_test_add_task (portfolio, "Egen opgave", 0);
  before = tm_test_export_xml (portfolio);

  {
    g_autoptr(TmMergePlan) plan = new_plan (portfolio, xml, "afsnit-k4.xml");
    TmMergeApply *apply = tm_merge_plan_apply_begin (plan, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 3; i++)
      CHECK_OK (tm_merge_apply_step (apply, 0, &done, &error));
    g_assert_false (done);
    g_assert_true (tm_merge_apply_can_cancel (apply));
    g_assert_cmpfloat (tm_merge_apply_get_fraction (apply), >, 0.0);
    tm_merge_apply_free (apply);

    /* Cancelled: the plan cannot be tried again. */
    g_assert_false (tm_merge_plan_apply (plan, &error));
    g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
    g_clear_error (&error);
  }

  after = tm_test_export_xml (portfolio);
  tm_test_assert_same_text (before, after);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  g_assert_true (tm_portfolio_can_undo (portfolio));
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Add Task");
  tm_test_add_task (portfolio, "Efter afbrydelsen", 0);

  /* Stopped after it was saved (in memory half-way): it is all there. */
  {
    g_autoptr(TmMergePlan) plan = new_plan (portfolio, xml, "afsnit-k4.xml");
    TmMergeApply *apply = tm_merge_plan_apply_begin (plan, &error);

    g_assert_no_error (error);
    while (tm_merge_apply_can_cancel (apply))
      CHECK_OK (tm_merge_apply_step (apply, 0, &done, &error));
    g_assert_false (done);
    CHECK_OK (tm_merge_apply_step (apply, 0, &done, &error));
    g_assert_false (done);
    g_assert_cmpuint (tm_test_n_tasks (portfolio), <, 202);
    tm_merge_apply_free (apply);
    g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 202);
    g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Import");
  }
  g_object_unref (portfolio);

  /* The file holds what memory held. */
  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 202);
  g_object_unref (portfolio);
  tm_test_rm_rf (dir);
}

/* A plan made before the portfolio changed is refused. */
static void
test_apply_stale (Exchange      *x,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* An edit after the plan was made. */
  {
    g_autoptr(TmMergePlan) plan = new_plan (x->mine, x->xml, "afsnit-k2.xml");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    guint64 edits;

    tm_test_set_title (x->mine, tm_portfolio_lookup_task (x->mine, x->same[0]), "Rettet her imens", NULL);
    before = tm_test_export_xml (x->mine);
    edits = tm_portfolio_get_edit_count (x->mine);

    g_assert_false (tm_merge_plan_apply (plan, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_cmpstr (error->message, !=, "");
    g_clear_error (&error);
    after = tm_test_export_xml (x->mine);
    tm_test_assert_same_text (before, after);
    g_assert_cmpuint (tm_portfolio_get_edit_count (x->mine), ==, edits);
  }

  /* Two plans of the same file: once one is applied, the other is stale. */
  {
    g_autoptr(TmMergePlan) first = new_plan (x->mine, x->xml, "afsnit-k2.xml");
    g_autoptr(TmMergePlan) second = new_plan (x->mine, x->xml, "afsnit-k2.xml");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    guint64 edits;

    CHECK_OK (tm_merge_plan_apply (first, &error));
    before = tm_test_export_xml (x->mine);
    edits = tm_portfolio_get_edit_count (x->mine);

    g_assert_false (tm_merge_plan_apply (second, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    after = tm_test_export_xml (x->mine);
    tm_test_assert_same_text (before, after);
    g_assert_cmpuint (tm_portfolio_get_edit_count (x->mine), ==, edits);
  }

  /* An undo is a change too. */
  {
    g_autoptr(TmMergePlan) plan = new_plan (x->mine, x->xml, "afsnit-k2.xml");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    CHECK_OK (tm_portfolio_undo (x->mine, &error));
    before = tm_test_export_xml (x->mine);
    g_assert_false (tm_merge_plan_apply (plan, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    after = tm_test_export_xml (x->mine);
    tm_test_assert_same_text (before, after);
  }
}

/* A plan applies once. */
static void
test_apply_twice (Exchange      *x,
                  gconstpointer  data)
{
  g_autoptr(TmMergePlan) plan = new_plan (x->mine, x->xml, "afsnit-k2.xml");
  g_autoptr(GError) error = NULL;
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;
  guint64 edits;

  CHECK_OK (tm_merge_plan_apply (plan, &error));
  once = tm_test_export_xml (x->mine);
  edits = tm_portfolio_get_edit_count (x->mine);

  g_assert_false (tm_merge_plan_apply (plan, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  twice = tm_test_export_xml (x->mine);
  tm_test_assert_same_text (once, twice);
  g_assert_cmpuint (tm_portfolio_get_edit_count (x->mine), ==, edits);
  g_assert_cmpuint (tm_test_n_tasks (x->mine), ==, 5);

  /* One undo takes the one import back. */
  CHECK_OK (tm_portfolio_undo (x->mine, &error));
  g_clear_pointer (&twice, g_free);
  twice = tm_test_export_xml (x->mine);
  tm_test_assert_same_text (x->sent, twice);
}

/* Conflicts */

/* Both sides changed the same tasks; the unit's copy last. */
static void
test_conflict_both_changed (void)
{
  g_autoptr(TmPortfolio) mine = build_unit ("Afsnit K2", 4, OLD_TIME);
  g_autoptr(TmPortfolio) theirs = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K2");
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = tm_test_export_xml (mine);
  g_autofree char *xml = NULL;
  g_autofree char *uuid0 = g_strdup (tm_task_get_uuid (tm_test_task_at (mine, 0)));
  g_autofree char *uuid1 = g_strdup (tm_task_get_uuid (tm_test_task_at (mine, 1)));
  g_autofree char *uuid2 = g_strdup (tm_task_get_uuid (tm_test_task_at (mine, 2)));

  merge_all (theirs, sent);
  /* Elsewhere first ... */
  tm_test_set_title (theirs, tm_portfolio_lookup_task (theirs, uuid0), "Deres titel", NULL);
  tm_test_set_title (theirs, tm_portfolio_lookup_task (theirs, uuid1), "Kun ændret hos dem", NULL);
  update_minutes (theirs, tm_portfolio_lookup_task (theirs, uuid2), 99);
  xml = tm_test_export_xml (theirs);
  /* ... then here: the unit's copy is as new or newer. */
  tm_test_set_title (mine, tm_portfolio_lookup_task (mine, uuid0), "Min titel", NULL);
  update_minutes (mine, tm_portfolio_lookup_task (mine, uuid2), 11);
  g_assert_cmpint (tm_task_get_modified (tm_portfolio_lookup_task (mine, uuid0)), >=,
                   tm_task_get_modified (tm_portfolio_lookup_task (theirs, uuid0)));

  /* Kept as it is by default. */
  {
    g_autoptr(TmMergePlan) plan = new_plan (mine, xml, "deres.xml");
    guint item = find_item (plan, uuid0);

    assert_counts (plan, 0, 1, 2, 1);
    assert_items_consistent (plan, mine);
    g_assert_cmpint (tm_merge_plan_get_kind (plan, item), ==, TM_MERGE_CONFLICT);
    g_assert_cmpint (tm_merge_plan_get_choice (plan, item), ==, TM_MERGE_KEEP_MINE);
    g_assert_cmpint (tm_merge_plan_get_kind (plan, find_item (plan, uuid2)), ==, TM_MERGE_CONFLICT);
    g_assert_cmpint (tm_merge_plan_get_choice (plan, find_item (plan, uuid2)), ==, TM_MERGE_KEEP_MINE);
    g_assert_cmpint (tm_merge_plan_get_kind (plan, find_item (plan, uuid1)), ==, TM_MERGE_UPDATED);

    CHECK_OK (tm_merge_plan_apply (plan, &error));
    g_assert_cmpstr (tm_task_get_title (tm_portfolio_lookup_task (mine, uuid0)), ==, "Min titel");
    g_assert_cmpfloat (tm_task_get_minutes (tm_portfolio_lookup_task (mine, uuid2)), ==, 11);
    g_assert_cmpstr (tm_task_get_title (tm_portfolio_lookup_task (mine, uuid1)), ==, "Kun ændret hos dem");
  }

  /* Taken from the file when the user says so, for one task ... */
  {
    g_autoptr(TmMergePlan) plan = new_plan (mine, xml, "deres.xml");
    guint item = find_item (plan, uuid0);

    assert_counts (plan, 0, 0, 2, 2);
    tm_merge_plan_set_choice (plan, item, TM_MERGE_TAKE_THEIRS);
    g_assert_cmpint (tm_merge_plan_get_choice (plan, item), ==, TM_MERGE_TAKE_THEIRS);
    g_assert_cmpint (tm_merge_plan_get_kind (plan, item), ==, TM_MERGE_CONFLICT);
    CHECK_OK (tm_merge_plan_apply (plan, &error));
    g_assert_cmpstr (tm_task_get_title (tm_portfolio_lookup_task (mine, uuid0)), ==, "Deres titel");
    g_assert_cmpint (tm_task_get_modified (tm_portfolio_lookup_task (mine, uuid0)), ==,
                     tm_task_get_modified (tm_portfolio_lookup_task (theirs, uuid0)));
    g_assert_cmpfloat (tm_task_get_minutes (tm_portfolio_lookup_task (mine, uuid2)), ==, 11);
  }

  /* ... or for every conflict at once. */
  {
    g_autoptr(TmMergePlan) plan = new_plan (mine, xml, "deres.xml");
    g_autofree char *after = NULL;

    assert_counts (plan, 0, 0, 1, 3);
    tm_merge_plan_set_conflict_choice (plan, TM_MERGE_TAKE_THEIRS);
    g_assert_cmpint (tm_merge_plan_get_choice (plan, find_item (plan, uuid2)), ==, TM_MERGE_TAKE_THEIRS);
    CHECK_OK (tm_merge_plan_apply (plan, &error));
    g_assert_cmpfloat (tm_task_get_minutes (tm_portfolio_lookup_task (mine, uuid2)), ==, 99);

    /* Now the two hold the same tasks (each keeps its own history of edits). */
    {
      g_autofree char *exported = tm_test_export_xml (mine);
      g_autofree char *theirs_tasks = tasks_of (xml);

      after = tasks_of (exported);
      tm_test_assert_same_text (theirs_tasks, after);
    }
  }

  /* And a plan of the same file finds nothing left to do: applying it is
   * no edit and leaves nothing to undo. */
  {
    g_autoptr(TmMergePlan) plan = new_plan (mine, xml, "deres.xml");
    guint64 edits = tm_portfolio_get_edit_count (mine);
    g_autofree char *label = g_strdup (tm_portfolio_get_undo_label (mine));

    assert_counts (plan, 0, 0, 0, 4);
    CHECK_OK (tm_merge_plan_apply (plan, &error));
    g_assert_cmpuint (tm_portfolio_get_edit_count (mine), ==, edits);
    g_assert_cmpstr (tm_portfolio_get_undo_label (mine), ==, label);
  }
}

/* A task as a unit with @title, last changed at @modified (> 0). */
static TmPortfolio *
portfolio_with_task (const TmTaskData *base,
                     const char       *title,
                     double            minutes,
                     gint64            modified)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K2");
  g_autoptr(TmTaskData) d = tm_task_data_copy (base);
  g_autoptr(GError) error = NULL;
  TmTask *task;

  g_free (d->title);
  d->title = g_strdup (title);
  d->minutes = minutes;
  d->modified = modified;
  task = tm_portfolio_add_task (p, d, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tm_task_get_uuid (task), ==, base->uuid);
  g_assert_cmpint (tm_task_get_modified (task), ==, modified);
  return g_steal_pointer (&p);
}

static TmMergeKind
kind_of_only_task (TmPortfolio *mine,
                   TmPortfolio *theirs)
{
  g_autofree char *xml = tm_test_export_xml (theirs);
  g_autoptr(TmMergePlan) plan = new_plan (mine, xml, "deres.xml");

  g_assert_cmpuint (tm_merge_plan_get_n_items (plan), ==, 1);
  assert_items_consistent (plan, mine);
  return tm_merge_plan_get_kind (plan, 0);
}

/* Which copy is newer decides, by the times the tasks record. */
static void
test_conflict_by_time (void)
{
  g_autoptr(TmTaskData) base = tm_task_data_new ();

  g_free (base->title);
  base->title = g_strdup ("Opgave");
  base->uuid = g_strdup ("3a7e1f52-9c4d-4b8e-a1f0-6d2c3b4a5e6f");
  tm_task_data_set_performer (base, "nurse", 100);

  {
    /* The file's copy is newer: an update. */
    g_autoptr(TmPortfolio) mine = portfolio_with_task (base, "Min", 10, OLD_TIME);
    g_autoptr(TmPortfolio) theirs = portfolio_with_task (base, "Deres", 10, OLD_TIME + 1);

    g_assert_cmpint (kind_of_only_task (mine, theirs), ==, TM_MERGE_UPDATED);
  }
  {
    /* The unit's copy is newer: a conflict. */
    g_autoptr(TmPortfolio) mine = portfolio_with_task (base, "Min", 10, OLD_TIME + 1);
    g_autoptr(TmPortfolio) theirs = portfolio_with_task (base, "Deres", 10, OLD_TIME);

    g_assert_cmpint (kind_of_only_task (mine, theirs), ==, TM_MERGE_CONFLICT);
  }
  {
    /* Changed at the same second: a conflict. */
    g_autoptr(TmPortfolio) mine = portfolio_with_task (base, "Opgave", 10, OLD_TIME);
    g_autoptr(TmPortfolio) theirs = portfolio_with_task (base, "Opgave", 20, OLD_TIME);

    g_assert_cmpint (kind_of_only_task (mine, theirs), ==, TM_MERGE_CONFLICT);
  }
  {
    /* The same content at different times: nothing to do. */
    g_autoptr(TmPortfolio) mine = portfolio_with_task (base, "Opgave", 10, OLD_TIME);
    g_autoptr(TmPortfolio) theirs = portfolio_with_task (base, "Opgave", 10, OLD_TIME + 3600);

    g_assert_cmpint (kind_of_only_task (mine, theirs), ==, TM_MERGE_UNCHANGED);
  }
}

/* A file written before tasks recorded their time. */
static const char unknown_time_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"2\" country=\"dk\">\n"
  "  <unit>\n"
  "    <name>Afsnit K2</name>\n"
  "    <setting>hospital-ward</setting>\n"
  "  </unit>\n"
  "  <tasks>\n"
  "    <task id=\"3a7e1f52-9c4d-4b8e-a1f0-6d2c3b4a5e6f\">\n"
  "      <title>%s</title>\n"
  "      <level>admin</level>\n"
  "      <complexity>low</complexity>\n"
  "      <time minutes=\"10\" occurrences=\"2\" per=\"day\"/>\n"
  "      <performed-by profession=\"nurse\" share=\"100\"/>\n"
  "    </task>\n"
  "  </tasks>\n"
  "</portfolio>\n";

static TmPortfolio *
portfolio_from_old_file (const char *title)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K2");
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_strdup_printf (unknown_time_xml, title);

  CHECK_OK (tm_xml_import_data (p, xml, strlen (xml), "gammel.xml", &error));
  g_assert_cmpuint (tm_test_n_tasks (p), ==, 1);
  /* Not known, and not made up either. */
  g_assert_cmpint (tm_task_get_modified (tm_test_task_at (p, 0)), ==, 0);
  return g_steal_pointer (&p);
}

/* A file's copy whose time is not known is never taken as newer. */
static void
test_conflict_unknown_time (void)
{
  {
    /* The unit's copy has no time: it has not been edited since it came in
     * (every edit sets the time), so a file's copy with a time is newer,
     * however old that time. */
    g_autoptr(TmPortfolio) mine = portfolio_from_old_file ("Min");
    g_autoptr(TmTaskData) base = tm_task_data_copy (tm_task_peek_data (tm_test_task_at (mine, 0)));
    g_autoptr(TmPortfolio) theirs = portfolio_with_task (base, "Deres", 10, OLD_TIME);

    g_assert_cmpint (kind_of_only_task (mine, theirs), ==, TM_MERGE_UPDATED);
  }
  {
    /* The file's copy has no time. */
    g_autoptr(TmPortfolio) theirs = portfolio_from_old_file ("Deres");
    g_autoptr(TmTaskData) base = tm_task_data_copy (tm_task_peek_data (tm_test_task_at (theirs, 0)));
    g_autoptr(TmPortfolio) mine = portfolio_with_task (base, "Min", 10, OLD_TIME);

    g_assert_cmpint (kind_of_only_task (mine, theirs), ==, TM_MERGE_CONFLICT);
  }
  {
    /* Neither has a time, and they differ. */
    g_autoptr(TmPortfolio) mine = portfolio_from_old_file ("Min");
    g_autoptr(TmPortfolio) theirs = portfolio_from_old_file ("Deres");

    g_assert_cmpint (kind_of_only_task (mine, theirs), ==, TM_MERGE_CONFLICT);
  }
  {
    /* Neither has a time, and they are the same. */
    g_autoptr(TmPortfolio) mine = portfolio_from_old_file ("Opgave");
    g_autoptr(TmPortfolio) theirs = portfolio_from_old_file ("Opgave");

    g_assert_cmpint (kind_of_only_task (mine, theirs), ==, TM_MERGE_UNCHANGED);
  }
}

/* Refusals */

static const char *hostile[] = {
  "xxe.xml",
  "xxe-dtd.xml",
  "billion-laughs.xml",
  "truncated.xml",
  "binary.xml",
  "newer.xml",
  "svg.xml",
  "empty.xml",
  "invalid-utf8.xml",
};

/* The first line of /etc/passwd ("root:x:0:0:..."): what an XXE would leak. */
static char *
passwd_line (void)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *newline;

  g_assert_true (g_file_get_contents ("/etc/passwd", &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "root:"));
  newline = strchr (contents, '\n');
  if (newline != NULL)
    *newline = '\0';
  return g_steal_pointer (&contents);
}

/* Refuses @contents, naming @display_name, without touching @portfolio. */
static void
assert_plan_refused (TmPortfolio *portfolio,
                     const char  *contents,
                     gsize        length,
                     const char  *display_name,
                     const char  *leak)
{
  g_autoptr(TmMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) import_error = NULL;
  g_autoptr(TmPortfolio) other = NULL;
  g_autofree char *before = tm_test_export_xml (portfolio);
  g_autofree char *after = NULL;
  guint64 edits = tm_portfolio_get_edit_count (portfolio);
  gboolean could_undo = tm_portfolio_can_undo (portfolio);
  gint64 start = g_get_monotonic_time ();

  plan = tm_merge_plan_new (portfolio, contents, length, display_name, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  g_assert_null (plan);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (error->domain == TM_XML_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, display_name));
  g_assert_null (strstr (error->message, SECRET_MARKER));
  if (leak != NULL)
    g_assert_null (strstr (error->message, leak));

  /* Exactly what the import says. */
  other = tm_example_create (NULL, TM_COUNTRY_DK, &import_error);
  g_assert_no_error (import_error);
  g_assert_false (tm_xml_import_data (other, contents, length, display_name, &import_error));
  g_assert_error (error, import_error->domain, import_error->code);
  g_assert_cmpstr (error->message, ==, import_error->message);

  after = tm_test_export_xml (portfolio);
  tm_test_assert_same_text (before, after);
  g_assert_null (strstr (after, SECRET_MARKER));
  if (leak != NULL)
    g_assert_null (strstr (after, leak));
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  g_assert_cmpint (tm_portfolio_can_undo (portfolio), ==, could_undo);
}

static void
test_refusal (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = tm_test_data_file ("xml", name);
  g_autofree char *contents = NULL;
  g_autofree char *leak = passwd_line ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) example = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_autoptr(TmPortfolio) empty = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit K2");
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  if (strstr (contents, "@SECRET_URI@") != NULL)
    {
      g_autofree char *tmp = g_dir_make_tmp ("test-merge-XXXXXX", &error);
      g_autofree char *secret = g_build_filename (tmp, "secret.txt", NULL);
      g_autofree char *secret_uri = g_filename_to_uri (secret, NULL, NULL);
      g_auto(GStrv) parts = g_strsplit (contents, "@SECRET_URI@", -1);
      g_autofree char *to_secret = g_strjoinv (secret_uri, parts);
      g_autofree char *to_passwd = g_strjoinv ("file:///etc/passwd", parts);
      g_autofree char *copy = g_build_filename (tmp, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (copy);

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (secret, SECRET_MARKER "\n", -1, &error));
      g_assert_no_error (error);

      assert_plan_refused (example, to_passwd, strlen (to_passwd), "Fjernt afsnit.xml", leak);
      assert_plan_refused (empty, to_passwd, strlen (to_passwd), "Fjernt afsnit.xml", leak);
      assert_plan_refused (example, to_secret, strlen (to_secret), "Fjernt afsnit.xml", leak);
      assert_plan_refused (empty, to_secret, strlen (to_secret), "Fjernt afsnit.xml", leak);

      /* From a file, named by it. */
      g_assert_true (g_file_set_contents (copy, to_passwd, -1, &error));
      g_assert_no_error (error);
      g_assert_null (tm_merge_plan_new_for_file (example, file, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, name));
      g_assert_null (strstr (error->message, leak));

      tm_test_rm_rf (tmp);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *before = tm_test_export_xml (example);
      g_autofree char *after = NULL;

      assert_plan_refused (example, contents, length, "Fjernt afsnit.xml", leak);
      assert_plan_refused (empty, contents, length, "Fjernt afsnit.xml", leak);

      g_assert_null (tm_merge_plan_new_for_file (example, file, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, name));
      after = tm_test_export_xml (example);
      tm_test_assert_same_text (before, after);
    }
}

/* The regional merge */

typedef struct {
  char        *dir;
  GFile       *files[3];
  TmPortfolio *units[3];
  guint        n_colliding;   /* tasks of a later file whose UUID an earlier file has */
  char        *custom_id;     /* C's own profession */
} Region;

static const char *unit_names[] = { "Unit A", "Unit B", "Unit C" };

/* A task with a time, a performer and a move in the first scenario. */
static void
add_timed_task (TmPortfolio *p,
                const char  *title,
                double       minutes,
                double       occurrences,
                TmPer        per,
                const char  *performer,
                TmMoveKind   move)
{
  g_autoptr(TmTaskData) d = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  TmMove m = { NULL, move, move == TM_MOVE_TO_PROFESSION ? (char *) "runner" : NULL, 50 };

  g_free (d->title);
  d->title = g_strdup (title);
  d->minutes = minutes;
  d->occurrences = occurrences;
  d->per = per;
  tm_task_data_set_performer (d, performer, 100);
  tm_task_data_set_move (d, SCENARIO_1, &m);
  g_assert_nonnull (tm_portfolio_add_task (p, d, &error));
  g_assert_no_error (error);
}

static void
set_unit_name (TmPortfolio *p,
               const char  *name)
{
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_portfolio_set_unit (p, name, tm_portfolio_get_organisation (p), tm_portfolio_get_setting (p),
                                   tm_portfolio_get_notes (p), &error));
  g_assert_cmpstr (tm_portfolio_get_unit_name (p), ==, name);
}

static void
region_setup (Region        *r,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TmProfession *custom;

  r->dir = tm_test_make_tmp_dir ("test-merge-XXXXXX");

  /* A and B both started from the bundled example: the same UUIDs. */
  r->units[0] = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  CHECK_OK (tm_example_load (r->units[0], &error));
  set_unit_name (r->units[0], unit_names[0]);
  add_timed_task (r->units[0], "Morgenmedicin", 30, 2, TM_PER_DAY, "nurse", TM_MOVE_TO_PROFESSION);
  add_timed_task (r->units[0], "Sengeredning", 10, 12, TM_PER_DAY, "ssa", TM_MOVE_STOP);

  r->units[1] = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  CHECK_OK (tm_example_load (r->units[1], &error));
  set_unit_name (r->units[1], unit_names[1]);
  add_timed_task (r->units[1], "Udskrivelsessamtale", 45, 5, TM_PER_WEEK, "nurse", TM_MOVE_TECHNOLOGY);

  /* C has a profession of its own. */
  r->units[2] = tm_test_new_portfolio (TM_COUNTRY_DK, unit_names[2]);
  custom = tm_portfolio_add_profession (r->units[2], "Serviceassistent", "Service assistant", FALSE, TRUE,
                                        &error);
  g_assert_no_error (error);
  r->custom_id = g_strdup (tm_profession_get_id (custom));
  add_timed_task (r->units[2], "Opfyldning", 20, 1, TM_PER_DAY, tm_profession_get_id (custom),
                  TM_MOVE_STOP);
  add_timed_task (r->units[2], "Telefon", 2, 40, TM_PER_DAY, "nurse", TM_MOVE_TO_PROFESSION);
  add_timed_task (r->units[2], "Vagtplan", 120, 1, TM_PER_WEEK, "nurse", TM_MOVE_TECHNOLOGY);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("unit-%c.xml", 'a' + i);
      g_autofree char *path = g_build_filename (r->dir, name, NULL);

      r->files[i] = g_file_new_for_path (path);
      CHECK_OK (tm_xml_export_file (r->units[i], r->files[i], &error));
    }

  /* B's example tasks are A's. */
  r->n_colliding = 0;
  for (guint i = 0; i < tm_test_n_tasks (r->units[1]); i++)
    if (tm_portfolio_lookup_task (r->units[0], tm_task_get_uuid (tm_test_task_at (r->units[1], i))) != NULL)
      r->n_colliding++;
  g_assert_cmpuint (r->n_colliding, ==, tm_test_n_tasks (r->units[1]) - 1);
  g_assert_cmpuint (r->n_colliding, >, 0);
}

static void
region_teardown (Region        *r,
                 gconstpointer  data)
{
  for (guint i = 0; i < 3; i++)
    {
      g_clear_object (&r->files[i]);
      g_clear_object (&r->units[i]);
    }
  tm_test_rm_rf (r->dir);
  g_free (r->dir);
  g_free (r->custom_id);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  g_array_append_val (fractions, fraction);
}

static TmPortfolio *
merge_region (Region *r,
              guint  *n_renamed)
{
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Midt");
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_merge_units (region, r->files, 3, NULL, NULL, n_renamed, &error));
  return g_steal_pointer (&region);
}

static GPtrArray *
sorted_titles (TmPortfolio *p,
               const char  *unit)
{
  GPtrArray *titles = g_ptr_array_new ();

  for (guint i = 0; i < tm_test_n_tasks (p); i++)
    {
      TmTask *task = tm_test_task_at (p, i);

      if (unit == NULL || g_str_equal (tm_task_get_unit (task), unit))
        g_ptr_array_add (titles, (gpointer) tm_task_get_title (task));
    }
  return titles;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
assert_same_titles (TmPortfolio *unit_portfolio,
                    TmPortfolio *region,
                    const char  *unit)
{
  g_autoptr(GPtrArray) expected = sorted_titles (unit_portfolio, NULL);
  g_autoptr(GPtrArray) actual = sorted_titles (region, unit);

  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (actual, compare_strings);
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (actual, i), ==, g_ptr_array_index (expected, i));
}

/* Merges @files into @region in steps of @budget_us, as a window does. */
static gboolean
merge_units_in_steps (TmPortfolio  *region,
                      GFile       **files,
                      guint         n_files,
                      gint64        budget_us,
                      guint        *n_renamed,
                      GError      **error)
{
  g_autoptr(TmMergeUnits) units = tm_merge_units_new (region, n_files);
  gboolean done = FALSE;

  while (!done)
    if (!tm_merge_units_read_next (units, files, error) ||
        !tm_merge_units_step (units, budget_us, &done, error))
      return FALSE;
  if (n_renamed != NULL)
    *n_renamed = tm_merge_units_get_n_renamed (units);
  return TRUE;
}

/* The regional merge in steps, as the window runs it: it waits for each
 * file, writes nothing until all are in, reports progress that only grows
 * while the files are sorted and while they are written (not only before),
 * and can be cancelled until it is saved, leaving the region as it was. */
static void
test_units_in_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-merge-XXXXXX", &error);
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Nord");
  g_autoptr(TmPortfolio) cancelled = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Nord");
  g_autoptr(TmMergeUnits) units = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *empty = tm_test_export_xml (cancelled);
  g_autofree char *after_cancel = NULL;
  GFile *files[2];
  double files_sorted = 0;
  guint during_write = 0;
  gboolean done = FALSE;

  g_assert_no_error (error);
  for (guint u = 0; u < 2; u++)
    {
      g_autofree char *name = g_strdup_printf ("Afsnit %u", u + 1);
      g_autofree char *file_name = g_strdup_printf ("afsnit-%u.xml", u + 1);
      g_autofree char *path = g_build_filename (dir, file_name, NULL);
      g_autoptr(TmPortfolio) unit = tm_test_new_portfolio (TM_COUNTRY_DK, name);
      g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);

      for (guint i = 0; i < 1500; i++)
        {
          TmTaskData *data = tm_task_data_new ();

          g_free (data->title);
          data->title = g_strdup_printf ("Opgave %u.%04u", u + 1, i);
          g_ptr_array_add (tasks, data);
        }
      CHECK_OK (tm_portfolio_add_tasks (unit, tasks, &error));
      files[u] = g_file_new_for_path (path);
      CHECK_OK (tm_xml_export_file (unit, files[u], &error));
    }

  units = tm_merge_units_new (region, 2);
  /* The first step reads the region's history (none here); then there is
   * nothing to work on until the first file is read. */
  g_assert_false (tm_merge_units_is_waiting (units));
  CHECK_OK (tm_merge_units_step (units, 500, &done, &error));
  g_assert_false (done);
  g_assert_true (tm_merge_units_is_waiting (units));
  CHECK_OK (tm_merge_units_step (units, 500, &done, &error));
  g_assert_false (done);
  g_assert_cmpfloat (tm_merge_units_get_fraction (units), ==, 0.0);

  for (guint u = 0; u < 2; u++)
    {
      TmMergeSource *source = tm_merge_source_read_file (files[u], NULL, &error);
      guint steps = 0;

      g_assert_no_error (error);
      tm_merge_units_add_source (units, source);
      g_assert_false (tm_merge_units_is_waiting (units));
      while (!done && (u == 1 || !tm_merge_units_is_waiting (units)))
        {
          double f;

          CHECK_OK (tm_merge_units_step (units, 500, &done, &error));
          f = tm_merge_units_get_fraction (units);
          g_array_append_val (fractions, f);
          steps++;
          if (files_sorted == 0 && tm_merge_units_get_n_done (units) == 2)
            files_sorted = f;
          else if (files_sorted > 0 && f > files_sorted && f < 1.0)
            during_write++;
        }
      g_test_message ("file %u: %u steps", u + 1, steps);
      if (u == 0)
        {
          /* A file is sorted in steps, and nothing is written yet. */
          g_assert_cmpuint (steps, >, 1);
          g_assert_cmpuint (tm_merge_units_get_n_done (units), ==, 1);
          g_assert_true (tm_merge_units_can_cancel (units));
          g_assert_cmpuint (tm_test_n_tasks (region), ==, 0);
        }
    }

  g_assert_true (done);
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 3000);
  g_assert_true (tm_portfolio_can_undo (region));
  for (guint i = 0; i < fractions->len; i++)
    {
      double f = g_array_index (fractions, double, i);

      g_assert_cmpfloat (f, >=, 0.0);
      g_assert_cmpfloat (f, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (f, >=, g_array_index (fractions, double, i - 1));
    }
  g_assert_cmpfloat (files_sorted, >, 0.0);
  g_assert_cmpuint (during_write, >=, 3);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_assert_true (tm_merge_units_free (g_steal_pointer (&units)));

  /* Cancelled once the writing has begun, but before it is saved. */
  units = tm_merge_units_new (cancelled, 2);
  for (guint u = 0; u < 2; u++)
    tm_merge_units_add_source (units, tm_merge_source_read_file (files[u], NULL, &error));
  g_assert_no_error (error);
  while (tm_merge_units_get_n_done (units) < 2)
    CHECK_OK (tm_merge_units_step (units, 500, &done, &error));
  CHECK_OK (tm_merge_units_step (units, 500, &done, &error));
  g_assert_false (done);
  g_assert_true (tm_merge_units_can_cancel (units));
  g_assert_false (tm_merge_units_free (g_steal_pointer (&units)));
  after_cancel = tm_test_export_xml (cancelled);
  tm_test_assert_same_text (empty, after_cancel);
  g_assert_false (tm_portfolio_can_undo (cancelled));

  for (guint u = 0; u < 2; u++)
    {
      g_autofree char *path = g_file_get_path (files[u]);

      g_unlink (path);
      g_object_unref (files[u]);
    }
  g_rmdir (dir);
}

static void
test_units_merge (Region        *r,
                  gconstpointer  data)
{
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Midt");
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = tm_test_export_xml (region);
  g_autofree char *merged = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_auto(GStrv) units = NULL;
  guint n_renamed = G_MAXUINT;
  guint total = 0;
  guint n_new_uuids = 0;

  CHECK_OK (tm_merge_units (region, r->files, 3, record_progress, fractions, &n_renamed, &error));

  /* The region stays the region: no unit's details come along. */
  g_assert_cmpstr (tm_portfolio_get_unit_name (region), ==, "Region Midt");

  /* Every task, each in its unit. */
  for (guint u = 0; u < 3; u++)
    {
      total += tm_test_n_tasks (r->units[u]);
      assert_same_titles (r->units[u], region, unit_names[u]);
    }
  g_assert_cmpuint (tm_test_n_tasks (region), ==, total);
  for (guint i = 0; i < tm_test_n_tasks (region); i++)
    {
      TmTask *task = tm_test_task_at (region, i);
      gboolean known = FALSE;

      g_assert_true (g_uuid_string_is_valid (tm_task_get_uuid (task)));
      for (guint u = 0; u < 3; u++)
        if (tm_portfolio_lookup_task (r->units[u], tm_task_get_uuid (task)) != NULL)
          known = TRUE;
      if (!known)
        {
          /* Only B's copies of A's tasks were given new UUIDs. */
          g_assert_cmpstr (tm_task_get_unit (task), ==, unit_names[1]);
          n_new_uuids++;
        }
    }

  /* The first file's tasks keep their UUIDs; so do the tasks no one else has. */
  for (guint u = 0; u < 3; u++)
    for (guint i = 0; i < tm_test_n_tasks (r->units[u]); i++)
      {
        const char *uuid = tm_task_get_uuid (tm_test_task_at (r->units[u], i));
        TmTask *task = tm_portfolio_lookup_task (region, uuid);

        if (u == 0 || tm_portfolio_lookup_task (r->units[0], uuid) == NULL)
          {
            g_autoptr(TmTaskData) copy = NULL;

            g_assert_nonnull (task);
            g_assert_cmpstr (tm_task_get_unit (task), ==, unit_names[u]);
            /* Otherwise the same task, changed at the same time. */
            copy = tm_task_dup_data (task);
            g_clear_pointer (&copy->unit, g_free);
            g_assert_true (tm_task_data_equal (copy, tm_task_peek_data (tm_test_task_at (r->units[u], i))));
            g_assert_cmpint (tm_task_get_modified (task), ==, tm_task_get_modified (tm_test_task_at (r->units[u], i)));
          }
      }

  g_assert_cmpuint (n_renamed, ==, r->n_colliding);
  g_assert_cmpuint (n_new_uuids, ==, r->n_colliding);

  /* C's own profession came along. */
  g_assert_nonnull (tm_portfolio_lookup_profession (region, r->custom_id));

  units = tm_portfolio_dup_units (region);
  g_assert_nonnull (units);
  g_assert_cmpuint (g_strv_length (units), ==, 3);
  for (guint u = 0; u < 3; u++)
    g_assert_cmpstr (units[u], ==, unit_names[u]);

  /* Progress, from start to finish and never back. */
  g_assert_cmpuint (fractions->len, >=, 1);
  for (guint i = 0; i < fractions->len; i++)
    {
      double f = g_array_index (fractions, double, i);

      g_assert_cmpfloat (f, >=, 0);
      g_assert_cmpfloat (f, <=, 1);
      if (i > 0)
        g_assert_cmpfloat (f, >=, g_array_index (fractions, double, i - 1));
    }
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);

  /* One undo step. */
  merged = tm_test_export_xml (region);
  g_assert_true (tm_portfolio_can_undo (region));
  CHECK_OK (tm_portfolio_undo (region, &error));
  undone = tm_test_export_xml (region);
  tm_test_assert_same_text (empty, undone);
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 0);
  CHECK_OK (tm_portfolio_redo (region, &error));
  redone = tm_test_export_xml (region);
  tm_test_assert_same_text (merged, redone);
}

static void
test_units_analysis (Region        *r,
                     gconstpointer  data)
{
  g_autoptr(TmPortfolio) region = merge_region (r, NULL);
  g_autoptr(TmAnalysis) all = tm_analysis_compute_for_unit (region, SCENARIO_1, NULL);
  g_autoptr(TmAnalysis) plain = tm_analysis_compute (region, SCENARIO_1);
  g_autoptr(TmAnalysis) own = tm_analysis_compute_for_unit (region, SCENARIO_1, "");
  guint sum_tasks = 0;
  double sum_hours = 0;
  double sum_moved = 0;

  for (guint u = 0; u < 3; u++)
    {
      g_autoptr(TmAnalysis) alone = tm_analysis_compute (r->units[u], SCENARIO_1);
      g_autoptr(TmAnalysis) part = tm_analysis_compute_for_unit (region, SCENARIO_1, unit_names[u]);

      g_test_message ("%s: %u tasks, %g h, %g h moved", unit_names[u], part->n_tasks, part->total_hours,
                      part->moved_hours);
      g_assert_cmpuint (alone->n_tasks, ==, tm_test_n_tasks (r->units[u]));
      g_assert_cmpuint (part->n_tasks, ==, alone->n_tasks);
      g_assert_cmpfloat (alone->total_hours, >, 0);
      g_assert_cmpfloat_with_epsilon (part->total_hours, alone->total_hours, EPSILON);
      g_assert_cmpuint (part->n_moves, ==, alone->n_moves);
      g_assert_cmpfloat_with_epsilon (part->moved_hours, alone->moved_hours, EPSILON);
      g_assert_cmpuint (part->n_not_estimated, ==, alone->n_not_estimated);
      g_assert_cmpstr (part->unit, ==, unit_names[u]);

      /* A nurse's hours in the unit are the unit's own. */
      {
        const TmAnalysisProfession *a = tm_analysis_get_profession (alone, "nurse");
        const TmAnalysisProfession *b = tm_analysis_get_profession (part, "nurse");

        g_assert_nonnull (a);
        g_assert_nonnull (b);
        g_assert_cmpfloat_with_epsilon (b->hours_today, a->hours_today, EPSILON);
        g_assert_cmpfloat_with_epsilon (b->hours_after, a->hours_after, EPSILON);
      }

      /* In the unit's own portfolio its tasks are the portfolio's own. */
      {
        g_autoptr(TmAnalysis) own_part = tm_analysis_compute_for_unit (r->units[u], SCENARIO_1, "");
        g_autoptr(TmAnalysis) named = tm_analysis_compute_for_unit (r->units[u], SCENARIO_1, unit_names[u]);

        g_assert_cmpuint (own_part->n_tasks, ==, alone->n_tasks);
        g_assert_cmpfloat_with_epsilon (own_part->total_hours, alone->total_hours, EPSILON);
        g_assert_cmpuint (named->n_tasks, ==, 0);
      }

      sum_tasks += alone->n_tasks;
      sum_hours += alone->total_hours;
      sum_moved += alone->moved_hours;
    }

  g_assert_null (all->unit);
  g_assert_cmpuint (all->n_tasks, ==, sum_tasks);
  g_assert_cmpfloat_with_epsilon (all->total_hours, sum_hours, EPSILON);
  g_assert_cmpfloat_with_epsilon (all->moved_hours, sum_moved, EPSILON);
  g_assert_cmpuint (plain->n_tasks, ==, sum_tasks);
  g_assert_cmpfloat_with_epsilon (plain->total_hours, sum_hours, EPSILON);

  /* The region has no tasks of its own. */
  g_assert_cmpuint (own->n_tasks, ==, 0);
  g_assert_cmpfloat (own->total_hours, ==, 0);
}

/* The same files always merge alike, and merging them again changes nothing. */
static void
test_units_deterministic (Region        *r,
                          gconstpointer  data)
{
  guint renamed_1 = G_MAXUINT;
  guint renamed_2 = G_MAXUINT;
  g_autoptr(TmPortfolio) first = merge_region (r, &renamed_1);
  g_autoptr(TmPortfolio) second = merge_region (r, &renamed_2);
  g_autoptr(GError) error = NULL;
  g_autofree char *a = tm_test_export_xml (first);
  g_autofree char *b = tm_test_export_xml (second);
  g_autofree char *again = NULL;
  guint count = tm_test_n_tasks (first);
  guint64 edits;

  tm_test_assert_same_text (a, b);
  g_assert_cmpuint (renamed_1, ==, renamed_2);
  g_assert_cmpuint (renamed_1, ==, r->n_colliding);

  /* Merged again in steps into a region with a long history of its own
   * (3,000 more tasks): the history is read in steps of its own first, and
   * the same files change nothing, their history included. */
  {
    g_autoptr(TmMergeUnits) units = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    guint64 edits_before;
    guint history_steps = 0;
    gboolean done = FALSE;

    g_autoptr(GPtrArray) history = NULL;

    tm_test_add_varied_tasks (second, 3000, NULL);
    history = tm_portfolio_dup_history (second, NULL, NULL, 0);
    g_assert_cmpuint (history->len, >=, 3000);
    before = tm_test_export_xml (second);
    edits_before = tm_portfolio_get_edit_count (second);
    units = tm_merge_units_new (second, 3);
    while (!tm_merge_units_is_waiting (units))
      {
        CHECK_OK (tm_merge_units_step (units, 0, &done, &error));
        history_steps++;
      }
    g_assert_cmpuint (history_steps, >=, 3000 / 256);
    while (!done)
      {
        CHECK_OK (tm_merge_units_read_next (units, r->files, &error));
        CHECK_OK (tm_merge_units_step (units, 0, &done, &error));
      }
    after = tm_test_export_xml (second);
    tm_test_assert_same_text (before, after);
    g_assert_cmpuint (tm_portfolio_get_edit_count (second), ==, edits_before);
  }

  /* In steps of 200 µs, as a window merges, the same. */
  {
    g_autoptr(TmPortfolio) stepped = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Midt");
    g_autofree char *c = NULL;
    guint renamed_3 = G_MAXUINT;

    CHECK_OK (merge_units_in_steps (stepped, r->files, 3, 200, &renamed_3, &error));
    c = tm_test_export_xml (stepped);
    tm_test_assert_same_text (a, c);
    g_assert_cmpuint (renamed_3, ==, renamed_1);
  }

  edits = tm_portfolio_get_edit_count (first);
  CHECK_OK (tm_merge_units (first, r->files, 3, NULL, NULL, NULL, &error));
  again = tm_test_export_xml (first);
  g_assert_cmpuint (tm_portfolio_get_edit_count (first), ==, edits);
  g_assert_cmpuint (tm_test_n_tasks (first), ==, count);
  tm_test_assert_same_text (a, again);
}

/* A region's own export merged into another region: every task keeps its unit. */
static void
test_units_keep_their_unit (Region        *r,
                            gconstpointer  data)
{
  g_autoptr(TmPortfolio) region = merge_region (r, NULL);
  g_autoptr(TmPortfolio) national = tm_test_new_portfolio (TM_COUNTRY_DK, "Landsplan");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (r->dir, "region.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) units = NULL;
  guint n_renamed = G_MAXUINT;

  CHECK_OK (tm_xml_export_file (region, file, &error));
  CHECK_OK (tm_merge_units (national, &file, 1, NULL, NULL, &n_renamed, &error));

  g_assert_cmpuint (n_renamed, ==, 0);
  g_assert_cmpuint (tm_test_n_tasks (national), ==, tm_test_n_tasks (region));
  units = tm_portfolio_dup_units (national);
  g_assert_cmpuint (g_strv_length (units), ==, 3);
  for (guint u = 0; u < 3; u++)
    {
      g_assert_cmpstr (units[u], ==, unit_names[u]);
      assert_same_titles (r->units[u], national, unit_names[u]);
    }
  for (guint i = 0; i < tm_test_n_tasks (region); i++)
    {
      TmTask *task = tm_test_task_at (region, i);
      TmTask *copy = tm_portfolio_lookup_task (national, tm_task_get_uuid (task));

      g_assert_nonnull (copy);
      g_assert_cmpstr (tm_task_get_unit (copy), ==, tm_task_get_unit (task));
    }
}

/* One bad file refuses the whole merge, naming it. */
static void
test_units_unreadable (Region        *r,
                       gconstpointer  data)
{
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Midt");
  g_autoptr(GError) error = NULL;
  g_autofree char *truncated = tm_test_data_file ("xml", "truncated.xml");
  g_autofree char *contents = NULL;
  g_autofree char *broken_path = g_build_filename (r->dir, "afsnit-i-stykker.xml", NULL);
  g_autofree char *missing_path = g_build_filename (r->dir, "findes-ikke.xml", NULL);
  g_autofree char *before = NULL;
  GFile *files[3];

  /* The region holds A already. */
  CHECK_OK (tm_merge_units (region, r->files, 1, NULL, NULL, NULL, &error));
  g_assert_cmpuint (tm_test_n_tasks (region), ==, tm_test_n_tasks (r->units[0]));
  before = tm_test_export_xml (region);

  g_assert_true (g_file_get_contents (truncated, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (broken_path, contents, -1, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      const char *bad = round == 0 ? broken_path : missing_path;
      g_autofree char *bad_name = g_path_get_basename (bad);
      g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
      g_autofree char *after = NULL;
      guint64 edits = tm_portfolio_get_edit_count (region);
      guint n_renamed = 4711;

      /* A good file before and after it. */
      files[0] = r->files[1];
      files[1] = bad_file;
      files[2] = r->files[2];
      g_assert_false (tm_merge_units (region, files, 3, NULL, NULL, &n_renamed, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, bad_name));
      g_clear_error (&error);

      after = tm_test_export_xml (region);
      tm_test_assert_same_text (before, after);
      g_assert_cmpuint (tm_portfolio_get_edit_count (region), ==, edits);
    }
}

/* The task of @unit titled @title in @region, or NULL. */
static TmTask *
find_task (TmPortfolio *region,
           const char  *unit,
           const char  *title)
{
  for (guint i = 0; i < tm_test_n_tasks (region); i++)
    {
      TmTask *task = tm_test_task_at (region, i);

      if (g_str_equal (tm_task_get_unit (task), unit) && g_str_equal (tm_task_get_title (task), title))
        return task;
    }
  return NULL;
}

/* Units send their files again: newer copies replace the region's, conflicts
 * keep the region's, renamed tasks are found again. */
static void
test_units_update (void)
{
  g_autoptr(TmPortfolio) base = build_unit ("Fælles skabelon", 3, OLD_TIME);
  g_autoptr(TmPortfolio) a = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(TmPortfolio) b = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Midt");
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = tm_test_export_xml (base);
  g_autofree char *dir = g_dir_make_tmp ("test-merge-XXXXXX", &error);
  g_autofree char *path_a = g_build_filename (dir, "a.xml", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.xml", NULL);
  GFile *files[2] = { g_file_new_for_path (path_a), g_file_new_for_path (path_b) };
  g_autofree char *title0 = g_strdup (tm_task_get_title (tm_test_task_at (base, 0)));
  g_autofree char *title1 = g_strdup (tm_task_get_title (tm_test_task_at (base, 1)));
  g_autofree char *title2 = g_strdup (tm_task_get_title (tm_test_task_at (base, 2)));
  guint n_renamed = G_MAXUINT;

  g_assert_no_error (error);

  /* Two units that began from the same file. */
  merge_all (a, sent);
  set_unit_name (a, "Unit A");
  merge_all (b, sent);
  set_unit_name (b, "Unit B");
  CHECK_OK (tm_xml_export_file (a, files[0], &error));
  CHECK_OK (tm_xml_export_file (b, files[1], &error));
  CHECK_OK (tm_merge_units (region, files, 2, NULL, NULL, &n_renamed, &error));
  g_assert_cmpuint (n_renamed, ==, 3);
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 6);

  /* Later: A changes its first task, B its second; A changes its third, and
   * then the region changes its copy of that one too. */
  tm_test_set_title (a, tm_test_task_at (a, 0), "Ændret i A", NULL);
  tm_test_set_title (b, tm_test_task_at (b, 1), "Ændret i B", NULL);
  tm_test_set_title (a, tm_test_task_at (a, 2), "A's udgave", NULL);
  tm_test_set_title (region, find_task (region, "Unit A", title2), "Regionens udgave", NULL);
  CHECK_OK (tm_xml_export_file (a, files[0], &error));
  CHECK_OK (tm_xml_export_file (b, files[1], &error));

  CHECK_OK (tm_merge_units (region, files, 2, NULL, NULL, NULL, &error));

  g_assert_cmpuint (tm_test_n_tasks (region), ==, 6);
  g_assert_nonnull (find_task (region, "Unit A", "Ændret i A"));
  g_assert_nonnull (find_task (region, "Unit B", "Ændret i B"));
  g_assert_nonnull (find_task (region, "Unit A", "Regionens udgave"));
  g_assert_null (find_task (region, "Unit A", "A's udgave"));
  /* The rest as they were. */
  g_assert_nonnull (find_task (region, "Unit A", title1));
  g_assert_nonnull (find_task (region, "Unit B", title0));
  g_assert_nonnull (find_task (region, "Unit B", title2));
  g_assert_null (find_task (region, "Unit A", title0));
  g_assert_null (find_task (region, "Unit B", title1));

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  tm_test_rm_rf (dir);
}

/* Two files naming one unit in one merge would fold into each other:
 * refused, naming the unit and both files, with the region unchanged. */
static void
test_units_same_name (Region        *r,
                      gconstpointer  data)
{
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = tm_test_export_xml (region);
  g_autofree char *after = NULL;
  g_autofree char *copy_path = g_build_filename (r->dir, "unit-a-again.xml", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autofree char *contents = NULL;
  GFile *files[2];

  g_assert_true (g_file_load_contents (r->files[0], NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (copy_path, contents, -1, &error));
  g_assert_no_error (error);

  files[0] = r->files[0];
  files[1] = copy;
  g_assert_false (tm_merge_units (region, files, 2, NULL, NULL, NULL, &error));
  g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, unit_names[0]));
  g_assert_nonnull (strstr (error->message, "unit-a-again.xml"));

  after = tm_test_export_xml (region);
  tm_test_assert_same_text (before, after);
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 0);
}

/* The same history entries in two units' files (one file copied and given
 * another unit's name) join the region's history once: the region's history
 * is counted across the whole merge, not file by file. */
static void
test_units_shared_history (Region        *r,
                           gconstpointer  data)
{
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unit_history = tm_portfolio_dup_history (r->units[0], NULL, NULL, 0);
  g_autoptr(GPtrArray) merged = NULL;
  g_autofree char *copy_path = g_build_filename (r->dir, "unit-a2.xml", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autofree char *contents = NULL;
  g_autofree char *from = g_strdup_printf ("<name>%s</name>", unit_names[0]);
  g_autoptr(GString) renamed = NULL;
  GFile *files[2];

  g_assert_cmpuint (unit_history->len, >, 0);
  g_assert_true (g_file_load_contents (r->files[0], NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  renamed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (renamed, from, "<name>Unit A2</name>", 1), ==, 1);
  g_assert_true (g_file_set_contents (copy_path, renamed->str, -1, &error));
  g_assert_no_error (error);

  files[0] = r->files[0];
  files[1] = copy;
  CHECK_OK (tm_merge_units (region, files, 2, NULL, NULL, NULL, &error));
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 2 * tm_test_n_tasks (r->units[0]));

  merged = tm_portfolio_dup_history (region, NULL, NULL, 0);
  g_assert_cmpuint (merged->len, ==, unit_history->len);
}

/* A file whose unit has no name gives its tasks the file's name. */
static void
test_units_nameless (void)
{
  g_autoptr(TmPortfolio) unit = tm_test_new_portfolio (TM_COUNTRY_NO, "");
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_NO, "Helse Vest");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-merge-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "Sengepost 7.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GStrv) units = NULL;

  g_assert_no_error (error);
  add_timed_task (unit, "Morgenstell", 20, 4, TM_PER_DAY, "nurse", TM_MOVE_STOP);
  add_timed_task (unit, "Telefon", 2, 30, TM_PER_DAY, "nurse", TM_MOVE_TECHNOLOGY);
  CHECK_OK (tm_xml_export_file (unit, file, &error));

  CHECK_OK (tm_merge_units (region, &file, 1, NULL, NULL, NULL, &error));
  units = tm_portfolio_dup_units (region);
  g_assert_cmpuint (g_strv_length (units), ==, 1);
  g_assert_cmpstr (units[0], ==, "Sengepost 7");
  g_assert_cmpstr (tm_task_get_unit (tm_test_task_at (region, 0)), ==, "Sengepost 7");
  g_assert_cmpstr (tm_task_get_unit (tm_test_task_at (region, 1)), ==, "Sengepost 7");
  tm_test_rm_rf (dir);
}

/* unit and modified through export and import */

static void
test_round_trip_unit_and_modified (void)
{
  g_autoptr(TmPortfolio) p = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Nord");
  g_autoptr(TmPortfolio) q = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Nord");
  g_autoptr(TmPortfolio) s = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Nord");
  g_autoptr(TmTaskData) d = make_task_data (3, NULL, NULL, 1718000000);
  g_autoptr(TmTaskData) own = make_task_data (4, NULL, NULL, 1718000123);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  g_autofree char *third = NULL;
  g_auto(GStrv) units = NULL;
  TmTask *task;
  const char *uuid;

  d->unit = g_strdup ("Sengeafsnit 3 – Kardiologi");
  task = tm_portfolio_add_task (p, d, &error);
  g_assert_no_error (error);
  uuid = tm_task_get_uuid (task);
  g_assert_cmpstr (tm_task_get_unit (task), ==, "Sengeafsnit 3 – Kardiologi");
  g_assert_cmpint (tm_task_get_modified (task), ==, 1718000000);
  g_assert_nonnull (tm_portfolio_add_task (p, own, &error));
  g_assert_no_error (error);

  xml = tm_test_export_xml (p);
  g_assert_nonnull (strstr (xml, "Sengeafsnit 3 – Kardiologi"));

  CHECK_OK (tm_xml_import_data (q, xml, strlen (xml), "region-nord.xml", &error));
  task = tm_portfolio_lookup_task (q, uuid);
  g_assert_nonnull (task);
  g_assert_cmpstr (tm_task_get_unit (task), ==, "Sengeafsnit 3 – Kardiologi");
  g_assert_cmpint (tm_task_get_modified (task), ==, 1718000000);
  g_assert_cmpstr (tm_task_get_unit (tm_test_task_at (q, 1)), ==, "");
  g_assert_cmpint (tm_task_get_modified (tm_test_task_at (q, 1)), ==, 1718000123);

  again = tm_test_export_xml (q);
  tm_test_assert_same_text (xml, again);

  /* Through a merge plan too. */
  merge_all (s, xml);
  third = tm_test_export_xml (s);
  tm_test_assert_same_text (xml, third);

  units = tm_portfolio_dup_units (q);
  g_assert_cmpuint (g_strv_length (units), ==, 1);
  g_assert_cmpstr (units[0], ==, "Sengeafsnit 3 – Kardiologi");
}

/* An edit stamps the time; its undo puts the old time back. */
static void
test_modified_on_edit (void)
{
  g_autoptr(TmPortfolio) p = build_unit ("Afsnit K2", 1, OLD_TIME);
  g_autoptr(GError) error = NULL;
  TmTask *task = tm_test_task_at (p, 0);
  gint64 start = seconds_now ();

  tm_test_set_title (p, task, "Ny titel", NULL);
  g_assert_cmpint (tm_task_get_modified (task), >=, start);
  g_assert_cmpint (tm_task_get_modified (task), <=, seconds_now ());

  CHECK_OK (tm_portfolio_undo (p, &error));
  g_assert_cmpint (tm_task_get_modified (task), ==, OLD_TIME);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* Edits must be stamped with the real clock: the tests compare the times
   * of edits made one after the other. */
  g_unsetenv ("SOURCE_DATE_EPOCH");
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/merge/kind-labels", test_kind_labels);
  g_test_add_func ("/core/merge/plan/into-new", test_plan_into_new);
  g_test_add_func ("/core/merge/plan/in-steps", test_plan_in_steps);
  g_test_add_func ("/core/merge/plan/history-in-steps", test_plan_history_in_steps);
  g_test_add ("/core/merge/plan/kinds", Exchange, NULL, exchange_setup, test_plan_kinds, exchange_teardown);
  g_test_add ("/core/merge/plan/from-thread", Exchange, NULL, exchange_setup, test_plan_from_thread,
              exchange_teardown);
  g_test_add ("/core/merge/plan/decline-update", Exchange, NULL, exchange_setup, test_plan_decline_update,
              exchange_teardown);
  g_test_add ("/core/merge/apply/undo", Exchange, NULL, exchange_setup, test_apply_undo, exchange_teardown);
  g_test_add_func ("/core/merge/apply/in-steps", test_apply_in_steps);
  g_test_add_func ("/core/merge/apply/cancel", test_apply_cancel);
  g_test_add_func ("/core/merge/apply/undo-in-steps", test_undo_in_steps);
  g_test_add_func ("/core/merge/apply/short-store", test_apply_short_store);
  g_test_add_func ("/core/merge/apply/sorted-in-thread", test_apply_sorted_in_thread);
  g_test_add_func ("/core/merge/history/reimport", test_history_reimport);
  g_test_add ("/core/merge/apply/stale", Exchange, NULL, exchange_setup, test_apply_stale, exchange_teardown);
  g_test_add ("/core/merge/apply/twice", Exchange, NULL, exchange_setup, test_apply_twice, exchange_teardown);
  g_test_add_func ("/core/merge/conflict/both-changed", test_conflict_both_changed);
  g_test_add_func ("/core/merge/conflict/by-time", test_conflict_by_time);
  g_test_add_func ("/core/merge/conflict/unknown-time", test_conflict_unknown_time);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *name = g_strndup (hostile[i], strlen (hostile[i]) - strlen (".xml"));
      g_autofree char *test_path = g_strconcat ("/core/merge/refuse/", name, NULL);

      g_test_add_data_func (test_path, hostile[i], test_refusal);
    }

  g_test_add ("/core/merge/units/merge", Region, NULL, region_setup, test_units_merge, region_teardown);
  g_test_add_func ("/core/merge/units/in-steps", test_units_in_steps);
  g_test_add ("/core/merge/units/analysis", Region, NULL, region_setup, test_units_analysis, region_teardown);
  g_test_add ("/core/merge/units/deterministic", Region, NULL, region_setup, test_units_deterministic,
              region_teardown);
  g_test_add ("/core/merge/units/keep-their-unit", Region, NULL, region_setup, test_units_keep_their_unit,
              region_teardown);
  g_test_add ("/core/merge/units/unreadable", Region, NULL, region_setup, test_units_unreadable,
              region_teardown);
  g_test_add ("/core/merge/units/same-name", Region, NULL, region_setup, test_units_same_name,
              region_teardown);
  g_test_add ("/core/merge/units/shared-history", Region, NULL, region_setup, test_units_shared_history,
              region_teardown);
  g_test_add_func ("/core/merge/units/update", test_units_update);
  g_test_add_func ("/core/merge/units/nameless", test_units_nameless);
  g_test_add_func ("/core/merge/round-trip/unit-and-modified", test_round_trip_unit_and_modified);
  g_test_add_func ("/core/merge/modified-on-edit", test_modified_on_edit);

  return g_test_run ();
}
