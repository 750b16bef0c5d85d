/* tm-report-layout.c
 * The report's page layout: paragraphs, headings, tables and views that
 * flow over A4 pages, with the contents and the outline.
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

#include "store/tm-history.h"
#include "exchange/tm-atomic.h"
#include "render/tm-move-card.h"
#include "render/tm-draw-private.h"
#include "model/tm-workshop-private.h"
#include "render/tm-report-layout-private.h"

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
  pango_layout_set_text (layout, _tm_report_or_empty (text), -1);
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

void
_tm_report_draw_rule (Report        *r,
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
    _tm_report_draw_rule (r, x0, x1, r->y + h - 0.6, 1.2, &black);
  else if (flags & ROW_RULE)
    _tm_report_draw_rule (r, x0, x1, r->y + h - 0.3, 0.6, &rule_grey);
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
          _tm_report_new_page (r);
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
              _tm_report_new_page (r);
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
      _tm_report_new_page (r);
      continued = TRUE;
    }
}

/* Starts a new page when less than @height is left (and the page has
 * something on it already). */
void
_tm_report_ensure (Report *r,
                   double  height)
{
  if (!r->page_empty && r->y + height > CONTENT_BOTTOM)
    _tm_report_new_page (r);
}

void
_tm_report_gap (Report *r,
                double  height)
{
  if (!r->page_empty)
    r->y = MIN (r->y + height, CONTENT_BOTTOM);
}

void
_tm_report_para_full (Report        *r,
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
  _tm_report_gap (r, after);
}

void
_tm_report_para (Report     *r,
                 const char *text)
{
  _tm_report_para_full (r, text, FONT_BODY, &black, 0, U * 0.5);
}

void
_tm_report_note (Report     *r,
                 const char *text)
{
  _tm_report_para_full (r, text, FONT_SMALL, &muted, 0, U * 0.5);
}

/* A bullet list item */
void
_tm_report_bullet (Report     *r,
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
void
_tm_report_add_outline (Report     *r,
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
void
_tm_report_heading1 (Report     *r,
                     const char *text,
                     guint       toc,
                     gboolean    same_page)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, FONT_H1, CONTENT_W, FALSE);
  Cell cell = { layout, 0, layout_height (layout), 0, &black };

  if (!r->page_empty && !same_page)
    _tm_report_new_page (r);
  _tm_report_gap (r, U * 0.8);
  _tm_report_ensure (r, cell.height + U * 8);
  mark_toc (r, toc);
  _tm_report_add_outline (r, text, 0);
  flow_cells (r, &cell, 1, 0, CONTENT_W, 0, ROW_KEEP);
  r->y += U * 0.3;
  _tm_report_draw_rule (r, 0, CONTENT_W, r->y, 1.5, &black);
  r->y += U * 0.9;
}

/* A heading kept with at least @keep of what follows it. */
void
_tm_report_heading (Report     *r,
                    const char *text,
                    Font        font,
                    double      keep)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, font, CONTENT_W, FALSE);
  Cell cell = { layout, 0, layout_height (layout), 0, &black };

  _tm_report_gap (r, font == FONT_H2 ? U * 0.6 : U * 0.5);
  _tm_report_ensure (r, cell.height + keep);
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
void
_tm_report_table_row_full (Report             *r,
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

void
_tm_report_table_row (Report             *r,
                      const Table        *t,
                      const char * const *texts,
                      guint               bold)
{
  _tm_report_table_row_full (r, t, texts, t->font, bold, 0, ROW_RULE);
}

/* The height of a row of @t, to keep a short table together. */
double
_tm_report_measure_row (Report             *r,
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
    _tm_report_table_row_full (r, t, t->headers, t->font == FONT_SMALL ? FONT_SMALL : FONT_BODY, bold, 0,
                    ROW_HEADER | ROW_KEEP);
}

void
_tm_report_table_begin (Report      *r,
                        const Table *t)
{
  /* The header and a first row together */
  _tm_report_ensure (r, line_height (r, t->font) * (t->headers[0] != NULL ? 4 : 2) + CELL_PAD_Y * 4);
  table_header (r, t);
  r->table = t;
  g_clear_pointer (&r->table_group, g_free);
}

void
_tm_report_table_end (Report *r)
{
  r->table = NULL;
  g_clear_pointer (&r->table_group, g_free);
  _tm_report_gap (r, U * 0.8);
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
void
_tm_report_table_span (Report     *r,
                       const char *text)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, FONT_BOLD, CONTENT_W - 2 * CELL_PAD_X, FALSE);

  g_clear_pointer (&r->table_group, g_free);
  _tm_report_ensure (r, layout_height (layout) + line_height (r, FONT_BODY) * 3 + CELL_PAD_Y * 4);
  draw_span (r, text);
  r->table_group = g_strdup (text);
}

static const Table kv_table = { 2, { 0.34, 0.66 }, 0, { NULL }, FONT_BODY };

/* A label and its value; an empty value reads "Not given". */
void
_tm_report_kv_full (Report     *r,
                    const char *label,
                    const char *value,
                    gboolean    bold)
{
  const char *texts[2] = { label, value };
  guint grey = 0;

  if (_tm_report_is_blank (value))
    {
      /* Translators: in the committee report, for a field left empty */
      texts[1] = C_("report", "Not given");
      grey = 1 << 1;
    }
  _tm_report_table_row_full (r, &kv_table, texts, FONT_BODY, bold ? 0x3 : 0x1, grey, ROW_RULE);
}

void
_tm_report_kv (Report     *r,
               const char *label,
               const char *value)
{
  _tm_report_kv_full (r, label, value, FALSE);
}

double
_tm_report_measure_kv (Report     *r,
                       const char *label,
                       const char *value)
{
  const char *texts[2] = { label, _tm_report_is_blank (value) ? "—" : value };

  return _tm_report_measure_row (r, &kv_table, texts, FONT_BODY, 0x1);
}

/* Pages */

void
_tm_report_begin_page (Report *r)
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

void
_tm_report_end_page (Report *r)
{
  if (r->cr != NULL)
    {
      const char *unit = tm_portfolio_get_unit_name (r->portfolio);
      g_autofree char *number = NULL;
      g_autoptr(PangoLayout) left = NULL;
      g_autoptr(PangoLayout) right = NULL;
      double y = PAGE_H - MARGIN - line_height (r, FONT_SMALL);

      if (_tm_report_is_blank (unit))
        unit = _("Unnamed unit");

      /* Translators: the footer of each page of the committee report */
      number = g_strdup_printf (_("Page %u of %u"), r->page, r->n_pages);
      right = new_layout (r, number, FONT_SMALL, CONTENT_W * 0.3, TRUE);
      left = new_layout (r, unit, FONT_SMALL, CONTENT_W * 0.68, FALSE);
      pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);

      _tm_report_draw_rule (r, 0, CONTENT_W, y - U * 0.4, 0.6, &rule_grey);
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

/* The counting pass takes 40 % of the bar (0.1 to 0.5, see
 * _tm_report_render_document() and render_pdf()); given every 0.5 %. */
void
_tm_report_work_done (Report *r)
{
  double fraction;

  if (r->n_pages != 0 || r->progress == NULL || r->work_total == 0)
    return;
  r->work_done++;
  fraction = 0.1 + 0.4 * MIN (r->work_done, r->work_total) / r->work_total;
  if (fraction - r->work_reported < 0.005)
    return;
  r->work_reported = fraction;
  r->progress (fraction, r->user_data);
}

void
_tm_report_new_page (Report *r)
{
  _tm_report_end_page (r);
  r->page++;
  _tm_report_begin_page (r);
}

/* Drawing the views */

/* Sets up @r->cr to draw a view @height units tall (at @scale) at the
 * current position, clipped to the content. */
void
_tm_report_view_begin (Report *r,
                       double  height,
                       double  scale)
{
  cairo_save (r->cr);
  cairo_rectangle (r->cr, MARGIN, r->y, CONTENT_W, MIN (height * scale, CONTENT_BOTTOM - r->y));
  cairo_clip (r->cr);
  cairo_translate (r->cr, MARGIN, r->y);
  cairo_scale (r->cr, scale, scale);
}

void
_tm_report_view_end (Report *r)
{
  cairo_restore (r->cr);
}

/* A part of the appendix: a heading kept with what follows, in the
 * contents as item @toc and in the outline under the appendix. */
void
_tm_report_heading_part (Report     *r,
                         const char *text,
                         guint       toc)
{
  g_autoptr(PangoLayout) layout = new_layout (r, text, FONT_H2, CONTENT_W, FALSE);

  _tm_report_gap (r, U * 0.8);
  _tm_report_ensure (r, layout_height (layout) + U * 8);
  mark_toc (r, toc);
  _tm_report_add_outline (r, text, 1);
  _tm_report_heading (r, text, FONT_H2, U * 6);
}

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

double
_tm_report_parts_height (Report     *r,
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

void
_tm_report_parts_row (Report     *r,
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
char *
_tm_report_join_lines (const char * const *lines,
                       guint               n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (_tm_report_is_blank (lines[i]))
        continue;
      if (s->len > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, lines[i]);
    }
  return g_string_free (s, FALSE);
}

/* "3. Besvare patientkald", and the scenario when the report covers more than one */
char *
_tm_report_dup_move_ref (Report     *r,
                         Covered    *c,
                         guint       index)
{
  g_autofree char *name = _tm_report_dup_move_name (index + 1, g_ptr_array_index (c->cards, index));

  if (r->covered->len < 2)
    return g_steal_pointer (&name);
  /* Translators: a move of another scenario than the report's: the task, then the scenario */
  return g_strdup_printf (_("%s (scenario “%s”)"), name, c->name);
}

const TmMoveReview *
_tm_report_card_review (TmMoveCard *card)
{
  return tm_task_data_get_review (tm_task_peek_data (tm_move_card_get_task (card)),
                                  tm_move_card_get_scenario_id (card));
}

/* Names */

const char *
_tm_report_profession_name (Report     *r,
                            const char *id)
{
  return _tm_draw_profession_name (r->portfolio, id);
}

/* "12. Tømme urinposer": a move's number in its scenario's entries and its task */
char *
_tm_report_dup_move_name (guint       number,
                          TmMoveCard *card)
{
  /* Translators: the heading of a move in the committee report: its number and the task's title */
  return g_strdup_printf (_("%u. %s"), number, tm_move_card_get_title (card));
}
