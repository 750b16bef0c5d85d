/* tm-window.c
 * The main window: the welcome page, or a portfolio's task list, filters,
 * task editor and summary.
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

/* How long the "deleted" notification stays. */
#define TOAST_TIMEOUT_SECONDS 5
#define MAX_RECENT_FILES      10

struct _TmWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *add_task_button;
  GtkWidget            *undo_box;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkToggleButton      *search_button;
  GtkWidget            *presentation_button;
  GtkWidget            *header_bar;       /* the titlebar: GtkWindow owns it, not the template */
  GtkWidget            *leave_presentation_button;
  GtkWidget            *editor_button;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkRevealer          *toast_revealer;
  GtkLabel             *toast_label;
  GtkButton            *toast_undo_button;
  GtkButton            *toast_open_button;
  GtkStack             *stack;
  GtkImage             *welcome_icon;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  GtkEntry             *quick_entry;
  GtkRevealer          *filter_revealer;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *level_filter;
  GtkDropDown          *complexity_filter;
  GtkDropDown          *group_filter;
  GtkDropDown          *status_filter;
  GtkLabel             *count_label;
  GtkLabel             *empty_label;
  GtkPaned             *paned;
  GtkScrolledWindow    *list_scroller;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *title_column;
  GtkColumnViewColumn  *unit_column;
  GtkColumnViewColumn  *group_column;
  GtkColumnViewColumn  *level_column;
  GtkColumnViewColumn  *complexity_column;
  GtkColumnViewColumn  *minutes_column;
  GtkColumnViewColumn  *times_column;
  GtkColumnViewColumn  *per_column;
  GtkColumnViewColumn  *hours_column;
  GtkColumnViewColumn  *performers_column;
  GtkWidget            *editor_scroller;
  TmTaskEditor         *editor;
  TmSummaryBar         *summary_bar;
  GtkWidget            *view_switcher;
  TmScenarioBar        *scenario_bar;
  GtkStack             *view_stack;
  GtkWidget            *quick_entry_row;
  GtkBox               *matrix_page;
  GtkBox               *map_page;
  GtkBox               *capacity_page;
  GtkBox               *flow_page;
  GtkBox               *board_page;
  TmMoveBoard          *move_board;
  TmMatrixView         *matrix_view;
  TmAssessmentPane     *assessment_pane;
  TmChartView          *grid_chart;
  TmChartView          *capacity_chart;
  TmChartView          *compare_chart;      /* the scenarios side by side */
  GtkWidget            *matrix_legend;
  GtkWidget            *matrix_only_check;   /* editing the matrix: hidden in presentation mode */
  GtkWidget            *matrix_hint_label;
  GtkWidget            *matrix_legend_toggle;
  gboolean              legend_before_presentation;
  gboolean              restoring_scenario;
  GtkStack             *capacity_stack;
  GtkWidget            *single_button;
  GtkWidget            *compare_button;
  GtkWidget            *compare_menu_button;
  GtkWidget            *compare_list;       /* check buttons, one per scenario */
  TmChartView          *flow_chart;
  TmScenarioSummary    *scenario_summary;
  GMenu                *recent_section;
  GMenuModel           *task_menu;

  /* Owned */
  TmPortfolio          *portfolio;
  GSettings            *settings;
  TmTaskView           *task_view;       /* searched, filtered and sorted in a worker thread */
  TmTask               *selected_task;   /* kept selected when the list is worked out anew */
  GtkSingleSelection   *selection;
  TmCellEditor         *cell_editor;     /* the list's cells edited in place */
  GtkStringList        *group_list;      /* "All groups", then the portfolio's groups */
  GHashTable           *group_set;       /* the groups in group_list */
  GtkFileChooserNative *save_chooser;
  GtkFileChooserNative *export_chooser;
  GtkFileChooserNative *import_chooser;
  GtkFileChooserNative *exchange_chooser; /* File → Export… */
  GCancellable         *import_cancellable; /* while a spreadsheet is read */
  char                 *toast_uri;       /* what the notification's Open button opens */
  GtkWindow            *user_name_dialog;
  GtkWidget            *task_popover;    /* parented to the column view */
  TmTask               *pending_select;  /* to select once the sorted model has it */
  char                 *search_key;      /* folded search text; NULL matches all */
  char                 *group_key;       /* the group filtered on; NULL for all */
  int                   level_key;       /* TmLevel filtered on, or -1 */
  int                   complexity_key;  /* TmComplexity filtered on, or -1 */
  int                   status_key;      /* StatusFilter, or -1 */
  guint                 toast_timeout_id;
  guint                 refresh_id;
  guint                 fit_columns_id;
  gboolean              groups_queued;
  gboolean              updating_groups;
  gboolean              was_fullscreen;
  gboolean              presentation_windowed; /* tests: presentation mode at the window's size */
  gboolean              editor_before_presentation;
  gboolean              editor_for_presentation; /* hiding it is not the user's setting */
  gulong                tasks_changed_id;
};

G_DEFINE_FINAL_TYPE (TmWindow, tm_window, GTK_TYPE_APPLICATION_WINDOW)


static void update_actions      (TmWindow *self);
static void apply_filters       (TmWindow *self,
                                 gboolean  more_strict);
static void select_task         (TmWindow *self,
                                 TmTask   *task);
static void show_editor         (TmWindow *self,
                                 gboolean  visible);
static gboolean get_presentation (TmWindow *self);
static void on_list_width_changed (TmWindow *self);

/* The status filter's choices are TmTaskStatus (the list's own). */

/* Searching */

static char *
fold_search_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *normalized = NULL;

  if (*stripped == '\0')
    return NULL;

  normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : stripped, -1);
}

/* Hands the filter fields to the list, which works the rows out in a worker
 * thread. A change the user makes to the filters drops the pinned task. */
static void
apply_filters (TmWindow *self,
               gboolean  more_strict)
{
  tm_task_view_set_pinned (self->task_view, NULL);
  tm_task_view_set_search (self->task_view, self->search_key);
  tm_task_view_set_level (self->task_view, self->level_key);
  tm_task_view_set_complexity (self->task_view, self->complexity_key);
  tm_task_view_set_group (self->task_view, self->group_key);
  tm_task_view_set_status (self->task_view, self->status_key,
                           tm_scenario_bar_get_scenario_id (self->scenario_bar));
}

static void
on_search_changed (TmWindow       *self,
                   GtkSearchEntry *entry)
{
  g_autofree char *key = fold_search_text (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gboolean more_strict;

  if (g_strcmp0 (key, self->search_key) == 0)
    return;

  /* Typing on narrows the search: only the shown rows need a new look. */
  more_strict = key != NULL && self->search_key != NULL && strstr (key, self->search_key) != NULL;

  g_free (self->search_key);
  self->search_key = g_steal_pointer (&key);
  apply_filters (self, more_strict);
}

static void
on_search_stop (TmWindow       *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  _tm_window_apply_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

void
_tm_window_apply_search (TmWindow *self)
{
  g_return_if_fail (TM_IS_WINDOW (self));

  on_search_changed (self, self->search_entry);
}

static void
on_filter_drop_down_changed (TmWindow    *self,
                             GParamSpec  *pspec,
                             GtkDropDown *drop_down)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  int key = (selected == GTK_INVALID_LIST_POSITION || selected == 0) ? -1 : (int)selected - 1;

  if (self->updating_groups)
    return;

  if (drop_down == self->level_filter)
    {
      if (key == self->level_key)
        return;
      self->level_key = key;
    }
  else if (drop_down == self->complexity_filter)
    {
      if (key == self->complexity_key)
        return;
      self->complexity_key = key;
    }
  else if (drop_down == self->status_filter)
    {
      if (key == self->status_key)
        return;
      self->status_key = key;
    }
  else if (drop_down == self->group_filter)
    {
      const char *group = key < 0 ? NULL
                                  : gtk_string_list_get_string (self->group_list, selected);

      if (g_strcmp0 (group, self->group_key) == 0)
        return;
      g_free (self->group_key);
      self->group_key = g_strdup (group);
    }

  apply_filters (self, FALSE);
}

static void
reset_filters (TmWindow *self)
{
  self->updating_groups = TRUE;
  gtk_drop_down_set_selected (self->level_filter, 0);
  gtk_drop_down_set_selected (self->complexity_filter, 0);
  gtk_drop_down_set_selected (self->group_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating_groups = FALSE;

  self->status_key = -1;
  self->level_key = -1;
  self->complexity_key = -1;
  g_clear_pointer (&self->group_key, g_free);
  g_clear_pointer (&self->search_key, g_free);
  apply_filters (self, FALSE);
}

static void
on_filter_revealer_changed (TmWindow    *self,
                            GParamSpec  *pspec,
                            GtkRevealer *revealer)
{
  /* Hidden filters would hide tasks without saying so. */
  if (!gtk_revealer_get_reveal_child (revealer) && tm_task_view_get_filters_active (self->task_view))
    reset_filters (self);
}

/* Refreshing after edits */

static void
refresh_groups (TmWindow *self)
{
  g_auto(GStrv) groups = NULL;
  guint n_old, n_new, selected;
  gboolean same;
  g_autofree char *selected_group = g_strdup (self->group_key);

  groups = self->portfolio != NULL ? tm_portfolio_dup_groups (self->portfolio) : g_new0 (char *, 1);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->group_list)) - 1;
  n_new = g_strv_length (groups);

  same = n_old == n_new;
  for (guint i = 0; same && i < n_new; i++)
    same = g_strcmp0 (gtk_string_list_get_string (self->group_list, i + 1), groups[i]) == 0;
  if (same)
    return;

  g_hash_table_remove_all (self->group_set);
  for (guint i = 0; i < n_new; i++)
    g_hash_table_add (self->group_set, g_strdup (groups[i]));

  self->updating_groups = TRUE;
  gtk_string_list_splice (self->group_list, 1, n_old, (const char * const *)groups);
  selected = 0;
  for (guint i = 0; selected_group != NULL && i < n_new; i++)
    if (g_strcmp0 (groups[i], selected_group) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (self->group_filter, selected);
  self->updating_groups = FALSE;

  /* The group filtered on is gone: show all groups. */
  if (selected_group != NULL && selected == 0)
    on_filter_drop_down_changed (self, NULL, self->group_filter);
}

/* The Unit column shows only in a regional portfolio (tasks of several units). */
static void
update_unit_column (TmWindow *self)
{
  g_auto(GStrv) units = self->portfolio != NULL ? tm_portfolio_dup_units (self->portfolio) : NULL;
  gboolean visible = units != NULL && units[0] != NULL;

  if (visible == gtk_column_view_column_get_visible (self->unit_column))
    return;

  gtk_column_view_column_set_visible (self->unit_column, visible);
  on_list_width_changed (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  TmWindow *self = user_data;

  self->refresh_id = 0;

  if (self->groups_queued)
    {
      self->groups_queued = FALSE;
      refresh_groups (self);
      update_unit_column (self);
    }

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (TmWindow *self,
               gboolean  groups)
{
  self->groups_queued |= groups;

  /* Ahead of redrawing, which can keep a plain idle waiting. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_cb, self, NULL);
}

static void
on_task_changed (TmPortfolio *portfolio,
                 TmTask      *task,
                 TmWindow    *self)
{
  const char *group;

  group = TM_IS_TASK (task) ? tm_task_get_group (task) : NULL;

  /* A renamed group may be new; a group that is no longer used is cleaned up
   * when tasks are added or removed. A task's unit may show or hide the Unit column. */
  queue_refresh (self,
                 (group != NULL && *group != '\0' && !g_hash_table_contains (self->group_set, group)) ||
                 (TM_IS_TASK (task) &&
                  (*tm_task_get_unit (task) != '\0') != gtk_column_view_column_get_visible (self->unit_column)));
}

static void
on_tasks_items_changed (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        TmWindow   *self)
{
  queue_refresh (self, TRUE);
}

/* Counting and selecting */

static void
update_count (TmWindow *self)
{
  guint total = 0, shown;
  g_autofree char *text = NULL;

  if (self->portfolio != NULL)
    total = g_list_model_get_n_items (tm_portfolio_get_tasks (self->portfolio));
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->task_view));

  /* Translators: the number of tasks the filters let through, and the number of all tasks */
  text = g_strdup_printf (ngettext ("Showing %u of %u task", "Showing %u of %u tasks", total),
                          shown, total);
  gtk_label_set_text (self->count_label, text);

  if (total == 0)
    gtk_label_set_text (self->empty_label,
                        _("No tasks yet. Type a task above and press Enter to add it."));
  else
    gtk_label_set_text (self->empty_label, _("No tasks match the search and filters."));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label),
                          self->portfolio != NULL && shown == 0 &&
                          !tm_task_view_is_pending (self->task_view));
}

static void
on_task_view_items_changed (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            TmWindow   *self)
{
  /* The list worked out anew keeps the task that was selected. */
  if (self->selected_task != NULL &&
      gtk_single_selection_get_selected_item (self->selection) != (gpointer) self->selected_task)
    {
      guint at = tm_task_view_find (self->task_view, self->selected_task);

      if (at != G_MAXUINT)
        gtk_single_selection_set_selected (self->selection, at);
    }
  update_count (self);
}

static void
on_task_view_pending (TmWindow   *self,
                      GParamSpec *pspec,
                      TmTaskView *view)
{
  update_count (self);
}

static void
scroll_to_position (TmWindow *self,
                    guint     position)
{
  /* The list inside the column view owns the scrolling action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          break;
        }
    }
}

static gboolean
try_select_task (TmWindow *self,
                 TmTask   *task)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  /* New tasks usually land at the end. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(TmTask) item = g_list_model_get_item (model, i - 1);

      if (item == task)
        {
          gtk_single_selection_set_selected (self->selection, i - 1);
          scroll_to_position (self, i - 1);
          return TRUE;
        }
    }

  return FALSE;
}

static void
select_task (TmWindow *self,
             TmTask   *task)
{
  g_clear_object (&self->pending_select);

  if (task == NULL)
    return;

  if (!try_select_task (self, task) && tm_task_view_is_pending (self->task_view))
    self->pending_select = g_object_ref (task);
}

static void
on_selection_items_changed (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            TmWindow   *self)
{
  if (self->pending_select != NULL && added > 0)
    {
      g_autoptr(TmTask) task = g_steal_pointer (&self->pending_select);

      select_task (self, task);
    }
}

static void
on_selected_item_changed (TmWindow           *self,
                          GParamSpec         *pspec,
                          GtkSingleSelection *selection)
{
  TmTask *task = gtk_single_selection_get_selected_item (selection);

  /* The task being edited stays in view even when it no longer matches. */
  if (task != NULL)
    {
      g_set_object (&self->selected_task, task);
      tm_task_view_set_pinned (self->task_view, task);
    }
  tm_task_editor_set_task (self->editor, task);
  update_actions (self);
}

static void
edit_selected_task (TmWindow *self)
{
  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    return;

  show_editor (self, TRUE);
  tm_task_editor_focus_title (self->editor);
}

/* Double-click or Enter on a row: edit the task. */
static void
on_column_view_activate (TmWindow      *self,
                         guint          position,
                         GtkColumnView *column_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  edit_selected_task (self);
}

/* The row under a point of the column view, from the cell labels' list items. */
static guint
get_position_at (TmWindow *self,
                 double    x,
                 double    y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);

  for (; widget != NULL && widget != GTK_WIDGET (self->column_view);
       widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (widget), "tm-list-item");
      GtkWidget *child = gtk_widget_get_first_child (widget);

      /* A cell or a row: its first label tells. */
      while (item == NULL && child != NULL)
        {
          item = g_object_get_data (G_OBJECT (child), "tm-list-item");
          child = gtk_widget_get_first_child (child);
        }

      if (item != NULL)
        return gtk_list_item_get_position (item);
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
on_column_view_secondary_click (TmWindow        *self,
                                int              n_press,
                                double           x,
                                double           y,
                                GtkGestureClick *gesture)
{
  guint position = get_position_at (self, x, y);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->task_popover),
                               &(GdkRectangle) { (int)x, (int)y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->task_popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* Notifications and errors */

static void
hide_toast (TmWindow *self)
{
  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->toast_revealer, FALSE);
}

static gboolean
toast_timeout_cb (gpointer user_data)
{
  TmWindow *self = user_data;

  self->toast_timeout_id = 0;
  hide_toast (self);

  return G_SOURCE_REMOVE;
}

/* @open_uri (nullable): the notification offers to open it. @timeout: it goes by itself. */
static void
show_toast_full (TmWindow   *self,
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

static void
show_toast (TmWindow   *self,
            const char *text,
            gboolean    with_undo)
{
  show_toast_full (self, text, with_undo, NULL, TRUE);
}

static void
on_toast_close_clicked (TmWindow  *self,
                        GtkButton *button)
{
  hide_toast (self);
}

static void
on_toast_open_clicked (TmWindow  *self,
                       GtkButton *button)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup (self->toast_uri);

  hide_toast (self);
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

static void
show_gerror (TmWindow     *self,
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

/* Views and scenarios */

static const char *
current_view (TmWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->view_stack);

  return name ? name : "catalogue";
}

static void
on_view_changed (TmWindow *self)
{
  const char *view = current_view (self);
  gboolean catalogue = g_str_equal (view, "catalogue");
  gboolean rows = catalogue || g_str_equal (view, "matrix");

  /* Quick entry belongs to the list; the filters choose the rows of the list and the
   * matrix. Neither is for the room in presentation mode. */
  gtk_widget_set_visible (self->quick_entry_row, catalogue && !get_presentation (self));
  gtk_widget_set_visible (GTK_WIDGET (self->filter_revealer), rows && !get_presentation (self));
  tm_matrix_view_set_tasks (self->matrix_view,
                            g_str_equal (view, "matrix") ? G_LIST_MODEL (self->task_view) : NULL);
  update_actions (self);
}

/* The matrix's legend, drawn by the core at the window's font size. */
static void
matrix_legend_style (GtkWidget   *widget,
                     TmDrawStyle *style)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double scale = 1.0;

  if (font != NULL && pango_font_description_get_size (font) > 0)
    {
      double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;

      if (pango_font_description_get_size_is_absolute (font))
        size *= 72.0 / 96.0;
      scale = CLAMP (size / 10.0, 0.5, 4.0);
    }
  tm_draw_style_init (style, scale, FALSE);
}

static void
draw_matrix_legend (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  TmWindow *self = user_data;
  TmDrawStyle style;

  matrix_legend_style (GTK_WIDGET (area), &style);
  cairo_translate (cr, 12, 6);
  tm_draw_matrix_legend_full (cr, &style,
                              self->portfolio ? tm_portfolio_get_country (self->portfolio) : TM_COUNTRY_DK,
                              MAX (width - 24, 100));
}

/* The legend wraps: its height follows the width. */
static void
size_matrix_legend (TmWindow *self,
                    int       width,
                    int       height)
{
  TmDrawStyle style;
  int wanted;

  matrix_legend_style (self->matrix_legend, &style);
  wanted = (int) ceil (tm_draw_matrix_legend_full (NULL, &style,
                                                   self->portfolio ? tm_portfolio_get_country (self->portfolio)
                                                                   : TM_COUNTRY_DK,
                                                   MAX (width - 24, 100))) + 12;
  if (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (self->matrix_legend)) != wanted)
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->matrix_legend), wanted);
}

/* One scenario with its training, or every chosen scenario side by side. */
static void
sync_compare (TmWindow *self)
{
  gboolean on = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->compare_button));

  gtk_stack_set_visible_child_name (self->capacity_stack, on ? "compare" : "single");
  gtk_widget_set_visible (self->compare_menu_button, on);
}

/* The scenarios ticked in the chooser, at most TM_COMPARISON_MAX_SCENARIOS. */
static void
on_compare_toggled (TmWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  guint n = 0;

  for (GtkWidget *check = gtk_widget_get_first_child (self->compare_list); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
      {
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "tm-scenario-id"));
        n++;
      }
  /* No more than fit side by side on a projector. */
  for (GtkWidget *check = gtk_widget_get_first_child (self->compare_list); check != NULL;
       check = gtk_widget_get_next_sibling (check))
    gtk_widget_set_sensitive (check, gtk_check_button_get_active (GTK_CHECK_BUTTON (check)) ||
                                     n < TM_COMPARISON_MAX_SCENARIOS);
  ids = g_strv_builder_end (builder);
  tm_chart_view_set_scenarios (self->compare_chart, (const char * const *) ids);
}

/* The chooser lists the portfolio's scenarios; the compared ones are ticked. */
static void
fill_compare_list (TmWindow *self)
{
  GListModel *scenarios = self->portfolio ? tm_portfolio_get_scenarios (self->portfolio) : NULL;
  g_auto(GStrv) shown = tm_chart_view_dup_scenarios (self->compare_chart);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->compare_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->compare_list), child);

  for (guint i = 0; scenarios != NULL && i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);
      GtkWidget *check = gtk_check_button_new_with_label (tm_scenario_get_name (scenario));

      g_object_set_data_full (G_OBJECT (check), "tm-scenario-id",
                              g_strdup (tm_scenario_get_id (scenario)), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_strv_contains ((const char * const *) shown, tm_scenario_get_id (scenario)));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_compare_toggled), self);
      gtk_box_append (GTK_BOX (self->compare_list), check);
    }
  on_compare_toggled (self);
}

/* The path a portfolio is remembered by; NULL for an in-memory one. */
static char *
dup_portfolio_path (TmWindow *self)
{
  GFile *file = self->portfolio ? tm_portfolio_get_file (self->portfolio) : NULL;

  return file ? g_file_get_path (file) : NULL;
}

/* The scenario shown, kept per portfolio for the next time it opens. */
static void
remember_scenario (TmWindow   *self,
                   const char *id)
{
  g_autofree char *path = dup_portfolio_path (self);
  g_autoptr(GVariant) old = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  GVariantIter iter;
  const char *key, *value;
  guint n = 0;

  if (self->settings == NULL || path == NULL || id == NULL || self->restoring_scenario)
    return;

  old = g_settings_get_value (self->settings, "portfolio-scenarios");
  g_variant_builder_add (&builder, "{ss}", path, id);
  g_variant_iter_init (&iter, old);
  /* The newest first; a long-forgotten portfolio drops out after 50. */
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value) && n < 49)
    if (!g_str_equal (key, path))
      {
        g_variant_builder_add (&builder, "{ss}", key, value);
        n++;
      }
  g_settings_set_value (self->settings, "portfolio-scenarios", g_variant_builder_end (&builder));
}

static void
restore_scenario (TmWindow *self)
{
  g_autofree char *path = dup_portfolio_path (self);
  g_autoptr(GVariant) map = NULL;
  const char *id = NULL;

  if (self->settings == NULL || path == NULL)
    return;
  map = g_settings_get_value (self->settings, "portfolio-scenarios");
  if (g_variant_lookup (map, path, "&s", &id) && tm_portfolio_lookup_scenario (self->portfolio, id) != NULL)
    {
      self->restoring_scenario = TRUE;
      tm_scenario_bar_set_scenario_id (self->scenario_bar, id);
      self->restoring_scenario = FALSE;
    }
}

static void
on_scenario_changed (TmWindow *self)
{
  const char *id = tm_scenario_bar_get_scenario_id (self->scenario_bar);

  tm_matrix_view_set_scenario (self->matrix_view, id);
  tm_assessment_pane_set_scenario (self->assessment_pane, id);
  tm_chart_view_set_scenario (self->grid_chart, id);
  tm_chart_view_set_scenario (self->capacity_chart, id);
  tm_scenario_summary_set_scenario (self->scenario_summary, id);
  tm_task_view_set_status (self->task_view, self->status_key, id);
  tm_chart_view_set_scenario (self->flow_chart, id);
  tm_move_board_set_scenario (self->move_board, id);
  remember_scenario (self, id);
  update_actions (self);
}

static void
on_matrix_cursor_changed (TmWindow *self)
{
  tm_assessment_pane_set_cell (self->assessment_pane,
                               tm_matrix_view_get_cursor_task (self->matrix_view),
                               tm_matrix_view_get_cursor_profession (self->matrix_view));
}

/* A click in the level × complexity map shows those tasks in the list. */
static void
on_grid_cell_activated (TmWindow *self,
                        guint     level,
                        guint     complexity)
{
  gtk_drop_down_set_selected (self->level_filter, level + 1);
  gtk_drop_down_set_selected (self->complexity_filter, complexity + 1);
  gtk_revealer_set_reveal_child (self->filter_revealer, TRUE);
  gtk_stack_set_visible_child_name (self->view_stack, "catalogue");
}

static void
on_view_error (TmWindow   *self,
               const char *message)
{
  tm_window_show_error (self, message);
}

/* Enter on a card: the whole assessment of the move, using the window's width. */
static void
on_board_activate (TmWindow *self,
                   TmTask   *task)
{
  const char *scenario_id = tm_scenario_bar_get_scenario_id (self->scenario_bar);

  if (self->portfolio != NULL && scenario_id != NULL)
    tm_move_dialog_present (GTK_WINDOW (self), self->portfolio, task, scenario_id);
}

static GtkWidget *
scrolled (GtkWidget *child,
          gboolean   hscroll)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  hscroll ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_hexpand (scroller, TRUE);
  return scroller;
}

/* The matrix, the map and the charts, built here rather than in the
 * template so each stays a plain widget of its own. */
static void
setup_views (TmWindow *self)
{
  GtkWidget *paned, *box, *toolbar, *only, *pane_scroller, *label;

  self->matrix_view = TM_MATRIX_VIEW (tm_matrix_view_new ());
  /* The rows are given only while the matrix is shown: rebuilding its layout
   * on every step of an incremental sort of 100,000 tasks would never end. */
  g_signal_connect_swapped (self->matrix_view, "cursor-changed",
                            G_CALLBACK (on_matrix_cursor_changed), self);
  g_signal_connect_swapped (self->matrix_view, "error", G_CALLBACK (on_view_error), self);

  self->assessment_pane = TM_ASSESSMENT_PANE (tm_assessment_pane_new ());
  g_signal_connect_swapped (self->assessment_pane, "error", G_CALLBACK (on_view_error), self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (toolbar, "view-toolbar");
  only = gtk_check_button_new_with_mnemonic (_("Only professions _in play"));
  gtk_widget_set_tooltip_text (only, _("Hide the professions that neither perform nor are assessed for any of the tasks shown"));
  g_object_bind_property (only, "active", self->matrix_view, "only-in-play",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* The columns that matter first; untick to assess a new candidate. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (only), TRUE);
  label = gtk_label_new (_("Arrow keys move; 1–6 set the suitability, 0 clears it; Enter chooses the move"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_box_append (GTK_BOX (toolbar), only);
  gtk_box_append (GTK_BOX (toolbar), label);
  self->matrix_only_check = only;
  self->matrix_hint_label = label;
  {
    /* The legend says what the symbols, the filled cells and their status marks mean. */
    GtkWidget *legend_toggle = gtk_toggle_button_new_with_mnemonic (_("_Legend"));
    GtkWidget *revealer = gtk_revealer_new ();

    self->matrix_legend = gtk_drawing_area_new ();
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->matrix_legend),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Legend of the matrix"), -1);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->matrix_legend), draw_matrix_legend, self, NULL);
    gtk_widget_add_css_class (self->matrix_legend, "matrix-legend");
    g_signal_connect_swapped (self->matrix_legend, "resize", G_CALLBACK (size_matrix_legend), self);
    gtk_revealer_set_child (GTK_REVEALER (revealer), self->matrix_legend);
    g_object_bind_property (legend_toggle, "active", revealer, "reveal-child", G_BINDING_SYNC_CREATE);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (legend_toggle), TRUE);
    gtk_widget_set_tooltip_text (legend_toggle, _("Show what the symbols and marks of the matrix mean"));
    self->matrix_legend_toggle = legend_toggle;
    gtk_widget_set_halign (legend_toggle, GTK_ALIGN_END);
    gtk_widget_set_hexpand (legend_toggle, TRUE);
    gtk_box_append (GTK_BOX (toolbar), legend_toggle);
    gtk_box_append (GTK_BOX (box), toolbar);
    gtk_box_append (GTK_BOX (box), scrolled (GTK_WIDGET (self->matrix_view), TRUE));
    gtk_box_append (GTK_BOX (box), revealer);
  }

  /* The pane scrolls itself. */
  pane_scroller = GTK_WIDGET (self->assessment_pane);
  gtk_widget_set_hexpand (pane_scroller, FALSE);
  gtk_widget_set_size_request (pane_scroller, 360, -1);
  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), box);
  gtk_paned_set_end_child (GTK_PANED (paned), pane_scroller);
  gtk_paned_set_resize_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (self->matrix_page, paned);

  self->grid_chart = TM_CHART_VIEW (tm_chart_view_new (TM_VIEW_GRID));
  g_signal_connect_swapped (self->grid_chart, "cell-activated",
                            G_CALLBACK (on_grid_cell_activated), self);
  gtk_box_append (self->map_page, scrolled (GTK_WIDGET (self->grid_chart), TRUE));

  /* Capacity: the scenario chosen, or the scenarios side by side. */
  self->capacity_chart = TM_CHART_VIEW (tm_chart_view_new (TM_VIEW_CAPACITY));
  self->compare_chart = TM_CHART_VIEW (tm_chart_view_new (TM_VIEW_COMPARISON));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  toolbar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (toolbar, "view-toolbar");
  {
    GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *heading = gtk_label_new (_("Compare up to four scenarios"));

    gtk_widget_add_css_class (linked, "linked");
    /* Translators: the capacity page shows the scenario chosen in the header */
    self->single_button = gtk_toggle_button_new_with_mnemonic (_("Th_is Scenario"));
    /* Translators: the capacity page shows several scenarios side by side */
    self->compare_button = gtk_toggle_button_new_with_mnemonic (_("Scenarios _Side by Side"));
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (self->compare_button),
                                 GTK_TOGGLE_BUTTON (self->single_button));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->single_button), TRUE);
    g_signal_connect_swapped (self->compare_button, "toggled", G_CALLBACK (sync_compare), self);
    gtk_box_append (GTK_BOX (linked), self->single_button);
    gtk_box_append (GTK_BOX (linked), self->compare_button);
    gtk_box_append (GTK_BOX (toolbar), linked);

    gtk_widget_add_css_class (heading, "heading");
    gtk_label_set_xalign (GTK_LABEL (heading), 0);
    self->compare_list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
    gtk_box_append (GTK_BOX (popover_box), heading);
    gtk_box_append (GTK_BOX (popover_box), self->compare_list);
    gtk_popover_set_child (GTK_POPOVER (popover), popover_box);
    /* Filled as it opens: the scenarios may have been added or renamed since. */
    g_signal_connect_swapped (popover, "show", G_CALLBACK (fill_compare_list), self);
    self->compare_menu_button = gtk_menu_button_new ();
    gtk_menu_button_set_label (GTK_MENU_BUTTON (self->compare_menu_button), _("Scenarios to _Compare…"));
    gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->compare_menu_button), TRUE);
    gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->compare_menu_button), popover);
    gtk_widget_set_tooltip_text (self->compare_menu_button, _("Choose the scenarios to compare"));
    gtk_box_append (GTK_BOX (toolbar), self->compare_menu_button);
  }
  gtk_box_append (GTK_BOX (box), toolbar);
  {
    GtkWidget *charts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    self->capacity_stack = GTK_STACK (gtk_stack_new ());
    self->scenario_summary = TM_SCENARIO_SUMMARY (tm_scenario_summary_new ());
    gtk_box_append (GTK_BOX (charts), GTK_WIDGET (self->capacity_chart));
    gtk_box_append (GTK_BOX (charts), GTK_WIDGET (self->scenario_summary));
    gtk_stack_add_named (self->capacity_stack, scrolled (charts, TRUE), "single");
    gtk_stack_add_named (self->capacity_stack, scrolled (GTK_WIDGET (self->compare_chart), TRUE), "compare");
    gtk_widget_set_vexpand (GTK_WIDGET (self->capacity_stack), TRUE);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->capacity_stack));
  }
  gtk_box_append (self->capacity_page, box);
  sync_compare (self);

  self->flow_chart = TM_CHART_VIEW (tm_chart_view_new (TM_VIEW_FLOW));
  gtk_box_append (self->flow_page, scrolled (GTK_WIDGET (self->flow_chart), TRUE));

  /* The moves as cards by status: where a workshop ends. */
  self->move_board = TM_MOVE_BOARD (tm_move_board_new ());
  g_signal_connect_swapped (self->move_board, "error", G_CALLBACK (on_view_error), self);
  g_signal_connect_swapped (self->move_board, "activate", G_CALLBACK (on_board_activate), self);
  gtk_box_append (self->board_page, scrolled (GTK_WIDGET (self->move_board), FALSE));
}

const char *
_tm_window_get_scenario_id (TmWindow *self)
{
  return tm_scenario_bar_get_scenario_id (self->scenario_bar);
}

GtkDropDown *
_tm_window_get_status_filter (TmWindow *self)
{
  return self->status_filter;
}

GtkWidget *
_tm_window_get_grid_chart (TmWindow *self)
{
  return GTK_WIDGET (self->grid_chart);
}

const char *
_tm_window_get_view (TmWindow *self)
{
  return current_view (self);
}

void
_tm_window_show_view (TmWindow   *self,
                      const char *view)
{
  gtk_stack_set_visible_child_name (self->view_stack, view);
}

/* Portfolio state in the header bar */

static void
update_title (TmWindow *self)
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

static void
update_undo_tooltips (TmWindow *self)
{
  const char *undo = self->portfolio ? tm_portfolio_get_undo_label (self->portfolio) : NULL;
  const char *redo = self->portfolio ? tm_portfolio_get_redo_label (self->portfolio) : NULL;

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button),
                               undo != NULL && *undo != '\0' ? undo : _("Undo"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button),
                               redo != NULL && *redo != '\0' ? redo : _("Redo"));
}

static void
on_undo_label_changed (TmWindow *self)
{
  update_undo_tooltips (self);
  /* The notification's Undo would now undo something else. */
  hide_toast (self);
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

static void
update_actions (TmWindow *self)
{
  gboolean has_portfolio = self->portfolio != NULL;
  gboolean has_task = has_portfolio && gtk_single_selection_get_selected_item (self->selection);

  set_action_enabled (self, "add-task", has_portfolio);
  set_action_enabled (self, "edit-task", has_task);
  set_action_enabled (self, "duplicate-task", has_task);
  set_action_enabled (self, "delete-task", has_task);
  set_action_enabled (self, "undo", has_portfolio && tm_portfolio_can_undo (self->portfolio));
  set_action_enabled (self, "redo", has_portfolio && tm_portfolio_can_redo (self->portfolio));
  set_action_enabled (self, "find", has_portfolio);
  set_action_enabled (self, "presentation", has_portfolio);
  set_action_enabled (self, "save-copy",
                      has_portfolio && tm_portfolio_get_file (self->portfolio) != NULL);
  set_action_enabled (self, "unit-details", has_portfolio);
  set_action_enabled (self, "professions", has_portfolio);
  set_action_enabled (self, "toggle-editor", has_portfolio);
  set_action_enabled (self, "import", has_portfolio);
  set_action_enabled (self, "export", has_portfolio);
  set_action_enabled (self, "export-workbook", has_portfolio);
  set_action_enabled (self, "export-view",
                      has_portfolio && !g_str_equal (current_view (self), "catalogue"));
  /* The list is printed as the matrix; each other view as it is. */
  set_action_enabled (self, "print",
                      has_portfolio && !g_str_equal (current_view (self), "catalogue"));
  set_action_enabled (self, "workshops", has_portfolio);
  set_action_enabled (self, "history", has_portfolio);
  set_action_enabled (self, "task-history", has_task);
  set_action_enabled (self, "committee-report", has_portfolio);

  /* The welcome page has its own buttons; the portfolio's would only be greyed out. */
  gtk_widget_set_visible (self->add_task_button, has_portfolio);
  gtk_widget_set_visible (self->undo_box, has_portfolio);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), has_portfolio);
  gtk_widget_set_visible (self->presentation_button, has_portfolio);
  gtk_widget_set_visible (self->editor_button, has_portfolio);
}

/* Recent files */

static GStrv
dup_recent_files (TmWindow *self)
{
  if (self->settings == NULL)
    return g_new0 (char *, 1);

  return g_settings_get_strv (self->settings, "recent-files");
}

static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
update_recent (TmWindow *self)
{
  g_auto(GStrv) recent = dup_recent_files (self);
  GtkWidget *child;
  guint n_shown = 0;

  g_menu_remove_all (self->recent_section);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL && n_shown < MAX_RECENT_FILES; i++)
    {
      g_autofree char *name = g_filename_display_basename (recent[i]);
      g_autofree char *dir = g_path_get_dirname (recent[i]);
      g_autofree char *dir_display = g_filename_display_name (dir);
      g_autofree char *menu_label = NULL;
      g_autoptr(GMenuItem) item = NULL;
      GtkWidget *row, *box, *label;

      if (!g_file_test (recent[i], G_FILE_TEST_EXISTS))
        continue;

      menu_label = escape_underscores (name);
      item = g_menu_item_new (menu_label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (dir_display);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (recent[i]), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, dir_display,
                                      -1);
      gtk_list_box_append (self->recent_list, row);
      n_shown++;
    }

  if (n_shown == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Portfolios"), "win.no-recent");

      g_menu_append_item (self->recent_section, item);
    }

  gtk_widget_set_visible (self->recent_box, n_shown > 0);
}

static void
on_recent_row_activated (TmWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (path != NULL && TM_IS_APPLICATION (app))
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      tm_application_open_file (TM_APPLICATION (app), file, GTK_WINDOW (self));
    }
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
      show_gerror (self, error);
      return NULL;
    }

  /* A task the search text does not find would vanish as soon as it is added. */
  if (tm_task_view_get_filters_active (self->task_view))
    tm_task_view_set_pinned (self->task_view, task);

  select_task (self, task);

  return task;
}

static void
on_quick_entry_activate (TmWindow *self,
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

static void
show_editor (TmWindow *self,
             gboolean  visible)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "toggle-editor");

  g_action_change_state (action, g_variant_new_boolean (visible));
}

static void
add_task_action (GSimpleAction *action,
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

  show_editor (self, TRUE);
  if (tm_task_editor_get_task (self->editor) == task)
    tm_task_editor_focus_title (self->editor);
}

static void
edit_task_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  edit_selected_task (user_data);
}

static void
duplicate_task_action (GSimpleAction *action,
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
      show_gerror (self, error);
      return;
    }

  select_task (self, copy);
}

static void
delete_task_action (GSimpleAction *action,
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
      show_gerror (self, error);
      return;
    }

  if (title != NULL && *title != '\0')
    /* Translators: shown after deleting a task; %s is its title */
    text = g_strdup_printf (_("“%s” deleted"), title);
  else
    text = g_strdup (_("Task deleted"));

  show_toast (self, text, TRUE);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->portfolio == NULL || !tm_portfolio_can_undo (self->portfolio))
    return;

  hide_toast (self);
  if (!tm_portfolio_undo (self->portfolio, &error))
    show_gerror (self, error);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->portfolio == NULL || !tm_portfolio_can_redo (self->portfolio))
    return;

  hide_toast (self);
  if (!tm_portfolio_redo (self->portfolio, &error))
    show_gerror (self, error);
}

static void
find_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio == NULL)
    return;

  gtk_revealer_set_reveal_child (self->filter_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
set_presentation (TmWindow *self,
                  gboolean  presentation)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "presentation");
  gboolean was = get_presentation (self);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (presentation));

  /* The room shows the list; the editor comes back with F9 or by activating a row. */
  if (presentation && !was)
    {
      self->editor_before_presentation = gtk_widget_get_visible (self->editor_scroller);
      self->editor_for_presentation = TRUE;
      show_editor (self, FALSE);
      self->editor_for_presentation = FALSE;
    }
  else if (!presentation && was)
    {
      self->editor_for_presentation = TRUE;
      show_editor (self, self->editor_before_presentation);
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
  on_view_changed (self);
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
  on_list_width_changed (self);
}

static gboolean
get_presentation (TmWindow *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self),
                                                               "presentation");

  return state != NULL && g_variant_get_boolean (state);
}

static void
presentation_change_state (GSimpleAction *action,
                           GVariant      *state,
                           gpointer       user_data)
{
  set_presentation (user_data, g_variant_get_boolean (state));
}

static gboolean
leave_presentation_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  TmWindow *self = TM_WINDOW (widget);

  if (!get_presentation (self))
    return FALSE;

  set_presentation (self, FALSE);
  return TRUE;
}

static void
on_fullscreened_changed (TmWindow   *self,
                         GParamSpec *pspec)
{
  gboolean fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));

  /* Left full screen some other way (the window manager): leave presentation mode too. */
  if (self->was_fullscreen && !fullscreen && get_presentation (self))
    set_presentation (self, FALSE);

  self->was_fullscreen = fullscreen;
}

static void
toggle_editor_change_state (GSimpleAction *action,
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

static void
on_save_copy_response (TmWindow             *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->save_chooser);

  if (file == NULL)
    return;

  if (tm_portfolio_get_file (self->portfolio) != NULL &&
      g_file_equal (file, tm_portfolio_get_file (self->portfolio)))
    {
      tm_window_show_error (self, _("A copy cannot replace the portfolio itself. Choose another name."));
      return;
    }

  if (!tm_portfolio_save_copy (self->portfolio, file, &error))
    {
      show_gerror (self, error);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *text = NULL;

      /* Translators: shown after saving a copy; %s is the copy's file name */
      text = g_strdup_printf (_("Copy saved as “%s”"), display);
      show_toast (self, text, FALSE);
    }
}

static void
save_copy_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GFile *file;

  if (self->portfolio == NULL || self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save a Copy"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Taskmap portfolios"));
  gtk_file_filter_add_pattern (filter, "*.taskmap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);

  file = tm_portfolio_get_file (self->portfolio);
  if (file != NULL)
    {
      g_autoptr(GFile) dir = g_file_get_parent (file);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *stem = NULL;

      if (g_str_has_suffix (basename, ".taskmap"))
        basename[strlen (basename) - strlen (".taskmap")] = '\0';
      stem = g_filename_display_name (basename);
      /* Translators: the file name suggested for a copy; %s is the portfolio's file name */
      name = g_strdup_printf (_("%s (copy)"), stem);

      if (dir != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), dir, NULL);
    }
  else
    {
      name = g_strdup (_("Portfolio"));
    }

  {
    g_autofree char *full = g_strconcat (name, ".taskmap", NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), full);
  }

  g_signal_connect_swapped (self->save_chooser, "response",
                            G_CALLBACK (on_save_copy_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

/* Export View */

static gboolean
view_kind_of (const char *view,
              TmViewKind *kind)
{
  if (g_strcmp0 (view, "matrix") == 0)
    *kind = TM_VIEW_MATRIX;
  else if (g_strcmp0 (view, "map") == 0)
    *kind = TM_VIEW_GRID;
  else if (g_strcmp0 (view, "capacity") == 0)
    *kind = TM_VIEW_CAPACITY;
  else if (g_strcmp0 (view, "flow") == 0)
    *kind = TM_VIEW_FLOW;
  else if (g_strcmp0 (view, "board") == 0)
    *kind = TM_VIEW_BOARD;
  else
    return FALSE;
  return TRUE;
}

/* The view shown as the exports and printing draw it: the capacity page
 * side by side is the comparison of the scenarios chosen there (@ids, free
 * it); the matrix has the rows the window shows, in its order. */
static gboolean
shown_view (TmWindow        *self,
            TmViewKind      *kind,
            TmExportOptions *options,
            GStrv           *ids)
{
  *ids = NULL;
  if (self->portfolio == NULL || !view_kind_of (current_view (self), kind))
    return FALSE;
  if (*kind == TM_VIEW_CAPACITY &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->capacity_stack), "compare") == 0)
    {
      *kind = TM_VIEW_COMPARISON;
      *ids = tm_chart_view_dup_scenarios (self->compare_chart);
      options->scenario_ids = (const char * const *) *ids;
    }
  if (*kind == TM_VIEW_MATRIX)
    options->tasks = G_LIST_MODEL (self->task_view);
  return TRUE;
}

gboolean
_tm_window_export_view (TmWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_auto(GStrv) ids = NULL;
  TmExportFormat format = TM_EXPORT_PDF;
  TmExportOptions options = { 0 };
  TmViewKind kind;

  if (!shown_view (self, &kind, &options, &ids))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose the matrix or one of the charts to export it."));
      return FALSE;
    }

  for (guint i = 0; i < TM_N_EXPORT_FORMATS; i++)
    {
      g_autofree char *suffix = g_strconcat (".", tm_export_format_get_extension (i), NULL);

      if (g_str_has_suffix (basename, suffix))
        format = i;
    }

  return tm_view_export_full (self->portfolio, _tm_window_get_scenario_id (self), kind, format,
                              file, &options, error);
}

static void
on_export_response (TmWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileFilter *filter;

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      const char *extension = filter ? g_object_get_data (G_OBJECT (filter), "extension") : NULL;
      gboolean known = FALSE;

      for (guint i = 0; i < TM_N_EXPORT_FORMATS; i++)
        {
          g_autofree char *suffix = g_strconcat (".", tm_export_format_get_extension (i), NULL);

          known |= g_str_has_suffix (basename, suffix);
        }

      /* No extension typed: the chosen file type's. */
      if (!known)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *name = g_strconcat (basename, ".", extension ? extension : "pdf", NULL);

          GFile *child = g_file_get_child (parent, name);

          g_object_unref (file);
          file = child;
        }
    }

  g_clear_object (&self->export_chooser);

  if (file == NULL)
    return;

  if (!_tm_window_export_view (self, file, &error))
    show_gerror (self, error);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *text = NULL;

      /* Translators: shown after exporting a view; %s is the file name */
      text = g_strdup_printf (_("Exported as “%s”"), display);
      show_toast (self, text, FALSE);
    }
}

static void
export_view_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autofree char *name = NULL;
  TmViewKind kind;

  if (self->portfolio == NULL || self->export_chooser != NULL ||
      !view_kind_of (current_view (self), &kind))
    return;

  self->export_chooser = gtk_file_chooser_native_new (_("Export View"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"),
                                                      _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);

  for (int i = TM_N_EXPORT_FORMATS - 1; i >= 0; i--)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strconcat ("*.", tm_export_format_get_extension (i), NULL);

      gtk_file_filter_set_name (filter, tm_export_format_get_label (i));
      gtk_file_filter_add_pattern (filter, pattern);
      g_object_set_data (G_OBJECT (filter), "extension",
                         (gpointer) tm_export_format_get_extension (i));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);
    }

  /* Translators: a suggested file name: the unit's name, then the view's, e.g. "Ward 7 – Capacity" */
  name = g_strdup_printf (_("%s – %s"),
                          *tm_portfolio_get_unit_name (self->portfolio)
                            ? tm_portfolio_get_unit_name (self->portfolio) : _("Portfolio"),
                          tm_view_kind_get_label (kind));
  g_strdelimit (name, "/\\", '-');
  {
    g_autofree char *full = g_strconcat (name, ".pdf", NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), full);
  }

  g_signal_connect_swapped (self->export_chooser, "response",
                            G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* File → Import… */

static void
on_csv_imported (TmWindow       *self,
                 guint           n_imported,
                 const char     *summary,
                 TmImportDialog *dialog)
{
  show_toast (self, summary, n_imported > 0);
}

static void
on_merge_applied (TmWindow      *self,
                  const char    *result,
                  gboolean       changed,
                  TmMergeDialog *dialog)
{
  /* Undo only where there is something of the import's to undo. */
  show_toast (self, result, changed);
}

static void
import_xml (TmWindow *self,
            GFile    *file)
{
  g_autoptr(TmMergePlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  TmMergeDialog *dialog;

  /* Nothing is written until the plan is applied. */
  plan = tm_merge_plan_new_for_file (self->portfolio, file, &error);
  if (plan == NULL)
    {
      show_gerror (self, error);
      return;
    }

  /* Only new and unchanged tasks: nothing for the user to decide. */
  if (tm_merge_plan_count (plan, TM_MERGE_UPDATED) == 0 &&
      tm_merge_plan_count (plan, TM_MERGE_CONFLICT) == 0)
    {
      g_autofree char *result = NULL;

      if (!tm_merge_plan_apply (plan, &error))
        {
          show_gerror (self, error);
          return;
        }

      result = tm_merge_dialog_describe_result (plan);
      show_toast (self, result, tm_merge_plan_count (plan, TM_MERGE_ADDED) > 0);
      return;
    }

  dialog = tm_merge_dialog_present (GTK_WINDOW (self), g_steal_pointer (&plan));
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_merge_applied), self,
                           G_CONNECT_SWAPPED);
}

typedef struct {
  TmWindow    *window;     /* owned */
  TmPortfolio *portfolio;  /* owned: the portfolio the import is for */
} CsvRead;

static void
on_csv_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CsvRead *read = user_data;
  TmWindow *self = read->window;
  g_autoptr(GError) error = NULL;
  TmCsvTable *table;
  TmImportDialog *dialog;

  table = tm_import_dialog_read_finish (result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      g_clear_object (&self->import_cancellable);
    }

  /* The window closed, or shows another portfolio now. */
  if (self->portfolio == NULL || self->portfolio != read->portfolio ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&table, tm_csv_table_free);
    }
  else if (table == NULL)
    {
      show_gerror (self, error);
    }
  else
    {
      dialog = tm_import_dialog_present (GTK_WINDOW (self), self->portfolio, table);
      g_signal_connect_object (dialog, "imported", G_CALLBACK (on_csv_imported), self,
                               G_CONNECT_SWAPPED);
    }

  g_object_unref (read->window);
  g_object_unref (read->portfolio);
  g_free (read);
}

static void
import_csv (TmWindow *self,
            GFile    *file)
{
  CsvRead *read;

  if (self->import_cancellable != NULL)
    return;

  /* A large spreadsheet takes a moment; the window stays responsive. */
  self->import_cancellable = g_cancellable_new ();
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");

  read = g_new0 (CsvRead, 1);
  read->window = g_object_ref (self);
  read->portfolio = g_object_ref (self->portfolio);
  tm_import_dialog_read_async (file, self->import_cancellable, on_csv_read, read);
}

void
_tm_window_import_file (TmWindow *self,
                        GFile    *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;

  g_return_if_fail (TM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->portfolio == NULL)
    return;

  basename = g_file_get_basename (file);
  lower = g_ascii_strdown (basename != NULL ? basename : "", -1);
  if (g_str_has_suffix (lower, ".xml"))
    import_xml (self, file);
  else
    import_csv (self, file);
}

gboolean
_tm_window_is_reading (TmWindow *self)
{
  g_return_val_if_fail (TM_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL;
}

static void
on_import_response (TmWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->import_chooser);

  if (file != NULL)
    _tm_window_import_file (self, file);
}

static void
import_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  static const char * const csv_patterns[] = { "*.csv", "*.tsv", "*.txt" };

  if (self->portfolio == NULL || self->import_chooser != NULL || self->import_cancellable != NULL)
    return;

  self->import_chooser = gtk_file_chooser_native_new (_("Import"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN,
                                                      _("_Import"),
                                                      _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->import_chooser), TRUE);

  gtk_file_filter_set_name (all, _("Taskmap XML and spreadsheets"));
  gtk_file_filter_add_pattern (all, "*.xml");
  gtk_file_filter_set_name (xml, _("Taskmap XML (*.xml)"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_filter_set_name (csv, _("Spreadsheet (*.csv, *.tsv, *.txt)"));
  for (guint i = 0; i < G_N_ELEMENTS (csv_patterns); i++)
    {
      gtk_file_filter_add_pattern (all, csv_patterns[i]);
      gtk_file_filter_add_pattern (csv, csv_patterns[i]);
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), xml);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), csv);

  g_signal_connect_swapped (self->import_chooser, "response",
                            G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

/* File → Export… */

static const char *
export_format_get_extension (TmWindowExport format)
{
  switch (format)
    {
    case TM_WINDOW_EXPORT_XML: return "xml";
    case TM_WINDOW_EXPORT_XLSX: return "xlsx";
    case TM_WINDOW_EXPORT_CSV_CATALOGUE:
    case TM_WINDOW_EXPORT_CSV_MATRIX:
    case TM_WINDOW_N_EXPORTS:
    default:
      return "csv";
    }
}

static const char *
export_format_get_label (TmWindowExport format)
{
  switch (format)
    {
    case TM_WINDOW_EXPORT_XML: return _("Taskmap XML (*.xml)");
    case TM_WINDOW_EXPORT_CSV_CATALOGUE: return _("Task catalogue, spreadsheet (*.csv)");
    case TM_WINDOW_EXPORT_CSV_MATRIX: return _("Tasks × professions matrix, spreadsheet (*.csv)");
    case TM_WINDOW_EXPORT_XLSX: return _("Excel workbook (*.xlsx)");
    case TM_WINDOW_N_EXPORTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
_tm_window_export_portfolio (TmWindow        *self,
                             GFile           *file,
                             TmWindowExport   format,
                             GError         **error)
{
  const char *scenario_id;

  g_return_val_if_fail (TM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->portfolio != NULL, FALSE);

  scenario_id = _tm_window_get_scenario_id (self);

  switch (format)
    {
    case TM_WINDOW_EXPORT_XML:
      return tm_xml_export_file (self->portfolio, file, error);
    case TM_WINDOW_EXPORT_CSV_CATALOGUE:
      return tm_csv_export_catalogue_file (self->portfolio, file, error);
    case TM_WINDOW_EXPORT_CSV_MATRIX:
      return tm_csv_export_matrix_file (self->portfolio, scenario_id, file, error);
    case TM_WINDOW_EXPORT_XLSX:
      return tm_xlsx_export (self->portfolio, scenario_id, file, error);
    case TM_WINDOW_N_EXPORTS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static const char *
export_format_get_title (TmWindowExport format)
{
  switch (format)
    {
    case TM_WINDOW_EXPORT_XML: return _("Export as Taskmap XML");
    case TM_WINDOW_EXPORT_CSV_CATALOGUE: return _("Export the Task Catalogue as CSV");
    case TM_WINDOW_EXPORT_CSV_MATRIX: return _("Export the Matrix as CSV");
    case TM_WINDOW_EXPORT_XLSX: return _("Export as Excel Workbook");
    case TM_WINDOW_N_EXPORTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
on_exchange_response (TmWindow             *self,
                      int                   response,
                      GtkFileChooserNative *chooser)
{
  TmWindowExport format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "tm-export-format"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->exchange_chooser);

  if (file == NULL)
    return;

  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *lower = g_ascii_strdown (basename, -1);
    g_autofree char *suffix = g_strconcat (".", export_format_get_extension (format), NULL);

    /* The file's name says what it holds. */
    if (!g_str_has_suffix (lower, suffix))
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autofree char *name = g_strconcat (basename, suffix, NULL);

        g_object_unref (file);
        file = g_file_get_child (parent, name);
      }
  }

  if (!_tm_window_export_portfolio (self, file, format, &error))
    {
      show_gerror (self, error);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *text = NULL;

      /* Translators: shown after exporting a view; %s is the file name */
      text = g_strdup_printf (_("Exported as “%s”"), display);
      show_toast (self, text, FALSE);
    }
}

static void
export_as (TmWindow       *self,
           TmWindowExport  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = NULL;
  g_autofree char *name = NULL;
  const char *unit;

  if (self->portfolio == NULL || self->exchange_chooser != NULL)
    return;

  self->exchange_chooser = gtk_file_chooser_native_new (export_format_get_title (format),
                                                        GTK_WINDOW (self),
                                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                                        _("_Export"),
                                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->exchange_chooser), TRUE);
  g_object_set_data (G_OBJECT (self->exchange_chooser), "tm-export-format",
                     GINT_TO_POINTER (format));

  pattern = g_strconcat ("*.", export_format_get_extension (format), NULL);
  gtk_file_filter_set_name (filter, export_format_get_label (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->exchange_chooser), filter);

  unit = tm_portfolio_get_unit_name (self->portfolio);
  name = g_strconcat (unit != NULL && *unit != '\0' ? unit : _("Portfolio"),
                      ".", export_format_get_extension (format), NULL);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->exchange_chooser), name);

  g_signal_connect_swapped (self->exchange_chooser, "response",
                            G_CALLBACK (on_exchange_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->exchange_chooser));
}

/* win.export: "xml", "catalogue" or "matrix". */
static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TmWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);

  if (g_str_equal (id, "catalogue"))
    export_as (self, TM_WINDOW_EXPORT_CSV_CATALOGUE);
  else if (g_str_equal (id, "matrix"))
    export_as (self, TM_WINDOW_EXPORT_CSV_MATRIX);
  else
    export_as (self, TM_WINDOW_EXPORT_XML);
}

/* A separate action, missing (and its menu item hidden) without libxlsxwriter. */
static void
export_workbook_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  export_as (user_data, TM_WINDOW_EXPORT_XLSX);
}

static void
unit_details_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_unit_dialog_present (GTK_WINDOW (self), self->portfolio);
}

static void
professions_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_professions_dialog_present (GTK_WINDOW (self), self->portfolio);
}

static void
workshops_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_workshops_dialog_present (GTK_WINDOW (self), self->portfolio, _tm_window_get_scenario_id (self));
}

static void
history_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_history_dialog_present (GTK_WINDOW (self), self->portfolio, NULL);
}

/* The selected task's changes (from its context menu). */
static void
task_history_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TmWindow *self = user_data;
  TmTask *task = gtk_single_selection_get_selected_item (self->selection);

  if (self->portfolio != NULL && task != NULL)
    tm_history_dialog_present (GTK_WINDOW (self), self->portfolio, task);
}

/* File → Committee Report… */

static void
on_report_written (TmWindow       *self,
                   GFile          *file,
                   TmReportDialog *dialog)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = NULL;

  /* Translators: shown after writing the committee report; %s is the file name */
  text = g_strdup_printf (_("Committee report saved as “%s”"), display);
  /* The dialog opens the PDF itself when asked to; else the notification offers it. */
  show_toast_full (self, text, FALSE,
                   tm_report_dialog_get_open_when_written (dialog) ? NULL : uri, TRUE);
}

static void
committee_report_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio == NULL)
    return;
  g_signal_connect_object (tm_report_dialog_present (GTK_WINDOW (self), self->portfolio),
                           "written", G_CALLBACK (on_report_written), self, G_CONNECT_SWAPPED);
}

/* Your name, for the history of changes */

/* The name in the settings goes to the portfolio; empty: the system's name for the user. */
static void
apply_user_name (TmWindow *self)
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
      apply_user_name (self);
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

static void
user_name_action (GSimpleAction *action,
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

/* Timing in the list */

static void
on_cell_editor_message (TmWindow   *self,
                        const char *text,
                        gboolean    is_error)
{
  /* A value refused while typing is said beside the work; a refused paste stays. */
  if (is_error && !tm_cell_editor_is_editing (self->cell_editor))
    tm_window_show_error (self, text);
  else
    show_toast (self, text, !is_error);
}

static gboolean
on_list_key_pressed (TmWindow              *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  guint position;
  gunichar c;

  if (self->portfolio == NULL || tm_cell_editor_is_editing (self->cell_editor) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  if (keyval == GDK_KEY_F2)
    {
      tm_cell_editor_start (self->cell_editor, position,
                            tm_cell_editor_get_kind (self->cell_editor), NULL);
      return TRUE;
    }

  /* A digit on a row: its minutes, from that digit on. */
  c = gdk_keyval_to_unicode (keyval);
  if (c >= '0' && c <= '9')
    {
      char initial[2] = { (char) c, '\0' };

      tm_cell_editor_start (self->cell_editor, position, TM_CELL_MINUTES, initial);
      return TRUE;
    }

  return FALSE;
}

static void
paste_rows_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_cell_editor_paste (self->cell_editor);
}

/* File → Print: the view shown, drawn as the PDF export draws it, in the
 * portfolio's language. */
typedef struct {
  TmViewPrint *print;
  TmPortfolio *portfolio;
  char        *scenario_id;
  TmViewKind   kind;
  GStrv        ids;
  GListModel  *tasks;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->print, tm_view_print_free);
  g_clear_object (&job->portfolio);
  g_clear_object (&job->tasks);
  g_strfreev (job->ids);
  g_free (job->scenario_id);
  g_free (job);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  TmExportOptions options = { 0 };

  options.tasks = job->tasks;
  options.scenario_ids = (const char * const *) job->ids;
  g_clear_pointer (&job->print, tm_view_print_free);
  job->print = tm_view_print_new (job->portfolio, job->scenario_id, job->kind, &options,
                                  gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, tm_view_print_get_n_pages (job->print));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  if (job->print != NULL && page >= 0 && (guint) page < tm_view_print_get_n_pages (job->print))
    tm_view_print_draw_page (job->print, gtk_print_context_get_cairo_context (context), page);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               TmWindow                *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        tm_window_show_error (self, error->message);
    }
}

GtkPrintOperation *
_tm_window_create_print_operation (TmWindow *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPrintOperation *operation;
  TmExportOptions options = { 0 };
  PrintJob *job;
  TmViewKind kind;
  GStrv ids = NULL;

  if (!shown_view (self, &kind, &options, &ids))
    return NULL;

  job = g_new0 (PrintJob, 1);
  job->portfolio = g_object_ref (self->portfolio);
  job->scenario_id = g_strdup (_tm_window_get_scenario_id (self));
  job->kind = kind;
  job->ids = ids;
  job->tasks = options.tasks != NULL ? g_object_ref (options.tasks) : NULL;

  operation = gtk_print_operation_new ();
  /* Landscape, as the exports: the matrix and the charts are wide. */
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, tm_view_kind_get_label (kind));
  g_object_set_data_full (G_OBJECT (operation), "tm-print-job", job, (GDestroyNotify) print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  return operation;
}

static void
print_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GtkPrintOperation) operation = _tm_window_create_print_operation (self);
  g_autoptr(GError) error = NULL;

  if (operation == NULL)
    return;
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      error != NULL)
    tm_window_show_error (self, error->message);
}

/* Alt+1 … Alt+6: the views, also in presentation mode, where the keyboard is all there is. */
static void
view_action (GSimpleAction *action,
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

static void
close_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static const GActionEntry win_entries[] = {
  { "add-task", add_task_action },
  { "edit-task", edit_task_action },
  { "duplicate-task", duplicate_task_action },
  { "delete-task", delete_task_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "find", find_action },
  { "presentation", NULL, NULL, "false", presentation_change_state },
  { "save-copy", save_copy_action },
  { "export-view", export_view_action },
  { "import", import_action },
  { "export", export_action, "s" },
  { "unit-details", unit_details_action },
  { "professions", professions_action },
  { "workshops", workshops_action },
  { "history", history_action },
  { "task-history", task_history_action },
  { "committee-report", committee_report_action },
  { "user-name", user_name_action },
  { "close", close_action },
  { "paste-rows", paste_rows_action },
  { "view", view_action, "s" },
  { "print", print_action },
  { "toggle-editor", NULL, NULL, "true", toggle_editor_change_state },
};

/* The task list */


static char *
hours_to_text (gpointer this,
               double   hours)
{
  if (hours < 0)
    return g_strdup ("—");

  return g_strdup_printf ("%.1f", hours);
}

static char *
hours_to_tooltip (gpointer this,
                  double   hours)
{
  if (hours < 0)
    return g_strdup (_("Not estimated"));

  return NULL;
}

/* An expression for @property of the list item's task. */
static GtkExpression *
task_property (const char *property)
{
  return gtk_property_expression_new (TM_TYPE_TASK,
                                      gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item"),
                                      property);
}

static GtkExpression *
task_property_closure (const char *property,
                       GType       type,
                       GCallback   callback)
{
  GtkExpression *params[] = { task_property (property) };

  return gtk_cclosure_expression_new (type, NULL, 1, params, callback, NULL, NULL);
}

/* The expression, evaluated on the item, without the list item around it. */

/* The column clicked: the list sorts itself by it in a worker thread. */
static void
on_column_sorter_changed (TmWindow        *self,
                          GtkSorterChange  change)
{
  gboolean descending = FALSE;
  TmTaskSort sort;

  /* The columns go with the window. */
  if (self->task_view == NULL || self->column_view == NULL)
    return;
  sort = tm_column_sorter_probe (gtk_column_view_get_sorter (self->column_view), &descending);
  tm_task_view_set_sort (self->task_view, sort, descending);
}

/* A cell's tooltip: its own (computed only when asked for — binding
 * "tooltip-text" costs a round trip to the display server per row), else
 * the whole text of a cell cut short. */
static gboolean
on_cell_query_tooltip (GtkLabel   *label,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  GtkExpression *expression = g_object_get_data (G_OBJECT (label), "tooltip-expression");
  GtkListItem *list_item = g_object_get_data (G_OBJECT (label), "tm-list-item");

  if (expression != NULL && list_item != NULL && gtk_list_item_get_item (list_item) != NULL)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (gtk_expression_evaluate (expression, list_item, &value) &&
          g_value_get_string (&value) != NULL)
        {
          gtk_tooltip_set_text (tooltip, g_value_get_string (&value));
          return TRUE;
        }
    }

  if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkExpression *label_expression = g_object_get_data (G_OBJECT (factory), "label-expression");
  GtkExpression *tooltip_expression = g_object_get_data (G_OBJECT (factory), "tooltip-expression");
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "numeric"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");

  gtk_list_item_set_child (list_item, label);
  g_object_set_data (G_OBJECT (label), "tm-list-item", list_item);

  /* The bindings follow the task's notifications, so an edit shows at once. */
  gtk_expression_bind (gtk_expression_ref (label_expression), label, "label", list_item);
  if (tooltip_expression != NULL)
    g_object_set_data (G_OBJECT (label), "tooltip-expression", tooltip_expression);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip), NULL);
}

static void
setup_column (GtkColumnViewColumn *column,
              GtkExpression       *label_expression,
              GtkExpression       *tooltip_expression,
              gboolean             numeric,
              GtkSorter           *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data_full (G_OBJECT (factory), "label-expression", label_expression,
                          (GDestroyNotify)gtk_expression_unref);
  if (tooltip_expression != NULL)
    g_object_set_data_full (G_OBJECT (factory), "tooltip-expression", tooltip_expression,
                            (GDestroyNotify)gtk_expression_unref);
  g_object_set_data (G_OBJECT (factory), "numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);

  gtk_column_view_column_set_factory (column, factory);
  gtk_column_view_column_set_sorter (column, sorter);

  g_object_unref (factory);
  g_object_unref (sorter);
}

static void
set_sorter (GtkColumnViewColumn *column,
            GtkSorter           *sorter)
{
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}


static void
setup_columns (TmWindow *self)
{
  setup_column (self->title_column, task_property ("title"), NULL, FALSE,
                tm_column_sorter_new (TM_TASK_SORT_TITLE));
  setup_column (self->unit_column, task_property ("unit"), NULL, FALSE,
                tm_column_sorter_new (TM_TASK_SORT_UNIT));
  setup_column (self->group_column, task_property ("group"), NULL, FALSE,
                tm_column_sorter_new (TM_TASK_SORT_GROUP));
  setup_column (self->hours_column,
                task_property_closure ("hours-per-week", G_TYPE_STRING,
                                       G_CALLBACK (hours_to_text)),
                task_property_closure ("hours-per-week", G_TYPE_STRING,
                                       G_CALLBACK (hours_to_tooltip)),
                TRUE,
                tm_column_sorter_new (TM_TASK_SORT_HOURS));

  /* Timed, tagged and given a performer in the list itself. */
  tm_cell_editor_attach_column (self->cell_editor, self->level_column, TM_CELL_LEVEL);
  tm_cell_editor_attach_column (self->cell_editor, self->complexity_column, TM_CELL_COMPLEXITY);
  tm_cell_editor_attach_column (self->cell_editor, self->minutes_column, TM_CELL_MINUTES);
  tm_cell_editor_attach_column (self->cell_editor, self->times_column, TM_CELL_TIMES);
  tm_cell_editor_attach_column (self->cell_editor, self->per_column, TM_CELL_PER);
  tm_cell_editor_attach_column (self->cell_editor, self->performers_column, TM_CELL_PERFORMER);
  set_sorter (self->level_column, tm_column_sorter_new (TM_TASK_SORT_LEVEL));
  set_sorter (self->complexity_column, tm_column_sorter_new (TM_TASK_SORT_COMPLEXITY));
  set_sorter (self->minutes_column, tm_column_sorter_new (TM_TASK_SORT_MINUTES));
  set_sorter (self->times_column, tm_column_sorter_new (TM_TASK_SORT_TIMES));
  set_sorter (self->per_column, tm_column_sorter_new (TM_TASK_SORT_PER));
  set_sorter (self->performers_column, tm_column_sorter_new (TM_TASK_SORT_PERFORMED_BY));
}

/* The widths the columns after the title get when there is room, and the least
 * they shrink to on a small screen, so that the title keeps TITLE_MIN_WIDTH. */
#define TITLE_MIN_WIDTH   240
/* The font size of presentation mode in style.css */
#define PRESENTATION_TEXT_SCALE 1.4
#define TITLE_LEAST_WIDTH 160
static const struct {
  gsize offset;
  int   width;
  int   min_width;
} column_widths[] = {
  { G_STRUCT_OFFSET (TmWindow, unit_column), 120, 80 },
  { G_STRUCT_OFFSET (TmWindow, group_column), 120, 80 },
  { G_STRUCT_OFFSET (TmWindow, level_column), 130, 80 },
  { G_STRUCT_OFFSET (TmWindow, complexity_column), 110, 90 },
  { G_STRUCT_OFFSET (TmWindow, minutes_column), 80, 72 },
  { G_STRUCT_OFFSET (TmWindow, times_column), 64, 60 },
  { G_STRUCT_OFFSET (TmWindow, per_column), 96, 80 },
  { G_STRUCT_OFFSET (TmWindow, hours_column), 100, 94 },
  { G_STRUCT_OFFSET (TmWindow, performers_column), 130, 90 },
};

static gboolean
fit_columns_cb (gpointer user_data)
{
  TmWindow *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->list_scroller);
  double page = gtk_adjustment_get_page_size (adjustment);
  double text_scale = get_presentation (self) ? PRESENTATION_TEXT_SCALE : 1.0;
  double wanted = 0, scale;
  int others = 0;

  self->fit_columns_id = 0;

  if (page <= 0)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < G_N_ELEMENTS (column_widths); i++)
    if (gtk_column_view_column_get_visible (G_STRUCT_MEMBER (GtkColumnViewColumn *, self,
                                                             column_widths[i].offset)))
      wanted += column_widths[i].width * text_scale;
  scale = CLAMP ((page - TITLE_MIN_WIDTH * text_scale) / wanted, 0.0, 1.0) * text_scale;

  for (guint i = 0; i < G_N_ELEMENTS (column_widths); i++)
    {
      GtkColumnViewColumn *column = G_STRUCT_MEMBER (GtkColumnViewColumn *, self,
                                                     column_widths[i].offset);
      int width = MAX (column_widths[i].min_width * text_scale,
                       (int)(column_widths[i].width * scale));

      /* A hidden column (Unit, outside a regional portfolio) takes no room. */
      if (!gtk_column_view_column_get_visible (column))
        continue;
      if (gtk_column_view_column_get_fixed_width (column) != width)
        gtk_column_view_column_set_fixed_width (column, width);
      others += width;
    }

  /* The title takes the rest; it expands further when the window grows. */
  {
    int title = MAX (TITLE_LEAST_WIDTH, (int)page - others - 2);

    if (gtk_column_view_column_get_fixed_width (self->title_column) != title)
      gtk_column_view_column_set_fixed_width (self->title_column, title);
    g_debug ("Column widths for a list %.0f px wide: title %d, the others %d", page, title, others);
  }

  return G_SOURCE_REMOVE;
}

static void
on_list_width_changed (TmWindow *self)
{
  /* Not while the list is being allocated, but before the next frame. */
  if (self->fit_columns_id == 0)
    self->fit_columns_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_columns_cb, self, NULL);
}

/* The button shows the choice cut short, so a long group name cannot widen the
 * window; the popup shows every choice whole, the current one with a check. */
#define FILTER_BUTTON_MAX_CHARS 26

static gboolean
is_selected_item (gpointer  this,
                  GObject  *item,
                  GObject  *selected)
{
  return item != NULL && item == selected;
}

static void
setup_filter_button_item (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *item = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), FILTER_BUTTON_MAX_CHARS);
  gtk_list_item_set_child (list_item, label);
  gtk_expression_bind (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, item, "string"),
                       label, "label", list_item);
}

static void
setup_filter_list_item (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item,
                        GtkDropDown              *drop_down)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkExpression *params[2];

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (list_item, box);

  gtk_expression_bind (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                    gtk_property_expression_new (GTK_TYPE_LIST_ITEM,
                                                                                 NULL, "item"),
                                                    "string"),
                       label, "label", list_item);

  params[0] = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  params[1] = gtk_property_expression_new (GTK_TYPE_DROP_DOWN,
                                           gtk_object_expression_new (G_OBJECT (drop_down)),
                                           "selected-item");
  gtk_expression_bind (gtk_cclosure_expression_new (G_TYPE_BOOLEAN, NULL, 2, params,
                                                    G_CALLBACK (is_selected_item), NULL, NULL),
                       check, "visible", list_item);
}

static void
setup_filter_drop_down (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_filter_button_item), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_filter_list_item), drop_down);
  gtk_drop_down_set_factory (drop_down, factory);
  gtk_drop_down_set_list_factory (drop_down, list_factory);
}

static void
setup_filter_drop_downs (TmWindow *self)
{
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) complexities = gtk_string_list_new (NULL);

  gtk_string_list_append (levels, _("All levels"));
  for (guint i = 0; i < TM_N_LEVELS; i++)
    gtk_string_list_append (levels, tm_level_get_short_label (i));
  gtk_drop_down_set_model (self->level_filter, G_LIST_MODEL (levels));

  gtk_string_list_append (complexities, _("All complexities"));
  for (guint i = 0; i < TM_N_COMPLEXITIES; i++)
    gtk_string_list_append (complexities, tm_complexity_get_label (i));
  gtk_drop_down_set_model (self->complexity_filter, G_LIST_MODEL (complexities));

  self->group_list = gtk_string_list_new (NULL);
  gtk_string_list_append (self->group_list, _("All groups"));
  gtk_drop_down_set_model (self->group_filter, G_LIST_MODEL (self->group_list));

  setup_filter_drop_down (self->level_filter);
  setup_filter_drop_down (self->complexity_filter);
  setup_filter_drop_down (self->group_filter);

  {
    g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

    gtk_string_list_append (statuses, _("All statuses"));
    gtk_string_list_append (statuses, _("Moved in the scenario"));
    gtk_string_list_append (statuses, _("Assessed, not moved"));
    gtk_string_list_append (statuses, _("Not assessed"));
    gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
    setup_filter_drop_down (self->status_filter);
  }
}

/* The portfolio */

static void
disconnect_portfolio (TmWindow *self)
{
  if (self->portfolio == NULL)
    return;

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
  hide_toast (self);
  g_clear_object (&self->pending_select);
  g_clear_object (&self->selected_task);

  if (portfolio != NULL)
    {
      self->portfolio = g_object_ref (portfolio);
      /* The history records who made each change. */
      apply_user_name (self);

      g_signal_connect_swapped (portfolio, "notify::unit-name", G_CALLBACK (update_title), self);
      g_signal_connect_swapped (portfolio, "notify::can-undo", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (portfolio, "notify::can-redo", G_CALLBACK (update_actions), self);
      g_signal_connect_swapped (portfolio, "notify::undo-label",
                                G_CALLBACK (on_undo_label_changed), self);
      g_signal_connect_swapped (portfolio, "notify::redo-label",
                                G_CALLBACK (update_undo_tooltips), self);
      g_signal_connect (portfolio, "task-changed", G_CALLBACK (on_task_changed), self);
      self->tasks_changed_id = g_signal_connect (tm_portfolio_get_tasks (portfolio), "items-changed",
                                                 G_CALLBACK (on_tasks_items_changed), self);
    }
  else
    {
      set_presentation (self, FALSE);
    }

  /* A new portfolio starts unfiltered, with its own groups. */
  reset_filters (self);
  refresh_groups (self);
  update_unit_column (self);

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
  fill_compare_list (self);
  tm_scenario_bar_set_portfolio (self->scenario_bar, portfolio);
  restore_scenario (self);
  on_scenario_changed (self);
  show_read_only_notice (self);
  tm_task_view_set_portfolio (self->task_view, portfolio);

  update_title (self);
  update_undo_tooltips (self);
  update_actions (self);
  update_count (self);
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
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->settings != NULL || !TM_IS_APPLICATION (app) ||
      tm_application_get_settings (TM_APPLICATION (app)) == NULL)
    return;

  self->settings = g_object_ref (tm_application_get_settings (TM_APPLICATION (app)));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  show_editor (self, g_settings_get_boolean (self->settings, "editor-visible"));

  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);

  g_signal_connect_object (self->settings, "changed::user-name",
                           G_CALLBACK (apply_user_name), self, G_CONNECT_SWAPPED);
  apply_user_name (self);
}

static void
tm_window_dispose (GObject *object)
{
  TmWindow *self = (TmWindow *)object;

  g_clear_handle_id (&self->toast_timeout_id, g_source_remove);
  g_clear_pointer (&self->toast_uri, g_free);
  if (self->user_name_dialog != NULL)
    gtk_window_destroy (self->user_name_dialog);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
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

  gtk_widget_class_bind_template_callback (widget_class, on_info_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_toast_close_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_toast_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_drop_down_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_editor_error);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_scenario_changed);

  /* File → Import… and Export…; the application's accelerators are for its own actions. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", "s", "xml");

  /* Escape leaves presentation mode; otherwise it goes on to whoever wants it. */
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, leave_presentation_cb, NULL);
}

static void
tm_window_init (TmWindow *self)
{
  GtkEventController *shortcuts;
  GtkEventController *key;
  GtkGesture *click;
  GtkIconTheme *icon_theme;

  self->level_key = -1;
  self->complexity_key = -1;
  self->status_key = -1;
  self->group_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ensure_style (gtk_widget_get_display (GTK_WIDGET (self)));
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
  if (tm_xlsx_is_supported ())
    {
      static const GActionEntry workbook_entry[] = {
        { "export-workbook", export_workbook_action },
      };

      g_action_map_add_action_entries (G_ACTION_MAP (self), workbook_entry, 1, self);
    }

  setup_filter_drop_downs (self);

  /* tasks -> the list as searched, filtered and sorted (in a worker thread,
   * so a long list never holds up the window) -> selection. The column
   * headers say what to sort by. */
  self->task_view = tm_task_view_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->task_view)));
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_column_sorter_changed), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  self->cell_editor = tm_cell_editor_new (self->column_view, self->selection);
  g_signal_connect_object (self->cell_editor, "message", G_CALLBACK (on_cell_editor_message), self,
                           G_CONNECT_SWAPPED);
  setup_columns (self);
  setup_views (self);

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
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), key);

  /* After the selection's own handler: it may have dropped the selected task. */
  g_signal_connect (self->task_view, "items-changed",
                    G_CALLBACK (on_task_view_items_changed), self);
  g_signal_connect_swapped (self->task_view, "notify::pending",
                            G_CALLBACK (on_task_view_pending), self);
  g_signal_connect (self->selection, "items-changed",
                    G_CALLBACK (on_selection_items_changed), self);
  g_signal_connect_swapped (self->column_view, "activate",
                            G_CALLBACK (on_column_view_activate), self);

  /* A right click on a row offers what can be done with the task. */
  self->task_popover = gtk_popover_menu_new_from_model (self->task_menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->task_popover), FALSE);
  gtk_widget_set_halign (self->task_popover, GTK_ALIGN_START);
  gtk_widget_set_parent (self->task_popover, GTK_WIDGET (self->column_view));
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_column_view_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed), self);

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
                            G_CALLBACK (on_filter_revealer_changed), self);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened_changed), NULL);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->list_scroller),
                           "notify::page-size", G_CALLBACK (on_list_width_changed), self,
                           G_CONNECT_SWAPPED);

  /* Uninstalled, the application icon may be missing from the theme. */
  icon_theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  if (!gtk_icon_theme_has_icon (icon_theme, APPLICATION_ID))
    gtk_image_set_from_icon_name (self->welcome_icon, "x-office-spreadsheet-symbolic");

  update_title (self);
  update_undo_tooltips (self);
  update_actions (self);
  update_count (self);
  update_recent (self);
  gtk_stack_set_visible_child_name (self->stack, "welcome");
}

TmWindow *
tm_window_new (TmApplication *app)
{
  g_return_val_if_fail (app == NULL || TM_IS_APPLICATION (app), NULL);

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
