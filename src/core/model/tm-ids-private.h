/* tm-ids-private.h
 * The ids of the core's enums (the words of the file formats): one table of
 * strings per enum, looked up in both directions by the same code.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The index of @id (NULL: none) in @ids, the first @n_ids of them. */
gboolean _tm_ids_lookup (const char * const *ids,
                         guint               n_ids,
                         const char         *id,
                         guint              *out);

/* Defines tm_NAME_to_id() and tm_NAME_from_id() for the enum @Type from
 * its table @ids of @n strings (from_id() takes a NULL @value too). */
#define TM_DEFINE_IDS(name, Type, ids, n)                                \
  const char *                                                           \
  tm_##name##_to_id (Type value)                                         \
  {                                                                      \
    g_return_val_if_fail ((guint) value < (n), NULL);                    \
    return ids[value];                                                   \
  }                                                                      \
  gboolean                                                               \
  tm_##name##_from_id (const char *id,                                   \
                       Type       *value)                                \
  {                                                                      \
    guint i;                                                             \
    if (!_tm_ids_lookup (ids, (n), id, &i))                              \
      return FALSE;                                                      \
    if (value != NULL)                                                   \
      *value = (Type) i;                                                 \
    return TRUE;                                                         \
  }

G_END_DECLS
