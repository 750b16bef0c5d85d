/* tm-csv-paste.c
 * Pasting a block copied from a spreadsheet onto the selected tasks.
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

/* Pasting */

gboolean
_tm_csv_convert_cell_onto (Import      *imp,
                           guint        row,
                           guint        column,
                           TmCsvField   field,
                           const char  *cell,
                           TmTaskData  *data,
                           GError     **error)
{
  gboolean blank = _tm_csv_is_blank (cell, strlen (cell));

  switch (field)
    {
    case TM_CSV_FIELD_TITLE:
      if (blank)
        {
          g_autofree char *name = _tm_csv_column_name (imp, column);
          g_autofree char *message =
            g_strdup_printf (_("the task has no title: column %s is empty."), name);

          _tm_csv_set_row_error (error, TM_CSV_ERROR_INVALID, imp, row, message);
          return FALSE;
        }
      g_free (data->title);
      data->title = _tm_csv_dup_text (cell, TRUE);
      return TRUE;

    case TM_CSV_FIELD_DESCRIPTION:
      g_free (data->description);
      data->description = _tm_csv_dup_text (cell, FALSE);
      return TRUE;

    case TM_CSV_FIELD_GROUP:
      g_free (data->group);
      data->group = _tm_csv_dup_text (cell, TRUE);
      return TRUE;

    case TM_CSV_FIELD_NOTES:
      g_free (data->notes);
      data->notes = _tm_csv_dup_text (cell, FALSE);
      return TRUE;

    case TM_CSV_FIELD_LEVEL:
      if (!_tm_csv_convert_level (imp, cell, &data->level))
        {
          g_autofree char *shown = g_strstrip (g_strdup (cell));

          _tm_csv_set_cell_error (error, imp, row, column, shown,
                          /* Translators: the first %s is a column, the second a value */
                          _("column %s: “%s” is not a competence level; write A, B or C, "
                            "or the name of a level."));
          return FALSE;
        }
      return TRUE;

    case TM_CSV_FIELD_COMPLEXITY:
      if (!_tm_csv_convert_complexity (imp, cell, &data->complexity))
        {
          g_autofree char *shown = g_strstrip (g_strdup (cell));

          _tm_csv_set_cell_error (error, imp, row, column, shown,
                          /* Translators: the first %s is a column, the second a value */
                          _("column %s: “%s” is not a patient complexity; write low, "
                            "moderate, high or varies."));
          return FALSE;
        }
      return TRUE;

    case TM_CSV_FIELD_MINUTES:
      return _tm_csv_convert_number (imp, row, column, cell, TRUE, &data->minutes, error);

    case TM_CSV_FIELD_OCCURRENCES:
      return _tm_csv_convert_number (imp, row, column, cell, FALSE, &data->occurrences, error);

    case TM_CSV_FIELD_PER:
      if (blank)
        return TRUE;
      if (!_tm_csv_convert_per (imp, cell, &data->per))
        {
          g_autofree char *shown = g_strstrip (g_strdup (cell));

          _tm_csv_set_cell_error (error, imp, row, column, shown,
                          /* Translators: the first %s is a column, the second a value */
                          _("column %s: “%s” is not a period; write per day, week, month, "
                            "year or shift."));
          return FALSE;
        }
      return TRUE;

    case TM_CSV_FIELD_SHIFTS:
      {
        g_autofree char *bad = NULL;
        guint shifts = 0;

        if (!blank && !_tm_csv_convert_shifts (imp, cell, &shifts, &bad))
          {
            _tm_csv_set_cell_error (error, imp, row, column, bad,
                            /* Translators: the first %s is a column, the second a word */
                            _("column %s: “%s” is not a shift; write day, evening, night "
                              "or weekend."));
            return FALSE;
          }
        data->shifts = shifts;
      }
      return TRUE;

    case TM_CSV_FIELD_PERFORMED_BY:
      g_array_set_size (data->performers, 0);
      return _tm_csv_convert_performers (imp, row, column, cell, data, error);

    case TM_CSV_FIELD_IGNORE:
    case TM_CSV_N_FIELDS:
    default:
      return TRUE;
    }
}

/* A table of @text under a header of our own: the fields' labels. */
static TmCsvTable *
read_block (const char        *text,
            const TmCsvField  *fields,
            guint              n_fields,
            const char        *display_name,
            GError           **error)
{
  g_autoptr(GString) block = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *label = g_strdup (tm_csv_field_get_label (fields[i]));

      /* A label never holds the separator, but be sure. */
      g_strdelimit (label, "\t\r\n\"", ' ');
      if (i > 0)
        g_string_append_c (block, '\t');
      g_string_append (block, label);
    }
  g_string_append_c (block, '\n');
  g_string_append (block, text);

  return _tm_csv_read_table (block->str, block->len, display_name, '\t', 0, error);
}

gboolean
tm_csv_convert_value (TmPortfolio  *portfolio,
                      TmCsvField    field,
                      const char   *text,
                      TmTaskData   *data,
                      GError      **error)
{
  g_autoptr(TmCsvTable) table = NULL;
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (text != NULL && data != NULL, FALSE);
  g_return_val_if_fail (field > TM_CSV_FIELD_IGNORE && field < TM_CSV_N_FIELDS, FALSE);

  if (field == TM_CSV_FIELD_TITLE && _tm_csv_is_blank (text, strlen (text)))
    {
      g_set_error_literal (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID,
                           _("A task needs a title."));
      return FALSE;
    }

  if (strpbrk (text, "\t\r\n") != NULL && field != TM_CSV_FIELD_DESCRIPTION &&
      field != TM_CSV_FIELD_NOTES)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID,
                   /* Translators: %s is what was typed or pasted into one cell */
                   _("“%s” holds more than one value."), text);
      return FALSE;
    }

  imp.one_value = TRUE;
  imp.mapping = &field;
  imp.count_period = -1;

  if (_tm_csv_is_blank (text, strlen (text)))
    {
      /* An empty value clears the field; no converter refuses it. */
      _tm_csv_import_init (&imp, portfolio);
      ok = _tm_csv_convert_cell_onto (&imp, 0, 0, field, "", data, error);
      _tm_csv_import_clear (&imp);
      return ok;
    }

  /* One quoted cell, so that separators and quotes in it stay text. */
  {
    g_autoptr(GString) quoted = g_string_new ("\"");

    for (const char *p = text; *p; p++)
      {
        if (*p == '"')
          g_string_append_c (quoted, '"');
        g_string_append_c (quoted, *p);
      }
    g_string_append (quoted, "\"\n");
    table = read_block (quoted->str, &field, 1, "", error);
    if (table == NULL)
      return FALSE;
  }
  g_return_val_if_fail (table->rows->len == 1, FALSE);

  imp.table = table;
  _tm_csv_import_init (&imp, portfolio);
  ok = _tm_csv_convert_cell_onto (&imp, 0, 0, field, g_array_index (table->rows, Row, 0).cells, data, error);
  _tm_csv_import_clear (&imp);
  return ok;
}

/* The tasks the block changes and their new states, the whole block
 * checked; FALSE with the block's message when any of it is refused. */
static gboolean
read_paste (TmPortfolio        *portfolio,
            const char         *text,
            TmTask            **tasks,
            guint               n_tasks,
            const TmCsvField   *fields,
            guint               n_fields,
            GPtrArray          *changed_tasks,
            GPtrArray          *changed_data,
            GError            **error)
{
  g_autoptr(TmCsvTable) table = NULL;
  Import imp = { 0 };
  gboolean ok = TRUE;
  guint n_rows;

  /* Translators: the name of a paste in messages: "Pasted rows: row 2: …" */
  table = read_block (text, fields, n_fields, _("Pasted rows"), error);
  if (table == NULL)
    return FALSE;

  if (table->rows->len == 0)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_EMPTY,
                   _("There is nothing to paste."));
      return FALSE;
    }

  if (table->n_columns > n_fields)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The pasted rows have %u columns, but from “%s” on there is room "
                                "for only %u column.",
                                "The pasted rows have %u columns, but from “%s” on there is room "
                                "for only %u columns.", n_fields),
                   table->n_columns, tm_csv_field_get_label (fields[0]), n_fields);
      return FALSE;
    }

  n_rows = g_array_index (table->rows, Row, table->rows->len - 1).number;
  if (n_rows > n_tasks)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u rows were copied, but there is only %u task from the selected "
                                "one down.",
                                "%u rows were copied, but there are only %u tasks from the selected "
                                "one down.", n_tasks),
                   n_rows, n_tasks);
      return FALSE;
    }

  imp.table = table;
  imp.mapping = fields;
  imp.count_period = -1;
  _tm_csv_import_init (&imp, portfolio);

  for (guint row = 0; row < table->rows->len && ok; row++)
    {
      const Row *r = &g_array_index (table->rows, Row, row);
      TmTask *task = tasks[r->number - 1];
      g_autoptr(TmTaskData) data = tm_task_dup_data (task);
      g_autoptr(GError) local_error = NULL;
      const char *p = r->cells;

      for (guint column = 0; column < table->n_columns && ok; column++)
        {
          const char *cell = "";

          if (column < r->n_cells)
            {
              cell = p;
              p += strlen (p) + 1;
            }
          ok = _tm_csv_convert_cell_onto (&imp, row, column, fields[column], cell, data, error);
        }

      if (ok && !tm_task_data_validate (data, &local_error))
        {
          _tm_csv_set_row_error (error, TM_CSV_ERROR_INVALID, &imp, row, local_error->message);
          ok = FALSE;
        }

      if (ok)
        {
          g_ptr_array_add (changed_tasks, task);
          g_ptr_array_add (changed_data, g_steal_pointer (&data));
        }
    }
  _tm_csv_import_clear (&imp);
  return ok;
}

/* The undo step's name: "Paste 3 Rows". */
static char *
paste_label (guint n_rows)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paste %u Row", "Paste %u Rows", n_rows), n_rows);
}

TmEditJob *
tm_csv_paste_begin (TmPortfolio        *portfolio,
                    const char         *text,
                    TmTask            **tasks,
                    guint               n_tasks,
                    const TmCsvField   *fields,
                    guint               n_fields,
                    guint              *n_changed,
                    GError            **error)
{
  g_autoptr(GPtrArray) changed_tasks = g_ptr_array_new ();
  g_autoptr(GPtrArray) changed_data = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autofree char *label = NULL;
  TmEditJob *job;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (tasks != NULL || n_tasks == 0, NULL);
  g_return_val_if_fail (fields != NULL && n_fields > 0, NULL);

  if (n_changed != NULL)
    *n_changed = 0;
  if (!read_paste (portfolio, text, tasks, n_tasks, fields, n_fields, changed_tasks, changed_data, error))
    return NULL;

  label = paste_label (changed_tasks->len);
  job = tm_portfolio_update_tasks_begin (portfolio, (TmTask **) changed_tasks->pdata,
                                         (TmTaskData **) changed_data->pdata, changed_tasks->len,
                                         label, error);
  if (job != NULL && n_changed != NULL)
    *n_changed = changed_tasks->len;
  return job;
}
