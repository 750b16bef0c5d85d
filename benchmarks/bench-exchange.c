/* bench-exchange.c
 * Times the exchange of a large portfolio: XML export and import (into a new
 * in-memory and a new on-disk portfolio) beside the time libxml2 itself needs
 * to read the file (xmllint --stream), the CSV catalogue out and back in, and
 * the regional merge of many units' files.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-exchange"

#include "config.h"

#include "bench-util.h"
#include "bench-units.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include "tm-core.h"
#include "tm-core-resources.h"

#define DEFAULT_RUNS 3
#define MAX_RUNS 16

/* The published schema, as the core has it compiled in. */
#define SCHEMA_RESOURCE "/org/taskmap/Taskmap/core/schema/taskmap-portfolio.xsd"

/* The time one step of an import may take in the window (APPLY_STEP_US of
 * src/gui/tm-window-busy.c). */
#define WINDOW_STEP_US (20 * 1000)

typedef struct {
  const char *key;    /* for run.sh: stable, no spaces */
  const char *label;  /* for people */
  double      ms[MAX_RUNS];
  double      cpu_ms[MAX_RUNS];
  guint       n;
} Timing;

/* When a measurement started: the clock, and the CPU time this process and
 * the children it waited for had used (on a busy machine the CPU time says
 * more than the clock). */
typedef struct {
  gint64 wall;
  gint64 cpu;
} Mark;

static int n_runs = DEFAULT_RUNS;
static gboolean tsv;
static char **only = NULL;
static int merge_units = 0;
static int tasks_per_unit = 500;
static int shared_tasks = 0;
static char *import_memory = NULL;
static char *tmp_dir = NULL;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static gint64
cpu_time_us (void)
{
  struct rusage self, children;

  getrusage (RUSAGE_SELF, &self);
  getrusage (RUSAGE_CHILDREN, &children);
  return (self.ru_utime.tv_sec + self.ru_stime.tv_sec +
          children.ru_utime.tv_sec + children.ru_stime.tv_sec) * G_USEC_PER_SEC +
         self.ru_utime.tv_usec + self.ru_stime.tv_usec +
         children.ru_utime.tv_usec + children.ru_stime.tv_usec;
}

static Mark
mark (void)
{
  return (Mark) { g_get_monotonic_time (), cpu_time_us () };
}

static void
record (Timing *t,
        Mark    start)
{
  Mark end = mark ();

  if (t->n < G_N_ELEMENTS (t->ms))
    {
      t->ms[t->n] = (end.wall - start.wall) / 1000.0;
      t->cpu_ms[t->n] = (end.cpu - start.cpu) / 1000.0;
      t->n++;
    }
}

/* Whether an import brought all @n_tasks of the source into @target; says
 * so on stderr when not. */
static gboolean
all_tasks_in (TmPortfolio *target,
              guint        n_tasks,
              const char  *what)
{
  guint n_out = g_list_model_get_n_items (tm_portfolio_get_tasks (target));

  if (n_out == n_tasks)
    return TRUE;
  g_printerr ("%s: %u tasks in, %u tasks out\n", what, n_tasks, n_out);
  return FALSE;
}

static void
print_timing (const Timing *t)
{
  double lo, hi;

  if (t->n == 0)
    return;

  lo = hi = t->ms[0];
  for (guint i = 1; i < t->n; i++)
    {
      lo = MIN (lo, t->ms[i]);
      hi = MAX (hi, t->ms[i]);
    }

  if (tsv)
    g_print ("%s\t%.2f\n%s_min\t%.2f\n%s_max\t%.2f\n%s_cpu\t%.2f\n",
             t->key, bench_median (t->ms, t->n), t->key, lo, t->key, hi,
             t->key, bench_median (t->cpu_ms, t->n));
  else
    g_print ("  %-48s %10.1f %10.1f %10.1f %4u %10.1f\n", t->label, bench_median (t->ms, t->n), lo, hi, t->n,
             bench_median (t->cpu_ms, t->n));
}

static void
print_value (const char *key,
             const char *label,
             double      value,
             const char *unit)
{
  if (tsv)
    g_print ("%s\t%.3f\n", key, value);
  else
    g_print ("  %-48s %10.1f %s\n", label, value, unit);
}

/* Peak RSS of a phase: Linux resets the high-water mark (VmHWM) when "5" is
 * written to clear_refs; without that, the peak of the whole process. */
static void
rss_reset (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
}

static double
rss_peak_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;
  struct rusage usage;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "VmHWM:")) != NULL)
    return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

/* The resident set now (VmRSS), in MB. */
static double
rss_now_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "VmRSS:")) != NULL)
    return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
  return 0;
}

static void
die (const char   *what,
     const GError *error)
{
  g_printerr ("%s: %s\n", what, error != NULL ? error->message : "failed");
  exit (EXIT_FAILURE);
}

/* Runs @argv (a program on PATH) with its output thrown away; the time in
 * @t. FALSE when it cannot be run or fails. */
static gboolean
time_command (Timing      *t,
              const char **argv)
{
  g_autoptr(GError) error = NULL;
  Mark start = mark ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return FALSE;
    }
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s %s: %s\n", argv[0], argv[1], error->message);
      return FALSE;
    }
  record (t, start);
  return TRUE;
}

static gboolean
have_xmllint (void)
{
  g_autofree char *found = g_find_program_in_path ("xmllint");

  return found != NULL;
}

/* The published XSD written next to the data, for xmllint --schema. */
static char *
write_schema (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "taskmap-portfolio.xsd", NULL);

  bytes = g_resource_lookup_data (tm_core_get_resource (), SCHEMA_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL ||
      !g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_printerr ("schema: %s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&path);
}

/* SQLite alone */

/* The rows an import wrote, in the order their keys sort and in the order
 * of the file (the tasks' order, each task's rows after it). */
static const struct {
  const char *table;
  const char *key_order;
  const char *file_order;
} floor_tables[] = {
  { "tasks", "SELECT * FROM src.tasks ORDER BY uuid",
    "SELECT * FROM src.tasks ORDER BY position, rowid" },
  { "performers", "SELECT * FROM src.performers ORDER BY task_uuid, profession_id",
    "SELECT c.* FROM src.performers c JOIN src.tasks t ON t.uuid = c.task_uuid"
    " ORDER BY t.position, t.rowid, c.position" },
  { "assessments", "SELECT * FROM src.assessments ORDER BY task_uuid, profession_id",
    "SELECT c.* FROM src.assessments c JOIN src.tasks t ON t.uuid = c.task_uuid"
    " ORDER BY t.position, t.rowid, c.position" },
  { "moves", "SELECT * FROM src.moves ORDER BY task_uuid, scenario_id",
    "SELECT c.* FROM src.moves c JOIN src.tasks t ON t.uuid = c.task_uuid"
    " ORDER BY t.position, t.rowid, c.scenario_id" },
  { "reviews", "SELECT * FROM src.reviews ORDER BY task_uuid, scenario_id",
    "SELECT c.* FROM src.reviews c JOIN src.tasks t ON t.uuid = c.task_uuid"
    " ORDER BY t.position, t.rowid, c.position" },
  { "history", "SELECT * FROM src.history ORDER BY id", "SELECT * FROM src.history ORDER BY id" },
};

static gboolean
floor_exec (sqlite3    *db,
            const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_printerr ("sqlite-floor: %s: %s\n", sql, message != NULL ? message : "failed");
  sqlite3_free (message);
  return FALSE;
}

/* What SQLite itself takes to write the rows of the import in @source (a
 * portfolio file an import made) into a new portfolio file at @target:
 * with the store's settings (WAL, synchronous FULL, foreign keys, the
 * bulk import's 64 MB page cache), one INSERT … SELECT per table from a
 * copy in memory, in one transaction, COMMIT included. No checks, no
 * objects in memory, no history to word: the least a writer of these rows
 * can take. The time in @t. */
static gboolean
sqlite_floor (const char *source,
              const char *target,
              TmCountry   country,
              gboolean    key_order,
              Timing     *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  g_autoptr(TmPortfolio) empty = NULL;
  char *attach = NULL;
  sqlite3 *db = NULL;
  gboolean ok = TRUE;
  Mark start;

  /* The schema, the meta rows and the built-in professions as the store makes them. */
  bench_units_remove_portfolio (target);
  empty = tm_portfolio_create (target_file, country, "", &error);
  if (empty == NULL)
    die (target, error);
  tm_portfolio_close (empty);
  g_clear_object (&empty);

  if (sqlite3_open_v2 (target, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_printerr ("sqlite-floor: %s: %s\n", target, sqlite3_errmsg (db));
      sqlite3_close (db);
      return FALSE;
    }
  attach = sqlite3_mprintf ("ATTACH %Q AS src", source);
  ok = floor_exec (db, "PRAGMA locking_mode = EXCLUSIVE") &&
       floor_exec (db, "PRAGMA journal_mode = WAL") &&
       floor_exec (db, "PRAGMA synchronous = FULL") &&
       floor_exec (db, "PRAGMA foreign_keys = ON") &&
       floor_exec (db, "PRAGMA temp_store = MEMORY") &&
       floor_exec (db, attach) &&
       floor_exec (db, "INSERT OR REPLACE INTO main.professions SELECT * FROM src.professions") &&
       floor_exec (db, "INSERT OR REPLACE INTO main.scenarios SELECT * FROM src.scenarios");
  sqlite3_free (attach);

  /* The rows, in the order wanted, into memory first: not timed. */
  for (guint i = 0; ok && i < G_N_ELEMENTS (floor_tables); i++)
    {
      g_autofree char *stage = g_strdup_printf ("CREATE TEMP TABLE staged_%s AS %s", floor_tables[i].table,
                                                key_order ? floor_tables[i].key_order
                                                          : floor_tables[i].file_order);
      ok = floor_exec (db, stage);
    }
  ok = ok && floor_exec (db, "PRAGMA main.cache_size = -65536");

  start = mark ();
  ok = ok && floor_exec (db, "BEGIN IMMEDIATE");
  for (guint i = 0; ok && i < G_N_ELEMENTS (floor_tables); i++)
    {
      g_autofree char *copy = g_strdup_printf ("INSERT INTO main.%s SELECT * FROM temp.staged_%s",
                                               floor_tables[i].table, floor_tables[i].table);
      ok = floor_exec (db, copy);
    }
  ok = ok && floor_exec (db, "COMMIT");
  if (ok)
    record (t, start);

  sqlite3_close (db);
  bench_units_remove_portfolio (target);
  return ok;
}

/* Exchange of one portfolio */

/* Counts the "items-changed" of a task list: a window's filter and sort
 * models process each one. */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static int
bench_portfolio (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *xml_path = g_build_filename (tmp_dir, "export.xml", NULL);
  g_autoptr(GFile) xml_file = g_file_new_for_path (xml_path);
  g_autofree char *csv = NULL;
  g_autofree char *schema_path = NULL;
  gsize xml_length = 0;
  gsize csv_length = 0;
  guint n_tasks;
  guint n_assessments = 0;
  guint n_moves = 0;
  TmCountry country;
  int roundtrip_identical = -1;
  guint import_signals = 0, undo_signals = 0;
  double rss_import_mem = 0, rss_import_disk = 0, rss_open = 0;
  Timing open_t = { "exch_open", "tm_portfolio_open (the source, once)" };
  Timing export_t = { "exch_export", "tm_xml_export_data" };
  Timing export_file_t = { "exch_export_file", "tm_xml_export_file" };
  Timing lint_stream_t = { "exch_xmllint_stream", "xmllint --stream --noout (reference)" };
  Timing lint_dom_t = { "exch_xmllint_dom", "xmllint --noout (DOM)" };
  Timing lint_dom_xsd_t = { "exch_xmllint_dom_xsd", "xmllint --noout --schema XSD (DOM)" };
  Timing lint_stream_xsd_t = { "exch_xmllint_stream_xsd", "xmllint --stream --noout --schema XSD" };
  Timing import_t = { "exch_import_mem", "tm_xml_import_data, new in-memory portfolio" };
  Timing undo_t = { "exch_import_undo", "tm_portfolio_undo of that import" };
  Timing import_disk_t = { "exch_import_disk", "create file + tm_xml_import_file" };
  Timing plan_read_t = { "exch_window_read", "window import: read (worker thread)" };
  Timing plan_new_t = { "exch_window_plan", "window import: plan (main thread)" };
  Timing plan_apply_t = { "exch_window_apply", "window import: apply, in steps (main loop)" };
  Timing unit_plan_t = { "exch_unit_plan", "a unit's 500 tasks into it: plan (main thread)" };
  double longest_step_ms = 0.0;
  guint n_steps = 0;
  Timing csv_export_t = { "exch_csv_export", "tm_csv_export_catalogue" };
  Timing csv_read_t = { "exch_csv_read", "tm_csv_read" };
  Timing csv_import_t = { "exch_csv_import", "tm_csv_import, new in-memory portfolio" };
  Timing floor_key_t = { "exch_sqlite_key_order", "SQLite alone: the rows of the import, key order" };
  Timing floor_file_t = { "exch_sqlite_file_order", "SQLite alone: the same rows, file order" };

  rss_reset ();
  {
    Mark start = mark ();

    portfolio = tm_portfolio_open (file, &error);
    if (portfolio == NULL)
      die (path, error);
    record (&open_t, start);
  }
  rss_open = rss_peak_mb ();
  n_tasks = g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio));
  country = tm_portfolio_get_country (portfolio);
  for (guint i = 0; i < n_tasks; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tm_portfolio_get_tasks (portfolio), i);

      n_assessments += tm_task_peek_data (task)->assessments->len;
      n_moves += tm_task_peek_data (task)->moves->len;
    }

  /* Export: always once, as the file the other steps read. */
  for (int run = 0; run < (bench_wanted (only, "export") ? n_runs : 1); run++)
    {
      Mark start = mark ();

      g_free (xml);
      xml = tm_xml_export_data (portfolio, &xml_length, &error);
      if (xml == NULL)
        die ("tm_xml_export_data", error);
      if (bench_wanted (only, "export"))
        record (&export_t, start);
    }

  for (int run = 0; run < (bench_wanted (only, "export") ? n_runs : 1); run++)
    {
      Mark start = mark ();

      if (!tm_xml_export_file (portfolio, xml_file, &error))
        die ("tm_xml_export_file", error);
      if (bench_wanted (only, "export"))
        record (&export_file_t, start);
    }

  /* What libxml2 needs just to read the file, and to read and validate it. */
  if (bench_wanted (only, "xmllint") && have_xmllint ())
    {
      const char *stream[] = { "xmllint", "--stream", "--noout", xml_path, NULL };
      const char *dom[] = { "xmllint", "--noout", "--huge", xml_path, NULL };

      schema_path = write_schema ();
      for (int run = 0; run < n_runs; run++)
        if (!time_command (&lint_stream_t, stream))
          break;
      for (int run = 0; run < n_runs; run++)
        if (!time_command (&lint_dom_t, dom))
          break;
      if (schema_path != NULL)
        {
          const char *dom_xsd[] = { "xmllint", "--noout", "--huge", "--schema", schema_path,
                                    xml_path, NULL };
          const char *stream_xsd[] = { "xmllint", "--stream", "--noout", "--schema", schema_path,
                                       xml_path, NULL };

          for (int run = 0; run < n_runs; run++)
            if (!time_command (&lint_dom_xsd_t, dom_xsd))
              break;
          for (int run = 0; run < n_runs; run++)
            if (!time_command (&lint_stream_xsd_t, stream_xsd))
              break;
        }
    }
  else if (bench_wanted (only, "xmllint"))
    g_printerr ("xmllint is not installed (Debian: libxml2-utils): no reference time\n");

  /* Import into a new in-memory portfolio; the first run also checks that
   * exporting what came in gives back the same bytes. */
  rss_reset ();
  for (int run = 0; bench_wanted (only, "import") && run < n_runs; run++)
    {
      g_autoptr(TmPortfolio) target = tm_portfolio_create (NULL, country, "", &error);
      Mark start;

      if (target == NULL)
        die ("tm_portfolio_create", error);

      import_signals = undo_signals = 0;
      g_signal_connect (tm_portfolio_get_tasks (target), "items-changed",
                        G_CALLBACK (on_items_changed), &import_signals);
      start = mark ();
      if (!tm_xml_import_data (target, xml, xml_length, "export.xml", &error))
        die ("tm_xml_import_data", error);
      record (&import_t, start);
      g_signal_handlers_disconnect_by_data (tm_portfolio_get_tasks (target), &import_signals);

      if (!all_tasks_in (target, n_tasks, "tm_xml_import_data"))
        return EXIT_FAILURE;
      if (run == 0)
        {
          gsize again_length = 0;
          g_autofree char *again = tm_xml_export_data (target, &again_length, &error);

          if (again == NULL)
            die ("tm_xml_export_data of the import", error);
          roundtrip_identical = again_length == xml_length && memcmp (again, xml, xml_length) == 0;
          if (!roundtrip_identical)
            g_printerr ("warning: exporting the imported portfolio does not give the same bytes\n");
          rss_import_mem = rss_peak_mb ();
        }

      /* Ctrl+Z right after the import. */
      g_signal_connect (tm_portfolio_get_tasks (target), "items-changed",
                        G_CALLBACK (on_items_changed), &undo_signals);
      start = mark ();
      if (!tm_portfolio_undo (target, &error))
        die ("tm_portfolio_undo", error);
      record (&undo_t, start);
      g_signal_handlers_disconnect_by_data (tm_portfolio_get_tasks (target), &undo_signals);
      if (g_list_model_get_n_items (tm_portfolio_get_tasks (target)) != 0)
        {
          g_printerr ("tm_portfolio_undo: %u tasks left\n",
                      g_list_model_get_n_items (tm_portfolio_get_tasks (target)));
          return EXIT_FAILURE;
        }
      tm_portfolio_close (target);
    }

  /* What a user does: a new portfolio file, then the import. */
  rss_reset ();
  for (int run = 0; bench_wanted (only, "import-disk") && run < n_runs; run++)
    {
      g_autofree char *name = g_strdup_printf ("import-%d.taskmap", run);
      g_autofree char *target_path = g_build_filename (tmp_dir, name, NULL);
      g_autoptr(GFile) target_file = g_file_new_for_path (target_path);
      g_autoptr(TmPortfolio) target = NULL;
      Mark start;

      bench_units_remove_portfolio (target_path);
      start = mark ();
      target = tm_portfolio_create (target_file, country, "", &error);
      if (target == NULL)
        die (target_path, error);
      if (!tm_xml_import_file (target, xml_file, &error))
        die ("tm_xml_import_file", error);
      record (&import_disk_t, start);

      if (!all_tasks_in (target, n_tasks, "tm_xml_import_file"))
        return EXIT_FAILURE;
      if (run == 0)
        rss_import_disk = rss_peak_mb ();
      tm_portfolio_close (target);
      g_clear_object (&target);
      bench_units_remove_portfolio (target_path);
    }

  /* SQLite alone writing the rows of that import (see sqlite_floor()): the
   * least the import's writing can take, in the order it writes them (its
   * keys') and in the order of the file, which an import writing as it
   * reads would have to take. */
  for (int run = 0; bench_wanted (only, "sqlite-floor") && run < n_runs; run++)
    {
      g_autofree char *source_path = g_build_filename (tmp_dir, "floor-source.taskmap", NULL);
      g_autofree char *target_path = g_build_filename (tmp_dir, "floor.taskmap", NULL);

      if (run == 0)
        {
          g_autoptr(GFile) source_file = g_file_new_for_path (source_path);
          g_autoptr(TmPortfolio) imported = NULL;

          bench_units_remove_portfolio (source_path);
          imported = tm_portfolio_create (source_file, country, "", &error);
          if (imported == NULL)
            die (source_path, error);
          if (!tm_xml_import_file (imported, xml_file, &error))
            die ("tm_xml_import_file", error);
          tm_portfolio_close (imported);
        }
      if (!sqlite_floor (source_path, target_path, country, TRUE, &floor_key_t) ||
          !sqlite_floor (source_path, target_path, country, FALSE, &floor_file_t))
        return EXIT_FAILURE;
      if (run == n_runs - 1)
        bench_units_remove_portfolio (source_path);
    }

  /* What the window does with Import… of an XML file (tm-window-import.c):
   * the file read and checked in a worker thread, the plan made on the main
   * thread, then applied in steps of WINDOW_STEP_US from an idle, the window
   * drawing between them: the longest step is the longest stall it adds.
   * Into a new portfolio file, as a region's first import. */
  for (int run = 0; bench_wanted (only, "window-import") && run < n_runs; run++)
    {
      g_autofree char *name = g_strdup_printf ("window-import-%d.taskmap", run);
      g_autofree char *target_path = g_build_filename (tmp_dir, name, NULL);
      g_autoptr(GFile) target_file = g_file_new_for_path (target_path);
      g_autoptr(TmPortfolio) target = NULL;
      g_autoptr(TmMergePlan) plan = NULL;
      g_autoptr(TmMergeApply) apply = NULL;
      TmMergeSource *source;
      gboolean done = FALSE;
      Mark start;

      bench_units_remove_portfolio (target_path);
      target = tm_portfolio_create (target_file, country, "", &error);
      if (target == NULL)
        die (target_path, error);
      start = mark ();
      source = tm_merge_source_read_file (xml_file, NULL, &error);
      if (source == NULL)
        die ("tm_merge_source_read_file", error);
      record (&plan_read_t, start);
      start = mark ();
      plan = tm_merge_plan_new_for_source (target, source, &error);
      if (plan == NULL)
        die ("tm_merge_plan_new_for_source", error);
      record (&plan_new_t, start);
      start = mark ();
      apply = tm_merge_plan_apply_begin (plan, &error);
      if (apply == NULL)
        die ("tm_merge_plan_apply_begin", error);
      while (!done)
        {
          gint64 step_start = g_get_monotonic_time ();

          if (!tm_merge_apply_step (apply, WINDOW_STEP_US, &done, &error))
            die ("tm_merge_apply_step", error);
          longest_step_ms = MAX (longest_step_ms, (g_get_monotonic_time () - step_start) / 1000.0);
          if (g_getenv ("BENCH_STEPS"))
            g_printerr ("step %.1f ms -> %.3f\n", (g_get_monotonic_time () - step_start) / 1000.0,
                        tm_merge_apply_get_fraction (apply));
          if (run == 0)
            n_steps++;
        }
      record (&plan_apply_t, start);
      g_clear_pointer (&apply, tm_merge_apply_free);

      if (!all_tasks_in (target, n_tasks, "tm_merge_apply_step"))
        return EXIT_FAILURE;
      tm_portfolio_close (target);
      g_clear_object (&target);
      bench_units_remove_portfolio (target_path);
    }

  /* A unit's file of 500 tasks taken into this portfolio (a region), as
   * Import… does on the window's thread: the plan, which compares the file
   * with the portfolio and counts the portfolio's history of its tasks. */
  if (bench_wanted (only, "unit-plan"))
    {
      g_autoptr(TmPortfolio) unit = tm_portfolio_create (NULL, country, "Unit", &error);
      g_autofree char *unit_path = g_build_filename (tmp_dir, "unit.xml", NULL);
      g_autoptr(GFile) unit_file = g_file_new_for_path (unit_path);
      GListModel *tasks = tm_portfolio_get_tasks (portfolio);

      if (unit == NULL)
        die ("tm_portfolio_create", error);
      for (guint i = 0; i < MIN (500, g_list_model_get_n_items (tasks)); i++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
          g_autoptr(TmTaskData) data = tm_task_dup_data (task);

          /* A task of the unit's own (a new uuid), with the region's values
           * but done by nurses (the region's own professions are not the unit's). */
          g_clear_pointer (&data->uuid, g_free);
          g_array_set_size (data->performers, 0);
          g_array_set_size (data->assessments, 0);
          g_array_set_size (data->moves, 0);
          tm_task_data_set_performer (data, "nurse", 100);
          if (tm_portfolio_add_task (unit, data, &error) == NULL)
            die ("tm_portfolio_add_task", error);
        }
      if (!tm_xml_export_file (unit, unit_file, &error))
        die ("tm_xml_export_file", error);

      for (int run = 0; run < n_runs; run++)
        {
          g_autoptr(TmMergePlan) plan = NULL;
          TmMergeSource *source = tm_merge_source_read_file (unit_file, NULL, &error);
          Mark start;

          if (source == NULL)
            die ("tm_merge_source_read_file", error);
          start = mark ();
          plan = tm_merge_plan_new_for_source (portfolio, source, &error);
          if (plan == NULL)
            die ("tm_merge_plan_new_for_source", error);
          record (&unit_plan_t, start);
        }
      g_unlink (unit_path);
    }

  /* The catalogue as a spreadsheet and back. */
  for (int run = 0; bench_wanted (only, "csv") && run < n_runs; run++)
    {
      Mark start = mark ();

      g_free (csv);
      csv = tm_csv_export_catalogue (portfolio, &csv_length, &error);
      if (csv == NULL)
        die ("tm_csv_export_catalogue", error);
      record (&csv_export_t, start);
    }

  for (int run = 0; bench_wanted (only, "csv") && run < n_runs; run++)
    {
      g_autoptr(TmCsvTable) table = NULL;
      g_autoptr(TmPortfolio) target = tm_portfolio_create (NULL, country, "", &error);
      guint n_imported = 0;
      Mark start;

      if (target == NULL)
        die ("tm_portfolio_create", error);

      start = mark ();
      table = tm_csv_read (csv, csv_length, "catalogue.csv", &error);
      if (table == NULL)
        die ("tm_csv_read", error);
      record (&csv_read_t, start);

      start = mark ();
      if (!tm_csv_import (target, table, NULL, &n_imported, &error))
        die ("tm_csv_import", error);
      record (&csv_import_t, start);

      if (n_imported != n_tasks)
        {
          g_printerr ("tm_csv_import: %u tasks in, %u imported\n", n_tasks, n_imported);
          return EXIT_FAILURE;
        }
      tm_portfolio_close (target);
    }

  tm_portfolio_close (portfolio);

  if (tsv)
    {
      g_print ("exch_tasks\t%u\n", n_tasks);
      g_print ("exch_assessments\t%u\n", n_assessments);
      g_print ("exch_moves\t%u\n", n_moves);
      g_print ("exch_xml_mb\t%.1f\n", xml_length / 1e6);
      g_print ("exch_csv_mb\t%.1f\n", csv_length / 1e6);
      if (roundtrip_identical >= 0)
        g_print ("exch_roundtrip_identical\t%d\n", roundtrip_identical);
      if (import_t.n > 0)
        g_print ("exch_import_items_changed\t%u\nexch_undo_items_changed\t%u\n",
                 import_signals, undo_signals);
    }
  else
    {
      g_print ("%s: %u tasks, %u assessments, %u moves; XML %.1f MB, CSV %.1f MB\n",
               path, n_tasks, n_assessments, n_moves, xml_length / 1e6, csv_length / 1e6);
      if (roundtrip_identical >= 0)
        g_print ("export → import → export gives the same bytes: %s\n",
                 roundtrip_identical ? "yes" : "NO");
      if (import_t.n > 0)
        g_print ("the task list announced the import with %u \"items-changed\", its undo with %u\n",
                 import_signals, undo_signals);
      g_print ("  %-48s %10s %10s %10s %4s %10s\n", "", "median ms", "min ms", "max ms", "runs",
               "CPU ms");
    }

  print_timing (&open_t);
  print_timing (&export_t);
  print_timing (&export_file_t);
  print_timing (&lint_stream_t);
  print_timing (&lint_dom_t);
  print_timing (&lint_dom_xsd_t);
  print_timing (&lint_stream_xsd_t);
  print_timing (&import_t);
  print_timing (&undo_t);
  print_timing (&import_disk_t);
  print_timing (&plan_read_t);
  print_timing (&plan_new_t);
  print_timing (&plan_apply_t);
  print_timing (&unit_plan_t);
  if (n_steps > 0)
    {
      print_value ("exch_window_apply_longest_step", "window import: longest step of the apply",
                   longest_step_ms, "ms (target ≤ 100)");
      print_value ("exch_window_apply_steps", "window import: steps of the apply (run 1)", n_steps, "");
    }
  print_timing (&csv_export_t);
  print_timing (&csv_read_t);
  print_timing (&csv_import_t);
  print_timing (&floor_key_t);
  print_timing (&floor_file_t);

  if (lint_stream_t.n > 0 && floor_key_t.n > 0)
    {
      double lint = bench_median (lint_stream_t.ms, lint_stream_t.n);

      /* An import that reads the file, then writes its rows in key order,
       * cannot take less than xmllint's reading and SQLite's writing
       * together; one that writes as it reads, less than SQLite's writing
       * in the file's order. */
      print_value ("exch_floor_read_then_write_x_xmllint",
                   "xmllint + SQLite's key-order writing ÷ xmllint",
                   1 + bench_median (floor_key_t.ms, floor_key_t.n) / lint, "× (the least, read then write)");
      print_value ("exch_floor_file_order_x_xmllint",
                   "SQLite's file-order writing ÷ xmllint",
                   bench_median (floor_file_t.ms, floor_file_t.n) / lint, "× (the least, writing while reading)");
    }

  if (lint_stream_t.n > 0 && import_t.n > 0)
    {
      double lint = bench_median (lint_stream_t.ms, lint_stream_t.n);

      print_value ("exch_import_mem_x_xmllint", "import (in memory) ÷ xmllint --stream",
                   bench_median (import_t.ms, import_t.n) / lint, "× (target ≤ 3)");
      if (import_disk_t.n > 0)
        print_value ("exch_import_disk_x_xmllint", "import (on disk) ÷ xmllint --stream",
                     bench_median (import_disk_t.ms, import_disk_t.n) / lint, "× (target ≤ 3)");
      if (export_file_t.n > 0)
        print_value ("exch_export_file_x_xmllint", "export (file) ÷ xmllint --stream",
                     bench_median (export_file_t.ms, export_file_t.n) / lint, "× (target ≤ 1)");
      if (export_t.n > 0)
        print_value ("exch_export_mem_x_xmllint", "export (in memory) ÷ xmllint --stream",
                     bench_median (export_t.ms, export_t.n) / lint, "× (target ≤ 1)");

      /* The same in CPU time, which other load on the machine changes less. */
      lint = bench_median (lint_stream_t.cpu_ms, lint_stream_t.n);
      print_value ("exch_import_mem_x_xmllint_cpu", "import (in memory) ÷ xmllint, CPU",
                   bench_median (import_t.cpu_ms, import_t.n) / lint, "×");
      if (import_disk_t.n > 0)
        print_value ("exch_import_disk_x_xmllint_cpu", "import (on disk) ÷ xmllint, CPU",
                     bench_median (import_disk_t.cpu_ms, import_disk_t.n) / lint, "×");
      if (export_file_t.n > 0)
        print_value ("exch_export_file_x_xmllint_cpu", "export (file) ÷ xmllint, CPU",
                     bench_median (export_file_t.cpu_ms, export_file_t.n) / lint, "×");
    }

  print_value ("exch_open_peak_rss_mb", "peak RSS, source opened", rss_open, "MB");
  if (import_t.n > 0)
    print_value ("exch_import_mem_peak_rss_mb", "peak RSS, import in memory (source open)",
                 rss_import_mem, "MB");
  if (import_disk_t.n > 0)
    print_value ("exch_import_disk_peak_rss_mb", "peak RSS, import on disk (source open)",
                 rss_import_disk, "MB");
  {
    struct rusage usage;

    getrusage (RUSAGE_SELF, &usage);
    print_value ("exch_peak_rss_mb", "peak RSS, whole run (ru_maxrss)", usage.ru_maxrss / 1024.0, "MB");
  }

  g_unlink (xml_path);
  if (schema_path != NULL)
    g_unlink (schema_path);
  return EXIT_SUCCESS;
}

/* The memory of one import */

/* What an import into a new portfolio file costs in memory, in a process
 * that has done nothing else: the high-water mark of the resident set from
 * just before tm_portfolio_create() to the end of tm_xml_import_file(),
 * above what the process held before. */
static int
bench_import_memory (const char *xml_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) xml_file = g_file_new_for_commandline_arg (xml_path);
  g_autofree char *target_path = g_build_filename (tmp_dir, "import-memory.taskmap", NULL);
  g_autoptr(GFile) target_file = g_file_new_for_path (target_path);
  g_autoptr(TmPortfolio) target = NULL;
  g_autoptr(GFileInfo) info = NULL;
  double before, peak, xml_mb;
  Timing import_t = { "exch_memory_import", "create file + tm_xml_import_file" };
  Mark start;

  info = g_file_query_info (xml_file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    die (xml_path, error);
  xml_mb = g_file_info_get_size (info) / (1024.0 * 1024.0);

  before = rss_now_mb ();
  rss_reset ();
  start = mark ();
  target = tm_portfolio_create (target_file, TM_COUNTRY_DK, "", &error);
  if (target == NULL)
    die (target_path, error);
  if (!tm_xml_import_file (target, xml_file, &error))
    die ("tm_xml_import_file", error);
  record (&import_t, start);
  peak = rss_peak_mb ();
  tm_portfolio_close (target);
  g_clear_object (&target);
  bench_units_remove_portfolio (target_path);

  if (!tsv)
    g_print ("%s: %.1f MiB of XML\n", xml_path, xml_mb);
  print_timing (&import_t);
  print_value ("exch_memory_xml_mib", "XML file", xml_mb, "MiB");
  print_value ("exch_memory_before_mib", "resident before the import", before, "MiB");
  print_value ("exch_memory_peak_mib", "peak resident during the import", peak, "MiB");
  print_value ("exch_memory_growth_mib", "peak - before", peak - before, "MiB");
  if (tsv)
    g_print ("exch_memory_growth_x_xml\t%.2f\n", (peak - before) / xml_mb);
  else
    g_print ("  %-48s %10.2f × (target ≤ 4)\n", "(peak - before) ÷ XML file", (peak - before) / xml_mb);
  return EXIT_SUCCESS;
}

/* The regional merge */

typedef struct {
  guint  n_calls;
  double last_fraction;
  gint64 last_time;
  gint64 longest_gap;   /* µs between two calls (or the start and the first) */
  gboolean backwards;
} Progress;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;
  gint64 now = g_get_monotonic_time ();

  progress->n_calls++;
  progress->longest_gap = MAX (progress->longest_gap, now - progress->last_time);
  progress->last_time = now;
  if (fraction < progress->last_fraction)
    progress->backwards = TRUE;
  progress->last_fraction = fraction;
}

static int
bench_merge (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *source = NULL;
  gsize total_bytes = 0;
  TmCountry country = TM_COUNTRY_DK;
  guint n_units = merge_units;
  guint per_unit = tasks_per_unit;
  guint n_shared = shared_tasks;
  guint n_tasks_after = 0, n_units_after = 0, n_renamed = 0;
  double rss_merge = 0;
  Progress progress = { 0 };
  gboolean failed = FALSE;
  Mark start;
  Timing make_t = { "merge_make_files", "making the unit files (not a figure)" };
  Timing lint_t = { "merge_xmllint_stream", "xmllint --stream --noout, all unit files" };
  Timing merge_t = { "merge_units", "create region file + tm_merge_units" };

  if (n_shared >= per_unit)
    {
      g_printerr ("--shared-tasks must be fewer than --tasks-per-unit\n");
      return EXIT_FAILURE;
    }

  source = bench_units_source (path, tmp_dir, n_shared + n_units * (per_unit - n_shared));
  start = mark ();
  files = bench_units_make_files (source, tmp_dir, n_units, per_unit, n_shared, &country, &total_bytes);
  record (&make_t, start);

  if (have_xmllint ())
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (argv, g_strdup ("xmllint"));
      g_ptr_array_add (argv, g_strdup ("--stream"));
      g_ptr_array_add (argv, g_strdup ("--noout"));
      for (guint i = 0; i < files->len; i++)
        g_ptr_array_add (argv, g_file_get_path (g_ptr_array_index (files, i)));
      g_ptr_array_add (argv, NULL);
      for (int run = 0; run < n_runs; run++)
        if (!time_command (&lint_t, (const char **) argv->pdata))
          break;
    }

  rss_reset ();
  for (int run = 0; run < n_runs; run++)
    {
      g_autofree char *region_path = g_build_filename (tmp_dir, "region.taskmap", NULL);
      g_autoptr(GFile) region_file = g_file_new_for_path (region_path);
      g_autoptr(TmPortfolio) region = NULL;

      bench_units_remove_portfolio (region_path);
      progress = (Progress) { 0 };
      start = mark ();
      progress.last_time = start.wall;
      region = tm_portfolio_create (region_file, country, "Region", &error);
      if (region == NULL)
        die (region_path, error);
      if (!tm_merge_units (region, (GFile **) files->pdata, files->len, on_progress, &progress,
                           &n_renamed, &error))
        {
          g_printerr ("tm_merge_units: %s\n", error->message);
          failed = TRUE;
          break;
        }
      record (&merge_t, start);
      progress.longest_gap = MAX (progress.longest_gap, g_get_monotonic_time () - progress.last_time);

      if (run == 0)
        {
          g_auto(GStrv) units = tm_portfolio_dup_units (region);

          rss_merge = rss_peak_mb ();
          n_tasks_after = g_list_model_get_n_items (tm_portfolio_get_tasks (region));
          n_units_after = g_strv_length (units);
          if (n_tasks_after != n_shared + n_units * (per_unit - n_shared) + n_shared * (n_units - 1) ||
              n_units_after != n_units)
            g_printerr ("warning: the region has %u tasks of %u units; expected %u of %u\n",
                        n_tasks_after, n_units_after,
                        n_shared + n_units * (per_unit - n_shared) + n_shared * (n_units - 1), n_units);
        }
      tm_portfolio_close (region);
      g_clear_object (&region);
      bench_units_remove_portfolio (region_path);
    }

  if (tsv)
    {
      g_print ("merge_files\t%u\n", n_units);
      g_print ("merge_tasks_per_unit\t%u\n", per_unit);
      g_print ("merge_shared_tasks\t%u\n", n_shared);
      g_print ("merge_files_mb\t%.1f\n", total_bytes / 1e6);
      if (!failed)
        {
          g_print ("merge_tasks_after\t%u\n", n_tasks_after);
          g_print ("merge_units_after\t%u\n", n_units_after);
          g_print ("merge_renamed\t%u\n", n_renamed);
          g_print ("merge_progress_calls\t%u\n", progress.n_calls);
          g_print ("merge_progress_longest_gap\t%.1f\n", progress.longest_gap / 1000.0);
        }
      else
        g_print ("merge_failed\t1\n");
    }
  else
    {
      g_print ("%u unit files of %u tasks (%u shared by all), %.1f MB in all\n",
               n_units, per_unit, n_shared, total_bytes / 1e6);
      if (failed)
        g_print ("tm_merge_units failed: %s\n", error->message);
      else
        g_print ("region: %u tasks of %u units, %u given new UUIDs; progress reported %u times%s, "
                 "at most %.0f ms apart\n",
                 n_tasks_after, n_units_after, n_renamed, progress.n_calls,
                 progress.backwards ? " (going BACKWARDS)" : "", progress.longest_gap / 1000.0);
      g_print ("  %-48s %10s %10s %10s %4s %10s\n", "", "median ms", "min ms", "max ms", "runs",
               "CPU ms");
    }

  print_timing (&make_t);
  print_timing (&lint_t);
  print_timing (&merge_t);
  if (merge_t.n > 0)
    print_value ("merge_peak_rss_mb", "peak RSS, merge", rss_merge, "MB");

  for (guint i = 0; i < files->len; i++)
    g_file_delete (g_ptr_array_index (files, i), NULL, NULL);
  if (path == NULL)
    bench_units_remove_portfolio (source);

  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  GOptionEntry entries[] = {
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Runs per measurement (default 3, at most 16)", "N" },
    { "tsv", 0, 0, G_OPTION_ARG_NONE, &tsv, "Print key<TAB>value lines", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING_ARRAY, &only,
      "Measure only these (for profiling): export, xmllint, import, import-disk, sqlite-floor, window-import, unit-plan, csv", "A,B" },
    { "merge-units", 0, 0, G_OPTION_ARG_INT, &merge_units,
      "Time tm_merge_units() of N unit files instead (FILE optional: the tasks to cut them from)", "N" },
    { "tasks-per-unit", 0, 0, G_OPTION_ARG_INT, &tasks_per_unit, "Tasks in each unit file (default 500)", "N" },
    { "shared-tasks", 0, 0, G_OPTION_ARG_INT, &shared_tasks,
      "Of those, how many every unit has with the same UUIDs (default 0)", "N" },
    { "import-memory", 0, 0, G_OPTION_ARG_FILENAME, &import_memory,
      "Only import XML (an export) into a new portfolio file and give the peak memory", "XML" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  tm_core_init (NULL);

  context = g_option_context_new ("FILE.taskmap - time XML and CSV exchange of a portfolio");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  if (import_memory != NULL && argc == 1)
    {
      tmp_dir = g_dir_make_tmp ("bench-exchange-XXXXXX", &error);
      if (tmp_dir == NULL)
        die ("temporary directory", error);
      status = bench_import_memory (import_memory);
      g_rmdir (tmp_dir);
      g_free (tmp_dir);
      return status;
    }
  if ((merge_units <= 0 && argc != 2) || (merge_units > 0 && argc > 2) ||
      (merge_units > 0 && tasks_per_unit <= 0) || shared_tasks < 0)
    {
      g_printerr ("Usage: %s [--runs N] [--tsv] [--only A,B] FILE.taskmap\n"
                  "       %s [--runs N] [--tsv] --merge-units N [--tasks-per-unit N] "
                  "[--shared-tasks N] [FILE.taskmap]\n"
                  "       %s [--tsv] --import-memory FILE.xml\n",
                  g_get_prgname (), g_get_prgname (), g_get_prgname ());
      return EXIT_FAILURE;
    }
  n_runs = CLAMP (n_runs, 1, MAX_RUNS);

  tmp_dir = g_dir_make_tmp ("bench-exchange-XXXXXX", &error);
  if (tmp_dir == NULL)
    die ("temporary directory", error);

  if (merge_units > 0)
    status = bench_merge (argc == 2 ? argv[1] : NULL);
  else
    status = bench_portfolio (argv[1]);

  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
