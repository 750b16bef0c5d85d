/* tm-text-store.c
 * Typed text stored from an idle, shared by the task editor, the assessment
 * pane and the review pane.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-text-store"

#include "config.h"

#include "tm-text-store.h"

void
tm_text_store_init (TmTextStore     *store,
                    TmTextStoreFunc  commit,
                    gpointer         owner)
{
  g_return_if_fail (store != NULL && commit != NULL);

  store->commit = commit;
  store->owner = owner;
  store->pending = 0;
  store->source = 0;
}

static gboolean
store_cb (gpointer user_data)
{
  TmTextStore *store = user_data;

  store->source = 0;
  tm_text_store_flush (store);

  return G_SOURCE_REMOVE;
}

void
tm_text_store_queue (TmTextStore *store,
                     guint        bit)
{
  g_return_if_fail (store != NULL && bit != 0);

  store->pending |= bit;
  /* High priority: before the next frame, so the list and the charts show
   * the edit at once; after the other half of a replacement. */
  if (store->source == 0)
    store->source = g_idle_add_full (G_PRIORITY_HIGH, store_cb, store, NULL);
}

gboolean
tm_text_store_is_pending (TmTextStore *store,
                          guint        bit)
{
  g_return_val_if_fail (store != NULL, FALSE);

  return (store->pending & bit) != 0;
}

void
tm_text_store_flush (TmTextStore *store)
{
  g_return_if_fail (store != NULL);

  g_clear_handle_id (&store->source, g_source_remove);

  for (guint i = 0; i < 32; i++)
    {
      guint bit = 1u << i;

      if ((store->pending & bit) == 0)
        continue;
      store->pending &= ~bit;
      store->commit (store->owner, bit);
    }
}
