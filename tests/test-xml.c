/* test-xml.c
 * Tests of the XML exchange format: byte-identical round trips, determinism,
 * format 1 import, and the refusal of every kind of bad or hostile file.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-xml"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "tm-test-util.h"

/* A marker that must never travel from a file named in an entity into Taskmap. */
#define SECRET_MARKER "TASKMAP-SECRET-4f1c9a7e-do-not-read"

/* Helpers */

/* Says which field of two tasks differs, for the log. */
static void
explain_difference (const TmTaskData *a,
                    const TmTaskData *b)
{
  g_test_message ("task “%s” differs after the round trip:", a->title);
  if (a->minutes != b->minutes || a->occurrences != b->occurrences)
    g_test_message ("  time %g x %g → %g x %g", a->minutes, a->occurrences, b->minutes, b->occurrences);
  if (a->per != b->per)
    g_test_message ("  per %s → %s", tm_per_to_id (a->per), tm_per_to_id (b->per));
  if (a->shifts != b->shifts)
    g_test_message ("  shifts %u → %u", a->shifts, b->shifts);
  if (g_strcmp0 (a->notes, b->notes) != 0 || g_strcmp0 (a->description, b->description) != 0)
    g_test_message ("  notes or description");
  if (a->performers->len != b->performers->len || a->assessments->len != b->assessments->len ||
      a->moves->len != b->moves->len)
    g_test_message ("  %u/%u/%u performers/assessments/moves → %u/%u/%u", a->performers->len,
                    a->assessments->len, a->moves->len, b->performers->len, b->assessments->len,
                    b->moves->len);
}

/* Export, import into a new portfolio of the same country, export again. */
static void
assert_round_trip (TmPortfolio *portfolio)
{
  g_autofree char *first = tm_test_export_xml (portfolio);
  g_autofree char *again = tm_test_export_xml (portfolio);
  g_autofree char *second = NULL;
  g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (tm_portfolio_get_country (portfolio), "");
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);

  /* Deterministic. */
  tm_test_assert_same_text (first, again);

  tm_test_import_xml (copy, first, "round-trip.xml");
  second = tm_test_export_xml (copy);
  tm_test_assert_same_text (first, second);

  /* And the same tasks, field by field. */
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (copy)), ==, g_list_model_get_n_items (tasks));
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      g_autoptr(TmTask) other = g_list_model_get_item (tm_portfolio_get_tasks (copy), i);

      g_assert_cmpstr (tm_task_get_uuid (task), ==, tm_task_get_uuid (other));
      if (!tm_task_data_equal (tm_task_peek_data (task), tm_task_peek_data (other)))
        explain_difference (tm_task_peek_data (task), tm_task_peek_data (other));
      g_assert_true (tm_task_data_equal (tm_task_peek_data (task), tm_task_peek_data (other)));
    }
}

/* A portfolio with every field set. With @everything FALSE, the tasks use only
 * built-in professions and only the first scenario (see test_round_trip_full). */
static TmPortfolio *
build_full (gboolean everything)
{
  static const char *groups[] = {
    "Om morgenen",
    "Mad & køkken <\"køkkenet\">",
    "Øvrige opgaver – 'diverse'",
  };
  static const double shares[] = { 100, 40, 12.5 };
  static const double days[] = { TM_NOT_ESTIMATED, 0, 2.5, 30 };
  static const TmComplexity limits[] = {
    TM_COMPLEXITY_NOT_ASSESSED, TM_COMPLEXITY_LOW, TM_COMPLEXITY_MODERATE, TM_COMPLEXITY_HIGH,
  };
  g_autoptr(GError) error = NULL;
  TmPortfolio *p = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  TmProfession *custom, *hidden;
  TmScenario *second;
  const char *first_id;
  g_autofree char *custom_id = NULL;

  CHECK_OK (tm_portfolio_set_unit (p, "Afd. Æ <1> & \"Ø\" 'å'", "Region Øst & Co <test>",
                                        TM_SETTING_PSYCHIATRY,
                                        "Linje 1\nLinje 2 med ' \" < > & æøå ÆØÅ\n\n  indrykket", &error));

  custom = tm_portfolio_add_profession (p, "Forløbskoordinator \"ÆØÅ\" <&>", "Pathway coordinator & co",
                                        TRUE, FALSE, &error);
  g_assert_no_error (error);
  custom_id = g_strdup (tm_profession_get_id (custom));
  hidden = tm_portfolio_add_profession (p, "Skjult gruppe", "", FALSE, TRUE, &error);
  g_assert_no_error (error);
  CHECK_OK (tm_portfolio_update_profession (p, hidden, "Skjult gruppe", "", FALSE, TRUE, TRUE, &error));

  {
    g_autoptr(TmScenario) first = g_list_model_get_item (tm_portfolio_get_scenarios (p), 0);

    CHECK_OK (tm_portfolio_rename_scenario (p, first, "Plan Æ & <B> \"citat\"", &error));
    first_id = tm_scenario_get_id (first);
  }
  second = tm_portfolio_add_scenario (p, "Plan 'Ø' – anden", &error);
  g_assert_no_error (error);
  tm_portfolio_add_scenario (p, "Tom plan", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 28; i++)
    {
      g_autoptr(TmTaskData) d = tm_task_data_new ();
      const char *third = everything ? custom_id : "physiotherapist";
      TmAssessment a;
      TmTask *task;

      g_free (d->title);
      d->title = g_strdup_printf ("Opgave %u: æøå ÆØÅ <&> \"citat\" 'apostrof' ]]> 🩺", i);
      g_free (d->description);
      d->description = i % 2 ? g_strdup_printf ("Første linje %u\nAnden linje & <mere>", i) : g_strdup ("");
      g_free (d->group);
      d->group = g_strdup (groups[i % G_N_ELEMENTS (groups)]);
      g_free (d->notes);
      d->notes = i % 3 ? g_strdup ("  mellemrum før og efter  ") : g_strdup ("");
      d->level = i % TM_N_LEVELS;
      d->complexity = i % TM_N_COMPLEXITIES;
      d->per = i % TM_N_PERS;
      d->shifts = i % 16;
      switch (i % 5)
        {
        case 0: d->minutes = 2.5; d->occurrences = 3; break;
        case 1: d->minutes = 45; break;
        case 2: d->occurrences = 7; break;
        case 3: d->per = TM_PER_DAY; break;   /* see test_round_trip_per_without_time */
        default: d->minutes = 0.1; d->occurrences = 0.5; break;
        }

      switch (i % 4)
        {
        case 0: break;
        case 1: tm_task_data_set_performer (d, "nurse", 100); break;
        case 2:
          tm_task_data_set_performer (d, "nurse", 50);
          tm_task_data_set_performer (d, "ssa", 30);
          tm_task_data_set_performer (d, third, 20);
          break;
        default:
          tm_task_data_set_performer (d, "runner", 0);
          tm_task_data_set_performer (d, "porter", 0);
          break;
        }

      tm_assessment_init (&a, "runner");
      a.suitability = i % TM_N_SUITABILITIES;
      a.complexity_limit = limits[i % G_N_ELEMENTS (limits)];
      a.share = shares[i % G_N_ELEMENTS (shares)];
      a.training = i % TM_N_TRAININGS;
      a.training_days = days[i % G_N_ELEMENTS (days)];
      a.documented_by_test = i % 2;
      a.rationale = i % TM_N_RATIONALES;
      g_free (a.training_content);
      a.training_content = g_strdup_printf ("Kursus %u i <medicin> & \"dosering\" – 'æøå'", i);
      g_free (a.purpose);
      a.purpose = g_strdup ("Frigøre sygeplejerskernes tid & sikre kvalitet");
      g_free (a.note);
      a.note = i % 2 ? g_strdup ("Note\nover to linjer") : g_strdup ("");
      tm_task_data_set_assessment (d, &a);
      tm_assessment_clear (&a);

      if (i % 3 == 0)
        {
          tm_assessment_init (&a, third);
          a.suitability = TM_SUITABILITY_DELEGATION_FRAMEWORK;
          a.training = TM_TRAINING_FORMAL;
          a.training_days = 180;
          tm_task_data_set_assessment (d, &a);
          tm_assessment_clear (&a);
        }

      if (i % 7 != 6)
        {
          TmMove m = { NULL, i % TM_N_MOVE_KINDS, NULL, shares[(i / 3) % G_N_ELEMENTS (shares)] };

          if (m.kind == TM_MOVE_TO_PROFESSION)
            m.profession_id = (char *) (i % 2 ? "runner" : third);
          tm_task_data_set_move (d, first_id, &m);
        }
      if (everything && i % 2 == 0)
        {
          TmMove m = { NULL, (i + 1) % TM_N_MOVE_KINDS, NULL, 60 };

          if (m.kind == TM_MOVE_TO_PROFESSION)
            m.profession_id = custom_id;
          tm_task_data_set_move (d, tm_scenario_get_id (second), &m);
        }

      task = tm_portfolio_add_task (p, d, &error);
      g_assert_no_error (error);
      g_assert_nonnull (task);
    }

  return p;
}

/* Round trips */

static void
test_round_trip_example (gconstpointer data)
{
  TmCountry country = GPOINTER_TO_INT (data);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (country);

  assert_round_trip (portfolio);
}

static void
test_round_trip_full (void)
{
  g_autoptr(TmPortfolio) portfolio = build_full (TRUE);
  g_autofree char *xml = tm_test_export_xml (portfolio);

  /* The generated file really holds every kind of value. */
  { g_autofree char *v = g_strdup_printf ("version=\"%d\"", TM_XML_FORMAT_VERSION); g_assert_nonnull (strstr (xml, v)); }
  for (TmSuitability s = 0; s < TM_N_SUITABILITIES; s++)
    {
      g_autofree char *attr = g_strdup_printf ("suitability=\"%s\"", tm_suitability_to_id (s));
      g_assert_nonnull (strstr (xml, attr));
    }
  for (TmMoveKind k = 0; k < TM_N_MOVE_KINDS; k++)
    {
      g_autofree char *attr = g_strdup_printf ("kind=\"%s\"", tm_move_kind_to_id (k));
      g_assert_nonnull (strstr (xml, attr));
    }
  for (TmTraining t = 0; t < TM_N_TRAININGS; t++)
    {
      g_autofree char *attr = g_strdup_printf ("training=\"%s\"", tm_training_to_id (t));
      g_assert_nonnull (strstr (xml, attr));
    }
  g_assert_nonnull (strstr (xml, "training-days=\"2.5\""));
  g_assert_nonnull (strstr (xml, "æøå"));
  g_assert_null (strstr (xml, "<&>"));   /* escaped */

  assert_round_trip (portfolio);
}

/* The same, with tasks that name only professions and scenarios a new
 * portfolio already has: isolates the rest of the format from the import of
 * new professions and scenarios that tasks refer to. */
static void
test_round_trip_full_known_references (void)
{
  g_autoptr(TmPortfolio) portfolio = build_full (FALSE);

  assert_round_trip (portfolio);
}

/* Every setting and both countries. */
static void
test_round_trip_units (void)
{
  for (TmCountry c = 0; c < TM_N_COUNTRIES; c++)
    for (TmSetting s = 0; s < TM_N_SETTINGS; s++)
      {
        g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (c, "");
        g_autoptr(GError) error = NULL;

        CHECK_OK (tm_portfolio_set_unit (portfolio, "Enhed", "", s, "", &error));
        assert_round_trip (portfolio);
      }
}

/* Line breaks and tabs as Windows programs paste them. */
static void
test_round_trip_line_breaks (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_NO, "");
  g_autoptr(TmTaskData) d = tm_task_data_new ();
  g_autoptr(GError) error = NULL;

  g_free (d->title);
  d->title = g_strdup ("Tabulator\tog linjeskift");
  g_free (d->notes);
  d->notes = g_strdup ("Linje 1\r\nLinje 2\rLinje 3\n\tinnrykk");
  g_assert_nonnull (tm_portfolio_add_task (portfolio, d, &error));
  g_assert_no_error (error);

  assert_round_trip (portfolio);
}

/* "Per week" chosen before the time is estimated is kept. */
static void
test_round_trip_per_without_time (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(TmTaskData) d = tm_task_data_new ();
  g_autoptr(GError) error = NULL;

  g_free (d->title);
  d->title = g_strdup ("Ugentlig, tid ikke estimeret");
  d->per = TM_PER_WEEK;
  g_assert_nonnull (tm_portfolio_add_task (portfolio, d, &error));
  g_assert_no_error (error);

  assert_round_trip (portfolio);
}

/* Text pasted from a word processor may hold control characters that XML 1.0
 * cannot carry (vertical tab, form feed, escape). Either the core refuses such
 * text, or the export must still be importable. */
static void
test_round_trip_control_characters (void)
{
  static const char *texts[] = { "Sideskift\fher", "Lodret\vtabulator", "Escape\x1b[0m", "Bell\x07", NULL };

  for (guint i = 0; texts[i]; i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
      g_autoptr(TmTaskData) d = tm_task_data_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *xml = NULL;
      TmTask *task;

      g_free (d->title);
      d->title = g_strdup ("Indsat tekst");
      g_free (d->notes);
      d->notes = g_strdup (texts[i]);
      task = tm_portfolio_add_task (portfolio, d, &error);
      if (task == NULL)
        {
          g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
          continue;
        }
      g_assert_no_error (error);

      xml = tm_xml_export_data (portfolio, NULL, &error);
      if (xml == NULL)
        {
          /* Refusing to write a file it cannot read back is acceptable too. */
          g_assert_nonnull (error);
          continue;
        }

      {
        g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (TM_COUNTRY_DK, "");

        g_test_message ("text %u", i);
        CHECK_OK (tm_xml_import_data (copy, xml, strlen (xml), "control.xml", &error));
      }
    }
}

/* A unit that renamed or hid built-in professions keeps that through export
 * and import into a new portfolio. */
static void
test_round_trip_builtin_profession_edits (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  TmProfession *nurse = tm_portfolio_lookup_profession (portfolio, "nurse");
  TmProfession *midwife = tm_portfolio_lookup_profession (portfolio, "midwife");

  CHECK_OK (tm_portfolio_update_profession (portfolio, nurse, "Sygeplejerske (afsnit K2)", "Ward nurse",
                                                 TRUE, FALSE, FALSE, &error));
  CHECK_OK (tm_portfolio_update_profession (portfolio, midwife, tm_profession_get_name (midwife),
                                                 tm_profession_get_name_en (midwife),
                                                 TRUE, FALSE, TRUE, &error));

  assert_round_trip (portfolio);
}

/* A unit that deleted the first scenario and works in another one. */
static void
test_round_trip_default_scenario_deleted (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(TmScenario) first = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);

  g_assert_nonnull (tm_portfolio_add_scenario (portfolio, "Vores plan", &error));
  g_assert_no_error (error);
  CHECK_OK (tm_portfolio_delete_scenario (portfolio, first, &error));

  assert_round_trip (portfolio);
}

/* Import of files whose tasks refer to professions and scenarios that the same
 * file adds: the cases of a file exported from a unit that added a profession
 * or a scenario. */
static const char new_profession_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"2\" country=\"dk\">\n"
  "  <professions>\n"
  "    <profession id=\"custom-helper\" authorised=\"false\" unskilled=\"true\" hidden=\"false\">\n"
  "      <name>Afdelingshjælper</name>\n"
  "    </profession>\n"
  "  </professions>\n"
  "  <tasks>\n"
  "    <task id=\"4b1e2c3d-5f6a-4b7c-8d9e-0f1a2b3c4d5e\">\n"
  "      <title>Opvask</title>\n"
  "      <level>admin</level>\n"
  "      <complexity>low</complexity>\n"
  "      <performed-by profession=\"custom-helper\" share=\"100\"/>\n"
  "    </task>\n"
  "  </tasks>\n"
  "</portfolio>\n";

static const char new_profession_move_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"2\" country=\"dk\">\n"
  "  <professions>\n"
  "    <profession id=\"custom-helper\" authorised=\"false\" unskilled=\"true\" hidden=\"false\">\n"
  "      <name>Afdelingshjælper</name>\n"
  "    </profession>\n"
  "  </professions>\n"
  "  <tasks>\n"
  "    <task id=\"5c2f3d4e-6a7b-4c8d-9e0f-1a2b3c4d5e6f\">\n"
  "      <title>Opvask</title>\n"
  "      <level>admin</level>\n"
  "      <complexity>low</complexity>\n"
  "      <performed-by profession=\"nurse\" share=\"100\"/>\n"
  "      <assessment profession=\"custom-helper\" suitability=\"can-take-over\"/>\n"
  "      <move scenario=\"scenario-1\" kind=\"profession\" profession=\"custom-helper\" share=\"100\"/>\n"
  "    </task>\n"
  "  </tasks>\n"
  "</portfolio>\n";

static const char new_scenario_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"2\" country=\"dk\">\n"
  "  <scenarios>\n"
  "    <scenario id=\"scenario-plan-b\">\n"
  "      <name>Plan B</name>\n"
  "    </scenario>\n"
  "  </scenarios>\n"
  "  <tasks>\n"
  "    <task id=\"6d3a4e5f-7b8c-4d9e-8f1a-2b3c4d5e6f7a\">\n"
  "      <title>Opvask</title>\n"
  "      <level>admin</level>\n"
  "      <complexity>low</complexity>\n"
  "      <performed-by profession=\"nurse\" share=\"100\"/>\n"
  "      <move scenario=\"scenario-plan-b\" kind=\"stop\" share=\"100\"/>\n"
  "    </task>\n"
  "  </tasks>\n"
  "</portfolio>\n";

static void
test_import_new_references (gconstpointer data)
{
  const char *xml = data;
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(TmPortfolio) example = tm_test_new_example (TM_COUNTRY_DK);

  tm_test_import_xml (portfolio, xml, "new-references.xml");
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 1);
  /* Into a portfolio with tasks, too. */
  tm_test_import_xml (example, xml, "new-references.xml");
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (example)), ==, 43);
}

/* Determinism */

static void
test_deterministic (void)
{
  g_autoptr(TmPortfolio) portfolio = build_full (FALSE);
  g_autofree char *a = tm_test_export_xml (portfolio);
  g_autofree char *b = tm_test_export_xml (portfolio);

  tm_test_assert_same_text (a, b);

  /* Undo and redo give back the same bytes. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *c = NULL;

    CHECK_OK (tm_portfolio_undo (portfolio, &error));
    CHECK_OK (tm_portfolio_redo (portfolio, &error));
    c = tm_test_export_xml (portfolio);
    tm_test_assert_same_text (a, c);
  }
}

/* The same portfolio gives the same bytes, whatever order its moves were
 * chosen in, and before and after closing and opening its file. */
static void
test_deterministic_after_reopen (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  dir = tm_test_make_tmp_dir ("test-xml-XXXXXX");
  path = g_build_filename (dir, "afsnit.taskmap", NULL);
  file = g_file_new_for_path (path);

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "K2", &error);
    g_autoptr(TmTaskData) d = tm_task_data_new ();
    g_autoptr(TmScenario) first = NULL;
    TmScenario *second;
    TmTask *task;
    TmMove stop = { NULL, TM_MOVE_STOP, NULL, 100 };
    TmMove tech = { NULL, TM_MOVE_TECHNOLOGY, NULL, 50 };

    g_assert_no_error (error);
    first = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);
    second = tm_portfolio_add_scenario (portfolio, "B", &error);
    g_assert_no_error (error);

    g_free (d->title);
    d->title = g_strdup ("Opgave");
    tm_task_data_set_performer (d, "nurse", 100);
    task = tm_portfolio_add_task (portfolio, d, &error);
    g_assert_no_error (error);

    /* The second scenario's move first. */
    CHECK_OK (tm_portfolio_set_move (portfolio, task, tm_scenario_get_id (second), &tech, &error));
    CHECK_OK (tm_portfolio_set_move (portfolio, task, tm_scenario_get_id (first), &stop, &error));

    before = tm_test_export_xml (portfolio);
    tm_portfolio_close (portfolio);
  }

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    after = tm_test_export_xml (portfolio);
    tm_test_assert_same_text (before, after);
  }

  tm_test_rm_rf (dir);
}

/* An import writes each run of tasks to SQLite in the order of their uuids
 * (write_order() in tm-change.c): the list, the file and the way back must
 * still have the file's order. The uuids here run backwards, a task refers
 * to a profession the same file adds, and one title appears in two tasks. */
static void
test_import_order_kept (void)
{
  static const char *uuids[] = {
    "f0000000-0000-4000-8000-000000000006",
    "c0000000-0000-4000-8000-000000000005",
    "e0000000-0000-4000-8000-000000000004",
    "a0000000-0000-4000-8000-000000000003",
    "d0000000-0000-4000-8000-000000000002",
    "b0000000-0000-4000-8000-000000000001",
  };
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autofree char *before = NULL;

  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"2\" country=\"dk\">\n"
                   "  <professions>\n"
                   "    <profession id=\"custom-helper\" authorised=\"false\" unskilled=\"true\" hidden=\"false\">\n"
                   "      <name>Afdelingshjælper</name>\n"
                   "    </profession>\n"
                   "  </professions>\n"
                   "  <tasks>\n");
  for (guint i = 0; i < G_N_ELEMENTS (uuids); i++)
    g_string_append_printf (xml,
                            "    <task id=\"%s\">\n"
                            "      <title>Opgave %u</title>\n"
                            "      <level>admin</level>\n"
                            "      <complexity>low</complexity>\n"
                            "      <performed-by profession=\"%s\" share=\"100\"/>\n"
                            "    </task>\n",
                            uuids[i], i + 1, i % 2 ? "custom-helper" : "nurse");
  g_string_append (xml, "  </tasks>\n</portfolio>\n");

  dir = tm_test_make_tmp_dir ("test-xml-XXXXXX");
  path = g_build_filename (dir, "orden.taskmap", NULL);
  file = g_file_new_for_path (path);

  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "K2", &error);
    GListModel *tasks;

    g_assert_no_error (error);
    CHECK_OK (tm_xml_import_data (portfolio, xml->str, xml->len, "orden.xml", &error));
    tasks = tm_portfolio_get_tasks (portfolio);
    g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, G_N_ELEMENTS (uuids));
    for (guint i = 0; i < G_N_ELEMENTS (uuids); i++)
      {
        g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

        g_assert_cmpstr (tm_task_get_uuid (task), ==, uuids[i]);
        g_assert_cmpstr (g_array_index (tm_task_peek_data (task)->performers, TmPerformer, 0).profession_id,
                         ==, i % 2 ? "custom-helper" : "nurse");
      }
    before = tm_test_export_xml (portfolio);

    /* Undo (written in reverse) and redo give the same. */
    CHECK_OK (tm_portfolio_undo (portfolio, &error));
    g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 0);
    CHECK_OK (tm_portfolio_redo (portfolio, &error));
    {
      g_autofree char *redone = tm_test_export_xml (portfolio);

      tm_test_assert_same_text (before, redone);
    }
    tm_portfolio_close (portfolio);
  }

  /* The positions in the file keep the order. */
  {
    g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);
    GListModel *tasks;
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    tasks = tm_portfolio_get_tasks (portfolio);
    for (guint i = 0; i < G_N_ELEMENTS (uuids); i++)
      {
        g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

        g_assert_cmpstr (tm_task_get_uuid (task), ==, uuids[i]);
      }
    after = tm_test_export_xml (portfolio);
    tm_test_assert_same_text (before, after);
  }

  tm_test_rm_rf (dir);
}

/* Format 1 */

static void
test_import_v1 (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tm_test_data_file ("xml", "v1.xml");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *xml = NULL;
  TmTask *task;
  const TmTaskData *d;
  TmProfession *custom;
  gboolean ok;

  ok = tm_xml_import_file (portfolio, file, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  g_assert_cmpstr (tm_portfolio_get_unit_name (portfolio), ==, "Kardiologisk sengeafsnit K2");
  g_assert_cmpstr (tm_portfolio_get_organisation (portfolio), ==, "Regionshospitalet & Co");
  g_assert_cmpint (tm_portfolio_get_setting (portfolio), ==, TM_SETTING_HOSPITAL_WARD);
  g_assert_cmpstr (tm_portfolio_get_notes (portfolio), ==, "Skrevet i format 1.\nAnden linje.");

  custom = tm_portfolio_lookup_profession (portfolio, "custom-2b7f0c1e-3d4a-4b5c-9e6f-0a1b2c3d4e5f");
  g_assert_nonnull (custom);
  g_assert_cmpstr (tm_profession_get_name (custom), ==, "Afdelingshjælper");
  g_assert_true (tm_profession_get_unskilled (custom));
  g_assert_false (tm_profession_get_authorised (custom));

  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_scenarios (portfolio)), ==, 1);

  task = tm_portfolio_lookup_task (portfolio, "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
  g_assert_nonnull (task);
  d = tm_task_peek_data (task);
  g_assert_cmpstr (d->title, ==, "Fylde op i depotet");
  g_assert_cmpstr (d->description, ==, "Varer fra centrallageret sættes på plads.");
  g_assert_cmpstr (d->group, ==, "Opfyldning");
  g_assert_cmpint (d->level, ==, TM_LEVEL_ADMIN);
  g_assert_cmpint (d->complexity, ==, TM_COMPLEXITY_LOW);
  g_assert_cmpfloat (d->minutes, ==, 20);
  g_assert_cmpfloat (d->occurrences, ==, 1);
  g_assert_cmpint (d->per, ==, TM_PER_DAY);
  g_assert_cmpuint (d->shifts, ==, TM_SHIFT_DAY | TM_SHIFT_WEEKEND);
  g_assert_cmpuint (d->performers->len, ==, 2);
  g_assert_cmpstr (g_array_index (d->performers, TmPerformer, 0).profession_id, ==, "nurse");
  g_assert_cmpfloat (g_array_index (d->performers, TmPerformer, 0).share, ==, 70);
  g_assert_cmpstr (g_array_index (d->performers, TmPerformer, 1).profession_id, ==, "ssa");
  g_assert_cmpstr (d->notes, ==, "Især mandag.");
  g_assert_cmpuint (d->assessments->len, ==, 0);
  g_assert_cmpuint (d->moves->len, ==, 0);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 20.0 * 7 / 60, 1e-9);

  task = tm_portfolio_lookup_task (portfolio, "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e");
  g_assert_nonnull (task);
  d = tm_task_peek_data (task);
  g_assert_cmpint (d->complexity, ==, TM_COMPLEXITY_VARIES);
  g_assert_cmpfloat (d->minutes, ==, 15);
  g_assert_cmpfloat (d->occurrences, <, 0);
  g_assert_cmpfloat (tm_task_get_hours_per_week (task), <, 0);
  g_assert_cmpuint (d->shifts, ==, TM_SHIFT_DAY | TM_SHIFT_EVENING | TM_SHIFT_NIGHT);

  task = tm_portfolio_lookup_task (portfolio, "c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f");
  g_assert_nonnull (task);
  g_assert_cmpint (tm_task_get_per (task), ==, TM_PER_WEEK);
  g_assert_cmpfloat_with_epsilon (tm_task_get_hours_per_week (task), 2.25, 1e-9);

  /* Written back in the current format, and stable from there on. */
  xml = tm_test_export_xml (portfolio);
  { g_autofree char *v = g_strdup_printf ("version=\"%d\"", TM_XML_FORMAT_VERSION); g_assert_nonnull (strstr (xml, v)); }
  assert_round_trip (portfolio);

  /* One undo step takes the whole import back. */
  CHECK_OK (tm_portfolio_undo (portfolio, &error));
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 0);
}

/* Refusals */

typedef struct {
  const char *file;
  TmXmlError  code;
  const char *line_marker;    /* the error names the line that holds this */
  gboolean    has_line;       /* the error names a line */
  const char *must_name;      /* the error names this too */
  gboolean    needs_example;  /* refused only by a portfolio holding the example */
} Refusal;

static const Refusal refusals[] = {
  { "empty.xml", TM_XML_ERROR_MALFORMED, NULL, FALSE, NULL, FALSE },
  { "binary.xml", TM_XML_ERROR_MALFORMED, NULL, TRUE, NULL, FALSE },
  { "truncated.xml", TM_XML_ERROR_MALFORMED, NULL, TRUE, NULL, FALSE },
  { "invalid-utf8.xml", TM_XML_ERROR_MALFORMED, "Ugyldig UTF-8", TRUE, NULL, FALSE },
  { "xhtml.xml", TM_XML_ERROR_NOT_TASKMAP, NULL, FALSE, NULL, FALSE },
  { "svg.xml", TM_XML_ERROR_NOT_TASKMAP, NULL, FALSE, NULL, FALSE },
  { "no-namespace.xml", TM_XML_ERROR_NOT_TASKMAP, NULL, FALSE, NULL, FALSE },
  { "newer.xml", TM_XML_ERROR_NEWER, NULL, FALSE, NULL, FALSE },
  /* A version no int holds: refused, not cast (undefined behaviour, found by fuzz-xml). */
  { "huge-version.xml", TM_XML_ERROR_INVALID, NULL, TRUE, NULL, FALSE },
  { "xxe.xml", TM_XML_ERROR_FORBIDDEN, NULL, FALSE, NULL, FALSE },
  { "xxe-dtd.xml", TM_XML_ERROR_FORBIDDEN, NULL, FALSE, NULL, FALSE },
  { "billion-laughs.xml", TM_XML_ERROR_FORBIDDEN, NULL, FALSE, NULL, FALSE },
  { "unknown-level.xml", TM_XML_ERROR_INVALID, "<level>bogus-level</level>", TRUE, "bogus-level", FALSE },
  { "no-title.xml", TM_XML_ERROR_INVALID, "4d2a7b3f-0c8e-4f9b-b6d5-2e3f4a5b6c7d", TRUE, NULL, FALSE },
  { "unknown-profession.xml", TM_XML_ERROR_INVALID, NULL, FALSE, "astronaut", FALSE },
  { "unknown-scenario.xml", TM_XML_ERROR_INVALID, NULL, FALSE, "no-such-plan", FALSE },
};

/* The file to import: fixtures that point at the secret get their own copy
 * in @tmp with the secret's URI filled in. */
static GFile *
refusal_file (const Refusal *r,
              const char    *tmp,
              char         **contents)
{
  g_autofree char *path = tm_test_data_file ("xml", r->file);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret_path = g_build_filename (tmp, "secret.txt", NULL);
  g_autofree char *secret_uri = g_filename_to_uri (secret_path, NULL, NULL);
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, contents, &length, &error));
  g_assert_no_error (error);

  if (strstr (*contents, "@SECRET_URI@") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (*contents, "@SECRET_URI@", -1);
      g_autofree char *filled = g_strjoinv (secret_uri, parts);
      g_autofree char *copy = g_build_filename (tmp, r->file, NULL);

      g_assert_true (g_file_set_contents (secret_path, SECRET_MARKER "\n", -1, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (copy, filled, -1, &error));
      g_assert_no_error (error);
      g_free (*contents);
      *contents = g_steal_pointer (&filled);
      return g_file_new_for_path (copy);
    }

  return g_file_new_for_path (path);
}

static void
assert_refused (const Refusal *r,
                TmPortfolio   *portfolio,
                GFile         *file,
                const char    *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = tm_test_export_xml (portfolio);
  g_autofree char *after = NULL;
  guint64 edits = tm_portfolio_get_edit_count (portfolio);
  gboolean could_undo = tm_portfolio_can_undo (portfolio);
  guint n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio));
  guint n_professions = g_list_model_get_n_items (tm_portfolio_get_professions (portfolio));
  guint n_scenarios = g_list_model_get_n_items (tm_portfolio_get_scenarios (portfolio));
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  ok = tm_xml_import_file (portfolio, file, &error);

  /* Refused quickly: nothing expands or waits. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", r->file, error->message);
  g_assert_error (error, TM_XML_ERROR, (gint) r->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* The message names the file, and the line where the parser knows it. */
  g_assert_nonnull (strstr (error->message, r->file));
  if (r->line_marker != NULL)
    {
      g_autofree char *where = g_strdup_printf ("%s:%u", r->file, tm_test_line_of (contents, r->line_marker));

      g_assert_nonnull (strstr (error->message, where));
    }
  else if (r->has_line)
    {
      g_autofree char *prefix = g_strconcat (r->file, ":", NULL);
      const char *at = strstr (error->message, prefix);

      g_assert_nonnull (at);
      g_assert_true (g_ascii_isdigit (at[strlen (prefix)]));
    }
  if (r->must_name != NULL)
    g_assert_nonnull (strstr (error->message, r->must_name));

  /* Nothing from a file an entity names. */
  g_assert_null (strstr (error->message, SECRET_MARKER));

  /* The portfolio is untouched. */
  after = tm_test_export_xml (portfolio);
  tm_test_assert_same_text (before, after);
  g_assert_null (strstr (after, SECRET_MARKER));
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
  g_assert_cmpint (tm_portfolio_can_undo (portfolio), ==, could_undo);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, n_tasks);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_professions (portfolio)), ==, n_professions);
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_scenarios (portfolio)), ==, n_scenarios);
}

static void
test_refusal (gconstpointer data)
{
  const Refusal *r = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-xml-XXXXXX", &error);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;

  g_assert_no_error (error);
  file = refusal_file (r, tmp, &contents);

  /* Into a portfolio with tasks, ... */
  {
    g_autoptr(TmPortfolio) example = tm_test_new_example (TM_COUNTRY_DK);

    assert_refused (r, example, file, contents);
  }

  /* ... and into a new one, where the unit details and scenario names would come along. */
  if (!r->needs_example)
    {
      g_autoptr(TmPortfolio) empty = tm_test_new_portfolio (TM_COUNTRY_DK, "");

      assert_refused (r, empty, file, contents);
    }

  /* The same bytes through tm_xml_import_data() are refused the same way. */
  {
    g_autoptr(TmPortfolio) example = tm_test_new_example (TM_COUNTRY_DK);
    g_autoptr(GError) local_error = NULL;
    g_autofree char *bytes = NULL;
    gsize length = 0;

    g_assert_true (g_file_load_contents (file, NULL, &bytes, &length, NULL, &local_error));
    g_assert_no_error (local_error);
    g_assert_false (tm_xml_import_data (example, bytes, length, "Vist navn.xml", &local_error));
    g_assert_error (local_error, TM_XML_ERROR, (gint) r->code);
    g_assert_nonnull (strstr (local_error->message, "Vist navn.xml"));
    g_assert_null (strstr (local_error->message, SECRET_MARKER));
  }

  tm_test_rm_rf (tmp);
}

/* XSD validation of every export: tests/test-xml-schema.c. */

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_data_func ("/core/xml/round-trip/example-dk", GINT_TO_POINTER (TM_COUNTRY_DK),
                        test_round_trip_example);
  g_test_add_data_func ("/core/xml/round-trip/example-no", GINT_TO_POINTER (TM_COUNTRY_NO),
                        test_round_trip_example);
  g_test_add_func ("/core/xml/round-trip/full", test_round_trip_full);
  g_test_add_func ("/core/xml/round-trip/full-known-references", test_round_trip_full_known_references);
  g_test_add_func ("/core/xml/round-trip/units", test_round_trip_units);
  g_test_add_func ("/core/xml/round-trip/line-breaks", test_round_trip_line_breaks);
  g_test_add_func ("/core/xml/round-trip/per-without-time", test_round_trip_per_without_time);
  g_test_add_func ("/core/xml/round-trip/control-characters", test_round_trip_control_characters);
  g_test_add_func ("/core/xml/round-trip/builtin-profession-edits", test_round_trip_builtin_profession_edits);
  g_test_add_func ("/core/xml/round-trip/default-scenario-deleted", test_round_trip_default_scenario_deleted);
  g_test_add_data_func ("/core/xml/import/new-profession-performs", new_profession_xml,
                        test_import_new_references);
  g_test_add_data_func ("/core/xml/import/new-profession-assessed-and-moved-to", new_profession_move_xml,
                        test_import_new_references);
  g_test_add_data_func ("/core/xml/import/new-scenario-with-moves", new_scenario_xml,
                        test_import_new_references);
  g_test_add_func ("/core/xml/import/v1", test_import_v1);
  g_test_add_func ("/core/xml/export/deterministic", test_deterministic);
  g_test_add_func ("/core/xml/export/deterministic-after-reopen", test_deterministic_after_reopen);
  g_test_add_func ("/core/xml/import/order-kept", test_import_order_kept);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *name = g_strndup (refusals[i].file, strlen (refusals[i].file) - strlen (".xml"));
      g_autofree char *test_path = g_strconcat ("/core/xml/refuse/", name, NULL);

      g_test_add_data_func (test_path, &refusals[i], test_refusal);
    }

  return g_test_run ();
}
