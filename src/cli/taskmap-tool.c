/* taskmap-tool.c
 * The headless front end over the Taskmap core, for scripts and regional HR.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "taskmap-tool"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

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

/* @max_args < 0: no upper bound. */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int              min_args,
               int              max_args,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }

  if (*argc - 1 < min_args || (max_args >= 0 && *argc - 1 > max_args))
    {
      *status = usage_error (context, _("Wrong number of arguments."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_country (const char *country_id,
               TmCountry  *country)
{
  *country = TM_COUNTRY_DK;
  return country_id == NULL || tm_country_from_id (country_id, country);
}

/* Writes @data to standard output; a full disk or a closed pipe is an error
 * the script must see. */
static int
write_stdout (const char *data,
              gsize       length)
{
  if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      /* Translators: %s is the system's description of the error */
      g_printerr (_("Could not write to standard output: %s\n"), g_strerror (saved_errno));
      return EXIT_BAD_INPUT;
    }
  return EXIT_OK;
}

/* Prints @rows (each a NULL-terminated array of as many cells as @align has
 * characters: 'l' left-aligned, 'r' right-aligned), padding by characters
 * rather than bytes so that names such as "Ufaglært medarbejder" line up. */
static void
print_table (GPtrArray  *rows,
             const char *align,
             const char *indent)
{
  guint n_columns = strlen (align);
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      /* A row of one cell is a heading across the table: it does not widen the first column. */
      if (cells[0] != NULL && cells[1] == NULL && n_columns > 1)
        continue;
      for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (cells[c], -1));
    }

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      g_autoptr(GString) line = g_string_new (indent);

      for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
        {
          glong pad = widths[c] - g_utf8_strlen (cells[c], -1);

          if (c > 0)
            g_string_append (line, "  ");
          if (align[c] == 'r')
            {
              for (glong i = 0; i < pad; i++)
                g_string_append_c (line, ' ');
              g_string_append (line, cells[c]);
            }
          else
            {
              g_string_append (line, cells[c]);
              /* No trailing spaces after the last cell. */
              if (c + 1 < n_columns && cells[c + 1] != NULL)
                for (glong i = 0; i < pad; i++)
                  g_string_append_c (line, ' ');
            }
        }
      g_print ("%s\n", line->str);
    }
}

static char **
row_new (const char *first,
         ...)
{
  GPtrArray *cells = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *cell = first; cell != NULL; cell = va_arg (args, const char *))
    g_ptr_array_add (cells, g_strdup (cell));
  va_end (args);
  g_ptr_array_add (cells, NULL);
  return (char **) g_ptr_array_free (cells, FALSE);
}

static char *
format_hours (double hours)
{
  return g_strdup_printf ("%.1f", hours);
}

/* A portfolio file this command created and must remove again when the
 * command fails, so that a refused import leaves nothing behind. */
static void
discard_new_portfolio (TmPortfolio **portfolio,
                       GFile        *file)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
  g_autofree char *path = g_file_get_path (file);

  if (*portfolio != NULL)
    tm_portfolio_close (*portfolio);
  g_clear_object (portfolio);
  g_file_delete (file, NULL, NULL);

  for (guint i = 0; path != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sibling = g_strconcat (path, suffixes[i], NULL);

      g_unlink (sibling);
    }
}

static TmScenario *
find_scenario (TmPortfolio *portfolio,
               const char  *name)
{
  GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

      if (name == NULL || g_strcmp0 (name, tm_scenario_get_name (scenario)) == 0 ||
          g_strcmp0 (name, tm_scenario_get_id (scenario)) == 0)
        return scenario; /* the portfolio keeps its own reference */
    }

  return NULL;
}

static void
print_no_scenario (const char *name)
{
  /* Translators: %s is a scenario's name */
  g_printerr (_("The portfolio has no scenario called “%s”.\n"), name);
}

/* new */

static int
cmd_new (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE.taskmap — create a portfolio"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *country_id = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *language = NULL;
  gboolean example = FALSE;
  GError *error = NULL;
  TmCountry country = TM_COUNTRY_DK;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "country", 0, 0, G_OPTION_ARG_STRING, &country_id, N_("dk or no (default dk)"), "COUNTRY" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit's name"), "NAME" },
    { "example", 0, 0, G_OPTION_ARG_NONE, &example, N_("Start from the bundled example"), NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("da, nb or en: the language of the example, the exports and the report (default: the country’s)"),
      "LANGUAGE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, 1, &status))
    return status;

  if (!parse_country (country_id, &country))
    return usage_error (context, _("The country must be “dk” or “no”."));
  if (language != NULL && !tm_language_id_is_valid (language))
    return usage_error (context, _("The language must be “da”, “nb” or “en”."));

  file = g_file_new_for_commandline_arg (argv[1]);
  if (example && language != NULL)
    portfolio = tm_example_create_in_language (file, language, &error);
  else if (example)
    portfolio = tm_example_create (file, country, &error);
  else
    portfolio = tm_portfolio_create (file, country, unit ? unit : "", &error);
  if (portfolio == NULL)
    return fail (error);

  if (!example && language != NULL && !tm_portfolio_set_language (portfolio, language, &error))
    return fail (error);

  if (example && unit != NULL &&
      !tm_portfolio_set_unit (portfolio, unit, tm_portfolio_get_organisation (portfolio),
                              tm_portfolio_get_setting (portfolio),
                              tm_portfolio_get_notes (portfolio), &error))
    return fail (error);

  return EXIT_OK;
}

/* import */

typedef enum {
  INPUT_XML,
  INPUT_CSV,
} InputKind;

/* XML when the text begins with "<" (after a byte order mark and blank
 * space) or the name ends in .xml; anything else goes to the CSV reader,
 * whose detection of encoding and separator and whose messages suit
 * spreadsheets best. */
static gboolean
detect_input_kind (GFile      *input,
                   InputKind  *kind,
                   GError    **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *basename = g_file_get_basename (input);
  g_autofree char *name = basename ? g_ascii_strdown (basename, -1) : NULL;
  guchar head[512];
  gssize length;
  gsize i = 0;
  gsize step = 1;

  stream = g_file_read (input, NULL, error);
  if (stream == NULL)
    return FALSE;
  length = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, error);
  if (length < 0)
    return FALSE;

  /* In UTF-16, an ASCII character is one byte of two: look at that one. */
  if (length >= 3 && head[0] == 0xef && head[1] == 0xbb && head[2] == 0xbf)
    i = 3;
  else if (length >= 2 && head[0] == 0xff && head[1] == 0xfe)
    {
      i = 2;
      step = 2;
    }
  else if (length >= 2 && head[0] == 0xfe && head[1] == 0xff)
    {
      i = 3;
      step = 2;
    }

  while (i < (gsize) length && g_ascii_isspace (head[i]))
    i += step;

  if (i < (gsize) length && head[i] == '<')
    *kind = INPUT_XML;
  else if (name != NULL && g_str_has_suffix (name, ".xml"))
    *kind = INPUT_XML;
  else
    *kind = INPUT_CSV;

  return TRUE;
}

/* The country a portfolio file says it is for; only called on data the core
 * has accepted, so it has no DOCTYPE and is well-formed. */
static gboolean
peek_xml_country (const char *data,
                  gsize       length,
                  TmCountry  *country)
{
  xmlDoc *doc = xmlReadMemory (data, (int) length, NULL, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlNode *root = doc ? xmlDocGetRootElement (doc) : NULL;
  xmlChar *id = root ? xmlGetProp (root, (const xmlChar *) "country") : NULL;
  gboolean found = id != NULL && tm_country_from_id ((const char *) id, country);

  xmlFree (id);
  xmlFreeDoc (doc);
  return found;
}

static void
print_conflict (TmMergePlan *plan,
                guint        item,
                gboolean     to_stderr)
{
  const TmTaskData *theirs = tm_merge_plan_get_theirs (plan, item);
  TmTask *mine = tm_merge_plan_get_mine (plan, item);
  g_autofree char *differences = tm_merge_plan_describe_differences (plan, item);

  /* Translators: the first %s is a file name, the second a task's title,
   * the third its id (a UUID), the fourth the list of what differs between
   * the file's copy and the portfolio's, e.g. "title, time" */
  g_autofree char *line = g_strdup_printf (_("%s: task “%s” (%s): conflict: %s"),
                                           tm_merge_plan_get_display_name (plan),
                                           mine ? tm_task_get_title (mine) : theirs->title,
                                           mine ? tm_task_get_uuid (mine) : theirs->uuid,
                                           differences ? differences : "");

  if (to_stderr)
    g_printerr ("%s\n", line);
  else
    g_print ("%s\n", line);
}

static void
print_import_result (guint         n_added,
                     guint         n_updated,
                     guint         n_conflicts,
                     TmMergeChoice choice)
{
  g_autoptr(GPtrArray) sentences = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *line = NULL;

  /* Each count is a sentence of its own, so that each can take its plural. */
  if (n_added > 0 || (n_updated == 0 && n_conflicts == 0))
    g_ptr_array_add (sentences, g_strdup_printf (ngettext ("%u task added.", "%u tasks added.",
                                                           n_added), n_added));
  if (n_updated > 0)
    g_ptr_array_add (sentences, g_strdup_printf (ngettext ("%u task updated.", "%u tasks updated.",
                                                           n_updated), n_updated));
  if (n_conflicts > 0 && choice == TM_MERGE_KEEP_MINE)
    g_ptr_array_add (sentences,
                     g_strdup_printf (ngettext ("%u conflict kept as it was.",
                                                "%u conflicts kept as they were.",
                                                n_conflicts), n_conflicts));
  else if (n_conflicts > 0)
    g_ptr_array_add (sentences,
                     g_strdup_printf (ngettext ("%u conflict resolved with the file’s copy.",
                                                "%u conflicts resolved with the file’s copies.",
                                                n_conflicts), n_conflicts));

  g_ptr_array_add (sentences, NULL);
  line = g_strjoinv (" ", (char **) sentences->pdata);
  g_print ("%s\n", line);
}

/* Into a portfolio file that does not exist yet: a plain import, which also
 * brings the unit's details, in the country the file names unless
 * --country says otherwise. */
static int
import_xml_new (GFile      *file,
                GFile      *input,
                const char *country_id)
{
  g_autoptr(TmPortfolio) scratch = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *name = g_file_get_basename (input);
  g_autofree char *data = NULL;
  TmCountry country = TM_COUNTRY_DK;
  GError *error = NULL;
  gsize length = 0;

  if (!g_file_load_contents (input, NULL, &data, &length, NULL, &error))
    return fail (error);

  /* Checked in memory first, so that a refused file creates nothing. */
  scratch = tm_portfolio_create (NULL, TM_COUNTRY_DK, "", &error);
  if (scratch == NULL || !tm_xml_import_data (scratch, data, length, name, &error))
    return fail (error);

  if (country_id == NULL || !tm_country_from_id (country_id, &country))
    peek_xml_country (data, length, &country);

  portfolio = tm_portfolio_create (file, country, "", &error);
  if (portfolio == NULL)
    return fail (error);
  if (!tm_xml_import_data (portfolio, data, length, name, &error))
    {
      discard_new_portfolio (&portfolio, file);
      return fail (error);
    }

  print_import_result (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), 0, 0,
                       TM_MERGE_KEEP_MINE);
  return EXIT_OK;
}

static int
import_xml (GFile      *file,
            GFile      *input,
            const char *country_id,
            gboolean    keep_mine,
            gboolean    take_theirs,
            gboolean    dry_run)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(TmMergePlan) plan = NULL;
  GError *error = NULL;
  guint n_conflicts;
  guint n_added;
  guint n_updated;

  if (g_file_query_exists (file, NULL))
    portfolio = tm_portfolio_open (file, &error);
  else if (dry_run)
    portfolio = tm_portfolio_create (NULL, TM_COUNTRY_DK, "", &error);
  else
    return import_xml_new (file, input, country_id);
  if (portfolio == NULL)
    return fail (error);

  /* An empty portfolio (just made with "new") takes the file as it is,
   * with the unit's details and the file's scenarios, as it always did. */
  if (!dry_run && g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)) == 0)
    {
      if (!tm_xml_import_file (portfolio, input, &error))
        return fail (error);
      print_import_result (g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)), 0, 0,
                           TM_MERGE_KEEP_MINE);
      return EXIT_OK;
    }

  plan = tm_merge_plan_new_for_file (portfolio, input, &error);
  if (plan == NULL)
    return fail (error);

  n_added = tm_merge_plan_count (plan, TM_MERGE_ADDED);
  n_updated = tm_merge_plan_count (plan, TM_MERGE_UPDATED);
  n_conflicts = tm_merge_plan_count (plan, TM_MERGE_CONFLICT);

  if (dry_run)
    {
      for (guint kind = 0; kind < TM_N_MERGE_KINDS; kind++)
        g_print ("%s: %u\n", tm_merge_kind_get_label (kind), tm_merge_plan_count (plan, kind));
      for (guint i = 0; i < tm_merge_plan_get_n_items (plan); i++)
        if (tm_merge_plan_get_kind (plan, i) == TM_MERGE_CONFLICT)
          print_conflict (plan, i, FALSE);
      return EXIT_OK;
    }

  if (n_conflicts > 0 && !keep_mine && !take_theirs)
    {
      for (guint i = 0; i < tm_merge_plan_get_n_items (plan); i++)
        if (tm_merge_plan_get_kind (plan, i) == TM_MERGE_CONFLICT)
          print_conflict (plan, i, TRUE);

      g_printerr (ngettext ("%u conflict: nothing was imported. Choose with --keep-mine or "
                            "--take-theirs.\n",
                            "%u conflicts: nothing was imported. Choose with --keep-mine or "
                            "--take-theirs.\n", n_conflicts), n_conflicts);
      return EXIT_BAD_INPUT;
    }

  tm_merge_plan_set_conflict_choice (plan, take_theirs ? TM_MERGE_TAKE_THEIRS : TM_MERGE_KEEP_MINE);
  if (!tm_merge_plan_apply (plan, &error))
    return fail (error);

  if (n_added + n_updated + n_conflicts == 0)
    g_print ("%s\n", _("Nothing to import: the portfolio has every task as it is in the file."));
  else
    print_import_result (n_added, n_updated, n_conflicts,
                         take_theirs ? TM_MERGE_TAKE_THEIRS : TM_MERGE_KEEP_MINE);
  return EXIT_OK;
}

/* The column @spec names: its header as written (case aside), or its
 * number counted from 1. -1 when there is none. */
static int
find_column (TmCsvTable *table,
             const char *spec)
{
  guint n_columns = tm_csv_table_get_n_columns (table);
  g_autofree char *wanted = g_utf8_casefold (spec, -1);
  guint64 number = 0;

  for (guint c = 0; c < n_columns; c++)
    if (g_str_equal (tm_csv_table_get_header (table, c), spec))
      return c;

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *header = g_utf8_casefold (tm_csv_table_get_header (table, c), -1);

      if (g_str_equal (header, wanted))
        return c;
    }

  if (g_ascii_string_to_unsigned (spec, 10, 1, n_columns, &number, NULL))
    return (int) number - 1;

  return -1;
}

/* "ignore, title, description, …", in lines that fit a terminal. */
static char *
list_field_ids (void)
{
  GString *ids = g_string_new (NULL);
  gsize line_start = 0;

  for (guint f = 0; f < TM_CSV_N_FIELDS; f++)
    {
      const char *id = tm_csv_field_to_id (f);

      if (f > 0)
        {
          g_string_append_c (ids, ',');
          if (ids->len - line_start + strlen (id) + 2 > 66)
            {
              g_string_append_c (ids, '\n');
              line_start = ids->len;
            }
          else
            g_string_append_c (ids, ' ');
        }
      g_string_append (ids, id);
    }

  return g_string_free (ids, FALSE);
}

/* Applies the --map options to @mapping. A field the user gives a column
 * is taken from the column the headers suggested for it, so that each
 * field is still imported from one column at most. */
static int
apply_map_options (GOptionContext *context,
                   TmCsvTable     *table,
                   TmCsvField     *mapping,
                   char          **maps)
{
  guint n_columns = tm_csv_table_get_n_columns (table);
  g_autofree gboolean *given = g_new0 (gboolean, n_columns);

  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      const char *equals = strrchr (maps[i], '=');
      g_autofree char *column_spec = NULL;
      TmCsvField field;
      int column;

      if (equals == NULL || equals == maps[i])
        {
          /* Translators: %s is what the user gave to --map */
          g_autofree char *message = g_strdup_printf (_("“%s” is not COLUMN=FIELD."), maps[i]);
          return usage_error (context, message);
        }

      if (!tm_csv_field_from_id (equals + 1, &field))
        {
          g_autofree char *ids = list_field_ids ();
          /* Translators: the first %s is what the user wrote, the second the list of the fields */
          g_autofree char *message = g_strdup_printf (_("“%s” is not a field. The fields are: %s."),
                                                      equals + 1, ids);
          return usage_error (context, message);
        }

      column_spec = g_strndup (maps[i], equals - maps[i]);
      column = find_column (table, column_spec);
      if (column < 0)
        {
          /* Translators: the first %s is a file name, the second a column's header or number */
          g_printerr (_("%s: no column “%s”.\n"), tm_csv_table_get_display_name (table),
                      column_spec);
          return EXIT_BAD_INPUT;
        }

      for (guint c = 0; c < n_columns; c++)
        {
          if (field == TM_CSV_FIELD_IGNORE || mapping[c] != field || (int) c == column)
            continue;
          if (given[c])
            {
              /* Translators: %s is the id of a field, e.g. "title" */
              g_autofree char *message = g_strdup_printf (_("The field “%s” is given to two columns."),
                                                          equals + 1);
              return usage_error (context, message);
            }
          mapping[c] = TM_CSV_FIELD_IGNORE;
        }

      mapping[column] = field;
      given[column] = TRUE;
    }

  return EXIT_OK;
}

static void
print_csv_plan (TmCsvTable       *table,
                const TmCsvField *mapping)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  /* Translators: %s is e.g. "Windows-1252" or "UTF-8 with BOM" */
  g_print (_("Encoding: %s\n"), tm_csv_table_get_encoding (table));
  /* Translators: %s is e.g. "Semicolon (;)" */
  g_print (_("Separator: %s\n"), tm_csv_table_get_separator_label (table));
  g_print (_("Rows: %u\n"), tm_csv_table_get_n_rows (table));
  g_print ("\n");

  g_ptr_array_add (rows, row_new (_("Column"), _("Header"), _("Field"), NULL));
  for (guint c = 0; c < tm_csv_table_get_n_columns (table); c++)
    {
      g_autofree char *number = g_strdup_printf ("%u", c + 1);

      g_ptr_array_add (rows, row_new (number, tm_csv_table_get_header (table, c),
                                      tm_csv_field_to_id (mapping[c]), NULL));
    }
  print_table (rows, "rll", "");
}

/* What an import left out, and how many tasks got a time: said after every import. */
static void
print_csv_outcome (const TmCsvImportResult *result)
{
  for (guint i = 0; result->ignored_columns != NULL && i < result->ignored_columns->len; i++)
    /* Translators: %s is a column, e.g. “Ansvarlig” or a column letter such as C */
    g_print (_("Column %s was not imported.\n"), (const char *) g_ptr_array_index (result->ignored_columns, i));
  g_print (ngettext ("%u task got a time", "%u tasks got a time", result->n_with_time), result->n_with_time);
  g_print ("; ");
  g_print (ngettext ("%u has no time estimate.\n", "%u have no time estimate.\n", result->n_without_time),
           result->n_without_time);
}

static int
import_csv (GOptionContext *context,
            GFile          *file,
            GFile          *input,
            const char     *country_id,
            char          **maps,
            const char     *per_id,
            gboolean        dry_run)
{
  g_autoptr(TmCsvTable) table = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree TmCsvField *mapping = NULL;
  TmCsvImportResult result = { 0 };
  GError *error = NULL;
  gboolean created = FALSE;
  gboolean from_preset = FALSE;
  TmCountry country = TM_COUNTRY_DK;
  guint n_columns;
  int per = -1;
  int status;

  if (per_id != NULL)
    {
      TmPer value;

      if (!tm_per_from_id (per_id, &value))
        return usage_error (context, _("--per must be day, week, month, year or shift."));
      per = value;
    }

  table = tm_csv_read_file (input, &error);
  if (table == NULL)
    return fail (error);

  n_columns = tm_csv_table_get_n_columns (table);
  mapping = g_memdup2 (tm_csv_table_get_suggested_mapping (table), n_columns * sizeof *mapping);
  /* The columns chosen the last time for these headers, unless chosen now. */
  if (maps == NULL)
    {
      int preset_per = -1;

      from_preset = tm_csv_table_load_preset (table, mapping, &preset_per);
      if (from_preset && per < 0)
        per = preset_per;
    }
  status = apply_map_options (context, table, mapping, maps);
  if (status != EXIT_OK)
    return status;

  if (dry_run)
    {
      g_autoptr(GPtrArray) ignored = tm_csv_table_dup_ignored_columns (table, mapping);
      int header_per = tm_csv_table_get_count_period (table, mapping);

      if (from_preset)
        g_print ("%s\n", _("The columns are mapped as they were the last time a file with these headers was imported."));
      print_csv_plan (table, mapping);
      gboolean needs_period = header_per < 0 && tm_csv_table_needs_period (table, mapping) && per < 0;

      if (header_per >= 0)
        /* Translators: %s is e.g. "per week" */
        g_print (_("Counts are %s (from the count's header).\n"), tm_per_get_label (header_per));
      else if (per >= 0)
        g_print (_("Counts without a period of their own are %s.\n"), tm_per_get_label (per));
      for (guint i = 0; i < ignored->len; i++)
        g_print (_("Column %s will not be imported.\n"), (const char *) g_ptr_array_index (ignored, i));
      /* The import would be refused: a script checking first is told so. */
      if (needs_period)
        {
          g_printerr ("%s\n", _("The counts are not said to be per day, week, month or year: give --per to say which."));
          return EXIT_BAD_INPUT;
        }
      return EXIT_OK;
    }

  if (tm_csv_table_needs_period (table, mapping) && per < 0)
    {
      /* Translators: %s is a file name */
      g_printerr (_("%s: the counts are not said to be per day, week, month or year, and Taskmap does "
                    "not guess. Give --per day, --per week, --per month or --per year (or a column "
                    "that says it).\n"), tm_csv_table_get_display_name (table));
      return EXIT_BAD_INPUT;
    }

  if (g_file_query_exists (file, NULL))
    portfolio = tm_portfolio_open (file, &error);
  else
    {
      /* A new portfolio is of the file's country, or else the user's. */
      if (country_id != NULL)
        parse_country (country_id, &country);
      else if (tm_csv_table_guess_country (table, &country))
        g_print (country == TM_COUNTRY_NO
                 ? _("Creating a Norwegian portfolio: the file's words are Norwegian.\n")
                 : _("Creating a Danish portfolio: the file's words are Danish.\n"));
      else
        {
          country = g_str_equal (tm_language_get_current (), "nb") ? TM_COUNTRY_NO : TM_COUNTRY_DK;
          g_print (country == TM_COUNTRY_NO
                   ? _("Creating a Norwegian portfolio, as your language is Norwegian (give --country to choose).\n")
                   : _("Creating a Danish portfolio (give --country no for a Norwegian one).\n"));
        }
      portfolio = tm_portfolio_create (file, country, "", &error);
      created = TRUE;
    }
  if (portfolio == NULL)
    return fail (error);

  if (!tm_csv_import_full (portfolio, table, mapping, per, &result, &error))
    {
      if (created)
        discard_new_portfolio (&portfolio, file);
      return fail (error);
    }

  /* Remembered for the next file with these headers. */
  if (maps != NULL || per_id != NULL)
    tm_csv_table_save_preset (table, mapping, per, NULL);

  print_import_result (result.n_imported, 0, 0, TM_MERGE_KEEP_MINE);
  print_csv_outcome (&result);
  tm_csv_import_result_clear (&result);
  return EXIT_OK;
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE.taskmap INPUT.xml|INPUT.csv — add tasks to a portfolio "
                            "(creates FILE if missing)"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) input = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *country_id = NULL;
  g_autofree char *field_ids = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *per_id = NULL;
  gboolean keep_mine = FALSE;
  gboolean take_theirs = FALSE;
  gboolean dry_run = FALSE;
  TmCountry country = TM_COUNTRY_DK;
  InputKind kind = INPUT_XML;
  GError *error = NULL;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "country", 0, 0, G_OPTION_ARG_STRING, &country_id,
      N_("dk or no, for a new FILE (default: the file’s country, else your language’s)"), "COUNTRY" },
    { "keep-mine", 0, 0, G_OPTION_ARG_NONE, &keep_mine,
      N_("Where a task differs and the file’s copy is not newer, keep the portfolio’s"), NULL },
    { "take-theirs", 0, 0, G_OPTION_ARG_NONE, &take_theirs,
      N_("Where a task differs and the file’s copy is not newer, take the file’s"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("CSV: import COLUMN (header or number from 1) as FIELD; repeatable"), "COLUMN=FIELD" },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Show what would be imported and change nothing"), NULL },
    { "per", 0, 0, G_OPTION_ARG_STRING, &per_id,
      N_("CSV: counts without a period of their own are per day, week, month, year or shift"),
      "PERIOD" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  field_ids = list_field_ids ();
  /* Translators: %s is the list of the fields' ids, which stay in English;
   * keep the lines short, as they are printed as they are */
  summary = g_strdup_printf (_("XML files are matched task by task: new tasks are added and newer\n"
                               "copies replace older ones. When both copies changed, nothing is\n"
                               "imported until --keep-mine or --take-theirs says which to keep.\n"
                               "\n"
                               "CSV files (Excel or LibreOffice) are added as new tasks; --dry-run\n"
                               "shows the columns and the fields they go into. The fields:\n"
                               "%s."), field_ids);
  g_option_context_set_summary (context, summary);
  if (!parse_options (context, &argc, &argv, 2, 2, &status))
    return status;

  if (keep_mine && take_theirs)
    return usage_error (context, _("Give --keep-mine or --take-theirs, not both."));
  if (!parse_country (country_id, &country))
    return usage_error (context, _("The country must be “dk” or “no”."));

  file = g_file_new_for_commandline_arg (argv[1]);
  input = g_file_new_for_commandline_arg (argv[2]);
  if (!detect_input_kind (input, &kind, &error))
    return fail (error);

  if (kind == INPUT_CSV)
    {
      if (keep_mine || take_theirs)
        return usage_error (context, _("--keep-mine and --take-theirs are for XML files; "
                                       "a CSV file only adds tasks."));
      return import_csv (context, file, input, country_id, maps, per_id, dry_run);
    }

  if (maps != NULL)
    return usage_error (context, _("--map is for CSV files."));
  if (per_id != NULL)
    return usage_error (context, _("--per is for CSV files."));
  return import_xml (file, input, country_id, keep_mine, take_theirs, dry_run);
}

/* export */

typedef enum {
  FORMAT_XML,
  FORMAT_CSV,
  FORMAT_CSV_MATRIX,
  FORMAT_XLSX,
  N_FORMATS
} ExportFormat;

static const char *const format_ids[N_FORMATS] = { "xml", "csv", "csv-matrix", "xlsx" };

static gboolean
format_from_id (const char   *id,
                ExportFormat *format)
{
  for (guint i = 0; i < N_FORMATS; i++)
    if (g_str_equal (id, format_ids[i]))
      {
        *format = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
format_from_file_name (const char   *name,
                       ExportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".xml"))
    *format = FORMAT_XML;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".xlsx"))
    *format = FORMAT_XLSX;
  else
    return FALSE;
  return TRUE;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE.taskmap — write the portfolio as XML, CSV or XLSX"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *format_id = NULL;
  g_autofree char *output = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *data = NULL;
  const char *scenario_id = NULL;
  ExportFormat format = FORMAT_XML;
  GError *error = NULL;
  gsize length = 0;
  gboolean to_stdout;
  gboolean ok = FALSE;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_id,
      N_("xml, csv (the task catalogue), csv-matrix or xlsx; default: from OUTPUT’s extension, "
         "else xml"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Where to write (default: standard output; xlsx needs a file)"), "OUTPUT" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("The scenario of csv-matrix and xlsx (default: the first)"), "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, 1, &status))
    return status;

  to_stdout = output == NULL || g_str_equal (output, "-");
  if (format_id != NULL)
    {
      if (!format_from_id (format_id, &format))
        {
          /* Translators: %s is what the user gave to --format */
          g_autofree char *message = g_strdup_printf (_("Unknown format “%s”: use xml, csv, "
                                                        "csv-matrix or xlsx."), format_id);
          return usage_error (context, message);
        }
    }
  else if (!to_stdout && !format_from_file_name (output, &format))
    {
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Cannot tell the format from the name “%s”: "
                                                    "give --format."), output);
      return usage_error (context, message);
    }

  if (format == FORMAT_XLSX && to_stdout)
    return usage_error (context, _("An XLSX workbook needs a file: give -o OUTPUT.xlsx."));

  file = g_file_new_for_commandline_arg (argv[1]);
  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    return fail (error);

  if (scenario_name != NULL)
    {
      TmScenario *scenario = find_scenario (portfolio, scenario_name);

      if (scenario == NULL)
        {
          print_no_scenario (scenario_name);
          return EXIT_BAD_INPUT;
        }
      scenario_id = tm_scenario_get_id (scenario);
    }

  if (!to_stdout)
    {
      out = g_file_new_for_commandline_arg (output);
      switch (format)
        {
        case FORMAT_XML:
          ok = tm_xml_export_file (portfolio, out, &error);
          break;
        case FORMAT_CSV:
          ok = tm_csv_export_catalogue_file (portfolio, out, &error);
          break;
        case FORMAT_CSV_MATRIX:
          ok = tm_csv_export_matrix_file (portfolio, scenario_id, out, &error);
          break;
        case FORMAT_XLSX:
          ok = tm_xlsx_export (portfolio, scenario_id, out, &error);
          break;
        case N_FORMATS:
        default:
          g_assert_not_reached ();
        }
      return ok ? EXIT_OK : fail (error);
    }

  switch (format)
    {
    case FORMAT_XML:
      data = tm_xml_export_data (portfolio, &length, &error);
      break;
    case FORMAT_CSV:
      data = tm_csv_export_catalogue (portfolio, &length, &error);
      break;
    case FORMAT_CSV_MATRIX:
      data = tm_csv_export_matrix (portfolio, scenario_id, &length, &error);
      break;
    case FORMAT_XLSX:
    case N_FORMATS:
    default:
      g_assert_not_reached ();
    }
  if (data == NULL)
    return fail (error);

  return write_stdout (data, length);
}

/* validate */

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("INPUT.xml — check a portfolio file"));
  g_autoptr(GFile) input = NULL;
  g_autoptr(TmPortfolio) scratch = NULL;
  g_autoptr(TmMergePlan) plan = NULL;
  GError *error = NULL;
  int status = EXIT_OK;
  guint n_tasks;

  if (!parse_options (context, &argc, &argv, 1, 1, &status))
    return status;

  input = g_file_new_for_commandline_arg (argv[1]);
  scratch = tm_portfolio_create (NULL, TM_COUNTRY_DK, "", &error);
  if (scratch == NULL)
    return fail (error);
  /* A plan reads and checks the file with the import's refusals and
   * messages; applying it would only add the time of writing the tasks. */
  plan = tm_merge_plan_new_for_file (scratch, input, &error);
  if (plan == NULL)
    return fail (error);

  n_tasks = tm_merge_plan_get_n_items (plan);
  /* Translators: %s is a file name, %u the number of tasks in it */
  g_print (ngettext ("%s: valid, %u task\n", "%s: valid, %u tasks\n", n_tasks), argv[1], n_tasks);
  return EXIT_OK;
}

/* merge */

/* tm_merge_units(), step by step, so that a terminal is told how many of
 * the files are in. */
static gboolean
merge_units (TmPortfolio  *region,
             GPtrArray    *files,
             gboolean      show_progress,
             guint        *n_renamed,
             GError      **error)
{
  g_autoptr(TmMergeUnits) units = tm_merge_units_new (region, files->len);
  gboolean done = FALSE;
  guint shown = G_MAXUINT;

  while (!done)
    {
      guint n_done = tm_merge_units_get_n_done (units);

      if (show_progress && n_done != shown)
        {
          shown = n_done;
          /* Translators: a progress line rewritten in place; the first %u is the
           * number of files merged so far, the second all of them */
          g_printerr ("\r");
          g_printerr (ngettext ("Merging %u/%u file…", "Merging %u/%u files…", files->len),
                      n_done, files->len);
        }
      if (!tm_merge_units_read_next (units, (GFile **) files->pdata, error) ||
          !tm_merge_units_step (units, G_MAXINT64, &done, error))
        return FALSE;
    }
  *n_renamed = tm_merge_units_get_n_renamed (units);
  return TRUE;
}

static int
cmd_merge (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("-o REGION.taskmap UNIT.xml… — merge the units’ files into a "
                            "regional portfolio"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmPortfolio) region = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) units = NULL;
  g_autofree char *output = NULL;
  g_autofree char *country_id = NULL;
  g_autofree char *name = NULL;
  TmCountry country = TM_COUNTRY_DK;
  GError *error = NULL;
  gboolean created = FALSE;
  gboolean ok;
  guint n_renamed = 0;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The regional portfolio (created if missing)"), "REGION" },
    { "country", 0, 0, G_OPTION_ARG_STRING, &country_id,
      N_("dk or no, for a new REGION (default dk)"), "COUNTRY" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The region’s name"), "NAME" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                /* Translators: keep the lines short, as they are printed as they are */
                                _("Each task keeps the unit it comes from. Tasks that two units share\n"
                                  "(because they started from the same file) are given new ids, the\n"
                                  "same ones each time the same files are merged. Any unreadable file\n"
                                  "refuses the whole merge and leaves REGION as it was."));
  if (!parse_options (context, &argc, &argv, 1, -1, &status))
    return status;

  if (output == NULL || g_str_equal (output, "-"))
    return usage_error (context, _("Give the regional portfolio with -o REGION.taskmap."));
  if (!parse_country (country_id, &country))
    return usage_error (context, _("The country must be “dk” or “no”."));

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  file = g_file_new_for_commandline_arg (output);
  if (g_file_query_exists (file, NULL))
    region = tm_portfolio_open (file, &error);
  else
    {
      region = tm_portfolio_create (file, country, name ? name : "", &error);
      created = TRUE;
    }
  if (region == NULL)
    return fail (error);

  ok = merge_units (region, files, isatty (STDERR_FILENO), &n_renamed, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  if (!ok)
    {
      if (created)
        discard_new_portfolio (&region, file);
      return fail (error);
    }

  if (!created && name != NULL &&
      g_strcmp0 (name, tm_portfolio_get_unit_name (region)) != 0 &&
      !tm_portfolio_set_unit (region, name, tm_portfolio_get_organisation (region),
                              tm_portfolio_get_setting (region), tm_portfolio_get_notes (region),
                              &error))
    return fail (error);

  units = tm_portfolio_dup_units (region);
  g_print (_("Units: %u\n"), g_strv_length (units));
  g_print (_("Tasks: %u\n"), g_list_model_get_n_items (tm_portfolio_get_tasks (region)));
  g_print (_("Tasks given a new id: %u\n"), n_renamed);
  return EXIT_OK;
}

/* summary */

static const char *
profession_name (TmPortfolio *portfolio,
                 const char  *id)
{
  TmProfession *profession = id ? tm_portfolio_lookup_profession (portfolio, id) : NULL;

  if (id == NULL)
    return _("No performer recorded");
  return profession ? tm_profession_get_display_name (profession) : id;
}

/* The figures of each profession: hours a week, then the same in the
 * manager's units — FTE and shares of staffed time (STAFFING.md). A share
 * of the catalogued hours, where no staffing is given, is marked. */
static void
print_profession_table (TmPortfolio *portfolio,
                        TmAnalysis  *analysis,
                        const char  *indent)
{
  g_autoptr(GPtrArray) hours = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean any_catalogued = FALSE;

  g_ptr_array_add (hours, row_new (_("Profession"), _("Today"), _("After"), _("Handed over"),
                                   _("Taken over"), NULL));
  g_ptr_array_add (units, row_new (_("Profession"), _("Staffed FTE"), _("Mapped share"), _("FTE freed"),
                                   _("FTE needed"), _("Share handed over"), NULL));
  for (guint i = 0; i < analysis->professions->len; i++)
    {
      const TmAnalysisProfession *p = &g_array_index (analysis->professions, TmAnalysisProfession, i);
      g_autofree char *today = format_hours (p->hours_today);
      g_autofree char *after = format_hours (p->hours_after);
      g_autofree char *out = format_hours (p->moved_out);
      g_autofree char *in = format_hours (p->moved_in);
      g_autofree char *staffed = p->fte >= 0 ? tm_format_fte_value (p->fte) : g_strdup (_("not known"));
      g_autofree char *mapped = NULL;
      g_autofree char *freed = tm_format_fte_value (p->fte_freed);
      g_autofree char *needed = tm_format_fte_value (p->fte_needed);
      g_autofree char *share = tm_format_percent_value (tm_analysis_profession_moved_share (p));
      g_autofree char *share_cell = NULL;

      if (tm_analysis_profession_has_staffing (p))
        {
          mapped = tm_format_percent_value (tm_analysis_profession_coverage (p));
          share_cell = g_strdup (share);
        }
      else if (p->hours_today > 0)
        {
          mapped = g_strdup ("—");
          share_cell = g_strconcat (share, " *", NULL);
          any_catalogued = TRUE;
        }
      else
        {
          /* Nothing today to hand over, and no staffed time to measure it against. */
          mapped = g_strdup ("—");
          share_cell = g_strdup ("—");
        }

      g_ptr_array_add (hours, row_new (profession_name (portfolio, p->profession_id),
                                       today, after, out, in, NULL));
      g_ptr_array_add (units, row_new (profession_name (portfolio, p->profession_id),
                                       staffed, mapped, freed, needed, share_cell, NULL));
    }

  g_print ("%s%s\n", indent, _("Hours per week:"));
  print_table (hours, "lrrrr", indent);
  g_print ("\n%s%s\n", indent, _("In FTE and as shares of staffed time (Mapped share: the tasks mapped as a share of the staffed time):"));
  print_table (units, "lrrrrr", indent);
  if (any_catalogued)
    g_print ("%s%s\n", indent,
             _("* Staffing not entered: a share of the catalogued hours, not of working time, "
               "and not comparable with the benchmark."));
}

/* The answer in sentences, for the nurses: the figure the benchmark is about. */
static void
print_headline (TmPortfolio *portfolio,
                TmAnalysis  *analysis)
{
  const TmAnalysisProfession *nurses = tm_analysis_get_nurses (analysis);
  g_autofree char *freed = NULL;
  g_autofree char *split = NULL;
  g_autofree char *shifts = NULL;
  g_autofree char *coverage = NULL;

  if (nurses == NULL)
    return;

  freed = tm_analysis_describe_freed (analysis, portfolio, nurses);
  if (freed != NULL)
    {
      split = tm_analysis_describe_split (analysis, portfolio, nurses);
      shifts = tm_analysis_describe_shifts (analysis, nurses->moved_out);
      g_print ("%s\n", freed);
      if (shifts != NULL)
        g_print ("  %s\n", shifts);
      g_print ("  %s\n", split);
    }
  coverage = tm_analysis_describe_coverage (analysis, portfolio, nurses);
  if (coverage != NULL)
    g_print ("%s\n", coverage);
  if (freed != NULL || coverage != NULL)
    g_print ("\n");
}

/* Scenarios side by side, one column each. */
static void
print_comparison (TmPortfolio *portfolio)
{
  g_autoptr(TmComparison) comparison = tm_comparison_new (portfolio, NULL, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n = tm_comparison_get_n_scenarios (comparison);
  g_autofree char *align = g_malloc0 (n + 2);
  GStrvBuilder *header = g_strv_builder_new ();

  align[0] = 'l';
  g_strv_builder_add (header, "");
  for (guint s = 0; s < n; s++)
    {
      align[s + 1] = 'r';
      g_strv_builder_add (header, g_ptr_array_index (comparison->names, s));
    }
  g_ptr_array_add (rows, g_strv_builder_end (header));
  g_strv_builder_unref (header);

  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const TmComparisonRow *row = g_ptr_array_index (comparison->rows, r);
      GStrvBuilder *cells = g_strv_builder_new ();

      if (row->kind == TM_COMPARISON_SECTION)
        {
          /* A blank line, then the heading across the columns. */
          g_ptr_array_add (rows, g_strv_builder_end (cells));
          g_strv_builder_unref (cells);
          cells = g_strv_builder_new ();
          g_strv_builder_add (cells, row->label);
        }
      else
        {
          g_autofree char *label = g_strconcat ("  ", row->label, row->note ? " *" : "", NULL);

          g_strv_builder_add (cells, label);
          for (guint s = 0; s < n; s++)
            {
              g_autofree char *value = tm_comparison_format_value (row, s);

              g_strv_builder_add (cells, value);
            }
        }
      g_ptr_array_add (rows, g_strv_builder_end (cells));
      g_strv_builder_unref (cells);
    }

  g_print ("%s\n", _("Scenarios side by side:"));
  print_table (rows, align, "");
  for (guint r = 0; r < comparison->rows->len; r++)
    {
      const TmComparisonRow *row = g_ptr_array_index (comparison->rows, r);

      if (row->note != NULL)
        {
          g_print ("* %s\n", row->note);
          break;
        }
    }
}

static const char *
unit_label (TmPortfolio *portfolio,
            const char  *unit)
{
  if (*unit != '\0')
    return unit;
  if (*tm_portfolio_get_unit_name (portfolio) != '\0')
    return tm_portfolio_get_unit_name (portfolio);
  return _("Tasks of no unit");
}

static void
print_units (TmPortfolio *portfolio,
             const char  *scenario_id,
             gboolean     by_unit)
{
  g_auto(GStrv) named = tm_portfolio_dup_units (portfolio);
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GPtrArray) analyses = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_analysis_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (named[0] == NULL)
    return;

  /* The region's own tasks (with no unit of their own), when there are any. */
  g_ptr_array_add (units, (gpointer) "");
  for (guint i = 0; named[i] != NULL; i++)
    g_ptr_array_add (units, named[i]);

  for (guint i = 0; i < units->len; i++)
    {
      TmAnalysis *analysis = tm_analysis_compute_for_unit (portfolio, scenario_id,
                                                           g_ptr_array_index (units, i));

      if (i == 0 && analysis->n_tasks == 0)
        {
          g_ptr_array_remove_index (units, 0);
          i--;
          tm_analysis_free (analysis);
          continue;
        }
      g_ptr_array_add (analyses, analysis);
    }

  g_print ("\n%s\n", _("By unit (hours per week):"));
  g_ptr_array_add (rows, row_new (_("Unit"), _("Tasks"), _("Today"), _("Moved"), NULL));
  for (guint i = 0; i < units->len; i++)
    {
      TmAnalysis *analysis = g_ptr_array_index (analyses, i);
      g_autofree char *n_tasks = g_strdup_printf ("%u", analysis->n_tasks);
      g_autofree char *today = format_hours (analysis->total_hours);
      g_autofree char *moved = format_hours (analysis->moved_hours);

      g_ptr_array_add (rows, row_new (unit_label (portfolio, g_ptr_array_index (units, i)),
                                      n_tasks, today, moved, NULL));
    }
  print_table (rows, "lrrr", "");

  if (!by_unit)
    return;

  for (guint i = 0; i < units->len; i++)
    {
      TmAnalysis *analysis = g_ptr_array_index (analyses, i);

      g_print ("\n%s\n", unit_label (portfolio, g_ptr_array_index (units, i)));
      print_profession_table (portfolio, analysis, "  ");
    }
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
  gboolean by_unit = FALSE;
  gboolean scenarios = FALSE;
  TmScenario *scenario = NULL;
  GError *error = NULL;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_name, N_("The scenario's name (default: the first)"), "NAME" },
    { "by-unit", 0, 0, G_OPTION_ARG_NONE, &by_unit,
      N_("In a regional portfolio, the table of professions for each unit too"), NULL },
    { "scenarios", 0, 0, G_OPTION_ARG_NONE, &scenarios,
      N_("Every scenario side by side, one column each"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, 1, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[1]);
  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    return fail (error);

  scenario = find_scenario (portfolio, scenario_name);
  if (scenario == NULL)
    {
      print_no_scenario (scenario_name);
      return EXIT_BAD_INPUT;
    }

  analysis = tm_analysis_compute (portfolio, tm_scenario_get_id (scenario));

  g_print ("%s\n", tm_portfolio_get_unit_name (portfolio));
  if (scenarios)
    {
      print_comparison (portfolio);
      return EXIT_OK;
    }

  /* Translators: %s is a scenario's name */
  g_print (_("Scenario: %s\n"), tm_scenario_get_name (scenario));
  g_print (_("Tasks: %u, of which %u not estimated\n"), analysis->n_tasks, analysis->n_not_estimated);
  g_print (_("Hours per week in total: %.1f\n"), analysis->total_hours);
  g_print (_("Tasks with a move: %u; hours per week that move: %.1f\n\n"),
           analysis->n_moves, analysis->moved_hours);

  print_headline (portfolio, analysis);
  print_profession_table (portfolio, analysis, "");

  if (analysis->n_not_estimated > 0)
    {
      g_print ("\n%s\n", _("Not estimated (not counted in the hours):"));
      for (guint i = 0; i < analysis->not_estimated->len; i++)
        g_print ("  %s\n", tm_task_get_title (g_ptr_array_index (analysis->not_estimated, i)));
    }

  print_units (portfolio, tm_scenario_get_id (scenario), by_unit);

  return EXIT_OK;
}

/* staffing */

static TmProfession *
find_profession (TmPortfolio *portfolio,
                 const char  *name)
{
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  TmProfession *found = tm_portfolio_lookup_profession (portfolio, name);

  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (professions, i);

      if (g_utf8_collate (tm_profession_get_name (p), name) == 0 ||
          g_utf8_collate (tm_profession_get_name_en (p), name) == 0)
        found = p;
    }
  return found;
}

static void
print_staffing (TmPortfolio *portfolio,
                const char  *unit)
{
  const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, unit);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  double country_hours = tm_country_get_hours_per_fte (tm_portfolio_get_country (portfolio));

  if (staffing == NULL)
    {
      g_print ("%s\n", _("No staffing entered. Give it as PROFESSION=FTE or PROFESSION=FTE@HOURS."));
      return;
    }

  if (staffing->shift_hours > 0)
    {
      g_autofree char *hours = tm_language_format_number (staffing->shift_hours, 1);

      /* Translators: %s is a number of hours */
      g_print (_("Length of a shift: %s hours\n"), hours);
    }

  g_ptr_array_add (rows, row_new (_("Profession"), _("Id"), _("FTE"), _("Hours per FTE"), NULL));
  for (guint i = 0; i < staffing->entries->len; i++)
    {
      const TmStaffingEntry *e = &g_array_index (staffing->entries, TmStaffingEntry, i);
      g_autofree char *fte = e->fte >= 0 ? tm_format_fte_value (e->fte) : g_strdup (_("not known"));
      g_autofree char *hours = NULL;

      if (e->hours_per_fte >= 0)
        hours = tm_language_format_number (e->hours_per_fte, 1);
      else
        {
          g_autofree char *standard = tm_language_format_number (country_hours, 1);

          /* Translators: the country's full-time week, used where the unit gives none */
          hours = g_strdup_printf (_("%s (standard)"), standard);
        }
      g_ptr_array_add (rows, row_new (profession_name (portfolio, e->profession_id), e->profession_id,
                                      fte, hours, NULL));
    }
  print_table (rows, "llrr", "");
}

static int
cmd_staffing (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE.taskmap [PROFESSION=FTE[@HOURS]…] — the staffing of the unit"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(TmStaffing) staffing = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *shift = NULL;
  const TmStaffing *current;
  GError *error = NULL;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit,
      N_("In a regional portfolio, the unit (default: the portfolio’s own)"), "NAME" },
    { "shift-hours", 0, 0, G_OPTION_ARG_STRING, &shift,
      N_("The length of a shift in hours (“-” clears it)"), "HOURS" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Without values, prints the staffing. PROFESSION is an id (nurse, ssa, runner …) or a name; "
      "FTE may have decimals (28.5 or 28,5); HOURS is the weekly hours of one FTE, the country’s "
      "full-time week when left out; “-” as FTE clears the profession’s staffing."));
  if (!parse_options (context, &argc, &argv, 1, G_MAXINT, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[1]);
  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    return fail (error);

  if (unit == NULL)
    unit = g_strdup ("");

  if (argc == 2 && shift == NULL)
    {
      print_staffing (portfolio, unit);
      return EXIT_OK;
    }

  current = tm_portfolio_get_staffing (portfolio, unit);
  staffing = current ? tm_staffing_copy (current) : tm_staffing_new (unit);

  if (shift != NULL)
    {
      double hours = -1;

      if (!g_str_equal (shift, "-") && !tm_language_parse_number (shift, &hours))
        {
          /* Translators: %s is what the user gave as a number */
          g_printerr (_("“%s” is not a number of hours.\n"), shift);
          return EXIT_BAD_INPUT;
        }
      staffing->shift_hours = hours;
    }

  for (int i = 2; i < argc; i++)
    {
      const char *eq = strchr (argv[i], '=');
      g_autofree char *name = eq ? g_strndup (argv[i], eq - argv[i]) : NULL;
      g_autofree char *value = eq ? g_strdup (eq + 1) : NULL;
      char *at = value ? strchr (value, '@') : NULL;
      TmProfession *profession;
      double fte = -1, hours = -1;

      if (eq == NULL)
        return usage_error (context, _("Give each staffing as PROFESSION=FTE or PROFESSION=FTE@HOURS."));

      profession = find_profession (portfolio, name);
      if (profession == NULL)
        {
          /* Translators: %s is what the user gave as a profession */
          g_printerr (_("“%s” is not a profession of this portfolio.\n"), name);
          return EXIT_BAD_INPUT;
        }
      if (at != NULL)
        {
          *at = '\0';
          if (!tm_language_parse_number (at + 1, &hours))
            {
              g_printerr (_("“%s” is not a number of hours.\n"), at + 1);
              return EXIT_BAD_INPUT;
            }
        }
      if (g_str_equal (value, "-"))
        hours = -1;
      else if (!tm_language_parse_number (value, &fte))
        {
          /* Translators: %s is what the user gave as a staffing */
          g_printerr (_("“%s” is not a number of FTE.\n"), value);
          return EXIT_BAD_INPUT;
        }
      /* -1 would mean "not known": a typed negative is refused as such. */
      if (fte == -1 && !g_str_equal (value, "-"))
        fte = -1.0000001;
      tm_staffing_set (staffing, tm_profession_get_id (profession), fte, hours);
    }

  if (!tm_portfolio_set_staffing (portfolio, staffing, NULL, &error))
    return fail (error);

  print_staffing (portfolio, unit);
  return EXIT_OK;
}

static void
print_help (gboolean to_stderr)
{
  g_autoptr(GString) help = g_string_new (NULL);

  g_string_append_printf (help, "%s\n\n", _("Usage: taskmap-tool COMMAND [OPTION…] ARGUMENTS"));
  g_string_append_printf (help, "%s\n", _("Commands:"));
  g_string_append_printf (help, "  new       %s\n", _("Create a portfolio"));
  g_string_append_printf (help, "  import    %s\n", _("Add the tasks of an XML or CSV file to a portfolio"));
  g_string_append_printf (help, "  export    %s\n", _("Write a portfolio as XML, CSV or XLSX"));
  g_string_append_printf (help, "  validate  %s\n", _("Check an XML file without importing it"));
  g_string_append_printf (help, "  merge     %s\n", _("Merge the files of many units into a regional portfolio"));
  g_string_append_printf (help, "  staffing  %s\n", _("Show or set the staffing of the unit (FTE per profession)"));
  g_string_append_printf (help, "  summary   %s\n", _("Print the figures of the analysis"));
  g_string_append_printf (help, "  report    %s\n", _("Write the committee report as PDF"));
  g_string_append_printf (help, "\n%s\n", _("“taskmap-tool COMMAND --help” tells more about each."));
  g_string_append_printf (help, "%s\n", _("Exit status: 0 done, 1 bad input, 2 wrong usage."));

  if (to_stderr)
    g_printerr ("%s", help->str);
  else
    g_print ("%s", help->str);
}

/* report */

static void
report_progress (double   fraction,
                 gpointer user_data)
{
  g_printerr ("\r");
  /* Translators: the progress of the committee report, in percent */
  g_printerr (_("Writing the report… %3.0f %%"), 100 * fraction);
  if (fraction >= 1.0)
    g_printerr ("\n");
}

static int
cmd_report (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE.taskmap — the committee report as PDF"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) out = NULL;
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GPtrArray) scenario_ids = g_ptr_array_new ();
  g_auto(GStrv) scenario_names = NULL;
  g_autofree char *output = NULL;
  g_autofree char *since = NULL;
  GError *error = NULL;
  int status = EXIT_OK;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write (required)"), "OUTPUT.pdf" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING_ARRAY, &scenario_names,
      N_("A scenario the report covers, by name; give it once for each (default: every scenario with a move "
         "that is no longer proposed, or else the first)"),
      "NAME" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since,
      N_("List the changes since this date, YYYY-MM-DD (default: the committee's last meeting)"), "DATE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, 1, 1, &status))
    return status;

  if (output == NULL)
    return usage_error (context, _("Say where to write the report with -o OUTPUT.pdf."));

  if (since != NULL)
    {
      g_autoptr(GDateTime) when = NULL;
      g_autofree char *iso = g_strconcat (since, "T00:00:00Z", NULL);

      when = strlen (since) == 10 ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
      if (when == NULL)
        return usage_error (context, _("The date must be written YYYY-MM-DD, for example 2026-03-14."));
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    return fail (error);

  for (guint i = 0; scenario_names != NULL && scenario_names[i] != NULL; i++)
    {
      TmScenario *scenario = find_scenario (portfolio, scenario_names[i]);

      if (scenario == NULL)
        {
          print_no_scenario (scenario_names[i]);
          return EXIT_BAD_INPUT;
        }
      /* Each once, however often it is named */
      if (!g_ptr_array_find_with_equal_func (scenario_ids, tm_scenario_get_id (scenario), g_str_equal, NULL))
        g_ptr_array_add (scenario_ids, (gpointer) tm_scenario_get_id (scenario));
    }
  g_ptr_array_add (scenario_ids, NULL);

  out = g_file_new_for_commandline_arg (output);
  if (!tm_report_write_pdf_for_scenarios (portfolio,
                                          scenario_ids->len > 1 ? (const char * const *) scenario_ids->pdata : NULL,
                                          since, out, isatty (STDERR_FILENO) ? report_progress : NULL, NULL,
                                          &error))
    return fail (error);

  return EXIT_OK;
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
    { "merge", cmd_merge },
    { "staffing", cmd_staffing },
    { "summary", cmd_summary },
    { "report", cmd_report },
  };

  setlocale (LC_ALL, "");
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      if (argc < 2)
        {
          g_printerr ("%s\n\n", _("No command given."));
          print_help (TRUE);
          return EXIT_USAGE;
        }
      print_help (FALSE);
      return EXIT_OK;
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

  if (argv[1][0] == '-')
    /* Translators: %s is what the user typed as an option */
    g_printerr (_("Unknown option “%s”.\n\n"), argv[1]);
  else
    /* Translators: %s is what the user typed as a command */
    g_printerr (_("Unknown command “%s”.\n\n"), argv[1]);
  print_help (TRUE);
  return EXIT_USAGE;
}
