/* tm-merge-dialog.h
 * The review of a portfolio file taken back in: which copy of each changed
 * task to keep.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "exchange/tm-merge.h"

G_BEGIN_DECLS

#define TM_TYPE_MERGE_DIALOG (tm_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmMergeDialog, tm_merge_dialog, TM, MERGE_DIALOG, GtkWindow)

/* Lists the file's tasks that are UPDATED or CONFLICT, each with what differs
 * and a choice "Keep mine" / "Take theirs", with buttons that set every
 * conflict at once and a summary of the plan. The dialog takes @plan over.
 * Import applies it (one undo step), emits "applied" and closes; an error is
 * shown in the dialog. A handler of "import" (plan, apply) that returns TRUE
 * takes the plan, just set going, over instead: the window steps it. "applied" carries the text of
 * tm_merge_dialog_describe_result() and whether any task was added or replaced. Escape or Cancel closes it and changes nothing. */
TmMergeDialog *tm_merge_dialog_present (GtkWindow   *parent,
                                        TmMergePlan *plan);

/* What applying @plan did, for a notification: "12 tasks added. 3 tasks
 * unchanged." (translated). */
char          *tm_merge_dialog_describe_result (TmMergePlan *plan);

/* For the UI tests. */
/* The rows, one per UPDATED or CONFLICT item, in the file's order. */
guint        _tm_merge_dialog_get_n_rows         (TmMergeDialog *self);
/* The plan's item a row shows. */
guint        _tm_merge_dialog_get_row_item       (TmMergeDialog *self,
                                                  guint          row);
/* The row's choice: selected 0 = keep mine, 1 = take theirs (a TmMergeChoice). */
GtkDropDown *_tm_merge_dialog_get_choice_drop_down (TmMergeDialog *self,
                                                    guint          row);
/* The text of the row's "what differs" line. */
const char  *_tm_merge_dialog_get_row_details    (TmMergeDialog *self,
                                                  guint          row);
const char  *_tm_merge_dialog_get_summary_text   (TmMergeDialog *self);
/* Does what "Keep Mine in All Conflicts" or "Take Theirs in All Conflicts" does. */
void         _tm_merge_dialog_set_all_conflicts  (TmMergeDialog *self,
                                                  TmMergeChoice  choice);
/* Does what the Import button does: TRUE if applied (the dialog then closes). */
gboolean     _tm_merge_dialog_import             (TmMergeDialog *self);
/* The error shown in the dialog, or NULL. */
const char  *_tm_merge_dialog_get_error_text     (TmMergeDialog *self);

G_END_DECLS
