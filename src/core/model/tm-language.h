/* tm-language.h
 * Rendering in another language than the program's: exports follow the
 * portfolio's country (Denmark → Danish, Norway → Norwegian bokmål).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-types.h"

G_BEGIN_DECLS

/* "da" for Denmark, "nb" for Norway. */
const char *tm_country_get_language     (TmCountry   country);
/* TRUE for the languages Taskmap writes in: "da", "nb" and "en". */
gboolean    tm_language_id_is_valid     (const char *language);
/* The language texts are shown in now: the pushed one, else the first of the
 * user's languages that Taskmap speaks ("da", "nb"), else "en". */
const char *tm_language_get_current     (void);

/* Renders the core's texts in @lang (e.g. "da", "nb", "en") until the
 * matching tm_language_pop(), in the calling thread only: they are read from
 * Taskmap's own catalogues (the .mo files gettext would use) by Taskmap, so
 * the process's language — the window's — never changes, and a worker
 * thread can render a report while the window draws. Pushes nest; @lang
 * NULL or "" keeps the language of the push around it (but must still be
 * popped). Without any push, texts follow the session's gettext language. */
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

/* What the core's _(), C_() and g_dngettext() call (tm-i18n-private.h):
 * @msgid in the thread's pushed language, else the session's. For C_(),
 * @context_msgid is "context\004text" and @msgid_offset where the text starts. */
const char *tm_language_gettext         (const char *msgid) G_GNUC_FORMAT (1);
const char *tm_language_pgettext        (const char *context_msgid,
                                         gsize       msgid_offset) G_GNUC_FORMAT (1);
/* The same with the context apart (a context known only at run time). */
const char *tm_language_pgettext2       (const char *context,
                                         const char *msgid) G_GNUC_FORMAT (2);
const char *tm_language_ngettext        (const char *msgid,
                                         const char *msgid_plural,
                                         gulong      n) G_GNUC_FORMAT (1);

/* Formats @value with @decimals decimals and the decimal separator of the
 * pushed language (a comma for "da" and "nb"), or of the locale's LC_NUMERIC
 * when none is pushed. Free with g_free(). */
char       *tm_language_format_number   (double      value,
                                         int         decimals);

G_END_DECLS
