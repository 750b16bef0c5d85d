/* tm-draw.h
 * Drawing the four views of a scenario (matrix, level × complexity map,
 * capacity, flow) on a cairo_t, so screen, PNG, SVG and PDF share one code.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <cairo.h>

#include "store/tm-portfolio.h"
#include "analysis/tm-analysis.h"
#include "analysis/tm-comparison.h"

G_BEGIN_DECLS

/*
 * Units and coordinates
 *
 * Every length in this API is in "pixels at 96 dpi": font sizes are given in
 * points and converted at 96 dpi, so a 10 pt label is 13.3 units tall. A GTK
 * widget draws 1 unit = 1 logical pixel (gtk_snapshot_append_cairo()); the
 * export scales to points (PDF, SVG) or to device pixels (PNG) itself.
 *
 * Nothing here is thread-safe: call it from the main thread.
 */

/**
 * TmColor:
 *
 * An opaque sRGB colour, channels 0-1 (not a GdkRGBA: the core has no GTK).
 */
typedef struct {
  double red;
  double green;
  double blue;
} TmColor;

/**
 * TmDrawStyle:
 * @font_scale: multiplies every font size and the geometry derived from it;
 *   1.0 normally, about 1.5 in presentation mode
 * @high_contrast: stronger rules, black text, more saturated fills
 * @show_title: draw each view's title and the unit name above it (exports
 *   always do); a widget that shows its own heading may turn it off
 * @background: the paper
 * @foreground: text, axes, symbols
 * @muted: secondary text (units, notes, "not assessed")
 * @rule: cell borders and grid lines
 * @header: background of header bands and group rows
 * @accent: the focus cursor and the marker of the chosen move
 * @suitability: the cell fill of each TmSuitability (light, colour-blind-safe
 *   Okabe–Ito tints; the symbol carries the meaning in black and white)
 * @today: bars of today's hours
 * @scenario: bars of the hours after the scenario
 * @to_unskilled: hours moved to unskilled staff (also hatched)
 * @to_professions: hours moved to other professions (also hatched the other way)
 * @to_technology: hours moved to technology or stopped (also cross-hatched)
 *
 * Colours and sizes of a drawing. Fill it with tm_draw_style_init(), then
 * change what you need (for example @foreground and @background from the
 * theme). The struct is plain data: copy it freely.
 */
typedef struct {
  double   font_scale;
  gboolean high_contrast;
  gboolean show_title;
  TmColor  background;
  TmColor  foreground;
  TmColor  muted;
  TmColor  rule;
  TmColor  header;
  TmColor  accent;
  TmColor  suitability[TM_N_SUITABILITIES];
  TmColor  today;
  TmColor  scenario;
  TmColor  to_unskilled;
  TmColor  to_professions;
  TmColor  to_technology;
} TmDrawStyle;

/* Fills @style with the default (or high-contrast) colours and @font_scale
 * (<= 0 means 1.0); show_title is TRUE. */
void        tm_draw_style_init          (TmDrawStyle       *style,
                                         double             font_scale,
                                         gboolean           high_contrast);
/* The size in units (96 dpi) of body text: 10 pt × font_scale. */
double      tm_draw_style_get_font_size (const TmDrawStyle *style);

/**
 * TmDrawRecorder:
 *
 * A log of every string the drawing code draws, with its position, so a test
 * (or an accessibility layer) can read what a view shows: cairo's SVG and PDF
 * surfaces write glyphs, not text. Attach it to a cairo_t; every later text
 * drawn on that cairo_t by this module is recorded as given, before
 * ellipsizing, with its top-left corner in device coordinates.
 */
typedef struct _TmDrawRecorder TmDrawRecorder;

TmDrawRecorder *tm_draw_recorder_new      (void);
void        tm_draw_recorder_free         (TmDrawRecorder *recorder);
/* Keeps @recorder (borrowed: it must outlive @cr's use) as user data of @cr. */
void        tm_draw_recorder_attach       (TmDrawRecorder *recorder,
                                           cairo_t        *cr);
void        tm_draw_recorder_clear        (TmDrawRecorder *recorder);
guint       tm_draw_recorder_get_n_texts  (TmDrawRecorder *recorder);
/* The @index-th string drawn; @x, @y (nullable) its position. */
const char *tm_draw_recorder_get_text     (TmDrawRecorder *recorder,
                                           guint           index,
                                           double         *x,
                                           double         *y);
/* TRUE if a drawn string equals @text. */
gboolean    tm_draw_recorder_has_text     (TmDrawRecorder *recorder,
                                           const char     *text);
/* TRUE if a drawn string contains @needle. */
gboolean    tm_draw_recorder_contains     (TmDrawRecorder *recorder,
                                           const char     *needle);
/* All strings, one per line, in drawing order. */
char       *tm_draw_recorder_dup_all      (TmDrawRecorder *recorder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmDrawRecorder, tm_draw_recorder_free)

/* ------------------------------------------------------------------------ */
/* Matrix: tasks × professions                                              */
/* ------------------------------------------------------------------------ */

/**
 * TmMatrixLayout:
 *
 * The geometry of the task × profession matrix, computed once from the tasks
 * and professions to show, so that a widget can scroll 2,000 rows and draw only
 * the visible ones. Rebuild it when the tasks, professions, scenario or style
 * (font scale) change; it keeps references to the tasks and professions and
 * a copy of each cell's suitability, so it stays valid (but stale) when the
 * portfolio changes.
 *
 * Canvas coordinates, with (0, 0) the layout's top-left corner:
 *
 *     +------------+---------------------------+
 *     | corner     | column headers            |  header_height
 *     +------------+---------------------------+
 *     | row labels | cells                     |  n_rows × row_height
 *     +------------+---------------------------+
 *       label_width  n_columns × column_width
 *
 * Rows: one header row per group (in order of the group's first task), then
 * that group's tasks in the order given; tasks without a group come last,
 * under "No group". Columns: the professions given, hidden ones left out, then
 * one last "outcome" column that marks a move to stop the task or to
 * technology (tm_matrix_layout_get_profession() returns NULL for it).
 */
typedef struct _TmMatrixLayout TmMatrixLayout;

/**
 * TmMatrixState:
 * @cursor_row: the focus cursor's row, -1 for none
 * @cursor_column: its column; -1 with a row marks the whole row (a group row,
 *   or the row label)
 * @focused: the widget has the keyboard focus: draw the cursor solid
 *   (otherwise dashed)
 *
 * What a draw call needs beyond the layout.
 */
typedef struct {
  int      cursor_row;
  int      cursor_column;
  gboolean focused;
} TmMatrixState;

/* @scenario_id NULL: the first scenario. @tasks (GListModel of TmTask) NULL:
 * all the portfolio's tasks. @professions (GListModel of TmProfession) NULL:
 * all professions; hidden professions are always left out. @style NULL: the
 * default style (copied). */
TmMatrixLayout *tm_matrix_layout_new      (TmPortfolio       *portfolio,
                                           const char        *scenario_id,
                                           GListModel        *tasks,
                                           GListModel        *professions,
                                           const TmDrawStyle *style);
void        tm_matrix_layout_free         (TmMatrixLayout    *layout);

/* A new GListStore of the professions "in play" for @tasks (NULL: all):
 * those that perform a task today, are assessed (anything but not assessed)
 * for one, or receive a move in @scenario_id; in the portfolio's order,
 * hidden ones left out. For the "hide professions not in play" option. */
GListModel *tm_matrix_professions_in_play (TmPortfolio       *portfolio,
                                           const char        *scenario_id,
                                           GListModel        *tasks);

guint       tm_matrix_layout_get_n_rows      (TmMatrixLayout *layout);
/* Professions shown plus the outcome column. */
guint       tm_matrix_layout_get_n_columns   (TmMatrixLayout *layout);
/* Borrowed; NULL for a group header row. */
TmTask     *tm_matrix_layout_get_task        (TmMatrixLayout *layout,
                                              guint           row);
/* The group of @row (a group row's own group); "" for tasks without a group. */
const char *tm_matrix_layout_get_group       (TmMatrixLayout *layout,
                                              guint           row);
/* Borrowed; NULL for the outcome column. */
TmProfession *tm_matrix_layout_get_profession (TmMatrixLayout *layout,
                                               guint           column);
/* Row of @task, column of @profession (NULL: the outcome column); -1 when absent. */
int         tm_matrix_layout_find_task       (TmMatrixLayout *layout,
                                              TmTask         *task);
int         tm_matrix_layout_find_profession (TmMatrixLayout *layout,
                                              TmProfession   *profession);
/* The cell's suitability (NOT_ASSESSED for group rows and the outcome column). */
TmSuitability tm_matrix_layout_get_suitability (TmMatrixLayout *layout,
                                                guint           row,
                                                guint           column);
/* TRUE if the scenario's move of @row's task is this cell: a move to this
 * column's profession, or (outcome column) a stop or technology move. */
gboolean    tm_matrix_layout_is_move         (TmMatrixLayout *layout,
                                              guint           row,
                                              guint           column);
/* A translated sentence for screen readers: task, profession, suitability,
 * "performs it today", "chosen move". Free with g_free(). */
char       *tm_matrix_layout_dup_cell_description (TmMatrixLayout *layout,
                                                   guint           row,
                                                   guint           column);

/* Geometry (units, see above). */
double      tm_matrix_layout_get_width         (TmMatrixLayout *layout);
double      tm_matrix_layout_get_height        (TmMatrixLayout *layout);
double      tm_matrix_layout_get_header_height (TmMatrixLayout *layout);
double      tm_matrix_layout_get_label_width   (TmMatrixLayout *layout);
double      tm_matrix_layout_get_row_height    (TmMatrixLayout *layout);
double      tm_matrix_layout_get_column_width  (TmMatrixLayout *layout);
/* The rectangle of a cell in canvas coordinates. @row -1: the column's
 * header; @column -1: the row's label; both -1: the corner. A group row's
 * cells are its span across the columns. */
void        tm_matrix_layout_get_cell_rect     (TmMatrixLayout    *layout,
                                                int                row,
                                                int                column,
                                                cairo_rectangle_t *rect);
/* Hit-tests a canvas point. Sets @row and @column (nullable) to the row and
 * column under it, each -1 where none: a row label gives (row, -1), a column
 * header (-1, column). Returns TRUE when a row or a column was hit. */
gboolean    tm_matrix_layout_hit               (TmMatrixLayout *layout,
                                                double          x,
                                                double          y,
                                                int            *row,
                                                int            *column);
/* The rows that intersect canvas y from @y_from to @y_to; FALSE when none. */
gboolean    tm_matrix_layout_get_rows_in_range (TmMatrixLayout *layout,
                                                double          y_from,
                                                double          y_to,
                                                guint          *first_row,
                                                guint          *last_row);

/* Draws the rows (labels and cells) that intersect canvas y from @y_from to
 * @y_to, in canvas coordinates (translate @cr by the scroll offset first), and
 * the cursor of @state (nullable) when it is among them. Cost is proportional
 * to the rows drawn; text layouts are cached in @layout. */
void        tm_matrix_layout_draw_rows         (TmMatrixLayout      *layout,
                                                cairo_t             *cr,
                                                const TmMatrixState *state,
                                                double               y_from,
                                                double               y_to);
/* Draws the header band (corner and rotated profession names) at canvas
 * y 0 to header_height, with a background, so a widget can draw it last,
 * translated to the top of the viewport, as a sticky header. */
void        tm_matrix_layout_draw_header       (TmMatrixLayout      *layout,
                                                cairo_t             *cr,
                                                const TmMatrixState *state);
/* The title block of the matrix (title with the scenario name, unit name) at
 * (0, 0), @width wide; returns the height used. @cr NULL only measures. */
double      tm_matrix_layout_draw_title        (TmMatrixLayout      *layout,
                                                cairo_t             *cr,
                                                double               width);

/* The legend of the matrix — each suitability's symbol and label, the chosen
 * move, "performs today", stop, technology — at (0, 0) of @cr, wrapped to
 * @width; returns the height used. @cr NULL only measures. */
double      tm_draw_matrix_legend              (cairo_t             *cr,
                                                const TmDrawStyle   *style,
                                                double               width);
/* The same with the statuses named as in @country ("approved by the MED
 * committee" or "by AMU / union representatives"). */
double      tm_draw_matrix_legend_full         (cairo_t             *cr,
                                                const TmDrawStyle   *style,
                                                TmCountry            country,
                                                double               width);
/* The mark of a move's status in the matrix's cell and on cards: ○ ◐ ● ▶ ■ ★ ✕ ‖. */
const char *tm_draw_move_status_mark           (TmMoveStatus         status);

/* ------------------------------------------------------------------------ */
/* Level × complexity map                                                   */
/* ------------------------------------------------------------------------ */

typedef enum {
  TM_GRID_SHADE_HOURS,   /* shade cells by hours per week */
  TM_GRID_SHADE_TASKS,   /* shade cells by number of tasks */
} TmGridShading;

/**
 * TmGridLayout:
 *
 * The level × complexity map of today's catalogue (TmAnalysis.grid_*): rows
 * administrative / bounded clinical / coordination / not assessed, columns
 * low / moderate / high ("varies" counted as high) / not assessed. Each cell
 * shows the number of tasks, their hours per week and how many are not
 * estimated, shaded by hours or by count (a light-to-dark ramp that reads in
 * black and white). Built for a given size; rebuild it when that changes.
 * The title block (when style->show_title) is at the top of the area.
 */
typedef struct _TmGridLayout TmGridLayout;

/* @analysis is copied from (the layout does not keep it). */
TmGridLayout *tm_grid_layout_new        (TmPortfolio       *portfolio,
                                         TmAnalysis        *analysis,
                                         const TmDrawStyle *style,
                                         TmGridShading      shading,
                                         double             width,
                                         double             height);
void        tm_grid_layout_free         (TmGridLayout      *layout);
/* The smallest size at which the labels fit, for a widget's measure(). */
void        tm_grid_get_min_size        (const TmDrawStyle *style,
                                         double            *width,
                                         double            *height);
/* Draws at (0, 0) of @cr. @selected_level / @selected_complexity (-1: none)
 * outline a cell, e.g. the one the catalogue is filtered by. */
void        tm_grid_layout_draw         (TmGridLayout      *layout,
                                         cairo_t           *cr,
                                         int                selected_level,
                                         int                selected_complexity);
/* The cell under (@x, @y): TRUE and its level and complexity (NOT_ASSESSED
 * for the "not assessed" row / column; HIGH for the high column, which also
 * holds "varies"). */
gboolean    tm_grid_layout_hit          (TmGridLayout      *layout,
                                         double             x,
                                         double             y,
                                         TmLevel           *level,
                                         TmComplexity      *complexity);
/* FALSE for VARIES or out-of-range values. */
gboolean    tm_grid_layout_get_cell_rect (TmGridLayout     *layout,
                                          TmLevel           level,
                                          TmComplexity      complexity,
                                          cairo_rectangle_t *rect);

/* ------------------------------------------------------------------------ */
/* Capacity and flow charts                                                 */
/* ------------------------------------------------------------------------ */

/* Capacity: hours per week per profession, today beside the scenario, the
 * moved hours hatched, each profession's share moved against the hospital-ward
 * benchmark, and the split of the moved hours. The chart's natural height
 * depends on the number of professions: ask it for a width. */
double      tm_capacity_chart_get_height (TmPortfolio       *portfolio,
                                          TmAnalysis        *analysis,
                                          const TmDrawStyle *style,
                                          double             width);
void        tm_capacity_chart_draw       (cairo_t           *cr,
                                          TmPortfolio       *portfolio,
                                          TmAnalysis        *analysis,
                                          const TmDrawStyle *style,
                                          double             width,
                                          double             height);

/* Flow: a two-column Sankey diagram from the handing-over professions (left)
 * to the receiving professions, "Technology" and "Stopped" (right), band
 * widths by hours per week. */
double      tm_flow_chart_get_height     (TmPortfolio       *portfolio,
                                          TmAnalysis        *analysis,
                                          const TmDrawStyle *style,
                                          double             width);
void        tm_flow_chart_draw           (cairo_t           *cr,
                                          TmPortfolio       *portfolio,
                                          TmAnalysis        *analysis,
                                          const TmDrawStyle *style,
                                          double             width,
                                          double             height);

/* Scenarios side by side (tm-draw-compare.c): the rows of @comparison as a
 * table, one column per scenario, the shares of the nurses' staffed time as
 * bars against the benchmark. */
double      tm_comparison_chart_get_height (TmPortfolio       *portfolio,
                                            TmComparison      *comparison,
                                            const TmDrawStyle *style,
                                            double             width);
void        tm_comparison_chart_draw     (cairo_t           *cr,
                                          TmPortfolio       *portfolio,
                                          TmComparison      *comparison,
                                          const TmDrawStyle *style,
                                          double             width,
                                          double             height);

/* ------------------------------------------------------------------------ */
/* Export (tm-view-export.c)                                                */
/* ------------------------------------------------------------------------ */

typedef enum {
  TM_VIEW_MATRIX,
  TM_VIEW_GRID,
  TM_VIEW_CAPACITY,
  TM_VIEW_FLOW,
  TM_VIEW_COMPARISON,   /* scenarios side by side */
  TM_VIEW_BOARD,        /* the moves as cards, by status */
  TM_N_VIEWS
} TmViewKind;

typedef enum {
  TM_EXPORT_PNG,
  TM_EXPORT_SVG,
  TM_EXPORT_PDF,
  TM_N_EXPORT_FORMATS
} TmExportFormat;

#define TM_EXPORT_ERROR (tm_export_error_quark ())

typedef enum {
  TM_EXPORT_ERROR_FAILED,      /* cairo or I/O failure; the message names the file */
  TM_EXPORT_ERROR_NOT_FOUND,   /* no such scenario */
} TmExportError;

GQuark      tm_export_error_quark       (void);

/* "matrix", "grid", "capacity", "flow", "comparison", "board": stable, for file names and settings. */
const char *tm_view_kind_to_id          (TmViewKind     kind);
gboolean    tm_view_kind_from_id        (const char    *id,
                                         TmViewKind    *kind);
/* Translated name of the view, e.g. "Capacity". */
const char *tm_view_kind_get_label      (TmViewKind     kind);
/* "png", "svg", "pdf" */
const char *tm_export_format_get_extension (TmExportFormat format);
/* "image/png", "image/svg+xml", "application/pdf" */
const char *tm_export_format_get_mime_type (TmExportFormat format);
/* Translated, e.g. "PDF document". */
const char *tm_export_format_get_label  (TmExportFormat format);

/**
 * TmExportOptions:
 * @style: NULL: the default style at font scale 1
 * @tasks: the matrix's rows (GListModel of TmTask); NULL: all tasks
 * @professions: the matrix's columns (GListModel of TmProfession); NULL: all
 *   professions that are not hidden
 * @language: gettext language to render in; NULL: the portfolio's
 *   (tm_country_get_language()), "" the program's current one
 * @recorder: NULL, or a recorder that logs every string drawn (tests)
 * @png_scale: device pixels per unit for PNG; <= 0 means 2
 * @scenario_ids: the scenarios the comparison shows (NULL-terminated); NULL:
 *   every scenario
 *
 * Everything but the view, scenario, format and file. Zero-initialise it.
 */
typedef struct {
  const TmDrawStyle *style;
  GListModel        *tasks;
  GListModel        *professions;
  const char        *language;
  TmDrawRecorder    *recorder;
  double             png_scale;
  const char * const *scenario_ids;
} TmExportOptions;

/* Renders the whole view of @scenario_id (NULL: the first scenario) into
 * @file, replacing it: for the matrix all rows, on as many A4 landscape pages
 * as needed in PDF, one tall image in PNG and SVG; the charts on one A4
 * landscape page (PDF) or at their natural size. In the portfolio's language.
 * Errors: TM_EXPORT_ERROR (translated, naming the file) or GIO's. */
gboolean    tm_view_export              (TmPortfolio    *portfolio,
                                         const char     *scenario_id,
                                         TmViewKind      kind,
                                         TmExportFormat  format,
                                         GFile          *file,
                                         GError        **error);
/* The same with options; @options NULL is the same as tm_view_export(). */
gboolean    tm_view_export_full         (TmPortfolio           *portfolio,
                                         const char            *scenario_id,
                                         TmViewKind             kind,
                                         TmExportFormat         format,
                                         GFile                 *file,
                                         const TmExportOptions *options,
                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmMatrixLayout, tm_matrix_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmGridLayout, tm_grid_layout_free)

/* Printing: the view of @scenario_id (NULL: the first) paged for a
 * printable area of @page_width × @page_height points, laid out and drawn in
 * the portfolio's language (@options->language), with the drawing code of the
 * PDF export: the matrix with its headers on every page, the board broken
 * between rows of cards, a chart on one page. Main thread only. */
typedef struct _TmViewPrint TmViewPrint;

TmViewPrint *tm_view_print_new        (TmPortfolio           *portfolio,
                                       const char            *scenario_id,
                                       TmViewKind             kind,
                                       const TmExportOptions *options,
                                       double                 page_width,
                                       double                 page_height);
guint        tm_view_print_get_n_pages (TmViewPrint          *self);
/* Draws @page with its top-left at the origin of @cr, in points. */
void         tm_view_print_draw_page  (TmViewPrint           *self,
                                       cairo_t               *cr,
                                       guint                  page);
void         tm_view_print_free       (TmViewPrint           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmViewPrint, tm_view_print_free)

G_END_DECLS
