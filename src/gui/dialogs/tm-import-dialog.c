/* tm-import-dialog.c
 * The dialog that previews a spreadsheet (CSV) and maps its columns to task fields.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-import-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "dialogs/tm-dialogs-private.h"
#include "tm-gui-util.h"
#include "dialogs/tm-import-dialog.h"

/* Enough rows to recognise the columns by; the import takes them all. */
#define PREVIEW_ROWS    20
/* A preview cell shows this much, and at least CELL_MIN_CHARS; its tooltip shows the rest. */
#define CELL_MAX_CHARS  28
#define CELL_MIN_CHARS  10
/* Wide enough for the longest field, "Patient complexity", in any of the languages. */
#define FIELD_WIDTH     190

struct _TmImportDialog
{
  GtkWindow     parent_instance;

  /* Template widgets */
  GtkButton    *import_button;
  GtkLabel     *file_label;
  GtkLabel     *format_label;
  GtkLabel     *rows_label;
  GtkGrid      *preview_grid;
  GtkLabel     *status_label;
  GtkLabel     *error_label;
  GtkWidget    *period_box;
  GtkDropDown  *period_dropdown;
  GtkLabel     *period_note;
  GtkProgressBar *check_progress;

  /* Borrowed: children of preview_grid */
  GPtrArray    *drop_downs;   /* one GtkDropDown per column */
  GPtrArray    *cells;        /* the header and preview labels, column by column */

  /* Owned */
  TmPortfolio  *portfolio;
  TmCsvTable   *table;
  TmCsvField   *mapping;      /* one per column */
  guint         n_columns;
  guint         n_preview;
  gboolean      can_import;
  gboolean      from_preset;   /* the mapping is the one chosen the last time */
  TmCsvImportJob *job;         /* while the rows of a large file are checked */
  guint         check_id;      /* the idle that checks the next rows (none by hand) */
  guint         at_once_rows;  /* from how many rows the rows are checked in steps */
  gint64        check_step_us; /* how long a step may take */
  gboolean      check_by_hand; /* tests: steps only by _tm_import_dialog_take_step() */
};

/* A table with fewer rows than this goes in at once; a larger one is checked
 * here in steps and written by the window in steps. Not only a region's:
 * the list makes the rows it shows in the frame the tasks come in, and 100
 * new rows at once held the window 95 ms (300 rows 120 ms, 1,000 rows 155 ms;
 * 49 rows 65 ms), where in steps no frame waited more than 60 ms. */
#define AT_ONCE_ROWS  50
/* How long one step of the checks may hold the main loop. */
#define CHECK_STEP_US (20 * 1000)

G_DEFINE_FINAL_TYPE (TmImportDialog, tm_import_dialog, GTK_TYPE_WINDOW)

enum {
  IMPORTED,
  IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading in a worker thread */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  TmCsvTable *table;

  table = tm_csv_read_file (file, &error);
  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify)tm_csv_table_free);
}

void
tm_import_dialog_read_async (GFile               *file,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tm_import_dialog_read_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

TmCsvTable *
tm_import_dialog_read_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The mapping */

static GtkWidget *
get_cell (TmImportDialog *self,
          guint           column,
          guint           row)
{
  /* The header, then the preview rows. */
  return g_ptr_array_index (self->cells, column * (self->n_preview + 1) + row);
}

static void
show_error (TmImportDialog *self,
            const char     *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_mapping (TmImportDialog *self)
{
  guint counts[TM_CSV_N_FIELDS] = { 0 };
  g_autofree char *status = NULL;

  for (guint c = 0; c < self->n_columns; c++)
    {
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->drop_downs, c));
      TmCsvField field = selected < TM_CSV_N_FIELDS ? (TmCsvField)selected : TM_CSV_FIELD_IGNORE;

      self->mapping[c] = field;
      counts[field]++;

      /* A column that is left out steps back. */
      for (guint r = 0; r <= self->n_preview; r++)
        {
          GtkWidget *cell = get_cell (self, c, r);

          if (field == TM_CSV_FIELD_IGNORE)
            gtk_widget_add_css_class (cell, "dim-label");
          else
            gtk_widget_remove_css_class (cell, "dim-label");
        }
    }

  /* A count is never read per day in silence: its period comes from its
   * header, from a column, or from the user here. */
  {
    int header_per = tm_csv_table_get_count_period (self->table, self->mapping);
    gboolean needs = tm_csv_table_needs_period (self->table, self->mapping);

    gtk_widget_set_visible (self->period_box, header_per >= 0 || needs);
    gtk_widget_set_sensitive (GTK_WIDGET (self->period_dropdown), header_per < 0);
    if (header_per >= 0)
      {
        g_autofree char *note =
          /* Translators: %s is e.g. "per week" */
          g_strdup_printf (_("%s, as the count’s column says."), tm_per_get_label (header_per));

        gtk_drop_down_set_selected (self->period_dropdown, header_per + 1);
        gtk_label_set_label (self->period_note, note);
      }
    else
      gtk_label_set_label (self->period_note,
                           _("The file does not say whether its counts are per day, week, month or "
                             "year. Choose it; Taskmap does not guess."));
    if (needs && header_per < 0 && gtk_drop_down_get_selected (self->period_dropdown) == 0)
      status = g_strdup (_("Choose per what the counts are (day, week, month, year or shift) before importing."));
  }

  if (status != NULL)
    ;
  else if (counts[TM_CSV_FIELD_TITLE] == 0)
    {
      status = g_strdup (_("No column goes into the title. Choose the column that holds the tasks’ titles."));
    }
  else
    {
      for (guint f = TM_CSV_FIELD_TITLE; f < TM_CSV_N_FIELDS && status == NULL; f++)
        if (counts[f] > 1)
          /* Translators: %s is a task field, e.g. "Group" */
          status = g_strdup_printf (_("More than one column goes into “%s”. Choose it for one column only."),
                                    tm_csv_field_get_label (f));
    }

  self->can_import = status == NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->can_import);
  gtk_label_set_label (self->status_label, status != NULL ? status : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);
  show_error (self, NULL);
}

/* The preview */

static GtkWidget *
make_cell (const char *text,
           gboolean    header)
{
  g_autofree char *shown = g_strdup (text != NULL ? text : "");
  GtkWidget *label;

  /* One line per row: line breaks inside a cell become spaces. */
  g_strdelimit (shown, "\r\n\t", ' ');
  label = gtk_label_new (shown);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), CELL_MAX_CHARS);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (CELL_MIN_CHARS, g_utf8_strlen (shown, -1)));
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (g_utf8_strlen (shown, -1) > CELL_MAX_CHARS)
    gtk_widget_set_tooltip_text (label, text);
  if (header)
    gtk_widget_add_css_class (label, "heading");

  return label;
}

static GtkWidget *
make_row_number (guint number)
{
  g_autofree char *text = g_strdup_printf ("%u", number);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");

  return label;
}

static void
on_field_selected (TmImportDialog *self)
{
  update_mapping (self);
}

static void
on_period_selected (TmImportDialog *self)
{
  /* Not while the preview is built: a period remembered with the mapping
   * is chosen before the columns' drop-downs exist. */
  if (self->mapping != NULL && self->drop_downs->len == self->n_columns)
    update_mapping (self);
}

/* The period chosen, -1 for none. */
static int
chosen_period (TmImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  return selected >= 1 && selected <= TM_N_PERS ? (int) selected - 1 : -1;
}

static void
build_preview (TmImportDialog *self)
{
  const TmCsvField *suggested = tm_csv_table_get_suggested_mapping (self->table);
  const char *labels[TM_CSV_N_FIELDS];
  guint n_rows = tm_csv_table_get_n_rows (self->table);
  g_autofree char *format = NULL;
  g_autofree char *rows = NULL;
  GtkWidget *heading;

  self->n_columns = tm_csv_table_get_n_columns (self->table);
  self->n_preview = MIN (n_rows, PREVIEW_ROWS);
  self->mapping = g_new0 (TmCsvField, MAX (self->n_columns, 1));

  /* The columns chosen the last time for a file with these headers. */
  {
    g_autofree TmCsvField *preset = g_memdup2 (suggested, MAX (self->n_columns, 1) * sizeof *preset);
    int per = -1;

    if (tm_csv_table_load_preset (self->table, preset, &per))
      {
        self->from_preset = TRUE;
        memcpy (self->mapping, preset, self->n_columns * sizeof *preset);
        suggested = self->mapping;
        if (per >= 0)
          gtk_drop_down_set_selected (self->period_dropdown, per + 1);
      }
  }

  gtk_label_set_label (self->file_label, tm_csv_table_get_display_name (self->table));
  /* Translators: how a spreadsheet file was read, e.g. "Encoding: Windows-1252 · Separator: Semicolon (;)" */
  format = g_strdup_printf (_("Encoding: %s · Separator: %s"),
                            tm_csv_table_get_encoding (self->table),
                            tm_csv_table_get_separator_label (self->table));
  gtk_label_set_label (self->format_label, format);

  rows = g_strdup_printf (ngettext ("The file has %u row of tasks under its header.",
                                    "The file has %u rows of tasks under its header.", n_rows),
                          n_rows);
  if (n_rows > self->n_preview)
    {
      g_autofree char *first = NULL;
      g_autofree char *both = NULL;

      first = g_strdup_printf (ngettext ("The first %u is shown here.",
                                         "The first %u are shown here.", self->n_preview),
                               self->n_preview);
      both = g_strconcat (rows, " ", first, NULL);
      g_free (rows);
      rows = g_steal_pointer (&both);
    }
  gtk_label_set_label (self->rows_label, rows);

  for (guint f = 0; f < TM_CSV_N_FIELDS; f++)
    labels[f] = tm_csv_field_get_label (f);

  /* The spreadsheet's row numbers, as its error messages count them. */
  heading = gtk_label_new (_("Row"));
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (heading), 1);
  gtk_grid_attach (self->preview_grid, heading, 0, 1, 1, 1);
  for (guint r = 0; r < self->n_preview; r++)
    gtk_grid_attach (self->preview_grid,
                     make_row_number (tm_csv_table_get_row_number (self->table, r)),
                     0, r + 2, 1, 1);

  for (guint c = 0; c < self->n_columns; c++)
    {
      const char *header = tm_csv_table_get_header (self->table, c);
      g_autofree char *name = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *drop_down = gtk_drop_down_new (NULL, NULL);
      GtkWidget *cell;

      if (header == NULL || *header == '\0')
        /* Translators: a spreadsheet column without a header; %u counts from 1 */
        name = g_strdup_printf (_("Column %u"), c + 1);
      else
        name = g_strdup (header);

      _tm_drop_down_set_labels (GTK_DROP_DOWN (drop_down), labels, TM_CSV_N_FIELDS);
      gtk_widget_set_size_request (drop_down, FIELD_WIDTH, -1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                                  suggested != NULL ? suggested[c] : TM_CSV_FIELD_IGNORE);
      /* Translators: the accessible name of the drop-down above a spreadsheet
       * column; %s is the column's header */
      accessible = g_strdup_printf (_("Task field for the column “%s”"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_field_selected),
                               self, G_CONNECT_SWAPPED);
      gtk_grid_attach (self->preview_grid, drop_down, c + 1, 0, 1, 1);
      g_ptr_array_add (self->drop_downs, drop_down);

      cell = make_cell (header, TRUE);
      gtk_grid_attach (self->preview_grid, cell, c + 1, 1, 1, 1);
      g_ptr_array_add (self->cells, cell);

      for (guint r = 0; r < self->n_preview; r++)
        {
          cell = make_cell (tm_csv_table_get_cell (self->table, r, c), FALSE);
          gtk_grid_attach (self->preview_grid, cell, c + 1, r + 2, 1, 1);
          g_ptr_array_add (self->cells, cell);
        }
    }

  update_mapping (self);
}

/* Importing */

char *
tm_import_dialog_describe_result (const TmCsvImportResult *result)
{
  GString *summary = g_string_new (NULL);

  g_return_val_if_fail (result != NULL, NULL);

  g_string_append_printf (summary, ngettext ("%u task imported", "%u tasks imported", result->n_imported),
                          result->n_imported);
  g_string_append (summary, " · ");
  g_string_append_printf (summary, ngettext ("%u with a time", "%u with a time", result->n_with_time),
                          result->n_with_time);
  g_string_append (summary, ", ");
  g_string_append_printf (summary, ngettext ("%u without a time", "%u without a time", result->n_without_time),
                          result->n_without_time);
  for (guint i = 0; result->ignored_columns != NULL && i < result->ignored_columns->len; i++)
    {
      g_string_append (summary, " · ");
      /* Translators: %s is a column, e.g. “Ansvarlig” */
      g_string_append_printf (summary, _("Column %s was not imported"),
                              (const char *) g_ptr_array_index (result->ignored_columns, i));
    }
  return g_string_free (summary, FALSE);
}

/* The dialog as it was before the checks: the mapping can be put right. */
static void
stop_checking (TmImportDialog *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->job, tm_csv_import_free);
  gtk_widget_set_visible (GTK_WIDGET (self->check_progress), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_grid), TRUE);
  gtk_widget_set_sensitive (self->period_box, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->can_import);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
refuse (TmImportDialog *self,
        GError         *error)
{
  stop_checking (self);
  /* The dialog stays open, so the mapping can be put right. */
  show_error (self, error->message);
}

/* The tasks are in: says what came of it and closes. */
static void
imported (TmImportDialog          *self,
          const TmCsvImportResult *result)
{
  g_autofree char *summary = tm_import_dialog_describe_result (result);

  g_signal_emit (self, signals[IMPORTED], 0, result->n_imported, summary);
  g_clear_pointer (&self->job, tm_csv_import_free);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The rest of the job, here and now. */
static gboolean
import_at_once (TmImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (!tm_csv_import_step (self->job, G_MAXINT64, &done, &error))
    {
      refuse (self, error);
      return FALSE;
    }
  /* Remembered for the next file with these headers. */
  tm_csv_table_save_preset (self->table, self->mapping, chosen_period (self), NULL);
  imported (self, tm_csv_import_get_result (self->job));
  return TRUE;
}

static gboolean
check_step_cb (gpointer user_data)
{
  TmImportDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  gboolean taken = FALSE;

  if (!tm_csv_import_step (self->job, self->check_step_us, &done, &error))
    {
      self->check_id = 0;
      refuse (self, error);
      return G_SOURCE_REMOVE;
    }
  if (!tm_csv_import_is_checked (self->job))
    {
      gtk_progress_bar_set_fraction (self->check_progress, tm_csv_import_get_fraction (self->job));
      return G_SOURCE_CONTINUE;
    }

  /* Every row is fine: the window writes the tasks, in steps, with its bar
   * (with no window to take them, the rest is done here). */
  self->check_id = 0;
  g_signal_emit (self, signals[IMPORT], 0, self->job, &taken);
  if (!taken)
    {
      import_at_once (self);
      return G_SOURCE_REMOVE;
    }
  self->job = NULL;
  tm_csv_table_save_preset (self->table, self->mapping, chosen_period (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static gboolean
import_table (TmImportDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->can_import || self->job != NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  show_error (self, NULL);
  self->job = tm_csv_import_begin (self->portfolio, self->table, self->mapping, chosen_period (self),
                                   &error);
  if (self->job == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  if (tm_csv_import_get_n_rows (self->job) < self->at_once_rows)
    return import_at_once (self);

  /* A region's spreadsheet: the rows are checked a slice at a time while
   * the dialog draws; Cancel (or Escape) stops it and changes nothing. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_grid), FALSE);
  gtk_widget_set_sensitive (self->period_box, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "progress");
  {
    g_autofree char *text = g_strdup_printf (ngettext ("Checking %u row…", "Checking %u rows…",
                                                       tm_csv_import_get_n_rows (self->job)),
                                             tm_csv_import_get_n_rows (self->job));

    gtk_progress_bar_set_text (self->check_progress, text);
  }
  gtk_progress_bar_set_fraction (self->check_progress, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->check_progress), TRUE);
  if (!self->check_by_hand)
    self->check_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, check_step_cb, self, NULL);
  return TRUE;
}

static void
on_import_clicked (TmImportDialog *self)
{
  import_table (self);
}

/* GObject */

static void
tm_import_dialog_dispose (GObject *object)
{
  TmImportDialog *self = TM_IMPORT_DIALOG (object);

  /* Closed while the rows were checked: nothing was written. */
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_pointer (&self->job, tm_csv_import_free);
  g_clear_object (&self->portfolio);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (tm_import_dialog_parent_class)->dispose (object);
}

static void
tm_import_dialog_finalize (GObject *object)
{
  TmImportDialog *self = TM_IMPORT_DIALOG (object);

  g_clear_pointer (&self->drop_downs, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->table, tm_csv_table_free);
  g_clear_pointer (&self->mapping, g_free);

  G_OBJECT_CLASS (tm_import_dialog_parent_class)->finalize (object);
}

static void
tm_import_dialog_class_init (TmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_import_dialog_dispose;
  object_class->finalize = tm_import_dialog_finalize;

  /* The tasks are in the portfolio; @n_imported is how many, and the string
   * says what came of it (times, columns left out). */
  signals[IMPORTED] = g_signal_new ("imported",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /* A large file's rows are checked: a handler that returns TRUE takes
   * @job (a TmCsvImportJob) and writes the tasks, in steps (the dialog then
   * closes); with none, the dialog writes them at once. */
  signals[IMPORT] = g_signal_new ("import",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, g_signal_accumulator_true_handled, NULL, NULL,
                                  G_TYPE_BOOLEAN, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, format_label);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, rows_label);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, period_box);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, period_note);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, check_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected);
  gtk_widget_class_bind_template_child (widget_class, TmImportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_import_dialog_init (TmImportDialog *self)
{
  const char *labels[TM_N_PERS + 1];

  self->drop_downs = g_ptr_array_new ();
  self->cells = g_ptr_array_new ();
  self->at_once_rows = AT_ONCE_ROWS;
  self->check_step_us = CHECK_STEP_US;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: the first choice of the period drop-down: nothing chosen yet */
  labels[0] = _("Choose…");
  for (guint p = 0; p < TM_N_PERS; p++)
    labels[p + 1] = tm_per_get_label (p);
  _tm_drop_down_set_labels (self->period_dropdown, labels, TM_N_PERS + 1);
}

TmImportDialog *
tm_import_dialog_present (GtkWindow   *parent,
                          TmPortfolio *portfolio,
                          TmCsvTable  *table)
{
  TmImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (table != NULL, NULL);

  self = tm_gui_new_dialog (TM_TYPE_IMPORT_DIALOG, parent);
  self->portfolio = g_object_ref (portfolio);
  self->table = table;
  build_preview (self);

  gtk_window_present (GTK_WINDOW (self));

  /* Enter imports at once when the columns were all recognised. */
  if (self->can_import)
    gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
  else if (self->drop_downs->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->drop_downs, 0));

  return self;
}

/* Test hooks */

GtkDropDown *
_tm_import_dialog_get_field_drop_down (TmImportDialog *self,
                                       guint           column)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return g_ptr_array_index (self->drop_downs, column);
}

gboolean
_tm_import_dialog_can_import (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), FALSE);

  return self->can_import && gtk_widget_get_sensitive (GTK_WIDGET (self->import_button));
}

const char *
_tm_import_dialog_get_status_text (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->status_label)))
    return NULL;

  return gtk_label_get_label (self->status_label);
}

const char *
_tm_import_dialog_get_preview_text (TmImportDialog *self,
                                    guint           row,
                                    guint           column)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), NULL);

  if (row >= self->n_preview || column >= self->n_columns)
    return NULL;

  return gtk_label_get_label (GTK_LABEL (get_cell (self, column, row + 1)));
}

const char *
_tm_import_dialog_get_format_text (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), NULL);

  return gtk_label_get_label (self->format_label);
}

GtkDropDown *
_tm_import_dialog_get_period_drop_down (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), NULL);

  return self->period_dropdown;
}

GtkProgressBar *
_tm_import_dialog_get_progress (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), NULL);

  return self->check_progress;
}

void
_tm_import_dialog_set_steps (TmImportDialog *self,
                             guint           at_once_rows,
                             gboolean        by_hand)
{
  g_return_if_fail (TM_IS_IMPORT_DIALOG (self));

  self->at_once_rows = at_once_rows;
  self->check_by_hand = by_hand;
  self->check_step_us = by_hand ? 0 : CHECK_STEP_US;
}

gboolean
_tm_import_dialog_take_step (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), FALSE);

  if (!_tm_import_dialog_is_checking (self))
    return FALSE;
  /* FALSE once the checks ended (and the dialog perhaps closed). */
  return check_step_cb (self) == G_SOURCE_CONTINUE;
}

gboolean
_tm_import_dialog_is_checking (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), FALSE);

  return self->job != NULL;
}

gboolean
_tm_import_dialog_import (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), FALSE);

  return import_table (self);
}

const char *
_tm_import_dialog_get_error_text (TmImportDialog *self)
{
  g_return_val_if_fail (TM_IS_IMPORT_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}
