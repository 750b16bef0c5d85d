/* tm-merge-dialog.c
 * The review of a portfolio file taken back in: which copy of each changed
 * task to keep.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dialogs/tm-dialogs-private.h"
#include "tm-gui-util.h"
#include "dialogs/tm-merge-dialog.h"

struct _TmMergeDialog
{
  GtkWindow     parent_instance;

  /* Template widgets */
  GtkButton    *import_button;
  GtkLabel     *intro_label;
  GtkLabel     *summary_label;
  GtkLabel     *hint_label;
  GtkWidget    *conflict_box;
  GtkListBox   *list_box;
  GtkLabel     *error_label;

  /* Borrowed: widgets of the rows */
  GPtrArray    *drop_downs;   /* one GtkDropDown per row */
  GPtrArray    *details;      /* one GtkLabel per row */

  /* Owned */
  TmMergePlan  *plan;
  GArray       *row_items;    /* of guint: the plan's item of each row */
  gboolean      updating;
};

G_DEFINE_FINAL_TYPE (TmMergeDialog, tm_merge_dialog, GTK_TYPE_WINDOW)

enum {
  APPLIED,
  IMPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (TmMergeDialog *self,
            const char    *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static guint
get_row_item (TmMergeDialog *self,
              guint          row)
{
  return g_array_index (self->row_items, guint, row);
}

/* Joins whole sentences or list items. */
static void
append_part (GString    *text,
             const char *separator,
             char       *part)
{
  if (text->len > 0)
    g_string_append (text, separator);
  g_string_append (text, part);
  g_free (part);
}

char *
tm_merge_dialog_describe_result (TmMergePlan *plan)
{
  GString *text = g_string_new (NULL);
  guint added, updated = 0, unchanged;

  g_return_val_if_fail (plan != NULL, NULL);

  added = tm_merge_plan_count (plan, TM_MERGE_ADDED);
  unchanged = tm_merge_plan_count (plan, TM_MERGE_UNCHANGED);
  for (guint i = 0; i < tm_merge_plan_get_n_items (plan); i++)
    {
      TmMergeKind kind = tm_merge_plan_get_kind (plan, i);

      if (kind != TM_MERGE_UPDATED && kind != TM_MERGE_CONFLICT)
        continue;
      if (tm_merge_plan_get_choice (plan, i) == TM_MERGE_TAKE_THEIRS)
        updated++;
      else
        unchanged++;
    }

  if (added == 0 && updated == 0)
    return g_strdup (_("Nothing to import: the portfolio already has the file’s tasks."));

  if (added > 0)
    append_part (text, " ", g_strdup_printf (ngettext ("%u task added.", "%u tasks added.", added),
                                             added));
  if (updated > 0)
    append_part (text, " ", g_strdup_printf (ngettext ("%u task updated.", "%u tasks updated.",
                                                       updated), updated));
  if (unchanged > 0)
    append_part (text, " ", g_strdup_printf (ngettext ("%u task unchanged.", "%u tasks unchanged.",
                                                       unchanged), unchanged));

  return g_string_free (text, FALSE);
}

static void
update_summary (TmMergeDialog *self)
{
  GString *text = g_string_new (NULL);
  guint added = tm_merge_plan_count (self->plan, TM_MERGE_ADDED);
  guint updated = tm_merge_plan_count (self->plan, TM_MERGE_UPDATED);
  guint conflicts = tm_merge_plan_count (self->plan, TM_MERGE_CONFLICT);
  guint unchanged = tm_merge_plan_count (self->plan, TM_MERGE_UNCHANGED);

  /* A list of counts, not a sentence. */
  append_part (text, "  ·  ",
               g_strdup_printf (ngettext ("%u new task", "%u new tasks", added), added));
  append_part (text, "  ·  ",
               g_strdup_printf (ngettext ("%u changed task", "%u changed tasks", updated), updated));
  append_part (text, "  ·  ",
               g_strdup_printf (ngettext ("%u conflict", "%u conflicts", conflicts), conflicts));
  if (unchanged > 0)
    append_part (text, "  ·  ",
                 g_strdup_printf (ngettext ("%u unchanged task", "%u unchanged tasks", unchanged),
                                  unchanged));

  gtk_label_set_label (self->summary_label, text->str);
  g_string_free (text, TRUE);
}

static void
on_choice_selected (TmMergeDialog *self,
                    GParamSpec    *pspec,
                    GtkDropDown   *drop_down)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "tm-row"));
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;

  tm_merge_plan_set_choice (self->plan, get_row_item (self, row),
                            selected == TM_MERGE_TAKE_THEIRS ? TM_MERGE_TAKE_THEIRS
                                                             : TM_MERGE_KEEP_MINE);
  show_error (self, NULL);
}

static void
set_all_conflicts (TmMergeDialog *self,
                   TmMergeChoice  choice)
{
  tm_merge_plan_set_conflict_choice (self->plan, choice);

  self->updating = TRUE;
  for (guint row = 0; row < self->row_items->len; row++)
    {
      guint item = get_row_item (self, row);

      gtk_drop_down_set_selected (g_ptr_array_index (self->drop_downs, row),
                                  tm_merge_plan_get_choice (self->plan, item));
    }
  self->updating = FALSE;
  show_error (self, NULL);
}

static void
on_keep_all_clicked (TmMergeDialog *self)
{
  set_all_conflicts (self, TM_MERGE_KEEP_MINE);
}

static void
on_take_all_clicked (TmMergeDialog *self)
{
  set_all_conflicts (self, TM_MERGE_TAKE_THEIRS);
}

static GtkWidget *
make_row (TmMergeDialog *self,
          guint          row,
          guint          item)
{
  const char *choices[2];
  TmMergeKind kind = tm_merge_plan_get_kind (self->plan, item);
  const TmTaskData *theirs = tm_merge_plan_get_theirs (self->plan, item);
  TmTask *mine = tm_merge_plan_get_mine (self->plan, item);
  const char *title = mine != NULL ? tm_task_get_title (mine) : theirs->title;
  g_autofree char *differences = tm_merge_plan_describe_differences (self->plan, item);
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *box, *text_box, *label, *kind_label, *drop_down, *list_row;

  choices[TM_MERGE_KEEP_MINE] = _("Keep mine");
  choices[TM_MERGE_TAKE_THEIRS] = _("Take theirs");

  if (title == NULL || *title == '\0')
    title = _("Untitled task");

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (label, title);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (text_box), label);

  if (mine != NULL && theirs->title != NULL && g_strcmp0 (theirs->title, tm_task_get_title (mine)) != 0)
    {
      g_autofree char *in_file = NULL;

      /* Translators: under a task's title, the title the imported file gives it */
      in_file = g_strdup_printf (_("In the file: “%s”"), theirs->title);
      label = gtk_label_new (in_file);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (text_box), label);
    }

  if (differences != NULL && *differences != '\0')
    /* Translators: what differs between the two copies of a task, e.g. "Differs in: title, time" */
    details = g_strdup_printf (_("Differs in: %s"), differences);
  else
    details = g_strdup ("");
  label = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (text_box), label);
  g_ptr_array_add (self->details, label);
  gtk_box_append (GTK_BOX (box), text_box);

  if (kind == TM_MERGE_CONFLICT)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), icon);
    }

  kind_label = gtk_label_new (tm_merge_kind_get_label (kind));
  gtk_widget_set_valign (kind_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (kind_label, "caption-heading");
  if (kind == TM_MERGE_CONFLICT)
    gtk_widget_add_css_class (kind_label, "warning");
  gtk_box_append (GTK_BOX (box), kind_label);

  drop_down = gtk_drop_down_new (NULL, NULL);
  _tm_drop_down_set_labels (GTK_DROP_DOWN (drop_down), choices, G_N_ELEMENTS (choices));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), tm_merge_plan_get_choice (self->plan, item));
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of the choice for a task; %s is its title */
  accessible = g_strdup_printf (_("Which copy of “%s” to keep"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (drop_down), "tm-row", GUINT_TO_POINTER (row));
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_choice_selected),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), drop_down);
  g_ptr_array_add (self->drop_downs, drop_down);

  list_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, details, -1);

  return list_row;
}

static void
fill (TmMergeDialog *self)
{
  g_autofree char *intro = NULL;
  g_autofree char *changed_hint = NULL;
  g_autofree char *conflict_hint = NULL;
  g_autofree char *hint = NULL;
  guint n_items = tm_merge_plan_get_n_items (self->plan);
  guint conflicts = tm_merge_plan_count (self->plan, TM_MERGE_CONFLICT);

  /* Translators: %s is the name of the file being imported */
  intro = g_strdup_printf (_("Some tasks in “%s” differ from yours. Choose for each which copy to keep."),
                           tm_merge_plan_get_display_name (self->plan));
  gtk_label_set_label (self->intro_label, intro);

  /* Translators: %s is the label of a kind of change, "Changed" */
  changed_hint = g_strdup_printf (_("%s: the file’s copy was changed after yours."),
                                  tm_merge_kind_get_label (TM_MERGE_UPDATED));
  /* Translators: %s is the label of a kind of change, "Conflict" */
  conflict_hint = g_strdup_printf (_("%s: your copy is as new as the file’s or newer, or the time of a change is not known."),
                                   tm_merge_kind_get_label (TM_MERGE_CONFLICT));
  hint = g_strconcat (changed_hint, " ", conflict_hint, NULL);
  gtk_label_set_label (self->hint_label, hint);

  for (guint item = 0; item < n_items; item++)
    {
      TmMergeKind kind = tm_merge_plan_get_kind (self->plan, item);
      guint row = self->row_items->len;

      if (kind != TM_MERGE_UPDATED && kind != TM_MERGE_CONFLICT)
        continue;

      g_array_append_val (self->row_items, item);
      gtk_list_box_append (self->list_box, make_row (self, row, item));
    }

  gtk_widget_set_visible (self->conflict_box, conflicts > 0);
  update_summary (self);
}

static gboolean
import_plan (TmMergeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;
  TmMergeApply *apply;
  gboolean taken = FALSE;
  gboolean done = FALSE;

  /* Refused here (the portfolio changed meanwhile, say): the dialog says so. */
  apply = tm_merge_plan_apply_begin (self->plan, &error);
  if (apply == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }

  /* The window takes it in, in steps; without one, it goes in here. */
  g_signal_emit (self, signals[IMPORT], 0, self->plan, apply, &taken);
  if (taken)
    {
      self->plan = NULL;
      gtk_window_destroy (GTK_WINDOW (self));
      return TRUE;
    }

  if (!tm_merge_apply_step (apply, G_MAXINT64, &done, &error))
    {
      tm_merge_apply_free (apply);
      show_error (self, error->message);
      return FALSE;
    }
  tm_merge_apply_free (apply);

  result = tm_merge_dialog_describe_result (self->plan);
  g_signal_emit (self, signals[APPLIED], 0, result, tm_merge_plan_changes_tasks (self->plan));
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}

static void
on_import_clicked (TmMergeDialog *self)
{
  import_plan (self);
}

/* GObject */

static void
tm_merge_dialog_dispose (GObject *object)
{
  TmMergeDialog *self = TM_MERGE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_MERGE_DIALOG);

  G_OBJECT_CLASS (tm_merge_dialog_parent_class)->dispose (object);
}

static void
tm_merge_dialog_finalize (GObject *object)
{
  TmMergeDialog *self = TM_MERGE_DIALOG (object);

  g_clear_pointer (&self->drop_downs, g_ptr_array_unref);
  g_clear_pointer (&self->details, g_ptr_array_unref);
  g_clear_pointer (&self->row_items, g_array_unref);
  g_clear_pointer (&self->plan, tm_merge_plan_free);

  G_OBJECT_CLASS (tm_merge_dialog_parent_class)->finalize (object);
}

static void
tm_merge_dialog_class_init (TmMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_merge_dialog_dispose;
  object_class->finalize = tm_merge_dialog_finalize;

  /* The plan was applied: what it did, and whether any task changed. */
  signals[APPLIED] = g_signal_new ("applied",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /* Import was pressed and the plan set going (tm_merge_plan_apply_begin()):
   * a handler that returns TRUE takes over the plan (a TmMergePlan) and the
   * apply (a TmMergeApply) and steps it to its end; the dialog then closes
   * without "applied". */
  signals[IMPORT] = g_signal_new ("import",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, g_signal_accumulator_true_handled, NULL, NULL,
                                  G_TYPE_BOOLEAN, 2, G_TYPE_POINTER, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmMergeDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TmMergeDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, TmMergeDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TmMergeDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, TmMergeDialog, conflict_box);
  gtk_widget_class_bind_template_child (widget_class, TmMergeDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, TmMergeDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_keep_all_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_take_all_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_merge_dialog_init (TmMergeDialog *self)
{
  self->drop_downs = g_ptr_array_new ();
  self->details = g_ptr_array_new ();
  self->row_items = g_array_new (FALSE, FALSE, sizeof (guint));

  gtk_widget_init_template (GTK_WIDGET (self));
}

TmMergeDialog *
tm_merge_dialog_present (GtkWindow   *parent,
                         TmMergePlan *plan)
{
  TmMergeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  self = tm_gui_new_dialog (TM_TYPE_MERGE_DIALOG, parent);
  self->plan = plan;
  fill (self);

  gtk_window_present (GTK_WINDOW (self));
  /* Enter imports with the choices as they stand. */
  gtk_widget_grab_focus (GTK_WIDGET (self->import_button));

  return self;
}

/* Test hooks */

guint
_tm_merge_dialog_get_n_rows (TmMergeDialog *self)
{
  g_return_val_if_fail (TM_IS_MERGE_DIALOG (self), 0);

  return self->row_items->len;
}

guint
_tm_merge_dialog_get_row_item (TmMergeDialog *self,
                               guint          row)
{
  g_return_val_if_fail (TM_IS_MERGE_DIALOG (self), 0);
  g_return_val_if_fail (row < self->row_items->len, 0);

  return get_row_item (self, row);
}

GtkDropDown *
_tm_merge_dialog_get_choice_drop_down (TmMergeDialog *self,
                                       guint          row)
{
  g_return_val_if_fail (TM_IS_MERGE_DIALOG (self), NULL);
  g_return_val_if_fail (row < self->drop_downs->len, NULL);

  return g_ptr_array_index (self->drop_downs, row);
}

const char *
_tm_merge_dialog_get_row_details (TmMergeDialog *self,
                                  guint          row)
{
  g_return_val_if_fail (TM_IS_MERGE_DIALOG (self), NULL);
  g_return_val_if_fail (row < self->details->len, NULL);

  return gtk_label_get_label (g_ptr_array_index (self->details, row));
}

const char *
_tm_merge_dialog_get_summary_text (TmMergeDialog *self)
{
  g_return_val_if_fail (TM_IS_MERGE_DIALOG (self), NULL);

  return gtk_label_get_label (self->summary_label);
}

void
_tm_merge_dialog_set_all_conflicts (TmMergeDialog *self,
                                    TmMergeChoice  choice)
{
  g_return_if_fail (TM_IS_MERGE_DIALOG (self));

  set_all_conflicts (self, choice);
}

gboolean
_tm_merge_dialog_import (TmMergeDialog *self)
{
  g_return_val_if_fail (TM_IS_MERGE_DIALOG (self), FALSE);

  return import_plan (self);
}

const char *
_tm_merge_dialog_get_error_text (TmMergeDialog *self)
{
  g_return_val_if_fail (TM_IS_MERGE_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}
