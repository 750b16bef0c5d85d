/* tm-test-ui.c
 * What the UI tests share: waiting for the main loop, windows drawn, widgets
 * found, and real keys typed into the display (XTest).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#ifdef HAVE_XTST
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>
#endif

#include "tm-core.h"
#include "tm-application.h"
#include "tm-window-private.h"
#include <glib/gstdio.h>

#include "tm-test-ui.h"

static TmApplication *app;

static void
init_locale (void)
{
  setlocale (LC_ALL, "");
  tm_core_init (g_getenv ("TASKMAP_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static gboolean
make_app (GError **error)
{
  app = tm_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  return g_application_register (G_APPLICATION (app), NULL, error);
}

const char *
tm_test_ui_child_init (void)
{
  const char *child = g_getenv (TM_TEST_CHILD_ENV);
  g_autoptr(GError) error = NULL;

  if (child == NULL)
    return NULL;

  init_locale ();
  if (!gtk_init_check ())
    {
      g_printerr ("No display\n");
      exit (1);
    }
  if (!make_app (&error))
    {
      g_printerr ("%s\n", error->message);
      exit (1);
    }
  return child;
}

void
tm_test_run_child (const char *child,
                   const char *first_env,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_autofree char *err = NULL;
  const char *argv[] = { self, NULL };
  const char *name;
  va_list args;
  int status;

  g_assert_no_error (error);
  envp = g_environ_setenv (envp, TM_TEST_CHILD_ENV, child, TRUE);
  envp = g_environ_setenv (envp, "TASKMAP_SCREENSHOT_DIR", tm_test_screenshot_dir (), TRUE);
  va_start (args, first_env);
  for (name = first_env; name != NULL; name = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      envp = value != NULL ? g_environ_setenv (envp, name, value, TRUE) : g_environ_unsetenv (envp, name);
    }
  va_end (args);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s", err);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

void
tm_test_run_child_in (const char *lang)
{
  tm_test_run_child (lang, "LANG", "C.UTF-8", "LANGUAGE", lang, "LC_ALL", NULL, "LC_MESSAGES", NULL,
                     "GTK_A11Y", "test", NULL);
}

void
tm_test_assert_png (const char *name,
                    goffset     min_size)
{
  g_autofree char *path = g_build_filename (tm_test_screenshot_dir (), name, NULL);
  GStatBuf st;

  g_test_message ("%s", path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, min_size);
}

gboolean
tm_test_ui_try_init (int    *argc,
                     char ***argv,
                     int    *skip_status)
{
  g_autoptr(GError) error = NULL;

  init_locale ();
  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      if (g_strcmp0 (g_getenv ("TASKMAP_REQUIRE_DISPLAY"), "1") == 0)
        {
          g_print ("Bail out! No display, and TASKMAP_REQUIRE_DISPLAY=1\n");
          *skip_status = 1;
          return FALSE;
        }
      g_print ("1..0 # SKIP no display\n");
      *skip_status = 0;
      return FALSE;
    }

  make_app (&error);
  g_assert_no_error (error);
  return TRUE;
}

TmApplication *
tm_test_ui_init (int    *argc,
                 char ***argv)
{
  int skip_status = 0;

  if (!tm_test_ui_try_init (argc, argv, &skip_status))
    exit (skip_status);
  return app;
}

TmApplication *
tm_test_ui_get_app (void)
{
  return app;
}

void
tm_test_ui_shutdown (void)
{
  g_clear_object (&app);
}

int
tm_test_ui_run (void)
{
  int ret = g_test_run ();

  tm_test_ui_shutdown ();
  return ret;
}

void
tm_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

gboolean
tm_test_wait_until (gboolean (*cond) (gpointer),
                    gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

gboolean
tm_test_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *n_paints)
{
  (*n_paints)++;
}

void
tm_test_wait_drawn (GtkWidget *widget)
{
  guint n_paints = 0;
  GdkFrameClock *clock;
  gulong id;

  TM_WAIT_FOR (gtk_widget_get_mapped (widget));
  clock = gtk_widget_get_frame_clock (widget);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &n_paints);
  gtk_widget_queue_draw (widget);
  TM_WAIT_FOR (n_paints >= 2);
  g_signal_handler_disconnect (clock, id);
}

GtkWindow *
tm_test_window_with (GtkWidget *child,
                     int        width,
                     int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  return window;
}

static void
on_error (GtkWidget  *widget,
          const char *message,
          GPtrArray  *errors)
{
  g_ptr_array_add (errors, g_strdup (message));
}

GPtrArray *
tm_test_collect_errors (gpointer widget)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (widget, "error", G_CALLBACK (on_error), errors);
  return errors;
}

TmWindow *
tm_test_make_window (TmPortfolio *portfolio,
                     int          width,
                     int          height)
{
  TmWindow *window = tm_window_new (GTK_APPLICATION (app));

  tm_window_set_portfolio (window, portfolio);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  tm_test_wait_drawn (GTK_WIDGET (window));

  return window;
}

void
tm_test_wait_planned (TmWindow *window)
{
  TM_WAIT_FOR (!_tm_window_is_reading (window) || _tm_window_is_planning (window));
  while (_tm_window_is_planning (window))
    _tm_window_take_import_step (window);
}

gboolean
tm_test_models_settled (gpointer data)
{
  TmWindow *window = data;

  return !tm_task_view_is_pending (_tm_window_get_task_view (window));
}

guint
tm_test_n_rows (TmWindow *window)
{
  TM_WAIT_FOR (tm_test_models_settled (window));

  return g_list_model_get_n_items (G_LIST_MODEL (_tm_window_get_selection (window)));
}

TmTask *
tm_test_row_task (TmWindow *window,
                  guint     position)
{
  g_autoptr(TmTask) task = g_list_model_get_item (G_LIST_MODEL (_tm_window_get_selection (window)),
                                                  position);

  return task;   /* borrowed: the model keeps it */
}

GtkWindow *
tm_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

GtkWidget *
tm_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tm_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether @widget, or a label inside it, shows a text that names it. */
static gboolean
shows_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      return text != NULL && *text != '\0';
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child))
      return TRUE;
  return FALSE;
}

/* The controls a user reaches, which a screen reader must be able to name;
 * what GTK builds inside some of them (a drop-down's button, a spin
 * button's + and −, the window's own buttons) is GTK's to name. */
static gboolean
is_control (GtkWidget *widget,
            gboolean  *look_inside)
{
  *look_inside = !(GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget) ||
                   GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) ||
                   GTK_IS_WINDOW_CONTROLS (widget) || GTK_IS_POPOVER_MENU (widget) ||
                   GTK_IS_MENU_BUTTON (widget) || GTK_IS_COLUMN_VIEW (widget) ||
                   GTK_IS_STACK_SWITCHER (widget));
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_TEXT_VIEW (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) ||
         GTK_IS_SCALE (widget) || GTK_IS_COLUMN_VIEW (widget) || GTK_IS_LIST_VIEW (widget);
}

static gboolean
has_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  /* A button is named by what it shows, its label or one inside it (GTK
   * makes every button labelled by its child, an icon too). */
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget))
    return shows_text (widget);
  return gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *found)
{
  gboolean look_inside = TRUE;

  if (!gtk_widget_get_visible (widget))
    return;
  if (is_control (widget, &look_inside) && !has_name (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);
      const char *id = GTK_IS_BUILDABLE (widget) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;
      GtkWidget *parent = gtk_widget_get_parent (widget);

      g_string_append_printf (found, "%s%s “%s” (tooltip “%s”, in %s)", found->len > 0 ? "; " : "",
                              G_OBJECT_TYPE_NAME (widget), id ? id : "", tooltip ? tooltip : "",
                              parent ? G_OBJECT_TYPE_NAME (parent) : "nothing");
    }
  if (!look_inside)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, found);
}

char *
tm_test_dup_unnamed_controls (GtkWidget *root)
{
  GString *found = g_string_new (NULL);

  collect_unnamed (root, found);
  if (found->len == 0)
    {
      g_string_free (found, TRUE);
      return NULL;
    }
  return g_string_free (found, FALSE);
}

const char *
tm_test_screenshot_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *env = g_getenv ("TASKMAP_SCREENSHOT_DIR");

      dir = env != NULL && *env != '\0' ? g_strdup (env)
                                        : g_build_filename (g_get_tmp_dir (), "taskmap-screenshots", NULL);
      g_mkdir_with_parents (dir, 0755);
    }

  return dir;
}

typedef struct {
  GtkWidget  *widget;
  const char *path;
  gboolean    done;
  gboolean    ok;
} Shot;

static void
on_shot_after_paint (GdkFrameClock *clock,
                     Shot          *shot)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (shot->done)
    return;
  shot->done = TRUE;

  width = gtk_widget_get_width (shot->widget);
  height = gtk_widget_get_height (shot->widget);
  paintable = gtk_widget_paintable_new (shot->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (shot->widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  shot->ok = gdk_texture_save_to_png (texture, shot->path);
}

static gboolean
shot_done (gpointer data)
{
  return ((Shot *) data)->done;
}

gboolean
tm_test_save_png (GtkWidget  *window,
                  const char *path,
                  guint       settle_ms)
{
  Shot shot = { window, path, FALSE, FALSE };
  GdkFrameClock *clock;
  gulong id;

  g_unlink (path);
  tm_test_spin (settle_ms);

  clock = gtk_widget_get_frame_clock (window);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_shot_after_paint), &shot);
  gtk_widget_queue_draw (window);
  if (!tm_test_wait_until (shot_done, &shot))
    g_printerr ("%s: the window was not drawn\n", path);
  g_signal_handler_disconnect (clock, id);

  if (!shot.ok)
    g_printerr ("%s: not saved\n", path);

  /* A screen looked at is a screen whose controls have names: checked where
   * GTK keeps accessible properties (GTK_A11Y=test, as the UI suites run). */
  if (g_strcmp0 (g_getenv ("GTK_A11Y"), "test") == 0)
    {
      g_autofree char *unnamed = tm_test_dup_unnamed_controls (window);

      if (unnamed != NULL)
        {
          g_printerr ("%s: controls without a name: %s\n", path, unnamed);
          shot.ok = FALSE;
        }
    }
  return shot.ok;
}

gboolean
tm_test_take_screenshot (GtkWidget  *window,
                         const char *name)
{
  g_autofree char *path = g_build_filename (tm_test_screenshot_dir (), name, NULL);

  tm_test_wait_drawn (window);
  return tm_test_save_png (window, path, 400);
}

#ifdef HAVE_XTST
static gboolean
press (Display    *xdisplay,
       const char *name,
       gboolean    down)
{
  KeySym keysym = XStringToKeysym (name);
  KeyCode keycode;
  gboolean shifted;

  if (keysym == NoSymbol)
    {
      g_printerr ("No key named “%s”\n", name);
      return FALSE;
    }
  keycode = XKeysymToKeycode (xdisplay, keysym);
  if (keycode == 0)
    {
      g_printerr ("The keyboard has no key for “%s”\n", name);
      return FALSE;
    }
  /* "plus" is Shift and the key of "=" on most layouts. */
  shifted = XkbKeycodeToKeysym (xdisplay, keycode, 0, 0) != keysym &&
            XkbKeycodeToKeysym (xdisplay, keycode, 0, 1) == keysym;
  if (shifted && down)
    XTestFakeKeyEvent (xdisplay, XKeysymToKeycode (xdisplay, XK_Shift_L), True, CurrentTime);
  XTestFakeKeyEvent (xdisplay, keycode, down, CurrentTime);
  if (shifted && !down)
    XTestFakeKeyEvent (xdisplay, XKeysymToKeycode (xdisplay, XK_Shift_L), False, CurrentTime);
  return TRUE;
}

static const char *
modifier_key (const char *name)
{
  if (g_ascii_strcasecmp (name, "shift") == 0)
    return "Shift_L";
  if (g_ascii_strcasecmp (name, "ctrl") == 0 || g_ascii_strcasecmp (name, "control") == 0)
    return "Control_L";
  if (g_ascii_strcasecmp (name, "alt") == 0)
    return "Alt_L";
  return NULL;
}
#endif

gboolean
tm_test_type_keys (GtkWidget  *window,
                   const char *keys)
{
#ifdef HAVE_XTST
  GdkDisplay *display = gtk_widget_get_display (window);
  g_auto(GStrv) list = NULL;
  Display *xdisplay;
  int event_base, error_base, major, minor;

  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_printerr ("Keys are typed only on an X display (Xvfb)\n");
      return FALSE;
    }
  xdisplay = gdk_x11_display_get_xdisplay (display);
  if (!XTestQueryExtension (xdisplay, &event_base, &error_base, &major, &minor))
    {
      g_printerr ("The X server has no XTest extension\n");
      return FALSE;
    }

  /* Without a window manager the keyboard follows the pointer: put it on
   * the window, and give the window the focus. */
  {
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
    Window xwindow = gdk_x11_surface_get_xid (surface);
    XWindowAttributes attributes;
    int x = 0, y = 0;
    Window child;

    XGetWindowAttributes (xdisplay, xwindow, &attributes);
    XTranslateCoordinates (xdisplay, xwindow, attributes.root, attributes.width / 2,
                           attributes.height - 4, &x, &y, &child);
    XTestFakeMotionEvent (xdisplay, -1, x, y, CurrentTime);
    XSetInputFocus (xdisplay, xwindow, RevertToParent, CurrentTime);
    XSync (xdisplay, False);
    tm_test_spin (50);
  }

  list = g_strsplit (keys, " ", -1);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      guint n;

      if (*list[i] == '\0')
        continue;
      parts = g_strsplit (list[i], "+", -1);
      n = g_strv_length (parts);

      for (guint k = 0; k + 1 < n; k++)
        if (modifier_key (parts[k]) == NULL || !press (xdisplay, modifier_key (parts[k]), TRUE))
          return FALSE;
      if (!press (xdisplay, parts[n - 1], TRUE) || !press (xdisplay, parts[n - 1], FALSE))
        return FALSE;
      for (guint k = n - 1; k > 0; k--)
        press (xdisplay, modifier_key (parts[k - 1]), FALSE);
      XSync (xdisplay, False);

      /* Let GTK handle it, and what it starts (a row scrolled to, a popover). */
      tm_test_spin (60);
    }
  tm_test_spin (100);
  return TRUE;
#else
  g_printerr ("Built without XTest (libxtst-dev): keys cannot be typed\n");
  return FALSE;
#endif
}
