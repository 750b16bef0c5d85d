/* tm-core.h
 * The Taskmap core library: everything but the GTK user interface.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-types.h"
#include "model/tm-profession.h"
#include "model/tm-scenario.h"
#include "model/tm-task.h"
#include "store/tm-portfolio.h"
#include "store/tm-history.h"
#include "analysis/tm-summary.h"
#include "analysis/tm-analysis.h"
#include "exchange/tm-xml.h"
#include "exchange/tm-merge.h"
#include "model/tm-review.h"
#include "model/tm-workshop.h"
#include "render/tm-report.h"
#include "render/tm-move-card.h"
#include "render/tm-draw.h"
#include "model/tm-language.h"
#include "model/tm-staffing.h"
#include "analysis/tm-comparison.h"
#include "exchange/tm-atomic.h"
#include "exchange/tm-csv.h"
#include "exchange/tm-xlsx.h"

G_BEGIN_DECLS

/* Binds the text domain; @localedir NULL uses the installed one. */
void tm_core_init (const char *localedir);

G_END_DECLS
