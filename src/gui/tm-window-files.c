/* tm-window-files.c
 * The window's files: recent files, Save a Copy, Export View, Export…,
 * the committee report and printing. Import… and Merge Units… are in
 * tm-window-import.c, the busy bar they use in tm-window-busy.c.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "render/tm-draw.h"
#include "render/tm-report.h"
#include "exchange/tm-csv.h"
#include "exchange/tm-xlsx.h"
#include "exchange/tm-xml.h"
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
