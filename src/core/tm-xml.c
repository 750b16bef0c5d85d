/* tm-xml.c
 * The Taskmap exchange format: import, export and the bundled examples.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "tm-xml.h"
#include "tm-core-resources.h"
#include "tm-portfolio-private.h"
#include "tm-task-private.h"

G_DEFINE_QUARK (tm-xml-error-quark, tm_xml_error)

/* Far beyond any real unit or region; a guard against files made to exhaust memory. */
#define MAX_IMPORT_BYTES (512u * 1024u * 1024u)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextWriter, xmlFreeTextWriter)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)

typedef struct {
  const char *display_name;
  gboolean    saw_doctype;
} ParseState;

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  /* A DOCTYPE can declare entities and point at other files: never read on. */
  state->saw_doctype = TRUE;
  xmlStopParser (ctxt);
}

static void
set_node_error (GError           **error,
                TmXmlError         code,
                const char        *display_name,
                xmlNode           *node,
                const char        *message)
{
  /* Translators: FILE:LINE: message, as compilers write it */
  g_set_error (error, TM_XML_ERROR, code, _("%s:%ld: %s"),
               display_name, node ? xmlGetLineNo (node) : 0L, message);
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, TM_XML_NAMESPACE) == 0 &&
         g_str_equal ((const char *) node->name, name);
}

static char *
dup_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup (content ? (const char *) content : "");

  xmlFree (content);
  return text;
}

static char *
dup_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *text = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return text;
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0')
    return FALSE;
  *value = v;
  return TRUE;
}

typedef struct {
  char     *id;
  char     *name;
  char     *name_en;
  gboolean  authorised;
  gboolean  unskilled;
  gboolean  hidden;
} ImportProfession;

static void
import_profession_free (ImportProfession *p)
{
  g_free (p->id);
  g_free (p->name);
  g_free (p->name_en);
  g_free (p);
}

static gboolean
parse_bool_prop (xmlNode    *node,
                 const char *name,
                 gboolean   *value)
{
  g_autofree char *text = dup_prop (node, name);

  if (text == NULL)
    return TRUE;
  if (g_str_equal (text, "true") || g_str_equal (text, "1"))
    *value = TRUE;
  else if (g_str_equal (text, "false") || g_str_equal (text, "0"))
    *value = FALSE;
  else
    return FALSE;
  return TRUE;
}

static gboolean
read_profession (xmlNode           *node,
                 const char        *display_name,
                 ImportProfession **out,
                 GError           **error)
{
  ImportProfession *p = g_new0 (ImportProfession, 1);

  p->id = dup_prop (node, "id");
  if (p->id == NULL || *p->id == '\0')
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A profession has no id."));
      import_profession_free (p);
      return FALSE;
    }

  if (!parse_bool_prop (node, "authorised", &p->authorised) ||
      !parse_bool_prop (node, "unskilled", &p->unskilled) ||
      !parse_bool_prop (node, "hidden", &p->hidden))
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A profession's yes/no value must be “true” or “false”."));
      import_profession_free (p);
      return FALSE;
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (is_element (child, "name"))
        {
          g_free (p->name);
          p->name = dup_text (child);
        }
      else if (is_element (child, "name-en"))
        {
          g_free (p->name_en);
          p->name_en = dup_text (child);
        }
    }

  if (p->name == NULL || *p->name == '\0')
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A profession has no name."));
      import_profession_free (p);
      return FALSE;
    }

  *out = p;
  return TRUE;
}

static gboolean
read_task (xmlNode      *node,
           const char   *display_name,
           TmTaskData  **out,
           GError      **error)
{
  g_autoptr(TmTaskData) data = tm_task_data_new ();
  g_autoptr(GError) local_error = NULL;
  gboolean have_title = FALSE;

  data->uuid = dup_prop (node, "id");
  if (data->uuid == NULL || !g_uuid_string_is_valid (data->uuid))
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A task has no valid id (a UUID)."));
      return FALSE;
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      g_autofree char *text = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (child, "title"))
        {
          g_free (data->title);
          data->title = dup_text (child);
          have_title = TRUE;
        }
      else if (is_element (child, "description"))
        {
          g_free (data->description);
          data->description = dup_text (child);
        }
      else if (is_element (child, "group"))
        {
          g_free (data->group);
          data->group = dup_text (child);
        }
      else if (is_element (child, "notes"))
        {
          g_free (data->notes);
          data->notes = dup_text (child);
        }
      else if (is_element (child, "level"))
        {
          text = dup_text (child);
          if (!tm_level_from_id (text, &data->level))
            {
              g_autofree char *msg =
                g_strdup_printf (_("“%s” is not a competence level."), text);
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
              return FALSE;
            }
        }
      else if (is_element (child, "complexity"))
        {
          text = dup_text (child);
          if (!tm_complexity_from_id (text, &data->complexity))
            {
              g_autofree char *msg =
                g_strdup_printf (_("“%s” is not a patient complexity."), text);
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
              return FALSE;
            }
        }
      else if (is_element (child, "time"))
        {
          g_autofree char *minutes = dup_prop (child, "minutes");
          g_autofree char *occurrences = dup_prop (child, "occurrences");
          g_autofree char *per = dup_prop (child, "per");

          if ((minutes && !parse_number (minutes, &data->minutes)) ||
              (occurrences && !parse_number (occurrences, &data->occurrences)) ||
              (per && !tm_per_from_id (per, &data->per)))
            {
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("The task's time is not a number, or its frequency is not “day” or “week”."));
              return FALSE;
            }
        }
      else if (is_element (child, "shifts"))
        {
          g_auto(GStrv) ids = NULL;

          text = dup_text (child);
          ids = g_strsplit_set (text, " \t\r\n", -1);
          for (guint i = 0; ids[i]; i++)
            {
              TmShifts shift;

              if (*ids[i] == '\0')
                continue;
              if (!tm_shift_from_id (ids[i], &shift))
                {
                  g_autofree char *msg = g_strdup_printf (_("“%s” is not a shift."), ids[i]);
                  set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
                  return FALSE;
                }
              data->shifts |= shift;
            }
        }
      else if (is_element (child, "assessment"))
        {
          TmAssessment a;
          g_autofree char *profession = dup_prop (child, "profession");
          g_autofree char *suitability = dup_prop (child, "suitability");
          g_autofree char *limit = dup_prop (child, "complexity-limit");
          g_autofree char *share = dup_prop (child, "share");
          g_autofree char *training = dup_prop (child, "training");
          g_autofree char *days = dup_prop (child, "training-days");
          g_autofree char *rationale = dup_prop (child, "rationale");
          gboolean ok;

          tm_assessment_init (&a, profession);
          ok = profession != NULL && *profession != '\0' &&
               (suitability == NULL || tm_suitability_from_id (suitability, &a.suitability)) &&
               (limit == NULL || tm_complexity_from_id (limit, &a.complexity_limit)) &&
               (share == NULL || parse_number (share, &a.share)) &&
               (training == NULL || tm_training_from_id (training, &a.training)) &&
               (days == NULL || parse_number (days, &a.training_days)) &&
               (rationale == NULL || tm_rationale_from_id (rationale, &a.rationale)) &&
               parse_bool_prop (child, "tested", &a.documented_by_test);

          for (xmlNode *part = child->children; ok && part; part = part->next)
            {
              if (is_element (part, "training-content"))
                {
                  g_free (a.training_content);
                  a.training_content = dup_text (part);
                }
              else if (is_element (part, "purpose"))
                {
                  g_free (a.purpose);
                  a.purpose = dup_text (part);
                }
              else if (is_element (part, "note"))
                {
                  g_free (a.note);
                  a.note = dup_text (part);
                }
            }

          if (!ok || tm_task_data_get_assessment (data, profession) != NULL)
            {
              tm_assessment_clear (&a);
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("An assessment has a value that does not exist, or its profession "
                                "is assessed twice."));
              return FALSE;
            }
          tm_task_data_set_assessment (data, &a);
          tm_assessment_clear (&a);
        }
      else if (is_element (child, "move"))
        {
          g_autofree char *scenario = dup_prop (child, "scenario");
          g_autofree char *kind = dup_prop (child, "kind");
          g_autofree char *share = dup_prop (child, "share");
          TmMove move = { NULL, TM_MOVE_TO_PROFESSION, NULL, 100 };

          move.profession_id = dup_prop (child, "profession");
          if (scenario == NULL || *scenario == '\0' ||
              (kind != NULL && !tm_move_kind_from_id (kind, &move.kind)) ||
              (share != NULL && !parse_number (share, &move.share)) ||
              tm_task_data_get_move (data, scenario) != NULL)
            {
              g_free (move.profession_id);
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("A move needs a scenario, a kind and a share, once per scenario."));
              return FALSE;
            }
          tm_task_data_set_move (data, scenario, &move);
          g_free (move.profession_id);
        }
      else if (is_element (child, "performed-by"))
        {
          g_autofree char *profession = dup_prop (child, "profession");
          g_autofree char *share_text = dup_prop (child, "share");
          double share = 100;

          if (profession == NULL || *profession == '\0' ||
              (share_text && !parse_number (share_text, &share)))
            {
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("A performer needs a profession and a share in percent."));
              return FALSE;
            }
          tm_task_data_set_performer (data, profession, share);
        }
      else
        {
          g_autofree char *msg =
            g_strdup_printf (_("The element “%s” does not belong in a task."),
                             (const char *) child->name);
          set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
          return FALSE;
        }
    }

  if (!have_title)
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node, _("A task has no title."));
      return FALSE;
    }

  if (!tm_task_data_validate (data, &local_error))
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node, local_error->message);
      return FALSE;
    }

  *out = g_steal_pointer (&data);
  return TRUE;
}

gboolean
tm_xml_import_data (TmPortfolio  *portfolio,
                    const char   *data,
                    gsize         length,
                    const char   *display_name,
                    GError      **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) professions = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GHashTable) new_ids = NULL;
  g_autoptr(GHashTable) scenarios = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) scenario_order = g_ptr_array_new_with_free_func (g_free);
  gboolean into_empty;
  g_autofree char *version_text = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *organisation = NULL;
  g_autofree char *notes = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean have_unit = FALSE;
  TmSetting setting;
  ParseState state = { display_name, FALSE };
  xmlNode *root;
  double version;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  if (length == 0)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("“%s” is empty."), display_name);
      return FALSE;
    }

  if (length > MAX_IMPORT_BYTES || length > G_MAXINT)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_FORBIDDEN,
                   _("“%s” is too large to import."), display_name);
      return FALSE;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("Could not read “%s”: out of memory."), display_name);
      return FALSE;
    }
  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_internal_subset;

  /* No network, no entity substitution, no DTD, no huge nodes. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, display_name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA);

  if (state.saw_doctype)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_FORBIDDEN,
                   _("“%s” contains a document type declaration (DOCTYPE). Taskmap does not read "
                     "such files, because they can make a program read other files or run out of memory."),
                   display_name);
      return FALSE;
    }

  if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *xerr = xmlCtxtGetLastError (ctxt);

      if (xerr != NULL)
        /* Translators: FILE:LINE:COLUMN: what is wrong (libxml2's words) */
        {
          g_autofree char *detail = g_strstrip (g_strdup (xerr->message ? xerr->message : ""));

          g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                       _("%s:%d:%d: This is not a readable XML file: %s"),
                       display_name, xerr->line, xerr->int2, detail);
        }
      else
        g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                     _("“%s” is not a readable XML file."), display_name);
      return FALSE;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_element (root, "portfolio"))
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_NOT_TASKMAP,
                   _("“%s” is XML, but not a Taskmap portfolio."), display_name);
      return FALSE;
    }

  version_text = dup_prop (root, "version");
  if (!parse_number (version_text, &version) || version < 1 || version != (int) version)
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, root,
                      _("The portfolio has no valid format version."));
      return FALSE;
    }

  if (version > TM_XML_FORMAT_VERSION)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_NEWER,
                   _("“%s” was written by a newer version of Taskmap (format %d; this version reads "
                     "up to %d). Update Taskmap to import it."),
                   display_name, (int) version, TM_XML_FORMAT_VERSION);
      return FALSE;
    }

  setting = tm_portfolio_get_setting (portfolio);
  professions = g_ptr_array_new_with_free_func ((GDestroyNotify) import_profession_free);
  tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);

  for (xmlNode *section = root->children; section; section = section->next)
    {
      if (section->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (section, "unit"))
        {
          have_unit = TRUE;
          for (xmlNode *child = section->children; child; child = child->next)
            {
              if (is_element (child, "name"))
                {
                  g_free (unit_name);
                  unit_name = dup_text (child);
                }
              else if (is_element (child, "organisation"))
                {
                  g_free (organisation);
                  organisation = dup_text (child);
                }
              else if (is_element (child, "notes"))
                {
                  g_free (notes);
                  notes = dup_text (child);
                }
              else if (is_element (child, "setting"))
                {
                  g_autofree char *text = dup_text (child);

                  if (!tm_setting_from_id (text, &setting))
                    {
                      g_autofree char *msg =
                        g_strdup_printf (_("“%s” is not a setting type."), text);
                      set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
                      return FALSE;
                    }
                }
            }
        }
      else if (is_element (section, "professions"))
        {
          for (xmlNode *child = section->children; child; child = child->next)
            {
              ImportProfession *p;

              if (!is_element (child, "profession"))
                continue;
              if (!read_profession (child, display_name, &p, error))
                return FALSE;
              g_ptr_array_add (professions, p);
            }
        }
      else if (is_element (section, "scenarios"))
        {
          for (xmlNode *child = section->children; child; child = child->next)
            {
              g_autofree char *id = NULL;
              char *name = NULL;

              if (!is_element (child, "scenario"))
                continue;
              id = dup_prop (child, "id");
              for (xmlNode *part = child->children; part; part = part->next)
                if (is_element (part, "name"))
                  {
                    g_free (name);
                    name = dup_text (part);
                  }
              if (id == NULL || *id == '\0' || name == NULL || *name == '\0' ||
                  g_hash_table_contains (scenarios, id))
                {
                  g_free (name);
                  set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                  _("A scenario needs a unique id and a name."));
                  return FALSE;
                }
              g_ptr_array_add (scenario_order, g_strdup (id));
              g_hash_table_insert (scenarios, g_steal_pointer (&id), name);
            }
        }
      else if (is_element (section, "tasks"))
        {
          for (xmlNode *child = section->children; child; child = child->next)
            {
              TmTaskData *task;

              if (child->type != XML_ELEMENT_NODE)
                continue;
              if (!is_element (child, "task"))
                {
                  g_autofree char *msg =
                    g_strdup_printf (_("The element “%s” does not belong in the task list."),
                                     (const char *) child->name);
                  set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
                  return FALSE;
                }
              if (!read_task (child, display_name, &task, error))
                return FALSE;
              g_ptr_array_add (tasks, task);
            }
        }
    }

  into_empty = g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)) == 0;

  /* Professions the file defines and the portfolio lacks are added; those it
   * has keep the names the unit gave them. */
  changes = g_ptr_array_new ();
  new_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < professions->len; i++)
    {
      ImportProfession *p = g_ptr_array_index (professions, i);

      TmProfession *existing = tm_portfolio_lookup_profession (portfolio, p->id);

      if (existing != NULL)
        {
          /* Into an empty portfolio the file's names and flags win, so a
           * round trip keeps a renamed or hidden profession. */
          if (into_empty &&
              (g_strcmp0 (tm_profession_get_name (existing), p->name) != 0 ||
               g_strcmp0 (tm_profession_get_name_en (existing), p->name_en ? p->name_en : "") != 0 ||
               tm_profession_get_authorised (existing) != p->authorised ||
               tm_profession_get_unskilled (existing) != p->unskilled ||
               tm_profession_get_hidden (existing) != p->hidden))
            g_ptr_array_add (changes, _tm_change_profession_new (portfolio, p->id, p->name,
                                                                 p->name_en, p->authorised,
                                                                 p->unskilled, p->hidden));
          continue;
        }

      if (!g_hash_table_add (new_ids, p->id))
        continue;

      g_ptr_array_add (changes, _tm_change_profession_new (portfolio, p->id, p->name, p->name_en,
                                                           p->authorised, p->unskilled, p->hidden));
    }

  /* Scenarios the portfolio lacks are added; into an empty portfolio the
   * file's names win, so a round trip gives back the same portfolio. */
  for (guint i = 0; i < scenario_order->len; i++)
    {
      const char *id = g_ptr_array_index (scenario_order, i);
      const char *name = g_hash_table_lookup (scenarios, id);
      TmScenario *existing = tm_portfolio_lookup_scenario (portfolio, id);

      if (existing == NULL || (into_empty && g_strcmp0 (tm_scenario_get_name (existing), name) != 0))
        g_ptr_array_add (changes, _tm_change_scenario_new (portfolio, id, name));
    }

  /* An empty portfolio takes the file's scenarios only (it has no moves to lose). */
  if (into_empty && scenario_order->len > 0)
    {
      GListModel *existing = tm_portfolio_get_scenarios (portfolio);

      for (guint i = 0; i < g_list_model_get_n_items (existing); i++)
        {
          g_autoptr(TmScenario) scenario = g_list_model_get_item (existing, i);

          if (!g_hash_table_contains (scenarios, tm_scenario_get_id (scenario)))
            g_ptr_array_add (changes, _tm_change_scenario_delete_new (portfolio,
                                                                      tm_scenario_get_id (scenario)));
        }
    }

  for (guint i = 0; i < tasks->len; i++)
    {
      TmTaskData *task = g_ptr_array_index (tasks, i);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint j = 0; j < task->performers->len; j++)
        g_ptr_array_add (ids, g_array_index (task->performers, TmPerformer, j).profession_id);
      for (guint j = 0; j < task->assessments->len; j++)
        g_ptr_array_add (ids, g_array_index (task->assessments, TmAssessment, j).profession_id);
      for (guint j = 0; j < task->moves->len; j++)
        {
          const TmMove *m = &g_array_index (task->moves, TmMove, j);

          if (m->profession_id != NULL)
            g_ptr_array_add (ids, m->profession_id);
          if (tm_portfolio_lookup_scenario (portfolio, m->scenario_id) == NULL &&
              !g_hash_table_contains (scenarios, m->scenario_id))
            {
              g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                           _("%s: the task “%s” has a move in a scenario that is neither in the file "
                             "nor in the portfolio: “%s”."),
                           display_name, task->title, m->scenario_id);
              g_ptr_array_set_free_func (changes, (GDestroyNotify) _tm_change_free);
              return FALSE;
            }
        }

      for (guint j = 0; j < ids->len; j++)
        {
          const char *id = g_ptr_array_index (ids, j);

          if (tm_portfolio_lookup_profession (portfolio, id) == NULL &&
              !g_hash_table_contains (new_ids, id))
            {
              /* Translators: %s is the id of a profession */
              g_autofree char *msg = g_strdup_printf (_("The task “%s” names a profession that is "
                                                        "neither in the file nor in the portfolio: “%s”."),
                                                      task->title, id);
              g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s: %s", display_name, msg);
              g_ptr_array_set_free_func (changes, (GDestroyNotify) _tm_change_free);
              return FALSE;
            }
        }
    }

  /* The unit's details come along into an empty portfolio only. */
  if (have_unit && into_empty)
    g_ptr_array_add (changes, _tm_change_unit_new (portfolio,
                                                   unit_name ? unit_name : tm_portfolio_get_unit_name (portfolio),
                                                   organisation ? organisation : tm_portfolio_get_organisation (portfolio),
                                                   setting,
                                                   notes ? notes : tm_portfolio_get_notes (portfolio)));

  {
    GListModel *existing = tm_portfolio_get_tasks (portfolio);
    guint n = g_list_model_get_n_items (existing);
    double position = 0;
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    if (n > 0)
      {
        g_autoptr(TmTask) last = g_list_model_get_item (existing, n - 1);
        position = _tm_task_get_position (last);
      }

    for (guint i = 0; i < tasks->len; i++)
      {
        TmTaskData *task = g_ptr_array_index (tasks, i);
        g_autofree char *uuid = g_ascii_strdown (task->uuid, -1);

        if (tm_portfolio_lookup_task (portfolio, uuid) != NULL || !g_hash_table_add (seen, task->uuid))
          {
            g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                         _("%s: the task “%s” (%s) is already in the portfolio or twice in the file."),
                         display_name, task->title, uuid);
            g_ptr_array_set_free_func (changes, (GDestroyNotify) _tm_change_free);
            return FALSE;
          }

        position += 1;
        g_ptr_array_add (changes, _tm_change_task_new (uuid, NULL, -1, task, position));
      }
  }

  if (!_tm_portfolio_apply (portfolio, _("Import"), g_steal_pointer (&changes), &local_error))
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s: %s", display_name,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
tm_xml_import_file (TmPortfolio  *portfolio,
                    GFile        *file,
                    GError      **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;

  return tm_xml_import_data (portfolio, contents, length, name, error);
}

/* Export */

static gboolean
write_text_element (xmlTextWriter *writer,
                    const char    *name,
                    const char    *text,
                    gboolean       even_if_empty)
{
  if (!even_if_empty && (text == NULL || *text == '\0'))
    return TRUE;
  return xmlTextWriterWriteElement (writer, (const xmlChar *) name,
                                    (const xmlChar *) (text ? text : "")) >= 0;
}

static gboolean
write_attr (xmlTextWriter *writer,
            const char    *name,
            const char    *value)
{
  return xmlTextWriterWriteAttribute (writer, (const xmlChar *) name,
                                      (const xmlChar *) value) >= 0;
}

static gboolean
write_number_attr (xmlTextWriter *writer,
                   const char    *name,
                   double         value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return write_attr (writer, name, g_ascii_dtostr (buf, sizeof buf, value));
}

static gboolean
export_portfolio (TmPortfolio   *portfolio,
                  xmlTextWriter *w)
{
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GListModel *scenario_list = tm_portfolio_get_scenarios (portfolio);
  char version[16];

  g_snprintf (version, sizeof version, "%d", TM_XML_FORMAT_VERSION);

  if (xmlTextWriterSetIndent (w, 1) < 0 ||
      xmlTextWriterSetIndentString (w, (const xmlChar *) "  ") < 0 ||
      xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL) < 0 ||
      xmlTextWriterStartElementNS (w, NULL, (const xmlChar *) "portfolio",
                                   (const xmlChar *) TM_XML_NAMESPACE) < 0 ||
      !write_attr (w, "version", version) ||
      !write_attr (w, "country", tm_country_to_id (tm_portfolio_get_country (portfolio))))
    return FALSE;

  if (xmlTextWriterStartElement (w, (const xmlChar *) "unit") < 0 ||
      !write_text_element (w, "name", tm_portfolio_get_unit_name (portfolio), TRUE) ||
      !write_text_element (w, "organisation", tm_portfolio_get_organisation (portfolio), FALSE) ||
      !write_text_element (w, "setting", tm_setting_to_id (tm_portfolio_get_setting (portfolio)), TRUE) ||
      !write_text_element (w, "notes", tm_portfolio_get_notes (portfolio), FALSE) ||
      xmlTextWriterEndElement (w) < 0)
    return FALSE;

  if (xmlTextWriterStartElement (w, (const xmlChar *) "professions") < 0)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (professions, i);

      if (xmlTextWriterStartElement (w, (const xmlChar *) "profession") < 0 ||
          !write_attr (w, "id", tm_profession_get_id (p)) ||
          !write_attr (w, "authorised", tm_profession_get_authorised (p) ? "true" : "false") ||
          !write_attr (w, "unskilled", tm_profession_get_unskilled (p) ? "true" : "false") ||
          !write_attr (w, "hidden", tm_profession_get_hidden (p) ? "true" : "false") ||
          !write_text_element (w, "name", tm_profession_get_name (p), TRUE) ||
          !write_text_element (w, "name-en", tm_profession_get_name_en (p), FALSE) ||
          xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }
  if (xmlTextWriterEndElement (w) < 0)
    return FALSE;

  {
    GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

    if (xmlTextWriterStartElement (w, (const xmlChar *) "scenarios") < 0)
      return FALSE;
    for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
      {
        g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

        if (xmlTextWriterStartElement (w, (const xmlChar *) "scenario") < 0 ||
            !write_attr (w, "id", tm_scenario_get_id (scenario)) ||
            !write_text_element (w, "name", tm_scenario_get_name (scenario), TRUE) ||
            xmlTextWriterEndElement (w) < 0)
          return FALSE;
      }
    if (xmlTextWriterEndElement (w) < 0)
      return FALSE;
  }

  if (xmlTextWriterStartElement (w, (const xmlChar *) "tasks") < 0)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *d = tm_task_peek_data (task);

      if (xmlTextWriterStartElement (w, (const xmlChar *) "task") < 0 ||
          !write_attr (w, "id", d->uuid) ||
          !write_text_element (w, "title", d->title, TRUE) ||
          !write_text_element (w, "description", d->description, FALSE) ||
          !write_text_element (w, "group", d->group, FALSE) ||
          !write_text_element (w, "level", tm_level_to_id (d->level), TRUE) ||
          !write_text_element (w, "complexity", tm_complexity_to_id (d->complexity), TRUE))
        return FALSE;

      if (d->minutes >= 0 || d->occurrences >= 0 || d->per != TM_PER_DAY)
        {
          if (xmlTextWriterStartElement (w, (const xmlChar *) "time") < 0 ||
              (d->minutes >= 0 && !write_number_attr (w, "minutes", d->minutes)) ||
              (d->occurrences >= 0 && !write_number_attr (w, "occurrences", d->occurrences)) ||
              !write_attr (w, "per", tm_per_to_id (d->per)) ||
              xmlTextWriterEndElement (w) < 0)
            return FALSE;
        }

      if (d->shifts != 0)
        {
          g_autoptr(GString) shifts = g_string_new (NULL);

          for (guint s = 0; s < TM_N_SHIFTS; s++)
            if (d->shifts & (1u << s))
              {
                if (shifts->len)
                  g_string_append_c (shifts, ' ');
                g_string_append (shifts, tm_shift_to_id (1u << s));
              }
          if (!write_text_element (w, "shifts", shifts->str, TRUE))
            return FALSE;
        }

      for (guint j = 0; j < d->performers->len; j++)
        {
          const TmPerformer *p = &g_array_index (d->performers, TmPerformer, j);

          if (xmlTextWriterStartElement (w, (const xmlChar *) "performed-by") < 0 ||
              !write_attr (w, "profession", p->profession_id) ||
              !write_number_attr (w, "share", p->share) ||
              xmlTextWriterEndElement (w) < 0)
            return FALSE;
        }

      for (guint j = 0; j < d->assessments->len; j++)
        {
          const TmAssessment *a = &g_array_index (d->assessments, TmAssessment, j);

          if (xmlTextWriterStartElement (w, (const xmlChar *) "assessment") < 0 ||
              !write_attr (w, "profession", a->profession_id) ||
              !write_attr (w, "suitability", tm_suitability_to_id (a->suitability)) ||
              !write_attr (w, "complexity-limit", tm_complexity_to_id (a->complexity_limit)) ||
              !write_number_attr (w, "share", a->share) ||
              !write_attr (w, "training", tm_training_to_id (a->training)) ||
              (a->training_days >= 0 && !write_number_attr (w, "training-days", a->training_days)) ||
              !write_attr (w, "tested", a->documented_by_test ? "true" : "false") ||
              !write_attr (w, "rationale", tm_rationale_to_id (a->rationale)) ||
              !write_text_element (w, "training-content", a->training_content, FALSE) ||
              !write_text_element (w, "purpose", a->purpose, FALSE) ||
              !write_text_element (w, "note", a->note, FALSE) ||
              xmlTextWriterEndElement (w) < 0)
            return FALSE;
        }

      /* In the scenarios' order, however the moves were chosen: deterministic. */
      for (guint k = 0; k < g_list_model_get_n_items (scenario_list); k++)
        {
          g_autoptr(TmScenario) scenario = g_list_model_get_item (scenario_list, k);
          const TmMove *m = tm_task_data_get_move (d, tm_scenario_get_id (scenario));

          if (m == NULL)
            continue;

          if (xmlTextWriterStartElement (w, (const xmlChar *) "move") < 0 ||
              !write_attr (w, "scenario", m->scenario_id) ||
              !write_attr (w, "kind", tm_move_kind_to_id (m->kind)) ||
              (m->profession_id != NULL && !write_attr (w, "profession", m->profession_id)) ||
              !write_number_attr (w, "share", m->share) ||
              xmlTextWriterEndElement (w) < 0)
            return FALSE;
        }

      if (!write_text_element (w, "notes", d->notes, FALSE) ||
          xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }

  return xmlTextWriterEndElement (w) >= 0 &&   /* tasks */
         xmlTextWriterEndElement (w) >= 0 &&   /* portfolio */
         xmlTextWriterEndDocument (w) >= 0;
}

char *
tm_xml_export_data (TmPortfolio  *portfolio,
                    gsize        *length,
                    GError      **error)
{
  g_autoptr(xmlBuffer) buffer = NULL;
  g_autoptr(xmlTextWriter) writer = NULL;
  char *result;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  buffer = xmlBufferCreate ();
  writer = buffer ? xmlNewTextWriterMemory (buffer, 0) : NULL;

  if (writer == NULL || !export_portfolio (portfolio, writer))
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("Could not write the portfolio as XML."));
      return NULL;
    }

  g_clear_pointer (&writer, xmlFreeTextWriter);   /* flushes into the buffer */
  result = g_strndup ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
  if (length)
    *length = xmlBufferLength (buffer);
  return result;
}

gboolean
tm_xml_export_file (TmPortfolio  *portfolio,
                    GFile        *file,
                    GError      **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  data = tm_xml_export_data (portfolio, &length, error);
  if (data == NULL)
    return FALSE;

  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}

/* Examples */

gboolean
tm_example_load (TmPortfolio  *portfolio,
                 GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);

  path = g_strdup_printf ("/org/taskmap/Taskmap/core/examples/ward-runner-%s.xml",
                          tm_country_to_id (tm_portfolio_get_country (portfolio)));
  /* Looked up in our own resource: a static library's constructor may never run. */
  bytes = g_resource_lookup_data (tm_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                  error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &length);
  return tm_xml_import_data (portfolio, data, length, strrchr (path, '/') + 1, error);
}

TmPortfolio *
tm_example_create (GFile      *file,
                   TmCountry   country,
                   GError    **error)
{
  g_autoptr(TmPortfolio) portfolio = NULL;

  portfolio = tm_portfolio_create (file, country, "", error);
  if (portfolio == NULL)
    return NULL;

  if (!tm_example_load (portfolio, error))
    {
      if (file != NULL)
        {
          g_autofree char *path = g_file_get_path (file);

          tm_portfolio_close (portfolio);
          if (path != NULL)
            {
              g_autofree char *wal = g_strconcat (path, "-wal", NULL);

              g_unlink (path);
              g_unlink (wal);
            }
        }
      return NULL;
    }

  /* The example is the starting point, not an edit to undo. */
  _tm_portfolio_clear_undo (portfolio);
  return g_steal_pointer (&portfolio);
}
