/* test-ui-exchange.c
 * File → Import and Export on a real display: the spreadsheet import dialog,
 * the review of a merge, the exports, the Unit column, and screenshots of
 * the dialogs in English, Danish and Norwegian bokmål.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-exchange"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dialogs/tm-import-dialog.h"
#include "dialogs/tm-merge-dialog.h"
#include "tm-window-private.h"
#include "tm-application.h"
#include "exchange/tm-csv.h"
#include "exchange/tm-xlsx.h"
#include "exchange/tm-xml.h"
#include "tm-test-ui.h"
#include "tm-gui-util.h"
#include "tm-test-util.h"

/* A dialog drawn with its text is far larger; an empty one far smaller. */
#define MIN_PNG_SIZE (8 * 1024)

static TmApplication *app;

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("TASKMAP_TEST_DATA"), "csv", name, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return g_file_new_for_path (path);
}

/* Imports @name through the window and returns the dialog it opens. */
static TmImportDialog *
open_csv (TmWindow   *window,
          const char *name)
{
  g_autoptr(GFile) file = fixture (name);
  GtkWindow *dialog;

  g_assert_null (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG));
  _tm_window_import_file (window, file);
  /* Read in a worker thread: the dialog comes a moment later. */
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) != NULL);
  g_assert_false (_tm_window_is_reading (window));
  dialog = tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));
  tm_test_wait_drawn (GTK_WIDGET (dialog));

  return TM_IMPORT_DIALOG (dialog);
}

static guint
get_field (TmImportDialog *dialog,
           guint           column)
{
  return gtk_drop_down_get_selected (_tm_import_dialog_get_field_drop_down (dialog, column));
}

static void
set_field (TmImportDialog *dialog,
           guint           column,
           TmCsvField      field)
{
  gtk_drop_down_set_selected (_tm_import_dialog_get_field_drop_down (dialog, column), field);
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static char *config_dir;

/* The spreadsheet dialog */

static void
test_csv_import (void)
{
  static const TmCsvField suggested[] = {
    TM_CSV_FIELD_TITLE, TM_CSV_FIELD_DESCRIPTION, TM_CSV_FIELD_GROUP, TM_CSV_FIELD_LEVEL,
    TM_CSV_FIELD_COMPLEXITY, TM_CSV_FIELD_MINUTES, TM_CSV_FIELD_OCCURRENCES, TM_CSV_FIELD_PER,
    TM_CSV_FIELD_SHIFTS, TM_CSV_FIELD_PERFORMED_BY, TM_CSV_FIELD_NOTES,
  };
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autoptr(GError) error = NULL;
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  TmImportDialog *dialog = open_csv (window, "excel-da-1252.csv");
  GtkWidget *default_widget;
  TmTask *task;

  /* What was detected, and a preview in the right encoding. */
  g_assert_true (contains (_tm_import_dialog_get_format_text (dialog), "Windows-1252"));
  g_assert_true (contains (_tm_import_dialog_get_format_text (dialog), "Semicolon (;)"));
  g_assert_cmpstr (_tm_import_dialog_get_preview_text (dialog, 0, 0), ==, "Tømme urinkolber");
  g_assert_cmpstr (_tm_import_dialog_get_preview_text (dialog, 2, 2), ==, "Patientnære opgaver");
  g_assert_null (_tm_import_dialog_get_preview_text (dialog, 4, 0));

  /* The mapping the headers suggest, and Import ready with Enter. */
  for (guint c = 0; c < G_N_ELEMENTS (suggested); c++)
    g_assert_cmpuint (get_field (dialog, c), ==, suggested[c]);
  g_assert_true (_tm_import_dialog_can_import (dialog));
  g_assert_null (_tm_import_dialog_get_status_text (dialog));
  default_widget = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_BUTTON (default_widget));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (default_widget)), ==, "_Import");
  g_assert_true (gtk_widget_has_focus (default_widget));

  /* The remarks into the description: a field twice, so Import waits. */
  set_field (dialog, 10, TM_CSV_FIELD_DESCRIPTION);
  g_assert_false (_tm_import_dialog_can_import (dialog));
  g_assert_true (contains (_tm_import_dialog_get_status_text (dialog), "“Description”"));
  g_assert_false (gtk_widget_get_sensitive (default_widget));
  g_assert_false (_tm_import_dialog_import (dialog));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);

  /* ... until the description column is left out. */
  set_field (dialog, 1, TM_CSV_FIELD_IGNORE);
  g_assert_true (_tm_import_dialog_can_import (dialog));
  g_assert_null (_tm_import_dialog_get_status_text (dialog));

  g_assert_true (_tm_import_dialog_import (dialog));
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);

  /* The rows, in the portfolio's task model and in the window's list. */
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 4);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 4);
  task = tm_test_find_task (portfolio, "Tømme urinkolber");
  g_assert_nonnull (task);
  g_assert_cmpstr (tm_task_get_description (task), ==,
                   "Måles diuresen, gives besked til sygeplejersken. Kolber à 5 € pr. stk.");
  g_assert_cmpstr (tm_task_get_group (task), ==, "Patientnære opgaver");
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (task), 12.5, 1e-9);
  task = tm_test_find_task (portfolio, "Servere mad & drikke");
  g_assert_nonnull (task);
  /* The description column was not imported. */
  g_assert_true (tm_task_get_description (task) == NULL || *tm_task_get_description (task) == '\0');
  g_assert_nonnull (tm_test_find_task (portfolio, "Koordinere udskrivelser"));

  /* The notification counts them, the ones without a time ("Vise nye patienter
   * rundt" has no minutes) and names the column with content left out. */
  g_assert_true (_tm_window_get_toast_visible (window));
  g_assert_cmpfloat (tm_task_get_hours_per_week (tm_test_find_task (portfolio, "Vise nye patienter rundt")), <, 0);
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==,
                   "4 tasks imported · 3 with a time, 1 without a time · Column “Beskrivelse” was not imported");

  /* One undo step takes them all away. */
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  g_assert_false (tm_portfolio_can_undo (portfolio));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

static void
test_csv_no_title (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  TmImportDialog *dialog = open_csv (window, "excel-da-1252.csv");

  set_field (dialog, 0, TM_CSV_FIELD_IGNORE);
  g_assert_false (_tm_import_dialog_can_import (dialog));
  g_assert_true (contains (_tm_import_dialog_get_status_text (dialog), "title"));
  g_assert_false (_tm_import_dialog_import (dialog));
  g_assert_nonnull (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG));

  /* Another column as the title will do. */
  set_field (dialog, 2, TM_CSV_FIELD_TITLE);
  g_assert_true (_tm_import_dialog_can_import (dialog));
  set_field (dialog, 2, TM_CSV_FIELD_GROUP);
  g_assert_false (_tm_import_dialog_can_import (dialog));

  /* Cancel (and Escape) close it; nothing was imported. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  g_assert_false (tm_portfolio_can_undo (portfolio));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* A bad value: the message in the dialog, which stays open. */
static void
test_csv_error (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  TmImportDialog *dialog = open_csv (window, "bad-level.csv");

  g_assert_null (_tm_import_dialog_get_error_text (dialog));
  g_assert_true (_tm_import_dialog_can_import (dialog));
  g_assert_false (_tm_import_dialog_import (dialog));
  g_assert_true (g_str_has_prefix (_tm_import_dialog_get_error_text (dialog), "bad-level.csv: row "));
  g_assert_true (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);

  /* Leaving the level out imports the rest. */
  set_field (dialog, 1, TM_CSV_FIELD_IGNORE);
  g_assert_null (_tm_import_dialog_get_error_text (dialog));
  g_assert_true (_tm_import_dialog_import (dialog));
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), >, 0);
  g_assert_nonnull (tm_test_find_task (portfolio, "Tage telefonen"));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

static gboolean
action_enabled (TmWindow   *window,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

/* Whether the group filter offers @group. */
static gboolean
has_group (TmWindow   *window,
           const char *group)
{
  GListModel *groups = G_LIST_MODEL (window->group_list);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    if (g_strcmp0 (gtk_string_list_get_string (window->group_list, i), group) == 0)
      return TRUE;
  return FALSE;
}

/* Opens the import dialog on the spreadsheet at @path. */
static TmImportDialog *
open_csv_path (TmWindow   *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_null (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG));
  _tm_window_import_file (window, file);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) != NULL);
  tm_test_wait_drawn (GTK_WIDGET (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG)));
  return TM_IMPORT_DIALOG (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG));
}

/* @n rows "Opgave k;k;2" under "Titel;Minutter;Antal" (a count without a
 * period); row @bad_row (1-based; 0 none) has minutes that are no number. */
static char *
write_rows (const char *dir,
            guint       n,
            guint       bad_row)
{
  g_autoptr(GString) text = g_string_new ("Titel;Minutter;Antal;Gruppe\r\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "afdelinger.csv", NULL);

  for (guint k = 1; k <= n; k++)
    g_string_append_printf (text, k == bad_row ? "Opgave %u;mange;2;Regionens nattevagt\r\n"
                                               : "Opgave %u;%u;2;Regionens nattevagt\r\n",
                            k, k % 40 + 1);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

/* A region's spreadsheet: its rows checked in steps in the dialog (an error
 * keeps it open), its tasks written in steps by the window with the bar
 * and Cancel; the period chosen is remembered and shown the next time. */
/* Cancel pressed while a file goes in: the window is editable again, says
 * so, and @portfolio is as it was (@before: its export then). */
static void
cancel_import (TmWindow    *window,
               TmPortfolio *portfolio,
               const char  *before)
{
  g_autofree char *after = NULL;

  g_assert_true (gtk_widget_get_sensitive (window->busy_cancel_button));
  g_signal_emit_by_name (window->busy_cancel_button, "clicked");
  g_assert_false (_tm_window_is_reading (window));
  g_assert_false (_tm_window_is_importing (window));
  g_assert_false (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->stack)));
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (window)));
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "Import cancelled. The portfolio is as it was.");
  after = tm_test_export_xml (portfolio);
  tm_test_assert_same_text (before, after);
  g_assert_true (action_enabled (window, "add-task"));
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Add Task");
}

/* A region's rows pasted go in in steps with the bar, like an import: the
 * window turned off meanwhile, Cancel leaves the portfolio as it was, and
 * the paste is one undo step. A few rows go in at once. */
static void
test_paste_in_steps (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autoptr(GString) block = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  TmCellEditor *editor;
  TmWindow *window;
  double fraction;
  guint steps = 0;

  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *title = g_strdup_printf ("Opgave %u", i + 1);

      tm_test_add_task (portfolio, title, 0);
      g_string_append_printf (block, "%u\t2\n", 5 + i % 40);
    }
  before = tm_test_export_xml (portfolio);
  window = tm_test_make_window (portfolio, 1024, 768);
  tm_test_wait_drawn (GTK_WIDGET (window));
  TM_WAIT_FOR (tm_test_models_settled (window));
  editor = _tm_window_get_cell_editor (window);
  _tm_window_set_import_steps (window, 0, TRUE);
  gtk_single_selection_set_selected (window->selection, 0);

  g_assert_true (tm_cell_editor_paste_text (editor, block->str, &error));
  g_assert_no_error (error);
  g_assert_true (_tm_window_is_busy (window));
  g_assert_true (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->busy_label), ==, "Pasting 600 rows…");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->stack)));
  for (const char *const *name = (const char *const[]) { "add-task", "undo", "import", "paste-rows", NULL };
       *name != NULL; name++)
    if (action_enabled (window, *name))
      FAIL ("win.%s is enabled while the rows go in", *name);
  fraction = gtk_progress_bar_get_fraction (window->busy_progress);
  for (guint i = 0; i < 3; i++)
    g_assert_true (_tm_window_take_import_step (window));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->busy_progress), >, fraction);

  /* Cancelled while writing: as it was. */
  g_assert_true (gtk_widget_get_sensitive (window->busy_cancel_button));
  g_signal_emit_by_name (window->busy_cancel_button, "clicked");
  g_assert_false (_tm_window_is_busy (window));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->stack)));
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "Stopped. Nothing was changed.");
  {
    g_autofree char *after = tm_test_export_xml (portfolio);

    tm_test_assert_same_text (before, after);
  }
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Add Task");

  /* The rows are converted in steps too: a bad value far down refuses the
   * block when its row is reached, naming it, with nothing changed. */
  {
    g_autoptr(GString) bad = g_string_new (block->str);
    g_autofree char *after = NULL;
    char *row = bad->str;

    for (guint i = 0; i < 589; i++)
      row = strchr (row, '\n') + 1;
    g_string_insert (bad, row - bad->str, "ten");
    gtk_single_selection_set_selected (window->selection, 0);
    g_assert_true (tm_cell_editor_paste_text (editor, bad->str, &error));
    g_assert_no_error (error);
    g_assert_true (_tm_window_is_busy (window));
    while (_tm_window_take_import_step (window))
      ;
    g_assert_false (_tm_window_is_busy (window));
    g_assert_true (contains (_tm_window_get_error_text (window), "row 590"));
    after = tm_test_export_xml (portfolio);
    tm_test_assert_same_text (before, after);
  }

  /* Once more, to the end. */
  gtk_single_selection_set_selected (window->selection, 0);
  g_assert_true (tm_cell_editor_paste_text (editor, block->str, &error));
  g_assert_no_error (error);
  while (_tm_window_take_import_step (window))
    steps++;
  g_assert_cmpuint (steps, >, 3);
  g_assert_false (_tm_window_is_busy (window));
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "600 rows pasted from “Minutes” on.");
  g_assert_cmpfloat (tm_task_get_minutes (tm_test_find_task (portfolio, "Opgave 1")), ==, 5);
  g_assert_cmpfloat (tm_task_get_minutes (tm_test_find_task (portfolio, "Opgave 600")), ==, 5 + 599 % 40);
  g_assert_cmpfloat (tm_task_get_occurrences (tm_test_find_task (portfolio, "Opgave 600")), ==, 2);
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Paste 600 Rows");

  /* One step to undo, in steps too. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  while (_tm_window_take_import_step (window))
    ;
  {
    g_autofree char *after = tm_test_export_xml (portfolio);

    tm_test_assert_same_text (before, after);
  }

  /* As the window pastes by itself: from 500 rows in steps, from an idle. */
  _tm_window_set_import_steps (window, -1, FALSE);
  gtk_single_selection_set_selected (window->selection, 0);
  g_assert_true (tm_cell_editor_paste_text (editor, block->str, &error));
  g_assert_no_error (error);
  g_assert_true (_tm_window_is_busy (window));
  TM_WAIT_FOR (!_tm_window_is_busy (window));
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "600 rows pasted from “Minutes” on.");
  g_assert_cmpfloat (tm_task_get_minutes (tm_test_find_task (portfolio, "Opgave 600")), ==, 5 + 599 % 40);

  /* A few rows: at once. */
  gtk_single_selection_set_selected (window->selection, 0);
  g_assert_true (tm_cell_editor_paste_text (editor, "7\t1\n8\t1\n9\t1\n", &error));
  g_assert_no_error (error);
  g_assert_false (_tm_window_is_busy (window));
  g_assert_cmpfloat (tm_task_get_minutes (tm_test_find_task (portfolio, "Opgave 3")), ==, 9);
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "3 rows pasted from “Minutes” on.");

  /* Longer than the rows from the selected one down: refused, counted right
   * (only as many tasks as the block has lines are taken from the list). */
  gtk_single_selection_set_selected (window->selection, 598);
  g_assert_false (tm_cell_editor_paste_text (editor, "7\t1\n8\t1\n9\t1\n", &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "3 rows were copied, but there are only 2 tasks from the selected one down.");
  g_clear_error (&error);

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* The mappings chosen by a test, forgotten: the next test starts from the
 * guesses, as its file's headers are the same. */
static void
forget_csv_mappings (void)
{
  g_autofree char *path = g_build_filename (config_dir, "csv-mappings.ini", NULL);

  g_remove (path);
}

/* @n rows of write_rows() given to Import… with the period chosen, and
 * Import pressed: at once, or their checks begun. */
static void
import_csv_rows (TmWindow   *window,
                 const char *dir,
                 guint       n)
{
  g_autofree char *path = write_rows (dir, n, 0);
  TmImportDialog *dialog = open_csv_path (window, path);

  gtk_drop_down_set_selected (_tm_import_dialog_get_period_drop_down (dialog), TM_PER_WEEK + 1);
  g_assert_true (_tm_import_dialog_import (dialog));
}

/* A window of the tests below closed, and what they left behind gone. */
static void
close_csv_window (TmWindow   *window,
                  const char *dir)
{
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_rm_rf (dir);
  forget_csv_mappings ();
  tm_test_spin (50);
}

/* A unit's spreadsheet of 50 rows already goes in steps: the list makes
 * the rows it shows in one frame, and 100 rows at once held the window
 * 95 ms. 49 rows still go in at once, with no bar. */
static void
test_csv_at_once_rows (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  TmWindow *window;

  window = tm_test_make_window (portfolio, 1024, 768);
  tm_test_wait_drawn (GTK_WIDGET (window));

  /* In at once: the tasks are there when Import returns. */
  import_csv_rows (window, dir, 49);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 49);
  g_assert_false (_tm_window_is_importing (window));
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);

  import_csv_rows (window, dir, 50);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 49);
  g_assert_true (_tm_window_is_importing (window) ||
                 _tm_import_dialog_is_checking (TM_IMPORT_DIALOG (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG))));
  TM_WAIT_FOR (!_tm_window_is_importing (window) && tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 99);

  close_csv_window (window, dir);
}

/* Undoing an import of 500 tasks goes in steps with the bar (at once it held
 * the window up to 104 ms at 1,000 tasks); of 400, at once. */
static void
test_undo_at_once_changes (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  const guint sizes[] = { 400, 500 };
  TmWindow *window;

  window = tm_test_make_window (portfolio, 1024, 768);
  tm_test_wait_drawn (GTK_WIDGET (window));

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gboolean in_steps = sizes[i] >= 500;

      import_csv_rows (window, dir, sizes[i]);
      TM_WAIT_FOR (!_tm_window_is_busy (window) && tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);
      g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, sizes[i]);

      g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
      g_assert_cmpint (_tm_window_is_busy (window), ==, in_steps);
      g_assert_cmpuint (tm_test_n_tasks (portfolio) == 0, ==, !in_steps);
      TM_WAIT_FOR (!_tm_window_is_busy (window));
      g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);

      g_action_group_activate_action (G_ACTION_GROUP (window), "redo", NULL);
      g_assert_cmpint (_tm_window_is_busy (window), ==, in_steps);
      TM_WAIT_FOR (!_tm_window_is_busy (window));
      g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, sizes[i]);
      g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
      TM_WAIT_FOR (!_tm_window_is_busy (window));
      g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
    }

  close_csv_window (window, dir);
}

static void
test_csv_in_steps (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TmWindow *window;
  TmImportDialog *dialog;
  GtkProgressBar *progress;
  double fraction;
  guint steps = 0;
  gboolean checked_groups = FALSE;

  tm_test_add_task (portfolio, "Egen opgave", 0);
  before = tm_test_export_xml (portfolio);
  window = tm_test_make_window (portfolio, 1024, 768);
  tm_test_wait_drawn (GTK_WIDGET (window));
  _tm_window_set_import_steps (window, 0, TRUE);

  /* A bad row near the end: found while checking; the dialog stays open. */
  path = write_rows (dir, 400, 390);
  dialog = open_csv_path (window, path);
  g_assert_cmpuint (gtk_drop_down_get_selected (_tm_import_dialog_get_period_drop_down (dialog)), ==, 0);
  gtk_drop_down_set_selected (_tm_import_dialog_get_period_drop_down (dialog), TM_PER_WEEK + 1);
  g_assert_true (_tm_import_dialog_can_import (dialog));
  _tm_import_dialog_set_steps (dialog, 100, FALSE);
  progress = _tm_import_dialog_get_progress (dialog);
  g_assert_true (_tm_import_dialog_import (dialog));
  g_assert_true (_tm_import_dialog_is_checking (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_cmpstr (gtk_progress_bar_get_text (progress), ==, "Checking 400 rows…");
  g_assert_false (_tm_import_dialog_can_import (dialog));
  /* Import again meanwhile: refused, one check at a time. */
  g_assert_false (_tm_import_dialog_import (dialog));
  TM_WAIT_FOR (!_tm_import_dialog_is_checking (dialog));
  g_assert_true (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == GTK_WINDOW (dialog));
  g_assert_true (g_str_has_prefix (_tm_import_dialog_get_error_text (dialog), "afdelinger.csv: row 391: "));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_true (_tm_import_dialog_can_import (dialog));
  g_assert_false (_tm_window_is_importing (window));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_free (path);

  /* Good rows: checked, then handed to the window, which writes in steps. */
  path = write_rows (dir, 400, 0);
  dialog = open_csv_path (window, path);
  gtk_drop_down_set_selected (_tm_import_dialog_get_period_drop_down (dialog), TM_PER_WEEK + 1);
  _tm_import_dialog_set_steps (dialog, 100, FALSE);
  g_assert_true (_tm_import_dialog_import (dialog));
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);
  g_assert_true (_tm_window_is_importing (window));
  g_assert_true (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->busy_label), ==, "Importing “afdelinger.csv”…");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->stack)));
  for (const char *const *name = (const char *const[]) { "add-task", "undo", "import", "export",
                                                          "committee-report", NULL };
       *name != NULL; name++)
    if (action_enabled (window, *name))
      FAIL ("win.%s is enabled while the spreadsheet goes in", *name);
  /* The rows are checked: the bar starts where the dialog's ended. */
  fraction = gtk_progress_bar_get_fraction (window->busy_progress);
  g_assert_cmpfloat (fraction, >=, 0.4);
  for (guint i = 0; i < 3; i++)
    g_assert_true (_tm_window_take_import_step (window));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->busy_progress), >, fraction);

  /* Cancelled while writing: as it was. */
  cancel_import (window, portfolio, before);

  /* Once more, to the end. The period chosen comes back with the mapping
   * (the dialog crashed on such a remembered period before). */
  dialog = open_csv_path (window, path);
  g_assert_cmpuint (gtk_drop_down_get_selected (_tm_import_dialog_get_period_drop_down (dialog)), ==,
                    TM_PER_WEEK + 1);
  g_assert_true (_tm_import_dialog_can_import (dialog));
  _tm_import_dialog_set_steps (dialog, 100, FALSE);
  g_assert_true (_tm_import_dialog_import (dialog));
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);
  while (_tm_window_take_import_step (window))
    {
      steps++;
      /* Half in memory: the group filter waits for the end (with a
       * region's tasks each look takes some 80 ms). */
      if (tm_test_n_tasks (portfolio) > 1 && tm_test_n_tasks (portfolio) < 401 && !checked_groups)
        {
          tm_test_spin (100);
          g_assert_false (has_group (window, "Regionens nattevagt"));
          checked_groups = TRUE;
        }
    }
  g_assert_cmpuint (steps, >, 5);
  g_assert_true (checked_groups);
  /* ... and once it is in, the filter offers the new group. */
  TM_WAIT_FOR (has_group (window, "Regionens nattevagt"));
  g_assert_false (_tm_window_is_importing (window));
  g_assert_false (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 401);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 401);
  g_assert_true (g_str_has_prefix (_tm_window_get_toast_text (window),
                                   "400 tasks imported · 400 with a time, 0 without a time"));
  /* 2 times a week of 13 minutes: 26 minutes a week. */
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_find_task (portfolio, "Opgave 12")),
                                  26.0 / 60.0, 1e-9);
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Add Tasks");
  g_assert_true (action_enabled (window, "undo"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  while (_tm_window_take_import_step (window))
    ;
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);

  _tm_window_set_import_steps (window, -1, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  tm_test_rm_rf (dir);
}

/* A file that is no spreadsheet: the error bar, and no dialog. */
static void
test_csv_unreadable (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autoptr(GFile) file = fixture ("binary.csv");
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);

  _tm_window_import_file (window, file);
  TM_WAIT_FOR (!_tm_window_is_reading (window));
  g_assert_true (contains (_tm_window_get_error_text (window), "binary.csv"));
  tm_test_spin (50);
  g_assert_null (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* Exports */

static gboolean
file_starts_with (const char *path,
                  const char *prefix,
                  gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &contents, &size, NULL))
    return FALSE;

  return size > length && memcmp (contents, prefix, length) == 0;
}

static GFile *
export_to (TmWindow       *window,
           const char     *dir,
           const char     *name,
           TmWindowExport  format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GFile *file = g_file_new_for_path (path);

  g_assert_true (_tm_window_export_portfolio (window, file, format, &error));
  g_assert_no_error (error);

  return file;
}

static void
test_export (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autoptr(GFile) xml = NULL;
  g_autoptr(GFile) catalogue = NULL;
  g_autoptr(GFile) matrix = NULL;
  g_autofree char *catalogue_text = NULL;
  g_autofree char *matrix_text = NULL;
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);

  xml = export_to (window, dir, "ward.xml", TM_WINDOW_EXPORT_XML);
  catalogue = export_to (window, dir, "catalogue.csv", TM_WINDOW_EXPORT_CSV_CATALOGUE);
  matrix = export_to (window, dir, "matrix.csv", TM_WINDOW_EXPORT_CSV_MATRIX);

  g_assert_true (file_starts_with (g_file_peek_path (xml), "<?xml", 5));
  /* For Excel: UTF-8 with a BOM. */
  g_assert_true (file_starts_with (g_file_peek_path (catalogue), "\xef\xbb\xbf", 3));
  g_assert_true (file_starts_with (g_file_peek_path (matrix), "\xef\xbb\xbf", 3));
  g_assert_true (g_file_get_contents (g_file_peek_path (catalogue), &catalogue_text, NULL, NULL));
  g_assert_true (g_file_get_contents (g_file_peek_path (matrix), &matrix_text, NULL, NULL));
  g_assert_true (strstr (catalogue_text, tm_task_get_title (tm_test_task_at (portfolio, 0))) != NULL);
  g_assert_cmpstr (catalogue_text, !=, matrix_text);

  if (tm_xlsx_is_supported ())
    {
      g_autoptr(GFile) xlsx = export_to (window, dir, "ward.xlsx", TM_WINDOW_EXPORT_XLSX);

      /* A zip archive. */
      g_assert_true (file_starts_with (g_file_peek_path (xlsx), "PK\x03\x04", 4));
    }

  /* The XML reads back, whole. */
  g_assert_true (tm_xml_import_file (copy, xml, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_test_n_tasks (copy), ==, 42);
  g_assert_nonnull (tm_test_find_task (copy, tm_task_get_title (tm_test_task_at (portfolio, 0))));

  /* A place that cannot be written: an error, named. */
  {
    g_autofree char *path = g_build_filename (dir, "missing", "ward.xml", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_false (_tm_window_export_portfolio (window, file, TM_WINDOW_EXPORT_XML, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  tm_test_rm_rf (dir);
}

/* The menu's way in: the actions, their keys and the file choosers */

static gboolean
has_key_binding (GtkWidget  *widget,
                 guint       keyval,
                 const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean found = FALSE;

  for (guint i = 0; !found && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; !found && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          found = GTK_IS_KEYVAL_TRIGGER (trigger) &&
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == GDK_CONTROL_MASK &&
                  GTK_IS_NAMED_ACTION (action) &&
                  g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                             action_name) == 0;
        }
    }

  return found;
}

static GtkWindow *
wait_for_chooser (void)
{
  TM_WAIT_FOR (tm_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL &&
            gtk_widget_get_visible (GTK_WIDGET (tm_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG))));

  return tm_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
}

static void
wait_chooser_gone (void)
{
  TM_WAIT_FOR (tm_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL ||
            !gtk_widget_get_visible (GTK_WIDGET (tm_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG))));
}

static void
test_choosers (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "workshop.csv", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  gsize written_length = 0, expected_length = 0;
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  GActionGroup *actions = G_ACTION_GROUP (window);
  GtkWindow *chooser;

  g_assert_true (has_key_binding (GTK_WIDGET (window), GDK_KEY_i, "win.import"));
  g_assert_true (has_key_binding (GTK_WIDGET (window), GDK_KEY_e, "win.export"));
  g_assert_true (g_action_group_get_action_enabled (actions, "import"));
  g_assert_true (g_action_group_get_action_enabled (actions, "export"));
  g_assert_true (g_action_group_has_action (actions, "export-workbook") == tm_xlsx_is_supported ());

  /* Import: XML and spreadsheets; Cancel leaves everything as it was. */
  g_action_group_activate_action (actions, "import", NULL);
  chooser = wait_for_chooser ();
  {
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));

    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 3);
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  wait_chooser_gone ();
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 42);

  /* Export the matrix: a name without extension gets ".csv". */
  g_action_group_activate_action (actions, "export", g_variant_new_string ("matrix"));
  chooser = wait_for_chooser ();
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Export the Matrix as CSV");
  {
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    g_assert_true (g_str_has_suffix (name, ".csv"));
  }
  /* A whole path typed as the name, as a user may; the folder is then the test's. */
  {
    g_autofree char *target = g_build_filename (dir, "workshop", NULL);
    g_autoptr(GFile) chosen = NULL;

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), target);
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
    g_assert_nonnull (chosen);
    g_assert_cmpstr (g_file_peek_path (chosen), ==, target);
  }
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  TM_WAIT_FOR (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  wait_chooser_gone ();

  /* The matrix of the scenario shown, byte for byte. */
  g_assert_true (g_file_get_contents (path, &written, &written_length, NULL));
  expected = tm_csv_export_matrix (portfolio, _tm_window_get_scenario_id (window),
                                   &expected_length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (written, written_length, expected, expected_length);
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "Exported as “workshop.csv”");

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  tm_test_rm_rf (dir);
}

/* XML import and the merge review */

/* Replaces the only occurrence of @old in @path by @new. */
static void
replace_in_file (const char *path,
                 const char *old,
                 const char *new)
{
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  char *at;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  at = strstr (contents, old);
  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));

  text = g_string_new_len (contents, at - contents);
  g_string_append (text, new);
  g_string_append (text, at + strlen (old));
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
}

static char *
element (const char *name,
         const char *text)
{
  return g_strdup_printf ("<%s>%s</%s>", name, text, name);
}

static void
test_xml_added (void)
{
  g_autoptr(TmPortfolio) source = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "example.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TmWindow *window;

  g_assert_true (tm_xml_export_file (source, file, &error));
  g_assert_no_error (error);

  /* Only new tasks: imported at once, no review. */
  window = tm_test_make_window (portfolio, 1280, 800);
  _tm_window_import_file (window, file);
  /* Read in a worker thread: the window goes on meanwhile. */
  g_assert_true (_tm_window_is_reading (window));
  g_assert_nonnull (gtk_widget_get_cursor (GTK_WIDGET (window)));
  TM_WAIT_FOR (!_tm_window_is_reading (window));
  /* On a slow machine the first step may not bring all 42 in: then the rest
   * go in from the idle. */
  TM_WAIT_FOR (!_tm_window_is_busy (window));
  tm_test_spin (100);
  /* The busy cursor lasted until the tasks were in, and no longer. */
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (window)));
  g_assert_null (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG));
  g_assert_null (_tm_window_get_error_text (window));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 42);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 42);
  g_assert_true (_tm_window_get_toast_visible (window));
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "42 tasks added.");

  /* Again: nothing new. */
  _tm_window_import_file (window, file);
  TM_WAIT_FOR (!_tm_window_is_reading (window));
  TM_WAIT_FOR (!_tm_window_is_busy (window));
  tm_test_spin (100);
  g_assert_null (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG));
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (window)));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 42);
  g_assert_true (contains (_tm_window_get_toast_text (window), "Nothing to import"));

  /* One undo step. */
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  tm_test_rm_rf (dir);
}

/* A file of @n tasks in @dir, as a unit exports it. */
static GFile *
named_unit_file (const char *dir,
                 const char *name,
                 const char *unit_name,
                 guint       n)
{
  g_autoptr(TmPortfolio) unit = tm_test_new_portfolio (TM_COUNTRY_DK, unit_name);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GFile *file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Opgave %u", i);

      tm_test_add_task (unit, title, 0);
    }
  g_assert_true (tm_xml_export_file (unit, file, &error));
  g_assert_no_error (error);
  return file;
}

static GFile *
unit_file (const char *dir,
           const char *name,
           guint       n)
{
  return named_unit_file (dir, name, "Afsnit 9", n);
}

/* Takes the regional merge's steps by hand, waiting for each file's read;
 * how many steps it took. */
static guint
merge_units_to_end (TmWindow *window)
{
  guint steps = 0;

  while (_tm_window_take_import_step (window))
    {
      steps++;
      TM_WAIT_FOR (window->units == NULL || !tm_merge_units_is_waiting (window->units));
    }
  return steps;
}

/* File → Merge Units…: the units' files go into the region in steps, with
 * the bar counting the files, read ahead in a worker thread. Cancel leaves
 * the region as it was; to the end, it says what came of it and is one undo
 * step; an unreadable file refuses the whole merge, naming the file. */
static void
test_merge_units (void)
{
  g_autoptr(TmPortfolio) region = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Nord");
  g_autoptr(TmPortfolio) unit_b = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit B");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autofree char *before = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *again = NULL;
  g_autofree char *path_bad = g_build_filename (dir, "broken.xml", NULL);
  GFile *files[4];
  double fraction;
  TmWindow *window;
  GtkWindow *chooser;
  guint steps = 0;

  files[0] = named_unit_file (dir, "a.xml", "Afsnit A", 300);
  /* B began from A's file: its 300 tasks have A's ids, under another unit. */
  {
    g_autofree char *path_a = g_file_get_path (files[0]);
    g_autofree char *path_b = g_build_filename (dir, "b.xml", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(TmMergePlan) plan = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path_a, &contents, &length, &error));
    plan = tm_merge_plan_new (unit_b, contents, length, "a.xml", &error);
    g_assert_no_error (error);
    g_assert_true (tm_merge_plan_apply (plan, &error));
    g_assert_no_error (error);
    /* Taken into an empty portfolio, the file's unit details came along. */
    g_assert_true (tm_portfolio_set_unit (unit_b, "Afsnit B", tm_portfolio_get_organisation (unit_b),
                                          tm_portfolio_get_setting (unit_b), tm_portfolio_get_notes (unit_b),
                                          &error));
    g_assert_no_error (error);
    files[1] = g_file_new_for_path (path_b);
    g_assert_true (tm_xml_export_file (unit_b, files[1], &error));
    g_assert_no_error (error);
  }
  files[2] = named_unit_file (dir, "c.xml", "Afsnit C", 300);
  g_assert_true (g_file_set_contents (path_bad, "<?xml version=\"1.0\"?><taskmap", -1, &error));
  files[3] = g_file_new_for_path (path_bad);

  tm_test_add_task (region, "Regionens egen opgave", 0);
  before = tm_test_export_xml (region);
  window = tm_test_make_window (region, 1024, 768);
  tm_test_wait_drawn (GTK_WIDGET (window));
  _tm_window_set_import_steps (window, 0, TRUE);

  /* The chooser takes many files; Cancel there changes nothing. */
  g_assert_true (action_enabled (window, "merge-units"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "merge-units", NULL);
  chooser = wait_for_chooser ();
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Merge the Units’ Files");
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  wait_chooser_gone ();
  g_assert_false (_tm_window_is_busy (window));

  /* Under way: the bar counts the files, the rest of the window is off. */
  _tm_window_merge_units (window, files, 3);
  g_assert_true (_tm_window_is_busy (window));
  g_assert_true (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->busy_label), ==, "Merging 0/3 files…");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->stack)));
  g_assert_false (action_enabled (window, "merge-units"));
  g_assert_false (action_enabled (window, "import"));
  g_assert_false (action_enabled (window, "undo"));
  fraction = gtk_progress_bar_get_fraction (window->busy_progress);
  /* The files are read ahead of the merge, two at the most: with no step
   * taken, the third waits (a region's 200 files are not all held at once). */
  TM_WAIT_FOR (window->units_next == 2 && window->units_cancellable == NULL);
  tm_test_spin (100);
  g_assert_cmpuint (window->units_next, ==, 2);
  g_assert_cmpuint (tm_merge_units_get_n_done (window->units), ==, 0);
  while (tm_merge_units_get_n_done (window->units) < 1)
    {
      g_assert_true (_tm_window_take_import_step (window));
      TM_WAIT_FOR (!tm_merge_units_is_waiting (window->units));
    }
  g_assert_cmpstr (gtk_label_get_text (window->busy_label), ==, "Merging 1/3 files…");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->busy_progress), >, fraction);
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 1);

  /* Cancelled: the region as it was. */
  g_assert_true (gtk_widget_get_sensitive (window->busy_cancel_button));
  g_signal_emit_by_name (window->busy_cancel_button, "clicked");
  g_assert_false (_tm_window_is_busy (window));
  g_assert_false (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "Merge cancelled. The portfolio is as it was.");
  again = tm_test_export_xml (region);
  tm_test_assert_same_text (before, again);
  g_clear_pointer (&again, g_free);

  /* To the end, the files given in another order than their names'. */
  {
    GFile *shuffled[3] = { files[1], files[2], files[0] };

    _tm_window_merge_units (window, shuffled, 3);
  }
  steps = merge_units_to_end (window);
  g_test_message ("%u steps", steps);
  /* At least a step a file: each is sorted in steps of its own. */
  g_assert_cmpuint (steps, >=, 3);
  g_assert_false (_tm_window_is_busy (window));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (window->stack)));
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 901);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 901);
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==,
                   "3 unit files merged. 900 tasks added. 300 tasks that another unit also has "
                   "were given ids of their own.");
  g_assert_cmpstr (tm_portfolio_get_undo_label (region), ==, "Undo: Merge Units");
  merged = tm_test_export_xml (region);

  /* The files go in in the order of their names, whatever order they are
   * given in: A's tasks keep their ids, B's copies of them get their own. */
  {
    g_autoptr(TmPortfolio) unit_a = NULL;
    g_autofree char *path_a = g_file_get_path (files[0]);
    g_autoptr(GFile) file_a = g_file_new_for_path (path_a);

    unit_a = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Afsnit A", &error);
    g_assert_no_error (error);
    {
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(TmMergePlan) plan = NULL;

      g_assert_true (g_file_get_contents (path_a, &contents, &length, &error));
      plan = tm_merge_plan_new (unit_a, contents, length, "a.xml", &error);
      g_assert_no_error (error);
      g_assert_true (tm_merge_plan_apply (plan, &error));
      g_assert_no_error (error);
    }
    for (guint i = 0; i < 300; i++)
      {
        TmTask *mine = tm_portfolio_lookup_task (region, tm_task_get_uuid (tm_test_task_at (unit_a, i)));

        g_assert_nonnull (mine);
        g_assert_cmpstr (tm_task_get_unit (mine), ==, "Afsnit A");
      }
  }

  /* The same files merged at once give the same region. */
  {
    g_autoptr(TmPortfolio) at_once = tm_test_new_portfolio (TM_COUNTRY_DK, "Region Nord");
    tm_test_add_task (at_once, "Regionens egen opgave", 0);
    g_assert_true (tm_merge_units (at_once, files, 3, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (tm_test_n_tasks (at_once), ==, 901);
    for (guint i = 1; i < 901; i++)
      g_assert_cmpstr (tm_task_get_uuid (tm_test_task_at (region, i)), ==,
                       tm_task_get_uuid (tm_test_task_at (at_once, i)));
  }

  /* One undo step, undone in steps too. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  while (_tm_window_take_import_step (window))
    ;
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 1);
  again = tm_test_export_xml (region);
  tm_test_assert_same_text (before, again);
  g_clear_pointer (&again, g_free);

  /* An unreadable file refuses the whole merge and names the file. */
  _tm_window_merge_units (window, files, 4);
  merge_units_to_end (window);
  tm_test_spin (50);
  g_assert_true (contains (_tm_window_get_error_text (window), "broken.xml"));
  g_assert_false (_tm_window_is_busy (window));
  again = tm_test_export_xml (region);
  tm_test_assert_same_text (before, again);
  g_clear_pointer (&again, g_free);

  /* Steps from the main loop, as in the app. */
  _tm_window_set_import_steps (window, 0, FALSE);
  _tm_window_merge_units (window, files, 3);
  TM_WAIT_FOR (!_tm_window_is_busy (window));
  again = tm_test_export_xml (region);
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 901);

  /* Closing the window mid-way rolls back what was not saved. */
  g_assert_true (tm_portfolio_undo (region, &error));
  g_assert_no_error (error);
  _tm_window_set_import_steps (window, 0, TRUE);
  _tm_window_merge_units (window, files, 3);
  g_assert_true (_tm_window_take_import_step (window));
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (100);
  g_assert_cmpuint (tm_test_n_tasks (region), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
  tm_test_rm_rf (dir);
}

/* A region's file goes in in steps: the bar names the file and shows how far
 * it got, the window goes on drawing, and nothing else can be changed
 * meanwhile. Cancel before it is saved leaves the portfolio as it was; let
 * run, it is all there and one undo step. */
static void
test_xml_in_steps (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autoptr(GFile) file = unit_file (dir, "region.xml", 600);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *total_before = NULL;
  gboolean checked_summary = FALSE;
  GdkFrameClock *clock;
  gint64 frames;
  double fraction;
  TmWindow *window;
  guint steps = 0;

  tm_test_add_task (portfolio, "Egen opgave", 0);
  before = tm_test_export_xml (portfolio);
  window = tm_test_make_window (portfolio, 1024, 768);
  tm_test_wait_drawn (GTK_WIDGET (window));
  total_before = g_strdup (tm_summary_bar_get_total_text (window->summary_bar));
  g_assert_true (contains (total_before, "1 task"));
  g_assert_true (action_enabled (window, "undo"));

  /* Read, the file is compared with the portfolio in steps under the bar
   * (some 100 ms for 100,000 tasks); cancelled there, nothing has changed. */
  _tm_window_set_import_steps (window, 0, TRUE);
  _tm_window_import_file (window, file);
  TM_WAIT_FOR (_tm_window_is_planning (window));
  g_assert_true (_tm_window_is_reading (window));
  g_assert_false (_tm_window_is_importing (window));
  g_assert_true (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->busy_label), ==, "Reading “region.xml”…");
  g_assert_true (gtk_widget_get_sensitive (window->busy_cancel_button));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->stack)));
  g_assert_false (action_enabled (window, "import"));
  g_assert_false (action_enabled (window, "undo"));
  fraction = gtk_progress_bar_get_fraction (window->busy_progress);
  g_assert_true (_tm_window_take_import_step (window));
  g_assert_true (_tm_window_is_planning (window));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->busy_progress), >, fraction);
  /* Comparing is the first tenth of the bar: the import goes on from there. */
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->busy_progress), <=, 0.1);
  cancel_import (window, portfolio, before);

  /* Again: the last step of comparing sets the import going, each step of
   * it a few dozen changes, taken by the test. */
  _tm_window_import_file (window, file);
  tm_test_wait_planned (window);
  g_assert_true (_tm_window_is_importing (window));
  g_assert_false (_tm_window_is_reading (window));
  g_assert_true (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->busy_label), ==, "Importing “region.xml”…");
  /* One bar from reading to the end: it does not start again at nothing. */
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->busy_progress), >=, 0.1);
  g_assert_true (gtk_widget_get_sensitive (window->busy_cancel_button));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (window->stack)));
  g_assert_nonnull (gtk_widget_get_cursor (GTK_WIDGET (window)));
  for (const char *const *name = (const char *const[]) { "add-task", "undo", "import", "export",
                                                          "committee-report", "professions", NULL };
       *name != NULL; name++)
    if (action_enabled (window, *name))
      FAIL ("win.%s is enabled while the file goes in", *name);
  g_assert_true (action_enabled (window, "find"));

  /* The figures wait for the end (the summary adds up every task). */
  g_assert_cmpstr (tm_summary_bar_get_total_text (window->summary_bar), ==, total_before);

  /* The bar moves and the window draws between steps. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  fraction = gtk_progress_bar_get_fraction (window->busy_progress);
  for (guint i = 0; i < 5; i++)
    g_assert_true (_tm_window_take_import_step (window));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->busy_progress), >, fraction);
  frames = gdk_frame_clock_get_frame_counter (clock);
  tm_test_spin (100);
  g_assert_cmpint (gdk_frame_clock_get_frame_counter (clock), >, frames);

  /* Cancelled while writing: as it was, and editable again. */
  cancel_import (window, portfolio, before);
  g_assert_true (action_enabled (window, "undo"));

  /* Again, to the end: once saved it can no longer be cancelled. */
  _tm_window_import_file (window, file);
  tm_test_wait_planned (window);
  g_assert_true (_tm_window_is_importing (window));
  while (_tm_window_take_import_step (window))
    {
      steps++;
      /* Half in memory, the figures wait for the end. */
      if (!checked_summary && tm_test_n_tasks (portfolio) > 1 && tm_test_n_tasks (portfolio) < 601)
        {
          tm_test_spin (400);
          g_assert_cmpstr (tm_summary_bar_get_total_text (window->summary_bar), ==, total_before);
          checked_summary = TRUE;
        }
      if (!gtk_widget_get_sensitive (window->busy_cancel_button))
        g_assert_cmpfloat (gtk_progress_bar_get_fraction (window->busy_progress), >=, 0.8);
    }
  g_assert_cmpuint (steps, >, 20);
  g_assert_true (checked_summary);
  g_assert_false (_tm_window_is_importing (window));
  g_assert_false (gtk_revealer_get_reveal_child (window->busy_revealer));
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (window)));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 601);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 601);
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "600 tasks added.");
  TM_WAIT_FOR (contains (tm_summary_bar_get_total_text (window->summary_bar), "601 tasks"));
  g_assert_true (action_enabled (window, "undo"));
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Import");

  /* Undo of a region's import goes in steps too; stopped, nothing is undone. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  g_assert_true (_tm_window_is_busy (window));
  g_assert_cmpstr (gtk_label_get_text (window->busy_label), ==, "Undo: Import…");
  g_assert_false (action_enabled (window, "redo"));
  for (guint i = 0; i < 3; i++)
    g_assert_true (_tm_window_take_import_step (window));
  g_assert_true (gtk_widget_get_sensitive (window->busy_cancel_button));
  g_signal_emit_by_name (window->busy_cancel_button, "clicked");
  g_assert_false (_tm_window_is_busy (window));
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "Stopped. Nothing was changed.");
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 601);
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Import");

  g_action_group_activate_action (G_ACTION_GROUP (window), "undo", NULL);
  steps = 0;
  while (_tm_window_take_import_step (window))
    steps++;
  g_assert_cmpuint (steps, >, 10);
  g_assert_false (_tm_window_is_busy (window));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  g_assert_cmpuint (tm_test_n_rows (window), ==, 1);
  g_assert_cmpstr (tm_portfolio_get_redo_label (portfolio), ==, "Redo: Import");

  g_action_group_activate_action (G_ACTION_GROUP (window), "redo", NULL);
  g_assert_cmpstr (gtk_label_get_text (window->busy_label), ==, "Redo: Import…");
  while (_tm_window_take_import_step (window))
    ;
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 601);
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);

  /* Steps from the main loop, as in the app; closing the window mid-way
   * rolls back what was not saved. */
  _tm_window_set_import_steps (window, 0, FALSE);
  _tm_window_import_file (window, file);
  TM_WAIT_FOR (!_tm_window_is_reading (window));
  TM_WAIT_FOR (!_tm_window_is_importing (window));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 601);
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);

  _tm_window_set_import_steps (window, 0, TRUE);
  _tm_window_import_file (window, file);
  tm_test_wait_planned (window);
  g_assert_true (_tm_window_is_importing (window));
  g_assert_true (_tm_window_take_import_step (window));
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  tm_test_add_task (portfolio, "Efter vinduet", 0);

  tm_test_rm_rf (dir);
}

/* The window closed while a file is read in its worker thread: the file
 * read is dropped, no dialog comes, and the portfolio is not touched. */
static void
test_xml_closed_while_reading (void)
{
  g_autoptr(TmPortfolio) source = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit 3");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "example.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint64 edits = tm_portfolio_get_edit_count (portfolio);
  TmWindow *window;

  g_assert_true (tm_xml_export_file (source, file, &error));
  g_assert_no_error (error);

  window = tm_test_make_window (portfolio, 1280, 800);
  _tm_window_import_file (window, file);
  g_assert_true (_tm_window_is_reading (window));
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (300);

  g_assert_null (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);

  /* The same for a spreadsheet: no import dialog for a closed window. */
  {
    g_autoptr(GFile) csv = fixture ("excel-da-1252.csv");

    window = tm_test_make_window (portfolio, 1280, 800);
    _tm_window_import_file (window, csv);
    g_assert_true (_tm_window_is_reading (window));
    gtk_window_destroy (GTK_WINDOW (window));
    tm_test_spin (300);
    g_assert_null (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG));
    g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  }
  tm_test_rm_rf (dir);
}

static void
test_xml_error (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autofree char *path = g_build_filename (g_getenv ("TASKMAP_TEST_DATA"), "xml", "truncated.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  guint64 edits = tm_portfolio_get_edit_count (portfolio);

  _tm_window_import_file (window, file);
  TM_WAIT_FOR (!_tm_window_is_reading (window));
  tm_test_spin (50);
  g_assert_true (contains (_tm_window_get_error_text (window), "truncated.xml"));
  g_assert_null (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 42);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

static void
test_xml_merge (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autofree char *first = g_strdup (tm_task_get_title (tm_test_task_at (portfolio, 2)));
  g_autofree char *second = g_strdup (tm_task_get_title (tm_test_task_at (portfolio, 5)));
  g_autofree char *first_theirs = g_strconcat (first, " (evening)", NULL);
  g_autofree char *second_theirs = g_strconcat (second, " (night)", NULL);
  g_autofree char *old = NULL;
  g_autofree char *new = NULL;
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  g_autoptr(GFile) file = export_to (window, dir, "ward.xml", TM_WINDOW_EXPORT_XML);
  TmMergeDialog *dialog;
  guint64 edits;

  /* The copy comes back with two tasks renamed elsewhere. */
  old = element ("title", first);
  new = element ("title", first_theirs);
  replace_in_file (g_file_peek_path (file), old, new);
  g_free (old);
  g_free (new);
  old = element ("title", second);
  new = element ("title", second_theirs);
  replace_in_file (g_file_peek_path (file), old, new);

  /* Cancel changes nothing. */
  edits = tm_portfolio_get_edit_count (portfolio);
  _tm_window_import_file (window, file);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG) != NULL);
  dialog = TM_MERGE_DIALOG (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG));
  tm_test_wait_drawn (GTK_WIDGET (dialog));
  g_assert_cmpuint (_tm_merge_dialog_get_n_rows (dialog), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG) == NULL);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  g_assert_nonnull (tm_test_find_task (portfolio, first));

  /* Again, and this time decide. */
  _tm_window_import_file (window, file);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG) != NULL);
  dialog = TM_MERGE_DIALOG (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  tm_test_wait_drawn (GTK_WIDGET (dialog));

  /* The same time on both copies: conflicts, kept as they are unless chosen. */
  g_assert_cmpuint (_tm_merge_dialog_get_n_rows (dialog), ==, 2);
  g_assert_true (contains (_tm_merge_dialog_get_summary_text (dialog), "0 new tasks"));
  g_assert_true (contains (_tm_merge_dialog_get_summary_text (dialog), "2 conflicts"));
  g_assert_true (contains (_tm_merge_dialog_get_summary_text (dialog), "40 unchanged tasks"));
  for (guint row = 0; row < 2; row++)
    {
      g_assert_true (contains (_tm_merge_dialog_get_row_details (dialog, row), "title"));
      g_assert_cmpuint (gtk_drop_down_get_selected (_tm_merge_dialog_get_choice_drop_down (dialog, row)),
                        ==, TM_MERGE_KEEP_MINE);
    }

  /* "Take theirs" for every conflict, then "keep mine" for the second. */
  _tm_merge_dialog_set_all_conflicts (dialog, TM_MERGE_TAKE_THEIRS);
  for (guint row = 0; row < 2; row++)
    g_assert_cmpuint (gtk_drop_down_get_selected (_tm_merge_dialog_get_choice_drop_down (dialog, row)),
                      ==, TM_MERGE_TAKE_THEIRS);
  gtk_drop_down_set_selected (_tm_merge_dialog_get_choice_drop_down (dialog, 1), TM_MERGE_KEEP_MINE);

  /* The window takes the plan over and steps it, as any import. */
  _tm_window_set_import_steps (window, 0, TRUE);
  g_assert_true (_tm_merge_dialog_import (dialog));
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG) == NULL);
  g_assert_true (_tm_window_is_importing (window));
  while (_tm_window_take_import_step (window))
    ;
  g_assert_false (_tm_window_is_importing (window));
  _tm_window_set_import_steps (window, -1, FALSE);

  g_assert_null (tm_test_find_task (portfolio, first));
  g_assert_nonnull (tm_test_find_task (portfolio, first_theirs));
  g_assert_nonnull (tm_test_find_task (portfolio, second));
  g_assert_null (tm_test_find_task (portfolio, second_theirs));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 42);
  g_assert_true (_tm_window_get_toast_visible (window));
  g_assert_true (contains (_tm_window_get_toast_text (window), "1 task updated."));

  /* One undo step. */
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_nonnull (tm_test_find_task (portfolio, first));
  g_assert_null (tm_test_find_task (portfolio, first_theirs));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  tm_test_rm_rf (dir);
}

/* The Unit column: only where tasks have units. */
static void
test_unit_column (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  GtkColumnViewColumn *column = _tm_window_get_unit_column (window);

  g_assert_false (gtk_column_view_column_get_visible (column));

  g_free (data->title);
  data->title = g_strdup ("Modtage nye patienter");
  data->unit = g_strdup ("Afsnit 7");
  g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_no_error (error);
  TM_WAIT_FOR (gtk_column_view_column_get_visible (column));

  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  TM_WAIT_FOR (!gtk_column_view_column_get_visible (column));

  /* A task of the portfolio given a unit. */
  {
    g_autoptr(TmTaskData) changed = tm_task_dup_data (tm_test_task_at (portfolio, 4));

    g_free (changed->unit);
    changed->unit = g_strdup ("Afsnit 9");
    g_assert_true (tm_portfolio_update_task (portfolio, tm_test_task_at (portfolio, 4), changed, NULL, &error));
    g_assert_no_error (error);
  }
  TM_WAIT_FOR (gtk_column_view_column_get_visible (column));
  g_assert_cmpstr (tm_task_get_unit (tm_test_task_at (portfolio, 4)), ==, "Afsnit 9");
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  TM_WAIT_FOR (!gtk_column_view_column_get_visible (column));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* Screenshots of the dialogs, one child process per language */

/* Whether the list's count ("Showing 842 of 842 tasks") is shown whole. */
static gboolean
count_fits (TmWindow   *window,
            const char *lang)
{
  int natural = 0;

  gtk_widget_measure (GTK_WIDGET (window->count_label), GTK_ORIENTATION_HORIZONTAL, -1,
                      NULL, &natural, NULL, NULL);
  if (gtk_widget_get_width (GTK_WIDGET (window->count_label)) >= natural)
    return TRUE;
  g_printerr ("%s: the count “%s” is cut at %d px wide (%d of %d px)\n", lang,
              gtk_label_get_text (window->count_label), gtk_widget_get_width (GTK_WIDGET (window)),
              gtk_widget_get_width (GTK_WIDGET (window->count_label)), natural);
  return FALSE;
}

/* Whether the summary bar's figures by level are shown whole (the level's
 * name may give way; "9 opgaver · 5…" was what a projector showed). */
static gboolean
level_figures_fit (TmWindow   *window,
                   const char *lang)
{
  g_autofree char *cut = NULL;

  if (_tm_summary_bar_figures_fit (window->summary_bar, &cut))
    return TRUE;
  g_printerr ("%s: the summary's figures “%s” are cut at %d px wide\n", lang, cut,
              gtk_widget_get_width (GTK_WIDGET (window)));
  return FALSE;
}

static int
run_child (const char *lang)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-exchange-XXXXXX");
  g_autofree char *import_name = g_strdup_printf ("import-csv-%s.png", lang);
  g_autofree char *merge_name = g_strdup_printf ("merge-%s.png", lang);
  gboolean norwegian = g_str_equal (lang, "nb");
  TmCountry country = norwegian ? TM_COUNTRY_NO : TM_COUNTRY_DK;
  TmImportDialog *import_dialog;
  TmMergeDialog *merge_dialog;
  g_autoptr(GFile) file = NULL;
  TmWindow *window;
  gboolean ok = TRUE;


  portfolio = tm_test_new_example (country);
  window = tm_test_make_window (portfolio, 1280, 800);

  /* The spreadsheet dialog, with a column it does not recognise. */
  import_dialog = open_csv (window, norwegian ? "nb-utf8.csv" : "excel-da-1252.csv");
  set_field (import_dialog, 8, TM_CSV_FIELD_IGNORE);
  ok &= tm_test_take_screenshot (GTK_WIDGET (import_dialog), import_name);
  gtk_window_destroy (GTK_WINDOW (import_dialog));

  /* The review: one task renamed, one changed in several ways. */
  file = export_to (window, dir, "ward.xml", TM_WINDOW_EXPORT_XML);
  {
    g_autofree char *title = g_strdup (tm_task_get_title (tm_test_task_at (portfolio, 1)));
    g_autofree char *old = element ("title", title);
    g_autofree char *renamed = g_strconcat (title, " (2)", NULL);
    g_autofree char *new = element ("title", renamed);

    replace_in_file (g_file_peek_path (file), old, new);
  }
  {
    g_autoptr(TmTaskData) data = tm_task_dup_data (tm_test_task_at (portfolio, 3));

    data->minutes = 15;
    data->occurrences = 4;
    g_free (data->group);
    data->group = g_strdup ("Nattevagt");
    g_assert_true (tm_portfolio_update_task (portfolio, tm_test_task_at (portfolio, 3), data, NULL, NULL));
  }
  _tm_window_import_file (window, file);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG) != NULL);
  merge_dialog = TM_MERGE_DIALOG (tm_test_find_toplevel (TM_TYPE_MERGE_DIALOG));
  ok &= tm_test_take_screenshot (GTK_WIDGET (merge_dialog), merge_name);
  gtk_window_destroy (GTK_WINDOW (merge_dialog));

  /* A regional portfolio's task list, with its Unit column. */
  if (g_str_equal (lang, "da"))
    {
      for (guint i = 0; i < 12; i++)
        {
          g_autoptr(TmTaskData) data = tm_task_dup_data (tm_test_task_at (portfolio, i));

          g_free (data->unit);
          data->unit = g_strdup (i % 2 ? "Afsnit 7" : "Medicinsk afsnit M2");
          g_assert_true (tm_portfolio_update_task (portfolio, tm_test_task_at (portfolio, i), data, NULL, NULL));
        }
      TM_WAIT_FOR (gtk_column_view_column_get_visible (_tm_window_get_unit_column (window)));
      TM_WAIT_FOR (tm_test_models_settled (window));
      ok &= tm_test_take_screenshot (GTK_WIDGET (window), "units-da.png");
    }

  /* A region's file going in, on a projector's 1024 × 768. */
  {
    g_autoptr(TmPortfolio) region = tm_test_new_example (country);
    g_autoptr(GFile) big = unit_file (dir, "region.xml", 800);
    g_autofree char *name = g_strdup_printf ("import-reading-%s.png", lang);
    TmWindow *second = tm_test_make_window (region, 1024, 768);

    _tm_window_set_import_steps (second, 0, TRUE);
    _tm_window_import_file (second, big);
    /* Compared with the portfolio first ("Reading …"), then written. */
    TM_WAIT_FOR (_tm_window_is_planning (second));
    g_assert_true (_tm_window_take_import_step (second));
    ok &= tm_test_take_screenshot (GTK_WIDGET (second), name);
    g_free (name);
    name = g_strdup_printf ("import-progress-%s.png", lang);
    tm_test_wait_planned (second);
    g_assert_true (_tm_window_is_importing (second));
    for (guint i = 0; i < 15; i++)
      g_assert_true (_tm_window_take_import_step (second));
    ok &= tm_test_take_screenshot (GTK_WIDGET (second), name);

    /* And its undo, in steps too ("Undo: Import…"). */
    while (_tm_window_take_import_step (second))
      ;
    g_free (name);
    name = g_strdup_printf ("undo-progress-%s.png", lang);
    g_action_group_activate_action (G_ACTION_GROUP (second), "undo", NULL);
    g_assert_true (_tm_window_is_busy (second));
    for (guint i = 0; i < 15; i++)
      g_assert_true (_tm_window_take_import_step (second));
    ok &= tm_test_take_screenshot (GTK_WIDGET (second), name);
    /* "842 av 842 oppgaver" whole on a projector, not cut at its start. */
    ok &= count_fits (second, lang);
    while (_tm_window_take_import_step (second))
      ;

    /* A region's spreadsheet: its rows checked in the dialog, then its
     * tasks written with the window's bar. */
    {
      g_autofree char *csv_path = write_rows (dir, 900, 0);
      TmImportDialog *csv_dialog = open_csv_path (second, csv_path);

      gtk_drop_down_set_selected (_tm_import_dialog_get_period_drop_down (csv_dialog), TM_PER_WEEK + 1);
      _tm_import_dialog_set_steps (csv_dialog, 100, TRUE);
      g_assert_true (_tm_import_dialog_import (csv_dialog));
      for (guint i = 0; i < 6; i++)
        g_assert_true (_tm_import_dialog_take_step (csv_dialog));
      g_free (name);
      name = g_strdup_printf ("csv-checking-%s.png", lang);
      ok &= tm_test_take_screenshot (GTK_WIDGET (csv_dialog), name);
      while (_tm_import_dialog_take_step (csv_dialog))
        ;
      TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL);
      g_assert_true (_tm_window_is_importing (second));
      for (guint i = 0; i < 15; i++)
        g_assert_true (_tm_window_take_import_step (second));
      g_free (name);
      name = g_strdup_printf ("csv-progress-%s.png", lang);
      ok &= tm_test_take_screenshot (GTK_WIDGET (second), name);
      while (_tm_window_take_import_step (second))
        ;
    }

    /* A region's rows pasted from a spreadsheet: the same bar. */
    {
      g_autoptr(GString) block = g_string_new (NULL);
      g_autoptr(GError) paste_error = NULL;

      for (guint i = 0; i < 900; i++)
        g_string_append_printf (block, "%u\t%u\n", 5 + i % 30, 1 + i % 4);
      gtk_single_selection_set_selected (second->selection, 0);
      g_assert_true (tm_cell_editor_paste_text (_tm_window_get_cell_editor (second), block->str, &paste_error));
      g_assert_no_error (paste_error);
      g_assert_true (_tm_window_is_busy (second));
      for (guint i = 0; i < 15; i++)
        g_assert_true (_tm_window_take_import_step (second));
      g_free (name);
      name = g_strdup_printf ("paste-progress-%s.png", lang);
      ok &= tm_test_take_screenshot (GTK_WIDGET (second), name);
      while (_tm_window_take_import_step (second))
        ;
    }

    /* The main menu, with Merge Units… under Import…. */
    {
      /* The header bar's main menu button (its icon, not its translated tooltip). */
      GtkWidget *button = tm_gui_find_icon_button (GTK_WIDGET (second), "open-menu-symbolic");
      GtkPopover *popover;

      g_assert_nonnull (button);
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      tm_test_spin (200);
      popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
      g_free (name);
      name = g_strdup_printf ("main-menu-%s.png", lang);
      ok &= tm_test_take_screenshot (GTK_WIDGET (popover), name);
      gtk_popover_popdown (popover);
      tm_test_spin (50);
    }

    /* File → Merge Units…: the bar counts the files; the end is said. */
    {
      const char *ward = norwegian ? "Post" : g_str_equal (lang, "da") ? "Afsnit" : "Ward";
      GFile *unit_files[3];

      for (guint u = 0; u < 3; u++)
        {
          g_autofree char *file_name = g_strdup_printf ("unit-%u.xml", u + 1);
          g_autofree char *unit_name = g_strdup_printf ("%s %c", ward, 'A' + u);

          unit_files[u] = named_unit_file (dir, file_name, unit_name, 300);
        }
      _tm_window_merge_units (second, unit_files, 3);
      while (tm_merge_units_get_n_done (second->units) < 2)
        {
          g_assert_true (_tm_window_take_import_step (second));
          TM_WAIT_FOR (!tm_merge_units_is_waiting (second->units));
        }
      g_free (name);
      name = g_strdup_printf ("units-progress-%s.png", lang);
      ok &= tm_test_take_screenshot (GTK_WIDGET (second), name);
      merge_units_to_end (second);
      g_free (name);
      name = g_strdup_printf ("units-merged-%s.png", lang);
      ok &= tm_test_take_screenshot (GTK_WIDGET (second), name);
      /* With the Unit column shown too (it was cut in Norwegian). */
      ok &= count_fits (second, lang);
      ok &= level_figures_fit (second, lang);
      for (guint u = 0; u < 3; u++)
        g_object_unref (unit_files[u]);
    }
    gtk_window_destroy (GTK_WINDOW (second));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  tm_test_rm_rf (dir);
  app = NULL;
  tm_test_ui_shutdown ();

  return ok ? 0 : 1;
}

static void
test_screenshots (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *import_name = g_strdup_printf ("import-csv-%s.png", lang);
  g_autofree char *merge_name = g_strdup_printf ("merge-%s.png", lang);

  tm_test_run_child_in (lang);

  tm_test_assert_png (import_name, MIN_PNG_SIZE);
  tm_test_assert_png (merge_name, MIN_PNG_SIZE);
  if (g_str_equal (lang, "da"))
    tm_test_assert_png ("units-da.png", MIN_PNG_SIZE);
  {
    g_autofree char *reading_name = g_strdup_printf ("import-reading-%s.png", lang);
    g_autofree char *progress_name = g_strdup_printf ("import-progress-%s.png", lang);
    g_autofree char *undo_name = g_strdup_printf ("undo-progress-%s.png", lang);

    g_autofree char *checking_name = g_strdup_printf ("csv-checking-%s.png", lang);
    g_autofree char *csv_progress_name = g_strdup_printf ("csv-progress-%s.png", lang);
    g_autofree char *paste_name = g_strdup_printf ("paste-progress-%s.png", lang);
    g_autofree char *units_progress_name = g_strdup_printf ("units-progress-%s.png", lang);
    g_autofree char *units_merged_name = g_strdup_printf ("units-merged-%s.png", lang);
    g_autofree char *menu_name = g_strdup_printf ("main-menu-%s.png", lang);

    tm_test_assert_png (reading_name, MIN_PNG_SIZE);
    tm_test_assert_png (progress_name, MIN_PNG_SIZE);
    tm_test_assert_png (undo_name, MIN_PNG_SIZE);
    tm_test_assert_png (checking_name, MIN_PNG_SIZE);
    tm_test_assert_png (csv_progress_name, MIN_PNG_SIZE);
    tm_test_assert_png (paste_name, MIN_PNG_SIZE);
    tm_test_assert_png (units_progress_name, MIN_PNG_SIZE);
    tm_test_assert_png (units_merged_name, MIN_PNG_SIZE);
    tm_test_assert_png (menu_name, MIN_PNG_SIZE);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *child = tm_test_ui_child_init ();
  int ret;

  if (child != NULL)
    {
      app = tm_test_ui_get_app ();
      return run_child (child);
    }

  app = tm_test_ui_init (&argc, &argv);

  /* The dialog remembers the columns' mapping per set of headers: in a
   * folder of this run's own, so that every run starts from the guesses. */
  config_dir = tm_test_make_tmp_dir ("test-ui-exchange-config-XXXXXX");
  g_setenv ("TASKMAP_CONFIG_DIR", config_dir, TRUE);

  g_test_add_func ("/ui/exchange/csv/import", test_csv_import);
  g_test_add_func ("/ui/exchange/csv/no-title", test_csv_no_title);
  g_test_add_func ("/ui/exchange/csv/error", test_csv_error);
  g_test_add_func ("/ui/exchange/csv/at-once-rows", test_csv_at_once_rows);
  g_test_add_func ("/ui/exchange/csv/in-steps", test_csv_in_steps);
  g_test_add_func ("/ui/exchange/undo-at-once-changes", test_undo_at_once_changes);
  g_test_add_func ("/ui/exchange/paste-in-steps", test_paste_in_steps);
  g_test_add_func ("/ui/exchange/csv/unreadable", test_csv_unreadable);
  g_test_add_func ("/ui/exchange/export", test_export);
  g_test_add_func ("/ui/exchange/choosers", test_choosers);
  g_test_add_func ("/ui/exchange/xml/added", test_xml_added);
  g_test_add_func ("/ui/exchange/xml/error", test_xml_error);
  g_test_add_func ("/ui/exchange/xml/closed-while-reading", test_xml_closed_while_reading);
  g_test_add_func ("/ui/exchange/xml/in-steps", test_xml_in_steps);
  g_test_add_func ("/ui/exchange/xml/merge", test_xml_merge);
  g_test_add_func ("/ui/exchange/merge-units", test_merge_units);
  g_test_add_func ("/ui/exchange/unit-column", test_unit_column);
  g_test_add_data_func ("/ui/exchange/screenshots/en", "en", test_screenshots);
  g_test_add_data_func ("/ui/exchange/screenshots/da", "da", test_screenshots);
  g_test_add_data_func ("/ui/exchange/screenshots/nb", "nb", test_screenshots);

  ret = tm_test_ui_run ();
  tm_test_rm_rf (config_dir);
  g_free (config_dir);

  return ret;
}
