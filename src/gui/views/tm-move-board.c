/* tm-move-board.c
 * The moves of a scenario as cards, grouped by status: the overview a workshop ends on.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-move-board"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>

#include "views/tm-move-board.h"
#include "views/tm-view-watch.h"
#include "tm-gui-util.h"
#include "render/tm-board.h"
#include "model/tm-task.h"

struct _TmMoveBoard
{
  GtkWidget      parent_instance;

  TmViewWatch    watch;          /* the portfolio and scenario shown */
  TmBoardLayout *layout;         /* the cards, laid out by the core */
  TmDrawStyle    style;
  double         laid_out_width; /* the width the layout is for; < 0 to redo */
  int            focus;          /* index of the focused card, -1 none */
  TmTask        *focus_task;     /* kept across rebuilds (owned) */
  gboolean       scroll_to_focus;
  gboolean       focus_at_top;   /* a jump: the card (and its heading) at the top */
  GtkWidget     *confirmation;   /* weak */

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
};

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  SIGNAL_ACTIVATE,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (TmMoveBoard, tm_move_board, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* The main line's statuses, in order: the keys 1–6. */
static const TmMoveStatus main_line[] = {
  TM_STATUS_PROPOSED, TM_STATUS_AGREED, TM_STATUS_APPROVED, TM_STATUS_PILOTED,
  TM_STATUS_IMPLEMENTED, TM_STATUS_EVALUATED,
};

static guint
n_cards (TmMoveBoard *self)
{
  return self->layout != NULL ? tm_board_layout_get_n_cards (self->layout) : 0;
}

/* Building */

static double
layout_width (TmMoveBoard *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  return width > 0 ? width : 800;
}

static void
rebuild (TmMoveBoard *self)
{
  tm_view_watch_caught_up (&self->watch);
  g_clear_pointer (&self->layout, tm_board_layout_free);
  self->focus = -1;

  if (self->watch.portfolio != NULL && self->watch.scenario_id != NULL)
    {
      /* The cards speak the session's language, as the rest of the window. */
      tm_gui_get_draw_style (GTK_WIDGET (self), &self->style);
      self->layout = tm_board_layout_new (self->watch.portfolio, self->watch.scenario_id, &self->style,
                                          layout_width (self));
      self->laid_out_width = layout_width (self);
      if (self->focus_task != NULL)
        self->focus = tm_board_layout_find_task (self->layout, self->focus_task);
      if (self->focus < 0 && n_cards (self) > 0)
        self->focus = 0;
    }

  if (self->focus >= 0)
    g_set_object (&self->focus_task,
                  tm_move_card_get_task (tm_board_layout_get_card (self->layout, self->focus)));
  else
    g_clear_object (&self->focus_task);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void update_accessible (TmMoveBoard *self);

static void
update (gpointer view)
{
  rebuild (view);
  update_accessible (view);
}

/* Rebuilt soon when shown; when hidden (the usual case: the board is one page
 * of six), only once it is shown again, so that edits elsewhere never pay
 * for cards nobody sees. */
static void
queue_rebuild (gpointer view)
{
  TmMoveBoard *self = view;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    g_clear_pointer (&self->layout, tm_board_layout_free);
  tm_view_watch_queue (&self->watch);
}

static void
ensure_layout (TmMoveBoard *self)
{
  if (tm_view_watch_is_queued (&self->watch))
    rebuild (self);
  if (self->layout != NULL && self->laid_out_width != layout_width (self))
    {
      tm_gui_get_draw_style (GTK_WIDGET (self), &self->style);
      tm_board_layout_set_width (self->layout, &self->style, layout_width (self));
      self->laid_out_width = layout_width (self);
    }
}

static void
configure_adjustments (TmMoveBoard *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double content = self->layout != NULL ? tm_board_layout_get_height (self->layout) : 0;

  if (self->vadjustment != NULL)
    {
      double upper = MAX (content, height);
      double value = CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, upper - height);

      gtk_adjustment_configure (self->vadjustment, value, 0, upper,
                                height * 0.1, height * 0.9, height);
    }
  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment, 0, 0, width, width * 0.1, width * 0.9, width);
}

static double
scroll_offset (TmMoveBoard *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
scroll_to_focus (TmMoveBoard *self)
{
  cairo_rectangle_t rect;
  double value, page, gap;

  ensure_layout (self);
  if (self->focus < 0 || self->vadjustment == NULL)
    return;
  tm_board_layout_get_card_rect (self->layout, self->focus, &rect);
  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  gap = 12 * self->style.font_scale;

  if (self->focus_at_top)
    {
      self->focus_at_top = FALSE;
      gtk_adjustment_set_value (self->vadjustment, rect.y - gap);
    }
  else if (rect.y - gap < value)
    gtk_adjustment_set_value (self->vadjustment, rect.y - gap);
  else if (rect.y + rect.height + gap > value + page)
    gtk_adjustment_set_value (self->vadjustment, MIN (rect.y - gap, rect.y + rect.height + gap - page));
}

/* Focus and accessibility */

static void
update_accessible (TmMoveBoard *self)
{
  g_autofree char *description = NULL;

  if (self->focus >= 0)
    description = tm_move_card_dup_accessible_description (tm_board_layout_get_card (self->layout,
                                                                                     self->focus));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : _("No moves in this scenario yet."),
                                  -1);
}

static void
set_focus (TmMoveBoard *self,
           int          index)
{
  if (index < 0 || index >= (int) n_cards (self))
    return;
  self->focus = index;
  g_set_object (&self->focus_task, tm_move_card_get_task (tm_board_layout_get_card (self->layout, index)));
  scroll_to_focus (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static int
vertical_neighbour (TmMoveBoard *self,
                    int          direction)
{
  ensure_layout (self);
  if (self->focus < 0)
    return -1;
  return tm_board_layout_get_neighbour (self->layout, self->focus, direction);
}

/* Status changes */

static void
on_status_changed (gboolean      changed,
                   const GError *error,
                   gpointer      user_data)
{
  TmMoveBoard *self = user_data;

  if (error != NULL)
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
  if (changed)
    {
      /* The card goes to its new section, and the focus with it. */
      rebuild (self);
      self->scroll_to_focus = TRUE;
      gtk_widget_queue_allocate (GTK_WIDGET (self));
      update_accessible (self);
    }
}

static void
change_status (TmMoveBoard  *self,
               TmMoveStatus  status)
{
  TmTask *task = tm_move_board_get_focus_task (self);

  if (task == NULL)
    return;
  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  self->confirmation = tm_gui_change_move_status (GTK_WIDGET (self), self->watch.portfolio, task,
                                                  self->watch.scenario_id, status, NULL,
                                                  on_status_changed, self);
  if (self->confirmation != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->confirmation), (gpointer *) &self->confirmation);
}

/* The next status along the main line (@step 1) or the one before (-1). */
static gboolean
step_status (TmMoveBoard  *self,
             int           step,
             TmMoveStatus *status)
{
  const TmMoveReview *review;
  TmMoveStatus from, reached;
  TmTask *task = tm_move_board_get_focus_task (self);

  if (task == NULL)
    return FALSE;
  review = tm_task_data_get_review (tm_task_peek_data (task), self->watch.scenario_id);
  from = review != NULL ? tm_move_review_get_status (review) : TM_STATUS_PROPOSED;
  reached = review != NULL ? tm_move_review_get_reached (review) : TM_STATUS_PROPOSED;

  if (from == TM_STATUS_PAUSED)
    *status = step > 0 ? reached : TM_STATUS_PROPOSED;
  else if (from == TM_STATUS_REJECTED)
    *status = TM_STATUS_PROPOSED;
  else if (step > 0)
    *status = from == TM_STATUS_EVALUATED ? from : from + 1;
  else
    *status = from == TM_STATUS_PROPOSED ? from : from - 1;
  return *status != from;
}

static gboolean
handle_key (TmMoveBoard     *self,
            guint            keyval,
            GdkModifierType  state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  TmMoveStatus status;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || n_cards (self) == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (shift)
        {
          if (step_status (self, 1, &status))
            change_status (self, status);
        }
      else
        set_focus (self, self->focus + 1);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (shift)
        {
          if (step_status (self, -1, &status))
            change_status (self, status);
        }
      else
        set_focus (self, self->focus - 1);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      set_focus (self, vertical_neighbour (self, 1));
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      set_focus (self, vertical_neighbour (self, -1));
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      set_focus (self, 0);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      set_focus (self, n_cards (self) - 1);
      return TRUE;

    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
      if (step_status (self, 1, &status))
        change_status (self, status);
      return TRUE;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      if (step_status (self, -1, &status))
        change_status (self, status);
      return TRUE;

    case GDK_KEY_r:
    case GDK_KEY_R:
      change_status (self, TM_STATUS_REJECTED);
      return TRUE;

    case GDK_KEY_p:
    case GDK_KEY_P:
      change_status (self, TM_STATUS_PAUSED);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      if (tm_move_board_get_focus_task (self) != NULL)
        g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0, tm_move_board_get_focus_task (self));
      return TRUE;

    default:
      break;
    }

  /* 1–6: a status of the main line. */
  {
    gunichar c = gdk_keyval_to_unicode (keyval);

    if (c >= '1' && c < '1' + G_N_ELEMENTS (main_line))
      {
        change_status (self, main_line[c - '1']);
        return TRUE;
      }
  }

  return FALSE;
}

static gboolean
on_key_pressed (TmMoveBoard           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return handle_key (self, keyval, state);
}

static int
card_at (TmMoveBoard *self,
         double       x,
         double       y)
{
  ensure_layout (self);
  if (self->layout == NULL)
    return -1;
  return tm_board_layout_hit (self->layout, x, y + scroll_offset (self));
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            TmMoveBoard     *self)
{
  int index = card_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (index < 0)
    return;
  set_focus (self, index);
  if (n_press == 2)
    g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0, tm_move_board_get_focus_task (self));
}

/* Drawing */

static void
tm_move_board_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TmMoveBoard *self = TM_MOVE_BOARD (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double offset;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  /* Nothing here may change the adjustments: the scrollbar is drawn next. */
  ensure_layout (self);
  offset = scroll_offset (self);

  cr = tm_gui_snapshot_cairo (snapshot, width, height, &self->style);
  if (self->layout != NULL)
    {
      cairo_translate (cr, 0, -offset);
      /* Only the cards in view; the focus shows while the board has it. */
      tm_board_layout_draw (self->layout, cr, offset, offset + height,
                            gtk_widget_has_focus (widget) ? self->focus : -1);
    }
  cairo_destroy (cr);
}

static void
tm_move_board_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TmMoveBoard *self = TM_MOVE_BOARD (widget);

  /* As small as the window likes; naturally as tall as the cards at that
   * width, so the scrolled window knows when to show its scrollbar. */
  *minimum = 100;
  *natural = 800;
  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      if (self->layout != NULL)
        {
          double width = for_size > 0 ? for_size : layout_width (self);

          if (width != self->laid_out_width)
            {
              tm_gui_get_draw_style (widget, &self->style);
              tm_board_layout_set_width (self->layout, &self->style, width);
              self->laid_out_width = width;
            }
          *natural = (int) ceil (tm_board_layout_get_height (self->layout));
        }
      else
        *natural = 100;
    }
}

static void
tm_move_board_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  TmMoveBoard *self = TM_MOVE_BOARD (widget);

  ensure_layout (self);
  configure_adjustments (self);
  if (self->scroll_to_focus)
    {
      self->scroll_to_focus = FALSE;
      scroll_to_focus (self);
    }
}

static void
on_adjustment_changed (TmMoveBoard *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (TmMoveBoard    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  configure_adjustments (self);
}

static void
on_css_changed (GtkWidget         *widget,
                GtkCssStyleChange *change)
{
  TmMoveBoard *self = TM_MOVE_BOARD (widget);

  GTK_WIDGET_CLASS (tm_move_board_parent_class)->css_changed (widget, change);
  /* Presentation mode: a larger font, the cards laid out anew. */
  self->laid_out_width = -1;
  gtk_widget_queue_resize (widget);
}

static void
on_focus_changed (TmMoveBoard *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GObject */

static void
tm_move_board_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TmMoveBoard *self = TM_MOVE_BOARD (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT: g_value_set_object (value, self->hadjustment); break;
    case PROP_VADJUSTMENT: g_value_set_object (value, self->vadjustment); break;
    case PROP_HSCROLL_POLICY: g_value_set_enum (value, self->hscroll_policy); break;
    case PROP_VSCROLL_POLICY: g_value_set_enum (value, self->vscroll_policy); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_move_board_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TmMoveBoard *self = TM_MOVE_BOARD (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT: set_adjustment (self, &self->hadjustment, g_value_get_object (value)); break;
    case PROP_VADJUSTMENT: set_adjustment (self, &self->vadjustment, g_value_get_object (value)); break;
    case PROP_HSCROLL_POLICY: self->hscroll_policy = g_value_get_enum (value); break;
    case PROP_VSCROLL_POLICY: self->vscroll_policy = g_value_get_enum (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_move_board_dispose (GObject *object)
{
  TmMoveBoard *self = TM_MOVE_BOARD (object);

  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  tm_view_watch_clear (&self->watch);
  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  g_clear_object (&self->focus_task);

  G_OBJECT_CLASS (tm_move_board_parent_class)->dispose (object);
}

static void
tm_move_board_finalize (GObject *object)
{
  TmMoveBoard *self = TM_MOVE_BOARD (object);

  g_clear_pointer (&self->layout, tm_board_layout_free);

  G_OBJECT_CLASS (tm_move_board_parent_class)->finalize (object);
}

static void
tm_move_board_class_init (TmMoveBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_move_board_get_property;
  object_class->set_property = tm_move_board_set_property;
  object_class->dispose = tm_move_board_dispose;
  object_class->finalize = tm_move_board_finalize;

  widget_class->snapshot = tm_move_board_snapshot;
  widget_class->measure = tm_move_board_measure;
  widget_class->size_allocate = tm_move_board_size_allocate;
  widget_class->css_changed = on_css_changed;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TM_TYPE_TASK);
  signals[SIGNAL_ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "moveboard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tm_move_board_init (TmMoveBoard *self)
{
  GtkEventController *key;
  GtkGesture *click;

  self->focus = -1;
  self->laid_out_width = -1;
  tm_view_watch_init (&self->watch, GTK_WIDGET (self),
                      TM_VIEW_WATCH_TASKS | TM_VIEW_WATCH_STAFFING | TM_VIEW_WATCH_PROFESSIONS,
                      G_PRIORITY_HIGH_IDLE, update, queue_rebuild);
  self->vscroll_policy = GTK_SCROLL_NATURAL;
  tm_draw_style_init (&self->style, 1.0, FALSE);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Moves by status"), -1);

  key = gtk_event_controller_key_new ();
  g_signal_connect_swapped (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (self, "notify::has-focus", G_CALLBACK (on_focus_changed), NULL);
}

/* Public */

GtkWidget *
tm_move_board_new (void)
{
  return g_object_new (TM_TYPE_MOVE_BOARD, NULL);
}

void
tm_move_board_set_portfolio (TmMoveBoard *self,
                             TmPortfolio *portfolio)
{
  g_return_if_fail (TM_IS_MOVE_BOARD (self));

  /* Tasks belong to their portfolio. */
  if (self->watch.portfolio != portfolio)
    g_clear_object (&self->focus_task);
  tm_view_watch_set_portfolio (&self->watch, portfolio);
}

void
tm_move_board_set_scenario (TmMoveBoard *self,
                            const char  *scenario_id)
{
  g_return_if_fail (TM_IS_MOVE_BOARD (self));

  tm_view_watch_set_scenario (&self->watch, scenario_id);
}

TmTask *
tm_move_board_get_focus_task (TmMoveBoard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_BOARD (self), NULL);

  ensure_layout (self);
  if (self->focus < 0)
    return NULL;
  return tm_move_card_get_task (tm_board_layout_get_card (self->layout, self->focus));
}

gboolean
tm_move_board_focus_task (TmMoveBoard *self,
                          TmTask      *task)
{
  int index;

  g_return_val_if_fail (TM_IS_MOVE_BOARD (self), FALSE);

  ensure_layout (self);
  index = self->layout != NULL ? tm_board_layout_find_task (self->layout, task) : -1;
  if (index < 0)
    return FALSE;
  self->focus_at_top = TRUE;
  set_focus (self, index);
  self->focus_at_top = TRUE;
  self->scroll_to_focus = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return TRUE;
}

guint
tm_move_board_get_n_cards (TmMoveBoard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_BOARD (self), 0);

  ensure_layout (self);
  return n_cards (self);
}

guint
tm_move_board_count_status (TmMoveBoard  *self,
                            TmMoveStatus  status)
{
  g_return_val_if_fail (TM_IS_MOVE_BOARD (self), 0);

  ensure_layout (self);
  return self->layout != NULL ? tm_board_layout_count_status (self->layout, status) : 0;
}

gboolean
_tm_move_board_press_key (TmMoveBoard     *self,
                          guint            keyval,
                          GdkModifierType  state)
{
  g_return_val_if_fail (TM_IS_MOVE_BOARD (self), FALSE);

  ensure_layout (self);
  return handle_key (self, keyval, state);
}

TmMoveCard *
_tm_move_board_get_focus_card (TmMoveBoard *self)
{
  g_return_val_if_fail (TM_IS_MOVE_BOARD (self), NULL);

  ensure_layout (self);
  if (self->layout == NULL || self->focus < 0)
    return NULL;
  return tm_board_layout_get_card (self->layout, self->focus);
}
