/* tm-window-pages.c
 * The window's pages: the task list with its search, filters, sorting and
 * selection, and the views (matrix, map, charts, board) with their scenarios.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "tm-gui-util.h"
#include "tm-list-text.h"
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
void
_tm_window_apply_filters (TmWindow *self,
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

void
_tm_window_on_search_changed (TmWindow       *self,
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
  _tm_window_apply_filters (self, more_strict);
}

void
_tm_window_on_search_stop (TmWindow       *self,
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

  _tm_window_on_search_changed (self, self->search_entry);
}

void
_tm_window_on_filter_drop_down_changed (TmWindow    *self,
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

  _tm_window_apply_filters (self, FALSE);
}

void
_tm_window_reset_filters (TmWindow *self)
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
  _tm_window_apply_filters (self, FALSE);
}

void
_tm_window_on_filter_revealer_changed (TmWindow    *self,
                                       GParamSpec  *pspec,
                                       GtkRevealer *revealer)
{
  /* Hidden filters would hide tasks without saying so. */
  if (!gtk_revealer_get_reveal_child (revealer) && tm_task_view_get_filters_active (self->task_view))
    _tm_window_reset_filters (self);
}

/* Refreshing after edits */

/* The group filter's choices: "All groups", then @groups. */
static void
show_groups (TmWindow *self,
             GStrv     groups)
{
  guint n_old, n_new, selected;
  gboolean same;
  g_autofree char *selected_group = g_strdup (self->group_key);

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
    _tm_window_on_filter_drop_down_changed (self, NULL, self->group_filter);
}

/* The Unit column shows only in a regional portfolio (tasks of several units). */
static void
show_units (TmWindow *self,
            GStrv     units)
{
  gboolean visible = units != NULL && units[0] != NULL;

  if (visible == gtk_column_view_column_get_visible (self->unit_column))
    return;

  gtk_column_view_column_set_visible (self->unit_column, visible);
  _tm_window_on_list_width_changed (self);
}

static void
show_groups_count (TmWindow      *self,
                   TmGroupsCount *count)
{
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) units = NULL;

  if (count != NULL)
    tm_groups_count_finish (count, &groups, &units);
  else
    groups = g_new0 (char *, 1);
  show_groups (self, groups);
  show_units (self, units);
}

void
_tm_window_refresh_groups (TmWindow *self)
{
  g_clear_pointer (&self->groups_count, tm_groups_count_free);
  show_groups_count (self, self->portfolio != NULL ? tm_portfolio_count_groups (self->portfolio) : NULL);
}

/* A step of looking through the tasks for their groups and units: with a
 * region's tasks the whole look takes some 100 ms, so it goes on between
 * frames. */
#define REFRESH_BUDGET_US 8000

static gboolean
refresh_cb (gpointer user_data)
{
  TmWindow *self = user_data;
  gint64 budget;

  self->refresh_id = 0;

  /* While a file goes in, in steps, the look waits for the end. */
  if (_tm_window_is_busy (self))
    {
      if (self->groups_count != NULL)
        self->groups_queued = TRUE;
      g_clear_pointer (&self->groups_count, tm_groups_count_free);
      return G_SOURCE_REMOVE;
    }

  /* Tasks added or removed since the look began: it begins again. */
  if (self->groups_queued)
    {
      self->groups_queued = FALSE;
      g_clear_pointer (&self->groups_count, tm_groups_count_free);
      if (self->portfolio == NULL)
        {
          show_groups_count (self, NULL);
          return G_SOURCE_REMOVE;
        }
      self->groups_count = tm_portfolio_count_groups (self->portfolio);
    }
  if (self->groups_count == NULL)
    return G_SOURCE_REMOVE;

  budget = self->refresh_step_us >= 0 ? self->refresh_step_us : REFRESH_BUDGET_US;
  if (!tm_groups_count_step (self->groups_count, g_get_monotonic_time () + budget))
    {
      /* The rest below the redraw's priority, between frames. */
      self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
      return G_SOURCE_REMOVE;
    }
  show_groups_count (self, g_steal_pointer (&self->groups_count));
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (TmWindow *self,
               gboolean  groups)
{
  self->groups_queued |= groups;

  /* While a file goes in, in steps, the groups and units are looked for once
   * at the end (_tm_window_queue_refresh()), not after every step. */
  if (_tm_window_is_busy (self))
    return;
  /* Ahead of redrawing, which can keep a plain idle waiting. */
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_cb, self, NULL);
}

void
_tm_window_queue_refresh (TmWindow *self)
{
  /* After the frame that shows the import done, in steps of its own. */
  if (self->groups_queued && self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

void
_tm_window_on_task_changed (TmPortfolio *portfolio,
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

void
_tm_window_on_tasks_items_changed (GListModel *model,
                                   guint       position,
                                   guint       removed,
                                   guint       added,
                                   TmWindow   *self)
{
  queue_refresh (self, TRUE);
}

/* Counting and selecting */

void
_tm_window_update_count (TmWindow *self)
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

void
_tm_window_on_task_view_items_changed (GListModel *model,
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
  _tm_window_update_count (self);
}

void
_tm_window_on_task_view_pending (TmWindow   *self,
                                 GParamSpec *pspec,
                                 TmTaskView *view)
{
  _tm_window_update_count (self);
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
          /* Chosen here, not by GTK for a list in the middle of a change. */
          g_set_object (&self->selected_task, task);
          gtk_single_selection_set_selected (self->selection, i - 1);
          tm_gui_scroll_column_view (self->column_view, i - 1);
          return TRUE;
        }
    }

  return FALSE;
}

void
_tm_window_select_task (TmWindow *self,
                        TmTask   *task)
{
  g_clear_object (&self->pending_select);

  if (task == NULL)
    return;

  if (!try_select_task (self, task) && tm_task_view_is_pending (self->task_view))
    self->pending_select = g_object_ref (task);
}

void
_tm_window_on_selection_items_changed (GListModel *model,
                                       guint       position,
                                       guint       removed,
                                       guint       added,
                                       TmWindow   *self)
{
  if (self->pending_select != NULL && added > 0)
    {
      g_autoptr(TmTask) task = g_steal_pointer (&self->pending_select);

      _tm_window_select_task (self, task);
    }
}

void
_tm_window_on_selected_item_changed (TmWindow           *self,
                                     GParamSpec         *pspec,
                                     GtkSingleSelection *selection)
{
  TmTask *task = gtk_single_selection_get_selected_item (selection);

  /* The list is replacing its rows a few at a time and GTK has chosen
   * another row for a moment: the task comes back in a later step, where
   * _tm_window_on_task_view_items_changed() selects it again. */
  if (task != self->selected_task && self->selected_task != NULL &&
      tm_task_view_is_changing (self->task_view) &&
      tm_task_view_will_show (self->task_view, self->selected_task))
    return;

  /* The task being edited stays in view even when it no longer matches. */
  if (task != NULL)
    {
      g_set_object (&self->selected_task, task);
      tm_task_view_set_pinned (self->task_view, task);
    }
  tm_task_editor_set_task (self->editor, task);
  _tm_window_update_actions (self);
}

void
_tm_window_edit_selected_task (TmWindow *self)
{
  if (gtk_single_selection_get_selected_item (self->selection) == NULL)
    return;

  _tm_window_show_editor (self, TRUE);
  tm_task_editor_focus_title (self->editor);
}

/* Double-click or Enter on a row: edit the task. */
void
_tm_window_on_column_view_activate (TmWindow      *self,
                                    guint          position,
                                    GtkColumnView *column_view)
{
  gtk_single_selection_set_selected (self->selection, position);
  _tm_window_edit_selected_task (self);
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

void
_tm_window_on_column_view_secondary_click (TmWindow        *self,
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

/* Views and scenarios */

const char *
_tm_window_current_view (TmWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->view_stack);

  return name ? name : "catalogue";
}

void
_tm_window_on_view_changed (TmWindow *self)
{
  const char *view = _tm_window_current_view (self);
  gboolean catalogue = g_str_equal (view, "catalogue");
  gboolean rows = catalogue || g_str_equal (view, "matrix");

  /* Quick entry belongs to the list; the filters choose the rows of the list and the
   * matrix. Neither is for the room in presentation mode. */
  gtk_widget_set_visible (self->quick_entry_row, catalogue && !_tm_window_get_presentation (self));
  gtk_widget_set_visible (GTK_WIDGET (self->filter_revealer), rows && !_tm_window_get_presentation (self));
  tm_matrix_view_set_tasks (self->matrix_view,
                            g_str_equal (view, "matrix") ? G_LIST_MODEL (self->task_view) : NULL);
  _tm_window_update_actions (self);
}

/* The matrix's legend, drawn by the core at the window's font size. */
static void
draw_matrix_legend (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  TmWindow *self = user_data;
  TmDrawStyle style;

  tm_draw_style_init (&style, tm_gui_get_text_scale (GTK_WIDGET (area)), FALSE);
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

  tm_draw_style_init (&style, tm_gui_get_text_scale (self->matrix_legend), FALSE);
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
void
_tm_window_fill_compare_list (TmWindow *self)
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

void
_tm_window_restore_scenario (TmWindow *self)
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

void
_tm_window_on_scenario_changed (TmWindow *self)
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
  _tm_window_update_actions (self);
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
void
_tm_window_setup_views (TmWindow *self)
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
    g_signal_connect_swapped (popover, "show", G_CALLBACK (_tm_window_fill_compare_list), self);
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
  return _tm_window_current_view (self);
}

void
_tm_window_show_view (TmWindow   *self,
                      const char *view)
{
  gtk_stack_set_visible_child_name (self->view_stack, view);
}

/* Timing in the list */

void
_tm_window_on_cell_editor_message (TmWindow   *self,
                                   const char *text,
                                   gboolean    is_error)
{
  /* A value refused while typing is said beside the work; a refused paste stays. */
  if (is_error && !tm_cell_editor_is_editing (self->cell_editor))
    tm_window_show_error (self, text);
  else
    _tm_window_show_toast (self, text, !is_error);
}

gboolean
_tm_window_on_list_key_pressed (TmWindow              *self,
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

void
_tm_window_paste_rows_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio != NULL)
    tm_cell_editor_paste (self->cell_editor);
}

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
void
_tm_window_on_column_sorter_changed (TmWindow        *self,
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
on_cell_query_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard_mode,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  GtkExpression *expression = g_object_get_data (G_OBJECT (widget), "tooltip-expression");
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "tm-list-item");

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

  return tm_list_text_query_cut_tooltip (TM_LIST_TEXT (widget), tooltip);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkExpression *label_expression = g_object_get_data (G_OBJECT (factory), "label-expression");
  GtkExpression *tooltip_expression = g_object_get_data (G_OBJECT (factory), "tooltip-expression");
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "numeric"));
  GtkWidget *label = tm_list_text_new ();

  tm_list_text_set_xalign (TM_LIST_TEXT (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");

  gtk_list_item_set_child (list_item, label);
  g_object_set_data (G_OBJECT (label), "tm-list-item", list_item);

  /* The bindings follow the task's notifications, so an edit shows at once. */
  gtk_expression_bind (gtk_expression_ref (label_expression), label, "text", list_item);
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

void
_tm_window_setup_columns (TmWindow *self)
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
  double text_scale = _tm_window_get_presentation (self) ? PRESENTATION_TEXT_SCALE : 1.0;
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

void
_tm_window_on_list_width_changed (TmWindow *self)
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

void
_tm_window_setup_filter_drop_downs (TmWindow *self)
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
