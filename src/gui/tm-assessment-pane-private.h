/* tm-assessment-pane-private.h
 * Test hooks of the assessment pane.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tm-assessment-pane.h"

G_BEGIN_DECLS

/* The pane's field by name: "suitability", "complexity-limit", "share", "training",
 * "training-days", "training-content", "documented-by-test", "rationale", "purpose",
 * "note", "move", "move-share", "stop", "technology", "warnings", "stack". */
GtkWidget      *_tm_assessment_pane_get_field (TmAssessmentPane *self,
                                               const char       *field);
/* The messages the warnings list shows now. */
GStrv           _tm_assessment_pane_dup_warnings (TmAssessmentPane *self);

G_END_DECLS
