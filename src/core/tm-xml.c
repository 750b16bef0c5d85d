/* tm-xml.c
 * The Taskmap exchange format: import, export and the bundled examples.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>
#include <libxml/xmlwriter.h>

#include "tm-xml.h"
#include "tm-core-resources.h"
#include "tm-portfolio-private.h"
#include "tm-task-private.h"
#include "tm-xml-private.h"
#include "tm-workshop-private.h"
#include "tm-merge.h"
#include "tm-language.h"

G_DEFINE_QUARK (tm-xml-error-quark, tm_xml_error)

/* Far beyond any real unit or region; a guard against files made to exhaust memory. */
#define MAX_IMPORT_BYTES (512u * 1024u * 1024u)

/* A portfolio is five levels deep (portfolio, tasks, task, assessment, note);
 * a file nested much deeper was made to exhaust the parser or the validator. */
#define MAX_DEPTH 16

/* The published XSD (data/taskmap-portfolio.xsd), compiled into the core. */
#define SCHEMA_RESOURCE "/org/taskmap/Taskmap/core/schema/taskmap-portfolio.xsd"

/* Values quoted in messages are cut to this many characters. */
#define MAX_QUOTED_CHARS 60

#if LIBXML_VERSION >= 21200
typedef const xmlError *TmXmlErrorPtr;
#else
typedef xmlErrorPtr TmXmlErrorPtr;
#endif

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlTextWriter, xmlFreeTextWriter)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlBuffer, xmlBufferFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt)

typedef struct {
  long  line;
  guint column;
} TaskPlace;

typedef struct {
  const char *display_name;
  gboolean    saw_doctype;
  guint       depth;
  gboolean    root_is_portfolio;
  gboolean    too_deep;
  long        deep_line;
  guint       deep_column;
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

/* The column of the start tag the parser has just read. The parser stands at
 * its end (“>” or “/>”); its start is the last “<” before, since “<” cannot
 * occur inside attribute values. A tag over several lines gets the column of
 * its end, on the line libxml2 gives the element. */
static guint
tag_column (xmlParserCtxtPtr ctxt)
{
  xmlParserInputPtr in = ctxt->input;
  long column;

  if (in == NULL || in->cur == NULL || in->base == NULL || in->col <= 0)
    return 0;

  column = in->col;
  for (const xmlChar *p = in->cur; p > in->base; )
    {
      p--;
      if (*p == '\n')
        return (guint) MIN (in->col, G_MAXINT);
      if ((*p & 0xc0) != 0x80)
        column--;
      if (*p == '<')
        return (guint) CLAMP (column, 1, G_MAXINT);
    }

  return (guint) MIN (in->col, G_MAXINT);
}

/* Counts the depth, stops the parser beyond MAX_DEPTH, and keeps each
 * element's column in its _private field for the messages. */
static void
on_start_element (void           *ctx,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  state->depth++;
  if (state->depth == 1)
    state->root_is_portfolio = uri != NULL &&
                               xmlStrEqual (uri, (const xmlChar *) TM_XML_NAMESPACE) &&
                               xmlStrEqual (localname, (const xmlChar *) "portfolio");

  if (state->depth > MAX_DEPTH)
    {
      state->too_deep = TRUE;
      state->deep_line = ctxt->input != NULL ? ctxt->input->line : 0;
      state->deep_column = tag_column (ctxt);
      xmlStopParser (ctxt);
      return;
    }

  xmlSAX2StartElementNs (ctx, localname, prefix, uri, n_namespaces, namespaces,
                         n_attributes, n_defaulted, attributes);

  /* The new element is the parser's current node; it has no column yet. */
  if (ctxt->node != NULL && ctxt->node->_private == NULL)
    ctxt->node->_private = GUINT_TO_POINTER (tag_column (ctxt));
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  if (state->depth > 0)
    state->depth--;
  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
}

static long
node_line (xmlNode *node)
{
  return node != NULL ? xmlGetLineNo (node) : 0;
}

static guint
node_column (xmlNode *node)
{
  return node != NULL && node->type == XML_ELEMENT_NODE ? GPOINTER_TO_UINT (node->_private) : 0;
}

/* FILE:LINE:COLUMN: message, as compilers write it. */
static void
set_node_error (GError           **error,
                TmXmlError         code,
                const char        *display_name,
                xmlNode           *node,
                const char        *message)
{
  g_set_error (error, TM_XML_ERROR, code, "%s:%ld:%u: %s",
               display_name, node_line (node), node_column (node), message);
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
  g_autofree char *stripped = NULL;
  char *end = NULL;
  double v;

  if (text == NULL)
    return FALSE;
  /* As XML Schema reads numbers: spaces around them do not count. */
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return FALSE;
  v = g_ascii_strtod (stripped, &end);
  if (end == stripped || *end != '\0' || !isfinite (v))
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

struct _TmXmlDocument {
  char       *display_name;
  gboolean    have_unit;
  gboolean    have_setting;
  char       *unit_name;
  char       *organisation;
  char       *notes;
  TmSetting   setting;
  GPtrArray  *professions;     /* of ImportProfession */
  GHashTable *scenarios;       /* id → name */
  GPtrArray  *scenario_order;  /* of ids */
  GPtrArray  *tasks;           /* of TmTaskData, ids in lower case */
  GArray     *places;          /* of TaskPlace, one per task */
  char       *last_meeting;    /* NULL when the file has none */
  GPtrArray  *workshops;       /* of TmWorkshopData */
  GArray     *workshop_places; /* of TaskPlace, one per workshop */
  GPtrArray  *history;         /* of TmHistoryEntry */
  GPtrArray  *staffing;        /* of TmStaffing, one per unit ("" the file's own) */
  GArray     *staffing_places; /* of TaskPlace, one per staffing */
  char       *language;        /* NULL when the file does not say */
};

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
parse_timestamp (const char *text,
                 gint64     *seconds)
{
  g_autoptr(GDateTime) when = NULL;

  if (text == NULL)
    return FALSE;
  when = g_date_time_new_from_iso8601 (text, NULL);
  if (when == NULL || g_date_time_to_unix (when) < 0)
    return FALSE;
  *seconds = g_date_time_to_unix (when);
  return TRUE;
}

/* Empty texts are kept as NULL in a review. */
static char *
dup_text_or_null (xmlNode *node)
{
  char *text = dup_text (node);

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static gboolean
read_review (xmlNode       *node,
             const char    *display_name,
             TmMoveReview  *r,
             GError       **error)
{
  g_autofree char *scenario = dup_prop (node, "scenario");
  g_autofree char *risk = dup_prop (node, "risk");
  g_autofree char *barriers = dup_prop (node, "barriers");

  tm_move_review_init (r, scenario);
  if (scenario == NULL || *scenario == '\0' || (risk != NULL && !tm_risk_from_id (risk, &r->risk)))
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("The assessment of a move needs a scenario and a known risk."));
      return FALSE;
    }

  if (barriers != NULL)
    {
      g_auto(GStrv) ids = g_strsplit_set (barriers, " \t\r\n", -1);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          TmBarrier b;

          if (*ids[i] == '\0')
            continue;
          if (!tm_barrier_from_id (ids[i], &b))
            {
              g_autofree char *msg = g_strdup_printf (_("“%s” is not a barrier theme."), ids[i]);

              set_node_error (error, TM_XML_ERROR_INVALID, display_name, node, msg);
              return FALSE;
            }
          r->barriers |= b;
        }
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (child, "check"))
        {
          g_autofree char *item = dup_prop (child, "item");
          g_autofree char *state = dup_prop (child, "state");
          TmCheckItem i;
          TmCheckState st = TM_CHECK_NOT_CONSIDERED;

          if (!tm_check_item_from_id (item, &i) || (state != NULL && !tm_check_state_from_id (state, &st)))
            {
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("An item of the checklist is unknown or has an unknown answer."));
              return FALSE;
            }
          r->checks[i].state = st;
          g_free (r->checks[i].note);
          r->checks[i].note = dup_text_or_null (child);
        }
      else if (is_element (child, "quality"))
        {
          g_autofree char *component = dup_prop (child, "component");
          g_autofree char *rating = dup_prop (child, "rating");
          TmQualityComponent c;
          TmRating rt = TM_RATING_UNKNOWN;

          if (!tm_quality_component_from_id (component, &c) ||
              (rating != NULL && !tm_rating_from_id (rating, &rt)))
            {
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("A quality component is unknown or has an unknown rating."));
              return FALSE;
            }
          r->quality[c].rating = rt;
          g_free (r->quality[c].note);
          r->quality[c].note = dup_text_or_null (child);
        }
      else if (is_element (child, "status-change"))
        {
          g_autofree char *status = dup_prop (child, "status");
          g_autofree char *when = dup_prop (child, "when");
          g_autofree char *open = dup_prop (child, "open");
          TmStatusChange c = { 0 };
          double n_open = 0;

          if (!tm_move_status_from_id (status, &c.status) || !parse_timestamp (when, &c.when) ||
              (open != NULL && (!parse_number (open, &n_open) || n_open < 0 ||
                                n_open > TM_N_CHECK_ITEMS || n_open != (guint) n_open)))
            {
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("A change of a move's status needs a known status and a valid time."));
              return FALSE;
            }
          c.n_open = (guint) n_open;
          c.who = dup_prop (child, "who");
          c.note = dup_text_or_null (child);
          g_array_append_val (r->status_log, c);
        }
      else
        {
          char **field = NULL;

          if (is_element (child, "barrier-note"))
            field = &r->barrier_note;
          else if (is_element (child, "mitigation"))
            field = &r->mitigation;
          else if (is_element (child, "responsible"))
            field = &r->responsible;
          else if (is_element (child, "delegation-instruction"))
            field = &r->delegation_ref;
          else if (is_element (child, "quality-standards"))
            field = &r->quality_standards;
          else if (is_element (child, "follow-up"))
            field = &r->follow_up;

          if (field == NULL)
            {
              g_autofree char *msg =
                g_strdup_printf (_("The element “%s” does not belong in the assessment of a move."),
                                 (const char *) child->name);
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
              return FALSE;
            }
          g_free (*field);
          *field = dup_text_or_null (child);
        }
    }

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

  data->unit = dup_prop (node, "unit");
  if (data->unit != NULL && *data->unit == '\0')
    g_clear_pointer (&data->unit, g_free);

  {
    g_autofree char *modified = dup_prop (node, "modified");

    if (modified != NULL && !parse_timestamp (modified, &data->modified))
      {
        set_node_error (error, TM_XML_ERROR_INVALID, display_name, node,
                        _("A task's time of last change is not a valid date and time."));
        return FALSE;
      }
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
      else if (is_element (child, "review"))
        {
          TmMoveReview review;

          if (!read_review (child, display_name, &review, error))
            {
              tm_move_review_clear (&review);
              return FALSE;
            }
          if (tm_task_data_get_review (data, review.scenario_id) != NULL)
            {
              tm_move_review_clear (&review);
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("A task has two assessments of its move in the same scenario."));
              return FALSE;
            }
          tm_task_data_set_review (data, &review);
          tm_move_review_clear (&review);
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

/* Validation against the published schema */

static void
on_schema_parse_error (void          *user_data,
                       TmXmlErrorPtr  err)
{
  g_warning ("The XML schema of the exchange format does not compile: %s",
             err->message ? err->message : "?");
}

static gpointer
load_schema (gpointer user_data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  gsize length = 0;
  const char *data;

  /* Looked up in our own resource: a static library's constructor may never run. */
  bytes = g_resource_lookup_data (tm_core_get_resource (), SCHEMA_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("The XML schema of the exchange format is missing: %s", error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  parser = xmlSchemaNewMemParserCtxt (data, (int) length);
  if (parser == NULL)
    return NULL;
  xmlSchemaSetParserStructuredErrors (parser, (xmlStructuredErrorFunc) on_schema_parse_error, NULL);
  schema = xmlSchemaParse (parser);
  xmlSchemaFreeParserCtxt (parser);

  return schema;
}

/* The compiled schema, made once and shared: validation only reads it. */
static xmlSchemaPtr
get_schema (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_schema, NULL);
  return once.retval;
}

/* The elements that must be there, in the words of the messages. */
typedef struct {
  const char *parent;
  const char *child;
  const char *message;
} RequiredChild;

static const RequiredChild required_children[] = {
  { "portfolio", "tasks", N_("The portfolio has no task list (the element “tasks”).") },
  { "unit", "name", N_("The unit is missing its name.") },
  { "unit", "setting", N_("The unit is missing its setting type.") },
  { "profession", "name", N_("A profession is missing its name.") },
  { "scenario", "name", N_("A scenario is missing its name.") },
  { "task", "title", N_("A task is missing its title.") },
  { "task", "level", N_("A task is missing its competence level.") },
  { "task", "complexity", N_("A task is missing its patient complexity.") },
};

/* The elements each element may hold, whatever their order. */
static const struct {
  const char *parent;
  const char *children;
} known_children[] = {
  { "portfolio", " unit professions staffing scenarios tasks workshops history " },
  { "staffing", " staff " },
  { "unit", " name organisation setting notes last-committee-meeting " },
  { "professions", " profession " },
  { "profession", " name name-en " },
  { "scenarios", " scenario " },
  { "scenario", " name " },
  { "tasks", " task " },
  { "task", " title description group level complexity time shifts performed-by assessment move notes review " },
  { "assessment", " training-content purpose note " },
  { "review", " check quality barrier-note mitigation responsible delegation-instruction quality-standards follow-up status-change " },
  { "workshops", " workshop " },
  { "workshop", " title facilitator participants names decisions decided " },
  { "history", " change " },
  { "change", " task-title old new " },
};

static gboolean
is_known_child (xmlNode *parent,
                xmlNode *child)
{
  g_autofree char *word = NULL;

  if (parent == NULL || parent->type != XML_ELEMENT_NODE || child->ns == NULL ||
      !xmlStrEqual (child->ns->href, (const xmlChar *) TM_XML_NAMESPACE))
    return FALSE;

  word = g_strconcat (" ", (const char *) child->name, " ", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (known_children); i++)
    if (xmlStrEqual (parent->name, (const xmlChar *) known_children[i].parent))
      return strstr (known_children[i].children, word) != NULL;
  return FALSE;
}

static gboolean
has_child (xmlNode    *node,
           const char *name)
{
  for (xmlNode *child = node->children; child; child = child->next)
    if (is_element (child, name))
      return TRUE;
  return FALSE;
}

/* The first element @node must hold and lacks, as a sentence. */
static const char *
missing_child (xmlNode *node)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (required_children); i++)
    if (xmlStrEqual (node->name, (const xmlChar *) required_children[i].parent) &&
        !has_child (node, required_children[i].child))
      return _(required_children[i].message);
  return NULL;
}

/* @text cut to MAX_QUOTED_CHARS characters on one line, for a message. */
static char *
quote_value (const char *text)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == MAX_QUOTED_CHARS)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* The attribute a libxml2 schema message is about: it writes
 * “Element '…', attribute 'NAME': …” and names it nowhere else. */
static char *
error_attribute (TmXmlErrorPtr err)
{
  const char *at;
  const char *end;

  if (err->message == NULL || (at = strstr (err->message, "', attribute '")) == NULL)
    return NULL;
  at += strlen ("', attribute '");
  end = strchr (at, '\'');
  return end != NULL ? g_strndup (at, end - at) : NULL;
}

static gboolean
is_number_field (const char *field)
{
  static const char * const numbers[] = { "minutes", "occurrences", "share", "training-days", "fte",
                                          "hours-per-fte", "shift-hours", NULL };

  return g_strv_contains (numbers, field);
}

/* A value that does not exist for @field (an enumeration), in words. */
static char *
describe_unknown_value (const char *element,
                        const char *attribute,
                        const char *value)
{
  const char *field = attribute ? attribute : element;

  if (g_str_equal (field, "level"))
    return g_strdup_printf (_("“%s” is not a competence level."), value);
  if (g_str_equal (field, "complexity"))
    return g_strdup_printf (_("“%s” is not a patient complexity."), value);
  if (g_str_equal (field, "complexity-limit"))
    {
      if (g_str_equal (value, "varies"))
        /* Translators: “varies”, low, moderate and high are values as written in the
         * file: keep them in English */
        return g_strdup (_("A complexity limit cannot be “varies”: say up to which complexity (low, "
                           "moderate or high) the profession may do the task."));
      /* Translators: the words in parentheses are values as written in the file:
       * keep them in English */
      return g_strdup_printf (_("“%s” is not a complexity limit (low, moderate, high or not-assessed)."),
                              value);
    }
  if (g_str_equal (field, "setting"))
    return g_strdup_printf (_("“%s” is not a setting type."), value);
  if (g_str_equal (field, "language"))
    /* Translators: %s is a value; keep da, nb and en as they are */
    return g_strdup_printf (_("“%s” is not a language of Taskmap’s (da, nb or en)."), value);
  if (g_str_equal (field, "country"))
    /* Translators: dk and no are values as written in the file: keep them */
    return g_strdup_printf (_("“%s” is not a country Taskmap knows (dk or no)."), value);
  if (g_str_equal (field, "per"))
    /* Translators: do not translate “day” and “week”: they are written so in the file */
    return g_strdup_printf (_("“%s” is not a frequency: write “day” or “week”."), value);
  if (g_str_equal (field, "shifts"))
    return g_strdup_printf (_("“%s” is not a shift."), value);
  if (g_str_equal (field, "suitability"))
    return g_strdup_printf (_("“%s” is not a suitability of a profession for a task."), value);
  if (g_str_equal (field, "training"))
    return g_strdup_printf (_("“%s” is not a kind of training."), value);
  if (g_str_equal (field, "rationale"))
    return g_strdup_printf (_("“%s” is not a rationale for moving a task."), value);
  if (g_str_equal (field, "kind"))
    /* Translators: do not translate “profession”, “stop” and “technology”: they are written so in the file */
    return g_strdup_printf (_("“%s” is not a kind of move: write “profession”, “stop” or “technology”."),
                            value);

  /* Translators: the first %s is a value, the second the name of an element or attribute */
  return g_strdup_printf (_("“%s” is not one of the values “%s” can have."), value, field);
}

/* A value of the wrong form (a type or a pattern), in words. */
static char *
describe_bad_form (const char *element,
                   const char *attribute,
                   const char *value)
{
  const char *field = attribute ? attribute : element;
  static const char * const booleans[] = { "authorised", "unskilled", "hidden", "tested", NULL };

  if (g_strv_contains (booleans, field))
    /* Translators: the first %s is a value, the second the name of an attribute;
     * do not translate “true” and “false” */
    return g_strdup_printf (_("“%s” is not yes or no: “%s” must be “true” or “false”."), value, field);
  if (g_str_equal (element, "task") && g_strcmp0 (attribute, "id") == 0)
    return g_strdup_printf (_("“%s” is not a valid task id: a task id is a UUID such as "
                              "5f38708f-4425-4ede-a606-f12a05689a6e."), value);
  if (g_strcmp0 (attribute, "id") == 0 || g_strcmp0 (attribute, "profession") == 0 ||
      g_strcmp0 (attribute, "scenario") == 0)
    return g_strdup_printf (_("“%s” is not a valid id: an id has no spaces and at most 256 characters."),
                            value);
  if (is_number_field (field))
    return g_strdup_printf (_("“%s” is not a number (write decimals with a point, as in 2.5)."), value);
  if (g_str_equal (field, "version"))
    return g_strdup_printf (_("“%s” is not a format version."), value);

  /* Translators: the first %s is a value, the second the name of an element or attribute */
  return g_strdup_printf (_("“%s” is not a valid value for “%s”."), value, field);
}

/* A value outside its range, in words. */
static char *
describe_out_of_range (const char *element,
                       const char *attribute,
                       const char *value)
{
  const char *field = attribute ? attribute : element;
  double number;

  /* NaN and INF compare, but they are not numbers a person writes. */
  if (!parse_number (value, &number))
    return describe_bad_form (element, attribute, value);

  if (g_str_equal (field, "share") && g_str_equal (element, "move"))
    return g_strdup_printf (_("The share of a move must be more than 0 and at most 100 percent, not %s."),
                            value);
  if (g_str_equal (field, "share"))
    return g_strdup_printf (_("A share must be from 0 to 100 percent, not %s."), value);
  if (g_str_equal (field, "minutes"))
    return g_strdup_printf (_("The minutes per occurrence must be from 0 to %d, not %s."), 24 * 60, value);
  if (g_str_equal (field, "occurrences"))
    return g_strdup_printf (_("The number of occurrences must be from 0 to %d, not %s."), 100000, value);
  if (g_str_equal (field, "training-days"))
    return g_strdup_printf (_("The days of training must be from 0 to %d, not %s."), 5 * 365, value);
  /* The staffing's limits are the core's: one rule for the window, the CLI and files. */
  if (g_str_equal (field, "fte") || g_str_equal (field, "hours-per-fte") ||
      g_str_equal (field, "shift-hours"))
    {
      g_autoptr(GError) local = NULL;

      if (g_str_equal (field, "fte"))
        tm_staffing_check_fte (number, NULL, &local);
      else if (g_str_equal (field, "hours-per-fte"))
        tm_staffing_check_hours_per_fte (number, NULL, &local);
      else
        tm_staffing_check_shift_hours (number, &local);
      if (local != NULL)
        return g_strdup (local->message);
    }

  /* Translators: the first %s is a value, the second the name of an element or attribute */
  return g_strdup_printf (_("“%s” is out of the range “%s” allows."), value, field);
}

/* The text is too long or empty, in words. */
static char *
describe_length (int         code,
                 xmlNode    *node,
                 const char *element,
                 const char *attribute)
{
  gboolean too_long = code == XML_SCHEMAV_CVC_MAXLENGTH_VALID;
  const char *field = attribute ? attribute : element;

  if (g_str_equal (field, "title"))
    return too_long ? g_strdup_printf (_("A task's title is longer than %d characters."), 1000)
                    : g_strdup (_("A task's title is empty."));
  if (!too_long && g_str_equal (element, "name") && node->parent != NULL &&
      xmlStrEqual (node->parent->name, (const xmlChar *) "profession"))
    return g_strdup (_("A profession's name is empty."));
  if (!too_long && g_str_equal (element, "name") && node->parent != NULL &&
      xmlStrEqual (node->parent->name, (const xmlChar *) "scenario"))
    return g_strdup (_("A scenario's name is empty."));
  if (!too_long && attribute != NULL)
    /* Translators: %s is the name of an attribute, such as “profession” */
    return g_strdup_printf (_("“%s” is empty."), attribute);
  if (too_long && attribute != NULL)
    return g_strdup_printf (_("“%s” is too long."), attribute);
  /* Translators: %s is the name of an element, such as “notes” */
  return too_long ? g_strdup_printf (_("The text in “%s” is too long."), element)
                  : g_strdup_printf (_("“%s” is empty."), element);
}

/* What a schema error means, in words a manager understands, and the
 * element it is about (for the line and column). NULL for errors that are
 * not worth telling (libxml2's follow-up warnings). */
static char *
describe_schema_error (TmXmlErrorPtr   err,
                       xmlNode       **where)
{
  xmlNode *node = err->node;
  g_autofree char *attribute = NULL;
  g_autofree char *raw_value = NULL;
  g_autofree char *value = NULL;
  const char *element;

  if (node != NULL && node->type == XML_ATTRIBUTE_NODE)
    {
      attribute = g_strdup ((const char *) node->name);
      node = node->parent;
    }
  if (node != NULL && node->type != XML_ELEMENT_NODE)
    node = NULL;
  *where = node;
  element = node != NULL ? (const char *) node->name : "";

  if (attribute == NULL)
    attribute = error_attribute (err);

  /* The value as written: libxml2 gives the offending one (a list's item) in str1. */
  if (err->str1 != NULL)
    raw_value = g_strdup (err->str1);
  else if (node != NULL && attribute != NULL)
    raw_value = dup_prop (node, attribute);
  else if (node != NULL)
    raw_value = dup_text (node);
  value = quote_value (raw_value);

  switch (err->code)
    {
    case XML_SCHEMAV_CVC_ENUMERATION_VALID:
      return describe_unknown_value (element, attribute, value);

    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
      return describe_out_of_range (element, attribute, value);

    case XML_SCHEMAV_CVC_PATTERN_VALID:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
      return describe_bad_form (element, attribute, value);

    case XML_SCHEMAV_CVC_LENGTH_VALID:
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
      if (node == NULL)
        break;
      return describe_length (err->code, node, element, attribute);

    case XML_SCHEMAV_CVC_IDC:
      {
        g_autofree char *id = NULL;
        g_autofree char *quoted = NULL;

        /* Without a key, libxml2 only follows up on a value it already refused. */
        if (err->str1 == NULL || node == NULL)
          return NULL;
        id = dup_prop (node, "id");
        quoted = quote_value (id);
        if (g_str_equal (element, "task"))
          return g_strdup_printf (_("The task id %s appears twice in the file."), quoted);
        if (g_str_equal (element, "scenario"))
          return g_strdup_printf (_("The scenario id “%s” appears twice in the file."), quoted);
        if (g_str_equal (element, "profession"))
          return g_strdup_printf (_("The profession id “%s” appears twice in the file."), quoted);
        if (g_str_equal (element, "staff"))
          {
            g_autofree char *profession = dup_prop (node, "profession");
            g_autofree char *quoted_profession = quote_value (profession);

            /* Translators: %s is a profession's id */
            return g_strdup_printf (_("The staffing of “%s” is given twice."), quoted_profession);
          }
        /* Translators: %s is the name of an element */
        return g_strdup_printf (_("Two “%s” elements have the same id."), element);
      }

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:   /* a required attribute is missing */
      {
        const char *name = err->str1 ? (const char *) err->str1 : "";

        if (g_str_equal (element, "task") && g_str_equal (name, "id"))
          return g_strdup (_("A task has no id (a UUID)."));
        if (g_str_equal (element, "profession") && g_str_equal (name, "id"))
          return g_strdup (_("A profession has no id."));
        if (g_str_equal (element, "scenario") && g_str_equal (name, "id"))
          return g_strdup (_("A scenario has no id."));
        if (g_str_equal (element, "performed-by"))
          return g_strdup (_("A performer does not say which profession performs the task."));
        if (g_str_equal (element, "assessment"))
          return g_strdup (_("An assessment does not say which profession it is about."));
        if (g_str_equal (element, "move"))
          return g_strdup (_("A move does not say which scenario it belongs to."));
        if (g_str_equal (element, "staff"))
          return g_strdup (_("A staffing does not say which profession it is for."));
        if (g_str_equal (element, "portfolio") && g_str_equal (name, "country"))
          return g_strdup (_("The portfolio does not say its country (dk or no)."));
        /* Translators: the first %s is an element, the second an attribute */
        return g_strdup_printf (_("“%s” lacks the attribute “%s”."), element, name);
      }

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:   /* an attribute that does not belong */
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
      /* Translators: the first %s is an attribute, the second an element */
      return g_strdup_printf (_("The attribute “%s” does not belong in “%s”."),
                              err->str1 ? (const char *) err->str1 : attribute ? attribute : "?",
                              element);

    case XML_SCHEMAV_ELEMENT_CONTENT:
      {
        gboolean missing = err->message != NULL && strstr (err->message, "Missing child") != NULL;
        xmlNode *parent = missing ? node : node ? node->parent : NULL;
        const char *lacks = missing_child (parent);

        /* Say what is missing rather than what comes instead, at the element that lacks it. */
        if (lacks != NULL)
          {
            *where = parent;
            return g_strdup (lacks);
          }
        if (missing || node == NULL)
          /* Translators: %s is the name of an element */
          return g_strdup_printf (_("“%s” is missing an element it needs."), element);
        if (is_known_child (parent, node))
          /* Translators: the first %s is an element, the second the element that holds it */
          return g_strdup_printf (_("The element “%s” is in the wrong place in “%s”, or there is one "
                                    "too many."), element, (const char *) parent->name);
        if (parent != NULL && parent->type == XML_ELEMENT_NODE)
          return g_strdup_printf (_("The element “%s” does not belong in “%s”."), element,
                                  (const char *) parent->name);
        return g_strdup_printf (_("The element “%s” does not belong here."), element);
      }

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:   /* content in an element that must be empty */
      /* Translators: %s is the name of an element */
      return g_strdup_printf (_("“%s” must be empty: its values are in its attributes."), element);

    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:   /* text between elements */
      return g_strdup_printf (_("There is text directly in “%s”, where only elements belong."), element);

    case XML_SCHEMAV_CVC_TYPE_3_1_2:   /* elements in an element that holds text */
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
      return g_strdup_printf (_("“%s” holds other elements, but it may only hold text."), element);

    default:
      break;
    }

  {
    g_autofree char *detail = g_strstrip (g_strdup (err->message ? err->message : ""));

    /* Translators: %s is libxml2's description, in English */
    return g_strdup_printf (_("The file does not follow the Taskmap format (%s)."), detail);
  }
}

typedef struct {
  char    *message;   /* the first error, in words */
  long     line;
  guint    column;
  guint    n_more;
  void    *last_node;
  int      last_code;
  char    *last_attribute;
} SchemaErrors;

/* libxml2 follows a refused value with a second error about the same value:
 * its key (for ids) or its type (for lists). Not another problem. */
static gboolean
is_value_error (int code)
{
  return (code >= XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1 &&
          code <= XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3) ||
         (code >= XML_SCHEMAV_CVC_LENGTH_VALID &&
          code <= XML_SCHEMAV_CVC_ENUMERATION_VALID);
}

/* libxml2 may report one bad value twice or three times: a facet, the type,
 * the key it was meant to be. That is one problem, not several. */
static gboolean
is_follow_up (const SchemaErrors *errors,
              TmXmlErrorPtr       err,
              const char         *attribute)
{
  if (err->code == XML_SCHEMAV_CVC_IDC && err->str1 == NULL)
    return TRUE;
  return err->node != NULL && err->node == errors->last_node &&
         is_value_error (errors->last_code) && is_value_error (err->code) &&
         g_strcmp0 (attribute, errors->last_attribute) == 0;
}

static void
on_schema_error (void          *user_data,
                 TmXmlErrorPtr  err)
{
  SchemaErrors *errors = user_data;
  g_autofree char *attribute = NULL;
  xmlNode *where = NULL;
  char *message;

  if (err->level == XML_ERR_WARNING || err->level == XML_ERR_NONE)
    return;

  attribute = error_attribute (err);
  if (is_follow_up (errors, err, attribute))
    return;
  errors->last_node = err->node;
  errors->last_code = err->code;
  g_free (errors->last_attribute);
  errors->last_attribute = g_steal_pointer (&attribute);

  if (errors->message != NULL)
    {
      errors->n_more++;
      return;
    }

  message = describe_schema_error (err, &where);
  if (message == NULL)
    return;

  g_debug ("schema: %d:%d: %s", err->line, err->code, err->message);
  errors->message = message;
  errors->line = where != NULL ? node_line (where) : err->line;
  errors->column = node_column (where);
}

/* Validates @doc against the published schema. */
static gboolean
validate_document (xmlDoc      *doc,
                   const char  *display_name,
                   GError     **error)
{
  xmlSchemaPtr schema = get_schema ();
  g_autoptr(xmlSchemaValidCtxt) vctxt = NULL;
  SchemaErrors errors = { NULL, 0, 0, 0, NULL, 0, NULL };
  int result;

  if (schema == NULL || (vctxt = xmlSchemaNewValidCtxt (schema)) == NULL)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                   _("Could not check “%s”: the description of the file format is missing from "
                     "this installation of Taskmap."), display_name);
      return FALSE;
    }

  xmlSchemaSetValidStructuredErrors (vctxt, (xmlStructuredErrorFunc) on_schema_error, &errors);
  result = xmlSchemaValidateDoc (vctxt, doc);
  g_clear_pointer (&errors.last_attribute, g_free);
  if (result == 0 && errors.message == NULL)
    return TRUE;

  if (errors.message == NULL)
    errors.message = g_strdup (_("The file does not follow the Taskmap format."));

  if (errors.n_more > 0)
    {
      g_autofree char *more =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "(The file has %u more problem.)",
                                      "(The file has %u more problems.)", errors.n_more),
                         errors.n_more);

      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s:%ld:%u: %s %s",
                   display_name, errors.line, errors.column, errors.message, more);
    }
  else
    g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s:%ld:%u: %s",
                 display_name, errors.line, errors.column, errors.message);

  g_free (errors.message);
  return FALSE;
}

static gboolean
read_workshop (xmlNode          *node,
               const char       *display_name,
               TmWorkshopData  **out,
               GError          **error)
{
  g_autoptr(TmWorkshopData) w = tm_workshop_data_new ();
  g_autoptr(GError) local_error = NULL;

  w->id = dup_prop (node, "id");
  g_free (w->date);
  w->date = dup_prop (node, "date");
  if (w->id == NULL || *w->id == '\0' || w->date == NULL)
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A workshop needs an id and a date."));
      return FALSE;
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (child, "participants"))
        {
          g_autofree char *profession = dup_prop (child, "profession");
          g_autofree char *count = dup_prop (child, "count");
          double n = 0;

          if (profession == NULL || *profession == '\0' || !parse_number (count, &n) ||
              n < 1 || n > 100000 || n != (guint) n)
            {
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("Participants need a profession and a number from 1 to 100,000."));
              return FALSE;
            }
          tm_workshop_data_set_participants (w, profession, (guint) n);
        }
      else if (is_element (child, "decided"))
        {
          g_autofree char *task = dup_prop (child, "task");
          g_autofree char *scenario = dup_prop (child, "scenario");

          if (task == NULL || !g_uuid_string_is_valid (task) || scenario == NULL || *scenario == '\0')
            {
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                              _("A decision of a workshop needs a task and a scenario."));
              return FALSE;
            }
          {
            g_autofree char *lower = g_ascii_strdown (task, -1);

            tm_workshop_data_link_move (w, lower, scenario, TRUE);
          }
        }
      else
        {
          char **field = NULL;

          if (is_element (child, "title"))
            field = &w->title;
          else if (is_element (child, "facilitator"))
            field = &w->facilitator;
          else if (is_element (child, "names"))
            field = &w->names;
          else if (is_element (child, "decisions"))
            field = &w->decisions;
          if (field == NULL)
            {
              g_autofree char *msg =
                g_strdup_printf (_("The element “%s” does not belong in a workshop."),
                                 (const char *) child->name);
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
              return FALSE;
            }
          g_free (*field);
          *field = dup_text (child);
        }
    }

  if (!tm_workshop_data_validate (w, &local_error))
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node, local_error->message);
      return FALSE;
    }

  *out = g_steal_pointer (&w);
  return TRUE;
}

static gboolean
read_change (xmlNode          *node,
             const char       *display_name,
             TmHistoryEntry  **out,
             GError          **error)
{
  g_autofree char *when_text = dup_prop (node, "when");
  g_autofree char *who = dup_prop (node, "who");
  g_autofree char *field = dup_prop (node, "field");
  g_autofree char *task = dup_prop (node, "task");
  g_autofree char *scenario = dup_prop (node, "scenario");
  g_autofree char *profession = dup_prop (node, "profession");
  g_autofree char *title = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  gint64 when = 0;

  if (!parse_timestamp (when_text, &when) || field == NULL || *field == '\0' ||
      (task != NULL && !g_uuid_string_is_valid (task)))
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node,
                      _("A change in the history needs a valid time and what changed."));
      return FALSE;
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      if (is_element (child, "task-title"))
        {
          g_free (title);
          title = dup_text (child);
        }
      else if (is_element (child, "old"))
        {
          g_free (old_value);
          old_value = dup_text (child);
        }
      else if (is_element (child, "new"))
        {
          g_free (new_value);
          new_value = dup_text (child);
        }
    }

  if (task != NULL)
    {
      char *lower = g_ascii_strdown (task, -1);

      g_free (task);
      task = lower;
    }

  *out = _tm_history_entry_new (when, who, task, title, scenario, profession, field,
                                old_value, new_value);
  return TRUE;
}

/* One "staffing" element: a unit's staffing, added to @out. The schema has
 * checked the values' ranges; this checks what it cannot say. */
static gboolean
read_staffing (xmlNode     *node,
               const char  *display_name,
               GHashTable  *seen_units,
               GPtrArray   *out,
               GArray      *places,
               GError     **error)
{
  g_autofree char *unit = dup_prop (node, "unit");
  g_autofree char *shift = dup_prop (node, "shift-hours");
  g_autoptr(TmStaffing) staffing = tm_staffing_new (unit);

  if (!g_hash_table_add (seen_units, g_strdup (staffing->unit)))
    {
      g_autofree char *msg = NULL;

      if (*staffing->unit == '\0')
        msg = g_strdup (_("The unit’s staffing is given twice."));
      else
        /* Translators: %s is a unit's name */
        msg = g_strdup_printf (_("The staffing of the unit “%s” is given twice."), staffing->unit);
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node, msg);
      return FALSE;
    }

  if (shift != NULL && !parse_number (shift, &staffing->shift_hours))
    {
      g_autofree char *msg = describe_bad_form ("staffing", "shift-hours", shift);

      set_node_error (error, TM_XML_ERROR_INVALID, display_name, node, msg);
      return FALSE;
    }

  for (xmlNode *child = node->children; child; child = child->next)
    {
      g_autofree char *profession = NULL;
      g_autofree char *fte_text = NULL;
      g_autofree char *hours_text = NULL;
      double fte = -1, hours = -1;

      if (!is_element (child, "staff"))
        continue;
      profession = dup_prop (child, "profession");
      fte_text = dup_prop (child, "fte");
      hours_text = dup_prop (child, "hours-per-fte");
      if (fte_text != NULL && !parse_number (fte_text, &fte))
        {
          g_autofree char *msg = describe_bad_form ("staff", "fte", fte_text);

          set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
          return FALSE;
        }
      if (hours_text != NULL && !parse_number (hours_text, &hours))
        {
          g_autofree char *msg = describe_bad_form ("staff", "hours-per-fte", hours_text);

          set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
          return FALSE;
        }
      if (profession == NULL || *profession == '\0' || tm_staffing_lookup (staffing, profession) != NULL)
        {
          g_autofree char *msg =
            profession == NULL || *profession == '\0'
              ? g_strdup (_("A staffing does not say which profession it is for."))
              /* Translators: %s is a profession's id */
              : g_strdup_printf (_("The staffing of “%s” is given twice."), profession);

          set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
          return FALSE;
        }
      /* An entry with neither value says nothing: nothing is known. */
      if (fte_text == NULL && hours_text == NULL)
        continue;
      tm_staffing_set (staffing, profession, fte, hours);
    }

  {
    g_autoptr(GError) local = NULL;

    if (!tm_staffing_validate (staffing, &local))
      {
        set_node_error (error, TM_XML_ERROR_INVALID, display_name, node, local->message);
        return FALSE;
      }
  }

  if (!tm_staffing_is_empty (staffing))
    {
      TaskPlace place = { node_line (node), node_column (node) };

      g_ptr_array_add (out, g_steal_pointer (&staffing));
      g_array_append_val (places, place);
    }
  return TRUE;
}

TmXmlDocument *
_tm_xml_document_read (const char  *data,
                       gsize        length,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(TmXmlDocument) result = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GHashTable) staffing_units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *version_text = NULL;
  ParseState state = { display_name, FALSE, 0, FALSE, FALSE, 0, 0 };
  xmlNode *root;
  double version;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (length == 0)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("“%s” is empty."), display_name);
      return NULL;
    }

  if (length > MAX_IMPORT_BYTES || length > G_MAXINT)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_FORBIDDEN,
                   _("“%s” is too large to import."), display_name);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("Could not read “%s”: out of memory."), display_name);
      return NULL;
    }
  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->startElementNs = on_start_element;
  ctxt->sax->endElementNs = on_end_element;

  /* No network, no entity substitution, no DTD, no huge nodes; line numbers
   * beyond 65535 for the messages. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, display_name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);

  if (state.saw_doctype)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_FORBIDDEN,
                   _("“%s” contains a document type declaration (DOCTYPE). Taskmap does not read "
                     "such files, because they can make a program read other files or run out of memory."),
                   display_name);
      return NULL;
    }

  if (state.too_deep)
    {
      if (!state.root_is_portfolio)
        g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_NOT_TASKMAP,
                     _("“%s” is XML, but not a Taskmap portfolio."), display_name);
      else
        g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_FORBIDDEN,
                     /* Translators: FILE:LINE:COLUMN: message; %d is a number of levels */
                     _("%s:%ld:%u: The elements are nested more than %d levels deep. A Taskmap "
                       "portfolio never is, so Taskmap does not read on."),
                     display_name, state.deep_line, state.deep_column, MAX_DEPTH);
      return NULL;
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
      return NULL;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_element (root, "portfolio"))
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_NOT_TASKMAP,
                   _("“%s” is XML, but not a Taskmap portfolio."), display_name);
      return NULL;
    }

  version_text = dup_prop (root, "version");
  if (!parse_number (version_text, &version) || version < 1 || version != (int) version)
    {
      set_node_error (error, TM_XML_ERROR_INVALID, display_name, root,
                      _("The portfolio has no valid format version."));
      return NULL;
    }

  if (version > TM_XML_FORMAT_VERSION)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_NEWER,
                   _("“%s” was written by a newer version of Taskmap (format %d; this version reads "
                     "up to %d). Update Taskmap to import it."),
                   display_name, (int) version, TM_XML_FORMAT_VERSION);
      return NULL;
    }

  /* Everything in its place, before anything is read into the portfolio. */
  if (!validate_document (doc, display_name, error))
    return NULL;

  result = g_new0 (TmXmlDocument, 1);
  result->display_name = g_strdup (display_name);
  result->professions = g_ptr_array_new_with_free_func ((GDestroyNotify) import_profession_free);
  result->scenarios = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  result->scenario_order = g_ptr_array_new_with_free_func (g_free);
  result->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  result->places = g_array_new (FALSE, FALSE, sizeof (TaskPlace));
  result->workshops = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_workshop_data_free);
  result->workshop_places = g_array_new (FALSE, FALSE, sizeof (TaskPlace));
  result->history = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
  result->staffing = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_staffing_free);
  result->staffing_places = g_array_new (FALSE, FALSE, sizeof (TaskPlace));
  result->language = dup_prop (root, "language");
  if (result->language != NULL && !tm_language_id_is_valid (result->language))
    {
      /* Translators: %s is a value; keep da, nb and en as they are */
      g_autofree char *msg = g_strdup_printf (_("“%s” is not a language of Taskmap’s (da, nb or en)."),
                                              result->language);

      set_node_error (error, TM_XML_ERROR_INVALID, display_name, root, msg);
      return NULL;
    }
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (xmlNode *section = root->children; section; section = section->next)
    {
      if (section->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (section, "unit"))
        {
          result->have_unit = TRUE;
          for (xmlNode *child = section->children; child; child = child->next)
            {
              if (is_element (child, "name"))
                {
                  g_free (result->unit_name);
                  result->unit_name = dup_text (child);
                }
              else if (is_element (child, "organisation"))
                {
                  g_free (result->organisation);
                  result->organisation = dup_text (child);
                }
              else if (is_element (child, "notes"))
                {
                  g_free (result->notes);
                  result->notes = dup_text (child);
                }
              else if (is_element (child, "last-committee-meeting"))
                {
                  g_free (result->last_meeting);
                  result->last_meeting = dup_text (child);
                  if (!_tm_date_is_valid (result->last_meeting))
                    {
                      g_autofree char *msg =
                        g_strdup_printf (_("“%s” is not a date."), result->last_meeting);
                      set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
                      return NULL;
                    }
                }
              else if (is_element (child, "setting"))
                {
                  g_autofree char *text = dup_text (child);

                  if (!tm_setting_from_id (text, &result->setting))
                    {
                      g_autofree char *msg =
                        g_strdup_printf (_("“%s” is not a setting type."), text);
                      set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
                      return NULL;
                    }
                  result->have_setting = TRUE;
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
                return NULL;
              g_ptr_array_add (result->professions, p);
            }
        }
      else if (is_element (section, "staffing"))
        {
          if (!read_staffing (section, display_name, staffing_units, result->staffing,
                              result->staffing_places, error))
            return NULL;
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
                  g_hash_table_contains (result->scenarios, id))
                {
                  g_free (name);
                  set_node_error (error, TM_XML_ERROR_INVALID, display_name, child,
                                  _("A scenario needs a unique id and a name."));
                  return NULL;
                }
              g_ptr_array_add (result->scenario_order, g_strdup (id));
              g_hash_table_insert (result->scenarios, g_steal_pointer (&id), name);
            }
        }
      else if (is_element (section, "workshops"))
        {
          for (xmlNode *child = section->children; child; child = child->next)
            {
              TmWorkshopData *w;

              if (!is_element (child, "workshop"))
                continue;
              if (!read_workshop (child, display_name, &w, error))
                return NULL;
              g_ptr_array_add (result->workshops, w);
              {
                TaskPlace place = { node_line (child), node_column (child) };

                g_array_append_val (result->workshop_places, place);
              }
            }
        }
      else if (is_element (section, "history"))
        {
          for (xmlNode *child = section->children; child; child = child->next)
            {
              TmHistoryEntry *e;

              if (!is_element (child, "change"))
                continue;
              if (!read_change (child, display_name, &e, error))
                return NULL;
              g_ptr_array_add (result->history, e);
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
                  return NULL;
                }
              if (!read_task (child, display_name, &task, error))
                return NULL;

              {
                TaskPlace place = { node_line (child), node_column (child) };
                char *lower = g_ascii_strdown (task->uuid, -1);

                g_free (task->uuid);
                task->uuid = lower;
                g_ptr_array_add (result->tasks, task);
                g_array_append_val (result->places, place);
              }

              /* The schema finds ids written twice alike; this, ids in upper and lower case. */
              if (!g_hash_table_add (seen, task->uuid))
                {
                  /* Translators: the first %s is a task's title, the second its id */
                  g_autofree char *msg = g_strdup_printf (_("The task “%s” (%s) appears twice in the file."),
                                                          task->title, task->uuid);

                  set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
                  return NULL;
                }
            }
        }
    }

  return g_steal_pointer (&result);
}

void
_tm_xml_document_free (TmXmlDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->display_name);
  g_free (doc->unit_name);
  g_free (doc->organisation);
  g_free (doc->notes);
  g_clear_pointer (&doc->professions, g_ptr_array_unref);
  g_clear_pointer (&doc->scenarios, g_hash_table_unref);
  g_clear_pointer (&doc->scenario_order, g_ptr_array_unref);
  g_clear_pointer (&doc->tasks, g_ptr_array_unref);
  g_clear_pointer (&doc->places, g_array_unref);
  g_free (doc->last_meeting);
  g_clear_pointer (&doc->workshops, g_ptr_array_unref);
  g_clear_pointer (&doc->workshop_places, g_array_unref);
  g_clear_pointer (&doc->history, g_ptr_array_unref);
  g_clear_pointer (&doc->staffing, g_ptr_array_unref);
  g_clear_pointer (&doc->staffing_places, g_array_unref);
  g_free (doc->language);
  g_free (doc);
}

GPtrArray *
_tm_xml_document_get_staffing (TmXmlDocument *doc)
{
  return doc->staffing;
}

const char *
_tm_xml_document_get_display_name (TmXmlDocument *doc)
{
  return doc->display_name;
}

GPtrArray *
_tm_xml_document_get_tasks (TmXmlDocument *doc)
{
  return doc->tasks;
}

const char *
_tm_xml_document_get_unit_name (TmXmlDocument *doc)
{
  return doc->have_unit ? doc->unit_name : NULL;
}

void
_tm_xml_document_set_task_error (TmXmlDocument  *doc,
                                 guint           task,
                                 const char     *message,
                                 GError        **error)
{
  const TaskPlace *place = &g_array_index (doc->places, TaskPlace, task);

  g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s:%ld:%u: %s",
               doc->display_name, place->line, place->column, message);
}

static gboolean
is_pending (GHashTable *pending,
            char        kind,
            const char *id)
{
  g_autofree char *key = NULL;

  if (pending == NULL)
    return FALSE;
  key = g_strdup_printf ("%c:%s", kind, id);
  return g_hash_table_contains (pending, key);
}

static void
add_pending (GHashTable *pending,
             char        kind,
             const char *id)
{
  if (pending != NULL)
    g_hash_table_add (pending, g_strdup_printf ("%c:%s", kind, id));
}

/* What makes two history entries the same one. */
static char *
history_key (const TmHistoryEntry *e)
{
#define S(x) ((x) ? (x) : "")
  return g_strdup_printf ("%" G_GINT64_FORMAT "%c%s%c%s%c%s%c%s%c%s%c%s%c%s", e->when, 0x1f,
                          S (e->who), 0x1f, S (e->task_uuid), 0x1f, S (e->scenario_id), 0x1f,
                          S (e->profession_id), 0x1f, S (e->field), 0x1f, S (e->old_value), 0x1f,
                          S (e->new_value));
#undef S
}

GHashTable *
_tm_xml_history_counts_new (TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) existing = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < existing->len; i++)
    {
      char *key = history_key (g_ptr_array_index (existing, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_replace (counts, key, GUINT_TO_POINTER (n + 1));
    }
  return counts;
}

gboolean
_tm_xml_document_prepare (TmXmlDocument  *doc,
                          TmPortfolio    *portfolio,
                          gboolean        into_empty,
                          gboolean        take_unit,
                          GHashTable     *pending,
                          GHashTable     *known_history,
                          GPtrArray      *changes,
                          GError        **error)
{
  g_autoptr(GHashTable) new_ids = g_hash_table_new (g_str_hash, g_str_equal);

  /* Professions the file defines and the portfolio lacks are added; those it
   * has keep the names the unit gave them. */
  for (guint i = 0; i < doc->professions->len; i++)
    {
      ImportProfession *p = g_ptr_array_index (doc->professions, i);
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

      if (is_pending (pending, 'p', p->id) || !g_hash_table_add (new_ids, p->id))
        continue;

      add_pending (pending, 'p', p->id);
      g_ptr_array_add (changes, _tm_change_profession_new (portfolio, p->id, p->name, p->name_en,
                                                           p->authorised, p->unskilled, p->hidden));
    }

  /* Scenarios the portfolio lacks are added; into an empty portfolio the
   * file's names win, so a round trip gives back the same portfolio. */
  for (guint i = 0; i < doc->scenario_order->len; i++)
    {
      const char *id = g_ptr_array_index (doc->scenario_order, i);
      const char *name = g_hash_table_lookup (doc->scenarios, id);
      TmScenario *existing = tm_portfolio_lookup_scenario (portfolio, id);

      if (existing == NULL && is_pending (pending, 's', id))
        continue;
      if (existing == NULL || (into_empty && g_strcmp0 (tm_scenario_get_name (existing), name) != 0))
        {
          add_pending (pending, 's', id);
          g_ptr_array_add (changes, _tm_change_scenario_new (portfolio, id, name));
        }
    }

  /* An empty portfolio takes the file's scenarios only (it has no moves to lose). */
  if (into_empty && doc->scenario_order->len > 0)
    {
      GListModel *existing = tm_portfolio_get_scenarios (portfolio);

      for (guint i = 0; i < g_list_model_get_n_items (existing); i++)
        {
          g_autoptr(TmScenario) scenario = g_list_model_get_item (existing, i);

          if (!g_hash_table_contains (doc->scenarios, tm_scenario_get_id (scenario)))
            g_ptr_array_add (changes, _tm_change_scenario_delete_new (portfolio,
                                                                      tm_scenario_get_id (scenario)));
        }
    }

  for (guint i = 0; i < doc->tasks->len; i++)
    {
      TmTaskData *task = g_ptr_array_index (doc->tasks, i);

      for (guint j = 0; j < task->moves->len; j++)
        {
          const TmMove *m = &g_array_index (task->moves, TmMove, j);

          if (tm_portfolio_lookup_scenario (portfolio, m->scenario_id) == NULL &&
              !g_hash_table_contains (doc->scenarios, m->scenario_id) &&
              !is_pending (pending, 's', m->scenario_id))
            {
              /* Translators: the first %s is a task's title, the second the id of a scenario */
              g_autofree char *msg = g_strdup_printf (_("The task “%s” has a move in a scenario that is "
                                                        "neither in the file nor in the portfolio: “%s”."),
                                                      task->title, m->scenario_id);

              _tm_xml_document_set_task_error (doc, i, msg, error);
              return FALSE;
            }
        }

      for (guint j = 0; j < task->performers->len + task->assessments->len + task->moves->len; j++)
        {
          const char *id;

          if (j < task->performers->len)
            id = g_array_index (task->performers, TmPerformer, j).profession_id;
          else if (j < task->performers->len + task->assessments->len)
            id = g_array_index (task->assessments, TmAssessment, j - task->performers->len).profession_id;
          else
            id = g_array_index (task->moves, TmMove,
                                j - task->performers->len - task->assessments->len).profession_id;

          if (id != NULL &&
              tm_portfolio_lookup_profession (portfolio, id) == NULL &&
              !g_hash_table_contains (new_ids, id) &&
              !is_pending (pending, 'p', id))
            {
              /* Translators: the first %s is a task's title, the second the id of a profession */
              g_autofree char *msg = g_strdup_printf (_("The task “%s” names a profession that is "
                                                        "neither in the file nor in the portfolio: “%s”."),
                                                      task->title, id);

              _tm_xml_document_set_task_error (doc, i, msg, error);
              return FALSE;
            }
        }
    }

  /* Workshops the portfolio lacks are added, with their participants'
   * professions checked like the tasks' ones. */
  for (guint i = 0; i < doc->workshops->len; i++)
    {
      const TmWorkshopData *w = g_ptr_array_index (doc->workshops, i);

      for (guint j = 0; j < w->participants->len; j++)
        {
          const char *id = g_array_index (w->participants, TmParticipants, j).profession_id;

          if (tm_portfolio_lookup_profession (portfolio, id) == NULL &&
              !g_hash_table_contains (new_ids, id) && !is_pending (pending, 'p', id))
            {
              const TaskPlace *place = &g_array_index (doc->workshop_places, TaskPlace, i);

              /* Translators: the first %s is a workshop's date, the second the id of a profession */
              g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                           "%s:%ld:%u: %s", doc->display_name, place->line, place->column,
                           _("A workshop names a profession that is neither in the file nor in the portfolio."));
              return FALSE;
            }
        }

      if (tm_portfolio_lookup_workshop (portfolio, w->id) != NULL || is_pending (pending, 'w', w->id))
        continue;
      add_pending (pending, 'w', w->id);
      g_ptr_array_add (changes, _tm_change_workshop_new (portfolio, w->id, w));
    }

  /* The file's history joins the portfolio's; what it has already is not added twice. */
  if (doc->history->len > 0)
    {
      g_autoptr(GHashTable) own = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

      if (known_history == NULL)
        known_history = own = _tm_xml_history_counts_new (portfolio);

      /* Counted, not just noted: the same change made twice in one second
       * is two entries, and the file may hold both. An entry is new where
       * the file holds it more often than the portfolio (and the files
       * merged before it) do. */
      for (guint i = 0; i < doc->history->len; i++)
        {
          TmHistoryEntry *e = g_ptr_array_index (doc->history, i);
          char *key = history_key (e);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)) + 1;
          guint have = GPOINTER_TO_UINT (g_hash_table_lookup (known_history, key));

          g_hash_table_replace (seen, key, GUINT_TO_POINTER (n));
          if (n > have)
            {
              g_ptr_array_add (fresh, e);
              g_hash_table_replace (known_history, g_strdup (key), GUINT_TO_POINTER (n));
            }
        }
      if (fresh->len > 0)
        g_ptr_array_add (changes, _tm_change_history_new (fresh));
    }

  /* The staffing names professions the portfolio has or the file adds. */
  for (guint i = 0; i < doc->staffing->len; i++)
    {
      const TmStaffing *staffing = g_ptr_array_index (doc->staffing, i);

      for (guint j = 0; j < staffing->entries->len; j++)
        {
          const char *id = g_array_index (staffing->entries, TmStaffingEntry, j).profession_id;

          if (tm_portfolio_lookup_profession (portfolio, id) == NULL &&
              !g_hash_table_contains (new_ids, id) && !is_pending (pending, 'p', id))
            {
              const TaskPlace *place = &g_array_index (doc->staffing_places, TaskPlace, i);
              g_autofree char *msg =
                /* Translators: %s is a profession's id */
                g_strdup_printf (_("The staffing names a profession that is neither in the file nor "
                                   "in the portfolio: “%s”."), id);

              g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s:%ld:%u: %s",
                           doc->display_name, place->line, place->column, msg);
              return FALSE;
            }
        }

      /* Taken back into a portfolio, a unit's staffing comes along where
       * the portfolio has none (or is empty); the portfolio's own stands.
       * The regional merge files each unit's staffing itself. */
      if (take_unit &&
          (into_empty || tm_portfolio_get_staffing (portfolio, staffing->unit) == NULL) &&
          !tm_staffing_equal (staffing, tm_portfolio_get_staffing (portfolio, staffing->unit)))
        g_ptr_array_add (changes, _tm_change_staffing_new (portfolio, staffing));
    }

  /* The unit's details come along into an empty portfolio only. */
  if (doc->have_unit && take_unit && into_empty)
    {
      TmChange *unit = _tm_change_unit_new (portfolio,
                                            doc->unit_name ? doc->unit_name : tm_portfolio_get_unit_name (portfolio),
                                            doc->organisation ? doc->organisation : tm_portfolio_get_organisation (portfolio),
                                            doc->have_setting ? doc->setting : tm_portfolio_get_setting (portfolio),
                                            doc->notes ? doc->notes : tm_portfolio_get_notes (portfolio));

      if (doc->last_meeting != NULL)
        _tm_change_unit_set_last_meeting (unit, doc->last_meeting);
      if (doc->language != NULL)
        _tm_change_unit_set_language (unit, doc->language);
      g_ptr_array_add (changes, unit);
    }
  else if (doc->language != NULL && take_unit && into_empty)
    {
      TmChange *unit = _tm_change_unit_new (portfolio, tm_portfolio_get_unit_name (portfolio),
                                            tm_portfolio_get_organisation (portfolio),
                                            tm_portfolio_get_setting (portfolio),
                                            tm_portfolio_get_notes (portfolio));

      _tm_change_unit_set_language (unit, doc->language);
      g_ptr_array_add (changes, unit);
    }

  return TRUE;
}

gboolean
tm_xml_import_data (TmPortfolio  *portfolio,
                    const char   *data,
                    gsize         length,
                    const char   *display_name,
                    GError      **error)
{
  g_autoptr(TmMergePlan) plan = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  plan = tm_merge_plan_new (portfolio, data, length, display_name, error);
  return plan != NULL && tm_merge_plan_apply (plan, error);
}

gboolean
tm_xml_import_file (TmPortfolio  *portfolio,
                    GFile        *file,
                    GError      **error)
{
  g_autoptr(TmMergePlan) plan = NULL;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* The plan reads the file, refusing one over the bound before loading it. */
  plan = tm_merge_plan_new_for_file (portfolio, file, error);
  return plan != NULL && tm_merge_plan_apply (plan, error);
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
write_timestamp_attr (xmlTextWriter *writer,
                      const char    *name,
                      gint64         seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (seconds);
  g_autofree char *text = NULL;

  if (when == NULL)
    return FALSE;
  text = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  return write_attr (writer, name, text);
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
write_review (xmlTextWriter      *w,
              const TmMoveReview *r)
{
  if (xmlTextWriterStartElement (w, (const xmlChar *) "review") < 0 ||
      !write_attr (w, "scenario", r->scenario_id) ||
      !write_attr (w, "risk", tm_risk_to_id (r->risk)))
    return FALSE;

  if (r->barriers != 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < TM_N_BARRIERS; i++)
        if (r->barriers & (1u << i))
          g_string_append_printf (text, "%s%s", text->len ? " " : "", tm_barrier_to_id (1u << i));
      if (!write_attr (w, "barriers", text->str))
        return FALSE;
    }

  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      const TmCheck *c = &r->checks[i];

      if (c->state == TM_CHECK_NOT_CONSIDERED && (c->note == NULL || *c->note == '\0'))
        continue;
      if (xmlTextWriterStartElement (w, (const xmlChar *) "check") < 0 ||
          !write_attr (w, "item", tm_check_item_to_id (i)) ||
          !write_attr (w, "state", tm_check_state_to_id (c->state)) ||
          (c->note != NULL && xmlTextWriterWriteString (w, (const xmlChar *) c->note) < 0) ||
          xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }

  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      const TmQualityRating *q = &r->quality[i];

      if (q->rating == TM_RATING_UNKNOWN && (q->note == NULL || *q->note == '\0'))
        continue;
      if (xmlTextWriterStartElement (w, (const xmlChar *) "quality") < 0 ||
          !write_attr (w, "component", tm_quality_component_to_id (i)) ||
          !write_attr (w, "rating", tm_rating_to_id (q->rating)) ||
          (q->note != NULL && xmlTextWriterWriteString (w, (const xmlChar *) q->note) < 0) ||
          xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }

  if (!write_text_element (w, "barrier-note", r->barrier_note, FALSE) ||
      !write_text_element (w, "mitigation", r->mitigation, FALSE) ||
      !write_text_element (w, "responsible", r->responsible, FALSE) ||
      !write_text_element (w, "delegation-instruction", r->delegation_ref, FALSE) ||
      !write_text_element (w, "quality-standards", r->quality_standards, FALSE) ||
      !write_text_element (w, "follow-up", r->follow_up, FALSE))
    return FALSE;

  for (guint i = 0; i < r->status_log->len; i++)
    {
      const TmStatusChange *c = &g_array_index (r->status_log, TmStatusChange, i);
      char open[16];

      g_snprintf (open, sizeof open, "%u", c->n_open);
      if (xmlTextWriterStartElement (w, (const xmlChar *) "status-change") < 0 ||
          !write_attr (w, "status", tm_move_status_to_id (c->status)) ||
          !write_timestamp_attr (w, "when", c->when) ||
          !write_attr (w, "who", c->who ? c->who : "") ||
          !write_attr (w, "open", open) ||
          (c->note != NULL && xmlTextWriterWriteString (w, (const xmlChar *) c->note) < 0) ||
          xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }

  return xmlTextWriterEndElement (w) >= 0;
}

static gboolean
write_workshops (xmlTextWriter *w,
                 TmPortfolio   *portfolio)
{
  GListModel *workshops = tm_portfolio_get_workshops (portfolio);
  guint n = g_list_model_get_n_items (workshops);

  if (n == 0)
    return TRUE;

  if (xmlTextWriterStartElement (w, (const xmlChar *) "workshops") < 0)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmWorkshop) workshop = g_list_model_get_item (workshops, i);
      const TmWorkshopData *d = tm_workshop_peek_data (workshop);

      if (xmlTextWriterStartElement (w, (const xmlChar *) "workshop") < 0 ||
          !write_attr (w, "id", d->id) ||
          !write_attr (w, "date", d->date) ||
          !write_text_element (w, "title", d->title, FALSE) ||
          !write_text_element (w, "facilitator", d->facilitator, FALSE))
        return FALSE;

      for (guint j = 0; j < d->participants->len; j++)
        {
          const TmParticipants *p = &g_array_index (d->participants, TmParticipants, j);
          char count[16];

          g_snprintf (count, sizeof count, "%u", p->count);
          if (xmlTextWriterStartElement (w, (const xmlChar *) "participants") < 0 ||
              !write_attr (w, "profession", p->profession_id) ||
              !write_attr (w, "count", count) ||
              xmlTextWriterEndElement (w) < 0)
            return FALSE;
        }

      if (!write_text_element (w, "names", d->names, FALSE) ||
          !write_text_element (w, "decisions", d->decisions, FALSE))
        return FALSE;

      for (guint j = 0; j < d->moves->len; j++)
        {
          const TmMoveRef *m = &g_array_index (d->moves, TmMoveRef, j);

          if (xmlTextWriterStartElement (w, (const xmlChar *) "decided") < 0 ||
              !write_attr (w, "task", m->task_uuid) ||
              !write_attr (w, "scenario", m->scenario_id) ||
              xmlTextWriterEndElement (w) < 0)
            return FALSE;
        }

      if (xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }

  return xmlTextWriterEndElement (w) >= 0;
}

static gboolean
write_history (xmlTextWriter *w,
               TmPortfolio   *portfolio)
{
  g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);

  if (entries->len == 0)
    return TRUE;

  if (xmlTextWriterStartElement (w, (const xmlChar *) "history") < 0)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, i);

      if (xmlTextWriterStartElement (w, (const xmlChar *) "change") < 0 ||
          !write_timestamp_attr (w, "when", e->when) ||
          !write_attr (w, "who", e->who ? e->who : "") ||
          !write_attr (w, "field", e->field) ||
          (e->task_uuid && !write_attr (w, "task", e->task_uuid)) ||
          (e->scenario_id && !write_attr (w, "scenario", e->scenario_id)) ||
          (e->profession_id && !write_attr (w, "profession", e->profession_id)) ||
          !write_text_element (w, "task-title", e->task_title, FALSE) ||
          !write_text_element (w, "old", e->old_value, FALSE) ||
          !write_text_element (w, "new", e->new_value, FALSE) ||
          xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }

  return xmlTextWriterEndElement (w) >= 0;
}

/* Each unit's staffing, the portfolio's own first, then by unit name. */
static gboolean
write_staffing (xmlTextWriter *w,
                TmPortfolio   *portfolio)
{
  g_auto(GStrv) units = tm_portfolio_dup_staffing_units (portfolio);

  for (guint i = 0; units[i] != NULL; i++)
    {
      const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, units[i]);

      if (xmlTextWriterStartElement (w, (const xmlChar *) "staffing") < 0 ||
          (*staffing->unit != '\0' && !write_attr (w, "unit", staffing->unit)) ||
          (staffing->shift_hours >= 0 && !write_number_attr (w, "shift-hours", staffing->shift_hours)))
        return FALSE;

      for (guint j = 0; j < staffing->entries->len; j++)
        {
          const TmStaffingEntry *e = &g_array_index (staffing->entries, TmStaffingEntry, j);

          if (xmlTextWriterStartElement (w, (const xmlChar *) "staff") < 0 ||
              !write_attr (w, "profession", e->profession_id) ||
              (e->fte >= 0 && !write_number_attr (w, "fte", e->fte)) ||
              (e->hours_per_fte >= 0 && !write_number_attr (w, "hours-per-fte", e->hours_per_fte)) ||
              xmlTextWriterEndElement (w) < 0)
            return FALSE;
        }
      if (xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }
  return TRUE;
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
      !write_attr (w, "country", tm_country_to_id (tm_portfolio_get_country (portfolio))) ||
      !write_attr (w, "language", tm_portfolio_get_language (portfolio)))
    return FALSE;

  if (xmlTextWriterStartElement (w, (const xmlChar *) "unit") < 0 ||
      !write_text_element (w, "name", tm_portfolio_get_unit_name (portfolio), TRUE) ||
      !write_text_element (w, "organisation", tm_portfolio_get_organisation (portfolio), FALSE) ||
      !write_text_element (w, "setting", tm_setting_to_id (tm_portfolio_get_setting (portfolio)), TRUE) ||
      !write_text_element (w, "notes", tm_portfolio_get_notes (portfolio), FALSE) ||
      !write_text_element (w, "last-committee-meeting",
                           tm_portfolio_get_last_committee_meeting (portfolio), FALSE) ||
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

  if (!write_staffing (w, portfolio))
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
      GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

      if (xmlTextWriterStartElement (w, (const xmlChar *) "task") < 0 ||
          !write_attr (w, "id", d->uuid) ||
          (d->unit != NULL && *d->unit != '\0' && !write_attr (w, "unit", d->unit)) ||
          (d->modified > 0 && !write_timestamp_attr (w, "modified", d->modified)) ||
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

      if (!write_text_element (w, "notes", d->notes, FALSE))
        return FALSE;

      /* The reviews of the moves, in the order of the scenarios. */
      for (guint s = 0; s < g_list_model_get_n_items (scenarios); s++)
        {
          g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, s);
          const TmMoveReview *r = tm_task_data_get_review (d, tm_scenario_get_id (scenario));

          if (r != NULL && !write_review (w, r))
            return FALSE;
        }

      if (xmlTextWriterEndElement (w) < 0)
        return FALSE;
    }

  return xmlTextWriterEndElement (w) >= 0 &&   /* tasks */
         write_workshops (w, portfolio) &&
         write_history (w, portfolio) &&
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
                          tm_portfolio_get_language (portfolio));
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
  return tm_example_create_in_language (file, tm_country_get_language (country), error);
}

TmPortfolio *
tm_example_create_in_language (GFile       *file,
                               const char  *language,
                               GError     **error)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  TmCountry country = g_strcmp0 (language, "nb") == 0 ? TM_COUNTRY_NO : TM_COUNTRY_DK;

  g_return_val_if_fail (tm_language_id_is_valid (language), NULL);

  portfolio = tm_portfolio_create (file, country, "", error);
  if (portfolio == NULL)
    return NULL;
  /* Which example to load; the example itself says its language too. */
  if (!tm_portfolio_set_language (portfolio, language, error))
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
