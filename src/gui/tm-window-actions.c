/* tm-window-actions.c
 * The window's actions: adding, changing and removing tasks, undo,
 * presentation mode, the dialogs of the unit, and the header bar's state.
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
#include "tm-window-private.h"

/* Portfolio state in the header bar */

void
_tm_window_update_title (TmWindow *self)
{
  const char *unit = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *window_title = NULL;
  GFile *file = NULL;

  if (self->portfolio == NULL)
    {
      gtk_label_set_text (self->title_label, _("Taskmap"));
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      gtk_window_set_title (GTK_WINDOW (self), _("Taskmap"));
      return;
    }

  file = tm_portfolio_get_file (self->portfolio);
  if (file != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      basename = path != NULL ? g_filename_display_basename (path) : g_file_get_basename (file);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), path);
    }

  unit = tm_portfolio_get_unit_name (self->portfolio);
  if (unit == NULL || *unit == '\0')
    unit = basename != NULL ? basename : _("Unnamed Unit");

  gtk_label_set_text (self->title_label, unit);
  gtk_label_set_text (self->subtitle_label, basename);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), basename != NULL);

  /* Translators: the window title: the unit's name, then the application's */
  window_title = g_strdup_printf (_("%s — Taskmap"), unit);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

void
_tm_window_update_undo_tooltips (TmWindow *self)
{
  const char *undo = self->portfolio ? tm_portfolio_get_undo_label (self->portfolio) : NULL;
  const char *redo = self->portfolio ? tm_portfolio_get_redo_label (self->portfolio) : NULL;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button),
                               undo != NULL && *undo != '\0' ? undo : _("Undo"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button),
                               redo != NULL && *redo != '\0' ? redo : _("Redo"));
}

void
_tm_window_on_undo_label_changed (TmWindow *self)
{
  _tm_window_update_undo_tooltips (self);
  /* The notification's Undo would now undo something else. */
  _tm_window_hide_toast (self);
}

static void
set_action_enabled (TmWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_tm_window_update_actions (TmWindow *self)
{
  gboolean has_portfolio = self->portfolio != NULL;
  /* While a file goes in, in steps, the portfolio takes no other change and
   * is only half in memory: looking around is all there is to do. */
  gboolean ready = has_portfolio && !_tm_window_is_busy (self);
  gboolean has_task = ready && gtk_single_selection_get_selected_item (self->selection);

  set_action_enabled (self, "add-task", ready);
  set_action_enabled (self, "edit-task", has_task);
  set_action_enabled (self, "duplicate-task", has_task);
  set_action_enabled (self, "delete-task", has_task);
  set_action_enabled (self, "undo", ready && tm_portfolio_can_undo (self->portfolio));
  set_action_enabled (self, "redo", ready && tm_portfolio_can_redo (self->portfolio));
  set_action_enabled (self, "find", has_portfolio);
  set_action_enabled (self, "presentation", has_portfolio);
  set_action_enabled (self, "save-copy",
                      ready && tm_portfolio_get_file (self->portfolio) != NULL);
  set_action_enabled (self, "unit-details", ready);
  set_action_enabled (self, "professions", ready);
  set_action_enabled (self, "toggle-editor", has_portfolio);
  set_action_enabled (self, "import", ready);
  set_action_enabled (self, "merge-units", ready);
  set_action_enabled (self, "export", ready);
  set_action_enabled (self, "export-workbook", ready);
  set_action_enabled (self, "export-view",
                      ready && !g_str_equal (_tm_window_current_view (self), "catalogue"));
  /* The list is printed as the matrix; each other view as it is. */
  set_action_enabled (self, "print",
                      ready && !g_str_equal (_tm_window_current_view (self), "catalogue"));
  set_action_enabled (self, "workshops", ready);
  set_action_enabled (self, "history", ready);
  set_action_enabled (self, "task-history", has_task);
  set_action_enabled (self, "committee-report", ready);
  set_action_enabled (self, "paste-rows", !_tm_window_is_busy (self));
  set_action_enabled (self, "user-name", !_tm_window_is_busy (self));

  /* The welcome page has its own buttons; the portfolio's would only be greyed out. */
  gtk_widget_set_visible (self->add_task_button, has_portfolio);
  gtk_widget_set_visible (self->undo_box, has_portfolio);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), has_portfolio);
  gtk_widget_set_visible (self->presentation_button, has_portfolio);
  gtk_widget_set_visible (self->editor_button, has_portfolio);
}

/* Adding, changing and removing tasks */

/* A task added while filters are on takes their level, complexity and group,
 * so that it shows up among the tasks the user is looking at. */
static TmTaskData *
new_task_data (TmWindow   *self,
               const char *title)
{
  TmTaskData *data = tm_task_data_new ();

  g_free (data->title);
  data->title = g_strdup (title);

  if (self->level_key >= 0)
    data->level = self->level_key;
  if (self->complexity_key >= 0)
    data->complexity = self->complexity_key;
  if (self->group_key != NULL)
    {
      g_free (data->group);
      data->group = g_strdup (self->group_key);
    }

  /* Its hours count where they belong from the start, and the list shows whose they are. */
  tm_portfolio_set_default_performers (self->portfolio, NULL, data);

  return data;
}

static TmTask *
add_task (TmWindow   *self,
          const char *title)
{
  g_autoptr(TmTaskData) data = new_task_data (self, title);
  g_autoptr(GError) error = NULL;
  TmTask *task;

  task = tm_portfolio_add_task (self->portfolio, data, &error);
  if (task == NULL)
    {
      _tm_window_show_gerror (self, error);
      return NULL;
    }

  /* A task the search text does not find would vanish as soon as it is added. */
  if (tm_task_view_get_filters_active (self->task_view))
    tm_task_view_set_pinned (self->task_view, task);

  _tm_window_select_task (self, task);

  return task;
}

void
_tm_window_on_quick_entry_activate (TmWindow *self,
                                    GtkEntry *entry)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (self->portfolio == NULL || *title == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }

  if (add_task (self, title) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), "");

  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

void
_tm_window_show_editor (TmWindow *self,
                        gboolean  visible)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-editor");

  g_action_change_state (action, g_variant_new_boolean (visible));
}

void
_tm_window_add_task_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  TmWindow *self = user_data;
  TmTask *task;

  if (self->portfolio == NULL)
    return;

  task = add_task (self, _("New task"));
  if (task == NULL)
    return;

  _tm_window_show_editor (self, TRUE);
  if (tm_task_editor_get_task (self->editor) == task)
    tm_task_editor_focus_title (self->editor);
}

void
_tm_window_edit_task_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  _tm_window_edit_selected_task (user_data);
}

void
_tm_window_duplicate_task_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  TmWindow *self = user_data;
  TmTask *task = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;
  TmTask *copy;

  if (self->portfolio == NULL || task == NULL)
    return;

  copy = tm_portfolio_duplicate_task (self->portfolio, task, &error);
  if (copy == NULL)
    {
      _tm_window_show_gerror (self, error);
      return;
    }

  _tm_window_select_task (self, copy);
}

void
_tm_window_delete_task_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  TmWindow *self = user_data;
  TmTask *task = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;

  if (self->portfolio == NULL || task == NULL)
    return;

  title = g_strdup (tm_task_get_title (task));

  if (!tm_portfolio_delete_tasks (self->portfolio, &task, 1, &error))
    {
      _tm_window_show_gerror (self, error);
      return;
    }

  if (title != NULL && *title != '\0')
    /* Translators: shown after deleting a task; %s is its title */
    text = g_strdup_printf (_("“%s” deleted"), title);
  else
    text = g_strdup (_("Task deleted"));

  _tm_window_show_toast (self, text, TRUE);
}

void
_tm_window_undo_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->portfolio == NULL || !tm_portfolio_can_undo (self->portfolio))
    return;

  _tm_window_hide_toast (self);
  if (_tm_window_undo_in_steps (self, FALSE))
    return;
  if (!tm_portfolio_undo (self->portfolio, &error))
    _tm_window_show_gerror (self, error);
}

void
_tm_window_redo_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->portfolio == NULL || !tm_portfolio_can_redo (self->portfolio))
    return;

  _tm_window_hide_toast (self);
  if (_tm_window_undo_in_steps (self, TRUE))
    return;
  if (!tm_portfolio_redo (self->portfolio, &error))
    _tm_window_show_gerror (self, error);
}

void
_tm_window_find_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio == NULL)
    return;

  gtk_revealer_set_reveal_child (self->filter_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
_tm_window_set_presentation (TmWindow *self,
                             gboolean  presentation)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "presentation");
  gboolean was = _tm_window_get_presentation (self);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (presentation));

  /* The room shows the list; the editor comes back with F9 or by activating a row. */
  if (presentation && !was)
    {
      self->editor_before_presentation = gtk_widget_get_visible (self->editor_scroller);
      self->editor_for_presentation = TRUE;
      _tm_window_show_editor (self, FALSE);
      self->editor_for_presentation = FALSE;
    }
  else if (!presentation && was)
    {
      self->editor_for_presentation = TRUE;
      _tm_window_show_editor (self, self->editor_before_presentation);
      self->editor_for_presentation = FALSE;
    }

  if (presentation)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
      if (!self->presentation_windowed)
        gtk_window_fullscreen (GTK_WINDOW (self));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
      if (!self->presentation_windowed)
        gtk_window_unfullscreen (GTK_WINDOW (self));
    }

  /* What is for editing leaves the room's screen: the header bar's buttons,
   * quick entry and the filters, the matrix's side pane and the summary bar.
   * The views, the scenario and the keyboard stay. */
  gtk_widget_set_visible (self->header_bar, !presentation);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_bar), !presentation);
  gtk_widget_set_visible (GTK_WIDGET (self->assessment_pane), !presentation);
  gtk_widget_set_visible (self->leave_presentation_button, presentation);
  gtk_widget_set_visible (self->matrix_only_check, !presentation);
  gtk_widget_set_visible (self->matrix_hint_label, !presentation);
  tm_scenario_bar_set_compact (self->scenario_bar, presentation);
  /* The matrix's rows get the room; the legend is a click (or Alt+L) away. */
  if (presentation && !was)
    {
      self->legend_before_presentation =
        gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->matrix_legend_toggle));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->matrix_legend_toggle), FALSE);
    }
  else if (!presentation && was)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->matrix_legend_toggle),
                                  self->legend_before_presentation);
  _tm_window_on_view_changed (self);
  if (presentation && !was)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      /* The keyboard goes on in the view shown, not in a hidden entry. */
      if (focus == NULL || !gtk_widget_is_drawable (focus) ||
          gtk_widget_is_ancestor (focus, self->quick_entry_row) ||
          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->filter_revealer)))
        gtk_widget_child_focus (gtk_stack_get_visible_child (self->view_stack), GTK_DIR_TAB_FORWARD);
    }

  /* Larger text wants wider columns. */
  _tm_window_on_list_width_changed (self);
}

gboolean
_tm_window_get_presentation (TmWindow *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self),
                                                               "presentation");

  return state != NULL && g_variant_get_boolean (state);
}

void
_tm_window_presentation_change_state (GSimpleAction *action,
                                      GVariant      *state,
                                      gpointer       user_data)
{
  _tm_window_set_presentation (user_data, g_variant_get_boolean (state));
}

gboolean
_tm_window_leave_presentation_cb (GtkWidget *widget,
                                  GVariant  *args,
                                  gpointer   user_data)
{
  TmWindow *self = TM_WINDOW (widget);

  if (!_tm_window_get_presentation (self))
    return FALSE;

  _tm_window_set_presentation (self, FALSE);
  return TRUE;
}

void
_tm_window_on_fullscreened_changed (TmWindow   *self,
                                    GParamSpec *pspec)
{
  gboolean fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));

  /* Left full screen some other way (the window manager): leave presentation mode too. */
  if (self->was_fullscreen && !fullscreen && _tm_window_get_presentation (self))
    _tm_window_set_presentation (self, FALSE);

  self->was_fullscreen = fullscreen;
}

void
_tm_window_toggle_editor_change_state (GSimpleAction *action,
                                       GVariant      *state,
                                       gpointer       user_data)
{
  TmWindow *self = user_data;
  gboolean visible = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (self->editor_scroller, visible);

  if (self->settings != NULL && !self->editor_for_presentation)
    g_settings_set_boolean (self->settings, "editor-visible", visible);
}

void
_tm_window_unit_details_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_unit_dialog_present (GTK_WINDOW (self), self->portfolio);
}

void
_tm_window_professions_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_professions_dialog_present (GTK_WINDOW (self), self->portfolio);
}

void
_tm_window_workshops_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_workshops_dialog_present (GTK_WINDOW (self), self->portfolio, _tm_window_get_scenario_id (self));
}

void
_tm_window_history_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_history_dialog_present (GTK_WINDOW (self), self->portfolio, NULL);
}

/* The selected task's changes (from its context menu). */
void
_tm_window_task_history_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  TmWindow *self = user_data;
  TmTask *task = gtk_single_selection_get_selected_item (self->selection);

  if (self->portfolio != NULL && task != NULL)
    tm_history_dialog_present (GTK_WINDOW (self), self->portfolio, task);
}

/* Your name, for the history of changes */

/* The name in the settings goes to the portfolio; empty: the system's name for the user. */
void
_tm_window_apply_user_name (TmWindow *self)
{
  g_autofree char *name = NULL;

  if (self->portfolio == NULL || self->settings == NULL)
    return;

  name = g_settings_get_string (self->settings, "user-name");
  tm_portfolio_set_user_name (self->portfolio, g_strstrip (name));
}

static void
on_user_name_save (GtkButton *button,
                   TmWindow  *self)
{
  GtkWidget *dialog = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (button)));
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "tm-entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "user-name", name);
      g_settings_set_boolean (self->settings, "asked-user-name", TRUE);
      _tm_window_apply_user_name (self);
    }
  else if (self->portfolio != NULL)
    {
      /* Without the schema (uninstalled) the name lasts as long as the portfolio is open. */
      tm_portfolio_set_user_name (self->portfolio, name);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_user_name_skip (GtkButton *button,
                   TmWindow  *self)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))));
}

static void
on_user_name_dialog_destroy (TmWindow *self)
{
  self->user_name_dialog = NULL;
}

void
_tm_window_user_name_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autofree char *current = self->settings ? g_settings_get_string (self->settings, "user-name") : NULL;
  const char *real = g_get_real_name ();
  GtkWidget *dialog, *header, *skip, *save, *box, *label, *entry, *note;
  GtkEventController *shortcuts;

  if (self->user_name_dialog != NULL)
    {
      gtk_window_present (self->user_name_dialog);
      return;
    }

  dialog = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Your Name"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (dialog), FALSE);
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (self)));

  header = gtk_header_bar_new ();
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  /* The first time there is nothing to cancel: the system's name is used until one is given. */
  skip = gtk_button_new_with_mnemonic (current == NULL || *current == '\0' ? _("_Skip") : _("_Cancel"));
  save = gtk_button_new_with_mnemonic (_("_Save"));
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), skip);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save);
  gtk_window_set_titlebar (GTK_WINDOW (dialog), header);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 24);
  label = gtk_label_new_with_mnemonic (_("Your _name, as the committee should see it in the history of changes"));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 44);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  if (current != NULL && *current != '\0')
    gtk_editable_set_text (GTK_EDITABLE (entry), current);
  else if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), real);
  note = gtk_label_new (_("It is recorded with each change you make, and goes with the portfolio when "
                          "it is exported. Change it later in the main menu under Your Name."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 44);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_set_margin_top (note, 6);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), note);
  gtk_window_set_child (GTK_WINDOW (dialog), box);
  gtk_window_set_default_widget (GTK_WINDOW (dialog), save);
  g_object_set_data (G_OBJECT (dialog), "tm-entry", entry);

  g_signal_connect_object (save, "clicked", G_CALLBACK (on_user_name_save), self, 0);
  g_signal_connect_object (skip, "clicked", G_CALLBACK (on_user_name_skip), self, 0);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, shortcuts);

  self->user_name_dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_user_name_dialog_destroy), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Alt+1 … Alt+6: the views, also in presentation mode, where the keyboard is all there is. */
void
_tm_window_view_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  TmWindow *self = user_data;
  const char *view = g_variant_get_string (parameter, NULL);

  if (self->portfolio == NULL || gtk_stack_get_child_by_name (self->view_stack, view) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->view_stack, view);
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->view_stack), GTK_DIR_TAB_FORWARD);
}

void
_tm_window_close_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}
