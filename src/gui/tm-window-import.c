/* tm-window-import.c
 * File → Import… and File → Merge Units…: a file read in a worker thread,
 * compared with the portfolio and taken in, in steps with the busy bar.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "exchange/tm-csv.h"
#include "exchange/tm-merge.h"
#include "exchange/tm-xml.h"
#include "dialogs/tm-import-dialog.h"
#include "dialogs/tm-merge-dialog.h"
#include "tm-window-private.h"

/* A region's file is read and compared with the portfolio in about a
 * tenth of the time it takes to go in: the plan fills the first tenth of
 * the bar and the apply that follows at once goes on from there, rather
 * than a bar that fills and starts again. */
#define PLAN_SHARE 0.1

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
  if (tm_merge_plan_get_n_items (plan) < _tm_window_at_once_items (self))
    {
      if (apply == NULL)
        apply = tm_merge_plan_apply_begin (plan, &error);
      if (apply == NULL || !tm_merge_apply_step (apply, _tm_window_step_budget (self), &done, &error))
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
  _tm_window_start_work (self, &apply_work, text, bar_from, 1.0);
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
  _tm_window_start_work (self, &csv_work, text, 0.0, 1.0);
  return TRUE;
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
  gboolean small = tm_merge_source_get_n_tasks (source) < _tm_window_at_once_items (self);
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
  _tm_window_start_work (self, &plan_work, text, 0.0, PLAN_SHARE);
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
      _tm_window_hide_busy (self);
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
  _tm_window_busy_reading (self, file);
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
  _tm_window_resume_work (self);
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

  _tm_window_start_work (self, &units_work, "", 0.0, 1.0);
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
