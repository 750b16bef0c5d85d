/* tm-gui-util.h
 * What the window's views share: the drawing style from the widget's font
 * and presentation mode, and changing a move's status with the confirmation
 * an approval with open checklist items needs.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/tm-draw.h"
#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* Follows "notify" of every item of @model (NULL: none) with @callback,
 * swapped to @data, keeping a reference to each item in @watched (a
 * GPtrArray that unrefs its items); first lets go of what @watched held. The
 * views follow the professions this way: a new name redraws them. */
void       tm_gui_watch_items        (GPtrArray    *watched,
                                      GListModel   *model,
                                      GCallback     callback,
                                      gpointer      data);
/* Lets go of what tm_gui_watch_items() followed. */
void       tm_gui_unwatch_items      (GPtrArray    *watched,
                                      GCallback     callback,
                                      gpointer      data);

/* The settings of @window's application (a new reference), through its
 * "settings" property; NULL without an application or without the schema. */
GSettings *tm_gui_dup_app_settings   (GtkWindow    *window);

/* The core's drawing style for @widget: its font size as the scale (the
 * core's body text is 10 pt at 1.0), high contrast in presentation mode
 * (the window has the "presentation" style class). */
void       tm_gui_get_draw_style     (GtkWidget    *widget,
                                      TmDrawStyle  *style);

/* Called when a status change is done: @changed TRUE when stored; FALSE with
 * @error (nullable: cancelled) when not. */
typedef void (*TmStatusChangedFunc) (gboolean      changed,
                                     const GError *error,
                                     gpointer      user_data);

/* Changes the status of @task's move in @scenario_id (undoable). An approval
 * while checklist items are not yet considered asks first, in a dialog over
 * @widget's window; then @done runs once answered. Returns that dialog
 * (owned by GTK; it closes itself), or NULL when nothing is asked. */
GtkWidget *tm_gui_change_move_status (GtkWidget           *widget,
                                      TmPortfolio         *portfolio,
                                      TmTask              *task,
                                      const char          *scenario_id,
                                      TmMoveStatus         status,
                                      const char          *note,
                                      TmStatusChangedFunc  done,
                                      gpointer             user_data);

G_END_DECLS
