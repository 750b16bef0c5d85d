/* tm-analysis.c
 * What a scenario means for each profession, and the checks on a move.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-analysis"

#include "config.h"

#include <string.h>
#include "model/tm-i18n-private.h"

#include "analysis/tm-analysis.h"
#include "model/tm-task-walk-private.h"

/* A profession's hours in one unit, to turn them into FTE with that unit's
 * hours per FTE and to know in which units its staffing must be given. */
typedef struct {
  char   *unit;
  double  hours_today;
  double  moved_out;
  double  moved_in;
  guint   n_tasks;
} UnitPart;

/* Accumulators, keyed by profession id ("" for none). */
typedef struct {
  TmAnalysisProfession entry;
  guint                order;
  GArray              *units;  /* of UnitPart */
  guint                last;   /* index of the unit part used last */
} ProfessionAcc;

typedef struct {
  TmPortfolio *portfolio;
  GHashTable  *professions;    /* id → ProfessionAcc */
  GHashTable  *flows;          /* "from\x1fkind\x1fto" → TmAnalysisFlow* */
  GHashTable  *training;       /* id → TmAnalysisTraining* */
  GHashTable  *units;          /* the units of the tasks seen (owned strings) */
  const char  *last_unit;
} Acc;

static void
unit_part_clear (gpointer p)
{
  g_free (((UnitPart *) p)->unit);
}

/* The part of @p in @unit; tasks come in runs of one unit, so the last one is tried first. */
static UnitPart *
acc_unit_part (ProfessionAcc *p,
               const char    *unit)
{
  UnitPart part = { 0 };

  if (p->units == NULL)
    {
      p->units = g_array_new (FALSE, TRUE, sizeof (UnitPart));
      g_array_set_clear_func (p->units, unit_part_clear);
    }
  if (p->last < p->units->len && g_str_equal (g_array_index (p->units, UnitPart, p->last).unit, unit))
    return &g_array_index (p->units, UnitPart, p->last);
  for (guint i = 0; i < p->units->len; i++)
    if (g_str_equal (g_array_index (p->units, UnitPart, i).unit, unit))
      {
        p->last = i;
        return &g_array_index (p->units, UnitPart, i);
      }
  part.unit = g_strdup (unit);
  g_array_append_val (p->units, part);
  p->last = p->units->len - 1;
  return &g_array_index (p->units, UnitPart, p->last);
}

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
  g_clear_pointer (&acc->units, g_array_unref);
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
  const char *unit = tm_task_get_unit (task);

  /* The units seen are copies: a count in steps outlives a task's data. */
  if (acc->last_unit == NULL || !g_str_equal (acc->last_unit, unit))
    {
      char *seen = g_hash_table_lookup (acc->units, unit);

      if (seen == NULL)
        g_hash_table_add (acc->units, seen = g_strdup (unit));
      acc->last_unit = seen;
    }

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
    {
      const TmMoveReview *review = tm_task_data_get_review (data, analysis->scenario_id);

      analysis->n_moves++;
      analysis->n_moves_by_status[review ? tm_move_review_get_status (review) : TM_STATUS_PROPOSED]++;
    }

  for (guint i = 0; i < n_performers; i++)
    total_share += g_array_index (data->performers, TmPerformer, i).share;

  for (guint i = 0; i < MAX (n_performers, 1); i++)
    {
      const char *from = n_performers ? g_array_index (data->performers, TmPerformer, i).profession_id : NULL;
      double fraction;
      double part, moved;
      ProfessionAcc *p;
      UnitPart *in_unit;

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
      in_unit = acc_unit_part (p, unit);
      in_unit->n_tasks++;
      in_unit->hours_today += part;

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
      in_unit->moved_out += moved;

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
      acc_unit_part (to, unit)->moved_in += received;

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

          analysis->n_training_moves++;
          if (a->training_days >= 0)
            analysis->training_days += a->training_days;
          else
            analysis->n_training_days_unknown++;
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

/* The hours of one FTE of @profession_id in @unit: as given, or the country's. */
static double
hours_per_fte (TmPortfolio *portfolio,
               const char  *unit,
               const char  *profession_id)
{
  const TmStaffingEntry *e = NULL;
  const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, unit);

  if (staffing != NULL && profession_id != NULL)
    e = tm_staffing_lookup (staffing, profession_id);
  if (e != NULL && e->hours_per_fte > 0)
    return e->hours_per_fte;
  return tm_country_get_hours_per_fte (tm_portfolio_get_country (portfolio));
}

/* Fills in the staffing figures of @p from the units of @units (the
 * analysed unit, or every unit of a region). */
static void
staff_profession (TmPortfolio   *portfolio,
                  ProfessionAcc *p,
                  GPtrArray     *units)
{
  TmAnalysisProfession *e = &p->entry;
  double fte = 0, staffed = 0;
  gboolean any = FALSE, missing = FALSE;

  e->fte = -1;
  e->staffed_hours = -1;
  e->fte_freed = 0;
  e->fte_needed = 0;

  for (guint i = 0; p->units != NULL && i < p->units->len; i++)
    {
      const UnitPart *part = &g_array_index (p->units, UnitPart, i);
      double h = hours_per_fte (portfolio, part->unit, e->profession_id);

      e->fte_freed += part->moved_out / h;
      e->fte_needed += part->moved_in / h;
    }

  if (e->profession_id == NULL)
    {
      e->hours_per_fte = tm_country_get_hours_per_fte (tm_portfolio_get_country (portfolio));
      return;
    }

  for (guint i = 0; i < units->len; i++)
    {
      const char *unit = g_ptr_array_index (units, i);
      const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, unit);
      const TmStaffingEntry *entry = staffing ? tm_staffing_lookup (staffing, e->profession_id) : NULL;

      if (entry != NULL && entry->fte >= 0)
        {
          any = TRUE;
          fte += entry->fte;
          staffed += entry->fte * hours_per_fte (portfolio, unit, e->profession_id);
          continue;
        }

      /* A unit where the profession works but whose staffing of it is not
       * given leaves the sum unknown: a share of part of it would be wrong. */
      for (guint j = 0; p->units != NULL && j < p->units->len; j++)
        {
          const UnitPart *part = &g_array_index (p->units, UnitPart, j);

          if (g_str_equal (part->unit, unit) && (part->n_tasks > 0 || part->moved_in > 0))
            missing = TRUE;
        }
    }

  if (any && !missing)
    {
      e->fte = fte;
      e->staffed_hours = staffed;
    }

  if (units->len == 1)
    e->hours_per_fte = hours_per_fte (portfolio, g_ptr_array_index (units, 0), e->profession_id);
  else if (any && fte > 0)
    e->hours_per_fte = staffed / fte;
  else
    e->hours_per_fte = tm_country_get_hours_per_fte (tm_portfolio_get_country (portfolio));
}

static int
compare_units (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The units analysed: @unit, or every unit with tasks or a staffing. */
static GPtrArray *
analysed_units (TmPortfolio *portfolio,
                const char  *unit,
                GHashTable  *seen)
{
  GPtrArray *units = g_ptr_array_new_with_free_func (g_free);

  if (unit != NULL)
    g_ptr_array_add (units, g_strdup (unit));
  else
    {
      g_auto(GStrv) staffed = tm_portfolio_dup_staffing_units (portfolio);
      g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer key;

      for (guint i = 0; staffed[i] != NULL; i++)
        g_hash_table_add (all, staffed[i]);
      g_hash_table_iter_init (&iter, seen);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (all, key);
      g_hash_table_iter_init (&iter, all);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (units, g_strdup (key));
      g_ptr_array_sort (units, compare_units);
    }
  return units;
}

/* The shift length of the analysed units: theirs when they agree, else -1. */
static double
analysed_shift_hours (TmPortfolio *portfolio,
                      GPtrArray   *units)
{
  double shift = -1;

  for (guint i = 0; i < units->len; i++)
    {
      const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, g_ptr_array_index (units, i));

      if (staffing == NULL || staffing->shift_hours <= 0)
        continue;
      if (shift > 0 && shift != staffing->shift_hours)
        return -1;
      shift = staffing->shift_hours;
    }
  return shift;
}

char *
tm_analysis_training_describe (const TmAnalysisTraining *training)
{
  g_autoptr(GString) kinds = g_string_new (NULL);

  g_return_val_if_fail (training != NULL, NULL);

  for (guint k = 0; k < TM_N_TRAININGS; k++)
    {
      if (training->n_by_training[k] == 0)
        continue;
      if (kinds->len > 0)
        g_string_append (kinds, ", ");
      /* Translators: a kind of training and how many tasks need it, e.g. "On-the-job training: 3" */
      g_string_append_printf (kinds, _("%s: %u"), tm_training_get_label (k), training->n_by_training[k]);
    }
  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

TmAnalysis *
tm_analysis_compute (TmPortfolio *portfolio,
                     const char  *scenario_id)
{
  return tm_analysis_compute_for_unit (portfolio, scenario_id, NULL);
}

struct _TmAnalysisCount {
  Acc         acc;
  TmAnalysis *analysis;
  char       *unit;
  TmTaskWalk  walk;
};

static void
count_task (TmTask   *task,
            gpointer  user_data)
{
  TmAnalysisCount *count = user_data;

  if (count->unit == NULL || g_str_equal (count->unit, tm_task_get_unit (task)))
    analyse_task (&count->acc, count->analysis, task);
}

TmAnalysisCount *
tm_analysis_count_new (TmPortfolio *portfolio,
                       const char  *scenario_id,
                       const char  *unit)
{
  TmAnalysisCount *count;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  count = g_new0 (TmAnalysisCount, 1);
  count->unit = g_strdup (unit);
  count->analysis = g_new0 (TmAnalysis, 1);
  count->analysis->scenario_id = g_strdup (scenario_id);
  count->analysis->unit = g_strdup (unit);
  count->analysis->not_estimated = g_ptr_array_new_with_free_func (g_object_unref);

  count->acc.portfolio = g_object_ref (portfolio);
  count->acc.professions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_profession_acc);
  count->acc.flows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_flow);
  count->acc.training = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_training);
  count->acc.units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count->acc.last_unit = NULL;
  _tm_task_walk_init (&count->walk, tm_portfolio_get_tasks (portfolio));
  return count;
}

gboolean
tm_analysis_count_step (TmAnalysisCount *count,
                        gint64           deadline)
{
  g_return_val_if_fail (count != NULL, TRUE);

  return _tm_task_walk_step (&count->walk, deadline, count_task, count);
}

void
tm_analysis_count_free (TmAnalysisCount *count)
{
  if (count == NULL)
    return;

  g_clear_pointer (&count->acc.professions, g_hash_table_unref);
  g_clear_pointer (&count->acc.flows, g_hash_table_unref);
  g_clear_pointer (&count->acc.training, g_hash_table_unref);
  g_clear_pointer (&count->acc.units, g_hash_table_unref);
  g_clear_object (&count->acc.portfolio);
  _tm_task_walk_clear (&count->walk);
  g_clear_pointer (&count->analysis, tm_analysis_free);
  g_free (count->unit);
  g_free (count);
}

TmAnalysis *
tm_analysis_compute_for_unit (TmPortfolio *portfolio,
                              const char  *scenario_id,
                              const char  *unit)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  return tm_analysis_count_finish (tm_analysis_count_new (portfolio, scenario_id, unit));
}

TmAnalysis *
tm_analysis_count_finish (TmAnalysisCount *count)
{
  TmPortfolio *portfolio;
  TmAnalysis *analysis;
  GListModel *professions;
  const char *unit;
  Acc acc;

  g_return_val_if_fail (count != NULL, NULL);

  tm_analysis_count_step (count, G_MAXINT64);
  portfolio = count->acc.portfolio;
  analysis = count->analysis;
  unit = count->unit;
  acc = count->acc;

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
    g_autoptr(GPtrArray) units = analysed_units (portfolio, unit, acc.units);
    GHashTableIter iter;
    gpointer value;

    analysis->shift_hours = analysed_shift_hours (portfolio, units);
    g_hash_table_iter_init (&iter, acc.professions);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        staff_profession (portfolio, value, units);
        g_ptr_array_add (sorted, value);
      }

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

  count->analysis = NULL;
  tm_analysis_count_free (count);
  return analysis;
}

GPtrArray *
tm_analysis_compute_scenarios (TmPortfolio        *portfolio,
                               const char * const *scenario_ids,
                               const char         *unit)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_analysis_free);

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), out);

  if (scenario_ids != NULL)
    {
      for (guint i = 0; scenario_ids[i] != NULL; i++)
        g_ptr_array_add (out, tm_analysis_compute_for_unit (portfolio, scenario_ids[i], unit));
    }
  else
    {
      GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

      for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
        {
          g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

          g_ptr_array_add (out, tm_analysis_compute_for_unit (portfolio, tm_scenario_get_id (scenario),
                                                              unit));
        }
    }
  return out;
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

gboolean
tm_analysis_profession_has_staffing (const TmAnalysisProfession *entry)
{
  g_return_val_if_fail (entry != NULL, FALSE);

  return entry->staffed_hours > 0;
}

double
tm_analysis_profession_share_base (const TmAnalysisProfession *entry)
{
  g_return_val_if_fail (entry != NULL, 0);

  if (tm_analysis_profession_has_staffing (entry))
    return entry->staffed_hours;
  return MAX (entry->hours_today, 0);
}

double
tm_analysis_profession_share_of (const TmAnalysisProfession *entry,
                                 double                      hours)
{
  double base;

  g_return_val_if_fail (entry != NULL, 0);

  base = tm_analysis_profession_share_base (entry);
  return base > 0 ? hours / base : 0;
}

double
tm_analysis_profession_moved_share (const TmAnalysisProfession *entry)
{
  g_return_val_if_fail (entry != NULL, 0);

  return tm_analysis_profession_share_of (entry, entry->moved_out);
}

double
tm_analysis_profession_coverage (const TmAnalysisProfession *entry)
{
  g_return_val_if_fail (entry != NULL, -1);

  if (!tm_analysis_profession_has_staffing (entry))
    return -1;
  return entry->hours_today / entry->staffed_hours;
}

double
tm_analysis_profession_fte_after (const TmAnalysisProfession *entry)
{
  g_return_val_if_fail (entry != NULL, -1);

  if (entry->fte < 0)
    return -1;
  return entry->fte - entry->fte_freed + entry->fte_needed;
}

double
tm_analysis_hours_to_shifts (const TmAnalysis *analysis,
                             double            hours)
{
  g_return_val_if_fail (analysis != NULL, -1);

  if (analysis->shift_hours <= 0)
    return -1;
  return hours / analysis->shift_hours;
}

const TmAnalysisProfession *
tm_analysis_get_nurses (TmAnalysis *analysis)
{
  return tm_analysis_get_profession (analysis, "nurse");
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
  target_name = target ? tm_profession_get_display_name (target)
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
