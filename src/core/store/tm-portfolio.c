/* tm-portfolio.c
 * A unit's task portfolio, kept in one SQLite file; every edit is committed
 * when it is made and can be undone. The object and its public API.
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
#include "model/tm-task-walk-private.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"

G_DEFINE_QUARK (tm-store-error-quark, tm_store_error)

G_DEFINE_FINAL_TYPE (TmPortfolio, tm_portfolio, G_TYPE_OBJECT)

GParamSpec *_tm_portfolio_properties[N_PROPS];
guint _tm_portfolio_signals[N_SIGNALS];

/* Errors */

const char *
_tm_portfolio_get_display_name (TmPortfolio *self)
{
  return self->display_name;
}

/* GObject */

static void
tm_portfolio_dispose (GObject *object)
{
  TmPortfolio *self = (TmPortfolio *)object;

  tm_portfolio_close (self);

  G_OBJECT_CLASS (tm_portfolio_parent_class)->dispose (object);
}

static void
tm_portfolio_finalize (GObject *object)
{
  TmPortfolio *self = (TmPortfolio *)object;

  _tm_store_clear_queue (&self->undo);
  _tm_store_clear_queue (&self->redo);
  g_clear_object (&self->file);
  g_clear_object (&self->professions);
  g_clear_object (&self->tasks);
  g_clear_pointer (&self->professions_by_id, g_hash_table_unref);
  g_clear_pointer (&self->tasks_by_uuid, g_hash_table_unref);
  g_clear_object (&self->scenarios);
  g_clear_pointer (&self->scenarios_by_id, g_hash_table_unref);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->unit_name, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->last_meeting, g_free);
  g_clear_object (&self->workshops);
  g_clear_pointer (&self->workshops_by_id, g_hash_table_unref);
  g_clear_pointer (&self->staffing, g_hash_table_unref);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->undo_label, g_free);
  g_clear_pointer (&self->redo_label, g_free);

  G_OBJECT_CLASS (tm_portfolio_parent_class)->finalize (object);
}

static void
tm_portfolio_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TmPortfolio *self = TM_PORTFOLIO (object);

  switch (prop_id)
    {
    case PROP_COUNTRY: g_value_set_uint (value, self->country); break;
    case PROP_UNIT_NAME: g_value_set_string (value, self->unit_name); break;
    case PROP_ORGANISATION: g_value_set_string (value, self->organisation); break;
    case PROP_SETTING: g_value_set_uint (value, self->setting); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_CAN_UNDO: g_value_set_boolean (value, tm_portfolio_can_undo (self)); break;
    case PROP_CAN_REDO: g_value_set_boolean (value, tm_portfolio_can_redo (self)); break;
    case PROP_UNDO_LABEL: g_value_set_string (value, self->undo_label); break;
    case PROP_REDO_LABEL: g_value_set_string (value, self->redo_label); break;
    case PROP_LAST_MEETING: g_value_set_string (value, self->last_meeting); break;
    case PROP_LANGUAGE: g_value_set_string (value, self->language); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_portfolio_class_init (TmPortfolioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tm_portfolio_dispose;
  object_class->finalize = tm_portfolio_finalize;
  object_class->get_property = tm_portfolio_get_property;

  _tm_portfolio_properties[PROP_COUNTRY] =
    g_param_spec_uint ("country", NULL, NULL, 0, TM_N_COUNTRIES - 1, 0, flags);
  _tm_portfolio_properties[PROP_UNIT_NAME] = g_param_spec_string ("unit-name", NULL, NULL, NULL, flags);
  _tm_portfolio_properties[PROP_ORGANISATION] = g_param_spec_string ("organisation", NULL, NULL, NULL, flags);
  _tm_portfolio_properties[PROP_SETTING] =
    g_param_spec_uint ("setting", NULL, NULL, 0, TM_N_SETTINGS - 1, 0, flags);
  _tm_portfolio_properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  _tm_portfolio_properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, flags);
  _tm_portfolio_properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, flags);
  _tm_portfolio_properties[PROP_UNDO_LABEL] = g_param_spec_string ("undo-label", NULL, NULL, NULL, flags);
  _tm_portfolio_properties[PROP_REDO_LABEL] = g_param_spec_string ("redo-label", NULL, NULL, NULL, flags);
  _tm_portfolio_properties[PROP_LAST_MEETING] = g_param_spec_string ("last-committee-meeting", NULL, NULL, NULL, flags);
  _tm_portfolio_properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, _tm_portfolio_properties);

  /**
   * TmPortfolio::task-changed:
   * @task: the task whose fields changed
   *
   * Emitted after an edit, an undo or a redo changed an existing task.
   */
  _tm_portfolio_signals[TASK_CHANGED] =
    g_signal_new ("task-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TM_TYPE_TASK);

  /**
   * TmPortfolio::staffing-changed:
   * @unit: the unit whose staffing changed ("" for the portfolio's own)
   *
   * Emitted after an edit, an undo or a redo changed a unit's staffing.
   */
  _tm_portfolio_signals[STAFFING_CHANGED] =
    g_signal_new ("staffing-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tm_portfolio_init (TmPortfolio *self)
{
  self->professions = g_list_store_new (TM_TYPE_PROFESSION);
  self->professions_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tasks = g_list_store_new (TM_TYPE_TASK);
  self->tasks_by_uuid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scenarios = g_list_store_new (TM_TYPE_SCENARIO);
  self->scenarios_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unit_name = g_strdup ("");
  self->organisation = g_strdup ("");
  self->notes = g_strdup ("");
  self->last_meeting = g_strdup ("");
  self->workshops = g_list_store_new (TM_TYPE_WORKSHOP);
  self->workshops_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->staffing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) tm_staffing_free);
  self->language = g_strdup ("");
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
}

/* Opening */

/* Unit */

TmCountry
tm_portfolio_get_country (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), TM_COUNTRY_DK);
  return self->country;
}

const char *
tm_portfolio_get_unit_name (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->unit_name;
}

const char *
tm_portfolio_get_organisation (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->organisation;
}

TmSetting
tm_portfolio_get_setting (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), TM_SETTING_OTHER);
  return self->setting;
}

const char *
tm_portfolio_get_notes (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->notes;
}

gboolean
tm_portfolio_set_unit (TmPortfolio  *self,
                       const char   *unit_name,
                       const char   *organisation,
                       TmSetting     setting,
                       const char   *notes,
                       GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  return tm_portfolio_set_unit_details (self, unit_name, organisation, setting, notes,
                                        self->language, error);
}

/* Applies @change, the edit's only one, as the undo step @label. */
static gboolean
apply_one (TmPortfolio  *self,
           const char   *label,
           TmChange     *change,
           GError      **error)
{
  GPtrArray *changes = g_ptr_array_new ();

  g_ptr_array_add (changes, change);
  return _tm_portfolio_apply (self, label, changes, error);
}

/* A new id, @prefix and a random UUID, that @by_id does not hold yet. */
static char *
new_id (GHashTable *by_id,
        const char *prefix)
{
  char *id = NULL;

  do
    {
      g_autofree char *uuid = g_uuid_string_random ();

      g_free (id);
      id = g_strconcat (prefix, uuid, NULL);
    }
  while (g_hash_table_contains (by_id, id));

  return id;
}

gboolean
tm_portfolio_set_unit_details (TmPortfolio  *self,
                               const char   *unit_name,
                               const char   *organisation,
                               TmSetting     setting,
                               const char   *notes,
                               const char   *language,
                               GError      **error)
{
  TmChange *change;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (g_strcmp0 (unit_name ? unit_name : "", self->unit_name) == 0 &&
      g_strcmp0 (organisation ? organisation : "", self->organisation) == 0 &&
      g_strcmp0 (notes ? notes : "", self->notes) == 0 &&
      setting == self->setting && g_strcmp0 (language, self->language) == 0)
    return TRUE;

  change = _tm_change_unit_new (self, unit_name, organisation, setting, notes);
  _tm_change_unit_set_language (change, language ? language : "");
  return apply_one (self, _("Edit Unit Details"), change, error);
}

const char *
tm_portfolio_get_language (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->language;
}

gboolean
tm_portfolio_set_language (TmPortfolio  *self,
                           const char   *language,
                           GError      **error)
{
  TmChange *change;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (g_strcmp0 (language, self->language) == 0)
    return TRUE;

  change = _tm_change_unit_new (self, self->unit_name, self->organisation, self->setting, self->notes);
  _tm_change_unit_set_language (change, language ? language : "");
  return apply_one (self, _("Change Language"), change, error);
}

/* Staffing */

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

const TmStaffing *
tm_portfolio_get_staffing (TmPortfolio *self,
                           const char  *unit)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return g_hash_table_lookup (self->staffing, unit ? unit : "");
}

GStrv
tm_portfolio_dup_staffing_units (TmPortfolio *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  keys = g_hash_table_get_keys_as_array (self->staffing, &n);
  qsort (keys, n, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

gboolean
tm_portfolio_set_staffing (TmPortfolio       *self,
                           const TmStaffing  *staffing,
                           const char        *merge_key,
                           GError           **error)
{
  const TmStaffing *current;
  UndoEntry *top;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (staffing != NULL && staffing->unit != NULL, FALSE);

  if (!_tm_store_validate_staffing (self, staffing, TRUE, error))
    return FALSE;

  current = g_hash_table_lookup (self->staffing, staffing->unit);
  if ((current == NULL && tm_staffing_is_empty (staffing)) || tm_staffing_equal (current, staffing))
    return TRUE;

  top = g_queue_peek_head (&self->undo);

  /* Typing in one field of the staffing is one undo step. */
  if (merge_key != NULL && self->merge_open && top != NULL &&
      g_strcmp0 (top->merge_key, merge_key) == 0 && top->changes->len == 1)
    {
      TmChange *change = g_ptr_array_index (top->changes, 0);

      if (change->kind == CHANGE_STAFFING && g_str_equal (change->id, staffing->unit))
        {
          g_autoptr(GPtrArray) step = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);
          TmStaffing *previous = change->staffing.after;

          g_ptr_array_add (step, _tm_change_staffing_new (self, staffing));
          change->staffing.after = tm_staffing_is_empty (staffing) ? NULL : tm_staffing_copy (staffing);
          if (!_tm_store_commit_changes_full (self, step, TRUE, top, HISTORY_RECORD, error))
            {
              tm_staffing_free (change->staffing.after);
              change->staffing.after = previous;
              return FALSE;
            }
          tm_staffing_free (previous);
          return TRUE;
        }
    }

  if (!apply_one (self, _("Edit Staffing"), _tm_change_staffing_new (self, staffing), error))
    return FALSE;

  if (merge_key != NULL)
    {
      top = g_queue_peek_head (&self->undo);
      top->merge_key = g_strdup (merge_key);
      self->merge_open = TRUE;
    }
  return TRUE;
}

gboolean
tm_portfolio_set_profession_staffing (TmPortfolio  *self,
                                      const char   *unit,
                                      const char   *profession_id,
                                      double        fte,
                                      double        hours_per_fte,
                                      const char   *merge_key,
                                      GError      **error)
{
  const TmStaffing *current;
  g_autoptr(TmStaffing) staffing = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (profession_id != NULL, FALSE);

  current = tm_portfolio_get_staffing (self, unit);
  staffing = current ? tm_staffing_copy (current) : tm_staffing_new (unit);
  tm_staffing_set (staffing, profession_id, fte, hours_per_fte);
  return tm_portfolio_set_staffing (self, staffing, merge_key, error);
}

gboolean
tm_portfolio_set_shift_hours (TmPortfolio  *self,
                              const char   *unit,
                              double        hours,
                              const char   *merge_key,
                              GError      **error)
{
  const TmStaffing *current;
  g_autoptr(TmStaffing) staffing = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  current = tm_portfolio_get_staffing (self, unit);
  staffing = current ? tm_staffing_copy (current) : tm_staffing_new (unit);
  staffing->shift_hours = hours;
  return tm_portfolio_set_staffing (self, staffing, merge_key, error);
}

/* Professions */

GListModel *
tm_portfolio_get_professions (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->professions);
}

TmProfession *
tm_portfolio_lookup_profession (TmPortfolio *self,
                                const char  *id)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return id ? g_hash_table_lookup (self->professions_by_id, id) : NULL;
}

TmProfession *
tm_portfolio_add_profession (TmPortfolio  *self,
                             const char   *name,
                             const char   *name_en,
                             gboolean      authorised,
                             gboolean      unskilled,
                             GError      **error)
{
  g_autofree char *id = NULL;
  TmChange *change;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  id = new_id (self->professions_by_id, "custom-");

  change = _tm_change_profession_new (self, id, name, name_en, authorised, unskilled, FALSE);
  if (!apply_one (self, _("Add Profession"), change, error))
    return NULL;

  return g_hash_table_lookup (self->professions_by_id, id);
}

/* Whether @object is the one of this portfolio that @by_id holds under
 * @id (NULL: not one of its kind); if not, @message says so. */
static gboolean
check_member (GHashTable  *by_id,
              const char  *id,
              gpointer     object,
              const char  *message,
              GError     **error)
{
  if (id != NULL && g_hash_table_lookup (by_id, id) == object)
    return TRUE;

  g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

static gboolean
check_task (TmPortfolio  *self,
            TmTask       *task,
            GError      **error)
{
  return check_member (self->tasks_by_uuid, TM_IS_TASK (task) ? tm_task_get_uuid (task) : NULL, task,
                       _("The task is not part of this portfolio."), error);
}

static gboolean
check_profession (TmPortfolio   *self,
                  TmProfession  *profession,
                  GError       **error)
{
  return check_member (self->professions_by_id,
                       TM_IS_PROFESSION (profession) ? tm_profession_get_id (profession) : NULL,
                       profession, _("The profession is not part of this portfolio."), error);
}

static gboolean
check_scenario (TmPortfolio  *self,
                TmScenario   *scenario,
                GError      **error)
{
  return check_member (self->scenarios_by_id,
                       TM_IS_SCENARIO (scenario) ? tm_scenario_get_id (scenario) : NULL,
                       scenario, _("The scenario is not part of this portfolio."), error);
}

static gboolean
check_workshop (TmPortfolio  *self,
                TmWorkshop   *workshop,
                GError      **error)
{
  return check_member (self->workshops_by_id,
                       TM_IS_WORKSHOP (workshop) ? tm_workshop_get_id (workshop) : NULL,
                       workshop, _("The workshop is not part of this portfolio."), error);
}

gboolean
tm_portfolio_update_profession (TmPortfolio   *self,
                                TmProfession  *profession,
                                const char    *name,
                                const char    *name_en,
                                gboolean       authorised,
                                gboolean       unskilled,
                                gboolean       hidden,
                                GError       **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_PROFESSION (profession), FALSE);
  TmChange *change;

  if (!check_profession (self, profession, error))
    return FALSE;

  if (g_strcmp0 (name, tm_profession_get_name (profession)) == 0 &&
      g_strcmp0 (name_en ? name_en : "", tm_profession_get_name_en (profession)) == 0 &&
      !!authorised == tm_profession_get_authorised (profession) &&
      !!unskilled == tm_profession_get_unskilled (profession) &&
      !!hidden == tm_profession_get_hidden (profession))
    return TRUE;

  change = _tm_change_profession_new (self, tm_profession_get_id (profession), name, name_en,
                                      authorised, unskilled, hidden);
  return apply_one (self, _("Edit Profession"), change, error);
}

/* Tasks */

void
tm_portfolio_set_default_performers (TmPortfolio *self,
                                     TmTask      *above,
                                     TmTaskData  *data)
{
  GListModel *tasks;
  guint n;

  g_return_if_fail (TM_IS_PORTFOLIO (self));
  g_return_if_fail (data != NULL);

  tasks = G_LIST_MODEL (self->tasks);
  n = g_list_model_get_n_items (tasks);
  if (above == NULL && n > 0)
    {
      g_autoptr(TmTask) last = g_list_model_get_item (tasks, n - 1);
      const TmTaskData *d = tm_task_peek_data (last);

      if (d->performers->len > 0)
        above = last;
    }

  if (above != NULL && tm_task_peek_data (above)->performers->len > 0)
    {
      const TmTaskData *d = tm_task_peek_data (above);

      for (guint i = 0; i < d->performers->len; i++)
        {
          const TmPerformer *p = &g_array_index (d->performers, TmPerformer, i);

          tm_task_data_set_performer (data, p->profession_id, p->share);
        }
      return;
    }

  /* The unit's most common performer. */
  {
    g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
    const char *best = NULL;
    guint best_n = 0;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
        const TmTaskData *d = tm_task_peek_data (task);

        for (guint j = 0; j < d->performers->len; j++)
          {
            const char *id = g_array_index (d->performers, TmPerformer, j).profession_id;
            guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, id)) + 1;

            /* Borrowed: the task data lives in the portfolio while we count. */
            g_hash_table_insert (counts, (gpointer) id, GUINT_TO_POINTER (c));
            if (c > best_n)
              {
                best_n = c;
                best = id;
              }
          }
      }
    if (best != NULL)
      tm_task_data_set_performer (data, best, 100);
  }
}

GListModel *
tm_portfolio_get_tasks (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->tasks);
}

TmTask *
tm_portfolio_lookup_task (TmPortfolio *self,
                          const char  *uuid)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return uuid ? g_hash_table_lookup (self->tasks_by_uuid, uuid) : NULL;
}

/* g_uuid_string_random() follows g_random, which a caller may have reseeded:
 * never trust a fresh id to be unused. */
static char *
unused_task_uuid (TmPortfolio *self)
{
  char *uuid;

  do
    uuid = g_uuid_string_random ();
  while (g_hash_table_contains (self->tasks_by_uuid, uuid) && (g_free (uuid), TRUE));

  return uuid;
}

static char *
new_task_uuid (TmPortfolio      *self,
               const TmTaskData *data,
               GError          **error)
{
  g_autofree char *lower = NULL;

  if (data->uuid == NULL || *data->uuid == '\0')
    return unused_task_uuid (self);

  if (!g_uuid_string_is_valid (data->uuid))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” is not a valid task id."), data->uuid);
      return NULL;
    }

  lower = g_ascii_strdown (data->uuid, -1);
  if (g_hash_table_contains (self->tasks_by_uuid, lower))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                   _("The portfolio already has a task with the id “%s”."), data->uuid);
      return NULL;
    }

  return g_steal_pointer (&lower);
}

TmTask *
tm_portfolio_add_task (TmPortfolio       *self,
                       const TmTaskData  *data,
                       GError           **error)
{
  g_autofree char *uuid = NULL;
  TmChange *change;
  double position;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (!tm_task_data_validate (data, error) ||
      !(uuid = new_task_uuid (self, data, error)))
    return NULL;

  position = _tm_portfolio_get_last_position (self) + 1;
  change = data->modified > 0 ? _tm_change_task_new (uuid, NULL, -1, data, position)
                              : _tm_store_change_task_edited_new (uuid, NULL, -1, data, position);
  if (!apply_one (self, _("Add Task"), change, error))
    return NULL;

  return g_hash_table_lookup (self->tasks_by_uuid, uuid);
}

/* The changes of tm_portfolio_add_tasks(), built one task at a time (an
 * import of a spreadsheet of a region builds them in steps). */
struct _TmTaskAdder {
  TmPortfolio *self;
  GPtrArray   *changes;   /* of TmChange */
  GHashTable  *seen;      /* the ids given so far: borrowed from @changes */
  double       position;
};

TmTaskAdder *
_tm_task_adder_new (TmPortfolio *self)
{
  TmTaskAdder *adder = g_new0 (TmTaskAdder, 1);

  adder->self = g_object_ref (self);
  adder->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);
  /* Its keys are the changes' own ids: freeing it frees no string (a
   * region's 100,000 of them took some 35 ms on the window's thread). */
  adder->seen = g_hash_table_new (g_str_hash, g_str_equal);
  adder->position = _tm_portfolio_get_last_position (self);
  return adder;
}

void
_tm_task_adder_free (TmTaskAdder *adder)
{
  if (adder == NULL)
    return;
  g_clear_pointer (&adder->changes, g_ptr_array_unref);
  g_clear_pointer (&adder->seen, g_hash_table_unref);
  g_clear_object (&adder->self);
  g_free (adder);
}

gboolean
_tm_task_adder_add (TmTaskAdder       *adder,
                    const TmTaskData  *data,
                    GError           **error)
{
  TmPortfolio *self = adder->self;
  g_autofree char *uuid = NULL;
  TmChange *change;

  if (!tm_task_data_validate (data, error) ||
      !(uuid = new_task_uuid (self, data, error)))
    return FALSE;

  while ((data->uuid == NULL || *data->uuid == '\0') && g_hash_table_contains (adder->seen, uuid))
    {
      g_free (uuid);
      uuid = unused_task_uuid (self);
    }

  if (g_hash_table_contains (adder->seen, uuid))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                   _("The task id “%s” is used twice."), uuid);
      return FALSE;
    }

  adder->position += 1;
  change = data->modified > 0
           ? _tm_change_task_new (uuid, NULL, -1, data, adder->position)
           : _tm_store_change_task_edited_new (uuid, NULL, -1, data, adder->position);
  g_hash_table_add (adder->seen, change->id);
  g_ptr_array_add (adder->changes, change);
  return TRUE;
}

TmEditJob *
_tm_task_adder_begin (TmTaskAdder  *adder,
                      GError      **error)
{
  GPtrArray *changes = g_steal_pointer (&adder->changes);
  TmEditJob *job;

  g_ptr_array_set_free_func (changes, NULL);
  job = _tm_portfolio_apply_begin (adder->self,
                                   changes->len == 1 ? _("Add Task") : _("Add Tasks"),
                                   changes, TRUE, error);
  _tm_task_adder_free (adder);
  return job;
}

gboolean
tm_portfolio_add_tasks (TmPortfolio  *self,
                        GPtrArray    *tasks,
                        GError      **error)
{
  TmTaskAdder *adder;
  TmEditJob *job;
  gboolean done = FALSE;
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (tasks != NULL, FALSE);

  adder = _tm_task_adder_new (self);
  for (guint i = 0; i < tasks->len; i++)
    if (!_tm_task_adder_add (adder, g_ptr_array_index (tasks, i), error))
      {
        _tm_task_adder_free (adder);
        return FALSE;
      }

  job = _tm_task_adder_begin (adder, error);
  if (job == NULL)
    return FALSE;
  ok = tm_edit_job_step (job, G_MAXINT64, &done, error);
  g_assert (!ok || done);
  tm_edit_job_free (job);
  return ok;
}

/* Maps a position from before a renumbering to after it, keeping the order of
 * every position, including those of deleted tasks that undo may bring back. */
static double
remap_position (const double *old_pos,
                guint         n,
                double        p)
{
  guint lo = 0, hi = n;

  if (p < 0 || n == 0)
    return p;

  if (p < old_pos[0])
    return 1.0 - 1.0 / (1.0 + (old_pos[0] - p)) ;
  if (p >= old_pos[n - 1])
    return n + 1.0 - 1.0 / (1.0 + (p - old_pos[n - 1]));

  /* The last index with old_pos[i] <= p */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (old_pos[mid] <= p)
        lo = mid;
      else
        hi = mid;
    }

  if (p == old_pos[lo])
    return lo + 1;
  return lo + 1 + (p - old_pos[lo]) / (old_pos[lo + 1] - old_pos[lo]);
}

static void
remap_queue (GQueue       *queue,
             const double *old_pos,
             guint         n)
{
  for (GList *l = queue->head; l; l = l->next)
    {
      UndoEntry *entry = l->data;

      for (guint i = 0; i < entry->changes->len; i++)
        {
          TmChange *change = g_ptr_array_index (entry->changes, i);

          if (change->kind != CHANGE_TASK)
            continue;
          change->task.before_position = remap_position (old_pos, n, change->task.before_position);
          change->task.after_position = remap_position (old_pos, n, change->task.after_position);
        }
    }
}

/* Renumbers every task 1…n when fractional positions run out of precision
 * (after very many inserts at one place). Rarely needed. */
static gboolean
renumber_positions (TmPortfolio  *self,
                    GError      **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  g_autofree double *old_pos = g_new (double, MAX (n, 1));
  g_autoptr(sqlite3_stmt) stmt = _tm_store_prepare (self, "UPDATE tasks SET position = ?1 WHERE uuid = ?2",
                                          error);

  if (stmt == NULL || !_tm_store_exec_sql (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);

      old_pos[i] = _tm_task_get_position (task);
      sqlite3_reset (stmt);
      sqlite3_bind_double (stmt, 1, i + 1);
      sqlite3_bind_text (stmt, 2, tm_task_get_uuid (task), -1, SQLITE_STATIC);
      if (!_tm_store_step_done (self, stmt, error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  if (!_tm_store_exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);

      _tm_task_set_position (task, i + 1);
    }

  remap_queue (&self->undo, old_pos, n);
  remap_queue (&self->redo, old_pos, n);
  return TRUE;
}

static gboolean
position_after (TmPortfolio  *self,
                TmTask       *task,
                double       *position,
                GError      **error)
{
  guint index;
  double here, next;
  g_autoptr(TmTask) next_task = NULL;

  if (!_tm_store_find_task_index (self, task, &index))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                           _("The task is not part of this portfolio."));
      return FALSE;
    }

  here = _tm_task_get_position (task);
  next_task = g_list_model_get_item (G_LIST_MODEL (self->tasks), index + 1);
  if (next_task == NULL)
    {
      *position = here + 1;
      return TRUE;
    }

  next = _tm_task_get_position (next_task);
  *position = here + (next - here) / 2;
  if (*position > here && *position < next)
    return TRUE;

  if (!renumber_positions (self, error))
    return FALSE;
  *position = _tm_task_get_position (task) + 0.5;
  return TRUE;
}

TmTask *
tm_portfolio_duplicate_task (TmPortfolio  *self,
                             TmTask       *task,
                             GError      **error)
{
  g_autofree char *uuid = NULL;
  double position;
  TmChange *change;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (TM_IS_TASK (task), NULL);

  if (!position_after (self, task, &position, error))
    return NULL;

  uuid = unused_task_uuid (self);

  change = _tm_store_change_task_edited_new (uuid, NULL, -1, tm_task_peek_data (task), position);
  if (!apply_one (self, _("Duplicate Task"), change, error))
    return NULL;

  return g_hash_table_lookup (self->tasks_by_uuid, uuid);
}

gboolean
tm_portfolio_delete_tasks (TmPortfolio  *self,
                           TmTask      **tasks,
                           guint         n_tasks,
                           GError      **error)
{
  GPtrArray *changes;
  g_autofree char *label = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (tasks != NULL || n_tasks == 0, FALSE);

  if (n_tasks == 0)
    return TRUE;

  /* All checked before any change is made: a refusal leaves nothing to free. */
  for (guint i = 0; i < n_tasks; i++)
    if (!check_task (self, tasks[i], error))
      return FALSE;

  changes = g_ptr_array_new ();
  for (guint i = 0; i < n_tasks; i++)
    g_ptr_array_add (changes, _tm_change_task_new (tm_task_get_uuid (tasks[i]),
                                                   tm_task_peek_data (tasks[i]),
                                                   _tm_task_get_position (tasks[i]),
                                                   NULL, -1));

  if (n_tasks == 1)
    /* Translators: %s is a task's title */
    label = g_strdup_printf (_("Delete “%s”"), tm_task_get_title (tasks[0]));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Task", "Delete %u Tasks",
                                          n_tasks), n_tasks);

  return _tm_portfolio_apply (self, label, changes, error);
}

gboolean
tm_portfolio_update_task (TmPortfolio       *self,
                          TmTask            *task,
                          const TmTaskData  *data,
                          const char        *merge_key,
                          GError           **error)
{
  UndoEntry *top;
  double position;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!check_task (self, task, error))
    return FALSE;

  if (!tm_task_data_validate (data, error))
    return FALSE;

  if (_tm_task_data_same_content (data, tm_task_peek_data (task)))
    return TRUE;

  position = _tm_task_get_position (task);
  top = g_queue_peek_head (&self->undo);

  /* Typing in one field of one task is one undo step. */
  if (merge_key != NULL && self->merge_open && top != NULL &&
      g_strcmp0 (top->merge_key, merge_key) == 0 && top->changes->len == 1)
    {
      TmChange *change = g_ptr_array_index (top->changes, 0);

      if (change->kind == CHANGE_TASK && g_str_equal (change->id, tm_task_get_uuid (task)) &&
          change->task.before != NULL && change->task.after != NULL)
        {
          g_autoptr(GPtrArray) step = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);

          TmChange *edit = _tm_store_change_task_edited_new (change->id, tm_task_peek_data (task), position,
                                                   data, position);
          gint64 modified = edit->task.after->modified;

          TmTaskData *previous = change->task.after;

          g_ptr_array_add (step, edit);

          /* The step's history says how the field went from before the
           * first keystroke to now, so it is recorded again with the step. */
          change->task.after = tm_task_data_copy (data);
          change->task.after->modified = modified;
          g_clear_pointer (&change->task.after->uuid, g_free);
          if (!_tm_store_commit_changes_full (self, step, TRUE, top, HISTORY_RECORD, error))
            {
              tm_task_data_free (change->task.after);
              change->task.after = previous;
              return FALSE;
            }

          tm_task_data_free (previous);
          return TRUE;
        }
    }

  if (!apply_one (self, _("Edit Task"),
                  _tm_store_change_task_edited_new (tm_task_get_uuid (task), tm_task_peek_data (task),
                                                    position, data, position),
                  error))
    return FALSE;

  if (merge_key != NULL)
    {
      top = g_queue_peek_head (&self->undo);
      top->merge_key = g_strdup (merge_key);
      self->merge_open = TRUE;
    }

  return TRUE;
}

/* The changes that make @data the new state of @tasks, those that change
 * nothing left out; NULL when one is refused. */
static GPtrArray *
update_changes (TmPortfolio  *self,
                TmTask      **tasks,
                TmTaskData  **data,
                guint         n_tasks,
                GError      **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GPtrArray *changes;

  for (guint i = 0; i < n_tasks; i++)
    {
      if (!check_task (self, tasks[i], error))
        return NULL;
      if (!g_hash_table_add (seen, tasks[i]))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                       _("The task id “%s” is used twice."), tm_task_get_uuid (tasks[i]));
          return NULL;
        }
      if (!tm_task_data_validate (data[i], error))
        {
          /* Translators: "TASK: message" */
          g_prefix_error (error, _("“%s”: "), tm_task_get_title (tasks[i]));
          return NULL;
        }
    }

  changes = g_ptr_array_new ();
  for (guint i = 0; i < n_tasks; i++)
    _tm_portfolio_add_task_edit (self, changes, tasks[i], data[i], NULL);
  return changes;
}

gboolean
_tm_portfolio_add_task_edit (TmPortfolio       *self,
                             GPtrArray         *changes,
                             TmTask            *task,
                             const TmTaskData  *data,
                             GError           **error)
{
  double position;

  if (!check_task (self, task, error))
    return FALSE;
  if (_tm_task_data_same_content (data, tm_task_peek_data (task)))
    return TRUE;
  position = _tm_task_get_position (task);
  g_ptr_array_add (changes, _tm_store_change_task_edited_new (tm_task_get_uuid (task), tm_task_peek_data (task),
                                                              position, data, position));
  return TRUE;
}

gboolean
tm_portfolio_update_tasks (TmPortfolio       *self,
                           TmTask           **tasks,
                           TmTaskData       **data,
                           guint              n_tasks,
                           const char        *label,
                           GError           **error)
{
  return tm_edit_job_run (tm_portfolio_update_tasks_begin (self, tasks, data, n_tasks, label, error), error);
}

TmEditJob *
tm_portfolio_update_tasks_begin (TmPortfolio  *self,
                                 TmTask      **tasks,
                                 TmTaskData  **data,
                                 guint         n_tasks,
                                 const char   *label,
                                 GError      **error)
{
  GPtrArray *changes;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (n_tasks == 0 || (tasks != NULL && data != NULL), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  changes = update_changes (self, tasks, data, n_tasks, error);
  if (changes == NULL)
    return NULL;
  return _tm_portfolio_apply_begin (self, label, changes, TRUE, error);
}

/* The distinct non-empty groups and units of the tasks, in order of first
 * appearance. The values seen are copies: a count in steps may outlive a
 * task's data. */
typedef struct {
  GHashTable   *seen;
  GStrvBuilder *builder;
  const char   *last;     /* the value seen last (in seen), to skip a lookup */
} Distinct;

struct _TmGroupsCount {
  TmTaskWalk walk;
  Distinct   groups;
  Distinct   units;
};

static void
distinct_init (Distinct *d)
{
  d->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->builder = g_strv_builder_new ();
  d->last = NULL;
}

static void
distinct_clear (Distinct *d)
{
  g_clear_pointer (&d->seen, g_hash_table_unref);
  g_clear_pointer (&d->builder, g_strv_builder_unref);
}

static void
distinct_add (Distinct   *d,
              const char *value)
{
  char *copy;

  if (value == NULL || *value == '\0' || (d->last != NULL && strcmp (d->last, value) == 0))
    return;
  d->last = g_hash_table_lookup (d->seen, value);
  if (d->last != NULL)
    return;
  g_hash_table_add (d->seen, copy = g_strdup (value));
  g_strv_builder_add (d->builder, copy);
  d->last = copy;
}

static void
count_groups_of (TmTask   *task,
                 gpointer  user_data)
{
  TmGroupsCount *count = user_data;
  const TmTaskData *data = tm_task_peek_data (task);

  distinct_add (&count->groups, data->group);
  distinct_add (&count->units, data->unit);
}

TmGroupsCount *
tm_portfolio_count_groups (TmPortfolio *self)
{
  TmGroupsCount *count;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  count = g_new0 (TmGroupsCount, 1);
  _tm_task_walk_init (&count->walk, G_LIST_MODEL (self->tasks));
  distinct_init (&count->groups);
  distinct_init (&count->units);
  return count;
}

gboolean
tm_groups_count_step (TmGroupsCount *count,
                      gint64         deadline)
{
  g_return_val_if_fail (count != NULL, TRUE);

  return _tm_task_walk_step (&count->walk, deadline, count_groups_of, count);
}

void
tm_groups_count_finish (TmGroupsCount  *count,
                        GStrv          *groups,
                        GStrv          *units)
{
  g_return_if_fail (count != NULL);

  tm_groups_count_step (count, G_MAXINT64);
  if (groups != NULL)
    *groups = g_strv_builder_end (count->groups.builder);
  if (units != NULL)
    *units = g_strv_builder_end (count->units.builder);
  tm_groups_count_free (count);
}

void
tm_groups_count_free (TmGroupsCount *count)
{
  if (count == NULL)
    return;

  _tm_task_walk_clear (&count->walk);
  distinct_clear (&count->groups);
  distinct_clear (&count->units);
  g_free (count);
}

GStrv
tm_portfolio_dup_units (TmPortfolio *self)
{
  GStrv units = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  tm_groups_count_finish (tm_portfolio_count_groups (self), NULL, &units);
  return units;
}

GStrv
tm_portfolio_dup_groups (TmPortfolio *self)
{
  GStrv groups = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  tm_groups_count_finish (tm_portfolio_count_groups (self), &groups, NULL);
  return groups;
}

/* Scenarios */

GListModel *
tm_portfolio_get_scenarios (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->scenarios);
}

TmScenario *
tm_portfolio_lookup_scenario (TmPortfolio *self,
                              const char  *id)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return id ? g_hash_table_lookup (self->scenarios_by_id, id) : NULL;
}

TmScenario *
tm_portfolio_add_scenario (TmPortfolio  *self,
                           const char   *name,
                           GError      **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  id = new_id (self->scenarios_by_id, "scenario-");
  if (!apply_one (self, _("Add Scenario"), _tm_change_scenario_new (self, id, name), error))
    return NULL;
  return g_hash_table_lookup (self->scenarios_by_id, id);
}

gboolean
tm_portfolio_rename_scenario (TmPortfolio  *self,
                              TmScenario   *scenario,
                              const char   *name,
                              GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (!check_scenario (self, scenario, error))
    return FALSE;
  if (g_strcmp0 (name, tm_scenario_get_name (scenario)) == 0)
    return TRUE;

  return apply_one (self, _("Rename Scenario"), _tm_change_scenario_new (self, tm_scenario_get_id (scenario), name), error);
}

TmScenario *
tm_portfolio_copy_scenario (TmPortfolio  *self,
                            TmScenario   *scenario,
                            const char   *name,
                            GError      **error)
{
  g_autofree char *id = NULL;
  GPtrArray *changes;
  guint n;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  if (!check_scenario (self, scenario, error))
    return NULL;

  id = new_id (self->scenarios_by_id, "scenario-");
  changes = g_ptr_array_new ();
  g_ptr_array_add (changes, _tm_change_scenario_new (self, id, name));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      const TmTaskData *data = tm_task_peek_data (task);
      const TmMove *move = tm_task_data_get_move (data, tm_scenario_get_id (scenario));
      g_autoptr(TmTaskData) after = NULL;

      if (move == NULL)
        continue;

      after = tm_task_data_copy (data);
      tm_task_data_set_move (after, id, move);
      if (tm_task_data_get_review (data, tm_scenario_get_id (scenario)) != NULL)
        {
          TmMoveReview review;

          /* The assessment comes along; the new scenario's moves start as proposed. */
          tm_move_review_copy_into (&review, tm_task_data_get_review (data, tm_scenario_get_id (scenario)));
          g_free (review.scenario_id);
          review.scenario_id = g_strdup (id);
          g_array_set_size (review.status_log, 0);
          tm_task_data_set_review (after, &review);
          tm_move_review_clear (&review);
        }
      g_ptr_array_add (changes, _tm_change_task_new (tm_task_get_uuid (task), data,
                                                     _tm_task_get_position (task), after,
                                                     _tm_task_get_position (task)));
    }

  if (!_tm_portfolio_apply (self, _("Copy Scenario"), changes, error))
    return NULL;
  return g_hash_table_lookup (self->scenarios_by_id, id);
}

gboolean
tm_portfolio_delete_scenario (TmPortfolio  *self,
                              TmScenario   *scenario,
                              GError      **error)
{
  const char *id;
  GPtrArray *changes;
  guint n;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (!check_scenario (self, scenario, error))
    return FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)) <= 1)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A portfolio needs at least one scenario."));
      return FALSE;
    }

  id = tm_scenario_get_id (scenario);
  changes = g_ptr_array_new ();

  /* The moves go first, so undo brings the scenario back before its moves. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tasks));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), i);
      const TmTaskData *data = tm_task_peek_data (task);
      g_autoptr(TmTaskData) after = NULL;

      if (tm_task_data_get_move (data, id) == NULL && tm_task_data_get_review (data, id) == NULL)
        continue;

      after = tm_task_data_copy (data);
      tm_task_data_set_move (after, id, NULL);
      for (guint j = 0; j < after->reviews->len; j++)
        if (g_strcmp0 (g_array_index (after->reviews, TmMoveReview, j).scenario_id, id) == 0)
          {
            g_array_remove_index (after->reviews, j);
            break;
          }
      g_ptr_array_add (changes, _tm_change_task_new (tm_task_get_uuid (task), data,
                                                     _tm_task_get_position (task), after,
                                                     _tm_task_get_position (task)));
    }

  g_ptr_array_add (changes, _tm_store_change_scenario_new (self, id, NULL, TRUE));
  return _tm_portfolio_apply (self, _("Delete Scenario"), changes, error);
}

const char *
tm_portfolio_get_user_name (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  if (self->user_name == NULL)
    {
      const char *real = g_get_real_name ();

      self->user_name = g_strdup (real && *real && !g_str_equal (real, "Unknown")
                                  ? real : g_get_user_name ());
    }
  return self->user_name;
}

void
tm_portfolio_set_user_name (TmPortfolio *self,
                            const char  *name)
{
  g_return_if_fail (TM_IS_PORTFOLIO (self));

  g_free (self->user_name);
  self->user_name = name && *name ? g_strdup (name) : NULL;
}

gboolean
tm_portfolio_set_review (TmPortfolio         *self,
                         TmTask              *task,
                         const TmMoveReview  *review,
                         const char          *merge_key,
                         GError             **error)
{
  g_autoptr(TmTaskData) data = NULL;
  const TmMoveReview *current;
  TmMoveReview copy;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);
  g_return_val_if_fail (review != NULL && review->scenario_id != NULL, FALSE);

  if (tm_portfolio_lookup_scenario (self, review->scenario_id) == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                   _("The portfolio has no scenario with the id “%s”."), review->scenario_id);
      return FALSE;
    }

  data = tm_task_dup_data (task);
  current = tm_task_data_get_review (data, review->scenario_id);

  /* The status history changes only through tm_portfolio_set_move_status(). */
  tm_move_review_copy_into (&copy, review);
  g_array_set_size (copy.status_log, 0);
  if (current != NULL)
    {
      for (guint i = 0; i < current->status_log->len; i++)
        {
          const TmStatusChange *c = &g_array_index (current->status_log, TmStatusChange, i);
          TmStatusChange keep = { c->status, c->when, g_strdup (c->who), g_strdup (c->note), c->n_open };

          g_array_append_val (copy.status_log, keep);
        }
    }
  tm_task_data_set_review (data, &copy);
  tm_move_review_clear (&copy);
  return tm_portfolio_update_task (self, task, data, merge_key, error);
}

gboolean
tm_portfolio_set_move_status (TmPortfolio   *self,
                              TmTask        *task,
                              const char    *scenario_id,
                              TmMoveStatus   status,
                              const char    *note,
                              gboolean       confirmed,
                              GError       **error)
{
  g_autoptr(TmTaskData) data = NULL;
  const TmMoveReview *current;
  TmMoveReview review;
  TmMoveStatus from;
  TmStatusChange change = { 0 };
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);
  g_return_val_if_fail (scenario_id != NULL, FALSE);
  g_return_val_if_fail (status < TM_N_STATUSES, FALSE);

  data = tm_task_dup_data (task);
  if (tm_task_data_get_move (data, scenario_id) == NULL)
    {
      /* Translators: %s is a task's title */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” has no move in this scenario, so it has no status."),
                   tm_task_get_title (task));
      return FALSE;
    }

  current = tm_task_data_get_review (data, scenario_id);
  if (current != NULL)
    tm_move_review_copy_into (&review, current);
  else
    tm_move_review_init (&review, scenario_id);

  from = tm_move_review_get_status (&review);
  if (!tm_move_status_can_change (from, status, tm_move_review_get_reached (&review)))
    {
      TmCountry country = tm_portfolio_get_country (self);

      /* Translators: the first %s is a move's status, the second another status */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("A move cannot go from “%s” to “%s”."),
                   tm_move_status_get_label (from, country), tm_move_status_get_label (status, country));
      tm_move_review_clear (&review);
      return FALSE;
    }

  change.n_open = tm_move_review_count_open (&review);
  if (status == TM_STATUS_APPROVED && change.n_open > 0 && !confirmed)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NEEDS_CONFIRMATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u item of the checklist has not yet been considered.",
                                "%u items of the checklist have not yet been considered.",
                                change.n_open),
                   change.n_open);
      tm_move_review_clear (&review);
      return FALSE;
    }
  if (status != TM_STATUS_APPROVED)
    change.n_open = 0;

  change.status = status;
  change.when = _tm_now ();
  change.who = g_strdup (tm_portfolio_get_user_name (self));
  change.note = note && *note ? g_strdup (note) : NULL;
  g_array_append_val (review.status_log, change);

  tm_task_data_set_review (data, &review);
  tm_move_review_clear (&review);
  ok = tm_portfolio_update_task (self, task, data, NULL, error);
  return ok;
}

GListModel *
tm_portfolio_get_workshops (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return G_LIST_MODEL (self->workshops);
}

TmWorkshop *
tm_portfolio_lookup_workshop (TmPortfolio *self,
                              const char  *id)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return id ? g_hash_table_lookup (self->workshops_by_id, id) : NULL;
}

TmWorkshop *
tm_portfolio_add_workshop (TmPortfolio           *self,
                           const TmWorkshopData  *data,
                           GError               **error)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (!tm_workshop_data_validate (data, error))
    return NULL;

  if (data->id != NULL && *data->id != '\0')
    {
      if (g_hash_table_contains (self->workshops_by_id, data->id))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_EXISTS,
                       _("The portfolio already has a workshop with the id “%s”."), data->id);
          return NULL;
        }
      id = g_strdup (data->id);
    }
  else
    {
      id = new_id (self->workshops_by_id, "workshop-");
    }

  if (!apply_one (self, _("Add Workshop"), _tm_change_workshop_new (self, id, data), error))
    return NULL;
  return g_hash_table_lookup (self->workshops_by_id, id);
}

gboolean
tm_portfolio_update_workshop (TmPortfolio           *self,
                              TmWorkshop            *workshop,
                              const TmWorkshopData  *data,
                              const char            *merge_key,
                              GError               **error)
{
  UndoEntry *top;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!check_workshop (self, workshop, error) || !tm_workshop_data_validate (data, error))
    return FALSE;
  if (tm_workshop_data_equal (data, tm_workshop_peek_data (workshop)))
    return TRUE;

  /* Typing in one field of a workshop is one undo step. */
  top = g_queue_peek_head (&self->undo);
  if (merge_key != NULL && self->merge_open && top != NULL &&
      g_strcmp0 (top->merge_key, merge_key) == 0 && top->changes->len == 1)
    {
      TmChange *change = g_ptr_array_index (top->changes, 0);

      if (change->kind == CHANGE_WORKSHOP && g_str_equal (change->id, tm_workshop_get_id (workshop)) &&
          change->workshop.before != NULL && change->workshop.after != NULL)
        {
          g_autoptr(GPtrArray) step = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);
          TmWorkshopData *previous = change->workshop.after;

          g_ptr_array_add (step, _tm_change_workshop_new (self, change->id, data));
          change->workshop.after = tm_workshop_data_copy (data);
          g_free (change->workshop.after->id);
          change->workshop.after->id = g_strdup (change->id);
          if (!_tm_store_commit_changes_full (self, step, TRUE, top, HISTORY_RECORD, error))
            {
              tm_workshop_data_free (change->workshop.after);
              change->workshop.after = previous;
              return FALSE;
            }
          tm_workshop_data_free (previous);
          return TRUE;
        }
    }

  if (!apply_one (self, _("Edit Workshop"), _tm_change_workshop_new (self, tm_workshop_get_id (workshop), data), error))
    return FALSE;

  if (merge_key != NULL)
    {
      top = g_queue_peek_head (&self->undo);
      top->merge_key = g_strdup (merge_key);
      self->merge_open = TRUE;
    }
  return TRUE;
}

gboolean
tm_portfolio_delete_workshop (TmPortfolio  *self,
                              TmWorkshop   *workshop,
                              GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (!check_workshop (self, workshop, error))
    return FALSE;

  return apply_one (self, _("Delete Workshop"), _tm_change_workshop_new (self, tm_workshop_get_id (workshop), NULL), error);
}

const char *
tm_portfolio_get_last_committee_meeting (TmPortfolio *self)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  return self->last_meeting ? self->last_meeting : "";
}

gboolean
tm_portfolio_set_last_committee_meeting (TmPortfolio  *self,
                                         const char   *date,
                                         GError      **error)
{
  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);

  if (g_strcmp0 (date ? date : "", tm_portfolio_get_last_committee_meeting (self)) == 0)
    return TRUE;

  return apply_one (self, _("Set Committee Meeting"), _tm_change_committee_new (self, date), error);
}

gboolean
tm_portfolio_set_assessment (TmPortfolio         *self,
                             TmTask              *task,
                             const TmAssessment  *assessment,
                             const char          *merge_key,
                             GError             **error)
{
  g_autoptr(TmTaskData) data = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);
  g_return_val_if_fail (assessment != NULL, FALSE);

  if (tm_portfolio_lookup_profession (self, assessment->profession_id) == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                   _("The portfolio has no profession with the id “%s”."),
                   assessment->profession_id);
      return FALSE;
    }

  data = tm_task_dup_data (task);
  tm_task_data_set_assessment (data, assessment);
  return tm_portfolio_update_task (self, task, data, merge_key, error);
}

gboolean
tm_portfolio_set_move (TmPortfolio   *self,
                       TmTask        *task,
                       const char    *scenario_id,
                       const TmMove  *move,
                       GError       **error)
{
  g_autoptr(TmTaskData) data = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), FALSE);
  g_return_val_if_fail (TM_IS_TASK (task), FALSE);

  if (tm_portfolio_lookup_scenario (self, scenario_id) == NULL)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                   _("The portfolio has no scenario with the id “%s”."), scenario_id);
      return FALSE;
    }

  data = tm_task_dup_data (task);
  tm_task_data_set_move (data, scenario_id, move);
  return tm_portfolio_update_task (self, task, data, NULL, error);
}
