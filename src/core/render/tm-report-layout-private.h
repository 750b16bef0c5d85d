/* tm-report-layout-private.h
 * What the files of the report share: the page geometry, the report being
 * laid out, its cells and tables, and the functions they call in each other.
 * It includes neither tm-report.h nor tm-report-private.h, and the parts do
 * not include them either: tm-report.c calls the parts, never the other way.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "store/tm-portfolio.h"
#include "analysis/tm-comparison.h"
#include "render/tm-draw-private.h"
#include "render/tm-move-card.h"
#include "render/tm-report-words-private.h"

G_BEGIN_DECLS

/*
 * Geometry, in the units of the drawing code (1/96 inch, tm-draw.h), so the
 * matrix and the charts draw at their natural size. A page is scaled to
 * points when it starts.
 */
#define PT_TO_UNITS     (96.0 / 72.0)
#define PAGE_W_PT       595.28
#define PAGE_H_PT       841.89
#define PAGE_W          (PAGE_W_PT * PT_TO_UNITS)
#define PAGE_H          (PAGE_H_PT * PT_TO_UNITS)
#define MARGIN          (20.0 / 25.4 * 96.0)          /* 20 mm */
#define CONTENT_W       (PAGE_W - 2 * MARGIN)
#define U               (10.0 * PT_TO_UNITS)          /* the body text's size */
#define FOOTER_H        (U * 2.2)                     /* the footer, inside the margins */
#define CONTENT_TOP     MARGIN
#define CONTENT_BOTTOM  (PAGE_H - MARGIN - FOOTER_H)
#define CONTENT_H       (CONTENT_BOTTOM - CONTENT_TOP)
#define CELL_PAD_X      (U * 0.35)
#define CELL_PAD_Y      (U * 0.22)
/* Below this the matrix's text is too small to read on paper: split its
 * columns into bands instead. */
#define MATRIX_MIN_SCALE 0.8
#define MAX_COLUMNS     8

/* Grey shades; meaning is always carried by text or symbols as well. */
static const TmColor black = { 0, 0, 0 };
static const TmColor muted = { 0.33, 0.33, 0.33 };
static const TmColor rule_grey = { 0.6, 0.6, 0.6 };
static const TmColor shade_light = { 0.93, 0.93, 0.93 };
static const TmColor shade_header = { 0.84, 0.84, 0.84 };

typedef enum {
  FONT_BODY,
  FONT_BOLD,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_H3,
  FONT_H2,
  FONT_H1,
  FONT_TITLE,
  N_FONTS
} Font;

static const struct {
  double   points;
  gboolean bold;
} font_specs[N_FONTS] = {
  [FONT_BODY] = { 10, FALSE },
  [FONT_BOLD] = { 10, TRUE },
  [FONT_SMALL] = { 8.5, FALSE },
  [FONT_SMALL_BOLD] = { 8.5, TRUE },
  [FONT_H3] = { 11, TRUE },
  [FONT_H2] = { 13, TRUE },
  [FONT_H1] = { 17, TRUE },
  [FONT_TITLE] = { 24, TRUE },
};

typedef struct {
  guint        n_columns;
  double       widths[MAX_COLUMNS];   /* fractions of the content width */
  guint        right;                 /* bit mask of columns aligned right */
  const char  *headers[MAX_COLUMNS];  /* NULL in the first: no header row */
  Font         font;
} Table;

typedef enum {
  ROW_PLAIN  = 0,
  ROW_SHADE  = 1 << 0,   /* light grey behind the row */
  ROW_HEADER = 1 << 1,   /* darker grey, a dark rule below */
  ROW_RULE   = 1 << 2,   /* a thin rule below */
  ROW_KEEP   = 1 << 3,   /* never split across pages */
  ROW_HEAVY  = 1 << 4,   /* a dark rule below: the end of an entry */
} RowFlags;

typedef struct {
  PangoLayout   *layout;
  double         x;        /* from the content's left edge */
  double         height;
  double         done;     /* drawn so far, in the layout's coordinates */
  const TmColor *color;
} Cell;

/* One scenario the report covers */
typedef struct {
  char        *id;
  char        *name;
  TmAnalysis  *analysis;
  GPtrArray   *cards;        /* of TmMoveCard, in the order of the entries */
  guint        toc_moves;    /* its entry in the contents */
} Covered;

/* An entry of the contents */
typedef struct {
  char     *title;
  gboolean  child;
} TocItem;

typedef struct {
  /* Borrowed */
  TmPortfolio          *portfolio;
  TmProgressFunc        progress;
  gpointer              user_data;
  cairo_surface_t      *surface;        /* NULL while counting the pages */
  cairo_t              *cr;             /* NULL while counting the pages */
  const Table          *table;          /* repeats its header on a new page */

  /* Owned */
  GArray               *covered;        /* of Covered, in the portfolio's order */
  GArray               *toc;            /* of TocItem */
  GArray               *toc_pages;      /* of guint, one per TocItem, this pass */
  GArray               *toc_pages_counted; /* the same from the counting pass */
  GPtrArray            *history;        /* of TmHistoryEntry since @since, covered scenarios */
  TmComparison         *comparison;     /* the covered scenarios side by side; NULL with one */
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  char                 *since;          /* "YYYY-MM-DD", or "" for all changes */
  gint64                since_time;     /* the start of that day; 0 for all */
  gboolean              since_meeting;  /* @since is the last committee meeting */
  char                 *today;          /* the report's date, formatted */

  TmCountry             country;
  TmDrawStyle           style;
  char                 *table_group;    /* the table's last span row, repeated on a new page */
  guint                 page;           /* 1-based */
  guint                 n_pages;        /* 0 while counting */
  guint                 work_total;     /* entries, assessments and changes to lay out */
  guint                 work_done;      /* of them, while counting */
  double                work_reported;  /* the last progress given while counting */
  guint                 appendix_page;  /* where the appendix starts */
  guint                 toc_summary;
  guint                 toc_appendix;
  guint                 toc_assessments;
  guint                 toc_workshops;
  guint                 toc_changes;
  int                   outline_section;
  int                   outline_part;
  double                y;
  gboolean              page_empty;
} Report;

/* Rows of cells with a font each */

typedef struct {
  const char    *text;
  Font           font;
  const TmColor *color;
  double         x;        /* fractions of the content width */
  double         width;
  gboolean       right;
} Part;

/* The order of the entries: by status, the ones asked of the committee first. */
extern const TmMoveStatus _tm_report_entry_order[TM_N_STATUSES];

/* tm-report-layout.c: names */
char *_tm_report_dup_move_name (guint       number,
                                TmMoveCard *card);
const char *_tm_report_profession_name (Report     *r,
                                        const char *id);

/* tm-report-layout.c */
void _tm_report_add_outline (Report     *r,
                             const char *text,
                             guint       level);
void _tm_report_begin_page (Report *r);
void _tm_report_bullet (Report     *r,
                        const char *text);
const TmMoveReview *_tm_report_card_review (TmMoveCard *card);
void _tm_report_draw_rule (Report        *r,
                           double         x0,
                           double         x1,
                           double         y,
                           double         width,
                           const TmColor *color);
char *_tm_report_dup_move_ref (Report     *r,
                               Covered    *c,
                               guint       index);
void _tm_report_end_page (Report *r);
void _tm_report_ensure (Report *r,
                        double  height);
void _tm_report_gap (Report *r,
                     double  height);
void _tm_report_heading (Report     *r,
                         const char *text,
                         Font        font,
                         double      keep);
void _tm_report_heading1 (Report     *r,
                          const char *text,
                          guint       toc,
                          gboolean    same_page);
void _tm_report_heading_part (Report     *r,
                              const char *text,
                              guint       toc);
char *_tm_report_join_lines (const char * const *lines,
                             guint               n);
void _tm_report_kv (Report     *r,
                    const char *label,
                    const char *value);
void _tm_report_kv_full (Report     *r,
                         const char *label,
                         const char *value,
                         gboolean    bold);
double _tm_report_measure_kv (Report     *r,
                              const char *label,
                              const char *value);
double _tm_report_measure_row (Report             *r,
                               const Table        *t,
                               const char * const *texts,
                               Font                font,
                               guint               bold);
void _tm_report_new_page (Report *r);
/* One entry, assessment or change laid out: while the pages are counted
 * (the first pass, no page drawn yet) the progress moves with them. */
void _tm_report_work_done (Report *r);
void _tm_report_note (Report     *r,
                      const char *text);
void _tm_report_para (Report     *r,
                      const char *text);
void _tm_report_para_full (Report        *r,
                           const char    *text,
                           Font           font,
                           const TmColor *color,
                           double         indent,
                           double         after);
double _tm_report_parts_height (Report     *r,
                                const Part *parts,
                                guint       n);
void _tm_report_parts_row (Report     *r,
                           const Part *parts,
                           guint       n,
                           guint       flags);
void _tm_report_table_begin (Report      *r,
                             const Table *t);
void _tm_report_table_end (Report *r);
void _tm_report_table_row (Report             *r,
                           const Table        *t,
                           const char * const *texts,
                           guint               bold);
void _tm_report_table_row_full (Report             *r,
                                const Table        *t,
                                const char * const *texts,
                                Font                font,
                                guint               bold,
                                guint               grey,
                                guint               flags);
void _tm_report_table_span (Report     *r,
                            const char *text);
void _tm_report_view_begin (Report *r,
                            double  height,
                            double  scale);
void _tm_report_view_end (Report *r);

/* tm-report-summary.c */
void _tm_report_render_front (Report *r);
void _tm_report_render_summary (Report *r);

/* tm-report-appendix.c */
gboolean _tm_report_is_covered (Report     *r,
                                const char *scenario_id);
void _tm_report_render_document (Report *r);

G_END_DECLS
