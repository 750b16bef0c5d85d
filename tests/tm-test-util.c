/* tm-test-util.c
 * What the core's test suites share.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tm-test-util.h"
#include "model/tm-task-private.h"

void
tm_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "");
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));
  g_test_init (argc, argv, NULL);
}

void
tm_test_rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          tm_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

void
tm_test_use_clock (gint64 seconds)
{
  if (seconds > 0)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, seconds);

      g_setenv ("SOURCE_DATE_EPOCH", text, TRUE);
    }
  else
    {
      g_unsetenv ("SOURCE_DATE_EPOCH");
    }
}

char *
tm_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
tm_test_write_all (int         fd,
                   const char *line)
{
  gsize length = strlen (line);
  gsize done = 0;

  while (done < length)
    {
      gssize n = write (fd, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (3);
      done += n;
    }
}

gint64
tm_test_real_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
tm_test_data_file (const char *folder,
                   const char *name)
{
  const char *dir = g_getenv ("TASKMAP_TEST_DATA");

  if (dir == NULL)
    return g_test_build_filename (G_TEST_DIST, "data", folder, name, NULL);
  return g_build_filename (dir, folder, name, NULL);
}

char *
tm_test_source_path (const char *first,
                     ...)
{
  const char *root = g_getenv ("TASKMAP_SOURCE_ROOT");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (parts, (gpointer) (root ? root : g_test_get_dir (G_TEST_DIST)));
  if (root == NULL)
    g_ptr_array_add (parts, (gpointer) "..");
  va_start (args, first);
  for (const char *p = first; p != NULL; p = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) p);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  return g_build_filenamev ((char **) parts->pdata);
}

GBytes *
tm_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

TmCsvTable *
tm_test_read_csv_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  TmCsvTable *table = tm_csv_read (text, strlen (text), "test.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

void
tm_test_assert_same_text (const char *expected,
                          const char *actual)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint i;

  if (g_strcmp0 (expected, actual) == 0)
    return;

  a = g_strsplit (expected, "\n", -1);
  b = g_strsplit (actual, "\n", -1);
  for (i = 0; a[i] && b[i]; i++)
    if (!g_str_equal (a[i], b[i]))
      break;

  g_test_message ("first difference at line %u:\n  expected: %s\n  actual:   %s", i + 1,
                  a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
  g_assert_cmpstr (a[i], ==, b[i]);
  g_assert_cmpstr (expected, ==, actual);
}

void
tm_test_assert_contains (const char *haystack,
                         const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

gboolean
tm_test_names_contain (GPtrArray  *names,
                       const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;

  return FALSE;
}

guint
tm_test_line_of (const char *contents,
                 const char *marker)
{
  const char *at = strstr (contents, marker);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *c = contents; c < at; c++)
    if (*c == '\n')
      line++;
  return line;
}

char *
tm_test_benchmark_label (double      share,
                         const char *msgid)
{
  g_autofree char *number = tm_language_format_number (share * 100, 0);
  g_autofree char *percent = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  percent = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s %%"), number);
#pragma GCC diagnostic pop
  return g_strdup_printf ("%s %s", percent, g_dgettext (GETTEXT_PACKAGE, msgid));
}

char *
tm_test_sqlite_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  GString *result = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (result->len > 0)
        g_string_append_c (result, '\n');
      g_string_append (result, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return g_string_free (result, FALSE);
}

char *
tm_test_export_xml (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  char *xml = tm_xml_export_data (portfolio, &length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (xml);
  g_assert_cmpuint (length, ==, strlen (xml));
  g_assert_true (g_utf8_validate (xml, length, NULL));
  return xml;
}

void
tm_test_import_xml (TmPortfolio *portfolio,
                    const char  *xml,
                    const char  *name)
{
  g_autoptr(GError) error = NULL;

  CHECK_OK (tm_xml_import_data (portfolio, xml, strlen (xml), name, &error));
}

void
tm_test_undo (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_portfolio_can_undo (portfolio));
  CHECK_OK (tm_portfolio_undo (portfolio, &error));
}

void
tm_test_redo (TmPortfolio *portfolio)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_portfolio_can_redo (portfolio));
  CHECK_OK (tm_portfolio_redo (portfolio, &error));
}

void
tm_test_set_move (TmPortfolio *portfolio,
                  TmTask      *task,
                  const char  *scenario_id,
                  TmMoveKind   kind,
                  const char  *profession_id,
                  double       share)
{
  g_autoptr(GError) error = NULL;
  TmMove move = { (char *) scenario_id, kind, (char *) profession_id, share };

  CHECK_OK (tm_portfolio_set_move (portfolio, task, scenario_id, &move, &error));
}

TmTask *
tm_test_add_task (TmPortfolio *portfolio,
                  const char  *title,
                  guint        shifts)
{
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  TmTask *task;

  g_free (data->title);
  data->title = g_strdup (title);
  data->level = TM_LEVEL_ADMIN;
  data->complexity = TM_COMPLEXITY_LOW;
  data->minutes = 10;
  data->occurrences = 6;
  data->per = TM_PER_DAY;
  data->shifts = shifts;
  tm_task_data_set_performer (data, "nurse", 100);

  task = tm_portfolio_add_task (portfolio, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

void
tm_test_set_title (TmPortfolio *portfolio,
                   TmTask      *task,
                   const char  *title,
                   const char  *merge_key)
{
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);
  g_autoptr(GError) error = NULL;

  g_free (data->title);
  data->title = g_strdup (title);
  CHECK_OK (tm_portfolio_update_task (portfolio, task, data, merge_key, &error));
}

static void
set_task_timing (TmPortfolio  *portfolio,
                 TmTask       *task,
                 TmLevel       level,
                 TmComplexity  complexity,
                 double        minutes,
                 double        occurrences,
                 TmPer         per)
{
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);
  g_autoptr(GError) error = NULL;

  data->level = level;
  data->complexity = complexity;
  data->minutes = minutes;
  data->occurrences = occurrences;
  data->per = per;
  g_array_set_size (data->performers, 0);
  tm_task_data_set_performer (data, "nurse", 100);
  CHECK_OK (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
}

void
tm_test_set_up_four_tasks (TmPortfolio *portfolio,
                           const char  *scenario_id,
                           TmTask      *tasks[4])
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (tm_test_n_tasks (portfolio), >=, 10);
  for (guint i = 0; i < 4; i++)
    tasks[i] = tm_test_task_at (portfolio, i);

  set_task_timing (portfolio, tasks[0], TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 10, 6, TM_PER_DAY);
  set_task_timing (portfolio, tasks[1], TM_LEVEL_ADMIN, TM_COMPLEXITY_LOW, 30, 4, TM_PER_WEEK);
  set_task_timing (portfolio, tasks[2], TM_LEVEL_BOUNDED_CLINICAL, TM_COMPLEXITY_MODERATE, 15, 2, TM_PER_DAY);
  set_task_timing (portfolio, tasks[3], TM_LEVEL_COORDINATION, TM_COMPLEXITY_VARIES, 6, 10, TM_PER_WEEK);

  /* The other tasks: no time, no move in this scenario. */
  for (guint i = 4; i < tm_test_n_tasks (portfolio); i++)
    {
      TmTask *task = tm_test_task_at (portfolio, i);
      g_autoptr(TmTaskData) data = tm_task_dup_data (task);

      data->minutes = TM_NOT_ESTIMATED;
      data->occurrences = TM_NOT_ESTIMATED;
      CHECK_OK (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
      CHECK_OK (tm_portfolio_set_move (portfolio, task, scenario_id, NULL, &error));
      g_assert_cmpfloat (tm_task_get_hours_per_week (task), <, 0);
    }

  tm_test_set_move (portfolio, tasks[0], scenario_id, TM_MOVE_TO_PROFESSION, "runner", 50);
  tm_test_set_move (portfolio, tasks[1], scenario_id, TM_MOVE_TECHNOLOGY, NULL, 100);
  tm_test_set_move (portfolio, tasks[2], scenario_id, TM_MOVE_TO_PROFESSION, "ssa", 100);
}

char *
tm_test_describe_entries (GPtrArray *entries)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|%s|%s\n", e->when,
                              e->who, e->task_uuid, e->task_title, e->scenario_id, e->profession_id,
                              e->field, e->old_value, e->new_value);
    }
  return g_string_free (text, FALSE);
}

char *
tm_test_describe_history (TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);

  return tm_test_describe_entries (entries);
}

guint
tm_test_history_length (TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);

  return entries->len;
}

guint
tm_test_n_workshops (TmPortfolio *portfolio)
{
  return g_list_model_get_n_items (tm_portfolio_get_workshops (portfolio));
}

TmWorkshopData *
tm_test_workshop_data (const char *date,
                       const char *title)
{
  TmWorkshopData *w = tm_workshop_data_new ();

  g_free (w->date);
  w->date = g_strdup (date);
  g_free (w->title);
  w->title = g_strdup (title);
  return w;
}

TmTask *
tm_test_add_timed_task (TmPortfolio  *portfolio,
                        const char   *unit,
                        const char   *title,
                        TmLevel       level,
                        TmComplexity  complexity,
                        double        minutes,
                        double        occurrences,
                        TmPer         per,
                        ...)
{
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  const char *id;
  TmTask *task;
  va_list args;

  g_free (data->title);
  data->title = g_strdup (title);
  data->level = level;
  data->complexity = complexity;
  data->minutes = minutes;
  data->occurrences = occurrences;
  data->per = per;
  if (unit != NULL)
    {
      g_free (data->unit);
      data->unit = g_strdup (unit);
    }

  va_start (args, per);
  while ((id = va_arg (args, const char *)) != NULL)
    tm_task_data_set_performer (data, id, va_arg (args, double));
  va_end (args);

  task = tm_portfolio_add_task (portfolio, data, &error);
  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

void
tm_test_add_varied_tasks (TmPortfolio *portfolio,
                          guint        n,
                          const char  *scenario_id)
{
  static const char *performers[] = { "nurse", "ssa", "physiotherapist", "physician" };
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(GError) error = NULL;
  guint first = tm_test_n_tasks (portfolio);

  for (guint i = 0; i < n; i++)
    {
      TmTaskData *data = tm_task_data_new ();

      g_free (data->title);
      data->title = g_strdup_printf ("Varied %u", i);
      data->level = i % TM_N_LEVELS;
      data->complexity = (i / TM_N_LEVELS) % TM_N_COMPLEXITIES;
      data->minutes = i % 11 == 0 ? TM_NOT_ESTIMATED : 5 + i % 55;
      data->occurrences = i % 13 == 0 ? TM_NOT_ESTIMATED : 1 + i % 9;
      data->per = i % 4 == 0 ? TM_PER_DAY : i % 4 == 1 ? TM_PER_WEEK : TM_PER_MONTH;
      if (i % 5 != 0)
        tm_task_data_set_performer (data, performers[i % 4], i % 7 == 0 ? 0 : 10 + i % 90);
      if (i % 3 == 0)
        tm_task_data_set_performer (data, performers[(i + 1) % 4], i % 7 == 0 ? 0 : 5 + i % 40);
      g_ptr_array_add (tasks, data);
    }
  g_assert_true (tm_portfolio_add_tasks (portfolio, tasks, &error));
  g_assert_no_error (error);

  for (guint i = 0; scenario_id != NULL && i < n; i += 3)
    {
      TmTask *task = tm_test_task_at (portfolio, first + i);
      TmMoveKind kind = (i / 3) % 5 == 3 ? TM_MOVE_TECHNOLOGY
                      : (i / 3) % 5 == 4 ? TM_MOVE_STOP : TM_MOVE_TO_PROFESSION;

      tm_test_set_move (portfolio, task, scenario_id, kind,
                        kind == TM_MOVE_TO_PROFESSION ? performers[(i / 3) % 3 + 1] : NULL,
                        i % 2 == 0 ? 100 : 40);
    }
}

char *
tm_test_pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return g_steal_pointer (&out);
}

TmPortfolio *
tm_test_new_portfolio (TmCountry   country,
                       const char *unit)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_portfolio_create (NULL, country, unit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  return portfolio;
}

TmPortfolio *
tm_test_new_example (TmCountry country)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_example_create (NULL, country, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 42);
  return portfolio;
}

guint
tm_test_n_tasks (TmPortfolio *portfolio)
{
  return g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio));
}

TmTask *
tm_test_task_at (TmPortfolio *portfolio,
                 guint        position)
{
  g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), position);

  g_assert_nonnull (task);
  return task;
}

TmTask *
tm_test_find_task (TmPortfolio *portfolio,
                   const char  *title)
{
  for (guint i = 0; i < tm_test_n_tasks (portfolio); i++)
    {
      TmTask *task = tm_test_task_at (portfolio, i);

      if (g_strcmp0 (tm_task_get_title (task), title) == 0)
        return task;
    }
  return NULL;
}

TmTask *
tm_test_get_task (TmPortfolio *portfolio,
                  const char  *title)
{
  TmTask *task = tm_test_find_task (portfolio, title);

  if (task == NULL)
    {
      g_test_message ("no task “%s”", title);
      g_assert_not_reached ();
    }
  return task;
}

TmMoveStatus
tm_test_status_of (TmTask     *task,
                   const char *scenario_id)
{
  const TmMoveReview *review = tm_task_data_get_review (tm_task_peek_data (task), scenario_id);

  return review != NULL ? tm_move_review_get_status (review) : TM_STATUS_PROPOSED;
}

const char *
tm_test_scenario_id_at (TmPortfolio *portfolio,
                        guint        position)
{
  g_autoptr(TmScenario) scenario = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), position);

  g_assert_nonnull (scenario);
  return tm_scenario_get_id (scenario);
}

static void
on_items_changed (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  TmTestWatch *watch)
{
  TmTestChange change = { position, removed, added };

  g_array_append_val (watch->changes, change);

  g_assert_cmpuint (position + removed, <=, watch->shadow->len);
  g_ptr_array_remove_range (watch->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watch->shadow, position + i, g_list_model_get_item (model, position + i));

  /* The model has already changed when it says so. */
  g_assert_cmpuint (watch->shadow->len, ==, g_list_model_get_n_items (model));

  /* And holds each item once, at every step (a list view shows rows of
   * the same item twice otherwise, and GTK complains). */
  {
    g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < watch->shadow->len; i++)
      if (!g_hash_table_add (seen, g_ptr_array_index (watch->shadow, i)))
        g_error ("an item twice in the model, at %u, after items-changed (%u, %u, %u)",
                 i, position, removed, added);
  }
}

TmTestWatch *
tm_test_watch_new (GListModel *model)
{
  TmTestWatch *watch = g_new0 (TmTestWatch, 1);

  watch->model = g_object_ref (model);
  watch->shadow = g_ptr_array_new_with_free_func (g_object_unref);
  watch->changes = g_array_new (FALSE, FALSE, sizeof (TmTestChange));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (watch->shadow, g_list_model_get_item (model, i));
  watch->handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), watch);

  return watch;
}

void
tm_test_watch_verify (TmTestWatch *watch)
{
  g_assert_cmpuint (watch->shadow->len, ==, g_list_model_get_n_items (watch->model));
  for (guint i = 0; i < watch->shadow->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (watch->model, i);
      g_assert_true (item == g_ptr_array_index (watch->shadow, i));
    }
}

void
tm_test_watch_reset (TmTestWatch *watch)
{
  g_array_set_size (watch->changes, 0);
}

void
tm_test_watch_assert_single (TmTestWatch *watch,
                             guint        position,
                             guint        removed,
                             guint        added)
{
  TmTestChange *change;

  g_assert_cmpuint (watch->changes->len, ==, 1);
  change = &g_array_index (watch->changes, TmTestChange, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

void
tm_test_watch_free (TmTestWatch *watch)
{
  tm_test_watch_verify (watch);
  g_signal_handler_disconnect (watch->model, watch->handler);
  g_object_unref (watch->model);
  g_ptr_array_unref (watch->shadow);
  g_array_unref (watch->changes);
  g_free (watch);
}

GPtrArray *
tm_test_snapshot_tasks (TmPortfolio *portfolio)
{
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);

  for (guint i = 0; i < tm_test_n_tasks (portfolio); i++)
    g_ptr_array_add (ret, tm_task_dup_data (tm_test_task_at (portfolio, i)));

  return ret;
}

void
tm_test_assert_tasks (GPtrArray   *expected,
                      TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) actual = tm_test_snapshot_tasks (portfolio);

  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      const TmTaskData *a = g_ptr_array_index (expected, i);
      const TmTaskData *b = g_ptr_array_index (actual, i);

      g_assert_cmpstr (a->uuid, ==, b->uuid);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_true (tm_task_data_equal (a, b));
    }
}

GPtrArray *
tm_test_snapshot_professions (TmPortfolio *portfolio)
{
  GListModel *model = tm_portfolio_get_professions (portfolio);
  GPtrArray *ret = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_profession_state_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (model, i);

      g_ptr_array_add (ret, _tm_profession_state_new (p));
    }

  return ret;
}

void
tm_test_assert_professions (GPtrArray   *expected,
                            TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) actual = tm_test_snapshot_professions (portfolio);

  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      TmProfessionState *a = g_ptr_array_index (expected, i);
      TmProfessionState *b = g_ptr_array_index (actual, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->name_en, ==, b->name_en);
      g_assert_cmpint (a->authorised, ==, b->authorised);
      g_assert_cmpint (a->unskilled, ==, b->unskilled);
      g_assert_cmpint (a->hidden, ==, b->hidden);
      g_assert_cmpint (a->builtin, ==, b->builtin);
    }
}
