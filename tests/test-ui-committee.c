/* test-ui-committee.c
 * What the committee sees, on a real display: the workshops dialog, the
 * history of changes and the committee's last meeting, File → Committee
 * Report, the user's name in the history, and screenshots of the dialogs in
 * English, Danish and Norwegian bokmål.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-committee"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dialogs/tm-history-dialog.h"
#include "tm-window-private.h"
#include "tm-application.h"
#include "dialogs/tm-report-dialog.h"
#include "render/tm-report.h"
#include "dialogs/tm-workshops-dialog.h"
#include "exchange/tm-xml.h"
#include "tm-test-ui.h"
#include "tm-test-util.h"

/* A dialog drawn with its text is far larger; an empty one far smaller. */
#define MIN_PNG_SIZE (8 * 1024)

static TmApplication *app;

static TmWorkshop *
get_workshop (TmPortfolio *portfolio,
              guint        i)
{
  g_autoptr(TmWorkshop) workshop = g_list_model_get_item (tm_portfolio_get_workshops (portfolio), i);

  return workshop;
}

/* The example's own workshop (2026-11-05), NULL once deleted. */
static TmWorkshop *
example_workshop (TmPortfolio *portfolio)
{
  return tm_portfolio_lookup_workshop (portfolio, "workshop-1");
}

/* The workshop that is not the example's, when there is just one. */
static TmWorkshop *
added_workshop (TmPortfolio *portfolio)
{
  TmWorkshop *found = NULL;

  for (guint i = 0; i < tm_test_n_workshops (portfolio); i++)
    if (get_workshop (portfolio, i) != example_workshop (portfolio))
      {
        g_assert_null (found);
        found = get_workshop (portfolio, i);
      }
  g_assert_nonnull (found);
  return found;
}

/* Moves task @i to @profession_id in the window's scenario. */
static void
move_task (TmWindow    *window,
           guint        i,
           const char  *profession_id)
{
  TmPortfolio *portfolio = tm_window_get_portfolio (window);
  TmMove move = { NULL, TM_MOVE_TO_PROFESSION, (char *) profession_id, 100 };
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_portfolio_set_move (portfolio, tm_test_task_at (portfolio, i),
                                        _tm_window_get_scenario_id (window), &move, &error));
  g_assert_no_error (error);
}

static TmWorkshopsDialog *
open_workshops (TmWindow *window)
{
  GtkWindow *dialog;

  g_assert_null (tm_test_find_toplevel (TM_TYPE_WORKSHOPS_DIALOG));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "workshops"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "workshops", NULL);
  dialog = tm_test_find_toplevel (TM_TYPE_WORKSHOPS_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));
  tm_test_wait_drawn (GTK_WIDGET (dialog));

  return TM_WORKSHOPS_DIALOG (dialog);
}

static TmHistoryDialog *
open_history (TmWindow   *window,
              const char *action)
{
  GtkWindow *dialog;

  g_assert_null (tm_test_find_toplevel (TM_TYPE_HISTORY_DIALOG));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), action));
  g_action_group_activate_action (G_ACTION_GROUP (window), action, NULL);
  dialog = tm_test_find_toplevel (TM_TYPE_HISTORY_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  tm_test_wait_drawn (GTK_WIDGET (dialog));

  return TM_HISTORY_DIALOG (dialog);
}

static void
click (GtkButton *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

/* Types @text into @entry one character at a time, as a user does. */
static void
type_text (GtkEntry   *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = -1;

      gtk_editable_insert_text (GTK_EDITABLE (entry), p, g_utf8_next_char (p) - p, &position);
    }
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The first two professions the dialog offers (those not hidden). */
static void
get_two_professions (TmPortfolio  *portfolio,
                     const char  **first,
                     const char  **second)
{
  GListModel *professions = tm_portfolio_get_professions (portfolio);

  *first = *second = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (professions) && *second == NULL; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      if (tm_profession_get_hidden (profession))
        continue;
      if (*first == NULL)
        *first = tm_profession_get_id (profession);
      else
        *second = tm_profession_get_id (profession);
    }
  g_assert_nonnull (*second);
}

/* Workshops */

static void
test_workshop_add (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = dup_today ();
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  const char *scenario_id = _tm_window_get_scenario_id (window);
  TmWorkshopsDialog *dialog;
  const TmWorkshopData *data;
  TmWorkshop *workshop;
  GtkSpinButton *spin_a, *spin_b;
  GtkCheckButton *check_0, *check_1;
  TmTask *unmoved = NULL;
  const char *a, *b;
  GtkTextBuffer *buffer;

  /* The accelerators the menu and the shortcuts window show. */
  {
    g_auto(GStrv) workshops = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.workshops");
    g_auto(GStrv) history = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.history");
    g_auto(GStrv) report = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.committee-report");

    g_assert_cmpstr (workshops[0], ==, "<Shift><Control>w");
    g_assert_cmpstr (history[0], ==, "<Control>h");
    g_assert_cmpstr (report[0], ==, "<Shift><Control>r");
  }

  /* Task 0 has no move in the example's first scenario, task 1 one to the
   * runner: both go to the unskilled staff. Which task is left without a move? */
  g_assert_null (tm_task_data_get_move (tm_task_peek_data (tm_test_task_at (portfolio, 0)), scenario_id));
  move_task (window, 0, "unskilled");
  move_task (window, 1, "unskilled");
  for (guint i = 0; i < g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)) && unmoved == NULL; i++)
    if (tm_task_data_get_move (tm_task_peek_data (tm_test_task_at (portfolio, i)), scenario_id) == NULL)
      unmoved = tm_test_task_at (portfolio, i);
  g_assert_nonnull (unmoved);
  get_two_professions (portfolio, &a, &b);

  /* The example's workshop shows first: the latest, with something to delete. */
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 1);
  g_assert_nonnull (example_workshop (portfolio));
  dialog = open_workshops (window);
  g_assert_true (_tm_workshops_dialog_get_workshop (dialog) == example_workshop (portfolio));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (_tm_workshops_dialog_get_delete_button (dialog))));

  /* Add: a workshop of today, shown and selected, counted after the example's. */
  click (_tm_workshops_dialog_get_add_button (dialog));
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 2);
  workshop = added_workshop (portfolio);
  g_assert_true (_tm_workshops_dialog_get_workshop (dialog) == workshop);
  g_assert_true (gtk_single_selection_get_selected_item (_tm_workshops_dialog_get_selection (dialog)) == workshop);
  g_assert_cmpstr (tm_workshop_get_date (workshop), ==, today);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_tm_workshops_dialog_get_date_entry (dialog))), ==, today);
  g_assert_cmpstr (tm_workshop_get_title (workshop), ==, "Workshop 2");

  /* Typing the title: one undo step, stored as typed. */
  type_text (_tm_workshops_dialog_get_title_entry (dialog), "The morning tasks");
  g_assert_cmpstr (tm_workshop_get_title (workshop), ==, "The morning tasks");
  g_assert_nonnull (strstr (tm_portfolio_get_undo_label (portfolio), "Edit Workshop"));
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tm_workshop_get_title (workshop), ==, "Workshop 2");
  g_assert_true (tm_portfolio_redo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tm_workshop_get_title (workshop), ==, "The morning tasks");
  tm_test_spin (50);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_tm_workshops_dialog_get_title_entry (dialog))),
                   ==, "The morning tasks");
  tm_portfolio_break_undo_merge (portfolio);

  /* The date, typed: stored once it is a date. */
  type_text (_tm_workshops_dialog_get_date_entry (dialog), "2026-03-14");
  g_assert_cmpstr (tm_workshop_get_date (workshop), ==, "2026-03-14");
  g_assert_null (_tm_workshops_dialog_get_date_error (dialog));

  gtk_editable_set_text (GTK_EDITABLE (_tm_workshops_dialog_get_facilitator_entry (dialog)), "Anne Berg");

  /* Participants of two professions. */
  spin_a = _tm_workshops_dialog_get_participants (dialog, a);
  spin_b = _tm_workshops_dialog_get_participants (dialog, b);
  g_assert_nonnull (spin_a);
  g_assert_nonnull (spin_b);
  gtk_spin_button_set_value (spin_a, 5);
  gtk_spin_button_set_value (spin_b, 2);

  /* The names, and the decisions. */
  buffer = gtk_text_view_get_buffer (_tm_workshops_dialog_get_names_view (dialog));
  gtk_text_buffer_set_text (buffer, "Mette, Ole og Hanne", -1);
  buffer = gtk_text_view_get_buffer (_tm_workshops_dialog_get_decisions_view (dialog));
  gtk_text_buffer_set_text (buffer, "The unskilled staff fetch the blood test results.", -1);

  /* One move of the two linked. */
  check_0 = _tm_workshops_dialog_get_move_check (dialog, tm_task_get_uuid (tm_test_task_at (portfolio, 0)));
  check_1 = _tm_workshops_dialog_get_move_check (dialog, tm_task_get_uuid (tm_test_task_at (portfolio, 1)));
  g_assert_nonnull (check_0);
  g_assert_nonnull (check_1);
  g_assert_null (_tm_workshops_dialog_get_move_check (dialog, tm_task_get_uuid (unmoved)));
  g_assert_false (gtk_check_button_get_active (check_0));
  gtk_check_button_set_active (check_0, TRUE);

  /* What the portfolio holds now: the new workshop, before the example's by date. */
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 2);
  g_assert_true (get_workshop (portfolio, 0) == workshop);
  g_assert_true (get_workshop (portfolio, 1) == example_workshop (portfolio));
  data = tm_workshop_peek_data (workshop);
  g_assert_cmpstr (data->date, ==, "2026-03-14");
  g_assert_cmpstr (data->title, ==, "The morning tasks");
  g_assert_cmpstr (data->facilitator, ==, "Anne Berg");
  g_assert_cmpstr (data->names, ==, "Mette, Ole og Hanne");
  g_assert_cmpstr (data->decisions, ==, "The unskilled staff fetch the blood test results.");
  g_assert_cmpuint (data->participants->len, ==, 2);
  g_assert_cmpuint (tm_workshop_data_count_participants (data), ==, 7);
  for (guint i = 0; i < data->participants->len; i++)
    {
      const TmParticipants *p = &g_array_index (data->participants, TmParticipants, i);

      g_assert_cmpuint (p->count, ==, g_str_equal (p->profession_id, a) ? 5 : 2);
      g_assert_true (g_str_equal (p->profession_id, a) || g_str_equal (p->profession_id, b));
    }
  g_assert_cmpuint (data->moves->len, ==, 1);
  g_assert_true (tm_workshop_data_has_move (data, tm_task_get_uuid (tm_test_task_at (portfolio, 0)), scenario_id));
  g_assert_false (tm_workshop_data_has_move (data, tm_task_get_uuid (tm_test_task_at (portfolio, 1)), scenario_id));

  /* The form still shows the workshop after all those edits moved it in the list. */
  g_assert_true (_tm_workshops_dialog_get_workshop (dialog) == workshop);
  g_assert_true (gtk_single_selection_get_selected_item (_tm_workshops_dialog_get_selection (dialog)) == workshop);

  /* Unticking the move is one undo step of its own. */
  gtk_check_button_set_active (check_0, FALSE);
  g_assert_cmpuint (tm_workshop_peek_data (workshop)->moves->len, ==, 0);
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (tm_workshop_peek_data (workshop)->moves->len, ==, 1);
  tm_test_spin (50);
  g_assert_true (gtk_check_button_get_active (check_0));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

static void
test_workshop_invalid_date (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autofree char *today = dup_today ();
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  TmWorkshopsDialog *dialog = open_workshops (window);
  GtkEntry *entry = _tm_workshops_dialog_get_date_entry (dialog);
  TmWorkshop *workshop;
  const char *message;
  guint64 edits;

  click (_tm_workshops_dialog_get_add_button (dialog));
  workshop = added_workshop (portfolio);
  g_assert_true (_tm_workshops_dialog_get_workshop (dialog) == workshop);
  edits = tm_portfolio_get_edit_count (portfolio);

  /* Half typed: no message yet, nothing stored. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-02-3");
  g_assert_null (_tm_workshops_dialog_get_date_error (dialog));
  g_assert_cmpstr (tm_workshop_get_date (workshop), ==, today);

  /* Not a day of the calendar: Enter says so, under the field. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-02-30");
  g_signal_emit_by_name (entry, "activate");
  message = _tm_workshops_dialog_get_date_error (dialog);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "“2026-02-30” is not a date"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpstr (tm_workshop_get_date (workshop), ==, today);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);

  /* Words are not a date either. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "in March");
  g_assert_nonnull (strstr (_tm_workshops_dialog_get_date_error (dialog), "“in March”"));
  g_assert_cmpstr (tm_workshop_get_date (workshop), ==, today);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);

  /* Corrected: the message goes and the date is stored. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2026-02-28");
  g_assert_null (_tm_workshops_dialog_get_date_error (dialog));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpstr (tm_workshop_get_date (workshop), ==, "2026-02-28");
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits + 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

static void
test_workshop_delete_undo (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  TmWorkshopsDialog *dialog;
  const char *dates[] = { "2026-01-20", "2026-02-03" };
  const char *titles[] = { "Workshop 1", "Workshop 2" };
  TmWorkshop *first;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(TmWorkshopData) data = tm_workshop_data_new ();

      g_free (data->date);
      data->date = g_strdup (dates[i]);
      g_free (data->title);
      data->title = g_strdup (titles[i]);
      tm_workshop_data_set_participants (data, "nurse", 4);
      g_assert_nonnull (tm_portfolio_add_workshop (portfolio, data, &error));
      g_assert_no_error (error);
    }

  dialog = open_workshops (window);
  /* The latest is shown first (the example's, of 2026-11-05); choose the first in the list. */
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 3);
  g_assert_true (_tm_workshops_dialog_get_workshop (dialog) == example_workshop (portfolio));
  g_assert_true (get_workshop (portfolio, 2) == example_workshop (portfolio));
  gtk_single_selection_set_selected (_tm_workshops_dialog_get_selection (dialog), 0);
  first = get_workshop (portfolio, 0);
  g_assert_true (_tm_workshops_dialog_get_workshop (dialog) == first);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_tm_workshops_dialog_get_title_entry (dialog))),
                   ==, "Workshop 1");
  id = g_strdup (tm_workshop_get_id (first));
  g_assert_null (_tm_workshops_dialog_get_undo_button (dialog));

  /* Delete: the next one by date shows, and the dialog offers to undo. */
  click (_tm_workshops_dialog_get_delete_button (dialog));
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 2);
  g_assert_null (tm_portfolio_lookup_workshop (portfolio, id));
  g_assert_cmpstr (tm_workshop_get_title (_tm_workshops_dialog_get_workshop (dialog)), ==, "Workshop 2");
  g_assert_nonnull (strstr (tm_portfolio_get_undo_label (portfolio), "Delete Workshop"));

  /* Undo brings it back whole, and shows it. */
  g_signal_emit_by_name (_tm_workshops_dialog_get_undo_button (dialog), "clicked");
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 3);
  g_assert_nonnull (tm_portfolio_lookup_workshop (portfolio, id));
  first = get_workshop (portfolio, 0);
  g_assert_cmpstr (tm_workshop_get_id (first), ==, id);
  g_assert_cmpstr (tm_workshop_get_date (first), ==, "2026-01-20");
  g_assert_cmpuint (tm_workshop_data_count_participants (tm_workshop_peek_data (first)), ==, 4);
  g_assert_true (_tm_workshops_dialog_get_workshop (dialog) == first);
  g_assert_null (_tm_workshops_dialog_get_undo_button (dialog));

  /* Deleting every workshop, the example's too, leaves an empty form with nothing to delete. */
  click (_tm_workshops_dialog_get_delete_button (dialog));
  click (_tm_workshops_dialog_get_delete_button (dialog));
  click (_tm_workshops_dialog_get_delete_button (dialog));
  g_assert_cmpuint (tm_test_n_workshops (portfolio), ==, 0);
  g_assert_null (example_workshop (portfolio));
  g_assert_null (_tm_workshops_dialog_get_workshop (dialog));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_tm_workshops_dialog_get_delete_button (dialog))));

  /* Escape closes the dialog. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_WORKSHOPS_DIALOG) == NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* The history of changes */

/* The first row whose "what" is @what, or -1. */
static int
find_row (TmHistoryDialog *dialog,
          const char      *what)
{
  guint n = _tm_history_dialog_get_n_rows (dialog);

  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) row = _tm_history_dialog_dup_row (dialog, i);

      if (g_strcmp0 (row[3], what) == 0)
        return (int) i;
    }

  return -1;
}

static void
set_level (TmPortfolio *portfolio,
           TmTask      *task,
           TmLevel      level)
{
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);
  g_autoptr(GError) error = NULL;

  data->level = level;
  g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
  g_assert_no_error (error);
}

static void
test_history_list (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  TmTask *task = tm_test_task_at (portfolio, 3);
  TmTask *other = tm_test_task_at (portfolio, 5);
  TmLevel old_level = tm_task_get_level (task);
  TmLevel new_level = old_level == TM_LEVEL_BOUNDED_CLINICAL ? TM_LEVEL_COORDINATION
                                                             : TM_LEVEL_BOUNDED_CLINICAL;
  g_autofree char *expected_change = NULL;
  g_auto(GStrv) row = NULL;
  TmHistoryDialog *dialog;
  guint n_all;
  int i;

  set_level (portfolio, other, tm_task_get_level (other) == TM_LEVEL_ADMIN ? TM_LEVEL_COORDINATION
                                                                           : TM_LEVEL_ADMIN);
  set_level (portfolio, task, new_level);
  expected_change = g_strdup_printf ("%s → %s", tm_level_get_label (old_level),
                                     tm_level_get_label (new_level));

  /* The example's committee last met on 2026-11-20: the list starts at that
   * meeting. Everything, newest first: the edit is on top, in words. */
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2026-11-20");
  dialog = open_history (window, "history");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (_tm_history_dialog_get_scope (dialog)))));
  g_assert_cmpuint (gtk_drop_down_get_selected (_tm_history_dialog_get_since (dialog)), ==,
                    TM_HISTORY_SINCE_MEETING);
  gtk_drop_down_set_selected (_tm_history_dialog_get_since (dialog), TM_HISTORY_SINCE_START);
  n_all = _tm_history_dialog_get_n_rows (dialog);
  g_assert_cmpuint (n_all, >=, 2);
  i = find_row (dialog, "Competence level");
  g_assert_cmpint (i, ==, 0);
  row = _tm_history_dialog_dup_row (dialog, 0);
  g_assert_cmpstr (row[2], ==, tm_task_get_title (task));
  g_assert_cmpstr (row[4], ==, expected_change);
  g_assert_cmpstr (row[1], ==, tm_portfolio_get_user_name (portfolio));
  g_assert_true (g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$", row[0], 0, 0));
  g_clear_pointer (&row, g_strfreev);

  /* An edit while the dialog is open is listed too. */
  set_level (portfolio, task, old_level);
  TM_WAIT_FOR (_tm_history_dialog_get_n_rows (dialog) == n_all + 1);
  row = _tm_history_dialog_dup_row (dialog, 0);
  g_assert_cmpstr (row[3], ==, "Competence level");
  g_assert_cmpstr (row[4], !=, expected_change);
  g_clear_pointer (&row, g_strfreev);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* From the task's context: that task only, or everything. */
  gtk_single_selection_set_selected (_tm_window_get_selection (window), GTK_INVALID_LIST_POSITION);
  TM_WAIT_FOR (!g_action_group_get_action_enabled (G_ACTION_GROUP (window), "task-history"));
  for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (_tm_window_get_selection (window))); k++)
    {
      g_autoptr(TmTask) item = g_list_model_get_item (G_LIST_MODEL (_tm_window_get_selection (window)), k);

      if (item == task)
        gtk_single_selection_set_selected (_tm_window_get_selection (window), k);
    }
  g_assert_true (gtk_single_selection_get_selected_item (_tm_window_get_selection (window)) == task);
  dialog = open_history (window, "task-history");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (_tm_history_dialog_get_scope (dialog)))));
  gtk_drop_down_set_selected (_tm_history_dialog_get_since (dialog), TM_HISTORY_SINCE_START);
  g_assert_cmpuint (_tm_history_dialog_get_n_rows (dialog), ==, 2);
  for (guint k = 0; k < 2; k++)
    {
      row = _tm_history_dialog_dup_row (dialog, k);
      g_assert_cmpstr (row[2], ==, tm_task_get_title (task));
      g_clear_pointer (&row, g_strfreev);
    }
  gtk_drop_down_set_selected (_tm_history_dialog_get_scope (dialog), 1);
  g_assert_cmpuint (_tm_history_dialog_get_n_rows (dialog), ==, n_all + 1);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_HISTORY_DIALOG) == NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* A file whose history reaches back a year: two changes of 2025. */
static const char old_history_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"4\" country=\"dk\">\n"
  "  <unit><name>Medicinsk afsnit M3</name><setting>hospital-ward</setting></unit>\n"
  "  <tasks>\n"
  "    <task id=\"3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b\">\n"
  "      <title>Hente blodprøvesvar</title>\n"
  "      <level>admin</level>\n"
  "      <complexity>low</complexity>\n"
  "    </task>\n"
  "  </tasks>\n"
  "  <history>\n"
  "    <change when=\"2025-01-10T09:00:00Z\" who=\"Karen From\" field=\"level\" task=\"3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b\">\n"
  "      <task-title>Hente blodprøvesvar</task-title>\n"
  "      <old>bounded-clinical</old>\n"
  "      <new>admin</new>\n"
  "    </change>\n"
  "    <change when=\"2025-09-01T09:00:00Z\" who=\"Karen From\" field=\"title\" task=\"3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b\">\n"
  "      <task-title>Hente blodprøvesvar</task-title>\n"
  "      <old>Hente svar</old>\n"
  "      <new>Hente blodprøvesvar</new>\n"
  "    </change>\n"
  "  </history>\n"
  "</portfolio>\n";

static gboolean
has_who (TmHistoryDialog *dialog,
         const char      *who)
{
  for (guint i = 0; i < _tm_history_dialog_get_n_rows (dialog); i++)
    {
      g_auto(GStrv) row = _tm_history_dialog_dup_row (dialog, i);

      if (g_strcmp0 (row[1], who) == 0)
        return TRUE;
    }

  return FALSE;
}

static guint
count_who (TmHistoryDialog *dialog,
           const char      *who)
{
  guint n = 0;

  for (guint i = 0; i < _tm_history_dialog_get_n_rows (dialog); i++)
    {
      g_auto(GStrv) row = _tm_history_dialog_dup_row (dialog, i);

      n += g_strcmp0 (row[1], who) == 0;
    }

  return n;
}

static void
test_history_since (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autoptr(GError) error = NULL;
  TmWindow *window;
  TmHistoryDialog *dialog;
  GtkDropDown *since;
  GtkEntry *since_entry, *meeting_entry;
  guint n_all;
  int i;

  g_assert_true (tm_xml_import_data (portfolio, old_history_xml, sizeof old_history_xml - 1,
                                     "old.xml", &error));
  g_assert_no_error (error);
  window = tm_test_make_window (portfolio, 1280, 800);
  set_level (portfolio, tm_test_task_at (portfolio, 0),
             tm_task_get_level (tm_test_task_at (portfolio, 0)) == TM_LEVEL_ADMIN ? TM_LEVEL_COORDINATION
                                                                            : TM_LEVEL_ADMIN);

  /* The example's committee last met on 2026-11-20: the list starts there
   * and the old changes are not in it. From the start: every change, the
   * old ones at the bottom in words. */
  dialog = open_history (window, "history");
  since = _tm_history_dialog_get_since (dialog);
  since_entry = _tm_history_dialog_get_since_entry (dialog);
  meeting_entry = _tm_history_dialog_get_meeting_entry (dialog);
  g_assert_cmpuint (gtk_drop_down_get_selected (since), ==, TM_HISTORY_SINCE_MEETING);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (meeting_entry)), ==, "2026-11-20");
  g_assert_false (has_who (dialog, "Karen From"));
  gtk_drop_down_set_selected (since, TM_HISTORY_SINCE_START);
  n_all = _tm_history_dialog_get_n_rows (dialog);
  g_assert_cmpuint (count_who (dialog, "Karen From"), ==, 2);
  {
    g_auto(GStrv) last = _tm_history_dialog_dup_row (dialog, n_all - 1);
    g_autofree char *change = g_strdup_printf ("%s → %s", tm_level_get_label (TM_LEVEL_BOUNDED_CLINICAL),
                                               tm_level_get_label (TM_LEVEL_ADMIN));

    g_assert_cmpstr (last[1], ==, "Karen From");
    g_assert_cmpstr (last[2], ==, "Hente blodprøvesvar");
    g_assert_cmpstr (last[3], ==, "Competence level");
    g_assert_cmpstr (last[4], ==, change);
  }

  /* Since a date: the older changes go. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (since_entry)));
  gtk_drop_down_set_selected (since, TM_HISTORY_SINCE_DATE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (since_entry)));
  gtk_editable_set_text (GTK_EDITABLE (since_entry), "2025-06-01");
  g_assert_cmpuint (_tm_history_dialog_get_n_rows (dialog), ==, n_all - 1);
  g_assert_cmpuint (count_who (dialog, "Karen From"), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (since_entry), "2025-12-01");
  g_assert_cmpuint (_tm_history_dialog_get_n_rows (dialog), ==, n_all - 2);
  g_assert_false (has_who (dialog, "Karen From"));
  g_assert_cmpuint (_tm_history_dialog_get_n_rows (dialog), >, 0);
  gtk_editable_set_text (GTK_EDITABLE (since_entry), "2099-01-01");
  g_assert_cmpuint (_tm_history_dialog_get_n_rows (dialog), ==, 0);
  /* Not a date: nothing listed, the field marked. */
  gtk_editable_set_text (GTK_EDITABLE (since_entry), "2025-13-01");
  g_assert_cmpuint (_tm_history_dialog_get_n_rows (dialog), ==, 0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (since_entry), "error"));

  /* The committee's last meeting: a wrong date is refused and stores nothing. */
  gtk_editable_set_text (GTK_EDITABLE (meeting_entry), "2025-02-30");
  click (_tm_history_dialog_get_meeting_button (dialog));
  g_assert_nonnull (_tm_history_dialog_get_meeting_error (dialog));
  g_assert_nonnull (strstr (_tm_history_dialog_get_meeting_error (dialog), "“2025-02-30”"));
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2026-11-20");

  /* Set: stored, and listed since. */
  gtk_editable_set_text (GTK_EDITABLE (meeting_entry), "2025-06-01");
  click (_tm_history_dialog_get_meeting_button (dialog));
  g_assert_null (_tm_history_dialog_get_meeting_error (dialog));
  g_assert_cmpstr (tm_portfolio_get_last_committee_meeting (portfolio), ==, "2025-06-01");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (_tm_history_dialog_get_meeting_button (dialog))));
  gtk_drop_down_set_selected (since, TM_HISTORY_SINCE_MEETING);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (since_entry)));
  /* The setting of the date is a change of its own. */
  i = find_row (dialog, "Last committee meeting");
  g_assert_cmpint (i, ==, 0);
  g_assert_cmpuint (_tm_history_dialog_get_n_rows (dialog), ==, n_all - 1 + 1);
  g_assert_cmpuint (count_who (dialog, "Karen From"), ==, 1);

  /* Undone elsewhere: the field follows. */
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (meeting_entry)), ==, "2026-11-20");
  g_assert_true (tm_portfolio_redo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (meeting_entry)), ==, "2025-06-01");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Opened again, the list starts at the meeting. */
  dialog = open_history (window, "history");
  g_assert_cmpuint (gtk_drop_down_get_selected (_tm_history_dialog_get_since (dialog)), ==,
                    TM_HISTORY_SINCE_MEETING);
  g_assert_cmpuint (count_who (dialog, "Karen From"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
}

/* File → Committee Report… */

static TmReportDialog *
wait_for_report_dialog (void)
{
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_REPORT_DIALOG) != NULL);

  return TM_REPORT_DIALOG (tm_test_find_toplevel (TM_TYPE_REPORT_DIALOG));
}

static void
test_report (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-committee-XXXXXX");
  g_autofree char *pdf = g_build_filename (dir, "committee.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_auto(GStrv) defaults = NULL;
  g_auto(GStrv) expected = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);
  const char *both[3] = { NULL, NULL, NULL };
  gsize length = 0;
  TmWindow *window = tm_test_make_window (portfolio, 1280, 800);
  GActionGroup *actions = G_ACTION_GROUP (window);
  TmReportDialog *dialog;

  move_task (window, 0, "unskilled");
  g_assert_true (g_action_group_get_action_enabled (actions, "committee-report"));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), >=, 2);

  /* The dialog starts with the scenarios that have a move past "proposed". */
  g_action_group_activate_action (actions, "committee-report", NULL);
  dialog = wait_for_report_dialog ();
  defaults = _tm_report_dialog_dup_scenarios (dialog);
  expected = tm_report_dup_default_scenarios (portfolio);
  g_assert_true (g_strv_equal ((const char * const *) defaults, (const char * const *) expected));
  g_assert_cmpuint (g_strv_length (defaults), >=, 1);
  /* Never a hidden folder. */
  {
    g_autofree char *path = g_file_get_path (_tm_report_dialog_get_folder (dialog));

    g_assert_null (strstr (path, "/."));
  }

  /* Both scenarios: the report covers each of them by name. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

      both[i] = tm_scenario_get_id (scenario);
    }
  _tm_report_dialog_set_scenarios (dialog, both);
  _tm_report_dialog_set_folder (dialog, folder);
  _tm_report_dialog_set_name (dialog, "committee");
  g_assert_true (_tm_report_dialog_write_now (dialog, &error));
  g_assert_no_error (error);
  tm_test_spin (50);

  /* Written: a PDF, the notification offers to open it. */
  g_assert_null (_tm_window_get_error_text (window));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (_tm_window_get_toast_visible (window));
  g_assert_cmpstr (_tm_window_get_toast_text (window), ==, "Committee report saved as “committee.pdf”");
  g_assert_true (_tm_window_get_toast_can_open (window));
  text = tm_test_pdf_text (pdf);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

      g_assert_nonnull (strstr (text, tm_scenario_get_name (scenario)));
    }

  /* A folder that does not exist: the error names the file, nothing is
   * written, the dialog stays open. */
  g_action_group_activate_action (actions, "committee-report", NULL);
  dialog = wait_for_report_dialog ();
  {
    g_autofree char *missing_dir = g_build_filename (dir, "no-such-folder", NULL);
    g_autofree char *missing = g_build_filename (missing_dir, "report.pdf", NULL);
    g_autoptr(GFile) missing_folder = g_file_new_for_path (missing_dir);

    _tm_report_dialog_set_folder (dialog, missing_folder);
    _tm_report_dialog_set_name (dialog, "report");
    g_assert_false (_tm_report_dialog_write_now (dialog, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "report.pdf"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  tm_test_rm_rf (dir);
}

/* The user's name */

/* Who made the last change in the history. */
static void
assert_last_who (TmPortfolio *portfolio,
                 const char  *who)
{
  g_autoptr(GPtrArray) history = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);

  g_assert_cmpuint (history->len, >, 0);
  g_assert_cmpstr (((TmHistoryEntry *) g_ptr_array_index (history, history->len - 1))->who, ==, who);
}

static void
test_user_name (void)
{
  GSettings *settings = tm_application_get_settings (app);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  TmTask *task = tm_test_task_at (portfolio, 0);
  TmWindow *window;
  GtkWindow *dialog;
  GtkWidget *entry;

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "user-name", "Mette Jensen");

  /* The name reaches the portfolio the window opens, and the history. */
  window = tm_test_make_window (portfolio, 1280, 800);
  g_assert_cmpstr (tm_portfolio_get_user_name (portfolio), ==, "Mette Jensen");
  set_level (portfolio, task, tm_task_get_level (task) == TM_LEVEL_ADMIN ? TM_LEVEL_COORDINATION
                                                                         : TM_LEVEL_ADMIN);
  assert_last_who (portfolio, "Mette Jensen");

  /* Changed in the settings: the next change carries the new name. */
  g_settings_set_string (settings, "user-name", "Ole Hansen");
  TM_WAIT_FOR (g_strcmp0 (tm_portfolio_get_user_name (portfolio), "Ole Hansen") == 0);
  set_level (portfolio, task, TM_LEVEL_BOUNDED_CLINICAL);
  assert_last_who (portfolio, "Ole Hansen");

  /* From the menu: Your Name…, prefilled; Save stores it. */
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "user-name"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "user-name", NULL);
  dialog = _tm_window_get_user_name_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  entry = tm_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Ole Hansen");
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Anne Berg ");
  /* Enter in the field: Save is the default. */
  g_assert_true (GTK_IS_BUTTON (gtk_window_get_default_widget (dialog)));
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  TM_WAIT_FOR (_tm_window_get_user_name_dialog (window) == NULL);
  {
    g_autofree char *stored = g_settings_get_string (settings, "user-name");

    g_assert_cmpstr (stored, ==, "Anne Berg");
  }
  g_assert_true (g_settings_get_boolean (settings, "asked-user-name"));
  TM_WAIT_FOR (g_strcmp0 (tm_portfolio_get_user_name (portfolio), "Anne Berg") == 0);
  set_level (portfolio, task, TM_LEVEL_COORDINATION);
  assert_last_who (portfolio, "Anne Berg");

  /* Escape leaves it as it was. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "user-name", NULL);
  dialog = _tm_window_get_user_name_dialog (window);
  entry = tm_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Somebody Else");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  TM_WAIT_FOR (_tm_window_get_user_name_dialog (window) == NULL);
  g_assert_cmpstr (tm_portfolio_get_user_name (portfolio), ==, "Anne Berg");

  /* Empty: the system's name for the user. */
  g_settings_set_string (settings, "user-name", "");
  TM_WAIT_FOR (g_strcmp0 (tm_portfolio_get_user_name (portfolio), "Anne Berg") != 0);
  g_assert_cmpstr (tm_portfolio_get_user_name (portfolio), !=, "");

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  g_settings_reset (settings, "user-name");
  g_settings_reset (settings, "asked-user-name");
}

/* Screenshots, in a child process per language */

static int
run_child (const char *lang)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *workshops_name = g_strdup_printf ("workshops-%s.png", lang);
  g_autofree char *workshops_end_name = g_strdup_printf ("workshops-end-%s.png", lang);
  g_autofree char *history_name = g_strdup_printf ("history-%s.png", lang);
  gboolean norwegian = g_str_equal (lang, "nb");
  TmCountry country = norwegian ? TM_COUNTRY_NO : TM_COUNTRY_DK;
  const char *a, *b;
  TmWorkshopsDialog *workshops;
  TmHistoryDialog *history;
  TmWindow *window;
  gboolean ok = TRUE;


  portfolio = tm_test_new_example (country);
  g_settings_set_string (tm_application_get_settings (app), "user-name",
                         norwegian ? "Kari Nordmann" : "Mette Jensen");
  window = tm_test_make_window (portfolio, 1280, 800);
  move_task (window, 0, "unskilled");
  move_task (window, 4, "unskilled");
  move_task (window, 7, "unskilled");
  get_two_professions (portfolio, &a, &b);

  /* One workshop filled in, through the dialog. */
  workshops = open_workshops (window);
  click (_tm_workshops_dialog_get_add_button (workshops));
  gtk_editable_set_text (GTK_EDITABLE (_tm_workshops_dialog_get_date_entry (workshops)), "2026-03-14");
  gtk_editable_set_text (GTK_EDITABLE (_tm_workshops_dialog_get_title_entry (workshops)),
                         norwegian ? "Workshop 1: morgenoppgavene" : "Workshop 1: morgenopgaverne");
  gtk_editable_set_text (GTK_EDITABLE (_tm_workshops_dialog_get_facilitator_entry (workshops)),
                         "Anne Berg");
  gtk_spin_button_set_value (_tm_workshops_dialog_get_participants (workshops, a), 5);
  gtk_spin_button_set_value (_tm_workshops_dialog_get_participants (workshops, b), 2);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (_tm_workshops_dialog_get_decisions_view (workshops)),
                            norwegian ? "Ufaglærte henter prøvesvar fra laboratoriet."
                                      : "Ufaglærte henter prøvesvar i laboratoriet.", -1);
  gtk_check_button_set_active (_tm_workshops_dialog_get_move_check (workshops,
                                                                    tm_task_get_uuid (tm_test_task_at (portfolio, 0))),
                               TRUE);
  gtk_check_button_set_active (_tm_workshops_dialog_get_move_check (workshops,
                                                                    tm_task_get_uuid (tm_test_task_at (portfolio, 4))),
                               TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (_tm_workshops_dialog_get_add_button (workshops)));
  ok &= tm_test_take_screenshot (GTK_WIDGET (workshops), workshops_name);
  /* The end of the form: the names, the decisions and the moves. */
  gtk_widget_grab_focus (GTK_WIDGET (_tm_workshops_dialog_get_move_check (workshops,
                                                                          tm_task_get_uuid (tm_test_task_at (portfolio, 7)))));
  ok &= tm_test_take_screenshot (GTK_WIDGET (workshops), workshops_end_name);
  gtk_window_destroy (GTK_WINDOW (workshops));

  /* The history, with a few edits of tasks. */
  set_level (portfolio, tm_test_task_at (portfolio, 2), TM_LEVEL_BOUNDED_CLINICAL);
  {
    g_autoptr(TmTaskData) data = tm_task_dup_data (tm_test_task_at (portfolio, 3));

    g_autofree char *title = g_steal_pointer (&data->title);

    data->minutes = 15;
    data->title = g_strconcat (title, norwegian ? " (alle avdelinger)" : " (alle afsnit)", NULL);
    g_assert_true (tm_portfolio_update_task (portfolio, tm_test_task_at (portfolio, 3), data, NULL, NULL));
  }
  g_assert_true (tm_portfolio_set_last_committee_meeting (portfolio, "2026-01-15", NULL));
  history = open_history (window, "history");
  ok &= tm_test_take_screenshot (GTK_WIDGET (history), history_name);
  gtk_window_destroy (GTK_WINDOW (history));

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);
  app = NULL;
  tm_test_ui_shutdown ();

  return ok ? 0 : 1;
}

/* The first start, in a child process with settings that are kept (a key
 * file): Taskmap asks for the name once. @expect: "prompt" or "none". */
static int
run_first_start_child (const char *expect)
{
  g_autoptr(GError) error = NULL;
  gboolean prompt = g_str_equal (expect, "prompt");
  GtkWindow *window, *dialog;
  GSettings *settings;
  int ret = 0;

  settings = tm_application_get_settings (app);
  if (settings == NULL)
    {
      g_printerr ("No settings\n");
      return 1;
    }

  g_application_activate (G_APPLICATION (app));
  window = tm_test_find_toplevel (TM_TYPE_WINDOW);
  if (window == NULL)
    {
      g_printerr ("No window\n");
      return 1;
    }
  tm_test_wait_drawn (GTK_WIDGET (window));
  dialog = _tm_window_get_user_name_dialog (TM_WINDOW (window));

  if (prompt != (dialog != NULL))
    {
      g_printerr ("Expected %s, the name dialog is %s\n", expect, dialog != NULL ? "shown" : "not shown");
      ret = 1;
    }
  if (dialog != NULL)
    {
      if (!gtk_window_get_modal (dialog) || gtk_window_get_transient_for (dialog) != window)
        {
          g_printerr ("The name dialog is not modal over the window\n");
          ret = 1;
        }
      if (!g_settings_get_boolean (settings, "asked-user-name"))
        {
          g_printerr ("Not recorded that the name was asked for\n");
          ret = 1;
        }
      if (!tm_test_take_screenshot (GTK_WIDGET (dialog), "first-start-name.png"))
        ret = 1;
      /* Skip: nothing stored, the system's name is used. */
      gtk_window_close (dialog);
      tm_test_spin (50);
    }

  gtk_window_destroy (window);
  tm_test_spin (50);
  g_settings_sync ();
  app = NULL;
  tm_test_ui_shutdown ();

  return ret;
}

static void
run_first_start (const char *config,
                 const char *expect,
                 gboolean    no_prompt_env)
{
  g_autofree char *child = g_strconcat ("first-start:", expect, NULL);

  tm_test_run_child (child, "GSETTINGS_BACKEND", "keyfile", "XDG_CONFIG_HOME", config,
                     "XDG_DATA_HOME", config, "TASKMAP_NO_NAME_PROMPT", no_prompt_env ? "1" : NULL,
                     NULL);
}

static void
test_first_start (void)
{
  g_autofree char *config = tm_test_make_tmp_dir ("taskmap-committee-XXXXXX");
  g_autofree char *quiet = tm_test_make_tmp_dir ("taskmap-committee-XXXXXX");

  /* Asked at the first start, and only then. */
  run_first_start (config, "prompt", FALSE);
  run_first_start (config, "none", FALSE);
  /* Not asked where the environment says so. */
  run_first_start (quiet, "none", TRUE);

  tm_test_rm_rf (config);
  tm_test_rm_rf (quiet);
}

static void
test_screenshots (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *workshops_name = g_strdup_printf ("workshops-%s.png", lang);
  g_autofree char *workshops_end_name = g_strdup_printf ("workshops-end-%s.png", lang);
  g_autofree char *history_name = g_strdup_printf ("history-%s.png", lang);

  tm_test_run_child_in (lang);

  tm_test_assert_png (workshops_name, MIN_PNG_SIZE);
  tm_test_assert_png (workshops_end_name, MIN_PNG_SIZE);
  tm_test_assert_png (history_name, MIN_PNG_SIZE);
}

int
main (int   argc,
      char *argv[])
{
  const char *child = tm_test_ui_child_init ();

  if (child != NULL)
    {
      app = tm_test_ui_get_app ();
      if (g_str_has_prefix (child, "first-start:"))
        return run_first_start_child (child + strlen ("first-start:"));
      return run_child (child);
    }

  app = tm_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/committee/workshops/add", test_workshop_add);
  g_test_add_func ("/ui/committee/workshops/invalid-date", test_workshop_invalid_date);
  g_test_add_func ("/ui/committee/workshops/delete-undo", test_workshop_delete_undo);
  g_test_add_func ("/ui/committee/history/list", test_history_list);
  g_test_add_func ("/ui/committee/history/since", test_history_since);
  g_test_add_func ("/ui/committee/report", test_report);
  g_test_add_func ("/ui/committee/user-name", test_user_name);
  g_test_add_func ("/ui/committee/first-start", test_first_start);
  g_test_add_data_func ("/ui/committee/screenshots/en", "en", test_screenshots);
  g_test_add_data_func ("/ui/committee/screenshots/da", "da", test_screenshots);
  g_test_add_data_func ("/ui/committee/screenshots/nb", "nb", test_screenshots);

  return tm_test_ui_run ();
}
