/* test-draw.c
 * Tests of the drawn views: exports to SVG, PNG and PDF, the text they draw,
 * hit-testing of the matrix and the level × complexity map, and switching
 * the language for an export.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-draw"

#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tm-core.h"
/* Texts in the language a test pushed, as the core renders them. */
#include "model/tm-i18n-private.h"
#include "tm-test-util.h"

/* The example with four tasks given times, performers and moves:
 *
 *   task 0  admin, low            10 min × 6 per day  = 7.0 h/week  nurse → runner 50 % (3.5 h)
 *   task 1  admin, low            30 min × 4 per week = 2.0 h/week  nurse → technology (2.0 h)
 *   task 2  bounded, moderate     15 min × 2 per day  = 3.5 h/week  nurse → SSA (3.5 h)
 *   task 3  coordination, varies   6 min × 10 per week = 1.0 h/week  nurse, no move
 *
 * So the nurse has 13.5 h today and 4.5 h after, 9.0 h move: 3.5 h to
 * unskilled staff (the ward runner), 3.5 h to other professions, 2.0 h to
 * technology. The fixture takes the times and the scenario's moves off the
 * other 38 tasks (the example gives every task a time and moves 40 of them),
 * so they are not estimated and the figures stay small and known.
 *
 * The example's staffing stays: the nurses are 28 FTE × 37 h = 1036 h a week,
 * so the 9.0 h are 9.0 / 1036 = 0.87 % of their staffed time (the chart
 * shows "0,9 %"), never 9.0 / 13.5 = 66.7 % of the catalogued hours, and
 * 9.0 / 37 = 0.24 FTE. */
typedef struct {
  TmPortfolio *portfolio;
  char        *scenario_id;
  char        *scenario_name;
  TmTask      *tasks[4];      /* borrowed */
  char        *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmScenario) scenario = NULL;

  fixture->portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->portfolio);

  scenario = g_list_model_get_item (tm_portfolio_get_scenarios (fixture->portfolio), 0);
  fixture->scenario_id = g_strdup (tm_scenario_get_id (scenario));
  fixture->scenario_name = g_strdup (tm_scenario_get_name (scenario));

  tm_test_set_up_four_tasks (fixture->portfolio, fixture->scenario_id, fixture->tasks);

  if (g_getenv ("TASKMAP_DRAW_DIR") != NULL)
    {
      fixture->dir = g_strdup (g_getenv ("TASKMAP_DRAW_DIR"));
      g_mkdir_with_parents (fixture->dir, 0755);
    }
  else
    {
      fixture->dir = tm_test_make_tmp_dir ("test-draw-XXXXXX");
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  if (g_getenv ("TASKMAP_DRAW_DIR") == NULL)
    tm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->scenario_id);
  g_free (fixture->scenario_name);
  g_clear_object (&fixture->portfolio);
}

/* @msgid as the export renders it: in Danish when the catalogue exists. */
static char *
danish (const char *msgid)
{
  char *s;

  tm_language_push ("da");
  s = g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
  tm_language_pop ();
  return s;
}

static const char *
profession_name (Fixture    *fixture,
                 const char *id)
{
  TmProfession *profession = tm_portfolio_lookup_profession (fixture->portfolio, id);

  g_assert_nonnull (profession);
  /* Exports render in the portfolio's language (Danish here). */
  return tm_profession_get_name (profession);
}

static void
assert_svg_well_formed (const char *path)
{
  xmlDocPtr doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  xmlNodePtr root;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  xmlFreeDoc (doc);
}

static void
assert_recorded (TmDrawRecorder *recorder,
                 const char     *needle)
{
  if (!tm_draw_recorder_contains (recorder, needle))
    {
      g_autofree char *all = tm_draw_recorder_dup_all (recorder);

      g_test_message ("Drawn:\n%s", all);
      g_error ("“%s” was not drawn", needle);
    }
}

static char *
export_view (Fixture        *fixture,
             TmViewKind      kind,
             TmExportFormat  format,
             TmDrawRecorder *recorder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%s.%s", tm_view_kind_to_id (kind),
                                           tm_export_format_get_extension (format));
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  TmExportOptions options = { 0 };

  options.recorder = recorder;
  CHECK_OK (tm_view_export_full (fixture->portfolio, fixture->scenario_id, kind, format, file,
                                 &options, &error));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

/* Tests */

typedef struct {
  GMutex      lock;
  GCond       cond;
  int         step;
  char       *in_thread;
} Crossing;

/* A worker thread renders in Danish while this thread stays in English: a
 * push is the calling thread's alone. */
static gpointer
danish_thread (gpointer data)
{
  Crossing *c = data;

  tm_language_push ("da");
  g_mutex_lock (&c->lock);
  c->in_thread = g_strdup (tm_level_get_label (TM_LEVEL_ADMIN));
  c->step = 1;
  g_cond_broadcast (&c->cond);
  /* Hold the push while the other thread looks. */
  while (c->step < 2)
    g_cond_wait (&c->cond, &c->lock);
  g_mutex_unlock (&c->lock);
  tm_language_pop ();
  return NULL;
}

static void
test_language (void)
{
  const char *localedir = g_getenv ("TASKMAP_LOCALEDIR");
  g_autofree char *mo = g_build_filename (localedir ? localedir : LOCALEDIR, "da", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);
  const char *english = "Administrative tasks and incidental work";
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  gboolean have_danish = g_file_test (mo, G_FILE_TEST_EXISTS);

  if (!have_danish && g_strcmp0 (g_getenv ("TASKMAP_REQUIRE_TRANSLATIONS"), "1") == 0)
    g_error ("No Danish catalogue at %s", mo);
  if (!have_danish)
    g_test_message ("No Danish catalogue at %s: not checking the translations", mo);

  g_assert_cmpstr (tm_country_get_language (TM_COUNTRY_DK), ==, "da");
  g_assert_cmpstr (tm_country_get_language (TM_COUNTRY_NO), ==, "nb");
  g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), ==, english);

  tm_language_push ("da");
  g_assert_cmpstr (tm_language_get_pushed (), ==, "da");
  /* The process's language is left alone. */
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, saved);
  if (have_danish)
    {
      g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), !=, english);
      /* Plurals and contexts too. */
      g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", 1), ==, "%u opgave");
      g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", 3), ==, "%u opgaver");
    }

  /* Nested: English, then Danish again; a push of NULL keeps the language around it. */
  tm_language_push ("en");
  g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), ==, english);
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", 3), ==, "%u tasks");
  tm_language_pop ();
  tm_language_push (NULL);
  if (have_danish)
    g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), !=, english);
  tm_language_pop ();

  /* Danish numbers */
  {
    g_autofree char *n = tm_language_format_number (3.5, 1);

    g_assert_cmpstr (n, ==, "3,5");
  }
  tm_language_pop ();

  g_assert_null (tm_language_get_pushed ());
  g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), ==, english);

  /* Another thread in Danish at the same time as this one in English. */
  {
    Crossing c = { 0 };
    GThread *thread;

    g_mutex_init (&c.lock);
    g_cond_init (&c.cond);
    thread = g_thread_new ("danish", danish_thread, &c);
    g_mutex_lock (&c.lock);
    while (c.step < 1)
      g_cond_wait (&c.cond, &c.lock);
    g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), ==, english);
    g_assert_null (tm_language_get_pushed ());
    if (have_danish)
      g_assert_cmpstr (c.in_thread, !=, english);
    c.step = 2;
    g_cond_broadcast (&c.cond);
    g_mutex_unlock (&c.lock);
    g_thread_join (thread);
    g_free (c.in_thread);
    g_mutex_clear (&c.lock);
    g_cond_clear (&c.cond);
  }


  /* An empty push keeps the language */
  tm_language_push (NULL);
  g_assert_null (tm_language_get_pushed ());
  g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), ==, english);
  tm_language_pop ();
}

static void
test_svg_matrix (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(TmDrawRecorder) recorder = tm_draw_recorder_new ();
  g_autofree char *path = export_view (fixture, TM_VIEW_MATRIX, TM_EXPORT_SVG, recorder);
  g_autofree char *legend = danish ("Chosen move in this scenario (filled, its status in the corner)");
  g_autofree char *approved = NULL;

  assert_svg_well_formed (path);

  assert_recorded (recorder, fixture->scenario_name);
  assert_recorded (recorder, tm_portfolio_get_unit_name (fixture->portfolio));
  for (guint i = 0; i < 4; i++)
    g_assert_true (tm_draw_recorder_has_text (recorder, tm_task_get_title (fixture->tasks[i])));
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "nurse")));
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "runner")));
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "ssa")));
  /* The groups of the example, the symbols, the technology marker, the legend */
  assert_recorded (recorder, tm_task_get_group (fixture->tasks[0]));
  g_assert_true (tm_draw_recorder_has_text (recorder, tm_suitability_get_symbol (TM_SUITABILITY_CAN_TAKE_OVER)));
  g_assert_true (tm_draw_recorder_has_text (recorder, "⚙"));
  g_assert_true (tm_draw_recorder_has_text (recorder, legend));
  /* The legend names the statuses a move's cell is marked with, as in Denmark */
  tm_language_push ("da");
  approved = g_strdup (tm_move_status_get_label (TM_STATUS_APPROVED, TM_COUNTRY_DK));
  tm_language_pop ();
  g_assert_true (tm_draw_recorder_has_text (recorder, approved));
}

static void
test_svg_grid (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TmDrawRecorder) recorder = tm_draw_recorder_new ();
  g_autofree char *path = export_view (fixture, TM_VIEW_GRID, TM_EXPORT_SVG, recorder);

  assert_svg_well_formed (path);
  assert_recorded (recorder, tm_portfolio_get_unit_name (fixture->portfolio));

  /* admin × low: tasks 0 and 1, 7.0 + 2.0 h; bounded × moderate 3.5 h;
   * coordination × high ("varies") 1.0 h */
  assert_recorded (recorder, "9,0");
  assert_recorded (recorder, "3,5");
  assert_recorded (recorder, "1,0");

  /* The axes, in the export's language */
  tm_language_push ("da");
  g_assert_true (tm_draw_recorder_has_text (recorder, tm_level_get_short_label (TM_LEVEL_ADMIN)));
  g_assert_true (tm_draw_recorder_has_text (recorder, tm_complexity_get_label (TM_COMPLEXITY_HIGH)));
  tm_language_pop ();
}

/* @value with @decimals decimals as the Danish export writes it. */
static char *
danish_number (double value,
               int    decimals)
{
  char *s;

  tm_language_push ("da");
  s = tm_language_format_number (value, decimals);
  tm_language_pop ();
  return s;
}

static void
test_svg_capacity (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(TmDrawRecorder) recorder = tm_draw_recorder_new ();
  g_autofree char *path = export_view (fixture, TM_VIEW_CAPACITY, TM_EXPORT_SVG, recorder);
  g_autofree char *benchmark = danish ("Benchmark for hospital wards: about 10 % of the nurses' staffed working "
                                       "time to unskilled staff + 10 % to other professions. A benchmark, not "
                                       "a target.");
  g_autofree char *staffed_heading = danish ("Share of each profession's staffed working time handed over");
  g_autofree char *catalogued_heading = danish ("Share of the catalogued hours handed over (staffing not entered)");
  g_autofree char *fte_heading = danish ("In FTE (full-time equivalents)");
  g_autofree char *title_format = danish ("Capacity: today and %s");
  g_autofree char *percent_format = danish ("%s %%");
  g_autofree char *title = NULL;
  g_autofree char *share = NULL;
  g_autofree char *catalogued_share = NULL;
  g_autofree char *ten = NULL;
  g_autofree char *twenty = NULL;
  g_autofree char *fte_freed = NULL;
  g_autofree char *fte_after = NULL;
  const TmStaffing *staffing = tm_portfolio_get_staffing (fixture->portfolio, "");
  const TmStaffingEntry *nurses;
  double staffed_hours;

  /* The example's staffing of the nurses: 28 FTE × 37 h. */
  g_assert_nonnull (staffing);
  nurses = tm_staffing_lookup (staffing, "nurse");
  g_assert_nonnull (nurses);
  g_assert_cmpfloat (nurses->fte, ==, 28);
  g_assert_cmpfloat (nurses->hours_per_fte, ==, 37);
  staffed_hours = nurses->fte * nurses->hours_per_fte;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  title = g_strdup_printf (title_format, fixture->scenario_name);
  {
    g_autofree char *n = danish_number (9.0 / staffed_hours * 100, 1);
    g_autofree char *c = danish_number (9.0 / 13.5 * 100, 1);
    g_autofree char *t = danish_number (10, 0);
    g_autofree char *w = danish_number (20, 0);

    /* 9.0 / 1036 = 0.87 % of the staffed time; 9.0 / 13.5 = 66.7 % of the catalogued hours */
    g_assert_cmpstr (n, ==, "0,9");
    g_assert_cmpstr (c, ==, "66,7");
    share = g_strdup_printf (percent_format, n);
    catalogued_share = g_strdup_printf (percent_format, c);
    ten = g_strdup_printf (percent_format, t);
    twenty = g_strdup_printf (percent_format, w);
  }
#pragma GCC diagnostic pop
  fte_freed = danish_number (9.0 / nurses->hours_per_fte, 2);
  fte_after = danish_number (nurses->fte - 9.0 / nurses->hours_per_fte, 2);
  /* 9.0 / 37 = 0.24 FTE; 28 − 0.24 = 27.76 FTE */
  g_assert_cmpstr (fte_freed, ==, "0,24");
  g_assert_cmpstr (fte_after, ==, "27,76");

  assert_svg_well_formed (path);

  g_assert_true (tm_draw_recorder_has_text (recorder, title));
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "nurse")));
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "runner")));
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "ssa")));
  g_assert_true (tm_draw_recorder_has_text (recorder, fixture->scenario_name));

  /* Nurse: 13.5 h today, 4.5 h after (−9.0) */
  assert_recorded (recorder, "13,5");
  assert_recorded (recorder, "4,5");
  assert_recorded (recorder, "9,0");

  /* The nurses' staffing is known: their share is of the staffed time and
   * drawn against the benchmark, never the share of the catalogued hours. */
  g_assert_true (tm_draw_recorder_has_text (recorder, staffed_heading));
  g_assert_true (tm_draw_recorder_has_text (recorder, share));
  {
    /* The benchmark lines' labels, "10 % unskilled staff" and "20 % + other professions" */
    g_autofree char *to_unskilled = danish ("unskilled staff");
    g_autofree char *to_professions = danish ("+ other professions");
    g_autofree char *label_ten = g_strdup_printf ("%s %s", ten, to_unskilled);
    g_autofree char *label_twenty = g_strdup_printf ("%s %s", twenty, to_professions);

    g_assert_true (tm_draw_recorder_has_text (recorder, label_ten));
    g_assert_true (tm_draw_recorder_has_text (recorder, label_twenty));
  }
  g_assert_true (tm_draw_recorder_has_text (recorder, benchmark));
  g_assert_false (tm_draw_recorder_contains (recorder, catalogued_share));
  g_assert_false (tm_draw_recorder_has_text (recorder, catalogued_heading));

  /* The headline and the FTE table: 0.24 FTE freed, 27.76 FTE after */
  g_assert_true (tm_draw_recorder_has_text (recorder, fte_heading));
  assert_recorded (recorder, fte_freed);
  assert_recorded (recorder, fte_after);

  /* The split: 3.5 h to unskilled staff and to other professions, 2.0 h to technology */
  assert_recorded (recorder, "3,5");
  assert_recorded (recorder, "2,0");
  /* 38 tasks are not estimated */
  assert_recorded (recorder, "38");
}

static void
test_svg_flow (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TmDrawRecorder) recorder = tm_draw_recorder_new ();
  g_autofree char *path = export_view (fixture, TM_VIEW_FLOW, TM_EXPORT_SVG, recorder);
  g_autofree char *technology = danish ("Technology");

  assert_svg_well_formed (path);

  assert_recorded (recorder, fixture->scenario_name);
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "nurse")));
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "runner")));
  g_assert_true (tm_draw_recorder_has_text (recorder, profession_name (fixture, "ssa")));
  g_assert_true (tm_draw_recorder_has_text (recorder, technology));
  /* Bands of 3.5, 3.5 and 2.0 h; 9.0 h leave the nurse */
  assert_recorded (recorder, "3,5");
  assert_recorded (recorder, "2,0");
  assert_recorded (recorder, "9,0");
}

/* A PDF ends with "%%EOF" (then a line end). */
static gboolean
ends_with_eof (const char *data,
               gsize       length)
{
  static const char eof[] = "%%EOF";

  for (gsize i = length > 16 ? length - 16 : 0; i + strlen (eof) <= length; i++)
    if (memcmp (data + i, eof, strlen (eof)) == 0)
      return TRUE;
  return FALSE;
}

static void
test_png_pdf (Fixture       *fixture,
              gconstpointer  user_data)
{
  for (guint kind = 0; kind < TM_N_VIEWS; kind++)
    {
      g_autofree char *png = export_view (fixture, kind, TM_EXPORT_PNG, NULL);
      g_autofree char *pdf = export_view (fixture, kind, TM_EXPORT_PDF, NULL);
      g_autofree char *data = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;

      CHECK_OK (g_file_get_contents (png, &data, &length, &error));
      g_assert_cmpuint (length, >, 8);
      g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
      g_clear_pointer (&data, g_free);

      CHECK_OK (g_file_get_contents (pdf, &data, &length, &error));
      g_assert_cmpuint (length, >, 5);
      g_assert_cmpmem (data, 5, "%PDF-", 5);
      g_assert_true (ends_with_eof (data, length));
    }
}

static void
test_export_error (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "matrix.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (tm_view_export (fixture->portfolio, fixture->scenario_id, TM_VIEW_MATRIX,
                                  TM_EXPORT_SVG, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "matrix.svg"));
  g_clear_error (&error);

  g_assert_false (tm_view_export (fixture->portfolio, "no-such-scenario", TM_VIEW_CAPACITY,
                                  TM_EXPORT_SVG, file, &error));
  g_assert_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_matrix_layout (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(TmMatrixLayout) layout = tm_matrix_layout_new (fixture->portfolio, fixture->scenario_id,
                                                           NULL, NULL, NULL);
  GListModel *professions = tm_portfolio_get_professions (fixture->portfolio);
  guint n_visible = 0;
  cairo_rectangle_t rect;
  int row, column, task_row, nurse, runner, ssa;
  guint first, last;
  const TmTaskData *data;

  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (professions, i);

      n_visible += !tm_profession_get_hidden (p);
    }

  /* Rows: a header per group plus every task; columns: the professions plus the outcome */
  {
    g_auto(GStrv) groups = tm_portfolio_dup_groups (fixture->portfolio);
    guint n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (fixture->portfolio));

    g_assert_cmpuint (tm_matrix_layout_get_n_rows (layout), ==, n_tasks + g_strv_length (groups));
    g_assert_null (tm_matrix_layout_get_task (layout, 0));
    g_assert_cmpstr (tm_matrix_layout_get_group (layout, 0), ==, groups[0]);
    g_assert_true (tm_matrix_layout_get_task (layout, 1) == fixture->tasks[0]);
  }
  g_assert_cmpuint (tm_matrix_layout_get_n_columns (layout), ==, n_visible + 1);
  g_assert_null (tm_matrix_layout_get_profession (layout, n_visible));

  nurse = tm_matrix_layout_find_profession (layout, tm_portfolio_lookup_profession (fixture->portfolio, "nurse"));
  runner = tm_matrix_layout_find_profession (layout,
                                             tm_portfolio_lookup_profession (fixture->portfolio, "runner"));
  ssa = tm_matrix_layout_find_profession (layout, tm_portfolio_lookup_profession (fixture->portfolio, "ssa"));
  g_assert_cmpint (nurse, >=, 0);
  g_assert_cmpint (runner, >=, 0);
  g_assert_cmpint (ssa, >=, 0);

  /* The moves */
  task_row = tm_matrix_layout_find_task (layout, fixture->tasks[0]);
  g_assert_cmpint (task_row, ==, 1);
  g_assert_true (tm_matrix_layout_is_move (layout, task_row, runner));
  g_assert_false (tm_matrix_layout_is_move (layout, task_row, nurse));
  g_assert_true (tm_matrix_layout_is_move (layout, tm_matrix_layout_find_task (layout, fixture->tasks[1]),
                                           n_visible));
  g_assert_true (tm_matrix_layout_is_move (layout, tm_matrix_layout_find_task (layout, fixture->tasks[2]), ssa));

  /* Suitability as assessed */
  data = tm_task_peek_data (fixture->tasks[0]);
  {
    const TmAssessment *a = tm_task_data_get_assessment (data, "runner");

    g_assert_nonnull (a);
    g_assert_cmpint (tm_matrix_layout_get_suitability (layout, task_row, runner), ==, a->suitability);
  }
  g_assert_cmpint (tm_matrix_layout_get_suitability (layout, 0, runner), ==, TM_SUITABILITY_NOT_ASSESSED);

  {
    g_autofree char *description = tm_matrix_layout_dup_cell_description (layout, task_row, runner);

    g_assert_nonnull (strstr (description, tm_task_get_title (fixture->tasks[0])));
    /* On screen, in the session's language (English here). */
    g_assert_nonnull (strstr (description, tm_profession_get_display_name (
                                             tm_portfolio_lookup_profession (fixture->portfolio, "runner"))));
  }

  /* Hit-testing: the centre of each cell hits it */
  for (guint r = 0; r < tm_matrix_layout_get_n_rows (layout); r += 7)
    for (guint c = 0; c < tm_matrix_layout_get_n_columns (layout); c++)
      {
        if (tm_matrix_layout_get_task (layout, r) == NULL)
          continue;
        tm_matrix_layout_get_cell_rect (layout, r, c, &rect);
        g_assert_true (tm_matrix_layout_hit (layout, rect.x + rect.width / 2, rect.y + rect.height / 2,
                                             &row, &column));
        g_assert_cmpint (row, ==, r);
        g_assert_cmpint (column, ==, c);
        /* Just inside the corners */
        g_assert_true (tm_matrix_layout_hit (layout, rect.x + 0.1, rect.y + 0.1, &row, &column));
        g_assert_cmpint (row, ==, r);
        g_assert_cmpint (column, ==, c);
        g_assert_true (tm_matrix_layout_hit (layout, rect.x + rect.width - 0.1, rect.y + rect.height - 0.1,
                                             &row, &column));
        g_assert_cmpint (row, ==, r);
        g_assert_cmpint (column, ==, c);
      }

  /* A row label */
  tm_matrix_layout_get_cell_rect (layout, task_row, -1, &rect);
  g_assert_cmpfloat (rect.x, ==, 0);
  g_assert_cmpfloat (rect.width, ==, tm_matrix_layout_get_label_width (layout));
  g_assert_true (tm_matrix_layout_hit (layout, rect.x + 5, rect.y + rect.height / 2, &row, &column));
  g_assert_cmpint (row, ==, task_row);
  g_assert_cmpint (column, ==, -1);

  /* A column header, just above the cells */
  tm_matrix_layout_get_cell_rect (layout, -1, ssa, &rect);
  g_assert_cmpfloat (rect.y, ==, 0);
  g_assert_cmpfloat (rect.height, ==, tm_matrix_layout_get_header_height (layout));
  g_assert_true (tm_matrix_layout_hit (layout, rect.x + rect.width / 2, rect.height - 1, &row, &column));
  g_assert_cmpint (row, ==, -1);
  g_assert_cmpint (column, ==, ssa);

  /* Outside */
  g_assert_false (tm_matrix_layout_hit (layout, -5, -5, &row, &column));
  g_assert_cmpint (row, ==, -1);
  g_assert_cmpint (column, ==, -1);
  g_assert_false (tm_matrix_layout_hit (layout, 10, tm_matrix_layout_get_height (layout) + 10, &row, &column));
  g_assert_false (tm_matrix_layout_hit (layout, 2, 2, NULL, NULL));

  /* Geometry adds up */
  g_assert_cmpfloat_with_epsilon (tm_matrix_layout_get_height (layout),
                                  tm_matrix_layout_get_header_height (layout)
                                  + tm_matrix_layout_get_n_rows (layout) * tm_matrix_layout_get_row_height (layout),
                                  1e-6);
  g_assert_cmpfloat (tm_matrix_layout_get_width (layout), >=,
                     tm_matrix_layout_get_label_width (layout)
                     + tm_matrix_layout_get_n_columns (layout) * tm_matrix_layout_get_column_width (layout));

  /* The rows of a range */
  {
    double h0 = tm_matrix_layout_get_header_height (layout);
    double rh = tm_matrix_layout_get_row_height (layout);

    g_assert_true (tm_matrix_layout_get_rows_in_range (layout, 0, h0 + rh * 2.5, &first, &last));
    g_assert_cmpuint (first, ==, 0);
    g_assert_cmpuint (last, ==, 2);
    g_assert_true (tm_matrix_layout_get_rows_in_range (layout, h0 + rh * 5, h0 + rh * 7, &first, &last));
    g_assert_cmpuint (first, ==, 5);
    g_assert_cmpuint (last, ==, 6);
    g_assert_false (tm_matrix_layout_get_rows_in_range (layout, 0, h0, &first, &last));
    g_assert_false (tm_matrix_layout_get_rows_in_range (layout, tm_matrix_layout_get_height (layout),
                                                        tm_matrix_layout_get_height (layout) + 100,
                                                        &first, &last));
  }

  /* Drawing a range draws only those rows */
  {
    g_autoptr(TmDrawRecorder) recorder = tm_draw_recorder_new ();
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 300);
    cairo_t *cr = cairo_create (surface);
    double h0 = tm_matrix_layout_get_header_height (layout);
    double rh = tm_matrix_layout_get_row_height (layout);
    TmMatrixState state = { task_row, runner, TRUE };

    tm_draw_recorder_attach (recorder, cr);
    tm_matrix_layout_draw_rows (layout, cr, &state, h0 + rh * 1, h0 + rh * 2);
    g_assert_true (tm_draw_recorder_has_text (recorder, tm_task_get_title (fixture->tasks[0])));
    g_assert_false (tm_draw_recorder_has_text (recorder, tm_task_get_title (fixture->tasks[1])));
    tm_draw_recorder_clear (recorder);
    tm_matrix_layout_draw_header (layout, cr, &state);
    g_assert_true (tm_draw_recorder_has_text (recorder, tm_profession_get_display_name (
                                                          tm_portfolio_lookup_profession (fixture->portfolio, "nurse"))));
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

static void
test_matrix_filtered (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GListStore) tasks = g_list_store_new (TM_TYPE_TASK);
  g_autoptr(GListModel) in_play = NULL;
  g_autoptr(TmMatrixLayout) layout = NULL;
  guint n;

  g_list_store_append (tasks, fixture->tasks[2]);
  g_list_store_append (tasks, fixture->tasks[0]);

  in_play = tm_matrix_professions_in_play (fixture->portfolio, fixture->scenario_id, G_LIST_MODEL (tasks));
  n = g_list_model_get_n_items (in_play);
  /* nurse performs; the runner is assessed and receives; ssa receives */
  g_assert_cmpuint (n, >=, 3);

  layout = tm_matrix_layout_new (fixture->portfolio, fixture->scenario_id, G_LIST_MODEL (tasks), in_play, NULL);
  g_assert_cmpuint (tm_matrix_layout_get_n_columns (layout), ==, n + 1);
  g_assert_cmpint (tm_matrix_layout_find_profession (layout,
                                                     tm_portfolio_lookup_profession (fixture->portfolio,
                                                                                     "physician")), ==, -1);
  g_assert_cmpint (tm_matrix_layout_find_task (layout, fixture->tasks[1]), ==, -1);
  g_assert_cmpint (tm_matrix_layout_find_task (layout, fixture->tasks[0]), >=, 1);
}

static void
test_grid_hit (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(TmAnalysis) analysis = tm_analysis_compute (fixture->portfolio, fixture->scenario_id);
  g_autoptr(TmGridLayout) grid = NULL;
  const TmLevel levels[] = { TM_LEVEL_ADMIN, TM_LEVEL_BOUNDED_CLINICAL, TM_LEVEL_COORDINATION,
                             TM_LEVEL_NOT_ASSESSED };
  const TmComplexity complexities[] = { TM_COMPLEXITY_LOW, TM_COMPLEXITY_MODERATE, TM_COMPLEXITY_HIGH,
                                        TM_COMPLEXITY_NOT_ASSESSED };
  double min_w, min_h;
  TmLevel level;
  TmComplexity complexity;
  cairo_rectangle_t rect;

  tm_grid_get_min_size (NULL, &min_w, &min_h);
  g_assert_cmpfloat (min_w, >, 0);
  g_assert_cmpfloat (min_h, >, 0);

  grid = tm_grid_layout_new (fixture->portfolio, analysis, NULL, TM_GRID_SHADE_HOURS, 900, 700);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    for (guint j = 0; j < G_N_ELEMENTS (complexities); j++)
      {
        g_assert_true (tm_grid_layout_get_cell_rect (grid, levels[i], complexities[j], &rect));
        g_assert_cmpfloat (rect.x + rect.width, <=, 900);
        g_assert_true (tm_grid_layout_hit (grid, rect.x + rect.width / 2, rect.y + rect.height / 2,
                                           &level, &complexity));
        g_assert_cmpint (level, ==, levels[i]);
        g_assert_cmpint (complexity, ==, complexities[j]);
      }

  g_assert_false (tm_grid_layout_get_cell_rect (grid, TM_LEVEL_ADMIN, TM_COMPLEXITY_VARIES, &rect));
  g_assert_false (tm_grid_layout_hit (grid, 1, 1, &level, &complexity));
  g_assert_false (tm_grid_layout_hit (grid, 5000, 5000, &level, &complexity));

  /* Drawing with a selection works on any surface */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 900, 700);
    cairo_t *cr = cairo_create (surface);

    tm_grid_layout_draw (grid, cr, TM_LEVEL_ADMIN, TM_COMPLEXITY_VARIES);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
}

static void
test_empty_scenario (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (NULL, TM_COUNTRY_NO, "Post", &error);
  g_autofree char *dir = NULL;

  g_assert_no_error (error);
  dir = tm_test_make_tmp_dir ("test-draw-empty-XXXXXX");

  /* No tasks at all: every view still renders */
  for (guint kind = 0; kind < TM_N_VIEWS; kind++)
    for (guint format = 0; format < TM_N_EXPORT_FORMATS; format++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", tm_view_kind_to_id (kind),
                                                 tm_export_format_get_extension (format));
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);

        CHECK_OK (tm_view_export (portfolio, NULL, kind, format, file, &error));
        if (format == TM_EXPORT_SVG)
          assert_svg_well_formed (path);
      }

  tm_test_rm_rf (dir);
}

static void
test_ids (void)
{
  TmViewKind kind;

  for (guint i = 0; i < TM_N_VIEWS; i++)
    {
      g_assert_true (tm_view_kind_from_id (tm_view_kind_to_id (i), &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (tm_view_kind_get_label (i));
    }
  g_assert_false (tm_view_kind_from_id ("pie", &kind));
  g_assert_cmpstr (tm_export_format_get_mime_type (TM_EXPORT_SVG), ==, "image/svg+xml");
  g_assert_cmpstr (tm_export_format_get_extension (TM_EXPORT_PDF), ==, "pdf");
  g_assert_nonnull (tm_export_format_get_label (TM_EXPORT_PNG));
}

/* A session whose locale has no catalogue of ours (C.UTF-8, sv_SE …) still
 * renders a portfolio in its own language: GLib decides once whether to
 * translate at all, and must not decide "never" from that session. */
static void
test_language_uncatalogued (void)
{
  const char *english = "Administrative tasks and incidental work";
  const char *localedir = g_getenv ("TASKMAP_LOCALEDIR");
  g_autofree char *mo = g_build_filename (localedir ? localedir : LOCALEDIR, "da", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (g_test_subprocess ())
    {
      /* As the application does; the first look-up in the session's language. */
      textdomain (GETTEXT_PACKAGE);
      g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), ==, english);
      tm_language_push ("da");
      g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), !=, english);
      tm_language_pop ();
      return;
    }

  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      if (g_strcmp0 (g_getenv ("TASKMAP_REQUIRE_TRANSLATIONS"), "1") == 0)
        g_error ("No Danish catalogue at %s", mo);
      g_test_skip ("No Danish catalogue");
      return;
    }

  {
    g_autofree char *lc_all = g_strdup (g_getenv ("LC_ALL"));
    g_autofree char *language = g_strdup (g_getenv ("LANGUAGE"));

    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    g_unsetenv ("LANGUAGE");
    g_test_trap_subprocess (NULL, 0, 0);
    if (lc_all != NULL)
      g_setenv ("LC_ALL", lc_all, TRUE);
    else
      g_unsetenv ("LC_ALL");
    if (language != NULL)
      g_setenv ("LANGUAGE", language, TRUE);
  }
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/draw/language", test_language);
  g_test_add_func ("/core/draw/language/uncatalogued-locale", test_language_uncatalogued);
  g_test_add_func ("/core/draw/ids", test_ids);
  g_test_add ("/core/draw/svg/matrix", Fixture, NULL, fixture_setup, test_svg_matrix, fixture_teardown);
  g_test_add ("/core/draw/svg/grid", Fixture, NULL, fixture_setup, test_svg_grid, fixture_teardown);
  g_test_add ("/core/draw/svg/capacity", Fixture, NULL, fixture_setup, test_svg_capacity, fixture_teardown);
  g_test_add ("/core/draw/svg/flow", Fixture, NULL, fixture_setup, test_svg_flow, fixture_teardown);
  g_test_add ("/core/draw/png-pdf", Fixture, NULL, fixture_setup, test_png_pdf, fixture_teardown);
  g_test_add ("/core/draw/export-error", Fixture, NULL, fixture_setup, test_export_error, fixture_teardown);
  g_test_add ("/core/draw/matrix/layout", Fixture, NULL, fixture_setup, test_matrix_layout, fixture_teardown);
  g_test_add ("/core/draw/matrix/filtered", Fixture, NULL, fixture_setup, test_matrix_filtered,
              fixture_teardown);
  g_test_add ("/core/draw/grid/hit", Fixture, NULL, fixture_setup, test_grid_hit, fixture_teardown);
  g_test_add_func ("/core/draw/empty", test_empty_scenario);

  return g_test_run ();
}
