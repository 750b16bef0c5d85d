/* tm-core.c
 * Library initialisation.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tm-core.h"
#include "tm-language.h"

void
tm_core_init (const char *localedir)
{
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* GLib decides once per process, at its first g_dgettext(), whether to
   * translate at all: not when the session's locale has no catalogue of the
   * text domain (C.UTF-8, sv_SE …). A portfolio's exports and reports are in
   * its own language whatever the session's, so that first look-up is made
   * here with a language that has one. */
  tm_language_push ("da");
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  tm_language_pop ();
}
