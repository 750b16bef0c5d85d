/* tm-history-dialog.c
 * The history of changes to a portfolio, newest first: all of it, or one
 * task's, since the committee's last meeting or a date; and the date of that
 * meeting.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dialogs/tm-dialogs-private.h"
#include "dialogs/tm-history-dialog.h"
#include "store/tm-history.h"
#include "tm-gui-util.h"

/* One row of the list: the texts it shows, made once. */
typedef enum {
  COLUMN_WHEN,
  COLUMN_WHO,
  COLUMN_TASK,
  COLUMN_WHAT,
  COLUMN_CHANGE,
  N_COLUMNS
} Column;

#define TM_TYPE_HISTORY_ROW (tm_history_row_get_type ())
G_DECLARE_FINAL_TYPE (TmHistoryRow, tm_history_row, TM, HISTORY_ROW, GObject)

struct _TmHistoryRow
{
  GObject  parent_instance;
  char    *texts[N_COLUMNS + 1];   /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (TmHistoryRow, tm_history_row, G_TYPE_OBJECT)

static void
tm_history_row_finalize (GObject *object)
{
  TmHistoryRow *self = TM_HISTORY_ROW (object);

  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->texts[i]);

  G_OBJECT_CLASS (tm_history_row_parent_class)->finalize (object);
}

static void
tm_history_row_class_init (TmHistoryRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tm_history_row_finalize;
}

static void
tm_history_row_init (TmHistoryRow *self)
{
}

typedef enum {
  SCOPE_TASK,
  SCOPE_ALL,
} Scope;

struct _TmHistoryDialog
{
  GtkWindow            parent_instance;

  /* Template widgets */
  GtkWidget           *scope_box;
  GtkDropDown         *scope_drop_down;
  GtkDropDown         *since_drop_down;
  GtkEntry            *since_entry;
  GtkLabel            *count_label;
  GtkLabel            *empty_label;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *when_column;
  GtkColumnViewColumn *who_column;
  GtkColumnViewColumn *task_column;
  GtkColumnViewColumn *what_column;
  GtkColumnViewColumn *change_column;
  GtkEntry            *meeting_entry;
  GtkButton           *meeting_button;
  GtkLabel            *meeting_note;
  GtkLabel            *meeting_error_label;

  /* Owned */
  TmPortfolio         *portfolio;
  TmTask              *task;
  GListStore          *rows;
  guint                refresh_id;
  gboolean             ready;       /* set up: the filters may refresh the list */
};

G_DEFINE_FINAL_TYPE (TmHistoryDialog, tm_history_dialog, GTK_TYPE_WINDOW)

/* Dates */

/* @text as the start of that day, local time (as the committee report counts
 * it), or -1 when it is not a date. */
static gint64
parse_day (const char *text)
{
  g_autoptr(TmWorkshopData) probe = tm_workshop_data_new ();
  g_autoptr(GDateTime) start = NULL;
  int y, m, d;

  g_free (probe->date);
  probe->date = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (!tm_workshop_data_validate (probe, NULL) ||
      sscanf (probe->date, "%d-%d-%d", &y, &m, &d) != 3)
    return -1;

  start = g_date_time_new_local (y, m, d, 0, 0, 0);
  return start != NULL ? g_date_time_to_unix (start) : -1;
}

static char *
format_when (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup ("—");

  /* ISO order, as every date in Taskmap: read the same in Danish, Norwegian and English. */
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The list */

static TmHistoryRow *
make_row (TmHistoryDialog      *self,
          const TmHistoryEntry *entry)
{
  TmHistoryRow *row = g_object_new (TM_TYPE_HISTORY_ROW, NULL);
  g_autofree char *old_value = tm_history_entry_format_value (entry, entry->old_value, self->portfolio);
  g_autofree char *new_value = tm_history_entry_format_value (entry, entry->new_value, self->portfolio);

  row->texts[COLUMN_WHEN] = format_when (entry->when);
  row->texts[COLUMN_WHO] = g_strdup (entry->who != NULL && *entry->who != '\0' ? entry->who : "—");
  row->texts[COLUMN_TASK] = g_strdup (entry->task_title != NULL && *entry->task_title != '\0'
                                      ? entry->task_title : "—");
  row->texts[COLUMN_WHAT] = tm_history_entry_describe_field (entry, self->portfolio);
  /* Translators: a change: the old value, then the new one */
  row->texts[COLUMN_CHANGE] = g_strdup_printf (_("%s → %s"), old_value, new_value);

  return row;
}

static gint64
get_since (TmHistoryDialog *self,
           gboolean        *valid)
{
  *valid = TRUE;

  switch ((TmHistorySince) gtk_drop_down_get_selected (self->since_drop_down))
    {
    case TM_HISTORY_SINCE_MEETING:
      {
        gint64 since = parse_day (tm_portfolio_get_last_committee_meeting (self->portfolio));

        return MAX (since, 0);
      }

    case TM_HISTORY_SINCE_DATE:
      {
        gint64 since = parse_day (gtk_editable_get_text (GTK_EDITABLE (self->since_entry)));

        *valid = since >= 0;
        return MAX (since, 0);
      }

    case TM_HISTORY_SINCE_START:
    case TM_HISTORY_N_SINCE:
    default:
      return 0;
    }
}

static void
refresh (TmHistoryDialog *self)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;
  const char *meeting = tm_portfolio_get_last_committee_meeting (self->portfolio);
  TmHistorySince since_kind = gtk_drop_down_get_selected (self->since_drop_down);
  gboolean task_only = self->task != NULL &&
                       gtk_drop_down_get_selected (self->scope_drop_down) == SCOPE_TASK;
  gboolean valid;
  gint64 since;

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  since = get_since (self, &valid);
  gtk_widget_set_visible (GTK_WIDGET (self->since_entry), since_kind == TM_HISTORY_SINCE_DATE);
  tm_gui_set_invalid (GTK_WIDGET (self->since_entry), !valid);

  history = tm_portfolio_dup_history (self->portfolio,
                                      task_only ? tm_task_get_uuid (self->task) : NULL,
                                      NULL, since);
  /* Newest first. */
  for (guint i = history->len; valid && i > 0; i--)
    g_ptr_array_add (rows, make_row (self, g_ptr_array_index (history, i - 1)));

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);

  if (since > 0)
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (since);
      g_autofree char *date = g_date_time_format (start, "%Y-%m-%d");

      /* Translators: how many changes the list shows, and the date they start from */
      count = g_strdup_printf (ngettext ("%u change since %s", "%u changes since %s", rows->len),
                               rows->len, date);
    }
  else
    {
      /* Translators: how many changes the list shows */
      count = g_strdup_printf (ngettext ("%u change", "%u changes", rows->len), rows->len);
    }
  gtk_label_set_text (self->count_label, count);

  if (!valid)
    gtk_label_set_text (self->empty_label,
                        _("Write the date as year-month-day, for example 2026-03-14."));
  else if (since_kind == TM_HISTORY_SINCE_MEETING && *meeting == '\0' && rows->len == 0)
    gtk_label_set_text (self->empty_label,
                        _("No changes are recorded yet. The date of the committee’s last meeting is "
                          "not set, so all changes would be shown."));
  else if (since_kind == TM_HISTORY_SINCE_MEETING && *meeting != '\0')
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a date */
      text = g_strdup_printf (_("No changes since the committee’s last meeting on %s."), meeting);
      gtk_label_set_text (self->empty_label, text);
    }
  else if (since_kind == TM_HISTORY_SINCE_DATE)
    gtk_label_set_text (self->empty_label, _("No changes since that date."));
  else
    gtk_label_set_text (self->empty_label, _("No changes are recorded yet."));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), rows->len == 0);

}

static gboolean
refresh_cb (gpointer user_data)
{
  TmHistoryDialog *self = user_data;

  self->refresh_id = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

/* Edits come one after another (an import, an undo): list them once. */
static void
queue_refresh (TmHistoryDialog *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_cb, self, NULL);
}

static void
on_filter_changed (TmHistoryDialog *self)
{
  if (self->ready)
    refresh (self);
}

/* A date to type: it starts from the committee's meeting, or today. */
static void
on_since_changed (TmHistoryDialog *self)
{
  if (!self->ready)
    return;

  if (gtk_drop_down_get_selected (self->since_drop_down) == TM_HISTORY_SINCE_DATE &&
      *gtk_editable_get_text (GTK_EDITABLE (self->since_entry)) == '\0')
    {
      const char *meeting = tm_portfolio_get_last_committee_meeting (self->portfolio);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      self->ready = FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->since_entry), *meeting != '\0' ? meeting : today);
      self->ready = TRUE;
    }

  refresh (self);
}

/* The longest a text in a cell grows, in lines, before it is cut short. */
#define MAX_CELL_LINES 3

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tm-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* What changed and how is the point of the list: it wraps rather than being cut at once. */
  if (column == COLUMN_WHEN || column == COLUMN_WHO)
    {
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), MAX_CELL_LINES);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
    }
  gtk_list_item_set_child (item, label);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  TmHistoryRow *row = gtk_list_item_get_item (item);
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tm-column"));
  const char *text = row->texts[column];

  gtk_label_set_text (label, text);
  /* A long text (a description) is cut short in the cell and whole in the tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label),
                               column == COLUMN_CHANGE || column == COLUMN_TASK ? text : NULL);
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    Column               kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "tm-column", GINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
  gtk_column_view_column_set_factory (column, factory);
}

/* The committee's last meeting */

static void
show_meeting_error (TmHistoryDialog *self,
                    const char      *message)
{
  gtk_label_set_text (self->meeting_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->meeting_error_label), message != NULL);
  tm_gui_set_invalid (GTK_WIDGET (self->meeting_entry), message != NULL);
}

static void
on_meeting_changed (TmHistoryDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->meeting_entry))));

  /* Set stores what is typed; there is nothing to store while it shows the stored date. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->meeting_button),
                            g_strcmp0 (text, tm_portfolio_get_last_committee_meeting (self->portfolio)) != 0);
}

static void
on_meeting_set (TmHistoryDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->meeting_entry))));
  g_autoptr(GError) error = NULL;

  if (*text != '\0' && parse_day (text) < 0)
    {
      g_autoptr(TmWorkshopData) probe = tm_workshop_data_new ();

      /* The same words as everywhere a date is checked. */
      g_free (probe->date);
      probe->date = g_strdup (text);
      tm_workshop_data_validate (probe, &error);
      show_meeting_error (self, error != NULL ? error->message : NULL);
      return;
    }

  if (!tm_portfolio_set_last_committee_meeting (self->portfolio, text, &error))
    {
      show_meeting_error (self, error->message);
      return;
    }

  show_meeting_error (self, NULL);
  on_meeting_changed (self);
}

static void
on_meeting_stored (TmHistoryDialog *self)
{
  const char *meeting = tm_portfolio_get_last_committee_meeting (self->portfolio);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->meeting_error_label)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->meeting_entry)), meeting) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->meeting_entry), meeting);
  on_meeting_changed (self);
  queue_refresh (self);
}

/* The dialog */

static void
tm_history_dialog_dispose (GObject *object)
{
  TmHistoryDialog *self = TM_HISTORY_DIALOG (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->portfolio != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->portfolio, self);
      g_signal_handlers_disconnect_by_data (tm_portfolio_get_tasks (self->portfolio), self);
      g_signal_handlers_disconnect_by_data (tm_portfolio_get_workshops (self->portfolio), self);
    }
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_HISTORY_DIALOG);

  g_clear_object (&self->rows);
  g_clear_object (&self->task);
  g_clear_object (&self->portfolio);

  G_OBJECT_CLASS (tm_history_dialog_parent_class)->dispose (object);
}

static void
tm_history_dialog_class_init (TmHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_history_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, scope_box);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, scope_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, since_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, since_entry);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, when_column);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, who_column);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, task_column);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, what_column);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, change_column);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, meeting_entry);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, meeting_button);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, meeting_note);
  gtk_widget_class_bind_template_child (widget_class, TmHistoryDialog, meeting_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_since_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_meeting_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_meeting_set);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_history_dialog_init (TmHistoryDialog *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  const char *since_labels[TM_HISTORY_N_SINCE];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (TM_TYPE_HISTORY_ROW);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  set_column_factory (self->when_column, COLUMN_WHEN);
  set_column_factory (self->who_column, COLUMN_WHO);
  set_column_factory (self->task_column, COLUMN_TASK);
  set_column_factory (self->what_column, COLUMN_WHAT);
  set_column_factory (self->change_column, COLUMN_CHANGE);

  since_labels[TM_HISTORY_SINCE_MEETING] = _("The committee’s last meeting");
  /* Translators: a choice of where the list of changes starts */
  since_labels[TM_HISTORY_SINCE_DATE] = _("A date");
  /* Translators: a choice of where the list of changes starts */
  since_labels[TM_HISTORY_SINCE_START] = _("The start (all changes)");
  _tm_drop_down_set_labels (self->since_drop_down, since_labels, TM_HISTORY_N_SINCE);
}

static void
set_portfolio (TmHistoryDialog *self,
               TmPortfolio     *portfolio,
               TmTask          *task)
{
  const char *meeting = tm_portfolio_get_last_committee_meeting (portfolio);
  g_autofree char *note = NULL;

  self->portfolio = g_object_ref (portfolio);
  g_set_object (&self->task, task);

  if (task != NULL)
    {
      g_autofree char *only = NULL;
      const char *labels[2];

      /* Translators: a choice in the list of changes; %s is a task's title */
      only = g_strdup_printf (_("Changes to “%s”"), tm_task_get_title (task));
      labels[SCOPE_TASK] = only;
      labels[SCOPE_ALL] = _("All changes");
      _tm_drop_down_set_labels (self->scope_drop_down, labels, G_N_ELEMENTS (labels));
      gtk_drop_down_set_selected (self->scope_drop_down, SCOPE_TASK);
    }
  gtk_widget_set_visible (self->scope_box, task != NULL);

  /* Translators: %s is the committee, e.g. "MED committee" */
  note = g_strdup_printf (_("The committee report for the %s lists the changes since this date. "
                            "Leave it empty when they have not met yet."),
                          tm_country_get_committee_label (tm_portfolio_get_country (portfolio)));
  gtk_label_set_text (self->meeting_note, note);
  gtk_editable_set_text (GTK_EDITABLE (self->meeting_entry), meeting);
  on_meeting_changed (self);

  /* Since the last meeting when there was one; all changes otherwise. */
  gtk_drop_down_set_selected (self->since_drop_down,
                              *meeting != '\0' ? TM_HISTORY_SINCE_MEETING : TM_HISTORY_SINCE_START);

  g_signal_connect_swapped (portfolio, "task-changed", G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (portfolio, "notify::undo-label", G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (portfolio, "notify::can-undo", G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (portfolio, "notify::last-committee-meeting",
                            G_CALLBACK (on_meeting_stored), self);
  g_signal_connect_swapped (tm_portfolio_get_tasks (portfolio), "items-changed",
                            G_CALLBACK (queue_refresh), self);
  g_signal_connect_swapped (tm_portfolio_get_workshops (portfolio), "items-changed",
                            G_CALLBACK (queue_refresh), self);

  self->ready = TRUE;
  refresh (self);
}

TmHistoryDialog *
tm_history_dialog_present (GtkWindow   *parent,
                           TmPortfolio *portfolio,
                           TmTask      *task)
{
  TmHistoryDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (task == NULL || TM_IS_TASK (task), NULL);

  self = g_object_new (TM_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  set_portfolio (self, portfolio, task);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (task != NULL ? self->scope_drop_down : self->since_drop_down));

  return self;
}

/* Test hooks */

GtkDropDown *
_tm_history_dialog_get_scope (TmHistoryDialog *self)
{
  return self->scope_drop_down;
}

GtkDropDown *
_tm_history_dialog_get_since (TmHistoryDialog *self)
{
  return self->since_drop_down;
}

GtkEntry *
_tm_history_dialog_get_since_entry (TmHistoryDialog *self)
{
  return self->since_entry;
}

GtkEntry *
_tm_history_dialog_get_meeting_entry (TmHistoryDialog *self)
{
  return self->meeting_entry;
}

GtkButton *
_tm_history_dialog_get_meeting_button (TmHistoryDialog *self)
{
  return self->meeting_button;
}

const char *
_tm_history_dialog_get_meeting_error (TmHistoryDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->meeting_error_label)))
    return NULL;
  return gtk_label_get_text (self->meeting_error_label);
}

guint
_tm_history_dialog_get_n_rows (TmHistoryDialog *self)
{
  /* Edits not yet listed are listed now. */
  if (self->refresh_id != 0)
    refresh (self);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

GStrv
_tm_history_dialog_dup_row (TmHistoryDialog *self,
                            guint            i)
{
  g_autoptr(TmHistoryRow) row = NULL;

  if (self->refresh_id != 0)
    refresh (self);
  row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
  if (row == NULL)
    return NULL;

  return g_strdupv (row->texts);
}
