/* tm-task.c
 * One task of a unit's portfolio, and the plain data it is made of.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-task"

#include "config.h"

#include <math.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "store/tm-store-error.h"
#include "model/tm-task-private.h"

/* Limits that no real task reaches; beyond them a value is a typing error. */
#define MAX_MINUTES      (24.0 * 60.0)
#define MAX_OCCURRENCES  100000.0
#define MAX_TITLE_CHARS  1000
/* In characters, as the XSD's maxLength counts them (docs/format.md). */
#define MAX_TEXT_CHARS   262144

static void
clear_performer (gpointer p)
{
  TmPerformer *performer = p;

  g_clear_pointer (&performer->profession_id, g_free);
}

static GArray *
performers_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (TmPerformer));

  g_array_set_clear_func (array, clear_performer);
  return array;
}

void
tm_assessment_init (TmAssessment *assessment,
                    const char   *profession_id)
{
  memset (assessment, 0, sizeof *assessment);
  assessment->profession_id = g_strdup (profession_id);
  assessment->suitability = TM_SUITABILITY_NOT_ASSESSED;
  assessment->complexity_limit = TM_COMPLEXITY_NOT_ASSESSED;
  assessment->share = 100;
  assessment->training_days = TM_NOT_ESTIMATED;
  assessment->training_content = g_strdup ("");
  assessment->purpose = g_strdup ("");
  assessment->note = g_strdup ("");
}

void
tm_assessment_clear (TmAssessment *assessment)
{
  g_clear_pointer (&assessment->profession_id, g_free);
  g_clear_pointer (&assessment->training_content, g_free);
  g_clear_pointer (&assessment->purpose, g_free);
  g_clear_pointer (&assessment->note, g_free);
}

static void
assessment_copy_into (TmAssessment       *dest,
                      const TmAssessment *src)
{
  *dest = *src;
  dest->profession_id = g_strdup (src->profession_id);
  dest->training_content = g_strdup (src->training_content ? src->training_content : "");
  dest->purpose = g_strdup (src->purpose ? src->purpose : "");
  dest->note = g_strdup (src->note ? src->note : "");
}

static GArray *
assessments_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (TmAssessment));

  g_array_set_clear_func (array, (GDestroyNotify) tm_assessment_clear);
  return array;
}

static void
clear_move (gpointer p)
{
  TmMove *move = p;

  g_clear_pointer (&move->scenario_id, g_free);
  g_clear_pointer (&move->profession_id, g_free);
}

static GArray *
moves_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (TmMove));

  g_array_set_clear_func (array, clear_move);
  return array;
}

static GArray *
reviews_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (TmMoveReview));

  g_array_set_clear_func (array, (GDestroyNotify) tm_move_review_clear);
  return array;
}

TmTaskData *
tm_task_data_new (void)
{
  TmTaskData *data = g_new0 (TmTaskData, 1);

  data->title = g_strdup ("");
  data->description = g_strdup ("");
  data->group = g_strdup ("");
  data->notes = g_strdup ("");
  data->minutes = TM_NOT_ESTIMATED;
  data->occurrences = TM_NOT_ESTIMATED;
  data->per = TM_PER_DAY;
  data->performers = performers_new ();
  data->assessments = assessments_new ();
  data->moves = moves_new ();
  data->reviews = reviews_new ();
  return data;
}

TmTaskData *
tm_task_data_copy (const TmTaskData *data)
{
  TmTaskData *copy;

  g_return_val_if_fail (data != NULL, NULL);

  copy = g_new0 (TmTaskData, 1);
  copy->uuid = g_strdup (data->uuid);
  copy->title = g_strdup (data->title ? data->title : "");
  copy->description = g_strdup (data->description ? data->description : "");
  copy->group = g_strdup (data->group ? data->group : "");
  copy->notes = g_strdup (data->notes ? data->notes : "");
  copy->unit = g_strdup (data->unit && *data->unit ? data->unit : NULL);
  copy->reviews = reviews_new ();
  for (guint i = 0; data->reviews != NULL && i < data->reviews->len; i++)
    {
      TmMoveReview r;

      tm_move_review_copy_into (&r, &g_array_index (data->reviews, TmMoveReview, i));
      g_array_append_val (copy->reviews, r);
    }
  copy->modified = data->modified;
  copy->level = data->level;
  copy->complexity = data->complexity;
  copy->minutes = data->minutes;
  copy->occurrences = data->occurrences;
  copy->per = data->per;
  copy->shifts = data->shifts;
  copy->performers = performers_new ();
  for (guint i = 0; data->performers != NULL && i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      TmPerformer c = { g_strdup (p->profession_id), p->share };

      g_array_append_val (copy->performers, c);
    }
  copy->assessments = assessments_new ();
  for (guint i = 0; data->assessments != NULL && i < data->assessments->len; i++)
    {
      TmAssessment a;

      assessment_copy_into (&a, &g_array_index (data->assessments, TmAssessment, i));
      g_array_append_val (copy->assessments, a);
    }
  copy->moves = moves_new ();
  for (guint i = 0; data->moves != NULL && i < data->moves->len; i++)
    {
      const TmMove *m = &g_array_index (data->moves, TmMove, i);
      TmMove c = { g_strdup (m->scenario_id), m->kind, g_strdup (m->profession_id), m->share };

      g_array_append_val (copy->moves, c);
    }
  return copy;
}

void
tm_task_data_free (TmTaskData *data)
{
  if (data == NULL)
    return;

  g_free (data->uuid);
  g_free (data->title);
  g_free (data->description);
  g_free (data->group);
  g_free (data->notes);
  g_free (data->unit);
  g_clear_pointer (&data->performers, g_array_unref);
  g_clear_pointer (&data->assessments, g_array_unref);
  g_clear_pointer (&data->moves, g_array_unref);
  g_clear_pointer (&data->reviews, g_array_unref);
  g_free (data);
}

static gboolean
same_number (double a,
             double b)
{
  if (a < 0 && b < 0)
    return TRUE;
  return a == b;
}

gboolean
tm_task_data_equal (const TmTaskData *a,
                    const TmTaskData *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->uuid, b->uuid) == 0 && _tm_task_data_same_content (a, b);
}

gboolean
_tm_task_data_same_content (const TmTaskData *a,
                            const TmTaskData *b)
{
  guint na, nb;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->description, b->description) != 0 ||
      g_strcmp0 (a->group, b->group) != 0 ||
      g_strcmp0 (a->notes, b->notes) != 0 ||
      g_strcmp0 (a->unit && *a->unit ? a->unit : NULL, b->unit && *b->unit ? b->unit : NULL) != 0 ||
      a->level != b->level ||
      a->complexity != b->complexity ||
      !same_number (a->minutes, b->minutes) ||
      !same_number (a->occurrences, b->occurrences) ||
      a->per != b->per ||
      a->shifts != b->shifts)
    return FALSE;

  na = a->performers ? a->performers->len : 0;
  nb = b->performers ? b->performers->len : 0;
  if (na != nb)
    return FALSE;

  for (guint i = 0; i < na; i++)
    {
      const TmPerformer *pa = &g_array_index (a->performers, TmPerformer, i);
      const TmPerformer *pb = &g_array_index (b->performers, TmPerformer, i);

      if (g_strcmp0 (pa->profession_id, pb->profession_id) != 0 || pa->share != pb->share)
        return FALSE;
    }

  na = a->assessments ? a->assessments->len : 0;
  nb = b->assessments ? b->assessments->len : 0;
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const TmAssessment *x = &g_array_index (a->assessments, TmAssessment, i);
      const TmAssessment *y = &g_array_index (b->assessments, TmAssessment, i);

      if (g_strcmp0 (x->profession_id, y->profession_id) != 0 ||
          x->suitability != y->suitability ||
          x->complexity_limit != y->complexity_limit ||
          x->share != y->share ||
          x->training != y->training ||
          !same_number (x->training_days, y->training_days) ||
          g_strcmp0 (x->training_content, y->training_content) != 0 ||
          !x->documented_by_test != !y->documented_by_test ||
          x->rationale != y->rationale ||
          g_strcmp0 (x->purpose, y->purpose) != 0 ||
          g_strcmp0 (x->note, y->note) != 0)
        return FALSE;
    }

  na = a->moves ? a->moves->len : 0;
  nb = b->moves ? b->moves->len : 0;
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const TmMove *x = &g_array_index (a->moves, TmMove, i);
      const TmMove *y = &g_array_index (b->moves, TmMove, i);

      if (g_strcmp0 (x->scenario_id, y->scenario_id) != 0 || x->kind != y->kind ||
          g_strcmp0 (x->profession_id, y->profession_id) != 0 || x->share != y->share)
        return FALSE;
    }


  na = a->reviews ? a->reviews->len : 0;
  nb = b->reviews ? b->reviews->len : 0;
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (!tm_move_review_equal (&g_array_index (a->reviews, TmMoveReview, i),
                               &g_array_index (b->reviews, TmMoveReview, i)))
      return FALSE;
  return TRUE;
}

const TmMoveReview *
tm_task_data_get_review (const TmTaskData *data,
                         const char       *scenario_id)
{
  g_return_val_if_fail (data != NULL, NULL);

  for (guint i = 0; data->reviews != NULL && i < data->reviews->len; i++)
    {
      const TmMoveReview *r = &g_array_index (data->reviews, TmMoveReview, i);

      if (g_strcmp0 (r->scenario_id, scenario_id) == 0)
        return r;
    }
  return NULL;
}

void
tm_task_data_set_review (TmTaskData         *data,
                         const TmMoveReview *review)
{
  TmMoveReview copy;

  g_return_if_fail (data != NULL);
  g_return_if_fail (review != NULL && review->scenario_id != NULL);

  tm_move_review_copy_into (&copy, review);
  for (guint i = 0; i < data->reviews->len; i++)
    {
      TmMoveReview *r = &g_array_index (data->reviews, TmMoveReview, i);

      if (g_strcmp0 (r->scenario_id, review->scenario_id) == 0)
        {
          tm_move_review_clear (r);
          *r = copy;
          return;
        }
    }
  g_array_append_val (data->reviews, copy);
}

const TmAssessment *
tm_task_data_get_assessment (const TmTaskData *data,
                             const char       *profession_id)
{
  g_return_val_if_fail (data != NULL, NULL);

  for (guint i = 0; i < data->assessments->len; i++)
    {
      const TmAssessment *a = &g_array_index (data->assessments, TmAssessment, i);

      if (g_strcmp0 (a->profession_id, profession_id) == 0)
        return a;
    }
  return NULL;
}

void
tm_task_data_set_assessment (TmTaskData         *data,
                             const TmAssessment *assessment)
{
  TmAssessment copy;

  g_return_if_fail (data != NULL);
  g_return_if_fail (assessment != NULL && assessment->profession_id != NULL);

  assessment_copy_into (&copy, assessment);
  for (guint i = 0; i < data->assessments->len; i++)
    {
      TmAssessment *a = &g_array_index (data->assessments, TmAssessment, i);

      if (g_str_equal (a->profession_id, assessment->profession_id))
        {
          tm_assessment_clear (a);
          *a = copy;
          return;
        }
    }
  g_array_append_val (data->assessments, copy);
}

gboolean
tm_task_data_remove_assessment (TmTaskData *data,
                                const char *profession_id)
{
  g_return_val_if_fail (data != NULL, FALSE);

  for (guint i = 0; i < data->assessments->len; i++)
    {
      if (g_strcmp0 (g_array_index (data->assessments, TmAssessment, i).profession_id,
                     profession_id) == 0)
        {
          g_array_remove_index (data->assessments, i);
          return TRUE;
        }
    }
  return FALSE;
}

const TmMove *
tm_task_data_get_move (const TmTaskData *data,
                       const char       *scenario_id)
{
  g_return_val_if_fail (data != NULL, NULL);

  for (guint i = 0; i < data->moves->len; i++)
    {
      const TmMove *m = &g_array_index (data->moves, TmMove, i);

      if (g_strcmp0 (m->scenario_id, scenario_id) == 0)
        return m;
    }
  return NULL;
}

void
tm_task_data_set_move (TmTaskData   *data,
                       const char   *scenario_id,
                       const TmMove *move)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (scenario_id != NULL);

  for (guint i = 0; i < data->moves->len; i++)
    {
      TmMove *m = &g_array_index (data->moves, TmMove, i);

      if (g_strcmp0 (m->scenario_id, scenario_id) == 0)
        {
          if (move == NULL)
            {
              g_array_remove_index (data->moves, i);
              return;
            }
          g_free (m->profession_id);
          m->profession_id = g_strdup (move->profession_id);
          m->kind = move->kind;
          m->share = move->share;
          return;
        }
    }

  if (move != NULL)
    {
      TmMove c = { g_strdup (scenario_id), move->kind, g_strdup (move->profession_id), move->share };

      g_array_append_val (data->moves, c);
    }
}

void
tm_task_data_set_performer (TmTaskData *data,
                            const char *profession_id,
                            double      share)
{
  TmPerformer p;

  g_return_if_fail (data != NULL);
  g_return_if_fail (profession_id != NULL);

  for (guint i = 0; i < data->performers->len; i++)
    {
      TmPerformer *existing = &g_array_index (data->performers, TmPerformer, i);

      if (g_str_equal (existing->profession_id, profession_id))
        {
          existing->share = share;
          return;
        }
    }

  p.profession_id = g_strdup (profession_id);
  p.share = share;
  g_array_append_val (data->performers, p);
}

gboolean
tm_task_data_remove_performer (TmTaskData *data,
                               const char *profession_id)
{
  g_return_val_if_fail (data != NULL, FALSE);

  for (guint i = 0; i < data->performers->len; i++)
    {
      TmPerformer *existing = &g_array_index (data->performers, TmPerformer, i);

      if (g_strcmp0 (existing->profession_id, profession_id) == 0)
        {
          g_array_remove_index (data->performers, i);
          return TRUE;
        }
    }

  return FALSE;
}

double
tm_task_data_get_hours_per_week (const TmTaskData *data)
{
  double per_week;

  g_return_val_if_fail (data != NULL, TM_NOT_ESTIMATED);

  if (data->minutes < 0 || data->occurrences < 0)
    return TM_NOT_ESTIMATED;

  switch (data->per)
    {
    case TM_PER_DAY:
      per_week = data->occurrences * 7.0;
      break;
    case TM_PER_MONTH:
      per_week = data->occurrences * 12.0 / 52.0;
      break;
    case TM_PER_YEAR:
      per_week = data->occurrences / 52.0;
      break;
    case TM_PER_SHIFT:
      {
        double shifts = tm_shifts_per_week (data->shifts);

        /* Per shift, but on which shifts is not said: not known, never guessed. */
        if (shifts <= 0)
          return TM_NOT_ESTIMATED;
        per_week = data->occurrences * shifts;
      }
      break;
    case TM_PER_WEEK:
    case TM_N_PERS:
    default:
      per_week = data->occurrences;
      break;
    }
  return data->minutes * per_week / 60.0;
}

static gboolean
check_number (double       value,
              double       max,
              const char  *what,
              GError     **error)
{
  if (value == TM_NOT_ESTIMATED)
    return TRUE;

  if (!isfinite (value) || value < 0 || value > max)
    {
      /* Translators: %s is a field such as "minutes per occurrence"; %g its largest value */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The %s must be a number from 0 to %g, or empty if not estimated."),
                   _(what), max);
      return FALSE;
    }

  return TRUE;
}

/* Characters XML 1.0 cannot carry: a portfolio must always be exportable. */
static gboolean
has_forbidden_char (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
        return TRUE;
    }
  return FALSE;
}

gboolean
_tm_text_check (const char  *text,
                const char  *what,
                GError     **error)
{
  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL) || has_forbidden_char (text))
    {
      /* Translators: %s is a field such as "title" */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The %s contains characters that cannot be stored (control characters or broken text)."),
                   _(what));
      return FALSE;
    }

  /* Counted only when the bytes could be too many characters. */
  if (strlen (text) > MAX_TEXT_CHARS && g_utf8_strlen (text, -1) > MAX_TEXT_CHARS)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The %s is too long."), _(what));
      return FALSE;
    }

  return TRUE;
}

gboolean
tm_task_data_validate (const TmTaskData  *data,
                       GError           **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (data != NULL, FALSE);

  if (!_tm_text_check (data->title, N_("title"), error) ||
      !_tm_text_check (data->description, N_("description"), error) ||
      !_tm_text_check (data->group, N_("group"), error) ||
      !_tm_text_check (data->notes, N_("notes"), error) ||
      !_tm_text_check (data->unit, N_("unit"), error))
    return FALSE;

  if (data->unit != NULL && g_utf8_strlen (data->unit, -1) > MAX_TITLE_CHARS)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The unit is too long."));
      return FALSE;
    }

  if (data->modified < 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The time of the task's last change is before 1970."));
      return FALSE;
    }

  stripped = g_strstrip (g_strdup (data->title ? data->title : ""));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A task needs a title."));
      return FALSE;
    }

  if (g_utf8_strlen (data->title, -1) > MAX_TITLE_CHARS)
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("The title is longer than %d characters."), MAX_TITLE_CHARS);
      return FALSE;
    }

  if ((guint) data->level >= TM_N_LEVELS ||
      (guint) data->complexity >= TM_N_COMPLEXITIES ||
      (guint) data->per >= TM_N_PERS ||
      (data->shifts & ~TM_SHIFTS_ALL) != 0)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The task has a level, complexity, frequency or shift that does not exist."));
      return FALSE;
    }

  if (!check_number (data->minutes, MAX_MINUTES, N_("minutes per occurrence"), error) ||
      !check_number (data->occurrences, MAX_OCCURRENCES, N_("number of occurrences"), error))
    return FALSE;

  for (guint i = 0; data->performers != NULL && i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);

      if (p->profession_id == NULL || *p->profession_id == '\0')
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                               _("A performer has no profession."));
          return FALSE;
        }

      if (!isfinite (p->share) || p->share < 0 || p->share > 100)
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                               _("A performer's share must be from 0 to 100 percent."));
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        {
          const TmPerformer *q = &g_array_index (data->performers, TmPerformer, j);

          if (g_str_equal (p->profession_id, q->profession_id))
            {
              g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                                   _("A profession is listed twice as performer of one task."));
              return FALSE;
            }
        }
    }

  for (guint i = 0; data->assessments != NULL && i < data->assessments->len; i++)
    {
      const TmAssessment *a = &g_array_index (data->assessments, TmAssessment, i);

      if (a->profession_id == NULL || *a->profession_id == '\0' ||
          (guint) a->suitability >= TM_N_SUITABILITIES ||
          (guint) a->complexity_limit >= TM_N_COMPLEXITIES ||
          a->complexity_limit == TM_COMPLEXITY_VARIES ||
          (guint) a->training >= TM_N_TRAININGS ||
          (guint) a->rationale >= TM_N_RATIONALES ||
          !isfinite (a->share) || a->share < 0 || a->share > 100 ||
          (a->training_days != TM_NOT_ESTIMATED &&
           (!isfinite (a->training_days) || a->training_days < 0 || a->training_days > 5 * 365)))
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                               _("An assessment has a value that does not exist or is out of range."));
          return FALSE;
        }

      if (!_tm_text_check (a->training_content, N_("training content"), error) ||
          !_tm_text_check (a->purpose, N_("purpose"), error) ||
          !_tm_text_check (a->note, N_("note"), error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        if (g_str_equal (a->profession_id,
                         g_array_index (data->assessments, TmAssessment, j).profession_id))
          {
            g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                                 _("A profession is assessed twice for one task."));
            return FALSE;
          }
    }

  for (guint i = 0; data->moves != NULL && i < data->moves->len; i++)
    {
      const TmMove *m = &g_array_index (data->moves, TmMove, i);

      if (m->scenario_id == NULL || *m->scenario_id == '\0' ||
          (guint) m->kind >= TM_N_MOVE_KINDS ||
          (m->kind == TM_MOVE_TO_PROFESSION && (m->profession_id == NULL || *m->profession_id == '\0')) ||
          (m->kind != TM_MOVE_TO_PROFESSION && m->profession_id != NULL) ||
          !isfinite (m->share) || m->share <= 0 || m->share > 100)
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                               _("A move needs a receiving profession (or stop or technology) and a share from 1 to 100 percent."));
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        if (g_str_equal (m->scenario_id, g_array_index (data->moves, TmMove, j).scenario_id))
          {
            g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                                 _("A task has two moves in one scenario."));
            return FALSE;
          }
    }

  for (guint i = 0; data->reviews != NULL && i < data->reviews->len; i++)
    {
      const TmMoveReview *r = &g_array_index (data->reviews, TmMoveReview, i);
      gboolean ok = r->scenario_id != NULL && *r->scenario_id != '\0' &&
                    (guint) r->risk < TM_N_RISKS && r->barriers <= TM_BARRIERS_ALL &&
                    r->status_log != NULL;

      for (guint j = 0; ok && j < TM_N_CHECK_ITEMS; j++)
        ok = (guint) r->checks[j].state < TM_N_CHECK_STATES &&
             _tm_text_check (r->checks[j].note, N_("note"), error);
      for (guint j = 0; ok && j < TM_N_QUALITY_COMPONENTS; j++)
        ok = (guint) r->quality[j].rating < TM_N_RATINGS &&
             _tm_text_check (r->quality[j].note, N_("note"), error);
      for (guint j = 0; ok && r->status_log != NULL && j < r->status_log->len; j++)
        {
          const TmStatusChange *c = &g_array_index (r->status_log, TmStatusChange, j);

          ok = (guint) c->status < TM_N_STATUSES && c->when >= 0 && c->n_open <= TM_N_CHECK_ITEMS &&
               _tm_text_check (c->who, N_("name"), error) && _tm_text_check (c->note, N_("note"), error);
        }
      if (ok)
        ok = _tm_text_check (r->barrier_note, N_("note"), error) &&
             _tm_text_check (r->mitigation, N_("mitigation"), error) &&
             _tm_text_check (r->responsible, N_("person responsible"), error) &&
             _tm_text_check (r->delegation_ref, N_("delegation instruction"), error) &&
             _tm_text_check (r->quality_standards, N_("quality standards"), error) &&
             _tm_text_check (r->follow_up, N_("follow-up"), error);

      if (!ok)
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                                 _("The assessment of a move has a value that does not exist."));
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        if (g_str_equal (r->scenario_id, g_array_index (data->reviews, TmMoveReview, j).scenario_id))
          {
            g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                                 _("A task has two assessments of its move in one scenario."));
            return FALSE;
          }
    }

  return TRUE;
}

/* TmTask */

struct _TmTask
{
  GObject parent_instance;

  /* Owned */
  TmTaskData *data;
  char       *performed_by;
  double      position;
};

G_DEFINE_FINAL_TYPE (TmTask, tm_task, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UUID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_GROUP,
  PROP_LEVEL,
  PROP_COMPLEXITY,
  PROP_MINUTES,
  PROP_OCCURRENCES,
  PROP_PER,
  PROP_SHIFTS,
  PROP_NOTES,
  PROP_UNIT,
  PROP_HOURS_PER_WEEK,
  PROP_PERFORMED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tm_task_finalize (GObject *object)
{
  TmTask *self = (TmTask *)object;

  g_clear_pointer (&self->data, tm_task_data_free);
  g_clear_pointer (&self->performed_by, g_free);

  G_OBJECT_CLASS (tm_task_parent_class)->finalize (object);
}

static void
tm_task_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  TmTask *self = TM_TASK (object);

  switch (prop_id)
    {
    case PROP_UUID: g_value_set_string (value, self->data->uuid); break;
    case PROP_TITLE: g_value_set_string (value, self->data->title); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->data->description); break;
    case PROP_GROUP: g_value_set_string (value, self->data->group); break;
    case PROP_LEVEL: g_value_set_uint (value, self->data->level); break;
    case PROP_COMPLEXITY: g_value_set_uint (value, self->data->complexity); break;
    case PROP_MINUTES: g_value_set_double (value, self->data->minutes); break;
    case PROP_OCCURRENCES: g_value_set_double (value, self->data->occurrences); break;
    case PROP_PER: g_value_set_uint (value, self->data->per); break;
    case PROP_SHIFTS: g_value_set_uint (value, self->data->shifts); break;
    case PROP_NOTES: g_value_set_string (value, self->data->notes); break;
    case PROP_UNIT: g_value_set_string (value, tm_task_get_unit (self)); break;
    case PROP_HOURS_PER_WEEK: g_value_set_double (value, tm_task_get_hours_per_week (self)); break;
    case PROP_PERFORMED_BY: g_value_set_string (value, self->performed_by); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_task_class_init (TmTaskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tm_task_finalize;
  object_class->get_property = tm_task_get_property;

  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_GROUP] = g_param_spec_string ("group", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL] = g_param_spec_uint ("level", NULL, NULL, 0, TM_N_LEVELS - 1, 0, flags);
  properties[PROP_COMPLEXITY] =
    g_param_spec_uint ("complexity", NULL, NULL, 0, TM_N_COMPLEXITIES - 1, 0, flags);
  properties[PROP_MINUTES] =
    g_param_spec_double ("minutes", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_OCCURRENCES] =
    g_param_spec_double ("occurrences", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_PER] = g_param_spec_uint ("per", NULL, NULL, 0, TM_N_PERS - 1, 0, flags);
  properties[PROP_SHIFTS] = g_param_spec_uint ("shifts", NULL, NULL, 0, TM_SHIFTS_ALL, 0, flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_HOURS_PER_WEEK] =
    g_param_spec_double ("hours-per-week", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_PERFORMED_BY] = g_param_spec_string ("performed-by", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tm_task_init (TmTask *self)
{
}

TmTask *
_tm_task_new (TmTaskData *data)
{
  TmTask *self = g_object_new (TM_TYPE_TASK, NULL);

  self->data = data;
  self->performed_by = g_strdup ("");
  return self;
}

void
_tm_task_set_data (TmTask           *self,
                   const TmTaskData *data)
{
  g_autoptr(TmTaskData) old = NULL;
  gboolean hours_changed;

  g_return_if_fail (TM_IS_TASK (self));

  old = g_steal_pointer (&self->data);
  self->data = tm_task_data_copy (data);
  g_free (self->data->uuid);
  self->data->uuid = g_strdup (old->uuid);

  hours_changed = !same_number (tm_task_data_get_hours_per_week (old),
                                tm_task_data_get_hours_per_week (self->data));

  g_object_freeze_notify (G_OBJECT (self));
#define NOTIFY_IF(cond, prop) if (cond) g_object_notify_by_pspec (G_OBJECT (self), properties[prop])
  NOTIFY_IF (g_strcmp0 (old->title, self->data->title) != 0, PROP_TITLE);
  NOTIFY_IF (g_strcmp0 (old->description, self->data->description) != 0, PROP_DESCRIPTION);
  NOTIFY_IF (g_strcmp0 (old->group, self->data->group) != 0, PROP_GROUP);
  NOTIFY_IF (g_strcmp0 (old->notes, self->data->notes) != 0, PROP_NOTES);
  NOTIFY_IF (g_strcmp0 (old->unit, self->data->unit) != 0, PROP_UNIT);
  NOTIFY_IF (old->level != self->data->level, PROP_LEVEL);
  NOTIFY_IF (old->complexity != self->data->complexity, PROP_COMPLEXITY);
  NOTIFY_IF (!same_number (old->minutes, self->data->minutes), PROP_MINUTES);
  NOTIFY_IF (!same_number (old->occurrences, self->data->occurrences), PROP_OCCURRENCES);
  NOTIFY_IF (old->per != self->data->per, PROP_PER);
  NOTIFY_IF (old->shifts != self->data->shifts, PROP_SHIFTS);
  NOTIFY_IF (hours_changed, PROP_HOURS_PER_WEEK);
#undef NOTIFY_IF
  g_object_thaw_notify (G_OBJECT (self));
}

void
_tm_task_set_performed_by (TmTask     *self,
                           const char *performed_by)
{
  if (g_strcmp0 (self->performed_by, performed_by) == 0)
    return;

  g_free (self->performed_by);
  self->performed_by = g_strdup (performed_by ? performed_by : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERFORMED_BY]);
}

double
_tm_task_get_position (TmTask *self)
{
  return self->position;
}

void
_tm_task_set_position (TmTask *self,
                       double  position)
{
  self->position = position;
}


#define GETTER(Type, name, field)                       \
  Type                                                  \
  tm_task_get_##name (TmTask *self)                     \
  {                                                     \
    g_return_val_if_fail (TM_IS_TASK (self), (Type) 0); \
    return self->data->field;                           \
  }

GETTER (const char *, uuid, uuid)
GETTER (const char *, title, title)
GETTER (const char *, description, description)
GETTER (const char *, group, group)
GETTER (TmLevel, level, level)
GETTER (TmComplexity, complexity, complexity)
GETTER (double, minutes, minutes)
GETTER (double, occurrences, occurrences)
GETTER (TmPer, per, per)
GETTER (guint, shifts, shifts)
GETTER (const char *, notes, notes)
GETTER (gint64, modified, modified)

const char *
tm_task_get_unit (TmTask *self)
{
  g_return_val_if_fail (TM_IS_TASK (self), NULL);

  return self->data->unit ? self->data->unit : "";
}

double
tm_task_get_hours_per_week (TmTask *self)
{
  g_return_val_if_fail (TM_IS_TASK (self), TM_NOT_ESTIMATED);

  return tm_task_data_get_hours_per_week (self->data);
}

const char *
tm_task_get_performed_by (TmTask *self)
{
  g_return_val_if_fail (TM_IS_TASK (self), NULL);

  return self->performed_by;
}

const TmTaskData *
tm_task_peek_data (TmTask *self)
{
  g_return_val_if_fail (TM_IS_TASK (self), NULL);

  return self->data;
}

TmTaskData *
tm_task_dup_data (TmTask *self)
{
  g_return_val_if_fail (TM_IS_TASK (self), NULL);

  return tm_task_data_copy (self->data);
}
