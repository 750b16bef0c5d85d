/* tm-report.c — placeholder; the committee report is being written. */
#include "config.h"
#include <glib/gi18n-lib.h>
#include "tm-report.h"
#include "tm-draw.h"

gboolean
tm_report_write_pdf (TmPortfolio *portfolio, const char *scenario_id, const char *since,
                     GFile *file, TmProgressFunc progress, gpointer user_data, GError **error)
{
  g_set_error_literal (error, TM_EXPORT_ERROR, TM_EXPORT_ERROR_FAILED, "not yet");
  return FALSE;
}
