/* tm-column-sorter.h
 * A column's sorter that only says which column the user sorts by: the list
 * itself is sorted by TmTaskView, in a worker thread.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-task-view.h"

G_BEGIN_DECLS

#define TM_TYPE_COLUMN_SORTER (tm_column_sorter_get_type ())
G_DECLARE_FINAL_TYPE (TmColumnSorter, tm_column_sorter, TM, COLUMN_SORTER, GtkSorter)

GtkSorter  *tm_column_sorter_new     (TmTaskSort sort);

/* What @view_sorter (gtk_column_view_get_sorter()) sorts by now, made of
 * TmColumnSorters: the column clicked last, and whether descending.
 * GTK 4.8 has no API to ask; the sorter is asked to compare two items and
 * the columns it consults, and how it turns their answer, tell. */
TmTaskSort  tm_column_sorter_probe   (GtkSorter  *view_sorter,
                                      gboolean   *descending);

G_END_DECLS
