/* tm-gui-util.h
 * What the window's views and panes share: numbers and text in their fields,
 * the scenario a view shows, the drawing style from the widget's font and
 * presentation mode, and changing a move's status with the confirmation an
 * approval with open checklist items needs.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "render/tm-draw.h"
#include "store/tm-portfolio.h"

G_BEGIN_DECLS

/* Follows "notify" of every item of @model (NULL: none) with @callback,
 * swapped to @data, keeping a reference to each item in @watched (a
 * GPtrArray that unrefs its items); first lets go of what @watched held. The
 * views follow the professions this way: a new name redraws them. */
void       tm_gui_watch_items        (GPtrArray    *watched,
                                      GListModel   *model,
                                      GCallback     callback,
                                      gpointer      data);
/* Lets go of what tm_gui_watch_items() followed. */
void       tm_gui_unwatch_items      (GPtrArray    *watched,
                                      GCallback     callback,
                                      gpointer      data);

/* The settings of @window's application (a new reference), through its
 * "settings" property; NULL without an application or without the schema. */
GSettings *tm_gui_dup_app_settings   (GtkWindow    *window);

/* Fields ---------------------------------------------------------------- */

/* A number typed by the user, as tm_language_parse_number() reads it (a
 * decimal comma or point), not negative; empty gives -1 (TM_NOT_ESTIMATED,
 * "not given"). FALSE for anything else. */
gboolean    tm_gui_parse_number      (const char   *text,
                                      double       *value);
/* Whether two such numbers are the same: both not given, or within 1e-9. */
gboolean    tm_gui_same_number       (double        a,
                                      double        b);
/* The text a field shows for a number: "" when not given, else in the
 * user's locale (a Danish user sees a decimal comma). */
char       *tm_gui_format_number     (double        value);
/* Marks @entry as holding a value that was not stored (@message, shown as
 * its tooltip and to assistive technology), or not (NULL). */
void        tm_gui_set_entry_error   (GtkEntry     *entry,
                                      const char   *message);
/* Marks @widget as invalid, in red and to assistive technology, or not;
 * the message is the caller's to show. */
void        tm_gui_set_invalid       (GtkWidget    *widget,
                                      gboolean      invalid);
/* The text of a GtkTextView or of an editable (a new string). */
char       *tm_gui_dup_widget_text   (GtkWidget    *widget);
/* Shows @text (NULL: empty) in a GtkTextView or an editable, only when it
 * differs, so that the cursor of a field being typed in stays put. TRUE when
 * the text was replaced. */
gboolean    tm_gui_show_widget_text  (GtkWidget    *widget,
                                      const char   *text);
/* Adds the "error" signal of the panes that store typed text (one
 * translated message: an edit could not be stored) to @type. */
guint       tm_gui_new_error_signal  (GType         type);

/* Scrolls @view (NULL: nothing) to show row @position. GTK 4.8 has no
 * gtk_column_view_scroll_to(): the column view's inner list view has the
 * "list.scroll-to-item" action. */
void        tm_gui_scroll_column_view (GtkColumnView *view,
                                       guint          position);
/* The position of @item in @model, or GTK_INVALID_LIST_POSITION. */
guint       tm_gui_find_item         (GListModel   *model,
                                      gpointer      item);

/* The name of @file as the user sees it: its last part, in UTF-8. */
char       *tm_gui_file_display_name (GFile        *file);

/* A new dialog of @type (a GtkWindow): modal over @parent, closed with it,
 * and in @parent's application (so its actions and shortcuts work). */
gpointer    tm_gui_new_dialog        (GType         type,
                                      GtkWindow    *parent);

/* The scenario a view of @portfolio shows: @scenario_id if the portfolio
 * still has it, else its first scenario (NULL: none, or no portfolio). The
 * portfolio keeps its scenarios, so the id outlives the call. */
const char *tm_gui_shown_scenario_id (TmPortfolio  *portfolio,
                                      const char   *scenario_id);
/* A cairo context on all of @width × @height of @snapshot, painted in
 * @style's background: where a view draws what the core lays out. */
cairo_t   *tm_gui_snapshot_cairo     (GtkSnapshot       *snapshot,
                                      int                width,
                                      int                height,
                                      const TmDrawStyle *style);
/* Paints @cr in @style's background. */
void       tm_gui_fill_background    (cairo_t           *cr,
                                      const TmDrawStyle *style);
/* The first button or menu button under @root (itself included) showing
 * the icon @icon_name, or NULL. */
GtkWidget *tm_gui_find_icon_button   (GtkWidget   *root,
                                      const char  *icon_name);
/* Names the close button GTK 4.8 puts in @bar (show-close-button): an
 * icon with no name for a screen reader. */
void       tm_gui_name_info_bar_close (GtkInfoBar  *bar);
/* The scale of @widget's font for the core's drawing: its body text is
 * 10 pt at 1.0. */
double     tm_gui_get_text_scale     (GtkWidget    *widget);
/* The core's drawing style for @widget: its text scale, high contrast in presentation mode
 * (the window has the "presentation" style class). */
void       tm_gui_get_draw_style     (GtkWidget    *widget,
                                      TmDrawStyle  *style);

/* Called when a status change is done: @changed TRUE when stored; FALSE with
 * @error (nullable: cancelled) when not. */
typedef void (*TmStatusChangedFunc) (gboolean      changed,
                                     const GError *error,
                                     gpointer      user_data);

/* Changes the status of @task's move in @scenario_id (undoable). An approval
 * while checklist items are not yet considered asks first, in a dialog over
 * @widget's window; then @done runs once answered. Returns that dialog
 * (owned by GTK; it closes itself), or NULL when nothing is asked. */
GtkWidget *tm_gui_change_move_status (GtkWidget           *widget,
                                      TmPortfolio         *portfolio,
                                      TmTask              *task,
                                      const char          *scenario_id,
                                      TmMoveStatus         status,
                                      const char          *note,
                                      TmStatusChangedFunc  done,
                                      gpointer             user_data);

/* A widget of a pane or editor by name, for tests: @fields name the
 * members of @owner's struct that hold them. */
typedef struct {
  const char *name;
  gsize       offset;
} TmGuiField;

GtkWidget *tm_gui_find_field (gpointer          owner,
                              const TmGuiField *fields,
                              gsize             n_fields,
                              const char       *name);

G_END_DECLS
