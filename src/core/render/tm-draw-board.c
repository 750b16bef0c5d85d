/* tm-draw-board.c
 * The board: a scenario's moves as cards, grouped by status, laid out and
 * drawn for the window, the exports and printing.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-draw"

#include "config.h"

#include <math.h>
#include "model/tm-i18n-private.h"

#include "analysis/tm-analysis.h"
#include "render/tm-board.h"
#include "render/tm-draw-private.h"
#include "model/tm-task.h"

/* Sizes in units at a font scale of 1 (they grow with it). */
#define MARGIN          16.0
#define GAP             12.0
#define MIN_CARD_WIDTH  300.0
/* A section shows at most this many cards (a workshop's board has far fewer;
 * a region's may have thousands): the rest are counted under them. */
#define MAX_SECTION_CARDS 120

/* The sections: the main line, then what stopped. */
static const TmMoveStatus section_order[] = {
  TM_STATUS_PROPOSED, TM_STATUS_AGREED, TM_STATUS_APPROVED, TM_STATUS_PILOTED,
  TM_STATUS_IMPLEMENTED, TM_STATUS_EVALUATED, TM_STATUS_PAUSED, TM_STATUS_REJECTED,
};
#define N_MAIN_STATUSES 6

typedef struct {
  TmMoveCard *card;
  double      x, y, width, height;
} Card;

typedef struct {
  TmMoveStatus status;
  double       y;          /* the heading's top */
  double       height;     /* of the heading */
  guint        first;      /* index of its first card */
  guint        n;          /* cards shown */
  guint        n_total;    /* moves with this status */
  double       more_y;     /* "… and N more", when n < n_total */
} Section;

struct _TmBoardLayout
{
  TmPortfolio *portfolio;
  TmDrawStyle  style;
  char        *overview;   /* "○ Proposed 32 · ◐ Agreed in workshop 3 · …" */
  double       overview_height;
  GPtrArray   *cards;      /* of Card *, in section order */
  GArray      *sections;   /* of Section */
  double       width;
  double       height;
};

static void
card_free (gpointer data)
{
  Card *card = data;

  g_clear_object (&card->card);
  g_free (card);
}

static double
heading_height (TmBoardLayout *self)
{
  return tm_draw_style_get_font_size (&self->style) * 1.4 * 2.2;
}

TmBoardLayout *
tm_board_layout_new (TmPortfolio       *portfolio,
                     const char        *scenario_id,
                     const TmDrawStyle *style,
                     double             width)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();      /* of TmTask (borrowed: the portfolio keeps them) */
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();   /* their TmMoveStatus */
  g_autoptr(TmAnalysis) analysis = NULL;
  TmBoardLayout *self;
  GListModel *tasks;
  guint n;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (style != NULL, NULL);

  self = g_new0 (TmBoardLayout, 1);
  self->portfolio = g_object_ref (portfolio);
  self->cards = g_ptr_array_new_with_free_func (card_free);
  self->sections = g_array_new (FALSE, FALSE, sizeof (Section));

  if (scenario_id != NULL && tm_portfolio_lookup_scenario (portfolio, scenario_id) != NULL)
    {
      analysis = tm_analysis_compute (portfolio, scenario_id);
      tasks = tm_portfolio_get_tasks (portfolio);
      n = g_list_model_get_n_items (tasks);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
          const TmMoveReview *review;

          if (tm_task_data_get_move (tm_task_peek_data (task), scenario_id) == NULL)
            continue;
          /* Cards are made only for what is shown. */
          review = tm_task_data_get_review (tm_task_peek_data (task), scenario_id);
          g_ptr_array_add (found, task);
          g_ptr_array_add (statuses, GUINT_TO_POINTER (review != NULL ? tm_move_review_get_status (review)
                                                                      : TM_STATUS_PROPOSED));
        }
    }

  /* By status, in catalogue order within each. */
  for (guint s = 0; s < G_N_ELEMENTS (section_order); s++)
    {
      Section section = { section_order[s], 0, 0, self->cards->len, 0, 0, 0 };

      for (guint i = 0; i < found->len; i++)
        {
          TmMoveStatus status = GPOINTER_TO_UINT (g_ptr_array_index (statuses, i));

          if (status != section_order[s])
            continue;
          section.n_total++;
          if (section.n < MAX_SECTION_CARDS)
            {
              TmTask *task = g_ptr_array_index (found, i);
              Card *entry = g_new0 (Card, 1);

              entry->card = tm_move_card_new_with_analysis (portfolio, task, scenario_id, analysis);
              if (entry->card == NULL)
                {
                  g_free (entry);
                  continue;
                }
              g_ptr_array_add (self->cards, entry);
              section.n++;
            }
        }

      /* The main line shows every step; stopped moves only when there are any. */
      if (s < N_MAIN_STATUSES || section.n > 0)
        g_array_append_val (self->sections, section);
    }

  /* The whole board in one line first: how many moves stand where. */
  if (self->cards->len > 0)
    {
      g_autoptr(GString) overview = g_string_new (NULL);
      TmCountry country = tm_portfolio_get_country (portfolio);

      for (guint s = 0; s < self->sections->len; s++)
        {
          Section *section = &g_array_index (self->sections, Section, s);

          if (overview->len > 0)
            g_string_append (overview, "   ");
          g_string_append_printf (overview, "%s %s %u", tm_draw_move_status_mark (section->status),
                                  tm_move_status_get_label (section->status, country), section->n_total);
        }
      self->overview = g_string_free (g_steal_pointer (&overview), FALSE);
    }

  tm_board_layout_set_width (self, style, width);
  return self;
}

void
tm_board_layout_free (TmBoardLayout *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->cards);
  g_array_unref (self->sections);
  g_clear_object (&self->portfolio);
  g_free (self->overview);
  g_free (self);
}

void
tm_board_layout_set_width (TmBoardLayout     *self,
                           const TmDrawStyle *style,
                           double             width)
{
  double scale, margin, gap, usable, card_width, y;
  guint columns;

  g_return_if_fail (self != NULL);

  self->style = *style;
  scale = self->style.font_scale;
  margin = MARGIN * scale;
  gap = GAP * scale;
  usable = MAX (width - 2 * margin, 100);
  columns = MAX (1, (guint) floor ((usable + gap) / (MIN_CARD_WIDTH * scale + gap)));
  card_width = (usable - gap * (columns - 1)) / columns;
  y = margin;

  self->overview_height = 0;
  if (self->overview != NULL)
    {
      g_autoptr(TmPangoContext) context = _tm_draw_create_context ();

      self->overview_height = _tm_draw_text (NULL, context, &self->style, self->overview,
                                             TM_TEXT_SUBTITLE | TM_TEXT_WRAP, NULL, 0, 0, usable);
      y += self->overview_height + gap;
    }

  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = &g_array_index (self->sections, Section, s);

      section->y = y;
      section->height = heading_height (self);
      y += section->height;

      for (guint row = 0; row * columns < section->n; row++)
        {
          guint first = section->first + row * columns;
          guint in_row = MIN (columns, section->n - row * columns);
          double row_height = 0;

          for (guint c = 0; c < in_row; c++)
            {
              Card *card = g_ptr_array_index (self->cards, first + c);

              card->x = margin + c * (card_width + gap);
              card->y = y;
              card->width = card_width;
              row_height = MAX (row_height, tm_move_card_get_height (card->card, &self->style,
                                                                       card_width));
            }
          /* A row's cards are as tall as its tallest. */
          for (guint c = 0; c < in_row; c++)
            ((Card *) g_ptr_array_index (self->cards, first + c))->height = row_height;
          y += row_height + gap;
        }
      section->more_y = -1;
      if (section->n < section->n_total)
        {
          section->more_y = y;
          y += tm_draw_style_get_font_size (&self->style) * 2.2;
        }
      y += gap;
    }

  self->width = width;
  self->height = y + margin;
}

double
tm_board_layout_get_width (TmBoardLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

double
tm_board_layout_get_height (TmBoardLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

guint
tm_board_layout_get_n_cards (TmBoardLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->cards->len;
}

TmMoveCard *
tm_board_layout_get_card (TmBoardLayout *self,
                          guint          index)
{
  g_return_val_if_fail (self != NULL && index < self->cards->len, NULL);
  return ((Card *) g_ptr_array_index (self->cards, index))->card;
}

int
tm_board_layout_find_task (TmBoardLayout *self,
                           TmTask        *task)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->cards->len; i++)
    if (tm_move_card_get_task (((Card *) g_ptr_array_index (self->cards, i))->card) == task)
      return i;
  return -1;
}

guint
tm_board_layout_count_status (TmBoardLayout *self,
                              TmMoveStatus   status)
{
  g_return_val_if_fail (self != NULL, 0);

  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = &g_array_index (self->sections, Section, s);

      if (section->status == status)
        return section->n_total;
    }
  return 0;
}

void
tm_board_layout_get_card_rect (TmBoardLayout     *self,
                               guint              index,
                               cairo_rectangle_t *rect)
{
  Card *card;

  g_return_if_fail (self != NULL && index < self->cards->len);

  card = g_ptr_array_index (self->cards, index);
  rect->x = card->x;
  rect->y = card->y;
  rect->width = card->width;
  rect->height = card->height;

  /* The first card of a section brings its heading along. */
  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = &g_array_index (self->sections, Section, s);

      if (section->n > 0 && section->first == index)
        {
          rect->height += rect->y - section->y;
          rect->y = section->y;
        }
    }
}

int
tm_board_layout_hit (TmBoardLayout *self,
                     double         x,
                     double         y)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);

      if (x >= card->x && x < card->x + card->width && y >= card->y && y < card->y + card->height)
        return i;
    }
  return -1;
}

int
tm_board_layout_get_neighbour (TmBoardLayout *self,
                               guint          index,
                               int            direction)
{
  Card *from;
  double row_y = -1;
  double best_distance = G_MAXDOUBLE;
  int best = -1;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (direction == 1 || direction == -1, -1);

  if (index >= self->cards->len)
    return -1;
  from = g_ptr_array_index (self->cards, index);

  /* The nearest row in that direction (cards are in reading order), and in
   * it the card nearest in x. */
  for (int i = (int) index + direction; i >= 0 && i < (int) self->cards->len; i += direction)
    {
      Card *card = g_ptr_array_index (self->cards, i);

      if (card->y == from->y)
        continue;
      if (row_y < 0)
        row_y = card->y;
      if (card->y != row_y)
        break;
      if (fabs (card->x - from->x) < best_distance)
        {
          best_distance = fabs (card->x - from->x);
          best = i;
        }
    }
  return best;
}

GArray *
tm_board_layout_dup_breaks (TmBoardLayout *self)
{
  GArray *breaks = g_array_new (FALSE, FALSE, sizeof (double));
  double last = -1;

  g_return_val_if_fail (self != NULL, breaks);

  /* Section headings and card rows; a heading stays with its first row. */
  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = &g_array_index (self->sections, Section, s);

      g_array_append_val (breaks, section->y);
      last = section->y;
      for (guint i = section->first; i < section->first + section->n; i++)
        {
          Card *card = g_ptr_array_index (self->cards, i);

          if (i == section->first || card->y == last)
            continue;
          g_array_append_val (breaks, card->y);
          last = card->y;
        }
    }
  g_array_append_val (breaks, self->height);
  return breaks;
}

static void
draw_heading (TmBoardLayout *self,
              cairo_t       *cr,
              PangoContext  *context,
              const Section *section)
{
  TmCountry country = tm_portfolio_get_country (self->portfolio);
  double margin = MARGIN * self->style.font_scale;
  double font_size = tm_draw_style_get_font_size (&self->style);
  g_autofree char *text = NULL;
  double text_height;

  if (section->n_total == 0)
    /* Translators: a section of the board of moves without any, e.g. "◐ Agreed in workshop · none" */
    text = g_strdup_printf (_("%s %s · none"), tm_draw_move_status_mark (section->status),
                            tm_move_status_get_label (section->status, country));
  else
    /* Translators: a section of the board of moves, e.g. "◐ Agreed in workshop · 3" */
    text = g_strdup_printf (_("%s %s · %u"), tm_draw_move_status_mark (section->status),
                            tm_move_status_get_label (section->status, country), section->n_total);

  text_height = _tm_draw_text (NULL, context, &self->style, text, TM_TEXT_TITLE, NULL, 0, 0,
                               self->width - 2 * margin);
  _tm_draw_text (cr, context, &self->style, text, TM_TEXT_TITLE,
                 section->n_total == 0 ? &self->style.muted : &self->style.foreground,
                 margin, section->y + section->height - text_height - font_size * 0.4,
                 self->width - 2 * margin);

  /* A rule under the heading. */
  _tm_draw_set_color (cr, &self->style.rule);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, margin, section->y + section->height - 0.5);
  cairo_line_to (cr, self->width - margin, section->y + section->height - 0.5);
  cairo_stroke (cr);
}

void
tm_board_layout_draw (TmBoardLayout *self,
                      cairo_t       *cr,
                      double         y_from,
                      double         y_to,
                      int            focus)
{
  g_autoptr(TmPangoContext) context = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  context = _tm_draw_create_context ();

  if (self->cards->len == 0)
    {
      _tm_draw_text (cr, context, &self->style,
                     _("No moves in this scenario yet. Choose a move for a task in the matrix "
                       "(Enter on a cell), and its card shows here."),
                     TM_TEXT_WRAP | TM_TEXT_CENTER | TM_TEXT_SUBTITLE, &self->style.muted,
                     MARGIN, MAX (y_from, 0) + MARGIN * 4, self->width - 2 * MARGIN);
      return;
    }

  if (self->overview != NULL && y_from <= MARGIN * self->style.font_scale + self->overview_height)
    _tm_draw_text (cr, context, &self->style, self->overview, TM_TEXT_SUBTITLE | TM_TEXT_WRAP,
                   &self->style.foreground, MARGIN * self->style.font_scale,
                   MARGIN * self->style.font_scale,
                   self->width - 2 * MARGIN * self->style.font_scale);

  for (guint s = 0; s < self->sections->len; s++)
    {
      Section *section = &g_array_index (self->sections, Section, s);

      if (section->y + section->height >= y_from && section->y <= y_to)
        draw_heading (self, cr, context, section);
      if (section->more_y >= 0 && section->more_y >= y_from - 100 && section->more_y <= y_to)
        {
          g_autofree char *more =
            /* Translators: under the cards of a section of the board that shows only some of them */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "… and %u more move with this status: the list’s status filter shows every one.",
                                          "… and %u more moves with this status: the list’s status filter shows every one.",
                                          section->n_total - section->n),
                             section->n_total - section->n);

          _tm_draw_text (cr, context, &self->style, more, TM_TEXT_SUBTITLE, &self->style.muted,
                         MARGIN * self->style.font_scale, section->more_y,
                         self->width - 2 * MARGIN * self->style.font_scale);
        }
    }

  /* Only the cards between y_from and y_to. */
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = g_ptr_array_index (self->cards, i);

      if (card->y + card->height < y_from || card->y > y_to)
        continue;
      cairo_save (cr);
      cairo_translate (cr, card->x, card->y);
      tm_move_card_draw (card->card, cr, &self->style, card->width, card->height, (int) i == focus);
      cairo_restore (cr);
    }
}
