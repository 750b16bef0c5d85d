/* tm-xml-document.c
 * A file of the exchange format read into a document: its tasks, units,
 * professions, scenarios, reviews, workshops and history, checked against the
 * portfolio it goes into. The merge plan consumes it; nothing here imports.
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
#include "exchange/tm-xml-document-private.h"
#include "exchange/tm-xml-read-private.h"
#include "store/tm-portfolio-private.h"
#include "model/tm-task-private.h"
#include "model/tm-workshop-private.h"
#include "model/tm-language.h"

/* Reading */

/* The streaming reader takes a good file in one pass, checking what the
 * XSD states as it reads, without a tree. Anything it does not take (a
 * refusal, or what it does not follow) is read again by the tree reader,
 * which validates against the XSD itself and says what is wrong in the
 * words it always has: a bad file costs two readings, a good one one. */
TmXmlDocument *
_tm_xml_document_read (const char  *data,
                       gsize        length,
                       const char  *display_name,
                       GError     **error)
{
  TmXmlDocument *doc;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (!_tm_xml_check_size (length, display_name, error))
    return NULL;

  doc = _tm_xml_stream_read (data, length, display_name);
  if (doc != NULL)
    return doc;

  doc = _tm_xml_tree_read (data, length, display_name, error);
  if (doc != NULL)
    g_debug ("%s: the tree reader took a file the streaming reader did not", display_name);
  return doc;
}

void
_tm_xml_document_free (TmXmlDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->display_name);
  g_free (doc->unit_name);
  g_free (doc->organisation);
  g_free (doc->notes);
  g_clear_pointer (&doc->professions, g_ptr_array_unref);
  g_clear_pointer (&doc->scenarios, g_hash_table_unref);
  g_clear_pointer (&doc->scenario_order, g_ptr_array_unref);
  g_clear_pointer (&doc->tasks, g_ptr_array_unref);
  g_clear_pointer (&doc->places, g_array_unref);
  g_free (doc->last_meeting);
  g_clear_pointer (&doc->workshops, g_ptr_array_unref);
  g_clear_pointer (&doc->workshop_places, g_array_unref);
  g_clear_pointer (&doc->history, g_ptr_array_unref);
  g_clear_pointer (&doc->staffing, g_ptr_array_unref);
  g_clear_pointer (&doc->staffing_places, g_array_unref);
  g_free (doc->language);
  g_free (doc);
}

GPtrArray *
_tm_xml_document_get_staffing (TmXmlDocument *doc)
{
  return doc->staffing;
}

GPtrArray *
_tm_xml_document_steal_tasks (TmXmlDocument *doc)
{
  GPtrArray *tasks = doc->tasks;

  doc->tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_task_data_free);
  return tasks;
}

const char *
_tm_xml_document_get_display_name (TmXmlDocument *doc)
{
  return doc->display_name;
}

GPtrArray *
_tm_xml_document_get_tasks (TmXmlDocument *doc)
{
  return doc->tasks;
}

const char *
_tm_xml_document_get_unit_name (TmXmlDocument *doc)
{
  return doc->have_unit ? doc->unit_name : NULL;
}

void
_tm_xml_document_set_task_error (TmXmlDocument  *doc,
                                 guint           task,
                                 const char     *message,
                                 GError        **error)
{
  const TmXmlPlace *place = &g_array_index (doc->places, TmXmlPlace, task);

  g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s:%ld:%u: %s",
               doc->display_name, place->line, place->column, message);
}

static gboolean
is_pending (GHashTable *pending,
            char        kind,
            const char *id)
{
  g_autofree char *key = NULL;

  if (pending == NULL)
    return FALSE;
  key = g_strdup_printf ("%c:%s", kind, id);
  return g_hash_table_contains (pending, key);
}

static void
add_pending (GHashTable *pending,
             char        kind,
             const char *id)
{
  if (pending != NULL)
    g_hash_table_add (pending, g_strdup_printf ("%c:%s", kind, id));
}

/* What makes two history entries the same one. */
static char *
history_key (const TmHistoryEntry *e)
{
#define S(x) ((x) ? (x) : "")
  return g_strdup_printf ("%" G_GINT64_FORMAT "%c%s%c%s%c%s%c%s%c%s%c%s%c%s", e->when, 0x1f,
                          S (e->who), 0x1f, S (e->task_uuid), 0x1f, S (e->scenario_id), 0x1f,
                          S (e->profession_id), 0x1f, S (e->field), 0x1f, S (e->old_value), 0x1f,
                          S (e->new_value));
#undef S
}

GHashTable *
_tm_xml_history_counts_new_empty (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_tm_xml_history_counts_add (GHashTable *counts,
                            GPtrArray  *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      char *key = history_key (g_ptr_array_index (entries, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

      g_hash_table_replace (counts, key, GUINT_TO_POINTER (n + 1));
    }
}

gboolean
_tm_xml_history_counts_read (GHashTable       *counts,
                             TmHistoryCursor **cursor,
                             gint64            deadline)
{
  while (*cursor != NULL)
    {
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tm_history_entry_free);
      /* A block at a time (a deadline passed already), counted before the
       * clock is looked at: counting takes longer than reading. */
      gboolean read = _tm_history_cursor_step (*cursor, 0, entries);

      _tm_xml_history_counts_add (counts, entries);
      if (read)
        g_clear_pointer (cursor, _tm_history_cursor_free);
      else if (g_get_monotonic_time () >= deadline)
        return FALSE;
    }
  return TRUE;
}

/* Above this many tasks in a file's history, the portfolio's whole history
 * is read in one pass rather than task by task. */
#define HISTORY_BY_TASK_MAX 2000

/* The counts of the portfolio's history entries that can be
 * the same as one of @doc's: those of the tasks its history names; NULL when
 * it names more than HISTORY_BY_TASK_MAX, for the whole history. A unit's
 * file taken into a region of 100,000 tasks reads a few hundred tasks'
 * entries (by the index on task_uuid), not the region's whole history
 * (some 300 ms on the window's thread). */
static GHashTable *
history_counts_for (TmPortfolio   *portfolio,
                    TmXmlDocument *doc)
{
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) named = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GHashTable *counts;
  GHashTableIter iter;
  gpointer uuid;

  for (guint i = 0; i < doc->history->len; i++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (doc->history, i);

      if (e != NULL)
        g_hash_table_add (uuids, e->task_uuid != NULL ? e->task_uuid : "");
    }
  /* Read whole, in steps (_tm_xml_prepare_step()). */
  if (g_hash_table_size (uuids) > HISTORY_BY_TASK_MAX)
    return NULL;

  counts = _tm_xml_history_counts_new_empty ();
  named = g_ptr_array_sized_new (g_hash_table_size (uuids));
  g_hash_table_iter_init (&iter, uuids);
  while (g_hash_table_iter_next (&iter, &uuid, NULL))
    g_ptr_array_add (named, uuid);
  entries = _tm_history_dup_for_tasks (portfolio, named);
  _tm_xml_history_counts_add (counts, entries);
  return counts;
}

/* _tm_xml_document_prepare() in steps: the document's own professions and
 * scenarios, then each task's references (a region's 100,000 took some
 * 60 ms), then its workshops, history, staffing and unit. */
typedef enum {
  PREPARE_HEAD,
  PREPARE_TASKS,
  PREPARE_HISTORY,
  PREPARE_TAIL,
  PREPARE_DONE,
} PreparePhase;

struct _TmXmlPrepare
{
  TmXmlDocument *doc;
  TmPortfolio   *portfolio;
  gboolean       into_empty;
  gboolean       take_unit;
  GHashTable    *pending;        /* nullable, not owned */
  GHashTable    *known_history;  /* nullable, not owned */
  GPtrArray     *changes;        /* not owned */
  GHashTable    *new_ids;        /* the professions the file adds */
  GHashTable    *own_history;    /* owned: the portfolio's counts, when not given known_history */
  TmHistoryCursor *history;      /* while the portfolio's whole history is read for them */
  PreparePhase   phase;
  guint          task;           /* the next task to check */
};

/* Tasks checked between two looks at the clock. */
#define PREPARE_CHECK_TASKS 1024

static void
prepare_head (TmXmlPrepare *prep)
{
  TmXmlDocument *doc = prep->doc;
  TmPortfolio *portfolio = prep->portfolio;
  gboolean into_empty = prep->into_empty;
  GHashTable *pending = prep->pending;
  GHashTable *new_ids = prep->new_ids;
  GPtrArray *changes = prep->changes;

  /* Professions the file defines and the portfolio lacks are added; those it
   * has keep the names the unit gave them. */
  for (guint i = 0; i < doc->professions->len; i++)
    {
      TmProfessionState *p = g_ptr_array_index (doc->professions, i);
      TmProfession *existing = tm_portfolio_lookup_profession (portfolio, p->id);

      if (existing != NULL)
        {
          /* Into an empty portfolio the file's names and flags win, so a
           * round trip keeps a renamed or hidden profession. */
          if (into_empty &&
              (g_strcmp0 (tm_profession_get_name (existing), p->name) != 0 ||
               g_strcmp0 (tm_profession_get_name_en (existing), p->name_en ? p->name_en : "") != 0 ||
               tm_profession_get_authorised (existing) != p->authorised ||
               tm_profession_get_unskilled (existing) != p->unskilled ||
               tm_profession_get_hidden (existing) != p->hidden))
            g_ptr_array_add (changes, _tm_change_profession_new (portfolio, p->id, p->name,
                                                                 p->name_en, p->authorised,
                                                                 p->unskilled, p->hidden));
          continue;
        }

      if (is_pending (pending, 'p', p->id) || !g_hash_table_add (new_ids, p->id))
        continue;

      add_pending (pending, 'p', p->id);
      g_ptr_array_add (changes, _tm_change_profession_new (portfolio, p->id, p->name, p->name_en,
                                                           p->authorised, p->unskilled, p->hidden));
    }

  /* Scenarios the portfolio lacks are added; into an empty portfolio the
   * file's names win, so a round trip gives back the same portfolio. */
  for (guint i = 0; i < doc->scenario_order->len; i++)
    {
      const char *id = g_ptr_array_index (doc->scenario_order, i);
      const char *name = g_hash_table_lookup (doc->scenarios, id);
      TmScenario *existing = tm_portfolio_lookup_scenario (portfolio, id);

      if (existing == NULL && is_pending (pending, 's', id))
        continue;
      if (existing == NULL || (into_empty && g_strcmp0 (tm_scenario_get_name (existing), name) != 0))
        {
          add_pending (pending, 's', id);
          g_ptr_array_add (changes, _tm_change_scenario_new (portfolio, id, name));
        }
    }

  /* An empty portfolio takes the file's scenarios only (it has no moves to lose). */
  if (into_empty && doc->scenario_order->len > 0)
    {
      GListModel *existing = tm_portfolio_get_scenarios (portfolio);

      for (guint i = 0; i < g_list_model_get_n_items (existing); i++)
        {
          g_autoptr(TmScenario) scenario = g_list_model_get_item (existing, i);

          if (!g_hash_table_contains (doc->scenarios, tm_scenario_get_id (scenario)))
            g_ptr_array_add (changes, _tm_change_scenario_delete_new (portfolio,
                                                                      tm_scenario_get_id (scenario)));
        }
    }
}

/* Task @i's moves, performers and assessments name scenarios and
 * professions the portfolio, the file or the merge have. */
static gboolean
check_task_references (TmXmlPrepare  *prep,
                       guint          i,
                       GError       **error)
{
  TmXmlDocument *doc = prep->doc;
  TmPortfolio *portfolio = prep->portfolio;
  GHashTable *pending = prep->pending;
  GHashTable *new_ids = prep->new_ids;
  TmTaskData *task = g_ptr_array_index (doc->tasks, i);

  for (guint j = 0; j < task->moves->len; j++)
    {
      const TmMove *m = &g_array_index (task->moves, TmMove, j);

      if (tm_portfolio_lookup_scenario (portfolio, m->scenario_id) == NULL &&
          !g_hash_table_contains (doc->scenarios, m->scenario_id) &&
          !is_pending (pending, 's', m->scenario_id))
        {
          /* Translators: the first %s is a task's title, the second the id of a scenario */
          g_autofree char *msg = g_strdup_printf (_("The task “%s” has a move in a scenario that is "
                                                    "neither in the file nor in the portfolio: “%s”."),
                                                  task->title, m->scenario_id);

          _tm_xml_document_set_task_error (doc, i, msg, error);
          return FALSE;
        }
    }

  for (guint j = 0; j < task->performers->len + task->assessments->len + task->moves->len; j++)
    {
      const char *id;

      if (j < task->performers->len)
        id = g_array_index (task->performers, TmPerformer, j).profession_id;
      else if (j < task->performers->len + task->assessments->len)
        id = g_array_index (task->assessments, TmAssessment, j - task->performers->len).profession_id;
      else
        id = g_array_index (task->moves, TmMove,
                            j - task->performers->len - task->assessments->len).profession_id;

      if (id != NULL &&
          tm_portfolio_lookup_profession (portfolio, id) == NULL &&
          !g_hash_table_contains (new_ids, id) &&
          !is_pending (pending, 'p', id))
        {
          /* Translators: the first %s is a task's title, the second the id of a profession */
          g_autofree char *msg = g_strdup_printf (_("The task “%s” names a profession that is "
                                                    "neither in the file nor in the portfolio: “%s”."),
                                                  task->title, id);

          _tm_xml_document_set_task_error (doc, i, msg, error);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
prepare_tail (TmXmlPrepare  *prep,
              GError       **error)
{
  TmXmlDocument *doc = prep->doc;
  TmPortfolio *portfolio = prep->portfolio;
  gboolean into_empty = prep->into_empty;
  gboolean take_unit = prep->take_unit;
  GHashTable *pending = prep->pending;
  GHashTable *known_history = prep->known_history;
  GHashTable *new_ids = prep->new_ids;
  GPtrArray *changes = prep->changes;

  /* Workshops the portfolio lacks are added, with their participants'
   * professions checked like the tasks' ones. */
  for (guint i = 0; i < doc->workshops->len; i++)
    {
      const TmWorkshopData *w = g_ptr_array_index (doc->workshops, i);

      for (guint j = 0; j < w->participants->len; j++)
        {
          const char *id = g_array_index (w->participants, TmParticipants, j).profession_id;

          if (tm_portfolio_lookup_profession (portfolio, id) == NULL &&
              !g_hash_table_contains (new_ids, id) && !is_pending (pending, 'p', id))
            {
              const TmXmlPlace *place = &g_array_index (doc->workshop_places, TmXmlPlace, i);

              /* Translators: the first %s is a workshop's date, the second the id of a profession */
              g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                           "%s:%ld:%u: %s", doc->display_name, place->line, place->column,
                           _("A workshop names a profession that is neither in the file nor in the portfolio."));
              return FALSE;
            }
        }

      if (tm_portfolio_lookup_workshop (portfolio, w->id) != NULL || is_pending (pending, 'w', w->id))
        continue;
      add_pending (pending, 'w', w->id);
      g_ptr_array_add (changes, _tm_change_workshop_new (portfolio, w->id, w));
    }

  /* The file's history joins the portfolio's; what it has already is not added twice. */
  if (doc->history->len > 0)
    {
      GHashTable *own = prep->own_history;
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GPtrArray) fresh = g_ptr_array_new ();

      if (known_history == NULL)
        known_history = own;

      if (own != NULL && g_hash_table_size (own) == 0)
        {
          /* A portfolio without history (an import into a new one) takes all of the file's. */
          for (guint i = 0; i < doc->history->len; i++)
            g_ptr_array_add (fresh, g_ptr_array_index (doc->history, i));
        }
      else
        {
          /* Counted, not just noted: the same change made twice in one second
           * is two entries, and the file may hold both. An entry is new where
           * the file holds it more often than the portfolio (and the files
           * merged before it) do. */
          for (guint i = 0; i < doc->history->len; i++)
            {
              TmHistoryEntry *e = g_ptr_array_index (doc->history, i);
              char *key = history_key (e);
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key)) + 1;
              guint have = GPOINTER_TO_UINT (g_hash_table_lookup (known_history, key));

              g_hash_table_replace (seen, key, GUINT_TO_POINTER (n));
              if (n > have)
                {
                  g_ptr_array_add (fresh, e);
                  g_hash_table_replace (known_history, g_strdup (key), GUINT_TO_POINTER (n));
                }
            }
        }
      /* Taken over, not copied: a document is prepared once, and a region's
       * history is as long as its tasks. */
      if (fresh->len > 0)
        {
          g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);

          for (guint i = 0; i < fresh->len; i++)
            g_hash_table_add (taken, g_ptr_array_index (fresh, i));
          for (guint i = 0; i < doc->history->len; i++)
            if (g_hash_table_contains (taken, g_ptr_array_index (doc->history, i)))
              doc->history->pdata[i] = NULL;
          g_ptr_array_set_free_func (fresh, (GDestroyNotify) tm_history_entry_free);
          g_ptr_array_add (changes, _tm_change_history_take (g_steal_pointer (&fresh)));
        }
    }

  /* The staffing names professions the portfolio has or the file adds. */
  for (guint i = 0; i < doc->staffing->len; i++)
    {
      const TmStaffing *staffing = g_ptr_array_index (doc->staffing, i);

      for (guint j = 0; j < staffing->entries->len; j++)
        {
          const char *id = g_array_index (staffing->entries, TmStaffingEntry, j).profession_id;

          if (tm_portfolio_lookup_profession (portfolio, id) == NULL &&
              !g_hash_table_contains (new_ids, id) && !is_pending (pending, 'p', id))
            {
              const TmXmlPlace *place = &g_array_index (doc->staffing_places, TmXmlPlace, i);
              g_autofree char *msg =
                /* Translators: %s is a profession's id */
                g_strdup_printf (_("The staffing names a profession that is neither in the file nor "
                                   "in the portfolio: “%s”."), id);

              g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s:%ld:%u: %s",
                           doc->display_name, place->line, place->column, msg);
              return FALSE;
            }
        }

      /* Taken back into a portfolio, a unit's staffing comes along where
       * the portfolio has none (or is empty); the portfolio's own stands.
       * The regional merge files each unit's staffing itself. */
      if (take_unit &&
          (into_empty || tm_portfolio_get_staffing (portfolio, staffing->unit) == NULL) &&
          !tm_staffing_equal (staffing, tm_portfolio_get_staffing (portfolio, staffing->unit)))
        g_ptr_array_add (changes, _tm_change_staffing_new (portfolio, staffing));
    }

  /* The unit's details come along into an empty portfolio only. */
  if (doc->have_unit && take_unit && into_empty)
    {
      TmChange *unit = _tm_change_unit_new (portfolio,
                                            doc->unit_name ? doc->unit_name : tm_portfolio_get_unit_name (portfolio),
                                            doc->organisation ? doc->organisation : tm_portfolio_get_organisation (portfolio),
                                            doc->have_setting ? doc->setting : tm_portfolio_get_setting (portfolio),
                                            doc->notes ? doc->notes : tm_portfolio_get_notes (portfolio));

      if (doc->last_meeting != NULL)
        _tm_change_unit_set_last_meeting (unit, doc->last_meeting);
      if (doc->language != NULL)
        _tm_change_unit_set_language (unit, doc->language);
      g_ptr_array_add (changes, unit);
    }
  else if (doc->language != NULL && take_unit && into_empty)
    {
      TmChange *unit = _tm_change_unit_new (portfolio, tm_portfolio_get_unit_name (portfolio),
                                            tm_portfolio_get_organisation (portfolio),
                                            tm_portfolio_get_setting (portfolio),
                                            tm_portfolio_get_notes (portfolio));

      _tm_change_unit_set_language (unit, doc->language);
      g_ptr_array_add (changes, unit);
    }

  return TRUE;
}

TmXmlPrepare *
_tm_xml_prepare_new (TmXmlDocument *doc,
                     TmPortfolio   *portfolio,
                     gboolean       into_empty,
                     gboolean       take_unit,
                     GHashTable    *pending,
                     GHashTable    *known_history,
                     GPtrArray     *changes)
{
  TmXmlPrepare *prep = g_new0 (TmXmlPrepare, 1);

  prep->doc = doc;
  prep->portfolio = portfolio;
  prep->into_empty = into_empty;
  prep->take_unit = take_unit;
  prep->pending = pending;
  prep->known_history = known_history;
  prep->changes = changes;
  prep->new_ids = g_hash_table_new (g_str_hash, g_str_equal);
  prep->phase = PREPARE_HEAD;
  return prep;
}

void
_tm_xml_prepare_free (TmXmlPrepare *prep)
{
  if (prep == NULL)
    return;
  g_clear_pointer (&prep->new_ids, g_hash_table_unref);
  g_clear_pointer (&prep->own_history, g_hash_table_unref);
  g_clear_pointer (&prep->history, _tm_history_cursor_free);
  g_free (prep);
}

gboolean
_tm_xml_prepare_step (TmXmlPrepare  *prep,
                      gint64         deadline,
                      gboolean      *done,
                      GError       **error)
{
  *done = FALSE;
  g_return_val_if_fail (prep->phase != PREPARE_DONE, FALSE);

  if (prep->phase == PREPARE_HEAD)
    {
      prepare_head (prep);
      prep->phase = PREPARE_TASKS;
    }

  while (prep->phase == PREPARE_TASKS && prep->task < prep->doc->tasks->len)
    {
      if (!check_task_references (prep, prep->task, error))
        return FALSE;
      prep->task++;
      if (prep->task % PREPARE_CHECK_TASKS == 0 && g_get_monotonic_time () >= deadline)
        return TRUE;
    }

  /* The portfolio's history, to leave out what the file's it has already:
   * the entries of the tasks the file's history names, or, when it names
   * many (a region's own file taken back), all of it, read in steps (some
   * 160-210 ms at 100,000 entries). */
  if (prep->phase == PREPARE_TASKS)
    {
      prep->phase = PREPARE_HISTORY;
      if (prep->known_history == NULL && prep->doc->history->len > 0)
        {
          prep->own_history = history_counts_for (prep->portfolio, prep->doc);
          if (prep->own_history == NULL)
            {
              prep->own_history = _tm_xml_history_counts_new_empty ();
              prep->history = _tm_history_cursor_new (prep->portfolio);
            }
        }
    }
  if (!_tm_xml_history_counts_read (prep->own_history, &prep->history, deadline))
    return TRUE;

  if (!prepare_tail (prep, error))
    return FALSE;
  prep->phase = PREPARE_DONE;
  *done = TRUE;
  return TRUE;
}

double
_tm_xml_prepare_get_fraction (TmXmlPrepare *prep)
{
  guint n = prep->doc->tasks->len;

  if (prep->phase == PREPARE_DONE)
    return 1.0;
  return n > 0 ? (double) prep->task / n : 0.0;
}

gboolean
_tm_xml_document_prepare (TmXmlDocument  *doc,
                          TmPortfolio    *portfolio,
                          gboolean        into_empty,
                          gboolean        take_unit,
                          GHashTable     *pending,
                          GHashTable     *known_history,
                          GPtrArray      *changes,
                          GError        **error)
{
  TmXmlPrepare *prep = _tm_xml_prepare_new (doc, portfolio, into_empty, take_unit, pending,
                                            known_history, changes);
  gboolean done = FALSE;
  gboolean ok = _tm_xml_prepare_step (prep, G_MAXINT64, &done, error);

  g_assert (!ok || done);
  _tm_xml_prepare_free (prep);
  return ok;
}
