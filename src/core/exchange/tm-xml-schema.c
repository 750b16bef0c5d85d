/* tm-xml-schema.c
 * The rules of the published XSD, read from it once, for the streaming reader.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include <math.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "exchange/tm-xml.h"
#include "tm-core-resources.h"
#include "exchange/tm-xml-schema-private.h"

/* The XSD stays the one statement of what a file may hold: this reads its
 * rules (types, facets, element order, attributes, xs:unique) from it rather
 * than repeating them, so that a change to the XSD is a change to what the
 * streaming reader accepts. It follows the part of XML Schema the format
 * uses; anything else in the XSD makes _tm_xml_schema_model_get() give NULL
 * (every file then goes through libxml2's validator, as before), and the
 * tests say so. */

#define XS_NAMESPACE "http://www.w3.org/2001/XMLSchema"
#define SCHEMA_RESOURCE "/org/taskmap/Taskmap/core/schema/taskmap-portfolio.xsd"

/* Names */

static const char * const names[TM_XML_N_NAMES] = {
  [TM_XML_NAME_NONE] = "",
  [TM_XML_NAME_PORTFOLIO] = "portfolio",
  [TM_XML_NAME_UNIT] = "unit",
  [TM_XML_NAME_NAME] = "name",
  [TM_XML_NAME_ORGANISATION] = "organisation",
  [TM_XML_NAME_SETTING] = "setting",
  [TM_XML_NAME_NOTES] = "notes",
  [TM_XML_NAME_LAST_COMMITTEE_MEETING] = "last-committee-meeting",
  [TM_XML_NAME_PROFESSIONS] = "professions",
  [TM_XML_NAME_PROFESSION] = "profession",
  [TM_XML_NAME_NAME_EN] = "name-en",
  [TM_XML_NAME_STAFFING] = "staffing",
  [TM_XML_NAME_STAFF] = "staff",
  [TM_XML_NAME_SCENARIOS] = "scenarios",
  [TM_XML_NAME_SCENARIO] = "scenario",
  [TM_XML_NAME_TASKS] = "tasks",
  [TM_XML_NAME_TASK] = "task",
  [TM_XML_NAME_TITLE] = "title",
  [TM_XML_NAME_DESCRIPTION] = "description",
  [TM_XML_NAME_GROUP] = "group",
  [TM_XML_NAME_LEVEL] = "level",
  [TM_XML_NAME_COMPLEXITY] = "complexity",
  [TM_XML_NAME_TIME] = "time",
  [TM_XML_NAME_SHIFTS] = "shifts",
  [TM_XML_NAME_PERFORMED_BY] = "performed-by",
  [TM_XML_NAME_ASSESSMENT] = "assessment",
  [TM_XML_NAME_TRAINING_CONTENT] = "training-content",
  [TM_XML_NAME_PURPOSE] = "purpose",
  [TM_XML_NAME_NOTE] = "note",
  [TM_XML_NAME_MOVE] = "move",
  [TM_XML_NAME_REVIEW] = "review",
  [TM_XML_NAME_CHECK] = "check",
  [TM_XML_NAME_QUALITY] = "quality",
  [TM_XML_NAME_BARRIER_NOTE] = "barrier-note",
  [TM_XML_NAME_MITIGATION] = "mitigation",
  [TM_XML_NAME_RESPONSIBLE] = "responsible",
  [TM_XML_NAME_DELEGATION_INSTRUCTION] = "delegation-instruction",
  [TM_XML_NAME_QUALITY_STANDARDS] = "quality-standards",
  [TM_XML_NAME_FOLLOW_UP] = "follow-up",
  [TM_XML_NAME_STATUS_CHANGE] = "status-change",
  [TM_XML_NAME_WORKSHOPS] = "workshops",
  [TM_XML_NAME_WORKSHOP] = "workshop",
  [TM_XML_NAME_FACILITATOR] = "facilitator",
  [TM_XML_NAME_PARTICIPANTS] = "participants",
  [TM_XML_NAME_NAMES] = "names",
  [TM_XML_NAME_DECISIONS] = "decisions",
  [TM_XML_NAME_DECIDED] = "decided",
  [TM_XML_NAME_HISTORY] = "history",
  [TM_XML_NAME_CHANGE] = "change",
  [TM_XML_NAME_TASK_TITLE] = "task-title",
  [TM_XML_NAME_OLD] = "old",
  [TM_XML_NAME_NEW] = "new",
  [TM_XML_NAME_VERSION] = "version",
  [TM_XML_NAME_COUNTRY] = "country",
  [TM_XML_NAME_LANGUAGE] = "language",
  [TM_XML_NAME_ID] = "id",
  [TM_XML_NAME_AUTHORISED] = "authorised",
  [TM_XML_NAME_UNSKILLED] = "unskilled",
  [TM_XML_NAME_HIDDEN] = "hidden",
  [TM_XML_NAME_FTE] = "fte",
  [TM_XML_NAME_HOURS_PER_FTE] = "hours-per-fte",
  [TM_XML_NAME_SHIFT_HOURS] = "shift-hours",
  [TM_XML_NAME_MODIFIED] = "modified",
  [TM_XML_NAME_MINUTES] = "minutes",
  [TM_XML_NAME_OCCURRENCES] = "occurrences",
  [TM_XML_NAME_PER] = "per",
  [TM_XML_NAME_SHARE] = "share",
  [TM_XML_NAME_SUITABILITY] = "suitability",
  [TM_XML_NAME_COMPLEXITY_LIMIT] = "complexity-limit",
  [TM_XML_NAME_TRAINING] = "training",
  [TM_XML_NAME_TRAINING_DAYS] = "training-days",
  [TM_XML_NAME_TESTED] = "tested",
  [TM_XML_NAME_RATIONALE] = "rationale",
  [TM_XML_NAME_KIND] = "kind",
  [TM_XML_NAME_RISK] = "risk",
  [TM_XML_NAME_BARRIERS] = "barriers",
  [TM_XML_NAME_ITEM] = "item",
  [TM_XML_NAME_STATE] = "state",
  [TM_XML_NAME_COMPONENT] = "component",
  [TM_XML_NAME_RATING] = "rating",
  [TM_XML_NAME_STATUS] = "status",
  [TM_XML_NAME_WHEN] = "when",
  [TM_XML_NAME_WHO] = "who",
  [TM_XML_NAME_OPEN] = "open",
  [TM_XML_NAME_DATE] = "date",
  [TM_XML_NAME_COUNT] = "count",
  [TM_XML_NAME_FIELD] = "field",
};

static gpointer
build_name_table (gpointer user_data)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 1; i < TM_XML_N_NAMES; i++)
    {
      g_assert (names[i] != NULL);
      g_hash_table_insert (table, (gpointer) names[i], GUINT_TO_POINTER (i));
    }
  return table;
}

const char *
_tm_xml_name_to_string (TmXmlName name)
{
  g_return_val_if_fail (name < TM_XML_N_NAMES, "");

  return names[name];
}

TmXmlName
_tm_xml_name_from_string (const char *text)
{
  static GOnce once = G_ONCE_INIT;

  if (text == NULL)
    return TM_XML_NAME_NONE;
  g_once (&once, build_name_table, NULL);
  return GPOINTER_TO_UINT (g_hash_table_lookup (once.retval, text));
}

/* Values */

static gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* @value with XML Schema's "collapse": runs of spaces as one, none at
 * either end. NULL when it is collapsed already. */
static char *
collapse (const char *value,
          gsize       length)
{
  gboolean needed = length > 0 && (is_xml_space (value[0]) || is_xml_space (value[length - 1]));
  GString *out;

  for (gsize i = 0; !needed && i < length; i++)
    needed = is_xml_space (value[i]) && (value[i] != ' ' || (i + 1 < length && is_xml_space (value[i + 1])));
  if (!needed)
    return NULL;

  out = g_string_sized_new (length);
  for (gsize i = 0; i < length; i++)
    {
      if (!is_xml_space (value[i]))
        g_string_append_c (out, value[i]);
      else if (out->len > 0 && i + 1 < length && !is_xml_space (value[i + 1]))
        g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

static gboolean
all_digits (const char *p,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return n > 0;
}

static int
two_digits (const char *p)
{
  return (p[0] - '0') * 10 + (p[1] - '0');
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
    return 29;
  return days[month - 1];
}

/* YYYY-MM-DD, a date that exists. Stricter than xs:date (no time zone, no
 * year beyond 9999 or before 1): what the format's patterns allow anyway,
 * and a file with more goes to libxml2's validator. */
static gboolean
check_date_part (const char *p)
{
  int year, month, day;

  if (!all_digits (p, 4) || p[4] != '-' || !all_digits (p + 5, 2) || p[7] != '-' ||
      !all_digits (p + 8, 2))
    return FALSE;
  year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + two_digits (p + 2);
  month = two_digits (p + 5);
  day = two_digits (p + 8);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month (year, month);
}

static gboolean
check_date (const char *value,
            gsize       length)
{
  return length == 10 && check_date_part (value);
}

/* YYYY-MM-DDThh:mm:ss, optionally with Z: stricter than xs:dateTime likewise. */
static gboolean
check_date_time (const char *value,
                 gsize       length)
{
  const char *t = value + 11;

  if ((length != 19 && length != 20) || !check_date_part (value) || value[10] != 'T' ||
      !all_digits (t, 2) || t[2] != ':' || !all_digits (t + 3, 2) || t[5] != ':' ||
      !all_digits (t + 6, 2) || (length == 20 && value[19] != 'Z'))
    return FALSE;
  return two_digits (t) <= 23 && two_digits (t + 3) <= 59 && two_digits (t + 6) <= 59;
}

/* [+\-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+\-]?[0-9]+)?: the lexical form
 * of xs:double the format allows (no INF or NaN). */
static gboolean
check_decimal_form (const char *value,
                    gsize       length)
{
  const char *p = value;
  const char *end = value + length;
  gsize digits = 0;

  if (p < end && (*p == '+' || *p == '-'))
    p++;
  while (p < end && g_ascii_isdigit (*p))
    p++, digits++;
  if (p < end && *p == '.')
    {
      p++;
      while (p < end && g_ascii_isdigit (*p))
        p++, digits++;
    }
  if (digits == 0)
    return FALSE;
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gsize exponent = 0;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      while (p < end && g_ascii_isdigit (*p))
        p++, exponent++;
      if (exponent == 0)
        return FALSE;
    }
  return p == end;
}

/* \S+ */
static gboolean
check_no_spaces (const char *value,
                 gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (is_xml_space (value[i]))
      return FALSE;
  return length > 0;
}

/* [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12} */
static gboolean
check_uuid_form (const char *value,
                 gsize       length)
{
  if (length != 36)
    return FALSE;
  for (gsize i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (value[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (value[i]))
        return FALSE;
    }
  return TRUE;
}

/* \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z: \d is any Unicode digit, but the
 * value is an xs:dateTime too, whose digits are ASCII. */
static gboolean
check_timestamp_form (const char *value,
                      gsize       length)
{
  return length == 20 && check_date_time (value, length);
}

static gboolean
check_date_form (const char *value,
                 gsize       length)
{
  return check_date (value, length);
}

/* The patterns the XSD uses, checked in C; any other goes to libxml2's regexps. */
static const struct {
  const char       *pattern;
  TmXmlPatternFunc  func;
} known_patterns[] = {
  { "\\S+", check_no_spaces },
  { "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", check_uuid_form },
  { "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z", check_timestamp_form },
  { "\\d{4}-\\d{2}-\\d{2}", check_date_form },
  { "[+\\-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+\\-]?[0-9]+)?", check_decimal_form },
};

/* An integer of ASCII digits (no sign: a file with one goes to libxml2),
 * at most @max. */
static gboolean
check_unsigned (const char *value,
                gsize       length,
                guint64     min,
                guint64     max,
                double     *number)
{
  guint64 n = 0;

  if (!all_digits (value, length))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (n > (G_MAXUINT64 - 9) / 10)
        return FALSE;
      n = n * 10 + (guint64) (value[i] - '0');
    }
  *number = (double) n;
  return n >= min && n <= max;
}

static gboolean
check_length (const TmXmlSimpleType *step,
              const char            *value,
              gsize                  length)
{
  glong chars;

  /* A character is one to four bytes: count only when that does not decide. */
  if ((step->max_length < 0 || length <= (gsize) step->max_length) &&
      (step->min_length < 0 || length / 4 >= (gsize) step->min_length))
    return TRUE;
  chars = g_utf8_strlen (value, (gssize) length);
  return (step->max_length < 0 || chars <= step->max_length) &&
         (step->min_length < 0 || chars >= step->min_length);
}

static gboolean
check_enumeration (const TmXmlSimpleType *step,
                   const char            *value,
                   gsize                  length)
{
  for (guint i = 0; i < step->enumeration->len; i++)
    {
      const char *e = g_ptr_array_index (step->enumeration, i);

      if (strncmp (e, value, length) == 0 && e[length] == '\0')
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_atomic (const TmXmlSimpleType *type,
              const char            *value,
              gsize                  length)
{
  g_autofree char *collapsed = NULL;
  double number = 0;

  if (type->builtin != TM_XML_BUILTIN_STRING && (collapsed = collapse (value, length)) != NULL)
    {
      value = collapsed;
      length = strlen (collapsed);
    }

  switch (type->builtin)
    {
    case TM_XML_BUILTIN_STRING:
      break;
    case TM_XML_BUILTIN_DOUBLE:
      {
        char buffer[64];

        if (!check_decimal_form (value, length) || length >= sizeof buffer)
          return FALSE;
        memcpy (buffer, value, length);
        buffer[length] = '\0';
        if (!_tm_xml_parse_number (buffer, &number))
          return FALSE;
      }
      break;
    case TM_XML_BUILTIN_BOOLEAN:
      if (!((length == 4 && memcmp (value, "true", 4) == 0) ||
            (length == 5 && memcmp (value, "false", 5) == 0) ||
            (length == 1 && (value[0] == '1' || value[0] == '0'))))
        return FALSE;
      break;
    case TM_XML_BUILTIN_POSITIVE_INTEGER:
      if (!check_unsigned (value, length, 1, G_MAXUINT32, &number))
        return FALSE;
      break;
    case TM_XML_BUILTIN_UNSIGNED_INT:
      if (!check_unsigned (value, length, 0, G_MAXUINT32, &number))
        return FALSE;
      break;
    case TM_XML_BUILTIN_DATE_TIME:
      if (!check_date_time (value, length))
        return FALSE;
      break;
    case TM_XML_BUILTIN_DATE:
      if (!check_date (value, length))
        return FALSE;
      break;
    default:
      return FALSE;
    }

  for (const TmXmlSimpleType *step = type; step != NULL; step = step->base)
    {
      if ((step->min_length >= 0 || step->max_length >= 0) && !check_length (step, value, length))
        return FALSE;
      if (step->enumeration != NULL && !check_enumeration (step, value, length))
        return FALSE;
      /* A double's form is checked above already. */
      if (step->pattern_func != NULL &&
          !(step->pattern_func == check_decimal_form && type->builtin == TM_XML_BUILTIN_DOUBLE) &&
          !step->pattern_func (value, length))
        return FALSE;
      if (step->pattern != NULL)
        {
          g_autofree char *copy = g_strndup (value, length);

          if (xmlRegexpExec (step->pattern, (const xmlChar *) copy) != 1)
            return FALSE;
        }
      if (step->has_min && (step->min_exclusive ? number <= step->min : number < step->min))
        return FALSE;
      if (step->has_max && (step->max_exclusive ? number >= step->max : number > step->max))
        return FALSE;
    }
  return TRUE;
}

gboolean
_tm_xml_simple_type_check (const TmXmlSimpleType *type,
                           const char            *value,
                           gsize                  length)
{
  const char *p;
  const char *end;

  if (type->item == NULL)
    return check_atomic (type, value, length);

  /* A list: its items, between spaces. */
  p = value;
  end = value + length;
  while (p < end)
    {
      const char *start;

      while (p < end && is_xml_space (*p))
        p++;
      start = p;
      while (p < end && !is_xml_space (*p))
        p++;
      if (p > start && !check_atomic (type->item, start, (gsize) (p - start)))
        return FALSE;
    }
  return TRUE;
}

/* Compiling the XSD */

typedef struct {
  xmlDoc     *doc;
  GHashTable *simple_nodes;    /* name → xmlNode of xs:simpleType */
  GHashTable *complex_nodes;   /* name → xmlNode of xs:complexType */
  GHashTable *simple_types;    /* name → TmXmlSimpleType */
  GHashTable *complex_types;   /* name → TmXmlComplexType */
  GHashTable *resolving;       /* names being compiled: a loop */
  char       *problem;
} Compiler;

static gboolean
fail (Compiler   *c,
      xmlNode    *node,
      const char *what)
{
  if (c->problem == NULL)
    c->problem = g_strdup_printf ("line %ld: %s", node != NULL ? xmlGetLineNo (node) : 0L, what);
  return FALSE;
}

static gboolean
is_xs (xmlNode    *node,
       const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         xmlStrEqual (node->ns->href, (const xmlChar *) XS_NAMESPACE) &&
         xmlStrEqual (node->name, (const xmlChar *) name);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* The schema element's children that matter: annotations say nothing to a reader. */
static xmlNode *
next_child (xmlNode *node)
{
  while (node != NULL && (node->type != XML_ELEMENT_NODE || is_xs (node, "annotation")))
    node = node->next;
  return node;
}

#define FOR_EACH_CHILD(child, parent) \
  for (xmlNode *child = next_child ((parent)->children); child != NULL; child = next_child (child->next))

/* The namespace and local name of a QName written in @node. */
static gboolean
resolve_qname (xmlNode     *node,
               const char  *qname,
               const char **ns,
               const char **local)
{
  const char *colon = strchr (qname, ':');
  g_autofree char *prefix = colon != NULL ? g_strndup (qname, colon - qname) : NULL;
  xmlNs *found = xmlSearchNs (node->doc, node, (const xmlChar *) prefix);

  if (found == NULL)
    return FALSE;
  *ns = (const char *) found->href;
  *local = colon != NULL ? colon + 1 : qname;
  return TRUE;
}

static const TmXmlSimpleType *
builtin_type (const char *local)
{
  static const struct {
    const char   *name;
    TmXmlBuiltin  builtin;
  } builtins[] = {
    { "string", TM_XML_BUILTIN_STRING },
    { "double", TM_XML_BUILTIN_DOUBLE },
    { "boolean", TM_XML_BUILTIN_BOOLEAN },
    { "positiveInteger", TM_XML_BUILTIN_POSITIVE_INTEGER },
    { "unsignedInt", TM_XML_BUILTIN_UNSIGNED_INT },
    { "dateTime", TM_XML_BUILTIN_DATE_TIME },
    { "date", TM_XML_BUILTIN_DATE },
  };
  static TmXmlSimpleType types[G_N_ELEMENTS (builtins)];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
        {
          types[i].name = (char *) builtins[i].name;
          types[i].builtin = builtins[i].builtin;
          types[i].min_length = types[i].max_length = -1;
        }
      g_once_init_leave (&done, 1);
    }

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    if (g_str_equal (builtins[i].name, local))
      return &types[i];
  return NULL;
}

static const TmXmlSimpleType *compile_simple_named (Compiler   *c,
                                                    xmlNode    *from,
                                                    const char *qname);

static gboolean
facet_number (Compiler   *c,
              xmlNode    *facet,
              const char *value,
              double     *number)
{
  if (value == NULL || !_tm_xml_parse_number (value, number))
    return fail (c, facet, "a facet that is not a number");
  return TRUE;
}

static gboolean
facet_length (Compiler   *c,
              xmlNode    *facet,
              const char *value,
              int        *length)
{
  guint64 n = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &n, NULL))
    return fail (c, facet, "a length that is not a number");
  *length = (int) n;
  return TRUE;
}

static TmXmlSimpleType *
compile_simple (Compiler *c,
                xmlNode  *node,
                char     *name)
{
  g_autofree TmXmlSimpleType *type = g_new0 (TmXmlSimpleType, 1);
  xmlNode *body = next_child (node->children);

  type->name = name;
  type->min_length = type->max_length = -1;

  if (is_xs (body, "list"))
    {
      g_autofree char *item = prop (body, "itemType");

      if (item == NULL || next_child (body->children) != NULL ||
          (type->item = compile_simple_named (c, body, item)) == NULL || type->item->item != NULL)
        {
          fail (c, body, "a list the reader does not follow");
          return NULL;
        }
      type->builtin = TM_XML_BUILTIN_STRING;
      return g_steal_pointer (&type);
    }

  if (!is_xs (body, "restriction") || next_child (body->next) != NULL)
    {
      fail (c, body != NULL ? body : node, "a simple type that is not a restriction or a list");
      return NULL;
    }

  {
    g_autofree char *base = prop (body, "base");

    if (base == NULL || (type->base = compile_simple_named (c, body, base)) == NULL)
      {
        fail (c, body, "a restriction without a base the reader knows");
        return NULL;
      }
    if (type->base->item != NULL)
      {
        fail (c, body, "a restriction of a list");
        return NULL;
      }
    type->builtin = type->base->builtin;
  }

  FOR_EACH_CHILD (facet, body)
    {
      g_autofree char *value = prop (facet, "value");
      gboolean numeric = type->builtin == TM_XML_BUILTIN_DOUBLE ||
                         type->builtin == TM_XML_BUILTIN_POSITIVE_INTEGER ||
                         type->builtin == TM_XML_BUILTIN_UNSIGNED_INT;

      if (is_xs (facet, "enumeration") && value != NULL && type->builtin == TM_XML_BUILTIN_STRING)
        {
          if (type->enumeration == NULL)
            type->enumeration = g_ptr_array_new ();
          g_ptr_array_add (type->enumeration, g_steal_pointer (&value));
        }
      else if (is_xs (facet, "minLength") && type->builtin == TM_XML_BUILTIN_STRING)
        {
          if (!facet_length (c, facet, value, &type->min_length))
            return NULL;
        }
      else if (is_xs (facet, "maxLength") && type->builtin == TM_XML_BUILTIN_STRING)
        {
          if (!facet_length (c, facet, value, &type->max_length))
            return NULL;
        }
      else if (is_xs (facet, "pattern") && value != NULL)
        {
          if (type->pattern_func != NULL || type->pattern != NULL)
            {
              fail (c, facet, "two patterns in one restriction");
              return NULL;
            }
          for (guint i = 0; i < G_N_ELEMENTS (known_patterns); i++)
            if (g_str_equal (known_patterns[i].pattern, value))
              type->pattern_func = known_patterns[i].func;
          if (type->pattern_func == NULL &&
              (type->pattern = xmlRegexpCompile ((const xmlChar *) value)) == NULL)
            {
              fail (c, facet, "a pattern libxml2 does not compile");
              return NULL;
            }
        }
      else if ((is_xs (facet, "minInclusive") || is_xs (facet, "minExclusive")) && numeric)
        {
          if (!facet_number (c, facet, value, &type->min))
            return NULL;
          type->has_min = TRUE;
          type->min_exclusive = is_xs (facet, "minExclusive");
        }
      else if ((is_xs (facet, "maxInclusive") || is_xs (facet, "maxExclusive")) && numeric)
        {
          if (!facet_number (c, facet, value, &type->max))
            return NULL;
          type->has_max = TRUE;
          type->max_exclusive = is_xs (facet, "maxExclusive");
        }
      else
        {
          fail (c, facet, "a facet the reader does not follow");
          return NULL;
        }
    }

  return g_steal_pointer (&type);
}

static const TmXmlSimpleType *
compile_simple_named (Compiler   *c,
                      xmlNode    *from,
                      const char *qname)
{
  const char *ns = NULL;
  const char *local = NULL;
  TmXmlSimpleType *type;
  xmlNode *node;

  if (!resolve_qname (from, qname, &ns, &local))
    {
      fail (c, from, "a type name with an unknown prefix");
      return NULL;
    }
  if (g_str_equal (ns, XS_NAMESPACE))
    {
      const TmXmlSimpleType *builtin = builtin_type (local);

      if (builtin == NULL)
        fail (c, from, "a built-in type the reader does not follow");
      return builtin;
    }
  if (!g_str_equal (ns, TM_XML_NAMESPACE))
    {
      fail (c, from, "a type of another namespace");
      return NULL;
    }

  if ((type = g_hash_table_lookup (c->simple_types, local)) != NULL)
    return type;
  node = g_hash_table_lookup (c->simple_nodes, local);
  if (node == NULL)
    {
      fail (c, from, "a simple type that is not defined");
      return NULL;
    }
  if (!g_hash_table_add (c->resolving, (gpointer) local))
    {
      fail (c, from, "a type derived from itself");
      return NULL;
    }
  type = compile_simple (c, node, g_strdup (local));
  g_hash_table_remove (c->resolving, local);
  if (type != NULL)
    g_hash_table_insert (c->simple_types, type->name, type);
  return type;
}

static gboolean compile_element (Compiler       *c,
                                 xmlNode        *node,
                                 TmXmlElemDecl **out);

/* Content models */

typedef struct {
  guint64  first;
  guint64  last;
  gboolean nullable;
} Fragment;

static gboolean
occurs (Compiler *c,
        xmlNode  *node,
        guint    *min,
        guint    *max)
{
  g_autofree char *min_text = prop (node, "minOccurs");
  g_autofree char *max_text = prop (node, "maxOccurs");
  guint64 n = 0;

  *min = *max = 1;
  if (min_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (min_text, 10, 0, G_MAXUINT - 1, &n, NULL))
        return fail (c, node, "a minOccurs that is not a number");
      *min = (guint) n;
    }
  if (max_text != NULL && g_str_equal (max_text, "unbounded"))
    *max = G_MAXUINT;
  else if (max_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (max_text, 10, 1, G_MAXUINT - 1, &n, NULL))
        return fail (c, node, "a maxOccurs that is not a number");
      *max = (guint) n;
    }
  if (*min > *max)
    return fail (c, node, "minOccurs above maxOccurs");
  return TRUE;
}

static gboolean
compile_particle (Compiler         *c,
                  xmlNode          *node,
                  TmXmlComplexType *type,
                  GArray           *positions,
                  Fragment         *out)
{
  guint min, max;

  if (!occurs (c, node, &min, &max))
    return FALSE;

  if (is_xs (node, "element"))
    {
      TmXmlPosition position = { NULL, min, max, 0 };
      TmXmlElemDecl *decl = NULL;

      if (positions->len >= 64)
        return fail (c, node, "a content model of more than 64 elements");
      if (max == 0 || !compile_element (c, node, &decl))
        return fail (c, node, "an element the reader does not follow");
      position.decl = decl;
      g_array_append_val (positions, position);
      out->first = out->last = G_GUINT64_CONSTANT (1) << (positions->len - 1);
      out->nullable = min == 0;
      return TRUE;
    }

  /* Groups: the XSD's are optional at most, never repeated. */
  if (max != 1)
    return fail (c, node, "a repeated group");

  if (is_xs (node, "sequence"))
    {
      GArray *parts = g_array_new (FALSE, TRUE, sizeof (Fragment));
      gboolean ok = TRUE;

      FOR_EACH_CHILD (child, node)
        {
          Fragment part = { 0 };

          if (!(ok = compile_particle (c, child, type, positions, &part)))
            break;
          g_array_append_val (parts, part);
        }

      if (ok)
        {
          out->first = out->last = 0;
          out->nullable = TRUE;
          for (guint i = 0; i < parts->len; i++)
            {
              const Fragment *f = &g_array_index (parts, Fragment, i);

              if (out->nullable)
                out->first |= f->first;
              out->nullable = out->nullable && f->nullable;

              /* What may follow the end of part i: the next parts, up to one that must come. */
              for (guint j = i + 1; j < parts->len; j++)
                {
                  const Fragment *g = &g_array_index (parts, Fragment, j);

                  for (guint p = 0; p < positions->len; p++)
                    if (f->last & (G_GUINT64_CONSTANT (1) << p))
                      g_array_index (positions, TmXmlPosition, p).follow |= g->first;
                  if (!g->nullable)
                    break;
                }
            }
          for (guint i = parts->len; i > 0; i--)
            {
              const Fragment *f = &g_array_index (parts, Fragment, i - 1);

              out->last |= f->last;
              if (!f->nullable)
                break;
            }
        }
      g_array_unref (parts);
      if (ok && min == 0)
        out->nullable = TRUE;
      return ok;
    }

  if (is_xs (node, "choice"))
    {
      out->first = out->last = 0;
      out->nullable = FALSE;
      FOR_EACH_CHILD (child, node)
        {
          Fragment part = { 0 };

          if (!compile_particle (c, child, type, positions, &part))
            return FALSE;
          out->first |= part.first;
          out->last |= part.last;
          out->nullable = out->nullable || part.nullable;
        }
      if (min == 0)
        out->nullable = TRUE;
      return TRUE;
    }

  return fail (c, node, "a particle the reader does not follow");
}

/* Where an element may go next must be one place for each name: the XSD's
 * rule of unique particle attribution, which libxml2 checks too. */
static gboolean
is_deterministic (const TmXmlComplexType *type)
{
  for (guint p = 0; p <= type->n_positions; p++)
    {
      guint64 next = p == type->n_positions ? type->first
                                            : type->positions[p].follow | (G_GUINT64_CONSTANT (1) << p);

      for (guint a = 0; a < type->n_positions; a++)
        for (guint b = a + 1; b < type->n_positions; b++)
          if ((next & (G_GUINT64_CONSTANT (1) << a)) && (next & (G_GUINT64_CONSTANT (1) << b)) &&
              type->positions[a].decl->name == type->positions[b].decl->name)
            return FALSE;
    }
  return TRUE;
}

static gboolean
compile_attribute (Compiler      *c,
                   xmlNode       *node,
                   GArray        *attrs,
                   guint64       *required)
{
  g_autofree char *name = prop (node, "name");
  g_autofree char *type = prop (node, "type");
  g_autofree char *use = prop (node, "use");
  g_autofree char *fixed = prop (node, "fixed");
  g_autofree char *form = prop (node, "form");
  TmXmlAttrDecl decl = { TM_XML_NAME_NONE, NULL, FALSE };

  if (name == NULL || type == NULL || fixed != NULL || form != NULL ||
      next_child (node->children) != NULL)
    return fail (c, node, "an attribute the reader does not follow");
  if ((decl.name = _tm_xml_name_from_string (name)) == TM_XML_NAME_NONE)
    return fail (c, node, "an attribute whose name the reader does not know");
  if ((decl.type = compile_simple_named (c, node, type)) == NULL)
    return FALSE;
  if (use != NULL && !g_str_equal (use, "optional") && !g_str_equal (use, "required"))
    return fail (c, node, "an attribute that is prohibited");
  decl.required = use != NULL && g_str_equal (use, "required");
  if (attrs->len >= 64)
    return fail (c, node, "more than 64 attributes");
  if (decl.required)
    *required |= G_GUINT64_CONSTANT (1) << attrs->len;
  g_array_append_val (attrs, decl);
  return TRUE;
}

static TmXmlComplexType *
compile_complex (Compiler *c,
                 xmlNode  *node,
                 char     *name)
{
  TmXmlComplexType *type = g_new0 (TmXmlComplexType, 1);
  GArray *attrs = g_array_new (FALSE, TRUE, sizeof (TmXmlAttrDecl));
  GArray *positions = g_array_new (FALSE, TRUE, sizeof (TmXmlPosition));
  g_autofree char *mixed = prop (node, "mixed");
  gboolean ok = TRUE;

  type->name = name;
  type->content = TM_XML_CONTENT_EMPTY;
  type->nullable = TRUE;

  if (mixed != NULL && !g_str_equal (mixed, "false"))
    ok = fail (c, node, "mixed content");

  FOR_EACH_CHILD (child, node)
    {
      if (!ok)
        break;
      if (is_xs (child, "attribute"))
        ok = compile_attribute (c, child, attrs, &type->required);
      else if ((is_xs (child, "sequence") || is_xs (child, "choice")) &&
               type->content == TM_XML_CONTENT_EMPTY && attrs->len == 0)
        {
          Fragment whole = { 0 };

          ok = compile_particle (c, child, type, positions, &whole);
          type->content = TM_XML_CONTENT_ELEMENTS;
          type->first = whole.first;
          type->last = whole.last;
          type->nullable = whole.nullable;
        }
      else if (is_xs (child, "simpleContent") && type->content == TM_XML_CONTENT_EMPTY &&
               attrs->len == 0)
        {
          xmlNode *extension = next_child (child->children);
          g_autofree char *base = extension != NULL ? prop (extension, "base") : NULL;

          if (!is_xs (extension, "extension") || base == NULL || next_child (extension->next) != NULL ||
              (type->simple = compile_simple_named (c, extension, base)) == NULL)
            {
              ok = fail (c, child, "simple content the reader does not follow");
              break;
            }
          type->content = TM_XML_CONTENT_SIMPLE;
          FOR_EACH_CHILD (attribute, extension)
            if (ok)
              ok = is_xs (attribute, "attribute") ? compile_attribute (c, attribute, attrs, &type->required)
                                                  : fail (c, attribute, "an extension the reader does not follow");
        }
      else
        ok = fail (c, child, "a complex type the reader does not follow");
    }

  type->n_attrs = attrs->len;
  type->attrs = (TmXmlAttrDecl *) g_array_free (attrs, FALSE);
  type->n_positions = positions->len;
  type->positions = (TmXmlPosition *) g_array_free (positions, FALSE);

  if (ok && !is_deterministic (type))
    ok = fail (c, node, "a content model that is not deterministic");
  if (!ok)
    return NULL;   /* the model is given up, with what it holds */
  return type;
}

static const TmXmlComplexType *
compile_complex_named (Compiler   *c,
                       xmlNode    *from,
                       const char *qname)
{
  const char *ns = NULL;
  const char *local = NULL;
  TmXmlComplexType *type;
  xmlNode *node;

  if (!resolve_qname (from, qname, &ns, &local) || !g_str_equal (ns, TM_XML_NAMESPACE))
    {
      fail (c, from, "a complex type of another namespace");
      return NULL;
    }
  if ((type = g_hash_table_lookup (c->complex_types, local)) != NULL)
    return type;
  if ((node = g_hash_table_lookup (c->complex_nodes, local)) == NULL)
    {
      fail (c, from, "a complex type that is not defined");
      return NULL;
    }
  if (!g_hash_table_add (c->resolving, (gpointer) local))
    {
      fail (c, from, "a complex type that holds itself");
      return NULL;
    }
  type = compile_complex (c, node, g_strdup (local));
  g_hash_table_remove (c->resolving, local);
  if (type != NULL)
    g_hash_table_insert (c->complex_types, type->name, type);
  return type;
}

/* "tm:tasks/tm:task" and "@id" */
static gboolean
compile_unique (Compiler    *c,
                xmlNode     *node,
                TmXmlUnique *unique)
{
  xmlNode *selector = next_child (node->children);
  xmlNode *field = selector != NULL ? next_child (selector->next) : NULL;
  g_autofree char *path = selector != NULL ? prop (selector, "xpath") : NULL;
  g_autofree char *field_path = field != NULL ? prop (field, "xpath") : NULL;
  g_auto(GStrv) steps = NULL;

  memset (unique, 0, sizeof *unique);
  if (!is_xs (selector, "selector") || !is_xs (field, "field") || next_child (field->next) != NULL ||
      path == NULL || field_path == NULL || field_path[0] != '@' ||
      (unique->field = _tm_xml_name_from_string (field_path + 1)) == TM_XML_NAME_NONE)
    return fail (c, node, "an identity constraint the reader does not follow");

  steps = g_strsplit (path, "/", -1);
  for (guint i = 0; steps[i] != NULL; i++)
    {
      const char *ns = NULL;
      const char *local = NULL;

      if (i >= G_N_ELEMENTS (unique->steps) || !strchr (steps[i], ':') ||
          !resolve_qname (selector, steps[i], &ns, &local) || !g_str_equal (ns, TM_XML_NAMESPACE) ||
          (unique->steps[i] = _tm_xml_name_from_string (local)) == TM_XML_NAME_NONE)
        return fail (c, selector, "a selector the reader does not follow");
      unique->n_steps = i + 1;
    }
  return unique->n_steps > 0 || fail (c, selector, "an empty selector");
}

static gboolean
compile_element (Compiler       *c,
                 xmlNode        *node,
                 TmXmlElemDecl **out)
{
  static const char * const unsupported[] = { "ref", "default", "fixed", "nillable", "abstract",
                                              "substitutionGroup", "form", "block", "final" };
  g_autofree TmXmlElemDecl *decl = g_new0 (TmXmlElemDecl, 1);
  g_autofree char *name = prop (node, "name");
  g_autofree char *type = prop (node, "type");
  GArray *uniques = g_array_new (FALSE, TRUE, sizeof (TmXmlUnique));
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (unsupported); i++)
    if (ok && xmlHasProp (node, (const xmlChar *) unsupported[i]) != NULL)
      ok = fail (c, node, "an element declaration the reader does not follow");

  if (ok && (name == NULL || (decl->name = _tm_xml_name_from_string (name)) == TM_XML_NAME_NONE))
    ok = fail (c, node, "an element whose name the reader does not know");

  if (ok && type != NULL)
    {
      const char *ns = NULL;
      const char *local = NULL;

      if (!resolve_qname (node, type, &ns, &local))
        ok = fail (c, node, "a type name with an unknown prefix");
      else if (g_str_equal (ns, TM_XML_NAMESPACE) && g_hash_table_contains (c->complex_nodes, local))
        ok = (decl->complex = compile_complex_named (c, node, type)) != NULL;
      else
        ok = (decl->simple = compile_simple_named (c, node, type)) != NULL;
    }

  FOR_EACH_CHILD (child, node)
    {
      if (!ok)
        break;
      if (is_xs (child, "complexType") && type == NULL && decl->complex == NULL)
        ok = (decl->complex = compile_complex (c, child, NULL)) != NULL;
      else if (is_xs (child, "unique"))
        {
          TmXmlUnique unique;

          if ((ok = compile_unique (c, child, &unique)))
            g_array_append_val (uniques, unique);
        }
      else
        ok = fail (c, child, "an element declaration the reader does not follow");
    }

  if (ok && decl->complex == NULL && decl->simple == NULL)
    ok = fail (c, node, "an element without a type");

  decl->n_uniques = uniques->len;
  decl->uniques = (TmXmlUnique *) g_array_free (uniques, FALSE);
  if (!ok)
    return FALSE;
  *out = g_steal_pointer (&decl);
  return TRUE;
}

static gboolean
check_schema_element (Compiler *c,
                      xmlNode  *root)
{
  g_autofree char *target = prop (root, "targetNamespace");
  g_autofree char *element_form = prop (root, "elementFormDefault");
  g_autofree char *attribute_form = prop (root, "attributeFormDefault");

  if (!is_xs (root, "schema") || g_strcmp0 (target, TM_XML_NAMESPACE) != 0 ||
      g_strcmp0 (element_form, "qualified") != 0 ||
      (attribute_form != NULL && !g_str_equal (attribute_form, "unqualified")))
    return fail (c, root, "a schema of another form");
  return TRUE;
}

GBytes *
_tm_xml_schema_bytes (GError **error)
{
  /* Looked up in our own resource: a static library's constructor may never run. */
  return g_resource_lookup_data (tm_core_get_resource (), SCHEMA_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

static void
ignore_error (void        *user_data,
              xmlErrorPtr  error)
{
}

static gpointer
compile_model (gpointer user_data)
{
  char **problem = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  Compiler c = { 0 };
  TmXmlSchemaModel *model = NULL;
  xmlNode *root;
  xmlNode *top = NULL;
  gsize length = 0;
  const char *data;

  bytes = _tm_xml_schema_bytes (&error);
  if (bytes == NULL)
    {
      *problem = g_strdup (error->message);
      return NULL;
    }
  data = g_bytes_get_data (bytes, &length);

  {
    xmlParserCtxt *ctxt = xmlNewParserCtxt ();

    if (ctxt == NULL)
      {
        *problem = g_strdup ("out of memory");
        return NULL;
      }
    ctxt->sax->serror = (xmlStructuredErrorFunc) ignore_error;
    c.doc = xmlCtxtReadMemory (ctxt, data, (int) length, "taskmap-portfolio.xsd", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                               XML_PARSE_NOBLANKS);
    xmlFreeParserCtxt (ctxt);
  }
  if (c.doc == NULL)
    {
      *problem = g_strdup ("the XSD is not well-formed");
      return NULL;
    }

  c.simple_nodes = g_hash_table_new (g_str_hash, g_str_equal);
  c.complex_nodes = g_hash_table_new (g_str_hash, g_str_equal);
  c.simple_types = g_hash_table_new (g_str_hash, g_str_equal);
  c.complex_types = g_hash_table_new (g_str_hash, g_str_equal);
  c.resolving = g_hash_table_new (g_str_hash, g_str_equal);

  root = xmlDocGetRootElement (c.doc);
  if (check_schema_element (&c, root))
    {
      FOR_EACH_CHILD (child, root)
        {
          xmlChar *name = xmlGetNoNsProp (child, (const xmlChar *) "name");

          /* Names live as long as the tree, which lives while compiling. */
          if (name != NULL && is_xs (child, "simpleType"))
            g_hash_table_insert (c.simple_nodes, (char *) xmlDictLookup (c.doc->dict, name, -1), child);
          else if (name != NULL && is_xs (child, "complexType"))
            g_hash_table_insert (c.complex_nodes, (char *) xmlDictLookup (c.doc->dict, name, -1), child);
          else if (is_xs (child, "element") && top == NULL)
            top = child;
          else
            fail (&c, child, "a top-level declaration the reader does not follow");
          xmlFree (name);
        }
    }

  if (c.problem == NULL && top == NULL)
    fail (&c, root, "no element");

  if (c.problem == NULL)
    {
      TmXmlElemDecl *decl = NULL;

      if (compile_element (&c, top, &decl))
        {
          if (decl->complex == NULL || decl->name != TM_XML_NAME_PORTFOLIO)
            fail (&c, top, "the document element is not a portfolio");
          else
            {
              model = g_new0 (TmXmlSchemaModel, 1);
              model->root = decl;
            }
        }
    }

  /* The compiled types stay for the life of the process, as the XSD does;
   * a model given up keeps what it had compiled (once, and small). */
  g_hash_table_unref (c.simple_nodes);
  g_hash_table_unref (c.complex_nodes);
  g_hash_table_unref (c.simple_types);
  g_hash_table_unref (c.complex_types);
  g_hash_table_unref (c.resolving);
  xmlFreeDoc (c.doc);

  if (model == NULL)
    {
      *problem = c.problem != NULL ? c.problem : g_strdup ("unknown");
      g_debug ("The streaming reader does not follow the XSD (%s): every file is read as a tree",
               *problem);
      return NULL;
    }
  g_free (c.problem);
  return model;
}

static char *model_problem;

const TmXmlSchemaModel *
_tm_xml_schema_model_get (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, compile_model, &model_problem);
  return once.retval;
}

const char *
_tm_xml_schema_model_get_problem (void)
{
  _tm_xml_schema_model_get ();
  return model_problem;
}
