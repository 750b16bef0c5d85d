/* tm-unit-dialog.h
 * The dialog that edits the unit's details.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* Edits name, organisation, setting type and notes; the country is shown read-only.
 * "Apply" stores all in one tm_portfolio_set_unit() call (one undo step); errors are
 * shown inline. */
void tm_unit_dialog_present (GtkWindow   *parent,
                             TmPortfolio *portfolio);

G_END_DECLS
