/* tm-task-editor.c
 * The form that edits every field of one task; each change is stored at once.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-task-editor"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "tm-gui-util.h"
#include "tm-text-store.h"
#include "dialogs/tm-dialogs-private.h"
#include "tm-task-editor.h"

struct _TmTaskEditor
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkEntry       *title_entry;
  GtkTextView    *description_view;
  GtkEntry       *group_entry;
  GtkMenuButton  *group_button;
  GtkPopover     *group_popover;
  GtkListBox     *group_list;
  GtkDropDown    *level_dropdown;
  GtkDropDown    *complexity_dropdown;
  GtkEntry       *minutes_entry;
  GtkEntry       *occurrences_entry;
  GtkDropDown    *per_dropdown;
  GtkLabel       *hours_label;
  GtkCheckButton *shift_day_check;
  GtkCheckButton *shift_evening_check;
  GtkCheckButton *shift_night_check;
  GtkCheckButton *shift_weekend_check;
  GtkBox         *performers_box;
  GtkLabel       *performers_empty;
  GtkButton      *add_performer_button;
  GtkTextView    *notes_view;

  /* Owned */
  TmPortfolio    *portfolio;
  TmTask         *task;
  GListModel     *professions;
  GArray         *shown_performers;  /* of TmPerformer: what the rows show */
  GPtrArray      *performer_spins;   /* borrowed GtkSpinButtons, one per row */
  gulong          task_changed_id;
  gulong          task_notify_id;
  gulong          professions_changed_id;
  guint           rebuild_source;
  TmTextStore     text_store;        /* PENDING_* flags typed, not yet stored */
  int             focus_row;         /* a row to focus after the next rebuild, or -1 */

  /* The value each number entry shows as stored, so a refresh keeps a
   * rejected entry as typed until the stored value really changes. */
  double          minutes_shown;
  double          occurrences_shown;

  /* The widget whose change is being committed: a refresh leaves it alone. */
  guint           updating : 1;
};

G_DEFINE_FINAL_TYPE (TmTaskEditor, tm_task_editor, GTK_TYPE_WIDGET)

/* Text fields whose change is still to be stored. */
enum {
  PENDING_TITLE       = 1 << 0,
  PENDING_DESCRIPTION = 1 << 1,
  PENDING_GROUP       = 1 << 2,
  PENDING_MINUTES     = 1 << 3,
  PENDING_OCCURRENCES = 1 << 4,
  PENDING_NOTES       = 1 << 5,
};

enum {
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const TmShifts shift_flags[TM_N_SHIFTS] = {
  TM_SHIFT_DAY, TM_SHIFT_EVENING, TM_SHIFT_NIGHT, TM_SHIFT_WEEKEND,
};

static void update_performers        (TmTaskEditor *self,
                                      gboolean      force);
static void queue_rebuild_performers (TmTaskEditor *self);

/* Drop-downs ---------------------------------------------------------------------------- */

static void
drop_down_setup_button_item (GtkSignalListItemFactory *factory,
                             GtkListItem              *item,
                             gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  gboolean ellipsize = GPOINTER_TO_INT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
drop_down_bind_button_item (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), gtk_string_object_get_string (string));
}

static void
drop_down_update_check (GtkListItem *item)
{
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (item), "tm-drop-down");
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *check = gtk_widget_get_last_child (box);

  gtk_widget_set_opacity (check,
                          gtk_drop_down_get_selected (drop_down) == gtk_list_item_get_position (item)
                          ? 1.0 : 0.0);
}

static void
drop_down_setup_list_item (GtkSignalListItemFactory *factory,
                           GtkListItem              *item,
                           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Selected"),
                                  -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
  g_object_set_data (G_OBJECT (item), "tm-drop-down", user_data);
}

static void
drop_down_bind_list_item (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  gulong id;

  gtk_label_set_label (GTK_LABEL (gtk_widget_get_first_child (box)),
                       gtk_string_object_get_string (string));
  id = g_signal_connect_swapped (user_data, "notify::selected",
                                 G_CALLBACK (drop_down_update_check), item);
  g_object_set_data (G_OBJECT (item), "tm-handler", GSIZE_TO_POINTER (id));
  drop_down_update_check (item);
}

static void
drop_down_unbind_list_item (GtkSignalListItemFactory *factory,
                            GtkListItem              *item,
                            gpointer                  user_data)
{
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "tm-handler"));

  if (id != 0)
    g_signal_handler_disconnect (user_data, id);
  g_object_set_data (G_OBJECT (item), "tm-handler", NULL);
}

static void
set_drop_down_labels (GtkDropDown        *drop_down,
                      const char * const *labels,
                      guint               n_labels,
                      gboolean            ellipsize)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (strings, labels[i]);

  if (g_object_get_data (G_OBJECT (drop_down), "tm-factories") == NULL)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (drop_down_setup_button_item),
                        GINT_TO_POINTER (ellipsize));
      g_signal_connect (factory, "bind", G_CALLBACK (drop_down_bind_button_item), NULL);
      g_signal_connect (list_factory, "setup", G_CALLBACK (drop_down_setup_list_item), drop_down);
      g_signal_connect (list_factory, "bind", G_CALLBACK (drop_down_bind_list_item), drop_down);
      g_signal_connect (list_factory, "unbind", G_CALLBACK (drop_down_unbind_list_item), drop_down);
      gtk_drop_down_set_factory (drop_down, factory);
      gtk_drop_down_set_list_factory (drop_down, list_factory);
      g_object_set_data (G_OBJECT (drop_down), "tm-factories", GINT_TO_POINTER (TRUE));
    }

  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (strings));
}

void
_tm_drop_down_set_labels (GtkDropDown        *drop_down,
                          const char * const *labels,
                          guint               n_labels)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  set_drop_down_labels (drop_down, labels, n_labels, TRUE);
}

/* Numbers ------------------------------------------------------------------------------- */

static void
set_entry_valid (GtkEntry *entry,
                 gboolean  valid)
{
  tm_gui_set_entry_error (entry, valid ? NULL : _("Enter a positive number, or leave empty if not estimated"));
}

/* Refreshing from the task -------------------------------------------------------------- */

static void
set_drop_down_selected (TmTaskEditor *self,
                        GtkDropDown  *drop_down,
                        guint         position)
{
  if (GTK_WIDGET (drop_down) != self->text_store.editing
      && gtk_drop_down_get_selected (drop_down) != position)
    gtk_drop_down_set_selected (drop_down, position);
}

static GtkCheckButton *
get_shift_check (TmTaskEditor *self,
                 guint         i)
{
  GtkCheckButton *checks[TM_N_SHIFTS] = {
    self->shift_day_check, self->shift_evening_check,
    self->shift_night_check, self->shift_weekend_check,
  };

  g_assert (i < TM_N_SHIFTS);
  return checks[i];
}

static void
update_hours (TmTaskEditor *self)
{
  double hours = tm_task_get_hours_per_week (self->task);

  if (hours < 0)
    {
      gtk_label_set_label (self->hours_label, _("Not estimated"));
    }
  else
    {
      /* Translators: %.1f is a number of hours, e.g. "= 2.5 hours per week" */
      g_autofree char *text = g_strdup_printf (_("= %.1f hours per week"), hours);

      gtk_label_set_label (self->hours_label, text);
    }
}

static void
refresh (TmTaskEditor *self)
{
  const TmTaskData *data;
  gboolean was_updating;
  guint shifts;

  if (self->task == NULL)
    return;

  data = tm_task_peek_data (self->task);
  shifts = data->shifts;

  was_updating = self->updating;
  self->updating = TRUE;

  tm_text_store_show_text (&self->text_store, GTK_WIDGET (self->title_entry), data->title);
  tm_text_store_show_text (&self->text_store, GTK_WIDGET (self->description_view), data->description);
  tm_text_store_show_text (&self->text_store, GTK_WIDGET (self->group_entry), data->group);
  set_drop_down_selected (self, self->level_dropdown, data->level);
  set_drop_down_selected (self, self->complexity_dropdown, data->complexity);
  tm_text_store_show_number (&self->text_store, self->minutes_entry, &self->minutes_shown, data->minutes);
  tm_text_store_show_number (&self->text_store, self->occurrences_entry, &self->occurrences_shown, data->occurrences);
  set_drop_down_selected (self, self->per_dropdown, data->per);

  for (guint i = 0; i < TM_N_SHIFTS; i++)
    {
      GtkCheckButton *check = get_shift_check (self, i);
      gboolean active = (shifts & shift_flags[i]) != 0;

      if (gtk_check_button_get_active (check) != active)
        gtk_check_button_set_active (check, active);
    }

  tm_text_store_show_text (&self->text_store, GTK_WIDGET (self->notes_view), data->notes);
  update_performers (self, FALSE);
  update_hours (self);

  self->updating = was_updating;
}

/* Committing ---------------------------------------------------------------------------- */

static void
emit_error (TmTaskEditor *self,
            const GError *error)
{
  g_debug ("Edit failed: %s", error->message);
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error->message);
}

/* Stores @data as the task's new state. @source is the widget the change comes from:
 * the refresh that follows leaves it alone. */
static gboolean
commit (TmTaskEditor *self,
        GtkWidget    *source,
        TmTaskData   *data,
        const char   *merge_key)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *old_editing;
  gboolean ret;

  if (self->portfolio == NULL || self->task == NULL)
    return FALSE;
  if (tm_task_data_equal (data, tm_task_peek_data (self->task)))
    {
      if (GTK_IS_ENTRY (source))
        tm_gui_set_entry_error (GTK_ENTRY (source), NULL);
      return TRUE;
    }

  old_editing = self->text_store.editing;
  self->text_store.editing = source;
  ret = tm_portfolio_update_task (self->portfolio, self->task, data, merge_key, &error);
  self->text_store.editing = old_editing;

  if (!ret)
    {
      /* A text the user is typing stays as typed; a choice goes back to the stored one. */
      if (GTK_IS_ENTRY (source))
        tm_gui_set_entry_error (GTK_ENTRY (source), error->message);
      else if (!GTK_IS_EDITABLE (source) && !GTK_IS_TEXT_VIEW (source))
        refresh (self);
      emit_error (self, error);
    }
  else
    {
      if (GTK_IS_ENTRY (source))
        tm_gui_set_entry_error (GTK_ENTRY (source), NULL);
      /* The notifications already refreshed the rest, but not the derived label
       * if the core announced nothing (an unchanged stored value). */
      update_hours (self);
    }

  return ret;
}

/* A single choice (drop-down, check, add or remove) is one undo step of its own. */
static gboolean
commit_choice (TmTaskEditor *self,
               GtkWidget    *source,
               TmTaskData   *data,
               const char   *merge_key)
{
  gboolean ret;

  tm_portfolio_break_undo_merge (self->portfolio);
  ret = commit (self, source, data, merge_key);
  tm_portfolio_break_undo_merge (self->portfolio);

  return ret;
}

static TmTaskData *
dup_data (TmTaskEditor *self)
{
  if (self->updating || self->task == NULL || self->portfolio == NULL)
    return NULL;
  return tm_task_dup_data (self->task);
}

static void
commit_title (TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);

  if (data == NULL)
    return;
  g_free (data->title);
  data->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  commit (self, GTK_WIDGET (self->title_entry), data, "title");
}

static void
commit_group (TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);

  if (data == NULL)
    return;
  g_free (data->group);
  data->group = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->group_entry)));
  commit (self, GTK_WIDGET (self->group_entry), data, "group");
}

static void
commit_description (TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);

  if (data == NULL)
    return;
  g_free (data->description);
  data->description = tm_gui_dup_widget_text (GTK_WIDGET (self->description_view));
  commit (self, GTK_WIDGET (self->description_view), data, "description");
}

static void
commit_notes (TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);

  if (data == NULL)
    return;
  g_free (data->notes);
  data->notes = tm_gui_dup_widget_text (GTK_WIDGET (self->notes_view));
  commit (self, GTK_WIDGET (self->notes_view), data, "notes");
}

static void
number_changed (TmTaskEditor *self,
                GtkEntry     *entry,
                double       *shown,
                const char   *merge_key)
{
  g_autoptr(TmTaskData) data = NULL;
  double value;

  if (self->task == NULL)
    return;

  if (!tm_gui_parse_number (gtk_editable_get_text (GTK_EDITABLE (entry)), &value))
    {
      set_entry_valid (entry, FALSE);
      return;
    }
  set_entry_valid (entry, TRUE);

  data = dup_data (self);
  if (data == NULL)
    return;
  if (entry == self->minutes_entry)
    data->minutes = value;
  else
    data->occurrences = value;
  if (commit (self, GTK_WIDGET (entry), data, merge_key))
    *shown = value;
}

static void
commit_minutes (TmTaskEditor *self)
{
  number_changed (self, self->minutes_entry, &self->minutes_shown, "minutes");
}

static void
commit_occurrences (TmTaskEditor *self)
{
  number_changed (self, self->occurrences_entry, &self->occurrences_shown, "occurrences");
}

/* Typed text is stored from a high-priority idle (TmTextStore), so the two
 * halves of a replacement (delete all, insert) are one edit: an empty title
 * in between is not an error. */
static void
commit_field (gpointer user_data,
              guint    bit)
{
  TmTaskEditor *self = user_data;

  switch (bit)
    {
    case PENDING_TITLE: commit_title (self); break;
    case PENDING_DESCRIPTION: commit_description (self); break;
    case PENDING_GROUP: commit_group (self); break;
    case PENDING_MINUTES: commit_minutes (self); break;
    case PENDING_OCCURRENCES: commit_occurrences (self); break;
    case PENDING_NOTES: commit_notes (self); break;
    default: g_assert_not_reached ();
    }
}

static void
flush_pending (TmTaskEditor *self)
{
  tm_text_store_flush (&self->text_store);
}

static void
queue_commit (TmTaskEditor *self,
              guint         bit)
{
  if (self->updating || self->task == NULL || self->portfolio == NULL)
    return;

  tm_text_store_queue (&self->text_store, bit);
}

static void
on_title_changed (TmTaskEditor *self)
{
  queue_commit (self, PENDING_TITLE);
}

static void
on_description_changed (TmTaskEditor *self)
{
  queue_commit (self, PENDING_DESCRIPTION);
}

static void
on_group_changed (TmTaskEditor *self)
{
  queue_commit (self, PENDING_GROUP);
}

static void
on_minutes_changed (TmTaskEditor *self)
{
  queue_commit (self, PENDING_MINUTES);
}

static void
on_occurrences_changed (TmTaskEditor *self)
{
  queue_commit (self, PENDING_OCCURRENCES);
}

static void
on_notes_changed (TmTaskEditor *self)
{
  queue_commit (self, PENDING_NOTES);
}

static void
on_level_selected (TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);
  guint selected = gtk_drop_down_get_selected (self->level_dropdown);

  if (data == NULL || selected >= TM_N_LEVELS)
    return;
  data->level = selected;
  commit_choice (self, GTK_WIDGET (self->level_dropdown), data, "level");
}

static void
on_complexity_selected (TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);
  guint selected = gtk_drop_down_get_selected (self->complexity_dropdown);

  if (data == NULL || selected >= TM_N_COMPLEXITIES)
    return;
  data->complexity = selected;
  commit_choice (self, GTK_WIDGET (self->complexity_dropdown), data, "complexity");
}

static void
on_per_selected (TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);
  guint selected = gtk_drop_down_get_selected (self->per_dropdown);

  if (data == NULL || selected >= TM_N_PERS)
    return;
  data->per = selected;
  commit_choice (self, GTK_WIDGET (self->per_dropdown), data, "per");
}

static void
on_shift_toggled (TmTaskEditor   *self,
                  GtkCheckButton *check)
{
  g_autoptr(TmTaskData) data = dup_data (self);

  if (data == NULL)
    return;

  data->shifts = 0;
  for (guint i = 0; i < TM_N_SHIFTS; i++)
    if (gtk_check_button_get_active (get_shift_check (self, i)))
      data->shifts |= shift_flags[i];

  commit_choice (self, GTK_WIDGET (check), data, "shifts");
}

/* Leaving a field ends its undo step: typing in it again later is a new one. */
static void
on_field_focus_leave (TmTaskEditor *self)
{
  flush_pending (self);
  if (self->portfolio != NULL)
    tm_portfolio_break_undo_merge (self->portfolio);
}

/* Groups -------------------------------------------------------------------------------- */

static void
on_group_popover_show (TmTaskEditor *self)
{
  g_auto(GStrv) groups = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->group_list))) != NULL)
    gtk_list_box_remove (self->group_list, child);

  if (self->portfolio != NULL)
    groups = tm_portfolio_dup_groups (self->portfolio);

  if (groups == NULL || groups[0] == NULL)
    {
      GtkWidget *label = gtk_label_new (_("No groups yet"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->group_list, label);
      gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->group_list, 0),
                                        FALSE);
      return;
    }

  for (guint i = 0; groups[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (groups[i]);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_append (self->group_list, label);
    }
}

static void
on_group_row_activated (TmTaskEditor  *self,
                        GtkListBoxRow *row)
{
  GtkWidget *label = gtk_list_box_row_get_child (row);

  gtk_popover_popdown (self->group_popover);
  if (!GTK_IS_LABEL (label) || self->portfolio == NULL)
    return;

  flush_pending (self);
  tm_portfolio_break_undo_merge (self->portfolio);
  gtk_editable_set_text (GTK_EDITABLE (self->group_entry), gtk_label_get_label (GTK_LABEL (label)));
  flush_pending (self);
  tm_portfolio_break_undo_merge (self->portfolio);
}

/* Performers ---------------------------------------------------------------------------- */

static void
clear_performer (gpointer data)
{
  TmPerformer *performer = data;

  g_clear_pointer (&performer->profession_id, g_free);
}

static const char *
get_profession_name (TmTaskEditor *self,
                     const char   *id)
{
  TmProfession *profession = NULL;

  if (self->portfolio != NULL)
    profession = tm_portfolio_lookup_profession (self->portfolio, id);
  return profession != NULL ? tm_profession_get_display_name (profession) : id;
}

static gboolean
performer_listed (const GArray *performers,
                  const char   *id)
{
  for (guint i = 0; i < performers->len; i++)
    if (g_strcmp0 (g_array_index (performers, TmPerformer, i).profession_id, id) == 0)
      return TRUE;
  return FALSE;
}

/* The first shown profession not yet among @performers, or NULL. */
static TmProfession *
find_free_profession (TmTaskEditor *self,
                      const GArray *performers)
{
  guint n;

  if (self->professions == NULL)
    return NULL;

  n = g_list_model_get_n_items (self->professions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (self->professions, i);

      if (!tm_profession_get_hidden (profession)
          && !performer_listed (performers, tm_profession_get_id (profession)))
        return profession;
    }

  return NULL;
}

static void
on_performer_profession_selected (GtkDropDown  *drop_down,
                                  GParamSpec   *pspec,
                                  TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);
  g_autoptr(GArray) order = NULL;
  GPtrArray *ids = g_object_get_data (G_OBJECT (drop_down), "tm-ids");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "tm-index"));
  guint selected = gtk_drop_down_get_selected (drop_down);
  const char *new_id;

  if (data == NULL || ids == NULL || selected >= ids->len || index >= data->performers->len)
    return;

  new_id = g_ptr_array_index (ids, selected);
  if (g_strcmp0 (g_array_index (data->performers, TmPerformer, index).profession_id, new_id) == 0)
    return;

  /* Keep the order of the rows: rebuild the list with the row's profession replaced
   * (and a row that already had that profession merged into it). */
  order = g_array_new (FALSE, TRUE, sizeof (TmPerformer));
  g_array_set_clear_func (order, clear_performer);
  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);
      TmPerformer copy;

      if (i != index && g_strcmp0 (p->profession_id, new_id) == 0)
        continue;
      copy.profession_id = g_strdup (i == index ? new_id : p->profession_id);
      copy.share = p->share;
      g_array_append_val (order, copy);
    }

  while (data->performers->len > 0)
    {
      g_autofree char *id = g_strdup (g_array_index (data->performers, TmPerformer, 0).profession_id);

      if (!tm_task_data_remove_performer (data, id))
        break;
    }
  for (guint i = 0; i < order->len; i++)
    {
      const TmPerformer *p = &g_array_index (order, TmPerformer, i);

      tm_task_data_set_performer (data, p->profession_id, p->share);
    }

  if (commit_choice (self, GTK_WIDGET (drop_down), data, "performers"))
    self->focus_row = index;
}

static void
on_performer_share_changed (GtkSpinButton *spin,
                            TmTaskEditor  *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "tm-index"));
  g_autofree char *id = NULL;

  if (data == NULL || index >= data->performers->len)
    return;

  id = g_strdup (g_array_index (data->performers, TmPerformer, index).profession_id);
  tm_task_data_set_performer (data, id, gtk_spin_button_get_value (spin));
  if (commit (self, GTK_WIDGET (spin), data, "performers") && index < self->shown_performers->len)
    g_array_index (self->shown_performers, TmPerformer, index).share = gtk_spin_button_get_value (spin);
}

static void
on_performer_remove_clicked (GtkButton    *button,
                             TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tm-index"));
  g_autofree char *id = NULL;

  if (data == NULL || index >= data->performers->len)
    return;

  id = g_strdup (g_array_index (data->performers, TmPerformer, index).profession_id);
  tm_task_data_remove_performer (data, id);
  if (commit_choice (self, GTK_WIDGET (button), data, "performers"))
    gtk_widget_grab_focus (GTK_WIDGET (self->add_performer_button));
}

static void
on_add_performer_clicked (TmTaskEditor *self)
{
  g_autoptr(TmTaskData) data = dup_data (self);
  TmProfession *profession;
  double total = 0;
  double share;

  if (data == NULL)
    return;

  profession = find_free_profession (self, data->performers);
  if (profession == NULL)
    return;

  for (guint i = 0; i < data->performers->len; i++)
    total += MAX (0, g_array_index (data->performers, TmPerformer, i).share);
  share = data->performers->len == 0 ? 100 : MAX (0, 100 - total);

  tm_task_data_set_performer (data, tm_profession_get_id (profession), share);
  if (commit_choice (self, GTK_WIDGET (self->add_performer_button), data, "performers"))
    {
      GtkWidget *row;

      update_performers (self, FALSE);
      /* Focus the new row's profession, so the keyboard can change it at once. */
      row = gtk_widget_get_last_child (GTK_WIDGET (self->performers_box));
      if (row != NULL)
        gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
    }
}

static GtkWidget *
create_performer_row (TmTaskEditor *self,
                      guint         index,
                      const char   *id,
                      double        share)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *row, *drop_down, *spin, *percent, *remove;
  g_autofree char *spin_label = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;
  guint n = self->professions != NULL ? g_list_model_get_n_items (self->professions) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (self->professions, i);
      const char *profession_id = tm_profession_get_id (profession);
      gboolean current = g_strcmp0 (profession_id, id) == 0;

      /* A hidden profession is offered only to the row that already has it. */
      if (tm_profession_get_hidden (profession) && !current)
        continue;
      if (current)
        selected = ids->len;
      g_ptr_array_add (labels, (gpointer) tm_profession_get_display_name (profession));
      g_ptr_array_add (ids, g_strdup (profession_id));
    }
  if (selected == GTK_INVALID_LIST_POSITION)
    {
      /* An id the portfolio does not know (e.g. from a merged file): show it as is. */
      selected = ids->len;
      g_ptr_array_add (labels, (gpointer) id);
      g_ptr_array_add (ids, g_strdup (id));
    }

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  drop_down = gtk_drop_down_new (NULL, NULL);
  _tm_drop_down_set_labels (GTK_DROP_DOWN (drop_down),
                            (const char * const *) labels->pdata, labels->len);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_widget_set_hexpand (drop_down, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Profession"),
                                  -1);
  g_object_set_data_full (G_OBJECT (drop_down), "tm-ids", ids, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (drop_down), "tm-index", GUINT_TO_POINTER (index));
  g_signal_connect (drop_down, "notify::selected",
                    G_CALLBACK (on_performer_profession_selected), self);
  gtk_box_append (GTK_BOX (row), drop_down);

  spin = gtk_spin_button_new_with_range (0, 100, 5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 0);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), CLAMP (share, 0, 100));
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  /* Translators: accessible name of the share spin button; %s is a profession */
  spin_label = g_strdup_printf (_("Share of %s in percent"), get_profession_name (self, id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label,
                                  -1);
  gtk_widget_set_tooltip_text (spin, _("Share of the task’s time, in percent"));
  g_object_set_data (G_OBJECT (spin), "tm-index", GUINT_TO_POINTER (index));
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_performer_share_changed), self);
  gtk_box_append (GTK_BOX (row), spin);
  g_ptr_array_add (self->performer_spins, spin);

  /* Translators: the unit after the share spin button */
  percent = gtk_label_new (_("%"));
  gtk_widget_add_css_class (percent, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (percent),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("percent"),
                                  -1);
  gtk_box_append (GTK_BOX (row), percent);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove performer"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove performer"),
                                  -1);
  g_object_set_data (G_OBJECT (remove), "tm-index", GUINT_TO_POINTER (index));
  g_signal_connect (remove, "clicked", G_CALLBACK (on_performer_remove_clicked), self);
  gtk_box_append (GTK_BOX (row), remove);

  return row;
}

/* Brings the rows in line with the task. Rows are rebuilt only when the performers
 * themselves changed (or @force), so changing a share keeps the focus in its row. */
static void
update_performers (TmTaskEditor *self,
                   gboolean      force)
{
  const GArray *performers;
  gboolean same_ids;
  gboolean was_updating = self->updating;
  GtkWidget *child;

  if (self->task == NULL)
    return;

  performers = tm_task_peek_data (self->task)->performers;
  same_ids = !force && performers->len == self->shown_performers->len;
  for (guint i = 0; same_ids && i < performers->len; i++)
    same_ids = g_strcmp0 (g_array_index (performers, TmPerformer, i).profession_id,
                          g_array_index (self->shown_performers, TmPerformer, i).profession_id) == 0;

  self->updating = TRUE;

  if (same_ids)
    {
      for (guint i = 0; i < performers->len; i++)
        {
          double share = g_array_index (performers, TmPerformer, i).share;
          GtkSpinButton *spin = g_ptr_array_index (self->performer_spins, i);

          g_array_index (self->shown_performers, TmPerformer, i).share = share;
          if (GTK_WIDGET (spin) != self->text_store.editing
              && !tm_gui_same_number (gtk_spin_button_get_value (spin), CLAMP (share, 0, 100)))
            gtk_spin_button_set_value (spin, CLAMP (share, 0, 100));
        }
    }
  else if (self->text_store.editing != NULL
           && gtk_widget_is_ancestor (self->text_store.editing, GTK_WIDGET (self->performers_box)))
    {
      /* The change comes from a row: do not destroy it inside its own signal. */
      queue_rebuild_performers (self);
    }
  else
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->performers_box))) != NULL)
        gtk_box_remove (self->performers_box, child);
      g_ptr_array_set_size (self->performer_spins, 0);
      g_array_set_size (self->shown_performers, 0);

      for (guint i = 0; i < performers->len; i++)
        {
          const TmPerformer *p = &g_array_index (performers, TmPerformer, i);
          TmPerformer copy = { g_strdup (p->profession_id), p->share };

          g_array_append_val (self->shown_performers, copy);
          gtk_box_append (self->performers_box,
                          create_performer_row (self, i, p->profession_id, p->share));
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->performers_box), performers->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->performers_empty), performers->len == 0);
  /* A row added from the button's own click: without a new layout pass, GTK
   * 4.8 leaves the button drawn where the new row is, covering it. */
  gtk_widget_queue_resize (GTK_WIDGET (self->performers_box));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_performer_button),
                            self->portfolio != NULL && find_free_profession (self, performers) != NULL);

  self->updating = was_updating;
}

static gboolean
rebuild_performers_cb (gpointer user_data)
{
  TmTaskEditor *self = user_data;

  self->rebuild_source = 0;
  update_performers (self, TRUE);

  if (self->focus_row >= 0)
    {
      GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->performers_box));

      for (int i = 0; row != NULL && i < self->focus_row; i++)
        row = gtk_widget_get_next_sibling (row);
      if (row != NULL)
        gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
      self->focus_row = -1;
    }

  return G_SOURCE_REMOVE;
}

/* A profession was renamed, hidden or added: the rows' choices change. */
static void
queue_rebuild_performers (TmTaskEditor *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_performers_cb, self);
}

static void
watch_professions (TmTaskEditor *self,
                   guint         position,
                   guint         n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (self->professions, i);

      g_signal_handlers_disconnect_by_func (profession, queue_rebuild_performers, self);
      g_signal_connect_object (profession, "notify",
                               G_CALLBACK (queue_rebuild_performers), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
on_professions_changed (TmTaskEditor *self,
                        guint         position,
                        guint         removed,
                        guint         added,
                        GListModel   *model)
{
  watch_professions (self, position, added);
  queue_rebuild_performers (self);
}

/* Task and portfolio -------------------------------------------------------------------- */

static void
on_task_notify (TmTaskEditor *self)
{
  refresh (self);
}

static void
on_portfolio_task_changed (TmPortfolio  *portfolio,
                           TmTask       *task,
                           TmTaskEditor *self)
{
  if (task == self->task)
    refresh (self);
}

static void
disconnect_task (TmTaskEditor *self)
{
  if (self->task != NULL)
    g_clear_signal_handler (&self->task_notify_id, self->task);
  g_clear_object (&self->task);
}

static void
disconnect_portfolio (TmTaskEditor *self)
{
  if (self->professions != NULL)
    {
      guint n = g_list_model_get_n_items (self->professions);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TmProfession) profession = g_list_model_get_item (self->professions, i);

          g_signal_handlers_disconnect_by_func (profession, queue_rebuild_performers, self);
        }
      g_clear_signal_handler (&self->professions_changed_id, self->professions);
      g_clear_object (&self->professions);
    }

  if (self->portfolio != NULL)
    g_clear_signal_handler (&self->task_changed_id, self->portfolio);
  g_clear_object (&self->portfolio);
}

static void
update_page (TmTaskEditor *self)
{
  gboolean editing = self->task != NULL && self->portfolio != NULL;

  gtk_stack_set_visible_child_name (self->stack, editing ? "editor" : "empty");
}

/* GObject ------------------------------------------------------------------------------- */

static void
tm_task_editor_dispose (GObject *object)
{
  TmTaskEditor *self = TM_TASK_EDITOR (object);

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  /* Store the last keystrokes if the editor goes with its window. */
  flush_pending (self);
  disconnect_task (self);
  disconnect_portfolio (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_TASK_EDITOR);

  G_OBJECT_CLASS (tm_task_editor_parent_class)->dispose (object);
}

static void
tm_task_editor_finalize (GObject *object)
{
  TmTaskEditor *self = TM_TASK_EDITOR (object);

  g_clear_pointer (&self->shown_performers, g_array_unref);
  g_clear_pointer (&self->performer_spins, g_ptr_array_unref);

  G_OBJECT_CLASS (tm_task_editor_parent_class)->finalize (object);
}

static void
tm_task_editor_class_init (TmTaskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_task_editor_dispose;
  object_class->finalize = tm_task_editor_finalize;

  /**
   * TmTaskEditor::error:
   * @message: what went wrong, translated
   *
   * An edit could not be stored.
   */
  signals[SIGNAL_ERROR] = tm_gui_new_error_signal (G_TYPE_FROM_CLASS (klass));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-task-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, group_entry);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, group_button);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, group_popover);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, group_list);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, complexity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, minutes_entry);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, occurrences_entry);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, per_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, hours_label);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, shift_day_check);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, shift_evening_check);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, shift_night_check);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, shift_weekend_check);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, performers_box);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, performers_empty);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, add_performer_button);
  gtk_widget_class_bind_template_child (widget_class, TmTaskEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_group_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_group_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_group_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_level_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_complexity_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_minutes_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_occurrences_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_per_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_shift_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_add_performer_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "taskeditor");
}

static void
tm_task_editor_init (TmTaskEditor *self)
{
  const char *labels[16];
  GtkWidget *focus_fields[6];

  G_STATIC_ASSERT (TM_N_LEVELS <= 16 && TM_N_COMPLEXITIES <= 16 && TM_N_PERS <= 16);

  self->shown_performers = g_array_new (FALSE, TRUE, sizeof (TmPerformer));
  g_array_set_clear_func (self->shown_performers, clear_performer);
  self->performer_spins = g_ptr_array_new ();
  self->focus_row = -1;
  self->minutes_shown = NAN;
  self->occurrences_shown = NAN;

  tm_text_store_init (&self->text_store, commit_field, self);
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->title_entry), PENDING_TITLE);
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->description_view), PENDING_DESCRIPTION);
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->group_entry), PENDING_GROUP);
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->minutes_entry), PENDING_MINUTES);
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->occurrences_entry), PENDING_OCCURRENCES);
  tm_text_store_add_field (&self->text_store, GTK_WIDGET (self->notes_view), PENDING_NOTES);

  self->updating = TRUE;

  for (guint i = 0; i < TM_N_LEVELS; i++)
    labels[i] = tm_level_get_label (i);
  _tm_drop_down_set_labels (self->level_dropdown, labels, TM_N_LEVELS);

  for (guint i = 0; i < TM_N_COMPLEXITIES; i++)
    labels[i] = tm_complexity_get_label (i);
  _tm_drop_down_set_labels (self->complexity_dropdown, labels, TM_N_COMPLEXITIES);

  /* Short: "per day" is shown whole, never as "per …". */
  for (guint i = 0; i < TM_N_PERS; i++)
    labels[i] = tm_per_get_label (i);
  set_drop_down_labels (self->per_dropdown, labels, TM_N_PERS, FALSE);

  for (guint i = 0; i < TM_N_SHIFTS; i++)
    gtk_check_button_set_label (get_shift_check (self, i), tm_shift_get_label (shift_flags[i]));

  self->updating = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (on_description_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed), self, G_CONNECT_SWAPPED);

  /* Undo is the portfolio's (one step per field), not each entry's own, so
   * Ctrl+Z reaches the window's undo from inside a field too. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->title_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->group_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->minutes_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->occurrences_entry), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->description_view), FALSE);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->notes_view), FALSE);

  focus_fields[0] = GTK_WIDGET (self->title_entry);
  focus_fields[1] = GTK_WIDGET (self->description_view);
  focus_fields[2] = GTK_WIDGET (self->group_entry);
  focus_fields[3] = GTK_WIDGET (self->minutes_entry);
  focus_fields[4] = GTK_WIDGET (self->occurrences_entry);
  focus_fields[5] = GTK_WIDGET (self->notes_view);
  for (guint i = 0; i < G_N_ELEMENTS (focus_fields); i++)
    {
      GtkEventController *controller = gtk_event_controller_focus_new ();

      g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_field_focus_leave), self);
      gtk_widget_add_controller (focus_fields[i], controller);
    }
  /* The share spin buttons end their run when the performers section loses focus. */
  {
    GtkEventController *controller = gtk_event_controller_focus_new ();

    g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_field_focus_leave), self);
    gtk_widget_add_controller (GTK_WIDGET (self->performers_box), controller);
  }

  update_page (self);
}

/* Public API ---------------------------------------------------------------------------- */

GtkWidget *
tm_task_editor_new (void)
{
  return g_object_new (TM_TYPE_TASK_EDITOR, NULL);
}

void
tm_task_editor_set_portfolio (TmTaskEditor *self,
                              TmPortfolio  *portfolio)
{
  g_return_if_fail (TM_IS_TASK_EDITOR (self));
  g_return_if_fail (portfolio == NULL || TM_IS_PORTFOLIO (portfolio));

  if (self->portfolio == portfolio)
    return;

  /* A task belongs to its portfolio. */
  tm_task_editor_set_task (self, NULL);
  disconnect_portfolio (self);

  if (portfolio != NULL)
    {
      self->portfolio = g_object_ref (portfolio);
      self->task_changed_id = g_signal_connect (portfolio, "task-changed",
                                                G_CALLBACK (on_portfolio_task_changed), self);
      self->professions = g_object_ref (tm_portfolio_get_professions (portfolio));
      self->professions_changed_id = g_signal_connect_swapped (self->professions, "items-changed",
                                                               G_CALLBACK (on_professions_changed),
                                                               self);
      watch_professions (self, 0, g_list_model_get_n_items (self->professions));
    }

  update_page (self);
}

void
tm_task_editor_set_task (TmTaskEditor *self,
                         TmTask       *task)
{
  g_return_if_fail (TM_IS_TASK_EDITOR (self));
  g_return_if_fail (task == NULL || TM_IS_TASK (task));

  if (self->task == task)
    return;

  /* What was typed belongs to the old task. */
  flush_pending (self);
  if (self->portfolio != NULL)
    tm_portfolio_break_undo_merge (self->portfolio);

  disconnect_task (self);

  if (task != NULL)
    {
      self->task = g_object_ref (task);
      self->task_notify_id = g_signal_connect_swapped (task, "notify",
                                                       G_CALLBACK (on_task_notify), self);
      /* A new task: every field is filled afresh and loses its error mark. */
      self->minutes_shown = NAN;
      self->occurrences_shown = NAN;
      self->text_store.editing = NULL;
      update_performers (self, TRUE);
      refresh (self);
    }

  update_page (self);
}

TmTask *
tm_task_editor_get_task (TmTaskEditor *self)
{
  g_return_val_if_fail (TM_IS_TASK_EDITOR (self), NULL);

  return self->task;
}

void
tm_task_editor_focus_title (TmTaskEditor *self)
{
  g_return_if_fail (TM_IS_TASK_EDITOR (self));

  if (self->task == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->title_entry), 0, -1);
}

GtkWidget *
tm_task_editor_get_field (TmTaskEditor *self,
                          const char   *field)
{
  const TmGuiField fields[] = {
    { "title", G_STRUCT_OFFSET (TmTaskEditor, title_entry) },
    { "description", G_STRUCT_OFFSET (TmTaskEditor, description_view) },
    { "group", G_STRUCT_OFFSET (TmTaskEditor, group_entry) },
    { "level", G_STRUCT_OFFSET (TmTaskEditor, level_dropdown) },
    { "complexity", G_STRUCT_OFFSET (TmTaskEditor, complexity_dropdown) },
    { "minutes", G_STRUCT_OFFSET (TmTaskEditor, minutes_entry) },
    { "occurrences", G_STRUCT_OFFSET (TmTaskEditor, occurrences_entry) },
    { "per", G_STRUCT_OFFSET (TmTaskEditor, per_dropdown) },
    { "shift-day", G_STRUCT_OFFSET (TmTaskEditor, shift_day_check) },
    { "shift-evening", G_STRUCT_OFFSET (TmTaskEditor, shift_evening_check) },
    { "shift-night", G_STRUCT_OFFSET (TmTaskEditor, shift_night_check) },
    { "shift-weekend", G_STRUCT_OFFSET (TmTaskEditor, shift_weekend_check) },
    { "notes", G_STRUCT_OFFSET (TmTaskEditor, notes_view) },
    { "performers", G_STRUCT_OFFSET (TmTaskEditor, performers_box) },
    { "add-performer", G_STRUCT_OFFSET (TmTaskEditor, add_performer_button) },
  };

  g_return_val_if_fail (TM_IS_TASK_EDITOR (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return tm_gui_find_field (self, fields, G_N_ELEMENTS (fields), field);
}
