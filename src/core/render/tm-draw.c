/* tm-draw.c
 * Styles, the text recorder and the helpers the views share.
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
#include "model/tm-language.h"

/* Style */

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* The Okabe–Ito palette, safe for the common forms of colour blindness. */
static const TmColor okabe_orange      = RGB (0xE69F00);
static const TmColor okabe_sky_blue    = RGB (0x56B4E9);
static const TmColor okabe_green       = RGB (0x009E73);
static const TmColor okabe_yellow      = RGB (0xF0E442);
static const TmColor okabe_blue        = RGB (0x0072B2);
static const TmColor okabe_vermillion  = RGB (0xD55E00);
static const TmColor okabe_purple      = RGB (0xCC79A7);
static const TmColor white             = RGB (0xFFFFFF);

void
tm_draw_style_init (TmDrawStyle *style,
                    double       font_scale,
                    gboolean     high_contrast)
{
  static const TmColor *hues[TM_N_SUITABILITIES] = {
    [TM_SUITABILITY_NOT_ASSESSED] = &white,
    [TM_SUITABILITY_CAN_TAKE_OVER] = &okabe_green,
    [TM_SUITABILITY_AFTER_TRAINING] = &okabe_sky_blue,
    [TM_SUITABILITY_DELEGATION_SPECIFIC] = &okabe_yellow,
    [TM_SUITABILITY_DELEGATION_FRAMEWORK] = &okabe_orange,
    [TM_SUITABILITY_SHARED] = &okabe_purple,
    [TM_SUITABILITY_NOT_APPROPRIATE] = &okabe_vermillion,
  };
  double tint = high_contrast ? 0.6 : 0.38;

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->font_scale = font_scale > 0 ? font_scale : 1.0;
  style->high_contrast = high_contrast;
  style->show_title = TRUE;
  style->background = (TmColor) RGB (0xFFFFFF);

  if (high_contrast)
    {
      style->foreground = (TmColor) RGB (0x000000);
      style->muted = (TmColor) RGB (0x333333);
      style->rule = (TmColor) RGB (0x000000);
      style->header = (TmColor) RGB (0xE0E0E0);
    }
  else
    {
      style->foreground = (TmColor) RGB (0x1E1E1E);
      style->muted = (TmColor) RGB (0x5C5C5C);
      style->rule = (TmColor) RGB (0xBDBDBD);
      style->header = (TmColor) RGB (0xF0F0F0);
    }
  style->accent = okabe_blue;

  for (guint i = 0; i < TM_N_SUITABILITIES; i++)
    style->suitability[i] = _tm_color_mix (&white, hues[i], i == TM_SUITABILITY_NOT_ASSESSED ? 0 : tint);

  style->today = okabe_blue;
  style->scenario = okabe_orange;
  style->to_unskilled = okabe_green;
  style->to_professions = okabe_sky_blue;
  style->to_technology = okabe_vermillion;
}

double
tm_draw_style_get_font_size (const TmDrawStyle *style)
{
  g_return_val_if_fail (style != NULL, 0);

  return _tm_draw_unit (style);
}

double
_tm_draw_unit (const TmDrawStyle *style)
{
  return 10.0 * 96.0 / 72.0 * (style->font_scale > 0 ? style->font_scale : 1.0);
}

/* Recorder */

typedef struct {
  char   *text;
  double  x;
  double  y;
} RecordedText;

struct _TmDrawRecorder {
  GArray *texts;   /* of RecordedText */
};

static const cairo_user_data_key_t recorder_key;

static void
clear_recorded_text (gpointer p)
{
  RecordedText *t = p;

  g_free (t->text);
}

TmDrawRecorder *
tm_draw_recorder_new (void)
{
  TmDrawRecorder *recorder = g_new0 (TmDrawRecorder, 1);

  recorder->texts = g_array_new (FALSE, TRUE, sizeof (RecordedText));
  g_array_set_clear_func (recorder->texts, clear_recorded_text);
  return recorder;
}

void
tm_draw_recorder_free (TmDrawRecorder *recorder)
{
  if (recorder == NULL)
    return;

  g_array_unref (recorder->texts);
  g_free (recorder);
}

void
tm_draw_recorder_attach (TmDrawRecorder *recorder,
                         cairo_t        *cr)
{
  g_return_if_fail (recorder != NULL);
  g_return_if_fail (cr != NULL);

  cairo_set_user_data (cr, &recorder_key, recorder, NULL);
}

void
tm_draw_recorder_clear (TmDrawRecorder *recorder)
{
  g_return_if_fail (recorder != NULL);

  g_array_set_size (recorder->texts, 0);
}

guint
tm_draw_recorder_get_n_texts (TmDrawRecorder *recorder)
{
  g_return_val_if_fail (recorder != NULL, 0);

  return recorder->texts->len;
}

const char *
tm_draw_recorder_get_text (TmDrawRecorder *recorder,
                           guint           index,
                           double         *x,
                           double         *y)
{
  RecordedText *t;

  g_return_val_if_fail (recorder != NULL, NULL);
  g_return_val_if_fail (index < recorder->texts->len, NULL);

  t = &g_array_index (recorder->texts, RecordedText, index);
  if (x != NULL)
    *x = t->x;
  if (y != NULL)
    *y = t->y;
  return t->text;
}

gboolean
tm_draw_recorder_has_text (TmDrawRecorder *recorder,
                           const char     *text)
{
  g_return_val_if_fail (recorder != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < recorder->texts->len; i++)
    if (g_strcmp0 (g_array_index (recorder->texts, RecordedText, i).text, text) == 0)
      return TRUE;
  return FALSE;
}

gboolean
tm_draw_recorder_contains (TmDrawRecorder *recorder,
                           const char     *needle)
{
  g_return_val_if_fail (recorder != NULL, FALSE);
  g_return_val_if_fail (needle != NULL, FALSE);

  for (guint i = 0; i < recorder->texts->len; i++)
    if (strstr (g_array_index (recorder->texts, RecordedText, i).text, needle) != NULL)
      return TRUE;
  return FALSE;
}

char *
tm_draw_recorder_dup_all (TmDrawRecorder *recorder)
{
  GString *s;

  g_return_val_if_fail (recorder != NULL, NULL);

  s = g_string_new (NULL);
  for (guint i = 0; i < recorder->texts->len; i++)
    {
      g_string_append (s, g_array_index (recorder->texts, RecordedText, i).text);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static void
record_text (cairo_t    *cr,
             const char *text,
             double      x,
             double      y)
{
  TmDrawRecorder *recorder = cairo_get_user_data (cr, &recorder_key);
  RecordedText t;

  if (recorder == NULL || text == NULL)
    return;

  cairo_user_to_device (cr, &x, &y);
  t.text = g_strdup (text);
  t.x = x;
  t.y = y;
  g_array_append_val (recorder->texts, t);
}

/* Colours */

void
_tm_draw_set_color (cairo_t       *cr,
                    const TmColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

void
_tm_draw_set_color_alpha (cairo_t       *cr,
                          const TmColor *color,
                          double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, alpha);
}

TmColor
_tm_color_mix (const TmColor *a,
               const TmColor *b,
               double         t)
{
  TmColor c;

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  return c;
}

TmColor
_tm_color_darker (const TmColor *color,
                  double         t)
{
  static const TmColor black = { 0, 0, 0 };

  return _tm_color_mix (color, &black, t);
}

TmColor
_tm_color_lighter (const TmColor *color,
                   double         t)
{
  return _tm_color_mix (color, &white, t);
}

double
_tm_color_luminance (const TmColor *color)
{
  return 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;
}

void
_tm_draw_fill_hatched (cairo_t       *cr,
                       const TmColor *fill,
                       const TmColor *lines,
                       TmHatch        hatch,
                       double         spacing)
{
  cairo_path_t *path = cairo_copy_path (cr);
  double x1, y1, x2, y2;

  cairo_save (cr);
  if (fill != NULL)
    {
      _tm_draw_set_color (cr, fill);
      cairo_fill_preserve (cr);
    }

  if (hatch != TM_HATCH_NONE && lines != NULL && spacing > 0)
    {
      double size;

      cairo_fill_extents (cr, &x1, &y1, &x2, &y2);
      cairo_clip (cr);
      size = (x2 - x1) + (y2 - y1);

      _tm_draw_set_color (cr, lines);
      cairo_set_line_width (cr, MAX (1.0, spacing / 6.0));

      /* Lines on a grid anchored at 0 so neighbouring shapes line up. */
      if (hatch == TM_HATCH_FORWARD || hatch == TM_HATCH_CROSS)
        for (double d = floor ((x1 + y1) / spacing) * spacing; d <= x2 + y2 + spacing; d += spacing)
          {
            /* x + y = d */
            cairo_move_to (cr, d - y1, y1);
            cairo_line_to (cr, d - y1 - size, y1 + size);
          }
      if (hatch == TM_HATCH_BACKWARD || hatch == TM_HATCH_CROSS)
        for (double d = floor ((x1 - y2) / spacing) * spacing; d <= x2 - y1 + spacing; d += spacing)
          {
            /* x - y = d */
            cairo_move_to (cr, d + y1, y1);
            cairo_line_to (cr, d + y1 + size, y1 + size);
          }
      if (hatch == TM_HATCH_HORIZONTAL)
        for (double y = floor (y1 / spacing) * spacing; y <= y2; y += spacing)
          {
            cairo_move_to (cr, x1, y);
            cairo_line_to (cr, x2, y);
          }
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  cairo_new_path (cr);
  cairo_append_path (cr, path);
  cairo_path_destroy (path);
}

void
_tm_draw_swatch (cairo_t           *cr,
                 const TmDrawStyle *style,
                 double             x,
                 double             y,
                 double             size,
                 const TmColor     *fill,
                 const TmColor     *lines,
                 TmHatch            hatch)
{
  cairo_rectangle (cr, x, y, size, size);
  _tm_draw_fill_hatched (cr, fill, lines, hatch, MAX (3.0, size / 3.5));
  _tm_draw_set_color (cr, &style->foreground);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* Text */

PangoContext *
_tm_draw_create_context (void)
{
  PangoContext *context;
  cairo_font_options_t *options;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 96.0);

  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  return context;
}

PangoLayout *
_tm_draw_layout_new (PangoContext      *context,
                     const TmDrawStyle *style,
                     const char        *text,
                     guint              flags,
                     double             width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  double points = 10.0 * style->font_scale;

  if (flags & TM_TEXT_TITLE)
    points *= 1.5;
  else if (flags & TM_TEXT_SUBTITLE)
    points *= 1.1;
  else if (flags & TM_TEXT_SYMBOL)
    points *= 1.1;
  else if (flags & TM_TEXT_SMALL)
    points *= 0.85;

  if (flags & (TM_TEXT_BOLD | TM_TEXT_TITLE | TM_TEXT_SYMBOL))
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);

  pango_font_description_set_size (font, (int) (points * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      if (flags & TM_TEXT_WRAP)
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      else
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  if (flags & TM_TEXT_CENTER)
    pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  else if (flags & TM_TEXT_RIGHT)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);

  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

void
_tm_draw_layout_get_size (PangoLayout *layout,
                          double      *width,
                          double      *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

void
_tm_draw_show_layout (cairo_t       *cr,
                      PangoLayout   *layout,
                      const char    *text,
                      const TmColor *color,
                      double         x,
                      double         y)
{
  record_text (cr, text != NULL ? text : pango_layout_get_text (layout), x, y);

  if (color != NULL)
    _tm_draw_set_color (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

double
_tm_draw_text (cairo_t           *cr,
               PangoContext      *context,
               const TmDrawStyle *style,
               const char        *text,
               guint              flags,
               const TmColor     *color,
               double             x,
               double             y,
               double             width)
{
  g_autoptr(PangoLayout) layout = _tm_draw_layout_new (context, style, text, flags, width);
  double height;

  _tm_draw_layout_get_size (layout, NULL, &height);
  if (cr != NULL && (flags & TM_TEXT_BACKDROP))
    {
      PangoRectangle ink, logical;

      pango_layout_get_pixel_extents (layout, &ink, &logical);
      cairo_rectangle (cr, x + logical.x - 2, y + logical.y, logical.width + 4, logical.height);
      _tm_draw_set_color_alpha (cr, &style->background, 0.9);
      cairo_fill (cr);
    }
  if (cr != NULL)
    _tm_draw_show_layout (cr, layout, text, color ? color : &style->foreground, x, y);
  return height;
}

double
_tm_draw_text_width (PangoContext      *context,
                     const TmDrawStyle *style,
                     const char        *text,
                     guint              flags)
{
  g_autoptr(PangoLayout) layout = _tm_draw_layout_new (context, style, text, flags, -1);
  double width;

  _tm_draw_layout_get_size (layout, &width, NULL);
  return width;
}

double
_tm_draw_title_block (cairo_t           *cr,
                      PangoContext      *context,
                      const TmDrawStyle *style,
                      TmPortfolio       *portfolio,
                      const char        *title,
                      const char        *note,
                      double             width)
{
  double unit = _tm_draw_unit (style);
  const char *unit_name = tm_portfolio_get_unit_name (portfolio);
  const char *organisation = tm_portfolio_get_organisation (portfolio);
  g_autofree char *subtitle = NULL;
  double y = 0;

  if (!style->show_title)
    return 0;

  if (unit_name == NULL || *unit_name == '\0')
    /* Translators: shown where a view names the unit, when it has no name */
    unit_name = _("Unnamed unit");

  if (organisation != NULL && *organisation != '\0')
    /* Translators: the unit's name, then its organisation, under a view's title */
    subtitle = g_strdup_printf (_("%s — %s"), unit_name, organisation);
  else
    subtitle = g_strdup (unit_name);

  y += _tm_draw_text (cr, context, style, title, TM_TEXT_TITLE | TM_TEXT_WRAP,
                      &style->foreground, 0, y, width);
  y += unit * 0.2;
  y += _tm_draw_text (cr, context, style, subtitle, TM_TEXT_SUBTITLE | TM_TEXT_WRAP,
                      &style->foreground, 0, y, width);
  if (note != NULL)
    {
      y += unit * 0.2;
      y += _tm_draw_text (cr, context, style, note, TM_TEXT_WRAP, &style->muted, 0, y, width);
    }
  return y + unit * 1.0;
}

/* Words */

char *
_tm_draw_format_hours (double hours)
{
  return tm_language_format_number (hours, 1);
}

const char *
_tm_draw_profession_name (TmPortfolio *portfolio,
                          const char  *profession_id)
{
  TmProfession *profession;

  if (profession_id == NULL)
    return _("No performer recorded");

  profession = tm_portfolio_lookup_profession (portfolio, profession_id);
  if (profession == NULL)
    return profession_id;

  return tm_profession_get_display_name (profession);
}

const char *
_tm_draw_scenario_name (TmPortfolio *portfolio,
                        const char  *scenario_id)
{
  TmScenario *scenario = scenario_id ? tm_portfolio_lookup_scenario (portfolio, scenario_id) : NULL;

  if (scenario == NULL)
    /* Translators: the name of a scenario that was deleted or is missing */
    return _("Scenario");

  return tm_scenario_get_name (scenario);
}

cairo_status_t
_tm_cairo_write_cb (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  TmCairoWriter *writer = closure;

  if (writer->error == NULL)
    g_output_stream_write_all (writer->stream, data, length, NULL, NULL, &writer->error);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
_tm_cairo_writer_finish (TmCairoWriter    *writer,
                         cairo_surface_t  *surface,
                         cairo_status_t    status,
                         char            **cairo_error,
                         GError          **io_error)
{
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (writer->error != NULL)
    {
      g_propagate_error (io_error, g_steal_pointer (&writer->error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      *cairo_error = g_strdup (cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
