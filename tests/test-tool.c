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
/* Texts in the language a test pushed, as the core renders them. */
#include "model/tm-i18n-private.h"
#include "tm-test-util.h"

static char *tool_path;

typedef struct {
  char *dir;
  char *out;    /* standard output of the last run */
  char *err;    /* standard error of the last run */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = tm_test_make_tmp_dir ("taskmap-test-tool-XXXXXX");
  /* The mappings of CSV columns the tool remembers go here, not into the
   * user's configuration, and no test sees another's. */
  {
    g_autofree char *config = g_build_filename (fixture->dir, "config", NULL);

    g_assert_cmpint (g_mkdir (config, 0700), ==, 0);
    g_setenv ("TASKMAP_CONFIG_DIR", config, TRUE);
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  tm_test_rm_rf (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->out, g_free);
  g_clear_pointer (&fixture->err, g_free);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_unsetenv ("TASKMAP_CONFIG_DIR");
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

static void
assert_same_bytes (const char *a,
                   const char *b)
{
  g_autoptr(GBytes) bytes_a = tm_test_read_bytes (a);
  g_autoptr(GBytes) bytes_b = tm_test_read_bytes (b);

  g_assert_cmpmem (g_bytes_get_data (bytes_a, NULL), g_bytes_get_size (bytes_a),
                   g_bytes_get_data (bytes_b, NULL), g_bytes_get_size (bytes_b));
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

/* Usage */

static void
test_usage (Fixture       *fixture,
            gconstpointer  user_data)
{
  static const char *const commands[] = { "new", "import", "export", "validate", "merge", "staffing",
                                          "summary" };
  g_autofree char *version = g_strdup_printf ("taskmap-tool %s\n", PACKAGE_VERSION);

  g_assert_cmpint (run (fixture, NULL), ==, 2);
  tm_test_assert_contains (fixture->err, "Usage:");

  g_assert_cmpint (run (fixture, "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    tm_test_assert_contains (fixture->out, commands[i]);

  g_assert_cmpint (run (fixture, "--version", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, version);

  g_assert_cmpint (run (fixture, "frobnicate", NULL), ==, 2);
  tm_test_assert_contains (fixture->err, "frobnicate");
  g_assert_cmpint (run (fixture, "--frobnicate", NULL), ==, 2);
  tm_test_assert_contains (fixture->err, "--frobnicate");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_cmpint (run (fixture, commands[i], "--help", NULL), ==, 0);
      tm_test_assert_contains (fixture->out, "Usage:");
      tm_test_assert_contains (fixture->out, commands[i]);
      g_assert_cmpint (run (fixture, commands[i], "--frobnicate", "x", "y", NULL), ==, 2);
      tm_test_assert_contains (fixture->err, "--frobnicate");
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
  tm_test_assert_contains (fixture->err, "-o");

  /* Unknown country and format; usage is checked before any file is touched. */
  g_assert_cmpint (run (fixture, "new", "--country", "se", "a.taskmap", NULL), ==, 2);
  tm_test_assert_contains (fixture->err, "“dk” or “no”");
  g_assert_false (g_file_test (path (fixture, "a.taskmap"), G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (fixture, "merge", "--country", "se", "-o", "r.taskmap", "u.xml", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "export", "missing.taskmap", "--format", "pdf", NULL), ==, 2);
  tm_test_assert_contains (fixture->err, "pdf");
  g_assert_cmpint (run (fixture, "export", "missing.taskmap", "--format", "xlsx", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "export", "missing.taskmap", "-o", "out.odt", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "import", "--keep-mine", "--take-theirs", "a.taskmap", "b.xml",
                        NULL), ==, 2);

  /* A file that is not there is bad input, not bad usage. */
  g_assert_cmpint (run (fixture, "export", "missing.taskmap", NULL), ==, 1);
  g_assert_cmpint (run (fixture, "summary", "missing.taskmap", NULL), ==, 1);
  g_assert_cmpint (run (fixture, "validate", "missing.xml", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "missing.xml");
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
  tm_test_assert_contains (fixture->err, "ward.taskmap");

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "xml", "-o", "a.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "validate", "a.xml", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "a.xml: valid, 42 tasks\n");
  /* Format 5: the example's staffing and language travel with it. */
  {
    g_autoptr(GBytes) xml = tm_test_read_bytes (path (fixture, "a.xml"));
    g_autofree char *text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));

    tm_test_assert_contains (text, "version=\"5\"");
    tm_test_assert_contains (text, "<staffing");
    {
      /* Numbers are written to round-trip (docs/format.md), so read them back */
      g_autoptr(GRegex) regex = g_regex_new ("<staff profession=\"nurse\" fte=\"([^\"]+)\" "
                                             "hours-per-fte=\"([^\"]+)\"", 0, 0, NULL);
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *fte = NULL;
      g_autofree char *hours = NULL;

      g_assert_true (g_regex_match (regex, text, 0, &match));
      fte = g_match_info_fetch (match, 1);
      hours = g_match_info_fetch (match, 2);
      g_assert_cmpfloat (g_ascii_strtod (fte, NULL), ==, 30);
      g_assert_cmpfloat (g_ascii_strtod (hours, NULL), ==, 33.6);
    }
    tm_test_assert_contains (text, "language=\"nb\"");
  }

  g_assert_cmpint (run (fixture, "import", "copy.taskmap", "a.xml", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, "42 tasks added.\n");
  /* Format from the extension. */
  g_assert_cmpint (run (fixture, "export", "copy.taskmap", "-o", "b.xml", NULL), ==, 0);
  assert_same_bytes (path (fixture, "a.xml"), path (fixture, "b.xml"));

  /* To standard output, the same bytes again. */
  g_assert_cmpint (run (fixture, "export", "copy.taskmap", NULL), ==, 0);
  exported = tm_test_read_bytes (path (fixture, "a.xml"));
  g_assert_cmpstr (fixture->out, ==, g_bytes_get_data (exported, NULL));

  /* The new file took the country and the unit of the XML file. */
  portfolio = open_portfolio (fixture, "copy.taskmap");
  g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_NO);
  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Post 3");
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 42);
  g_assert_cmpstr (tm_portfolio_get_language (portfolio), ==, "nb");
  {
    const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, "");
    const TmStaffingEntry *nurses;

    g_assert_nonnull (staffing);
    nurses = tm_staffing_lookup (staffing, "nurse");
    g_assert_nonnull (nurses);
    g_assert_cmpfloat (nurses->fte, ==, 30);
    g_assert_cmpfloat (nurses->hours_per_fte, ==, 33.6);
    g_assert_cmpfloat (staffing->shift_hours, ==, 7.5);
  }

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
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_quoted = NULL;
  g_autofree char *second_quoted = NULL;
  const char *text;

  g_assert_cmpint (run (fixture, "new", "--example", "ward.taskmap", NULL), ==, 0);

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv", "-o", "c.csv", NULL), ==, 0);
  csv = tm_test_read_bytes (path (fixture, "c.csv"));
  text = g_bytes_get_data (csv, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf" "Titel;"));
  tm_test_assert_contains (text, "\r\n");
  tm_test_assert_contains (text, "Tage telefonen;");

  /* To standard output, the same bytes; and from the extension alone. */
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, text);
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "d.CSV", NULL), ==, 0);
  assert_same_bytes (path (fixture, "c.csv"), path (fixture, "d.CSV"));

  /* The example's two scenarios, chosen by name; the first one by default. */
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "ward.taskmap");
    GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

    g_autoptr(TmScenario) scenario_1 = NULL;
    g_autoptr(TmScenario) scenario_2 = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
    scenario_1 = g_list_model_get_item (scenarios, 0);
    scenario_2 = g_list_model_get_item (scenarios, 1);
    first = g_strdup (tm_scenario_get_name (scenario_1));
    second = g_strdup (tm_scenario_get_name (scenario_2));
  }
  first_quoted = g_strdup_printf ("“%s”", first);
  second_quoted = g_strdup_printf ("“%s”", second);

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv-matrix",
                        "--scenario", first, "-o", "m.csv", NULL), ==, 0);
  matrix = tm_test_read_bytes (path (fixture, "m.csv"));
  text = g_bytes_get_data (matrix, NULL);
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
  tm_test_assert_contains (text, ";Sygeplejerske;");
  tm_test_assert_contains (text, first_quoted);
  g_assert_null (strstr (text, second_quoted));
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv-matrix", NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==, text);
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv-matrix",
                        "--scenario", second, NULL), ==, 0);
  tm_test_assert_contains (fixture->out, second_quoted);
  g_assert_cmpstr (fixture->out, !=, text);

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "w.xlsx", NULL), ==, 0);
  xlsx = tm_test_read_bytes (path (fixture, "w.xlsx"));
  g_assert_cmpuint (g_bytes_get_size (xlsx), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (xlsx, NULL), 2, "PK", 2);
  g_assert_cmpstr (fixture->out, ==, "");

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "xlsx", "-o", "-", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "xlsx",
                        "--scenario", "Nope", "-o", "n.xlsx", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "Nope");
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
  tm_test_assert_contains (fixture->out, "Windows-1252");
  tm_test_assert_contains (fixture->out, "Semicolon (;)");
  tm_test_assert_contains (fixture->out, "Rows: 4\n");
  assert_matches (fixture->out, "^ +1  Opgave +title$");
  assert_matches (fixture->out, "^ +10  Udføres i dag af +performed-by$");
  g_assert_false (g_file_test (path (fixture, "ward.taskmap"), G_FILE_TEST_EXISTS));

  /* A new file takes its country from the file's words; the four rows are
   * added, three with a time and "Vise nye patienter rundt" without. */
  g_assert_cmpint (run (fixture, "import", "ward.taskmap", csv, NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==,
                   "Creating a Danish portfolio: the file's words are Danish.\n"
                   "4 tasks added.\n"
                   "3 tasks got a time; 1 has no time estimate.\n");

  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "--format", "csv", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "Tømme urinkolber;");
  tm_test_assert_contains (fixture->out, "Kolber à 5 € pr. stk.");

  portfolio = open_portfolio (fixture, "ward.taskmap");
  g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_DK);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 4);
  g_assert_cmpfloat (tm_task_get_hours_per_week (tm_test_find_task (portfolio, "Vise nye patienter rundt")), <, 0);
  task = tm_test_find_task (portfolio, "Tømme urinkolber");
  g_assert_nonnull (task);
  g_assert_cmpstr (tm_task_get_group (task), ==, "Patientnære opgaver");
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (task), 12.5, 1e-9);
  g_assert_nonnull (tm_test_find_task (portfolio, "Servere mad & drikke"));
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
  task = tm_test_find_task (portfolio, "Tømme urinkolber");
  g_assert_nonnull (task);
  g_assert_cmpstr (tm_task_get_notes (task), ==, "Patientnære opgaver");
  g_assert_cmpstr (tm_task_get_group (task), ==, "");
  g_clear_object (&portfolio);

  g_assert_cmpint (run (fixture, "import", "--map", "Opgave=bogus", "x.taskmap", csv, NULL), ==, 2);
  tm_test_assert_contains (fixture->err, "performed-by");
  g_assert_cmpint (run (fixture, "import", "--map", "Opgave", "x.taskmap", csv, NULL), ==, 2);
  g_assert_cmpint (run (fixture, "import", "--map", "1=title", "--map", "2=title",
                        "x.taskmap", csv, NULL), ==, 2);
  g_assert_cmpint (run (fixture, "import", "--map", "Nope=title", "x.taskmap", csv, NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "excel-da-1252.csv");
  tm_test_assert_contains (fixture->err, "Nope");
  g_assert_cmpint (run (fixture, "import", "--map", "12=title", "x.taskmap", csv, NULL), ==, 1);
  /* No title column left: the core refuses, and the new file goes again. */
  g_assert_cmpint (run (fixture, "import", "--map", "Opgave=ignore", "x.taskmap", csv, NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "excel-da-1252.csv");
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
      tm_test_assert_contains (fixture->err, files[i][1]);
      g_assert_cmpstr (fixture->out, ==, "");

      g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "after.xml", NULL), ==, 0);
      assert_same_bytes (path (fixture, "before.xml"), path (fixture, "after.xml"));

      /* Into a file that is not there yet: nothing is created. */
      g_assert_cmpint (run (fixture, "import", "new.taskmap", input, NULL), ==, 1);
      tm_test_assert_contains (fixture->err, files[i][1]);
      g_assert_false (g_file_test (path (fixture, "new.taskmap"), G_FILE_TEST_EXISTS));

      g_assert_cmpint (run (fixture, "validate", input, NULL), ==, 1);
      tm_test_assert_contains (fixture->err, files[i][1]);
    }

  /* The XML messages say where: FILE:LINE:COL. */
  {
    g_autofree char *input = data_file ("xml", "unknown-level.xml");

    g_assert_cmpint (run (fixture, "import", "ward.taskmap", input, NULL), ==, 1);
    assert_matches (fixture->err, "^unknown-level\\.xml:[0-9]+:[0-9]+: ");
  }
}

/* "Profession" as the tool writes it in @language. */
static char *
profession_heading (const char *language)
{
  char *heading;

  tm_language_push (language);
  heading = g_strdup (g_dgettext (GETTEXT_PACKAGE, "Profession"));
  tm_language_pop ();
  return heading;
}

/* Both tables of professions (hours a week; FTE and shares of staffed
 * time): every row as wide as its header, counted in characters —
 * "Ufaglært medarbejder" and "Ufaglært medarbeider" have a two-byte
 * character — and a row for @must_have in each. */
static void
assert_table_aligned (const char *summary,
                      const char *language,
                      const char *must_have)
{
  g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);
  g_autofree char *heading = profession_heading (language);
  g_autofree char *prefix = g_strconcat (heading, " ", NULL);
  guint n_tables = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      glong width;
      guint n_rows = 0;
      gboolean seen = FALSE;

      if (!g_str_has_prefix (lines[i], prefix))
        continue;

      width = g_utf8_strlen (lines[i], -1);
      for (i++; lines[i] != NULL && *lines[i] != '\0' && !g_str_has_prefix (lines[i], "* "); i++)
        {
          g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, width);
          seen = seen || g_str_has_prefix (lines[i], must_have);
          n_rows++;
        }
      g_assert_cmpint (width, >, 0);
      g_assert_cmpuint (n_rows, >=, 3);
      g_assert_true (seen);
      n_tables++;
      if (lines[i] == NULL)
        break;
    }

  g_assert_cmpuint (n_tables, ==, 2);
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
  tm_test_assert_contains (fixture->out, "Social- og sundhedsassistent (SSA)");
  assert_table_aligned (fixture->out, "da", "Ufaglært medarbejder ");
  g_setenv ("LANGUAGE", "C", TRUE);

  g_assert_cmpint (run (fixture, "import", "--country", "no", "nb.taskmap", nb, NULL), ==, 0);
  g_setenv ("LANGUAGE", "nb", TRUE);
  g_assert_cmpint (run (fixture, "summary", "nb.taskmap", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "Sykepleier ");
  tm_test_assert_contains (fixture->out, "Helsefagarbeider ");
  assert_table_aligned (fixture->out, "nb", "Ufaglært medarbeider ");
  g_setenv ("LANGUAGE", "C", TRUE);

  /* In English, with the example's staffing and its "—" */
  g_assert_cmpint (run (fixture, "new", "--example", "ward.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "summary", "ward.taskmap", NULL), ==, 0);
  assert_table_aligned (fixture->out, "en", "Registered nurse ");

  g_assert_cmpint (run (fixture, "summary", "nb.taskmap", "--scenario", "Nope", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "Nope");
}

/* The hours a week of the example in @name, and what its first scenario
 * moves, worked out from the tasks' minutes, counts and moves. */
static void
example_hours (Fixture    *fixture,
               const char *name,
               double     *today,
               double     *moved)
{
  g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, name);
  g_autoptr(TmScenario) first = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);

  *today = *moved = 0;
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *data = tm_task_peek_data (task);
      const TmMove *move = tm_task_data_get_move (data, tm_scenario_get_id (first));
      double hours;

      g_assert_cmpfloat (data->minutes, >, 0);
      hours = data->minutes * data->occurrences * (data->per == TM_PER_DAY ? 7 : 1) / 60.0;
      *today += hours;
      if (move != NULL)
        *moved += hours * move->share / 100;
    }
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
  tm_test_assert_contains (fixture->err, "xxe.xml");
  g_assert_false (g_file_test (path (fixture, "region.taskmap"), G_FILE_TEST_EXISTS));
  g_assert_cmpint (run (fixture, "export", "a.taskmap", "-o", "a-copy.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "merge", "-o", "a.xml", "b.xml", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "a.xml");
  assert_same_bytes (path (fixture, "a.xml"), path (fixture, "a-copy.xml"));
  g_assert_cmpint (run (fixture, "merge", "-o", "region.taskmap", "missing.xml", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "missing.xml");
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
  g_assert_cmpstr (tm_task_get_unit (tm_test_find_task (region, "Servere mad & drikke")), ==, "Afsnit C");
  g_clear_object (&region);

  /* The same files again: the same region. */
  g_assert_cmpint (run (fixture, "export", "region.taskmap", "-o", "region-1.xml", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "merge", "-o", "region.taskmap", "a.xml", "b.xml", "c.xml", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "Tasks: 88\n");
  g_assert_cmpint (run (fixture, "export", "region.taskmap", "-o", "region-2.xml", NULL), ==, 0);
  assert_same_bytes (path (fixture, "region-1.xml"), path (fixture, "region-2.xml"));

  g_assert_cmpint (run (fixture, "summary", "region.taskmap", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "By unit (hours per week):\n");
  assert_matches (fixture->out, "^Unit +Tasks +Today +Moved$");
  /* A and B: the example's hours, and what its first scenario moves */
  {
    double today, moved;
    g_autofree char *today_number = NULL;
    g_autofree char *moved_number = NULL;
    g_autofree char *today_text = NULL;
    g_autofree char *moved_text = NULL;
    g_autofree char *line_a = NULL;
    g_autofree char *line_b = NULL;

    example_hours (fixture, "a.taskmap", &today, &moved);
    g_assert_cmpfloat (moved, >, 0);
    today_number = g_strdup_printf ("%.1f", today);
    moved_number = g_strdup_printf ("%.1f", moved);
    today_text = g_regex_escape_string (today_number, -1);
    moved_text = g_regex_escape_string (moved_number, -1);
    line_a = g_strdup_printf ("^Afsnit A +42 +%s +%s$", today_text, moved_text);
    line_b = g_strdup_printf ("^Afsnit B +42 +%s +%s$", today_text, moved_text);
    assert_matches (fixture->out, line_a);
    assert_matches (fixture->out, line_b);
  }
  assert_matches (fixture->out, "^Afsnit C +4 +76\\.3 +0\\.0$");
  /* The tables of each unit only with --by-unit. */
  g_assert_null (strstr (fixture->out, "\nAfsnit C\n"));

  g_assert_cmpint (run (fixture, "summary", "--by-unit", "region.taskmap", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "\nAfsnit A\n  Hours per week:\n  Profession ");
  tm_test_assert_contains (fixture->out, "\nAfsnit B\n  Hours per week:\n  Profession ");
  tm_test_assert_contains (fixture->out, "\nAfsnit C\n  Hours per week:\n  Profession ");
  /* Unit C's unskilled staff: 61.7 h today and after; no staffing entered, so
   * the share handed over is one of the catalogued hours, and marked. In an
   * English session, the English names. */
  assert_matches (fixture->out, "^  Unskilled staff +61\\.7 +61\\.7 +0\\.0 +0\\.0$");
  assert_matches (fixture->out, "^  Unskilled staff +not known +— +0 +0 +0\\.0 % \\*$");
  /* Unit A's nurses have the example's staffing: 28 FTE, a share of staffed time, unmarked */
  assert_matches (fixture->out, "^  Registered nurse +28 +[0-9.]+ % +[0-9.]+ +0 +[0-9.]+ %$");

  /* A plain portfolio has no units. */
  g_assert_cmpint (run (fixture, "summary", "--by-unit", "c.taskmap", NULL), ==, 0);
  g_assert_null (strstr (fixture->out, "By unit"));
}

/* The staffing of @name's own unit, as a line per profession
 * "id=FTE@HOURS" and "shift=HOURS", for comparing states. */
static char *
describe_staffing (Fixture    *fixture,
                   const char *name)
{
  g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, name);
  const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, "");
  GString *text = g_string_new (NULL);

  if (staffing == NULL)
    return g_string_free (text, FALSE);
  g_string_append_printf (text, "shift=%g\n", staffing->shift_hours);
  for (guint i = 0; i < staffing->entries->len; i++)
    {
      const TmStaffingEntry *e = &g_array_index (staffing->entries, TmStaffingEntry, i);

      g_string_append_printf (text, "%s=%g@%g\n", e->profession_id, e->fte, e->hours_per_fte);
    }
  return g_string_free (text, FALSE);
}

/* taskmap-tool staffing: sets, lists, refuses what no unit has. */
static void
test_staffing (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const char *const refused[][2] = {
    { "nurse=10000", "10000" },     /* more than 5,000 FTE */
    { "nurse=28@0", "0" },          /* 0 hours a week */
    { "nurse=28@200", "200" },      /* 200 hours a week */
    { "nurse=-3", "-3" },           /* a negative staffing */
    { "Registered nurse=-0.5", NULL },
  };
  g_autofree char *before = NULL;

  g_assert_cmpint (run (fixture, "new", "ward.taskmap", NULL), ==, 0);

  /* Nothing yet */
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "No staffing entered");
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "ward.taskmap");

    g_assert_null (tm_portfolio_get_staffing (portfolio, ""));
  }

  /* Set: by id and by name, a decimal comma, the hours of one FTE, the shift */
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", "nurse=28.5", "ssa=9,5@35.5",
                        "--shift-hours", "7.5", NULL), ==, 0);
  assert_matches (fixture->out, "^Registered nurse +nurse +28\\.5 +37\\.0 \\(standard\\)$");
  assert_matches (fixture->out, "^Social and health care assistant +ssa +9\\.5 +35\\.5$");
  tm_test_assert_contains (fixture->out, "7.5");
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "ward.taskmap");
    const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, "");
    const TmStaffingEntry *nurse, *ssa;

    g_assert_nonnull (staffing);
    g_assert_cmpfloat (staffing->shift_hours, ==, 7.5);
    nurse = tm_staffing_lookup (staffing, "nurse");
    ssa = tm_staffing_lookup (staffing, "ssa");
    g_assert_nonnull (nurse);
    g_assert_nonnull (ssa);
    g_assert_cmpfloat (nurse->fte, ==, 28.5);
    g_assert_cmpfloat (nurse->hours_per_fte, ==, -1);   /* the country's week */
    g_assert_cmpfloat (ssa->fte, ==, 9.5);
    g_assert_cmpfloat (ssa->hours_per_fte, ==, 35.5);
  }
  /* A name instead of an id, and the list again */
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", "Physiotherapist=1@37", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", NULL), ==, 0);
  assert_matches (fixture->out, "^Profession +Id +FTE +Hours per FTE$");
  assert_matches (fixture->out, "^Registered nurse +nurse +28\\.5 +37\\.0 \\(standard\\)$");
  assert_matches (fixture->out, "^Social and health care assistant +ssa +9\\.5 +35\\.5$");
  assert_matches (fixture->out, "^Physiotherapist +physiotherapist +1 +37\\.0$");

  /* Refused: exit 1, a message naming the profession, nothing changed */
  before = describe_staffing (fixture, "ward.taskmap");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *after = NULL;

      g_test_message ("%s", refused[i][0]);
      g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", refused[i][0], NULL), ==, 1);
      tm_test_assert_contains (fixture->err, "Registered nurse");
      if (refused[i][1] != NULL)
        tm_test_assert_contains (fixture->err, refused[i][1]);
      g_assert_cmpstr (fixture->out, ==, "");
      after = describe_staffing (fixture, "ward.taskmap");
      g_assert_cmpstr (after, ==, before);
    }
  /* Not a profession of the portfolio, not a number: bad input too */
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", "astronaut=3", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "astronaut");
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", "nurse=many", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "many");
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", "--shift-hours", "30", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "30");
  {
    g_autofree char *after = describe_staffing (fixture, "ward.taskmap");

    g_assert_cmpstr (after, ==, before);
  }

  /* Malformed: wrong usage */
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", "nurse", NULL), ==, 2);
  tm_test_assert_contains (fixture->err, "PROFESSION=FTE");
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", "--shift-hours", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "staffing", NULL), ==, 2);
  g_assert_cmpint (run (fixture, "staffing", "missing.taskmap", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "missing.taskmap");
  {
    g_autofree char *after = describe_staffing (fixture, "ward.taskmap");

    g_assert_cmpstr (after, ==, before);
  }

  /* "-" clears a profession, and the shift */
  g_assert_cmpint (run (fixture, "staffing", "ward.taskmap", "nurse=-", "--shift-hours", "-", NULL), ==, 0);
  g_assert_null (strstr (fixture->out, "Registered nurse"));
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "ward.taskmap");
    const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, "");

    g_assert_nonnull (staffing);
    g_assert_null (tm_staffing_lookup (staffing, "nurse"));
    g_assert_nonnull (tm_staffing_lookup (staffing, "ssa"));
    g_assert_cmpfloat (staffing->shift_hours, ==, -1);
  }
}

/* The summary in the manager's units: FTE and shares of staffed time, and
 * the scenarios side by side. */
static void
test_summary_staffing (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_auto(GStrv) names = g_new0 (char *, 3);
  double moved[2] = { 0, 0 };
  double fte_freed[2] = { 0, 0 };
  double share[2] = { 0, 0 };

  g_assert_cmpint (run (fixture, "new", "--example", "ward.taskmap", NULL), ==, 0);

  /* The expected figures, worked out from the tasks and the staffing */
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "ward.taskmap");
    GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);
    GListModel *tasks = tm_portfolio_get_tasks (portfolio);
    const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, "");
    const TmStaffingEntry *nurses;

    g_assert_nonnull (staffing);
    nurses = tm_staffing_lookup (staffing, "nurse");
    g_assert_nonnull (nurses);
    g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
    for (guint s = 0; s < 2; s++)
      {
        g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, s);

        names[s] = g_strdup (tm_scenario_get_name (scenario));
        for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
          {
            g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
            const TmMove *move = tm_task_data_get_move (tm_task_peek_data (task), tm_scenario_get_id (scenario));

            if (move != NULL)
              moved[s] += tm_task_get_hours_per_week (task) * move->share / 100;
          }
        fte_freed[s] = moved[s] / nurses->hours_per_fte;
        share[s] = moved[s] / (nurses->fte * nurses->hours_per_fte);
      }
  }

  g_assert_cmpint (run (fixture, "summary", "ward.taskmap", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "Tasks: 42, of which 0 not estimated\n");
  tm_test_assert_contains (fixture->out, "FTE");
  tm_test_assert_contains (fixture->out, names[0]);
  {
    g_autofree char *fte = tm_format_fte_value (fte_freed[0]);
    g_autofree char *percent = tm_format_percent_value (share[0]);
    g_autofree char *headline = g_strdup_printf ("Registered nurse: %.1f hours a week handed over = %s FTE = "
                                                 "%s of their staffed time\n",
                                                 moved[0], fte, percent);
    g_autofree char *pattern = NULL;
    g_autofree char *fte_re = g_regex_escape_string (fte, -1);
    g_autofree char *percent_re = g_regex_escape_string (percent, -1);

    tm_test_assert_contains (fixture->out, headline);
    /* The second table: 28 FTE staffed, the FTE freed, the share of staffed time */
    tm_test_assert_contains (fixture->out, "In FTE and as shares of staffed time");
    pattern = g_strdup_printf ("^Registered nurse +28 +[0-9.]+ %% +%s +0 +%s$", fte_re, percent_re);
    assert_matches (fixture->out, pattern);
    /* Nobody is left without a staffing: no share of the catalogued hours */
    g_assert_null (strstr (fixture->out, " *\n"));
  }
  g_assert_null (strstr (fixture->out, "Not estimated"));

  /* The other scenario by name */
  g_assert_cmpint (run (fixture, "summary", "ward.taskmap", "--scenario", names[1], NULL), ==, 0);
  {
    g_autofree char *line = g_strdup_printf ("Scenario: %s\n", names[1]);
    g_autofree char *percent = tm_format_percent_value (share[1]);

    tm_test_assert_contains (fixture->out, line);
    tm_test_assert_contains (fixture->out, percent);
  }

  /* Side by side: a column per scenario, the names over them */
  g_assert_cmpint (run (fixture, "summary", "--scenarios", "ward.taskmap", NULL), ==, 0);
  {
    g_autofree char *header = NULL;
    g_autofree char *freed_row = NULL;
    g_autofree char *share_row = NULL;
    g_autofree char *fte_0 = tm_format_fte_value (fte_freed[0]);
    g_autofree char *fte_1 = tm_format_fte_value (fte_freed[1]);
    g_autofree char *fte_0_re = g_regex_escape_string (fte_0, -1);
    g_autofree char *fte_1_re = g_regex_escape_string (fte_1, -1);
    g_autofree char *share_0 = tm_format_percent_value (share[0]);
    g_autofree char *share_1 = tm_format_percent_value (share[1]);
    g_autofree char *share_0_re = g_regex_escape_string (share_0, -1);
    g_autofree char *share_1_re = g_regex_escape_string (share_1, -1);
    g_autofree char *name_0_re = g_regex_escape_string (names[0], -1);
    g_autofree char *name_1_re = g_regex_escape_string (names[1], -1);

    header = g_strdup_printf ("^ +%s +%s$", name_0_re, name_1_re);
    assert_matches (fixture->out, header);
    freed_row = g_strdup_printf ("^  FTE freed +%s FTE +%s FTE$", fte_0_re, fte_1_re);
    assert_matches (fixture->out, freed_row);
    share_row = g_strdup_printf ("^  Share of staffed time handed over \\(benchmark about 20 %%\\) +%s +%s$",
                                 share_0_re, share_1_re);
    assert_matches (fixture->out, share_row);
    assert_matches (fixture->out, "^  FTE needed( +[0-9.]+ FTE){2}$");
    assert_matches (fixture->out, "^  Moves chosen +40 +36$");
    assert_matches (fixture->out, "^  … Approved by the MED committee +5 +0$");
  }
}

static char *
uuid_of (Fixture    *fixture,
         const char *name,
         const char *title)
{
  g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, name);
  TmTask *task = tm_test_find_task (portfolio, title);

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
  tm_test_set_title (portfolio, task, title, NULL);
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
  tm_test_assert_contains (fixture->err, expected);
  tm_test_assert_contains (fixture->err, "--take-theirs");
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "after.xml", NULL), ==, 0);
  assert_same_bytes (path (fixture, "before.xml"), path (fixture, "after.xml"));

  /* --dry-run lists it on standard output and changes nothing. */
  g_assert_cmpint (run (fixture, "import", "--dry-run", "ward.taskmap", "theirs.xml", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "Conflict: 1\n");
  tm_test_assert_contains (fixture->out, expected);

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
  tm_test_assert_contains (fixture->out, "Nothing to import");
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

/* Numbers you can trust (issue 10) */

static double
hours_of (TmPortfolio *portfolio,
          const char  *title)
{
  TmTask *task = tm_test_find_task (portfolio, title);

  if (task == NULL)
    g_error ("no task “%s”", title);
  return tm_task_get_hours_per_week (task);
}

/* A count with no period: the tool asks for --per and creates nothing; with
 * it, a task takes minutes × count / 60 hours a week, and the period is
 * remembered for the next file with the same headers. */
static void
test_import_csv_period (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *csv = data_file ("trust", "no-period.csv");
  g_autofree char *csv_2 = data_file ("trust", "no-period-2.csv");
  g_autofree char *total = NULL;

  g_assert_cmpint (run (fixture, "import", "ward.taskmap", csv, NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "no-period.csv");
  tm_test_assert_contains (fixture->err, "--per");
  g_assert_cmpstr (fixture->out, ==, "");
  g_assert_false (g_file_test (path (fixture, "ward.taskmap"), G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (fixture, "import", "--per", "fortnight", "ward.taskmap", csv, NULL), ==, 2);
  tm_test_assert_contains (fixture->err, "--per");
  g_assert_false (g_file_test (path (fixture, "ward.taskmap"), G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (fixture, "import", "--per", "week", "ward.taskmap", csv, NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "2 tasks added.\n");
  tm_test_assert_contains (fixture->out, "2 tasks got a time; 0 have no time estimate.\n");
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "ward.taskmap");

    g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 2);
    g_assert_cmpint (tm_task_get_per (tm_test_find_task (portfolio, "Tage telefonen")), ==, TM_PER_WEEK);
    /* 3 minutes 40 times a week: 2 hours (per day it would be 14) */
    g_assert_cmpfloat_with_epsilon (hours_of (portfolio, "Tage telefonen"), 3 * 40 / 60.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (hours_of (portfolio, "Bestille varer"), 25 * 2 / 60.0, 1e-9);
  }
  g_assert_cmpint (run (fixture, "summary", "ward.taskmap", NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "Tasks: 2, of which 0 not estimated\n");
  total = g_strdup_printf ("Hours per week in total: %.1f\n", (3 * 40 + 25 * 2) / 60.0);
  tm_test_assert_contains (fixture->out, total);

  /* The next file with these headers: no --per needed, the same period */
  g_assert_cmpint (run (fixture, "import", "ward.taskmap", csv_2, NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "1 task added.\n");
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "ward.taskmap");

    g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 3);
    g_assert_cmpint (tm_task_get_per (tm_test_find_task (portfolio, "Sortere post")), ==, TM_PER_WEEK);
    g_assert_cmpfloat_with_epsilon (hours_of (portfolio, "Sortere post"), 12 * 5 / 60.0, 1e-9);
  }
}

/* --dry-run shows what the import would do. For a file the import refuses
 * for want of a period it must fail too (exit status 1), so that a script
 * that checks first learns it.
 * FAILS on the current code: import_csv() in src/cli/taskmap-tool.c prints
 * "give --per" and returns EXIT_OK from its dry-run branch. */
static void
test_import_csv_period_dry_run (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *csv = data_file ("trust", "no-period.csv");
  g_autofree char *said = NULL;
  int status;

  /* With --per: what the counts will be */
  g_assert_cmpint (run (fixture, "import", "--dry-run", "--per", "week", "ward.taskmap", csv, NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "Counts without a period of their own are per week.\n");
  g_assert_false (g_file_test (path (fixture, "ward.taskmap"), G_FILE_TEST_EXISTS));

  /* Without: says to choose the period, creates nothing, and fails */
  status = run (fixture, "import", "--dry-run", "ward.taskmap", csv, NULL);
  said = g_strconcat (fixture->out, fixture->err, NULL);
  tm_test_assert_contains (said, "--per");
  g_assert_false (g_file_test (path (fixture, "ward.taskmap"), G_FILE_TEST_EXISTS));
  g_assert_cmpint (status, ==, 1);
}

/* Spreadsheets whose count column says "per week": no mapping, no --per; a
 * new portfolio takes the file's country and says so, and the column that
 * is not imported is named. */
static void
test_import_csv_per_week (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *nb = data_file ("trust", "libreoffice-nb-per-week.csv");
  g_autofree char *da = data_file ("trust", "excel-da-per-week.csv");

  g_assert_cmpint (run (fixture, "import", "--dry-run", "nb.taskmap", nb, NULL), ==, 0);
  tm_test_assert_contains (fixture->out, "Encoding: UTF-8 with BOM\n");
  assert_matches (fixture->out, "^ +4  Antall per uke +occurrences$");
  assert_matches (fixture->out, "^ +6  Ansvarlig person +ignore$");
  tm_test_assert_contains (fixture->out, "Counts are per week (from the count's header).\n");
  tm_test_assert_contains (fixture->out, "Column “Ansvarlig person” will not be imported.\n");
  g_assert_false (g_file_test (path (fixture, "nb.taskmap"), G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (fixture, "import", "nb.taskmap", nb, NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==,
                   "Creating a Norwegian portfolio: the file's words are Norwegian.\n"
                   "4 tasks added.\n"
                   "Column “Ansvarlig person” was not imported.\n"
                   "3 tasks got a time; 1 has no time estimate.\n");
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "nb.taskmap");
    TmTask *task;

    g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_NO);
    g_assert_cmpstr (tm_portfolio_get_language (portfolio), ==, "nb");
    g_assert_cmpfloat_with_epsilon (hours_of (portfolio, "Tømme urinposer"), 10 * 14 / 60.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (hours_of (portfolio, "Bestille medisiner"), 20 * 1 / 60.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (hours_of (portfolio, "Sengeoppredning"), 6 * 21 / 60.0, 1e-9);
    g_assert_cmpfloat (hours_of (portfolio, "Ringe pårørende"), <, 0);
    /* "Helsefagarbeider" found among the Norwegian professions */
    task = tm_test_find_task (portfolio, "Sengeoppredning");
    g_assert_cmpuint (tm_task_peek_data (task)->performers->len, ==, 1);
    g_assert_cmpstr (g_array_index (tm_task_peek_data (task)->performers, TmPerformer, 0).profession_id, ==,
                     "ssa");
  }

  /* Danish Excel: Windows-1252, the count per week, "Ansvarlig" left out */
  g_assert_cmpint (run (fixture, "import", "da.taskmap", da, NULL), ==, 0);
  g_assert_cmpstr (fixture->out, ==,
                   "Creating a Danish portfolio: the file's words are Danish.\n"
                   "4 tasks added.\n"
                   "Column “Ansvarlig” was not imported.\n"
                   "3 tasks got a time; 1 has no time estimate.\n");
  {
    g_autoptr(TmPortfolio) portfolio = open_portfolio (fixture, "da.taskmap");

    g_assert_cmpint (tm_portfolio_get_country (portfolio), ==, TM_COUNTRY_DK);
    /* 12,5 minutes 6 times a week: 1,25 hours, not 8,75 */
    g_assert_cmpfloat_with_epsilon (hours_of (portfolio, "Tømme urinkolber"), 12.5 * 6 / 60.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (hours_of (portfolio, "Sortere vasketøj"), 45 * 1.5 / 60.0, 1e-9);
  }
}

/* A portfolio or a workbook given as the list to import: refused by what it
 * is, naming the file, and nothing changes or is created. */
static void
test_import_not_csv (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_assert_cmpint (run (fixture, "new", "--example", "ward.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "new", "--unit", "Afsnit B", "other.taskmap", NULL), ==, 0);
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "before.xml", NULL), ==, 0);

  g_assert_cmpint (run (fixture, "import", "ward.taskmap", "other.taskmap", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "other.taskmap");
  tm_test_assert_contains (fixture->err, "is a Taskmap portfolio");
  g_assert_cmpstr (fixture->out, ==, "");
  g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "after.xml", NULL), ==, 0);
  assert_same_bytes (path (fixture, "before.xml"), path (fixture, "after.xml"));

  g_assert_cmpint (run (fixture, "import", "new.taskmap", "other.taskmap", NULL), ==, 1);
  tm_test_assert_contains (fixture->err, "is a Taskmap portfolio");
  g_assert_false (g_file_test (path (fixture, "new.taskmap"), G_FILE_TEST_EXISTS));

  if (tm_xlsx_is_supported ())
    {
      g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "ward.xlsx", NULL), ==, 0);
      g_assert_cmpint (run (fixture, "import", "ward.taskmap", "ward.xlsx", NULL), ==, 1);
      tm_test_assert_contains (fixture->err, "ward.xlsx");
      tm_test_assert_contains (fixture->err, "workbook");
      g_assert_cmpint (run (fixture, "export", "ward.taskmap", "-o", "after.xml", NULL), ==, 0);
      assert_same_bytes (path (fixture, "before.xml"), path (fixture, "after.xml"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  int status;

  tm_test_init (&argc, &argv);

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
  ADD ("/tool/staffing", test_staffing);
  ADD ("/tool/summary-staffing", test_summary_staffing);
  ADD ("/tool/merge", test_merge);
  ADD ("/tool/conflict", test_conflict);
  ADD ("/tool/update", test_update);
  ADD ("/tool/import-csv-period", test_import_csv_period);
  ADD ("/tool/import-csv-per-week", test_import_csv_per_week);
  ADD ("/tool/import-not-csv", test_import_not_csv);
  /* Fails on the current code (see the test); last, so the others run. */
  ADD ("/tool/import-csv-period-dry-run", test_import_csv_period_dry_run);

  status = g_test_run ();
  g_free (tool_path);
  return status;
}
