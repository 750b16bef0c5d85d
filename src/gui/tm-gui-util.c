/* tm-gui-util.c
 * What the window's views and panes share: numbers and text in their fields,
 * the scenario a view shows, the drawing style from the widget's font and
 * presentation mode, and changing a move's status with the confirmation an
 * approval with open checklist items needs.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-gui-util"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-gui-util.h"
#include "model/tm-language.h"
#include "model/tm-task.h"

#include <math.h>

gboolean
tm_gui_parse_number (const char *text,
                     double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  double v;

  if (copy[0] == '\0')
    {
      *value = TM_NOT_ESTIMATED;
      return TRUE;
    }
  if (!tm_language_parse_number (copy, &v) || v < 0)
    return FALSE;

  *value = v;
  return TRUE;
}

gboolean
tm_gui_same_number (double a,
                    double b)
{
  if (a < 0 || b < 0)
    return a < 0 && b < 0;
  return fabs (a - b) < 1e-9;
}

char *
tm_gui_format_number (double value)
{
  if (value < 0)
    return g_strdup ("");
  /* In the user's locale, so a Danish user sees a decimal comma. */
  return g_strdup_printf ("%.10g", value);
}

void
tm_gui_set_invalid (GtkWidget *widget,
                    gboolean   invalid)
{
  if (invalid)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

void
tm_gui_set_entry_error (GtkEntry   *entry,
                        const char *message)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), message);
  tm_gui_set_invalid (GTK_WIDGET (entry), message != NULL);
}

char *
tm_gui_dup_widget_text (GtkWidget *widget)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

gboolean
tm_gui_show_widget_text (GtkWidget  *widget,
                         const char *text)
{
  g_autofree char *current = tm_gui_dup_widget_text (widget);

  text = text != NULL ? text : "";
  if (g_strcmp0 (current, text) == 0)
    return FALSE;

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  return TRUE;
}

guint
tm_gui_new_error_signal (GType type)
{
  /**
   * ::error:
   * @message: what went wrong, translated
   *
   * An edit could not be stored.
   */
  return g_signal_new ("error",
                       type,
                       G_SIGNAL_RUN_LAST,
                       0, NULL, NULL, NULL,
                       G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
tm_gui_scroll_column_view (GtkColumnView *view,
                           guint          position)
{
  if (view == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}

guint
tm_gui_find_item (GListModel *model,
                  gpointer    item)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; item != NULL && i < n; i++)
    {
      g_autoptr(GObject) found = g_list_model_get_item (model, i);

      if (found == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

char *
tm_gui_file_display_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return g_filename_display_name (name != NULL ? name : "/");
}

gpointer
tm_gui_new_dialog (GType      type,
                   GtkWindow *parent)
{
  GtkWindow *dialog = g_object_new (type,
                                    "transient-for", parent,
                                    "modal", TRUE,
                                    "destroy-with-parent", TRUE,
                                    NULL);

  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (dialog, gtk_window_get_application (parent));
  return dialog;
}

const char *
tm_gui_shown_scenario_id (TmPortfolio *portfolio,
                          const char  *scenario_id)
{
  g_autoptr(TmScenario) first = NULL;

  if (portfolio == NULL)
    return NULL;
  if (scenario_id != NULL && tm_portfolio_lookup_scenario (portfolio, scenario_id) != NULL)
    return scenario_id;

  first = g_list_model_get_item (tm_portfolio_get_scenarios (portfolio), 0);
  return first != NULL ? tm_scenario_get_id (first) : NULL;
}

void
tm_gui_fill_background (cairo_t           *cr,
                        const TmDrawStyle *style)
{
  cairo_set_source_rgb (cr, style->background.red, style->background.green, style->background.blue);
  cairo_paint (cr);
}

cairo_t *
tm_gui_snapshot_cairo (GtkSnapshot       *snapshot,
                       int                width,
                       int                height,
                       const TmDrawStyle *style)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  tm_gui_fill_background (cr, style);
  return cr;
}

double
tm_gui_get_text_scale (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size;

  if (font == NULL || pango_font_description_get_size (font) <= 0)
    return 1.0;

  size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
  /* Sizes are in points unless absolute (then in pixels at 96 dpi). */
  if (pango_font_description_get_size_is_absolute (font))
    size *= 72.0 / 96.0;
  return CLAMP (size / 10.0, 0.5, 4.0);
}

void
tm_gui_get_draw_style (GtkWidget   *widget,
                       TmDrawStyle *style)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean high_contrast = FALSE;

  /* Presentation mode: for a projector. */
  if (root != NULL && gtk_widget_has_css_class (GTK_WIDGET (root), "presentation"))
    high_contrast = TRUE;

  tm_draw_style_init (style, tm_gui_get_text_scale (widget), high_contrast);
}

typedef struct {
  TmPortfolio         *portfolio;
  TmTask              *task;
  char                *scenario_id;
  TmMoveStatus         status;
  char                *note;
  TmStatusChangedFunc  done;
  gpointer             user_data;
} StatusChange;

static void
status_change_free (StatusChange *change)
{
  g_clear_object (&change->portfolio);
  g_clear_object (&change->task);
  g_free (change->scenario_id);
  g_free (change->note);
  g_free (change);
}

static void
on_confirmation_response (GtkDialog    *dialog,
                          int           response,
                          StatusChange *change)
{
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      /* The task may have gone while the question was open. */
      if (tm_portfolio_lookup_task (change->portfolio, tm_task_get_uuid (change->task)) != change->task)
        g_set_error_literal (&error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                             _("The task is not part of this portfolio."));
      else
        changed = tm_portfolio_set_move_status (change->portfolio, change->task, change->scenario_id,
                                                change->status, change->note, TRUE, &error);
    }

  if (change->done != NULL)
    change->done (changed, error, change->user_data);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

GtkWidget *
tm_gui_change_move_status (GtkWidget           *widget,
                           TmPortfolio         *portfolio,
                           TmTask              *task,
                           const char          *scenario_id,
                           TmMoveStatus         status,
                           const char          *note,
                           TmStatusChangedFunc  done,
                           gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  const TmMoveReview *review;
  StatusChange *change;
  GtkRoot *root;
  GtkWidget *dialog;
  GtkWidget *button;
  guint n_open;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (TM_IS_TASK (task), NULL);

  if (tm_portfolio_set_move_status (portfolio, task, scenario_id, status, note, FALSE, &error))
    {
      if (done != NULL)
        done (TRUE, NULL, user_data);
      return NULL;
    }

  if (!g_error_matches (error, TM_STORE_ERROR, TM_STORE_ERROR_NEEDS_CONFIRMATION))
    {
      if (done != NULL)
        done (FALSE, error, user_data);
      return NULL;
    }

  review = tm_task_data_get_review (tm_task_peek_data (task), scenario_id);
  n_open = review != NULL ? tm_move_review_count_open (review) : TM_N_CHECK_ITEMS;
  root = gtk_widget_get_root (widget);

  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Approve with items not yet considered?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            g_dngettext (GETTEXT_PACKAGE,
                                                         "%u item of the checklist has not yet been considered. The status history will record that the move was approved with it open.",
                                                         "%u items of the checklist have not yet been considered. The status history will record that the move was approved with them open.",
                                                         n_open),
                                            n_open);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Approve Anyway"), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);

  change = g_new0 (StatusChange, 1);
  change->portfolio = g_object_ref (portfolio);
  change->task = g_object_ref (task);
  change->scenario_id = g_strdup (scenario_id);
  change->status = status;
  change->note = g_strdup (note);
  change->done = done;
  change->user_data = user_data;
  g_object_set_data_full (G_OBJECT (dialog), "tm-status-change", change,
                          (GDestroyNotify) status_change_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirmation_response), change);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

GSettings *
tm_gui_dup_app_settings (GtkWindow *window)
{
  GtkApplication *app = window != NULL ? gtk_window_get_application (window) : NULL;
  GSettings *settings = NULL;

  if (app == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (app), "settings") == NULL)
    return NULL;
  g_object_get (app, "settings", &settings, NULL);
  return settings;
}

void
tm_gui_unwatch_items (GPtrArray *watched,
                      GCallback  callback,
                      gpointer   data)
{
  for (guint i = 0; i < watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (watched, i), callback, data);
  g_ptr_array_set_size (watched, 0);
}

void
tm_gui_watch_items (GPtrArray  *watched,
                    GListModel *model,
                    GCallback   callback,
                    gpointer    data)
{
  guint n;

  tm_gui_unwatch_items (watched, callback, data);
  if (model == NULL)
    return;

  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_signal_connect_swapped (item, "notify", callback, data);
      g_ptr_array_add (watched, g_object_ref (item));
    }
}

GtkWidget *
tm_gui_find_field (gpointer          owner,
                   const TmGuiField *fields,
                   gsize             n_fields,
                   const char       *name)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, owner, fields[i].offset);

  return NULL;
}

GtkWidget *
tm_gui_find_icon_button (GtkWidget  *root,
                         const char *icon_name)
{
  const char *icon = GTK_IS_BUTTON (root) ? gtk_button_get_icon_name (GTK_BUTTON (root))
                   : GTK_IS_MENU_BUTTON (root) ? gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root))
                   : NULL;

  if (g_strcmp0 (icon, icon_name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tm_gui_find_icon_button (child, icon_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
tm_gui_name_info_bar_close (GtkInfoBar *bar)
{
  GtkWidget *button = tm_gui_find_icon_button (GTK_WIDGET (bar), "window-close-symbolic");

  g_return_if_fail (button != NULL);
  gtk_widget_set_tooltip_text (button, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
}
