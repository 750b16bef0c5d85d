/* tm-i18n-private.h
 * The core's translation macros: texts in the language the thread pushed
 * (tm_language_push()), never by switching the process's language.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#ifndef __G_I18N_H__
#include <glib/gi18n-lib.h>
#endif

#include "model/tm-language.h"

/* The same names as GLib's, so xgettext finds the texts as before. */
#undef _
#define _(String) ((char *) tm_language_gettext (String))
#undef C_
#undef Q_
#define C_(Context, String) ((char *) tm_language_pgettext (Context "\004" String, sizeof (Context)))
#define g_dngettext(Domain, Msgid, Plural, N) ((char *) tm_language_ngettext ((Msgid), (Plural), (N)))
#define g_dgettext(Domain, Msgid) ((char *) tm_language_gettext (Msgid))
#define g_dpgettext2(Domain, Context, Msgid) ((char *) tm_language_pgettext2 ((Context), (Msgid)))
