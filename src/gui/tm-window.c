/* tm-window.c
 * The main window: the welcome page, or a portfolio's task list, filters,
 * task editor and summary. The object, its notifications and its state.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "taskmap-resources.h"
#include "dialogs/tm-professions-dialog.h"
#include "tm-scenario-bar.h"
#include "views/tm-matrix-view.h"
#include "tm-assessment-pane.h"
#include "views/tm-chart-view.h"
#include "tm-scenario-summary.h"
#include "render/tm-draw.h"
#include "exchange/tm-csv.h"
#include "exchange/tm-xml.h"
#include "exchange/tm-xlsx.h"
#include "exchange/tm-merge.h"
#include "dialogs/tm-import-dialog.h"
#include "dialogs/tm-merge-dialog.h"
#include "render/tm-report.h"
#include "dialogs/tm-workshops-dialog.h"
#include "dialogs/tm-history-dialog.h"

#include "dialogs/tm-unit-dialog.h"
#include "tm-cell-editor.h"
#include "tm-column-sorter.h"
#include "store/tm-task-view.h"
#include "views/tm-move-board.h"
#include "dialogs/tm-move-dialog.h"
#include "dialogs/tm-report-dialog.h"
#include "tm-gui-util.h"
#include "tm-window-private.h"

G_DEFINE_FINAL_TYPE (TmWindow, tm_window, GTK_TYPE_APPLICATION_WINDOW)

/* Notifications and errors */

void
_tm_window_hide_toast (TmWindow *self)
{
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
}

static gboolean
toast_timeout_cb (gpointer user_data)
{
  TmWindow *self = user_data;

  self->toast_timeout_id = 0;
  _tm_window_hide_toast (self);

  return G_SOURCE_REMOVE;
}

/* @open_uri (nullable): the notification offers to open it. @timeout: it goes by itself. */
void
_tm_window_show_toast_full (TmWindow   *self,
                            const char *text,
                            gboolean    with_undo,
                            const char *open_uri,
                            gboolean    timeout)
{
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);

  gtk_label_set_text (self->toast_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->toast_undo_button), with_undo);
  g_free (self->toast_uri);
  self->toast_uri = g_strdup (open_uri);
  gtk_widget_set_visible (GTK_WIDGET (self->toast_open_button), open_uri != NULL);
  gtk_revealer_set_reveal_child (self->toast_revealer, TRUE);

  if (timeout)
    self->toast_timeout_id = g_timeout_add_seconds (TOAST_TIMEOUT_SECONDS, toast_timeout_cb, self);
}

void
_tm_window_show_toast (TmWindow   *self,
                       const char *text,
                       gboolean    with_undo)
{
  _tm_window_show_toast_full (self, text, with_undo, NULL, TRUE);
}

static void
on_toast_close_clicked (TmWindow  *self,
                        GtkButton *button)
{
  _tm_window_hide_toast (self);
}

static void
on_toast_open_clicked (TmWindow  *self,
                       GtkButton *button)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup (self->toast_uri);

  _tm_window_hide_toast (self);
  if (uri == NULL)
    return;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  if (!g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), &error))
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = NULL;

      /* Translators: the first %s is a file name, the second the reason */
      message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
      tm_window_show_error (self, message);
    }
}

void
tm_window_show_error (TmWindow   *self,
                      const char *message)
{
  g_return_if_fail (TM_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_ERROR);
  gtk_label_set_text (self->info_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->info_bar), TRUE);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

/* A portfolio open for reading only says so, and what to do, as it opens. */
static void
show_read_only_notice (TmWindow *self)
{
  g_autofree char *message = NULL;
  GFile *file = self->portfolio ? tm_portfolio_get_file (self->portfolio) : NULL;
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  if (self->portfolio == NULL || !tm_portfolio_is_read_only (self->portfolio))
    return;
  message = g_strdup_printf (_("“%s” is open for reading only: the file or its folder cannot be "
                               "written, or it is a link. You can look at it, export it and write "
                               "its report, but changes are not saved. Use Save a Copy to edit a copy."),
                             name ? name : "");
  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_INFO);
  gtk_label_set_text (self->info_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->info_bar), TRUE);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

void
_tm_window_show_gerror (TmWindow     *self,
                        const GError *error)
{
  tm_window_show_error (self, error->message);
}

static void
on_info_bar_response (TmWindow   *self,
                      int         response,
                      GtkInfoBar *info_bar)
{
  gtk_info_bar_set_revealed (info_bar, FALSE);
}

static void
on_editor_error (TmWindow     *self,
                 const char   *message,
                 TmTaskEditor *editor)
{
  tm_window_show_error (self, message);
}

static const GActionEntry win_entries[] = {
  { "add-task", _tm_window_add_task_action },
  { "edit-task", _tm_window_edit_task_action },
  { "duplicate-task", _tm_window_duplicate_task_action },
  { "delete-task", _tm_window_delete_task_action },
  { "undo", _tm_window_undo_action },
  { "redo", _tm_window_redo_action },
  { "find", _tm_window_find_action },
  { "presentation", NULL, NULL, "false", _tm_window_presentation_change_state },
  { "save-copy", _tm_window_save_copy_action },
  { "export-view", _tm_window_export_view_action },
  { "import", _tm_window_import_action },
  { "merge-units", _tm_window_merge_units_action },
  { "export", _tm_window_export_action, "s" },
  { "unit-details", _tm_window_unit_details_action },
  { "professions", _tm_window_professions_action },
  { "workshops", _tm_window_workshops_action },
  { "history", _tm_window_history_action },
  { "task-history", _tm_window_task_history_action },
  { "committee-report", _tm_window_committee_report_action },
  { "user-name", _tm_window_user_name_action },
  { "close", _tm_window_close_action },
  { "paste-rows", _tm_window_paste_rows_action },
  { "view", _tm_window_view_action, "s" },
  { "print", _tm_window_print_action },
  { "toggle-editor", NULL, NULL, "true", _tm_window_toggle_editor_change_state },
};

/* The portfolio */

static void
disconnect_portfolio (TmWindow *self)
{
  if (self->portfolio == NULL)
    return;

  /* An import under way is for this portfolio: rolled back, or ended if saved. */
  _tm_window_stop_busy (self);
  g_clear_signal_handler (&self->tasks_changed_id, tm_portfolio_get_tasks (self->portfolio));
  g_signal_handlers_disconnect_by_data (self->portfolio, self);
  g_clear_object (&self->portfolio);
}

void
tm_window_set_portfolio (TmWindow    *self,
                         TmPortfolio *portfolio)
{
  g_return_if_fail (TM_IS_WINDOW (self));
  g_return_if_fail (portfolio == NULL || TM_IS_PORTFOLIO (portfolio));

  if (self->portfolio == portfolio)
    return;

  disconnect_portfolio (self);
  _tm_window_hide_toast (self);
  g_clear_object (&self->pending_select);
  g_clear_object (&self->selected_task);

  if (portfolio != NULL)
    {
      self->portfolio = g_object_ref (portfolio);
      /* The history records who made each change. */
      _tm_window_apply_user_name (self);

      g_signal_connect_swapped (portfolio, "notify::unit-name", G_CALLBACK (_tm_window_update_title), self);
      g_signal_connect_swapped (portfolio, "notify::can-undo", G_CALLBACK (_tm_window_update_actions), self);
      g_signal_connect_swapped (portfolio, "notify::can-redo", G_CALLBACK (_tm_window_update_actions), self);
      g_signal_connect_swapped (portfolio, "notify::undo-label",
                                G_CALLBACK (_tm_window_on_undo_label_changed), self);
      g_signal_connect_swapped (portfolio, "notify::redo-label",
                                G_CALLBACK (_tm_window_update_undo_tooltips), self);
      g_signal_connect (portfolio, "task-changed", G_CALLBACK (_tm_window_on_task_changed), self);
      self->tasks_changed_id = g_signal_connect (tm_portfolio_get_tasks (portfolio), "items-changed",
                                                 G_CALLBACK (_tm_window_on_tasks_items_changed), self);
    }
  else
    {
      _tm_window_set_presentation (self, FALSE);
    }

  /* A new portfolio starts unfiltered, with its own groups. */
  _tm_window_reset_filters (self);
  _tm_window_refresh_groups (self);

  tm_task_editor_set_portfolio (self->editor, portfolio);
  tm_cell_editor_set_portfolio (self->cell_editor, portfolio);
  tm_summary_bar_set_portfolio (self->summary_bar, portfolio);
  tm_matrix_view_set_portfolio (self->matrix_view, portfolio);
  tm_assessment_pane_set_portfolio (self->assessment_pane, portfolio);
  tm_chart_view_set_portfolio (self->grid_chart, portfolio);
  tm_chart_view_set_portfolio (self->capacity_chart, portfolio);
  tm_scenario_summary_set_portfolio (self->scenario_summary, portfolio);
  tm_chart_view_set_portfolio (self->compare_chart, portfolio);
  tm_chart_view_set_scenarios (self->compare_chart, NULL);
  tm_chart_view_set_portfolio (self->flow_chart, portfolio);
  tm_move_board_set_portfolio (self->move_board, portfolio);
  _tm_window_fill_compare_list (self);
  tm_scenario_bar_set_portfolio (self->scenario_bar, portfolio);
  _tm_window_restore_scenario (self);
  _tm_window_on_scenario_changed (self);
  show_read_only_notice (self);
  tm_task_view_set_portfolio (self->task_view, portfolio);

  _tm_window_update_title (self);
  _tm_window_update_undo_tooltips (self);
  _tm_window_update_actions (self);
  _tm_window_update_count (self);
  gtk_stack_set_visible_child_name (self->stack, portfolio != NULL ? "portfolio" : "welcome");
  if (portfolio != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->quick_entry));
}

TmPortfolio *
tm_window_get_portfolio (TmWindow *self)
{
  g_return_val_if_fail (TM_IS_WINDOW (self), NULL);

  return self->portfolio;
}

/* Window state */

static void
save_window_state (TmWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0 && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
tm_window_close_request (GtkWindow *window)
{
  save_window_state (TM_WINDOW (window));

  return GTK_WINDOW_CLASS (tm_window_parent_class)->close_request (window);
}

/* "application" is set after construction: take the settings when it comes. */
static void
on_application_changed (TmWindow   *self,
                        GParamSpec *pspec)
{
  if (self->settings != NULL)
    return;
  self->settings = tm_gui_dup_app_settings (GTK_WINDOW (self));
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  _tm_window_show_editor (self, g_settings_get_boolean (self->settings, "editor-visible"));

  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (_tm_window_update_recent), self, G_CONNECT_SWAPPED);
  _tm_window_update_recent (self);

  g_signal_connect_object (self->settings, "changed::user-name",
                           G_CALLBACK (_tm_window_apply_user_name), self, G_CONNECT_SWAPPED);
  _tm_window_apply_user_name (self);
}

static void
tm_window_dispose (GObject *object)
{
  TmWindow *self = (TmWindow *)object;

  /* An import in steps is rolled back (or ended, if saved) while the window
   * can still show it. */
  _tm_window_stop_busy (self);
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  g_clear_pointer (&self->toast_uri, g_free);
  if (self->user_name_dialog != NULL)
    gtk_window_destroy (self->user_name_dialog);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->groups_count, tm_groups_count_free);
  g_clear_handle_id (&self->fit_columns_id, g_source_remove);

  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
      g_clear_object (&self->export_chooser);
    }
  if (self->save_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->save_chooser));
      g_clear_object (&self->save_chooser);
    }
  if (self->import_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
      g_clear_object (&self->import_chooser);
    }
  if (self->exchange_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->exchange_chooser));
      g_clear_object (&self->exchange_chooser);
    }
  /* A spreadsheet still being read is dropped when it comes. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);

  g_clear_pointer (&self->task_popover, gtk_widget_unparent);

  /* Drop the models before the portfolio they read from. */
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->task_view != NULL)
    g_signal_handlers_disconnect_by_data (self->task_view, self);
  if (self->cell_editor != NULL)
    tm_cell_editor_set_portfolio (self->cell_editor, NULL);
  g_clear_object (&self->cell_editor);
  g_clear_object (&self->selection);
  g_clear_object (&self->task_view);

  disconnect_portfolio (self);
  g_clear_object (&self->selected_task);
  g_clear_object (&self->pending_select);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_WINDOW);

  G_OBJECT_CLASS (tm_window_parent_class)->dispose (object);
}

static void
tm_window_finalize (GObject *object)
{
  TmWindow *self = (TmWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->group_list);
  g_clear_pointer (&self->group_set, g_hash_table_unref);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->group_key, g_free);

  G_OBJECT_CLASS (tm_window_parent_class)->finalize (object);
}

/* GTK 4.8 leaves the application's style sheet to the application; loading it
 * here styles windows made without one (tests) too. */
static void
ensure_style (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "tm-style-provider") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/taskmap/Taskmap/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "tm-style-provider",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
tm_window_class_init (TmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tm_window_dispose;
  object_class->finalize = tm_window_finalize;

  window_class->close_request = tm_window_close_request;

  /* Pulls the resources out of the static library; they register themselves. */
  (void)taskmap_get_resource ();
  g_type_ensure (TM_TYPE_TASK_EDITOR);
  g_type_ensure (TM_TYPE_SUMMARY_BAR);
  g_type_ensure (TM_TYPE_SCENARIO_BAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TmWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, add_task_button);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, undo_box);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, presentation_button);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, editor_button);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, toast_revealer);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, toast_label);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, toast_undo_button);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, toast_open_button);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, welcome_icon);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, quick_entry);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, level_filter);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, complexity_filter);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, group_filter);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, title_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, unit_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, group_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, level_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, complexity_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, minutes_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, times_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, per_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, hours_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, performers_column);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, editor_scroller);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, editor);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, summary_bar);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, scenario_bar);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, status_filter);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, quick_entry_row);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, matrix_page);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, board_page);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, map_page);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, capacity_page);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, flow_page);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, task_menu);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, busy_revealer);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, busy_progress);
  gtk_widget_class_bind_template_child (widget_class, TmWindow, busy_cancel_button);

  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_toast_close_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_busy_cancel_clicked", G_CALLBACK (_tm_window_on_busy_cancel_clicked));
  gtk_widget_class_bind_template_callback (widget_class, on_toast_open_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_recent_row_activated", G_CALLBACK (_tm_window_on_recent_row_activated));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_quick_entry_activate", G_CALLBACK (_tm_window_on_quick_entry_activate));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_changed", G_CALLBACK (_tm_window_on_search_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_search_stop", G_CALLBACK (_tm_window_on_search_stop));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_filter_drop_down_changed", G_CALLBACK (_tm_window_on_filter_drop_down_changed));
  gtk_widget_class_bind_template_callback (widget_class, on_editor_error);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_view_changed", G_CALLBACK (_tm_window_on_view_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_scenario_changed", G_CALLBACK (_tm_window_on_scenario_changed));

  /* File → Import… and Export…; the application's accelerators are for its own actions. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", "s", "xml");

  /* Escape leaves presentation mode; otherwise it goes on to whoever wants it. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, _tm_window_leave_presentation_cb, NULL);
}

static void
tm_window_init (TmWindow *self)
{
  GtkEventController *shortcuts;
  GtkEventController *key;
  GtkGesture *click;
  GtkIconTheme *icon_theme;

  self->level_key = -1;
  self->apply_step_us = -1;
  self->refresh_step_us = -1;
  self->complexity_key = -1;
  self->status_key = -1;
  self->group_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_gui_name_info_bar_close (self->info_bar);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
  if (tm_xlsx_is_supported ())
    {
      static const GActionEntry workbook_entry[] = {
        { "export-workbook", _tm_window_export_workbook_action },
      };

      g_action_map_add_action_entries (G_ACTION_MAP (self), workbook_entry, 1, self);
    }

  _tm_window_setup_filter_drop_downs (self);

  /* tasks -> the list as searched, filtered and sorted (in a worker thread,
   * so a long list never holds up the window) -> selection. The column
   * headers say what to sort by. */
  self->task_view = tm_task_view_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->task_view)));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (_tm_window_on_column_sorter_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  self->cell_editor = tm_cell_editor_new (self->column_view, self->selection);
  g_signal_connect_object (self->cell_editor, "paste-rows", G_CALLBACK (_tm_window_on_paste_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cell_editor, "message", G_CALLBACK (_tm_window_on_cell_editor_message), self,
                           G_CONNECT_SWAPPED);
  _tm_window_setup_columns (self);
  _tm_window_setup_views (self);

  /* The views' tabs as wide as their names: six of the widest (“Niveau ×
   * kompleksitet”) would not fit a projector's 1024 pixels. */
  {
    GtkLayoutManager *layout = gtk_widget_get_layout_manager (self->view_switcher);

    if (GTK_IS_BOX_LAYOUT (layout))
      gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), FALSE);
  }

  self->header_bar = gtk_window_get_titlebar (GTK_WINDOW (self));

  /* Presentation mode says how to leave it. */
  self->leave_presentation_button = gtk_button_new_from_icon_name ("view-restore-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->leave_presentation_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Leave Presentation"), -1);
  gtk_widget_set_tooltip_text (self->leave_presentation_button, _("Leave presentation mode (Esc)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->leave_presentation_button), "win.presentation");
  gtk_widget_set_visible (self->leave_presentation_button, FALSE);
  gtk_widget_set_valign (self->leave_presentation_button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->scenario_bar))),
                  self->leave_presentation_button);

  /* A digit typed on a row starts timing it; F2 edits the cell last edited. */
  key = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (_tm_window_on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), key);

  /* After the selection's own handler: it may have dropped the selected task. */
  g_signal_connect (self->task_view, "items-changed",
                    G_CALLBACK (_tm_window_on_task_view_items_changed), self);
  g_signal_connect_swapped (self->task_view, "notify::pending",
                            G_CALLBACK (_tm_window_on_task_view_pending), self);
  g_signal_connect (self->selection, "items-changed",
                    G_CALLBACK (_tm_window_on_selection_items_changed), self);
  g_signal_connect_swapped (self->column_view, "activate",
                            G_CALLBACK (_tm_window_on_column_view_activate), self);

  /* A right click on a row offers what can be done with the task. */
  self->task_popover = gtk_popover_menu_new_from_model (self->task_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->task_popover), FALSE);
  gtk_widget_set_halign (self->task_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->task_popover, GTK_WIDGET (self->column_view));
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (_tm_window_on_column_view_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (_tm_window_on_selected_item_changed), self);

  /* Delete removes a task only from the list, never from text being edited.
   * Menus show the last shortcut for an action: the main key. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                                                          gtk_named_action_new ("win.delete-task")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("win.delete-task")));
  /* Rows copied from a spreadsheet fill the selected task and those below. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.paste-rows")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);

  g_object_bind_property (self->filter_revealer, "reveal-child",
                          self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->filter_revealer, "notify::reveal-child",
                            G_CALLBACK (_tm_window_on_filter_revealer_changed), self);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (_tm_window_on_fullscreened_changed), NULL);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->list_scroller),
                           "notify::page-size", G_CALLBACK (_tm_window_on_list_width_changed), self,
                           G_CONNECT_SWAPPED);

  /* Uninstalled, the application icon may be missing from the theme. */
  icon_theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  if (!gtk_icon_theme_has_icon (icon_theme, APPLICATION_ID))
    gtk_image_set_from_icon_name (self->welcome_icon, "x-office-spreadsheet-symbolic");

  _tm_window_update_title (self);
  _tm_window_update_undo_tooltips (self);
  _tm_window_update_actions (self);
  _tm_window_update_count (self);
  _tm_window_update_recent (self);
  gtk_stack_set_visible_child_name (self->stack, "welcome");
}

TmWindow *
tm_window_new (GtkApplication *app)
{
  g_return_val_if_fail (app == NULL || GTK_IS_APPLICATION (app), NULL);

  return g_object_new (TM_TYPE_WINDOW,
                       "application", app,
                       NULL);
}

/* Test accessors */

TmTaskView *
_tm_window_get_task_view (TmWindow *self)
{
  return self->task_view;
}

GtkSingleSelection *
_tm_window_get_selection (TmWindow *self)
{
  return self->selection;
}

GtkColumnView *
_tm_window_get_column_view (TmWindow *self)
{
  return self->column_view;
}

void
_tm_window_set_presentation_windowed (TmWindow *self,
                                      gboolean  windowed)
{
  self->presentation_windowed = windowed;
}

TmCellEditor *
_tm_window_get_cell_editor (TmWindow *self)
{
  return self->cell_editor;
}

GtkWidget *
_tm_window_get_header_bar (TmWindow *self)
{
  return self->header_bar;
}

TmMoveBoard *
_tm_window_get_move_board (TmWindow *self)
{
  return self->move_board;
}

GtkWidget *
_tm_window_get_matrix_pane (TmWindow *self)
{
  return GTK_WIDGET (self->assessment_pane);
}

GtkEntry *
_tm_window_get_quick_entry (TmWindow *self)
{
  return self->quick_entry;
}

GtkSearchEntry *
_tm_window_get_search_entry (TmWindow *self)
{
  return self->search_entry;
}

GtkDropDown *
_tm_window_get_level_filter (TmWindow *self)
{
  return self->level_filter;
}

GtkDropDown *
_tm_window_get_complexity_filter (TmWindow *self)
{
  return self->complexity_filter;
}

GtkDropDown *
_tm_window_get_group_filter (TmWindow *self)
{
  return self->group_filter;
}

GtkLabel *
_tm_window_get_count_label (TmWindow *self)
{
  return self->count_label;
}

TmTaskEditor *
_tm_window_get_editor (TmWindow *self)
{
  return self->editor;
}

TmSummaryBar *
_tm_window_get_summary_bar (TmWindow *self)
{
  return self->summary_bar;
}

const char *
_tm_window_get_page (TmWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

gboolean
_tm_window_get_toast_visible (TmWindow *self)
{
  return gtk_revealer_get_reveal_child (self->toast_revealer);
}

const char *
_tm_window_get_toast_text (TmWindow *self)
{
  return gtk_label_get_text (self->toast_label);
}

const char *
_tm_window_get_error_text (TmWindow *self)
{
  if (!gtk_info_bar_get_revealed (self->info_bar))
    return NULL;

  return gtk_label_get_text (self->info_label);
}

GtkColumnViewColumn *
_tm_window_get_unit_column (TmWindow *self)
{
  return self->unit_column;
}

gboolean
_tm_window_get_toast_can_open (TmWindow *self)
{
  return gtk_revealer_get_reveal_child (self->toast_revealer) &&
         gtk_widget_get_visible (GTK_WIDGET (self->toast_open_button)) && self->toast_uri != NULL;
}

GtkWindow *
_tm_window_get_user_name_dialog (TmWindow *self)
{
  return self->user_name_dialog;
}

GtkListBox *
_tm_window_get_recent_list (TmWindow *self)
{
  return self->recent_list;
}
