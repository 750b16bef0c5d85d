/* tm-dialogs-private.h
 * Helpers shared by the task editor and the dialogs, and hooks for the UI tests.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"
#include "dialogs/tm-new-portfolio-dialog.h"

G_BEGIN_DECLS

/* Fills @drop_down with @labels (n_labels strings, index = enum value). The button
 * ellipsizes a long label, so a narrow form does not grow; the popup shows it whole. */
void _tm_drop_down_set_labels (GtkDropDown        *drop_down,
                               const char * const *labels,
                               guint               n_labels);

/* The dialogs' classes; their public API is only the *_present() functions. */
#define TM_TYPE_NEW_PORTFOLIO_DIALOG (tm_new_portfolio_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmNewPortfolioDialog, tm_new_portfolio_dialog, TM, NEW_PORTFOLIO_DIALOG, GtkWindow)

#define TM_TYPE_UNIT_DIALOG (tm_unit_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmUnitDialog, tm_unit_dialog, TM, UNIT_DIALOG, GtkWindow)

#define TM_TYPE_PROFESSIONS_DIALOG (tm_professions_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TmProfessionsDialog, tm_professions_dialog, TM, PROFESSIONS_DIALOG, GtkWindow)

/* Test hooks: the *_present() functions return nothing, these return the window
 * they present (owned by GTK's list of toplevels; close it with gtk_window_destroy()). */
TmNewPortfolioDialog *_tm_new_portfolio_dialog_present  (GtkWindow              *parent,
                                                         TmNewPortfolioCallback  callback,
                                                         gpointer                user_data);
void                  _tm_new_portfolio_dialog_set_fields (TmNewPortfolioDialog *self,
                                                           TmCountry             country,
                                                           const char           *unit_name,
                                                           gboolean              with_example,
                                                           GFile                *file);
/* The file Create would use now. */
GFile                *_tm_new_portfolio_dialog_get_file (TmNewPortfolioDialog *self);
/* Does what the Create button does; FALSE when Create is disabled or fails. */
gboolean              _tm_new_portfolio_dialog_create   (TmNewPortfolioDialog *self);

TmUnitDialog         *_tm_unit_dialog_present           (GtkWindow    *parent,
                                                         TmPortfolio  *portfolio);
void                  _tm_unit_dialog_set_fields        (TmUnitDialog *self,
                                                         const char   *unit_name,
                                                         const char   *organisation,
                                                         TmSetting     setting,
                                                         const char   *notes);
/* Does what the Apply button does: TRUE if stored (the dialog then closes). */
gboolean              _tm_unit_dialog_apply             (TmUnitDialog *self);

TmProfessionsDialog  *_tm_professions_dialog_present    (GtkWindow    *parent,
                                                         TmPortfolio  *portfolio);
/* Does what "Add Profession" does; returns the new profession (borrowed) or NULL. */
TmProfession         *_tm_professions_dialog_add        (TmProfessionsDialog *self);

G_END_DECLS
