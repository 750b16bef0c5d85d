/* tm-workshop-private.h
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-workshop.h"

G_BEGIN_DECLS

TmWorkshop *_tm_workshop_new      (const TmWorkshopData *data);
/* Replaces the data (keeping the id) and notifies what changed. */
void        _tm_workshop_set_data (TmWorkshop           *self,
                                   const TmWorkshopData *data);
gint64      _tm_workshop_get_position (TmWorkshop *self);
void        _tm_workshop_set_position (TmWorkshop *self,
                                       gint64      position);
/* A real calendar date written "YYYY-MM-DD". */
gboolean    _tm_date_is_valid     (const char           *date);

G_END_DECLS
