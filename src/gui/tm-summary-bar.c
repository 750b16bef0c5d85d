/* tm-summary-bar.c
 * The bar under the task list: tasks and hours in total, by competence level
 * and by profession.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-summary-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-summary-bar.h"
#include "analysis/tm-comparison.h"

/* At most this often while tasks are being edited: the summary walks every task. */
#define UPDATE_DELAY_MS 200
/* A region's 100,000 tasks take the main thread 50 ms or more to count:
 * they are counted in steps of about this long (µs), between frames. */
#define STEP_BUDGET_US 8000
/* Professions named in the bar itself; the tooltip lists them all. */
#define N_TOP_PROFESSIONS 4

struct _TmSummaryBar
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkWidget   *box;
  GtkLabel    *total_label;
  GtkLabel    *professions_label;
  GtkBox      *levels_box;

  /* Owned */
  TmPortfolio *portfolio;
  /* A level's name, which may be shortened, and its figures, which may not. */
  GtkWidget   *level_boxes[TM_N_LEVELS];
  GtkLabel    *level_names[TM_N_LEVELS];
  GtkLabel    *level_labels[TM_N_LEVELS];
  guint        update_id;    /* the delay, then the steps of a count */
  TmSummaryCount  *summary_count;   /* a count under way */
  TmAnalysisCount *analysis_count;  /* with the shares of staffed time, when known */
  gint64       step_budget_us;
  guint        n_steps;      /* of the last count shown (tests) */
  gulong       tasks_changed_id;
  gulong       professions_changed_id;
};

G_DEFINE_FINAL_TYPE (TmSummaryBar, tm_summary_bar, GTK_TYPE_WIDGET)

/* The order of the level figures: the three levels, then the unassessed tasks. */
static const TmLevel level_order[TM_N_LEVELS] = {
  TM_LEVEL_ADMIN,
  TM_LEVEL_BOUNDED_CLINICAL,
  TM_LEVEL_COORDINATION,
  TM_LEVEL_NOT_ASSESSED,
};

static char *
format_hours (double hours)
{
  /* Translators: hours per week, e.g. "12.5 h" */
  return g_strdup_printf (_("%.1f h"), hours);
}

static const char *
profession_name (TmSummaryBar *self,
                 const char   *id)
{
  TmProfession *profession;

  if (id == NULL)
    /* Translators: the hours of tasks for which no profession is recorded */
    return _("No performer");

  profession = tm_portfolio_lookup_profession (self->portfolio, id);
  if (profession == NULL || tm_profession_get_display_name (profession) == NULL)
    return id;

  return tm_profession_get_display_name (profession);
}

static void
update_totals (TmSummaryBar    *self,
               const TmSummary *summary)
{
  g_autofree char *tasks = NULL;
  g_autofree char *hours = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  tasks = g_strdup_printf (ngettext ("%u task", "%u tasks", summary->n_tasks), summary->n_tasks);
  /* Translators: the total of the tasks' hours per week */
  hours = g_strdup_printf (_("%.1f h/week in total"), summary->total_hours);
  g_string_append_printf (text, "%s · %s", tasks, hours);

  if (summary->n_not_estimated > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              /* Translators: tasks whose time has not been estimated */
                              ngettext ("(%u not estimated)", "(%u not estimated)",
                                        summary->n_not_estimated),
                              summary->n_not_estimated);
    }

  gtk_label_set_text (self->total_label, text->str);
}

static void
update_levels (TmSummaryBar    *self,
               const TmSummary *summary)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    {
      TmLevel level = level_order[i];
      guint n = summary->n_tasks_by_level[level];
      g_autofree char *tasks = NULL;
      g_autofree char *hours = NULL;
      g_autofree char *figures = NULL;

      /* Unassessed tasks are worth a figure only when there are some. */
      gtk_widget_set_visible (self->level_boxes[level], level != TM_LEVEL_NOT_ASSESSED || n > 0);

      tasks = g_strdup_printf (ngettext ("%u task", "%u tasks", n), n);
      hours = format_hours (summary->hours_by_level[level]);
      figures = g_strdup_printf ("%s · %s", tasks, hours);
      gtk_label_set_text (self->level_names[level], tm_level_get_short_label (level));
      gtk_label_set_text (self->level_labels[level], figures);
      gtk_widget_set_tooltip_text (self->level_boxes[level], tm_level_get_label (level));
    }
}

/* "(14 % of staffed time)" for a profession whose staffing is known: the
 * catalogue's hours as a share of the working time they are part of. */
static char *
describe_coverage (TmAnalysis *analysis,
                   const char *profession_id)
{
  const TmAnalysisProfession *p = analysis ? tm_analysis_get_profession (analysis, profession_id) : NULL;
  g_autofree char *share = NULL;

  if (p == NULL || !tm_analysis_profession_has_staffing (p))
    return NULL;
  share = tm_format_percent_value (tm_analysis_profession_coverage (p));
  /* Translators: after a profession's hours in the summary bar: the hours of the
   * tasks mapped as a share of its staffed working time */
  return g_strdup_printf (_("(%s of staffed time)"), share);
}

static void
update_professions (TmSummaryBar    *self,
                    const TmSummary *summary,
                    TmAnalysis      *analysis)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) tooltip = g_string_new (NULL);
  guint n = summary->by_profession != NULL ? summary->by_profession->len : 0;
  g_autofree char *heading = NULL;

  if (n == 0)
    {
      gtk_label_set_text (self->professions_label, "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->professions_label), NULL);
      return;
    }

  heading = g_markup_escape_text (_("By profession:"), -1);
  g_string_append_printf (markup, "<b>%s</b> ", heading);

  for (guint i = 0; i < n; i++)
    {
      const TmSummaryProfession *p = &g_array_index (summary->by_profession,
                                                     TmSummaryProfession, i);
      const char *name = profession_name (self, p->profession_id);
      g_autofree char *hours = format_hours (p->hours);
      g_autofree char *coverage = describe_coverage (analysis, p->profession_id);

      if (i < N_TOP_PROFESSIONS)
        {
          g_autofree char *item = coverage ? g_markup_printf_escaped ("%s %s %s", name, hours, coverage)
                                           : g_markup_printf_escaped ("%s %s", name, hours);

          if (i > 0)
            g_string_append (markup, " · ");
          g_string_append (markup, item);
        }

      if (i > 0)
        g_string_append_c (tooltip, '\n');
      g_string_append_printf (tooltip,
                              /* Translators: a profession, its hours and its number of tasks */
                              ngettext ("%s: %s (%u task)", "%s: %s (%u tasks)", p->n_tasks),
                              name, hours, p->n_tasks);
      if (coverage != NULL)
        g_string_append_printf (tooltip, " %s", coverage);
    }

  if (n > N_TOP_PROFESSIONS)
    g_string_append (markup, " · …");

  gtk_label_set_markup (self->professions_label, markup->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->professions_label), tooltip->str);
}

static void
drop_count (TmSummaryBar *self)
{
  g_clear_pointer (&self->summary_count, tm_summary_count_free);
  g_clear_pointer (&self->analysis_count, tm_analysis_count_free);
}

static void
start_count (TmSummaryBar *self)
{
  g_auto(GStrv) staffed = tm_portfolio_dup_staffing_units (self->portfolio);

  drop_count (self);
  self->summary_count = tm_summary_count_new (tm_portfolio_get_tasks (self->portfolio));
  /* The shares of staffed time, where the unit gave its staffing. */
  if (staffed[0] != NULL)
    self->analysis_count = tm_analysis_count_new (self->portfolio, NULL, NULL);
  self->n_steps = 0;
}

/* TRUE once everything is counted. */
static gboolean
count_step (TmSummaryBar *self,
            gint64        deadline)
{
  self->n_steps++;
  if (!tm_summary_count_step (self->summary_count, deadline))
    return FALSE;
  return self->analysis_count == NULL || tm_analysis_count_step (self->analysis_count, deadline);
}

static void
show_count (TmSummaryBar *self)
{
  g_autoptr(TmSummary) summary = tm_summary_count_finish (g_steal_pointer (&self->summary_count));
  g_autoptr(TmAnalysis) analysis = NULL;

  if (self->analysis_count != NULL)
    analysis = tm_analysis_count_finish (g_steal_pointer (&self->analysis_count));

  update_totals (self, summary);
  update_levels (self, summary);
  update_professions (self, summary, analysis);
}

void
tm_summary_bar_update (TmSummaryBar *self)
{
  g_return_if_fail (TM_IS_SUMMARY_BAR (self));

  g_clear_handle_id (&self->update_id, g_source_remove);
  drop_count (self);

  if (self->portfolio == NULL)
    {
      gtk_label_set_text (self->total_label, "");
      gtk_label_set_text (self->professions_label, "");
      for (guint i = 0; i < TM_N_LEVELS; i++)
        {
          gtk_label_set_text (self->level_names[i], "");
          gtk_label_set_text (self->level_labels[i], "");
        }
      return;
    }

  start_count (self);
  count_step (self, G_MAXINT64);
  show_count (self);
}

static gboolean
step_cb (gpointer user_data)
{
  TmSummaryBar *self = user_data;

  if (!count_step (self, g_get_monotonic_time () + self->step_budget_us))
    return G_SOURCE_CONTINUE;

  self->update_id = 0;
  show_count (self);
  return G_SOURCE_REMOVE;
}

static gboolean
update_timeout_cb (gpointer user_data)
{
  TmSummaryBar *self = user_data;

  /* While the window takes a file in, in steps, its page is insensitive and
   * the portfolio half in memory: the figures wait for the end instead of
   * adding up a region's tasks between every two steps. */
  if (!gtk_widget_is_sensitive (GTK_WIDGET (self)))
    return G_SOURCE_CONTINUE;

  start_count (self);
  if (count_step (self, g_get_monotonic_time () + self->step_budget_us))
    {
      self->update_id = 0;
      show_count (self);
      return G_SOURCE_REMOVE;
    }

  /* The rest between frames; the figures shown stay until the count is done. */
  self->update_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, step_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
queue_update (TmSummaryBar *self)
{
  /* A count under way reads the tasks as they were: it starts again. */
  if (self->summary_count != NULL)
    {
      drop_count (self);
      g_clear_handle_id (&self->update_id, g_source_remove);
    }
  if (self->update_id == 0)
    self->update_id = g_timeout_add (UPDATE_DELAY_MS, update_timeout_cb, self);
}

void
_tm_summary_bar_set_step_budget (TmSummaryBar *self,
                                 gint64        budget_us)
{
  g_return_if_fail (TM_IS_SUMMARY_BAR (self));

  self->step_budget_us = budget_us;
}

guint
_tm_summary_bar_get_n_steps (TmSummaryBar *self)
{
  g_return_val_if_fail (TM_IS_SUMMARY_BAR (self), 0);

  return self->n_steps;
}

gboolean
_tm_summary_bar_figures_fit (TmSummaryBar  *self,
                             char         **cut)
{
  g_return_val_if_fail (TM_IS_SUMMARY_BAR (self), FALSE);

  for (guint i = 0; i < TM_N_LEVELS; i++)
    {
      GtkWidget *figures = GTK_WIDGET (self->level_labels[i]);
      int natural = 0;

      if (!gtk_widget_get_visible (self->level_boxes[i]))
        continue;
      gtk_widget_measure (figures, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      if (gtk_widget_get_width (figures) < natural)
        {
          if (cut != NULL)
            *cut = g_strdup_printf ("%s (%d of %d px)", gtk_label_get_text (self->level_labels[i]),
                                    gtk_widget_get_width (figures), natural);
          return FALSE;
        }
    }
  return TRUE;
}

static void
on_tasks_items_changed (GListModel   *model,
                        guint         position,
                        guint         removed,
                        guint         added,
                        TmSummaryBar *self)
{
  queue_update (self);
}

static void
on_task_changed (TmSummaryBar *self)
{
  queue_update (self);
}

static void
watch_professions (TmSummaryBar *self,
                   GListModel   *professions,
                   guint         position,
                   guint         n)
{
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      g_signal_connect_object (profession, "notify::name",
                               G_CALLBACK (queue_update), self, G_CONNECT_SWAPPED);
    }
}

static void
on_professions_items_changed (GListModel   *model,
                              guint         position,
                              guint         removed,
                              guint         added,
                              TmSummaryBar *self)
{
  watch_professions (self, model, position, added);
  queue_update (self);
}

static void
unwatch_portfolio (TmSummaryBar *self)
{
  GListModel *professions;
  guint n;

  if (self->portfolio == NULL)
    return;

  professions = tm_portfolio_get_professions (self->portfolio);
  n = g_list_model_get_n_items (professions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      g_signal_handlers_disconnect_by_data (profession, self);
    }

  g_clear_signal_handler (&self->tasks_changed_id, tm_portfolio_get_tasks (self->portfolio));
  g_clear_signal_handler (&self->professions_changed_id, professions);
  g_signal_handlers_disconnect_by_data (self->portfolio, self);
  g_clear_object (&self->portfolio);
}

void
tm_summary_bar_set_portfolio (TmSummaryBar *self,
                              TmPortfolio  *portfolio)
{
  g_return_if_fail (TM_IS_SUMMARY_BAR (self));
  g_return_if_fail (portfolio == NULL || TM_IS_PORTFOLIO (portfolio));

  if (self->portfolio == portfolio)
    return;

  unwatch_portfolio (self);

  if (portfolio != NULL)
    {
      GListModel *professions = tm_portfolio_get_professions (portfolio);

      self->portfolio = g_object_ref (portfolio);
      self->tasks_changed_id =
        g_signal_connect (tm_portfolio_get_tasks (portfolio), "items-changed",
                          G_CALLBACK (on_tasks_items_changed), self);
      self->professions_changed_id =
        g_signal_connect (professions, "items-changed",
                          G_CALLBACK (on_professions_items_changed), self);
      g_signal_connect_swapped (portfolio, "task-changed", G_CALLBACK (on_task_changed), self);
      g_signal_connect_swapped (portfolio, "staffing-changed", G_CALLBACK (on_task_changed), self);
      watch_professions (self, professions, 0, g_list_model_get_n_items (professions));
    }

  tm_summary_bar_update (self);
}

const char *
tm_summary_bar_get_total_text (TmSummaryBar *self)
{
  g_return_val_if_fail (TM_IS_SUMMARY_BAR (self), NULL);

  return gtk_label_get_text (self->total_label);
}

GtkWidget *
tm_summary_bar_new (void)
{
  return g_object_new (TM_TYPE_SUMMARY_BAR, NULL);
}

static void
tm_summary_bar_dispose (GObject *object)
{
  TmSummaryBar *self = (TmSummaryBar *)object;

  g_clear_handle_id (&self->update_id, g_source_remove);
  drop_count (self);
  unwatch_portfolio (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_SUMMARY_BAR);

  G_OBJECT_CLASS (tm_summary_bar_parent_class)->dispose (object);
}

static void
tm_summary_bar_class_init (TmSummaryBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_summary_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-summary-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TmSummaryBar, box);
  gtk_widget_class_bind_template_child (widget_class, TmSummaryBar, total_label);
  gtk_widget_class_bind_template_child (widget_class, TmSummaryBar, professions_label);
  gtk_widget_class_bind_template_child (widget_class, TmSummaryBar, levels_box);

  gtk_widget_class_set_css_name (widget_class, "summarybar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tm_summary_bar_init (TmSummaryBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->step_budget_us = STEP_BUDGET_US;

  /* On a projector's 1024 pixels the names give way, never the figures. */
  for (guint i = 0; i < G_N_ELEMENTS (level_order); i++)
    {
      TmLevel level = level_order[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *name = gtk_label_new (NULL);
      GtkWidget *figures = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (name, "summary-level-name");
      gtk_label_set_xalign (GTK_LABEL (figures), 0);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), figures);
      gtk_widget_add_css_class (box, "summary-level");
      gtk_box_append (self->levels_box, box);
      self->level_boxes[level] = box;
      self->level_names[level] = GTK_LABEL (name);
      self->level_labels[level] = GTK_LABEL (figures);
    }
}
