/* tm-types.c
 * Stable identifiers and translated labels of the core enums.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-types"

#include "config.h"

#include "model/tm-i18n-private.h"
#include "model/tm-ids-private.h"

#include "model/tm-types.h"

static const char * const country_ids[] = { "dk", "no" };
static const char * const setting_ids[] = {
  "hospital-ward", "acute", "outpatient", "psychiatry",
  "home-care", "nursing-home", "short-stay", "other",
};
static const char * const level_ids[] = {
  "not-assessed", "admin", "bounded-clinical", "coordination",
};
static const char * const complexity_ids[] = {
  "not-assessed", "low", "moderate", "high", "varies",
};
static const char * const per_ids[] = { "day", "week", "month", "year", "shift" };
static const char * const shift_ids[] = { "day", "evening", "night", "weekend" };

static const char * const suitability_ids[] = {
  "not-assessed", "can-take-over", "after-training", "delegation-specific",
  "delegation-framework", "shared", "not-appropriate",
};
static const char * const training_ids[] = { "none", "on-the-job", "internal-course", "formal" };
static const char * const rationale_ids[] = { "none", "professional", "substitution" };
static const char * const move_kind_ids[] = { "profession", "stop", "technology" };

G_STATIC_ASSERT (G_N_ELEMENTS (suitability_ids) == TM_N_SUITABILITIES);
G_STATIC_ASSERT (G_N_ELEMENTS (training_ids) == TM_N_TRAININGS);
G_STATIC_ASSERT (G_N_ELEMENTS (rationale_ids) == TM_N_RATIONALES);
G_STATIC_ASSERT (G_N_ELEMENTS (move_kind_ids) == TM_N_MOVE_KINDS);
G_STATIC_ASSERT (G_N_ELEMENTS (country_ids) == TM_N_COUNTRIES);
G_STATIC_ASSERT (G_N_ELEMENTS (setting_ids) == TM_N_SETTINGS);
G_STATIC_ASSERT (G_N_ELEMENTS (level_ids) == TM_N_LEVELS);
G_STATIC_ASSERT (G_N_ELEMENTS (complexity_ids) == TM_N_COMPLEXITIES);
G_STATIC_ASSERT (G_N_ELEMENTS (per_ids) == TM_N_PERS);
G_STATIC_ASSERT (G_N_ELEMENTS (shift_ids) == TM_N_SHIFTS);

gboolean
_tm_ids_lookup (const char * const *ids,
                guint               n_ids,
                const char         *id,
                guint              *out)
{
  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < n_ids; i++)
    {
      if (g_str_equal (ids[i], id))
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

TM_DEFINE_IDS (country, TmCountry, country_ids, TM_N_COUNTRIES)
TM_DEFINE_IDS (setting, TmSetting, setting_ids, TM_N_SETTINGS)
TM_DEFINE_IDS (level, TmLevel, level_ids, TM_N_LEVELS)
TM_DEFINE_IDS (complexity, TmComplexity, complexity_ids, TM_N_COMPLEXITIES)
TM_DEFINE_IDS (per, TmPer, per_ids, TM_N_PERS)
TM_DEFINE_IDS (suitability, TmSuitability, suitability_ids, TM_N_SUITABILITIES)
TM_DEFINE_IDS (training, TmTraining, training_ids, TM_N_TRAININGS)
TM_DEFINE_IDS (rationale, TmRationale, rationale_ids, TM_N_RATIONALES)
TM_DEFINE_IDS (move_kind, TmMoveKind, move_kind_ids, TM_N_MOVE_KINDS)

static int
shift_index (TmShifts shift)
{
  for (int i = 0; i < TM_N_SHIFTS; i++)
    if ((guint) shift == (1u << i))
      return i;
  return -1;
}

const char *
tm_shift_to_id (TmShifts shift)
{
  int i = shift_index (shift);

  g_return_val_if_fail (i >= 0, NULL);
  return shift_ids[i];
}

gboolean
tm_shift_from_id (const char *id,
                  TmShifts   *shift)
{
  guint i;

  if (!_tm_ids_lookup (shift_ids, TM_N_SHIFTS, id, &i))
    return FALSE;
  if (shift != NULL)
    *shift = (TmShifts) (1u << i);
  return TRUE;
}

const char *
tm_country_get_label (TmCountry country)
{
  switch (country)
    {
    case TM_COUNTRY_DK: return _("Denmark");
    case TM_COUNTRY_NO: return _("Norway");
    case TM_N_COUNTRIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_country_get_committee_label (TmCountry country)
{
  switch (country)
    {
    case TM_COUNTRY_DK: return _("MED committee");
    /* Translators: Norway has no MED system; the nearest bodies are the working
     * environment committee and the union representatives. */
    case TM_COUNTRY_NO: return _("AMU and union representatives");
    case TM_N_COUNTRIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_setting_get_label (TmSetting setting)
{
  switch (setting)
    {
    case TM_SETTING_HOSPITAL_WARD: return _("Hospital ward");
    case TM_SETTING_ACUTE: return _("Acute and emergency care");
    case TM_SETTING_OUTPATIENT: return _("Outpatient clinic");
    case TM_SETTING_PSYCHIATRY: return _("Psychiatry");
    case TM_SETTING_HOME_CARE: return _("Home care");
    case TM_SETTING_NURSING_HOME: return _("Nursing home");
    case TM_SETTING_SHORT_STAY: return _("Temporary and short-stay places");
    case TM_SETTING_OTHER: return _("Other");
    case TM_N_SETTINGS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_level_get_label (TmLevel level)
{
  switch (level)
    {
    case TM_LEVEL_NOT_ASSESSED: return _("Not assessed");
    case TM_LEVEL_ADMIN: return _("Administrative tasks and incidental work");
    case TM_LEVEL_BOUNDED_CLINICAL: return _("Bounded clinical tasks");
    case TM_LEVEL_COORDINATION: return _("Coordination of clinical work");
    case TM_N_LEVELS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_level_get_short_label (TmLevel level)
{
  switch (level)
    {
    case TM_LEVEL_NOT_ASSESSED: return _("Not assessed");
    /* Translators: short form of "Administrative tasks and incidental work" */
    case TM_LEVEL_ADMIN: return _("Admin & incidental");
    /* Translators: short form of "Bounded clinical tasks" */
    case TM_LEVEL_BOUNDED_CLINICAL: return _("Bounded clinical");
    /* Translators: short form of "Coordination of clinical work" */
    case TM_LEVEL_COORDINATION: return _("Coordination");
    case TM_N_LEVELS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_complexity_get_label (TmComplexity complexity)
{
  switch (complexity)
    {
    case TM_COMPLEXITY_NOT_ASSESSED: return _("Not assessed");
    /* Translators: patient complexity */
    case TM_COMPLEXITY_LOW: return C_("complexity", "Low");
    /* Translators: patient complexity */
    case TM_COMPLEXITY_MODERATE: return C_("complexity", "Moderate");
    /* Translators: patient complexity */
    case TM_COMPLEXITY_HIGH: return C_("complexity", "High");
    case TM_COMPLEXITY_VARIES: return _("Varies with the patient");
    case TM_N_COMPLEXITIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_per_get_label (TmPer per)
{
  switch (per)
    {
    /* Translators: as in "3 times per day" */
    case TM_PER_DAY: return _("per day");
    /* Translators: as in "3 times per week" */
    case TM_PER_WEEK: return _("per week");
    /* Translators: as in "3 times per month" */
    case TM_PER_MONTH: return _("per month");
    /* Translators: as in "3 times per year" */
    case TM_PER_YEAR: return _("per year");
    /* Translators: as in "3 times per shift" */
    case TM_PER_SHIFT: return _("per shift");
    case TM_N_PERS:
    default:
      g_return_val_if_reached (NULL);
    }
}

double
tm_shifts_per_week (guint shifts)
{
  guint n = 0;

  for (TmShifts s = TM_SHIFT_DAY; s <= TM_SHIFT_NIGHT; s <<= 1)
    if (shifts & s)
      n++;
  return n * ((shifts & TM_SHIFT_WEEKEND) ? 7.0 : 5.0);
}

const char *
tm_shift_get_label (TmShifts shift)
{
  switch (shift_index (shift))
    {
    case 0: return _("Day shift");
    case 1: return _("Evening shift");
    case 2: return _("Night shift");
    case 3: return _("Weekend");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_suitability_get_label (TmSuitability suitability)
{
  switch (suitability)
    {
    case TM_SUITABILITY_NOT_ASSESSED: return _("Not assessed");
    case TM_SUITABILITY_CAN_TAKE_OVER: return _("Can take over");
    case TM_SUITABILITY_AFTER_TRAINING: return _("Can take over with training");
    /* Translators: Danish "konkret delegation": delegated for one patient */
    case TM_SUITABILITY_DELEGATION_SPECIFIC: return _("Under delegation for the single patient");
    /* Translators: Danish "rammedelegation": delegated for a patient group with a written instruction */
    case TM_SUITABILITY_DELEGATION_FRAMEWORK: return _("Under framework delegation (written instruction)");
    case TM_SUITABILITY_SHARED: return _("Shared task");
    case TM_SUITABILITY_NOT_APPROPRIATE: return _("Not appropriate");
    case TM_N_SUITABILITIES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_suitability_get_symbol (TmSuitability suitability)
{
  /* Not translated: the legend explains them, and they must stay one
   * character wide in every language. */
  static const char * const symbols[] = { "·", "✓", "T", "D", "R", "S", "✗" };

  G_STATIC_ASSERT (G_N_ELEMENTS (symbols) == TM_N_SUITABILITIES);
  g_return_val_if_fail ((guint) suitability < TM_N_SUITABILITIES, NULL);
  return symbols[suitability];
}

const char *
tm_training_get_label (TmTraining training)
{
  switch (training)
    {
    case TM_TRAINING_NONE: return _("No training");
    case TM_TRAINING_ON_THE_JOB: return _("On-the-job training");
    case TM_TRAINING_INTERNAL_COURSE: return _("Internal course");
    case TM_TRAINING_FORMAL: return _("Formal education");
    case TM_N_TRAININGS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_rationale_get_label (TmRationale rationale)
{
  switch (rationale)
    {
    case TM_RATIONALE_NONE: return _("Not stated");
    case TM_RATIONALE_PROFESSIONAL: return _("Professional rationale");
    case TM_RATIONALE_SUBSTITUTION: return _("Substitution rationale");
    case TM_N_RATIONALES:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
tm_move_kind_get_label (TmMoveKind kind)
{
  switch (kind)
    {
    case TM_MOVE_TO_PROFESSION: return _("Move to a profession");
    case TM_MOVE_STOP: return _("Stop doing the task");
    case TM_MOVE_TECHNOLOGY: return _("Can be supported by technology");
    case TM_N_MOVE_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

TmComplexity
tm_complexity_effective (TmComplexity complexity)
{
  return complexity == TM_COMPLEXITY_VARIES ? TM_COMPLEXITY_HIGH : complexity;
}
