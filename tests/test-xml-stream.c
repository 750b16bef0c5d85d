/* test-xml-stream.c
 * Tests of the streaming reader and the writer of the exchange format: the
 * streaming reader takes exactly what the tree reader (libxml2's tree and
 * the XSD) takes, and reads it the same; libxml2's refusals come in
 * Taskmap's words with its own only as details, and nothing on stderr; one
 * rule for "too long"; numbers too small for a double are refused; the
 * writer's bytes are those of xmlTextWriter and g_ascii_dtostr().
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-xml-stream"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "model/tm-task-private.h"
#include "exchange/tm-xml-schema-private.h"
#include "tm-test-util.h"

/* Every kind of element and attribute, in the forms a file may have them:
 * comments, a processing instruction, CDATA, character references, "&" in
 * attributes, numbers with spaces, a sign or an exponent, upper-case ids,
 * the notes before the assessments, a staffing entry with no values. */
static const char kitchen_sink[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<!-- before the root -->\n"
  "<?taskmap-test an instruction?>\n"
  "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"5\" country=\"dk\" language=\"da\">\n"
  "  <unit>\n"
  "    <name>Afsnit &amp; <![CDATA[<co>]]> æøå</name>\n"
  "    <organisation>Region <!-- inside --> Øst</organisation>\n"
  "    <setting>hospital-ward</setting>\n"
  "    <notes>Linje 1&#10;Linje 2&#x9;tab</notes>\n"
  "    <last-committee-meeting>2026-03-14</last-committee-meeting>\n"
  "  </unit>\n"
  "  <professions>\n"
  "    <profession id=\"nurse\" authorised=\"1\" unskilled=\"0\" hidden=\"false\">\n"
  "      <name>Sygeplejerske</name>\n"
  "      <name-en>Nurse</name-en>\n"
  "    </profession>\n"
  "    <profession id=\"runner\" authorised=\"false\" unskilled=\"true\">\n"
  "      <name>Serviceassistent \"løber\"</name>\n"
  "    </profession>\n"
  "    <profession id=\"custom-a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\" hidden=\"true\">\n"
  "      <name>Egen &lt;faggruppe&gt;</name>\n"
  "      <name-en></name-en>\n"
  "    </profession>\n"
  "  </professions>\n"
  "  <staffing shift-hours=\" 7.5 \">\n"
  "    <staff profession=\"nurse\" fte=\"12.5\" hours-per-fte=\"37\"/>\n"
  "    <staff profession=\"runner\" fte=\"+2\"/>\n"
  "    <staff profession=\"custom-a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\"/>\n"
  "  </staffing>\n"
  "  <staffing unit=\"Afsnit B &amp; C\">\n"
  "    <staff profession=\"nurse\" hours-per-fte=\"1.5e1\"/>\n"
  "  </staffing>\n"
  "  <scenarios>\n"
  "    <scenario id=\"scenario-1\"><name>Plan A</name></scenario>\n"
  "    <scenario id=\"s2\"><name>Plan &amp; B</name></scenario>\n"
  "  </scenarios>\n"
  "  <tasks>\n"
  "    <task id=\"A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D\" modified=\"2024-06-10T06:13:20Z\">\n"
  "      <title>Opgave &lt;1&gt; \"citat\"</title>\n"
  "      <description>Beskrivelse\r\nover flere linjer</description>\n"
  "      <group>Gruppe</group>\n"
  "      <level>admin</level>\n"
  "      <complexity>varies</complexity>\n"
  "      <time minutes=\"2.5\" occurrences=\"1e-05\" per=\"week\"/>\n"
  "      <shifts> day\n        night  weekend </shifts>\n"
  "      <performed-by profession=\"nurse\" share=\"60\"/>\n"
  "      <performed-by profession=\"runner\" share=\"40.0\"/>\n"
  "      <notes>Noter før vurderingerne</notes>\n"
  "      <assessment profession=\"runner\" suitability=\"can-take-over\" complexity-limit=\"high\" "
  "share=\"100\" training=\"on-the-job\" training-days=\"0.5\" tested=\"true\" rationale=\"professional\">\n"
  "        <training-content>Indhold</training-content>\n"
  "        <purpose>Formål</purpose>\n"
  "        <note>Note</note>\n"
  "      </assessment>\n"
  "      <assessment profession=\"custom-a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\"/>\n"
  "      <move scenario=\"scenario-1\" kind=\"profession\" profession=\"runner\" share=\"50\"/>\n"
  "      <move scenario=\"s2\" kind=\"stop\" share=\"100\"/>\n"
  "      <review scenario=\"scenario-1\" risk=\"low\" barriers=\"organisation  rules\">\n"
  "        <check item=\"barriers\" state=\"fine\">Ingen</check>\n"
  "        <check item=\"mini-hta\" state=\"concern\"/>\n"
  "        <check item=\"guidance\"></check>\n"
  "        <quality component=\"resources\" rating=\"better\">Bedre</quality>\n"
  "        <barrier-note>Barrierer</barrier-note>\n"
  "        <mitigation>Tiltag</mitigation>\n"
  "        <responsible>Afdelingsleder</responsible>\n"
  "        <delegation-instruction>Instruks 4</delegation-instruction>\n"
  "        <quality-standards>Standarder</quality-standards>\n"
  "        <follow-up>Om 3 måneder</follow-up>\n"
  "        <status-change status=\"proposed\" when=\"2026-01-02T10:00:00Z\" who=\"Anne\" open=\"3\">Foreslået</status-change>\n"
  "        <status-change status=\"agreed\" when=\"2026-02-02T10:00:00Z\"/>\n"
  "      </review>\n"
  "    </task>\n"
  "    <task id=\"b1507f9d-4e6c-4081-8dae-f1a2b3c4d5e6\" unit=\"Afsnit B &amp; C\">\n"
  "      <title>To</title>\n"
  "      <level>not-assessed</level>\n"
  "      <complexity>low</complexity>\n"
  "      <time/>\n"
  "      <move scenario=\"s2\" kind=\"technology\" share=\"0.5\"/>\n"
  "      <notes>Noter til sidst</notes>\n"
  "    </task>\n"
  "    <task id=\"c2618a0e-5f7d-4192-9ebf-a2b3c4d5e6f7\">\n"
  "      <title>Tre</title>\n"
  "      <level>coordination</level>\n"
  "      <complexity>not-assessed</complexity>\n"
  "      <assessment profession=\"nurse\" share=\"0\"/>\n"
  "      <notes/>\n"
  "    </task>\n"
  "  </tasks>\n"
  "  <workshops>\n"
  "    <workshop id=\"w1\" date=\"2026-02-03\">\n"
  "      <title>Workshop 1</title>\n"
  "      <facilitator>Bo</facilitator>\n"
  "      <participants profession=\"nurse\" count=\"6\"/>\n"
  "      <participants profession=\"runner\" count=\"1\"/>\n"
  "      <names>Anne, Bo</names>\n"
  "      <decisions>Besluttet</decisions>\n"
  "      <decided task=\"A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D\" scenario=\"scenario-1\"/>\n"
  "    </workshop>\n"
  "  </workshops>\n"
  "  <history>\n"
  "    <change when=\"2026-01-01T08:00:00Z\" who=\"Anne\" field=\"title\" "
  "task=\"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\">\n"
  "      <task-title>Opgave</task-title>\n"
  "      <old>Gammel</old>\n"
  "      <new>Ny</new>\n"
  "    </change>\n"
  "    <change when=\"2026-01-01T08:00:00Z\" field=\"assessment.suitability\" profession=\"nurse\" "
  "scenario=\"s2\"/>\n"
  "  </history>\n"
  "</portfolio>\n";

/* A small valid file whose one task gets @snippet after its complexity. */
static char *
one_task (const char *snippet)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<portfolio xmlns=\"urn:taskmap:portfolio\" version=\"5\" country=\"dk\">\n"
                          "  <tasks>\n"
                          "    <task id=\"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\">\n"
                          "      <title>Opgave</title>\n"
                          "      <level>admin</level>\n"
                          "      <complexity>low</complexity>\n"
                          "      %s\n"
                          "    </task>\n"
                          "  </tasks>\n"
                          "</portfolio>\n", snippet);
}

static char *
test_data_path (const char *dir,
                const char *name)
{
  const char *root = g_getenv ("TASKMAP_TEST_DATA");

  if (root == NULL)
    return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
  return g_build_filename (root, dir, name, NULL);
}

static char *
read_source (const char *dir,
             const char *name,
             gsize      *length)
{
  g_autofree char *path = tm_test_source_path (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

static char *
export (TmPortfolio *portfolio,
        gsize       *length)
{
  g_autoptr(GError) error = NULL;
  char *xml = tm_xml_export_data (portfolio, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (xml);
  return xml;
}

/* The two readers agree */

static gboolean
same_places (GArray *a,
             GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const TmXmlPlace *x = &g_array_index (a, TmXmlPlace, i);
      const TmXmlPlace *y = &g_array_index (b, TmXmlPlace, i);

      if (x->line != y->line || x->column != y->column)
        {
          g_test_message ("place %u: %ld:%u and %ld:%u", i, x->line, x->column, y->line, y->column);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
same_workshop (const TmWorkshopData *a,
               const TmWorkshopData *b)
{
  if (g_strcmp0 (a->id, b->id) != 0 || g_strcmp0 (a->date, b->date) != 0 ||
      g_strcmp0 (a->title, b->title) != 0 || g_strcmp0 (a->facilitator, b->facilitator) != 0 ||
      g_strcmp0 (a->names, b->names) != 0 || g_strcmp0 (a->decisions, b->decisions) != 0 ||
      a->participants->len != b->participants->len || a->moves->len != b->moves->len)
    return FALSE;
  for (guint i = 0; i < a->participants->len; i++)
    {
      const TmParticipants *x = &g_array_index (a->participants, TmParticipants, i);
      const TmParticipants *y = &g_array_index (b->participants, TmParticipants, i);

      if (g_strcmp0 (x->profession_id, y->profession_id) != 0 || x->count != y->count)
        return FALSE;
    }
  for (guint i = 0; i < a->moves->len; i++)
    {
      const TmMoveRef *x = &g_array_index (a->moves, TmMoveRef, i);
      const TmMoveRef *y = &g_array_index (b->moves, TmMoveRef, i);

      if (g_strcmp0 (x->task_uuid, y->task_uuid) != 0 || g_strcmp0 (x->scenario_id, y->scenario_id) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
assert_same_document (TmXmlDocument *a,
                      TmXmlDocument *b)
{
  g_assert_cmpstr (a->display_name, ==, b->display_name);
  g_assert_cmpint (a->have_unit, ==, b->have_unit);
  g_assert_cmpint (a->have_setting, ==, b->have_setting);
  g_assert_cmpstr (a->unit_name, ==, b->unit_name);
  g_assert_cmpstr (a->organisation, ==, b->organisation);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpint (a->setting, ==, b->setting);
  g_assert_cmpstr (a->last_meeting, ==, b->last_meeting);
  g_assert_cmpstr (a->language, ==, b->language);

  g_assert_cmpuint (a->professions->len, ==, b->professions->len);
  for (guint i = 0; i < a->professions->len; i++)
    {
      const TmProfessionState *x = g_ptr_array_index (a->professions, i);
      const TmProfessionState *y = g_ptr_array_index (b->professions, i);

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->name_en, ==, y->name_en);
      g_assert_true (x->authorised == y->authorised && x->unskilled == y->unskilled &&
                     x->hidden == y->hidden);
    }

  g_assert_cmpuint (a->scenario_order->len, ==, b->scenario_order->len);
  for (guint i = 0; i < a->scenario_order->len; i++)
    {
      const char *id = g_ptr_array_index (a->scenario_order, i);

      g_assert_cmpstr (id, ==, g_ptr_array_index (b->scenario_order, i));
      g_assert_cmpstr (g_hash_table_lookup (a->scenarios, id), ==, g_hash_table_lookup (b->scenarios, id));
    }

  g_assert_cmpuint (a->tasks->len, ==, b->tasks->len);
  for (guint i = 0; i < a->tasks->len; i++)
    {
      const TmTaskData *x = g_ptr_array_index (a->tasks, i);
      const TmTaskData *y = g_ptr_array_index (b->tasks, i);

      g_assert_cmpstr (x->uuid, ==, y->uuid);
      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_cmpint (x->modified, ==, y->modified);
      g_assert_true (tm_task_data_equal (x, y));
    }
  g_assert_true (same_places (a->places, b->places));

  g_assert_cmpuint (a->workshops->len, ==, b->workshops->len);
  for (guint i = 0; i < a->workshops->len; i++)
    g_assert_true (same_workshop (g_ptr_array_index (a->workshops, i), g_ptr_array_index (b->workshops, i)));
  g_assert_true (same_places (a->workshop_places, b->workshop_places));

  g_assert_cmpuint (a->history->len, ==, b->history->len);
  for (guint i = 0; i < a->history->len; i++)
    {
      const TmHistoryEntry *x = g_ptr_array_index (a->history, i);
      const TmHistoryEntry *y = g_ptr_array_index (b->history, i);

      g_assert_cmpint (x->when, ==, y->when);
      g_assert_cmpstr (x->who, ==, y->who);
      g_assert_cmpstr (x->task_uuid, ==, y->task_uuid);
      g_assert_cmpstr (x->task_title, ==, y->task_title);
      g_assert_cmpstr (x->scenario_id, ==, y->scenario_id);
      g_assert_cmpstr (x->profession_id, ==, y->profession_id);
      g_assert_cmpstr (x->field, ==, y->field);
      g_assert_cmpstr (x->old_value, ==, y->old_value);
      g_assert_cmpstr (x->new_value, ==, y->new_value);
    }

  g_assert_cmpuint (a->staffing->len, ==, b->staffing->len);
  for (guint i = 0; i < a->staffing->len; i++)
    {
      const TmStaffing *x = g_ptr_array_index (a->staffing, i);
      const TmStaffing *y = g_ptr_array_index (b->staffing, i);

      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_true (tm_staffing_equal (x, y));
    }
  g_assert_true (same_places (a->staffing_places, b->staffing_places));
}

/* Both readers on @data: the streaming one must take what the tree takes
 * and read it alike. */
static void
assert_read_alike (const char *data,
                   gsize       length,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmXmlDocument) tree = _tm_xml_tree_read (data, length, name, &error);
  g_autoptr(TmXmlDocument) stream = _tm_xml_stream_read (data, length, name);

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  g_assert_nonnull (stream);
  assert_same_document (stream, tree);
}

static void
test_model (void)
{
  const TmXmlSchemaModel *model = _tm_xml_schema_model_get ();

  /* The XSD uses nothing the streaming reader cannot follow: else every
   * file would be read as a tree, slowly and silently. */
  g_assert_cmpstr (_tm_xml_schema_model_get_problem (), ==, NULL);
  g_assert_nonnull (model);
  g_assert_cmpint (model->root->name, ==, TM_XML_NAME_PORTFOLIO);
}

static void
test_good_files (void)
{
  static const char * const examples[] = { "ward-runner-da.xml", "ward-runner-nb.xml", "ward-runner-en.xml" };
  static const char * const fixtures[] = { "v1.xml", "v4.xml" };

  assert_read_alike (kitchen_sink, strlen (kitchen_sink), "alt.xml");

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      g_autofree char *dir = g_build_filename ("data", "examples", NULL);
      gsize length = 0;
      g_autofree char *contents = read_source (dir, examples[i], &length);

      assert_read_alike (contents, length, examples[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = test_data_path ("xml", fixtures[i]);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      assert_read_alike (contents, length, fixtures[i]);
    }

  /* In another encoding, and after a byte order mark. */
  {
    g_autofree char *latin1 = NULL;
    g_autofree char *declared = NULL;
    g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", kitchen_sink, NULL);
    gsize length = 0;
    g_auto(GStrv) parts = g_strsplit (kitchen_sink, "encoding=\"UTF-8\"", 2);

    declared = g_strjoinv ("encoding=\"ISO-8859-1\"", parts);
    latin1 = g_convert (declared, -1, "ISO-8859-1", "UTF-8", NULL, &length, NULL);
    g_assert_nonnull (latin1);
    assert_read_alike (latin1, length, "latin1.xml");
    assert_read_alike (bom, strlen (bom), "bom.xml");
  }
}

/* Mutants of good files: whatever the streaming reader takes, the tree
 * reader takes too, and reads the same. */

static const char * const odd_values[] = {
  "", " ", "0", "-0", "+5", " 5 ", "05", "100", "100.0", "101", "-1", "1e2", "1e-400", "1e309",
  "NaN", "INF", "0x10", "1,5", "2.5", ".5", "5.", "true", "false", "1", " true", "TRUE", "day",
  "week", "month", "shift", "low", "varies", "high", "not-assessed", "nurse", "sygeplejerske nat",
  "2024-06-10T06:13:20Z", "2024-02-30T06:13:20Z", "2024-06-10 06:13:20", "1969-12-31T23:59:59Z",
  "2024-06-10T24:00:00Z", "2026-03-14", "2026-13-14", "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
  "A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D", "scenario-1", "s2", "x&amp;y", "&#10;", "organisation rules",
  "bogus", "da", "nb", "en", "dk", "no", "16", "17",
};

static const char * const insertions[] = {
  " ", "\n", "x", "<!-- c -->", "<?pi x?>", "<![CDATA[ ]]>", "<![CDATA[x]]>", "&amp;", "&#65;",
  "<notes>n</notes>", "<title>t</title>", "<time/>", "<assessment profession=\"nurse\"/>",
  "<move scenario=\"s2\"/>", "<staff profession=\"runner\"/>", "<check item=\"guidance\"/>",
  "<bogus/>", "<x:y xmlns:x=\"urn:other\"/>", "</task>", "<task>", "\"", "'", ">", "<",
  "<review scenario=\"s2\"/>", "<performed-by profession=\"nurse\"/>",
};

/* @xml with one random change. */
static char *
mutate (const char *xml,
        GRand      *rand)
{
  gsize length = strlen (xml);
  GString *out = g_string_new (NULL);
  guint kind = g_rand_int_range (rand, 0, 6);
  gsize at = g_rand_int_range (rand, 0, (gint32) length);

  switch (kind)
    {
    case 0:   /* an attribute's value replaced */
    case 1:
      {
        const char *quote = strchr (xml + at, '"');
        const char *end = quote != NULL ? strchr (quote + 1, '"') : NULL;

        if (end == NULL)
          {
            g_string_append (out, xml);
            break;
          }
        g_string_append_len (out, xml, quote + 1 - xml);
        g_string_append (out, odd_values[g_rand_int_range (rand, 0, G_N_ELEMENTS (odd_values))]);
        g_string_append (out, end);
      }
      break;

    case 2:   /* an element's text replaced */
      {
        const char *close = strstr (xml + at, "</");
        const char *open = close;

        while (open != NULL && open > xml && open[-1] != '>')
          open--;
        if (close == NULL)
          {
            g_string_append (out, xml);
            break;
          }
        g_string_append_len (out, xml, open - xml);
        g_string_append (out, odd_values[g_rand_int_range (rand, 0, G_N_ELEMENTS (odd_values))]);
        g_string_append (out, close);
      }
      break;

    case 3:   /* something inserted before a tag or between lines */
      {
        const char *tag = strchr (xml + at, '<');

        if (tag == NULL)
          tag = xml + length;
        g_string_append_len (out, xml, tag - xml);
        g_string_append (out, insertions[g_rand_int_range (rand, 0, G_N_ELEMENTS (insertions))]);
        g_string_append (out, tag);
      }
      break;

    case 4:   /* a line left out */
      {
        const char *start = strchr (xml + at, '\n');
        const char *end = start != NULL ? strchr (start + 1, '\n') : NULL;

        if (end == NULL)
          {
            g_string_append (out, xml);
            break;
          }
        g_string_append_len (out, xml, start - xml);
        g_string_append (out, end);
      }
      break;

    default:  /* a line doubled */
      {
        const char *start = strchr (xml + at, '\n');
        const char *end = start != NULL ? strchr (start + 1, '\n') : NULL;

        if (end == NULL)
          {
            g_string_append (out, xml);
            break;
          }
        g_string_append_len (out, xml, end - xml);
        g_string_append_len (out, start, end - start);
        g_string_append (out, end);
      }
      break;
    }

  return g_string_free (out, FALSE);
}

static void
test_mutants (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4711);
  gsize length = 0;
  g_autofree char *dir = g_build_filename ("data", "examples", NULL);
  g_autofree char *example = read_source (dir, "ward-runner-da.xml", &length);
  const char *sources[] = { kitchen_sink, example };
  guint n = g_test_slow () ? 20000 : 2000;
  guint taken = 0, refused = 0, tree_only = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *first = mutate (sources[i % G_N_ELEMENTS (sources)], rand);
      g_autofree char *mutant = i % 3 == 0 ? mutate (first, rand) : g_strdup (first);
      g_autoptr(TmXmlDocument) stream = _tm_xml_stream_read (mutant, strlen (mutant), "m.xml");
      g_autoptr(TmXmlDocument) tree = NULL;
      g_autoptr(GError) error = NULL;

      tree = _tm_xml_tree_read (mutant, strlen (mutant), "m.xml", &error);
      if (stream != NULL)
        {
          if (tree == NULL)
            g_error ("The streaming reader takes a file the tree reader refuses (%s):\n%s",
                     error->message, mutant);
          assert_same_document (stream, tree);
          taken++;
        }
      else if (tree != NULL)
        tree_only++;
      else
        refused++;
    }

  /* Files the streaming reader leaves to the tree reader although they are
   * good are read right, only slower: say how many. */
  g_test_message ("%u mutants: %u taken by both, %u refused by both, %u taken by the tree reader alone",
                  n, taken, refused, tree_only);
  g_assert_cmpuint (taken, >, 0);
  g_assert_cmpuint (refused, >, 0);
}

/* libxml2's errors in Taskmap's words */

typedef struct {
  const char *name;
  TmXmlError  code;
  const char *must_say;     /* in the C locale */
  const char *must_not_say; /* libxml2's words, out of the first line */
} Unreadable;

static char *
make_unreadable (const char *name,
                 gsize      *length)
{
  if (g_str_equal (name, "huge-attribute.xml") || g_str_equal (name, "huge-comment.xml"))
    {
      GString *huge = g_string_new (NULL);
      g_autofree char *xml = NULL;
      gsize n = 11 * 1024 * 1024;

      if (g_str_equal (name, "huge-attribute.xml"))
        g_string_append (huge, "<performed-by profession=\"");
      else
        g_string_append (huge, "<!--");
      for (gsize i = 0; i < n; i++)
        g_string_append_c (huge, 'x');
      g_string_append (huge, g_str_equal (name, "huge-attribute.xml") ? "\"/>" : "-->");
      xml = one_task (huge->str);
      g_string_free (huge, TRUE);
      *length = strlen (xml);
      return g_steal_pointer (&xml);
    }
  if (g_str_equal (name, "text.xml"))
    {
      *length = strlen ("Opgave;Niveau\nMedicin;admin\n");
      return g_strdup ("Opgave;Niveau\nMedicin;admin\n");
    }
  if (g_str_equal (name, "binary.xml"))
    {
      g_autofree char *path = test_data_path ("xml", "binary.xml");
      char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, length, NULL));
      return contents;
    }
  if (g_str_equal (name, "truncated.xml"))
    {
      char *xml = one_task ("<time minutes=\"5\"/>");

      *strstr (xml, "\"5\"/>") = '\0';
      *length = strlen (xml);
      return xml;
    }
  if (g_str_equal (name, "extra.xml"))
    {
      g_autofree char *xml = one_task ("");
      char *more = g_strconcat (xml, "<portfolio/>\n", NULL);

      *length = strlen (more);
      return more;
    }
  if (g_str_equal (name, "latin1.xml"))
    {
      char *xml = one_task ("<notes>Ugyldig UTF-8: \xe6\xf8\xe5</notes>");

      *length = strlen (xml);
      return xml;
    }
  if (g_str_equal (name, "shift-jis.xml") || g_str_equal (name, "unknown-encoding.xml"))
    {
      g_autofree char *xml = one_task ("<notes>\x82\xff\xfe</notes>");
      g_auto(GStrv) parts = g_strsplit (xml, "encoding=\"UTF-8\"", 2);
      char *declared = g_strjoinv (g_str_equal (name, "shift-jis.xml") ? "encoding=\"Shift_JIS\""
                                                                        : "encoding=\"x-taskmap-unknown\"", parts);

      *length = strlen (declared);
      return declared;
    }
  if (g_str_equal (name, "blank.xml"))
    {
      *length = 3;
      return g_strdup (" \n ");
    }
  g_assert_not_reached ();
}

static const Unreadable unreadables[] = {
  { "huge-attribute.xml", TM_XML_ERROR_FORBIDDEN, "is too large", "Extra content" },
  { "huge-comment.xml", TM_XML_ERROR_FORBIDDEN, "is too large", "Extra content" },
  { "text.xml", TM_XML_ERROR_MALFORMED, "This is not an XML file", "Start tag expected" },
  { "blank.xml", TM_XML_ERROR_MALFORMED, "This is not an XML file", "Document is empty" },
  { "binary.xml", TM_XML_ERROR_MALFORMED, "This is not a text file", "Start tag expected" },
  { "truncated.xml", TM_XML_ERROR_MALFORMED, "The file ends too early", "Premature end" },
  { "extra.xml", TM_XML_ERROR_MALFORMED, "There is more after the end of the portfolio", "Extra content" },
  { "latin1.xml", TM_XML_ERROR_MALFORMED, "not in the file’s character encoding", "proper UTF-8" },
  { "shift-jis.xml", TM_XML_ERROR_MALFORMED, "not in the file’s character encoding", "conversion failed" },
  { "unknown-encoding.xml", TM_XML_ERROR_MALFORMED, "encoding Taskmap cannot read", "Unsupported encoding" },
};

static void
test_unreadable (gconstpointer data)
{
  const Unreadable *u = data;
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strconcat (u->name, ":", NULL);
  g_autofree char *first_line = NULL;
  gsize length = 0;
  g_autofree char *contents = make_unreadable (u->name, &length);
  const char *details;

  g_assert_false (tm_xml_import_data (portfolio, contents, length, u->name, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, TM_XML_ERROR, (gint) u->code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* FILE:LINE:COLUMN: Taskmap's sentence, then libxml2's as details. */
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_true (g_ascii_isdigit (error->message[strlen (prefix)]));
  details = strstr (error->message, "\nDetails: ");
  g_assert_nonnull (details);
  g_assert_cmpuint (strlen (details), >, strlen ("\nDetails: "));
  first_line = g_strndup (error->message, details - error->message);
  g_assert_nonnull (strstr (first_line, u->must_say));
  g_assert_null (strstr (first_line, u->must_not_say));
  g_assert_null (strstr (first_line, "internal error"));
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 0);
}

/* libxml2 prints nothing of its own. */
static void
test_unreadable_quiet (void)
{
  if (g_test_subprocess ())
    {
      for (guint i = 0; i < G_N_ELEMENTS (unreadables); i++)
        {
          g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
          g_autoptr(GError) error = NULL;
          gsize length = 0;
          g_autofree char *contents = make_unreadable (unreadables[i].name, &length);

          g_assert_false (tm_xml_import_data (portfolio, contents, length, unreadables[i].name, &error));
        }
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

/* One rule for "too long": characters, as the XSD says */

static char *
repeat (const char *piece,
        guint       n)
{
  GString *out = g_string_sized_new (strlen (piece) * n);

  for (guint i = 0; i < n; i++)
    g_string_append (out, piece);
  return g_string_free (out, FALSE);
}

/* "FILE:LINE:COLUMN:" of the element that holds @marker in @xml. */
static char *
place_of (const char *xml,
          const char *name,
          const char *marker)
{
  const char *at = strstr (xml, marker);
  const char *line_start = xml;
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *c = xml; c < at; c++)
    if (*c == '\n')
      {
        line++;
        line_start = c + 1;
      }
  return g_strdup_printf ("%s:%u:%ld:", name, line, g_utf8_pointer_to_offset (line_start, at) + 1);
}

static void
test_too_long (void)
{
  g_autofree char *limit = repeat ("æ", TM_XML_MAX_TEXT_CHARS);
  g_autofree char *over = repeat ("æ", TM_XML_MAX_TEXT_CHARS + 1);
  g_autofree char *at_limit = NULL;
  g_autofree char *beyond = NULL;
  g_autofree char *where = NULL;

  /* The XSD's limit is the one the reader keeps. */
  {
    const TmXmlElemDecl *root = _tm_xml_schema_model_get ()->root;
    const TmXmlComplexType *portfolio = root->complex;
    gboolean found = FALSE;

    for (guint i = 0; i < portfolio->n_positions; i++)
      if (portfolio->positions[i].decl->name == TM_XML_NAME_UNIT)
        {
          const TmXmlComplexType *unit = portfolio->positions[i].decl->complex;

          for (guint j = 0; j < unit->n_positions; j++)
            if (unit->positions[j].decl->name == TM_XML_NAME_NOTES)
              {
                g_assert_cmpint (unit->positions[j].decl->simple->max_length, ==, TM_XML_MAX_TEXT_CHARS);
                found = TRUE;
              }
        }
    g_assert_true (found);
  }

  /* One character too many: refused at the element, the field named in words. */
  {
    g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
    g_autoptr(GError) error = NULL;
    g_autofree char *snippet = g_strconcat ("<notes>", over, "</notes>", NULL);

    beyond = one_task (snippet);
    where = place_of (beyond, "lang.xml", "<notes>");
    g_assert_false (tm_xml_import_data (portfolio, beyond, strlen (beyond), "lang.xml", &error));
    g_test_message ("%s", error->message);
    g_assert_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, where));
    g_assert_nonnull (strstr (error->message, "the notes of a task"));
    g_assert_nonnull (strstr (error->message, "262144"));
    g_clear_pointer (&where, g_free);
  }

  /* 262,144 characters of two bytes each: what the XSD allows, the reader takes. */
  {
    g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) store_error = NULL;
    g_autofree char *snippet = g_strconcat ("<notes>", limit, "</notes>", NULL);
    gboolean ok;

    at_limit = one_task (snippet);
    ok = tm_xml_import_data (portfolio, at_limit, strlen (at_limit), "lang.xml", &error);
    if (!_tm_text_check (limit, "notes", &store_error))
      {
        /* The store still counts bytes (tm-task.c): until it counts
         * characters, its refusal is at least said at the element. */
        where = place_of (at_limit, "lang.xml", "<notes>");
        g_assert_false (ok);
        g_test_message ("%s", error->message);
        g_assert_true (g_str_has_prefix (error->message, where));
        g_assert_nonnull (strstr (error->message, "the notes of a task"));
        g_test_incomplete ("the store's limit on a text (tm-task.c) is in bytes, the XSD's in characters");
        return;
      }
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), ==, 1);
  }
}

/* Numbers too small for a double are refused like those too large */

static char *
fill (const char *pattern,
      const char *value)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "VALUE", -1);

  return g_strjoinv (value, parts);
}

static void
test_underflow (void)
{
  static const struct {
    const char *snippet;
    const char *value;
  } cases[] = {
    { "<time occurrences=\"VALUE\"/>", "1e-400" },
    { "<time minutes=\"VALUE\"/>", "-1e-400" },
    { "<performed-by profession=\"nurse\" share=\"VALUE\"/>", "1E-999" },
    { "<assessment profession=\"nurse\" training-days=\"VALUE\"/>", "0.1e-330" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *snippet_small = fill (cases[i].snippet, cases[i].value);
      g_autofree char *snippet_large = fill (cases[i].snippet, "1e309");
      g_autofree char *small = one_task (snippet_small);
      g_autofree char *large = one_task (snippet_large);
      g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
      g_autoptr(GError) small_error = NULL;
      g_autoptr(GError) large_error = NULL;
      g_autofree char *said = g_strdup_printf ("“%s” is not a number", cases[i].value);
      g_autofree char *where = place_of (small, "tal.xml", snippet_small);
      g_autofree char *large_where = place_of (large, "tal.xml", snippet_large);

      g_assert_false (tm_xml_import_data (portfolio, small, strlen (small), "tal.xml", &small_error));
      g_assert_false (tm_xml_import_data (portfolio, large, strlen (large), "tal.xml", &large_error));
      g_test_message ("%s\n%s", small_error->message, large_error->message);

      /* The same words at the same element as 1e309 gets. */
      g_assert_error (small_error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
      g_assert_error (large_error, TM_XML_ERROR, TM_XML_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (small_error->message, where));
      g_assert_true (g_str_has_prefix (large_error->message, large_where));
      g_assert_nonnull (strstr (small_error->message, said));
      g_assert_nonnull (strstr (large_error->message, "“1e309” is not a number"));
    }

  /* Zero is zero, however it is written. */
  {
    g_autofree char *zero = one_task ("<time minutes=\"0e-400\" occurrences=\"0.000e5\"/>");
    g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
    g_autoptr(GError) error = NULL;

    CHECK_OK (tm_xml_import_data (portfolio, zero, strlen (zero), "tal.xml", &error));
  }
}

/* The writer */

/* Random values of every number attribute come out as g_ascii_dtostr()
 * writes them. */
static void
test_numbers (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *xml = NULL;
  const char *at;

  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(TmTaskData) data = tm_task_data_new ();
      double values[2];
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      for (guint k = 0; k < 2; k++)
        {
          switch (g_rand_int_range (rand, 0, 5))
            {
            case 0:
              values[k] = g_rand_int_range (rand, 0, 1441);
              break;
            case 1:
              values[k] = g_rand_int_range (rand, 0, 1441 * 1024) / 1024.0;
              break;
            case 2:
              values[k] = g_rand_double_range (rand, 0, 1440);
              break;
            case 3:
              values[k] = g_rand_int_range (rand, 0, 14400) / 10.0;
              break;
            default:
              values[k] = g_rand_double_range (rand, 0, 1e-3);
              break;
            }
        }

      g_free (data->title);
      data->title = g_strdup_printf ("Tal %u", i);
      data->minutes = values[0];
      data->occurrences = values[1];
      g_ptr_array_add (expected, g_strdup_printf ("minutes=\"%s\"", g_ascii_dtostr (buffer, sizeof buffer, values[0])));
      g_ptr_array_add (expected, g_strdup_printf ("occurrences=\"%s\"", g_ascii_dtostr (buffer, sizeof buffer, values[1])));
      g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
      g_assert_no_error (error);
    }

  xml = export (portfolio, NULL);
  at = xml;
  for (guint i = 0; i < expected->len; i++)
    {
      const char *found = strstr (at, g_ptr_array_index (expected, i));

      if (found == NULL)
        g_error ("%s is not written as g_ascii_dtostr() writes it", (const char *) g_ptr_array_index (expected, i));
      at = found;
    }
}

/* What must be escaped is, in texts and attributes, as xmlTextWriter did. */
static void
test_escaping (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  const char *tricky = "a<b>c&d\"e'f\tg\nh\ri æ";

  g_free (data->title);
  data->title = g_strdup ("Titel");
  g_free (data->notes);
  data->notes = g_strdup (tricky);
  data->unit = g_strdup (tricky);
  g_assert_nonnull (tm_portfolio_add_task (portfolio, data, &error));
  g_assert_no_error (error);

  xml = export (portfolio, NULL);
  g_assert_nonnull (strstr (xml, "<notes>a&lt;b&gt;c&amp;d&quot;e'f\tg\nh&#13;i æ</notes>\n"));
  g_assert_nonnull (strstr (xml, " unit=\"a&lt;b&gt;c&amp;d&quot;e'f&#9;g&#10;h&#13;i æ\""));
  g_assert_true (g_str_has_prefix (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<portfolio version=\"5\" "));
  g_assert_true (g_str_has_suffix (xml, ">\n</portfolio>\n"));
}

/* Export, import and export again give the same bytes; into a file through
 * the atomic writer too. */
static void
test_round_trip (void)
{
  g_autoptr(TmPortfolio) first = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(TmPortfolio) second = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-xml-stream-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  g_autofree char *written = NULL;
  gsize length = 0, again_length = 0, written_length = 0;

  g_assert_no_error (error);
  CHECK_OK (tm_xml_import_data (first, kitchen_sink, strlen (kitchen_sink), "alt.xml", &error));
  xml = export (first, &length);
  CHECK_OK (tm_xml_import_data (second, xml, length, "alt.xml", &error));
  again = export (second, &again_length);
  g_assert_cmpmem (xml, length, again, again_length);

  path = g_build_filename (tmp, "alt.xml", NULL);
  file = g_file_new_for_path (path);
  CHECK_OK (tm_xml_export_file (second, file, &error));
  g_assert_true (g_file_get_contents (path, &written, &written_length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (xml, length, written, written_length);

  g_unlink (path);
  g_rmdir (tmp);
}

/* An export that cannot be written leaves no file and says which. */
static void
test_export_unwritable (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-taskmap-folder/eksport.xml");

  g_assert_false (tm_xml_export_file (portfolio, file, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "eksport.xml"));
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/xml-stream/model", test_model);
  g_test_add_func ("/core/xml-stream/good-files", test_good_files);
  g_test_add_func ("/core/xml-stream/mutants", test_mutants);
  for (guint i = 0; i < G_N_ELEMENTS (unreadables); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/xml-stream/unreadable/%s", unreadables[i].name);

      g_test_add_data_func (path, &unreadables[i], test_unreadable);
    }
  g_test_add_func ("/core/xml-stream/unreadable-quiet", test_unreadable_quiet);
  g_test_add_func ("/core/xml-stream/too-long", test_too_long);
  g_test_add_func ("/core/xml-stream/underflow", test_underflow);
  g_test_add_func ("/core/xml-stream/write/numbers", test_numbers);
  g_test_add_func ("/core/xml-stream/write/escaping", test_escaping);
  g_test_add_func ("/core/xml-stream/write/round-trip", test_round_trip);
  g_test_add_func ("/core/xml-stream/write/unwritable", test_export_unwritable);

  return g_test_run ();
}
