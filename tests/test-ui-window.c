/* test-ui-window.c
 * The main window on a real display: the task list, quick entry, editor,
 * filters, undo, delete and opening files.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dialogs/tm-dialogs-private.h"
#include "tm-window-private.h"
#include "tm-application.h"
#include "tm-list-text.h"
#include "tm-test-ui.h"
#include "tm-test-util.h"

static TmApplication *app;

/* Presents @window and returns once it has been drawn twice. */
static void
present_and_wait (TmWindow *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  tm_test_wait_drawn (GTK_WIDGET (window));
}

static TmTask *
get_task (GListModel *model,
          guint       i)
{
  g_autoptr(TmTask) task = g_list_model_get_item (model, i);

  /* Borrowed: the model keeps it. */
  return task;
}

static guint
count_tasks_with_level (TmPortfolio *portfolio,
                        TmLevel      level)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    if (tm_task_get_level (get_task (tasks, i)) == level)
      n++;

  return n;
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = g_utf8_casefold (haystack != NULL ? haystack : "", -1);
  g_autofree char *n = g_utf8_casefold (needle, -1);

  return strstr (h, n) != NULL;
}

static TmWindow *
make_window (TmPortfolio *portfolio)
{
  TmWindow *window = tm_window_new (GTK_APPLICATION (app));

  tm_window_set_portfolio (window, portfolio);
  present_and_wait (window);

  return window;
}

static void
test_window_tasks (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window = make_window (portfolio);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GListModel *rows = G_LIST_MODEL (_tm_window_get_selection (window));
  GtkEntry *entry = _tm_window_get_quick_entry (window);
  TmTaskEditor *editor = _tm_window_get_editor (window);
  GtkWidget *level;
  TmTask *task;
  TmLevel old_level;
  guint expected;

  g_assert_cmpstr (_tm_window_get_page (window), ==, "portfolio");
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);

  /* Quick entry: Enter adds the task, empties the entry and selects the task. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Refill the linen trolley");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 43);
  task = get_task (tasks, 42);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Refill the linen trolley");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (tm_test_n_rows (window), ==, 43);
  TM_WAIT_FOR (gtk_single_selection_get_selected_item (_tm_window_get_selection (window)) == task);
  g_assert_true (tm_task_editor_get_task (editor) == task);

  /* The editor stores its level in the portfolio's task. */
  old_level = tm_task_get_level (task);
  g_assert_cmpint (old_level, !=, TM_LEVEL_BOUNDED_CLINICAL);
  level = tm_task_editor_get_field (editor, "level");
  g_assert_true (GTK_IS_DROP_DOWN (level));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (level), TM_LEVEL_BOUNDED_CLINICAL);
  g_assert_cmpint (tm_task_get_level (task), ==, TM_LEVEL_BOUNDED_CLINICAL);
  tm_test_spin (50);

  /* Filter on the level. */
  gtk_drop_down_set_selected (_tm_window_get_level_filter (window), TM_LEVEL_BOUNDED_CLINICAL + 1);
  expected = count_tasks_with_level (portfolio, TM_LEVEL_BOUNDED_CLINICAL);
  g_assert_cmpuint (expected, >, 1);
  g_assert_cmpuint (expected, <, 43);
  g_assert_cmpuint (tm_test_n_rows (window), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_tm_window_get_task_view (window))),
                    ==, expected);
  for (guint i = 0; i < tm_test_n_rows (window); i++)
    g_assert_cmpint (tm_task_get_level (get_task (rows, i)), ==, TM_LEVEL_BOUNDED_CLINICAL);

  /* Search, on top of the level filter: case-insensitive. */
  gtk_editable_set_text (GTK_EDITABLE (_tm_window_get_search_entry (window)), "URIN");
  _tm_window_apply_search (window);
  expected = 0;
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      TmTask *t = get_task (tasks, i);

      if (tm_task_get_level (t) == TM_LEVEL_BOUNDED_CLINICAL &&
          contains_casefold (tm_task_get_title (t), "urin"))
        expected++;
    }
  g_assert_cmpuint (expected, >=, 1);
  g_assert_cmpuint (tm_test_n_rows (window), ==, expected);
  for (guint i = 0; i < tm_test_n_rows (window); i++)
    g_assert_true (contains_casefold (tm_task_get_title (get_task (rows, i)), "urin"));
  g_assert_true (strstr (gtk_label_get_text (_tm_window_get_count_label (window)), "43") != NULL);

  /* Without the level filter the search finds more. */
  gtk_drop_down_set_selected (_tm_window_get_level_filter (window), 0);
  g_assert_cmpuint (tm_test_n_rows (window), >, expected);
  for (guint i = 0; i < tm_test_n_rows (window); i++)
    g_assert_true (contains_casefold (tm_task_get_title (get_task (rows, i)), "urin"));

  /* Undo takes the level back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (tm_task_get_level (task), ==, old_level);

  /* Clear the filters and delete the new task from the list. */
  gtk_editable_set_text (GTK_EDITABLE (_tm_window_get_search_entry (window)), "");
  _tm_window_apply_search (window);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 43);
  for (guint i = 0; i < tm_test_n_rows (window); i++)
    if (get_task (rows, i) == task)
      gtk_single_selection_set_selected (_tm_window_get_selection (window), i);
  g_assert_true (gtk_single_selection_get_selected_item (_tm_window_get_selection (window)) == task);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-task", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 42);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);
  g_assert_true (_tm_window_get_toast_visible (window));
  g_assert_true (strstr (_tm_window_get_toast_text (window), "Refill the linen trolley") != NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 43);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 43);
  g_assert_false (_tm_window_get_toast_visible (window));

  /* Redo deletes it again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_add_duplicate (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window = make_window (portfolio);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GtkSingleSelection *selection = _tm_window_get_selection (window);
  TmTask *task;
  GtkWidget *focus;

  /* Ctrl+N: a new task, selected, its title focused in the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-task", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 43);
  task = get_task (tasks, 42);
  g_assert_cmpstr (tm_task_get_title (task), ==, "New task");
  TM_WAIT_FOR (gtk_single_selection_get_selected_item (selection) == task);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (_tm_window_get_editor (window))));

  /* Ctrl+D: a copy right after it, selected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.duplicate-task", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 44);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 44);
  task = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (task);
  g_assert_cmpstr (tm_task_get_title (task), ==, "New task");
  g_assert_true (task != get_task (tasks, 42));

  /* A task added while a filter is on takes the filter's values and shows. */
  gtk_drop_down_set_selected (_tm_window_get_level_filter (window), TM_LEVEL_COORDINATION + 1);
  tm_test_n_rows (window);
  gtk_editable_set_text (GTK_EDITABLE (_tm_window_get_quick_entry (window)), "Plan the rota");
  g_signal_emit_by_name (_tm_window_get_quick_entry (window), "activate");
  task = get_task (tasks, g_list_model_get_n_items (tasks) - 1);
  g_assert_cmpint (tm_task_get_level (task), ==, TM_LEVEL_COORDINATION);
  tm_test_n_rows (window);
  TM_WAIT_FOR (gtk_single_selection_get_selected_item (selection) == task);

  /* Also when only the search does not find it. */
  gtk_editable_set_text (GTK_EDITABLE (_tm_window_get_search_entry (window)), "rota");
  _tm_window_apply_search (window);
  gtk_editable_set_text (GTK_EDITABLE (_tm_window_get_quick_entry (window)), "Order supplies");
  g_signal_emit_by_name (_tm_window_get_quick_entry (window), "activate");
  task = get_task (tasks, g_list_model_get_n_items (tasks) - 1);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Order supplies");
  tm_test_n_rows (window);
  TM_WAIT_FOR (gtk_single_selection_get_selected_item (selection) == task);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_welcome (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window = tm_window_new (GTK_APPLICATION (app));

  present_and_wait (window);
  g_assert_cmpstr (_tm_window_get_page (window), ==, "welcome");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-task"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save-copy"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "professions"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "close"));

  tm_window_set_portfolio (window, portfolio);
  g_assert_cmpstr (_tm_window_get_page (window), ==, "portfolio");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "add-task"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "unit-details"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "undo"));
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);

  tm_window_set_portfolio (window, NULL);
  g_assert_cmpstr (_tm_window_get_page (window), ==, "welcome");
  g_assert_cmpuint (tm_test_n_rows (window), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sorting by title follows the collation of the folded titles, and a
 * renamed task sorts by its new title (the cached sort key is remade). */
static void
test_window_sort_title (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(TmTaskData) data = NULL;
  g_autoptr(GtkColumnViewColumn) title = NULL;
  TmWindow *window = make_window (portfolio);
  GtkColumnView *view = _tm_window_get_column_view (window);
  GListModel *rows = G_LIST_MODEL (_tm_window_get_selection (window));
  TmTask *last;

  title = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  gtk_column_view_sort_by_column (view, title, GTK_SORT_ASCENDING);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);

  for (guint i = 1; i < 42; i++)
    {
      g_autofree char *a = g_utf8_casefold (tm_task_get_title (get_task (rows, i - 1)), -1);
      g_autofree char *b = g_utf8_casefold (tm_task_get_title (get_task (rows, i)), -1);

      g_assert_cmpint (g_utf8_collate (a, b), <=, 0);
    }

  /* Rename the last row to sort first; the sorter must see the new title. */
  last = get_task (rows, 41);
  data = tm_task_dup_data (last);
  g_free (data->title);
  data->title = g_strdup ("AAA first");
  g_assert_true (tm_portfolio_update_task (portfolio, last, data, NULL, NULL));
  gtk_sorter_changed (gtk_column_view_get_sorter (view), GTK_SORTER_CHANGE_DIFFERENT);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);
  g_assert_cmpstr (tm_task_get_title (get_task (rows, 0)), ==, "AAA first");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sorting more than a thousand rows in the view's worker thread: the
 * selected task stays selected where it now is, and the editor keeps it
 * throughout. Fails if the window drops the selection or the editor sees
 * another task on the way. */
typedef struct {
  TmTaskEditor *editor;
  TmTask       *chosen;
  guint         n_other;   /* times the editor showed another task */
} EditorWatch;

static void
on_selected_item_changed (GtkSingleSelection *selection,
                          GParamSpec         *pspec,
                          EditorWatch        *watch)
{
  if (tm_task_editor_get_task (watch->editor) != watch->chosen)
    watch->n_other++;
}

static void
test_window_sort_keeps_selection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Sengeafsnit 4", &error);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(GtkColumnViewColumn) title = NULL;
  GtkSingleSelection *selection;
  TmTaskEditor *editor;
  TmWindow *window;
  TmTask *chosen;
  EditorWatch watch = { 0 };
  gulong watch_id;

  g_assert_no_error (error);
  for (guint i = 0; i < 1500; i++)
    {
      TmTaskData *data = tm_task_data_new ();

      g_free (data->title);
      data->title = g_strdup_printf ("Opgave %04u", i);
      g_ptr_array_add (tasks, data);
    }
  g_assert_true (tm_portfolio_add_tasks (portfolio, tasks, &error));
  g_assert_no_error (error);

  window = make_window (portfolio);
  selection = _tm_window_get_selection (window);
  editor = _tm_window_get_editor (window);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 1500);

  gtk_single_selection_set_selected (selection, 100);
  chosen = gtk_single_selection_get_selected_item (selection);
  g_assert_cmpstr (tm_task_get_title (chosen), ==, "Opgave 0100");
  g_assert_true (tm_task_editor_get_task (editor) == chosen);
  watch.editor = editor;
  watch.chosen = chosen;
  watch_id = g_signal_connect (selection, "notify::selected-item", G_CALLBACK (on_selected_item_changed), &watch);

  /* Z to A: it moves from row 100 to row 1399, the list changing its first
   * rows a few at a time (the task leaves in one step and comes back in the
   * last): the selection and the editor stay with it throughout. */
  title = g_list_model_get_item (gtk_column_view_get_columns (_tm_window_get_column_view (window)), 0);
  gtk_column_view_sort_by_column (_tm_window_get_column_view (window), title, GTK_SORT_DESCENDING);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 1500);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) chosen);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1399);
  g_assert_true (tm_task_editor_get_task (editor) == chosen);

  /* Back to A to Z. */
  gtk_column_view_sort_by_column (_tm_window_get_column_view (window), title, GTK_SORT_ASCENDING);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 1500);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 100);
  g_assert_true (tm_task_editor_get_task (editor) == chosen);
  g_assert_cmpuint (watch.n_other, ==, 0);

  g_signal_handler_disconnect (selection, watch_id);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether @task has a move in @scenario_id. */
static gboolean
task_is_moved (TmTask     *task,
               const char *scenario_id)
{
  return tm_task_data_get_move (tm_task_peek_data (task), scenario_id) != NULL;
}

/* Whether @task has an assessment other than "not assessed". */
static gboolean
task_is_assessed (TmTask *task)
{
  const TmTaskData *data = tm_task_peek_data (task);

  for (guint i = 0; i < data->assessments->len; i++)
    if (g_array_index (data->assessments, TmAssessment, i).suitability != TM_SUITABILITY_NOT_ASSESSED)
      return TRUE;
  return FALSE;
}

/* The tasks with a move in @scenario_id (@status 1), assessed without one
 * (2), or not assessed (3), as the status filter's entries count them. */
static guint
count_status (TmPortfolio *portfolio,
              const char  *scenario_id,
              guint        status)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      TmTask *task = get_task (tasks, i);
      gboolean moved = task_is_moved (task, scenario_id);

      n += (status == 1 && moved) || (status == 2 && !moved && task_is_assessed (task)) ||
           (status == 3 && !task_is_assessed (task));
    }
  return n;
}

/* The status filter follows the scenario chosen in the window. */
static void
test_window_status_filter (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(GError) error = NULL;
  TmWindow *window = make_window (portfolio);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  const char *scenario = _tm_window_get_scenario_id (window);
  TmMove move = { NULL, TM_MOVE_TO_PROFESSION, (char *) "runner", 100 };
  TmScenario *other;
  TmTask *unmoved = NULL;
  guint n_moved;

  /* The window shows the example's first scenario: 40 of its 42 tasks move,
   * the other two are assessed for the runner, none is left unassessed. */
  g_assert_cmpstr (scenario, ==, "scenario-1");
  n_moved = count_status (portfolio, scenario, 1);
  g_assert_cmpuint (n_moved, ==, 40);
  g_assert_cmpuint (count_status (portfolio, scenario, 2), ==, 2);
  g_assert_cmpuint (count_status (portfolio, scenario, 3), ==, 0);

  gtk_drop_down_set_selected (_tm_window_get_status_filter (window), 1);   /* moved */
  g_assert_cmpuint (tm_test_n_rows (window), ==, n_moved);
  gtk_drop_down_set_selected (_tm_window_get_status_filter (window), 2);   /* assessed, not moved */
  g_assert_cmpuint (tm_test_n_rows (window), ==, 2);
  for (guint i = 0; i < tm_test_n_rows (window); i++)
    g_assert_false (task_is_moved (get_task (G_LIST_MODEL (_tm_window_get_selection (window)), i), scenario));
  gtk_drop_down_set_selected (_tm_window_get_status_filter (window), 3);   /* not assessed */
  g_assert_cmpuint (tm_test_n_rows (window), ==, 0);

  /* A move chosen for a task that had none shows at once; one replaced counts once. */
  for (guint i = 0; i < g_list_model_get_n_items (tasks) && unmoved == NULL; i++)
    if (!task_is_moved (get_task (tasks, i), scenario))
      unmoved = get_task (tasks, i);
  g_assert_nonnull (unmoved);
  g_assert_true (task_is_moved (get_task (tasks, 7), scenario));
  g_assert_true (tm_portfolio_set_move (portfolio, unmoved, scenario, &move, &error));
  g_assert_true (tm_portfolio_set_move (portfolio, get_task (tasks, 7), scenario, &move, &error));
  g_assert_no_error (error);
  gtk_drop_down_set_selected (_tm_window_get_status_filter (window), 1);
  g_assert_cmpuint (tm_test_n_rows (window), ==, n_moved + 1);
  gtk_drop_down_set_selected (_tm_window_get_status_filter (window), 2);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 1);

  /* Another scenario, with no moves yet, does not change the one shown. */
  other = tm_portfolio_add_scenario (portfolio, "B", &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);
  g_assert_cmpuint (count_status (portfolio, tm_scenario_get_id (other), 1), ==, 0);
  g_assert_cmpstr (_tm_window_get_scenario_id (window), ==, scenario);
  gtk_drop_down_set_selected (_tm_window_get_status_filter (window), 1);
  g_assert_cmpuint (tm_test_n_rows (window), ==, n_moved + 1);

  gtk_drop_down_set_selected (_tm_window_get_status_filter (window), 0);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A click in the level × complexity map filters the list; "varies" counts as high. */
static void
test_window_map_filters (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window = make_window (portfolio);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  guint expected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      TmTask *task = get_task (tasks, i);

      if (tm_task_get_level (task) == TM_LEVEL_BOUNDED_CLINICAL &&
          (tm_task_get_complexity (task) == TM_COMPLEXITY_HIGH ||
           tm_task_get_complexity (task) == TM_COMPLEXITY_VARIES))
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);

  _tm_window_show_view (window, "map");
  g_signal_emit_by_name (_tm_window_get_grid_chart (window), "cell-activated",
                         (guint) TM_LEVEL_BOUNDED_CLINICAL, (guint) TM_COMPLEXITY_HIGH);
  g_assert_cmpstr (_tm_window_get_view (window), ==, "catalogue");
  g_assert_cmpuint (tm_test_n_rows (window), ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
file_starts_with (const char *path,
                  const char *magic,
                  gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  return g_file_get_contents (path, &contents, &size, NULL) &&
         size > length && memcmp (contents, magic, length) == 0;
}

/* Each view exports as PNG, SVG and PDF; the list cannot be exported. */
static void
test_window_export_view (void)
{
  static const char * const views[] = { "matrix", "map", "capacity", "flow" };
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-export-XXXXXX", &error);
  TmWindow *window = make_window (portfolio);

  g_assert_no_error (error);

  {
    g_autofree char *path = g_build_filename (dir, "list.pdf", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_false (_tm_window_export_view (window, file, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *png = g_strdup_printf ("%s/%s.png", dir, views[i]);
      g_autofree char *svg = g_strdup_printf ("%s/%s.svg", dir, views[i]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", dir, views[i]);
      g_autoptr(GFile) png_file = g_file_new_for_path (png);
      g_autoptr(GFile) svg_file = g_file_new_for_path (svg);
      g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);

      _tm_window_show_view (window, views[i]);
      g_assert_true (_tm_window_export_view (window, png_file, &error));
      g_assert_no_error (error);
      g_assert_true (_tm_window_export_view (window, svg_file, &error));
      g_assert_no_error (error);
      g_assert_true (_tm_window_export_view (window, pdf_file, &error));
      g_assert_no_error (error);

      g_assert_true (file_starts_with (png, "\x89PNG", 4));
      g_assert_true (file_starts_with (svg, "<?xml", 5));
      g_assert_true (file_starts_with (pdf, "%PDF-", 5));
      g_unlink (png);
      g_unlink (svg);
      g_unlink (pdf);
    }

  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_summary (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window = make_window (portfolio);
  TmSummaryBar *bar = _tm_window_get_summary_bar (window);

  g_assert_true (g_str_has_prefix (tm_summary_bar_get_total_text (bar), "42 tasks"));

  gtk_editable_set_text (GTK_EDITABLE (_tm_window_get_quick_entry (window)), "Water the plants");
  g_signal_emit_by_name (_tm_window_get_quick_entry (window), "activate");
  /* Recomputed a moment later, not at once. */
  TM_WAIT_FOR (g_str_has_prefix (tm_summary_bar_get_total_text (bar), "43 tasks"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
add_quick_task (TmWindow   *window,
                const char *title)
{
  gtk_editable_set_text (GTK_EDITABLE (_tm_window_get_quick_entry (window)), title);
  g_signal_emit_by_name (_tm_window_get_quick_entry (window), "activate");
}

/* A region's tasks are counted in steps between frames; a change while
 * they are counted starts the count again, so the figures shown are never
 * those of the tasks as they were. */
static void
test_window_summary_in_steps (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window;
  TmSummaryBar *bar;

  tm_test_add_varied_tasks (portfolio, 2000, NULL);
  window = make_window (portfolio);
  bar = _tm_window_get_summary_bar (window);
  g_assert_true (g_str_has_prefix (tm_summary_bar_get_total_text (bar), "2042 tasks"));
  /* Set up at once: one step. */
  g_assert_cmpuint (_tm_summary_bar_get_n_steps (bar), ==, 1);

  /* A block of tasks a step: 2,043 tasks take eight. */
  _tm_summary_bar_set_step_budget (bar, 0);
  add_quick_task (window, "Water the plants");
  TM_WAIT_FOR (_tm_summary_bar_get_n_steps (bar) == 2);
  g_assert_true (g_str_has_prefix (tm_summary_bar_get_total_text (bar), "2042 tasks"));

  /* Half-way through, another task. */
  add_quick_task (window, "Feed the fish");
  TM_WAIT_FOR (g_str_has_prefix (tm_summary_bar_get_total_text (bar), "2044 tasks"));
  /* 2,044 tasks in blocks of 256: eight steps for the summary; the example
   * gives its staffing, so the shares of staffed time count them again,
   * from the eighth step on: seven more. */
  {
    g_auto(GStrv) staffed = tm_portfolio_dup_staffing_units (portfolio);

    g_assert_nonnull (staffed[0]);
  }
  g_assert_cmpuint (_tm_summary_bar_get_n_steps (bar), ==, 15);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
add_grouped_task (TmPortfolio *portfolio,
                  const char  *group,
                  const char  *unit)
{
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;

  g_free (data->title);
  data->title = g_strdup_printf ("A task of %s", group);
  g_free (data->group);
  data->group = g_strdup (group);
  g_free (data->unit);
  data->unit = g_strdup (unit);
  g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_no_error (error);
}

static gboolean
group_listed (TmWindow   *window,
              const char *group)
{
  GListModel *list = G_LIST_MODEL (window->group_list);

  for (guint i = 1; i < g_list_model_get_n_items (list); i++)
    if (g_strcmp0 (gtk_string_list_get_string (window->group_list, i), group) == 0)
      return TRUE;
  return FALSE;
}

/* The group filter's choices and the Unit column follow the tasks in steps
 * between frames; tasks added half-way start the look again. */
static void
test_window_groups_in_steps (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window;
  guint n_groups;

  tm_test_add_varied_tasks (portfolio, 2000, NULL);
  window = make_window (portfolio);
  n_groups = g_list_model_get_n_items (G_LIST_MODEL (window->group_list));
  g_assert_cmpuint (n_groups, >, 2);
  g_assert_false (gtk_column_view_column_get_visible (window->unit_column));

  /* A block of tasks a step. */
  window->refresh_step_us = 0;
  add_grouped_task (portfolio, "Zebra", "");
  TM_WAIT_FOR (window->groups_count != NULL);
  g_assert_false (group_listed (window, "Zebra"));

  /* Half-way through, a task of another group and of a unit. */
  add_grouped_task (portfolio, "Yak", "Afsnit B");
  TM_WAIT_FOR (window->groups_count == NULL && window->refresh_id == 0);
  g_assert_true (group_listed (window, "Zebra"));
  g_assert_true (group_listed (window, "Yak"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window->group_list)), ==, n_groups + 2);
  g_assert_true (gtk_column_view_column_get_visible (window->unit_column));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
editor_visible (TmWindow *window)
{
  /* editor -> viewport -> scrolled window, the pane's end child */
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (_tm_window_get_editor (window)),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  return gtk_widget_get_visible (scroller);
}

static void
test_window_presentation (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window = make_window (portfolio);

  /* F11: larger text for the room, the list without the editor. */
  g_assert_true (editor_visible (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_false (editor_visible (window));
  tm_test_spin (100);

  /* Activating a row brings the editor back. */
  g_signal_emit_by_name (_tm_window_get_column_view (window), "activate", 2);
  g_assert_true (editor_visible (window));
  g_assert_cmpuint (gtk_single_selection_get_selected (_tm_window_get_selection (window)), ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_true (editor_visible (window));

  /* F9 hides and shows the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-editor", NULL));
  g_assert_false (editor_visible (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-editor", NULL));
  g_assert_true (editor_visible (window));

  /* Leaving presentation mode gives back the editor as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-editor", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL));
  g_assert_false (editor_visible (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-editor", NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

static TmWindow *
find_window_for (GFile *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      TmPortfolio *portfolio = TM_IS_WINDOW (l->data) ? tm_window_get_portfolio (l->data) : NULL;

      if (portfolio != NULL && tm_portfolio_get_file (portfolio) != NULL &&
          g_file_equal (tm_portfolio_get_file (portfolio), file))
        return l->data;
    }

  return NULL;
}

static void
remove_portfolio_file (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static GtkWidget *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) widget = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (widget))
        return widget;
    }

  return NULL;
}

static void
test_window_open_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "ward.taskmap", NULL);
  g_autofree char *bad_path = g_build_filename (dir, "notes.taskmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(TmPortfolio) created = NULL;
  TmPortfolio *portfolio;
  TmWindow *window;
  GtkWidget *dialog;
  guint n_windows;

  g_assert_no_error (error);

  created = tm_portfolio_create (file, TM_COUNTRY_NO, "Sengepost 3", &error);
  g_assert_no_error (error);
  tm_portfolio_close (created);
  g_clear_object (&created);

  /* A welcome window takes the portfolio. */
  window = tm_window_new (GTK_APPLICATION (app));
  present_and_wait (window);
  g_assert_true (tm_application_open_file (app, file, GTK_WINDOW (window)));
  portfolio = tm_window_get_portfolio (window);
  g_assert_nonnull (portfolio);
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Sengepost 3");
  g_assert_cmpstr (_tm_window_get_page (window), ==, "portfolio");
  g_assert_cmpuint (tm_test_n_rows (window), ==, 0);

  if (tm_application_get_settings (app) != NULL)
    {
      g_auto(GStrv) recent = g_settings_get_strv (tm_application_get_settings (app),
                                                  "recent-files");
      g_assert_nonnull (recent[0]);
      g_assert_cmpstr (recent[0], ==, path);
    }

  /* Opening it again presents the same window. */
  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_assert_true (tm_application_open_file (app, file, NULL));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, n_windows);
  g_assert_true (tm_window_get_portfolio (window) == portfolio);

  /* A file that is no portfolio: a dialog, and nothing else changes. */
  g_assert_true (g_file_set_contents (bad_path, "These are my notes, not a portfolio.\n", -1, NULL));
  g_assert_false (tm_application_open_file (app, bad_file, GTK_WINDOW (window)));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (tm_window_get_portfolio (window) == portfolio);
  g_assert_cmpstr (_tm_window_get_page (window), ==, "portfolio");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  {
    g_autofree char *secondary = NULL;

    /* The core's message, which names the file. */
    g_object_get (dialog, "secondary-text", &secondary, NULL);
    g_assert_nonnull (secondary);
    g_assert_true (strstr (secondary, "notes.taskmap") != NULL);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);

  /* A new window's welcome page lists it; activating the row opens it there
   * (the window asks the application through app.open-recent). */
  if (tm_application_get_settings (app) != NULL)
    {
      TmWindow *welcome = tm_window_new (GTK_APPLICATION (app));
      GtkListBoxRow *row;

      present_and_wait (welcome);
      row = gtk_list_box_get_row_at_index (_tm_window_get_recent_list (welcome), 0);
      g_assert_nonnull (row);
      g_signal_emit_by_name (_tm_window_get_recent_list (welcome), "row-activated", row);
      TM_WAIT_FOR (tm_window_get_portfolio (welcome) != NULL);
      g_assert_cmpstr (tm_portfolio_get_unit_name (tm_window_get_portfolio (welcome)), ==, "Sengepost 3");
      g_assert_cmpstr (_tm_window_get_page (welcome), ==, "portfolio");
      gtk_window_destroy (GTK_WINDOW (welcome));
      tm_test_spin (50);
    }

  g_unlink (bad_path);
  remove_portfolio_file (path);
  g_rmdir (dir);
}

/* app.new-portfolio: the dialog's Create makes the file and opens it. */
static void
test_window_new_portfolio (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "wards", "sengepost-7.taskmap", NULL);
  g_autofree char *parent_dir = g_path_get_dirname (path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TmWindow *welcome = tm_window_new (GTK_APPLICATION (app));
  GtkWindow *dialog;
  TmWindow *window;
  TmPortfolio *portfolio;

  g_assert_no_error (error);
  present_and_wait (welcome);

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-portfolio", NULL);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG) != NULL);
  dialog = tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG);
  _tm_new_portfolio_dialog_set_fields (TM_NEW_PORTFOLIO_DIALOG (dialog), TM_COUNTRY_NO,
                                       "Sengepost 7", TRUE, file);
  g_assert_true (_tm_new_portfolio_dialog_create (TM_NEW_PORTFOLIO_DIALOG (dialog)));
  TM_WAIT_FOR (find_window_for (file) != NULL);

  /* The empty welcome window took it; its folder was made on the way. */
  window = find_window_for (file);
  g_assert_true (window == welcome);
  portfolio = tm_window_get_portfolio (window);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Sengepost 7");
  g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_NO);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 42);
  /* Naming the unit is not something to undo. */
  g_assert_false (tm_portfolio_can_undo (portfolio));
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);

  /* The same file again, while it is open: refused with a message. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-portfolio", NULL);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG) != NULL);
  dialog = tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG);
  _tm_new_portfolio_dialog_set_fields (TM_NEW_PORTFOLIO_DIALOG (dialog), TM_COUNTRY_DK,
                                       "Something else", FALSE, file);
  _tm_new_portfolio_dialog_create (TM_NEW_PORTFOLIO_DIALOG (dialog));
  TM_WAIT_FOR (tm_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG) != NULL);
  gtk_window_destroy (tm_test_find_toplevel (GTK_TYPE_MESSAGE_DIALOG));
  g_assert_true (tm_window_get_portfolio (window) == portfolio);
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Sengepost 7");
  if (tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG) != NULL)
    gtk_window_destroy (tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);

  remove_portfolio_file (path);
  g_rmdir (parent_dir);
  g_rmdir (dir);
}

/* The first list text of the column view whose text is @text, or NULL. */
static GtkWidget *
find_list_text (GtkWidget  *widget,
                const char *text)
{
  if (TM_IS_LIST_TEXT (widget) &&
      g_strcmp0 (tm_list_text_get_text (TM_LIST_TEXT (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A cell cut short shows its whole text as a tooltip; one that fits, none. */
static void
test_window_cell_tooltip (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window = make_window (portfolio);
  GtkWidget *view = GTK_WIDGET (_tm_window_get_column_view (window));
  g_autoptr(TmTask) first = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 0);
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  const char *long_title = tm_task_get_title (first);
  GtkWidget *cut, *whole;
  gboolean shown;

  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);
  g_assert_cmpuint (g_utf8_strlen (long_title, -1), >, 30);
  TM_WAIT_FOR ((cut = find_list_text (view, long_title)) != NULL && gtk_widget_get_width (cut) > 0);
  whole = find_list_text (view, tm_per_get_label (TM_PER_DAY));
  g_assert_nonnull (whole);

  g_signal_emit_by_name (cut, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);
  shown = TRUE;
  g_signal_emit_by_name (whole, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_false (shown);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The dialog the window just opened, or NULL. */
static GtkWindow *
find_dialog_of (TmWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, k);

      if (gtk_widget_get_visible (GTK_WIDGET (w)) && gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        return w;
    }
  return NULL;
}

static void
check_named (GtkWidget  *root,
             const char *where,
             GString    *failures)
{
  g_autofree char *unnamed = tm_test_dup_unnamed_controls (root);

  if (unnamed != NULL)
    g_string_append_printf (failures, "\n%s: %s", where, unnamed);
}

/* In a child with GTK_A11Y=test (the suite's "none" keeps no accessible
 * properties at all): the welcome page, each page of the window, and the
 * dialogs its menus open. Exits with 1, naming each control, if any has
 * no name. */
static int
run_accessible_names_child (void)
{
  static const char * const views[] = { "catalogue", "matrix", "map", "capacity", "flow", "board" };
  static const char * const actions[] = {
    "unit-details", "professions", "workshops", "history", "committee-report", "user-name",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_autoptr(GString) failures = g_string_new (NULL);
  TmWindow *window;

  g_assert_no_error (error);
  window = tm_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  present_and_wait (window);
  check_named (GTK_WIDGET (window), "welcome", failures);
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-portfolio", NULL);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG) != NULL);
  check_named (GTK_WIDGET (tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG)), "app.new-portfolio", failures);
  gtk_window_destroy (tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG));

  tm_window_set_portfolio (window, portfolio);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      _tm_window_show_view (window, views[i]);
      tm_test_spin (100);
      check_named (GTK_WIDGET (window), views[i], failures);
    }
  _tm_window_show_view (window, "catalogue");

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autofree char *where = g_strdup_printf ("win.%s", actions[i]);
      GtkWindow *dialog;

      g_action_group_activate_action (G_ACTION_GROUP (window), actions[i], NULL);
      tm_test_spin (200);
      dialog = find_dialog_of (window);
      if (dialog == NULL)
        {
          g_string_append_printf (failures, "\n%s opened no dialog", where);
          continue;
        }
      check_named (GTK_WIDGET (dialog), where, failures);
      gtk_window_destroy (dialog);
      tm_test_spin (50);
    }

  /* Import… of a spreadsheet: the dialog that maps its columns. */
  {
    g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-a11y-XXXXXX");
    g_autofree char *path = g_build_filename (dir, "tasks.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (g_file_set_contents (path, "Titel;Minutter;Antal\r\nOpgave;5;2\r\n", -1, NULL));
    _tm_window_import_file (window, file);
    TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) != NULL);
    tm_test_spin (100);
    check_named (GTK_WIDGET (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG)), "Import… (CSV)", failures);
    gtk_window_destroy (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG));
    tm_test_rm_rf (dir);
  }
  gtk_window_destroy (GTK_WINDOW (window));

  if (failures->len > 0)
    {
      g_printerr ("Controls without a name:%s\n", failures->str);
      return 1;
    }
  return 0;
}

/* Every control a user reaches has a name a screen reader can say (an
 * icon-only button's tooltip is only its description in GTK 4.8). */
static void
test_window_accessible_names (void)
{
  tm_test_run_child ("accessible-names", "GTK_A11Y", "test", NULL);
}

int
main (int   argc,
      char *argv[])
{
  const char *child = tm_test_ui_child_init ();

  if (child != NULL)
    {
      app = tm_test_ui_get_app ();
      g_assert_cmpstr (child, ==, "accessible-names");
      return run_accessible_names_child ();
    }

  app = tm_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/window/tasks", test_window_tasks);
  g_test_add_func ("/ui/window/add-duplicate", test_window_add_duplicate);
  g_test_add_func ("/ui/window/welcome", test_window_welcome);
  g_test_add_func ("/ui/window/summary", test_window_summary);
  g_test_add_func ("/ui/window/summary/in-steps", test_window_summary_in_steps);
  g_test_add_func ("/ui/window/groups-in-steps", test_window_groups_in_steps);
  g_test_add_func ("/ui/window/presentation", test_window_presentation);
  g_test_add_func ("/ui/window/open-files", test_window_open_files);
  g_test_add_func ("/ui/window/new-portfolio", test_window_new_portfolio);
  g_test_add_func ("/ui/window/status-filter", test_window_status_filter);
  g_test_add_func ("/ui/window/sort-title", test_window_sort_title);
  g_test_add_func ("/ui/window/sort-keeps-selection", test_window_sort_keeps_selection);
  g_test_add_func ("/ui/window/cell-tooltip", test_window_cell_tooltip);
  g_test_add_func ("/ui/window/map-filters", test_window_map_filters);
  g_test_add_func ("/ui/window/export-view", test_window_export_view);
  g_test_add_func ("/ui/window/accessible-names", test_window_accessible_names);

  return tm_test_ui_run ();
}
