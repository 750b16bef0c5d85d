/* tm-merge-import.c
 * Importing a file of the exchange format: its merge plan, applied whole.
 *
 * tm_xml_import_data() and tm_xml_import_file() are declared in tm-xml.h
 * with the rest of the format, but made here, beside the merge: the XML
 * reader yields a document, the merge plan consumes it, and the XML code
 * never includes the merge back.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* The domain the import always had, so its messages read as before. */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include "exchange/tm-xml.h"
#include "exchange/tm-merge.h"

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
