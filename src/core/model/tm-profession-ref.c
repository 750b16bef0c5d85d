/* tm-profession-ref.c
 * The reference lists of professions and staff groups for Denmark and Norway.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-profession"

#include "config.h"

#include "model/tm-profession.h"

/* The lists follow BRIEF section 3 (professions and staff groups named in the
 * seed documents). The names are each country's own titles: they are data, not
 * user-interface strings, so they are not marked for translation.
 *
 * Facts marked [ext] in the brief come from general knowledge, not from the
 * seeds, and should be checked before they are shown as authoritative. That
 * concerns all of Norway's authorisation flags (helsepersonelloven §48) and,
 * for Denmark, the flags of farmakonom, farmaceut (only the behandlerfarmaceut
 * has a task-specific authorisation), psykolog (authorised under the separate
 * Psychologists Act), ambulancebehandler and paramediciner.
 *
 * An id is the same in both countries where the profession is the same or the
 * brief names the nearest equivalent (SSA ≈ helsefagarbeider, farmakonom ≈
 * apotektekniker, pædagog ≈ vernepleier in care settings, husassistent ≈
 * avdelingsassistent), so portfolios of the two countries can be merged.
 * Danish groups with no Norwegian twin (SSH, operationstekniker) are left out
 * of the Norwegian list.
 *
 * Order: nursing staff, physicians, therapists, other health professions,
 * administrative staff, unskilled groups.
 */

static const TmProfessionRef refs_dk[] = {
  /* Nursing staff */
  { "nurse", "Sygeplejerske", "Registered nurse", TRUE, FALSE },
  { "ssa", "Social- og sundhedsassistent (SSA)", "Social and health care assistant", TRUE, FALSE },
  { "ssh", "Social- og sundhedshjælper (SSH)", "Social and health care helper", FALSE, FALSE },

  /* Physicians */
  { "physician", "Læge", "Physician", TRUE, FALSE },

  /* Therapists */
  { "physiotherapist", "Fysioterapeut", "Physiotherapist", TRUE, FALSE },
  { "occupational-therapist", "Ergoterapeut", "Occupational therapist", TRUE, FALSE },

  /* Other health professions */
  { "midwife", "Jordemoder", "Midwife", TRUE, FALSE },
  { "pharmacy-technician", "Farmakonom", "Pharmacy technician (pharmaconomist)", FALSE, FALSE },
  { "pharmacist", "Farmaceut", "Pharmacist", FALSE, FALSE },
  { "dietitian", "Klinisk diætist", "Clinical dietitian", TRUE, FALSE },
  { "psychologist", "Psykolog", "Psychologist", TRUE, FALSE },
  { "social-educator", "Pædagog", "Social educator", FALSE, FALSE },
  { "social-worker", "Socialrådgiver", "Social worker", FALSE, FALSE },
  { "biomedical-laboratory-scientist", "Bioanalytiker", "Biomedical laboratory scientist", TRUE, FALSE },
  { "radiographer", "Radiograf", "Radiographer", TRUE, FALSE },
  { "ambulance-worker", "Ambulancebehandler", "Ambulance worker (EMT)", TRUE, FALSE },
  { "paramedic", "Paramediciner", "Paramedic", TRUE, FALSE },
  { "operating-theatre-technician", "Operationstekniker", "Operating-theatre technician", FALSE, FALSE },

  /* Administrative staff */
  { "medical-secretary", "Lægesekretær", "Medical secretary", FALSE, FALSE },
  { "administrative-staff", "Kliniknær administrativ medarbejder", "Clinic-near administrative staff", FALSE, FALSE },
  { "patient-adviser", "Patientvejleder", "Patient adviser", FALSE, FALSE },
  { "clinical-it-support", "It-medarbejder i klinikken", "Clinic-embedded IT support", FALSE, FALSE },

  /* Unskilled groups */
  { "porter", "Portør", "Hospital porter", FALSE, TRUE },
  { "service-assistant", "Serviceassistent", "Service assistant", FALSE, TRUE },
  { "ward-assistant", "Husassistent", "Ward assistant", FALSE, TRUE },
  { "runner", "Runner", "Ward runner", FALSE, TRUE },
  { "unskilled", "Ufaglært medarbejder", "Unskilled staff", FALSE, TRUE },
};

static const TmProfessionRef refs_no[] = {
  /* Nursing staff */
  { "nurse", "Sykepleier", "Registered nurse", TRUE, FALSE },
  { "ssa", "Helsefagarbeider", "Skilled health worker", TRUE, FALSE },

  /* Physicians */
  { "physician", "Lege", "Physician", TRUE, FALSE },

  /* Therapists */
  { "physiotherapist", "Fysioterapeut", "Physiotherapist", TRUE, FALSE },
  { "occupational-therapist", "Ergoterapeut", "Occupational therapist", TRUE, FALSE },

  /* Other health professions */
  { "midwife", "Jordmor", "Midwife", TRUE, FALSE },
  { "pharmacy-technician", "Apotektekniker", "Pharmacy technician", TRUE, FALSE },
  { "pharmacist", "Farmasøyt", "Pharmacist", TRUE, FALSE },
  { "dietitian", "Klinisk ernæringsfysiolog", "Clinical dietitian", TRUE, FALSE },
  { "psychologist", "Psykolog", "Psychologist", TRUE, FALSE },
  { "social-educator", "Vernepleier", "Social educator", TRUE, FALSE },
  { "social-worker", "Sosionom", "Social worker", FALSE, FALSE },
  { "biomedical-laboratory-scientist", "Bioingeniør", "Biomedical laboratory scientist", TRUE, FALSE },
  { "radiographer", "Radiograf", "Radiographer", TRUE, FALSE },
  { "ambulance-worker", "Ambulansearbeider", "Ambulance worker (EMT)", TRUE, FALSE },
  { "paramedic", "Paramedisiner", "Paramedic", TRUE, FALSE },

  /* Administrative staff */
  { "medical-secretary", "Helsesekretær", "Medical secretary", TRUE, FALSE },
  { "administrative-staff", "Administrativ medarbeider", "Clinic-near administrative staff", FALSE, FALSE },
  { "patient-adviser", "Pasientveileder", "Patient adviser", FALSE, FALSE },
  { "clinical-it-support", "IT-medarbeider i klinikken", "Clinic-embedded IT support", FALSE, FALSE },

  /* Unskilled groups */
  { "porter", "Portør", "Hospital porter", FALSE, TRUE },
  { "service-assistant", "Serviceassistent", "Service assistant", FALSE, TRUE },
  { "ward-assistant", "Avdelingsassistent", "Ward assistant", FALSE, TRUE },
  { "runner", "Runner", "Ward runner", FALSE, TRUE },
  { "unskilled", "Ufaglært medarbeider", "Unskilled staff", FALSE, TRUE },
};

const TmProfessionRef *
tm_profession_ref_list (TmCountry  country,
                        guint     *n_refs)
{
  const TmProfessionRef *refs = NULL;
  guint n = 0;

  if (n_refs != NULL)
    *n_refs = 0;

  switch (country)
    {
    case TM_COUNTRY_DK:
      refs = refs_dk;
      n = G_N_ELEMENTS (refs_dk);
      break;

    case TM_COUNTRY_NO:
      refs = refs_no;
      n = G_N_ELEMENTS (refs_no);
      break;

    case TM_N_COUNTRIES:
    default:
      g_return_val_if_reached (NULL);
    }

  if (n_refs != NULL)
    *n_refs = n;

  return refs;
}
