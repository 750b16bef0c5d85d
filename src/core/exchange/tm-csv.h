/* tm-csv.h
 * Task lists as spreadsheets: CSV import with detection, and CSV export.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_CSV_ERROR (tm_csv_error_quark ())

typedef enum {
  TM_CSV_ERROR_EMPTY,        /* nothing in the file, or only a header */
  TM_CSV_ERROR_TOO_LARGE,    /* over the size, row or column bounds */
  TM_CSV_ERROR_NOT_TEXT,     /* binary data, or text in no encoding we read */
  TM_CSV_ERROR_MALFORMED,    /* an unterminated quote, a row longer than the header */
  TM_CSV_ERROR_MAPPING,      /* no column for the title, or a field mapped twice */
  TM_CSV_ERROR_INVALID,      /* a value that cannot become part of a task */
} TmCsvError;

GQuark tm_csv_error_quark (void);

/* Bounds of what tm_csv_read() accepts; far beyond any unit's task list. */
#define TM_CSV_MAX_BYTES   (100u * 1024u * 1024u)
#define TM_CSV_MAX_ROWS    1000000u
#define TM_CSV_MAX_COLUMNS 200u

/* The task field a column is imported into. */
typedef enum {
  TM_CSV_FIELD_IGNORE,
  TM_CSV_FIELD_TITLE,
  TM_CSV_FIELD_DESCRIPTION,
  TM_CSV_FIELD_GROUP,
  TM_CSV_FIELD_LEVEL,
  TM_CSV_FIELD_COMPLEXITY,
  TM_CSV_FIELD_MINUTES,
  TM_CSV_FIELD_OCCURRENCES,
  TM_CSV_FIELD_PER,
  TM_CSV_FIELD_SHIFTS,
  TM_CSV_FIELD_PERFORMED_BY,
  TM_CSV_FIELD_NOTES,
  TM_CSV_N_FIELDS
} TmCsvField;

/* Translated, for the mapping's drop-downs and for export headers. */
const char *tm_csv_field_get_label (TmCsvField  field);
/* Stable ids ("ignore", "title", "performed-by", ...), e.g. for taskmap-tool. */
const char *tm_csv_field_to_id     (TmCsvField  field);
gboolean    tm_csv_field_from_id   (const char *id,
                                    TmCsvField *field);
/* The field a header names (English, Danish or Norwegian; case, surrounding
 * space and a trailing colon do not matter), or TM_CSV_FIELD_IGNORE. */
TmCsvField  tm_csv_field_from_header (const char *header);

/* Threads: tm_csv_read() and the table's getters touch no shared state and
 * may run in a worker thread. tm_csv_import() and the exports switch
 * gettext's language (tm_language_push()) and belong on the main thread. */
typedef struct _TmCsvTable TmCsvTable;

/* Reads a CSV file: detects the encoding (UTF-8 with or without BOM, UTF-16
 * with BOM, else Windows-1252), the separator (';', ',' or tab) and the line
 * ends; the first non-blank row is the header. Rows whose cells are all empty
 * are left out (tm_csv_table_get_row_number() still counts them). Messages
 * name @display_name and the row as a spreadsheet counts it (header = row 1). */
TmCsvTable *tm_csv_read       (const char  *data,
                               gsize        length,
                               const char  *display_name,
                               GError     **error);
/* The same for a file; refuses one over TM_CSV_MAX_BYTES before loading it. */
TmCsvTable *tm_csv_read_file  (GFile       *file,
                               GError     **error);
void        tm_csv_table_free (TmCsvTable  *table);

const char *tm_csv_table_get_display_name     (TmCsvTable *table);
/* Data rows (without the header and the blank rows). */
guint       tm_csv_table_get_n_rows           (TmCsvTable *table);
guint       tm_csv_table_get_n_columns        (TmCsvTable *table);
/* The header of @column as written in the file ("" when it has none). */
const char *tm_csv_table_get_header           (TmCsvTable *table,
                                               guint       column);
/* The text of a cell, with line breaks inside it as "\n"; "" past the end of
 * a short row. @row counts data rows from 0. */
const char *tm_csv_table_get_cell             (TmCsvTable *table,
                                               guint       row,
                                               guint       column);
/* The spreadsheet row number of data row @row (the header is row 1). */
guint       tm_csv_table_get_row_number       (TmCsvTable *table,
                                               guint       row);
/* One field per column, guessed from the headers; each field at most once. */
const TmCsvField *tm_csv_table_get_suggested_mapping (TmCsvTable *table);
/* ';', ',' or '\t'. */
char        tm_csv_table_get_separator        (TmCsvTable *table);
/* Translated: "Semicolon (;)", "Comma (,)", "Tab". */
const char *tm_csv_table_get_separator_label  (TmCsvTable *table);
/* "UTF-8", "UTF-8 with BOM", "UTF-16 with BOM" or "Windows-1252". */
const char *tm_csv_table_get_encoding         (TmCsvTable *table);

/* Converts every row with @mapping (one TmCsvField per column; NULL for the
 * suggested one) and adds the tasks in one transaction and one undo step.
 * Rows with nothing in the imported columns are skipped. Any bad value
 * refuses the whole file with a message "FILE: row N: …" naming the column
 * and the value; then @portfolio is unchanged. Level and complexity are read as ids, English,
 * Danish or Norwegian labels, or the letters A/B/C; numbers with a decimal
 * comma or point; an empty time is "not estimated". */
gboolean    tm_csv_import     (TmPortfolio       *portfolio,
                               TmCsvTable        *table,
                               const TmCsvField  *mapping,
                               guint             *n_imported,
                               GError           **error);

/* The period a header names for a count: "Antal pr. uge", "Gange pr. dag",
 * "Antall per uke", "Times per week", "Antal/md.", "Gange pr. vagt",
 * "Ugentligt antal" (Danish, Norwegian, English; pr./per/a/om/i and the usual
 * abbreviations). FALSE when the header names no count with a period. */
gboolean    tm_csv_header_get_period (const char *header,
                                      TmPer      *per);
/* The period the header of the column mapped as the count names, -1 none. */
int         tm_csv_table_get_count_period     (TmCsvTable       *table,
                                               const TmCsvField *mapping);
/* TRUE when some row has a count but no period: not in its own cell, not in
 * the count's header. Then the user must choose one (tm_csv_import_full()'s
 * @per): a count is never read per day in silence. */
gboolean    tm_csv_table_needs_period         (TmCsvTable       *table,
                                               const TmCsvField *mapping);
/* The headers (as column names: “Ansvarlig”, or "column 5") of the columns
 * that have content but are not imported with @mapping. */
GPtrArray  *tm_csv_table_dup_ignored_columns  (TmCsvTable       *table,
                                               const TmCsvField *mapping);

/* The country the file's words belong to (headers, and the professions in
 * the column of who performs the tasks): FALSE when they do not tell. */
gboolean    tm_csv_table_guess_country        (TmCsvTable       *table,
                                               TmCountry        *country);

/* The mapping (and the period of counts, -1 none) chosen the last time a
 * file with the same headers was imported, from the user's configuration
 * (TASKMAP_CONFIG_DIR when set). FALSE when there is none; then @mapping is
 * left as it was. */
gboolean    tm_csv_table_load_preset          (TmCsvTable       *table,
                                               TmCsvField       *mapping,
                                               int              *per);
/* Remembers @mapping and @per for files with these headers. */
gboolean    tm_csv_table_save_preset          (TmCsvTable       *table,
                                               const TmCsvField *mapping,
                                               int               per,
                                               GError          **error);

typedef struct {
  guint      n_imported;
  guint      n_with_time;      /* tasks that got a time */
  guint      n_without_time;   /* tasks left without (not estimated) */
  GPtrArray *ignored_columns;  /* of char *: columns with content not imported */
} TmCsvImportResult;

void        tm_csv_import_result_clear        (TmCsvImportResult *result);

/* tm_csv_import() with the period of counts that have none of their own
 * (@per a TmPer, or -1: such a count refuses the file, naming the row and
 * column), and what came of it in @result (nullable; clear it). */
gboolean    tm_csv_import_full (TmPortfolio        *portfolio,
                                TmCsvTable         *table,
                                const TmCsvField   *mapping,
                                int                 per,
                                TmCsvImportResult  *result,
                                GError            **error);

/* tm_csv_import_full() in steps, for a window that goes on drawing while a
 * region's spreadsheet of 100,000 rows goes in. @table is read until the
 * rows are checked (tm_csv_import_is_checked()), not after. The same checks
 * and messages; NULL when the mapping is refused. Once the tasks are being
 * written the portfolio takes no other change until the job is done or freed. */
typedef struct _TmCsvImportJob TmCsvImportJob;

TmCsvImportJob *tm_csv_import_begin (TmPortfolio       *portfolio,
                                     TmCsvTable        *table,
                                     const TmCsvField  *mapping,
                                     int                per,
                                     GError           **error);
/* Works on for about @budget_us microseconds; @done once the tasks are in
 * (one undo step). FALSE on an error: the portfolio is unchanged. */
gboolean        tm_csv_import_step  (TmCsvImportJob    *job,
                                     gint64             budget_us,
                                     gboolean          *done,
                                     GError           **error);
/* How far the job got, 0…1. */
double          tm_csv_import_get_fraction     (TmCsvImportJob *job);
/* TRUE while nothing is saved: freeing the job leaves the portfolio as it was. */
gboolean        tm_csv_import_can_cancel       (TmCsvImportJob *job);
/* What came of it, once done (owned by the job). */
const TmCsvImportResult *tm_csv_import_get_result (TmCsvImportJob *job);
const char     *tm_csv_import_get_display_name (TmCsvImportJob *job);
/* The rows of the table, with or without content. */
guint           tm_csv_import_get_n_rows       (TmCsvImportJob *job);
/* TRUE once every row is converted and checked: what is left is writing
 * the tasks, and @table is no longer read. */
gboolean        tm_csv_import_is_checked       (TmCsvImportJob *job);
/* Frees @job: rolled back while nothing is saved; TRUE when the tasks are in. */
gboolean        tm_csv_import_free             (TmCsvImportJob *job);

/* One value typed into a cell of the task list, read as the import reads
 * it (numbers with a decimal comma or point and an optional unit, levels as
 * A/B/C or a name, periods, professions by name) and set in @data. An empty
 * value clears the field: a time becomes "not estimated". Messages name the
 * column ("column “Minutes”: “abc” is not a number of minutes …"). */
gboolean    tm_csv_convert_value (TmPortfolio      *portfolio,
                                  TmCsvField        field,
                                  const char       *text,
                                  TmTaskData       *data,
                                  GError          **error);

/* Pastes a block copied from a spreadsheet (rows of tab-separated cells, no
 * header) onto @tasks: pasted row i fills @tasks[i], its cells the fields
 * @fields in order. Cells are read with the import's rules; an empty cell
 * clears its field (the period stays). The block is read and checked at
 * once: a block wider than @n_fields or longer than @n_tasks, or any bad
 * value, refuses the whole block with a message "Pasted rows: row N:
 * column …" (NULL, the portfolio unchanged). Otherwise the edit, one undo
 * step, to be written in steps (tm_edit_job_step()) or at once
 * (tm_edit_job_run()); @n_changed is the number of rows it pastes. */
TmEditJob  *tm_csv_paste_begin   (TmPortfolio      *portfolio,
                                  const char       *text,
                                  TmTask          **tasks,
                                  guint             n_tasks,
                                  const TmCsvField *fields,
                                  guint             n_fields,
                                  guint            *n_changed,
                                  GError          **error);

/* tm_csv_paste_begin() in steps, for a window that draws meanwhile (the
 * rows of a region's column, 10,000 of them, took some 80 ms at once): the
 * block is read and its shape checked at once, with the same refusals;
 * then each step converts and checks rows until @deadline (monotonic µs)
 * and sets @done after the last, or refuses the block with the row's
 * message; tm_csv_pasting_finish() then gives the edit (as
 * tm_csv_paste_begin()) and, in @message (nullable), what to say once it
 * is in ("600 rows pasted from “Minutes” on."), and frees @pasting. The
 * tasks are held; nothing changes until the edit is run. */
typedef struct _TmCsvPasting TmCsvPasting;

TmCsvPasting *tm_csv_pasting_new   (TmPortfolio      *portfolio,
                                    const char       *text,
                                    TmTask          **tasks,
                                    guint             n_tasks,
                                    const TmCsvField *fields,
                                    guint             n_fields,
                                    GError          **error);
gboolean    tm_csv_pasting_step    (TmCsvPasting     *pasting,
                                    gint64            deadline,
                                    gboolean         *done,
                                    GError          **error);
/* How many of the selected tasks the block reaches. */
guint       tm_csv_pasting_get_n_rows (TmCsvPasting  *pasting);
/* How far it got, 0…1. */
double      tm_csv_pasting_get_fraction (TmCsvPasting *pasting);
TmEditJob  *tm_csv_pasting_finish  (TmCsvPasting     *pasting,
                                    guint            *n_changed,
                                    char            **message,
                                    GError          **error);
void        tm_csv_pasting_free    (TmCsvPasting     *pasting);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmCsvPasting, tm_csv_pasting_free)

/* Exports for Danish and Norwegian Excel: UTF-8 with BOM, ';', CRLF, headers
 * and labels in the portfolio's language, decimal commas, empty cells for
 * what is not estimated or not assessed. Deterministic. The catalogue has
 * the columns title, description, group, competence level, patient
 * complexity, minutes, times, per, hours per week, shifts, performed by and
 * notes, and reads back with tm_csv_read() and tm_csv_import(). */
char       *tm_csv_export_catalogue      (TmPortfolio  *portfolio,
                                          gsize        *length,
                                          GError      **error);
gboolean    tm_csv_export_catalogue_file (TmPortfolio  *portfolio,
                                          GFile        *file,
                                          GError      **error);
/* One row per task, one column per profession that is not hidden with its
 * suitability, then the move of @scenario_id (NULL: the first scenario) and
 * the share that moves. */
char       *tm_csv_export_matrix         (TmPortfolio  *portfolio,
                                          const char   *scenario_id,
                                          gsize        *length,
                                          GError      **error);
gboolean    tm_csv_export_matrix_file    (TmPortfolio  *portfolio,
                                          const char   *scenario_id,
                                          GFile        *file,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmCsvTable, tm_csv_table_free)

G_END_DECLS
