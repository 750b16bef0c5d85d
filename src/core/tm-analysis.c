/* tm-analysis.c
 * What a scenario means for each profession, and the checks on a move.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-analysis"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "tm-analysis.h"

/* Accumulators, keyed by profession id ("" for none). */
typedef struct {
  TmAnalysisProfession entry;
  guint                order;
} ProfessionAcc;

typedef struct {
  TmPortfolio *portfolio;
  GHashTable  *professions;    /* id → ProfessionAcc */
  GHashTable  *flows;          /* "from\x1fkind\x1fto" → TmAnalysisFlow* */
  GHashTable  *training;       /* id → TmAnalysisTraining* */
} Acc;

static ProfessionAcc *
acc_profession (Acc        *acc,
                const char *id)
{
  ProfessionAcc *p = g_hash_table_lookup (acc->professions, id ? id : "");

  if (p == NULL)
    {
      p = g_new0 (ProfessionAcc, 1);
      p->entry.profession_id = g_strdup (id);
      p->order = G_MAXUINT;
      g_hash_table_insert (acc->professions, g_strdup (id ? id : ""), p);
    }
  return p;
}

static void
acc_flow (Acc        *acc,
          const char *from,
          TmMoveKind  kind,
          const char *to,
          double      hours)
{
  /* The key is built on the stack: this runs for every moved share of every
   * task, and a printf'd key per call was a quarter of the analysis at 100,000 tasks. */
  char buffer[512];
  TmAnalysisFlow *flow;
  gsize n_from = from ? strlen (from) : 0;
  gsize n_to = to ? strlen (to) : 0;
  g_autofree char *heap = NULL;
  char *k = buffer;

  if (n_from + n_to + 8 > sizeof buffer)
    k = heap = g_malloc (n_from + n_to + 8);
  memcpy (k, from ? from : "", n_from);
  k[n_from] = '\x1f';
  k[n_from + 1] = (char) ('0' + kind);
  k[n_from + 2] = '\x1f';
  memcpy (k + n_from + 3, to ? to : "", n_to);
  k[n_from + 3 + n_to] = '\0';

  flow = g_hash_table_lookup (acc->flows, k);
  if (flow == NULL)
    {
      flow = g_new0 (TmAnalysisFlow, 1);
      flow->from_id = g_strdup (from);
      flow->kind = kind;
      flow->to_id = g_strdup (to);
      g_hash_table_insert (acc->flows, g_strdup (k), flow);
    }
  flow->hours += hours;
  flow->n_tasks++;
}

static void
free_profession_acc (gpointer p)
{
  ProfessionAcc *acc = p;

  g_free (acc->entry.profession_id);
  g_free (acc);
}

static void
free_flow (gpointer p)
{
  TmAnalysisFlow *flow = p;

  g_free (flow->from_id);
  g_free (flow->to_id);
  g_free (flow);
}

static void
free_training (gpointer p)
{
  TmAnalysisTraining *t = p;

  g_free (t->profession_id);
  g_free (t);
}

static gboolean
is_unskilled (TmPortfolio *portfolio,
              const char  *id)
{
  TmProfession *profession = tm_portfolio_lookup_profession (portfolio, id);

  return profession != NULL && tm_profession_get_unskilled (profession);
}

static void
analyse_task (Acc        *acc,
              TmAnalysis *analysis,
              TmTask     *task)
{
  const TmTaskData *data = tm_task_peek_data (task);
  const TmMove *move = analysis->scenario_id ? tm_task_data_get_move (data, analysis->scenario_id) : NULL;
  double hours = tm_task_data_get_hours_per_week (data);
  gboolean estimated = hours >= 0;
  double total_share = 0;
  double move_fraction = move ? move->share / 100.0 : 0;
  guint n_performers = data->performers->len;
  double received = 0;

  analysis->n_tasks++;
  if (estimated)
    analysis->total_hours += hours;
  else
    {
      analysis->n_not_estimated++;
      g_ptr_array_add (analysis->not_estimated, g_object_ref (task));
    }

  {
    TmComplexity cx = tm_complexity_effective (data->complexity);

    analysis->grid_tasks[data->level][cx]++;
    if (estimated)
      analysis->grid_hours[data->level][cx] += hours;
    else
      analysis->grid_not_estimated[data->level][cx]++;
  }

  if (move != NULL)
    analysis->n_moves++;

  for (guint i = 0; i < n_performers; i++)
    total_share += g_array_index (data->performers, TmPerformer, i).share;

  for (guint i = 0; i < MAX (n_performers, 1); i++)
    {
      const char *from = n_performers ? g_array_index (data->performers, TmPerformer, i).profession_id : NULL;
      double fraction;
      double part, moved;
      ProfessionAcc *p;

      if (n_performers == 0)
        fraction = 1;
      else if (total_share > 0)
        fraction = g_array_index (data->performers, TmPerformer, i).share / total_share;
      else
        fraction = 1.0 / n_performers;

      p = acc_profession (acc, from);
      p->entry.n_tasks_today++;
      part = estimated ? hours * fraction : 0;
      p->entry.hours_today += part;

      /* The part a receiving profession already performs stays where it is. */
      if (move == NULL ||
          (move->kind == TM_MOVE_TO_PROFESSION && g_strcmp0 (move->profession_id, from) == 0))
        {
          p->entry.hours_after += part;
          continue;
        }

      moved = part * move_fraction;
      p->entry.hours_after += part - moved;
      p->entry.moved_out += moved;

      if (move->kind == TM_MOVE_TO_PROFESSION)
        {
          if (is_unskilled (acc->portfolio, move->profession_id))
            p->entry.out_to_unskilled += moved;
          else
            p->entry.out_to_professions += moved;
          received += moved;
        }
      else
        p->entry.out_to_technology_or_stopped += moved;

      analysis->moved_hours += moved;
      acc_flow (acc, from, move->kind,
                move->kind == TM_MOVE_TO_PROFESSION ? move->profession_id : NULL, moved);
    }

  if (move != NULL && move->kind == TM_MOVE_TO_PROFESSION)
    {
      ProfessionAcc *to = acc_profession (acc, move->profession_id);
      const TmAssessment *a = tm_task_data_get_assessment (data, move->profession_id);

      to->entry.moved_in += received;
      to->entry.hours_after += received;

      if (a != NULL && (a->training != TM_TRAINING_NONE ||
                        a->suitability == TM_SUITABILITY_AFTER_TRAINING))
        {
          TmAnalysisTraining *t = g_hash_table_lookup (acc->training, move->profession_id);

          if (t == NULL)
            {
              t = g_new0 (TmAnalysisTraining, 1);
              t->profession_id = g_strdup (move->profession_id);
              g_hash_table_insert (acc->training, g_strdup (move->profession_id), t);
            }
          t->n_tasks++;
          t->n_by_training[a->training]++;
          if (a->training_days >= 0)
            t->days += a->training_days;
          else
            t->n_days_unknown++;
          if (a->documented_by_test)
            t->n_tested++;
        }
    }
}

static int
compare_flows (gconstpointer a,
               gconstpointer b)
{
  const TmAnalysisFlow *fa = a, *fb = b;

  if (fa->hours != fb->hours)
    return fa->hours > fb->hours ? -1 : 1;
  if (fa->n_tasks != fb->n_tasks)
    return fa->n_tasks > fb->n_tasks ? -1 : 1;
  if (g_strcmp0 (fa->from_id, fb->from_id) != 0)
    return g_strcmp0 (fa->from_id, fb->from_id);
  if (fa->kind != fb->kind)
    return (int) fa->kind - (int) fb->kind;
  return g_strcmp0 (fa->to_id, fb->to_id);
}

static int
compare_training (gconstpointer a,
                  gconstpointer b)
{
  const TmAnalysisTraining *ta = a, *tb = b;

  if (ta->n_tasks != tb->n_tasks)
    return ta->n_tasks > tb->n_tasks ? -1 : 1;
  return g_strcmp0 (ta->profession_id, tb->profession_id);
}

static int
compare_profession_acc (gconstpointer a,
                        gconstpointer b)
{
  const ProfessionAcc *pa = *(ProfessionAcc * const *) a;
  const ProfessionAcc *pb = *(ProfessionAcc * const *) b;

  if (pa->order != pb->order)
    return pa->order < pb->order ? -1 : 1;
  return g_strcmp0 (pa->entry.profession_id, pb->entry.profession_id);
}

TmAnalysis *
tm_analysis_compute (TmPortfolio *portfolio,
                     const char  *scenario_id)
{
  return tm_analysis_compute_for_unit (portfolio, scenario_id, NULL);
}

TmAnalysis *
tm_analysis_compute_for_unit (TmPortfolio *portfolio,
                              const char  *scenario_id,
                              const char  *unit)
{
  TmAnalysis *analysis;
  GListModel *tasks;
  GListModel *professions;
  Acc acc;
  guint n;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  analysis = g_new0 (TmAnalysis, 1);
  analysis->scenario_id = g_strdup (scenario_id);
  analysis->unit = g_strdup (unit);
  analysis->not_estimated = g_ptr_array_new_with_free_func (g_object_unref);

  acc.portfolio = portfolio;
  acc.professions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_profession_acc);
  acc.flows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_flow);
  acc.training = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_training);

  tasks = tm_portfolio_get_tasks (portfolio);
  n = g_list_model_get_n_items (tasks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      if (unit != NULL && !g_str_equal (unit, tm_task_get_unit (task)))
        continue;
      analyse_task (&acc, analysis, task);
    }

  /* Professions in the portfolio's order; tasks without a performer last. */
  professions = tm_portfolio_get_professions (portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);
      ProfessionAcc *p = g_hash_table_lookup (acc.professions, tm_profession_get_id (profession));

      if (p != NULL)
        p->order = i;
    }

  {
    g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, acc.professions);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (sorted, value);

    g_ptr_array_sort (sorted, compare_profession_acc);
    analysis->professions = g_array_sized_new (FALSE, TRUE, sizeof (TmAnalysisProfession), sorted->len);
    for (guint i = 0; i < sorted->len; i++)
      {
        ProfessionAcc *p = g_ptr_array_index (sorted, i);
        TmAnalysisProfession entry = p->entry;

        entry.profession_id = g_strdup (p->entry.profession_id);
        g_array_append_val (analysis->professions, entry);
      }
  }

  {
    GHashTableIter iter;
    gpointer value;

    analysis->flows = g_array_new (FALSE, TRUE, sizeof (TmAnalysisFlow));
    g_hash_table_iter_init (&iter, acc.flows);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        TmAnalysisFlow flow = *(TmAnalysisFlow *) value;

        flow.from_id = g_strdup (flow.from_id);
        flow.to_id = g_strdup (flow.to_id);
        g_array_append_val (analysis->flows, flow);
      }
    g_array_sort (analysis->flows, compare_flows);

    analysis->training = g_array_new (FALSE, TRUE, sizeof (TmAnalysisTraining));
    g_hash_table_iter_init (&iter, acc.training);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        TmAnalysisTraining t = *(TmAnalysisTraining *) value;

        t.profession_id = g_strdup (t.profession_id);
        g_array_append_val (analysis->training, t);
      }
    g_array_sort (analysis->training, compare_training);
  }

  g_hash_table_unref (acc.professions);
  g_hash_table_unref (acc.flows);
  g_hash_table_unref (acc.training);
  return analysis;
}

void
tm_analysis_free (TmAnalysis *analysis)
{
  if (analysis == NULL)
    return;

  for (guint i = 0; analysis->professions && i < analysis->professions->len; i++)
    g_free (g_array_index (analysis->professions, TmAnalysisProfession, i).profession_id);
  for (guint i = 0; analysis->flows && i < analysis->flows->len; i++)
    {
      g_free (g_array_index (analysis->flows, TmAnalysisFlow, i).from_id);
      g_free (g_array_index (analysis->flows, TmAnalysisFlow, i).to_id);
    }
  for (guint i = 0; analysis->training && i < analysis->training->len; i++)
    g_free (g_array_index (analysis->training, TmAnalysisTraining, i).profession_id);

  g_clear_pointer (&analysis->professions, g_array_unref);
  g_clear_pointer (&analysis->flows, g_array_unref);
  g_clear_pointer (&analysis->training, g_array_unref);
  g_clear_pointer (&analysis->not_estimated, g_ptr_array_unref);
  g_free (analysis->scenario_id);
  g_free (analysis->unit);
  g_free (analysis);
}

const TmAnalysisProfession *
tm_analysis_get_profession (TmAnalysis *analysis,
                            const char *profession_id)
{
  g_return_val_if_fail (analysis != NULL, NULL);

  for (guint i = 0; i < analysis->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (analysis->professions, TmAnalysisProfession, i);

      if (g_strcmp0 (p->profession_id, profession_id) == 0)
        return p;
    }
  return NULL;
}

double
tm_analysis_profession_moved_share (const TmAnalysisProfession *entry)
{
  g_return_val_if_fail (entry != NULL, 0);

  return entry->hours_today > 0 ? entry->moved_out / entry->hours_today : 0;
}

/* Checks */

static void
add_warning (GPtrArray     *warnings,
             TmWarningKind  kind,
             char          *message)
{
  TmWarning *w = g_new0 (TmWarning, 1);

  w->kind = kind;
  w->message = message;
  g_ptr_array_add (warnings, w);
}

static void
free_warning (gpointer p)
{
  TmWarning *w = p;

  g_free (w->message);
  g_free (w);
}

/* The groups that carry coordination and continuity today (BRIEF 2). */
static gboolean
is_nursing_staff (const char *id)
{
  return g_strcmp0 (id, "nurse") == 0 || g_strcmp0 (id, "ssa") == 0;
}

GPtrArray *
tm_move_check_data (TmPortfolio      *portfolio,
                    const TmTaskData *data,
                    const TmMove     *move)
{
  GPtrArray *warnings = g_ptr_array_new_with_free_func (free_warning);
  TmProfession *target = NULL;
  const TmAssessment *a = NULL;
  const char *target_name;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), warnings);
  g_return_val_if_fail (data != NULL, warnings);

  if (move == NULL)
    return warnings;

  if (move->kind == TM_MOVE_TO_PROFESSION)
    {
      target = tm_portfolio_lookup_profession (portfolio, move->profession_id);
      a = tm_task_data_get_assessment (data, move->profession_id);
    }
  target_name = target ? tm_profession_get_name (target)
                       : tm_move_kind_get_label (move->kind);

  if (data->level == TM_LEVEL_COORDINATION && !is_nursing_staff (move->profession_id))
    {
      gboolean from_nursing = FALSE;

      for (guint i = 0; i < data->performers->len; i++)
        if (is_nursing_staff (g_array_index (data->performers, TmPerformer, i).profession_id))
          from_nursing = TRUE;

      if (from_nursing || data->performers->len == 0)
        add_warning (warnings, TM_WARNING_COORDINATION_AWAY,
                     /* Translators: the first %s is a task's title, the second a profession or
                      * "Stop doing the task" / "Can be supported by technology" */
                     g_strdup_printf (_("“%s” coordinates clinical work and would move to: %s. "
                                        "Coordination carries the continuity of the patient pathway "
                                        "and today rests with nurses and social and health care "
                                        "assistants."), data->title, target_name));
    }

  if (target != NULL && !tm_profession_get_authorised (target) &&
      (data->level == TM_LEVEL_BOUNDED_CLINICAL || data->level == TM_LEVEL_COORDINATION) &&
      (a == NULL || (a->suitability != TM_SUITABILITY_DELEGATION_SPECIFIC &&
                     a->suitability != TM_SUITABILITY_DELEGATION_FRAMEWORK)))
    add_warning (warnings, TM_WARNING_NOT_DELEGATED,
                 /* Translators: the first %s is a task's title, the second a profession */
                 g_strdup_printf (_("“%s” is clinical work, and %s is not an authorised health "
                                    "profession: mark the assessment as under delegation, for the "
                                    "single patient or with a written instruction."),
                                  data->title, target_name));

  if (a != NULL && a->complexity_limit != TM_COMPLEXITY_NOT_ASSESSED &&
      tm_complexity_effective (data->complexity) != TM_COMPLEXITY_NOT_ASSESSED &&
      a->complexity_limit < tm_complexity_effective (data->complexity))
    {
      g_autofree char *limit = g_utf8_strdown (tm_complexity_get_label (a->complexity_limit), -1);

      add_warning (warnings, TM_WARNING_COMPLEXITY_LIMIT,
                   /* Translators: the first %s is a profession, the second a complexity such as
                    * "low", the third a task's title */
                   g_strdup_printf (_("%s may do the task up to %s patient complexity, but “%s” "
                                      "meets more complex patients: the move can only be partial."),
                                    target_name, limit, data->title));
    }

  if (target != NULL)
    for (guint i = 0; i < data->performers->len; i++)
      if (g_strcmp0 (g_array_index (data->performers, TmPerformer, i).profession_id,
                     move->profession_id) == 0)
        {
          add_warning (warnings, TM_WARNING_ALREADY_PERFORMS,
                       /* Translators: the first %s is a profession, the second a task's title */
                       g_strdup_printf (_("%s already performs “%s”; its own share does not move."),
                                        target_name, data->title));
          break;
        }

  if (a != NULL && a->suitability == TM_SUITABILITY_NOT_APPROPRIATE)
    add_warning (warnings, TM_WARNING_NOT_APPROPRIATE,
                 /* Translators: the first %s is a task's title, the second a profession */
                 g_strdup_printf (_("“%s” is assessed as not appropriate for %s."),
                                  data->title, target_name));

  if (move->kind == TM_MOVE_TO_PROFESSION)
    {
      g_autofree char *purpose = g_strstrip (g_strdup (a && a->purpose ? a->purpose : ""));

      if (*purpose == '\0')
        add_warning (warnings, TM_WARNING_NO_PURPOSE,
                     /* Translators: the first %s is a task's title, the second a profession */
                     g_strdup_printf (_("The move of “%s” to %s has no purpose. A move is never a "
                                        "goal in itself: say what it should achieve."),
                                      data->title, target_name));
    }

  return warnings;
}

GPtrArray *
tm_move_check (TmPortfolio *portfolio,
               TmTask      *task,
               const char  *scenario_id)
{
  const TmTaskData *data;

  g_return_val_if_fail (TM_IS_TASK (task), g_ptr_array_new ());

  data = tm_task_peek_data (task);
  return tm_move_check_data (portfolio, data, tm_task_data_get_move (data, scenario_id));
}
