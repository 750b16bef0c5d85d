/* tm-core.c
 * Library initialisation.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-core"

#include "config.h"

#include "model/tm-i18n-private.h"

#include "tm-core.h"

void
tm_core_init (const char *localedir)
{
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}
