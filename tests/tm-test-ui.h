/* tm-test-ui.h
 * What the UI tests share: waiting for the main loop, windows drawn, widgets
 * found, and real keys typed into the display (XTest).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tm-window.h"
#include "tm-application.h"

G_BEGIN_DECLS

/* Spins the main loop until @cond holds, failing after ten seconds. */
#define TM_WAIT_FOR(cond)                                                  \
  G_STMT_START {                                                           \
    gint64 _deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;      \
    while (!(cond))                                                        \
      {                                                                    \
        if (g_get_monotonic_time () > _deadline)                           \
          {                                                                \
            g_assert_true (cond);                                          \
            break;                                                         \
          }                                                                \
        if (!g_main_context_iteration (NULL, FALSE))                       \
          g_usleep (2000);                                                 \
      }                                                                    \
  } G_STMT_END

/* The locale, the text domain, GTK and the application, as every UI test
 * starts; a test without a display bails out (exits with 1) when
 * TASKMAP_REQUIRE_DISPLAY=1 (CI) and skips (exits with 0) otherwise.
 * Returns the application (tm_test_ui_get_app()). */
TmApplication *tm_test_ui_init        (int          *argc,
                                       char       ***argv);
/* The same, but FALSE instead of exiting, with what main() would return in
 * *@skip_status (for a child process that exits its own way). */
gboolean      tm_test_ui_try_init     (int          *argc,
                                       char       ***argv,
                                       int          *skip_status);
/* A UI test that takes screenshots in each language runs itself again, as
 * a child process, once per language: this variable tells the child. */
#define TM_TEST_CHILD_ENV "TASKMAP_SCREENSHOT_CHILD"

/* First thing in main() of such a test: in the child, sets up the locale,
 * the text domain, GTK and the application (tm_test_ui_get_app()) and
 * returns the value of TM_TEST_CHILD_ENV (exits with 1 and a message where
 * that fails); in the test itself, does nothing and returns NULL. */
const char   *tm_test_ui_child_init   (void);
/* Runs this test program again as a child: @child in TM_TEST_CHILD_ENV,
 * screenshots into tm_test_screenshot_dir(), and the environment changed
 * by pairs of a name and a value (NULL: unset), ending with NULL. Asserts
 * that the child exits with 0; what it wrote on stderr goes to the log. */
void          tm_test_run_child       (const char   *child,
                                       const char   *first_env,
                                       ...) G_GNUC_NULL_TERMINATED;
/* Runs the child @lang in that language (LANGUAGE=@lang, LANG=C.UTF-8). */
void          tm_test_run_child_in    (const char   *lang);
/* Asserts that tm_test_screenshot_dir() holds the PNG @name, larger than
 * @min_size bytes (an empty or black window is smaller). */
void          tm_test_assert_png      (const char   *name,
                                       goffset       min_size);

/* The application the windows belong to (registered, non-unique). */
TmApplication *tm_test_ui_get_app     (void);
void          tm_test_ui_shutdown     (void);
/* The end of a UI test's main(): runs the tests, then shuts the
 * application down; returns what g_test_run() returned. */
int           tm_test_ui_run          (void);

void          tm_test_spin            (guint         ms);
/* Spins the main loop until @cond (@data) holds; FALSE after ten seconds. */
gboolean      tm_test_wait_until      (gboolean    (*cond) (gpointer),
                                       gpointer      data);
/* A condition for tm_test_wait_until(): @data, a widget, is mapped. */
gboolean      tm_test_is_mapped       (gpointer      data);
/* Returns once @widget's window has been drawn twice. */
void          tm_test_wait_drawn      (GtkWidget    *widget);
/* A new toplevel window of @width × @height holding @child, not yet
 * presented. */
GtkWindow    *tm_test_window_with     (GtkWidget    *child,
                                       int           width,
                                       int           height);
/* A new array that gathers the messages of @widget's "error" signal (free
 * it once @widget is gone). */
GPtrArray    *tm_test_collect_errors  (gpointer      widget);
/* A window of @portfolio, @width × @height, presented and drawn. */
TmWindow     *tm_test_make_window     (TmPortfolio  *portfolio,
                                       int           width,
                                       int           height);
/* A condition for tm_test_wait_until() and TM_WAIT_FOR(): @data, a
 * TmWindow, has its list of tasks up to date with its portfolio. */
gboolean      tm_test_models_settled  (gpointer      data);
/* The number of rows in @window's list of tasks, once settled. */
guint         tm_test_n_rows          (TmWindow     *window);
/* The task at row @position of @window's list (borrowed: the list keeps it). */
TmTask       *tm_test_row_task        (TmWindow     *window,
                                       guint         position);
/* A shown toplevel window of @type (borrowed: GTK keeps its toplevels), or NULL. */
GtkWindow    *tm_test_find_toplevel   (GType         type);
/* The visible controls under @root (buttons, entries, drop-downs, lists…)
 * that a screen reader could not name: no accessible label, no labelled-by
 * relation, and for a button no text shown. NULL when every one has a name;
 * else a description of each, for the test's message. */
char         *tm_test_dup_unnamed_controls (GtkWidget *root);
/* The first descendant of @widget (itself included) of @type, or NULL. */
GtkWidget    *tm_test_find_descendant (GtkWidget    *widget,
                                       GType         type);

/* With the window's long work taken by hand (_tm_window_set_import_steps()
 * with by_hand): waits until an XML file given to _tm_window_import_file()
 * is read, then takes the steps that compare it with the portfolio (a
 * region's file) and returns once the plan is made: its import under way,
 * its merge dialog shown, or its refusal said. */
void          tm_test_wait_planned    (TmWindow     *window);

/* Where screenshots go: $TASKMAP_SCREENSHOT_DIR, else a folder in the
 * temporary folder; made if missing. */
const char   *tm_test_screenshot_dir  (void);
/* Saves @window as the next frame draws it (in the frame clock's
 * after-paint: anywhere else the snapshot is empty or a frame old) to the
 * PNG @path, after @settle_ms for idles and transitions; FALSE (with a
 * message) when it could not, or when, under GTK_A11Y=test (as the UI
 * suites run), a control shown has no name (tm_test_dup_unnamed_controls()). */
gboolean      tm_test_save_png        (GtkWidget    *window,
                                       const char   *path,
                                       guint         settle_ms);
/* Saves @window as drawn, once drawn and settled, as the PNG @name in
 * tm_test_screenshot_dir(); FALSE (with a message) when it could not. */
gboolean      tm_test_take_screenshot (GtkWidget    *window,
                                       const char   *name);

/* Real key presses through the X server (XTest), to the window with the
 * keyboard focus: @keys is a list of key names as xdotool and X write them
 * ("7", "Tab", "shift+Tab", "ctrl+v", "Return", "Escape"), separated by
 * spaces. Spins the main loop until each is handled. FALSE (with a message)
 * where keys cannot be typed: not an X display, no XTest. */
gboolean      tm_test_type_keys       (GtkWidget    *window,
                                       const char   *keys);

G_END_DECLS
