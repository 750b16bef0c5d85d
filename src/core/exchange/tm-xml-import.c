/* tm-xml-import.c
 * Importing a file of the exchange format (a merge plan of it, applied),
 * and the bundled examples, which are such files.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include <string.h>
#include "model/tm-i18n-private.h"
#include <glib/gstdio.h>

#include "exchange/tm-xml.h"
#include "exchange/tm-merge.h"
#include "tm-core-resources.h"
#include "store/tm-portfolio-private.h"
#include "model/tm-language.h"

/* Import */

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
