/* tm-new-portfolio-dialog.h
 * The dialog that asks for what a new portfolio needs: country, unit, file.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "model/tm-types.h"

G_BEGIN_DECLS

typedef void (*TmNewPortfolioCallback) (GFile      *file,
                                        TmCountry   country,
                                        const char *unit_name,
                                        gboolean    with_example,
                                        gpointer    user_data);

/* Modal dialog: country (Denmark/Norway; default from the UI language: nb → Norway,
 * else Denmark), unit name, "Start with: an empty portfolio / the example", file
 * location (default <Documents>/Taskmap/<unit name>.taskmap, with a "Choose…" button
 * opening a GtkFileChooserNative SAVE dialog). Create calls @callback (the caller
 * creates and opens the file; it deals with an existing file), Cancel just closes. */
void tm_new_portfolio_dialog_present (GtkWindow              *parent,
                                      TmNewPortfolioCallback  callback,
                                      gpointer                user_data);

G_END_DECLS
