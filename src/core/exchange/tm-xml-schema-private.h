/* tm-xml-schema-private.h
 * The rules of the published XSD as the streaming reader follows them:
 * element order and nesting, attributes, their types and facets, and the
 * uniqueness of ids, read once from data/taskmap-portfolio.xsd.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlregexp.h>

#include "exchange/tm-xml-read-private.h"

G_BEGIN_DECLS

typedef enum {
  TM_XML_BUILTIN_STRING,
  TM_XML_BUILTIN_DOUBLE,
  TM_XML_BUILTIN_BOOLEAN,
  TM_XML_BUILTIN_POSITIVE_INTEGER,
  TM_XML_BUILTIN_UNSIGNED_INT,
  TM_XML_BUILTIN_DATE_TIME,
  TM_XML_BUILTIN_DATE,
} TmXmlBuiltin;

typedef gboolean (*TmXmlPatternFunc) (const char *value,
                                      gsize       length);

typedef struct _TmXmlSimpleType TmXmlSimpleType;
struct _TmXmlSimpleType {
  char                  *name;          /* for messages in the tests; NULL if anonymous */
  TmXmlBuiltin           builtin;       /* of the whole derivation */
  const TmXmlSimpleType *base;          /* the type this one restricts, or NULL */
  const TmXmlSimpleType *item;          /* a list of these, or NULL */
  /* The facets of this step of the derivation; a value meets every step's. */
  int                    min_length;    /* in characters; -1 when not given */
  int                    max_length;
  GPtrArray             *enumeration;   /* of char *, or NULL */
  TmXmlPatternFunc       pattern_func;  /* a pattern the reader knows, or */
  xmlRegexpPtr           pattern;       /* libxml2's compiled form of another */
  gboolean               has_min;
  gboolean               min_exclusive;
  double                 min;
  gboolean               has_max;
  gboolean               max_exclusive;
  double                 max;
};

typedef struct {
  TmXmlName              name;
  const TmXmlSimpleType *type;
  gboolean               required;
} TmXmlAttrDecl;

typedef struct _TmXmlElemDecl TmXmlElemDecl;

/* One place in a content model (an element particle). The model is the
 * Glushkov automaton of the XSD's sequences and choices: after an element at
 * position p, the next one is at a position in p's follow set, or at p again
 * while fewer than max have come. */
typedef struct {
  const TmXmlElemDecl *decl;
  guint                min;
  guint                max;     /* G_MAXUINT: unbounded */
  guint64              follow;  /* bit i: position i may come next */
} TmXmlPosition;

typedef enum {
  TM_XML_CONTENT_EMPTY,     /* attributes only: not even spaces */
  TM_XML_CONTENT_SIMPLE,    /* text of a simple type */
  TM_XML_CONTENT_ELEMENTS,  /* elements, spaces between them */
} TmXmlContent;

typedef struct {
  char                  *name;
  TmXmlContent           content;
  const TmXmlSimpleType *simple;        /* TM_XML_CONTENT_SIMPLE */
  TmXmlAttrDecl         *attrs;
  guint                  n_attrs;
  guint64                required;      /* bit i: attrs[i] is required */
  TmXmlPosition         *positions;
  guint                  n_positions;
  guint64                first;         /* positions the content may start with */
  guint64                last;          /* positions it may end with */
  gboolean               nullable;      /* it may be empty */
} TmXmlComplexType;

/* An xs:unique: below an element of the declaration's, the elements at
 * @steps (names, one per level down) have distinct values of @field. */
typedef struct {
  guint     n_steps;
  TmXmlName steps[4];
  TmXmlName field;
} TmXmlUnique;

struct _TmXmlElemDecl {
  TmXmlName               name;
  const TmXmlComplexType *complex;      /* or */
  const TmXmlSimpleType  *simple;       /* for an element that holds text only */
  TmXmlUnique            *uniques;
  guint                   n_uniques;
};

struct _TmXmlSchemaModel {
  const TmXmlElemDecl *root;
};

/* Whether @value (@length bytes, UTF-8) is valid for @type. */
gboolean _tm_xml_simple_type_check (const TmXmlSimpleType *type,
                                    const char            *value,
                                    gsize                  length);

G_END_DECLS
