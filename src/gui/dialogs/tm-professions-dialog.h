/* tm-professions-dialog.h
 * The dialog that lists and edits the portfolio's professions.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* A list of the portfolio's professions (name, English name, authorised, unskilled,
 * shown/hidden), each change stored at once with tm_portfolio_update_profession();
 * an "Add Profession" button adds one. */
void tm_professions_dialog_present (GtkWindow   *parent,
                                    TmPortfolio *portfolio);

G_END_DECLS
