/* tm-new-portfolio-dialog.c
 * The dialog that asks for what a new portfolio needs: country, unit, file.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-new-portfolio-dialog"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "dialogs/tm-dialogs-private.h"
#include "tm-gui-util.h"
#include "dialogs/tm-new-portfolio-dialog.h"

#define FILE_SUFFIX ".taskmap"

struct _TmNewPortfolioDialog
{
  GtkWindow               parent_instance;

  /* Template widgets */
  GtkButton              *create_button;
  GtkDropDown            *country_dropdown;
  GtkEntry               *unit_entry;
  GtkCheckButton         *empty_check;
  GtkCheckButton         *example_check;
  GtkLabel               *location_label;
  GtkLabel               *error_label;

  /* Owned */
  GFile                  *folder;       /* where the file goes unless one was chosen */
  GFile                  *chosen_file;  /* picked with "Choose…", or NULL */
  GtkFileChooserNative   *chooser;

  /* Borrowed */
  TmNewPortfolioCallback  callback;
  gpointer                user_data;
};

G_DEFINE_FINAL_TYPE (TmNewPortfolioDialog, tm_new_portfolio_dialog, GTK_TYPE_WINDOW)

static TmCountry
get_default_country (void)
{
  const char * const *languages = g_get_language_names ();
  const char *first = languages[0];

  /* The UI language decides: Norwegian (bokmål, nynorsk or plain "no") → Norway. */
  if (g_str_has_prefix (first, "nb") || g_str_has_prefix (first, "nn")
      || g_str_has_prefix (first, "no"))
    return TM_COUNTRY_NO;

  return TM_COUNTRY_DK;
}

static char *
dup_unit_name (TmNewPortfolioDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_entry))));
}

/* A unit name made safe as a file name on any common file system. */
static char *
sanitise_file_name (const char *name)
{
  g_autoptr(GString) string = g_string_new (NULL);
  g_autofree char *stripped = NULL;
  const char *start;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && strchr ("/\\:*?\"<>|", (int) c) != NULL)
        g_string_append_c (string, '-');
      else if (g_unichar_iscntrl (c))
        g_string_append_c (string, ' ');
      else
        g_string_append_unichar (string, c);
    }

  stripped = g_strstrip (g_strdup (string->str));
  start = stripped;
  while (*start == '.' || *start == ' ')
    start++;

  if (*start == '\0')
    /* Translators: file name of a new portfolio whose unit has no name yet */
    return g_strdup (_("Portfolio"));

  if (g_utf8_strlen (start, -1) > 100)
    return g_utf8_substring (start, 0, 100);

  return g_strdup (start);
}

static GFile *
get_file (TmNewPortfolioDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *sanitised = NULL;
  g_autofree char *basename = NULL;

  if (self->chosen_file != NULL)
    return g_object_ref (self->chosen_file);

  name = dup_unit_name (self);
  sanitised = sanitise_file_name (name);
  basename = g_strconcat (sanitised, FILE_SUFFIX, NULL);

  return g_file_get_child (self->folder, basename);
}

/* The file with the suffix added if the user left it out. */
static GFile *
get_file_with_suffix (TmNewPortfolioDialog *self)
{
  g_autoptr(GFile) file = get_file (self);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *with_suffix = NULL;

  if (parent == NULL || g_str_has_suffix (basename, FILE_SUFFIX))
    return g_steal_pointer (&file);

  with_suffix = g_strconcat (basename, FILE_SUFFIX, NULL);
  return g_file_get_child (parent, with_suffix);
}

static void
update_location (TmNewPortfolioDialog *self)
{
  g_autoptr(GFile) file = get_file_with_suffix (self);
  g_autofree char *display = g_file_get_parse_name (file);

  gtk_label_set_label (self->location_label, display);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->location_label), display);
}

static void
show_error (TmNewPortfolioDialog *self,
            const char           *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_unit_changed (TmNewPortfolioDialog *self)
{
  g_autofree char *name = dup_unit_name (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), name[0] != '\0');
  show_error (self, NULL);
  update_location (self);
}

static void
on_chooser_response (TmNewPortfolioDialog *self,
                     int                   response,
                     GtkNativeDialog      *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          g_set_object (&self->chosen_file, file);
          show_error (self, NULL);
          update_location (self);
        }
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

/* The nearest folder of @file that exists, for the file chooser to start in. */
static GFile *
find_existing_folder (GFile *file)
{
  g_autoptr(GFile) folder = g_object_ref (file);

  while (folder != NULL
         && g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      GFile *parent = g_file_get_parent (folder);

      g_object_unref (folder);
      folder = parent;
    }

  return g_steal_pointer (&folder);
}

static void
on_choose_clicked (TmNewPortfolioDialog *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) file = get_file_with_suffix (self);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *basename = g_file_get_basename (file);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Choose Where to Save the Portfolio"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Select"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (filter, _("Taskmap portfolios"));
  gtk_file_filter_add_pattern (filter, "*" FILE_SUFFIX);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (parent != NULL)
    folder = find_existing_folder (parent);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), basename);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
create (TmNewPortfolioDialog *self)
{
  g_autofree char *name = dup_unit_name (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  guint country;

  if (name[0] == '\0')
    return FALSE;

  file = get_file_with_suffix (self);
  parent = g_file_get_parent (file);
  if (parent != NULL && g_file_is_native (parent))
    {
      g_autofree char *path = g_file_get_path (parent);

      if (path != NULL && g_mkdir_with_parents (path, 0755) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_file_get_parse_name (parent);
          /* Translators: %s is a folder, the second a system error message */
          g_autofree char *message = g_strdup_printf (_("Could not create the folder “%s”: %s"),
                                                      display, g_strerror (saved_errno));

          show_error (self, message);
          return FALSE;
        }
    }

  country = gtk_drop_down_get_selected (self->country_dropdown);
  if (country >= TM_N_COUNTRIES)
    country = get_default_country ();

  if (self->callback != NULL)
    self->callback (file, country, name,
                    gtk_check_button_get_active (self->example_check),
                    self->user_data);

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_create_clicked (TmNewPortfolioDialog *self)
{
  create (self);
}

static void
tm_new_portfolio_dialog_dispose (GObject *object)
{
  TmNewPortfolioDialog *self = TM_NEW_PORTFOLIO_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->folder);
  g_clear_object (&self->chosen_file);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_NEW_PORTFOLIO_DIALOG);

  G_OBJECT_CLASS (tm_new_portfolio_dialog_parent_class)->dispose (object);
}

static void
tm_new_portfolio_dialog_class_init (TmNewPortfolioDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_new_portfolio_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-new-portfolio-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmNewPortfolioDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, TmNewPortfolioDialog, country_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmNewPortfolioDialog, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, TmNewPortfolioDialog, empty_check);
  gtk_widget_class_bind_template_child (widget_class, TmNewPortfolioDialog, example_check);
  gtk_widget_class_bind_template_child (widget_class, TmNewPortfolioDialog, location_label);
  gtk_widget_class_bind_template_child (widget_class, TmNewPortfolioDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_new_portfolio_dialog_init (TmNewPortfolioDialog *self)
{
  const char *labels[TM_N_COUNTRIES];
  const char *documents;
  g_autofree char *folder_name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < TM_N_COUNTRIES; i++)
    labels[i] = tm_country_get_label (i);
  _tm_drop_down_set_labels (self->country_dropdown, labels, TM_N_COUNTRIES);
  gtk_drop_down_set_selected (self->country_dropdown, get_default_country ());

  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents == NULL)
    documents = g_get_home_dir ();
  /* The folder is named after the program, which is not translated. */
  folder_name = g_build_filename (documents, "Taskmap", NULL);
  self->folder = g_file_new_for_path (folder_name);

  update_location (self);
}

TmNewPortfolioDialog *
_tm_new_portfolio_dialog_present (GtkWindow              *parent,
                                  TmNewPortfolioCallback  callback,
                                  gpointer                user_data)
{
  TmNewPortfolioDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = tm_gui_new_dialog (TM_TYPE_NEW_PORTFOLIO_DIALOG, parent);
  self->callback = callback;
  self->user_data = user_data;

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->unit_entry));

  return self;
}

void
tm_new_portfolio_dialog_present (GtkWindow              *parent,
                                 TmNewPortfolioCallback  callback,
                                 gpointer                user_data)
{
  _tm_new_portfolio_dialog_present (parent, callback, user_data);
}

void
_tm_new_portfolio_dialog_set_fields (TmNewPortfolioDialog *self,
                                     TmCountry             country,
                                     const char           *unit_name,
                                     gboolean              with_example,
                                     GFile                *file)
{
  g_return_if_fail (TM_IS_NEW_PORTFOLIO_DIALOG (self));

  gtk_drop_down_set_selected (self->country_dropdown, country);
  gtk_editable_set_text (GTK_EDITABLE (self->unit_entry), unit_name != NULL ? unit_name : "");
  gtk_check_button_set_active (with_example ? self->example_check : self->empty_check, TRUE);
  g_set_object (&self->chosen_file, file);
  update_location (self);
}

GFile *
_tm_new_portfolio_dialog_get_file (TmNewPortfolioDialog *self)
{
  g_return_val_if_fail (TM_IS_NEW_PORTFOLIO_DIALOG (self), NULL);

  return get_file_with_suffix (self);
}

gboolean
_tm_new_portfolio_dialog_create (TmNewPortfolioDialog *self)
{
  g_return_val_if_fail (TM_IS_NEW_PORTFOLIO_DIALOG (self), FALSE);

  return create (self);
}
