/* bench-core.c
 * Times the core on a large portfolio: open, summary, search, analysis of today
 * and of the first scenario, the checks on every move, export.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-core"

#include "config.h"

#include "bench-util.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "tm-core.h"

#define DEFAULT_RUNS 5

typedef struct {
  const char *key;    /* for run.sh: stable, no spaces */
  const char *label;  /* for people */
  double      ms[16];
  guint       n;
} Timing;

static int n_runs = DEFAULT_RUNS;
static gboolean tsv;
static char *query = NULL;
static char **only = NULL;

static void
record (Timing *t,
        gint64  start)
{
  if (t->n < G_N_ELEMENTS (t->ms))
    t->ms[t->n++] = (g_get_monotonic_time () - start) / 1000.0;
}

static void
print_timing (const Timing *t)
{
  double lo = t->n ? t->ms[0] : 0, hi = t->n ? t->ms[0] : 0;

  for (guint i = 1; i < t->n; i++)
    {
      lo = MIN (lo, t->ms[i]);
      hi = MAX (hi, t->ms[i]);
    }

  if (t->n == 0)
    return;
  if (tsv)
    g_print ("%s\t%.2f\n%s_min\t%.2f\n%s_max\t%.2f\n",
             t->key, bench_median (t->ms, t->n), t->key, lo, t->key, hi);
  else
    g_print ("  %-44s %10.2f %10.2f %10.2f %4u\n", t->label, bench_median (t->ms, t->n), lo, hi, t->n);
}

/* The folded text the window's search looks in: title, group, description and
 * notes, normalised and case-folded (mirrors get_search_text() in tm-window.c). */
static char *
fold_task (TmTask *task)
{
  g_autofree char *joined = NULL;
  g_autofree char *normalized = NULL;

  joined = g_strjoin ("\n",
                      tm_task_get_title (task) ? tm_task_get_title (task) : "",
                      tm_task_get_group (task) ? tm_task_get_group (task) : "",
                      tm_task_get_description (task) ? tm_task_get_description (task) : "",
                      tm_task_get_notes (task) ? tm_task_get_notes (task) : "",
                      NULL);
  normalized = g_utf8_normalize (joined, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : joined, -1);
}

static char *
fold_query (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *folded_query = NULL;
  g_autofree char **folded = NULL;
  GListModel *tasks;
  guint n_tasks = 0;
  guint n_matches = 0;
  guint n_moves = 0;
  guint n_warnings = 0;
  const char *scenario_id = NULL;
  gsize xml_length = 0;
  struct rusage usage;
  Timing open_t = { "core_open", "tm_portfolio_open" };
  Timing close_t = { "core_close", "tm_portfolio_close" };
  Timing summary_t = { "core_summary", "tm_summary_compute (all tasks)" };
  Timing fold_t = { "core_search_cold", "search, first pass (fold every task)" };
  Timing search_t = { "core_search", "search, folded text cached" };
  Timing title_t = { "core_search_title", "search on title only (fold per task)" };
  Timing groups_t = { "core_groups", "tm_portfolio_dup_groups" };
  Timing analysis_t = { "core_analysis", "tm_analysis_compute (today)" };
  Timing scenario_t = { "core_analysis_scenario", "tm_analysis_compute (first scenario)" };
  Timing check_t = { "core_move_check", "tm_move_check, every task (first scenario)" };
  Timing export_t = { "core_export", "tm_xml_export_data" };
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Runs per measurement (default 5, at most 16)", "N" },
    { "query", 'q', 0, G_OPTION_ARG_STRING, &query, "Search text (default “medicin”)", "TEXT" },
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv, "Print key<TAB>median-ms lines", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only,
      "Measure only these (for profiling): open, summary, search, groups, analysis, check, export",
      "A,B" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  tm_core_init (NULL);

  context = g_option_context_new ("FILE.taskmap - time the core on a portfolio");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (argc != 2)
    {
      g_printerr ("Usage: %s [--runs N] [--query TEXT] [--tsv] FILE.taskmap\n", g_get_prgname ());
      return EXIT_FAILURE;
    }
  n_runs = CLAMP (n_runs, 1, 16);
  folded_query = fold_query (query != NULL ? query : "medicin");

  file = g_file_new_for_commandline_arg (argv[1]);

  /* Open and close; the first run also warms the page cache. */
  for (int run = 0; bench_wanted (only, "open") && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();

      portfolio = tm_portfolio_open (file, &error);
      if (portfolio == NULL)
        {
          g_printerr ("%s: %s\n", argv[1], error->message);
          return EXIT_FAILURE;
        }
      n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio));
      record (&open_t, start);

      start = g_get_monotonic_time ();
      tm_portfolio_close (portfolio);
      g_clear_object (&portfolio);
      record (&close_t, start);
    }

  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_FAILURE;
    }
  tasks = tm_portfolio_get_tasks (portfolio);
  n_tasks = g_list_model_get_n_items (tasks);

  for (int run = 0; bench_wanted (only, "summary") && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TmSummary) summary = tm_summary_compute (tasks);

      record (&summary_t, start);
      g_assert (summary->n_tasks == n_tasks);
    }

  /* The window's search: the first keystroke folds every task's text, later
   * ones only compare. */
  folded = g_new0 (char *, n_tasks + 1);
  for (int run = 0; bench_wanted (only, "search") && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < n_tasks; i++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

          g_free (folded[i]);
          folded[i] = fold_task (task);
          (void) strstr (folded[i], folded_query);
        }
      record (&fold_t, start);
    }

  for (int run = 0; bench_wanted (only, "search") && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();

      n_matches = 0;
      for (guint i = 0; i < n_tasks; i++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

          /* The window looks the cached text up on the task; here it is an array. */
          if (task != NULL && strstr (folded[i], folded_query) != NULL)
            n_matches++;
        }
      record (&search_t, start);
    }
  g_strfreev (g_steal_pointer (&folded));

  for (int run = 0; bench_wanted (only, "search") && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();

      for (guint i = 0; i < n_tasks; i++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
          g_autofree char *title = g_utf8_casefold (tm_task_get_title (task), -1);

          (void) strstr (title, folded_query);
        }
      record (&title_t, start);
    }

  for (int run = 0; bench_wanted (only, "groups") && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_auto(GStrv) groups = tm_portfolio_dup_groups (portfolio);

      record (&groups_t, start);
    }

  for (int run = 0; bench_wanted (only, "analysis") && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TmAnalysis) analysis = tm_analysis_compute (portfolio, NULL);

      record (&analysis_t, start);
    }

  /* The first scenario: what the capacity and flow charts and the scenario
   * summary show. */
  {
    g_autoptr(TmScenario) scenario = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);

    /* The portfolio keeps its scenarios: the id outlives our reference. */
    scenario_id = scenario != NULL ? tm_scenario_get_id (scenario) : NULL;
  }

  for (int run = 0; bench_wanted (only, "analysis") && scenario_id != NULL && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(TmAnalysis) analysis = tm_analysis_compute (portfolio, scenario_id);

      record (&scenario_t, start);
      g_assert (analysis->n_tasks == n_tasks);
      n_moves = analysis->n_moves;
    }

  /* The warnings of every move, as a list of all the scenario's problems would. */
  for (int run = 0; bench_wanted (only, "check") && scenario_id != NULL && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();

      n_warnings = 0;
      for (guint i = 0; i < n_tasks; i++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
          g_autoptr(GPtrArray) warnings = tm_move_check (portfolio, task, scenario_id);

          n_warnings += warnings->len;
        }
      record (&check_t, start);
    }

  for (int run = 0; bench_wanted (only, "export") && run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *xml = tm_xml_export_data (portfolio, &xml_length, &error);

      if (xml == NULL)
        {
          g_printerr ("%s: export: %s\n", argv[1], error->message);
          return EXIT_FAILURE;
        }
      record (&export_t, start);
    }

  tm_portfolio_close (portfolio);
  getrusage (RUSAGE_SELF, &usage);

  if (tsv)
    {
      g_print ("core_tasks\t%u\n", n_tasks);
      g_print ("core_matches\t%u\n", n_matches);
      g_print ("core_moves\t%u\n", n_moves);
      g_print ("core_warnings\t%u\n", n_warnings);
    }
  else
    {
      g_print ("%s: %u tasks; search “%s” matches %u; first scenario: %u moves, %u warnings; "
               "export %.1f MB\n",
               argv[1], n_tasks, folded_query, n_matches, n_moves, n_warnings, xml_length / 1e6);
      g_print ("  %-44s %10s %10s %10s %4s\n", "", "median ms", "min ms", "max ms", "runs");
    }

  print_timing (&open_t);
  print_timing (&close_t);
  print_timing (&summary_t);
  print_timing (&fold_t);
  print_timing (&search_t);
  print_timing (&title_t);
  print_timing (&groups_t);
  print_timing (&analysis_t);
  print_timing (&scenario_t);
  print_timing (&check_t);
  print_timing (&export_t);

  if (tsv)
    g_print ("core_peak_rss_mb\t%.1f\n", usage.ru_maxrss / 1024.0);
  else
    g_print ("  %-44s %10.1f MB\n", "peak RSS (ru_maxrss)", usage.ru_maxrss / 1024.0);

  return EXIT_SUCCESS;
}
