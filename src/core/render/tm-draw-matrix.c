/* tm-draw-matrix.c
 * The task × profession matrix: a layout computed once, drawn row range by
 * row range.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-draw"

#include "config.h"

#include <math.h>
#include <string.h>
#include "model/tm-i18n-private.h"

#include "render/tm-draw-private.h"

#define CELL_SUITABILITY_MASK 0x0f
#define CELL_PERFORMS         0x10
#define CELL_MOVE             0x20

/* sin 45° = cos 45° */
#define DIAG G_SQRT2 / 2

typedef struct {
  TmTask      *task;       /* owned; NULL for a group row */
  char        *group;      /* owned; "" for tasks without a group */
  guint        n_tasks;    /* group rows: tasks in the group */
  int          outcome;    /* -1, TM_MOVE_STOP or TM_MOVE_TECHNOLOGY */
  int          status;     /* the move's TmMoveStatus, -1 without a move */
  PangoLayout *label;      /* owned, created when first drawn */
} Row;

/* One mark per status, so the decisions read in black and white:
 * ○ proposed, ◐ agreed, ● approved, ▶ piloted, ■ implemented, ★ evaluated,
 * ✕ rejected, ‖ paused. Not translated; the legend explains them. */
static const char * const status_marks[TM_N_STATUSES] = {
  "○", "◐", "●", "▶", "■", "★", "✕", "‖",
};

const char *
tm_draw_move_status_mark (TmMoveStatus status)
{
  g_return_val_if_fail ((guint) status < TM_N_STATUSES, "");
  return status_marks[status];
}

struct _TmMatrixLayout {
  /* Owned */
  TmPortfolio  *portfolio;
  char         *scenario_id;
  char         *scenario_name;
  TmDrawStyle   style;
  PangoContext *context;
  GArray       *rows;          /* of Row */
  GPtrArray    *professions;   /* of TmProfession */
  GHashTable   *column_of;     /* profession id → column + 1 */
  guint8       *cells;         /* n_rows × n_columns */
  PangoLayout  *symbols[TM_N_SUITABILITIES];
  PangoLayout  *stop_symbol;
  PangoLayout  *status_symbols[TM_N_STATUSES];
  PangoLayout  *technology_symbol;
  GPtrArray    *headers;       /* of PangoLayout, one per column */
  char         *outcome_label;
  char         *no_group_label;

  guint         n_columns;
  double        unit;
  double        row_height;
  double        column_width;
  double        label_width;
  double        header_height;
  double        header_text_width;
  double        overhang;
};

static void
clear_row (gpointer p)
{
  Row *row = p;

  g_clear_object (&row->task);
  g_clear_pointer (&row->group, g_free);
  g_clear_object (&row->label);
}

static inline guint8
get_cell (TmMatrixLayout *self,
          guint           row,
          guint           column)
{
  return self->cells[(gsize) row * self->n_columns + column];
}

static inline Row *
get_row (TmMatrixLayout *self,
         guint           row)
{
  return &g_array_index (self->rows, Row, row);
}

static TmScenario *
find_scenario (TmPortfolio *portfolio,
               const char  *scenario_id)
{
  GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);
  TmScenario *first;

  if (scenario_id != NULL)
    return tm_portfolio_lookup_scenario (portfolio, scenario_id);

  if (g_list_model_get_n_items (scenarios) == 0)
    return NULL;

  /* Borrowed: the portfolio keeps its own reference. */
  first = g_list_model_get_item (scenarios, 0);
  g_object_unref (first);
  return first;
}

GListModel *
tm_matrix_professions_in_play (TmPortfolio *portfolio,
                               const char  *scenario_id,
                               GListModel  *tasks)
{
  g_autoptr(GHashTable) in_play = NULL;
  GListStore *store;
  GListModel *professions;
  TmScenario *scenario;
  guint n;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  scenario = find_scenario (portfolio, scenario_id);
  scenario_id = scenario ? tm_scenario_get_id (scenario) : NULL;

  if (tasks == NULL)
    tasks = tm_portfolio_get_tasks (portfolio);

  in_play = g_hash_table_new (g_str_hash, g_str_equal);
  n = g_list_model_get_n_items (tasks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmTaskData *data = tm_task_peek_data (task);
      const TmMove *move;

      for (guint j = 0; j < data->performers->len; j++)
        g_hash_table_add (in_play, g_array_index (data->performers, TmPerformer, j).profession_id);
      for (guint j = 0; j < data->assessments->len; j++)
        {
          const TmAssessment *a = &g_array_index (data->assessments, TmAssessment, j);

          if (a->suitability != TM_SUITABILITY_NOT_ASSESSED)
            g_hash_table_add (in_play, a->profession_id);
        }
      move = scenario_id ? tm_task_data_get_move (data, scenario_id) : NULL;
      if (move != NULL && move->kind == TM_MOVE_TO_PROFESSION && move->profession_id != NULL)
        g_hash_table_add (in_play, move->profession_id);
    }

  store = g_list_store_new (TM_TYPE_PROFESSION);
  professions = tm_portfolio_get_professions (portfolio);
  n = g_list_model_get_n_items (professions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);

      if (!tm_profession_get_hidden (profession)
          && g_hash_table_contains (in_play, tm_profession_get_id (profession)))
        g_list_store_append (store, profession);
    }

  return G_LIST_MODEL (store);
}

static void
add_task_row (TmMatrixLayout *self,
              TmTask         *task,
              const char     *group,
              GByteArray     *cells)
{
  const TmTaskData *data = tm_task_peek_data (task);
  const TmMove *move = self->scenario_id ? tm_task_data_get_move (data, self->scenario_id) : NULL;
  guint8 *row_cells;
  Row row = { 0 };

  row.task = g_object_ref (task);
  row.group = g_strdup (group);
  row.outcome = -1;
  row.status = -1;
  if (move != NULL)
    {
      const TmMoveReview *review = tm_task_data_get_review (data, self->scenario_id);

      row.status = review ? tm_move_review_get_status (review) : TM_STATUS_PROPOSED;
    }

  g_byte_array_set_size (cells, cells->len + self->n_columns);
  row_cells = cells->data + cells->len - self->n_columns;
  memset (row_cells, 0, self->n_columns);

  for (guint i = 0; i < data->assessments->len; i++)
    {
      const TmAssessment *a = &g_array_index (data->assessments, TmAssessment, i);
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (self->column_of, a->profession_id));

      if (column > 0 && (guint) a->suitability < TM_N_SUITABILITIES)
        row_cells[column - 1] = (row_cells[column - 1] & ~CELL_SUITABILITY_MASK) | a->suitability;
    }

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (self->column_of, p->profession_id));

      if (column > 0)
        row_cells[column - 1] |= CELL_PERFORMS;
    }

  if (move != NULL)
    {
      if (move->kind == TM_MOVE_TO_PROFESSION)
        {
          guint column = move->profession_id
            ? GPOINTER_TO_UINT (g_hash_table_lookup (self->column_of, move->profession_id)) : 0;

          if (column > 0)
            row_cells[column - 1] |= CELL_MOVE;
        }
      else
        {
          row.outcome = move->kind;
          row_cells[self->n_columns - 1] |= CELL_MOVE;
        }
    }

  g_array_append_val (self->rows, row);
}

static void
add_group_row (TmMatrixLayout *self,
               const char     *group,
               guint           n_tasks,
               GByteArray     *cells)
{
  Row row = { 0 };

  row.group = g_strdup (group);
  row.n_tasks = n_tasks;
  row.outcome = -1;
  row.status = -1;
  g_array_append_val (self->rows, row);

  g_byte_array_set_size (cells, cells->len + self->n_columns);
  memset (cells->data + cells->len - self->n_columns, 0, self->n_columns);
}

static void
compute_geometry (TmMatrixLayout *self)
{
  double u = self->unit;
  double longest = 0;
  guint max_chars = 0;
  double text_height;

  self->row_height = ceil (u * 1.8);
  self->column_width = ceil (u * 2.6);

  /* Row labels: an estimate from the length of the titles is enough (they
   * are ellipsized) and keeps 2,000 rows cheap. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = get_row (self, i);
      const char *text = row->task ? tm_task_get_title (row->task) : row->group;

      max_chars = MAX (max_chars, text ? g_utf8_strlen (text, -1) : 0);
    }
  self->label_width = ceil (CLAMP (max_chars * u * 0.55 + u * 1.6, u * 14, u * 26));

  /* Column headers: names at 45°, each between two slanted rules. */
  self->headers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c < self->n_columns; c++)
    {
      const char *name = c < self->professions->len
        ? tm_profession_get_display_name (g_ptr_array_index (self->professions, c))
        : self->outcome_label;
      PangoLayout *layout = _tm_draw_layout_new (self->context, &self->style, name, 0, -1);
      double w;

      _tm_draw_layout_get_size (layout, &w, NULL);
      longest = MAX (longest, w);
      g_ptr_array_add (self->headers, layout);
    }
  self->header_text_width = MIN (ceil (longest), ceil (u * 14));
  for (guint c = 0; c < self->headers->len; c++)
    {
      PangoLayout *layout = g_ptr_array_index (self->headers, c);

      pango_layout_set_width (layout, (int) (self->header_text_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  text_height = u * 1.25;
  self->header_height = ceil ((self->header_text_width + u * 0.6) * DIAG + text_height * DIAG + u * 0.6);
  self->header_height = MAX (self->header_height, u * 3);
  self->overhang = ceil (MAX (0, (self->header_text_width + u * 0.6) * DIAG + text_height * DIAG
                              - self->column_width * 0.5));
}

TmMatrixLayout *
tm_matrix_layout_new (TmPortfolio       *portfolio,
                      const char        *scenario_id,
                      GListModel        *tasks,
                      GListModel        *professions,
                      const TmDrawStyle *style)
{
  TmMatrixLayout *self;
  TmScenario *scenario;
  g_autoptr(GHashTable) groups = NULL;    /* group → GPtrArray of TmTask */
  g_autoptr(GPtrArray) order = NULL;      /* of group names, borrowed from @groups' keys */
  g_autoptr(GByteArray) cells = NULL;
  guint n;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (tasks == NULL || G_IS_LIST_MODEL (tasks), NULL);
  g_return_val_if_fail (professions == NULL || G_IS_LIST_MODEL (professions), NULL);

  self = g_new0 (TmMatrixLayout, 1);
  self->portfolio = g_object_ref (portfolio);
  if (style != NULL)
    self->style = *style;
  else
    tm_draw_style_init (&self->style, 1.0, FALSE);
  self->unit = _tm_draw_unit (&self->style);
  self->context = _tm_draw_create_context ();

  scenario = find_scenario (portfolio, scenario_id);
  if (scenario != NULL)
    {
      self->scenario_id = g_strdup (tm_scenario_get_id (scenario));
      self->scenario_name = g_strdup (tm_scenario_get_name (scenario));
    }
  else
    self->scenario_name = g_strdup (_tm_draw_scenario_name (portfolio, NULL));

  /* Translators: header of the matrix column that marks a task to stop or
   * to support with technology */
  self->outcome_label = g_strdup (_("Stop or technology"));
  /* Translators: the heading of tasks that have no group */
  self->no_group_label = g_strdup (_("No group"));

  /* Columns */
  self->professions = g_ptr_array_new_with_free_func (g_object_unref);
  self->column_of = g_hash_table_new (g_str_hash, g_str_equal);
  if (professions == NULL)
    professions = tm_portfolio_get_professions (portfolio);
  n = g_list_model_get_n_items (professions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (professions, i);
      TmProfession *profession;

      if (!TM_IS_PROFESSION (item))
        continue;
      profession = TM_PROFESSION (item);
      if (tm_profession_get_hidden (profession)
          || g_hash_table_contains (self->column_of, tm_profession_get_id (profession)))
        continue;

      g_ptr_array_add (self->professions, g_object_ref (profession));
      g_hash_table_insert (self->column_of, (gpointer) tm_profession_get_id (profession),
                           GUINT_TO_POINTER (self->professions->len));
    }
  self->n_columns = self->professions->len + 1;

  /* Rows, grouped in the order of each group's first task */
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  order = g_ptr_array_new ();
  if (tasks == NULL)
    tasks = tm_portfolio_get_tasks (portfolio);
  n = g_list_model_get_n_items (tasks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (tasks, i);
      const char *group;
      GPtrArray *members;

      if (!TM_IS_TASK (item))
        continue;
      group = tm_task_get_group (TM_TASK (item));
      if (group == NULL)
        group = "";
      members = g_hash_table_lookup (groups, group);
      if (members == NULL)
        {
          char *key = g_strdup (group);

          members = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, key, members);
          if (*key != '\0')
            g_ptr_array_add (order, key);
        }
      g_ptr_array_add (members, g_object_ref (item));
    }
  if (g_hash_table_contains (groups, ""))
    g_ptr_array_add (order, "");

  self->rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), n + order->len);
  g_array_set_clear_func (self->rows, clear_row);
  cells = g_byte_array_sized_new ((n + order->len) * self->n_columns);
  for (guint g = 0; g < order->len; g++)
    {
      const char *group = g_ptr_array_index (order, g);
      GPtrArray *members = g_hash_table_lookup (groups, group);

      add_group_row (self, group, members->len, cells);
      for (guint i = 0; i < members->len; i++)
        add_task_row (self, g_ptr_array_index (members, i), group, cells);
    }
  self->cells = g_byte_array_free (g_steal_pointer (&cells), FALSE);

  /* Symbols */
  for (guint s = 0; s < TM_N_SUITABILITIES; s++)
    self->symbols[s] = _tm_draw_layout_new (self->context, &self->style,
                                            tm_suitability_get_symbol (s), TM_TEXT_SYMBOL, -1);
  self->stop_symbol = _tm_draw_layout_new (self->context, &self->style,
                                           TM_DRAW_SYMBOL_STOP, TM_TEXT_SYMBOL, -1);
  self->technology_symbol = _tm_draw_layout_new (self->context, &self->style,
                                                 TM_DRAW_SYMBOL_TECHNOLOGY, TM_TEXT_SYMBOL, -1);
  for (guint st = 0; st < TM_N_STATUSES; st++)
    self->status_symbols[st] = _tm_draw_layout_new (self->context, &self->style, status_marks[st],
                                                    TM_TEXT_SMALL | TM_TEXT_BOLD, -1);

  compute_geometry (self);

  return self;
}

void
tm_matrix_layout_free (TmMatrixLayout *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->portfolio);
  g_free (self->scenario_id);
  g_free (self->scenario_name);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->professions, g_ptr_array_unref);
  g_clear_pointer (&self->column_of, g_hash_table_unref);
  g_free (self->cells);
  for (guint s = 0; s < TM_N_SUITABILITIES; s++)
    g_clear_object (&self->symbols[s]);
  g_clear_object (&self->stop_symbol);
  g_clear_object (&self->technology_symbol);
  for (guint st = 0; st < TM_N_STATUSES; st++)
    g_clear_object (&self->status_symbols[st]);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_free (self->outcome_label);
  g_free (self->no_group_label);
  g_free (self);
}

/* Accessors */

guint
tm_matrix_layout_get_n_rows (TmMatrixLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

guint
tm_matrix_layout_get_n_columns (TmMatrixLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

TmTask *
tm_matrix_layout_get_task (TmMatrixLayout *self,
                           guint           row)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  return get_row (self, row)->task;
}

const char *
tm_matrix_layout_get_group (TmMatrixLayout *self,
                            guint           row)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  return get_row (self, row)->group;
}

TmProfession *
tm_matrix_layout_get_profession (TmMatrixLayout *self,
                                 guint           column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  if (column >= self->professions->len)
    return NULL;
  return g_ptr_array_index (self->professions, column);
}

int
tm_matrix_layout_find_task (TmMatrixLayout *self,
                            TmTask         *task)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->rows->len; i++)
    if (task != NULL && get_row (self, i)->task == task)
      return (int) i;
  return -1;
}

int
tm_matrix_layout_find_profession (TmMatrixLayout *self,
                                  TmProfession   *profession)
{
  g_return_val_if_fail (self != NULL, -1);

  if (profession == NULL)
    return (int) self->n_columns - 1;
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->column_of,
                                                      tm_profession_get_id (profession))) - 1;
}

TmSuitability
tm_matrix_layout_get_suitability (TmMatrixLayout *self,
                                  guint           row,
                                  guint           column)
{
  g_return_val_if_fail (self != NULL, TM_SUITABILITY_NOT_ASSESSED);
  g_return_val_if_fail (row < self->rows->len, TM_SUITABILITY_NOT_ASSESSED);
  g_return_val_if_fail (column < self->n_columns, TM_SUITABILITY_NOT_ASSESSED);

  return get_cell (self, row, column) & CELL_SUITABILITY_MASK;
}

gboolean
tm_matrix_layout_is_move (TmMatrixLayout *self,
                          guint           row,
                          guint           column)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (row < self->rows->len, FALSE);
  g_return_val_if_fail (column < self->n_columns, FALSE);

  return (get_cell (self, row, column) & CELL_MOVE) != 0;
}

char *
tm_matrix_layout_dup_cell_description (TmMatrixLayout *self,
                                       guint           row,
                                       guint           column)
{
  Row *r;
  guint8 cell;
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  r = get_row (self, row);
  if (r->task == NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Group %s, %u task", "Group %s, %u tasks", r->n_tasks),
                            *r->group ? r->group : self->no_group_label, r->n_tasks);

  cell = get_cell (self, row, column);
  s = g_string_new (NULL);

  if (column + 1 == self->n_columns)
    {
      /* Translators: a matrix cell read by a screen reader: task title, column name */
      g_string_append_printf (s, _("%s, %s: "), tm_task_get_title (r->task), self->outcome_label);
      if (r->outcome >= 0)
        g_string_append (s, tm_move_kind_get_label (r->outcome));
      else
        /* Translators: the task is neither stopped nor supported by technology */
        g_string_append (s, _("no"));
    }
  else
    {
      TmProfession *profession = g_ptr_array_index (self->professions, column);

      g_string_append_printf (s, _("%s, %s: "), tm_task_get_title (r->task),
                              tm_profession_get_display_name (profession));
      g_string_append (s, tm_suitability_get_label (cell & CELL_SUITABILITY_MASK));
      if (cell & CELL_PERFORMS)
        /* Translators: appended to a matrix cell's description */
        g_string_append (s, _("; performs it today"));
      if (cell & CELL_MOVE)
        /* Translators: appended to a matrix cell's description */
        g_string_append (s, _("; the chosen move of this scenario"));
    }
  if ((cell & CELL_MOVE) && r->status >= 0)
    /* Translators: appended to a matrix cell's description: the move's status */
    g_string_append_printf (s, _(" (%s)"),
                            tm_move_status_get_label (r->status, tm_portfolio_get_country (self->portfolio)));
  return g_string_free (s, FALSE);
}

/* Geometry */

double
tm_matrix_layout_get_width (TmMatrixLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->label_width + self->n_columns * self->column_width + self->overhang;
}

double
tm_matrix_layout_get_height (TmMatrixLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->header_height + self->rows->len * self->row_height;
}

double
tm_matrix_layout_get_header_height (TmMatrixLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->header_height;
}

double
tm_matrix_layout_get_label_width (TmMatrixLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->label_width;
}

double
tm_matrix_layout_get_row_height (TmMatrixLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->row_height;
}

double
tm_matrix_layout_get_column_width (TmMatrixLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->column_width;
}

void
tm_matrix_layout_get_cell_rect (TmMatrixLayout    *self,
                                int                row,
                                int                column,
                                cairo_rectangle_t *rect)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rect != NULL);

  if (row < 0)
    {
      rect->y = 0;
      rect->height = self->header_height;
    }
  else
    {
      rect->y = self->header_height + row * self->row_height;
      rect->height = self->row_height;
    }

  if (row >= 0 && (guint) row < self->rows->len && get_row (self, row)->task == NULL && column >= 0)
    {
      /* A group row spans the columns. */
      rect->x = self->label_width;
      rect->width = self->n_columns * self->column_width;
    }
  else if (column < 0)
    {
      rect->x = 0;
      rect->width = self->label_width;
    }
  else
    {
      rect->x = self->label_width + column * self->column_width;
      rect->width = self->column_width;
    }
}

gboolean
tm_matrix_layout_hit (TmMatrixLayout *self,
                      double          x,
                      double          y,
                      int            *row,
                      int            *column)
{
  int r = -1, c = -1;
  double cells_right;

  g_return_val_if_fail (self != NULL, FALSE);

  cells_right = self->label_width + self->n_columns * self->column_width;

  if (y >= self->header_height)
    {
      double f = floor ((y - self->header_height) / self->row_height);

      if (f < self->rows->len)
        r = (int) f;
    }

  if (x >= self->label_width && x < cells_right)
    c = (int) floor ((x - self->label_width) / self->column_width);
  else if (r < 0 && y >= 0 && y < self->header_height && x >= self->label_width)
    {
      /* The slanted header: follow the 45° rule back down to the bottom edge. */
      double bottom_x = x - (self->header_height - y);

      if (bottom_x >= self->label_width && bottom_x < cells_right)
        c = (int) floor ((bottom_x - self->label_width) / self->column_width);
    }

  if (x < 0 || (x >= cells_right && r >= 0))
    r = -1;
  if (c >= (int) self->n_columns)
    c = -1;

  if (row != NULL)
    *row = r;
  if (column != NULL)
    *column = c;
  return r >= 0 || c >= 0;
}

gboolean
tm_matrix_layout_get_rows_in_range (TmMatrixLayout *self,
                                    double          y_from,
                                    double          y_to,
                                    guint          *first_row,
                                    guint          *last_row)
{
  double first, last;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->rows->len == 0 || y_to <= self->header_height || y_to <= y_from)
    return FALSE;

  first = floor ((MAX (y_from, self->header_height) - self->header_height) / self->row_height);
  last = ceil ((y_to - self->header_height) / self->row_height) - 1;
  if (first >= self->rows->len)
    return FALSE;
  last = MIN (last, self->rows->len - 1.0);
  if (last < first)
    return FALSE;

  if (first_row != NULL)
    *first_row = (guint) first;
  if (last_row != NULL)
    *last_row = (guint) last;
  return TRUE;
}

/* Drawing */

static void
show_centered (cairo_t       *cr,
               PangoLayout   *layout,
               const TmColor *color,
               double         cx,
               double         cy)
{
  double w, h;

  _tm_draw_layout_get_size (layout, &w, &h);
  _tm_draw_show_layout (cr, layout, NULL, color, cx - w / 2, cy - h / 2);
}

/* The chosen move: the cell filled in the foreground (so it prints in black
 * and white), its symbol drawn over it in the background, and the move's
 * status as a mark in the top right corner. */
static void
draw_move_fill (TmMatrixLayout *self,
                cairo_t        *cr,
                double          x,
                double          y,
                double          w,
                double          h)
{
  double inset = MAX (1.5, self->unit * 0.12);

  _tm_draw_set_color (cr, &self->style.foreground);
  cairo_rectangle (cr, x + inset, y + inset, w - 2 * inset, h - 2 * inset);
  cairo_fill (cr);
}

static void
draw_status_mark (TmMatrixLayout *self,
                  cairo_t        *cr,
                  int             status,
                  double          x,
                  double          y,
                  double          w,
                  double          h)
{
  PangoLayout *mark;
  double mw, mh;

  if (status < 0 || status >= TM_N_STATUSES)
    return;
  mark = self->status_symbols[status];
  _tm_draw_layout_get_size (mark, &mw, &mh);
  /* Right of the symbol, which moves left to make room. */
  _tm_draw_show_layout (cr, mark, NULL, &self->style.background,
                        x + w * 0.76 - mw / 2, y + (h - mh) / 2);
}

/* "Performs it today": a bar down the left edge of the cell, clear of the
 * symbol in the middle. */
static void
draw_performs_marker (TmMatrixLayout *self,
                      cairo_t        *cr,
                      double          x,
                      double          y,
                      double          w,
                      double          h)
{
  double bar = MAX (2.5, self->unit * 0.22);

  _tm_draw_set_color (cr, &self->style.foreground);
  cairo_rectangle (cr, x + 3, y + 3, bar, h - 6);
  cairo_fill (cr);
}

static void
draw_cursor (TmMatrixLayout      *self,
             cairo_t             *cr,
             const TmMatrixState *state)
{
  cairo_rectangle_t rect;
  double lw = MAX (2.0, self->unit * 0.18);
  const double dash[] = { lw * 2, lw * 1.5 };

  tm_matrix_layout_get_cell_rect (self, state->cursor_row, state->cursor_column, &rect);
  if (state->cursor_column < 0)
    rect.width = self->label_width + self->n_columns * self->column_width;

  cairo_save (cr);
  _tm_draw_set_color (cr, &self->style.accent);
  cairo_set_line_width (cr, lw);
  if (!state->focused)
    cairo_set_dash (cr, dash, 2, 0);
  /* Outside the move marker, so both show. */
  cairo_rectangle (cr, rect.x - lw / 2 + 1, rect.y - lw / 2 + 1, rect.width + lw - 2, rect.height + lw - 2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
tm_matrix_layout_draw_rows (TmMatrixLayout      *self,
                            cairo_t             *cr,
                            const TmMatrixState *state,
                            double               y_from,
                            double               y_to)
{
  const TmDrawStyle *style;
  guint first, last;
  double cells_x, cells_right, top, bottom;
  double u, rh, cw;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  if (!tm_matrix_layout_get_rows_in_range (self, y_from, y_to, &first, &last))
    return;

  style = &self->style;
  u = self->unit;
  rh = self->row_height;
  cw = self->column_width;
  cells_x = self->label_width;
  cells_right = cells_x + self->n_columns * cw;
  top = self->header_height + first * rh;
  bottom = self->header_height + (last + 1) * rh;

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  /* Background */
  _tm_draw_set_color (cr, &style->background);
  cairo_rectangle (cr, 0, top, cells_right, bottom - top);
  cairo_fill (cr);

  /* The outcome column stands apart. */
  _tm_draw_set_color (cr, &style->header);
  cairo_rectangle (cr, cells_right - cw, top, cw, bottom - top);
  cairo_fill (cr);

  /* Fills, one path per suitability */
  for (guint s = 1; s < TM_N_SUITABILITIES; s++)
    {
      gboolean any = FALSE;

      for (guint r = first; r <= last; r++)
        {
          double y = self->header_height + r * rh;

          if (get_row (self, r)->task == NULL)
            continue;
          for (guint c = 0; c + 1 < self->n_columns; c++)
            if ((get_cell (self, r, c) & CELL_SUITABILITY_MASK) == s)
              {
                cairo_rectangle (cr, cells_x + c * cw, y, cw, rh);
                any = TRUE;
              }
        }
      if (any)
        {
          _tm_draw_set_color (cr, &style->suitability[s]);
          cairo_fill (cr);
        }
    }

  /* Group rows */
  for (guint r = first; r <= last; r++)
    {
      Row *row = get_row (self, r);
      double y = self->header_height + r * rh;

      if (row->task != NULL)
        continue;
      _tm_draw_set_color (cr, &style->header);
      cairo_rectangle (cr, 0, y, cells_right, rh);
      cairo_fill (cr);
    }

  /* Rules */
  _tm_draw_set_color (cr, &style->rule);
  cairo_set_line_width (cr, 1);
  for (guint r = first; r <= last + 1; r++)
    {
      double y = floor (self->header_height + r * rh) + 0.5;

      cairo_move_to (cr, 0, y);
      cairo_line_to (cr, cells_right, y);
    }
  cairo_stroke (cr);

  /* Vertical rules through runs of task rows; group rows stay whole */
  for (guint r = first; r <= last; )
    {
      guint end = r;
      double y0, y1;

      if (get_row (self, r)->task == NULL)
        {
          r++;
          continue;
        }
      while (end + 1 <= last && get_row (self, end + 1)->task != NULL)
        end++;
      y0 = self->header_height + r * rh;
      y1 = self->header_height + (end + 1) * rh;

      _tm_draw_set_color (cr, &style->rule);
      cairo_set_line_width (cr, 1);
      for (guint c = 1; c < self->n_columns - 1; c++)
        {
          double x = floor (cells_x + c * cw) + 0.5;

          cairo_move_to (cr, x, y0);
          cairo_line_to (cr, x, y1);
        }
      cairo_move_to (cr, floor (cells_right) + 0.5, y0);
      cairo_line_to (cr, floor (cells_right) + 0.5, y1);
      cairo_stroke (cr);

      /* The label column's edge and the outcome column's are stronger. */
      _tm_draw_set_color (cr, &style->foreground);
      cairo_set_line_width (cr, style->high_contrast ? 2 : 1.5);
      cairo_move_to (cr, cells_x, y0);
      cairo_line_to (cr, cells_x, y1);
      cairo_move_to (cr, cells_right - cw, y0);
      cairo_line_to (cr, cells_right - cw, y1);
      cairo_stroke (cr);

      r = end + 1;
    }

  /* Text and markers */
  for (guint r = first; r <= last; r++)
    {
      Row *row = get_row (self, r);
      double y = self->header_height + r * rh;

      if (row->label == NULL)
        {
          if (row->task != NULL)
            row->label = _tm_draw_layout_new (self->context, style, tm_task_get_title (row->task),
                                              0, self->label_width - u * 1.6);
          else
            {
              g_autofree char *text =
                /* Translators: a group's name and its number of tasks in the matrix */
                g_strdup_printf (_("%s (%u)"), *row->group ? row->group : self->no_group_label,
                                 row->n_tasks);

              row->label = _tm_draw_layout_new (self->context, style, text, TM_TEXT_BOLD,
                                                cells_right - u * 0.8);
            }
        }

      {
        double h;

        _tm_draw_layout_get_size (row->label, NULL, &h);
        _tm_draw_show_layout (cr, row->label, row->task ? tm_task_get_title (row->task) : NULL,
                              &style->foreground, row->task ? u * 1.1 : u * 0.4, y + (rh - h) / 2);
      }

      if (row->task == NULL)
        continue;

      for (guint c = 0; c < self->n_columns; c++)
        {
          guint8 cell = get_cell (self, r, c);
          TmSuitability s = cell & CELL_SUITABILITY_MASK;
          double x = cells_x + c * cw;

          const TmColor *ink = (cell & CELL_MOVE) ? &style->background : &style->foreground;
          /* A chosen move's symbol sits left of its status mark. */
          double sx = (cell & CELL_MOVE) && row->status >= 0 ? x + cw * 0.34 : x + cw / 2;

          if (cell & CELL_MOVE)
            draw_move_fill (self, cr, x, y, cw, rh);

          if (c + 1 == self->n_columns)
            {
              if (row->outcome == TM_MOVE_STOP)
                show_centered (cr, self->stop_symbol, ink, sx, y + rh / 2);
              else if (row->outcome == TM_MOVE_TECHNOLOGY)
                show_centered (cr, self->technology_symbol, ink, sx, y + rh / 2);
            }
          else if (s == TM_SUITABILITY_NOT_ASSESSED)
            {
              /* A small dot, cheaper than text and the same as the symbol. */
              _tm_draw_set_color (cr, (cell & CELL_MOVE) ? ink : &style->muted);
              cairo_arc (cr, sx, y + rh / 2, MAX (1.2, u * 0.09), 0, 2 * G_PI);
              cairo_fill (cr);
            }
          else
            show_centered (cr, self->symbols[s], ink, sx, y + rh / 2);

          if (cell & CELL_PERFORMS)
            draw_performs_marker (self, cr, x, y, cw, rh);
          if (cell & CELL_MOVE)
            draw_status_mark (self, cr, row->status, x, y, cw, rh);
        }
    }

  if (state != NULL && state->cursor_row >= (int) first && state->cursor_row <= (int) last)
    draw_cursor (self, cr, state);

  cairo_restore (cr);
}

void
tm_matrix_layout_draw_header (TmMatrixLayout      *self,
                              cairo_t             *cr,
                              const TmMatrixState *state)
{
  const TmDrawStyle *style;
  double u, h, cw, cells_right;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  style = &self->style;
  u = self->unit;
  h = self->header_height;
  cw = self->column_width;
  cells_right = self->label_width + self->n_columns * cw;

  cairo_save (cr);

  _tm_draw_set_color (cr, &style->background);
  cairo_rectangle (cr, 0, 0, tm_matrix_layout_get_width (self), h);
  cairo_fill (cr);

  /* The focused column's slanted band */
  if (state != NULL && state->cursor_column >= 0 && (guint) state->cursor_column < self->n_columns)
    {
      double x = self->label_width + state->cursor_column * cw;
      TmColor tint = _tm_color_mix (&style->background, &style->accent, 0.25);

      cairo_move_to (cr, x, h);
      cairo_line_to (cr, x + h, 0);
      cairo_line_to (cr, x + cw + h, 0);
      cairo_line_to (cr, x + cw, h);
      cairo_close_path (cr);
      _tm_draw_set_color (cr, &tint);
      cairo_fill (cr);
    }

  /* The outcome column's band, shaded as in the body */
  {
    double x = cells_right - cw;

    cairo_move_to (cr, x, h);
    cairo_line_to (cr, x + h, 0);
    cairo_line_to (cr, x + cw + h, 0);
    cairo_line_to (cr, x + cw, h);
    cairo_close_path (cr);
    _tm_draw_set_color (cr, &style->header);
    cairo_fill (cr);
  }

  /* Slanted rules between the names */
  _tm_draw_set_color (cr, &style->rule);
  cairo_set_line_width (cr, 1);
  for (guint c = 0; c <= self->n_columns; c++)
    {
      double x = floor (self->label_width + c * cw) + 0.5;

      cairo_move_to (cr, x, h);
      cairo_line_to (cr, x + h, 0);
    }
  cairo_stroke (cr);

  /* Names at 45°, centred between the rules */
  for (guint c = 0; c < self->n_columns; c++)
    {
      PangoLayout *layout = g_ptr_array_index (self->headers, c);
      double th;
      gboolean bold = state != NULL && state->cursor_column == (int) c;
      const char *name = c < self->professions->len
        ? tm_profession_get_display_name (g_ptr_array_index (self->professions, c)) : self->outcome_label;

      _tm_draw_layout_get_size (layout, NULL, &th);
      cairo_save (cr);
      cairo_translate (cr, self->label_width + c * cw + cw / 2, h - u * 0.3);
      cairo_rotate (cr, -G_PI / 4);
      if (bold)
        {
          PangoFontDescription *font = pango_font_description_copy (pango_layout_get_font_description (layout));

          pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
          pango_layout_set_font_description (layout, font);
          _tm_draw_show_layout (cr, layout, name, &style->foreground, u * 0.3, -th / 2);
          pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
          pango_layout_set_font_description (layout, font);
          pango_font_description_free (font);
        }
      else
        _tm_draw_show_layout (cr, layout, name, &style->foreground, u * 0.3, -th / 2);
      cairo_restore (cr);
    }

  /* Corner: what the rows are */
  {
    /* Translators: the heading of the matrix's row labels */
    g_autoptr(PangoLayout) corner = _tm_draw_layout_new (self->context, style, _("Task"),
                                                         TM_TEXT_BOLD, self->label_width - u);
    double th;

    _tm_draw_layout_get_size (corner, NULL, &th);
    _tm_draw_show_layout (cr, corner, NULL, &style->foreground, u * 0.4, h - th - u * 0.3);
  }

  /* Bottom edge */
  _tm_draw_set_color (cr, &style->foreground);
  cairo_set_line_width (cr, style->high_contrast ? 2 : 1.5);
  cairo_move_to (cr, 0, h - 0.75);
  cairo_line_to (cr, cells_right, h - 0.75);
  cairo_stroke (cr);

  cairo_restore (cr);
}

double
tm_matrix_layout_draw_title (TmMatrixLayout *self,
                             cairo_t        *cr,
                             double          width)
{
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  guint n_tasks = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->rows->len; i++)
    if (get_row (self, i)->task != NULL)
      n_tasks++;

  /* Translators: title of the matrix view; %s is the scenario's name */
  title = g_strdup_printf (_("Task × profession matrix: %s"), self->scenario_name);
  /* Translators: under the matrix's title */
  note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task", "%u tasks", n_tasks), n_tasks);

  return _tm_draw_title_block (cr, self->context, &self->style, self->portfolio, title, note, width);
}

/* Legend */

typedef enum {
  LEGEND_SUITABILITY,
  LEGEND_MOVE,
  LEGEND_PERFORMS,
  LEGEND_STOP,
  LEGEND_TECHNOLOGY,
  LEGEND_STATUS,
} LegendKind;

double
tm_draw_matrix_legend (cairo_t           *cr,
                       const TmDrawStyle *style,
                       double             width)
{
  return tm_draw_matrix_legend_full (cr, style, TM_COUNTRY_DK, width);
}

double
tm_draw_matrix_legend_full (cairo_t           *cr,
                            const TmDrawStyle *style,
                            TmCountry          country,
                            double             width)
{
  g_autoptr(TmPangoContext) context = _tm_draw_create_context ();
  double u, box, x = 0, y, line_height;
  struct { LegendKind kind; guint suitability; const char *label; } items[TM_N_SUITABILITIES + 4 + TM_N_STATUSES];
  guint n = 0;
  TmDrawStyle fallback;

  if (style == NULL)
    {
      tm_draw_style_init (&fallback, 1.0, FALSE);
      style = &fallback;
    }

  u = _tm_draw_unit (style);
  box = ceil (u * 1.6);
  line_height = box + u * 0.5;

  for (guint s = 0; s < TM_N_SUITABILITIES; s++)
    {
      items[n].kind = LEGEND_SUITABILITY;
      items[n].suitability = s;
      items[n++].label = tm_suitability_get_label (s);
    }
  items[n].kind = LEGEND_MOVE;
  /* Translators: legend of the matrix: the cell of the receiving profession, filled */
  items[n++].label = _("Chosen move in this scenario (filled, its status in the corner)");
  items[n].kind = LEGEND_PERFORMS;
  /* Translators: legend of the matrix: a bar down the left edge of a cell */
  items[n++].label = _("Performs the task today");
  items[n].kind = LEGEND_STOP;
  items[n++].label = tm_move_kind_get_label (TM_MOVE_STOP);
  items[n].kind = LEGEND_TECHNOLOGY;
  items[n++].label = tm_move_kind_get_label (TM_MOVE_TECHNOLOGY);
  /* The status of a chosen move, as the mark in its corner */
  for (guint st = 0; st < TM_N_STATUSES; st++)
    {
      items[n].kind = LEGEND_STATUS;
      items[n].suitability = st;
      items[n++].label = tm_move_status_get_label (st, country);
    }

  /* Translators: the heading of the matrix's legend */
  y = _tm_draw_text (cr, context, style, _("Legend"), TM_TEXT_BOLD, &style->foreground, 0, 0, width);
  y += u * 0.3;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) label = _tm_draw_layout_new (context, style, items[i].label, 0, width - box - u);
      double tw, th, item_width;

      _tm_draw_layout_get_size (label, &tw, &th);
      item_width = box + u * 0.5 + tw + u * 1.5;
      if (x > 0 && x + item_width - u * 1.5 > width)
        {
          x = 0;
          y += line_height;
        }

      if (cr != NULL)
        {
          double cx = x + box / 2, cy = y + box / 2;

          cairo_save (cr);
          switch (items[i].kind)
            {
            case LEGEND_SUITABILITY:
              cairo_rectangle (cr, x, y, box, box);
              _tm_draw_set_color (cr, &style->suitability[items[i].suitability]);
              cairo_fill_preserve (cr);
              _tm_draw_set_color (cr, &style->rule);
              cairo_set_line_width (cr, 1);
              cairo_stroke (cr);
              if (items[i].suitability == TM_SUITABILITY_NOT_ASSESSED)
                {
                  _tm_draw_set_color (cr, &style->muted);
                  cairo_arc (cr, cx, cy, MAX (1.2, u * 0.09), 0, 2 * G_PI);
                  cairo_fill (cr);
                }
              else
                {
                  g_autoptr(PangoLayout) symbol =
                    _tm_draw_layout_new (context, style, tm_suitability_get_symbol (items[i].suitability),
                                         TM_TEXT_SYMBOL, -1);
                  double sw, sh;

                  _tm_draw_layout_get_size (symbol, &sw, &sh);
                  _tm_draw_show_layout (cr, symbol, NULL, &style->foreground, cx - sw / 2, cy - sh / 2);
                }
              break;

            case LEGEND_MOVE:
            case LEGEND_STATUS:
              {
                g_autoptr(PangoLayout) mark =
                  _tm_draw_layout_new (context, style,
                                       items[i].kind == LEGEND_MOVE
                                       ? tm_suitability_get_symbol (TM_SUITABILITY_CAN_TAKE_OVER)
                                       : status_marks[items[i].suitability],
                                       items[i].kind == LEGEND_MOVE ? TM_TEXT_SYMBOL
                                                                    : TM_TEXT_SMALL | TM_TEXT_BOLD, -1);
                double sw, sh;

                /* The chosen move's cell: filled, its mark in the background. */
                cairo_rectangle (cr, x, y, box, box);
                _tm_draw_set_color (cr, &style->foreground);
                cairo_fill (cr);
                _tm_draw_layout_get_size (mark, &sw, &sh);
                _tm_draw_show_layout (cr, mark, NULL, &style->background, cx - sw / 2, cy - sh / 2);
              }
              break;

            case LEGEND_PERFORMS:
              {
                double bar = MAX (2.5, u * 0.22);

                cairo_rectangle (cr, x, y, box, box);
                _tm_draw_set_color (cr, &style->rule);
                cairo_set_line_width (cr, 1);
                cairo_stroke (cr);
                _tm_draw_set_color (cr, &style->foreground);
                cairo_rectangle (cr, x + 3, y + 3, bar, box - 6);
                cairo_fill (cr);
              }
              break;

            case LEGEND_STOP:
            case LEGEND_TECHNOLOGY:
              {
                g_autoptr(PangoLayout) symbol =
                  _tm_draw_layout_new (context, style,
                                       items[i].kind == LEGEND_STOP ? TM_DRAW_SYMBOL_STOP
                                                                    : TM_DRAW_SYMBOL_TECHNOLOGY,
                                       TM_TEXT_SYMBOL, -1);
                double sw, sh;

                cairo_rectangle (cr, x, y, box, box);
                _tm_draw_set_color (cr, &style->header);
                cairo_fill_preserve (cr);
                _tm_draw_set_color (cr, &style->rule);
                cairo_set_line_width (cr, 1);
                cairo_stroke (cr);
                _tm_draw_layout_get_size (symbol, &sw, &sh);
                _tm_draw_show_layout (cr, symbol, NULL, &style->foreground, cx - sw / 2, cy - sh / 2);
              }
              break;

            default:
              g_assert_not_reached ();
            }
          cairo_restore (cr);

          _tm_draw_show_layout (cr, label, items[i].label, &style->foreground,
                                x + box + u * 0.5, y + (box - th) / 2);
        }

      x += item_width;
    }

  return y + line_height;
}
