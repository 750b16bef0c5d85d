/* test-ui-timing.c
 * Timing tasks in the list from the keyboard, as a workshop does it: real
 * keys typed into the window (XTest under Xvfb), one undo step per edit,
 * refused values, and rows pasted from a spreadsheet.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-timing"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "exchange/tm-xml.h"
#include "tm-window-private.h"
#include "tm-test-ui.h"

typedef struct {
  double minutes;
  double occurrences;
  TmPer  per;
} Timing;

/* The example, with the first rows' times cleared (a state known to the
 * test, one undo step of its own), in a window with the list focused on row 0. */
static TmWindow *
open_untimed (TmPortfolio **out_portfolio,
              guint         n_cleared)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_example_create_in_language (NULL, "en", &error);
  GListModel *tasks;
  TmWindow *window;

  g_assert_no_error (error);
  tasks = tm_portfolio_get_tasks (portfolio);
  for (guint i = 0; i < n_cleared; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      g_autoptr(TmTaskData) data = tm_task_dup_data (task);

      data->minutes = TM_NOT_ESTIMATED;
      data->occurrences = TM_NOT_ESTIMATED;
      data->per = TM_PER_DAY;
      g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
      g_assert_no_error (error);
    }

  window = tm_test_make_window (portfolio, 1280, 800);
  TM_WAIT_FOR (tm_test_models_settled (window));
  gtk_single_selection_set_selected (_tm_window_get_selection (window), 0);
  gtk_widget_grab_focus (GTK_WIDGET (_tm_window_get_column_view (window)));
  tm_test_spin (100);

  *out_portfolio = portfolio;
  return window;
}

static void
assert_timing (TmTask       *task,
               const Timing *timing)
{
  g_assert_cmpfloat (tm_task_get_minutes (task), ==, timing->minutes);
  g_assert_cmpfloat (tm_task_get_occurrences (task), ==, timing->occurrences);
  g_assert_cmpint (tm_task_get_per (task), ==, timing->per);
}

static void
undo (TmWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  tm_test_spin (30);
}

/* Three tasks timed from the keyboard: a digit starts the minutes, Tab goes
 * to the times and the period, Enter to the next row's minutes; each edit
 * is one undo step. */
static void
test_time_three_tasks (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window = open_untimed (&portfolio, 4);
  TmCellEditor *editor = _tm_window_get_cell_editor (window);
  TmTask *tasks[4];
  const Timing untimed = { TM_NOT_ESTIMATED, TM_NOT_ESTIMATED, TM_PER_DAY };
  const Timing expected[3] = {
    { 7, 3, TM_PER_WEEK },
    { 12, 4, TM_PER_DAY },
    { 2.5, 1, TM_PER_MONTH },
  };
  GActionGroup *actions = G_ACTION_GROUP (window);
  g_autofree char *undo_before = g_strdup (tm_portfolio_get_undo_label (portfolio));

  for (guint i = 0; i < 4; i++)
    tasks[i] = tm_test_row_task (window, i);

  /* Row 1: 7 minutes, 3 times, per week (the period's key 2). */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "7"));
  g_assert_true (tm_cell_editor_is_editing (editor));
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_MINUTES);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Tab 3 Tab"));
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_PER);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "2 Return"));

  /* Enter went to the minutes of the next row. */
  g_assert_true (tm_cell_editor_is_editing (editor));
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_MINUTES);
  g_assert_cmpuint (gtk_single_selection_get_selected (_tm_window_get_selection (window)), ==, 1);

  /* Row 2: 12 minutes, 4 times a day (the period stays); row 3: 2,5
   * minutes (a decimal comma), once a month. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "1 2 Tab 4 Return"));
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "2 comma 5 Tab 1 Tab 3 Return"));

  for (guint i = 0; i < 3; i++)
    assert_timing (tasks[i], &expected[i]);
  /* The hours a week follow: 7 × 3 / 60; 12 × 4 × 7 / 60; 2.5 × 1 × 12 / 52 / 60. */
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tasks[0]), 7.0 * 3 / 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tasks[1]), 12.0 * 4 * 7 / 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tasks[2]), 2.5 * 12 / 52 / 60, 1e-9);

  /* Row 4 is being edited: Escape leaves it as it was. */
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_MINUTES);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "9 9 Escape"));
  g_assert_false (tm_cell_editor_is_editing (editor));
  assert_timing (tasks[3], &untimed);

  /* One undo step per edit, newest first: row 3's period, times, minutes. */
  g_assert_true (g_action_group_get_action_enabled (actions, "undo"));
  undo (window);
  g_assert_cmpint (tm_task_get_per (tasks[2]), ==, TM_PER_DAY);
  g_assert_cmpfloat (tm_task_get_occurrences (tasks[2]), ==, 1);
  undo (window);
  g_assert_cmpfloat (tm_task_get_occurrences (tasks[2]), ==, TM_NOT_ESTIMATED);
  g_assert_cmpfloat (tm_task_get_minutes (tasks[2]), ==, 2.5);
  undo (window);
  assert_timing (tasks[2], &untimed);
  assert_timing (tasks[1], &expected[1]);
  /* Row 2: times, minutes (its period did not change: no step). */
  undo (window);
  undo (window);
  assert_timing (tasks[1], &untimed);
  assert_timing (tasks[0], &expected[0]);
  /* Row 1: period, times, minutes. */
  undo (window);
  undo (window);
  g_assert_cmpfloat (tm_task_get_minutes (tasks[0]), ==, 7);
  undo (window);
  assert_timing (tasks[0], &untimed);
  /* What is left on the stack is the test's own clearing of the times. */
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, undo_before);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A value that is not a number is refused where it is typed: the cell
 * stays open, marked, and the notification says why; nothing is stored. */
static void
test_refused_value (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window = open_untimed (&portfolio, 1);
  TmCellEditor *editor = _tm_window_get_cell_editor (window);
  TmTask *task = tm_test_row_task (window, 0);
  g_autofree char *undo_before = g_strdup (tm_portfolio_get_undo_label (portfolio));
  GtkWidget *cell;

  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "5 x Tab"));
  g_assert_true (tm_cell_editor_is_editing (editor));
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_MINUTES);
  cell = gtk_widget_get_parent (tm_cell_editor_get_editing_widget (editor));
  g_assert_true (gtk_widget_has_css_class (cell, "error"));
  g_assert_true (_tm_window_get_toast_visible (window));
  g_assert_nonnull (strstr (_tm_window_get_toast_text (window), "5x"));
  g_assert_cmpfloat (tm_task_get_minutes (task), ==, TM_NOT_ESTIMATED);

  /* 1441 minutes is more than a day. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "BackSpace BackSpace 1 4 4 1 Return"));
  g_assert_true (tm_cell_editor_is_editing (editor));
  g_assert_cmpfloat (tm_task_get_minutes (task), ==, TM_NOT_ESTIMATED);

  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Escape"));
  g_assert_false (tm_cell_editor_is_editing (editor));
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, undo_before);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Level, complexity and performer chosen with their keys; the performer
 * of a task shared by several professions is left to the task editor. */
static void
test_choices (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window = open_untimed (&portfolio, 0);
  TmCellEditor *editor = _tm_window_get_cell_editor (window);
  TmTask *task = tm_test_row_task (window, 0);
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  g_autoptr(TmProfession) second = NULL;
  guint visible = 0;

  /* The second profession the performer cell offers (key 2). */
  for (guint i = 0; i < g_list_model_get_n_items (professions) && second == NULL; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      if (!tm_profession_get_hidden (profession) && ++visible == 2)
        second = g_steal_pointer (&profession);
    }
  g_assert_nonnull (second);

  /* F2 edits the cell last edited (the minutes, at first); Shift+Tab goes back. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "F2"));
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_MINUTES);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "shift+Tab"));
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_COMPLEXITY);
  /* High (3), back to the level: C (coordination). */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "3 shift+Tab c"));
  g_assert_cmpint (tm_task_get_complexity (task), ==, TM_COMPLEXITY_HIGH);
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_LEVEL);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Tab"));
  g_assert_cmpint (tm_task_get_level (task), ==, TM_LEVEL_COORDINATION);

  /* On to the performer: the second profession, with all of the time. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Tab Tab Tab Tab"));
  g_assert_cmpint (tm_cell_editor_get_kind (editor), ==, TM_CELL_PERFORMER);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "2 Escape"));
  g_assert_cmpint (tm_task_peek_data (task)->performers->len, ==, 1);
  g_assert_cmpstr (g_array_index (tm_task_peek_data (task)->performers, TmPerformer, 0).profession_id,
                   !=, tm_profession_get_id (second));
  g_assert_true (tm_cell_editor_start (editor, 0, TM_CELL_PERFORMER, NULL));
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "2 Return"));
  g_assert_cmpint (tm_task_peek_data (task)->performers->len, ==, 1);
  g_assert_cmpstr (g_array_index (tm_task_peek_data (task)->performers, TmPerformer, 0).profession_id,
                   ==, tm_profession_get_id (second));
  g_assert_cmpfloat (g_array_index (tm_task_peek_data (task)->performers, TmPerformer, 0).share, ==, 100);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Escape"));

  /* Shared by two: the cell does not open, and says where to go. */
  {
    g_autoptr(TmTaskData) data = tm_task_dup_data (task);
    g_autoptr(GError) error = NULL;
    g_autoptr(TmProfession) first = g_list_model_get_item (professions, 0);

    g_array_set_size (data->performers, 0);
    tm_task_data_set_performer (data, tm_profession_get_id (first), 50);
    tm_task_data_set_performer (data, tm_profession_get_id (second), 50);
    g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (tm_cell_editor_start (editor, 0, TM_CELL_PERFORMER, NULL));
    tm_test_spin (50);
    g_assert_false (tm_cell_editor_is_editing (editor));
    g_assert_true (_tm_window_get_toast_visible (window));
    g_assert_nonnull (strstr (_tm_window_get_toast_text (window), "F9"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Three rows copied from a spreadsheet (minutes, times, period) fill the
 * selected task and the two below it, with one undo step; a bad value in the
 * second row refuses the block and names the row. */
static void
test_paste (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window = open_untimed (&portfolio, 6);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  const Timing untimed = { TM_NOT_ESTIMATED, TM_NOT_ESTIMATED, TM_PER_DAY };
  const Timing expected[3] = {
    { 5, 2, TM_PER_WEEK },
    { 10.5, 1, TM_PER_DAY },
    { 3, 4, TM_PER_SHIFT },
  };
  TmTask *tasks[6];

  for (guint i = 0; i < 6; i++)
    tasks[i] = tm_test_row_task (window, i);

  /* A refused block first: row 2's minutes are not a number. */
  gtk_single_selection_set_selected (_tm_window_get_selection (window), 3);
  gdk_clipboard_set_text (clipboard, "5\t2\tper week\nten\t1\tper day\n");
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "ctrl+v"));
  TM_WAIT_FOR (_tm_window_get_error_text (window) != NULL);
  g_assert_nonnull (strstr (_tm_window_get_error_text (window), "row 2"));
  g_assert_nonnull (strstr (_tm_window_get_error_text (window), "ten"));
  for (guint i = 3; i < 6; i++)
    assert_timing (tasks[i], &untimed);

  /* Spreadsheet rows: a decimal comma, "uge" (Danish for week) and "Pr. vagt". */
  gtk_single_selection_set_selected (_tm_window_get_selection (window), 0);
  gdk_clipboard_set_text (clipboard, "5\t2\tuge\r\n10,5\t1\tper day\r\n3\t4\tPr. vagt\r\n");
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "ctrl+v"));
  TM_WAIT_FOR (tm_task_get_minutes (tasks[0]) == 5);
  for (guint i = 0; i < 3; i++)
    assert_timing (tasks[i], &expected[i]);
  assert_timing (tasks[3], &untimed);
  g_assert_true (_tm_window_get_toast_visible (window));

  /* One undo step takes the three rows back. */
  g_assert_nonnull (strstr (tm_portfolio_get_undo_label (portfolio), "Paste 3 Rows"));
  undo (window);
  for (guint i = 0; i < 3; i++)
    assert_timing (tasks[i], &untimed);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  tm_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/timing/three-tasks", test_time_three_tasks);
  g_test_add_func ("/ui/timing/refused", test_refused_value);
  g_test_add_func ("/ui/timing/choices", test_choices);
  g_test_add_func ("/ui/timing/paste", test_paste);

  return tm_test_ui_run ();
}
