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

/* The regional merge in steps. Each file handed over is checked against
 * the region (_tm_xml_prepare_step()), then its tasks are sorted into new,
 * updated and renamed ones; once all files are in, the changes of them all
 * are written as one edit (a TmEditJob). */
struct _TmMergeUnits {
  TmPortfolio   *region;         /* owned */
  guint          n_files;
  guint          n_given;        /* sources handed over so far */
  guint          n_done;         /* files sorted into changes */
  GQueue         sources;        /* of TmMergeSource: handed over, not begun */

  /* The file being worked on */
  TmXmlDocument *doc;            /* owned, or NULL between files */
  TmXmlPrepare  *prep;           /* while its references are checked */
  char          *unit;           /* then: the unit its tasks belong to */
  guint          task;           /* and the next of its tasks */

  GHashTable    *pending;        /* for _tm_xml_prepare_new() */
  GHashTable    *added;          /* uuid → unit of the tasks this merge adds, both borrowed
                                  * from the task taken into its change */
  GHashTable    *units;          /* unit name → the file that brought it */
  GHashTable    *known_history; /* the region's history, counted, and the files' as they come */
  TmHistoryCursor *history;     /* while the region's history is read, in the first steps */
  GPtrArray     *changes;        /* of TmChange, owned; no free func (see free_change_array) */
  gboolean       into_empty;
  double         position;
  guint          n_renamed;

  TmEditJob     *job;            /* once all files are in: writing them */
  gboolean       done;
};

/* The files' part of the bar; the writing takes the rest. At 200 files of
 * 500 tasks, reading and sorting them took about 45 % of the time. */
#define UNITS_FILES_SHARE 0.45
/* Tasks sorted between two looks at the clock. */
#define UNITS_CHECK_TASKS 256

TmMergeUnits *
tm_merge_units_new (TmPortfolio *region,
                    guint        n_files)
{
  TmMergeUnits *units;

  g_return_val_if_fail (TM_IS_PORTFOLIO (region), NULL);

  units = g_new0 (TmMergeUnits, 1);
  units->region = g_object_ref (region);
  units->n_files = n_files;
  g_queue_init (&units->sources);
  units->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Not copies: a region's 200,000 strings freed at the end of the merge
   * held the window some 50 ms. */
  units->added = g_hash_table_new (g_str_hash, g_str_equal);
  units->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* A region merged before has a history as long as its tasks: read at
   * once it held a window 160-210 ms at 100,000 tasks. It is read in the
   * first steps. */
  units->known_history = _tm_xml_history_counts_new_empty ();
  units->history = _tm_history_cursor_new (region);
  units->changes = g_ptr_array_new ();
  units->into_empty = g_list_model_get_n_items (tm_portfolio_get_tasks (region)) == 0;
  units->position = _tm_portfolio_get_last_position (region);
  return units;
}

void
tm_merge_units_add_source (TmMergeUnits  *units,
                           TmMergeSource *source)
{
  g_return_if_fail (units != NULL && source != NULL && source->doc != NULL);
  g_return_if_fail (units->n_given < units->n_files);

  units->n_given++;
  g_queue_push_tail (&units->sources, source);
}

gboolean
tm_merge_units_is_waiting (TmMergeUnits *units)
{
  g_return_val_if_fail (units != NULL, FALSE);

  return units->history == NULL && units->doc == NULL && units->job == NULL && !units->done &&
         units->n_done < units->n_files && g_queue_is_empty (&units->sources);
}

/* The file's references are checked: the unit its tasks go under, and its
 * staffing. */
static gboolean
units_file_prepared (TmMergeUnits  *units,
                     GError       **error)
{
  const char *name = _tm_xml_document_get_display_name (units->doc);
  const char *unit = _tm_xml_document_get_unit_name (units->doc);
  const char *first;
  GPtrArray *staffing;

  /* A unit without a name goes by its file's name. */
  if (unit == NULL || *unit == '\0')
    {
      char *dot;

      units->unit = g_strdup (name);
      dot = strrchr (units->unit, '.');
      if (dot != NULL && dot != units->unit)
        *dot = '\0';
    }
  else
    units->unit = g_strdup (unit);

  /* Two files of one unit in one merge would fold into each other. */
  first = g_hash_table_lookup (units->units, units->unit);
  if (first != NULL)
    {
      /* Translators: the first %s is a unit's name, the others file names */
      g_set_error (error, TM_XML_ERROR, TM_XML_ERROR_INVALID,
                   _("Two files name the same unit “%s”: %s and %s. Give each unit its own "
                     "name in Taskmap (Unit details) before merging, or merge them one at a time."),
                   units->unit, first, name);
      return FALSE;
    }
  g_hash_table_insert (units->units, g_strdup (units->unit), g_strdup (name));

  /* Each unit's staffing is its own: the file's replaces what the region
   * held for that unit. The file's own unit goes by its name. */
  staffing = _tm_xml_document_get_staffing (units->doc);
  for (guint i = 0; i < staffing->len; i++)
    {
      g_autoptr(TmStaffing) copy = tm_staffing_copy (g_ptr_array_index (staffing, i));

      if (*copy->unit == '\0')
        {
          g_free (copy->unit);
          copy->unit = g_strdup (units->unit);
        }
      /* The same staffing again is no change: merging the same files twice changes nothing. */
      if (!tm_staffing_equal (copy, tm_portfolio_get_staffing (units->region, copy->unit)))
        g_ptr_array_add (units->changes, _tm_change_staffing_new (units->region, copy));
    }
  return TRUE;
}

/* One task of the file: new, a newer copy of one of the same unit, or one
 * of another unit with the same UUID, which is given an id of its own. */
static void
units_sort_task (TmMergeUnits *units,
                 GPtrArray    *tasks,
                 guint         i)
{
  TmTaskData *task = g_ptr_array_index (tasks, i);
  const char *other_unit;
  TmTask *mine;

  if (task->unit == NULL || *task->unit == '\0')
    {
      g_free (task->unit);
      task->unit = g_strdup (units->unit);
    }

  /* The same UUID in another unit: two units that began from one file. */
  for (;;)
    {
      mine = tm_portfolio_lookup_task (units->region, task->uuid);
      other_unit = mine ? tm_task_get_unit (mine) : g_hash_table_lookup (units->added, task->uuid);

      if (other_unit == NULL || g_str_equal (other_unit, task_unit (task)))
        break;

      {
        char *uuid = derive_uuid (task_unit (task), task->uuid);

        g_free (task->uuid);
        task->uuid = uuid;
      }
      units->n_renamed++;
    }

  if (mine != NULL)
    {
      /* Taken back from the same unit: a newer copy replaces it. */
      if (compare (task, mine) == TM_MERGE_UPDATED)
        {
          double at = _tm_task_get_position (mine);

          g_ptr_array_add (units->changes, _tm_change_task_new (task->uuid, tm_task_peek_data (mine),
                                                                at, task, at));
        }
      return;
    }

  /* The same task of the same unit twice in this merge: the first stays. */
  if (g_hash_table_contains (units->added, task->uuid))
    return;

  /* Taken over, not copied: the file is done with it, and the change keeps
   * it (and so the strings added borrows) until the merge is freed. */
  g_hash_table_insert (units->added, task->uuid, (gpointer) task_unit (task));
  units->position += 1;
  g_ptr_array_add (units->changes, _tm_change_task_new_take (g_steal_pointer (&tasks->pdata[i]),
                                                             units->position));
}

/* Works on the file begun until @deadline; @file_done once it is sorted. */
static gboolean
units_file_step (TmMergeUnits  *units,
                 gint64         deadline,
                 gboolean      *file_done,
                 GError       **error)
{
  GPtrArray *tasks;

  *file_done = FALSE;
  if (units->prep != NULL)
    {
      gboolean prepared = FALSE;

      if (!_tm_xml_prepare_step (units->prep, deadline, &prepared, error))
        return FALSE;
      if (!prepared)
        return TRUE;
      g_clear_pointer (&units->prep, _tm_xml_prepare_free);
      if (!units_file_prepared (units, error))
        return FALSE;
    }

  tasks = _tm_xml_document_get_tasks (units->doc);
  while (units->task < tasks->len)
    {
      units_sort_task (units, tasks, units->task++);
      if (units->task % UNITS_CHECK_TASKS == 0 && units->task < tasks->len &&
          g_get_monotonic_time () >= deadline)
        return TRUE;
    }

  g_clear_pointer (&units->doc, _tm_xml_document_free);
  g_clear_pointer (&units->unit, g_free);
  units->n_done++;
  *file_done = TRUE;
  return TRUE;
}

gboolean
tm_merge_units_step (TmMergeUnits  *units,
                     gint64         budget_us,
                     gboolean      *done,
                     GError       **error)
{
  gint64 deadline = _tm_store_deadline (budget_us);

  g_return_val_if_fail (units != NULL && done != NULL, FALSE);
  g_return_val_if_fail (!units->done, FALSE);

  *done = FALSE;
  if (!_tm_xml_history_counts_read (units->known_history, &units->history, deadline))
    return TRUE;

  while (units->job == NULL)
    {
      gboolean file_done = FALSE;

      if (units->doc == NULL)
        {
          TmMergeSource *source;

          if (units->n_done == units->n_files)
            {
              g_autoptr(GError) local_error = NULL;
              GPtrArray *changes = g_steal_pointer (&units->changes);

              /* The files bring their own history; the merge records none of its own. */
              units->job = _tm_portfolio_apply_begin (units->region,
                                                      g_dngettext (GETTEXT_PACKAGE, "Merge Unit", "Merge Units",
                                                                   units->n_files),
                                                      changes, FALSE, &local_error);
              if (units->job == NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              break;
            }

          source = g_queue_pop_head (&units->sources);
          /* Waiting for the next file to be read. */
          if (source == NULL)
            return TRUE;
          units->doc = g_steal_pointer (&source->doc);
          tm_merge_source_free (source);
          units->task = 0;
          units->prep = _tm_xml_prepare_new (units->doc, units->region,
                                             units->into_empty && units->n_done == 0, FALSE,
                                             units->pending, units->known_history, units->changes);
        }

      if (!units_file_step (units, deadline, &file_done, error))
        return FALSE;
      if (!file_done || g_get_monotonic_time () >= deadline)
        return TRUE;
    }

  if (!tm_edit_job_step (units->job, MAX (deadline - g_get_monotonic_time (), 1), done, error))
    return FALSE;
  units->done = *done;
  return TRUE;
}

double
tm_merge_units_get_fraction (TmMergeUnits *units)
{
  double files;

  g_return_val_if_fail (units != NULL, 0.0);

  if (units->done)
    return 1.0;
  if (units->job != NULL)
    return UNITS_FILES_SHARE + (1 - UNITS_FILES_SHARE) * tm_edit_job_get_fraction (units->job);

  files = units->n_done;
  if (units->prep != NULL)
    files += 0.5 * _tm_xml_prepare_get_fraction (units->prep);
  else if (units->doc != NULL)
    {
      guint n = _tm_xml_document_get_tasks (units->doc)->len;

      files += 0.5 + 0.5 * (n > 0 ? (double) units->task / n : 1.0);
    }
  return units->n_files > 0 ? UNITS_FILES_SHARE * files / units->n_files : 0.0;
}

guint
tm_merge_units_get_n_done (TmMergeUnits *units)
{
  g_return_val_if_fail (units != NULL, 0);

  return units->n_done;
}

gboolean
tm_merge_units_can_cancel (TmMergeUnits *units)
{
  g_return_val_if_fail (units != NULL, FALSE);

  return units->job == NULL || tm_edit_job_can_cancel (units->job);
}

guint
tm_merge_units_get_n_renamed (TmMergeUnits *units)
{
  g_return_val_if_fail (units != NULL, 0);

  return units->n_renamed;
}

gboolean
tm_merge_units_free (TmMergeUnits *units)
{
  gboolean in = FALSE;

  if (units == NULL)
    return FALSE;

  /* First: it borrows from the changes. */
  g_clear_pointer (&units->added, g_hash_table_unref);
  if (units->job != NULL)
    in = tm_edit_job_free (units->job);
  else
    in = units->done;
  g_queue_clear_full (&units->sources, (GDestroyNotify) tm_merge_source_free);
  g_clear_pointer (&units->history, _tm_history_cursor_free);
  g_clear_pointer (&units->prep, _tm_xml_prepare_free);
  g_clear_pointer (&units->doc, _tm_xml_document_free);
  g_clear_pointer (&units->unit, g_free);
  g_clear_pointer (&units->changes, free_change_array);
  g_clear_pointer (&units->pending, g_hash_table_unref);
  g_clear_pointer (&units->units, g_hash_table_unref);
  g_clear_pointer (&units->known_history, g_hash_table_unref);
  g_clear_object (&units->region);
  g_free (units);
  return in;
}

gboolean
tm_merge_units_read_next (TmMergeUnits  *units,
                          GFile        **files,
                          GError       **error)
{
  TmMergeSource *source;

  g_return_val_if_fail (units != NULL && files != NULL, FALSE);

  if (!tm_merge_units_is_waiting (units))
    return TRUE;
  source = tm_merge_source_read_file (files[units->n_given], NULL, error);
  if (source == NULL)
    return FALSE;
  tm_merge_units_add_source (units, source);
  return TRUE;
}

/* How long a step of the merge at once takes between two reports of progress. */
#define UNITS_PROGRESS_US (100 * 1000)

gboolean
tm_merge_units (TmPortfolio    *region,
                GFile         **files,
                guint           n_files,
                TmProgressFunc  progress,
                gpointer        user_data,
                guint          *n_renamed,
                GError        **error)
{
  g_autoptr(TmMergeUnits) units = NULL;
  gboolean done = FALSE;

  g_return_val_if_fail (TM_IS_PORTFOLIO (region), FALSE);
  g_return_val_if_fail (files != NULL || n_files == 0, FALSE);

  units = tm_merge_units_new (region, n_files);
  if (progress != NULL)
    progress (0.0, user_data);

  while (!done)
    {
      if (!tm_merge_units_read_next (units, files, error) ||
          !tm_merge_units_step (units, UNITS_PROGRESS_US, &done, error))
        return FALSE;
      if (progress != NULL)
        progress (tm_merge_units_get_fraction (units), user_data);
    }

  if (n_renamed != NULL)
    *n_renamed = units->n_renamed;
  return TRUE;
}
