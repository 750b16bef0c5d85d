/* test-ui-staffing.c
 * Staffing on a real display: the capacity page of each example in shares of
 * staffed time against the benchmark, the scenarios side by side, and the
 * staffing typed into the professions dialog.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-staffing"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "dialogs/tm-dialogs-private.h"
#include "views/tm-matrix-view-private.h"
#include "views/tm-chart-view-private.h"
#include "tm-assessment-pane-private.h"
#include "tm-scenario-summary.h"
#include "tm-scenario-summary-private.h"
#include "tm-window-private.h"
#include "tm-application.h"
/* Texts in the language a test pushed, as the core renders them. */
#include "model/tm-i18n-private.h"
#include "tm-test-ui.h"
#include "tm-test-util.h"

static TmApplication *app;

/* The chart view of @kind in @widget's tree, or NULL. */
static TmChartView *
find_chart (GtkWidget  *widget,
            TmViewKind  kind)
{
  if (TM_IS_CHART_VIEW (widget) && tm_chart_view_get_kind (TM_CHART_VIEW (widget)) == kind)
    return TM_CHART_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      TmChartView *found = find_chart (child, kind);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toggle button labelled @label (with its mnemonic), or NULL. */
static GtkToggleButton *
find_toggle (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return GTK_TOGGLE_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkToggleButton *found = find_toggle (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label of @widget's tree that shows on screen reads @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
has_drawn (TmChartView *chart)
{
  return gtk_widget_get_mapped (GTK_WIDGET (chart)) && _tm_chart_view_get_draw_count (chart) > 0;
}

/* Draws what the capacity page shows — @portfolio's analysis of @scenario_id —
 * @width wide on an image surface, recording every text. */
static TmDrawRecorder *
record_capacity (TmPortfolio *portfolio,
                 TmAnalysis  *analysis,
                 double       width)
{
  TmDrawRecorder *recorder = tm_draw_recorder_new ();
  double height = tm_capacity_chart_get_height (portfolio, analysis, NULL, width);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width),
                                                         (int) ceil (height));
  cairo_t *cr = cairo_create (surface);

  tm_draw_recorder_attach (recorder, cr);
  tm_capacity_chart_draw (cr, portfolio, analysis, NULL, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return recorder;
}

/* The capacity page ----------------------------------------------------------------------- */

/* For an example language: the capacity chart draws, far taller than a chart
 * with nothing to show; what it draws is the nurses' share of staffed time
 * against the benchmark lines; and the scenarios side by side draw too. */
static void
test_capacity (gconstpointer data)
{
  const char *language = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create_in_language (NULL, language, &error);
  g_autoptr(TmPortfolio) empty = NULL;
  g_autoptr(TmAnalysis) analysis = NULL;
  g_autoptr(TmAnalysis) empty_analysis = NULL;
  g_autoptr(TmComparison) empty_comparison = NULL;
  g_autoptr(TmDrawRecorder) recorder = NULL;
  g_autofree char *label_ten = tm_test_benchmark_label (TM_BENCHMARK_TO_UNSKILLED, "unskilled staff");
  g_autofree char *label_twenty = tm_test_benchmark_label (TM_BENCHMARK_TO_UNSKILLED + TM_BENCHMARK_TO_PROFESSIONS,
                                                           "+ other professions");
  g_autofree char *headline = NULL;
  g_auto(GStrv) compared = NULL;
  const TmAnalysisProfession *nurses;
  GtkToggleButton *single, *side_by_side;
  TmChartView *capacity, *compare;
  TmWindow *window;
  const char *scenario_id;
  double share, empty_height, width;

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  g_assert_cmpstr (tm_portfolio_get_language (portfolio), ==, language);

  window = tm_test_make_window (portfolio, 1280, 800);
  scenario_id = _tm_window_get_scenario_id (window);
  g_assert_cmpstr (scenario_id, ==, "scenario-1");

  /* The capacity page, the scenario shown in the header */
  _tm_window_show_view (window, "capacity");
  g_assert_cmpstr (_tm_window_get_view (window), ==, "capacity");
  capacity = find_chart (GTK_WIDGET (window), TM_VIEW_CAPACITY);
  compare = find_chart (GTK_WIDGET (window), TM_VIEW_COMPARISON);
  g_assert_nonnull (capacity);
  g_assert_nonnull (compare);
  TM_WAIT_FOR (has_drawn (capacity));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (compare)));

  /* Non-empty: far taller than the chart of a portfolio with nothing to show at its width. */
  width = gtk_widget_get_width (GTK_WIDGET (capacity));
  g_assert_cmpfloat (width, >, 400);
  empty = tm_portfolio_create (NULL, tm_portfolio_get_country (portfolio), "Empty", &error);
  g_assert_no_error (error);
  empty_analysis = tm_analysis_compute (empty, NULL);
  empty_height = tm_capacity_chart_get_height (empty, empty_analysis, NULL, width);
  g_test_message ("%s: capacity chart %d × %d, empty %.0f high", language,
                  gtk_widget_get_width (GTK_WIDGET (capacity)), gtk_widget_get_height (GTK_WIDGET (capacity)),
                  empty_height);
  g_assert_cmpfloat (empty_height, >, 0);
  g_assert_cmpfloat (gtk_widget_get_height (GTK_WIDGET (capacity)), >, 3 * empty_height);

  /* The analysis behind it: the nurses' staffing is known, and they hand
   * over a share of their staffed time in the range of the benchmark. */
  analysis = tm_analysis_compute (portfolio, scenario_id);
  nurses = tm_analysis_get_nurses (analysis);
  g_assert_nonnull (nurses);
  g_assert_true (tm_analysis_profession_has_staffing (nurses));
  share = tm_analysis_profession_moved_share (nurses);
  g_assert_cmpfloat_with_epsilon (share, nurses->moved_out / nurses->staffed_hours, 1e-9);
  g_assert_cmpfloat (share, >=, 0.02);
  g_assert_cmpfloat (share, <=, 0.25);

  /* Drawn as the page draws it: the benchmark lines and the nurses' headline */
  recorder = record_capacity (portfolio, analysis, width);
  headline = tm_analysis_describe_freed (analysis, portfolio, nurses);
  g_assert_nonnull (headline);
  g_assert_true (tm_draw_recorder_has_text (recorder, label_ten));
  g_assert_true (tm_draw_recorder_has_text (recorder, label_twenty));
  g_assert_true (tm_draw_recorder_has_text (recorder, headline));

  /* "Scenarios Side by Side": the comparison of both scenarios draws instead */
  single = find_toggle (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "Th_is Scenario"));
  side_by_side = find_toggle (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "Scenarios _Side by Side"));
  g_assert_nonnull (single);
  g_assert_nonnull (side_by_side);
  g_assert_true (gtk_toggle_button_get_active (single));
  g_assert_false (gtk_toggle_button_get_active (side_by_side));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (side_by_side)));
  gtk_widget_grab_focus (GTK_WIDGET (side_by_side));
  gtk_widget_activate (GTK_WIDGET (side_by_side));
  TM_WAIT_FOR (gtk_toggle_button_get_active (side_by_side));
  g_assert_false (gtk_toggle_button_get_active (single));
  TM_WAIT_FOR (has_drawn (compare));
  TM_WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (capacity)));

  compared = tm_chart_view_dup_scenarios (compare);
  g_assert_nonnull (compared);
  g_assert_cmpuint (g_strv_length (compared), ==, 2);
  g_assert_cmpstr (compared[0], ==, "scenario-1");
  g_assert_cmpstr (compared[1], ==, "scenario-2");

  /* Far taller than the comparison of a portfolio with nothing in it */
  empty_comparison = tm_comparison_new (empty, NULL, NULL);
  empty_height = tm_comparison_chart_get_height (empty, empty_comparison, NULL,
                                                 gtk_widget_get_width (GTK_WIDGET (compare)));
  g_test_message ("%s: comparison %d × %d, empty %.0f high", language,
                  gtk_widget_get_width (GTK_WIDGET (compare)), gtk_widget_get_height (GTK_WIDGET (compare)),
                  empty_height);
  g_assert_cmpfloat (gtk_widget_get_height (GTK_WIDGET (compare)), >, 2 * empty_height);

  /* And back to the scenario */
  gtk_widget_activate (GTK_WIDGET (single));
  TM_WAIT_FOR (gtk_toggle_button_get_active (single));
  TM_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (capacity)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (compare)));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* A hidden chart does not analyse the portfolio on every edit (at 100,000
 * tasks that is some 40 ms of the main loop per chart), and shows the edit
 * when its page is shown. */
/* Task @i of @portfolio takes @minutes, as an edit. */
static void
set_minutes (TmPortfolio *portfolio,
             guint        i,
             double       minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), i);
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);

  data->minutes = minutes;
  g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
  g_assert_no_error (error);
}

/* A region's figures are counted in steps between frames (here a block of
 * 256 tasks a step): the capacity chart, the summary beside it and the
 * comparison keep showing the figures before, dimmed, until the new ones are
 * in; a change under the count starts it again; what they show at the end
 * is what the analysis at once gives. */
static void
test_charts_in_steps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create_in_language (NULL, "en", &error);
  g_autoptr(TmAnalysis) expected = NULL;
  g_autoptr(TmComparison) expected_comparison = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *want = NULL;
  const char *ids[3] = { NULL, NULL, NULL };
  const TmComparison *shown_comparison;
  GListModel *scenarios;
  GtkWidget *window, *box, *expander;
  TmChartView *capacity, *compare;
  TmScenarioSummary *summary;
  double total_before;
  guint recomputed;

  g_assert_no_error (error);
  scenarios = tm_portfolio_get_scenarios (portfolio);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), >=, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

      ids[i] = tm_scenario_get_id (scenario);
    }
  first_id = g_strdup (ids[0]);
  tm_test_add_varied_tasks (portfolio, 3000, first_id);

  /* The application's style sheet, as its windows load it (the dimming). */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/org/taskmap/Taskmap/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 768);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  capacity = TM_CHART_VIEW (tm_chart_view_new (TM_VIEW_CAPACITY));
  summary = TM_SCENARIO_SUMMARY (tm_scenario_summary_new ());
  compare = TM_CHART_VIEW (tm_chart_view_new (TM_VIEW_COMPARISON));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (capacity));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (summary));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (compare));
  {
    GtkWidget *scrolled = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
    gtk_window_set_child (GTK_WINDOW (window), scrolled);
  }
  tm_chart_view_set_portfolio (capacity, portfolio);
  tm_chart_view_set_scenario (capacity, first_id);
  tm_scenario_summary_set_portfolio (summary, portfolio);
  tm_scenario_summary_set_scenario (summary, first_id);
  tm_chart_view_set_portfolio (compare, portfolio);
  tm_chart_view_set_scenarios (compare, ids);
  gtk_window_present (GTK_WINDOW (window));

  /* 3,042 tasks: counted at once, as a unit's are. */
  TM_WAIT_FOR (has_drawn (capacity) && has_drawn (compare));
  /* The focus is on one of the summary's figures (selectable): it stays in
   * the summary when they are counted anew. */
  g_assert_true (GTK_IS_LABEL (gtk_window_get_focus (GTK_WINDOW (window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), GTK_WIDGET (summary)));
  g_assert_false (_tm_chart_view_is_counting (capacity));
  g_assert_nonnull (_tm_chart_view_peek_comparison (compare));
  total_before = _tm_chart_view_peek_analysis (capacity)->total_hours;

  /* From now on a block of tasks a step. An edit: the figures before stay,
   * dimmed, while the new ones are counted. */
  _tm_chart_view_set_count_budget (capacity, 0, 0);
  _tm_chart_view_set_count_budget (compare, 0, 0);
  _tm_scenario_summary_set_count_budget (summary, 0, 0);
  recomputed = _tm_chart_view_get_recompute_count (capacity);
  set_minutes (portfolio, 0, 600);
  g_assert_true (_tm_chart_view_is_counting (capacity));
  TM_WAIT_FOR (gtk_widget_has_css_class (GTK_WIDGET (capacity), "counting"));
  g_assert_true (_tm_chart_view_is_counting (capacity));
  g_assert_cmpfloat (_tm_chart_view_peek_analysis (capacity)->total_hours, ==, total_before);
  TM_WAIT_FOR (gtk_widget_has_css_class (GTK_WIDGET (compare), "counting"));
  g_assert_true (_tm_scenario_summary_is_counting (summary));

  /* Another edit under the count: counted again, with both in. */
  set_minutes (portfolio, 1, 480);
  /* The summary beside the chart counts after the charts (a lower priority). */
  TM_WAIT_FOR (gtk_widget_has_css_class (GTK_WIDGET (summary), "counting"));
  TM_WAIT_FOR (!_tm_chart_view_is_counting (capacity) && !_tm_chart_view_is_counting (compare) &&
               !_tm_scenario_summary_is_counting (summary));
  g_assert_cmpuint (_tm_chart_view_get_recompute_count (capacity), >=, recomputed + 2);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (capacity), "counting"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (compare), "counting"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (summary), "counting"));

  /* Settled, it stays so: its own style class coming and going does not
   * start another count (it did, without end). */
  recomputed = _tm_chart_view_get_recompute_count (capacity);
  tm_test_spin (300);
  g_assert_cmpuint (_tm_chart_view_get_recompute_count (capacity), ==, recomputed);
  g_assert_false (_tm_chart_view_is_counting (capacity));
  g_assert_false (_tm_chart_view_is_counting (compare));
  g_assert_true (GTK_IS_LABEL (gtk_window_get_focus (GTK_WINDOW (window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), GTK_WIDGET (summary)));

  expected = tm_analysis_compute (portfolio, first_id);
  g_assert_cmpfloat (fabs (expected->total_hours - total_before), >, 1);
  g_assert_cmpfloat_with_epsilon (_tm_chart_view_peek_analysis (capacity)->total_hours, expected->total_hours,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (_tm_chart_view_peek_analysis (capacity)->moved_hours, expected->moved_hours,
                                  1e-9);
  g_assert_cmpuint (_tm_chart_view_peek_analysis (capacity)->n_moves, ==, expected->n_moves);

  /* The comparison, row by row as the analyses at once give it. */
  expected_comparison = tm_comparison_new (portfolio, ids, NULL);
  shown_comparison = _tm_chart_view_peek_comparison (compare);
  g_assert_cmpuint (shown_comparison->rows->len, ==, expected_comparison->rows->len);
  g_assert_cmpuint (tm_comparison_get_n_scenarios ((TmComparison *) shown_comparison), ==, 2);
  for (guint r = 0; r < expected_comparison->rows->len; r++)
    for (guint c = 0; c < 2; c++)
      {
        g_autofree char *a = tm_comparison_format_value (g_ptr_array_index (shown_comparison->rows, r), c);
        g_autofree char *b = tm_comparison_format_value (g_ptr_array_index (expected_comparison->rows, r), c);

        g_assert_cmpstr (a, ==, b);
      }

  /* The summary names the tasks without a time, as the analysis counts them. */
  expander = tm_test_find_descendant (GTK_WIDGET (summary), GTK_TYPE_EXPANDER);
  g_assert_cmpuint (expected->n_not_estimated, >, 0);
  want = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u task has no time estimate and is not counted in the hours",
                                       "%u tasks have no time estimate and are not counted in the hours",
                                       expected->n_not_estimated),
                          expected->n_not_estimated);
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==, want);

  /* Looked at: how the figures look while new ones are counted (the style
   * class set by hand, so that the picture does not depend on timing; it
   * starts no count). */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_window_get_child (GTK_WINDOW (window)))), 0);
  gtk_widget_add_css_class (GTK_WIDGET (capacity), "counting");
  g_assert_true (tm_test_take_screenshot (window, "charts-counting.png"));
  g_assert_false (_tm_chart_view_is_counting (capacity));
  gtk_widget_remove_css_class (GTK_WIDGET (capacity), "counting");

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

static void
test_hidden_chart_waits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create_in_language (NULL, "en", &error);
  g_autoptr(TmTaskData) data = NULL;
  g_autoptr(TmAnalysis) expected = NULL;
  g_autoptr(TmAnalysis) old = NULL;
  g_autoptr(TmTask) task = NULL;
  g_autofree char *want = NULL;
  const TmAnalysis *shown;
  TmChartView *capacity;
  GtkWidget *summary, *expander;
  TmWindow *window;
  guint before;

  g_assert_no_error (error);
  window = tm_test_make_window (portfolio, 1280, 800);
  g_assert_cmpstr (_tm_window_get_view (window), ==, "catalogue");
  capacity = find_chart (GTK_WIDGET (window), TM_VIEW_CAPACITY);
  g_assert_nonnull (capacity);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (capacity)));
  tm_test_spin (50);

  /* Ten minutes more each time for the first task, while the chart is hidden, */
  old = tm_analysis_compute (portfolio, _tm_window_get_scenario_id (window));
  before = _tm_chart_view_get_recompute_count (capacity);
  task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 0);
  data = tm_task_dup_data (task);
  g_assert_cmpfloat (data->minutes, >, 0);
  data->minutes += 10;
  g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
  g_assert_no_error (error);
  /* and the second task's time no longer estimated, for the summary beside the chart */
  g_clear_object (&task);
  g_clear_pointer (&data, tm_task_data_free);
  task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 1);
  data = tm_task_dup_data (task);
  data->minutes = -1;
  g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
  g_assert_no_error (error);
  tm_test_spin (50);
  g_assert_cmpuint (_tm_chart_view_get_recompute_count (capacity), ==, before);

  /* Shown: analysed once, with the edit in it */
  _tm_window_show_view (window, "capacity");
  TM_WAIT_FOR (has_drawn (capacity));
  g_assert_cmpuint (_tm_chart_view_get_recompute_count (capacity), >, before);
  shown = _tm_chart_view_peek_analysis (capacity);
  g_assert_nonnull (shown);
  expected = tm_analysis_compute (portfolio, _tm_window_get_scenario_id (window));
  g_assert_cmpfloat (fabs (expected->total_hours - old->total_hours), >, 0.1);
  g_assert_cmpfloat_with_epsilon (shown->total_hours, expected->total_hours, 1e-9);
  g_assert_cmpuint (shown->n_tasks, ==, expected->n_tasks);

  /* The scenario summary beside it, also refreshed when shown: it names
   * the tasks without a time estimate, one more than before the edits. */
  g_assert_cmpuint (expected->n_not_estimated, ==, old->n_not_estimated + 1);
  summary = tm_test_find_descendant (GTK_WIDGET (window), TM_TYPE_SCENARIO_SUMMARY);
  g_assert_nonnull (summary);
  g_assert_true (gtk_widget_get_mapped (summary));
  expander = tm_test_find_descendant (summary, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_true (gtk_widget_get_visible (expander));
  want = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u task has no time estimate and is not counted in the hours",
                                       "%u tasks have no time estimate and are not counted in the hours",
                                       expected->n_not_estimated),
                          expected->n_not_estimated);
  g_assert_cmpstr (gtk_expander_get_label (GTK_EXPANDER (expander)), ==, want);

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* The professions dialog ------------------------------------------------------------------ */

/* The entry of @profession's row in the column titled @title (a msgid) of the
 * professions dialog: its rows hold one cell per column, the name first. */
static GtkEditable *
find_row_entry (GtkWidget    *dialog,
                TmProfession *profession,
                const char   *title)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (tm_test_find_descendant (dialog, GTK_TYPE_COLUMN_VIEW));
  GListModel *columns;
  GtkWidget *list;
  int name_index = -1, index = -1;

  g_assert_nonnull (view);
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *column_title = gtk_column_view_column_get_title (column);

      g_assert_true (gtk_column_view_column_get_visible (column));
      if (g_strcmp0 (column_title, g_dgettext (GETTEXT_PACKAGE, "Name")) == 0)
        name_index = i;
      else if (g_strcmp0 (column_title, g_dgettext (GETTEXT_PACKAGE, title)) == 0)
        index = i;
    }
  g_assert_cmpint (name_index, >=, 0);
  g_assert_cmpint (index, >=, 0);

  list = tm_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *cell = gtk_widget_get_first_child (row);
      GtkWidget *name = NULL, *wanted = NULL;

      for (int i = 0; cell != NULL; i++, cell = gtk_widget_get_next_sibling (cell))
        {
          if (i == name_index)
            name = tm_test_find_descendant (cell, GTK_TYPE_ENTRY);
          else if (i == index)
            wanted = tm_test_find_descendant (cell, GTK_TYPE_ENTRY);
        }
      if (name != NULL && wanted != NULL && gtk_widget_get_visible (row) &&
          g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name)), tm_profession_get_name (profession)) == 0)
        return GTK_EDITABLE (wanted);
    }
  return NULL;
}

/* Types @text into @entry and presses Enter. */
static void
type_and_enter (GtkEditable *entry,
                const char  *text)
{
  gtk_editable_set_text (entry, text);
  g_signal_emit_by_name (entry, "activate");
  tm_test_spin (30);
}

/* The nurses' staffing in @portfolio's own unit: FALSE when none is stored. */
static gboolean
nurse_staffing (TmPortfolio *portfolio,
                double      *fte,
                double      *hours_per_fte)
{
  const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, "");
  const TmStaffingEntry *entry = staffing != NULL ? tm_staffing_lookup (staffing, "nurse") : NULL;

  if (entry == NULL)
    return FALSE;
  *fte = entry->fte;
  *hours_per_fte = entry->hours_per_fte;
  return TRUE;
}

/* Unit → Professions and Staffing: an FTE typed in a profession's row is
 * stored, 10,000 FTE is refused with the message shown and nothing stored,
 * and undo takes the staffing away again. */
static void
test_professions_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Afsnit 7", &error);
  TmProfession *nurse;
  TmProfessionsDialog *dialog;
  GtkEditable *fte, *hours;
  double fte_value = 0, hours_value = 0;
  TmWindow *window;

  g_assert_no_error (error);
  nurse = tm_portfolio_lookup_profession (portfolio, "nurse");
  g_assert_nonnull (nurse);
  g_assert_null (tm_portfolio_get_staffing (portfolio, ""));
  g_assert_false (tm_portfolio_can_undo (portfolio));

  window = tm_test_make_window (portfolio, 1280, 800);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "professions"));
  dialog = _tm_professions_dialog_present (GTK_WINDOW (window), portfolio);
  g_assert_nonnull (dialog);
  tm_test_wait_drawn (GTK_WIDGET (dialog));

  fte = find_row_entry (GTK_WIDGET (dialog), nurse, "Staffing (FTE)");
  hours = find_row_entry (GTK_WIDGET (dialog), nurse, "Hours per FTE");
  g_assert_nonnull (fte);
  g_assert_nonnull (hours);
  g_assert_true (fte != hours);
  /* Not known yet: empty */
  g_assert_cmpstr (gtk_editable_get_text (fte), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (hours), ==, "");

  /* 28,5 FTE with a decimal comma, then Enter: stored, the country's week applies */
  type_and_enter (fte, "28,5");
  g_assert_true (nurse_staffing (portfolio, &fte_value, &hours_value));
  g_assert_cmpfloat (fte_value, ==, 28.5);
  g_assert_cmpfloat (hours_value, ==, -1);
  g_assert_true (tm_portfolio_can_undo (portfolio));

  /* The weekly hours of one FTE, in the next column */
  type_and_enter (hours, "33.6");
  g_assert_true (nurse_staffing (portfolio, &fte_value, &hours_value));
  g_assert_cmpfloat (fte_value, ==, 28.5);
  g_assert_cmpfloat (hours_value, ==, 33.6);

  /* 10,000 FTE is no ward: the message shows, naming the profession; nothing is stored */
  g_assert_false (tm_staffing_check_fte (10000, tm_profession_get_display_name (nurse), &expected));
  g_assert_nonnull (expected);
  g_assert_nonnull (strstr (expected->message, tm_profession_get_display_name (nurse)));
  g_assert_false (shows_label (GTK_WIDGET (dialog), expected->message));
  type_and_enter (fte, "10000");
  g_assert_true (shows_label (GTK_WIDGET (dialog), expected->message));
  g_assert_true (nurse_staffing (portfolio, &fte_value, &hours_value));
  g_assert_cmpfloat (fte_value, ==, 28.5);
  g_assert_cmpfloat (hours_value, ==, 33.6);

  /* Undo, twice: the hours, then the staffing is gone, and the row shows it */
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_true (nurse_staffing (portfolio, &fte_value, &hours_value));
  g_assert_cmpfloat (hours_value, ==, -1);
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_null (tm_portfolio_get_staffing (portfolio, ""));
  g_assert_false (tm_portfolio_can_undo (portfolio));
  tm_test_spin (30);
  g_assert_cmpstr (gtk_editable_get_text (fte), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (hours), ==, "");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  app = tm_test_ui_init (&argc, &argv);

  g_test_add_data_func ("/ui/staffing/capacity/da", "da", test_capacity);
  g_test_add_data_func ("/ui/staffing/capacity/nb", "nb", test_capacity);
  g_test_add_data_func ("/ui/staffing/capacity/en", "en", test_capacity);
  g_test_add_func ("/ui/staffing/hidden-chart-waits", test_hidden_chart_waits);
  g_test_add_func ("/ui/staffing/charts-in-steps", test_charts_in_steps);
  g_test_add_func ("/ui/staffing/professions-dialog", test_professions_dialog);

  return tm_test_ui_run ();
}
