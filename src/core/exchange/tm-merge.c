/* tm-merge.c
 * Taking a portfolio file back into a portfolio, task by task, and the
 * regional merge of many units' files.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "taskmap-core"

#include "config.h"

#include <string.h>
#include "model/tm-i18n-private.h"

#include "exchange/tm-merge.h"
#include "exchange/tm-xml.h"
#include "exchange/tm-xml-document-private.h"
#include "store/tm-portfolio-private.h"
#include "model/tm-task-private.h"

/* A file larger than this is refused before it is read into memory (the
 * importer's own bound, checked again on the data). */
#define MAX_FILE_BYTES (512u * 1024u * 1024u)

typedef struct {
  TmMergeKind    kind;
  TmMergeChoice  choice;
  TmTask        *mine;      /* owned ref, NULL for ADDED */
} MergeItem;

struct _TmMergePlan {
  TmPortfolio   *portfolio;   /* owned ref */
  TmXmlDocument *doc;
  GPtrArray     *changes;     /* of TmChange: professions, scenarios, unit */
  GArray        *items;       /* of MergeItem, one per task in the file */
  guint64        edit_count;  /* the portfolio's, when the plan was made */
  guint          counts[TM_N_MERGE_KINDS];
  gboolean       applied;
};

struct _TmMergeSource
{
  TmXmlDocument *doc;
};

const char *
tm_merge_kind_get_label (TmMergeKind kind)
{
  switch (kind)
    {
    /* Translators: a task in an imported file that the portfolio does not have */
    case TM_MERGE_ADDED: return _("New");
    /* Translators: a task whose copy in the imported file is newer */
    case TM_MERGE_UPDATED: return _("Changed");
    /* Translators: a task changed in both copies: the user decides */
    case TM_MERGE_CONFLICT: return _("Conflict");
    case TM_MERGE_UNCHANGED: return _("Unchanged");
    case TM_N_MERGE_KINDS:
    default: break;
    }
  g_return_val_if_reached ("");
}

static void
merge_item_clear (MergeItem *item)
{
  g_clear_object (&item->mine);
}

static void
free_change_array (GPtrArray *changes)
{
  if (changes == NULL)
    return;
  g_ptr_array_set_free_func (changes, (GDestroyNotify) _tm_change_free);
  g_ptr_array_unref (changes);
}

void
tm_merge_plan_free (TmMergePlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->portfolio);
  g_clear_pointer (&plan->doc, _tm_xml_document_free);
  g_clear_pointer (&plan->changes, free_change_array);
  g_clear_pointer (&plan->items, g_array_unref);
  g_free (plan);
}

static gpointer
free_tasks_thread (gpointer data)
{
  g_ptr_array_unref (data);
  return NULL;
}

void
tm_merge_plan_free_in_background (TmMergePlan *plan)
{
  GPtrArray *tasks;

  if (plan == NULL)
    return;
  tasks = plan->doc != NULL ? _tm_xml_document_steal_tasks (plan->doc) : NULL;
  tm_merge_plan_free (plan);
  /* Plain data: strings and arrays, nothing another thread holds. */
  if (tasks != NULL)
    g_thread_unref (g_thread_new ("tm-merge-free", free_tasks_thread, tasks));
}

static TmMergeKind
compare (const TmTaskData *theirs,
         TmTask           *mine)
{
  const TmTaskData *ours = tm_task_peek_data (mine);

  if (tm_task_data_equal (theirs, ours))
    return TM_MERGE_UNCHANGED;
  /* A task whose time is unknown here has not been edited since it came in
   * (every edit sets the time), so a copy with a known time is newer. */
  if (theirs->modified > 0 && theirs->modified > ours->modified)
    return TM_MERGE_UPDATED;
  return TM_MERGE_CONFLICT;
}

/* The plan of a document, made in steps: the document prepared (its
 * references checked: tm-xml-document.c), then each task compared with the
 * portfolio's copy. */
struct _TmMergePlanning {
  TmMergePlan  *plan;
  TmXmlPrepare *prep;   /* while the document is prepared */
  guint         item;   /* then: the next task to compare */
  gboolean      done;
};

/* Tasks compared between two looks at the clock. */
#define PLAN_CHECK_ITEMS 1024

static TmMergePlanning *
planning_new (TmPortfolio   *portfolio,
              TmXmlDocument *doc)
{
  TmMergePlanning *planning = g_new0 (TmMergePlanning, 1);
  TmMergePlan *plan = g_new0 (TmMergePlan, 1);
  gboolean into_empty = g_list_model_get_n_items (tm_portfolio_get_tasks (portfolio)) == 0;

  plan->portfolio = g_object_ref (portfolio);
  plan->changes = g_ptr_array_new ();
  plan->items = g_array_new (FALSE, TRUE, sizeof (MergeItem));
  g_array_set_clear_func (plan->items, (GDestroyNotify) merge_item_clear);
  plan->doc = doc;
  planning->plan = plan;
  planning->prep = _tm_xml_prepare_new (doc, portfolio, into_empty, TRUE, NULL, NULL,
                                        plan->changes);
  return planning;
}

TmMergePlanning *
tm_merge_planning_new (TmPortfolio   *portfolio,
                       TmMergeSource *source)
{
  TmXmlDocument *doc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (source != NULL && source->doc != NULL, NULL);

  doc = g_steal_pointer (&source->doc);
  tm_merge_source_free (source);
  return planning_new (portfolio, doc);
}

gboolean
tm_merge_planning_step (TmMergePlanning  *planning,
                        gint64            budget_us,
                        gboolean         *done,
                        GError          **error)
{
  gint64 deadline = _tm_store_deadline (budget_us);
  TmMergePlan *plan;
  GPtrArray *tasks;

  g_return_val_if_fail (planning != NULL && planning->plan != NULL, FALSE);
  g_return_val_if_fail (!planning->done, FALSE);
  g_return_val_if_fail (done != NULL, FALSE);

  *done = FALSE;
  plan = planning->plan;
  if (planning->prep != NULL)
    {
      gboolean prepared = FALSE;

      if (!_tm_xml_prepare_step (planning->prep, deadline, &prepared, error))
        return FALSE;
      if (!prepared)
        return TRUE;
      g_clear_pointer (&planning->prep, _tm_xml_prepare_free);
      g_array_set_size (plan->items, _tm_xml_document_get_tasks (plan->doc)->len);
      if (g_get_monotonic_time () >= deadline)
        return TRUE;
    }

  tasks = _tm_xml_document_get_tasks (plan->doc);
  while (planning->item < tasks->len)
    {
      const TmTaskData *theirs = g_ptr_array_index (tasks, planning->item);
      MergeItem *item = &g_array_index (plan->items, MergeItem, planning->item);
      TmTask *mine = tm_portfolio_lookup_task (plan->portfolio, theirs->uuid);

      item->mine = mine ? g_object_ref (mine) : NULL;
      item->kind = mine ? compare (theirs, mine) : TM_MERGE_ADDED;
      item->choice = item->kind == TM_MERGE_CONFLICT || item->kind == TM_MERGE_UNCHANGED
                     ? TM_MERGE_KEEP_MINE : TM_MERGE_TAKE_THEIRS;
      plan->counts[item->kind]++;
      planning->item++;
      if (planning->item % PLAN_CHECK_ITEMS == 0 && planning->item < tasks->len &&
          g_get_monotonic_time () >= deadline)
        return TRUE;
    }

  plan->edit_count = tm_portfolio_get_edit_count (plan->portfolio);
  planning->done = TRUE;
  *done = TRUE;
  return TRUE;
}

double
tm_merge_planning_get_fraction (TmMergePlanning *planning)
{
  guint n;

  g_return_val_if_fail (planning != NULL, 0.0);

  if (planning->done)
    return 1.0;
  /* Checking the references is about two thirds of the work. */
  if (planning->prep != NULL)
    return 0.65 * _tm_xml_prepare_get_fraction (planning->prep);
  n = planning->plan->items->len;
  return 0.65 + 0.35 * (n > 0 ? (double) planning->item / n : 1.0);
}

const char *
tm_merge_planning_get_display_name (TmMergePlanning *planning)
{
  g_return_val_if_fail (planning != NULL && planning->plan != NULL, NULL);

  return _tm_xml_document_get_display_name (planning->plan->doc);
}

TmMergePlan *
tm_merge_planning_finish (TmMergePlanning *planning)
{
  g_return_val_if_fail (planning != NULL && planning->done, NULL);

  return g_steal_pointer (&planning->plan);
}

void
tm_merge_planning_free (TmMergePlanning *planning)
{
  if (planning == NULL)
    return;
  g_clear_pointer (&planning->prep, _tm_xml_prepare_free);
  g_clear_pointer (&planning->plan, tm_merge_plan_free_in_background);
  g_free (planning);
}

/* The plan of @doc (consumed) for @portfolio, made at once. */
static TmMergePlan *
plan_new_for_document (TmPortfolio    *portfolio,
                       TmXmlDocument  *doc,
                       GError        **error)
{
  g_autoptr(TmMergePlanning) planning = planning_new (portfolio, doc);
  gboolean done = FALSE;

  if (!tm_merge_planning_step (planning, G_MAXINT64, &done, error))
    return NULL;
  g_assert (done);
  return tm_merge_planning_finish (planning);
}

TmMergePlan *
tm_merge_plan_new (TmPortfolio  *portfolio,
                   const char   *data,
                   gsize         length,
                   const char   *display_name,
                   GError      **error)
{
  TmXmlDocument *doc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  doc = _tm_xml_document_read (data, length, display_name, error);
  if (doc == NULL)
    return NULL;
  return plan_new_for_document (portfolio, doc, error);
}

/* Reads a local file whole, refusing one over the importer's bound first. */
static char *
load_file (GFile   *file,
           gsize   *length,
           char   **display_name,
           GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  *display_name = g_file_get_basename (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL && (guint64) g_file_info_get_size (info) > MAX_FILE_BYTES)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_FORBIDDEN,
                   _("“%s” is too large to import."), *display_name);
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, length, NULL, &local_error))
    {
      /* Translators: the first %s is a file name, the second why it could not be read */
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_MALFORMED,
                   _("Could not read “%s”: %s"), *display_name, local_error->message);
      return NULL;
    }

  return contents;
}

TmMergePlan *
tm_merge_plan_new_for_file (TmPortfolio  *portfolio,
                            GFile        *file,
                            GError      **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = load_file (file, &length, &name, error);
  if (contents == NULL)
    return NULL;

  return tm_merge_plan_new (portfolio, contents, length, name, error);
}

TmMergeSource *
tm_merge_source_read_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  TmMergeSource *source;
  TmXmlDocument *doc;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  contents = load_file (file, &length, &name, error);
  if (contents == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  doc = _tm_xml_document_read (contents, length, name, error);
  if (doc == NULL)
    return NULL;

  source = g_new0 (TmMergeSource, 1);
  source->doc = doc;
  return source;
}

void
tm_merge_source_free (TmMergeSource *source)
{
  if (source == NULL)
    return;
  g_clear_pointer (&source->doc, _tm_xml_document_free);
  g_free (source);
}

TmMergePlan *
tm_merge_plan_new_for_source (TmPortfolio    *portfolio,
                              TmMergeSource  *source,
                              GError        **error)
{
  TmXmlDocument *doc;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (source != NULL && source->doc != NULL, NULL);

  doc = g_steal_pointer (&source->doc);
  tm_merge_source_free (source);
  return plan_new_for_document (portfolio, doc, error);
}

guint
tm_merge_source_get_n_tasks (TmMergeSource *source)
{
  g_return_val_if_fail (source != NULL && source->doc != NULL, 0);

  return _tm_xml_document_get_tasks (source->doc)->len;
}

const char *
tm_merge_plan_get_display_name (TmMergePlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);

  return _tm_xml_document_get_display_name (plan->doc);
}

guint
tm_merge_plan_get_n_items (TmMergePlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->items->len;
}

guint
tm_merge_plan_count (TmMergePlan *plan,
                     TmMergeKind  kind)
{
  g_return_val_if_fail (plan != NULL, 0);
  g_return_val_if_fail (kind < TM_N_MERGE_KINDS, 0);

  return plan->counts[kind];
}

TmMergeKind
tm_merge_plan_get_kind (TmMergePlan *plan,
                        guint        item)
{
  g_return_val_if_fail (plan != NULL && item < plan->items->len, TM_MERGE_UNCHANGED);

  return g_array_index (plan->items, MergeItem, item).kind;
}

const TmTaskData *
tm_merge_plan_get_theirs (TmMergePlan *plan,
                          guint        item)
{
  g_return_val_if_fail (plan != NULL && item < plan->items->len, NULL);

  return g_ptr_array_index (_tm_xml_document_get_tasks (plan->doc), item);
}

TmTask *
tm_merge_plan_get_mine (TmMergePlan *plan,
                        guint        item)
{
  g_return_val_if_fail (plan != NULL && item < plan->items->len, NULL);

  return g_array_index (plan->items, MergeItem, item).mine;
}

TmMergeChoice
tm_merge_plan_get_choice (TmMergePlan *plan,
                          guint        item)
{
  g_return_val_if_fail (plan != NULL && item < plan->items->len, TM_MERGE_KEEP_MINE);

  return g_array_index (plan->items, MergeItem, item).choice;
}

void
tm_merge_plan_set_choice (TmMergePlan   *plan,
                          guint          item,
                          TmMergeChoice  choice)
{
  MergeItem *entry;

  g_return_if_fail (plan != NULL && item < plan->items->len);
  g_return_if_fail (choice == TM_MERGE_KEEP_MINE || choice == TM_MERGE_TAKE_THEIRS);

  entry = &g_array_index (plan->items, MergeItem, item);
  if (entry->kind == TM_MERGE_UPDATED || entry->kind == TM_MERGE_CONFLICT)
    entry->choice = choice;
}

void
tm_merge_plan_set_conflict_choice (TmMergePlan   *plan,
                                   TmMergeChoice  choice)
{
  g_return_if_fail (plan != NULL);

  for (guint i = 0; i < plan->items->len; i++)
    if (g_array_index (plan->items, MergeItem, i).kind == TM_MERGE_CONFLICT)
      tm_merge_plan_set_choice (plan, i, choice);
}

static gboolean
same_time (const TmTaskData *a,
           const TmTaskData *b)
{
  return ((a->minutes < 0 && b->minutes < 0) || a->minutes == b->minutes) &&
         ((a->occurrences < 0 && b->occurrences < 0) || a->occurrences == b->occurrences) &&
         a->per == b->per;
}

static gboolean
same_performers (const TmTaskData *a,
                 const TmTaskData *b)
{
  if (a->performers->len != b->performers->len)
    return FALSE;
  for (guint i = 0; i < a->performers->len; i++)
    {
      const TmPerformer *x = &g_array_index (a->performers, TmPerformer, i);
      const TmPerformer *y = &g_array_index (b->performers, TmPerformer, i);

      if (g_strcmp0 (x->profession_id, y->profession_id) != 0 || x->share != y->share)
        return FALSE;
    }
  return TRUE;
}

/* Whether @a and @b hold the same assessments (or moves): @b compared with
 * a copy of itself that has @a's. */
static gboolean
same_part (const TmTaskData *a,
           const TmTaskData *b,
           gboolean          assessments)
{
  g_autoptr(TmTaskData) copy_a = tm_task_data_copy (a);
  g_autoptr(TmTaskData) mixed = tm_task_data_copy (b);
  GArray **from = assessments ? &copy_a->assessments : &copy_a->moves;
  GArray **to = assessments ? &mixed->assessments : &mixed->moves;
  GArray *swap = *to;

  *to = *from;
  *from = swap;
  return tm_task_data_equal (mixed, b);
}

char *
tm_merge_plan_describe_differences (TmMergePlan *plan,
                                    guint        item)
{
  const TmTaskData *theirs;
  const TmTaskData *ours;
  g_autoptr(GPtrArray) parts = NULL;
  MergeItem *entry;

  g_return_val_if_fail (plan != NULL && item < plan->items->len, NULL);

  entry = &g_array_index (plan->items, MergeItem, item);
  if (entry->mine == NULL || entry->kind == TM_MERGE_UNCHANGED)
    return NULL;

  theirs = tm_merge_plan_get_theirs (plan, item);
  ours = tm_task_peek_data (entry->mine);
  parts = g_ptr_array_new ();

  /* Translators: the parts of a task that differ between two copies of it,
   * listed after one another as in "title, time, assessments" */
  if (g_strcmp0 (theirs->title, ours->title) != 0)
    g_ptr_array_add (parts, (gpointer) C_("difference", "title"));
  if (g_strcmp0 (theirs->description, ours->description) != 0)
    g_ptr_array_add (parts, (gpointer) C_("difference", "description"));
  if (g_strcmp0 (theirs->group, ours->group) != 0)
    g_ptr_array_add (parts, (gpointer) C_("difference", "group"));
  if (theirs->level != ours->level)
    g_ptr_array_add (parts, (gpointer) C_("difference", "competence level"));
  if (theirs->complexity != ours->complexity)
    g_ptr_array_add (parts, (gpointer) C_("difference", "patient complexity"));
  if (!same_time (theirs, ours))
    g_ptr_array_add (parts, (gpointer) C_("difference", "time"));
  if (theirs->shifts != ours->shifts)
    g_ptr_array_add (parts, (gpointer) C_("difference", "shifts"));
  if (!same_performers (theirs, ours))
    g_ptr_array_add (parts, (gpointer) C_("difference", "performed by"));
  if (g_strcmp0 (theirs->notes, ours->notes) != 0)
    g_ptr_array_add (parts, (gpointer) C_("difference", "notes"));
  if (g_strcmp0 (theirs->unit ? theirs->unit : "", ours->unit ? ours->unit : "") != 0)
    g_ptr_array_add (parts, (gpointer) C_("difference", "unit"));
  if (!same_part (theirs, ours, TRUE))
    g_ptr_array_add (parts, (gpointer) C_("difference", "assessments"));
  if (!same_part (theirs, ours, FALSE))
    g_ptr_array_add (parts, (gpointer) C_("difference", "moves"));

  if (parts->len == 0)
    return NULL;

  {
    GString *text = g_string_new (NULL);

    for (guint i = 0; i < parts->len; i++)
      {
        if (i > 0)
          /* Translators: the separator between the parts of a task that differ */
          g_string_append (text, C_("difference", ", "));
        g_string_append (text, g_ptr_array_index (parts, i));
      }
    return g_string_free (text, FALSE);
  }
}

gboolean
tm_merge_plan_changes_tasks (TmMergePlan *plan)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->counts[TM_MERGE_ADDED] > 0)
    return TRUE;
  for (guint i = 0; i < plan->items->len; i++)
    {
      const MergeItem *item = &g_array_index (plan->items, MergeItem, i);

      if ((item->kind == TM_MERGE_UPDATED || item->kind == TM_MERGE_CONFLICT) &&
          item->choice == TM_MERGE_TAKE_THEIRS)
        return TRUE;
    }
  return FALSE;
}

struct _TmMergeApply {
  TmMergePlan *plan;   /* borrowed */
  TmEditJob  *job;
};

TmMergeApply *
tm_merge_plan_apply_begin (TmMergePlan  *plan,
                           GError      **error)
{
  GPtrArray *tasks;
  GPtrArray *changes;
  g_autoptr(GError) local_error = NULL;
  TmMergeApply *apply;
  TmEditJob *job;
  double position;

  g_return_val_if_fail (plan != NULL, NULL);

  if (plan->applied)
    {
      g_set_error_literal (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                           _("This import has already been carried out."));
      return NULL;
    }

  /* A plan whose changes were handed over once cannot be tried again. */
  if (plan->changes == NULL || tm_portfolio_get_edit_count (plan->portfolio) != plan->edit_count)
    {
      /* Translators: %s is a file name */
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                   _("The portfolio has changed since “%s” was read. Import the file again."),
                   tm_merge_plan_get_display_name (plan));
      return NULL;
    }

  tasks = _tm_xml_document_get_tasks (plan->doc);
  changes = g_steal_pointer (&plan->changes);
  position = _tm_portfolio_get_last_position (plan->portfolio);

  for (guint i = 0; i < tasks->len; i++)
    {
      const TmTaskData *theirs = g_ptr_array_index (tasks, i);
      const MergeItem *item = &g_array_index (plan->items, MergeItem, i);

      if (item->choice != TM_MERGE_TAKE_THEIRS || theirs == NULL)
        continue;

      if (item->mine == NULL)
        {
          /* Taken over, not copied: a plan applies once, and copying a
           * region's 100,000 tasks would stall the window. */
          position += 1;
          g_ptr_array_add (changes, _tm_change_task_new_take (g_steal_pointer (&tasks->pdata[i]), position));
        }
      else
        {
          double at = _tm_task_get_position (item->mine);

          g_ptr_array_add (changes, _tm_change_task_new (theirs->uuid, tm_task_peek_data (item->mine),
                                                         at, theirs, at));
        }
    }

  /* The file brings its own history; the import records none of its own. */
  job = _tm_portfolio_apply_begin (plan->portfolio, _("Import"), changes, FALSE, &local_error);
  if (job == NULL)
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s: %s",
                   tm_merge_plan_get_display_name (plan), local_error->message);
      return NULL;
    }

  apply = g_new0 (TmMergeApply, 1);
  apply->plan = plan;
  apply->job = job;
  return apply;
}

gboolean
tm_merge_apply_step (TmMergeApply  *apply,
                     gint64         budget_us,
                     gboolean      *done,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (apply != NULL && done != NULL, FALSE);

  if (!tm_edit_job_step (apply->job, budget_us, done, &local_error))
    {
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID, "%s: %s",
                   tm_merge_plan_get_display_name (apply->plan), local_error->message);
      return FALSE;
    }
  if (*done)
    apply->plan->applied = TRUE;
  return TRUE;
}

double
tm_merge_apply_get_fraction (TmMergeApply *apply)
{
  g_return_val_if_fail (apply != NULL, 0.0);
  return tm_edit_job_get_fraction (apply->job);
}

gboolean
tm_merge_apply_can_cancel (TmMergeApply *apply)
{
  g_return_val_if_fail (apply != NULL, FALSE);
  return tm_edit_job_can_cancel (apply->job);
}

void
tm_merge_apply_free (TmMergeApply *apply)
{
  if (apply == NULL)
    return;
  /* Brought to its end when already saved: the import is then carried out. */
  if (tm_edit_job_free (apply->job))
    apply->plan->applied = TRUE;
  g_free (apply);
}

gboolean
tm_merge_plan_apply (TmMergePlan  *plan,
                     GError      **error)
{
  g_autoptr(TmMergeApply) apply = tm_merge_plan_apply_begin (plan, error);
  gboolean done = FALSE;

  return apply != NULL && tm_merge_apply_step (apply, G_MAXINT64, &done, error);
}

/* A UUID made from the unit's name and the task's old UUID (the form of a
 * version 5 UUID), so that merging the same files always gives the same ids. */
static char *
derive_uuid (const char *unit,
             const char *uuid)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) "taskmap-unit-task\n", -1);
  g_checksum_update (checksum, (const guchar *) unit, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) uuid, -1);
  g_checksum_get_digest (checksum, digest, &length);

  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static const char *
task_unit (const TmTaskData *data)
{
  return data->unit ? data->unit : "";
}

gboolean
tm_merge_units (TmPortfolio    *region,
                GFile         **files,
                guint           n_files,
                TmProgressFunc  progress,
                gpointer        user_data,
                guint          *n_renamed,
                GError        **error)
{
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GHashTable) added = NULL;   /* uuid → unit of the tasks this merge adds */
  g_autoptr(GHashTable) units = NULL;   /* unit name → the file that brought it */
  g_autoptr(GHashTable) known_history = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *changes;
  gboolean into_empty;
  double position;
  guint renamed = 0;

  g_return_val_if_fail (TM_IS_PORTFOLIO (region), FALSE);
  g_return_val_if_fail (files != NULL || n_files == 0, FALSE);

  pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  added = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  known_history = _tm_xml_history_counts_new (region);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) _tm_change_free);
  into_empty = g_list_model_get_n_items (tm_portfolio_get_tasks (region)) == 0;
  position = _tm_portfolio_get_last_position (region);

  if (progress != NULL)
    progress (0.0, user_data);

  for (guint f = 0; f < n_files; f++)
    {
      g_autoptr(TmXmlDocument) doc = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *name = NULL;
      g_autofree char *fallback_unit = NULL;
      const char *unit;
      GPtrArray *tasks;
      gsize length = 0;

      contents = load_file (files[f], &length, &name, error);
      if (contents == NULL)
        goto failed;

      doc = _tm_xml_document_read (contents, length, name, error);
      if (doc == NULL)
        goto failed;
      g_clear_pointer (&contents, g_free);

      g_ptr_array_set_free_func (changes, NULL);
      if (!_tm_xml_document_prepare (doc, region, into_empty && f == 0, FALSE, pending,
                                     known_history, changes, error))
        {
          g_ptr_array_set_free_func (changes, (GDestroyNotify) _tm_change_free);
          goto failed;
        }
      g_ptr_array_set_free_func (changes, (GDestroyNotify) _tm_change_free);

      /* A unit without a name goes by its file's name. */
      unit = _tm_xml_document_get_unit_name (doc);
      if (unit == NULL || *unit == '\0')
        {
          char *dot;

          fallback_unit = g_strdup (name);
          dot = strrchr (fallback_unit, '.');
          if (dot != NULL && dot != fallback_unit)
            *dot = '\0';
          unit = fallback_unit;
        }

      /* Two files of one unit in one merge would fold into each other. */
      {
        const char *first = g_hash_table_lookup (units, unit);

        if (first != NULL)
          {
            /* Translators: the first %s is a unit's name, the others file names */
            g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                         _("Two files name the same unit “%s”: %s and %s. Give each unit its own "
                           "name in Taskmap (Unit details) before merging, or merge them one at a time."),
                         unit, first, name);
            goto failed;
          }
        g_hash_table_insert (units, g_strdup (unit), g_strdup (name));
      }

      /* Each unit's staffing is its own: the file's replaces what the
       * region held for that unit. The file's own unit goes by its name. */
      {
        GPtrArray *staffing = _tm_xml_document_get_staffing (doc);

        for (guint i = 0; i < staffing->len; i++)
          {
            g_autoptr(TmStaffing) copy = tm_staffing_copy (g_ptr_array_index (staffing, i));

            if (*copy->unit == '\0')
              {
                g_free (copy->unit);
                copy->unit = g_strdup (unit);
              }
            /* The same staffing again is no change: merging the same files twice changes nothing. */
            if (!tm_staffing_equal (copy, tm_portfolio_get_staffing (region, copy->unit)))
              g_ptr_array_add (changes, _tm_change_staffing_new (region, copy));
          }
      }

      tasks = _tm_xml_document_get_tasks (doc);
      for (guint i = 0; i < tasks->len; i++)
        {
          TmTaskData *task = g_ptr_array_index (tasks, i);
          const char *other_unit;
          TmTask *mine;

          if (task->unit == NULL || *task->unit == '\0')
            {
              g_free (task->unit);
              task->unit = g_strdup (unit);
            }

          /* The same UUID in another unit: two units that began from one
           * file. The task gets an id of its own. */
          for (;;)
            {
              mine = tm_portfolio_lookup_task (region, task->uuid);
              other_unit = mine ? tm_task_get_unit (mine) : g_hash_table_lookup (added, task->uuid);

              if (other_unit == NULL || g_str_equal (other_unit, task_unit (task)))
                break;

              {
                char *uuid = derive_uuid (task_unit (task), task->uuid);

                g_free (task->uuid);
                task->uuid = uuid;
              }
              renamed++;
            }

          if (mine != NULL)
            {
              /* Taken back from the same unit: a newer copy replaces it. */
              if (compare (task, mine) == TM_MERGE_UPDATED)
                {
                  double at = _tm_task_get_position (mine);

                  g_ptr_array_add (changes, _tm_change_task_new (task->uuid, tm_task_peek_data (mine),
                                                                 at, task, at));
                }
              continue;
            }

          /* The same task of the same unit twice in this merge: the first stays. */
          if (g_hash_table_contains (added, task->uuid))
            continue;

          g_hash_table_insert (added, g_strdup (task->uuid), g_strdup (task_unit (task)));
          position += 1;
          g_ptr_array_add (changes, _tm_change_task_new (task->uuid, NULL, -1, task, position));
        }

      if (progress != NULL)
        progress (0.9 * (f + 1) / n_files, user_data);
    }

  g_ptr_array_set_free_func (changes, NULL);
  /* The last tenth: writing a region of 100,000 tasks takes seconds. */
  if (!_tm_portfolio_apply_with_progress (region,
                                          g_dngettext (GETTEXT_PACKAGE, "Merge Unit", "Merge Units", n_files),
                                          changes, FALSE, 0.9, 0.1, progress, user_data, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n_renamed != NULL)
    *n_renamed = renamed;
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;

failed:
  g_ptr_array_unref (changes);
  return FALSE;
}
