/* tm-application.h
 * The Taskmap application: command line, app-wide actions, settings, opening files.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "tm-core.h"

G_BEGIN_DECLS

#define TM_TYPE_APPLICATION (tm_application_get_type ())
G_DECLARE_FINAL_TYPE (TmApplication, tm_application, TM, APPLICATION, GtkApplication)

TmApplication *tm_application_new             (void);
/* NULL when the org.taskmap.Taskmap schema is not installed. */
GSettings     *tm_application_get_settings    (TmApplication *self);
/* Opens @file in a window (presenting the window that already shows it). On
 * failure shows the error in a dialog over @parent and changes nothing.
 * @parent: (nullable): the window the request came from. */
gboolean       tm_application_open_file       (TmApplication *self,
                                               GFile         *file,
                                               GtkWindow     *parent);
/* Records @file as the most recent portfolio (and as the last one). */
void           tm_application_add_recent      (TmApplication *self,
                                               GFile         *file);
/* The country of the UI language: Norway for nb/nn/no, else Denmark. */
TmCountry      tm_application_get_ui_country  (void);
/* $XDG_DATA_HOME/taskmap/examples/example-<dk|no>.taskmap */
GFile         *tm_application_dup_example_file (const char *language);

G_END_DECLS
