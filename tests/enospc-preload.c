/* enospc-preload.c
 * A full disk without mounting one: preloaded (LD_PRELOAD) into a test's
 * child process, it makes every write to a file under $TM_ENOSPC_DIR fail
 * with ENOSPC, as a full disk does; everything else passes through.
 *
 * Writes through a descriptor (write, writev, pwrite, pwrite64, pwritev,
 * fallocate, posix_fallocate) are checked by the descriptor's path in
 * /proc/self/fd. The C library's stdio writes through internal calls no
 * preload can reach, so a stream opened for writing under the folder
 * (fopen, fopen64, fdopen, freopen) is handed back as a stream whose every
 * write fails the same way: cairo's PDF surface, libxlsxwriter and minizip
 * write through stdio.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Both the 32- and the 64-bit names are defined here: the headers must not
 * turn one into the other (meson builds with _FILE_OFFSET_BITS=64). */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define REAL(name) real_##name

#define RESOLVE(name)                                                    \
  do {                                                                   \
    if (REAL (name) == NULL)                                             \
      REAL (name) = (__typeof__ (REAL (name))) dlsym (RTLD_NEXT, #name); \
  } while (0)

static ssize_t (*real_write) (int, const void *, size_t);
static ssize_t (*real_writev) (int, const struct iovec *, int);
static ssize_t (*real_pwrite) (int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64) (int, const void *, size_t, off64_t);
static ssize_t (*real_pwritev) (int, const struct iovec *, int, off_t);
static ssize_t (*real_pwritev64) (int, const struct iovec *, int, off64_t);
static int (*real_fallocate) (int, int, off_t, off_t);
static int (*real_fallocate64) (int, int, off64_t, off64_t);
static int (*real_posix_fallocate) (int, off_t, off_t);
static int (*real_posix_fallocate64) (int, off64_t, off64_t);
static FILE *(*real_fopen) (const char *, const char *);
static FILE *(*real_fopen64) (const char *, const char *);
static FILE *(*real_fdopen) (int, const char *);
static FILE *(*real_freopen) (const char *, const char *, FILE *);
static FILE *(*real_freopen64) (const char *, const char *, FILE *);

/* TRUE when @path is the full folder or lies inside it. */
static int
path_is_under (const char *path,
               const char *dir)
{
  size_t len = strlen (dir);

  while (len > 1 && dir[len - 1] == '/')
    len--;
  return strncmp (path, dir, len) == 0 && (path[len] == '/' || path[len] == '\0');
}

/* TRUE when @fd is a file under $TM_ENOSPC_DIR. Leaves errno alone. */
static int
fd_is_full (int fd)
{
  const char *dir = getenv ("TM_ENOSPC_DIR");
  char link[64];
  char target[PATH_MAX];
  char resolved[PATH_MAX];
  int saved = errno;
  ssize_t n;
  int full;

  if (dir == NULL || *dir == '\0' || fd < 0)
    return 0;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, target, sizeof target - 1);
  if (n <= 0)
    {
      errno = saved;
      return 0;
    }
  target[n] = '\0';

  /* /proc shows the resolved path: compare with the folder's. */
  full = path_is_under (target, dir) ||
         (realpath (dir, resolved) != NULL && path_is_under (target, resolved));
  errno = saved;
  return full;
}

ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  RESOLVE (write);
  if (count > 0 && fd_is_full (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (write) (fd, buf, count);
}

ssize_t
writev (int                 fd,
        const struct iovec *iov,
        int                 iovcnt)
{
  RESOLVE (writev);
  if (fd_is_full (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (writev) (fd, iov, iovcnt);
}

ssize_t
pwrite (int         fd,
        const void *buf,
        size_t      count,
        off_t       offset)
{
  RESOLVE (pwrite);
  if (count > 0 && fd_is_full (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (pwrite) (fd, buf, count, offset);
}

ssize_t
pwrite64 (int         fd,
          const void *buf,
          size_t      count,
          off64_t     offset)
{
  RESOLVE (pwrite64);
  if (count > 0 && fd_is_full (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (pwrite64) (fd, buf, count, offset);
}

ssize_t
pwritev (int                 fd,
         const struct iovec *iov,
         int                 iovcnt,
         off_t               offset)
{
  RESOLVE (pwritev);
  if (fd_is_full (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (pwritev) (fd, iov, iovcnt, offset);
}

ssize_t
pwritev64 (int                 fd,
           const struct iovec *iov,
           int                 iovcnt,
           off64_t             offset)
{
  RESOLVE (pwritev64);
  if (fd_is_full (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (pwritev64) (fd, iov, iovcnt, offset);
}

int
fallocate (int   fd,
           int   mode,
           off_t offset,
           off_t len)
{
  RESOLVE (fallocate);
  if (fd_is_full (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (fallocate) (fd, mode, offset, len);
}

int
fallocate64 (int     fd,
             int     mode,
             off64_t offset,
             off64_t len)
{
  RESOLVE (fallocate64);
  if (fd_is_full (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return REAL (fallocate64) (fd, mode, offset, len);
}

/* posix_fallocate returns the error instead of setting errno. */
int
posix_fallocate (int   fd,
                 off_t offset,
                 off_t len)
{
  RESOLVE (posix_fallocate);
  if (fd_is_full (fd))
    return ENOSPC;
  return REAL (posix_fallocate) (fd, offset, len);
}

int
posix_fallocate64 (int     fd,
                   off64_t offset,
                   off64_t len)
{
  RESOLVE (posix_fallocate64);
  if (fd_is_full (fd))
    return ENOSPC;
  return REAL (posix_fallocate64) (fd, offset, len);
}

/* Streams: a stream for writing under the folder becomes one whose writes
 * fail. Reads and seeks go to the real stream's descriptor. */

static ssize_t
full_read (void   *cookie,
           char   *buf,
           size_t  size)
{
  return read (fileno ((FILE *) cookie), buf, size);
}

static ssize_t
full_write (void       *cookie,
            const char *buf,
            size_t      size)
{
  (void) cookie;
  (void) buf;
  (void) size;
  errno = ENOSPC;
  /* glibc: "0 on error"; the stream is marked as failed. */
  return 0;
}

static int
full_seek (void    *cookie,
           off64_t *offset,
           int      whence)
{
  off64_t at = lseek64 (fileno ((FILE *) cookie), *offset, whence);

  if (at < 0)
    return -1;
  *offset = at;
  return 0;
}

static int
full_close (void *cookie)
{
  return fclose ((FILE *) cookie);
}

static int
mode_writes (const char *mode)
{
  return mode != NULL && (strchr (mode, 'w') != NULL || strchr (mode, 'a') != NULL ||
                          strchr (mode, '+') != NULL);
}

static FILE *
wrap_if_full (FILE       *real,
              const char *mode)
{
  cookie_io_functions_t io = { full_read, full_write, full_seek, full_close };
  FILE *wrapped;

  if (real == NULL || !mode_writes (mode) || !fd_is_full (fileno (real)))
    return real;

  wrapped = fopencookie (real, mode, io);
  if (wrapped == NULL)
    {
      fclose (real);
      errno = ENOMEM;
    }
  return wrapped;
}

FILE *
fopen (const char *path,
       const char *mode)
{
  RESOLVE (fopen);
  return wrap_if_full (REAL (fopen) (path, mode), mode);
}

FILE *
fopen64 (const char *path,
         const char *mode)
{
  RESOLVE (fopen64);
  return wrap_if_full (REAL (fopen64) (path, mode), mode);
}

FILE *
fdopen (int         fd,
        const char *mode)
{
  RESOLVE (fdopen);
  return wrap_if_full (REAL (fdopen) (fd, mode), mode);
}

/* A reopened stream keeps its FILE, so it cannot become a wrapper: refuse
 * to reopen one for writing under the folder, as a full disk may refuse
 * to create a file. */
FILE *
freopen (const char *path,
         const char *mode,
         FILE       *stream)
{
  FILE *f;

  RESOLVE (freopen);
  f = REAL (freopen) (path, mode, stream);
  if (f != NULL && mode_writes (mode) && fd_is_full (fileno (f)))
    {
      fclose (f);
      errno = ENOSPC;
      return NULL;
    }
  return f;
}

FILE *
freopen64 (const char *path,
           const char *mode,
           FILE       *stream)
{
  FILE *f;

  RESOLVE (freopen64);
  f = REAL (freopen64) (path, mode, stream);
  if (f != NULL && mode_writes (mode) && fd_is_full (fileno (f)))
    {
      fclose (f);
      errno = ENOSPC;
      return NULL;
    }
  return f;
}
