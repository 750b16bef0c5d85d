/* tm-move-dialog.h
 * One move in full, using the window's width: its card, the receiving
 * profession's assessment and the review in columns.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* Opens the move of @task in @scenario_id over @parent, nearly as large as
 * it. Returns the dialog (owned by GTK: it closes itself). */
GtkWindow *tm_move_dialog_present (GtkWindow   *parent,
                                   TmPortfolio *portfolio,
                                   TmTask      *task,
                                   const char  *scenario_id);

G_END_DECLS
