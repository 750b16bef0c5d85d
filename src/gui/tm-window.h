/* tm-window.h
 * The main window: the welcome page, or a portfolio's task list, filters,
 * task editor and summary.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_WINDOW (tm_window_get_type ())
G_DECLARE_FINAL_TYPE (TmWindow, tm_window, TM, WINDOW, GtkApplicationWindow)

/* @app: (nullable): tests may make a window without an application. */
TmWindow    *tm_window_new           (GtkApplication *app);
/* Shows @portfolio (the window keeps a reference), or the welcome page for NULL. */
void         tm_window_set_portfolio (TmWindow       *self,
                                      TmPortfolio    *portfolio);
TmPortfolio *tm_window_get_portfolio (TmWindow       *self);
/* Shows @message in the window's error bar. */
void         tm_window_show_error    (TmWindow       *self,
                                      const char     *message);

G_END_DECLS
