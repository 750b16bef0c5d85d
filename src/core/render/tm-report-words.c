/* tm-report-words.c
 * The report's words: dates, hours, shares and names as the report and the
 * move card write them.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-report"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "render/tm-report-words-private.h"
#include "model/tm-workshop-private.h"

/* Words */

const char *
_tm_report_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

gboolean
_tm_report_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

char *
_tm_report_format_date_dt (GDateTime *date)
{
  static const char * const months[12] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
    NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
    NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
  };
  int month = g_date_time_get_month (date);

  /* Translators: a date in the committee report: %1$d is the day, %2$s the
   * name of the month, %3$d the year; e.g. "24. marts 2026" in Danish.
   * Keep the numbers ($) and reorder them as your language needs. */
  return g_strdup_printf (_("%1$d %2$s %3$d"), g_date_time_get_day_of_month (date),
                          g_dpgettext2 (GETTEXT_PACKAGE, "month", months[month - 1]),
                          g_date_time_get_year (date));
}

/* The day of @when, short, for the tables */
char *
_tm_report_format_time (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);

  if (date == NULL)
    return g_strdup ("—");
  /* Translators: a short date in the tables of the committee report, for
   * g_date_time_format(): %d day, %m month, %Y year, numbers only; e.g.
   * "%d.%m.%Y" in Danish and Norwegian */
  /* xgettext:no-c-format */
  return g_date_time_format (date, C_("report", "%Y-%m-%d"));
}

char *
_tm_report_format_day (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);

  return date != NULL ? _tm_report_format_date_dt (date) : g_strdup ("—");
}

gboolean
_tm_report_parse_date (const char *date,
                       int        *year,
                       int        *month,
                       int        *day)
{
  if (date == NULL || !_tm_date_is_valid (date))
    return FALSE;
  return sscanf (date, "%4d-%2d-%2d", year, month, day) == 3;
}

char *
_tm_report_format_date (const char *date)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (!_tm_report_parse_date (date, &y, &m, &d))
    return NULL;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return dt != NULL ? _tm_report_format_date_dt (dt) : NULL;
}

char *
_tm_report_format_hours (double hours)
{
  return tm_language_format_number (hours, 1);
}

char *
_tm_report_format_percent (double share)
{
  g_autofree char *number = tm_language_format_number (share * 100, 1);

  /* Translators: a percentage in the committee report, e.g. "12.5 %"; use
   * your language's spacing */
  return g_strdup_printf (_("%s %%"), number);
}

gboolean
_tm_report_is_approved (TmMoveStatus status)
{
  return status == TM_STATUS_APPROVED || status == TM_STATUS_PILOTED ||
         status == TM_STATUS_IMPLEMENTED || status == TM_STATUS_EVALUATED;
}
