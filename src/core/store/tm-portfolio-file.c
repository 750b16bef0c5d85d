/* tm-portfolio-file.c
 * Opening, creating and closing a portfolio file: its checks, the lock that
 * keeps it open in one place, snapshots, and Save a Copy.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-portfolio"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include "model/tm-i18n-private.h"
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store/tm-portfolio.h"
#include "store/tm-portfolio-private.h"
#include "store/tm-store-private.h"
#include "model/tm-workshop-private.h"
#include "model/tm-task-private.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"

/* Whether another process holds SQLite's locks on @path (the lock bytes at 1 GiB). */
static gboolean
locked_by_other_process (const char *path)
{
  struct flock probe = { 0 };
  gboolean locked = FALSE;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;

  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = 0x40000000;   /* SQLite's PENDING_BYTE */
  probe.l_len = 2 + 510;        /* pending, reserved and the shared range */
  if (fcntl (fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK)
    locked = TRUE;

  close (fd);
  return locked;
}

/* Portfolios open in this process, by device and inode. Checked before the
 * file is touched: closing any descriptor of a file drops every POSIX lock
 * this process holds on it, so even a peek at the header of a file another
 * window has open would cost that window its lock. */
static GMutex open_files_lock;
static GHashTable *open_files;

static char *
file_key_for_path (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (guint64) st.st_dev, (guint64) st.st_ino);
}

static gboolean
file_is_open_here (const char *key)
{
  gboolean found;

  g_mutex_lock (&open_files_lock);
  found = open_files != NULL && g_hash_table_contains (open_files, key);
  g_mutex_unlock (&open_files_lock);
  return found;
}

static void
register_open_file (TmPortfolio *self,
                    const char  *path)
{
  g_autofree char *key = file_key_for_path (path);

  if (key == NULL)
    return;

  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (open_files, g_strdup (key));
  g_mutex_unlock (&open_files_lock);
  self->file_key = g_steal_pointer (&key);
}

static void
unregister_open_file (TmPortfolio *self)
{
  if (self->file_key == NULL)
    return;

  g_mutex_lock (&open_files_lock);
  if (open_files != NULL)
    g_hash_table_remove (open_files, self->file_key);
  g_mutex_unlock (&open_files_lock);
  g_clear_pointer (&self->file_key, g_free);
}

static gboolean
has_sqlite_header (const char  *path,
                   gboolean    *empty,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  char header[16] = { 0 };
  FILE *fp = g_fopen (path, "rb");
  size_t n;

  if (fp == NULL)
    {
      int saved_errno = errno;
      g_autofree char *basename = g_path_get_basename (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open “%s”: %s"), basename, g_strerror (saved_errno));
      return FALSE;
    }

  n = fread (header, 1, sizeof header, fp);
  fclose (fp);

  *empty = n == 0;
  return n == sizeof header && memcmp (header, magic, sizeof magic) == 0;
}

static TmPortfolio *
portfolio_new_for_file (GFile *file)
{
  TmPortfolio *self = g_object_new (TM_TYPE_PORTFOLIO, NULL);

  if (file != NULL)
    {
      self->file = g_object_ref (file);
      self->display_name = g_file_get_basename (file);
    }
  else
    {
      self->display_name = g_strdup (_("Unsaved portfolio"));
    }
  return self;
}

/* A portfolio always has a scenario; files from before version 2 get one. */
static gboolean
ensure_scenario (TmPortfolio  *self,
                 GError      **error)
{
  g_autoptr(GPtrArray) changes = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)) > 0)
    return TRUE;

  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_scenario_new (self, "scenario-1", _("Scenario 1")));
  if (!_tm_portfolio_apply (self, "", g_steal_pointer (&changes), error))
    return FALSE;
  _tm_portfolio_clear_undo (self);
  self->edit_count = 0;
  return TRUE;
}

TmPortfolio *
tm_portfolio_open (GFile   *file,
                   GError **error)
{
  g_autoptr(TmPortfolio) self = NULL;
  g_autofree char *path = NULL;
  gboolean empty = FALSE;
  gint64 app_id = 0;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = portfolio_new_for_file (file);
  path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file; copy it to this computer first."),
                   self->display_name);
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO,
                   _("“%s” is a folder, not a Taskmap portfolio."), self->display_name);
      return NULL;
    }

  {
    g_autofree char *key = file_key_for_path (path);

    if (key != NULL && file_is_open_here (key))
      {
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED,
                     _("“%s” is already open in another Taskmap window."), self->display_name);
        return NULL;
      }
  }

  /* Look before SQLite touches anything: it would happily turn an empty
   * file into a database, or leave a journal beside a foreign one. */
  if (!has_sqlite_header (path, &empty, error))
    {
      if (error != NULL && *error != NULL)
        return NULL;
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO,
                   empty ? _("“%s” is empty: it is not a Taskmap portfolio.")
                         : _("“%s” is not a Taskmap portfolio."),
                   self->display_name);
      return NULL;
    }

  /* A file that cannot be written (or its folder, where SQLite keeps its
   * journal), or one reached through a link, opens for reading only: it can
   * be viewed, exported and reported, and nothing of it changes. */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    GStatBuf st;

    self->read_only = (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode)) ||
                      g_access (path, W_OK) != 0 || g_access (dir, W_OK) != 0;
  }

  if (self->read_only)
    {
      g_autofree char *resolved = realpath (path, NULL);
      g_autofree char *uri = NULL;

      /* immutable: no lock and no journal files in a folder we may not write.
       * A URI path escapes '%', '?' and '#'. */
      {
        g_autofree char *escaped = g_uri_escape_string (resolved != NULL ? resolved : path, "/", FALSE);

        uri = g_strdup_printf ("file:%s?immutable=1", escaped);
      }
      rc = sqlite3_open_v2 (uri, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);

  if ((!self->read_only && !_tm_store_configure_connection (self, error)) ||
      !_tm_store_query_int (self, "PRAGMA application_id", &app_id, error) ||
      !_tm_store_query_int (self, "PRAGMA user_version", &version, error))
    return NULL;

  if (app_id != TM_STORE_APPLICATION_ID)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO,
                   _("“%s” is not a Taskmap portfolio: it is a database of another program."),
                   self->display_name);
      return NULL;
    }

  if (version > TM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NEWER,
                   _("“%s” was saved by a newer version of Taskmap. Update Taskmap to open it."),
                   self->display_name);
      return NULL;
    }

  if (version < 1)
    {
      _tm_store_set_damaged (self, error, _("it has no schema version."));
      return NULL;
    }

  {
    g_autoptr(sqlite3_stmt) check = _tm_store_prepare (self, "PRAGMA quick_check", error);
    const char *result;

    if (check == NULL)
      return NULL;
    rc = sqlite3_step (check);
    if (rc != SQLITE_ROW)
      {
        _tm_store_set_sqlite_error (self, error, rc);
        return NULL;
      }
    result = (const char *) sqlite3_column_text (check, 0);
    if (g_strcmp0 (result, "ok") != 0)
      {
        _tm_store_set_damaged (self, error, _("its integrity check failed."));
        return NULL;
      }
  }

  /* Read only, a file is read as it is: one from before version 4 would need
   * the upgrade written first. */
  if (self->read_only && version < 4)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file name */
                   _("“%s” was saved by an older Taskmap and must be upgraded before it can be read, "
                     "but it cannot be written here. Copy it to a folder you can write to and open "
                     "the copy."),
                   self->display_name);
      return NULL;
    }

  if ((!self->read_only &&
       (!_tm_store_enter_wal (self, error) ||
        !_tm_store_migrate (self, version, error) ||
        /* Take the exclusive lock now, not at the first edit. */
        !_tm_store_exec_sql (self, "BEGIN EXCLUSIVE; COMMIT", error))) ||
      !_tm_store_load_meta (self, error) ||
      !_tm_store_load_professions (self, error) ||
      (version >= 5 && !_tm_store_load_staffing (self, error)) ||
      !_tm_store_load_scenarios (self, error) ||
      !_tm_store_load_tasks (self, error) ||
      !_tm_store_load_workshops (self, error) ||
      !_tm_store_load_assessments_and_moves (self, error) ||
      (!self->read_only && !ensure_scenario (self, error)))
    return NULL;

  if (!self->read_only)
    register_open_file (self, path);
  return g_steal_pointer (&self);
}

/* Snapshots */

struct _TmPortfolioSnapshot
{
  sqlite3 *db;
  char    *display_name;
  char    *user_name;
};

struct _TmSnapshotJob
{
  TmPortfolio    *portfolio;  /* owned */
  sqlite3        *db;         /* the copy, in memory */
  sqlite3_backup *backup;     /* NULL once done or failed */
  double          fraction;
  gboolean        failed;
};

/* Pages copied between two looks at the clock (4 KiB each). */
#define SNAPSHOT_STEP_PAGES 64

TmSnapshotJob *
tm_portfolio_snapshot_begin (TmPortfolio  *self,
                             GError      **error)
{
  TmSnapshotJob *job;
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  if (self->db == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED, _("“%s” is closed."), self->display_name);
      return NULL;
    }

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      job = g_new0 (TmSnapshotJob, 1);
      job->backup = sqlite3_backup_init (db, "main", self->db, "main");
      if (job->backup != NULL)
        {
          job->portfolio = g_object_ref (self);
          job->db = db;
          return job;
        }
      g_free (job);
      rc = sqlite3_errcode (db);
    }
  _tm_store_set_sqlite_error (self, error, rc);
  sqlite3_close_v2 (db);
  return NULL;
}

gboolean
tm_snapshot_job_step (TmSnapshotJob  *job,
                      gint64          budget_us,
                      gboolean       *done,
                      GError        **error)
{
  gint64 deadline;

  g_return_val_if_fail (job != NULL && done != NULL, FALSE);
  g_return_val_if_fail (!job->failed, FALSE);

  *done = job->backup == NULL;
  if (*done)
    return TRUE;

  deadline = _tm_store_deadline (budget_us);
  for (;;)
    {
      /* Page by page from the open connection: SQLite brings the copy along
       * with what the same connection writes meanwhile. */
      int rc = sqlite3_backup_step (job->backup, deadline == G_MAXINT64 ? -1 : SNAPSHOT_STEP_PAGES);
      int total = sqlite3_backup_pagecount (job->backup);

      if (total > 0)
        job->fraction = CLAMP (1.0 - (double) sqlite3_backup_remaining (job->backup) / total, 0.0, 1.0);
      if (rc == SQLITE_DONE)
        rc = sqlite3_backup_finish (g_steal_pointer (&job->backup));
      if (rc == SQLITE_OK && job->backup == NULL)
        {
          job->fraction = 1.0;
          *done = TRUE;
          return TRUE;
        }
      /* Busy or locked: in steps, tried again in the next one; at once, as
       * a failure (waiting here could hang). */
      if (rc != SQLITE_OK &&
          (job->backup == NULL || (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || deadline == G_MAXINT64))
        {
          if (job->backup != NULL)
            sqlite3_backup_finish (g_steal_pointer (&job->backup));
          job->failed = TRUE;
          _tm_store_set_sqlite_error (job->portfolio, error, rc);
          return FALSE;
        }
      if (g_get_monotonic_time () >= deadline || rc != SQLITE_OK)
        return TRUE;
    }
}

double
tm_snapshot_job_get_fraction (TmSnapshotJob *job)
{
  g_return_val_if_fail (job != NULL, 0.0);
  return job->fraction;
}

TmPortfolioSnapshot *
tm_snapshot_job_finish (TmSnapshotJob *job)
{
  TmPortfolioSnapshot *snapshot;

  g_return_val_if_fail (job != NULL && job->backup == NULL && !job->failed && job->db != NULL, NULL);

  snapshot = g_new0 (TmPortfolioSnapshot, 1);
  snapshot->db = g_steal_pointer (&job->db);
  snapshot->display_name = g_strdup (job->portfolio->display_name);
  snapshot->user_name = g_strdup (tm_portfolio_get_user_name (job->portfolio));
  tm_snapshot_job_free (job);
  return snapshot;
}

void
tm_snapshot_job_free (TmSnapshotJob *job)
{
  if (job == NULL)
    return;
  if (job->backup != NULL)
    sqlite3_backup_finish (job->backup);
  if (job->db != NULL)
    sqlite3_close_v2 (job->db);
  g_clear_object (&job->portfolio);
  g_free (job);
}

TmPortfolioSnapshot *
tm_portfolio_take_snapshot (TmPortfolio  *self,
                            GError      **error)
{
  TmSnapshotJob *job = tm_portfolio_snapshot_begin (self, error);
  gboolean done = FALSE;

  if (job == NULL)
    return NULL;
  if (!tm_snapshot_job_step (job, G_MAXINT64, &done, error))
    {
      tm_snapshot_job_free (job);
      return NULL;
    }
  return tm_snapshot_job_finish (job);
}

TmPortfolio *
tm_portfolio_snapshot_open (TmPortfolioSnapshot  *snapshot,
                            TmProgressFunc        progress,
                            gpointer              user_data,
                            GError              **error)
{
  g_autoptr(TmPortfolio) self = NULL;
  gint64 version = 0;

  g_return_val_if_fail (snapshot != NULL, NULL);
  g_return_val_if_fail (snapshot->db != NULL, NULL);

  self = portfolio_new_for_file (NULL);
  g_free (self->display_name);
  self->display_name = g_strdup (snapshot->display_name);
  self->user_name = g_strdup (snapshot->user_name);
  self->db = g_steal_pointer (&snapshot->db);
  /* A copy to read (a report, an export); edits would be lost with it. */
  self->read_only = TRUE;
  sqlite3_extended_result_codes (self->db, TRUE);

  self->progress = progress;
  self->progress_data = user_data;
  if (!_tm_store_query_int (self, "PRAGMA user_version", &version, error) ||
      !_tm_store_load_meta (self, error) ||
      !_tm_store_load_professions (self, error) ||
      (version >= 5 && !_tm_store_load_staffing (self, error)) ||
      !_tm_store_load_scenarios (self, error) ||
      !_tm_store_load_tasks (self, error))
    return NULL;
  self->progress = NULL;
  self->progress_data = NULL;
  /* The tasks are about half of a region's opening, their assessments and
   * moves the other half. */
  if (progress != NULL)
    progress (0.5, user_data);
  if (!_tm_store_load_workshops (self, error) ||
      !_tm_store_load_assessments_and_moves (self, error))
    return NULL;
  if (progress != NULL)
    progress (1.0, user_data);

  return g_steal_pointer (&self);
}

void
tm_portfolio_snapshot_free (TmPortfolioSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->db, sqlite3_close_v2);
  g_free (snapshot->display_name);
  g_free (snapshot->user_name);
  g_free (snapshot);
}

TmPortfolio *
tm_portfolio_create (GFile       *file,
                     TmCountry    country,
                     const char  *unit_name,
                     GError     **error)
{
  g_autoptr(TmPortfolio) self = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *header = NULL;
  const TmProfessionRef *refs;
  guint n_refs = 0;
  int rc;

  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail ((guint) country < TM_N_COUNTRIES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = portfolio_new_for_file (file);
  self->country = country;

  if (file != NULL)
    {
      path = g_file_get_path (file);
      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not a local file."), self->display_name);
          return NULL;
        }
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                       _("“%s” already exists."), self->display_name);
          return NULL;
        }
    }

  /* NOMUTEX: a portfolio's connection is only ever used by the thread that
   * holds the portfolio (the window's report and the list's queries work on
   * snapshots and copies), so SQLite's per-call mutexes were pure cost: 5
   * million lock and unlock pairs in an import of 100,000 tasks. */
  rc = sqlite3_open_v2 (path ? path : ":memory:", &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);

  header = g_strdup_printf ("PRAGMA application_id = %d", TM_STORE_APPLICATION_ID);

  /* Identity and schema go into the main file before WAL is switched on, so
   * the file says what it is even if the first session never checkpoints. */
  if (!_tm_store_configure_connection (self, error) ||
      !_tm_store_exec_sql (self, header, error) ||
      !_tm_store_migrate (self, 0, error) ||
      !_tm_store_exec_sql (self, "BEGIN EXCLUSIVE", error))
    goto fail;

  if (!_tm_store_write_meta (self, "unit.country", tm_country_to_id (country), error) ||
      !_tm_store_write_meta (self, "unit.setting", tm_setting_to_id (TM_SETTING_HOSPITAL_WARD), error) ||
      !_tm_store_write_meta (self, "unit.name", unit_name ? unit_name : "", error) ||
      !_tm_store_write_meta (self, "unit.organisation", "", error) ||
      !_tm_store_write_meta (self, "unit.notes", "", error) ||
      !_tm_store_write_meta (self, "portfolio.language", tm_country_get_language (country), error) ||
      !_tm_store_write_meta (self, "created-by", "Taskmap " PACKAGE_VERSION, error) ||
      !_tm_store_exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      goto fail;
    }

  g_free (self->unit_name);
  self->unit_name = g_strdup (unit_name ? unit_name : "");
  g_free (self->language);
  self->language = g_strdup (tm_country_get_language (country));

  if (path != NULL && !_tm_store_enter_wal (self, error))
    goto fail;

  refs = tm_profession_ref_list (country, &n_refs);
  changes = g_ptr_array_new ();
  for (guint i = 0; i < n_refs; i++)
    {
      TmChange *change = _tm_change_profession_new (self, refs[i].id, refs[i].name,
                                                    refs[i].name_en, refs[i].authorised,
                                                    refs[i].unskilled, FALSE);
      change->profession.after->builtin = TRUE;
      g_ptr_array_add (changes, change);
    }

  if (!_tm_portfolio_apply (self, "", g_steal_pointer (&changes), error) ||
      !ensure_scenario (self, error))
    goto fail;

  _tm_portfolio_clear_undo (self);
  self->edit_count = 0;
  if (path != NULL)
    register_open_file (self, path);
  return g_steal_pointer (&self);

fail:
  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *journal = g_strconcat (path, "-journal", NULL);

      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_unlink (path);
      g_unlink (wal);
      g_unlink (journal);
    }
  return NULL;
}

void
tm_portfolio_close (TmPortfolio *self)
{
  g_return_if_fail (TM_IS_PORTFOLIO (self));

  g_clear_pointer (&self->statements, g_hash_table_unref);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        {
          g_critical ("Closing %s left statements open: %s", self->display_name,
                      sqlite3_errstr (rc));
          sqlite3_close_v2 (self->db);
        }
      self->db = NULL;
    }

  unregister_open_file (self);
}

GFile *
tm_portfolio_get_file (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->file;
}

gboolean
tm_portfolio_save_copy (TmPortfolio  *self,
                        GFile        *dest,
                        GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dest_name = NULL;
  TmAtomicFile *atomic;
  sqlite3 *dest_db = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);

  /* A portfolio open for reading only is copied too: that is how it becomes
   * one that can be edited. */
  if (self->db == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("“%s” is closed."), self->display_name);
      return FALSE;
    }

  dest_name = g_file_get_basename (dest);
  path = g_file_get_path (dest);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” is not a local file."), dest_name);
      return FALSE;
    }

  if (self->file != NULL && g_file_equal (self->file, dest))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                   _("“%s” is the open portfolio itself; choose another name for the copy."),
                   dest_name);
      return FALSE;
    }

  {
    g_autofree char *key = file_key_for_path (path);

    if (key != NULL && (file_is_open_here (key) || locked_by_other_process (path)))
      {
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED,
                     _("“%s” is open in a Taskmap window or another program; choose another name "
                       "for the copy."),
                     dest_name);
        return FALSE;
      }
  }

  /* Write beside the target and rename, so a failed copy never leaves half
   * a file, and a file that was there is untouched. */
  atomic = tm_atomic_file_new (dest, error);
  if (atomic == NULL)
    return FALSE;
  g_output_stream_close (tm_atomic_file_get_stream (atomic), NULL, NULL);
  rc = sqlite3_open_v2 (tm_atomic_file_get_temp_path (atomic), &dest_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest_db, "main", self->db, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_exec (dest_db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
      else
        rc = sqlite3_errcode (dest_db);
    }

  if (rc != SQLITE_OK)
    {
      int primary = (dest_db ? sqlite3_errcode (dest_db) : rc) & 0xff;

      if (primary == SQLITE_FULL || (rc & 0xff) == SQLITE_FULL)
        {
          g_autoptr(GError) full = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE, "");

          g_propagate_error (error, tm_atomic_error_for_file (dest, full));
        }
      else
        g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                     _("Could not save a copy as “%s”: %s."), dest_name,
                     dest_db ? sqlite3_errmsg (dest_db) : sqlite3_errstr (rc));
      sqlite3_close (dest_db);
      {
        g_autofree char *journal = g_strconcat (tm_atomic_file_get_temp_path (atomic), "-journal", NULL);

        g_unlink (journal);
      }
      tm_atomic_file_abort (atomic);
      return FALSE;
    }

  sqlite3_close (dest_db);
  return tm_atomic_file_commit (atomic, error);
}
