/* tm-xml-tree.c
 * The tree reader of the exchange format: libxml2's tree validated against
 * the XSD, for the words of every refusal.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include <math.h>
#include <string.h>
#include "model/tm-i18n-private.h"
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>

#include "exchange/tm-xml.h"
#include "exchange/tm-xml-read-private.h"

#if LIBXML_VERSION >= 21200
typedef const xmlError *TmXmlErrorPtr;
#else
typedef xmlErrorPtr TmXmlErrorPtr;
#endif

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt)

/* The text is too long or empty, in words. */
static char *
describe_length (int         code,
                 xmlNode    *node,
                 const char *element,
                 const char *attribute,
                 const char *detail)
{
  gboolean too_long = code == XML_SCHEMAV_CVC_MAXLENGTH_VALID;
  const char *field = attribute ? attribute : element;
  const char *parent = node->parent != NULL && node->parent->type == XML_ELEMENT_NODE
                       ? (const char *) node->parent->name : NULL;

  if (too_long)
    {
      /* libxml2 says "… exceeds the allowed maximum length of 'N'". */
      const char *at = detail != NULL ? strstr (detail, "maximum length of '") : NULL;
      long max = at != NULL ? strtol (at + strlen ("maximum length of '"), NULL, 10) : 0;

      return _tm_xml_describe_too_long (parent, element, attribute, max);
    }
  if (g_str_equal (field, "title"))
    return g_strdup (_("A task's title is empty."));
  if (g_str_equal (element, "name") && g_strcmp0 (parent, "profession") == 0)
    return g_strdup (_("A profession's name is empty."));
  if (g_str_equal (element, "name") && g_strcmp0 (parent, "scenario") == 0)
    return g_strdup (_("A scenario's name is empty."));
  if (attribute != NULL)
    /* Translators: %s is the name of an attribute, such as “profession” */
    return g_strdup_printf (_("“%s” is empty."), attribute);
  /* Translators: %s is the name of an element, such as “notes” */
  return g_strdup_printf (_("“%s” is empty."), element);
}

/* The tree reader: libxml2's tree, with the place of every element */

typedef struct {
  gboolean    saw_doctype;
  guint       depth;
  gboolean    root_is_portfolio;
  gboolean    too_deep;
  long        deep_line;
  guint       deep_column;
  GArray     *places;        /* of TmXmlPlace; an element's _private is its index + 1 */
  /* The first error libxml2 reports */
  gboolean    have_error;
  int         error_code;
  int         error_domain;
  int         error_line;
  int         error_column;
  gboolean    error_at_end;  /* the parser had read all the input */
  char       *error_message;
} ParseState;

/* libxml2's messages go here, not to stderr: the first is kept for the
 * details of Taskmap's own message. */
static void
on_parse_error (void          *user_data,
                TmXmlErrorPtr  err)
{
  xmlParserCtxtPtr ctxt = user_data;
  ParseState *state = ctxt->_private;

  if (state == NULL || state->have_error || err == NULL || err->level < XML_ERR_ERROR)
    return;

  state->have_error = TRUE;
  state->error_code = err->code;
  state->error_domain = err->domain;
  state->error_line = err->line;
  state->error_column = err->int2;
  /* A character encoding's errors come without a place: the parser's. */
  if (err->line <= 0 && ctxt->input != NULL)
    {
      state->error_line = ctxt->input->line;
      state->error_column = ctxt->input->col;
    }
  /* On one line: libxml2 adds the bytes of a bad encoding on a second. */
  state->error_message = g_strstrip (g_strdelimit (g_strdup (err->message != NULL ? err->message : ""),
                                                   "\r\n", ' '));
  state->error_at_end = ctxt->input != NULL && ctxt->input->cur != NULL && ctxt->input->end != NULL &&
                        ctxt->input->cur >= ctxt->input->end;
}

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

/* The parser stands at the end of the start tag (“>” or “/>”); its start
 * is the last “<” before, since “<” cannot occur inside attribute values.
 * A tag over several lines gets the column of its end, on the line libxml2
 * gives the element. */
guint
_tm_xml_tag_column (xmlParserCtxtPtr ctxt)
{
  xmlParserInputPtr in = ctxt->input;
  const xmlChar *p;
  long column;
  gsize continuation = 0;

  if (in == NULL || in->cur == NULL || in->base == NULL || in->col <= 0 || in->cur <= in->base)
    return 0;

  for (p = in->cur - 1; p > in->base && *p != '<'; p--)
    ;
  if (*p != '<' || memchr (p, '\n', (gsize) (in->cur - p)) != NULL)
    return (guint) MIN (in->col, G_MAXINT);

  /* Characters, not bytes: every byte but UTF-8's continuation bytes. */
  for (const xmlChar *q = p; q < in->cur; q++)
    continuation += (*q & 0xc0) == 0x80;
  column = in->col - (long) (in->cur - p) + (long) continuation;
  return (guint) CLAMP (column, 1, G_MAXINT);
}

static void
ignore_generic_error (void       *data,
                      const char *format,
                      ...)
{
}

void
_tm_xml_errors_capture (TmXmlErrorHandlers     *saved,
                        xmlStructuredErrorFunc  func,
                        void                   *data)
{
  saved->structured = xmlStructuredError;
  saved->structured_data = xmlStructuredErrorContext;
  saved->generic = xmlGenericError;
  saved->generic_data = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (data, func);
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
}

void
_tm_xml_errors_restore (const TmXmlErrorHandlers *saved)
{
  xmlSetStructuredErrorFunc (saved->structured_data, saved->structured);
  xmlSetGenericErrorFunc (saved->generic_data, saved->generic);
}

/* Counts the depth, stops the parser beyond the limit, and keeps each
 * element's line and column (the start tag's: libxml2 keeps no lines over
 * 65535 in elements) for the messages. */
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

  if (state->depth > TM_XML_MAX_DEPTH)
    {
      state->too_deep = TRUE;
      state->deep_line = ctxt->input != NULL ? ctxt->input->line : 0;
      state->deep_column = _tm_xml_tag_column (ctxt);
      xmlStopParser (ctxt);
      return;
    }

  xmlSAX2StartElementNs (ctx, localname, prefix, uri, n_namespaces, namespaces,
                         n_attributes, n_defaulted, attributes);

  /* The new element is the parser's current node. */
  if (ctxt->node != NULL && ctxt->node->_private == NULL)
    {
      TmXmlPlace place = { ctxt->input != NULL ? ctxt->input->line : 0, _tm_xml_tag_column (ctxt) };

      g_array_append_val (state->places, place);
      ctxt->node->_private = GUINT_TO_POINTER (state->places->len);
      if (ctxt->myDoc != NULL)
        ctxt->myDoc->_private = state->places;
    }
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

static const TmXmlPlace *
node_place (xmlNode *node)
{
  GArray *places;
  guint index;

  if (node == NULL || node->type != XML_ELEMENT_NODE || node->doc == NULL)
    return NULL;
  places = node->doc->_private;
  index = GPOINTER_TO_UINT (node->_private);
  if (places == NULL || index == 0 || index > places->len)
    return NULL;
  return &g_array_index (places, TmXmlPlace, index - 1);
}

static long
node_line (xmlNode *node)
{
  const TmXmlPlace *place = node_place (node);

  if (place != NULL)
    return place->line;
  return node != NULL ? xmlGetLineNo (node) : 0;
}

static guint
node_column (xmlNode *node)
{
  const TmXmlPlace *place = node_place (node);

  return place != NULL ? place->column : 0;
}

/* FILE:LINE:COLUMN: message, as compilers write it. */
static void
set_node_error (GError      **error,
                TmXmlError    code,
                const char   *display_name,
                xmlNode      *node,
                const char   *message)
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

  bytes = _tm_xml_schema_bytes (&error);
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
  value = _tm_xml_quote_value (raw_value);

  switch (err->code)
    {
    case XML_SCHEMAV_CVC_ENUMERATION_VALID:
      return _tm_xml_describe_unknown_value (element, attribute, value);

    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
      return _tm_xml_describe_out_of_range (element, attribute, value);

    case XML_SCHEMAV_CVC_PATTERN_VALID:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
      return _tm_xml_describe_bad_form (element, attribute, value);

    case XML_SCHEMAV_CVC_LENGTH_VALID:
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
      if (node == NULL)
        break;
      return describe_length (err->code, node, element, attribute, err->message);

    case XML_SCHEMAV_CVC_IDC:
      {
        g_autofree char *id = NULL;
        g_autofree char *quoted = NULL;

        /* Without a key, libxml2 only follows up on a value it already refused. */
        if (err->str1 == NULL || node == NULL)
          return NULL;
        id = dup_prop (node, "id");
        quoted = _tm_xml_quote_value (id);
        if (g_str_equal (element, "task"))
          return g_strdup_printf (_("The task id %s appears twice in the file."), quoted);
        if (g_str_equal (element, "scenario"))
          return g_strdup_printf (_("The scenario id “%s” appears twice in the file."), quoted);
        if (g_str_equal (element, "profession"))
          return g_strdup_printf (_("The profession id “%s” appears twice in the file."), quoted);
        if (g_str_equal (element, "staff"))
          {
            g_autofree char *profession = dup_prop (node, "profession");
            g_autofree char *quoted_profession = _tm_xml_quote_value (profession);

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

/* Why libxml2 could not read a file, in Taskmap's words */

typedef enum {
  UNREADABLE_BROKEN,
  UNREADABLE_TOO_LARGE,
  UNREADABLE_BINARY,
  UNREADABLE_NOT_XML,
  UNREADABLE_TRUNCATED,
  UNREADABLE_ENCODING,
  UNREADABLE_UNKNOWN_ENCODING,
  UNREADABLE_EXTRA_CONTENT,
} Unreadable;

/* Bytes no text file has near its start (a picture, a program, a zip),
 * unless it is UTF-16 or UTF-32, whose ASCII characters come with zeros. */
static gboolean
looks_binary (const char *data,
              gsize       length)
{
  const guchar *p = (const guchar *) data;
  gsize n = MIN (length, 4096);

  if (n >= 2 && ((p[0] == 0xfe && p[1] == 0xff) || (p[0] == 0xff && p[1] == 0xfe)))
    return FALSE;
  if (n >= 2 && ((p[0] == '<' && p[1] == 0) || (p[0] == 0 && p[1] == '<')))
    return FALSE;
  if (n >= 4 && p[0] == 0 && p[1] == 0 && (p[2] == 0xfe || p[2] == 0 || p[3] == '<'))
    return FALSE;

  for (gsize i = 0; i < n; i++)
    if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f')
      return TRUE;
  return FALSE;
}

static Unreadable
classify_parse_error (const ParseState *state,
                      const char       *data,
                      gsize             length)
{
  g_autofree char *lower = g_ascii_strdown (state->error_message, -1);

  /* libxml2's own limits (without XML_PARSE_HUGE) on one text, name,
   * value or the input it looks ahead: said in several ways. */
  if (state->error_code == XML_ERR_NO_MEMORY ||
      strstr (lower, "huge") != NULL || strstr (lower, "too long") != NULL ||
      strstr (lower, "too big") != NULL || strstr (lower, "too large") != NULL)
    return UNREADABLE_TOO_LARGE;

  if (state->error_domain == XML_FROM_I18N || state->error_code == XML_IO_ENCODER)
    return state->error_code == XML_I18N_NO_HANDLER ? UNREADABLE_UNKNOWN_ENCODING : UNREADABLE_ENCODING;

  switch (state->error_code)
    {
    case XML_ERR_UNKNOWN_ENCODING:
    case XML_ERR_UNSUPPORTED_ENCODING:
      return UNREADABLE_UNKNOWN_ENCODING;

    case XML_ERR_DOCUMENT_EMPTY:
    case XML_ERR_DOCUMENT_START:
      return looks_binary (data, length) ? UNREADABLE_BINARY : UNREADABLE_NOT_XML;

    case XML_ERR_DOCUMENT_END:
      return UNREADABLE_EXTRA_CONTENT;

    case XML_ERR_INVALID_ENCODING:
    case XML_ERR_INVALID_CHAR:
      return looks_binary (data, length) ? UNREADABLE_BINARY : UNREADABLE_ENCODING;

    default:
      break;
    }

  if (state->error_at_end)
    return UNREADABLE_TRUNCATED;
  return looks_binary (data, length) ? UNREADABLE_BINARY : UNREADABLE_BROKEN;
}

static void
set_parse_error (GError          **error,
                 const ParseState *state,
                 const char       *data,
                 gsize             length,
                 const char       *display_name)
{
  Unreadable why = classify_parse_error (state, data, length);
  TmXmlError code = why == UNREADABLE_TOO_LARGE ? TM_XML_ERROR_FORBIDDEN : TM_XML_ERROR_MALFORMED;
  const char *message;

  switch (why)
    {
    case UNREADABLE_TOO_LARGE:
      message = _("A text, name or value here is too large: no portfolio holds one so long, "
                  "so Taskmap does not read on.");
      break;
    case UNREADABLE_BINARY:
      message = _("This is not a text file: it holds binary data, such as a picture or a program. "
                  "A Taskmap portfolio is an XML text file.");
      break;
    case UNREADABLE_NOT_XML:
      message = _("This is not an XML file: it does not begin with an element such as <portfolio>.");
      break;
    case UNREADABLE_TRUNCATED:
      message = _("The file ends too early: its end is missing, perhaps because it was not "
                  "copied or saved completely.");
      break;
    case UNREADABLE_ENCODING:
      message = _("The text here is not in the file’s character encoding (UTF-8, unless the file "
                  "says another). The file may be damaged, or saved by a program that changed its "
                  "encoding.");
      break;
    case UNREADABLE_UNKNOWN_ENCODING:
      message = _("The file says it is written in a character encoding Taskmap cannot read. "
                  "Save it as UTF-8 and import it again.");
      break;
    case UNREADABLE_EXTRA_CONTENT:
      message = _("There is more after the end of the portfolio. A file holds one portfolio; "
                  "the rest may be another file copied into this one.");
      break;
    case UNREADABLE_BROKEN:
    default:
      message = _("This is not well-formed XML: a tag, an attribute or a character here is broken.");
      break;
    }

  /* Translators: FILE:LINE:COLUMN: what is wrong, then on a line of its own
   * “Details:” and libxml2's words (in English) */
  g_set_error (error, TM_XML_ERROR, code, _("%s:%d:%d: %s\nDetails: %s"),
               display_name, state->error_line, MAX (state->error_column, 1), message,
               state->error_message);
}

/* The tree's elements as the walk takes them */

static TmXmlElem *
elem_from_node (TmXmlArena *arena,
                xmlNode    *node,
                gboolean    deep)
{
  TmXmlElem *elem = _tm_xml_arena_alloc0 (arena, sizeof (TmXmlElem));
  gboolean has_elements = FALSE;
  guint n_attrs = 0;

  elem->name = _tm_xml_name_from_string ((const char *) node->name);
  elem->line = node_line (node);
  elem->column = node_column (node);

  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (a->ns == NULL)
      n_attrs++;
  elem->attrs = _tm_xml_arena_alloc0 (arena, MAX (n_attrs, 1) * sizeof (TmXmlAttr));
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      xmlChar *value;

      if (a->ns != NULL)
        continue;
      value = xmlNodeListGetString (node->doc, a->children, 1);
      elem->attrs[elem->n_attrs].name = _tm_xml_name_from_string ((const char *) a->name);
      elem->attrs[elem->n_attrs].value = _tm_xml_arena_strndup (arena, value ? (const char *) value : "",
                                                                value ? strlen ((const char *) value) : 0);
      elem->n_attrs++;
      xmlFree (value);
    }

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      TmXmlElem *sub;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      has_elements = TRUE;
      if (!deep || !is_element (child, (const char *) child->name))
        continue;
      sub = elem_from_node (arena, child, TRUE);
      if (elem->last != NULL)
        elem->last->next = sub;
      else
        elem->first = sub;
      elem->last = sub;
    }

  if (!has_elements && deep)
    {
      g_autofree char *text = dup_text (node);

      elem->text_length = strlen (text);
      elem->text = _tm_xml_arena_strndup (arena, text, elem->text_length);
    }
  else
    elem->text = "";
  return elem;
}

/* Walks the items of a valid tree, in the file's order. */
static TmXmlDocument *
walk_tree (xmlNode     *root,
           const char  *display_name,
           GError     **error)
{
  g_autoptr(TmXmlWalk) walk = NULL;
  TmXmlArena arena;
  gboolean ok = TRUE;

  _tm_xml_arena_init (&arena);
  walk = _tm_xml_walk_new (display_name, elem_from_node (&arena, root, FALSE), error);
  if (walk == NULL)
    {
      _tm_xml_arena_clear (&arena);
      return NULL;
    }

  for (xmlNode *section = root->children; ok && section; section = section->next)
    {
      if (section->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (section, "unit") || is_element (section, "staffing"))
        {
          _tm_xml_arena_reset (&arena);
          ok = _tm_xml_walk_item (walk, elem_from_node (&arena, section, TRUE), error);
          continue;
        }

      for (xmlNode *child = section->children; ok && child; child = child->next)
        {
          if (child->type != XML_ELEMENT_NODE)
            continue;
          if (is_element (section, "tasks") && !is_element (child, "task"))
            {
              g_autofree char *msg =
                g_strdup_printf (_("The element “%s” does not belong in the task list."),
                                 (const char *) child->name);
              set_node_error (error, TM_XML_ERROR_INVALID, display_name, child, msg);
              ok = FALSE;
              break;
            }
          if (!(is_element (section, "professions") && is_element (child, "profession")) &&
              !(is_element (section, "scenarios") && is_element (child, "scenario")) &&
              !(is_element (section, "tasks") && is_element (child, "task")) &&
              !(is_element (section, "workshops") && is_element (child, "workshop")) &&
              !(is_element (section, "history") && is_element (child, "change")))
            continue;
          _tm_xml_arena_reset (&arena);
          ok = _tm_xml_walk_item (walk, elem_from_node (&arena, child, TRUE), error);
        }
    }

  _tm_xml_arena_clear (&arena);
  if (!ok)
    return NULL;
  return _tm_xml_walk_finish (g_steal_pointer (&walk));
}

/* The tree reader: libxml2 builds the whole file as a tree and validates it
 * against the XSD, whose errors libxml2 reports with the elements they are
 * about. It is what the streaming reader cannot be: the source of every
 * refusal's words ("(The file has 3 more problems.)" counts them all), so
 * a file the streaming reader does not take comes here. */
TmXmlDocument *
_tm_xml_tree_read (const char  *data,
                   gsize        length,
                   const char  *display_name,
                   GError     **error)
{
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (TmXmlPlace));
  g_autoptr(xmlParserCtxt) ctxt = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *version_text = NULL;
  ParseState state = { 0 };
  TmXmlErrorHandlers handlers;
  xmlNode *root;
  double version;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (!_tm_xml_check_size (length, display_name, error))
    return NULL;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("Could not read “%s”: out of memory."), display_name);
      return NULL;
    }
  state.places = places;
  ctxt->_private = &state;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->startElementNs = on_start_element;
  ctxt->sax->endElementNs = on_end_element;
  /* libxml2 says nothing on stderr: its words go into the details. */
  ctxt->sax->serror = (xmlStructuredErrorFunc) on_parse_error;

  /* No network, no entity substitution, no DTD, no huge nodes; line numbers
   * beyond 65535 for the messages. */
  _tm_xml_errors_capture (&handlers, (xmlStructuredErrorFunc) on_parse_error, ctxt);
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, display_name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
  _tm_xml_errors_restore (&handlers);
  if (doc != NULL)
    doc->_private = places;

  if (state.saw_doctype)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_FORBIDDEN,
                   _("“%s” contains a document type declaration (DOCTYPE). Taskmap does not read "
                     "such files, because they can make a program read other files or run out of memory."),
                   display_name);
      /* An encoding error may have come before the DOCTYPE. */
      g_free (state.error_message);
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
                     display_name, state.deep_line, state.deep_column, TM_XML_MAX_DEPTH);
      g_free (state.error_message);
      return NULL;
    }

  if (doc == NULL || !ctxt->wellFormed)
    {
      if (state.have_error)
        set_parse_error (error, &state, data, length, display_name);
      else
        g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                     _("“%s” is not a readable XML file."), display_name);
      g_free (state.error_message);
      return NULL;
    }
  g_free (state.error_message);

  root = xmlDocGetRootElement (doc);
  if (root == NULL || !is_element (root, "portfolio"))
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_NOT_TASKMAP,
                   _("“%s” is XML, but not a Taskmap portfolio."), display_name);
      return NULL;
    }

  version_text = dup_prop (root, "version");
  /* A whole number an int holds (the cast of a larger one is undefined). */
  if (!_tm_xml_parse_number (version_text, &version) || version < 1 || version > G_MAXINT ||
      version != (int) version)
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

  return walk_tree (root, display_name, error);
}
