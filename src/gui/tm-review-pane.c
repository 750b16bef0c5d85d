/* tm-review-pane.c
 * The assessment of a chosen move: its status, the checklist of the principles,
 * the quality grid, barriers, risk, who is responsible, and its history.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-review-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "dialogs/tm-dialogs-private.h"
#include "tm-review-pane.h"
#include "store/tm-history.h"
#include "tm-gui-util.h"
#include "tm-pane-watch.h"
#include "tm-text-store.h"

/* The texts of a review, one bit each while their change waits to be stored:
 * the notes of the checklist items and quality components first, by index. */
enum {
  TEXT_CHECK_NOTE   = 0,
  TEXT_QUALITY_NOTE = TEXT_CHECK_NOTE + TM_N_CHECK_ITEMS,
  TEXT_BARRIER_NOTE = TEXT_QUALITY_NOTE + TM_N_QUALITY_COMPONENTS,
  TEXT_MITIGATION,
  TEXT_RESPONSIBLE,
  TEXT_DELEGATION,
  TEXT_STANDARDS,
  TEXT_FOLLOW_UP,
  N_TEXTS
};

G_STATIC_ASSERT (N_TEXTS <= 32);

/* The newest entries of the history shown; the report has them all. */
#define MAX_HISTORY_ROWS 200

struct _TmReviewPane
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkLabel       *no_move_task_label;
  GtkLabel       *task_label;
  GtkLabel       *move_label;
  GtkLabel       *status_label;
  GtkLabel       *status_since_label;
  GtkImage       *counts_icon;
  GtkLabel       *counts_label;
  GtkGrid        *status_buttons;
  GtkEntry       *status_note_entry;
  GtkWidget      *status_log_heading;
  GtkListBox     *status_log_list;
  GtkBox         *sections_box;
  GtkExpander    *status_expander;
  GtkWidget      *columns;               /* wide: the sections side by side */
  GtkExpander    *checklist_expander;
  GtkLabel       *checklist_title;
  GtkBox         *checklist_box;
  GtkExpander    *quality_expander;
  GtkLabel       *quality_title;
  GtkBox         *quality_box;
  GtkExpander    *barriers_expander;
  GtkLabel       *barriers_title;
  GtkBox         *barriers_box;
  GtkEntry       *barrier_note_entry;
  GtkDropDown    *risk_dropdown;
  GtkEntry       *mitigation_entry;
  GtkExpander    *responsibility_expander;
  GtkEntry       *responsible_entry;
  GtkEntry       *delegation_entry;
  GtkTextView    *standards_view;
  GtkTextView    *follow_up_view;
  GtkExpander    *history_expander;
  GtkLabel       *history_title;
  GtkWidget      *history_empty_label;
  GtkListBox     *history_list;

  /* Made in code; owned by the template's boxes */
  GtkDropDown    *check_dropdowns[TM_N_CHECK_ITEMS];
  GtkImage       *check_icons[TM_N_CHECK_ITEMS];
  GtkLabel       *check_labels[TM_N_CHECK_ITEMS];
  GtkDropDown    *quality_dropdowns[TM_N_QUALITY_COMPONENTS];
  GtkCheckButton *barrier_checks[TM_N_BARRIERS];
  GtkWidget      *texts[N_TEXTS];        /* GtkEntry or GtkTextView */

  /* Borrowed */
  GtkWidget      *confirmation;          /* weak: the dialog asking to approve with open items */

  /* Owned */
  TmPaneWatch     watch;             /* the portfolio and the scenario shown */
  TmTask         *task;
  TmTextStore     text_store;            /* 1 << TEXT_*: typed, not yet stored */
  char           *buttons_key;           /* what the status buttons were made for */
  char           *status_log_key;        /* what the list of status changes shows */
  char           *history_key;           /* what the history list shows */
  guint           updating : 1;
};

G_DEFINE_FINAL_TYPE (TmReviewPane, tm_review_pane, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh       (TmReviewPane *self);
static void flush_pending (TmReviewPane *self);

/* Helpers ------------------------------------------------------------------------------- */

/* Where @review keeps the text of @field. */
static char **
review_text_slot (TmMoveReview *review,
                  guint         field)
{
  if (field < TEXT_QUALITY_NOTE)
    return &review->checks[field - TEXT_CHECK_NOTE].note;
  if (field < TEXT_BARRIER_NOTE)
    return &review->quality[field - TEXT_QUALITY_NOTE].note;

  switch (field)
    {
    case TEXT_BARRIER_NOTE: return &review->barrier_note;
    case TEXT_MITIGATION: return &review->mitigation;
    case TEXT_RESPONSIBLE: return &review->responsible;
    case TEXT_DELEGATION: return &review->delegation_ref;
    case TEXT_STANDARDS: return &review->quality_standards;
    case TEXT_FOLLOW_UP: return &review->follow_up;
    default: break;
    }
  g_assert_not_reached ();
}

static const char *
review_get_text (const TmMoveReview *review,
                 guint               field)
{
  return *review_text_slot ((TmMoveReview *) review, field);
}

/* Seconds since 1970 as the user reads a date and time. */
static char *
format_when (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);

  if (date == NULL)
    return g_strdup ("—");
  /* Translators: a date and time in the history of a move, for
   * g_date_time_format(): %d day, %m month, %Y year, %H:%M the time; e.g.
   * "%d.%m.%Y %H:%M" in Danish and Norwegian */
  /* xgettext:no-c-format */
  return g_date_time_format (date, C_("history", "%Y-%m-%d %H:%M"));
}

static gboolean
has_task (TmReviewPane *self)
{
  return self->watch.portfolio != NULL && self->task != NULL && self->watch.scenario_id != NULL;
}

static const TmMove *
peek_move (TmReviewPane *self)
{
  if (!has_task (self))
    return NULL;
  return tm_task_data_get_move (tm_task_peek_data (self->task), self->watch.scenario_id);
}

static const TmMoveReview *
peek_review (TmReviewPane *self)
{
  if (!has_task (self))
    return NULL;
  return tm_task_data_get_review (tm_task_peek_data (self->task), self->watch.scenario_id);
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else
        gtk_widget_unparent (child);
    }
}

/* The drop-down's button as wide as its widest choice, so that the rows line
 * up and the note beside it keeps its place whatever is chosen. */
static void
setup_stacked_item (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GtkDropDown              *drop_down)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);
  GtkWidget *stack = gtk_stack_new ();

  gtk_stack_set_hhomogeneous (GTK_STACK (stack), TRUE);
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (model, i);
      GtkWidget *label = gtk_label_new (gtk_string_object_get_string (string));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_stack_add_child (GTK_STACK (stack), label);
    }
  gtk_list_item_set_child (item, stack);
}

static void
bind_stacked_item (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GtkDropDown              *drop_down)
{
  GtkWidget *stack = gtk_list_item_get_child (item);
  GtkWidget *child = gtk_widget_get_first_child (stack);

  for (guint i = gtk_list_item_get_position (item); child != NULL && i > 0; i--)
    child = gtk_widget_get_next_sibling (child);
  if (child != NULL)
    gtk_stack_set_visible_child (GTK_STACK (stack), child);
}

static void
set_drop_down_choices (GtkDropDown        *drop_down,
                       const char * const *labels,
                       guint               n_labels)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  /* The popup as everywhere else; the button made here. */
  _tm_drop_down_set_labels (drop_down, labels, n_labels);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_stacked_item), drop_down);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_stacked_item), drop_down);
  gtk_drop_down_set_factory (drop_down, factory);
}

/* Refreshing from the task -------------------------------------------------------------- */

static void
set_drop_down_selected (TmReviewPane *self,
                        GtkDropDown  *drop_down,
                        guint         position)
{
  if (GTK_WIDGET (drop_down) != self->text_store.editing && gtk_drop_down_get_selected (drop_down) != position)
    gtk_drop_down_set_selected (drop_down, position);
}

/* Shapes, not only colours, tell the states apart: on a projector, printed in
 * black and white, or for a reader who does not see colours. An item still to
 * consider is an empty circle and its heading bold, so the open ones stand out. */
static void
set_check_state_look (GtkImage     *image,
                      GtkLabel     *label,
                      TmCheckState  state)
{
  static const struct {
    const char *icon;
    const char *css;
  } looks[TM_N_CHECK_STATES] = {
    [TM_CHECK_NOT_CONSIDERED] = { "radio-symbolic", "warning" },
    [TM_CHECK_FINE] = { "emblem-ok-symbolic", "success" },
    [TM_CHECK_CONCERN] = { "dialog-warning-symbolic", "error" },
    [TM_CHECK_NOT_RELEVANT] = { "action-unavailable-symbolic", "dim-label" },
  };
  const char *classes[] = { looks[state].css, NULL };

  gtk_image_set_from_icon_name (image, looks[state].icon);
  gtk_widget_set_css_classes (GTK_WIDGET (image), classes);
  gtk_widget_set_tooltip_text (GTK_WIDGET (image), tm_check_state_get_label (state));
  if (state == TM_CHECK_NOT_CONSIDERED)
    gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
}

static void
update_labels (TmReviewPane *self,
               const TmMove *move)
{
  const char *scenario = self->watch.scenario != NULL ? tm_scenario_get_name (self->watch.scenario) : "";
  g_autofree char *text = NULL;

  gtk_label_set_label (self->task_label, tm_task_get_title (self->task));

  switch (move->kind)
    {
    case TM_MOVE_TO_PROFESSION:
      {
        TmProfession *to = tm_portfolio_lookup_profession (self->watch.portfolio, move->profession_id);

        /* Translators: under the task's title in the assessment of a move: %s is a
         * profession, %.0f the share of the task's time in percent ("%%" is a percent
         * sign), the last %s the scenario's name */
        text = g_strdup_printf (_("Moves to %s (%.0f %%) in the scenario “%s”"),
                                to != NULL ? tm_profession_get_display_name (to) : move->profession_id,
                                move->share, scenario);
      }
      break;
    case TM_MOVE_STOP:
      /* Translators: %.0f is the share of the task's time in percent ("%%" is a percent
       * sign), %s the scenario's name */
      text = g_strdup_printf (_("Stops (%.0f %%) in the scenario “%s”"), move->share, scenario);
      break;
    case TM_MOVE_TECHNOLOGY:
    case TM_N_MOVE_KINDS:
    default:
      /* Translators: %.0f is the share of the task's time in percent ("%%" is a percent
       * sign), %s the scenario's name */
      text = g_strdup_printf (_("Supported by technology (%.0f %%) in the scenario “%s”"),
                              move->share, scenario);
      break;
    }
  gtk_label_set_label (self->move_label, text);
}

/* The icon, and the words, for a status a button changes to. */
static const char *
status_icon (TmMoveStatus from,
             TmMoveStatus to)
{
  if (to == TM_STATUS_REJECTED)
    return "process-stop-symbolic";
  if (to == TM_STATUS_PAUSED)
    return "media-playback-pause-symbolic";
  if (from == TM_STATUS_REJECTED || from == TM_STATUS_PAUSED)
    return "media-playback-start-symbolic";
  if (to < from)
    return "edit-undo-symbolic";
  return "go-next-symbolic";
}

static void on_status_button_clicked (TmReviewPane *self,
                                      GtkButton    *button);

static GtkWidget *
create_status_button (TmReviewPane *self,
                      TmMoveStatus  from,
                      TmMoveStatus  to)
{
  const char *label_text = tm_move_status_get_label (to, tm_portfolio_get_country (self->watch.portfolio));
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  /* The button's name says it all; the icon is decoration. */
  GtkWidget *image = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", status_icon (from, to),
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);
  GtkWidget *label = gtk_label_new (label_text);

  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_hexpand (button, TRUE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label_text,
                                  -1);
  if (to < from && from <= TM_STATUS_EVALUATED)
    {
      gtk_widget_set_tooltip_text (button, _("One step back, to correct a mistake"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("One step back, to correct a mistake"),
                                      -1);
    }
  /* The next step along the way is the one most often taken. */
  if (from < TM_STATUS_EVALUATED && to == from + 1)
    gtk_widget_add_css_class (button, "suggested-action");

  g_object_set_data (G_OBJECT (button), "tm-status", GUINT_TO_POINTER (to));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_status_button_clicked), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static void
update_status_buttons (TmReviewPane *self,
                       TmMoveStatus  from,
                       TmMoveStatus  reached)
{
  g_autofree char *key = g_strdup_printf ("%d/%d/%d", from, reached,
                                          tm_portfolio_get_country (self->watch.portfolio));
  GtkRoot *root;
  GtkWidget *focus;
  gboolean had_focus;
  TmMoveStatus order[TM_N_STATUSES];
  guint n = 0, n_buttons = 0;
  GtkWidget *first = NULL;

  if (g_strcmp0 (key, self->buttons_key) == 0)
    return;
  g_free (self->buttons_key);
  self->buttons_key = g_steal_pointer (&key);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->status_buttons));

  /* Forward first, then back, then aside. */
  for (TmMoveStatus s = TM_STATUS_PROPOSED; s <= TM_STATUS_EVALUATED; s++)
    if (from > TM_STATUS_EVALUATED || s > from)
      order[n++] = s;
  for (int s = MIN (from, TM_STATUS_EVALUATED + 1) - 1; s >= TM_STATUS_PROPOSED; s--)
    if (from <= TM_STATUS_EVALUATED)
      order[n++] = s;
  order[n++] = TM_STATUS_REJECTED;
  order[n++] = TM_STATUS_PAUSED;
  g_assert (n <= G_N_ELEMENTS (order));

  remove_children (GTK_WIDGET (self->status_buttons));
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button;

      if (!tm_move_status_can_change (from, order[i], reached))
        continue;
      button = create_status_button (self, from, order[i]);
      gtk_grid_attach (self->status_buttons, button, n_buttons % 2, n_buttons / 2, 1, 1);
      if (first == NULL)
        first = button;
      n_buttons++;
    }

  /* A click replaced the buttons: the keyboard stays here. */
  if (had_focus && first != NULL)
    gtk_widget_grab_focus (first);
}

static GtkWidget *
create_text_row (const char * const *lines,
                 const char * const *classes,
                 guint               n_lines)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    {
      GtkWidget *label;

      if (lines[i] == NULL || *lines[i] == '\0')
        continue;
      label = gtk_label_new (lines[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      /* A long note stays a few lines; the report has it whole. */
      gtk_label_set_lines (GTK_LABEL (label), 4);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      if (classes[i] != NULL)
        {
          g_auto(GStrv) split = g_strsplit (classes[i], " ", -1);

          for (guint j = 0; split[j] != NULL; j++)
            gtk_widget_add_css_class (label, split[j]);
        }
      gtk_box_append (GTK_BOX (box), label);
      if (name->len > 0)
        g_string_append (name, ", ");
      g_string_append (name, lines[i]);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name->str,
                                  -1);
  return row;
}

static void
update_status_log (TmReviewPane       *self,
                   const TmMoveReview *review)
{
  TmCountry country = tm_portfolio_get_country (self->watch.portfolio);
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < review->status_log->len; i++)
    {
      const TmStatusChange *c = &g_array_index (review->status_log, TmStatusChange, i);

      g_string_append_printf (key, "%d|%" G_GINT64_FORMAT "|%s|%s|%u\n", c->status, c->when,
                              c->who ? c->who : "", c->note ? c->note : "", c->n_open);
    }
  g_string_append_printf (key, "%d", country);
  if (g_strcmp0 (key->str, self->status_log_key) == 0)
    return;
  g_free (self->status_log_key);
  self->status_log_key = g_string_free (g_steal_pointer (&key), FALSE);

  remove_children (GTK_WIDGET (self->status_log_list));
  gtk_widget_set_visible (self->status_log_heading, review->status_log->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->status_log_list), review->status_log->len > 0);

  /* Newest first. */
  for (guint i = review->status_log->len; i > 0; i--)
    {
      const TmStatusChange *c = &g_array_index (review->status_log, TmStatusChange, i - 1);
      g_autofree char *when = format_when (c->when);
      g_autofree char *byline = NULL;
      g_autofree char *open = NULL;
      const char *lines[4];
      const char *classes[4] = { "caption dim-label", "heading", NULL, "warning" };

      /* Translators: a change of a move's status: the date and time, then who made it */
      byline = g_strdup_printf (_("%s · %s"), when, c->who != NULL && *c->who ? c->who : C_("person", "Unknown"));
      if (c->status == TM_STATUS_APPROVED && c->n_open > 0)
        open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Approved with %u item not yet considered",
                                             "Approved with %u items not yet considered",
                                             c->n_open),
                                c->n_open);
      lines[0] = byline;
      lines[1] = tm_move_status_get_label (c->status, country);
      lines[2] = c->note;
      lines[3] = open;
      gtk_list_box_append (self->status_log_list, create_text_row (lines, classes, 4));
    }
}

static void
update_status (TmReviewPane       *self,
               const TmMoveReview *review)
{
  TmCountry country = tm_portfolio_get_country (self->watch.portfolio);
  TmMoveStatus status = tm_move_review_get_status (review);
  guint n_open = tm_move_review_count_open (review);
  guint n_concerns = tm_move_review_count_concerns (review);
  g_autoptr(GString) counts = g_string_new (NULL);
  const char *icon, *css;

  gtk_label_set_label (self->status_label, tm_move_status_get_label (status, country));
  if (review->status_log->len > 0)
    {
      const TmStatusChange *last = &g_array_index (review->status_log, TmStatusChange,
                                                   review->status_log->len - 1);
      g_autofree char *when = format_when (last->when);
      /* Translators: under a move's status: %s is a date and time, the second %s who changed it */
      g_autofree char *since = g_strdup_printf (_("Since %s, by %s"), when,
                                                last->who != NULL && *last->who ? last->who
                                                                                : C_("person", "Unknown"));

      gtk_label_set_label (self->status_since_label, since);
    }
  else
    {
      gtk_label_set_label (self->status_since_label, _("Since the move was chosen"));
    }

  /* Two phrases on two lines, each whole, so each has its plural. */
  if (n_open > 0)
    g_string_append_printf (counts,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u items not yet considered",
                                         "%u of %u items not yet considered",
                                         n_open),
                            n_open, (guint) TM_N_CHECK_ITEMS);
  else
    g_string_append_printf (counts, _("All %u items considered"), (guint) TM_N_CHECK_ITEMS);
  g_string_append_c (counts, '\n');
  if (n_concerns > 0)
    g_string_append_printf (counts,
                            g_dngettext (GETTEXT_PACKAGE, "%u concern", "%u concerns", n_concerns),
                            n_concerns);
  else
    g_string_append (counts, _("No concerns"));
  gtk_label_set_label (self->counts_label, counts->str);

  if (n_open > 0)
    icon = "radio-symbolic", css = "warning";
  else if (n_concerns > 0)
    icon = "dialog-warning-symbolic", css = "error";
  else
    icon = "emblem-ok-symbolic", css = "success";
  gtk_image_set_from_icon_name (self->counts_icon, icon);
  gtk_widget_set_css_classes (GTK_WIDGET (self->counts_icon), (const char *[]) { css, NULL });

  update_status_buttons (self, status, tm_move_review_get_reached (review));
  update_status_log (self, review);
}

static void
update_titles (TmReviewPane       *self,
               const TmMoveReview *review)
{
  guint n_open = tm_move_review_count_open (review);
  g_autofree char *text = NULL;

  if (n_open > 0)
    /* Translators: the heading of the checklist, with how many of its items are open */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "_Checklist — %u not yet considered",
                                         "_Checklist — %u not yet considered",
                                         n_open),
                            n_open);
  else
    text = g_strdup (_("_Checklist — all considered"));
  gtk_label_set_label (self->checklist_title, text);
}

static void
update_history (TmReviewPane *self)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  guint shown = 0;

  /* Read only while it is shown: typing stores a step per field. */
  if (!has_task (self) || !gtk_expander_get_expanded (self->history_expander))
    return;

  history = tm_portfolio_dup_history (self->watch.portfolio, tm_task_get_uuid (self->task),
                                      self->watch.scenario_id, 0);
  g_string_append_printf (key, "%u", history->len);
  if (history->len > 0)
    {
      const TmHistoryEntry *last = g_ptr_array_index (history, history->len - 1);

      g_string_append_printf (key, "|%" G_GINT64_FORMAT "|%s|%s|%s", last->when, last->field,
                              last->old_value ? last->old_value : "",
                              last->new_value ? last->new_value : "");
    }
  g_string_append_printf (key, "|%s|%s", tm_task_get_uuid (self->task), self->watch.scenario_id);
  if (g_strcmp0 (key->str, self->history_key) == 0)
    return;
  g_free (self->history_key);
  self->history_key = g_string_free (g_steal_pointer (&key), FALSE);

  remove_children (GTK_WIDGET (self->history_list));
  gtk_widget_set_visible (self->history_empty_label, history->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->history_list), history->len > 0);

  for (guint i = history->len; i > 0 && shown < MAX_HISTORY_ROWS; i--, shown++)
    {
      const TmHistoryEntry *e = g_ptr_array_index (history, i - 1);
      g_autofree char *when = format_when (e->when);
      g_autofree char *byline = NULL;
      g_autofree char *what = tm_history_entry_describe_field (e, self->watch.portfolio);
      g_autofree char *old_value = tm_history_entry_format_value (e, e->old_value, self->watch.portfolio);
      g_autofree char *new_value = tm_history_entry_format_value (e, e->new_value, self->watch.portfolio);
      g_autofree char *change = NULL;
      const char *lines[3];
      const char *classes[3] = { "caption dim-label", "heading", NULL };

      /* Translators: a change in the history: the date and time, then who made it */
      byline = g_strdup_printf (_("%s · %s"), when, e->who != NULL && *e->who ? e->who : C_("person", "Unknown"));
      /* Translators: a change in the history: the old value, then the new one */
      change = g_strdup_printf (_("%s → %s"), old_value, new_value);
      lines[0] = byline;
      lines[1] = what;
      lines[2] = change;
      gtk_list_box_append (self->history_list, create_text_row (lines, classes, 3));
    }

  if (history->len > shown)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u older change is in the committee report.",
                                                            "%u older changes are in the committee report.",
                                                            history->len - shown),
                                               history->len - shown);
      const char *lines[1] = { more };
      const char *classes[1] = { "dim-label" };

      gtk_list_box_append (self->history_list, create_text_row (lines, classes, 1));
    }
}

static void
refresh (TmReviewPane *self)
{
  const TmMove *move;
  const TmMoveReview *review;
  TmMoveReview blank;
  gboolean was_updating;

  if (!has_task (self))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  move = peek_move (self);
  if (move == NULL)
    {
      gtk_label_set_label (self->no_move_task_label, tm_task_get_title (self->task));
      gtk_stack_set_visible_child_name (self->stack, "no-move");
      return;
    }

  tm_move_review_init (&blank, self->watch.scenario_id);
  review = peek_review (self);
  if (review == NULL)
    review = &blank;

  was_updating = self->updating;
  self->updating = TRUE;

  update_labels (self, move);
  update_status (self, review);
  update_titles (self, review);

  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    {
      set_drop_down_selected (self, self->check_dropdowns[i], review->checks[i].state);
      set_check_state_look (self->check_icons[i], self->check_labels[i], review->checks[i].state);
    }
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    set_drop_down_selected (self, self->quality_dropdowns[i], review->quality[i].rating);
  for (guint i = 0; i < TM_N_BARRIERS; i++)
    {
      GtkCheckButton *check = self->barrier_checks[i];
      gboolean active = (review->barriers & (1u << i)) != 0;

      if (GTK_WIDGET (check) != self->text_store.editing && gtk_check_button_get_active (check) != active)
        gtk_check_button_set_active (check, active);
    }
  set_drop_down_selected (self, self->risk_dropdown, review->risk);
  for (guint i = 0; i < N_TEXTS; i++)
    tm_text_store_show_text (&self->text_store, self->texts[i], review_get_text (review, i));

  update_history (self);

  self->updating = was_updating;

  gtk_stack_set_visible_child_name (self->stack, "review");
  tm_move_review_clear (&blank);
}

/* Committing ---------------------------------------------------------------------------- */

static void
emit_error (TmReviewPane *self,
            const GError *error)
{
  g_debug ("Edit failed: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
}

/* Fills @review with a copy of the move's review (a blank one if none); FALSE
 * when nothing may be stored now. Clear @review with tm_move_review_clear(). */
static gboolean
dup_review (TmReviewPane *self,
            TmMoveReview *review)
{
  const TmMoveReview *stored;

  if (self->updating || peek_move (self) == NULL)
    return FALSE;

  stored = peek_review (self);
  if (stored != NULL)
    tm_move_review_copy_into (review, stored);
  else
    tm_move_review_init (review, self->watch.scenario_id);
  return TRUE;
}

static gboolean
commit_review (TmReviewPane       *self,
               GtkWidget          *source,
               const TmMoveReview *review,
               const char         *merge_key)
{
  g_autoptr(GError) error = NULL;
  const TmMoveReview *stored = peek_review (self);
  GtkWidget *old_editing;
  gboolean ret;

  if (stored != NULL && tm_move_review_equal (stored, review))
    return TRUE;
  if (stored == NULL)
    {
      TmMoveReview blank;
      gboolean same;

      tm_move_review_init (&blank, self->watch.scenario_id);
      same = tm_move_review_equal (&blank, review);
      tm_move_review_clear (&blank);
      if (same)
        return TRUE;
    }

  old_editing = self->text_store.editing;
  self->text_store.editing = source;
  ret = tm_portfolio_set_review (self->watch.portfolio, self->task, review, merge_key, &error);
  self->text_store.editing = old_editing;

  if (!ret)
    {
      /* A text stays as typed; a choice goes back to the stored one. */
      if (!GTK_IS_EDITABLE (source) && !GTK_IS_TEXT_VIEW (source))
        refresh (self);
      emit_error (self, error);
    }

  return ret;
}

/* A single choice is one undo step of its own. */
static void
commit_choice (TmReviewPane       *self,
               GtkWidget          *source,
               const TmMoveReview *review)
{
  flush_pending (self);
  tm_portfolio_break_undo_merge (self->watch.portfolio);
  commit_review (self, source, review, NULL);
  tm_portfolio_break_undo_merge (self->watch.portfolio);
}

static void
commit_text (TmReviewPane *self,
             guint         field)
{
  g_autofree char *merge_key = g_strdup_printf ("review-text-%u", field);
  TmMoveReview review;
  char **slot;

  if (!dup_review (self, &review))
    return;
  slot = review_text_slot (&review, field);
  g_free (*slot);
  *slot = tm_gui_dup_widget_text (self->texts[field]);
  commit_review (self, self->texts[field], &review, merge_key);
  tm_move_review_clear (&review);
}

/* Typed text is stored from a high-priority idle (TmTextStore), so the two
 * halves of a replacement (delete all, insert) are one edit. */
static void
commit_field (gpointer user_data,
              guint    bit)
{
  commit_text (user_data, (guint) g_bit_nth_lsf (bit, -1));
}

static void
flush_pending (TmReviewPane *self)
{
  tm_text_store_flush (&self->text_store);
}

static void
on_text_changed (GObject      *source,
                 TmReviewPane *self)
{
  guint field = GPOINTER_TO_UINT (g_object_get_data (source, "tm-text-field"));

  g_assert (field > 0 && field <= N_TEXTS);

  if (self->updating || peek_move (self) == NULL)
    return;

  tm_text_store_queue (&self->text_store, 1u << (field - 1));
}

static void
on_field_focus_leave (TmReviewPane *self)
{
  flush_pending (self);
  if (self->watch.portfolio != NULL)
    tm_portfolio_break_undo_merge (self->watch.portfolio);
}

static void
on_check_selected (GtkDropDown  *drop_down,
                   GParamSpec   *pspec,
                   TmReviewPane *self)
{
  guint item = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "tm-index"));
  guint selected = gtk_drop_down_get_selected (drop_down);
  TmMoveReview review;

  if (selected >= TM_N_CHECK_STATES || !dup_review (self, &review))
    return;
  review.checks[item].state = selected;
  commit_choice (self, GTK_WIDGET (drop_down), &review);
  tm_move_review_clear (&review);
}

static void
on_quality_selected (GtkDropDown  *drop_down,
                     GParamSpec   *pspec,
                     TmReviewPane *self)
{
  guint component = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "tm-index"));
  guint selected = gtk_drop_down_get_selected (drop_down);
  TmMoveReview review;

  if (selected >= TM_N_RATINGS || !dup_review (self, &review))
    return;
  review.quality[component].rating = selected;
  commit_choice (self, GTK_WIDGET (drop_down), &review);
  tm_move_review_clear (&review);
}

static void
on_barrier_toggled (GtkCheckButton *check,
                    TmReviewPane   *self)
{
  guint flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "tm-barrier"));
  TmMoveReview review;

  if (!dup_review (self, &review))
    return;
  if (gtk_check_button_get_active (check))
    review.barriers |= flag;
  else
    review.barriers &= ~flag;
  commit_choice (self, GTK_WIDGET (check), &review);
  tm_move_review_clear (&review);
}

static void
on_risk_selected (TmReviewPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->risk_dropdown);
  TmMoveReview review;

  if (selected >= TM_N_RISKS || !dup_review (self, &review))
    return;
  review.risk = selected;
  commit_choice (self, GTK_WIDGET (self->risk_dropdown), &review);
  tm_move_review_clear (&review);
}

static void
on_history_expanded (TmReviewPane *self)
{
  update_history (self);
}

/* Changing the status ------------------------------------------------------------------- */

static void
close_confirmation (TmReviewPane *self)
{
  GtkWidget *dialog = self->confirmation;

  if (dialog == NULL)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirmation);
  self->confirmation = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_status_changed (gboolean      changed,
                   const GError *error,
                   gpointer      user_data)
{
  TmReviewPane *self = user_data;

  if (changed)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->status_note_entry), "");
      tm_portfolio_break_undo_merge (self->watch.portfolio);
    }
  else if (error != NULL)
    emit_error (self, error);
}

static void
change_status (TmReviewPane *self,
               TmMoveStatus  status,
               const char   *note)
{
  if (peek_move (self) == NULL)
    return;

  /* What was typed goes first, a step of its own. */
  flush_pending (self);
  tm_portfolio_break_undo_merge (self->watch.portfolio);

  /* An approval with items open asks first. */
  close_confirmation (self);
  self->confirmation = tm_gui_change_move_status (GTK_WIDGET (self), self->watch.portfolio, self->task,
                                                  self->watch.scenario_id, status, note,
                                                  on_status_changed, self);
  if (self->confirmation != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->confirmation), (gpointer *) &self->confirmation);
}

static void
on_status_button_clicked (TmReviewPane *self,
                          GtkButton    *button)
{
  TmMoveStatus status = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tm-status"));
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->status_note_entry))));

  change_status (self, status, note);
}

/* Building the rows --------------------------------------------------------------------- */

static void
watch_text (TmReviewPane *self,
            guint         field,
            GtkWidget    *widget)
{
  GtkEventController *controller = gtk_event_controller_focus_new ();
  GObject *source;

  self->texts[field] = widget;
  tm_text_store_add_field (&self->text_store, widget, 1u << field);

  /* Undo is the portfolio's, so Ctrl+Z reaches the window's undo from a field too. */
  if (GTK_IS_TEXT_VIEW (widget))
    {
      source = G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)));
      gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (source), FALSE);
    }
  else
    {
      source = G_OBJECT (widget);
      gtk_editable_set_enable_undo (GTK_EDITABLE (widget), FALSE);
    }
  g_object_set_data (source, "tm-text-field", GUINT_TO_POINTER (field + 1));
  g_signal_connect_object (source, "changed", G_CALLBACK (on_text_changed), self, 0);

  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_field_focus_leave), self);
  gtk_widget_add_controller (widget, controller);
}

/* A heading (with an icon before it, for the checklist), and below it a
 * drop-down of the answers with a note beside it. */
static GtkWidget *
create_choice_row (TmReviewPane       *self,
                   const char         *title,
                   const char         *description,
                   const char * const *choices,
                   guint               n_choices,
                   GtkImage          **icon_out,
                   GtkLabel          **label_out,
                   GtkDropDown       **drop_down_out,
                   guint               note_field)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *drop_down = gtk_drop_down_new (NULL, NULL);
  GtkWidget *note = gtk_entry_new ();
  /* Translators: the accessible name of the note beside an item of the checklist or
   * a quality component; %s is the item */
  g_autofree char *note_name = g_strdup_printf (_("Note on “%s”"), title);

  if (icon_out != NULL)
    {
      /* The drop-down tells the state to a screen reader; the icon shows it at a glance. */
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (heading), icon);
      *icon_out = GTK_IMAGE (icon);
    }

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop_down);
  gtk_box_append (GTK_BOX (heading), label);

  set_drop_down_choices (GTK_DROP_DOWN (drop_down), choices, n_choices);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  if (description != NULL)
    {
      gtk_widget_set_tooltip_text (label, description);
      gtk_widget_set_tooltip_text (drop_down, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }

  gtk_editable_set_width_chars (GTK_EDITABLE (note), 4);
  gtk_widget_set_hexpand (note, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (note),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, note_name,
                                  -1);
  watch_text (self, note_field, note);

  gtk_box_append (GTK_BOX (controls), drop_down);
  gtk_box_append (GTK_BOX (controls), note);
  gtk_box_append (GTK_BOX (row), heading);
  gtk_box_append (GTK_BOX (row), controls);

  *drop_down_out = GTK_DROP_DOWN (drop_down);
  if (label_out != NULL)
    *label_out = GTK_LABEL (label);
  return row;
}

static void
build_rows (TmReviewPane *self)
{
  const char *labels[8];

  G_STATIC_ASSERT (TM_N_CHECK_STATES <= 8 && TM_N_RATINGS <= 8 && TM_N_RISKS <= 8);

  for (guint i = 0; i < TM_N_CHECK_STATES; i++)
    labels[i] = tm_check_state_get_label (i);

  for (guint s = 0; s < TM_N_CHECK_SECTIONS; s++)
    {
      GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *heading = gtk_label_new (tm_check_section_get_label (s));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_add_css_class (heading, "dim-label");
      gtk_widget_set_margin_top (heading, s > 0 ? 6 : 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                      GTK_ACCESSIBLE_PROPERTY_LEVEL, 3, -1);
      gtk_box_append (GTK_BOX (section), heading);

      for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
        {
          GtkWidget *row;

          if (tm_check_item_get_section (i) != s)
            continue;
          row = create_choice_row (self, tm_check_item_get_label (i),
                                   tm_check_item_get_description (i),
                                   labels, TM_N_CHECK_STATES,
                                   &self->check_icons[i], &self->check_labels[i],
                                   &self->check_dropdowns[i],
                                   TEXT_CHECK_NOTE + i);
          g_object_set_data (G_OBJECT (self->check_dropdowns[i]), "tm-index", GUINT_TO_POINTER (i));
          g_signal_connect_object (self->check_dropdowns[i], "notify::selected",
                                   G_CALLBACK (on_check_selected), self, 0);
          gtk_box_append (GTK_BOX (section), row);
        }
      gtk_box_append (self->checklist_box, section);
    }

  for (guint i = 0; i < TM_N_RATINGS; i++)
    labels[i] = tm_rating_get_label (i);
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    {
      GtkWidget *row = create_choice_row (self, tm_quality_component_get_label (i), NULL,
                                          labels, TM_N_RATINGS, NULL, NULL, &self->quality_dropdowns[i],
                                          TEXT_QUALITY_NOTE + i);

      g_object_set_data (G_OBJECT (self->quality_dropdowns[i]), "tm-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (self->quality_dropdowns[i], "notify::selected",
                               G_CALLBACK (on_quality_selected), self, 0);
      gtk_box_append (self->quality_box, row);
    }

  for (guint i = 0; i < TM_N_BARRIERS; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (tm_barrier_get_label (1u << i));

      g_object_set_data (G_OBJECT (check), "tm-barrier", GUINT_TO_POINTER (1u << i));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_barrier_toggled), self, 0);
      gtk_box_append (self->barriers_box, check);
      self->barrier_checks[i] = GTK_CHECK_BUTTON (check);
    }

  for (guint i = 0; i < TM_N_RISKS; i++)
    labels[i] = tm_risk_get_label (i);
  _tm_drop_down_set_labels (self->risk_dropdown, labels, TM_N_RISKS);

  watch_text (self, TEXT_BARRIER_NOTE, GTK_WIDGET (self->barrier_note_entry));
  watch_text (self, TEXT_MITIGATION, GTK_WIDGET (self->mitigation_entry));
  watch_text (self, TEXT_RESPONSIBLE, GTK_WIDGET (self->responsible_entry));
  watch_text (self, TEXT_DELEGATION, GTK_WIDGET (self->delegation_entry));
  watch_text (self, TEXT_STANDARDS, GTK_WIDGET (self->standards_view));
  watch_text (self, TEXT_FOLLOW_UP, GTK_WIDGET (self->follow_up_view));

  for (guint i = 0; i < N_TEXTS; i++)
    g_assert (self->texts[i] != NULL);
}

/* Portfolio, task and scenario ---------------------------------------------------------- */

static void
on_portfolio_task_changed (TmPortfolio  *portfolio,
                           TmTask       *task,
                           TmReviewPane *self)
{
  if (task == self->task)
    refresh (self);
}

static void
on_tasks_changed (TmReviewPane *self)
{
  /* The task was deleted (or its adding undone): nothing left to assess. */
  if (self->task != NULL && self->watch.portfolio != NULL
      && tm_portfolio_lookup_task (self->watch.portfolio, tm_task_get_uuid (self->task)) != self->task)
    tm_review_pane_set_task (self, NULL);
}

static void
on_scenario_notify (TmReviewPane *self)
{
  refresh (self);
}

/* What the lists show belongs to another task or scenario now. */
static void
forget_shown (TmReviewPane *self)
{
  g_clear_pointer (&self->buttons_key, g_free);
  g_clear_pointer (&self->status_log_key, g_free);
  g_clear_pointer (&self->history_key, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->status_note_entry), "");
  close_confirmation (self);
}

/* GObject ------------------------------------------------------------------------------- */

static void
tm_review_pane_dispose (GObject *object)
{
  TmReviewPane *self = TM_REVIEW_PANE (object);

  /* Store the last keystrokes if the pane goes with its window. */
  flush_pending (self);
  close_confirmation (self);
  g_clear_object (&self->task);
  tm_pane_watch_set_portfolio (&self->watch, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_REVIEW_PANE);

  G_OBJECT_CLASS (tm_review_pane_parent_class)->dispose (object);
}

static void
tm_review_pane_finalize (GObject *object)
{
  TmReviewPane *self = TM_REVIEW_PANE (object);

  g_clear_pointer (&self->watch.scenario_id, g_free);
  g_clear_pointer (&self->buttons_key, g_free);
  g_clear_pointer (&self->status_log_key, g_free);
  g_clear_pointer (&self->history_key, g_free);

  G_OBJECT_CLASS (tm_review_pane_parent_class)->finalize (object);
}

static void
tm_review_pane_class_init (TmReviewPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_review_pane_dispose;
  object_class->finalize = tm_review_pane_finalize;

  /**
   * TmReviewPane::error:
   * @message: what went wrong, translated
   *
   * An edit could not be stored.
   */
  signals[SIGNAL_ERROR] = tm_gui_new_error_signal (G_TYPE_FROM_CLASS (klass));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-review-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, stack);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, no_move_task_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, task_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, move_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, status_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, status_since_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, counts_icon);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, counts_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, status_buttons);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, status_note_entry);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, status_log_heading);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, status_log_list);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, sections_box);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, status_expander);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, checklist_expander);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, checklist_title);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, quality_expander);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, quality_title);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, quality_box);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, barriers_expander);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, barriers_title);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, barriers_box);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, barrier_note_entry);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, risk_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, mitigation_entry);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, responsibility_expander);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, responsible_entry);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, delegation_entry);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, standards_view);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, follow_up_view);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, history_expander);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, history_title);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, history_empty_label);
  gtk_widget_class_bind_template_child (widget_class, TmReviewPane, history_list);
  gtk_widget_class_bind_template_callback (widget_class, on_risk_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_history_expanded);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reviewpane");
}

static void
tm_review_pane_init (TmReviewPane *self)
{
  tm_text_store_init (&self->text_store, commit_field, self);
  tm_pane_watch_init (&self->watch, G_CALLBACK (on_portfolio_task_changed),
                      G_CALLBACK (on_tasks_changed), G_CALLBACK (on_scenario_notify), self);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating = TRUE;
  build_rows (self);
  gtk_label_set_label (self->quality_title, _("_Quality (WHO)"));
  gtk_label_set_label (self->barriers_title, _("_Barriers and risk"));
  gtk_label_set_label (self->history_title, _("_History"));
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Public API ---------------------------------------------------------------------------- */

GtkWidget *
tm_review_pane_new (void)
{
  return g_object_new (TM_TYPE_REVIEW_PANE, NULL);
}

void
tm_review_pane_set_portfolio (TmReviewPane *self,
                              TmPortfolio  *portfolio)
{
  g_return_if_fail (TM_IS_REVIEW_PANE (self));
  g_return_if_fail (portfolio == NULL || TM_IS_PORTFOLIO (portfolio));

  if (self->watch.portfolio == portfolio)
    return;

  /* A task belongs to its portfolio. */
  tm_review_pane_set_task (self, NULL);
  tm_pane_watch_set_portfolio (&self->watch, portfolio);

  forget_shown (self);
  refresh (self);
}

void
tm_review_pane_set_scenario (TmReviewPane *self,
                             const char   *scenario_id)
{
  g_return_if_fail (TM_IS_REVIEW_PANE (self));

  /* What was typed belongs to the old scenario's review. */
  if (!tm_pane_watch_set_scenario (&self->watch, &self->text_store, scenario_id))
    return;
  forget_shown (self);
  refresh (self);
}

void
tm_review_pane_set_task (TmReviewPane *self,
                         TmTask       *task)
{
  g_return_if_fail (TM_IS_REVIEW_PANE (self));
  g_return_if_fail (task == NULL || TM_IS_TASK (task));

  if (self->task == task)
    return;

  /* What was typed belongs to the old task. */
  flush_pending (self);
  if (self->watch.portfolio != NULL)
    tm_portfolio_break_undo_merge (self->watch.portfolio);

  g_set_object (&self->task, task);
  self->text_store.editing = NULL;
  forget_shown (self);
  refresh (self);
}

/* Test hooks ---------------------------------------------------------------------------- */

GtkWidget *
_tm_review_pane_get_field (TmReviewPane *self,
                           const char   *name)
{
  const TmGuiField fields[] = {
    { "stack", G_STRUCT_OFFSET (TmReviewPane, stack) },
    { "status", G_STRUCT_OFFSET (TmReviewPane, status_label) },
    { "counts", G_STRUCT_OFFSET (TmReviewPane, counts_label) },
    { "status-note", G_STRUCT_OFFSET (TmReviewPane, status_note_entry) },
    { "status-log", G_STRUCT_OFFSET (TmReviewPane, status_log_list) },
    { "barrier-note", G_STRUCT_OFFSET (TmReviewPane, barrier_note_entry) },
    { "risk", G_STRUCT_OFFSET (TmReviewPane, risk_dropdown) },
    { "mitigation", G_STRUCT_OFFSET (TmReviewPane, mitigation_entry) },
    { "responsible", G_STRUCT_OFFSET (TmReviewPane, responsible_entry) },
    { "delegation", G_STRUCT_OFFSET (TmReviewPane, delegation_entry) },
    { "quality-standards", G_STRUCT_OFFSET (TmReviewPane, standards_view) },
    { "follow-up", G_STRUCT_OFFSET (TmReviewPane, follow_up_view) },
    { "history", G_STRUCT_OFFSET (TmReviewPane, history_list) },
    { "checklist-expander", G_STRUCT_OFFSET (TmReviewPane, checklist_expander) },
    { "quality-expander", G_STRUCT_OFFSET (TmReviewPane, quality_expander) },
    { "barriers-expander", G_STRUCT_OFFSET (TmReviewPane, barriers_expander) },
    { "responsibility-expander", G_STRUCT_OFFSET (TmReviewPane, responsibility_expander) },
    { "history-expander", G_STRUCT_OFFSET (TmReviewPane, history_expander) },
  };

  g_return_val_if_fail (TM_IS_REVIEW_PANE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "scroller"))
    return gtk_stack_get_child_by_name (self->stack, "review");
  return tm_gui_find_field (self, fields, G_N_ELEMENTS (fields), name);
}

GtkWidget *
_tm_review_pane_get_check_drop_down (TmReviewPane *self,
                                     TmCheckItem   item)
{
  g_return_val_if_fail (TM_IS_REVIEW_PANE (self), NULL);
  g_return_val_if_fail (item < TM_N_CHECK_ITEMS, NULL);

  return GTK_WIDGET (self->check_dropdowns[item]);
}

GtkWidget *
_tm_review_pane_get_check_note (TmReviewPane *self,
                                TmCheckItem   item)
{
  g_return_val_if_fail (TM_IS_REVIEW_PANE (self), NULL);
  g_return_val_if_fail (item < TM_N_CHECK_ITEMS, NULL);

  return self->texts[TEXT_CHECK_NOTE + item];
}

GtkWidget *
_tm_review_pane_get_quality_drop_down (TmReviewPane       *self,
                                       TmQualityComponent  component)
{
  g_return_val_if_fail (TM_IS_REVIEW_PANE (self), NULL);
  g_return_val_if_fail (component < TM_N_QUALITY_COMPONENTS, NULL);

  return GTK_WIDGET (self->quality_dropdowns[component]);
}

GtkWidget *
_tm_review_pane_get_quality_note (TmReviewPane       *self,
                                  TmQualityComponent  component)
{
  g_return_val_if_fail (TM_IS_REVIEW_PANE (self), NULL);
  g_return_val_if_fail (component < TM_N_QUALITY_COMPONENTS, NULL);

  return self->texts[TEXT_QUALITY_NOTE + component];
}

GtkWidget *
_tm_review_pane_get_barrier_check (TmReviewPane *self,
                                   TmBarrier     barrier)
{
  g_return_val_if_fail (TM_IS_REVIEW_PANE (self), NULL);

  for (guint i = 0; i < TM_N_BARRIERS; i++)
    if (barrier == (TmBarrier) (1u << i))
      return GTK_WIDGET (self->barrier_checks[i]);
  return NULL;
}

GtkWidget *
_tm_review_pane_get_status_button (TmReviewPane *self,
                                   TmMoveStatus  status)
{
  g_return_val_if_fail (TM_IS_REVIEW_PANE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "tm-status")) == status)
      return child;
  return NULL;
}

GtkWidget *
_tm_review_pane_get_confirmation (TmReviewPane *self)
{
  g_return_val_if_fail (TM_IS_REVIEW_PANE (self), NULL);

  return self->confirmation;
}

/* Wide: the sections in three columns (status and history; the checklist;
 * quality, barriers, risk and responsibility), every one open. */
void
tm_review_pane_set_wide (TmReviewPane *self,
                         gboolean      wide)
{
  GtkExpander *expanders[] = {
    self->status_expander, self->history_expander, self->checklist_expander,
    self->quality_expander, self->barriers_expander, self->responsibility_expander,
  };
  static const guint column_of[] = { 0, 0, 1, 2, 2, 2 };
  GtkWidget *columns[3];

  g_return_if_fail (TM_IS_REVIEW_PANE (self));

  if (wide == (self->columns != NULL))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (expanders); i++)
    {
      g_object_ref (expanders[i]);
      gtk_widget_unparent (GTK_WIDGET (expanders[i]));
    }

  if (wide)
    {
      self->columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
      gtk_box_set_homogeneous (GTK_BOX (self->columns), TRUE);
      for (guint c = 0; c < 3; c++)
        {
          columns[c] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
          gtk_box_append (GTK_BOX (self->columns), columns[c]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (expanders); i++)
        {
          gtk_box_append (GTK_BOX (columns[column_of[i]]), GTK_WIDGET (expanders[i]));
          gtk_expander_set_expanded (expanders[i], TRUE);
        }
      gtk_box_append (self->sections_box, self->columns);
    }
  else
    {
      gtk_box_remove (self->sections_box, self->columns);
      self->columns = NULL;
      /* Back in the order of the narrow pane. */
      gtk_box_append (self->sections_box, GTK_WIDGET (self->status_expander));
      gtk_box_append (self->sections_box, GTK_WIDGET (self->checklist_expander));
      gtk_box_append (self->sections_box, GTK_WIDGET (self->quality_expander));
      gtk_box_append (self->sections_box, GTK_WIDGET (self->barriers_expander));
      gtk_box_append (self->sections_box, GTK_WIDGET (self->responsibility_expander));
      gtk_box_append (self->sections_box, GTK_WIDGET (self->history_expander));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expanders); i++)
    g_object_unref (expanders[i]);
}
