/* tm-text-store.h
 * Typed text stored from an idle: the fields a pane has pending, committed
 * together, so the two halves of a replacement (delete all, insert) are one
 * edit and one undo step; and a refresh from the portfolio that leaves alone
 * the fields still being typed in.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Stores the field @bit (one of the owner's flags) from what its widget shows. */
typedef void (*TmTextStoreFunc) (gpointer owner,
                                 guint    bit);

/* Kept in the owner's struct; plain data, no reference to the owner. */
typedef struct {
  TmTextStoreFunc  commit;
  gpointer         owner;
  guint            pending;      /* the owner's flags: typed, not yet stored */
  guint            source;       /* the idle that stores them */
  GtkWidget       *fields[32];   /* borrowed: the field of each flag (see add_field) */
  GtkWidget       *editing;      /* borrowed: the widget whose change is being stored */
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

/* @widget (a GtkEntry, GtkTextView or other editable, kept alive by the
 * owner) is the field stored under @bit. */
void      tm_text_store_add_field  (TmTextStore     *store,
                                    GtkWidget       *widget,
                                    guint            bit);
/* Whether a refresh must leave @widget alone: its own change is being
 * stored (it is @store->editing), or what was typed there is still to be. */
gboolean  tm_text_store_is_busy    (TmTextStore     *store,
                                    GtkWidget       *widget);
/* Shows @text (NULL: empty) in the field @widget unless it is busy, and only
 * where it differs, so the cursor of a field being typed in stays put; an
 * entry given a new text no longer shows an earlier refusal. */
void      tm_text_store_show_text  (TmTextStore     *store,
                                    GtkWidget       *widget,
                                    const char      *text);
/* Shows @value in the number field @entry unless it is busy or @value is
 * what it showed last (*@shown): then what the user typed stays, even a
 * refused value. NAN in *@shown: nothing shown yet. */
void      tm_text_store_show_number (TmTextStore    *store,
                                     GtkEntry       *entry,
                                     double         *shown,
                                     double          value);

G_END_DECLS
