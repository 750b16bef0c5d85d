/* tm-review.c
 * The assessment of a chosen move against the principles, and its status.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-review"

#include "config.h"

#include <string.h>
#include "model/tm-i18n-private.h"
#include "model/tm-ids-private.h"

#include "model/tm-review.h"

static const char * const check_item_ids[] = {
  "barriers", "capacity-giving", "capacity-receiving", "authorisation",
  "competence-defined", "training-needs", "quality-standards", "guidance", "mini-hta",
  "management", "quality-level", "staff-involved", "consequences", "new-tasks",
  "follow-up", "spreading",
};
static const char * const check_state_ids[] = { "not-considered", "fine", "concern", "not-relevant" };
static const char * const quality_ids[] = {
  "professional-standard", "resources", "patient-risk", "patient-satisfaction", "pathway",
};
static const char * const rating_ids[] = { "unknown", "better", "same", "worse" };
static const char * const barrier_ids[] = {
  "organisation", "boundaries", "rules", "expectations", "leadership",
};
static const char * const risk_ids[] = { "not-assessed", "low", "medium", "high" };
static const char * const status_ids[] = {
  "proposed", "agreed", "approved", "piloted", "implemented", "evaluated", "rejected", "paused",
};

G_STATIC_ASSERT (G_N_ELEMENTS (check_item_ids) == TM_N_CHECK_ITEMS);
G_STATIC_ASSERT (G_N_ELEMENTS (check_state_ids) == TM_N_CHECK_STATES);
G_STATIC_ASSERT (G_N_ELEMENTS (quality_ids) == TM_N_QUALITY_COMPONENTS);
G_STATIC_ASSERT (G_N_ELEMENTS (rating_ids) == TM_N_RATINGS);
G_STATIC_ASSERT (G_N_ELEMENTS (barrier_ids) == TM_N_BARRIERS);
G_STATIC_ASSERT (G_N_ELEMENTS (risk_ids) == TM_N_RISKS);
G_STATIC_ASSERT (G_N_ELEMENTS (status_ids) == TM_N_STATUSES);

TM_DEFINE_IDS (check_item, TmCheckItem, check_item_ids, G_N_ELEMENTS (check_item_ids))
TM_DEFINE_IDS (check_state, TmCheckState, check_state_ids, G_N_ELEMENTS (check_state_ids))
TM_DEFINE_IDS (quality_component, TmQualityComponent, quality_ids, G_N_ELEMENTS (quality_ids))
TM_DEFINE_IDS (rating, TmRating, rating_ids, G_N_ELEMENTS (rating_ids))
TM_DEFINE_IDS (risk, TmRisk, risk_ids, G_N_ELEMENTS (risk_ids))
TM_DEFINE_IDS (move_status, TmMoveStatus, status_ids, G_N_ELEMENTS (status_ids))

static guint
barrier_index (TmBarrier barrier)
{
  for (guint i = 0; i < TM_N_BARRIERS; i++)
    if (barrier == (TmBarrier) (1u << i))
      return i;
  return G_MAXUINT;
}

const char *
tm_barrier_to_id (TmBarrier barrier)
{
  guint i = barrier_index (barrier);

  g_return_val_if_fail (i < TM_N_BARRIERS, NULL);
  return barrier_ids[i];
}

gboolean
tm_barrier_from_id (const char *id,
                    TmBarrier  *barrier)
{
  guint i;

  if (!_tm_ids_lookup (barrier_ids, G_N_ELEMENTS (barrier_ids), id, &i))
    return FALSE;
  *barrier = (TmBarrier) (1u << i);
  return TRUE;
}

const char *
tm_check_item_get_label (TmCheckItem item)
{
  switch (item)
    {
    case TM_CHECK_BARRIERS: return _("Barriers and possibilities");
    case TM_CHECK_CAPACITY_GIVING: return _("Capacity of the group that gives the task");
    case TM_CHECK_CAPACITY_RECEIVING: return _("Capacity of the group that receives the task");
    case TM_CHECK_AUTHORISATION: return _("Authorisation and delegation");
    case TM_CHECK_COMPETENCE_DEFINED: return _("Competence defined");
    case TM_CHECK_TRAINING_NEEDS: return _("Training needs");
    case TM_CHECK_QUALITY_STANDARDS: return _("Measurable quality standards");
    case TM_CHECK_GUIDANCE: return _("Guidance and monitoring after the move");
    case TM_CHECK_MINI_HTA: return _("Mini health technology assessment");
    case TM_CHECK_MANAGEMENT: return _("Management involvement");
    case TM_CHECK_QUALITY_LEVEL: return _("Decision on the quality level");
    case TM_CHECK_STAFF_INVOLVED: return _("Involvement of the staff affected");
    case TM_CHECK_CONSEQUENCES: return _("Consequences for others");
    case TM_CHECK_NEW_TASKS: return _("New tasks and technology");
    case TM_CHECK_FOLLOW_UP: return _("Follow-up and development");
    case TM_CHECK_SPREADING: return _("Sharing what was learnt");
    case TM_N_CHECK_ITEMS:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
tm_check_item_get_description (TmCheckItem item)
{
  switch (item)
    {
    case TM_CHECK_BARRIERS:
      return _("Barriers and possibilities are assessed, and it is described how they will be handled.");
    case TM_CHECK_CAPACITY_GIVING:
      return _("The competences and the capacity (time) of the group that gives the task are described.");
    case TM_CHECK_CAPACITY_RECEIVING:
      return _("The competences and the capacity (time) of the group that receives the task are described.");
    case TM_CHECK_AUTHORISATION:
      return _("Questions of authorisation and delegation are assessed.");
    case TM_CHECK_COMPETENCE_DEFINED:
      return _("The competence is defined, so all parties know exactly what the task consists of and what it takes.");
    case TM_CHECK_TRAINING_NEEDS:
      return _("The need for education and competence development is assessed.");
    case TM_CHECK_QUALITY_STANDARDS:
      return _("Measurable quality standards are set from the start.");
    case TM_CHECK_GUIDANCE:
      return _("Continued guidance, education and monitoring are ensured after the move, also when two or more groups share the task.");
    case TM_CHECK_MINI_HTA:
      return _("Where it is relevant, a mini health technology assessment (mini-HTA) is made.");
    case TM_CHECK_MANAGEMENT:
      return _("The degree of and need for management involvement and drive are clarified.");
    case TM_CHECK_QUALITY_LEVEL:
      return _("The quality level is decided consciously, using the five quality components.");
    case TM_CHECK_STAFF_INVOLVED:
      return _("The staff directly affected are involved and take part.");
    case TM_CHECK_CONSEQUENCES:
      return _("Consequences for other professions, departments, accreditation and education, in the short and the long term, are assessed.");
    case TM_CHECK_NEW_TASKS:
      return _("It is considered whether new tasks or new technology should lead to the move.");
    case TM_CHECK_FOLLOW_UP:
      return _("Continued research, development and follow-up on experience are planned.");
    case TM_CHECK_SPREADING:
      return _("What is learnt is made visible and shared with others.");
    case TM_N_CHECK_ITEMS:
    default: break;
    }
  g_return_val_if_reached ("");
}

TmCheckSection
tm_check_item_get_section (TmCheckItem item)
{
  if (item <= TM_CHECK_MINI_HTA)
    return TM_CHECK_SECTION_PREREQUISITES;
  if (item <= TM_CHECK_NEW_TASKS)
    return TM_CHECK_SECTION_DIALOGUE;
  return TM_CHECK_SECTION_FOLLOW_UP;
}

const char *
tm_check_section_get_label (TmCheckSection section)
{
  switch (section)
    {
    case TM_CHECK_SECTION_PREREQUISITES: return _("Prerequisites and conditions");
    case TM_CHECK_SECTION_DIALOGUE: return _("Dialogue about the task");
    case TM_CHECK_SECTION_FOLLOW_UP: return _("Follow-up");
    case TM_N_CHECK_SECTIONS:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
tm_check_state_get_label (TmCheckState state)
{
  switch (state)
    {
    case TM_CHECK_NOT_CONSIDERED: return _("Not yet considered");
    case TM_CHECK_FINE: return _("Considered, fine");
    case TM_CHECK_CONCERN: return _("Considered, concern");
    case TM_CHECK_NOT_RELEVANT: return _("Not relevant");
    case TM_N_CHECK_STATES:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
tm_quality_component_get_label (TmQualityComponent component)
{
  switch (component)
    {
    case TM_QUALITY_PROFESSIONAL_STANDARD: return _("High professional standard");
    case TM_QUALITY_RESOURCES: return _("Efficient use of resources");
    case TM_QUALITY_PATIENT_RISK: return _("Minimal risk to patients");
    case TM_QUALITY_PATIENT_SATISFACTION: return _("High patient satisfaction");
    case TM_QUALITY_PATHWAY: return _("Coherent patient pathway");
    case TM_N_QUALITY_COMPONENTS:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
tm_rating_get_label (TmRating rating)
{
  switch (rating)
    {
    /* Translators: how a move changes a quality component */
    case TM_RATING_UNKNOWN: return C_("rating", "Unknown");
    case TM_RATING_BETTER: return C_("rating", "Better");
    case TM_RATING_SAME: return C_("rating", "Same");
    case TM_RATING_WORSE: return C_("rating", "Worse");
    case TM_N_RATINGS:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
tm_barrier_get_label (TmBarrier barrier)
{
  switch (barrier)
    {
    case TM_BARRIER_ORGANISATION: return _("Organisation and resources");
    case TM_BARRIER_BOUNDARIES: return _("Professional boundaries and traditions");
    case TM_BARRIER_RULES: return _("Legislation and guidelines");
    case TM_BARRIER_EXPECTATIONS: return _("Pressure of expectations");
    case TM_BARRIER_LEADERSHIP: return _("Leadership and change");
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
tm_risk_get_label (TmRisk risk)
{
  switch (risk)
    {
    /* Translators: the risk of a move */
    case TM_RISK_NOT_ASSESSED: return C_("risk", "Not assessed");
    case TM_RISK_LOW: return C_("risk", "Low");
    case TM_RISK_MEDIUM: return C_("risk", "Medium");
    case TM_RISK_HIGH: return C_("risk", "High");
    case TM_N_RISKS:
    default: break;
    }
  g_return_val_if_reached ("");
}

const char *
tm_move_status_get_label (TmMoveStatus status,
                          TmCountry    country)
{
  switch (status)
    {
    case TM_STATUS_PROPOSED: return C_("status", "Proposed");
    case TM_STATUS_AGREED: return C_("status", "Agreed in workshop");
    case TM_STATUS_APPROVED:
      return country == TM_COUNTRY_NO ? C_("status", "Approved by AMU / union representatives")
                                      : C_("status", "Approved by the MED committee");
    case TM_STATUS_PILOTED: return C_("status", "Piloted");
    case TM_STATUS_IMPLEMENTED: return C_("status", "Implemented");
    case TM_STATUS_EVALUATED: return C_("status", "Evaluated");
    case TM_STATUS_REJECTED: return C_("status", "Rejected");
    case TM_STATUS_PAUSED: return C_("status", "Paused");
    case TM_N_STATUSES:
    default: break;
    }
  g_return_val_if_reached ("");
}

static gboolean
is_main_line (TmMoveStatus status)
{
  return status <= TM_STATUS_EVALUATED;
}

gboolean
tm_move_status_can_change (TmMoveStatus from,
                           TmMoveStatus to,
                           TmMoveStatus reached)
{
  if (from >= TM_N_STATUSES || to >= TM_N_STATUSES || from == to)
    return FALSE;

  if (to == TM_STATUS_REJECTED || to == TM_STATUS_PAUSED)
    return from != TM_STATUS_REJECTED;

  if (from == TM_STATUS_REJECTED)
    return to == TM_STATUS_PROPOSED;

  if (from == TM_STATUS_PAUSED)
    return to == TM_STATUS_PROPOSED || (is_main_line (reached) && to <= reached);

  /* Both on the main line. */
  if (to < from)
    return to + 1 == from;
  if (to > TM_STATUS_APPROVED && from < TM_STATUS_APPROVED)
    return FALSE;
  return TRUE;
}

static void
status_change_clear (TmStatusChange *change)
{
  g_clear_pointer (&change->who, g_free);
  g_clear_pointer (&change->note, g_free);
}

void
tm_move_review_init (TmMoveReview *review,
                     const char   *scenario_id)
{
  g_return_if_fail (review != NULL);

  memset (review, 0, sizeof *review);
  review->scenario_id = g_strdup (scenario_id);
  review->status_log = g_array_new (FALSE, TRUE, sizeof (TmStatusChange));
  g_array_set_clear_func (review->status_log, (GDestroyNotify) status_change_clear);
}

void
tm_move_review_clear (TmMoveReview *review)
{
  if (review == NULL)
    return;

  g_clear_pointer (&review->scenario_id, g_free);
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    g_clear_pointer (&review->checks[i].note, g_free);
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    g_clear_pointer (&review->quality[i].note, g_free);
  g_clear_pointer (&review->barrier_note, g_free);
  g_clear_pointer (&review->mitigation, g_free);
  g_clear_pointer (&review->responsible, g_free);
  g_clear_pointer (&review->delegation_ref, g_free);
  g_clear_pointer (&review->quality_standards, g_free);
  g_clear_pointer (&review->follow_up, g_free);
  g_clear_pointer (&review->status_log, g_array_unref);
}

/* Empty texts are kept as NULL, so that "" and NULL compare alike. */
static char *
dup_text (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
tm_move_review_copy_into (TmMoveReview       *dest,
                          const TmMoveReview *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  tm_move_review_init (dest, src->scenario_id);
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      dest->checks[i].state = src->checks[i].state;
      dest->checks[i].note = dup_text (src->checks[i].note);
    }
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      dest->quality[i].rating = src->quality[i].rating;
      dest->quality[i].note = dup_text (src->quality[i].note);
    }
  dest->barriers = src->barriers;
  dest->barrier_note = dup_text (src->barrier_note);
  dest->risk = src->risk;
  dest->mitigation = dup_text (src->mitigation);
  dest->responsible = dup_text (src->responsible);
  dest->delegation_ref = dup_text (src->delegation_ref);
  dest->quality_standards = dup_text (src->quality_standards);
  dest->follow_up = dup_text (src->follow_up);
  for (guint i = 0; src->status_log != NULL && i < src->status_log->len; i++)
    {
      const TmStatusChange *c = &g_array_index (src->status_log, TmStatusChange, i);
      TmStatusChange copy = { c->status, c->when, g_strdup (c->who), dup_text (c->note), c->n_open };

      g_array_append_val (dest->status_log, copy);
    }
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

gboolean
tm_move_review_equal (const TmMoveReview *a,
                      const TmMoveReview *b)
{
  guint na, nb;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  if (g_strcmp0 (a->scenario_id, b->scenario_id) != 0 ||
      a->barriers != b->barriers || a->risk != b->risk ||
      !same_text (a->barrier_note, b->barrier_note) ||
      !same_text (a->mitigation, b->mitigation) ||
      !same_text (a->responsible, b->responsible) ||
      !same_text (a->delegation_ref, b->delegation_ref) ||
      !same_text (a->quality_standards, b->quality_standards) ||
      !same_text (a->follow_up, b->follow_up))
    return FALSE;

  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    if (a->checks[i].state != b->checks[i].state || !same_text (a->checks[i].note, b->checks[i].note))
      return FALSE;
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    if (a->quality[i].rating != b->quality[i].rating ||
        !same_text (a->quality[i].note, b->quality[i].note))
      return FALSE;

  na = a->status_log ? a->status_log->len : 0;
  nb = b->status_log ? b->status_log->len : 0;
  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const TmStatusChange *x = &g_array_index (a->status_log, TmStatusChange, i);
      const TmStatusChange *y = &g_array_index (b->status_log, TmStatusChange, i);

      if (x->status != y->status || x->when != y->when || x->n_open != y->n_open ||
          g_strcmp0 (x->who, y->who) != 0 || !same_text (x->note, y->note))
        return FALSE;
    }
  return TRUE;
}

TmMoveStatus
tm_move_review_get_status (const TmMoveReview *review)
{
  if (review == NULL || review->status_log == NULL || review->status_log->len == 0)
    return TM_STATUS_PROPOSED;
  return g_array_index (review->status_log, TmStatusChange, review->status_log->len - 1).status;
}

TmMoveStatus
tm_move_review_get_reached (const TmMoveReview *review)
{
  TmMoveStatus reached = TM_STATUS_PROPOSED;

  for (guint i = 0; review != NULL && review->status_log != NULL && i < review->status_log->len; i++)
    {
      TmMoveStatus s = g_array_index (review->status_log, TmStatusChange, i).status;

      if (is_main_line (s) && s > reached)
        reached = s;
    }
  return reached;
}

guint
tm_move_review_count_open (const TmMoveReview *review)
{
  guint n = 0;

  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    if (review == NULL || review->checks[i].state == TM_CHECK_NOT_CONSIDERED)
      n++;
  return n;
}

guint
tm_move_review_count_concerns (const TmMoveReview *review)
{
  guint n = 0;

  for (guint i = 0; review != NULL && i < TM_N_CHECK_ITEMS; i++)
    if (review->checks[i].state == TM_CHECK_CONCERN)
      n++;
  return n;
}
