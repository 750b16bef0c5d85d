/* tm-draw-charts.c
 * The level × complexity map, the capacity chart and the flow diagram.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-draw"

#include "config.h"

#include <math.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "render/tm-draw-private.h"

static TmDrawStyle *
default_style (TmDrawStyle *storage)
{
  tm_draw_style_init (storage, 1.0, FALSE);
  return storage;
}

/* A "nice" step (1, 2, 2.5, 5 × 10^k) for about @n ticks up to @max. */
static double
nice_step (double max,
           int    n)
{
  double raw = max / MAX (n, 1);
  double magnitude, f;

  if (raw <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  f = raw / magnitude;
  if (f <= 1)
    return magnitude;
  if (f <= 2)
    return 2 * magnitude;
  if (f <= 2.5)
    return 2.5 * magnitude;
  if (f <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

/* "12.5 h" */
static char *
format_hours_unit (double hours)
{
  g_autofree char *number = _tm_draw_format_hours (hours);

  /* Translators: hours per week in a chart, e.g. "12.5 h" */
  return g_strdup_printf (_("%s h"), number);
}

/* "12.5 %" */
static char *
format_percent (double share,
                int    decimals)
{
  g_autofree char *number = tm_language_format_number (share * 100, decimals);

  /* Translators: a percentage in a chart, e.g. "12.5 %"; use your language's spacing */
  return g_strdup_printf (_("%s %%"), number);
}

static char *
format_not_estimated_note (guint n)
{
  if (n == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u task not estimated is not counted",
                                       "%u tasks not estimated are not counted", n), n);
}

/* ------------------------------------------------------------------------ */
/* Level × complexity map                                                   */
/* ------------------------------------------------------------------------ */

#define GRID_N 4

static const TmLevel grid_levels[GRID_N] = {
  TM_LEVEL_ADMIN, TM_LEVEL_BOUNDED_CLINICAL, TM_LEVEL_COORDINATION, TM_LEVEL_NOT_ASSESSED,
};
static const TmComplexity grid_complexities[GRID_N] = {
  TM_COMPLEXITY_LOW, TM_COMPLEXITY_MODERATE, TM_COMPLEXITY_HIGH, TM_COMPLEXITY_NOT_ASSESSED,
};

struct _TmGridLayout {
  /* Owned */
  TmPortfolio   *portfolio;
  PangoContext  *context;

  TmDrawStyle    style;
  TmGridShading  shading;
  guint          tasks[GRID_N][GRID_N];
  double         hours[GRID_N][GRID_N];
  guint          not_estimated[GRID_N][GRID_N];
  guint          n_not_estimated;
  double         max_value;

  double         width;
  double         height;
  double         title_height;
  double         label_width;
  double         header_height;
  double         cells_x;
  double         cells_y;
  double         cell_width;
  double         cell_height;
  double         gap;
};

static double
grid_label_width (PangoContext      *context,
                  const TmDrawStyle *style)
{
  double u = _tm_draw_unit (style);
  double w = _tm_draw_text_width (context, style, _("Competence level"), TM_TEXT_BOLD);

  for (guint i = 0; i < GRID_N; i++)
    w = MAX (w, _tm_draw_text_width (context, style, tm_level_get_short_label (grid_levels[i]), 0));
  return ceil (MIN (w, u * 16) + u * 1.2);
}

static double
grid_footer_height (const TmDrawStyle *style)
{
  return _tm_draw_unit (style) * 4.0;
}

static double
grid_header_height (const TmDrawStyle *style)
{
  return ceil (_tm_draw_unit (style) * 3.2);
}

void
tm_grid_get_min_size (const TmDrawStyle *style,
                      double            *width,
                      double            *height)
{
  g_autoptr(TmPangoContext) context = _tm_draw_create_context ();
  TmDrawStyle fallback;
  double u;

  if (style == NULL)
    style = default_style (&fallback);
  u = _tm_draw_unit (style);

  if (width != NULL)
    *width = grid_label_width (context, style) + GRID_N * u * 7.5 + u * 0.6;
  if (height != NULL)
    *height = (style->show_title ? u * 6 : 0) + grid_header_height (style)
              + GRID_N * u * 4.4 + u * 0.6 + grid_footer_height (style);
}

static char *
grid_title (void)
{
  /* Translators: title of the level × complexity map */
  return g_strdup (_("Competence level × patient complexity"));
}

TmGridLayout *
tm_grid_layout_new (TmPortfolio       *portfolio,
                    TmAnalysis        *analysis,
                    const TmDrawStyle *style,
                    TmGridShading      shading,
                    double             width,
                    double             height)
{
  TmGridLayout *self;
  g_autofree char *title = NULL;
  double u, min_w, min_h;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (analysis != NULL, NULL);

  self = g_new0 (TmGridLayout, 1);
  self->portfolio = g_object_ref (portfolio);
  if (style != NULL)
    self->style = *style;
  else
    default_style (&self->style);
  self->shading = shading;
  self->context = _tm_draw_create_context ();

  for (guint i = 0; i < GRID_N; i++)
    for (guint j = 0; j < GRID_N; j++)
      {
        TmLevel level = grid_levels[i];
        TmComplexity cx = grid_complexities[j];

        self->tasks[i][j] = analysis->grid_tasks[level][cx];
        self->hours[i][j] = analysis->grid_hours[level][cx];
        self->not_estimated[i][j] = analysis->grid_not_estimated[level][cx];
        if (cx == TM_COMPLEXITY_HIGH)
          {
            /* The analysis counts "varies" as high already; be sure. */
            self->tasks[i][j] += analysis->grid_tasks[level][TM_COMPLEXITY_VARIES];
            self->hours[i][j] += analysis->grid_hours[level][TM_COMPLEXITY_VARIES];
            self->not_estimated[i][j] += analysis->grid_not_estimated[level][TM_COMPLEXITY_VARIES];
          }
        self->n_not_estimated += self->not_estimated[i][j];
        self->max_value = MAX (self->max_value,
                               shading == TM_GRID_SHADE_TASKS ? self->tasks[i][j] : self->hours[i][j]);
      }

  u = _tm_draw_unit (&self->style);
  tm_grid_get_min_size (&self->style, &min_w, &min_h);
  self->width = MAX (width, min_w);
  self->height = MAX (height, min_h);

  title = grid_title ();
  self->title_height = _tm_draw_title_block (NULL, self->context, &self->style, portfolio, title,
                                             _("Today's tasks; “varies with the patient” counts as high"),
                                             self->width);
  self->label_width = grid_label_width (self->context, &self->style);
  self->header_height = grid_header_height (&self->style);
  self->gap = ceil (u * 0.6);
  self->cells_x = self->label_width;
  self->cells_y = self->title_height + self->header_height;
  self->cell_width = floor ((self->width - self->label_width - self->gap) / GRID_N);
  self->cell_height = floor ((self->height - self->cells_y - self->gap - grid_footer_height (&self->style))
                             / GRID_N);
  self->cell_height = CLAMP (self->cell_height, u * 4.4, u * 9);

  return self;
}

void
tm_grid_layout_free (TmGridLayout *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->portfolio);
  g_clear_object (&self->context);
  g_free (self);
}

static void
grid_cell_rect (TmGridLayout      *self,
                guint              i,
                guint              j,
                cairo_rectangle_t *rect)
{
  rect->x = self->cells_x + j * self->cell_width + (j == GRID_N - 1 ? self->gap : 0);
  rect->y = self->cells_y + i * self->cell_height + (i == GRID_N - 1 ? self->gap : 0);
  rect->width = self->cell_width;
  rect->height = self->cell_height;
}

static int
grid_row_of (TmLevel level)
{
  for (guint i = 0; i < GRID_N; i++)
    if (grid_levels[i] == level)
      return (int) i;
  return -1;
}

static int
grid_column_of (TmComplexity complexity)
{
  for (guint j = 0; j < GRID_N; j++)
    if (grid_complexities[j] == complexity)
      return (int) j;
  return -1;
}

gboolean
tm_grid_layout_get_cell_rect (TmGridLayout      *self,
                              TmLevel            level,
                              TmComplexity       complexity,
                              cairo_rectangle_t *rect)
{
  int i, j;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  i = grid_row_of (level);
  j = grid_column_of (complexity);
  if (i < 0 || j < 0)
    return FALSE;

  grid_cell_rect (self, i, j, rect);
  return TRUE;
}

gboolean
tm_grid_layout_hit (TmGridLayout *self,
                    double        x,
                    double        y,
                    TmLevel      *level,
                    TmComplexity *complexity)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < GRID_N; i++)
    for (guint j = 0; j < GRID_N; j++)
      {
        cairo_rectangle_t r;

        grid_cell_rect (self, i, j, &r);
        if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)
          {
            if (level != NULL)
              *level = grid_levels[i];
            if (complexity != NULL)
              *complexity = grid_complexities[j];
            return TRUE;
          }
      }
  return FALSE;
}

void
tm_grid_layout_draw (TmGridLayout *self,
                     cairo_t      *cr,
                     int           selected_level,
                     int           selected_complexity)
{
  const TmDrawStyle *style;
  g_autofree char *title = NULL;
  TmColor light, dark;
  double u, y;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  style = &self->style;
  u = _tm_draw_unit (style);

  cairo_save (cr);

  _tm_draw_set_color (cr, &style->background);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);

  title = grid_title ();
  _tm_draw_title_block (cr, self->context, style, self->portfolio, title,
                        _("Today's tasks; “varies with the patient” counts as high"), self->width);

  /* Axis titles and column labels */
  y = self->title_height;
  _tm_draw_text (cr, self->context, style, _("Patient complexity"), TM_TEXT_BOLD | TM_TEXT_CENTER,
                 &style->foreground, self->cells_x, y, self->cell_width * GRID_N + self->gap);
  _tm_draw_text (cr, self->context, style, _("Competence level"), TM_TEXT_BOLD, &style->foreground,
                 0, y + self->header_height - u * 1.5, self->label_width - u * 0.4);
  for (guint j = 0; j < GRID_N; j++)
    {
      cairo_rectangle_t r;

      grid_cell_rect (self, 0, j, &r);
      _tm_draw_text (cr, self->context, style, tm_complexity_get_label (grid_complexities[j]),
                     TM_TEXT_CENTER, &style->foreground, r.x, y + self->header_height - u * 1.5, r.width);
    }

  /* Row labels */
  for (guint i = 0; i < GRID_N; i++)
    {
      cairo_rectangle_t r;
      g_autoptr(PangoLayout) layout = NULL;
      double h;

      grid_cell_rect (self, i, 0, &r);
      layout = _tm_draw_layout_new (self->context, style, tm_level_get_short_label (grid_levels[i]),
                                    TM_TEXT_WRAP, self->label_width - u * 0.6);
      _tm_draw_layout_get_size (layout, NULL, &h);
      _tm_draw_show_layout (cr, layout, NULL, &style->foreground, 0, r.y + (r.height - h) / 2);
    }

  /* Cells: a light-to-dark ramp of one hue reads in black and white */
  light = _tm_color_lighter (&style->today, 0.92);
  dark = _tm_color_darker (&style->today, style->high_contrast ? 0.35 : 0.15);

  for (guint i = 0; i < GRID_N; i++)
    for (guint j = 0; j < GRID_N; j++)
      {
        cairo_rectangle_t r;
        double value = self->shading == TM_GRID_SHADE_TASKS ? self->tasks[i][j] : self->hours[i][j];
        double t = self->max_value > 0 ? value / self->max_value : 0;
        TmColor fill = _tm_color_mix (&light, &dark, t * 0.9);
        const TmColor *text_color;
        TmColor light_text = { 1, 1, 1 };
        GString *text = g_string_new (NULL);
        g_autoptr(PangoLayout) layout = NULL;
        double h;

        grid_cell_rect (self, i, j, &r);

        if (self->tasks[i][j] == 0)
          fill = style->background;
        else if (value <= 0)
          fill = light;

        cairo_rectangle (cr, r.x + 1, r.y + 1, r.width - 2, r.height - 2);
        _tm_draw_set_color (cr, &fill);
        cairo_fill_preserve (cr);
        _tm_draw_set_color (cr, &style->rule);
        cairo_set_line_width (cr, 1);
        cairo_stroke (cr);

        text_color = _tm_color_luminance (&fill) < 0.45 ? &light_text : &style->foreground;

        if (self->tasks[i][j] == 0)
          {
            /* Translators: an empty cell of the level × complexity map */
            _tm_draw_text (cr, self->context, style, _("No tasks"), TM_TEXT_CENTER | TM_TEXT_SMALL,
                           &style->muted, r.x, r.y + (r.height - u * 1.2) / 2, r.width);
          }
        else
          {
            g_autofree char *hours = _tm_draw_format_hours (self->hours[i][j]);
            g_autofree char *tasks_line =
              g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", self->tasks[i][j]),
                               self->tasks[i][j]);

            g_string_append (text, tasks_line);
            if (self->not_estimated[i][j] < self->tasks[i][j])
              {
                g_string_append_c (text, '\n');
                /* Translators: hours per week in a cell of the level × complexity map */
                g_string_append_printf (text, _("%s h/week"), hours);
              }
            if (self->not_estimated[i][j] > 0)
              {
                g_string_append_c (text, '\n');
                g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u not estimated",
                                                           "%u not estimated",
                                                           self->not_estimated[i][j]),
                                        self->not_estimated[i][j]);
              }

            layout = _tm_draw_layout_new (self->context, style, text->str,
                                          TM_TEXT_CENTER | TM_TEXT_WRAP, r.width - u * 0.6);
            _tm_draw_layout_get_size (layout, NULL, &h);
            /* The first line (the count) in bold */
            {
              PangoAttrList *attrs = pango_attr_list_new ();
              PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

              bold->start_index = 0;
              bold->end_index = strlen (tasks_line);
              pango_attr_list_insert (attrs, bold);
              pango_layout_set_attributes (layout, attrs);
              pango_attr_list_unref (attrs);
            }
            _tm_draw_show_layout (cr, layout, NULL, text_color, r.x + u * 0.3, r.y + (r.height - h) / 2);
          }
        g_string_free (text, TRUE);
      }

  /* The selected cell */
  if (selected_level >= 0 && selected_complexity >= 0)
    {
      cairo_rectangle_t r;

      if (tm_grid_layout_get_cell_rect (self, selected_level,
                                        tm_complexity_effective (selected_complexity), &r))
        {
          double lw = MAX (2.5, u * 0.25);

          _tm_draw_set_color (cr, &style->accent);
          cairo_set_line_width (cr, lw);
          cairo_rectangle (cr, r.x + lw / 2, r.y + lw / 2, r.width - lw, r.height - lw);
          cairo_stroke (cr);
        }
    }

  /* Footer */
  {
    g_autofree char *note = format_not_estimated_note (self->n_not_estimated);
    GString *footer = g_string_new (self->shading == TM_GRID_SHADE_TASKS
                                    /* Translators: under the level × complexity map */
                                    ? _("Darker cells hold more tasks.")
                                    /* Translators: under the level × complexity map */
                                    : _("Darker cells hold more hours per week."));

    if (note != NULL)
      {
        g_string_append_c (footer, ' ');
        g_string_append (footer, note);
        g_string_append_c (footer, '.');
      }
    y = self->cells_y + GRID_N * self->cell_height + self->gap + u * 0.8;
    _tm_draw_text (cr, self->context, style, footer->str, TM_TEXT_WRAP | TM_TEXT_SMALL, &style->muted,
                   0, y, self->width);
    g_string_free (footer, TRUE);
  }

  cairo_restore (cr);
}

/* ------------------------------------------------------------------------ */
/* Capacity                                                                 */
/* ------------------------------------------------------------------------ */

static gboolean
capacity_entry_shown (const TmAnalysisProfession *p)
{
  return p->hours_today > 0.0001 || p->hours_after > 0.0001 || p->moved_in > 0.0001;
}

typedef struct {
  const char *label;
  const TmColor *fill;
  const TmColor *lines;
  TmHatch hatch;
} LegendItem;

/* A row of swatches; returns the height used. */
static double
draw_swatch_legend (cairo_t           *cr,
                    PangoContext      *context,
                    const TmDrawStyle *style,
                    const LegendItem  *items,
                    guint              n_items,
                    double             x0,
                    double             y0,
                    double             width)
{
  double u = _tm_draw_unit (style);
  double box = ceil (u * 1.1);
  double x = x0, y = y0, line = u * 1.6;

  for (guint i = 0; i < n_items; i++)
    {
      double tw = _tm_draw_text_width (context, style, items[i].label, 0);
      double w = box + u * 0.4 + tw + u * 1.4;

      if (x > x0 && x + w - u * 1.4 > x0 + width)
        {
          x = x0;
          y += line;
        }
      if (cr != NULL)
        {
          _tm_draw_swatch (cr, style, x, y + (line - box) / 2 - u * 0.15, box,
                           items[i].fill, items[i].lines, items[i].hatch);
          _tm_draw_text (cr, context, style, items[i].label, 0, &style->foreground,
                         x + box + u * 0.4, y, -1);
        }
      x += w;
    }
  return y - y0 + line;
}

/* A bar: a solid part, then a hatched part, outlined. */
static void
draw_bar (cairo_t       *cr,
          double         x,
          double         y,
          double         solid,
          double         hatched,
          double         height,
          const TmColor *color,
          double         spacing)
{
  TmColor pale = _tm_color_lighter (color, 0.75);
  TmColor line = _tm_color_darker (color, 0.25);

  if (solid > 0)
    {
      cairo_rectangle (cr, x, y, solid, height);
      _tm_draw_set_color (cr, color);
      cairo_fill (cr);
    }
  if (hatched > 0)
    {
      cairo_rectangle (cr, x + solid, y, hatched, height);
      _tm_draw_fill_hatched (cr, &pale, &line, TM_HATCH_FORWARD, spacing);
      cairo_new_path (cr);
    }
  if (solid + hatched > 0)
    {
      cairo_rectangle (cr, x + 0.5, y + 0.5, MAX (solid + hatched - 1, 0.5), height - 1);
      _tm_draw_set_color (cr, &line);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

/* The ticks of a percent axis under bars drawn from @bars_x at @scale. */
static void
draw_percent_axis (cairo_t           *cr,
                   PangoContext      *context,
                   const TmDrawStyle *style,
                   double             bars_x,
                   double             scale,
                   double             axis_max,
                   double             y)
{
  double u = _tm_draw_unit (style);
  double step = axis_max > 0.5 ? 0.2 : 0.1;

  for (double v = 0; v <= axis_max + 0.05; v += step)
    {
      g_autofree char *tick = format_percent (v, 0);

      _tm_draw_text (cr, context, style, tick, TM_TEXT_SMALL | TM_TEXT_CENTER, &style->muted,
                     bars_x + v * scale - u * 2.5, y, u * 5);
    }
}

/* One bar per profession: the share of its share base (staffed or
 * catalogued hours) handed over, split by where it goes. Returns the new y. */
static double
draw_share_rows (cairo_t             *cr,
                 PangoContext        *context,
                 const TmDrawStyle   *style,
                 TmPortfolio         *portfolio,
                 GPtrArray           *rows,
                 const TmColor      **fills,
                 const TmColor      **lines,
                 double               label_w,
                 double               bars_x,
                 double               bars_w,
                 double               axis_max,
                 double               hatch,
                 gboolean             muted,
                 double               y)
{
  double u = _tm_draw_unit (style);
  double share_h = ceil (u * 1.2);
  double scale = bars_w / axis_max;
  const TmHatch hatches[3] = { TM_HATCH_FORWARD, TM_HATCH_BACKWARD, TM_HATCH_CROSS };

  for (guint i = 0; i < rows->len; i++)
    {
      TmAnalysisProfession *p = g_ptr_array_index (rows, i);
      const char *name = _tm_draw_profession_name (portfolio, p->profession_id);
      double text_h;

      text_h = _tm_draw_text (cr, context, style, name, 0, muted ? &style->muted : &style->foreground,
                              0, y, label_w - u * 0.5);
      if (cr != NULL)
        {
          double x = bars_x;
          double parts[3] = { p->out_to_unskilled, p->out_to_professions, p->out_to_technology_or_stopped };
          double share = tm_analysis_profession_moved_share (p);
          g_autofree char *value = format_percent (share, 1);
          double bar_y = y + (text_h - share_h) / 2;

          /* The track: the whole share base */
          cairo_rectangle (cr, bars_x + 0.5, bar_y + 0.5, bars_w - 1, share_h - 1);
          _tm_draw_set_color (cr, &style->header);
          cairo_fill_preserve (cr);
          _tm_draw_set_color (cr, &style->rule);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);

          for (guint k = 0; k < 3; k++)
            {
              double w = MIN (tm_analysis_profession_share_of (p, parts[k]), axis_max) * scale;

              if (w <= 0)
                continue;
              w = MIN (w, bars_x + bars_w - x);
              cairo_rectangle (cr, x, bar_y, w, share_h);
              _tm_draw_fill_hatched (cr, fills[k], lines[k], hatches[k], hatch);
              _tm_draw_set_color (cr, lines[k]);
              cairo_set_line_width (cr, 1);
              cairo_stroke (cr);
              x += w;
            }

          _tm_draw_text (cr, context, style, value, TM_TEXT_SMALL | TM_TEXT_BACKDROP,
                         muted ? &style->muted : &style->foreground,
                         MIN (bars_x + share * scale, bars_x + bars_w) + u * 0.4,
                         y + (text_h - u * 1.2) / 2, -1);
        }
      y += MAX (text_h, share_h) + u * 0.5;
    }
  return y;
}

/* The nurses' answer in sentences: hours, FTE and share of staffed time
 * handed over, as shifts, and how much of their time the catalogue covers. */
static double
draw_headline (cairo_t           *cr,
               PangoContext      *context,
               const TmDrawStyle *style,
               TmPortfolio       *portfolio,
               TmAnalysis        *analysis,
               double             width,
               double             y)
{
  const TmAnalysisProfession *nurses = tm_analysis_get_nurses (analysis);
  double u = _tm_draw_unit (style);
  g_autofree char *freed = NULL;
  g_autofree char *shifts = NULL;
  g_autofree char *split = NULL;
  g_autofree char *coverage = NULL;
  double top = y, pad = u * 0.6;

  if (nurses == NULL)
    return y;

  freed = tm_analysis_describe_freed (analysis, portfolio, nurses);
  coverage = tm_analysis_describe_coverage (analysis, portfolio, nurses);
  if (freed == NULL && coverage == NULL)
    return y;
  if (freed != NULL)
    {
      shifts = tm_analysis_describe_shifts (analysis, nurses->moved_out);
      split = tm_analysis_describe_split (analysis, portfolio, nurses);
    }

  /* A band, so the answer stands out on a projector. */
  {
    double h = pad;

    if (freed != NULL)
      h += _tm_draw_text (NULL, context, style, freed, TM_TEXT_BOLD | TM_TEXT_SUBTITLE | TM_TEXT_WRAP,
                          NULL, 0, 0, width - 2 * pad) + u * 0.2;
    if (shifts != NULL)
      h += _tm_draw_text (NULL, context, style, shifts, TM_TEXT_WRAP, NULL, 0, 0, width - 2 * pad) + u * 0.2;
    if (split != NULL)
      h += _tm_draw_text (NULL, context, style, split, TM_TEXT_WRAP, NULL, 0, 0, width - 2 * pad) + u * 0.2;
    if (coverage != NULL)
      h += _tm_draw_text (NULL, context, style, coverage, TM_TEXT_WRAP, NULL, 0, 0, width - 2 * pad) + u * 0.2;
    h += pad;

    if (cr != NULL)
      {
        cairo_rectangle (cr, 0, top, width, h);
        _tm_draw_set_color (cr, &style->header);
        cairo_fill (cr);
        cairo_rectangle (cr, 0, top, MAX (3, u * 0.3), h);
        _tm_draw_set_color (cr, &style->accent);
        cairo_fill (cr);
      }
  }

  y += pad;
  if (freed != NULL)
    y += _tm_draw_text (cr, context, style, freed, TM_TEXT_BOLD | TM_TEXT_SUBTITLE | TM_TEXT_WRAP,
                        &style->foreground, pad, y, width - 2 * pad) + u * 0.2;
  if (shifts != NULL)
    y += _tm_draw_text (cr, context, style, shifts, TM_TEXT_WRAP, &style->foreground,
                        pad, y, width - 2 * pad) + u * 0.2;
  if (split != NULL)
    y += _tm_draw_text (cr, context, style, split, TM_TEXT_WRAP,
                        tm_analysis_profession_has_staffing (nurses) ? &style->foreground : &style->muted,
                        pad, y, width - 2 * pad) + u * 0.2;
  if (coverage != NULL)
    y += _tm_draw_text (cr, context, style, coverage, TM_TEXT_WRAP, &style->muted,
                        pad, y, width - 2 * pad) + u * 0.2;
  y += pad;
  return y + u * 0.8;
}

/* A table of FTE: staffed today, freed, needed, after the scenario, and as
 * shifts a week where the unit gives a shift length. */
static double
draw_fte_table (cairo_t           *cr,
                PangoContext      *context,
                const TmDrawStyle *style,
                TmPortfolio       *portfolio,
                TmAnalysis        *analysis,
                GPtrArray         *shown,
                double             width,
                double             y)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  double u = _tm_draw_unit (style);
  gboolean shifts = analysis->shift_hours > 0;
  guint n_cols = shifts ? 6 : 5;
  const char *headers[6] = {
    /* Translators: a column of the FTE table in the capacity chart */
    _("Profession"),
    /* Translators: a column of the FTE table: the staffing today, in FTE */
    _("Staffed today"),
    /* Translators: a column of the FTE table: FTE a profession hands over */
    _("Freed"),
    /* Translators: a column of the FTE table: FTE a profession takes over */
    _("Needed"),
    /* Translators: a column of the FTE table: the staffing after the scenario */
    _("After"),
    /* Translators: a column of the FTE table: the change in shifts a week */
    _("Shifts a week"),
  };
  double label_w, col_w, row_h = ceil (u * 1.7);

  for (guint i = 0; i < shown->len; i++)
    {
      TmAnalysisProfession *p = g_ptr_array_index (shown, i);

      if (p->profession_id != NULL && (p->moved_out > 0.0001 || p->moved_in > 0.0001 || p->fte >= 0))
        g_ptr_array_add (rows, p);
    }
  if (rows->len == 0)
    return y;

  /* Translators: heading of a table in the capacity chart; FTE is årsværk (da) / årsverk (nb) */
  y += _tm_draw_text (cr, context, style, _("In FTE (full-time equivalents)"),
                      TM_TEXT_BOLD | TM_TEXT_SUBTITLE | TM_TEXT_WRAP, &style->foreground, 0, y, width);
  y += u * 0.4;

  label_w = ceil (MAX (u * 10, width * 0.34));
  col_w = floor ((width - label_w) / (n_cols - 1));

  if (cr != NULL)
    {
      cairo_rectangle (cr, 0, y, width, row_h);
      _tm_draw_set_color (cr, &style->header);
      cairo_fill (cr);
      _tm_draw_text (cr, context, style, headers[0], TM_TEXT_BOLD, &style->foreground,
                     u * 0.3, y + (row_h - u * 1.35) / 2, label_w - u * 0.6);
      for (guint c = 1; c < n_cols; c++)
        _tm_draw_text (cr, context, style, headers[c], TM_TEXT_BOLD | TM_TEXT_RIGHT, &style->foreground,
                       label_w + (c - 1) * col_w, y + (row_h - u * 1.35) / 2, col_w - u * 0.5);
    }
  y += row_h;

  for (guint i = 0; i < rows->len; i++)
    {
      TmAnalysisProfession *p = g_ptr_array_index (rows, i);
      double after = tm_analysis_profession_fte_after (p);
      double shift_delta = (p->moved_in - p->moved_out) / MAX (analysis->shift_hours, 1);
      g_autofree char *staffed = p->fte >= 0 ? tm_format_fte_value (p->fte) : g_strdup (_("not known"));
      g_autofree char *freed_n = tm_format_fte_value (p->fte_freed);
      g_autofree char *needed_n = tm_format_fte_value (p->fte_needed);
      g_autofree char *freed = p->fte_freed > 0.00001 ? g_strconcat ("−", freed_n, NULL) : g_strdup ("—");
      g_autofree char *needed = p->fte_needed > 0.00001 ? g_strconcat ("+", needed_n, NULL) : g_strdup ("—");
      g_autofree char *after_text = after >= 0 ? tm_format_fte_value (after) : g_strdup (_("not known"));
      g_autofree char *shift_n = tm_language_format_number (fabs (shift_delta), 1);
      g_autofree char *shift_text = fabs (shift_delta) < 0.05 ? g_strdup ("—")
                                  : g_strconcat (shift_delta < 0 ? "−" : "+", shift_n, NULL);
      const char *cells[6] = { _tm_draw_profession_name (portfolio, p->profession_id),
                               staffed, freed, needed, after_text, shift_text };

      if (cr != NULL)
        {
          _tm_draw_text (cr, context, style, cells[0], 0, &style->foreground,
                         u * 0.3, y + (row_h - u * 1.35) / 2, label_w - u * 0.6);
          for (guint c = 1; c < n_cols; c++)
            _tm_draw_text (cr, context, style, cells[c], TM_TEXT_RIGHT,
                           (c == 1 || c == 4) && p->fte < 0 ? &style->muted : &style->foreground,
                           label_w + (c - 1) * col_w, y + (row_h - u * 1.35) / 2, col_w - u * 0.5);
          _tm_draw_set_color (cr, &style->rule);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, 0, floor (y + row_h) + 0.5);
          cairo_line_to (cr, width, floor (y + row_h) + 0.5);
          cairo_stroke (cr);
        }
      y += row_h;
    }

  y += u * 0.5;
  {
    g_autofree char *standard = tm_language_format_number (tm_country_get_hours_per_fte (
                                                             tm_portfolio_get_country (portfolio)), 1);
    g_autofree char *note =
      /* Translators: under the FTE table; %s is the country's full-time week in hours */
      g_strdup_printf (_("Hours become FTE by each profession's weekly hours of one FTE, or the full-time "
                         "week of %s hours where none is given. Staffing is entered in the main menu "
                         "under Professions and Staffing."), standard);

    y += _tm_draw_text (cr, context, style, note, TM_TEXT_WRAP | TM_TEXT_SMALL, &style->muted, 0, y, width);
  }
  return y + u * 1.2;
}

static double
capacity_layout (cairo_t           *cr,
                 TmPortfolio       *portfolio,
                 TmAnalysis        *analysis,
                 const TmDrawStyle *style,
                 double             width)
{
  g_autoptr(TmPangoContext) context = _tm_draw_create_context ();
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  const char *scenario_name = _tm_draw_scenario_name (portfolio, analysis->scenario_id);
  g_autofree char *title = NULL;
  double u = _tm_draw_unit (style);
  double y = 0, label_w = 0, bars_x, bars_w, value_w, max_hours = 0;
  double bar_h = ceil (u * 1.1), row_gap = ceil (u * 0.8);
  double to_unskilled = 0, to_professions = 0, to_technology = 0;
  double hatch = MAX (4.0, u * 0.45);
  TmColor pale_unskilled = _tm_color_lighter (&style->to_unskilled, 0.55);
  TmColor pale_professions = _tm_color_lighter (&style->to_professions, 0.45);
  TmColor pale_technology = _tm_color_lighter (&style->to_technology, 0.6);
  TmColor line_unskilled = _tm_color_darker (&style->to_unskilled, 0.35);
  TmColor line_professions = _tm_color_darker (&style->to_professions, 0.45);
  TmColor line_technology = _tm_color_darker (&style->to_technology, 0.3);
  TmColor pale_today = _tm_color_lighter (&style->today, 0.75);
  TmColor pale_scenario = _tm_color_lighter (&style->scenario, 0.75);
  TmColor line_today = _tm_color_darker (&style->today, 0.25);
  TmColor line_scenario = _tm_color_darker (&style->scenario, 0.25);

  if (cr != NULL)
    {
      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    }

  /* Translators: title of the capacity chart; %s is the scenario's name */
  title = g_strdup_printf (_("Capacity: today and %s"), scenario_name);
  y += _tm_draw_title_block (cr, context, style, portfolio, title,
                             /* Translators: under the capacity chart's title */
                             _("Hours per week per profession"), width);

  for (guint i = 0; i < analysis->professions->len; i++)
    {
      TmAnalysisProfession *p = &g_array_index (analysis->professions, TmAnalysisProfession, i);

      to_unskilled += p->out_to_unskilled;
      to_professions += p->out_to_professions;
      to_technology += p->out_to_technology_or_stopped;

      if (!capacity_entry_shown (p))
        continue;
      g_ptr_array_add (shown, p);
      max_hours = MAX (max_hours, MAX (p->hours_today, p->hours_after));
      label_w = MAX (label_w, _tm_draw_text_width (context, style,
                                                   _tm_draw_profession_name (portfolio, p->profession_id), 0));
    }

  if (shown->len == 0)
    {
      /* Translators: the capacity chart without any estimated hours */
      y += _tm_draw_text (cr, context, style,
                          _("No hours to show yet: give the tasks a time (minutes and how often) "
                            "to see each profession's hours."),
                          TM_TEXT_WRAP, &style->muted, 0, y, width);
      y += u;
      {
        g_autofree char *note = format_not_estimated_note (analysis->n_not_estimated);

        if (note != NULL)
          y += _tm_draw_text (cr, context, style, note, TM_TEXT_WRAP, &style->muted, 0, y, width);
      }
      if (cr != NULL)
        cairo_restore (cr);
      return ceil (y + u);
    }

  /* The answer first: what the nurses hand over, in the manager's units. */
  y = draw_headline (cr, context, style, portfolio, analysis, width, y);

  label_w = ceil (MIN (label_w + u, MAX (width * 0.3, u * 8)));
  value_w = ceil (u * 6.5);
  bars_x = label_w + u * 0.5;
  bars_w = MAX (width - bars_x - value_w, u * 8);

  /* Legend */
  {
    LegendItem items[] = {
      /* Translators: legend of the capacity chart */
      { _("Today"), &style->today, NULL, TM_HATCH_NONE },
      { scenario_name, &style->scenario, NULL, TM_HATCH_NONE },
      /* Translators: legend of the capacity chart: hours a profession hands over */
      { _("Handed over"), &pale_today, &line_today, TM_HATCH_FORWARD },
      /* Translators: legend of the capacity chart: hours a profession takes over */
      { _("Taken over"), &pale_scenario, &line_scenario, TM_HATCH_FORWARD },
    };

    y += draw_swatch_legend (cr, context, style, items, G_N_ELEMENTS (items), 0, y, width);
    y += u * 0.6;
  }

  /* Bars: today and the scenario, per profession */
  {
    double step = nice_step (max_hours, 5);
    double axis_max = MAX (step, ceil (max_hours / step) * step);
    double scale = bars_w / axis_max;
    double top = y, bottom = y;

    for (guint i = 0; i < shown->len; i++)
      {
        TmAnalysisProfession *p = g_ptr_array_index (shown, i);
        const char *name = _tm_draw_profession_name (portfolio, p->profession_id);

        bottom += MAX (bar_h * 2 + 1, _tm_draw_text (NULL, context, style, name, TM_TEXT_WRAP, NULL,
                                                     0, 0, label_w - u * 0.5) + bar_h * 0.3) + row_gap;
      }
    bottom -= row_gap;

    /* The axis first, so bars and labels go over it */
    if (cr != NULL)
      {
        _tm_draw_set_color (cr, &style->rule);
        cairo_set_line_width (cr, 1);
        for (double v = step; v <= axis_max + step / 2; v += step)
          {
            double x = floor (bars_x + v * scale) + 0.5;

            cairo_move_to (cr, x, top - u * 0.3);
            cairo_line_to (cr, x, bottom + u * 0.3);
          }
        cairo_stroke (cr);
        for (double v = 0; v <= axis_max + step / 2; v += step)
          {
            g_autofree char *tick = tm_language_format_number (v, step < 1 ? 1 : 0);

            _tm_draw_text (cr, context, style, tick, TM_TEXT_SMALL | TM_TEXT_CENTER, &style->muted,
                           bars_x + v * scale - u * 2, bottom + u * 0.4, u * 4);
          }
        /* Translators: the unit under the capacity chart's axis */
        _tm_draw_text (cr, context, style, _("hours per week"), TM_TEXT_SMALL | TM_TEXT_RIGHT,
                       &style->muted, bars_x, bottom + u * 1.6, bars_w);
      }

    for (guint i = 0; i < shown->len; i++)
      {
        TmAnalysisProfession *p = g_ptr_array_index (shown, i);
        const char *name = _tm_draw_profession_name (portfolio, p->profession_id);
        double stays_today = MAX (p->hours_today - p->moved_out, 0);
        double stays_after = MAX (p->hours_after - p->moved_in, 0);

        if (cr != NULL)
          {
            g_autofree char *today = format_hours_unit (p->hours_today);
            g_autofree char *after = format_hours_unit (p->hours_after);
            double delta = p->hours_after - p->hours_today;
            g_autofree char *after_text = NULL;

            if (fabs (delta) >= 0.05)
              {
                g_autofree char *d = _tm_draw_format_hours (fabs (delta));

                /* Translators: hours after the scenario and the change, e.g. "31.5 h (−3.5)" */
                after_text = g_strdup_printf (delta < 0 ? _("%s (−%s)") : _("%s (+%s)"), after, d);
              }
            else
              after_text = g_strdup (after);

            _tm_draw_text (cr, context, style, name, TM_TEXT_WRAP, &style->foreground,
                           0, y + bar_h * 0.3, label_w - u * 0.5);

            draw_bar (cr, bars_x, y, stays_today * scale, p->moved_out * scale, bar_h, &style->today, hatch);
            _tm_draw_text (cr, context, style, today, TM_TEXT_SMALL | TM_TEXT_BACKDROP, &style->foreground,
                           bars_x + p->hours_today * scale + u * 0.4, y + (bar_h - u * 1.2) / 2, -1);

            draw_bar (cr, bars_x, y + bar_h + 1, stays_after * scale, p->moved_in * scale, bar_h,
                      &style->scenario, hatch);
            _tm_draw_text (cr, context, style, after_text, TM_TEXT_SMALL | TM_TEXT_BACKDROP,
                           &style->foreground, bars_x + p->hours_after * scale + u * 0.4,
                           y + bar_h + 1 + (bar_h - u * 1.2) / 2, -1);
          }
        y += MAX (bar_h * 2 + 1, _tm_draw_text (NULL, context, style, name, TM_TEXT_WRAP, NULL,
                                                0, 0, label_w - u * 0.5) + bar_h * 0.3) + row_gap;
      }

    /* The zero line over the bars' starts */
    if (cr != NULL)
      {
        _tm_draw_set_color (cr, &style->foreground);
        cairo_set_line_width (cr, 1);
        cairo_move_to (cr, floor (bars_x) + 0.5, top - u * 0.3);
        cairo_line_to (cr, floor (bars_x) + 0.5, bottom + u * 0.3);
        cairo_stroke (cr);
      }
    y = bottom + u * 3.4;
  }

  /* Shares handed over: of staffed working time, against the benchmark; of
   * the catalogued hours where no staffing is given, never against it. */
  {
    g_autoptr(GPtrArray) staffed = g_ptr_array_new ();
    g_autoptr(GPtrArray) catalogued = g_ptr_array_new ();
    double max_staffed = 0;
    LegendItem items[] = {
      /* Translators: legend of the capacity chart */
      { _("To unskilled staff"), &pale_unskilled, &line_unskilled, TM_HATCH_FORWARD },
      /* Translators: legend of the capacity chart */
      { _("To other professions"), &pale_professions, &line_professions, TM_HATCH_BACKWARD },
      /* Translators: legend of the capacity chart */
      { _("To technology or stopped"), &pale_technology, &line_technology, TM_HATCH_CROSS },
    };
    const TmColor *fills[3] = { &pale_unskilled, &pale_professions, &pale_technology };
    const TmColor *lines[3] = { &line_unskilled, &line_professions, &line_technology };

    for (guint i = 0; i < shown->len; i++)
      {
        TmAnalysisProfession *p = g_ptr_array_index (shown, i);

        if (p->hours_today <= 0.0001)
          continue;
        if (tm_analysis_profession_has_staffing (p))
          {
            g_ptr_array_add (staffed, p);
            max_staffed = MAX (max_staffed, tm_analysis_profession_moved_share (p));
          }
        else
          g_ptr_array_add (catalogued, p);
      }

    if (staffed->len > 0 || catalogued->len > 0)
      {
        y += draw_swatch_legend (cr, context, style, items, G_N_ELEMENTS (items), 0, y, width);
        y += u * 0.6;
      }

    if (staffed->len > 0)
      {
        double axis_max = MIN (1.0, MAX (0.3, ceil (max_staffed * 1.15 * 10) / 10));
        double scale = bars_w / axis_max;
        double top;

        /* Translators: heading in the capacity chart */
        y += _tm_draw_text (cr, context, style, _("Share of each profession's staffed working time handed over"),
                            TM_TEXT_BOLD | TM_TEXT_SUBTITLE | TM_TEXT_WRAP, &style->foreground, 0, y, width);
        y += u * 3.2;   /* room for the benchmark labels, one above the other */
        top = y;
        y = draw_share_rows (cr, context, style, portfolio, staffed, fills, lines, label_w, bars_x,
                             bars_w, axis_max, hatch, FALSE, y);

        /* Benchmark lines at 10 % and 20 % (10 % + 10 %), and the axis */
        if (cr != NULL)
          {
            const double dash[] = { u * 0.4, u * 0.25 };
            double marks[2] = { TM_BENCHMARK_TO_UNSKILLED, TM_BENCHMARK_TO_UNSKILLED + TM_BENCHMARK_TO_PROFESSIONS };
            const char *labels[2] = {
              /* Translators: the benchmark line at 10 % in the capacity chart */
              _("unskilled staff"),
              /* Translators: the benchmark line at 20 % in the capacity chart */
              _("+ other professions"),
            };

            for (guint k = 0; k < 2; k++)
              {
                double x = bars_x + marks[k] * scale;
                g_autofree char *pct = format_percent (marks[k], 0);
                g_autofree char *label = g_strdup_printf ("%s %s", pct, labels[k]);

                cairo_save (cr);
                _tm_draw_set_color (cr, &style->foreground);
                cairo_set_line_width (cr, MAX (1.5, u * 0.12));
                cairo_set_dash (cr, dash, 2, 0);
                cairo_move_to (cr, x, top - (k == 0 ? u * 2.9 : u * 1.5));
                cairo_line_to (cr, x, y);
                cairo_stroke (cr);
                cairo_restore (cr);

                _tm_draw_text (cr, context, style, label, TM_TEXT_SMALL | TM_TEXT_BOLD | TM_TEXT_BACKDROP,
                               &style->foreground, x + u * 0.3, top - (k == 0 ? u * 3.0 : u * 1.6), -1);
              }

            draw_percent_axis (cr, context, style, bars_x, scale, axis_max, y);
          }
        y += u * 1.6;

        y += _tm_draw_text (cr, context, style,
                            /* Translators: under the capacity chart; a figure from Danish studies
                             * of hospital wards: keep the numbers */
                            /* xgettext:no-c-format */
                            _("Benchmark for hospital wards: about 10 % of the nurses' staffed working time to "
                              "unskilled staff + 10 % to other professions. A benchmark, not a target."),
                            TM_TEXT_WRAP, &style->foreground, 0, y, width);
        y += u * 1.2;
      }

    if (catalogued->len > 0)
      {
        g_autoptr(GString) names = g_string_new (NULL);
        g_autofree char *note = NULL;

        for (guint i = 0; i < catalogued->len; i++)
          {
            TmAnalysisProfession *p = g_ptr_array_index (catalogued, i);

            if (p->profession_id == NULL)
              continue;
            if (names->len > 0)
              /* Translators: the separator between the items of a list, as in "Day, Night" */
              g_string_append (names, C_("list", ", "));
            g_string_append (names, _tm_draw_profession_name (portfolio, p->profession_id));
          }

        /* Translators: heading in the capacity chart, for professions whose staffing is not known */
        y += _tm_draw_text (cr, context, style, _("Share of the catalogued hours handed over (staffing not entered)"),
                            TM_TEXT_BOLD | TM_TEXT_SUBTITLE | TM_TEXT_WRAP, &style->foreground, 0, y, width);
        y += u * 0.6;
        y = draw_share_rows (cr, context, style, portfolio, catalogued, fills, lines, label_w, bars_x,
                             bars_w, 1.0, hatch, TRUE, y);
        if (cr != NULL)
          draw_percent_axis (cr, context, style, bars_x, bars_w, 1.0, y);
        y += u * 1.6;

        if (names->len > 0)
          /* Translators: %s is a list of professions */
          note = g_strdup_printf (_("These are shares of the tasks mapped, not of working time, and cannot be "
                                    "compared with the benchmark. Enter the staffing of %s (main menu → "
                                    "Professions and Staffing) to see the real share."), names->str);
        else
          note = g_strdup (_("These are shares of the tasks mapped, not of working time, and cannot be "
                             "compared with the benchmark."));
        y += _tm_draw_text (cr, context, style, note, TM_TEXT_WRAP, &style->muted, 0, y, width);
        y += u * 1.2;
      }
  }

  /* In FTE: staffed today, freed, needed and after, per profession */
  y = draw_fte_table (cr, context, style, portfolio, analysis, shown, width, y);

  /* The split of the moved hours */
  {
    g_autofree char *moved = _tm_draw_format_hours (analysis->moved_hours);
    g_autofree char *total = _tm_draw_format_hours (analysis->total_hours);
    g_autofree char *unskilled = _tm_draw_format_hours (to_unskilled);
    g_autofree char *professions = _tm_draw_format_hours (to_professions);
    g_autofree char *technology = _tm_draw_format_hours (to_technology);
    g_autofree char *line1 = NULL;
    g_autofree char *line2 = NULL;
    g_autofree char *note = format_not_estimated_note (analysis->n_not_estimated);

    /* Translators: in the capacity chart; moved hours of all hours, per week */
    line1 = g_strdup_printf (_("Moved in this scenario: %s of %s hours per week"), moved, total);
    /* Translators: in the capacity chart: the split of the moved hours per week */
    line2 = g_strdup_printf (_("To unskilled staff %s h · to other professions %s h · to technology or stopped %s h"),
                             unskilled, professions, technology);

    y += _tm_draw_text (cr, context, style, line1, TM_TEXT_BOLD | TM_TEXT_WRAP, &style->foreground, 0, y, width);
    y += u * 0.2;
    y += _tm_draw_text (cr, context, style, line2, TM_TEXT_WRAP, &style->foreground, 0, y, width);
    if (note != NULL)
      {
        y += u * 0.4;
        y += _tm_draw_text (cr, context, style, note, TM_TEXT_WRAP, &style->muted, 0, y, width);
      }
  }

  if (cr != NULL)
    cairo_restore (cr);

  return ceil (y + u);
}

/* Both charts lay out and draw in one function: measured with @cr NULL. */
typedef double (*ChartLayout) (cairo_t           *cr,
                               TmPortfolio       *portfolio,
                               TmAnalysis        *analysis,
                               const TmDrawStyle *style,
                               double             width);

static double
chart_get_height (ChartLayout        layout,
                  TmPortfolio       *portfolio,
                  TmAnalysis        *analysis,
                  const TmDrawStyle *style,
                  double             width)
{
  TmDrawStyle fallback;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), 0);
  g_return_val_if_fail (analysis != NULL, 0);

  return layout (NULL, portfolio, analysis, style ? style : default_style (&fallback), width);
}

static void
chart_draw (ChartLayout        layout,
            cairo_t           *cr,
            TmPortfolio       *portfolio,
            TmAnalysis        *analysis,
            const TmDrawStyle *style,
            double             width,
            double             height)
{
  TmDrawStyle fallback;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (TM_IS_PORTFOLIO (portfolio));
  g_return_if_fail (analysis != NULL);

  if (style == NULL)
    style = default_style (&fallback);

  cairo_save (cr);
  _tm_draw_set_color (cr, &style->background);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);

  layout (cr, portfolio, analysis, style, width);
}

double
tm_capacity_chart_get_height (TmPortfolio       *portfolio,
                             TmAnalysis        *analysis,
                             const TmDrawStyle *style,
                             double             width)
{
  return chart_get_height (capacity_layout, portfolio, analysis, style, width);
}

void
tm_capacity_chart_draw (cairo_t           *cr,
                       TmPortfolio       *portfolio,
                       TmAnalysis        *analysis,
                       const TmDrawStyle *style,
                       double             width,
                       double             height)
{
  chart_draw (capacity_layout, cr, portfolio, analysis, style, width, height);
}

/* ------------------------------------------------------------------------ */
/* Flow                                                                     */
/* ------------------------------------------------------------------------ */

typedef enum {
  DEST_PROFESSION,
  DEST_UNSKILLED,
  DEST_TECHNOLOGY,
  DEST_STOPPED,
} DestKind;

typedef struct {
  char     *key;       /* profession id, or "" for none / the kind */
  char     *label;
  DestKind  kind;
  double    hours;
  double    y;         /* top of the node */
  double    height;
  double    used;      /* of height, by the bands drawn so far */
} FlowNode;

/* A node's hours, and for a profession its FTE freed (left) or needed
 * (right): "114.9 h · 3.1 FTE". */
static char *
flow_node_figures (TmPortfolio *portfolio,
                   TmAnalysis  *analysis,
                   const void  *p,
                   gboolean     source);

static void
clear_flow_node (gpointer p)
{
  FlowNode *node = p;

  g_free (node->key);
  g_free (node->label);
}

static char *
flow_node_figures (TmPortfolio *portfolio,
                   TmAnalysis  *analysis,
                   const void  *p,
                   gboolean     source)
{
  const FlowNode *node = p;
  g_autofree char *hours = format_hours_unit (node->hours);
  const TmAnalysisProfession *entry = NULL;
  g_autofree char *fte = NULL;

  if (node->kind == DEST_PROFESSION || node->kind == DEST_UNSKILLED || source)
    entry = tm_analysis_get_profession (analysis, *node->key != '\0' ? node->key : NULL);
  if (entry == NULL || entry->profession_id == NULL)
    return g_steal_pointer (&hours);

  fte = tm_format_fte_value (source ? entry->fte_freed : entry->fte_needed);
  /* Translators: a node of the flow chart: hours a week and FTE, e.g. "114.9 h · 3.1 FTE" */
  return g_strdup_printf (_("%s · %s FTE"), hours, fte);
}

static guint
flow_node_index (GArray     *nodes,
                 const char *key,
                 DestKind    kind)
{
  for (guint i = 0; i < nodes->len; i++)
    {
      FlowNode *node = &g_array_index (nodes, FlowNode, i);

      if (node->kind == kind && g_strcmp0 (node->key, key) == 0)
        return i;
    }
  return G_MAXUINT;
}

static guint
flow_node_add (GArray     *nodes,
               const char *key,
               const char *label,
               DestKind    kind,
               double      hours)
{
  guint index = flow_node_index (nodes, key, kind);

  if (index == G_MAXUINT)
    {
      FlowNode node = { 0 };

      node.key = g_strdup (key);
      node.label = g_strdup (label);
      node.kind = kind;
      g_array_append_val (nodes, node);
      index = nodes->len - 1;
    }
  g_array_index (nodes, FlowNode, index).hours += hours;
  return index;
}

static int
compare_nodes (gconstpointer a,
               gconstpointer b)
{
  const FlowNode *na = a, *nb = b;

  /* Professions by hours; technology and stopped last */
  if ((na->kind >= DEST_TECHNOLOGY) != (nb->kind >= DEST_TECHNOLOGY))
    return na->kind >= DEST_TECHNOLOGY ? 1 : -1;
  if (na->kind >= DEST_TECHNOLOGY)
    return (int) na->kind - (int) nb->kind;
  return na->hours < nb->hours ? 1 : na->hours > nb->hours ? -1 : 0;
}

static DestKind
flow_dest_kind (TmPortfolio          *portfolio,
                const TmAnalysisFlow *flow)
{
  TmProfession *profession;

  if (flow->kind == TM_MOVE_STOP)
    return DEST_STOPPED;
  if (flow->kind == TM_MOVE_TECHNOLOGY)
    return DEST_TECHNOLOGY;
  profession = flow->to_id ? tm_portfolio_lookup_profession (portfolio, flow->to_id) : NULL;
  return profession != NULL && tm_profession_get_unskilled (profession) ? DEST_UNSKILLED : DEST_PROFESSION;
}

static const char *
flow_dest_label (TmPortfolio          *portfolio,
                 const TmAnalysisFlow *flow)
{
  if (flow->kind == TM_MOVE_STOP)
    /* Translators: a destination in the flow chart: the task is no longer done */
    return _("Stopped");
  if (flow->kind == TM_MOVE_TECHNOLOGY)
    /* Translators: a destination in the flow chart */
    return _("Technology");
  return _tm_draw_profession_name (portfolio, flow->to_id);
}

static void
flow_colors (const TmDrawStyle *style,
             DestKind           kind,
             TmColor           *fill,
             TmColor           *line,
             TmHatch           *hatch)
{
  switch (kind)
    {
    case DEST_UNSKILLED:
      *fill = _tm_color_lighter (&style->to_unskilled, 0.55);
      *line = _tm_color_darker (&style->to_unskilled, 0.35);
      *hatch = TM_HATCH_FORWARD;
      break;
    case DEST_PROFESSION:
      *fill = _tm_color_lighter (&style->to_professions, 0.45);
      *line = _tm_color_darker (&style->to_professions, 0.45);
      *hatch = TM_HATCH_BACKWARD;
      break;
    case DEST_TECHNOLOGY:
    case DEST_STOPPED:
    default:
      *fill = _tm_color_lighter (&style->to_technology, 0.6);
      *line = _tm_color_darker (&style->to_technology, 0.3);
      *hatch = TM_HATCH_CROSS;
      break;
    }
}

static double
flow_layout (cairo_t           *cr,
             TmPortfolio       *portfolio,
             TmAnalysis        *analysis,
             const TmDrawStyle *style,
             double             width)
{
  g_autoptr(TmPangoContext) context = _tm_draw_create_context ();
  g_autoptr(GArray) sources = g_array_new (FALSE, TRUE, sizeof (FlowNode));
  g_autoptr(GArray) dests = g_array_new (FALSE, TRUE, sizeof (FlowNode));
  const char *scenario_name = _tm_draw_scenario_name (portfolio, analysis->scenario_id);
  g_autofree char *title = NULL;
  double u = _tm_draw_unit (style);
  double y = 0, total = 0, gap = ceil (u * 1.0), node_w = ceil (u * 0.8);
  double label_left = 0, label_right = 0, plot_h, scale, left_x, right_x, min_node;
  guint n_flows = 0;

  g_array_set_clear_func (sources, clear_flow_node);
  g_array_set_clear_func (dests, clear_flow_node);

  if (cr != NULL)
    cairo_save (cr);

  /* Translators: title of the flow chart; %s is the scenario's name */
  title = g_strdup_printf (_("Where the moved hours go: %s"), scenario_name);
  y += _tm_draw_title_block (cr, context, style, portfolio, title,
                             /* Translators: under the flow chart's title */
                             _("From the profession that hands a task over to the one that takes it "
                               "over, in hours per week"), width);

  for (guint i = 0; i < analysis->flows->len; i++)
    {
      TmAnalysisFlow *flow = &g_array_index (analysis->flows, TmAnalysisFlow, i);

      if (flow->hours <= 0.0001)
        continue;
      n_flows++;
      total += flow->hours;
      flow_node_add (sources, flow->from_id ? flow->from_id : "",
                     _tm_draw_profession_name (portfolio, flow->from_id), DEST_PROFESSION, flow->hours);
      flow_node_add (dests, flow->to_id ? flow->to_id : "", flow_dest_label (portfolio, flow),
                     flow_dest_kind (portfolio, flow), flow->hours);
    }

  if (n_flows == 0)
    {
      y += _tm_draw_text (cr, context, style,
                          /* Translators: the flow chart when nothing moves */
                          _("Nothing moves in this scenario yet, or the tasks that move have no time "
                            "estimated."), TM_TEXT_WRAP, &style->muted, 0, y, width);
      if (cr != NULL)
        cairo_restore (cr);
      return ceil (y + u);
    }

  g_array_sort (sources, compare_nodes);
  g_array_sort (dests, compare_nodes);

  /* Labels: the name, and the hours on a second line */
  for (guint side = 0; side < 2; side++)
    {
      GArray *nodes = side == 0 ? sources : dests;
      double *w = side == 0 ? &label_left : &label_right;

      for (guint i = 0; i < nodes->len; i++)
        {
          FlowNode *node = &g_array_index (nodes, FlowNode, i);

          *w = MAX (*w, _tm_draw_text_width (context, style, node->label, TM_TEXT_BOLD));
        }
      *w = ceil (MIN (*w + u, width * 0.27));
    }

  left_x = label_left;
  right_x = width - label_right - node_w;

  /* Band widths by hours; each node gets a slot at least as tall as its
   * label (name and hours), with the node centred in it */
  min_node = u * 3.2;
  plot_h = MAX (u * 18, MAX (sources->len, dests->len) * (min_node + gap));
  scale = G_MAXDOUBLE;
  for (guint side = 0; side < 2; side++)
    {
      GArray *nodes = side == 0 ? sources : dests;

      scale = MIN (scale, (plot_h - (nodes->len - 1) * gap) / total);
    }

  {
    double side_h[2] = { 0, 0 };

    for (guint side = 0; side < 2; side++)
      {
        GArray *nodes = side == 0 ? sources : dests;
        double lw = (side == 0 ? label_left : label_right) - u * 0.5;

        for (guint i = 0; i < nodes->len; i++)
          {
            FlowNode *node = &g_array_index (nodes, FlowNode, i);
            double label_h = _tm_draw_text (NULL, context, style, node->label, TM_TEXT_BOLD | TM_TEXT_WRAP,
                                            NULL, 0, 0, lw) + u * 1.3;

            node->height = node->hours * scale;
            /* node->used holds the slot's height until the bands are drawn */
            node->used = MAX (node->height, label_h);
            side_h[side] += node->used + (i > 0 ? gap : 0);
          }
      }
    plot_h = MAX (side_h[0], side_h[1]);

    for (guint side = 0; side < 2; side++)
      {
        GArray *nodes = side == 0 ? sources : dests;
        double ny = y + u * 1.5 + (plot_h - side_h[side]) / 2;

        for (guint i = 0; i < nodes->len; i++)
          {
            FlowNode *node = &g_array_index (nodes, FlowNode, i);

            node->y = ny + (node->used - node->height) / 2;
            ny += node->used + gap;
            node->used = 0;
          }
      }
  }

  if (cr != NULL)
    {
      /* Column headings */
      /* Translators: heading of the flow chart's left column */
      _tm_draw_text (cr, context, style, _("Hands over"), TM_TEXT_BOLD | TM_TEXT_SMALL, &style->muted,
                     0, y, label_left + node_w);
      /* Translators: heading of the flow chart's right column */
      _tm_draw_text (cr, context, style, _("Takes over"), TM_TEXT_BOLD | TM_TEXT_SMALL | TM_TEXT_RIGHT,
                     &style->muted, right_x, y, width - right_x);

      /* Bands: in source order, and within a source in destination order, so
       * they do not cross more than they must */
      for (guint s = 0; s < sources->len; s++)
        for (guint d = 0; d < dests->len; d++)
          for (guint f = 0; f < analysis->flows->len; f++)
            {
              TmAnalysisFlow *flow = &g_array_index (analysis->flows, TmAnalysisFlow, f);
              FlowNode *src = &g_array_index (sources, FlowNode, s);
              FlowNode *dst = &g_array_index (dests, FlowNode, d);
              DestKind kind = flow_dest_kind (portfolio, flow);
              double h, y0, y1, x0, x1, mid;
              TmColor fill, line;
              TmHatch hatch;

              if (flow->hours <= 0.0001
                  || g_strcmp0 (src->key, flow->from_id ? flow->from_id : "") != 0
                  || g_strcmp0 (dst->key, flow->to_id ? flow->to_id : "") != 0
                  || dst->kind != kind)
                continue;

              h = flow->hours * scale;
              y0 = src->y + src->used;
              y1 = dst->y + dst->used;
              src->used += h;
              dst->used += h;
              x0 = left_x + node_w;
              x1 = right_x;
              mid = (x0 + x1) / 2;

              cairo_move_to (cr, x0, y0);
              cairo_curve_to (cr, mid, y0, mid, y1, x1, y1);
              cairo_line_to (cr, x1, y1 + h);
              cairo_curve_to (cr, mid, y1 + h, mid, y0 + h, x0, y0 + h);
              cairo_close_path (cr);

              flow_colors (style, kind, &fill, &line, &hatch);
              _tm_draw_fill_hatched (cr, &fill, &line, hatch, MAX (4.0, u * 0.5));
              _tm_draw_set_color (cr, &line);
              cairo_set_line_width (cr, 1);
              cairo_stroke (cr);
            }

      /* Band labels: hours at the middle, on a background so they read
       * over the hatching */
      for (guint d = 0; d < dests->len; d++)
        g_array_index (dests, FlowNode, d).used = 0;
      for (guint s = 0; s < sources->len; s++)
        g_array_index (sources, FlowNode, s).used = 0;
      for (guint s = 0; s < sources->len; s++)
        for (guint d = 0; d < dests->len; d++)
          for (guint f = 0; f < analysis->flows->len; f++)
            {
              TmAnalysisFlow *flow = &g_array_index (analysis->flows, TmAnalysisFlow, f);
              FlowNode *src = &g_array_index (sources, FlowNode, s);
              FlowNode *dst = &g_array_index (dests, FlowNode, d);
              double h, y0, y1, cy, lx;
              g_autofree char *text = NULL;
              g_autoptr(PangoLayout) layout = NULL;
              double tw, th;

              if (flow->hours <= 0.0001
                  || g_strcmp0 (src->key, flow->from_id ? flow->from_id : "") != 0
                  || g_strcmp0 (dst->key, flow->to_id ? flow->to_id : "") != 0
                  || dst->kind != flow_dest_kind (portfolio, flow))
                continue;

              h = flow->hours * scale;
              y0 = src->y + src->used;
              y1 = dst->y + dst->used;
              src->used += h;
              dst->used += h;

              text = format_hours_unit (flow->hours);
              layout = _tm_draw_layout_new (context, style, text, TM_TEXT_SMALL, -1);
              _tm_draw_layout_get_size (layout, &tw, &th);
              if (h < th * 0.8)
                continue;   /* too thin to label; the nodes give the hours */

              /* A point a fifth of the way along the ribbon's middle line */
              {
                double t = 0.2, a = (1 - t) * (1 - t) * (1 + 2 * t), b = t * t * (3 - 2 * t);
                double x0 = left_x + node_w, x1 = right_x, mid = (x0 + x1) / 2;

                lx = x0 * (1 - t) * (1 - t) * (1 - t) + 3 * mid * (1 - t) * (1 - t) * t
                     + 3 * mid * (1 - t) * t * t + x1 * t * t * t;
                cy = (y0 + h / 2) * a + (y1 + h / 2) * b;
              }

              cairo_rectangle (cr, lx - tw / 2 - u * 0.2, cy - th / 2, tw + u * 0.4, th);
              _tm_draw_set_color_alpha (cr, &style->background, 0.85);
              cairo_fill (cr);
              _tm_draw_show_layout (cr, layout, NULL, &style->foreground, lx - tw / 2, cy - th / 2);
            }

      /* Nodes and their labels */
      for (guint side = 0; side < 2; side++)
        {
          GArray *nodes = side == 0 ? sources : dests;
          double x = side == 0 ? left_x : right_x;

          for (guint i = 0; i < nodes->len; i++)
            {
              FlowNode *node = &g_array_index (nodes, FlowNode, i);
              g_autofree char *hours = flow_node_figures (portfolio, analysis, node, side == 0);
              double lx = side == 0 ? 0 : right_x + node_w + u * 0.5;
              double lw = side == 0 ? label_left - u * 0.5 : label_right - u * 0.5;
              guint flags = side == 0 ? TM_TEXT_RIGHT : 0;
              double cy = node->y + node->height / 2;
              double h1, h2;

              cairo_rectangle (cr, x, node->y, node_w, MAX (node->height, 1));
              _tm_draw_set_color (cr, &style->foreground);
              cairo_fill (cr);

              h1 = _tm_draw_text (NULL, context, style, node->label, TM_TEXT_BOLD | TM_TEXT_WRAP | flags,
                                  NULL, 0, 0, lw);
              h2 = _tm_draw_text (NULL, context, style, hours, flags, NULL, 0, 0, lw);
              _tm_draw_text (cr, context, style, node->label, TM_TEXT_BOLD | TM_TEXT_WRAP | flags,
                             &style->foreground, lx, cy - (h1 + h2) / 2, lw);
              _tm_draw_text (cr, context, style, hours, flags, &style->foreground, lx, cy - (h1 + h2) / 2 + h1, lw);
            }
        }
    }

  y += u * 1.5 + plot_h + u * 1.0;

  /* Legend and notes */
  {
    TmColor fills[3], lines[3];
    TmHatch hatches[3];
    LegendItem items[3];
    g_autofree char *total_text = NULL;
    g_autofree char *total_hours = _tm_draw_format_hours (total);
    g_autofree char *note = format_not_estimated_note (analysis->n_not_estimated);

    flow_colors (style, DEST_UNSKILLED, &fills[0], &lines[0], &hatches[0]);
    flow_colors (style, DEST_PROFESSION, &fills[1], &lines[1], &hatches[1]);
    flow_colors (style, DEST_TECHNOLOGY, &fills[2], &lines[2], &hatches[2]);
    items[0] = (LegendItem) { _("To unskilled staff"), &fills[0], &lines[0], hatches[0] };
    items[1] = (LegendItem) { _("To other professions"), &fills[1], &lines[1], hatches[1] };
    items[2] = (LegendItem) { _("To technology or stopped"), &fills[2], &lines[2], hatches[2] };
    y += draw_swatch_legend (cr, context, style, items, 3, 0, y, width);
    y += u * 0.4;

    /* Translators: under the flow chart: total hours per week that move */
    total_text = g_strdup_printf (_("In all %s hours per week move."), total_hours);
    y += _tm_draw_text (cr, context, style, total_text, TM_TEXT_WRAP, &style->foreground, 0, y, width);
    if (note != NULL)
      {
        y += u * 0.3;
        y += _tm_draw_text (cr, context, style, note, TM_TEXT_WRAP, &style->muted, 0, y, width);
      }
  }

  if (cr != NULL)
    cairo_restore (cr);

  return ceil (y + u);
}

double
tm_flow_chart_get_height (TmPortfolio       *portfolio,
                         TmAnalysis        *analysis,
                         const TmDrawStyle *style,
                         double             width)
{
  return chart_get_height (flow_layout, portfolio, analysis, style, width);
}

void
tm_flow_chart_draw (cairo_t           *cr,
                   TmPortfolio       *portfolio,
                   TmAnalysis        *analysis,
                   const TmDrawStyle *style,
                   double             width,
                   double             height)
{
  chart_draw (flow_layout, cr, portfolio, analysis, style, width, height);
}
