/* main.c
 * The entry point of the Taskmap application.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "taskmap"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "tm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TmApplication) app = NULL;
  const char *localedir = g_getenv ("TASKMAP_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  tm_core_init (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Taskmap"));

  app = tm_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
