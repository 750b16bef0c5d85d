/* tm-text-store.c
 * Typed text stored from an idle, shared by the task editor, the assessment
 * pane and the review pane.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-text-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tm-gui-util.h"
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
  memset (store->fields, 0, sizeof store->fields);
  store->editing = NULL;
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

void
tm_text_store_add_field (TmTextStore *store,
                         GtkWidget   *widget,
                         guint        bit)
{
  g_return_if_fail (store != NULL && GTK_IS_WIDGET (widget));
  g_return_if_fail (bit != 0 && (bit & (bit - 1)) == 0);

  store->fields[g_bit_nth_lsf (bit, -1)] = widget;
}

gboolean
tm_text_store_is_busy (TmTextStore *store,
                       GtkWidget   *widget)
{
  g_return_val_if_fail (store != NULL, FALSE);

  if (widget == store->editing)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (store->fields); i++)
    if (store->fields[i] == widget)
      return (store->pending & (1u << i)) != 0;
  return FALSE;
}

void
tm_text_store_show_text (TmTextStore *store,
                         GtkWidget   *widget,
                         const char  *text)
{
  g_return_if_fail (store != NULL && GTK_IS_WIDGET (widget));

  if (tm_text_store_is_busy (store, widget))
    return;
  if (tm_gui_show_widget_text (widget, text) && GTK_IS_ENTRY (widget))
    tm_gui_set_entry_error (GTK_ENTRY (widget), NULL);
}

void
tm_text_store_show_number (TmTextStore *store,
                           GtkEntry    *entry,
                           double      *shown,
                           double       value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (store != NULL && GTK_IS_ENTRY (entry) && shown != NULL);

  if (tm_text_store_is_busy (store, GTK_WIDGET (entry)))
    return;
  if (tm_gui_same_number (*shown, value) && !isnan (*shown))
    return;

  *shown = value;
  text = tm_gui_format_number (value);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  tm_gui_set_entry_error (entry, NULL);
}
