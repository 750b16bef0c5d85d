/* tm-text-store.h
 * Typed text stored from an idle: the fields a pane has pending, committed
 * together, so the two halves of a replacement (delete all, insert) are one
 * edit and one undo step.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Stores the field @bit (one of the owner's flags) from what its widget shows. */
typedef void (*TmTextStoreFunc) (gpointer owner,
                                 guint    bit);

/* Kept in the owner's struct; plain data, no reference to the owner. */
typedef struct {
  TmTextStoreFunc  commit;
  gpointer         owner;
  guint            pending;   /* the owner's flags: typed, not yet stored */
  guint            source;    /* the idle that stores them */
} TmTextStore;

void      tm_text_store_init       (TmTextStore     *store,
                                    TmTextStoreFunc  commit,
                                    gpointer         owner);
/* Marks @bit pending and stores it from a high-priority idle. */
void      tm_text_store_queue      (TmTextStore     *store,
                                    guint            bit);
gboolean  tm_text_store_is_pending (TmTextStore     *store,
                                    guint            bit);
/* Stores what is pending now, lowest flag first; each is cleared just before
 * it is stored, so a refresh caused by one leaves the others pending. */
void      tm_text_store_flush      (TmTextStore     *store);

G_END_DECLS
