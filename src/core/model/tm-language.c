/* tm-language.c
 * Temporarily switching gettext's language, and numbers in that language.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-language"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "model/tm-language.h"

/* Each thread renders in the language it pushed, read from Taskmap's own
 * catalogues by Taskmap itself: the process's gettext language (the
 * window's) is never switched, so a report can render in a worker thread
 * while the window draws in the session's language. */
typedef struct _Catalog Catalog;

typedef struct {
  char    *lang;      /* NULL: this push kept the language */
  Catalog *catalog;   /* NULL: untranslated (English), or the session's gettext */
} Frame;

static GPrivate stack_key = G_PRIVATE_INIT ((GDestroyNotify) g_array_unref);

static GArray *
get_stack (void)
{
  GArray *stack = g_private_get (&stack_key);

  if (stack == NULL)
    {
      stack = g_array_new (FALSE, TRUE, sizeof (Frame));
      g_private_set (&stack_key, stack);
    }
  return stack;
}

/* A GNU MO catalogue, read once and kept for the life of the process. */
struct _Catalog {
  GBytes     *bytes;
  GHashTable *strings;   /* original (its first string, with any context) → translation (borrowed) */
};

static GMutex catalogs_lock;
static GHashTable *catalogs;   /* language → Catalog *, or a placeholder for none */
static Catalog no_catalog;

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Parses @bytes as an MO file; NULL when it is not one. */
static Catalog *
catalog_new (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gboolean swapped;
  guint32 n, originals, translations;
  Catalog *catalog;

  if (size < 28)
    return NULL;
  if (read_u32 (data, 0, FALSE) == 0x950412de)
    swapped = FALSE;
  else if (read_u32 (data, 0, TRUE) == 0x950412de)
    swapped = TRUE;
  else
    return NULL;

  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if (n > size / 16 || originals > size - (gsize) n * 8 || translations > size - (gsize) n * 8)
    return NULL;

  catalog = g_new0 (Catalog, 1);
  catalog->bytes = g_bytes_ref (bytes);
  catalog->strings = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint32 i = 0; i < n; i++)
    {
      guint32 o_len = read_u32 (data, originals + i * 8, swapped);
      guint32 o_off = read_u32 (data, originals + i * 8 + 4, swapped);
      guint32 t_len = read_u32 (data, translations + i * 8, swapped);
      guint32 t_off = read_u32 (data, translations + i * 8 + 4, swapped);

      /* Every string ends in a NUL inside the file. */
      if (o_off >= size || o_len >= size - o_off || data[o_off + o_len] != '\0' ||
          t_off >= size || t_len >= size - t_off || data[t_off + t_len] != '\0')
        continue;
      if (o_len == 0)
        continue;   /* the header */
      g_hash_table_insert (catalog->strings, (gpointer) (data + o_off), (gpointer) (data + t_off));
    }

  return catalog;
}

/* The catalogue of @lang, loaded at its first use; NULL for none. */
static Catalog *
get_catalog (const char *lang)
{
  Catalog *catalog;

  g_mutex_lock (&catalogs_lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catalog = g_hash_table_lookup (catalogs, lang);
  if (catalog == NULL)
    {
      const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
      g_autofree char *path = g_build_filename (dir != NULL ? dir : LOCALEDIR, lang, "LC_MESSAGES",
                                                GETTEXT_PACKAGE ".mo", NULL);
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);

      if (mapped != NULL)
        {
          g_autoptr(GBytes) bytes = g_mapped_file_get_bytes (mapped);

          catalog = catalog_new (bytes);
        }
      if (catalog == NULL)
        {
          g_debug ("No catalogue for “%s” at %s", lang, path);
          catalog = &no_catalog;
        }
      g_hash_table_insert (catalogs, g_strdup (lang), catalog);
    }
  g_mutex_unlock (&catalogs_lock);

  return catalog != &no_catalog ? catalog : NULL;
}

/* The language a push means: "da", "nb", "en" (Taskmap's), else as given. */
static const char *
normalize_language (const char *lang)
{
  if (g_str_has_prefix (lang, "da"))
    return "da";
  if (g_str_has_prefix (lang, "nb") || g_str_has_prefix (lang, "no") || g_str_has_prefix (lang, "nn"))
    return "nb";
  if (g_str_has_prefix (lang, "en") || g_str_equal (lang, "C") || g_str_has_prefix (lang, "C.") ||
      g_str_equal (lang, "POSIX"))
    return "en";
  return lang;
}

static const Frame *
top_frame (void)
{
  GArray *stack = g_private_get (&stack_key);

  /* The innermost push that chose a language. */
  for (guint i = stack != NULL ? stack->len : 0; i > 0; i--)
    {
      const Frame *frame = &g_array_index (stack, Frame, i - 1);

      if (frame->lang != NULL)
        return frame;
    }
  return NULL;
}

const char *
tm_language_gettext (const char *msgid)
{
  const Frame *frame = top_frame ();
  const char *translation;

  if (frame == NULL)
    return dgettext (GETTEXT_PACKAGE, msgid);
  if (frame->catalog == NULL)
    return msgid;
  translation = g_hash_table_lookup (frame->catalog->strings, msgid);
  return translation != NULL && *translation != '\0' ? translation : msgid;
}

const char *
tm_language_pgettext (const char *context_msgid,
                      gsize       msgid_offset)
{
  const char *translation;
  const Frame *frame = top_frame ();

  if (frame == NULL)
    translation = dgettext (GETTEXT_PACKAGE, context_msgid);
  else if (frame->catalog == NULL)
    translation = context_msgid;
  else
    {
      translation = g_hash_table_lookup (frame->catalog->strings, context_msgid);
      if (translation == NULL || *translation == '\0')
        translation = context_msgid;
    }

  /* Untranslated: the text without its context. */
  return translation == context_msgid ? context_msgid + msgid_offset : translation;
}

const char *
tm_language_pgettext2 (const char *context,
                       const char *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *translation = tm_language_pgettext (key, strlen (context) + 1);

  /* Untranslated: @msgid itself (the key goes away). */
  return translation >= key && translation < key + strlen (key) + 1 ? msgid : translation;
}

const char *
tm_language_ngettext (const char *msgid,
                      const char *msgid_plural,
                      gulong      n)
{
  const Frame *frame = top_frame ();
  const char *translation;

  if (frame == NULL)
    return dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  if (frame->catalog != NULL &&
      (translation = g_hash_table_lookup (frame->catalog->strings, msgid)) != NULL &&
      *translation != '\0')
    {
      /* Danish, Norwegian and English: one form for 1, another for the rest. */
      if (n != 1)
        {
          const char *second = translation + strlen (translation) + 1;
          gsize size;
          const guint8 *data = g_bytes_get_data (frame->catalog->bytes, &size);

          /* The plural form lies within the file, or there is none. */
          if ((const guint8 *) second < data + size && *second != '\0')
            return second;
          return msgid_plural;
        }
      return translation;
    }
  return n == 1 ? msgid : msgid_plural;
}

const char *
tm_country_get_language (TmCountry country)
{
  switch (country)
    {
    case TM_COUNTRY_DK: return "da";
    case TM_COUNTRY_NO: return "nb";
    case TM_N_COUNTRIES:
    default:
      g_return_val_if_reached ("en");
    }
}

gboolean
tm_language_id_is_valid (const char *language)
{
  return g_strcmp0 (language, "da") == 0 || g_strcmp0 (language, "nb") == 0 ||
         g_strcmp0 (language, "en") == 0;
}

const char *
tm_language_get_current (void)
{
  const char *pushed = tm_language_get_pushed ();
  const char * const *names;

  if (pushed != NULL)
    return g_str_has_prefix (pushed, "da") ? "da" :
           (g_str_has_prefix (pushed, "nb") || g_str_has_prefix (pushed, "no") ||
            g_str_has_prefix (pushed, "nn")) ? "nb" : "en";

  /* The first of the user's languages that Taskmap speaks; English is the
   * untranslated one, and "C" means untranslated too. */
  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "da"))
        return "da";
      if (g_str_has_prefix (names[i], "nb") || g_str_has_prefix (names[i], "no") ||
          g_str_has_prefix (names[i], "nn"))
        return "nb";
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C") ||
          g_str_has_prefix (names[i], "C.") || g_str_equal (names[i], "POSIX"))
        return "en";
    }
  return "en";
}

void
tm_language_push (const char *lang)
{
  Frame frame = { 0 };

  if (lang != NULL && *lang != '\0')
    {
      const char *normalized = normalize_language (lang);

      frame.lang = g_strdup (normalized);
      frame.catalog = g_str_equal (normalized, "en") ? NULL : get_catalog (normalized);
    }

  g_array_append_val (get_stack (), frame);
}

void
tm_language_pop (void)
{
  GArray *stack = g_private_get (&stack_key);

  g_return_if_fail (stack != NULL && stack->len > 0);

  g_free (g_array_index (stack, Frame, stack->len - 1).lang);
  g_array_set_size (stack, stack->len - 1);
}

const char *
tm_language_get_pushed (void)
{
  const Frame *frame = top_frame ();
  GArray *stack = g_private_get (&stack_key);

  /* An innermost push that kept the language is "none pushed" there. */
  if (stack == NULL || stack->len == 0 || g_array_index (stack, Frame, stack->len - 1).lang == NULL)
    return NULL;
  return frame != NULL ? frame->lang : NULL;
}

static gboolean
language_uses_comma (const char *lang)
{
  static const char * const comma[] = {
    "da", "nb", "nn", "no", "sv", "de", "fr", "fi", "nl", "es", "it", "pt", "pl", "is",
  };

  for (guint i = 0; i < G_N_ELEMENTS (comma); i++)
    {
      gsize n = strlen (comma[i]);

      if (strncmp (lang, comma[i], n) == 0 && (lang[n] == '\0' || lang[n] == '_' || lang[n] == ':'))
        return TRUE;
    }
  return FALSE;
}

gboolean
tm_language_parse_number (const char *text,
                          double     *value)
{
  g_autofree char *copy = NULL;
  char *comma;
  char *end = NULL;
  double v;

  g_return_val_if_fail (value != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  comma = strchr (copy, ',');
  if (comma != NULL && strchr (comma + 1, ',') == NULL && strchr (copy, '.') == NULL)
    *comma = '.';
  if (*copy == '\0')
    return FALSE;
  v = g_ascii_strtod (copy, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

char *
tm_language_format_number (double value,
                           int    decimals)
{
  const char *lang = tm_language_get_pushed ();
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *s;

  decimals = CLAMP (decimals, 0, 9);

  /* Avoid "-0.0". */
  if (value < 0 && value > -0.5 * pow (10, -decimals))
    value = 0;

  if (lang == NULL)
    return g_strdup_printf ("%.*f", decimals, value);

  {
    char format[8];

    g_snprintf (format, sizeof format, "%%.%df", decimals);
    g_ascii_formatd (buffer, sizeof buffer, format, value);
  }

  s = g_strdup (buffer);
  if (language_uses_comma (lang))
    {
      char *dot = strchr (s, '.');

      if (dot != NULL)
        *dot = ',';
    }
  return s;
}
