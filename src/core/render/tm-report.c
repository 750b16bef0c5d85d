/* tm-report.c
 * The committee report: an A4 PDF that a committee reads — a summary of a
 * page or two (the unit, its staffing, what each scenario frees, the moves by
 * status, what is asked of the committee now, what changed since it last
 * met), then one compact entry per move, then the full assessments, the
 * workshops and the changes as an appendix; readable printed in black and white.
 * This file: what the report covers, the two passes and writing the PDF.
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
#include "render/tm-report-layout-private.h"

/* Writing */

/* Renders the report; with @stream, as a PDF into it (a write error in
 * @io_error, with the disk's own words), else only counting the pages. */
static gboolean
render_pdf (Report         *r,
            GOutputStream  *stream,
            char          **cairo_error,
            GError        **io_error)
{
  TmCairoWriter writer = { stream, NULL };
  g_autofree char *title = NULL;
  cairo_status_t status;
  const char *unit = tm_portfolio_get_unit_name (r->portfolio);

  /* Counting the pages; the contents need them too */
  r->cr = NULL;
  r->surface = NULL;
  r->n_pages = 0;
  _tm_report_render_document (r);
  r->n_pages = r->page;
  r->toc_pages_counted = g_array_copy (r->toc_pages);
  if (r->progress != NULL)
    r->progress (0.5, r->user_data);

  if (stream == NULL)
    return TRUE;

  r->surface = cairo_pdf_surface_create_for_stream (_tm_cairo_write_cb, &writer, PAGE_W_PT, PAGE_H_PT);
  /* Translators: the title of the report's PDF file: "Committee report — unit name" */
  title = g_strdup_printf (_("%s — %s"), _("Committee report"), _tm_report_is_blank (unit) ? _("Unnamed unit") : unit);
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (r->surface, CAIRO_PDF_METADATA_CREATOR, "Taskmap " PACKAGE_VERSION);
  r->cr = cairo_create (r->surface);

  _tm_report_render_document (r);

  status = cairo_status (r->cr);
  cairo_destroy (r->cr);
  r->cr = NULL;
  return _tm_cairo_writer_finish (&writer, g_steal_pointer (&r->surface), status, cairo_error, io_error);
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

  for (guint i = 0; i < G_N_ELEMENTS (_tm_report_entry_order); i++)
    {
      if (_tm_report_entry_order[i] == tm_move_card_get_status (ca))
        ra = i;
      if (_tm_report_entry_order[i] == tm_move_card_get_status (cb))
        rb = i;
    }
  return (int) ra - (int) rb;
}

/* While the report is prepared (a region's scenarios each add up 100,000
 * tasks): the first 9 % of the bar. */
static void
prepare_progress (Report *r,
                  double  done)
{
  if (r->progress != NULL)
    r->progress (0.09 * done, r->user_data);
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
  if (_tm_report_parse_date (r->since, &y, &m, &d))
    {
      g_autoptr(GDateTime) start = g_date_time_new_local (y, m, d, 0, 0, 0);

      r->since_time = start ? g_date_time_to_unix (start) : 0;
    }

  today = now > 0 ? g_date_time_new_from_unix_local (now) : g_date_time_new_now_local ();
  r->today = _tm_report_format_date_dt (today);

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
    guint n_scenarios = g_list_model_get_n_items (scenarios);

    for (guint i = 0; i < n_scenarios; i++)
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
            if (t % 4096 == 4095)
              prepare_progress (r, (i + (double) t / n_tasks) / MAX (n_scenarios, 1) * 0.9);
          }
        prepare_progress (r, (i + 1.0) / MAX (n_scenarios, 1) * 0.9);
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

      if (e->field == NULL || (e->scenario_id != NULL && !_tm_report_is_covered (r, e->scenario_id)))
        continue;
      /* Taken over in place (a region's history has 100,000s of entries:
       * taking each out of the array moved the rest each time). */
      g_ptr_array_add (r->history, g_steal_pointer (&history->pdata[i]));
    }

  prepare_progress (r, 1.0);

  /* What the counting pass's progress goes by: each move's entry and its
   * assessment, and each change. */
  r->work_total = r->history->len;
  for (guint k = 0; k < r->covered->len; k++)
    r->work_total += 2 * g_array_index (r->covered, Covered, k).cards->len;

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
