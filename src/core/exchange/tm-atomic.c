/* tm-atomic.c
 * Writing a file so that the old one is never lost.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-atomic"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "model/tm-i18n-private.h"
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include "exchange/tm-atomic.h"

G_DEFINE_QUARK (tm-atomic-error-quark, tm_atomic_error)

struct _TmAtomicFile {
  GFile         *target;
  char          *path;        /* where the file ends up (a symlink's target) */
  char          *temp_path;
  int            fd;
  GOutputStream *stream;
};

static TmAtomicError
classify (int code_errno)
{
  switch (code_errno)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      return TM_ATOMIC_ERROR_NO_SPACE;
    case EACCES:
    case EPERM:
    case EROFS:
      return TM_ATOMIC_ERROR_PERMISSION;
    case ENOENT:
    case ENOTDIR:
      return TM_ATOMIC_ERROR_NOT_FOUND;
    default:
      return TM_ATOMIC_ERROR_FAILED;
    }
}

static TmAtomicError
classify_gio (const GError *cause)
{
  if (cause == NULL)
    return TM_ATOMIC_ERROR_FAILED;
  if (cause->domain == TM_ATOMIC_ERROR)
    return cause->code;
  if (cause->domain != G_IO_ERROR)
    return TM_ATOMIC_ERROR_FAILED;
  switch (cause->code)
    {
    case G_IO_ERROR_NO_SPACE:
      return TM_ATOMIC_ERROR_NO_SPACE;
    case G_IO_ERROR_PERMISSION_DENIED:
    case G_IO_ERROR_READ_ONLY:
      return TM_ATOMIC_ERROR_PERMISSION;
    case G_IO_ERROR_NOT_FOUND:
    case G_IO_ERROR_NOT_DIRECTORY:
      return TM_ATOMIC_ERROR_NOT_FOUND;
    default:
      return TM_ATOMIC_ERROR_FAILED;
    }
}

static GError *
make_error (GFile         *target,
            TmAtomicError  kind,
            const char    *detail)
{
  g_autofree char *name = g_file_get_parse_name (target);

  switch (kind)
    {
    case TM_ATOMIC_ERROR_NO_SPACE:
      return g_error_new (TM_ATOMIC_ERROR, kind,
                          /* Translators: %s is a file name */
                          _("Could not write “%s”: the disk is full. Free some space or choose "
                            "another place; a file that was there is unchanged."), name);
    case TM_ATOMIC_ERROR_PERMISSION:
      return g_error_new (TM_ATOMIC_ERROR, kind,
                          /* Translators: %s is a file name */
                          _("Could not write “%s”: that folder or file cannot be written to. Choose "
                            "another place; a file that was there is unchanged."), name);
    case TM_ATOMIC_ERROR_NOT_FOUND:
      return g_error_new (TM_ATOMIC_ERROR, kind,
                          /* Translators: %s is a file name */
                          _("Could not write “%s”: its folder does not exist. Choose another place."),
                          name);
    case TM_ATOMIC_ERROR_FAILED:
    default:
      return g_error_new (TM_ATOMIC_ERROR, TM_ATOMIC_ERROR_FAILED,
                          /* Translators: the first %s is a file name, the second the reason */
                          _("Could not write “%s”: %s. A file that was there is unchanged."),
                          name, detail ? detail : _("an unknown error"));
    }
}

GError *
tm_atomic_error_for_file (GFile        *target,
                          const GError *cause)
{
  g_return_val_if_fail (G_IS_FILE (target), NULL);

  return make_error (target, classify_gio (cause), cause ? cause->message : NULL);
}

static void
set_errno_error (GError **error,
                 GFile   *target,
                 int      code)
{
  g_propagate_error (error, make_error (target, classify (code), g_strerror (code)));
}

TmAtomicFile *
tm_atomic_file_new (GFile   *target,
                    GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  TmAtomicFile *self;
  int fd;

  g_return_val_if_fail (G_IS_FILE (target), NULL);

  path = g_file_get_path (target);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (target);

      g_set_error (error, TM_ATOMIC_ERROR, TM_ATOMIC_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("Could not write “%s”: it is not a local file. Choose a place on this computer."),
                   name);
      return NULL;
    }

  /* Writing through a link replaces what it points to, not the link. */
  resolved = realpath (path, NULL);
  if (resolved == NULL)
    resolved = g_strdup (path);

  if (g_file_test (resolved, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_file_get_parse_name (target);

      g_set_error (error, TM_ATOMIC_ERROR, TM_ATOMIC_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("Could not write “%s”: it is a folder. Choose a file name."), name);
      return NULL;
    }

  dir = g_path_get_dirname (resolved);
  base = g_path_get_basename (resolved);

  self = g_new0 (TmAtomicFile, 1);
  self->target = g_object_ref (target);
  self->path = g_steal_pointer (&resolved);
  /* A name near the file system's limit has no room for the suffix. */
  if (strlen (base) > 200)
    self->temp_path = g_strdup_printf ("%s/.taskmap-write.XXXXXX", dir);
  else
    self->temp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  self->fd = -1;

  fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved = errno;

      set_errno_error (error, target, saved);
      g_clear_pointer (&self->temp_path, g_free);
      tm_atomic_file_abort (self);
      return NULL;
    }

  /* The umask decides, as for any file the user makes. */
  {
    mode_t mask = umask (0);

    umask (mask);
    fchmod (fd, 0666 & ~mask);
  }

  self->fd = fd;
  self->stream = g_unix_output_stream_new (fd, FALSE);
  return self;
}

GOutputStream *
tm_atomic_file_get_stream (TmAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->stream;
}

const char *
tm_atomic_file_get_temp_path (TmAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->temp_path;
}

static void
free_file (TmAtomicFile *self)
{
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  if (self->temp_path != NULL)
    g_unlink (self->temp_path);
  g_clear_object (&self->target);
  g_free (self->path);
  g_free (self->temp_path);
  g_free (self);
}

void
tm_atomic_file_abort (TmAtomicFile *self)
{
  if (self == NULL)
    return;
  free_file (self);
}

gboolean
tm_atomic_file_commit (TmAtomicFile  *self,
                       GError       **error)
{
  g_autoptr(GError) local = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!g_output_stream_is_closed (self->stream) &&
      (!g_output_stream_flush (self->stream, NULL, &local) ||
       !g_output_stream_close (self->stream, NULL, &local)))
    {
      g_propagate_error (error, tm_atomic_error_for_file (self->target, local));
      free_file (self);
      return FALSE;
    }

  /* On disk before the name points at it; a writer that wrote to the
   * temporary path itself (tm_atomic_file_get_temp_path()) may have
   * replaced the file our descriptor points at, so sync it by its name. */
  fd = open (self->temp_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0 || (fsync (fd) != 0 && errno != EINVAL))
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      set_errno_error (error, self->target, saved);
      free_file (self);
      return FALSE;
    }
  close (fd);
  if (self->fd >= 0 && close (self->fd) != 0)
    {
      self->fd = -1;
      set_errno_error (error, self->target, errno);
      free_file (self);
      return FALSE;
    }
  self->fd = -1;

  /* An existing file keeps its permissions. */
  if (g_stat (self->path, &st) == 0)
    g_chmod (self->temp_path, st.st_mode & 07777);

  if (g_rename (self->temp_path, self->path) != 0)
    {
      set_errno_error (error, self->target, errno);
      free_file (self);
      return FALSE;
    }
  g_clear_pointer (&self->temp_path, g_free);

  /* And the rename itself is on disk. */
  {
    g_autofree char *dir = g_path_get_dirname (self->path);
    int dir_fd = open (dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);

    if (dir_fd >= 0)
      {
        fsync (dir_fd);
        close (dir_fd);
      }
  }

  free_file (self);
  return TRUE;
}

gboolean
tm_atomic_write_bytes (GFile       *target,
                       const void  *data,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GError) local = NULL;
  TmAtomicFile *file;

  g_return_val_if_fail (G_IS_FILE (target), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  file = tm_atomic_file_new (target, error);
  if (file == NULL)
    return FALSE;

  if (!g_output_stream_write_all (file->stream, data, length, NULL, NULL, &local))
    {
      g_propagate_error (error, tm_atomic_error_for_file (target, local));
      tm_atomic_file_abort (file);
      return FALSE;
    }
  return tm_atomic_file_commit (file, error);
}
