/* tm-csv-export.c
 * Writing the catalogue and the matrix as CSV.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-csv"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "exchange/tm-csv.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"
#include "exchange/tm-csv-private.h"

/* Export */

typedef struct {
  GString *out;
  gboolean first;
} Writer;

static void
writer_cell (Writer     *w,
             const char *text,
             gboolean    guard)
{
  gboolean quote;

  if (!w->first)
    g_string_append_c (w->out, ';');
  w->first = FALSE;

  if (text == NULL)
    text = "";

  quote = strpbrk (text, ";\"\r\n") != NULL ||
          text[0] == ' ' || (*text != '\0' && text[strlen (text) - 1] == ' ');

  if (quote)
    g_string_append_c (w->out, '"');

  /* Excel runs a cell that starts with "=", "+", "-" or "@" as a formula:
   * a task list must not carry one into the committee's spreadsheet. The
   * import removes the apostrophe again. */
  if (guard && text[0] != '\0' && strchr ("=+-@", text[0]) != NULL)
    g_string_append_c (w->out, '\'');

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append (w->out, "\"\"");
      else if (*p == '\r')
        ;
      else
        g_string_append_c (w->out, *p);
    }

  if (quote)
    g_string_append_c (w->out, '"');
}

static void
writer_end_row (Writer *w)
{
  g_string_append (w->out, "\r\n");
  w->first = TRUE;
}

/* @value with as many decimals as it needs (at most @max_decimals), with
 * the pushed language's decimal separator; "" when not estimated. */
static char *
format_number (double value,
               int    max_decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  int decimals = 0;
  const char *dot;

  if (value < 0 || !isfinite (value))
    return g_strdup ("");

  g_snprintf (format, sizeof format, "%%.%df", max_decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  dot = strchr (buffer, '.');
  if (dot != NULL)
    {
      int last = strlen (buffer) - 1;

      while (last > dot - buffer && buffer[last] == '0')
        last--;
      decimals = last - (dot - buffer);
    }

  return tm_language_format_number (value, decimals);
}

static char *
performers_text (TmPortfolio      *portfolio,
                 const TmTaskData *data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      TmProfession *profession = tm_portfolio_lookup_profession (portfolio, p->profession_id);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, profession ? tm_profession_get_name (profession) : p->profession_id);

      if (data->performers->len > 1 || p->share != 100)
        {
          g_autofree char *share = format_number (MAX (p->share, 0), 2);

          g_string_append_printf (text, " %s %%", share);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
shifts_text (guint shifts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint s = 0; s < TM_N_SHIFTS; s++)
    {
      if (!(shifts & (1u << s)))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, tm_shift_get_label (1u << s));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
finish (GString *out,
        gsize   *length)
{
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

static char *
export_catalogue (TmPortfolio *portfolio,
                  gsize       *length)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  guint n = g_list_model_get_n_items (tasks);
  Writer w = { g_string_new ("\xEF\xBB\xBF"), TRUE };

  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_TITLE), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_DESCRIPTION), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_GROUP), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_LEVEL), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_COMPLEXITY), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_MINUTES), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_OCCURRENCES), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_PER), FALSE);
  /* Translators: a spreadsheet column, worked out from minutes and times */
  writer_cell (&w, _("Hours per week"), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_SHIFTS), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_PERFORMED_BY), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_NOTES), FALSE);
  writer_end_row (&w);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *data = tm_task_peek_data (task);
      g_autofree char *minutes = format_number (data->minutes, 4);
      g_autofree char *occurrences = format_number (data->occurrences, 4);
      g_autofree char *hours = format_number (tm_task_data_get_hours_per_week (data), 2);
      g_autofree char *shifts = shifts_text (data->shifts);
      g_autofree char *performers = performers_text (portfolio, data);

      writer_cell (&w, data->title, TRUE);
      writer_cell (&w, data->description, TRUE);
      writer_cell (&w, data->group, TRUE);
      writer_cell (&w, data->level == TM_LEVEL_NOT_ASSESSED ? "" : tm_level_get_label (data->level), FALSE);
      writer_cell (&w, data->complexity == TM_COMPLEXITY_NOT_ASSESSED ? ""
                                                                      : tm_complexity_get_label (data->complexity),
                   FALSE);
      writer_cell (&w, minutes, FALSE);
      writer_cell (&w, occurrences, FALSE);
      writer_cell (&w, tm_per_get_label (data->per), FALSE);
      writer_cell (&w, hours, FALSE);
      writer_cell (&w, shifts, FALSE);
      writer_cell (&w, performers, TRUE);
      writer_cell (&w, data->notes, TRUE);
      writer_end_row (&w);
    }

  return finish (w.out, length);
}

char *
tm_csv_export_catalogue (TmPortfolio  *portfolio,
                         gsize        *length,
                         GError      **error)
{
  char *text;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  tm_language_push (tm_portfolio_get_language (portfolio));
  text = export_catalogue (portfolio, length);
  tm_language_pop ();

  return text;
}

static char *
export_matrix (TmPortfolio *portfolio,
               TmScenario  *scenario,
               gsize       *length)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GListModel *model = tm_portfolio_get_professions (portfolio);
  g_autoptr(GPtrArray) professions = g_ptr_array_new_with_free_func (g_object_unref);
  const char *scenario_id = tm_scenario_get_id (scenario);
  guint n = g_list_model_get_n_items (tasks);
  Writer w = { g_string_new ("\xEF\xBB\xBF"), TRUE };

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      TmProfession *profession = g_list_model_get_item (model, i);

      if (tm_profession_get_hidden (profession))
        g_object_unref (profession);
      else
        g_ptr_array_add (professions, profession);
    }

  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_TITLE), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_GROUP), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_LEVEL), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_PERFORMED_BY), FALSE);
  for (guint p = 0; p < professions->len; p++)
    writer_cell (&w, tm_profession_get_name (g_ptr_array_index (professions, p)), TRUE);
  {
    /* Translators: a spreadsheet column; %s is the name of a scenario */
    g_autofree char *move = g_strdup_printf (_("Move in “%s”"), tm_scenario_get_name (scenario));

    writer_cell (&w, move, TRUE);
  }
  /* Translators: a spreadsheet column: the percentage of a task's time that moves */
  /* xgettext:no-c-format */
  writer_cell (&w, _("Share moved (%)"), FALSE);
  writer_end_row (&w);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *data = tm_task_peek_data (task);
      const TmMove *move = tm_task_data_get_move (data, scenario_id);
      g_autofree char *performers = performers_text (portfolio, data);

      writer_cell (&w, data->title, TRUE);
      writer_cell (&w, data->group, TRUE);
      writer_cell (&w, data->level == TM_LEVEL_NOT_ASSESSED ? "" : tm_level_get_label (data->level), FALSE);
      writer_cell (&w, performers, TRUE);

      for (guint p = 0; p < professions->len; p++)
        {
          TmProfession *profession = g_ptr_array_index (professions, p);
          const TmAssessment *a = tm_task_data_get_assessment (data, tm_profession_get_id (profession));

          writer_cell (&w, a == NULL || a->suitability == TM_SUITABILITY_NOT_ASSESSED
                             ? "" : tm_suitability_get_label (a->suitability),
                       FALSE);
        }

      if (move == NULL)
        {
          writer_cell (&w, "", FALSE);
          writer_cell (&w, "", FALSE);
        }
      else
        {
          g_autofree char *share = format_number (MAX (move->share, 0), 2);

          if (move->kind == TM_MOVE_TO_PROFESSION)
            {
              TmProfession *to = move->profession_id
                                 ? tm_portfolio_lookup_profession (portfolio, move->profession_id)
                                 : NULL;

              writer_cell (&w, to ? tm_profession_get_name (to) : move->profession_id, TRUE);
            }
          else
            {
              writer_cell (&w, tm_move_kind_get_label (move->kind), FALSE);
            }
          writer_cell (&w, share, FALSE);
        }
      writer_end_row (&w);
    }

  return finish (w.out, length);
}

char *
tm_csv_export_matrix (TmPortfolio  *portfolio,
                      const char   *scenario_id,
                      gsize        *length,
                      GError      **error)
{
  TmScenario *scenario;
  char *text;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  if (scenario_id != NULL)
    {
      scenario = tm_portfolio_lookup_scenario (portfolio, scenario_id);
      if (scenario == NULL)
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       /* Translators: %s is a scenario's id */
                       _("There is no scenario “%s”."), scenario_id);
          return NULL;
        }
    }
  else
    {
      g_autoptr(TmScenario) first = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);

      if (first == NULL)
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                               _("The portfolio has no scenario."));
          return NULL;
        }
      scenario = first;   /* the portfolio keeps its own reference */
    }

  tm_language_push (tm_portfolio_get_language (portfolio));
  text = export_matrix (portfolio, scenario, length);
  tm_language_pop ();

  return text;
}

static gboolean
write_file (GFile       *file,
            char        *data,
            gsize        length,
            GError     **error)
{
  g_autofree char *owned = data;

  if (owned == NULL)
    return FALSE;

  /* Never a half-written file where a good one was: written beside it,
   * renamed over it when complete. */
  return tm_atomic_write_bytes (file, owned, length, error);
}

gboolean
tm_csv_export_catalogue_file (TmPortfolio  *portfolio,
                              GFile        *file,
                              GError      **error)
{
  gsize length = 0;
  char *data;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = tm_csv_export_catalogue (portfolio, &length, error);
  return write_file (file, data, length, error);
}

gboolean
tm_csv_export_matrix_file (TmPortfolio  *portfolio,
                           const char   *scenario_id,
                           GFile        *file,
                           GError      **error)
{
  gsize length = 0;
  char *data;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = tm_csv_export_matrix (portfolio, scenario_id, &length, error);
  return write_file (file, data, length, error);
}
