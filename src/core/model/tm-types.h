/* tm-types.h
 * Shared enums and forward declarations of the Taskmap core.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _TmPortfolio  TmPortfolio;
typedef struct _TmTask       TmTask;
typedef struct _TmProfession TmProfession;
typedef struct _TmScenario   TmScenario;

/* Called now and then during long work (an import, a merge, the report);
 * @fraction from 0 to 1. */
typedef void (*TmProgressFunc) (double   fraction,
                                gpointer user_data);
typedef struct _TmWorkshop   TmWorkshop;

/* The country decides the reference professions and terms such as
 * MED committee (Denmark) versus AMU (Norway). */
typedef enum {
  TM_COUNTRY_DK,
  TM_COUNTRY_NO,
  TM_N_COUNTRIES
} TmCountry;

typedef enum {
  TM_SETTING_HOSPITAL_WARD,
  TM_SETTING_ACUTE,
  TM_SETTING_OUTPATIENT,
  TM_SETTING_PSYCHIATRY,
  TM_SETTING_HOME_CARE,
  TM_SETTING_NURSING_HOME,
  TM_SETTING_SHORT_STAY,
  TM_SETTING_OTHER,
  TM_N_SETTINGS
} TmSetting;

/* The three competence levels of nursing work (BRIEF 2). */
typedef enum {
  TM_LEVEL_NOT_ASSESSED,
  TM_LEVEL_ADMIN,
  TM_LEVEL_BOUNDED_CLINICAL,
  TM_LEVEL_COORDINATION,
  TM_N_LEVELS
} TmLevel;

typedef enum {
  TM_COMPLEXITY_NOT_ASSESSED,
  TM_COMPLEXITY_LOW,
  TM_COMPLEXITY_MODERATE,
  TM_COMPLEXITY_HIGH,
  TM_COMPLEXITY_VARIES,
  TM_N_COMPLEXITIES
} TmComplexity;

/* The period a task's count of occurrences is given for. A month is 52/12
 * weeks, a year 52 weeks. "Per shift" counts the shifts the task occurs on
 * (TmShifts): each of day, evening and night is a shift every weekday, and
 * every day with the weekend; without any of them the time is not known. */
typedef enum {
  TM_PER_DAY,
  TM_PER_WEEK,
  TM_PER_MONTH,
  TM_PER_YEAR,
  TM_PER_SHIFT,
  TM_N_PERS
} TmPer;

typedef enum {
  TM_SHIFT_DAY     = 1 << 0,
  TM_SHIFT_EVENING = 1 << 1,
  TM_SHIFT_NIGHT   = 1 << 2,
  TM_SHIFT_WEEKEND = 1 << 3,
} TmShifts;

/* Whether a candidate profession could take over a task (BRIEF 2, 7.4). */
typedef enum {
  TM_SUITABILITY_NOT_ASSESSED,
  TM_SUITABILITY_CAN_TAKE_OVER,
  TM_SUITABILITY_AFTER_TRAINING,
  TM_SUITABILITY_DELEGATION_SPECIFIC,   /* konkret delegation: one patient */
  TM_SUITABILITY_DELEGATION_FRAMEWORK,  /* rammedelegation: written instruction */
  TM_SUITABILITY_SHARED,
  TM_SUITABILITY_NOT_APPROPRIATE,
  TM_N_SUITABILITIES
} TmSuitability;

typedef enum {
  TM_TRAINING_NONE,
  TM_TRAINING_ON_THE_JOB,
  TM_TRAINING_INTERNAL_COURSE,
  TM_TRAINING_FORMAL,
  TM_N_TRAININGS
} TmTraining;

typedef enum {
  TM_RATIONALE_NONE,
  TM_RATIONALE_PROFESSIONAL,
  TM_RATIONALE_SUBSTITUTION,
  TM_N_RATIONALES
} TmRationale;

/* What a scenario does with a task. */
typedef enum {
  TM_MOVE_TO_PROFESSION,
  TM_MOVE_STOP,
  TM_MOVE_TECHNOLOGY,
  TM_N_MOVE_KINDS
} TmMoveKind;

#define TM_N_SHIFTS 4
#define TM_SHIFTS_ALL (TM_SHIFT_DAY | TM_SHIFT_EVENING | TM_SHIFT_NIGHT | TM_SHIFT_WEEKEND)

/* Stable identifiers, used in files and exports: never translated. */
const char *tm_country_to_id     (TmCountry     country);
gboolean    tm_country_from_id   (const char   *id,
                                  TmCountry    *country);
const char *tm_setting_to_id     (TmSetting     setting);
gboolean    tm_setting_from_id   (const char   *id,
                                  TmSetting    *setting);
const char *tm_level_to_id       (TmLevel       level);
gboolean    tm_level_from_id     (const char   *id,
                                  TmLevel      *level);
const char *tm_complexity_to_id  (TmComplexity  complexity);
gboolean    tm_complexity_from_id(const char   *id,
                                  TmComplexity *complexity);
const char *tm_per_to_id         (TmPer         per);
gboolean    tm_per_from_id       (const char   *id,
                                  TmPer        *per);
const char *tm_shift_to_id       (TmShifts      shift);
gboolean    tm_shift_from_id     (const char   *id,
                                  TmShifts     *shift);

const char *tm_suitability_to_id  (TmSuitability suitability);
gboolean    tm_suitability_from_id(const char   *id,
                                   TmSuitability *suitability);
const char *tm_training_to_id    (TmTraining    training);
gboolean    tm_training_from_id  (const char   *id,
                                  TmTraining   *training);
const char *tm_rationale_to_id   (TmRationale   rationale);
gboolean    tm_rationale_from_id (const char   *id,
                                  TmRationale  *rationale);
const char *tm_move_kind_to_id   (TmMoveKind    kind);
gboolean    tm_move_kind_from_id (const char   *id,
                                  TmMoveKind   *kind);

/* Translated labels, for the UI and reports. */
const char *tm_country_get_label          (TmCountry     country);
const char *tm_setting_get_label          (TmSetting     setting);
const char *tm_level_get_label            (TmLevel       level);
const char *tm_level_get_short_label      (TmLevel       level);
const char *tm_complexity_get_label       (TmComplexity  complexity);
const char *tm_per_get_label              (TmPer         per);
const char *tm_shift_get_label            (TmShifts      shift);
const char *tm_suitability_get_label      (TmSuitability suitability);
/* One letter or sign per suitability, so the matrix reads in black and white. */
const char *tm_suitability_get_symbol     (TmSuitability suitability);
const char *tm_training_get_label         (TmTraining    training);
const char *tm_rationale_get_label        (TmRationale   rationale);
const char *tm_move_kind_get_label        (TmMoveKind    kind);
/* The shifts a week a task with @shifts occurs on: 5 (weekdays) or 7 (with
 * the weekend) for each of day, evening and night; 0 when none is given. */
double      tm_shifts_per_week            (guint         shifts);
/* The complexity a task meets for the purpose of limits: "varies" counts as high. */
TmComplexity tm_complexity_effective      (TmComplexity  complexity);
/* "MED committee" in Denmark, "AMU / union representatives" in Norway. */
const char *tm_country_get_committee_label(TmCountry     country);

G_END_DECLS
