/* fuzz-xml.c
 * libFuzzer harness for the exchange format reader: the input is a file
 * given to Import. _tm_xml_document_read() parses and checks it; when it
 * passes, tm_xml_import_data() imports it into a new in-memory portfolio,
 * and what came in must survive the summary, the analysis and an export
 * round trip.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "exchange/tm-xml-document-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  TmPortfolio *portfolio;
  TmXmlDocument *doc;
  GPtrArray *tasks;
  gboolean ok;

  doc = _tm_xml_document_read ((const char *) data, size, "fuzz.xml", &error);
  FUZZ_CHECK_RESULT (doc != NULL, error, "_tm_xml_document_read");
  if (doc == NULL)
    return 0;

  tasks = _tm_xml_document_get_tasks (doc);
  FUZZ_CHECK (tasks != NULL, "a document without a task array");
  for (guint i = 0; i < tasks->len; i++)
    {
      TmTaskData *task = g_ptr_array_index (tasks, i);

      FUZZ_CHECK (task->title != NULL && g_utf8_validate (task->title, -1, NULL),
                  "task %u has no valid title", i);
    }
  FUZZ_CHECK (_tm_xml_document_get_staffing (doc) != NULL, "a document without a staffing array");
  (void) _tm_xml_document_get_unit_name (doc);
  _tm_xml_document_free (doc);

  /* What Import does with it. */
  portfolio = fuzz_scratch_take (TM_COUNTRY_DK);
  ok = tm_xml_import_data (portfolio, (const char *) data, size, "fuzz.xml", &error);
  FUZZ_CHECK_RESULT (ok, error, "tm_xml_import_data");
  if (ok)
    fuzz_exercise_portfolio (portfolio, "an XML import", TRUE);
  fuzz_scratch_done (TM_COUNTRY_DK, ok, "tm_xml_import_data");
  return 0;
}
