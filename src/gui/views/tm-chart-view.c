/* tm-chart-view.c
 * One of the charts of a scenario (level × complexity map, capacity, flow), drawn by the core.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-chart-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "analysis/tm-analysis.h"
#include "tm-gui-util.h"
#include "views/tm-chart-view.h"
#include "views/tm-chart-view-private.h"
#include "views/tm-view-count.h"
#include "views/tm-view-watch.h"

/* Without a natural size from the core: a chart that reads on a laptop. */
#define DEFAULT_WIDTH  640
#define DEFAULT_HEIGHT 420
/* Room around the chart, so its text does not touch the window's edge. */
#define MARGIN 12

struct _TmChartView
{
  GtkWidget     parent_instance;

  TmViewKind    kind;

  /* Owned */
  TmViewWatch   watch;         /* the portfolio and scenario shown */
  TmViewCount   count;         /* the next analysis, while counted in steps */
  gboolean      count_resize;  /* whether its end may queue a resize */
  TmAnalysis   *analysis;
  TmComparison *comparison;    /* TM_VIEW_COMPARISON */
  GStrv         scenario_ids;  /* the scenarios compared; NULL: the first four */
  TmGridLayout *grid;          /* at grid_width × grid_height */
  TmDrawStyle   style;
  guint         recompute_count; /* for tests */

  int           grid_width;
  int           grid_height;
  /* The grid's keyboard cell (focused) or the cell under the pointer; -1: none. */
  int           selected_level;
  int           selected_complexity;
  guint         draw_count;
};

G_DEFINE_FINAL_TYPE (TmChartView, tm_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The grid's rows and columns in the order the core draws them. */
static const TmLevel grid_levels[] = {
  TM_LEVEL_ADMIN, TM_LEVEL_BOUNDED_CLINICAL, TM_LEVEL_COORDINATION, TM_LEVEL_NOT_ASSESSED,
};
static const TmComplexity grid_complexities[] = {
  TM_COMPLEXITY_LOW, TM_COMPLEXITY_MODERATE, TM_COMPLEXITY_HIGH, TM_COMPLEXITY_NOT_ASSESSED,
};

/* Helpers ------------------------------------------------------------------------------- */

static void
update_accessible (TmChartView *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tm_view_kind_get_label (self->kind),
                                  -1);

  if (self->kind == TM_VIEW_GRID && self->analysis != NULL
      && self->selected_level >= 0 && self->selected_complexity >= 0)
    {
      guint n = self->analysis->grid_tasks[self->selected_level][self->selected_complexity];
      double hours = self->analysis->grid_hours[self->selected_level][self->selected_complexity];
      g_autofree char *text = NULL;

      /* Translators: the grid cell under the keyboard cursor, e.g. "Bounded clinical
       * tasks, Low: 4 tasks, 2.5 hours per week" */
      text = g_strdup_printf (ngettext ("%s, %s: %u task, %.1f hours per week",
                                        "%s, %s: %u tasks, %.1f hours per week", n),
                              tm_level_get_label (self->selected_level),
                              tm_complexity_get_label (self->selected_complexity), n, hours);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Analysis ------------------------------------------------------------------------------ */

/* The scenarios compared: those chosen that still exist, else the first four. */
static GStrv
compared_scenarios (TmChartView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *scenarios = tm_portfolio_get_scenarios (self->watch.portfolio);
  guint n = 0;

  for (guint i = 0; self->scenario_ids != NULL && self->scenario_ids[i] != NULL; i++)
    if (tm_portfolio_lookup_scenario (self->watch.portfolio, self->scenario_ids[i]) != NULL &&
        n < TM_COMPARISON_MAX_SCENARIOS)
      {
        g_strv_builder_add (builder, self->scenario_ids[i]);
        n++;
      }

  if (n == 0)
    for (guint i = 0; i < g_list_model_get_n_items (scenarios) && i < TM_COMPARISON_MAX_SCENARIOS; i++)
      {
        g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

        g_strv_builder_add (builder, tm_scenario_get_id (scenario));
      }
  return g_strv_builder_end (builder);
}

/* The analyses counted (tm-view-count.h): the scenario shown's, then, for
 * the comparison, those compared. They replace what was shown. */
static void
on_counted (gpointer   view,
            GPtrArray *analyses_in)
{
  TmChartView *self = view;
  g_autoptr(GPtrArray) analyses = analyses_in;

  g_clear_pointer (&self->analysis, tm_analysis_free);
  g_clear_pointer (&self->comparison, tm_comparison_free);
  g_clear_pointer (&self->grid, tm_grid_layout_free);

  self->analysis = g_ptr_array_steal_index (analyses, 0);
  if (self->kind == TM_VIEW_COMPARISON)
    self->comparison = tm_comparison_new_for_analyses (self->watch.portfolio, g_steal_pointer (&analyses));

  update_accessible (self);
  /* The charts' natural heights depend on what they show. */
  if (self->count_resize)
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* @resize FALSE from inside measure() or snapshot(), where a resize must not
 * be queued. A unit's analysis is counted at once; a region's in steps
 * between frames, the figures shown before staying (dimmed) meanwhile. */
static void
recompute (TmChartView *self,
           gboolean     resize)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_auto(GStrv) compared = NULL;

  tm_view_watch_caught_up (&self->watch);
  self->recompute_count++;

  if (self->watch.portfolio == NULL)
    {
      tm_view_count_clear (&self->count);
      g_clear_pointer (&self->analysis, tm_analysis_free);
      g_clear_pointer (&self->comparison, tm_comparison_free);
      g_clear_pointer (&self->grid, tm_grid_layout_free);
      update_accessible (self);
      if (resize)
        gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }

  memset (&self->style, 0, sizeof self->style);
  tm_gui_get_draw_style (GTK_WIDGET (self), &self->style);
  g_ptr_array_add (ids, (gpointer) tm_gui_shown_scenario_id (self->watch.portfolio, self->watch.scenario_id));
  if (self->kind == TM_VIEW_COMPARISON)
    {
      compared = compared_scenarios (self);
      for (guint i = 0; compared[i] != NULL; i++)
        g_ptr_array_add (ids, compared[i]);
    }

  self->count_resize = resize;
  tm_view_count_start (&self->count, self->watch.portfolio, (const char * const *) ids->pdata, ids->len);
  /* Counted later, from an idle: its end resizes. */
  self->count_resize = TRUE;
}

/* A change under a count in steps drops it; the view catches up as usual. */
static void
on_changed (gpointer view)
{
  TmChartView *self = view;

  tm_view_count_stop (&self->count);
  tm_view_watch_queue (&self->watch);
}

static void
update (gpointer view)
{
  recompute (view, TRUE);
}

/* Coalesces the changes of one edit, or of many (an import, an undo). A
 * hidden chart (most are: each is on a page of its own) recomputes only
 * once it is shown again (tm-view-watch.h). */
static void
queue_recompute (TmChartView *self)
{
  tm_view_watch_queue (&self->watch);
}

static void
ensure_analysis (TmChartView *self)
{
  /* A pending recomputation is left to its idle, which also resizes: this runs
   * inside measure() and snapshot(). So is a count in steps. */
  if (self->analysis == NULL && self->watch.portfolio != NULL && !tm_view_count_is_counting (&self->count))
    recompute (self, FALSE);
}

static TmGridLayout *
ensure_grid (TmChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;
  int height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN;

  if (self->kind != TM_VIEW_GRID || self->watch.portfolio == NULL || width <= 0 || height <= 0)
    return NULL;

  ensure_analysis (self);
  if (self->analysis == NULL)
    return NULL;

  if (self->grid == NULL || self->grid_width != width || self->grid_height != height)
    {
      g_clear_pointer (&self->grid, tm_grid_layout_free);
      self->grid = tm_grid_layout_new (self->watch.portfolio, self->analysis, &self->style,
                                       TM_GRID_SHADE_HOURS, width, height);
      self->grid_width = width;
      self->grid_height = height;
    }

  return self->grid;
}

/* Input (grid) -------------------------------------------------------------------------- */

static void
select_cell (TmChartView *self,
             int          level,
             int          complexity)
{
  if (self->selected_level == level && self->selected_complexity == complexity)
    return;

  self->selected_level = level;
  self->selected_complexity = complexity;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_tm_chart_view_click (TmChartView *self,
                      double       x,
                      double       y)
{
  TmGridLayout *grid;
  TmLevel level;
  TmComplexity complexity;

  g_return_if_fail (TM_IS_CHART_VIEW (self));

  grid = ensure_grid (self);
  if (grid == NULL || !tm_grid_layout_hit (grid, x - MARGIN, y - MARGIN, &level, &complexity))
    return;

  select_cell (self, level, complexity);
  g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, (guint) level, (guint) complexity);
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   TmChartView     *self)
{
  if (n_press != 1)
    return;
  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  _tm_chart_view_click (self, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           TmChartView              *self)
{
  TmGridLayout *grid = ensure_grid (self);
  TmLevel level;
  TmComplexity complexity;
  gboolean hit = grid != NULL && tm_grid_layout_hit (grid, x - MARGIN, y - MARGIN,
                                                    &level, &complexity);

  /* A cell filters the catalogue: show that it can be clicked. */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hit ? "pointer" : NULL);
}

static int
index_of_level (int level)
{
  for (guint i = 0; i < G_N_ELEMENTS (grid_levels); i++)
    if ((int) grid_levels[i] == level)
      return i;
  return -1;
}

static int
index_of_complexity (int complexity)
{
  for (guint i = 0; i < G_N_ELEMENTS (grid_complexities); i++)
    if ((int) grid_complexities[i] == complexity)
      return i;
  return -1;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TmChartView           *self)
{
  int row = index_of_level (self->selected_level);
  int column = index_of_complexity (self->selected_complexity);
  int n_rows = G_N_ELEMENTS (grid_levels);
  int n_columns = G_N_ELEMENTS (grid_complexities);

  if (self->kind != TM_VIEW_GRID
      || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;

  if (row < 0 || column < 0)
    {
      row = 0;
      column = 0;
    }

  switch (keyval)
    {
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
      row = MAX (0, row - 1);
      break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      row = MIN (n_rows - 1, row + 1);
      break;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
      column = MAX (0, column - 1);
      break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
      column = MIN (n_columns - 1, column + 1);
      break;
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
    case GDK_KEY_space: case GDK_KEY_KP_Space:
      select_cell (self, grid_levels[row], grid_complexities[column]);
      g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0,
                     (guint) grid_levels[row], (guint) grid_complexities[column]);
      return TRUE;
    default:
      return FALSE;
    }

  select_cell (self, grid_levels[row], grid_complexities[column]);
  return TRUE;
}

static void
on_focus_enter (TmChartView *self)
{
  if (self->selected_level < 0)
    select_cell (self, grid_levels[0], grid_complexities[0]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave (TmChartView *self)
{
  select_cell (self, -1, -1);
}

/* GtkWidget ----------------------------------------------------------------------------- */

static double
chart_height (TmChartView *self,
              double       width)
{
  if (self->analysis == NULL || self->watch.portfolio == NULL)
    return DEFAULT_HEIGHT;

  switch (self->kind)
    {
    case TM_VIEW_CAPACITY:
      return tm_capacity_chart_get_height (self->watch.portfolio, self->analysis, &self->style, width);
    case TM_VIEW_FLOW:
      return tm_flow_chart_get_height (self->watch.portfolio, self->analysis, &self->style, width);
    case TM_VIEW_COMPARISON:
      return self->comparison ? tm_comparison_chart_get_height (self->watch.portfolio, self->comparison,
                                                                &self->style, width) : DEFAULT_HEIGHT;
    case TM_VIEW_GRID:
    case TM_VIEW_MATRIX:
    case TM_N_VIEWS:
    default:
      return DEFAULT_HEIGHT;
    }
}

static GtkSizeRequestMode
tm_chart_view_get_request_mode (GtkWidget *widget)
{
  TmChartView *self = TM_CHART_VIEW (widget);

  return self->kind == TM_VIEW_GRID ? GTK_SIZE_REQUEST_CONSTANT_SIZE
                                    : GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
tm_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  TmChartView *self = TM_CHART_VIEW (widget);

  ensure_analysis (self);

  if (self->kind == TM_VIEW_GRID)
    {
      double min_width = 0, min_height = 0;

      tm_grid_get_min_size (&self->style, &min_width, &min_height);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          *minimum = (int) ceil (min_width) + 2 * MARGIN;
          *natural = MAX (*minimum, DEFAULT_WIDTH);
        }
      else
        {
          *minimum = (int) ceil (min_height) + 2 * MARGIN;
          *natural = MAX (*minimum, DEFAULT_HEIGHT);
        }
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = DEFAULT_WIDTH;
    }
  else
    {
      double width = (for_size > 0 ? for_size : DEFAULT_WIDTH) - 2 * MARGIN;
      int height = (int) ceil (chart_height (self, MAX (1, width))) + 2 * MARGIN;

      /* The chart is drawn at the height it asks for; more room is left empty. */
      *minimum = MAX (120, height);
      *natural = *minimum;
    }
}

static void
tm_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  TmChartView *self = TM_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 2 * MARGIN || height <= 2 * MARGIN || self->watch.portfolio == NULL)
    return;

  ensure_analysis (self);
  if (self->analysis == NULL)
    return;

  self->draw_count++;
  cr = tm_gui_snapshot_cairo (snapshot, width, height, &self->style);

  /* The chart's own area, inside the margin. */
  cairo_translate (cr, MARGIN, MARGIN);
  width -= 2 * MARGIN;
  height -= 2 * MARGIN;

  switch (self->kind)
    {
    case TM_VIEW_GRID:
      {
        TmGridLayout *grid = ensure_grid (self);

        if (grid != NULL)
          tm_grid_layout_draw (grid, cr, self->selected_level, self->selected_complexity);
      }
      break;

    case TM_VIEW_CAPACITY:
      tm_capacity_chart_draw (cr, self->watch.portfolio, self->analysis, &self->style,
                              width, MIN (height, chart_height (self, width)));
      break;

    case TM_VIEW_FLOW:
      tm_flow_chart_draw (cr, self->watch.portfolio, self->analysis, &self->style,
                          width, MIN (height, chart_height (self, width)));
      break;

    case TM_VIEW_COMPARISON:
      if (self->comparison != NULL)
        tm_comparison_chart_draw (cr, self->watch.portfolio, self->comparison, &self->style,
                                  width, MIN (height, chart_height (self, width)));
      break;

    case TM_VIEW_MATRIX:
    case TM_N_VIEWS:
    default:
      break;
    }

  cairo_destroy (cr);
}

static void
tm_chart_view_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  TmChartView *self = TM_CHART_VIEW (widget);

  GTK_WIDGET_CLASS (tm_chart_view_parent_class)->css_changed (widget, change);

  /* Only a change of what the drawing uses (the text scale, presentation
   * mode): the view's own style class "counting", added and removed by a
   * count in steps, would otherwise start the count again, without end. */
  if (self->watch.portfolio != NULL)
    {
      TmDrawStyle style;

      memset (&style, 0, sizeof style);
      tm_gui_get_draw_style (widget, &style);
      if (memcmp (&style, &self->style, sizeof style) != 0)
        queue_recompute (self);
    }
}

/* GObject ------------------------------------------------------------------------------- */

static void
tm_chart_view_constructed (GObject *object)
{
  TmChartView *self = TM_CHART_VIEW (object);

  G_OBJECT_CLASS (tm_chart_view_parent_class)->constructed (object);

  /* Only the grid has cells to choose. */
  gtk_widget_set_focusable (GTK_WIDGET (self), self->kind == TM_VIEW_GRID);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), self->kind == TM_VIEW_GRID);
  update_accessible (self);
}

static void
tm_chart_view_dispose (GObject *object)
{
  TmChartView *self = TM_CHART_VIEW (object);

  tm_view_watch_clear (&self->watch);
  tm_view_count_clear (&self->count);
  g_clear_pointer (&self->grid, tm_grid_layout_free);
  g_clear_pointer (&self->analysis, tm_analysis_free);
  g_clear_pointer (&self->comparison, tm_comparison_free);

  G_OBJECT_CLASS (tm_chart_view_parent_class)->dispose (object);
}

static void
tm_chart_view_finalize (GObject *object)
{
  TmChartView *self = TM_CHART_VIEW (object);

  g_clear_pointer (&self->scenario_ids, g_strfreev);

  G_OBJECT_CLASS (tm_chart_view_parent_class)->finalize (object);
}

static void
tm_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TmChartView *self = TM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TmChartView *self = TM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_chart_view_class_init (TmChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tm_chart_view_constructed;
  object_class->dispose = tm_chart_view_dispose;
  object_class->finalize = tm_chart_view_finalize;
  object_class->get_property = tm_chart_view_get_property;
  object_class->set_property = tm_chart_view_set_property;

  widget_class->get_request_mode = tm_chart_view_get_request_mode;
  widget_class->measure = tm_chart_view_measure;
  widget_class->snapshot = tm_chart_view_snapshot;
  widget_class->css_changed = tm_chart_view_css_changed;

  /* A TmViewKind; a plain uint, as the core registers no enum type. */
  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, TM_VIEW_GRID, TM_VIEW_COMPARISON, TM_VIEW_GRID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TmChartView::cell-activated:
   * @level: a #TmLevel
   * @complexity: a #TmComplexity
   *
   * A cell of the level × complexity grid was clicked or activated with the keyboard.
   */
  signals[SIGNAL_CELL_ACTIVATED] =
    g_signal_new ("cell-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tm_chart_view_init (TmChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->kind = TM_VIEW_GRID;
  self->selected_level = -1;
  self->selected_complexity = -1;
  tm_view_watch_init (&self->watch, GTK_WIDGET (self),
                      TM_VIEW_WATCH_TASKS | TM_VIEW_WATCH_STAFFING | TM_VIEW_WATCH_PROFESSIONS |
                      TM_VIEW_WATCH_SCENARIOS,
                      G_PRIORITY_DEFAULT_IDLE, update, on_changed);
  tm_view_count_init (&self->count, GTK_WIDGET (self), on_counted);
  tm_draw_style_init (&self->style, 1.0, FALSE);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* Public API ---------------------------------------------------------------------------- */

GtkWidget *
tm_chart_view_new (TmViewKind kind)
{
  g_return_val_if_fail (kind == TM_VIEW_GRID || kind == TM_VIEW_CAPACITY || kind == TM_VIEW_FLOW ||
                        kind == TM_VIEW_COMPARISON,
                        NULL);

  return g_object_new (TM_TYPE_CHART_VIEW, "kind", (guint) kind, NULL);
}

TmViewKind
tm_chart_view_get_kind (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), TM_VIEW_GRID);

  return self->kind;
}

void
tm_chart_view_set_portfolio (TmChartView *self,
                             TmPortfolio *portfolio)
{
  g_return_if_fail (TM_IS_CHART_VIEW (self));
  g_return_if_fail (portfolio == NULL || TM_IS_PORTFOLIO (portfolio));

  tm_view_watch_set_portfolio (&self->watch, portfolio);
}

void
tm_chart_view_set_scenario (TmChartView *self,
                            const char  *scenario_id)
{
  g_return_if_fail (TM_IS_CHART_VIEW (self));

  tm_view_watch_set_scenario (&self->watch, scenario_id);
}

void
tm_chart_view_set_scenarios (TmChartView        *self,
                             const char * const *scenario_ids)
{
  g_return_if_fail (TM_IS_CHART_VIEW (self));

  g_clear_pointer (&self->scenario_ids, g_strfreev);
  self->scenario_ids = g_strdupv ((char **) scenario_ids);
  queue_recompute (self);
}

GStrv
tm_chart_view_dup_scenarios (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), NULL);

  if (self->watch.portfolio == NULL)
    return g_new0 (char *, 1);
  return compared_scenarios (self);
}

/* Test hooks ---------------------------------------------------------------------------- */

TmGridLayout *
_tm_chart_view_get_grid_layout (TmChartView *self,
                                double      *x,
                                double      *y)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), NULL);

  if (x != NULL)
    *x = MARGIN;
  if (y != NULL)
    *y = MARGIN;
  if (tm_view_watch_is_queued (&self->watch))
    recompute (self, TRUE);
  return ensure_grid (self);
}

guint
_tm_chart_view_get_recompute_count (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), 0);

  return self->recompute_count;
}

const TmAnalysis *
_tm_chart_view_peek_analysis (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), NULL);

  return self->analysis;
}

guint
_tm_chart_view_get_draw_count (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), 0);

  return self->draw_count;
}

const TmComparison *
_tm_chart_view_peek_comparison (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), NULL);

  return self->comparison;
}

void
_tm_chart_view_set_count_budget (TmChartView *self,
                                 gint64       at_once_us,
                                 gint64       step_us)
{
  g_return_if_fail (TM_IS_CHART_VIEW (self));

  self->count.at_once_us = at_once_us;
  self->count.step_us = step_us;
}

gboolean
_tm_chart_view_is_counting (TmChartView *self)
{
  g_return_val_if_fail (TM_IS_CHART_VIEW (self), FALSE);

  return tm_view_count_is_counting (&self->count) || tm_view_watch_is_queued (&self->watch);
}
