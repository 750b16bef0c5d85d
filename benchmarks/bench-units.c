/* bench-units.c
 * The units' files of a regional merge, cut from a large portfolio, for the
 * benchmarks that merge them (bench-exchange, bench-window).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bench-units.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

static G_GNUC_NORETURN void
die (const char   *what,
     const GError *error)
{
  g_printerr ("%s: %s\n", what, error != NULL ? error->message : "failed");
  exit (EXIT_FAILURE);
}

void
bench_units_remove_portfolio (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* The source portfolio for the units: @path, or one the generator makes (in
 * @dir) with assessments, 30 professions and moves. */
char *
bench_units_source (const char *path,
                    const char *dir,
                    guint       n_tasks)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe != NULL ? g_path_get_dirname (exe) : g_strdup (".");
  g_autofree char *gen = g_build_filename (exe_dir, "tm-gen-portfolio", NULL);
  g_autofree char *tasks = g_strdup_printf ("%u", n_tasks);
  g_autofree char *out = g_build_filename (dir, "units-source.taskmap", NULL);
  const char *argv[] = { gen, "--tasks", tasks, "--groups", "40", "--seed", "1",
                         "--assessments", "--professions", "30", "--moves", out, NULL };
  int status = 0;

  if (path != NULL)
    return g_strdup (path);

  g_printerr ("generating %u tasks with %s\n", n_tasks, gen);
  bench_units_remove_portfolio (out);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    die (gen, error);
  return g_steal_pointer (&out);
}

static xmlNode *
first_child (xmlNode    *node,
             const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_str_equal ((const char *) child->name, name))
      return child;
  return NULL;
}

/* Writes (into @dir) @n_units unit files of @per_unit tasks each (the first @n_shared
 * tasks in every unit, as if all started from one file, then a slice of its
 * own) cut from @source_path: the source is exported, each unit's share of
 * the XML imported into a new in-memory portfolio with the unit's name and
 * exported from there with tm_xml_export_file(). Returns the files. */
GPtrArray *
bench_units_make_files (const char *source_path,
                        const char *dir,
                        guint       n_units,
                        guint       per_unit,
                        guint       n_shared,
                        TmCountry  *country,
                        gsize      *total_bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (source_path);
  g_autoptr(TmPortfolio) source = NULL;
  xmlDoc *doc = NULL;
  g_autoptr(GPtrArray) task_nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *xml = NULL;
  gsize xml_length = 0;
  xmlNode *root, *tasks, *unit, *unit_name;
  guint needed = n_shared + n_units * (per_unit - n_shared);

  source = tm_portfolio_open (file, &error);
  if (source == NULL)
    die (source_path, error);
  *country = tm_portfolio_get_country (source);
  xml = tm_xml_export_data (source, &xml_length, &error);
  if (xml == NULL)
    die ("tm_xml_export_data", error);
  tm_portfolio_close (source);

  doc = xmlReadMemory (xml, (int) xml_length, "source.xml", NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  tasks = root != NULL ? first_child (root, "tasks") : NULL;
  unit = root != NULL ? first_child (root, "unit") : NULL;
  unit_name = unit != NULL ? first_child (unit, "name") : NULL;
  if (tasks == NULL || unit_name == NULL)
    {
      g_printerr ("%s: its export has no task list or no unit name\n", source_path);
      exit (EXIT_FAILURE);
    }

  /* The source's history is the generator's (one entry per task of the
   * whole source); a unit's file would carry only its own. Leave it out
   * rather than send every unit the whole region's. */
  {
    xmlNode *history = first_child (root, "history");

    if (history != NULL)
      {
        xmlUnlinkNode (history);
        xmlFreeNode (history);
      }
  }

  /* Take the tasks out; each unit's are put back in turn. */
  for (xmlNode *child = tasks->children, *next; child != NULL; child = next)
    {
      next = child->next;
      xmlUnlinkNode (child);
      if (child->type == XML_ELEMENT_NODE)
        g_ptr_array_add (task_nodes, child);
      else
        xmlFreeNode (child);
    }
  if (task_nodes->len < needed)
    {
      g_printerr ("%s has %u tasks; %u units of %u tasks (%u shared) need %u\n",
                  source_path, task_nodes->len, n_units, per_unit, n_shared, needed);
      exit (EXIT_FAILURE);
    }

  *total_bytes = 0;
  for (guint u = 0; u < n_units; u++)
    {
      g_autofree char *name = g_strdup_printf ("Afsnit %03u", u + 1);
      g_autofree char *file_name = g_strdup_printf ("unit-%03u.xml", u + 1);
      g_autofree char *unit_path = g_build_filename (dir, file_name, NULL);
      g_autoptr(GFile) unit_file = g_file_new_for_path (unit_path);
      g_autoptr(TmPortfolio) portfolio = NULL;
      g_autoptr(GFileInfo) info = NULL;
      guint own = n_shared + u * (per_unit - n_shared);
      xmlChar *text = NULL;
      int text_length = 0;

      for (guint i = 0; i < per_unit; i++)
        xmlAddChild (tasks, g_ptr_array_index (task_nodes, i < n_shared ? i : own + i - n_shared));
      xmlNodeSetContent (unit_name, (const xmlChar *) name);
      xmlDocDumpMemoryEnc (doc, &text, &text_length, "UTF-8");
      for (guint i = 0; i < per_unit; i++)
        xmlUnlinkNode (g_ptr_array_index (task_nodes, i < n_shared ? i : own + i - n_shared));

      portfolio = tm_portfolio_create (NULL, *country, name, &error);
      if (portfolio == NULL ||
          !tm_xml_import_data (portfolio, (const char *) text, text_length, file_name, &error) ||
          !tm_xml_export_file (portfolio, unit_file, &error))
        die (file_name, error);
      xmlFree (text);
      tm_portfolio_close (portfolio);

      info = g_file_query_info (unit_file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                NULL, NULL);
      *total_bytes += info != NULL ? g_file_info_get_size (info) : 0;
      g_ptr_array_add (files, g_steal_pointer (&unit_file));
    }

  for (guint i = 0; i < task_nodes->len; i++)
    xmlFreeNode (g_ptr_array_index (task_nodes, i));
  xmlFreeDoc (doc);
  return g_steal_pointer (&files);
}
