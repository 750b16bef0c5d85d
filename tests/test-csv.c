/* test-csv.c
 * Tests of the CSV import and export: files as Danish and Norwegian Excel and
 * LibreOffice write them, every refusal, one undo step, and round trips.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "tm-test-util.h"

/* Helpers */

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = tm_test_data_file ("csv", name);

  return tm_test_read_bytes (path);
}

static TmCsvTable *
read_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  TmCsvTable *table;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  table = tm_csv_read (data, length, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Imports @table with its suggested mapping; returns the number of tasks. */
static guint
import_table (TmPortfolio *portfolio,
              TmCsvTable  *table)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  CHECK_OK (tm_csv_import (portfolio, table, tm_csv_table_get_suggested_mapping (table), &n, &error));
  g_assert_cmpuint (n, ==, tm_csv_table_get_n_rows (table));
  return n;
}

/* What the task called @title holds (the portfolio keeps the task). */
static const TmTaskData *
find_data (TmPortfolio *portfolio,
           const char  *title)
{
  return tm_task_peek_data (tm_test_get_task (portfolio, title));
}

static double
performer_share (const TmTaskData *data,
                 const char       *profession_id)
{
  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);

      if (g_str_equal (p->profession_id, profession_id))
        return p->share;
    }
  return -1;
}

static void
assert_mapping (TmCsvTable       *table,
                const TmCsvField *expected,
                guint             n)
{
  const TmCsvField *mapping = tm_csv_table_get_suggested_mapping (table);

  g_assert_cmpuint (tm_csv_table_get_n_columns (table), ==, n);
  for (guint i = 0; i < n; i++)
    {
      if (mapping[i] != expected[i])
        g_test_message ("column %u “%s”: %s, expected %s", i, tm_csv_table_get_header (table, i),
                        tm_csv_field_to_id (mapping[i]), tm_csv_field_to_id (expected[i]));
      g_assert_cmpint (mapping[i], ==, expected[i]);
    }
}

static const TmCsvField full_mapping[] = {
  TM_CSV_FIELD_TITLE, TM_CSV_FIELD_DESCRIPTION, TM_CSV_FIELD_GROUP, TM_CSV_FIELD_LEVEL,
  TM_CSV_FIELD_COMPLEXITY, TM_CSV_FIELD_MINUTES, TM_CSV_FIELD_OCCURRENCES, TM_CSV_FIELD_PER,
  TM_CSV_FIELD_SHIFTS, TM_CSV_FIELD_PERFORMED_BY, TM_CSV_FIELD_NOTES,
};

/* Reading */

static void
assert_danish_table (TmCsvTable *table)
{
  g_assert_cmpint (tm_csv_table_get_separator (table), ==, ';');
  assert_mapping (table, full_mapping, G_N_ELEMENTS (full_mapping));

  /* Row 5 is blank: left out, but the rows keep their spreadsheet numbers. */
  g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, 4);
  g_assert_cmpuint (tm_csv_table_get_row_number (table, 0), ==, 2);
  g_assert_cmpuint (tm_csv_table_get_row_number (table, 2), ==, 4);
  g_assert_cmpuint (tm_csv_table_get_row_number (table, 3), ==, 6);

  g_assert_cmpstr (tm_csv_table_get_header (table, 9), ==, "Udføres i dag af");
  g_assert_cmpstr (tm_csv_table_get_header (table, 10), ==, "Bemærkninger");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 0), ==, "Tømme urinkolber");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 10), ==,
                   "Måles diuresen, gives besked til sygeplejersken. Kolber à 5 € pr. stk.");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 1), ==,
                   "Servere mad og drikke ved måltiderne; også til nye patienter");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 10), ==, "");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 3, 1), ==,
                   "Aftale med kommunen, \"Klar til udskrivelse\"");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 3, 2), ==, "Øvrige opgaver");
}

static void
test_read_excel_1252 (void)
{
  g_autoptr(TmCsvTable) table = read_fixture ("excel-da-1252.csv");

  g_assert_cmpstr (tm_csv_table_get_encoding (table), ==, "Windows-1252");
  g_assert_cmpstr (tm_csv_table_get_display_name (table), ==, "excel-da-1252.csv");
  assert_danish_table (table);
}

static void
test_read_excel_utf8_bom (void)
{
  g_autoptr(TmCsvTable) table = read_fixture ("excel-da-utf8-bom.csv");
  g_autoptr(TmCsvTable) other = read_fixture ("excel-da-1252.csv");

  g_assert_cmpstr (tm_csv_table_get_encoding (table), ==, "UTF-8 with BOM");
  /* The BOM is not part of the first header. */
  g_assert_cmpstr (tm_csv_table_get_header (table, 0), ==, "Opgave");
  assert_danish_table (table);

  /* Cell for cell the same as the Windows-1252 file. */
  for (guint r = 0; r < tm_csv_table_get_n_rows (table); r++)
    for (guint c = 0; c < tm_csv_table_get_n_columns (table); c++)
      g_assert_cmpstr (tm_csv_table_get_cell (table, r, c), ==, tm_csv_table_get_cell (other, r, c));
}

static void
test_read_libreoffice (void)
{
  g_autoptr(TmCsvTable) table = read_fixture ("libreoffice-comma.csv");

  g_assert_cmpstr (tm_csv_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpint (tm_csv_table_get_separator (table), ==, ',');
  g_assert_cmpstr (tm_csv_table_get_separator_label (table), ==, "Comma (,)");
  assert_mapping (table, full_mapping, G_N_ELEMENTS (full_mapping));
  g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, 3);

  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 1), ==, "Answer; escalate clinical calls, always");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 10), ==, "She said \"not now\"\nand hung up");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 1), ==,
                   "Line one\nline two, with comma\nline \"three\"");
  /* A record with line breaks inside counts as one spreadsheet row. */
  g_assert_cmpuint (tm_csv_table_get_row_number (table, 1), ==, 3);
  g_assert_cmpuint (tm_csv_table_get_row_number (table, 2), ==, 4);
}

static void
test_read_tab (void)
{
  static const TmCsvField expected[] = {
    TM_CSV_FIELD_TITLE, TM_CSV_FIELD_GROUP, TM_CSV_FIELD_LEVEL, TM_CSV_FIELD_MINUTES,
    TM_CSV_FIELD_OCCURRENCES, TM_CSV_FIELD_PER,
  };
  g_autoptr(TmCsvTable) table = read_fixture ("tab.tsv");
  g_autoptr(TmCsvTable) unicode = read_fixture ("excel-unicode-text.txt");

  g_assert_cmpint (tm_csv_table_get_separator (table), ==, '\t');
  g_assert_cmpstr (tm_csv_table_get_separator_label (table), ==, "Tab");
  g_assert_cmpstr (tm_csv_table_get_encoding (table), ==, "UTF-8");
  assert_mapping (table, expected, G_N_ELEMENTS (expected));
  g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 3), ==, "10,5");

  /* Excel's "Unicode text": UTF-16LE, tab-separated. */
  g_assert_cmpint (tm_csv_table_get_separator (unicode), ==, '\t');
  g_assert_cmpstr (tm_csv_table_get_encoding (unicode), ==, "UTF-16 with BOM");
  assert_mapping (unicode, expected, G_N_ELEMENTS (expected));
  g_assert_cmpstr (tm_csv_table_get_cell (unicode, 0, 0), ==, "Print the patient list");
}

static void
test_read_norwegian (void)
{
  g_autoptr(TmCsvTable) table = read_fixture ("nb-utf8.csv");

  g_assert_cmpstr (tm_csv_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpint (tm_csv_table_get_separator (table), ==, ';');
  g_assert_cmpstr (tm_csv_table_get_separator_label (table), ==, "Semicolon (;)");
  assert_mapping (table, full_mapping, G_N_ELEMENTS (full_mapping));
  g_assert_cmpstr (tm_csv_table_get_header (table, 3), ==, "Kompetansenivå");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 0), ==, "Tømme urinflasker");
}

static void
test_read_line_ends (void)
{
  static const char * const variants[] = {
    "Titel;Minutter\r\nTage telefonen;2\r\n\"To\r\nlinjer\";3\r\n",
    "Titel;Minutter\nTage telefonen;2\n\"To\nlinjer\";3\n",
    "Titel;Minutter\rTage telefonen;2\r\"To\rlinjer\";3\r",
    "Titel;Minutter\r\nTage telefonen;2\n\"To\r\nlinjer\";3",   /* mixed, no final line end */
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(TmCsvTable) table = tm_test_read_csv_text (variants[i]);

      g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, 2);
      g_assert_cmpuint (tm_csv_table_get_n_columns (table), ==, 2);
      g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 0), ==, "Tage telefonen");
      g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 0), ==, "To\nlinjer");
      g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 1), ==, "3");
    }

  {
    g_autoptr(TmCsvTable) table = read_fixture ("mac-cr.csv");

    g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, 1);
    g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 0), ==, "Print the patient list");
  }
}

static void
test_read_separator_detection (void)
{
  /* Decimal commas in a ';' file do not make it a ',' file. */
  {
    g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Titel;Minutter;Antal\nA;12,5;1,5\nB;3,25;2\n");

    g_assert_cmpint (tm_csv_table_get_separator (table), ==, ';');
    g_assert_cmpuint (tm_csv_table_get_n_columns (table), ==, 3);
  }
  /* Quoted ';' in a ',' file. */
  {
    g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Title,Notes\n\"a;b;c\",x\n\"d;e\",y\n");

    g_assert_cmpint (tm_csv_table_get_separator (table), ==, ',');
  }
  /* Unquoted commas in text do not fool it either. */
  {
    g_autoptr(TmCsvTable) table =
      tm_test_read_csv_text ("Titel;Beskrivelse\nVaske, rydde;Skifte lagen, vaske\nRydde;Op, ned, ud\n");

    g_assert_cmpint (tm_csv_table_get_separator (table), ==, ';');
    g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 1), ==, "Op, ned, ud");
  }
  /* One column: no separator fits; the titles stay whole. */
  {
    g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Titel\nVaske, rydde\nRydde\n");

    g_assert_cmpuint (tm_csv_table_get_n_columns (table), ==, 1);
    g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 0), ==, "Vaske, rydde");
  }
  /* Excel's "sep=" line names the separator and is no row. */
  {
    g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("sep=,\r\nTitel,Minutter\r\nA;B,2\r\n");

    g_assert_cmpint (tm_csv_table_get_separator (table), ==, ',');
    g_assert_cmpstr (tm_csv_table_get_header (table, 0), ==, "Titel");
    g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 0), ==, "A;B");
    g_assert_cmpuint (tm_csv_table_get_row_number (table, 0), ==, 2);
  }
}

static void
test_read_ragged (void)
{
  /* Short rows read as empty cells; a longer row adds a column without header. */
  g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Titel;Minutter;;\nA\nB;2;;\nC;3;x\n");

  g_assert_cmpuint (tm_csv_table_get_n_columns (table), ==, 3);
  g_assert_cmpstr (tm_csv_table_get_header (table, 2), ==, "");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 1), ==, "");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 2), ==, "");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 2, 2), ==, "x");
  g_assert_cmpint (tm_csv_table_get_suggested_mapping (table)[2], ==, TM_CSV_FIELD_IGNORE);
}

/* Mapping */

static void
test_mapping_headers (void)
{
  static const struct { const char *header; TmCsvField field; } cases[] = {
    { "Titel", TM_CSV_FIELD_TITLE }, { "Opgave", TM_CSV_FIELD_TITLE },
    { "Oppgave", TM_CSV_FIELD_TITLE }, { "Task", TM_CSV_FIELD_TITLE },
    { "  TITLE  ", TM_CSV_FIELD_TITLE }, { "Tittel", TM_CSV_FIELD_TITLE },
    { "Titel:", TM_CSV_FIELD_TITLE },
    { "Beskrivelse", TM_CSV_FIELD_DESCRIPTION }, { "Description", TM_CSV_FIELD_DESCRIPTION },
    { "Gruppe", TM_CSV_FIELD_GROUP }, { "Group", TM_CSV_FIELD_GROUP },
    { "Kategori", TM_CSV_FIELD_GROUP },
    { "Kompetenceniveau", TM_CSV_FIELD_LEVEL }, { "Kompetansenivå", TM_CSV_FIELD_LEVEL },
    { "KOMPETANSENIVÅ", TM_CSV_FIELD_LEVEL },
    { "Competence level", TM_CSV_FIELD_LEVEL }, { "Niveau", TM_CSV_FIELD_LEVEL },
    { "Nivå", TM_CSV_FIELD_LEVEL },
    { "Kompleksitet", TM_CSV_FIELD_COMPLEXITY }, { "Complexity", TM_CSV_FIELD_COMPLEXITY },
    { "Patientens kompleksitet", TM_CSV_FIELD_COMPLEXITY },
    { "Pasientens  kompleksitet", TM_CSV_FIELD_COMPLEXITY },
    { "Minutter", TM_CSV_FIELD_MINUTES }, { "Minutes", TM_CSV_FIELD_MINUTES },
    { "Tid (min)", TM_CSV_FIELD_MINUTES },
    { "Antal", TM_CSV_FIELD_OCCURRENCES }, { "Antall", TM_CSV_FIELD_OCCURRENCES },
    { "Times", TM_CSV_FIELD_OCCURRENCES }, { "Hyppighed", TM_CSV_FIELD_OCCURRENCES },
    { "Hyppighet", TM_CSV_FIELD_OCCURRENCES }, { "Frequency", TM_CSV_FIELD_OCCURRENCES },
    { "Pr.", TM_CSV_FIELD_PER }, { "Per", TM_CSV_FIELD_PER },
    { "Vagter", TM_CSV_FIELD_SHIFTS }, { "Vakter", TM_CSV_FIELD_SHIFTS },
    { "Shifts", TM_CSV_FIELD_SHIFTS },
    { "Udføres af", TM_CSV_FIELD_PERFORMED_BY }, { "Udføres i dag af", TM_CSV_FIELD_PERFORMED_BY },
    { "Utføres av", TM_CSV_FIELD_PERFORMED_BY }, { "Utføres i dag av", TM_CSV_FIELD_PERFORMED_BY },
    { "Performed by", TM_CSV_FIELD_PERFORMED_BY }, { "Faggruppe", TM_CSV_FIELD_PERFORMED_BY },
    { "Yrkesgruppe", TM_CSV_FIELD_PERFORMED_BY },
    { "Noter", TM_CSV_FIELD_NOTES }, { "Notater", TM_CSV_FIELD_NOTES },
    { "Notes", TM_CSV_FIELD_NOTES }, { "Bemærkninger", TM_CSV_FIELD_NOTES },
    { "Merknader", TM_CSV_FIELD_NOTES },
    { "Hours per week", TM_CSV_FIELD_IGNORE }, { "Løbenummer", TM_CSV_FIELD_IGNORE },
    { "", TM_CSV_FIELD_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TmCsvField field = tm_csv_field_from_header (cases[i].header);

      if (field != cases[i].field)
        g_test_message ("“%s” → %s", cases[i].header, tm_csv_field_to_id (field));
      g_assert_cmpint (field, ==, cases[i].field);
    }

  /* Every field has an id and a label, and the ids read back. */
  for (guint f = 0; f < TM_CSV_N_FIELDS; f++)
    {
      TmCsvField back;

      g_assert_nonnull (tm_csv_field_get_label (f));
      g_assert_true (tm_csv_field_from_id (tm_csv_field_to_id (f), &back));
      g_assert_cmpint (back, ==, f);
    }

  /* A field named twice is suggested once, for its first column. */
  {
    g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Titel;Opgave;Minutter\nA;B;2\n");
    const TmCsvField *mapping = tm_csv_table_get_suggested_mapping (table);

    g_assert_cmpint (mapping[0], ==, TM_CSV_FIELD_TITLE);
    g_assert_cmpint (mapping[1], ==, TM_CSV_FIELD_IGNORE);
    g_assert_cmpint (mapping[2], ==, TM_CSV_FIELD_MINUTES);
  }
}

static void
test_mapping_refused (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Titel;Opgave;Minutter\nA;B;2\n");
  g_autoptr(GError) error = NULL;
  TmCsvField twice[] = { TM_CSV_FIELD_TITLE, TM_CSV_FIELD_TITLE, TM_CSV_FIELD_MINUTES };
  TmCsvField none[] = { TM_CSV_FIELD_NOTES, TM_CSV_FIELD_IGNORE, TM_CSV_FIELD_MINUTES };

  g_assert_false (tm_csv_import (portfolio, table, twice, NULL, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "“Titel”"));
  g_assert_nonnull (strstr (error->message, "“Opgave”"));
  g_clear_error (&error);

  g_assert_false (tm_csv_import (portfolio, table, none, NULL, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MAPPING);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);

  /* The user's own mapping: the second column as the title. */
  g_clear_error (&error);
  {
    TmCsvField mine[] = { TM_CSV_FIELD_NOTES, TM_CSV_FIELD_TITLE, TM_CSV_FIELD_MINUTES };
    guint n = 0;

    CHECK_OK (tm_csv_import (portfolio, table, mine, &n, &error));
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpstr (find_data (portfolio, "B")->notes, ==, "A");
  }
}

/* Import */

static void
test_import_excel_danish (gconstpointer user_data)
{
  const char *name = user_data;
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmCsvTable) table = read_fixture (name);
  const TmTaskData *t;

  g_assert_cmpuint (import_table (portfolio, table), ==, 4);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 4);

  t = find_data (portfolio, "Tømme urinkolber");
  g_assert_cmpstr (t->description, ==, "Tømme og skylle urinkolber på stuerne");
  g_assert_cmpstr (t->group, ==, "Patientnære opgaver");
  g_assert_cmpint (t->level, ==, TM_LEVEL_ADMIN);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_LOW);
  g_assert_cmpfloat (t->minutes, ==, 12.5);
  g_assert_cmpfloat (t->occurrences, ==, 6);
  g_assert_cmpint (t->per, ==, TM_PER_DAY);
  g_assert_cmpuint (t->shifts, ==, TM_SHIFT_DAY | TM_SHIFT_EVENING | TM_SHIFT_NIGHT);
  g_assert_cmpuint (t->performers->len, ==, 2);
  g_assert_cmpfloat (performer_share (t, "nurse"), ==, 50);
  g_assert_cmpfloat (performer_share (t, "ssa"), ==, 50);
  g_assert_cmpstr (t->notes, ==, "Måles diuresen, gives besked til sygeplejersken. Kolber à 5 € pr. stk.");

  t = find_data (portfolio, "Servere mad & drikke");
  g_assert_cmpstr (t->description, ==, "Servere mad og drikke ved måltiderne; også til nye patienter");
  g_assert_cmpstr (t->group, ==, "Mad & køkken");
  g_assert_cmpint (t->level, ==, TM_LEVEL_ADMIN);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_MODERATE);
  g_assert_cmpfloat (t->minutes, ==, 1234.5);
  g_assert_cmpfloat (t->occurrences, ==, 3);
  g_assert_cmpint (t->per, ==, TM_PER_WEEK);
  g_assert_cmpuint (t->shifts, ==, TM_SHIFT_DAY | TM_SHIFT_EVENING);
  g_assert_cmpuint (t->performers->len, ==, 1);
  g_assert_cmpfloat (performer_share (t, "unskilled"), ==, 100);
  g_assert_cmpstr (t->notes, ==, "");

  /* Empty times are "not estimated", never 0. */
  t = find_data (portfolio, "Vise nye patienter rundt");
  g_assert_cmpint (t->level, ==, TM_LEVEL_BOUNDED_CLINICAL);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_HIGH);
  g_assert_cmpfloat (t->minutes, ==, TM_NOT_ESTIMATED);
  g_assert_cmpfloat (t->occurrences, ==, TM_NOT_ESTIMATED);
  g_assert_cmpuint (t->shifts, ==, TM_SHIFT_WEEKEND);
  g_assert_cmpfloat (performer_share (t, "nurse"), ==, 70);
  g_assert_cmpfloat (performer_share (t, "unskilled"), ==, 30);

  t = find_data (portfolio, "Koordinere udskrivelser");
  g_assert_cmpstr (t->description, ==, "Aftale med kommunen, \"Klar til udskrivelse\"");
  g_assert_cmpstr (t->group, ==, "Øvrige opgaver");
  g_assert_cmpint (t->level, ==, TM_LEVEL_COORDINATION);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_VARIES);
  g_assert_cmpfloat (t->minutes, ==, 20);
  g_assert_cmpfloat (t->occurrences, ==, 2.5);
  g_assert_cmpuint (t->shifts, ==, TM_SHIFTS_ALL);
  g_assert_cmpfloat (performer_share (t, "nurse"), ==, 100);
}

static void
test_import_libreoffice (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmCsvTable) table = read_fixture ("libreoffice-comma.csv");
  const TmTaskData *t;

  g_assert_cmpuint (import_table (portfolio, table), ==, 3);

  t = find_data (portfolio, "Answer the ward phone");
  g_assert_cmpint (t->level, ==, TM_LEVEL_ADMIN);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_LOW);
  g_assert_cmpfloat (t->minutes, ==, 2.5);
  g_assert_cmpfloat (t->occurrences, ==, 40);
  g_assert_cmpuint (t->shifts, ==, TM_SHIFT_DAY | TM_SHIFT_EVENING);
  g_assert_cmpfloat (performer_share (t, "nurse"), ==, 50);
  g_assert_cmpfloat (performer_share (t, "ssa"), ==, 50);
  g_assert_cmpstr (t->notes, ==, "She said \"not now\"\nand hung up");

  t = find_data (portfolio, "Empty urine bottles");
  g_assert_cmpstr (t->description, ==, "Line one\nline two, with comma\nline \"three\"");
  g_assert_cmpint (t->level, ==, TM_LEVEL_BOUNDED_CLINICAL);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_VARIES);
  g_assert_cmpfloat (t->minutes, ==, 5);
  g_assert_cmpfloat (t->occurrences, ==, TM_NOT_ESTIMATED);
  g_assert_cmpint (t->per, ==, TM_PER_WEEK);
  g_assert_cmpuint (t->shifts, ==, TM_SHIFT_NIGHT);
  g_assert_cmpfloat (performer_share (t, "nurse"), ==, 25);
  g_assert_cmpfloat (performer_share (t, "unskilled"), ==, 75);

  t = find_data (portfolio, "Restock the linen room");
  g_assert_cmpint (t->level, ==, TM_LEVEL_BOUNDED_CLINICAL);
  g_assert_cmpint (t->per, ==, TM_PER_WEEK);
  g_assert_cmpuint (t->shifts, ==, 0);
  g_assert_cmpfloat (performer_share (t, "unskilled"), ==, 100);
  /* The apostrophe that keeps Excel from running a formula is not data. */
  g_assert_cmpstr (t->notes, ==, "=not a formula");
}

static void
test_import_norwegian (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_NO, "Afsnit");
  g_autoptr(TmCsvTable) table = read_fixture ("nb-utf8.csv");
  const TmTaskData *t;

  g_assert_cmpuint (import_table (portfolio, table), ==, 3);

  t = find_data (portfolio, "Tømme urinflasker");
  g_assert_cmpstr (t->group, ==, "Pasientnære oppgaver");
  g_assert_cmpint (t->level, ==, TM_LEVEL_BOUNDED_CLINICAL);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_HIGH);
  g_assert_cmpfloat (t->minutes, ==, 7.5);
  g_assert_cmpfloat (t->occurrences, ==, 4);
  g_assert_cmpint (t->per, ==, TM_PER_DAY);
  g_assert_cmpuint (t->shifts, ==, TM_SHIFTS_ALL);
  g_assert_cmpfloat (performer_share (t, "ssa"), ==, 60);
  g_assert_cmpfloat (performer_share (t, "nurse"), ==, 40);
  g_assert_cmpstr (t->notes, ==, "Måles diurese: gi beskjed");

  t = find_data (portfolio, "Rydde skyllerommet");
  g_assert_cmpint (t->level, ==, TM_LEVEL_ADMIN);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_LOW);
  g_assert_cmpint (t->per, ==, TM_PER_WEEK);
  g_assert_cmpuint (t->shifts, ==, TM_SHIFT_EVENING);
  g_assert_cmpfloat (performer_share (t, "unskilled"), ==, 100);

  t = find_data (portfolio, "Koordinere utskrivning");
  g_assert_cmpint (t->level, ==, TM_LEVEL_COORDINATION);
  g_assert_cmpint (t->complexity, ==, TM_COMPLEXITY_VARIES);
  g_assert_cmpfloat (t->minutes, ==, TM_NOT_ESTIMATED);
}

static void
test_import_tab (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmCsvTable) table = read_fixture ("excel-unicode-text.txt");
  const TmTaskData *t;

  g_assert_cmpuint (import_table (portfolio, table), ==, 2);
  t = find_data (portfolio, "Tidy the utility room");
  g_assert_cmpfloat (t->minutes, ==, 10.5);
  g_assert_cmpint (t->level, ==, TM_LEVEL_ADMIN);
  t = find_data (portfolio, "Print the patient list");
  g_assert_cmpint (t->level, ==, TM_LEVEL_ADMIN);
  g_assert_cmpstr (t->group, ==, "In the morning");
}

/* One value in a one-row file, imported into a fresh portfolio. */
static const TmTaskData *
import_value (TmPortfolio *portfolio,
              const char  *header,
              const char  *value)
{
  g_autofree char *text = g_strdup_printf ("Titel;%s\n\"%s\";\"%s\"\n", header, value, value);
  g_autoptr(TmCsvTable) table = tm_test_read_csv_text (text);

  import_table (portfolio, table);
  return find_data (portfolio, value);
}

static void
test_import_values (void)
{
  static const struct { const char *text; double value; } numbers[] = {
    { "12,5", 12.5 }, { "12.5", 12.5 }, { "1.234,5", 1234.5 }, { "1,234.5", 1234.5 },
    { "1 234,5", 1234.5 }, { "1\xC2\xA0" "234", 1234 }, { "0", 0 }, { "0,25", 0.25 },
    { "15 min", 15 }, { "15 min.", 15 }, { "20 minutter", 20 }, { " 7 ", 7 }, { "", TM_NOT_ESTIMATED },
    { "-", TM_NOT_ESTIMATED }, { "1440", 1440 },
  };
  static const struct { const char *text; TmLevel level; } levels[] = {
    { "A", TM_LEVEL_ADMIN }, { "b", TM_LEVEL_BOUNDED_CLINICAL }, { "C", TM_LEVEL_COORDINATION },
    { "C. Koordinering", TM_LEVEL_COORDINATION }, { "B) afgrænset", TM_LEVEL_BOUNDED_CLINICAL },
    { "admin", TM_LEVEL_ADMIN }, { "bounded-clinical", TM_LEVEL_BOUNDED_CLINICAL },
    { "coordination", TM_LEVEL_COORDINATION },
    { "Administrative tasks and incidental work", TM_LEVEL_ADMIN },
    { "Admin & incidental", TM_LEVEL_ADMIN },
    { "Administrative opgaver og forefaldende arbejde", TM_LEVEL_ADMIN },
    { "Administrativt og forefaldende", TM_LEVEL_ADMIN },
    { "Administrative oppgaver og forefallende arbeid", TM_LEVEL_ADMIN },
    { "Bounded clinical tasks", TM_LEVEL_BOUNDED_CLINICAL },
    { "afgrænsede kliniske opgaver", TM_LEVEL_BOUNDED_CLINICAL },
    { "Avgrensede kliniske oppgaver", TM_LEVEL_BOUNDED_CLINICAL },
    { "Avgrenset klinisk", TM_LEVEL_BOUNDED_CLINICAL },
    { "Coordination of clinical work", TM_LEVEL_COORDINATION },
    { "Koordinering af den kliniske opgaveløsning", TM_LEVEL_COORDINATION },
    { "Koordinering av den kliniske oppgaveløsningen", TM_LEVEL_COORDINATION },
    { "Ikke vurderet", TM_LEVEL_NOT_ASSESSED },
  };
  static const struct { const char *text; TmComplexity complexity; } complexities[] = {
    { "Lav", TM_COMPLEXITY_LOW }, { "Låg", TM_COMPLEXITY_LOW }, { "low", TM_COMPLEXITY_LOW },
    { "Moderat", TM_COMPLEXITY_MODERATE }, { "Moderate", TM_COMPLEXITY_MODERATE },
    { "Høj", TM_COMPLEXITY_HIGH }, { "HØY", TM_COMPLEXITY_HIGH }, { "High", TM_COMPLEXITY_HIGH },
    { "Afhænger af patienten", TM_COMPLEXITY_VARIES },
    { "Avhenger av pasientens kompleksitet", TM_COMPLEXITY_VARIES },
    { "Varies with the patient", TM_COMPLEXITY_VARIES }, { "varies", TM_COMPLEXITY_VARIES },
    { "Ikke vurdert", TM_COMPLEXITY_NOT_ASSESSED },
  };
  static const struct { const char *text; TmPer per; } pers[] = {
    { "dag", TM_PER_DAY }, { "Day", TM_PER_DAY }, { "døgn", TM_PER_DAY }, { "pr. dag", TM_PER_DAY },
    { "per døgn", TM_PER_DAY }, { "dagligt", TM_PER_DAY },
    { "uge", TM_PER_WEEK }, { "Uke", TM_PER_WEEK }, { "week", TM_PER_WEEK },
    { "pr. uge", TM_PER_WEEK }, { "per uke", TM_PER_WEEK }, { "per week", TM_PER_WEEK },
    { "ugentligt", TM_PER_WEEK },
  };
  static const struct { const char *text; guint shifts; } shifts[] = {
    { "dag, aften, nat, weekend", TM_SHIFTS_ALL },
    { "dag/kveld/natt/helg", TM_SHIFTS_ALL },
    { "day evening", TM_SHIFT_DAY | TM_SHIFT_EVENING },
    { "Dagvagt og nattevagt", TM_SHIFT_DAY | TM_SHIFT_NIGHT },
    { "Day shift, Night shift", TM_SHIFT_DAY | TM_SHIFT_NIGHT },
    { "Kveldsvakt + helg", TM_SHIFT_EVENING | TM_SHIFT_WEEKEND },
    { "night weekend", TM_SHIFT_NIGHT | TM_SHIFT_WEEKEND },
    { "alle", TM_SHIFTS_ALL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");

      g_test_message ("minutes “%s”", numbers[i].text);
      /* A title of its own, since the value is the title too. */
      {
        g_autofree char *text = g_strdup_printf ("Titel;Minutter\nTask;\"%s\"\n", numbers[i].text);
        g_autoptr(TmCsvTable) table = tm_test_read_csv_text (text);

        import_table (portfolio, table);
        g_assert_cmpfloat (find_data (portfolio, "Task")->minutes, ==, numbers[i].value);
      }
    }

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");

      g_test_message ("level “%s”", levels[i].text);
      g_assert_cmpint (import_value (portfolio, "Niveau", levels[i].text)->level, ==, levels[i].level);
    }

  for (guint i = 0; i < G_N_ELEMENTS (complexities); i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_NO, "Afsnit");

      g_test_message ("complexity “%s”", complexities[i].text);
      g_assert_cmpint (import_value (portfolio, "Kompleksitet", complexities[i].text)->complexity,
                       ==, complexities[i].complexity);
    }

  for (guint i = 0; i < G_N_ELEMENTS (pers); i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");

      g_test_message ("per “%s”", pers[i].text);
      g_assert_cmpint (import_value (portfolio, "Pr.", pers[i].text)->per, ==, pers[i].per);
    }

  for (guint i = 0; i < G_N_ELEMENTS (shifts); i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");

      g_test_message ("shifts “%s”", shifts[i].text);
      g_assert_cmpuint (import_value (portfolio, "Vagter", shifts[i].text)->shifts, ==, shifts[i].shifts);
    }
}

static void
test_import_performers (void)
{
  static const struct {
    const char *text;
    const char *ids[3];
    double      shares[3];
  } cases[] = {
    { "Sygeplejerske", { "nurse" }, { 100 } },
    { "sygeplejerske", { "nurse" }, { 100 } },
    { "nurse", { "nurse" }, { 100 } },
    { "Registered nurse", { "nurse" }, { 100 } },
    { "SSA", { "ssa" }, { 100 } },
    { "Social- og sundhedsassistent", { "ssa" }, { 100 } },
    { "Sygeplejerske, SSA", { "nurse", "ssa" }, { 50, 50 } },
    { "Sygeplejerske + SSH + Portør", { "nurse", "ssh", "porter" }, { 100.0 / 3, 100.0 / 3, 100.0 / 3 } },
    { "Læge/Sygeplejerske", { "physician", "nurse" }, { 50, 50 } },
    { "Sygeplejerske 70 %, SSA", { "nurse", "ssa" }, { 70, 30 } },
    { "Sygeplejerske 33,3 %, SSA 66,7 %", { "nurse", "ssa" }, { 33.3, 66.7 } },
    { "Sygeplejerske (20%) / Portør (80%)", { "nurse", "porter" }, { 20, 80 } },
    { "25 % Sygeplejerske, 75 % Portør", { "nurse", "porter" }, { 25, 75 } },
    { "Klinisk vejleder, nat 40 %, nurse 60 %", { "custom", "nurse" }, { 40, 60 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("Titel;Udføres af\nTask;\"%s\"\n", cases[i].text);
      g_autoptr(TmCsvTable) table = tm_test_read_csv_text (text);
      TmProfession *custom;
      const TmTaskData *t;
      guint n = 0;

      custom = tm_portfolio_add_profession (portfolio, "Klinisk vejleder, nat", "Clinical supervisor",
                                            TRUE, FALSE, &error);
      g_assert_no_error (error);

      g_test_message ("performers “%s”", cases[i].text);
      import_table (portfolio, table);
      t = find_data (portfolio, "Task");

      for (guint k = 0; k < G_N_ELEMENTS (cases[i].ids) && cases[i].ids[k]; k++)
        {
          const char *id = g_str_equal (cases[i].ids[k], "custom") ? tm_profession_get_id (custom)
                                                                  : cases[i].ids[k];
          g_assert_cmpfloat_with_epsilon (performer_share (t, id), cases[i].shares[k], 1e-9);
          n++;
        }
      g_assert_cmpuint (t->performers->len, ==, n);
    }
}

static void
test_import_one_undo_step (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmCsvTable) table = read_fixture ("excel-da-1252.csv");
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;

  g_free (data->title);
  data->title = g_strdup ("Before");
  g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_no_error (error);

  import_table (portfolio, table);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 5);
  g_assert_true (tm_portfolio_can_undo (portfolio));

  CHECK_OK (tm_portfolio_undo (portfolio, &error));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  g_assert_nonnull (find_data (portfolio, "Before"));

  CHECK_OK (tm_portfolio_redo (portfolio, &error));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 5);
}

/* Refusals */

typedef struct {
  const char *file;
  TmCsvError  code;
  const char *expected[3];   /* parts of the message */
} Refusal;

static const Refusal refusals[] = {
  { "unterminated-quote.csv", TM_CSV_ERROR_MALFORMED, { "unterminated-quote.csv: row 3:", "quote" } },
  { "bad-level.csv", TM_CSV_ERROR_INVALID, { "bad-level.csv: row 4:", "“Kompetenceniveau”", "“D”" } },
  { "negative-minutes.csv", TM_CSV_ERROR_INVALID, { "negative-minutes.csv: row 2:", "“Minutter”", "“-5”" } },
  { "unknown-profession.csv", TM_CSV_ERROR_INVALID, { "unknown-profession.csv: row 3:", "“Udføres af”", "“Tandlæge”" } },
  { "no-title.csv", TM_CSV_ERROR_INVALID, { "no-title.csv: row 3:", "title", "“Titel”" } },
  { "bad-share.csv", TM_CSV_ERROR_INVALID, { "bad-share.csv: row 2:", "“Sygeplejerske 150 %”" } },
  { "binary.csv", TM_CSV_ERROR_NOT_TEXT, { "binary.csv:", "not a CSV file" } },
  { "empty.csv", TM_CSV_ERROR_EMPTY, { "empty.csv:", "empty" } },
  { "300-columns.csv", TM_CSV_ERROR_TOO_LARGE, { "300-columns.csv: row 1:", "200 columns" } },
  { "bom-not-utf8.csv", TM_CSV_ERROR_NOT_TEXT, { "bom-not-utf8.csv:", "line 3" } },
};

/* A table of @n rows "Task k;k minutes;1 a day"; with @bad_row (1-based,
 * 0 none) a row whose minutes are not a number. */
static char *
many_rows (guint n,
           guint bad_row)
{
  GString *text = g_string_new ("Titel;Minutter;Antal pr. dag\n");

  for (guint k = 1; k <= n; k++)
    {
      if (k == bad_row)
        g_string_append_printf (text, "Opgave %u;mange;1\n", k);
      else if (k % 3 == 0)
        g_string_append_printf (text, "Opgave %u;;\n", k);
      else
        g_string_append_printf (text, "Opgave %u;%u;1\n", k, k % 50 + 1);
    }
  return g_string_free (text, FALSE);
}

static guint
history_length (TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) history = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);

  return history->len;
}

/* How many steps left a job that could still be cancelled (the last of
 * them with the rows written and the step's history going in). */
static guint n_cancellable;

/* Runs @job in steps of no time at all; returns the number of steps. */
static guint
run_in_steps (TmCsvImportJob  *job,
              TmPortfolio     *portfolio,
              GError         **error)
{
  double last = 0.0;
  gboolean done = FALSE;
  guint steps = 0;

  n_cancellable = 0;
  while (!done)
    {
      if (!tm_csv_import_step (job, 0, &done, error))
        return 0;
      steps++;
      if (!done && tm_csv_import_can_cancel (job))
        n_cancellable = steps;
      g_assert_cmpfloat (tm_csv_import_get_fraction (job), >=, last);
      last = tm_csv_import_get_fraction (job);
      /* Nothing is there to undo while the tasks go in. */
      if (!done)
        g_assert_false (tm_portfolio_can_undo (portfolio));
    }
  g_assert_cmpfloat (last, ==, 1.0);
  return steps;
}

/* The import of a region's spreadsheet in steps: the same tasks, counts
 * and undo step as at once; Cancel and a bad row leave nothing behind. */
static void
test_import_in_steps (void)
{
  g_autofree char *text = many_rows (600, 0);
  g_autoptr(TmPortfolio) at_once = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmPortfolio) stepped = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmCsvTable) table = tm_test_read_csv_text (text);
  g_autoptr(GError) error = NULL;
  TmCsvImportResult expected = { 0 };
  const TmCsvImportResult *result;
  TmCsvImportJob *job;
  guint n_check = 0;
  guint steps;

  CHECK_OK (tm_csv_import_full (at_once, table, NULL, -1, &expected, &error));
  g_assert_cmpuint (expected.n_imported, ==, 600);
  g_assert_cmpuint (expected.n_without_time, ==, 200);
  g_assert_cmpuint (expected.n_with_time, ==, 400);

  {
    TmCsvTable *table2 = tm_test_read_csv_text (text);
    gboolean done = FALSE;

    job = tm_csv_import_begin (stepped, table2, NULL, -1, &error);
    g_assert_no_error (error);
    /* The table is not read once the rows are checked. */
    while (!tm_csv_import_is_checked (job))
      {
        CHECK_OK (tm_csv_import_step (job, 0, &done, &error));
        n_check++;
      }
    g_assert_false (done);
    g_assert_cmpuint (tm_test_n_tasks (stepped), ==, 0);
    tm_csv_table_free (table2);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (tm_csv_import_get_display_name (job), ==, "test.csv");
  g_assert_cmpuint (tm_csv_import_get_n_rows (job), ==, 600);
  g_assert_true (tm_csv_import_can_cancel (job));
  steps = run_in_steps (job, stepped, &error);
  g_assert_no_error (error);
  /* Every CHECK_ROWS rows a look at the clock: many steps, not one. */
  g_assert_cmpuint (steps, >=, 600 / 64);
  g_assert_false (tm_csv_import_can_cancel (job));
  result = tm_csv_import_get_result (job);
  g_assert_cmpuint (result->n_imported, ==, expected.n_imported);
  g_assert_cmpuint (result->n_with_time, ==, expected.n_with_time);
  g_assert_cmpuint (result->n_without_time, ==, expected.n_without_time);
  g_assert_true (tm_csv_import_free (job));

  g_assert_cmpuint (tm_test_n_tasks (stepped), ==, 600);
  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(TmTask) a = g_list_model_get_item (tm_portfolio_get_tasks (at_once), i);
      g_autoptr(TmTask) b = g_list_model_get_item (tm_portfolio_get_tasks (stepped), i);

      g_assert_cmpstr (tm_task_get_title (a), ==, tm_task_get_title (b));
      g_assert_cmpfloat (tm_task_get_hours_per_week (a), ==, tm_task_get_hours_per_week (b));
    }
  g_assert_cmpstr (tm_portfolio_get_undo_label (stepped), ==, tm_portfolio_get_undo_label (at_once));
  /* The step's history, written in parts of 512: the same as at once. */
  g_assert_cmpuint (history_length (stepped), >=, 600);
  g_assert_cmpuint (history_length (stepped), ==, history_length (at_once));
  CHECK_OK (tm_portfolio_undo (stepped, &error));
  g_assert_cmpuint (tm_test_n_tasks (stepped), ==, 0);
  g_assert_cmpuint (history_length (stepped), ==, 0);
  tm_csv_import_result_clear (&expected);

  /* Cancelled in every phase: nothing changed, and the portfolio takes edits. */
  /* (Steps of no time: 10 converting, 10 checking, then the writing.) */
  guint stops[] = { 1, 5, 12, 18, 21, 30, n_check + n_cancellable - 1, n_check + n_cancellable,
                    n_check + steps / 2, n_check + steps - 1 };

  /* The last two: the rows written and the 600 entries of history half in. */
  g_assert_cmpuint (n_check, >=, 10);
  g_assert_cmpuint (n_cancellable, >, 1);

  for (guint s = 0; s < G_N_ELEMENTS (stops); s++)
    {
      guint n_steps = stops[s];
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
      guint64 edits = tm_portfolio_get_edit_count (portfolio);
      gboolean done = FALSE;

      g_autoptr(TmCsvTable) stop_table = tm_test_read_csv_text (text);

      job = tm_csv_import_begin (portfolio, stop_table, NULL, -1, &error);
      for (guint k = 0; k < n_steps && !done; k++)
        CHECK_OK (tm_csv_import_step (job, 0, &done, &error));
      if (done || !tm_csv_import_can_cancel (job))
        {
          g_assert_true (tm_csv_import_free (job));
          continue;
        }
      g_assert_false (tm_csv_import_free (job));
      g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
      g_assert_cmpuint (history_length (portfolio), ==, 0);
      g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
      g_assert_false (tm_portfolio_can_undo (portfolio));
      {
        g_autoptr(TmCsvTable) other = read_fixture ("libreoffice-comma.csv");

        g_assert_cmpuint (import_table (portfolio, other), >, 0);
      }
    }

  /* A bad row late in the file: the message of the import at once. */
  {
    g_autofree char *bad = many_rows (600, 577);
    g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
    g_autoptr(TmCsvTable) bad_table = tm_test_read_csv_text (bad);
    g_autoptr(GError) once_error = NULL;

    g_assert_false (tm_csv_import_full (portfolio, bad_table, NULL, -1, NULL, &once_error));
    g_assert_nonnull (once_error);
    g_autoptr(TmCsvTable) bad_table2 = tm_test_read_csv_text (bad);

    job = tm_csv_import_begin (portfolio, bad_table2, NULL, -1, &error);
    g_assert_cmpuint (run_in_steps (job, portfolio, &error), ==, 0);
    g_assert_error (error, once_error->domain, once_error->code);
    g_assert_cmpstr (error->message, ==, once_error->message);
    /* The file's row: the header is row 1. */
    g_assert_nonnull (strstr (error->message, "row 578"));
    g_assert_false (tm_csv_import_free (job));
    g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
    g_assert_false (tm_portfolio_can_undo (portfolio));
  }
}

static void
test_refusal (gconstpointer user_data)
{
  const Refusal *refusal = user_data;
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GBytes) bytes = load_fixture (refusal->file);
  g_autoptr(TmCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  guint64 edits;
  gsize length;
  const char *contents = g_bytes_get_data (bytes, &length);
  guint n = 99;

  g_free (data->title);
  data->title = g_strdup ("Already there");
  g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_no_error (error);
  edits = tm_portfolio_get_edit_count (portfolio);

  table = tm_csv_read (contents, length, refusal->file, &error);
  if (table != NULL)
    {
      g_assert_no_error (error);
      g_assert_false (tm_csv_import (portfolio, table, tm_csv_table_get_suggested_mapping (table), &n, &error));
      g_assert_cmpuint (n, ==, 0);
    }

  g_assert_error (error, TM_CSV_ERROR, (gint) refusal->code);
  g_test_message ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (refusal->expected) && refusal->expected[i]; i++)
    {
      if (strstr (error->message, refusal->expected[i]) == NULL)
        g_test_message ("missing “%s”", refusal->expected[i]);
      g_assert_nonnull (strstr (error->message, refusal->expected[i]));
    }

  /* Nothing changed. */
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 1);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
}

static void
test_refuse_header_only (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmCsvTable) table = tm_test_read_csv_text ("Titel;Minutter\r\n;;\r\n");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, 0);
  g_assert_false (tm_csv_import (portfolio, table, tm_csv_table_get_suggested_mapping (table), NULL, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_EMPTY);
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
}

/* A later row's error: the rows before it are not imported either. */
static void
test_refuse_late_error (void)
{
  g_autoptr(GString) text = g_string_new ("Titel;Minutter\r\n");
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "Opgave %u;%u\r\n", i, i % 60);
  g_string_append (text, "Sidste;mange\r\n");

  table = tm_test_read_csv_text (text->str);
  g_assert_false (tm_csv_import (portfolio, table, tm_csv_table_get_suggested_mapping (table), NULL, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "test.csv: row 502:"));
  g_assert_nonnull (strstr (error->message, "“mange”"));
  g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
  g_assert_false (tm_portfolio_can_undo (portfolio));
}

static void
test_refuse_too_many_rows (void)
{
  g_autoptr(GString) text = g_string_sized_new (2 * TM_CSV_MAX_ROWS + 64);
  g_autoptr(TmCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;

  g_string_append (text, "Titel\n");
  for (guint i = 0; i < TM_CSV_MAX_ROWS; i++)
    g_string_append (text, "a\n");

  /* Exactly the bound is read... */
  table = tm_csv_read (text->str, text->len, "rows.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, TM_CSV_MAX_ROWS);
  g_clear_pointer (&table, tm_csv_table_free);

  /* ...one more is refused. */
  g_string_append (text, "a\n");
  table = tm_csv_read (text->str, text->len, "rows.csv", &error);
  g_assert_null (table);
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "rows.csv:"));
  g_assert_nonnull (strstr (error->message, "1000000 rows"));
}

static void
test_refuse_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("taskmap-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(TmCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;
  FILE *f;

  /* A sparse file just over the bound: costs no disk and no memory. */
  f = g_fopen (path, "wb");
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), (off_t) TM_CSV_MAX_BYTES + 1), ==, 0);
  fclose (f);

  table = tm_csv_read_file (file, &error);
  g_assert_null (table);
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "huge.csv: the file is larger than 100 MB"));
  g_clear_error (&error);

  mapped = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  table = tm_csv_read (g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                       "huge.csv", &error);
  g_assert_null (table);
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE);

  g_unlink (path);
  g_rmdir (dir);
}

/* Broken bytes never hang or crash: every prefix of a fixture, and random
 * damage to each. */
static void
test_never_hangs (void)
{
  static const char * const names[] = {
    "excel-da-1252.csv", "excel-da-utf8-bom.csv", "libreoffice-comma.csv", "nb-utf8.csv",
    "excel-unicode-text.txt", "unterminated-quote.csv",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autoptr(GBytes) bytes = load_fixture (names[f]);
      gsize length;
      const guchar *data = g_bytes_get_data (bytes, &length);

      for (gsize cut = 0; cut <= length; cut++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(TmCsvTable) table = tm_csv_read ((const char *) data, cut, "cut.csv", &error);

          g_assert_true ((table == NULL) != (error == NULL));
        }

      for (guint round = 0; round < 200; round++)
        {
          g_autofree guchar *copy = g_memdup2 (data, length);
          g_autoptr(GError) error = NULL;
          g_autoptr(TmCsvTable) table = NULL;
          g_autoptr(TmPortfolio) portfolio = NULL;

          for (guint k = 0; k < 4; k++)
            {
              static const guchar nasty[] = { '"', ';', ',', '\t', '\r', '\n', 0, 0xFF, 0x80, '%' };
              gsize at = g_rand_int_range (rand, 0, length);

              copy[at] = g_rand_boolean (rand) ? nasty[g_rand_int_range (rand, 0, G_N_ELEMENTS (nasty))]
                                               : (guchar) g_rand_int_range (rand, 0, 256);
            }

          table = tm_csv_read ((const char *) copy, length, "damaged.csv", &error);
          g_assert_true ((table == NULL) != (error == NULL));
          if (table == NULL)
            continue;

          /* Whatever reads must import or be refused, never half. */
          portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
          if (!tm_csv_import (portfolio, table, tm_csv_table_get_suggested_mapping (table), NULL, &error))
            {
              g_assert_nonnull (error);
              g_assert_cmpuint (tm_test_n_tasks (portfolio), ==, 0);
            }
        }
    }
}

/* Export */

static TmPortfolio *
build_full (TmCountry country)
{
  TmPortfolio *portfolio = tm_test_new_portfolio (country, "Afsnit");
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(GError) error = NULL;
  TmProfession *custom;
  static const char * const titles[] = {
    "Tømme urinkolber", "=SUM(A1:A3)", "Svare på \"kald\"; straks", "  Spaces around  ",
    "+45 ringe til pårørende", "Rydde op, æøå ÆØÅ", "@mention", "-minus",
  };

  custom = tm_portfolio_add_profession (portfolio, "Klinisk vejleder, nat", "Clinical supervisor",
                                        TRUE, FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      TmTaskData *data = tm_task_data_new ();

      g_free (data->title);
      data->title = g_strdup (titles[i]);
      g_free (data->description);
      data->description = i % 2 ? g_strdup ("Første linje\nanden linje; med \"citat\"") : g_strdup ("");
      g_free (data->group);
      data->group = g_strdup (i % 3 == 0 ? "Patientnære opgaver" : i % 3 == 1 ? "Mad & køkken" : "");
      data->level = i % TM_N_LEVELS;
      data->complexity = i % TM_N_COMPLEXITIES;
      data->minutes = i == 3 ? TM_NOT_ESTIMATED : 2.5 * i + 0.25;
      data->occurrences = i == 4 ? TM_NOT_ESTIMATED : i % 2 ? 1234.5 : 3;
      data->per = i % 2 ? TM_PER_WEEK : TM_PER_DAY;
      data->shifts = i % 16;
      switch (i % 4)
        {
        case 0:
          tm_task_data_set_performer (data, "nurse", 100);
          break;
        case 1:
          tm_task_data_set_performer (data, "nurse", 70);
          tm_task_data_set_performer (data, "ssa", 30);
          break;
        case 2:
          tm_task_data_set_performer (data, tm_profession_get_id (custom), 33.25);
          tm_task_data_set_performer (data, "unskilled", 66.75);
          break;
        default:
          break;
        }
      g_free (data->notes);
      data->notes = i == 5 ? g_strdup ("Pris 5 € — \"tjek\"\r\nnæste linje") : g_strdup_printf ("Note %u", i);
      g_ptr_array_add (tasks, data);
    }

  /* Titles are stored as given: trim the one with spaces, since an import trims. */
  g_free (((TmTaskData *) g_ptr_array_index (tasks, 3))->title);
  ((TmTaskData *) g_ptr_array_index (tasks, 3))->title = g_strdup ("Spaces around");
  /* Line ends are stored as "\n". */
  g_free (((TmTaskData *) g_ptr_array_index (tasks, 5))->notes);
  ((TmTaskData *) g_ptr_array_index (tasks, 5))->notes = g_strdup ("Pris 5 € — \"tjek\"\nnæste linje");

  CHECK_OK (tm_portfolio_add_tasks (portfolio, tasks, &error));
  return portfolio;
}

static char *
export_catalogue (TmPortfolio *portfolio,
                  gsize       *length)
{
  g_autoptr(GError) error = NULL;
  char *csv = tm_csv_export_catalogue (portfolio, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  g_assert_cmpuint (*length, ==, strlen (csv));
  g_assert_true (g_utf8_validate (csv, *length, NULL));
  return csv;
}

static void
assert_same_tasks (TmPortfolio *a,
                   TmPortfolio *b)
{
  GListModel *ta = tm_portfolio_get_tasks (a);
  GListModel *tb = tm_portfolio_get_tasks (b);

  g_assert_cmpuint (g_list_model_get_n_items (ta), ==, g_list_model_get_n_items (tb));
  for (guint i = 0; i < g_list_model_get_n_items (ta); i++)
    {
      g_autoptr(TmTask) task_a = g_list_model_get_item (ta, i);
      g_autoptr(TmTask) task_b = g_list_model_get_item (tb, i);
      const TmTaskData *x = tm_task_peek_data (task_a);
      const TmTaskData *y = tm_task_peek_data (task_b);

      g_test_message ("task %u “%s”", i, x->title);
      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->description, ==, y->description);
      g_assert_cmpstr (x->group, ==, y->group);
      g_assert_cmpint (x->level, ==, y->level);
      g_assert_cmpint (x->complexity, ==, y->complexity);
      g_assert_cmpfloat (x->minutes, ==, y->minutes);
      g_assert_cmpfloat (x->occurrences, ==, y->occurrences);
      g_assert_cmpint (x->per, ==, y->per);
      g_assert_cmpuint (x->shifts, ==, y->shifts);
      g_assert_cmpstr (x->notes, ==, y->notes);
      g_assert_cmpuint (x->performers->len, ==, y->performers->len);
      for (guint k = 0; k < x->performers->len; k++)
        {
          const TmPerformer *p = &g_array_index (x->performers, TmPerformer, k);
          const TmPerformer *q = &g_array_index (y->performers, TmPerformer, k);

          /* A user-defined profession has another id in each portfolio: compare names. */
          g_assert_cmpstr (tm_profession_get_name (tm_portfolio_lookup_profession (a, p->profession_id)), ==,
                           tm_profession_get_name (tm_portfolio_lookup_profession (b, q->profession_id)));
          g_assert_cmpfloat (p->share, ==, q->share);
        }
    }
}

static void
test_export_round_trip (gconstpointer user_data)
{
  TmCountry country = GPOINTER_TO_INT (user_data);
  g_autoptr(TmPortfolio) portfolio = build_full (country);
  g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (country, "Afsnit");
  g_autoptr(TmCsvTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;
  gsize length = 0, length2 = 0;
  const TmCsvField *mapping;
  guint n = 0;

  csv = export_catalogue (portfolio, &length);
  again = export_catalogue (portfolio, &length2);
  g_assert_cmpstr (csv, ==, again);   /* deterministic */

  table = tm_csv_read (csv, length, "export.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tm_csv_table_get_encoding (table), ==, "UTF-8 with BOM");
  g_assert_cmpint (tm_csv_table_get_separator (table), ==, ';');
  g_assert_cmpuint (tm_csv_table_get_n_columns (table), ==, 12);

  /* Every column but the hours per week maps back by its header. */
  mapping = tm_csv_table_get_suggested_mapping (table);
  for (guint i = 0; i < 12; i++)
    {
      g_test_message ("header %u “%s”", i, tm_csv_table_get_header (table, i));
      g_assert_cmpint (mapping[i] == TM_CSV_FIELD_IGNORE, ==, i == 8);
    }

  tm_portfolio_add_profession (copy, "Klinisk vejleder, nat", "Clinical supervisor", TRUE, FALSE, &error);
  g_assert_no_error (error);
  CHECK_OK (tm_csv_import (copy, table, mapping, &n, &error));
  g_assert_cmpuint (n, ==, tm_test_n_tasks (portfolio));
  assert_same_tasks (portfolio, copy);

  /* And the copy exports to the same bytes. */
  second = export_catalogue (copy, &length2);
  g_assert_cmpstr (csv, ==, second);
}

static void
test_export_example_round_trip (gconstpointer user_data)
{
  TmCountry country = GPOINTER_TO_INT (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) example = tm_example_create (NULL, country, &error);
  g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (country, "Afsnit");
  g_autoptr(TmCsvTable) table = NULL;
  g_autofree char *csv = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  csv = export_catalogue (example, &length);
  table = tm_csv_read (csv, length, "example.csv", &error);
  g_assert_no_error (error);
  import_table (copy, table);
  assert_same_tasks (example, copy);
}

static void
test_export_format (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;

  g_free (data->title);
  data->title = g_strdup ("Tømme urinkolber; skylle");
  data->minutes = 12.5;
  data->occurrences = 3;
  data->level = TM_LEVEL_BOUNDED_CLINICAL;
  tm_task_data_set_performer (data, "nurse", 100);
  g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_no_error (error);

  g_free (data->title);
  data->title = g_strdup ("Uden tid");
  data->minutes = TM_NOT_ESTIMATED;
  data->occurrences = TM_NOT_ESTIMATED;
  data->level = TM_LEVEL_NOT_ASSESSED;
  g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_no_error (error);

  csv = export_catalogue (portfolio, &length);
  g_test_message ("%s", csv);

  /* UTF-8 with BOM, ';', CRLF and nothing else between rows. */
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_suffix (csv, "\r\n"));
  lines = g_strsplit (csv + 3, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");
  for (guint i = 0; i < 3; i++)
    {
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
    }

  /* Headers and labels in Danish (as far as translated; computed the same
   * way so the test does not depend on the catalogue), a quoted title,
   * decimal commas, hours per week (12.5 × 3 × 7 / 60 = 4.375 → 4,38). */
  tm_language_push ("da");
  {
    g_autofree char *header = g_strdup_printf ("%s;%s;%s;%s;%s;%s;",
                                               tm_csv_field_get_label (TM_CSV_FIELD_TITLE),
                                               tm_csv_field_get_label (TM_CSV_FIELD_DESCRIPTION),
                                               tm_csv_field_get_label (TM_CSV_FIELD_GROUP),
                                               tm_csv_field_get_label (TM_CSV_FIELD_LEVEL),
                                               tm_csv_field_get_label (TM_CSV_FIELD_COMPLEXITY),
                                               tm_csv_field_get_label (TM_CSV_FIELD_MINUTES));
    g_autofree char *row = g_strdup_printf ("\"Tømme urinkolber; skylle\";;;%s;;12,5;3;%s;4,38;;Sygeplejerske;",
                                            tm_level_get_label (TM_LEVEL_BOUNDED_CLINICAL),
                                            tm_per_get_label (TM_PER_DAY));

    g_assert_true (g_str_has_prefix (lines[0], header));
    g_assert_cmpstr (lines[1], ==, row);
  }
  tm_language_pop ();
  /* These are translated already: the export speaks the portfolio's language. */
  g_assert_true (g_str_has_prefix (lines[0], "Titel;"));
  g_assert_nonnull (strstr (lines[0], ";Kompetenceniveau;Patientens kompleksitet;"));
  g_assert_nonnull (strstr (lines[1], ";Afgrænsede kliniske opgaver;"));
  g_assert_nonnull (strstr (lines[1], ";pr. dag;"));
  /* Not estimated and not assessed: empty, never 0. */
  g_assert_true (g_str_has_prefix (lines[2], "Uden tid;;;;;;;"));
  g_assert_true (g_str_has_suffix (lines[2], ";;;Sygeplejerske;"));
}

static void
test_export_norwegian (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_NO, "Afsnit");
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  gsize length = 0;

  g_free (data->title);
  data->title = g_strdup ("Rydde");
  data->minutes = 7.5;
  data->shifts = TM_SHIFT_EVENING | TM_SHIFT_WEEKEND;
  g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_no_error (error);

  csv = export_catalogue (portfolio, &length);
  g_test_message ("%s", csv);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFTittel;"));
  g_assert_nonnull (strstr (csv, ";7,5;"));
  g_assert_nonnull (strstr (csv, "Kveldsvakt, Helg"));
}

static void
test_export_matrix (void)
{
  g_autoptr(TmPortfolio) portfolio = build_full (TM_COUNTRY_DK);
  g_autoptr(TmScenario) scenario = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);
  g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCsvTable) table = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected_label = NULL;
  TmAssessment a;
  TmMove move = { NULL, TM_MOVE_TO_PROFESSION, (char *) "unskilled", 40 };
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  guint n_visible = 0;
  guint unskilled_column = 0;
  gsize length = 0;

  tm_assessment_init (&a, "unskilled");
  a.suitability = TM_SUITABILITY_AFTER_TRAINING;
  CHECK_OK (tm_portfolio_set_assessment (portfolio, task, &a, NULL, &error));
  tm_assessment_clear (&a);
  CHECK_OK (tm_portfolio_set_move (portfolio, task, tm_scenario_get_id (scenario), &move, &error));

  csv = tm_csv_export_matrix (portfolio, NULL, &length, &error);
  g_assert_no_error (error);
  again = tm_csv_export_matrix (portfolio, tm_scenario_get_id (scenario), &length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==, again);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_test_message ("%s", csv);

  table = tm_csv_read (csv, length, "matrix.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tm_csv_table_get_separator (table), ==, ';');
  g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, tm_test_n_tasks (portfolio));

  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (professions, i);

      if (tm_profession_get_hidden (p))
        continue;
      g_assert_cmpstr (tm_csv_table_get_header (table, 4 + n_visible), ==, tm_profession_get_name (p));
      if (g_str_equal (tm_profession_get_id (p), "unskilled"))
        unskilled_column = 4 + n_visible;
      n_visible++;
    }
  g_assert_cmpuint (tm_csv_table_get_n_columns (table), ==, 4 + n_visible + 2);
  g_assert_cmpuint (unskilled_column, >, 0);

  tm_language_push ("da");
  expected_label = g_strdup (tm_suitability_get_label (TM_SUITABILITY_AFTER_TRAINING));
  tm_language_pop ();

  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 0), ==, "Tømme urinkolber");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, unskilled_column), ==, expected_label);
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 4 + n_visible), ==, "Ufaglært medarbejder");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 0, 4 + n_visible + 1), ==, "40");
  g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 4 + n_visible), ==, "");
  /* The formula guard. */
  g_assert_cmpstr (tm_csv_table_get_cell (table, 1, 0), ==, "'=SUM(A1:A3)");

  /* An unknown scenario is refused. */
  g_assert_null (tm_csv_export_matrix (portfolio, "no-such-scenario", &length, &error));
  g_assert_nonnull (error);
}

static void
test_export_files (void)
{
  g_autoptr(TmPortfolio) portfolio = build_full (TM_COUNTRY_DK);
  g_autofree char *dir = g_dir_make_tmp ("taskmap-csv-XXXXXX", NULL);
  g_autofree char *catalogue_path = g_build_filename (dir, "katalog.csv", NULL);
  g_autofree char *matrix_path = g_build_filename (dir, "matrix.csv", NULL);
  g_autoptr(GFile) catalogue = g_file_new_for_path (catalogue_path);
  g_autoptr(GFile) matrix = g_file_new_for_path (matrix_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmCsvTable) table = NULL;
  g_autofree char *in_memory = NULL;
  g_autofree char *on_disk = NULL;
  gsize length = 0, disk_length = 0;

  CHECK_OK (tm_csv_export_catalogue_file (portfolio, catalogue, &error));
  CHECK_OK (tm_csv_export_matrix_file (portfolio, NULL, matrix, &error));

  in_memory = export_catalogue (portfolio, &length);
  CHECK_OK (g_file_get_contents (catalogue_path, &on_disk, &disk_length, &error));
  g_assert_cmpmem (in_memory, length, on_disk, disk_length);

  table = tm_csv_read_file (catalogue, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tm_csv_table_get_display_name (table), ==, "katalog.csv");
  g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, tm_test_n_tasks (portfolio));
  g_clear_pointer (&table, tm_csv_table_free);

  table = tm_csv_read_file (matrix, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tm_csv_table_get_n_rows (table), ==, tm_test_n_tasks (portfolio));

  g_unlink (catalogue_path);
  g_unlink (matrix_path);
  g_rmdir (dir);
}

/* Pasting and typing into cells */

static TmPortfolio *
portfolio_with_titles (guint n)
{
  TmPortfolio *portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTaskData) data = tm_task_data_new ();

      g_free (data->title);
      data->title = g_strdup_printf ("Opgave %u", i + 1);
      data->per = TM_PER_WEEK;
      g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
      g_assert_no_error (error);
    }
  return portfolio;
}

static TmTask **
all_tasks (TmPortfolio *portfolio,
           guint       *n)
{
  GListModel *model = tm_portfolio_get_tasks (portfolio);
  TmTask **tasks;

  *n = g_list_model_get_n_items (model);
  tasks = g_new0 (TmTask *, *n);
  for (guint i = 0; i < *n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (model, i);
      tasks[i] = task;
    }
  return tasks;
}

static void
test_paste_block (void)
{
  g_autoptr(TmPortfolio) portfolio = portfolio_with_titles (4);
  g_autoptr(GError) error = NULL;
  g_autofree TmTask **tasks = NULL;
  const TmCsvField fields[] = { TM_CSV_FIELD_MINUTES, TM_CSV_FIELD_OCCURRENCES, TM_CSV_FIELD_PER,
                                TM_CSV_FIELD_PERFORMED_BY };
  guint n, n_changed = 0;

  tasks = all_tasks (portfolio, &n);

  /* From task 2 down: decimal comma, a unit, "uge", Danish names with shares;
   * the blank line leaves task 3 as it was; task 4's empty times cell clears. */
  g_assert_true (tm_edit_job_run (tm_csv_paste_begin (portfolio,
                                                     "7,5\t3\tuge\tSygeplejerske\n"
                                                     "\n"
                                                     "12 min\t\tPr. vagt\tSSA 50 %, Sygeplejerske 50 %\n",
                                                     tasks + 1, n - 1, fields, G_N_ELEMENTS (fields),
                                                     &n_changed, &error),
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 2);

  g_assert_cmpfloat (tm_task_get_minutes (tasks[0]), ==, TM_NOT_ESTIMATED);
  g_assert_cmpfloat (tm_task_get_minutes (tasks[1]), ==, 7.5);
  g_assert_cmpfloat (tm_task_get_occurrences (tasks[1]), ==, 3);
  g_assert_cmpint (tm_task_get_per (tasks[1]), ==, TM_PER_WEEK);
  /* 7.5 minutes × 3 a week = 22.5 minutes = 0.375 hours. */
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (tasks[1]), 0.375, 1e-12);
  g_assert_cmpuint (tm_task_peek_data (tasks[1])->performers->len, ==, 1);
  g_assert_cmpstr (g_array_index (tm_task_peek_data (tasks[1])->performers, TmPerformer, 0).profession_id,
                   ==, "nurse");
  g_assert_cmpfloat (tm_task_get_minutes (tasks[2]), ==, TM_NOT_ESTIMATED);
  g_assert_cmpfloat (tm_task_get_minutes (tasks[3]), ==, 12);
  g_assert_cmpfloat (tm_task_get_occurrences (tasks[3]), ==, TM_NOT_ESTIMATED);
  g_assert_cmpint (tm_task_get_per (tasks[3]), ==, TM_PER_SHIFT);
  g_assert_cmpuint (tm_task_peek_data (tasks[3])->performers->len, ==, 2);

  /* One undo step for the block. */
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (tm_task_get_minutes (tasks[1]), ==, TM_NOT_ESTIMATED);
  g_assert_cmpfloat (tm_task_get_minutes (tasks[3]), ==, TM_NOT_ESTIMATED);
  g_assert_cmpuint (tm_task_peek_data (tasks[3])->performers->len, ==, 0);
  g_assert_cmpint (tm_task_get_per (tasks[3]), ==, TM_PER_WEEK);
}

/* A region's block pasted in steps: the same tasks as at once, one undo
 * step, and a refused block refused before anything is written. */
static void
test_paste_in_steps (void)
{
  g_autoptr(TmPortfolio) portfolio = portfolio_with_titles (3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) block = g_string_new (NULL);
  g_autofree TmTask **tasks = NULL;
  const TmCsvField fields[] = { TM_CSV_FIELD_MINUTES, TM_CSV_FIELD_OCCURRENCES };
  TmEditJob *job;
  guint n, n_changed = 0, n_steps = 0;
  gboolean done = FALSE;

  tasks = all_tasks (portfolio, &n);
  /* Every row but the tenth of every hundred (left blank: unchanged). */
  for (guint i = 0; i < n; i++)
    if (i % 100 == 10)
      g_string_append_c (block, '\n');
    else
      g_string_append_printf (block, "%u\t%u\n", 1 + i % 60, 1 + i % 7);

  /* Refused: a bad value in the last row; nothing written, no job. */
  {
    g_autoptr(GString) bad = g_string_new (block->str);

    g_string_append (bad, "ten\t1\n");
    g_assert_null (tm_csv_paste_begin (portfolio, bad->str, tasks, n, fields, 2, &n_changed, &error));
    g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE);
    g_clear_error (&error);
    g_assert_null (tm_csv_paste_begin (portfolio, "5\t2\nten\t1\n", tasks, n, fields, 2, &n_changed, &error));
    g_assert_nonnull (error);
    tm_test_assert_contains (error->message, "row 2");
    g_clear_error (&error);
    g_assert_cmpuint (n_changed, ==, 0);
    g_assert_cmpfloat (tm_task_get_minutes (tasks[0]), ==, TM_NOT_ESTIMATED);
  }

  /* In steps, a bad value is refused by its row, nothing written. */
  {
    g_autoptr(TmCsvPasting) bad = tm_csv_pasting_new (portfolio, "5\t2\nten\t1\n", tasks, n, fields, 2, &error);
    gboolean converted = FALSE;

    g_assert_no_error (error);
    g_assert_false (tm_csv_pasting_step (bad, G_MAXINT64, &converted, &error));
    g_assert_nonnull (error);
    tm_test_assert_contains (error->message, "row 2");
    g_clear_error (&error);
    g_assert_cmpfloat (tm_task_get_minutes (tasks[0]), ==, TM_NOT_ESTIMATED);
  }

  /* The rows converted in steps (a block of 256 a step), nothing written
   * meanwhile; then the edit, written in steps too. */
  {
    guint64 edits = tm_portfolio_get_edit_count (portfolio);
    TmCsvPasting *pasting = tm_csv_pasting_new (portfolio, block->str, tasks, n, fields, 2, &error);
    g_autofree char *message = NULL;
    gboolean converted = FALSE;
    guint n_convert_steps = 0;

    g_assert_no_error (error);
    g_assert_cmpuint (tm_csv_pasting_get_n_rows (pasting), ==, n);
    while (!converted)
      {
        double before = tm_csv_pasting_get_fraction (pasting);

        g_assert_true (tm_csv_pasting_step (pasting, 0, &converted, &error));
        g_assert_no_error (error);
        g_assert_cmpfloat (tm_csv_pasting_get_fraction (pasting), >, before);
        n_convert_steps++;
      }
    g_assert_cmpuint (n_convert_steps, >=, n / 256);
    g_assert_cmpfloat (tm_csv_pasting_get_fraction (pasting), ==, 1.0);
    g_assert_cmpfloat (tm_task_get_minutes (tasks[1]), ==, TM_NOT_ESTIMATED);
    g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
    job = tm_csv_pasting_finish (pasting, &n_changed, &message, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (message, ==, "2970 rows pasted from “Minutes” on.");
  }
  g_assert_nonnull (job);
  g_assert_cmpuint (n_changed, ==, n - n / 100);
  while (!done)
    {
      g_assert_true (tm_edit_job_step (job, 0, &done, &error));
      g_assert_no_error (error);
      n_steps++;
    }
  g_assert_true (tm_edit_job_free (job));
  g_assert_cmpuint (n_steps, >=, 3);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (tm_task_get_minutes (tasks[i]), ==, i % 100 == 10 ? TM_NOT_ESTIMATED : 1 + i % 60);
      g_assert_cmpfloat (tm_task_get_occurrences (tasks[i]), ==, i % 100 == 10 ? TM_NOT_ESTIMATED : 1 + i % 7);
    }
  g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, "Undo: Paste 2970 Rows");

  /* The same block again changes nothing: no second undo step. */
  g_assert_true (tm_edit_job_run (tm_csv_paste_begin (portfolio, block->str, tasks, n, fields, 2, &n_changed,
                                                      &error),
                                  &error));
  g_assert_no_error (error);

  /* One undo step for the block. */
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (tm_task_get_minutes (tasks[i]), ==, TM_NOT_ESTIMATED);
}

typedef struct {
  const char *text;
  const char *expected;   /* in the message */
} PasteRefusal;

static void
test_paste_refused (void)
{
  static const PasteRefusal paste_refusals[] = {
    { "5\t2\nten\t1\n", "row 2" },                        /* not a number, named by its row */
    { "5\t2\n1441\t1\n", "1441" },                        /* more minutes than a day */
    { "5\t2\tper fortnight\n", "fortnight" },             /* not a period */
    { "5\t2\tuge\tTandlæge\n", "Tandlæge" },             /* not a profession here */
    { "5\t2\tuge\tSSA\tnoget\n", "5 columns" },          /* wider than the fields */
    { "1\n2\n3\n4\n5\n", "only 4 tasks" },               /* longer than the tasks */
    { "\n\n", "nothing to paste" },
  };
  const TmCsvField fields[] = { TM_CSV_FIELD_MINUTES, TM_CSV_FIELD_OCCURRENCES, TM_CSV_FIELD_PER,
                                TM_CSV_FIELD_PERFORMED_BY };

  for (guint i = 0; i < G_N_ELEMENTS (paste_refusals); i++)
    {
      g_autoptr(TmPortfolio) portfolio = portfolio_with_titles (4);
      g_autoptr(GError) error = NULL;
      g_autofree TmTask **tasks = NULL;
      g_autofree char *undo_label = NULL;
      guint n;

      tasks = all_tasks (portfolio, &n);
      undo_label = g_strdup (tm_portfolio_get_undo_label (portfolio));
      g_assert_null (tm_csv_paste_begin (portfolio, paste_refusals[i].text, tasks, n, fields,
                                         G_N_ELEMENTS (fields), NULL, &error));
      g_assert_nonnull (error);
      if (strstr (error->message, paste_refusals[i].expected) == NULL)
        g_error ("“%s”: the message “%s” does not say “%s”", paste_refusals[i].text, error->message,
                 paste_refusals[i].expected);
      /* Nothing changed, not even the first row. */
      g_assert_cmpstr (tm_portfolio_get_undo_label (portfolio), ==, undo_label);
      for (guint t = 0; t < n; t++)
        g_assert_cmpfloat (tm_task_get_minutes (tasks[t]), ==, TM_NOT_ESTIMATED);
    }
}

static void
test_convert_value (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_NO, "Afsnit");
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (tm_csv_convert_value (portfolio, TM_CSV_FIELD_MINUTES, " 2,5 ", data, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (data->minutes, ==, 2.5);
  g_assert_true (tm_csv_convert_value (portfolio, TM_CSV_FIELD_MINUTES, "10 min", data, &error));
  g_assert_cmpfloat (data->minutes, ==, 10);
  /* Empty: not estimated. */
  g_assert_true (tm_csv_convert_value (portfolio, TM_CSV_FIELD_MINUTES, "", data, &error));
  g_assert_cmpfloat (data->minutes, ==, TM_NOT_ESTIMATED);
  g_assert_true (tm_csv_convert_value (portfolio, TM_CSV_FIELD_OCCURRENCES, "1.5", data, &error));
  g_assert_cmpfloat (data->occurrences, ==, 1.5);
  g_assert_true (tm_csv_convert_value (portfolio, TM_CSV_FIELD_PER, "per uke", data, &error));
  g_assert_cmpint (data->per, ==, TM_PER_WEEK);
  g_assert_true (tm_csv_convert_value (portfolio, TM_CSV_FIELD_LEVEL, "b", data, &error));
  g_assert_cmpint (data->level, ==, TM_LEVEL_BOUNDED_CLINICAL);
  g_assert_true (tm_csv_convert_value (portfolio, TM_CSV_FIELD_COMPLEXITY, "Høy", data, &error));
  g_assert_cmpint (data->complexity, ==, TM_COMPLEXITY_HIGH);
  /* A separator in a value stays text: "12;5" is not 12 and 5. */
  g_assert_false (tm_csv_convert_value (portfolio, TM_CSV_FIELD_MINUTES, "12;5", data, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "12;5"));
  /* The message names the column, not a file or a row. */
  g_assert_null (strstr (error->message, "row"));
  g_clear_error (&error);
  g_assert_cmpfloat (data->minutes, ==, TM_NOT_ESTIMATED);
  g_assert_false (tm_csv_convert_value (portfolio, TM_CSV_FIELD_MINUTES, "-3", data, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tm_csv_convert_value (portfolio, TM_CSV_FIELD_TITLE, "  ", data, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tm_csv_convert_value (portfolio, TM_CSV_FIELD_MINUTES, "5\t6", data, &error));
  g_assert_error (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/csv/read/excel-da-1252", test_read_excel_1252);
  g_test_add_func ("/core/csv/read/excel-da-utf8-bom", test_read_excel_utf8_bom);
  g_test_add_func ("/core/csv/read/libreoffice-comma", test_read_libreoffice);
  g_test_add_func ("/core/csv/read/tab", test_read_tab);
  g_test_add_func ("/core/csv/read/norwegian", test_read_norwegian);
  g_test_add_func ("/core/csv/read/line-ends", test_read_line_ends);
  g_test_add_func ("/core/csv/read/separator-detection", test_read_separator_detection);
  g_test_add_func ("/core/csv/read/ragged", test_read_ragged);
  g_test_add_func ("/core/csv/read/never-hangs", test_never_hangs);
  g_test_add_func ("/core/csv/mapping/headers", test_mapping_headers);
  g_test_add_func ("/core/csv/mapping/refused", test_mapping_refused);
  g_test_add_data_func ("/core/csv/import/excel-da-1252", "excel-da-1252.csv", test_import_excel_danish);
  g_test_add_data_func ("/core/csv/import/excel-da-utf8-bom", "excel-da-utf8-bom.csv", test_import_excel_danish);
  g_test_add_func ("/core/csv/import/libreoffice-comma", test_import_libreoffice);
  g_test_add_func ("/core/csv/import/norwegian", test_import_norwegian);
  g_test_add_func ("/core/csv/import/unicode-text", test_import_tab);
  g_test_add_func ("/core/csv/import/values", test_import_values);
  g_test_add_func ("/core/csv/import/performers", test_import_performers);
  g_test_add_func ("/core/csv/import/one-undo-step", test_import_one_undo_step);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *name = g_strndup (refusals[i].file, strlen (refusals[i].file) - strlen (".csv"));
      g_autofree char *test_path = g_strconcat ("/core/csv/refuse/", name, NULL);

      g_test_add_data_func (test_path, &refusals[i], test_refusal);
    }
  g_test_add_func ("/core/csv/refuse/header-only", test_refuse_header_only);
  g_test_add_func ("/core/csv/refuse/late-error", test_refuse_late_error);
  g_test_add_func ("/core/csv/refuse/too-many-rows", test_refuse_too_many_rows);
  g_test_add_func ("/core/csv/refuse/too-large", test_refuse_too_large);

  g_test_add_func ("/core/csv/export/format", test_export_format);
  g_test_add_func ("/core/csv/export/norwegian", test_export_norwegian);
  g_test_add_data_func ("/core/csv/export/round-trip-dk", GINT_TO_POINTER (TM_COUNTRY_DK), test_export_round_trip);
  g_test_add_data_func ("/core/csv/export/round-trip-no", GINT_TO_POINTER (TM_COUNTRY_NO), test_export_round_trip);
  g_test_add_data_func ("/core/csv/export/example-dk", GINT_TO_POINTER (TM_COUNTRY_DK), test_export_example_round_trip);
  g_test_add_data_func ("/core/csv/export/example-no", GINT_TO_POINTER (TM_COUNTRY_NO), test_export_example_round_trip);
  g_test_add_func ("/core/csv/export/matrix", test_export_matrix);
  g_test_add_func ("/core/csv/export/files", test_export_files);
  g_test_add_func ("/core/csv/import/in-steps", test_import_in_steps);
  g_test_add_func ("/core/csv/paste/block", test_paste_block);
  g_test_add_func ("/core/csv/paste/refused", test_paste_refused);
  g_test_add_func ("/core/csv/paste/in-steps", test_paste_in_steps);
  g_test_add_func ("/core/csv/paste/convert-value", test_convert_value);

  return g_test_run ();
}
