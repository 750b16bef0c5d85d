/* tm-csv-private.h
 * What the files of the CSV exchange (tm-csv.c, -read.c, -import.c,
 * -paste.c, -export.c) share: the table, an import's state, and the
 * functions they call in each other.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "exchange/tm-csv.h"

G_BEGIN_DECLS

/* The same bounds as tm_task_data_validate(), checked here first so the
 * message can name the row, the column and the value. */
#define MAX_MINUTES     (24.0 * 60.0)
#define MAX_OCCURRENCES 100000.0

/* How many records the separator detection looks at. */
#define DETECT_RECORDS 50

/* One data row: its cells back to back, each ending in '\0'. Trailing
 * empty cells are not stored. */
typedef struct {
  const char *cells;
  guint       number;    /* spreadsheet row, the header being row 1 */
  guint       n_cells;
} Row;

struct _TmCsvTable {
  char         *display_name;
  char          separator;
  const char   *encoding;
  guint         n_columns;
  GPtrArray    *header;     /* of char *, n_columns long */
  GArray       *rows;       /* of Row */
  GStringChunk *chunk;      /* the rows' text */
  TmCsvField   *mapping;    /* n_columns long */
  int          *periods;    /* n_columns long: the TmPer a header names, -1 none */
};

/* Values */

typedef struct {
  TmCsvTable       *table;
  const TmCsvField *mapping;
  int               count_period;  /* the count column's header period, else the one chosen; -1 none */
  GHashTable       *levels;        /* key → level + 1 */
  GHashTable       *complexities;  /* key → complexity + 1 */
  GHashTable       *pers;          /* key → per + 1 */
  GHashTable       *shifts;        /* key → TmShifts flags */
  GHashTable       *fillers;       /* shift words that say nothing: "og", "shift" */
  GHashTable       *professions;   /* key → profession id (owned) */
  gboolean          one_value;     /* one value typed in a cell: messages without file and row */
} Import;

/* tm-csv.c */
char *_tm_csv_normalize_key (const char *text);

/* tm-csv-read.c */
gboolean _tm_csv_is_blank (const char *text,
                           gsize       len);
TmCsvTable *_tm_csv_read_table (const char  *data,
                                gsize        length,
                                const char  *display_name,
                                char         sep,
                                guint        first_row,
                                GError     **error);

/* tm-csv-import.c */
char *_tm_csv_column_name (Import *imp,
                           guint   column);
gboolean _tm_csv_convert_complexity (Import       *imp,
                                     const char   *cell,
                                     TmComplexity *complexity);
gboolean _tm_csv_convert_level (Import      *imp,
                                const char  *cell,
                                TmLevel     *level);
gboolean _tm_csv_convert_number (Import      *imp,
                                 guint        row,
                                 guint        column,
                                 const char  *cell,
                                 gboolean     minutes,
                                 double      *value,
                                 GError     **error);
gboolean _tm_csv_convert_per (Import     *imp,
                              const char *cell,
                              TmPer      *per);
/* One cell onto @data, with the import's checks and messages: an empty cell
 * clears the field (a time becomes "not estimated"), except the period,
 * which stays (tm-csv-paste.c). */
gboolean _tm_csv_convert_cell_onto (Import      *imp,
                                    guint        row,
                                    guint        column,
                                    TmCsvField   field,
                                    const char  *cell,
                                    TmTaskData  *data,
                                    GError     **error);
gboolean _tm_csv_convert_performers (Import      *imp,
                                     guint        row,
                                     guint        column,
                                     const char  *cell,
                                     TmTaskData  *data,
                                     GError     **error);
gboolean _tm_csv_convert_shifts (Import      *imp,
                                 const char  *cell,
                                 guint       *shifts,
                                 char       **bad_word);
char *_tm_csv_dup_text (const char *cell,
                        gboolean    one_line);
void _tm_csv_import_clear (Import *imp);
void _tm_csv_import_init (Import      *imp,
                          TmPortfolio *portfolio);
void _tm_csv_set_cell_error (GError     **error,
                             Import      *imp,
                             guint        row,
                             guint        column,
                             const char  *value,
                             const char  *format);
void _tm_csv_set_row_error (GError     **error,
                            TmCsvError   code,
                            Import      *imp,
                            guint        row,
                            const char  *message);

G_END_DECLS
