/* bench-window.c
 * Times the main window on a large portfolio: open to first frame, search,
 * typing, sorting and scrolling, and the longest time the main loop stalls.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-window"

#include "config.h"

#include "bench-util.h"
#include "bench-units.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "tm-window-private.h"
#include "tm-application.h"
#include "dialogs/tm-report-dialog.h"
#include "dialogs/tm-import-dialog.h"
#include "views/tm-chart-view-private.h"
#include "tm-scenario-summary-private.h"

#define N_SCROLL_PAGES   50
#define TYPE_INTERVAL_MS 250
/* A sort that takes longer is reported as timed out, and the run goes on. */
#define SORT_TIMEOUT_USEC (60 * G_USEC_PER_SEC)

/* Watches the main loop while a measurement runs: a tick callback keeps the
 * frame clock running, so the gap between two ticks is how long the window
 * could not react (about 17 ms when all is well). */
typedef struct {
  gboolean recording;
  gint64   last_tick;
  gint64   max_gap;
  gint64   max_gap_end;
  guint    n_ticks;
  guint    n_paints;
  gint64   last_paint;
  gint64   frame_start;   /* when the frame clock began the last frame */
  gint64   last_frame_work;
  gint64   first_change;  /* the list's first items-changed while recording */
  gint64   first_shown;   /* the frame after it: the rows in view are new */
} Monitor;

typedef struct {
  const char *key;
  const char *label;
  double      value;
  const char *unit;
} Figure;

static Monitor monitor;
static GArray *figures;
static gboolean tsv;
static int n_runs = 3;
static int merge_units = 0;

static void
add_figure (const char *key,
            const char *label,
            double      value,
            const char *unit)
{
  Figure f = { key, label, value, unit };

  g_array_append_val (figures, f);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (monitor.recording)
    {
      if (now - monitor.last_tick > monitor.max_gap)
        {
          monitor.max_gap = now - monitor.last_tick;
          monitor.max_gap_end = now;
        }
      monitor.n_ticks++;
    }
  monitor.last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       user_data)
{
  monitor.frame_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  monitor.n_paints++;
  monitor.last_paint = g_get_monotonic_time ();
  if (monitor.first_change != 0 && monitor.first_shown == 0)
    monitor.first_shown = monitor.last_paint;
  monitor.last_frame_work = monitor.last_paint - monitor.frame_start;
}

static void
monitor_start (void)
{
  monitor.recording = TRUE;
  monitor.last_tick = g_get_monotonic_time ();
  monitor.max_gap = 0;
  monitor.n_ticks = 0;
  monitor.first_change = 0;
  monitor.first_shown = 0;
}

/* The longest stall in ms, including the time since the last tick. With
 * BENCH_TRACE set, says when it was (CLOCK_MONOTONIC seconds, as `perf record
 * -k CLOCK_MONOTONIC` stamps its samples) so a profile can be cut to it. */
static double
monitor_stop (const char *what)
{
  gint64 now = g_get_monotonic_time ();

  monitor.recording = FALSE;
  if (now - monitor.last_tick > monitor.max_gap)
    {
      monitor.max_gap = now - monitor.last_tick;
      monitor.max_gap_end = now;
    }

  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("stall %-24s %8.1f ms  perf report --time %.6f,%.6f\n", what,
                monitor.max_gap / 1000.0,
                (monitor.max_gap_end - monitor.max_gap) / 1e6, monitor.max_gap_end / 1e6);

  return monitor.max_gap / 1000.0;
}

/* Waits for the next frame to be painted; returns when it was. */
static gint64
wait_for_paint (void)
{
  guint n = monitor.n_paints;

  BENCH_WAIT_FOR ("a frame", monitor.n_paints > n);

  return monitor.last_paint;
}

/* The list replaces the rows in view first (a few at a time, see
 * tm-task-view.c): the frame after its first change shows them. */
static void
on_list_changed (void)
{
  if (monitor.recording && monitor.first_change == 0)
    monitor.first_change = g_get_monotonic_time ();
}

/* ms from @start to the first frame that showed a change of the list. */
static double
first_rows_ms (gint64 start)
{
  return monitor.first_shown == 0 ? 0 : (monitor.first_shown - start) / 1000.0;
}

static gboolean
models_settled (TmWindow *window)
{
  return !tm_task_view_is_pending (_tm_window_get_task_view (window));
}

static void
on_realize (GtkWidget *widget,
            gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
}

/* Opens @file in a new window and measures until its first frame and until
 * the list is complete. The times go to @t (ms): open, window, first frame,
 * settled frame. */
static TmWindow *
open_window (TmApplication *app,
             GFile         *file,
             double         t[4])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window;
  gint64 start, first_paint;
  guint n_paints;

  start = g_get_monotonic_time ();
  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }
  t[0] = bench_ms_since (start);

  window = tm_window_new (GTK_APPLICATION (app));
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  g_signal_connect (_tm_window_get_task_view (window), "items-changed", G_CALLBACK (on_list_changed), NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  tm_window_set_portfolio (window, portfolio);
  t[1] = bench_ms_since (start);

  n_paints = monitor.n_paints;
  gtk_window_present (GTK_WINDOW (window));
  BENCH_WAIT_FOR ("the first frame", monitor.n_paints > n_paints);
  first_paint = monitor.last_paint;
  t[2] = (first_paint - start) / 1000.0;

  if (g_strcmp0 (_tm_window_get_page (window), "portfolio") != 0)
    {
      g_printerr ("The window does not show the portfolio\n");
      exit (EXIT_FAILURE);
    }

  /* The list may fill in over several frames (incremental models). */
  if (models_settled (window))
    t[3] = t[2];
  else
    {
      BENCH_WAIT_FOR ("the list", models_settled (window));
      /* The last step may have changed nothing that asks for a frame. */
      gtk_widget_queue_draw (GTK_WIDGET (window));
      t[3] = (wait_for_paint () - start) / 1000.0;
    }

  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("open  %-24s %8.1f ms  perf report --time %.6f,%.6f\n", "to first frame",
                t[2], start / 1e6, first_paint / 1e6);

  return window;
}

static void
close_window (TmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Let the portfolio go: it keeps its file locked. */
  bench_spin (50);
}

typedef struct {
  double sync_ms;   /* in the call that changed the filter */
  double done_ms;   /* until the models are done and a frame shows it */
  double first_ms;  /* until a frame shows the first rows changed */
  double stall_ms;  /* the longest stall meanwhile */
  guint  n_shown;
} FilterRun;

static void
set_search (TmWindow   *window,
            const char *text,
            FilterRun  *run)
{
  GtkSearchEntry *entry = _tm_window_get_search_entry (window);
  gint64 start;

  BENCH_WAIT_FOR ("the list", models_settled (window));
  wait_for_paint ();

  monitor_start ();
  start = g_get_monotonic_time ();
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  _tm_window_apply_search (window);
  run->sync_ms = bench_ms_since (start);

  BENCH_WAIT_FOR ("the filter", models_settled (window));
  run->done_ms = (wait_for_paint () - start) / 1000.0;
  run->first_ms = first_rows_ms (start);
  {
    g_autofree char *what = g_strdup_printf ("search '%s'", text);

    run->stall_ms = monitor_stop (what);
  }
  run->n_shown = g_list_model_get_n_items (G_LIST_MODEL (_tm_window_get_selection (window)));
}

static void
on_search_changed_probe (GtkSearchEntry *entry,
                         char          **applied)
{
  g_free (*applied);
  *applied = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("search-changed '%s' at %.6f\n", *applied, g_get_monotonic_time () / 1e6);
}

/* A user typing @word, one key every TYPE_INTERVAL_MS, through the search
 * entry's own delay: the longest stall, and the time from the last key to the
 * final list on screen (the entry's delay included). */
static void
type_search (TmWindow   *window,
             const char *word,
             double     *stall_ms,
             double     *done_ms,
             guint      *n_shown)
{
  GtkSearchEntry *entry = _tm_window_get_search_entry (window);
  g_autofree char *applied = NULL;
  gint64 last_key = 0;
  gulong id;

  BENCH_WAIT_FOR ("the list", models_settled (window));
  wait_for_paint ();

  /* Runs after the window's handler: the search has been applied. */
  id = g_signal_connect_after (entry, "search-changed", G_CALLBACK (on_search_changed_probe), &applied);

  /* Insert key by key, as typing does: gtk_editable_set_text() would empty the
   * entry first, and an empty search entry reports a change at once. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  monitor_start ();
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = -1;

      last_key = g_get_monotonic_time ();
      if (g_getenv ("BENCH_TRACE") != NULL)
        g_printerr ("key '%.*s' at %.6f\n", (int) (g_utf8_next_char (p) - word), word, last_key / 1e6);
      gtk_editable_insert_text (GTK_EDITABLE (entry), p, g_utf8_next_char (p) - p, &position);
      if (*g_utf8_next_char (p) != '\0')
        bench_spin (TYPE_INTERVAL_MS);
    }

  BENCH_WAIT_FOR ("the search", g_strcmp0 (applied, word) == 0);
  BENCH_WAIT_FOR ("the filter", models_settled (window));
  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("settled at %.6f\n", g_get_monotonic_time () / 1e6);
  *done_ms = (wait_for_paint () - last_key) / 1000.0;
  *stall_ms = monitor_stop ("typing");
  *n_shown = g_list_model_get_n_items (G_LIST_MODEL (_tm_window_get_selection (window)));
  g_signal_handler_disconnect (entry, id);
}

/* FALSE when the sort did not finish within SORT_TIMEOUT_USEC (@done_ms is
 * then the time waited). */
static gboolean
sort_by (TmWindow *window,
         guint     column_index,
         double   *done_ms,
         double   *first_ms,
         double   *stall_ms)
{
  GtkColumnView *view = _tm_window_get_column_view (window);
  g_autoptr(GtkColumnViewColumn) column = NULL;
  gint64 start;

  if (column_index != G_MAXUINT)
    column = g_list_model_get_item (gtk_column_view_get_columns (view), column_index);

  BENCH_WAIT_FOR ("the list", models_settled (window));
  wait_for_paint ();

  monitor_start ();
  start = g_get_monotonic_time ();
  gtk_column_view_sort_by_column (view, column, GTK_SORT_ASCENDING);
  while (!models_settled (window))
    {
      if (g_get_monotonic_time () - start > SORT_TIMEOUT_USEC)
        {
          *done_ms = bench_ms_since (start);
          *first_ms = first_rows_ms (start);
          *stall_ms = monitor_stop (column != NULL ? "sort (timed out)" : "unsort (timed out)");
          g_printerr ("The sort did not finish in %.0f s\n", *done_ms / 1000);
          return FALSE;
        }
      bench_iterate ();
    }
  *done_ms = (wait_for_paint () - start) / 1000.0;
  *first_ms = first_rows_ms (start);
  *stall_ms = monitor_stop (column != NULL ? "sort" : "unsort");
  return TRUE;
}

/* Moves the list's adjustment to @value and waits for the frame that shows
 * it. Returns the time from the move to that frame (@latency) and the work of
 * the frame itself (@work, from before-paint to after-paint), in ms. */
static void
scroll_to (GtkAdjustment *adjustment,
           double         value,
           double        *latency,
           double        *work)
{
  gint64 start = g_get_monotonic_time ();

  gtk_adjustment_set_value (adjustment, value);
  *latency = (wait_for_paint () - start) / 1000.0;
  *work = monitor.last_frame_work / 1000.0;
}

static void
scroll_pages (TmWindow *window)
{
  GtkColumnView *view = _tm_window_get_column_view (window);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  double latency[N_SCROLL_PAGES];
  double work[N_SCROLL_PAGES];
  double worst_latency = 0, worst_work = 0, stall;
  double targets[3];
  guint n = 0;

  if (adjustment == NULL)
    {
      g_printerr ("The column view has no vertical adjustment\n");
      return;
    }

  BENCH_WAIT_FOR ("the list", models_settled (window));
  gtk_adjustment_set_value (adjustment, 0);
  wait_for_paint ();
  wait_for_paint ();

  monitor_start ();
  for (guint i = 0; i < N_SCROLL_PAGES; i++)
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double value = gtk_adjustment_get_value (adjustment);

      if (value + page >= gtk_adjustment_get_upper (adjustment))
        break;
      scroll_to (adjustment, value + page, &latency[n], &work[n]);
      worst_latency = MAX (worst_latency, latency[n]);
      worst_work = MAX (worst_work, work[n]);
      n++;
    }
  stall = monitor_stop ("scroll pages");

  add_figure ("win_scroll_pages", "scroll: pages scrolled", n, "");
  add_figure ("win_scroll_frame_median", "scroll a page: frame work, median", bench_median (work, n), "ms");
  add_figure ("win_scroll_frame_max", "scroll a page: frame work, slowest", worst_work, "ms");
  add_figure ("win_scroll_latency_median", "scroll a page: move to frame, median", bench_median (latency, n), "ms");
  add_figure ("win_scroll_latency_max", "scroll a page: move to frame, slowest", worst_latency, "ms");
  add_figure ("win_scroll_stall", "scroll pages: longest stall", stall, "ms");

  /* Dragging the scroll bar: jumps to the middle, the end and back. */
  targets[0] = gtk_adjustment_get_upper (adjustment) / 2;
  targets[1] = gtk_adjustment_get_upper (adjustment);
  targets[2] = 0;
  worst_latency = worst_work = 0;
  monitor_start ();
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      double l, w;

      scroll_to (adjustment, targets[i], &l, &w);
      worst_latency = MAX (worst_latency, l);
      worst_work = MAX (worst_work, w);
    }
  stall = monitor_stop ("scroll jumps");
  add_figure ("win_jump_frame_max", "jump to middle/end/top: frame work, slowest", worst_work, "ms");
  add_figure ("win_jump_latency_max", "jump to middle/end/top: move to frame, slowest", worst_latency, "ms");
  add_figure ("win_jump_stall", "jump to middle/end/top: longest stall", stall, "ms");
}

/* What follows work that changed every task: the summary bar counts them
 * again 200 ms after the change, and that count is part of the work's cost
 * to the main loop. Called before the stall monitor stops. */
static void
spin_aftermath (void)
{
  bench_spin (500);
}

static G_GNUC_NORETURN void die (GError *error);

/* Whether the capacity page shows the portfolio's figures, drawn. */
static gboolean
capacity_settled (TmWindow *window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window->capacity_chart)) &&
         !_tm_chart_view_is_counting (window->capacity_chart) &&
         !_tm_scenario_summary_is_counting (window->scenario_summary) &&
         (!gtk_widget_get_mapped (GTK_WIDGET (window->compare_chart)) ||
          !_tm_chart_view_is_counting (window->compare_chart)) &&
         _tm_chart_view_get_draw_count (window->capacity_chart) > 0;
}

/* The capacity page (the chart and the summary beside it, each analysing
 * every task): from the call that shows it until its figures are drawn,
 * then an edit of a task's minutes there until the figures are drawn again,
 * with the longest stall of each. */
static void
show_capacity (TmWindow *window,
               double   *shown_ms,
               double   *shown_stall_ms,
               double   *edit_ms,
               double   *edit_stall_ms)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_window_get_portfolio (window);
  g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 0);
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);
  g_autoptr(TmTaskData) back = tm_task_dup_data (task);
  gint64 start;

  bench_spin (300);
  monitor_start ();
  start = g_get_monotonic_time ();
  _tm_window_show_view (window, "capacity");
  BENCH_WAIT_FOR ("the capacity page", capacity_settled (window));
  gtk_widget_queue_draw (GTK_WIDGET (window));
  *shown_ms = (wait_for_paint () - start) / 1000.0;
  spin_aftermath ();
  *shown_stall_ms = monitor_stop ("capacity page");

  data->minutes = data->minutes > 0 ? data->minutes + 10 : 10;
  monitor_start ();
  start = g_get_monotonic_time ();
  if (!tm_portfolio_update_task (portfolio, task, data, NULL, &error))
    die (error);
  BENCH_WAIT_FOR ("the capacity page after an edit", capacity_settled (window));
  gtk_widget_queue_draw (GTK_WIDGET (window));
  *edit_ms = (wait_for_paint () - start) / 1000.0;
  spin_aftermath ();
  *edit_stall_ms = monitor_stop ("capacity page, edit");

  if (!tm_portfolio_update_task (portfolio, task, back, NULL, &error))
    die (error);
  _tm_window_show_view (window, "catalogue");
  BENCH_WAIT_FOR ("the list", models_settled (window));
}

/* When the report's progress bar last moved, and the longest it stood still. */
static gint64 bar_moved;
static double bar_gap_ms;

static void
on_report_bar_moved (GtkProgressBar *bar)
{
  gint64 now = g_get_monotonic_time ();

  bar_gap_ms = MAX (bar_gap_ms, (now - bar_moved) / 1000.0);
  if (g_getenv ("BENCH_TRACE") != NULL && bar != NULL)
    g_printerr ("report bar %.3f after %.0f ms\n", gtk_progress_bar_get_fraction (bar), (now - bar_moved) / 1000.0);
  bar_moved = now;
}

/* The committee report of the portfolio shown, written as Write in its
 * dialog does (in a worker thread, the window drawing): until written, the
 * longest stall of the window meanwhile, and the longest its progress bar
 * stood still (from Write to the end). */
static void
write_report (TmWindow *window,
              double   *done_ms,
              double   *stall_ms,
              double   *bar_ms)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-report-XXXXXX", &error);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) pdf = NULL;
  TmReportDialog *dialog;
  gint64 start;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }
  folder = g_file_new_for_path (dir);
  dialog = tm_report_dialog_present (GTK_WINDOW (window), tm_window_get_portfolio (window));
  _tm_report_dialog_set_folder (dialog, folder);
  _tm_report_dialog_set_name (dialog, "report");
  pdf = _tm_report_dialog_dup_file (dialog);
  bench_spin (300);

  g_signal_connect (_tm_report_dialog_get_progress_bar (dialog), "notify::fraction",
                    G_CALLBACK (on_report_bar_moved), NULL);
  monitor_start ();
  start = g_get_monotonic_time ();
  bar_moved = start;
  bar_gap_ms = 0;
  if (!_tm_report_dialog_write_now (dialog, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }
  *done_ms = bench_ms_since (start);
  *stall_ms = monitor_stop ("report");
  on_report_bar_moved (NULL);
  *bar_ms = bar_gap_ms;

  g_file_delete (pdf, NULL, NULL);
  g_rmdir (dir);
  bench_spin (50);
}

/* A temporary folder with the file to import (@name) and a new, empty
 * portfolio file for it to go into. */
typedef struct {
  char        *dir;
  char        *source_path;
  char        *region_path;
  TmPortfolio *region;
} Scratch;

static G_GNUC_NORETURN void
die (GError *error)
{
  g_printerr ("%s\n", error->message);
  exit (EXIT_FAILURE);
}

static void
scratch_init (Scratch    *scratch,
              const char *name)
{
  g_autoptr(GError) error = NULL;

  scratch->dir = g_dir_make_tmp ("bench-window-XXXXXX", &error);
  if (scratch->dir == NULL)
    die (error);
  scratch->source_path = g_build_filename (scratch->dir, name, NULL);
  scratch->region_path = g_build_filename (scratch->dir, "region.taskmap", NULL);
}

/* The new portfolio, shown in @window. */
static void
scratch_show_region (Scratch  *scratch,
                     TmWindow *window)
{
  g_autoptr(GFile) region_file = g_file_new_for_path (scratch->region_path);
  g_autoptr(GError) error = NULL;

  scratch->region = tm_portfolio_create (region_file, TM_COUNTRY_DK, "Region", &error);
  if (scratch->region == NULL)
    die (error);
  tm_window_set_portfolio (window, scratch->region);
  BENCH_WAIT_FOR ("the empty list", models_settled (window));
}

/* @window shows @back (or nothing) again; the folder goes. */
static void
scratch_clear (Scratch     *scratch,
               TmWindow    *window,
               TmPortfolio *back)
{
  tm_window_set_portfolio (window, back);
  if (back != NULL)
    BENCH_WAIT_FOR ("the list", models_settled (window));
  g_clear_object (&scratch->region);
  bench_spin (50);
  g_unlink (scratch->source_path);
  g_unlink (scratch->region_path);
  {
    g_autofree char *wal = g_strconcat (scratch->region_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (scratch->region_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (scratch->dir);
  g_clear_pointer (&scratch->dir, g_free);
  g_clear_pointer (&scratch->source_path, g_free);
  g_clear_pointer (&scratch->region_path, g_free);
}

/* The longest the busy bar stood still while shown: fed once a loop turn. */
typedef struct {
  double fraction;
  gint64 since;     /* when it last moved; 0 before it was first seen */
  double gap_ms;
} BarWatch;

static void
bar_watch_feed (BarWatch *watch,
                gboolean  shown,
                double    fraction)
{
  gint64 now = g_get_monotonic_time ();

  /* A pulse or a new fraction: the bar moved. */
  if (!shown || (fraction == watch->fraction && watch->since != 0))
    return;
  if (watch->since != 0)
    watch->gap_ms = MAX (watch->gap_ms, (now - watch->since) / 1000.0);
  watch->since = now;
  watch->fraction = fraction;
}

/* Import… of the portfolio's own export into a new, empty portfolio in the
 * same window, as a region takes in its first file: from the call until the
 * list shows every task, the longest stall meanwhile, and the longest time
 * the progress bar stood still once shown; then a paste onto the region
 * (paste_rows()) and the import's undo. */
typedef struct {
  double done_ms;
  double stall_ms;
  double bar_gap_ms;
  double undo_ms;
  double undo_stall_ms;
  double paste_ms;
  double paste_stall_ms;
  guint  n_pasted;
  guint  n_tasks;
} ImportRun;

/* How many tasks each unit's file has (--merge-units). */
#define UNIT_TASKS 500u

/* How many rows of minutes are pasted onto the imported region's list. */
#define PASTE_ROWS 10000

/* A column of minutes pasted from a spreadsheet onto the first rows of the
 * list, as Ctrl+Shift+V does: from the call until it is in (in steps, with
 * the bar, from 500 rows) and shown, and the longest stall; then undone. */
static void
paste_rows (TmWindow  *window,
            ImportRun *run)
{
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_window_get_portfolio (window);
  guint n = MIN (PASTE_ROWS, g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)));
  gint64 start;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (block, "%u\n", 7 + i % 50);
  bench_spin (300);
  gtk_single_selection_set_selected (window->selection, 0);
  monitor_start ();
  start = g_get_monotonic_time ();
  if (!tm_cell_editor_paste_text (_tm_window_get_cell_editor (window), block->str, &error))
    die (error);
  BENCH_WAIT_FOR ("the paste", !_tm_window_is_busy (window) && models_settled (window));
  gtk_widget_queue_draw (GTK_WIDGET (window));
  run->paste_ms = (wait_for_paint () - start) / 1000.0;
  spin_aftermath ();
  run->paste_stall_ms = monitor_stop ("paste");
  run->n_pasted = n;

  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  BENCH_WAIT_FOR ("the paste's undo", !_tm_window_is_busy (window) && models_settled (window));
}

static void
import_into_new (TmWindow  *window,
                 ImportRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) xml_file = NULL;
  Scratch scratch = { 0 };
  TmPortfolio *region;
  BarWatch bar = { -1, 0, 0 };
  gint64 start;
  guint n_expected;

  scratch_init (&scratch, "region.xml");
  xml_file = g_file_new_for_path (scratch.source_path);
  n_expected = g_list_model_get_n_items (tm_portfolio_get_tasks (tm_window_get_portfolio (window)));
  if (!tm_xml_export_file (tm_window_get_portfolio (window), xml_file, &error))
    die (error);
  scratch_show_region (&scratch, window);
  region = scratch.region;
  bench_spin (300);

  monitor_start ();
  start = g_get_monotonic_time ();
  _tm_window_import_file (window, xml_file);
  while (_tm_window_is_reading (window) || _tm_window_is_importing (window) ||
         !models_settled (window) ||
         g_list_model_get_n_items (tm_portfolio_get_tasks (region)) < n_expected)
    {
      if (g_get_monotonic_time () - start > BENCH_TIMEOUT_USEC)
        {
          g_printerr ("Timed out waiting for the import\n");
          exit (EXIT_FAILURE);
        }
      /* While the file is read the bar pulses from a timer (which a stall
       * would hold up: the stall is measured anyway); while the file goes
       * in, each step sets how far it got. */
      bar_watch_feed (&bar, _tm_window_is_importing (window) &&
                            gtk_revealer_get_reveal_child (window->busy_revealer),
                      gtk_progress_bar_get_fraction (window->busy_progress));
      bench_iterate ();
    }
  run->bar_gap_ms = bar.gap_ms;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  run->done_ms = (wait_for_paint () - start) / 1000.0;
  spin_aftermath ();
  run->stall_ms = monitor_stop ("import");
  run->n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (region));

  paste_rows (window, run);

  /* Undo, as the notification's button does right after. */
  bench_spin (300);
  monitor_start ();
  start = g_get_monotonic_time ();
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  BENCH_WAIT_FOR ("the undo", !_tm_window_is_busy (window) && models_settled (window) &&
                        g_list_model_get_n_items (tm_portfolio_get_tasks (region)) == 0);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  run->undo_ms = (wait_for_paint () - start) / 1000.0;
  spin_aftermath ();
  run->undo_stall_ms = monitor_stop ("undo import");

  scratch_clear (&scratch, window, NULL);
}

/* File → Merge Units… of @files into a new, empty region in the same
 * window: from the call until the list shows every task, the longest stall
 * meanwhile, and the longest time the bar stood still. */
typedef struct {
  double done_ms;
  double stall_ms;
  double bar_gap_ms;
  guint  n_tasks;
} MergeRun;

static void
merge_into_new (TmWindow  *window,
                GPtrArray *files,
                guint      n_expected,
                MergeRun  *run)
{
  Scratch scratch = { 0 };
  BarWatch bar = { -1, 0, 0 };
  gint64 start;

  scratch_init (&scratch, "unused.xml");
  scratch_show_region (&scratch, window);
  bench_spin (300);

  monitor_start ();
  start = g_get_monotonic_time ();
  _tm_window_merge_units (window, (GFile **) files->pdata, files->len);
  while (_tm_window_is_busy (window) || !models_settled (window) ||
         g_list_model_get_n_items (tm_portfolio_get_tasks (scratch.region)) < n_expected)
    {
      if (g_get_monotonic_time () - start > BENCH_TIMEOUT_USEC)
        {
          g_printerr ("Timed out waiting for the merge\n");
          exit (EXIT_FAILURE);
        }
      bar_watch_feed (&bar, _tm_window_is_busy (window), gtk_progress_bar_get_fraction (window->busy_progress));
      bench_iterate ();
    }
  run->bar_gap_ms = bar.gap_ms;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  run->done_ms = (wait_for_paint () - start) / 1000.0;
  spin_aftermath ();
  run->stall_ms = monitor_stop ("merge units");
  run->n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (scratch.region));

  scratch_clear (&scratch, window, NULL);
}

/* The import dialog, once shown. */
static TmImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (TM_IS_IMPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TM_IMPORT_DIALOG (w);
    }
  return NULL;
}

/* Import… of the portfolio's catalogue as a spreadsheet (CSV) into a new,
 * empty portfolio, as a region takes in a spreadsheet of every unit: from
 * the dialog's Import until the list shows every task, and the longest
 * stall meanwhile (the rows checked in the dialog, the tasks written by the
 * window). */
static void
import_csv_into_new (TmWindow *window,
                     double   *done_ms,
                     double   *stall_ms,
                     guint    *n_tasks)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) csv_file = NULL;
  g_autoptr(TmPortfolio) source = g_object_ref (tm_window_get_portfolio (window));
  Scratch scratch = { 0 };
  TmImportDialog *dialog;
  gsize length = 0;
  gint64 start;
  guint n_expected;

  scratch_init (&scratch, "region.csv");
  csv_file = g_file_new_for_path (scratch.source_path);
  n_expected = g_list_model_get_n_items (tm_portfolio_get_tasks (source));
  csv = tm_csv_export_catalogue (source, &length, &error);
  if (csv == NULL || !g_file_set_contents (scratch.source_path, csv, length, &error))
    die (error);
  g_clear_pointer (&csv, g_free);
  scratch_show_region (&scratch, window);

  _tm_window_import_file (window, csv_file);
  BENCH_WAIT_FOR ("the import dialog", (dialog = find_import_dialog ()) != NULL);
  bench_spin (300);
  if (!_tm_import_dialog_can_import (dialog))
    {
      g_printerr ("The import dialog will not import its own export: %s\n",
                  _tm_import_dialog_get_status_text (dialog));
      exit (EXIT_FAILURE);
    }

  monitor_start ();
  start = g_get_monotonic_time ();
  _tm_import_dialog_import (dialog);
  BENCH_WAIT_FOR ("the spreadsheet's tasks", find_import_dialog () == NULL && !_tm_window_is_importing (window) &&
                                       models_settled (window) &&
                                       g_list_model_get_n_items (tm_portfolio_get_tasks (scratch.region)) >= n_expected);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  *done_ms = (wait_for_paint () - start) / 1000.0;
  spin_aftermath ();
  *stall_ms = monitor_stop ("spreadsheet import");
  *n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (scratch.region));

  scratch_clear (&scratch, window, source);
}

static void
print_figures (void)
{
  for (guint i = 0; i < figures->len; i++)
    {
      const Figure *f = &g_array_index (figures, Figure, i);

      if (tsv)
        g_print ("%s\t%.2f\n", f->key, f->value);
      else if (*f->unit == '\0')
        g_print ("  %-48s %10.0f\n", f->label, f->value);
      else
        g_print ("  %-48s %10.1f %s\n", f->label, f->value, f->unit);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmApplication) app = NULL;
  g_autofree double *warm = NULL;
  TmWindow *window;
  struct rusage usage;
  double t[4];
  double cold[4];
  double worst_stall = 0;
  guint n_tasks;
  g_autoptr(GPtrArray) unit_files = NULL;
  g_autofree char *units_dir = NULL;
  static const struct {
    const char *text;
    const char *key;
    const char *label;
  } queries[] = {
    /* Common words: many matches. */
    { "medicin", "medicin", "'medicin'" },
    /* Part of a number: a handful of matches. */
    { "471", "471", "'471'" },
    /* Nothing matches. */
    { "zqxj", "none", "'zqxj' (no match)" },
  };
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Times to open the window (default 3)", "N" },
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv, "Print key<TAB>value lines", NULL },
    { "merge-units", 0, 0, G_OPTION_ARG_INT, &merge_units,
      "Also merge N units' files of 500 tasks cut from FILE (Merge Units…) into a new region", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));

  context = g_option_context_new ("FILE.taskmap - time the window on a portfolio");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc != 2)
    {
      g_printerr ("Usage: %s [--runs N] [--tsv] [--merge-units N] FILE.taskmap\n", g_get_prgname ());
      return EXIT_FAILURE;
    }
  n_runs = CLAMP (n_runs, 1, 20);

  /* The units' files are cut before the window opens FILE (which it then holds). */
  if (merge_units > 0)
    {
      TmCountry country;
      gsize bytes = 0;

      units_dir = g_dir_make_tmp ("bench-window-units-XXXXXX", &error);
      if (units_dir == NULL)
        die (error);
      g_printerr ("cutting %d units' files of %u tasks from %s\n", merge_units, UNIT_TASKS, argv[1]);
      unit_files = bench_units_make_files (argv[1], units_dir, merge_units, UNIT_TASKS, 0, &country, &bytes);
    }

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run under xvfb-run\n");
      return EXIT_FAILURE;
    }

  figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  file = g_file_new_for_commandline_arg (argv[1]);

  app = tm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The first window pays for what GTK loads once (theme, fonts, icons);
   * later ones show what opening another portfolio costs. */
  window = open_window (app, file, cold);
  n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (tm_window_get_portfolio (window)));
  if (n_runs > 1)
    {
      g_autofree double *first = g_new (double, n_runs - 1);
      g_autofree double *settled = g_new (double, n_runs - 1);

      close_window (window);
      for (int run = 0; run < n_runs - 1; run++)
        {
          window = open_window (app, file, t);
          first[run] = t[2];
          settled[run] = t[3];
          if (run < n_runs - 2)
            close_window (window);
        }

      warm = g_new (double, 2);
      warm[0] = bench_median (first, n_runs - 1);
      warm[1] = bench_median (settled, n_runs - 1);
    }

  add_figure ("win_tasks", "tasks", n_tasks, "");
  add_figure ("win_open_portfolio", "open: tm_portfolio_open (first window)", cold[0], "ms");
  add_figure ("win_open_window", "open: + window made and filled", cold[1], "ms");
  add_figure ("win_first_frame", "open to first frame (first window)", cold[2], "ms");
  add_figure ("win_settled_frame", "open to complete list shown (first window)", cold[3], "ms");
  if (warm != NULL)
    {
      add_figure ("win_first_frame_warm", "open to first frame (later windows, median)", warm[0], "ms");
      add_figure ("win_settled_frame_warm", "open to complete list (later windows, median)", warm[1], "ms");
    }

  /* From here on the frame clock ticks all the time. */
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, NULL, NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
  bench_spin (400);

  /* The keys and labels made here live as long as the program. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      FilterRun run = { 0 };
      FilterRun clear = { 0 };

      set_search (window, queries[i].text, &run);
      set_search (window, "", &clear);

      add_figure (g_strdup_printf ("win_filter_%s", queries[i].key),
                  g_strdup_printf ("search %s: until shown", queries[i].label), run.done_ms, "ms");
      add_figure (g_strdup_printf ("win_filter_%s_first", queries[i].key),
                  g_strdup_printf ("search %s: rows in view shown", queries[i].label), run.first_ms, "ms");
      add_figure (g_strdup_printf ("win_filter_%s_sync", queries[i].key),
                  g_strdup_printf ("search %s: in the call", queries[i].label), run.sync_ms, "ms");
      add_figure (g_strdup_printf ("win_filter_%s_stall", queries[i].key),
                  g_strdup_printf ("search %s: longest stall", queries[i].label), run.stall_ms, "ms");
      add_figure (g_strdup_printf ("win_filter_%s_rows", queries[i].key),
                  g_strdup_printf ("search %s: rows shown", queries[i].label), run.n_shown, "");
      add_figure (g_strdup_printf ("win_clear_%s", queries[i].key),
                  g_strdup_printf ("clear search %s: until shown", queries[i].label), clear.done_ms, "ms");
      add_figure (g_strdup_printf ("win_clear_%s_stall", queries[i].key),
                  g_strdup_printf ("clear search %s: longest stall", queries[i].label), clear.stall_ms, "ms");
      worst_stall = MAX (worst_stall, MAX (run.stall_ms, clear.stall_ms));
    }
  add_figure ("win_filter_stall_max", "search: longest stall of all", worst_stall, "ms");

  {
    double stall, done;
    guint shown;
    FilterRun clear = { 0 };

    type_search (window, "medicinvogne", &stall, &done, &shown);
    add_figure ("win_type_stall", "typing 'medicinvogne': longest stall", stall, "ms");
    add_figure ("win_type_done", "typing: last key to list shown (after delay)", done, "ms");
    add_figure ("win_type_rows", "typing: rows shown", shown, "");
    set_search (window, "", &clear);
  }

  {
    double done, first, stall;

    scroll_pages (window);

    /* The first column is the title: a text sort, as a click on its header does. */
    if (sort_by (window, 0, &done, &first, &stall))
      {
        add_figure ("win_sort_title", "sort by title: until shown", done, "ms");
        add_figure ("win_sort_title_first", "sort by title: rows in view shown", first, "ms");
        add_figure ("win_sort_title_stall", "sort by title: longest stall", stall, "ms");
        sort_by (window, G_MAXUINT, &done, &first, &stall);
        add_figure ("win_unsort", "back to catalogue order: until shown", done, "ms");
        add_figure ("win_unsort_stall", "back to catalogue order: longest stall", stall, "ms");
      }
    else
      {
        /* Not finished: say so rather than give up on every other figure. */
        add_figure ("win_sort_title_timeout", "sort by title: NOT FINISHED after", done, "ms");
        add_figure ("win_sort_title_stall", "sort by title: longest stall (until given up)", stall, "ms");
      }
  }

  {
    double shown, shown_stall, edit, edit_stall;

    show_capacity (window, &shown, &shown_stall, &edit, &edit_stall);
    add_figure ("win_capacity_shown", "capacity page: until its figures are shown", shown, "ms");
    add_figure ("win_capacity_stall", "capacity page: longest stall", shown_stall, "ms");
    add_figure ("win_capacity_edit", "capacity page, an edit: until shown again", edit, "ms");
    add_figure ("win_capacity_edit_stall", "capacity page, an edit: longest stall", edit_stall, "ms");
  }

  {
    double done, stall, bar;

    write_report (window, &done, &stall, &bar);
    add_figure ("win_report_done", "committee report (PDF): until written", done, "ms");
    add_figure ("win_report_stall", "committee report: longest stall", stall, "ms");
    add_figure ("win_report_bar_gap", "committee report: longest the bar stood still", bar, "ms");
  }

  {
    double done, stall;
    guint imported = 0;

    import_csv_into_new (window, &done, &stall, &imported);
    if (imported != n_tasks)
      {
        g_printerr ("The spreadsheet brought %u tasks in, not %u\n", imported, n_tasks);
        return EXIT_FAILURE;
      }
    add_figure ("win_csv_done", "import of its catalogue (CSV) into a new portfolio: until shown", done, "ms");
    add_figure ("win_csv_stall", "spreadsheet import: longest stall", stall, "ms");
  }

  {
    ImportRun run = { 0 };

    import_into_new (window, &run);
    if (run.n_tasks != n_tasks)
      {
        g_printerr ("The import brought %u tasks in, not %u\n", run.n_tasks, n_tasks);
        return EXIT_FAILURE;
      }
    add_figure ("win_import_done", "import of its export into a new portfolio: until shown", run.done_ms, "ms");
    add_figure ("win_import_stall", "import: longest stall", run.stall_ms, "ms");
    add_figure ("win_import_bar_gap", "import: longest the bar stood still", run.bar_gap_ms, "ms");
    add_figure ("win_import_undo", "undo of the import: until shown", run.undo_ms, "ms");
    add_figure ("win_import_undo_stall", "undo of the import: longest stall", run.undo_stall_ms, "ms");
    add_figure ("win_paste_rows", "paste: rows of minutes pasted onto the region", run.n_pasted, "");
    add_figure ("win_paste_done", "paste: until in and shown", run.paste_ms, "ms");
    add_figure ("win_paste_stall", "paste: longest stall", run.paste_stall_ms, "ms");
  }

  if (unit_files != NULL)
    {
      MergeRun run = { 0 };
      guint n_expected = unit_files->len * UNIT_TASKS;

      merge_into_new (window, unit_files, n_expected, &run);
      if (run.n_tasks != n_expected)
        {
          g_printerr ("The merge brought %u tasks in, not %u\n", run.n_tasks, n_expected);
          return EXIT_FAILURE;
        }
      add_figure ("win_merge_files", "merge units: files of 500 tasks", unit_files->len, "");
      add_figure ("win_merge_done", "merge units into a new region: until shown", run.done_ms, "ms");
      add_figure ("win_merge_stall", "merge units: longest stall", run.stall_ms, "ms");
      add_figure ("win_merge_bar_gap", "merge units: longest the bar stood still", run.bar_gap_ms, "ms");
      for (guint i = 0; i < unit_files->len; i++)
        g_file_delete (g_ptr_array_index (unit_files, i), NULL, NULL);
      g_rmdir (units_dir);
    }

  getrusage (RUSAGE_SELF, &usage);
  add_figure ("win_peak_rss_mb", "peak RSS (ru_maxrss)", usage.ru_maxrss / 1024.0, "MB");

  if (!tsv)
    g_print ("%s (%s renderer)\n", argv[1],
             g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  print_figures ();

  gtk_window_destroy (GTK_WINDOW (window));
  bench_spin (50);

  return EXIT_SUCCESS;
}
