/* tm-scenario-summary.c
 * Beside the capacity chart: the training a scenario needs per receiving
 * profession, and the tasks whose time is not estimated.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-scenario-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-scenario-summary.h"
#include "tm-scenario-summary-private.h"
#include "views/tm-view-count.h"
#include "views/tm-view-watch.h"

struct _TmScenarioSummary
{
  GtkWidget parent_instance;

  /* Owned (children built in code) */
  GtkWidget   *box;
  GtkWidget   *training_grid;
  GtkWidget   *training_empty;
  GtkWidget   *not_estimated_expander;
  GtkWidget   *not_estimated_label;

  TmViewWatch  watch;       /* the portfolio and scenario shown */
  TmViewCount  count;       /* its analysis, while counted in steps */
};

G_DEFINE_FINAL_TYPE (TmScenarioSummary, tm_scenario_summary, GTK_TYPE_WIDGET)

static const char *
profession_name (TmScenarioSummary *self,
                 const char        *id)
{
  TmProfession *profession = tm_portfolio_lookup_profession (self->watch.portfolio, id);

  return profession ? tm_profession_get_display_name (profession) : id;
}

static void
clear_grid (GtkWidget *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (grid)) != NULL)
    gtk_grid_remove (GTK_GRID (grid), child);
}

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      gboolean    numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1 : 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* The scenario's analysis, counted (tm-view-count.h), shown. */
static void
on_counted (gpointer   view,
            GPtrArray *analyses_in)
{
  TmScenarioSummary *self = view;
  g_autoptr(GPtrArray) analyses = analyses_in;
  TmAnalysis *analysis = g_ptr_array_index (analyses, 0);
  g_autoptr(GString) names = NULL;
  g_autofree char *expander_label = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, self->training_grid);

  /* A figure may have the focus (they are selectable, to be copied): it
   * leaves before the cells go (GTK 4.8 complains later of a focused label
   * taken away) and comes back to the first figure of the new ones. */
  if (had_focus)
    gtk_root_set_focus (root, NULL);
  clear_grid (self->training_grid);

  gtk_widget_set_visible (self->training_empty, analysis->training->len == 0);
  gtk_widget_set_visible (self->training_grid, analysis->training->len > 0);
  if (analysis->training->len > 0)
    {
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (_("Receiving profession"), TRUE, FALSE), 0, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (_("Tasks"), TRUE, TRUE), 1, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (_("Kinds of training"), TRUE, FALSE), 2, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (_("Days in all"), TRUE, TRUE), 3, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (_("Documented by test"), TRUE, TRUE), 4, 0, 1, 1);
    }

  for (guint i = 0; i < analysis->training->len; i++)
    {
      const TmAnalysisTraining *t = &g_array_index (analysis->training, TmAnalysisTraining, i);
      g_autofree char *n = g_strdup_printf ("%u", t->n_tasks);
      g_autofree char *kinds = tm_analysis_training_describe (t);
      g_autofree char *days = NULL;
      g_autofree char *tested = g_strdup_printf ("%u", t->n_tested);

      if (t->n_days_unknown > 0)
        /* Translators: days of training, then how many tasks have no length given */
        days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f (+ %u without a length)",
                                             "%.1f (+ %u without a length)", t->n_days_unknown),
                                t->days, t->n_days_unknown);
      else
        days = g_strdup_printf ("%.1f", t->days);

      gtk_grid_attach (GTK_GRID (self->training_grid),
                       cell (profession_name (self, t->profession_id), FALSE, FALSE), 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (n, FALSE, TRUE), 1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (kinds, FALSE, FALSE), 2, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (days, FALSE, TRUE), 3, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (self->training_grid), cell (tested, FALSE, TRUE), 4, i + 1, 1, 1);
    }

  if (had_focus)
    {
      GtkWidget *first = gtk_grid_get_child_at (GTK_GRID (self->training_grid), 0, 1);

      if (first != NULL)
        gtk_widget_grab_focus (first);
    }

  /* Never silently zero: the tasks without time are named. */
  names = g_string_new (NULL);
  for (guint i = 0; i < analysis->not_estimated->len; i++)
    {
      if (names->len > 0)
        g_string_append_c (names, '\n');
      g_string_append (names, tm_task_get_title (g_ptr_array_index (analysis->not_estimated, i)));
    }
  gtk_label_set_text (GTK_LABEL (self->not_estimated_label), names->str);
  expander_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u task has no time estimate and is not counted in the hours",
                                                 "%u tasks have no time estimate and are not counted in the hours",
                                                 analysis->n_not_estimated),
                                    analysis->n_not_estimated);
  gtk_expander_set_label (GTK_EXPANDER (self->not_estimated_expander), expander_label);
  gtk_widget_set_visible (self->not_estimated_expander, analysis->n_not_estimated > 0);
}

/* A unit's analysis is counted at once; a region's in steps between frames,
 * the figures shown before staying (dimmed) meanwhile. */
static void
refresh (TmScenarioSummary *self)
{
  const char *ids[1];

  if (self->watch.portfolio == NULL)
    {
      tm_view_count_clear (&self->count);
      clear_grid (self->training_grid);
      gtk_widget_set_visible (self->box, FALSE);
      return;
    }

  gtk_widget_set_visible (self->box, TRUE);
  ids[0] = self->watch.scenario_id;
  tm_view_count_start (&self->count, self->watch.portfolio, ids, 1);
}

/* A change under a count in steps drops it; the summary catches up as usual. */
static void
on_changed (gpointer view)
{
  TmScenarioSummary *self = view;

  tm_view_count_stop (&self->count);
  tm_view_watch_queue (&self->watch);
}

static void
update (gpointer view)
{
  refresh (view);
}

static void
tm_scenario_summary_dispose (GObject *object)
{
  TmScenarioSummary *self = (TmScenarioSummary *)object;

  tm_view_watch_clear (&self->watch);
  tm_view_count_clear (&self->count);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (tm_scenario_summary_parent_class)->dispose (object);
}

static void
tm_scenario_summary_class_init (TmScenarioSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_scenario_summary_dispose;


  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scenariosummary");
}

static void
tm_scenario_summary_init (TmScenarioSummary *self)
{
  GtkWidget *heading;

  /* Hidden (on the Capacity page while another is shown), the summary waits
   * until it is shown: its analysis of 100,000 tasks takes some 40 ms. It
   * names the receiving professions, so it follows their names too. */
  tm_view_watch_init (&self->watch, GTK_WIDGET (self), TM_VIEW_WATCH_TASKS | TM_VIEW_WATCH_PROFESSIONS,
                      G_PRIORITY_LOW, update, on_changed);
  tm_view_count_init (&self->count, GTK_WIDGET (self), on_counted);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 6);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  heading = gtk_label_new (_("Training needed by the receiving professions"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (self->box), heading);

  self->training_empty = gtk_label_new (_("No move in this scenario needs training."));
  gtk_label_set_xalign (GTK_LABEL (self->training_empty), 0);
  gtk_widget_add_css_class (self->training_empty, "dim-label");
  gtk_box_append (GTK_BOX (self->box), self->training_empty);

  self->training_grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->training_grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (self->training_grid), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->training_grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Training needed by the receiving professions"), -1);
  gtk_box_append (GTK_BOX (self->box), self->training_grid);

  self->not_estimated_expander = gtk_expander_new (NULL);
  gtk_widget_set_margin_top (self->not_estimated_expander, 12);
  self->not_estimated_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->not_estimated_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->not_estimated_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (self->not_estimated_label), TRUE);
  gtk_widget_set_margin_start (self->not_estimated_label, 18);
  gtk_expander_set_child (GTK_EXPANDER (self->not_estimated_expander), self->not_estimated_label);
  gtk_box_append (GTK_BOX (self->box), self->not_estimated_expander);

  gtk_widget_set_visible (self->box, FALSE);
}

GtkWidget *
tm_scenario_summary_new (void)
{
  return g_object_new (TM_TYPE_SCENARIO_SUMMARY, NULL);
}

void
tm_scenario_summary_set_portfolio (TmScenarioSummary *self,
                                   TmPortfolio       *portfolio)
{
  g_return_if_fail (TM_IS_SCENARIO_SUMMARY (self));

  tm_view_watch_set_portfolio (&self->watch, portfolio);
}

void
tm_scenario_summary_set_scenario (TmScenarioSummary *self,
                                  const char        *scenario_id)
{
  g_return_if_fail (TM_IS_SCENARIO_SUMMARY (self));

  tm_view_watch_set_scenario (&self->watch, scenario_id);
}

void
_tm_scenario_summary_set_count_budget (TmScenarioSummary *self,
                                       gint64             at_once_us,
                                       gint64             step_us)
{
  g_return_if_fail (TM_IS_SCENARIO_SUMMARY (self));

  self->count.at_once_us = at_once_us;
  self->count.step_us = step_us;
}

gboolean
_tm_scenario_summary_is_counting (TmScenarioSummary *self)
{
  g_return_val_if_fail (TM_IS_SCENARIO_SUMMARY (self), FALSE);

  return tm_view_count_is_counting (&self->count) || tm_view_watch_is_queued (&self->watch);
}
