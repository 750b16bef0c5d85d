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
#include "store/tm-portfolio-private.h"

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

/* A paste in steps: the block read and its shape checked at once, then its
 * rows converted and checked a block at a time, then the edit. */
struct _TmCsvPasting {
  TmPortfolio *portfolio;      /* owned */
  TmCsvTable  *table;
  TmCsvField  *fields;         /* owned copy: the import maps the columns through it */
  guint        n_fields;
  Import       imp;
  GPtrArray   *tasks;          /* of TmTask, owned: row i's task at i */
  guint        row;            /* the next row of the table to convert */
  GPtrArray   *changes;        /* of TmChange, owned (no free func: free_changes()) */
};

static void
free_changes (GPtrArray *changes)
{
  g_ptr_array_set_free_func (changes, (GDestroyNotify) _tm_change_free);
  g_ptr_array_unref (changes);
}

/* Rows converted between two looks at the clock. */
#define PASTE_CHECK_ROWS 256

TmCsvPasting *
tm_csv_pasting_new (TmPortfolio        *portfolio,
                    const char         *text,
                    TmTask            **tasks,
                    guint               n_tasks,
                    const TmCsvField   *fields,
                    guint               n_fields,
                    GError            **error)
{
  g_autoptr(TmCsvTable) table = NULL;
  TmCsvPasting *pasting;
  guint n_rows;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (tasks != NULL || n_tasks == 0, NULL);
  g_return_val_if_fail (fields != NULL && n_fields > 0, NULL);

  /* Translators: the name of a paste in messages: "Pasted rows: row 2: …" */
  table = read_block (text, fields, n_fields, _("Pasted rows"), error);
  if (table == NULL)
    return NULL;

  if (table->rows->len == 0)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_EMPTY,
                   _("There is nothing to paste."));
      return NULL;
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
      return NULL;
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
      return NULL;
    }

  pasting = g_new0 (TmCsvPasting, 1);
  pasting->portfolio = g_object_ref (portfolio);
  pasting->table = g_steal_pointer (&table);
  pasting->fields = g_memdup2 (fields, n_fields * sizeof *fields);
  pasting->n_fields = n_fields;
  pasting->tasks = g_ptr_array_new_full (n_rows, g_object_unref);
  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_add (pasting->tasks, g_object_ref (tasks[i]));
  pasting->changes = g_ptr_array_new ();
  pasting->imp.table = pasting->table;
  pasting->imp.mapping = pasting->fields;
  pasting->imp.count_period = -1;
  _tm_csv_import_init (&pasting->imp, portfolio);
  return pasting;
}

/* Row @row of the table onto its task: its edit kept when it is valid. */
static gboolean
paste_row (TmCsvPasting  *pasting,
           guint          row,
           GError       **error)
{
  const TmCsvTable *table = pasting->table;
  const Row *r = &g_array_index (table->rows, Row, row);
  TmTask *task = g_ptr_array_index (pasting->tasks, r->number - 1);
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);
  g_autoptr(GError) local_error = NULL;
  const char *p = r->cells;

  for (guint column = 0; column < table->n_columns; column++)
    {
      const char *cell = "";

      if (column < r->n_cells)
        {
          cell = p;
          p += strlen (p) + 1;
        }
      if (!_tm_csv_convert_cell_onto (&pasting->imp, row, column, pasting->fields[column], cell, data, error))
        return FALSE;
    }

  if (!tm_task_data_validate (data, &local_error))
    {
      _tm_csv_set_row_error (error, TM_CSV_ERROR_INVALID, &pasting->imp, row, local_error->message);
      return FALSE;
    }

  return _tm_portfolio_add_task_edit (pasting->portfolio, pasting->changes, task, data, error);
}

gboolean
tm_csv_pasting_step (TmCsvPasting  *pasting,
                     gint64         deadline,
                     gboolean      *done,
                     GError       **error)
{
  g_return_val_if_fail (pasting != NULL && done != NULL, FALSE);

  *done = FALSE;
  while (pasting->row < pasting->table->rows->len)
    {
      if (!paste_row (pasting, pasting->row, error))
        return FALSE;
      pasting->row++;
      if (pasting->row % PASTE_CHECK_ROWS == 0 && pasting->row < pasting->table->rows->len &&
          g_get_monotonic_time () >= deadline)
        return TRUE;
    }
  *done = TRUE;
  return TRUE;
}

guint
tm_csv_pasting_get_n_rows (TmCsvPasting *pasting)
{
  g_return_val_if_fail (pasting != NULL, 0);

  return pasting->tasks->len;
}

double
tm_csv_pasting_get_fraction (TmCsvPasting *pasting)
{
  g_return_val_if_fail (pasting != NULL, 0.0);

  return pasting->table->rows->len > 0 ? (double) pasting->row / pasting->table->rows->len : 1.0;
}

/* The undo step's name: "Paste 3 Rows". */
static char *
paste_label (guint n_rows)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paste %u Row", "Paste %u Rows", n_rows), n_rows);
}

TmEditJob *
tm_csv_pasting_finish (TmCsvPasting  *pasting,
                       guint         *n_changed,
                       char         **message,
                       GError       **error)
{
  g_autoptr(TmCsvPasting) owned = pasting;
  g_autofree char *label = NULL;
  TmEditJob *job;
  guint n;

  g_return_val_if_fail (pasting != NULL, NULL);
  g_return_val_if_fail (pasting->row == pasting->table->rows->len, NULL);

  /* Every row is pasted, those that change nothing too. */
  n = pasting->table->rows->len;
  label = paste_label (n);
  job = _tm_portfolio_apply_begin (pasting->portfolio, label, g_steal_pointer (&pasting->changes), TRUE, error);
  if (job == NULL)
    return NULL;
  if (n_changed != NULL)
    *n_changed = n;
  if (message != NULL)
    /* Translators: after pasting rows from a spreadsheet into the task list */
    *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row pasted from “%s” on.",
                                             "%u rows pasted from “%s” on.", n),
                                n, tm_csv_field_get_label (pasting->fields[0]));
  return job;
}

void
tm_csv_pasting_free (TmCsvPasting *pasting)
{
  if (pasting == NULL)
    return;
  _tm_csv_import_clear (&pasting->imp);
  g_clear_pointer (&pasting->table, tm_csv_table_free);
  g_clear_pointer (&pasting->changes, free_changes);
  g_clear_pointer (&pasting->tasks, g_ptr_array_unref);
  g_clear_pointer (&pasting->fields, g_free);
  g_clear_object (&pasting->portfolio);
  g_free (pasting);
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
  g_autoptr(TmCsvPasting) pasting = NULL;
  gboolean done = FALSE;

  if (n_changed != NULL)
    *n_changed = 0;
  pasting = tm_csv_pasting_new (portfolio, text, tasks, n_tasks, fields, n_fields, error);
  if (pasting == NULL || !tm_csv_pasting_step (pasting, G_MAXINT64, &done, error))
    return NULL;
  return tm_csv_pasting_finish (g_steal_pointer (&pasting), n_changed, NULL, error);
}
