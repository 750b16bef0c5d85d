/* test-xml-schema.c
 * Tests of the published XML schema (data/taskmap-portfolio.xsd): it
 * compiles, the bundled examples and every export follow it (checked in
 * process and with xmllint), and the import refuses each kind of file that
 * does not, naming the file and line, quickly and without changing the
 * portfolio.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-xml-schema"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "tm-core.h"
#include "tm-core-resources.h"
#include "tm-test-util.h"

#define SCHEMA_RESOURCE "/org/taskmap/Taskmap/core/schema/taskmap-portfolio.xsd"

/* Helpers */

static char *
schema_path (void)
{
  return tm_test_source_path ("data", "taskmap-portfolio.xsd", NULL);
}

static gboolean
require_tools (void)
{
  return g_strcmp0 (g_getenv ("TASKMAP_REQUIRE_TOOLS"), "1") == 0;
}

/* The schema, compiled in this process from the source tree. */

static void
on_libxml_error (void           *user_data,
                 const xmlError *err)
{
  GString *messages = user_data;

  g_string_append_printf (messages, "%d: %s", err->line, err->message ? err->message : "?");
}

static xmlSchemaPtr
load_schema (void)
{
  static xmlSchemaPtr schema = NULL;

  if (schema == NULL)
    {
      g_autofree char *path = schema_path ();
      g_autoptr(GString) messages = g_string_new (NULL);
      xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt (path);

      g_assert_nonnull (parser);
      xmlSchemaSetParserStructuredErrors (parser, (xmlStructuredErrorFunc) on_libxml_error, messages);
      schema = xmlSchemaParse (parser);
      xmlSchemaFreeParserCtxt (parser);
      if (messages->len > 0)
        g_test_message ("%s", messages->str);
      g_assert_cmpuint (messages->len, ==, 0);
      g_assert_nonnull (schema);
    }

  return schema;
}

/* Validates @xml in process; fails with libxml2's messages. */
static void
assert_valid (const char *xml,
              gsize       length,
              const char *name)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  xmlSchemaValidCtxtPtr vctxt;
  xmlDocPtr doc;
  int result;

  doc = xmlReadMemory (xml, (int) length, name, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                      XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
  g_assert_nonnull (doc);

  vctxt = xmlSchemaNewValidCtxt (load_schema ());
  xmlSchemaSetValidStructuredErrors (vctxt, (xmlStructuredErrorFunc) on_libxml_error, messages);
  result = xmlSchemaValidateDoc (vctxt, doc);
  xmlSchemaFreeValidCtxt (vctxt);
  xmlFreeDoc (doc);

  if (result != 0)
    g_test_message ("%s does not follow the schema:\n%s", name, messages->str);
  g_assert_cmpint (result, ==, 0);
}

/* Whether @path follows the schema in process (FALSE also for a file that
 * is not well-formed). */
static gboolean
file_is_valid (const char *path)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  xmlSchemaValidCtxtPtr vctxt;
  xmlDocPtr doc;
  int result;

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return FALSE;

  vctxt = xmlSchemaNewValidCtxt (load_schema ());
  xmlSchemaSetValidStructuredErrors (vctxt, (xmlStructuredErrorFunc) on_libxml_error, messages);
  result = xmlSchemaValidateDoc (vctxt, doc);
  xmlSchemaFreeValidCtxt (vctxt);
  xmlFreeDoc (doc);

  return result == 0;
}

/* xmllint */

/* The path of xmllint, or NULL after skipping (or failing, when the tools
 * are required). */
static char *
find_xmllint (void)
{
  char *xmllint = g_find_program_in_path ("xmllint");

  if (xmllint == NULL)
    {
      if (require_tools ())
        g_error ("xmllint is missing and TASKMAP_REQUIRE_TOOLS=1 (install libxml2-utils)");
      g_test_skip ("xmllint is not installed (libxml2-utils)");
    }
  return xmllint;
}

/* Runs `xmllint --noout --nonet --schema XSD @path`; TRUE when it validates. */
static gboolean
xmllint_validates (const char *xmllint,
                   const char *path)
{
  g_autofree char *xsd = schema_path ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", xsd, path, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("xmllint: %s", err);
      return FALSE;
    }
  return TRUE;
}

/* Writes @xml to a temporary file and validates it with xmllint. */
static void
assert_xmllint_valid (const char *xml,
                      const char *name)
{
  g_autofree char *xmllint = find_xmllint ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (xmllint == NULL)
    return;

  dir = tm_test_make_tmp_dir ("test-xml-schema-XXXXXX");
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  g_assert_no_error (error);

  g_assert_true (xmllint_validates (xmllint, path));
  tm_test_rm_rf (dir);
}

/* Both checks on an export. */
static void
assert_export_valid (TmPortfolio *portfolio,
                     const char  *name)
{
  g_autofree char *xml = tm_test_export_xml (portfolio);

  assert_valid (xml, strlen (xml), name);
  assert_xmllint_valid (xml, name);
}

/* A portfolio with every field set */

/* Every value of every enum, numbers at their limits and in the forms
 * g_ascii_dtostr() writes (decimals, an exponent), long texts, performers,
 * assessments with every field and moves of all three kinds in two scenarios. */
static TmPortfolio *
build_full (void)
{
  static const double shares[] = { 100, 40, 12.5, 0 };
  static const double days[] = { TM_NOT_ESTIMATED, 0, 2.5, 5 * 365 };
  static const double minutes[] = { 2.5, 45, 0.1, 1e-5, 0, 24 * 60, TM_NOT_ESTIMATED };
  static const double occurrences[] = { 3, TM_NOT_ESTIMATED, 0.5, 100000, 7, 0, 1e-7 };
  static const TmComplexity limits[] = {
    TM_COMPLEXITY_NOT_ASSESSED, TM_COMPLEXITY_LOW, TM_COMPLEXITY_MODERATE, TM_COMPLEXITY_HIGH,
  };
  g_autoptr(GError) error = NULL;
  TmPortfolio *p = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  TmProfession *custom, *hidden;
  TmScenario *second;
  g_autofree char *first_id = NULL;
  g_autofree char *custom_id = NULL;
  g_autoptr(GString) long_title = g_string_new (NULL);
  g_autoptr(GString) long_notes = g_string_new (NULL);

  /* Exactly at the limits: 1000 characters of title, 256 KiB of notes. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (long_title, i % 2 ? "æ" : "a");
  for (guint i = 0; i < 128 * 1024; i++)
    g_string_append (long_notes, "ø");

  CHECK_OK (tm_portfolio_set_unit (p, "Afd. Æ <1> & \"Ø\" 'å'", "Region Øst & Co",
                                   TM_SETTING_PSYCHIATRY, "Linje 1\nLinje 2 æøå", &error));

  custom = tm_portfolio_add_profession (p, "Forløbskoordinator", "Pathway coordinator",
                                        TRUE, FALSE, &error);
  g_assert_no_error (error);
  custom_id = g_strdup (tm_profession_get_id (custom));
  hidden = tm_portfolio_add_profession (p, "Skjult gruppe", "", FALSE, TRUE, &error);
  g_assert_no_error (error);
  CHECK_OK (tm_portfolio_update_profession (p, hidden, "Skjult gruppe", "", FALSE, TRUE, TRUE, &error));

  {
    g_autoptr(TmScenario) first = g_list_model_get_item (tm_portfolio_get_scenarios (p), 0);

    CHECK_OK (tm_portfolio_rename_scenario (p, first, "Plan A", &error));
    first_id = g_strdup (tm_scenario_get_id (first));
  }
  second = tm_portfolio_add_scenario (p, "Plan B", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 42; i++)
    {
      g_autoptr(TmTaskData) d = tm_task_data_new ();
      TmAssessment a;
      TmTask *task;

      g_free (d->title);
      d->title = i == 0 ? g_strdup (long_title->str) : g_strdup_printf ("Opgave %u: æøå <&> 🩺", i);
      g_free (d->description);
      d->description = i % 2 ? g_strdup_printf ("Beskrivelse %u\r\nAnden linje\tmed tabulator", i)
                             : g_strdup ("");
      g_free (d->group);
      d->group = i % 3 ? g_strdup ("Om morgenen") : g_strdup ("");
      g_free (d->notes);
      d->notes = i == 1 ? g_strdup (long_notes->str) : i % 4 ? g_strdup ("  noter  ") : g_strdup ("");
      d->level = i % TM_N_LEVELS;
      d->complexity = i % TM_N_COMPLEXITIES;
      d->per = i % TM_N_PERS;
      d->shifts = i % 16;
      d->minutes = minutes[i % G_N_ELEMENTS (minutes)];
      d->occurrences = occurrences[i % G_N_ELEMENTS (occurrences)];

      switch (i % 4)
        {
        case 0: break;
        case 1: tm_task_data_set_performer (d, "nurse", 100); break;
        case 2:
          tm_task_data_set_performer (d, "nurse", 50);
          tm_task_data_set_performer (d, "ssa", 37.5);
          tm_task_data_set_performer (d, custom_id, 12.5);
          break;
        default:
          tm_task_data_set_performer (d, "runner", 0);
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
      a.training_content = i % 2 ? g_strdup ("Kursus i <medicin> & dosering") : g_strdup ("");
      g_free (a.purpose);
      a.purpose = i % 3 ? g_strdup ("Frigøre tid") : g_strdup ("");
      g_free (a.note);
      a.note = i % 5 ? g_strdup ("Note\nover to linjer") : g_strdup ("");
      tm_task_data_set_assessment (d, &a);
      tm_assessment_clear (&a);

      if (i % 3 == 0)
        {
          tm_assessment_init (&a, custom_id);
          a.suitability = TM_SUITABILITY_DELEGATION_FRAMEWORK;
          a.training = TM_TRAINING_FORMAL;
          a.training_days = 180;
          tm_task_data_set_assessment (d, &a);
          tm_assessment_clear (&a);
        }

      if (i % 7 != 6)
        {
          TmMove m = { NULL, i % TM_N_MOVE_KINDS, NULL, i % 2 ? 100 : 0.5 };

          if (m.kind == TM_MOVE_TO_PROFESSION)
            m.profession_id = (char *) (i % 2 ? "runner" : custom_id);
          tm_task_data_set_move (d, first_id, &m);
        }
      if (i % 2 == 0)
        {
          TmMove m = { NULL, (i / 2) % TM_N_MOVE_KINDS, NULL, 60 };

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

/* The schema itself */

static void
test_schema_compiles (void)
{
  g_autofree char *path = schema_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_nonnull (load_schema ());

  /* The core validates with the very file that is installed. */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  bytes = g_resource_lookup_data (tm_core_get_resource (), SCHEMA_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* It lists every id the core knows, and no other. */
  for (TmLevel l = 0; l < TM_N_LEVELS; l++)
    {
      g_autofree char *value = g_strdup_printf ("value=\"%s\"", tm_level_to_id (l));
      g_assert_nonnull (strstr (contents, value));
    }
  for (TmSuitability s = 0; s < TM_N_SUITABILITIES; s++)
    {
      g_autofree char *value = g_strdup_printf ("value=\"%s\"", tm_suitability_to_id (s));
      g_assert_nonnull (strstr (contents, value));
    }
  for (TmSetting s = 0; s < TM_N_SETTINGS; s++)
    {
      g_autofree char *value = g_strdup_printf ("value=\"%s\"", tm_setting_to_id (s));
      g_assert_nonnull (strstr (contents, value));
    }
}

/* The bundled examples and format 1 */

static void
test_file_valid (gconstpointer data)
{
  const char *relative = data;
  g_auto(GStrv) parts = g_strsplit (relative, "/", -1);
  g_autofree char *path = NULL;
  g_autofree char *xmllint = NULL;

  if (g_str_has_prefix (relative, "tests/"))
    {
      const char *dir = g_getenv ("TASKMAP_TEST_DATA");

      path = dir ? g_build_filename (dir, parts[2], parts[3], NULL)
                 : g_test_build_filename (G_TEST_DIST, parts[1], parts[2], parts[3], NULL);
    }
  else
    path = tm_test_source_path (parts[0], parts[1], parts[2], NULL);

  g_assert_true (file_is_valid (path));

  xmllint = find_xmllint ();
  if (xmllint != NULL)
    g_assert_true (xmllint_validates (xmllint, path));
}

/* Exports */

static void
test_export_example (gconstpointer data)
{
  TmCountry country = GPOINTER_TO_INT (data);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (country);

  assert_export_valid (portfolio, "example.xml");
}

static void
test_export_empty (void)
{
  for (TmCountry c = 0; c < TM_N_COUNTRIES; c++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (c, "");
      g_autofree char *xml = tm_test_export_xml (portfolio);

      assert_valid (xml, strlen (xml), "empty.xml");
    }
}

static void
test_export_units (void)
{
  for (TmSetting s = 0; s < TM_N_SETTINGS; s++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (s % TM_N_COUNTRIES, "");
      g_autoptr(GError) error = NULL;
      g_autofree char *xml = NULL;

      CHECK_OK (tm_portfolio_set_unit (portfolio, s % 2 ? "Enhed" : "", s % 3 ? "Org" : "", s,
                                       s % 2 ? "" : "Noter", &error));
      xml = tm_test_export_xml (portfolio);
      assert_valid (xml, strlen (xml), "unit.xml");
    }
}

static void
test_export_full (void)
{
  g_autoptr(TmPortfolio) portfolio = build_full ();
  g_autofree char *xml = tm_test_export_xml (portfolio);

  /* The file really holds every kind of value. */
  for (TmLevel l = 0; l < TM_N_LEVELS; l++)
    {
      g_autofree char *text = g_strdup_printf ("<level>%s</level>", tm_level_to_id (l));
      g_assert_nonnull (strstr (xml, text));
    }
  for (TmComplexity c = 0; c < TM_N_COMPLEXITIES; c++)
    {
      g_autofree char *text = g_strdup_printf ("<complexity>%s</complexity>", tm_complexity_to_id (c));
      g_assert_nonnull (strstr (xml, text));
    }
  for (TmSuitability s = 0; s < TM_N_SUITABILITIES; s++)
    {
      g_autofree char *attr = g_strdup_printf ("suitability=\"%s\"", tm_suitability_to_id (s));
      g_assert_nonnull (strstr (xml, attr));
    }
  for (TmComplexity c = 0; c < TM_COMPLEXITY_VARIES; c++)
    {
      g_autofree char *attr = g_strdup_printf ("complexity-limit=\"%s\"", tm_complexity_to_id (c));
      g_assert_nonnull (strstr (xml, attr));
    }
  for (TmTraining t = 0; t < TM_N_TRAININGS; t++)
    {
      g_autofree char *attr = g_strdup_printf ("training=\"%s\"", tm_training_to_id (t));
      g_assert_nonnull (strstr (xml, attr));
    }
  for (TmRationale r = 0; r < TM_N_RATIONALES; r++)
    {
      g_autofree char *attr = g_strdup_printf ("rationale=\"%s\"", tm_rationale_to_id (r));
      g_assert_nonnull (strstr (xml, attr));
    }
  for (TmMoveKind k = 0; k < TM_N_MOVE_KINDS; k++)
    {
      g_autofree char *attr = g_strdup_printf ("kind=\"%s\"", tm_move_kind_to_id (k));
      g_assert_nonnull (strstr (xml, attr));
    }
  g_assert_nonnull (strstr (xml, "<shifts>day evening night weekend</shifts>"));
  g_assert_nonnull (strstr (xml, "per=\"week\""));
  g_assert_nonnull (strstr (xml, "tested=\"true\""));
  g_assert_nonnull (strstr (xml, "training-days=\"1825\""));
  g_assert_nonnull (strstr (xml, "minutes=\"1440\""));
  g_assert_nonnull (strstr (xml, "occurrences=\"100000\""));
  g_assert_nonnull (strstr (xml, "e-05\""));   /* g_ascii_dtostr writes an exponent */
  g_assert_nonnull (strstr (xml, "hidden=\"true\""));
  g_assert_nonnull (strstr (xml, "<training-content>"));
  g_assert_nonnull (strstr (xml, "<name-en>Pathway coordinator</name-en>"));

  assert_valid (xml, strlen (xml), "full.xml");
  assert_xmllint_valid (xml, "full.xml");

  /* And what the import makes of it is valid again. */
  {
    g_autoptr(TmPortfolio) copy = tm_test_new_portfolio (TM_COUNTRY_DK, "");
    g_autoptr(GError) error = NULL;
    g_autofree char *again = NULL;

    CHECK_OK (tm_xml_import_data (copy, xml, strlen (xml), "full.xml", &error));
    again = tm_test_export_xml (copy);
    g_assert_cmpstr (xml, ==, again);
  }
}

/* xmllint itself, on the export of a portfolio with every field set. CI
 * installs it (tools/install-deps: libxml2-utils), so here a missing xmllint
 * is a failure, not a skip. */

static char *
require_xmllint (void)
{
  char *xmllint = g_find_program_in_path ("xmllint");

  if (xmllint == NULL)
    g_test_message ("xmllint is missing: install libxml2-utils (tools/install-deps does)");
  g_assert_nonnull (xmllint);
  return xmllint;
}

/* build_full() and a task of another unit with a known time of change. */
static char *
export_full_with_unit (void)
{
  g_autoptr(TmPortfolio) portfolio = build_full ();
  g_autoptr(TmTaskData) d = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  char *xml;

  g_free (d->title);
  d->title = g_strdup ("Morgenmedicin");
  d->unit = g_strdup ("Sengeafsnit 3 – Kardiologi");
  d->modified = 1718000000;
  d->minutes = 30;
  d->occurrences = 2;
  tm_task_data_set_performer (d, "nurse", 100);
  g_assert_nonnull (tm_portfolio_add_task (portfolio, d, &error));
  g_assert_no_error (error);

  xml = tm_test_export_xml (portfolio);
  /* As docs/format.md has it: id, unit, modified; UTC to the second. */
  g_assert_nonnull (strstr (xml, "\" unit=\"Sengeafsnit 3 – Kardiologi\" modified=\"2024-06-10T06:13:20Z\">"));
  return xml;
}

/* Runs xmllint on @xml written to a temporary file named @name. */
static gboolean
xmllint_accepts (const char *xml,
                 const char *name)
{
  g_autofree char *xmllint = require_xmllint ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-xml-schema-XXXXXX", &error);
  g_autofree char *path = NULL;
  gboolean valid;

  g_assert_no_error (error);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  g_assert_no_error (error);
  valid = xmllint_validates (xmllint, path);
  tm_test_rm_rf (dir);
  return valid;
}

/* @xml with the first @from replaced by @to. */
static char *
replace_first (const char *xml,
               const char *from,
               const char *to)
{
  const char *at = strstr (xml, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - xml), xml, to, at + strlen (from));
}

static void
test_xmllint_full (void)
{
  g_autofree char *xml = export_full_with_unit ();

  g_assert_true (xmllint_accepts (xml, "full-with-unit.xml"));
}

static void
test_xmllint_rejects (void)
{
  static const struct {
    const char *from;
    const char *to;
  } bad[] = {
    { "<level>admin</level>", "<level>expert</level>" },
    { "share=\"100\"", "share=\"150\"" },
    { "modified=\"2024-06-10T06:13:20Z\"", "modified=\"igår\"" },
    { "modified=\"2024-06-10T06:13:20Z\"", "modified=\"2024-06-10 06:13:20\"" },
    { "modified=\"2024-06-10T06:13:20Z\"", "modified=\"2024-06-10T08:13:20+02:00\"" },
    { "unit=\"Sengeafsnit 3 – Kardiologi\"", "unit=\"\"" },
  };
  g_autofree char *xml = export_full_with_unit ();

  /* The file is good as it is: only the bad value makes the difference. */
  g_assert_true (xmllint_accepts (xml, "good.xml"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *changed = replace_first (xml, bad[i].from, bad[i].to);

      g_test_message ("%s → %s", bad[i].from, bad[i].to);
      g_assert_false (xmllint_accepts (changed, "bad.xml"));
    }
}

/* The example in docs/format.md */

static void
test_docs_example (void)
{
  g_autofree char *path = tm_test_source_path ("docs", "format.md", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  const char *start;
  const char *end;
  g_autofree char *xml = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  /* The first ```xml block that is a whole file. */
  start = strstr (contents, "```xml\n<?xml");
  g_assert_nonnull (start);
  start += strlen ("```xml\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);
  xml = g_strndup (start, end - start);

  assert_valid (xml, strlen (xml), "format.md example");
  assert_xmllint_valid (xml, "format-example.xml");
  CHECK_OK (tm_xml_import_data (portfolio, xml, strlen (xml), "format-example.xml", &error));
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), >, 0);
}

/* Refusals */

typedef struct {
  const char *file;
  TmXmlError  code;
  const char *line_marker;   /* the error names the line that holds this, */
  int         line_delta;    /* or the line this many lines from it */
  const char *must_say;      /* in the C locale */
  gboolean    schema_valid;  /* the published schema alone accepts it */
} Refusal;

static const Refusal refusals[] = {
  { "unknown-level.xml", TM_XML_ERROR_INVALID, "<level>expert</level>", 0,
    "“expert” is not a competence level.", FALSE },
  { "bad-uuid.xml", TM_XML_ERROR_INVALID, "not-a-uuid-1234", 0,
    "“not-a-uuid-1234” is not a valid task id", FALSE },
  { "share-150.xml", TM_XML_ERROR_INVALID, "share=\"150\"", 0,
    "A share must be from 0 to 100 percent, not 150.", FALSE },
  { "move-teleport.xml", TM_XML_ERROR_INVALID, "teleport", 0,
    "“teleport” is not a kind of move", FALSE },
  { "wrong-place.xml", TM_XML_ERROR_INVALID, "<description>Står efter niveauet.", 0,
    "The element “description” is in the wrong place in “task”", FALSE },
  { "missing-title.xml", TM_XML_ERROR_INVALID, "b1507f9d-4e6c-4081-8dae-f1a2b3c4d5e6", 0,
    "A task is missing its title.", FALSE },
  { "duplicate-ids.xml", TM_XML_ERROR_INVALID, "Anden med samme id", -1,
    "The task id c2618a0e-5f7d-4192-9ebf-a2b3c4d5e6f7 appears twice in the file.", FALSE },
  { "duplicate-ids-case.xml", TM_XML_ERROR_INVALID, "D3729B1F-6A8E-4203-8FC0-B3C4D5E6F7A8", 0,
    "appears twice in the file", TRUE },
  { "authorised-maybe.xml", TM_XML_ERROR_INVALID, "authorised=\"maybe\"", 0,
    "“maybe” is not yes or no: “authorised” must be “true” or “false”.", FALSE },
  { "deep.xml", TM_XML_ERROR_FORBIDDEN, "<n12>", 0,
    "nested more than 16 levels deep", FALSE },
  { "complexity-limit-varies.xml", TM_XML_ERROR_INVALID, "complexity-limit=\"varies\"", 0,
    "A complexity limit cannot be “varies”", FALSE },
};

static void
assert_refused (const Refusal *r,
                TmPortfolio   *portfolio,
                const char    *path,
                const char    *contents)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = tm_test_export_xml (portfolio);
  g_autofree char *after = NULL;
  g_autofree char *where = NULL;
  guint64 edits = tm_portfolio_get_edit_count (portfolio);
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  ok = tm_xml_import_file (portfolio, file, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("%s: %s", r->file, error->message);
  g_assert_error (error, TM_XML_ERROR, (gint) r->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* FILE:LINE:COLUMN: at the start, the line where the problem is. */
  where = g_strdup_printf ("%s:%d:", r->file, (int) tm_test_line_of (contents, r->line_marker) + r->line_delta);
  g_assert_true (g_str_has_prefix (error->message, where));
  g_assert_true (g_ascii_isdigit (error->message[strlen (where)]));
  g_assert_nonnull (strstr (error->message, r->must_say));
  /* In words, not libxml2's. */
  g_assert_null (strstr (error->message, "{urn:taskmap:portfolio}"));

  after = tm_test_export_xml (portfolio);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (tm_portfolio_get_edit_count (portfolio), ==, edits);
}

static void
test_refusal (gconstpointer data)
{
  const Refusal *r = data;
  g_autofree char *path = tm_test_data_file ("xml-schema", r->file);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  /* The published schema agrees. */
  g_assert_cmpint (file_is_valid (path), ==, r->schema_valid);

  /* Into an empty portfolio, where the unit details would come along, ... */
  {
    g_autoptr(TmPortfolio) empty = tm_test_new_portfolio (TM_COUNTRY_DK, "");

    assert_refused (r, empty, path, contents);
  }

  /* ... and into one holding the example. */
  {
    g_autoptr(TmPortfolio) example = tm_test_new_example (TM_COUNTRY_DK);

    assert_refused (r, example, path, contents);
  }
}

/* Every schema message is in words: libxml2's text is not shown for the
 * common errors. */
static void
test_refusal_in_words (void)
{
  static const struct {
    const char *snippet;   /* replaces the task's level */
    const char *must_say;
  } cases[] = {
    { "<level>admin</level><complexity>extreme</complexity>", "is not a patient complexity" },
    { "<level>admin</level><complexity>low</complexity><time minutes=\"2000\"/>",
      "The minutes per occurrence must be from 0 to 1440, not 2000." },
    { "<level>admin</level><complexity>low</complexity><time minutes=\"ti\"/>",
      "“ti” is not a number" },
    /* (month, year and shift are periods since format 5) */
    { "<level>admin</level><complexity>low</complexity><time per=\"fortnight\"/>",
      "“fortnight” is not a frequency" },
    { "<level>admin</level><complexity>low</complexity><shifts>day lunch</shifts>",
      "“lunch” is not a shift." },
    { "<level>admin</level><complexity>low</complexity>"
      "<move scenario=\"scenario-1\" kind=\"stop\" share=\"0\"/>",
      "The share of a move must be more than 0" },
    { "<level>admin</level><complexity>low</complexity><assessment/>",
      "An assessment does not say which profession it is about." },
    { "<level>admin</level><complexity>low</complexity><assessment profession=\"runner\" "
      "training-days=\"-1\"/>", "The days of training must be from 0 to 1825, not -1." },
    { "<level>admin</level><complexity>low</complexity><colour>red</colour>",
      "The element “colour” does not belong in “task”." },
    { "<level>admin</level><complexity>low</complexity><performed-by profession=\"nurse\" "
      "when=\"now\"/>", "The attribute “when” does not belong in “performed-by”." },
    { "<level>admin</level>", "A task is missing its patient complexity." },
    { "<level>admin<b/></level><complexity>low</complexity>", "“level” holds other elements" },
    { "<level>admin</level><complexity>low</complexity><performed-by profession=\"nurse\" "
      "share=\"NaN\"/>", "“NaN” is not a number" },
    { "<level>admin</level><complexity>low</complexity><time>20</time>", "“time” must be empty" },
    { "<level>admin</level><complexity>low</complexity><performed-by profession=\"sygeplejerske nat\"/>",
      "“sygeplejerske nat” is not a valid id" },
    { "<level>admin</level><complexity>low</complexity>Tekst", "There is text directly in “task”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_NO, "");
      g_autoptr(GError) error = NULL;
      g_autofree char *xml = NULL;

      xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                             "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"2\" country=\"no\">\n"
                             "  <tasks>\n"
                             "    <task id=\"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\">\n"
                             "      <title>Oppgave</title>\n"
                             "      %s\n"
                             "    </task>\n"
                             "  </tasks>\n"
                             "</portfolio>\n", cases[i].snippet);

      g_assert_false (tm_xml_import_data (portfolio, xml, strlen (xml), "ord.xml", &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, "ord.xml:"));
      g_assert_nonnull (strstr (error->message, cases[i].must_say));
      /* One problem each, however many messages libxml2 has for it. */
      g_assert_null (strstr (error->message, "more problem"));
      g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 0);
    }
}

/* Lines beyond 65535 are named right, and later problems are counted. */
static void
test_refusal_far_down (void)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"2\" "
                                         "country=\"dk\">\n  <tasks>\n");
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  guint line;

  for (guint i = 0; i < 14000; i++)
    g_string_append_printf (xml, "    <task id=\"00000000-0000-4000-8000-%012u\">\n"
                                 "      <title>Opgave %u</title>\n"
                                 "      <level>admin</level>\n"
                                 "      <complexity>low</complexity>\n"
                                 "    </task>\n", i, i);
  /* The last task starts on the line after the text so far. */
  line = 1;
  for (const char *c = xml->str; *c; c++)
    if (*c == '\n')
      line++;
  g_string_append (xml, "    <task id=\"ffffffff-0000-4000-8000-000000000000\">\n"
                        "      <title>Sidst</title>\n"
                        "      <level>expert</level>\n"
                        "      <complexity>extreme</complexity>\n"
                        "    </task>\n  </tasks>\n</portfolio>\n");
  /* Its level is two lines further down. */
  g_assert_cmpuint (line + 2, >, 65535);

  g_assert_false (tm_xml_import_data (portfolio, xml->str, xml->len, "lang.xml", &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
  where = g_strdup_printf ("lang.xml:%u:7: “expert” is not a competence level.", line + 2);
  g_assert_true (g_str_has_prefix (error->message, where));
  g_assert_nonnull (strstr (error->message, "(The file has 1 more problem.)"));
}

/* A file of junk, however large, is refused at once. */
static void
test_refusal_junk (void)
{
  const gsize size = 10 * 1024 * 1024;
  g_autofree char *junk = g_malloc (size);
  g_autofree char *tail_junk = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_example (TM_COUNTRY_DK);
  g_autofree char *before = tm_test_export_xml (portfolio);
  g_autofree char *after = NULL;
  const char *prologue = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                         "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"2\" country=\"dk\">\n"
                         "  <tasks>\n";
  gint64 start;

  for (gsize i = 0; i < size; i += 4)
    {
      guint32 r = g_rand_int (rand);
      memcpy (junk + i, &r, 4);
    }

  /* Random bytes. */
  {
    g_autoptr(GError) error = NULL;

    start = g_get_monotonic_time ();
    g_assert_false (tm_xml_import_data (portfolio, junk, size, "junk.xml", &error));
    g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
    g_test_message ("%s", error->message);
    g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED);
    g_assert_true (g_str_has_prefix (error->message, "junk.xml:1:"));
  }

  /* A right beginning, then 10 MB of text where tasks should be. */
  {
    g_autoptr(GError) error = NULL;
    gsize n = strlen (prologue);

    tail_junk = g_malloc (size);
    memcpy (tail_junk, prologue, n);
    for (gsize i = n; i < size; i++)
      tail_junk[i] = "abcdefghij klmnopqrstuvwxyz\n"[i % 28];

    start = g_get_monotonic_time ();
    g_assert_false (tm_xml_import_data (portfolio, tail_junk, size, "junk.xml", &error));
    g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
    g_test_message ("%s", error->message);
    g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED);
    g_assert_true (g_str_has_prefix (error->message, "junk.xml:"));
  }

  after = tm_test_export_xml (portfolio);
  g_assert_cmpstr (before, ==, after);
}

/* The checks on the format's version come before the schema. */
static void
test_version_before_schema (void)
{
  static const char newer[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"99\" country=\"dk\">\n"
    "  <rooms><room/></rooms>\n"
    "  <tasks/>\n"
    "</portfolio>\n";
  static const char deep_xhtml_head[] = "<html xmlns=\"http://www.w3.org/1999/xhtml\">";
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) deep = g_string_new (deep_xhtml_head);

  g_assert_false (tm_xml_import_data (portfolio, newer, strlen (newer), "ny.xml", &error));
  g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_NEWER);
  g_clear_error (&error);

  /* Another program's deeply nested XML is that, not an attack. */
  for (guint i = 0; i < 40; i++)
    g_string_append (deep, "<div>");
  for (guint i = 0; i < 40; i++)
    g_string_append (deep, "</div>");
  g_string_append (deep, "</html>");
  g_assert_false (tm_xml_import_data (portfolio, deep->str, deep->len, "side.xhtml", &error));
  g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_NOT_TASKMAP);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/xml-schema/compiles", test_schema_compiles);
  g_test_add_data_func ("/core/xml-schema/valid/example-da", "data/examples/ward-runner-da.xml",
                        test_file_valid);
  g_test_add_data_func ("/core/xml-schema/valid/example-nb", "data/examples/ward-runner-nb.xml",
                        test_file_valid);
  g_test_add_data_func ("/core/xml-schema/valid/format-1", "tests/data/xml/v1.xml", test_file_valid);
  g_test_add_data_func ("/core/xml-schema/export/example-dk", GINT_TO_POINTER (TM_COUNTRY_DK),
                        test_export_example);
  g_test_add_data_func ("/core/xml-schema/export/example-no", GINT_TO_POINTER (TM_COUNTRY_NO),
                        test_export_example);
  g_test_add_func ("/core/xml-schema/export/empty", test_export_empty);
  g_test_add_func ("/core/xml-schema/export/units", test_export_units);
  g_test_add_func ("/core/xml-schema/export/full", test_export_full);
  g_test_add_func ("/core/xml-schema/docs-example", test_docs_example);
  g_test_add_func ("/core/xml-schema/xmllint/full-with-unit", test_xmllint_full);
  g_test_add_func ("/core/xml-schema/xmllint/rejects-bad-values", test_xmllint_rejects);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *name = g_strndup (refusals[i].file, strlen (refusals[i].file) - strlen (".xml"));
      g_autofree char *test_path = g_strconcat ("/core/xml-schema/refuse/", name, NULL);

      g_test_add_data_func (test_path, &refusals[i], test_refusal);
    }
  g_test_add_func ("/core/xml-schema/refuse/in-words", test_refusal_in_words);
  g_test_add_func ("/core/xml-schema/refuse/far-down", test_refusal_far_down);
  g_test_add_func ("/core/xml-schema/refuse/junk", test_refusal_junk);
  g_test_add_func ("/core/xml-schema/refuse/version-before-schema", test_version_before_schema);

  return g_test_run ();
}
