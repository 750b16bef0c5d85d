/* tm-report-dialog.c
 * The dialog that writes the committee report.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-report-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "tm-gui-util.h"
#include "render/tm-report.h"
#include "dialogs/tm-report-dialog.h"

/* The key of the application's settings that keeps the folder last used,
 * when the schema has it. */
#define FOLDER_KEY "report-folder"

struct _TmReportDialog
{
  GtkWindow             parent_instance;

  /* Template widgets */
  GtkButton            *write_button;
  GtkButton            *cancel_button;
  GtkBox               *form_box;
  GtkLabel             *scenarios_label;
  GtkScrolledWindow    *scenarios_scroller;
  GtkBox               *scenarios_box;
  GtkEntry             *since_entry;
  GtkLabel             *since_error_label;
  GtkLabel             *since_hint;
  GtkEntry             *name_entry;
  GtkButton            *folder_button;
  GtkLabel             *folder_label;
  GtkCheckButton       *open_check;
  GtkProgressBar       *progress_bar;
  GtkLabel             *message_label;

  /* Borrowed */
  GPtrArray            *checks;           /* of GtkCheckButton, one per scenario, in its order */

  /* Owned */
  TmPortfolio          *portfolio;
  GPtrArray            *scenario_ids;     /* of char *, as the checks */
  GFile                *folder;
  GSettings            *settings;         /* NULL: no FOLDER_KEY to keep the folder in */
  GtkFileChooserNative *chooser;
  GTask                *write_task;      /* while the report is written */
  TmSnapshotJob        *snapshot_job;    /* before: while the portfolio is copied, in steps */
  gpointer              pending_job;     /* (WriteJob *) what the copy is for */
  guint                 snapshot_id;
  gboolean              writing;
  gboolean              confirm_replace;  /* the file exists and the user was told */
  gboolean              opens;            /* it opens the PDF it is writing */
};

enum {
  SIGNAL_WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The folder chosen last in this run, when the settings cannot keep it */
static char *last_folder;

G_DEFINE_FINAL_TYPE (TmReportDialog, tm_report_dialog, GTK_TYPE_WINDOW)

/* Folders */

/* A folder inside a hidden one (~/.local/share, where the example
 * portfolio lives) is no place to put a report a user must find again. */
static gboolean
is_hidden (GFile *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  g_auto(GStrv) parts = NULL;

  if (path == NULL)
    return TRUE;
  parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '.' && strcmp (parts[i], ".") != 0 && strcmp (parts[i], "..") != 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_usable_default (GFile *folder)
{
  g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

  return path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR) && !is_hidden (folder);
}

static GSettings *
dup_folder_settings (GtkWindow *parent)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = tm_gui_dup_app_settings (parent);

  if (settings == NULL)
    return NULL;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, FOLDER_KEY))
    return NULL;
  return g_steal_pointer (&settings);
}

/* The folder used last, else the documents folder, else home. */
static GFile *
dup_default_folder (TmReportDialog *self)
{
  g_autofree char *remembered = NULL;
  const char *documents;

  if (self->settings != NULL)
    remembered = g_settings_get_string (self->settings, FOLDER_KEY);
  else
    remembered = g_strdup (last_folder);
  if (remembered != NULL && *remembered != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_path (remembered);

      if (is_usable_default (folder))
        return g_steal_pointer (&folder);
    }

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (documents);

      if (is_usable_default (folder))
        return g_steal_pointer (&folder);
    }
  return g_file_new_for_path (g_get_home_dir ());
}

static void
remember_folder (TmReportDialog *self)
{
  g_autofree char *path = g_file_get_path (self->folder);

  if (path == NULL)
    return;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, FOLDER_KEY, path);
  g_free (last_folder);
  last_folder = g_steal_pointer (&path);
}

static void
show_folder (TmReportDialog *self)
{
  g_autofree char *path = g_file_get_path (self->folder);
  g_autofree char *name = g_file_get_basename (self->folder);
  g_autofree char *display = NULL;

  if (path != NULL && g_strcmp0 (path, g_get_home_dir ()) == 0)
    /* Translators: the user's home folder, as the folder button shows it */
    display = g_strdup (_("Home"));
  else
    display = g_filename_display_name (name != NULL ? name : "/");
  gtk_label_set_label (self->folder_label, display);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->folder_button), path);
  {
    /* Translators: the accessible name of the folder button; %s is the folder */
    g_autofree char *label = g_strdup_printf (_("Folder: %s"), path != NULL ? path : display);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->folder_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

/* State */

static void
show_message (TmReportDialog *self,
              const char     *message,
              gboolean        error)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* The date typed, checked: TRUE and the date ("" for every change) in @since. */
static gboolean
read_since (TmReportDialog  *self,
            char           **since)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->since_entry))));
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) when = NULL;

  if (*text != '\0')
    {
      iso = g_strconcat (text, "T00:00:00Z", NULL);
      when = strlen (text) == 10 ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
      if (when == NULL)
        return FALSE;
    }
  if (since != NULL)
    *since = g_steal_pointer (&text);
  return TRUE;
}

static char *
dup_name (TmReportDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (*name == '\0')
    return NULL;
  g_strdelimit (name, "/\\", '-');
  /* The file's name says what it holds */
  if (!g_str_has_suffix (lower, ".pdf"))
    return g_strconcat (name, ".pdf", NULL);
  return g_steal_pointer (&name);
}

static guint
count_checked (TmReportDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  return n;
}

static void
update_write_button (TmReportDialog *self)
{
  g_autofree char *name = dup_name (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->write_button),
                            !self->writing && name != NULL && count_checked (self) > 0 &&
                            read_since (self, NULL));
  gtk_button_set_label (self->write_button,
                        self->confirm_replace
                        /* Translators: the button of the committee report dialog when the file exists */
                        ? _("_Replace")
                        : _("_Write Report"));
}

static void
reset_replace (TmReportDialog *self)
{
  if (!self->confirm_replace)
    return;
  self->confirm_replace = FALSE;
  show_message (self, NULL, FALSE);
}

static void
on_scenario_toggled (TmReportDialog *self)
{
  if (count_checked (self) == 0)
    show_message (self, _("Choose at least one scenario for the report."), TRUE);
  else if (!self->confirm_replace)
    show_message (self, NULL, FALSE);
  update_write_button (self);
}

static void
on_since_changed (TmReportDialog *self)
{
  gboolean valid = read_since (self, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->since_error_label), !valid);
  tm_gui_set_invalid (GTK_WIDGET (self->since_entry), !valid);
  update_write_button (self);
}

static void
on_name_changed (TmReportDialog *self)
{
  reset_replace (self);
  update_write_button (self);
}

static void
on_chooser_response (TmReportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (folder != NULL)
    _tm_report_dialog_set_folder (self, folder);
}

static void
on_folder_clicked (TmReportDialog *self)
{
  if (self->chooser != NULL)
    return;

  /* Translators: the title of the file chooser that picks the folder of the committee report */
  self->chooser = gtk_file_chooser_native_new (_("Folder for the Report"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), self->folder, NULL);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Writing */

static void
set_writing (TmReportDialog *self,
             gboolean        writing)
{
  self->writing = writing;
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_box), !writing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), !writing);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), writing);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  if (writing)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");
  else
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  update_write_button (self);
}

static void
on_uri_shown (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   "%s", _("The report was written, but could not be opened"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens @file with the user's PDF viewer; 4.8 has no GtkFileLauncher. */
static void
open_file (GtkWindow *parent,
           GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, on_uri_shown,
                     parent != NULL ? g_object_ref (parent) : NULL);
}

/* Writing: in a worker thread, on a snapshot of the portfolio taken when
 * Write is pressed, so the window goes on (and may go on editing) while the
 * report renders in the portfolio's language (the thread's own, see
 * tm_language_push()); the dialog shows the progress. */

/* The copy of the portfolio is taken in steps of this long on the main
 * thread (a region's 50 MB would hold the window some 300 ms), and is this
 * share of the progress bar. */
#define SNAPSHOT_STEP_US (20 * 1000)
#define SNAPSHOT_SHARE   0.05
/* And the copy opened in the worker. */
#define OPEN_SHARE       0.03

typedef struct {
  TmPortfolioSnapshot *snapshot;
  GStrv                ids;
  char                *since;
  GFile               *file;
  GMainContext        *context;     /* where the progress goes */
  GWeakRef             dialog;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_pointer (&job->snapshot, tm_portfolio_snapshot_free);
  g_strfreev (job->ids);
  g_free (job->since);
  g_clear_object (&job->file);
  g_main_context_unref (job->context);
  g_weak_ref_clear (&job->dialog);
  g_free (job);
}

typedef struct {
  GWeakRef dialog;
  double   fraction;
} Progress;

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(TmReportDialog) self = g_weak_ref_get (&progress->dialog);

  if (self != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, progress->fraction);
  g_weak_ref_clear (&progress->dialog);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

/* In the worker: hands @fraction of the whole bar to the main thread. */
static void
post_fraction (WriteJob *job,
               double    fraction)
{
  g_autoptr(TmReportDialog) self = g_weak_ref_get (&job->dialog);
  Progress *progress;

  if (self == NULL)
    return;
  progress = g_new0 (Progress, 1);
  g_weak_ref_init (&progress->dialog, self);
  progress->fraction = fraction;
  g_main_context_invoke (job->context, show_progress_cb, progress);
}

static void
on_open_progress (double   fraction,
                  gpointer user_data)
{
  post_fraction (user_data, SNAPSHOT_SHARE + OPEN_SHARE * fraction);
}

/* The report's own progress, after the copy's share and its opening. */
static void
on_worker_progress (double   fraction,
                    gpointer user_data)
{
  post_fraction (user_data, SNAPSHOT_SHARE + OPEN_SHARE + (1.0 - SNAPSHOT_SHARE - OPEN_SHARE) * fraction);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  g_autoptr(TmPortfolio) copy = NULL;
  GError *error = NULL;

  /* Most of a second for a region's: the bar moves with it. */
  copy = tm_portfolio_snapshot_open (job->snapshot, on_open_progress, job, &error);
  if (copy == NULL ||
      !tm_report_write_pdf_for_scenarios (copy, (const char * const *) job->ids, job->since, job->file,
                                          on_worker_progress, job, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TmReportDialog *self = TM_REPORT_DIALOG (source);
  WriteJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  self->write_task = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_writing (self, FALSE);
      show_message (self, error->message, TRUE);
      return;
    }

  remember_folder (self);
  g_signal_emit (self, signals[SIGNAL_WRITTEN], 0, job->file);
  if (self->opens)
    open_file (parent, job->file);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The copy is taken: the report is written from it in a worker thread. */
static void
start_writing (TmReportDialog *self,
               WriteJob       *job)
{
  GTask *task = g_task_new (self, NULL, on_written, NULL);

  g_task_set_source_tag (task, start_writing);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  self->write_task = task;
  g_task_run_in_thread (task, write_in_thread);
  g_object_unref (task);
}

static void
stop_snapshot (TmReportDialog *self)
{
  g_clear_handle_id (&self->snapshot_id, g_source_remove);
  g_clear_pointer (&self->snapshot_job, tm_snapshot_job_free);
  g_clear_pointer (&self->pending_job, write_job_free);
}

static gboolean
snapshot_step_cb (gpointer user_data)
{
  TmReportDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  WriteJob *job;

  if (!tm_snapshot_job_step (self->snapshot_job, SNAPSHOT_STEP_US, &done, &error))
    {
      self->snapshot_id = 0;
      stop_snapshot (self);
      set_writing (self, FALSE);
      show_message (self, error->message, TRUE);
      return G_SOURCE_REMOVE;
    }
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 SNAPSHOT_SHARE * tm_snapshot_job_get_fraction (self->snapshot_job));
  if (!done)
    return G_SOURCE_CONTINUE;

  self->snapshot_id = 0;
  job = g_steal_pointer (&self->pending_job);
  job->snapshot = tm_snapshot_job_finish (g_steal_pointer (&self->snapshot_job));
  start_writing (self, job);
  return G_SOURCE_REMOVE;
}

/* Starts writing the report as the dialog is filled in; FALSE (and nothing
 * started) when the form is not complete or the portfolio cannot be copied.
 * The copy is taken in steps from an idle, then written in a thread. */
static gboolean
write_report (TmReportDialog  *self,
              gboolean         open,
              GError         **error)
{
  g_autoptr(GFile) file = _tm_report_dialog_dup_file (self);
  g_auto(GStrv) ids = _tm_report_dialog_dup_scenarios (self);
  g_autofree char *since = NULL;
  TmSnapshotJob *snapshot_job;
  WriteJob *job;

  if (file == NULL || ids == NULL || ids[0] == NULL || !read_since (self, &since))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Choose at least one scenario, a file name and a date written YYYY-MM-DD."));
      return FALSE;
    }

  snapshot_job = tm_portfolio_snapshot_begin (self->portfolio, error);
  if (snapshot_job == NULL)
    return FALSE;

  job = g_new0 (WriteJob, 1);
  job->ids = g_steal_pointer (&ids);
  job->since = g_steal_pointer (&since);
  job->file = g_steal_pointer (&file);
  job->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&job->dialog, self);

  self->opens = open;
  set_writing (self, TRUE);
  self->snapshot_job = snapshot_job;
  self->pending_job = job;
  self->snapshot_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, snapshot_step_cb, self, NULL);
  return TRUE;
}

static void
on_write_clicked (TmReportDialog *self)
{
  g_autoptr(GFile) file = _tm_report_dialog_dup_file (self);

  if (self->writing || file == NULL)
    return;

  /* An existing file is replaced only when the user says so */
  if (!self->confirm_replace && g_file_query_exists (file, NULL))
    {
      g_autofree char *display = tm_gui_file_display_name (file);
      g_autofree char *text =
        /* Translators: in the committee report dialog; %s is a file name */
        g_strdup_printf (_("“%s” exists already. Replace it with the new report?"), display);

      self->confirm_replace = TRUE;
      show_message (self, text, FALSE);
      update_write_button (self);
      return;
    }

  show_message (self, NULL, FALSE);
  {
    g_autoptr(GError) error = NULL;

    if (!write_report (self, gtk_check_button_get_active (self->open_check), &error))
      show_message (self, error->message, TRUE);
  }
}

/* Filling in */

static void
fill_scenarios (TmReportDialog *self)
{
  GListModel *scenarios = tm_portfolio_get_scenarios (self->portfolio);
  GListModel *tasks = tm_portfolio_get_tasks (self->portfolio);
  g_auto(GStrv) chosen = tm_report_dup_default_scenarios (self->portfolio);
  guint n_tasks = g_list_model_get_n_items (tasks);

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);
      const char *id = tm_scenario_get_id (scenario);
      g_autofree char *counts = NULL;
      GtkWidget *box, *check, *caption;
      guint n_moves = 0, n_decided = 0;

      for (guint t = 0; t < n_tasks; t++)
        {
          g_autoptr(TmTask) task = g_list_model_get_item (tasks, t);
          const TmTaskData *data = tm_task_peek_data (task);
          const TmMoveReview *review = tm_task_data_get_review (data, id);

          if (tm_task_data_get_move (data, id) == NULL)
            continue;
          n_moves++;
          n_decided += review != NULL && tm_move_review_get_status (review) != TM_STATUS_PROPOSED;
        }

      counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             /* Translators: under a scenario in the committee report
                                              * dialog: its moves, and how many are past "proposed" */
                                             "%u move, %u of them no longer proposed",
                                             "%u moves, %u of them no longer proposed", n_moves),
                                n_moves, n_decided);

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      check = gtk_check_button_new_with_label (tm_scenario_get_name (scenario));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), g_strv_contains ((const char * const *) chosen, id));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_scenario_toggled), self);
      caption = gtk_label_new (counts);
      gtk_label_set_xalign (GTK_LABEL (caption), 0);
      gtk_widget_set_margin_start (caption, 28);
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      caption, NULL, -1);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_box_append (self->scenarios_box, box);

      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->scenario_ids, g_strdup (id));
    }

  /* All the scenarios in view, unless there are very many: a message shown
   * later grows the window rather than hiding some of them */
  {
    int natural = 0;

    gtk_widget_measure (GTK_WIDGET (self->scenarios_box), GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
    gtk_scrolled_window_set_min_content_height (self->scenarios_scroller,
                                                MIN (natural, gtk_scrolled_window_get_max_content_height (self->scenarios_scroller)));
  }

  /* The heading's mnemonic goes to the first scenario */
  if (self->checks->len > 0)
    gtk_label_set_mnemonic_widget (self->scenarios_label, g_ptr_array_index (self->checks, 0));
}

static void
fill (TmReportDialog *self)
{
  const char *meeting = tm_portfolio_get_last_committee_meeting (self->portfolio);
  const char *unit = tm_portfolio_get_unit_name (self->portfolio);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *hint = NULL;

  fill_scenarios (self);

  gtk_editable_set_text (GTK_EDITABLE (self->since_entry), meeting != NULL ? meeting : "");
  if (meeting != NULL && *meeting != '\0')
    /* Translators: under the date in the committee report dialog; %s is a date, YYYY-MM-DD */
    hint = g_strdup_printf (_("The committee last met on %s. Leave the date empty to list every recorded change."),
                            meeting);
  else
    hint = g_strdup (_("No date of the committee’s last meeting is given. Leave the date empty to list every "
                       "recorded change."));
  gtk_label_set_label (self->since_hint, hint);
  /* Translators: under the date in the committee report dialog, when it is not a date */
  gtk_label_set_label (self->since_error_label, _("The date must be written YYYY-MM-DD, for example 2026-03-14."));

  /* Translators: the file name suggested for the committee report: the unit's name, then
   * today's date, e.g. "Ward 7 – Committee Report 2026-03-14" */
  name = g_strdup_printf (_("%s – Committee Report %s"),
                          unit != NULL && *unit != '\0' ? unit : _("Portfolio"), date);
  g_strdelimit (name, "/\\", '-');
  file_name = g_strconcat (name, ".pdf", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), file_name);

  self->folder = dup_default_folder (self);
  show_folder (self);
  on_since_changed (self);
  on_scenario_toggled (self);
}

/* Class */

static gboolean
tm_report_dialog_close_request (GtkWindow *window)
{
  TmReportDialog *self = TM_REPORT_DIALOG (window);

  /* Not while it writes: the file would be left half done */
  if (self->writing)
    return TRUE;
  return GTK_WINDOW_CLASS (tm_report_dialog_parent_class)->close_request (window);
}

static void
tm_report_dialog_dispose (GObject *object)
{
  TmReportDialog *self = TM_REPORT_DIALOG (object);

  stop_snapshot (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->portfolio);
  g_clear_object (&self->folder);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->scenario_ids, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_REPORT_DIALOG);

  G_OBJECT_CLASS (tm_report_dialog_parent_class)->dispose (object);
}

static void
tm_report_dialog_class_init (TmReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tm_report_dialog_dispose;
  window_class->close_request = tm_report_dialog_close_request;

  /**
   * TmReportDialog::written:
   * @file: the PDF written
   *
   * The report was written; the dialog closes right after.
   */
  signals[SIGNAL_WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, write_button);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, scenarios_label);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, scenarios_scroller);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, scenarios_box);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, since_entry);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, since_error_label);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, since_hint);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, folder_button);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, folder_label);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, open_check);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TmReportDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_write_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_since_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_folder_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_report_dialog_init (TmReportDialog *self)
{
  self->checks = g_ptr_array_new ();
  self->scenario_ids = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));
}

TmReportDialog *
tm_report_dialog_present (GtkWindow   *parent,
                          TmPortfolio *portfolio)
{
  TmReportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  self = tm_gui_new_dialog (TM_TYPE_REPORT_DIALOG, parent);
  self->portfolio = g_object_ref (portfolio);
  self->settings = dup_folder_settings (parent);
  fill (self);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->write_button));

  return self;
}

gboolean
tm_report_dialog_get_open_when_written (TmReportDialog *self)
{
  g_return_val_if_fail (TM_IS_REPORT_DIALOG (self), FALSE);

  return self->opens;
}

/* Test hooks */

GFile *
_tm_report_dialog_dup_file (TmReportDialog *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (TM_IS_REPORT_DIALOG (self), NULL);

  name = dup_name (self);
  if (name == NULL || self->folder == NULL)
    return NULL;
  return g_file_get_child (self->folder, name);
}

GStrv
_tm_report_dialog_dup_scenarios (TmReportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (TM_IS_REPORT_DIALOG (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (self->scenario_ids, i));
  return g_strv_builder_end (builder);
}

GFile *
_tm_report_dialog_get_folder (TmReportDialog *self)
{
  g_return_val_if_fail (TM_IS_REPORT_DIALOG (self), NULL);

  return self->folder;
}

void
_tm_report_dialog_set_folder (TmReportDialog *self,
                              GFile          *folder)
{
  g_return_if_fail (TM_IS_REPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_set_object (&self->folder, folder);
  reset_replace (self);
  show_folder (self);
  update_write_button (self);
}

void
_tm_report_dialog_set_name (TmReportDialog *self,
                            const char     *name)
{
  g_return_if_fail (TM_IS_REPORT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
}

void
_tm_report_dialog_set_scenarios (TmReportDialog     *self,
                                 const char * const *scenario_ids)
{
  g_return_if_fail (TM_IS_REPORT_DIALOG (self));

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                 scenario_ids != NULL &&
                                 g_strv_contains (scenario_ids, g_ptr_array_index (self->scenario_ids, i)));
}

GtkProgressBar *
_tm_report_dialog_get_progress_bar (TmReportDialog *self)
{
  g_return_val_if_fail (TM_IS_REPORT_DIALOG (self), NULL);

  return self->progress_bar;
}

gboolean
_tm_report_dialog_write_now (TmReportDialog  *self,
                             GError         **error)
{
  g_return_val_if_fail (TM_IS_REPORT_DIALOG (self), FALSE);

  /* The window's main loop runs meanwhile, as when Write is clicked. */
  if (!write_report (self, FALSE, error))
    return FALSE;
  {
    g_autoptr(TmReportDialog) keep = g_object_ref (self);

    while (keep->write_task != NULL || keep->snapshot_job != NULL)
      g_main_context_iteration (NULL, TRUE);
    /* Refused: the dialog stays, saying why. */
    if (gtk_widget_has_css_class (GTK_WIDGET (keep->message_label), "error") &&
        gtk_widget_get_visible (GTK_WIDGET (keep->message_label)))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             gtk_label_get_label (keep->message_label));
        return FALSE;
      }
  }
  return TRUE;
}
