/* test-store.c
 * Tests of the portfolio file: create, reopen, refusals, locking, migration, copies.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tm-core.h"
#include "tm-test-util.h"

/* Fixture: a fresh temporary directory per test, removed afterwards. */
typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->dir = tm_test_make_tmp_dir ("taskmap-test-store-XXXXXX");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  tm_test_rm_rf (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static TmTaskData *
make_task (const char *title,
           const char *group,
           TmLevel     level,
           double      minutes,
           double      occurrences,
           TmPer       per)
{
  TmTaskData *data = tm_task_data_new ();

  g_free (data->title);
  data->title = g_strdup (title);
  g_free (data->group);
  data->group = g_strdup (group);
  g_free (data->description);
  data->description = g_strdup_printf ("What \"%s\" takes.\nSecond line.", title);
  data->level = level;
  data->complexity = TM_COMPLEXITY_LOW;
  data->minutes = minutes;
  data->occurrences = occurrences;
  data->per = per;
  data->shifts = TM_SHIFT_DAY | TM_SHIFT_EVENING;
  tm_task_data_set_performer (data, "nurse", 100.0);

  return data;
}

static TmTask *
add_task (TmPortfolio *portfolio,
          const char  *title)
{
  g_autoptr(TmTaskData) data = make_task (title, "Om morgenen", TM_LEVEL_ADMIN,
                                          15, 4, TM_PER_DAY);
  g_autoptr(GError) error = NULL;
  TmTask *task;

  task = tm_portfolio_add_task (portfolio, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);

  return task;
}

static TmPortfolio *
create_portfolio (const char *path,
                  TmCountry   country,
                  const char *unit)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;

  portfolio = tm_portfolio_create (file, country, unit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portfolio);

  return portfolio;
}

static TmPortfolio *
open_portfolio (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;

  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portfolio);

  return portfolio;
}

static void
close_portfolio (TmPortfolio *portfolio)
{
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);
}

/* Opens @path expecting @code; returns the error for further checks. */
static GError *
open_expecting_error (const char *path,
                      GQuark      domain,
                      int         code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;

  portfolio = tm_portfolio_open (file, &error);
  if (portfolio != NULL)
    close_portfolio (portfolio);
  g_assert_null (portfolio);
  g_assert_error (error, domain, code);
  g_test_message ("%s: %s", basename, error->message);

  /* The message says which file. */
  g_assert_nonnull (strstr (error->message, basename));

  return g_steal_pointer (&error);
}

static sqlite3 *
sqlite_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    g_error ("sqlite3_open_v2 (%s): %s", path, sqlite3_errstr (rc));

  return db;
}

static gint64
sqlite_pragma_int (sqlite3    *db,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
sqlite_integrity_check (const char *path)
{
  sqlite3 *db = sqlite_open (path);
  char *result = tm_test_sqlite_integrity (db);

  sqlite3_close (db);
  return result;
}

static void
sqlite_exec (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    g_error ("%s: %s", sql, errmsg);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A file's bytes and modification time, to prove a refusal left it alone. */
typedef struct {
  char  *contents;
  gsize  length;
  struct stat st;
} FileState;

static void
file_state_clear (FileState *state)
{
  g_clear_pointer (&state->contents, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileState, file_state_clear)

static void
file_state_take (const char *path,
                 FileState  *state)
{
  g_autoptr(GError) error = NULL;

  /* An old mtime, so that any write shows even on coarse clocks. */
  if (state->contents == NULL)
    {
      struct timeval times[2] = { { 1500000000, 0 }, { 1500000000, 0 } };
      g_assert_cmpint (utimes (path, times), ==, 0);
    }

  g_file_get_contents (path, &state->contents, &state->length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &state->st), ==, 0);
}

static void
assert_file_unchanged (const char *path,
                       FileState  *before)
{
  g_auto(FileState) after = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_file_get_contents (path, &after.contents, &after.length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &after.st), ==, 0);

  g_assert_cmpuint (after.length, ==, before->length);
  g_assert_cmpmem (after.contents, after.length, before->contents, before->length);
  g_assert_cmpint (after.st.st_mtim.tv_sec, ==, before->st.st_mtim.tv_sec);
  g_assert_cmpint (after.st.st_mtim.tv_nsec, ==, before->st.st_mtim.tv_nsec);
}

static void
assert_no_sqlite_side_files (const char *path)
{
  static const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", side);
    }
}

/* A portfolio with some of everything, for round trips. */
static void
fill_portfolio (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTaskData) shared = NULL;
  g_autoptr(TmTaskData) bare = NULL;
  TmProfession *added;

  g_assert_true (tm_portfolio_set_unit (portfolio, "Medicinsk afsnit M1 \xe2\x80\x93 \xc3\xa6\xc3\xb8\xc3\xa5",
                                        "Regionshospitalet Nord", TM_SETTING_HOSPITAL_WARD,
                                        "Noter om afsnittet\nlinje 2", &error));
  g_assert_no_error (error);

  added = tm_portfolio_add_profession (portfolio, "Klinisk vejleder", "Clinical supervisor",
                                       TRUE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);

  add_task (portfolio, "M\xc3\xb8" "de ind med resten af personalegruppen");

  shared = make_task ("Give st\xc3\xb8tteStr\xc3\xb8mper p\xc3\xa5 \xf0\x9f\xa7\xa6", "Patientn\xc3\xa6re opgaver",
                      TM_LEVEL_BOUNDED_CLINICAL, 30, 1, TM_PER_DAY);
  tm_task_data_set_performer (shared, "nurse", 50);
  tm_task_data_set_performer (shared, "ssa", 50);
  tm_task_data_set_performer (shared, tm_profession_get_id (added), 0);
  g_free (shared->notes);
  shared->notes = g_strdup ("'); DROP TABLE tasks; --");
  shared->complexity = TM_COMPLEXITY_VARIES;
  shared->shifts = TM_SHIFTS_ALL;
  g_assert_nonnull (tm_portfolio_add_task (portfolio, shared, &error));
  g_assert_no_error (error);

  bare = tm_task_data_new ();
  g_free (bare->title);
  bare->title = g_strdup ("Not estimated, no performer");
  g_assert_nonnull (tm_portfolio_add_task (portfolio, bare, &error));
  g_assert_no_error (error);
}

static void
test_create_reopen (Fixture       *fixture,
                    gconstpointer  user_data)
{
  /* Blanks and non-ASCII in the name: the path must not be taken for a URI. */
  g_autofree char *path = fixture_path (fixture, "Afsnit M1 \xc3\xa6\xc3\xb8\xc3\xa5 #1?.taskmap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) professions = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *notes = NULL;
  TmPortfolio *portfolio;
  guint n_refs = 0;

  portfolio = create_portfolio (path, TM_COUNTRY_NO, "Sengepost 3");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_equal (tm_portfolio_get_file (portfolio), file));
  g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_NO);
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Sengepost 3");

  /* A new portfolio has the reference professions and no tasks. */
  tm_profession_ref_list (TM_COUNTRY_NO, &n_refs);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_professions (portfolio)), ==, n_refs);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 0);

  fill_portfolio (portfolio);
  tasks = tm_test_snapshot_tasks (portfolio);
  professions = tm_test_snapshot_professions (portfolio);
  unit = g_strdup (tm_portfolio_get_unit_name (portfolio));
  organisation = g_strdup (tm_portfolio_get_organisation (portfolio));
  notes = g_strdup (tm_portfolio_get_notes (portfolio));
  g_assert_cmpuint (tasks->len, ==, 3);
  g_assert_cmpuint (professions->len, ==, n_refs + 1);
  close_portfolio (portfolio);

  /* After closing, the portfolio is one self-contained file. */
  assert_no_sqlite_side_files (path);

  portfolio = open_portfolio (path);
  g_assert_true (g_file_equal (tm_portfolio_get_file (portfolio), file));
  g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_NO);
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, unit);
  g_assert_cmpstr (tm_portfolio_get_organisation (portfolio), ==, organisation);
  g_assert_cmpint (tm_portfolio_get_setting (portfolio), ==, TM_SETTING_HOSPITAL_WARD);
  g_assert_cmpstr (tm_portfolio_get_notes (portfolio), ==, notes);
  tm_test_assert_professions (professions, portfolio);
  tm_test_assert_tasks (tasks, portfolio);

  /* Opening is not an edit: nothing to undo. */
  g_assert_false (tm_portfolio_can_undo (portfolio));
  g_assert_false (tm_portfolio_can_redo (portfolio));
  close_portfolio (portfolio);

  /* Open and close again, the migration at version 1 is a no-op. */
  portfolio = open_portfolio (path);
  tm_test_assert_tasks (tasks, portfolio);
  close_portfolio (portfolio);
}

static void
test_pragmas (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "pragmas.taskmap");
  g_autofree char *check = NULL;
  TmPortfolio *portfolio;
  sqlite3 *db;

  portfolio = create_portfolio (path, TM_COUNTRY_DK, "Afsnit");
  add_task (portfolio, "En opgave");
  close_portfolio (portfolio);

  db = sqlite_open (path);
  g_assert_cmpint (sqlite_pragma_int (db, "PRAGMA application_id"), ==, TM_STORE_APPLICATION_ID);
  g_assert_cmpint (sqlite_pragma_int (db, "PRAGMA user_version"), ==, TM_STORE_SCHEMA_VERSION);
  sqlite3_close (db);

  check = sqlite_integrity_check (path);
  g_assert_cmpstr (check, ==, "ok");
}

static void
test_create_exists (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *text = fixture_path (fixture, "exists.txt");
  g_autofree char *taskmap = fixture_path (fixture, "exists.taskmap");
  g_autoptr(GPtrArray) tasks = NULL;
  g_auto(FileState) state = { 0 };
  TmPortfolio *portfolio;

  /* Over a file of something else. */
  g_assert_true (g_file_set_contents (text, "Do not overwrite me\n", -1, NULL));
  file_state_take (text, &state);
  {
    g_autoptr(GFile) file = g_file_new_for_path (text);
    g_autoptr(GError) error = NULL;

    portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit", &error);
    g_assert_null (portfolio);
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS);
    g_assert_nonnull (strstr (error->message, "exists.txt"));
  }
  assert_file_unchanged (text, &state);

  /* Over an empty file. */
  {
    g_autofree char *empty = fixture_path (fixture, "empty.taskmap");
    g_autoptr(GFile) file = g_file_new_for_path (empty);
    g_autoptr(GError) error = NULL;
    g_auto(FileState) empty_state = { 0 };

    g_assert_true (g_file_set_contents (empty, "", 0, NULL));
    file_state_take (empty, &empty_state);
    portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit", &error);
    g_assert_null (portfolio);
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS);
    assert_file_unchanged (empty, &empty_state);
  }

  /* Over a portfolio: it keeps its tasks. */
  portfolio = create_portfolio (taskmap, TM_COUNTRY_DK, "Afsnit");
  add_task (portfolio, "Keep me");
  tasks = tm_test_snapshot_tasks (portfolio);
  close_portfolio (portfolio);
  {
    g_autoptr(GFile) file = g_file_new_for_path (taskmap);
    g_autoptr(GError) error = NULL;

    portfolio = tm_portfolio_create (file, TM_COUNTRY_NO, "Other", &error);
    g_assert_null (portfolio);
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS);
  }
  portfolio = open_portfolio (taskmap);
  g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_DK);
  tm_test_assert_tasks (tasks, portfolio);
  close_portfolio (portfolio);
}

static void
test_refuse_text (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "notes.taskmap");
  g_auto(FileState) state = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "Line %u of a text file that is not a portfolio.\n", i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  file_state_take (path, &state);

  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO);
  assert_file_unchanged (path, &state);
  assert_no_sqlite_side_files (path);
}

static void
test_refuse_short_text (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "short.taskmap");
  g_auto(FileState) state = { 0 };
  g_autoptr(GError) error = NULL;

  /* Shorter than an SQLite header. */
  g_assert_true (g_file_set_contents (path, "SQLite", -1, NULL));
  file_state_take (path, &state);

  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO);
  assert_file_unchanged (path, &state);
  assert_no_sqlite_side_files (path);
}

static void
test_refuse_foreign_sqlite (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "other-program.db");
  g_auto(FileState) state = { 0 };
  g_autoptr(GError) error = NULL;

  sqlite_exec (path,
               "CREATE TABLE foo (id INTEGER PRIMARY KEY, bar TEXT);"
               "INSERT INTO foo (bar) VALUES ('one'), ('two');");
  file_state_take (path, &state);

  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO);
  assert_file_unchanged (path, &state);
  assert_no_sqlite_side_files (path);
}

static void
test_refuse_foreign_sqlite_tasks_table (Fixture       *fixture,
                                        gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "lookalike.db");
  g_auto(FileState) state = { 0 };
  g_autoptr(GError) error = NULL;

  /* Table names a portfolio might use, and user_version 1, but not our application_id. */
  sqlite_exec (path,
               "CREATE TABLE tasks (uuid TEXT, title TEXT);"
               "CREATE TABLE professions (id TEXT, name TEXT);"
               "CREATE TABLE unit (name TEXT);"
               "INSERT INTO tasks VALUES ('x', 'y');"
               "PRAGMA user_version = 1;");
  file_state_take (path, &state);

  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO);
  assert_file_unchanged (path, &state);
}

static void
test_refuse_empty (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "empty.taskmap");
  g_auto(FileState) state = { 0 };
  g_autoptr(GError) error = NULL;

  /* SQLite treats an empty file as an empty database: it must not become a portfolio. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  file_state_take (path, &state);

  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO);
  assert_file_unchanged (path, &state);
  g_assert_cmpuint (state.length, ==, 0);
  assert_no_sqlite_side_files (path);

  /* And not on a second attempt either. */
  g_clear_error (&error);
  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO);
  assert_file_unchanged (path, &state);
}

static void
test_refuse_newer (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "newer.taskmap");
  g_autofree char *sql = NULL;
  g_auto(FileState) state = { 0 };
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;
  sqlite3 *db;

  portfolio = create_portfolio (path, TM_COUNTRY_DK, "Afsnit");
  add_task (portfolio, "From the future");
  close_portfolio (portfolio);

  sql = g_strdup_printf ("PRAGMA user_version = %d;", TM_STORE_SCHEMA_VERSION + 1);
  sqlite_exec (path, sql);
  file_state_take (path, &state);

  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_NEWER);
  assert_file_unchanged (path, &state);

  /* Not downgraded behind our back. */
  db = sqlite_open (path);
  g_assert_cmpint (sqlite_pragma_int (db, "PRAGMA user_version"), ==, TM_STORE_SCHEMA_VERSION + 1);
  sqlite3_close (db);
}

/* A portfolio of ~200 tasks, big enough to have many data pages. */
static char *
make_big_portfolio (Fixture    *fixture,
                    const char *name,
                    gsize      *size)
{
  g_autofree char *path = fixture_path (fixture, name);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;
  struct stat st;

  portfolio = create_portfolio (path, TM_COUNTRY_DK, "Stort afsnit");
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Opgave nummer %u med en lang titel", i);
      TmTaskData *data = make_task (title, i % 2 ? "Oprydning" : "Opfyldning",
                                    TM_LEVEL_ADMIN, 10 + i, 2, TM_PER_WEEK);

      g_free (data->notes);
      data->notes = g_strnfill (300, 'a' + (i % 26));
      g_ptr_array_add (batch, data);
    }
  g_assert_true (tm_portfolio_add_tasks (portfolio, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 200);
  close_portfolio (portfolio);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  *size = st.st_size;
  g_test_message ("%s: %zu bytes", name, *size);

  return g_steal_pointer (&path);
}

static void
overwrite (const char *path,
           goffset     offset,
           gsize       length,
           guchar      byte)
{
  g_autofree guchar *garbage = g_malloc (length);
  int fd;

  memset (garbage, byte, length);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, length, offset), ==, (gssize) length);
  g_assert_cmpint (close (fd), ==, 0);
}

/* Overwrites one page with garbage: at @offset, or in the middle when @offset < 0. */
static void
check_damaged (Fixture    *fixture,
               const char *name,
               goffset     offset)
{
  gsize size = 0;
  g_autofree char *path = make_big_portfolio (fixture, name, &size);
  g_auto(FileState) state = { 0 };
  g_autoptr(GError) error = NULL;

  if (offset < 0)
    offset = (size / 2) & ~(goffset) 4095;
  g_test_message ("garbage at %" G_GOFFSET_FORMAT, offset);
  g_assert_cmpuint (size, >=, (gsize) offset + 4096 * 2);
  overwrite (path, offset, 4096, 0x55);
  file_state_take (path, &state);

  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED);
  assert_file_unchanged (path, &state);
}

static void
test_refuse_damaged (Fixture       *fixture,
                     gconstpointer  user_data)
{
  check_damaged (fixture, "damaged-8192.taskmap", 8192);
}

static void
test_refuse_damaged_middle (Fixture       *fixture,
                            gconstpointer  user_data)
{
  /* A page in the middle, where the tasks' rows are. */
  check_damaged (fixture, "damaged-middle.taskmap", -1);
}

static void
test_refuse_truncated (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gsize size = 0;
  g_autofree char *path = make_big_portfolio (fixture, "truncated.taskmap", &size);
  g_auto(FileState) state = { 0 };
  g_autoptr(GError) error = NULL;

  /* Half a file, as after an interrupted copy to a USB stick. */
  g_assert_cmpint (truncate (path, (size / 2) & ~(goffset) 4095), ==, 0);
  file_state_take (path, &state);

  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED);
  assert_file_unchanged (path, &state);
}

static void
test_refuse_missing (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "missing.taskmap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;

  portfolio = tm_portfolio_open (file, &error);
  g_assert_null (portfolio);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
                 error->domain == TM_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "missing.taskmap"));

  /* Opening must not create it. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_sqlite_side_files (path);

  /* Nor a file in a missing folder. */
  {
    g_autofree char *deeper = fixture_path (fixture, "no-such-folder/missing.taskmap");
    g_autoptr(GFile) deeper_file = g_file_new_for_path (deeper);
    g_autoptr(GError) deeper_error = NULL;

    portfolio = tm_portfolio_open (deeper_file, &deeper_error);
    g_assert_null (portfolio);
    g_assert_nonnull (deeper_error);
  }
}

static void
test_lock (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "locked.taskmap");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  TmPortfolio *first;

  first = create_portfolio (path, TM_COUNTRY_DK, "Afsnit");
  add_task (first, "Before");
  close_portfolio (first);

  first = open_portfolio (path);
  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED);

  /* The failed attempt did not disturb the first window. */
  add_task (first, "After the failed open");
  tasks = tm_test_snapshot_tasks (first);
  g_assert_cmpuint (tasks->len, ==, 2);

  /* Twice, to be sure the first refusal released nothing. */
  g_clear_error (&error);
  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED);

  close_portfolio (first);

  first = open_portfolio (path);
  tm_test_assert_tasks (tasks, first);
  close_portfolio (first);
}

/* Locking must hold across processes (two Taskmap instances). The child is a
 * fresh process of the same test, told the path and the outcome by environment. */
static void
run_lock_child (const char *path,
                const char *expect)
{
  g_setenv ("TM_TEST_LOCK_PATH", path, TRUE);
  g_setenv ("TM_TEST_LOCK_EXPECT", expect, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_unsetenv ("TM_TEST_LOCK_PATH");
  g_unsetenv ("TM_TEST_LOCK_EXPECT");
}

static gboolean
lock_child (void)
{
  const char *path = g_getenv ("TM_TEST_LOCK_PATH");
  const char *expect = g_getenv ("TM_TEST_LOCK_EXPECT");

  if (!g_test_subprocess ())
    return FALSE;

  g_assert_nonnull (path);
  g_assert_nonnull (expect);

  if (g_str_equal (expect, "locked"))
    {
      g_autoptr(GError) error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED);
    }
  else
    {
      TmPortfolio *portfolio = open_portfolio (path);

      g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==,
                        (guint) atoi (expect));
      close_portfolio (portfolio);
    }

  return TRUE;
}

static void
test_lock_other_process (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  TmPortfolio *first;

  if (lock_child ())
    return;

  path = fixture_path (fixture, "shared.taskmap");
  first = create_portfolio (path, TM_COUNTRY_DK, "Afsnit");
  add_task (first, "Held by the parent");
  close_portfolio (first);

  first = open_portfolio (path);
  run_lock_child (path, "locked");

  /* The parent still edits. */
  add_task (first, "Parent still edits");
  close_portfolio (first);

  run_lock_child (path, "2");
}

static void
test_lock_kept_after_refusal (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  TmPortfolio *first;

  if (lock_child ())
    return;

  path = fixture_path (fixture, "shared.taskmap");
  first = create_portfolio (path, TM_COUNTRY_DK, "Afsnit");
  add_task (first, "Held by the parent");

  /* A refused second open in this process (a second window) must not drop
   * the lock this process holds: closing any descriptor of a file drops all
   * of the process's POSIX locks on it. */
  error = open_expecting_error (path, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED);
  run_lock_child (path, "locked");

  /* The same through another name of the same file. */
  {
    g_autofree char *alias = fixture_path (fixture, "alias.taskmap");
    g_autoptr(GError) alias_error = NULL;

    g_assert_cmpint (symlink (path, alias), ==, 0);
    alias_error = open_expecting_error (alias, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED);
    run_lock_child (path, "locked");
  }

  close_portfolio (first);
  run_lock_child (path, "1");
}

/* The fixture holds the SQL of a portfolio written by schema version 1. Lines
 * "-- expect-tasks: N" and "-- expect-task: UUID<TAB>TITLE" state what must
 * survive the migration; without them only the basics are checked. */
static void
test_migrate_from_v1 (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *sql_path = g_build_filename (g_getenv ("TASKMAP_TEST_DATA"),
                                                "portfolio-v1.taskmap.sql", NULL);
  g_autofree char *path = fixture_path (fixture, "v1.taskmap");
  g_autofree char *sql = NULL;
  g_autofree char *added_uuid = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  TmPortfolio *portfolio;
  GListModel *tasks;
  int expect_n = -1;
  guint n_expected_titles = 0;
  sqlite3 *db;

  g_assert_nonnull (g_getenv ("TASKMAP_TEST_DATA"));
  if (!g_file_get_contents (sql_path, &sql, NULL, &error))
    g_error ("The version-1 fixture is missing: %s", error->message);

  sqlite_exec (path, sql);

  db = sqlite_open (path);
  g_assert_cmpint (sqlite_pragma_int (db, "PRAGMA user_version"), ==, 1);
  sqlite3_close (db);

  portfolio = open_portfolio (path);
  tasks = tm_portfolio_get_tasks (portfolio);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      g_assert_true (g_uuid_string_is_valid (tm_task_get_uuid (task)));
      g_autofree char *title = g_strdup (tm_task_get_title (task));

      g_assert_nonnull (title);
      g_assert_cmpstr (g_strstrip (title), !=, "");
    }

  lines = g_strsplit (sql, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "-- expect-tasks: "))
        {
          expect_n = atoi (line + strlen ("-- expect-tasks: "));
        }
      else if (g_str_has_prefix (line, "-- expect-task: "))
        {
          g_auto(GStrv) parts = g_strsplit (line + strlen ("-- expect-task: "), "\t", 2);
          TmTask *task;

          g_assert_cmpuint (g_strv_length (parts), ==, 2);
          task = tm_portfolio_lookup_task (portfolio, parts[0]);
          g_assert_nonnull (task);
          g_assert_cmpstr (tm_task_get_title (task), ==, g_strchomp (parts[1]));
          n_expected_titles++;
        }
    }
  /* Without a stated count, count the rows a dump inserts. */
  if (expect_n < 0)
    {
      guint n_inserts = 0;

      for (guint i = 0; lines[i] != NULL; i++)
        if (g_str_has_prefix (lines[i], "INSERT INTO tasks ") ||
            g_str_has_prefix (lines[i], "INSERT INTO \"tasks\" ") ||
            g_str_has_prefix (lines[i], "INSERT INTO tasks("))
          n_inserts++;
      if (n_inserts > 0)
        expect_n = n_inserts;
    }
  if (expect_n >= 0)
    g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, (guint) expect_n);
  g_test_message ("%u tasks, %u titles checked", g_list_model_get_n_items (tasks), n_expected_titles);

  /* An edit after migration works and sticks. */
  added_uuid = g_strdup (tm_task_get_uuid (add_task (portfolio, "Added after migration")));
  close_portfolio (portfolio);

  db = sqlite_open (path);
  g_assert_cmpint (sqlite_pragma_int (db, "PRAGMA user_version"), ==, TM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite_pragma_int (db, "PRAGMA application_id"), ==, TM_STORE_APPLICATION_ID);
  sqlite3_close (db);

  portfolio = open_portfolio (path);
  if (expect_n >= 0)
    g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, expect_n + 1);
  g_assert_nonnull (tm_portfolio_lookup_task (portfolio, added_uuid));
  close_portfolio (portfolio);
}

static void
test_save_copy (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "original.taskmap");
  g_autofree char *copy_path = fixture_path (fixture, "copy.taskmap");
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_path);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) professions = NULL;
  g_autoptr(GError) error = NULL;
  TmPortfolio *original;
  TmPortfolio *copy;

  original = create_portfolio (path, TM_COUNTRY_DK, "Original");
  fill_portfolio (original);
  tasks = tm_test_snapshot_tasks (original);
  professions = tm_test_snapshot_professions (original);

  g_assert_true (tm_portfolio_save_copy (original, copy_file, &error));
  g_assert_no_error (error);

  /* The copy opens while the original is open, with the same content. */
  copy = open_portfolio (copy_path);
  tm_test_assert_tasks (tasks, copy);
  tm_test_assert_professions (professions, copy);
  g_assert_cmpstr (tm_portfolio_get_unit_name (copy), ==, tm_portfolio_get_unit_name (original));
  g_assert_true (g_file_equal (tm_portfolio_get_file (copy), copy_file));

  /* The original stays the document being edited, and the two are independent. */
  g_assert_false (g_file_equal (tm_portfolio_get_file (original), copy_file));
  add_task (original, "Only in the original");
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (copy)), ==, tasks->len);
  close_portfolio (copy);
  close_portfolio (original);

  copy = open_portfolio (copy_path);
  tm_test_assert_tasks (tasks, copy);
  close_portfolio (copy);

  original = open_portfolio (path);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (original)), ==, tasks->len + 1);
  close_portfolio (original);
}

static void
test_save_copy_overwrites (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "original.taskmap");
  g_autofree char *dest = fixture_path (fixture, "dest.taskmap");
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  TmPortfolio *original;
  TmPortfolio *copy;

  /* The destination already holds a bigger, different portfolio. */
  {
    gsize size = 0;
    g_autofree char *big = make_big_portfolio (fixture, "dest.taskmap", &size);
  }

  original = create_portfolio (path, TM_COUNTRY_DK, "Original");
  fill_portfolio (original);
  tasks = tm_test_snapshot_tasks (original);

  g_assert_true (tm_portfolio_save_copy (original, dest_file, &error));
  g_assert_no_error (error);
  close_portfolio (original);

  copy = open_portfolio (dest);
  tm_test_assert_tasks (tasks, copy);
  close_portfolio (copy);
}

static void
test_save_copy_memory (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *dest = fixture_path (fixture, "from-memory.taskmap");
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) scratch = NULL;
  g_autofree char *check = NULL;
  TmPortfolio *copy;
  sqlite3 *db;

  scratch = tm_portfolio_create (NULL, TM_COUNTRY_NO, "Kladd", &error);
  g_assert_no_error (error);
  g_assert_null (tm_portfolio_get_file (scratch));
  fill_portfolio (scratch);
  tasks = tm_test_snapshot_tasks (scratch);

  g_assert_true (tm_portfolio_save_copy (scratch, dest_file, &error));
  g_assert_no_error (error);

  copy = open_portfolio (dest);
  g_assert_cmpint (tm_portfolio_get_country (copy), ==, TM_COUNTRY_NO);
  tm_test_assert_tasks (tasks, copy);
  close_portfolio (copy);

  /* A copy is a proper portfolio file. */
  db = sqlite_open (dest);
  g_assert_cmpint (sqlite_pragma_int (db, "PRAGMA application_id"), ==, TM_STORE_APPLICATION_ID);
  g_assert_cmpint (sqlite_pragma_int (db, "PRAGMA user_version"), ==, TM_STORE_SCHEMA_VERSION);
  sqlite3_close (db);
  check = sqlite_integrity_check (dest);
  g_assert_cmpstr (check, ==, "ok");
}

static void
test_save_copy_onto_self (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "self.taskmap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  TmPortfolio *portfolio;
  gboolean ok;

  portfolio = create_portfolio (path, TM_COUNTRY_DK, "Afsnit");
  fill_portfolio (portfolio);
  tasks = tm_test_snapshot_tasks (portfolio);

  /* "Save a copy" onto the open file itself: refused or harmless, never a loss. */
  ok = tm_portfolio_save_copy (portfolio, file, &error);
  g_test_message ("save_copy onto itself: %s", ok ? "succeeded" : error->message);
  g_assert_true (ok || error != NULL);
  g_clear_error (&error);

  /* Still editable, and the file still whole. */
  add_task (portfolio, "After the copy");
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, tasks->len + 1);
  close_portfolio (portfolio);

  check = sqlite_integrity_check (path);
  g_assert_cmpstr (check, ==, "ok");
  portfolio = open_portfolio (path);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, tasks->len + 1);
  close_portfolio (portfolio);
}

static void
test_save_copy_onto_open (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "source.taskmap");
  g_autofree char *other_path = fixture_path (fixture, "open-elsewhere.taskmap");
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  TmPortfolio *portfolio;
  TmPortfolio *other;
  gboolean ok;

  portfolio = create_portfolio (path, TM_COUNTRY_DK, "Kilde");
  fill_portfolio (portfolio);
  other = create_portfolio (other_path, TM_COUNTRY_NO, "Annen");
  add_task (other, "Mine");

  /* The destination is open in another window, whose edits are committed to
   * it as they are made: replacing the file under it would lose them all. */
  ok = tm_portfolio_save_copy (portfolio, other_file, &error);
  g_test_message ("save_copy onto an open portfolio: %s", ok ? "succeeded" : error->message);

  add_task (other, "Still mine");
  close_portfolio (other);
  close_portfolio (portfolio);

  /* What the other window saved is in its file. */
  check = sqlite_integrity_check (other_path);
  g_assert_cmpstr (check, ==, "ok");
  other = open_portfolio (other_path);
  g_assert_cmpstr (tm_portfolio_get_unit_name (other), ==, "Annen");
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (other)), ==, 2);
  close_portfolio (other);

  /* So the copy has to be refused. */
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "open-elsewhere.taskmap"));
}

/* The same with the destination open in another program (another Taskmap
 * instance): a forked child holds it open until told to add a task and close. */
static void
child_hold_open (const char *path,
                 int         to_parent,
                 int         from_parent)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  TmPortfolio *portfolio;
  char byte = 0;

  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    _exit (10);
  if (write (to_parent, "R", 1) != 1 || read (from_parent, &byte, 1) != 1)
    _exit (11);

  g_free (data->title);
  data->title = g_strdup ("Still mine");
  if (tm_portfolio_add_task (portfolio, data, &error) == NULL)
    _exit (12);
  tm_portfolio_close (portfolio);
  _exit (0);
}

static void
test_save_copy_onto_open_other_process (Fixture       *fixture,
                                        gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "source.taskmap");
  g_autofree char *other_path = fixture_path (fixture, "open-elsewhere.taskmap");
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *check = NULL;
  TmPortfolio *portfolio;
  TmPortfolio *other;
  int to_parent[2], from_parent[2];
  int status = 0;
  gboolean ok;
  char byte = 0;
  pid_t pid;

  other = create_portfolio (other_path, TM_COUNTRY_NO, "Annen");
  add_task (other, "Mine");
  close_portfolio (other);

  g_assert_cmpint (pipe (to_parent), ==, 0);
  g_assert_cmpint (pipe (from_parent), ==, 0);
  fflush (stdout);
  fflush (stderr);
  /* No connection to either file crosses the fork. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    child_hold_open (other_path, to_parent[1], from_parent[0]);
  close (to_parent[1]);
  close (from_parent[0]);
  g_assert_cmpint (read (to_parent[0], &byte, 1), ==, 1);

  portfolio = create_portfolio (path, TM_COUNTRY_DK, "Kilde");
  fill_portfolio (portfolio);
  ok = tm_portfolio_save_copy (portfolio, other_file, &error);
  g_test_message ("save_copy onto a portfolio open in another process: %s",
                  ok ? "succeeded" : error->message);
  close_portfolio (portfolio);

  g_assert_cmpint (write (from_parent[1], "G", 1), ==, 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  close (to_parent[0]);
  close (from_parent[1]);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* What the other program saved is in its file. */
  check = sqlite_integrity_check (other_path);
  g_assert_cmpstr (check, ==, "ok");
  other = open_portfolio (other_path);
  g_assert_cmpstr (tm_portfolio_get_unit_name (other), ==, "Annen");
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (other)), ==, 2);
  close_portfolio (other);

  g_assert_false (ok);
  g_assert_nonnull (error);
}

static void
test_save_copy_missing_folder (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *dest = fixture_path (fixture, "no-such-folder/copy.taskmap");
  g_autoptr(GFile) dest_file = g_file_new_for_path (dest);
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;

  portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Afsnit", &error);
  g_assert_no_error (error);
  g_assert_false (tm_portfolio_save_copy (portfolio, dest_file, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "copy.taskmap"));
}

static void
test_create_missing_folder (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "no-such-folder/new.taskmap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;

  portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit", &error);
  g_assert_null (portfolio);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "new.taskmap"));
}

static void
test_refuse_directory (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "folder.taskmap");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  portfolio = tm_portfolio_open (file, &error);
  g_assert_null (portfolio);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "folder.taskmap"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_edit_after_close (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *path = fixture_path (fixture, "closed.taskmap");
  g_autoptr(TmTaskData) data = make_task ("Too late", NULL, TM_LEVEL_ADMIN, 5, 1, TM_PER_DAY);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;
  TmTask *task;

  /* In a child, so that a crash or a critical shows as this test's failure. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  portfolio = create_portfolio (path, TM_COUNTRY_DK, "Afsnit");
  task = add_task (portfolio, "Before closing");
  tm_portfolio_close (portfolio);
  /* Closing twice (dispose closes too) is harmless. */
  tm_portfolio_close (portfolio);

  /* "later edits fail": an error, not a crash and not a silent success. */
  g_assert_null (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
  g_assert_nonnull (error);
  g_object_unref (portfolio);

  portfolio = open_portfolio (path);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 1);
  task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 0);
  g_assert_cmpstr (tm_task_get_title (task), ==, "Before closing");
  g_object_unref (task);
  close_portfolio (portfolio);
}

/* A snapshot is the portfolio as it was when taken, opened in another
 * thread as a read-only portfolio of its own (the report in the window). */
typedef struct {
  TmPortfolioSnapshot *snapshot;
  guint                n_tasks;
  char                *first_title;
  gboolean             read_only;
  gboolean             edit_refused;
  char                *unit;
  double               progress;      /* the last the opening said */
} SnapshotResult;

static void
on_snapshot_progress (double   fraction,
                      gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >, *last);
  *last = fraction;
}

static gpointer
open_snapshot_thread (gpointer data)
{
  SnapshotResult *result = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) copy = tm_portfolio_snapshot_open (result->snapshot, on_snapshot_progress,
                                                                  &result->progress, &error);
  g_autoptr(TmTask) first = NULL;
  g_autoptr(TmTaskData) task = make_task ("Ny opgave", "", TM_LEVEL_ADMIN, 5, 1, TM_PER_DAY);

  g_assert_no_error (error);
  result->n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (copy));
  first = g_list_model_get_item (tm_portfolio_get_tasks (copy), 0);
  result->first_title = g_strdup (tm_task_get_title (first));
  result->read_only = tm_portfolio_is_read_only (copy);
  result->unit = g_strdup (tm_portfolio_get_unit_name (copy));
  result->edit_refused = tm_portfolio_add_task (copy, task, &error) == NULL &&
                         g_error_matches (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY);
  return NULL;
}

static void
test_snapshot (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "snapshot.taskmap", NULL);
  g_autoptr(TmPortfolio) portfolio = create_portfolio (path, TM_COUNTRY_DK, "Afsnit 7");
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTaskData) a = make_task ("Tage telefonen", "", TM_LEVEL_ADMIN, 2, 30, TM_PER_DAY);
  g_autoptr(TmTaskData) b = make_task ("Fjerne madbakker", "", TM_LEVEL_ADMIN, 3, 20, TM_PER_DAY);
  g_autoptr(TmTaskData) renamed = NULL;
  SnapshotResult result = { 0 };
  TmTask *first;
  GThread *thread;

  first = tm_portfolio_add_task (portfolio, a, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tm_portfolio_add_task (portfolio, b, &error));

  result.snapshot = tm_portfolio_take_snapshot (portfolio, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result.snapshot);

  /* Edits after the snapshot are not in it. */
  renamed = tm_task_dup_data (first);
  g_free (renamed->title);
  renamed->title = g_strdup ("Omdøbt");
  g_assert_true (tm_portfolio_update_task (portfolio, first, renamed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tm_portfolio_delete_tasks (portfolio, &first, 1, &error));

  thread = g_thread_new ("snapshot", open_snapshot_thread, &result);
  g_thread_join (thread);

  g_assert_cmpuint (result.n_tasks, ==, 2);
  g_assert_cmpfloat (result.progress, ==, 1.0);
  g_assert_cmpstr (result.first_title, ==, "Tage telefonen");
  g_assert_cmpstr (result.unit, ==, "Afsnit 7");
  g_assert_true (result.read_only);
  g_assert_true (result.edit_refused);
  /* The portfolio itself went on: one task, and its file is not read only. */
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 1);
  g_assert_false (tm_portfolio_is_read_only (portfolio));

  tm_portfolio_snapshot_free (result.snapshot);
  g_free (result.first_title);
  g_free (result.unit);
}

/* Taken in steps (as the report dialog does, so that the window draws): a
 * few pages a step, and what was stored between two steps is in it. */
static void
test_snapshot_in_steps (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "snapshot-steps.taskmap", NULL);
  g_autoptr(TmPortfolio) portfolio = create_portfolio (path, TM_COUNTRY_DK, "Afsnit 8");
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTaskData) renamed = NULL;
  g_autoptr(TmSnapshotJob) job = NULL;
  SnapshotResult result = { 0 };
  TmTask *first = NULL;
  double fraction = 0.0;
  gboolean done = FALSE;
  guint steps = 0;
  GThread *thread;

  /* Some 1,500 pages of 4 KiB. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Opgave %u med en lang titel, så siderne fyldes", i);
      g_autoptr(TmTaskData) d = make_task (title, "Beskrivelse der fylder lidt mere end titlen gør",
                                           TM_LEVEL_ADMIN, 2, 30, TM_PER_DAY);
      TmTask *task = tm_portfolio_add_task (portfolio, d, &error);

      g_assert_no_error (error);
      if (first == NULL)
        first = task;
    }

  job = tm_portfolio_snapshot_begin (portfolio, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job);
  g_assert_true (tm_snapshot_job_step (job, 0, &done, &error));
  g_assert_no_error (error);
  g_assert_false (done);
  steps++;
  fraction = tm_snapshot_job_get_fraction (job);
  g_assert_cmpfloat (fraction, >, 0.0);
  g_assert_cmpfloat (fraction, <, 1.0);

  /* Stored between two steps: in the snapshot. */
  renamed = tm_task_dup_data (first);
  g_free (renamed->title);
  renamed->title = g_strdup ("Omdøbt undervejs");
  g_assert_true (tm_portfolio_update_task (portfolio, first, renamed, NULL, &error));
  g_assert_no_error (error);

  while (!done)
    {
      g_assert_true (tm_snapshot_job_step (job, 0, &done, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (tm_snapshot_job_get_fraction (job), >=, fraction);
      fraction = tm_snapshot_job_get_fraction (job);
      steps++;
    }
  g_assert_cmpuint (steps, >, 3);
  g_assert_cmpfloat (fraction, ==, 1.0);

  result.snapshot = tm_snapshot_job_finish (g_steal_pointer (&job));
  g_assert_nonnull (result.snapshot);
  thread = g_thread_new ("snapshot", open_snapshot_thread, &result);
  g_thread_join (thread);

  g_assert_cmpuint (result.n_tasks, ==, 3000);
  g_assert_cmpstr (result.first_title, ==, "Omdøbt undervejs");
  g_assert_cmpstr (result.unit, ==, "Afsnit 8");
  tm_portfolio_snapshot_free (result.snapshot);
  g_free (result.first_title);
  g_free (result.unit);

  /* One not finished is let go without harm; the portfolio goes on. */
  job = tm_portfolio_snapshot_begin (portfolio, &error);
  g_assert_no_error (error);
  g_assert_true (tm_snapshot_job_step (job, 0, &done, &error));
  g_clear_pointer (&job, tm_snapshot_job_free);
  g_assert_true (tm_portfolio_update_task (portfolio, first, renamed, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/core/store/create-reopen", test_create_reopen);
  ADD ("/core/store/pragmas", test_pragmas);
  ADD ("/core/store/create-exists", test_create_exists);
  /* Forks: before any test that starts GLib's worker threads (trap_subprocess). */
  ADD ("/core/store/save-copy-onto-open-other-process", test_save_copy_onto_open_other_process);
  ADD ("/core/store/refuse/text", test_refuse_text);
  ADD ("/core/store/refuse/short-text", test_refuse_short_text);
  ADD ("/core/store/refuse/foreign-sqlite", test_refuse_foreign_sqlite);
  ADD ("/core/store/refuse/foreign-sqlite-lookalike", test_refuse_foreign_sqlite_tasks_table);
  ADD ("/core/store/refuse/empty", test_refuse_empty);
  ADD ("/core/store/refuse/newer", test_refuse_newer);
  ADD ("/core/store/refuse/damaged", test_refuse_damaged);
  ADD ("/core/store/refuse/damaged-middle", test_refuse_damaged_middle);
  ADD ("/core/store/refuse/truncated", test_refuse_truncated);
  ADD ("/core/store/refuse/missing", test_refuse_missing);
  ADD ("/core/store/lock", test_lock);
  ADD ("/core/store/lock-other-process", test_lock_other_process);
  ADD ("/core/store/lock-kept-after-refusal", test_lock_kept_after_refusal);
  ADD ("/core/store/migrate-from-v1", test_migrate_from_v1);
  ADD ("/core/store/save-copy", test_save_copy);
  ADD ("/core/store/save-copy-overwrites", test_save_copy_overwrites);
  ADD ("/core/store/save-copy-memory", test_save_copy_memory);
  ADD ("/core/store/save-copy-onto-self", test_save_copy_onto_self);
  ADD ("/core/store/save-copy-onto-open", test_save_copy_onto_open);
  ADD ("/core/store/save-copy-missing-folder", test_save_copy_missing_folder);
  ADD ("/core/store/create-missing-folder", test_create_missing_folder);
  ADD ("/core/store/refuse/directory", test_refuse_directory);
  ADD ("/core/store/edit-after-close", test_edit_after_close);
  ADD ("/core/store/snapshot", test_snapshot);
  ADD ("/core/store/snapshot-in-steps", test_snapshot_in_steps);

#undef ADD

  return g_test_run ();
}
