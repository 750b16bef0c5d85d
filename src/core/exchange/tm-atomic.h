/* tm-atomic.h
 * Writing a file so that the old one is never lost: into a temporary file
 * beside it, synced, and renamed over it only when complete.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TmAtomicFile TmAtomicFile;

/* Starts writing @target: opens a new temporary file in @target's folder
 * (so the rename stays on one file system). Fails, naming the file and
 * saying what to do, when the folder cannot be written. */
TmAtomicFile  *tm_atomic_file_new        (GFile         *target,
                                          GError       **error);
/* The stream to write to (borrowed). */
GOutputStream *tm_atomic_file_get_stream (TmAtomicFile  *self);
/* The temporary file's path, for writers that need a path (borrowed): close
 * the stream first (g_output_stream_close()), let them write there, then commit. */
const char    *tm_atomic_file_get_temp_path (TmAtomicFile *self);
/* Flushes, syncs and closes the temporary file, then renames it over the
 * target (keeping an existing target's permissions). On any error the target
 * is as it was, the temporary file is gone, and the message names the target
 * and says what to do. Frees @self in every case. */
gboolean       tm_atomic_file_commit     (TmAtomicFile  *self,
                                          GError       **error);
/* Gives up: removes the temporary file and frees @self. The target is untouched. */
void           tm_atomic_file_abort      (TmAtomicFile  *self);

/* Writes @data to @target in one go, as above. */
gboolean       tm_atomic_write_bytes     (GFile         *target,
                                          const void    *data,
                                          gsize          length,
                                          GError       **error);

/* Turns an I/O error on @target into a message that names it and says what
 * to do ("… the disk is full: free some space or choose another place").
 * Returns a new GError in TM_ATOMIC_ERROR (the original code kept in the
 * message only as detail). */
GError        *tm_atomic_error_for_file  (GFile         *target,
                                          const GError  *cause);

#define TM_ATOMIC_ERROR (tm_atomic_error_quark ())

typedef enum {
  TM_ATOMIC_ERROR_NO_SPACE,      /* the disk or quota is full */
  TM_ATOMIC_ERROR_PERMISSION,    /* the folder or file cannot be written */
  TM_ATOMIC_ERROR_NOT_FOUND,     /* the folder does not exist */
  TM_ATOMIC_ERROR_FAILED,        /* anything else */
} TmAtomicError;

GQuark         tm_atomic_error_quark     (void);

G_END_DECLS
