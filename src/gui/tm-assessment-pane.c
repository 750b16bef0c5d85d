/* tm-assessment-pane.c
 * The form that edits the assessment of one task for one profession, and the task's move.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-assessment-pane"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "tm-gui-util.h"
#include "tm-pane-watch.h"
#include "tm-text-store.h"
#include "analysis/tm-analysis.h"
#include "tm-assessment-pane.h"
#include "dialogs/tm-dialogs-private.h"
#include "tm-assessment-pane-private.h"
#include "tm-review-pane.h"

struct _TmAssessmentPane
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkLabel       *task_label;
  GtkLabel       *profession_label;
  GtkWidget      *assessment_box;
  GtkWidget      *training_box;
  GtkWidget      *why_box;
  GtkDropDown    *suitability_dropdown;
  GtkDropDown    *complexity_dropdown;
  GtkSpinButton  *share_spin;
  GtkDropDown    *training_dropdown;
  GtkEntry       *days_entry;
  GtkTextView    *training_content_view;
  GtkCheckButton *tested_check;
  GtkDropDown    *rationale_dropdown;
  GtkEntry       *purpose_entry;
  GtkTextView    *note_view;
  GtkWidget      *move_box;
  GtkLabel       *move_heading;
  GtkWidget      *move_row;
  GtkLabel       *move_label;
  GtkSwitch      *move_switch;
  GtkWidget      *move_share_box;
  GtkSpinButton  *move_share_spin;
  GtkLabel       *other_move_label;
  GtkLabel       *instead_label;
  GtkCheckButton *stop_check;
  GtkCheckButton *technology_check;
  GtkWidget      *warnings_box;
  GtkListBox     *warnings_list;
  GtkStack       *page_stack;
  GtkWidget      *page_switcher;
  TmReviewPane   *review_pane;
  GtkWidget      *review_summary_box;
  gboolean        hide_review;          /* the review shows beside the pane */
  GtkLabel       *review_summary_label;
  GtkWidget      *review_button;

  /* Owned */
  TmPaneWatch     watch;             /* the portfolio and the scenario shown */
  TmTask         *task;
  TmProfession   *profession;        /* NULL: the matrix's stop-or-technology column */
  GPtrArray      *warnings;          /* of char *: the messages the list shows */
  gulong          profession_notify_id;
  TmTextStore     text_store;        /* PENDING_* flags typed, not yet stored */

  /* The length the days entry shows as stored, so a refresh keeps a rejected
   * entry as typed until the stored value really changes. */
  double          days_shown;

  /* The widget whose change is being committed: a refresh leaves it alone. */
  guint           updating : 1;
};

G_DEFINE_FINAL_TYPE (TmAssessmentPane, tm_assessment_pane, GTK_TYPE_WIDGET)

/* Text fields whose change is still to be stored. */
enum {
  PENDING_PURPOSE          = 1 << 0,
  PENDING_NOTE             = 1 << 1,
  PENDING_TRAINING_CONTENT = 1 << 2,
  PENDING_DAYS             = 1 << 3,
};

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The complexity limits offered: "varies" is no limit. */
#define N_LIMITS (TM_COMPLEXITY_HIGH + 1)

static void refresh (TmAssessmentPane *self);

/* Helpers ------------------------------------------------------------------------------- */

/* A label text with @text shown as is where the label uses underlines for mnemonics. */
static char *
escape_underlines (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", "_", -1);

  return g_strjoinv ("__", parts);
}

static void
assessment_copy (TmAssessment       *dest,
                 const TmAssessment *src)
{
  *dest = *src;
  dest->profession_id = g_strdup (src->profession_id);
  dest->training_content = g_strdup (src->training_content);
  dest->purpose = g_strdup (src->purpose);
  dest->note = g_strdup (src->note);
}

static gboolean
assessment_equal (const TmAssessment *a,
                  const TmAssessment *b)
{
  return g_strcmp0 (a->profession_id, b->profession_id) == 0
         && a->suitability == b->suitability
         && a->complexity_limit == b->complexity_limit
         && tm_gui_same_number (a->share, b->share)
         && a->training == b->training
         && tm_gui_same_number (a->training_days, b->training_days)
         && g_strcmp0 (a->training_content, b->training_content) == 0
         && !a->documented_by_test == !b->documented_by_test
         && a->rationale == b->rationale
         && g_strcmp0 (a->purpose, b->purpose) == 0
         && g_strcmp0 (a->note, b->note) == 0;
}

static gboolean
move_equal (const TmMove *a,
            const TmMove *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->kind == b->kind
         && (a->kind != TM_MOVE_TO_PROFESSION || g_strcmp0 (a->profession_id, b->profession_id) == 0)
         && tm_gui_same_number (a->share, b->share);
}

static gboolean
has_task (TmAssessmentPane *self)
{
  return self->watch.portfolio != NULL && self->task != NULL;
}

/* A task and a profession: an assessment to edit. */
static gboolean
has_cell (TmAssessmentPane *self)
{
  return has_task (self) && self->profession != NULL;
}

/* The stored assessment of the cell, or NULL. */
static const TmAssessment *
peek_assessment (TmAssessmentPane *self)
{
  if (self->task == NULL || self->profession == NULL)
    return NULL;
  return tm_task_data_get_assessment (tm_task_peek_data (self->task),
                                      tm_profession_get_id (self->profession));
}

static const TmMove *
peek_move (TmAssessmentPane *self)
{
  if (self->task == NULL || self->watch.scenario_id == NULL)
    return NULL;
  return tm_task_data_get_move (tm_task_peek_data (self->task), self->watch.scenario_id);
}

static gboolean
move_is_here (TmAssessmentPane *self,
              const TmMove     *move)
{
  return move != NULL && move->kind == TM_MOVE_TO_PROFESSION && self->profession != NULL
         && g_strcmp0 (move->profession_id, tm_profession_get_id (self->profession)) == 0;
}

/* Refreshing from the task -------------------------------------------------------------- */

static void
set_drop_down_selected (TmAssessmentPane *self,
                        GtkDropDown      *drop_down,
                        guint             position)
{
  if (GTK_WIDGET (drop_down) != self->text_store.editing
      && gtk_drop_down_get_selected (drop_down) != position)
    gtk_drop_down_set_selected (drop_down, position);
}

static void
set_spin_value (TmAssessmentPane *self,
                GtkSpinButton    *spin,
                double            value)
{
  value = CLAMP (value, 0, 100);
  if (GTK_WIDGET (spin) != self->text_store.editing && !tm_gui_same_number (gtk_spin_button_get_value (spin), value))
    gtk_spin_button_set_value (spin, value);
}

static void
set_check_active (TmAssessmentPane *self,
                  GtkCheckButton   *check,
                  gboolean          active)
{
  if (GTK_WIDGET (check) != self->text_store.editing && gtk_check_button_get_active (check) != active)
    gtk_check_button_set_active (check, active);
}

static GtkWidget *
create_warning_row (const char *message)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *image = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (message);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_valign (image, GTK_ALIGN_START);
  gtk_widget_add_css_class (image, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (image),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"),
                                  -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Wraps to the pane's width instead of asking for a line as wide as the text. */
  gtk_label_set_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, message,
                                  -1);
  return row;
}

static void
update_warnings (TmAssessmentPane *self)
{
  g_autoptr(GPtrArray) warnings = NULL;
  gboolean same;
  GtkWidget *child;

  if (has_task (self) && self->watch.scenario_id != NULL)
    warnings = tm_move_check (self->watch.portfolio, self->task, self->watch.scenario_id);
  else
    warnings = g_ptr_array_new ();

  /* Rebuild only when they changed, so a screen reader is not told twice. */
  same = warnings->len == self->warnings->len;
  for (guint i = 0; same && i < warnings->len; i++)
    same = g_strcmp0 (((TmWarning *) g_ptr_array_index (warnings, i))->message,
                      g_ptr_array_index (self->warnings, i)) == 0;
  if (same)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list))) != NULL)
    gtk_list_box_remove (self->warnings_list, child);
  g_ptr_array_set_size (self->warnings, 0);

  for (guint i = 0; i < warnings->len; i++)
    {
      const TmWarning *warning = g_ptr_array_index (warnings, i);

      g_ptr_array_add (self->warnings, g_strdup (warning->message));
      gtk_list_box_append (self->warnings_list, create_warning_row (warning->message));
    }

  gtk_widget_set_visible (self->warnings_box, warnings->len > 0);
}

/* Where the move's own assessment stands, with the way to it. */
static void
update_review_summary (TmAssessmentPane *self,
                       const TmMove     *move)
{
  const TmMoveReview *review;
  TmMoveReview blank;
  guint n_open;
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->review_summary_box, move != NULL && !self->hide_review);
  if (move == NULL)
    return;

  tm_move_review_init (&blank, self->watch.scenario_id);
  review = tm_task_data_get_review (tm_task_peek_data (self->task), self->watch.scenario_id);
  if (review == NULL)
    review = &blank;

  n_open = tm_move_review_count_open (review);
  /* Translators: in the move section of the assessment pane; %s is the move's status */
  status = g_strdup_printf (_("Status: %s"),
                            tm_move_status_get_label (tm_move_review_get_status (review),
                                                      tm_portfolio_get_country (self->watch.portfolio)));
  if (n_open > 0)
    {
      g_autofree char *open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u of %u items not yet considered",
                                                            "%u of %u items not yet considered",
                                                            n_open),
                                               n_open, (guint) TM_N_CHECK_ITEMS);

      text = g_strconcat (status, "\n", open, NULL);
    }
  else
    {
      text = g_steal_pointer (&status);
    }
  gtk_label_set_label (self->review_summary_label, text);

  tm_move_review_clear (&blank);
}

static void
update_move (TmAssessmentPane *self,
             const TmAssessment *assessment)
{
  const TmMove *move = peek_move (self);
  gboolean here = move_is_here (self, move);
  gboolean stop = move != NULL && move->kind == TM_MOVE_STOP;
  gboolean technology = move != NULL && move->kind == TM_MOVE_TECHNOLOGY;
  gtk_widget_set_visible (self->move_box, self->watch.scenario_id != NULL);
  if (self->watch.scenario_id == NULL)
    return;

  if (self->watch.scenario != NULL)
    {
      /* Translators: heading of the move section; %s is the name of a scenario */
      g_autofree char *heading = g_strdup_printf (_("In the scenario “%s”"),
                                                  tm_scenario_get_name (self->watch.scenario));

      gtk_label_set_label (self->move_heading, heading);
    }
  else
    {
      gtk_label_set_label (self->move_heading, _("In this scenario"));
    }

  /* On the stop-or-technology column only those two are offered. */
  gtk_widget_set_visible (self->move_row, self->profession != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->instead_label), self->profession != NULL);
  if (self->profession != NULL)
    {
      g_autofree char *name = escape_underlines (tm_profession_get_display_name (self->profession));
      /* Translators: the label of a switch; %s is a profession */
      g_autofree char *move_text = g_strdup_printf (_("_Move this task to %s"), name);

      gtk_label_set_label (self->move_label, move_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->move_switch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_label_get_text (self->move_label),
                                      -1);
    }

  if (GTK_WIDGET (self->move_switch) != self->text_store.editing
      && gtk_switch_get_active (self->move_switch) != here)
    gtk_switch_set_active (self->move_switch, here);
  set_check_active (self, self->stop_check, stop);
  set_check_active (self, self->technology_check, technology);

  /* The share of the move itself, or what would move if it were chosen here. */
  if (move != NULL && move->kind != TM_MOVE_TO_PROFESSION)
    set_spin_value (self, self->move_share_spin, move->share);
  else if (here)
    set_spin_value (self, self->move_share_spin, move->share);
  else
    set_spin_value (self, self->move_share_spin, assessment != NULL ? assessment->share : 100);
  gtk_widget_set_sensitive (self->move_share_box, here || stop || technology);

  update_review_summary (self, move);

  if (move != NULL && move->kind == TM_MOVE_TO_PROFESSION && !here)
    {
      TmProfession *other = tm_portfolio_lookup_profession (self->watch.portfolio, move->profession_id);
      /* Translators: %s is a profession, %.0f a share in percent; "%%" is a percent sign */
      g_autofree char *text = g_strdup_printf (_("In this scenario the task moves to %s (%.0f %%)."),
                                               other != NULL ? tm_profession_get_display_name (other)
                                                             : move->profession_id,
                                               move->share);

      gtk_label_set_label (self->other_move_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->other_move_label), TRUE);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->other_move_label), FALSE);
    }
}

static void
update_labels (TmAssessmentPane *self)
{
  g_autofree char *text = NULL;

  if (!has_task (self))
    return;

  gtk_label_set_label (self->task_label, tm_task_get_title (self->task));
  if (self->profession != NULL)
    /* Translators: under the task's title in the assessment pane; %s is a profession */
    text = g_strdup_printf (_("Could %s take it over?"), tm_profession_get_display_name (self->profession));
  else
    /* Translators: under the task's title, on the matrix's stop-or-technology column */
    text = g_strdup (_("Could the task stop, or be supported by technology?"));
  gtk_label_set_label (self->profession_label, text);
}

static void
refresh (TmAssessmentPane *self)
{
  const TmAssessment *a;
  TmAssessment blank;
  gboolean was_updating;

  if (!has_task (self))
    return;

  gtk_widget_set_visible (self->assessment_box, self->profession != NULL);
  gtk_widget_set_visible (self->training_box, self->profession != NULL);
  gtk_widget_set_visible (self->why_box, self->profession != NULL);
  if (self->profession == NULL)
    {
      was_updating = self->updating;
      self->updating = TRUE;
      update_labels (self);
      update_move (self, NULL);
      update_warnings (self);
      self->updating = was_updating;
      return;
    }

  tm_assessment_init (&blank, tm_profession_get_id (self->profession));
  a = peek_assessment (self);
  if (a == NULL)
    a = &blank;

  was_updating = self->updating;
  self->updating = TRUE;

  update_labels (self);
  set_drop_down_selected (self, self->suitability_dropdown, a->suitability);
  set_drop_down_selected (self, self->complexity_dropdown,
                          a->complexity_limit < N_LIMITS ? (guint) a->complexity_limit
                                                         : GTK_INVALID_LIST_POSITION);
  set_spin_value (self, self->share_spin, a->share);
  set_drop_down_selected (self, self->training_dropdown, a->training);
  tm_text_store_show_number (&self->text_store, self->days_entry, &self->days_shown, a->training_days);
  tm_text_store_show_text (&self->text_store, GTK_WIDGET (self->training_content_view), a->training_content);
  set_check_active (self, self->tested_check, a->documented_by_test);
  set_drop_down_selected (self, self->rationale_dropdown, a->rationale);
  tm_text_store_show_text (&self->text_store, GTK_WIDGET (self->purpose_entry), a->purpose);
  tm_text_store_show_text (&self->text_store, GTK_WIDGET (self->note_view), a->note);
  update_move (self, peek_assessment (self));
  update_warnings (self);

  self->updating = was_updating;

  tm_assessment_clear (&blank);
}

/* Committing ---------------------------------------------------------------------------- */

static void
emit_error (TmAssessmentPane *self,
            const GError     *error)
{
  g_debug ("Edit failed: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
}

/* Fills @a with a copy of the cell's assessment (a blank one if none); FALSE when
 * nothing may be stored now. Clear @a with tm_assessment_clear(). */
static gboolean
dup_assessment (TmAssessmentPane *self,
                TmAssessment     *a)
{
  const TmAssessment *stored;

  if (self->updating || !has_cell (self))
    return FALSE;

  stored = peek_assessment (self);
  if (stored != NULL)
    assessment_copy (a, stored);
  else
    tm_assessment_init (a, tm_profession_get_id (self->profession));
  return TRUE;
}

static void
after_failure (TmAssessmentPane *self,
               GtkWidget        *source,
               const GError     *error)
{
  /* A text the user is typing stays as typed; a choice goes back to the stored one. */
  if (GTK_IS_ENTRY (source))
    tm_gui_set_entry_error (GTK_ENTRY (source), error->message);
  else if (!GTK_IS_EDITABLE (source) && !GTK_IS_TEXT_VIEW (source))
    refresh (self);
  emit_error (self, error);
}

static gboolean
commit_assessment (TmAssessmentPane   *self,
                   GtkWidget          *source,
                   const TmAssessment *a,
                   const char         *merge_key)
{
  g_autoptr(GError) error = NULL;
  const TmAssessment *stored = peek_assessment (self);
  GtkWidget *old_editing;
  gboolean ret;

  if (stored != NULL && assessment_equal (stored, a))
    return TRUE;

  old_editing = self->text_store.editing;
  self->text_store.editing = source;
  ret = tm_portfolio_set_assessment (self->watch.portfolio, self->task, a, merge_key, &error);
  self->text_store.editing = old_editing;

  if (!ret)
    after_failure (self, source, error);
  else if (GTK_IS_ENTRY (source))
    tm_gui_set_entry_error (GTK_ENTRY (source), NULL);

  return ret;
}

/* A single choice is one undo step of its own. */
static gboolean
commit_assessment_choice (TmAssessmentPane   *self,
                          GtkWidget          *source,
                          const TmAssessment *a,
                          const char         *merge_key)
{
  gboolean ret;

  tm_portfolio_break_undo_merge (self->watch.portfolio);
  ret = commit_assessment (self, source, a, merge_key);
  tm_portfolio_break_undo_merge (self->watch.portfolio);

  return ret;
}

/* Stores @move (NULL: none) as the task's move in the scenario. A @merge_key joins
 * successive changes (the share spin button) into one undo step. */
static gboolean
commit_move (TmAssessmentPane *self,
             GtkWidget        *source,
             const TmMove     *move,
             const char       *merge_key)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *old_editing;
  gboolean ret;

  if (self->updating || !has_task (self) || self->watch.scenario_id == NULL)
    return FALSE;
  if (move_equal (peek_move (self), move))
    return TRUE;

  old_editing = self->text_store.editing;
  self->text_store.editing = source;
  if (merge_key != NULL)
    {
      g_autoptr(TmTaskData) data = tm_task_dup_data (self->task);

      tm_task_data_set_move (data, self->watch.scenario_id, move);
      ret = tm_portfolio_update_task (self->watch.portfolio, self->task, data, merge_key, &error);
    }
  else
    {
      tm_portfolio_break_undo_merge (self->watch.portfolio);
      ret = tm_portfolio_set_move (self->watch.portfolio, self->task, self->watch.scenario_id, move, &error);
      tm_portfolio_break_undo_merge (self->watch.portfolio);
    }
  self->text_store.editing = old_editing;

  if (!ret)
    after_failure (self, source, error);
  /* The switch and the checks act as one choice: bring the others in line. */
  refresh (self);

  return ret;
}

static void
commit_purpose (TmAssessmentPane *self)
{
  TmAssessment a;

  if (!dup_assessment (self, &a))
    return;
  g_free (a.purpose);
  a.purpose = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->purpose_entry)));
  commit_assessment (self, GTK_WIDGET (self->purpose_entry), &a, "assessment-purpose");
  tm_assessment_clear (&a);
}

static void
commit_note (TmAssessmentPane *self)
{
  TmAssessment a;

  if (!dup_assessment (self, &a))
    return;
  g_free (a.note);
  a.note = tm_gui_dup_widget_text (GTK_WIDGET (self->note_view));
  commit_assessment (self, GTK_WIDGET (self->note_view), &a, "assessment-note");
  tm_assessment_clear (&a);
}

static void
commit_training_content (TmAssessmentPane *self)
{
  TmAssessment a;

  if (!dup_assessment (self, &a))
    return;
  g_free (a.training_content);
  a.training_content = tm_gui_dup_widget_text (GTK_WIDGET (self->training_content_view));
  commit_assessment (self, GTK_WIDGET (self->training_content_view), &a,
                     "assessment-training-content");
  tm_assessment_clear (&a);
}

static void
commit_days (TmAssessmentPane *self)
{
  TmAssessment a;
  double days;

  if (!has_cell (self))
    return;

  if (!tm_gui_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->days_entry)), &days))
    {
      tm_gui_set_entry_error (self->days_entry,
                       _("Enter a positive number of days, or leave empty if not known"));
      return;
    }
  tm_gui_set_entry_error (self->days_entry, NULL);

  if (!dup_assessment (self, &a))
    return;
  a.training_days = days;
  if (commit_assessment (self, GTK_WIDGET (self->days_entry), &a, "assessment-training-days"))
    self->days_shown = days;
  tm_assessment_clear (&a);
}

/* Typed text is stored from a high-priority idle (TmTextStore), so the two
 * halves of a replacement (delete all, insert) are one edit. */
static void
commit_field (gpointer user_data,
              guint    bit)
{
  TmAssessmentPane *self = user_data;

  switch (bit)
    {
    case PENDING_PURPOSE: commit_purpose (self); break;
    case PENDING_NOTE: commit_note (self); break;
    case PENDING_TRAINING_CONTENT: commit_training_content (self); break;
    case PENDING_DAYS: commit_days (self); break;
    default: g_assert_not_reached ();
    }
}

static void
flush_pending (TmAssessmentPane *self)
{
  tm_text_store_flush (&self->text_store);
}

static void
queue_commit (TmAssessmentPane *self,
              guint             bit)
{
  if (self->updating || !has_cell (self))
    return;

  tm_text_store_queue (&self->text_store, bit);
}

static void
on_purpose_changed (TmAssessmentPane *self)
{
  queue_commit (self, PENDING_PURPOSE);
}

static void
on_note_changed (TmAssessmentPane *self)
{
  queue_commit (self, PENDING_NOTE);
}

static void
on_training_content_changed (TmAssessmentPane *self)
{
  queue_commit (self, PENDING_TRAINING_CONTENT);
}

static void
on_days_changed (TmAssessmentPane *self)
{
  queue_commit (self, PENDING_DAYS);
}

static void
on_field_focus_leave (TmAssessmentPane *self)
{
  flush_pending (self);
  if (self->watch.portfolio != NULL)
    tm_portfolio_break_undo_merge (self->watch.portfolio);
}

static void
on_suitability_selected (TmAssessmentPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->suitability_dropdown);
  TmAssessment a;

  if (selected >= TM_N_SUITABILITIES || !dup_assessment (self, &a))
    return;
  a.suitability = selected;
  commit_assessment_choice (self, GTK_WIDGET (self->suitability_dropdown), &a, "suitability");
  tm_assessment_clear (&a);
}

static void
on_complexity_selected (TmAssessmentPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->complexity_dropdown);
  TmAssessment a;

  if (selected >= N_LIMITS || !dup_assessment (self, &a))
    return;
  a.complexity_limit = selected;
  commit_assessment_choice (self, GTK_WIDGET (self->complexity_dropdown), &a, "complexity-limit");
  tm_assessment_clear (&a);
}

static void
on_training_selected (TmAssessmentPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->training_dropdown);
  TmAssessment a;

  if (selected >= TM_N_TRAININGS || !dup_assessment (self, &a))
    return;
  a.training = selected;
  commit_assessment_choice (self, GTK_WIDGET (self->training_dropdown), &a, "training");
  tm_assessment_clear (&a);
}

static void
on_rationale_selected (TmAssessmentPane *self)
{
  guint selected = gtk_drop_down_get_selected (self->rationale_dropdown);
  TmAssessment a;

  if (selected >= TM_N_RATIONALES || !dup_assessment (self, &a))
    return;
  a.rationale = selected;
  commit_assessment_choice (self, GTK_WIDGET (self->rationale_dropdown), &a, "rationale");
  tm_assessment_clear (&a);
}

static void
on_tested_toggled (TmAssessmentPane *self)
{
  TmAssessment a;

  if (!dup_assessment (self, &a))
    return;
  a.documented_by_test = gtk_check_button_get_active (self->tested_check);
  commit_assessment_choice (self, GTK_WIDGET (self->tested_check), &a, "documented-by-test");
  tm_assessment_clear (&a);
}

static void
on_share_changed (TmAssessmentPane *self)
{
  TmAssessment a;

  if (!dup_assessment (self, &a))
    return;
  a.share = gtk_spin_button_get_value (self->share_spin);
  /* Clicks on the arrows in a row are one undo step. */
  commit_assessment (self, GTK_WIDGET (self->share_spin), &a, "assessment-share");
  tm_assessment_clear (&a);
}

static void
on_move_switch_active (TmAssessmentPane *self)
{
  const TmAssessment *a;
  TmMove move = { NULL, TM_MOVE_TO_PROFESSION, NULL, 100 };

  if (self->updating || !has_cell (self))
    return;

  if (!gtk_switch_get_active (self->move_switch))
    {
      /* Off: no move, but only if the move was this one. */
      if (move_is_here (self, peek_move (self)))
        commit_move (self, GTK_WIDGET (self->move_switch), NULL, NULL);
      return;
    }

  a = peek_assessment (self);
  move.profession_id = (char *) tm_profession_get_id (self->profession);
  move.share = a != NULL ? a->share : 100;
  commit_move (self, GTK_WIDGET (self->move_switch), &move, NULL);
}

static void
on_disposition_toggled (TmAssessmentPane *self,
                        GtkCheckButton   *check)
{
  TmMoveKind kind = check == self->stop_check ? TM_MOVE_STOP : TM_MOVE_TECHNOLOGY;
  const TmMove *current;
  TmMove move = { NULL, kind, NULL, 100 };

  if (self->updating || !has_task (self))
    return;

  current = peek_move (self);
  if (gtk_check_button_get_active (check))
    commit_move (self, GTK_WIDGET (check), &move, NULL);
  else if (current != NULL && current->kind == kind)
    commit_move (self, GTK_WIDGET (check), NULL, NULL);
}

static void
on_review_button_clicked (TmAssessmentPane *self)
{
  gtk_stack_set_visible_child_name (self->page_stack, "review");
}

static void
on_review_pane_error (TmAssessmentPane *self,
                      const char       *message)
{
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, message);
}

static void
on_move_share_changed (TmAssessmentPane *self)
{
  const TmMove *current;
  TmMove move;

  if (self->updating || !has_task (self))
    return;

  current = peek_move (self);
  if (current == NULL || (current->kind == TM_MOVE_TO_PROFESSION && !move_is_here (self, current)))
    return;

  move = *current;
  move.share = gtk_spin_button_get_value (self->move_share_spin);
  commit_move (self, GTK_WIDGET (self->move_share_spin), &move, "move-share");
}

/* Portfolio, task, profession and scenario ---------------------------------------------- */

static void
on_portfolio_task_changed (TmPortfolio      *portfolio,
                           TmTask           *task,
                           TmAssessmentPane *self)
{
  if (task == self->task)
    refresh (self);
}

static void
update_page (TmAssessmentPane *self)
{
  gtk_stack_set_visible_child_name (self->stack, has_task (self) ? "pane" : "empty");
}

static void
on_tasks_changed (TmAssessmentPane *self)
{
  /* The task was deleted (or its adding undone): nothing left to edit. */
  if (self->task != NULL && self->watch.portfolio != NULL
      && tm_portfolio_lookup_task (self->watch.portfolio, tm_task_get_uuid (self->task)) != self->task)
    tm_assessment_pane_set_cell (self, NULL, NULL);
}

static void
on_profession_notify (TmAssessmentPane *self)
{
  refresh (self);
}

static void
on_scenario_notify (TmAssessmentPane *self)
{
  refresh (self);
}

static void
disconnect_cell (TmAssessmentPane *self)
{
  if (self->profession != NULL)
    g_clear_signal_handler (&self->profession_notify_id, self->profession);
  g_clear_object (&self->profession);
  g_clear_object (&self->task);
}

/* GObject ------------------------------------------------------------------------------- */

static void
tm_assessment_pane_dispose (GObject *object)
{
  TmAssessmentPane *self = TM_ASSESSMENT_PANE (object);

  /* Store the last keystrokes if the pane goes with its window. */
  flush_pending (self);
  disconnect_cell (self);
  tm_pane_watch_set_portfolio (&self->watch, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_ASSESSMENT_PANE);

  G_OBJECT_CLASS (tm_assessment_pane_parent_class)->dispose (object);
}

static void
tm_assessment_pane_finalize (GObject *object)
{
  TmAssessmentPane *self = TM_ASSESSMENT_PANE (object);

  g_clear_pointer (&self->watch.scenario_id, g_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);

  G_OBJECT_CLASS (tm_assessment_pane_parent_class)->finalize (object);
}

static void
tm_assessment_pane_class_init (TmAssessmentPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_assessment_pane_dispose;
  object_class->finalize = tm_assessment_pane_finalize;

  /**
   * TmAssessmentPane::error:
   * @message: what went wrong, translated
   *
   * An edit could not be stored.
   */
  signals[SIGNAL_ERROR] = tm_gui_new_error_signal (G_TYPE_FROM_CLASS (klass));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-assessment-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, stack);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, task_label);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, profession_label);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, assessment_box);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, training_box);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, why_box);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, move_row);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, suitability_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, complexity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, share_spin);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, training_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, days_entry);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, training_content_view);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, tested_check);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, rationale_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, purpose_entry);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, note_view);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, move_box);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, move_heading);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, move_label);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, move_switch);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, move_share_box);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, move_share_spin);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, other_move_label);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, instead_label);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, stop_check);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, technology_check);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, page_stack);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, review_pane);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, review_summary_box);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, review_summary_label);
  gtk_widget_class_bind_template_child (widget_class, TmAssessmentPane, review_button);
  gtk_widget_class_bind_template_callback (widget_class, on_suitability_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_complexity_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_share_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_training_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_days_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tested_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_rationale_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_purpose_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_move_switch_active);
  gtk_widget_class_bind_template_callback (widget_class, on_move_share_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_disposition_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_review_button_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "assessmentpane");

  g_type_ensure (TM_TYPE_REVIEW_PANE);
}

static void
tm_assessment_pane_init (TmAssessmentPane *self)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const char *labels[16];
  GtkWidget *focus_fields[6];

  G_STATIC_ASSERT (TM_N_SUITABILITIES <= 16 && N_LIMITS <= 16 && TM_N_TRAININGS <= 16
                   && TM_N_RATIONALES <= 16);

  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->days_shown = NAN;

  tm_text_store_init (&self->text_store, commit_field, self);
  tm_pane_watch_init (&self->watch, G_CALLBACK (on_portfolio_task_changed),
                      G_CALLBACK (on_tasks_changed), G_CALLBACK (on_scenario_notify), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->purpose_entry), PENDING_PURPOSE);
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->note_view), PENDING_NOTE);
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->training_content_view), PENDING_TRAINING_CONTENT);
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->days_entry), PENDING_DAYS);

  g_signal_connect_object (self->review_pane, "error", G_CALLBACK (on_review_pane_error), self,
                           G_CONNECT_SWAPPED);

  self->updating = TRUE;

  /* The matrix's symbol before each label, so the two read alike. */
  for (guint i = 0; i < TM_N_SUITABILITIES; i++)
    {
      char *label = g_strdup_printf ("%s   %s", tm_suitability_get_symbol (i),
                                     tm_suitability_get_label (i));

      g_ptr_array_add (owned, label);
      labels[i] = label;
    }
  _tm_drop_down_set_labels (self->suitability_dropdown, labels, TM_N_SUITABILITIES);

  for (guint i = 0; i < N_LIMITS; i++)
    labels[i] = tm_complexity_get_label (i);
  _tm_drop_down_set_labels (self->complexity_dropdown, labels, N_LIMITS);

  for (guint i = 0; i < TM_N_TRAININGS; i++)
    labels[i] = tm_training_get_label (i);
  _tm_drop_down_set_labels (self->training_dropdown, labels, TM_N_TRAININGS);

  for (guint i = 0; i < TM_N_RATIONALES; i++)
    labels[i] = tm_rationale_get_label (i);
  _tm_drop_down_set_labels (self->rationale_dropdown, labels, TM_N_RATIONALES);

  gtk_check_button_set_label (self->stop_check, tm_move_kind_get_label (TM_MOVE_STOP));
  gtk_check_button_set_label (self->technology_check, tm_move_kind_get_label (TM_MOVE_TECHNOLOGY));

  self->updating = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->training_content_view), "changed",
                           G_CALLBACK (on_training_content_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_changed), self, G_CONNECT_SWAPPED);

  /* Undo is the portfolio's, so Ctrl+Z reaches the window's undo from a field too. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->purpose_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->days_entry), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->training_content_view), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->note_view), FALSE);

  focus_fields[0] = GTK_WIDGET (self->purpose_entry);
  focus_fields[1] = GTK_WIDGET (self->note_view);
  focus_fields[2] = GTK_WIDGET (self->training_content_view);
  focus_fields[3] = GTK_WIDGET (self->days_entry);
  focus_fields[4] = GTK_WIDGET (self->share_spin);
  focus_fields[5] = GTK_WIDGET (self->move_share_spin);
  for (guint i = 0; i < G_N_ELEMENTS (focus_fields); i++)
    {
      GtkEventController *controller = gtk_event_controller_focus_new ();

      g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_field_focus_leave), self);
      gtk_widget_add_controller (focus_fields[i], controller);
    }

  update_page (self);
}

/* Public API ---------------------------------------------------------------------------- */

GtkWidget *
tm_assessment_pane_new (void)
{
  return g_object_new (TM_TYPE_ASSESSMENT_PANE, NULL);
}

void
tm_assessment_pane_set_portfolio (TmAssessmentPane *self,
                                  TmPortfolio      *portfolio)
{
  g_return_if_fail (TM_IS_ASSESSMENT_PANE (self));
  g_return_if_fail (portfolio == NULL || TM_IS_PORTFOLIO (portfolio));

  if (self->watch.portfolio == portfolio)
    return;

  /* A task belongs to its portfolio. */
  tm_assessment_pane_set_cell (self, NULL, NULL);
  tm_pane_watch_set_portfolio (&self->watch, portfolio);
  tm_review_pane_set_portfolio (self->review_pane, portfolio);

  update_page (self);
}

void
tm_assessment_pane_set_scenario (TmAssessmentPane *self,
                                 const char       *scenario_id)
{
  g_return_if_fail (TM_IS_ASSESSMENT_PANE (self));

  /* What was typed belongs to the assessment, not the scenario, but the move's
   * share run ends here. */
  if (!tm_pane_watch_set_scenario (&self->watch, &self->text_store, scenario_id))
    return;
  tm_review_pane_set_scenario (self->review_pane, scenario_id);
  refresh (self);
}

void
tm_assessment_pane_set_cell (TmAssessmentPane *self,
                             TmTask           *task,
                             TmProfession     *profession)
{
  g_return_if_fail (TM_IS_ASSESSMENT_PANE (self));
  g_return_if_fail (task == NULL || TM_IS_TASK (task));
  g_return_if_fail (profession == NULL || TM_IS_PROFESSION (profession));

  if (self->task == task && self->profession == profession)
    return;

  /* What was typed belongs to the old cell. */
  flush_pending (self);
  if (self->watch.portfolio != NULL)
    tm_portfolio_break_undo_merge (self->watch.portfolio);

  disconnect_cell (self);
  tm_review_pane_set_task (self->review_pane, task);

  if (task != NULL)
    {
      self->task = g_object_ref (task);
      if (profession != NULL)
        {
          self->profession = g_object_ref (profession);
          self->profession_notify_id = g_signal_connect_swapped (profession, "notify",
                                                                 G_CALLBACK (on_profession_notify),
                                                                 self);
        }
      /* A new cell: every field is filled afresh and loses its error mark. */
      self->days_shown = NAN;
      self->text_store.editing = NULL;
      tm_gui_set_entry_error (self->purpose_entry, NULL);
      tm_gui_set_entry_error (self->days_entry, NULL);
      refresh (self);
    }

  update_page (self);
}

/* Test hooks ---------------------------------------------------------------------------- */

GtkWidget *
_tm_assessment_pane_get_field (TmAssessmentPane *self,
                               const char       *field)
{
  const TmGuiField fields[] = {
    { "suitability", G_STRUCT_OFFSET (TmAssessmentPane, suitability_dropdown) },
    { "complexity-limit", G_STRUCT_OFFSET (TmAssessmentPane, complexity_dropdown) },
    { "share", G_STRUCT_OFFSET (TmAssessmentPane, share_spin) },
    { "training", G_STRUCT_OFFSET (TmAssessmentPane, training_dropdown) },
    { "training-days", G_STRUCT_OFFSET (TmAssessmentPane, days_entry) },
    { "training-content", G_STRUCT_OFFSET (TmAssessmentPane, training_content_view) },
    { "documented-by-test", G_STRUCT_OFFSET (TmAssessmentPane, tested_check) },
    { "rationale", G_STRUCT_OFFSET (TmAssessmentPane, rationale_dropdown) },
    { "purpose", G_STRUCT_OFFSET (TmAssessmentPane, purpose_entry) },
    { "note", G_STRUCT_OFFSET (TmAssessmentPane, note_view) },
    { "move", G_STRUCT_OFFSET (TmAssessmentPane, move_switch) },
    { "move-share", G_STRUCT_OFFSET (TmAssessmentPane, move_share_spin) },
    { "stop", G_STRUCT_OFFSET (TmAssessmentPane, stop_check) },
    { "technology", G_STRUCT_OFFSET (TmAssessmentPane, technology_check) },
    { "warnings", G_STRUCT_OFFSET (TmAssessmentPane, warnings_list) },
    { "stack", G_STRUCT_OFFSET (TmAssessmentPane, stack) },
    { "pages", G_STRUCT_OFFSET (TmAssessmentPane, page_stack) },
    { "review", G_STRUCT_OFFSET (TmAssessmentPane, review_pane) },
    { "review-summary", G_STRUCT_OFFSET (TmAssessmentPane, review_summary_label) },
    { "review-button", G_STRUCT_OFFSET (TmAssessmentPane, review_button) },
  };

  g_return_val_if_fail (TM_IS_ASSESSMENT_PANE (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return tm_gui_find_field (self, fields, G_N_ELEMENTS (fields), field);
}

GStrv
_tm_assessment_pane_dup_warnings (TmAssessmentPane *self)
{
  GStrvBuilder *builder;
  GStrv ret;

  g_return_val_if_fail (TM_IS_ASSESSMENT_PANE (self), NULL);

  builder = g_strv_builder_new ();
  if (gtk_widget_get_visible (self->warnings_box))
    for (guint i = 0; i < self->warnings->len; i++)
      g_strv_builder_add (builder, g_ptr_array_index (self->warnings, i));
  ret = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ret;
}

void
tm_assessment_pane_set_show_review (TmAssessmentPane *self,
                                    gboolean          show_review)
{
  g_return_if_fail (TM_IS_ASSESSMENT_PANE (self));

  self->hide_review = !show_review;
  gtk_widget_set_visible (self->page_switcher, show_review);
  if (self->hide_review)
    {
      gtk_widget_set_visible (self->review_summary_box, FALSE);
      gtk_stack_set_visible_child_name (self->page_stack, "assessment");
    }
}
