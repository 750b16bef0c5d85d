/* bench-matrix.c
 * Times the task × profession matrix on a large portfolio: the layout built
 * by the core, the first frame of a TmMatrixView, scrolling by pages and by
 * rows one step per frame, the keyboard cursor and a move chosen with Return.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-matrix"

#include "config.h"

#include "bench-util.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tm-core.h"
#include "render/tm-draw.h"
#include "views/tm-matrix-view.h"
#include "views/tm-matrix-view-private.h"
#include "views/tm-chart-view-private.h"
#include "tm-assessment-pane-private.h"
#include "taskmap-resources.h"

#define FRAME_BUDGET   (1000.0 / 60)
#define WINDOW_WIDTH   1280
#define WINDOW_HEIGHT  800

typedef enum {
  PHASE_IDLE,
  PHASE_PAGES,    /* the vertical adjustment moved by its page size */
  PHASE_ROWS,     /* ... by one row (its step increment) */
  PHASE_KEYS,     /* Down through the key hook */
  PHASE_BASELINE, /* a window of the same size that only fills itself, redrawn */
} Phase;

/* What one measured frame cost, in ms. */
typedef struct {
  double work;       /* before-paint to after-paint of the frame */
  double snapshot;   /* in the matrix view's snapshot() during that frame */
  double interval;   /* after-paint of the previous step's frame to this one's */
  double latency;    /* the step (in the tick) to after-paint */
  double call;       /* keys: in _tm_matrix_view_press_key() */
  guint  drawn;      /* the view drew in the frame */
} Frame;

typedef struct {
  const char *key;
  const char *label;
  double      value;
  const char *unit;
} Figure;

static struct {
  TmMatrixView  *view;
  GtkAdjustment *vadjustment;
  GtkWidget     *baseline;

  /* The frame clock, as the frame goes. */
  guint          n_paints;
  gint64         frame_start;       /* before-paint */
  gint64         last_paint;        /* after-paint */
  gint64         last_frame_work;

  /* The snapshot hook. */
  guint          n_snapshots;
  gint64         snapshot_usec;     /* since the last after-paint */
  guint          snapshots_at_paint;
  guint          n_view_paints;     /* frames in which the view drew */
  gint64         last_view_paint;

  /* The scripted steps, one per frame. */
  Phase          phase;
  guint          steps_left;
  gboolean       step_pending;      /* made in this frame's tick, not yet painted */
  int            direction;
  gint64         step_time;
  gint64         last_step_paint;
  double         call_ms;
  guint          snapshots_at_step;
  GArray        *frames;            /* of Frame: the current phase's */
} bench;

static void (*parent_snapshot) (GtkWidget   *widget,
                                GtkSnapshot *snapshot);

static GArray *figures;
static gboolean tsv;
static int n_runs = 3;
static int n_pages = 100;
static int n_rows = 200;
static int n_keys = 500;
static int n_edits = 20;

static void
add_figure (const char *key,
            const char *label,
            double      value,
            const char *unit)
{
  Figure f = { key, label, value, unit };

  g_array_append_val (figures, f);
}

static double
maximum (const double *values,
         guint         n)
{
  double m = 0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, values[i]);
  return m;
}

static gint64
wait_for_paint (void)
{
  guint n = bench.n_paints;

  BENCH_WAIT_FOR ("a frame", bench.n_paints > n);

  return bench.last_paint;
}

/* The matrix view's snapshot(), timed: what the view and the core's drawing
 * cost on the main thread (recording the cairo drawing; the renderer replays
 * it later in the frame). */
static void
timed_snapshot (GtkWidget   *widget,
                GtkSnapshot *snapshot)
{
  gint64 start = g_get_monotonic_time ();

  parent_snapshot (widget, snapshot);
  bench.snapshot_usec += g_get_monotonic_time () - start;
  bench.n_snapshots++;
}

static void
on_before_paint (GdkFrameClock *clock,
                 gpointer       user_data)
{
  bench.frame_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  bench.n_paints++;
  bench.last_paint = now;
  bench.last_frame_work = now - bench.frame_start;
  if (bench.n_snapshots > bench.snapshots_at_paint)
    {
      bench.n_view_paints++;
      bench.last_view_paint = now;
    }
  bench.snapshots_at_paint = bench.n_snapshots;

  if (bench.step_pending)
    {
      Frame f = { 0 };

      f.work = bench.last_frame_work / 1000.0;
      f.snapshot = bench.snapshot_usec / 1000.0;
      f.interval = bench.last_step_paint > 0 ? (now - bench.last_step_paint) / 1000.0 : -1;
      f.latency = (now - bench.step_time) / 1000.0;
      f.call = bench.call_ms;
      f.drawn = bench.n_snapshots > bench.snapshots_at_step;
      g_array_append_val (bench.frames, f);

      bench.last_step_paint = now;
      bench.step_pending = FALSE;
      if (bench.steps_left > 0)
        bench.steps_left--;
      if (bench.steps_left == 0)
        bench.phase = PHASE_IDLE;
    }

  bench.snapshot_usec = 0;
}

/* The next step of the current phase, in the frame clock's update phase: what
 * it changes is laid out and painted in this same frame. */
static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GtkAdjustment *adj = bench.vadjustment;
  double value = 0, step, upper = 0, page = 0;
  gint64 start;

  if (bench.phase == PHASE_IDLE || bench.step_pending || bench.steps_left == 0)
    return G_SOURCE_CONTINUE;

  if (adj != NULL)
    {
      value = gtk_adjustment_get_value (adj);
      upper = gtk_adjustment_get_upper (adj);
      page = gtk_adjustment_get_page_size (adj);
    }

  bench.snapshots_at_step = bench.n_snapshots;
  bench.step_time = g_get_monotonic_time ();
  bench.call_ms = 0;

  switch (bench.phase)
    {
    case PHASE_PAGES:
    case PHASE_ROWS:
      step = bench.phase == PHASE_PAGES ? page : gtk_adjustment_get_step_increment (adj);
      /* At an end, turn round: every step shows new rows. */
      if (bench.direction > 0 && value + page + step > upper + 0.5)
        bench.direction = -1;
      else if (bench.direction < 0 && value - step < -0.5)
        bench.direction = 1;
      gtk_adjustment_set_value (adj, value + bench.direction * step);
      break;

    case PHASE_KEYS:
      start = g_get_monotonic_time ();
      _tm_matrix_view_press_key (bench.view, GDK_KEY_Down, 0);
      bench.call_ms = bench_ms_since (start);
      break;

    case PHASE_BASELINE:
      gtk_widget_queue_draw (bench.baseline);
      break;

    case PHASE_IDLE:
    default:
      g_assert_not_reached ();
    }

  bench.step_pending = TRUE;

  return G_SOURCE_CONTINUE;
}

static void
on_realize (GtkWidget *widget,
            gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
}

/* Runs @n steps of @phase, one per frame; returns the frames (free with
 * g_array_unref). */
static GArray *
run_phase (Phase phase,
           guint n)
{
  GArray *frames = g_array_new (FALSE, TRUE, sizeof (Frame));

  /* Start from a quiet frame. */
  wait_for_paint ();
  wait_for_paint ();

  bench.frames = frames;
  bench.direction = 1;
  bench.last_step_paint = 0;
  bench.steps_left = n;
  bench.phase = phase;
  BENCH_WAIT_FOR ("the steps", bench.phase == PHASE_IDLE);
  bench.frames = NULL;

  return frames;
}

/* Figures of @frames under @key ("mat_pages", ...). */
static void
report_frames (const char *key,
               const char *what,
               GArray     *frames,
               gboolean    with_call)
{
  guint n = frames->len;
  g_autofree double *work = g_new (double, MAX (n, 1));
  g_autofree double *snap = g_new (double, MAX (n, 1));
  g_autofree double *interval = g_new (double, MAX (n, 1));
  g_autofree double *latency = g_new (double, MAX (n, 1));
  g_autofree double *call = g_new (double, MAX (n, 1));
  guint n_over = 0, n_late = 0, n_intervals = 0, n_drawn = 0;

  for (guint i = 0; i < n; i++)
    {
      const Frame *f = &g_array_index (frames, Frame, i);

      work[i] = f->work;
      snap[i] = f->snapshot;
      latency[i] = f->latency;
      call[i] = f->call;
      if (f->interval >= 0)
        {
          interval[n_intervals++] = f->interval;
          /* A step per frame at 60 Hz: more than one and a half frames means
           * at least one frame was missed. */
          if (f->interval > 1.5 * FRAME_BUDGET)
            n_late++;
        }
      if (f->work > FRAME_BUDGET)
        n_over++;
      n_drawn += f->drawn;
    }

/* The keys and labels made here live as long as the program. */
#define FIG(suffix, label, value, unit) \
  add_figure (g_strdup_printf ("%s_%s", key, suffix), g_strdup_printf ("%s: %s", what, label), value, unit)

  FIG ("n", "frames measured", n, "");
  FIG ("drawn", "of which the view drew", n_drawn, "");
  FIG ("work_median", "frame time, median", bench_median (work, n), "ms");
  FIG ("work_p95", "frame time, 95th percentile", bench_percentile (work, n, 95), "ms");
  FIG ("work_max", "frame time, max", maximum (work, n), "ms");
  FIG ("work_over", "frames over 16.7 ms", n_over, "");
  FIG ("snapshot_median", "in the view's snapshot, median", bench_median (snap, n), "ms");
  FIG ("snapshot_p95", "in the view's snapshot, 95th percentile", bench_percentile (snap, n, 95), "ms");
  FIG ("snapshot_max", "in the view's snapshot, max", maximum (snap, n), "ms");
  FIG ("interval_median", "frame interval, median", bench_median (interval, n_intervals), "ms");
  FIG ("interval_p95", "frame interval, 95th percentile", bench_percentile (interval, n_intervals, 95), "ms");
  FIG ("interval_max", "frame interval, max", maximum (interval, n_intervals), "ms");
  FIG ("late", "frames missed (interval over 25 ms)", n_late, "");
  FIG ("latency_median", "step to frame shown, median", bench_median (latency, n), "ms");
  FIG ("latency_max", "step to frame shown, max", maximum (latency, n), "ms");
  if (with_call)
    {
      FIG ("call_median", "in the key handler, median", bench_median (call, n), "ms");
      FIG ("call_p95", "in the key handler, 95th percentile", bench_percentile (call, n, 95), "ms");
      FIG ("call_max", "in the key handler, max", maximum (call, n), "ms");
    }

#undef FIG
}

static const char *
first_scenario_id (TmPortfolio *portfolio)
{
  g_autoptr(TmScenario) scenario = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);

  /* The portfolio keeps its scenarios: the id outlives our reference. */
  return scenario != NULL ? tm_scenario_get_id (scenario) : NULL;
}

/* The core alone: the professions in play, the layout of every task, and
 * drawing one screen of it on an image surface. */
static void
bench_core_layout (TmPortfolio *portfolio)
{
  const char *scenario_id = first_scenario_id (portfolio);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  double in_play_ms[16], layout_ms[16], free_ms[16], draw_first_ms[16], draw_ms[16];
  guint n_columns = 0, n_layout_rows = 0, n_in_play = 0;
  int runs = 5;

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(GListModel) in_play = NULL;
      TmMatrixLayout *layout;
      cairo_surface_t *surface;
      cairo_t *cr;
      double header;
      gint64 start;

      start = g_get_monotonic_time ();
      in_play = tm_matrix_professions_in_play (portfolio, scenario_id, tasks);
      in_play_ms[run] = bench_ms_since (start);
      n_in_play = g_list_model_get_n_items (in_play);

      start = g_get_monotonic_time ();
      layout = tm_matrix_layout_new (portfolio, scenario_id, tasks, in_play, NULL);
      layout_ms[run] = bench_ms_since (start);
      n_columns = tm_matrix_layout_get_n_columns (layout);
      n_layout_rows = tm_matrix_layout_get_n_rows (layout);
      header = tm_matrix_layout_get_header_height (layout);

      /* One screen of rows, a third of the way down; the first draw makes the
       * rows' text layouts, the second finds them cached. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WINDOW_WIDTH, WINDOW_HEIGHT);
      cr = cairo_create (surface);
      for (int pass = 0; pass < 2; pass++)
        {
          double top = tm_matrix_layout_get_height (layout) / 3;

          start = g_get_monotonic_time ();
          cairo_save (cr);
          cairo_translate (cr, 0, -top);
          tm_matrix_layout_draw_rows (layout, cr, NULL, top + header, top + WINDOW_HEIGHT);
          cairo_restore (cr);
          tm_matrix_layout_draw_header (layout, cr, NULL);
          cairo_surface_flush (surface);
          (pass == 0 ? draw_first_ms : draw_ms)[run] = bench_ms_since (start);
        }
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      start = g_get_monotonic_time ();
      tm_matrix_layout_free (layout);
      free_ms[run] = bench_ms_since (start);
    }

  add_figure ("mat_tasks", "tasks", g_list_model_get_n_items (tasks), "");
  add_figure ("mat_professions_in_play", "professions in play (columns)", n_in_play, "");
  add_figure ("mat_layout_rows", "layout rows (tasks and group headings)", n_layout_rows, "");
  add_figure ("mat_layout_columns", "layout columns (with the outcome column)", n_columns, "");
  add_figure ("mat_core_in_play", "core: tm_matrix_professions_in_play, median", bench_median (in_play_ms, runs), "ms");
  add_figure ("mat_core_layout", "core: tm_matrix_layout_new, median", bench_median (layout_ms, runs), "ms");
  add_figure ("mat_core_layout_max", "core: tm_matrix_layout_new, max", maximum (layout_ms, runs), "ms");
  add_figure ("mat_core_layout_free", "core: tm_matrix_layout_free, median", bench_median (free_ms, runs), "ms");
  add_figure ("mat_core_draw_first", "core: draw a screen (image), first", bench_median (draw_first_ms, runs), "ms");
  add_figure ("mat_core_draw", "core: draw a screen (image), cached", bench_median (draw_ms, runs), "ms");
}

typedef struct {
  GtkWindow    *window;
  TmMatrixView *view;
} MatrixWindow;

/* Makes and shows a window with the matrix of @portfolio, as the main window's
 * matrix page does; @t: ms to the view being set up, and to its first frame. */
static MatrixWindow
open_matrix (TmPortfolio *portfolio,
             double       t[2])
{
  MatrixWindow w;
  GtkWidget *scroller;
  gint64 start;
  guint n_view_paints;

  start = g_get_monotonic_time ();
  w.window = GTK_WINDOW (gtk_window_new ());
  g_signal_connect (w.window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_set_default_size (w.window, WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_title (w.window, "bench-matrix");
  scroller = gtk_scrolled_window_new ();
  w.view = TM_MATRIX_VIEW (tm_matrix_view_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (w.view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Matrix", -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (w.view));
  gtk_window_set_child (w.window, scroller);
  tm_matrix_view_set_portfolio (w.view, portfolio);
  tm_matrix_view_set_tasks (w.view, tm_portfolio_get_tasks (portfolio));
  tm_matrix_view_set_scenario (w.view, first_scenario_id (portfolio));
  t[0] = bench_ms_since (start);

  n_view_paints = bench.n_view_paints;
  gtk_window_present (w.window);
  gtk_widget_grab_focus (GTK_WIDGET (w.view));
  BENCH_WAIT_FOR ("the first frame", bench.n_view_paints > n_view_paints);
  t[1] = (bench.last_view_paint - start) / 1000.0;

  return w;
}

/* Return on a cell: choose its profession as the task's move, then unchoose it.
 * Each is an edit of the portfolio (stored at once), after which the view
 * rebuilds its layout in an idle before the next frame. Pressed from the main
 * loop, as a key event is: the time in the key handler (the edit), in the
 * rebuild, and from the key to the frame that shows it. */
static void
bench_edits (TmMatrixView *view)
{
  g_autofree double *call = g_new (double, n_edits);
  g_autofree double *rebuild = g_new (double, n_edits);
  g_autofree double *latency = g_new (double, n_edits);
  g_autofree double *work = g_new (double, n_edits);
  int row = -1, column = -1;

  _tm_matrix_view_get_cursor (view, &row, &column);
  tm_matrix_view_set_cursor (view, MAX (row, 1), 1);

  for (int i = 0; i < n_edits; i++)
    {
      guint n_view_paints;
      gint64 start, mid;

      wait_for_paint ();
      n_view_paints = bench.n_view_paints;
      start = g_get_monotonic_time ();
      _tm_matrix_view_press_key (view, GDK_KEY_Return, 0);
      mid = g_get_monotonic_time ();
      call[i] = (mid - start) / 1000.0;
      /* Runs the rebuild the edit queued, now rather than in its idle. */
      (void) _tm_matrix_view_get_layout (view);
      rebuild[i] = bench_ms_since (mid);
      BENCH_WAIT_FOR ("the edit's frame", bench.n_view_paints > n_view_paints);
      latency[i] = (bench.last_view_paint - start) / 1000.0;
      work[i] = bench.last_frame_work / 1000.0;
    }

  add_figure ("mat_edit_call_median", "Return (choose/unchoose a move): edit stored, median", bench_median (call, n_edits), "ms");
  add_figure ("mat_edit_call_max", "Return: edit stored, max", maximum (call, n_edits), "ms");
  add_figure ("mat_edit_rebuild_median", "Return: layout rebuilt, median", bench_median (rebuild, n_edits), "ms");
  add_figure ("mat_edit_rebuild_max", "Return: layout rebuilt, max", maximum (rebuild, n_edits), "ms");
  add_figure ("mat_edit_latency_median", "Return: key to frame shown, median", bench_median (latency, n_edits), "ms");
  add_figure ("mat_edit_latency_max", "Return: key to frame shown, max", maximum (latency, n_edits), "ms");
  add_figure ("mat_edit_work_median", "Return: frame time, median", bench_median (work, n_edits), "ms");
}

static void
draw_baseline (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
}

/* What a frame costs that redraws a window of the same size whole and draws
 * nothing in it: the part of the frame time the matrix cannot change (the
 * renderer, the copy to the X server). */
static void
bench_baseline (void)
{
  g_autoptr(GArray) frames = NULL;
  g_autofree double *work = NULL;
  GtkWindow *window;

  window = GTK_WINDOW (gtk_window_new ());
  g_signal_connect (window, "realize", G_CALLBACK (on_realize), NULL);
  gtk_window_set_default_size (window, WINDOW_WIDTH, WINDOW_HEIGHT);
  bench.baseline = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bench.baseline), draw_baseline, NULL, NULL);
  gtk_window_set_child (window, bench.baseline);
  gtk_widget_add_tick_callback (bench.baseline, on_tick, NULL, NULL);
  bench.vadjustment = NULL;
  gtk_window_present (window);
  wait_for_paint ();
  bench_spin (200);

  frames = run_phase (PHASE_BASELINE, 100);
  work = g_new (double, frames->len);
  for (guint i = 0; i < frames->len; i++)
    work[i] = g_array_index (frames, Frame, i).work;
  add_figure ("mat_baseline_work_median", "baseline, empty window redrawn: frame time, median",
              bench_median (work, frames->len), "ms");
  add_figure ("mat_baseline_work_p95", "baseline, empty window redrawn: frame time, 95th percentile",
              bench_percentile (work, frames->len, 95), "ms");
  add_figure ("mat_baseline_work_max", "baseline, empty window redrawn: frame time, max",
              maximum (work, frames->len), "ms");

  gtk_window_destroy (window);
  bench.baseline = NULL;
  bench_spin (50);
}

static void
close_matrix (MatrixWindow *w)
{
  gtk_window_destroy (w->window);
  bench_spin (50);
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
        g_print ("  %-56s %10.0f\n", f->label, f->value);
      else
        g_print ("  %-56s %10.2f %s\n", f->label, f->value, f->unit);
    }
}

/* A copy of @file in a new temporary directory: the edits must not change the
 * benchmark's data. */
static GFile *
copy_to_temp (GFile   *file,
              char   **dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) copy = NULL;

  *dir = g_dir_make_tmp ("bench-matrix-XXXXXX", &error);
  if (*dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }
  copy = g_file_new_build_filename (*dir, "portfolio.taskmap", NULL);
  if (!g_file_copy (file, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }

  return g_steal_pointer (&copy);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *tmpdir = NULL;
  GtkWidgetClass *widget_class;
  MatrixWindow w = { 0 };
  struct rusage usage;
  double t[2], cold[2];
  gint64 start;
  double open_ms;
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Windows to open (default 3)", "N" },
    { "pages", 0, 0, G_OPTION_ARG_INT, &n_pages, "Page steps (default 100)", "N" },
    { "rows", 0, 0, G_OPTION_ARG_INT, &n_rows, "One-row steps (default 200)", "N" },
    { "keys", 0, 0, G_OPTION_ARG_INT, &n_keys, "Down keys (default 500)", "N" },
    { "edits", 0, 0, G_OPTION_ARG_INT, &n_edits, "Return keys (default 20)", "N" },
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv, "Print key<TAB>value lines", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));

  context = g_option_context_new ("FILE.taskmap - time the task × profession matrix");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc != 2)
    {
      g_printerr ("Usage: %s [--runs N] [--pages N] [--rows N] [--keys N] [--edits N] [--tsv] FILE.taskmap\n",
                  g_get_prgname ());
      return EXIT_FAILURE;
    }
  n_runs = CLAMP (n_runs, 1, 20);
  n_pages = CLAMP (n_pages, 0, 100000);
  n_rows = CLAMP (n_rows, 0, 100000);
  n_keys = CLAMP (n_keys, 0, 100000);
  n_edits = CLAMP (n_edits, 0, 1000);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run under xvfb-run\n");
      return EXIT_FAILURE;
    }
  (void) taskmap_get_resource ();

  /* Time the view's snapshot(): wrap the class's. */
  widget_class = g_type_class_ref (TM_TYPE_MATRIX_VIEW);
  parent_snapshot = widget_class->snapshot;
  widget_class->snapshot = timed_snapshot;

  figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  file = g_file_new_for_commandline_arg (argv[1]);
  /* Return edits the portfolio: work on a copy. */
  copy = copy_to_temp (file, &tmpdir);

  start = g_get_monotonic_time ();
  portfolio = tm_portfolio_open (copy, &error);
  if (portfolio == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_FAILURE;
    }
  open_ms = bench_ms_since (start);

  bench_core_layout (portfolio);
  add_figure ("mat_open", "tm_portfolio_open", open_ms, "ms");

  /* The first window pays for what GTK loads once (theme, fonts). */
  w = open_matrix (portfolio, cold);
  if (n_runs > 1)
    {
      g_autofree double *setup = g_new (double, n_runs - 1);
      g_autofree double *first = g_new (double, n_runs - 1);

      for (int run = 0; run < n_runs - 1; run++)
        {
          close_matrix (&w);
          w = open_matrix (portfolio, t);
          setup[run] = t[0];
          first[run] = t[1];
        }
      add_figure ("mat_setup", "view made and set up (later windows, median)", bench_median (setup, n_runs - 1), "ms");
      add_figure ("mat_first_frame", "window to first frame (later windows, median)", bench_median (first, n_runs - 1), "ms");
    }
  add_figure ("mat_setup_cold", "view made and set up (first window)", cold[0], "ms");
  add_figure ("mat_first_frame_cold", "window to first frame (first window)", cold[1], "ms");

  bench.view = w.view;
  bench.vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (w.view));
  if (bench.vadjustment == NULL)
    {
      g_printerr ("The matrix view has no vertical adjustment\n");
      return EXIT_FAILURE;
    }
  {
    TmMatrixLayout *layout = _tm_matrix_view_get_layout (w.view);
    guint drawn = 0;

    (void) _tm_matrix_view_get_draw_count (w.view, &drawn);
    add_figure ("mat_view_columns", "view: columns shown", tm_matrix_layout_get_n_columns (layout), "");
    add_figure ("mat_view_rows_drawn", "view: rows drawn in a frame", drawn, "");
    add_figure ("mat_view_height", "view: canvas height", tm_matrix_layout_get_height (layout), "px");
    add_figure ("mat_view_page", "view: page size (vertical)", gtk_adjustment_get_page_size (bench.vadjustment), "px");
  }

  /* From here on the frame clock ticks all the time; the tick makes the steps. */
  gtk_widget_add_tick_callback (GTK_WIDGET (w.view), on_tick, NULL, NULL);
  bench_spin (200);

  {
    g_autoptr(GArray) pages = NULL;
    g_autoptr(GArray) rows = NULL;
    g_autoptr(GArray) keys = NULL;

    gtk_adjustment_set_value (bench.vadjustment, 0);
    if (n_pages > 0)
      {
        pages = run_phase (PHASE_PAGES, n_pages);
        report_frames ("mat_pages", "scroll a page", pages, FALSE);
      }

    /* One row at a time from the middle. */
    gtk_adjustment_set_value (bench.vadjustment, gtk_adjustment_get_upper (bench.vadjustment) / 2);
    if (n_rows > 0)
      {
        rows = run_phase (PHASE_ROWS, n_rows);
        report_frames ("mat_rows", "scroll a row", rows, FALSE);
      }

    /* Down from the first task: the cursor leaves the screen and the view follows it. */
    tm_matrix_view_set_cursor (w.view, 1, 0);
    gtk_adjustment_set_value (bench.vadjustment, 0);
    if (n_keys > 0)
      {
        keys = run_phase (PHASE_KEYS, n_keys);
        report_frames ("mat_keys", "Down key", keys, TRUE);
      }

    if (n_edits > 0)
      bench_edits (w.view);
  }

  close_matrix (&w);
  bench_baseline ();

  getrusage (RUSAGE_SELF, &usage);
  add_figure ("mat_peak_rss_mb", "peak RSS (ru_maxrss)", usage.ru_maxrss / 1024.0, "MB");

  if (!tsv)
    g_print ("%s (%s renderer)\n", argv[1],
             g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  print_figures ();

  tm_portfolio_close (portfolio);
  g_file_delete (copy, NULL, NULL);
  {
    g_autofree char *wal = g_strconcat (g_file_peek_path (copy), "-wal", NULL);
    g_autofree char *shm = g_strconcat (g_file_peek_path (copy), "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (tmpdir);

  return EXIT_SUCCESS;
}
