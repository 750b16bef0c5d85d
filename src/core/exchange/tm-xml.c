/* tm-xml.c
 * The Taskmap exchange format: its errors, and export.
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
#include "exchange/tm-atomic.h"
#include "exchange/tm-xml-read-private.h"
#include "store/tm-portfolio-private.h"

G_DEFINE_QUARK (tm-xml-error-quark, tm_xml_error)

/* Export */

char *
tm_xml_export_data (TmPortfolio  *portfolio,
                    gsize        *length,
                    GError      **error)
{
  GString *buffer;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  buffer = g_string_sized_new (64 * 1024);
  if (!_tm_xml_write (portfolio, NULL, buffer, NULL))
    {
      g_string_free (buffer, TRUE);
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("Could not write the portfolio as XML."));
      return NULL;
    }

  if (length)
    *length = buffer->len;
  return g_string_free (buffer, FALSE);
}

gboolean
tm_xml_export_file (TmPortfolio  *portfolio,
                    GFile        *file,
                    GError      **error)
{
  g_autoptr(GError) local = NULL;
  TmAtomicFile *atomic;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Written as it is made, into a file beside the target that replaces it
   * only when complete. */
  atomic = tm_atomic_file_new (file, error);
  if (atomic == NULL)
    return FALSE;

  if (!_tm_xml_write (portfolio, tm_atomic_file_get_stream (atomic), NULL, &local))
    {
      tm_atomic_file_abort (atomic);
      if (local != NULL)
        g_propagate_error (error, tm_atomic_error_for_file (file, local));
      else
        g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                     _("Could not write the portfolio as XML."));
      return FALSE;
    }

  return tm_atomic_file_commit (atomic, error);
}
