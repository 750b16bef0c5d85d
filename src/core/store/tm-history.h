/* tm-history.h
 * The history of changes in words: what an entry changed and its values,
 * in the user's language.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-workshop.h"
#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* Translated: "Competence level", "Suitability for Porter", "Status of the move", ... */
char       *tm_history_entry_describe_field (const TmHistoryEntry *entry,
                                             TmPortfolio          *portfolio);
/* @value (the entry's old or new value) in the user's language; "—" for
 * none. @portfolio (nullable) names professions and the committee. */
char       *tm_history_entry_format_value (const TmHistoryEntry *entry,
                                           const char           *value,
                                           TmPortfolio          *portfolio);

G_END_DECLS
