/* test-report-pack.c
 * Tests of the committee report as a committee reads it: which scenarios it
 * covers, that the summary and the entries fit in ten pages before the
 * appendix, and that the summary names the staffing figures and the moves
 * the committee is asked to approve.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-report-pack"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "tm-core.h"
#include "render/tm-report-private.h"
/* Texts in the language a test pushed, as the core renders them. */
#include "model/tm-i18n-private.h"
#include "tm-test-util.h"

/* 2026-03-24 12:00 UTC: the report's date in every test */
#define REPORT_NOW 1774353600

/* The most pages a committee reads before the appendix (issue 11) */
#define MAX_PAGES_BEFORE_APPENDIX 10

static TmPortfolio *
example (TmCountry country)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_example_create (NULL, country, &error);

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  /* As the issue describes it: two scenarios, the second with only proposed moves */
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_scenarios (portfolio)), ==, 2);
  return portfolio;
}

/* The tasks with a move in @scenario_id at @status, in catalogue order (borrowed) */
static GPtrArray *
tasks_at (TmPortfolio  *portfolio,
          const char   *scenario_id,
          TmMoveStatus  status)
{
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      if (tm_task_data_get_move (tm_task_peek_data (task), scenario_id) != NULL &&
          tm_test_status_of (task, scenario_id) == status)
        g_ptr_array_add (found, task);
    }
  return found;
}

/* Approves the first move of @scenario_id; returns its task (borrowed). */
static TmTask *
approve_first_move (TmPortfolio *portfolio,
                    const char  *scenario_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) proposed = tasks_at (portfolio, scenario_id, TM_STATUS_PROPOSED);
  TmTask *task;

  g_assert_cmpuint (proposed->len, >, 0);
  task = g_ptr_array_index (proposed, 0);
  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario_id, TM_STATUS_APPROVED,
                                          "Godkendt på mødet", TRUE, &error));
  return task;
}

/* A message of the program in @language, as the report writes it */
static char *
translated (const char *language,
            const char *msgid)
{
  char *text;

  tm_language_push (language);
  text = g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
  tm_language_pop ();
  return text;
}

/* The text of a PDF, every run of white space one space */
static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  int status;

  /* tools/install-deps installs poppler-utils; a missing tool fails the test */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("pdftotext failed: %s", err);
  return g_regex_replace_literal (space, out, -1, 0, " ", 0, NULL);
}

/* Writes the report of @scenario_ids and returns its text */
static char *
render (TmPortfolio        *portfolio,
        const char * const *scenario_ids)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-pack-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  char *text;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.pdf", NULL);
  file = g_file_new_for_path (path);
  CHECK_OK (_tm_report_write_pdf_scenarios_full (portfolio, scenario_ids, NULL, file, REPORT_NOW,
                                                 NULL, NULL, &error));
  text = pdf_text (path);
  g_unlink (path);
  g_rmdir (dir);
  return text;
}

/* The part of @text from @from up to @to (or the end); the contents on the
 * first page name the sections too, so the search starts at @anchor
 * (nullable), a heading of the summary. */
/* A heading: @heading as whole words (the text is flattened to one line),
 * not the start of a longer word in running text ("Bilaget gengiver …"). */
static const char *
find_heading (const char *text,
              const char *heading)
{
  gsize len = strlen (heading);

  for (const char *p = strstr (text, heading); p != NULL; p = strstr (p + 1, heading))
    if ((p == text || p[-1] == ' ' || p[-1] == '\n') &&
        (p[len] == ' ' || p[len] == '\n' || p[len] == '\0'))
      return p;
  return NULL;
}

static char *
section (const char *text,
         const char *anchor,
         const char *from,
         const char *to)
{
  const char *after = anchor != NULL ? find_heading (text, anchor) : text;
  const char *start = after != NULL ? find_heading (after, from) : NULL;
  const char *end;

  if (start == NULL)
    g_error ("No “%s” in the report:\n%s", from, text);
  end = to != NULL ? find_heading (start + strlen (from), to) : NULL;
  return end != NULL ? g_strndup (start, end - start) : g_strdup (start);
}

/* Tests */

static void
test_default_scenarios (void)
{
  g_autoptr(TmPortfolio) portfolio = example (TM_COUNTRY_DK);
  const char *first = tm_test_scenario_id_at (portfolio, 0);
  const char *second = tm_test_scenario_id_at (portfolio, 1);
  g_autoptr(GPtrArray) agreed = tasks_at (portfolio, first, TM_STATUS_AGREED);
  g_autoptr(GPtrArray) approved = tasks_at (portfolio, first, TM_STATUS_APPROVED);
  g_autoptr(GPtrArray) second_proposed = tasks_at (portfolio, second, TM_STATUS_PROPOSED);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) covered = NULL;

  /* The example: 5 approved and 3 agreed in the first; the second only proposed */
  g_assert_cmpuint (approved->len, ==, 5);
  g_assert_cmpuint (agreed->len, ==, 3);
  g_assert_cmpuint (second_proposed->len, >, 0);
  for (TmMoveStatus s = TM_STATUS_AGREED; s < TM_N_STATUSES; s++)
    {
      g_autoptr(GPtrArray) other = tasks_at (portfolio, second, s);

      g_assert_cmpuint (other->len, ==, 0);
    }

  /* Every scenario with a move not proposed: only the first */
  before = tm_report_dup_default_scenarios (portfolio);
  g_assert_cmpuint (g_strv_length (before), ==, 1);
  g_assert_cmpstr (before[0], ==, first);
  covered = _tm_report_dup_covered (portfolio, NULL);
  g_assert_true (g_strv_equal ((const char * const *) covered, (const char * const *) before));

  /* A move approved in the second brings it in, in the portfolio's order */
  approve_first_move (portfolio, second);
  after = tm_report_dup_default_scenarios (portfolio);
  g_assert_cmpuint (g_strv_length (after), ==, 2);
  g_assert_cmpstr (after[0], ==, first);
  g_assert_cmpstr (after[1], ==, second);
}

static void
test_default_new_portfolio (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_NO, "Post 3", &error);
  g_auto(GStrv) ids = NULL;
  guint n_pages = 0, appendix = 0;

  g_assert_no_error (error);
  g_assert_nonnull (tm_portfolio_add_scenario (portfolio, "B", &error));
  g_assert_no_error (error);

  /* No scenario has a move past proposed: the first */
  ids = tm_report_dup_default_scenarios (portfolio);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, tm_test_scenario_id_at (portfolio, 0));

  /* An empty portfolio still makes a report, with an appendix */
  CHECK_OK (_tm_report_count_pages (portfolio, NULL, NULL, REPORT_NOW, &n_pages, &appendix, &error));
  g_assert_cmpuint (appendix, >=, 2);
  g_assert_cmpuint (n_pages, >=, appendix);
}

static void
check_pages (TmCountry country)
{
  g_autoptr(TmPortfolio) portfolio = example (country);
  g_autoptr(GError) error = NULL;
  const char *both[3] = { tm_test_scenario_id_at (portfolio, 0), tm_test_scenario_id_at (portfolio, 1), NULL };
  guint n_pages = 0, appendix = 0;

  CHECK_OK (_tm_report_count_pages (portfolio, NULL, NULL, REPORT_NOW, &n_pages, &appendix, &error));
  g_test_message ("%s: %u pages before the appendix, %u in all",
                  tm_portfolio_get_language (portfolio), appendix - 1, n_pages);
  g_assert_cmpuint (appendix, >, 2);
  g_assert_cmpuint (appendix - 1, <=, MAX_PAGES_BEFORE_APPENDIX);
  g_assert_cmpuint (n_pages, >, appendix);

  /* Both scenarios: the second's 36 proposed moves come on top */
  CHECK_OK (_tm_report_count_pages (portfolio, both, NULL, REPORT_NOW, &n_pages, &appendix, &error));
  g_test_message ("%s, both scenarios: %u pages before the appendix, %u in all",
                  tm_portfolio_get_language (portfolio), appendix - 1, n_pages);
  g_assert_cmpuint (n_pages, >, appendix);

  /* A scenario that does not exist */
  {
    const char *missing[2] = { "no-such-scenario", NULL };

    g_assert_false (_tm_report_count_pages (portfolio, missing, NULL, REPORT_NOW, NULL, NULL, &error));
    g_assert_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_NOT_FOUND);
  }
}

static void
test_pages_da (void)
{
  check_pages (TM_COUNTRY_DK);
}

static void
test_pages_nb (void)
{
  check_pages (TM_COUNTRY_NO);
}

static void
check_content (TmCountry country)
{
  g_autoptr(TmPortfolio) portfolio = example (country);
  const char *language = tm_portfolio_get_language (portfolio);
  const char *first = tm_test_scenario_id_at (portfolio, 0);
  const char *second = tm_test_scenario_id_at (portfolio, 1);
  g_autoptr(GPtrArray) agreed = tasks_at (portfolio, first, TM_STATUS_AGREED);
  g_autoptr(GPtrArray) approved = tasks_at (portfolio, first, TM_STATUS_APPROVED);
  g_autoptr(GPtrArray) second_proposed = tasks_at (portfolio, second, TM_STATUS_PROPOSED);
  g_autoptr(TmAnalysis) analysis = tm_analysis_compute (portfolio, first);
  const TmAnalysisProfession *nurses = tm_analysis_get_nurses (analysis);
  g_autofree char *asked_heading = translated (language, "Asked of the committee now");
  g_autofree char *concerns_heading = translated (language, "Open concerns");
  g_autofree char *appendix_heading = translated (language, "Appendix");
  g_autofree char *moves_heading = translated (language, "The moves");
  g_autofree char *text = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *freed = NULL;
  g_autofree char *fte = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *staffed = NULL;
  TmTask *in_second;

  g_assert_nonnull (nurses);
  g_assert_true (tm_analysis_profession_has_staffing (nurses));

  text = render (portfolio, NULL);

  /* The staffing figures, in the portfolio's language: the nurses' FTE and
   * what the first scenario frees in hours, FTE and a share of staffed time */
  tm_language_push (language);
  staffed = tm_format_fte_value (nurses->fte);
  hours = tm_format_hours_value (nurses->moved_out);
  fte = tm_format_fte_value (nurses->fte_freed);
  freed = tm_analysis_describe_freed (analysis, portfolio, nurses);
  tm_language_pop ();
  g_assert_nonnull (strchr (hours, ','));
  g_assert_nonnull (strstr (text, staffed));
  g_assert_nonnull (strstr (text, hours));
  g_assert_nonnull (strstr (text, fte));
  {
    g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
    g_autofree char *flat = g_regex_replace_literal (space, freed, -1, 0, " ", 0, NULL);

    if (strstr (text, flat) == NULL)
      g_error ("The report does not say “%s”:\n%s", flat, text);
  }

  /* "Asked of the committee now" lists the agreed moves and no approved one */
  asked = section (text, NULL, asked_heading, concerns_heading);
  for (guint i = 0; i < agreed->len; i++)
    {
      const char *title = tm_task_get_title (g_ptr_array_index (agreed, i));
      g_autofree char *start = g_strndup (title, 24);

      if (strstr (asked, start) == NULL)
        g_error ("“%s” is not asked of the committee:\n%s", title, asked);
    }
  for (guint i = 0; i < approved->len; i++)
    g_assert_null (strstr (asked, tm_task_get_title (g_ptr_array_index (approved, i))));

  /* Every approved move has its entry before the appendix; the second
   * scenario is not covered */
  {
    g_autofree char *before_appendix = section (text, asked_heading, moves_heading, appendix_heading);

    for (guint i = 0; i < approved->len; i++)
      {
        const char *title = tm_task_get_title (g_ptr_array_index (approved, i));
        /* A long title wraps in the entry: its start is on one line. */
        g_autofree char *start = g_utf8_substring (title, 0, MIN (24, g_utf8_strlen (title, -1)));

        if (strstr (before_appendix, start) == NULL)
          g_error ("“%s” has no entry before the appendix:\n%s", title, before_appendix);
      }
    g_assert_null (strstr (text, tm_scenario_get_name (tm_portfolio_lookup_scenario (portfolio, second))));
  }
  g_clear_pointer (&text, g_free);

  /* A move approved in the second scenario is in the report once it is covered */
  in_second = approve_first_move (portfolio, second);
  text = render (portfolio, NULL);
  {
    const char *name = tm_scenario_get_name (tm_portfolio_lookup_scenario (portfolio, second));
    g_autofree char *heading = g_strdup_printf ("%s — %s", moves_heading, name);
    g_autofree char *entries = section (text, asked_heading, heading, appendix_heading);

    g_assert_nonnull (strstr (entries, tm_task_get_title (in_second)));
    /* and its moves still proposed too: one entry per move */
    g_assert_nonnull (strstr (entries, tm_task_get_title (g_ptr_array_index (second_proposed, 1))));
  }
}

static void
test_content_da (void)
{
  check_content (TM_COUNTRY_DK);
}

static void
test_content_nb (void)
{
  check_content (TM_COUNTRY_NO);
}

/* Without a staffing no share of working time is named, and nothing is set
 * against the benchmark. */
static void
test_no_staffing (void)
{
  g_autoptr(TmPortfolio) portfolio = example (TM_COUNTRY_DK);
  g_autoptr(GError) error = NULL;
  g_autoptr(TmStaffing) empty = tm_staffing_new ("");
  const char *language = tm_portfolio_get_language (portfolio);
  g_autoptr(TmAnalysis) analysis = NULL;
  g_autofree char *text = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *share = NULL;

  CHECK_OK (tm_portfolio_set_staffing (portfolio, empty, NULL, &error));
  analysis = tm_analysis_compute (portfolio, tm_test_scenario_id_at (portfolio, 0));
  g_assert_false (tm_analysis_profession_has_staffing (tm_analysis_get_nurses (analysis)));

  text = render (portfolio, NULL);
  /* The nurses' hours moved as a share of their catalogued hours would be
   * 77 %: that share must not appear */
  tm_language_push (language);
  share = tm_format_percent_value (tm_analysis_profession_moved_share (tm_analysis_get_nurses (analysis)));
  tm_language_pop ();
  g_assert_null (strstr (text, share));
  percent = translated (language, "The staffing of %s is not entered: for them no share of working time can "
                                  "be given, and no comparison with the benchmark is made.");
  {
    g_autofree char *start = g_strndup (percent, strstr (percent, "%s") - percent);

    g_assert_nonnull (strstr (text, g_strstrip (start)));
  }
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/report-pack/default-scenarios", test_default_scenarios);
  g_test_add_func ("/core/report-pack/default-new-portfolio", test_default_new_portfolio);
  g_test_add_func ("/core/report-pack/pages-da", test_pages_da);
  g_test_add_func ("/core/report-pack/pages-nb", test_pages_nb);
  g_test_add_func ("/core/report-pack/content-da", test_content_da);
  g_test_add_func ("/core/report-pack/content-nb", test_content_nb);
  g_test_add_func ("/core/report-pack/no-staffing", test_no_staffing);

  return g_test_run ();
}
