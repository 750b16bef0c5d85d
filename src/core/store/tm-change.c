/* tm-change.c
 * One edit as data (TmChange): applied to the file and to the objects in
 * memory in one transaction, and undone and redone as one step.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-portfolio"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include "model/tm-i18n-private.h"
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store/tm-portfolio.h"
#include "store/tm-portfolio-private.h"
#include "store/tm-store-private.h"
#include "model/tm-workshop-private.h"
#include "model/tm-task-private.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"

static void
scenario_state_free (ScenarioState *state)
{
  if (state == NULL)
    return;
  g_free (state->id);
  g_free (state->name);
  g_free (state);
}

static ScenarioState *
scenario_state_new (const char *id,
                    const char *name)
{
  ScenarioState *state = g_new0 (ScenarioState, 1);

  state->id = g_strdup (id);
  state->name = g_strdup (name ? name : "");
  state->index = -1;
  return state;
}

static void
unit_state_free (UnitState *state)
{
  if (state == NULL)
    return;
  g_free (state->unit_name);
  g_free (state->organisation);
  g_free (state->notes);
  g_free (state->last_meeting);
  g_free (state->language);
  g_free (state);
}

static UnitState *
unit_state_new (const char *unit_name,
                const char *organisation,
                TmSetting   setting,
                const char *notes)
{
  UnitState *state = g_new0 (UnitState, 1);

  state->unit_name = g_strdup (unit_name ? unit_name : "");
  state->organisation = g_strdup (organisation ? organisation : "");
  state->setting = setting;
  state->notes = g_strdup (notes ? notes : "");
  state->last_meeting = g_strdup ("");
  state->language = g_strdup ("");
  return state;
}

/* Seconds since 1970 UTC, for TmTaskData.modified. SOURCE_DATE_EPOCH, when
 * set, stands in for the clock, so tests and reproducible builds of the
 * examples can fix it. */
gint64
_tm_now (void)
{
  const char *fixed = g_getenv ("SOURCE_DATE_EPOCH");

  if (fixed != NULL && *fixed != '\0')
    {
      gint64 value = g_ascii_strtoll (fixed, NULL, 10);

      if (value > 0)
        return value;
    }
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* A change whose new state is an edit made now. */
TmChange *
_tm_store_change_task_edited_new (const char       *uuid,
                                  const TmTaskData *before,
                                  double            before_position,
                                  const TmTaskData *after,
                                  double            after_position)
{
  TmChange *change = _tm_change_task_new (uuid, before, before_position, after, after_position);

  change->task.after->modified = _tm_now ();
  return change;
}

TmChange *
_tm_change_task_new_take (TmTaskData *after,
                          double      after_position)
{
  TmChange *change = g_new0 (TmChange, 1);

  change->kind = CHANGE_TASK;
  change->id = g_steal_pointer (&after->uuid);
  change->task.after = after;
  change->task.before_position = -1;
  change->task.after_position = after_position;
  return change;
}

TmChange *
_tm_change_task_new (const char       *uuid,
                     const TmTaskData *before,
                     double            before_position,
                     const TmTaskData *after,
                     double            after_position)
{
  TmChange *change = g_new0 (TmChange, 1);

  change->kind = CHANGE_TASK;
  change->id = g_strdup (uuid);
  change->task.before = before ? tm_task_data_copy (before) : NULL;
  change->task.after = after ? tm_task_data_copy (after) : NULL;
  change->task.before_position = before_position;
  change->task.after_position = after_position;
  if (change->task.before)
    g_free (g_steal_pointer (&change->task.before->uuid));
  if (change->task.after)
    g_free (g_steal_pointer (&change->task.after->uuid));
  return change;
}

TmChange *
_tm_change_profession_new (TmPortfolio *portfolio,
                           const char  *id,
                           const char  *name,
                           const char  *name_en,
                           gboolean     authorised,
                           gboolean     unskilled,
                           gboolean     hidden)
{
  TmChange *change = g_new0 (TmChange, 1);
  TmProfession *existing = g_hash_table_lookup (portfolio->professions_by_id, id);
  TmProfessionState *after = g_new0 (TmProfessionState, 1);

  after->id = g_strdup (id);
  after->name = g_strdup (name ? name : "");
  after->name_en = g_strdup (name_en ? name_en : "");
  after->authorised = !!authorised;
  after->unskilled = !!unskilled;
  after->hidden = !!hidden;
  after->builtin = existing ? tm_profession_get_builtin (existing) : FALSE;

  change->kind = CHANGE_PROFESSION;
  change->id = g_strdup (id);
  change->profession.before = existing ? _tm_profession_state_new (existing) : NULL;
  change->profession.after = after;
  return change;
}

TmChange *
_tm_change_unit_new (TmPortfolio *portfolio,
                     const char  *unit_name,
                     const char  *organisation,
                     TmSetting    setting,
                     const char  *notes)
{
  TmChange *change = g_new0 (TmChange, 1);

  change->kind = CHANGE_UNIT;
  change->unit.before = unit_state_new (portfolio->unit_name, portfolio->organisation,
                                        portfolio->setting, portfolio->notes);
  change->unit.after = unit_state_new (unit_name, organisation, setting, notes);
  g_free (change->unit.before->last_meeting);
  change->unit.before->last_meeting = g_strdup (portfolio->last_meeting ? portfolio->last_meeting : "");
  g_free (change->unit.after->last_meeting);
  change->unit.after->last_meeting = g_strdup (portfolio->last_meeting ? portfolio->last_meeting : "");
  g_free (change->unit.before->language);
  change->unit.before->language = g_strdup (portfolio->language);
  g_free (change->unit.after->language);
  change->unit.after->language = g_strdup (portfolio->language);
  return change;
}

TmChange *
_tm_change_staffing_new (TmPortfolio      *portfolio,
                         const TmStaffing *after)
{
  TmChange *change = g_new0 (TmChange, 1);
  const TmStaffing *before = g_hash_table_lookup (portfolio->staffing, after->unit);

  change->kind = CHANGE_STAFFING;
  change->id = g_strdup (after->unit);
  change->staffing.before = before ? tm_staffing_copy (before) : NULL;
  change->staffing.after = tm_staffing_is_empty (after) ? NULL : tm_staffing_copy (after);
  return change;
}

void
_tm_change_unit_set_language (TmChange   *change,
                              const char *language)
{
  g_return_if_fail (change != NULL && change->kind == CHANGE_UNIT);

  g_free (change->unit.after->language);
  change->unit.after->language = g_strdup (language);
}

/* @name NULL for @after deletes the scenario; a scenario not yet in the portfolio is added. */
TmChange *
_tm_store_change_scenario_new (TmPortfolio *portfolio,
                               const char  *id,
                               const char  *name,
                               gboolean     delete)
{
  TmChange *change = g_new0 (TmChange, 1);
  TmScenario *existing = g_hash_table_lookup (portfolio->scenarios_by_id, id);

  change->kind = CHANGE_SCENARIO;
  change->id = g_strdup (id);
  change->scenario.before = existing ? scenario_state_new (id, tm_scenario_get_name (existing)) : NULL;
  change->scenario.after = delete ? NULL : scenario_state_new (id, name);
  if (existing != NULL)
    {
      guint index;

      if (g_list_store_find (portfolio->scenarios, existing, &index))
        {
          change->scenario.before->index = index;
          if (change->scenario.after != NULL)
            change->scenario.after->index = index;
        }
    }
  return change;
}

TmChange *
_tm_change_scenario_new (TmPortfolio *portfolio,
                         const char  *id,
                         const char  *name)
{
  return _tm_store_change_scenario_new (portfolio, id, name, FALSE);
}

TmChange *
_tm_change_scenario_delete_new (TmPortfolio *portfolio,
                                const char  *id)
{
  return _tm_store_change_scenario_new (portfolio, id, NULL, TRUE);
}

void
_tm_change_free (TmChange *change)
{
  if (change == NULL)
    return;

  switch (change->kind)
    {
    case CHANGE_TASK:
      tm_task_data_free (change->task.before);
      tm_task_data_free (change->task.after);
      break;
    case CHANGE_PROFESSION:
      _tm_profession_state_free (change->profession.before);
      _tm_profession_state_free (change->profession.after);
      break;
    case CHANGE_UNIT:
      unit_state_free (change->unit.before);
      unit_state_free (change->unit.after);
      break;
    case CHANGE_SCENARIO:
      scenario_state_free (change->scenario.before);
      scenario_state_free (change->scenario.after);
      break;
    case CHANGE_WORKSHOP:
      tm_workshop_data_free (change->workshop.before);
      tm_workshop_data_free (change->workshop.after);
      break;
    case CHANGE_HISTORY:
      g_clear_pointer (&change->history.entries, g_ptr_array_unref);
      g_clear_pointer (&change->history.ids, g_array_unref);
      break;
    case CHANGE_STAFFING:
      tm_staffing_free (change->staffing.before);
      tm_staffing_free (change->staffing.after);
      break;
    default:
      g_assert_not_reached ();
    }
  g_free (change->id);
  g_free (change);
}

static void
undo_entry_free (UndoEntry *entry)
{
  g_free (entry->label);
  g_clear_pointer (&entry->history, g_ptr_array_unref);
  g_clear_pointer (&entry->history_ids, g_array_unref);
  g_free (entry->merge_key);
  g_ptr_array_unref (entry->changes);
  g_free (entry);
}

/* Display helpers */

void
_tm_store_update_performed_by (TmPortfolio *self,
                               TmTask      *task)
{
  const TmTaskData *data = tm_task_peek_data (task);
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      TmProfession *profession = g_hash_table_lookup (self->professions_by_id, p->profession_id);

      if (str->len > 0)
        g_string_append (str, ", ");
      g_string_append (str, profession ? tm_profession_get_display_name (profession) : p->profession_id);
    }

  _tm_task_set_performed_by (task, str->str);
}

/* Position of @task in the tasks store, by binary search on positions. */
gboolean
_tm_store_find_task_index (TmPortfolio *self,
                           TmTask      *task,
                           guint       *index)
{
  double position = _tm_task_get_position (task);
  guint lo = 0, hi = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(TmTask) item = g_list_model_get_item (G_LIST_MODEL (self->tasks), mid);

      if (_tm_task_get_position (item) < position)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo; i < g_list_model_get_n_items (G_LIST_MODEL (self->tasks)); i++)
    {
      g_autoptr(TmTask) item = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);

      if (item == task)
        {
          *index = i;
          return TRUE;
        }
      if (_tm_task_get_position (item) > position)
        break;
    }

  return g_list_store_find (self->tasks, task, index);
}

/* Index at which a task with @position belongs. */
static guint
insertion_index (TmPortfolio *self,
                 double       position)
{
  guint lo = 0, hi = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(TmTask) item = g_list_model_get_item (G_LIST_MODEL (self->tasks), mid);

      if (_tm_task_get_position (item) <= position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

double
_tm_portfolio_get_last_position (TmPortfolio *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  g_autoptr(TmTask) last = NULL;

  if (n == 0)
    return 0;
  last = g_list_model_get_item (G_LIST_MODEL (self->tasks), n - 1);
  return _tm_task_get_position (last);
}

/* SQL for one state */

static int
compare_workshops (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  TmWorkshop *x = (TmWorkshop *) a;
  TmWorkshop *y = (TmWorkshop *) b;
  int c = g_strcmp0 (tm_workshop_get_date (x), tm_workshop_get_date (y));
  gint64 px = _tm_workshop_get_position (x);
  gint64 py = _tm_workshop_get_position (y);

  if (c != 0)
    return c;
  return px < py ? -1 : px > py;
}

static void
place_workshop (TmPortfolio *self,
                TmWorkshop  *workshop)
{
  guint index;

  if (g_list_store_find (self->workshops, workshop, &index))
    {
      g_object_ref (workshop);
      g_list_store_remove (self->workshops, index);
      g_list_store_insert_sorted (self->workshops, workshop, compare_workshops, NULL);
      g_object_unref (workshop);
    }
  else
    g_list_store_insert_sorted (self->workshops, workshop, compare_workshops, NULL);
}

void
_tm_store_apply_workshop_to_memory (TmPortfolio          *self,
                                    const char           *id,
                                    const TmWorkshopData *target,
                                    gint64                position)
{
  TmWorkshop *workshop = g_hash_table_lookup (self->workshops_by_id, id);
  guint index;

  if (target == NULL)
    {
      if (workshop != NULL && g_list_store_find (self->workshops, workshop, &index))
        {
          g_hash_table_remove (self->workshops_by_id, id);
          g_list_store_remove (self->workshops, index);
        }
      return;
    }

  if (workshop != NULL)
    {
      _tm_workshop_set_data (workshop, target);
      place_workshop (self, workshop);
      return;
    }

  {
    g_autoptr(TmWorkshopData) copy = tm_workshop_data_copy (target);
    g_autoptr(TmWorkshop) created = NULL;

    g_free (copy->id);
    copy->id = g_strdup (id);
    created = _tm_workshop_new (copy);
    _tm_workshop_set_position (created, position);
    self->workshop_position = MAX (self->workshop_position, position);
    g_hash_table_insert (self->workshops_by_id, g_strdup (id), created);
    place_workshop (self, created);
  }
}

static void
refresh_performed_by_of (TmPortfolio *self,
                         const char  *profession_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      const TmTaskData *data = tm_task_peek_data (task);

      for (guint j = 0; j < data->performers->len; j++)
        {
          if (g_str_equal (g_array_index (data->performers, TmPerformer, j).profession_id,
                           profession_id))
            {
              _tm_store_update_performed_by (self, task);
              break;
            }
        }
    }
}

/* A new task holding a copy of @data, not yet in the store or the index. */
static TmTask *
new_task_in_memory (TmPortfolio      *self,
                    const char       *uuid,
                    const TmTaskData *data,
                    double            position)
{
  TmTaskData *copy = tm_task_data_copy (data);
  TmTask *task;

  g_free (copy->uuid);
  copy->uuid = g_strdup (uuid);
  task = _tm_task_new (copy);
  _tm_task_set_position (task, position);
  _tm_store_update_performed_by (self, task);
  return task;
}

static void
add_task_to_memory (TmPortfolio      *self,
                    const char       *uuid,
                    const TmTaskData *data,
                    double            position)
{
  g_autoptr(TmTask) task = new_task_in_memory (self, uuid, data, position);
  guint index;

  index = insertion_index (self, position);
  g_hash_table_insert (self->tasks_by_uuid, g_strdup (uuid), task);
  g_list_store_insert (self->tasks, index, task);
}

/* A run of changes that add tasks after all others (an import, a merge, a
 * paste, the redo of either) or remove the last ones (their undo) is put
 * into the store with one splice: one "items-changed" for all, not one per
 * task, each of which a sorted or filtered view would process on its own. */
typedef struct {
  GPtrArray *appended;       /* of TmTask: indexed by uuid, not yet in the store */
  double     last_position;  /* of the last task appended */
  guint      n_removed;      /* last tasks of the store: no longer indexed, still in the store */
} StoreBatch;

/* A window's list keeps the widgets of up to 200 rows whatever its height
 * (GtkListView's GTK_LIST_VIEW_MAX_LIST_ITEMS in GTK 4.8), making or
 * dropping them as tasks come into or leave a store shorter than that (about
 * 1 ms a row): 1,400 tasks into an empty list in one step stalled it 70 ms,
 * the last 1,900 out of it 105 ms. So a step that begins with the store
 * this short, or brings it there, ends at its next look at the clock
 * (every STEP_CHECK_CHANGES changes) whatever the time left. */
#define SHORT_STORE 256

static gboolean
store_is_short (TmPortfolio      *self,
                const StoreBatch *batch)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  return n - batch->n_removed + batch->appended->len < SHORT_STORE;
}

static void
flush_store_batch (TmPortfolio *self,
                   StoreBatch  *batch)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  if (batch->n_removed > 0)
    g_list_store_splice (self->tasks, n - batch->n_removed, batch->n_removed, NULL, 0);
  else if (batch->appended->len > 0)
    g_list_store_splice (self->tasks, n, 0, batch->appended->pdata, batch->appended->len);
  g_ptr_array_set_size (batch->appended, 0);
  batch->n_removed = 0;
}

/* Takes @change into @batch when it adds a task at the end or removes the
 * last one; FALSE (nothing done) otherwise. */
static gboolean
batch_task_change (TmPortfolio *self,
                   StoreBatch  *batch,
                   TmChange    *change,
                   gboolean     forward)
{
  const TmTaskData *target;
  double position;
  TmTask *task;
  guint n;

  if (change->kind != CHANGE_TASK)
    return FALSE;

  target = forward ? change->task.after : change->task.before;
  position = forward ? change->task.after_position : change->task.before_position;
  task = g_hash_table_lookup (self->tasks_by_uuid, change->id);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));

  if (target != NULL && task == NULL && batch->n_removed == 0)
    {
      /* insertion_index() puts a task after those with the same position. */
      if (batch->appended->len == 0 && n > 0)
        batch->last_position = _tm_portfolio_get_last_position (self);
      if ((batch->appended->len > 0 || n > 0) && position < batch->last_position)
        return FALSE;

      task = new_task_in_memory (self, change->id, target, position);
      g_hash_table_insert (self->tasks_by_uuid, g_strdup (change->id), task);
      g_ptr_array_add (batch->appended, task);
      batch->last_position = position;
      return TRUE;
    }

  if (target == NULL && task != NULL && batch->appended->len == 0 && batch->n_removed < n)
    {
      g_autoptr(TmTask) last = g_list_model_get_item (G_LIST_MODEL (self->tasks),
                                                      n - 1 - batch->n_removed);

      if (last != task)
        return FALSE;
      g_hash_table_remove (self->tasks_by_uuid, change->id);
      batch->n_removed++;
      return TRUE;
    }

  return FALSE;
}

static void
apply_change_to_memory (TmPortfolio *self,
                        TmChange    *change,
                        gboolean     forward)
{
  switch (change->kind)
    {
    case CHANGE_TASK:
      {
        const TmTaskData *target = forward ? change->task.after : change->task.before;
        double position = forward ? change->task.after_position : change->task.before_position;
        TmTask *task = g_hash_table_lookup (self->tasks_by_uuid, change->id);
        guint index;

        if (target == NULL)
          {
            if (task != NULL && _tm_store_find_task_index (self, task, &index))
              {
                g_hash_table_remove (self->tasks_by_uuid, change->id);
                g_list_store_remove (self->tasks, index);
              }
          }
        else if (task == NULL)
          {
            add_task_to_memory (self, change->id, target, position);
          }
        else
          {
            if (_tm_task_get_position (task) != position && _tm_store_find_task_index (self, task, &index))
              {
                g_autoptr(TmTask) hold = g_object_ref (task);

                g_list_store_remove (self->tasks, index);
                _tm_task_set_position (hold, position);
                g_list_store_insert (self->tasks, insertion_index (self, position), hold);
              }
            _tm_task_set_data (task, target);
            _tm_store_update_performed_by (self, task);
            g_signal_emit (self, _tm_portfolio_signals[TASK_CHANGED], 0, task);
          }
      }
      break;

    case CHANGE_PROFESSION:
      {
        const TmProfessionState *target = forward ? change->profession.after : change->profession.before;
        TmProfession *profession = g_hash_table_lookup (self->professions_by_id, change->id);
        guint index;

        if (target == NULL)
          {
            if (profession != NULL && g_list_store_find (self->professions, profession, &index))
              {
                g_hash_table_remove (self->professions_by_id, change->id);
                g_list_store_remove (self->professions, index);
              }
          }
        else if (profession == NULL)
          {
            g_autoptr(TmProfession) added =
              _tm_profession_new (target->id, target->name, target->name_en, target->authorised,
                                  target->unskilled, target->hidden, target->builtin);

            g_hash_table_insert (self->professions_by_id, g_strdup (target->id), added);
            g_list_store_append (self->professions, added);
          }
        else
          {
            gboolean renamed = g_strcmp0 (tm_profession_get_name (profession), target->name) != 0 ||
                               g_strcmp0 (tm_profession_get_name_en (profession), target->name_en) != 0;

            _tm_profession_set (profession, target->name, target->name_en, target->authorised,
                                target->unskilled, target->hidden);
            if (renamed)
              refresh_performed_by_of (self, change->id);
          }
      }
      break;

    case CHANGE_UNIT:
      {
        const UnitState *target = forward ? change->unit.after : change->unit.before;

        g_object_freeze_notify (G_OBJECT (self));
        if (g_strcmp0 (self->unit_name, target->unit_name) != 0)
          {
            g_free (self->unit_name);
            self->unit_name = g_strdup (target->unit_name);
            g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_UNIT_NAME]);
          }
        if (g_strcmp0 (self->organisation, target->organisation) != 0)
          {
            g_free (self->organisation);
            self->organisation = g_strdup (target->organisation);
            g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_ORGANISATION]);
          }
        if (g_strcmp0 (self->notes, target->notes) != 0)
          {
            g_free (self->notes);
            self->notes = g_strdup (target->notes);
            g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_NOTES]);
          }
        if (self->setting != target->setting)
          {
            self->setting = target->setting;
            g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_SETTING]);
          }
        if (g_strcmp0 (self->last_meeting, target->last_meeting) != 0)
          {
            g_free (self->last_meeting);
            self->last_meeting = g_strdup (target->last_meeting);
            g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_LAST_MEETING]);
          }
        if (g_strcmp0 (self->language, target->language) != 0)
          {
            g_free (self->language);
            self->language = g_strdup (target->language);
            g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_LANGUAGE]);
          }
        g_object_thaw_notify (G_OBJECT (self));
      }
      break;

    case CHANGE_SCENARIO:
      {
        const ScenarioState *target = forward ? change->scenario.after : change->scenario.before;
        TmScenario *scenario = g_hash_table_lookup (self->scenarios_by_id, change->id);
        guint index;

        if (target == NULL)
          {
            if (scenario != NULL && g_list_store_find (self->scenarios, scenario, &index))
              {
                g_hash_table_remove (self->scenarios_by_id, change->id);
                g_list_store_remove (self->scenarios, index);
              }
          }
        else if (scenario == NULL)
          {
            g_autoptr(TmScenario) added = _tm_scenario_new (target->id, target->name);
            guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));

            g_hash_table_insert (self->scenarios_by_id, g_strdup (target->id), added);
            if (target->index >= 0 && (guint) target->index < n)
              g_list_store_insert (self->scenarios, target->index, added);
            else
              g_list_store_append (self->scenarios, added);
          }
        else
          _tm_scenario_set_name (scenario, target->name);
      }
      break;

    case CHANGE_WORKSHOP:
      _tm_store_apply_workshop_to_memory (self, change->id,
                                forward ? change->workshop.after : change->workshop.before,
                                change->workshop.position);
      break;

    case CHANGE_HISTORY:
      break;

    case CHANGE_STAFFING:
      {
        const TmStaffing *target = forward ? change->staffing.after : change->staffing.before;

        if (target != NULL)
          g_hash_table_insert (self->staffing, g_strdup (change->id), tm_staffing_copy (target));
        else
          g_hash_table_remove (self->staffing, change->id);
        g_signal_emit (self, _tm_portfolio_signals[STAFFING_CHANGED], 0, change->id);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Transactions */

static gboolean
ensure_open (TmPortfolio  *self,
             GError      **error)
{
  if (self->db == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   _("“%s” is closed."), self->display_name);
      return FALSE;
    }
  if (self->read_only)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_READ_ONLY,
                   /* Translators: %s is a file name */
                   _("“%s” is open for reading only, so the change cannot be saved. Use Save a Copy "
                     "to make a copy you can edit."),
                   self->display_name);
      return FALSE;
    }
  if (self->committing)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                   /* Translators: %s is a file name */
                   _("“%s” is still saving a large change. Try again when it is done."),
                   self->display_name);
      return FALSE;
    }
  return TRUE;
}

gboolean
tm_portfolio_is_read_only (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return self->read_only;
}

/* From how many changes a transaction gets a bigger page cache, and how big (KiB). */
#define BULK_CHANGES  1000
#define BULK_CACHE_KB 65536

/* The part of a long apply that writing to the file takes (the rest: the
 * objects in memory), for tm_edit_job_get_fraction(). */
#define WRITE_SHARE      0.8

static int
compare_task_change_ids (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  const TmChange *ca = *(TmChange * const *) a;
  const TmChange *cb = *(TmChange * const *) b;

  return strcmp (ca->id, cb->id);
}

/* The order in which @changes are written: as given (reversed for undo),
 * except that each run of task changes is ordered by uuid, keeping the order
 * of changes to the same task. A task's rows (its row, performers,
 * assessments, moves and the indexes on its uuid) are keyed by the random
 * uuid: written in key order, SQLite appends to its B-trees instead of
 * splitting pages all over them, which is what a large import spends most
 * of its time on. Rows of a run do not depend on each other: only on the
 * professions and scenarios written before the run. */
static GPtrArray *
write_order (GPtrArray *changes,
             gboolean   forward)
{
  GPtrArray *order = g_ptr_array_sized_new (changes->len);
  guint run = 0;

  for (guint k = 0; k < changes->len; k++)
    {
      TmChange *change = g_ptr_array_index (changes, forward ? k : changes->len - 1 - k);

      g_ptr_array_add (order, change);
      if (change->kind == CHANGE_TASK)
        continue;
      /* GLib's sort is a stable merge sort. */
      if (k - run > 1)
        g_qsort_with_data (order->pdata + run, k - run, sizeof (gpointer),
                           compare_task_change_ids, NULL);
      run = k + 1;
    }
  if (changes->len - run > 1)
    g_qsort_with_data (order->pdata + run, changes->len - run, sizeof (gpointer),
                       (GCompareDataFunc) compare_task_change_ids, NULL);
  return order;
}

/* A commit cut into steps. _tm_store_commit_changes_full() runs one to the
 * end at once; _tm_portfolio_apply_begin() hands it out in steps of some
 * milliseconds, so that a window goes on drawing and shows progress while a
 * region's 100,000 tasks are written. Until it is done the portfolio takes no
 * other change: ensure_open() refuses one. */
typedef enum {
  COMMIT_WRITE,    /* the rows written in the open transaction */
  COMMIT_ENDING,   /* COMMIT runs in a thread of its own (in steps only) */
  COMMIT_MEMORY,   /* committed; the objects in memory being brought along */
  COMMIT_DONE,
  COMMIT_FAILED,   /* rolled back: nothing changed */
} CommitPhase;

typedef struct {
  TmPortfolio *self;        /* borrowed */
  GPtrArray   *changes;     /* borrowed */
  gboolean     forward;
  UndoEntry   *entry;       /* borrowed; NULL: no history */
  HistoryOp    op;
  GPtrArray   *order;       /* the write order, see write_order() */
  GPtrArray   *appended;    /* of the batch */
  StoreBatch   batch;
  gint64       cache_size;  /* to restore after a bulk change */
  gboolean     bulk;
  guint        k;           /* the next change of the phase */
  guint        part;        /* of a history change, or of the step's history: the next entry */
  gboolean     in_history;  /* the rows are written; the step's history is */
  guint        history_before; /* the entry's history ids before (a rollback's length) */
  guint        described;   /* a step recorded: the changes described so far */
  gint64       history_when;
  CommitPhase  phase;
  /* COMMIT_ENDING: a file's 50 MB take SQLite most of a second to write
   * out; meanwhile the connection is the thread's alone (nothing else
   * writes while committing is set, and nothing but writes use it). */
  GThread     *thread;
  GMutex       lock;
  GCond        ended_cond;
  gboolean     ended;
  int          rc;
  /* Before it: the write order of a region's changes, sorted in a thread of
   * its own (see ensure_order()); signals ended_cond too. */
  GThread     *sorter;
  gboolean     sorted;
} StoreCommit;

/* How many changes are written, or brought into memory, between looks at the clock. */
#define STEP_CHECK_CHANGES 32
/* How many history entries are written in one part. */
#define HISTORY_PART 512

static void
restore_cache_size (StoreCommit *c)
{
  g_autofree char *restore = NULL;

  if (!c->bulk)
    return;
  restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, c->cache_size);
  _tm_store_exec_sql (c->self, restore, NULL);
  c->bulk = FALSE;
}

/* The ids of the history changes: written ones (forward) are gone with a
 * rollback, deleted ones (backward) once committed. */
static void
forget_history_ids (StoreCommit *c)
{
  for (guint k = 0; k < c->changes->len; k++)
    {
      TmChange *change = g_ptr_array_index (c->changes, k);

      if (change->kind == CHANGE_HISTORY && change->history.ids != NULL)
        g_array_set_size (change->history.ids, 0);
    }
}

static void
commit_rollback (StoreCommit *c)
{
  if (c->forward)
    forget_history_ids (c);
  _tm_store_end_rows_seen (c->self);
  sqlite3_exec (c->self->db, "ROLLBACK", NULL, NULL, NULL);
  restore_cache_size (c);
  c->self->committing = FALSE;
  c->phase = COMMIT_FAILED;
}

static gboolean
commit_begin (StoreCommit  *c,
              TmPortfolio  *self,
              GPtrArray    *changes,
              gboolean      forward,
              UndoEntry    *entry,
              HistoryOp     op,
              GError      **error)
{
  memset (c, 0, sizeof *c);
  g_mutex_init (&c->lock);
  g_cond_init (&c->ended_cond);
  c->self = self;
  c->changes = changes;
  c->forward = forward;
  c->entry = entry;
  c->op = op;
  c->phase = COMMIT_FAILED;

  if (!ensure_open (self, error))
    return FALSE;

  /* A bulk change (an import, a merge, their undo) touches pages all over
   * the tables, their indexes and those of the uuid keys: with SQLite's
   * default 2 MB cache most of them are written out and read back. */
  c->bulk = changes->len >= BULK_CHANGES && _tm_store_query_int (self, "PRAGMA cache_size", &c->cache_size, NULL);
  if (c->bulk)
    _tm_store_exec_sql (self, "PRAGMA cache_size = -" G_STRINGIFY (BULK_CACHE_KB), NULL);

  if (!_tm_store_exec_sql (self, "BEGIN IMMEDIATE", error))
    {
      restore_cache_size (c);
      return FALSE;
    }

  _tm_store_begin_rows_seen (self);
  c->appended = g_ptr_array_new_with_free_func (g_object_unref);
  c->batch.appended = c->appended;
  c->phase = COMMIT_WRITE;
  self->committing = TRUE;
  return TRUE;
}

/* Committed: what is left is memory. */
static void
commit_ended (StoreCommit *c)
{
  if (!c->forward)
    forget_history_ids (c);
  restore_cache_size (c);
  c->self->edit_count++;
  c->phase = COMMIT_MEMORY;
  c->k = 0;
}

static gpointer
commit_thread (gpointer data)
{
  StoreCommit *c = data;
  int rc = sqlite3_exec (c->self->db, "COMMIT", NULL, NULL, NULL);

  g_mutex_lock (&c->lock);
  c->rc = rc;
  c->ended = TRUE;
  g_cond_signal (&c->ended_cond);
  g_mutex_unlock (&c->lock);
  return NULL;
}

/* Sorting a region's 100,000 changes by uuid took 60–90 ms of one step of
 * the window's main loop: from this many, in steps, a thread sorts them. */
#define SORT_THREAD_CHANGES 10000

static gpointer
sort_thread (gpointer data)
{
  StoreCommit *c = data;
  GPtrArray *order = write_order (c->changes, c->forward);

  g_mutex_lock (&c->lock);
  c->sorted = TRUE;
  g_cond_signal (&c->ended_cond);
  g_mutex_unlock (&c->lock);
  return order;
}

/* Makes the write order: at once for a small commit or one run to the end,
 * else in the sorting thread, waited for until @deadline. TRUE once it is
 * there. Meanwhile nothing touches the changes: the portfolio takes no
 * other change while committing. */
static gboolean
ensure_order (StoreCommit *c,
              gint64       deadline)
{
  gboolean sorted;

  if (c->order != NULL)
    return TRUE;
  if (c->sorter == NULL && (deadline == G_MAXINT64 || c->changes->len < SORT_THREAD_CHANGES))
    {
      c->order = write_order (c->changes, c->forward);
      return TRUE;
    }

  if (c->sorter == NULL)
    c->sorter = g_thread_new ("tm-sort", sort_thread, c);
  g_mutex_lock (&c->lock);
  while (!c->sorted)
    if (!g_cond_wait_until (&c->ended_cond, &c->lock, deadline))
      break;
  sorted = c->sorted;
  g_mutex_unlock (&c->lock);
  if (sorted)
    c->order = g_thread_join (g_steal_pointer (&c->sorter));
  return sorted;
}

/* Waits for the COMMIT thread until @deadline; TRUE once it has ended. */
static gboolean
wait_commit_thread (StoreCommit *c,
                    gint64       deadline)
{
  gboolean ended;

  g_mutex_lock (&c->lock);
  while (!c->ended)
    if (!g_cond_wait_until (&c->ended_cond, &c->lock, deadline))
      break;
  ended = c->ended;
  g_mutex_unlock (&c->lock);
  if (ended)
    g_clear_pointer (&c->thread, g_thread_join);
  return ended;
}

/* The rows are written: the history of the step goes into the same
 * transaction as what it records, in parts (an import of a region's
 * spreadsheet records 100,000 entries). */
static gboolean
history_begin (StoreCommit  *c,
               GError      **error)
{
  UndoEntry *entry = c->entry;

  _tm_store_end_rows_seen (c->self);
  c->in_history = TRUE;
  c->part = 0;
  if (entry == NULL || c->op == HISTORY_NONE)
    return TRUE;

  if (entry->history_ids == NULL)
    entry->history_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (c->op == HISTORY_RECORD)
    {
      if (!_tm_store_delete_history (c->self, entry->history_ids, error))
        {
          commit_rollback (c);
          return FALSE;
        }
      /* Described a part at a time too, see history_part(). */
      g_clear_pointer (&entry->history, g_ptr_array_unref);
      entry->history = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
      c->history_when = _tm_now ();
      c->described = 0;
    }
  c->history_before = entry->history_ids->len;
  return TRUE;
}

/* Writes (or deletes) one part of the step's history; c->in_history is
 * FALSE once it is all done. */
static gboolean
history_part (StoreCommit  *c,
              GError      **error)
{
  UndoEntry *entry = c->entry;
  gboolean insert = c->op == HISTORY_RECORD || c->op == HISTORY_RESTORE;
  gboolean described = TRUE;
  guint len = 0;
  guint to;

  /* A step recorded: the next changes described, and what they gave written. */
  if (entry != NULL && c->op == HISTORY_RECORD)
    {
      guint upto = MIN (entry->changes->len, c->described + HISTORY_PART);

      _tm_store_history_describe (c->self, entry->changes, c->described, upto, c->history_when,
                                  entry->history);
      c->described = upto;
      described = upto == entry->changes->len;
    }
  if (entry != NULL && c->op != HISTORY_NONE)
    len = insert ? (entry->history != NULL ? entry->history->len : 0) : entry->history_ids->len;
  to = c->op == HISTORY_RECORD ? len : MIN (len, c->part + HISTORY_PART);

  if (to > c->part &&
      !(insert ? _tm_store_insert_history_range (c->self, entry->history, c->part, to,
                                                 entry->history_ids, error)
               : _tm_store_delete_history_range (c->self, entry->history_ids, c->part, to, error)))
    {
      /* The rows rolled back take their ids along. */
      if (insert)
        g_array_set_size (entry->history_ids, c->history_before);
      commit_rollback (c);
      return FALSE;
    }
  c->part = to;
  if (to < len || !described)
    return TRUE;

  if (c->op == HISTORY_REMOVE)
    g_array_set_size (entry->history_ids, 0);
  c->part = 0;
  c->in_history = FALSE;
  return TRUE;
}

/* The rows and their history are written: the transaction is committed, at
 * once, or when @threaded in a thread of its own. */
static gboolean
commit_end (StoreCommit  *c,
            gboolean      threaded,
            GError      **error)
{
  TmPortfolio *self = c->self;

  if (!threaded)
    {
      if (!_tm_store_exec_sql (self, "COMMIT", error))
        {
          commit_rollback (c);
          return FALSE;
        }
      commit_ended (c);
      return TRUE;
    }

  c->phase = COMMIT_ENDING;
  c->thread = g_thread_new ("tm-commit", commit_thread, c);
  return TRUE;
}

/* Goes on with @c until it is done or the monotonic clock passes @deadline;
 * FALSE on an error, after which nothing has changed. */
static gboolean
commit_step (StoreCommit  *c,
             gint64        deadline,
             GError      **error)
{
  TmPortfolio *self = c->self;
  guint n = c->changes->len;
  gboolean began_short;

  /* Sorting a region's 100,000 changes is a step of its own, or several
   * while a thread does it. */
  if (c->phase == COMMIT_WRITE && c->order == NULL)
    {
      if (!ensure_order (c, deadline))
        return TRUE;
      if (g_get_monotonic_time () >= deadline)
        return TRUE;
    }

  while (c->phase == COMMIT_WRITE)
    {
      TmChange *change;

      if (c->k == c->order->len)
        {
          if (!c->in_history && !history_begin (c, error))
            return FALSE;
          if (!history_part (c, error))
            return FALSE;
          if (c->in_history)
            {
              if (g_get_monotonic_time () >= deadline)
                return TRUE;
              continue;
            }
          if (!commit_end (c, deadline < G_MAXINT64, error))
            return FALSE;
          break;
        }
      change = g_ptr_array_index (c->order, c->k);
      if (change->kind == CHANGE_HISTORY)
        {
          /* A file's history can be as long as its tasks: written in parts. */
          guint len = c->forward ? (change->history.entries ? change->history.entries->len : 0)
                                 : (change->history.ids ? change->history.ids->len : 0);
          guint to = MIN (len, c->part + HISTORY_PART);
          gboolean ok = c->forward
            ? _tm_store_insert_history_range (self, change->history.entries, c->part, to,
                                              change->history.ids, error)
            : _tm_store_delete_history_range (self, change->history.ids, c->part, to, error);

          if (!ok)
            {
              commit_rollback (c);
              return FALSE;
            }
          c->part = to;
          if (to < len)
            {
              if (g_get_monotonic_time () >= deadline)
                return TRUE;
              continue;
            }
          c->part = 0;
        }
      else if (!_tm_store_write_change (self, change, c->forward, error))
        {
          commit_rollback (c);
          return FALSE;
        }
      c->k++;
      if (c->k % STEP_CHECK_CHANGES == 0 && g_get_monotonic_time () >= deadline)
        return TRUE;
    }

  if (c->phase == COMMIT_ENDING)
    {
      if (!wait_commit_thread (c, deadline))
        return TRUE;
      if (c->rc != SQLITE_OK)
        {
          _tm_store_set_sqlite_error (self, error, c->rc);
          c->phase = COMMIT_WRITE;   /* still in the transaction */
          commit_rollback (c);
          return FALSE;
        }
      commit_ended (c);
      if (g_get_monotonic_time () >= deadline)
        return TRUE;
    }

  /* What the store's listeners do with the tasks a step brings (a window's
   * list makes a row of each) takes about twice as long as bringing them:
   * a step in memory works a third of its time and leaves them the rest. */
  if (c->phase == COMMIT_MEMORY && deadline < G_MAXINT64)
    {
      gint64 now = g_get_monotonic_time ();

      if (deadline > now)
        deadline = now + (deadline - now) / 3;
    }

  began_short = store_is_short (self, &c->batch);
  while (c->phase == COMMIT_MEMORY && c->k < n)
    {
      guint i = c->forward ? c->k : n - 1 - c->k;
      TmChange *change = g_ptr_array_index (c->changes, i);

      c->k++;
      if (!batch_task_change (self, &c->batch, change, c->forward))
        {
          flush_store_batch (self, &c->batch);
          if (!batch_task_change (self, &c->batch, change, c->forward))
            apply_change_to_memory (self, change, c->forward);
        }
      if (c->k % STEP_CHECK_CHANGES == 0 && c->k < n &&
          (deadline < G_MAXINT64 && (began_short || store_is_short (self, &c->batch) ||
                                     g_get_monotonic_time () >= deadline)))
        {
          /* What the window shows between two steps is the store as far as it got. */
          flush_store_batch (self, &c->batch);
          return TRUE;
        }
    }

  if (c->phase == COMMIT_MEMORY)
    {
      flush_store_batch (self, &c->batch);
      self->committing = FALSE;
      c->phase = COMMIT_DONE;
    }
  return TRUE;
}

gint64
_tm_store_deadline (gint64 budget_us)
{
  gint64 now = g_get_monotonic_time ();

  return budget_us >= G_MAXINT64 - now ? G_MAXINT64 : now + budget_us;
}

/* Leaves @c: rolled back while it was still writing, brought to the end once
 * committed (the file has it; memory must too). */
static void
commit_clear (StoreCommit *c)
{
  /* Cancelled while the order was sorted: the thread reads the changes. */
  if (c->sorter != NULL)
    c->order = g_thread_join (g_steal_pointer (&c->sorter));
  if (c->phase == COMMIT_WRITE)
    commit_rollback (c);
  else if (c->phase == COMMIT_ENDING || c->phase == COMMIT_MEMORY)
    commit_step (c, G_MAXINT64, NULL);
  g_mutex_clear (&c->lock);
  g_cond_clear (&c->ended_cond);
  g_clear_pointer (&c->order, g_ptr_array_unref);
  g_clear_pointer (&c->appended, g_ptr_array_unref);
}

/* Writes all @changes in one transaction, then updates memory. */
gboolean
_tm_store_commit_changes_full (TmPortfolio  *self,
                               GPtrArray    *changes,
                               gboolean      forward,
                               UndoEntry    *entry,
                               HistoryOp     op,
                               GError      **error)
{
  StoreCommit c;
  gboolean ok;

  if (!commit_begin (&c, self, changes, forward, entry, op, error))
    {
      commit_clear (&c);
      return FALSE;
    }
  ok = commit_step (&c, G_MAXINT64, error);
  commit_clear (&c);
  return ok;
}

static void
update_undo_state (TmPortfolio *self)
{
  /* Nothing to undo or redo while a change is being saved in steps. */
  UndoEntry *undo = self->committing ? NULL : g_queue_peek_head (&self->undo);
  UndoEntry *redo = self->committing ? NULL : g_queue_peek_head (&self->redo);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;
  gboolean could_undo = self->undo_label != NULL;
  gboolean could_redo = self->redo_label != NULL;

  /* Translators: %s is an edit such as "Delete Task" */
  undo_label = undo ? g_strdup_printf (_("Undo: %s"), undo->label) : NULL;
  /* Translators: %s is an edit such as "Delete Task" */
  redo_label = redo ? g_strdup_printf (_("Redo: %s"), redo->label) : NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (undo_label, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo_label);
      g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo_label, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo_label);
      g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_REDO_LABEL]);
    }
  if (could_undo != (self->undo_label != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_CAN_UNDO]);
  if (could_redo != (self->redo_label != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), _tm_portfolio_properties[PROP_CAN_REDO]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_tm_store_clear_queue (GQueue *queue)
{
  UndoEntry *entry;

  while ((entry = g_queue_pop_head (queue)))
    undo_entry_free (entry);
}

typedef enum {
  JOB_APPLY,
  JOB_UNDO,
  JOB_REDO,
} JobKind;

struct _TmEditJob {
  TmPortfolio *portfolio;   /* owned */
  UndoEntry   *entry;       /* JOB_APPLY: owned until it goes onto the undo queue; NULL: nothing to
                             * do. JOB_UNDO, JOB_REDO: the head of its queue, which keeps it */
  StoreCommit  commit;
  gboolean     announced;   /* Undo and Redo were turned off for the steps */
  JobKind      kind;
};

TmEditJob *
_tm_portfolio_apply_begin (TmPortfolio  *self,
                           const char   *label,
                           GPtrArray    *changes,
                           gboolean      record_history,
                           GError      **error)
{
  g_autoptr(GPtrArray) owned = changes;
  TmEditJob *job;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (changes != NULL, NULL);

  g_ptr_array_set_free_func (owned, (GDestroyNotify) _tm_change_free);

  job = g_new0 (TmEditJob, 1);
  job->portfolio = g_object_ref (self);
  job->commit.phase = COMMIT_DONE;
  if (owned->len == 0)
    return job;

  job->entry = g_new0 (UndoEntry, 1);
  job->entry->label = g_strdup (label);
  job->entry->changes = g_steal_pointer (&owned);

  if (!commit_begin (&job->commit, self, job->entry->changes, TRUE, job->entry,
                     record_history ? HISTORY_RECORD : HISTORY_NONE, error))
    {
      tm_edit_job_free (job);
      return NULL;
    }
  return job;
}

/* The commit is done: the edit goes onto the undo queue; an undone one
 * from the undo queue to the redo queue, a redone one back. */
static void
apply_job_finish (TmEditJob *job)
{
  TmPortfolio *self = job->portfolio;
  UndoEntry *entry = g_steal_pointer (&job->entry);

  switch (job->kind)
    {
    case JOB_UNDO:
    case JOB_REDO:
      {
        GQueue *from = job->kind == JOB_UNDO ? &self->undo : &self->redo;
        GQueue *to = job->kind == JOB_UNDO ? &self->redo : &self->undo;

        g_assert (g_queue_peek_head (from) == entry);
        g_queue_pop_head (from);
        g_clear_pointer (&entry->merge_key, g_free);
        g_queue_push_head (to, entry);
      }
      break;
    case JOB_APPLY:
    default:
      g_queue_push_head (&self->undo, entry);
      _tm_store_clear_queue (&self->redo);
      self->merge_open = FALSE;
      break;
    }
  update_undo_state (self);
}

TmEditJob *
tm_portfolio_undo_begin (TmPortfolio  *self,
                         gboolean      redo,
                         GError      **error)
{
  UndoEntry *entry;
  TmEditJob *job;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  entry = g_queue_peek_head (redo ? &self->redo : &self->undo);
  if (entry != NULL)
    self->merge_open = FALSE;
  job = g_new0 (TmEditJob, 1);
  job->portfolio = g_object_ref (self);
  job->kind = redo ? JOB_REDO : JOB_UNDO;
  job->commit.phase = COMMIT_DONE;
  if (entry == NULL)
    return job;

  if (!commit_begin (&job->commit, self, entry->changes, redo, entry,
                     redo ? HISTORY_RESTORE : HISTORY_REMOVE, error))
    {
      tm_edit_job_free (job);
      return NULL;
    }
  job->entry = entry;
  return job;
}

guint
tm_portfolio_get_undo_size (TmPortfolio *self,
                            gboolean     redo)
{
  UndoEntry *entry;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), 0);

  entry = g_queue_peek_head (redo ? &self->redo : &self->undo);
  return entry != NULL ? entry->changes->len : 0;
}

gboolean
tm_edit_job_step (TmEditJob  *job,
                  gint64      budget_us,
                  gboolean   *done,
                  GError    **error)
{
  gint64 deadline;

  g_return_val_if_fail (job != NULL, FALSE);
  g_return_val_if_fail (job->commit.phase != COMMIT_FAILED, FALSE);

  *done = FALSE;
  if (job->entry == NULL)
    {
      *done = TRUE;
      return TRUE;
    }

  deadline = _tm_store_deadline (budget_us);
  if (!commit_step (&job->commit, deadline, error))
    {
      if (job->kind == JOB_APPLY)
        g_clear_pointer (&job->entry, undo_entry_free);
      else
        job->entry = NULL;
      if (job->announced)
        update_undo_state (job->portfolio);
      return FALSE;
    }
  if (job->commit.phase == COMMIT_DONE)
    {
      apply_job_finish (job);
      *done = TRUE;
    }
  else if (!job->announced)
    {
      /* Done in more than one step: nothing to undo or redo meanwhile. */
      job->announced = TRUE;
      update_undo_state (job->portfolio);
    }
  return TRUE;
}

double
tm_edit_job_get_fraction (TmEditJob *job)
{
  guint n;

  g_return_val_if_fail (job != NULL, 0.0);

  n = job->commit.changes != NULL ? job->commit.changes->len : 0;
  switch (job->commit.phase)
    {
    case COMMIT_WRITE:
      return n > 0 ? WRITE_SHARE * job->commit.k / n : 0.0;
    case COMMIT_ENDING:
      return WRITE_SHARE;
    case COMMIT_MEMORY:
      return n > 0 ? WRITE_SHARE + (1.0 - WRITE_SHARE) * job->commit.k / n : WRITE_SHARE;
    case COMMIT_DONE:
      return 1.0;
    case COMMIT_FAILED:
    default:
      return 0.0;
    }
}

gboolean
tm_edit_job_can_cancel (TmEditJob *job)
{
  g_return_val_if_fail (job != NULL, FALSE);
  return job->entry != NULL && job->commit.phase == COMMIT_WRITE;
}

gboolean
tm_edit_job_free (TmEditJob *job)
{
  CommitPhase phase;
  gboolean carried_out;

  if (job == NULL)
    return FALSE;

  phase = job->commit.phase;
  commit_clear (&job->commit);
  carried_out = job->commit.phase == COMMIT_DONE;
  if (phase != COMMIT_DONE && phase != COMMIT_FAILED && job->entry != NULL)
    {
      if (carried_out)
        apply_job_finish (job);
      else if (job->announced)
        update_undo_state (job->portfolio);
    }

  if (job->kind == JOB_APPLY)
    g_clear_pointer (&job->entry, undo_entry_free);
  g_object_unref (job->portfolio);
  g_free (job);
  return carried_out;
}

gboolean
tm_edit_job_run (TmEditJob  *job,
                 GError    **error)
{
  gboolean done = FALSE;
  gboolean ok;

  if (job == NULL)
    return FALSE;
  ok = tm_edit_job_step (job, G_MAXINT64, &done, error);
  g_assert (!ok || done);
  tm_edit_job_free (job);
  return ok;
}

gboolean
_tm_portfolio_apply_full (TmPortfolio  *self,
                          const char   *label,
                          GPtrArray    *changes,
                          gboolean      record_history,
                          GError      **error)
{
  return tm_edit_job_run (_tm_portfolio_apply_begin (self, label, changes, record_history, error), error);
}

gboolean
_tm_portfolio_apply (TmPortfolio  *self,
                     const char   *label,
                     GPtrArray    *changes,
                     GError      **error)
{
  return _tm_portfolio_apply_full (self, label, changes, TRUE, error);
}

void
_tm_portfolio_clear_undo (TmPortfolio *self)
{
  _tm_store_clear_queue (&self->undo);
  _tm_store_clear_queue (&self->redo);
  self->merge_open = FALSE;
  update_undo_state (self);
}

TmChange *
_tm_change_history_take (GPtrArray *entries)
{
  TmChange *change = g_new0 (TmChange, 1);

  change->kind = CHANGE_HISTORY;
  change->history.entries = entries;
  change->history.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return change;
}

TmChange *
_tm_change_workshop_new (TmPortfolio          *portfolio,
                         const char           *id,
                         const TmWorkshopData *after)
{
  TmChange *change = g_new0 (TmChange, 1);
  TmWorkshop *existing = g_hash_table_lookup (portfolio->workshops_by_id, id);

  change->kind = CHANGE_WORKSHOP;
  change->id = g_strdup (id);
  change->workshop.before = existing ? tm_workshop_data_copy (tm_workshop_peek_data (existing)) : NULL;
  change->workshop.after = after ? tm_workshop_data_copy (after) : NULL;
  if (change->workshop.after != NULL)
    {
      g_free (change->workshop.after->id);
      change->workshop.after->id = g_strdup (id);
    }
  change->workshop.position = existing ? _tm_workshop_get_position (existing)
                                       : ++portfolio->workshop_position;
  return change;
}

TmChange *
_tm_change_committee_new (TmPortfolio *portfolio,
                          const char  *last_meeting)
{
  TmChange *change = _tm_change_unit_new (portfolio, portfolio->unit_name, portfolio->organisation,
                                          portfolio->setting, portfolio->notes);

  g_free (change->unit.after->last_meeting);
  change->unit.after->last_meeting = g_strdup (last_meeting ? last_meeting : "");
  return change;
}

void
_tm_change_unit_set_last_meeting (TmChange   *change,
                                  const char *last_meeting)
{
  g_return_if_fail (change != NULL && change->kind == CHANGE_UNIT);

  g_free (change->unit.after->last_meeting);
  change->unit.after->last_meeting = g_strdup (last_meeting ? last_meeting : "");
}

/* Undo */

gboolean
tm_portfolio_can_undo (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return !self->committing && !g_queue_is_empty (&self->undo);
}

gboolean
tm_portfolio_can_redo (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return !self->committing && !g_queue_is_empty (&self->redo);
}

const char *
tm_portfolio_get_undo_label (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->undo_label;
}

const char *
tm_portfolio_get_redo_label (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->redo_label;
}

gboolean
tm_portfolio_undo (TmPortfolio  *self,
                   GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return tm_edit_job_run (tm_portfolio_undo_begin (self, FALSE, error), error);
}

gboolean
tm_portfolio_redo (TmPortfolio  *self,
                   GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  return tm_edit_job_run (tm_portfolio_undo_begin (self, TRUE, error), error);
}

void
tm_portfolio_break_undo_merge (TmPortfolio *self)
{
  g_return_if_fail (TM_IS_PORTFOLIO (self));
  self->merge_open = FALSE;
}

guint64
tm_portfolio_get_edit_count (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), 0);
  return self->edit_count;
}
