/* tm-cell-editor.c
 * Editing the task list in place: time, frequency, level, complexity and performer.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-cell-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tm-gui-util.h"
#include "tm-list-text.h"
#include "tm-cell-editor.h"
#include "exchange/tm-csv.h"
#include "model/tm-language.h"
#include "model/tm-profession.h"
#include "model/tm-task.h"

/* How long a typed prefix is kept for choosing by name ("sy" → Sygeplejerske). */
#define TYPE_AHEAD_MS 1000
/* How many frames a row that is scrolled to may take to show its cells. */
#define MAX_START_TRIES 30

static const TmCsvField cell_fields[TM_N_CELLS] = {
  [TM_CELL_LEVEL] = TM_CSV_FIELD_LEVEL,
  [TM_CELL_COMPLEXITY] = TM_CSV_FIELD_COMPLEXITY,
  [TM_CELL_MINUTES] = TM_CSV_FIELD_MINUTES,
  [TM_CELL_TIMES] = TM_CSV_FIELD_OCCURRENCES,
  [TM_CELL_PER] = TM_CSV_FIELD_PER,
  [TM_CELL_PERFORMER] = TM_CSV_FIELD_PERFORMED_BY,
};

static gboolean
kind_is_number (TmCellKind kind)
{
  return kind == TM_CELL_MINUTES || kind == TM_CELL_TIMES;
}

/* One choice of a level, complexity, period or performer cell. */
typedef struct {
  char *label;
  char *keys;    /* the keys that choose it: "1a" */
  int   value;   /* the enum, or the index of the profession (-1: none) */
  char *id;      /* the profession's id */
} Choice;

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_free (choice->label);
  g_free (choice->keys);
  g_free (choice->id);
  g_free (choice);
}

static void
add_choice (GPtrArray  *choices,
            const char *label,
            const char *keys,
            int         value,
            const char *id)
{
  Choice *choice = g_new0 (Choice, 1);

  choice->label = g_strdup (label);
  choice->keys = g_strdup (keys);
  choice->value = value;
  choice->id = g_strdup (id);
  g_ptr_array_add (choices, choice);
}

/* TmListCell: a cell's text (a TmListText), and while it is edited an entry or a list of choices. */

#define TM_TYPE_LIST_CELL (tm_list_cell_get_type ())
G_DECLARE_FINAL_TYPE (TmListCell, tm_list_cell, TM, LIST_CELL, GtkWidget)

struct _TmListCell
{
  GtkWidget     parent_instance;

  GtkWidget    *label;
  GtkWidget    *text;       /* while a number is edited */
  GtkWidget    *popover;    /* while a choice is made */
  GtkWidget    *choice_list;
  TmCellEditor *editor;     /* weak */
  GtkListItem  *list_item;  /* the list item this cell is the child of */
  TmTask       *task;       /* while bound */
  TmCellKind    kind;
  gulong        notify_id;
};

G_DEFINE_FINAL_TYPE (TmListCell, tm_list_cell, GTK_TYPE_WIDGET)

static void
tm_list_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  TmListCell *self = TM_LIST_CELL (widget);
  GtkWidget *child = self->text != NULL ? self->text : self->label;

  gtk_widget_measure (child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (self->text != NULL)
    {
      int label_min, label_nat;

      /* The row keeps its height when a text takes the label's place. */
      gtk_widget_measure (self->label, orientation, for_size, &label_min, &label_nat, NULL, NULL);
      *minimum = MAX (*minimum, label_min);
      *natural = MAX (*natural, label_nat);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        *minimum = 0;
    }
}

static void
tm_list_cell_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  TmListCell *self = TM_LIST_CELL (widget);

  gtk_widget_allocate (self->label, width, height, baseline, NULL);
  if (self->text != NULL)
    gtk_widget_allocate (self->text, width, height, -1, NULL);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
tm_list_cell_dispose (GObject *object)
{
  TmListCell *self = TM_LIST_CELL (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->text, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  if (self->editor != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  self->editor = NULL;

  G_OBJECT_CLASS (tm_list_cell_parent_class)->dispose (object);
}

static void
tm_list_cell_class_init (TmListCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_list_cell_dispose;
  widget_class->measure = tm_list_cell_measure;
  widget_class->size_allocate = tm_list_cell_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "tmlistcell");
}

static void
tm_list_cell_init (TmListCell *self)
{
  self->label = tm_list_text_new ();
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

/* The editor */

typedef struct {
  TmListCell *cells[TM_N_CELLS];
} RowCells;

struct _TmCellEditor
{
  GObject             parent_instance;

  GtkColumnView      *column_view;   /* weak */
  GtkSingleSelection *selection;
  TmPortfolio        *portfolio;
  GHashTable         *rows;          /* TmTask * → RowCells *, the bound rows */

  /* The cell being edited */
  TmListCell         *cell;
  TmTask             *task;          /* owned while editing */
  TmCellKind          kind;
  TmCellKind          row_start_kind; /* where Enter returns to in the next row */
  GPtrArray          *choices;       /* of Choice, for a choice cell */
  int                 chosen;        /* index into choices */
  GString            *typed;         /* type-ahead */
  GtkEventController *key_controller;   /* on the cell being edited */
  GtkEventController *focus_controller;
  gint64              typed_time;

  /* A start waiting for its row to show */
  TmTask             *pending_task;
  TmCellKind          pending_kind;
  TmCellKind          pending_row_start_kind;
  char               *pending_initial;
  guint               pending_id;
  guint               pending_tries;
};

G_DEFINE_FINAL_TYPE (TmCellEditor, tm_cell_editor, G_TYPE_OBJECT)

enum {
  SIGNAL_MESSAGE,
  SIGNAL_PASTE_ROWS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void end_editing (TmCellEditor *self, gboolean refocus);

static void
say (TmCellEditor *self,
     const char   *text,
     gboolean      is_error)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGE], 0, text, is_error);
}

/* "12", "2,5", "" (not estimated): figures as the language writes them. */
static char *
format_amount (double value)
{
  if (value < 0)
    return g_strdup ("");
  if (value == (double)(gint64) value)
    return tm_language_format_number (value, 0);
  if (value * 10 == (double)(gint64)(value * 10))
    return tm_language_format_number (value, 1);
  return tm_language_format_number (value, 2);
}

static char *
cell_text (TmTask     *task,
           TmCellKind  kind)
{
  const TmTaskData *data = tm_task_peek_data (task);

  switch (kind)
    {
    case TM_CELL_LEVEL:
      return g_strdup (data->level == TM_LEVEL_NOT_ASSESSED ? "" : tm_level_get_short_label (data->level));
    case TM_CELL_COMPLEXITY:
      return g_strdup (data->complexity == TM_COMPLEXITY_NOT_ASSESSED ? ""
                       : tm_complexity_get_label (data->complexity));
    case TM_CELL_MINUTES:
      return format_amount (data->minutes);
    case TM_CELL_TIMES:
      return format_amount (data->occurrences);
    case TM_CELL_PER:
      return g_strdup (tm_per_get_label (data->per));
    case TM_CELL_PERFORMER:
      return g_strdup (tm_task_get_performed_by (task));
    case TM_N_CELLS:
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

static void
update_cell_label (TmListCell *cell)
{
  g_autofree char *text = NULL;

  if (cell->task == NULL)
    return;
  text = cell_text (cell->task, cell->kind);
  tm_list_text_set_text (TM_LIST_TEXT (cell->label), text);
}

static void
on_task_notify (TmListCell *cell)
{
  update_cell_label (cell);
}

/* Positions */

static guint
position_of_task (TmCellEditor *self,
                  TmTask       *task)
{
  RowCells *row = g_hash_table_lookup (self->rows, task);

  /* A bound row knows where it is. */
  if (row != NULL)
    for (guint k = 0; k < TM_N_CELLS; k++)
      if (row->cells[k] != NULL && row->cells[k]->list_item != NULL &&
          gtk_list_item_get_item (row->cells[k]->list_item) == (gpointer) task)
        return gtk_list_item_get_position (row->cells[k]->list_item);

  return tm_gui_find_item (G_LIST_MODEL (self->selection), task);
}

/* Focus back on the row of @cell, so the arrows and the digits go on working. */
static void
focus_row (TmCellEditor *self,
           GtkWidget    *cell)
{
  GtkWidget *widget = cell;

  while (widget != NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (parent != NULL && GTK_IS_LIST_VIEW (parent))
        {
          gtk_widget_grab_focus (widget);
          return;
        }
      widget = parent;
    }
  if (self->column_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Choices */

static GPtrArray *
make_choices (TmCellEditor *self,
              TmCellKind    kind)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func (choice_free);

  switch (kind)
    {
    case TM_CELL_LEVEL:
      /* 1-3, and the brief's letters A-C. */
      add_choice (choices, tm_level_get_label (TM_LEVEL_ADMIN), "1a", TM_LEVEL_ADMIN, NULL);
      add_choice (choices, tm_level_get_label (TM_LEVEL_BOUNDED_CLINICAL), "2b",
                  TM_LEVEL_BOUNDED_CLINICAL, NULL);
      add_choice (choices, tm_level_get_label (TM_LEVEL_COORDINATION), "3c",
                  TM_LEVEL_COORDINATION, NULL);
      add_choice (choices, tm_level_get_label (TM_LEVEL_NOT_ASSESSED), "0",
                  TM_LEVEL_NOT_ASSESSED, NULL);
      break;

    case TM_CELL_COMPLEXITY:
      add_choice (choices, tm_complexity_get_label (TM_COMPLEXITY_LOW), "1", TM_COMPLEXITY_LOW, NULL);
      add_choice (choices, tm_complexity_get_label (TM_COMPLEXITY_MODERATE), "2",
                  TM_COMPLEXITY_MODERATE, NULL);
      add_choice (choices, tm_complexity_get_label (TM_COMPLEXITY_HIGH), "3", TM_COMPLEXITY_HIGH, NULL);
      add_choice (choices, tm_complexity_get_label (TM_COMPLEXITY_VARIES), "4",
                  TM_COMPLEXITY_VARIES, NULL);
      add_choice (choices, tm_complexity_get_label (TM_COMPLEXITY_NOT_ASSESSED), "0",
                  TM_COMPLEXITY_NOT_ASSESSED, NULL);
      break;

    case TM_CELL_PER:
      for (guint p = 0; p < TM_N_PERS; p++)
        {
          char keys[2] = { (char) ('1' + p), '\0' };

          add_choice (choices, tm_per_get_label (p), keys, p, NULL);
        }
      break;

    case TM_CELL_PERFORMER:
      {
        GListModel *professions = tm_portfolio_get_professions (self->portfolio);
        guint n = g_list_model_get_n_items (professions);
        guint shown = 0;

        for (guint i = 0; i < n; i++)
          {
            g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);
            char keys[2] = { '\0', '\0' };

            if (tm_profession_get_hidden (profession))
              continue;
            if (shown < 9)
              keys[0] = (char) ('1' + shown);
            add_choice (choices, tm_profession_get_display_name (profession), keys, (int) i,
                        tm_profession_get_id (profession));
            shown++;
          }
        add_choice (choices, _("No performer"), "0", -1, NULL);
      }
      break;

    case TM_CELL_MINUTES:
    case TM_CELL_TIMES:
    case TM_N_CELLS:
    default:
      g_assert_not_reached ();
    }

  return choices;
}

static int
current_choice (TmCellEditor *self)
{
  const TmTaskData *data = tm_task_peek_data (self->task);

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (self->choices, i);

      switch (self->kind)
        {
        case TM_CELL_LEVEL:
          if (choice->value == (int) data->level)
            return i;
          break;
        case TM_CELL_COMPLEXITY:
          if (choice->value == (int) data->complexity)
            return i;
          break;
        case TM_CELL_PER:
          if (choice->value == (int) data->per)
            return i;
          break;
        case TM_CELL_PERFORMER:
          if (data->performers->len == 0 && choice->id == NULL)
            return i;
          if (data->performers->len == 1 && choice->id != NULL &&
              g_str_equal (g_array_index (data->performers, TmPerformer, 0).profession_id, choice->id))
            return i;
          break;
        case TM_CELL_MINUTES:
        case TM_CELL_TIMES:
        case TM_N_CELLS:
        default:
          break;
        }
    }
  return 0;
}

static void
show_chosen (TmCellEditor *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->cell->choice_list),
                                                      self->chosen);
  Choice *choice = g_ptr_array_index (self->choices, self->chosen);

  gtk_list_box_select_row (GTK_LIST_BOX (self->cell->choice_list), row);
  tm_list_text_set_text (TM_LIST_TEXT (self->cell->label), choice->label);
}

static void
on_choice_activated (TmCellEditor  *self,
                     GtkListBoxRow *row)
{
  if (self->cell == NULL)
    return;
  self->chosen = gtk_list_box_row_get_index (row);
  show_chosen (self);
  tm_cell_editor_commit (self);
}

/* A digit or letter typed on a choice cell: its key, else the start of a word of its name. */
static gboolean
choose_by_key (TmCellEditor *self,
               gunichar      c)
{
  gint64 now = g_get_monotonic_time ();
  char utf8[8] = { 0 };

  c = g_unichar_tolower (c);
  g_unichar_to_utf8 (c, utf8);

  for (guint i = 0; i < self->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (self->choices, i);

      if (c < 0x80 && strchr (choice->keys, (char) c) != NULL && c != 0)
        {
          self->chosen = i;
          g_string_truncate (self->typed, 0);
          show_chosen (self);
          return TRUE;
        }
    }

  if (!g_unichar_isalpha (c))
    return FALSE;

  if (now - self->typed_time > TYPE_AHEAD_MS * 1000)
    g_string_truncate (self->typed, 0);
  self->typed_time = now;
  g_string_append (self->typed, utf8);

  /* The words of the names; "pr." and "per" come in every period and choose none. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint n = 0; n < self->choices->len; n++)
      {
        /* From the one after the current, so a letter typed again goes on to the next. */
        guint i = (self->chosen + (self->typed->len == strlen (utf8) ? 1 : 0) + n) % self->choices->len;
        Choice *choice = g_ptr_array_index (self->choices, i);
        g_autofree char *folded = g_utf8_casefold (choice->label, -1);
        g_auto(GStrv) words = g_strsplit_set (folded, " -/()", -1);

        for (guint w = pass == 0 ? 0 : 1; words[w] != NULL; w++)
          {
            if (pass == 0 && w > 0)
              break;
            if (g_str_has_prefix (words[w], self->typed->str) &&
                !g_str_equal (words[w], "pr.") && !g_str_equal (words[w], "per"))
              {
                self->chosen = i;
                show_chosen (self);
                return TRUE;
              }
          }
      }

  return TRUE;
}

/* Moving */

static gboolean start_now (TmCellEditor *self,
                           TmTask       *task,
                           TmCellKind    kind,
                           TmCellKind    row_start_kind,
                           const char   *initial);

static gboolean
pending_start_cb (gpointer user_data)
{
  TmCellEditor *self = user_data;
  g_autoptr(TmTask) task = NULL;
  g_autofree char *initial = NULL;

  if (self->pending_task == NULL)
    {
      self->pending_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (g_hash_table_lookup (self->rows, self->pending_task) == NULL &&
      ++self->pending_tries < MAX_START_TRIES)
    return G_SOURCE_CONTINUE;

  self->pending_id = 0;
  task = g_steal_pointer (&self->pending_task);
  initial = g_steal_pointer (&self->pending_initial);
  start_now (self, task, self->pending_kind, self->pending_row_start_kind, initial);
  return G_SOURCE_REMOVE;
}

static void
clear_pending (TmCellEditor *self)
{
  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_object (&self->pending_task);
  g_clear_pointer (&self->pending_initial, g_free);
}

/* Edits @kind of the row at @position once its cells show; Enter goes on
 * to @row_start_kind of the next row. */
static gboolean
start_at (TmCellEditor *self,
          guint         position,
          TmCellKind    kind,
          TmCellKind    row_start_kind,
          const char   *initial)
{
  g_autoptr(TmTask) task = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return FALSE;

  task = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  clear_pending (self);
  gtk_single_selection_set_selected (self->selection, position);
  tm_gui_scroll_column_view (self->column_view, position);

  if (g_hash_table_lookup (self->rows, task) != NULL)
    return start_now (self, task, kind, row_start_kind, initial);

  self->pending_task = g_object_ref (task);
  self->pending_kind = kind;
  self->pending_row_start_kind = row_start_kind;
  self->pending_initial = g_strdup (initial);
  self->pending_tries = 0;
  self->pending_id = g_timeout_add (16, pending_start_cb, self);
  return TRUE;
}

/* Commits and goes @rows rows down (up when negative) in column @kind, or to
 * the next (@step 1) or previous (-1) cell of the row. */
static void
commit_and_move (TmCellEditor *self,
                 int           rows,
                 int           step)
{
  g_autoptr(TmTask) next = NULL;
  TmCellKind kind = self->kind;
  TmCellKind start_kind = self->row_start_kind;
  guint position = position_of_task (self, self->task);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  int target;

  if (step != 0)
    {
      int k = (int) kind + step;

      if (k >= 0 && k < TM_N_CELLS)
        {
          kind = k;
          rows = 0;
        }
      else
        {
          kind = step > 0 ? 0 : TM_N_CELLS - 1;
          rows = step;
        }
    }
  else
    kind = start_kind;

  target = (int) position + rows;
  if (position != GTK_INVALID_LIST_POSITION && target >= 0 && target < (int) n)
    next = g_list_model_get_item (G_LIST_MODEL (self->selection), target);

  if (!tm_cell_editor_commit (self))
    return;

  if (next == NULL)
    {
      /* The last row: editing ends there. */
      return;
    }

  /* Sorting may have moved the rows: find the next one again. */
  position = position_of_task (self, next);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  /* Tab in the row and Enter keep where the row's editing began; Tab past
   * the row's end begins the next row there. */
  start_at (self, position, kind, (step != 0 && rows != 0) ? kind : start_kind, NULL);
}

static gboolean
on_key_pressed (TmCellEditor          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean number = kind_is_number (self->kind);

  if (self->cell == NULL)
    return FALSE;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    {
      /* Ctrl+V with rows and columns in it pastes a block from this cell. */
      if ((state & GDK_CONTROL_MASK) && (keyval == GDK_KEY_v || keyval == GDK_KEY_V))
        {
          tm_cell_editor_paste (self);
          return TRUE;
        }
      return FALSE;
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      tm_cell_editor_cancel (self);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      commit_and_move (self, 0, 1);
      return TRUE;

    case GDK_KEY_ISO_Left_Tab:
      commit_and_move (self, 0, -1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      commit_and_move (self, shift ? -1 : 1, 0);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (number)
        {
          self->row_start_kind = self->kind;
          commit_and_move (self, -1, 0);
        }
      else if (self->chosen > 0)
        {
          self->chosen--;
          show_chosen (self);
        }
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (number)
        {
          self->row_start_kind = self->kind;
          commit_and_move (self, 1, 0);
        }
      else if (self->chosen + 1 < (int) self->choices->len)
        {
          self->chosen++;
          show_chosen (self);
        }
      return TRUE;

    default:
      break;
    }

  if (!number)
    {
      gunichar c = gdk_keyval_to_unicode (keyval);

      if (c != 0 && g_unichar_isprint (c))
        {
          choose_by_key (self, c);
          return TRUE;
        }
      /* Space and the like: nothing to do here, and not for the list either. */
      return keyval == GDK_KEY_space;
    }

  return FALSE;
}

static void
on_focus_leave (TmCellEditor            *self,
                GtkEventControllerFocus *controller)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkRoot *root = gtk_widget_get_root (cell);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (self->cell != TM_LIST_CELL (cell))
    return;
  /* The window lost the focus, not the cell. */
  if (focus != NULL && (focus == cell || gtk_widget_is_ancestor (focus, cell)))
    return;

  /* Clicked elsewhere: keep what was typed if it can be kept. */
  if (!tm_cell_editor_commit (self))
    tm_cell_editor_cancel (self);
}

static gboolean
start_now (TmCellEditor *self,
           TmTask       *task,
           TmCellKind    kind,
           TmCellKind    row_start_kind,
           const char   *initial)
{
  RowCells *row = g_hash_table_lookup (self->rows, task);
  TmListCell *cell = row != NULL ? row->cells[kind] : NULL;
  const TmTaskData *data = tm_task_peek_data (task);

  if (cell == NULL || self->portfolio == NULL)
    return FALSE;

  if (self->cell != NULL)
    end_editing (self, FALSE);

  if (tm_portfolio_is_read_only (self->portfolio))
    {
      say (self, _("This portfolio is open for reading only."), TRUE);
      return FALSE;
    }

  if (kind == TM_CELL_PERFORMER && data->performers->len > 1)
    {
      g_autofree char *text =
        /* Translators: %s is a task's title */
        g_strdup_printf (_("“%s” is shared by several professions: change their shares in the "
                           "task editor (F9)."), tm_task_get_title (task));
      say (self, text, FALSE);
      return FALSE;
    }

  self->cell = cell;
  self->task = g_object_ref (task);
  self->kind = kind;
  self->row_start_kind = row_start_kind;

  /* The keys and the focus of the cell being edited (only that one listens). */
  self->key_controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->key_controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->key_controller, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (cell), self->key_controller);
  self->focus_controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (self->focus_controller, "leave", G_CALLBACK (on_focus_leave), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (cell), self->focus_controller);
  gtk_widget_add_css_class (GTK_WIDGET (cell), "editing");

  if (kind_is_number (kind))
    {
      g_autofree char *value = cell_text (task, kind);

      cell->text = gtk_text_new ();
      gtk_widget_add_css_class (cell->text, "numeric");
      gtk_editable_set_alignment (GTK_EDITABLE (cell->text), 1.0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->text),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kind == TM_CELL_MINUTES ? _("Minutes each time")
                                                              : _("Times"),
                                      -1);
      gtk_widget_set_parent (cell->text, GTK_WIDGET (cell));
      gtk_widget_set_child_visible (cell->label, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (cell->text), initial != NULL ? initial : value);
      gtk_widget_grab_focus (cell->text);
      if (initial != NULL)
        gtk_editable_set_position (GTK_EDITABLE (cell->text), -1);
      else
        gtk_editable_select_region (GTK_EDITABLE (cell->text), 0, -1);
    }
  else
    {
      GtkWidget *scroller;

      self->choices = make_choices (self, kind);
      self->chosen = current_choice (self);
      g_string_truncate (self->typed, 0);

      cell->choice_list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (cell->choice_list), GTK_SELECTION_SINGLE);
      gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (cell->choice_list), TRUE);
      gtk_widget_add_css_class (cell->choice_list, "cell-choices");
      for (guint i = 0; i < self->choices->len; i++)
        {
          Choice *choice = g_ptr_array_index (self->choices, i);
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
          GtkWidget *key = gtk_label_new (NULL);
          GtkWidget *name = gtk_label_new (choice->label);
          g_autofree char *keys = NULL;

          /* "1", "2 · B": the keys that choose it */
          if (*choice->keys != '\0')
            {
              g_autoptr(GString) shown = g_string_new (NULL);

              for (const char *k = choice->keys; *k; k++)
                {
                  if (shown->len > 0)
                    g_string_append (shown, " · ");
                  g_string_append_c (shown, g_ascii_toupper (*k));
                }
              keys = g_string_free (g_steal_pointer (&shown), FALSE);
            }
          gtk_label_set_label (GTK_LABEL (key), keys != NULL ? keys : "");
          gtk_label_set_width_chars (GTK_LABEL (key), 5);
          gtk_label_set_xalign (GTK_LABEL (key), 0);
          gtk_widget_add_css_class (key, "dim-label");
          gtk_widget_add_css_class (key, "numeric");
          gtk_label_set_xalign (GTK_LABEL (name), 0);
          gtk_box_append (GTK_BOX (box), key);
          gtk_box_append (GTK_BOX (box), name);
          gtk_list_box_append (GTK_LIST_BOX (cell->choice_list), box);
        }
      g_signal_connect_object (cell->choice_list, "row-activated",
                               G_CALLBACK (on_choice_activated), self, G_CONNECT_SWAPPED);

      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), cell->choice_list);

      cell->popover = gtk_popover_new ();
      gtk_popover_set_child (GTK_POPOVER (cell->popover), scroller);
      gtk_popover_set_autohide (GTK_POPOVER (cell->popover), FALSE);
      gtk_popover_set_has_arrow (GTK_POPOVER (cell->popover), FALSE);
      gtk_popover_set_position (GTK_POPOVER (cell->popover), GTK_POS_BOTTOM);
      /* The keys go to the cell: the list only shows and takes clicks. */
      gtk_widget_set_can_focus (cell->popover, FALSE);
      gtk_widget_set_parent (cell->popover, GTK_WIDGET (cell));

      gtk_widget_set_focusable (GTK_WIDGET (cell), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tm_csv_field_get_label (cell_fields[kind]), -1);
      gtk_widget_grab_focus (GTK_WIDGET (cell));
      show_chosen (self);
      gtk_popover_popup (GTK_POPOVER (cell->popover));

      if (initial != NULL)
        for (const char *p = initial; *p; p = g_utf8_next_char (p))
          choose_by_key (self, g_utf8_get_char (p));
    }

  gtk_widget_queue_resize (GTK_WIDGET (cell));
  return TRUE;
}

/* Ends editing without storing anything. */
static void
end_editing (TmCellEditor *self,
             gboolean      refocus)
{
  TmListCell *cell = self->cell;
  gboolean had_focus;

  if (cell == NULL)
    return;

  had_focus = gtk_widget_has_focus (GTK_WIDGET (cell)) ||
              (cell->text != NULL && gtk_widget_has_focus (cell->text)) ||
              (cell->text != NULL && gtk_widget_has_focus (GTK_WIDGET (cell->text)));

  self->cell = NULL;
  if (self->key_controller != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (cell), g_steal_pointer (&self->key_controller));
  if (self->focus_controller != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (cell), g_steal_pointer (&self->focus_controller));
  if (cell->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (cell->popover));
  g_clear_pointer (&cell->popover, gtk_widget_unparent);
  cell->choice_list = NULL;
  g_clear_pointer (&cell->text, gtk_widget_unparent);
  gtk_widget_set_child_visible (cell->label, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (cell), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (cell), "editing");
  gtk_widget_remove_css_class (GTK_WIDGET (cell), "error");
  update_cell_label (cell);
  gtk_widget_queue_resize (GTK_WIDGET (cell));

  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_object (&self->task);

  if (refocus || had_focus)
    focus_row (self, GTK_WIDGET (cell));
}

/* Factory */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            TmCellEditor             *self)
{
  TmListCell *cell = g_object_new (TM_TYPE_LIST_CELL, NULL);
  TmCellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tm-cell-kind"));

  cell->kind = kind;
  cell->list_item = list_item;
  cell->editor = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &cell->editor);

  if (kind_is_number (kind))
    {
      tm_list_text_set_xalign (TM_LIST_TEXT (cell->label), 1.0);
      gtk_widget_add_css_class (cell->label, "numeric");
    }
  else
    tm_list_text_set_xalign (TM_LIST_TEXT (cell->label), 0.0);

  gtk_list_item_set_child (list_item, GTK_WIDGET (cell));
}

/* A double click on a cell of the list edits it (one gesture for the list:
 * a controller on each of some two thousand cells costs when rows change). */
static void
on_double_click (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 TmCellEditor    *self)
{
  GtkWidget *widget;
  TmListCell *cell = NULL;
  guint position;

  if (n_press != 2 || self->column_view == NULL)
    return;
  widget = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  for (; widget != NULL && widget != GTK_WIDGET (self->column_view); widget = gtk_widget_get_parent (widget))
    if (TM_IS_LIST_CELL (widget))
      {
        cell = TM_LIST_CELL (widget);
        break;
      }
  if (cell == NULL || cell->list_item == NULL || self->cell == cell)
    return;

  position = gtk_list_item_get_position (cell->list_item);
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  /* The row's own double-click (the task editor) is for the other columns. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  tm_cell_editor_start (self, position, cell->kind, NULL);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           TmCellEditor             *self)
{
  TmListCell *cell = TM_LIST_CELL (gtk_list_item_get_child (list_item));
  TmTask *task = gtk_list_item_get_item (list_item);
  RowCells *row;

  cell->task = task;
  update_cell_label (cell);
  cell->notify_id = g_signal_connect_swapped (task, "notify", G_CALLBACK (on_task_notify), cell);

  row = g_hash_table_lookup (self->rows, task);
  if (row == NULL)
    {
      row = g_new0 (RowCells, 1);
      g_hash_table_insert (self->rows, task, row);
    }
  row->cells[cell->kind] = cell;

}

typedef struct {
  TmCellEditor *editor;
  TmTask       *task;
  TmCellKind    kind;
  char         *text;
} LateCommit;

static void
late_commit_free (LateCommit *late)
{
  g_clear_object (&late->editor);
  g_clear_object (&late->task);
  g_free (late->text);
  g_free (late);
}

/* What was typed in a row that scrolled away. */
static gboolean
late_commit_cb (gpointer user_data)
{
  LateCommit *late = user_data;
  TmCellEditor *self = late->editor;
  g_autoptr(TmTaskData) data = NULL;
  g_autoptr(GError) error = NULL;

  if (self->portfolio == NULL || tm_portfolio_lookup_task (self->portfolio,
                                                           tm_task_get_uuid (late->task)) != late->task)
    return G_SOURCE_REMOVE;

  data = tm_task_dup_data (late->task);
  if (!tm_csv_convert_value (self->portfolio, cell_fields[late->kind], late->text, data, &error) ||
      !tm_portfolio_update_task (self->portfolio, late->task, data, NULL, &error))
    {
      g_autofree char *text = g_strdup_printf ("“%s”: %s", tm_task_get_title (late->task),
                                               error->message);
      say (self, text, TRUE);
    }
  return G_SOURCE_REMOVE;
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             TmCellEditor             *self)
{
  TmListCell *cell = TM_LIST_CELL (gtk_list_item_get_child (list_item));
  RowCells *row;

  if (cell->task == NULL)
    return;

  if (self->cell == cell)
    {
      /* Scrolled far away while typing: what was typed is still stored. */
      if (cell->text != NULL)
        {
          LateCommit *late = g_new0 (LateCommit, 1);

          late->editor = g_object_ref (self);
          late->task = g_object_ref (cell->task);
          late->kind = cell->kind;
          late->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell->text)));
          g_idle_add_full (G_PRIORITY_DEFAULT, late_commit_cb, late,
                           (GDestroyNotify) late_commit_free);
        }
      end_editing (self, FALSE);
    }

  g_clear_signal_handler (&cell->notify_id, cell->task);
  row = g_hash_table_lookup (self->rows, cell->task);
  if (row != NULL && row->cells[cell->kind] == cell)
    {
      row->cells[cell->kind] = NULL;
      for (guint k = 0; k < TM_N_CELLS; k++)
        if (row->cells[k] != NULL)
          goto keep;
      g_hash_table_remove (self->rows, cell->task);
    }
keep:
  cell->task = NULL;
}

/* Public */

TmCellEditor *
tm_cell_editor_new (GtkColumnView      *column_view,
                    GtkSingleSelection *selection)
{
  TmCellEditor *self;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);
  g_return_val_if_fail (GTK_IS_SINGLE_SELECTION (selection), NULL);

  self = g_object_new (TM_TYPE_CELL_EDITOR, NULL);
  self->column_view = column_view;
  g_object_add_weak_pointer (G_OBJECT (column_view), (gpointer *) &self->column_view);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "pressed", G_CALLBACK (on_double_click), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (column_view), GTK_EVENT_CONTROLLER (click));
  }
  self->selection = g_object_ref (selection);
  return self;
}

void
tm_cell_editor_set_portfolio (TmCellEditor *self,
                              TmPortfolio  *portfolio)
{
  g_return_if_fail (TM_IS_CELL_EDITOR (self));

  if (self->portfolio == portfolio)
    return;
  clear_pending (self);
  end_editing (self, FALSE);
  g_set_object (&self->portfolio, portfolio);
}

void
tm_cell_editor_attach_column (TmCellEditor        *self,
                              GtkColumnViewColumn *column,
                              TmCellKind           kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (TM_IS_CELL_EDITOR (self));
  g_return_if_fail (kind < TM_N_CELLS);

  g_object_set_data (G_OBJECT (factory), "tm-cell-kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell), self, 0);
  gtk_column_view_column_set_factory (column, factory);
}

gboolean
tm_cell_editor_start (TmCellEditor *self,
                      guint         position,
                      TmCellKind    kind,
                      const char   *initial)
{
  g_return_val_if_fail (TM_IS_CELL_EDITOR (self), FALSE);
  g_return_val_if_fail (kind < TM_N_CELLS, FALSE);

  if (self->portfolio == NULL)
    return FALSE;
  if (self->cell != NULL && !tm_cell_editor_commit (self))
    return FALSE;
  return start_at (self, position, kind, kind, initial);
}

gboolean
tm_cell_editor_is_editing (TmCellEditor *self)
{
  g_return_val_if_fail (TM_IS_CELL_EDITOR (self), FALSE);

  return self->cell != NULL || self->pending_task != NULL;
}

TmCellKind
tm_cell_editor_get_kind (TmCellEditor *self)
{
  g_return_val_if_fail (TM_IS_CELL_EDITOR (self), TM_CELL_MINUTES);

  return self->kind;
}

GtkWidget *
tm_cell_editor_get_editing_widget (TmCellEditor *self)
{
  g_return_val_if_fail (TM_IS_CELL_EDITOR (self), NULL);

  if (self->cell == NULL)
    return NULL;
  return self->cell->text != NULL ? self->cell->text : GTK_WIDGET (self->cell);
}

gboolean
tm_cell_editor_commit (TmCellEditor *self)
{
  g_autoptr(TmTaskData) data = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (TM_IS_CELL_EDITOR (self), FALSE);

  if (self->cell == NULL)
    return TRUE;

  data = tm_task_dup_data (self->task);

  if (kind_is_number (self->kind))
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (self->cell->text));

      ok = tm_csv_convert_value (self->portfolio, cell_fields[self->kind], text, data, &error);
    }
  else
    {
      Choice *choice = g_ptr_array_index (self->choices, self->chosen);

      switch (self->kind)
        {
        case TM_CELL_LEVEL:
          data->level = choice->value;
          break;
        case TM_CELL_COMPLEXITY:
          data->complexity = choice->value;
          break;
        case TM_CELL_PER:
          data->per = choice->value;
          break;
        case TM_CELL_PERFORMER:
          g_array_set_size (data->performers, 0);
          if (choice->id != NULL)
            tm_task_data_set_performer (data, choice->id, 100);
          break;
        case TM_CELL_MINUTES:
        case TM_CELL_TIMES:
        case TM_N_CELLS:
        default:
          g_assert_not_reached ();
        }
    }

  /* One edit, one undo step. */
  if (ok)
    ok = tm_portfolio_update_task (self->portfolio, self->task, data, NULL, &error);

  if (!ok)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->cell), "error");
      say (self, error->message, TRUE);
      return FALSE;
    }

  end_editing (self, FALSE);
  return TRUE;
}

void
tm_cell_editor_cancel (TmCellEditor *self)
{
  g_return_if_fail (TM_IS_CELL_EDITOR (self));

  clear_pending (self);
  end_editing (self, TRUE);
}

gboolean
tm_cell_editor_paste_text (TmCellEditor  *self,
                           const char    *text,
                           GError       **error)
{
  g_autoptr(GPtrArray) tasks = NULL;
  g_autofree char *message = NULL;
  TmCsvField fields[TM_N_CELLS];
  TmCsvPasting *pasting;
  TmEditJob *job;
  gboolean taken = FALSE;
  gboolean converted = FALSE;
  TmCellKind from;
  guint position;
  guint n;
  guint n_fields = 0;
  guint n_lines;

  g_return_val_if_fail (TM_IS_CELL_EDITOR (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (self->portfolio == NULL)
    return FALSE;

  position = gtk_single_selection_get_selected (self->selection);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Select the task the first pasted row goes to."));
      return FALSE;
    }

  from = self->cell != NULL ? self->kind : TM_CELL_MINUTES;
  for (guint k = from; k < TM_N_CELLS; k++)
    fields[n_fields++] = cell_fields[k];

  if (self->cell != NULL)
    end_editing (self, TRUE);

  /* The selected row and those under it, as the list shows them: as many
   * as the block has lines at most (a row has one line or more), not a
   * region's 100,000 for a block of ten. */
  n_lines = 1;
  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n_lines++;
  tasks = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = position; i < n && tasks->len < MIN (n_lines, 100000); i++)
    g_ptr_array_add (tasks, g_list_model_get_item (G_LIST_MODEL (self->selection), i));

  pasting = tm_csv_pasting_new (self->portfolio, text, (TmTask **) tasks->pdata, tasks->len,
                                fields, n_fields, error);
  if (pasting == NULL)
    return FALSE;

  /* A region's rows are converted and go in in steps where the window
   * takes them; the rest at once. */
  g_signal_emit (self, signals[SIGNAL_PASTE_ROWS], 0, pasting, &taken);
  if (taken)
    return TRUE;

  if (!tm_csv_pasting_step (pasting, G_MAXINT64, &converted, error))
    {
      tm_csv_pasting_free (pasting);
      return FALSE;
    }
  job = tm_csv_pasting_finish (pasting, NULL, &message, error);
  if (!tm_edit_job_run (job, error))
    return FALSE;
  say (self, message, FALSE);
  return TRUE;
}

static void
on_clipboard_text (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TmCellEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, _("The clipboard holds no text to paste."), TRUE);
      return;
    }

  /* One value typed into the cell being edited is the text's own paste. */
  if (self->cell != NULL && self->cell->text != NULL && strpbrk (text, "\t\n") == NULL)
    {
      gtk_editable_delete_selection (GTK_EDITABLE (self->cell->text));
      {
        int position = gtk_editable_get_position (GTK_EDITABLE (self->cell->text));

        gtk_editable_insert_text (GTK_EDITABLE (self->cell->text), text, -1, &position);
        gtk_editable_set_position (GTK_EDITABLE (self->cell->text), position);
      }
      return;
    }

  if (!tm_cell_editor_paste_text (self, text, &error))
    say (self, error->message, TRUE);
}

void
tm_cell_editor_paste (TmCellEditor *self)
{
  GdkClipboard *clipboard;

  g_return_if_fail (TM_IS_CELL_EDITOR (self));

  if (self->column_view == NULL)
    return;
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self->column_view));
  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text, g_object_ref (self));
}

/* GObject */

static void
tm_cell_editor_dispose (GObject *object)
{
  TmCellEditor *self = TM_CELL_EDITOR (object);

  clear_pending (self);
  end_editing (self, FALSE);
  if (self->column_view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->column_view), (gpointer *) &self->column_view);
  self->column_view = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->portfolio);

  G_OBJECT_CLASS (tm_cell_editor_parent_class)->dispose (object);
}

static void
tm_cell_editor_finalize (GObject *object)
{
  TmCellEditor *self = TM_CELL_EDITOR (object);

  g_hash_table_unref (self->rows);
  g_string_free (self->typed, TRUE);

  G_OBJECT_CLASS (tm_cell_editor_parent_class)->finalize (object);
}

static void
tm_cell_editor_class_init (TmCellEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tm_cell_editor_dispose;
  object_class->finalize = tm_cell_editor_finalize;

  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  /* TmCsvPasting *pasting (the block read, its rows not yet converted): a
   * handler that returns TRUE takes it over, to convert the rows and write
   * them in steps, say what came of it and free it. */
  signals[SIGNAL_PASTE_ROWS] =
    g_signal_new ("paste-rows", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 1, G_TYPE_POINTER);
}

static void
tm_cell_editor_init (TmCellEditor *self)
{
  self->rows = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->typed = g_string_new (NULL);
  self->kind = TM_CELL_MINUTES;
  self->row_start_kind = TM_CELL_MINUTES;
}
