/* test-report.c
 * Tests of the committee report: it renders for the example and for a large
 * portfolio, pdftotext finds in it what the committee must see, it is in the
 * portfolio's language, and a failed write leaves nothing behind.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-report"

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

/* Helpers */

/* A review with every item of the checklist answered (@open of them left
 * not yet considered, @concern answered "concern"), and the status taken
 * from proposed through agreed to approved. */
static void
review_and_approve (TmPortfolio *portfolio,
                    TmTask      *task,
                    guint        open,
                    guint        concern,
                    TmRisk       risk,
                    const char  *long_note)
{
  const char *scenario_id = tm_test_scenario_id_at (portfolio, 0);
  g_autoptr(GError) error = NULL;
  TmMoveReview review;

  tm_move_review_init (&review, scenario_id);
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      if (i < open)
        review.checks[i].state = TM_CHECK_NOT_CONSIDERED;
      else if (i < open + concern)
        review.checks[i].state = TM_CHECK_CONCERN;
      else
        review.checks[i].state = i % 5 == 4 ? TM_CHECK_NOT_RELEVANT : TM_CHECK_FINE;
      g_free (review.checks[i].note);
      review.checks[i].note = g_strdup_printf ("Notat %u", i + 1);
    }
  if (long_note != NULL)
    {
      g_free (review.checks[TM_N_CHECK_ITEMS - 1].note);
      review.checks[TM_N_CHECK_ITEMS - 1].note = g_strdup (long_note);
    }
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      review.quality[i].rating = (i % TM_N_RATINGS);
      g_free (review.quality[i].note);
      review.quality[i].note = g_strdup_printf ("Kvalitet %u", i + 1);
    }
  review.barriers = TM_BARRIER_ORGANISATION | TM_BARRIER_RULES;
  review.barrier_note = g_strdup ("Vagtplanen skal ændres");
  review.risk = risk;
  review.mitigation = g_strdup ("Oplæring og tæt opfølgning");
  review.responsible = g_strdup ("Afdelingssygeplejerske Hansen");
  review.delegation_ref = g_strdup ("INSTR-2026-07");
  review.quality_standards = g_strdup ("Ingen utilsigtede hændelser");
  review.follow_up = g_strdup ("Audit efter tre måneder");
  CHECK_OK (tm_portfolio_set_review (portfolio, task, &review, NULL, &error));
  tm_move_review_clear (&review);

  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario_id, TM_STATUS_AGREED,
                                          "Workshop 1", FALSE, &error));
  CHECK_OK (tm_portfolio_set_move_status (portfolio, task, scenario_id, TM_STATUS_APPROVED,
                                          NULL, open > 0, &error));
}

/* The status of @task's move in the first scenario; PROPOSED without a review. */
static TmMoveStatus
first_scenario_status (TmPortfolio *portfolio,
                       TmTask      *task)
{
  const TmMoveReview *review = tm_task_data_get_review (tm_task_peek_data (task), tm_test_scenario_id_at (portfolio, 0));

  return review != NULL ? tm_move_review_get_status (review) : TM_STATUS_PROPOSED;
}

/* The example as it comes — every task timed, 40 moves in its first
 * scenario, 5 of them approved and 3 agreed — with three more of its
 * proposed moves reviewed and approved here (one with items not yet
 * considered, one with a high risk and a note long enough to split across
 * pages). @approved gets the titles of all the approved moves, in
 * catalogue order. */
static TmPortfolio *
example_with_moves (TmCountry   country,
                    GPtrArray **approved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_note = g_string_new (NULL);
  TmPortfolio *portfolio = tm_example_create (NULL, country, &error);
  GListModel *tasks;
  TmTask *proposed[3] = { NULL, NULL, NULL };
  guint n_proposed = 0, n_approved = 0;

  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  tasks = tm_portfolio_get_tasks (portfolio);

  /* The first three moves still proposed */
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      TmTask *task = tm_test_task_at (portfolio, i);

      g_assert_cmpfloat (tm_task_get_hours_per_week (task), >, 0);
      if (tm_task_data_get_move (tm_task_peek_data (task), tm_test_scenario_id_at (portfolio, 0)) == NULL)
        continue;
      n_approved += first_scenario_status (portfolio, task) == TM_STATUS_APPROVED;
      if (first_scenario_status (portfolio, task) == TM_STATUS_PROPOSED && n_proposed < 3)
        proposed[n_proposed++] = task;
    }
  g_assert_cmpuint (n_approved, ==, 5);
  g_assert_cmpuint (n_proposed, ==, 3);

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (long_note, "Sætning %u i en lang note om opfølgningen. ", i + 1);

  review_and_approve (portfolio, proposed[0], 0, 0, TM_RISK_LOW, NULL);
  review_and_approve (portfolio, proposed[1], 3, 1, TM_RISK_HIGH, long_note->str);
  review_and_approve (portfolio, proposed[2], 0, 2, TM_RISK_MEDIUM, NULL);

  if (approved != NULL)
    {
      *approved = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
        {
          TmTask *task = tm_test_task_at (portfolio, i);

          if (first_scenario_status (portfolio, task) == TM_STATUS_APPROVED)
            g_ptr_array_add (*approved, g_strdup (tm_task_get_title (task)));
        }
      g_assert_cmpuint ((*approved)->len, ==, 5 + 3);
    }
  return portfolio;
}

/* 500 tasks in 20 groups, performed by nurses and assistants, with every
 * 20th moved and three of the moves approved. */
static TmPortfolio *
generated_portfolio (GPtrArray **approved)
{
  static const char * const receivers[] = { "ssa", "medical-secretary", "porter", "service-assistant" };
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "Genereret afsnit 500", &error);
  const char *scenario_id;

  g_assert_no_error (error);
  scenario_id = tm_test_scenario_id_at (portfolio, 0);

  for (guint i = 0; i < 500; i++)
    {
      TmTaskData *data = tm_task_data_new ();

      g_free (data->title);
      data->title = g_strdup_printf ("Opgave nummer %03u i kataloget", i + 1);
      g_free (data->group);
      data->group = g_strdup_printf ("Gruppe %02u", i / 25 + 1);
      data->level = 1 + i % 3;
      data->complexity = 1 + i % 4;
      data->minutes = i % 17 == 0 ? TM_NOT_ESTIMATED : 5 + i % 30;
      data->occurrences = 1 + i % 4;
      data->per = i % 2 ? TM_PER_DAY : TM_PER_WEEK;
      if (i % 3 == 0)
        {
          tm_task_data_set_performer (data, "nurse", 60);
          tm_task_data_set_performer (data, "ssa", 40);
        }
      else
        tm_task_data_set_performer (data, "nurse", 100);

      for (guint k = 0; k < G_N_ELEMENTS (receivers); k++)
        {
          TmAssessment a;

          tm_assessment_init (&a, receivers[k]);
          a.suitability = 1 + (i + k) % (TM_N_SUITABILITIES - 1);
          a.complexity_limit = 1 + (i + k) % 3;
          a.training = (i + k) % TM_N_TRAININGS;
          a.training_days = (i + k) % 2 ? 2.5 : -1;
          a.rationale = 1 + (i + k) % 2;
          g_free (a.purpose);
          a.purpose = g_strdup ("Frigøre tid til sygepleje");
          tm_task_data_set_assessment (data, &a);
          tm_assessment_clear (&a);
        }

      if (i % 20 == 0)
        {
          TmMove move = { (char *) scenario_id, TM_MOVE_TO_PROFESSION,
                          (char *) receivers[(i / 20) % G_N_ELEMENTS (receivers)], 100 };

          tm_task_data_set_move (data, scenario_id, &move);
        }
      g_ptr_array_add (tasks, data);
    }
  CHECK_OK (tm_portfolio_add_tasks (portfolio, tasks, &error));

  *approved = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < 3; i++)
    {
      TmTask *task = tm_test_task_at (portfolio, i * 100);

      review_and_approve (portfolio, task, i, 0, TM_RISK_LOW, NULL);
      g_ptr_array_add (*approved, g_strdup (tm_task_get_title (task)));
    }
  return portfolio;
}

/* Runs a poppler tool; a missing tool fails the test (tools/install-deps
 * installs poppler-utils). */
static char *
run_tool (const char *tool,
          const char *path,
          gboolean    layout)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[5];
  guint n = 0;
  int status;

  argv[n++] = tool;
  if (layout)
    argv[n++] = "-layout";
  argv[n++] = path;
  if (g_str_equal (tool, "pdftotext"))
    argv[n++] = "-";
  argv[n] = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s", tool, err);
  return g_steal_pointer (&out);
}

/* The text with every run of white space made one space, so that text a
 * table or a heading wrapped still reads as one. */
static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && s->len > 0)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

typedef struct {
  char  *text;        /* pdftotext -layout */
  char  *flat;        /* the same, squeezed */
  char  *raw_flat;    /* pdftotext in reading order, squeezed: a table's
                       * cells come one after the other */
  guint  n_pages;
} Rendered;

static void
rendered_clear (Rendered *r)
{
  g_clear_pointer (&r->text, g_free);
  g_clear_pointer (&r->flat, g_free);
  g_clear_pointer (&r->raw_flat, g_free);
}

static void
render (TmPortfolio *portfolio,
        const char  *since,
        Rendered    *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *pages;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.pdf", NULL);
  file = g_file_new_for_path (path);

  CHECK_OK (_tm_report_write_pdf_full (portfolio, NULL, since, file, REPORT_NOW, NULL, NULL, &error));

  out->text = run_tool ("pdftotext", path, TRUE);
  out->flat = squeeze (out->text);
  {
    g_autofree char *raw = run_tool ("pdftotext", path, FALSE);

    out->raw_flat = squeeze (raw);
  }
  info = run_tool ("pdfinfo", path, FALSE);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  out->n_pages = (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
  g_assert_cmpuint (out->n_pages, >, 0);

  /* Nothing but the report is left in the folder */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "report.pdf");
  g_assert_null (g_dir_read_name (listing));

  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_contains (const Rendered *r,
                 const char     *needle)
{
  g_autofree char *flat = squeeze (needle);

  if (strstr (r->flat, flat) == NULL && strstr (r->raw_flat, flat) == NULL)
    g_error ("The report does not contain “%s”:\n%s", needle, r->text);
}

/* A number standing alone (not part of a longer one) */
static void
assert_figure (const Rendered *r,
               const char     *figure)
{
  g_autofree char *escaped = g_regex_escape_string (figure, -1);
  g_autofree char *pattern = g_strdup_printf ("(?<![0-9.,])%s(?![0-9]|[.,][0-9])", escaped);

  if (!g_regex_match_simple (pattern, r->text, 0, 0))
    g_error ("The report does not contain the figure “%s”:\n%s", figure, r->text);
}

/* The hours today of @profession_id as the report writes them; and checks
 * that the summary's row of the profession reads: its name, hours today,
 * after and handed over. */
static char *
hours_today (TmPortfolio    *portfolio,
             const char     *profession_id,
             const Rendered *r)
{
  g_autoptr(TmAnalysis) analysis = tm_analysis_compute (portfolio, tm_test_scenario_id_at (portfolio, 0));
  const TmAnalysisProfession *p = tm_analysis_get_profession (analysis, profession_id);
  TmProfession *profession = tm_portfolio_lookup_profession (portfolio, profession_id);
  g_auto(GStrv) words = g_strsplit (tm_profession_get_name (profession), " ", 2);
  g_autofree char *first_word = g_regex_escape_string (words[0], -1);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pattern = NULL;
  char *today;

  g_assert_nonnull (p);
  g_assert_cmpfloat (p->hours_today, >, 0);
  tm_language_push (tm_country_get_language (tm_portfolio_get_country (portfolio)));
  today = tm_language_format_number (p->hours_today, 1);
  after = tm_language_format_number (p->hours_after, 1);
  out = tm_language_format_number (p->moved_out, 1);
  tm_language_pop ();

  /* The name may wrap onto two lines; the figures stand on the first */
  pattern = g_strdup_printf ("%s[^\\n]*\\s%s\\s+%s\\s+%s\\s", first_word, today, after, out);
  if (!g_regex_match_simple (pattern, r->text, 0, 0))
    g_error ("The summary has no row “%s”:\n%s", pattern, r->text);
  return today;
}

/* "Page N of M" as the translations write it */
static char *
page_of (TmCountry country,
         guint     page,
         guint     n_pages)
{
  if (country == TM_COUNTRY_NO)
    return g_strdup_printf ("Side %u av %u", page, n_pages);
  return g_strdup_printf ("Side %u af %u", page, n_pages);
}

/* Tests */

static void
check_example (TmCountry country)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GPtrArray) approved = NULL;
  g_autofree char *nurse = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *last_footer = NULL;
  Rendered r = { 0 };

  portfolio = example_with_moves (country, &approved);
  render (portfolio, NULL, &r);

  /* The unit, each approved move and the figures of the analysis */
  assert_contains (&r, tm_portfolio_get_unit_name (portfolio));
  for (guint i = 0; i < approved->len; i++)
    assert_contains (&r, g_ptr_array_index (approved, i));
  nurse = hours_today (portfolio, "nurse", &r);
  /* Danish and Norwegian write decimals with a comma */
  g_assert_nonnull (strchr (nurse, ','));
  assert_figure (&r, nurse);

  /* The answer in the manager's units: what the nurses hand over in hours, FTE
   * and as a share of their staffed time, as the analysis puts it in words */
  {
    g_autoptr(TmAnalysis) analysis = tm_analysis_compute (portfolio, tm_test_scenario_id_at (portfolio, 0));
    const TmAnalysisProfession *nurses = tm_analysis_get_nurses (analysis);
    g_autofree char *freed = NULL;

    g_assert_nonnull (nurses);
    g_assert_true (tm_analysis_profession_has_staffing (nurses));
    tm_language_push (tm_portfolio_get_language (portfolio));
    freed = tm_analysis_describe_freed (analysis, portfolio, nurses);
    tm_language_pop ();
    g_assert_nonnull (freed);
    assert_contains (&r, freed);
  }

  /* Every page has its number, in the portfolio's language */
  g_assert_cmpuint (r.n_pages, >=, 12);
  footer = page_of (country, 1, r.n_pages);
  assert_contains (&r, footer);
  last_footer = page_of (country, r.n_pages, r.n_pages);
  assert_contains (&r, last_footer);

  /* The user's texts of the review, the long note's last words included */
  assert_contains (&r, "Afdelingssygeplejerske Hansen");
  assert_contains (&r, "INSTR-2026-07");
  assert_contains (&r, "Sætning 120 i en lang note");

  rendered_clear (&r);
}

static void
test_example_da (void)
{
  check_example (TM_COUNTRY_DK);
}

static void
test_example_nb (void)
{
  check_example (TM_COUNTRY_NO);
}

static void
test_generated (void)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GPtrArray) approved = NULL;
  g_autofree char *nurse = NULL;
  g_autofree char *ssa = NULL;
  g_autofree char *footer = NULL;
  Rendered r = { 0 };
  gint64 start;

  portfolio = generated_portfolio (&approved);

  start = g_get_monotonic_time ();
  render (portfolio, NULL, &r);
  g_test_message ("500 tasks: %u pages in %.1f s", r.n_pages, (g_get_monotonic_time () - start) / 1e6);

  assert_contains (&r, "Genereret afsnit 500");
  for (guint i = 0; i < approved->len; i++)
    assert_contains (&r, g_ptr_array_index (approved, i));
  nurse = hours_today (portfolio, "nurse", &r);
  ssa = hours_today (portfolio, "ssa", &r);
  assert_figure (&r, nurse);
  assert_figure (&r, ssa);

  /* The matrix's 500 rows need many pages; every task's row is in it */
  g_assert_cmpuint (r.n_pages, >=, 25);
  assert_contains (&r, "Opgave nummer 500 i kataloget");
  footer = page_of (TM_COUNTRY_DK, r.n_pages, r.n_pages);
  assert_contains (&r, footer);

  rendered_clear (&r);
}

/* A message of the report in the portfolio's language (translated or not) */
static char *
translated (TmPortfolio *portfolio,
            const char  *msgid)
{
  char *text;

  tm_language_push (tm_country_get_language (tm_portfolio_get_country (portfolio)));
  text = g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
  tm_language_pop ();
  return text;
}

/* The changes since a date: with no date, every change of the history;
 * since a date after them, none. */
static void
test_since (void)
{
  g_autoptr(TmPortfolio) portfolio = example_with_moves (TM_COUNTRY_DK, NULL);
  g_autoptr(GPtrArray) history = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/never-written.pdf");
  g_autofree char *none = translated (portfolio, "No changes are recorded for this period.");
  g_autofree char *date = NULL;
  g_autofree char *what = NULL;
  const TmHistoryEntry *last;
  Rendered r = { 0 };

  /* The history records the moves and the status changes (the lead's
   * storage of the history must have landed for this) */
  g_assert_cmpuint (history->len, >, 0);
  last = g_ptr_array_index (history, history->len - 1);
  tm_language_push ("da");
  what = tm_history_entry_describe_field (last, portfolio);
  tm_language_pop ();

  render (portfolio, NULL, &r);
  assert_contains (&r, what);
  g_assert_null (strstr (r.raw_flat, none));
  rendered_clear (&r);

  render (portfolio, "2999-01-01", &r);
  tm_language_push ("da");
  date = _tm_report_format_date ("2999-01-01");
  tm_language_pop ();
  assert_contains (&r, date);
  assert_contains (&r, none);
  rendered_clear (&r);

  /* A date that is not one is refused before anything is written */
  g_assert_false (tm_report_write_pdf (portfolio, NULL, "24.03.2026", file, NULL, NULL, &error));
  g_assert_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "24.03.2026"));
}

/* A workshop: its title, facilitator, participants and total, and the
 * moves decided there (needs the lead's storage of workshops). */
static void
test_workshops (void)
{
  g_autoptr(TmPortfolio) portfolio = example_with_moves (TM_COUNTRY_NO, NULL);
  g_autoptr(TmWorkshopData) data = tm_workshop_data_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  TmTask *task = tm_test_task_at (portfolio, 4);
  Rendered r = { 0 };

  g_free (data->date);
  data->date = g_strdup ("2026-02-17");
  g_free (data->title);
  data->title = g_strdup ("Workshop om morgenoppgavene");
  g_free (data->facilitator);
  data->facilitator = g_strdup ("Kari Nordmann");
  g_free (data->decisions);
  data->decisions = g_strdup ("Enighet om å flytte morgenoppgavene");
  tm_workshop_data_set_participants (data, "nurse", 7);
  tm_workshop_data_set_participants (data, "unskilled", 4);
  tm_workshop_data_link_move (data, tm_task_get_uuid (task), tm_test_scenario_id_at (portfolio, 0), TRUE);
  g_assert_nonnull (tm_portfolio_add_workshop (portfolio, data, &error));
  g_assert_no_error (error);

  render (portfolio, NULL, &r);
  tm_language_push ("nb");
  date = _tm_report_format_date ("2026-02-17");
  tm_language_pop ();
  assert_contains (&r, date);
  assert_contains (&r, "Workshop om morgenoppgavene");
  assert_contains (&r, "Kari Nordmann");
  assert_contains (&r, "Enighet om å flytte morgenoppgavene");
  /* 7 + 4 participants */
  g_assert_true (g_regex_match_simple ("\\b11\\b", r.text, 0, 0));
  rendered_clear (&r);
}

/* A new portfolio: no tasks, no moves, no history */
static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_NO, "Tom enhet", &error);
  g_autofree char *footer = NULL;
  Rendered r = { 0 };

  g_assert_no_error (error);
  render (portfolio, NULL, &r);
  assert_contains (&r, "Tom enhet");
  footer = page_of (TM_COUNTRY_NO, r.n_pages, r.n_pages);
  assert_contains (&r, footer);
  rendered_clear (&r);
}

static void
test_date (void)
{
  g_autofree char *en = NULL;

  tm_language_push ("en");
  en = _tm_report_format_date ("2026-03-24");
  tm_language_pop ();
  g_assert_cmpstr (en, ==, "24 March 2026");

  g_assert_null (_tm_report_format_date ("2026-02-30"));
  g_assert_null (_tm_report_format_date (""));
}

/* The report in Danish and Norwegian has no English left in it. This fails
 * until po/da.po and po/nb.po translate the report's strings. */
static void
test_no_english (void)
{
  static const char * const english[] = {
    "Page ", "Committee report", "Prepared for", "Date of the report", "Where the moves stand",
    "Summary", "Hours per week", "Benchmark for hospital wards", "Training needed",
    "Checklist", "Prerequisites and conditions", "Dialogue about the task", "Not yet considered",
    "Considered, fine", "Status now", "Status and its history", "Quality:", "Expected effect",
    "Barriers, risk", "Mitigation", "Responsible", "Delegation instruction", "Follow-up",
    "Open concerns", "High risks", "Changes since", "All changes", "Not given",
    "Approved by", "Agreed in workshop", "Suitability", "Complexity limit", "Can take over",
    "Competence level", "Organisation and resources", "Legislation and guidelines",
    "Task × profession", "Capacity", "Flow", "Contents", "Unskilled", "Nurse", "January",
    "March", " hours",
  };

  for (TmCountry country = 0; country < TM_N_COUNTRIES; country++)
    {
      g_autoptr(TmPortfolio) portfolio = example_with_moves (country, NULL);
      g_autoptr(GString) found = g_string_new (NULL);
      Rendered r = { 0 };

      render (portfolio, NULL, &r);
      for (guint i = 0; i < G_N_ELEMENTS (english); i++)
        if (strstr (r.flat, english[i]) != NULL || strstr (r.raw_flat, english[i]) != NULL)
          g_string_append_printf (found, " “%s”", english[i]);
      if (found->len > 0)
        g_error ("The %s report has English left in it:%s", tm_country_get_language (country), found->str);
      rendered_clear (&r);
    }
}

static void
test_unwritable (void)
{
  g_autoptr(TmPortfolio) portfolio = example_with_moves (TM_COUNTRY_DK, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_autofree char *missing = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *contents = NULL;
  const char *name;
  guint n = 0;

  g_assert_no_error (error);

  /* In a folder that does not exist */
  missing = g_build_filename (dir, "no-such-folder", "report.pdf", NULL);
  file = g_file_new_for_path (missing);
  g_assert_false (tm_report_write_pdf (portfolio, NULL, NULL, file, NULL, NULL, &error));
  /* Writing goes through the atomic writer (tm-atomic.h), whose errors say
   * what went wrong (tm-report.h still promises TM_EXPORT_ERROR here) */
  g_assert_error (error, TM_ATOMIC_ERROR, TM_ATOMIC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_clear_object (&file);

  /* Over a folder: the rename fails after the whole report was written */
  folder = g_build_filename (dir, "a-folder.pdf", NULL);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  file = g_file_new_for_path (folder);
  g_assert_false (tm_report_write_pdf (portfolio, NULL, NULL, file, NULL, NULL, &error));
  g_assert_error (error, TM_ATOMIC_ERROR, TM_ATOMIC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);
  g_clear_object (&file);

  /* Over an existing file: replaced */
  existing = g_build_filename (dir, "old.pdf", NULL);
  CHECK_OK (g_file_set_contents (existing, "old", -1, &error));
  file = g_file_new_for_path (existing);
  CHECK_OK (tm_report_write_pdf (portfolio, NULL, NULL, file, NULL, NULL, &error));
  CHECK_OK (g_file_get_contents (existing, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* No temporary file is left: only the folder and the report */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_true (g_str_equal (name, "a-folder.pdf") || g_str_equal (name, "old.pdf"));
      n++;
    }
  g_assert_cmpuint (n, ==, 2);

  g_unlink (existing);
  g_rmdir (folder);
  g_rmdir (dir);
}

/* Progress reports while the pages are counted (between 0.1 and 0.5). */
static guint n_counting;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  if (fraction > 0.1 && fraction < 0.5)
    n_counting++;
  *last = fraction;
}

static void
test_progress_and_scenario (void)
{
  g_autoptr(TmPortfolio) portfolio = example_with_moves (TM_COUNTRY_DK, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  double last = 0;

  g_assert_no_error (error);

  n_counting = 0;
  CHECK_OK (tm_report_write_pdf (portfolio, NULL, NULL, file, on_progress, &last, &error));
  g_assert_cmpfloat (last, ==, 1.0);
  /* The first pass (a region's takes seconds) moves the bar too: with each
   * move's entry and assessment, and each change. */
  g_test_message ("%u reports while counting", n_counting);
  g_assert_cmpuint (n_counting, >=, 4);

  /* An unknown scenario is an error naming the file; nothing is written */
  g_unlink (path);
  g_assert_false (tm_report_write_pdf (portfolio, "no-such-scenario", NULL, file, NULL, NULL, &error));
  g_assert_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/report/date", test_date);
  g_test_add_func ("/core/report/empty", test_empty);
  g_test_add_func ("/core/report/example-da", test_example_da);
  g_test_add_func ("/core/report/example-nb", test_example_nb);
  g_test_add_func ("/core/report/generated-500", test_generated);
  g_test_add_func ("/core/report/since", test_since);
  g_test_add_func ("/core/report/workshops", test_workshops);
  g_test_add_func ("/core/report/unwritable", test_unwritable);
  g_test_add_func ("/core/report/progress-and-scenario", test_progress_and_scenario);
  g_test_add_func ("/core/report/no-english", test_no_english);

  return g_test_run ();
}
