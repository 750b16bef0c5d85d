/* tm-report.c
 * The committee report: an A4 PDF of a scenario's moves, how each was
 * assessed against the principles, its status, and the changes since the
 * committee last met, readable printed in black and white.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "tm-report.h"
#include "tm-atomic.h"
#include "tm-report-private.h"
#include "tm-draw-private.h"
#include "tm-workshop-private.h"

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

/* The sections listed in the contents */
typedef enum {
  SECTION_SUMMARY,
  SECTION_MATRIX,
  SECTION_CAPACITY,
  SECTION_COMPARISON,
  SECTION_FLOW,
  SECTION_WORKSHOPS,
  SECTION_MOVES,
  SECTION_CONCERNS,
  SECTION_CHANGES,
  N_SECTIONS
} Section;

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
} RowFlags;

typedef struct {
  PangoLayout   *layout;
  double         x;        /* from the content's left edge */
  double         height;
  double         done;     /* drawn so far, in the layout's coordinates */
  const TmColor *color;
} Cell;

typedef struct {
  /* Borrowed */
  TmPortfolio          *portfolio;
  const char           *scenario_id;
  TmProgressFunc        progress;
  gpointer              user_data;
  cairo_surface_t      *surface;        /* NULL while counting the pages */
  cairo_t              *cr;             /* NULL while counting the pages */
  const Table          *table;          /* repeats its header on a new page */

  /* Owned */
  TmAnalysis           *analysis;
  TmComparison         *comparison;     /* NULL with a single scenario */
  GPtrArray            *moves;          /* of TmTask with a move in the scenario */
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  char                 *since;          /* "YYYY-MM-DD", or "" for all changes */
  gboolean              since_meeting;  /* @since is the last committee meeting */
  char                 *today;          /* the report's date, formatted */

  TmCountry             country;
  TmDrawStyle           style;
  char                 *table_group;    /* the table's last span row, repeated on a new page */
  guint                 page;           /* 1-based */
  guint                 n_pages;        /* 0 while counting */
  guint                 section_pages[N_SECTIONS];
  guint                 toc_pages[N_SECTIONS];   /* from the counting pass */
  int                   outline_section;
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

static TmMoveStatus
move_status (TmTask     *task,
             const char *scenario_id)
{
  const TmMoveReview *review = tm_task_data_get_review (tm_task_peek_data (task), scenario_id);

  return review != NULL ? tm_move_review_get_status (review) : TM_STATUS_PROPOSED;
}

static gboolean
is_approved (TmMoveStatus status)
{
  return status == TM_STATUS_APPROVED || status == TM_STATUS_PILOTED ||
         status == TM_STATUS_IMPLEMENTED || status == TM_STATUS_EVALUATED;
}

/* Where the move goes: the receiving profession, or stop / technology. */
static const char *
move_target (Report       *r,
             const TmMove *move)
{
  if (move->kind == TM_MOVE_TO_PROFESSION)
    return profession_name (r, move->profession_id);
  return tm_move_kind_get_label (move->kind);
}

/* Hours per week that @move takes from the task's performers (as the
 * analysis counts them), or TM_NOT_ESTIMATED. */
static double
move_hours (const TmTaskData *data,
            const TmMove     *move)
{
  double hours = tm_task_data_get_hours_per_week (data);
  double total_share = 0, moved = 0;
  guint n = data->performers->len;

  if (hours < 0)
    return TM_NOT_ESTIMATED;

  for (guint i = 0; i < n; i++)
    total_share += g_array_index (data->performers, TmPerformer, i).share;

  for (guint i = 0; i < MAX (n, 1); i++)
    {
      const char *from = n ? g_array_index (data->performers, TmPerformer, i).profession_id : NULL;
      double fraction;

      if (n == 0)
        fraction = 1;
      else if (total_share > 0)
        fraction = g_array_index (data->performers, TmPerformer, i).share / total_share;
      else
        fraction = 1.0 / n;

      if (move->kind == TM_MOVE_TO_PROFESSION && g_strcmp0 (move->profession_id, from) == 0)
        continue;
      moved += hours * fraction * move->share / 100.0;
    }
  return moved;
}

static char *
dup_performers (Report           *r,
                const TmTaskData *data)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      g_autofree char *share = tm_language_format_number (p->share, p->share == floor (p->share) ? 0 : 1);

      if (s->len > 0)
        g_string_append (s, "\n");
      /* Translators: a profession performing a task and its share of the
       * task's time, e.g. "Nurse (60 %)" */
      g_string_append_printf (s, _("%s (%s %%)"), profession_name (r, p->profession_id), share);
    }
  if (s->len == 0)
    g_string_append (s, profession_name (r, NULL));
  return g_string_free (s, FALSE);
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
  if (flags & ROW_HEADER)
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

static void
add_outline (Report     *r,
             const char *text,
             gboolean    child)
{
  g_autofree char *link = NULL;
  int id;

  if (r->surface == NULL)
    return;

  link = g_strdup_printf ("page=%u", r->page);
  id = cairo_pdf_surface_add_outline (r->surface,
                                      child && r->outline_section > 0 ? r->outline_section
                                                                      : CAIRO_PDF_OUTLINE_ROOT,
                                      text, link, 0);
  if (!child)
    r->outline_section = id;
}

/* A section's title, at the top of a new page. */
static void
heading1 (Report     *r,
          const char *text,
          Section     section)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, FONT_H1, CONTENT_W, FALSE);
  Cell cell = { layout, 0, layout_height (layout), 0, &black };

  if (!r->page_empty)
    new_page (r);
  r->section_pages[section] = r->page;
  add_outline (r, text, FALSE);
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

static void
render_matrix_band (Report     *r,
                    GListModel *professions)
{
  g_autoptr(TmMatrixLayout) m = tm_matrix_layout_new (r->portfolio, r->scenario_id, NULL, professions, &r->style);
  double width = tm_matrix_layout_get_width (m);
  double scale = MIN (1.0, CONTENT_W / width);
  double header_h = tm_matrix_layout_get_header_height (m);
  double row_h = tm_matrix_layout_get_row_height (m);
  guint n_rows = tm_matrix_layout_get_n_rows (m);
  guint row = 0;

  for (;;)
    {
      double avail = (CONTENT_BOTTOM - r->y) / scale;
      guint fit = (guint) MAX (0, floor ((avail - header_h) / row_h));
      guint last;
      double height;

      /* At least a few rows under the header, or all that are left */
      if (fit < MIN (3, n_rows - row) && !r->page_empty)
        {
          new_page (r);
          continue;
        }
      fit = MAX (fit, 1);
      last = MIN (row + fit, n_rows);
      /* No group's header alone at the bottom of a page */
      if (last < n_rows && last - 1 > row && tm_matrix_layout_get_task (m, last - 1) == NULL)
        last--;
      height = header_h + (last - row) * row_h;

      if (r->cr != NULL)
        {
          view_begin (r, height, scale);
          tm_matrix_layout_draw_header (m, r->cr, NULL);
          if (last > row)
            {
              double from = header_h + row * row_h;
              double to = header_h + last * row_h;

              cairo_translate (r->cr, 0, header_h - from);
              tm_matrix_layout_draw_rows (m, r->cr, NULL, from + 0.5, to - 0.5);
            }
          view_end (r);
        }
      r->y += height * scale + U * 0.8;
      r->page_empty = FALSE;
      row = last;
      if (row >= n_rows)
        break;
      new_page (r);
    }
}

static void
render_matrix (Report *r)
{
  g_autoptr(GListModel) in_play = tm_matrix_professions_in_play (r->portfolio, r->scenario_id, NULL);
  g_autoptr(TmMatrixLayout) whole = tm_matrix_layout_new (r->portfolio, r->scenario_id, NULL, in_play, &r->style);
  guint n = g_list_model_get_n_items (in_play);
  double width = tm_matrix_layout_get_width (whole);
  double label_w = tm_matrix_layout_get_label_width (whole);
  double column_w = tm_matrix_layout_get_column_width (whole);
  double overhang = width - label_w - tm_matrix_layout_get_n_columns (whole) * column_w;
  guint per_band = n, n_bands = 1;
  double legend_h;

  heading1 (r, tm_view_kind_get_label (TM_VIEW_MATRIX), SECTION_MATRIX);
  para (r, _("Each row is a task of the catalogue, each column a profession that performs a task today, "
             "is assessed for one or receives a move in this scenario. The symbol in a cell is the "
             "assessment of that profession for the task; the legend explains the symbols and how the "
             "chosen move is marked. The last column marks tasks to stop or to support with technology."));

  /* The legend, at the scale of the matrix */
  legend_h = tm_draw_matrix_legend (NULL, &r->style, CONTENT_W);
  ensure (r, legend_h);
  if (r->cr != NULL)
    {
      view_begin (r, legend_h, 1.0);
      tm_draw_matrix_legend (r->cr, &r->style, CONTENT_W);
      view_end (r);
    }
  r->y += legend_h + U * 0.6;
  r->page_empty = FALSE;

  if (g_list_model_get_n_items (tm_portfolio_get_tasks (r->portfolio)) == 0)
    {
      para (r, _("No tasks"));
      return;
    }

  if (width * MATRIX_MIN_SCALE > CONTENT_W && n > 1)
    {
      double room = CONTENT_W / MATRIX_MIN_SCALE - label_w - overhang - column_w;

      per_band = (guint) MAX (1, floor (room / column_w));
      n_bands = (n + per_band - 1) / per_band;
      per_band = (n + n_bands - 1) / n_bands;
    }

  for (guint band = 0; band < n_bands; band++)
    {
      g_autoptr(GListStore) store = g_list_store_new (TM_TYPE_PROFESSION);
      guint first = band * per_band, last = MIN (n, first + per_band);

      for (guint i = first; i < last; i++)
        {
          g_autoptr(TmProfession) p = g_list_model_get_item (in_play, i);

          g_list_store_append (store, p);
        }

      if (n_bands > 1)
        {
          g_autofree char *title = NULL;

          if (band > 0)
            new_page (r);
          /* Translators: the matrix is too wide for a page and is printed in
           * parts; e.g. "Professions 1–8 of 20" */
          title = g_strdup_printf (_("Professions %u–%u of %u"), first + 1, last, n);
          heading (r, title, FONT_H3, U * 12);
        }
      render_matrix_band (r, G_LIST_MODEL (store));
    }
}

static double
chart_height (Report     *r,
              TmViewKind  kind,
              double      width)
{
  switch (kind)
    {
    case TM_VIEW_CAPACITY:
      return tm_capacity_chart_get_height (r->portfolio, r->analysis, &r->style, width);
    case TM_VIEW_COMPARISON:
      return tm_comparison_chart_get_height (r->portfolio, r->comparison, &r->style, width);
    case TM_VIEW_FLOW:
    case TM_VIEW_MATRIX:
    case TM_VIEW_GRID:
    case TM_N_VIEWS:
    default:
      return tm_flow_chart_get_height (r->portfolio, r->analysis, &r->style, width);
    }
}

static void
render_chart (Report     *r,
              TmViewKind  kind,
              Section     section)
{
  double width = CONTENT_W, height, avail, scale = 1.0;

  if (kind == TM_VIEW_COMPARISON && r->comparison == NULL)
    return;

  heading1 (r, tm_view_kind_get_label (kind), section);

  if (kind == TM_VIEW_CAPACITY)
    para (r, _("Hours per week of each profession today and after the scenario; the hatched part "
               "of a bar is the hours that move. Below, the share of each profession's staffed "
               "working time that moves, against the benchmark for hospital wards, and the same in FTE."));
  else if (kind == TM_VIEW_COMPARISON)
    para (r, _("Every scenario of the portfolio side by side: what each frees and needs, in hours a "
               "week, in FTE and as shares of staffed working time, the moves by status and the "
               "training the receiving professions need."));
  else
    para (r, _("Where the moved hours go: from the professions that hand tasks over (left) to those "
               "that take them over, to technology or to tasks that stop (right). The width of a band "
               "is its hours per week."));

  avail = CONTENT_BOTTOM - r->y;
  height = chart_height (r, kind, width);
  if (height > avail)
    {
      /* Too tall: scale it down, laid out wider so that it still fills the width */
      scale = MAX (0.5, avail / height);
      width = CONTENT_W / scale;
      height = chart_height (r, kind, width);
      scale = MIN (CONTENT_W / width, avail / height);
    }

  if (r->cr != NULL)
    {
      view_begin (r, height, scale);
      if (kind == TM_VIEW_CAPACITY)
        tm_capacity_chart_draw (r->cr, r->portfolio, r->analysis, &r->style, width, height);
      else if (kind == TM_VIEW_COMPARISON)
        tm_comparison_chart_draw (r->cr, r->portfolio, r->comparison, &r->style, width, height);
      else
        tm_flow_chart_draw (r->cr, r->portfolio, r->analysis, &r->style, width, height);
      view_end (r);
    }
  r->y += height * scale;
  r->page_empty = FALSE;
}

/* Sections */

static const char *
section_title (Report  *r,
               Section  section)
{
  switch (section)
    {
    case SECTION_SUMMARY: return _("Summary");
    case SECTION_MATRIX: return tm_view_kind_get_label (TM_VIEW_MATRIX);
    case SECTION_CAPACITY: return tm_view_kind_get_label (TM_VIEW_CAPACITY);
    case SECTION_COMPARISON: return tm_view_kind_get_label (TM_VIEW_COMPARISON);
    case SECTION_FLOW: return tm_view_kind_get_label (TM_VIEW_FLOW);
    /* Translators: a section of the committee report */
    case SECTION_WORKSHOPS: return _("Workshops");
    /* Translators: a section of the committee report: each move in detail */
    case SECTION_MOVES: return _("The moves");
    /* Translators: a section of the committee report */
    case SECTION_CONCERNS: return _("Open concerns");
    /* Translators: a section of the committee report */
    case SECTION_CHANGES: return _("Changes");
    case N_SECTIONS:
    default:
      g_assert_not_reached ();
    }
}

static void
render_cover (Report *r)
{
  const char *unit = tm_portfolio_get_unit_name (r->portfolio);
  const char *organisation = tm_portfolio_get_organisation (r->portfolio);
  const char *meeting = tm_portfolio_get_last_committee_meeting (r->portfolio);
  g_autofree char *meeting_text = _tm_report_format_date (meeting);
  g_autofree char *since_text = NULL;
  guint counts[TM_N_STATUSES] = { 0 };
  static const Table status_table = { 2, { 0.75, 0.25 }, 1 << 1, { NULL }, FONT_BODY };
  static const Table toc_table = { 2, { 0.85, 0.15 }, 1 << 1, { NULL }, FONT_BODY };
  Table status_with_header = status_table;

  if (is_blank (unit))
    unit = _("Unnamed unit");

  /* Translators: the title of the report for the MED committee (Denmark) or
   * AMU and the union representatives (Norway) */
  para_full (r, _("Committee report"), FONT_TITLE, &black, 0, U * 0.4);
  para_full (r, unit, FONT_H1, &black, 0, U * 0.2);
  if (!is_blank (organisation))
    para_full (r, organisation, FONT_H3, &muted, 0, U * 0.2);
  gap (r, U * 0.8);
  draw_rule (r, 0, CONTENT_W, r->y, 1.5, &black);
  gap (r, U * 1.0);

  para (r, _("This report was made with Taskmap from the unit’s task portfolio. It shows which tasks the "
             "unit proposes to move to another profession, to stop or to support with technology; what "
             "that means in hours for each profession; how each move has been assessed against the "
             "principles for moving tasks; where each move stands; and what has changed since the "
             "committee last met."));
  gap (r, U * 0.4);

  kv (r, _("Unit"), unit);
  kv (r, _("Organisation"), organisation);
  /* Translators: in the committee report: the kind of unit, e.g. "Hospital ward" */
  kv (r, C_("report", "Setting"), tm_setting_get_label (tm_portfolio_get_setting (r->portfolio)));
  /* Translators: in the committee report: the committee it is for, e.g. "MED committee" */
  kv (r, _("Prepared for"), tm_country_get_committee_label (r->country));
  kv (r, _("Scenario"), _tm_draw_scenario_name (r->portfolio, r->scenario_id));
  kv (r, _("Date of the report"), r->today);
  kv (r, _("Last committee meeting"), meeting_text);
  if (*r->since != '\0')
    since_text = _tm_report_format_date (r->since);
  else
    /* Translators: in the committee report: which changes it lists */
    since_text = g_strdup (_("All recorded changes"));
  /* Translators: in the committee report: the date from which it lists the changes */
  kv (r, _("Changes listed since"), since_text);
  gap (r, U * 0.8);

  for (guint i = 0; i < r->moves->len; i++)
    counts[move_status (g_ptr_array_index (r->moves, i), r->scenario_id)]++;

  /* Translators: a heading in the committee report */
  status_with_header.headers[0] = _("Status");
  /* Translators: a column heading in the committee report: how many moves */
  status_with_header.headers[1] = _("Moves");
  heading (r, _("Where the moves stand"), FONT_H3, U * 6);
  table_begin (r, &status_with_header);
  for (guint s = 0; s < TM_N_STATUSES; s++)
    {
      g_autofree char *count = g_strdup_printf ("%u", counts[s]);
      const char *texts[2] = { tm_move_status_get_label (s, r->country), count };

      table_row_full (r, &status_with_header, texts, FONT_BODY, 0, counts[s] == 0 ? 0x3 : 0, ROW_RULE);
    }
  {
    g_autofree char *count = g_strdup_printf ("%u", r->moves->len);
    /* Translators: the total row of the status counts in the committee report */
    const char *texts[2] = { _("All moves"), count };

    table_row_full (r, &status_with_header, texts, FONT_BODY, 0x3, 0, ROW_SHADE | ROW_RULE);
  }
  table_end (r);

  /* Translators: a heading in the committee report */
  heading (r, _("Contents"), FONT_H3, U * 6);
  table_begin (r, &toc_table);
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      g_autofree char *number = r->toc_pages[s] > 0 ? g_strdup_printf ("%u", r->toc_pages[s]) : g_strdup ("");

      /* A single scenario has nothing to be compared with. */
      if (s == SECTION_COMPARISON && r->comparison == NULL)
        continue;
      const char *texts[2] = { section_title (r, s), number };

      table_row (r, &toc_table, texts, 0);
    }
  table_end (r);
}

static void
render_summary (Report *r)
{
  TmAnalysis *a = r->analysis;
  g_autofree char *total = format_hours (a->total_hours);
  g_autofree char *moved = format_hours (a->moved_hours);
  g_autofree char *n_tasks = g_strdup_printf ("%u", a->n_tasks);
  g_autofree char *n_moves = g_strdup_printf ("%u", a->n_moves);
  g_autofree char *n_not = g_strdup_printf ("%u", a->n_not_estimated);
  Table hours_table = {
    7, { 0.28, 0.11, 0.11, 0.13, 0.13, 0.12, 0.12 }, 0x7e, { NULL }, FONT_SMALL
  };
  Table share_table = {
    6, { 0.28, 0.18, 0.12, 0.12, 0.15, 0.15 }, 0x3c, { NULL }, FONT_SMALL
  };
  Table training_table = {
    6, { 0.21, 0.11, 0.10, 0.14, 0.16, 0.28 }, 0x1e, { NULL }, FONT_SMALL
  };

  heading1 (r, section_title (r, SECTION_SUMMARY), SECTION_SUMMARY);

  kv (r, _("Scenario"), _tm_draw_scenario_name (r->portfolio, r->scenario_id));
  kv (r, _("Tasks in the catalogue"), n_tasks);
  kv (r, _("Tasks with a move"), n_moves);
  kv (r, _("Tasks not estimated"), n_not);
  kv (r, _("Hours per week in all"), total);
  kv (r, _("Hours per week that move"), moved);
  gap (r, U * 0.6);

  /* The answer, in the manager's units: what the nurses hand over. */
  {
    const TmAnalysisProfession *nurses = tm_analysis_get_nurses (a);
    g_autofree char *freed = nurses ? tm_analysis_describe_freed (a, r->portfolio, nurses) : NULL;
    g_autofree char *shifts = freed ? tm_analysis_describe_shifts (a, nurses->moved_out) : NULL;
    g_autofree char *split = freed ? tm_analysis_describe_split (a, r->portfolio, nurses) : NULL;
    g_autofree char *coverage = nurses ? tm_analysis_describe_coverage (a, r->portfolio, nurses) : NULL;

    if (freed != NULL)
      {
        para_full (r, freed, FONT_BOLD, &black, 0, U * 0.3);
        if (shifts != NULL)
          para (r, shifts);
        para (r, split);
      }
    if (coverage != NULL)
      note (r, coverage);
    gap (r, U * 0.4);
  }

  heading (r, _("Hours per week per profession"), FONT_H3, U * 6);
  note (r, _("Hours per week today and after the scenario, the hours each profession hands over and "
             "takes over, and the same in FTE (each profession's hours by the weekly hours of one of "
             "its FTE)."));

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
      g_autofree char *freed = p->fte_freed > 0 ? tm_format_fte_value (p->fte_freed) : NULL;
      g_autofree char *needed = p->fte_needed > 0 ? tm_format_fte_value (p->fte_needed) : NULL;
      const char *texts[7];

      texts[0] = profession_name (r, p->profession_id);
      texts[1] = today;
      texts[2] = after;
      texts[3] = out;
      texts[4] = in;
      texts[5] = freed ? freed : "—";
      texts[6] = needed ? needed : "—";
      table_row (r, &hours_table, texts, 0);
    }
  table_end (r);

  /* Shares of staffed working time, against the benchmark; never a share of
   * the catalogued hours beside it. */
  heading (r, _("Shares of staffed working time"), FONT_H3, U * 6);
  {
    g_autoptr(GString) unstaffed = g_string_new (NULL);
    gboolean any = FALSE;

    for (guint i = 0; i < a->professions->len; i++)
      any = any || tm_analysis_profession_has_staffing (&g_array_index (a->professions, TmAnalysisProfession, i));

    if (any)
      {
        note (r, _("Each profession's staffing (FTE × the weekly hours of one FTE), the share of that "
                   "time the tasks mapped cover, and the share that moves: in all, to unskilled staff "
                   "and to other professions."));
        share_table.headers[0] = _("Profession");
        /* Translators: a column heading: the staffing, e.g. "28 FTE × 37 h" */
        share_table.headers[1] = _("Staffing");
        /* Translators: a column heading: the tasks mapped as a share of staffed time */
        share_table.headers[2] = _("Mapped");
        share_table.headers[3] = _("Share moved");
        share_table.headers[4] = _("To unskilled staff");
        share_table.headers[5] = _("To other professions");
        table_begin (r, &share_table);
        for (guint i = 0; i < a->professions->len; i++)
          {
            const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);
            g_autofree char *fte = NULL;
            g_autofree char *hours = NULL;
            g_autofree char *staffing = NULL;
            g_autofree char *mapped = NULL;
            g_autofree char *share = NULL;
            g_autofree char *unskilled = NULL;
            g_autofree char *others = NULL;
            const char *texts[6];

            if (!tm_analysis_profession_has_staffing (p) || p->hours_today <= 0.0001)
              continue;
            fte = tm_format_fte_value (p->fte);
            hours = tm_language_format_number (p->hours_per_fte, p->hours_per_fte == floor (p->hours_per_fte) ? 0 : 1);
            /* Translators: a staffing: FTE × the weekly hours of one FTE */
            staffing = g_strdup_printf (_("%s FTE × %s h"), fte, hours);
            mapped = format_percent (tm_analysis_profession_coverage (p));
            share = format_percent (tm_analysis_profession_moved_share (p));
            unskilled = format_percent (tm_analysis_profession_share_of (p, p->out_to_unskilled));
            others = format_percent (tm_analysis_profession_share_of (p, p->out_to_professions));
            texts[0] = profession_name (r, p->profession_id);
            texts[1] = staffing;
            texts[2] = mapped;
            texts[3] = share;
            texts[4] = unskilled;
            texts[5] = others;
            table_row (r, &share_table, texts, 1 << 3);
          }
        {
          g_autofree char *bench_unskilled = format_percent (TM_BENCHMARK_TO_UNSKILLED);
          g_autofree char *bench_others = format_percent (TM_BENCHMARK_TO_PROFESSIONS);
          const char *texts[6] = {
            /* Translators: a row of the table of shares in the committee report */
            _("Benchmark for hospital wards (nurses)"), "", "", "", bench_unskilled, bench_others
          };

          table_row_full (r, &share_table, texts, FONT_SMALL, 0x31, 0, ROW_SHADE | ROW_RULE);
        }
        table_end (r);
        /* Translators: under a table in the committee report; a figure from Danish
         * studies of hospital wards: keep the numbers */
        /* xgettext:no-c-format */
        note (r, _("Benchmark for hospital wards: about 10 % of the nurses' staffed working time to "
                   "unskilled staff + 10 % to other professions. A benchmark, not a target."));
      }

    for (guint i = 0; i < a->professions->len; i++)
      {
        const TmAnalysisProfession *p = &g_array_index (a->professions, TmAnalysisProfession, i);

        if (p->profession_id == NULL || tm_analysis_profession_has_staffing (p) || p->hours_today <= 0.0001)
          continue;
        if (unstaffed->len > 0)
          /* Translators: the separator between the items of a list, as in "Day, Night" */
          g_string_append (unstaffed, C_("list", ", "));
        g_string_append (unstaffed, profession_name (r, p->profession_id));
      }
    if (unstaffed->len > 0)
      {
        g_autofree char *text =
          /* Translators: %s is a list of professions */
          g_strdup_printf (_("The staffing of %s is not entered: for them no share of working time can "
                             "be given, and no comparison with the benchmark is made."), unstaffed->str);

        note (r, text);
      }
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

  heading (r, _("Training needed by the receiving professions"), FONT_H3, U * 5);
  if (a->training->len == 0)
    {
      para (r, _("No move in this scenario needs training."));
      return;
    }

  training_table.headers[0] = _("Receiving profession");
  training_table.headers[1] = _("Tasks");
  training_table.headers[2] = _("Days in all");
  training_table.headers[3] = _("Tasks without a length");
  training_table.headers[4] = _("Documented by test");
  training_table.headers[5] = _("Kinds of training");
  table_begin (r, &training_table);
  for (guint i = 0; i < a->training->len; i++)
    {
      const TmAnalysisTraining *t = &g_array_index (a->training, TmAnalysisTraining, i);
      g_autofree char *n = g_strdup_printf ("%u", t->n_tasks);
      g_autofree char *days = tm_language_format_number (t->days, 1);
      g_autofree char *unknown = g_strdup_printf ("%u", t->n_days_unknown);
      g_autofree char *tested = g_strdup_printf ("%u", t->n_tested);
      GString *kinds = g_string_new (NULL);
      const char *texts[6];

      for (guint k = 0; k < TM_N_TRAININGS; k++)
        if (k != TM_TRAINING_NONE && t->n_by_training[k] > 0)
          {
            if (kinds->len > 0)
              g_string_append_c (kinds, '\n');
            /* Translators: a kind of training and how many moves need it, e.g. "Internal course: 2" */
            g_string_append_printf (kinds, _("%s: %u"), tm_training_get_label (k), t->n_by_training[k]);
          }

      texts[0] = profession_name (r, t->profession_id);
      texts[1] = n;
      texts[2] = days;
      texts[3] = unknown;
      texts[4] = tested;
      texts[5] = kinds->str;
      table_row (r, &training_table, texts, 0);
      g_string_free (kinds, TRUE);
    }
  table_end (r);
}

static void
render_workshops (Report *r)
{
  GListModel *workshops = tm_portfolio_get_workshops (r->portfolio);
  guint n = workshops ? g_list_model_get_n_items (workshops) : 0;
  Table people = { 2, { 0.6, 0.4 }, 1 << 1, { NULL }, FONT_BODY };

  heading1 (r, section_title (r, SECTION_WORKSHOPS), SECTION_WORKSHOPS);
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

      heading (r, title, FONT_H2, U * 6);
      add_outline (r, title, TRUE);
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

          if (g_strcmp0 (ref->scenario_id, r->scenario_id) == 0)
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
  static const char * const markers[TM_N_RATINGS] = { "?", "+", "=", "−" };

  return markers[rating];
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

static void
render_move (Report *r,
             guint   index,
             TmTask *task)
{
  const TmTaskData *data = tm_task_peek_data (task);
  const TmMove *move = tm_task_data_get_move (data, r->scenario_id);
  const TmMoveReview *stored = tm_task_data_get_review (data, r->scenario_id);
  const TmAssessment *assessment = NULL;
  TmMoveReview blank;
  const TmMoveReview *review = stored;
  g_autofree char *title = NULL;
  g_autofree char *group = NULL;
  g_autofree char *from = dup_performers (r, data);
  g_autofree char *share = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *suitability = NULL;
  g_autofree char *limit = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  Table check_table = { 3, { 0.38, 0.25, 0.37 }, 0, { NULL }, FONT_SMALL };
  Table quality_table = { 3, { 0.38, 0.25, 0.37 }, 0, { NULL }, FONT_SMALL };
  double moved;

  g_assert (move != NULL);

  if (review == NULL)
    {
      tm_move_review_init (&blank, r->scenario_id);
      review = &blank;
    }
  if (move->kind == TM_MOVE_TO_PROFESSION)
    assessment = tm_task_data_get_assessment (data, move->profession_id);

  if (index > 0)
    new_page (r);
  else
    {
      heading1 (r, section_title (r, SECTION_MOVES), SECTION_MOVES);
      para (r, _("Each move of the scenario: what moves where, the assessment behind it, how it has been "
                 "assessed against the principles for moving tasks, and where it stands. A checklist item "
                 "marked ○ has not yet been considered."));
    }

  /* Translators: the heading of a move in the committee report: its number and the task's title */
  title = g_strdup_printf (_("%u. %s"), index + 1, tm_task_get_title (task));
  heading (r, title, FONT_H2, U * 4);
  add_outline (r, title, TRUE);
  if (is_blank (data->group))
    group = g_strdup (_("No group"));
  else
    /* Translators: the group of tasks a task belongs to, under its title */
    group = g_strdup_printf (_("Group: %s"), data->group);
  note (r, group);

  /* What moves where */
  {
    g_autofree char *share_number = tm_language_format_number (move->share, move->share == floor (move->share) ? 0 : 1);

    /* Translators: the share of a task's time that moves, e.g. "100 %" */
    share = g_strdup_printf (_("%s %%"), share_number);
  }
  moved = move_hours (data, move);
  if (moved < 0)
    /* Translators: hours per week of a task without a time estimate */
    hours = g_strdup (C_("hours", "Not estimated"));
  else
    hours = format_hours (moved);

  /* Translators: in the committee report: who performs the task today */
  kv (r, _("From"), from);
  /* Translators: in the committee report: where the task moves */
  kv (r, _("To"), move_target (r, move));
  kv (r, _("Share that moves"), share);
  kv (r, _("Hours per week that move"), hours);
  /* Translators: in the committee report: the move's status now */
  kv (r, _("Status now"), tm_move_status_get_label (tm_move_review_get_status (review), r->country));
  kv (r, _("Competence level"), tm_level_get_label (data->level));
  kv (r, _("Patient complexity"), tm_complexity_get_label (data->complexity));

  if (move->kind == TM_MOVE_TO_PROFESSION)
    {
      TmSuitability s = assessment ? assessment->suitability : TM_SUITABILITY_NOT_ASSESSED;
      TmComplexity c = assessment ? assessment->complexity_limit : TM_COMPLEXITY_NOT_ASSESSED;

      /* The symbol as in the matrix, then its meaning */
      suitability = g_strdup_printf ("%s  %s", tm_suitability_get_symbol (s), tm_suitability_get_label (s));
      limit = g_strdup (tm_complexity_get_label (c));
      /* Translators: in the committee report: the assessment of the receiving profession */
      kv (r, _("Suitability"), suitability);
      /* Translators: in the committee report: up to which patient complexity the receiving profession may take the task */
      kv (r, _("Complexity limit"), limit);
      if (assessment != NULL)
        {
          kv (r, _("Rationale"), tm_rationale_get_label (assessment->rationale));
          kv (r, _("Purpose"), assessment->purpose);
          kv (r, _("Training"), tm_training_get_label (assessment->training));
          if (assessment->training != TM_TRAINING_NONE)
            {
              g_autofree char *days = assessment->training_days >= 0
                                      ? tm_language_format_number (assessment->training_days, 1) : NULL;

              /* Translators: in the committee report */
              kv (r, _("Length of the training (days)"), days);
              /* Translators: in the committee report: what the training must cover */
              kv (r, _("Content of the training"), assessment->training_content);
              kv (r, _("Competence documented by a test"),
                  /* Translators: an answer in the committee report */
                  assessment->documented_by_test ? C_("answer", "Yes") : C_("answer", "No"));
            }
          /* Translators: in the committee report: the note of the assessment */
          kv (r, _("Note on the assessment"), assessment->note);
        }
      else
        kv (r, _("Purpose"), NULL);
    }
  gap (r, U * 0.4);

  /* Warnings the move gives where it is chosen */
  warnings = tm_move_check (r->portfolio, task, r->scenario_id);
  if (warnings != NULL && warnings->len > 0)
    {
      /* Translators: a heading in the committee report: what Taskmap warned about the move */
      heading (r, _("Points to note"), FONT_H3, U * 2);
      for (guint i = 0; i < warnings->len; i++)
        {
          const TmWarning *w = g_ptr_array_index (warnings, i);

          bullet (r, w->message);
        }
      gap (r, U * 0.4);
    }

  /* The checklist, by section */
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

  if (review == &blank)
    tm_move_review_clear (&blank);
}

static void
render_moves (Report *r)
{
  if (r->moves->len == 0)
    {
      heading1 (r, section_title (r, SECTION_MOVES), SECTION_MOVES);
      para (r, _("The scenario has no moves yet."));
      return;
    }
  for (guint i = 0; i < r->moves->len; i++)
    render_move (r, i, g_ptr_array_index (r->moves, i));
}

static void
render_concerns (Report *r)
{
  Table concern_table = { 3, { 0.34, 0.3, 0.36 }, 0, { NULL }, FONT_SMALL };
  Table open_table = { 3, { 0.34, 0.26, 0.40 }, 0, { NULL }, FONT_SMALL };
  Table risk_table = { 2, { 0.4, 0.6 }, 0, { NULL }, FONT_SMALL };
  gboolean any;

  heading1 (r, section_title (r, SECTION_CONCERNS), SECTION_CONCERNS);
  para (r, _("What the committee should look at: items of the checklist answered with a concern, approved "
             "moves whose checklist still has items not yet considered, and moves with a high risk."));

  /* Translators: a heading in the committee report */
  heading (r, _("Checklist items answered “concern”"), FONT_H3, U * 4);
  /* Translators: a column heading in the committee report: the task whose move it is */
  concern_table.headers[0] = _("Move");
  concern_table.headers[1] = _("Item");
  concern_table.headers[2] = _("Note");
  any = FALSE;
  for (guint i = 0; i < r->moves->len; i++)
    {
      TmTask *task = g_ptr_array_index (r->moves, i);
      const TmMoveReview *review = tm_task_data_get_review (tm_task_peek_data (task), r->scenario_id);

      for (guint k = 0; review != NULL && k < TM_N_CHECK_ITEMS; k++)
        if (review->checks[k].state == TM_CHECK_CONCERN)
          {
            g_autofree char *move = g_strdup_printf (_("%u. %s"), i + 1, tm_task_get_title (task));
            const char *texts[3] = { move, tm_check_item_get_label (k), or_empty (review->checks[k].note) };

            if (!any)
              table_begin (r, &concern_table);
            any = TRUE;
            table_row (r, &concern_table, texts, 0);
          }
    }
  if (any)
    table_end (r);
  else
    /* Translators: in the committee report: nothing to list */
    para (r, C_("report", "None."));

  /* Translators: a heading in the committee report */
  heading (r, _("Approved moves with items not yet considered"), FONT_H3, U * 4);
  open_table.headers[0] = _("Move");
  open_table.headers[1] = _("Status");
  /* Translators: a column heading in the committee report */
  open_table.headers[2] = _("Items not yet considered");
  any = FALSE;
  for (guint i = 0; i < r->moves->len; i++)
    {
      TmTask *task = g_ptr_array_index (r->moves, i);
      const TmMoveReview *review = tm_task_data_get_review (tm_task_peek_data (task), r->scenario_id);
      TmMoveStatus status = move_status (task, r->scenario_id);
      g_autofree char *move = NULL;
      GString *items;
      const char *texts[3];

      if (!is_approved (status) || (review != NULL && tm_move_review_count_open (review) == 0))
        continue;

      items = g_string_new (NULL);
      for (guint k = 0; k < TM_N_CHECK_ITEMS; k++)
        if (review == NULL || review->checks[k].state == TM_CHECK_NOT_CONSIDERED)
          {
            if (items->len > 0)
              g_string_append_c (items, '\n');
            g_string_append (items, tm_check_item_get_label (k));
          }
      move = g_strdup_printf (_("%u. %s"), i + 1, tm_task_get_title (task));
      texts[0] = move;
      texts[1] = tm_move_status_get_label (status, r->country);
      texts[2] = items->str;
      if (!any)
        table_begin (r, &open_table);
      any = TRUE;
      table_row (r, &open_table, texts, 0);
      g_string_free (items, TRUE);
    }
  if (any)
    table_end (r);
  else
    para (r, C_("report", "None."));

  /* Translators: a heading in the committee report */
  heading (r, _("High risks"), FONT_H3, U * 4);
  risk_table.headers[0] = _("Move");
  risk_table.headers[1] = _("Mitigation");
  any = FALSE;
  for (guint i = 0; i < r->moves->len; i++)
    {
      TmTask *task = g_ptr_array_index (r->moves, i);
      const TmMoveReview *review = tm_task_data_get_review (tm_task_peek_data (task), r->scenario_id);
      g_autofree char *move = NULL;
      const char *texts[2];
      guint grey = 0;

      if (review == NULL || review->risk != TM_RISK_HIGH)
        continue;
      move = g_strdup_printf (_("%u. %s"), i + 1, tm_task_get_title (task));
      texts[0] = move;
      texts[1] = review->mitigation;
      if (is_blank (review->mitigation))
        {
          texts[1] = C_("report", "Not given");
          grey = 1 << 1;
        }
      if (!any)
        table_begin (r, &risk_table);
      any = TRUE;
      table_row_full (r, &risk_table, texts, FONT_SMALL, 0, grey, ROW_RULE);
    }
  if (any)
    table_end (r);
  else
    para (r, C_("report", "None."));
}

static void
render_changes (Report *r)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *title = NULL;
  Table table = { 4, { 0.13, 0.15, 0.30, 0.42 }, 0, { NULL }, FONT_SMALL };
  g_autofree char *task_uuid = NULL;
  gint64 since = 0;
  guint n = 0;
  int y, m, d;

  if (parse_date (r->since, &y, &m, &d))
    {
      g_autoptr(GDateTime) start = g_date_time_new_local (y, m, d, 0, 0, 0);
      g_autofree char *date = _tm_report_format_date (r->since);

      since = start ? g_date_time_to_unix (start) : 0;
      /* Translators: a section of the committee report; %s is a date */
      title = g_strdup_printf (_("Changes since %s"), date);
    }
  else
    /* Translators: a section of the committee report */
    title = g_strdup (_("All changes"));

  heading1 (r, title, SECTION_CHANGES);
  if (r->since_meeting)
    para (r, _("The changes to the tasks, their assessments, the moves and the workshops since the committee’s "
               "last meeting, oldest first."));
  else if (since > 0)
    para (r, _("The changes to the tasks, their assessments, the moves and the workshops since that date, "
               "oldest first."));
  else
    para (r, _("No date of a last committee meeting is given, so every recorded change to the tasks, their "
               "assessments, the moves and the workshops is listed, oldest first."));

  history = tm_portfolio_dup_history (r->portfolio, NULL, NULL, since);

  table.headers[0] = _("Date");
  table.headers[1] = _("Who");
  /* Translators: a column heading in the committee report: what was changed */
  table.headers[2] = _("What");
  /* Translators: a column heading in the committee report: the old and the new value */
  table.headers[3] = _("Old → new");

  for (guint i = 0; history != NULL && i < history->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (history, i);
      g_autofree char *date = NULL;
      g_autofree char *what = NULL;
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;
      g_autofree char *change = NULL;
      const char *texts[4];

      /* Moves and reviews of other scenarios are not this report's */
      if (e->scenario_id != NULL && g_strcmp0 (e->scenario_id, r->scenario_id) != 0)
        continue;
      if (e->field == NULL)
        continue;

      if (n++ == 0)
        table_begin (r, &table);

      /* The task, once for the changes that follow to it */
      if (n == 1 || g_strcmp0 (e->task_uuid, task_uuid) != 0)
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

      date = format_time (e->when);
      what = tm_history_entry_describe_field (e, r->portfolio);
      old_value = tm_history_entry_format_value (e, e->old_value, r->portfolio);
      new_value = tm_history_entry_format_value (e, e->new_value, r->portfolio);
      /* Translators: an old and a new value in the list of changes */
      change = g_strdup_printf (_("%s → %s"), old_value, new_value);

      texts[0] = date;
      texts[1] = or_empty (e->who);
      texts[2] = what;
      texts[3] = change;
      table_row (r, &table, texts, 0);
    }
  if (n > 0)
    table_end (r);
  else
    para (r, _("No changes are recorded for this period."));
}

static void
render_document (Report *r)
{
  r->page = 1;
  r->table = NULL;
  g_clear_pointer (&r->table_group, g_free);
  r->outline_section = 0;
  memset (r->section_pages, 0, sizeof r->section_pages);
  begin_page (r);

  render_cover (r);
  render_summary (r);
  render_matrix (r);
  render_chart (r, TM_VIEW_CAPACITY, SECTION_CAPACITY);
  render_chart (r, TM_VIEW_COMPARISON, SECTION_COMPARISON);
  render_chart (r, TM_VIEW_FLOW, SECTION_FLOW);
  render_workshops (r);
  render_moves (r);
  render_concerns (r);
  render_changes (r);

  end_page (r);
}

/* Writing */

static gboolean
render_pdf (Report      *r,
            const char  *path,
            char       **cairo_error)
{
  g_autofree char *title = NULL;
  cairo_status_t status;
  const char *unit = tm_portfolio_get_unit_name (r->portfolio);

  /* Counting the pages; the contents need them too */
  r->cr = NULL;
  r->surface = NULL;
  r->n_pages = 0;
  render_document (r);
  r->n_pages = r->page;
  memcpy (r->toc_pages, r->section_pages, sizeof r->toc_pages);
  if (r->progress != NULL)
    r->progress (0.5, r->user_data);

  r->surface = cairo_pdf_surface_create (path, PAGE_W_PT, PAGE_H_PT);
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

  if (status != CAIRO_STATUS_SUCCESS)
    {
      *cairo_error = g_strdup (cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
report_clear (Report *r)
{
  g_clear_pointer (&r->analysis, tm_analysis_free);
  g_clear_pointer (&r->comparison, tm_comparison_free);
  g_clear_pointer (&r->moves, g_ptr_array_unref);
  g_clear_object (&r->context);
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&r->fonts[i], pango_font_description_free);
  g_clear_pointer (&r->since, g_free);
  g_clear_pointer (&r->today, g_free);
  g_clear_pointer (&r->table_group, g_free);
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
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cairo_error = NULL;
  g_autoptr(GDateTime) today = NULL;
  TmAtomicFile *atomic = NULL;
  const char *tmp_path;
  Report r = { 0 };
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);

  if (scenario_id != NULL && tm_portfolio_lookup_scenario (portfolio, scenario_id) == NULL)
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name */
                   _("Could not export to “%s”: the scenario no longer exists"), name);
      return FALSE;
    }
  if (scenario_id == NULL)
    {
      GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

      if (g_list_model_get_n_items (scenarios) > 0)
        {
          g_autoptr(TmScenario) first = g_list_model_get_item (scenarios, 0);

          /* The portfolio keeps the scenario alive. */
          scenario_id = tm_scenario_get_id (first);
        }
    }
  if (since != NULL && *since != '\0' && !_tm_date_is_valid (since))
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED,
                   /* Translators: the first %s is a file name, the second what was given as a date */
                   _("Could not export to “%s”: “%s” is not a date; write it as YYYY-MM-DD."), name, since);
      return FALSE;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED, _("“%s” is not a local file."), name);
      return FALSE;
    }

  /* A temporary file beside the target, renamed over it when complete;
   * cairo writes the PDF to its path. */
  atomic = tm_atomic_file_new (file, error);
  if (atomic == NULL)
    return FALSE;
  g_output_stream_close (tm_atomic_file_get_stream (atomic), NULL, NULL);
  tmp_path = tm_atomic_file_get_temp_path (atomic);

  r.portfolio = portfolio;
  r.scenario_id = scenario_id;
  r.progress = progress;
  r.user_data = user_data;
  r.country = tm_portfolio_get_country (portfolio);

  tm_language_push (tm_portfolio_get_language (portfolio));

  if (since == NULL)
    {
      const char *meeting = tm_portfolio_get_last_committee_meeting (portfolio);

      r.since_meeting = meeting != NULL && _tm_date_is_valid (meeting);
      r.since = g_strdup (r.since_meeting ? meeting : "");
    }
  else
    r.since = g_strdup (since);

  today = now > 0 ? g_date_time_new_from_unix_local (now) : g_date_time_new_now_local ();
  r.today = format_date_dt (today);

  tm_draw_style_init (&r.style, 1.0, FALSE);
  r.style.show_title = FALSE;
  r.style.foreground = black;
  r.style.muted = muted;
  r.style.rule = (TmColor) { 0.55, 0.55, 0.55 };

  r.context = _tm_draw_create_context ();
  for (guint i = 0; i < N_FONTS; i++)
    {
      r.fonts[i] = pango_font_description_from_string ("Sans");
      pango_font_description_set_size (r.fonts[i], (int) (font_specs[i].points * PANGO_SCALE));
      if (font_specs[i].bold)
        pango_font_description_set_weight (r.fonts[i], PANGO_WEIGHT_BOLD);
    }

  r.analysis = tm_analysis_compute (portfolio, scenario_id);
  if (g_list_model_get_n_items (tm_portfolio_get_scenarios (portfolio)) > 1)
    r.comparison = tm_comparison_new (portfolio, NULL, NULL);
  r.moves = g_ptr_array_new_with_free_func (g_object_unref);
  {
    GListModel *tasks = tm_portfolio_get_tasks (portfolio);
    guint n = g_list_model_get_n_items (tasks);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

        if (tm_task_data_get_move (tm_task_peek_data (task), scenario_id) != NULL)
          g_ptr_array_add (r.moves, g_steal_pointer (&task));
      }
  }

  ok = render_pdf (&r, tmp_path, &cairo_error);
  report_clear (&r);

  /* Messages in the program's language, not the portfolio's */
  tm_language_pop ();

  if (!ok)
    {
      tm_atomic_file_abort (atomic);
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
