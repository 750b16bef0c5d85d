/* tm-csv.c
 * Task lists as spreadsheets: the fields and the words of headers, the
 * table read from a file, its mapping, period, country and presets.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
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
#include "exchange/tm-csv-private.h"

G_DEFINE_QUARK (tm-csv-error-quark, tm_csv_error)

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
char *
_tm_csv_normalize_key (const char *text)
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
  g_autofree char *other = _tm_csv_normalize_key (name);

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

  key = _tm_csv_normalize_key (header);
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

  key = _tm_csv_normalize_key (header);
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

      if (!_tm_csv_is_blank (count_cell, strlen (count_cell)) && _tm_csv_is_blank (per_cell, strlen (per_cell)))
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

          if (!_tm_csv_is_blank (cell, strlen (cell)))
            {
              Import imp = { .table = table };

              g_ptr_array_add (names, _tm_csv_column_name (&imp, c));
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
  g_autofree char *key = _tm_csv_normalize_key (text);
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
      g_autofree char *key = _tm_csv_normalize_key (g_ptr_array_index (table->header, c));

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
