/* tm-import-dialog.h
 * The dialog that previews a spreadsheet (CSV) and maps its columns to task fields.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "exchange/tm-csv.h"

G_BEGIN_DECLS

#define TM_TYPE_IMPORT_DIALOG (tm_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmImportDialog, tm_import_dialog, TM, IMPORT_DIALOG, GtkWindow)

/* Reads @file with tm_csv_read_file() in a worker thread, so that a large
 * file does not hold up the window. */
void        tm_import_dialog_read_async  (GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
TmCsvTable *tm_import_dialog_read_finish (GAsyncResult        *result,
                                          GError             **error);

/* Shows @table (the dialog takes it over): its encoding and separator, the
 * first rows, and above each column the field it goes into, preset from the
 * headers. Import adds the tasks in one undo step; an error ("FILE: row N: …")
 * is shown in the dialog, which stays open. On success the dialog emits
 * "imported" with the number of tasks and closes. A region's spreadsheet
 * (5,000 rows or more) is checked in steps with a bar in the dialog, then
 * handed to the window by "import" to be written in steps. Escape or Cancel closes it
 * and changes nothing. */
TmImportDialog *tm_import_dialog_present (GtkWindow   *parent,
                                          TmPortfolio *portfolio,
                                          TmCsvTable  *table);

/* What came of an import, for the notification: "120 tasks imported ·
 * 100 with a time, 20 without a time · Column X was not imported". */
char           *tm_import_dialog_describe_result (const TmCsvImportResult *result);

/* For the UI tests. */
/* The drop-down of @column's field (its "selected" is the TmCsvField). */
GtkDropDown *_tm_import_dialog_get_field_drop_down (TmImportDialog *self,
                                                    guint           column);
/* Whether the Import button is enabled, and the line that says why not. */
gboolean     _tm_import_dialog_can_import        (TmImportDialog *self);
const char  *_tm_import_dialog_get_status_text   (TmImportDialog *self);
/* The text of the preview cell (@row counts data rows from 0); NULL past the preview. */
const char  *_tm_import_dialog_get_preview_text  (TmImportDialog *self,
                                                    guint           row,
                                                    guint           column);
const char  *_tm_import_dialog_get_format_text   (TmImportDialog *self);
/* The period of counts (its "selected" is the TmPer + 1; 0 none chosen). */
GtkDropDown *_tm_import_dialog_get_period_drop_down (TmImportDialog *self);
/* The bar shown while the rows are checked. */
GtkProgressBar *_tm_import_dialog_get_progress   (TmImportDialog *self);
/* From how many rows the import is checked in steps and handed to the
 * window ("import"); 50 unless set. With @by_hand, steps (of no time)
 * are only taken by _tm_import_dialog_take_step(). */
void         _tm_import_dialog_set_steps         (TmImportDialog *self,
                                                  guint           at_once_rows,
                                                  gboolean        by_hand);
/* One step of the checks; FALSE once they ended (the dialog may be gone). */
gboolean     _tm_import_dialog_take_step         (TmImportDialog *self);
/* TRUE while the rows are being checked in steps. */
gboolean     _tm_import_dialog_is_checking       (TmImportDialog *self);
/* Does what the Import button does: TRUE if imported (the dialog then
 * closes), or, from at-once rows on, if the checks began. */
gboolean     _tm_import_dialog_import            (TmImportDialog *self);
/* The error shown in the dialog, or NULL. */
const char  *_tm_import_dialog_get_error_text    (TmImportDialog *self);

G_END_DECLS
