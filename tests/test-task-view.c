/* test-task-view.c
 * The list's search, filters and order, worked out in a worker thread.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-task-view"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tm-core.h"
#include "store/tm-task-view.h"
#include "tm-test-util.h"

static TmTask *
add (TmPortfolio *portfolio,
     const char  *title,
     const char  *group,
     TmLevel      level,
     TmComplexity complexity,
     double       minutes,
     double       times)
{
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  TmTask *task;

  g_free (data->title);
  data->title = g_strdup (title);
  g_free (data->group);
  data->group = g_strdup (group);
  data->level = level;
  data->complexity = complexity;
  data->minutes = minutes;
  data->occurrences = times;
  data->per = TM_PER_WEEK;
  task = tm_portfolio_add_task (portfolio, data, &error);
  g_assert_no_error (error);
  return task;
}

static void
settle (TmTaskView *view)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (tm_task_view_is_pending (view))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The titles the view shows, joined by "|". */
static char *
titles (TmTaskView *view)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (view)); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (view), i);

      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, tm_task_get_title (task));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  TmPortfolio *portfolio;
  TmTaskView  *view;
  TmTask      *tasks[5];
  guint        n_changes;
  guint        last_position, last_removed, last_added;
} Fixture;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->n_changes++;
  f->last_position = position;
  f->last_removed = removed;
  f->last_added = added;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Afsnit", &error);
  g_assert_no_error (error);
  f->tasks[0] = add (f->portfolio, "Tage telefonen", "Morgen", TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 2, 30);
  f->tasks[1] = add (f->portfolio, "Åbne døren", "Aften", TM_LEVEL_ADMIN, TM_COMPLEXITY_VARIES, -1, -1);
  f->tasks[2] = add (f->portfolio, "Bestille medicin", "Morgen", TM_LEVEL_BOUNDED_CLINICAL,
                     TM_COMPLEXITY_HIGH, 10, 5);
  f->tasks[3] = add (f->portfolio, "bade patienter", "Aften", TM_LEVEL_BOUNDED_CLINICAL,
                     TM_COMPLEXITY_LOW, 20, 7);
  f->tasks[4] = add (f->portfolio, "Medicinvogne fyldes", "Morgen", TM_LEVEL_ADMIN,
                     TM_COMPLEXITY_MODERATE, 10, 2);
  f->view = tm_task_view_new ();
  tm_task_view_set_portfolio (f->view, f->portfolio);
  g_signal_connect (f->view, "items-changed", G_CALLBACK (on_items_changed), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->view);
  g_clear_object (&f->portfolio);
}

static void
test_plain (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *all = titles (f->view);
  TmTask *last;

  /* No search, filter or order: the catalogue, at once, no worker. */
  g_assert_false (tm_task_view_is_pending (f->view));
  g_assert_cmpstr (all, ==, "Tage telefonen|Åbne døren|Bestille medicin|bade patienter|Medicinvogne fyldes");

  /* A task added shows at once, in its place. */
  last = add (f->portfolio, "Ny opgave", "", TM_LEVEL_NOT_ASSESSED, TM_COMPLEXITY_NOT_ASSESSED, -1, -1);
  g_assert_false (tm_task_view_is_pending (f->view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), ==, 6);
  g_assert_cmpuint (f->last_position, ==, 5);
  g_assert_cmpuint (f->last_added, ==, 1);
  g_assert_cmpuint (tm_task_view_find (f->view, last), ==, 5);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *found = NULL;
  g_autofree char *accents = NULL;

  /* Case and the composition of letters do not matter; every text of the task counts. */
  tm_task_view_set_search (f->view, "  MEDICIN ");
  g_assert_true (tm_task_view_is_pending (f->view));
  g_assert_true (tm_task_view_get_filters_active (f->view));
  settle (f->view);
  found = titles (f->view);
  g_assert_cmpstr (found, ==, "Bestille medicin|Medicinvogne fyldes");

  /* "Å" typed as A and a combining ring is the same letter. */
  tm_task_view_set_search (f->view, "a\xcc\x8a" "bne");
  settle (f->view);
  accents = titles (f->view);
  g_assert_cmpstr (accents, ==, "Åbne døren");

  /* The group is searched too. */
  tm_task_view_set_search (f->view, "aften");
  settle (f->view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), ==, 2);

  tm_task_view_set_search (f->view, "");
  g_assert_false (tm_task_view_get_filters_active (f->view));
  settle (f->view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), ==, 5);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *high = NULL;
  g_autofree char *admin_morning = NULL;
  g_autoptr(GError) error = NULL;
  TmScenario *scenario;

  /* High complexity includes "varies with the patient". */
  tm_task_view_set_complexity (f->view, TM_COMPLEXITY_HIGH);
  settle (f->view);
  high = titles (f->view);
  g_assert_cmpstr (high, ==, "Åbne døren|Bestille medicin");
  tm_task_view_set_complexity (f->view, -1);

  tm_task_view_set_level (f->view, TM_LEVEL_ADMIN);
  tm_task_view_set_group (f->view, "Morgen");
  settle (f->view);
  admin_morning = titles (f->view);
  g_assert_cmpstr (admin_morning, ==, "Tage telefonen|Medicinvogne fyldes");
  tm_task_view_set_level (f->view, -1);
  tm_task_view_set_group (f->view, NULL);

  /* Status in a scenario: one task with a move. */
  scenario = tm_portfolio_add_scenario (f->portfolio, "Runner", &error);
  g_assert_no_error (error);
  {
    g_autoptr(TmTaskData) moved = tm_task_dup_data (f->tasks[2]);
    TmMove move = { (char *) tm_scenario_get_id (scenario), TM_MOVE_TECHNOLOGY, NULL, 100 };

    tm_task_data_set_move (moved, tm_scenario_get_id (scenario), &move);
    g_assert_true (tm_portfolio_update_task (f->portfolio, f->tasks[2], moved, NULL, &error));
    g_assert_no_error (error);
  }
  tm_task_view_set_status (f->view, TM_TASK_STATUS_WITH_MOVE, tm_scenario_get_id (scenario));
  settle (f->view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), ==, 1);
  g_assert_cmpuint (tm_task_view_find (f->view, f->tasks[2]), ==, 0);
  tm_task_view_set_status (f->view, TM_TASK_STATUS_NOT_ASSESSED, tm_scenario_get_id (scenario));
  settle (f->view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->view)), ==, 5);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *by_title = NULL;
  g_autofree char *by_title_down = NULL;
  g_autofree char *by_minutes = NULL;
  g_autofree char *by_group = NULL;

  /* Titles by collation of their folded text: case does not matter. */
  tm_task_view_set_sort (f->view, TM_TASK_SORT_TITLE, FALSE);
  settle (f->view);
  by_title = titles (f->view);
  g_assert_true (g_str_has_prefix (by_title, "bade patienter|Bestille medicin|Medicinvogne fyldes|Tage telefonen"));

  tm_task_view_set_sort (f->view, TM_TASK_SORT_TITLE, TRUE);
  settle (f->view);
  by_title_down = titles (f->view);
  g_assert_true (g_str_has_suffix (by_title_down, "Tage telefonen|Medicinvogne fyldes|Bestille medicin|bade patienter"));

  /* Minutes: equal ones in catalogue order, the task without an estimate last. */
  tm_task_view_set_sort (f->view, TM_TASK_SORT_MINUTES, FALSE);
  settle (f->view);
  by_minutes = titles (f->view);
  g_assert_cmpstr (by_minutes, ==, "Tage telefonen|Bestille medicin|Medicinvogne fyldes|bade patienter|Åbne døren");

  /* Groups, stable within each. */
  tm_task_view_set_sort (f->view, TM_TASK_SORT_GROUP, FALSE);
  settle (f->view);
  by_group = titles (f->view);
  g_assert_cmpstr (by_group, ==, "Åbne døren|bade patienter|Tage telefonen|Bestille medicin|Medicinvogne fyldes");

  /* Back to the catalogue. */
  tm_task_view_set_sort (f->view, TM_TASK_SORT_NONE, FALSE);
  settle (f->view);
  g_assert_cmpuint (tm_task_view_find (f->view, f->tasks[0]), ==, 0);
}

static void
test_edits_followed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TmTaskData) renamed = tm_task_dup_data (f->tasks[0]);
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  tm_task_view_set_sort (f->view, TM_TASK_SORT_TITLE, FALSE);
  tm_task_view_set_search (f->view, "e");
  settle (f->view);

  /* Renamed: it moves to its new place, and only the rows between change. */
  g_free (renamed->title);
  renamed->title = g_strdup ("Aabne vinduer");
  g_assert_true (tm_portfolio_update_task (f->portfolio, f->tasks[0], renamed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tm_task_view_is_pending (f->view));
  settle (f->view);
  g_assert_cmpuint (tm_task_view_find (f->view, f->tasks[0]), ==, 0);

  /* Pinned, the task being edited stays in view when it no longer matches. */
  tm_task_view_set_pinned (f->view, f->tasks[0]);
  g_free (renamed->title);
  renamed->title = g_strdup ("Xyz");
  g_assert_true (tm_portfolio_update_task (f->portfolio, f->tasks[0], renamed, NULL, &error));
  settle (f->view);
  g_assert_cmpuint (tm_task_view_find (f->view, f->tasks[0]), !=, G_MAXUINT);
  tm_task_view_set_pinned (f->view, NULL);

  /* Deleted: gone from the list. */
  g_assert_true (tm_portfolio_delete_tasks (f->portfolio, &f->tasks[4], 1, &error));
  settle (f->view);
  after = titles (f->view);
  g_assert_null (strstr (after, "Medicinvogne"));
}

/* Many tasks: the list is worked out off the calling thread, and a newer
 * query overtakes an older one without its result ever showing. */
static void
test_many (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Region", &error);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(TmTaskView) view = tm_task_view_new ();
  guint expected = 0;
  gint64 start, call;

  for (guint i = 0; i < 20000; i++)
    {
      TmTaskData *data = tm_task_data_new ();

      g_free (data->title);
      data->title = g_strdup_printf ("%s opgave %u", i % 14 == 0 ? "Medicin" : "Anden", 20000 - i);
      expected += i % 14 == 0;
      g_ptr_array_add (tasks, data);
    }
  g_assert_true (tm_portfolio_add_tasks (portfolio, tasks, &error));
  g_assert_no_error (error);
  tm_task_view_set_portfolio (view, portfolio);

  start = g_get_monotonic_time ();
  tm_task_view_set_search (view, "zzz");
  tm_task_view_set_search (view, "medicin");
  tm_task_view_set_sort (view, TM_TASK_SORT_TITLE, FALSE);
  call = g_get_monotonic_time () - start;
  g_test_message ("search and sort of 20,000 tasks: %.1f ms in the calls", call / 1000.0);
  settle (view);
  g_test_message ("… %.1f ms until done", (g_get_monotonic_time () - start) / 1000.0);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, expected);
  {
    g_autoptr(TmTask) first = g_list_model_get_item (G_LIST_MODEL (view), 0);
    g_autoptr(TmTask) second = g_list_model_get_item (G_LIST_MODEL (view), 1);

    /* "opgave 1000" before "opgave 1014": by collation of the text. */
    g_assert_cmpint (g_utf8_collate (tm_task_get_title (first), tm_task_get_title (second)), <, 0);
  }
}

/* A step of putting a new list in place, as the list model announced it. */
typedef struct {
  guint    position, removed, added;
  gboolean changing;
  gboolean first_shown;  /* the new list's first task: in the list to come */
} Step;

typedef struct {
  GArray *steps;
  TmTask *watched;
} StepLog;

static void
on_step (GListModel *model,
         guint       position,
         guint       removed,
         guint       added,
         StepLog    *log)
{
  Step step = { position, removed, added,
                tm_task_view_is_changing (TM_TASK_VIEW (model)),
                tm_task_view_will_show (TM_TASK_VIEW (model), log->watched) };

  g_array_append_val (log->steps, step);
}

/* A new list of many rows comes in steps: the first rows a few at a time,
 * replaced in place (a list view keeps widgets only for those), the rest at
 * once — first when the list gets shorter, last when it gets longer. */
static void
test_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Region", &error);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(TmTaskView) view = tm_task_view_new ();
  g_autoptr(TmTask) first = NULL;
  g_autoptr(TmTask) last = NULL;
  StepLog log = { g_array_new (FALSE, FALSE, sizeof (Step)), NULL };
  g_autoptr(TmTestWatch) watch = NULL;
  guint n = 1000, n_medicin = 0;
  Step *step;

  for (guint i = 0; i < n; i++)
    {
      TmTaskData *data = tm_task_data_new ();

      g_free (data->title);
      /* Numbered backwards, so sorting by title reverses the catalogue. */
      data->title = g_strdup_printf ("%s %04u", i % 10 == 0 ? "Medicin" : "Opgave", n - i);
      n_medicin += i % 10 == 0;
      g_ptr_array_add (tasks, data);
    }
  g_assert_true (tm_portfolio_add_tasks (portfolio, tasks, &error));
  g_assert_no_error (error);
  tm_task_view_set_portfolio (view, portfolio);
  g_signal_connect (view, "items-changed", G_CALLBACK (on_step), &log);
  /* Every step is checked: the list never holds a task twice on the way. */
  watch = tm_test_watch_new (G_LIST_MODEL (view));
  g_assert_false (tm_task_view_is_changing (view));

  /* Sorted: every row changes. Five steps of 40 rows from the top, then
   * the other 800 in one. "Medicin 0010" (the catalogue's 991st) first.
   * The 40 tasks a step brings leave their places further down in the same
   * change when they are within 200 rows of it (a list view moves their
   * widgets), in a change of their own before it when they are further. */
  last = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), n - 10);
  log.watched = last;
  tm_task_view_set_sort (view, TM_TASK_SORT_TITLE, FALSE);
  settle (view);
  {
    guint head = 0;

    for (guint i = 0; i < log.steps->len; i++)
      {
        step = &g_array_index (log.steps, Step, i);
        g_assert_true (step->changing);
        /* The task that comes first is in the list to come all along. */
        g_assert_true (step->first_shown);
        if (head < 5 && step->position >= head * 40 + 40 + 200)
          {
            /* Far down: only the rows the step brings leave. */
            g_assert_cmpuint (step->removed, >, step->added);
            g_assert_cmpuint (step->removed - step->added, <=, 40);
            continue;
          }
        if (head < 5)
          {
            g_assert_cmpuint (step->position, ==, head * 40);
            g_assert_cmpuint (step->added, >=, 40);
            g_assert_cmpuint (step->removed, >=, step->added);
            g_assert_cmpuint (step->removed, <=, 40 + 200);
          }
        else
          {
            /* The rest in one. */
            g_assert_cmpuint (step->position, ==, 200);
            g_assert_cmpuint (step->added, ==, n - 200);
            g_assert_cmpuint (i, ==, log.steps->len - 1);
          }
        head++;
      }
    g_assert_cmpuint (head, ==, 6);
  }
  g_assert_false (tm_task_view_is_changing (view));
  first = g_list_model_get_item (G_LIST_MODEL (view), 0);
  g_assert_true (first == last);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (view), i);
      /* "Medicin 0991" < "Opgave 0001": by title, not by number. */
      if (i > 0)
        {
          g_autoptr(TmTask) before = g_list_model_get_item (G_LIST_MODEL (view), i - 1);

          g_assert_cmpint (g_utf8_collate (tm_task_get_title (before), tm_task_get_title (task)), <, 0);
        }
    }

  /* Shorter (100 of 1,000): the rows beyond the first 200 go at once, first;
   * then the rest, at most 40 new ones at a time. */
  tm_task_view_set_sort (view, TM_TASK_SORT_NONE, FALSE);
  settle (view);
  g_array_set_size (log.steps, 0);
  tm_task_view_set_search (view, "medicin");
  settle (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, n_medicin);
  step = &g_array_index (log.steps, Step, 0);
  g_assert_cmpuint (step->added, ==, 0);
  g_assert_cmpuint (step->position + step->removed, <=, n);
  g_assert_cmpuint (step->position, >=, 200);
  /* (A step that reaches down to a task it brings spans the rows between:
   * 40 come, and at most 200 shift.) */
  for (guint i = 1; i < log.steps->len; i++)
    {
      step = &g_array_index (log.steps, Step, i);
      g_assert_cmpuint (step->removed, <=, 40 + 200);
      g_assert_cmpuint (step->added, <=, 40 + 200);
    }

  /* Longer again: from nothing, 40 rows at a time at the top, the rest last. */
  tm_task_view_set_search (view, "zzz");
  settle (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 0);
  g_array_set_size (log.steps, 0);
  tm_task_view_set_search (view, "");
  settle (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, n);
  g_assert_cmpuint (log.steps->len, ==, 6);
  for (guint i = 0; i < 5; i++)
    {
      step = &g_array_index (log.steps, Step, i);
      g_assert_cmpuint (step->position, ==, i * 40);
      g_assert_cmpuint (step->removed, ==, 0);
      g_assert_cmpuint (step->added, ==, 40);
    }
  step = &g_array_index (log.steps, Step, 5);
  g_assert_cmpuint (step->position, ==, 200);
  g_assert_cmpuint (step->added, ==, n - 200);

  /* Narrowed to rows in the middle of the list shown: "Medicin 05x0" are
   * its 41st to 50th rows. The first step brings them to the top; they
   * leave their places first (GTK 4.8 warned of a duplicate item while
   * typing "medicinv" in a unit's 1,000 tasks). */
  tm_task_view_set_search (view, "medicin 0");
  settle (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, n_medicin - 1);
  g_array_set_size (log.steps, 0);
  tm_task_view_set_search (view, "medicin 05");
  settle (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 10);
  g_assert_cmpuint (log.steps->len, >, 1);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (view), i);
      g_autofree char *title = g_strdup_printf ("Medicin %04u", 590 - 10 * i);

      g_assert_cmpstr (tm_task_get_title (task), ==, title);
    }

  g_array_unref (log.steps);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/task-view/plain", test_plain);
  ADD ("/core/task-view/search", test_search);
  ADD ("/core/task-view/filters", test_filters);
  ADD ("/core/task-view/sort", test_sort);
  ADD ("/core/task-view/edits", test_edits_followed);
#undef ADD
  g_test_add_func ("/core/task-view/many", test_many);
  g_test_add_func ("/core/task-view/steps", test_steps);

  return g_test_run ();
}
