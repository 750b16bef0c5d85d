/* tm-workshop.c
 * Workshops, and the entries of the history of changes.
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
#include "store/tm-portfolio.h"
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

static const char *
profession_name (TmPortfolio *portfolio,
                 const char  *id)
{
  TmProfession *p = portfolio && id ? tm_portfolio_lookup_profession (portfolio, id) : NULL;

  return p ? tm_profession_get_display_name (p) : (id ? id : "");
}

static const char *
scenario_name (TmPortfolio *portfolio,
               const char  *id)
{
  TmScenario *s = portfolio && id ? tm_portfolio_lookup_scenario (portfolio, id) : NULL;

  return s ? tm_scenario_get_name (s) : (id ? id : "");
}

char *
tm_history_entry_describe_field (const TmHistoryEntry *entry,
                                 TmPortfolio          *portfolio)
{
  const char *f;

  g_return_val_if_fail (entry != NULL && entry->field != NULL, NULL);

  f = entry->field;

  if (g_str_equal (f, "task"))
    return g_strdup (_("The task"));
  if (g_str_equal (f, "title"))
    return g_strdup (_("Title"));
  if (g_str_equal (f, "description"))
    return g_strdup (_("Description"));
  if (g_str_equal (f, "group"))
    return g_strdup (_("Group"));
  if (g_str_equal (f, "level"))
    return g_strdup (_("Competence level"));
  if (g_str_equal (f, "complexity"))
    return g_strdup (_("Patient complexity"));
  if (g_str_equal (f, "time"))
    return g_strdup (_("Time"));
  if (g_str_equal (f, "shifts"))
    return g_strdup (_("Shifts"));
  if (g_str_equal (f, "performed-by"))
    return g_strdup (_("Performed by"));
  if (g_str_equal (f, "notes"))
    return g_strdup (_("Notes"));
  if (g_str_equal (f, "unit"))
    return g_strdup (_("Unit"));
  if (g_str_equal (f, "workshop"))
    return g_strdup (_("Workshop"));
  if (g_str_equal (f, "workshop.date"))
    return g_strdup (_("Date of the workshop"));
  if (g_str_equal (f, "workshop.title"))
    return g_strdup (_("Title of the workshop"));
  if (g_str_equal (f, "workshop.facilitator"))
    return g_strdup (_("Facilitator"));
  if (g_str_equal (f, "workshop.names"))
    return g_strdup (_("Participants' names"));
  if (g_str_equal (f, "workshop.decisions"))
    return g_strdup (_("Decisions"));
  if (g_str_equal (f, "workshop.participants"))
    return g_strdup (_("Participants"));
  if (g_str_equal (f, "workshop.moves"))
    return g_strdup (_("Moves decided"));
  if (g_str_equal (f, "committee-meeting"))
    return g_strdup (_("Last committee meeting"));
  if (g_str_equal (f, "staffing.fte"))
    /* Translators: %s is a profession; FTE is årsværk (da) / årsverk (nb) */
    return g_strdup_printf (_("Staffing of %s (FTE)"), profession_name (portfolio, entry->profession_id));
  if (g_str_equal (f, "staffing.hours-per-fte"))
    /* Translators: %s is a profession */
    return g_strdup_printf (_("Weekly hours of one FTE of %s"), profession_name (portfolio, entry->profession_id));
  if (g_str_equal (f, "staffing.shift-hours"))
    return g_strdup (_("Length of a shift"));
  if (g_str_has_prefix (f, "assessment") && !g_str_equal (f, "assessment.suitability"))
    /* Translators: %s is a profession */
    return g_strdup_printf (_("Assessment for %s"), profession_name (portfolio, entry->profession_id));
  if (g_str_equal (f, "move"))
    /* Translators: %s is a scenario's name */
    return g_strdup_printf (_("Move in “%s”"), scenario_name (portfolio, entry->scenario_id));
  if (g_str_equal (f, "review.status"))
    /* Translators: %s is a scenario's name */
    return g_strdup_printf (_("Status of the move in “%s”"), scenario_name (portfolio, entry->scenario_id));
  if (g_str_has_prefix (f, "review.check."))
    {
      TmCheckItem item;

      if (tm_check_item_from_id (f + strlen ("review.check."), &item))
        /* Translators: %s is an item of the checklist */
        return g_strdup_printf (_("Checklist: %s"), tm_check_item_get_label (item));
    }
  if (g_str_has_prefix (f, "review.quality."))
    {
      TmQualityComponent component;

      if (tm_quality_component_from_id (f + strlen ("review.quality."), &component))
        /* Translators: %s is a quality component such as "Minimal risk to patients" */
        return g_strdup_printf (_("Quality: %s"), tm_quality_component_get_label (component));
    }
  if (g_str_has_prefix (f, "review.check-note."))
    {
      TmCheckItem item;

      if (tm_check_item_from_id (f + strlen ("review.check-note."), &item))
        /* Translators: %s is an item of the checklist */
        return g_strdup_printf (_("Note on the checklist: %s"), tm_check_item_get_label (item));
    }
  if (g_str_has_prefix (f, "review.quality-note."))
    {
      TmQualityComponent component;

      if (tm_quality_component_from_id (f + strlen ("review.quality-note."), &component))
        /* Translators: %s is a quality component such as "Minimal risk to patients" */
        return g_strdup_printf (_("Note on quality: %s"), tm_quality_component_get_label (component));
    }
  if (g_str_equal (f, "review.barriers"))
    return g_strdup (_("Barriers"));
  if (g_str_equal (f, "review.barrier-note"))
    return g_strdup (_("How the barriers are handled"));
  if (g_str_equal (f, "review.risk"))
    return g_strdup (_("Risk"));
  if (g_str_equal (f, "review.mitigation"))
    return g_strdup (_("Mitigation of the risk"));
  if (g_str_equal (f, "review.responsible"))
    return g_strdup (_("Person responsible"));
  if (g_str_equal (f, "review.delegation-instruction"))
    return g_strdup (_("Delegation instruction"));
  if (g_str_equal (f, "review.quality-standards"))
    return g_strdup (_("Quality standards"));
  if (g_str_equal (f, "review.follow-up"))
    return g_strdup (_("Follow-up"));
  if (g_str_equal (f, "assessment.suitability"))
    /* Translators: %s is a profession */
    return g_strdup_printf (_("Suitability for %s"), profession_name (portfolio, entry->profession_id));
  if (g_str_has_prefix (f, "review."))
    return g_strdup (_("Assessment of the move"));

  return g_strdup (f);
}

/* Values that hold lists and parts, as tm-portfolio.c writes them. */

typedef char *(*ItemLabel) (const char *item, TmPortfolio *portfolio);

static char *
format_list (const char  *value,
             ItemLabel    label,
             TmPortfolio *portfolio)
{
  g_auto(GStrv) items = g_strsplit (value, " ", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *one = NULL;

      if (*items[i] == '\0')
        continue;
      one = label (items[i], portfolio);
      if (text->len > 0)
        /* Translators: the separator between the items of a list, as in "Day, Night" */
        g_string_append (text, C_("list", ", "));
      g_string_append (text, one);
    }
  return g_string_free (text, FALSE);
}

static char *
barrier_label (const char  *item,
               TmPortfolio *portfolio)
{
  TmBarrier barrier;

  return g_strdup (tm_barrier_from_id (item, &barrier) ? tm_barrier_get_label (barrier) : item);
}

static char *
shift_label (const char  *item,
             TmPortfolio *portfolio)
{
  TmShifts shift;

  return g_strdup (tm_shift_from_id (item, &shift) ? tm_shift_get_label (shift) : item);
}

static char *
assessment_part_label (const char  *item,
                       TmPortfolio *portfolio)
{
  static const struct {
    const char *id;
    const char *label;
  } parts[] = {
    { "complexity-limit", N_("complexity limit") },
    { "share", N_("share") },
    { "training", N_("training") },
    { "training-days", N_("length of training") },
    { "training-content", N_("content of training") },
    { "tested", N_("documented by a test") },
    { "rationale", N_("rationale") },
    { "purpose", N_("purpose") },
    { "note", N_("note") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_str_equal (parts[i].id, item))
      return g_strdup (_(parts[i].label));
  return g_strdup (item);
}

/* A number with as few decimals as it needs (up to two), in the language's way. */
static char *
nice_number (double value)
{
  int decimals = value == floor (value) ? 0 : value * 10 == floor (value * 10) ? 1 : 2;

  return tm_language_format_number (value, decimals);
}

static char *
format_share (const char *text)
{
  g_autofree char *number = nice_number (g_ascii_strtod (text, NULL));

  /* Translators: a share in percent, e.g. "60 %" */
  return g_strdup_printf (_("%s %%"), number);
}

static char *
performer_label (const char  *item,
                 TmPortfolio *portfolio)
{
  const char *colon = strrchr (item, ':');
  g_autofree char *id = colon ? g_strndup (item, colon - item) : g_strdup (item);
  g_autofree char *share = colon ? format_share (colon + 1) : NULL;

  if (share == NULL)
    return g_strdup (profession_name (portfolio, id));
  /* Translators: a profession and its share of a task, e.g. "Nurse (60 %)" */
  return g_strdup_printf (_("%s (%s)"), profession_name (portfolio, id), share);
}

static char *
participant_label (const char  *item,
                   TmPortfolio *portfolio)
{
  const char *colon = strrchr (item, ':');
  g_autofree char *id = colon ? g_strndup (item, colon - item) : g_strdup (item);

  if (colon == NULL)
    return g_strdup (profession_name (portfolio, id));
  /* Translators: how many of a profession took part, e.g. "Nurse: 4" */
  return g_strdup_printf (_("%s: %s"), profession_name (portfolio, id), colon + 1);
}

static char *
format_time (const char *value)
{
  g_auto(GStrv) parts = g_strsplit (value, "|", 3);
  g_autofree char *minutes = NULL;
  g_autofree char *occurrences = NULL;
  TmPer per = TM_PER_DAY;

  if (g_strv_length (parts) != 3)
    return g_strdup (value);

  minutes = *parts[0] ? nice_number (g_ascii_strtod (parts[0], NULL)) : g_strdup ("?");
  occurrences = *parts[1] ? nice_number (g_ascii_strtod (parts[1], NULL)) : g_strdup ("?");
  tm_per_from_id (parts[2], &per);

  switch (per)
    {
    case TM_PER_WEEK:
      /* Translators: a task's time: minutes each time, and how many times a week */
      return g_strdup_printf (_("%s min × %s a week"), minutes, occurrences);
    case TM_PER_MONTH:
      /* Translators: a task's time: minutes each time, and how many times a month */
      return g_strdup_printf (_("%s min × %s a month"), minutes, occurrences);
    case TM_PER_YEAR:
      /* Translators: a task's time: minutes each time, and how many times a year */
      return g_strdup_printf (_("%s min × %s a year"), minutes, occurrences);
    case TM_PER_SHIFT:
      /* Translators: a task's time: minutes each time, and how many times a shift */
      return g_strdup_printf (_("%s min × %s a shift"), minutes, occurrences);
    case TM_PER_DAY:
    case TM_N_PERS:
    default:
      /* Translators: a task's time: minutes each time, and how many times a day */
      return g_strdup_printf (_("%s min × %s a day"), minutes, occurrences);
    }
}

static char *
format_move (const char  *value,
             TmPortfolio *portfolio)
{
  g_auto(GStrv) parts = g_strsplit (value, ":", 3);
  g_autofree char *share = NULL;
  TmMoveKind kind;

  if (g_strv_length (parts) != 3 || !tm_move_kind_from_id (parts[0], &kind))
    return g_strdup (value);

  share = format_share (parts[2]);
  if (kind == TM_MOVE_TO_PROFESSION)
    /* Translators: the profession a task moves to, and the share that moves */
    return g_strdup_printf (_("%s (%s)"), profession_name (portfolio, parts[1]), share);
  return g_strdup_printf (_("%s (%s)"), tm_move_kind_get_label (kind), share);
}

char *
tm_history_entry_format_value (const TmHistoryEntry *entry,
                               const char           *value,
                               TmPortfolio          *portfolio)
{
  const char *f;

  g_return_val_if_fail (entry != NULL && entry->field != NULL, NULL);

  f = entry->field;
  if (value == NULL || *value == '\0')
    return g_strdup ("—");

  if (g_str_equal (f, "staffing.fte"))
    {
      g_autofree char *number = nice_number (g_ascii_strtod (value, NULL));

      /* Translators: a staffing, e.g. "24.5 FTE"; FTE is årsværk (da) / årsverk (nb) */
      return g_strdup_printf (_("%s FTE"), number);
    }
  if (g_str_equal (f, "staffing.hours-per-fte") || g_str_equal (f, "staffing.shift-hours"))
    {
      g_autofree char *number = nice_number (g_ascii_strtod (value, NULL));

      /* Translators: a number of hours, e.g. "37 h" */
      return g_strdup_printf (_("%s h"), number);
    }

  if (g_str_equal (f, "level"))
    {
      TmLevel level;

      if (tm_level_from_id (value, &level))
        return g_strdup (tm_level_get_label (level));
    }
  else if (g_str_equal (f, "complexity"))
    {
      TmComplexity complexity;

      if (tm_complexity_from_id (value, &complexity))
        return g_strdup (tm_complexity_get_label (complexity));
    }
  else if (g_str_equal (f, "assessment.suitability") || g_str_equal (f, "assessment"))
    {
      TmSuitability suitability;

      if (tm_suitability_from_id (value, &suitability))
        return g_strdup (tm_suitability_get_label (suitability));
    }
  else if (g_str_equal (f, "review.status"))
    {
      TmMoveStatus status;

      if (tm_move_status_from_id (value, &status))
        return g_strdup (tm_move_status_get_label (status, portfolio ? tm_portfolio_get_country (portfolio)
                                                                     : TM_COUNTRY_DK));
    }
  else if (g_str_has_prefix (f, "review.check."))
    {
      TmCheckState state;

      if (tm_check_state_from_id (value, &state))
        return g_strdup (tm_check_state_get_label (state));
    }
  else if (g_str_has_prefix (f, "review.quality."))
    {
      TmRating rating;

      if (tm_rating_from_id (value, &rating))
        return g_strdup (tm_rating_get_label (rating));
    }
  else if (g_str_equal (f, "review.risk"))
    {
      TmRisk risk;

      if (tm_risk_from_id (value, &risk))
        return g_strdup (tm_risk_get_label (risk));
    }
  else if (g_str_equal (f, "review.barriers"))
    return format_list (value, barrier_label, NULL);
  else if (g_str_equal (f, "shifts"))
    return format_list (value, shift_label, NULL);
  else if (g_str_equal (f, "assessment.other"))
    return format_list (value, assessment_part_label, NULL);
  else if (g_str_equal (f, "performed-by"))
    return format_list (value, performer_label, portfolio);
  else if (g_str_equal (f, "workshop.participants"))
    return format_list (value, participant_label, portfolio);
  else if (g_str_equal (f, "time"))
    return format_time (value);
  else if (g_str_equal (f, "move"))
    return format_move (value, portfolio);

  return g_strdup (value);
}
