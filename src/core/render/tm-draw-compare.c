/* tm-draw-compare.c
 * Scenarios side by side: the comparison's rows as a table, one column per
 * scenario, with the shares of staffed time drawn against the benchmark.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-draw"

#include "config.h"

#include <math.h>
#include "model/tm-i18n-private.h"

#include "render/tm-draw-private.h"

/* The largest value of @row, for the scale of its bars. */
static double
row_max (const TmComparisonRow *row,
         guint                  n)
{
  double max = 0;

  for (guint s = 0; s < n; s++)
    if (!isnan (row->values[s]))
      max = MAX (max, row->values[s]);
  return max;
}

/* A share against its benchmark: a track, the bar (hatched, so it reads in
 * black and white) and the benchmark as a dashed line. */
static void
draw_share_bar (cairo_t           *cr,
                const TmDrawStyle *style,
                double             x,
                double             y,
                double             w,
                double             h,
                double             value,
                double             benchmark,
                double             axis_max,
                guint              index)
{
  const double dash[] = { 3, 2 };
  const TmColor *base = index == 1 ? &style->to_unskilled
                      : index == 2 ? &style->to_professions : &style->scenario;
  TmColor fill = _tm_color_lighter (base, 0.45);
  TmColor line = _tm_color_darker (base, 0.35);
  double u = _tm_draw_unit (style);
  double bw;

  if (w <= u)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1);
  _tm_draw_set_color (cr, &style->header);
  cairo_fill_preserve (cr);
  _tm_draw_set_color (cr, &style->rule);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  bw = MIN (value / axis_max, 1.0) * w;
  if (!isnan (value) && bw > 0.5)
    {
      cairo_rectangle (cr, x, y, bw, h);
      _tm_draw_fill_hatched (cr, &fill, &line, index == 2 ? TM_HATCH_BACKWARD : TM_HATCH_FORWARD,
                             MAX (4.0, u * 0.45));
      _tm_draw_set_color (cr, &line);
      cairo_stroke (cr);
    }

  if (benchmark > 0)
    {
      double bx = floor (x + MIN (benchmark / axis_max, 1.0) * w) + 0.5;

      _tm_draw_set_color (cr, &style->foreground);
      cairo_set_line_width (cr, MAX (1.5, u * 0.12));
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, bx, y - u * 0.25);
      cairo_line_to (cr, bx, y + h + u * 0.25);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static double
comparison_layout (cairo_t           *cr,
                   TmPortfolio       *portfolio,
                   TmComparison      *comparison,
                   const TmDrawStyle *style,
                   double             width)
{
  g_autoptr(TmPangoContext) context = _tm_draw_create_context ();
  guint n = tm_comparison_get_n_scenarios (comparison);
  double u = _tm_draw_unit (style);
  double label_w, col_w, y = 0, pad = u * 0.35;
  gboolean any_note = FALSE;
  guint share_index = 0;

  y += _tm_draw_title_block (cr, context, style, portfolio,
                             /* Translators: title of the comparison of scenarios */
                             _("Scenarios side by side"),
                             /* Translators: under the title of the comparison of scenarios */
                             _("What each scenario frees and needs, in hours a week, FTE and shares of "
                               "staffed time"),
                             width);

  if (n == 0)
    return ceil (y + u);

  label_w = ceil (MAX (u * 12, MIN (width * 0.38, width - n * u * 7)));
  col_w = floor ((width - label_w) / n);

  /* The header: the scenarios' names */
  {
    double h = 0;

    for (guint s = 0; s < n; s++)
      h = MAX (h, _tm_draw_text (NULL, context, style, g_ptr_array_index (comparison->names, s),
                                 TM_TEXT_BOLD | TM_TEXT_WRAP | TM_TEXT_CENTER, NULL, 0, 0, col_w - 2 * pad));
    h += 2 * pad;
    if (cr != NULL)
      {
        cairo_rectangle (cr, label_w, y, col_w * n, h);
        _tm_draw_set_color (cr, &style->header);
        cairo_fill (cr);
        for (guint s = 0; s < n; s++)
          _tm_draw_text (cr, context, style, g_ptr_array_index (comparison->names, s),
                         TM_TEXT_BOLD | TM_TEXT_WRAP | TM_TEXT_CENTER, &style->foreground,
                         label_w + s * col_w + pad, y + pad, col_w - 2 * pad);
      }
    y += h;
  }

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const TmComparisonRow *row = g_ptr_array_index (comparison->rows, r);
      g_autofree char *label = NULL;
      double h;

      if (row->kind == TM_COMPARISON_SECTION)
        {
          y += u * 0.6;
          h = _tm_draw_text (NULL, context, style, row->label, TM_TEXT_BOLD | TM_TEXT_WRAP, NULL,
                             0, 0, width - 2 * pad) + 2 * pad;
          if (cr != NULL)
            {
              cairo_rectangle (cr, 0, y, width, h);
              _tm_draw_set_color (cr, &style->header);
              cairo_fill (cr);
              _tm_draw_text (cr, context, style, row->label, TM_TEXT_BOLD | TM_TEXT_WRAP,
                             &style->foreground, pad, y + pad, width - 2 * pad);
            }
          y += h;
          share_index = 0;
          continue;
        }

      any_note = any_note || row->note != NULL;
      label = g_strconcat (row->label, row->note ? " *" : "", NULL);
      h = _tm_draw_text (NULL, context, style, label, TM_TEXT_WRAP, NULL, 0, 0, label_w - 2 * pad);
      h = MAX (h, u * 1.4) + 2 * pad;
      if (row->kind == TM_COMPARISON_SHARE && row->benchmark > 0)
        h = MAX (h, u * 2.4);

      if (cr != NULL)
        {
          double axis_max = MAX (row->benchmark * 1.5, row_max (row, n) * 1.15);

          _tm_draw_text (cr, context, style, label, TM_TEXT_WRAP, &style->foreground,
                         pad, y + pad, label_w - 2 * pad);
          for (guint s = 0; s < n; s++)
            {
              g_autofree char *value = tm_comparison_format_value (row, s);
              double x = label_w + s * col_w;
              double tw = _tm_draw_text_width (context, style, value, 0);

              if (row->kind == TM_COMPARISON_SHARE && row->benchmark > 0)
                draw_share_bar (cr, style, x + pad, y + (h - u * 1.1) / 2, col_w - tw - 4 * pad,
                                u * 1.1, row->values[s], row->benchmark, axis_max, share_index);
              _tm_draw_text (cr, context, style, value, TM_TEXT_RIGHT, &style->foreground,
                             x + pad, y + (h - u * 1.3) / 2, col_w - 2 * pad);
            }

          /* A rule under each row, so a row reads across from the back of the room. */
          _tm_draw_set_color (cr, &style->rule);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, 0, floor (y + h) + 0.5);
          cairo_line_to (cr, width, floor (y + h) + 0.5);
          cairo_stroke (cr);
        }
      if (row->kind == TM_COMPARISON_SHARE && row->benchmark > 0)
        share_index++;
      y += h;
    }

  y += u * 0.8;
  y += _tm_draw_text (cr, context, style,
                      /* Translators: under the comparison of scenarios; a figure from Danish
                       * studies of hospital wards: keep the numbers */
                      /* xgettext:no-c-format */
                      _("The dashed line is the benchmark for hospital wards: about 10 % of the nurses' "
                        "staffed time to unskilled staff and 10 % more to other professions. A benchmark, "
                        "not a target."),
                      TM_TEXT_WRAP | TM_TEXT_SMALL, &style->muted, 0, y, width);

  if (any_note)
    for (guint r = 0; r < comparison->rows->len; r++)
      {
        const TmComparisonRow *row = g_ptr_array_index (comparison->rows, r);
        g_autofree char *note = NULL;

        if (row->note == NULL)
          continue;
        note = g_strconcat ("* ", row->note, NULL);
        y += u * 0.3;
        y += _tm_draw_text (cr, context, style, note, TM_TEXT_WRAP | TM_TEXT_SMALL, &style->muted,
                            0, y, width);
        break;
      }

  return ceil (y + u);
}

double
tm_comparison_chart_get_height (TmPortfolio       *portfolio,
                                TmComparison      *comparison,
                                const TmDrawStyle *style,
                                double             width)
{
  TmDrawStyle fallback;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), 0);
  g_return_val_if_fail (comparison != NULL, 0);

  if (style == NULL)
    {
      tm_draw_style_init (&fallback, 1.0, FALSE);
      style = &fallback;
    }
  return comparison_layout (NULL, portfolio, comparison, style, width);
}

void
tm_comparison_chart_draw (cairo_t           *cr,
                          TmPortfolio       *portfolio,
                          TmComparison      *comparison,
                          const TmDrawStyle *style,
                          double             width,
                          double             height)
{
  TmDrawStyle fallback;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (TM_IS_PORTFOLIO (portfolio));
  g_return_if_fail (comparison != NULL);

  if (style == NULL)
    {
      tm_draw_style_init (&fallback, 1.0, FALSE);
      style = &fallback;
    }

  cairo_save (cr);
  _tm_draw_set_color (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);

  cairo_save (cr);
  comparison_layout (cr, portfolio, comparison, style, width);
  cairo_restore (cr);
}
