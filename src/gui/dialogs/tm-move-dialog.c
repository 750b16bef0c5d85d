/* tm-move-dialog.c
 * One move in full, using the window's width: its card, the receiving
 * profession's assessment and the review in columns.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-move-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dialogs/tm-move-dialog.h"
#include "tm-assessment-pane.h"
#include "tm-gui-util.h"
#include "render/tm-move-card.h"
#include "tm-review-pane.h"
#include "model/tm-task.h"

typedef struct {
  TmPortfolio *portfolio;
  TmTask      *task;
  char        *scenario_id;
  TmMoveCard  *card;
  GtkWidget   *card_area;
  GtkWidget   *title;
  GtkWidget   *subtitle;
  GtkWidget   *error_revealer;
  GtkWidget   *error_label;
  GtkWindow   *window;
} MoveDialog;

static void
move_dialog_free (MoveDialog *dialog)
{
  g_signal_handlers_disconnect_by_data (dialog->portfolio, dialog);
  g_signal_handlers_disconnect_by_data (tm_portfolio_get_tasks (dialog->portfolio), dialog);
  g_clear_object (&dialog->card);
  g_clear_object (&dialog->task);
  g_clear_object (&dialog->portfolio);
  g_free (dialog->scenario_id);
  g_free (dialog);
}

static void
update_card (MoveDialog *dialog)
{
  g_clear_object (&dialog->card);
  dialog->card = tm_move_card_new (dialog->portfolio, dialog->task, dialog->scenario_id);
  if (dialog->card == NULL)
    {
      /* The move is gone (undone, or the task unmoved): nothing left to show. */
      gtk_window_close (dialog->window);
      return;
    }
  gtk_label_set_label (GTK_LABEL (dialog->title), tm_move_card_get_title (dialog->card));
  gtk_label_set_label (GTK_LABEL (dialog->subtitle), tm_move_card_get_move_text (dialog->card));
  gtk_widget_queue_resize (dialog->card_area);
  gtk_widget_queue_draw (dialog->card_area);
}

static void
on_task_changed (TmPortfolio *portfolio,
                 TmTask      *task,
                 MoveDialog  *dialog)
{
  if (task == dialog->task)
    update_card (dialog);
}

static void
on_tasks_changed (MoveDialog *dialog)
{
  if (tm_portfolio_lookup_task (dialog->portfolio, tm_task_get_uuid (dialog->task)) != dialog->task)
    gtk_window_close (dialog->window);
}

static void
on_error (MoveDialog *dialog,
          const char *message)
{
  gtk_label_set_label (GTK_LABEL (dialog->error_label), message);
  gtk_revealer_set_reveal_child (GTK_REVEALER (dialog->error_revealer), TRUE);
}

static void
on_error_closed (MoveDialog *dialog)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (dialog->error_revealer), FALSE);
}

static void
draw_card (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  MoveDialog *dialog = user_data;
  TmDrawStyle style;
  double needed;

  if (dialog->card == NULL)
    return;
  tm_gui_get_draw_style (GTK_WIDGET (area), &style);
  needed = tm_move_card_get_height (dialog->card, &style, width);
  if ((int) needed != gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, (int) needed);
  tm_move_card_draw (dialog->card, cr, &style, width, MAX (needed, height), FALSE);
}

GtkWindow *
tm_move_dialog_present (GtkWindow   *parent,
                        TmPortfolio *portfolio,
                        TmTask      *task,
                        const char  *scenario_id)
{
  MoveDialog *dialog;
  GtkWidget *window, *header, *titles, *outer, *body, *left, *assessment, *review;
  GtkEventController *shortcuts;
  TmProfession *profession = NULL;
  int width = 1100, height = 720;

  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);
  g_return_val_if_fail (TM_IS_TASK (task), NULL);
  g_return_val_if_fail (scenario_id != NULL, NULL);

  dialog = g_new0 (MoveDialog, 1);
  dialog->portfolio = g_object_ref (portfolio);
  dialog->task = g_object_ref (task);
  dialog->scenario_id = g_strdup (scenario_id);

  window = gtk_window_new ();
  dialog->window = GTK_WINDOW (window);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      /* Nearly the window's size: the columns need its width. */
      width = MAX (900, gtk_widget_get_width (GTK_WIDGET (parent)) - 48);
      height = MAX (600, gtk_widget_get_height (GTK_WIDGET (parent)) - 48);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_object_set_data_full (G_OBJECT (window), "tm-move-dialog", dialog,
                          (GDestroyNotify) move_dialog_free);

  header = gtk_header_bar_new ();
  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  dialog->title = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (dialog->title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (dialog->title, "title");
  dialog->subtitle = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (dialog->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (dialog->subtitle, "subtitle");
  gtk_box_append (GTK_BOX (titles), dialog->title);
  gtk_box_append (GTK_BOX (titles), dialog->subtitle);
  gtk_header_bar_set_title_widget (GTK_HEADER_BAR (header), titles);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  /* What was refused, over the columns. */
  {
    GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

    dialog->error_label = gtk_label_new (NULL);
    gtk_label_set_wrap (GTK_LABEL (dialog->error_label), TRUE);
    gtk_label_set_xalign (GTK_LABEL (dialog->error_label), 0);
    gtk_widget_set_hexpand (dialog->error_label, TRUE);
    gtk_widget_add_css_class (bar, "move-dialog-error");
    gtk_widget_add_css_class (close, "flat");
    gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Close the message"), -1);
    g_signal_connect_swapped (close, "clicked", G_CALLBACK (on_error_closed), dialog);
    gtk_box_append (GTK_BOX (bar), dialog->error_label);
    gtk_box_append (GTK_BOX (bar), close);
    dialog->error_revealer = gtk_revealer_new ();
    gtk_revealer_set_child (GTK_REVEALER (dialog->error_revealer), bar);
    gtk_box_append (GTK_BOX (outer), dialog->error_revealer);
  }

  body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (outer), body);

  /* Left: the card, and the receiving profession's assessment under it. */
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_size_request (left, 340, -1);
  gtk_widget_set_hexpand (left, FALSE);
  gtk_widget_add_css_class (left, "move-dialog-side");

  dialog->card_area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dialog->card_area), 200);
  gtk_widget_set_margin_start (dialog->card_area, 18);
  gtk_widget_set_margin_end (dialog->card_area, 18);
  gtk_widget_set_margin_top (dialog->card_area, 18);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dialog->card_area), draw_card, dialog, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->card_area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The move’s card"), -1);
  gtk_box_append (GTK_BOX (left), dialog->card_area);

  {
    const TmMove *move = tm_task_data_get_move (tm_task_peek_data (task), scenario_id);

    if (move != NULL && move->kind == TM_MOVE_TO_PROFESSION && move->profession_id != NULL)
      profession = tm_portfolio_lookup_profession (portfolio, move->profession_id);
  }
  assessment = tm_assessment_pane_new ();
  tm_assessment_pane_set_show_review (TM_ASSESSMENT_PANE (assessment), FALSE);
  tm_assessment_pane_set_portfolio (TM_ASSESSMENT_PANE (assessment), portfolio);
  tm_assessment_pane_set_scenario (TM_ASSESSMENT_PANE (assessment), scenario_id);
  tm_assessment_pane_set_cell (TM_ASSESSMENT_PANE (assessment), task, profession);
  gtk_widget_set_vexpand (assessment, TRUE);
  /* A task to stop or to technology has no receiving profession to assess. */
  gtk_widget_set_visible (assessment, profession != NULL);
  gtk_box_append (GTK_BOX (left), assessment);
  gtk_box_append (GTK_BOX (body), left);
  gtk_box_append (GTK_BOX (body), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  /* Right: the review in three columns. */
  review = tm_review_pane_new ();
  tm_review_pane_set_portfolio (TM_REVIEW_PANE (review), portfolio);
  tm_review_pane_set_scenario (TM_REVIEW_PANE (review), scenario_id);
  tm_review_pane_set_task (TM_REVIEW_PANE (review), task);
  tm_review_pane_set_wide (TM_REVIEW_PANE (review), TRUE);
  gtk_widget_set_hexpand (review, TRUE);
  gtk_widget_set_vexpand (review, TRUE);
  gtk_box_append (GTK_BOX (body), review);
  g_signal_connect_swapped (assessment, "error", G_CALLBACK (on_error), dialog);
  g_signal_connect_swapped (review, "error", G_CALLBACK (on_error), dialog);
  gtk_window_set_child (GTK_WINDOW (window), outer);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  g_signal_connect (portfolio, "task-changed", G_CALLBACK (on_task_changed), dialog);
  g_signal_connect_swapped (tm_portfolio_get_tasks (portfolio), "items-changed",
                            G_CALLBACK (on_tasks_changed), dialog);
  update_card (dialog);

  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
