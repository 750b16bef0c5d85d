/* tm-store-error.h
 * The errors of the portfolio and of the values it refuses; the model's
 * checks give them too, so they have a header of their own.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TM_STORE_ERROR (tm_store_error_quark ())

typedef enum {
  TM_STORE_ERROR_FAILED,       /* SQLite or I/O failure */
  TM_STORE_ERROR_NOT_PORTFOLIO,/* a file that is not a Taskmap portfolio */
  TM_STORE_ERROR_DAMAGED,      /* a portfolio that fails its integrity check */
  TM_STORE_ERROR_NEWER,        /* written by a newer Taskmap */
  TM_STORE_ERROR_LOCKED,       /* open in another window or program */
  TM_STORE_ERROR_INVALID,      /* an impossible value */
  TM_STORE_ERROR_NOT_FOUND,    /* no such task or profession */
  TM_STORE_ERROR_EXISTS,       /* the target file exists */
  TM_STORE_ERROR_NEEDS_CONFIRMATION, /* approving a move whose checklist is not done */
  TM_STORE_ERROR_READ_ONLY,    /* an edit of a portfolio open for reading only */
} TmStoreError;

GQuark tm_store_error_quark (void);

G_END_DECLS
