/* tm-task-editor.h
 * The form that edits every field of one task.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_TASK_EDITOR (tm_task_editor_get_type ())
G_DECLARE_FINAL_TYPE (TmTaskEditor, tm_task_editor, TM, TASK_EDITOR, GtkWidget)

GtkWidget *tm_task_editor_new           (void);
/* @portfolio: (nullable) */
void       tm_task_editor_set_portfolio (TmTaskEditor *self,
                                         TmPortfolio  *portfolio);
/* @task: (nullable): NULL shows "No task selected" */
void       tm_task_editor_set_task      (TmTaskEditor *self,
                                         TmTask       *task);
TmTask    *tm_task_editor_get_task      (TmTaskEditor *self);
/* Focuses the title entry and selects its text (after Ctrl+N). */
void       tm_task_editor_focus_title   (TmTaskEditor *self);
/* For tests: the widget that edits @field: "title" (GtkEntry), "description"
 * (GtkTextView), "group" (GtkEntry), "level" (GtkDropDown, items in TmLevel order),
 * "complexity" (GtkDropDown, TmComplexity order), "minutes" (GtkEntry),
 * "occurrences" (GtkEntry), "per" (GtkDropDown, TmPer order), "shift-day",
 * "shift-evening", "shift-night", "shift-weekend" (GtkCheckButton), "notes"
 * (GtkTextView), and "performers" (GtkBox of the performer rows: each a GtkBox of a
 * GtkDropDown, a GtkSpinButton, a label and a remove GtkButton), "add-performer"
 * (GtkButton). NULL for an unknown name. */
GtkWidget *tm_task_editor_get_field     (TmTaskEditor *self,
                                         const char   *field);

/* Signal "error" (const char *message): an edit failed; the window shows it in its
 * message bar. */

G_END_DECLS
