/* tm-csv.c
 * Task lists as spreadsheets: CSV import with detection, and CSV export.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Why Taskmap has its own CSV reader rather than libcsv
 *
 * Debian packages one C CSV library, libcsv (libcsv-dev 3.0.3). It is small,
 * LGPL and correct for RFC 4180 quoting, but:
 *
 *  - it is not really kept: 3.0.3 (January 2013) is its last release; the
 *    upstream repository has had no release since, and Debian only carries it;
 *  - it ships no pkg-config file (only csv.h, libcsv.so and libcsv.a), so
 *    meson would need a hand-written find_library() fallback;
 *  - it parses bytes with a separator it is told: it detects neither the
 *    encoding nor the separator, which are the hard part of reading what
 *    Danish and Norwegian Excel write (Windows-1252 or UTF-8 with BOM, ';'
 *    because ',' is their decimal separator). Detecting the separator needs
 *    a quote-aware pass over the first records anyway, which is most of a
 *    parser;
 *  - it does not count records, so naming the row of an unterminated quote
 *    (the error a manager needs) takes the same bookkeeping again in its
 *    callbacks.
 *
 * The reader below is a single-pass state machine over the decoded UTF-8
 * text (separators, quotes and line ends are ASCII, so they never occur
 * inside a UTF-8 sequence): RFC 4180 quoting with doubled quotes, separators
 * and line breaks inside quoted cells, CRLF, LF or CR line ends, and bounds on
 * size, rows and columns. It reads each byte once, cannot loop without
 * consuming input, and stores rows compactly (cells of a row back to back),
 * so a 100 MB file costs about its own size in memory. It is tested with
 * fixtures written the way Excel and LibreOffice write them.
 */

#define G_LOG_DOMAIN "tm-csv"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "exchange/tm-csv.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"

G_DEFINE_QUARK (tm-csv-error-quark, tm_csv_error)

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

/* Fields */

static const char * const field_ids[] = {
  "ignore", "title", "description", "group", "level", "complexity",
  "minutes", "occurrences", "per", "shifts", "performed-by", "notes",
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_ids) == TM_CSV_N_FIELDS);

const char *
tm_csv_field_to_id (TmCsvField field)
{
  g_return_val_if_fail ((guint) field < TM_CSV_N_FIELDS, NULL);
  return field_ids[field];
}

gboolean
tm_csv_field_from_id (const char *id,
                      TmCsvField *field)
{
  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < TM_CSV_N_FIELDS; i++)
    {
      if (g_str_equal (field_ids[i], id))
        {
          if (field != NULL)
            *field = (TmCsvField) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
tm_csv_field_get_label (TmCsvField field)
{
  switch (field)
    {
    /* Translators: the choice for a spreadsheet column that is not imported */
    case TM_CSV_FIELD_IGNORE: return _("Do not import");
    case TM_CSV_FIELD_TITLE: return _("Title");
    case TM_CSV_FIELD_DESCRIPTION: return _("Description");
    case TM_CSV_FIELD_GROUP: return _("Group");
    case TM_CSV_FIELD_LEVEL: return _("Competence level");
    case TM_CSV_FIELD_COMPLEXITY: return _("Patient complexity");
    /* Translators: a spreadsheet column: minutes per occurrence of a task */
    case TM_CSV_FIELD_MINUTES: return _("Minutes");
    /* Translators: a spreadsheet column: how many times a task is done per
     * day or week (Danish "Antal", Norwegian "Antall") */
    case TM_CSV_FIELD_OCCURRENCES: return C_("csv-column", "Times");
    /* Translators: a spreadsheet column: whether the times are per day or per
     * week (Danish "Pr.", Norwegian "Per") */
    case TM_CSV_FIELD_PER: return C_("csv-column", "Per");
    case TM_CSV_FIELD_SHIFTS: return _("Shifts");
    case TM_CSV_FIELD_PERFORMED_BY: return _("Performed by");
    case TM_CSV_FIELD_NOTES: return _("Notes");
    case TM_CSV_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Trimmed, inner white space collapsed to one space, case-folded and
 * composed, so "  Udføres  i dag AF " and "udføres i dag af" are one key. */
static char *
normalize_key (const char *text)
{
  g_autoptr(GString) collapsed = g_string_new (NULL);
  g_autofree char *folded = NULL;
  gboolean space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0xFEFF)
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_unichar (collapsed, c);
    }

  folded = g_utf8_casefold (collapsed->str, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);
}

static gboolean
key_equal (const char *key,
           const char *name)
{
  g_autofree char *other = normalize_key (name);

  return g_str_equal (key, other);
}

/* Header names people use in English, Danish and Norwegian. */
static const struct {
  TmCsvField  field;
  const char *name;
} header_names[] = {
  { TM_CSV_FIELD_TITLE, "Title" },
  { TM_CSV_FIELD_TITLE, "Titel" },
  { TM_CSV_FIELD_TITLE, "Tittel" },
  { TM_CSV_FIELD_TITLE, "Task" },
  { TM_CSV_FIELD_TITLE, "Opgave" },
  { TM_CSV_FIELD_TITLE, "Oppgave" },
  { TM_CSV_FIELD_TITLE, "Opgavetitel" },
  { TM_CSV_FIELD_TITLE, "Oppgavetittel" },
  { TM_CSV_FIELD_TITLE, "Opgavenavn" },
  { TM_CSV_FIELD_TITLE, "Oppgavenavn" },
  { TM_CSV_FIELD_TITLE, "Task title" },
  { TM_CSV_FIELD_TITLE, "Aktivitet" },
  { TM_CSV_FIELD_TITLE, "Activity" },
  { TM_CSV_FIELD_DESCRIPTION, "Description" },
  { TM_CSV_FIELD_DESCRIPTION, "Beskrivelse" },
  { TM_CSV_FIELD_DESCRIPTION, "Task description" },
  { TM_CSV_FIELD_DESCRIPTION, "Opgavebeskrivelse" },
  { TM_CSV_FIELD_DESCRIPTION, "Oppgavebeskrivelse" },
  { TM_CSV_FIELD_GROUP, "Group" },
  { TM_CSV_FIELD_GROUP, "Gruppe" },
  { TM_CSV_FIELD_GROUP, "Kategori" },
  { TM_CSV_FIELD_GROUP, "Category" },
  { TM_CSV_FIELD_GROUP, "Task group" },
  { TM_CSV_FIELD_GROUP, "Opgavegruppe" },
  { TM_CSV_FIELD_GROUP, "Oppgavegruppe" },
  { TM_CSV_FIELD_LEVEL, "Competence level" },
  { TM_CSV_FIELD_LEVEL, "Kompetenceniveau" },
  { TM_CSV_FIELD_LEVEL, "Kompetansenivå" },
  { TM_CSV_FIELD_LEVEL, "Level" },
  { TM_CSV_FIELD_LEVEL, "Niveau" },
  { TM_CSV_FIELD_LEVEL, "Nivå" },
  { TM_CSV_FIELD_COMPLEXITY, "Complexity" },
  { TM_CSV_FIELD_COMPLEXITY, "Kompleksitet" },
  { TM_CSV_FIELD_COMPLEXITY, "Patient complexity" },
  { TM_CSV_FIELD_COMPLEXITY, "Patientens kompleksitet" },
  { TM_CSV_FIELD_COMPLEXITY, "Pasientens kompleksitet" },
  { TM_CSV_FIELD_COMPLEXITY, "Patientkompleksitet" },
  { TM_CSV_FIELD_COMPLEXITY, "Pasientkompleksitet" },
  { TM_CSV_FIELD_MINUTES, "Minutes" },
  { TM_CSV_FIELD_MINUTES, "Minutter" },
  { TM_CSV_FIELD_MINUTES, "Tid (min)" },
  { TM_CSV_FIELD_MINUTES, "Tid (minutter)" },
  { TM_CSV_FIELD_MINUTES, "Time (min)" },
  { TM_CSV_FIELD_MINUTES, "Minutes per occurrence" },
  { TM_CSV_FIELD_MINUTES, "Minutter pr. gang" },
  { TM_CSV_FIELD_MINUTES, "Minutter per gang" },
  { TM_CSV_FIELD_MINUTES, "Tidsforbrug (min)" },
  { TM_CSV_FIELD_MINUTES, "Tidsbruk (min)" },
  { TM_CSV_FIELD_OCCURRENCES, "Times" },
  { TM_CSV_FIELD_OCCURRENCES, "Antal" },
  { TM_CSV_FIELD_OCCURRENCES, "Antall" },
  { TM_CSV_FIELD_OCCURRENCES, "Antal gange" },
  { TM_CSV_FIELD_OCCURRENCES, "Antall ganger" },
  { TM_CSV_FIELD_OCCURRENCES, "Hyppighed" },
  { TM_CSV_FIELD_OCCURRENCES, "Hyppighet" },
  { TM_CSV_FIELD_OCCURRENCES, "Frequency" },
  { TM_CSV_FIELD_OCCURRENCES, "Occurrences" },
  { TM_CSV_FIELD_OCCURRENCES, "Number of times" },
  { TM_CSV_FIELD_PER, "Per" },
  { TM_CSV_FIELD_PER, "Pr." },
  { TM_CSV_FIELD_PER, "Pr" },
  { TM_CSV_FIELD_PER, "Per dag/uge" },
  { TM_CSV_FIELD_PER, "Pr. dag/uge" },
  { TM_CSV_FIELD_PER, "Per dag/uke" },
  { TM_CSV_FIELD_PER, "Per day/week" },
  { TM_CSV_FIELD_PER, "Periode" },
  { TM_CSV_FIELD_PER, "Period" },
  { TM_CSV_FIELD_SHIFTS, "Shifts" },
  { TM_CSV_FIELD_SHIFTS, "Shift" },
  { TM_CSV_FIELD_SHIFTS, "Vagter" },
  { TM_CSV_FIELD_SHIFTS, "Vagt" },
  { TM_CSV_FIELD_SHIFTS, "Vakter" },
  { TM_CSV_FIELD_SHIFTS, "Vakt" },
  { TM_CSV_FIELD_PERFORMED_BY, "Performed by" },
  { TM_CSV_FIELD_PERFORMED_BY, "Current performer" },
  { TM_CSV_FIELD_PERFORMED_BY, "Udføres af" },
  { TM_CSV_FIELD_PERFORMED_BY, "Udføres i dag af" },
  { TM_CSV_FIELD_PERFORMED_BY, "Udført af" },
  { TM_CSV_FIELD_PERFORMED_BY, "Utføres av" },
  { TM_CSV_FIELD_PERFORMED_BY, "Utføres i dag av" },
  { TM_CSV_FIELD_PERFORMED_BY, "Utført av" },
  { TM_CSV_FIELD_PERFORMED_BY, "Faggruppe" },
  { TM_CSV_FIELD_PERFORMED_BY, "Faggrupper" },
  { TM_CSV_FIELD_PERFORMED_BY, "Yrkesgruppe" },
  { TM_CSV_FIELD_PERFORMED_BY, "Yrkesgrupper" },
  { TM_CSV_FIELD_PERFORMED_BY, "Profession" },
  { TM_CSV_FIELD_NOTES, "Notes" },
  { TM_CSV_FIELD_NOTES, "Note" },
  { TM_CSV_FIELD_NOTES, "Noter" },
  { TM_CSV_FIELD_NOTES, "Note" },
  { TM_CSV_FIELD_NOTES, "Notater" },
  { TM_CSV_FIELD_NOTES, "Notat" },
  { TM_CSV_FIELD_NOTES, "Bemærkninger" },
  { TM_CSV_FIELD_NOTES, "Bemærkning" },
  { TM_CSV_FIELD_NOTES, "Merknader" },
  { TM_CSV_FIELD_NOTES, "Merknad" },
  { TM_CSV_FIELD_NOTES, "Kommentar" },
  { TM_CSV_FIELD_NOTES, "Kommentarer" },
  { TM_CSV_FIELD_NOTES, "Comments" },
  { TM_CSV_FIELD_NOTES, "Comment" },
  /* Exported, but worked out from minutes and times: not read back. */
  { TM_CSV_FIELD_IGNORE, "Hours per week" },
  { TM_CSV_FIELD_IGNORE, "Timer pr. uge" },
  { TM_CSV_FIELD_IGNORE, "Timer per uke" },
};

/* Words a header uses for a count, and for the period it is counted in. */
static const char * const time_unit_words[] = {
  "timer", "time", "timar", "hours", "hour", "hrs", "h", "t", "minutter", "minutt", "minut", "minutes",
  "minute", "min", "min.", "sekunder", "seconds", "årsværk", "årsverk", "fte",
};

static const char * const count_words[] = {
  "antal", "antall", "gange", "ganger", "gang", "times", "count", "number", "no.", "nr.",
  "hyppighed", "hyppighet", "frekvens", "frequency", "occurrences", "x",
};
static const struct {
  TmPer       per;
  const char *word;
} period_words[] = {
  { TM_PER_DAY, "dag" }, { TM_PER_DAY, "dagen" }, { TM_PER_DAY, "døgn" }, { TM_PER_DAY, "døgnet" },
  { TM_PER_DAY, "day" }, { TM_PER_DAY, "d" },
  { TM_PER_WEEK, "uge" }, { TM_PER_WEEK, "ugen" }, { TM_PER_WEEK, "uke" }, { TM_PER_WEEK, "uka" },
  { TM_PER_WEEK, "uken" }, { TM_PER_WEEK, "week" }, { TM_PER_WEEK, "wk" }, { TM_PER_WEEK, "u" },
  { TM_PER_MONTH, "måned" }, { TM_PER_MONTH, "måneden" }, { TM_PER_MONTH, "md" }, { TM_PER_MONTH, "md." },
  { TM_PER_MONTH, "mdr" }, { TM_PER_MONTH, "mdr." }, { TM_PER_MONTH, "mnd" }, { TM_PER_MONTH, "mnd." },
  { TM_PER_MONTH, "month" }, { TM_PER_MONTH, "mth" },
  { TM_PER_YEAR, "år" }, { TM_PER_YEAR, "året" }, { TM_PER_YEAR, "year" }, { TM_PER_YEAR, "yr" },
  { TM_PER_SHIFT, "vagt" }, { TM_PER_SHIFT, "vagten" }, { TM_PER_SHIFT, "vakt" },
  { TM_PER_SHIFT, "vakta" }, { TM_PER_SHIFT, "vakten" }, { TM_PER_SHIFT, "shift" },
};
/* Adjectives that say the period on their own: "Antal daglig", "Weekly count". */
static const struct {
  TmPer       per;
  const char *word;
} period_adjectives[] = {
  { TM_PER_DAY, "daglig" }, { TM_PER_DAY, "dagligt" }, { TM_PER_DAY, "daily" },
  { TM_PER_WEEK, "ugentlig" }, { TM_PER_WEEK, "ugentligt" }, { TM_PER_WEEK, "ukentlig" },
  { TM_PER_WEEK, "weekly" },
  { TM_PER_MONTH, "månedlig" }, { TM_PER_MONTH, "månedligt" }, { TM_PER_MONTH, "monthly" },
  { TM_PER_YEAR, "årlig" }, { TM_PER_YEAR, "årligt" }, { TM_PER_YEAR, "yearly" },
  { TM_PER_YEAR, "annual" }, { TM_PER_YEAR, "annually" },
};
/* What stands between a count and its period: "pr. uge", "per week", "a week", "om ugen", "/uke". */
static const char * const period_connectors[] = {
  "pr.", "pr", "per", "a", "om", "i", "each", "every", "hver", "/", "på",
};

static gboolean
in_list (const char * const *list,
         guint               n,
         const char         *word)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (list[i], word))
      return TRUE;
  return FALSE;
}

gboolean
tm_csv_header_get_period (const char *header,
                          TmPer      *per)
{
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  gboolean count = FALSE;
  const char *p;

  if (header == NULL)
    return FALSE;

  key = normalize_key (header);
  /* Words, with "/" and brackets as words of their own: "antal/uge", "antal (pr. uge)". */
  p = key;
  while (*p != '\0')
    {
      const char *start = p;

      if (*p == ' ' || *p == '(' || *p == ')' || *p == ':' || *p == '*' || *p == ',')
        {
          p++;
          continue;
        }
      if (*p == '/')
        {
          g_ptr_array_add (words, g_strdup ("/"));
          p++;
          continue;
        }
      while (*p != '\0' && *p != ' ' && *p != '(' && *p != ')' && *p != '/' && *p != ':' &&
             *p != '*' && *p != ',')
        p++;
      /* "pr.uge" is "pr." and "uge". */
      if (p - start > 3 && g_str_has_prefix (start, "pr."))
        {
          g_ptr_array_add (words, g_strdup ("pr."));
          start += 3;
        }
      g_ptr_array_add (words, g_strndup (start, p - start));
    }

  for (guint i = 0; i < words->len; i++)
    if (in_list (count_words, G_N_ELEMENTS (count_words), g_ptr_array_index (words, i)))
      count = TRUE;
  if (!count)
    return FALSE;

  /* "Antal timer pr. uge", "Number of minutes per day": an amount of time,
   * not how many times — read as a count it would be multiplied by the minutes. */
  for (guint i = 0; i < words->len; i++)
    if (in_list (time_unit_words, G_N_ELEMENTS (time_unit_words), g_ptr_array_index (words, i)))
      return FALSE;

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      for (guint k = 0; k < G_N_ELEMENTS (period_adjectives); k++)
        if (g_str_equal (word, period_adjectives[k].word))
          {
            if (per != NULL)
              *per = period_adjectives[k].per;
            return TRUE;
          }

      /* A period word counts after a connector: "pr. uge", not "Ugens antal". */
      if (i == 0 || !in_list (period_connectors, G_N_ELEMENTS (period_connectors),
                              g_ptr_array_index (words, i - 1)))
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (period_words); k++)
        if (g_str_equal (word, period_words[k].word))
          {
            if (per != NULL)
              *per = period_words[k].per;
            return TRUE;
          }
    }
  return FALSE;
}

TmCsvField
tm_csv_field_from_header (const char *header)
{
  g_autofree char *key = NULL;
  gsize len;

  if (header == NULL)
    return TM_CSV_FIELD_IGNORE;

  key = normalize_key (header);
  len = strlen (key);
  /* "Titel:" and "Minutter *" name the same columns. */
  while (len > 0 && (key[len - 1] == ':' || key[len - 1] == '*' || key[len - 1] == ' '))
    key[--len] = '\0';
  if (len == 0)
    return TM_CSV_FIELD_IGNORE;

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (key_equal (key, header_names[i].name))
      return header_names[i].field;

  /* "Antal pr. uge", "Gange pr. dag", "Times per week": a count, per a period. */
  if (tm_csv_header_get_period (header, NULL))
    return TM_CSV_FIELD_OCCURRENCES;

  /* The labels in the program's language, as an export in it writes them. */
  for (guint f = TM_CSV_FIELD_TITLE; f < TM_CSV_N_FIELDS; f++)
    if (key_equal (key, tm_csv_field_get_label (f)))
      return (TmCsvField) f;

  for (guint f = TM_CSV_FIELD_TITLE; f < TM_CSV_N_FIELDS; f++)
    if (g_str_equal (key, field_ids[f]))
      return (TmCsvField) f;

  return TM_CSV_FIELD_IGNORE;
}

/* Table */

void
tm_csv_table_free (TmCsvTable *table)
{
  if (table == NULL)
    return;

  g_free (table->display_name);
  g_clear_pointer (&table->header, g_ptr_array_unref);
  g_clear_pointer (&table->rows, g_array_unref);
  g_clear_pointer (&table->chunk, g_string_chunk_free);
  g_free (table->mapping);
  g_free (table->periods);
  g_free (table);
}

const char *
tm_csv_table_get_display_name (TmCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->display_name;
}

guint
tm_csv_table_get_n_rows (TmCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

guint
tm_csv_table_get_n_columns (TmCsvTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->n_columns;
}

const char *
tm_csv_table_get_header (TmCsvTable *table,
                         guint       column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column < table->n_columns, NULL);
  return g_ptr_array_index (table->header, column);
}

const char *
tm_csv_table_get_cell (TmCsvTable *table,
                       guint       row,
                       guint       column)
{
  const Row *r;
  const char *p;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (row < table->rows->len, NULL);
  g_return_val_if_fail (column < table->n_columns, NULL);

  r = &g_array_index (table->rows, Row, row);
  if (column >= r->n_cells)
    return "";

  p = r->cells;
  for (guint i = 0; i < column; i++)
    p += strlen (p) + 1;
  return p;
}

guint
tm_csv_table_get_row_number (TmCsvTable *table,
                             guint       row)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (row < table->rows->len, 0);
  return g_array_index (table->rows, Row, row).number;
}

const TmCsvField *
tm_csv_table_get_suggested_mapping (TmCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->mapping;
}

char
tm_csv_table_get_separator (TmCsvTable *table)
{
  g_return_val_if_fail (table != NULL, ';');
  return table->separator;
}

const char *
tm_csv_table_get_separator_label (TmCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  switch (table->separator)
    {
    /* Translators: the separator between the cells of a CSV file */
    case ',': return _("Comma (,)");
    /* Translators: the separator between the cells of a CSV file */
    case '\t': return _("Tab");
    /* Translators: the separator between the cells of a CSV file */
    case ';':
    default: return _("Semicolon (;)");
    }
}

const char *
tm_csv_table_get_encoding (TmCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->encoding;
}

/* Reading */

static gboolean
is_blank (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isspace (text[i]))
      return FALSE;
  return TRUE;
}

/* Counts the cells of the first records with @sep, quote-aware; stops at an
 * unterminated quote (the full parse reports it). Returns the number of
 * non-blank records counted into @counts. */
static guint
count_cells (const char *text,
             gsize       len,
             char        sep,
             guint      *counts,
             guint       max_records)
{
  gsize pos = 0;
  guint n = 0;

  while (pos < len && n < max_records)
    {
      guint cells = 1;
      gboolean blank = TRUE;

      for (;;)
        {
          if (pos < len && text[pos] == '"')
            {
              const char *q;

              blank = FALSE;
              pos++;
              for (;;)
                {
                  q = memchr (text + pos, '"', len - pos);
                  if (q == NULL)
                    return n;
                  pos = q - text + 1;
                  if (pos < len && text[pos] == '"')
                    pos++;
                  else
                    break;
                }
            }
          while (pos < len && text[pos] != sep && text[pos] != '\n' && text[pos] != '\r')
            {
              if (!g_ascii_isspace (text[pos]))
                blank = FALSE;
              pos++;
            }
          if (pos < len && text[pos] == sep)
            {
              cells++;
              pos++;
              continue;
            }
          break;
        }

      if (pos < len && text[pos] == '\r')
        pos++;
      if (pos < len && text[pos] == '\n')
        pos++;

      if (!blank || cells > 1)
        counts[n++] = cells;
    }

  return n;
}

/* The separator whose first records agree on a column count above one:
 * none longer than the header, then the most rows as long as it, then the
 * most columns; tab, then ';', then ',' on a tie. ';' when none fits (one
 * column, or rows that disagree with every separator). */
static char
detect_separator (const char *text,
                  gsize       len)
{
  static const char candidates[] = { '\t', ';', ',' };
  guint counts[DETECT_RECORDS];
  char best = ';';
  gboolean best_valid = FALSE;
  gboolean best_no_over = FALSE;
  guint best_exact = 0, best_columns = 0;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      guint n = count_cells (text, len, candidates[c], counts, DETECT_RECORDS);
      guint exact = 0, over = 0;
      gboolean better;

      if (n == 0 || counts[0] < 2)
        continue;

      for (guint i = 1; i < n; i++)
        {
          if (counts[i] == counts[0])
            exact++;
          else if (counts[i] > counts[0])
            over++;
        }

      if (!best_valid)
        better = TRUE;
      else if ((over == 0) != best_no_over)
        better = over == 0;
      else if (exact != best_exact)
        better = exact > best_exact;
      else
        better = counts[0] > best_columns;

      if (better)
        {
          best = candidates[c];
          best_valid = TRUE;
          best_no_over = over == 0;
          best_exact = exact;
          best_columns = counts[0];
        }
    }

  return best;
}

/* The line of @offset, for a message about bytes that are not UTF-8. */
static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static void
set_not_text_error (GError     **error,
                    const char  *display_name)
{
  g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT,
               /* Translators: %s is a file name */
               _("%s: this is not a CSV file: it holds binary data or text in an "
                 "encoding Taskmap does not read. Save the spreadsheet as CSV "
                 "(UTF-8) and try again."),
               display_name);
}

/* TRUE when @data holds any multi-byte UTF-8 character: then it is UTF-8
 * (Windows-1252 text never has one in practice: "Ã¦" is not Danish). */
/* Whether the text is UTF-8 with a few broken characters rather than
 * Windows-1252: its well-formed multi-byte characters outnumber the stray
 * high bytes. (Windows-1252 text now and then holds a pair that happens to
 * be valid UTF-8, "Ø–"; UTF-8 text with a bad character holds mostly good ones.) */
static gboolean
has_utf8_sequences (const char *data,
                    gsize       length)
{
  const char *p = data;
  const char *end = data + length;
  gsize good = 0;
  gsize stray = 0;

  while (p < end)
    {
      guchar c = *p;
      gunichar ch;

      if (c < 0x80)
        {
          p++;
          continue;
        }
      ch = g_utf8_get_char_validated (p, end - p);
      if (ch < (gunichar) -2)
        {
          good++;
          p = g_utf8_next_char (p);
        }
      else
        {
          stray++;
          p++;
        }
    }
  return good > stray;
}

/* Files people give the import by mistake, recognised by their first bytes. */
static gboolean
refuse_other_kinds (const char  *data,
                    gsize        length,
                    const char  *display_name,
                    GError     **error)
{
  if (length >= 16 && memcmp (data, "SQLite format 3", 16) == 0)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT,
                   /* Translators: %s is a file name */
                   _("%s is a Taskmap portfolio, not a task list: open it in Taskmap, or export it "
                     "as XML to take its tasks into another portfolio."),
                   display_name);
      return FALSE;
    }
  if (length >= 4 && memcmp (data, "PK\003\004", 4) == 0)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT,
                   /* Translators: %s is a file name */
                   _("%s is a spreadsheet workbook (Excel or LibreOffice): save it as CSV "
                     "(File → Save As → CSV) and import that file."),
                   display_name);
      return FALSE;
    }
  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT,
                   /* Translators: %s is a file name */
                   _("%s is a PDF document: Taskmap cannot read tasks from it. Export the task list "
                     "from the program it was made in as CSV."),
                   display_name);
      return FALSE;
    }
  return TRUE;
}

/* Decodes @data to NUL-terminated UTF-8 and names its encoding. */
static char *
decode (const char   *data,
        gsize         length,
        const char   *display_name,
        const char  **encoding,
        gsize        *out_length,
        GError      **error)
{
  g_autofree char *text = NULL;
  gsize text_len = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      const char *end = NULL;

      if (!g_utf8_validate (data + 3, length - 3, &end))
        {
          g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT,
                       /* Translators: %s is a file name, %u a line number */
                       _("%s: the file is marked as UTF-8, but line %u is not UTF-8 text."),
                       display_name, line_of_offset (data, end - data));
          return NULL;
        }
      text = g_strndup (data + 3, length - 3);
      text_len = length - 3;
      *encoding = "UTF-8 with BOM";
    }
  else if (length >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    {
      /* Excel's "Unicode text": UTF-16LE with a BOM, tab-separated. */
      text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16LE", NULL, &text_len, NULL);
      *encoding = "UTF-16 with BOM";
    }
  else if (length >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    {
      text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16BE", NULL, &text_len, NULL);
      *encoding = "UTF-16 with BOM";
    }
  else if (g_utf8_validate (data, length, NULL))
    {
      text = g_strndup (data, length);
      text_len = length;
      *encoding = "UTF-8";
    }
  else if (has_utf8_sequences (data, length))
    {
      const char *end = NULL;

      /* UTF-8 with a broken character is not Windows-1252: reading it so
       * would import mojibake in silence. */
      g_utf8_validate (data, length, &end);
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_NOT_TEXT,
                   /* Translators: %s is a file name, %u a line number */
                   _("%s: the file is UTF-8 text, but line %u has a broken character. Save the "
                     "spreadsheet again as CSV (UTF-8) and try again."),
                   display_name, line_of_offset (data, end - data));
      return NULL;
    }
  else
    {
      /* What Danish and Norwegian Excel write as "CSV": Windows-1252. Its
       * five unassigned bytes fail the conversion, as binary data does. */
      text = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, &text_len, NULL);
      *encoding = "Windows-1252";
    }

  if (text == NULL)
    {
      set_not_text_error (error, display_name);
      return NULL;
    }

  /* A DOS end-of-file mark. */
  if (text_len > 0 && text[text_len - 1] == 0x1A)
    text[--text_len] = '\0';

  for (gsize i = 0; i < text_len; i++)
    {
      guchar c = text[i];

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        {
          set_not_text_error (error, display_name);
          return NULL;
        }
    }

  *out_length = text_len;
  return g_steal_pointer (&text);
}

typedef struct {
  TmCsvTable *table;
  GString    *row;          /* the current record's cells, each ending in '\0' */
  guint       n_cells;
  guint       n_stored;     /* cells up to the last non-empty one */
  gsize       stored_len;
  GPtrArray  *header;       /* NULL until the first non-blank record */
  guint       max_cells;
} Parser;

static void
end_cell (Parser *parser,
          gsize   cell_start)
{
  gboolean empty = parser->row->len == cell_start;

  g_string_append_c (parser->row, '\0');
  parser->n_cells++;
  if (!empty)
    {
      parser->n_stored = parser->n_cells;
      parser->stored_len = parser->row->len;
    }
}

static void
end_record (Parser *parser,
            guint   number)
{
  gboolean blank = TRUE;

  /* Blank: no cell with anything but spaces. */
  for (gsize i = 0; i < parser->stored_len; i++)
    {
      char c = parser->row->str[i];

      if (c != '\0' && !g_ascii_isspace (c))
        {
          blank = FALSE;
          break;
        }
    }

  if (!blank)
    {
      if (parser->header == NULL)
        {
          const char *p = parser->row->str;

          parser->header = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < parser->n_stored; i++)
            {
              g_ptr_array_add (parser->header, g_strdup (p));
              p += strlen (p) + 1;
            }
        }
      else
        {
          Row row;

          row.cells = g_string_chunk_insert_len (parser->table->chunk,
                                                 parser->row->str, parser->stored_len);
          row.number = number;
          row.n_cells = parser->n_stored;
          g_array_append_val (parser->table->rows, row);
          parser->max_cells = MAX (parser->max_cells, row.n_cells);
        }
    }

  g_string_truncate (parser->row, 0);
  parser->n_cells = 0;
  parser->n_stored = 0;
  parser->stored_len = 0;
}

/* Appends @len bytes of a cell, line breaks as '\n'. */
static void
append_text (GString    *out,
             const char *text,
             gsize       len)
{
  gsize start = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\r')
        {
          g_string_append_len (out, text + start, i - start);
          g_string_append_c (out, '\n');
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
          start = i + 1;
        }
    }
  g_string_append_len (out, text + start, len - start);
}

static gboolean
parse (Parser      *parser,
       const char  *text,
       gsize        len,
       char         sep,
       guint        first_row,
       GError     **error)
{
  TmCsvTable *table = parser->table;
  gsize pos = 0;
  guint number = first_row - 1;

  while (pos < len)
    {
      number++;
      if (number > TM_CSV_MAX_ROWS + 1)
        {
          g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE,
                       /* Translators: %s is a file name, %u a number of rows */
                       _("%s: the file has more than %u rows; Taskmap reads task lists of up to %u rows."),
                       table->display_name, TM_CSV_MAX_ROWS, TM_CSV_MAX_ROWS);
          return FALSE;
        }

      for (;;)
        {
          gsize cell_start = parser->row->len;
          gsize start;

          if (pos < len && text[pos] == '"')
            {
              pos++;
              for (;;)
                {
                  const char *q = memchr (text + pos, '"', len - pos);

                  if (q == NULL)
                    {
                      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MALFORMED,
                                   /* Translators: %s is a file name, %u a row as a spreadsheet counts it */
                                   _("%s: row %u: a cell that starts with a quote (\") has no closing "
                                     "quote, so the rest of the file would be one cell."),
                                   table->display_name, number);
                      return FALSE;
                    }
                  append_text (parser->row, text + pos, q - (text + pos));
                  pos = q - text + 1;
                  if (pos < len && text[pos] == '"')
                    {
                      g_string_append_c (parser->row, '"');
                      pos++;
                    }
                  else
                    break;
                }
            }

          /* An unquoted cell, or what follows a closing quote (kept as
           * Excel keeps it). */
          start = pos;
          while (pos < len && text[pos] != sep && text[pos] != '\n' && text[pos] != '\r')
            pos++;
          g_string_append_len (parser->row, text + start, pos - start);
          end_cell (parser, cell_start);

          if (parser->n_cells > TM_CSV_MAX_COLUMNS)
            {
              g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE,
                           /* Translators: %s is a file name, the first %u a row, the others a number of columns */
                           _("%s: row %u: more than %u columns; Taskmap reads task lists of up to %u columns."),
                           table->display_name, number, TM_CSV_MAX_COLUMNS, TM_CSV_MAX_COLUMNS);
              return FALSE;
            }

          if (pos < len && text[pos] == sep)
            {
              pos++;
              continue;
            }
          break;
        }

      if (pos < len && text[pos] == '\r')
        pos++;
      if (pos < len && text[pos] == '\n')
        pos++;
      end_record (parser, number);
    }

  return TRUE;
}

static void
suggest_mapping (TmCsvTable *table)
{
  gboolean used[TM_CSV_N_FIELDS] = { FALSE };

  table->mapping = g_new0 (TmCsvField, MAX (table->n_columns, 1));
  table->periods = g_new (int, MAX (table->n_columns, 1));
  for (guint i = 0; i < table->n_columns; i++)
    {
      TmPer per;

      table->periods[i] = tm_csv_header_get_period (g_ptr_array_index (table->header, i), &per) ? (int) per : -1;
    }
  for (guint i = 0; i < table->n_columns; i++)
    {
      TmCsvField field = tm_csv_field_from_header (g_ptr_array_index (table->header, i));

      if (field != TM_CSV_FIELD_IGNORE && !used[field])
        {
          table->mapping[i] = field;
          used[field] = TRUE;
        }
    }
}

/* @sep: the separator, 0 to detect it; @first_row: the number of the header
 * row (1 in a file; 0 for pasted rows under a header of our own, so the first
 * pasted row is row 1). */
static TmCsvTable *
read_table (const char  *data,
            gsize        length,
            const char  *display_name,
            char         sep,
            guint        first_row,
            GError     **error)
{
  g_autoptr(TmCsvTable) table = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) row = NULL;
  const char *encoding = NULL;
  const char *body;
  gsize text_len = 0;
  gsize body_len;
  Parser parser = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (display_name == NULL)
    display_name = "CSV";

  if (length > TM_CSV_MAX_BYTES)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE,
                   /* Translators: %s is a file name, %u a size in megabytes */
                   _("%s: the file is larger than %u MB; Taskmap reads CSV files of up to %u MB."),
                   display_name, TM_CSV_MAX_BYTES / (1024 * 1024), TM_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (length == 0 || is_blank (data, length))
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_EMPTY,
                   /* Translators: %s is a file name */
                   _("%s: the file is empty."), display_name);
      return NULL;
    }

  if (!refuse_other_kinds (data, length, display_name, error))
    return NULL;

  text = decode (data, length, display_name, &encoding, &text_len, error);
  if (text == NULL)
    return NULL;

  table = g_new0 (TmCsvTable, 1);
  table->display_name = g_strdup (display_name);
  table->encoding = encoding;
  table->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  table->chunk = g_string_chunk_new (64 * 1024);

  body = text;
  body_len = text_len;

  /* Excel's hint line "sep=;" names the separator and is not a row. */
  if (body_len >= 5 && g_ascii_strncasecmp (body, "sep=", 4) == 0 &&
      (body[4] == ';' || body[4] == ',' || body[4] == '\t') &&
      (body_len == 5 || body[5] == '\r' || body[5] == '\n'))
    {
      sep = body[4];
      body += 5;
      body_len -= 5;
      if (body_len > 0 && body[0] == '\r')
        body++, body_len--;
      if (body_len > 0 && body[0] == '\n')
        body++, body_len--;
    }

  if (sep == 0)
    sep = detect_separator (body, body_len);
  table->separator = sep;

  row = g_string_sized_new (1024);
  parser.table = table;
  parser.row = row;
  ok = parse (&parser, body, body_len, sep, first_row, error);
  if (!ok)
    {
      g_clear_pointer (&parser.header, g_ptr_array_unref);
      return NULL;
    }

  if (parser.header == NULL)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_EMPTY,
                   _("%s: the file is empty."), display_name);
      return NULL;
    }

  table->header = parser.header;
  table->n_columns = MAX (table->header->len, parser.max_cells);
  while (table->header->len < table->n_columns)
    g_ptr_array_add (table->header, g_strdup (""));

  suggest_mapping (table);

  return g_steal_pointer (&table);
}

TmCsvTable *
tm_csv_read (const char  *data,
             gsize        length,
             const char  *display_name,
             GError     **error)
{
  return read_table (data, length, display_name, 0, 1, error);
}

TmCsvTable *
tm_csv_read_file (GFile   *file,
                  GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > (goffset) TM_CSV_MAX_BYTES)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MB; Taskmap reads CSV files of up to %u MB."),
                   name, TM_CSV_MAX_BYTES / (1024 * 1024), TM_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;

  return tm_csv_read (contents, length, name, error);
}

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

static void
import_clear (Import *imp)
{
  g_clear_pointer (&imp->levels, g_hash_table_unref);
  g_clear_pointer (&imp->complexities, g_hash_table_unref);
  g_clear_pointer (&imp->pers, g_hash_table_unref);
  g_clear_pointer (&imp->shifts, g_hash_table_unref);
  g_clear_pointer (&imp->fillers, g_hash_table_unref);
  g_clear_pointer (&imp->professions, g_hash_table_unref);
}

static GHashTable *
words_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Adds @word → @value unless the word is taken: the first meaning wins. */
static void
add_word (GHashTable *words,
          const char *word,
          guint       value)
{
  g_autofree char *key = normalize_key (word);

  if (*key != '\0' && !g_hash_table_contains (words, key))
    g_hash_table_insert (words, g_steal_pointer (&key), GUINT_TO_POINTER (value));
}

static gboolean
lookup_word (GHashTable *words,
             const char *key,
             guint      *value)
{
  gpointer found;

  if (!g_hash_table_lookup_extended (words, key, NULL, &found))
    return FALSE;
  *value = GPOINTER_TO_UINT (found);
  return TRUE;
}

/* The labels of the program's current language: called once as it is and
 * once with the portfolio's language pushed. */
static void
add_translated_words (Import *imp)
{
  for (guint l = 0; l < TM_N_LEVELS; l++)
    {
      add_word (imp->levels, tm_level_get_label (l), l + 1);
      add_word (imp->levels, tm_level_get_short_label (l), l + 1);
    }
  for (guint c = 0; c < TM_N_COMPLEXITIES; c++)
    add_word (imp->complexities, tm_complexity_get_label (c), c + 1);
  for (guint p = 0; p < TM_N_PERS; p++)
    add_word (imp->pers, tm_per_get_label (p), p + 1);
  for (guint s = 0; s < TM_N_SHIFTS; s++)
    add_word (imp->shifts, tm_shift_get_label (1u << s), 1u << s);
}

static void
import_init (Import      *imp,
             TmPortfolio *portfolio)
{
  static const struct { TmLevel level; const char *word; } levels[] = {
    { TM_LEVEL_ADMIN, "Administrative tasks and incidental work" },
    { TM_LEVEL_ADMIN, "Admin & incidental" },
    { TM_LEVEL_ADMIN, "Administrative opgaver og forefaldende arbejde" },
    { TM_LEVEL_ADMIN, "Administrativt og forefaldende" },
    { TM_LEVEL_ADMIN, "Administrative oppgaver og forefallende arbeid" },
    { TM_LEVEL_ADMIN, "Administrativt og forefallende" },
    { TM_LEVEL_ADMIN, "Administrative" },
    { TM_LEVEL_ADMIN, "Administrativ" },
    { TM_LEVEL_ADMIN, "Administrativt" },
    { TM_LEVEL_BOUNDED_CLINICAL, "Bounded clinical tasks" },
    { TM_LEVEL_BOUNDED_CLINICAL, "Bounded clinical" },
    { TM_LEVEL_BOUNDED_CLINICAL, "Afgrænsede kliniske opgaver" },
    { TM_LEVEL_BOUNDED_CLINICAL, "Afgrænset klinisk" },
    { TM_LEVEL_BOUNDED_CLINICAL, "Avgrensede kliniske oppgaver" },
    { TM_LEVEL_BOUNDED_CLINICAL, "Avgrenset klinisk" },
    { TM_LEVEL_COORDINATION, "Coordination of clinical work" },
    { TM_LEVEL_COORDINATION, "Coordination" },
    { TM_LEVEL_COORDINATION, "Koordinering af den kliniske opgaveløsning" },
    { TM_LEVEL_COORDINATION, "Koordinering av den kliniske oppgaveløsningen" },
    { TM_LEVEL_COORDINATION, "Koordinering" },
    { TM_LEVEL_NOT_ASSESSED, "Not assessed" },
    { TM_LEVEL_NOT_ASSESSED, "Ikke vurderet" },
    { TM_LEVEL_NOT_ASSESSED, "Ikke vurdert" },
  };
  static const struct { TmComplexity complexity; const char *word; } complexities[] = {
    { TM_COMPLEXITY_LOW, "Low" },
    { TM_COMPLEXITY_LOW, "Lav" },
    { TM_COMPLEXITY_LOW, "Låg" },
    { TM_COMPLEXITY_MODERATE, "Moderate" },
    { TM_COMPLEXITY_MODERATE, "Moderat" },
    { TM_COMPLEXITY_MODERATE, "Medium" },
    { TM_COMPLEXITY_MODERATE, "Middel" },
    { TM_COMPLEXITY_HIGH, "High" },
    { TM_COMPLEXITY_HIGH, "Høj" },
    { TM_COMPLEXITY_HIGH, "Høy" },
    { TM_COMPLEXITY_VARIES, "Varies" },
    { TM_COMPLEXITY_VARIES, "Varies with the patient" },
    { TM_COMPLEXITY_VARIES, "Depends on patient complexity" },
    { TM_COMPLEXITY_VARIES, "Afhænger af patientens kompleksitet" },
    { TM_COMPLEXITY_VARIES, "Avhenger av pasientens kompleksitet" },
    { TM_COMPLEXITY_VARIES, "Varierer" },
    { TM_COMPLEXITY_VARIES, "Varierer med patienten" },
    { TM_COMPLEXITY_VARIES, "Varierer med pasienten" },
    { TM_COMPLEXITY_NOT_ASSESSED, "Not assessed" },
    { TM_COMPLEXITY_NOT_ASSESSED, "Ikke vurderet" },
    { TM_COMPLEXITY_NOT_ASSESSED, "Ikke vurdert" },
  };
  static const struct { TmPer per; const char *word; } pers[] = {
    { TM_PER_DAY, "day" }, { TM_PER_DAY, "dag" }, { TM_PER_DAY, "døgn" },
    { TM_PER_DAY, "døgnet" }, { TM_PER_DAY, "dagen" }, { TM_PER_DAY, "daily" },
    { TM_PER_DAY, "dagligt" }, { TM_PER_DAY, "daglig" },
    { TM_PER_WEEK, "week" }, { TM_PER_WEEK, "uge" }, { TM_PER_WEEK, "uke" },
    { TM_PER_WEEK, "ugen" }, { TM_PER_WEEK, "uken" }, { TM_PER_WEEK, "weekly" },
    { TM_PER_WEEK, "ugentligt" }, { TM_PER_WEEK, "ugentlig" },
    { TM_PER_WEEK, "ukentlig" }, { TM_PER_WEEK, "ukentlige" }, { TM_PER_WEEK, "uka" },
    { TM_PER_MONTH, "month" }, { TM_PER_MONTH, "måned" }, { TM_PER_MONTH, "måneden" },
    { TM_PER_MONTH, "monthly" }, { TM_PER_MONTH, "månedlig" }, { TM_PER_MONTH, "månedligt" },
    { TM_PER_MONTH, "md" }, { TM_PER_MONTH, "md." }, { TM_PER_MONTH, "mdr" }, { TM_PER_MONTH, "mnd" },
    { TM_PER_YEAR, "year" }, { TM_PER_YEAR, "år" }, { TM_PER_YEAR, "året" }, { TM_PER_YEAR, "yearly" },
    { TM_PER_YEAR, "årlig" }, { TM_PER_YEAR, "årligt" }, { TM_PER_YEAR, "annual" },
    { TM_PER_SHIFT, "shift" }, { TM_PER_SHIFT, "vagt" }, { TM_PER_SHIFT, "vagten" },
    { TM_PER_SHIFT, "vakt" }, { TM_PER_SHIFT, "vakta" }, { TM_PER_SHIFT, "vakten" },
  };
  static const struct { guint shifts; const char *word; } shifts[] = {
    { TM_SHIFT_DAY, "dag" }, { TM_SHIFT_DAY, "day" }, { TM_SHIFT_DAY, "dagvagt" },
    { TM_SHIFT_DAY, "dagvakt" }, { TM_SHIFT_DAY, "dagtid" }, { TM_SHIFT_DAY, "day shift" },
    { TM_SHIFT_EVENING, "aften" }, { TM_SHIFT_EVENING, "kveld" }, { TM_SHIFT_EVENING, "evening" },
    { TM_SHIFT_EVENING, "aftenvagt" }, { TM_SHIFT_EVENING, "kveldsvakt" },
    { TM_SHIFT_EVENING, "aftenvakt" }, { TM_SHIFT_EVENING, "evening shift" },
    { TM_SHIFT_NIGHT, "nat" }, { TM_SHIFT_NIGHT, "natt" }, { TM_SHIFT_NIGHT, "night" },
    { TM_SHIFT_NIGHT, "nattevagt" }, { TM_SHIFT_NIGHT, "natvagt" }, { TM_SHIFT_NIGHT, "nattevakt" },
    { TM_SHIFT_NIGHT, "night shift" },
    { TM_SHIFT_WEEKEND, "weekend" }, { TM_SHIFT_WEEKEND, "weekender" },
    { TM_SHIFT_WEEKEND, "weekends" }, { TM_SHIFT_WEEKEND, "helg" }, { TM_SHIFT_WEEKEND, "helger" },
    { TM_SHIFT_WEEKEND, "helgevakt" }, { TM_SHIFT_WEEKEND, "weekendvagt" },
    { TM_SHIFTS_ALL, "alle" }, { TM_SHIFTS_ALL, "all" }, { TM_SHIFTS_ALL, "alle vagter" },
    { TM_SHIFTS_ALL, "alle vakter" }, { TM_SHIFTS_ALL, "all shifts" },
  };
  static const char * const fillers[] = {
    "og", "and", "&", "-", "–", "shift", "shifts", "vagt", "vagter", "vakt", "vakter",
  };
  GListModel *model;
  guint n;

  imp->levels = words_new ();
  imp->complexities = words_new ();
  imp->pers = words_new ();
  imp->shifts = words_new ();
  imp->fillers = words_new ();
  imp->professions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint l = 0; l < TM_N_LEVELS; l++)
    add_word (imp->levels, tm_level_to_id (l), l + 1);
  for (guint c = 0; c < TM_N_COMPLEXITIES; c++)
    add_word (imp->complexities, tm_complexity_to_id (c), c + 1);
  for (guint p = 0; p < TM_N_PERS; p++)
    add_word (imp->pers, tm_per_to_id (p), p + 1);
  for (guint s = 0; s < TM_N_SHIFTS; s++)
    add_word (imp->shifts, tm_shift_to_id (1u << s), 1u << s);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    add_word (imp->levels, levels[i].word, levels[i].level + 1);
  for (guint i = 0; i < G_N_ELEMENTS (complexities); i++)
    add_word (imp->complexities, complexities[i].word, complexities[i].complexity + 1);
  for (guint i = 0; i < G_N_ELEMENTS (pers); i++)
    add_word (imp->pers, pers[i].word, pers[i].per + 1);
  for (guint i = 0; i < G_N_ELEMENTS (shifts); i++)
    add_word (imp->shifts, shifts[i].word, shifts[i].shifts);
  for (guint i = 0; i < G_N_ELEMENTS (fillers); i++)
    add_word (imp->fillers, fillers[i], 1);

  /* What an export of this portfolio writes, whatever its translators chose. */
  add_translated_words (imp);
  tm_language_push (tm_portfolio_get_language (portfolio));
  add_translated_words (imp);
  tm_language_pop ();

  /* Professions by name, English name, id, the name without its
   * parenthesis ("Social- og sundhedsassistent") and the abbreviation in it
   * ("SSA"). The first profession in display order wins a shared key. */
  model = tm_portfolio_get_professions (portfolio);
  n = g_list_model_get_n_items (model);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TmProfession) profession = g_list_model_get_item (model, i);
          const char *id = tm_profession_get_id (profession);
          const char *names[] = { tm_profession_get_name (profession),
                                  tm_profession_get_name_en (profession), id };

          for (guint k = 0; k < G_N_ELEMENTS (names); k++)
            {
              g_autofree char *key = NULL;
              const char *open;

              if (names[k] == NULL || *names[k] == '\0')
                continue;

              if (pass == 0)
                {
                  key = normalize_key (names[k]);
                }
              else if ((open = strrchr (names[k], '(')) != NULL && open > names[k] &&
                       g_str_has_suffix (names[k], ")"))
                {
                  /* Second pass, so a full name always beats a short form. */
                  g_autofree char *before = g_strndup (names[k], open - names[k]);
                  g_autofree char *inside = g_strndup (open + 1, strlen (open + 1) - 1);
                  g_autofree char *key2 = normalize_key (inside);

                  if (*key2 != '\0' && !g_hash_table_contains (imp->professions, key2))
                    g_hash_table_insert (imp->professions, g_steal_pointer (&key2), g_strdup (id));
                  key = normalize_key (before);
                }

              if (key != NULL && *key != '\0' && !g_hash_table_contains (imp->professions, key))
                g_hash_table_insert (imp->professions, g_steal_pointer (&key), g_strdup (id));
            }
        }
    }
}

/* A shorter copy of a value for a message. */
static char *
quote_value (const char *value)
{
  if (g_utf8_strlen (value, -1) <= 60)
    return g_strdup (value);
  {
    g_autofree char *head = g_utf8_substring (value, 0, 57);
    return g_strconcat (head, "…", NULL);
  }
}

static char *
column_name (Import *imp,
             guint   column)
{
  const char *header = g_ptr_array_index (imp->table->header, column);
  g_autofree char *trimmed = g_strstrip (g_strdup (header));

  if (*trimmed != '\0')
    /* Translators: a column named by its header, in quotes, e.g. “Ansvarlig” */
    return g_strdup_printf (_("“%s”"), trimmed);

  /* No header: the spreadsheet's letter (A, B, … Z, AA …). */
  {
    char letters[8];
    int i = G_N_ELEMENTS (letters) - 1;
    guint c = column + 1;

    letters[i] = '\0';
    while (c > 0 && i > 0)
      {
        letters[--i] = 'A' + (c - 1) % 26;
        c = (c - 1) / 26;
      }
    return g_strdup (letters + i);
  }
}

static void
set_row_error (GError     **error,
               TmCsvError   code,
               Import      *imp,
               guint        row,
               const char  *message)
{
  if (imp->one_value)
    {
      g_set_error_literal (error, TM_CSV_ERROR, code, message);
      return;
    }
  g_set_error (error, TM_CSV_ERROR, code,
               /* Translators: "FILE: row N: message"; a row as a spreadsheet counts it */
               _("%s: row %u: %s"),
               imp->table->display_name, tm_csv_table_get_row_number (imp->table, row), message);
}

/* @format has two %s: the column and the value. */
static void
set_cell_error (GError     **error,
                Import      *imp,
                guint        row,
                guint        column,
                const char  *value,
                const char  *format)
{
  g_autofree char *name = column_name (imp, column);
  g_autofree char *shown = quote_value (value);
  g_autofree char *message = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  message = g_strdup_printf (format, name, shown);
#pragma GCC diagnostic pop
  set_row_error (error, TM_CSV_ERROR_INVALID, imp, row, message);
}

/* Reads "12,5", "12.5", "1.234,5", "1,234.5", "1 234" into @value. FALSE
 * for anything else, including an empty text. */
static gboolean
parse_decimal (const char *text,
               double     *value)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *last_dot, *last_comma;
  guint dots = 0, commas = 0;
  char *end = NULL;
  double v;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == '\'')
        continue;
      if (c == 0x2212 || c == 0x2013)   /* minus sign, en dash */
        c = '-';
      if (c >= 0x80)
        return FALSE;
      g_string_append_c (s, (char) c);
    }

  if (s->len == 0)
    return FALSE;

  for (gsize i = 0; i < s->len; i++)
    {
      char c = s->str[i];

      if (c == '.')
        dots++;
      else if (c == ',')
        commas++;
      else if (!g_ascii_isdigit (c) && !(i == 0 && (c == '-' || c == '+')))
        return FALSE;
    }

  last_dot = strrchr (s->str, '.');
  last_comma = strrchr (s->str, ',');

  if (dots > 0 && commas > 0)
    {
      /* The later one is the decimal separator, the other groups thousands. */
      char decimal = last_dot > last_comma ? '.' : ',';
      char group = decimal == '.' ? ',' : '.';

      if ((decimal == '.' && dots > 1) || (decimal == ',' && commas > 1))
        return FALSE;
      for (gsize i = 0; i < s->len; )
        {
          if (s->str[i] == group)
            g_string_erase (s, i, 1);
          else
            {
              if (s->str[i] == decimal)
                s->str[i] = '.';
              i++;
            }
        }
    }
  else if (dots > 1 || commas > 1)
    {
      /* "1.234.567": only thousands. */
      for (gsize i = 0; i < s->len; )
        {
          if (s->str[i] == '.' || s->str[i] == ',')
            g_string_erase (s, i, 1);
          else
            i++;
        }
    }
  else if (commas == 1)
    {
      s->str[last_comma - s->str] = '.';
    }

  v = g_ascii_strtod (s->str, &end);
  if (end == s->str || *end != '\0' || !isfinite (v))
    return FALSE;
  if (!g_ascii_isdigit (s->str[s->len - 1]) && s->str[s->len - 1] != '.')
    return FALSE;

  *value = v;
  return TRUE;
}

/* Removes one of @units from the end of @text ("12 min", "3 x"). */
static void
strip_unit (char               *text,
            const char * const *units)
{
  gsize len = strlen (text);

  for (guint i = 0; units[i]; i++)
    {
      gsize n = strlen (units[i]);

      if (len > n && g_ascii_strcasecmp (text + len - n, units[i]) == 0 &&
          !g_ascii_isalpha (text[len - n - 1]))
        {
          text[len - n] = '\0';
          g_strchomp (text);
          return;
        }
    }
}

static gboolean
is_empty_value (const char *text)
{
  /* A dash or a question mark: nobody has estimated it yet. */
  return *text == '\0' || g_str_equal (text, "-") || g_str_equal (text, "–") ||
         g_str_equal (text, "?");
}

/* A text field: trimmed, with the guard an export puts before "=" removed. */
static char *
dup_text (const char *cell,
          gboolean    one_line)
{
  char *text = g_strstrip (g_strdup (cell));

  if (text[0] == '\'' && strchr ("=+-@", text[1]) != NULL && text[1] != '\0')
    memmove (text, text + 1, strlen (text));

  if (one_line)
    for (char *p = text; *p; p++)
      if (*p == '\n' || *p == '\t')
        *p = ' ';

  return text;
}

static gboolean
convert_level (Import      *imp,
               const char  *cell,
               TmLevel     *level)
{
  g_autofree char *key = normalize_key (cell);
  guint value;

  if (*key == '\0')
    {
      *level = TM_LEVEL_NOT_ASSESSED;
      return TRUE;
    }

  if (lookup_word (imp->levels, key, &value))
    {
      *level = value - 1;
      return TRUE;
    }

  /* The brief's letters: "A", "B.", "C) Koordinering". */
  if (key[0] >= 'a' && key[0] <= 'c' &&
      (key[1] == '\0' || strchr (" .):-", key[1]) != NULL || g_str_has_prefix (key + 1, "–")))
    {
      *level = TM_LEVEL_ADMIN + (key[0] - 'a');
      return TRUE;
    }

  return FALSE;
}

static gboolean
convert_complexity (Import       *imp,
                    const char   *cell,
                    TmComplexity *complexity)
{
  static const char * const varies[] = { "afhænger", "avhenger", "varies", "varierer", "depends" };
  g_autofree char *key = normalize_key (cell);
  guint value;

  if (*key == '\0')
    {
      *complexity = TM_COMPLEXITY_NOT_ASSESSED;
      return TRUE;
    }

  if (lookup_word (imp->complexities, key, &value))
    {
      *complexity = value - 1;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (varies); i++)
    {
      if (g_str_has_prefix (key, varies[i]))
        {
          *complexity = TM_COMPLEXITY_VARIES;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
convert_per (Import     *imp,
             const char *cell,
             TmPer      *per)
{
  static const char * const prefixes[] = { "pr. ", "pr ", "per ", "om ", "i ", "a ", "each ", "hver " };
  g_autofree char *key = normalize_key (cell);
  const char *rest = key;
  guint value;

  if (*key == '\0')
    {
      *per = TM_PER_DAY;
      return TRUE;
    }

  if (lookup_word (imp->pers, key, &value))
    {
      *per = value - 1;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_str_has_prefix (key, prefixes[i]))
        {
          rest = key + strlen (prefixes[i]);
          break;
        }
    }
  if (g_str_has_prefix (rest, "pr.") && rest[3] != '\0')
    rest += 3;

  if (lookup_word (imp->pers, rest, &value))
    {
      *per = value - 1;
      return TRUE;
    }

  return FALSE;
}

static gboolean
convert_shifts (Import      *imp,
                const char  *cell,
                guint       *shifts,
                char       **bad_word)
{
  g_autofree char *key = normalize_key (cell);
  g_auto(GStrv) parts = NULL;
  guint value;

  *shifts = 0;
  if (*key == '\0')
    return TRUE;

  if (lookup_word (imp->shifts, key, &value))
    {
      *shifts = value;
      return TRUE;
    }

  parts = g_strsplit_set (key, ",/+;&", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) words = NULL;
      char *part = g_strstrip (parts[i]);

      if (*part == '\0')
        continue;
      if (lookup_word (imp->shifts, part, &value))
        {
          *shifts |= value;
          continue;
        }

      words = g_strsplit (part, " ", -1);
      for (guint j = 0; words[j]; j++)
        {
          if (*words[j] == '\0' || g_hash_table_contains (imp->fillers, words[j]))
            continue;
          if (!lookup_word (imp->shifts, words[j], &value))
            {
              *bad_word = g_strdup (words[j]);
              return FALSE;
            }
          *shifts |= value;
        }
    }

  return TRUE;
}

/* Splits "Sygeplejerske 50 %", "SSA (50%)" or "50 % SSA" into the name and
 * the share; @share is < 0 when none is given. FALSE when a share is there
 * but is not a number from 0 to 100. */
static gboolean
split_share (const char  *piece,
             char       **name,
             double      *share)
{
  g_autofree char *s = g_strstrip (g_strdup (piece));
  gsize len = strlen (s);
  char *open;

  *share = -1;

  if (len > 2 && s[len - 1] == ')' && (open = strrchr (s, '(')) != NULL)
    {
      g_autofree char *inside = g_strstrip (g_strndup (open + 1, s + len - 1 - (open + 1)));
      gsize n = strlen (inside);

      if (n > 1 && inside[n - 1] == '%')
        {
          inside[n - 1] = '\0';
          if (!parse_decimal (inside, share) || *share < 0 || *share > 100)
            return FALSE;
          *open = '\0';
          *name = g_strstrip (g_strdup (s));
          return TRUE;
        }
    }

  if (len > 1 && s[len - 1] == '%')
    {
      gsize end = len - 1;
      gsize start;
      g_autofree char *number = NULL;

      while (end > 0 && s[end - 1] == ' ')
        end--;
      start = end;
      while (start > 0 && (g_ascii_isdigit (s[start - 1]) || s[start - 1] == ',' || s[start - 1] == '.'))
        start--;
      number = g_strndup (s + start, end - start);
      if (!parse_decimal (number, share) || *share < 0 || *share > 100)
        return FALSE;
      s[start] = '\0';
      *name = g_strstrip (g_strdup (s));
      return TRUE;
    }

  if (g_ascii_isdigit (s[0]))
    {
      char *percent = strchr (s, '%');

      if (percent != NULL)
        {
          g_autofree char *number = g_strndup (s, percent - s);

          if (!parse_decimal (number, share) || *share < 0 || *share > 100)
            return FALSE;
          *name = g_strstrip (g_strdup (percent + 1));
          return TRUE;
        }
    }

  *name = g_steal_pointer (&s);
  return TRUE;
}

static const char *
lookup_profession (Import     *imp,
                   const char *piece,
                   double     *share,
                   gboolean   *bad_share)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;

  *bad_share = FALSE;
  if (!split_share (piece, &name, share))
    {
      *bad_share = TRUE;
      return NULL;
    }

  key = normalize_key (name);
  if (*key == '\0')
    return NULL;
  return g_hash_table_lookup (imp->professions, key);
}

/* "Sygeplejerske 50 %, SSA 50 %", "nurse + ssa", "Læge/Sygeplejerske":
 * the longest run of pieces that names a profession is taken first, so
 * names and shares with ',' or '/' in them ("33,3 %") read whole. */
static gboolean
convert_performers (Import      *imp,
                    guint        row,
                    guint        column,
                    const char  *cell,
                    TmTaskData  *data,
                    GError     **error)
{
  g_autofree char *text = dup_text (cell, TRUE);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (double));
  double given = 0;
  guint n_unshared = 0;
  guint n_pieces;
  gsize len = strlen (text);
  gsize zero = 0;

  if (*text == '\0')
    return TRUE;

  /* Piece i runs from starts[i] to starts[i + 1] - 1 (the separator). */
  g_array_append_val (starts, zero);
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == ',' || text[i] == '+' || text[i] == '/' || text[i] == ';')
        {
          gsize next = i + 1;
          g_array_append_val (starts, next);
        }
    }
  n_pieces = starts->len;
  {
    gsize end = len + 1;
    g_array_append_val (starts, end);
  }

  if (n_pieces > 100)
    {
      set_cell_error (error, imp, row, column, text,
                      _("column %s: “%s” names too many professions."));
      return FALSE;
    }

  for (guint i = 0; i < n_pieces; )
    {
      gboolean found = FALSE;
      gboolean bad_share = FALSE;
      g_autofree char *first = g_strndup (text + g_array_index (starts, gsize, i),
                                          g_array_index (starts, gsize, i + 1) - 1 -
                                          g_array_index (starts, gsize, i));

      if (is_blank (first, strlen (first)))
        {
          i++;
          continue;
        }

      for (guint j = n_pieces; j > i && !found; j--)
        {
          gsize from = g_array_index (starts, gsize, i);
          gsize to = g_array_index (starts, gsize, j) - 1;
          g_autofree char *piece = g_strndup (text + from, to - from);
          double share;
          gboolean bad;
          const char *id = lookup_profession (imp, piece, &share, &bad);

          if (bad && j == i + 1)
            bad_share = TRUE;
          if (id == NULL)
            continue;

          for (guint k = 0; k < data->performers->len; k++)
            {
              if (g_str_equal (g_array_index (data->performers, TmPerformer, k).profession_id, id))
                {
                  set_cell_error (error, imp, row, column, g_strstrip (piece),
                                  /* Translators: the first %s is a column, the second a profession */
                                  _("column %s: “%s” is named twice."));
                  return FALSE;
                }
            }

          tm_task_data_set_performer (data, id, share < 0 ? 0 : share);
          g_array_append_val (shares, share);
          if (share < 0)
            n_unshared++;
          else
            given += share;
          found = TRUE;
          i = j;
        }

      if (!found)
        {
          if (bad_share)
            set_cell_error (error, imp, row, column, g_strstrip (first),
                            /* Translators: the first %s is a column, the second a value */
                            _("column %s: the share in “%s” is not a percentage from 0 to 100."));
          else
            set_cell_error (error, imp, row, column, g_strstrip (first),
                            /* Translators: the first %s is a column, the second a value */
                            _("column %s: “%s” is not a profession of this portfolio; add it "
                              "under Professions or write the name of one."));
          return FALSE;
        }
    }

  /* Those without a share split what the others leave. */
  if (n_unshared > 0)
    {
      double rest = MAX (0, 100 - given) / n_unshared;

      for (guint k = 0; k < shares->len; k++)
        if (g_array_index (shares, double, k) < 0)
          g_array_index (data->performers, TmPerformer, k).share = rest;
    }

  return TRUE;
}

static gboolean
convert_number (Import      *imp,
                guint        row,
                guint        column,
                const char  *cell,
                gboolean     minutes,
                double      *value,
                GError     **error)
{
  static const char * const minute_units[] = {
    "minutter", "minutes", "minutt", "minut", "min.", "min", NULL
  };
  static const char * const times_units[] = {
    "ganger", "gange", "gang", "times", "x", NULL
  };
  g_autofree char *text = g_strstrip (g_strdup (cell));
  double max = minutes ? MAX_MINUTES : MAX_OCCURRENCES;

  if (is_empty_value (text))
    {
      *value = TM_NOT_ESTIMATED;
      return TRUE;
    }

  strip_unit (text, minutes ? minute_units : times_units);
  if (!parse_decimal (text, value) || *value < 0 || *value > max)
    {
      g_autofree char *shown = g_strstrip (g_strdup (cell));

      if (minutes)
        set_cell_error (error, imp, row, column, shown,
                        /* Translators: the first %s is a column, the second a value */
                        _("column %s: “%s” is not a number of minutes from 0 to 1440 "
                          "(leave the cell empty when the time is not estimated)."));
      else
        set_cell_error (error, imp, row, column, shown,
                        /* Translators: the first %s is a column, the second a value */
                        _("column %s: “%s” is not a number of times from 0 to 100000 "
                          "(leave the cell empty when it is not estimated)."));
      return FALSE;
    }

  return TRUE;
}

/* Converts data row @row; NULL in @out (and TRUE) for a row with nothing
 * in the columns that are imported. */
static gboolean
convert_row (Import      *imp,
             guint        row,
             TmTaskData **out,
             GError     **error)
{
  TmCsvTable *table = imp->table;
  const Row *r = &g_array_index (table->rows, Row, row);
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) local_error = NULL;
  const char *p = r->cells;
  gboolean any = FALSE;
  gboolean per_given = FALSE;
  int title_column = -1;
  int count_column = -1;

  *out = NULL;

  for (guint column = 0; column < table->n_columns; column++)
    {
      const char *cell = "";
      TmCsvField field = imp->mapping[column];

      if (column < r->n_cells)
        {
          cell = p;
          p += strlen (p) + 1;
        }

      if (field == TM_CSV_FIELD_TITLE)
        title_column = column;
      if (field == TM_CSV_FIELD_OCCURRENCES)
        count_column = column;
      if (field == TM_CSV_FIELD_IGNORE || is_blank (cell, strlen (cell)))
        continue;
      any = TRUE;

      switch (field)
        {
        case TM_CSV_FIELD_TITLE:
          g_free (data->title);
          data->title = dup_text (cell, TRUE);
          break;

        case TM_CSV_FIELD_DESCRIPTION:
          g_free (data->description);
          data->description = dup_text (cell, FALSE);
          break;

        case TM_CSV_FIELD_GROUP:
          g_free (data->group);
          data->group = dup_text (cell, TRUE);
          break;

        case TM_CSV_FIELD_NOTES:
          g_free (data->notes);
          data->notes = dup_text (cell, FALSE);
          break;

        case TM_CSV_FIELD_LEVEL:
          if (!convert_level (imp, cell, &data->level))
            {
              g_autofree char *shown = g_strstrip (g_strdup (cell));

              set_cell_error (error, imp, row, column, shown,
                              /* Translators: the first %s is a column, the second a value */
                              _("column %s: “%s” is not a competence level; write A, B or C, "
                                "or the name of a level."));
              return FALSE;
            }
          break;

        case TM_CSV_FIELD_COMPLEXITY:
          if (!convert_complexity (imp, cell, &data->complexity))
            {
              g_autofree char *shown = g_strstrip (g_strdup (cell));

              set_cell_error (error, imp, row, column, shown,
                              /* Translators: the first %s is a column, the second a value */
                              _("column %s: “%s” is not a patient complexity; write low, "
                                "moderate, high or varies."));
              return FALSE;
            }
          break;

        case TM_CSV_FIELD_MINUTES:
          if (!convert_number (imp, row, column, cell, TRUE, &data->minutes, error))
            return FALSE;
          break;

        case TM_CSV_FIELD_OCCURRENCES:
          if (!convert_number (imp, row, column, cell, FALSE, &data->occurrences, error))
            return FALSE;
          break;

        case TM_CSV_FIELD_PER:
          if (!convert_per (imp, cell, &data->per))
            {
              g_autofree char *shown = g_strstrip (g_strdup (cell));

              set_cell_error (error, imp, row, column, shown,
                              /* Translators: the first %s is a column, the second a value */
                              _("column %s: “%s” is not a period; write per day, week, month, "
                                "year or shift."));
              return FALSE;
            }
          per_given = TRUE;
          break;

        case TM_CSV_FIELD_SHIFTS:
          {
            g_autofree char *bad = NULL;

            if (!convert_shifts (imp, cell, &data->shifts, &bad))
              {
                set_cell_error (error, imp, row, column, bad,
                                /* Translators: the first %s is a column, the second a word */
                                _("column %s: “%s” is not a shift; write day, evening, night "
                                  "or weekend."));
                return FALSE;
              }
          }
          break;

        case TM_CSV_FIELD_PERFORMED_BY:
          if (!convert_performers (imp, row, column, cell, data, error))
            return FALSE;
          break;

        case TM_CSV_FIELD_IGNORE:
        case TM_CSV_N_FIELDS:
        default:
          g_assert_not_reached ();
        }
    }

  if (!any)
    return TRUE;

  /* A count is never read per day in silence: its period comes from the row,
   * from the count's header ("Antal pr. uge") or from the user's choice. */
  if (data->occurrences >= 0 && !per_given)
    {
      if (imp->count_period < 0)
        {
          g_autofree char *name = column_name (imp, count_column);
          g_autofree char *message =
            /* Translators: %s is a column */
            g_strdup_printf (_("column %s gives how many times, but not per what: choose per day, "
                               "week, month, year or shift."), name);

          set_row_error (error, TM_CSV_ERROR_MAPPING, imp, row, message);
          return FALSE;
        }
      data->per = imp->count_period;
    }

  if (*data->title == '\0')
    {
      g_autofree char *name = column_name (imp, title_column);
      g_autofree char *message =
        /* Translators: %s is the column of the titles */
        g_strdup_printf (_("the task has no title: column %s is empty."), name);

      set_row_error (error, TM_CSV_ERROR_INVALID, imp, row, message);
      return FALSE;
    }

  if (!tm_task_data_validate (data, &local_error))
    {
      set_row_error (error, TM_CSV_ERROR_INVALID, imp, row, local_error->message);
      return FALSE;
    }

  *out = g_steal_pointer (&data);
  return TRUE;
}

static gboolean
check_mapping (TmCsvTable        *table,
               const TmCsvField  *mapping,
               GError           **error)
{
  int first[TM_CSV_N_FIELDS];

  for (guint f = 0; f < TM_CSV_N_FIELDS; f++)
    first[f] = -1;

  for (guint column = 0; column < table->n_columns; column++)
    {
      TmCsvField field = mapping[column];

      if ((guint) field >= TM_CSV_N_FIELDS)
        {
          g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MAPPING,
                       "%s: column %u is mapped to an unknown field", table->display_name, column + 1);
          return FALSE;
        }
      if (field == TM_CSV_FIELD_IGNORE)
        continue;
      if (first[field] >= 0)
        {
          Import imp = { .table = table };
          g_autofree char *a = column_name (&imp, first[field]);
          g_autofree char *b = column_name (&imp, column);

          g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MAPPING,
                       /* Translators: "FILE: the columns “A” and “B” are both imported as “Title”." */
                       _("%s: the columns %s and %s are both imported as “%s”; choose one."),
                       table->display_name, a, b, tm_csv_field_get_label (field));
          return FALSE;
        }
      first[field] = column;
    }

  if (first[TM_CSV_FIELD_TITLE] < 0)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_MAPPING,
                   /* Translators: %s is a file name */
                   _("%s: no column is imported as the title; choose the column that holds "
                     "the tasks’ titles."),
                   table->display_name);
      return FALSE;
    }

  return TRUE;
}

static int
mapped_column (TmCsvTable       *table,
               const TmCsvField *mapping,
               TmCsvField        field)
{
  for (guint c = 0; c < table->n_columns; c++)
    if (mapping[c] == field)
      return (int) c;
  return -1;
}

int
tm_csv_table_get_count_period (TmCsvTable       *table,
                               const TmCsvField *mapping)
{
  int count;

  g_return_val_if_fail (table != NULL, -1);

  if (mapping == NULL)
    mapping = table->mapping;
  count = mapped_column (table, mapping, TM_CSV_FIELD_OCCURRENCES);
  return count >= 0 ? table->periods[count] : -1;
}

gboolean
tm_csv_table_needs_period (TmCsvTable       *table,
                           const TmCsvField *mapping)
{
  int count, per;

  g_return_val_if_fail (table != NULL, FALSE);

  if (mapping == NULL)
    mapping = table->mapping;
  count = mapped_column (table, mapping, TM_CSV_FIELD_OCCURRENCES);
  per = mapped_column (table, mapping, TM_CSV_FIELD_PER);
  if (count < 0 || table->periods[count] >= 0)
    return FALSE;

  /* A row with a count and no period of its own needs one. */
  for (guint row = 0; row < table->rows->len; row++)
    {
      const char *count_cell = tm_csv_table_get_cell (table, row, count);
      const char *per_cell = per >= 0 ? tm_csv_table_get_cell (table, row, per) : "";

      if (!is_blank (count_cell, strlen (count_cell)) && is_blank (per_cell, strlen (per_cell)))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
tm_csv_table_dup_ignored_columns (TmCsvTable       *table,
                                  const TmCsvField *mapping)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (table != NULL, names);

  if (mapping == NULL)
    mapping = table->mapping;
  for (guint c = 0; c < table->n_columns; c++)
    {
      if (mapping[c] != TM_CSV_FIELD_IGNORE)
        continue;
      for (guint row = 0; row < table->rows->len; row++)
        {
          const char *cell = tm_csv_table_get_cell (table, row, c);

          if (!is_blank (cell, strlen (cell)))
            {
              Import imp = { .table = table };

              g_ptr_array_add (names, column_name (&imp, c));
              break;
            }
        }
    }
  return names;
}

/* Words only one of the two countries writes, in headers and cells. */
static const char * const danish_words[] = {
  "sygeplejerske", "sygeplejersker", "opgave", "opgaver", "antal", "uge", "ugen", "faggruppe",
  "titel", "udføres", "aften", "aftenvagt", "gange", "læge", "sosu", "ssa", "ssh",
  "social- og sundhedsassistent", "social- og sundhedshjælper", "hyppighed", "bemærkninger",
};
static const char * const norwegian_words[] = {
  "sykepleier", "sykepleiere", "oppgave", "oppgaver", "antall", "uke", "uken", "uka",
  "yrkesgruppe", "tittel", "utføres", "kveld", "kveldsvakt", "ganger", "lege",
  "helsefagarbeider", "hyppighet", "merknader", "pasient",
};

static void
count_country_words (const char *text,
                     guint      *danish,
                     guint      *norwegian)
{
  g_autofree char *key = normalize_key (text);
  g_auto(GStrv) words = NULL;

  if (*key == '\0')
    return;
  /* Whole cells ("Social- og sundhedsassistent") and single words. */
  if (in_list (danish_words, G_N_ELEMENTS (danish_words), key))
    (*danish)++;
  if (in_list (norwegian_words, G_N_ELEMENTS (norwegian_words), key))
    (*norwegian)++;
  words = g_strsplit_set (key, " /().,;:", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (in_list (danish_words, G_N_ELEMENTS (danish_words), words[i]))
        (*danish)++;
      if (in_list (norwegian_words, G_N_ELEMENTS (norwegian_words), words[i]))
        (*norwegian)++;
    }
}

gboolean
tm_csv_table_guess_country (TmCsvTable *table,
                            TmCountry  *country)
{
  guint danish = 0, norwegian = 0;
  int performers;

  g_return_val_if_fail (table != NULL, FALSE);

  for (guint c = 0; c < table->n_columns; c++)
    count_country_words (g_ptr_array_index (table->header, c), &danish, &norwegian);

  performers = mapped_column (table, table->mapping, TM_CSV_FIELD_PERFORMED_BY);
  for (guint row = 0; performers >= 0 && row < table->rows->len && row < 500; row++)
    count_country_words (tm_csv_table_get_cell (table, row, performers), &danish, &norwegian);

  if (danish == norwegian)
    return FALSE;
  if (country != NULL)
    *country = norwegian > danish ? TM_COUNTRY_NO : TM_COUNTRY_DK;
  return TRUE;
}

/* Mappings chosen before, by the set of headers they were chosen for (as
 * GnuCash keeps import presets): the next file from the same spreadsheet
 * imports without choosing again. */

static char *
preset_key (TmCsvTable *table)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autofree char *key = normalize_key (g_ptr_array_index (table->header, c));

      g_string_append (joined, key);
      g_string_append_c (joined, '\x1f');
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined->str, -1);
}

static char *
preset_path (void)
{
  const char *dir = g_getenv ("TASKMAP_CONFIG_DIR");

  return g_build_filename (dir != NULL ? dir : g_get_user_config_dir (),
                           dir != NULL ? "" : "taskmap", "csv-mappings.ini", NULL);
}

gboolean
tm_csv_table_load_preset (TmCsvTable *table,
                          TmCsvField *mapping,
                          int        *per)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = preset_path ();
  g_autofree char *group = NULL;
  g_auto(GStrv) fields = NULL;
  gsize n = 0;

  g_return_val_if_fail (table != NULL && mapping != NULL, FALSE);

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  group = preset_key (table);
  fields = g_key_file_get_string_list (keys, group, "fields", &n, NULL);
  if (fields == NULL || n != table->n_columns)
    return FALSE;

  /* All or nothing: a preset that does not read is not half used. */
  {
    g_autofree TmCsvField *read = g_new0 (TmCsvField, MAX (n, 1));

    for (guint c = 0; c < n; c++)
      if (!tm_csv_field_from_id (fields[c], &read[c]))
        return FALSE;
    memcpy (mapping, read, n * sizeof *mapping);
  }
  if (per != NULL)
    {
      g_autofree char *per_id = g_key_file_get_string (keys, group, "per", NULL);
      TmPer value;

      *per = per_id != NULL && tm_per_from_id (per_id, &value) ? (int) value : -1;
    }
  return TRUE;
}

gboolean
tm_csv_table_save_preset (TmCsvTable       *table,
                          const TmCsvField *mapping,
                          int               per,
                          GError          **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = preset_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *group = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) fields = NULL;
  g_autofree char *headers = NULL;
  gsize length = 0;

  g_return_val_if_fail (table != NULL && mapping != NULL, FALSE);

  g_key_file_load_from_file (keys, path, G_KEY_FILE_KEEP_COMMENTS, NULL);
  group = preset_key (table);
  for (guint c = 0; c < table->n_columns; c++)
    g_strv_builder_add (builder, tm_csv_field_to_id (mapping[c]));
  fields = g_strv_builder_end (builder);
  g_key_file_set_string_list (keys, group, "fields", (const char * const *) fields, table->n_columns);
  if (per >= 0 && per < (int) TM_N_PERS)
    g_key_file_set_string (keys, group, "per", tm_per_to_id (per));
  else
    g_key_file_remove_key (keys, group, "per", NULL);
  /* For a person reading the file: which headers the preset is for. */
  {
    g_autoptr(GString) joined = g_string_new (NULL);

    for (guint c = 0; c < table->n_columns; c++)
      g_string_append_printf (joined, "%s%s", c > 0 ? " | " : "",
                              (const char *) g_ptr_array_index (table->header, c));
    headers = g_string_free (g_steal_pointer (&joined), FALSE);
  }
  g_key_file_set_string (keys, group, "headers", headers);

  data = g_key_file_to_data (keys, &length, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "%s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    return tm_atomic_write_bytes (file, data, length, error);
  }
}

void
tm_csv_import_result_clear (TmCsvImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->ignored_columns, g_ptr_array_unref);
}

gboolean
tm_csv_import (TmPortfolio       *portfolio,
               TmCsvTable        *table,
               const TmCsvField  *mapping,
               guint             *n_imported,
               GError           **error)
{
  TmCsvImportResult result = { 0 };
  gboolean ok = tm_csv_import_full (portfolio, table, mapping, -1, &result, error);

  if (n_imported != NULL)
    *n_imported = result.n_imported;
  tm_csv_import_result_clear (&result);
  return ok;
}

gboolean
tm_csv_import_full (TmPortfolio        *portfolio,
                    TmCsvTable         *table,
                    const TmCsvField   *mapping,
                    int                 per,
                    TmCsvImportResult  *result,
                    GError            **error)
{
  g_autoptr(GPtrArray) tasks = NULL;
  Import imp = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (per < (int) TM_N_PERS, FALSE);

  if (result != NULL)
    memset (result, 0, sizeof *result);
  if (mapping == NULL)
    mapping = table->mapping;

  if (!check_mapping (table, mapping, error))
    return FALSE;

  imp.table = table;
  imp.mapping = mapping;
  imp.count_period = tm_csv_table_get_count_period (table, mapping);
  if (imp.count_period < 0)
    imp.count_period = per;
  import_init (&imp, portfolio);

  tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  for (guint row = 0; row < table->rows->len; row++)
    {
      TmTaskData *data = NULL;

      if (!convert_row (&imp, row, &data, error))
        {
          ok = FALSE;
          break;
        }
      if (data != NULL)
        g_ptr_array_add (tasks, data);
    }
  import_clear (&imp);

  if (!ok)
    return FALSE;

  if (tasks->len == 0)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_EMPTY,
                   /* Translators: %s is a file name */
                   _("%s: the file has no tasks, only a header."),
                   table->display_name);
      return FALSE;
    }

  if (!tm_portfolio_add_tasks (portfolio, tasks, error))
    {
      g_prefix_error (error, "%s: ", table->display_name);
      return FALSE;
    }

  if (result != NULL)
    {
      result->n_imported = tasks->len;
      for (guint i = 0; i < tasks->len; i++)
        {
          if (tm_task_data_get_hours_per_week (g_ptr_array_index (tasks, i)) >= 0)
            result->n_with_time++;
          else
            result->n_without_time++;
        }
      result->ignored_columns = tm_csv_table_dup_ignored_columns (table, mapping);
    }
  return TRUE;
}

/* Pasting */

/* One cell of a pasted block onto @data: an empty cell clears the field
 * (a time becomes "not estimated"), except the period, which stays. */
static gboolean
convert_cell_onto (Import      *imp,
                   guint        row,
                   guint        column,
                   TmCsvField   field,
                   const char  *cell,
                   TmTaskData  *data,
                   GError     **error)
{
  gboolean blank = is_blank (cell, strlen (cell));

  switch (field)
    {
    case TM_CSV_FIELD_TITLE:
      if (blank)
        {
          g_autofree char *name = column_name (imp, column);
          g_autofree char *message =
            g_strdup_printf (_("the task has no title: column %s is empty."), name);

          set_row_error (error, TM_CSV_ERROR_INVALID, imp, row, message);
          return FALSE;
        }
      g_free (data->title);
      data->title = dup_text (cell, TRUE);
      return TRUE;

    case TM_CSV_FIELD_DESCRIPTION:
      g_free (data->description);
      data->description = dup_text (cell, FALSE);
      return TRUE;

    case TM_CSV_FIELD_GROUP:
      g_free (data->group);
      data->group = dup_text (cell, TRUE);
      return TRUE;

    case TM_CSV_FIELD_NOTES:
      g_free (data->notes);
      data->notes = dup_text (cell, FALSE);
      return TRUE;

    case TM_CSV_FIELD_LEVEL:
      if (!convert_level (imp, cell, &data->level))
        {
          g_autofree char *shown = g_strstrip (g_strdup (cell));

          set_cell_error (error, imp, row, column, shown,
                          _("column %s: “%s” is not a competence level; write A, B or C, "
                            "or the name of a level."));
          return FALSE;
        }
      return TRUE;

    case TM_CSV_FIELD_COMPLEXITY:
      if (!convert_complexity (imp, cell, &data->complexity))
        {
          g_autofree char *shown = g_strstrip (g_strdup (cell));

          set_cell_error (error, imp, row, column, shown,
                          _("column %s: “%s” is not a patient complexity; write low, "
                            "moderate, high or varies."));
          return FALSE;
        }
      return TRUE;

    case TM_CSV_FIELD_MINUTES:
      return convert_number (imp, row, column, cell, TRUE, &data->minutes, error);

    case TM_CSV_FIELD_OCCURRENCES:
      return convert_number (imp, row, column, cell, FALSE, &data->occurrences, error);

    case TM_CSV_FIELD_PER:
      if (blank)
        return TRUE;
      if (!convert_per (imp, cell, &data->per))
        {
          g_autofree char *shown = g_strstrip (g_strdup (cell));

          set_cell_error (error, imp, row, column, shown,
                          _("column %s: “%s” is not a period; write per day, week, month, "
                            "year or shift."));
          return FALSE;
        }
      return TRUE;

    case TM_CSV_FIELD_SHIFTS:
      {
        g_autofree char *bad = NULL;
        guint shifts = 0;

        if (!blank && !convert_shifts (imp, cell, &shifts, &bad))
          {
            set_cell_error (error, imp, row, column, bad,
                            _("column %s: “%s” is not a shift; write day, evening, night "
                              "or weekend."));
            return FALSE;
          }
        data->shifts = shifts;
      }
      return TRUE;

    case TM_CSV_FIELD_PERFORMED_BY:
      g_array_set_size (data->performers, 0);
      return convert_performers (imp, row, column, cell, data, error);

    case TM_CSV_FIELD_IGNORE:
    case TM_CSV_N_FIELDS:
    default:
      return TRUE;
    }
}

/* A table of @text under a header of our own: the fields' labels. */
static TmCsvTable *
read_block (const char        *text,
            const TmCsvField  *fields,
            guint              n_fields,
            const char        *display_name,
            GError           **error)
{
  g_autoptr(GString) block = g_string_new (NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *label = g_strdup (tm_csv_field_get_label (fields[i]));

      /* A label never holds the separator, but be sure. */
      g_strdelimit (label, "\t\r\n\"", ' ');
      if (i > 0)
        g_string_append_c (block, '\t');
      g_string_append (block, label);
    }
  g_string_append_c (block, '\n');
  g_string_append (block, text);

  return read_table (block->str, block->len, display_name, '\t', 0, error);
}

gboolean
tm_csv_convert_value (TmPortfolio  *portfolio,
                      TmCsvField    field,
                      const char   *text,
                      TmTaskData   *data,
                      GError      **error)
{
  g_autoptr(TmCsvTable) table = NULL;
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (text != NULL && data != NULL, FALSE);
  g_return_val_if_fail (field > TM_CSV_FIELD_IGNORE && field < TM_CSV_N_FIELDS, FALSE);

  if (field == TM_CSV_FIELD_TITLE && is_blank (text, strlen (text)))
    {
      g_set_error_literal (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID,
                           _("A task needs a title."));
      return FALSE;
    }

  if (strpbrk (text, "\t\r\n") != NULL && field != TM_CSV_FIELD_DESCRIPTION &&
      field != TM_CSV_FIELD_NOTES)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_INVALID,
                   /* Translators: %s is what was typed or pasted into one cell */
                   _("“%s” holds more than one value."), text);
      return FALSE;
    }

  imp.one_value = TRUE;
  imp.mapping = &field;
  imp.count_period = -1;

  if (is_blank (text, strlen (text)))
    {
      /* An empty value clears the field; no converter refuses it. */
      import_init (&imp, portfolio);
      ok = convert_cell_onto (&imp, 0, 0, field, "", data, error);
      import_clear (&imp);
      return ok;
    }

  /* One quoted cell, so that separators and quotes in it stay text. */
  {
    g_autoptr(GString) quoted = g_string_new ("\"");

    for (const char *p = text; *p; p++)
      {
        if (*p == '"')
          g_string_append_c (quoted, '"');
        g_string_append_c (quoted, *p);
      }
    g_string_append (quoted, "\"\n");
    table = read_block (quoted->str, &field, 1, "", error);
    if (table == NULL)
      return FALSE;
  }
  g_return_val_if_fail (table->rows->len == 1, FALSE);

  imp.table = table;
  import_init (&imp, portfolio);
  ok = convert_cell_onto (&imp, 0, 0, field, g_array_index (table->rows, Row, 0).cells, data, error);
  import_clear (&imp);
  return ok;
}

gboolean
tm_csv_paste (TmPortfolio        *portfolio,
              const char         *text,
              TmTask            **tasks,
              guint               n_tasks,
              const TmCsvField   *fields,
              guint               n_fields,
              guint              *n_changed,
              GError            **error)
{
  g_autoptr(TmCsvTable) table = NULL;
  g_autoptr(GPtrArray) changed_tasks = NULL;
  g_autoptr(GPtrArray) changed_data = NULL;
  g_autofree char *label = NULL;
  Import imp = { 0 };
  gboolean ok = TRUE;
  guint n_rows;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (tasks != NULL || n_tasks == 0, FALSE);
  g_return_val_if_fail (fields != NULL && n_fields > 0, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;

  /* Translators: the name of a paste in messages: "Pasted rows: row 2: …" */
  table = read_block (text, fields, n_fields, _("Pasted rows"), error);
  if (table == NULL)
    return FALSE;

  if (table->rows->len == 0)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_EMPTY,
                   _("There is nothing to paste."));
      return FALSE;
    }

  if (table->n_columns > n_fields)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The pasted rows have %u columns, but from “%s” on there is room "
                                "for only %u column.",
                                "The pasted rows have %u columns, but from “%s” on there is room "
                                "for only %u columns.", n_fields),
                   table->n_columns, tm_csv_field_get_label (fields[0]), n_fields);
      return FALSE;
    }

  n_rows = g_array_index (table->rows, Row, table->rows->len - 1).number;
  if (n_rows > n_tasks)
    {
      g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_TOO_LARGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u rows were copied, but there is only %u task from the selected "
                                "one down.",
                                "%u rows were copied, but there are only %u tasks from the selected "
                                "one down.", n_tasks),
                   n_rows, n_tasks);
      return FALSE;
    }

  imp.table = table;
  imp.mapping = fields;
  imp.count_period = -1;
  import_init (&imp, portfolio);

  changed_tasks = g_ptr_array_new ();
  changed_data = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);

  for (guint row = 0; row < table->rows->len && ok; row++)
    {
      const Row *r = &g_array_index (table->rows, Row, row);
      TmTask *task = tasks[r->number - 1];
      g_autoptr(TmTaskData) data = tm_task_dup_data (task);
      g_autoptr(GError) local_error = NULL;
      const char *p = r->cells;

      for (guint column = 0; column < table->n_columns && ok; column++)
        {
          const char *cell = "";

          if (column < r->n_cells)
            {
              cell = p;
              p += strlen (p) + 1;
            }
          ok = convert_cell_onto (&imp, row, column, fields[column], cell, data, error);
        }

      if (ok && !tm_task_data_validate (data, &local_error))
        {
          set_row_error (error, TM_CSV_ERROR_INVALID, &imp, row, local_error->message);
          ok = FALSE;
        }

      if (ok)
        {
          g_ptr_array_add (changed_tasks, task);
          g_ptr_array_add (changed_data, g_steal_pointer (&data));
        }
    }
  import_clear (&imp);

  if (!ok)
    return FALSE;

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paste %u Row", "Paste %u Rows",
                                        changed_tasks->len), changed_tasks->len);
  if (!tm_portfolio_update_tasks (portfolio, (TmTask **) changed_tasks->pdata,
                                  (TmTaskData **) changed_data->pdata, changed_tasks->len,
                                  label, error))
    return FALSE;

  if (n_changed != NULL)
    *n_changed = changed_tasks->len;
  return TRUE;
}

/* Export */

typedef struct {
  GString *out;
  gboolean first;
} Writer;

static void
writer_cell (Writer     *w,
             const char *text,
             gboolean    guard)
{
  gboolean quote;

  if (!w->first)
    g_string_append_c (w->out, ';');
  w->first = FALSE;

  if (text == NULL)
    text = "";

  quote = strpbrk (text, ";\"\r\n") != NULL ||
          text[0] == ' ' || (*text != '\0' && text[strlen (text) - 1] == ' ');

  if (quote)
    g_string_append_c (w->out, '"');

  /* Excel runs a cell that starts with "=", "+", "-" or "@" as a formula:
   * a task list must not carry one into the committee's spreadsheet. The
   * import removes the apostrophe again. */
  if (guard && text[0] != '\0' && strchr ("=+-@", text[0]) != NULL)
    g_string_append_c (w->out, '\'');

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append (w->out, "\"\"");
      else if (*p == '\r')
        ;
      else
        g_string_append_c (w->out, *p);
    }

  if (quote)
    g_string_append_c (w->out, '"');
}

static void
writer_end_row (Writer *w)
{
  g_string_append (w->out, "\r\n");
  w->first = TRUE;
}

/* @value with as many decimals as it needs (at most @max_decimals), with
 * the pushed language's decimal separator; "" when not estimated. */
static char *
format_number (double value,
               int    max_decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  int decimals = 0;
  const char *dot;

  if (value < 0 || !isfinite (value))
    return g_strdup ("");

  g_snprintf (format, sizeof format, "%%.%df", max_decimals);
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  dot = strchr (buffer, '.');
  if (dot != NULL)
    {
      int last = strlen (buffer) - 1;

      while (last > dot - buffer && buffer[last] == '0')
        last--;
      decimals = last - (dot - buffer);
    }

  return tm_language_format_number (value, decimals);
}

static char *
performers_text (TmPortfolio      *portfolio,
                 const TmTaskData *data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      TmProfession *profession = tm_portfolio_lookup_profession (portfolio, p->profession_id);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, profession ? tm_profession_get_name (profession) : p->profession_id);

      if (data->performers->len > 1 || p->share != 100)
        {
          g_autofree char *share = format_number (MAX (p->share, 0), 2);

          g_string_append_printf (text, " %s %%", share);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
shifts_text (guint shifts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint s = 0; s < TM_N_SHIFTS; s++)
    {
      if (!(shifts & (1u << s)))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, tm_shift_get_label (1u << s));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
finish (GString *out,
        gsize   *length)
{
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

static char *
export_catalogue (TmPortfolio *portfolio,
                  gsize       *length)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  guint n = g_list_model_get_n_items (tasks);
  Writer w = { g_string_new ("\xEF\xBB\xBF"), TRUE };

  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_TITLE), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_DESCRIPTION), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_GROUP), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_LEVEL), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_COMPLEXITY), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_MINUTES), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_OCCURRENCES), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_PER), FALSE);
  /* Translators: a spreadsheet column, worked out from minutes and times */
  writer_cell (&w, _("Hours per week"), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_SHIFTS), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_PERFORMED_BY), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_NOTES), FALSE);
  writer_end_row (&w);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *data = tm_task_peek_data (task);
      g_autofree char *minutes = format_number (data->minutes, 4);
      g_autofree char *occurrences = format_number (data->occurrences, 4);
      g_autofree char *hours = format_number (tm_task_data_get_hours_per_week (data), 2);
      g_autofree char *shifts = shifts_text (data->shifts);
      g_autofree char *performers = performers_text (portfolio, data);

      writer_cell (&w, data->title, TRUE);
      writer_cell (&w, data->description, TRUE);
      writer_cell (&w, data->group, TRUE);
      writer_cell (&w, data->level == TM_LEVEL_NOT_ASSESSED ? "" : tm_level_get_label (data->level), FALSE);
      writer_cell (&w, data->complexity == TM_COMPLEXITY_NOT_ASSESSED ? ""
                                                                      : tm_complexity_get_label (data->complexity),
                   FALSE);
      writer_cell (&w, minutes, FALSE);
      writer_cell (&w, occurrences, FALSE);
      writer_cell (&w, tm_per_get_label (data->per), FALSE);
      writer_cell (&w, hours, FALSE);
      writer_cell (&w, shifts, FALSE);
      writer_cell (&w, performers, TRUE);
      writer_cell (&w, data->notes, TRUE);
      writer_end_row (&w);
    }

  return finish (w.out, length);
}

char *
tm_csv_export_catalogue (TmPortfolio  *portfolio,
                         gsize        *length,
                         GError      **error)
{
  char *text;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  tm_language_push (tm_portfolio_get_language (portfolio));
  text = export_catalogue (portfolio, length);
  tm_language_pop ();

  return text;
}

static char *
export_matrix (TmPortfolio *portfolio,
               TmScenario  *scenario,
               gsize       *length)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GListModel *model = tm_portfolio_get_professions (portfolio);
  g_autoptr(GPtrArray) professions = g_ptr_array_new_with_free_func (g_object_unref);
  const char *scenario_id = tm_scenario_get_id (scenario);
  guint n = g_list_model_get_n_items (tasks);
  Writer w = { g_string_new ("\xEF\xBB\xBF"), TRUE };

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      TmProfession *profession = g_list_model_get_item (model, i);

      if (tm_profession_get_hidden (profession))
        g_object_unref (profession);
      else
        g_ptr_array_add (professions, profession);
    }

  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_TITLE), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_GROUP), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_LEVEL), FALSE);
  writer_cell (&w, tm_csv_field_get_label (TM_CSV_FIELD_PERFORMED_BY), FALSE);
  for (guint p = 0; p < professions->len; p++)
    writer_cell (&w, tm_profession_get_name (g_ptr_array_index (professions, p)), TRUE);
  {
    /* Translators: a spreadsheet column; %s is the name of a scenario */
    g_autofree char *move = g_strdup_printf (_("Move in “%s”"), tm_scenario_get_name (scenario));

    writer_cell (&w, move, TRUE);
  }
  /* Translators: a spreadsheet column: the percentage of a task's time that moves */
  /* xgettext:no-c-format */
  writer_cell (&w, _("Share moved (%)"), FALSE);
  writer_end_row (&w);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *data = tm_task_peek_data (task);
      const TmMove *move = tm_task_data_get_move (data, scenario_id);
      g_autofree char *performers = performers_text (portfolio, data);

      writer_cell (&w, data->title, TRUE);
      writer_cell (&w, data->group, TRUE);
      writer_cell (&w, data->level == TM_LEVEL_NOT_ASSESSED ? "" : tm_level_get_label (data->level), FALSE);
      writer_cell (&w, performers, TRUE);

      for (guint p = 0; p < professions->len; p++)
        {
          TmProfession *profession = g_ptr_array_index (professions, p);
          const TmAssessment *a = tm_task_data_get_assessment (data, tm_profession_get_id (profession));

          writer_cell (&w, a == NULL || a->suitability == TM_SUITABILITY_NOT_ASSESSED
                             ? "" : tm_suitability_get_label (a->suitability),
                       FALSE);
        }

      if (move == NULL)
        {
          writer_cell (&w, "", FALSE);
          writer_cell (&w, "", FALSE);
        }
      else
        {
          g_autofree char *share = format_number (MAX (move->share, 0), 2);

          if (move->kind == TM_MOVE_TO_PROFESSION)
            {
              TmProfession *to = move->profession_id
                                 ? tm_portfolio_lookup_profession (portfolio, move->profession_id)
                                 : NULL;

              writer_cell (&w, to ? tm_profession_get_name (to) : move->profession_id, TRUE);
            }
          else
            {
              writer_cell (&w, tm_move_kind_get_label (move->kind), FALSE);
            }
          writer_cell (&w, share, FALSE);
        }
      writer_end_row (&w);
    }

  return finish (w.out, length);
}

char *
tm_csv_export_matrix (TmPortfolio  *portfolio,
                      const char   *scenario_id,
                      gsize        *length,
                      GError      **error)
{
  TmScenario *scenario;
  char *text;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  if (scenario_id != NULL)
    {
      scenario = tm_portfolio_lookup_scenario (portfolio, scenario_id);
      if (scenario == NULL)
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       /* Translators: %s is a scenario's id */
                       _("There is no scenario “%s”."), scenario_id);
          return NULL;
        }
    }
  else
    {
      g_autoptr(TmScenario) first = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);

      if (first == NULL)
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                               _("The portfolio has no scenario."));
          return NULL;
        }
      scenario = first;   /* the portfolio keeps its own reference */
    }

  tm_language_push (tm_portfolio_get_language (portfolio));
  text = export_matrix (portfolio, scenario, length);
  tm_language_pop ();

  return text;
}

static gboolean
write_file (GFile       *file,
            char        *data,
            gsize        length,
            GError     **error)
{
  g_autofree char *owned = data;

  if (owned == NULL)
    return FALSE;

  /* Never a half-written file where a good one was: written beside it,
   * renamed over it when complete. */
  return tm_atomic_write_bytes (file, owned, length, error);
}

gboolean
tm_csv_export_catalogue_file (TmPortfolio  *portfolio,
                              GFile        *file,
                              GError      **error)
{
  gsize length = 0;
  char *data;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = tm_csv_export_catalogue (portfolio, &length, error);
  return write_file (file, data, length, error);
}

gboolean
tm_csv_export_matrix_file (TmPortfolio  *portfolio,
                           const char   *scenario_id,
                           GFile        *file,
                           GError      **error)
{
  gsize length = 0;
  char *data;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  data = tm_csv_export_matrix (portfolio, scenario_id, &length, error);
  return write_file (file, data, length, error);
}
