/* test-ui-matrix.c
 * The task × profession matrix, the assessment pane and the charts, driven on a real display.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-matrix"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <gtk/gtk.h>

#include "tm-core.h"
#include "render/tm-draw.h"
#include "tm-assessment-pane.h"
#include "views/tm-chart-view.h"
#include "views/tm-matrix-view.h"
#include "views/tm-matrix-view-private.h"
#include "views/tm-chart-view-private.h"
#include "tm-assessment-pane-private.h"
#include "taskmap-resources.h"
#include "tm-test-ui.h"
#include "tm-test-util.h"

/* Helpers ------------------------------------------------------------------------------- */

static gboolean
has_drawn_matrix (gpointer data)
{
  return _tm_matrix_view_get_draw_count (data, NULL) > 0;
}

static gboolean
has_drawn_chart (gpointer data)
{
  return _tm_chart_view_get_draw_count (data) > 0;
}

static const TmAssessment *
get_assessment (TmTask       *task,
                TmProfession *profession)
{
  return tm_task_data_get_assessment (tm_task_peek_data (task), tm_profession_get_id (profession));
}

static TmSuitability
get_suitability (TmTask       *task,
                 TmProfession *profession)
{
  const TmAssessment *a = get_assessment (task, profession);

  return a != NULL ? a->suitability : TM_SUITABILITY_NOT_ASSESSED;
}

static const TmMove *
get_move (TmTask      *task,
          const char  *scenario_id)
{
  return tm_task_data_get_move (tm_task_peek_data (task), scenario_id);
}

static void
undo (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  tm_test_spin (30);
}

/* The matrix ---------------------------------------------------------------------------- */

typedef struct {
  TmPortfolio  *portfolio;
  const char   *scenario_id;   /* borrowed from the portfolio */
  GtkWindow    *window;        /* owned by GTK's toplevels */
  GtkWidget    *scroller;
  TmMatrixView *view;          /* borrowed */
  GPtrArray    *errors;
  guint         n_cursor_changed;
} MatrixFixture;

static void
on_cursor_changed (TmMatrixView  *view,
                   MatrixFixture *fixture)
{
  fixture->n_cursor_changed++;
}

static void
matrix_fixture_present (MatrixFixture *fixture,
                        TmPortfolio   *portfolio)
{
  fixture->portfolio = portfolio;
  fixture->scenario_id = tm_test_scenario_id_at (portfolio, 0);

  fixture->scroller = gtk_scrolled_window_new ();
  fixture->view = TM_MATRIX_VIEW (tm_matrix_view_new ());
  fixture->errors = tm_test_collect_errors (fixture->view);
  g_signal_connect (fixture->view, "cursor-changed", G_CALLBACK (on_cursor_changed), fixture);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (fixture->scroller), GTK_WIDGET (fixture->view));
  fixture->window = tm_test_window_with (fixture->scroller, 900, 600);
  tm_matrix_view_set_portfolio (fixture->view, portfolio);
  tm_matrix_view_set_scenario (fixture->view, fixture->scenario_id);
  gtk_window_present (fixture->window);
  gtk_widget_grab_focus (GTK_WIDGET (fixture->view));
  g_assert_true (tm_test_wait_until (has_drawn_matrix, fixture->view));
  tm_test_spin (50);
}

static void
matrix_fixture_set_up (MatrixFixture *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  /* Loading the example is history of its own, before anything the view does. */
  tm_portfolio_break_undo_merge (portfolio);
  matrix_fixture_present (fixture, portfolio);
}

static void
matrix_fixture_tear_down (MatrixFixture *fixture,
                          gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  tm_test_spin (30);
  g_clear_pointer (&fixture->errors, g_ptr_array_unref);
  g_clear_object (&fixture->portfolio);
}

static void
press (MatrixFixture *fixture,
       guint          keyval)
{
  g_assert_true (_tm_matrix_view_press_key (fixture->view, keyval, 0));
  tm_test_spin (20);
}

static void
get_cursor (MatrixFixture *fixture,
            int           *row,
            int           *column)
{
  _tm_matrix_view_get_cursor (fixture->view, row, column);
}

/* The cursor's task and profession are the layout's at the cursor's row and column. */
static void
assert_cursor_at (MatrixFixture *fixture,
                  int            row,
                  int            column)
{
  TmMatrixLayout *layout = _tm_matrix_view_get_layout (fixture->view);
  int r, c;

  get_cursor (fixture, &r, &c);
  g_assert_cmpint (r, ==, row);
  g_assert_cmpint (c, ==, column);
  g_assert_true (tm_matrix_view_get_cursor_task (fixture->view) == tm_matrix_layout_get_task (layout, row));
  g_assert_true (tm_matrix_view_get_cursor_profession (fixture->view)
                 == tm_matrix_layout_get_profession (layout, column));
}

static int
next_task_row (TmMatrixLayout *layout,
               int             row)
{
  int n = tm_matrix_layout_get_n_rows (layout);

  for (int r = row + 1; r < n; r++)
    if (tm_matrix_layout_get_task (layout, r) != NULL)
      return r;
  return -1;
}

static void
test_matrix_keyboard (MatrixFixture *fixture,
                      gconstpointer  user_data)
{
  TmMatrixLayout *layout = _tm_matrix_view_get_layout (fixture->view);
  TmTask *task;
  TmProfession *profession;
  const TmMove *move;
  int row, column, first;

  g_assert_nonnull (layout);
  g_assert_cmpuint (tm_matrix_layout_get_n_rows (layout), >, 40);
  /* At least one profession and the outcome column. */
  g_assert_cmpuint (tm_matrix_layout_get_n_columns (layout), >=, 2);

  /* The cursor starts on the first task, in the first column. */
  first = next_task_row (layout, -1);
  g_assert_cmpint (first, >=, 0);
  assert_cursor_at (fixture, first, 0);

  /* Arrows */
  press (fixture, GDK_KEY_Down);
  assert_cursor_at (fixture, next_task_row (layout, first), 0);
  press (fixture, GDK_KEY_Up);
  assert_cursor_at (fixture, first, 0);
  press (fixture, GDK_KEY_Up);    /* at the top: stays */
  assert_cursor_at (fixture, first, 0);
  press (fixture, GDK_KEY_Left);  /* at the left: stays */
  assert_cursor_at (fixture, first, 0);

  /* Go down to the first task after the second that has no move in the
   * scenario (the example moves 40 of its 42 tasks), and choose a cell that is
   * not the task's performer, so the move is a real one. */
  {
    int target = next_task_row (layout, next_task_row (layout, first));

    while (target >= 0 && get_move (tm_matrix_layout_get_task (layout, target), fixture->scenario_id) != NULL)
      target = next_task_row (layout, target);
    g_assert_cmpint (target, >, 0);

    press (fixture, GDK_KEY_Down);
    press (fixture, GDK_KEY_Down);
    get_cursor (fixture, &row, &column);
    g_assert_cmpint (row, ==, next_task_row (layout, next_task_row (layout, first)));
    while (row < target)
      {
        press (fixture, GDK_KEY_Down);
        get_cursor (fixture, &row, &column);
      }
    g_assert_cmpint (row, ==, target);
    g_assert_cmpint (column, ==, 0);
  }
  if (tm_matrix_layout_get_n_columns (layout) > 2)
    {
      press (fixture, GDK_KEY_Right);
      assert_cursor_at (fixture, row, 1);
      column = 1;
    }

  task = tm_matrix_view_get_cursor_task (fixture->view);
  profession = tm_matrix_view_get_cursor_profession (fixture->view);
  g_assert_nonnull (task);
  g_assert_nonnull (profession);

  /* "2": can take over after training, stored in the portfolio */
  press (fixture, GDK_KEY_2);
  g_assert_cmpint (get_suitability (task, profession), ==, TM_SUITABILITY_AFTER_TRAINING);
  layout = _tm_matrix_view_get_layout (fixture->view);
  g_assert_cmpint (tm_matrix_layout_get_suitability (layout, row, column), ==,
                   TM_SUITABILITY_AFTER_TRAINING);
  /* The cursor stays on its cell through the rebuild. */
  assert_cursor_at (fixture, row, column);

  /* Letters do the same as digits. */
  press (fixture, GDK_KEY_x);
  g_assert_cmpint (get_suitability (task, profession), ==, TM_SUITABILITY_NOT_APPROPRIATE);
  press (fixture, GDK_KEY_O);
  g_assert_cmpint (get_suitability (task, profession), ==, TM_SUITABILITY_CAN_TAKE_OVER);
  undo (fixture->portfolio);
  undo (fixture->portfolio);
  g_assert_cmpint (get_suitability (task, profession), ==, TM_SUITABILITY_AFTER_TRAINING);

  /* Return: this profession is the task's move in the scenario. */
  g_assert_null (get_move (task, fixture->scenario_id));
  press (fixture, GDK_KEY_Return);
  move = get_move (task, fixture->scenario_id);
  g_assert_nonnull (move);
  g_assert_cmpint (move->kind, ==, TM_MOVE_TO_PROFESSION);
  g_assert_cmpstr (move->profession_id, ==, tm_profession_get_id (profession));
  g_assert_cmpfloat_with_epsilon (move->share, get_assessment (task, profession)->share, 1e-9);
  layout = _tm_matrix_view_get_layout (fixture->view);
  get_cursor (fixture, &row, &column);
  g_assert_true (tm_matrix_layout_is_move (layout, row, column));

  /* Undo takes it back. */
  undo (fixture->portfolio);
  g_assert_null (get_move (task, fixture->scenario_id));
  g_assert_cmpint (get_suitability (task, profession), ==, TM_SUITABILITY_AFTER_TRAINING);

  /* Space toggles too: on, then off again. */
  press (fixture, GDK_KEY_space);
  g_assert_nonnull (get_move (task, fixture->scenario_id));
  press (fixture, GDK_KEY_space);
  g_assert_null (get_move (task, fixture->scenario_id));

  /* "0": not assessed */
  press (fixture, GDK_KEY_0);
  g_assert_cmpint (get_suitability (task, profession), ==, TM_SUITABILITY_NOT_ASSESSED);
  assert_cursor_at (fixture, row, column);

  /* The last column marks stop and technology: Return steps through them. */
  press (fixture, GDK_KEY_End);
  layout = _tm_matrix_view_get_layout (fixture->view);
  assert_cursor_at (fixture, row, tm_matrix_layout_get_n_columns (layout) - 1);
  g_assert_null (tm_matrix_view_get_cursor_profession (fixture->view));
  g_assert_true (tm_matrix_view_get_cursor_task (fixture->view) == task);
  press (fixture, GDK_KEY_Return);
  g_assert_cmpint (get_move (task, fixture->scenario_id)->kind, ==, TM_MOVE_STOP);
  press (fixture, GDK_KEY_Return);
  g_assert_cmpint (get_move (task, fixture->scenario_id)->kind, ==, TM_MOVE_TECHNOLOGY);
  press (fixture, GDK_KEY_Return);
  g_assert_null (get_move (task, fixture->scenario_id));
  /* Nothing to assess there. */
  press (fixture, GDK_KEY_1);
  press (fixture, GDK_KEY_Home);
  assert_cursor_at (fixture, row, 0);

  /* Shortcuts with Ctrl (the window's undo) are not the matrix's. */
  g_assert_false (_tm_matrix_view_press_key (fixture->view, GDK_KEY_z, GDK_CONTROL_MASK));
  g_assert_false (_tm_matrix_view_press_key (fixture->view, GDK_KEY_2, GDK_CONTROL_MASK));

  g_assert_cmpuint (fixture->errors->len, ==, 0);
  g_assert_cmpuint (fixture->n_cursor_changed, >, 0);
}

static gboolean
cursor_is_visible (MatrixFixture *fixture)
{
  TmMatrixLayout *layout = _tm_matrix_view_get_layout (fixture->view);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->view));
  double value = gtk_adjustment_get_value (vadjustment);
  double header = tm_matrix_layout_get_header_height (layout);
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  cairo_rectangle_t rect;
  int row, column;

  get_cursor (fixture, &row, &column);
  tm_matrix_layout_get_cell_rect (layout, row, column, &rect);
  return rect.y >= value + header - 0.5 && rect.y + rect.height <= value + height + 0.5;
}

static void
test_matrix_page (MatrixFixture *fixture,
                  gconstpointer  user_data)
{
  TmMatrixLayout *layout = _tm_matrix_view_get_layout (fixture->view);
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (fixture->view));
  double row_height = tm_matrix_layout_get_row_height (layout);
  double header = tm_matrix_layout_get_header_height (layout);
  int height = gtk_widget_get_height (GTK_WIDGET (fixture->view));
  int page_rows = (int) floor ((height - header) / row_height) - 1;
  int n_rows = tm_matrix_layout_get_n_rows (layout);
  int row, column, before;
  guint n_drawn = 0;

  g_assert_cmpint (page_rows, >, 2);
  /* The example does not fit: there is something to scroll. */
  g_assert_cmpfloat (tm_matrix_layout_get_height (layout), >, height);
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadjustment), >=, tm_matrix_layout_get_height (layout) - 0.5);

  /* Only the visible rows are drawn. */
  _tm_matrix_view_get_draw_count (fixture->view, &n_drawn);
  g_assert_cmpuint (n_drawn, >, 0);
  g_assert_cmpuint (n_drawn, <, (guint) n_rows);
  g_assert_cmpuint (n_drawn, <=, (guint) ceil ((height - header) / row_height) + 1);

  get_cursor (fixture, &before, &column);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);

  press (fixture, GDK_KEY_Page_Down);
  get_cursor (fixture, &row, &column);
  /* A page down, give or take the group headings skipped. */
  g_assert_cmpint (row, >=, before + page_rows);
  g_assert_cmpint (row, <=, before + page_rows + 2);
  g_assert_nonnull (tm_matrix_layout_get_task (layout, row));
  g_assert_true (cursor_is_visible (fixture));

  press (fixture, GDK_KEY_Page_Down);
  press (fixture, GDK_KEY_Page_Down);
  g_assert_true (cursor_is_visible (fixture));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);

  /* Ctrl+End: the last task, scrolled to the bottom. */
  g_assert_true (_tm_matrix_view_press_key (fixture->view, GDK_KEY_End, GDK_CONTROL_MASK));
  tm_test_spin (20);
  get_cursor (fixture, &row, &column);
  g_assert_cmpint (next_task_row (layout, row), ==, -1);
  g_assert_true (cursor_is_visible (fixture));

  press (fixture, GDK_KEY_Page_Up);
  g_assert_true (cursor_is_visible (fixture));
  g_assert_true (_tm_matrix_view_press_key (fixture->view, GDK_KEY_Home, GDK_CONTROL_MASK));
  tm_test_spin (20);
  get_cursor (fixture, &row, &column);
  g_assert_cmpint (row, ==, next_task_row (layout, -1));
  g_assert_true (cursor_is_visible (fixture));
  /* The first task's group heading shows above it. */
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);
}

/* Hidden (another page shown), the matrix is not laid out anew after every
 * edit: with a region's tasks that costs each edit a fifth of a second. Shown
 * again, it is laid out once, with the edit. */
static void
test_matrix_hidden (MatrixFixture *fixture,
                    gconstpointer  user_data)
{
  guint before;
  TmTask *task;

  gtk_widget_set_visible (fixture->scroller, FALSE);
  tm_test_spin (30);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
  before = _tm_matrix_view_get_rebuild_count (fixture->view);

  task = tm_test_add_task (fixture->portfolio, "Skjult opgave", 0);
  tm_test_add_task (fixture->portfolio, "Endnu en skjult opgave", 0);
  tm_test_spin (50);
  g_assert_cmpuint (_tm_matrix_view_get_rebuild_count (fixture->view), ==, before);

  gtk_widget_set_visible (fixture->scroller, TRUE);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, fixture->view));
  tm_test_spin (50);
  g_assert_cmpuint (_tm_matrix_view_get_rebuild_count (fixture->view), ==, before + 1);
  g_assert_cmpint (tm_matrix_layout_find_task (_tm_matrix_view_get_layout (fixture->view), task), >=, 0);
  g_assert_cmpuint (_tm_matrix_view_get_rebuild_count (fixture->view), ==, before + 1);

  /* Shown, an edit lays it out again before the next frame. */
  tm_test_add_task (fixture->portfolio, "Synlig opgave", 0);
  tm_test_spin (50);
  g_assert_cmpuint (_tm_matrix_view_get_rebuild_count (fixture->view), ==, before + 2);
}

static void
test_matrix_click (MatrixFixture *fixture,
                   gconstpointer  user_data)
{
  TmMatrixLayout *layout = _tm_matrix_view_get_layout (fixture->view);
  cairo_rectangle_t rect;
  TmTask *task;
  TmProfession *profession;
  int row;

  row = next_task_row (layout, next_task_row (layout, -1));
  tm_matrix_layout_get_cell_rect (layout, row, 0, &rect);
  /* Not scrolled: widget and canvas coordinates are the same. */
  _tm_matrix_view_click (fixture->view, rect.x + rect.width / 2, rect.y + rect.height / 2, 1);
  tm_test_spin (20);
  assert_cursor_at (fixture, row, 0);

  task = tm_matrix_view_get_cursor_task (fixture->view);
  profession = tm_matrix_view_get_cursor_profession (fixture->view);
  /* A double-click chooses the move. */
  _tm_matrix_view_click (fixture->view, rect.x + rect.width / 2, rect.y + rect.height / 2, 2);
  tm_test_spin (20);
  g_assert_nonnull (get_move (task, fixture->scenario_id));
  g_assert_cmpstr (get_move (task, fixture->scenario_id)->profession_id, ==,
                   tm_profession_get_id (profession));
}

static TmTask *filtered_out;

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  return item != filtered_out;
}

static void
test_matrix_filter (MatrixFixture *fixture,
                    gconstpointer  user_data)
{
  GListModel *tasks = tm_portfolio_get_tasks (fixture->portfolio);
  g_autoptr(GtkFilterListModel) filtered = NULL;
  GtkCustomFilter *filter;
  TmMatrixLayout *layout;
  TmTask *task, *first;
  TmProfession *profession;
  guint n_rows;
  int row, column, new_row, new_column;

  filtered_out = NULL;
  filter = gtk_custom_filter_new (filter_func, NULL, NULL);
  /* Owns the filter. */
  filtered = gtk_filter_list_model_new (g_object_ref (tasks), GTK_FILTER (filter));
  tm_matrix_view_set_tasks (fixture->view, G_LIST_MODEL (filtered));
  tm_test_spin (20);

  layout = _tm_matrix_view_get_layout (fixture->view);
  n_rows = tm_matrix_layout_get_n_rows (layout);
  first = tm_matrix_layout_get_task (layout, next_task_row (layout, -1));

  press (fixture, GDK_KEY_Down);
  press (fixture, GDK_KEY_Down);
  press (fixture, GDK_KEY_Down);
  press (fixture, GDK_KEY_End);
  press (fixture, GDK_KEY_Left);
  get_cursor (fixture, &row, &column);
  task = tm_matrix_view_get_cursor_task (fixture->view);
  profession = tm_matrix_view_get_cursor_profession (fixture->view);

  /* Filter out the first task: the rows move up, the cursor stays on its task. */
  filtered_out = first;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_MORE_STRICT);
  tm_test_spin (50);
  layout = _tm_matrix_view_get_layout (fixture->view);
  g_assert_cmpuint (tm_matrix_layout_get_n_rows (layout), ==, n_rows - 1);
  g_assert_cmpint (tm_matrix_layout_find_task (layout, first), ==, -1);
  get_cursor (fixture, &new_row, &new_column);
  g_assert_cmpint (new_row, ==, row - 1);
  g_assert_true (tm_matrix_view_get_cursor_task (fixture->view) == task);
  g_assert_true (tm_matrix_view_get_cursor_profession (fixture->view) == profession);
  g_assert_true (tm_matrix_layout_get_task (layout, new_row) == task);

  /* Filter out the cursor's own task: the cursor lands on a neighbour, not nowhere. */
  filtered_out = task;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_DIFFERENT);
  tm_test_spin (50);
  g_assert_nonnull (tm_matrix_view_get_cursor_task (fixture->view));
  g_assert_true (tm_matrix_view_get_cursor_task (fixture->view) != task);
  g_assert_true (tm_matrix_view_get_cursor_profession (fixture->view) == profession);

  /* Back to everything. */
  filtered_out = NULL;
  gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_LESS_STRICT);
  tm_test_spin (50);
  g_assert_cmpuint (tm_matrix_layout_get_n_rows (_tm_matrix_view_get_layout (fixture->view)), ==, n_rows);
}

static void
test_matrix_only_in_play (MatrixFixture *fixture,
                          gconstpointer  user_data)
{
  GListModel *professions = tm_portfolio_get_professions (fixture->portfolio);
  g_autoptr(GListModel) in_play = tm_matrix_professions_in_play (fixture->portfolio,
                                                                 fixture->scenario_id, NULL);
  guint n_shown = 0;

  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      n_shown += !tm_profession_get_hidden (profession);
    }

  g_assert_true (tm_matrix_view_get_only_in_play (fixture->view));
  g_assert_cmpuint (tm_matrix_layout_get_n_columns (_tm_matrix_view_get_layout (fixture->view)), ==,
                    MAX (1, g_list_model_get_n_items (in_play)) + 1);

  tm_matrix_view_set_only_in_play (fixture->view, FALSE);
  g_assert_cmpuint (tm_matrix_layout_get_n_columns (_tm_matrix_view_get_layout (fixture->view)), ==,
                    n_shown + 1);
  tm_matrix_view_set_only_in_play (fixture->view, TRUE);
}

static void
test_matrix_set_cursor (MatrixFixture *fixture,
                        gconstpointer  user_data)
{
  TmMatrixLayout *layout = _tm_matrix_view_get_layout (fixture->view);
  int last = tm_matrix_layout_get_n_rows (layout) - 1;

  g_assert_nonnull (tm_matrix_layout_get_task (layout, last));
  g_assert_true (tm_matrix_view_set_cursor (fixture->view, last, 0));
  tm_test_spin (20);
  assert_cursor_at (fixture, last, 0);
  g_assert_true (cursor_is_visible (fixture));
  /* A group heading or a column that does not exist is no cell. */
  g_assert_false (tm_matrix_view_set_cursor (fixture->view, 0, 0));
  g_assert_false (tm_matrix_view_set_cursor (fixture->view, 1, 1000));
  g_assert_false (tm_matrix_view_set_cursor (fixture->view, last + 1, 0));
  assert_cursor_at (fixture, last, 0);
}

/* 2,000 tasks × 30 professions: only what shows is drawn, and fast. */
static void
large_fixture_set_up (MatrixFixture *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  TmPortfolio *portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Large", &error);
  GListModel *professions;

  g_assert_no_error (error);
  professions = tm_portfolio_get_professions (portfolio);
  for (guint i = g_list_model_get_n_items (professions); i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Profession %u", i + 1);

      g_assert_nonnull (tm_portfolio_add_profession (portfolio, name, name, FALSE, FALSE, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      if (!tm_profession_get_hidden (profession))
        g_ptr_array_add (ids, (gpointer) tm_profession_get_id (profession));
    }
  g_assert_cmpuint (ids->len, >=, 30);

  for (guint i = 0; i < 2000; i++)
    {
      TmTaskData *data = tm_task_data_new ();
      TmAssessment a;

      g_free (data->title);
      data->title = g_strdup_printf ("Task number %u with a longer title than most", i + 1);
      g_free (data->group);
      data->group = g_strdup_printf ("Group %u", i / 100 + 1);
      data->level = 1 + i % 3;
      data->minutes = 10;
      data->occurrences = 2;
      tm_task_data_set_performer (data, g_ptr_array_index (ids, i % ids->len), 100);
      tm_assessment_init (&a, g_ptr_array_index (ids, (i * 7 + 3) % ids->len));
      a.suitability = 1 + i % (TM_N_SUITABILITIES - 1);
      tm_task_data_set_assessment (data, &a);
      tm_assessment_clear (&a);
      g_ptr_array_add (tasks, data);
    }
  g_assert_true (tm_portfolio_add_tasks (portfolio, tasks, &error));
  g_assert_no_error (error);

  matrix_fixture_present (fixture, portfolio);
}

static void
test_matrix_large (MatrixFixture *fixture,
                   gconstpointer  user_data)
{
  TmMatrixLayout *layout = _tm_matrix_view_get_layout (fixture->view);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->view));
  guint n_drawn = 0, count;
  gint64 start, elapsed;
  TmTask *task;

  g_assert_cmpuint (tm_matrix_layout_get_n_rows (layout), ==, 2000 + 20);
  g_assert_cmpuint (tm_matrix_layout_get_n_columns (layout), >=, 30 + 1);

  /* Page through a good part of it; each step is an arrow press, a scroll and a frame. */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 20; i++)
    {
      count = _tm_matrix_view_get_draw_count (fixture->view, NULL);
      g_assert_true (_tm_matrix_view_press_key (fixture->view, GDK_KEY_Page_Down, 0));
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      while (_tm_matrix_view_get_draw_count (fixture->view, NULL) == count)
        g_main_context_iteration (NULL, TRUE);
    }
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("20 pages of 2,000 × 30: %.1f ms a page", elapsed / 20000.0);

  _tm_matrix_view_get_draw_count (fixture->view, &n_drawn);
  g_assert_cmpuint (n_drawn, >, 0);
  g_assert_cmpuint (n_drawn, <, 100);
  g_assert_true (cursor_is_visible (fixture));
  /* Generous, for a loaded CI machine: smooth is well under this. */
  g_assert_cmpint (elapsed / 20, <, 250 * 1000);

  /* An edit rebuilds the layout of all 2,000 rows: still quick. */
  task = tm_matrix_view_get_cursor_task (fixture->view);
  start = g_get_monotonic_time ();
  g_assert_true (_tm_matrix_view_press_key (fixture->view, GDK_KEY_5, 0));
  layout = _tm_matrix_view_get_layout (fixture->view);
  elapsed = g_get_monotonic_time () - start;
  g_test_message ("an edit and a rebuild of 2,000 × 30: %.1f ms", elapsed / 1000.0);
  g_assert_cmpint (get_suitability (task, tm_matrix_view_get_cursor_profession (fixture->view)), ==,
                   TM_SUITABILITY_SHARED);
  g_assert_cmpint (elapsed, <, 1000 * 1000);
}

/* The assessment pane ------------------------------------------------------------------- */

typedef struct {
  TmPortfolio      *portfolio;
  const char       *scenario_id;
  TmTask           *task;          /* borrowed */
  TmProfession     *profession;    /* borrowed: one that does not perform the task */
  GtkWindow        *window;
  TmAssessmentPane *pane;
  GPtrArray        *errors;
} PaneFixture;

static void
pane_fixture_set_up (PaneFixture   *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GListModel *tasks, *professions;

  fixture->portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_assert_no_error (error);
  tm_portfolio_break_undo_merge (fixture->portfolio);
  fixture->scenario_id = tm_test_scenario_id_at (fixture->portfolio, 0);

  tasks = tm_portfolio_get_tasks (fixture->portfolio);
  professions = tm_portfolio_get_professions (fixture->portfolio);
  fixture->task = g_list_model_get_item (tasks, 0);
  g_object_unref (fixture->task);
  for (guint i = 0; i < g_list_model_get_n_items (professions) && fixture->profession == NULL; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);
      const TmTaskData *data = tm_task_peek_data (fixture->task);
      gboolean performs = FALSE;

      for (guint j = 0; j < data->performers->len; j++)
        if (g_strcmp0 (g_array_index (data->performers, TmPerformer, j).profession_id,
                       tm_profession_get_id (profession)) == 0)
          performs = TRUE;
      if (!performs && !tm_profession_get_hidden (profession))
        fixture->profession = profession;
    }
  g_assert_nonnull (fixture->profession);
  g_assert_null (get_move (fixture->task, fixture->scenario_id));

  fixture->pane = TM_ASSESSMENT_PANE (tm_assessment_pane_new ());
  fixture->errors = tm_test_collect_errors (fixture->pane);
  fixture->window = tm_test_window_with (GTK_WIDGET (fixture->pane), 360, 1300);
  tm_assessment_pane_set_portfolio (fixture->pane, fixture->portfolio);
  tm_assessment_pane_set_scenario (fixture->pane, fixture->scenario_id);
  gtk_window_present (fixture->window);
  tm_test_spin (200);
}

static void
pane_fixture_tear_down (PaneFixture   *fixture,
                        gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  tm_test_spin (30);
  g_clear_pointer (&fixture->errors, g_ptr_array_unref);
  g_clear_object (&fixture->portfolio);
}

static GtkWidget *
pane_field (PaneFixture *fixture,
            const char  *name)
{
  GtkWidget *widget = _tm_assessment_pane_get_field (fixture->pane, name);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
shows_warning (PaneFixture   *fixture,
               TmWarningKind  kind)
{
  g_autoptr(GPtrArray) expected = tm_move_check (fixture->portfolio, fixture->task,
                                                 fixture->scenario_id);
  g_auto(GStrv) shown = _tm_assessment_pane_dup_warnings (fixture->pane);

  for (guint i = 0; i < expected->len; i++)
    {
      const TmWarning *warning = g_ptr_array_index (expected, i);

      if (warning->kind == kind)
        return g_strv_contains ((const char * const *) shown, warning->message);
    }
  return FALSE;
}

static void
test_pane_fields (PaneFixture   *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *stack = pane_field (fixture, "stack");
  const TmAssessment *a;
  const TmMove *move;
  g_auto(GStrv) none = NULL;

  /* No cell: the placeholder. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  tm_assessment_pane_set_cell (fixture->pane, fixture->task, fixture->profession);
  tm_test_spin (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "pane");

  /* The drop-downs hold the core's labels. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (pane_field (fixture, "suitability")))),
                    ==, TM_N_SUITABILITIES);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (pane_field (fixture, "training")))),
                    ==, TM_N_TRAININGS);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (pane_field (fixture, "rationale")))),
                    ==, TM_N_RATIONALES);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (pane_field (fixture, "stop"))),
                   ==, tm_move_kind_get_label (TM_MOVE_STOP));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (pane_field (fixture, "suitability"))),
                    ==, TM_SUITABILITY_NOT_ASSESSED);

  /* Suitability: stored at once. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (pane_field (fixture, "suitability")),
                              TM_SUITABILITY_AFTER_TRAINING);
  tm_test_spin (20);
  a = get_assessment (fixture->task, fixture->profession);
  g_assert_nonnull (a);
  g_assert_cmpint (a->suitability, ==, TM_SUITABILITY_AFTER_TRAINING);

  /* The other fields */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (pane_field (fixture, "complexity-limit")),
                              TM_COMPLEXITY_MODERATE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (pane_field (fixture, "share")), 60);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (pane_field (fixture, "training")),
                              TM_TRAINING_ON_THE_JOB);
  gtk_editable_set_text (GTK_EDITABLE (pane_field (fixture, "training-days")), "2,5");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (pane_field (fixture, "training-content"))),
                            "Hygiene", -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (pane_field (fixture, "documented-by-test")), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (pane_field (fixture, "rationale")),
                              TM_RATIONALE_PROFESSIONAL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (pane_field (fixture, "note"))),
                            "From the workshop", -1);
  tm_test_spin (30);
  a = get_assessment (fixture->task, fixture->profession);
  g_assert_cmpint (a->complexity_limit, ==, TM_COMPLEXITY_MODERATE);
  g_assert_cmpfloat_with_epsilon (a->share, 60, 1e-9);
  g_assert_cmpint (a->training, ==, TM_TRAINING_ON_THE_JOB);
  g_assert_cmpfloat_with_epsilon (a->training_days, 2.5, 1e-9);
  g_assert_cmpstr (a->training_content, ==, "Hygiene");
  g_assert_true (a->documented_by_test);
  g_assert_cmpint (a->rationale, ==, TM_RATIONALE_PROFESSIONAL);
  g_assert_cmpstr (a->note, ==, "From the workshop");
  g_assert_cmpstr (a->purpose, ==, "");

  /* A wrong number is marked and not stored. */
  gtk_editable_set_text (GTK_EDITABLE (pane_field (fixture, "training-days")), "two");
  tm_test_spin (20);
  g_assert_true (gtk_widget_has_css_class (pane_field (fixture, "training-days"), "error"));
  g_assert_cmpfloat_with_epsilon (get_assessment (fixture->task, fixture->profession)->training_days,
                                  2.5, 1e-9);
  gtk_editable_set_text (GTK_EDITABLE (pane_field (fixture, "training-days")), "");
  tm_test_spin (20);
  g_assert_false (gtk_widget_has_css_class (pane_field (fixture, "training-days"), "error"));
  g_assert_cmpfloat (get_assessment (fixture->task, fixture->profession)->training_days, <, 0);

  /* No move yet: no warnings. */
  none = _tm_assessment_pane_dup_warnings (fixture->pane);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* The switch chooses the move, with the assessment's share. */
  gtk_switch_set_active (GTK_SWITCH (pane_field (fixture, "move")), TRUE);
  tm_test_spin (20);
  move = get_move (fixture->task, fixture->scenario_id);
  g_assert_nonnull (move);
  g_assert_cmpint (move->kind, ==, TM_MOVE_TO_PROFESSION);
  g_assert_cmpstr (move->profession_id, ==, tm_profession_get_id (fixture->profession));
  g_assert_cmpfloat_with_epsilon (move->share, 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (pane_field (fixture, "move-share"))),
                                  60, 1e-9);

  /* A move without a purpose is warned about... */
  g_assert_true (shows_warning (fixture, TM_WARNING_NO_PURPOSE));

  /* ...and not once it has one, typed in the purpose field. */
  gtk_widget_grab_focus (pane_field (fixture, "purpose"));
  gtk_editable_set_text (GTK_EDITABLE (pane_field (fixture, "purpose")), "Free");
  tm_test_spin (10);
  gtk_editable_set_text (GTK_EDITABLE (pane_field (fixture, "purpose")), "Free nurse time");
  tm_test_spin (30);
  g_assert_cmpstr (get_assessment (fixture->task, fixture->profession)->purpose, ==, "Free nurse time");
  g_assert_false (shows_warning (fixture, TM_WARNING_NO_PURPOSE));
  {
    g_autoptr(GPtrArray) expected = tm_move_check (fixture->portfolio, fixture->task, fixture->scenario_id);
    g_auto(GStrv) shown = _tm_assessment_pane_dup_warnings (fixture->pane);

    for (guint i = 0; i < expected->len; i++)
      g_assert_cmpint (((TmWarning *) g_ptr_array_index (expected, i))->kind, !=, TM_WARNING_NO_PURPOSE);
    /* The rest the core finds are all listed. */
    g_assert_cmpuint (g_strv_length (shown), ==, expected->len);
  }

  /* Typing is one undo step: undo takes the whole purpose away, and the warning is back. */
  undo (fixture->portfolio);
  g_assert_cmpstr (get_assessment (fixture->task, fixture->profession)->purpose, ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pane_field (fixture, "purpose"))), ==, "");
  g_assert_true (shows_warning (fixture, TM_WARNING_NO_PURPOSE));

  /* The move's own share */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (pane_field (fixture, "move-share")), 40);
  tm_test_spin (20);
  g_assert_cmpfloat_with_epsilon (get_move (fixture->task, fixture->scenario_id)->share, 40, 1e-9);

  /* Stop doing the task instead: radio-like with the switch. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (pane_field (fixture, "stop")), TRUE);
  tm_test_spin (20);
  g_assert_cmpint (get_move (fixture->task, fixture->scenario_id)->kind, ==, TM_MOVE_STOP);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (pane_field (fixture, "move"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (pane_field (fixture, "technology")), TRUE);
  tm_test_spin (20);
  g_assert_cmpint (get_move (fixture->task, fixture->scenario_id)->kind, ==, TM_MOVE_TECHNOLOGY);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (pane_field (fixture, "stop"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (pane_field (fixture, "technology")), FALSE);
  tm_test_spin (20);
  g_assert_null (get_move (fixture->task, fixture->scenario_id));

  /* Changes from elsewhere (the matrix, undo) show at once. */
  {
    TmAssessment copy = *get_assessment (fixture->task, fixture->profession);
    g_autoptr(GError) error = NULL;

    copy.suitability = TM_SUITABILITY_SHARED;
    g_assert_true (tm_portfolio_set_assessment (fixture->portfolio, fixture->task, &copy, NULL, &error));
    g_assert_no_error (error);
    tm_test_spin (20);
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (pane_field (fixture, "suitability"))),
                      ==, TM_SUITABILITY_SHARED);
  }

  g_assert_cmpuint (fixture->errors->len, ==, 0);

  /* No cell again: the placeholder. */
  tm_assessment_pane_set_cell (fixture->pane, NULL, NULL);
  tm_test_spin (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
}

static void
test_pane_deleted_task (PaneFixture   *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *stack = pane_field (fixture, "stack");

  tm_assessment_pane_set_cell (fixture->pane, fixture->task, fixture->profession);
  tm_test_spin (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "pane");
  g_assert_true (tm_portfolio_delete_tasks (fixture->portfolio, &fixture->task, 1, &error));
  g_assert_no_error (error);
  tm_test_spin (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
}

/* On the matrix's stop-or-technology column the pane offers those two only. */
static void
test_pane_outcome (PaneFixture   *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *stack = pane_field (fixture, "stack");

  tm_assessment_pane_set_cell (fixture->pane, fixture->task, NULL);
  tm_test_spin (20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "pane");
  g_assert_false (gtk_widget_is_visible (pane_field (fixture, "suitability")));
  g_assert_false (gtk_widget_is_visible (pane_field (fixture, "purpose")));
  g_assert_false (gtk_widget_is_visible (pane_field (fixture, "move")));
  g_assert_true (gtk_widget_is_visible (pane_field (fixture, "stop")));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (pane_field (fixture, "technology")), TRUE);
  tm_test_spin (20);
  g_assert_cmpint (get_move (fixture->task, fixture->scenario_id)->kind, ==, TM_MOVE_TECHNOLOGY);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (pane_field (fixture, "move-share")), 50);
  tm_test_spin (20);
  g_assert_cmpfloat_with_epsilon (get_move (fixture->task, fixture->scenario_id)->share, 50, 1e-9);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (pane_field (fixture, "stop")), TRUE);
  tm_test_spin (20);
  g_assert_cmpint (get_move (fixture->task, fixture->scenario_id)->kind, ==, TM_MOVE_STOP);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (pane_field (fixture, "technology"))));

  /* Back on a profession's cell, everything shows again. */
  tm_assessment_pane_set_cell (fixture->pane, fixture->task, fixture->profession);
  tm_test_spin (20);
  g_assert_true (gtk_widget_is_visible (pane_field (fixture, "suitability")));
  g_assert_true (gtk_widget_is_visible (pane_field (fixture, "move")));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (pane_field (fixture, "move"))));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (pane_field (fixture, "stop"))));
  g_assert_cmpuint (fixture->errors->len, ==, 0);
}

/* The charts ---------------------------------------------------------------------------- */

typedef struct {
  guint n;
  guint level;
  guint complexity;
} Activated;

static void
on_cell_activated (TmChartView *view,
                   guint        level,
                   guint        complexity,
                   Activated   *activated)
{
  activated->n++;
  activated->level = level;
  activated->complexity = complexity;
}

static TmChartView *
present_chart (TmPortfolio *portfolio,
               TmViewKind   kind,
               GtkWindow  **window)
{
  TmChartView *view = TM_CHART_VIEW (tm_chart_view_new (kind));

  *window = tm_test_window_with (GTK_WIDGET (view), 900, 640);
  tm_chart_view_set_portfolio (view, portfolio);
  tm_chart_view_set_scenario (view, tm_test_scenario_id_at (portfolio, 0));
  gtk_window_present (*window);
  g_assert_true (tm_test_wait_until (has_drawn_chart, view));
  tm_test_spin (50);

  return view;
}

static void
test_chart_grid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  const TmLevel levels[] = { TM_LEVEL_ADMIN, TM_LEVEL_BOUNDED_CLINICAL, TM_LEVEL_COORDINATION };
  const TmComplexity complexities[] = { TM_COMPLEXITY_LOW, TM_COMPLEXITY_HIGH, TM_COMPLEXITY_NOT_ASSESSED };
  Activated activated = { 0, };
  GtkWindow *window;
  TmChartView *view;
  TmGridLayout *grid;
  double x, y;

  g_assert_no_error (error);
  view = present_chart (portfolio, TM_VIEW_GRID, &window);
  g_assert_cmpint (tm_chart_view_get_kind (view), ==, TM_VIEW_GRID);
  g_signal_connect (view, "cell-activated", G_CALLBACK (on_cell_activated), &activated);

  grid = _tm_chart_view_get_grid_layout (view, &x, &y);
  g_assert_nonnull (grid);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      cairo_rectangle_t rect;
      guint n = activated.n;

      g_assert_true (tm_grid_layout_get_cell_rect (grid, levels[i], complexities[i], &rect));
      _tm_chart_view_click (view, x + rect.x + rect.width / 2, y + rect.y + rect.height / 2);
      g_assert_cmpuint (activated.n, ==, n + 1);
      g_assert_cmpuint (activated.level, ==, levels[i]);
      g_assert_cmpuint (activated.complexity, ==, complexities[i]);
    }

  /* Outside the cells: nothing. */
  _tm_chart_view_click (view, 1, 1);
  g_assert_cmpuint (activated.n, ==, G_N_ELEMENTS (levels));

  /* An edit recomputes the map in an idle. */
  {
    g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 0);
    g_autoptr(TmTaskData) data = tm_task_dup_data (task);
    guint count = _tm_chart_view_get_draw_count (view);

    data->level = data->level == TM_LEVEL_ADMIN ? TM_LEVEL_COORDINATION : TM_LEVEL_ADMIN;
    g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
    g_assert_no_error (error);
    tm_test_spin (100);
    g_assert_cmpuint (_tm_chart_view_get_draw_count (view), >, count);
  }

  gtk_window_destroy (window);
  tm_test_spin (30);
}

static void
test_chart_kinds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  const TmViewKind kinds[] = { TM_VIEW_CAPACITY, TM_VIEW_FLOW };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWindow *window;
      TmChartView *view = present_chart (portfolio, kinds[i], &window);

      g_assert_cmpint (tm_chart_view_get_kind (view), ==, kinds[i]);
      g_assert_null (_tm_chart_view_get_grid_layout (view, NULL, NULL));
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, 100);
      gtk_window_destroy (window);
      tm_test_spin (30);
    }
}

/* Main ---------------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  tm_test_ui_init (&argc, &argv);

  (void) taskmap_get_resource ();

  g_test_add ("/ui/matrix/keyboard", MatrixFixture, NULL,
              matrix_fixture_set_up, test_matrix_keyboard, matrix_fixture_tear_down);
  g_test_add ("/ui/matrix/page", MatrixFixture, NULL,
              matrix_fixture_set_up, test_matrix_page, matrix_fixture_tear_down);
  g_test_add ("/ui/matrix/hidden", MatrixFixture, NULL,
              matrix_fixture_set_up, test_matrix_hidden, matrix_fixture_tear_down);
  g_test_add ("/ui/matrix/click", MatrixFixture, NULL,
              matrix_fixture_set_up, test_matrix_click, matrix_fixture_tear_down);
  g_test_add ("/ui/matrix/filter", MatrixFixture, NULL,
              matrix_fixture_set_up, test_matrix_filter, matrix_fixture_tear_down);
  g_test_add ("/ui/matrix/only-in-play", MatrixFixture, NULL,
              matrix_fixture_set_up, test_matrix_only_in_play, matrix_fixture_tear_down);
  g_test_add ("/ui/matrix/set-cursor", MatrixFixture, NULL,
              matrix_fixture_set_up, test_matrix_set_cursor, matrix_fixture_tear_down);
  g_test_add ("/ui/matrix/large", MatrixFixture, NULL,
              large_fixture_set_up, test_matrix_large, matrix_fixture_tear_down);
  g_test_add ("/ui/assessment/fields", PaneFixture, NULL,
              pane_fixture_set_up, test_pane_fields, pane_fixture_tear_down);
  g_test_add ("/ui/assessment/outcome", PaneFixture, NULL,
              pane_fixture_set_up, test_pane_outcome, pane_fixture_tear_down);
  g_test_add ("/ui/assessment/deleted-task", PaneFixture, NULL,
              pane_fixture_set_up, test_pane_deleted_task, pane_fixture_tear_down);
  g_test_add_func ("/ui/chart/grid", test_chart_grid);
  g_test_add_func ("/ui/chart/kinds", test_chart_kinds);

  return g_test_run ();
}
