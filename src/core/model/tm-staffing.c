/* tm-staffing.c
 * The staffing of a unit: FTE and hours per FTE per profession, shift length.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-staffing"

#include "config.h"

#include <math.h>
#include "model/tm-i18n-private.h"

#include "model/tm-staffing.h"
#include "store/tm-store-error.h"
#include "model/tm-language.h"

static void
entry_clear (gpointer p)
{
  TmStaffingEntry *entry = p;

  g_clear_pointer (&entry->profession_id, g_free);
}

TmStaffing *
tm_staffing_new (const char *unit)
{
  TmStaffing *staffing = g_new0 (TmStaffing, 1);

  staffing->unit = g_strdup (unit ? unit : "");
  staffing->shift_hours = -1;
  staffing->entries = g_array_new (FALSE, TRUE, sizeof (TmStaffingEntry));
  g_array_set_clear_func (staffing->entries, entry_clear);
  return staffing;
}

TmStaffing *
tm_staffing_copy (const TmStaffing *staffing)
{
  TmStaffing *copy;

  g_return_val_if_fail (staffing != NULL, NULL);

  copy = tm_staffing_new (staffing->unit);
  copy->shift_hours = staffing->shift_hours;
  for (guint i = 0; i < staffing->entries->len; i++)
    {
      TmStaffingEntry entry = g_array_index (staffing->entries, TmStaffingEntry, i);

      entry.profession_id = g_strdup (entry.profession_id);
      g_array_append_val (copy->entries, entry);
    }
  return copy;
}

void
tm_staffing_free (TmStaffing *staffing)
{
  if (staffing == NULL)
    return;
  g_free (staffing->unit);
  g_array_unref (staffing->entries);
  g_free (staffing);
}

static gboolean
same_value (double a,
            double b)
{
  return a == b || (isnan (a) && isnan (b));
}

gboolean
tm_staffing_equal (const TmStaffing *a,
                   const TmStaffing *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (g_strcmp0 (a->unit, b->unit) != 0 || !same_value (a->shift_hours, b->shift_hours) ||
      a->entries->len != b->entries->len)
    return FALSE;

  for (guint i = 0; i < a->entries->len; i++)
    {
      const TmStaffingEntry *ea = &g_array_index (a->entries, TmStaffingEntry, i);
      const TmStaffingEntry *eb = &g_array_index (b->entries, TmStaffingEntry, i);

      if (g_strcmp0 (ea->profession_id, eb->profession_id) != 0 ||
          !same_value (ea->fte, eb->fte) || !same_value (ea->hours_per_fte, eb->hours_per_fte))
        return FALSE;
    }
  return TRUE;
}

gboolean
tm_staffing_is_empty (const TmStaffing *staffing)
{
  g_return_val_if_fail (staffing != NULL, TRUE);

  return staffing->shift_hours == -1 && staffing->entries->len == 0;
}

static int
find_entry (const TmStaffing *staffing,
            const char       *profession_id)
{
  for (guint i = 0; i < staffing->entries->len; i++)
    if (g_strcmp0 (g_array_index (staffing->entries, TmStaffingEntry, i).profession_id,
                   profession_id) == 0)
      return (int) i;
  return -1;
}

const TmStaffingEntry *
tm_staffing_lookup (const TmStaffing *staffing,
                    const char       *profession_id)
{
  int i;

  g_return_val_if_fail (staffing != NULL, NULL);

  i = find_entry (staffing, profession_id);
  return i < 0 ? NULL : &g_array_index (staffing->entries, TmStaffingEntry, i);
}

void
tm_staffing_set (TmStaffing *staffing,
                 const char *profession_id,
                 double      fte,
                 double      hours_per_fte)
{
  int i;

  g_return_if_fail (staffing != NULL);
  g_return_if_fail (profession_id != NULL);

  /* -1 is "not known"; any other value is kept as given, so that
   * tm_staffing_validate() can refuse it. */
  i = find_entry (staffing, profession_id);
  if (fte == -1 && hours_per_fte == -1)
    {
      if (i >= 0)
        g_array_remove_index (staffing->entries, i);
      return;
    }

  if (i < 0)
    {
      TmStaffingEntry entry = { g_strdup (profession_id), -1, -1 };

      g_array_append_val (staffing->entries, entry);
      i = (int) staffing->entries->len - 1;
    }
  g_array_index (staffing->entries, TmStaffingEntry, i).fte = fte;
  g_array_index (staffing->entries, TmStaffingEntry, i).hours_per_fte = hours_per_fte;
}

gboolean
tm_staffing_check_fte (double       fte,
                       const char  *profession_name,
                       GError     **error)
{
  g_autofree char *value = NULL;
  g_autofree char *max = NULL;

  if (fte == -1 || (fte >= 0 && fte <= TM_STAFFING_MAX_FTE))
    return TRUE;

  value = isnan (fte) ? g_strdup ("NaN") : tm_language_format_number (fte, fabs (fte - round (fte)) > 1e-9 ? 2 : 0);
  max = tm_language_format_number (TM_STAFFING_MAX_FTE, 0);
  if (profession_name != NULL)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 /* Translators: the first %s is a profession, the second and third numbers;
                  * FTE is årsværk (da) / årsverk (nb) */
                 _("The staffing of %s must be from 0 to %s FTE, not %s."),
                 profession_name, max, value);
  else
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 /* Translators: %s are numbers; FTE is årsværk (da) / årsverk (nb) */
                 _("A staffing must be from 0 to %s FTE, not %s."), max, value);
  return FALSE;
}

gboolean
tm_staffing_check_hours_per_fte (double       hours,
                                 const char  *profession_name,
                                 GError     **error)
{
  g_autofree char *value = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (hours == -1 ||
      (hours >= TM_STAFFING_MIN_HOURS_PER_FTE && hours <= TM_STAFFING_MAX_HOURS_PER_FTE))
    return TRUE;

  value = isnan (hours) ? g_strdup ("NaN") : tm_language_format_number (hours, fabs (hours - round (hours)) > 1e-9 ? 1 : 0);
  min = tm_language_format_number (TM_STAFFING_MIN_HOURS_PER_FTE, 0);
  max = tm_language_format_number (TM_STAFFING_MAX_HOURS_PER_FTE, 0);
  if (profession_name != NULL)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 /* Translators: the first %s is a profession, the others are numbers */
                 _("The weekly hours of one FTE of %s must be from %s to %s, not %s."),
                 profession_name, min, max, value);
  else
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                 /* Translators: %s are numbers */
                 _("The weekly hours of one FTE must be from %s to %s, not %s."), min, max, value);
  return FALSE;
}

gboolean
tm_staffing_check_shift_hours (double   hours,
                               GError **error)
{
  g_autofree char *value = NULL;
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;

  if (hours == -1 ||
      (hours >= TM_STAFFING_MIN_SHIFT_HOURS && hours <= TM_STAFFING_MAX_SHIFT_HOURS))
    return TRUE;

  value = isnan (hours) ? g_strdup ("NaN") : tm_language_format_number (hours, fabs (hours - round (hours)) > 1e-9 ? 1 : 0);
  min = tm_language_format_number (TM_STAFFING_MIN_SHIFT_HOURS, 0);
  max = tm_language_format_number (TM_STAFFING_MAX_SHIFT_HOURS, 0);
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
               /* Translators: %s are numbers */
               _("The length of a shift must be from %s to %s hours, not %s."), min, max, value);
  return FALSE;
}

gboolean
tm_staffing_validate (const TmStaffing  *staffing,
                      GError           **error)
{
  g_return_val_if_fail (staffing != NULL, FALSE);

  if (staffing->unit == NULL || !g_utf8_validate (staffing->unit, -1, NULL))
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The unit of a staffing is not valid text."));
      return FALSE;
    }

  if (!tm_staffing_check_shift_hours (staffing->shift_hours, error))
    return FALSE;

  for (guint i = 0; i < staffing->entries->len; i++)
    {
      const TmStaffingEntry *e = &g_array_index (staffing->entries, TmStaffingEntry, i);

      if (e->profession_id == NULL || *e->profession_id == '\0')
        {
          g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                               _("A staffing does not say which profession it is for."));
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (g_array_index (staffing->entries, TmStaffingEntry, j).profession_id,
                         e->profession_id))
          {
            g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                         /* Translators: %s is a profession's id */
                         _("The staffing of “%s” is given twice."), e->profession_id);
            return FALSE;
          }
      if (!tm_staffing_check_fte (e->fte, e->profession_id, error) ||
          !tm_staffing_check_hours_per_fte (e->hours_per_fte, e->profession_id, error))
        return FALSE;
    }
  return TRUE;
}

/* Country defaults (STAFFING.md): Danish regions 37 hours; Norway 37.5 for
 * day work, 35.5 for two-shift and 33.6 for three-shift rotas. */
static const double hours_dk[] = { 37.0 };
static const double hours_no[] = { 37.5, 35.5, 33.6 };

double
tm_country_get_hours_per_fte (TmCountry country)
{
  return country == TM_COUNTRY_NO ? hours_no[0] : hours_dk[0];
}

const double *
tm_country_get_hours_per_fte_choices (TmCountry  country,
                                      guint     *n_choices)
{
  if (country == TM_COUNTRY_NO)
    {
      if (n_choices)
        *n_choices = G_N_ELEMENTS (hours_no);
      return hours_no;
    }
  if (n_choices)
    *n_choices = G_N_ELEMENTS (hours_dk);
  return hours_dk;
}

char *
tm_hours_per_fte_choice_dup_label (TmCountry country,
                                   double    hours)
{
  g_autofree char *number = tm_language_format_number (hours, fabs (hours - round (hours)) > 1e-9 ? 1 : 0);

  if (country == TM_COUNTRY_NO)
    {
      if (hours == hours_no[0])
        /* Translators: a full-time week in Norway; %s is a number of hours */
        return g_strdup_printf (_("Day work (%s h)"), number);
      if (hours == hours_no[1])
        /* Translators: a full-time week in Norway; %s is a number of hours */
        return g_strdup_printf (_("Two-shift rota (%s h)"), number);
      if (hours == hours_no[2])
        /* Translators: a full-time week in Norway; %s is a number of hours */
        return g_strdup_printf (_("Three-shift rota (%s h)"), number);
    }
  else if (hours == hours_dk[0])
    /* Translators: the full-time week in Denmark; %s is a number of hours */
    return g_strdup_printf (_("Full time (%s h)"), number);

  /* Translators: a full-time week given by the unit; %s is a number of hours */
  return g_strdup_printf (_("%s h"), number);
}
