/* tm-window-private.h
 * Accessors for the UI tests; not for the rest of the application.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-window.h"
#include "tm-task-editor.h"
#include "tm-summary-bar.h"

G_BEGIN_DECLS

/* The filtered tasks (before sorting) and the sorted, selectable rows. */
GtkFilterListModel *_tm_window_get_filter_model     (TmWindow *self);
GtkSingleSelection *_tm_window_get_selection        (TmWindow *self);
GtkColumnView      *_tm_window_get_column_view      (TmWindow *self);
GtkEntry           *_tm_window_get_quick_entry      (TmWindow *self);
GtkSearchEntry     *_tm_window_get_search_entry     (TmWindow *self);
GtkDropDown        *_tm_window_get_level_filter     (TmWindow *self);
GtkDropDown        *_tm_window_get_complexity_filter(TmWindow *self);
GtkDropDown        *_tm_window_get_group_filter     (TmWindow *self);
GtkLabel           *_tm_window_get_count_label      (TmWindow *self);
TmTaskEditor       *_tm_window_get_editor           (TmWindow *self);
TmSummaryBar       *_tm_window_get_summary_bar      (TmWindow *self);
/* The page the stack shows: "welcome" or "portfolio". */
const char         *_tm_window_get_page             (TmWindow *self);
/* Whether the "deleted" notification is shown, and its text. */
gboolean            _tm_window_get_toast_visible    (TmWindow *self);
const char         *_tm_window_get_toast_text       (TmWindow *self);
/* The text of the error bar, or NULL when it is hidden. */
const char         *_tm_window_get_error_text       (TmWindow *self);
/* Applies the search text now, without the search entry's delay. */
void                _tm_window_apply_search         (TmWindow *self);

const char         *_tm_window_get_scenario_id      (TmWindow   *self);
GtkDropDown        *_tm_window_get_status_filter    (TmWindow   *self);
GtkWidget          *_tm_window_get_grid_chart       (TmWindow   *self);
const char         *_tm_window_get_view             (TmWindow   *self);
void                _tm_window_show_view            (TmWindow   *self,
                                                     const char *view);

/* Exports the current view (matrix or a chart) to @file; the format follows its extension. */
gboolean            _tm_window_export_view          (TmWindow   *self,
                                                     GFile      *file,
                                                     GError    **error);

G_END_DECLS
