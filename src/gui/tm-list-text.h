/* tm-list-text.h
 * The text of a cell of the task list: one line, cut short with "…".
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TM_TYPE_LIST_TEXT (tm_list_text_get_type ())
G_DECLARE_FINAL_TYPE (TmListText, tm_list_text, TM, LIST_TEXT, GtkWidget)

GtkWidget  *tm_list_text_new        (void);
const char *tm_list_text_get_text   (TmListText *self);
void        tm_list_text_set_text   (TmListText *self,
                                     const char *text);
/* 0.0: at the start, 1.0: at the end (figures). */
void        tm_list_text_set_xalign (TmListText *self,
                                     float       xalign);
/* Whether the text is wider than the room the cell has. */
gboolean    tm_list_text_is_cut     (TmListText *self);
/* For "query-tooltip": the whole text when it is cut short. Returns
 * whether a tooltip is shown. */
gboolean    tm_list_text_query_cut_tooltip (TmListText *self,
                                            GtkTooltip *tooltip);

G_END_DECLS
