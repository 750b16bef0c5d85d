/* tm-gen-portfolio.c
 * Generates a large, realistic portfolio (a region's merged catalogue) for the
 * benchmarks; optionally with assessments of candidate professions, extra
 * professions and scenarios with moves.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-gen-portfolio"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "tm-core.h"

#define BATCH_SIZE 5000

/* Words a Danish ward's task titles are made of. Data, not UI strings. */
static const char *verbs[] = {
  "Opfylde", "Bestille", "Tømme", "Rydde op i", "Tjekke", "Registrere", "Dokumentere",
  "Hente", "Aflevere", "Rengøre", "Koordinere", "Planlægge", "Udlevere", "Måle",
  "Give", "Skifte", "Ringe om", "Sortere", "Kontrollere", "Følge op på", "Vejlede om",
  "Servere", "Printe", "Vaske", "Pakke", "Booke", "Scanne", "Lægge",
};

static const char *objects[] = {
  "medicinvogne", "PVK-vogne", "urinposer", "madbakker", "væskeskemaer", "støttestrømper",
  "telemetri", "blodtryk", "blodprøver", "sengelinned", "hjælpemidler", "rollatorer",
  "patientinformationer", "journalnotater", "epikriser", "henvisninger", "tolkebestillinger",
  "patientbefordring", "udskrivelser", "indlæggelser", "tøj og håndklæder", "sug",
  "ilt", "kateterposer", "sårforbindinger", "insulin", "vitale værdier", "vægt",
  "kaffe og te", "elektroder", "holtere", "bærbare computere", "affaldsposer",
  "lagerbestillinger", "vagtplaner", "pårørendesamtaler", "stuegang", "døgnrytme",
};

static const char *places[] = {
  "på stuerne", "i skyllerummet", "i depotet", "på kontoret", "ved vagtskifte",
  "i ekkorummet", "i køkkenet", "til morgen", "om aftenen", "i weekenden",
  "ved udskrivelse", "ved indlæggelse", "på gangen", "i ambulatoriet", "i hjemmeplejen",
};

static const char *group_stems[] = {
  "Om morgenen", "Opfyldning", "Oprydning", "Mad & køkken", "Patientnære opgaver",
  "Øvrige opgaver", "Medicin", "Dokumentation", "Logistik", "Kommunikation",
  "Pleje", "Observation", "Udskrivelse", "Indlæggelse", "Hygiejne", "Transport",
  "Administration", "Vagtskifte", "Pårørende", "Træning",
};

static const char *description_words[] = {
  "efter", "aftale", "med", "koordinator", "og", "ved", "behov", "patienten",
  "skal", "have", "hjælp", "til", "det", "daglige", "tjek", "sikre", "at",
  "alt", "er", "på", "plads", "inden", "næste", "vagt",
};

/* Reference professions that perform most of a ward's tasks, first. */
static const char *common_performers[] = {
  "nurse", "nurse", "nurse", "ssa", "ssa", "ssh", "unskilled", "service-assistant",
  "ward-assistant", "runner", "porter", "physician", "medical-secretary",
};

/* Who could take over a ward's tasks: the usual candidates, first. */
static const char *common_candidates[] = {
  "ssa", "ssa", "ssh", "ssh", "unskilled", "unskilled", "service-assistant",
  "service-assistant", "ward-assistant", "runner", "runner", "porter",
  "medical-secretary", "medical-secretary", "administrative-staff",
  "pharmacy-technician", "clinical-it-support", "patient-adviser",
};

/* Staff groups a region adds to the reference list (name, unskilled). */
static const struct {
  const char *name;
  const char *name_en;
  gboolean    unskilled;
} user_professions[] = {
  { "Klinisk assistent", "Clinical assistant", FALSE },
  { "Sundhedsservicesekretær", "Health service secretary", FALSE },
  { "Logistikmedarbejder", "Logistics staff", TRUE },
  { "Patientkoordinator", "Patient coordinator", FALSE },
  { "Kostassistent", "Food service assistant", TRUE },
  { "Rengøringsassistent", "Cleaning assistant", TRUE },
  { "Værtsfunktion", "Ward host", TRUE },
  { "Studentermedhjælp", "Student helper", TRUE },
  { "Forløbskoordinator", "Pathway coordinator", FALSE },
  { "Sterilcentralassistent", "Sterile services assistant", TRUE },
};

/* Why a task should move: data, not UI strings. */
static const char *purposes[] = {
  "Frigøre sygeplejetid til patientnære opgaver",
  "Færre afbrydelser i medicinrummet",
  "Hurtigere udskrivelse om formiddagen",
  "Bedre kontinuitet for patienten",
  "Aflaste aftenvagten",
  "Samle opgaven hos én faggruppe",
  "Mindre spild af varer og tid",
  "Bruge kompetencerne der, hvor de gør mest gavn",
};

static const char *training_contents[] = {
  "Oplæring ved sygeplejerske, to vagter",
  "E-learning om hygiejne og dokumentation",
  "Kursus i måling af vitale værdier",
  "Instruks i systemet og sidemandsoplæring",
  "Rammedelegation gennemgås med afdelingslæge",
};

static const char *assessment_notes[] = {
  "Drøftet med tillidsrepræsentant",
  "Kræver afklaring med MED-udvalget",
  "Afprøves på ét afsnit først",
};

static const char *
pick (GRand        *rand,
      const char  **words,
      guint         n_words)
{
  return words[g_rand_int_range (rand, 0, n_words)];
}

#define PICK(rand, array) pick ((rand), (array), G_N_ELEMENTS (array))

/* What the assessments and moves draw on; built once per portfolio. */
typedef struct {
  guint       max_assessments;  /* 0: none */
  GPtrArray  *candidates;       /* profession ids (borrowed from the portfolio): non-hidden */
  GPtrArray  *likely;           /* the common candidates this portfolio has */
  GPtrArray  *scenario_ids;     /* (owned strings) the scenarios that get moves */
  GRand      *assess_rand;      /* separate sequences, so the tasks stay the same */
  GRand      *move_rand;        /* with and without the options */
  guint       n_assessments;
  guint       n_moves;
  guint       n_moves_by_kind[TM_N_MOVE_KINDS];
} Extras;

/* A profession of @country's reference list: mostly the usual performers,
 * sometimes anyone on the list. */
static const char *
pick_profession (GRand                 *rand,
                 const TmProfessionRef *refs,
                 guint                  n_refs)
{
  if (g_rand_double (rand) < 0.8)
    {
      const char *id = PICK (rand, common_performers);

      /* Norway has no SSH: fall back to the SSA's twin. */
      for (guint i = 0; i < n_refs; i++)
        if (g_str_equal (refs[i].id, id))
          return id;

      return "ssa";
    }

  return refs[g_rand_int_range (rand, 0, n_refs)].id;
}

static char *
make_description (GRand *rand)
{
  GString *s = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 6, 20);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, PICK (rand, description_words));
    }
  g_string_append_c (s, '.');

  return g_string_free (s, FALSE);
}

static gboolean
performs (const TmTaskData *data,
          const char       *profession_id)
{
  for (guint i = 0; i < data->performers->len; i++)
    if (g_str_equal (g_array_index (data->performers, TmPerformer, i).profession_id, profession_id))
      return TRUE;
  return FALSE;
}

static TmSuitability
pick_suitability (GRand *rand)
{
  double r = g_rand_double (rand);

  return r < 0.30 ? TM_SUITABILITY_CAN_TAKE_OVER
       : r < 0.50 ? TM_SUITABILITY_AFTER_TRAINING
       : r < 0.58 ? TM_SUITABILITY_DELEGATION_SPECIFIC
       : r < 0.70 ? TM_SUITABILITY_DELEGATION_FRAMEWORK
       : r < 0.82 ? TM_SUITABILITY_SHARED
       : r < 0.92 ? TM_SUITABILITY_NOT_APPROPRIATE
       : TM_SUITABILITY_NOT_ASSESSED;
}

/* Assessments of 1 to max_assessments candidates that do not perform the task
 * today: mostly the usual candidates, a third anyone, so every profession is
 * assessed somewhere. */
static void
add_assessments (Extras     *extras,
                 TmTaskData *data)
{
  GRand *rand = extras->assess_rand;
  guint n = g_rand_int_range (rand, 1, extras->max_assessments + 1);

  for (guint i = 0, tries = 0; i < n && tries < 4 * n; tries++)
    {
      GPtrArray *pool = g_rand_double (rand) < 0.65 && extras->likely->len > 0
                        ? extras->likely : extras->candidates;
      const char *id = g_ptr_array_index (pool, g_rand_int_range (rand, 0, pool->len));
      TmAssessment a;
      double r;

      if (performs (data, id) || tm_task_data_get_assessment (data, id) != NULL)
        continue;

      tm_assessment_init (&a, id);
      a.suitability = pick_suitability (rand);

      /* A limit on about half; never "varies". */
      r = g_rand_double (rand);
      a.complexity_limit = r < 0.5 ? TM_COMPLEXITY_NOT_ASSESSED
                         : r < 0.7 ? TM_COMPLEXITY_LOW
                         : r < 0.9 ? TM_COMPLEXITY_MODERATE
                         : TM_COMPLEXITY_HIGH;

      r = g_rand_double (rand);
      a.share = r < 0.7 ? 100 : r < 0.85 ? 50 : r < 0.95 ? 75 : 25;

      if (a.suitability == TM_SUITABILITY_AFTER_TRAINING || g_rand_double (rand) < 0.15)
        {
          r = g_rand_double (rand);
          a.training = r < 0.5 ? TM_TRAINING_ON_THE_JOB
                     : r < 0.85 ? TM_TRAINING_INTERNAL_COURSE
                     : TM_TRAINING_FORMAL;
          a.training_days = g_rand_double (rand) < 0.65
                            ? 0.5 * g_rand_int_range (rand, 1, 21) : TM_NOT_ESTIMATED;
          if (g_rand_double (rand) < 0.5)
            a.training_content = g_strdup (PICK (rand, training_contents));
          a.documented_by_test = g_rand_double (rand) < 0.25;
        }
      else
        a.training = TM_TRAINING_NONE;

      a.rationale = g_rand_int_range (rand, 0, TM_N_RATIONALES);
      if (a.suitability != TM_SUITABILITY_NOT_APPROPRIATE &&
          a.suitability != TM_SUITABILITY_NOT_ASSESSED &&
          g_rand_double (rand) < 0.7)
        a.purpose = g_strdup (PICK (rand, purposes));
      if (g_rand_double (rand) < 0.05)
        a.note = g_strdup (PICK (rand, assessment_notes));

      tm_task_data_set_assessment (data, &a);
      tm_assessment_clear (&a);
      extras->n_assessments++;
      i++;
    }
}

/* The move of @scenario_id (the @index-th scenario): in the first about 40 % of
 * the tasks, in later ones fewer; mostly to a profession assessed as able to
 * take the task, a few to technology or stopped; some partial. */
static void
add_move (Extras     *extras,
          TmTaskData *data,
          guint       index,
          const char *scenario_id)
{
  GRand *rand = extras->move_rand;
  double rate = index == 0 ? 0.43 : 0.20 + 0.05 * (index % 4);
  TmMove move = { NULL, TM_MOVE_TO_PROFESSION, NULL, 100 };
  const char *to = NULL;
  double r;

  if (g_rand_double (rand) >= rate)
    return;

  r = g_rand_double (rand);
  if (r < 0.05)
    move.kind = TM_MOVE_TECHNOLOGY;
  else if (r < 0.09)
    move.kind = TM_MOVE_STOP;
  else
    {
      g_autoptr(GPtrArray) able = g_ptr_array_new ();

      for (guint i = 0; i < data->assessments->len; i++)
        {
          const TmAssessment *a = &g_array_index (data->assessments, TmAssessment, i);

          if (a->suitability != TM_SUITABILITY_NOT_ASSESSED &&
              a->suitability != TM_SUITABILITY_NOT_APPROPRIATE)
            g_ptr_array_add (able, a->profession_id);
        }

      if (able->len > 0)
        to = g_ptr_array_index (able, g_rand_int_range (rand, 0, able->len));
      else if (data->assessments->len > 0 && g_rand_double (rand) < 0.3)
        /* Against the assessment: the checks warn about these. */
        to = g_array_index (data->assessments, TmAssessment,
                            g_rand_int_range (rand, 0, data->assessments->len)).profession_id;
      else if (data->assessments->len == 0 && extras->likely->len > 0)
        /* Without assessments (--moves alone): one of the usual candidates. */
        to = g_ptr_array_index (extras->likely, g_rand_int_range (rand, 0, extras->likely->len));

      if (to == NULL)
        return;
      move.profession_id = (char *) to;
    }

  r = g_rand_double (rand);
  move.share = r < 0.7 ? 100 : r < 0.85 ? 50 : r < 0.95 ? 75 : 25;

  tm_task_data_set_move (data, scenario_id, &move);
  extras->n_moves++;
  extras->n_moves_by_kind[move.kind]++;
}

static TmTaskData *
make_task (GRand                 *rand,
           guint                  index,
           GStrv                  groups,
           guint                  n_groups,
           const TmProfessionRef *refs,
           guint                  n_refs,
           Extras                *extras)
{
  TmTaskData *data = tm_task_data_new ();
  double r;

  /* A version-4 UUID from the seed, so the whole file is reproducible. */
  data->uuid = g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                                g_rand_int (rand),
                                g_rand_int (rand) & 0xffff,
                                g_rand_int (rand) & 0xfff,
                                0x8000 | (g_rand_int (rand) & 0x3fff),
                                g_rand_int (rand) & 0xffff,
                                g_rand_int (rand));
  data->title = g_strdup_printf ("%s %s %s %u",
                                 PICK (rand, verbs), PICK (rand, objects),
                                 PICK (rand, places), index + 1);
  data->group = g_strdup (groups[g_rand_int_range (rand, 0, n_groups)]);

  /* Levels: a few not assessed, most admin or bounded clinical. */
  r = g_rand_double (rand);
  data->level = r < 0.10 ? TM_LEVEL_NOT_ASSESSED
              : r < 0.45 ? TM_LEVEL_ADMIN
              : r < 0.85 ? TM_LEVEL_BOUNDED_CLINICAL
              : TM_LEVEL_COORDINATION;
  data->complexity = g_rand_int_range (rand, 0, TM_N_COMPLEXITIES);

  if (g_rand_double (rand) < 0.70)
    {
      data->minutes = g_rand_int_range (rand, 2, 61);
      data->occurrences = g_rand_int_range (rand, 1, 21);
      data->per = g_rand_boolean (rand) ? TM_PER_DAY : TM_PER_WEEK;
    }
  else
    {
      data->minutes = TM_NOT_ESTIMATED;
      data->occurrences = TM_NOT_ESTIMATED;
      data->per = TM_PER_DAY;
    }

  if (g_rand_double (rand) < 0.6)
    data->shifts = g_rand_int_range (rand, 1, TM_SHIFTS_ALL + 1);

  if (g_rand_double (rand) < 0.85)
    {
      const char *first = pick_profession (rand, refs, n_refs);

      if (g_rand_double (rand) < 0.3)
        {
          const char *second = pick_profession (rand, refs, n_refs);

          if (!g_str_equal (first, second))
            {
              double share = 10 * g_rand_int_range (rand, 3, 8);

              tm_task_data_set_performer (data, first, share);
              tm_task_data_set_performer (data, second, 100 - share);
            }
          else
            tm_task_data_set_performer (data, first, 100);
        }
      else
        tm_task_data_set_performer (data, first, 100);
    }

  if (g_rand_double (rand) < 0.25)
    data->description = make_description (rand);

  if (g_rand_double (rand) < 0.05)
    data->notes = g_strdup_printf ("Drøftet på workshop %u; afventer MED-udvalget.",
                                   g_rand_int_range (rand, 1, 12));

  if (extras->max_assessments > 0)
    add_assessments (extras, data);
  for (guint i = 0; extras->scenario_ids != NULL && i < extras->scenario_ids->len; i++)
    add_move (extras, data, i, g_ptr_array_index (extras->scenario_ids, i));

  return data;
}

/* --assessments with an optional number of candidates per task. */
static int max_assessments = 0;

static gboolean
parse_assessments (const char  *option_name,
                   const char  *value,
                   gpointer     user_data,
                   GError     **error)
{
  char *end = NULL;
  gint64 n;

  if (value == NULL)
    {
      max_assessments = 4;
      return TRUE;
    }

  n = g_ascii_strtoll (value, &end, 10);
  if (end == value || *end != '\0' || n < 0 || n > 50)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: a number of candidates from 0 to 50 expected", option_name);
      return FALSE;
    }
  max_assessments = (int) n;
  return TRUE;
}

static guint
count_shown_professions (TmPortfolio *portfolio)
{
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  guint n = g_list_model_get_n_items (professions);
  guint shown = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      if (!tm_profession_get_hidden (profession))
        shown++;
    }
  return shown;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *country_id = NULL;
  g_autofree char *unit_name = NULL;
  g_auto(GStrv) groups = NULL;
  const TmProfessionRef *refs;
  TmCountry country = TM_COUNTRY_DK;
  Extras extras = { 0 };
  GListModel *professions;
  int n_tasks = 1000;
  int seed = 1;
  int n_groups_wanted = 0;
  int n_professions_wanted = 0;
  int n_scenarios = 1;
  gboolean with_moves = FALSE;
  guint n_refs;
  guint n_groups;
  guint n_added_professions = 0;
  gint64 start, created, done;
  GOptionEntry entries[] = {
    { "tasks", 'n', 0, G_OPTION_ARG_INT, &n_tasks, "Number of tasks (default 1000)", "N" },
    { "country", 'c', 0, G_OPTION_ARG_STRING, &country_id, "dk or no (default dk)", "COUNTRY" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "S" },
    { "groups", 'g', 0, G_OPTION_ARG_INT, &n_groups_wanted, "Number of groups, 6-40 (default: random)", "N" },
    { "assessments", 'a', G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, parse_assessments,
      "Assess 1-N candidate professions per task (default N 4)", "N" },
    { "professions", 'p', 0, G_OPTION_ARG_INT, &n_professions_wanted,
      "Add professions until N are shown (not hidden)", "N" },
    { "moves", 'm', 0, G_OPTION_ARG_NONE, &with_moves,
      "Moves: about 40 % of the tasks in the first scenario, fewer in later ones", NULL },
    { "scenarios", 'k', 0, G_OPTION_ARG_INT, &n_scenarios, "Number of scenarios (default 1)", "K" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  tm_core_init (NULL);

  context = g_option_context_new ("OUT.taskmap - generate a large portfolio");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (argc != 2 || n_tasks < 0 || n_scenarios < 1 || n_scenarios > 100 ||
      n_professions_wanted < 0 || n_professions_wanted > 500)
    {
      g_printerr ("Usage: %s --tasks N [--country dk|no] [--seed S] [--groups G]\n"
                  "       [--assessments[=N]] [--professions N] [--moves] [--scenarios K] OUT.taskmap\n",
                  g_get_prgname ());
      return EXIT_FAILURE;
    }

  if (country_id != NULL && !tm_country_from_id (country_id, &country))
    {
      g_printerr ("Unknown country “%s”: use dk or no\n", country_id);
      return EXIT_FAILURE;
    }

  rand = g_rand_new_with_seed ((guint32) seed);
  refs = tm_profession_ref_list (country, &n_refs);

  /* 6-40 groups: the stems, then numbered ones as a region's units merge. */
  n_groups = g_rand_int_range (rand, 6, 41);
  if (n_groups_wanted > 0)
    n_groups = CLAMP (n_groups_wanted, 1, 200);
  groups = g_new0 (char *, n_groups + 1);
  for (guint i = 0; i < n_groups; i++)
    groups[i] = i < G_N_ELEMENTS (group_stems)
                ? g_strdup (group_stems[i])
                : g_strdup_printf ("%s %u", group_stems[i % G_N_ELEMENTS (group_stems)],
                                   (guint) (i / G_N_ELEMENTS (group_stems) + 1));

  file = g_file_new_for_commandline_arg (argv[1]);
  unit_name = g_strdup_printf ("Region (benchmark, %d tasks)", n_tasks);

  start = g_get_monotonic_time ();
  portfolio = tm_portfolio_create (file, country, unit_name, &error);
  if (portfolio == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_FAILURE;
    }

  /* The region's own staff groups, until enough professions are shown. */
  while (count_shown_professions (portfolio) < (guint) n_professions_wanted)
    {
      guint i = n_added_professions++;
      g_autofree char *name = NULL;
      g_autofree char *name_en = NULL;
      guint round = i / G_N_ELEMENTS (user_professions);

      i %= G_N_ELEMENTS (user_professions);
      name = round == 0 ? g_strdup (user_professions[i].name)
                        : g_strdup_printf ("%s %u", user_professions[i].name, round + 1);
      name_en = round == 0 ? g_strdup (user_professions[i].name_en)
                           : g_strdup_printf ("%s %u", user_professions[i].name_en, round + 1);
      if (tm_portfolio_add_profession (portfolio, name, name_en, FALSE,
                                       user_professions[i].unskilled, &error) == NULL)
        {
          g_printerr ("%s: %s\n", argv[1], error->message);
          return EXIT_FAILURE;
        }
    }

  /* The first scenario exists; the others are made (ids are random: the core's). */
  for (int i = g_list_model_get_n_items (tm_portfolio_get_scenarios (portfolio)); i < n_scenarios; i++)
    {
      g_autofree char *name = g_strdup_printf ("Scenarie %d", i + 1);

      if (tm_portfolio_add_scenario (portfolio, name, &error) == NULL)
        {
          g_printerr ("%s: %s\n", argv[1], error->message);
          return EXIT_FAILURE;
        }
    }
  created = g_get_monotonic_time ();

  /* Candidates: every profession shown, the usual ones also on their own. */
  extras.max_assessments = max_assessments;
  extras.candidates = g_ptr_array_new ();
  extras.likely = g_ptr_array_new ();
  professions = tm_portfolio_get_professions (portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      if (!tm_profession_get_hidden (profession))
        g_ptr_array_add (extras.candidates, (gpointer) tm_profession_get_id (profession));
    }
  for (guint i = 0; i < G_N_ELEMENTS (common_candidates); i++)
    if (tm_portfolio_lookup_profession (portfolio, common_candidates[i]) != NULL &&
        !tm_profession_get_hidden (tm_portfolio_lookup_profession (portfolio, common_candidates[i])))
      g_ptr_array_add (extras.likely, (gpointer) common_candidates[i]);
  /* Seeded apart from the tasks: a portfolio with assessments has the same
   * tasks as one without. */
  extras.assess_rand = g_rand_new_with_seed ((guint32) seed ^ 0x5a5e55u);
  extras.move_rand = g_rand_new_with_seed ((guint32) seed ^ 0x30fe5u);
  if (with_moves)
    {
      GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

      extras.scenario_ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
        {
          g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

          g_ptr_array_add (extras.scenario_ids, g_strdup (tm_scenario_get_id (scenario)));
        }
    }

  for (int first = 0; first < n_tasks; first += BATCH_SIZE)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
      int last = MIN (first + BATCH_SIZE, n_tasks);

      for (int i = first; i < last; i++)
        g_ptr_array_add (batch, make_task (rand, i, groups, n_groups, refs, n_refs, &extras));

      if (!tm_portfolio_add_tasks (portfolio, batch, &error))
        {
          g_printerr ("%s: %s\n", argv[1], error->message);
          return EXIT_FAILURE;
        }
    }

  tm_portfolio_close (portfolio);
  done = g_get_monotonic_time ();

  g_printerr ("%s: %d tasks, %u groups, %u professions shown (%u added), %d scenarios, "
              "%u assessments, %u moves (%u to professions, %u technology, %u stopped); "
              "created in %.3f s (file %.3f s, tasks %.3f s)\n",
              argv[1], n_tasks, n_groups, extras.candidates->len, n_added_professions,
              n_scenarios, extras.n_assessments, extras.n_moves,
              extras.n_moves_by_kind[TM_MOVE_TO_PROFESSION],
              extras.n_moves_by_kind[TM_MOVE_TECHNOLOGY], extras.n_moves_by_kind[TM_MOVE_STOP],
              (done - start) / 1e6, (created - start) / 1e6, (done - created) / 1e6);

  g_ptr_array_unref (extras.candidates);
  g_ptr_array_unref (extras.likely);
  g_clear_pointer (&extras.scenario_ids, g_ptr_array_unref);
  g_rand_free (extras.assess_rand);
  g_rand_free (extras.move_rand);

  return EXIT_SUCCESS;
}
