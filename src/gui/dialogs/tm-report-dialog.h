/* tm-report-dialog.h
 * The dialog that writes the committee report: which scenarios it covers,
 * the changes since which date, where it goes, and whether to open it.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_REPORT_DIALOG (tm_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmReportDialog, tm_report_dialog, TM, REPORT_DIALOG, GtkWindow)

/* Presents the dialog over @parent for @portfolio and returns it (owned by
 * GTK's list of toplevels; it closes itself when the report is written or
 * the user cancels). The scenarios start as tm_report_dup_default_scenarios()
 * gives them; the date as the committee's last meeting; the folder as the
 * one last used (the "report-folder" key of the application's settings,
 * when the schema has it) or else the user's documents folder — never a
 * hidden one.
 *
 * Signal "written" (GFile *file): the report was written to @file; the
 * dialog then opens it when asked to, and closes. */
TmReportDialog *tm_report_dialog_present      (GtkWindow      *parent,
                                               TmPortfolio    *portfolio);

/* Whether the dialog opens the PDF once written ("Open the PDF when it is
 * written"); in a handler of "written", so the window need not offer to
 * open it too. */
gboolean        tm_report_dialog_get_open_when_written (TmReportDialog *self);

/* Test hooks */

/* The file Write would write now: the folder and the name, with ".pdf". */
GFile          *_tm_report_dialog_dup_file    (TmReportDialog *self);
/* The scenarios checked now, as ids. */
GStrv           _tm_report_dialog_dup_scenarios (TmReportDialog *self);
GFile          *_tm_report_dialog_get_folder  (TmReportDialog *self);
void            _tm_report_dialog_set_folder  (TmReportDialog *self,
                                               GFile          *folder);
/* Types @name into the file name field. */
void            _tm_report_dialog_set_name    (TmReportDialog *self,
                                               const char     *name);
/* Checks the scenarios of @scenario_ids and unchecks the others. */
void            _tm_report_dialog_set_scenarios (TmReportDialog     *self,
                                               const char * const *scenario_ids);
/* Does what Write does, at once and without opening the PDF: TRUE when the
 * report was written ("written" is emitted and the dialog closes); FALSE
 * with the message the dialog shows. */
/* The bar that shows how far the report got while it is written. */
GtkProgressBar *_tm_report_dialog_get_progress_bar (TmReportDialog *self);
gboolean        _tm_report_dialog_write_now   (TmReportDialog *self,
                                               GError        **error);

G_END_DECLS
