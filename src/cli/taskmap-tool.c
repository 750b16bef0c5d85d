/* taskmap-tool.c
 * The headless front end over the Taskmap core, for scripts and regional HR.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "taskmap-tool"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "tm-core.h"

/* Exit status: 0 done, 1 bad input, 2 wrong usage. */
enum {
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
};

static int
fail (GError *error)
{
  g_printerr ("%s\n", error->message);
  g_error_free (error);
  return EXIT_BAD_INPUT;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s\n\n%s", message, help);
  return EXIT_USAGE;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int              n_args,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }

  if (*argc - 1 != n_args)
    {
      *status = usage_error (context, _("Wrong number of arguments."));
      return FALSE;
    }

  return TRUE;
}

static int
cmd_new (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.taskmap — create a portfolio"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *country_id = NULL;
  g_autofree char *unit = NULL;
  gboolean example = FALSE;
  GError *error = NULL;
  TmCountry country = TM_COUNTRY_DK;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "country", 0, 0, G_OPTION_ARG_STRING, &country_id, N_("dk or no (default dk)"), "COUNTRY" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit's name"), "NAME" },
    { "example", 0, 0, G_OPTION_ARG_NONE, &example, N_("Start from the bundled example"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;

  if (country_id != NULL && !tm_country_from_id (country_id, &country))
    return usage_error (context, _("The country must be “dk” or “no”."));

  file = g_file_new_for_commandline_arg (argv[1]);
  if (example)
    portfolio = tm_example_create (file, country, &error);
  else
    portfolio = tm_portfolio_create (file, country, unit ? unit : "", &error);
  if (portfolio == NULL)
    return fail (error);

  if (example && unit != NULL &&
      !tm_portfolio_set_unit (portfolio, unit, tm_portfolio_get_organisation (portfolio),
                              tm_portfolio_get_setting (portfolio),
                              tm_portfolio_get_notes (portfolio), &error))
    return fail (error);

  return EXIT_OK;
}

static TmPortfolio *
open_or_create (GFile   *file,
                GError **error)
{
  if (g_file_query_exists (file, NULL))
    return tm_portfolio_open (file, error);
  return tm_portfolio_create (file, TM_COUNTRY_DK, "", error);
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE.taskmap INPUT.xml — add a portfolio's tasks (creates FILE if missing)"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) input = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  GError *error = NULL;
  int status = EXIT_OK;

  if (!parse_options (context, &argc, &argv, 2, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[1]);
  input = g_file_new_for_commandline_arg (argv[2]);
  portfolio = open_or_create (file, &error);
  if (portfolio == NULL)
    return fail (error);

  if (!tm_xml_import_file (portfolio, input, &error))
    return fail (error);

  return EXIT_OK;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.taskmap — write the portfolio as XML"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  GError *error = NULL;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("xml (the default)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write (default: standard output)"), "OUTPUT" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;

  if (format != NULL && !g_str_equal (format, "xml"))
    return usage_error (context, _("This version exports only XML."));

  file = g_file_new_for_commandline_arg (argv[1]);
  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    return fail (error);

  if (output != NULL && !g_str_equal (output, "-"))
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);

      if (!tm_xml_export_file (portfolio, out, &error))
        return fail (error);
    }
  else
    {
      gsize length = 0;
      g_autofree char *data = tm_xml_export_data (portfolio, &length, &error);

      if (data == NULL)
        return fail (error);
      fwrite (data, 1, length, stdout);
    }

  return EXIT_OK;
}

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT.xml — check a portfolio file"));
  g_autoptr(GFile) input = NULL;
  g_autoptr(TmPortfolio) scratch = NULL;
  GError *error = NULL;
  int status = EXIT_OK;

  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;

  input = g_file_new_for_commandline_arg (argv[1]);
  scratch = tm_portfolio_create (NULL, TM_COUNTRY_DK, "", &error);
  if (scratch == NULL || !tm_xml_import_file (scratch, input, &error))
    return fail (error);

  /* Translators: %s is a file name */
  g_print (_("%s: valid, %u tasks\n"), argv[1],
           g_list_model_get_n_items (tm_portfolio_get_tasks (scratch)));
  return EXIT_OK;
}

static const char *
profession_name (TmPortfolio *portfolio,
                 const char  *id)
{
  TmProfession *profession = id ? tm_portfolio_lookup_profession (portfolio, id) : NULL;

  if (id == NULL)
    return _("No performer recorded");
  return profession ? tm_profession_get_name (profession) : id;
}

static int
cmd_summary (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.taskmap — the figures of the analysis"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(TmAnalysis) analysis = NULL;
  g_autofree char *scenario_name = NULL;
  TmScenario *scenario = NULL;
  GListModel *scenarios;
  GError *error = NULL;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_name, N_("The scenario's name (default: the first)"), "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[1]);
  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    return fail (error);

  scenarios = tm_portfolio_get_scenarios (portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(TmScenario) s = g_list_model_get_item (scenarios, i);

      if ((scenario_name == NULL && i == 0) ||
          g_strcmp0 (scenario_name, tm_scenario_get_name (s)) == 0)
        {
          scenario = s;
          break;
        }
    }

  if (scenario == NULL)
    {
      /* Translators: %s is a scenario's name */
      g_printerr (_("The portfolio has no scenario called “%s”.\n"), scenario_name);
      return EXIT_BAD_INPUT;
    }

  analysis = tm_analysis_compute (portfolio, tm_scenario_get_id (scenario));

  g_print ("%s\n", tm_portfolio_get_unit_name (portfolio));
  /* Translators: %s is a scenario's name */
  g_print (_("Scenario: %s\n"), tm_scenario_get_name (scenario));
  g_print (_("Tasks: %u, of which %u not estimated\n"), analysis->n_tasks, analysis->n_not_estimated);
  g_print (_("Hours per week in total: %.1f\n"), analysis->total_hours);
  g_print (_("Tasks with a move: %u; hours per week that move: %.1f\n\n"),
           analysis->n_moves, analysis->moved_hours);

  g_print ("%-40s %10s %10s %10s %8s\n", _("Profession"), _("Today"), _("After"), _("Moved"),
           _("Share"));
  for (guint i = 0; i < analysis->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (analysis->professions, TmAnalysisProfession, i);

      g_print ("%-40s %10.1f %10.1f %10.1f %7.1f%%\n", profession_name (portfolio, p->profession_id),
               p->hours_today, p->hours_after, p->moved_out,
               100 * tm_analysis_profession_moved_share (p));
    }

  if (analysis->n_not_estimated > 0)
    {
      g_print ("\n%s\n", _("Not estimated (not counted in the hours):"));
      for (guint i = 0; i < analysis->not_estimated->len; i++)
        g_print ("  %s\n", tm_task_get_title (g_ptr_array_index (analysis->not_estimated, i)));
    }

  return EXIT_OK;
}

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: taskmap-tool COMMAND [OPTION…] ARGUMENTS"));
  g_print ("%s\n", _("Commands:"));
  g_print ("  new       %s\n", _("Create a portfolio"));
  g_print ("  import    %s\n", _("Add the tasks of an XML file to a portfolio"));
  g_print ("  export    %s\n", _("Write a portfolio as XML"));
  g_print ("  validate  %s\n", _("Check an XML file without importing it"));
  g_print ("  summary   %s\n", _("Print the figures of the analysis"));
  g_print ("\n%s\n", _("“taskmap-tool COMMAND --help” tells more about each."));
}

int
main (int    argc,
      char **argv)
{
  static const struct {
    const char *name;
    int (*run) (int, char **);
  } commands[] = {
    { "new", cmd_new },
    { "import", cmd_import },
    { "export", cmd_export },
    { "validate", cmd_validate },
    { "summary", cmd_summary },
  };

  setlocale (LC_ALL, "");
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_help ();
      return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("taskmap-tool %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        {
          g_autofree char *prgname = g_strdup_printf ("taskmap-tool %s", argv[1]);

          g_set_prgname (prgname);
          return commands[i].run (argc - 1, argv + 1);
        }
    }

  /* Translators: %s is what the user typed as a command */
  g_printerr (_("Unknown command “%s”.\n\n"), argv[1]);
  print_help ();
  return EXIT_USAGE;
}
