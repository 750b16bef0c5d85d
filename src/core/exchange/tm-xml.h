/* tm-xml.h
 * The Taskmap exchange format: import of a portfolio (and of the bundled
 * examples) and export.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/tm-portfolio.h"

G_BEGIN_DECLS

#define TM_XML_ERROR (tm_xml_error_quark ())

typedef enum {
  TM_XML_ERROR_MALFORMED,    /* not well-formed XML, bad encoding, truncated */
  TM_XML_ERROR_FORBIDDEN,    /* DOCTYPE, entities, too deep or too large */
  TM_XML_ERROR_NOT_TASKMAP,  /* another program's XML */
  TM_XML_ERROR_NEWER,        /* a newer format version */
  TM_XML_ERROR_INVALID,      /* a value or element that does not belong */
} TmXmlError;

GQuark tm_xml_error_quark (void);

#define TM_XML_NAMESPACE      "urn:taskmap:portfolio"
#define TM_XML_FORMAT_VERSION 5

/* Reads @data (named @display_name in messages) and adds its unit details,
 * professions and tasks to @portfolio in one transaction: on any error the
 * portfolio is unchanged. Messages name the file, line and column. */
gboolean tm_xml_import_data   (TmPortfolio  *portfolio,
                               const char   *data,
                               gsize         length,
                               const char   *display_name,
                               GError      **error);
gboolean tm_xml_import_file   (TmPortfolio  *portfolio,
                               GFile        *file,
                               GError      **error);
/* Deterministic: the same portfolio always gives the same bytes. */
char    *tm_xml_export_data   (TmPortfolio  *portfolio,
                               gsize        *length,
                               GError      **error);
gboolean tm_xml_export_file   (TmPortfolio  *portfolio,
                               GFile        *file,
                               GError      **error);

/* The bundled example in the portfolio's language (the 42 tasks of a ward
 * runner on a medical ward, timed, with the ward's staffing and two
 * scenarios), loaded with tm_xml_import_data(). */
gboolean tm_example_load      (TmPortfolio  *portfolio,
                               GError      **error);
/* Creates @file (or an in-memory portfolio for NULL) holding the example
 * of @country's language. */
TmPortfolio *tm_example_create (GFile       *file,
                                TmCountry    country,
                                GError     **error);
/* The same for @language ("da", "nb" or "en": the same ward in English,
 * a Danish unit with English names). */
TmPortfolio *tm_example_create_in_language (GFile      *file,
                                            const char *language,
                                            GError    **error);

G_END_DECLS
