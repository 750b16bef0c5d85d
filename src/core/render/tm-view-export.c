/* tm-view-export.c
 * Rendering a whole view to a PNG, SVG or PDF file, in the portfolio's language.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-export"

#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include "model/tm-i18n-private.h"

#include "render/tm-draw-private.h"
#include "exchange/tm-atomic.h"
#include "render/tm-board.h"

G_DEFINE_QUARK (tm-export-error-quark, tm_export_error)

/* A4 landscape, in points and in units (96 dpi) */
#define PAGE_WIDTH_PT   841.89
#define PAGE_HEIGHT_PT  595.28
#define PT_TO_UNITS     (96.0 / 72.0)
#define PAGE_MARGIN     (36 * PT_TO_UNITS)
/* cairo image surfaces stop at 32767 pixels a side */
#define MAX_PNG_SIDE    32000.0

static const char * const view_ids[TM_N_VIEWS] = { "matrix", "grid", "capacity", "flow", "comparison",
                                                    "board" };

const char *
tm_view_kind_to_id (TmViewKind kind)
{
  g_return_val_if_fail ((guint) kind < TM_N_VIEWS, NULL);

  return view_ids[kind];
}

gboolean
tm_view_kind_from_id (const char *id,
                      TmViewKind *kind)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < TM_N_VIEWS; i++)
    if (g_strcmp0 (id, view_ids[i]) == 0)
      {
        if (kind != NULL)
          *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tm_view_kind_get_label (TmViewKind kind)
{
  switch (kind)
    {
    /* Translators: the name of a view */
    case TM_VIEW_MATRIX: return _("Task × profession matrix");
    /* Translators: the name of a view */
    case TM_VIEW_GRID: return _("Level × complexity");
    /* Translators: the name of a view */
    case TM_VIEW_CAPACITY: return _("Capacity");
    /* Translators: the name of a view: where the moved hours go */
    case TM_VIEW_FLOW: return _("Flow");
      /* Translators: a view: the scenarios side by side */
    case TM_VIEW_COMPARISON: return _("Scenarios side by side");
      /* Translators: a view: the moves of a scenario as cards, by status */
    case TM_VIEW_BOARD: return _("Board of moves");
    case TM_N_VIEWS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_export_format_get_extension (TmExportFormat format)
{
  static const char * const extensions[TM_N_EXPORT_FORMATS] = { "png", "svg", "pdf" };

  g_return_val_if_fail ((guint) format < TM_N_EXPORT_FORMATS, NULL);
  return extensions[format];
}

const char *
tm_export_format_get_mime_type (TmExportFormat format)
{
  static const char * const types[TM_N_EXPORT_FORMATS] = { "image/png", "image/svg+xml", "application/pdf" };

  g_return_val_if_fail ((guint) format < TM_N_EXPORT_FORMATS, NULL);
  return types[format];
}

const char *
tm_export_format_get_label (TmExportFormat format)
{
  switch (format)
    {
    case TM_EXPORT_PNG: return _("PNG image");
    case TM_EXPORT_SVG: return _("SVG image");
    case TM_EXPORT_PDF: return _("PDF document");
    case TM_N_EXPORT_FORMATS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Writing */

/* What a render needs */
typedef struct {
  TmPortfolio       *portfolio;
  const char        *scenario_id;
  TmViewKind         kind;
  TmExportFormat     format;
  TmDrawStyle        style;
  GListModel        *tasks;
  GListModel        *professions;
  TmAnalysis        *analysis;      /* charts */
  TmMatrixLayout    *matrix;        /* matrix */
  TmComparison      *comparison;    /* scenarios side by side */
  TmBoardLayout     *board;         /* the moves as cards */
  GArray            *page_starts;   /* paged views: where each page begins (units) */
} Job;

#define BOARD_WIDTH 1050.0

/* The board's title block: the view, the unit and the scenario. */
static double
board_title (Job     *job,
             cairo_t *cr,
             double   width)
{
  g_autoptr(TmPangoContext) context = _tm_draw_create_context ();

  if (!job->style.show_title)
    return 0;
  return _tm_draw_title_block (cr, context, &job->style, job->portfolio,
                               tm_view_kind_get_label (TM_VIEW_BOARD),
                               _tm_draw_scenario_name (job->portfolio, job->scenario_id), width);
}

static double
board_title_height (Job    *job,
                    double  width)
{
  return board_title (job, NULL, width);
}

/* Size of a view at its natural size, in units. */
static void
natural_size (Job    *job,
              double *width,
              double *height)
{
  double u = _tm_draw_unit (&job->style);
  double margin = ceil (u * 1.5);
  double w, h;

  switch (job->kind)
    {
    case TM_VIEW_MATRIX:
      w = MAX (tm_matrix_layout_get_width (job->matrix), u * 52);
      h = tm_matrix_layout_draw_title (job->matrix, NULL, w)
          + tm_draw_matrix_legend_full (NULL, &job->style, tm_portfolio_get_country (job->portfolio), w) + u
          + tm_matrix_layout_get_height (job->matrix);
      break;

    case TM_VIEW_GRID:
      tm_grid_get_min_size (&job->style, &w, &h);
      w = MAX (w, u * 68);
      h += u * 2;
      break;

    case TM_VIEW_CAPACITY:
      w = u * 75;
      h = tm_capacity_chart_get_height (job->portfolio, job->analysis, &job->style, w);
      break;

    case TM_VIEW_FLOW:
      w = u * 75;
      h = tm_flow_chart_get_height (job->portfolio, job->analysis, &job->style, w);
      break;

    case TM_VIEW_COMPARISON:
      w = u * (48 + 18 * MAX (tm_comparison_get_n_scenarios (job->comparison), 1));
      h = tm_comparison_chart_get_height (job->portfolio, job->comparison, &job->style, w);
      break;

    case TM_VIEW_BOARD:
      w = tm_board_layout_get_width (job->board);
      h = board_title_height (job, w) + tm_board_layout_get_height (job->board);
      break;

    case TM_N_VIEWS:
    default:
      g_assert_not_reached ();
    }

  *width = ceil (w + 2 * margin);
  *height = ceil (h + 2 * margin);
}

static void
draw_chart (Job     *job,
            cairo_t *cr,
            double   width,
            double   height)
{
  switch (job->kind)
    {
    case TM_VIEW_GRID:
      {
        g_autoptr(TmGridLayout) grid = tm_grid_layout_new (job->portfolio, job->analysis, &job->style,
                                                           TM_GRID_SHADE_HOURS, width, height);

        tm_grid_layout_draw (grid, cr, -1, -1);
      }
      break;

    case TM_VIEW_CAPACITY:
      tm_capacity_chart_draw (cr, job->portfolio, job->analysis, &job->style, width, height);
      break;

    case TM_VIEW_FLOW:
      tm_flow_chart_draw (cr, job->portfolio, job->analysis, &job->style, width, height);
      break;

    case TM_VIEW_COMPARISON:
      tm_comparison_chart_draw (cr, job->portfolio, job->comparison, &job->style, width, height);
      break;

    case TM_VIEW_MATRIX:
    case TM_VIEW_BOARD:
    case TM_N_VIEWS:
    default:
      g_assert_not_reached ();
    }
}

static double
chart_height (Job    *job,
              double  width)
{
  double h;

  switch (job->kind)
    {
    case TM_VIEW_GRID:
      tm_grid_get_min_size (&job->style, NULL, &h);
      return h;
    case TM_VIEW_CAPACITY:
      return tm_capacity_chart_get_height (job->portfolio, job->analysis, &job->style, width);
    case TM_VIEW_FLOW:
      return tm_flow_chart_get_height (job->portfolio, job->analysis, &job->style, width);
    case TM_VIEW_COMPARISON:
      return tm_comparison_chart_get_height (job->portfolio, job->comparison, &job->style, width);
    case TM_VIEW_MATRIX:
    case TM_VIEW_BOARD:
    case TM_N_VIEWS:
    default:
      g_assert_not_reached ();
    }
}

/* The whole view on one surface of @width × @height units (PNG, SVG). */
static void
render_single (Job     *job,
               cairo_t *cr,
               double   width,
               double   height)
{
  double u = _tm_draw_unit (&job->style);
  double margin = ceil (u * 1.5);
  double inner_w = width - 2 * margin;

  _tm_draw_set_color (cr, &job->style.background);
  cairo_paint (cr);

  cairo_save (cr);
  cairo_translate (cr, margin, margin);

  if (job->kind == TM_VIEW_BOARD)
    {
      double y = board_title (job, cr, inner_w);

      cairo_translate (cr, 0, y);
      tm_board_layout_draw (job->board, cr, 0, tm_board_layout_get_height (job->board), -1);
    }
  else if (job->kind == TM_VIEW_MATRIX)
    {
      double y = tm_matrix_layout_draw_title (job->matrix, cr, inner_w);

      cairo_translate (cr, 0, y);
      y = tm_draw_matrix_legend_full (cr, &job->style, tm_portfolio_get_country (job->portfolio), inner_w);
      cairo_translate (cr, 0, y + u);
      tm_matrix_layout_draw_header (job->matrix, cr, NULL);
      tm_matrix_layout_draw_rows (job->matrix, cr, NULL, 0, tm_matrix_layout_get_height (job->matrix));
    }
  else
    draw_chart (job, cr, inner_w, height - 2 * margin);

  cairo_restore (cr);
}

/* Paging: a view on pages whose printable area is @page_w × @page_h units.
 * The matrix: the title and legend on the first page, the column headers on
 * every one, as many rows as fit. The board: the title on the first, pages
 * broken between rows of cards. A chart: one page, scaled down to fit. */

static double
matrix_scale (Job    *job,
              double  page_w)
{
  double u = _tm_draw_unit (&job->style);
  double content_w = MAX (tm_matrix_layout_get_width (job->matrix), u * 52);

  return MIN (1.0, page_w / content_w);
}

static guint
matrix_rows_per_page (Job    *job,
                      double  page_w,
                      double  page_h,
                      guint   page)
{
  TmMatrixLayout *m = job->matrix;
  double u = _tm_draw_unit (&job->style);
  double content_w = MAX (tm_matrix_layout_get_width (m), u * 52);
  double avail_h = page_h / matrix_scale (job, page_w);
  double header_h = tm_matrix_layout_get_header_height (m);
  double row_h = tm_matrix_layout_get_row_height (m);
  double footer_h = u * 2;
  double first_top = tm_matrix_layout_draw_title (m, NULL, content_w)
                     + tm_draw_matrix_legend_full (NULL, &job->style,
                                                   tm_portfolio_get_country (job->portfolio),
                                                   content_w) + u;

  if (page == 0)
    return (guint) MAX (1, floor ((avail_h - first_top - header_h - footer_h) / row_h));
  return (guint) MAX (1, floor ((avail_h - header_h - footer_h) / row_h));
}

/* Where each page starts: a row of the matrix, a height on the board. */
static guint
count_pages (Job    *job,
             double  page_w,
             double  page_h)
{
  g_clear_pointer (&job->page_starts, g_array_unref);
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (double));

  if (job->kind == TM_VIEW_MATRIX)
    {
      guint n_rows = tm_matrix_layout_get_n_rows (job->matrix);
      guint row = 0;
      guint page = 0;

      do
        {
          double start = row;

          g_array_append_val (job->page_starts, start);
          row += matrix_rows_per_page (job, page_w, page_h, page++);
        }
      while (row < n_rows);
    }
  else if (job->kind == TM_VIEW_BOARD)
    {
      g_autoptr(GArray) breaks = NULL;
      double footer_h = _tm_draw_unit (&job->style) * 2;
      double top = 0;
      double start = 0;

      tm_board_layout_set_width (job->board, &job->style, page_w);
      breaks = tm_board_layout_dup_breaks (job->board);
      g_array_append_val (job->page_starts, start);
      top = board_title_height (job, page_w);
      /* Each page takes the rows that fit whole; a row taller than a page gets one. */
      for (guint i = 1; i < breaks->len; i++)
        {
          double at = g_array_index (breaks, double, i);
          double prev = g_array_index (breaks, double, i - 1);

          if (top + at - start > page_h - footer_h && prev > start)
            {
              start = prev;
              g_array_append_val (job->page_starts, start);
              top = 0;
            }
        }
    }
  else
    {
      double start = 0;

      g_array_append_val (job->page_starts, start);
    }

  return job->page_starts->len;
}

static void
draw_footer (Job     *job,
             cairo_t *cr,
             guint    page,
             double   width,
             double   y)
{
  g_autoptr(TmPangoContext) context = _tm_draw_create_context ();
  g_autofree char *footer = NULL;

  if (job->page_starts->len < 2)
    return;
  /* Translators: the footer of each page of an exported matrix */
  footer = g_strdup_printf (_("Page %u of %u"), page + 1, job->page_starts->len);
  _tm_draw_text (cr, context, &job->style, footer, TM_TEXT_SMALL | TM_TEXT_RIGHT, &job->style.muted,
                 0, y, width);
}

/* Draws @page (count_pages() first) with its top-left at the origin of @cr, in units. */
static void
draw_page (Job     *job,
           cairo_t *cr,
           guint    page,
           double   page_w,
           double   page_h)
{
  double u = _tm_draw_unit (&job->style);

  if (job->kind == TM_VIEW_MATRIX)
    {
      TmMatrixLayout *m = job->matrix;
      double content_w = MAX (tm_matrix_layout_get_width (m), u * 52);
      double scale = matrix_scale (job, page_w);
      double avail_h = page_h / scale;
      double header_h = tm_matrix_layout_get_header_height (m);
      double row_h = tm_matrix_layout_get_row_height (m);
      guint n_rows = tm_matrix_layout_get_n_rows (m);
      guint row = (guint) g_array_index (job->page_starts, double, page);
      guint last = MIN (row + matrix_rows_per_page (job, page_w, page_h, page), n_rows);
      double y = 0;

      cairo_save (cr);
      cairo_scale (cr, scale, scale);
      if (page == 0)
        {
          y = tm_matrix_layout_draw_title (m, cr, content_w);
          cairo_save (cr);
          cairo_translate (cr, 0, y);
          y += tm_draw_matrix_legend_full (cr, &job->style, tm_portfolio_get_country (job->portfolio),
                                           content_w) + u;
          cairo_restore (cr);
        }

      cairo_save (cr);
      cairo_translate (cr, 0, y);
      tm_matrix_layout_draw_header (m, cr, NULL);
      if (last > row)
        {
          double from = header_h + row * row_h;
          double to = header_h + last * row_h;

          cairo_translate (cr, 0, header_h - from);
          tm_matrix_layout_draw_rows (m, cr, NULL, from + 0.5, to - 0.5);
        }
      cairo_restore (cr);
      draw_footer (job, cr, page, content_w, avail_h - u * 1.3);
      cairo_restore (cr);
    }
  else if (job->kind == TM_VIEW_BOARD)
    {
      double start = g_array_index (job->page_starts, double, page);
      double end = page + 1 < job->page_starts->len
                   ? g_array_index (job->page_starts, double, page + 1)
                   : tm_board_layout_get_height (job->board);
      double top = 0;

      cairo_save (cr);
      if (page == 0)
        top = board_title (job, cr, page_w);
      cairo_rectangle (cr, 0, top, page_w, end - start);
      cairo_clip (cr);
      cairo_translate (cr, 0, top - start);
      tm_board_layout_draw (job->board, cr, start, end - 1, -1);
      cairo_restore (cr);
      draw_footer (job, cr, page, page_w, page_h - u * 1.3);
    }
  else
    {
      double scale = 1.0, width = page_w, height;

      if (job->kind == TM_VIEW_GRID)
        {
          double min_w, min_h;

          tm_grid_get_min_size (&job->style, &min_w, &min_h);
          scale = MIN (1.0, MIN (page_w / min_w, page_h / min_h));
          width = page_w / scale;
          height = page_h / scale;
        }
      else
        {
          /* Too tall: scale down, and lay out wider so it still fills the width. */
          height = chart_height (job, width);
          if (height > page_h)
            {
              scale = page_h / height;
              width = page_w / scale;
              height = chart_height (job, width);
              scale = MIN (page_w / width, page_h / height);
            }
        }

      cairo_save (cr);
      cairo_scale (cr, scale, scale);
      draw_chart (job, cr, width, height);
      cairo_restore (cr);
    }
}

/* The view on A4 landscape pages (PDF). */
static void
render_pages (Job     *job,
              cairo_t *cr)
{
  double page_w = PAGE_WIDTH_PT * PT_TO_UNITS - 2 * PAGE_MARGIN;
  double page_h = PAGE_HEIGHT_PT * PT_TO_UNITS - 2 * PAGE_MARGIN;
  guint n_pages = count_pages (job, page_w, page_h);

  for (guint page = 0; page < n_pages; page++)
    {
      cairo_save (cr);
      cairo_scale (cr, 72.0 / 96.0, 72.0 / 96.0);
      _tm_draw_set_color (cr, &job->style.background);
      cairo_paint (cr);
      cairo_translate (cr, PAGE_MARGIN, PAGE_MARGIN);
      draw_page (job, cr, page, page_w, page_h);
      cairo_restore (cr);
      cairo_show_page (cr);
    }
}

static gboolean
render (Job            *job,
        GOutputStream  *stream,
        TmDrawRecorder *recorder,
        double          png_scale,
        char          **cairo_error,
        GError        **io_error)
{
  TmCairoWriter writer = { stream, NULL };
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;

  natural_size (job, &width, &height);

  switch (job->format)
    {
    case TM_EXPORT_PNG:
      png_scale = MIN (png_scale, MIN (MAX_PNG_SIDE / width, MAX_PNG_SIDE / height));
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                            (int) ceil (width * png_scale),
                                            (int) ceil (height * png_scale));
      break;

    case TM_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (_tm_cairo_write_cb, &writer, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;

    case TM_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (_tm_cairo_write_cb, &writer, PAGE_WIDTH_PT, PAGE_HEIGHT_PT);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, tm_view_kind_get_label (job->kind));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Taskmap " PACKAGE_VERSION);
      break;

    case TM_N_EXPORT_FORMATS:
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  if (recorder != NULL)
    tm_draw_recorder_attach (recorder, cr);

  if (job->format == TM_EXPORT_PNG)
    cairo_scale (cr, png_scale, png_scale);

  if (job->format != TM_EXPORT_PDF)
    render_single (job, cr, width, height);
  else
    render_pages (job, cr);

  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && job->format == TM_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, _tm_cairo_write_cb, &writer);

  return _tm_cairo_writer_finish (&writer, surface, status, cairo_error, io_error);
}

/* Everything a render needs; the language is pushed by the caller. */
static void
job_init (Job                   *job,
          TmPortfolio           *portfolio,
          const char            *scenario_id,
          TmViewKind             kind,
          const TmExportOptions *options)
{
  job->portfolio = portfolio;
  job->scenario_id = scenario_id;
  job->kind = kind;
  job->tasks = options->tasks;
  job->professions = options->professions;
  if (options->style != NULL)
    job->style = *options->style;
  else
    tm_draw_style_init (&job->style, 1.0, FALSE);
  job->style.show_title = TRUE;

  if (kind == TM_VIEW_MATRIX)
    job->matrix = tm_matrix_layout_new (portfolio, scenario_id, job->tasks, job->professions, &job->style);
  else if (kind == TM_VIEW_COMPARISON)
    job->comparison = tm_comparison_new (portfolio, options->scenario_ids, NULL);
  else if (kind == TM_VIEW_BOARD)
    job->board = tm_board_layout_new (portfolio, scenario_id, &job->style, BOARD_WIDTH);
  else
    job->analysis = tm_analysis_compute (portfolio, scenario_id);
}

static void
job_clear (Job *job)
{
  g_clear_pointer (&job->matrix, tm_matrix_layout_free);
  g_clear_pointer (&job->analysis, tm_analysis_free);
  g_clear_pointer (&job->comparison, tm_comparison_free);
  g_clear_pointer (&job->board, tm_board_layout_free);
  g_clear_pointer (&job->page_starts, g_array_unref);
}

/* The first scenario when @scenario_id is NULL; NULL when there is none. */
static const char *
resolve_scenario (TmPortfolio *portfolio,
                  const char  *scenario_id)
{
  GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

  if (scenario_id == NULL && g_list_model_get_n_items (scenarios) > 0)
    {
      g_autoptr(TmScenario) first = g_list_model_get_item (scenarios, 0);

      /* The portfolio keeps the scenario alive. */
      scenario_id = tm_scenario_get_id (first);
    }
  return scenario_id;
}

gboolean
tm_view_export (TmPortfolio    *portfolio,
                const char     *scenario_id,
                TmViewKind      kind,
                TmExportFormat  format,
                GFile          *file,
                GError        **error)
{
  return tm_view_export_full (portfolio, scenario_id, kind, format, file, NULL, error);
}

gboolean
tm_view_export_full (TmPortfolio           *portfolio,
                     const char            *scenario_id,
                     TmViewKind             kind,
                     TmExportFormat         format,
                     GFile                 *file,
                     const TmExportOptions *options,
                     GError               **error)
{
  TmExportOptions defaults = { 0 };
  TmAtomicFile *atomic = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *cairo_error = NULL;
  const char *language;
  gboolean ok;
  Job job = { 0 };

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail ((guint) kind < TM_N_VIEWS, FALSE);
  g_return_val_if_fail ((guint) format < TM_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &defaults;

  name = g_file_get_parse_name (file);

  if (scenario_id != NULL && tm_portfolio_lookup_scenario (portfolio, scenario_id) == NULL)
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name */
                   _("Could not export to “%s”: the scenario no longer exists"), name);
      return FALSE;
    }
  scenario_id = resolve_scenario (portfolio, scenario_id);

  /* Written beside the target and renamed over it when complete: a file
   * that was there is never left half-written. */
  atomic = tm_atomic_file_new (file, error);
  if (atomic == NULL)
    return FALSE;

  language = options->language;
  if (language == NULL)
    language = tm_portfolio_get_language (portfolio);
  tm_language_push (language);

  job_init (&job, portfolio, scenario_id, kind, options);
  job.format = format;

  ok = render (&job, tm_atomic_file_get_stream (atomic), options->recorder,
               options->png_scale > 0 ? options->png_scale : 2.0, &cairo_error, &local_error);

  job_clear (&job);

  /* Messages in the program's language, not the portfolio's */
  tm_language_pop ();

  if (!ok)
    {
      /* A write that failed: said in the words of the disk's trouble (full,
       * not writable), the old file untouched. */
      if (local_error != NULL && local_error->domain == G_IO_ERROR)
        {
          GError *mapped = tm_atomic_error_for_file (file, local_error);

          g_clear_error (&local_error);
          local_error = mapped;
        }
      else if (local_error == NULL)
        g_set_error (&local_error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED,
                     /* Translators: the first %s is a file name, the second the reason */
                     _("Could not export to “%s”: %s"), name, cairo_error);
      tm_atomic_file_abort (atomic);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return tm_atomic_file_commit (atomic, error);
}

/* Printing */

struct _TmViewPrint
{
  Job     job;
  char   *scenario_id;
  char   *language;
  double  page_w;    /* units */
  double  page_h;
  guint   n_pages;
};

TmViewPrint *
tm_view_print_new (TmPortfolio           *portfolio,
                   const char            *scenario_id,
                   TmViewKind             kind,
                   const TmExportOptions *options,
                   double                 page_width,
                   double                 page_height)
{
  TmExportOptions defaults = { 0 };
  TmViewPrint *self;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail ((guint) kind < TM_N_VIEWS, NULL);
  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);

  if (options == NULL)
    options = &defaults;

  self = g_new0 (TmViewPrint, 1);
  self->scenario_id = g_strdup (resolve_scenario (portfolio, scenario_id));
  self->language = g_strdup (options->language != NULL ? options->language
                                                       : tm_portfolio_get_language (portfolio));
  self->page_w = page_width * PT_TO_UNITS;
  self->page_h = page_height * PT_TO_UNITS;

  /* Laid out in the portfolio's language, as the exports are. */
  tm_language_push (self->language);
  job_init (&self->job, portfolio, self->scenario_id, kind, options);
  self->n_pages = count_pages (&self->job, self->page_w, self->page_h);
  tm_language_pop ();

  return self;
}

guint
tm_view_print_get_n_pages (TmViewPrint *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages;
}

void
tm_view_print_draw_page (TmViewPrint *self,
                         cairo_t     *cr,
                         guint        page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);

  tm_language_push (self->language);
  cairo_save (cr);
  cairo_scale (cr, 72.0 / 96.0, 72.0 / 96.0);
  draw_page (&self->job, cr, page, self->page_w, self->page_h);
  cairo_restore (cr);
  tm_language_pop ();
}

void
tm_view_print_free (TmViewPrint *self)
{
  if (self == NULL)
    return;
  job_clear (&self->job);
  g_free (self->scenario_id);
  g_free (self->language);
  g_free (self);
}
