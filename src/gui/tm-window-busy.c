/* tm-window-busy.c
 * The window's long work in steps: the busy bar and its Cancel, the
 * steps taken from an idle, and the edits that go in steps (an undo or
 * redo of a region's import, a region's rows pasted).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "exchange/tm-csv.h"
#include "tm-cell-editor.h"
#include "tm-window-private.h"

/* The busy bar: while a large file is read, and while it goes in */

/* How long one step of an import may hold the main loop: the window draws
 * and the bar moves between steps. */
#define APPLY_STEP_US (20 * 1000)
/* A read shorter than this shows no bar: only the busy cursor. */
#define BUSY_REVEAL_MS 400
/* A file with fewer tasks than this starts going in at once. */
#define APPLY_AT_ONCE_ITEMS 5000
/* An undo or redo of fewer changes than this goes at once; from here on,
 * in steps with the bar: undoing an import of 1,000 tasks at once held the
 * window 74-104 ms while the list let go of their rows. */
#define UNDO_AT_ONCE_CHANGES 500
#define BUSY_PULSE_MS  200

gint64
_tm_window_step_budget (TmWindow *self)
{
  return self->apply_step_us >= 0 ? self->apply_step_us : APPLY_STEP_US;
}

/* From how many tasks (or changes) work goes in steps; in the tests' steps
 * by hand, always. */
guint
_tm_window_at_once_items (TmWindow *self)
{
  return self->apply_by_hand ? 0 : APPLY_AT_ONCE_ITEMS;
}

static guint
at_once_changes (TmWindow *self)
{
  return self->apply_by_hand ? 0 : UNDO_AT_ONCE_CHANGES;
}

/* What the bar says and shows, revealed or not. */
static void
set_busy (TmWindow   *self,
          const char *text,
          double      fraction,
          gboolean    can_cancel)
{
  gtk_label_set_text (self->busy_label, text);
  gtk_progress_bar_set_fraction (self->busy_progress, fraction);
  gtk_widget_set_sensitive (self->busy_cancel_button, can_cancel);
}

void
_tm_window_hide_busy (TmWindow *self)
{
  g_clear_handle_id (&self->busy_reveal_id, g_source_remove);
  g_clear_handle_id (&self->busy_pulse_id, g_source_remove);
  if (self->busy_revealer != NULL)
    gtk_revealer_set_reveal_child (self->busy_revealer, FALSE);
}

/* The window as it was before long work in steps: editable again. */
static void
leave_busy (TmWindow  *self,
            GtkWidget *focus)
{
  _tm_window_hide_busy (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  _tm_window_update_actions (self);
  /* The group filter and the Unit column, held back while the tasks came in. */
  _tm_window_queue_refresh (self);
  /* From Cancel, hidden now, back to the list. */
  if (focus != NULL && focus == self->busy_cancel_button && self->column_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Ends work in steps: @done (then it says what came of it), failed,
 * cancelled or dropped. */
static void
end_work (TmWindow *self,
          gboolean  done)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  const TmBusyWork *work = g_steal_pointer (&self->work);

  g_clear_handle_id (&self->apply_id, g_source_remove);
  /* Editable again before it says what came of it: a file's plan made goes
   * on to be applied, which is work in steps of its own. */
  leave_busy (self, focus);
  if (work != NULL && done && work->finished != NULL)
    work->finished (self);
  if (work != NULL)
    work->clear (self);
}

/* Shows the bar for long work in steps and turns the rest of the window off. */
static void
enter_busy (TmWindow   *self,
            const char *text,
            double      fraction,
            gboolean    can_cancel)
{
  g_clear_handle_id (&self->busy_reveal_id, g_source_remove);
  g_clear_handle_id (&self->busy_pulse_id, g_source_remove);
  set_busy (self, text, fraction, can_cancel);
  gtk_revealer_set_reveal_child (self->busy_revealer, TRUE);
  /* The focus leaves what turns insensitive (GTK 4.8's entries complain
   * otherwise) for Cancel, where Enter or Space stops the work. */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_grab_focus (self->busy_cancel_button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), FALSE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");
  _tm_window_update_actions (self);
}

/* How far the work is, on its part of the bar. */
static double
work_fraction (TmWindow *self)
{
  return self->work_from + (self->work_to - self->work_from) * self->work->get_fraction (self);
}

static gboolean
work_step_cb (gpointer user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (!self->work->step (self, _tm_window_step_budget (self), &done, &error))
    {
      self->apply_id = 0;
      end_work (self, FALSE);
      _tm_window_show_gerror (self, error);
      return G_SOURCE_REMOVE;
    }
  if (done)
    {
      self->apply_id = 0;
      end_work (self, TRUE);
      return G_SOURCE_REMOVE;
    }
  gtk_progress_bar_set_fraction (self->busy_progress, work_fraction (self));
  /* Once saved, it can only be taken back with Undo. */
  gtk_widget_set_sensitive (self->busy_cancel_button, self->work->can_cancel (self));
  if (self->work->waiting != NULL && self->work->waiting (self))
    {
      self->apply_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Takes the steps up again once what the work waited for is there. */
void
_tm_window_resume_work (TmWindow *self)
{
  if (self->work != NULL && self->apply_id == 0 && !self->apply_by_hand)
    self->apply_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, work_step_cb, self, NULL);
}

/* Sets @work going, in steps from an idle, with the bar saying @text and
 * showing it from @from to @to. */
void
_tm_window_start_work (TmWindow         *self,
            const TmBusyWork *work,
            const char       *text,
            double            from,
            double            to)
{
  self->work = work;
  self->work_from = from;
  self->work_to = to;
  enter_busy (self, text, work_fraction (self), work->can_cancel (self));
  if (!self->apply_by_hand)
    self->apply_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, work_step_cb, self, NULL);
}

/* An edit in steps: the undo or redo of a region's import, a region's rows pasted */

static gboolean
job_step (TmWindow  *self,
          gint64     budget_us,
          gboolean  *done,
          GError   **error)
{
  return tm_edit_job_step (self->edit_job, budget_us, done, error);
}

static double
job_get_fraction (TmWindow *self)
{
  return tm_edit_job_get_fraction (self->edit_job);
}

static gboolean
job_can_cancel (TmWindow *self)
{
  return tm_edit_job_can_cancel (self->edit_job);
}

static void
job_clear (TmWindow *self)
{
  g_clear_pointer (&self->edit_job, tm_edit_job_free);
  g_clear_pointer (&self->edit_job_done, g_free);
}

static const TmBusyWork undo_work = {
  job_step, job_get_fraction, job_can_cancel, job_clear, NULL,
  N_("Stopped. Nothing was changed."),
};

/* A region's rows pasted: converted and checked, then written */

/* The part of the bar for converting the rows; writing them takes the rest. */
#define PASTE_CONVERT_SHARE 0.3

static gboolean
paste_step (TmWindow  *self,
            gint64     budget_us,
            gboolean  *done,
            GError   **error)
{
  gboolean converted = FALSE;

  *done = FALSE;
  if (self->pasting == NULL)
    return tm_edit_job_step (self->edit_job, budget_us, done, error);

  if (!tm_csv_pasting_step (self->pasting, g_get_monotonic_time () + budget_us, &converted, error))
    return FALSE;
  if (converted)
    {
      self->edit_job = tm_csv_pasting_finish (g_steal_pointer (&self->pasting), NULL,
                                              &self->edit_job_done, error);
      if (self->edit_job == NULL)
        return FALSE;
    }
  return TRUE;
}

static double
paste_get_fraction (TmWindow *self)
{
  if (self->pasting != NULL)
    return PASTE_CONVERT_SHARE * tm_csv_pasting_get_fraction (self->pasting);
  return PASTE_CONVERT_SHARE + (1 - PASTE_CONVERT_SHARE) * tm_edit_job_get_fraction (self->edit_job);
}

static gboolean
paste_can_cancel (TmWindow *self)
{
  return self->pasting != NULL || tm_edit_job_can_cancel (self->edit_job);
}

static void
paste_clear (TmWindow *self)
{
  g_clear_pointer (&self->pasting, tm_csv_pasting_free);
  job_clear (self);
}

/* Says what the cell editor says of a paste done at once. */
static void
paste_finished (TmWindow *self)
{
  if (self->edit_job_done != NULL)
    _tm_window_show_toast (self, self->edit_job_done, TRUE);
}

static const TmBusyWork paste_work = {
  paste_step, paste_get_fraction, paste_can_cancel, paste_clear, paste_finished,
  N_("Stopped. Nothing was changed."),
};

/* From how many rows a paste goes in in steps with the bar: pasted at once,
 * 1,000 rows take 78 ms in a unit of 1,000 tasks and 151 ms in a region of
 * 100,000 (500: 26 and 80–86 ms). */
#define PASTE_AT_ONCE_ROWS 500

/* A region's rows pasted: from PASTE_AT_ONCE_ROWS rows converted and
 * written in steps, with the bar; fewer are left to the cell editor, which
 * pastes them at once. */
gboolean
_tm_window_on_paste_rows (TmWindow     *self,
                          TmCsvPasting *pasting,
                          TmCellEditor *editor)
{
  guint n_rows = tm_csv_pasting_get_n_rows (pasting);
  g_autofree char *text = NULL;

  if (n_rows < (self->apply_by_hand ? 0 : PASTE_AT_ONCE_ROWS) || _tm_window_is_busy (self))
    return FALSE;
  self->pasting = pasting;
  /* Translators: shown while rows pasted from a spreadsheet go into the portfolio */
  text = g_strdup_printf (ngettext ("Pasting %u row…", "Pasting %u rows…", n_rows), n_rows);
  _tm_window_start_work (self, &paste_work, text, 0.0, 1.0);
  return TRUE;
}

gboolean
_tm_window_undo_in_steps (TmWindow *self,
                          gboolean  redo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *label;

  /* A unit's edits are undone at once; a region's import in steps. */
  if (self->portfolio == NULL || _tm_window_is_busy (self) ||
      tm_portfolio_get_undo_size (self->portfolio, redo) < at_once_changes (self))
    return FALSE;

  label = redo ? tm_portfolio_get_redo_label (self->portfolio)
               : tm_portfolio_get_undo_label (self->portfolio);
  /* "Undo: Import…" */
  text = g_strdup_printf ("%s…", label != NULL ? label : "");
  self->edit_job = tm_portfolio_undo_begin (self->portfolio, redo, &error);
  if (self->edit_job == NULL)
    {
      _tm_window_show_gerror (self, error);
      return TRUE;
    }
  _tm_window_start_work (self, &undo_work, text, 0.0, 1.0);
  return TRUE;
}

gboolean
_tm_window_is_busy (TmWindow *self)
{
  return self->work != NULL;
}

void
_tm_window_stop_busy (TmWindow *self)
{
  if (self->import_cancellable != NULL)
    {
      g_cancellable_cancel (self->import_cancellable);
      g_clear_object (&self->import_cancellable);
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
    }
  if (self->work != NULL)
    end_work (self, FALSE);
  else
    _tm_window_hide_busy (self);
}

void
_tm_window_on_busy_cancel_clicked (TmWindow *self)
{
  if (self->work != NULL)
    {
      const char *cancelled = self->work->cancelled;

      if (!self->work->can_cancel (self))
        return;
      end_work (self, FALSE);
      _tm_window_show_toast (self, _(cancelled), FALSE);
      return;
    }

  /* While the file is read: nothing has been touched. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  _tm_window_hide_busy (self);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static gboolean
pulse_busy_cb (gpointer user_data)
{
  TmWindow *self = user_data;

  gtk_progress_bar_pulse (self->busy_progress);
  return G_SOURCE_CONTINUE;
}

static gboolean
reveal_busy_cb (gpointer user_data)
{
  TmWindow *self = user_data;

  self->busy_reveal_id = 0;
  gtk_revealer_set_reveal_child (self->busy_revealer, TRUE);
  self->busy_pulse_id = g_timeout_add (BUSY_PULSE_MS, pulse_busy_cb, self);
  return G_SOURCE_REMOVE;
}

/* A read of more than a moment shows the bar, moving, with Cancel. */
void
_tm_window_busy_reading (TmWindow *self,
              GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is a file name; shown while the file is read and checked */
  g_autofree char *text = g_strdup_printf (_("Reading “%s”…"), name);

  _tm_window_hide_busy (self);
  set_busy (self, text, 0.0, TRUE);
  self->busy_reveal_id = g_timeout_add (BUSY_REVEAL_MS, reveal_busy_cb, self);
}

void
_tm_window_set_import_steps (TmWindow *self,
                             gint64    step_us,
                             gboolean  by_hand)
{
  g_return_if_fail (TM_IS_WINDOW (self));

  self->apply_step_us = step_us;
  self->apply_by_hand = by_hand;
}

gboolean
_tm_window_take_import_step (TmWindow *self)
{
  g_return_val_if_fail (TM_IS_WINDOW (self), FALSE);

  if (self->work == NULL)
    return FALSE;
  /* Over when the work is; a merge waiting for a file read goes on. */
  work_step_cb (self);
  return self->work != NULL;
}
