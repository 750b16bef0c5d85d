/* tm-workshop.c
 * Workshops, and the entries of the history of changes as data (their
 * wording is in store/tm-history.c).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-workshop"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "model/tm-workshop.h"
#include "model/tm-workshop-private.h"
#include "store/tm-store-error.h"
#include "model/tm-task-private.h"
#include "model/tm-language.h"

/* As for a task's texts. */
#define MAX_TITLE_CHARS 1000

static void
participants_clear (TmParticipants *p)
{
  g_clear_pointer (&p->profession_id, g_free);
}

static void
move_ref_clear (TmMoveRef *ref)
{
  g_clear_pointer (&ref->task_uuid, g_free);
  g_clear_pointer (&ref->scenario_id, g_free);
}

TmWorkshopData *
tm_workshop_data_new (void)
{
  TmWorkshopData *data = g_new0 (TmWorkshopData, 1);

  data->date = g_strdup ("");
  data->title = g_strdup ("");
  data->facilitator = g_strdup ("");
  data->names = g_strdup ("");
  data->decisions = g_strdup ("");
  data->participants = g_array_new (FALSE, TRUE, sizeof (TmParticipants));
  g_array_set_clear_func (data->participants, (GDestroyNotify) participants_clear);
  data->moves = g_array_new (FALSE, TRUE, sizeof (TmMoveRef));
  g_array_set_clear_func (data->moves, (GDestroyNotify) move_ref_clear);
  return data;
}

TmWorkshopData *
tm_workshop_data_copy (const TmWorkshopData *data)
{
  TmWorkshopData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = tm_workshop_data_new ();
  copy->id = g_strdup (data->id);
  g_free (copy->date);
  copy->date = g_strdup (data->date ? data->date : "");
  g_free (copy->title);
  copy->title = g_strdup (data->title ? data->title : "");
  g_free (copy->facilitator);
  copy->facilitator = g_strdup (data->facilitator ? data->facilitator : "");
  g_free (copy->names);
  copy->names = g_strdup (data->names ? data->names : "");
  g_free (copy->decisions);
  copy->decisions = g_strdup (data->decisions ? data->decisions : "");
  for (guint i = 0; data->participants && i < data->participants->len; i++)
    {
      const TmParticipants *p = &g_array_index (data->participants, TmParticipants, i);
      TmParticipants c = { g_strdup (p->profession_id), p->count };

      g_array_append_val (copy->participants, c);
    }
  for (guint i = 0; data->moves && i < data->moves->len; i++)
    {
      const TmMoveRef *m = &g_array_index (data->moves, TmMoveRef, i);
      TmMoveRef c = { g_strdup (m->task_uuid), g_strdup (m->scenario_id) };

      g_array_append_val (copy->moves, c);
    }
  return copy;
}

void
tm_workshop_data_free (TmWorkshopData *data)
{
  if (data == NULL)
    return;
  g_free (data->id);
  g_free (data->date);
  g_free (data->title);
  g_free (data->facilitator);
  g_free (data->names);
  g_free (data->decisions);
  g_clear_pointer (&data->participants, g_array_unref);
  g_clear_pointer (&data->moves, g_array_unref);
  g_free (data);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a ? a : "", b ? b : "") == 0;
}

gboolean
tm_workshop_data_equal (const TmWorkshopData *a,
                        const TmWorkshopData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (!same_text (a->date, b->date) || !same_text (a->title, b->title) ||
      !same_text (a->facilitator, b->facilitator) || !same_text (a->names, b->names) ||
      !same_text (a->decisions, b->decisions) ||
      a->participants->len != b->participants->len || a->moves->len != b->moves->len)
    return FALSE;

  for (guint i = 0; i < a->participants->len; i++)
    {
      const TmParticipants *x = &g_array_index (a->participants, TmParticipants, i);
      const TmParticipants *y = &g_array_index (b->participants, TmParticipants, i);

      if (g_strcmp0 (x->profession_id, y->profession_id) != 0 || x->count != y->count)
        return FALSE;
    }
  for (guint i = 0; i < a->moves->len; i++)
    {
      const TmMoveRef *x = &g_array_index (a->moves, TmMoveRef, i);
      const TmMoveRef *y = &g_array_index (b->moves, TmMoveRef, i);

      if (g_strcmp0 (x->task_uuid, y->task_uuid) != 0 ||
          g_strcmp0 (x->scenario_id, y->scenario_id) != 0)
        return FALSE;
    }
  return TRUE;
}

guint
tm_workshop_data_count_participants (const TmWorkshopData *data)
{
  guint n = 0;

  g_return_val_if_fail (data != NULL, 0);

  for (guint i = 0; i < data->participants->len; i++)
    n += g_array_index (data->participants, TmParticipants, i).count;
  return n;
}

void
tm_workshop_data_set_participants (TmWorkshopData *data,
                                   const char     *profession_id,
                                   guint           count)
{
  g_return_if_fail (data != NULL && profession_id != NULL);

  for (guint i = 0; i < data->participants->len; i++)
    {
      TmParticipants *p = &g_array_index (data->participants, TmParticipants, i);

      if (g_str_equal (p->profession_id, profession_id))
        {
          if (count == 0)
            g_array_remove_index (data->participants, i);
          else
            p->count = count;
          return;
        }
    }

  if (count > 0)
    {
      TmParticipants p = { g_strdup (profession_id), count };

      g_array_append_val (data->participants, p);
    }
}

void
tm_workshop_data_link_move (TmWorkshopData *data,
                            const char     *task_uuid,
                            const char     *scenario_id,
                            gboolean        linked)
{
  g_return_if_fail (data != NULL && task_uuid != NULL && scenario_id != NULL);

  for (guint i = 0; i < data->moves->len; i++)
    {
      const TmMoveRef *m = &g_array_index (data->moves, TmMoveRef, i);

      if (g_str_equal (m->task_uuid, task_uuid) && g_str_equal (m->scenario_id, scenario_id))
        {
          if (!linked)
            g_array_remove_index (data->moves, i);
          return;
        }
    }

  if (linked)
    {
      TmMoveRef m = { g_strdup (task_uuid), g_strdup (scenario_id) };

      g_array_append_val (data->moves, m);
    }
}

gboolean
tm_workshop_data_has_move (const TmWorkshopData *data,
                           const char           *task_uuid,
                           const char           *scenario_id)
{
  g_return_val_if_fail (data != NULL, FALSE);

  for (guint i = 0; i < data->moves->len; i++)
    {
      const TmMoveRef *m = &g_array_index (data->moves, TmMoveRef, i);

      if (g_strcmp0 (m->task_uuid, task_uuid) == 0 && g_strcmp0 (m->scenario_id, scenario_id) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
_tm_date_is_valid (const char *date)
{
  int y, m, d;
  char end;

  if (date == NULL || strlen (date) != 10 ||
      sscanf (date, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 ||
      date[4] != '-' || date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  return y >= 1900 && y <= 9999 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

gboolean
tm_workshop_data_validate (const TmWorkshopData  *data,
                           GError               **error)
{
  g_return_val_if_fail (data != NULL, FALSE);

  if (!_tm_date_is_valid (data->date))
    {
      /* Translators: %s is what was given as a date */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” is not a date. Write it as year-month-day, for example 2026-03-14."),
                   data->date ? data->date : "");
      return FALSE;
    }

  if (!_tm_text_check (data->title, N_("workshop's title"), error) ||
      !_tm_text_check (data->facilitator, N_("facilitator"), error) ||
      !_tm_text_check (data->names, N_("participants' names"), error) ||
      !_tm_text_check (data->decisions, N_("decisions"), error))
    return FALSE;

  if (data->title && g_utf8_strlen (data->title, -1) > MAX_TITLE_CHARS)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The workshop's title is too long."));
      return FALSE;
    }

  for (guint i = 0; i < data->participants->len; i++)
    if (g_array_index (data->participants, TmParticipants, i).count > 100000)
      {
        g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                             _("A workshop cannot have that many participants."));
        return FALSE;
      }

  return TRUE;
}

/* The workshop object */

struct _TmWorkshop
{
  GObject parent_instance;

  TmWorkshopData *data;
  gint64          position;
};

G_DEFINE_FINAL_TYPE (TmWorkshop, tm_workshop, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DATE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tm_workshop_finalize (GObject *object)
{
  TmWorkshop *self = (TmWorkshop *) object;

  g_clear_pointer (&self->data, tm_workshop_data_free);

  G_OBJECT_CLASS (tm_workshop_parent_class)->finalize (object);
}

static void
tm_workshop_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TmWorkshop *self = TM_WORKSHOP (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->data->id); break;
    case PROP_DATE: g_value_set_string (value, self->data->date); break;
    case PROP_TITLE: g_value_set_string (value, self->data->title); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_workshop_class_init (TmWorkshopClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tm_workshop_finalize;
  object_class->get_property = tm_workshop_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tm_workshop_init (TmWorkshop *self)
{
}

TmWorkshop *
_tm_workshop_new (const TmWorkshopData *data)
{
  TmWorkshop *self = g_object_new (TM_TYPE_WORKSHOP, NULL);

  self->data = tm_workshop_data_copy (data);
  return self;
}

void
_tm_workshop_set_data (TmWorkshop           *self,
                       const TmWorkshopData *data)
{
  TmWorkshopData *old = self->data;

  self->data = tm_workshop_data_copy (data);
  g_free (self->data->id);
  self->data->id = g_strdup (old->id);

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (old->date, self->data->date) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  if (g_strcmp0 (old->title, self->data->title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_thaw_notify (G_OBJECT (self));
  tm_workshop_data_free (old);
}

gint64
_tm_workshop_get_position (TmWorkshop *self)
{
  return self->position;
}

void
_tm_workshop_set_position (TmWorkshop *self,
                           gint64      position)
{
  self->position = position;
}

const char *
tm_workshop_get_id (TmWorkshop *self)
{
  g_return_val_if_fail (TM_IS_WORKSHOP (self), NULL);
  return self->data->id;
}

const char *
tm_workshop_get_date (TmWorkshop *self)
{
  g_return_val_if_fail (TM_IS_WORKSHOP (self), NULL);
  return self->data->date;
}

const char *
tm_workshop_get_title (TmWorkshop *self)
{
  g_return_val_if_fail (TM_IS_WORKSHOP (self), NULL);
  return self->data->title;
}

const TmWorkshopData *
tm_workshop_peek_data (TmWorkshop *self)
{
  g_return_val_if_fail (TM_IS_WORKSHOP (self), NULL);
  return self->data;
}

/* History entries */

void
tm_history_entry_free (TmHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->who);
  g_free (entry->task_uuid);
  g_free (entry->task_title);
  g_free (entry->scenario_id);
  g_free (entry->profession_id);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}
