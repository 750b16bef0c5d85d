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
#include <glib/gi18n-lib.h>

#include "tm-language.h"

/* glibc's (and GNU gettext's) counter of loaded catalogues: bumping it makes
 * gettext drop the translations it cached for the old LANGUAGE. */
extern int _nl_msg_cat_cntr;

typedef struct {
  char     *lang;            /* NULL: this push kept the language */
  gboolean  had_language;
  char     *old_language;
  char     *old_lc_messages; /* NULL: LC_MESSAGES was not changed */
} Frame;

static GArray *stack;        /* of Frame */

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

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || strcmp (name, "C") == 0 || strcmp (name, "POSIX") == 0;
}

void
tm_language_push (const char *lang)
{
  Frame frame = { 0 };

  if (stack == NULL)
    stack = g_array_new (FALSE, TRUE, sizeof (Frame));

  if (lang != NULL && *lang != '\0')
    {
      const char *old = g_getenv ("LANGUAGE");
      const char *messages = setlocale (LC_MESSAGES, NULL);

      frame.lang = g_strdup (lang);
      frame.had_language = old != NULL;
      frame.old_language = g_strdup (old);

      /* gettext ignores LANGUAGE when the message locale is "C". */
      if (is_c_locale (messages) && strcmp (lang, "C") != 0)
        {
          g_autofree char *saved = g_strdup (messages ? messages : "C");

          if (setlocale (LC_MESSAGES, "C.UTF-8") != NULL)
            frame.old_lc_messages = g_steal_pointer (&saved);
        }

      /* libc rather than g_setenv(), which logs a warning about threads
       * on every call: this is on the main thread, around a rendering. */
      setenv ("LANGUAGE", lang, 1);
      ++_nl_msg_cat_cntr;
    }

  g_array_append_val (stack, frame);
}

void
tm_language_pop (void)
{
  Frame *frame;

  g_return_if_fail (stack != NULL && stack->len > 0);

  frame = &g_array_index (stack, Frame, stack->len - 1);

  if (frame->lang != NULL)
    {
      if (frame->had_language)
        setenv ("LANGUAGE", frame->old_language, 1);
      else
        unsetenv ("LANGUAGE");

      if (frame->old_lc_messages != NULL)
        setlocale (LC_MESSAGES, frame->old_lc_messages);

      ++_nl_msg_cat_cntr;
    }

  g_free (frame->lang);
  g_free (frame->old_language);
  g_free (frame->old_lc_messages);
  g_array_set_size (stack, stack->len - 1);
}

const char *
tm_language_get_pushed (void)
{
  if (stack == NULL || stack->len == 0)
    return NULL;

  return g_array_index (stack, Frame, stack->len - 1).lang;
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
