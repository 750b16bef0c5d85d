/* tm-matrix-view.c
 * The task × profession matrix: a scrollable grid drawn by the core, edited by keyboard.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-matrix-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "render/tm-draw.h"
#include "tm-gui-util.h"
#include "views/tm-matrix-view.h"
#include "views/tm-matrix-view-private.h"
#include "views/tm-view-watch.h"

struct _TmMatrixView
{
  GtkWidget           parent_instance;

  /* Owned */
  GtkAdjustment      *hadjustment;
  GtkAdjustment      *vadjustment;
  TmViewWatch         watch;             /* the portfolio and scenario shown */
  GListModel         *tasks;             /* as given; NULL: the portfolio's */
  GListModel         *columns;           /* the professions the layout shows */
  TmMatrixLayout     *layout;
  TmTask             *cursor_task;
  TmProfession       *cursor_profession; /* NULL on the outcome column or without a cursor */
  TmDrawStyle         style;

  gulong              tasks_changed_id;
  guint               rebuild_count;    /* tests */

  /* The cursor in the current layout: -1 for none. */
  int                 cursor_row;
  int                 cursor_column;

  guint               draw_count;
  guint               n_rows_drawn;

  guint               hscroll_policy : 1;
  guint               vscroll_policy : 1;
  guint               only_in_play : 1;
  guint               has_cursor : 1;    /* cursor_task is set (the profession may be NULL) */
  guint               scroll_to_cursor : 1;
};

static void tm_matrix_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TmMatrixView, tm_matrix_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      tm_matrix_view_scrollable_init))

enum {
  PROP_0,
  PROP_ONLY_IN_PLAY,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CURSOR_CHANGED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild       (TmMatrixView *self);
static void queue_rebuild (TmMatrixView *self);

/* Helpers ------------------------------------------------------------------------------- */

static GListModel *
get_tasks (TmMatrixView *self)
{
  if (self->tasks != NULL)
    return self->tasks;
  if (self->watch.portfolio != NULL)
    return tm_portfolio_get_tasks (self->watch.portfolio);
  return NULL;
}

static gboolean
is_task_row (TmMatrixView *self,
             int           row)
{
  return self->layout != NULL && row >= 0
         && (guint) row < tm_matrix_layout_get_n_rows (self->layout)
         && tm_matrix_layout_get_task (self->layout, row) != NULL;
}

/* The nearest task row to @row, searching in @direction (+1 or -1) first; -1 if none. */
static int
find_task_row (TmMatrixView *self,
               int           row,
               int           direction)
{
  int n_rows;

  if (self->layout == NULL)
    return -1;
  n_rows = tm_matrix_layout_get_n_rows (self->layout);
  if (n_rows == 0)
    return -1;
  row = CLAMP (row, 0, n_rows - 1);

  for (int r = row; r >= 0 && r < n_rows; r += direction)
    if (is_task_row (self, r))
      return r;
  for (int r = row; r >= 0 && r < n_rows; r -= direction)
    if (is_task_row (self, r))
      return r;

  return -1;
}

static double
get_header_height (TmMatrixView *self)
{
  return self->layout != NULL ? tm_matrix_layout_get_header_height (self->layout) : 0;
}

static double
get_label_width (TmMatrixView *self)
{
  return self->layout != NULL ? tm_matrix_layout_get_label_width (self->layout) : 0;
}

/* Scrolling ----------------------------------------------------------------------------- */

/* The layout's width leaves out how far the last columns' names, drawn at a slant,
 * reach past the last column: as far as the header is high, at most. Leave room
 * for them, so scrolling to the right end shows them whole. */
static double
get_canvas_width (TmMatrixView *self)
{
  if (self->layout == NULL)
    return 0;
  return tm_matrix_layout_get_width (self->layout) + tm_matrix_layout_get_header_height (self->layout);
}

static void
configure_adjustments (TmMatrixView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double total_width = get_canvas_width (self);
  double total_height = self->layout != NULL ? tm_matrix_layout_get_height (self->layout) : 0;
  double row_height = self->layout != NULL ? tm_matrix_layout_get_row_height (self->layout) : 20;
  double column_width = self->layout != NULL ? tm_matrix_layout_get_column_width (self->layout) : 20;
  double header = get_header_height (self);
  double label = get_label_width (self);

  total_width = MAX (total_width, width);
  total_height = MAX (total_height, height);

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                     total_width - width),
                              0, total_width,
                              column_width,
                              MAX (column_width, (width - label) * 0.9),
                              width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                     total_height - height),
                              0, total_height,
                              row_height,
                              MAX (row_height, (height - header) * 0.9),
                              height);
}

static double
get_hvalue (TmMatrixView *self)
{
  return self->hadjustment != NULL ? round (gtk_adjustment_get_value (self->hadjustment)) : 0;
}

static double
get_vvalue (TmMatrixView *self)
{
  return self->vadjustment != NULL ? round (gtk_adjustment_get_value (self->vadjustment)) : 0;
}

/* Scrolls so the cursor cell shows whole beside the sticky header and labels. */
static void
scroll_to_cursor (TmMatrixView *self)
{
  cairo_rectangle_t rect;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double header = get_header_height (self);
  double label = get_label_width (self);
  double top, value;

  if (self->layout == NULL || self->cursor_row < 0 || width <= 0 || height <= 0)
    return;

  if (self->vadjustment != NULL)
    {
      tm_matrix_layout_get_cell_rect (self->layout, self->cursor_row, -1, &rect);
      top = rect.y;
      /* The first task of a group brings its group's heading along. */
      if (self->cursor_row > 0 && !is_task_row (self, self->cursor_row - 1))
        {
          cairo_rectangle_t group;

          tm_matrix_layout_get_cell_rect (self->layout, self->cursor_row - 1, -1, &group);
          top = group.y;
        }

      value = gtk_adjustment_get_value (self->vadjustment);
      if (top < value + header)
        value = top - header;
      else if (rect.y + rect.height > value + height)
        value = rect.y + rect.height - height;
      gtk_adjustment_set_value (self->vadjustment, MAX (0, value));
    }

  if (self->hadjustment != NULL && self->cursor_column >= 0)
    {
      tm_matrix_layout_get_cell_rect (self->layout, self->cursor_row, self->cursor_column, &rect);
      value = gtk_adjustment_get_value (self->hadjustment);
      if (rect.x < value + label)
        value = rect.x - label;
      else if (rect.x + rect.width > value + width)
        value = rect.x + rect.width - width;
      gtk_adjustment_set_value (self->hadjustment, MAX (0, value));
    }
}

static void
on_adjustment_value_changed (TmMatrixView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (TmMatrixView   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment != NULL && *slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
      g_clear_object (slot);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (on_adjustment_value_changed), self);
  configure_adjustments (self);
}

/* The cursor ---------------------------------------------------------------------------- */

static void
update_accessible (TmMatrixView *self)
{
  g_autofree char *description = NULL;

  if (self->layout != NULL && self->cursor_row >= 0 && self->cursor_column >= 0)
    description = tm_matrix_layout_dup_cell_description (self->layout, self->cursor_row,
                                                         self->cursor_column);

  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* Moves the cursor to a task row and a column of the current layout (-1, -1: none). */
static void
move_cursor (TmMatrixView *self,
             int           row,
             int           column,
             gboolean      scroll)
{
  TmTask *task = NULL;
  TmProfession *profession = NULL;
  gboolean changed;

  if (row >= 0 && is_task_row (self, row))
    {
      int n_columns = tm_matrix_layout_get_n_columns (self->layout);

      column = CLAMP (column, 0, MAX (0, n_columns - 1));
      task = tm_matrix_layout_get_task (self->layout, row);
      profession = tm_matrix_layout_get_profession (self->layout, column);
    }
  else
    {
      row = -1;
      column = -1;
    }

  changed = task != self->cursor_task || profession != self->cursor_profession
            || (task != NULL) != self->has_cursor;

  self->cursor_row = row;
  self->cursor_column = column;
  if (changed)
    {
      g_set_object (&self->cursor_task, task);
      g_set_object (&self->cursor_profession, profession);
      self->has_cursor = task != NULL;
    }

  update_accessible (self);
  if (scroll)
    scroll_to_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (changed)
    g_signal_emit (self, signals[SIGNAL_CURSOR_CHANGED], 0);
}

static void
move_cursor_by_rows (TmMatrixView *self,
                     int           delta)
{
  int n_rows, row, direction;

  if (self->layout == NULL || (n_rows = tm_matrix_layout_get_n_rows (self->layout)) == 0)
    return;

  if (self->cursor_row < 0)
    {
      move_cursor (self, find_task_row (self, 0, 1), 0, TRUE);
      return;
    }

  direction = delta < 0 ? -1 : 1;
  row = CLAMP (self->cursor_row + delta, 0, n_rows - 1);
  /* Past a group's heading to the next task; at an end, stay. */
  row = find_task_row (self, row, direction);
  if (row < 0)
    return;
  if (delta != 0 && ABS (delta) == 1 && (row - self->cursor_row) * direction <= 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  move_cursor (self, row, self->cursor_column, TRUE);
}

static void
move_cursor_by_columns (TmMatrixView *self,
                        int           delta)
{
  int n_columns;
  int column;

  if (self->layout == NULL || self->cursor_row < 0)
    {
      move_cursor_by_rows (self, 0);
      return;
    }

  n_columns = tm_matrix_layout_get_n_columns (self->layout);
  column = CLAMP (self->cursor_column + delta, 0, MAX (0, n_columns - 1));
  if (column == self->cursor_column && ABS (delta) == 1)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  move_cursor (self, self->cursor_row, column, TRUE);
}

/* Rows a page holds: the viewport under the header, less one row of overlap. */
static int
get_page_rows (TmMatrixView *self)
{
  double row_height = tm_matrix_layout_get_row_height (self->layout);
  double page = gtk_widget_get_height (GTK_WIDGET (self)) - get_header_height (self);

  return MAX (1, (int) floor (page / MAX (1, row_height)) - 1);
}

/* Editing ------------------------------------------------------------------------------- */

static void
emit_error (TmMatrixView *self,
            const GError *error)
{
  g_debug ("Edit failed: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
}

static gboolean
is_blank_assessment (const TmAssessment *a)
{
  return a->complexity_limit == TM_COMPLEXITY_NOT_ASSESSED
         && fabs (a->share - 100) < 1e-9
         && a->training == TM_TRAINING_NONE
         && a->training_days < 0
         && (a->training_content == NULL || a->training_content[0] == '\0')
         && !a->documented_by_test
         && a->rationale == TM_RATIONALE_NONE
         && (a->purpose == NULL || a->purpose[0] == '\0')
         && (a->note == NULL || a->note[0] == '\0');
}

static void
set_suitability (TmMatrixView  *self,
                 TmSuitability  suitability)
{
  g_autoptr(GError) error = NULL;
  const TmAssessment *stored;
  const char *id;
  gboolean ret;

  if (self->watch.portfolio == NULL || self->cursor_task == NULL || self->cursor_profession == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  id = tm_profession_get_id (self->cursor_profession);
  stored = tm_task_data_get_assessment (tm_task_peek_data (self->cursor_task), id);
  if (stored != NULL ? stored->suitability == suitability
                     : suitability == TM_SUITABILITY_NOT_ASSESSED)
    return;

  /* Each key is an undo step of its own. */
  tm_portfolio_break_undo_merge (self->watch.portfolio);
  if (suitability == TM_SUITABILITY_NOT_ASSESSED && is_blank_assessment (stored))
    {
      /* Nothing else was said about the cell: forget it. */
      g_autoptr(TmTaskData) data = tm_task_dup_data (self->cursor_task);

      tm_task_data_remove_assessment (data, id);
      ret = tm_portfolio_update_task (self->watch.portfolio, self->cursor_task, data, NULL, &error);
    }
  else
    {
      TmAssessment a;

      if (stored != NULL)
        {
          a = *stored;
          a.suitability = suitability;
          ret = tm_portfolio_set_assessment (self->watch.portfolio, self->cursor_task, &a, NULL, &error);
        }
      else
        {
          tm_assessment_init (&a, id);
          a.suitability = suitability;
          ret = tm_portfolio_set_assessment (self->watch.portfolio, self->cursor_task, &a, NULL, &error);
          tm_assessment_clear (&a);
        }
    }
  tm_portfolio_break_undo_merge (self->watch.portfolio);

  if (!ret)
    emit_error (self, error);
}

/* Return: chooses the cursor's profession as the task's move, or unchooses it. On the
 * outcome column it steps through stop, technology and no move. */
static void
toggle_move (TmMatrixView *self)
{
  g_autoptr(GError) error = NULL;
  const TmTaskData *data;
  const TmMove *current;
  const char *scenario_id = tm_gui_shown_scenario_id (self->watch.portfolio, self->watch.scenario_id);
  TmMove move = { NULL, TM_MOVE_TO_PROFESSION, NULL, 100 };
  gboolean remove = FALSE;
  gboolean ret;

  if (self->watch.portfolio == NULL || self->cursor_task == NULL || scenario_id == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  data = tm_task_peek_data (self->cursor_task);
  current = tm_task_data_get_move (data, scenario_id);

  if (self->cursor_profession != NULL)
    {
      const char *id = tm_profession_get_id (self->cursor_profession);
      const TmAssessment *a = tm_task_data_get_assessment (data, id);

      if (current != NULL && current->kind == TM_MOVE_TO_PROFESSION
          && g_strcmp0 (current->profession_id, id) == 0)
        remove = TRUE;
      move.profession_id = (char *) id;
      move.share = a != NULL ? a->share : 100;
    }
  else if (current == NULL || current->kind == TM_MOVE_TO_PROFESSION)
    move.kind = TM_MOVE_STOP;
  else if (current->kind == TM_MOVE_STOP)
    move.kind = TM_MOVE_TECHNOLOGY;
  else
    remove = TRUE;

  tm_portfolio_break_undo_merge (self->watch.portfolio);
  ret = tm_portfolio_set_move (self->watch.portfolio, self->cursor_task, scenario_id,
                               remove ? NULL : &move, &error);
  tm_portfolio_break_undo_merge (self->watch.portfolio);

  if (!ret)
    emit_error (self, error);
}

/* Input --------------------------------------------------------------------------------- */

static gboolean
suitability_for_key (guint          keyval,
                     TmSuitability *suitability)
{
  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_1: case GDK_KEY_KP_1: case GDK_KEY_o:
      *suitability = TM_SUITABILITY_CAN_TAKE_OVER;
      return TRUE;
    case GDK_KEY_2: case GDK_KEY_KP_2: case GDK_KEY_t:
      *suitability = TM_SUITABILITY_AFTER_TRAINING;
      return TRUE;
    case GDK_KEY_3: case GDK_KEY_KP_3: case GDK_KEY_d:
      *suitability = TM_SUITABILITY_DELEGATION_SPECIFIC;
      return TRUE;
    case GDK_KEY_4: case GDK_KEY_KP_4: case GDK_KEY_r:
      *suitability = TM_SUITABILITY_DELEGATION_FRAMEWORK;
      return TRUE;
    case GDK_KEY_5: case GDK_KEY_KP_5: case GDK_KEY_s:
      *suitability = TM_SUITABILITY_SHARED;
      return TRUE;
    case GDK_KEY_6: case GDK_KEY_KP_6: case GDK_KEY_x:
      *suitability = TM_SUITABILITY_NOT_APPROPRIATE;
      return TRUE;
    case GDK_KEY_0: case GDK_KEY_KP_0: case GDK_KEY_BackSpace: case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      *suitability = TM_SUITABILITY_NOT_ASSESSED;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
_tm_matrix_view_press_key (TmMatrixView    *self,
                           guint            keyval,
                           GdkModifierType  state)
{
  gboolean control;
  TmSuitability suitability;

  g_return_val_if_fail (TM_IS_MATRIX_VIEW (self), FALSE);

  /* A rebuild may be pending after an edit: move within the cells as they are now. */
  if (self->watch.source != 0)
    rebuild (self);

  if (self->layout == NULL)
    return FALSE;

  control = (state & GDK_CONTROL_MASK) != 0;
  /* Other shortcuts (Ctrl+Z, Alt+...) belong to the window. */
  if ((state & (GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (control)
        return FALSE;
      move_cursor_by_rows (self, -1);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (control)
        return FALSE;
      move_cursor_by_rows (self, 1);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (control)
        return FALSE;
      move_cursor_by_columns (self, -1);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (control)
        return FALSE;
      move_cursor_by_columns (self, 1);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      if (control)
        move_cursor (self, find_task_row (self, 0, 1), MAX (0, self->cursor_column), TRUE);
      else
        move_cursor_by_columns (self, -G_MAXINT / 2);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (control)
        move_cursor (self, find_task_row (self, tm_matrix_layout_get_n_rows (self->layout) - 1, -1),
                     MAX (0, self->cursor_column), TRUE);
      else
        move_cursor_by_columns (self, G_MAXINT / 2);
      return TRUE;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      if (control)
        return FALSE;
      move_cursor_by_rows (self, -get_page_rows (self));
      return TRUE;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      if (control)
        return FALSE;
      move_cursor_by_rows (self, get_page_rows (self));
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (control)
        return FALSE;
      toggle_move (self);
      return TRUE;

    default:
      break;
    }

  if (!control && suitability_for_key (keyval, &suitability))
    {
      set_suitability (self, suitability);
      return TRUE;
    }

  return FALSE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TmMatrixView          *self)
{
  return _tm_matrix_view_press_key (self, keyval, state & gtk_accelerator_get_default_mod_mask ());
}

/* Canvas coordinates of a widget point, with the sticky header and labels in place. */
static void
widget_to_canvas (TmMatrixView *self,
                  double        x,
                  double        y,
                  double       *canvas_x,
                  double       *canvas_y)
{
  *canvas_x = x < get_label_width (self) ? x : x + get_hvalue (self);
  *canvas_y = y < get_header_height (self) ? y : y + get_vvalue (self);
}

void
_tm_matrix_view_click (TmMatrixView *self,
                       double        x,
                       double        y,
                       int           n_press)
{
  double cx, cy;
  int row = -1, column = -1;

  g_return_if_fail (TM_IS_MATRIX_VIEW (self));

  if (self->watch.source != 0)
    rebuild (self);
  if (self->layout == NULL)
    return;

  widget_to_canvas (self, x, y, &cx, &cy);
  if (!tm_matrix_layout_hit (self->layout, cx, cy, &row, &column))
    return;

  if (row < 0)
    {
      /* A column header: the same task, that column. */
      if (self->cursor_row >= 0)
        move_cursor (self, self->cursor_row, column, TRUE);
      return;
    }
  if (!is_task_row (self, row))
    return;
  if (column < 0)
    column = MAX (0, self->cursor_column);

  move_cursor (self, row, column, TRUE);
  if (n_press == 2 && tm_matrix_layout_get_task (self->layout, row) == self->cursor_task)
    toggle_move (self);
}

static void
on_click_pressed (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TmMatrixView    *self)
{
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  _tm_matrix_view_click (self, x, y, n_press);
}

static void
on_focus_changed (TmMatrixView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Building the layout ------------------------------------------------------------------- */

/* The professions to show: those in play, with the cursor's kept while it is there,
 * or all of them. */
static GListModel *
create_columns (TmMatrixView *self)
{
  GListModel *all = tm_portfolio_get_professions (self->watch.portfolio);
  g_autoptr(GListModel) in_play = NULL;
  g_autoptr(GHashTable) keep = NULL;
  GListStore *store;
  guint n;

  if (!self->only_in_play)
    return g_object_ref (all);

  in_play = tm_matrix_professions_in_play (self->watch.portfolio, tm_gui_shown_scenario_id (self->watch.portfolio, self->watch.scenario_id),
                                           get_tasks (self));
  if (g_list_model_get_n_items (in_play) == 0)
    return g_object_ref (all);

  keep = g_hash_table_new (NULL, NULL);
  n = g_list_model_get_n_items (in_play);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (in_play, i);

      g_hash_table_add (keep, profession);
    }
  /* Setting the cursor cell to "not assessed" must not pull the column away. */
  if (self->cursor_profession != NULL)
    g_hash_table_add (keep, self->cursor_profession);

  store = g_list_store_new (TM_TYPE_PROFESSION);
  n = g_list_model_get_n_items (all);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (all, i);

      if (g_hash_table_contains (keep, profession) && !tm_profession_get_hidden (profession))
        g_list_store_append (store, profession);
    }

  return G_LIST_MODEL (store);
}

static void
rebuild (TmMatrixView *self)
{
  int old_row = self->cursor_row;
  int old_column = self->cursor_column;
  gboolean had_cursor = self->has_cursor;
  gboolean on_outcome = self->has_cursor && self->cursor_profession == NULL;
  int row = -1, column = -1;

  tm_view_watch_caught_up (&self->watch);
  self->rebuild_count++;
  g_clear_pointer (&self->layout, tm_matrix_layout_free);
  g_clear_object (&self->columns);

  if (self->watch.portfolio != NULL)
    {
      tm_gui_get_draw_style (GTK_WIDGET (self), &self->style);
      self->style.show_title = FALSE;
      self->columns = create_columns (self);
      self->layout = tm_matrix_layout_new (self->watch.portfolio, tm_gui_shown_scenario_id (self->watch.portfolio, self->watch.scenario_id),
                                           get_tasks (self), self->columns, &self->style);
    }

  /* Keep the cursor on its task and profession; else near where it was. */
  if (self->layout != NULL && tm_matrix_layout_get_n_rows (self->layout) > 0)
    {
      guint n_columns = tm_matrix_layout_get_n_columns (self->layout);

      if (self->cursor_task != NULL)
        row = tm_matrix_layout_find_task (self->layout, self->cursor_task);
      if (row < 0)
        row = find_task_row (self, had_cursor ? old_row : 0, 1);

      if (on_outcome)
        column = n_columns - 1;
      else if (self->cursor_profession != NULL)
        column = tm_matrix_layout_find_profession (self->layout, self->cursor_profession);
      if (column < 0)
        column = CLAMP (old_column, 0, (int) n_columns - 1);
    }

  configure_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  /* The cursor follows its cell, but the view scrolls only if the cell moved. */
  move_cursor (self, row, column, had_cursor && row >= 0 && row != old_row);
}

static void
update (gpointer view)
{
  rebuild (view);
}

/* Coalesces the changes of one edit (or of many in one main loop turn); runs before
 * the next frame is drawn. Hidden (the matrix is one page of six), the view
 * is rebuilt only once it is shown again or asked about: with a region's
 * 100,000 tasks a layout takes some 200 ms, which an edit in the list should
 * not pay for a page nobody sees. */
static void
queue_rebuild (TmMatrixView *self)
{
  tm_view_watch_queue (&self->watch);
}

static void
disconnect_tasks (TmMatrixView *self)
{
  GListModel *tasks = get_tasks (self);

  if (tasks != NULL)
    g_clear_signal_handler (&self->tasks_changed_id, tasks);
}

static void
connect_tasks (TmMatrixView *self)
{
  GListModel *tasks = get_tasks (self);

  if (tasks != NULL)
    self->tasks_changed_id = g_signal_connect_swapped (tasks, "items-changed",
                                                       G_CALLBACK (queue_rebuild), self);
}

/* GtkWidget ----------------------------------------------------------------------------- */

static void
tm_matrix_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  TmMatrixView *self = TM_MATRIX_VIEW (widget);

  /* Scrolled: small minimum, the whole matrix as natural size. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = self->layout != NULL ? (int) ceil (get_canvas_width (self)) : 400;
    }
  else
    {
      *minimum = 120;
      *natural = self->layout != NULL ? (int) ceil (tm_matrix_layout_get_height (self->layout)) : 300;
    }
  *natural = MAX (*minimum, *natural);
}

static void
tm_matrix_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  TmMatrixView *self = TM_MATRIX_VIEW (widget);

  configure_adjustments (self);
  if (self->scroll_to_cursor)
    {
      self->scroll_to_cursor = FALSE;
      scroll_to_cursor (self);
    }
}

static void
tm_matrix_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  TmMatrixView *self = TM_MATRIX_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  TmMatrixState state;
  double header, label, hvalue, vvalue;
  guint first, last;

  if (width <= 0 || height <= 0 || self->layout == NULL)
    return;

  header = get_header_height (self);
  label = get_label_width (self);
  hvalue = get_hvalue (self);
  vvalue = get_vvalue (self);

  state.cursor_row = self->cursor_row;
  state.cursor_column = self->cursor_column;
  state.focused = gtk_widget_has_focus (widget);

  self->draw_count++;
  self->n_rows_drawn = 0;
  if (tm_matrix_layout_get_rows_in_range (self->layout, vvalue + header, vvalue + height,
                                          &first, &last))
    self->n_rows_drawn = last - first + 1;

  cr = tm_gui_snapshot_cairo (snapshot, width, height, &self->style);

  /* The cells, scrolled both ways, under the sticky header and labels. */
  cairo_save (cr);
  cairo_rectangle (cr, label, header, width - label, height - header);
  cairo_clip (cr);
  cairo_translate (cr, -hvalue, -vvalue);
  tm_matrix_layout_draw_rows (self->layout, cr, &state, vvalue + header, vvalue + height);
  cairo_restore (cr);

  /* The task titles stay at the left: the same rows again, clipped to the labels
   * and scrolled only vertically (the core draws labels and cells together). */
  cairo_save (cr);
  cairo_rectangle (cr, 0, header, MIN (label, width), height - header);
  cairo_clip (cr);
  tm_gui_fill_background (cr, &self->style);
  cairo_translate (cr, 0, -vvalue);
  tm_matrix_layout_draw_rows (self->layout, cr, &state, vvalue + header, vvalue + height);
  cairo_restore (cr);

  /* The profession names stay at the top, scrolled only sideways. */
  cairo_save (cr);
  cairo_rectangle (cr, label, 0, width - label, header);
  cairo_clip (cr);
  cairo_translate (cr, -hvalue, 0);
  tm_matrix_layout_draw_header (self->layout, cr, &state);
  cairo_restore (cr);

  /* And the corner stays put. */
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, MIN (label, width), header);
  cairo_clip (cr);
  tm_matrix_layout_draw_header (self->layout, cr, &state);
  cairo_restore (cr);

  cairo_destroy (cr);
}

static void
tm_matrix_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  TmMatrixView *self = TM_MATRIX_VIEW (widget);

  GTK_WIDGET_CLASS (tm_matrix_view_parent_class)->css_changed (widget, change);

  /* The font size (presentation mode) changes the whole geometry. */
  if (self->watch.portfolio != NULL)
    queue_rebuild (self);
}

/* GObject ------------------------------------------------------------------------------- */

static void
tm_matrix_view_dispose (GObject *object)
{
  TmMatrixView *self = TM_MATRIX_VIEW (object);

  disconnect_tasks (self);
  tm_view_watch_clear (&self->watch);
  g_clear_object (&self->tasks);
  g_clear_object (&self->columns);
  g_clear_pointer (&self->layout, tm_matrix_layout_free);
  g_clear_object (&self->cursor_task);
  g_clear_object (&self->cursor_profession);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (tm_matrix_view_parent_class)->dispose (object);
}

static void
tm_matrix_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TmMatrixView *self = TM_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_ONLY_IN_PLAY:
      g_value_set_boolean (value, self->only_in_play);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_matrix_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TmMatrixView *self = TM_MATRIX_VIEW (object);

  switch (prop_id)
    {
    case PROP_ONLY_IN_PLAY:
      tm_matrix_view_set_only_in_play (self, g_value_get_boolean (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_matrix_view_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
tm_matrix_view_class_init (TmMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_matrix_view_dispose;
  object_class->get_property = tm_matrix_view_get_property;
  object_class->set_property = tm_matrix_view_set_property;

  widget_class->measure = tm_matrix_view_measure;
  widget_class->size_allocate = tm_matrix_view_size_allocate;
  widget_class->snapshot = tm_matrix_view_snapshot;
  widget_class->css_changed = tm_matrix_view_css_changed;

  properties[PROP_ONLY_IN_PLAY] =
    g_param_spec_boolean ("only-in-play", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * TmMatrixView::cursor-changed:
   *
   * The keyboard cursor moved to another cell (or the cell went away).
   */
  signals[SIGNAL_CURSOR_CHANGED] =
    g_signal_new ("cursor-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * TmMatrixView::error:
   * @message: what went wrong, translated
   *
   * An edit could not be stored.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "matrixview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static void
tm_matrix_view_init (TmMatrixView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->only_in_play = TRUE;
  self->cursor_row = -1;
  self->cursor_column = -1;
  tm_view_watch_init (&self->watch, GTK_WIDGET (self),
                      TM_VIEW_WATCH_PROFESSIONS | TM_VIEW_WATCH_SCENARIOS,
                      G_PRIORITY_HIGH_IDLE, update, NULL);
  tm_draw_style_init (&self->style, 1.0, FALSE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Task × profession matrix"),
                                  -1);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
}

/* Public API ---------------------------------------------------------------------------- */

GtkWidget *
tm_matrix_view_new (void)
{
  return g_object_new (TM_TYPE_MATRIX_VIEW, NULL);
}

void
tm_matrix_view_set_portfolio (TmMatrixView *self,
                              TmPortfolio  *portfolio)
{
  g_return_if_fail (TM_IS_MATRIX_VIEW (self));
  g_return_if_fail (portfolio == NULL || TM_IS_PORTFOLIO (portfolio));

  if (self->watch.portfolio == portfolio)
    return;

  disconnect_tasks (self);
  /* Tasks and professions belong to their portfolio. */
  g_clear_object (&self->cursor_task);
  g_clear_object (&self->cursor_profession);
  self->has_cursor = FALSE;
  self->cursor_row = -1;
  self->cursor_column = -1;

  tm_view_watch_set_portfolio (&self->watch, portfolio);
  if (portfolio != NULL)
    connect_tasks (self);

  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, 0);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  rebuild (self);
}

void
tm_matrix_view_set_tasks (TmMatrixView *self,
                          GListModel   *tasks)
{
  g_return_if_fail (TM_IS_MATRIX_VIEW (self));
  g_return_if_fail (tasks == NULL || G_IS_LIST_MODEL (tasks));

  if (self->tasks == tasks)
    return;

  disconnect_tasks (self);
  g_set_object (&self->tasks, tasks);
  if (self->watch.portfolio != NULL)
    connect_tasks (self);
  rebuild (self);
}

void
tm_matrix_view_set_scenario (TmMatrixView *self,
                             const char   *scenario_id)
{
  g_return_if_fail (TM_IS_MATRIX_VIEW (self));

  if (tm_view_watch_set_scenario (&self->watch, scenario_id))
    rebuild (self);
}

void
tm_matrix_view_set_only_in_play (TmMatrixView *self,
                                 gboolean      only_in_play)
{
  g_return_if_fail (TM_IS_MATRIX_VIEW (self));

  only_in_play = !!only_in_play;
  if (self->only_in_play == (guint) only_in_play)
    return;

  self->only_in_play = only_in_play;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLY_IN_PLAY]);
}

gboolean
tm_matrix_view_get_only_in_play (TmMatrixView *self)
{
  g_return_val_if_fail (TM_IS_MATRIX_VIEW (self), FALSE);

  return self->only_in_play;
}

TmTask *
tm_matrix_view_get_cursor_task (TmMatrixView *self)
{
  g_return_val_if_fail (TM_IS_MATRIX_VIEW (self), NULL);

  return self->cursor_task;
}

TmProfession *
tm_matrix_view_get_cursor_profession (TmMatrixView *self)
{
  g_return_val_if_fail (TM_IS_MATRIX_VIEW (self), NULL);

  return self->cursor_profession;
}

gboolean
tm_matrix_view_set_cursor (TmMatrixView *self,
                           guint         row,
                           guint         column)
{
  g_return_val_if_fail (TM_IS_MATRIX_VIEW (self), FALSE);

  if (tm_view_watch_is_queued (&self->watch))
    rebuild (self);

  if (!is_task_row (self, row) || column >= tm_matrix_layout_get_n_columns (self->layout))
    return FALSE;

  move_cursor (self, row, column, TRUE);
  /* Before the first allocation there is nothing to scroll yet. */
  if (gtk_widget_get_width (GTK_WIDGET (self)) == 0)
    self->scroll_to_cursor = TRUE;
  return TRUE;
}

/* Test hooks ---------------------------------------------------------------------------- */

TmMatrixLayout *
_tm_matrix_view_get_layout (TmMatrixView *self)
{
  g_return_val_if_fail (TM_IS_MATRIX_VIEW (self), NULL);

  if (tm_view_watch_is_queued (&self->watch))
    rebuild (self);
  return self->layout;
}

void
_tm_matrix_view_get_cursor (TmMatrixView *self,
                            int          *row,
                            int          *column)
{
  g_return_if_fail (TM_IS_MATRIX_VIEW (self));

  if (tm_view_watch_is_queued (&self->watch))
    rebuild (self);
  if (row != NULL)
    *row = self->cursor_row;
  if (column != NULL)
    *column = self->cursor_column;
}

guint
_tm_matrix_view_get_rebuild_count (TmMatrixView *self)
{
  g_return_val_if_fail (TM_IS_MATRIX_VIEW (self), 0);

  return self->rebuild_count;
}

guint
_tm_matrix_view_get_draw_count (TmMatrixView *self,
                                guint        *n_rows_drawn)
{
  g_return_val_if_fail (TM_IS_MATRIX_VIEW (self), 0);

  if (n_rows_drawn != NULL)
    *n_rows_drawn = self->n_rows_drawn;
  return self->draw_count;
}
