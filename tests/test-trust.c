/* test-trust.c
 * Tests of "numbers you can trust": counts whose period comes from the
 * spreadsheet's header or is chosen (never per day in silence), periods per
 * month, year and shift, remembered mappings, files given to the import by
 * mistake refused by name, writes that cannot lose the old file on a full
 * disk (a preloaded shim, enospc-preload.c), and portfolios that open for
 * reading only.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-trust"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "tm-test-util.h"

#define HOURS_EPSILON 1e-9

/* Helpers */

/* Reads a fixture as the import dialog does: from its file, by its name. */
static TmCsvTable *
read_fixture (const char *name)
{
  g_autofree char *path = tm_test_data_file ("trust", name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  TmCsvTable *table = tm_csv_read_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  g_assert_cmpstr (tm_csv_table_get_display_name (table), ==, name);
  return table;
}

/* The column whose header is @header, or fails. */
static guint
column_of (TmCsvTable *table,
           const char *header)
{
  for (guint c = 0; c < tm_csv_table_get_n_columns (table); c++)
    if (g_str_equal (tm_csv_table_get_header (table, c), header))
      return c;

  g_test_message ("no column “%s”", header);
  g_assert_not_reached ();
  return 0;
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

static void
assert_same_bytes (GBytes     *expected,
                   const char *path)
{
  g_autoptr(GBytes) now = tm_test_read_bytes (path);

  g_assert_cmpmem (g_bytes_get_data (now, NULL), g_bytes_get_size (now),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by " ". */
static char *
list_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
rm_rf (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0755);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          rm_rf (child);
        }
      g_rmdir (path);
      return;
    }
  g_remove (path);
}

/* 1. Spreadsheet frequency columns */

static const struct {
  const char *header;
  TmPer       per;
} period_headers[] = {
  { "Antal pr. uge", TM_PER_WEEK },
  { "Gange pr. dag", TM_PER_DAY },
  { "Antall per uke", TM_PER_WEEK },
  { "Times per week", TM_PER_WEEK },
  { "Antal/md.", TM_PER_MONTH },
  { "Gange pr. vagt", TM_PER_SHIFT },
  { "Ugentligt antal", TM_PER_WEEK },
  /* Case, surrounding space, a trailing colon and "pr." without its space */
  { "  ANTAL PR.UGE: ", TM_PER_WEEK },
  { "Antall ganger i året", TM_PER_YEAR },
  { "Antal om måneden", TM_PER_MONTH },
  { "Times a day", TM_PER_DAY },
  { "Number per year", TM_PER_YEAR },
  { "Antal (pr. døgn)", TM_PER_DAY },
  { "Ganger per vakt", TM_PER_SHIFT },
  { "Daily count", TM_PER_DAY },
  { "Antall/mnd", TM_PER_MONTH },
};

static void
test_header_period (void)
{
  static const char *const no_period[] = {
    "Antal",             /* a count, but of no period: the user chooses */
    "Times",
    "Antall ganger",
    "Minutter pr. gang", /* minutes per occurrence: not a count per period */
    "Timer pr. uge",     /* hours per week, worked out: not read back */
    "Hours per week",
    "Ansvarlig",
    "Uge",               /* a period with no count */
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (period_headers); i++)
    {
      TmPer per = TM_N_PERS;

      g_test_message ("“%s”", period_headers[i].header);
      g_assert_true (tm_csv_header_get_period (period_headers[i].header, &per));
      g_assert_cmpint (per, ==, period_headers[i].per);
      /* The column is the count, not left out. */
      g_assert_cmpint (tm_csv_field_from_header (period_headers[i].header), ==, TM_CSV_FIELD_OCCURRENCES);
    }

  for (guint i = 0; i < G_N_ELEMENTS (no_period); i++)
    {
      TmPer per = TM_N_PERS;

      g_test_message ("“%s”", no_period[i]);
      g_assert_false (tm_csv_header_get_period (no_period[i], &per));
      g_assert_cmpint (per, ==, TM_N_PERS);
    }
  g_assert_false (tm_csv_header_get_period (NULL, NULL));

  /* What the others are still read as */
  g_assert_cmpint (tm_csv_field_from_header ("Antal"), ==, TM_CSV_FIELD_OCCURRENCES);
  g_assert_cmpint (tm_csv_field_from_header ("Minutter pr. gang"), ==, TM_CSV_FIELD_MINUTES);
  g_assert_cmpint (tm_csv_field_from_header ("Timer pr. uge"), ==, TM_CSV_FIELD_IGNORE);
  g_assert_cmpint (tm_csv_field_from_header ("Ansvarlig"), ==, TM_CSV_FIELD_IGNORE);
  g_assert_cmpint (tm_csv_field_from_header ("Ansvarlig person"), ==, TM_CSV_FIELD_IGNORE);
  g_assert_cmpint (tm_csv_field_from_header ("Responsible"), ==, TM_CSV_FIELD_IGNORE);
}

typedef struct {
  const char *title;
  double      minutes;   /* < 0: no time in the file */
  double      count;
} ExpectedTask;

typedef struct {
  const char   *file;
  const char   *encoding;
  char          separator;
  TmCountry     country;
  const char   *count_header;
  const char   *ignored_header;
  ExpectedTask  tasks[4];
} SpreadsheetCase;

/* The three fixtures of make-fixtures.py, as their users wrote them. */
static const SpreadsheetCase spreadsheets[] = {
  { "excel-da-per-week.csv", "Windows-1252", ';', TM_COUNTRY_DK, "Antal pr. uge", "Ansvarlig",
    { { "Tømme urinkolber", 12.5, 6 },
      { "Bestille varer", 30, 2 },
      { "Rydde skyllerum", -1, 3 },
      { "Sortere vasketøj", 45, 1.5 } } },
  { "libreoffice-nb-per-week.csv", "UTF-8 with BOM", ';', TM_COUNTRY_NO, "Antall per uke",
    "Ansvarlig person",
    { { "Tømme urinposer", 10, 14 },
      { "Bestille medisiner", 20, 1 },
      { "Sengeoppredning", 6, 21 },
      { "Ringe pårørende", -1, -1 } } },
  { "english-per-week.csv", "UTF-8", ',', TM_COUNTRY_DK, "Times per week", "Responsible",
    { { "Answer the phone", 3, 40 },
      { "Restock supplies", 25, 2 },
      { "Order meals, weekends", 15, 1.5 },
      { "Escort patients", -1, 5 } } },
};

static void
test_import_spreadsheet (gconstpointer user_data)
{
  const SpreadsheetCase *c = user_data;
  g_autoptr(TmCsvTable) table = read_fixture (c->file);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (c->country, "Afsnit");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ignored = NULL;
  g_autofree char *ignored_name = g_strdup_printf ("“%s”", c->ignored_header);
  TmCsvImportResult result = { 0 };
  const TmCsvField *mapping;
  guint count_column, ignored_column;
  guint with_time = 0, without_time = 0;

  g_assert_cmpstr (tm_csv_table_get_encoding (table), ==, c->encoding);
  g_assert_cmpint (tm_csv_table_get_separator (table), ==, c->separator);
  g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, G_N_ELEMENTS (c->tasks));

  /* No manual mapping: the count column is the count, per week. */
  mapping = tm_csv_table_get_suggested_mapping (table);
  count_column = column_of (table, c->count_header);
  ignored_column = column_of (table, c->ignored_header);
  g_assert_cmpint (mapping[count_column], ==, TM_CSV_FIELD_OCCURRENCES);
  g_assert_cmpint (mapping[ignored_column], ==, TM_CSV_FIELD_IGNORE);
  g_assert_cmpint (tm_csv_table_get_count_period (table, NULL), ==, TM_PER_WEEK);
  g_assert_cmpint (tm_csv_table_get_count_period (table, mapping), ==, TM_PER_WEEK);
  g_assert_false (tm_csv_table_needs_period (table, NULL));

  ignored = tm_csv_table_dup_ignored_columns (table, NULL);
  g_assert_cmpuint (ignored->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ignored, 0), ==, ignored_name);

  /* per = -1: nothing chosen; the header says it. */
  CHECK_OK (tm_csv_import_full (portfolio, table, NULL, -1, &result, &error));
  g_assert_cmpuint (result.n_imported, ==, G_N_ELEMENTS (c->tasks));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, G_N_ELEMENTS (c->tasks));
  g_assert_nonnull (result.ignored_columns);
  g_assert_cmpuint (result.ignored_columns->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result.ignored_columns, 0), ==, ignored_name);

  for (guint i = 0; i < G_N_ELEMENTS (c->tasks); i++)
    {
      const ExpectedTask *expected = &c->tasks[i];
      TmTask *task = tm_test_get_task (portfolio, expected->title);
      double hours = tm_task_get_hours_per_week (task);

      g_test_message ("%s: %s", c->file, expected->title);
      if (expected->minutes < 0 || expected->count < 0)
        {
          without_time++;
          g_assert_cmpfloat (hours, ==, TM_NOT_ESTIMATED);
          continue;
        }
      with_time++;
      g_assert_cmpint (tm_task_get_per (task), ==, TM_PER_WEEK);
      g_assert_cmpfloat_with_epsilon (tm_task_get_occurrences (task), expected->count, HOURS_EPSILON);
      /* minutes × count / 60 hours a week; read per day it would be seven times that */
      g_assert_cmpfloat_with_epsilon (hours, expected->minutes * expected->count / 60.0, HOURS_EPSILON);
      g_assert_cmpfloat (fabs (hours - expected->minutes * expected->count * 7 / 60.0), >, 0.1);
    }
  g_assert_cmpuint (result.n_with_time, ==, with_time);
  g_assert_cmpuint (result.n_without_time, ==, without_time);
  g_assert_cmpuint (with_time, ==, 3);
  tm_csv_import_result_clear (&result);
  g_assert_null (result.ignored_columns);
}

/* The figures of the Danish file, once more in plain numbers: 12,5 minutes
 * 6 times a week are 1,25 hours, not 8,75. */
static void
test_import_danish_figures (void)
{
  g_autoptr(TmCsvTable) table = read_fixture ("excel-da-per-week.csv");
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  TmTask *task;

  CHECK_OK (tm_csv_import_full (portfolio, table, NULL, -1, NULL, &error));
  task = tm_test_get_task (portfolio, "Tømme urinkolber");
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 1.25, HOURS_EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_task_get_minutes (task), 12.5, HOURS_EPSILON);
  task = tm_test_get_task (portfolio, "Bestille varer");
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 1.0, HOURS_EPSILON);
  task = tm_test_get_task (portfolio, "Sortere vasketøj");
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 1.125, HOURS_EPSILON);
  /* The notes column was imported; who is responsible was not. */
  g_assert_cmpstr (tm_task_get_notes (tm_test_get_task (portfolio, "Bestille varer")), ==, "Hver fredag");
}

/* A count with no period anywhere: the user must choose, and nothing is
 * imported until then. */
static void
test_needs_period (void)
{
  g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Opgave;Minutter;Antal\r\n"
                                                       "Tage telefonen;3;40\r\n"
                                                       "Bestille varer;25;2\r\n");
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmTaskData) existing = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  TmCsvImportResult result = { 0 };
  guint n = 99;

  /* A task that was there before, to see that nothing changes */
  g_free (existing->title);
  existing->title = g_strdup ("Før importen");
  g_assert_nonnull (tm_portfolio_add_task (portfolio, existing, &error));
  g_assert_no_error (error);

  g_assert_cmpint (tm_csv_table_get_count_period (table, NULL), ==, -1);
  g_assert_true (tm_csv_table_needs_period (table, NULL));

  g_assert_false (tm_csv_import_full (portfolio, table, NULL, -1, &result, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MAPPING);
  tm_test_assert_contains (error->message, "test.csv");
  tm_test_assert_contains (error->message, "row 2");
  tm_test_assert_contains (error->message, "“Antal”");
  g_assert_cmpuint (result.n_imported, ==, 0);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  g_assert_cmpstr (tm_task_get_title (tm_test_get_task (portfolio, "Før importen")), ==, "Før importen");
  tm_csv_import_result_clear (&result);
  g_clear_error (&error);

  /* The old call with no period is refused the same way */
  g_assert_false (tm_csv_import (portfolio, table, NULL, &n, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MAPPING);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  g_clear_error (&error);

  /* Chosen: per week */
  CHECK_OK (tm_csv_import_full (portfolio, table, NULL, TM_PER_WEEK, &result, &error));
  g_assert_cmpuint (result.n_imported, ==, 2);
  g_assert_cmpuint (result.n_with_time, ==, 2);
  g_assert_cmpuint (result.n_without_time, ==, 0);
  g_assert_cmpuint (result.ignored_columns->len, ==, 0);
  tm_csv_import_result_clear (&result);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 3);
  g_assert_cmpint (tm_task_get_per (tm_test_get_task (portfolio, "Tage telefonen")), ==, TM_PER_WEEK);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Tage telefonen")),
                                  3 * 40 / 60.0, HOURS_EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Bestille varer")),
                                  25 * 2 / 60.0, HOURS_EPSILON);
}

/* A period column that is filled on some rows: only the others need one,
 * and the message names the first of them. */
static void
test_needs_period_per_row (void)
{
  g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Opgave;Minutter;Antal;Pr.\r\n"
                                                       "Tømme urinkolber;10;6;dag\r\n"
                                                       "Bestille varer;25;2;\r\n"
                                                       "Ikke tidsat;;;\r\n");
  g_autoptr(TmCsvTable) complete = tm_test_read_csv_text ("Opgave;Minutter;Antal;Pr.\r\n"
                                                          "Tømme urinkolber;10;6;dag\r\n"
                                                          "Bestille varer;25;2;uge\r\n");
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  TmCsvImportResult result = { 0 };

  g_assert_false (tm_csv_table_needs_period (complete, NULL));
  g_assert_true (tm_csv_table_needs_period (table, NULL));

  g_assert_false (tm_csv_import_full (portfolio, table, NULL, -1, NULL, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MAPPING);
  tm_test_assert_contains (error->message, "test.csv");
  tm_test_assert_contains (error->message, "row 3");
  tm_test_assert_contains (error->message, "“Antal”");
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  g_clear_error (&error);

  CHECK_OK (tm_csv_import_full (portfolio, table, NULL, TM_PER_WEEK, &result, &error));
  g_assert_cmpuint (result.n_imported, ==, 3);
  g_assert_cmpuint (result.n_with_time, ==, 2);
  g_assert_cmpuint (result.n_without_time, ==, 1);
  tm_csv_import_result_clear (&result);
  /* The row's own period wins over the chosen one */
  g_assert_cmpint (tm_task_get_per (tm_test_get_task (portfolio, "Tømme urinkolber")), ==, TM_PER_DAY);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Tømme urinkolber")),
                                  10 * 6 * 7 / 60.0, HOURS_EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Bestille varer")),
                                  25 * 2 / 60.0, HOURS_EPSILON);
}

/* Per month (52/12 weeks), per year (52 weeks) and per shift (the shifts
 * the task occurs on: 5 a week each, 7 with the weekend). */
static void
test_periods (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  TmCsvImportResult result = { 0 };

  /* One task each, from the header */
  {
    g_autoptr(TmCsvTable) month = tm_test_read_csv_text ("Opgave;Minutter;Antal/md.\r\nTjekke hjertestarter;60;4\r\n");
    g_autoptr(TmCsvTable) year = tm_test_read_csv_text ("Opgave;Minutter;Gange om året\r\nBrandøvelse;30;26\r\n");
    g_autoptr(TmCsvTable) shift = tm_test_read_csv_text ("Opgave;Minutter;Gange pr. vagt;Vagter\r\n"
                                                         "Tømme affald;5;2;dag, aften\r\n"
                                                         "Tjekke ilt;5;2;dag, weekend\r\n");
    TmTask *task;

    g_assert_cmpint (tm_csv_table_get_count_period (month, NULL), ==, TM_PER_MONTH);
    g_assert_cmpint (tm_csv_table_get_count_period (year, NULL), ==, TM_PER_YEAR);
    g_assert_cmpint (tm_csv_table_get_count_period (shift, NULL), ==, TM_PER_SHIFT);
    CHECK_OK (tm_csv_import_full (portfolio, month, NULL, -1, NULL, &error));
    CHECK_OK (tm_csv_import_full (portfolio, year, NULL, -1, NULL, &error));
    CHECK_OK (tm_csv_import_full (portfolio, shift, NULL, -1, NULL, &error));

    /* 4 a month = 4 × 12 / 52 a week, an hour each */
    task = tm_test_get_task (portfolio, "Tjekke hjertestarter");
    g_assert_cmpint (tm_task_get_per (task), ==, TM_PER_MONTH);
    g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 60 * (4 * 12 / 52.0) / 60.0, HOURS_EPSILON);
    /* 26 a year = half a time a week, 30 minutes: a quarter of an hour */
    task = tm_test_get_task (portfolio, "Brandøvelse");
    g_assert_cmpint (tm_task_get_per (task), ==, TM_PER_YEAR);
    g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 0.25, HOURS_EPSILON);
    /* Day and evening on weekdays: 10 shifts; twice a shift, 5 minutes */
    task = tm_test_get_task (portfolio, "Tømme affald");
    g_assert_cmpint (tm_task_get_per (task), ==, TM_PER_SHIFT);
    g_assert_cmpuint (tm_task_get_shifts (task), ==, TM_SHIFT_DAY | TM_SHIFT_EVENING);
    g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 5 * 2 * (2 * 5) / 60.0, HOURS_EPSILON);
    /* The day shift with the weekend: 7 shifts */
    task = tm_test_get_task (portfolio, "Tjekke ilt");
    g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 5 * 2 * 7 / 60.0, HOURS_EPSILON);
  }

  /* The same periods written in a period column */
  {
    g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Opgave;Minutter;Antal;Pr.;Vagter\r\n"
                                                         "Månedlig;60;4;måned;\r\n"
                                                         "Årlig;30;26;år;\r\n"
                                                         "Hver vagt;5;2;vagt;dag, aften, nat, weekend\r\n"
                                                         "Vagt uden vagter;5;2;vagt;\r\n");

    g_assert_false (tm_csv_table_needs_period (table, NULL));
    CHECK_OK (tm_csv_import_full (portfolio, table, NULL, -1, &result, &error));
    g_assert_cmpuint (result.n_imported, ==, 4);
    /* Per shift, but on no shift: not known, never guessed */
    g_assert_cmpuint (result.n_with_time, ==, 3);
    g_assert_cmpuint (result.n_without_time, ==, 1);
    tm_csv_import_result_clear (&result);

    g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Månedlig")),
                                    4 * 12 / 52.0, HOURS_EPSILON);
    g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Årlig")),
                                    30 * 26 / 52.0 / 60.0, HOURS_EPSILON);
    /* Day, evening and night, every day: 21 shifts */
    g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Hver vagt")),
                                    5 * 2 * 21 / 60.0, HOURS_EPSILON);
    g_assert_cmpfloat (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Vagt uden vagter")), ==,
                       TM_NOT_ESTIMATED);
  }

  /* And on the task's own data */
  {
    g_autoptr(TmTaskData) data = tm_task_data_new ();

    data->minutes = 60;
    data->occurrences = 4;
    data->per = TM_PER_MONTH;
    g_assert_cmpfloat_with_epsilon (tm_task_data_get_hours_per_week (data), 4 * 12 / 52.0, HOURS_EPSILON);
    data->per = TM_PER_YEAR;
    g_assert_cmpfloat_with_epsilon (tm_task_data_get_hours_per_week (data), 4 / 52.0, HOURS_EPSILON);
    data->per = TM_PER_SHIFT;
    data->shifts = TM_SHIFT_NIGHT;
    g_assert_cmpfloat_with_epsilon (tm_task_data_get_hours_per_week (data), 4 * 5, HOURS_EPSILON);
    data->shifts = TM_SHIFTS_ALL;
    g_assert_cmpfloat_with_epsilon (tm_task_data_get_hours_per_week (data), 4 * 21, HOURS_EPSILON);
    data->shifts = TM_SHIFT_WEEKEND;   /* the weekend, but no shift named */
    g_assert_cmpfloat (tm_task_data_get_hours_per_week (data), ==, TM_NOT_ESTIMATED);
    data->per = TM_PER_WEEK;
    g_assert_cmpfloat_with_epsilon (tm_task_data_get_hours_per_week (data), 4, HOURS_EPSILON);
    data->per = TM_PER_DAY;
    g_assert_cmpfloat_with_epsilon (tm_task_data_get_hours_per_week (data), 28, HOURS_EPSILON);
  }

  /* The new periods have ids and labels */
  {
    static const struct { TmPer per; const char *id; } ids[] = {
      { TM_PER_MONTH, "month" }, { TM_PER_YEAR, "year" }, { TM_PER_SHIFT, "shift" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        TmPer per = TM_N_PERS;

        g_assert_cmpstr (tm_per_to_id (ids[i].per), ==, ids[i].id);
        g_assert_true (tm_per_from_id (ids[i].id, &per));
        g_assert_cmpint (per, ==, ids[i].per);
        g_assert_nonnull (tm_per_get_label (ids[i].per));
      }
  }
}

/* The mapping and the period chosen for a file are remembered for the
 * next file with the same headers. */
static void
test_presets (void)
{
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-test-trust-XXXXXX");
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *saved_config = g_strdup (g_getenv ("TASKMAP_CONFIG_DIR"));
  g_autoptr(TmCsvTable) first = tm_test_read_csv_text ("Opgave;Tid;Hvor ofte;Ansvarlig\r\n"
                                                       "Tage telefonen;3;40;Birgitte\r\n");
  g_autoptr(TmCsvTable) second = tm_test_read_csv_text ("Opgave;Tid;Hvor ofte;Ansvarlig\r\n"
                                                        "Sortere post;12;5;Jørgen\r\n"
                                                        "Bestille varer;25;2;\r\n");
  g_autoptr(TmCsvTable) other = tm_test_read_csv_text ("Opgave;Tid;Hvor tit;Ansvarlig\r\n"
                                                       "Sortere post;12;5;Jørgen\r\n");
  static const TmCsvField chosen[] = {
    TM_CSV_FIELD_TITLE, TM_CSV_FIELD_MINUTES, TM_CSV_FIELD_OCCURRENCES, TM_CSV_FIELD_IGNORE,
  };
  TmCsvField mapping[G_N_ELEMENTS (chosen)];
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;
  g_autofree char *ini = g_build_filename (config, "csv-mappings.ini", NULL);
  int per = 42;

  g_setenv ("TASKMAP_CONFIG_DIR", config, TRUE);

  /* The headers alone do not say which is the time and which the count */
  g_assert_cmpint (tm_csv_table_get_suggested_mapping (first)[1], ==, TM_CSV_FIELD_IGNORE);
  g_assert_cmpint (tm_csv_table_get_suggested_mapping (first)[2], ==, TM_CSV_FIELD_IGNORE);

  /* Nothing remembered yet: the mapping is left as it was */
  for (guint i = 0; i < G_N_ELEMENTS (mapping); i++)
    mapping[i] = TM_CSV_FIELD_NOTES;
  g_assert_false (tm_csv_table_load_preset (second, mapping, &per));
  for (guint i = 0; i < G_N_ELEMENTS (mapping); i++)
    g_assert_cmpint (mapping[i], ==, TM_CSV_FIELD_NOTES);
  g_assert_cmpint (per, ==, 42);

  /* Chosen for the first file and imported */
  CHECK_OK (tm_csv_import_full (portfolio, first, chosen, TM_PER_WEEK, NULL, &error));
  CHECK_OK (tm_csv_table_save_preset (first, chosen, TM_PER_WEEK, &error));
  g_assert_true (g_file_test (ini, G_FILE_TEST_IS_REGULAR));

  /* The second file gets it */
  g_assert_true (tm_csv_table_load_preset (second, mapping, &per));
  for (guint i = 0; i < G_N_ELEMENTS (mapping); i++)
    g_assert_cmpint (mapping[i], ==, chosen[i]);
  g_assert_cmpint (per, ==, TM_PER_WEEK);
  g_assert_true (tm_csv_table_needs_period (second, mapping));
  CHECK_OK (tm_csv_import_full (portfolio, second, mapping, per, NULL, &error));
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Sortere post")),
                                  12 * 5 / 60.0, HOURS_EPSILON);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tm_test_get_task (portfolio, "Bestille varer")),
                                  25 * 2 / 60.0, HOURS_EPSILON);

  /* Other headers, nothing remembered */
  per = 42;
  g_assert_false (tm_csv_table_load_preset (other, mapping, &per));
  g_assert_cmpint (per, ==, 42);

  /* Saved again without a period: the period is forgotten, the mapping kept */
  CHECK_OK (tm_csv_table_save_preset (first, chosen, -1, &error));
  g_assert_true (tm_csv_table_load_preset (second, mapping, &per));
  g_assert_cmpint (per, ==, -1);
  g_assert_cmpint (mapping[2], ==, TM_CSV_FIELD_OCCURRENCES);

  if (saved_config != NULL)
    g_setenv ("TASKMAP_CONFIG_DIR", saved_config, TRUE);
  else
    g_unsetenv ("TASKMAP_CONFIG_DIR");
  rm_rf (dir);
}

static void
test_guess_country (void)
{
  TmCountry country;

  {
    g_autoptr(TmCsvTable) table = read_fixture ("libreoffice-nb-per-week.csv");

    country = TM_N_COUNTRIES;
    g_assert_true (tm_csv_table_guess_country (table, &country));
    g_assert_cmpint (country, ==, TM_COUNTRY_NO);
  }
  {
    g_autoptr(TmCsvTable) table = read_fixture ("excel-da-per-week.csv");

    country = TM_N_COUNTRIES;
    g_assert_true (tm_csv_table_guess_country (table, &country));
    g_assert_cmpint (country, ==, TM_COUNTRY_DK);
  }
  {
    g_autoptr(TmCsvTable) table = read_fixture ("english-per-week.csv");

    /* English words say neither */
    g_assert_false (tm_csv_table_guess_country (table, &country));
  }
  {
    /* English headers; the Norwegian professions tell */
    g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Title;Minutes;Times per week;Performed by\r\n"
                                                         "Stell;20;14;Sykepleier\r\n"
                                                         "Sengeoppredning;6;21;Helsefagarbeider\r\n"
                                                         "Måltider;10;7;Helsefagarbeider\r\n");

    country = TM_N_COUNTRIES;
    g_assert_true (tm_csv_table_guess_country (table, &country));
    g_assert_cmpint (country, ==, TM_COUNTRY_NO);
  }
}

/* 2. Files given to the import by mistake, refused by name */

static void
assert_refused (const char *path,
                const char *what_1,
                const char *what_2)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCsvTable) table = tm_csv_read_file (file, &error);

  g_assert_null (table);
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT);
  g_test_message ("%s", error->message);
  tm_test_assert_contains (error->message, name);
  tm_test_assert_contains (error->message, what_1);
  if (what_2 != NULL)
    tm_test_assert_contains (error->message, what_2);
}

static void
test_refuse_other_kinds (void)
{
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-test-trust-XXXXXX");
  g_autofree char *portfolio_path = g_build_filename (dir, "ward.taskmap", NULL);
  g_autofree char *renamed = g_build_filename (dir, "tasks-from-ward.csv", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "opgaver.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;

  /* A real portfolio file */
  {
    g_autoptr(GFile) file = g_file_new_for_path (portfolio_path);
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit", &error);

    g_assert_no_error (error);
    g_assert_nonnull (portfolio);
  }
  assert_refused (portfolio_path, "Taskmap portfolio", "XML");
  /* Recognised by its bytes, not its name */
  {
    g_autoptr(GBytes) bytes = tm_test_read_bytes (portfolio_path);

    write_bytes (renamed, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }
  assert_refused (renamed, "Taskmap portfolio", NULL);

  /* A workbook: a zip file */
  {
    static const char zip[] = "PK\003\004\024\000\006\000\010\000\000\000!\000[Content_Types].xml";

    write_bytes (xlsx, zip, sizeof zip - 1);
  }
  assert_refused (xlsx, "workbook", "CSV");

  /* A PDF */
  {
    static const char head[] = "%PDF-1.5\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";

    write_bytes (pdf, head, sizeof head - 1);
  }
  assert_refused (pdf, "PDF", NULL);

  rm_rf (dir);
}

/* UTF-8 with one broken character in the middle is refused, not read as
 * Windows-1252 (which would turn every æ, ø and å into two letters). */
static void
test_refuse_broken_utf8 (void)
{
  static const char text[] = "Opgave;Minutter;Antal pr. uge\n"
                             "Tømme urinkolber;5;3\n"
                             "Bestille varer på fredag;5;3\n"
                             "Rydde op i k\xc3(kkenet;5;3\n"
                             "Sortere vasketøj;1;1\n";
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-test-trust-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "broken.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCsvTable) table = NULL;

  /* The rest is UTF-8 */
  g_assert_false (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_utf8_validate (text, strstr (text, "\xc3(") - text, NULL));

  write_bytes (path, text, sizeof text - 1);
  table = tm_csv_read_file (file, &error);
  g_assert_null (table);
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT);
  tm_test_assert_contains (error->message, "broken.csv");
  tm_test_assert_contains (error->message, "line 4");
  g_clear_error (&error);

  /* The same from memory */
  table = tm_csv_read (text, sizeof text - 1, "liste.csv", &error);
  g_assert_null (table);
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT);
  tm_test_assert_contains (error->message, "liste.csv");
  tm_test_assert_contains (error->message, "line 4");
  g_clear_error (&error);

  /* Windows-1252 without any UTF-8 in it is still read as such */
  {
    static const char latin1[] = "Opgave;Minutter;Antal pr. uge\r\nT\xf8mme urinkolber;5;3\r\n";

    table = tm_csv_read (latin1, sizeof latin1 - 1, "latin1.csv", &error);
    g_assert_no_error (error);
    g_assert_nonnull (table);
    g_assert_cmpstr (tm_csv_table_get_encoding (table), ==, "Windows-1252");
    g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 0), ==, "Tømme urinkolber");
  }

  rm_rf (dir);
}

/* 3. Writes that cannot lose the old file: a full disk */

typedef gboolean (*WriteFunc) (TmPortfolio  *portfolio,
                               GFile        *file,
                               GError      **error);

typedef struct {
  const char *id;
  const char *file_name;
  WriteFunc   write;
  gboolean    says_disk_full;   /* the message is TM_ATOMIC_ERROR_NO_SPACE */
} Writer;

static gboolean
write_csv_catalogue (TmPortfolio *portfolio, GFile *file, GError **error)
{
  return tm_csv_export_catalogue_file (portfolio, file, error);
}

static gboolean
write_csv_matrix (TmPortfolio *portfolio, GFile *file, GError **error)
{
  return tm_csv_export_matrix_file (portfolio, NULL, file, error);
}

static gboolean
write_xml (TmPortfolio *portfolio, GFile *file, GError **error)
{
  return tm_xml_export_file (portfolio, file, error);
}

static gboolean
write_xlsx (TmPortfolio *portfolio, GFile *file, GError **error)
{
  return tm_xlsx_export (portfolio, NULL, file, error);
}

static gboolean
write_view_pdf (TmPortfolio *portfolio, GFile *file, GError **error)
{
  return tm_view_export (portfolio, NULL, TM_VIEW_MATRIX, TM_EXPORT_PDF, file, error);
}

static gboolean
write_view_png (TmPortfolio *portfolio, GFile *file, GError **error)
{
  return tm_view_export (portfolio, NULL, TM_VIEW_CAPACITY, TM_EXPORT_PNG, file, error);
}

static gboolean
write_report (TmPortfolio *portfolio, GFile *file, GError **error)
{
  return tm_report_write_pdf (portfolio, NULL, NULL, file, NULL, NULL, error);
}

static gboolean
write_copy (TmPortfolio *portfolio, GFile *file, GError **error)
{
  return tm_portfolio_save_copy (portfolio, file, error);
}

static const Writer writers[] = {
  { "csv-catalogue", "opgaver.csv", write_csv_catalogue, TRUE },
  { "csv-matrix", "matrix.csv", write_csv_matrix, TRUE },
  { "xml", "afsnit.xml", write_xml, TRUE },
  { "xlsx", "afsnit.xlsx", write_xlsx, FALSE },
  { "view-pdf", "matrix.pdf", write_view_pdf, TRUE },
  { "view-png", "kapacitet.png", write_view_png, TRUE },
  { "report", "rapport.pdf", write_report, FALSE },
  { "save-copy", "kopi.taskmap", write_copy, TRUE },
};

/* In the child: the shim is there, and writes under the folder fail. */
static void
assert_disk_is_full (const char *dir)
{
  g_autofree char *canary = g_build_filename (dir, "canary", NULL);
  int fd = open (canary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ssize_t n;
  int saved;

  g_assert_cmpint (fd, >=, 0);
  n = write (fd, "x", 1);
  saved = errno;
  close (fd);
  if (n != -1 || saved != ENOSPC)
    g_error ("The full-disk shim is not active: a write under %s succeeded. "
             "Is LD_PRELOAD set to enospc-preload?", dir);

  /* Streams too: cairo and libxlsxwriter write through stdio */
  {
    FILE *f = fopen (canary, "wb");
    int closed;

    g_assert_nonnull (f);
    fputs ("x", f);
    closed = fclose (f);
    g_assert_cmpint (closed, ==, EOF);
  }
  g_unlink (canary);
}

static void
test_full_disk (gconstpointer user_data)
{
  const Writer *writer = user_data;
  const char *preload = g_getenv ("TASKMAP_ENOSPC_PRELOAD");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GBytes) good = NULL;

  if (g_strcmp0 (writer->id, "xlsx") == 0 && !tm_xlsx_is_supported ())
    {
      g_test_skip ("This build has no XLSX export");
      return;
    }

  if (g_test_subprocess ())
    {
      g_autoptr(TmPortfolio) portfolio = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      gboolean ok;

      dir = g_strdup (g_getenv ("TM_ENOSPC_DIR"));
      g_assert_nonnull (dir);
      assert_disk_is_full (dir);

      portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, writer->file_name, NULL);
      file = g_file_new_for_path (path);
      ok = writer->write (portfolio, file, &error);
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_print ("%s\n", error->message);
      name = g_path_get_basename (path);
      tm_test_assert_contains (error->message, name);
      if (writer->says_disk_full)
        g_assert_error (error, TM_ATOMIC_ERROR, TM_ATOMIC_ERROR_NO_SPACE);
      return;
    }

  if (preload == NULL || !g_file_test (preload, G_FILE_TEST_EXISTS))
    {
      /* CI (which sets TASKMAP_REQUIRE_TRANSLATIONS=1) must run them */
      if (g_strcmp0 (g_getenv ("TASKMAP_REQUIRE_TRANSLATIONS"), "1") == 0)
        g_test_fail_printf ("TASKMAP_ENOSPC_PRELOAD is not set or missing (tests/enospc-preload.c "
                            "not built): the full-disk tests cannot run, and CI requires them");
      else
        g_test_skip ("TASKMAP_ENOSPC_PRELOAD is not set: the full-disk shim is not built");
      return;
    }

  dir = tm_test_make_tmp_dir ("taskmap-test-trust-XXXXXX");
  path = g_build_filename (dir, writer->file_name, NULL);

  /* The good file: an earlier export of another portfolio, in its place */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TmPortfolio) earlier = tm_example_create (NULL, TM_COUNTRY_NO, &error);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_no_error (error);
    CHECK_OK (writer->write (earlier, file, &error));
    good = tm_test_read_bytes (path);
    g_assert_cmpuint (g_bytes_get_size (good), >, 0);
  }

  /* The export onto it on a full disk, in a child with the shim */
  {
    g_autofree char *saved_preload = g_strdup (g_getenv ("LD_PRELOAD"));
    g_autofree char *saved_asan = g_strdup (g_getenv ("ASAN_OPTIONS"));
    g_autofree char *asan = NULL;
    g_autofree char *ld_preload = NULL;

    /* The shim before ASan's runtime, which then must not insist on coming
     * first; leaks of an aborted child are not this test's business. */
    asan = saved_asan != NULL && *saved_asan != '\0'
           ? g_strconcat (saved_asan, ":verify_asan_link_order=0:detect_leaks=0", NULL)
           : g_strdup ("verify_asan_link_order=0:detect_leaks=0");
    ld_preload = saved_preload != NULL && *saved_preload != '\0'
                 ? g_strconcat (preload, ":", saved_preload, NULL)
                 : g_strdup (preload);
    g_setenv ("LD_PRELOAD", ld_preload, TRUE);
    g_setenv ("TM_ENOSPC_DIR", dir, TRUE);
    g_setenv ("ASAN_OPTIONS", asan, TRUE);

    g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);

    if (saved_preload != NULL)
      g_setenv ("LD_PRELOAD", saved_preload, TRUE);
    else
      g_unsetenv ("LD_PRELOAD");
    if (saved_asan != NULL)
      g_setenv ("ASAN_OPTIONS", saved_asan, TRUE);
    else
      g_unsetenv ("ASAN_OPTIONS");
    g_unsetenv ("TM_ENOSPC_DIR");
  }

  g_test_trap_assert_passed ();
  {
    g_autofree char *pattern = g_strdup_printf ("*%s*", writer->file_name);

    g_test_trap_assert_stdout (pattern);
  }

  /* The old file byte for byte, and nothing left beside it */
  assert_same_bytes (good, path);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, writer->file_name);

  rm_rf (dir);
}

/* 4. Read-only and linked portfolios */

/* Opens @open_path for reading only; everything that reads works, every
 * edit is refused, and @real_path keeps its bytes. @out is a folder that
 * can be written. */
static void
check_read_only (const char *open_path,
                 const char *real_path,
                 const char *out,
                 guint       expected_tasks)
{
  g_autoptr(GFile) file = g_file_new_for_path (open_path);
  g_autofree char *name = g_path_get_basename (open_path);
  g_autofree char *dir = g_path_get_dirname (open_path);
  g_autofree char *listing_before = list_dir (dir);
  g_autofree char *listing_after = NULL;
  g_autoptr(GBytes) before = tm_test_read_bytes (real_path);
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  TmTask *task;

  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  g_assert_true (tm_portfolio_is_read_only (portfolio));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, expected_tasks);
  task = tm_test_get_task (portfolio, "Tage telefonen");

  /* Exports and the report */
  {
    g_autofree char *csv = g_build_filename (out, "opgaver.csv", NULL);
    g_autofree char *xml = g_build_filename (out, "afsnit.xml", NULL);
    g_autofree char *pdf = g_build_filename (out, "matrix.pdf", NULL);
    g_autofree char *report = g_build_filename (out, "rapport.pdf", NULL);
    const char *const outputs[] = { csv, xml, pdf, report };
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv);
    g_autoptr(GFile) xml_file = g_file_new_for_path (xml);
    g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
    g_autoptr(GFile) report_file = g_file_new_for_path (report);

    CHECK_OK (tm_csv_export_catalogue_file (portfolio, csv_file, &error));
    CHECK_OK (tm_xml_export_file (portfolio, xml_file, &error));
    CHECK_OK (tm_view_export (portfolio, tm_test_scenario_id_at (portfolio, 0), TM_VIEW_MATRIX, TM_EXPORT_PDF,
                              pdf_file, &error));
    CHECK_OK (tm_report_write_pdf (portfolio, NULL, NULL, report_file, NULL, NULL, &error));
    for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
      {
        g_autoptr(GBytes) bytes = tm_test_read_bytes (outputs[i]);

        g_assert_cmpuint (g_bytes_get_size (bytes), >, 100);
        g_remove (outputs[i]);
      }
  }

  /* Edits are refused, naming the file */
  {
    g_autoptr(TmTaskData) data = tm_task_data_new ();
    g_autoptr(TmTaskData) changed = tm_task_dup_data (task);

    g_free (data->title);
    data->title = g_strdup ("Ny opgave");
    g_assert_null (tm_portfolio_add_task (portfolio, data, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY);
    tm_test_assert_contains (error->message, name);
    g_clear_error (&error);

    g_free (changed->title);
    changed->title = g_strdup ("Ændret");
    g_assert_false (tm_portfolio_update_task (portfolio, task, changed, NULL, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);

    g_assert_false (tm_portfolio_delete_tasks (portfolio, &task, 1, &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);

    g_assert_false (tm_portfolio_set_language (portfolio, "en", &error));
    g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);

    /* Nothing changed in memory either */
    g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, expected_tasks);
    g_assert_cmpstr (tm_task_get_title (task), ==, "Tage telefonen");
  }

  g_clear_object (&portfolio);

  /* The file as it was, and no journal, WAL or lock file beside it */
  assert_same_bytes (before, real_path);
  listing_after = list_dir (dir);
  g_assert_cmpstr (listing_after, ==, listing_before);
}

/* "Save a Copy makes an editable copy" (tm-portfolio.h) of a portfolio
 * open for reading only.
 * FAILS on the current code: tm_portfolio_save_copy() begins with
 * ensure_open() (src/core/tm-portfolio.c), which refuses every call on a
 * read-only portfolio with TM_STORE_ERROR_READ_ONLY, whose message says to
 * use Save a Copy. */
static void
check_copy_of_read_only (const char *open_path,
                         const char *out,
                         guint       expected_tasks)
{
  g_autoptr(GFile) file = g_file_new_for_path (open_path);
  g_autofree char *copy = g_build_filename (out, "kopi.taskmap", NULL);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy);
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(TmPortfolio) editable = NULL;
  g_autoptr(GError) error = NULL;

  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  g_assert_true (tm_portfolio_is_read_only (portfolio));

  CHECK_OK (tm_portfolio_save_copy (portfolio, copy_file, &error));
  g_clear_object (&portfolio);

  editable = tm_portfolio_open (copy_file, &error);
  g_assert_no_error (error);
  g_assert_false (tm_portfolio_is_read_only (editable));
  g_assert_cmpuint (tm_test_n_tasks (editable), ==, expected_tasks);
  CHECK_OK (tm_portfolio_set_language (editable, "en", &error));
  g_clear_object (&editable);
  g_remove (copy);
}

static char *
make_example_file (const char *dir,
                   const char *name,
                   guint      *n)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (file, TM_COUNTRY_DK, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  *n = tm_test_n_tasks (portfolio);
  g_assert_cmpuint (*n, >, 0);
  g_assert_nonnull (tm_test_get_task (portfolio, "Tage telefonen"));
  return path;
}

static void
test_read_only_symlink (void)
{
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-test-trust-XXXXXX");
  g_autofree char *units = g_build_filename (dir, "units", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *real = NULL;
  g_autofree char *link = NULL;
  guint n = 0;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (units, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  real = make_example_file (units, "afsnit.taskmap", &n);
  link = g_build_filename (units, "genvej.taskmap", NULL);
  g_assert_cmpint (symlink ("afsnit.taskmap", link), ==, 0);

  check_read_only (link, real, out, n);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));

  /* Opened by its own name it is a portfolio to edit */
  {
    g_autoptr(GFile) file = g_file_new_for_path (real);
    g_autoptr(GError) error = NULL;
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);

    g_assert_no_error (error);
    g_assert_false (tm_portfolio_is_read_only (portfolio));
  }

  rm_rf (dir);
}

static void
test_read_only_permissions (void)
{
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-test-trust-XXXXXX");
  g_autofree char *units = g_build_filename (dir, "units", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *real = NULL;
  guint n = 0;

  if (geteuid () == 0)
    {
      /* root writes whatever the permissions say: nothing would open read only */
      g_test_message ("Running as root, which ignores permissions: the read-only file "
                      "in a read-only folder is not checked");
      rm_rf (dir);
      return;
    }

  g_assert_cmpint (g_mkdir (units, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  real = make_example_file (units, "afsnit.taskmap", &n);
  g_assert_cmpint (g_chmod (real, 0444), ==, 0);
  g_assert_cmpint (g_chmod (units, 0555), ==, 0);

  check_read_only (real, real, out, n);

  g_chmod (units, 0755);
  rm_rf (dir);
}

static void
test_read_only_save_copy (void)
{
  g_autofree char *dir = tm_test_make_tmp_dir ("taskmap-test-trust-XXXXXX");
  g_autofree char *units = g_build_filename (dir, "units", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *real = NULL;
  g_autofree char *link = NULL;
  guint n = 0;

  g_assert_cmpint (g_mkdir (units, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (out, 0755), ==, 0);
  real = make_example_file (units, "afsnit.taskmap", &n);
  link = g_build_filename (units, "genvej.taskmap", NULL);
  g_assert_cmpint (symlink ("afsnit.taskmap", link), ==, 0);

  check_copy_of_read_only (link, out, n);

  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/trust/csv/header-period", test_header_period);
  for (guint i = 0; i < G_N_ELEMENTS (spreadsheets); i++)
    {
      g_autofree char *path = g_strconcat ("/trust/csv/import/", spreadsheets[i].file, NULL);

      g_test_add_data_func (path, &spreadsheets[i], test_import_spreadsheet);
    }
  g_test_add_func ("/trust/csv/import/danish-figures", test_import_danish_figures);
  g_test_add_func ("/trust/csv/needs-period", test_needs_period);
  g_test_add_func ("/trust/csv/needs-period-per-row", test_needs_period_per_row);
  g_test_add_func ("/trust/csv/periods", test_periods);
  g_test_add_func ("/trust/csv/presets", test_presets);
  g_test_add_func ("/trust/csv/guess-country", test_guess_country);
  g_test_add_func ("/trust/refuse/other-kinds", test_refuse_other_kinds);
  g_test_add_func ("/trust/refuse/broken-utf8", test_refuse_broken_utf8);
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_autofree char *path = g_strconcat ("/trust/full-disk/", writers[i].id, NULL);

      g_test_add_data_func (path, &writers[i], test_full_disk);
    }
  g_test_add_func ("/trust/read-only/symlink", test_read_only_symlink);
  g_test_add_func ("/trust/read-only/permissions", test_read_only_permissions);
  /* Fails on the current code (see check_copy_of_read_only()); last, so the others run. */
  g_test_add_func ("/trust/read-only/save-copy", test_read_only_save_copy);

  return g_test_run ();
}
