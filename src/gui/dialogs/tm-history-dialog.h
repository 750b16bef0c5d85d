/* tm-history-dialog.h
 * The history of changes to a portfolio, newest first, with the date of the
 * committee's last meeting.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_HISTORY_DIALOG (tm_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmHistoryDialog, tm_history_dialog, TM, HISTORY_DIALOG, GtkWindow)

/* Where the list starts. */
typedef enum {
  TM_HISTORY_SINCE_MEETING,   /* the committee's last meeting (all when none is set) */
  TM_HISTORY_SINCE_DATE,      /* a date the user enters */
  TM_HISTORY_SINCE_START,     /* every change recorded */
  TM_HISTORY_N_SINCE
} TmHistorySince;

/* Shows the changes of @portfolio; with @task (nullable) the dialog starts
 * with that task's changes only and offers all of them too. Returns the
 * dialog (owned by GTK's toplevels). */
TmHistoryDialog *tm_history_dialog_present (GtkWindow   *parent,
                                            TmPortfolio *portfolio,
                                            TmTask      *task);

/* For the UI tests: the controls a user works with, and what the list shows. */
GtkDropDown     *_tm_history_dialog_get_scope          (TmHistoryDialog *self);
GtkDropDown     *_tm_history_dialog_get_since          (TmHistoryDialog *self);
GtkEntry        *_tm_history_dialog_get_since_entry    (TmHistoryDialog *self);
GtkEntry        *_tm_history_dialog_get_meeting_entry  (TmHistoryDialog *self);
GtkButton       *_tm_history_dialog_get_meeting_button (TmHistoryDialog *self);
/* The message under the meeting's date, or NULL when it is hidden. */
const char      *_tm_history_dialog_get_meeting_error  (TmHistoryDialog *self);
guint            _tm_history_dialog_get_n_rows         (TmHistoryDialog *self);
/* The texts of row @i as shown: when, who, task, what, old → new. */
GStrv            _tm_history_dialog_dup_row            (TmHistoryDialog *self,
                                                        guint            i);

G_END_DECLS
