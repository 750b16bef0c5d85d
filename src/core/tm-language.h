/* tm-language.h
 * Rendering in another language than the program's: exports follow the
 * portfolio's country (Denmark → Danish, Norway → Norwegian bokmål).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tm-types.h"

G_BEGIN_DECLS

/* "da" for Denmark, "nb" for Norway. */
const char *tm_country_get_language     (TmCountry   country);
/* TRUE for the languages Taskmap writes in: "da", "nb" and "en". */
gboolean    tm_language_id_is_valid     (const char *language);
/* The language texts are shown in now: the pushed one, else the first of the
 * user's languages that Taskmap speaks ("da", "nb"), else "en". */
const char *tm_language_get_current     (void);

/* Switches gettext's language to @lang (e.g. "da", "nb", "en") until the
 * matching tm_language_pop(): sets LANGUAGE (and, when the message locale is
 * "C", LC_MESSAGES to C.UTF-8, since gettext ignores LANGUAGE in "C") and
 * makes glibc drop the translations it has cached. Pushes nest; pop restores
 * the environment and locale exactly as they were. @lang NULL or "" keeps the
 * current language (but must still be popped). Process-wide and not
 * thread-safe: use it on the main thread around a rendering. */
void        tm_language_push            (const char *lang);
void        tm_language_pop             (void);
/* The innermost pushed language, or NULL when none is pushed (or the
 * innermost push kept the current language). */
const char *tm_language_get_pushed      (void);

/* Reads a number as people type it: "28", "28.5" or "28,5" (a single comma
 * is a decimal comma), with spaces around. FALSE for anything else, and for
 * an empty text. */
gboolean    tm_language_parse_number    (const char *text,
                                         double     *value);

/* Formats @value with @decimals decimals and the decimal separator of the
 * pushed language (a comma for "da" and "nb"), or of the locale's LC_NUMERIC
 * when none is pushed. Free with g_free(). */
char       *tm_language_format_number   (double      value,
                                         int         decimals);

G_END_DECLS
