/* fuzz-csv.c
 * libFuzzer harness for the spreadsheet import: the input is a CSV file.
 * tm_csv_read() detects the encoding, separator and line ends and splits
 * the cells; every getter of the table is read, and tm_csv_import_full()
 * converts the values with the suggested mapping into a new in-memory
 * portfolio (with a period chosen from the input when the file needs one,
 * as the user would). What came in must survive the summary, the analysis,
 * an XML round trip and a CSV catalogue round trip.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
read_table (TmCsvTable *table)
{
  guint n_rows = tm_csv_table_get_n_rows (table);
  guint n_columns = tm_csv_table_get_n_columns (table);
  const TmCsvField *mapping = tm_csv_table_get_suggested_mapping (table);
  g_autoptr(GPtrArray) ignored = NULL;
  char separator = tm_csv_table_get_separator (table);
  TmCountry country;

  FUZZ_CHECK (n_columns <= TM_CSV_MAX_COLUMNS, "%u columns", n_columns);
  FUZZ_CHECK (n_rows <= TM_CSV_MAX_ROWS, "%u rows", n_rows);
  FUZZ_CHECK (separator == ';' || separator == ',' || separator == '\t', "separator 0x%02x", separator);
  FUZZ_CHECK (tm_csv_table_get_separator_label (table) != NULL, "no separator label");
  FUZZ_CHECK (tm_csv_table_get_encoding (table) != NULL, "no encoding");
  FUZZ_CHECK (g_strcmp0 (tm_csv_table_get_display_name (table), "fuzz.csv") == 0, "display name");
  FUZZ_CHECK (mapping != NULL, "no suggested mapping");

  for (guint c = 0; c < n_columns; c++)
    {
      const char *header = tm_csv_table_get_header (table, c);

      FUZZ_CHECK (header != NULL && g_utf8_validate (header, -1, NULL), "header %u not UTF-8", c);
      FUZZ_CHECK ((guint) mapping[c] < TM_CSV_N_FIELDS, "mapping[%u] = %d", c, mapping[c]);
      (void) tm_csv_field_from_header (header);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      FUZZ_CHECK (tm_csv_table_get_row_number (table, r) >= 2, "data row %u is row %u", r,
                  tm_csv_table_get_row_number (table, r));
      for (guint c = 0; c < n_columns; c++)
        {
          const char *cell = tm_csv_table_get_cell (table, r, c);

          FUZZ_CHECK (cell != NULL && g_utf8_validate (cell, -1, NULL), "cell %u,%u not UTF-8", r, c);
        }
    }

  (void) tm_csv_table_get_count_period (table, NULL);
  (void) tm_csv_table_needs_period (table, NULL);
  ignored = tm_csv_table_dup_ignored_columns (table, NULL);
  FUZZ_CHECK (ignored != NULL, "no ignored columns array");
  (void) tm_csv_table_guess_country (table, &country);
}

/* Export the catalogue, read it back and import it into a new portfolio:
 * the same number of tasks (tm-csv.h: the catalogue "reads back with
 * tm_csv_read() and tm_csv_import()"). */
static void
catalogue_round_trip (TmPortfolio *portfolio,
                      guint        n_tasks)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCsvTable) table = NULL;
  g_autoptr(TmPortfolio) copy = NULL;
  g_autofree char *csv = NULL;
  gsize length = 0;
  guint n = 0;
  gboolean ok;

  csv = tm_csv_export_catalogue (portfolio, &length, &error);
  FUZZ_CHECK (csv != NULL, "catalogue export failed: %s", error != NULL ? error->message : "(no error)");
  table = tm_csv_read (csv, length, "fuzz.csv", &error);
  FUZZ_CHECK (table != NULL, "the catalogue does not read back: %s",
              error != NULL ? error->message : "(no error)");
  copy = fuzz_new_portfolio (tm_portfolio_get_country (portfolio));
  ok = tm_csv_import (copy, table, NULL, &n, &error);
  FUZZ_CHECK (ok, "the catalogue does not import back: %s", error != NULL ? error->message : "(no error)");
  FUZZ_CHECK (n == n_tasks, "the catalogue of %u tasks imports back as %u", n_tasks, n);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCsvTable) table = NULL;
  TmPortfolio *portfolio;
  TmCsvImportResult result = { 0 };
  TmCountry country = TM_COUNTRY_DK;
  int per = -1;
  gboolean ok;

  table = tm_csv_read ((const char *) data, size, "fuzz.csv", &error);
  FUZZ_CHECK_RESULT (table != NULL, error, "tm_csv_read");
  if (table == NULL)
    return 0;

  read_table (table);

  /* The user picks a period when the file has counts without one; which
   * one is up to the input, so every period is reached. */
  if (tm_csv_table_needs_period (table, NULL))
    {
      guint hash = 0;

      for (size_t i = 0; i < size; i++)
        hash = hash * 31 + data[i];
      per = (int) (hash % TM_N_PERS);
    }
  if (!tm_csv_table_guess_country (table, &country))
    country = TM_COUNTRY_DK;

  portfolio = fuzz_scratch_take (country);
  ok = tm_csv_import_full (portfolio, table, NULL, per, &result, &error);
  FUZZ_CHECK_RESULT (ok, error, "tm_csv_import_full");
  if (ok)
    {
      guint n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio));

      FUZZ_CHECK (result.n_imported == n_tasks, "%u imported, %u in the portfolio",
                  result.n_imported, n_tasks);
      FUZZ_CHECK (result.n_with_time + result.n_without_time == result.n_imported,
                  "%u with time + %u without != %u", result.n_with_time,
                  result.n_without_time, result.n_imported);
      fuzz_exercise_portfolio (portfolio, "a CSV import", TRUE);
      catalogue_round_trip (portfolio, n_tasks);
    }
  fuzz_scratch_done (country, ok, "tm_csv_import_full");
  tm_csv_import_result_clear (&result);
  return 0;
}
