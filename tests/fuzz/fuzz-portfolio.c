/* fuzz-portfolio.c
 * libFuzzer harness for opening a portfolio file: the input bytes are
 * written to a file in a private temporary folder and opened with
 * tm_portfolio_open() (the header check, SQLite, the integrity check, the
 * migrations from older schemas and the loading of every table). A
 * portfolio that opens must survive the summary, the analysis and an export.
 * With TM_FUZZ_PORTFOLIO_ROUND_TRIP=1 the export must also import again and
 * give the same export: off by default, as a file opens today with values
 * (ids, references, text) that the exchange format refuses (README.md).
 * The file and SQLite's -wal, -shm and -journal files are removed after
 * every input.
 *
 * TM_FUZZ_TMPDIR chooses where the folder is made; by default /dev/shm
 * when it can be written (SQLite syncs), else the usual temporary folder.
 * A process that crashed leaves its folder; the next one removes it.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *fuzz_dir;
static gboolean round_trip;

static void
remove_fuzz_dir (void)
{
  if (fuzz_dir != NULL)
    g_rmdir (fuzz_dir);
}

/* Removes what a process that crashed (and so never ran its atexit handler)
 * left in @base: folders "taskmap-fuzz-PID-*" whose PID no longer runs. */
static void
remove_stale_dirs (const char *base)
{
  g_autoptr(GDir) dir = g_dir_open (base, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *proc = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GDir) inner = NULL;
      const char *file;
      guint64 pid;
      char *end;

      if (!g_str_has_prefix (name, "taskmap-fuzz-"))
        continue;
      pid = g_ascii_strtoull (name + strlen ("taskmap-fuzz-"), &end, 10);
      if (pid == 0 || *end != '-')
        continue;
      proc = g_strdup_printf ("/proc/%" G_GUINT64_FORMAT, pid);
      if (g_file_test (proc, G_FILE_TEST_EXISTS))
        continue;
      path = g_build_filename (base, name, NULL);
      inner = g_dir_open (path, 0, NULL);
      while (inner != NULL && (file = g_dir_read_name (inner)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, file, NULL);

          g_unlink (child);
        }
      g_rmdir (path);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *base = g_getenv ("TM_FUZZ_TMPDIR");
  g_autofree char *template = NULL;
  g_autofree char *prefix = NULL;

  fuzz_init ();
  round_trip = g_strcmp0 (g_getenv ("TM_FUZZ_PORTFOLIO_ROUND_TRIP"), "1") == 0;

  if (base == NULL || *base == '\0')
    base = g_access ("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir ();
  remove_stale_dirs (base);
  prefix = g_strdup_printf ("taskmap-fuzz-%d-XXXXXX", (int) getpid ());
  template = g_build_filename (base, prefix, NULL);
  fuzz_dir = g_mkdtemp (g_steal_pointer (&template));
  FUZZ_CHECK (fuzz_dir != NULL, "cannot make a folder in %s: %s", base, g_strerror (errno));
  atexit (remove_fuzz_dir);
  return 0;
}

static void
unlink_with_suffix (const char *path,
                    const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);

  g_unlink (side);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = g_build_filename (fuzz_dir, "fuzz-XXXXXX.taskmap", NULL);
  TmPortfolio *portfolio;
  int fd;

  fd = g_mkstemp (path);
  FUZZ_CHECK (fd >= 0, "mkstemp in %s: %s", fuzz_dir, g_strerror (errno));
  for (size_t done = 0; done < size;)
    {
      ssize_t n = write (fd, data + done, size - done);

      FUZZ_CHECK (n > 0 || errno == EINTR, "write: %s", g_strerror (errno));
      if (n > 0)
        done += (size_t) n;
    }
  close (fd);

  file = g_file_new_for_path (path);
  portfolio = tm_portfolio_open (file, &error);
  FUZZ_CHECK_RESULT (portfolio != NULL, error, "tm_portfolio_open");
  if (portfolio != NULL)
    {
      fuzz_exercise_portfolio (portfolio, "opening a portfolio", round_trip);
      tm_portfolio_close (portfolio);
      g_object_unref (portfolio);
    }

  g_unlink (path);
  unlink_with_suffix (path, "-wal");
  unlink_with_suffix (path, "-shm");
  unlink_with_suffix (path, "-journal");
  return 0;
}
