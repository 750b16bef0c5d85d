/* test-crash.c
 * The crash test: a child edits a portfolio and is killed at a random moment;
 * every edit it reported as done must be in the file, and the file must be sound.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-crash"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tm-core.h"
#include "tm-test-util.h"

#define N_ROUNDS      3
#define MIN_REPORTS   50
#define N_INITIAL     5
#define READ_TIMEOUT  60  /* seconds without a line before giving up */

/* ---------------------------------------------------------------------- */
/* The child: no GTest from here on, only _exit().                         */

static TmTaskData *
child_make_task (const char *title)
{
  TmTaskData *data = tm_task_data_new ();

  g_free (data->title);
  data->title = g_strdup (title);
  g_free (data->group);
  data->group = g_strdup ("Crash");
  g_free (data->notes);
  /* Some bulk, so that commits span more than one page now and then. */
  data->notes = g_strnfill (g_random_int_range (0, 3000), 'n');
  data->level = TM_LEVEL_ADMIN;
  data->minutes = 5;
  data->occurrences = 1;
  data->per = TM_PER_DAY;
  tm_task_data_set_performer (data, "nurse", 100);

  return data;
}

G_GNUC_NORETURN static void
child_main (const char *path,
            int         fd,
            guint       round,
            guint32     seed)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;
  GListModel *tasks;
  GRand *rand = g_rand_new_with_seed (seed);

  /* A forked child inherits the parent's random state, so every round would
   * make the same "random" task UUIDs; a real second session never does. */
  g_random_set_seed (seed ^ (guint32) getpid ());

  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    {
      g_autofree char *line = g_strdup_printf ("ERROR\topen: %s\n", error->message);
      tm_test_write_all (fd, line);
      _exit (1);
    }
  tasks = tm_portfolio_get_tasks (portfolio);

  for (guint seq = 0; seq < 10000000; seq++)
    {
      g_autofree char *title = g_strdup_printf ("r%u s%07u", round, seq);
      guint n = g_list_model_get_n_items (tasks);
      guint kind = g_rand_int_range (rand, 0, 20);
      GString *report = g_string_new (NULL);

      if (n < 3 || kind < 8)
        {
          g_autoptr(TmTaskData) data = child_make_task (title);
          TmTask *task = tm_portfolio_add_task (portfolio, data, &error);

          if (task != NULL)
            g_string_append_printf (report, "A\t%s\t%s\n", tm_task_get_uuid (task), title);
        }
      else if (kind < 16)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, g_rand_int_range (rand, 0, n));
          g_autoptr(TmTaskData) data = tm_task_dup_data (task);

          g_free (data->title);
          data->title = g_strdup (title);
          if (tm_portfolio_update_task (portfolio, task, data, NULL, &error))
            g_string_append_printf (report, "U\t%s\t%s\n", tm_task_get_uuid (task), title);
        }
      else if (kind < 18)
        {
          g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);

          for (guint i = 0; i < 3; i++)
            {
              g_autofree char *batch_title = g_strdup_printf ("%s b%u", title, i);
              g_ptr_array_add (batch, child_make_task (batch_title));
            }
          if (tm_portfolio_add_tasks (portfolio, batch, &error))
            {
              for (guint i = 0; i < 3; i++)
                {
                  g_autoptr(TmTask) task = g_list_model_get_item (tasks, n + i);
                  g_string_append_printf (report, "A\t%s\t%s\n", tm_task_get_uuid (task), tm_task_get_title (task));
                }
            }
        }
      else
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, g_rand_int_range (rand, 0, n));
          g_autofree char *uuid = g_strdup (tm_task_get_uuid (task));
          TmTask *doomed = task;

          if (tm_portfolio_delete_tasks (portfolio, &doomed, 1, &error))
            g_string_append_printf (report, "D\t%s\t%s\n", uuid, title);
        }

      if (error != NULL)
        {
          g_autofree char *line = g_strdup_printf ("ERROR\tedit %u: %s\n", seq, error->message);
          tm_test_write_all (fd, line);
          _exit (2);
        }

      /* One write per edit: a pipe write this small is atomic. */
      tm_test_write_all (fd, report->str);
      g_string_free (report, TRUE);
    }

  _exit (0);
}

/* ---------------------------------------------------------------------- */
/* The parent                                                              */

static gboolean
parse_title (const char *title,
             guint      *round,
             guint      *seq)
{
  return title != NULL && sscanf (title, "r%u s%u", round, seq) == 2;
}

/* Reads lines from @fd into @lines until there are @min_lines, then kills @pid
 * and reads the rest. Aborts the test if the child failed or stopped first. */
static void
collect_reports (int        fd,
                 GPid       pid,
                 guint      min_lines,
                 GPtrArray *lines)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  gboolean killed = FALSE;
  int status = 0;

  for (;;)
    {
      GPollFD pfd = { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 };
      char chunk[4096];
      gssize n;
      char *newline;
      int ret;

      ret = g_poll (&pfd, 1, READ_TIMEOUT * 1000);
      if (ret < 0 && errno == EINTR)
        continue;
      if (ret == 0)
        {
          kill (pid, SIGKILL);
          waitpid (pid, NULL, 0);
          g_error ("No report from the child for %d s after %u lines", READ_TIMEOUT, lines->len);
        }

      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >=, 0);
      if (n == 0)
        break;  /* EOF: the child is gone */
      g_string_append_len (buffer, chunk, n);

      while ((newline = strchr (buffer->str, '\n')) != NULL)
        {
          g_autofree char *line = g_strndup (buffer->str, newline - buffer->str);

          g_string_erase (buffer, 0, newline - buffer->str + 1);
          if (g_str_has_prefix (line, "ERROR\t"))
            {
              if (!killed)
                kill (pid, SIGKILL);
              waitpid (pid, NULL, 0);
              g_error ("The child failed: %s", line + strlen ("ERROR\t"));
            }
          g_ptr_array_add (lines, g_steal_pointer (&line));
        }

      if (!killed && lines->len >= min_lines)
        {
          /* In the middle of whatever it is doing: a random moment within
           * the next few edits, so that kills land inside commits too. */
          g_usleep (g_test_rand_int_range (0, 3000));
          g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
          killed = TRUE;
        }
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (!killed)
    g_error ("The child exited (status %d) after only %u reports", status, lines->len);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

  /* Pipe writes are atomic: no half line. */
  g_assert_cmpuint (buffer->len, ==, 0);
}

static GHashTable *
read_portfolio (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GHashTable *actual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  TmPortfolio *portfolio;
  GListModel *tasks;

  /* The killed child's lock must not keep the file closed. */
  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portfolio);

  tasks = tm_portfolio_get_tasks (portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      g_assert_false (g_hash_table_contains (actual, tm_task_get_uuid (task)));
      g_hash_table_insert (actual, g_strdup (tm_task_get_uuid (task)), g_strdup (tm_task_get_title (task)));
    }

  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);

  return actual;
}

static void
check_sqlite (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *integrity = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  integrity = tm_test_sqlite_integrity (db);
  g_assert_cmpstr (integrity, ==, "ok");

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, TM_STORE_APPLICATION_ID);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_crash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-test-crash-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  TmPortfolio *portfolio;

  g_assert_no_error (error);
  path = g_build_filename (dir, "crash.taskmap", NULL);
  file = g_file_new_for_path (path);

  portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_INITIAL; i++)
    {
      g_autoptr(TmTaskData) data = tm_task_data_new ();
      TmTask *task;

      g_free (data->title);
      data->title = g_strdup_printf ("initial %u", i);
      task = tm_portfolio_add_task (portfolio, data, &error);
      g_assert_no_error (error);
      g_hash_table_insert (expected, g_strdup (tm_task_get_uuid (task)), g_strdup (tm_task_get_title (task)));
    }
  /* No connection may cross the fork. */
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) actual = NULL;
      g_autoptr(GPtrArray) unknown = g_ptr_array_new ();
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();
      g_autoptr(GPtrArray) mismatched = g_ptr_array_new ();
      guint min_lines = MIN_REPORTS + g_test_rand_int_range (0, 40);
      guint32 seed = g_test_rand_int ();
      guint max_seq = 0;
      gboolean any_seq = FALSE;
      GHashTableIter iter;
      gpointer key, value;
      int fds[2];
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);
      fflush (stdout);
      fflush (stderr);

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child_main (path, fds[1], round, seed);
        }
      close (fds[1]);

      collect_reports (fds[0], pid, min_lines, lines);
      close (fds[0]);

      /* What the child said it did, applied in order. */
      for (guint i = 0; i < lines->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (lines, i), "\t", 3);
          guint r, s;

          /* Each line: kind, uuid, and the title the edit gave (for a
           * delete, the title it would have had: it carries the seq). */
          g_assert_cmpuint (g_strv_length (parts), ==, 3);
          if (g_str_equal (parts[0], "D"))
            {
              g_assert_true (g_hash_table_remove (expected, parts[1]));
            }
          else if (g_str_equal (parts[0], "A"))
            {
              g_assert_false (g_hash_table_contains (expected, parts[1]));
              g_hash_table_insert (expected, g_strdup (parts[1]), g_strdup (parts[2]));
            }
          else
            {
              g_assert_cmpstr (parts[0], ==, "U");
              g_assert_true (g_hash_table_contains (expected, parts[1]));
              g_hash_table_insert (expected, g_strdup (parts[1]), g_strdup (parts[2]));
            }

          g_assert_true (parse_title (parts[2], &r, &s));
          g_assert_cmpuint (r, ==, round);
          g_assert_true (!any_seq || s >= max_seq);
          max_seq = s;
          any_seq = TRUE;
        }
      g_assert_true (any_seq);

      actual = read_portfolio (path);
      check_sqlite (path);

      /* Compare. At most the one edit the child made after its last report
       * may show beyond the reports: its seq is the last one plus one. */
      g_hash_table_iter_init (&iter, expected);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *found = g_hash_table_lookup (actual, key);

          if (found == NULL)
            g_ptr_array_add (missing, key);
          else if (!g_str_equal (found, value))
            g_ptr_array_add (mismatched, key);
        }
      g_hash_table_iter_init (&iter, actual);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (expected, key))
          g_ptr_array_add (unknown, key);

      g_test_message ("round %u: %u reports (killed after %u), last seq %u, %u tasks; "
                      "in flight: %u added, %u updated, %u deleted",
                      round, lines->len, min_lines, max_seq, g_hash_table_size (actual),
                      unknown->len, mismatched->len, missing->len);

      for (guint i = 0; i < unknown->len; i++)
        {
          guint r = 0, s = 0;
          const char *title = g_hash_table_lookup (actual, g_ptr_array_index (unknown, i));

          g_test_message ("  unreported task %s '%s'", (char *) g_ptr_array_index (unknown, i), title);
          g_assert_true (parse_title (title, &r, &s));
          g_assert_cmpuint (r, ==, round);
          g_assert_cmpuint (s, ==, max_seq + 1);
        }
      for (guint i = 0; i < mismatched->len; i++)
        {
          guint r = 0, s = 0;
          const char *uuid = g_ptr_array_index (mismatched, i);
          const char *title = g_hash_table_lookup (actual, uuid);

          g_test_message ("  task %s: reported '%s', found '%s'", uuid,
                          (char *) g_hash_table_lookup (expected, uuid), title);
          g_assert_true (parse_title (title, &r, &s));
          g_assert_cmpuint (r, ==, round);
          g_assert_cmpuint (s, ==, max_seq + 1);
        }
      for (guint i = 0; i < missing->len; i++)
        g_test_message ("  reported task %s '%s' is missing", (char *) g_ptr_array_index (missing, i),
                        (char *) g_hash_table_lookup (expected, g_ptr_array_index (missing, i)));

      /* One edit in flight at most: an add (1 task), a batch add (all 3 or none),
       * an update, or a delete. Anything else is a lost or a half edit. */
      g_assert_true (unknown->len == 0 || unknown->len == 1 || unknown->len == 3);
      g_assert_cmpuint (mismatched->len, <=, 1);
      g_assert_cmpuint (missing->len, <=, 1);
      g_assert_cmpuint ((unknown->len > 0) + (mismatched->len > 0) + (missing->len > 0), <=, 1);

      /* The next round starts from what the file holds. */
      g_hash_table_remove_all (expected);
      g_hash_table_iter_init (&iter, actual);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (expected, g_strdup (key), g_strdup (value));
    }

  /* And after all that, an ordinary session works. */
  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TmTaskData) data = tm_task_data_new ();

    g_free (data->title);
    data->title = g_strdup ("After the crashes");
    g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
    g_assert_no_error (error);
  }
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);
  check_sqlite (path);

  tm_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/crash/kill-during-edits", test_crash);

  return g_test_run ();
}
