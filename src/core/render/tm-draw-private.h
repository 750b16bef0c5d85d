/* tm-draw-private.h
 * Helpers shared by the drawing code of the views (not installed, not API).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "render/tm-draw.h"
#include "model/tm-language.h"

G_BEGIN_DECLS

/* Pango 1.50 has no autoptr for PangoContext; an alias cannot clash with a
 * later one. */
typedef PangoContext TmPangoContext;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmPangoContext, g_object_unref)

/* Symbols of the outcome column; not translated, the legend explains them. */
#define TM_DRAW_SYMBOL_STOP       "⊘"
#define TM_DRAW_SYMBOL_TECHNOLOGY "⚙"

typedef enum {
  TM_HATCH_NONE,
  TM_HATCH_FORWARD,     /* //// */
  TM_HATCH_BACKWARD,    /* \\\\ */
  TM_HATCH_CROSS,       /* xxxx */
  TM_HATCH_HORIZONTAL,  /* ==== */
} TmHatch;

typedef enum {
  TM_TEXT_BOLD      = 1 << 0,
  TM_TEXT_SMALL     = 1 << 1,   /* 0.85 × body */
  TM_TEXT_TITLE     = 1 << 2,   /* 1.5 × body, bold */
  TM_TEXT_SUBTITLE  = 1 << 3,   /* 1.1 × body */
  TM_TEXT_CENTER    = 1 << 4,
  TM_TEXT_RIGHT     = 1 << 5,
  TM_TEXT_WRAP      = 1 << 6,   /* wrap at the width instead of ellipsizing */
  TM_TEXT_SYMBOL    = 1 << 7,   /* 1.1 × body, bold */
  TM_TEXT_BACKDROP  = 1 << 8,   /* on a patch of background, over rules */
} TmTextFlags;

/* A context with fixed metrics (96 dpi, no hinting), so measuring and drawing
 * agree on every surface. */
PangoContext *_tm_draw_create_context   (void);
/* @width <= 0: unlimited. */
PangoLayout  *_tm_draw_layout_new       (PangoContext      *context,
                                         const TmDrawStyle *style,
                                         const char        *text,
                                         guint              flags,
                                         double             width);
void          _tm_draw_layout_get_size  (PangoLayout       *layout,
                                         double            *width,
                                         double            *height);
/* Shows @layout with its top-left at (@x, @y) in @color, and records @text
 * (NULL: the layout's text) with a recorder attached to @cr. */
void          _tm_draw_show_layout      (cairo_t           *cr,
                                         PangoLayout       *layout,
                                         const char        *text,
                                         const TmColor     *color,
                                         double             x,
                                         double             y);
/* Lays out, draws (when @cr is not NULL) and returns the height. */
double        _tm_draw_text             (cairo_t           *cr,
                                         PangoContext      *context,
                                         const TmDrawStyle *style,
                                         const char        *text,
                                         guint              flags,
                                         const TmColor     *color,
                                         double             x,
                                         double             y,
                                         double             width);
double        _tm_draw_text_width       (PangoContext      *context,
                                         const TmDrawStyle *style,
                                         const char        *text,
                                         guint              flags);
/* Title, subtitle (the unit name) and an optional note line, at (0, 0);
 * returns the height including the space after it. @cr NULL measures. */
double        _tm_draw_title_block      (cairo_t           *cr,
                                         PangoContext      *context,
                                         const TmDrawStyle *style,
                                         TmPortfolio       *portfolio,
                                         const char        *title,
                                         const char        *note,
                                         double             width);

void          _tm_draw_set_color        (cairo_t           *cr,
                                         const TmColor     *color);
void          _tm_draw_set_color_alpha  (cairo_t           *cr,
                                         const TmColor     *color,
                                         double             alpha);
TmColor       _tm_color_mix             (const TmColor     *a,
                                         const TmColor     *b,
                                         double             t);
/* @color mixed with black or white by @t (0: as it is, 1: black or white). */
TmColor       _tm_color_darker          (const TmColor     *color,
                                         double             t);
TmColor       _tm_color_lighter         (const TmColor     *color,
                                         double             t);
double        _tm_color_luminance       (const TmColor     *color);
/* Fills the current path with @fill, then hatches it with @lines; keeps the
 * path (like cairo_fill_preserve). */
void          _tm_draw_fill_hatched     (cairo_t           *cr,
                                         const TmColor     *fill,
                                         const TmColor     *lines,
                                         TmHatch            hatch,
                                         double             spacing);
/* A small legend swatch: a rectangle filled and hatched, outlined. */
void          _tm_draw_swatch           (cairo_t           *cr,
                                         const TmDrawStyle *style,
                                         double             x,
                                         double             y,
                                         double             size,
                                         const TmColor     *fill,
                                         const TmColor     *lines,
                                         TmHatch            hatch);

/* "3.5" / "3,5": one decimal, in the rendering language. */
char         *_tm_draw_format_hours     (double             hours);
/* The name shown for a profession id; NULL: "No performer recorded". */
const char   *_tm_draw_profession_name  (TmPortfolio       *portfolio,
                                         const char        *profession_id);
const char   *_tm_draw_scenario_name    (TmPortfolio       *portfolio,
                                         const char        *scenario_id);
double        _tm_draw_unit             (const TmDrawStyle *style);

/* A cairo surface (PDF, SVG, PNG) written into a GOutputStream. After a
 * failed write the rest is dropped and cairo is told all is well: cairo
 * 1.16 can crash finishing a surface whose stream reported an error. The
 * error is kept and said once the surface is finished. */
typedef struct {
  GOutputStream *stream;
  GError        *error;    /* the first write's error, with the disk's words */
} TmCairoWriter;

/* The cairo_write_func_t; its closure is a TmCairoWriter. */
cairo_status_t _tm_cairo_write_cb      (void                *closure,
                                        const unsigned char *data,
                                        unsigned int         length);
/* Finishes and destroys @surface, drawn with @status so far, and says how
 * it went: FALSE with the write's error in @io_error, or cairo's in
 * *@cairo_error. */
gboolean       _tm_cairo_writer_finish (TmCairoWriter       *writer,
                                        cairo_surface_t     *surface,
                                        cairo_status_t       status,
                                        char               **cairo_error,
                                        GError             **io_error);

G_END_DECLS
