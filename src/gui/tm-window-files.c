/* tm-window-files.c
 * The window's files: recent files, Save a Copy, import and export,
 * the committee report and printing.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "taskmap-resources.h"
#include "dialogs/tm-professions-dialog.h"
#include "tm-scenario-bar.h"
#include "views/tm-matrix-view.h"
#include "tm-assessment-pane.h"
#include "views/tm-chart-view.h"
#include "tm-scenario-summary.h"
#include "render/tm-draw.h"
#include "exchange/tm-csv.h"
#include "exchange/tm-xml.h"
#include "exchange/tm-xlsx.h"
#include "exchange/tm-merge.h"
#include "dialogs/tm-import-dialog.h"
#include "dialogs/tm-merge-dialog.h"
#include "render/tm-report.h"
#include "dialogs/tm-workshops-dialog.h"
#include "dialogs/tm-history-dialog.h"

#include "dialogs/tm-unit-dialog.h"
#include "tm-cell-editor.h"
#include "tm-column-sorter.h"
#include "store/tm-task-view.h"
#include "views/tm-move-board.h"
#include "dialogs/tm-move-dialog.h"
#include "dialogs/tm-report-dialog.h"
#include "tm-gui-util.h"
#include "tm-window-private.h"

/* Recent files */

static GStrv
dup_recent_files (TmWindow *self)
{
  if (self->settings == NULL)
    return g_new0 (char *, 1);

  return g_settings_get_strv (self->settings, "recent-files");
}

static char *
escape_underscores (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

void
_tm_window_update_recent (TmWindow *self)
{
  g_auto(GStrv) recent = dup_recent_files (self);
  GtkWidget *child;
  guint n_shown = 0;

  g_menu_remove_all (self->recent_section);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL && n_shown < MAX_RECENT_FILES; i++)
    {
      g_autofree char *name = g_filename_display_basename (recent[i]);
      g_autofree char *dir = g_path_get_dirname (recent[i]);
      g_autofree char *dir_display = g_filename_display_name (dir);
      g_autofree char *menu_label = NULL;
      g_autoptr(GMenuItem) item = NULL;
      GtkWidget *row, *box, *label;

      if (!g_file_test (recent[i], G_FILE_TEST_EXISTS))
        continue;

      menu_label = escape_underscores (name);
      item = g_menu_item_new (menu_label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = gtk_label_new (name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_box_append (GTK_BOX (box), label);
      label = gtk_label_new (dir_display);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "path", g_strdup (recent[i]), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, dir_display,
                                      -1);
      gtk_list_box_append (self->recent_list, row);
      n_shown++;
    }

  if (n_shown == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Portfolios"), "win.no-recent");

      g_menu_append_item (self->recent_section, item);
    }

  gtk_widget_set_visible (self->recent_box, n_shown > 0);
}

void
_tm_window_on_recent_row_activated (TmWindow      *self,
                                    GtkListBoxRow *row,
                                    GtkListBox    *list)
{
  const char *path = g_object_get_data (G_OBJECT (row), "path");
  /* The application opens it, over this window: the window does not call
   * back into the application. */
  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.open-recent", "s", path);
}

static void
on_save_copy_response (TmWindow             *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->save_chooser);

  if (file == NULL)
    return;

  if (tm_portfolio_get_file (self->portfolio) != NULL &&
      g_file_equal (file, tm_portfolio_get_file (self->portfolio)))
    {
      tm_window_show_error (self, _("A copy cannot replace the portfolio itself. Choose another name."));
      return;
    }

  if (!tm_portfolio_save_copy (self->portfolio, file, &error))
    {
      _tm_window_show_gerror (self, error);
    }
  else
    {
      g_autofree char *display = tm_gui_file_display_name (file);
      g_autofree char *text = NULL;

      /* Translators: shown after saving a copy; %s is the copy's file name */
      text = g_strdup_printf (_("Copy saved as “%s”"), display);
      _tm_window_show_toast (self, text, FALSE);
    }
}

void
_tm_window_save_copy_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GFile *file;

  if (self->portfolio == NULL || self->save_chooser != NULL)
    return;

  self->save_chooser = gtk_file_chooser_native_new (_("Save a Copy"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Save"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->save_chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Taskmap portfolios"));
  gtk_file_filter_add_pattern (filter, "*.taskmap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->save_chooser), filter);

  file = tm_portfolio_get_file (self->portfolio);
  if (file != NULL)
    {
      g_autoptr(GFile) dir = g_file_get_parent (file);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *stem = NULL;

      if (g_str_has_suffix (basename, ".taskmap"))
        basename[strlen (basename) - strlen (".taskmap")] = '\0';
      stem = g_filename_display_name (basename);
      /* Translators: the file name suggested for a copy; %s is the portfolio's file name */
      name = g_strdup_printf (_("%s (copy)"), stem);

      if (dir != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->save_chooser), dir, NULL);
    }
  else
    {
      name = g_strdup (_("Portfolio"));
    }

  {
    g_autofree char *full = g_strconcat (name, ".taskmap", NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->save_chooser), full);
  }

  g_signal_connect_swapped (self->save_chooser, "response",
                            G_CALLBACK (on_save_copy_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->save_chooser));
}

/* Export View */

static gboolean
view_kind_of (const char *view,
              TmViewKind *kind)
{
  if (g_strcmp0 (view, "matrix") == 0)
    *kind = TM_VIEW_MATRIX;
  else if (g_strcmp0 (view, "map") == 0)
    *kind = TM_VIEW_GRID;
  else if (g_strcmp0 (view, "capacity") == 0)
    *kind = TM_VIEW_CAPACITY;
  else if (g_strcmp0 (view, "flow") == 0)
    *kind = TM_VIEW_FLOW;
  else if (g_strcmp0 (view, "board") == 0)
    *kind = TM_VIEW_BOARD;
  else
    return FALSE;
  return TRUE;
}

/* The view shown as the exports and printing draw it: the capacity page
 * side by side is the comparison of the scenarios chosen there (@ids, free
 * it); the matrix has the rows the window shows, in its order. */
static gboolean
shown_view (TmWindow        *self,
            TmViewKind      *kind,
            TmExportOptions *options,
            GStrv           *ids)
{
  *ids = NULL;
  if (self->portfolio == NULL || !view_kind_of (_tm_window_current_view (self), kind))
    return FALSE;
  if (*kind == TM_VIEW_CAPACITY &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->capacity_stack), "compare") == 0)
    {
      *kind = TM_VIEW_COMPARISON;
      *ids = tm_chart_view_dup_scenarios (self->compare_chart);
      options->scenario_ids = (const char * const *) *ids;
    }
  if (*kind == TM_VIEW_MATRIX)
    options->tasks = G_LIST_MODEL (self->task_view);
  return TRUE;
}

gboolean
_tm_window_export_view (TmWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_auto(GStrv) ids = NULL;
  TmExportFormat format = TM_EXPORT_PDF;
  TmExportOptions options = { 0 };
  TmViewKind kind;

  if (!shown_view (self, &kind, &options, &ids))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose the matrix or one of the charts to export it."));
      return FALSE;
    }

  for (guint i = 0; i < TM_N_EXPORT_FORMATS; i++)
    {
      g_autofree char *suffix = g_strconcat (".", tm_export_format_get_extension (i), NULL);

      if (g_str_has_suffix (basename, suffix))
        format = i;
    }

  return tm_view_export_full (self->portfolio, _tm_window_get_scenario_id (self), kind, format,
                              file, &options, error);
}

static void
on_export_response (TmWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileFilter *filter;

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);
      const char *extension = filter ? g_object_get_data (G_OBJECT (filter), "extension") : NULL;
      gboolean known = FALSE;

      for (guint i = 0; i < TM_N_EXPORT_FORMATS; i++)
        {
          g_autofree char *suffix = g_strconcat (".", tm_export_format_get_extension (i), NULL);

          known |= g_str_has_suffix (basename, suffix);
        }

      /* No extension typed: the chosen file type's. */
      if (!known)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *name = g_strconcat (basename, ".", extension ? extension : "pdf", NULL);

          GFile *child = g_file_get_child (parent, name);

          g_object_unref (file);
          file = child;
        }
    }

  g_clear_object (&self->export_chooser);

  if (file == NULL)
    return;

  if (!_tm_window_export_view (self, file, &error))
    _tm_window_show_gerror (self, error);
  else
    {
      g_autofree char *display = tm_gui_file_display_name (file);
      g_autofree char *text = NULL;

      /* Translators: shown after exporting a view; %s is the file name */
      text = g_strdup_printf (_("Exported as “%s”"), display);
      _tm_window_show_toast (self, text, FALSE);
    }
}

void
_tm_window_export_view_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autofree char *name = NULL;
  TmViewKind kind;

  if (self->portfolio == NULL || self->export_chooser != NULL ||
      !view_kind_of (_tm_window_current_view (self), &kind))
    return;

  self->export_chooser = gtk_file_chooser_native_new (_("Export View"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"),
                                                      _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);

  for (int i = TM_N_EXPORT_FORMATS - 1; i >= 0; i--)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *pattern = g_strconcat ("*.", tm_export_format_get_extension (i), NULL);

      gtk_file_filter_set_name (filter, tm_export_format_get_label (i));
      gtk_file_filter_add_pattern (filter, pattern);
      g_object_set_data (G_OBJECT (filter), "extension",
                         (gpointer) tm_export_format_get_extension (i));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), filter);
    }

  /* Translators: a suggested file name: the unit's name, then the view's, e.g. "Ward 7 – Capacity" */
  name = g_strdup_printf (_("%s – %s"),
                          *tm_portfolio_get_unit_name (self->portfolio)
                            ? tm_portfolio_get_unit_name (self->portfolio) : _("Portfolio"),
                          tm_view_kind_get_label (kind));
  g_strdelimit (name, "/\\", '-');
  {
    g_autofree char *full = g_strconcat (name, ".pdf", NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), full);
  }

  g_signal_connect_swapped (self->export_chooser, "response",
                            G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* File → Import… */

static void
on_csv_imported (TmWindow       *self,
                 guint           n_imported,
                 const char     *summary,
                 TmImportDialog *dialog)
{
  _tm_window_show_toast (self, summary, n_imported > 0);
}

static void
on_merge_applied (TmWindow      *self,
                  const char    *result,
                  gboolean       changed,
                  TmMergeDialog *dialog)
{
  /* Undo only where there is something of the import's to undo. */
  _tm_window_show_toast (self, result, changed);
}

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

static gint64
step_budget (TmWindow *self)
{
  return self->apply_step_us >= 0 ? self->apply_step_us : APPLY_STEP_US;
}

/* From how many tasks (or changes) work goes in steps; in the tests' steps
 * by hand, always. */
static guint
at_once_items (TmWindow *self)
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

static void
hide_busy (TmWindow *self)
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
  hide_busy (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  _tm_window_update_actions (self);
  /* The group filter and the Unit column, held back while the tasks came in. */
  _tm_window_queue_refresh (self);
  /* From Cancel, hidden now, back to the list. */
  if (focus != NULL && focus == self->busy_cancel_button && self->column_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Long work in steps, of four kinds: a file read compared with the
 * portfolio (its merge plan made), a file going in (the plan applied), the
 * undo or redo of one, and a spreadsheet's tasks written. */
struct _TmBusyWork {
  gboolean (*step)         (TmWindow *self, gint64 budget_us, gboolean *done, GError **error);
  double   (*get_fraction) (TmWindow *self);
  gboolean (*can_cancel)   (TmWindow *self);
  /* Frees the work: rolled back while nothing is saved. */
  void     (*clear)        (TmWindow *self);
  /* Done: says what came of it, or goes on (before clear). */
  void     (*finished)     (TmWindow *self);
  const char *cancelled;   /* N_(): what Cancel says */
  /* Nullable: TRUE while the work waits for something (a file read in a
   * worker thread); its steps stop until resume_work(). */
  gboolean (*waiting)      (TmWindow *self);
};

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

/* A region's file is read and compared with the portfolio in about a
 * tenth of the time it takes to go in: the plan fills the first tenth of
 * the bar and the apply that follows at once goes on from there, rather
 * than a bar that fills and starts again. */
#define PLAN_SHARE 0.1

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

  if (!self->work->step (self, step_budget (self), &done, &error))
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
static void
resume_work (TmWindow *self)
{
  if (self->work != NULL && self->apply_id == 0 && !self->apply_by_hand)
    self->apply_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, work_step_cb, self, NULL);
}

/* Sets @work going, in steps from an idle, with the bar saying @text and
 * showing it from @from to @to. */
static void
start_work (TmWindow         *self,
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
  start_work (self, &paste_work, text, 0.0, 1.0);
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
  start_work (self, &undo_work, text, 0.0, 1.0);
  return TRUE;
}

gboolean
_tm_window_is_busy (TmWindow *self)
{
  return self->work != NULL;
}

/* A file going in: a merge plan applied */

static void
show_applied (TmWindow    *self,
              TmMergePlan *plan)
{
  g_autofree char *result = tm_merge_dialog_describe_result (plan);

  /* Undo only where there is something of the import's to undo. */
  _tm_window_show_toast (self, result, tm_merge_plan_changes_tasks (plan));
}

static gboolean
apply_step (TmWindow  *self,
            gint64     budget_us,
            gboolean  *done,
            GError   **error)
{
  /* A large plan is set going in a turn of the main loop of its own. */
  if (self->apply == NULL)
    {
      self->apply = tm_merge_plan_apply_begin (self->apply_plan, error);
      *done = FALSE;
      return self->apply != NULL;
    }
  return tm_merge_apply_step (self->apply, budget_us, done, error);
}

static double
apply_get_fraction (TmWindow *self)
{
  return self->apply != NULL ? tm_merge_apply_get_fraction (self->apply) : 0.0;
}

static gboolean
apply_can_cancel (TmWindow *self)
{
  return self->apply == NULL || tm_merge_apply_can_cancel (self->apply);
}

static void
apply_clear (TmWindow *self)
{
  g_clear_pointer (&self->apply, tm_merge_apply_free);
  g_clear_pointer (&self->apply_plan, tm_merge_plan_free_in_background);
}

static void
apply_finished (TmWindow *self)
{
  show_applied (self, self->apply_plan);
}

static const TmBusyWork apply_work = {
  apply_step, apply_get_fraction, apply_can_cancel, apply_clear, apply_finished,
  N_("Import cancelled. The portfolio is as it was."),
};

/* Applies @plan_in in steps: a file of a few hundred tasks goes in at once,
 * a region's file of 100,000 in some seconds during which the window draws,
 * the bar shows how far it got (from @bar_from: where making the plan left
 * it), and Cancel leaves the portfolio as it was until it is saved. Nothing
 * else is edited meanwhile. */
static void
apply_plan (TmWindow     *self,
            TmMergePlan  *plan_in,
            TmMergeApply *apply,
            double        bar_from)
{
  g_autoptr(TmMergePlan) plan = plan_in;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean done = FALSE;

  g_return_if_fail (self->work == NULL);

  /* A small file goes in here and now, as it always did; a large one is
   * set going from the idle, after a frame: making the plan took a turn
   * of the main loop already. @apply: set going already (by the merge dialog). */
  if (tm_merge_plan_get_n_items (plan) < at_once_items (self))
    {
      if (apply == NULL)
        apply = tm_merge_plan_apply_begin (plan, &error);
      if (apply == NULL || !tm_merge_apply_step (apply, step_budget (self), &done, &error))
        {
          g_clear_pointer (&apply, tm_merge_apply_free);
          _tm_window_show_gerror (self, error);
          return;
        }
      if (done)
        {
          tm_merge_apply_free (apply);
          show_applied (self, plan);
          return;
        }
    }

  self->apply = apply;
  self->apply_plan = g_steal_pointer (&plan);
  /* Translators: %s is a file name; shown while the file goes into the portfolio */
  text = g_strdup_printf (_("Importing “%s”…"), tm_merge_plan_get_display_name (self->apply_plan));
  start_work (self, &apply_work, text, bar_from, 1.0);
}

/* A spreadsheet's tasks written (its rows checked by the import dialog) */

static gboolean
csv_step (TmWindow  *self,
          gint64     budget_us,
          gboolean  *done,
          GError   **error)
{
  return tm_csv_import_step (self->csv_job, budget_us, done, error);
}

static double
csv_get_fraction (TmWindow *self)
{
  return tm_csv_import_get_fraction (self->csv_job);
}

static gboolean
csv_can_cancel (TmWindow *self)
{
  return tm_csv_import_can_cancel (self->csv_job);
}

static void
csv_clear (TmWindow *self)
{
  g_clear_pointer (&self->csv_job, tm_csv_import_free);
}

static void
csv_finished (TmWindow *self)
{
  g_autofree char *summary = tm_import_dialog_describe_result (tm_csv_import_get_result (self->csv_job));

  _tm_window_show_toast (self, summary, TRUE);
}

static const TmBusyWork csv_work = {
  csv_step, csv_get_fraction, csv_can_cancel, csv_clear, csv_finished,
  N_("Import cancelled. The portfolio is as it was."),
};

static gboolean
on_csv_import (TmWindow       *self,
               TmCsvImportJob *job,
               TmImportDialog *dialog)
{
  g_autofree char *text = NULL;

  if (_tm_window_is_busy (self) || self->portfolio == NULL)
    return FALSE;
  self->csv_job = job;
  text = g_strdup_printf (_("Importing “%s”…"), tm_csv_import_get_display_name (job));
  start_work (self, &csv_work, text, 0.0, 1.0);
  return TRUE;
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
    hide_busy (self);
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
  hide_busy (self);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* Import in the merge dialog: the window takes the plan in, in steps. */
static gboolean
on_merge_import (TmWindow      *self,
                 TmMergePlan   *plan,
                 TmMergeApply  *apply,
                 TmMergeDialog *dialog)
{
  if (_tm_window_is_busy (self) || self->portfolio == NULL)
    return FALSE;
  /* The user chose in between: a bar of its own. */
  apply_plan (self, plan, apply, 0.0);
  return TRUE;
}

/* Takes the plan of a file read (the tasks it adds, changes or conflicts
 * with): applied at once when there is nothing to decide, going on along
 * the bar, else the merge dialog asks. */
static void
take_merge_plan (TmWindow    *self,
                 TmMergePlan *plan_in)
{
  g_autoptr(TmMergePlan) plan = plan_in;
  TmMergeDialog *dialog;

  /* Only new and unchanged tasks: nothing for the user to decide. */
  if (tm_merge_plan_count (plan, TM_MERGE_UPDATED) == 0 &&
      tm_merge_plan_count (plan, TM_MERGE_CONFLICT) == 0)
    {
      apply_plan (self, g_steal_pointer (&plan), NULL, PLAN_SHARE);
      return;
    }

  dialog = tm_merge_dialog_present (GTK_WINDOW (self), g_steal_pointer (&plan));
  g_signal_connect_object (dialog, "import", G_CALLBACK (on_merge_import), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_merge_applied), self,
                           G_CONNECT_SWAPPED);
}

/* A file read, compared with the portfolio: a region's file in steps */

static gboolean
plan_step (TmWindow  *self,
           gint64     budget_us,
           gboolean  *done,
           GError   **error)
{
  return tm_merge_planning_step (self->planning, budget_us, done, error);
}

static double
plan_get_fraction (TmWindow *self)
{
  return tm_merge_planning_get_fraction (self->planning);
}

static gboolean
plan_can_cancel (TmWindow *self)
{
  return TRUE;
}

static void
plan_clear (TmWindow *self)
{
  g_clear_pointer (&self->planning, tm_merge_planning_free);
}

static void
plan_finished (TmWindow *self)
{
  take_merge_plan (self, tm_merge_planning_finish (self->planning));
}

static const TmBusyWork plan_work = {
  plan_step, plan_get_fraction, plan_can_cancel, plan_clear, plan_finished,
  N_("Import cancelled. The portfolio is as it was."),
};

/* Compares @source (consumed) with the portfolio, on its own thread: a
 * unit's file at once, a region's (100,000 tasks took some 100 ms) in
 * steps with the bar, from which the plan is applied or shown. */
static void
make_plan (TmWindow      *self,
           TmMergeSource *source)
{
  g_autofree char *text = NULL;
  gboolean small = tm_merge_source_get_n_tasks (source) < at_once_items (self);
  gboolean done = FALSE;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->work == NULL);

  self->planning = tm_merge_planning_new (self->portfolio, source);
  if (small)
    {
      if (!tm_merge_planning_step (self->planning, G_MAXINT64, &done, &error))
        {
          plan_clear (self);
          _tm_window_show_gerror (self, error);
          return;
        }
      plan_finished (self);
      plan_clear (self);
      return;
    }

  /* Translators: %s is a file name; shown while the file is read and checked */
  text = g_strdup_printf (_("Reading “%s”…"), tm_merge_planning_get_display_name (self->planning));
  start_work (self, &plan_work, text, 0.0, PLAN_SHARE);
}

typedef struct {
  GWeakRef     window;     /* closing the window while the file is read drops it */
  TmPortfolio *portfolio;  /* owned: the portfolio the file is for */
} XmlRead;

static void
xml_read_free (XmlRead *read)
{
  g_weak_ref_clear (&read->window);
  g_object_unref (read->portfolio);
  g_free (read);
}

/* In a worker thread: the file read and checked, the portfolio not touched. */
static void
read_xml_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  TmMergeSource *source = tm_merge_source_read_file (file, cancellable, &error);

  if (source == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, source, (GDestroyNotify) tm_merge_source_free);
}

static void
on_xml_read (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  XmlRead *read = user_data;
  g_autoptr(TmWindow) self = g_weak_ref_get (&read->window);
  g_autoptr(TmMergeSource) source = NULL;
  g_autoptr(GError) error = NULL;

  source = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL)
    {
      xml_read_free (read);
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_object (&self->import_cancellable);
      hide_busy (self);
    }

  /* The window closed, or shows another portfolio now: drop it. */
  if (self->portfolio == NULL || self->portfolio != read->portfolio ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      xml_read_free (read);
      return;
    }

  /* Compared with the portfolio here, on its own thread; nothing is
   * written until the plan is applied, in steps (apply_plan()), which
   * keeps the busy cursor for as long as they take. */
  if (source != NULL)
    make_plan (self, g_steal_pointer (&source));
  else
    _tm_window_show_gerror (self, error);
  if (self->work == NULL)
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);

  xml_read_free (read);
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
static void
busy_reading (TmWindow *self,
              GFile    *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is a file name; shown while the file is read and checked */
  g_autofree char *text = g_strdup_printf (_("Reading “%s”…"), name);

  hide_busy (self);
  set_busy (self, text, 0.0, TRUE);
  self->busy_reveal_id = g_timeout_add (BUSY_REVEAL_MS, reveal_busy_cb, self);
}

/* A region's file can be large: it is read in a worker thread and the
 * window stays responsive, as for a spreadsheet. */
static void
import_xml (TmWindow *self,
            GFile    *file)
{
  g_autoptr(GTask) task = NULL;
  XmlRead *read;

  if (self->import_cancellable != NULL)
    return;

  self->import_cancellable = g_cancellable_new ();
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");

  read = g_new0 (XmlRead, 1);
  g_weak_ref_init (&read->window, self);
  read->portfolio = g_object_ref (self->portfolio);
  task = g_task_new (NULL, self->import_cancellable, on_xml_read, read);
  g_task_set_source_tag (task, import_xml);
  busy_reading (self, file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_xml_thread);
}

typedef struct {
  GWeakRef     window;     /* closing the window while the file is read drops it */
  TmPortfolio *portfolio;  /* owned: the portfolio the import is for */
} CsvRead;

static void
on_csv_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CsvRead *read = user_data;
  g_autoptr(TmWindow) self = g_weak_ref_get (&read->window);
  g_autoptr(GError) error = NULL;
  TmCsvTable *table;
  TmImportDialog *dialog;

  table = tm_import_dialog_read_finish (result, &error);

  if (self == NULL)
    {
      g_clear_pointer (&table, tm_csv_table_free);
      g_weak_ref_clear (&read->window);
      g_object_unref (read->portfolio);
      g_free (read);
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
      g_clear_object (&self->import_cancellable);
    }

  /* The window closed, or shows another portfolio now. */
  if (self->portfolio == NULL || self->portfolio != read->portfolio ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&table, tm_csv_table_free);
    }
  else if (table == NULL)
    {
      _tm_window_show_gerror (self, error);
    }
  else
    {
      dialog = tm_import_dialog_present (GTK_WINDOW (self), self->portfolio, table);
      g_signal_connect_object (dialog, "imported", G_CALLBACK (on_csv_imported), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (dialog, "import", G_CALLBACK (on_csv_import), self,
                               G_CONNECT_SWAPPED);
    }

  g_weak_ref_clear (&read->window);
  g_object_unref (read->portfolio);
  g_free (read);
}

static void
import_csv (TmWindow *self,
            GFile    *file)
{
  CsvRead *read;

  if (self->import_cancellable != NULL)
    return;

  /* A large spreadsheet takes a moment; the window stays responsive. */
  self->import_cancellable = g_cancellable_new ();
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");

  read = g_new0 (CsvRead, 1);
  g_weak_ref_init (&read->window, self);
  read->portfolio = g_object_ref (self->portfolio);
  tm_import_dialog_read_async (file, self->import_cancellable, on_csv_read, read);
}

void
_tm_window_import_file (TmWindow *self,
                        GFile    *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;

  g_return_if_fail (TM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->portfolio == NULL)
    return;

  basename = g_file_get_basename (file);
  lower = g_ascii_strdown (basename != NULL ? basename : "", -1);
  if (g_str_has_suffix (lower, ".xml"))
    import_xml (self, file);
  else
    import_csv (self, file);
}

gboolean
_tm_window_is_reading (TmWindow *self)
{
  g_return_val_if_fail (TM_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL || self->work == &plan_work;
}

gboolean
_tm_window_is_planning (TmWindow *self)
{
  g_return_val_if_fail (TM_IS_WINDOW (self), FALSE);

  return self->work == &plan_work;
}

gboolean
_tm_window_is_importing (TmWindow *self)
{
  g_return_val_if_fail (TM_IS_WINDOW (self), FALSE);

  return self->work == &apply_work || self->work == &csv_work;
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

static void
on_import_response (TmWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->import_chooser);

  if (file != NULL)
    _tm_window_import_file (self, file);
}

void
_tm_window_import_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  static const char * const csv_patterns[] = { "*.csv", "*.tsv", "*.txt" };

  if (self->portfolio == NULL || self->import_chooser != NULL || self->import_cancellable != NULL)
    return;

  self->import_chooser = gtk_file_chooser_native_new (_("Import"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN,
                                                      _("_Import"),
                                                      _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->import_chooser), TRUE);

  gtk_file_filter_set_name (all, _("Taskmap XML and spreadsheets"));
  gtk_file_filter_add_pattern (all, "*.xml");
  gtk_file_filter_set_name (xml, _("Taskmap XML (*.xml)"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_filter_set_name (csv, _("Spreadsheet (*.csv, *.tsv, *.txt)"));
  for (guint i = 0; i < G_N_ELEMENTS (csv_patterns); i++)
    {
      gtk_file_filter_add_pattern (all, csv_patterns[i]);
      gtk_file_filter_add_pattern (csv, csv_patterns[i]);
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), xml);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), csv);

  g_signal_connect_swapped (self->import_chooser, "response",
                            G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

/* File → Merge Units…: the regional merge */

/* How many of the units' files may be read ahead of the merge. */
#define UNITS_READ_AHEAD 2

typedef struct {
  GWeakRef      window;       /* closing the window while a file is read drops it */
  GCancellable *cancellable;  /* owned: the read's; the window's no longer once dropped */
} UnitsRead;

static void
units_read_free (UnitsRead *read)
{
  g_weak_ref_clear (&read->window);
  g_object_unref (read->cancellable);
  g_free (read);
}

static void read_next_unit (TmWindow *self);

static void
on_unit_read (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  UnitsRead *read = user_data;
  g_autoptr(TmWindow) self = g_weak_ref_get (&read->window);
  TmMergeSource *source;
  g_autoptr(GError) error = NULL;

  source = g_task_propagate_pointer (G_TASK (result), &error);

  /* The window closed, or the merge was cancelled or ended: drop it. */
  if (self == NULL || self->units == NULL || self->units_cancellable != read->cancellable)
    {
      g_clear_pointer (&source, tm_merge_source_free);
      units_read_free (read);
      return;
    }
  g_clear_object (&self->units_cancellable);
  units_read_free (read);

  /* Any unreadable file refuses the whole merge; nothing was written. */
  if (source == NULL)
    {
      _tm_window_stop_busy (self);
      _tm_window_show_gerror (self, error);
      return;
    }

  tm_merge_units_add_source (self->units, source);
  read_next_unit (self);
  resume_work (self);
}

/* Reads the next file in a worker thread, unless one is being read or
 * enough are read ahead. */
static void
read_next_unit (TmWindow *self)
{
  g_autoptr(GTask) task = NULL;
  UnitsRead *read;

  if (self->units_cancellable != NULL || self->units_next >= self->units_files->len ||
      self->units_next - tm_merge_units_get_n_done (self->units) >= UNITS_READ_AHEAD)
    return;

  self->units_cancellable = g_cancellable_new ();
  read = g_new0 (UnitsRead, 1);
  g_weak_ref_init (&read->window, self);
  read->cancellable = g_object_ref (self->units_cancellable);
  task = g_task_new (NULL, self->units_cancellable, on_unit_read, read);
  g_task_set_source_tag (task, read_next_unit);
  g_task_set_task_data (task, g_object_ref (g_ptr_array_index (self->units_files, self->units_next++)),
                        g_object_unref);
  g_task_run_in_thread (task, read_xml_thread);
}

/* "Merging 12/200 files…" */
static void
units_set_label (TmWindow *self)
{
  guint n = self->units_files->len;
  g_autofree char *text =
    /* Translators: a progress line rewritten in place; the first %u is the
     * number of files merged so far, the second all of them */
    g_strdup_printf (ngettext ("Merging %u/%u file…", "Merging %u/%u files…", n),
                     tm_merge_units_get_n_done (self->units), n);

  gtk_label_set_text (self->busy_label, text);
}

static gboolean
units_step (TmWindow  *self,
            gint64     budget_us,
            gboolean  *done,
            GError   **error)
{
  guint n_done = tm_merge_units_get_n_done (self->units);

  if (!tm_merge_units_step (self->units, budget_us, done, error))
    return FALSE;
  if (tm_merge_units_get_n_done (self->units) != n_done)
    {
      units_set_label (self);
      read_next_unit (self);
    }
  return TRUE;
}

static double
units_get_fraction (TmWindow *self)
{
  return tm_merge_units_get_fraction (self->units);
}

static gboolean
units_can_cancel (TmWindow *self)
{
  return tm_merge_units_can_cancel (self->units);
}

static gboolean
units_waiting (TmWindow *self)
{
  return tm_merge_units_is_waiting (self->units);
}

static void
units_clear (TmWindow *self)
{
  if (self->units_cancellable != NULL)
    g_cancellable_cancel (self->units_cancellable);
  g_clear_object (&self->units_cancellable);
  g_clear_pointer (&self->units, tm_merge_units_free);
  g_clear_pointer (&self->units_files, g_ptr_array_unref);
}

/* Says what came of it: the files, the tasks added, and those given new ids. */
static void
units_finished (TmWindow *self)
{
  guint n_files = self->units_files->len;
  guint n_now = g_list_model_get_n_items (tm_portfolio_get_tasks (self->portfolio));
  guint n_added = n_now > self->units_tasks_before ? n_now - self->units_tasks_before : 0;
  guint n_renamed = tm_merge_units_get_n_renamed (self->units);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, ngettext ("%u unit file merged.", "%u unit files merged.", n_files), n_files);
  g_string_append_c (text, ' ');
  g_string_append_printf (text, ngettext ("%u task added.", "%u tasks added.", n_added), n_added);
  if (n_renamed > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u task that another unit also has was given an id of its own.",
                                              "%u tasks that another unit also has were given ids of their own.",
                                              n_renamed),
                              n_renamed);
    }
  _tm_window_show_toast (self, text->str, TRUE);
}

static const TmBusyWork units_work = {
  units_step, units_get_fraction, units_can_cancel, units_clear, units_finished,
  N_("Merge cancelled. The portfolio is as it was."),
  units_waiting,
};

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *pa = g_file_get_uri (*(GFile * const *) a);
  g_autofree char *pb = g_file_get_uri (*(GFile * const *) b);

  return g_utf8_collate (pa, pb);
}

void
_tm_window_merge_units (TmWindow  *self,
                        GFile    **files,
                        guint      n_files)
{
  g_return_if_fail (TM_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (self->portfolio == NULL || _tm_window_is_busy (self) || self->import_cancellable != NULL ||
      n_files == 0)
    return;

  self->units = tm_merge_units_new (self->portfolio, n_files);
  self->units_files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (self->units_files, g_object_ref (files[i]));
  /* In the order of their names, as `taskmap-tool merge` is given them by a
   * shell, whatever order the chooser gives: the first file's tasks keep
   * their ids. */
  g_ptr_array_sort (self->units_files, compare_files);
  self->units_next = 0;
  self->units_tasks_before = g_list_model_get_n_items (tm_portfolio_get_tasks (self->portfolio));

  start_work (self, &units_work, "", 0.0, 1.0);
  units_set_label (self);
  read_next_unit (self);
}

static void
on_merge_units_response (TmWindow             *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->import_chooser);

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (files, g_list_model_get_item (list, i));
  _tm_window_merge_units (self, (GFile **) files->pdata, files->len);
}

void
_tm_window_merge_units_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();

  if (self->portfolio == NULL || self->import_chooser != NULL || self->import_cancellable != NULL)
    return;

  /* Translators: the title of the file chooser of File → Merge Units… */
  self->import_chooser = gtk_file_chooser_native_new (_("Merge the Units’ Files"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN,
                                                      _("_Merge"),
                                                      _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->import_chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->import_chooser), TRUE);
  gtk_file_filter_set_name (xml, _("Taskmap XML (*.xml)"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), xml);

  g_signal_connect_swapped (self->import_chooser, "response",
                            G_CALLBACK (on_merge_units_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

/* File → Export… */

static const char *
export_format_get_extension (TmWindowExport format)
{
  switch (format)
    {
    case TM_WINDOW_EXPORT_XML: return "xml";
    case TM_WINDOW_EXPORT_XLSX: return "xlsx";
    case TM_WINDOW_EXPORT_CSV_CATALOGUE:
    case TM_WINDOW_EXPORT_CSV_MATRIX:
    case TM_WINDOW_N_EXPORTS:
    default:
      return "csv";
    }
}

static const char *
export_format_get_label (TmWindowExport format)
{
  switch (format)
    {
    case TM_WINDOW_EXPORT_XML: return _("Taskmap XML (*.xml)");
    case TM_WINDOW_EXPORT_CSV_CATALOGUE: return _("Task catalogue, spreadsheet (*.csv)");
    case TM_WINDOW_EXPORT_CSV_MATRIX: return _("Tasks × professions matrix, spreadsheet (*.csv)");
    case TM_WINDOW_EXPORT_XLSX: return _("Excel workbook (*.xlsx)");
    case TM_WINDOW_N_EXPORTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
_tm_window_export_portfolio (TmWindow        *self,
                             GFile           *file,
                             TmWindowExport   format,
                             GError         **error)
{
  const char *scenario_id;

  g_return_val_if_fail (TM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->portfolio != NULL, FALSE);

  scenario_id = _tm_window_get_scenario_id (self);

  switch (format)
    {
    case TM_WINDOW_EXPORT_XML:
      return tm_xml_export_file (self->portfolio, file, error);
    case TM_WINDOW_EXPORT_CSV_CATALOGUE:
      return tm_csv_export_catalogue_file (self->portfolio, file, error);
    case TM_WINDOW_EXPORT_CSV_MATRIX:
      return tm_csv_export_matrix_file (self->portfolio, scenario_id, file, error);
    case TM_WINDOW_EXPORT_XLSX:
      return tm_xlsx_export (self->portfolio, scenario_id, file, error);
    case TM_WINDOW_N_EXPORTS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static const char *
export_format_get_title (TmWindowExport format)
{
  switch (format)
    {
    case TM_WINDOW_EXPORT_XML: return _("Export as Taskmap XML");
    case TM_WINDOW_EXPORT_CSV_CATALOGUE: return _("Export the Task Catalogue as CSV");
    case TM_WINDOW_EXPORT_CSV_MATRIX: return _("Export the Matrix as CSV");
    case TM_WINDOW_EXPORT_XLSX: return _("Export as Excel Workbook");
    case TM_WINDOW_N_EXPORTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
on_exchange_response (TmWindow             *self,
                      int                   response,
                      GtkFileChooserNative *chooser)
{
  TmWindowExport format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "tm-export-format"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->portfolio != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->exchange_chooser);

  if (file == NULL)
    return;

  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *lower = g_ascii_strdown (basename, -1);
    g_autofree char *suffix = g_strconcat (".", export_format_get_extension (format), NULL);

    /* The file's name says what it holds. */
    if (!g_str_has_suffix (lower, suffix))
      {
        g_autoptr(GFile) parent = g_file_get_parent (file);
        g_autofree char *name = g_strconcat (basename, suffix, NULL);

        g_object_unref (file);
        file = g_file_get_child (parent, name);
      }
  }

  if (!_tm_window_export_portfolio (self, file, format, &error))
    {
      _tm_window_show_gerror (self, error);
    }
  else
    {
      g_autofree char *display = tm_gui_file_display_name (file);
      g_autofree char *text = NULL;

      /* Translators: shown after exporting a view; %s is the file name */
      text = g_strdup_printf (_("Exported as “%s”"), display);
      _tm_window_show_toast (self, text, FALSE);
    }
}

static void
export_as (TmWindow       *self,
           TmWindowExport  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = NULL;
  g_autofree char *name = NULL;
  const char *unit;

  if (self->portfolio == NULL || self->exchange_chooser != NULL)
    return;

  self->exchange_chooser = gtk_file_chooser_native_new (export_format_get_title (format),
                                                        GTK_WINDOW (self),
                                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                                        _("_Export"),
                                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->exchange_chooser), TRUE);
  g_object_set_data (G_OBJECT (self->exchange_chooser), "tm-export-format",
                     GINT_TO_POINTER (format));

  pattern = g_strconcat ("*.", export_format_get_extension (format), NULL);
  gtk_file_filter_set_name (filter, export_format_get_label (format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->exchange_chooser), filter);

  unit = tm_portfolio_get_unit_name (self->portfolio);
  name = g_strconcat (unit != NULL && *unit != '\0' ? unit : _("Portfolio"),
                      ".", export_format_get_extension (format), NULL);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->exchange_chooser), name);

  g_signal_connect_swapped (self->exchange_chooser, "response",
                            G_CALLBACK (on_exchange_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->exchange_chooser));
}

/* win.export: "xml", "catalogue" or "matrix". */
void
_tm_window_export_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TmWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);

  if (g_str_equal (id, "catalogue"))
    export_as (self, TM_WINDOW_EXPORT_CSV_CATALOGUE);
  else if (g_str_equal (id, "matrix"))
    export_as (self, TM_WINDOW_EXPORT_CSV_MATRIX);
  else
    export_as (self, TM_WINDOW_EXPORT_XML);
}

/* A separate action, missing (and its menu item hidden) without libxlsxwriter. */
void
_tm_window_export_workbook_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  export_as (user_data, TM_WINDOW_EXPORT_XLSX);
}

/* File → Committee Report… */

static void
on_report_written (TmWindow       *self,
                   GFile          *file,
                   TmReportDialog *dialog)
{
  g_autofree char *display = tm_gui_file_display_name (file);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *text = NULL;

  /* Translators: shown after writing the committee report; %s is the file name */
  text = g_strdup_printf (_("Committee report saved as “%s”"), display);
  /* The dialog opens the PDF itself when asked to; else the notification offers it. */
  _tm_window_show_toast_full (self, text, FALSE,
                   tm_report_dialog_get_open_when_written (dialog) ? NULL : uri, TRUE);
}

void
_tm_window_committee_report_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  TmWindow *self = user_data;

  if (self->portfolio == NULL)
    return;
  g_signal_connect_object (tm_report_dialog_present (GTK_WINDOW (self), self->portfolio),
                           "written", G_CALLBACK (on_report_written), self, G_CONNECT_SWAPPED);
}

/* File → Print: the view shown, drawn as the PDF export draws it, in the
 * portfolio's language. */
typedef struct {
  TmViewPrint *print;
  TmPortfolio *portfolio;
  char        *scenario_id;
  TmViewKind   kind;
  GStrv        ids;
  GListModel  *tasks;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->print, tm_view_print_free);
  g_clear_object (&job->portfolio);
  g_clear_object (&job->tasks);
  g_strfreev (job->ids);
  g_free (job->scenario_id);
  g_free (job);
}

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  TmExportOptions options = { 0 };

  options.tasks = job->tasks;
  options.scenario_ids = (const char * const *) job->ids;
  g_clear_pointer (&job->print, tm_view_print_free);
  job->print = tm_view_print_new (job->portfolio, job->scenario_id, job->kind, &options,
                                  gtk_print_context_get_width (context),
                                  gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, tm_view_print_get_n_pages (job->print));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  if (job->print != NULL && page >= 0 && (guint) page < tm_view_print_get_n_pages (job->print))
    tm_view_print_draw_page (job->print, gtk_print_context_get_cairo_context (context), page);
}

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               TmWindow                *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        tm_window_show_error (self, error->message);
    }
}

GtkPrintOperation *
_tm_window_create_print_operation (TmWindow *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  GtkPrintOperation *operation;
  TmExportOptions options = { 0 };
  PrintJob *job;
  TmViewKind kind;
  GStrv ids = NULL;

  if (!shown_view (self, &kind, &options, &ids))
    return NULL;

  job = g_new0 (PrintJob, 1);
  job->portfolio = g_object_ref (self->portfolio);
  job->scenario_id = g_strdup (_tm_window_get_scenario_id (self));
  job->kind = kind;
  job->ids = ids;
  job->tasks = options.tasks != NULL ? g_object_ref (options.tasks) : NULL;

  operation = gtk_print_operation_new ();
  /* Landscape, as the exports: the matrix and the charts are wide. */
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, tm_view_kind_get_label (kind));
  g_object_set_data_full (G_OBJECT (operation), "tm-print-job", job, (GDestroyNotify) print_job_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), job);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  return operation;
}

void
_tm_window_print_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  TmWindow *self = user_data;
  g_autoptr(GtkPrintOperation) operation = _tm_window_create_print_operation (self);
  g_autoptr(GError) error = NULL;

  if (operation == NULL)
    return;
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      error != NULL)
    tm_window_show_error (self, error->message);
}
