/* tm-application.c
 * The Taskmap application: command line, app-wide actions, settings, opening files.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-application.h"
#include "dialogs/tm-new-portfolio-dialog.h"
#include "tm-window.h"

#define MAX_RECENT_FILES 10

struct _TmApplication
{
  GtkApplication  parent_instance;

  /* Owned */
  GSettings      *settings;
  gboolean        open_example;
  gboolean        name_checked;   /* the first-start question was considered */
};

G_DEFINE_FINAL_TYPE (TmApplication, tm_application, GTK_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "example", 'e', 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the example portfolio in the session’s language"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

TmCountry
tm_application_get_ui_country (void)
{
  const char * const *languages = g_get_language_names ();
  const char *language = languages != NULL && languages[0] != NULL ? languages[0] : "C";

  /* Bokmål, nynorsk and plain "no" all mean Norway. */
  if (g_str_has_prefix (language, "nb") ||
      g_str_has_prefix (language, "nn") ||
      (g_str_has_prefix (language, "no") &&
       (language[2] == '\0' || language[2] == '_' || language[2] == '.' || language[2] == '@')))
    return TM_COUNTRY_NO;

  return TM_COUNTRY_DK;
}

GFile *
tm_application_dup_example_file (const char *language)
{
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  /* The example's edition is in its name: an example opened with an older
   * Taskmap (without times or staffing) keeps its edits, and the new one
   * starts beside it. */
  name = g_strdup_printf ("example-%s-%d.taskmap", language, TM_XML_FORMAT_VERSION);
  path = g_build_filename (g_get_user_data_dir (), "taskmap", "examples", name, NULL);

  return g_file_new_for_path (path);
}

GSettings *
tm_application_get_settings (TmApplication *self)
{
  g_return_val_if_fail (TM_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The main window the user works in: a dialog's transient parent rather than
 * the dialog itself. */
static GtkWindow *
get_parent_window (TmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  for (GtkWindow *w = window; w != NULL; w = gtk_window_get_transient_for (w))
    if (TM_IS_WINDOW (w))
      return w;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (TM_IS_WINDOW (l->data))
      return l->data;

  return window;
}

static void
show_error_dialog (GtkWindow  *parent,
                   const char *primary,
                   const char *secondary)
{
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (parent,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR,
                                   GTK_BUTTONS_CLOSE,
                                   "%s", primary);
  if (secondary != NULL)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", secondary);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A window for an error to stand on: without one, the application would quit
 * as soon as the dialog is up. */
static GtkWindow *
ensure_parent_window (TmApplication *self,
                      GtkWindow     *parent)
{
  if (parent == NULL)
    parent = get_parent_window (self);

  if (parent == NULL)
    {
      parent = GTK_WINDOW (tm_window_new (GTK_APPLICATION (self)));
      gtk_window_present (parent);
    }

  return parent;
}

static TmWindow *
find_window_for_file (TmApplication *self,
                      GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      TmPortfolio *portfolio;

      if (!TM_IS_WINDOW (l->data))
        continue;

      portfolio = tm_window_get_portfolio (l->data);
      if (portfolio != NULL && tm_portfolio_get_file (portfolio) != NULL &&
          g_file_equal (tm_portfolio_get_file (portfolio), file))
        return l->data;
    }

  return NULL;
}

/* An empty window to reuse, or a new one. */
static TmWindow *
get_window_for_portfolio (TmApplication *self,
                          GtkWindow     *parent)
{
  TmWindow *window;

  if (parent == NULL)
    parent = get_parent_window (self);

  if (TM_IS_WINDOW (parent) && tm_window_get_portfolio (TM_WINDOW (parent)) == NULL)
    return TM_WINDOW (parent);

  window = tm_window_new (GTK_APPLICATION (self));

  return window;
}

static void
show_portfolio (TmApplication *self,
                TmPortfolio   *portfolio,
                GtkWindow     *parent)
{
  TmWindow *window = get_window_for_portfolio (self, parent);
  GFile *file = tm_portfolio_get_file (portfolio);

  tm_window_set_portfolio (window, portfolio);
  gtk_window_present (GTK_WINDOW (window));

  if (file != NULL)
    tm_application_add_recent (self, file);
}

gboolean
tm_application_open_file (TmApplication *self,
                          GFile         *file,
                          GtkWindow     *parent)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;
  TmWindow *window;

  g_return_val_if_fail (TM_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  window = find_window_for_file (self, file);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return TRUE;
    }

  portfolio = tm_portfolio_open (file, &error);
  if (portfolio == NULL)
    {
      show_error_dialog (ensure_parent_window (self, parent),
                         _("Could not open the portfolio"), error->message);
      return FALSE;
    }

  show_portfolio (self, portfolio, parent);

  return TRUE;
}

void
tm_application_add_recent (TmApplication *self,
                           GFile         *file)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_return_if_fail (TM_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (self->settings == NULL || path == NULL)
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);

  old = g_settings_get_strv (self->settings, "recent-files");
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_FILES; i++)
    {
      if (g_strcmp0 (old[i], path) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *)recent);
  g_settings_set_string (self->settings, "last-portfolio", path);
}

/* The example */

static void
open_example (TmApplication *self,
              GtkWindow     *parent)
{
  const char *language = tm_language_get_current ();
  g_autoptr(GFile) file = tm_application_dup_example_file (language);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GError) error = NULL;

  /* An example the user has already opened keeps their edits. */
  if (g_file_query_exists (file, NULL))
    {
      tm_application_open_file (self, file, parent);
      return;
    }

  if (!g_file_make_directory_with_parents (dir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      show_error_dialog (ensure_parent_window (self, parent),
                         _("Could not create the example"), error->message);
      return;
    }
  g_clear_error (&error);

  portfolio = tm_example_create_in_language (file, language, &error);
  if (portfolio == NULL)
    {
      show_error_dialog (ensure_parent_window (self, parent),
                         _("Could not create the example"), error->message);
      return;
    }

  show_portfolio (self, portfolio, parent);
}

/* New portfolios */

typedef struct {
  TmApplication *app;
  GtkWindow     *parent;
  GFile         *file;
  TmCountry      country;
  char          *unit_name;
  gboolean       with_example;
} NewPortfolio;

static void
new_portfolio_free (NewPortfolio *np)
{
  g_clear_object (&np->app);
  g_clear_object (&np->parent);
  g_clear_object (&np->file);
  g_free (np->unit_name);
  g_free (np);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NewPortfolio, new_portfolio_free)

static void
create_portfolio (NewPortfolio *np)
{
  g_autoptr(TmPortfolio) portfolio = NULL;
  g_autoptr(GFile) dir = g_file_get_parent (np->file);
  g_autoptr(GError) error = NULL;

  if (dir != NULL &&
      !g_file_make_directory_with_parents (dir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      show_error_dialog (np->parent, _("Could not create the portfolio"), error->message);
      return;
    }
  g_clear_error (&error);

  if (np->with_example)
    {
      portfolio = tm_example_create (np->file, np->country, &error);
      if (portfolio != NULL && np->unit_name != NULL && *np->unit_name != '\0' &&
          !tm_portfolio_set_unit (portfolio, np->unit_name,
                                  tm_portfolio_get_organisation (portfolio),
                                  tm_portfolio_get_setting (portfolio),
                                  tm_portfolio_get_notes (portfolio),
                                  &error))
        g_clear_object (&portfolio);

      /* Reopened, so that naming the unit is not the first thing Undo takes back. */
      if (portfolio != NULL)
        {
          tm_portfolio_close (portfolio);
          g_clear_object (&portfolio);
          portfolio = tm_portfolio_open (np->file, &error);
        }
    }
  else
    {
      portfolio = tm_portfolio_create (np->file, np->country, np->unit_name, &error);
    }

  if (portfolio == NULL)
    {
      show_error_dialog (np->parent, _("Could not create the portfolio"), error->message);
      return;
    }

  show_portfolio (np->app, portfolio, np->parent);
}

static void
on_replace_response (GtkDialog    *dialog,
                     int           response,
                     NewPortfolio *np)
{
  g_autoptr(NewPortfolio) owned = np;
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (GTK_WINDOW (dialog));

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  if (!g_file_delete (np->file, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      show_error_dialog (np->parent, _("Could not replace the file"), error->message);
      return;
    }

  create_portfolio (np);
}

static void
new_portfolio_cb (GFile      *file,
                  TmCountry   country,
                  const char *unit_name,
                  gboolean    with_example,
                  gpointer    user_data)
{
  TmApplication *self = user_data;
  g_autoptr(NewPortfolio) np = g_new0 (NewPortfolio, 1);
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  np->app = g_object_ref (self);
  np->parent = get_parent_window (self) ? g_object_ref (get_parent_window (self)) : NULL;
  np->file = g_object_ref (file);
  np->country = country;
  np->unit_name = g_strdup (unit_name);
  np->with_example = with_example;

  if (!g_file_query_exists (file, NULL))
    {
      create_portfolio (np);
      return;
    }

  name = g_file_get_parse_name (file);

  if (find_window_for_file (self, file) != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("“%s” is open in a window. Choose another name."), name);
      show_error_dialog (np->parent, _("Could not create the portfolio"), message);
      return;
    }

  dialog = gtk_message_dialog_new (np->parent,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION,
                                   GTK_BUTTONS_NONE,
                                   /* Translators: %s is a file name */
                                   _("Replace “%s”?"), name);
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("A file with this name already exists. "
                                              "Replacing it deletes everything in it."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Replace"),
                                                   GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), g_steal_pointer (&np));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions */

static void
new_portfolio_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TmApplication *self = user_data;

  tm_new_portfolio_dialog_present (get_parent_window (self), new_portfolio_cb, self);
}

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  TmApplication   *self)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        tm_application_open_file (self, file, parent);
    }

  g_object_unref (chooser);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TmApplication *self = user_data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) portfolios = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Portfolio"),
                                         get_parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (portfolios, _("Taskmap portfolios"));
  gtk_file_filter_add_pattern (portfolios, "*.taskmap");
  gtk_file_filter_add_mime_type (portfolios, "application/x-taskmap");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), portfolios);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TmApplication *self = user_data;
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  tm_application_open_file (self, file, get_parent_window (self));
}

static void
open_example_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  open_example (user_data, NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TmApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing, not destroying: each window saves its size on the way. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TmApplication *self = user_data;
  static const char *authors[] = { "The Taskmap authors", NULL };

  gtk_show_about_dialog (get_parent_window (self),
                         "program-name", _("Taskmap"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Map the tasks of a care unit by competence level and "
                                       "patient complexity, and plan task shifting with the staff."),
                         "copyright", "© 2026 The Taskmap authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* Translators: your names, one per line, to thank you in the About dialog */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkWindow *window = get_parent_window (user_data);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static const GActionEntry app_entries[] = {
  { "new-portfolio", new_portfolio_action },
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "open-example", open_example_action },
  { "quit", quit_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.new-portfolio", { "<Control><Shift>n", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.add-task", { "<Control>n", NULL } },
  { "win.duplicate-task", { "<Control>d", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.find", { "<Control>f", NULL } },
  { "win.presentation", { "F11", NULL } },
  { "win.view::catalogue", { "<Alt>1", NULL } },
  { "win.view::matrix", { "<Alt>2", NULL } },
  { "win.view::map", { "<Alt>3", NULL } },
  { "win.view::capacity", { "<Alt>4", NULL } },
  { "win.view::flow", { "<Alt>5", NULL } },
  { "win.view::board", { "<Alt>6", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "win.save-copy", { "<Control><Shift>s", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.toggle-editor", { "F9", NULL } },
  { "win.workshops", { "<Control><Shift>w", NULL } },
  { "win.history", { "<Control>h", NULL } },
  { "win.committee-report", { "<Control><Shift>r", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

/* The first start: the name the history of changes records. Not asked when
 * TASKMAP_NO_NAME_PROMPT is set, nor with GSETTINGS_BACKEND=memory (the tests),
 * where the answer could not be kept and the question would come back at every start. */
static void
maybe_ask_user_name (TmApplication *self)
{
  g_autofree char *name = NULL;
  GtkWindow *window;

  if (self->name_checked || self->settings == NULL)
    return;
  self->name_checked = TRUE;

  if (g_getenv ("TASKMAP_NO_NAME_PROMPT") != NULL ||
      g_strcmp0 (g_getenv ("GSETTINGS_BACKEND"), "memory") == 0)
    return;

  name = g_settings_get_string (self->settings, "user-name");
  if (*name != '\0' || g_settings_get_boolean (self->settings, "asked-user-name"))
    return;

  window = get_parent_window (self);
  if (!TM_IS_WINDOW (window))
    return;

  /* Asked once: Skip keeps the system's name for the user. */
  g_settings_set_boolean (self->settings, "asked-user-name", TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (window), "user-name", NULL);
}

/* GApplication */

static void
tm_application_startup (GApplication *app)
{
  TmApplication *self = TM_APPLICATION (app);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (tm_application_parent_class)->startup (app);

  /* Run uninstalled without the schema rather than abort in g_settings_new(). */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_debug ("The schema %s is not installed; settings are not kept", APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries,
                                   G_N_ELEMENTS (app_entries), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
tm_application_activate (GApplication *app)
{
  TmApplication *self = TM_APPLICATION (app);
  g_autofree char *last = NULL;
  TmWindow *window;

  if (self->open_example)
    {
      self->open_example = FALSE;
      open_example (self, NULL);
      maybe_ask_user_name (self);
      return;
    }

  window = (TmWindow *)get_parent_window (self);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  window = tm_window_new (GTK_APPLICATION (self));

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-portfolio");

  if (last != NULL && *last != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) file = g_file_new_for_path (last);
      g_autoptr(GError) error = NULL;
      g_autoptr(TmPortfolio) portfolio = tm_portfolio_open (file, &error);

      if (portfolio != NULL)
        {
          tm_window_set_portfolio (window, portfolio);
          tm_application_add_recent (self, file);
        }
      else
        {
          /* Say why the welcome page shows instead of the last portfolio. */
          tm_window_show_error (window, error->message);
        }
    }

  gtk_window_present (GTK_WINDOW (window));
  maybe_ask_user_name (self);
}

static void
tm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  TmApplication *self = TM_APPLICATION (app);

  if (self->open_example)
    {
      self->open_example = FALSE;
      open_example (self, NULL);
    }

  for (int i = 0; i < n_files; i++)
    tm_application_open_file (self, files[i], NULL);

  maybe_ask_user_name (self);
}

static int
tm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  TmApplication *self = TM_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", g_get_application_name (), PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "example"))
    {
      g_autoptr(GError) error = NULL;

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* Taskmap already runs: ask it to open the example, and be done. */
      if (g_application_get_is_remote (app))
        {
          g_action_group_activate_action (G_ACTION_GROUP (app), "open-example", NULL);
          return 0;
        }

      self->open_example = TRUE;
    }

  return -1;
}

static void
tm_application_dispose (GObject *object)
{
  TmApplication *self = (TmApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tm_application_parent_class)->dispose (object);
}

static void
tm_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TmApplication *self = TM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_application_class_init (TmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tm_application_dispose;
  object_class->get_property = tm_application_get_property;

  /* The windows and dialogs read the settings through this property, so
   * that they need not know the application's type. NULL when the schema
   * is not installed. */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->startup = tm_application_startup;
  app_class->activate = tm_application_activate;
  app_class->open = tm_application_open;
  app_class->handle_local_options = tm_application_handle_local_options;
}

static void
tm_application_init (TmApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                     /* Translators: the command line's argument */
                                                     _("[FILE.taskmap]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Map the tasks of a care unit and plan task shifting."));
}

TmApplication *
tm_application_new (void)
{
  return g_object_new (TM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/taskmap/Taskmap",
                       NULL);
}
