/* tm-task-view.c
 * The tasks as a list shows them: searched, filtered and sorted in a worker
 * thread, so that 100,000 tasks never hold up the window.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-task-view"

#include "config.h"

#include <string.h>

#include "store/tm-task-view.h"
#include "model/tm-task.h"

/* A task as the worker sees it: a copy of what search, filters and order
 * need, made on the main thread when the task is added or changed, and
 * never changed after, but for the folded text and the collation keys,
 * which a worker makes once (set atomically: two workers may race). */
typedef struct {
  gatomicrefcount  ref;
  TmTask          *task;
  char            *raw_search;      /* title, group, description, notes */
  char            *texts[4];        /* title, unit, group, performed by */
  int              level;
  int              complexity;
  int              per;
  double           minutes;
  double           occurrences;
  double           hours;
  gboolean         assessed;
  GStrv            moves;           /* the scenarios with a move of this task */
  char            *search;          /* folded, made by a worker */
  char            *keys[4];         /* collation keys of texts, made by a worker */
} Row;

enum { TEXT_TITLE, TEXT_UNIT, TEXT_GROUP, TEXT_PERFORMED_BY };

static Row *
row_ref (Row *row)
{
  g_atomic_ref_count_inc (&row->ref);
  return row;
}

static void
row_unref (gpointer data)
{
  Row *row = data;

  if (!g_atomic_ref_count_dec (&row->ref))
    return;
  g_object_unref (row->task);
  g_free (row->raw_search);
  for (guint i = 0; i < G_N_ELEMENTS (row->texts); i++)
    {
      g_free (row->texts[i]);
      g_free (row->keys[i]);
    }
  g_strfreev (row->moves);
  g_free (row->search);
  g_free (row);
}

static Row *
row_new (TmTask *task)
{
  const TmTaskData *data = tm_task_peek_data (task);
  g_autoptr(GStrvBuilder) moves = g_strv_builder_new ();
  Row *row = g_new0 (Row, 1);

  g_atomic_ref_count_init (&row->ref);
  row->task = g_object_ref (task);
  row->raw_search = g_strjoin ("\n", data->title ? data->title : "", data->group ? data->group : "",
                               data->description ? data->description : "",
                               data->notes ? data->notes : "", NULL);
  row->texts[TEXT_TITLE] = g_strdup (data->title ? data->title : "");
  row->texts[TEXT_UNIT] = g_strdup (tm_task_get_unit (task));
  row->texts[TEXT_GROUP] = g_strdup (data->group ? data->group : "");
  row->texts[TEXT_PERFORMED_BY] = g_strdup (tm_task_get_performed_by (task));
  row->level = data->level;
  row->complexity = data->complexity;
  row->per = data->per;
  row->minutes = data->minutes;
  row->occurrences = data->occurrences;
  row->hours = tm_task_get_hours_per_week (task);
  for (guint i = 0; i < data->assessments->len; i++)
    if (g_array_index (data->assessments, TmAssessment, i).suitability != TM_SUITABILITY_NOT_ASSESSED)
      row->assessed = TRUE;
  for (guint i = 0; i < data->moves->len; i++)
    g_strv_builder_add (moves, g_array_index (data->moves, TmMove, i).scenario_id);
  row->moves = g_strv_builder_end (moves);
  return row;
}

static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normalized != NULL ? normalized : text, -1);
}

static const char *
row_get_search (Row *row)
{
  char *search = g_atomic_pointer_get (&row->search);

  if (search == NULL)
    {
      char *made = fold (row->raw_search);

      if (!g_atomic_pointer_compare_and_exchange (&row->search, NULL, made))
        g_free (made);
      search = g_atomic_pointer_get (&row->search);
    }
  return search;
}

static const char *
row_get_key (Row  *row,
             guint text)
{
  char *key = g_atomic_pointer_get (&row->keys[text]);

  if (key == NULL)
    {
      g_autofree char *folded = g_utf8_casefold (row->texts[text], -1);
      char *made = g_utf8_collate_key (folded, -1);

      if (!g_atomic_pointer_compare_and_exchange (&row->keys[text], NULL, made))
        g_free (made);
      key = g_atomic_pointer_get (&row->keys[text]);
    }
  return key;
}

/* A query: what the list is to show, copied for the worker. */
typedef struct {
  GPtrArray  *rows;          /* of Row, in catalogue order */
  char       *search;        /* folded; NULL all */
  char       *group;
  int         level;
  int         complexity;
  int         status;
  char       *scenario_id;
  TmTaskSort  sort;
  gboolean    descending;
  TmTask     *pinned;
  guint       generation;
  GPtrArray  *result;        /* of Row, the list */
} Query;

static void
query_free (Query *q)
{
  g_clear_pointer (&q->rows, g_ptr_array_unref);
  g_clear_pointer (&q->result, g_ptr_array_unref);
  g_free (q->search);
  g_free (q->group);
  g_free (q->scenario_id);
  g_clear_object (&q->pinned);
  g_free (q);
}

static gboolean
row_has_move (Row        *row,
              const char *scenario_id)
{
  return scenario_id != NULL && g_strv_contains ((const char * const *) row->moves, scenario_id);
}

static gboolean
query_matches (Query *q,
               Row   *row)
{
  if (q->pinned != NULL && row->task == q->pinned)
    return TRUE;
  if (q->level >= 0 && row->level != q->level)
    return FALSE;
  /* "Varies with the patient" counts as high, as in the level × complexity map. */
  if (q->complexity >= 0 && row->complexity != q->complexity &&
      !(q->complexity == TM_COMPLEXITY_HIGH && row->complexity == TM_COMPLEXITY_VARIES))
    return FALSE;
  if (q->group != NULL && g_strcmp0 (row->texts[TEXT_GROUP], q->group) != 0)
    return FALSE;
  if (q->status >= 0)
    {
      gboolean moved = row_has_move (row, q->scenario_id);

      switch (q->status)
        {
        case TM_TASK_STATUS_WITH_MOVE:
          if (!moved)
            return FALSE;
          break;
        case TM_TASK_STATUS_ASSESSED_NO_MOVE:
          if (moved || !row->assessed)
            return FALSE;
          break;
        case TM_TASK_STATUS_NOT_ASSESSED:
          if (row->assessed)
            return FALSE;
          break;
        default:
          break;
        }
    }
  if (q->search != NULL && strstr (row_get_search (row), q->search) == NULL)
    return FALSE;
  return TRUE;
}

typedef struct {
  Row   *row;
  guint  order;    /* catalogue order: the tie-breaker */
} Entry;

static int
compare_double (double a,
                double b)
{
  /* Not estimated (negative) after every estimate. */
  if ((a < 0) != (b < 0))
    return a < 0 ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_entries (gconstpointer pa,
                 gconstpointer pb,
                 gpointer      user_data)
{
  const Entry *a = pa, *b = pb;
  Query *q = user_data;
  int result = 0;

  switch (q->sort)
    {
    case TM_TASK_SORT_TITLE:
      result = strcmp (row_get_key (a->row, TEXT_TITLE), row_get_key (b->row, TEXT_TITLE));
      break;
    case TM_TASK_SORT_UNIT:
      result = strcmp (row_get_key (a->row, TEXT_UNIT), row_get_key (b->row, TEXT_UNIT));
      break;
    case TM_TASK_SORT_GROUP:
      result = strcmp (row_get_key (a->row, TEXT_GROUP), row_get_key (b->row, TEXT_GROUP));
      break;
    case TM_TASK_SORT_PERFORMED_BY:
      result = strcmp (row_get_key (a->row, TEXT_PERFORMED_BY), row_get_key (b->row, TEXT_PERFORMED_BY));
      break;
    case TM_TASK_SORT_LEVEL:
      result = a->row->level - b->row->level;
      break;
    case TM_TASK_SORT_COMPLEXITY:
      result = a->row->complexity - b->row->complexity;
      break;
    case TM_TASK_SORT_PER:
      result = a->row->per - b->row->per;
      break;
    case TM_TASK_SORT_MINUTES:
      result = compare_double (a->row->minutes, b->row->minutes);
      break;
    case TM_TASK_SORT_TIMES:
      result = compare_double (a->row->occurrences, b->row->occurrences);
      break;
    case TM_TASK_SORT_HOURS:
      result = compare_double (a->row->hours, b->row->hours);
      break;
    case TM_TASK_SORT_NONE:
    case TM_N_TASK_SORTS:
    default:
      break;
    }

  if (q->descending)
    result = -result;
  if (result != 0)
    return result;
  return a->order < b->order ? -1 : a->order > b->order ? 1 : 0;
}

static void
run_query (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Query *q = task_data;
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), q->rows->len);

  for (guint i = 0; i < q->rows->len; i++)
    {
      Row *row = g_ptr_array_index (q->rows, i);

      if (query_matches (q, row))
        {
          Entry e = { row, i };

          g_array_append_val (entries, e);
        }
      if ((i & 4095) == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_task_return_boolean (task, FALSE);
          return;
        }
    }

  if (q->sort != TM_TASK_SORT_NONE)
    g_array_sort_with_data (entries, compare_entries, q);

  q->result = g_ptr_array_new_full (entries->len, row_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (q->result, row_ref (g_array_index (entries, Entry, i).row));
  g_task_return_boolean (task, TRUE);
}

struct _TmTaskView
{
  GObject       parent_instance;

  TmPortfolio  *portfolio;
  GPtrArray    *rows;        /* of Row, one per task in catalogue order */
  GHashTable   *row_of;      /* TmTask * → Row * (borrowed from rows) */
  GPtrArray    *items;       /* of Row: the list */
  char         *search;
  char         *group;
  int           level;
  int           complexity;
  int           status;
  char         *scenario_id;
  TmTaskSort    sort;
  gboolean      descending;
  TmTask       *pinned;
  guint         generation;
  GCancellable *cancellable;  /* of the query running */
  guint         requery_id;
  GPtrArray    *target;       /* of Row: the list being put in place, step by step */
  guint         applied_rows; /* of the target, replaced in place so far */
  gboolean      changing;     /* while a step's items-changed is emitted */
  guint         apply_id;
};

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TmTaskView, tm_task_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return TM_TYPE_TASK;
}

static guint
get_n_items (GListModel *model)
{
  return TM_TASK_VIEW (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  TmTaskView *self = TM_TASK_VIEW (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (((Row *) g_ptr_array_index (self->items, position))->task);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

gboolean
tm_task_view_get_filters_active (TmTaskView *self)
{
  g_return_val_if_fail (TM_IS_TASK_VIEW (self), FALSE);

  return self->search != NULL || self->group != NULL || self->level >= 0 ||
         self->complexity >= 0 || self->status >= 0;
}

/* @array with @removed rows at @position replaced by @added rows of @from
 * (from @from_position), in one pass: inserting row by row would move the
 * rest of a 100,000-row array once per row. Returns the new array. */
static GPtrArray *
splice (GPtrArray *array,
        guint      position,
        guint      removed,
        GPtrArray *from,
        guint      from_position,
        guint      added)
{
  GPtrArray *result = g_ptr_array_new_full (array->len - removed + added, row_unref);

  for (guint i = 0; i < position; i++)
    g_ptr_array_add (result, row_ref (array->pdata[i]));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (result, row_ref (from->pdata[from_position + i]));
  for (guint i = position + removed; i < array->len; i++)
    g_ptr_array_add (result, row_ref (array->pdata[i]));
  return result;
}

/* Says the list changed, as the list in the middle of a change. */
static void
announce (TmTaskView *self,
          guint       position,
          guint       removed,
          guint       added)
{
  self->changing = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  self->changing = FALSE;
}

/* The list's @removed rows at @position replaced by @added rows of @from
 * (from @from_position), and said so. */
static void
replace_rows (TmTaskView *self,
              guint       position,
              guint       removed,
              GPtrArray  *from,
              guint       from_position,
              guint       added)
{
  GPtrArray *old = self->items;

  self->items = splice (old, position, removed, from, from_position, added);
  g_ptr_array_unref (old);
  announce (self, position, removed, added);
}

/* Adds to @rows those of @items from @start to @end that are not @coming. */
static void
add_rows_staying (GPtrArray  *rows,
                  GPtrArray  *items,
                  guint       start,
                  guint       end,
                  GHashTable *coming)
{
  for (guint i = start; i < end; i++)
    if (!g_hash_table_contains (coming, ((Row *) items->pdata[i])->task))
      g_ptr_array_add (rows, row_ref (items->pdata[i]));
}

/* A GTK 4.8 list view keeps widgets for about 200 rows, and makes all of
 * them anew when the rows they show are replaced at once: some 2,600
 * widgets, a stall of a frame and more. So the first rows that differ —
 * those a list shown from the top has widgets for — change a few at a time,
 * one step per main-loop turn so that a frame is drawn between steps; what
 * lies beyond them has no widgets and changes in one step: first, when the
 * list gets shorter (rows dropped below the first ones cost nothing), last
 * when it gets longer. A step replaces rows in place where it can, so the
 * rows after it keep their places and their widgets. */
#define APPLY_STEP_ROWS    40
#define APPLY_STEPPED_ROWS 200

static void apply_step (TmTaskView *self);

static gboolean
apply_step_cb (gpointer user_data)
{
  TmTaskView *self = user_data;

  self->apply_id = 0;
  apply_step (self);
  return G_SOURCE_REMOVE;
}

/* One step towards the target list, within the rows between the first and
 * the last that differ. */
static void
apply_step (TmTaskView *self)
{
  GPtrArray *old = self->items;
  GPtrArray *target = self->target;
  guint n_old = old->len, n_new = target->len;
  guint prefix = 0, suffix = 0, removed, added, at;

  while (prefix < n_old && prefix < n_new &&
         ((Row *) old->pdata[prefix])->task == ((Row *) target->pdata[prefix])->task)
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         ((Row *) old->pdata[n_old - 1 - suffix])->task == ((Row *) target->pdata[n_new - 1 - suffix])->task)
    suffix++;

  at = prefix;
  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;
  if (self->applied_rows < APPLY_STEPPED_ROWS)
    {
      guint keep = MAX (added, APPLY_STEPPED_ROWS - self->applied_rows);

      if (removed > keep)
        {
          /* Shorter: the rows beyond the first ones go first, at once. */
          at = prefix + keep;
          removed -= keep;
          added = 0;
        }
      else if (removed > APPLY_STEP_ROWS || added > APPLY_STEP_ROWS)
        {
          removed = MIN (removed, APPLY_STEP_ROWS);
          added = MIN (added, APPLY_STEP_ROWS);
          self->applied_rows += APPLY_STEP_ROWS;
        }
    }
  /* A step that brings rows the list still holds further down would show
   * those tasks twice until a later step (GTK 4.8: "Duplicate item detected
   * in list" when both rows have widgets). Those near the top leave in the
   * step's own change, which reaches down to the last of them: a list view
   * moves the widgets of the rows that only shift. Those further down, where
   * a list shown from the top has no widgets, leave first, in one change of
   * their own: the step's change reaching down through 100,000 rows held the
   * window 120 ms, and a change for each run of them made sorting 100,000
   * tasks 100-250 ms slower. What the last step brings is the list to come,
   * which holds each task once. */
  if (added > 0 && (n_old - prefix - suffix > removed || n_new - prefix - suffix > added))
    {
      g_autoptr(GHashTable) coming = g_hash_table_new (NULL, NULL);
      guint near = MIN (n_old - suffix, at + removed + APPLY_STEPPED_ROWS);
      guint last = 0, first_far = G_MAXUINT, last_far = 0;

      for (guint i = at; i < at + added; i++)
        g_hash_table_add (coming, ((Row *) target->pdata[i])->task);
      for (guint i = at + removed; i < n_old - suffix; i++)
        if (g_hash_table_contains (coming, ((Row *) old->pdata[i])->task))
          {
            if (i < near)
              last = i + 1;
            else
              {
                first_far = MIN (first_far, i);
                last_far = i + 1;
              }
          }

      if (first_far != G_MAXUINT)
        {
          g_autoptr(GPtrArray) staying = g_ptr_array_new_with_free_func (row_unref);

          add_rows_staying (staying, self->items, first_far, last_far, coming);
          replace_rows (self, first_far, last_far - first_far, staying, 0, staying->len);
        }
      if (last > 0)
        {
          g_autoptr(GPtrArray) span = g_ptr_array_new_with_free_func (row_unref);

          for (guint i = at; i < at + added; i++)
            g_ptr_array_add (span, row_ref (target->pdata[i]));
          add_rows_staying (span, self->items, at + removed, last, coming);
          replace_rows (self, at, last - at, span, 0, span->len);
          removed = added = 0;   /* done */
        }
      old = self->items;
    }

  /* In place when as many come as go: a step costs its rows, not the list's. */
  if (removed > 0 && removed == added)
    {
      for (guint i = at; i < at + added; i++)
        {
          Row *gone = old->pdata[i];

          old->pdata[i] = row_ref (target->pdata[i]);
          row_unref (gone);
        }
      announce (self, at, removed, added);
    }
  else if (removed > 0 || added > 0)
    replace_rows (self, at, removed, target, at, added);

  /* More to do: after the next frame. */
  if (n_old - prefix - suffix > removed || n_new - prefix - suffix > added)
    {
      if (self->apply_id == 0)
        self->apply_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_step_cb, self, NULL);
      return;
    }

  g_clear_pointer (&self->target, g_ptr_array_unref);
  if (!tm_task_view_is_pending (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/* Makes @result the list, in steps of a bounded number of rows. */
static void
apply (TmTaskView *self,
       GPtrArray  *result)
{
  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_clear_pointer (&self->target, g_ptr_array_unref);
  self->target = g_ptr_array_ref (result);
  self->applied_rows = 0;
  apply_step (self);
}

/* Without a search, a filter or an order the list is the catalogue: no worker. */
static gboolean
is_plain (TmTaskView *self)
{
  return !tm_task_view_get_filters_active (self) && self->sort == TM_TASK_SORT_NONE;
}

static void
on_query_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TmTaskView *self = TM_TASK_VIEW (source);
  Query *q = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || q->generation != self->generation)
    return;

  g_clear_object (&self->cancellable);
  apply (self, q->result);
}

static void
requery (TmTaskView *self)
{
  gboolean was_pending = tm_task_view_is_pending (self);
  GTask *task;
  Query *q;

  g_clear_handle_id (&self->requery_id, g_source_remove);
  self->generation++;
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  if (is_plain (self))
    {
      apply (self, self->rows);
      return;
    }

  q = g_new0 (Query, 1);
  q->rows = g_ptr_array_new_full (self->rows->len, row_unref);
  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (q->rows, row_ref (g_ptr_array_index (self->rows, i)));
  q->search = g_strdup (self->search);
  q->group = g_strdup (self->group);
  q->level = self->level;
  q->complexity = self->complexity;
  q->status = self->status;
  q->scenario_id = g_strdup (self->scenario_id);
  q->sort = self->sort;
  q->descending = self->descending;
  q->pinned = self->pinned != NULL ? g_object_ref (self->pinned) : NULL;
  q->generation = self->generation;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_query_done, NULL);
  g_task_set_source_tag (task, requery);
  g_task_set_task_data (task, q, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, run_query);
  g_object_unref (task);

  if (!was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

static gboolean
requery_cb (gpointer user_data)
{
  TmTaskView *self = user_data;

  self->requery_id = 0;
  requery (self);
  return G_SOURCE_REMOVE;
}

/* After edits: once, soon, for all of them. */
static void
queue_requery (TmTaskView *self)
{
  if (self->requery_id == 0)
    self->requery_id = g_idle_add_full (G_PRIORITY_DEFAULT, requery_cb, self, NULL);
}

static void
on_tasks_changed (GListModel *tasks,
                  guint       position,
                  guint       removed,
                  guint       added,
                  TmTaskView *self)
{
  g_autoptr(GPtrArray) added_rows = g_ptr_array_new_full (added, row_unref);
  GPtrArray *old_rows = self->rows;
  gboolean follow = is_plain (self) && !tm_task_view_is_pending (self) &&
                    self->items->len == self->rows->len;

  for (guint i = 0; i < removed; i++)
    g_hash_table_remove (self->row_of, ((Row *) g_ptr_array_index (self->rows, position + i))->task);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, position + i);
      Row *row = row_new (task);

      g_ptr_array_add (added_rows, row);
      g_hash_table_insert (self->row_of, task, row);
    }
  self->rows = splice (old_rows, position, removed, added_rows, 0, added);
  g_ptr_array_unref (old_rows);

  /* The catalogue itself: the list follows at once, row for row. */
  if (follow)
    {
      GPtrArray *old_items = self->items;

      self->items = splice (old_items, position, removed, added_rows, 0, added);
      g_ptr_array_unref (old_items);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }
  queue_requery (self);
}

static void
on_task_changed (TmPortfolio *portfolio,
                 TmTask      *task,
                 TmTaskView  *self)
{
  Row *row;
  guint index;

  if (!TM_IS_TASK (task) || (row = g_hash_table_lookup (self->row_of, task)) == NULL)
    return;
  if (!g_ptr_array_find (self->rows, row, &index))
    return;

  /* A new copy; a worker may still read the old one. */
  row = row_new (task);
  g_hash_table_insert (self->row_of, task, row);
  row_unref (g_steal_pointer (&self->rows->pdata[index]));
  self->rows->pdata[index] = row;

  /* In the catalogue's order the task stays where it is. */
  if (!is_plain (self))
    queue_requery (self);
}

TmTaskView *
tm_task_view_new (void)
{
  return g_object_new (TM_TYPE_TASK_VIEW, NULL);
}

static void
disconnect_portfolio (TmTaskView *self)
{
  if (self->portfolio == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->portfolio, self);
  g_signal_handlers_disconnect_by_data (tm_portfolio_get_tasks (self->portfolio), self);
  g_clear_object (&self->portfolio);
}

void
tm_task_view_set_portfolio (TmTaskView  *self,
                            TmPortfolio *portfolio)
{
  guint n_old;

  g_return_if_fail (TM_IS_TASK_VIEW (self));

  if (self->portfolio == portfolio)
    return;

  disconnect_portfolio (self);
  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->requery_id, g_source_remove);
  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_clear_pointer (&self->target, g_ptr_array_unref);

  n_old = self->items->len;
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->rows);
  g_hash_table_remove_all (self->row_of);
  self->rows = g_ptr_array_new_with_free_func (row_unref);
  self->items = g_ptr_array_new_with_free_func (row_unref);
  g_clear_object (&self->pinned);

  if (portfolio != NULL)
    {
      GListModel *tasks = tm_portfolio_get_tasks (portfolio);
      guint n = g_list_model_get_n_items (tasks);

      self->portfolio = g_object_ref (portfolio);
      g_ptr_array_set_size (self->rows, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
          Row *row = row_new (task);

          g_ptr_array_add (self->rows, row);
          g_hash_table_insert (self->row_of, task, row);
        }
      g_signal_connect (tasks, "items-changed", G_CALLBACK (on_tasks_changed), self);
      g_signal_connect (portfolio, "task-changed", G_CALLBACK (on_task_changed), self);
    }

  if (is_plain (self))
    {
      g_ptr_array_unref (self->items);
      self->items = g_ptr_array_copy (self->rows, (GCopyFunc) (void (*) (void)) row_ref, NULL);
      g_ptr_array_set_free_func (self->items, row_unref);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->items->len);
    }
  else
    {
      /* Empty until the first result. */
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, 0);
      requery (self);
    }
}

/* A filter changed: the task kept in view while it no longer matched
 * goes, and the view is asked for anew. */
static void
filter_changed (TmTaskView *self)
{
  g_clear_object (&self->pinned);
  requery (self);
}

static void
set_int_filter (TmTaskView *self,
                int        *filter,
                int         value)
{
  if (*filter == value)
    return;
  *filter = value;
  filter_changed (self);
}

void
tm_task_view_set_search (TmTaskView *self,
                         const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = *stripped != '\0' ? fold (stripped) : NULL;

  g_return_if_fail (TM_IS_TASK_VIEW (self));

  if (g_strcmp0 (folded, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  filter_changed (self);
}

void
tm_task_view_set_level (TmTaskView *self,
                        int         level)
{
  g_return_if_fail (TM_IS_TASK_VIEW (self));

  set_int_filter (self, &self->level, level);
}

void
tm_task_view_set_complexity (TmTaskView *self,
                             int         complexity)
{
  g_return_if_fail (TM_IS_TASK_VIEW (self));

  set_int_filter (self, &self->complexity, complexity);
}

void
tm_task_view_set_group (TmTaskView *self,
                        const char *group)
{
  g_return_if_fail (TM_IS_TASK_VIEW (self));

  if (g_strcmp0 (self->group, group) == 0)
    return;
  g_free (self->group);
  self->group = g_strdup (group);
  filter_changed (self);
}

void
tm_task_view_set_status (TmTaskView *self,
                         int         status,
                         const char *scenario_id)
{
  g_return_if_fail (TM_IS_TASK_VIEW (self));

  if (self->status == status && g_strcmp0 (self->scenario_id, scenario_id) == 0)
    return;
  self->status = status;
  g_free (self->scenario_id);
  self->scenario_id = g_strdup (scenario_id);
  filter_changed (self);
}

void
tm_task_view_set_sort (TmTaskView *self,
                       TmTaskSort  sort,
                       gboolean    descending)
{
  g_return_if_fail (TM_IS_TASK_VIEW (self));

  if (self->sort == sort && self->descending == descending)
    return;
  self->sort = sort;
  self->descending = descending;
  requery (self);
}

void
tm_task_view_set_pinned (TmTaskView *self,
                         TmTask     *task)
{
  g_return_if_fail (TM_IS_TASK_VIEW (self));

  g_set_object (&self->pinned, task);
}

gboolean
tm_task_view_is_pending (TmTaskView *self)
{
  g_return_val_if_fail (TM_IS_TASK_VIEW (self), FALSE);

  return self->cancellable != NULL || self->requery_id != 0 || self->target != NULL;
}

guint
tm_task_view_find (TmTaskView *self,
                   TmTask     *task)
{
  g_return_val_if_fail (TM_IS_TASK_VIEW (self), G_MAXUINT);

  for (guint i = 0; i < self->items->len; i++)
    if (((Row *) g_ptr_array_index (self->items, i))->task == task)
      return i;
  return G_MAXUINT;
}

gboolean
tm_task_view_is_changing (TmTaskView *self)
{
  g_return_val_if_fail (TM_IS_TASK_VIEW (self), FALSE);

  return self->changing;
}

gboolean
tm_task_view_will_show (TmTaskView *self,
                        TmTask     *task)
{
  g_return_val_if_fail (TM_IS_TASK_VIEW (self), FALSE);

  if (self->target == NULL)
    return tm_task_view_find (self, task) != G_MAXUINT;
  for (guint i = 0; i < self->target->len; i++)
    if (((Row *) g_ptr_array_index (self->target, i))->task == task)
      return TRUE;
  return FALSE;
}

static void
tm_task_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TmTaskView *self = TM_TASK_VIEW (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_boolean (value, tm_task_view_is_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_task_view_dispose (GObject *object)
{
  TmTaskView *self = TM_TASK_VIEW (object);

  disconnect_portfolio (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->requery_id, g_source_remove);
  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_clear_pointer (&self->target, g_ptr_array_unref);
  g_clear_object (&self->pinned);

  G_OBJECT_CLASS (tm_task_view_parent_class)->dispose (object);
}

static void
tm_task_view_finalize (GObject *object)
{
  TmTaskView *self = TM_TASK_VIEW (object);

  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->row_of);
  g_free (self->search);
  g_free (self->group);
  g_free (self->scenario_id);

  G_OBJECT_CLASS (tm_task_view_parent_class)->finalize (object);
}

static void
tm_task_view_class_init (TmTaskViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tm_task_view_get_property;
  object_class->dispose = tm_task_view_dispose;
  object_class->finalize = tm_task_view_finalize;

  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tm_task_view_init (TmTaskView *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_unref);
  self->items = g_ptr_array_new_with_free_func (row_unref);
  self->row_of = g_hash_table_new (NULL, NULL);
  self->level = -1;
  self->complexity = -1;
  self->status = -1;
}
