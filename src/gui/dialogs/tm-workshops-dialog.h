/* tm-workshops-dialog.h
 * The dialog that lists the portfolio's workshops and edits them.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_WORKSHOPS_DIALOG (tm_workshops_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmWorkshopsDialog, tm_workshops_dialog, TM, WORKSHOPS_DIALOG, GtkWindow)

/* Shows the workshops of @portfolio; the moves offered for linking are those
 * of @scenario_id (nullable: the first scenario). Every edit is stored at
 * once and can be undone. Returns the dialog (owned by GTK's toplevels). */
TmWorkshopsDialog *tm_workshops_dialog_present (GtkWindow   *parent,
                                                TmPortfolio *portfolio,
                                                const char  *scenario_id);

/* For the UI tests: the widgets a user works with. */
GtkButton         *_tm_workshops_dialog_get_add_button      (TmWorkshopsDialog *self);
GtkButton         *_tm_workshops_dialog_get_delete_button   (TmWorkshopsDialog *self);
GtkButton         *_tm_workshops_dialog_get_undo_button     (TmWorkshopsDialog *self);
GtkSingleSelection *_tm_workshops_dialog_get_selection      (TmWorkshopsDialog *self);
GtkEntry          *_tm_workshops_dialog_get_date_entry      (TmWorkshopsDialog *self);
/* The message under the date entry, or NULL when it is hidden. */
const char        *_tm_workshops_dialog_get_date_error      (TmWorkshopsDialog *self);
GtkEntry          *_tm_workshops_dialog_get_title_entry     (TmWorkshopsDialog *self);
GtkEntry          *_tm_workshops_dialog_get_facilitator_entry (TmWorkshopsDialog *self);
GtkTextView       *_tm_workshops_dialog_get_names_view      (TmWorkshopsDialog *self);
GtkTextView       *_tm_workshops_dialog_get_decisions_view  (TmWorkshopsDialog *self);
/* The spin button of @profession_id's participants, or NULL. */
GtkSpinButton     *_tm_workshops_dialog_get_participants    (TmWorkshopsDialog *self,
                                                             const char        *profession_id);
/* The check button of the move of @task_uuid in the dialog's scenario, or NULL. */
GtkCheckButton    *_tm_workshops_dialog_get_move_check      (TmWorkshopsDialog *self,
                                                             const char        *task_uuid);
/* The workshop the form shows, or NULL. */
TmWorkshop        *_tm_workshops_dialog_get_workshop        (TmWorkshopsDialog *self);

G_END_DECLS
