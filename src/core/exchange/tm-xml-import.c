/* tm-xml-import.c
 * The bundled examples: files of the exchange format, imported with
 * tm_xml_import_data() (tm-merge-import.c, a merge plan applied).
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
#include "tm-core-resources.h"
#include "store/tm-portfolio-private.h"
#include "model/tm-language.h"

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
