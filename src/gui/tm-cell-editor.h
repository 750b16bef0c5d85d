/* tm-cell-editor.h
 * Editing the task list in place: time, frequency, level, complexity and performer.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* The cells of a row that are edited in place, in the order Tab visits them. */
typedef enum {
  TM_CELL_LEVEL,
  TM_CELL_COMPLEXITY,
  TM_CELL_MINUTES,
  TM_CELL_TIMES,
  TM_CELL_PER,
  TM_CELL_PERFORMER,
  TM_N_CELLS
} TmCellKind;

#define TM_TYPE_CELL_EDITOR (tm_cell_editor_get_type ())

G_DECLARE_FINAL_TYPE (TmCellEditor, tm_cell_editor, TM, CELL_EDITOR, GObject)

/* Edits the cells of @column_view, whose model is @selection (of TmTask).
 * Signals: "message" (const char *text, gboolean is_error) for what the
 * window says in its notification. */
TmCellEditor *tm_cell_editor_new            (GtkColumnView      *column_view,
                                             GtkSingleSelection *selection);
void          tm_cell_editor_set_portfolio  (TmCellEditor       *self,
                                             TmPortfolio        *portfolio);
/* Gives @column the cells of @kind (its factory and sorter stay the caller's
 * business: the factory is replaced). */
void          tm_cell_editor_attach_column  (TmCellEditor       *self,
                                             GtkColumnViewColumn *column,
                                             TmCellKind          kind);

/* Starts editing @kind in the row at @position (selecting and scrolling to
 * it); @initial (nullable) replaces the value as if typed. FALSE when the
 * cell cannot be edited (no such row, a task with several performers). */
gboolean      tm_cell_editor_start          (TmCellEditor       *self,
                                             guint               position,
                                             TmCellKind          kind,
                                             const char         *initial);
gboolean      tm_cell_editor_is_editing     (TmCellEditor       *self);
/* The cell being edited, or the last one; TM_CELL_MINUTES at first. */
TmCellKind    tm_cell_editor_get_kind       (TmCellEditor       *self);
/* Stores what is typed; FALSE (and editing goes on) when it is refused. */
gboolean      tm_cell_editor_commit         (TmCellEditor       *self);
void          tm_cell_editor_cancel         (TmCellEditor       *self);

/* Pastes @text (tab-separated rows from a spreadsheet) onto the selected row
 * and those below it, from the cell being edited or else from Minutes. */
gboolean      tm_cell_editor_paste_text     (TmCellEditor       *self,
                                             const char         *text,
                                             GError            **error);
/* The same with the clipboard's text. */
void          tm_cell_editor_paste          (TmCellEditor       *self);

/* For tests: the widget of the cell being edited (a GtkText or the choice cell). */
GtkWidget    *tm_cell_editor_get_editing_widget (TmCellEditor   *self);

G_END_DECLS
