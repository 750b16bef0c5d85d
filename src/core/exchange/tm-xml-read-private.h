/* tm-xml-read-private.h
 * The reading of the exchange format, shared by its parts: the streaming
 * reader (tm-xml-stream.c) with the schema's rules (tm-xml-schema.c), the
 * tree and XSD reader that words the refusals (tm-xml-read.c), and the
 * walk that turns a file's elements into a TmXmlDocument (tm-xml-read.c).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/parser.h>

#include "exchange/tm-xml-document-private.h"
#include "model/tm-staffing.h"
#include "model/tm-task-private.h"

G_BEGIN_DECLS

/* Far beyond any real unit or region; a guard against files made to exhaust memory. */
#define TM_XML_MAX_IMPORT_BYTES (512u * 1024u * 1024u)

/* The XSD's maxLength of a text (tm:Text), in characters. */
#define TM_XML_MAX_TEXT_CHARS 262144

/* A portfolio is five levels deep (portfolio, tasks, task, assessment, note);
 * a file nested much deeper was made to exhaust the parser or the validator. */
#define TM_XML_MAX_DEPTH 16

/* Every name of an element or attribute the format has. Both readers map a
 * name to one of these once, so the walk compares numbers, not strings. */
typedef enum {
  TM_XML_NAME_NONE,
  /* Elements */
  TM_XML_NAME_PORTFOLIO,
  TM_XML_NAME_UNIT,
  TM_XML_NAME_NAME,
  TM_XML_NAME_ORGANISATION,
  TM_XML_NAME_SETTING,
  TM_XML_NAME_NOTES,
  TM_XML_NAME_LAST_COMMITTEE_MEETING,
  TM_XML_NAME_PROFESSIONS,
  TM_XML_NAME_PROFESSION,
  TM_XML_NAME_NAME_EN,
  TM_XML_NAME_STAFFING,
  TM_XML_NAME_STAFF,
  TM_XML_NAME_SCENARIOS,
  TM_XML_NAME_SCENARIO,
  TM_XML_NAME_TASKS,
  TM_XML_NAME_TASK,
  TM_XML_NAME_TITLE,
  TM_XML_NAME_DESCRIPTION,
  TM_XML_NAME_GROUP,
  TM_XML_NAME_LEVEL,
  TM_XML_NAME_COMPLEXITY,
  TM_XML_NAME_TIME,
  TM_XML_NAME_SHIFTS,
  TM_XML_NAME_PERFORMED_BY,
  TM_XML_NAME_ASSESSMENT,
  TM_XML_NAME_TRAINING_CONTENT,
  TM_XML_NAME_PURPOSE,
  TM_XML_NAME_NOTE,
  TM_XML_NAME_MOVE,
  TM_XML_NAME_REVIEW,
  TM_XML_NAME_CHECK,
  TM_XML_NAME_QUALITY,
  TM_XML_NAME_BARRIER_NOTE,
  TM_XML_NAME_MITIGATION,
  TM_XML_NAME_RESPONSIBLE,
  TM_XML_NAME_DELEGATION_INSTRUCTION,
  TM_XML_NAME_QUALITY_STANDARDS,
  TM_XML_NAME_FOLLOW_UP,
  TM_XML_NAME_STATUS_CHANGE,
  TM_XML_NAME_WORKSHOPS,
  TM_XML_NAME_WORKSHOP,
  TM_XML_NAME_FACILITATOR,
  TM_XML_NAME_PARTICIPANTS,
  TM_XML_NAME_NAMES,
  TM_XML_NAME_DECISIONS,
  TM_XML_NAME_DECIDED,
  TM_XML_NAME_HISTORY,
  TM_XML_NAME_CHANGE,
  TM_XML_NAME_TASK_TITLE,
  TM_XML_NAME_OLD,
  TM_XML_NAME_NEW,
  /* Attributes (some names are elements too: unit, profession, scenario, task) */
  TM_XML_NAME_VERSION,
  TM_XML_NAME_COUNTRY,
  TM_XML_NAME_LANGUAGE,
  TM_XML_NAME_ID,
  TM_XML_NAME_AUTHORISED,
  TM_XML_NAME_UNSKILLED,
  TM_XML_NAME_HIDDEN,
  TM_XML_NAME_FTE,
  TM_XML_NAME_HOURS_PER_FTE,
  TM_XML_NAME_SHIFT_HOURS,
  TM_XML_NAME_MODIFIED,
  TM_XML_NAME_MINUTES,
  TM_XML_NAME_OCCURRENCES,
  TM_XML_NAME_PER,
  TM_XML_NAME_SHARE,
  TM_XML_NAME_SUITABILITY,
  TM_XML_NAME_COMPLEXITY_LIMIT,
  TM_XML_NAME_TRAINING,
  TM_XML_NAME_TRAINING_DAYS,
  TM_XML_NAME_TESTED,
  TM_XML_NAME_RATIONALE,
  TM_XML_NAME_KIND,
  TM_XML_NAME_RISK,
  TM_XML_NAME_BARRIERS,
  TM_XML_NAME_ITEM,
  TM_XML_NAME_STATE,
  TM_XML_NAME_COMPONENT,
  TM_XML_NAME_RATING,
  TM_XML_NAME_STATUS,
  TM_XML_NAME_WHEN,
  TM_XML_NAME_WHO,
  TM_XML_NAME_OPEN,
  TM_XML_NAME_DATE,
  TM_XML_NAME_COUNT,
  TM_XML_NAME_FIELD,
  TM_XML_N_NAMES
} TmXmlName;

/* The name as the file writes it. */
const char *_tm_xml_name_to_string   (TmXmlName    name);
/* TM_XML_NAME_NONE for a name the format does not have. */
TmXmlName   _tm_xml_name_from_string (const char  *text);

typedef struct {
  TmXmlName   name;
  const char *value;
} TmXmlAttr;

/* One element of an item of the file (a task, a profession, the unit...),
 * as either reader hands it to the walk: element children only, all in
 * the format's namespace; the text of an element that holds text. */
typedef struct _TmXmlElem TmXmlElem;
struct _TmXmlElem {
  TmXmlName   name;
  TmXmlElem  *first;     /* first child element */
  TmXmlElem  *last;
  TmXmlElem  *next;      /* next sibling */
  TmXmlAttr  *attrs;
  guint       n_attrs;
  const char *text;      /* never NULL: "" for none */
  gsize       text_length;
  long        line;      /* of the start tag; 0 when not known */
  guint       column;
};

/* The value of @name, or NULL when @elem does not have it. */
static inline const char *
_tm_xml_elem_attr (const TmXmlElem *elem,
                   TmXmlName        name)
{
  for (guint i = 0; i < elem->n_attrs; i++)
    if (elem->attrs[i].name == name)
      return elem->attrs[i].value;
  return NULL;
}

/* Memory for one item's elements, given back all at once. */
typedef struct {
  GPtrArray *blocks;
  char      *at;
  gsize      left;
} TmXmlArena;

void      _tm_xml_arena_init    (TmXmlArena  *arena);
/* Gives back everything but the first block, for the next item. */
void      _tm_xml_arena_reset   (TmXmlArena  *arena);
void      _tm_xml_arena_clear   (TmXmlArena  *arena);
/* Zeroed, aligned for any struct. */
gpointer  _tm_xml_arena_alloc0  (TmXmlArena  *arena,
                                 gsize        size);
char     *_tm_xml_arena_strndup (TmXmlArena  *arena,
                                 const char  *text,
                                 gsize        length);

/* The column of the start tag the parser has just read, as the messages
 * give it. */
guint     _tm_xml_tag_column    (xmlParserCtxtPtr ctxt);

/* libxml2 reports some errors (a character encoding's, its input's) to no
 * parser but to this thread's handler, which prints them on stderr: while
 * a file is read they go to @func with @data instead. */
typedef struct {
  xmlStructuredErrorFunc structured;
  void                  *structured_data;
  xmlGenericErrorFunc    generic;
  void                  *generic_data;
} TmXmlErrorHandlers;

void      _tm_xml_errors_capture (TmXmlErrorHandlers     *saved,
                                  xmlStructuredErrorFunc  func,
                                  void                   *data);
void      _tm_xml_errors_restore (const TmXmlErrorHandlers *saved);

/* Where the import puts a task, workshop or staffing: for the messages of
 * _tm_xml_document_prepare(). */
typedef struct {
  long  line;
  guint column;
} TmXmlPlace;

struct _TmXmlDocument {
  char       *display_name;
  gboolean    have_unit;
  gboolean    have_setting;
  char       *unit_name;
  char       *organisation;
  char       *notes;
  TmSetting   setting;
  GPtrArray  *professions;     /* of TmProfessionState */
  GHashTable *scenarios;       /* id → name */
  GPtrArray  *scenario_order;  /* of ids */
  GPtrArray  *tasks;           /* of TmTaskData, ids in lower case */
  GArray     *places;          /* of TmXmlPlace, one per task */
  char       *last_meeting;    /* NULL when the file has none */
  GPtrArray  *workshops;       /* of TmWorkshopData */
  GArray     *workshop_places; /* of TmXmlPlace, one per workshop */
  GPtrArray  *history;         /* of TmHistoryEntry */
  GPtrArray  *staffing;        /* of TmStaffing, one per unit ("" the file's own) */
  GArray     *staffing_places; /* of TmXmlPlace, one per staffing */
  char       *language;        /* NULL when the file does not say */
};

TmXmlDocument *_tm_xml_document_new (const char *display_name);

/* The walk: what the code checks beyond the schema, and the document it
 * builds. Both readers call it with the items of a file that the schema
 * accepts, in the file's order. */
typedef struct _TmXmlWalk TmXmlWalk;

/* Checks the portfolio's own attributes (@root: the document element with
 * its attributes and no children). */
TmXmlWalk     *_tm_xml_walk_new        (const char      *display_name,
                                        const TmXmlElem *root,
                                        GError         **error);
/* One item: "unit" or "staffing" (children of the root), or a child of
 * "professions", "scenarios", "tasks", "workshops" or "history". */
gboolean       _tm_xml_walk_item       (TmXmlWalk       *walk,
                                        const TmXmlElem *item,
                                        GError         **error);
/* The document, freeing @walk. */
TmXmlDocument *_tm_xml_walk_finish     (TmXmlWalk       *walk);
void           _tm_xml_walk_free       (TmXmlWalk       *walk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmXmlWalk, _tm_xml_walk_free)

/* A number as XML Schema writes it, spaces around it allowed; FALSE for
 * INF, NaN, and numbers beyond a double in either direction (1e309, and
 * 1e-400, which would become 0). */
gboolean       _tm_xml_parse_number    (const char      *text,
                                        double          *value);

/* Refuses an empty file and one too large to import, naming @display_name. */
gboolean       _tm_xml_check_size      (gsize            length,
                                        const char      *display_name,
                                        GError         **error);

/* The words of the refusals (tm-xml-read.c), for both readers. */
/* @text cut short on one line, for a message. */
char          *_tm_xml_quote_value            (const char *text);
/* A value that does not exist for @attribute (or the element's text). */
char          *_tm_xml_describe_unknown_value (const char *element,
                                               const char *attribute,
                                               const char *value);
/* A value of the wrong form. */
char          *_tm_xml_describe_bad_form      (const char *element,
                                               const char *attribute,
                                               const char *value);
/* A number outside its range. */
char          *_tm_xml_describe_out_of_range  (const char *element,
                                               const char *attribute,
                                               const char *value);
/* A text longer than @max_chars characters (0: not said), in words that
 * name the field: one rule for the XSD and the store. */
char          *_tm_xml_describe_too_long      (const char *parent,
                                               const char *element,
                                               const char *attribute,
                                               long        max_chars);

/* The tree and XSD reader: everything the format forbids refused in
 * Taskmap's words. */
TmXmlDocument *_tm_xml_tree_read       (const char      *data,
                                        gsize            length,
                                        const char      *display_name,
                                        GError         **error);

/* The streaming reader: NULL when the file is not a portfolio the schema
 * and the walk accept, or anything else is amiss; then the tree reader
 * says why. It never sets an error of its own. */
TmXmlDocument *_tm_xml_stream_read     (const char      *data,
                                        gsize            length,
                                        const char      *display_name);

/* The rules of the published XSD, read from it (tm-xml-schema.c). */
typedef struct _TmXmlSchemaModel TmXmlSchemaModel;

/* NULL when the XSD uses what the model cannot follow: then every file is
 * read with the tree reader. */
const TmXmlSchemaModel *_tm_xml_schema_model_get (void);
/* Why _tm_xml_schema_model_get() gives NULL, for the tests; NULL if it does not. */
const char    *_tm_xml_schema_model_get_problem  (void);

/* The XSD as compiled into the core. */
GBytes        *_tm_xml_schema_bytes    (GError         **error);

/* Writes @portfolio as the exchange format into @out, or when @out is NULL
 * into @buffer (tm-xml-write.c). */
gboolean       _tm_xml_write           (TmPortfolio     *portfolio,
                                        GOutputStream   *out,
                                        GString         *buffer,
                                        GError         **error);

G_END_DECLS
