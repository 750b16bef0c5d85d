/* bench-units.h
 * The units' files of a regional merge, cut from a large portfolio.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-core.h"

G_BEGIN_DECLS

/* Removes a portfolio file and its -wal and -shm. */
void       bench_units_remove_portfolio (const char *path);
/* The source portfolio for the units: @path if given, else one that
 * tm-gen-portfolio (beside the running program) makes in @dir with
 * @n_tasks tasks, assessments, 30 professions and moves. Exits on failure. */
char      *bench_units_source     (const char *path,
                                   const char *dir,
                                   guint       n_tasks);
/* Writes unit-001.xml… into @dir: @n_units units' files of @per_unit tasks
 * each (the first @n_shared tasks in every unit, as if all started from one
 * file, then a slice of its own), cut from @source_path's export, each named
 * "Afsnit 001"…; the files (of GFile), their country in @country and their
 * size in @total_bytes. Exits on failure. */
GPtrArray *bench_units_make_files (const char *source_path,
                                   const char *dir,
                                   guint       n_units,
                                   guint       per_unit,
                                   guint       n_shared,
                                   TmCountry  *country,
                                   gsize      *total_bytes);

G_END_DECLS
