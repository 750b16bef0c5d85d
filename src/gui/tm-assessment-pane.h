/* tm-assessment-pane.h
 * The form that edits the assessment of the matrix's cursor cell, and the task's move.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_TYPE_ASSESSMENT_PANE (tm_assessment_pane_get_type ())
G_DECLARE_FINAL_TYPE (TmAssessmentPane, tm_assessment_pane, TM, ASSESSMENT_PANE, GtkWidget)

GtkWidget *tm_assessment_pane_new           (void);
void       tm_assessment_pane_set_portfolio (TmAssessmentPane *self,
                                             TmPortfolio      *portfolio);
void       tm_assessment_pane_set_scenario  (TmAssessmentPane *self,
                                             const char       *scenario_id);
/* The cell to edit. A task without a profession (the matrix's stop-or-technology
 * column) offers only its move to stop or to technology; no task shows a placeholder. */
void       tm_assessment_pane_set_cell      (TmAssessmentPane *self,
                                             TmTask           *task,
                                             TmProfession     *profession);

/* signal "error" (const char *message): an edit could not be stored. */

/* Whether the pane offers the review of the chosen move (a summary and a
 * button to it); a view that shows the review beside the pane turns it off. */
void       tm_assessment_pane_set_show_review (TmAssessmentPane *self,
                                               gboolean          show_review);

G_END_DECLS
