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
#include "tm-cell-editor.h"
#include "views/tm-move-board.h"
#include "store/tm-task-view.h"

G_BEGIN_DECLS

/* The rows as searched, filtered and sorted, and the selection over them. */
TmTaskView         *_tm_window_get_task_view        (TmWindow *self);
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

/* File → Import… without the file chooser: an XML file is merged (directly,
 * or through the review dialog when tasks changed); a spreadsheet is read in
 * a worker thread, then shown in the import dialog. */
void                _tm_window_import_file          (TmWindow   *self,
                                                     GFile      *file);
/* Whether a spreadsheet is being read for an import. */
gboolean            _tm_window_is_reading           (TmWindow   *self);

/* The formats of File → Export…. */
typedef enum {
  TM_WINDOW_EXPORT_XML,
  TM_WINDOW_EXPORT_CSV_CATALOGUE,
  TM_WINDOW_EXPORT_CSV_MATRIX,   /* of the scenario shown */
  TM_WINDOW_EXPORT_XLSX,         /* of the scenario shown; only where tm_xlsx_is_supported() */
  TM_WINDOW_N_EXPORTS
} TmWindowExport;

/* What File → Export… does once the file and format are chosen. */
gboolean            _tm_window_export_portfolio     (TmWindow        *self,
                                                     GFile           *file,
                                                     TmWindowExport   format,
                                                     GError         **error);
/* The task list's Unit column (shown only in a regional portfolio). */
GtkColumnViewColumn *_tm_window_get_unit_column     (TmWindow   *self);

/* Whether the notification shows, with its Open button. */
gboolean            _tm_window_get_toast_can_open   (TmWindow   *self);
/* The "Your Name" dialog while it is open (its default widget is Save). */
GtkWindow          *_tm_window_get_user_name_dialog (TmWindow   *self);

/* What File → Print runs for the view shown (NULL: nothing to print here). */
GtkPrintOperation  *_tm_window_create_print_operation (TmWindow *self);

/* Presentation mode without going full screen: screenshots at a projector's
 * size on a display of another. */
void                _tm_window_set_presentation_windowed (TmWindow *self,
                                                          gboolean  windowed);

/* The task list's cells edited in place. */
TmCellEditor       *_tm_window_get_cell_editor      (TmWindow   *self);
/* What presentation mode hides and the board. */
GtkWidget          *_tm_window_get_header_bar       (TmWindow   *self);
GtkWidget          *_tm_window_get_matrix_pane      (TmWindow   *self);
TmMoveBoard        *_tm_window_get_move_board       (TmWindow   *self);

G_END_DECLS
