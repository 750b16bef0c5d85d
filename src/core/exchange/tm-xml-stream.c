/* tm-xml-stream.c
 * The streaming reader of the exchange format: libxml2's SAX parser, the
 * XSD's rules checked in code as each element is read, one item (a task, a
 * profession...) at a time handed to the walk. No tree of the file is built.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "exchange/tm-xml.h"
#include "exchange/tm-xml-schema-private.h"

/* The reader checks what the published XSD states (tm-xml-schema.c reads
 * its rules from it): element order and nesting, required elements and
 * attributes, no attribute or text where none belongs, enumerations, number
 * forms and ranges, text lengths in characters, id patterns and xs:unique.
 * What the code checks beyond the XSD is the walk's, shared with the tree
 * reader (tm-xml-read.c). Where a rule is in doubt it errs towards giving
 * up: every file it does not take is read again by the tree reader, which
 * refuses it in the words Taskmap has always used, or takes it. It never
 * takes a file the tree reader would refuse. The hostile-input guards are
 * the tree reader's: no DTD (a DOCTYPE stops it), no network, no entity
 * substitution, the depth limit, libxml2's limits on names and values. */

/* The parser is fed the file in pieces of this size. */
#define PIECE (256 * 1024)

/* Open addressing for the names: a power of two, over twice as many as there are. */
#define NAME_SLOTS 256
G_STATIC_ASSERT (NAME_SLOTS >= 2 * TM_XML_N_NAMES);

typedef struct {
  const TmXmlElemDecl    *decl;
  const TmXmlComplexType *type;        /* NULL for an element of a simple type */
  const TmXmlSimpleType  *text_type;   /* of its text, for TM_XML_CONTENT_SIMPLE */
  TmXmlContent            content;
  gsize                   text_cap;    /* bytes of text beyond which it cannot be valid */
  int                     position;    /* in the content model: -1 before the first child */
  guint                   count;       /* elements at that position so far */
  TmXmlName               name;
  TmXmlElem              *elem;        /* in the item being read, or NULL */
} Frame;

/* An xs:unique in force: below the element at @level. */
typedef struct {
  const TmXmlUnique *unique;
  guint              level;
  GHashTable        *seen;
} Scope;

typedef struct {
  xmlParserCtxtPtr        ctxt;
  const TmXmlSchemaModel *model;
  const char             *display_name;
  const char             *why;         /* why it gave up, for g_debug */
  long                    why_line;
  gboolean                stopped;
  gboolean                done;        /* the document element is complete */
  guint                   depth;       /* open elements */
  Frame                   frames[TM_XML_MAX_DEPTH];
  struct {
    const xmlChar *key;
    TmXmlName      name;
  }                       names[NAME_SLOTS];  /* the parser's interned names → TmXmlName */
  const xmlChar          *ns;          /* the format's namespace, interned */
  GString                *text;        /* of the open element that holds text */
  TmXmlArena              root_arena;
  TmXmlArena              arena;       /* the current item's */
  TmXmlElem              *item;        /* the item being read */
  guint                   item_level;
  TmXmlWalk              *walk;
  GArray                 *scopes;      /* of Scope */
  GStringChunk           *keys;
} Stream;

static void
give_up (Stream     *s,
         const char *why)
{
  if (s->stopped)
    return;
  s->stopped = TRUE;
  s->why = why;
  if (s->ctxt == NULL)
    return;
  s->why_line = s->ctxt->input != NULL ? s->ctxt->input->line : 0;
  xmlStopParser (s->ctxt);
}

static guint
name_slot (const xmlChar *key)
{
  return (guint) ((((guintptr) key >> 3) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 56) & (NAME_SLOTS - 1);
}

static void
add_name (Stream        *s,
          const xmlChar *key,
          TmXmlName      name)
{
  guint i = name_slot (key);

  while (s->names[i].key != NULL && s->names[i].key != key)
    i = (i + 1) & (NAME_SLOTS - 1);
  s->names[i].key = key;
  s->names[i].name = name;
}

static TmXmlName
lookup_name (Stream        *s,
             const xmlChar *name)
{
  /* The parser interns names in its dictionary: the pointer is the name. */
  for (guint i = name_slot (name); s->names[i].key != NULL; i = (i + 1) & (NAME_SLOTS - 1))
    if (s->names[i].key == name)
      return s->names[i].name;

  /* A name it did not intern is looked up by its text. */
  return name != NULL ? _tm_xml_name_from_string ((const char *) name) : TM_XML_NAME_NONE;
}

static gboolean
is_format_namespace (Stream        *s,
                     const xmlChar *uri)
{
  return uri != NULL && (uri == s->ns || xmlStrEqual (uri, (const xmlChar *) TM_XML_NAMESPACE));
}

/* An item: what the walk takes at once. */
static gboolean
is_item (guint     level,
         TmXmlName name,
         TmXmlName parent)
{
  if (level == 1)
    return name == TM_XML_NAME_UNIT || name == TM_XML_NAME_STAFFING;
  return level == 2 && (parent == TM_XML_NAME_PROFESSIONS || parent == TM_XML_NAME_SCENARIOS ||
                        parent == TM_XML_NAME_TASKS || parent == TM_XML_NAME_WORKSHOPS ||
                        parent == TM_XML_NAME_HISTORY);
}

/* The declaration of child @name of @f in its content model, which moves on. */
static const TmXmlElemDecl *
advance (Frame     *f,
         TmXmlName  name)
{
  const TmXmlComplexType *type = f->type;
  guint64 candidates;

  if (f->position < 0)
    candidates = type->first;
  else
    {
      const TmXmlPosition *at = &type->positions[f->position];

      if (at->decl->name == name && f->count < at->max)
        {
          f->count++;
          return at->decl;
        }
      if (f->count < at->min)
        return NULL;
      candidates = at->follow;
    }

  for (guint i = 0; candidates != 0; i++, candidates >>= 1)
    if ((candidates & 1) && type->positions[i].decl->name == name)
      {
        f->position = (int) i;
        f->count = 1;
        return type->positions[i].decl;
      }
  return NULL;
}

static gboolean
may_end (const Frame *f)
{
  const TmXmlComplexType *type = f->type;

  if (f->position < 0)
    return type->nullable;
  return (type->last & (G_GUINT64_CONSTANT (1) << f->position)) &&
         f->count >= type->positions[f->position].min;
}

/* The most bytes a valid text of @type can have. */
static gsize
text_cap (const TmXmlSimpleType *type)
{
  int max_chars = -1;

  for (const TmXmlSimpleType *step = type; step != NULL; step = step->base)
    if (step->max_length >= 0 && (max_chars < 0 || step->max_length < max_chars))
      max_chars = step->max_length;
  return max_chars >= 0 ? (gsize) max_chars * 4 : 1024 * 1024;
}

/* The attribute values as the tree reader gets them. Without entity
 * substitution libxml2 hands over "&" as "&#38;" (the tree decodes it once
 * more); every other reference is decoded already. */
static char *
copy_value (TmXmlArena    *arena,
            const xmlChar *value,
            const xmlChar *end,
            gsize         *length)
{
  gsize n = (gsize) (end - value);
  char *copy;
  char *out;

  if (memchr (value, '&', n) == NULL)
    {
      *length = n;
      return _tm_xml_arena_strndup (arena, (const char *) value, n);
    }

  copy = out = _tm_xml_arena_alloc0 (arena, n + 1);
  for (const xmlChar *p = value; p < end; )
    {
      if (p + 5 <= end && memcmp (p, "&#38;", 5) == 0)
        {
          *out++ = '&';
          p += 5;
        }
      else
        *out++ = (char) *p++;
    }
  *out = '\0';
  *length = (gsize) (out - copy);
  return copy;
}

static const TmXmlAttrDecl *
find_attr (const TmXmlComplexType *type,
           TmXmlName               name,
           guint                  *index)
{
  for (guint i = 0; type != NULL && i < type->n_attrs; i++)
    if (type->attrs[i].name == name)
      {
        *index = i;
        return &type->attrs[i];
      }
  return NULL;
}

/* The attributes of the element of @f, checked against its type. */
static gboolean
read_attributes (Stream         *s,
                 Frame          *f,
                 TmXmlArena     *arena,
                 int             n_attributes,
                 const xmlChar **attributes,
                 TmXmlAttr     **out,
                 guint          *n_out)
{
  TmXmlAttr *attrs = NULL;
  guint64 seen = 0;

  if (n_attributes > 0)
    {
      if (f->type == NULL)
        return FALSE;
      attrs = _tm_xml_arena_alloc0 (arena, (gsize) n_attributes * sizeof (TmXmlAttr));
    }

  for (int i = 0; i < n_attributes; i++)
    {
      const xmlChar **a = attributes + 5 * i;
      const TmXmlAttrDecl *decl;
      TmXmlName name;
      guint index = 0;
      gsize length = 0;
      char *value;

      /* No namespaced attributes: the XSD has none (xml:lang, xsi:... go to the tree reader). */
      if (a[1] != NULL || a[2] != NULL)
        return FALSE;
      name = lookup_name (s, a[0]);
      if (name == TM_XML_NAME_NONE || (decl = find_attr (f->type, name, &index)) == NULL)
        return FALSE;
      value = copy_value (arena, a[3], a[4], &length);
      if (!_tm_xml_simple_type_check (decl->type, value, length))
        return FALSE;
      seen |= G_GUINT64_CONSTANT (1) << index;
      attrs[i].name = name;
      attrs[i].value = value;
    }

  if (f->type != NULL && (seen & f->type->required) != f->type->required)
    return FALSE;

  *out = attrs;
  *n_out = (guint) n_attributes;
  return TRUE;
}

/* The xs:unique constraints the new element at @level falls under. */
static gboolean
check_unique (Stream          *s,
              guint            level,
              const TmXmlAttr *attrs,
              guint            n_attrs)
{
  for (guint i = 0; i < s->scopes->len; i++)
    {
      Scope *scope = &g_array_index (s->scopes, Scope, i);
      const TmXmlUnique *u = scope->unique;
      const char *value = NULL;
      gboolean match;

      if (level != scope->level + u->n_steps)
        continue;
      match = TRUE;
      for (guint k = 0; match && k < u->n_steps; k++)
        match = s->frames[scope->level + 1 + k].name == u->steps[k];
      if (!match)
        continue;

      for (guint a = 0; a < n_attrs; a++)
        if (attrs[a].name == u->field)
          value = attrs[a].value;
      if (value == NULL)
        continue;
      if (!g_hash_table_add (scope->seen, g_string_chunk_insert (s->keys, value)))
        return FALSE;
    }
  return TRUE;
}

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
  Stream *s = ctx;
  guint level = s->depth;
  const TmXmlElemDecl *decl;
  TmXmlArena *arena;
  TmXmlName name;
  TmXmlAttr *attrs = NULL;
  guint n_attrs = 0;
  gboolean starts_item;
  Frame *f;

  if (s->stopped)
    return;
  if (level >= TM_XML_MAX_DEPTH)
    {
      give_up (s, "nested too deep");
      return;
    }

  name = lookup_name (s, localname);
  if (name == TM_XML_NAME_NONE || !is_format_namespace (s, uri))
    {
      give_up (s, "an element the format does not have");
      return;
    }

  if (level == 0)
    decl = s->model->root->name == name ? s->model->root : NULL;
  else if (s->frames[level - 1].content != TM_XML_CONTENT_ELEMENTS)
    decl = NULL;
  else
    decl = advance (&s->frames[level - 1], name);
  if (decl == NULL)
    {
      give_up (s, "an element in the wrong place");
      return;
    }

  f = &s->frames[level];
  memset (f, 0, sizeof *f);
  f->decl = decl;
  f->name = name;
  f->position = -1;
  f->type = decl->complex;
  f->content = decl->complex != NULL ? decl->complex->content : TM_XML_CONTENT_SIMPLE;
  f->text_type = decl->complex != NULL ? decl->complex->simple : decl->simple;
  if (f->content == TM_XML_CONTENT_SIMPLE)
    {
      f->text_cap = text_cap (f->text_type);
      g_string_truncate (s->text, 0);
    }

  starts_item = s->item == NULL && level > 0 &&
                is_item (level, name, s->frames[level - 1].name);
  if (starts_item)
    _tm_xml_arena_reset (&s->arena);
  arena = level == 0 ? &s->root_arena : &s->arena;

  if (!read_attributes (s, f, arena, n_attributes, attributes, &attrs, &n_attrs))
    {
      give_up (s, "an attribute the XSD does not allow");
      return;
    }
  if (s->scopes->len > 0 && !check_unique (s, level, attrs, n_attrs))
    {
      give_up (s, "an id given twice");
      return;
    }
  s->depth++;

  for (guint i = 0; i < decl->n_uniques; i++)
    {
      Scope scope = { &decl->uniques[i], level, g_hash_table_new (g_str_hash, g_str_equal) };

      g_array_append_val (s->scopes, scope);
    }

  if (level == 0 || s->item != NULL || starts_item)
    {
      TmXmlElem *elem = _tm_xml_arena_alloc0 (arena, sizeof (TmXmlElem));

      elem->name = name;
      elem->attrs = attrs;
      elem->n_attrs = n_attrs;
      elem->text = "";
      f->elem = elem;

      if (starts_item)
        {
          /* Only the places of tasks, workshops and staffing are kept: the
           * later messages about a file this reader takes are about them. */
          if (name == TM_XML_NAME_TASK || name == TM_XML_NAME_WORKSHOP || name == TM_XML_NAME_STAFFING)
            {
              elem->line = s->ctxt->input != NULL ? s->ctxt->input->line : 0;
              elem->column = _tm_xml_tag_column (s->ctxt);
            }
          s->item = elem;
          s->item_level = level;
        }
      else if (level > 0)
        {
          TmXmlElem *parent = s->frames[level - 1].elem;

          if (parent->last != NULL)
            parent->last->next = elem;
          else
            parent->first = elem;
          parent->last = elem;
        }
    }

  if (level == 0)
    {
      const char *version = _tm_xml_elem_attr (f->elem, TM_XML_NAME_VERSION);
      g_autoptr(GError) error = NULL;
      double number = 0;

      /* A newer format is said by the tree reader, as it always was. */
      if (!_tm_xml_parse_number (version, &number) || number < 1 || number > TM_XML_FORMAT_VERSION ||
          number != (int) number)
        {
          give_up (s, "a format version this Taskmap does not read");
          return;
        }
      s->walk = _tm_xml_walk_new (s->display_name, f->elem, &error);
      if (s->walk == NULL)
        give_up (s, "the portfolio's attributes");
    }
}

static void
on_end_element (void          *ctx,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Stream *s = ctx;
  guint level;
  Frame *f;

  if (s->stopped || s->depth == 0)
    return;
  level = s->depth - 1;
  f = &s->frames[level];

  switch (f->content)
    {
    case TM_XML_CONTENT_SIMPLE:
      if (!_tm_xml_simple_type_check (f->text_type, s->text->str, s->text->len))
        {
          give_up (s, "a text the XSD does not allow");
          return;
        }
      if (f->elem != NULL)
        {
          f->elem->text = _tm_xml_arena_strndup (&s->arena, s->text->str, s->text->len);
          f->elem->text_length = s->text->len;
        }
      break;
    case TM_XML_CONTENT_ELEMENTS:
      if (!may_end (f))
        {
          give_up (s, "an element missing");
          return;
        }
      break;
    case TM_XML_CONTENT_EMPTY:
    default:
      break;
    }

  while (s->scopes->len > 0 && g_array_index (s->scopes, Scope, s->scopes->len - 1).level == level)
    {
      g_hash_table_unref (g_array_index (s->scopes, Scope, s->scopes->len - 1).seen);
      g_array_set_size (s->scopes, s->scopes->len - 1);
    }

  s->depth--;

  if (s->item != NULL && level == s->item_level)
    {
      g_autoptr(GError) error = NULL;

      if (!_tm_xml_walk_item (s->walk, s->item, &error))
        {
          g_debug ("%s: the streaming reader gives up: %s", s->display_name, error->message);
          give_up (s, "a check of the code's");
          return;
        }
      s->item = NULL;
    }

  if (level == 0)
    s->done = TRUE;
}

static gboolean
is_blank (const xmlChar *text,
          int            length)
{
  for (int i = 0; i < length; i++)
    if (text[i] != ' ' && text[i] != '\n' && text[i] != '\t' && text[i] != '\r')
      return FALSE;
  return TRUE;
}

static void
on_characters (void          *ctx,
               const xmlChar *text,
               int            length)
{
  Stream *s = ctx;
  Frame *f;

  if (s->stopped || s->depth == 0)
    return;
  f = &s->frames[s->depth - 1];

  switch (f->content)
    {
    case TM_XML_CONTENT_SIMPLE:
      if (s->text->len + (gsize) length > f->text_cap)
        give_up (s, "a text too long");
      else
        g_string_append_len (s->text, (const char *) text, length);
      break;
    case TM_XML_CONTENT_ELEMENTS:
      if (!is_blank (text, length))
        give_up (s, "text where only elements belong");
      break;
    case TM_XML_CONTENT_EMPTY:
    default:
      /* Not even spaces, as the XSD has it. */
      give_up (s, "text in an empty element");
      break;
    }
}

static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  give_up (ctx, "a DOCTYPE");
}

static void
on_error (void        *ctx,
          xmlErrorPtr  error)
{
  Stream *s = ctx;

  /* Not xmlStopParser() here: libxml2 may be in the middle of switching
   * encodings, with buffers it would free. No more pieces are fed to it. */
  if (error != NULL && error->level >= XML_ERR_ERROR && !s->stopped)
    {
      s->stopped = TRUE;
      s->why = "not well-formed";
      s->why_line = error->line;
    }
}

TmXmlDocument *
_tm_xml_stream_read (const char *data,
                     gsize       length,
                     const char *display_name)
{
  const TmXmlSchemaModel *model = _tm_xml_schema_model_get ();
  xmlSAXHandler sax = { 0 };
  TmXmlDocument *doc = NULL;
  Stream s = { 0 };
  TmXmlErrorHandlers handlers;
  gsize offset;

  g_return_val_if_fail (data != NULL && display_name != NULL, NULL);

  if (model == NULL || length == 0 || length > TM_XML_MAX_IMPORT_BYTES || length > G_MAXINT)
    return NULL;

  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.ignorableWhitespace = on_characters;
  sax.cdataBlock = on_characters;
  sax.internalSubset = on_internal_subset;
  sax.serror = (xmlStructuredErrorFunc) on_error;

  /* libxml2's push parser, fed the caller's bytes a piece at a time: it
   * keeps only what it has not read yet, never a copy of the file. (2.9's
   * parser cannot read a buffer it did not copy: it loses its place near
   * the end.) The first bytes tell it the encoding. */
  offset = MIN (length, 4);
  _tm_xml_errors_capture (&handlers, (xmlStructuredErrorFunc) on_error, &s);
  s.ctxt = xmlCreatePushParserCtxt (&sax, &s, data, (int) offset, display_name);
  if (s.ctxt == NULL)
    {
      _tm_xml_errors_restore (&handlers);
      return NULL;
    }
  /* No network, no entity substitution, no DTD; libxml2's limits on names
   * and values as the tree reader has them. */
  xmlCtxtUseOptions (s.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  s.model = model;
  s.display_name = display_name;
  for (guint i = 1; i < TM_XML_N_NAMES; i++)
    add_name (&s, xmlDictLookup (s.ctxt->dict, (const xmlChar *) _tm_xml_name_to_string (i), -1), i);
  s.ns = xmlDictLookup (s.ctxt->dict, (const xmlChar *) TM_XML_NAMESPACE, -1);
  s.text = g_string_sized_new (4096);
  s.scopes = g_array_new (FALSE, FALSE, sizeof (Scope));
  s.keys = g_string_chunk_new (64 * 1024);
  _tm_xml_arena_init (&s.arena);
  _tm_xml_arena_init (&s.root_arena);

  while (!s.stopped && offset < length)
    {
      gsize n = MIN (PIECE, length - offset);

      if (xmlParseChunk (s.ctxt, data + offset, (int) n, 0) != 0)
        give_up (&s, "not well-formed");
      offset += n;
    }
  if (!s.stopped && xmlParseChunk (s.ctxt, NULL, 0, 1) != 0)
    give_up (&s, "not well-formed");
  _tm_xml_errors_restore (&handlers);

  if (!s.stopped && (!s.done || !s.ctxt->wellFormed || s.walk == NULL))
    give_up (&s, "not well-formed");

  if (!s.stopped)
    doc = _tm_xml_walk_finish (g_steal_pointer (&s.walk));
  else
    g_debug ("%s:%ld: the streaming reader gives up (%s); the tree reader reads the file",
             display_name, s.why_line, s.why);

  for (guint i = 0; i < s.scopes->len; i++)
    g_hash_table_unref (g_array_index (s.scopes, Scope, i).seen);
  g_array_unref (s.scopes);
  g_string_chunk_free (s.keys);
  g_string_free (s.text, TRUE);
  _tm_xml_arena_clear (&s.arena);
  _tm_xml_arena_clear (&s.root_arena);
  g_clear_pointer (&s.walk, _tm_xml_walk_free);
  xmlFreeParserCtxt (s.ctxt);
  return doc;
}
