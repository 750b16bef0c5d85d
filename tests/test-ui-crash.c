/* test-ui-crash.c
 * Crash safety in the window: a copy of this program opens a portfolio file
 * in a window on the display (Xvfb in CI), types into it with real keys or
 * imports a large spreadsheet through the import dialog, and reports every
 * edit the portfolio commits; the test kills it with SIGKILL at chosen
 * moments. Every edit reported before the kill must be in the file, the file
 * must pass SQLite's integrity check and open in Taskmap again, the tasks it
 * had must be unchanged, and an import must be there entirely or not at all.
 *
 * The child's report lines (one write() each, so a line is never torn):
 *   R  n_tasks                                    the window is up
 *   P  uuid field value                           the next keys should store this
 *   C  uuid title minutes occurrences per count   a task's edit was committed
 *   S  wal_size db_size n_tasks                   the import is about to run
 *   M  position removed added n_items             the task list changed
 *   D  n_tasks                                    the import returned
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-crash"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tm-core.h"
#include "exchange/tm-xml.h"
#include "dialogs/tm-import-dialog.h"
#include "tm-window-private.h"
#include "tm-test-ui.h"
#include "tm-test-util.h"

#define CHILD_ENV        "TASKMAP_CRASH_CHILD"
#define CHILD_FILE_ENV   "TASKMAP_CRASH_FILE"
#define CHILD_CSV_ENV    "TASKMAP_CRASH_CSV"
#define CHILD_SEED_ENV   "TASKMAP_CRASH_SEED"

#define N_IMPORT_ROWS    20000
/* Seconds a child may take from its start to the kill. */
#define RUN_TIMEOUT      40

static char *self_path;

/* ---------------------------------------------------------------------- */
/* The child: a window on the portfolio, driven with real keys.            */

static int report_fd = -1;

static void
report (const char *format,
        ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  /* One write per line: a pipe write this small is atomic. */
  tm_test_write_all (report_fd, line);
}

static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
}

/* After the transaction committed: the portfolio updates its memory and
 * announces the change only then (tm-portfolio.c, commit_changes_full()). */
static void
on_task_changed (TmPortfolio *portfolio,
                 TmTask      *task)
{
  g_autofree char *title = g_strescape (tm_task_get_title (task), NULL);
  g_autofree char *minutes = format_double (tm_task_get_minutes (task));
  g_autofree char *occurrences = format_double (tm_task_get_occurrences (task));

  report ("C\t%s\t%s\t%s\t%s\t%d\t%" G_GUINT64_FORMAT "\n",
          tm_task_get_uuid (task), title, minutes, occurrences, (int) tm_task_get_per (task),
          tm_portfolio_get_edit_count (portfolio));
}

static void
on_tasks_changed (GListModel *tasks,
                  guint       position,
                  guint       removed,
                  guint       added)
{
  report ("M\t%u\t%u\t%u\t%u\n", position, removed, added, g_list_model_get_n_items (tasks));
}

static void
plan (TmTask     *task,
      const char *field,
      const char *value)
{
  g_autofree char *escaped = g_strescape (value, NULL);

  report ("P\t%s\t%s\t%s\n", tm_task_get_uuid (task), field, escaped);
}

/* A few letters typed at the end of the title in the task editor: each key
 * is stored as it is typed. */
static void
child_type_title (TmWindow *window,
                  TmTask   *task,
                  GRand    *rand)
{
  TmTaskEditor *editor = _tm_window_get_editor (window);
  GtkWidget *entry = tm_task_editor_get_field (editor, "title");
  guint n = g_rand_int_range (rand, 2, 6);
  GtkWidget *focus;

  TM_WAIT_FOR (tm_task_editor_get_task (editor) == task);
  tm_task_editor_focus_title (editor);
  /* The entry's text widget has the focus. */
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "End"));

  for (guint i = 0; i < n; i++)
    {
      char key[2] = { (char) ('a' + g_rand_int_range (rand, 0, 26)), '\0' };
      g_autofree char *expected = g_strconcat (tm_task_get_title (task), key, NULL);

      plan (task, "title", expected);
      g_assert_true (tm_test_type_keys (GTK_WIDGET (window), key));
      TM_WAIT_FOR (g_strcmp0 (tm_task_get_title (task), expected) == 0);
    }
}

static int
random_other (GRand *rand,
              int    low,
              int    high,
              double current)
{
  int value;

  do
    value = g_rand_int_range (rand, low, high);
  while (value == current);
  return value;
}

/* A row timed in the list, as in test-ui-timing.c: a digit starts the
 * minutes, Tab stores them and goes to the times, Tab to the period, Enter
 * stores it and goes to the next row, where Escape stops. */
static void
child_time_row (TmWindow *window,
                guint     position,
                GRand    *rand)
{
  TmCellEditor *cells = _tm_window_get_cell_editor (window);
  TmTask *task = tm_test_row_task (window, position);
  int minutes = random_other (rand, 1, 100, tm_task_get_minutes (task));
  int times = random_other (rand, 1, 10, tm_task_get_occurrences (task));
  int per = random_other (rand, 0, TM_N_PERS, tm_task_get_per (task));
  g_autofree char *minutes_text = g_strdup_printf ("%d", minutes);
  g_autofree char *times_text = g_strdup_printf ("%d", times);
  g_autofree char *per_text = g_strdup_printf ("%d", per);
  g_autofree char *minutes_keys = NULL;
  g_autofree char *keys = NULL;

  gtk_widget_grab_focus (GTK_WIDGET (_tm_window_get_column_view (window)));
  tm_test_spin (30);
  g_assert_false (tm_cell_editor_is_editing (cells));

  minutes_keys = minutes >= 10 ? g_strdup_printf ("%d %d Tab", minutes / 10, minutes % 10)
                               : g_strdup_printf ("%d Tab", minutes);
  plan (task, "minutes", minutes_text);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), minutes_keys));
  TM_WAIT_FOR (tm_task_get_minutes (task) == minutes);
  g_assert_cmpint (tm_cell_editor_get_kind (cells), ==, TM_CELL_TIMES);

  keys = g_strdup_printf ("%d Tab", times);
  plan (task, "occurrences", times_text);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), keys));
  TM_WAIT_FOR (tm_task_get_occurrences (task) == times);
  g_assert_cmpint (tm_cell_editor_get_kind (cells), ==, TM_CELL_PER);
  g_free (keys);

  keys = g_strdup_printf ("%d Return", per + 1);
  plan (task, "per", per_text);
  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), keys));
  TM_WAIT_FOR ((int) tm_task_get_per (task) == per);

  g_assert_true (tm_test_type_keys (GTK_WIDGET (window), "Escape"));
  g_assert_false (tm_cell_editor_is_editing (cells));
}

/* Typing until killed; only the first @n_rows rows (the tasks the file had). */
static void
child_type (TmWindow *window,
            guint     n_rows,
            GRand    *rand)
{
  GtkSingleSelection *selection = _tm_window_get_selection (window);

  g_assert_cmpuint (n_rows, >=, 2);
  for (guint step = 0; step < 400; step++)
    {
      /* Not the last row: Enter after the period goes to the next one. */
      guint position = g_rand_int_range (rand, 0, n_rows - 1);

      TM_WAIT_FOR (tm_test_models_settled (window));
      gtk_single_selection_set_selected (selection, position);
      tm_test_spin (30);
      if (step % 2 == 0)
        child_type_title (window, tm_test_row_task (window, position), rand);
      else
        child_time_row (window, position, rand);
    }
}

/* The sizes of the log a transaction writes (SQLite's WAL, or a rollback
 * journal should the portfolio ever use one) and of the database file. */
static void
file_sizes (const char *path,
            gint64     *log_size,
            gint64     *db_size)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  GStatBuf buf;

  *log_size = g_stat (wal, &buf) == 0 ? (gint64) buf.st_size : 0;
  *log_size += g_stat (journal, &buf) == 0 ? (gint64) buf.st_size : 0;
  *db_size = g_stat (path, &buf) == 0 ? (gint64) buf.st_size : 0;
}

/* The spreadsheet through File → Import's path: read in a worker thread,
 * then the import dialog's Import. */
static void
child_import (TmWindow    *window,
              TmPortfolio *portfolio,
              const char  *path,
              const char  *csv_path)
{
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  TmImportDialog *dialog;
  gint64 wal_size, db_size;

  _tm_window_import_file (window, csv);
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) != NULL);
  dialog = TM_IMPORT_DIALOG (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG));
  tm_test_wait_drawn (GTK_WIDGET (dialog));

  g_assert_cmpuint (gtk_drop_down_get_selected (_tm_import_dialog_get_field_drop_down (dialog, 0)), ==,
                    TM_CSV_FIELD_TITLE);
  g_assert_cmpuint (gtk_drop_down_get_selected (_tm_import_dialog_get_field_drop_down (dialog, 1)), ==,
                    TM_CSV_FIELD_MINUTES);
  g_assert_cmpuint (gtk_drop_down_get_selected (_tm_import_dialog_get_field_drop_down (dialog, 2)), ==,
                    TM_CSV_FIELD_OCCURRENCES);
  g_assert_true (_tm_import_dialog_can_import (dialog));

  file_sizes (path, &wal_size, &db_size);
  report ("S\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%u\n", wal_size, db_size,
          g_list_model_get_n_items (tasks));
  g_assert_true (_tm_import_dialog_import (dialog));
  /* 20,000 rows: checked in steps by the dialog, written in steps by the window. */
  TM_WAIT_FOR (tm_test_find_toplevel (TM_TYPE_IMPORT_DIALOG) == NULL && !_tm_window_is_importing (window));
  report ("D\t%u\n", g_list_model_get_n_items (tasks));
}

G_GNUC_NORETURN static void
child_main (int    argc,
            char **argv)
{
  const char *mode = g_getenv (CHILD_ENV);
  const char *path = g_getenv (CHILD_FILE_ENV);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;
  TmWindow *window;
  GRand *rand;
  guint n_rows;
  int status = 0;

  /* The reports get the real stdout; anything else printed goes to stderr. */
  report_fd = dup (STDOUT_FILENO);
  dup2 (STDERR_FILENO, STDOUT_FILENO);

  if (!tm_test_ui_try_init (&argc, &argv, &status))
    _exit (status != 0 ? status : 4);

  g_assert_nonnull (path);
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (g_getenv (CHILD_SEED_ENV), NULL, 10));
  file = g_file_new_for_path (path);
  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_false (tm_portfolio_is_read_only (portfolio));
  n_rows = g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio));

  g_signal_connect (portfolio, "task-changed", G_CALLBACK (on_task_changed), NULL);
  g_signal_connect (tm_portfolio_get_tasks (portfolio), "items-changed", G_CALLBACK (on_tasks_changed), NULL);

  window = tm_test_make_window (portfolio, 1280, 800);
  TM_WAIT_FOR (tm_test_models_settled (window));
  report ("R\t%u\n", n_rows);

  if (g_strcmp0 (mode, "import") == 0)
    {
      child_import (window, portfolio, path, g_getenv (CHILD_CSV_ENV));
      TM_WAIT_FOR (tm_test_models_settled (window));
    }
  else
    {
      g_assert_cmpstr (mode, ==, "typing");
    }

  child_type (window, n_rows, rand);

  /* Not killed: the parent says so. */
  _exit (0);
}

/* ---------------------------------------------------------------------- */
/* The parent: runs the child, kills it, and checks the file.              */

typedef enum {
  KILL_AFTER_EDITS,     /* a moment after n_edits committed edits */
  KILL_AT_START,        /* when the import is about to run */
  KILL_AT_WAL,          /* when a transaction writes the log (the import's, a typed edit's) */
  KILL_AT_DB,           /* when the log is copied into the file (checkpoint) */
} KillAt;

static const char * const kill_names[] = {
  "after edits", "at the import's start", "while the log is written", "at the checkpoint",
};

typedef struct {
  GPtrArray *lines;
  gboolean   killed_early;    /* before the child reported the import */
  gint64     kill_delay_us;   /* from the trigger to the kill */
  gint64     commit_us;       /* from the log's growth to the import's report, -1: not seen */
  gint64     start_us;        /* from the import's start to its report, -1: not seen */
  gint64     wal_at_kill;
  gint64     wal_growth;      /* since the moment watched from */
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->lines, g_ptr_array_unref);
}

static gboolean
line_is (const char *line,
         char        kind)
{
  return line[0] == kind && line[1] == '\t';
}

typedef struct {
  KillAt  kill_at;
  guint   n_edits;       /* KILL_AFTER_EDITS; KILL_AT_WAL while typing: edits first */
  gint64  jitter_us;     /* from the moment to the kill */
  gint64  wal_bytes;     /* KILL_AT_WAL: how far the log grows first */
} KillPlan;

/* Runs the child on @path and kills it as @kp says; collects every line it
 * reported before it died. */
static void
run_child (const char     *path,
           const char     *csv_path,
           const char     *config_dir,
           const char     *mode,
           const KillPlan *kp,
           RunResult      *result)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int ());
  gboolean importing = g_str_equal (mode, "import");
  GPollableInputStream *out;
  gint64 deadline = g_get_monotonic_time () + RUN_TIMEOUT * G_USEC_PER_SEC;
  gint64 kill_time = -1, trigger_time = -1, growth_time = -1, start_time = -1;
  /* The sizes of the log and the file the growth is measured from. */
  gint64 start_wal = -1, start_db = -1;
  guint n_changes = 0;
  gboolean killed = FALSE, import_reported = FALSE, eof = FALSE;

  memset (result, 0, sizeof *result);
  result->lines = g_ptr_array_new_with_free_func (g_free);
  result->commit_us = -1;
  result->start_us = -1;

  g_subprocess_launcher_setenv (launcher, CHILD_ENV, mode, TRUE);
  g_subprocess_launcher_setenv (launcher, CHILD_FILE_ENV, path, TRUE);
  g_subprocess_launcher_setenv (launcher, CHILD_SEED_ENV, seed, TRUE);
  if (csv_path != NULL)
    g_subprocess_launcher_setenv (launcher, CHILD_CSV_ENV, csv_path, TRUE);
  g_subprocess_launcher_setenv (launcher, "TASKMAP_NO_NAME_PROMPT", "1", TRUE);
  /* Column mappings remembered by the import stay in the test's own folder. */
  g_subprocess_launcher_setenv (launcher, "TASKMAP_CONFIG_DIR", config_dir, TRUE);

  child = g_subprocess_launcher_spawn (launcher, &error, self_path, NULL);
  g_assert_no_error (error);
  g_assert_true (G_IS_POLLABLE_INPUT_STREAM (g_subprocess_get_stdout_pipe (child)));
  out = G_POLLABLE_INPUT_STREAM (g_subprocess_get_stdout_pipe (child));

  while (!eof)
    {
      char chunk[4096];
      char *newline;
      gssize n;
      gint64 now;

      n = g_pollable_input_stream_read_nonblocking (out, chunk, sizeof chunk, NULL, &error);
      if (n < 0)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
          g_clear_error (&error);
        }
      else if (n == 0)
        eof = TRUE;
      else
        g_string_append_len (buffer, chunk, n);

      while ((newline = strchr (buffer->str, '\n')) != NULL)
        {
          char *line = g_strndup (buffer->str, newline - buffer->str);

          g_string_erase (buffer, 0, newline - buffer->str + 1);
          g_ptr_array_add (result->lines, line);
          now = g_get_monotonic_time ();

          if (line_is (line, 'C'))
            n_changes++;
          else if ((line_is (line, 'M') || line_is (line, 'D')) && !import_reported)
            {
              import_reported = TRUE;
              if (growth_time >= 0)
                result->commit_us = now - growth_time;
              if (start_time >= 0)
                result->start_us = now - start_time;
            }
          else if (line_is (line, 'S'))
            {
              g_auto(GStrv) parts = g_strsplit (line, "\t", -1);

              /* The child's sizes, from just before it started. */
              g_assert_cmpuint (g_strv_length (parts), ==, 4);
              start_wal = g_ascii_strtoll (parts[1], NULL, 10);
              start_db = g_ascii_strtoll (parts[2], NULL, 10);
              start_time = now;
              if (kp->kill_at == KILL_AT_START && kill_time < 0)
                {
                  trigger_time = now;
                  kill_time = now + kp->jitter_us;
                }
            }
          else if (line_is (line, 'P') && !importing && kp->kill_at == KILL_AT_WAL &&
                   start_wal < 0 && n_changes >= kp->n_edits)
            {
              /* The keys of this edit are typed 50 ms after it is planned:
               * the log grows with its commit. */
              file_sizes (path, &start_wal, &start_db);
            }

          if (kp->kill_at == KILL_AFTER_EDITS && kill_time < 0 && n_changes >= kp->n_edits)
            {
              trigger_time = now;
              kill_time = now + kp->jitter_us;
            }
          /* The moment waited for passed unseen (no checkpoint, say): now. */
          if (importing && (kp->kill_at == KILL_AT_WAL || kp->kill_at == KILL_AT_DB) &&
              kill_time < 0 && import_reported)
            {
              g_test_message ("  the import was reported before the %s grew",
                              kp->kill_at == KILL_AT_WAL ? "log" : "file");
              trigger_time = kill_time = now;
            }
        }

      if (eof && !killed)
        {
          const char *last = result->lines->len > 0
                             ? g_ptr_array_index (result->lines, result->lines->len - 1) : "(none)";

          g_subprocess_wait (child, NULL, NULL);
          g_error ("The child ended (%s %d) before it was killed, after %u lines; the last: %s",
                   g_subprocess_get_if_signaled (child) ? "signal" : "status",
                   g_subprocess_get_if_signaled (child) ? g_subprocess_get_term_sig (child)
                                                        : g_subprocess_get_exit_status (child),
                   result->lines->len, last);
        }

      now = g_get_monotonic_time ();
      if (!killed && start_wal >= 0 && !import_reported && (growth_time < 0 || kill_time < 0))
        {
          gint64 wal_size, db_size;

          file_sizes (path, &wal_size, &db_size);
          if (growth_time < 0 && wal_size > start_wal)
            growth_time = now;
          if (kill_time < 0 &&
              ((kp->kill_at == KILL_AT_WAL && wal_size > start_wal + kp->wal_bytes) ||
               (kp->kill_at == KILL_AT_DB && db_size > start_db)))
            {
              trigger_time = now;
              kill_time = now + kp->jitter_us;
            }
        }

      if (!killed && kill_time >= 0 && now >= kill_time)
        {
          gint64 db_size;

          g_subprocess_send_signal (child, SIGKILL);
          killed = TRUE;
          result->killed_early = !import_reported;
          result->kill_delay_us = now - trigger_time;
          file_sizes (path, &result->wal_at_kill, &db_size);
          result->wal_growth = result->wal_at_kill - MAX (start_wal, 0);
        }

      if (!killed && now > deadline)
        {
          g_subprocess_force_exit (child);
          g_subprocess_wait (child, NULL, NULL);
          g_error ("The child was not at its kill point after %d s (%u lines, %u edits)",
                   RUN_TIMEOUT, result->lines->len, n_changes);
        }

      if (n < 0)
        g_usleep (killed ? 1000 : 200);
    }

  g_assert_true (g_subprocess_wait (child, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  /* Every report is one write: no half line. */
  g_assert_cmpuint (buffer->len, ==, 0);
}

/* What the file should hold: the tasks it had, with the reported edits. */
typedef struct {
  GHashTable *tasks;   /* uuid → TmTaskData */
  GPtrArray  *order;   /* their uuids, in catalogue order */
} Expected;

static void
expected_clear (Expected *expected)
{
  g_clear_pointer (&expected->tasks, g_hash_table_unref);
  g_clear_pointer (&expected->order, g_ptr_array_unref);
}

static void
expected_read (Expected   *expected,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_portfolio_open (file, &error);
  GListModel *tasks;

  g_assert_no_error (error);
  expected->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) tm_task_data_free);
  expected->order = g_ptr_array_new_with_free_func (g_free);
  tasks = tm_portfolio_get_tasks (portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      g_hash_table_insert (expected->tasks, g_strdup (tm_task_get_uuid (task)), tm_task_dup_data (task));
      g_ptr_array_add (expected->order, g_strdup (tm_task_get_uuid (task)));
    }
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);
}

/* What the child said. */
typedef struct {
  guint     n_edits;
  gboolean  import_started;
  gboolean  import_reported;
  guint     import_added;
  /* The last edit planned; "done" once its commit was reported. */
  char     *plan_uuid;
  char     *plan_field;
  char     *plan_value;
  gboolean  plan_done;
} Reports;

static void
reports_clear (Reports *reports)
{
  g_clear_pointer (&reports->plan_uuid, g_free);
  g_clear_pointer (&reports->plan_field, g_free);
  g_clear_pointer (&reports->plan_value, g_free);
}

static gboolean
plan_holds (const TmTaskData *data,
            const char       *field,
            const char       *value)
{
  if (g_str_equal (field, "title"))
    return g_strcmp0 (data->title, value) == 0;
  if (g_str_equal (field, "minutes"))
    return data->minutes == g_ascii_strtod (value, NULL);
  if (g_str_equal (field, "occurrences"))
    return data->occurrences == g_ascii_strtod (value, NULL);
  g_assert_cmpstr (field, ==, "per");
  return (int) data->per == (int) g_ascii_strtoll (value, NULL, 10);
}

static void
plan_apply (TmTaskData *data,
            const char *field,
            const char *value)
{
  if (g_str_equal (field, "title"))
    {
      g_free (data->title);
      data->title = g_strdup (value);
    }
  else if (g_str_equal (field, "minutes"))
    data->minutes = g_ascii_strtod (value, NULL);
  else if (g_str_equal (field, "occurrences"))
    data->occurrences = g_ascii_strtod (value, NULL);
  else
    data->per = (TmPer) g_ascii_strtoll (value, NULL, 10);
}

/* Applies the child's reports to @expected, checking that they tell a
 * consistent story: every commit is the edit the keys were typed for, one
 * commit per planned edit, the import in one piece. */
static void
apply_reports (Expected  *expected,
               GPtrArray *lines,
               Reports   *reports)
{
  guint64 last_count = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_auto(GStrv) parts = g_strsplit (line, "\t", -1);
      guint n_parts = g_strv_length (parts);

      if (line_is (line, 'R'))
        {
          g_assert_cmpuint (n_parts, ==, 2);
          g_assert_cmpuint (g_ascii_strtoull (parts[1], NULL, 10), ==, expected->order->len);
        }
      else if (line_is (line, 'P'))
        {
          g_assert_cmpuint (n_parts, ==, 4);
          /* The edit planned before was committed and reported. */
          g_assert_true (reports->plan_uuid == NULL || reports->plan_done);
          reports_clear (reports);
          reports->plan_uuid = g_strdup (parts[1]);
          reports->plan_field = g_strdup (parts[2]);
          reports->plan_value = g_strcompress (parts[3]);
          reports->plan_done = FALSE;
          g_assert_true (g_hash_table_contains (expected->tasks, reports->plan_uuid));
        }
      else if (line_is (line, 'C'))
        {
          TmTaskData *data;
          guint64 count;

          g_assert_cmpuint (n_parts, ==, 7);
          /* Each commit is the one edit the keys were typed for. */
          g_assert_nonnull (reports->plan_uuid);
          g_assert_false (reports->plan_done);
          g_assert_cmpstr (parts[1], ==, reports->plan_uuid);
          data = g_hash_table_lookup (expected->tasks, parts[1]);
          g_assert_nonnull (data);

          g_free (data->title);
          data->title = g_strcompress (parts[2]);
          data->minutes = g_ascii_strtod (parts[3], NULL);
          data->occurrences = g_ascii_strtod (parts[4], NULL);
          data->per = (TmPer) g_ascii_strtoll (parts[5], NULL, 10);
          g_assert_true (plan_holds (data, reports->plan_field, reports->plan_value));
          reports->plan_done = TRUE;

          count = g_ascii_strtoull (parts[6], NULL, 10);
          g_assert_cmpuint (count, >, last_count);
          last_count = count;
          reports->n_edits++;
        }
      else if (line_is (line, 'S'))
        {
          g_assert_cmpuint (n_parts, ==, 4);
          g_assert_cmpuint (g_ascii_strtoull (parts[3], NULL, 10), ==, expected->order->len);
          g_assert_false (reports->import_started);
          reports->import_started = TRUE;
        }
      else if (line_is (line, 'M'))
        {
          g_assert_cmpuint (n_parts, ==, 5);
          /* Tasks are only ever added, by the import, at the end. */
          g_assert_true (reports->import_started);
          g_assert_cmpuint (g_ascii_strtoull (parts[1], NULL, 10), ==,
                            expected->order->len + reports->import_added);
          g_assert_cmpuint (g_ascii_strtoull (parts[2], NULL, 10), ==, 0);
          reports->import_added += g_ascii_strtoull (parts[3], NULL, 10);
          g_assert_cmpuint (g_ascii_strtoull (parts[4], NULL, 10), ==,
                            expected->order->len + reports->import_added);
          reports->import_reported = TRUE;
        }
      else if (line_is (line, 'D'))
        {
          g_assert_cmpuint (n_parts, ==, 2);
          g_assert_true (reports->import_started);
          g_assert_cmpuint (reports->import_added, ==, N_IMPORT_ROWS);
          g_assert_cmpuint (g_ascii_strtoull (parts[1], NULL, 10), ==,
                            expected->order->len + N_IMPORT_ROWS);
          reports->import_reported = TRUE;
        }
      else
        {
          g_error ("An unknown line from the child: %s", line);
        }
    }
}

/* PRAGMA integrity_check and foreign_key_check of @path; the number of tasks. */
static guint
check_sqlite (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *integrity = NULL;
  guint n_tasks;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);

  integrity = tm_test_sqlite_integrity (db);
  g_assert_cmpstr (integrity, ==, "ok");

  /* No performer, assessment or history row of a task that is not there. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, TM_STORE_APPLICATION_ID);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM tasks", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n_tasks = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return n_tasks;
}

/* The files as the kill left them (the database and its log), copied to
 * @dir, so SQLite's own check sees them before Taskmap opens the original. */
static char *
copy_as_left (const char *path,
              const char *dir)
{
  g_autofree char *base = g_path_get_basename (path);
  char *copy = g_build_filename (dir, base, NULL);
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) dest = g_file_new_for_path (to);
      g_autoptr(GError) error = NULL;

      g_unlink (to);
      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  return copy;
}

static char *
import_title (guint row)
{
  return g_strdup_printf ("Imported task %05u", row);
}

static double
import_minutes (guint row)
{
  return 1 + row % 45;
}

static double
import_times (guint row)
{
  return 1 + row % 7;
}

static char *
write_csv (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("Titel;Minutter;Antal pr. uge\r\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "large.csv", NULL);

  for (guint row = 0; row < N_IMPORT_ROWS; row++)
    {
      g_autofree char *title = import_title (row);

      g_string_append_printf (csv, "%s;%g;%g\r\n", title, import_minutes (row), import_times (row));
    }
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  return path;
}

/* Checks the file after a kill against @expected and @reports; returns
 * whether the import is in it. @in_flight: whether the one edit made after
 * the last report is in it. */
static gboolean
check_file (const char     *path,
            const char     *scratch_dir,
            const Expected *expected,
            const Reports  *reports,
            gboolean       *in_flight)
{
  g_autofree char *copy = copy_as_left (path, scratch_dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;
  GListModel *tasks;
  guint n_before = expected->order->len;
  guint n_sql, n_tasks, n_mismatched = 0;
  gboolean imported;

  /* SQLite's own view of the file as the kill left it. */
  n_sql = check_sqlite (copy);

  /* Taskmap opens it: no lock left behind, nothing refused as damaged. */
  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  g_assert_false (tm_portfolio_is_read_only (portfolio));
  tasks = tm_portfolio_get_tasks (portfolio);
  n_tasks = g_list_model_get_n_items (tasks);
  g_assert_cmpuint (n_tasks, ==, n_sql);

  /* The import: all of it or nothing, and all of it once reported. */
  if (n_tasks != n_before && n_tasks != n_before + N_IMPORT_ROWS)
    g_test_message ("  the file has %u tasks: %u before the import, and %u of its %u rows",
                    n_tasks, n_before, n_tasks - MIN (n_tasks, n_before), N_IMPORT_ROWS);
  g_assert_true (n_tasks == n_before || n_tasks == n_before + N_IMPORT_ROWS);
  imported = n_tasks > n_before;
  if (reports->import_reported)
    g_assert_true (imported);
  if (!reports->import_started)
    g_assert_false (imported);

  /* The tasks the file had, in their order, with every reported edit; at
   * most the one edit typed after the last report on top. */
  *in_flight = FALSE;
  for (guint i = 0; i < n_before; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      g_autoptr(TmTaskData) actual = tm_task_dup_data (task);
      const TmTaskData *want = g_hash_table_lookup (expected->tasks, g_ptr_array_index (expected->order, i));

      g_assert_cmpstr (tm_task_get_uuid (task), ==, g_ptr_array_index (expected->order, i));
      if (tm_task_data_equal (want, actual))
        continue;

      g_test_message ("  task %s: expected “%s” %g × %g per %d, found “%s” %g × %g per %d",
                      tm_task_get_uuid (task), want->title, want->minutes, want->occurrences, want->per,
                      actual->title, actual->minutes, actual->occurrences, actual->per);
      n_mismatched++;
      g_assert_nonnull (reports->plan_uuid);
      g_assert_false (reports->plan_done);
      g_assert_cmpstr (tm_task_get_uuid (task), ==, reports->plan_uuid);
      {
        g_autoptr(TmTaskData) planned = tm_task_data_copy (want);

        plan_apply (planned, reports->plan_field, reports->plan_value);
        g_assert_true (tm_task_data_equal (planned, actual));
      }
      *in_flight = TRUE;
    }
  g_assert_cmpuint (n_mismatched, <=, 1);

  /* The imported rows, in the file's order, with their values. */
  for (guint i = n_before; i < n_tasks; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      g_autofree char *title = import_title (i - n_before);

      g_assert_cmpstr (tm_task_get_title (task), ==, title);
      g_assert_cmpfloat (tm_task_get_minutes (task), ==, import_minutes (i - n_before));
      g_assert_cmpfloat (tm_task_get_occurrences (task), ==, import_times (i - n_before));
      g_assert_cmpint (tm_task_get_per (task), ==, TM_PER_WEEK);
      g_assert_false (g_hash_table_contains (expected->tasks, tm_task_get_uuid (task)));
    }

  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);

  /* And as Taskmap left it after opening it. */
  g_assert_cmpuint (check_sqlite (path), ==, n_tasks);

  return imported;
}

static char *
make_example (const char *dir,
              const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_example_create_in_language (file, "en", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), >=, 10);
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);
  return path;
}

/* Typing in the task editor and timing rows in the list, killed after 5
 * edits, then at later random points; each round starts from what the
 * file holds after the last. */
static void
test_kill_while_typing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-ui-crash-XXXXXX", &error);
  g_autofree char *config_dir = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *path = NULL;
  guint n_in_flight = 0;

  g_assert_no_error (error);
  config_dir = g_build_filename (dir, "config", NULL);
  scratch = g_build_filename (dir, "as-left", NULL);
  path = make_example (dir, "typing.taskmap");

  for (guint round = 0; round < 4; round++)
    {
      /* After 5 edits, after a random number of them, inside the commit of
       * an edit (when the log grows), and after more. */
      KillPlan kp = { KILL_AFTER_EDITS, 5, g_test_rand_int_range (0, 250000), 0 };
      Expected expected = { 0 };
      Reports reports = { 0 };
      RunResult result;
      gboolean in_flight;
      gint64 start = g_get_monotonic_time ();

      if (round == 1)
        kp.n_edits = g_test_rand_int_range (6, 16);
      else if (round == 2)
        {
          kp.kill_at = KILL_AT_WAL;
          kp.n_edits = g_test_rand_int_range (3, 12);
          kp.jitter_us = g_test_rand_int_range (0, 3000);
        }
      else if (round == 3)
        kp.n_edits = g_test_rand_int_range (16, 26);

      expected_read (&expected, path);
      run_child (path, NULL, config_dir, "typing", &kp, &result);
      apply_reports (&expected, result.lines, &reports);
      g_assert_cmpuint (reports.n_edits, >=, kp.n_edits);
      g_assert_false (reports.import_started);

      g_assert_false (check_file (path, scratch, &expected, &reports, &in_flight));
      n_in_flight += in_flight;

      g_test_message ("typing round %u: killed %s %u (%.1f ms later, log +%" G_GINT64_FORMAT
                      " bytes); %u edits reported, %s in flight; %.1f s",
                      round, kp.kill_at == KILL_AT_WAL ? "in the commit of the edit after" : "after edit",
                      kp.n_edits, result.kill_delay_us / 1000.0, result.wal_growth, reports.n_edits,
                      in_flight ? "one edit" : "nothing",
                      (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

      reports_clear (&reports);
      expected_clear (&expected);
      run_result_clear (&result);
    }
  g_test_message ("an unreported edit was in the file after %u of 4 kills", n_in_flight);

  /* After the crashes, an ordinary session edits the file. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    TmPortfolio *portfolio = tm_portfolio_open (file, &error);
    g_autoptr(TmTask) task = NULL;
    g_autoptr(TmTaskData) data = NULL;

    g_assert_no_error (error);
    task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 0);
    data = tm_task_dup_data (task);
    g_free (data->title);
    data->title = g_strdup ("After the crashes");
    g_assert_true (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
    g_assert_no_error (error);
    tm_portfolio_close (portfolio);
    g_object_unref (portfolio);
    check_sqlite (path);
  }

  tm_test_rm_rf (dir);
}

/* A spreadsheet of 20,000 rows imported through the window, killed as the
 * import starts, while its transaction writes the log, while the log is
 * copied into the file, and after it, during typing. */
static void
test_kill_during_import (void)
{
  static const struct {
    KillAt   kill_at;
    guint    min_edits, max_edits;
    gint64   max_jitter_us;
    gint64   min_wal, max_wal;   /* KILL_AT_WAL: how far the log grows first */
    gboolean must_be_early;      /* the kill comes before the import is reported */
  } runs[] = {
    { KILL_AT_START, 0, 0, 30000, 0, 0, TRUE },
    { KILL_AT_WAL, 0, 0, 0, 0, 64 * 1024, TRUE },
    { KILL_AT_WAL, 0, 0, 0, 64 * 1024, 3 * 1024 * 1024, TRUE },
    { KILL_AT_DB, 0, 0, 0, 0, 0, FALSE },
    { KILL_AFTER_EDITS, 2, 7, 200000, 0, 0, FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-ui-crash-XXXXXX", &error);
  g_autofree char *config_dir = NULL;
  g_autofree char *scratch = NULL;
  g_autofree char *csv = NULL;
  guint n_imported = 0, n_absent = 0;

  g_assert_no_error (error);
  config_dir = g_build_filename (dir, "config", NULL);
  scratch = g_build_filename (dir, "as-left", NULL);
  csv = write_csv (dir);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *name = g_strdup_printf ("import-%u.taskmap", i);
      g_autofree char *path = make_example (dir, name);
      KillPlan kp = { runs[i].kill_at, 0, 0, 0 };
      Expected expected = { 0 };
      Reports reports = { 0 };
      RunResult result;
      gboolean imported, in_flight;
      gint64 start = g_get_monotonic_time ();

      if (runs[i].max_edits > 0)
        kp.n_edits = g_test_rand_int_range (runs[i].min_edits, runs[i].max_edits);
      if (runs[i].max_jitter_us > 0)
        kp.jitter_us = g_test_rand_int_range (0, runs[i].max_jitter_us);
      if (runs[i].max_wal > 0)
        kp.wal_bytes = g_test_rand_int_range (runs[i].min_wal, runs[i].max_wal);

      expected_read (&expected, path);
      run_child (path, csv, config_dir, "import", &kp, &result);
      apply_reports (&expected, result.lines, &reports);
      g_assert_true (reports.import_started);
      if (runs[i].must_be_early)
        g_assert_true (result.killed_early);
      if (runs[i].kill_at == KILL_AFTER_EDITS)
        {
          g_assert_true (reports.import_reported);
          g_assert_cmpuint (reports.n_edits, >=, kp.n_edits);
        }

      imported = check_file (path, scratch, &expected, &reports, &in_flight);
      if (imported)
        n_imported++;
      else
        n_absent++;

      {
        g_autofree char *when = reports.import_reported && result.start_us >= 0
                                ? g_strdup_printf (" %.0f ms after its start, %.0f ms after the log grew",
                                                   result.start_us / 1000.0, result.commit_us / 1000.0)
                                : g_strdup ("");

        g_test_message ("import run %u: killed %s (%.1f ms after it%s), the log had grown by %"
                        G_GINT64_FORMAT " bytes (%" G_GINT64_FORMAT " waited for); the import is%s "
                        "there, %sreported%s; %u edits after it; %.1f s",
                        i, kill_names[runs[i].kill_at], result.kill_delay_us / 1000.0,
                        result.killed_early ? ", before the import was reported" : "",
                        result.wal_growth, kp.wal_bytes, imported ? "" : " not",
                        reports.import_reported ? "" : "not ", when, reports.n_edits,
                        (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
      }

      reports_clear (&reports);
      expected_clear (&expected);
      run_result_clear (&result);
      g_unlink (path);
    }

  g_test_message ("the import was there after %u kills, not there after %u", n_imported, n_absent);
  tm_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (g_getenv (CHILD_ENV) != NULL)
    child_main (argc, argv);

  tm_test_ui_init (&argc, &argv);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  g_test_add_func ("/ui/crash/kill-while-typing", test_kill_while_typing);
  g_test_add_func ("/ui/crash/kill-during-import", test_kill_during_import);

  ret = tm_test_ui_run ();
  g_free (self_path);
  return ret;
}
