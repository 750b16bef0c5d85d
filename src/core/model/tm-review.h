/* tm-review.h
 * The assessment of a chosen move against the region's principles (BRIEF
 * 7.1): the checklist, the WHO quality grid, barriers, risk, and the move's
 * status with its history; the workshops where moves were agreed; and the
 * history of every change to tasks, assessments and moves.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-types.h"

G_BEGIN_DECLS

/* The principles as a checklist: the seven prerequisites (the first split in
 * three, so that the capacity of the group that gives the task and of the
 * one that receives it are answered each on their own), the five dialogue
 * items and the two follow-up items. */
typedef enum {
  /* Prerequisites and conditions */
  TM_CHECK_BARRIERS,              /* barriers and possibilities assessed, and how they are handled */
  TM_CHECK_CAPACITY_GIVING,       /* competences and capacity of the group that gives the task */
  TM_CHECK_CAPACITY_RECEIVING,    /* competences and capacity of the group that receives it */
  TM_CHECK_AUTHORISATION,         /* authorisation and delegation assessed */
  TM_CHECK_COMPETENCE_DEFINED,    /* what the task consists of and what it takes, known to all */
  TM_CHECK_TRAINING_NEEDS,        /* education and competence development assessed */
  TM_CHECK_QUALITY_STANDARDS,     /* measurable quality standards set at the start */
  TM_CHECK_GUIDANCE,              /* guidance, education and monitoring after the move */
  TM_CHECK_MINI_HTA,              /* optionally a mini health-technology assessment */
  /* Dialogue about the task */
  TM_CHECK_MANAGEMENT,            /* management involvement and drive */
  TM_CHECK_QUALITY_LEVEL,         /* a conscious decision on the quality level (WHO grid) */
  TM_CHECK_STAFF_INVOLVED,        /* the staff directly affected involved */
  TM_CHECK_CONSEQUENCES,          /* consequences for other professions, departments, accreditation, education */
  TM_CHECK_NEW_TASKS,             /* new tasks or technology considered as a trigger */
  /* Follow-up */
  TM_CHECK_FOLLOW_UP,             /* research, development and follow-up on experience */
  TM_CHECK_SPREADING,             /* visibility and spreading of knowledge */
  TM_N_CHECK_ITEMS
} TmCheckItem;

typedef enum {
  TM_CHECK_SECTION_PREREQUISITES,
  TM_CHECK_SECTION_DIALOGUE,
  TM_CHECK_SECTION_FOLLOW_UP,
  TM_N_CHECK_SECTIONS
} TmCheckSection;

typedef enum {
  TM_CHECK_NOT_CONSIDERED,        /* not yet considered */
  TM_CHECK_FINE,                  /* considered, fine */
  TM_CHECK_CONCERN,               /* considered, concern */
  TM_CHECK_NOT_RELEVANT,          /* not relevant */
  TM_N_CHECK_STATES
} TmCheckState;

/* WHO's five quality components. */
typedef enum {
  TM_QUALITY_PROFESSIONAL_STANDARD,
  TM_QUALITY_RESOURCES,
  TM_QUALITY_PATIENT_RISK,
  TM_QUALITY_PATIENT_SATISFACTION,
  TM_QUALITY_PATHWAY,
  TM_N_QUALITY_COMPONENTS
} TmQualityComponent;

typedef enum {
  TM_RATING_UNKNOWN,
  TM_RATING_BETTER,
  TM_RATING_SAME,
  TM_RATING_WORSE,
  TM_N_RATINGS
} TmRating;

/* The five barrier themes (BRIEF 8.1), as flags. */
typedef enum {
  TM_BARRIER_ORGANISATION = 1 << 0,   /* organisation and resources */
  TM_BARRIER_BOUNDARIES   = 1 << 1,   /* professional boundaries and traditions */
  TM_BARRIER_RULES        = 1 << 2,   /* legislation and guidelines */
  TM_BARRIER_EXPECTATIONS = 1 << 3,   /* pressure of expectations */
  TM_BARRIER_LEADERSHIP   = 1 << 4,   /* leadership and change */
} TmBarrier;
#define TM_N_BARRIERS 5
#define TM_BARRIERS_ALL 0x1f

typedef enum {
  TM_RISK_NOT_ASSESSED,
  TM_RISK_LOW,
  TM_RISK_MEDIUM,
  TM_RISK_HIGH,
  TM_N_RISKS
} TmRisk;

/* Where a move stands. The main line runs from PROPOSED to EVALUATED;
 * REJECTED and PAUSED stand aside. */
typedef enum {
  TM_STATUS_PROPOSED,
  TM_STATUS_AGREED,       /* agreed in a workshop */
  TM_STATUS_APPROVED,     /* approved by the committee (MED / AMU) */
  TM_STATUS_PILOTED,
  TM_STATUS_IMPLEMENTED,
  TM_STATUS_EVALUATED,
  TM_STATUS_REJECTED,
  TM_STATUS_PAUSED,
  TM_N_STATUSES
} TmMoveStatus;

/* Stable ids for files ("barriers", "capacity-giving", "fine", "better", ...). */
const char   *tm_check_item_to_id      (TmCheckItem item);
gboolean      tm_check_item_from_id    (const char *id, TmCheckItem *item);
const char   *tm_check_state_to_id     (TmCheckState state);
gboolean      tm_check_state_from_id   (const char *id, TmCheckState *state);
const char   *tm_quality_component_to_id   (TmQualityComponent component);
gboolean      tm_quality_component_from_id (const char *id, TmQualityComponent *component);
const char   *tm_rating_to_id          (TmRating rating);
gboolean      tm_rating_from_id        (const char *id, TmRating *rating);
const char   *tm_barrier_to_id         (TmBarrier barrier);
gboolean      tm_barrier_from_id       (const char *id, TmBarrier *barrier);
const char   *tm_risk_to_id            (TmRisk risk);
gboolean      tm_risk_from_id          (const char *id, TmRisk *risk);
const char   *tm_move_status_to_id     (TmMoveStatus status);
gboolean      tm_move_status_from_id   (const char *id, TmMoveStatus *status);

/* Translated labels. The check item's label is a short heading; its
 * description the principle in a sentence, for a tooltip or the report. */
const char   *tm_check_item_get_label       (TmCheckItem item);
const char   *tm_check_item_get_description (TmCheckItem item);
TmCheckSection tm_check_item_get_section    (TmCheckItem item);
const char   *tm_check_section_get_label    (TmCheckSection section);
const char   *tm_check_state_get_label      (TmCheckState state);
const char   *tm_quality_component_get_label (TmQualityComponent component);
const char   *tm_rating_get_label           (TmRating rating);
const char   *tm_barrier_get_label          (TmBarrier barrier);
const char   *tm_risk_get_label             (TmRisk risk);
/* "Approved by the MED committee" in Denmark, "Approved by AMU / union
 * representatives" in Norway. */
const char   *tm_move_status_get_label      (TmMoveStatus status,
                                             TmCountry    country);

/* Whether a move's status may go from @from to @to: forward along the main
 * line without skipping the committee's approval (PROPOSED → APPROVED is
 * allowed, AGREED → PILOTED is not); one step back, to correct a mistake;
 * from any status but REJECTED to REJECTED or PAUSED; from REJECTED back to
 * PROPOSED; from PAUSED to PROPOSED or to any main-line status up to
 * @reached, the furthest the move had come before. */
gboolean      tm_move_status_can_change     (TmMoveStatus from,
                                             TmMoveStatus to,
                                             TmMoveStatus reached);

typedef struct {
  TmCheckState  state;
  char         *note;
} TmCheck;

typedef struct {
  TmRating  rating;
  char     *note;
} TmQualityRating;

typedef struct {
  TmMoveStatus  status;
  gint64        when;        /* seconds since 1970 UTC */
  char         *who;         /* the name given at first start, or the system user */
  char         *note;
  guint         n_open;      /* checklist items not yet considered at the change; an
                              * approval with n_open > 0 was confirmed by @who */
} TmStatusChange;

/* The assessment of the move a scenario makes for a task. Kept with the
 * task (TmTaskData.reviews, one per scenario) and so undone, exported,
 * imported and merged with it. */
typedef struct {
  char            *scenario_id;
  TmCheck          checks[TM_N_CHECK_ITEMS];
  TmQualityRating  quality[TM_N_QUALITY_COMPONENTS];
  guint            barriers;           /* TmBarrier flags */
  char            *barrier_note;
  TmRisk           risk;
  char            *mitigation;
  char            *responsible;        /* the person responsible */
  char            *delegation_ref;     /* the written delegation instruction, where one is needed */
  char            *quality_standards;  /* measurable quality standards */
  char            *follow_up;          /* how they are followed up */
  GArray          *status_log;         /* of TmStatusChange, oldest first; never NULL */
} TmMoveReview;

/* A blank review (everything not considered, status proposed, no history). */
void          tm_move_review_init        (TmMoveReview       *review,
                                          const char         *scenario_id);
void          tm_move_review_clear       (TmMoveReview       *review);
void          tm_move_review_copy_into   (TmMoveReview       *dest,
                                          const TmMoveReview *src);
gboolean      tm_move_review_equal       (const TmMoveReview *a,
                                          const TmMoveReview *b);
/* The latest status; PROPOSED with no history. */
TmMoveStatus  tm_move_review_get_status  (const TmMoveReview *review);
/* The furthest main-line status the move has reached. */
TmMoveStatus  tm_move_review_get_reached (const TmMoveReview *review);
/* Checklist items not yet considered, and those answered "concern". */
guint         tm_move_review_count_open     (const TmMoveReview *review);
guint         tm_move_review_count_concerns (const TmMoveReview *review);

G_END_DECLS
