/* test-ui-editor.c
 * The task editor and the dialogs, driven through their widgets on a real display.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-editor"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "tm-core.h"
#include "dialogs/tm-dialogs-private.h"
#include "dialogs/tm-new-portfolio-dialog.h"
#include "dialogs/tm-professions-dialog.h"
#include "tm-task-editor.h"
#include "dialogs/tm-unit-dialog.h"
#include "taskmap-resources.h"
#include "tm-test-ui.h"
#include "tm-test-util.h"

/* Helpers ------------------------------------------------------------------------------- */

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

typedef struct {
  TmPortfolio  *portfolio;
  TmTask       *task;      /* borrowed */
  GtkWindow    *window;    /* owned by GTK's toplevels */
  TmTaskEditor *editor;    /* borrowed */
  GPtrArray    *errors;    /* messages of the "error" signal */
} Fixture;

static TmTask *
add_task (TmPortfolio *portfolio,
          const char  *title)
{
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  TmTask *task;

  g_free (data->title);
  data->title = g_strdup (title);
  task = tm_portfolio_add_task (portfolio, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);

  return task;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Test", &error);
  g_assert_no_error (error);
  fixture->task = add_task (fixture->portfolio, "Original");
  /* Adding the task is an undo step of its own, before anything the editor does. */
  tm_portfolio_break_undo_merge (fixture->portfolio);

  fixture->editor = TM_TASK_EDITOR (tm_task_editor_new ());
  fixture->errors = tm_test_collect_errors (fixture->editor);
  fixture->window = tm_test_window_with (GTK_WIDGET (fixture->editor), 380, 1100);
  tm_task_editor_set_portfolio (fixture->editor, fixture->portfolio);
  tm_task_editor_set_task (fixture->editor, fixture->task);
  gtk_window_present (fixture->window);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, fixture->editor));
  tm_test_spin (100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  tm_test_spin (50);
  g_clear_pointer (&fixture->errors, g_ptr_array_unref);
  g_clear_object (&fixture->portfolio);
}

static GtkWidget *
field (Fixture    *fixture,
       const char *name)
{
  GtkWidget *widget = tm_task_editor_get_field (fixture->editor, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
type_text (GtkWidget  *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  tm_test_spin (10);
}

static char *
dup_text_view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
undo (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  tm_test_spin (50);
}

static GtkWidget *
nth_child (GtkWidget *widget,
           guint      n)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  for (guint i = 0; child != NULL && i < n; i++)
    child = gtk_widget_get_next_sibling (child);
  return child;
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Screenshots, when TASKMAP_EDITOR_SHOT_DIR names a folder ---------------------------- */

static void
maybe_take_screenshot (GtkWidget  *window,
                       const char *name)
{
  const char *dir = g_getenv ("TASKMAP_EDITOR_SHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL || dir[0] == '\0')
    return;

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  tm_test_save_png (window, path, 400);
}

/* The editor ---------------------------------------------------------------------------- */

static void
test_editor_fields (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_assert_true (GTK_IS_ENTRY (field (fixture, "title")));
  g_assert_true (GTK_IS_TEXT_VIEW (field (fixture, "description")));
  g_assert_true (GTK_IS_ENTRY (field (fixture, "group")));
  g_assert_true (GTK_IS_DROP_DOWN (field (fixture, "level")));
  g_assert_true (GTK_IS_DROP_DOWN (field (fixture, "complexity")));
  g_assert_true (GTK_IS_ENTRY (field (fixture, "minutes")));
  g_assert_true (GTK_IS_ENTRY (field (fixture, "occurrences")));
  g_assert_true (GTK_IS_DROP_DOWN (field (fixture, "per")));
  g_assert_true (GTK_IS_CHECK_BUTTON (field (fixture, "shift-day")));
  g_assert_true (GTK_IS_CHECK_BUTTON (field (fixture, "shift-evening")));
  g_assert_true (GTK_IS_CHECK_BUTTON (field (fixture, "shift-night")));
  g_assert_true (GTK_IS_CHECK_BUTTON (field (fixture, "shift-weekend")));
  g_assert_true (GTK_IS_TEXT_VIEW (field (fixture, "notes")));
  g_assert_null (tm_task_editor_get_field (fixture->editor, "no-such-field"));

  g_assert_true (tm_task_editor_get_task (fixture->editor) == fixture->task);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "Original");
  /* Not estimated is shown as empty, never as 0. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "minutes"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "occurrences"))), ==, "");

  /* The drop-downs hold every value of their enum, in enum order. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (field (fixture, "level")))),
                    ==, TM_N_LEVELS);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (field (fixture, "complexity")))),
                    ==, TM_N_COMPLEXITIES);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (field (fixture, "per")))),
                    ==, TM_N_PERS);
  g_assert_cmpstr (gtk_string_object_get_string (g_list_model_get_item (gtk_drop_down_get_model (GTK_DROP_DOWN (field (fixture, "level"))), TM_LEVEL_COORDINATION)),
                   ==, tm_level_get_label (TM_LEVEL_COORDINATION));
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (field (fixture, "shift-night"))),
                   ==, tm_shift_get_label (TM_SHIFT_NIGHT));
}

static void
test_editor_title (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GtkWidget *title = field (fixture, "title");

  gtk_widget_grab_focus (title);
  type_text (title, "O");
  g_assert_cmpstr (tm_task_get_title (fixture->task), ==, "O");
  type_text (title, "On");
  type_text (title, "One");
  type_text (title, "One step");
  g_assert_cmpstr (tm_task_get_title (fixture->task), ==, "One step");
  g_assert_cmpuint (fixture->errors->len, ==, 0);

  /* Typing in one field is one undo step. */
  undo (fixture->portfolio);
  g_assert_cmpstr (tm_task_get_title (fixture->task), ==, "Original");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Original");

  /* Leaving the field ends the step: the next edit is a new one. */
  type_text (title, "First");
  tm_portfolio_break_undo_merge (fixture->portfolio);
  type_text (title, "Second");
  undo (fixture->portfolio);
  g_assert_cmpstr (tm_task_get_title (fixture->task), ==, "First");
}

static void
test_editor_title_invalid (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *title = field (fixture, "title");

  /* A task needs a title: the core refuses, the editor says so and keeps the text. */
  type_text (title, "");
  g_assert_cmpstr (tm_task_get_title (fixture->task), ==, "Original");
  g_assert_cmpuint (fixture->errors->len, >=, 1);
  g_assert_true (gtk_widget_has_css_class (title, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "");

  type_text (title, "Back");
  g_assert_cmpstr (tm_task_get_title (fixture->task), ==, "Back");
  g_assert_false (gtk_widget_has_css_class (title, "error"));
}

static void
test_editor_text_fields (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *description = field (fixture, "description");
  GtkWidget *notes = field (fixture, "notes");
  GtkWidget *group = field (fixture, "group");
  g_autofree char *shown = NULL;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (description)),
                            "Fetch the list, hand it out", -1);
  tm_test_spin (10);
  g_assert_cmpstr (tm_task_get_description (fixture->task), ==, "Fetch the list, hand it out");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), "Ask the unit", -1);
  tm_test_spin (10);
  g_assert_cmpstr (tm_task_get_notes (fixture->task), ==, "Ask the unit");
  type_text (group, "In the morning");
  g_assert_cmpstr (tm_task_get_group (fixture->task), ==, "In the morning");

  undo (fixture->portfolio);
  undo (fixture->portfolio);
  undo (fixture->portfolio);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (group)), ==, "");
  shown = dup_text_view_text (description);
  g_assert_cmpstr (shown, ==, "");
}

static void
test_editor_group_choice (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  GtkWidget *group = field (fixture, "group");
  GtkWidget *button = gtk_widget_get_next_sibling (group);
  GtkPopover *popover;
  GtkListBox *list;
  GtkListBoxRow *row;

  g_free (data->title);
  data->title = g_strdup ("Lay the table");
  g_free (data->group);
  data->group = g_strdup ("Food & kitchen");
  g_assert_nonnull (tm_portfolio_add_task (fixture->portfolio, data, NULL));

  /* The button next to the entry offers the existing groups. */
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  tm_test_spin (100);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  list = GTK_LIST_BOX (tm_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX));
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  g_signal_emit_by_name (list, "row-activated", row);
  tm_test_spin (50);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (group)), ==, "Food & kitchen");
  g_assert_cmpstr (tm_task_get_group (fixture->task), ==, "Food & kitchen");
  undo (fixture->portfolio);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (group)), ==, "");
}

static void
test_editor_time (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *minutes = field (fixture, "minutes");
  GtkWidget *occurrences = field (fixture, "occurrences");
  GtkWidget *per = field (fixture, "per");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (per), TM_PER_DAY);
  type_text (minutes, "12,5");
  type_text (occurrences, "2");
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (fixture->task), 12.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (tm_task_get_occurrences (fixture->task), 2, 1e-9);
  g_assert_cmpint (tm_task_get_per (fixture->task), ==, TM_PER_DAY);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (fixture->task),
                                  12.5 * 2 * 7 / 60.0, 1e-9);

  /* A decimal point works as well as a comma. */
  type_text (minutes, "12.5");
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (fixture->task), 12.5, 1e-9);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (per), TM_PER_WEEK);
  g_assert_cmpint (tm_task_get_per (fixture->task), ==, TM_PER_WEEK);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (fixture->task),
                                  12.5 * 2 / 60.0, 1e-9);

  /* Empty means not estimated, never zero. */
  type_text (minutes, "");
  g_assert_cmpfloat (tm_task_get_minutes (fixture->task), <, 0);
  g_assert_cmpfloat (tm_task_get_hours_per_week (fixture->task), <, 0);
  g_assert_false (gtk_widget_has_css_class (minutes, "error"));

  /* Impossible values are marked and not stored. */
  type_text (minutes, "5");
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (fixture->task), 5, 1e-9);
  type_text (minutes, "-3");
  g_assert_true (gtk_widget_has_css_class (minutes, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (minutes));
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (fixture->task), 5, 1e-9);
  type_text (minutes, "abc");
  g_assert_true (gtk_widget_has_css_class (minutes, "error"));
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (fixture->task), 5, 1e-9);
  /* A change elsewhere keeps the rejected text for the user to fix. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (fixture, "level")), TM_LEVEL_ADMIN);
  tm_test_spin (20);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (minutes)), ==, "abc");
  type_text (minutes, "7");
  g_assert_false (gtk_widget_has_css_class (minutes, "error"));
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (fixture->task), 7, 1e-9);

  type_text (occurrences, "1,5.3");
  g_assert_true (gtk_widget_has_css_class (occurrences, "error"));
  g_assert_cmpfloat_with_epsilon (tm_task_get_occurrences (fixture->task), 2, 1e-9);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
}

static void
test_editor_choices (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *level = field (fixture, "level");
  GtkWidget *complexity = field (fixture, "complexity");
  GtkWidget *night = field (fixture, "shift-night");
  GtkWidget *weekend = field (fixture, "shift-weekend");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (level), TM_LEVEL_BOUNDED_CLINICAL);
  g_assert_cmpint (tm_task_get_level (fixture->task), ==, TM_LEVEL_BOUNDED_CLINICAL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (complexity), TM_COMPLEXITY_HIGH);
  g_assert_cmpint (tm_task_get_complexity (fixture->task), ==, TM_COMPLEXITY_HIGH);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (night), TRUE);
  g_assert_true (tm_task_get_shifts (fixture->task) & TM_SHIFT_NIGHT);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (weekend), TRUE);
  g_assert_cmpuint (tm_task_get_shifts (fixture->task), ==, TM_SHIFT_NIGHT | TM_SHIFT_WEEKEND);

  /* Each choice is an undo step of its own, and undo shows in the widgets. */
  undo (fixture->portfolio);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (weekend)));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (night)));
  undo (fixture->portfolio);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (night)));
  g_assert_cmpuint (tm_task_get_shifts (fixture->task), ==, 0);
  undo (fixture->portfolio);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (complexity)), ==,
                    TM_COMPLEXITY_NOT_ASSESSED);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (level)), ==,
                    TM_LEVEL_BOUNDED_CLINICAL);
  undo (fixture->portfolio);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (level)), ==, TM_LEVEL_NOT_ASSESSED);
  g_assert_cmpint (tm_task_get_level (fixture->task), ==, TM_LEVEL_NOT_ASSESSED);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
}

static void
test_editor_refresh (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *title = field (fixture, "title");
  GtkWidget *minutes = field (fixture, "minutes");
  guint64 edits;

  type_text (title, "Changed");
  tm_portfolio_break_undo_merge (fixture->portfolio);
  type_text (minutes, "30");
  tm_portfolio_break_undo_merge (fixture->portfolio);

  edits = tm_portfolio_get_edit_count (fixture->portfolio);
  undo (fixture->portfolio);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (minutes)), ==, "");
  undo (fixture->portfolio);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Original");
  /* Refreshing the widgets stored nothing. */
  g_assert_cmpuint (tm_portfolio_get_edit_count (fixture->portfolio), <=, edits + 2);
  g_assert_cmpstr (tm_task_get_title (fixture->task), ==, "Original");

  /* Redo brings it back into the widgets as well. */
  g_assert_true (tm_portfolio_redo (fixture->portfolio, NULL));
  tm_test_spin (20);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Changed");
}

/* What is typed and not yet stored stays in its field when the task changes
 * in between (the TmTextStore's busy fields): the refresh fills the other
 * fields, and the typed title is stored afterwards. */
static void
test_editor_typing_kept (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *title = field (fixture, "title");
  GtkWidget *group = field (fixture, "group");
  GtkWidget *minutes = field (fixture, "minutes");
  g_autoptr(TmTaskData) data = tm_task_data_copy (tm_task_peek_data (fixture->task));
  g_autoptr(GError) error = NULL;

  /* Typed: the store's idle has not run yet. */
  gtk_editable_set_text (GTK_EDITABLE (title), "Typed, not stored");

  g_free (data->group);
  data->group = g_strdup ("Elsewhere");
  data->minutes = 12;
  g_assert_true (tm_portfolio_update_task (fixture->portfolio, fixture->task, data, NULL, &error));
  g_assert_no_error (error);

  /* The refresh showed the other change and left the typed title alone. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (group)), ==, "Elsewhere");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (minutes)), ==, "12");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Typed, not stored");

  tm_test_spin (10);
  g_assert_cmpstr (tm_task_get_title (fixture->task), ==, "Typed, not stored");
  g_assert_cmpstr (tm_task_peek_data (fixture->task)->group, ==, "Elsewhere");
}

static void
test_editor_performers (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkWidget *rows = field (fixture, "performers");
  GtkWidget *add = field (fixture, "add-performer");
  const TmTaskData *data;
  GtkWidget *row, *spin_button, *remove;

  g_assert_cmpuint (count_children (rows), ==, 0);

  g_signal_emit_by_name (add, "clicked");
  tm_test_spin (20);
  data = tm_task_peek_data (fixture->task);
  g_assert_cmpuint (data->performers->len, ==, 1);
  g_assert_cmpfloat (g_array_index (data->performers, TmPerformer, 0).share, ==, 100);
  g_assert_cmpuint (count_children (rows), ==, 1);

  /* The second gets the rest up to 100, here nothing. */
  g_signal_emit_by_name (add, "clicked");
  tm_test_spin (20);
  data = tm_task_peek_data (fixture->task);
  g_assert_cmpuint (data->performers->len, ==, 2);
  g_assert_cmpstr (g_array_index (data->performers, TmPerformer, 0).profession_id, !=,
                   g_array_index (data->performers, TmPerformer, 1).profession_id);
  g_assert_cmpfloat (g_array_index (data->performers, TmPerformer, 1).share, ==, 0);
  g_assert_cmpuint (count_children (rows), ==, 2);

  /* Shares: the first row to 60, the second to 40. */
  row = nth_child (rows, 0);
  spin_button = nth_child (row, 1);
  g_assert_true (GTK_IS_SPIN_BUTTON (spin_button));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin_button), 60);
  row = nth_child (rows, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (nth_child (row, 1)), 40);
  tm_test_spin (20);
  data = tm_task_peek_data (fixture->task);
  g_assert_cmpfloat (g_array_index (data->performers, TmPerformer, 0).share, ==, 60);
  g_assert_cmpfloat (g_array_index (data->performers, TmPerformer, 1).share, ==, 40);

  /* A third gets what is left: nothing. */
  g_signal_emit_by_name (add, "clicked");
  tm_test_spin (20);
  data = tm_task_peek_data (fixture->task);
  g_assert_cmpuint (data->performers->len, ==, 3);
  g_assert_cmpfloat (g_array_index (data->performers, TmPerformer, 2).share, ==, 0);

  /* Changing a row's profession keeps the order. */
  {
    GtkDropDown *drop_down = GTK_DROP_DOWN (nth_child (nth_child (rows, 0), 0));
    g_autofree char *second = g_strdup (g_array_index (data->performers, TmPerformer, 1).profession_id);
    guint n = g_list_model_get_n_items (gtk_drop_down_get_model (drop_down));

    g_assert_cmpuint (n, >, 3);
    gtk_drop_down_set_selected (drop_down, n - 1);
    tm_test_spin (50);
    data = tm_task_peek_data (fixture->task);
    g_assert_cmpuint (data->performers->len, ==, 3);
    g_assert_cmpstr (g_array_index (data->performers, TmPerformer, 1).profession_id, ==, second);
    g_assert_cmpfloat (g_array_index (data->performers, TmPerformer, 0).share, ==, 60);
  }

  /* Remove the middle row. */
  remove = nth_child (nth_child (rows, 1), 3);
  g_assert_true (GTK_IS_BUTTON (remove));
  g_signal_emit_by_name (remove, "clicked");
  tm_test_spin (50);
  data = tm_task_peek_data (fixture->task);
  g_assert_cmpuint (data->performers->len, ==, 2);
  g_assert_cmpuint (count_children (rows), ==, 2);

  /* Undo the removal: the rows follow. */
  undo (fixture->portfolio);
  tm_test_spin (50);
  g_assert_cmpuint (count_children (rows), ==, 3);
  g_assert_cmpuint (fixture->errors->len, ==, 0);
}

static void
test_editor_hidden_profession (Fixture       *fixture,
                               gconstpointer  user_data)
{
  GListModel *professions = tm_portfolio_get_professions (fixture->portfolio);
  g_autoptr(TmProfession) first = g_list_model_get_item (professions, 0);
  g_autoptr(GError) error = NULL;
  GtkWidget *rows = field (fixture, "performers");
  const TmTaskData *data;

  /* Hidden professions are not offered. */
  g_assert_true (tm_portfolio_update_profession (fixture->portfolio, first,
                                                 tm_profession_get_name (first),
                                                 tm_profession_get_name_en (first),
                                                 tm_profession_get_authorised (first),
                                                 tm_profession_get_unskilled (first),
                                                 TRUE, &error));
  g_assert_no_error (error);
  tm_test_spin (50);

  g_signal_emit_by_name (field (fixture, "add-performer"), "clicked");
  tm_test_spin (50);
  data = tm_task_peek_data (fixture->task);
  g_assert_cmpuint (data->performers->len, ==, 1);
  g_assert_cmpstr (g_array_index (data->performers, TmPerformer, 0).profession_id, !=,
                   tm_profession_get_id (first));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (nth_child (nth_child (rows, 0), 0)))),
                    ==, g_list_model_get_n_items (professions) - 1);
}

static void
test_editor_no_task (Fixture       *fixture,
                     gconstpointer  user_data)
{
  TmTask *other = add_task (fixture->portfolio, "Other");
  GtkStack *stack = GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (fixture->editor)));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "editor");

  tm_task_editor_set_task (fixture->editor, NULL);
  g_assert_null (tm_task_editor_get_task (fixture->editor));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  tm_task_editor_set_task (fixture->editor, other);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "editor");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (fixture, "title"))), ==, "Other");

  tm_task_editor_focus_title (fixture->editor);
  tm_test_spin (20);
  g_assert_true (gtk_widget_has_focus (field (fixture, "title")) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         field (fixture, "title")));

  tm_task_editor_set_portfolio (fixture->editor, NULL);
  g_assert_null (tm_task_editor_get_task (fixture->editor));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
}

static void
test_editor_screenshots (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(TmTaskData) data = tm_task_dup_data (fixture->task);
  GListModel *professions = tm_portfolio_get_professions (fixture->portfolio);
  g_autoptr(TmProfession) p0 = g_list_model_get_item (professions, 0);
  g_autoptr(TmProfession) p1 = g_list_model_get_item (professions, 1);

  g_free (data->title);
  data->title = g_strdup ("Print the patient list from Klinisk Logistik about 15 minutes after the shift change");
  g_free (data->description);
  data->description = g_strdup ("Print the list, mark the patients who need help at breakfast "
                                "and hand copies to the nurses at the board.");
  g_free (data->group);
  data->group = g_strdup ("In the morning");
  data->level = TM_LEVEL_ADMIN;
  data->complexity = TM_COMPLEXITY_VARIES;
  data->minutes = 12.5;
  data->occurrences = 2;
  data->per = TM_PER_DAY;
  data->shifts = TM_SHIFT_DAY | TM_SHIFT_WEEKEND;
  tm_task_data_set_performer (data, tm_profession_get_id (p0), 70);
  tm_task_data_set_performer (data, tm_profession_get_id (p1), 30);
  g_assert_true (tm_portfolio_update_task (fixture->portfolio, fixture->task, data, NULL, NULL));
  tm_test_spin (100);

  maybe_take_screenshot (GTK_WIDGET (fixture->window), "editor.png");

  gtk_window_set_default_size (fixture->window, 360, 700);
  type_text (field (fixture, "minutes"), "-3");
  maybe_take_screenshot (GTK_WIDGET (fixture->window), "editor-error.png");

  tm_task_editor_set_task (fixture->editor, NULL);
  maybe_take_screenshot (GTK_WIDGET (fixture->window), "editor-empty.png");
}

/* The dialogs --------------------------------------------------------------------------- */

typedef struct {
  guint      n_calls;
  GFile     *file;
  TmCountry  country;
  char      *unit_name;
  gboolean   with_example;
} CreateResult;

static void
on_create (GFile      *file,
           TmCountry   country,
           const char *unit_name,
           gboolean    with_example,
           gpointer    user_data)
{
  CreateResult *result = user_data;

  result->n_calls++;
  g_set_object (&result->file, file);
  result->country = country;
  g_free (result->unit_name);
  result->unit_name = g_strdup (unit_name);
  result->with_example = with_example;
}

static GtkWindow *
make_parent (void)
{
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (parent, 800, 600);
  gtk_window_present (parent);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, parent));

  return parent;
}

static void
close_and_wait (GtkWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  g_assert_true (tm_test_wait_until (is_null, &weak));
}

static void
test_dialog_new_portfolio (void)
{
  GtkWindow *parent = make_parent ();
  CreateResult result = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-editor-XXXXXX", &error);
  g_autofree char *target_path = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent_dir = NULL;
  TmNewPortfolioDialog *dialog;
  gpointer weak;

  g_assert_no_error (error);

  /* Cancel: nothing is called. */
  dialog = _tm_new_portfolio_dialog_present (parent, on_create, &result);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, dialog));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == parent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_destroy_with_parent (GTK_WINDOW (dialog)));
  /* Without a unit name, Create does nothing. */
  g_assert_false (_tm_new_portfolio_dialog_create (dialog));
  /* The default file is named after the unit, made safe for a file system. */
  _tm_new_portfolio_dialog_set_fields (dialog, TM_COUNTRY_NO, "Ward 7/B: night", FALSE, NULL);
  file = _tm_new_portfolio_dialog_get_file (dialog);
  basename = g_file_get_basename (file);
  g_assert_cmpstr (basename, ==, "Ward 7-B- night.taskmap");
  g_clear_object (&file);
  maybe_take_screenshot (GTK_WIDGET (dialog), "new-portfolio.png");
  close_and_wait (GTK_WINDOW (dialog));
  g_assert_cmpuint (result.n_calls, ==, 0);

  /* Create: a chosen file without the suffix gets it, its folder is created. */
  dialog = _tm_new_portfolio_dialog_present (parent, on_create, &result);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, dialog));
  target_path = g_build_filename (dir, "sub", "folder", "Ward 7", NULL);
  target = g_file_new_for_path (target_path);
  _tm_new_portfolio_dialog_set_fields (dialog, TM_COUNTRY_NO, "  Ward 7  ", TRUE, target);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (_tm_new_portfolio_dialog_create (dialog));
  g_assert_true (tm_test_wait_until (is_null, &weak));

  g_assert_cmpuint (result.n_calls, ==, 1);
  g_assert_cmpint (result.country, ==, TM_COUNTRY_NO);
  g_assert_cmpstr (result.unit_name, ==, "Ward 7");
  g_assert_true (result.with_example);
  g_clear_pointer (&basename, g_free);
  basename = g_file_get_basename (result.file);
  g_assert_cmpstr (basename, ==, "Ward 7.taskmap");
  parent_dir = g_file_get_parent (result.file);
  g_assert_true (g_file_query_file_type (parent_dir, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY);

  /* The public entry point, closed with Escape's action. */
  tm_new_portfolio_dialog_present (parent, on_create, &result);
  tm_test_spin (100);
  close_and_wait (tm_test_find_toplevel (TM_TYPE_NEW_PORTFOLIO_DIALOG));
  g_assert_cmpuint (result.n_calls, ==, 1);

  gtk_window_destroy (parent);
  tm_test_spin (50);
  g_clear_object (&result.file);
  g_free (result.unit_name);
  {
    g_autofree char *sub = g_build_filename (dir, "sub", "folder", NULL);
    g_autofree char *sub1 = g_build_filename (dir, "sub", NULL);

    g_rmdir (sub);
    g_rmdir (sub1);
    g_rmdir (dir);
  }
}

static void
test_dialog_unit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Test", &error);
  GtkWindow *parent = make_parent ();
  TmUnitDialog *dialog;
  gpointer weak;

  g_assert_no_error (error);

  /* Cancel changes nothing. */
  dialog = _tm_unit_dialog_present (parent, portfolio);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, dialog));
  _tm_unit_dialog_set_fields (dialog, "Not this", "", TM_SETTING_ACUTE, "");
  close_and_wait (GTK_WINDOW (dialog));
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Test");

  /* An empty name is refused inline; the dialog stays. */
  dialog = _tm_unit_dialog_present (parent, portfolio);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, dialog));
  _tm_unit_dialog_set_fields (dialog, "  ", "Org", TM_SETTING_ACUTE, "");
  g_assert_false (_tm_unit_dialog_apply (dialog));
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Test");

  /* Apply stores all in one undo step and closes. */
  _tm_unit_dialog_set_fields (dialog, "Medical Ward M3", "Regionshospitalet Horsens",
                              TM_SETTING_HOSPITAL_WARD, "Workshop in May");
  maybe_take_screenshot (GTK_WIDGET (dialog), "unit.png");
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (_tm_unit_dialog_apply (dialog));
  g_assert_true (tm_test_wait_until (is_null, &weak));
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Medical Ward M3");
  g_assert_cmpstr (tm_portfolio_get_organisation (portfolio), ==, "Regionshospitalet Horsens");
  g_assert_cmpint (tm_portfolio_get_setting (portfolio), ==, TM_SETTING_HOSPITAL_WARD);
  g_assert_cmpstr (tm_portfolio_get_notes (portfolio), ==, "Workshop in May");

  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Test");

  /* The public entry point; the dialog goes with its parent. */
  tm_unit_dialog_present (parent, portfolio);
  tm_test_spin (100);
  g_assert_nonnull (tm_test_find_toplevel (TM_TYPE_UNIT_DIALOG));
  gtk_window_destroy (parent);
  tm_test_spin (100);
  g_assert_null (tm_test_find_toplevel (TM_TYPE_UNIT_DIALOG));
}

static void
test_dialog_professions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_NO, "Test", &error);
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  guint n_before = g_list_model_get_n_items (professions);
  GtkWindow *parent = make_parent ();
  TmProfessionsDialog *dialog;
  TmProfession *added;
  GtkWidget *focus;

  g_assert_no_error (error);
  g_assert_cmpuint (n_before, >, 0);

  dialog = _tm_professions_dialog_present (parent, portfolio);
  g_assert_true (tm_test_wait_until (tm_test_is_mapped, dialog));
  tm_test_spin (200);
  maybe_take_screenshot (GTK_WIDGET (dialog), "professions.png");

  added = _tm_professions_dialog_add (dialog);
  g_assert_nonnull (added);
  g_assert_cmpuint (g_list_model_get_n_items (professions), ==, n_before + 1);
  g_assert_false (tm_profession_get_hidden (added));
  tm_test_spin (400);

  /* The new profession's name entry has the focus, ready to type over. */
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY))),
                   ==, tm_profession_get_name (added));
  maybe_take_screenshot (GTK_WIDGET (dialog), "professions-added.png");

  /* Typing a name and closing stores it. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY)), "Porter");
  close_and_wait (GTK_WINDOW (dialog));
  g_assert_cmpstr (tm_profession_get_name (added), ==, "Porter");

  /* The public entry point. */
  tm_professions_dialog_present (parent, portfolio);
  tm_test_spin (100);
  close_and_wait (tm_test_find_toplevel (TM_TYPE_PROFESSIONS_DIALOG));
  gtk_window_destroy (parent);
  tm_test_spin (100);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_ui_init (&argc, &argv);

  /* The resources live in a static library: referring to them links them in. */
  (void) taskmap_get_resource ();

  g_test_add ("/ui/editor/fields", Fixture, NULL, fixture_set_up, test_editor_fields, fixture_tear_down);
  g_test_add ("/ui/editor/title", Fixture, NULL, fixture_set_up, test_editor_title, fixture_tear_down);
  g_test_add ("/ui/editor/title-invalid", Fixture, NULL, fixture_set_up, test_editor_title_invalid, fixture_tear_down);
  g_test_add ("/ui/editor/text-fields", Fixture, NULL, fixture_set_up, test_editor_text_fields, fixture_tear_down);
  g_test_add ("/ui/editor/group-choice", Fixture, NULL, fixture_set_up, test_editor_group_choice, fixture_tear_down);
  g_test_add ("/ui/editor/time", Fixture, NULL, fixture_set_up, test_editor_time, fixture_tear_down);
  g_test_add ("/ui/editor/choices", Fixture, NULL, fixture_set_up, test_editor_choices, fixture_tear_down);
  g_test_add ("/ui/editor/refresh", Fixture, NULL, fixture_set_up, test_editor_refresh, fixture_tear_down);
  g_test_add ("/ui/editor/typing-kept", Fixture, NULL, fixture_set_up, test_editor_typing_kept, fixture_tear_down);
  g_test_add ("/ui/editor/performers", Fixture, NULL, fixture_set_up, test_editor_performers, fixture_tear_down);
  g_test_add ("/ui/editor/hidden-profession", Fixture, NULL, fixture_set_up, test_editor_hidden_profession, fixture_tear_down);
  g_test_add ("/ui/editor/no-task", Fixture, NULL, fixture_set_up, test_editor_no_task, fixture_tear_down);
  g_test_add ("/ui/editor/screenshots", Fixture, NULL, fixture_set_up, test_editor_screenshots, fixture_tear_down);
  g_test_add_func ("/ui/dialogs/new-portfolio", test_dialog_new_portfolio);
  g_test_add_func ("/ui/dialogs/unit", test_dialog_unit);
  g_test_add_func ("/ui/dialogs/professions", test_dialog_professions);

  return g_test_run ();
}
