/* tm-history.c
 * The history of changes: the entries an edit records, written with it,
 * and the words that describe each.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-portfolio"

#include "config.h"

#include <errno.h>
#include <math.h>
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
#include "store/tm-history.h"
#include "model/tm-workshop-private.h"
#include "model/tm-task-private.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"

TmHistoryEntry *
_tm_history_entry_new (gint64      when,
                       const char *who,
                       const char *task_uuid,
                       const char *task_title,
                       const char *scenario_id,
                       const char *profession_id,
                       const char *field,
                       const char *old_value,
                       const char *new_value)
{
  TmHistoryEntry *e = g_new0 (TmHistoryEntry, 1);

  e->when = when;
  e->who = g_strdup (who ? who : "");
  e->task_uuid = task_uuid && *task_uuid ? g_strdup (task_uuid) : NULL;
  e->task_title = task_title && *task_title ? g_strdup (task_title) : NULL;
  e->scenario_id = scenario_id && *scenario_id ? g_strdup (scenario_id) : NULL;
  e->profession_id = profession_id && *profession_id ? g_strdup (profession_id) : NULL;
  e->field = g_strdup (field);
  e->old_value = g_strdup (old_value ? old_value : "");
  e->new_value = g_strdup (new_value ? new_value : "");
  return e;
}

static char *
format_time_value (const TmTaskData *d)
{
  g_autofree char *minutes = NULL;
  g_autofree char *occurrences = NULL;

  if (d->minutes < 0 && d->occurrences < 0)
    return g_strdup ("");
  minutes = d->minutes >= 0 ? g_strdup_printf ("%.17g", d->minutes) : g_strdup ("");
  occurrences = d->occurrences >= 0 ? g_strdup_printf ("%.17g", d->occurrences) : g_strdup ("");
  g_strdelimit (minutes, ",", '.');
  g_strdelimit (occurrences, ",", '.');
  return g_strdup_printf ("%s|%s|%s", minutes, occurrences, tm_per_to_id (d->per));
}

static char *
format_shifts_value (guint shifts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < TM_N_SHIFTS; i++)
    if (shifts & (1u << i))
      {
        if (text->len)
          g_string_append_c (text, ' ');
        g_string_append (text, tm_shift_to_id (1u << i));
      }
  return g_string_free (text, FALSE);
}

static char *
format_performers_value (const TmTaskData *d)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < d->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (d->performers, TmPerformer, i);

      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, "%s:%g", p->profession_id, p->share);
    }
  return g_string_free (text, FALSE);
}

static char *
format_move_value (const TmMove *m)
{
  if (m == NULL)
    return g_strdup ("");
  if (m->kind == TM_MOVE_TO_PROFESSION)
    return g_strdup_printf ("%s:%s:%g", tm_move_kind_to_id (m->kind),
                            m->profession_id ? m->profession_id : "", m->share);
  return g_strdup_printf ("%s::%g", tm_move_kind_to_id (m->kind), m->share);
}

#define ADD(scenario, profession, field, old_v, new_v) \
  g_ptr_array_add (out, _tm_history_entry_new (when, who, uuid, title, scenario, profession, field, old_v, new_v))

static void
diff_texts (GPtrArray  *out,
            gint64      when,
            const char *who,
            const char *uuid,
            const char *title,
            const char *scenario,
            const char *field,
            const char *a,
            const char *b)
{
  if (g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) != 0)
    ADD (scenario, NULL, field, a, b);
}

static void
diff_reviews (GPtrArray          *out,
              gint64              when,
              const char         *who,
              const char         *uuid,
              const char         *title,
              const char         *scenario,
              const TmMoveReview *a,
              const TmMoveReview *b)
{
  TmMoveReview blank;

  tm_move_review_init (&blank, scenario);
  if (a == NULL)
    a = &blank;
  if (b == NULL)
    b = &blank;

  if (tm_move_review_get_status (a) != tm_move_review_get_status (b) ||
      a->status_log->len != b->status_log->len)
    ADD (scenario, NULL, "review.status", tm_move_status_to_id (tm_move_review_get_status (a)),
         tm_move_status_to_id (tm_move_review_get_status (b)));

  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      g_autofree char *field = g_strconcat ("review.check.", tm_check_item_to_id (i), NULL);
      g_autofree char *note_field = g_strconcat ("review.check-note.", tm_check_item_to_id (i), NULL);

      if (a->checks[i].state != b->checks[i].state)
        ADD (scenario, NULL, field, tm_check_state_to_id (a->checks[i].state),
             tm_check_state_to_id (b->checks[i].state));
      diff_texts (out, when, who, uuid, title, scenario, note_field, a->checks[i].note, b->checks[i].note);
    }
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      g_autofree char *field = g_strconcat ("review.quality.", tm_quality_component_to_id (i), NULL);
      g_autofree char *note_field = g_strconcat ("review.quality-note.", tm_quality_component_to_id (i), NULL);

      if (a->quality[i].rating != b->quality[i].rating)
        ADD (scenario, NULL, field, tm_rating_to_id (a->quality[i].rating),
             tm_rating_to_id (b->quality[i].rating));
      diff_texts (out, when, who, uuid, title, scenario, note_field, a->quality[i].note, b->quality[i].note);
    }
  if (a->barriers != b->barriers)
    {
      GString *x = g_string_new (NULL), *y = g_string_new (NULL);

      for (guint i = 0; i < TM_N_BARRIERS; i++)
        {
          if (a->barriers & (1u << i))
            g_string_append_printf (x, "%s%s", x->len ? " " : "", tm_barrier_to_id (1u << i));
          if (b->barriers & (1u << i))
            g_string_append_printf (y, "%s%s", y->len ? " " : "", tm_barrier_to_id (1u << i));
        }
      ADD (scenario, NULL, "review.barriers", x->str, y->str);
      g_string_free (x, TRUE);
      g_string_free (y, TRUE);
    }
  if (a->risk != b->risk)
    ADD (scenario, NULL, "review.risk", tm_risk_to_id (a->risk), tm_risk_to_id (b->risk));
  diff_texts (out, when, who, uuid, title, scenario, "review.barrier-note", a->barrier_note, b->barrier_note);
  diff_texts (out, when, who, uuid, title, scenario, "review.mitigation", a->mitigation, b->mitigation);
  diff_texts (out, when, who, uuid, title, scenario, "review.responsible", a->responsible, b->responsible);
  diff_texts (out, when, who, uuid, title, scenario, "review.delegation-instruction", a->delegation_ref, b->delegation_ref);
  diff_texts (out, when, who, uuid, title, scenario, "review.quality-standards", a->quality_standards, b->quality_standards);
  diff_texts (out, when, who, uuid, title, scenario, "review.follow-up", a->follow_up, b->follow_up);

  tm_move_review_clear (&blank);
}

/* The entries that say how @before became @after (either may be NULL). */
static void
diff_tasks (GPtrArray        *out,
            gint64            when,
            const char       *who,
            const char       *uuid,
            const TmTaskData *before,
            const TmTaskData *after)
{
  const char *title = after ? after->title : before ? before->title : "";

  if (before == NULL || after == NULL)
    {
      ADD (NULL, NULL, "task", before ? before->title : "", after ? after->title : "");
      return;
    }

  diff_texts (out, when, who, uuid, title, NULL, "title", before->title, after->title);
  diff_texts (out, when, who, uuid, title, NULL, "description", before->description, after->description);
  diff_texts (out, when, who, uuid, title, NULL, "group", before->group, after->group);
  if (before->level != after->level)
    ADD (NULL, NULL, "level", tm_level_to_id (before->level), tm_level_to_id (after->level));
  if (before->complexity != after->complexity)
    ADD (NULL, NULL, "complexity", tm_complexity_to_id (before->complexity),
         tm_complexity_to_id (after->complexity));
  {
    g_autofree char *x = format_time_value (before);
    g_autofree char *y = format_time_value (after);

    diff_texts (out, when, who, uuid, title, NULL, "time", x, y);
  }
  if (before->shifts != after->shifts)
    {
      g_autofree char *x = format_shifts_value (before->shifts);
      g_autofree char *y = format_shifts_value (after->shifts);

      ADD (NULL, NULL, "shifts", x, y);
    }
  {
    g_autofree char *x = format_performers_value (before);
    g_autofree char *y = format_performers_value (after);

    diff_texts (out, when, who, uuid, title, NULL, "performed-by", x, y);
  }
  diff_texts (out, when, who, uuid, title, NULL, "notes", before->notes, after->notes);
  diff_texts (out, when, who, uuid, title, NULL, "unit", before->unit, after->unit);

  /* Assessments, by profession: the suitability, and whether anything else changed. */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();

    for (guint i = 0; i < before->assessments->len; i++)
      g_ptr_array_add (ids, g_array_index (before->assessments, TmAssessment, i).profession_id);
    for (guint i = 0; i < after->assessments->len; i++)
      {
        const char *id = g_array_index (after->assessments, TmAssessment, i).profession_id;

        if (tm_task_data_get_assessment (before, id) == NULL)
          g_ptr_array_add (ids, (gpointer) id);
      }

    for (guint i = 0; i < ids->len; i++)
      {
        const char *id = g_ptr_array_index (ids, i);
        const TmAssessment *x = tm_task_data_get_assessment (before, id);
        const TmAssessment *y = tm_task_data_get_assessment (after, id);
        TmSuitability sx = x ? x->suitability : TM_SUITABILITY_NOT_ASSESSED;
        TmSuitability sy = y ? y->suitability : TM_SUITABILITY_NOT_ASSESSED;
        GString *parts = g_string_new (NULL);

        if (sx != sy)
          ADD (NULL, id, "assessment.suitability", tm_suitability_to_id (sx), tm_suitability_to_id (sy));

        if (x != NULL && y != NULL)
          {
#define PART(cond, name) if (cond) g_string_append_printf (parts, "%s%s", parts->len ? " " : "", name)
            PART (x->complexity_limit != y->complexity_limit, "complexity-limit");
            PART (x->share != y->share, "share");
            PART (x->training != y->training, "training");
            PART (x->training_days != y->training_days, "training-days");
            PART (g_strcmp0 (x->training_content, y->training_content) != 0, "training-content");
            PART (!x->documented_by_test != !y->documented_by_test, "tested");
            PART (x->rationale != y->rationale, "rationale");
            PART (g_strcmp0 (x->purpose, y->purpose) != 0, "purpose");
            PART (g_strcmp0 (x->note, y->note) != 0, "note");
#undef PART
            if (parts->len > 0)
              ADD (NULL, id, "assessment.other", "", parts->str);
          }
        g_string_free (parts, TRUE);
      }
  }

  /* Moves and their reviews, by scenario. */
  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();

#define COLLECT(array, Type, member)                                              \
    for (guint i = 0; i < (array)->len; i++)                                    \
      {                                                                         \
        const char *id = g_array_index ((array), Type, i).member;               \
        gboolean seen = FALSE;                                                  \
        for (guint j = 0; j < ids->len && !seen; j++)                           \
          seen = g_str_equal (g_ptr_array_index (ids, j), id);                  \
        if (!seen)                                                              \
          g_ptr_array_add (ids, (gpointer) id);                                 \
      }
    COLLECT (before->moves, TmMove, scenario_id)
    COLLECT (after->moves, TmMove, scenario_id)
    COLLECT (before->reviews, TmMoveReview, scenario_id)
    COLLECT (after->reviews, TmMoveReview, scenario_id)
#undef COLLECT

    for (guint i = 0; i < ids->len; i++)
      {
        const char *id = g_ptr_array_index (ids, i);
        g_autofree char *x = format_move_value (tm_task_data_get_move (before, id));
        g_autofree char *y = format_move_value (tm_task_data_get_move (after, id));
        const TmMoveReview *rx = tm_task_data_get_review (before, id);
        const TmMoveReview *ry = tm_task_data_get_review (after, id);

        if (g_strcmp0 (x, y) != 0)
          ADD (id, NULL, "move", x, y);
        if (!tm_move_review_equal (rx, ry))
          diff_reviews (out, when, who, uuid, title, id, rx, ry);
      }
  }
}

#undef ADD

static char *
workshop_summary (const TmWorkshopData *w)
{
  if (w == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s %s", w->date, w->title ? w->title : "");
}

static char *
participants_value (const TmWorkshopData *w)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < w->participants->len; i++)
    {
      const TmParticipants *p = &g_array_index (w->participants, TmParticipants, i);

      g_string_append_printf (text, "%s%s:%u", text->len ? " " : "", p->profession_id, p->count);
    }
  return g_string_free (text, FALSE);
}

static char *
decided_value (const TmWorkshopData *w)
{
  return g_strdup_printf ("%u", w->moves->len);
}

/* A workshop added or deleted is one entry; a change, one per field. The
 * workshop's date and title stand where a task's title would. */
static void
diff_workshops (GPtrArray            *out,
                gint64                when,
                const char           *who,
                const TmWorkshopData *a,
                const TmWorkshopData *b)
{
  g_autofree char *name = workshop_summary (b ? b : a);

#define W(field, x, y) \
  if (g_strcmp0 ((x) ? (x) : "", (y) ? (y) : "") != 0) \
    g_ptr_array_add (out, _tm_history_entry_new (when, who, NULL, name, NULL, NULL, field, x, y))

  if (a == NULL || b == NULL)
    {
      g_autofree char *x = a ? workshop_summary (a) : NULL;
      g_autofree char *y = b ? workshop_summary (b) : NULL;

      W ("workshop", x, y);
      return;
    }

  W ("workshop.date", a->date, b->date);
  W ("workshop.title", a->title, b->title);
  W ("workshop.facilitator", a->facilitator, b->facilitator);
  W ("workshop.names", a->names, b->names);
  W ("workshop.decisions", a->decisions, b->decisions);
  {
    g_autofree char *x = participants_value (a);
    g_autofree char *y = participants_value (b);

    W ("workshop.participants", x, y);
  }
  {
    g_autofree char *x = decided_value (a);
    g_autofree char *y = decided_value (b);

    if (!tm_workshop_data_equal (a, b) && g_strcmp0 (x, y) == 0)
      {
        /* The same number of moves, other moves. */
        gboolean same = TRUE;

        for (guint i = 0; same && i < a->moves->len; i++)
          {
            const TmMoveRef *m = &g_array_index (a->moves, TmMoveRef, i);

            same = tm_workshop_data_has_move (b, m->task_uuid, m->scenario_id);
          }
        if (!same)
          g_ptr_array_add (out, _tm_history_entry_new (when, who, NULL, name, NULL, NULL,
                                             "workshop.moves", x, y));
      }
    else
      W ("workshop.moves", x, y);
  }
#undef W
}

/* A staffing value as the history keeps it: C-locale number, "" for not known. */
static char *
staffing_value (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == -1)
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

static void
diff_staffing (GPtrArray        *out,
               gint64            when,
               const char       *who,
               const TmStaffing *before,
               const TmStaffing *after)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  double shift_before = before ? before->shift_hours : -1;
  double shift_after = after ? after->shift_hours : -1;

  if (shift_before != shift_after)
    {
      g_autofree char *old_value = staffing_value (shift_before);
      g_autofree char *new_value = staffing_value (shift_after);

      g_ptr_array_add (out, _tm_history_entry_new (when, who, NULL, NULL, NULL, NULL, "staffing.shift-hours",
                                         old_value, new_value));
    }

  for (guint k = 0; k < 2; k++)
    {
      const TmStaffing *side = k == 0 ? before : after;

      for (guint i = 0; side != NULL && i < side->entries->len; i++)
        {
          const char *id = g_array_index (side->entries, TmStaffingEntry, i).profession_id;

          if (!g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL))
            g_ptr_array_add (ids, (gpointer) id);
        }
    }

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const TmStaffingEntry *b = before ? tm_staffing_lookup (before, id) : NULL;
      const TmStaffingEntry *a = after ? tm_staffing_lookup (after, id) : NULL;
      double fte_b = b ? b->fte : -1, fte_a = a ? a->fte : -1;
      double hours_b = b ? b->hours_per_fte : -1, hours_a = a ? a->hours_per_fte : -1;

      if (fte_b != fte_a)
        {
          g_autofree char *old_value = staffing_value (fte_b);
          g_autofree char *new_value = staffing_value (fte_a);

          g_ptr_array_add (out, _tm_history_entry_new (when, who, NULL, NULL, NULL, id, "staffing.fte",
                                             old_value, new_value));
        }
      if (hours_b != hours_a)
        {
          g_autofree char *old_value = staffing_value (hours_b);
          g_autofree char *new_value = staffing_value (hours_a);

          g_ptr_array_add (out, _tm_history_entry_new (when, who, NULL, NULL, NULL, id,
                                             "staffing.hours-per-fte", old_value, new_value));
        }
    }
}

void
_tm_store_history_describe (TmPortfolio *self,
                            GPtrArray   *changes,
                            guint        from,
                            guint        to,
                            gint64       when,
                            GPtrArray   *out)
{
  const char *who = tm_portfolio_get_user_name (self);

  for (guint i = from; i < to && i < changes->len; i++)
    {
      TmChange *change = g_ptr_array_index (changes, i);

      switch (change->kind)
        {
        case CHANGE_TASK:
          if (change->task.before != NULL && change->task.after != NULL &&
              tm_task_data_equal (change->task.before, change->task.after))
            break;
          diff_tasks (out, when, who, change->id, change->task.before, change->task.after);
          break;

        case CHANGE_UNIT:
          if (g_strcmp0 (change->unit.before->last_meeting, change->unit.after->last_meeting) != 0)
            g_ptr_array_add (out, _tm_history_entry_new (when, who, NULL, NULL, NULL, NULL, "committee-meeting",
                                               change->unit.before->last_meeting,
                                               change->unit.after->last_meeting));
          break;

        case CHANGE_WORKSHOP:
          diff_workshops (out, when, who, change->workshop.before, change->workshop.after);
          break;

        case CHANGE_STAFFING:
          diff_staffing (out, when, who, change->staffing.before, change->staffing.after);
          break;

        case CHANGE_PROFESSION:
        case CHANGE_SCENARIO:
        case CHANGE_HISTORY:
        default:
          break;
        }
    }
}

/* Inserts @entries; appends the new rows' ids to @ids. */
gboolean
_tm_store_insert_history_range (TmPortfolio  *self,
                                GPtrArray    *entries,
                                guint         from,
                                guint         to,
                                GArray       *ids,
                                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (entries == NULL || from >= MIN (to, entries->len))
    return TRUE;
  to = MIN (to, entries->len);

  stmt = _tm_store_prepare (self,
                  "INSERT INTO history (time, who, task_uuid, task_title, scenario_id,"
                  " profession_id, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = from; i < to; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, i);
      gint64 id;

#define S(x) ((x) ? (x) : "")
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, e->when);
      sqlite3_bind_text (stmt, 2, S (e->who), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, S (e->task_uuid), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, S (e->task_title), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, S (e->scenario_id), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, S (e->profession_id), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, S (e->field), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, S (e->old_value), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, S (e->new_value), -1, SQLITE_STATIC);
#undef S
      if (!_tm_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (self->db) == 1)
        {
          id = sqlite3_last_insert_rowid (self->db);
          g_array_append_val (ids, id);
        }
    }
  return TRUE;
}

gboolean
_tm_store_insert_history (TmPortfolio  *self,
                          GPtrArray    *entries,
                          GArray       *ids,
                          GError      **error)
{
  return _tm_store_insert_history_range (self, entries, 0, G_MAXUINT, ids, error);
}

gboolean
_tm_store_delete_history_range (TmPortfolio  *self,
                                GArray       *ids,
                                guint         from,
                                guint         to,
                                GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (ids == NULL || ids->len == 0)
    return TRUE;

  to = MIN (to, ids->len);
  if (from < to)
    {
      stmt = _tm_store_prepare (self, "DELETE FROM history WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
    }
  for (guint i = from; i < to; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!_tm_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_tm_store_delete_history (TmPortfolio  *self,
                          GArray       *ids,
                          GError      **error)
{
  if (!_tm_store_delete_history_range (self, ids, 0, G_MAXUINT, error))
    return FALSE;
  if (ids != NULL)
    g_array_set_size (ids, 0);
  return TRUE;
}

/* What every reading of the history selects, in the order entry_from_row() takes it. */
#define SELECT_ENTRIES \
  "SELECT time, who, task_uuid, task_title, scenario_id, profession_id, field, old, new FROM history"

/* The entry of the row @stmt is on (a row of SELECT_ENTRIES). */
static TmHistoryEntry *
entry_from_row (sqlite3_stmt *stmt)
{
#define C(i) ((const char *) sqlite3_column_text (stmt, (i)))
  return _tm_history_entry_new (sqlite3_column_int64 (stmt, 0), C (1), C (2), C (3), C (4), C (5), C (6),
                                C (7), C (8));
#undef C
}

GPtrArray *
tm_portfolio_dup_history (TmPortfolio *self,
                          const char  *task_uuid,
                          const char  *scenario_id,
                          gint64       since)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  if (self->db == NULL)
    return g_steal_pointer (&out);

  /* One task's through the index on task_uuid: an "?1 IS NULL OR" would
   * make SQLite read the whole table (some 300 ms at 100,000 tasks). */
  stmt = _tm_store_prepare (self,
                  task_uuid != NULL
                  ? SELECT_ENTRIES
                    " WHERE task_uuid = ?1 AND (?2 IS NULL OR scenario_id = ?2)"
                    " AND time >= ?3 ORDER BY time, id"
                  : SELECT_ENTRIES
                    " WHERE (?2 IS NULL OR scenario_id = ?2)"
                    " AND time >= ?3 ORDER BY time, id", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read the history: %s", error->message);
      return g_steal_pointer (&out);
    }
  if (task_uuid != NULL)
    sqlite3_bind_text (stmt, 1, task_uuid, -1, SQLITE_STATIC);
  if (scenario_id != NULL)
    sqlite3_bind_text (stmt, 2, scenario_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, since);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    g_warning ("Could not read the history: %s", sqlite3_errmsg (self->db));

  return g_steal_pointer (&out);
}

/* The entries of each task in @task_uuids (of char *), in no particular
 * order, through one statement prepared once: compiled again for each
 * task, as tm_portfolio_dup_history() is, a file whose history names 1,000
 * tasks took 18 ms of the window's thread to compare. */
GPtrArray *
_tm_history_dup_for_tasks (TmPortfolio *self,
                           GPtrArray   *task_uuids)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);
  g_return_val_if_fail (task_uuids != NULL, NULL);

  if (self->db == NULL || task_uuids->len == 0)
    return g_steal_pointer (&out);

  stmt = _tm_store_prepare (self,
                  SELECT_ENTRIES " WHERE task_uuid = ?1", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read the history: %s", error->message);
      return g_steal_pointer (&out);
    }
  for (guint i = 0; i < task_uuids->len; i++)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, g_ptr_array_index (task_uuids, i), -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (out, entry_from_row (stmt));
      if (rc != SQLITE_DONE)
        {
          g_warning ("Could not read the history: %s", sqlite3_errmsg (self->db));
          break;
        }
      sqlite3_reset (stmt);
    }
  return g_steal_pointer (&out);
}

/* The whole history read in steps, in no particular order (a sort of
 * 100,000 entries would come in one lump at the first step). */
struct _TmHistoryCursor {
  TmPortfolio  *portfolio;  /* owned */
  sqlite3_stmt *stmt;       /* NULL once done */
};

/* Entries read between two looks at the clock. */
#define CURSOR_CHECK_ROWS 256

TmHistoryCursor *
_tm_history_cursor_new (TmPortfolio *self)
{
  TmHistoryCursor *cursor;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (self), NULL);

  cursor = g_new0 (TmHistoryCursor, 1);
  cursor->portfolio = g_object_ref (self);
  if (self->db == NULL)
    return cursor;
  cursor->stmt = _tm_store_prepare (self,
                  SELECT_ENTRIES, &error);
  if (cursor->stmt == NULL)
    g_warning ("Could not read the history: %s", error->message);
  return cursor;
}

gboolean
_tm_history_cursor_step (TmHistoryCursor *cursor,
                         gint64           deadline,
                         GPtrArray       *out)
{
  int rc = SQLITE_DONE;
  guint n = 0;

  g_return_val_if_fail (cursor != NULL && out != NULL, TRUE);

  while (cursor->stmt != NULL && (rc = sqlite3_step (cursor->stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (out, entry_from_row (cursor->stmt));
      if (++n % CURSOR_CHECK_ROWS == 0 && g_get_monotonic_time () >= deadline)
        return FALSE;
    }
  if (cursor->stmt != NULL && rc != SQLITE_DONE)
    g_warning ("Could not read the history: %s", sqlite3_errmsg (cursor->portfolio->db));
  g_clear_pointer (&cursor->stmt, sqlite3_finalize);
  return TRUE;
}

void
_tm_history_cursor_free (TmHistoryCursor *cursor)
{
  if (cursor == NULL)
    return;
  g_clear_pointer (&cursor->stmt, sqlite3_finalize);
  g_clear_object (&cursor->portfolio);
  g_free (cursor);
}

/* The words of the history: what changed and its values, in the user's
 * language; professions and scenarios named through the portfolio. */

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

/* The checklist item named after @prefix in the field @f: its label, or
 * NULL when @f does not start so or names none. */
static const char *
check_item_label (const char *f,
                  const char *prefix)
{
  TmCheckItem item;

  if (!g_str_has_prefix (f, prefix) || !tm_check_item_from_id (f + strlen (prefix), &item))
    return NULL;
  return tm_check_item_get_label (item);
}

/* The same for a quality component. */
static const char *
quality_label (const char *f,
               const char *prefix)
{
  TmQualityComponent component;

  if (!g_str_has_prefix (f, prefix) || !tm_quality_component_from_id (f + strlen (prefix), &component))
    return NULL;
  return tm_quality_component_get_label (component);
}

char *
tm_history_entry_describe_field (const TmHistoryEntry *entry,
                                 TmPortfolio          *portfolio)
{
  const char *label;
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
  if ((label = check_item_label (f, "review.check.")) != NULL)
    /* Translators: %s is an item of the checklist */
    return g_strdup_printf (_("Checklist: %s"), label);
  if ((label = quality_label (f, "review.quality.")) != NULL)
    /* Translators: %s is a quality component such as "Minimal risk to patients" */
    return g_strdup_printf (_("Quality: %s"), label);
  if ((label = check_item_label (f, "review.check-note.")) != NULL)
    /* Translators: %s is an item of the checklist */
    return g_strdup_printf (_("Note on the checklist: %s"), label);
  if ((label = quality_label (f, "review.quality-note.")) != NULL)
    /* Translators: %s is a quality component such as "Minimal risk to patients" */
    return g_strdup_printf (_("Note on quality: %s"), label);
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

/* The translated label of @value, an id of @Type, when it is one. */
#define LABEL_OF(Type, from_id, get_label)                  \
  G_STMT_START {                                            \
    Type label_of_value;                                    \
                                                            \
    if (from_id (value, &label_of_value))                   \
      return g_strdup (get_label (label_of_value));         \
  } G_STMT_END

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
    LABEL_OF (TmLevel, tm_level_from_id, tm_level_get_label);
  else if (g_str_equal (f, "complexity"))
    LABEL_OF (TmComplexity, tm_complexity_from_id, tm_complexity_get_label);
  else if (g_str_equal (f, "assessment.suitability") || g_str_equal (f, "assessment"))
    LABEL_OF (TmSuitability, tm_suitability_from_id, tm_suitability_get_label);
  else if (g_str_equal (f, "review.status"))
    {
      TmMoveStatus status;

      if (tm_move_status_from_id (value, &status))
        return g_strdup (tm_move_status_get_label (status, portfolio ? tm_portfolio_get_country (portfolio)
                                                                     : TM_COUNTRY_DK));
    }
  else if (g_str_has_prefix (f, "review.check."))
    LABEL_OF (TmCheckState, tm_check_state_from_id, tm_check_state_get_label);
  else if (g_str_has_prefix (f, "review.quality."))
    LABEL_OF (TmRating, tm_rating_from_id, tm_rating_get_label);
  else if (g_str_equal (f, "review.risk"))
    LABEL_OF (TmRisk, tm_risk_from_id, tm_risk_get_label);
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
