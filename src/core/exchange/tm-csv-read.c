/* tm-csv-read.c
 * Reading a CSV file: its encoding, separator and records, into a table.
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
#include "exchange/tm-csv-private.h"

/* Reading */

gboolean
_tm_csv_is_blank (const char *text,
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
TmCsvTable *
_tm_csv_read_table (const char  *data,
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

  if (length == 0 || _tm_csv_is_blank (data, length))
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
  return _tm_csv_read_table (data, length, display_name, 0, 1, error);
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
