/* tm-core.h
 * The Taskmap core library: everything but the GTK user interface.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-types.h"
#include "tm-profession.h"
#include "tm-scenario.h"
#include "tm-task.h"
#include "tm-portfolio.h"
#include "tm-summary.h"
#include "tm-analysis.h"
#include "tm-xml.h"
#include "tm-merge.h"
#include "tm-review.h"
#include "tm-workshop.h"
#include "tm-report.h"
#include "tm-move-card.h"
#include "tm-draw.h"
#include "tm-language.h"
#include "tm-staffing.h"
#include "tm-comparison.h"
#include "tm-atomic.h"
#include "tm-csv.h"
#include "tm-xlsx.h"

G_BEGIN_DECLS

/* Binds the text domain; @localedir NULL uses the installed one. */
void tm_core_init (const char *localedir);

G_END_DECLS
