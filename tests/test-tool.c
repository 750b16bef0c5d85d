/* test-tool.c
 * Tests of taskmap-tool, run as a subprocess the way scripts run it: exit
 * status 0, 1 or 2, messages naming the file, round trips through XML,
 * CSV and XLSX, refused files that change nothing, the merge of units and
 * the conflicts of an import.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-tool"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "tm-core.h"

#define CHECK_OK(call)                   \
  G_STMT_START {                         \
    gboolean check_ok_ = (call);         \
    g_assert_no_error (error);           \
    g_assert_true (check_ok_);           \
  } G_STMT_END

static char *tool_path;

typedef struct {
  char *dir;
  char *out;    /* standard output of the last run */
  char *err;    /* standard error of the last run */
} Fixture;

static void
rm_rf (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
    }
  g_remove (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("taskmap-test-tool-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  rm_rf (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->out, g_free);
  g_clear_pointer (&fixture->err, g_free);
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

/* A path in the fixture's directory; valid for the next seven calls. */
static const char *
path (Fixture    *fixture,
      const char *name)
{
  static char *paths[8];
  static guint next;

  next = (next + 1) % G_N_ELEMENTS (paths);
  g_free (paths[next]);
  paths[next] = g_build_filename (fixture->dir, name, NULL);
  return paths[next];
}

static char *
data_file (const char *subdir,
           const char *name)
{
  return g_build_filename (g_getenv ("TASKMAP_TEST_DATA"), subdir, name, NULL);
}

/* Runs taskmap-tool with the arguments (NULL-terminated) in the fixture's
 * directory; returns its exit status and keeps its output in the fixture. */
static int
run (Fixture    *fixture,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, tool_path);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (&fixture->out, g_free);
  g_clear_pointer (&fixture->err, g_free);
  g_spawn_sync (fixture->dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &fixture->out, &fixture->err, &wait_status, &error);
  g_assert_no_error (error);

  if (g_test_verbose ())
    {
      g_autofree char *line = g_strjoinv (" ", (char **) argv->pdata);

      g_test_message ("$ %s\n%s%s", line, fixture->out, fixture->err);
    }

  /* A crash is never an answer. */
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static GBytes *
read_bytes (const char *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (file, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_same_bytes (const char *a,
                   const char *b)
{
  g_autoptr(GBytes) bytes_a = read_bytes (a);
  g_autoptr(GBytes) bytes_b = read_bytes (b);

  g_assert_cmpmem (g_bytes_get_data (bytes_a, NULL), g_bytes_get_size (bytes_a),
                   g_bytes_get_data (bytes_b, NULL), g_bytes_get_size (bytes_b));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_matches (const char *haystack,
                const char *pattern)
{
  if (!g_regex_match_simple (pattern, haystack, G_REGEX_MULTILINE, 0))
    g_error ("/%s/ does not match:\n%s", pattern, haystack);
}

static TmPortfolio *
open_portfolio (Fixture    *fixture,
                const char *name)
{
  g_autoptr(GFile) file = g_file_new_for_path (path (fixture, name));
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_portfolio_open (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  return portfolio;
}

static TmTask *
find_task (TmPortfolio *portfolio,
           const char  *title)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      if (g_strcmp0 (tm_task_get_title (task), title) == 0)
        return task;
    }
  return NULL;
}

static guint
n_tasks (TmPortfolio *portfolio)
{
  return g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio));
}

/* Usage */

static void
test_usage (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char *const commands[] = { "new", "import", "export", "validate", "merge", "summary" };
  g_autofree char *version = g_strdup_printf ("taskmap-tool %s\n", PACKAGE_VERSION);

  g_assert_cmpint (run (fixture, NULL), ==, 2);
  assert_contains (fixture->err, "Usage:");

  g_assert_cmpint (run (fixture, "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    assert_contains (fixture->out, commands[i]);

  g_assert_cmpint (run (fixture, "--version", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, version);

  g_assert_cmpint (run (fixture, "frobnicate", NULL), ==, 2);
  assert_contains (fixture->err, "frobnicate");
  g_assert_cmpint (run (fixture, "--frobnicate", NULL), ==, 2);
  assert_contains (fixture->err, "--frobnicate");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_cmpint (run (fixture, commands[i], "--help", NULL), ==, 0);
      assert_contains (fixture->out, "Usage:");
      assert_contains (fixture->out, commands[i]);
      g_assert_cmpint (run (fixture, commands[i], "--frobnicate", "x", "y", NULL), ==, 2);
      assert_contains (fixture->err, "--frobnicate");
    }

  /* Wrong numbers of arguments. */
  g_assert_cmpint (run (fixture, "new", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "new", "a.taskmap", "b.taskmap", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "import", "a.taskmap", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "export", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "validate", "a.xml", "b.xml", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "summary", "--scenario", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "merge", "-o", "region.taskmap", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "merge", "unit.xml", NULL), ==, 2);
  assert_contains (fixture->err, "-o");

  /* Unknown country and format; usage is checked before any file is touched. */
  g_assert_cmpint (run (fixture, "new", "--country", "se", "a.taskmap", NULL), ==, 2);
  assert_contains (fixture->err, "“dk” or “no”");
  g_assert_false (g_file_test (path (fixture, "a.taskmap"), G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (fixture, "merge", "--country", "se", "-o", "r.taskmap", "u.xml", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "export", "missing.taskmap", "--format", "pdf", NULL), ==, 2);
  assert_contains (fixture->err, "pdf");
  g_assert_cmpint (run (fixture, "export", "missing.taskmap", "--format", "xlsx", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "export", "missing.taskmap", "-o", "out.odt", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "import", "--keep-mine", "--take-theirs", "a.taskmap", "b.xml",
                        NULL), ==, 2);

  /* A file that is not there is bad input, not bad usage. */
  g_assert_cmpint (run (fixture, "export", "missing.taskmap", NULL), ==, 1);
  g_assert_cmpint (run (fixture, "summary", "missing.taskmap", NULL), ==, 1);
  g_assert_cmpint (run (fixture, "validate", "missing.xml", NULL), ==, 1);
  assert_contains (fixture->err, "missing.xml");
}

/* Export, validate, import into a new file, export again: the same bytes. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GBytes) exported = NULL;

  g_assert_cmpint (run (fixture, "new", "--example", "--country", "no", "--unit", "Post 3",
                        "ward.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "new", "ward.taskmap", NULL), ==, 1);
  assert_contains (fixture->err, "ward.taskmap");

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "xml", "-o", "a.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "validate", "a.xml", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "a.xml: valid, 42 tasks\n");

  g_assert_cmpint (run (fixture, "import", "copy.taskmap", "a.xml", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "42 tasks added.\n");
  /* Format from the extension. */
  g_assert_cmpint (run (fixture, "export", "copy.taskmap", "-o", "b.xml", NULL), ==, 0);
  assert_same_bytes (path (fixture, "a.xml"), path (fixture, "b.xml"));

  /* To standard output, the same bytes again. */
  g_assert_cmpint (run (fixture, "export", "copy.taskmap", NULL), ==, 0);
  exported = read_bytes (path (fixture, "a.xml"));
  g_assert_cmpstr (fixture->out, ==, g_bytes_get_data (exported, NULL));

  /* The new file took the country and the unit of the XML file. */
  portfolio = open_portfolio (fixture, "copy.taskmap");
  g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_NO);
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Post 3");
  g_assert_cmpuint (n_tasks (portfolio), ==, 42);

  /* A single task takes the singular. */
  {
    g_autoptr(TmPortfolio) one = NULL;
    g_autoptr(TmTaskData) data = tm_task_data_new ();
    g_autoptr(GFile) file = g_file_new_for_path (path (fixture, "one.taskmap"));
    g_autoptr(GError) error = NULL;

    one = tm_portfolio_create (file, TM_COUNTRY_DK, "One", &error);
    g_assert_no_error (error);
    g_free (data->title);
    data->title = g_strdup ("Alone");
    g_assert_nonnull (tm_portfolio_add_task (one, data, &error));
    g_assert_no_error (error);
    g_clear_object (&one);
  }
  g_assert_cmpint (run (fixture, "export", "one.taskmap", "-o", "one.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "validate", "one.xml", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "one.xml: valid, 1 task\n");
}

static void
test_export_formats (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) matrix = NULL;
  g_autoptr(GBytes) xlsx = NULL;
  const char *text;

  g_assert_cmpint (run (fixture, "new", "--example", "ward.taskmap", NULL), ==, 0);

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv", "-o", "c.csv", NULL), ==, 0);
  csv = read_bytes (path (fixture, "c.csv"));
  text = g_bytes_get_data (csv, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "Titel;"));
  assert_contains (text, "\r\n");
  assert_contains (text, "Tage telefonen;");

  /* To standard output, the same bytes; and from the extension alone. */
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, text);
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "d.CSV", NULL), ==, 0);
  assert_same_bytes (path (fixture, "c.csv"), path (fixture, "d.CSV"));

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv-matrix",
                        "--scenario", "Scenario 1", "-o", "m.csv", NULL), ==, 0);
  matrix = read_bytes (path (fixture, "m.csv"));
  text = g_bytes_get_data (matrix, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
  assert_contains (text, ";Sygeplejerske;");
  assert_contains (text, "“Scenario 1”");
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv-matrix", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, text);

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "w.xlsx", NULL), ==, 0);
  xlsx = read_bytes (path (fixture, "w.xlsx"));
  g_assert_cmpuint (g_bytes_get_size (xlsx), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (xlsx, NULL), 2, "PK", 2);
  g_assert_cmpstr (fixture->out, ==, "");

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "xlsx", "-o", "-", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "xlsx",
                        "--scenario", "Nope", "-o", "n.xlsx", NULL), ==, 1);
  assert_contains (fixture->err, "Nope");
  g_assert_false (g_file_test (path (fixture, "n.xlsx"), G_FILE_TEST_EXISTS));
}

/* A Danish Excel file in Windows-1252: æ, ø and å arrive as UTF-8. */
static void
test_import_csv (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *csv = data_file ("csv", "excel-da-1252.csv");
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmTask *task;

  /* --dry-run shows what it found and creates nothing. */
  g_assert_cmpint (run (fixture, "import", "--dry-run", "ward.taskmap", csv, NULL), ==, 0);
  assert_contains (fixture->out, "Windows-1252");
  assert_contains (fixture->out, "Semicolon (;)");
  assert_contains (fixture->out, "Rows: 4\n");
  assert_matches (fixture->out, "^ +1  Opgave +title$");
  assert_matches (fixture->out, "^ +10  Udføres i dag af +performed-by$");
  g_assert_false (g_file_test (path (fixture, "ward.taskmap"), G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (fixture, "import", "ward.taskmap", csv, NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "4 tasks added.\n");

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv", NULL), ==, 0);
  assert_contains (fixture->out, "Tømme urinkolber;");
  assert_contains (fixture->out, "Kolber à 5 € pr. stk.");

  portfolio = open_portfolio (fixture, "ward.taskmap");
  g_assert_cmpuint (n_tasks (portfolio), ==, 4);
  task = find_task (portfolio, "Tømme urinkolber");
  g_assert_nonnull (task);
  g_assert_cmpstr (tm_task_get_group (task), ==, "Patientnære opgaver");
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (task), 12.5, 1e-9);
  g_assert_nonnull (find_task (portfolio, "Servere mad & drikke"));
}

static void
test_import_csv_map (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *csv = data_file ("csv", "excel-da-1252.csv");
  g_autofree char *xml = data_file ("xml", "v1.xml");
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmTask *task;

  /* Column 3 (Gruppe) into the notes; the notes column left out. */
  g_assert_cmpint (run (fixture, "import", "--dry-run", "--map", "3=notes",
                        "--map", "bemærkninger=ignore", "ward.taskmap", csv, NULL), ==, 0);
  assert_matches (fixture->out, "^ +3  Gruppe +notes$");
  assert_matches (fixture->out, "^ +11  Bemærkninger +ignore$");

  g_assert_cmpint (run (fixture, "import", "--map", "3=notes", "--map", "bemærkninger=ignore",
                        "ward.taskmap", csv, NULL), ==, 0);
  portfolio = open_portfolio (fixture, "ward.taskmap");
  task = find_task (portfolio, "Tømme urinkolber");
  g_assert_nonnull (task);
  g_assert_cmpstr (tm_task_get_notes (task), ==, "Patientnære opgaver");
  g_assert_cmpstr (tm_task_get_group (task), ==, "");
  g_clear_object (&portfolio);

  g_assert_cmpint (run (fixture, "import", "--map", "Opgave=bogus", "x.taskmap", csv, NULL), ==, 2);
  assert_contains (fixture->err, "performed-by");
  g_assert_cmpint (run (fixture, "import", "--map", "Opgave", "x.taskmap", csv, NULL), ==, 2);
  g_assert_cmpint (run (fixture, "import", "--map", "1=title", "--map", "2=title",
                        "x.taskmap", csv, NULL), ==, 2);
  g_assert_cmpint (run (fixture, "import", "--map", "Nope=title", "x.taskmap", csv, NULL), ==, 1);
  assert_contains (fixture->err, "excel-da-1252.csv");
  assert_contains (fixture->err, "Nope");
  g_assert_cmpint (run (fixture, "import", "--map", "12=title", "x.taskmap", csv, NULL), ==, 1);
  /* No title column left: the core refuses, and the new file goes again. */
  g_assert_cmpint (run (fixture, "import", "--map", "Opgave=ignore", "x.taskmap", csv, NULL), ==, 1);
  assert_contains (fixture->err, "excel-da-1252.csv");
  g_assert_false (g_file_test (path (fixture, "x.taskmap"), G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (fixture, "import", "--map", "1=title", "x.taskmap", xml, NULL), ==, 2);
}

/* Hostile and broken files: exit 1, the file named, the portfolio as it was. */
static void
test_import_hostile (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char *const files[][2] = {
    { "xml", "xxe.xml" },
    { "xml", "billion-laughs.xml" },
    { "xml", "truncated.xml" },
    { "xml", "binary.xml" },
    { "csv", "binary.csv" },
    { "csv", "unterminated-quote.csv" },
  };

  g_assert_cmpint (run (fixture, "new", "--example", "ward.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "before.xml", NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *input = data_file (files[i][0], files[i][1]);

      g_test_message ("%s", files[i][1]);
      g_assert_cmpint (run (fixture, "import", "ward.taskmap", input, NULL), ==, 1);
      assert_contains (fixture->err, files[i][1]);
      g_assert_cmpstr (fixture->out, ==, "");

      g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "after.xml", NULL), ==, 0);
      assert_same_bytes (path (fixture, "before.xml"), path (fixture, "after.xml"));

      /* Into a file that is not there yet: nothing is created. */
      g_assert_cmpint (run (fixture, "import", "new.taskmap", input, NULL), ==, 1);
      assert_contains (fixture->err, files[i][1]);
      g_assert_false (g_file_test (path (fixture, "new.taskmap"), G_FILE_TEST_EXISTS));

      g_assert_cmpint (run (fixture, "validate", input, NULL), ==, 1);
      assert_contains (fixture->err, files[i][1]);
    }

  /* The XML messages say where: FILE:LINE:COL. */
  {
    g_autofree char *input = data_file ("xml", "unknown-level.xml");

    g_assert_cmpint (run (fixture, "import", "ward.taskmap", input, NULL), ==, 1);
    assert_matches (fixture->err, "^unknown-level\\.xml:[0-9]+:[0-9]+: ");
  }
}

/* Every row of the table of professions as wide as the header, counted in
 * characters: "Ufaglært medarbejder" and "Ufaglært medarbeider" have a
 * two-byte character. */
static void
assert_table_aligned (const char *summary,
                      const char *must_have)
{
  g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);
  glong width = -1;
  guint n_rows = 0;
  gboolean seen = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (width < 0)
        {
          if (g_str_has_prefix (lines[i], "Profession "))
            width = g_utf8_strlen (lines[i], -1);
          continue;
        }
      if (*lines[i] == '\0')
        break;
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, width);
      seen = seen || g_str_has_prefix (lines[i], must_have);
      n_rows++;
    }

  g_assert_cmpint (width, >, 0);
  g_assert_cmpuint (n_rows, >=, 3);
  g_assert_true (seen);
}

static void
test_summary_alignment (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *da = data_file ("csv", "excel-da-1252.csv");
  g_autofree char *nb = data_file ("csv", "nb-utf8.csv");

  /* A Danish and a Norwegian user see their professions' names, aligned by characters. */
  g_assert_cmpint (run (fixture, "import", "da.taskmap", da, NULL), ==, 0);
  g_setenv ("LANGUAGE", "da", TRUE);
  g_assert_cmpint (run (fixture, "summary", "da.taskmap", NULL), ==, 0);
  assert_contains (fixture->out, "Social- og sundhedsassistent (SSA)");
  assert_table_aligned (fixture->out, "Ufaglært medarbejder ");
  g_setenv ("LANGUAGE", "C", TRUE);

  g_assert_cmpint (run (fixture, "import", "--country", "no", "nb.taskmap", nb, NULL), ==, 0);
  g_setenv ("LANGUAGE", "nb", TRUE);
  g_assert_cmpint (run (fixture, "summary", "nb.taskmap", NULL), ==, 0);
  assert_contains (fixture->out, "Sykepleier ");
  assert_contains (fixture->out, "Helsefagarbeider ");
  assert_table_aligned (fixture->out, "Ufaglært medarbeider ");
  g_setenv ("LANGUAGE", "C", TRUE);

  g_assert_cmpint (run (fixture, "summary", "nb.taskmap", "--scenario", "Nope", NULL), ==, 1);
  assert_contains (fixture->err, "Nope");
}

/* Three units' files into one regional portfolio. */
static void
test_merge (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *csv = data_file ("csv", "excel-da-1252.csv");
  g_autofree char *xxe = data_file ("xml", "xxe.xml");
  g_autoptr(TmPortfolio) region = NULL;
  g_auto(GStrv) units = NULL;
  GListModel *tasks;

  g_assert_cmpint (run (fixture, "new", "--example", "--unit", "Afsnit A", "a.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "new", "--example", "--unit", "Afsnit B", "b.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "new", "--unit", "Afsnit C", "c.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "import", "c.taskmap", csv, NULL), ==, 0);
  g_assert_cmpint (run (fixture, "export", "a.taskmap", "-o", "a.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "export", "b.taskmap", "-o", "b.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "export", "c.taskmap", "-o", "c.xml", NULL), ==, 0);

  /* Refusals first: none of them leaves a region behind. */
  g_assert_cmpint (run (fixture, "merge", "-o", "region.taskmap", "a.xml", xxe, "c.xml", NULL), ==, 1);
  assert_contains (fixture->err, "xxe.xml");
  g_assert_false (g_file_test (path (fixture, "region.taskmap"), G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (fixture, "export", "a.taskmap", "-o", "a-copy.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "merge", "-o", "a.xml", "b.xml", NULL), ==, 1);
  assert_contains (fixture->err, "a.xml");
  assert_same_bytes (path (fixture, "a.xml"), path (fixture, "a-copy.xml"));
  g_assert_cmpint (run (fixture, "merge", "-o", "region.taskmap", "missing.xml", NULL), ==, 1);
  assert_contains (fixture->err, "missing.xml");
  g_assert_false (g_file_test (path (fixture, "region.taskmap"), G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (fixture, "merge", "-o", "region.taskmap", "--name", "Region Syd",
                        "a.xml", "b.xml", "c.xml", NULL), ==, 0);
  /* B started from the same example as A: its 42 tasks get new ids. */
  g_assert_cmpstr (fixture->out, ==, "Units: 3\nTasks: 88\nTasks given a new id: 42\n");
  /* Not a terminal: no progress line. */
  g_assert_cmpstr (fixture->err, ==, "");

  region = open_portfolio (fixture, "region.taskmap");
  g_assert_cmpstr (tm_portfolio_get_unit_name (region), ==, "Region Syd");
  units = tm_portfolio_dup_units (region);
  g_assert_cmpuint (g_strv_length (units), ==, 3);
  g_assert_cmpstr (units[0], ==, "Afsnit A");
  g_assert_cmpstr (units[1], ==, "Afsnit B");
  g_assert_cmpstr (units[2], ==, "Afsnit C");
  tasks = tm_portfolio_get_tasks (region);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 88);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      g_assert_cmpstr (tm_task_get_unit (task), !=, "");
    }
  g_assert_cmpstr (tm_task_get_unit (find_task (region, "Servere mad & drikke")), ==, "Afsnit C");
  g_clear_object (&region);

  /* The same files again: the same region. */
  g_assert_cmpint (run (fixture, "export", "region.taskmap", "-o", "region-1.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "merge", "-o", "region.taskmap", "a.xml", "b.xml", "c.xml", NULL), ==, 0);
  assert_contains (fixture->out, "Tasks: 88\n");
  g_assert_cmpint (run (fixture, "export", "region.taskmap", "-o", "region-2.xml", NULL), ==, 0);
  assert_same_bytes (path (fixture, "region-1.xml"), path (fixture, "region-2.xml"));

  g_assert_cmpint (run (fixture, "summary", "region.taskmap", NULL), ==, 0);
  assert_contains (fixture->out, "By unit (hours per week):\n");
  assert_matches (fixture->out, "^Unit +Tasks +Today +Moved$");
  assert_matches (fixture->out, "^Afsnit A +42 +0\\.0 +0\\.0$");
  assert_matches (fixture->out, "^Afsnit B +42 +0\\.0 +0\\.0$");
  assert_matches (fixture->out, "^Afsnit C +4 +76\\.3 +0\\.0$");
  /* The tables of each unit only with --by-unit. */
  g_assert_null (strstr (fixture->out, "\nAfsnit C\n"));

  g_assert_cmpint (run (fixture, "summary", "--by-unit", "region.taskmap", NULL), ==, 0);
  assert_contains (fixture->out, "\nAfsnit A\n  Profession ");
  assert_contains (fixture->out, "\nAfsnit B\n  Profession ");
  assert_contains (fixture->out, "\nAfsnit C\n  Profession ");
  assert_matches (fixture->out, "^  Ufaglært medarbejder +61\\.7 +61\\.7 +0\\.0 +0\\.0%$");

  /* A plain portfolio has no units. */
  g_assert_cmpint (run (fixture, "summary", "--by-unit", "c.taskmap", NULL), ==, 0);
  g_assert_null (strstr (fixture->out, "By unit"));
}

static void
set_title (TmPortfolio *portfolio,
           TmTask      *task,
           const char  *title)
{
  g_autoptr(TmTaskData) data = tm_task_dup_data (task);
  g_autoptr(GError) error = NULL;

  g_free (data->title);
  data->title = g_strdup (title);
  CHECK_OK (tm_portfolio_update_task (portfolio, task, data, NULL, &error));
}

static char *
uuid_of (Fixture    *fixture,
         const char *name,
         const char *title)
{
  g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, name);
  TmTask *task = find_task (portfolio, title);

  g_assert_nonnull (task);
  return g_strdup (tm_task_get_uuid (task));
}

static void
set_title_in (Fixture    *fixture,
              const char *name,
              const char *uuid,
              const char *title)
{
  g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, name);
  TmTask *task = tm_portfolio_lookup_task (portfolio, uuid);

  g_assert_nonnull (task);
  set_title (portfolio, task, title);
}

static char *
title_in (Fixture    *fixture,
          const char *name,
          const char *uuid)
{
  g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, name);
  TmTask *task = tm_portfolio_lookup_task (portfolio, uuid);

  g_assert_nonnull (task);
  return g_strdup (tm_task_get_title (task));
}

/* The same task changed in the portfolio and in the file. */
static void
test_conflict (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *uuid = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) theirs = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (run (fixture, "new", "--example", "ward.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "ward.xml", NULL), ==, 0);
  uuid = uuid_of (fixture, "ward.taskmap", "Tage telefonen");

  /* Theirs: the title edited in the XML text. */
  g_file_get_contents (path (fixture, "ward.xml"), &xml, NULL, &error);
  g_assert_no_error (error);
  theirs = g_string_new (xml);
  g_assert_cmpuint (g_string_replace (theirs, "<title>Tage telefonen</title>",
                                      "<title>Tage telefonen (theirs)</title>", 0), ==, 1);
  g_file_set_contents (path (fixture, "theirs.xml"), theirs->str, theirs->len, &error);
  g_assert_no_error (error);

  /* Mine: the same task edited in the portfolio, later. */
  g_setenv ("SOURCE_DATE_EPOCH", "2000000000", TRUE);
  set_title_in (fixture, "ward.taskmap", uuid, "Tage telefonen (mine)");
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "before.xml", NULL), ==, 0);

  g_assert_cmpint (run (fixture, "import", "ward.taskmap", "theirs.xml", NULL), ==, 1);
  expected = g_strdup_printf ("theirs.xml: task “Tage telefonen (mine)” (%s): conflict: title\n", uuid);
  assert_contains (fixture->err, expected);
  assert_contains (fixture->err, "--take-theirs");
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "after.xml", NULL), ==, 0);
  assert_same_bytes (path (fixture, "before.xml"), path (fixture, "after.xml"));

  /* --dry-run lists it on standard output and changes nothing. */
  g_assert_cmpint (run (fixture, "import", "--dry-run", "ward.taskmap", "theirs.xml", NULL), ==, 0);
  assert_contains (fixture->out, "Conflict: 1\n");
  assert_contains (fixture->out, expected);

  g_assert_cmpint (run (fixture, "import", "--keep-mine", "ward.taskmap", "theirs.xml", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "1 conflict kept as it was.\n");
  title = title_in (fixture, "ward.taskmap", uuid);
  g_assert_cmpstr (title, ==, "Tage telefonen (mine)");
  g_clear_pointer (&title, g_free);

  g_assert_cmpint (run (fixture, "import", "--take-theirs", "ward.taskmap", "theirs.xml", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "1 conflict resolved with the file’s copy.\n");
  title = title_in (fixture, "ward.taskmap", uuid);
  g_assert_cmpstr (title, ==, "Tage telefonen (theirs)");

  g_assert_cmpint (run (fixture, "import", "ward.taskmap", "theirs.xml", NULL), ==, 0);
  assert_contains (fixture->out, "Nothing to import");
}

/* A copy changed later elsewhere comes back without a question. */
static void
test_update (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *uuid = NULL;
  g_autofree char *title = NULL;
  g_autofree char *csv = data_file ("csv", "excel-da-1252.csv");

  g_assert_cmpint (run (fixture, "new", "--example", "ward.taskmap", NULL), ==, 0);
  uuid = uuid_of (fixture, "ward.taskmap", "Tage telefonen");
  g_setenv ("SOURCE_DATE_EPOCH", "1000000000", TRUE);
  set_title_in (fixture, "ward.taskmap", uuid, "Version 1");
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "v1.xml", NULL), ==, 0);

  /* Elsewhere: a copy, changed later, with a task of its own. */
  g_assert_cmpint (run (fixture, "import", "copy.taskmap", "v1.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "import", "copy.taskmap", csv, NULL), ==, 0);
  g_setenv ("SOURCE_DATE_EPOCH", "1100000000", TRUE);
  set_title_in (fixture, "copy.taskmap", uuid, "Version 2");
  g_assert_cmpint (run (fixture, "export", "copy.taskmap", "-o", "v2.xml", NULL), ==, 0);

  g_assert_cmpint (run (fixture, "import", "ward.taskmap", "v2.xml", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "4 tasks added. 1 task updated.\n");
  title = title_in (fixture, "ward.taskmap", uuid);
  g_assert_cmpstr (title, ==, "Version 2");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  int status;

  setlocale (LC_ALL, "");
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));
  g_test_init (&argc, &argv, NULL);

  /* The tool of this build: build/tests/test-tool → build/src/cli/taskmap-tool. */
  if (g_getenv ("TASKMAP_TOOL") != NULL)
    tool_path = g_strdup (g_getenv ("TASKMAP_TOOL"));
  else
    {
      g_autofree char *self = g_canonicalize_filename (argv[0], NULL);

      dir = g_path_get_dirname (self);
      tool_path = g_build_filename (dir, "..", "src", "cli", "taskmap-tool", NULL);
    }
  g_assert_true (g_file_test (tool_path, G_FILE_TEST_IS_EXECUTABLE));
  /* The tool's own messages in English, whatever the machine's language. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_unsetenv ("SOURCE_DATE_EPOCH");

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tool/usage", test_usage);
  ADD ("/tool/round-trip", test_round_trip);
  ADD ("/tool/export-formats", test_export_formats);
  ADD ("/tool/import-csv", test_import_csv);
  ADD ("/tool/import-csv-map", test_import_csv_map);
  ADD ("/tool/import-hostile", test_import_hostile);
  ADD ("/tool/summary-alignment", test_summary_alignment);
  ADD ("/tool/merge", test_merge);
  ADD ("/tool/conflict", test_conflict);
  ADD ("/tool/update", test_update);

  status = g_test_run ();
  g_free (tool_path);
  return status;
}
