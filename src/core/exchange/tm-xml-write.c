/* tm-xml-write.c
 * Writing the exchange format: a buffered writer of its own, into a string
 * or a stream.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-xml"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "exchange/tm-xml.h"
#include "exchange/tm-xml-read-private.h"
#include "store/tm-portfolio-private.h"
#include "model/tm-task-private.h"
#include "model/tm-workshop-private.h"

/* The bytes are those libxml2's xmlTextWriter wrote with an indent of two
 * spaces (the format's files, the tests' expectations and every file
 * written so far): start tags on lines of their own, a text element on one
 * line, "<x/>" for an element with attributes only, the namespace
 * declaration after the root's attributes; texts escaped as
 * xmlEncodeSpecialChars() does (& < > " and CR), attribute values as
 * xmlBufAttrSerializeTxtContent() does (also TAB and LF), UTF-8 as it is;
 * numbers as g_ascii_dtostr() writes them ("%.17g" in the C locale). The
 * format is small and the output deterministic: a writer of its own does
 * in one pass what xmlTextWriter did with a stack, an output buffer and a
 * copy of every escaped string. */

/* Flushed to the stream in pieces of this size. */
#define CHUNK (256 * 1024)

typedef struct {
  char          *data;       /* what is written and not yet flushed */
  gsize          length;
  gsize          capacity;
  GOutputStream *out;        /* NULL: everything stays in the buffer */
  GError       **error;
  gboolean       failed;
  guint          depth;      /* open elements */
  gboolean       tag_open;   /* the innermost start tag lacks its ">" */
  gboolean       do_indent;  /* an end tag after child elements goes on a line of its own */
  char           indent[2 * (TM_XML_MAX_DEPTH + 1)];
} Writer;

static gboolean
flush (Writer *w)
{
  if (w->failed)
    return FALSE;
  if (w->out == NULL || w->length == 0)
    return TRUE;
  if (!g_output_stream_write_all (w->out, w->data, w->length, NULL, NULL, w->error))
    {
      w->failed = TRUE;
      return FALSE;
    }
  w->length = 0;
  return TRUE;
}

static void
grow (Writer *w,
      gsize   needed)
{
  while (w->capacity < w->length + needed + 1)
    w->capacity *= 2;
  w->data = g_realloc (w->data, w->capacity);
}

static inline void
append (Writer     *w,
        const char *text,
        gsize       length)
{
  if (G_UNLIKELY (w->length + length >= w->capacity))
    grow (w, length);
  memcpy (w->data + w->length, text, length);
  w->length += length;
}

#define APPEND_LITERAL(w, s) append ((w), (s), sizeof (s) - 1)

static void
append_escaped (Writer     *w,
                const char *text,
                gboolean    attribute)
{
  /* strcspn() compares many bytes at once: most texts have nothing to escape. */
  const char *reject = attribute ? "<>&\"\r\n\t" : "<>&\"\r";
  const char *p = text;

  for (;;)
    {
      gsize run = strcspn (p, reject);
      const char *entity;

      append (w, p, run);
      p += run;
      switch (*p)
        {
        case '\0':
          return;
        case '<':
          entity = "&lt;";
          break;
        case '>':
          entity = "&gt;";
          break;
        case '&':
          entity = "&amp;";
          break;
        case '"':
          entity = "&quot;";
          break;
        case '\r':
          entity = "&#13;";
          break;
        case '\n':
          entity = "&#10;";
          break;
        default:
          entity = "&#9;";
          break;
        }
      append (w, entity, strlen (entity));
      p++;
    }
}

static void
start (Writer     *w,
       const char *name)
{
  if (w->tag_open)
    APPEND_LITERAL (w, ">\n");
  append (w, w->indent, MIN (w->depth, TM_XML_MAX_DEPTH) * 2);
  APPEND_LITERAL (w, "<");
  append (w, name, strlen (name));
  w->depth++;
  w->tag_open = TRUE;
}

static void
attr (Writer     *w,
      const char *name,
      const char *value)
{
  /* xmlTextWriter refused a missing value; so does this. */
  if (value == NULL)
    {
      w->failed = TRUE;
      return;
    }
  APPEND_LITERAL (w, " ");
  append (w, name, strlen (name));
  APPEND_LITERAL (w, "=\"");
  append_escaped (w, value, TRUE);
  APPEND_LITERAL (w, "\"");
}

static void
text (Writer     *w,
      const char *value)
{
  if (w->tag_open)
    {
      APPEND_LITERAL (w, ">");
      w->tag_open = FALSE;
    }
  append_escaped (w, value, FALSE);
  w->do_indent = FALSE;
}

static void
end (Writer     *w,
     const char *name)
{
  g_assert (w->depth > 0);
  w->depth--;
  if (w->tag_open)
    {
      APPEND_LITERAL (w, "/>\n");
      w->tag_open = FALSE;
    }
  else
    {
      if (w->do_indent)
        append (w, w->indent, MIN (w->depth, TM_XML_MAX_DEPTH) * 2);
      APPEND_LITERAL (w, "</");
      append (w, name, strlen (name));
      APPEND_LITERAL (w, ">\n");
    }
  w->do_indent = TRUE;

  if (w->length >= CHUNK && w->out != NULL)
    flush (w);
}

static void
text_element (Writer     *w,
              const char *name,
              const char *value,
              gboolean    even_if_empty)
{
  if (!even_if_empty && (value == NULL || *value == '\0'))
    return;
  start (w, name);
  text (w, value != NULL ? value : "");
  end (w, name);
}

/* Numbers */

/* A locale whose decimal point is ".", set once for a whole export: the
 * few numbers that are neither whole nor short binary fractions go through
 * printf as g_ascii_dtostr() sends them. */
static locale_t
get_c_locale (void)
{
  static gsize done = 0;
  static locale_t c_locale;

  if (g_once_init_enter (&done))
    {
      c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
      g_once_init_leave (&done, 1);
    }
  return c_locale;
}

/* @n in decimal at the end of @buffer (of @size): the start of the digits. */
static char *
format_unsigned (char    *buffer,
                 gsize    size,
                 guint64  n)
{
  char *p = buffer + size;

  *--p = '\0';
  do
    {
      *--p = (char) ('0' + n % 10);
      n /= 10;
    }
  while (n > 0);
  return p;
}

/* @value as "%.17g" writes it: a whole number up to 17 digits as its
 * digits, a multiple of 1/1024 whose exact decimal has at most 17 digits
 * as that decimal (both are what %.17g prints, digit for digit), anything
 * else by printf itself. */
static void
number_attr (Writer     *w,
             const char *name,
             double      value)
{
  char digits[48];
  char *p;
  double magnitude = fabs (value);

  if (magnitude < 1e17 && value == trunc (value))
    {
      p = format_unsigned (digits, sizeof digits, (guint64) magnitude);
      if (signbit (value))
        *--p = '-';
      attr (w, name, p);
      return;
    }

  if (magnitude < 8796093022208.0 /* 2^43 */ && magnitude * 1024 == trunc (magnitude * 1024))
    {
      guint64 scaled = (guint64) (magnitude * 1024);
      guint64 whole = scaled >> 10;
      /* The fraction's decimal digits: (scaled mod 1024) / 1024 = F / 10^10. */
      guint64 fraction = (scaled & 1023) * G_GUINT64_CONSTANT (9765625);
      char fraction_digits[11];
      char *whole_digits;
      guint n_fraction = 10;
      guint significant;

      for (int i = 9; i >= 0; i--, fraction /= 10)
        fraction_digits[i] = (char) ('0' + fraction % 10);
      while (n_fraction > 0 && fraction_digits[n_fraction - 1] == '0')
        n_fraction--;
      fraction_digits[n_fraction] = '\0';

      whole_digits = format_unsigned (digits, sizeof digits, whole);
      if (whole > 0)
        significant = (guint) strlen (whole_digits) + n_fraction;
      else
        {
          guint zeros = 0;

          while (zeros < n_fraction && fraction_digits[zeros] == '0')
            zeros++;
          significant = n_fraction - zeros;
        }

      if (significant <= 17)
        {
          char text[48];
          gsize n = 0;
          gsize whole_length = strlen (whole_digits);

          if (signbit (value))
            text[n++] = '-';
          memcpy (text + n, whole_digits, whole_length);
          n += whole_length;
          text[n++] = '.';
          memcpy (text + n, fraction_digits, n_fraction + 1);
          attr (w, name, text);
          return;
        }
    }

  /* The export runs in the C locale (see _tm_xml_write()). */
  snprintf (digits, sizeof digits, "%.17g", value);
  attr (w, name, digits);
}

static void
count_attr (Writer     *w,
            const char *name,
            guint       n)
{
  char digits[24];

  attr (w, name, format_unsigned (digits, sizeof digits, n));
}

/* @seconds as 2026-12-02T09:30:00Z, as g_date_time_format() wrote it. */
static void
timestamp_attr (Writer     *w,
                const char *name,
                gint64      seconds)
{
  char text[32];

  if (seconds >= 0 && seconds <= G_GINT64_CONSTANT (253402300799))   /* 9999-12-31T23:59:59Z */
    {
      /* Howard Hinnant's civil_from_days. */
      gint64 days = seconds / 86400;
      gint64 rest = seconds % 86400;
      gint64 z = days + 719468;
      gint64 era = z / 146097;
      gint64 doe = z - era * 146097;
      gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      gint64 mp = (5 * doy + 2) / 153;
      int day = (int) (doy - (153 * mp + 2) / 5 + 1);
      int month = (int) (mp < 10 ? mp + 3 : mp - 9);
      int year = (int) (yoe + era * 400 + (month <= 2));

      int fields[] = { month, day, (int) (rest / 3600), (int) (rest / 60 % 60), (int) (rest % 60) };
      static const char after[] = "-T::Z";

      text[0] = (char) ('0' + year / 1000);
      text[1] = (char) ('0' + year / 100 % 10);
      text[2] = (char) ('0' + year / 10 % 10);
      text[3] = (char) ('0' + year % 10);
      text[4] = '-';
      for (int i = 0; i < 5; i++)
        {
          text[5 + 3 * i] = (char) ('0' + fields[i] / 10);
          text[6 + 3 * i] = (char) ('0' + fields[i] % 10);
          text[7 + 3 * i] = after[i];
        }
      text[19] = 'Z';
      text[20] = '\0';
      attr (w, name, text);
      return;
    }

  {
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (seconds);
    g_autofree char *formatted = NULL;

    if (when == NULL)
      {
        w->failed = TRUE;
        return;
      }
    formatted = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
    attr (w, name, formatted);
  }
}

/* The portfolio */

static void
write_review (Writer             *w,
              const TmMoveReview *r)
{
  start (w, "review");
  attr (w, "scenario", r->scenario_id);
  attr (w, "risk", tm_risk_to_id (r->risk));

  if (r->barriers != 0)
    {
      g_autoptr(GString) barriers = g_string_new (NULL);

      for (guint i = 0; i < TM_N_BARRIERS; i++)
        if (r->barriers & (1u << i))
          g_string_append_printf (barriers, "%s%s", barriers->len ? " " : "", tm_barrier_to_id (1u << i));
      attr (w, "barriers", barriers->str);
    }

  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      const TmCheck *c = &r->checks[i];

      if (c->state == TM_CHECK_NOT_CONSIDERED && (c->note == NULL || *c->note == '\0'))
        continue;
      start (w, "check");
      attr (w, "item", tm_check_item_to_id (i));
      attr (w, "state", tm_check_state_to_id (c->state));
      if (c->note != NULL)
        text (w, c->note);
      end (w, "check");
    }

  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      const TmQualityRating *q = &r->quality[i];

      if (q->rating == TM_RATING_UNKNOWN && (q->note == NULL || *q->note == '\0'))
        continue;
      start (w, "quality");
      attr (w, "component", tm_quality_component_to_id (i));
      attr (w, "rating", tm_rating_to_id (q->rating));
      if (q->note != NULL)
        text (w, q->note);
      end (w, "quality");
    }

  text_element (w, "barrier-note", r->barrier_note, FALSE);
  text_element (w, "mitigation", r->mitigation, FALSE);
  text_element (w, "responsible", r->responsible, FALSE);
  text_element (w, "delegation-instruction", r->delegation_ref, FALSE);
  text_element (w, "quality-standards", r->quality_standards, FALSE);
  text_element (w, "follow-up", r->follow_up, FALSE);

  for (guint i = 0; i < r->status_log->len; i++)
    {
      const TmStatusChange *c = &g_array_index (r->status_log, TmStatusChange, i);

      start (w, "status-change");
      attr (w, "status", tm_move_status_to_id (c->status));
      timestamp_attr (w, "when", c->when);
      attr (w, "who", c->who ? c->who : "");
      count_attr (w, "open", c->n_open);
      if (c->note != NULL)
        text (w, c->note);
      end (w, "status-change");
    }

  end (w, "review");
}

static void
write_workshops (Writer      *w,
                 TmPortfolio *portfolio)
{
  GListModel *workshops = tm_portfolio_get_workshops (portfolio);
  guint n = g_list_model_get_n_items (workshops);

  if (n == 0)
    return;

  start (w, "workshops");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmWorkshop) workshop = g_list_model_get_item (workshops, i);
      const TmWorkshopData *d = tm_workshop_peek_data (workshop);

      start (w, "workshop");
      attr (w, "id", d->id);
      attr (w, "date", d->date);
      text_element (w, "title", d->title, FALSE);
      text_element (w, "facilitator", d->facilitator, FALSE);

      for (guint j = 0; j < d->participants->len; j++)
        {
          const TmParticipants *p = &g_array_index (d->participants, TmParticipants, j);

          start (w, "participants");
          attr (w, "profession", p->profession_id);
          count_attr (w, "count", p->count);
          end (w, "participants");
        }

      text_element (w, "names", d->names, FALSE);
      text_element (w, "decisions", d->decisions, FALSE);

      for (guint j = 0; j < d->moves->len; j++)
        {
          const TmMoveRef *m = &g_array_index (d->moves, TmMoveRef, j);

          start (w, "decided");
          attr (w, "task", m->task_uuid);
          attr (w, "scenario", m->scenario_id);
          end (w, "decided");
        }

      end (w, "workshop");
    }
  end (w, "workshops");
}

static void
write_history (Writer      *w,
               TmPortfolio *portfolio)
{
  g_autoptr(GPtrArray) entries = tm_portfolio_dup_history (portfolio, NULL, NULL, 0);

  if (entries->len == 0)
    return;

  start (w, "history");
  for (guint i = 0; i < entries->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (entries, i);

      start (w, "change");
      timestamp_attr (w, "when", e->when);
      attr (w, "who", e->who ? e->who : "");
      attr (w, "field", e->field);
      if (e->task_uuid)
        attr (w, "task", e->task_uuid);
      if (e->scenario_id)
        attr (w, "scenario", e->scenario_id);
      if (e->profession_id)
        attr (w, "profession", e->profession_id);
      text_element (w, "task-title", e->task_title, FALSE);
      text_element (w, "old", e->old_value, FALSE);
      text_element (w, "new", e->new_value, FALSE);
      end (w, "change");
    }
  end (w, "history");
}

/* Each unit's staffing, the portfolio's own first, then by unit name. */
static void
write_staffing (Writer      *w,
                TmPortfolio *portfolio)
{
  g_auto(GStrv) units = tm_portfolio_dup_staffing_units (portfolio);

  for (guint i = 0; units[i] != NULL; i++)
    {
      const TmStaffing *staffing = tm_portfolio_get_staffing (portfolio, units[i]);

      start (w, "staffing");
      if (*staffing->unit != '\0')
        attr (w, "unit", staffing->unit);
      if (staffing->shift_hours >= 0)
        number_attr (w, "shift-hours", staffing->shift_hours);

      for (guint j = 0; j < staffing->entries->len; j++)
        {
          const TmStaffingEntry *e = &g_array_index (staffing->entries, TmStaffingEntry, j);

          start (w, "staff");
          attr (w, "profession", e->profession_id);
          if (e->fte >= 0)
            number_attr (w, "fte", e->fte);
          if (e->hours_per_fte >= 0)
            number_attr (w, "hours-per-fte", e->hours_per_fte);
          end (w, "staff");
        }
      end (w, "staffing");
    }
}

static void
write_task (Writer            *w,
            const TmTaskData  *d,
            const char       **scenario_ids,
            guint              n_scenarios)
{
  start (w, "task");
  attr (w, "id", d->uuid);
  if (d->unit != NULL && *d->unit != '\0')
    attr (w, "unit", d->unit);
  if (d->modified > 0)
    timestamp_attr (w, "modified", d->modified);
  text_element (w, "title", d->title, TRUE);
  text_element (w, "description", d->description, FALSE);
  text_element (w, "group", d->group, FALSE);
  text_element (w, "level", tm_level_to_id (d->level), TRUE);
  text_element (w, "complexity", tm_complexity_to_id (d->complexity), TRUE);

  if (d->minutes >= 0 || d->occurrences >= 0 || d->per != TM_PER_DAY)
    {
      start (w, "time");
      if (d->minutes >= 0)
        number_attr (w, "minutes", d->minutes);
      if (d->occurrences >= 0)
        number_attr (w, "occurrences", d->occurrences);
      attr (w, "per", tm_per_to_id (d->per));
      end (w, "time");
    }

  if (d->shifts != 0)
    {
      char shifts[128] = "";

      for (guint s = 0; s < TM_N_SHIFTS; s++)
        if (d->shifts & (1u << s))
          {
            if (shifts[0] != '\0')
              g_strlcat (shifts, " ", sizeof shifts);
            g_strlcat (shifts, tm_shift_to_id (1u << s), sizeof shifts);
          }
      text_element (w, "shifts", shifts, TRUE);
    }

  for (guint j = 0; j < d->performers->len; j++)
    {
      const TmPerformer *p = &g_array_index (d->performers, TmPerformer, j);

      start (w, "performed-by");
      attr (w, "profession", p->profession_id);
      number_attr (w, "share", p->share);
      end (w, "performed-by");
    }

  for (guint j = 0; j < d->assessments->len; j++)
    {
      const TmAssessment *a = &g_array_index (d->assessments, TmAssessment, j);

      start (w, "assessment");
      attr (w, "profession", a->profession_id);
      attr (w, "suitability", tm_suitability_to_id (a->suitability));
      attr (w, "complexity-limit", tm_complexity_to_id (a->complexity_limit));
      number_attr (w, "share", a->share);
      attr (w, "training", tm_training_to_id (a->training));
      if (a->training_days >= 0)
        number_attr (w, "training-days", a->training_days);
      attr (w, "tested", a->documented_by_test ? "true" : "false");
      attr (w, "rationale", tm_rationale_to_id (a->rationale));
      text_element (w, "training-content", a->training_content, FALSE);
      text_element (w, "purpose", a->purpose, FALSE);
      text_element (w, "note", a->note, FALSE);
      end (w, "assessment");
    }

  /* In the scenarios' order, however the moves were chosen: deterministic. */
  for (guint k = 0; k < n_scenarios && d->moves->len > 0; k++)
    {
      const TmMove *m = tm_task_data_get_move (d, scenario_ids[k]);

      if (m == NULL)
        continue;
      start (w, "move");
      attr (w, "scenario", m->scenario_id);
      attr (w, "kind", tm_move_kind_to_id (m->kind));
      if (m->profession_id != NULL)
        attr (w, "profession", m->profession_id);
      number_attr (w, "share", m->share);
      end (w, "move");
    }

  text_element (w, "notes", d->notes, FALSE);

  /* The reviews of the moves, in the order of the scenarios. */
  for (guint k = 0; k < n_scenarios && d->reviews->len > 0; k++)
    {
      const TmMoveReview *r = tm_task_data_get_review (d, scenario_ids[k]);

      if (r != NULL)
        write_review (w, r);
    }

  end (w, "task");
}

static void
write_portfolio (Writer      *w,
                 TmPortfolio *portfolio)
{
  GListModel *professions = tm_portfolio_get_professions (portfolio);
  GListModel *tasks = tm_portfolio_get_tasks (portfolio);
  GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);
  guint n_scenarios = g_list_model_get_n_items (scenarios);
  guint n_tasks = g_list_model_get_n_items (tasks);
  g_autoptr(GPtrArray) scenario_list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const char **scenario_ids = g_new0 (const char *, n_scenarios + 1);
  char version[16];

  for (guint i = 0; i < n_scenarios; i++)
    {
      TmScenario *scenario = g_list_model_get_item (scenarios, i);

      g_ptr_array_add (scenario_list, scenario);
      scenario_ids[i] = tm_scenario_get_id (scenario);
    }

  g_snprintf (version, sizeof version, "%d", TM_XML_FORMAT_VERSION);
  APPEND_LITERAL (w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  start (w, "portfolio");
  attr (w, "version", version);
  attr (w, "country", tm_country_to_id (tm_portfolio_get_country (portfolio)));
  attr (w, "language", tm_portfolio_get_language (portfolio));
  attr (w, "xmlns", TM_XML_NAMESPACE);

  start (w, "unit");
  text_element (w, "name", tm_portfolio_get_unit_name (portfolio), TRUE);
  text_element (w, "organisation", tm_portfolio_get_organisation (portfolio), FALSE);
  text_element (w, "setting", tm_setting_to_id (tm_portfolio_get_setting (portfolio)), TRUE);
  text_element (w, "notes", tm_portfolio_get_notes (portfolio), FALSE);
  text_element (w, "last-committee-meeting", tm_portfolio_get_last_committee_meeting (portfolio), FALSE);
  end (w, "unit");

  start (w, "professions");
  for (guint i = 0; i < g_list_model_get_n_items (professions); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (professions, i);

      start (w, "profession");
      attr (w, "id", tm_profession_get_id (p));
      attr (w, "authorised", tm_profession_get_authorised (p) ? "true" : "false");
      attr (w, "unskilled", tm_profession_get_unskilled (p) ? "true" : "false");
      attr (w, "hidden", tm_profession_get_hidden (p) ? "true" : "false");
      text_element (w, "name", tm_profession_get_name (p), TRUE);
      text_element (w, "name-en", tm_profession_get_name_en (p), FALSE);
      end (w, "profession");
    }
  end (w, "professions");

  write_staffing (w, portfolio);

  start (w, "scenarios");
  for (guint i = 0; i < n_scenarios; i++)
    {
      TmScenario *scenario = g_ptr_array_index (scenario_list, i);

      start (w, "scenario");
      attr (w, "id", tm_scenario_get_id (scenario));
      text_element (w, "name", tm_scenario_get_name (scenario), TRUE);
      end (w, "scenario");
    }
  end (w, "scenarios");

  start (w, "tasks");
  for (guint i = 0; i < n_tasks && !w->failed; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);

      write_task (w, tm_task_peek_data (task), scenario_ids, n_scenarios);
    }
  end (w, "tasks");

  write_workshops (w, portfolio);
  write_history (w, portfolio);
  end (w, "portfolio");
}

gboolean
_tm_xml_write (TmPortfolio    *portfolio,
               GOutputStream  *out,
               GString        *buffer,
               GError        **error)
{
  Writer w = { 0 };
  locale_t c_locale = get_c_locale ();
  locale_t old_locale = (locale_t) 0;
  gboolean ok;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), FALSE);
  g_return_val_if_fail ((out == NULL) != (buffer == NULL), FALSE);

  /* Into a stream, a piece at a time; into a string, all of it, which
   * becomes @buffer's without a copy. */
  w.capacity = out != NULL ? CHUNK + CHUNK / 2 : MAX (buffer->allocated_len, 64 * 1024);
  w.data = g_malloc (w.capacity);
  w.out = out;
  w.error = error;
  memset (w.indent, ' ', sizeof w.indent);

  if (c_locale != (locale_t) 0)
    old_locale = uselocale (c_locale);
  write_portfolio (&w, portfolio);
  if (old_locale != (locale_t) 0)
    uselocale (old_locale);

  ok = flush (&w) && !w.failed;
  if (ok && buffer != NULL)
    {
      w.data[w.length] = '\0';
      g_free (buffer->str);
      buffer->str = g_steal_pointer (&w.data);
      buffer->len = w.length;
      buffer->allocated_len = w.capacity;
    }
  g_free (w.data);
  return ok;
}
