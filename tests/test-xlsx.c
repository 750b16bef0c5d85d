/* test-xlsx.c
 * Tests of the XLSX export: the three sheets, their labels in the
 * portfolio's language, the figures of the analysis as cell values, empty
 * cells for tasks not estimated, failures that leave nothing behind, and
 * byte-identical repeated exports.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-xlsx"

#include "config.h"

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

/* The example with four tasks given times, performers and moves, as in
 * test-draw.c:
 *
 *   task 0  admin, low            10 min × 6 per day  = 7.0 h/week  nurse → runner 50 % (3.5 h)
 *   task 1  admin, low            30 min × 4 per week = 2.0 h/week  nurse → technology (2.0 h)
 *   task 2  bounded, moderate     15 min × 2 per day  = 3.5 h/week  nurse → SSA (3.5 h), after training
 *   task 3  coordination, varies   6 min × 10 per week = 1.0 h/week  nurse, no move
 *
 * The other 38 tasks lose their times and their moves in the first scenario
 * (the example gives every task a time and moves 40), so they are not
 * estimated. The example's staffing stays: in Denmark the nurses are 28 FTE
 * × 37 h = 1036 h a week, the runner 0 FTE, the SSA 9 FTE. */
typedef struct {
  TmPortfolio *portfolio;
  char        *scenario_id;
  char        *scenario_name;
  TmTask      *tasks[4];      /* borrowed */
  char        *dir;
} Fixture;

static gboolean
require (const char *variable)
{
  return g_strcmp0 (g_getenv (variable), "1") == 0;
}

static void
prepare_portfolio (TmPortfolio  *portfolio,
                   TmTask      **tasks)
{
  g_autoptr(GError) error = NULL;
  const char *scenario_id = tm_test_scenario_id_at (portfolio, 0);
  TmAssessment assessment;

  tm_test_set_up_four_tasks (portfolio, scenario_id, tasks);

  /* The care assistant can take task 2 over after two days of training */
  tm_assessment_init (&assessment, "ssa");
  assessment.suitability = TM_SUITABILITY_AFTER_TRAINING;
  assessment.training = TM_TRAINING_ON_THE_JOB;
  assessment.training_days = 2;
  g_free (assessment.purpose);
  assessment.purpose = g_strdup ("Frigøre sygeplejerskernes tid");
  CHECK_OK (tm_portfolio_set_assessment (portfolio, tasks[2], &assessment, NULL, &error));
  tm_assessment_clear (&assessment);
}

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

  prepare_portfolio (fixture->portfolio, fixture->tasks);

  fixture->dir = tm_test_make_tmp_dir ("test-xlsx-XXXXXX");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  if (g_getenv ("TASKMAP_XLSX_DIR") != NULL)
    {
      /* Keep the workbooks to look at */
      g_autofree char *from = g_build_filename (fixture->dir, "portfolio.xlsx", NULL);
      g_autofree char *to = g_build_filename (g_getenv ("TASKMAP_XLSX_DIR"), "portfolio.xlsx", NULL);

      g_mkdir_with_parents (g_getenv ("TASKMAP_XLSX_DIR"), 0755);
      g_rename (from, to);
    }
  tm_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->scenario_id);
  g_free (fixture->scenario_name);
  g_clear_object (&fixture->portfolio);
}

static char *
export (Fixture    *fixture,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  CHECK_OK (tm_xlsx_export (fixture->portfolio, fixture->scenario_id, file, &error));
  return path;
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, &error));
  g_assert_no_error (error);
  return data;
}

/* @msgid (in @context, when not NULL) as the export renders it: in Danish
 * when the catalogue exists. */
static char *
danish_full (const char *context,
             const char *msgid)
{
  char *s;

  tm_language_push ("da");
  if (context != NULL)
    s = g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, context, msgid));
  else
    s = g_strdup (g_dgettext (GETTEXT_PACKAGE, msgid));
  tm_language_pop ();
  return s;
}

static char *
danish (const char *msgid)
{
  return danish_full (NULL, msgid);
}

static gboolean
have_catalogue (const char *lang)
{
  const char *localedir = g_getenv ("TASKMAP_LOCALEDIR");
  g_autofree char *mo = g_build_filename (localedir ? localedir : LOCALEDIR, lang, "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (g_file_test (mo, G_FILE_TEST_EXISTS))
    return TRUE;
  if (require ("TASKMAP_REQUIRE_TRANSLATIONS"))
    g_error ("No catalogue at %s", mo);
  g_test_message ("No catalogue at %s: not checking translated labels", mo);
  return FALSE;
}

static const char *
profession_name (Fixture    *fixture,
                 const char *id)
{
  TmProfession *profession = tm_portfolio_lookup_profession (fixture->portfolio, id);

  if (id == NULL)
    return NULL;
  g_assert_nonnull (profession);
  return tm_profession_get_name (profession);
}

/* Reading the workbook: `unzip -p` for the entries, libxml2 for the XML */

static gboolean
have_unzip (void)
{
  g_autofree char *unzip = g_find_program_in_path ("unzip");

  if (unzip != NULL)
    return TRUE;
  if (require ("TASKMAP_REQUIRE_TOOLS"))
    g_error ("unzip is missing and TASKMAP_REQUIRE_TOOLS=1");
  g_test_skip ("unzip is not installed: not reading the workbook's entries");
  return FALSE;
}

static char *
read_entry (const char *path,
            const char *entry)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "unzip", "-p", path, entry, NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("unzip -p %s %s failed: %s", path, entry, err);
  g_assert_cmpuint (strlen (out), >, 0);
  return out;
}

static xmlDocPtr
parse_entry (const char *path,
             const char *entry)
{
  g_autofree char *data = read_entry (path, entry);
  xmlDocPtr doc = xmlReadMemory (data, strlen (data), entry, NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static xmlNodePtr
find_child (xmlNodePtr  parent,
            const char *name)
{
  for (xmlNodePtr n = parent ? parent->children : NULL; n != NULL; n = n->next)
    if (is_element (n, name))
      return n;
  return NULL;
}

static char *
get_prop (xmlNodePtr  node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static void
append_text (GString    *str,
             xmlNodePtr  node)
{
  for (xmlNodePtr n = node->children; n != NULL; n = n->next)
    {
      if (is_element (n, "t"))
        {
          xmlChar *content = xmlNodeGetContent (n);

          g_string_append (str, (const char *) content);
          xmlFree (content);
        }
      else if (n->type == XML_ELEMENT_NODE)
        append_text (str, n);
    }
}

/* The shared strings, in order. */
static GPtrArray *
read_shared_strings (const char *path)
{
  xmlDocPtr doc = parse_entry (path, "xl/sharedStrings.xml");
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);

  for (xmlNodePtr si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
    if (is_element (si, "si"))
      {
        GString *str = g_string_new (NULL);

        append_text (str, si);
        g_ptr_array_add (strings, g_string_free (str, FALSE));
      }

  xmlFreeDoc (doc);
  return strings;
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *text)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_strcmp0 (g_ptr_array_index (strings, i), text) == 0)
      return TRUE;
  return FALSE;
}

/* One cell as read back: its text (a string cell) or its number, and its style. */
typedef struct {
  char     *text;       /* NULL for a number or an empty cell */
  gboolean  has_value;
  double    number;
  guint     style;
} Cell;

static void
cell_free (gpointer p)
{
  Cell *cell = p;

  g_free (cell->text);
  g_free (cell);
}

/* "A1" for (0, 0) */
static char *
cell_ref (guint row,
          guint col)
{
  char letters[8];
  int i = G_N_ELEMENTS (letters) - 1;

  letters[i] = '\0';
  col++;
  while (col > 0)
    {
      letters[--i] = 'A' + (col - 1) % 26;
      col = (col - 1) / 26;
    }
  return g_strdup_printf ("%s%u", letters + i, row + 1);
}

typedef struct {
  GHashTable *cells;    /* "A1" → Cell */
  guint       n_rows;   /* last row + 1 */
  xmlDocPtr   doc;
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_hash_table_unref (sheet->cells);
  xmlFreeDoc (sheet->doc);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static Sheet *
read_sheet (const char *path,
            guint       index,
            GPtrArray  *strings)
{
  g_autofree char *entry = g_strdup_printf ("xl/worksheets/sheet%u.xml", index);
  Sheet *sheet = g_new0 (Sheet, 1);
  xmlNodePtr data;

  sheet->doc = parse_entry (path, entry);
  sheet->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cell_free);
  data = find_child (xmlDocGetRootElement (sheet->doc), "sheetData");
  g_assert_nonnull (data);

  for (xmlNodePtr row = data ? data->children : NULL; row != NULL; row = row->next)
    {
      g_autofree char *r = NULL;

      if (!is_element (row, "row"))
        continue;
      r = get_prop (row, "r");
      sheet->n_rows = MAX (sheet->n_rows, (guint) g_ascii_strtoull (r, NULL, 10));

      for (xmlNodePtr c = row->children; c != NULL; c = c->next)
        {
          g_autofree char *ref = NULL;
          g_autofree char *type = NULL;
          g_autofree char *style = NULL;
          xmlNodePtr v;
          Cell *cell;

          if (!is_element (c, "c"))
            continue;
          ref = get_prop (c, "r");
          type = get_prop (c, "t");
          style = get_prop (c, "s");
          cell = g_new0 (Cell, 1);
          cell->style = style ? (guint) g_ascii_strtoull (style, NULL, 10) : 0;
          v = find_child (c, "v");
          if (v != NULL)
            {
              xmlChar *content = xmlNodeGetContent (v);

              cell->has_value = TRUE;
              if (g_strcmp0 (type, "s") == 0)
                {
                  guint64 i = g_ascii_strtoull ((const char *) content, NULL, 10);

                  g_assert_cmpuint (i, <, strings->len);
                  cell->text = g_strdup (g_ptr_array_index (strings, i));
                }
              else
                {
                  char *end = NULL;

                  g_assert_null (type);
                  cell->number = g_ascii_strtod ((const char *) content, &end);
                  /* A number in the C locale, whatever the program's */
                  g_assert_cmpint (*end, ==, '\0');
                }
              xmlFree (content);
            }
          g_hash_table_insert (sheet->cells, g_steal_pointer (&ref), cell);
        }
    }
  return sheet;
}

static const Cell *
get_cell (Sheet *sheet,
          guint  row,
          guint  col)
{
  g_autofree char *ref = cell_ref (row, col);

  return g_hash_table_lookup (sheet->cells, ref);
}

/* The text of a string cell; NULL when the cell is empty or a number. */
static const char *
get_text (Sheet *sheet,
          guint  row,
          guint  col)
{
  const Cell *cell = get_cell (sheet, row, col);

  return cell ? cell->text : NULL;
}

static double
get_number (Sheet *sheet,
            guint  row,
            guint  col)
{
  const Cell *cell = get_cell (sheet, row, col);
  g_autofree char *ref = cell_ref (row, col);

  if (cell == NULL || !cell->has_value || cell->text != NULL)
    g_error ("%s is not a number", ref);
  return cell->number;
}

static void
assert_empty (Sheet *sheet,
              guint  row,
              guint  col)
{
  const Cell *cell = get_cell (sheet, row, col);

  g_assert_true (cell == NULL || !cell->has_value);
}

/* The first row whose cell in @col reads @text, or -1 */
static int
find_row (Sheet      *sheet,
          guint       col,
          const char *text)
{
  for (guint r = 0; r < sheet->n_rows; r++)
    if (g_strcmp0 (get_text (sheet, r, col), text) == 0)
      return r;
  return -1;
}

/* The column of the header row @row that reads @text, or -1 */
static int
find_column (Sheet      *sheet,
             guint       row,
             const char *text)
{
  for (guint c = 0; c < 200; c++)
    if (g_strcmp0 (get_text (sheet, row, c), text) == 0)
      return c;
  return -1;
}

/* The number format code of style @style, from xl/styles.xml */
static char *
get_number_format (const char *path,
                   guint       style)
{
  xmlDocPtr doc = parse_entry (path, "xl/styles.xml");
  xmlNodePtr root = xmlDocGetRootElement (doc);
  xmlNodePtr xfs = find_child (root, "cellXfs");
  g_autofree char *id = NULL;
  char *code = NULL;
  guint i = 0;

  g_assert_nonnull (xfs);
  for (xmlNodePtr xf = xfs ? xfs->children : NULL; xf != NULL; xf = xf->next)
    if (is_element (xf, "xf") && i++ == style)
      id = get_prop (xf, "numFmtId");
  g_assert_nonnull (id);

  if (strcmp (id, "0") == 0)
    code = g_strdup ("General");
  else if (strcmp (id, "9") == 0)
    code = g_strdup ("0%");
  else if (strcmp (id, "10") == 0)
    code = g_strdup ("0.00%");
  for (xmlNodePtr fmt = find_child (find_child (root, "numFmts"), "numFmt"); fmt != NULL && code == NULL;
       fmt = fmt->next)
    {
      g_autofree char *fmt_id = is_element (fmt, "numFmt") ? get_prop (fmt, "numFmtId") : NULL;

      if (g_strcmp0 (fmt_id, id) == 0)
        code = get_prop (fmt, "formatCode");
    }

  xmlFreeDoc (doc);
  g_assert_nonnull (code);
  return code;
}

static void
assert_near (double a,
             double b)
{
  if (fabs (a - b) > 1e-9)
    g_error ("%.12g is not %.12g", a, b);
}

/* Tests */

static void
test_zip (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *path = export (fixture, "portfolio.xlsx");
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (tm_xlsx_is_supported ());

  data = read_file (path, &length);
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (data, 4, "PK\003\004", 4);
}

static void
test_workbook (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *path = export (fixture, "portfolio.xlsx");
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *expected[4] = { "Tasks", "Matrix", "Summary", "Scenarios" };
  xmlDocPtr doc;
  guint n_nordic = 0;

  if (!have_unzip ())
    return;

  /* Four sheets, named in Danish (when the catalogue exists): the example has
   * two scenarios, so the fourth puts them side by side */
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_scenarios (fixture->portfolio)), ==, 2);
  doc = parse_entry (path, "xl/workbook.xml");
  for (xmlNodePtr s = find_child (find_child (xmlDocGetRootElement (doc), "sheets"), "sheet");
       s != NULL; s = s->next)
    if (is_element (s, "sheet"))
      g_ptr_array_add (names, get_prop (s, "name"));
  xmlFreeDoc (doc);

  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *name = danish_full ("sheet name", expected[i]);

      g_assert_cmpstr (g_ptr_array_index (names, i), ==, name);
      g_assert_cmpint (g_utf8_strlen (name, -1), <=, 31);
    }

  /* The titles (with æ, ø, å), the professions and the labels */
  strings = read_shared_strings (path);
  for (guint i = 0; i < g_list_model_get_n_items (tm_portfolio_get_tasks (fixture->portfolio)); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (fixture->portfolio), i);
      const char *title = tm_task_get_title (task);

      g_assert_true (strings_contain (strings, title));
      if (strstr (title, "æ") || strstr (title, "ø") || strstr (title, "å") ||
          strstr (title, "Æ") || strstr (title, "Ø") || strstr (title, "Å"))
        n_nordic++;
    }
  g_assert_cmpuint (n_nordic, >, 0);

  g_assert_true (strings_contain (strings, profession_name (fixture, "nurse")));
  g_assert_true (strings_contain (strings, profession_name (fixture, "runner")));
  g_assert_true (strings_contain (strings, profession_name (fixture, "ssa")));
  g_assert_true (strings_contain (strings, fixture->scenario_name));
  g_assert_true (strings_contain (strings, tm_portfolio_get_unit_name (fixture->portfolio)));

  if (have_catalogue ("da"))
    {
      g_autofree char *admin = danish ("Admin & incidental");
      g_autofree char *bounded = danish ("Bounded clinical");
      g_autofree char *coordination = danish ("Coordination");
      g_autofree char *can_take_over = danish ("Can take over");

      g_assert_cmpstr (admin, !=, "Admin & incidental");
      g_assert_true (strings_contain (strings, admin));
      g_assert_true (strings_contain (strings, bounded));
      g_assert_true (strings_contain (strings, coordination));
      g_assert_true (strings_contain (strings, can_take_over));
      g_assert_false (strings_contain (strings, "Admin & incidental"));
    }

  /* The document's date is the portfolio's, not the export's */
  {
    g_autofree char *core = read_entry (path, "docProps/core.xml");

    g_assert_nonnull (strstr (core, "2026-01-01T00:00:00Z"));
    g_assert_nonnull (strstr (core, tm_portfolio_get_unit_name (fixture->portfolio)));
  }
}

static void
test_catalogue (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = export (fixture, "portfolio.xlsx");
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *title = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *format = NULL;
  GListModel *tasks = tm_portfolio_get_tasks (fixture->portfolio);
  int c_title, c_hours, c_minutes, c_times, c_per, c_level, c_performed;

  if (!have_unzip ())
    return;

  strings = read_shared_strings (path);
  sheet = read_sheet (path, 1, strings);

  /* A header row, then one row per task */
  g_assert_cmpuint (sheet->n_rows, ==, g_list_model_get_n_items (tasks) + 1);
  title = danish ("Title");
  hours = danish ("Hours per week");
  minutes = danish ("Minutes each time");
  c_title = find_column (sheet, 0, title);
  c_hours = find_column (sheet, 0, hours);
  c_minutes = find_column (sheet, 0, minutes);
  g_assert_cmpint (c_title, ==, 0);
  g_assert_cmpint (c_hours, >, 0);
  g_assert_cmpint (c_minutes, >, 0);
  {
    g_autofree char *times = danish_full ("column", "Times");
    g_autofree char *per = danish_full ("column", "Per");
    g_autofree char *level = danish ("Competence level");
    g_autofree char *performed = danish ("Performed by");

    c_times = find_column (sheet, 0, times);
    c_per = find_column (sheet, 0, per);
    c_level = find_column (sheet, 0, level);
    c_performed = find_column (sheet, 0, performed);
    g_assert_cmpint (c_times, >, 0);
    g_assert_cmpint (c_per, >, 0);
    g_assert_cmpint (c_level, >, 0);
    g_assert_cmpint (c_performed, >, 0);
  }

  /* Frozen header and an autofilter */
  {
    g_autofree char *xml = read_entry (path, "xl/worksheets/sheet1.xml");

    g_assert_nonnull (strstr (xml, "state=\"frozen\""));
    g_assert_nonnull (strstr (xml, "<autoFilter "));
  }

  /* The estimated tasks: numbers, the hours with one decimal */
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpstr (get_text (sheet, i + 1, c_title), ==, tm_task_get_title (fixture->tasks[i]));
      assert_near (get_number (sheet, i + 1, c_hours), tm_task_get_hours_per_week (fixture->tasks[i]));
      assert_near (get_number (sheet, i + 1, c_minutes), tm_task_get_minutes (fixture->tasks[i]));
      assert_near (get_number (sheet, i + 1, c_times), tm_task_get_occurrences (fixture->tasks[i]));
      g_assert_cmpstr (get_text (sheet, i + 1, c_performed), ==, profession_name (fixture, "nurse"));
    }
  assert_near (get_number (sheet, 1, c_hours), 7.0);
  assert_near (get_number (sheet, 3, c_hours), 3.5);
  tm_language_push ("da");
  g_assert_cmpstr (get_text (sheet, 1, c_level), ==, tm_level_get_short_label (TM_LEVEL_ADMIN));
  g_assert_cmpstr (get_text (sheet, 1, c_per), ==, tm_per_get_label (TM_PER_DAY));
  g_assert_cmpstr (get_text (sheet, 2, c_per), ==, tm_per_get_label (TM_PER_WEEK));
  tm_language_pop ();

  format = get_number_format (path, get_cell (sheet, 1, c_hours)->style);
  g_assert_cmpstr (format, ==, "0.0");

  /* A task not estimated: empty cells, never 0, but the column's format */
  {
    g_autoptr(TmTask) task = g_list_model_get_item (tasks, 4);
    g_autofree char *empty_format = NULL;

    g_assert_cmpfloat (tm_task_get_hours_per_week (task), <, 0);
    g_assert_cmpstr (get_text (sheet, 5, c_title), ==, tm_task_get_title (task));
    assert_empty (sheet, 5, c_hours);
    assert_empty (sheet, 5, c_minutes);
    assert_empty (sheet, 5, c_times);
    assert_empty (sheet, 5, c_per);
    g_assert_nonnull (get_cell (sheet, 5, c_hours));
    empty_format = get_number_format (path, get_cell (sheet, 5, c_hours)->style);
    g_assert_cmpstr (empty_format, ==, "0.0");
  }
}

static void
test_matrix (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *path = export (fixture, "portfolio.xlsx");
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *move_format = NULL;
  g_autofree char *move_title = NULL;
  g_autofree char *share_title = danish ("Share that moves");
  GListModel *professions = tm_portfolio_get_professions (fixture->portfolio);
  guint n_shown = 0;
  int c_runner, c_ssa, c_move, c_share;

  if (!have_unzip ())
    return;

  strings = read_shared_strings (path);
  sheet = read_sheet (path, 2, strings);

  /* Every profession that is not hidden is a column */
  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);
      int c = find_column (sheet, 0, tm_profession_get_name (profession));

      if (tm_profession_get_hidden (profession))
        g_assert_cmpint (c, <, 0);
      else
        {
          g_assert_cmpint (c, ==, 2 + n_shown);
          n_shown++;
        }
    }
  g_assert_cmpuint (n_shown, >, 2);

  move_format = danish ("Move in “%s”");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  move_title = g_strdup_printf (move_format, fixture->scenario_name);
#pragma GCC diagnostic pop
  c_move = find_column (sheet, 0, move_title);
  c_share = find_column (sheet, 0, share_title);
  g_assert_cmpint (c_move, ==, 2 + n_shown);
  g_assert_cmpint (c_share, ==, c_move + 1);
  c_runner = find_column (sheet, 0, profession_name (fixture, "runner"));
  c_ssa = find_column (sheet, 0, profession_name (fixture, "ssa"));

  tm_language_push ("da");
  /* Task 0: the example assesses the runner (its unskilled staff); half of it moves there */
  g_assert_cmpstr (get_text (sheet, 1, c_runner), ==, tm_suitability_get_label (TM_SUITABILITY_CAN_TAKE_OVER));
  g_assert_cmpstr (get_text (sheet, 1, c_move), ==, profession_name (fixture, "runner"));
  assert_near (get_number (sheet, 1, c_share), 0.5);
  /* Task 1: technology */
  g_assert_cmpstr (get_text (sheet, 2, c_move), ==, tm_move_kind_get_label (TM_MOVE_TECHNOLOGY));
  assert_near (get_number (sheet, 2, c_share), 1.0);
  /* Task 2: to the care assistant, after training */
  g_assert_cmpstr (get_text (sheet, 3, c_ssa), ==, tm_suitability_get_label (TM_SUITABILITY_AFTER_TRAINING));
  g_assert_cmpstr (get_text (sheet, 3, c_move), ==, profession_name (fixture, "ssa"));
  tm_language_pop ();
  /* Task 3: no move */
  assert_empty (sheet, 4, c_move);
  assert_empty (sheet, 4, c_share);

  /* The chosen move's cell is set apart from its neighbours */
  g_assert_cmpuint (get_cell (sheet, 3, c_ssa)->style, !=, get_cell (sheet, 1, c_runner)->style);
}

/* The column of the summary's header row @header titled @msgid (in Danish). */
static int
summary_column (Sheet      *sheet,
                int         header,
                const char *msgid)
{
  g_autofree char *title = danish (msgid);
  int c = find_column (sheet, header, title);

  if (c < 0)
    g_error ("The summary has no column “%s”", title);
  return c;
}

/* @row's cell in column @c is empty (a figure not known is never 0). */
static void
assert_no_number (Sheet *sheet,
                  int    row,
                  int    c)
{
  const char *text = get_text (sheet, row, c);

  g_assert_true (text == NULL || *text == '\0');
}

static void
test_summary (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *path = export (fixture, "portfolio.xlsx");
  g_autoptr(TmAnalysis) analysis = tm_analysis_compute (fixture->portfolio, fixture->scenario_id);
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *benchmark = danish ("Benchmark for hospital wards: about 10 % of the nurses' staffed working "
                                       "time to unskilled staff + 10 % to other professions. A benchmark, not "
                                       "a target.");
  g_autofree char *profession_heading = danish ("Profession");
  g_autofree char *receiving = danish ("Receiving profession");
  g_autofree char *percent_format = NULL;
  const TmAnalysisProfession *nurse;
  const TmStaffing *staffing = tm_portfolio_get_staffing (fixture->portfolio, "");
  const TmStaffingEntry *nurse_staffing, *runner_staffing;
  double staffed;
  int header, row;
  int c_tasks, c_today, c_after, c_out, c_in, c_to_unskilled, c_to_professions, c_to_technology;
  int c_fte, c_hours_per_fte, c_staffed, c_mapped, c_share, c_share_unskilled, c_share_professions;
  int c_fte_freed, c_fte_needed, c_share_catalogued;

  if (!have_unzip ())
    return;

  /* The example's staffing: nurses 28 FTE × 37 h, the runner 0 FTE */
  g_assert_nonnull (staffing);
  nurse_staffing = tm_staffing_lookup (staffing, "nurse");
  runner_staffing = tm_staffing_lookup (staffing, "runner");
  g_assert_nonnull (nurse_staffing);
  g_assert_nonnull (runner_staffing);
  g_assert_cmpfloat (nurse_staffing->fte, ==, 28);
  g_assert_cmpfloat (nurse_staffing->hours_per_fte, ==, 37);
  g_assert_cmpfloat (runner_staffing->fte, ==, 0);
  staffed = nurse_staffing->fte * nurse_staffing->hours_per_fte;

  strings = read_shared_strings (path);
  sheet = read_sheet (path, 3, strings);

  g_assert_cmpint (find_row (sheet, 1, tm_portfolio_get_unit_name (fixture->portfolio)), >=, 0);
  g_assert_cmpint (find_row (sheet, 1, tm_portfolio_get_organisation (fixture->portfolio)), >=, 0);
  g_assert_cmpint (find_row (sheet, 1, fixture->scenario_name), >=, 0);

  /* The figures of the analysis, per profession, as numbers */
  header = find_row (sheet, 0, profession_heading);
  g_assert_cmpint (header, >, 0);
  c_tasks = summary_column (sheet, header, "Tasks today");
  c_today = summary_column (sheet, header, "Hours per week today");
  c_after = summary_column (sheet, header, "Hours per week after");
  c_out = summary_column (sheet, header, "Hours handed over");
  c_in = summary_column (sheet, header, "Hours received");
  c_to_unskilled = summary_column (sheet, header, "To unskilled staff");
  c_to_professions = summary_column (sheet, header, "To other professions");
  c_to_technology = summary_column (sheet, header, "To technology or stopped");
  c_fte = summary_column (sheet, header, "Staffing (FTE)");
  c_hours_per_fte = summary_column (sheet, header, "Hours per FTE");
  c_staffed = summary_column (sheet, header, "Staffed hours per week");
  c_mapped = summary_column (sheet, header, "Mapped, share of staffed time");
  c_share = summary_column (sheet, header, "Share of staffed time moved");
  c_share_unskilled = summary_column (sheet, header, "… to unskilled staff");
  c_share_professions = summary_column (sheet, header, "… to other professions");
  c_fte_freed = summary_column (sheet, header, "FTE freed");
  c_fte_needed = summary_column (sheet, header, "FTE needed");
  c_share_catalogued = summary_column (sheet, header, "Share of the catalogued hours moved");

  g_assert_cmpuint (analysis->professions->len, >=, 3);
  for (guint i = 0; i < analysis->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (analysis->professions, TmAnalysisProfession, i);
      g_autofree char *none = danish ("No performer recorded");
      const char *name = p->profession_id ? profession_name (fixture, p->profession_id) : none;
      const int columns[] = {
        c_tasks, c_today, c_after, c_out, c_in, c_to_unskilled, c_to_professions, c_to_technology,
        c_fte_freed, c_fte_needed,
      };
      const double expected[] = {
        p->n_tasks_today, p->hours_today, p->hours_after, p->moved_out, p->moved_in,
        p->out_to_unskilled, p->out_to_professions, p->out_to_technology_or_stopped,
        p->fte_freed, p->fte_needed,
      };

      row = header + 1 + i;
      g_assert_cmpstr (get_text (sheet, row, 0), ==, name);
      for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
        assert_near (get_number (sheet, row, columns[k]), expected[k]);

      /* The staffing where known, an empty cell where not */
      if (p->fte >= 0)
        assert_near (get_number (sheet, row, c_fte), p->fte);
      else
        assert_no_number (sheet, row, c_fte);
      if (tm_analysis_profession_has_staffing (p))
        {
          assert_near (get_number (sheet, row, c_staffed), p->staffed_hours);
          assert_near (get_number (sheet, row, c_share), tm_analysis_profession_moved_share (p));
        }
      else
        assert_no_number (sheet, row, c_share);
    }

  /* The nurses: 13.5 h today, 4.5 after, 9.0 handed over (3.5 + 3.5 + 2.0);
   * 28 FTE × 37 h = 1036 staffed hours, so 9.0 / 1036 of their staffed time
   * moves and 9.0 / 37 FTE is freed; of the catalogued hours 9.0 / 13.5. */
  nurse = tm_analysis_get_profession (analysis, "nurse");
  g_assert_nonnull (nurse);
  row = find_row (sheet, 0, profession_name (fixture, "nurse"));
  g_assert_cmpint (row, >, header);
  assert_near (get_number (sheet, row, c_today), 13.5);
  assert_near (get_number (sheet, row, c_after), 4.5);
  assert_near (get_number (sheet, row, c_out), 9.0);
  assert_near (get_number (sheet, row, c_to_unskilled), 3.5);
  assert_near (get_number (sheet, row, c_to_professions), 3.5);
  assert_near (get_number (sheet, row, c_to_technology), 2.0);
  assert_near (get_number (sheet, row, c_fte), 28);
  assert_near (get_number (sheet, row, c_hours_per_fte), 37);
  assert_near (get_number (sheet, row, c_staffed), staffed);
  assert_near (get_number (sheet, row, c_mapped), 13.5 / staffed);
  assert_near (get_number (sheet, row, c_share), 9.0 / staffed);
  assert_near (get_number (sheet, row, c_share_unskilled), 3.5 / staffed);
  assert_near (get_number (sheet, row, c_share_professions), 3.5 / staffed);
  assert_near (get_number (sheet, row, c_fte_freed), 9.0 / 37);
  assert_near (get_number (sheet, row, c_fte_needed), 0);
  assert_near (get_number (sheet, row, c_share_catalogued), 9.0 / 13.5);
  percent_format = get_number_format (path, get_cell (sheet, row, c_share)->style);
  g_assert_cmpstr (percent_format, ==, "0.0%");

  /* The runner: 0 FTE staffed today, so no share of staffed time; it takes
   * over 3.5 h = 3.5 / 37 FTE (the country's full-time week, as given) */
  row = find_row (sheet, 0, profession_name (fixture, "runner"));
  g_assert_cmpint (row, >, header);
  assert_near (get_number (sheet, row, c_fte), 0);
  assert_near (get_number (sheet, row, c_in), 3.5);
  assert_near (get_number (sheet, row, c_fte_needed), 3.5 / runner_staffing->hours_per_fte);
  assert_no_number (sheet, row, c_share);
  assert_no_number (sheet, row, c_share_catalogued);

  /* Totals above the table */
  {
    g_autofree char *total = danish ("Hours per week in all");
    g_autofree char *moved = danish ("Hours per week that move");
    g_autofree char *not_estimated = danish ("Tasks not estimated");

    row = find_row (sheet, 0, total);
    g_assert_cmpint (row, >=, 0);
    assert_near (get_number (sheet, row, 1), analysis->total_hours);
    assert_near (get_number (sheet, row, 1), 13.5);
    row = find_row (sheet, 0, moved);
    assert_near (get_number (sheet, row, 1), analysis->moved_hours);
    assert_near (get_number (sheet, row, 1), 9.0);
    row = find_row (sheet, 0, not_estimated);
    assert_near (get_number (sheet, row, 1), analysis->n_not_estimated);
  }

  /* The benchmark: the example is a hospital ward */
  g_assert_cmpint (tm_portfolio_get_setting (fixture->portfolio), ==, TM_SETTING_HOSPITAL_WARD);
  g_assert_cmpint (find_row (sheet, 0, benchmark), >, header);

  /* Training for the care assistant: one task, two days */
  row = find_row (sheet, 0, receiving);
  g_assert_cmpint (row, >, header);
  g_assert_cmpuint (analysis->training->len, ==, 1);
  g_assert_cmpstr (get_text (sheet, row + 1, 0), ==, profession_name (fixture, "ssa"));
  assert_near (get_number (sheet, row + 1, 1), 1);
  assert_near (get_number (sheet, row + 1, 2), 2.0);

  /* The tasks not estimated, by name, after the heading that counts them */
  {
    g_autofree char *format = NULL;
    g_autofree char *heading = NULL;
    int first;

    tm_language_push ("da");
    format = g_strdup (g_dngettext (GETTEXT_PACKAGE,
                                    "%u task has no time estimate and is not counted in the hours",
                                    "%u tasks have no time estimate and are not counted in the hours",
                                    analysis->n_not_estimated));
    tm_language_pop ();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    heading = g_strdup_printf (format, analysis->n_not_estimated);
#pragma GCC diagnostic pop

    g_assert_cmpuint (analysis->n_not_estimated, ==, 38);
    first = find_row (sheet, 0, heading);
    g_assert_cmpint (first, >, row);
    for (guint i = 0; i < analysis->not_estimated->len; i++)
      g_assert_cmpstr (get_text (sheet, first + 1 + i, 0), ==,
                       tm_task_get_title (g_ptr_array_index (analysis->not_estimated, i)));
    /* The estimated ones are not among them */
    for (guint i = 0; i < 4; i++)
      g_assert_cmpint (find_row (sheet, 0, tm_task_get_title (fixture->tasks[i])), <, 0);
  }
}

/* The fourth sheet: the scenarios side by side, one column each, the rows
 * of tm_comparison_new() with their values as numbers. */
static void
test_scenarios_sheet (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *path = export (fixture, "portfolio.xlsx");
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autoptr(TmComparison) comparison = NULL;
  g_autofree char *fte_freed = danish ("FTE freed");
  g_autofree char *hours_handed_over = danish ("Hours a week handed over");
  GListModel *scenarios = tm_portfolio_get_scenarios (fixture->portfolio);
  int header = -1, row;

  if (!have_unzip ())
    return;

  strings = read_shared_strings (path);
  sheet = read_sheet (path, 4, strings);

  /* A header row with each scenario's name in its column */
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  for (guint r = 0; r < sheet->n_rows && header < 0; r++)
    if (g_strcmp0 (get_text (sheet, r, 1), fixture->scenario_name) == 0)
      header = r;
  g_assert_cmpint (header, >=, 0);
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, s);

      g_assert_cmpstr (get_text (sheet, header, 1 + s), ==, tm_scenario_get_name (scenario));
    }

  /* The nurses hand over first: 9.0 h = 9.0 / 37 FTE in the first scenario
   * (the fixture's), and in the second the example's runner-only moves,
   * worked out from the tasks */
  tm_language_push ("da");
  comparison = tm_comparison_new (fixture->portfolio, NULL, NULL);
  tm_language_pop ();
  {
    g_autoptr(TmScenario) second = g_list_model_get_item (scenarios, 1);
    GListModel *tasks = tm_portfolio_get_tasks (fixture->portfolio);
    double moved = 0;

    for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
      {
        g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
        const TmMove *move = tm_task_data_get_move (tm_task_peek_data (task), tm_scenario_get_id (second));

        if (move != NULL && tm_task_get_hours_per_week (task) > 0)
          moved += tm_task_get_hours_per_week (task) * move->share / 100;
      }
    g_assert_cmpfloat (moved, >, 0);

    row = find_row (sheet, 0, hours_handed_over);
    g_assert_cmpint (row, >, header);
    assert_near (get_number (sheet, row, 1), 9.0);
    assert_near (get_number (sheet, row, 2), moved);
    row = find_row (sheet, 0, fte_freed);
    g_assert_cmpint (row, >, header);
    assert_near (get_number (sheet, row, 1), 9.0 / 37);
    assert_near (get_number (sheet, row, 2), moved / 37);
  }

  /* Every row of the comparison is there, in order */
  row = header + 1;
  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const TmComparisonRow *cr = g_ptr_array_index (comparison->rows, r);

      while (row < (int) sheet->n_rows && g_strcmp0 (get_text (sheet, row, 0), cr->label) != 0)
        row++;
      if (row >= (int) sheet->n_rows)
        g_error ("The row “%s” is missing or out of order", cr->label);
      for (guint s = 0; s < 2 && cr->kind != TM_COMPARISON_SECTION; s++)
        if (!isnan (cr->values[s]))
          assert_near (get_number (sheet, row, 1 + s), cr->values[s]);
      row++;
    }

  /* With one scenario there is nothing to compare: three sheets */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(TmScenario) second = g_list_model_get_item (scenarios, 1);
    g_autofree char *single = NULL;
    xmlDocPtr doc;
    guint n_sheets = 0;

    CHECK_OK (tm_portfolio_delete_scenario (fixture->portfolio, second, &error));
    single = export (fixture, "single.xlsx");
    doc = parse_entry (single, "xl/workbook.xml");
    for (xmlNodePtr n = find_child (find_child (xmlDocGetRootElement (doc), "sheets"), "sheet");
         n != NULL; n = n->next)
      n_sheets += is_element (n, "sheet");
    xmlFreeDoc (doc);
    g_assert_cmpuint (n_sheets, ==, 3);
  }
}

/* Only @name (or nothing, for NULL) is left in @dir. */
static void
assert_dir_holds (const char *dir,
                  const char *name)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    {
      if (g_strcmp0 (entry, name) != 0)
        g_error ("%s was left in %s", entry, dir);
      n++;
    }
  g_assert_cmpuint (n, ==, name ? 1 : 0);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "portfolio.xlsx", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "a-folder.xlsx", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "good.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (missing);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);

  /* A folder that does not exist: an error naming the file, nothing written */
  g_assert_false (tm_xlsx_export (fixture->portfolio, fixture->scenario_id, file, &error));
  /* Writing goes through the atomic writer (tm-atomic.h), whose errors say
   * what went wrong (tm-xlsx.h still promises TM_EXPORT_ERROR here) */
  g_assert_error (error, TM_ATOMIC_ERROR, TM_ATOMIC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  assert_dir_holds (fixture->dir, NULL);

  /* A target that cannot be replaced (a folder): the workbook written beside
   * it is removed again */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_false (tm_xlsx_export (fixture->portfolio, fixture->scenario_id, folder_file, &error));
  g_assert_error (error, TM_ATOMIC_ERROR, TM_ATOMIC_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, folder));
  g_clear_error (&error);
  assert_dir_holds (fixture->dir, "a-folder.xlsx");
  g_rmdir (folder);

  /* A scenario that does not exist */
  g_assert_false (tm_xlsx_export (fixture->portfolio, "no-such-scenario", good_file, &error));
  g_assert_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, good));
  g_clear_error (&error);
  assert_dir_holds (fixture->dir, NULL);

  /* NULL: the first scenario */
  CHECK_OK (tm_xlsx_export (fixture->portfolio, NULL, good_file, &error));
  assert_dir_holds (fixture->dir, "good.xlsx");
}

static void
test_deterministic (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *a = export (fixture, "a.xlsx");
  g_autofree char *b = export (fixture, "b.xlsx");
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;
  g_autofree char *data_c = NULL;
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  gsize len_a, len_b, len_c;

  data_a = read_file (a, &len_a);
  data_b = read_file (b, &len_b);
  g_assert_cmpmem (data_a, len_a, data_b, len_b);

  /* Exporting over an existing file replaces it */
  g_assert_true (g_file_set_contents (b, "old contents", -1, NULL));
  g_free (export (fixture, "b.xlsx"));
  g_free (data_b);
  data_b = read_file (b, &len_b);
  g_assert_cmpmem (data_a, len_a, data_b, len_b);

  /* SOURCE_DATE_EPOCH, when set, is the date */
  if (unzip != NULL)
    {
      g_autofree char *core = NULL;
      g_autofree char *d = NULL;

      g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);
      d = export (fixture, "d.xlsx");
      g_unsetenv ("SOURCE_DATE_EPOCH");
      core = read_entry (d, "docProps/core.xml");
      g_assert_nonnull (strstr (core, "2023-11-14T22:13:20Z"));
    }

  /* A change to the portfolio changes the file */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *c = NULL;

    CHECK_OK (tm_portfolio_set_unit (fixture->portfolio, "Another unit",
                                     tm_portfolio_get_organisation (fixture->portfolio),
                                     tm_portfolio_get_setting (fixture->portfolio),
                                     tm_portfolio_get_notes (fixture->portfolio), &error));
    c = export (fixture, "c.xlsx");
    data_c = read_file (c, &len_c);
    g_assert_false (len_a == len_c && memcmp (data_a, data_c, len_a) == 0);
  }
}

/* A portfolio kept in a file: the workbook's date is the file's last change,
 * the same for two exports. */
static void
test_deterministic_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-xlsx-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "unit.taskmap", NULL);
  g_autofree char *a = g_build_filename (dir, "a.xlsx", NULL);
  g_autofree char *b = g_build_filename (dir, "b.xlsx", NULL);
  g_autoptr(GFile) db_file = g_file_new_for_path (db);
  g_autoptr(GFile) a_file = g_file_new_for_path (a);
  g_autoptr(GFile) b_file = g_file_new_for_path (b);
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  TmTask *tasks[4];
  gsize len_a, len_b;

  g_assert_no_error (error);
  portfolio = tm_example_create (db_file, TM_COUNTRY_NO, &error);
  g_assert_no_error (error);
  prepare_portfolio (portfolio, tasks);

  CHECK_OK (tm_xlsx_export (portfolio, NULL, a_file, &error));
  g_usleep (1100 * 1000);   /* a second later: the date must not follow the clock */
  CHECK_OK (tm_xlsx_export (portfolio, NULL, b_file, &error));
  data_a = read_file (a, &len_a);
  data_b = read_file (b, &len_b);
  g_assert_cmpmem (data_a, len_a, data_b, len_b);

  /* Norwegian sheet names */
  if (unzip != NULL)
    {
      g_autofree char *workbook = read_entry (a, "xl/workbook.xml");
      g_autofree char *summary = NULL;
      g_autofree char *quoted = NULL;

      tm_language_push ("nb");
      summary = g_markup_escape_text (g_dpgettext2 (GETTEXT_PACKAGE, "sheet name", "Summary"), -1);
      tm_language_pop ();
      quoted = g_strdup_printf ("name=\"%s\"", summary);
      g_assert_nonnull (strstr (workbook, quoted));
    }

  tm_portfolio_close (portfolio);
  g_clear_object (&portfolio);
  tm_test_rm_rf (dir);
}

/* A locale with a decimal comma, or NULL. Debian's containers often have
 * none installed; build one with localedef into @dir when possible. */
static char *
find_comma_locale (const char *dir)
{
  const char *candidates[] = { "da_DK.UTF-8", "nb_NO.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *localedef = g_find_program_in_path ("localedef");

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (setlocale (LC_NUMERIC, candidates[i]) != NULL)
      {
        setlocale (LC_NUMERIC, saved);
        return g_strdup (candidates[i]);
      }

  if (localedef != NULL && g_file_test ("/usr/share/i18n/locales/da_DK", G_FILE_TEST_EXISTS))
    {
      g_autofree char *out = g_build_filename (dir, "da_DK.UTF-8", NULL);
      const char *argv[] = { localedef, "-i", "da_DK", "-f", "UTF-8", out, NULL };
      int status;

      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) &&
          g_file_test (out, G_FILE_TEST_IS_DIR))
        {
          gboolean ok;

          /* glibc reads LOCPATH at each setlocale(); once loaded the locale
           * stays, so unset it at once for the other categories. */
          g_setenv ("LOCPATH", dir, TRUE);
          ok = setlocale (LC_NUMERIC, "da_DK.UTF-8") != NULL;
          g_unsetenv ("LOCPATH");
          if (ok)
            {
              setlocale (LC_NUMERIC, saved);
              return g_strdup ("da_DK.UTF-8@LOCPATH");
            }
        }
    }
  return NULL;
}

/* In a Danish locale printf() writes 3,5: the workbook must still hold 3.5. */
static void
test_decimal_comma (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *locale = find_comma_locale (fixture->dir);
  g_autofree char *path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(Sheet) sheet = NULL;
  g_autofree char *check = NULL;

  if (locale == NULL)
    {
      if (require ("TASKMAP_REQUIRE_TOOLS"))
        g_error ("No locale with a decimal comma, and no localedef to make one");
      g_test_skip ("No locale with a decimal comma");
      return;
    }
  if (!have_unzip ())
    return;

  if (g_str_has_suffix (locale, "@LOCPATH"))
    {
      g_setenv ("LOCPATH", fixture->dir, TRUE);
      g_assert_nonnull (setlocale (LC_NUMERIC, "da_DK.UTF-8"));
      g_unsetenv ("LOCPATH");
    }
  else
    g_assert_nonnull (setlocale (LC_NUMERIC, locale));

  check = g_strdup_printf ("%.1f", 3.5);
  g_assert_cmpstr (check, ==, "3,5");

  path = export (fixture, "portfolio.xlsx");
  setlocale (LC_NUMERIC, saved);

  /* No number with a comma, neither in cells nor in attributes */
  xml = read_entry (path, "xl/worksheets/sheet1.xml");
  g_assert_false (g_regex_match_simple ("[>\"]-?[0-9]+,[0-9]", xml, 0, 0));
  strings = read_shared_strings (path);
  sheet = read_sheet (path, 1, strings);   /* asserts every number reads in the C locale */
  assert_near (get_number (sheet, 3, 8), 3.5);
  g_free (xml);
  xml = read_entry (path, "xl/worksheets/sheet3.xml");
  g_assert_false (g_regex_match_simple ("[>\"]-?[0-9]+,[0-9]", xml, 0, 0));
}

static void
test_sheet_names (void)
{
  const char *taken[] = { "Opgaver", "MATRIX", "Matrix 2", NULL };
  struct {
    const char *wanted;
    const char *expected;
  } cases[] = {
    { "Oversikt", "Oversikt" },
    { "Opgaver", "Opgaver 2" },
    { "matrix", "matrix 3" },
    { "Tasks [all]: a/b\\c?*", "Tasks -all-- a-b-c--" },
    { "'Quoted'", "Quoted" },
    { "  ", "Fallback" },
    { NULL, "Fallback" },
    { "Opgaver, der er ret lange, med æøå og mere end 31 tegn", "Opgaver, der er ret lange, med" },
    { "Tab\there", "Tab here" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = tm_xlsx_make_sheet_name (cases[i].wanted, "Fallback", taken);

      g_assert_cmpstr (name, ==, cases[i].expected);
      g_assert_cmpint (g_utf8_strlen (name, -1), <=, 31);
    }

  /* 31 characters taken: the number replaces the end */
  {
    g_autoptr(GString) full = g_string_new (NULL);
    const char *long_taken[2] = { NULL, NULL };
    g_autofree char *name = NULL;

    for (guint i = 0; i < 31; i++)
      g_string_append (full, "æ");
    long_taken[0] = full->str;
    name = tm_xlsx_make_sheet_name (full->str, "Fallback", long_taken);
    g_assert_cmpint (g_utf8_strlen (name, -1), ==, 31);
    g_assert_true (g_str_has_suffix (name, "æ 2"));
  }

  /* No names taken */
  {
    g_autofree char *name = tm_xlsx_make_sheet_name ("Summary", "Fallback", NULL);

    g_assert_cmpstr (name, ==, "Summary");
  }
}

static void
test_unsupported (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmPortfolio) portfolio = tm_example_create (NULL, TM_COUNTRY_DK, &error);
  g_autoptr(GFile) file = g_file_new_for_path ("never-written.xlsx");

  g_assert_no_error (error);
  g_assert_false (tm_xlsx_export (portfolio, NULL, file, &error));
  g_assert_error (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED);
  g_assert_false (g_file_test ("never-written.xlsx", G_FILE_TEST_EXISTS));
  if (require ("TASKMAP_REQUIRE_TOOLS"))
    g_error ("Built without libxlsxwriter");
  g_test_skip ("Built without libxlsxwriter");
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  /* The document date must come from the portfolio in these tests */
  g_unsetenv ("SOURCE_DATE_EPOCH");

  g_test_add_func ("/core/xlsx/sheet-names", test_sheet_names);

  if (!tm_xlsx_is_supported ())
    {
      g_test_add_func ("/core/xlsx/unsupported", test_unsupported);
      return g_test_run ();
    }

  g_test_add ("/core/xlsx/zip", Fixture, NULL, fixture_setup, test_zip, fixture_teardown);
  g_test_add ("/core/xlsx/workbook", Fixture, NULL, fixture_setup, test_workbook, fixture_teardown);
  g_test_add ("/core/xlsx/catalogue", Fixture, NULL, fixture_setup, test_catalogue, fixture_teardown);
  g_test_add ("/core/xlsx/matrix", Fixture, NULL, fixture_setup, test_matrix, fixture_teardown);
  g_test_add ("/core/xlsx/summary", Fixture, NULL, fixture_setup, test_summary, fixture_teardown);
  g_test_add ("/core/xlsx/scenarios", Fixture, NULL, fixture_setup, test_scenarios_sheet, fixture_teardown);
  g_test_add ("/core/xlsx/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/core/xlsx/deterministic", Fixture, NULL, fixture_setup, test_deterministic, fixture_teardown);
  g_test_add_func ("/core/xlsx/deterministic-file", test_deterministic_file);
  g_test_add ("/core/xlsx/decimal-comma", Fixture, NULL, fixture_setup, test_decimal_comma, fixture_teardown);

  return g_test_run ();
}
