/* tm-gen-portfolio.c
 * Generates a large, realistic portfolio (a region's merged catalogue) for the benchmarks.
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

static const char *
pick (GRand        *rand,
      const char  **words,
      guint         n_words)
{
  return words[g_rand_int_range (rand, 0, n_words)];
}

#define PICK(rand, array) pick ((rand), (array), G_N_ELEMENTS (array))

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

static TmTaskData *
make_task (GRand                 *rand,
           guint                  index,
           GStrv                  groups,
           guint                  n_groups,
           const TmProfessionRef *refs,
           guint                  n_refs)
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

  return data;
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
  int n_tasks = 1000;
  int seed = 1;
  int n_groups_wanted = 0;
  guint n_refs;
  guint n_groups;
  gint64 start, created, done;
  GOptionEntry entries[] = {
    { "tasks", 'n', 0, G_OPTION_ARG_INT, &n_tasks, "Number of tasks (default 1000)", "N" },
    { "country", 'c', 0, G_OPTION_ARG_STRING, &country_id, "dk or no (default dk)", "COUNTRY" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "S" },
    { "groups", 'g', 0, G_OPTION_ARG_INT, &n_groups_wanted, "Number of groups, 6-40 (default: random)", "N" },
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

  if (argc != 2 || n_tasks < 0)
    {
      g_printerr ("Usage: %s --tasks N [--country dk|no] [--seed S] OUT.taskmap\n", g_get_prgname ());
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
  created = g_get_monotonic_time ();

  for (int first = 0; first < n_tasks; first += BATCH_SIZE)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
      int last = MIN (first + BATCH_SIZE, n_tasks);

      for (int i = first; i < last; i++)
        g_ptr_array_add (batch, make_task (rand, i, groups, n_groups, refs, n_refs));

      if (!tm_portfolio_add_tasks (portfolio, batch, &error))
        {
          g_printerr ("%s: %s\n", argv[1], error->message);
          return EXIT_FAILURE;
        }
    }

  tm_portfolio_close (portfolio);
  done = g_get_monotonic_time ();

  g_printerr ("%s: %d tasks, %u groups, created in %.3f s (file %.3f s, tasks %.3f s)\n",
              argv[1], n_tasks, n_groups,
              (done - start) / 1e6, (created - start) / 1e6, (done - created) / 1e6);

  return EXIT_SUCCESS;
}
