/* tm-unit-dialog.c
 * The dialog that edits the unit's details in one undoable step.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-unit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dialogs/tm-dialogs-private.h"
#include "tm-gui-util.h"
#include "dialogs/tm-unit-dialog.h"

struct _TmUnitDialog
{
  GtkWindow      parent_instance;

  /* Template widgets */
  GtkButton     *apply_button;
  GtkEntry      *name_entry;
  GtkEntry      *organisation_entry;
  GtkDropDown   *setting_dropdown;
  GtkDropDown   *language_dropdown;
  GtkLabel      *country_label;
  GtkTextView   *notes_view;
  GtkLabel      *error_label;

  /* Owned */
  TmPortfolio   *portfolio;
};

/* The languages a portfolio's exports and report can be written in. */
static const char * const languages[] = { "da", "nb", "en" };

G_DEFINE_FINAL_TYPE (TmUnitDialog, tm_unit_dialog, GTK_TYPE_WINDOW)

static char *
dup_name (TmUnitDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
}

static void
show_error (TmUnitDialog *self,
            const char   *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_name_changed (TmUnitDialog *self)
{
  g_autofree char *name = dup_name (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), name[0] != '\0');
  show_error (self, NULL);
}

static gboolean
apply (TmUnitDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_name (self);
  g_autofree char *organisation = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  guint setting;

  if (name[0] == '\0')
    {
      show_error (self, _("The unit needs a name."));
      return FALSE;
    }

  organisation = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->organisation_entry))));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  setting = gtk_drop_down_get_selected (self->setting_dropdown);
  if (setting >= TM_N_SETTINGS)
    setting = tm_portfolio_get_setting (self->portfolio);

  if (!tm_portfolio_set_unit_details (self->portfolio, name, organisation, setting, notes,
                                      languages[MIN (gtk_drop_down_get_selected (self->language_dropdown),
                                                     G_N_ELEMENTS (languages) - 1)],
                                      &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_apply_clicked (TmUnitDialog *self)
{
  apply (self);
}

static void
fill (TmUnitDialog *self)
{
  const char *notes = tm_portfolio_get_notes (self->portfolio);
  const char *organisation = tm_portfolio_get_organisation (self->portfolio);
  const char *name = tm_portfolio_get_unit_name (self->portfolio);

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_entry),
                         organisation != NULL ? organisation : "");
  gtk_drop_down_set_selected (self->setting_dropdown, tm_portfolio_get_setting (self->portfolio));
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i], tm_portfolio_get_language (self->portfolio)) == 0)
      gtk_drop_down_set_selected (self->language_dropdown, i);
  gtk_label_set_label (self->country_label,
                       tm_country_get_label (tm_portfolio_get_country (self->portfolio)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
}

static void
tm_unit_dialog_dispose (GObject *object)
{
  TmUnitDialog *self = TM_UNIT_DIALOG (object);

  g_clear_object (&self->portfolio);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_UNIT_DIALOG);

  G_OBJECT_CLASS (tm_unit_dialog_parent_class)->dispose (object);
}

static void
tm_unit_dialog_class_init (TmUnitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_unit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-unit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmUnitDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, TmUnitDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, TmUnitDialog, organisation_entry);
  gtk_widget_class_bind_template_child (widget_class, TmUnitDialog, setting_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmUnitDialog, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmUnitDialog, country_label);
  gtk_widget_class_bind_template_child (widget_class, TmUnitDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, TmUnitDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_unit_dialog_init (TmUnitDialog *self)
{
  const char *labels[TM_N_SETTINGS];

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < TM_N_SETTINGS; i++)
    labels[i] = tm_setting_get_label (i);
  _tm_drop_down_set_labels (self->setting_dropdown, labels, TM_N_SETTINGS);
  {
    /* Each language in its own name, as a user looks for it. */
    const char *names[G_N_ELEMENTS (languages)] = { "Dansk", "Norsk bokmål", "English" };

    _tm_drop_down_set_labels (self->language_dropdown, names, G_N_ELEMENTS (languages));
  }
}

TmUnitDialog *
_tm_unit_dialog_present (GtkWindow   *parent,
                         TmPortfolio *portfolio)
{
  TmUnitDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  self = tm_gui_new_dialog (TM_TYPE_UNIT_DIALOG, parent);
  self->portfolio = g_object_ref (portfolio);
  fill (self);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));

  return self;
}

void
tm_unit_dialog_present (GtkWindow   *parent,
                        TmPortfolio *portfolio)
{
  _tm_unit_dialog_present (parent, portfolio);
}

void
_tm_unit_dialog_set_fields (TmUnitDialog *self,
                            const char   *unit_name,
                            const char   *organisation,
                            TmSetting     setting,
                            const char   *notes)
{
  g_return_if_fail (TM_IS_UNIT_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), unit_name != NULL ? unit_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->organisation_entry),
                         organisation != NULL ? organisation : "");
  gtk_drop_down_set_selected (self->setting_dropdown, setting);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            notes != NULL ? notes : "", -1);
}

gboolean
_tm_unit_dialog_apply (TmUnitDialog *self)
{
  g_return_val_if_fail (TM_IS_UNIT_DIALOG (self), FALSE);

  return apply (self);
}
