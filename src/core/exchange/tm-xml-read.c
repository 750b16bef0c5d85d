/* tm-xml-read.c
 * Reading the exchange format: the walk from a file's elements to a
 * TmXmlDocument, with what the code checks beyond the XSD, and the words
 * of the refusals both readers share.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include <math.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "exchange/tm-xml.h"
#include "exchange/tm-xml-read-private.h"
#include "store/tm-portfolio-private.h"
#include "model/tm-task-private.h"
#include "model/tm-workshop-private.h"
#include "model/tm-language.h"

/* Values quoted in messages are cut to this many characters. */
#define MAX_QUOTED_CHARS 60


/* Numbers and times */

/* Digits with an optional fraction and at most 15 digits in all: the
 * value is the integer of the digits divided by a power of ten, both exact
 * in a double, so the quotient is rounded once, as strtod() rounds
 * (Clinger's fast path). NaN when the text is of another form. */
static double
parse_short_decimal (const char *p,
                     const char *end)
{
  gboolean negative = FALSE;
  gint64 mantissa = 0;
  int digits = 0;
  int fraction = -1;
  static const double powers[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15 };
  double value;

  if (p < end && (*p == '-' || *p == '+'))
    negative = *p++ == '-';
  for (; p < end; p++)
    {
      if (*p >= '0' && *p <= '9')
        {
          if (++digits > 15)
            return NAN;
          mantissa = mantissa * 10 + (*p - '0');
          if (fraction >= 0)
            fraction++;
        }
      else if (*p == '.' && fraction < 0)
        fraction = 0;
      else
        return NAN;
    }
  if (digits == 0)
    return NAN;
  value = fraction > 0 ? (double) mantissa / powers[fraction] : (double) mantissa;
  return negative ? -value : value;
}

gboolean
_tm_xml_check_size (gsize        length,
                    const char  *display_name,
                    GError     **error)
{
  if (length == 0)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("“%s” is empty."), display_name);
      return FALSE;
    }

  if (length > TM_XML_MAX_IMPORT_BYTES || length > G_MAXINT)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_FORBIDDEN,
                   _("“%s” is too large to import."), display_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tm_xml_parse_number (const char *text,
                      double     *value)
{
  const char *start;
  const char *end;
  char *parsed_end = NULL;
  double v;

  if (text == NULL)
    return FALSE;

  /* As XML Schema reads numbers: spaces around them do not count. */
  start = text;
  while (g_ascii_isspace (*start))
    start++;
  end = start + strlen (start);
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (end == start)
    return FALSE;

  v = parse_short_decimal (start, end);
  if (!isnan (v))
    {
      *value = v;
      return TRUE;
    }

  v = g_ascii_strtod (start, &parsed_end);
  if (parsed_end == start || parsed_end != end || !isfinite (v))
    return FALSE;

  /* Too small for a double is refused like too large: 1e-400 is not 0.
   * (A number written as 0, however, is 0, with any exponent.) */
  if (v == 0)
    for (const char *p = start; p < end && *p != 'e' && *p != 'E'; p++)
      if (*p >= '1' && *p <= '9')
        return FALSE;

  *value = v;
  return TRUE;
}

/* YYYY-MM-DDThh:mm:ssZ, as Taskmap writes times: the seconds since 1970
 * without a GDateTime. -1 for any other form. */
static gint64
parse_plain_timestamp (const char *text)
{
  static const int month_days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  int f[6];
  static const int at[] = { 0, 5, 8, 11, 14, 17 };
  static const int width[] = { 4, 2, 2, 2, 2, 2 };
  gint64 y, m, days;

  if (strlen (text) != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return -1;
  for (int i = 0; i < 6; i++)
    {
      f[i] = 0;
      for (int k = 0; k < width[i]; k++)
        {
          char c = text[at[i] + k];

          if (c < '0' || c > '9')
            return -1;
          f[i] = f[i] * 10 + (c - '0');
        }
    }
  if (f[0] < 1970 || f[1] < 1 || f[1] > 12 || f[2] < 1 || f[3] > 23 || f[4] > 59 || f[5] > 59)
    return -1;
  if (f[2] > month_days[f[1] - 1] &&
      !(f[1] == 2 && f[2] == 29 && f[0] % 4 == 0 && (f[0] % 100 != 0 || f[0] % 400 == 0)))
    return -1;

  /* Howard Hinnant's days_from_civil. */
  y = f[0] - (f[1] <= 2);
  m = f[1];
  {
    gint64 era = y / 400;
    gint64 yoe = y - era * 400;
    gint64 doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + f[2] - 1;
    gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    days = era * 146097 + doe - 719468;
  }
  return days * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
}

static gboolean
parse_timestamp (const char *text,
                 gint64     *seconds)
{
  g_autoptr(GDateTime) when = NULL;
  gint64 plain;

  if (text == NULL)
    return FALSE;
  if ((plain = parse_plain_timestamp (text)) >= 0)
    {
      *seconds = plain;
      return TRUE;
    }
  when = g_date_time_new_from_iso8601 (text, NULL);
  if (when == NULL || g_date_time_to_unix (when) < 0)
    return FALSE;
  *seconds = g_date_time_to_unix (when);
  return TRUE;
}

/* An arena for one item's elements */

#define ARENA_BLOCK (64 * 1024)

void
_tm_xml_arena_init (TmXmlArena *arena)
{
  arena->blocks = g_ptr_array_new_with_free_func (g_free);
  arena->at = NULL;
  arena->left = 0;
}

void
_tm_xml_arena_reset (TmXmlArena *arena)
{
  if (arena->blocks->len == 0)
    return;
  g_ptr_array_set_size (arena->blocks, 1);
  arena->at = g_ptr_array_index (arena->blocks, 0);
  arena->left = ARENA_BLOCK;
}

void
_tm_xml_arena_clear (TmXmlArena *arena)
{
  g_clear_pointer (&arena->blocks, g_ptr_array_unref);
  arena->at = NULL;
  arena->left = 0;
}

gpointer
_tm_xml_arena_alloc0 (TmXmlArena *arena,
                      gsize       size)
{
  gpointer p;

  size = (size + 15) & ~(gsize) 15;

  /* A large text gets a block of its own; the current block goes on. */
  if (size > ARENA_BLOCK / 4)
    {
      p = g_malloc0 (size);
      if (arena->blocks->len == 0)
        g_ptr_array_add (arena->blocks, g_malloc (ARENA_BLOCK));
      g_ptr_array_add (arena->blocks, p);
      if (arena->at == NULL)
        {
          arena->at = g_ptr_array_index (arena->blocks, 0);
          arena->left = ARENA_BLOCK;
        }
      return p;
    }

  if (size > arena->left)
    {
      char *block = g_malloc (ARENA_BLOCK);

      /* The first block is the one a reset keeps. */
      if (arena->blocks->len == 0)
        g_ptr_array_add (arena->blocks, block);
      else
        g_ptr_array_add (arena->blocks, block);
      arena->at = block;
      arena->left = ARENA_BLOCK;
    }

  p = arena->at;
  arena->at += size;
  arena->left -= size;
  memset (p, 0, size);
  return p;
}

char *
_tm_xml_arena_strndup (TmXmlArena *arena,
                       const char *text,
                       gsize       length)
{
  gsize size = (length + 1 + 15) & ~(gsize) 15;
  char *copy;

  /* Most copies are short: no zeroing, which _tm_xml_arena_alloc0() does. */
  if (size <= arena->left && size <= ARENA_BLOCK / 4)
    {
      copy = arena->at;
      arena->at += size;
      arena->left -= size;
    }
  else
    copy = _tm_xml_arena_alloc0 (arena, length + 1);
  memcpy (copy, text, length);
  copy[length] = '\0';
  return copy;
}

/* Messages */

/* @text cut to MAX_QUOTED_CHARS characters on one line, for a message. */
char *
_tm_xml_quote_value (const char *text)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == MAX_QUOTED_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_number_field (const char *field)
{
  static const char * const numbers[] = { "minutes", "occurrences", "share", "training-days", "fte",
                                          "hours-per-fte", "shift-hours", NULL };

  return g_strv_contains (numbers, field);
}

/* A value that does not exist for @field (an enumeration), in words. */
char *
_tm_xml_describe_unknown_value (const char *element,
                                const char *attribute,
                                const char *value)
{
  const char *field = attribute ? attribute : element;

  if (g_str_equal (field, "level"))
    return g_strdup_printf (_("“%s” is not a competence level."), value);
  if (g_str_equal (field, "complexity"))
    return g_strdup_printf (_("“%s” is not a patient complexity."), value);
  if (g_str_equal (field, "complexity-limit"))
    {
      if (g_str_equal (value, "varies"))
        /* Translators: “varies”, low, moderate and high are values as written in the
         * file: keep them in English */
        return g_strdup (_("A complexity limit cannot be “varies”: say up to which complexity (low, "
                           "moderate or high) the profession may do the task."));
      /* Translators: the words in parentheses are values as written in the file:
       * keep them in English */
      return g_strdup_printf (_("“%s” is not a complexity limit (low, moderate, high or not-assessed)."),
                              value);
    }
  if (g_str_equal (field, "setting"))
    return g_strdup_printf (_("“%s” is not a setting type."), value);
  if (g_str_equal (field, "language"))
    /* Translators: %s is a value; keep da, nb and en as they are */
    return g_strdup_printf (_("“%s” is not a language of Taskmap’s (da, nb or en)."), value);
  if (g_str_equal (field, "country"))
    /* Translators: dk and no are values as written in the file: keep them */
    return g_strdup_printf (_("“%s” is not a country Taskmap knows (dk or no)."), value);
  if (g_str_equal (field, "per"))
    /* Translators: do not translate “day” and “week”: they are written so in the file */
    return g_strdup_printf (_("“%s” is not a frequency: write “day” or “week”."), value);
  if (g_str_equal (field, "shifts"))
    return g_strdup_printf (_("“%s” is not a shift."), value);
  if (g_str_equal (field, "suitability"))
    return g_strdup_printf (_("“%s” is not a suitability of a profession for a task."), value);
  if (g_str_equal (field, "training"))
    return g_strdup_printf (_("“%s” is not a kind of training."), value);
  if (g_str_equal (field, "rationale"))
    return g_strdup_printf (_("“%s” is not a rationale for moving a task."), value);
  if (g_str_equal (field, "kind"))
    /* Translators: do not translate “profession”, “stop” and “technology”: they are written so in the file */
    return g_strdup_printf (_("“%s” is not a kind of move: write “profession”, “stop” or “technology”."),
                            value);

  /* Translators: the first %s is a value, the second the name of an element or attribute */
  return g_strdup_printf (_("“%s” is not one of the values “%s” can have."), value, field);
}

/* A value of the wrong form (a type or a pattern), in words. */
char *
_tm_xml_describe_bad_form (const char *element,
                           const char *attribute,
                           const char *value)
{
  const char *field = attribute ? attribute : element;
  static const char * const booleans[] = { "authorised", "unskilled", "hidden", "tested", NULL };

  if (g_strv_contains (booleans, field))
    /* Translators: the first %s is a value, the second the name of an attribute;
     * do not translate “true” and “false” */
    return g_strdup_printf (_("“%s” is not yes or no: “%s” must be “true” or “false”."), value, field);
  if (g_str_equal (element, "task") && g_strcmp0 (attribute, "id") == 0)
    return g_strdup_printf (_("“%s” is not a valid task id: a task id is a UUID such as "
                              "5f38708f-4425-4ede-a606-f12a05689a6e."), value);
  if (g_strcmp0 (attribute, "id") == 0 || g_strcmp0 (attribute, "profession") == 0 ||
      g_strcmp0 (attribute, "scenario") == 0)
    return g_strdup_printf (_("“%s” is not a valid id: an id has no spaces and at most 256 characters."),
                            value);
  if (is_number_field (field))
    return g_strdup_printf (_("“%s” is not a number (write decimals with a point, as in 2.5)."), value);
  if (g_str_equal (field, "version"))
    return g_strdup_printf (_("“%s” is not a format version."), value);

  /* Translators: the first %s is a value, the second the name of an element or attribute */
  return g_strdup_printf (_("“%s” is not a valid value for “%s”."), value, field);
}

/* A value outside its range, in words. */
char *
_tm_xml_describe_out_of_range (const char *element,
                               const char *attribute,
                               const char *value)
{
  const char *field = attribute ? attribute : element;
  double number;

  /* NaN and INF compare, but they are not numbers a person writes. */
  if (!_tm_xml_parse_number (value, &number))
    return _tm_xml_describe_bad_form (element, attribute, value);

  if (g_str_equal (field, "share") && g_str_equal (element, "move"))
    return g_strdup_printf (_("The share of a move must be more than 0 and at most 100 percent, not %s."),
                            value);
  if (g_str_equal (field, "share"))
    return g_strdup_printf (_("A share must be from 0 to 100 percent, not %s."), value);
  if (g_str_equal (field, "minutes"))
    return g_strdup_printf (_("The minutes per occurrence must be from 0 to %d, not %s."), 24 * 60, value);
  if (g_str_equal (field, "occurrences"))
    return g_strdup_printf (_("The number of occurrences must be from 0 to %d, not %s."), 100000, value);
  if (g_str_equal (field, "training-days"))
    return g_strdup_printf (_("The days of training must be from 0 to %d, not %s."), 5 * 365, value);
  /* The staffing's limits are the core's: one rule for the window, the CLI and files. */
  if (g_str_equal (field, "fte") || g_str_equal (field, "hours-per-fte") ||
      g_str_equal (field, "shift-hours"))
    {
      g_autoptr(GError) local = NULL;

      if (g_str_equal (field, "fte"))
        tm_staffing_check_fte (number, NULL, &local);
      else if (g_str_equal (field, "hours-per-fte"))
        tm_staffing_check_hours_per_fte (number, NULL, &local);
      else
        tm_staffing_check_shift_hours (number, &local);
      if (local != NULL)
        return g_strdup (local->message);
    }

  /* Translators: the first %s is a value, the second the name of an element or attribute */
  return g_strdup_printf (_("“%s” is out of the range “%s” allows."), value, field);
}

/* A text field in words, for "too long": by the element (or attribute)
 * and the element that holds it. NULL when there are no better words than
 * the element's name. */
static const char *
describe_field (const char *parent,
                const char *element,
                const char *attribute)
{
  static const struct {
    const char *parent;     /* NULL: any */
    const char *element;
    const char *attribute;  /* NULL: the element's text */
    const char *words;
  } fields[] = {
    { NULL, "task", "unit", N_("the unit of a task") },
    { "task", "description", NULL, N_("the description of a task") },
    { "task", "group", NULL, N_("the group of a task") },
    { "task", "notes", NULL, N_("the notes of a task") },
    { "unit", "name", NULL, N_("the unit’s name") },
    { "unit", "organisation", NULL, N_("the unit’s organisation") },
    { "unit", "notes", NULL, N_("the notes on the unit") },
    { "profession", "name", NULL, N_("the name of a profession") },
    { "profession", "name-en", NULL, N_("the English name of a profession") },
    { "scenario", "name", NULL, N_("the name of a scenario") },
    { "assessment", "training-content", NULL, N_("the training content of an assessment") },
    { "assessment", "purpose", NULL, N_("the purpose of an assessment") },
    { "assessment", "note", NULL, N_("the note on an assessment") },
    { NULL, "staffing", "unit", N_("the unit of a staffing") },
    { NULL, "status-change", "who", N_("who changed the status of a move") },
    { "review", NULL, NULL, N_("a text in the assessment of a move") },
    { "workshop", NULL, NULL, N_("a text of a workshop") },
    { NULL, "change", "who", N_("who made a change in the history") },
    { "change", NULL, NULL, N_("a change in the history") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if ((fields[i].parent == NULL || g_strcmp0 (fields[i].parent, parent) == 0) &&
        (fields[i].element == NULL || g_str_equal (fields[i].element, element)) &&
        g_strcmp0 (fields[i].attribute, attribute) == 0)
      return _(fields[i].words);
  return NULL;
}

/* "Too long": one rule, in characters, as the XSD's maxLength states it. */
char *
_tm_xml_describe_too_long (const char *parent,
                           const char *element,
                           const char *attribute,
                           long        max_chars)
{
  const char *words = describe_field (parent, element, attribute);

  if (g_str_equal (element, "title") && attribute == NULL && g_strcmp0 (parent, "task") == 0)
    return g_strdup_printf (_("A task's title is longer than %d characters."), 1000);
  if (words != NULL && max_chars > 0)
    /* Translators: the first %s is a text field in words, such as “the notes of a task”;
     * %ld is a number of characters */
    return g_strdup_printf (_("The text is too long for %s: it may hold at most %ld characters."),
                            words, max_chars);
  if (words != NULL)
    /* Translators: %s is a text field in words, such as “the notes of a task” */
    return g_strdup_printf (_("The text is too long for %s."), words);
  if (attribute != NULL)
    return g_strdup_printf (_("“%s” is too long."), attribute);
  /* Translators: %s is the name of an element, such as “notes” */
  return g_strdup_printf (_("The text in “%s” is too long."), element);
}

/* The walk */

struct _TmXmlWalk {
  TmXmlDocument *doc;
  GHashTable    *seen;            /* task ids, lower case (borrowed from the tasks) */
  GHashTable    *staffing_units;  /* owned */
};

static void
set_elem_error (GError          **error,
                TmXmlError        code,
                const char       *display_name,
                const TmXmlElem  *elem,
                const char       *message)
{
  g_set_error (error, TM_XML_ERROR, code, "%s:%ld:%u: %s",
               display_name, elem->line, elem->column, message);
}

/* A number the schema let through that is still not one: 1e-400, which a
 * double cannot hold. Said as the schema says 1e309. */
static void
set_number_error (GError          **error,
                  const char       *display_name,
                  const TmXmlElem  *elem,
                  TmXmlName         attribute,
                  const char       *value)
{
  g_autofree char *quoted = _tm_xml_quote_value (value);
  g_autofree char *msg = _tm_xml_describe_bad_form (_tm_xml_name_to_string (elem->name),
                                            _tm_xml_name_to_string (attribute), quoted);

  set_elem_error (error, TM_XML_ERROR_INVALID, display_name, elem, msg);
}

/* An optional number attribute: absent leaves @value as it is. */
static gboolean
read_number_attr (const TmXmlElem  *elem,
                  TmXmlName         attribute,
                  double           *value,
                  const char       *display_name,
                  GError          **error)
{
  const char *text = _tm_xml_elem_attr (elem, attribute);

  if (text == NULL || _tm_xml_parse_number (text, value))
    return TRUE;
  set_number_error (error, display_name, elem, attribute, text);
  return FALSE;
}

/* The store's own check of a text, at the element that holds it, in
 * words: for a text the XSD lets through and the store does not take.
 * From XML a text can only be refused for its length (the parser lets no
 * broken UTF-8 or control character through), so only a text of more
 * bytes than the XSD allows characters is checked again. */
static gboolean
check_text (const char       *text,
            gsize             length,
            const TmXmlElem  *elem,
            TmXmlName         parent,
            TmXmlName         attribute,
            const char       *display_name,
            GError          **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *msg = NULL;

  if (text == NULL || length <= TM_XML_MAX_TEXT_CHARS || _tm_text_check (text, "", &local))
    return TRUE;

  if (g_utf8_validate (text, -1, NULL))
    msg = _tm_xml_describe_too_long (_tm_xml_name_to_string (parent), _tm_xml_name_to_string (elem->name),
                                     attribute != TM_XML_NAME_NONE ? _tm_xml_name_to_string (attribute) : NULL,
                                     0);
  else
    msg = g_strdup (local->message);
  set_elem_error (error, TM_XML_ERROR_INVALID, display_name, elem, msg);
  return FALSE;
}

/* The same for the text of @elem. */
static gboolean
check_elem_text (const TmXmlElem  *elem,
                 TmXmlName         parent,
                 const char       *display_name,
                 GError          **error)
{
  return check_text (elem->text, elem->text_length, elem, parent, TM_XML_NAME_NONE, display_name, error);
}

static const char *
elem_text (const TmXmlElem *elem)
{
  return elem->text != NULL ? elem->text : "";
}

/* Empty texts are kept as NULL in a review. */
static char *
dup_text_or_null (const TmXmlElem *elem)
{
  const char *text = elem_text (elem);

  return *text != '\0' ? g_strdup (text) : NULL;
}

static gboolean
parse_bool_attr (const TmXmlElem *elem,
                 TmXmlName        name,
                 gboolean        *value)
{
  const char *text = _tm_xml_elem_attr (elem, name);

  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "true") || g_str_equal (text, "1"))
    *value = TRUE;
  else if (g_str_equal (text, "false") || g_str_equal (text, "0"))
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

TmXmlDocument *
_tm_xml_document_new (const char *display_name)
{
  TmXmlDocument *doc = g_new0 (TmXmlDocument, 1);

  doc->display_name = g_strdup (display_name);
  doc->professions = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_profession_state_free);
  doc->scenarios = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  doc->scenario_order = g_ptr_array_new_with_free_func (g_free);
  doc->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  doc->places = g_array_new (FALSE, FALSE, sizeof (TmXmlPlace));
  doc->workshops = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_workshop_data_free);
  doc->workshop_places = g_array_new (FALSE, FALSE, sizeof (TmXmlPlace));
  doc->history = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  doc->staffing = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_staffing_free);
  doc->staffing_places = g_array_new (FALSE, FALSE, sizeof (TmXmlPlace));
  return doc;
}

static gboolean
read_profession (TmXmlWalk        *walk,
                 const TmXmlElem  *node,
                 GError          **error)
{
  const char *display_name = walk->doc->display_name;
  const char *id = _tm_xml_elem_attr (node, TM_XML_NAME_ID);
  TmProfessionState *p;

  if (id == NULL || *id == '\0')
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, _("A profession has no id."));
      return FALSE;
    }

  p = g_new0 (TmProfessionState, 1);
  p->id = g_strdup (id);
  if (!parse_bool_attr (node, TM_XML_NAME_AUTHORISED, &p->authorised) ||
      !parse_bool_attr (node, TM_XML_NAME_UNSKILLED, &p->unskilled) ||
      !parse_bool_attr (node, TM_XML_NAME_HIDDEN, &p->hidden))
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A profession's yes/no value must be “true” or “false”."));
      _tm_profession_state_free (p);
      return FALSE;
    }

  for (const TmXmlElem *child = node->first; child; child = child->next)
    {
      if (!check_elem_text (child, TM_XML_NAME_PROFESSION, display_name, error))
        {
          _tm_profession_state_free (p);
          return FALSE;
        }
      if (child->name == TM_XML_NAME_NAME)
        {
          g_free (p->name);
          p->name = g_strdup (elem_text (child));
        }
      else if (child->name == TM_XML_NAME_NAME_EN)
        {
          g_free (p->name_en);
          p->name_en = g_strdup (elem_text (child));
        }
    }

  if (p->name == NULL || *p->name == '\0')
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, _("A profession has no name."));
      _tm_profession_state_free (p);
      return FALSE;
    }

  g_ptr_array_add (walk->doc->professions, p);
  return TRUE;
}

static gboolean
read_review (const TmXmlElem  *node,
             const char       *display_name,
             TmMoveReview     *r,
             GError          **error)
{
  const char *scenario = _tm_xml_elem_attr (node, TM_XML_NAME_SCENARIO);
  const char *risk = _tm_xml_elem_attr (node, TM_XML_NAME_RISK);
  const char *barriers = _tm_xml_elem_attr (node, TM_XML_NAME_BARRIERS);

  tm_move_review_init (r, scenario);
  if (scenario == NULL || *scenario == '\0' || (risk != NULL && !tm_risk_from_id (risk, &r->risk)))
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("The assessment of a move needs a scenario and a known risk."));
      return FALSE;
    }

  if (barriers != NULL)
    {
      g_auto(GStrv) ids = g_strsplit_set (barriers, " \t\r\n", -1);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          TmBarrier b;

          if (*ids[i] == '\0')
            continue;
          if (!tm_barrier_from_id (ids[i], &b))
            {
              g_autofree char *msg = g_strdup_printf (_("“%s” is not a barrier theme."), ids[i]);

              set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, msg);
              return FALSE;
            }
          r->barriers |= b;
        }
    }

  for (const TmXmlElem *child = node->first; child; child = child->next)
    {
      if (!check_elem_text (child, TM_XML_NAME_REVIEW, display_name, error))
        return FALSE;

      switch (child->name)
        {
        case TM_XML_NAME_CHECK:
          {
            const char *item = _tm_xml_elem_attr (child, TM_XML_NAME_ITEM);
            const char *state = _tm_xml_elem_attr (child, TM_XML_NAME_STATE);
            TmCheckItem i;
            TmCheckState st = TM_CHECK_NOT_CONSIDERED;

            if (!tm_check_item_from_id (item, &i) || (state != NULL && !tm_check_state_from_id (state, &st)))
              {
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                _("An item of the checklist is unknown or has an unknown answer."));
                return FALSE;
              }
            r->checks[i].state = st;
            g_free (r->checks[i].note);
            r->checks[i].note = dup_text_or_null (child);
          }
          break;

        case TM_XML_NAME_QUALITY:
          {
            const char *component = _tm_xml_elem_attr (child, TM_XML_NAME_COMPONENT);
            const char *rating = _tm_xml_elem_attr (child, TM_XML_NAME_RATING);
            TmQualityComponent c;
            TmRating rt = TM_RATING_UNKNOWN;

            if (!tm_quality_component_from_id (component, &c) ||
                (rating != NULL && !tm_rating_from_id (rating, &rt)))
              {
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                _("A quality component is unknown or has an unknown rating."));
                return FALSE;
              }
            r->quality[c].rating = rt;
            g_free (r->quality[c].note);
            r->quality[c].note = dup_text_or_null (child);
          }
          break;

        case TM_XML_NAME_STATUS_CHANGE:
          {
            const char *status = _tm_xml_elem_attr (child, TM_XML_NAME_STATUS);
            const char *when = _tm_xml_elem_attr (child, TM_XML_NAME_WHEN);
            const char *open = _tm_xml_elem_attr (child, TM_XML_NAME_OPEN);
            TmStatusChange c = { 0 };
            double n_open = 0;

            if (!tm_move_status_from_id (status, &c.status) || !parse_timestamp (when, &c.when) ||
                (open != NULL && (!_tm_xml_parse_number (open, &n_open) || n_open < 0 ||
                                  n_open > TM_N_CHECK_ITEMS || n_open != (guint) n_open)))
              {
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                _("A change of a move's status needs a known status and a valid time."));
                return FALSE;
              }
            c.who = g_strdup (_tm_xml_elem_attr (child, TM_XML_NAME_WHO));
            if (c.who != NULL &&
                !check_text (c.who, strlen (c.who), child, TM_XML_NAME_REVIEW, TM_XML_NAME_WHO,
                             display_name, error))
              {
                g_free (c.who);
                return FALSE;
              }
            c.n_open = (guint) n_open;
            c.note = dup_text_or_null (child);
            g_array_append_val (r->status_log, c);
          }
          break;

        default:
          {
            char **field = NULL;

            switch (child->name)
              {
              case TM_XML_NAME_BARRIER_NOTE:
                field = &r->barrier_note;
                break;
              case TM_XML_NAME_MITIGATION:
                field = &r->mitigation;
                break;
              case TM_XML_NAME_RESPONSIBLE:
                field = &r->responsible;
                break;
              case TM_XML_NAME_DELEGATION_INSTRUCTION:
                field = &r->delegation_ref;
                break;
              case TM_XML_NAME_QUALITY_STANDARDS:
                field = &r->quality_standards;
                break;
              case TM_XML_NAME_FOLLOW_UP:
                field = &r->follow_up;
                break;
              default:
                break;
              }

            if (field == NULL)
              {
                g_autofree char *msg =
                  g_strdup_printf (_("The element “%s” does not belong in the assessment of a move."),
                                   _tm_xml_name_to_string (child->name));
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
                return FALSE;
              }
            g_free (*field);
            *field = dup_text_or_null (child);
          }
          break;
        }
    }

  return TRUE;
}

static gboolean
read_task (TmXmlWalk        *walk,
           const TmXmlElem  *node,
           GError          **error)
{
  const char *display_name = walk->doc->display_name;
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) local_error = NULL;
  const char *id = _tm_xml_elem_attr (node, TM_XML_NAME_ID);
  const char *unit = _tm_xml_elem_attr (node, TM_XML_NAME_UNIT);
  const char *modified = _tm_xml_elem_attr (node, TM_XML_NAME_MODIFIED);
  gboolean have_title = FALSE;

  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A task has no valid id (a UUID)."));
      return FALSE;
    }
  /* Lower case, as the portfolio keeps ids. */
  data->uuid = g_ascii_strdown (id, -1);

  if (unit != NULL && *unit != '\0')
    data->unit = g_strdup (unit);

  if (modified != NULL && !parse_timestamp (modified, &data->modified))
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A task's time of last change is not a valid date and time."));
      return FALSE;
    }

  for (const TmXmlElem *child = node->first; child; child = child->next)
    {
      char **text_field = NULL;

      switch (child->name)
        {
        case TM_XML_NAME_TITLE:
          text_field = &data->title;
          have_title = TRUE;
          break;

        case TM_XML_NAME_DESCRIPTION:
          text_field = &data->description;
          break;

        case TM_XML_NAME_GROUP:
          text_field = &data->group;
          break;

        case TM_XML_NAME_NOTES:
          text_field = &data->notes;
          break;

        case TM_XML_NAME_LEVEL:
          if (!tm_level_from_id (elem_text (child), &data->level))
            {
              g_autofree char *msg =
                g_strdup_printf (_("“%s” is not a competence level."), elem_text (child));
              set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
              return FALSE;
            }
          break;

        case TM_XML_NAME_COMPLEXITY:
          if (!tm_complexity_from_id (elem_text (child), &data->complexity))
            {
              g_autofree char *msg =
                g_strdup_printf (_("“%s” is not a patient complexity."), elem_text (child));
              set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
              return FALSE;
            }
          break;

        case TM_XML_NAME_TIME:
          {
            const char *per = _tm_xml_elem_attr (child, TM_XML_NAME_PER);

            if (!read_number_attr (child, TM_XML_NAME_MINUTES, &data->minutes, display_name, error) ||
                !read_number_attr (child, TM_XML_NAME_OCCURRENCES, &data->occurrences, display_name, error))
              return FALSE;
            if (per != NULL && !tm_per_from_id (per, &data->per))
              {
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                _("The task's time is not a number, or its frequency is not “day” or “week”."));
                return FALSE;
              }
          }
          break;

        case TM_XML_NAME_SHIFTS:
          for (const char *p = elem_text (child); *p != '\0'; )
            {
              char word_id[64];
              gsize n = strcspn (p, " \t\r\n");
              TmShifts shift;

              if (n == 0)
                {
                  p++;
                  continue;
                }
              g_strlcpy (word_id, p, MIN (n + 1, sizeof word_id));
              if (n >= sizeof word_id || !tm_shift_from_id (word_id, &shift))
                {
                  g_autofree char *word = g_strndup (p, n);
                  g_autofree char *msg = g_strdup_printf (_("“%s” is not a shift."), word);

                  set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
                  return FALSE;
                }
              data->shifts |= shift;
              p += n;
            }
          break;

        case TM_XML_NAME_ASSESSMENT:
          {
            TmAssessment a;
            const char *profession = _tm_xml_elem_attr (child, TM_XML_NAME_PROFESSION);
            const char *suitability = _tm_xml_elem_attr (child, TM_XML_NAME_SUITABILITY);
            const char *limit = _tm_xml_elem_attr (child, TM_XML_NAME_COMPLEXITY_LIMIT);
            const char *training = _tm_xml_elem_attr (child, TM_XML_NAME_TRAINING);
            const char *rationale = _tm_xml_elem_attr (child, TM_XML_NAME_RATIONALE);
            gboolean ok;

            tm_assessment_init (&a, profession);
            if (!read_number_attr (child, TM_XML_NAME_SHARE, &a.share, display_name, error) ||
                !read_number_attr (child, TM_XML_NAME_TRAINING_DAYS, &a.training_days, display_name, error))
              {
                tm_assessment_clear (&a);
                return FALSE;
              }
            ok = profession != NULL && *profession != '\0' &&
                 (suitability == NULL || tm_suitability_from_id (suitability, &a.suitability)) &&
                 (limit == NULL || tm_complexity_from_id (limit, &a.complexity_limit)) &&
                 (training == NULL || tm_training_from_id (training, &a.training)) &&
                 (rationale == NULL || tm_rationale_from_id (rationale, &a.rationale)) &&
                 parse_bool_attr (child, TM_XML_NAME_TESTED, &a.documented_by_test);

            for (const TmXmlElem *part = child->first; ok && part; part = part->next)
              {
                char **field = part->name == TM_XML_NAME_TRAINING_CONTENT ? &a.training_content
                               : part->name == TM_XML_NAME_PURPOSE ? &a.purpose
                               : part->name == TM_XML_NAME_NOTE ? &a.note : NULL;

                if (field == NULL)
                  continue;
                if (!check_elem_text (part, TM_XML_NAME_ASSESSMENT, display_name, error))
                  {
                    tm_assessment_clear (&a);
                    return FALSE;
                  }
                g_free (*field);
                *field = g_strdup (elem_text (part));
              }

            if (!ok || tm_task_data_get_assessment (data, profession) != NULL)
              {
                tm_assessment_clear (&a);
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                _("An assessment has a value that does not exist, or its profession "
                                  "is assessed twice."));
                return FALSE;
              }
            /* Its profession is new to the task: taken as it is, not copied. */
            g_array_append_val (data->assessments, a);
          }
          break;

        case TM_XML_NAME_MOVE:
          {
            const char *scenario = _tm_xml_elem_attr (child, TM_XML_NAME_SCENARIO);
            const char *kind = _tm_xml_elem_attr (child, TM_XML_NAME_KIND);
            TmMove move = { NULL, TM_MOVE_TO_PROFESSION, NULL, 100 };

            if (!read_number_attr (child, TM_XML_NAME_SHARE, &move.share, display_name, error))
              return FALSE;
            if (scenario == NULL || *scenario == '\0' ||
                (kind != NULL && !tm_move_kind_from_id (kind, &move.kind)) ||
                tm_task_data_get_move (data, scenario) != NULL)
              {
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                _("A move needs a scenario, a kind and a share, once per scenario."));
                return FALSE;
              }
            move.scenario_id = g_strdup (scenario);
            move.profession_id = g_strdup (_tm_xml_elem_attr (child, TM_XML_NAME_PROFESSION));
            /* Its scenario is new to the task: taken as it is. */
            g_array_append_val (data->moves, move);
          }
          break;

        case TM_XML_NAME_REVIEW:
          {
            TmMoveReview review;

            if (!read_review (child, display_name, &review, error))
              {
                tm_move_review_clear (&review);
                return FALSE;
              }
            if (tm_task_data_get_review (data, review.scenario_id) != NULL)
              {
                tm_move_review_clear (&review);
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                _("A task has two assessments of its move in the same scenario."));
                return FALSE;
              }
            tm_task_data_set_review (data, &review);
            tm_move_review_clear (&review);
          }
          break;

        case TM_XML_NAME_PERFORMED_BY:
          {
            const char *profession = _tm_xml_elem_attr (child, TM_XML_NAME_PROFESSION);
            double share = 100;

            if (!read_number_attr (child, TM_XML_NAME_SHARE, &share, display_name, error))
              return FALSE;
            if (profession == NULL || *profession == '\0')
              {
                set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                _("A performer needs a profession and a share in percent."));
                return FALSE;
              }
            tm_task_data_set_performer (data, profession, share);
          }
          break;

        default:
          {
            g_autofree char *msg =
              g_strdup_printf (_("The element “%s” does not belong in a task."),
                               _tm_xml_name_to_string (child->name));
            set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
            return FALSE;
          }
        }

      if (text_field != NULL)
        {
          /* Too long for the store is said at the element, in words. */
          if (!check_elem_text (child, TM_XML_NAME_TASK, display_name, error))
            return FALSE;
          g_free (*text_field);
          *text_field = g_strdup (elem_text (child));
        }
    }

  if (!have_title)
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, _("A task has no title."));
      return FALSE;
    }

  if (!tm_task_data_validate (data, &local_error))
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, local_error->message);
      return FALSE;
    }

  /* The schema finds ids written twice alike; this, ids in upper and lower case.
   * (On a refusal the set keeps a freed id: the walk is given up.) */
  if (!g_hash_table_add (walk->seen, data->uuid))
    {
      /* Translators: the first %s is a task's title, the second its id */
      g_autofree char *msg = g_strdup_printf (_("The task “%s” (%s) appears twice in the file."),
                                              data->title, data->uuid);

      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, msg);
      return FALSE;
    }

  {
    TmXmlPlace place = { node->line, node->column };
    TmTaskData *task = g_steal_pointer (&data);

    g_ptr_array_add (walk->doc->tasks, task);
    g_array_append_val (walk->doc->places, place);
  }
  return TRUE;
}

static gboolean
read_workshop (TmXmlWalk        *walk,
               const TmXmlElem  *node,
               GError          **error)
{
  const char *display_name = walk->doc->display_name;
  g_autoptr(TmWorkshopData) w = tm_workshop_data_new ();
  g_autoptr(GError) local_error = NULL;
  const char *id = _tm_xml_elem_attr (node, TM_XML_NAME_ID);
  const char *date = _tm_xml_elem_attr (node, TM_XML_NAME_DATE);

  if (id == NULL || *id == '\0' || date == NULL)
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A workshop needs an id and a date."));
      return FALSE;
    }
  w->id = g_strdup (id);
  g_free (w->date);
  w->date = g_strdup (date);

  for (const TmXmlElem *child = node->first; child; child = child->next)
    {
      if (child->name == TM_XML_NAME_PARTICIPANTS)
        {
          const char *profession = _tm_xml_elem_attr (child, TM_XML_NAME_PROFESSION);
          const char *count = _tm_xml_elem_attr (child, TM_XML_NAME_COUNT);
          double n = 0;

          if (profession == NULL || *profession == '\0' || !_tm_xml_parse_number (count, &n) ||
              n < 1 || n > 100000 || n != (guint) n)
            {
              set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("Participants need a profession and a number from 1 to 100,000."));
              return FALSE;
            }
          tm_workshop_data_set_participants (w, profession, (guint) n);
        }
      else if (child->name == TM_XML_NAME_DECIDED)
        {
          const char *task = _tm_xml_elem_attr (child, TM_XML_NAME_TASK);
          const char *scenario = _tm_xml_elem_attr (child, TM_XML_NAME_SCENARIO);
          g_autofree char *lower = NULL;

          if (task == NULL || !g_uuid_string_is_valid (task) || scenario == NULL || *scenario == '\0')
            {
              set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("A decision of a workshop needs a task and a scenario."));
              return FALSE;
            }
          lower = g_ascii_strdown (task, -1);
          tm_workshop_data_link_move (w, lower, scenario, TRUE);
        }
      else
        {
          char **field = NULL;

          switch (child->name)
            {
            case TM_XML_NAME_TITLE:
              field = &w->title;
              break;
            case TM_XML_NAME_FACILITATOR:
              field = &w->facilitator;
              break;
            case TM_XML_NAME_NAMES:
              field = &w->names;
              break;
            case TM_XML_NAME_DECISIONS:
              field = &w->decisions;
              break;
            default:
              break;
            }
          if (field == NULL)
            {
              g_autofree char *msg =
                g_strdup_printf (_("The element “%s” does not belong in a workshop."),
                                 _tm_xml_name_to_string (child->name));
              set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
              return FALSE;
            }
          g_free (*field);
          *field = g_strdup (elem_text (child));
        }
    }

  if (!tm_workshop_data_validate (w, &local_error))
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, local_error->message);
      return FALSE;
    }

  {
    TmXmlPlace place = { node->line, node->column };

    g_ptr_array_add (walk->doc->workshops, g_steal_pointer (&w));
    g_array_append_val (walk->doc->workshop_places, place);
  }
  return TRUE;
}

static gboolean
read_change (TmXmlWalk        *walk,
             const TmXmlElem  *node,
             GError          **error)
{
  const char *when_text = _tm_xml_elem_attr (node, TM_XML_NAME_WHEN);
  const char *field = _tm_xml_elem_attr (node, TM_XML_NAME_FIELD);
  const char *task = _tm_xml_elem_attr (node, TM_XML_NAME_TASK);
  const char *title = NULL;
  const char *old_value = NULL;
  const char *new_value = NULL;
  g_autofree char *lower = NULL;
  gint64 when = 0;

  if (!parse_timestamp (when_text, &when) || field == NULL || *field == '\0' ||
      (task != NULL && !g_uuid_string_is_valid (task)))
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, walk->doc->display_name, node,
                      _("A change in the history needs a valid time and what changed."));
      return FALSE;
    }

  for (const TmXmlElem *child = node->first; child; child = child->next)
    {
      if (child->name == TM_XML_NAME_TASK_TITLE)
        title = elem_text (child);
      else if (child->name == TM_XML_NAME_OLD)
        old_value = elem_text (child);
      else if (child->name == TM_XML_NAME_NEW)
        new_value = elem_text (child);
    }

  if (task != NULL)
    lower = g_ascii_strdown (task, -1);

  g_ptr_array_add (walk->doc->history,
                   _tm_history_entry_new (when, _tm_xml_elem_attr (node, TM_XML_NAME_WHO), lower, title,
                                          _tm_xml_elem_attr (node, TM_XML_NAME_SCENARIO),
                                          _tm_xml_elem_attr (node, TM_XML_NAME_PROFESSION), field,
                                          old_value, new_value));
  return TRUE;
}

/* One "staffing" element: a unit's staffing. The schema has checked the
 * values' ranges; this checks what it cannot say. */
static gboolean
read_staffing (TmXmlWalk        *walk,
               const TmXmlElem  *node,
               GError          **error)
{
  const char *display_name = walk->doc->display_name;
  const char *shift = _tm_xml_elem_attr (node, TM_XML_NAME_SHIFT_HOURS);
  g_autoptr(TmStaffing) staffing = tm_staffing_new (_tm_xml_elem_attr (node, TM_XML_NAME_UNIT));

  if (!g_hash_table_add (walk->staffing_units, g_strdup (staffing->unit)))
    {
      g_autofree char *msg = NULL;

      if (*staffing->unit == '\0')
        msg = g_strdup (_("The unit’s staffing is given twice."));
      else
        /* Translators: %s is a unit's name */
        msg = g_strdup_printf (_("The staffing of the unit “%s” is given twice."), staffing->unit);
      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, msg);
      return FALSE;
    }

  if (shift != NULL && !_tm_xml_parse_number (shift, &staffing->shift_hours))
    {
      set_number_error (error, display_name, node, TM_XML_NAME_SHIFT_HOURS, shift);
      return FALSE;
    }

  for (const TmXmlElem *child = node->first; child; child = child->next)
    {
      const char *profession;
      const char *fte_text;
      const char *hours_text;
      double fte = -1, hours = -1;

      if (child->name != TM_XML_NAME_STAFF)
        continue;
      profession = _tm_xml_elem_attr (child, TM_XML_NAME_PROFESSION);
      fte_text = _tm_xml_elem_attr (child, TM_XML_NAME_FTE);
      hours_text = _tm_xml_elem_attr (child, TM_XML_NAME_HOURS_PER_FTE);
      if (!read_number_attr (child, TM_XML_NAME_FTE, &fte, display_name, error) ||
          !read_number_attr (child, TM_XML_NAME_HOURS_PER_FTE, &hours, display_name, error))
        return FALSE;
      if (profession == NULL || *profession == '\0' || tm_staffing_lookup (staffing, profession) != NULL)
        {
          g_autofree char *msg =
            profession == NULL || *profession == '\0'
              ? g_strdup (_("A staffing does not say which profession it is for."))
              /* Translators: %s is a profession's id */
              : g_strdup_printf (_("The staffing of “%s” is given twice."), profession);

          set_elem_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
          return FALSE;
        }
      /* An entry with neither value says nothing: nothing is known. */
      if (fte_text == NULL && hours_text == NULL)
        continue;
      tm_staffing_set (staffing, profession, fte, hours);
    }

  {
    g_autoptr(GError) local = NULL;

    if (!tm_staffing_validate (staffing, &local))
      {
        set_elem_error (error, TM_XML_ERROR_INVALID, display_name, node, local->message);
        return FALSE;
      }
  }

  if (!tm_staffing_is_empty (staffing))
    {
      TmXmlPlace place = { node->line, node->column };

      g_ptr_array_add (walk->doc->staffing, g_steal_pointer (&staffing));
      g_array_append_val (walk->doc->staffing_places, place);
    }
  return TRUE;
}

static gboolean
read_unit (TmXmlWalk        *walk,
           const TmXmlElem  *node,
           GError          **error)
{
  TmXmlDocument *doc = walk->doc;

  doc->have_unit = TRUE;
  for (const TmXmlElem *child = node->first; child; child = child->next)
    {
      if (!check_elem_text (child, TM_XML_NAME_UNIT, doc->display_name, error))
        return FALSE;

      switch (child->name)
        {
        case TM_XML_NAME_NAME:
          g_free (doc->unit_name);
          doc->unit_name = g_strdup (elem_text (child));
          break;
        case TM_XML_NAME_ORGANISATION:
          g_free (doc->organisation);
          doc->organisation = g_strdup (elem_text (child));
          break;
        case TM_XML_NAME_NOTES:
          g_free (doc->notes);
          doc->notes = g_strdup (elem_text (child));
          break;
        case TM_XML_NAME_LAST_COMMITTEE_MEETING:
          g_free (doc->last_meeting);
          doc->last_meeting = g_strdup (elem_text (child));
          if (!_tm_date_is_valid (doc->last_meeting))
            {
              g_autofree char *msg = g_strdup_printf (_("“%s” is not a date."), doc->last_meeting);

              set_elem_error (error, TM_XML_ERROR_INVALID, doc->display_name, child, msg);
              return FALSE;
            }
          break;
        case TM_XML_NAME_SETTING:
          if (!tm_setting_from_id (elem_text (child), &doc->setting))
            {
              g_autofree char *msg = g_strdup_printf (_("“%s” is not a setting type."), elem_text (child));

              set_elem_error (error, TM_XML_ERROR_INVALID, doc->display_name, child, msg);
              return FALSE;
            }
          doc->have_setting = TRUE;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

static gboolean
read_scenario (TmXmlWalk        *walk,
               const TmXmlElem  *node,
               GError          **error)
{
  const char *id = _tm_xml_elem_attr (node, TM_XML_NAME_ID);
  const char *name = NULL;

  for (const TmXmlElem *part = node->first; part; part = part->next)
    {
      if (!check_elem_text (part, TM_XML_NAME_SCENARIO, walk->doc->display_name, error))
        return FALSE;
      if (part->name == TM_XML_NAME_NAME)
        name = elem_text (part);
    }

  if (id == NULL || *id == '\0' || name == NULL || *name == '\0' ||
      g_hash_table_contains (walk->doc->scenarios, id))
    {
      set_elem_error (error, TM_XML_ERROR_INVALID, walk->doc->display_name, node,
                      _("A scenario needs a unique id and a name."));
      return FALSE;
    }
  g_ptr_array_add (walk->doc->scenario_order, g_strdup (id));
  g_hash_table_insert (walk->doc->scenarios, g_strdup (id), g_strdup (name));
  return TRUE;
}

TmXmlWalk *
_tm_xml_walk_new (const char       *display_name,
                  const TmXmlElem  *root,
                  GError          **error)
{
  g_autoptr(TmXmlWalk) walk = g_new0 (TmXmlWalk, 1);
  const char *language = _tm_xml_elem_attr (root, TM_XML_NAME_LANGUAGE);

  walk->doc = _tm_xml_document_new (display_name);
  walk->seen = g_hash_table_new (g_str_hash, g_str_equal);
  walk->staffing_units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (language != NULL && !tm_language_id_is_valid (language))
    {
      /* Translators: %s is a value; keep da, nb and en as they are */
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a language of Taskmap’s (da, nb or en)."),
                                              language);

      set_elem_error (error, TM_XML_ERROR_INVALID, display_name, root, msg);
      return NULL;
    }
  walk->doc->language = g_strdup (language);
  return g_steal_pointer (&walk);
}

gboolean
_tm_xml_walk_item (TmXmlWalk        *walk,
                   const TmXmlElem  *item,
                   GError          **error)
{
  switch (item->name)
    {
    case TM_XML_NAME_UNIT:
      return read_unit (walk, item, error);
    case TM_XML_NAME_PROFESSION:
      return read_profession (walk, item, error);
    case TM_XML_NAME_STAFFING:
      return read_staffing (walk, item, error);
    case TM_XML_NAME_SCENARIO:
      return read_scenario (walk, item, error);
    case TM_XML_NAME_TASK:
      return read_task (walk, item, error);
    case TM_XML_NAME_WORKSHOP:
      return read_workshop (walk, item, error);
    case TM_XML_NAME_CHANGE:
      return read_change (walk, item, error);
    default:
      return TRUE;
    }
}

TmXmlDocument *
_tm_xml_walk_finish (TmXmlWalk *walk)
{
  TmXmlDocument *doc = g_steal_pointer (&walk->doc);

  _tm_xml_walk_free (walk);
  return doc;
}

void
_tm_xml_walk_free (TmXmlWalk *walk)
{
  if (walk == NULL)
    return;
  g_clear_pointer (&walk->doc, _tm_xml_document_free);
  g_clear_pointer (&walk->seen, g_hash_table_unref);
  g_clear_pointer (&walk->staffing_units, g_hash_table_unref);
  g_free (walk);
}
