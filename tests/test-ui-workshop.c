/* test-ui-workshop.c
 * The end of a workshop on a real display: the board of moves with the status
 * changed from the keyboard (real keys through XTest), the move opened in
 * full, presentation mode hiding and restoring the editing chrome, and the
 * views printed with the export's drawing code.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-workshop"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tm-review-pane.h"
#include "tm-window-private.h"
#include "exchange/tm-xml.h"
#include "tm-test-ui.h"
#include "tm-test-util.h"

/* The first toplevel of @type that is not @except, or NULL. */
static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* borrowed */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* GTK's list of toplevels keeps the window. */
      if (window != except && G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static TmWindow *
open_example (const char   *language,
              TmPortfolio **out)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_example_create_in_language (NULL, language, &error);

  g_assert_no_error (error);
  *out = portfolio;
  return tm_test_make_window (portfolio, 1280, 800);
}

/* Alt+6 shows the board; + and - move the focused card's status along the
 * main line, 3 approves (asking first while checklist items are open), r
 * rejects; each is one undo step; Enter opens the move in full. */
static void
test_board (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window = open_example ("en", &portfolio);
  const char *scenario_id = _tm_window_get_scenario_id (window);
  TmMoveBoard *board = _tm_window_get_move_board (window);
  guint n_proposed, n_agreed, n_approved, n_moves = 0;
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GtkWindow *dialog;
  TmTask *task;

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) t = g_list_model_get_item (tasks, i);

      if (tm_task_data_get_move (tm_task_peek_data (t), scenario_id) != NULL)
        n_moves++;
    }

  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "alt+6"));
  g_assert_cmpstr (_tm_window_get_view (window), ==, "board");
  TM_WAIT_FOR (gtk_widget_has_focus (GTK_WIDGET (board)));

  /* Every move of the scenario has its card. */
  g_assert_cmpuint (tm_move_board_get_n_cards (board), ==, n_moves);
  n_proposed = tm_move_board_count_status (board, TM_STATUS_PROPOSED);
  n_agreed = tm_move_board_count_status (board, TM_STATUS_AGREED);
  n_approved = tm_move_board_count_status (board, TM_STATUS_APPROVED);
  g_assert_cmpuint (n_proposed, >, 0);

  /* The first card is a proposed move; + agrees it in the workshop. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Home"));
  task = tm_move_board_get_focus_task (board);
  g_assert_nonnull (task);
  g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, TM_STATUS_PROPOSED);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "plus"));
  g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, TM_STATUS_AGREED);
  g_assert_cmpuint (tm_move_board_count_status (board, TM_STATUS_PROPOSED), ==, n_proposed - 1);
  g_assert_cmpuint (tm_move_board_count_status (board, TM_STATUS_AGREED), ==, n_agreed + 1);
  /* The focus went along to its new place. */
  g_assert_true (tm_move_board_get_focus_task (board) == task);

  /* - takes it back; undo (Ctrl+Z) gives the agreement back. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "minus"));
  g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, TM_STATUS_PROPOSED);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "ctrl+z"));
  g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, TM_STATUS_AGREED);

  /* 3: approval, with checklist items open: asked first, then recorded. */
  if (tm_move_review_count_open (tm_task_data_get_review (tm_task_peek_data (task), scenario_id)) > 0)
    {
      g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "3"));
      TM_WAIT_FOR ((dialog = find_toplevel (GTK_TYPE_MESSAGE_DIALOG, GTK_WINDOW (window))) != NULL);
      g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, TM_STATUS_AGREED);
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
      tm_test_spin (50);
    }
  else
    g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "3"));
  g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, TM_STATUS_APPROVED);
  g_assert_cmpuint (tm_move_board_count_status (board, TM_STATUS_APPROVED), ==, n_approved + 1);

  /* Two steps back (approved → proposed, 1) is refused, and said. */
  g_assert_null (_tm_window_get_error_text (window));
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "1"));
  g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, TM_STATUS_APPROVED);
  g_assert_nonnull (_tm_window_get_error_text (window));

  /* r rejects it. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "r"));
  g_assert_cmpint (tm_test_status_of (task, scenario_id), ==, TM_STATUS_REJECTED);
  g_assert_cmpuint (tm_move_board_count_status (board, TM_STATUS_REJECTED), >=, 1);

  /* The receiving profession renamed in Professions: the shown board says
   * the new name at once (it followed only professions added or removed). */
  {
    g_autoptr(TmTask) moved = NULL;
    TmProfession *to = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; to == NULL && i < g_list_model_get_n_items (tasks); i++)
      {
        const TmMove *move;

        g_clear_object (&moved);
        moved = g_list_model_get_item (tasks, i);
        move = tm_task_data_get_move (tm_task_peek_data (moved), scenario_id);
        if (move != NULL && move->kind == TM_MOVE_TO_PROFESSION)
          to = tm_portfolio_lookup_profession (portfolio, move->profession_id);
      }
    g_assert_nonnull (to);
    tm_move_board_focus_task (board, moved);
    g_assert_true (tm_move_board_get_focus_task (board) == moved);
    g_assert_null (strstr (tm_move_card_get_move_text (_tm_move_board_get_focus_card (board)),
                           "Floor runner"));
    g_assert_true (tm_portfolio_update_profession (portfolio, to, "Floor runner", "Floor runner",
                                                   tm_profession_get_authorised (to),
                                                   tm_profession_get_unskilled (to),
                                                   tm_profession_get_hidden (to), &error));
    g_assert_no_error (error);
    TM_WAIT_FOR (strstr (tm_move_card_get_move_text (_tm_move_board_get_focus_card (board)),
                         "Floor runner") != NULL);
    g_assert_true (tm_move_board_get_focus_task (board) == moved);
  }

  /* Enter: the move in full, the review in columns; Escape closes it. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Return"));
  TM_WAIT_FOR ((dialog = find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (window))) != NULL);
  tm_test_wait_drawn (GTK_WIDGET (dialog));
  {
    GtkWidget *review = tm_test_find_descendant (GTK_WIDGET (dialog), TM_TYPE_REVIEW_PANE);

    g_assert_nonnull (review);
    /* It uses the window's width. */
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), >=, 900);
  }
  g_assert_true (tm_test_type_keys (GTK_WIDGET (dialog), "Escape"));
  TM_WAIT_FOR (find_toplevel (GTK_TYPE_WINDOW, GTK_WINDOW (window)) == NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether a label under @widget says @text. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The training needed, under the capacity chart, names the receiving
 * professions: renamed, the shown summary says the new name at once (it
 * followed only the tasks before). */
static void
test_summary_follows_names (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window = open_example ("en", &portfolio);
  GtkWidget *summary = GTK_WIDGET (window->scenario_summary);
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  g_autoptr(GError) error = NULL;
  TmProfession *named = NULL;

  _tm_window_show_view (window, "capacity");
  TM_WAIT_FOR (gtk_widget_get_mapped (summary) &&
               gtk_widget_get_visible (gtk_widget_get_first_child (summary)));
  for (guint i = 0; named == NULL && i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      if (has_label (summary, tm_profession_get_display_name (profession)))
        named = profession;
    }
  g_assert_nonnull (named);
  g_assert_false (has_label (summary, "Floor runner"));

  g_assert_true (tm_portfolio_update_profession (portfolio, named, "Floor runner", "Floor runner",
                                                 tm_profession_get_authorised (named),
                                                 tm_profession_get_unskilled (named),
                                                 tm_profession_get_hidden (named), &error));
  g_assert_no_error (error);
  TM_WAIT_FOR (has_label (summary, "Floor runner"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* F11: the editing chrome goes, the views and the keyboard stay; Escape
 * brings everything back as it was. */
static void
test_presentation (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window = open_example ("da", &portfolio);
  GtkWidget *chrome[] = {
    _tm_window_get_header_bar (window),
    GTK_WIDGET (_tm_window_get_quick_entry (window)),
    GTK_WIDGET (_tm_window_get_search_entry (window)),
    GTK_WIDGET (_tm_window_get_editor (window)),
    GTK_WIDGET (_tm_window_get_summary_bar (window)),
  };
  gboolean before[G_N_ELEMENTS (chrome)];

  /* The search and filters shown, as in a workshop. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "find", NULL);
  tm_test_spin (300);
  for (guint i = 0; i < G_N_ELEMENTS (chrome); i++)
    {
      before[i] = gtk_widget_is_visible (chrome[i]);
      g_assert_true (before[i]);
    }
  g_assert_true (gtk_widget_is_visible (_tm_window_get_matrix_pane (window)) ||
                 !gtk_widget_get_mapped (_tm_window_get_matrix_pane (window)));

  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "F11"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  for (guint i = 0; i < G_N_ELEMENTS (chrome); i++)
    g_assert_false (gtk_widget_is_visible (chrome[i]));
  g_assert_false (gtk_widget_get_visible (_tm_window_get_matrix_pane (window)));

  /* The keyboard still goes from view to view, and the matrix is there. */
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "alt+2"));
  g_assert_cmpstr (_tm_window_get_view (window), ==, "matrix");
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "alt+6"));
  g_assert_cmpstr (_tm_window_get_view (window), ==, "board");

  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Escape"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "presentation"));
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "alt+1"));
  tm_test_spin (300);
  for (guint i = 0; i < G_N_ELEMENTS (chrome); i++)
    g_assert_cmpint (gtk_widget_is_visible (chrome[i]), ==, before[i]);
  g_assert_true (gtk_widget_get_visible (_tm_window_get_matrix_pane (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  const char *pages;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* Printing the view shown, through GtkPrintOperation (exported to a PDF
 * here, instead of the print dialog): the matrix on pages with its rows, the
 * board with every card, in the portfolio's language; the list has nothing to print. */
static void
test_print (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmWindow *window = open_example ("da", &portfolio);
  g_autofree char *dir = g_dir_make_tmp ("taskmap-print-XXXXXX", NULL);
  g_autofree char *matrix_pdf = g_build_filename (dir, "matrix.pdf", NULL);
  g_autofree char *board_pdf = g_build_filename (dir, "board.pdf", NULL);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  const char *scenario_id = _tm_window_get_scenario_id (window);

  g_assert_null (_tm_window_create_print_operation (window));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print"));

  {
    g_autoptr(GtkPrintOperation) operation = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;

    _tm_window_show_view (window, "matrix");
    tm_test_spin (100);
    g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "print"));
    operation = _tm_window_create_print_operation (window);
    g_assert_nonnull (operation);
    gtk_print_operation_set_export_filename (operation, matrix_pdf);
    g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                              GTK_WINDOW (window), &error),
                     ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    g_assert_cmpuint (pdf_pages (matrix_pdf), >=, 1);
    text = tm_test_pdf_text (matrix_pdf);
    /* Danish, as the portfolio: the legend's heading, and every task. */
    g_assert_nonnull (strstr (text, "Signaturforklaring"));
    for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
      {
        g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
        g_autofree char *start = g_utf8_substring (tm_task_get_title (task), 0, 12);

        if (strstr (text, start) == NULL)
          g_error ("The printed matrix has no “%s”", start);
      }
  }

  {
    g_autoptr(GtkPrintOperation) operation = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    guint n_cards = 0;

    _tm_window_show_view (window, "board");
    tm_test_spin (100);
    operation = _tm_window_create_print_operation (window);
    g_assert_nonnull (operation);
    gtk_print_operation_set_export_filename (operation, board_pdf);
    g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                              GTK_WINDOW (window), &error),
                     ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    text = tm_test_pdf_text (board_pdf);
    for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
      {
        g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
        g_autofree char *start = NULL;

        if (tm_task_data_get_move (tm_task_peek_data (task), scenario_id) == NULL)
          continue;
        n_cards++;
        start = g_utf8_substring (tm_task_get_title (task), 0, 12);
        if (strstr (text, start) == NULL)
          g_error ("The printed board has no card for “%s”", start);
      }
    /* Cards of about 40 moves do not fit one page. */
    g_assert_cmpuint (n_cards, >, 10);
    g_assert_cmpuint (pdf_pages (board_pdf), >, 1);
    g_assert_nonnull (strstr (text, "Foreslået"));
  }

  g_unlink (matrix_pdf);
  g_unlink (board_pdf);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  tm_test_ui_init (&argc, &argv);

  g_test_add_func ("/ui/workshop/board", test_board);
  g_test_add_func ("/ui/workshop/summary-names", test_summary_follows_names);
  g_test_add_func ("/ui/workshop/presentation", test_presentation);
  g_test_add_func ("/ui/workshop/print", test_print);

  return tm_test_ui_run ();
}
