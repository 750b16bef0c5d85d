/* test-ui-screenshots.c
 * Screenshots of the main window in English, Danish and Norwegian bokmål:
 * the welcome page, the example portfolio, and presentation mode.
 *
 * Each language runs in a child process of this program (LANGUAGE must be set
 * before the first translation); the child writes the PNG files to
 * $TASKMAP_SCREENSHOT_DIR and the test checks them.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-screenshots"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tm-window-private.h"
#include "tm-application.h"
#include "tm-test-ui.h"

#define WIDTH     1280
#define HEIGHT    800
/* A real screenshot of a full window is far larger; an empty one far smaller. */
#define MIN_PNG_SIZE (10 * 1024)


/* The child: draws the window and saves it */

static gboolean
take_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *path = g_build_filename (tm_test_screenshot_dir (), name, NULL);

  /* Let idles (column widths, summary) and transitions finish first. */
  return tm_test_save_png (window, path, 600);
}

static const char * const views[] = { "matrix", "map", "capacity", "flow", "board" };

typedef struct {
  GtkWidget *window;
  int        width;
  int        height;
} Size;

static gboolean
has_size (gpointer data)
{
  Size *size = data;

  /* The window's widget is its surface less the frame GTK draws around it. */
  return ABS (gtk_widget_get_width (size->window) - size->width) <= 16 &&
         ABS (gtk_widget_get_height (size->window) - size->height) <= 16;
}

/* The window at @width × @height, as on a projector. */
static gboolean
resize (GtkWidget *window,
        int        width,
        int        height)
{
  Size size = { window, width, height };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (!tm_test_wait_until (has_size, &size))
    {
      int min_w = 0, nat_w = 0;

      gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      g_printerr ("The window did not become %d × %d (it is %d × %d; it needs %d, would like %d)\n",
                  width, height, gtk_widget_get_width (window), gtk_widget_get_height (window),
                  min_w, nat_w);
      return FALSE;
    }
  /* Nothing may be wider than the window: a cut-off header or status bar. */
  {
    int minimum = 0;

    gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    if (minimum > gtk_widget_get_width (window))
      {
        g_printerr ("The window needs %d pixels but has %d\n", minimum, width);
        return FALSE;
      }
  }
  return TRUE;
}

/* The workshop at a projector's sizes: the list being timed, the board, and
 * presentation mode on the matrix and the board. */
static gboolean
workshop_shots (TmWindow   *window,
                const char *lang)
{
  static const struct { int width, height; } sizes[] = { { 1024, 768 }, { 1280, 720 } };
  gboolean ok = TRUE;

  /* The projector's size, not the test display's. */
  _tm_window_set_presentation_windowed (window, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *suffix = g_strdup_printf ("%s-%dx%d.png", lang, sizes[i].width, sizes[i].height);
      g_autofree char *timing = g_strconcat ("timing-", suffix, NULL);
      g_autofree char *board = g_strconcat ("board-", suffix, NULL);
      g_autofree char *matrix = g_strconcat ("projector-matrix-", suffix, NULL);
      g_autofree char *projector_board = g_strconcat ("projector-board-", suffix, NULL);
      g_autofree char *capacity = g_strconcat ("projector-capacity-", suffix, NULL);

      ok &= resize (GTK_WIDGET (window), sizes[i].width, sizes[i].height);

      _tm_window_show_view (window, "catalogue");
      gtk_single_selection_set_selected (_tm_window_get_selection (window), 2);
      tm_test_spin (200);
      tm_cell_editor_start (_tm_window_get_cell_editor (window), 2, TM_CELL_TIMES, NULL);
      ok &= take_screenshot (GTK_WIDGET (window), timing);
      tm_cell_editor_cancel (_tm_window_get_cell_editor (window));

      _tm_window_show_view (window, "board");
      gtk_widget_grab_focus (GTK_WIDGET (_tm_window_get_move_board (window)));
      ok &= take_screenshot (GTK_WIDGET (window), board);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
      ok &= resize (GTK_WIDGET (window), sizes[i].width, sizes[i].height);
      ok &= take_screenshot (GTK_WIDGET (window), projector_board);
      _tm_window_show_view (window, "matrix");
      ok &= take_screenshot (GTK_WIDGET (window), matrix);
      _tm_window_show_view (window, "capacity");
      ok &= take_screenshot (GTK_WIDGET (window), capacity);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
      tm_test_spin (200);
    }
  _tm_window_show_view (window, "catalogue");
  ok &= resize (GTK_WIDGET (window), WIDTH, HEIGHT);
  return ok;
}

/* The board where a workshop ends: at the moves agreed there. */
static void
focus_first_agreed (TmWindow    *window,
                    TmPortfolio *portfolio)
{
  const char *scenario_id = _tm_window_get_scenario_id (window);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmMoveReview *review = tm_task_data_get_review (tm_task_peek_data (task), scenario_id);

      if (review != NULL && tm_move_review_get_status (review) == TM_STATUS_AGREED)
        {
          gtk_widget_grab_focus (GTK_WIDGET (_tm_window_get_move_board (window)));
          tm_move_board_focus_task (_tm_window_get_move_board (window), task);
          tm_test_spin (200);
          return;
        }
    }
}

static int
run_child (const char *lang)
{
  TmApplication *app = tm_test_ui_get_app ();
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *welcome = g_strdup_printf ("welcome-%s.png", lang);
  g_autofree char *main_shot = g_strdup_printf ("main-%s.png", lang);
  TmWindow *window;
  gboolean ok = TRUE;


  /* The example in the screenshot's language: timed, with the ward's staffing
   * and two scenarios, so every view has something to show. */
  portfolio = tm_example_create_in_language (NULL, lang, &error);
  if (portfolio == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  window = tm_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  if (!tm_test_wait_until (tm_test_is_mapped, window))
    {
      g_printerr ("The window was not mapped\n");
      return 1;
    }

  ok &= take_screenshot (GTK_WIDGET (window), welcome);

  tm_window_set_portfolio (window, portfolio);
  tm_test_wait_until (tm_test_models_settled, window);
  gtk_single_selection_set_selected (_tm_window_get_selection (window), 4);
  ok &= take_screenshot (GTK_WIDGET (window), main_shot);

  if (g_str_equal (lang, "da"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
      ok &= take_screenshot (GTK_WIDGET (window), "presentation-da.png");
      gtk_widget_activate_action (GTK_WIDGET (window), "win.presentation", NULL);
    }

  /* The views of the example's first scenario. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.png", views[i], lang);

      _tm_window_show_view (window, views[i]);
      tm_test_spin (200);
      if (g_str_equal (views[i], "board"))
        focus_first_agreed (window, portfolio);
      ok &= take_screenshot (GTK_WIDGET (window), name);
    }
  _tm_window_show_view (window, "catalogue");

  if (!g_str_equal (lang, "en"))
    ok &= workshop_shots (window, lang);

  gtk_window_destroy (GTK_WINDOW (window));
  tm_test_spin (50);

  return ok ? 0 : 1;
}

/* The test: runs the child for one language and checks its files */

static void
test_screenshots (gconstpointer data)
{
  const char *lang = data;
  g_autofree char *welcome = g_strdup_printf ("welcome-%s.png", lang);
  g_autofree char *main_shot = g_strdup_printf ("main-%s.png", lang);

  tm_test_run_child_in (lang);

  tm_test_assert_png (welcome, MIN_PNG_SIZE);
  tm_test_assert_png (main_shot, MIN_PNG_SIZE);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.png", views[i], lang);

      tm_test_assert_png (name, MIN_PNG_SIZE);
    }
  if (g_str_equal (lang, "da"))
    tm_test_assert_png ("presentation-da.png", MIN_PNG_SIZE);
  if (!g_str_equal (lang, "en"))
    {
      static const char * const shots[] = {
        "timing", "board", "projector-matrix", "projector-board", "projector-capacity",
      };
      static const char * const sizes[] = { "1024x768", "1280x720" };

      for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
        for (guint j = 0; j < G_N_ELEMENTS (sizes); j++)
          {
            g_autofree char *name = g_strdup_printf ("%s-%s-%s.png", shots[i], lang, sizes[j]);

            tm_test_assert_png (name, MIN_PNG_SIZE);
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *child = tm_test_ui_child_init ();

  if (child != NULL)
    return run_child (child);

  tm_test_ui_init (&argc, &argv);

  g_test_add_data_func ("/ui/screenshots/en", "en", test_screenshots);
  g_test_add_data_func ("/ui/screenshots/da", "da", test_screenshots);
  g_test_add_data_func ("/ui/screenshots/nb", "nb", test_screenshots);

  return g_test_run ();
}
