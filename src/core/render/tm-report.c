/* tm-report.c
 * The committee report: an A4 PDF that a committee reads — a summary of a
 * page or two (the unit, its staffing, what each scenario frees, the moves by
 * status, what is asked of the committee now, what changed since it last
 * met), then one compact entry per move, then the full assessments, the
 * workshops and the changes as an appendix; readable printed in black and white.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-report"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cairo-pdf.h>
#include "model/tm-i18n-private.h"

#include "render/tm-report.h"
#include "store/tm-history.h"
#include "exchange/tm-atomic.h"
#include "render/tm-move-card.h"
#include "render/tm-report-private.h"
#include "render/tm-draw-private.h"
#include "model/tm-workshop-private.h"

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

static void new_page (Report *r);

/* Words */

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static char *
format_date_dt (GDateTime *date)
{
  static const char * const months[12] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  int month = g_date_time_get_month (date);

  /* Translators: a date in the committee report: %1$d is the day, %2$s the
   * name of the month, %3$d the year; e.g. "24. marts 2026" in Danish.
   * Keep the numbers ($) and reorder them as your language needs. */
  return g_strdup_printf (_("%1$d %2$s %3$d"), g_date_time_get_day_of_month (date),
                          g_dpgettext2 (GETTEXT_PACKAGE, "month", months[month - 1]),
                          g_date_time_get_year (date));
}

/* The day of @when, short, for the tables */
static char *
format_time (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);

  if (date == NULL)
    return g_strdup ("—");
  /* Translators: a short date in the tables of the committee report, for
   * g_date_time_format(): %d day, %m month, %Y year, numbers only; e.g.
   * "%d.%m.%Y" in Danish and Norwegian */
  /* xgettext:no-c-format */
  return g_date_time_format (date, C_("report", "%Y-%m-%d"));
}

char *
_tm_report_format_day (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);

  return date != NULL ? format_date_dt (date) : g_strdup ("—");
}

static gboolean
parse_date (const char *date,
            int        *year,
            int        *month,
            int        *day)
{
  if (date == NULL || !_tm_date_is_valid (date))
    return FALSE;
  return sscanf (date, "%4d-%2d-%2d", year, month, day) == 3;
}

char *
_tm_report_format_date (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (!parse_date (date, &y, &m, &d))
    return NULL;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return dt != NULL ? format_date_dt (dt) : NULL;
}

static char *
format_hours (double hours)
{
  return tm_language_format_number (hours, 1);
}

static char *
format_percent (double share)
{
  g_autofree char *number = tm_language_format_number (share * 100, 1);

  /* Translators: a percentage in the committee report, e.g. "12.5 %"; use
   * your language's spacing */
  return g_strdup_printf (_("%s %%"), number);
}

static const char *
profession_name (Report     *r,
                 const char *id)
{
  return _tm_draw_profession_name (r->portfolio, id);
}

static gboolean
is_approved (TmMoveStatus status)
{
  return status == TM_STATUS_APPROVED || status == TM_STATUS_PILOTED ||
         status == TM_STATUS_IMPLEMENTED || status == TM_STATUS_EVALUATED;
}

/* "12. Tømme urinposer": a move's number in its scenario's entries and its task */
static char *
dup_move_name (guint       number,
               TmMoveCard *card)
{
  /* Translators: the heading of a move in the committee report: its number and the task's title */
  return g_strdup_printf (_("%u. %s"), number, tm_move_card_get_title (card));
}

/* Layout */

static PangoLayout *
new_layout (Report     *r,
            const char *text,
            Font        font,
            double      width,
            gboolean    right)
{
  PangoLayout *layout = pango_layout_new (r->context);

  pango_layout_set_font_description (layout, r->fonts[font]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  if (right)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_set_text (layout, or_empty (text), -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static double
line_height (Report *r,
             Font    font)
{
  g_autoptr(PangoLayout) layout = new_layout (r, "Ag", font, -1, FALSE);

  return layout_height (layout);
}

/* The offset in @cell's layout down to which whole lines fit in @room
 * below what is already drawn. */
static double
fit_lines (Cell   *cell,
           double  room)
{
  PangoLayoutIter *iter;
  double reached = cell->done;

  if (cell->height - cell->done <= room + 0.01)
    return cell->height;

  iter = pango_layout_get_iter (cell->layout);
  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if ((double) y0 / PANGO_SCALE < cell->done - 0.01)
        continue;
      if ((double) y1 / PANGO_SCALE - cell->done > room + 0.01)
        break;
      reached = (double) y1 / PANGO_SCALE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return reached;
}

/* Draws the lines of @cell from cell->done down to @to, with cell->done at @y. */
static void
show_lines (Report *r,
            Cell   *cell,
            double  x,
            double  y,
            double  to)
{
  PangoLayoutIter *iter = pango_layout_get_iter (cell->layout);

  _tm_draw_set_color (r->cr, cell->color ? cell->color : &black);
  do
    {
      PangoRectangle logical;
      int y0, y1;
      double baseline;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if ((double) y0 / PANGO_SCALE < cell->done - 0.01)
        continue;
      if ((double) y1 / PANGO_SCALE > to + 0.01)
        break;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      cairo_move_to (r->cr, x + (double) logical.x / PANGO_SCALE, y + baseline - cell->done);
      pango_cairo_show_layout_line (r->cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_new_path (r->cr);
}

static void
draw_rule (Report        *r,
           double         x0,
           double         x1,
           double         y,
           double         width,
           const TmColor *color)
{
  if (r->cr == NULL)
    return;
  cairo_save (r->cr);
  _tm_draw_set_color (r->cr, color);
  cairo_set_line_width (r->cr, width);
  cairo_move_to (r->cr, MARGIN + x0, y);
  cairo_line_to (r->cr, MARGIN + x1, y);
  cairo_stroke (r->cr);
  cairo_restore (r->cr);
}

/* A row of a table carried on from the previous page names itself again in
 * its first column, so the reader knows what the rest belongs to. */
static PangoLayout *
new_continued_layout (Report *r,
                      Cell   *cell)
{
  g_autofree char *text = NULL;
  PangoLayout *layout;
  int width;

  /* Translators: in a table of the committee report, the first cell of a
   * row carried on from the previous page */
  text = g_strdup_printf (_("%s (continued)"), pango_layout_get_text (cell->layout));
  layout = pango_layout_new (r->context);
  pango_layout_set_font_description (layout, pango_layout_get_font_description (cell->layout));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  width = pango_layout_get_width (cell->layout);
  pango_layout_set_width (layout, width);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
draw_chunk (Report   *r,
            Cell     *cells,
            guint     n,
            double   *ends,
            double    x0,
            double    x1,
            double    chunk,
            double    pad,
            guint     flags,
            gboolean  continued)
{
  double h = chunk + 2 * pad;

  if (r->cr == NULL)
    return;

  if (flags & (ROW_SHADE | ROW_HEADER))
    {
      cairo_rectangle (r->cr, MARGIN + x0, r->y, x1 - x0, h);
      _tm_draw_set_color (r->cr, (flags & ROW_HEADER) ? &shade_header : &shade_light);
      cairo_fill (r->cr);
    }

  for (guint i = 0; i < n; i++)
    if (ends[i] > cells[i].done)
      show_lines (r, &cells[i], MARGIN + cells[i].x, r->y + pad, ends[i]);

  if (continued && n > 1 && cells[0].done >= cells[0].height - 0.01 &&
      *pango_layout_get_text (cells[0].layout) != '\0')
    {
      g_autoptr(PangoLayout) layout = new_continued_layout (r, &cells[0]);

      if (layout_height (layout) <= chunk + 0.01)
        {
          _tm_draw_set_color (r->cr, &muted);
          cairo_move_to (r->cr, MARGIN + cells[0].x, r->y + pad);
          pango_cairo_show_layout (r->cr, layout);
          cairo_new_path (r->cr);
        }
    }

  /* Rules inside the row, so the next row's shade does not cover them */
  if (flags & (ROW_HEADER | ROW_HEAVY))
    draw_rule (r, x0, x1, r->y + h - 0.6, 1.2, &black);
  else if (flags & ROW_RULE)
    draw_rule (r, x0, x1, r->y + h - 0.3, 0.6, &rule_grey);
}

/* Flows a row of cells down the page: what does not fit goes on, line by
 * line, on the next page, so long notes split; short rows move whole. */
static void
flow_cells (Report *r,
            Cell   *cells,
            guint   n,
            double  x0,
            double  x1,
            double  pad,
            guint   flags)
{
  gboolean continued = FALSE;

  g_assert (n <= MAX_COLUMNS);

  for (;;)
    {
      double ends[MAX_COLUMNS];
      double room = CONTENT_BOTTOM - r->y - 2 * pad;
      double rest = 0, chunk = 0;
      gboolean finished = TRUE;

      for (guint i = 0; i < n; i++)
        rest = MAX (rest, cells[i].height - cells[i].done);

      if (rest > room + 0.01 && !r->page_empty &&
          ((flags & ROW_KEEP) || rest <= CONTENT_H / 4 || room < U * 2.6))
        {
          new_page (r);
          continue;
        }

      for (guint i = 0; i < n; i++)
        {
          ends[i] = fit_lines (&cells[i], room);
          chunk = MAX (chunk, ends[i] - cells[i].done);
        }
      if (chunk <= 0)
        {
          if (!r->page_empty)
            {
              new_page (r);
              continue;
            }
          /* A single line taller than a page: cannot happen with these
           * fonts; draw what there is rather than loop. */
          for (guint i = 0; i < n; i++)
            ends[i] = cells[i].height;
          chunk = MIN (rest, room);
        }

      draw_chunk (r, cells, n, ends, x0, x1, chunk, pad, flags, continued);
      r->y += chunk + 2 * pad;
      r->page_empty = FALSE;

      for (guint i = 0; i < n; i++)
        {
          cells[i].done = ends[i];
          if (cells[i].done < cells[i].height - 0.01)
            finished = FALSE;
        }
      if (finished)
        return;
      new_page (r);
      continued = TRUE;
    }
}

/* Starts a new page when less than @height is left (and the page has
 * something on it already). */
static void
ensure (Report *r,
        double  height)
{
  if (!r->page_empty && r->y + height > CONTENT_BOTTOM)
    new_page (r);
}

static void
gap (Report *r,
     double  height)
{
  if (!r->page_empty)
    r->y = MIN (r->y + height, CONTENT_BOTTOM);
}

static void
para_full (Report        *r,
           const char    *text,
           Font           font,
           const TmColor *color,
           double         indent,
           double         after)
{
  Cell cell = { 0 };

  cell.layout = new_layout (r, text, font, CONTENT_W - indent, FALSE);
  cell.x = indent;
  cell.height = layout_height (cell.layout);
  cell.color = color;
  flow_cells (r, &cell, 1, indent, CONTENT_W, 0, ROW_PLAIN);
  g_object_unref (cell.layout);
  gap (r, after);
}

static void
para (Report     *r,
      const char *text)
{
  para_full (r, text, FONT_BODY, &black, 0, U * 0.5);
}

static void
note (Report     *r,
      const char *text)
{
  para_full (r, text, FONT_SMALL, &muted, 0, U * 0.5);
}

/* A bullet list item */
static void
bullet (Report     *r,
        const char *text)
{
  Cell cells[2] = { { 0 } };

  cells[0].layout = new_layout (r, "•", FONT_BODY, U, FALSE);
  cells[0].x = U * 0.3;
  cells[1].layout = new_layout (r, text, FONT_BODY, CONTENT_W - U * 1.5, FALSE);
  cells[1].x = U * 1.5;
  for (guint i = 0; i < 2; i++)
    cells[i].height = layout_height (cells[i].layout);
  flow_cells (r, cells, 2, 0, CONTENT_W, U * 0.1, ROW_PLAIN);
  for (guint i = 0; i < 2; i++)
    g_object_unref (cells[i].layout);
}

/* An entry of the PDF's outline at @level: 0 a section, 1 under the last
 * section, 2 under the last entry of level 1. */
static void
add_outline (Report     *r,
             const char *text,
             guint       level)
{
  g_autofree char *link = NULL;
  int parent = CAIRO_PDF_OUTLINE_ROOT;
  int id;

  if (r->surface == NULL)
    return;

  if (level >= 2 && r->outline_part > 0)
    parent = r->outline_part;
  else if (level >= 1 && r->outline_section > 0)
    parent = r->outline_section;

  link = g_strdup_printf ("page=%u", r->page);
  id = cairo_pdf_surface_add_outline (r->surface, parent, text, link, 0);
  if (level == 0)
    {
      r->outline_section = id;
      r->outline_part = 0;
    }
  else if (level == 1)
    r->outline_part = id;
}

/* Records that the contents' item @toc starts on this page. */
static void
mark_toc (Report *r,
          guint   toc)
{
  if (toc < r->toc_pages->len)
    g_array_index (r->toc_pages, guint, toc) = r->page;
}

/* A section's title, as the contents' item @toc (G_MAXUINT: none), on a new
 * page unless @same_page. */
static void
heading1 (Report     *r,
          const char *text,
          guint       toc,
          gboolean    same_page)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, FONT_H1, CONTENT_W, FALSE);
  Cell cell = { layout, 0, layout_height (layout), 0, &black };

  if (!r->page_empty && !same_page)
    new_page (r);
  gap (r, U * 0.8);
  ensure (r, cell.height + U * 8);
  mark_toc (r, toc);
  add_outline (r, text, 0);
  flow_cells (r, &cell, 1, 0, CONTENT_W, 0, ROW_KEEP);
  r->y += U * 0.3;
  draw_rule (r, 0, CONTENT_W, r->y, 1.5, &black);
  r->y += U * 0.9;
}

/* A heading kept with at least @keep of what follows it. */
static void
heading (Report     *r,
         const char *text,
         Font        font,
         double      keep)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, font, CONTENT_W, FALSE);
  Cell cell = { layout, 0, layout_height (layout), 0, &black };

  gap (r, font == FONT_H2 ? U * 0.6 : U * 0.5);
  ensure (r, cell.height + keep);
  flow_cells (r, &cell, 1, 0, CONTENT_W, 0, ROW_KEEP);
  r->y += U * 0.35;
}

/* Tables */

static double
column_x (const Table *t,
          guint        column)
{
  double x = 0;

  for (guint i = 0; i < column; i++)
    x += t->widths[i] * CONTENT_W;
  return x;
}

/* @texts has one text per column. @bold and @grey are bit masks of columns. */
static void
table_row_full (Report             *r,
                const Table        *t,
                const char * const *texts,
                Font                font,
                guint               bold,
                guint               grey,
                guint               flags)
{
  Cell cells[MAX_COLUMNS] = { { 0 } };

  for (guint i = 0; i < t->n_columns; i++)
    {
      Font f = font;

      if (bold & (1u << i))
        f = font == FONT_SMALL ? FONT_SMALL_BOLD : FONT_BOLD;
      cells[i].layout = new_layout (r, texts[i], f, t->widths[i] * CONTENT_W - 2 * CELL_PAD_X,
                                    (t->right & (1u << i)) != 0);
      cells[i].x = column_x (t, i) + CELL_PAD_X;
      cells[i].height = layout_height (cells[i].layout);
      cells[i].color = (grey & (1u << i)) ? &muted : &black;
    }
  flow_cells (r, cells, t->n_columns, 0, CONTENT_W, CELL_PAD_Y, flags);
  for (guint i = 0; i < t->n_columns; i++)
    g_object_unref (cells[i].layout);
}

static void
table_row (Report             *r,
           const Table        *t,
           const char * const *texts,
           guint               bold)
{
  table_row_full (r, t, texts, t->font, bold, 0, ROW_RULE);
}

/* The height of a row of @t, to keep a short table together. */
static double
measure_row (Report             *r,
             const Table        *t,
             const char * const *texts,
             Font                font,
             guint               bold)
{
  double height = 0;

  for (guint i = 0; i < t->n_columns; i++)
    {
      Font f = font;
      g_autoptr(PangoLayout) layout = NULL;

      if (bold & (1u << i))
        f = font == FONT_SMALL ? FONT_SMALL_BOLD : FONT_BOLD;
      layout = new_layout (r, texts[i], f, t->widths[i] * CONTENT_W - 2 * CELL_PAD_X, FALSE);
      height = MAX (height, layout_height (layout));
    }
  return height + 2 * CELL_PAD_Y;
}

static void
table_header (Report      *r,
              const Table *t)
{
  guint bold = (1u << t->n_columns) - 1;

  if (t->headers[0] != NULL)
    table_row_full (r, t, t->headers, t->font == FONT_SMALL ? FONT_SMALL : FONT_BODY, bold, 0,
                    ROW_HEADER | ROW_KEEP);
}

static void
table_begin (Report      *r,
             const Table *t)
{
  /* The header and a first row together */
  ensure (r, line_height (r, t->font) * (t->headers[0] != NULL ? 4 : 2) + CELL_PAD_Y * 4);
  table_header (r, t);
  r->table = t;
  g_clear_pointer (&r->table_group, g_free);
}

static void
table_end (Report *r)
{
  r->table = NULL;
  g_clear_pointer (&r->table_group, g_free);
  gap (r, U * 0.8);
}

static void
draw_span (Report     *r,
           const char *text)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, FONT_BOLD, CONTENT_W - 2 * CELL_PAD_X, FALSE);
  Cell cell = { layout, CELL_PAD_X, layout_height (layout), 0, &black };

  flow_cells (r, &cell, 1, 0, CONTENT_W, CELL_PAD_Y, ROW_SHADE | ROW_RULE | ROW_KEEP);
}

/* A row across the whole table that heads the rows after it, e.g. a
 * section of the checklist: kept with the next rows, and repeated (marked
 * continued) when they go on on a new page. */
static void
table_span (Report     *r,
            const char *text)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, FONT_BOLD, CONTENT_W - 2 * CELL_PAD_X, FALSE);

  g_clear_pointer (&r->table_group, g_free);
  ensure (r, layout_height (layout) + line_height (r, FONT_BODY) * 3 + CELL_PAD_Y * 4);
  draw_span (r, text);
  r->table_group = g_strdup (text);
}

static const Table kv_table = { 2, { 0.34, 0.66 }, 0, { NULL }, FONT_BODY };

/* A label and its value; an empty value reads "Not given". */
static void
kv_full (Report     *r,
         const char *label,
         const char *value,
         gboolean    bold)
{
  const char *texts[2] = { label, value };
  guint grey = 0;

  if (is_blank (value))
    {
      /* Translators: in the committee report, for a field left empty */
      texts[1] = C_("report", "Not given");
      grey = 1 << 1;
    }
  table_row_full (r, &kv_table, texts, FONT_BODY, bold ? 0x3 : 0x1, grey, ROW_RULE);
}

static void
kv (Report     *r,
    const char *label,
    const char *value)
{
  kv_full (r, label, value, FALSE);
}

static double
measure_kv (Report     *r,
            const char *label,
            const char *value)
{
  const char *texts[2] = { label, is_blank (value) ? "—" : value };

  return measure_row (r, &kv_table, texts, FONT_BODY, 0x1);
}

/* Pages */

static void
begin_page (Report *r)
{
  r->y = CONTENT_TOP;
  r->page_empty = TRUE;

  if (r->cr != NULL)
    {
      cairo_save (r->cr);
      cairo_scale (r->cr, 1.0 / PT_TO_UNITS, 1.0 / PT_TO_UNITS);
    }

  if (r->table != NULL)
    {
      table_header (r, r->table);
      if (r->table_group != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("%s (continued)"), r->table_group);

          draw_span (r, text);
        }
      r->page_empty = TRUE;
    }
}

static void
end_page (Report *r)
{
  if (r->cr != NULL)
    {
      const char *unit = tm_portfolio_get_unit_name (r->portfolio);
      g_autofree char *number = NULL;
      g_autoptr(PangoLayout) left = NULL;
      g_autoptr(PangoLayout) right = NULL;
      double y = PAGE_H - MARGIN - line_height (r, FONT_SMALL);

      if (is_blank (unit))
        unit = _("Unnamed unit");

      /* Translators: the footer of each page of the committee report */
      number = g_strdup_printf (_("Page %u of %u"), r->page, r->n_pages);
      right = new_layout (r, number, FONT_SMALL, CONTENT_W * 0.3, TRUE);
      left = new_layout (r, unit, FONT_SMALL, CONTENT_W * 0.68, FALSE);
      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

      draw_rule (r, 0, CONTENT_W, y - U * 0.4, 0.6, &rule_grey);
      _tm_draw_set_color (r->cr, &muted);
      cairo_move_to (r->cr, MARGIN, y);
      pango_cairo_show_layout (r->cr, left);
      cairo_move_to (r->cr, MARGIN + CONTENT_W * 0.7, y);
      pango_cairo_show_layout (r->cr, right);
      cairo_new_path (r->cr);

      cairo_restore (r->cr);
      cairo_show_page (r->cr);

      if (r->progress != NULL && r->n_pages > 0)
        r->progress (0.5 + 0.5 * r->page / r->n_pages, r->user_data);
    }
}

static void
new_page (Report *r)
{
  end_page (r);
  r->page++;
  begin_page (r);
}

/* Drawing the views */

/* Sets up @r->cr to draw a view @height units tall (at @scale) at the
 * current position, clipped to the content. */
static void
view_begin (Report *r,
            double  height,
            double  scale)
{
  cairo_save (r->cr);
  cairo_rectangle (r->cr, MARGIN, r->y, CONTENT_W, MIN (height * scale, CONTENT_BOTTOM - r->y));
  cairo_clip (r->cr);
  cairo_translate (r->cr, MARGIN, r->y);
  cairo_scale (r->cr, scale, scale);
}

static void
view_end (Report *r)
{
  cairo_restore (r->cr);
}


/* A part of the appendix: a heading kept with what follows, in the
 * contents as item @toc and in the outline under the appendix. */
static void
heading_part (Report     *r,
              const char *text,
              guint       toc)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, FONT_H2, CONTENT_W, FALSE);

  gap (r, U * 0.8);
  ensure (r, layout_height (layout) + U * 8);
  mark_toc (r, toc);
  add_outline (r, text, 1);
  heading (r, text, FONT_H2, U * 6);
}

/* Rows of cells with a font each */

typedef struct {
  const char    *text;
  Font           font;
  const TmColor *color;
  double         x;        /* fractions of the content width */
  double         width;
  gboolean       right;
} Part;

static void
make_cells (Report     *r,
            const Part *parts,
            guint       n,
            Cell       *cells)
{
  g_assert (n <= MAX_COLUMNS);

  for (guint i = 0; i < n; i++)
    {
      cells[i].layout = new_layout (r, parts[i].text, parts[i].font,
                                    parts[i].width * CONTENT_W - 2 * CELL_PAD_X, parts[i].right);
      cells[i].x = parts[i].x * CONTENT_W + CELL_PAD_X;
      cells[i].height = layout_height (cells[i].layout);
      cells[i].done = 0;
      cells[i].color = parts[i].color != NULL ? parts[i].color : &black;
    }
}

static void
free_cells (Cell  *cells,
            guint  n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&cells[i].layout);
}

static double
parts_height (Report     *r,
              const Part *parts,
              guint       n)
{
  Cell cells[MAX_COLUMNS] = { { 0 } };
  double height = 0;

  make_cells (r, parts, n, cells);
  for (guint i = 0; i < n; i++)
    height = MAX (height, cells[i].height);
  free_cells (cells, n);
  return height + 2 * CELL_PAD_Y;
}

static void
parts_row (Report     *r,
           const Part *parts,
           guint       n,
           guint       flags)
{
  Cell cells[MAX_COLUMNS] = { { 0 } };

  make_cells (r, parts, n, cells);
  flow_cells (r, cells, n, 0, CONTENT_W, CELL_PAD_Y, flags);
  free_cells (cells, n);
}

/* Lines joined with newlines, the blank ones left out. */
static char *
join_lines (const char * const *lines,
            guint               n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (is_blank (lines[i]))
        continue;
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, lines[i]);
    }
  return g_string_free (s, FALSE);
}

/* "3. Besvare patientkald", and the scenario when the report covers more than one */
static char *
dup_move_ref (Report     *r,
              Covered    *c,
              guint       index)
{
  g_autofree char *name = dup_move_name (index + 1, g_ptr_array_index (c->cards, index));

  if (r->covered->len < 2)
    return g_steal_pointer (&name);
  /* Translators: a move of another scenario than the report's: the task, then the scenario */
  return g_strdup_printf (_("%s (scenario “%s”)"), name, c->name);
}

static const TmMoveReview *
card_review (TmMoveCard *card)
{
  return tm_task_data_get_review (tm_task_peek_data (tm_move_card_get_task (card)),
                                  tm_move_card_get_scenario_id (card));
}

/* The front page */

static void
render_front (Report *r)
{
  const char *unit = tm_portfolio_get_unit_name (r->portfolio);
  const char *organisation = tm_portfolio_get_organisation (r->portfolio);
  const char *meeting = tm_portfolio_get_last_committee_meeting (r->portfolio);
  g_autofree char *meeting_text = _tm_report_format_date (meeting);
  g_autofree char *since_text = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  static const Table toc_table = { 2, { 0.85, 0.15 }, 1 << 1, { NULL }, FONT_BODY };

  if (is_blank (unit))
    unit = _("Unnamed unit");

  /* Translators: the title of the report for the MED committee (Denmark) or
   * AMU and the union representatives (Norway) */
  para_full (r, _("Committee report"), FONT_TITLE, &black, 0, U * 0.3);
  para_full (r, unit, FONT_H1, &black, 0, U * 0.1);
  if (!is_blank (organisation))
    para_full (r, organisation, FONT_H3, &muted, 0, U * 0.1);
  gap (r, U * 0.5);
  draw_rule (r, 0, CONTENT_W, r->y, 1.5, &black);
  gap (r, U * 0.8);

  para (r, _("Which tasks the unit proposes to move to another profession, to stop or to support with "
             "technology, what that frees in hours and FTE, where each move stands and what is asked of "
             "the committee now. A summary comes first, then one entry per move; the appendix gives each "
             "assessment against the principles in full, the workshops and the changes."));

  for (guint i = 0; i < r->covered->len; i++)
    {
      if (i > 0)
        /* Translators: the separator between the items of a list, as in "Day, Night" */
        g_string_append (names, C_("list", ", "));
      g_string_append (names, g_array_index (r->covered, Covered, i).name);
    }
  if (*r->since != '\0')
    since_text = _tm_report_format_date (r->since);
  else
    /* Translators: in the committee report: which changes it lists */
    since_text = g_strdup (_("All recorded changes"));

  /* Translators: in the committee report: the committee it is for, e.g. "MED committee" */
  kv (r, _("Prepared for"), tm_country_get_committee_label (r->country));
  kv (r, _("Date of the report"), r->today);
  kv (r, _("Last committee meeting"), meeting_text);
  /* Translators: in the committee report: the scenarios it covers */
  kv (r, r->covered->len > 1 ? _("Scenarios") : _("Scenario"), names->str);
  /* Translators: in the committee report: the date from which it lists the changes */
  kv (r, _("Changes listed since"), since_text);
  gap (r, U * 0.4);

  /* Translators: a heading in the committee report */
  heading (r, _("Contents"), FONT_H3, U * 4);
  for (guint i = 0; i < r->toc->len; i++)
    {
      const TocItem *item = &g_array_index (r->toc, TocItem, i);
      guint page = r->toc_pages_counted ? g_array_index (r->toc_pages_counted, guint, i) : 0;
      g_autofree char *number = page > 0 ? g_strdup_printf ("%u", page) : g_strdup ("");
      g_autofree char *title = item->child ? g_strconcat ("    ", item->title, NULL) : g_strdup (item->title);
      const char *texts[2] = { title, number };

      table_row_full (r, &toc_table, texts, FONT_BODY, 0, 0, ROW_RULE);
    }
  table_end (r);
}

/* The summary */

static void
render_staffing (Report *r)
{
  TmAnalysis *a = g_array_index (r->covered, Covered, 0).analysis;
  Table table = { 4, { 0.40, 0.22, 0.19, 0.19 }, 0xe, { NULL }, FONT_SMALL };
  g_autoptr(GString) unstaffed = g_string_new (NULL);
  const TmAnalysisProfession *nurses = tm_analysis_get_nurses (a);
  g_autofree char *coverage = nurses ? tm_analysis_describe_coverage (a, r->portfolio, nurses) : NULL;
  gboolean any = FALSE;

  /* Translators: a heading in the committee report: the unit's staffing */
  heading (r, _("The unit and its staffing"), FONT_H2, U * 6);

  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);

      any = any || (p->profession_id != NULL &&
                    (tm_analysis_profession_has_staffing (p) || p->hours_today > 0.0001));
    }
  if (!any)
    {
      para (r, _("No staffing is entered for the unit, and no task is mapped yet. With the staffing (FTE per "
                 "profession) the report gives what each scenario frees as a share of staffed working time."));
      return;
    }

  table.headers[0] = _("Profession");
  /* Translators: a column heading: the staffing, e.g. "28 FTE × 37 h" */
  table.headers[1] = _("Staffing");
  /* Translators: a column heading in the committee report: the hours a week of the tasks
   * a profession performs today */
  table.headers[2] = _("Tasks today, h a week");
  /* Translators: a column heading: the tasks mapped as a share of staffed time */
  table.headers[3] = _("Mapped");
  table_begin (r, &table);
  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);
      gboolean staffed = tm_analysis_profession_has_staffing (p);
      g_autofree char *staffing = NULL;
      g_autofree char *today = NULL;
      g_autofree char *mapped = NULL;
      const char *texts[4];

      if (p->profession_id == NULL || (!staffed && p->hours_today <= 0.0001))
        continue;
      if (staffed)
        {
          g_autofree char *fte = tm_format_fte_value (p->fte);
          g_autofree char *hours = tm_language_format_number (p->hours_per_fte,
                                                              p->hours_per_fte == floor (p->hours_per_fte) ? 0 : 1);

          /* Translators: a staffing: FTE × the weekly hours of one FTE */
          staffing = g_strdup_printf (_("%s FTE × %s h"), fte, hours);
          mapped = format_percent (tm_analysis_profession_coverage (p));
        }
      else
        {
          if (unstaffed->len > 0)
            g_string_append (unstaffed, C_("list", ", "));
          g_string_append (unstaffed, profession_name (r, p->profession_id));
        }
      today = format_hours (p->hours_today);
      texts[0] = profession_name (r, p->profession_id);
      /* Translators: in the committee report, for a field left empty */
      texts[1] = staffing ? staffing : C_("report", "Not given");
      texts[2] = today;
      texts[3] = mapped ? mapped : "—";
      table_row_full (r, &table, texts, FONT_SMALL, 0, staffed ? 0 : 0x2, ROW_RULE);
    }
  table_end (r);

  if (coverage != NULL)
    note (r, coverage);
  if (unstaffed->len > 0)
    {
      g_autofree char *text =
        /* Translators: %s is a list of professions */
        g_strdup_printf (_("The staffing of %s is not entered: for them no share of working time can "
                           "be given, and no comparison with the benchmark is made."), unstaffed->str);

      note (r, text);
    }
}

static void
render_scenario_frees (Report  *r,
                       Covered *c)
{
  TmAnalysis *a = c->analysis;
  const TmAnalysisProfession *nurses = tm_analysis_get_nurses (a);
  g_autofree char *freed = nurses ? tm_analysis_describe_freed (a, r->portfolio, nurses) : NULL;
  g_autofree char *shifts = freed ? tm_analysis_describe_shifts (a, nurses->moved_out) : NULL;
  g_autofree char *split = freed ? tm_analysis_describe_split (a, r->portfolio, nurses) : NULL;
  Table hours_table = {
    7, { 0.28, 0.11, 0.11, 0.13, 0.13, 0.12, 0.12 }, 0x7e, { NULL }, FONT_SMALL
  };

  heading (r, c->name, FONT_H3, U * 8);
  if (a->n_moves == 0)
    {
      para (r, _("The scenario has no moves yet."));
      return;
    }
  if (freed != NULL)
    {
      g_autofree char *text = shifts ? g_strdup_printf ("%s %s", freed, shifts) : g_strdup (freed);

      para_full (r, text, FONT_BOLD, &black, 0, U * 0.2);
      para_full (r, split, FONT_BODY, &black, 0, U * 0.4);
    }

  /* With more than one scenario the comparison below gives the figures side by side */
  if (r->comparison != NULL)
    goto notes;

  hours_table.headers[0] = _("Profession");
  /* Translators: a column heading: hours per week today */
  hours_table.headers[1] = _("Today");
  /* Translators: a column heading: hours per week after the scenario */
  hours_table.headers[2] = _("After");
  hours_table.headers[3] = _("Handed over");
  hours_table.headers[4] = _("Taken over");
  hours_table.headers[5] = _("FTE freed");
  hours_table.headers[6] = _("FTE needed");
  table_begin (r, &hours_table);
  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);
      g_autofree char *today = format_hours (p->hours_today);
      g_autofree char *after = format_hours (p->hours_after);
      g_autofree char *out = format_hours (p->moved_out);
      g_autofree char *in = format_hours (p->moved_in);
      g_autofree char *fte_freed = p->fte_freed > 0 ? tm_format_fte_value (p->fte_freed) : NULL;
      g_autofree char *fte_needed = p->fte_needed > 0 ? tm_format_fte_value (p->fte_needed) : NULL;
      const char *texts[7];

      /* Only the professions the scenario touches */
      if (p->moved_out <= 0.0001 && p->moved_in <= 0.0001)
        continue;
      texts[0] = profession_name (r, p->profession_id);
      texts[1] = today;
      texts[2] = after;
      texts[3] = out;
      texts[4] = in;
      texts[5] = fte_freed ? fte_freed : "—";
      texts[6] = fte_needed ? fte_needed : "—";
      table_row (r, &hours_table, texts, 0);
    }
  table_end (r);

notes:
  if (a->n_training_moves > 0)
    {
      g_autofree char *number = tm_language_format_number (a->training_days, a->training_days == floor (a->training_days) ? 0 : 1);
      /* Translators: a length of training, e.g. "8 days"; %s is the number */
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                                            a->training_days == 1 ? 1 : 2),
                                               number);
      g_autofree char *text =
        /* Translators: in the summary of the committee report; %u is a number of moves,
         * %s the training they need in all, e.g. "8 days" */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u move needs training of the receiving profession: %s in all, where the days are given.",
                                      "%u moves need training of the receiving profession: %s in all, where the days are given.",
                                      a->n_training_moves),
                         a->n_training_moves, days);

      note (r, text);
    }
  if (a->n_not_estimated > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u task has no time estimate and is not counted in the hours",
                                                            "%u tasks have no time estimate and are not counted in the hours",
                                                            a->n_not_estimated),
                                               a->n_not_estimated);

      note (r, text);
    }
}

static void
render_by_status (Report *r)
{
  Table table = { 1 + MIN (r->covered->len, MAX_COLUMNS - 1), { 0 }, 0, { NULL }, FONT_BODY };
  guint n_columns = table.n_columns - 1;
  guint totals[MAX_COLUMNS] = { 0 };

  /* Translators: a heading in the committee report */
  heading (r, _("Where the moves stand"), FONT_H2, U * 6);

  table.widths[0] = n_columns > 1 ? 0.46 : 0.75;
  /* Translators: a heading in the committee report */
  table.headers[0] = _("Status");
  for (guint k = 0; k < n_columns; k++)
    {
      table.widths[k + 1] = (1 - table.widths[0]) / n_columns;
      table.right |= 1u << (k + 1);
      table.headers[k + 1] = n_columns > 1 ? g_array_index (r->covered, Covered, k).name
                                           /* Translators: a column heading in the committee report: how many moves */
                                           : _("Moves");
    }

  table_begin (r, &table);
  for (guint s = 0; s < TM_N_STATUSES; s++)
    {
      char *counts[MAX_COLUMNS] = { NULL };
      const char *texts[MAX_COLUMNS];
      g_autofree char *label = NULL;
      gboolean any = FALSE;

      for (guint k = 0; k < n_columns; k++)
        {
          guint n = g_array_index (r->covered, Covered, k).analysis->n_moves_by_status[s];

          any = any || n > 0;
          totals[k] += n;
          counts[k] = g_strdup_printf ("%u", n);
        }
      label = g_strdup_printf ("%s %s", tm_draw_move_status_mark (s), tm_move_status_get_label (s, r->country));
      texts[0] = label;
      for (guint k = 0; k < n_columns; k++)
        texts[k + 1] = counts[k];
      /* The statuses no move has are left out */
      if (any)
        table_row (r, &table, texts, 0);
      for (guint k = 0; k < n_columns; k++)
        g_free (counts[k]);
    }
  {
    char *counts[MAX_COLUMNS] = { NULL };
    const char *texts[MAX_COLUMNS];

    /* Translators: the total row of the status counts in the committee report */
    texts[0] = _("All moves");
    for (guint k = 0; k < n_columns; k++)
      texts[k + 1] = counts[k] = g_strdup_printf ("%u", totals[k]);
    table_row_full (r, &table, texts, FONT_BODY, (1u << table.n_columns) - 1, 0, ROW_SHADE | ROW_RULE);
    for (guint k = 0; k < n_columns; k++)
      g_free (counts[k]);
  }
  table_end (r);
}

static void
render_asked (Report *r)
{
  Table table = { 4, { 0.36, 0.28, 0.14, 0.22 }, 0, { NULL }, FONT_SMALL };
  guint n = 0;

  /* Translators: a heading in the committee report: the moves the committee is asked to approve */
  heading (r, _("Asked of the committee now"), FONT_H2, U * 6);

  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);

      for (guint i = 0; i < c->cards->len; i++)
        n += tm_move_card_get_status (g_ptr_array_index (c->cards, i)) == TM_STATUS_AGREED;
    }
  if (n == 0)
    {
      para (r, _("No move agreed in a workshop awaits the committee’s approval."));
      return;
    }

  {
    /* The committee is named on the front page, in its country's words. */
    para (r, _("The moves agreed in a workshop that await the committee’s approval; each has its "
               "entry under its number."));
  }

  /* Translators: a column heading in the committee report: the task whose move it is */
  table.headers[0] = _("Move");
  /* Translators: a column heading in the committee report: from which profession to which */
  table.headers[1] = _("From → to");
  /* Translators: a column heading in the committee report */
  table.headers[2] = _("Hours and FTE");
  /* Translators: a column heading in the committee report */
  table.headers[3] = _("Checklist");
  table_begin (r, &table);
  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);
      gboolean spanned = FALSE;

      for (guint i = 0; i < c->cards->len; i++)
        {
          TmMoveCard *card = g_ptr_array_index (c->cards, i);
          g_autofree char *name = NULL;
          g_autofree char *amount = NULL;
          const char *texts[4];

          if (tm_move_card_get_status (card) != TM_STATUS_AGREED)
            continue;
          if (r->covered->len > 1 && !spanned)
            {
              table_span (r, c->name);
              spanned = TRUE;
            }
          name = dup_move_name (i + 1, card);
          if (tm_move_card_get_hours (card) < 0)
            amount = g_strdup (C_("hours", "Not estimated"));
          else
            {
              g_autofree char *hours = tm_format_hours_value (tm_move_card_get_hours (card));
              g_autofree char *fte = tm_format_fte_value (tm_move_card_get_fte (card));
              g_autofree char *hours_text = g_strdup_printf (_("%s h a week"), hours);
              g_autofree char *fte_text = g_strdup_printf (_("%s FTE"), fte);

              amount = g_strdup_printf ("%s\n%s", hours_text, fte_text);
            }
          texts[0] = name;
          texts[1] = tm_move_card_get_move_text (card);
          texts[2] = amount;
          texts[3] = tm_move_card_get_checklist_counts (card);
          table_row (r, &table, texts, 1 << 0);
        }
    }
  table_end (r);
}

/* Items answered "concern", approvals with items not yet considered and high
 * risks, one line per move. */
static void
render_open_points (Report *r)
{
  gboolean any = FALSE;

  /* Translators: a section of the committee report */
  heading (r, _("Open concerns"), FONT_H2, U * 4);

  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);

      for (guint i = 0; i < c->cards->len; i++)
        {
          TmMoveCard *card = g_ptr_array_index (c->cards, i);
          const TmMoveReview *review = card_review (card);
          g_autofree char *ref = NULL;
          g_autoptr(GString) text = NULL;
          guint n_open;

          if (review == NULL)
            continue;
          n_open = tm_move_review_count_open (review);
          if (tm_move_review_count_concerns (review) == 0 && review->risk != TM_RISK_HIGH &&
              !(is_approved (tm_move_review_get_status (review)) && n_open > 0))
            continue;

          ref = dup_move_ref (r, c, i);
          text = g_string_new (NULL);
          for (guint item = 0; item < TM_N_CHECK_ITEMS; item++)
            if (review->checks[item].state == TM_CHECK_CONCERN)
              {
                if (text->len > 0)
                  g_string_append (text, " · ");
                g_string_append_printf (text, "⚠\u00a0%s", tm_check_item_get_label (item));
              }
          if (review->risk == TM_RISK_HIGH)
            {
              if (text->len > 0)
                g_string_append (text, " · ");
              g_string_append (text, tm_move_card_get_risk_text (card));
            }
          if (is_approved (tm_move_review_get_status (review)) && n_open > 0)
            {
              if (text->len > 0)
                g_string_append (text, " · ");
              g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                         "Approved with %u item of the checklist not yet considered",
                                                         "Approved with %u items of the checklist not yet considered",
                                                         n_open),
                                      n_open);
            }
          g_string_prepend (text, ": ");
          g_string_prepend (text, ref);
          bullet (r, text->str);
          any = TRUE;
        }
    }
  if (!any)
    /* Translators: in the committee report: nothing to list */
    para (r, C_("report", "None."));
  gap (r, U * 0.4);
}

typedef struct {
  gint64        when;
  Covered      *covered;
  guint         index;
  TmMoveStatus  from;
  TmMoveStatus  to;
} StatusChange;

static int
local_day (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);
  int y, m, d;

  if (date == NULL)
    return 0;
  g_date_time_get_ymd (date, &y, &m, &d);
  return y * 10000 + m * 100 + d;
}

/* By day, then by the change, then in time, so a day's same changes are together */
static int
compare_status_changes (gconstpointer a,
                        gconstpointer b)
{
  const StatusChange *ca = a, *cb = b;
  int da = local_day (ca->when), db = local_day (cb->when);

  if (da != db)
    return da < db ? -1 : 1;
  if (ca->from != cb->from)
    return (int) ca->from - (int) cb->from;
  if (ca->to != cb->to)
    return (int) ca->to - (int) cb->to;
  if (ca->when != cb->when)
    return ca->when < cb->when ? -1 : 1;
  if (ca->covered != cb->covered)
    return ca->covered < cb->covered ? -1 : 1;
  return (int) ca->index - (int) cb->index;
}

static void
render_changes_summary (Report *r)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (StatusChange));
  GListModel *workshops = tm_portfolio_get_workshops (r->portfolio);
  Table table = { 3, { 0.14, 0.30, 0.56 }, 0, { NULL }, FONT_SMALL };
  g_autofree char *title = NULL;
  guint n_workshops = 0, n_other = 0;

  if (*r->since != '\0')
    {
      g_autofree char *date = _tm_report_format_date (r->since);

      /* Translators: a section of the committee report; %s is a date */
      title = g_strdup_printf (_("Changes since %s"), date);
    }
  else
    /* Translators: a section of the committee report */
    title = g_strdup (_("All changes"));
  heading (r, title, FONT_H2, U * 4);

  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);

      for (guint i = 0; i < c->cards->len; i++)
        {
          const TmMoveReview *review = card_review (g_ptr_array_index (c->cards, i));

          for (guint j = 0; review != NULL && j < review->status_log->len; j++)
            {
              const TmStatusChange *sc = &g_array_index (review->status_log, TmStatusChange, j);
              StatusChange change = { sc->when, c, i, TM_STATUS_PROPOSED, sc->status };

              if (j > 0)
                change.from = g_array_index (review->status_log, TmStatusChange, j - 1).status;
              if (sc->when >= r->since_time)
                g_array_append_val (changes, change);
            }
        }
    }
  g_array_sort (changes, compare_status_changes);

  for (guint i = 0; workshops != NULL && i < g_list_model_get_n_items (workshops); i++)
    {
      g_autoptr(TmWorkshop) w = g_list_model_get_item (workshops, i);

      n_workshops += g_strcmp0 (tm_workshop_get_date (w), r->since) >= 0;
    }
  for (guint i = 0; i < r->history->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (r->history, i);

      n_other += g_strcmp0 (e->field, "review.status") != 0;
    }

  if (changes->len == 0 && n_workshops == 0 && n_other == 0)
    {
      para (r, _("No changes are recorded for this period."));
      return;
    }

  if (changes->len > 0)
    {
      /* Translators: a heading in the committee report: the moves whose status changed */
      heading (r, _("Changes of status"), FONT_BOLD, U * 3);
      table.headers[0] = _("Date");
      /* Translators: a column heading in the committee report: a change of status */
      table.headers[1] = _("Change");
      /* Translators: a column heading in the committee report: the moves that changed */
      table.headers[2] = _("Moves");
      table_begin (r, &table);
      /* The same change on the same day in one row, e.g. the approvals of a meeting */
      for (guint i = 0; i < changes->len;)
        {
          const StatusChange *first = &g_array_index (changes, StatusChange, i);
          g_autofree char *date = format_time (first->when);
          g_autofree char *change =
            /* Translators: a change of status, from the old to the new, e.g. "Proposed → Agreed in workshop" */
            g_strdup_printf (_("%s → %s"), tm_move_status_get_label (first->from, r->country),
                             tm_move_status_get_label (first->to, r->country));
          g_autoptr(GString) moves = g_string_new (NULL);
          const char *texts[3];
          guint j;

          for (j = i; j < changes->len; j++)
            {
              const StatusChange *sc = &g_array_index (changes, StatusChange, j);
              g_autofree char *day = format_time (sc->when);
              g_autofree char *ref = NULL;

              if (sc->from != first->from || sc->to != first->to || g_strcmp0 (day, date) != 0)
                break;
              ref = dup_move_ref (r, sc->covered, sc->index);
              if (moves->len > 0)
                g_string_append_c (moves, '\n');
              g_string_append (moves, ref);
            }
          texts[0] = date;
          texts[1] = change;
          texts[2] = moves->str;
          table_row (r, &table, texts, 0);
          i = j;
        }
      table_end (r);
    }

  if (n_workshops > 0)
    {
      /* Translators: a section of the committee report */
      heading (r, _("Workshops"), FONT_BOLD, U * 2);
      for (guint i = 0; i < g_list_model_get_n_items (workshops); i++)
        {
          g_autoptr(TmWorkshop) w = g_list_model_get_item (workshops, i);
          const TmWorkshopData *data = tm_workshop_peek_data (w);
          g_autofree char *date = NULL;
          g_autofree char *text = NULL;
          guint n = tm_workshop_data_count_participants (data);

          if (g_strcmp0 (data->date, r->since) < 0)
            continue;
          date = _tm_report_format_date (data->date);
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: a workshop in the committee report's summary:
                                                * its date, its title and how many took part */
                                               "%s — %s: %u participant",
                                               "%s — %s: %u participants", n),
                                  date ? date : or_empty (data->date), or_empty (data->title), n);
          bullet (r, text);
        }
      gap (r, U * 0.4);
    }

  if (n_other > 0)
    {
      g_autofree char *text =
        /* Translators: in the summary of the committee report */
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u change to the tasks, their assessments, the moves and the workshops is "
                                      "recorded for this period; appendix C lists it.",
                                      "%u changes to the tasks, their assessments, the moves and the workshops are "
                                      "recorded for this period; appendix C lists them.",
                                      n_other),
                         n_other);

      note (r, text);
    }
}

/* The covered scenarios side by side (tm-comparison.h), at most four to a table */
static void
render_comparison (Report *r)
{
  TmComparison *cmp = r->comparison;
  guint n = tm_comparison_get_n_scenarios (cmp);

  for (guint first = 0; first < n; first += 4)
    {
      guint n_columns = MIN (4, n - first);
      Table table = { 1 + n_columns, { 0.44 }, 0, { "" }, FONT_SMALL };

      for (guint k = 0; k < n_columns; k++)
        {
          table.widths[k + 1] = 0.56 / n_columns;
          table.right |= 1u << (k + 1);
          table.headers[k + 1] = g_ptr_array_index (cmp->names, first + k);
        }
      table_begin (r, &table);
      for (guint i = 0; i < cmp->rows->len; i++)
        {
          const TmComparisonRow *row = g_ptr_array_index (cmp->rows, i);
          char *values[MAX_COLUMNS] = { NULL };
          const char *texts[MAX_COLUMNS];
          g_autofree char *label = NULL;

          if (row->kind == TM_COMPARISON_SECTION)
            {
              table_span (r, row->label);
              continue;
            }
          /* Shifts are in the sentences above; hours and FTE say the rest */
          if (row->kind == TM_COMPARISON_SHIFTS)
            continue;
          /* What a share is a share of stays with it */
          label = row->note != NULL ? g_strdup_printf ("%s\n%s", row->label, row->note) : g_strdup (row->label);
          texts[0] = label;
          for (guint k = 0; k < n_columns; k++)
            texts[k + 1] = values[k] = tm_comparison_format_value (row, first + k);
          table_row (r, &table, texts, 0);
          for (guint k = 0; k < n_columns; k++)
            g_free (values[k]);
        }
      table_end (r);
    }
}

static void
render_summary (Report *r)
{
  heading1 (r, _("Summary"), r->toc_summary, TRUE);
  render_staffing (r);

  /* Translators: a heading in the committee report */
  heading (r, _("What each scenario frees"), FONT_H2, U * 10);
  for (guint k = 0; k < r->covered->len; k++)
    render_scenario_frees (r, &g_array_index (r->covered, Covered, k));
  if (r->comparison != NULL)
    {
      /* Translators: a heading in the committee report: the scenarios it covers, side by side */
      heading (r, _("The scenarios side by side"), FONT_H3, U * 8);
      render_comparison (r);
    }

  render_by_status (r);
  render_asked (r);
  render_open_points (r);
  render_changes_summary (r);
}

/* The entries */

/* The order of the groups of entries: what the committee is asked about
 * first, then what it has decided, then what is still on the way. */
static const TmMoveStatus entry_order[TM_N_STATUSES] = {
  TM_STATUS_AGREED, TM_STATUS_APPROVED, TM_STATUS_PILOTED, TM_STATUS_IMPLEMENTED,
  TM_STATUS_EVALUATED, TM_STATUS_PROPOSED, TM_STATUS_PAUSED, TM_STATUS_REJECTED,
};

/* Whether anything of a move's assessment against the principles is recorded */
static gboolean
has_assessment (const TmMoveReview *review)
{
  if (review == NULL)
    return FALSE;
  if (review->status_log->len > 0 || review->risk != TM_RISK_NOT_ASSESSED || review->barriers != 0)
    return TRUE;
  if (tm_move_review_count_open (review) < TM_N_CHECK_ITEMS)
    return TRUE;
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    if (review->quality[i].rating != TM_RATING_UNKNOWN || !is_blank (review->quality[i].note))
      return TRUE;
  return !is_blank (review->responsible) || !is_blank (review->mitigation) ||
         !is_blank (review->barrier_note) || !is_blank (review->quality_standards) ||
         !is_blank (review->follow_up) || !is_blank (review->delegation_ref);
}

static void
render_entry (Report     *r,
              guint       number,
              TmMoveCard *card)
{
  const TmMoveReview *review = card_review (card);
  g_autofree char *name = dup_move_name (number, card);
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *purpose = NULL;
  g_autofree char *assessment_note = NULL;
  g_autofree char *status_note = NULL;
  g_autofree char *responsible = NULL;
  g_autofree char *mitigation = NULL;
  g_autofree char *when = NULL;
  Part header[2];
  Part body[2];
  Part foot[1];
  double height;

  /* The group's heading names the status: the mark and the day suffice here */
  if (tm_move_card_get_status_time (card) != 0)
    {
      g_autofree char *day = _tm_report_format_day (tm_move_card_get_status_time (card));

      when = g_strdup_printf ("%s %s", tm_draw_move_status_mark (tm_move_card_get_status (card)), day);
    }
  else
    when = g_strdup (tm_draw_move_status_mark (tm_move_card_get_status (card)));
  header[0] = (Part) { name, FONT_BOLD, &black, 0, 0.76, FALSE };
  header[1] = (Part) { when, FONT_SMALL_BOLD, &black, 0.76, 0.24, TRUE };

  {
    g_autofree char *assessment = NULL;
    const char *lines[3];

    if (is_blank (tm_move_card_get_training_text (card)))
      assessment = g_strdup (tm_move_card_get_suitability_text (card));
    else
      assessment = g_strdup_printf ("%s · %s", tm_move_card_get_suitability_text (card),
                                    tm_move_card_get_training_text (card));
    lines[0] = tm_move_card_get_move_text (card);
    lines[1] = tm_move_card_get_amount_text (card);
    lines[2] = assessment;
    left = join_lines (lines, G_N_ELEMENTS (lines));
  }
  if (review != NULL && !is_blank (review->responsible))
    /* Translators: in an entry of the committee report: the person responsible for the move */
    responsible = g_strdup_printf (_("Responsible: %s"), review->responsible);
  if (has_assessment (review))
    {
      const char *lines[] = {
        tm_move_card_get_checklist_text (card), tm_move_card_get_quality_text (card),
        tm_move_card_get_risk_text (card), responsible,
      };

      right = join_lines (lines, G_N_ELEMENTS (lines));
    }
  else
    /* Translators: in an entry of the committee report, for a move whose checklist,
     * quality grid and risk are all still blank */
    right = g_strdup (_("Not yet assessed against the principles: checklist, quality and risk are blank."));

  if (!is_blank (tm_move_card_get_purpose (card)))
    purpose = g_strdup_printf ("%s: %s", _("Purpose"), tm_move_card_get_purpose (card));
  if (!is_blank (tm_move_card_get_note (card)))
    /* Translators: in the committee report: the note of the assessment */
    assessment_note = g_strdup_printf ("%s: %s", _("Note on the assessment"), tm_move_card_get_note (card));
  if (review != NULL && review->risk >= TM_RISK_MEDIUM && !is_blank (review->mitigation))
    /* Translators: in the committee report: how the risk is reduced */
    mitigation = g_strdup_printf ("%s: %s", _("Mitigation"), review->mitigation);
  if (!is_blank (tm_move_card_get_status_note (card)))
    status_note = g_strdup_printf ("%s: %s", tm_move_status_get_label (tm_move_card_get_status (card), r->country),
                                   tm_move_card_get_status_note (card));
  {
    const char *lines[] = { purpose, assessment_note, mitigation, status_note };

    notes = join_lines (lines, G_N_ELEMENTS (lines));
  }

  body[0] = (Part) { left, FONT_BODY, &black, 0, 0.58, FALSE };
  body[1] = (Part) { right, FONT_SMALL, &black, 0.58, 0.42, FALSE };
  foot[0] = (Part) { notes, FONT_SMALL, &muted, 0, 1, FALSE };

  /* An entry stays on one page, unless it is longer than a third of one */
  height = parts_height (r, header, 2) + parts_height (r, body, 2);
  if (*notes != '\0')
    height += parts_height (r, foot, 1);
  ensure (r, MIN (height, CONTENT_H / 3));

  parts_row (r, header, 2, ROW_SHADE | ROW_KEEP);
  parts_row (r, body, 2, *notes != '\0' ? ROW_PLAIN : ROW_HEAVY);
  if (*notes != '\0')
    parts_row (r, foot, 1, ROW_HEAVY);
  gap (r, U * 0.6);
}

static void
render_entries (Report  *r,
                Covered *c)
{
  g_autofree char *title = NULL;
  double legend_h;
  guint index = 0;

  /* Translators: a section of the committee report: "The moves — <scenario>" */
  title = g_strdup_printf (_("%s — %s"), _("The moves"), c->name);
  heading1 (r, title, c->toc_moves, FALSE);

  if (c->cards->len == 0)
    {
      para (r, _("The scenario has no moves yet."));
      return;
    }

  note (r, _("One entry per move, those the committee is asked to approve first: what moves where, its hours "
             "a week and FTE, the receiving profession’s assessment, the checklist, the quality grid and the "
             "risk in short, and the notes in full. The appendix gives each assessment in full."));

  legend_h = tm_move_card_draw_legend (NULL, &r->style, r->country, CONTENT_W);
  ensure (r, legend_h);
  if (r->cr != NULL)
    {
      view_begin (r, legend_h, 1.0);
      tm_move_card_draw_legend (r->cr, &r->style, r->country, CONTENT_W);
      view_end (r);
    }
  r->y += legend_h + U * 0.4;
  r->page_empty = FALSE;

  for (guint g = 0; g < G_N_ELEMENTS (entry_order); g++)
    {
      TmMoveStatus status = entry_order[g];
      guint n = 0;

      for (guint i = index; i < c->cards->len; i++)
        n += tm_move_card_get_status (g_ptr_array_index (c->cards, i)) == status;
      if (n == 0)
        continue;

      {
        g_autofree char *group = g_strdup_printf ("%s %s (%u)", tm_draw_move_status_mark (status),
                                                  tm_move_status_get_label (status, r->country), n);

        heading (r, group, FONT_H3, U * 8);
        add_outline (r, group, 1);
      }
      for (guint i = 0; i < n; i++, index++)
        render_entry (r, index + 1, g_ptr_array_index (c->cards, index));
    }
}

/* The appendix */

static void
render_workshops (Report *r)
{
  GListModel *workshops = tm_portfolio_get_workshops (r->portfolio);
  guint n = workshops ? g_list_model_get_n_items (workshops) : 0;
  Table people = { 2, { 0.6, 0.4 }, 1 << 1, { NULL }, FONT_BODY };

  /* Translators: a part of the appendix of the committee report */
  heading_part (r, _("B. Workshops"), r->toc_workshops);
  if (n == 0)
    {
      para (r, _("No workshops are recorded in the portfolio."));
      return;
    }
  para (r, _("The workshops where staff assessed the tasks and agreed the moves, and who took part. "
             "Participants are counted by profession."));

  /* Translators: a column heading in the committee report */
  people.headers[0] = _("Profession");
  /* Translators: a column heading in the committee report: how many took part */
  people.headers[1] = _("Participants");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmWorkshop) workshop = g_list_model_get_item (workshops, i);
      const TmWorkshopData *w = tm_workshop_peek_data (workshop);
      g_autofree char *date = _tm_report_format_date (w->date);
      g_autofree char *title = NULL;
      g_autofree char *total = g_strdup_printf ("%u", tm_workshop_data_count_participants (w));

      if (date == NULL)
        date = g_strdup (or_empty (w->date));
      if (is_blank (w->title))
        title = g_strdup (date);
      else
        /* Translators: a workshop's date and title, e.g. "24 March 2026 — Workshop 2" */
        title = g_strdup_printf (_("%s — %s"), date, w->title);

      heading (r, title, FONT_H3, U * 6);
      /* Translators: who led a workshop */
      kv (r, _("Facilitator"), w->facilitator);
      gap (r, U * 0.5);

      table_begin (r, &people);
      for (guint k = 0; k < w->participants->len; k++)
        {
          const TmParticipants *p = &g_array_index (w->participants, TmParticipants, k);
          g_autofree char *count = g_strdup_printf ("%u", p->count);
          const char *texts[2] = { profession_name (r, p->profession_id), count };

          table_row (r, &people, texts, 0);
        }
      {
        /* Translators: the total of the participants of a workshop */
        const char *texts[2] = { _("In all"), total };

        table_row_full (r, &people, texts, FONT_BODY, 0x3, 0, ROW_SHADE | ROW_RULE);
      }
      table_end (r);

      /* Translators: a heading in the committee report: the moves agreed in a workshop */
      heading (r, _("Moves decided"), FONT_BOLD, U * 2);
      if (w->moves->len == 0)
        note (r, _("No moves are linked to this workshop."));
      for (guint k = 0; k < w->moves->len; k++)
        {
          const TmMoveRef *ref = &g_array_index (w->moves, TmMoveRef, k);
          TmTask *task = tm_portfolio_lookup_task (r->portfolio, ref->task_uuid);
          const char *title_text = task ? tm_task_get_title (task) : ref->task_uuid;
          g_autofree char *text = NULL;

          if (r->covered->len == 1 &&
              g_strcmp0 (ref->scenario_id, g_array_index (r->covered, Covered, 0).id) == 0)
            text = g_strdup (or_empty (title_text));
          else
            /* Translators: a move of another scenario than the report's: the task, then the scenario */
            text = g_strdup_printf (_("%s (scenario “%s”)"), or_empty (title_text),
                                    _tm_draw_scenario_name (r->portfolio, ref->scenario_id));
          bullet (r, text);
        }
      gap (r, U * 0.4);

      /* Translators: a heading in the committee report: what a workshop decided */
      heading (r, _("Decisions"), FONT_BOLD, U * 2);
      if (is_blank (w->decisions))
        note (r, C_("report", "Not given"));
      else
        para (r, w->decisions);
      gap (r, U * 0.8);
    }
}

static const char *
check_marker (TmCheckState state)
{
  /* Not translated: each goes with the state's label */
  static const char * const markers[TM_N_CHECK_STATES] = { "○", "✓", "⚠", "–" };

  return markers[state];
}

static const char *
rating_marker (TmRating rating)
{
  return tm_move_card_get_rating_symbol (rating);
}

static void
render_status_log (Report             *r,
                   const TmMoveReview *review)
{
  Table log_table = { 4, { 0.13, 0.2, 0.33, 0.34 }, 0, { NULL }, FONT_SMALL };

  /* Translators: a heading in the committee report */
  heading (r, _("Status and its history"), FONT_H3, U * 5);
  if (review->status_log->len == 0)
    {
      g_autofree char *text = g_strdup_printf (_("No change of status is recorded; the move stands at “%s”."),
                                               tm_move_status_get_label (TM_STATUS_PROPOSED, r->country));

      para (r, text);
      return;
    }

  /* Translators: a column heading in the committee report */
  log_table.headers[0] = _("Date");
  /* Translators: a column heading in the committee report: who made a change */
  log_table.headers[1] = _("Who");
  /* Translators: a column heading in the committee report: a change of status */
  log_table.headers[2] = _("Change");
  /* Translators: a column heading in the committee report */
  log_table.headers[3] = _("Note");
  table_begin (r, &log_table);
  for (guint i = 0; i < review->status_log->len; i++)
    {
      const TmStatusChange *c = &g_array_index (review->status_log, TmStatusChange, i);
      TmMoveStatus from = i > 0 ? g_array_index (review->status_log, TmStatusChange, i - 1).status
                                : TM_STATUS_PROPOSED;
      g_autofree char *date = format_time (c->when);
      g_autofree char *change = NULL;
      GString *text = g_string_new (or_empty (c->note));
      const char *texts[4];

      /* Translators: a change of status, from the old to the new, e.g. "Proposed → Agreed in workshop" */
      change = g_strdup_printf (_("%s → %s"), tm_move_status_get_label (from, r->country),
                                tm_move_status_get_label (c->status, r->country));
      if (c->n_open > 0)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "Approved with %u item of the checklist not yet considered",
                                                     "Approved with %u items of the checklist not yet considered",
                                                     c->n_open),
                                  c->n_open);
        }
      texts[0] = date;
      texts[1] = or_empty (c->who);
      texts[2] = change;
      texts[3] = text->str;
      table_row (r, &log_table, texts, 1 << 2);
      g_string_free (text, TRUE);
    }
  table_end (r);
}


/* One move's assessment in full: the warnings, the checklist, the quality
 * grid, barriers, risk and follow-up, and the status with its history. */
static void
render_assessment (Report     *r,
                   Covered    *c,
                   guint       index,
                   TmMoveCard *card)
{
  TmTask *task = tm_move_card_get_task (card);
  const TmMoveReview *review = card_review (card);
  g_autofree char *title = dup_move_name (index + 1, card);
  g_autoptr(GPtrArray) warnings = NULL;
  Table check_table = { 3, { 0.38, 0.25, 0.37 }, 0, { NULL }, FONT_SMALL };
  Table quality_table = { 3, { 0.38, 0.25, 0.37 }, 0, { NULL }, FONT_SMALL };

  g_assert (review != NULL);

  heading (r, title, FONT_H3, U * 8);
  add_outline (r, title, 2);
  note (r, tm_move_card_get_move_text (card));

  /* Warnings the move gives where it is chosen */
  warnings = tm_move_check (r->portfolio, task, c->id);
  if (warnings != NULL && warnings->len > 0)
    {
      /* Translators: a heading in the committee report: what Taskmap warned about the move */
      heading (r, _("Points to note"), FONT_BOLD, U * 2);
      for (guint i = 0; i < warnings->len; i++)
        {
          const TmWarning *w = g_ptr_array_index (warnings, i);

          bullet (r, w->message);
        }
      gap (r, U * 0.4);
    }

  /* Translators: a heading in the committee report: the principles as a checklist */
  heading (r, _("Checklist of the principles"), FONT_H3, U * 6);
  /* Translators: a column heading in the committee report: an item of the checklist */
  check_table.headers[0] = _("Item");
  /* Translators: a column heading in the committee report: how an item was answered */
  check_table.headers[1] = _("Answer");
  check_table.headers[2] = _("Note");
  table_begin (r, &check_table);
  for (guint s = 0; s < TM_N_CHECK_SECTIONS; s++)
    {
      table_span (r, tm_check_section_get_label (s));
      for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
        {
          const TmCheck *check = &review->checks[i];
          g_autofree char *answer = NULL;
          const char *texts[3];
          gboolean open = check->state == TM_CHECK_NOT_CONSIDERED;
          gboolean concern = check->state == TM_CHECK_CONCERN;

          if (tm_check_item_get_section (i) != s)
            continue;
          answer = g_strdup_printf ("%s %s", check_marker (check->state), tm_check_state_get_label (check->state));
          texts[0] = tm_check_item_get_label (i);
          texts[1] = answer;
          texts[2] = or_empty (check->note);
          table_row_full (r, &check_table, texts, FONT_SMALL, (open || concern) ? 1 << 1 : 0, 0,
                          ROW_RULE | (open ? ROW_SHADE : 0));
        }
    }
  table_end (r);

  /* The WHO quality grid, kept together */
  {
    char *ratings[TM_N_QUALITY_COMPONENTS];
    double keep;

    /* Translators: a column heading in the committee report: a component of quality */
    quality_table.headers[0] = _("Component");
    /* Translators: a column heading in the committee report: whether quality gets better, stays or gets worse */
    quality_table.headers[1] = _("Expected effect");
    quality_table.headers[2] = _("Note");
    keep = measure_row (r, &quality_table, quality_table.headers, FONT_SMALL, 0x7);
    for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
      {
        const TmQualityRating *q = &review->quality[i];
        const char *texts[3];

        ratings[i] = g_strdup_printf ("%s %s", rating_marker (q->rating), tm_rating_get_label (q->rating));
        texts[0] = tm_quality_component_get_label (i);
        texts[1] = ratings[i];
        texts[2] = or_empty (q->note);
        keep += measure_row (r, &quality_table, texts, FONT_SMALL, 0);
      }

    /* Translators: a heading in the committee report: WHO's five components of quality */
    heading (r, _("Quality: the five components"), FONT_H3, MIN (keep, CONTENT_H / 2));
    table_begin (r, &quality_table);
    for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
      {
        const TmQualityRating *q = &review->quality[i];
        const char *texts[3] = { tm_quality_component_get_label (i), ratings[i], or_empty (q->note) };

        table_row (r, &quality_table, texts, q->rating == TM_RATING_WORSE ? 1 << 1 : 0);
        g_free (ratings[i]);
      }
    table_end (r);
  }

  /* Barriers, risk and who does what, kept together */
  {
    GString *barriers = g_string_new (NULL);
    const char *labels[8], *values[8];
    double keep = 0;

    for (guint b = 0; b < TM_N_BARRIERS; b++)
      if (review->barriers & (1u << b))
        {
          if (barriers->len > 0)
            g_string_append_c (barriers, '\n');
          g_string_append (barriers, tm_barrier_get_label (1u << b));
        }
    if (barriers->len == 0)
      /* Translators: in the committee report: no barrier theme is marked for the move */
      g_string_append (barriers, _("None marked"));

    labels[0] = _("Barriers");
    values[0] = barriers->str;
    /* Translators: in the committee report: how the barriers are handled */
    labels[1] = _("Note on the barriers");
    values[1] = review->barrier_note;
    labels[2] = _("Risk");
    values[2] = tm_risk_get_label (review->risk);
    /* Translators: in the committee report: how the risk is reduced */
    labels[3] = _("Mitigation");
    values[3] = review->mitigation;
    /* Translators: in the committee report: the person responsible for the move */
    labels[4] = _("Responsible");
    values[4] = review->responsible;
    /* Translators: in the committee report: the reference of the written delegation instruction */
    labels[5] = _("Delegation instruction");
    values[5] = review->delegation_ref;
    labels[6] = _("Measurable quality standards");
    values[6] = review->quality_standards;
    /* Translators: in the committee report: how the quality standards are followed up */
    labels[7] = _("Follow-up");
    values[7] = review->follow_up;
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      keep += measure_kv (r, labels[i], values[i]);

    /* Translators: a heading in the committee report */
    heading (r, _("Barriers, risk and follow-up"), FONT_H3, MIN (keep, CONTENT_H / 2));
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      /* A high risk stands out in bold as well as in words */
      kv_full (r, labels[i], values[i], i == 2 && review->risk == TM_RISK_HIGH);
    gap (r, U * 0.6);
    g_string_free (barriers, TRUE);
  }

  render_status_log (r, review);
}

static void
render_assessments (Report *r)
{
  /* Translators: a part of the appendix of the committee report */
  heading_part (r, _("A. The assessments in full"), r->toc_assessments);
  para (r, _("Each move’s assessment against the principles for moving tasks: the checklist with its notes, "
             "the quality grid, barriers, risk and follow-up, and the history of its status. A checklist "
             "item marked ○ has not yet been considered."));

  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);
      g_autoptr(GString) unassessed = g_string_new (NULL);

      if (r->covered->len > 1)
        {
          g_autofree char *title = g_strdup_printf ("%s — %s", _("The moves"), c->name);

          heading (r, title, FONT_H2, U * 8);
        }

      for (guint i = 0; i < c->cards->len; i++)
        {
          TmMoveCard *card = g_ptr_array_index (c->cards, i);

          if (has_assessment (card_review (card)))
            {
              render_assessment (r, c, i, card);
              continue;
            }
          if (unassessed->len > 0)
            /* Translators: the separator between the items of a list, as in "Day, Night" */
            g_string_append (unassessed, C_("list", ", "));
          g_string_append_printf (unassessed, "%u", i + 1);
        }

      if (c->cards->len == 0)
        para (r, _("The scenario has no moves yet."));
      else if (unassessed->len > 0)
        {
          guint n_unassessed = 1;
          g_autofree char *text = NULL;

          for (const char *p = unassessed->str; *p; p++)
            if (*p == ',' || *p == ';')
              n_unassessed++;
          text =
            /* Translators: in the appendix of the committee report; %s is the number of a
             * move, or a list of them, e.g. "4, 5, 9" */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Move %s has no assessment against the principles recorded "
                                          "yet: none of its checklist items has been considered.",
                                          "Moves %s have no assessment against the principles recorded "
                                          "yet: none of their checklist items has been considered.",
                                          n_unassessed),
                             unassessed->str);

          gap (r, U * 0.4);
          note (r, text);
        }
    }
}

static gboolean
is_covered (Report     *r,
            const char *scenario_id)
{
  for (guint k = 0; k < r->covered->len; k++)
    if (g_strcmp0 (g_array_index (r->covered, Covered, k).id, scenario_id) == 0)
      return TRUE;
  return FALSE;
}

static void
render_changes (Report *r)
{
  g_autofree char *title = NULL;
  g_autofree char *task_uuid = NULL;
  Table table = { 4, { 0.13, 0.15, 0.30, 0.42 }, 0, { NULL }, FONT_SMALL };

  if (*r->since != '\0')
    {
      g_autofree char *date = _tm_report_format_date (r->since);

      /* Translators: a part of the appendix of the committee report; %s is a date */
      title = g_strdup_printf (_("C. Changes since %s"), date);
    }
  else
    /* Translators: a part of the appendix of the committee report */
    title = g_strdup (_("C. All changes"));

  heading_part (r, title, r->toc_changes);
  if (r->since_meeting)
    para (r, _("The changes to the tasks, their assessments, the moves and the workshops since the committee’s "
               "last meeting, oldest first."));
  else if (r->since_time > 0)
    para (r, _("The changes to the tasks, their assessments, the moves and the workshops since that date, "
               "oldest first."));
  else
    para (r, _("No date of a last committee meeting is given, so every recorded change to the tasks, their "
               "assessments, the moves and the workshops is listed, oldest first."));

  if (r->history->len == 0)
    {
      para (r, _("No changes are recorded for this period."));
      return;
    }

  table.headers[0] = _("Date");
  table.headers[1] = _("Who");
  /* Translators: a column heading in the committee report: what was changed */
  table.headers[2] = _("What");
  /* Translators: a column heading in the committee report: the old and the new value */
  table.headers[3] = _("Old → new");
  table_begin (r, &table);

  for (guint i = 0; i < r->history->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (r->history, i);
      g_autofree char *date = format_time (e->when);
      g_autofree char *what = tm_history_entry_describe_field (e, r->portfolio);
      g_autofree char *old_value = tm_history_entry_format_value (e, e->old_value, r->portfolio);
      g_autofree char *new_value = tm_history_entry_format_value (e, e->new_value, r->portfolio);
      g_autofree char *change = NULL;
      const char *texts[4];

      /* The task, once for the changes that follow to it */
      if (i == 0 || g_strcmp0 (e->task_uuid, task_uuid) != 0)
        {
          g_free (task_uuid);
          task_uuid = g_strdup (e->task_uuid);
          if (e->task_uuid != NULL)
            table_span (r, e->task_title != NULL ? e->task_title : e->task_uuid);
          else
            /* Translators: in the list of changes of the committee report:
             * changes to the unit, its workshops or the committee's meetings */
            table_span (r, _("The unit and its workshops"));
        }

      /* Translators: an old and a new value in the list of changes */
      change = g_strdup_printf (_("%s → %s"), old_value, new_value);
      texts[0] = date;
      texts[1] = or_empty (e->who);
      texts[2] = what;
      texts[3] = change;
      table_row (r, &table, texts, 0);
    }
  table_end (r);
}

static void
render_appendix (Report *r)
{
  /* Translators: a section of the committee report: what follows the summary and the entries */
  heading1 (r, _("Appendix"), r->toc_appendix, FALSE);
  r->appendix_page = r->page;
  render_assessments (r);
  render_workshops (r);
  render_changes (r);
}

static void
render_document (Report *r)
{
  r->page = 1;
  r->table = NULL;
  g_clear_pointer (&r->table_group, g_free);
  r->outline_section = 0;
  r->outline_part = 0;
  r->appendix_page = 0;
  g_array_set_size (r->toc_pages, 0);
  g_array_set_size (r->toc_pages, r->toc->len);
  begin_page (r);

  render_front (r);
  render_summary (r);
  if (r->progress != NULL && r->n_pages == 0)
    r->progress (0.1, r->user_data);
  for (guint k = 0; k < r->covered->len; k++)
    render_entries (r, &g_array_index (r->covered, Covered, k));
  render_appendix (r);

  end_page (r);
}

/* Writing */

typedef struct {
  GOutputStream *stream;
  GError        *error;
} PdfWriter;

static cairo_status_t
pdf_write_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfWriter *writer = closure;

  /* After a failed write the rest is dropped, and cairo is told all is
   * well: cairo 1.16 crashes finishing a PDF whose stream reported an error.
   * The error is kept and said once the surface is finished. */
  if (writer->error == NULL)
    g_output_stream_write_all (writer->stream, data, length, NULL, NULL, &writer->error);
  return CAIRO_STATUS_SUCCESS;
}

/* Renders the report; with @stream, as a PDF into it (a write error in
 * @io_error, with the disk's own words), else only counting the pages. */
static gboolean
render_pdf (Report         *r,
            GOutputStream  *stream,
            char          **cairo_error,
            GError        **io_error)
{
  PdfWriter writer = { stream, NULL };
  g_autofree char *title = NULL;
  cairo_status_t status;
  const char *unit = tm_portfolio_get_unit_name (r->portfolio);

  /* Counting the pages; the contents need them too */
  r->cr = NULL;
  r->surface = NULL;
  r->n_pages = 0;
  render_document (r);
  r->n_pages = r->page;
  r->toc_pages_counted = g_array_copy (r->toc_pages);
  if (r->progress != NULL)
    r->progress (0.5, r->user_data);

  if (stream == NULL)
    return TRUE;

  r->surface = cairo_pdf_surface_create_for_stream (pdf_write_cb, &writer, PAGE_W_PT, PAGE_H_PT);
  /* Translators: the title of the report's PDF file: "Committee report — unit name" */
  title = g_strdup_printf (_("%s — %s"), _("Committee report"), is_blank (unit) ? _("Unnamed unit") : unit);
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_CREATOR, "Taskmap " PACKAGE_VERSION);
  r->cr = cairo_create (r->surface);

  render_document (r);

  status = cairo_status (r->cr);
  cairo_destroy (r->cr);
  r->cr = NULL;
  cairo_surface_finish (r->surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (r->surface);
  cairo_surface_destroy (r->surface);
  r->surface = NULL;

  if (writer.error != NULL)
    {
      g_propagate_error (io_error, writer.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      *cairo_error = g_strdup (cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
covered_clear (gpointer p)
{
  Covered *c = p;

  g_free (c->id);
  g_free (c->name);
  g_clear_pointer (&c->analysis, tm_analysis_free);
  g_clear_pointer (&c->cards, g_ptr_array_unref);
}

static void
toc_item_clear (gpointer p)
{
  TocItem *item = p;

  g_free (item->title);
}

static void
report_clear (Report *r)
{
  g_clear_pointer (&r->covered, g_array_unref);
  g_clear_pointer (&r->toc, g_array_unref);
  g_clear_pointer (&r->toc_pages, g_array_unref);
  g_clear_pointer (&r->toc_pages_counted, g_array_unref);
  g_clear_pointer (&r->history, g_ptr_array_unref);
  g_clear_pointer (&r->comparison, tm_comparison_free);
  g_clear_object (&r->context);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&r->fonts[i], pango_font_description_free);
  g_clear_pointer (&r->since, g_free);
  g_clear_pointer (&r->today, g_free);
  g_clear_pointer (&r->table_group, g_free);
}

static guint
add_toc (Report     *r,
         const char *title,
         gboolean    child)
{
  TocItem item = { g_strdup (title), child };

  g_array_append_val (r->toc, item);
  return r->toc->len - 1;
}

static int
compare_entry_order (gconstpointer a,
                     gconstpointer b)
{
  TmMoveCard *ca = *(TmMoveCard * const *) a;
  TmMoveCard *cb = *(TmMoveCard * const *) b;
  guint ra = 0, rb = 0;

  for (guint i = 0; i < G_N_ELEMENTS (entry_order); i++)
    {
      if (entry_order[i] == tm_move_card_get_status (ca))
        ra = i;
      if (entry_order[i] == tm_move_card_get_status (cb))
        rb = i;
    }
  return (int) ra - (int) rb;
}

/* Everything the report shows, computed once for both passes; in the
 * pushed language. */
static void
report_prepare (Report             *r,
                TmPortfolio        *portfolio,
                const char * const *scenario_ids,
                const char         *since,
                gint64              now)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  guint n_tasks = g_list_model_get_n_items (tasks);
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GPtrArray) history = NULL;
  int y, m, d;

  r->portfolio = portfolio;
  r->country = tm_portfolio_get_country (portfolio);

  if (since == NULL)
    {
      const char *meeting = tm_portfolio_get_last_committee_meeting (portfolio);

      r->since_meeting = meeting != NULL && _tm_date_is_valid (meeting);
      r->since = g_strdup (r->since_meeting ? meeting : "");
    }
  else
    r->since = g_strdup (since);
  if (parse_date (r->since, &y, &m, &d))
    {
      g_autoptr(GDateTime) start = g_date_time_new_local (y, m, d, 0, 0, 0);

      r->since_time = start ? g_date_time_to_unix (start) : 0;
    }

  today = now > 0 ? g_date_time_new_from_unix_local (now) : g_date_time_new_now_local ();
  r->today = format_date_dt (today);

  tm_draw_style_init (&r->style, 0.9, FALSE);
  r->style.show_title = FALSE;
  r->style.foreground = black;
  r->style.muted = muted;
  r->style.rule = (TmColor) { 0.55, 0.55, 0.55 };

  r->context = _tm_draw_create_context ();
  for (guint i = 0; i < N_FONTS; i++)
    {
      r->fonts[i] = pango_font_description_from_string ("Sans");
      pango_font_description_set_size (r->fonts[i], (int) (font_specs[i].points * PANGO_SCALE));
      if (font_specs[i].bold)
        pango_font_description_set_weight (r->fonts[i], PANGO_WEIGHT_BOLD);
    }

  /* The scenarios, in the portfolio's order, each with its cards */
  r->covered = g_array_new (FALSE, TRUE, sizeof (Covered));
  g_array_set_clear_func (r->covered, covered_clear);
  {
    GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

    for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
      {
        g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);
        Covered c = { 0 };

        if (!g_strv_contains (scenario_ids, tm_scenario_get_id (scenario)))
          continue;
        c.id = g_strdup (tm_scenario_get_id (scenario));
        c.name = g_strdup (tm_scenario_get_name (scenario));
        c.analysis = tm_analysis_compute (portfolio, c.id);
        c.cards = g_ptr_array_new_with_free_func (g_object_unref);
        for (guint t = 0; t < n_tasks; t++)
          {
            g_autoptr(TmTask) task = g_list_model_get_item (tasks, t);
            TmMoveCard *card = tm_move_card_new_with_analysis (portfolio, task, c.id, c.analysis);

            if (card != NULL)
              g_ptr_array_add (c.cards, card);
          }
        /* g_ptr_array_sort() is stable: the catalogue's order within each status */
        g_ptr_array_sort (c.cards, compare_entry_order);
        g_array_append_val (r->covered, c);
      }
  }
  if (r->covered->len > 1)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint k = 0; k < r->covered->len; k++)
        g_ptr_array_add (ids, g_array_index (r->covered, Covered, k).id);
      g_ptr_array_add (ids, NULL);
      r->comparison = tm_comparison_new (portfolio, (const char * const *) ids->pdata, NULL);
    }

  /* The changes since, of the covered scenarios and of none */
  r->history = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  history = tm_portfolio_dup_history (portfolio, NULL, NULL, r->since_time);
  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      TmHistoryEntry *e = g_ptr_array_index (history, i);

      if (e->field == NULL || (e->scenario_id != NULL && !is_covered (r, e->scenario_id)))
        continue;
      g_ptr_array_add (r->history, g_ptr_array_steal_index (history, i));
      i--;
    }

  /* The contents */
  r->toc = g_array_new (FALSE, TRUE, sizeof (TocItem));
  g_array_set_clear_func (r->toc, toc_item_clear);
  r->toc_pages = g_array_new (FALSE, TRUE, sizeof (guint));
  r->toc_summary = add_toc (r, _("Summary"), FALSE);
  for (guint k = 0; k < r->covered->len; k++)
    {
      Covered *c = &g_array_index (r->covered, Covered, k);
      g_autofree char *title = g_strdup_printf (_("%s — %s"), _("The moves"), c->name);

      c->toc_moves = add_toc (r, title, FALSE);
    }
  r->toc_appendix = add_toc (r, _("Appendix"), FALSE);
  r->toc_assessments = add_toc (r, _("A. The assessments in full"), TRUE);
  r->toc_workshops = add_toc (r, _("B. Workshops"), TRUE);
  {
    g_autofree char *date = *r->since != '\0' ? _tm_report_format_date (r->since) : NULL;
    g_autofree char *title = date ? g_strdup_printf (_("C. Changes since %s"), date) : g_strdup (_("C. All changes"));

    r->toc_changes = add_toc (r, title, TRUE);
  }
}

GStrv
tm_report_dup_default_scenarios (TmPortfolio *portfolio)
{
  GListModel *scenarios;
  GListModel *tasks;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_scenarios, n_tasks;
  gboolean any = FALSE;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  scenarios = tm_portfolio_get_scenarios (portfolio);
  tasks = tm_portfolio_get_tasks (portfolio);
  n_scenarios = g_list_model_get_n_items (scenarios);
  n_tasks = g_list_model_get_n_items (tasks);

  for (guint i = 0; i < n_scenarios; i++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);
      const char *id = tm_scenario_get_id (scenario);

      for (guint t = 0; t < n_tasks; t++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, t);
          const TmTaskData *data = tm_task_peek_data (task);
          const TmMoveReview *review = tm_task_data_get_review (data, id);

          if (tm_task_data_get_move (data, id) != NULL && review != NULL &&
              tm_move_review_get_status (review) != TM_STATUS_PROPOSED)
            {
              g_strv_builder_add (builder, id);
              any = TRUE;
              break;
            }
        }
    }

  if (!any && n_scenarios > 0)
    {
      g_autoptr(TmScenario) first = g_list_model_get_item (scenarios, 0);

      g_strv_builder_add (builder, tm_scenario_get_id (first));
    }
  return g_strv_builder_end (builder);
}

/* Checks the arguments; the scenarios to cover in @covered. */
static gboolean
check_arguments (TmPortfolio         *portfolio,
                 const char * const  *scenario_ids,
                 const char          *since,
                 GFile               *file,
                 GStrv               *covered,
                 GError             **error)
{
  g_autofree char *name = file ? g_file_get_parse_name (file) : g_strdup ("");

  if (scenario_ids == NULL || scenario_ids[0] == NULL)
    *covered = tm_report_dup_default_scenarios (portfolio);
  else
    {
      for (guint i = 0; scenario_ids[i] != NULL; i++)
        if (tm_portfolio_lookup_scenario (portfolio, scenario_ids[i]) == NULL)
          {
            g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_NOT_FOUND,
                         /* Translators: %s is a file name */
                         _("Could not export to “%s”: the scenario no longer exists"), name);
            return FALSE;
          }
      *covered = g_strdupv ((char **) scenario_ids);
    }

  if (since != NULL && *since != '\0' && !_tm_date_is_valid (since))
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED,
                   /* Translators: the first %s is a file name, the second what was given as a date */
                   _("Could not export to “%s”: “%s” is not a date; write it as YYYY-MM-DD."), name, since);
      g_clear_pointer (covered, g_strfreev);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tm_report_write_pdf_scenarios_full (TmPortfolio         *portfolio,
                                     const char * const  *scenario_ids,
                                     const char          *since,
                                     GFile               *file,
                                     gint64               now,
                                     TmProgressFunc       progress,
                                     gpointer             user_data,
                                     GError             **error)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cairo_error = NULL;
  g_auto(GStrv) covered = NULL;
  TmAtomicFile *atomic = NULL;
  g_autoptr(GError) io_error = NULL;
  Report r = { 0 };
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_arguments (portfolio, scenario_ids, since, file, &covered, error))
    return FALSE;

  name = g_file_get_parse_name (file);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED, _("“%s” is not a local file."), name);
      return FALSE;
    }

  /* A temporary file beside the target, renamed over it when complete. */
  atomic = tm_atomic_file_new (file, error);
  if (atomic == NULL)
    return FALSE;

  r.progress = progress;
  r.user_data = user_data;

  tm_language_push (tm_portfolio_get_language (portfolio));
  report_prepare (&r, portfolio, (const char * const *) covered, since, now);
  ok = render_pdf (&r, tm_atomic_file_get_stream (atomic), &cairo_error, &io_error);
  report_clear (&r);
  /* Messages in the program's language, not the portfolio's */
  tm_language_pop ();

  if (!ok)
    {
      tm_atomic_file_abort (atomic);
      /* The disk's trouble (full, not writable) in its own words. */
      if (io_error != NULL)
        g_propagate_error (error, tm_atomic_error_for_file (file, io_error));
      else
        g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED,
                     /* Translators: the first %s is a file name, the second the reason */
                     _("Could not export to “%s”: %s"), name, cairo_error);
      return FALSE;
    }

  if (!tm_atomic_file_commit (atomic, error))
    return FALSE;

  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}

gboolean
_tm_report_count_pages (TmPortfolio         *portfolio,
                        const char * const  *scenario_ids,
                        const char          *since,
                        gint64               now,
                        guint               *n_pages,
                        guint               *appendix_page,
                        GError             **error)
{
  g_auto(GStrv) covered = NULL;
  Report r = { 0 };

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_arguments (portfolio, scenario_ids, since, NULL, &covered, error))
    return FALSE;

  tm_language_push (tm_portfolio_get_language (portfolio));
  report_prepare (&r, portfolio, (const char * const *) covered, since, now);
  render_pdf (&r, NULL, NULL, NULL);
  if (n_pages != NULL)
    *n_pages = r.n_pages;
  if (appendix_page != NULL)
    *appendix_page = r.appendix_page;
  report_clear (&r);
  tm_language_pop ();
  return TRUE;
}

GStrv
_tm_report_dup_covered (TmPortfolio        *portfolio,
                        const char * const *scenario_ids)
{
  g_auto(GStrv) covered = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  if (!check_arguments (portfolio, scenario_ids, NULL, NULL, &covered, NULL))
    return NULL;
  return g_steal_pointer (&covered);
}

gboolean
_tm_report_write_pdf_full (TmPortfolio    *portfolio,
                           const char     *scenario_id,
                           const char     *since,
                           GFile          *file,
                           gint64          now,
                           TmProgressFunc  progress,
                           gpointer        user_data,
                           GError        **error)
{
  const char *ids[2] = { scenario_id, NULL };

  return _tm_report_write_pdf_scenarios_full (portfolio, scenario_id ? ids : NULL, since, file, now,
                                              progress, user_data, error);
}

gboolean
tm_report_write_pdf_for_scenarios (TmPortfolio         *portfolio,
                                   const char * const  *scenario_ids,
                                   const char          *since,
                                   GFile               *file,
                                   TmProgressFunc       progress,
                                   gpointer             user_data,
                                   GError             **error)
{
  return _tm_report_write_pdf_scenarios_full (portfolio, scenario_ids, since, file, 0, progress, user_data, error);
}

gboolean
tm_report_write_pdf (TmPortfolio    *portfolio,
                     const char     *scenario_id,
                     const char     *since,
                     GFile          *file,
                     TmProgressFunc  progress,
                     gpointer        user_data,
                     GError        **error)
{
  return _tm_report_write_pdf_full (portfolio, scenario_id, since, file, 0, progress, user_data, error);
}
