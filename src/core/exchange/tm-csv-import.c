/* tm-csv-import.c
 * Importing a table: its cells turned into tasks, checked as the import
 * checks them, with a message naming the row and the column.
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
#include "store/tm-portfolio-private.h"

void
_tm_csv_import_clear (Import *imp)
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
  g_autofree char *key = _tm_csv_normalize_key (word);

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

void
_tm_csv_import_init (Import      *imp,
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
                  key = _tm_csv_normalize_key (names[k]);
                }
              else if ((open = strrchr (names[k], '(')) != NULL && open > names[k] &&
                       g_str_has_suffix (names[k], ")"))
                {
                  /* Second pass, so a full name always beats a short form. */
                  g_autofree char *before = g_strndup (names[k], open - names[k]);
                  g_autofree char *inside = g_strndup (open + 1, strlen (open + 1) - 1);
                  g_autofree char *key2 = _tm_csv_normalize_key (inside);

                  if (*key2 != '\0' && !g_hash_table_contains (imp->professions, key2))
                    g_hash_table_insert (imp->professions, g_steal_pointer (&key2), g_strdup (id));
                  key = _tm_csv_normalize_key (before);
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

char *
_tm_csv_column_name (Import *imp,
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

void
_tm_csv_set_row_error (GError     **error,
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
void
_tm_csv_set_cell_error (GError     **error,
                        Import      *imp,
                        guint        row,
                        guint        column,
                        const char  *value,
                        const char  *format)
{
  g_autofree char *name = _tm_csv_column_name (imp, column);
  g_autofree char *shown = quote_value (value);
  g_autofree char *message = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  message = g_strdup_printf (format, name, shown);
#pragma GCC diagnostic pop
  _tm_csv_set_row_error (error, TM_CSV_ERROR_INVALID, imp, row, message);
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
char *
_tm_csv_dup_text (const char *cell,
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

gboolean
_tm_csv_convert_level (Import      *imp,
                       const char  *cell,
                       TmLevel     *level)
{
  g_autofree char *key = _tm_csv_normalize_key (cell);
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

gboolean
_tm_csv_convert_complexity (Import       *imp,
                            const char   *cell,
                            TmComplexity *complexity)
{
  static const char * const varies[] = { "afhænger", "avhenger", "varies", "varierer", "depends" };
  g_autofree char *key = _tm_csv_normalize_key (cell);
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

gboolean
_tm_csv_convert_per (Import     *imp,
                     const char *cell,
                     TmPer      *per)
{
  static const char * const prefixes[] = { "pr. ", "pr ", "per ", "om ", "i ", "a ", "each ", "hver " };
  g_autofree char *key = _tm_csv_normalize_key (cell);
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

gboolean
_tm_csv_convert_shifts (Import      *imp,
                        const char  *cell,
                        guint       *shifts,
                        char       **bad_word)
{
  g_autofree char *key = _tm_csv_normalize_key (cell);
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

  key = _tm_csv_normalize_key (name);
  if (*key == '\0')
    return NULL;
  return g_hash_table_lookup (imp->professions, key);
}

/* "Sygeplejerske 50 %, SSA 50 %", "nurse + ssa", "Læge/Sygeplejerske":
 * the longest run of pieces that names a profession is taken first, so
 * names and shares with ',' or '/' in them ("33,3 %") read whole. */
gboolean
_tm_csv_convert_performers (Import      *imp,
                            guint        row,
                            guint        column,
                            const char  *cell,
                            TmTaskData  *data,
                            GError     **error)
{
  g_autofree char *text = _tm_csv_dup_text (cell, TRUE);
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
      _tm_csv_set_cell_error (error, imp, row, column, text,
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

      if (_tm_csv_is_blank (first, strlen (first)))
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
                  _tm_csv_set_cell_error (error, imp, row, column, g_strstrip (piece),
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
            _tm_csv_set_cell_error (error, imp, row, column, g_strstrip (first),
                            /* Translators: the first %s is a column, the second a value */
                            _("column %s: the share in “%s” is not a percentage from 0 to 100."));
          else
            _tm_csv_set_cell_error (error, imp, row, column, g_strstrip (first),
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

gboolean
_tm_csv_convert_number (Import      *imp,
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
        _tm_csv_set_cell_error (error, imp, row, column, shown,
                        /* Translators: the first %s is a column, the second a value */
                        _("column %s: “%s” is not a number of minutes from 0 to 1440 "
                          "(leave the cell empty when the time is not estimated)."));
      else
        _tm_csv_set_cell_error (error, imp, row, column, shown,
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
      if (field == TM_CSV_FIELD_IGNORE || _tm_csv_is_blank (cell, strlen (cell)))
        continue;
      any = TRUE;

      /* Performers add up over the row; every other field is one cell. */
      if (field == TM_CSV_FIELD_PERFORMED_BY)
        {
          if (!_tm_csv_convert_performers (imp, row, column, cell, data, error))
            return FALSE;
          continue;
        }
      if (!_tm_csv_convert_cell_onto (imp, row, column, field, cell, data, error))
        return FALSE;
      if (field == TM_CSV_FIELD_PER)
        per_given = TRUE;
    }

  if (!any)
    return TRUE;

  /* A count is never read per day in silence: its period comes from the row,
   * from the count's header ("Antal pr. uge") or from the user's choice. */
  if (data->occurrences >= 0 && !per_given)
    {
      if (imp->count_period < 0)
        {
          g_autofree char *name = _tm_csv_column_name (imp, count_column);
          g_autofree char *message =
            /* Translators: %s is a column */
            g_strdup_printf (_("column %s gives how many times, but not per what: choose per day, "
                               "week, month, year or shift."), name);

          _tm_csv_set_row_error (error, TM_CSV_ERROR_MAPPING, imp, row, message);
          return FALSE;
        }
      data->per = imp->count_period;
    }

  if (*data->title == '\0')
    {
      g_autofree char *name = _tm_csv_column_name (imp, title_column);
      g_autofree char *message =
        /* Translators: %s is the column of the titles */
        g_strdup_printf (_("the task has no title: column %s is empty."), name);

      _tm_csv_set_row_error (error, TM_CSV_ERROR_INVALID, imp, row, message);
      return FALSE;
    }

  if (!tm_task_data_validate (data, &local_error))
    {
      _tm_csv_set_row_error (error, TM_CSV_ERROR_INVALID, imp, row, local_error->message);
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
          g_autofree char *a = _tm_csv_column_name (&imp, first[field]);
          g_autofree char *b = _tm_csv_column_name (&imp, column);

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

/* An import in steps: the rows converted, the tasks checked and given ids,
 * then the edit written (a TmEditJob). Each phase looks at the clock every
 * CHECK_ROWS rows. */
typedef enum {
  CSV_CONVERT,
  CSV_ADD,
  CSV_WRITE,
  CSV_DONE,
  CSV_FAILED,
} CsvPhase;

struct _TmCsvImportJob {
  TmPortfolio       *portfolio;
  TmCsvTable        *table;     /* borrowed; NULL once the rows are converted */
  char              *display_name;
  guint              n_rows;
  TmCsvField        *mapping;   /* n_columns long */
  Import             imp;
  GPtrArray         *tasks;     /* of TmTaskData */
  TmTaskAdder       *adder;
  TmEditJob         *edit;
  TmCsvImportResult  result;
  guint              k;         /* the next row (CONVERT) or task (ADD) */
  CsvPhase           phase;
};

#define CHECK_ROWS 64
/* The share of the bar each phase takes (measured at 100,000 rows: the
 * conversion about a third of the time, the checks a sixth). */
#define CONVERT_SHARE 0.30
#define ADD_SHARE     0.15

static TmCsvImportJob *
csv_import_begin (TmPortfolio       *portfolio,
                  TmCsvTable        *table,
                  const TmCsvField  *mapping,
                  int                per,
                  GError           **error)
{
  TmCsvImportJob *job;

  if (mapping == NULL)
    mapping = table->mapping;
  if (!check_mapping (table, mapping, error))
    return NULL;

  job = g_new0 (TmCsvImportJob, 1);
  job->portfolio = g_object_ref (portfolio);
  job->table = table;
  job->display_name = g_strdup (table->display_name);
  job->n_rows = table->rows->len;
  job->mapping = g_memdup2 (mapping, MAX (table->n_columns, 1) * sizeof (TmCsvField));
  job->imp.table = table;
  job->imp.mapping = job->mapping;
  job->imp.count_period = tm_csv_table_get_count_period (table, job->mapping);
  if (job->imp.count_period < 0)
    job->imp.count_period = per;
  _tm_csv_import_init (&job->imp, portfolio);
  job->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  job->result.ignored_columns = tm_csv_table_dup_ignored_columns (table, job->mapping);
  job->phase = CSV_CONVERT;
  return job;
}

TmCsvImportJob *
tm_csv_import_begin (TmPortfolio       *portfolio,
                     TmCsvTable        *table,
                     const TmCsvField  *mapping,
                     int                per,
                     GError           **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (per < (int) TM_N_PERS, NULL);

  return csv_import_begin (portfolio, table, mapping, per, error);
}

static gboolean
csv_import_fail (TmCsvImportJob *job)
{
  job->phase = CSV_FAILED;
  return FALSE;
}

gboolean
tm_csv_import_step (TmCsvImportJob  *job,
                    gint64           budget_us,
                    gboolean        *done,
                    GError         **error)
{
  gint64 deadline;

  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (job->phase != CSV_FAILED, FALSE);

  *done = job->phase == CSV_DONE;
  if (*done)
    return TRUE;
  deadline = budget_us >= G_MAXINT64 / 2 ? G_MAXINT64 : g_get_monotonic_time () + budget_us;

  if (job->phase == CSV_CONVERT)
    {
      TmCsvTable *table = job->table;

      while (job->k < table->rows->len)
        {
          TmTaskData *data = NULL;

          if (!convert_row (&job->imp, job->k, &data, error))
            return csv_import_fail (job);
          if (data != NULL)
            g_ptr_array_add (job->tasks, data);
          job->k++;
          if (job->k % CHECK_ROWS == 0 && g_get_monotonic_time () >= deadline)
            return TRUE;
        }
      _tm_csv_import_clear (&job->imp);
      job->imp.table = NULL;
      job->table = NULL;

      if (job->tasks->len == 0)
        {
          g_set_error (error, TM_CSV_ERROR, TM_CSV_ERROR_EMPTY,
                       /* Translators: %s is a file name */
                       _("%s: the file has no tasks, only a header."),
                       job->display_name);
          return csv_import_fail (job);
        }
      job->adder = _tm_task_adder_new (job->portfolio);
      job->phase = CSV_ADD;
      job->k = 0;
    }

  if (job->phase == CSV_ADD)
    {
      while (job->k < job->tasks->len)
        {
          const TmTaskData *data = g_ptr_array_index (job->tasks, job->k);

          if (!_tm_task_adder_add (job->adder, data, error))
            {
              g_prefix_error (error, "%s: ", job->display_name);
              return csv_import_fail (job);
            }
          if (tm_task_data_get_hours_per_week (data) >= 0)
            job->result.n_with_time++;
          else
            job->result.n_without_time++;
          /* The change has its own copy: freed here, a slice at a time,
           * rather than 100,000 at once at the end. */
          g_clear_pointer (&job->tasks->pdata[job->k], tm_task_data_free);
          job->k++;
          if (job->k % CHECK_ROWS == 0 && g_get_monotonic_time () >= deadline)
            return TRUE;
        }
      job->edit = _tm_task_adder_begin (g_steal_pointer (&job->adder), error);
      if (job->edit == NULL)
        {
          g_prefix_error (error, "%s: ", job->display_name);
          return csv_import_fail (job);
        }
      job->phase = CSV_WRITE;
      /* Setting the edit going is a step of its own. */
      if (deadline != G_MAXINT64)
        return TRUE;
    }

  if (!tm_edit_job_step (job->edit, deadline == G_MAXINT64 ? G_MAXINT64 : MAX (deadline - g_get_monotonic_time (), 0),
                         done, error))
    {
      g_prefix_error (error, "%s: ", job->display_name);
      return csv_import_fail (job);
    }
  if (*done)
    {
      job->result.n_imported = job->tasks->len;
      job->phase = CSV_DONE;
    }
  return TRUE;
}

double
tm_csv_import_get_fraction (TmCsvImportJob *job)
{
  g_return_val_if_fail (job != NULL, 0.0);

  switch (job->phase)
    {
    case CSV_CONVERT:
      return CONVERT_SHARE * job->k / MAX (job->n_rows, 1);
    case CSV_ADD:
      return CONVERT_SHARE + ADD_SHARE * job->k / MAX (job->tasks->len, 1);
    case CSV_WRITE:
      return CONVERT_SHARE + ADD_SHARE + (1.0 - CONVERT_SHARE - ADD_SHARE) * tm_edit_job_get_fraction (job->edit);
    case CSV_DONE:
      return 1.0;
    case CSV_FAILED:
    default:
      return 0.0;
    }
}

gboolean
tm_csv_import_can_cancel (TmCsvImportJob *job)
{
  g_return_val_if_fail (job != NULL, FALSE);

  if (job->phase == CSV_WRITE)
    return tm_edit_job_can_cancel (job->edit);
  return job->phase != CSV_DONE;
}

const TmCsvImportResult *
tm_csv_import_get_result (TmCsvImportJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);
  g_return_val_if_fail (job->phase == CSV_DONE, NULL);

  return &job->result;
}

const char *
tm_csv_import_get_display_name (TmCsvImportJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);

  return job->display_name;
}

guint
tm_csv_import_get_n_rows (TmCsvImportJob *job)
{
  g_return_val_if_fail (job != NULL, 0);

  return job->n_rows;
}

gboolean
tm_csv_import_is_checked (TmCsvImportJob *job)
{
  g_return_val_if_fail (job != NULL, FALSE);

  return job->phase == CSV_WRITE || job->phase == CSV_DONE;
}

gboolean
tm_csv_import_free (TmCsvImportJob *job)
{
  gboolean in = FALSE;

  if (job == NULL)
    return FALSE;
  if (job->edit != NULL)
    in = tm_edit_job_free (job->edit);
  else
    in = job->phase == CSV_DONE;
  _tm_task_adder_free (job->adder);
  _tm_csv_import_clear (&job->imp);
  g_clear_pointer (&job->tasks, g_ptr_array_unref);
  tm_csv_import_result_clear (&job->result);
  g_free (job->mapping);
  g_free (job->display_name);
  g_object_unref (job->portfolio);
  g_free (job);
  return in;
}

gboolean
tm_csv_import_full (TmPortfolio        *portfolio,
                    TmCsvTable         *table,
                    const TmCsvField   *mapping,
                    int                 per,
                    TmCsvImportResult  *result,
                    GError            **error)
{
  TmCsvImportJob *job;
  gboolean done = FALSE;
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (per < (int) TM_N_PERS, FALSE);

  if (result != NULL)
    memset (result, 0, sizeof *result);

  job = csv_import_begin (portfolio, table, mapping, per, error);
  if (job == NULL)
    return FALSE;
  ok = tm_csv_import_step (job, G_MAXINT64, &done, error);
  g_assert (!ok || done);
  if (ok && result != NULL)
    {
      *result = job->result;
      job->result.ignored_columns = NULL;
    }
  tm_csv_import_free (job);
  return ok;
}
