/* tm-workshops-dialog.c
 * The dialog that lists the portfolio's workshops and edits them; each change
 * is stored at once and can be undone.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-workshops-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dialogs/tm-workshops-dialog.h"
#include "tm-gui-util.h"

/* The most participants of one profession a spin button offers. */
#define MAX_PARTICIPANTS 9999
/* The response of the undo bar's button. */
#define RESPONSE_UNDO 1

struct _TmWorkshopsDialog
{
  GtkWindow            parent_instance;

  /* Template widgets */
  GtkButton           *add_button;
  GtkButton           *delete_button;
  GtkInfoBar          *undo_bar;
  GtkLabel            *undo_label;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *participants_column;
  GtkStack            *stack;
  GtkLabel            *empty_title;
  GtkEntry            *date_entry;
  GtkLabel            *date_error_label;
  GtkEntry            *title_entry;
  GtkEntry            *facilitator_entry;
  GtkLabel            *participants_total_label;
  GtkGrid             *participants_grid;
  GtkTextView         *names_view;
  GtkTextView         *decisions_view;
  GtkLabel            *moves_label;
  GtkBox              *moves_box;
  GtkLabel            *error_label;

  /* Borrowed */
  GtkWidget           *undo_button;

  /* Owned */
  TmPortfolio         *portfolio;
  char                *scenario_id;
  GtkSingleSelection  *selection;
  TmWorkshop          *workshop;       /* the one the form shows */
  GHashTable          *spins;          /* profession id → its spin button (borrowed) */
  GHashTable          *move_checks;    /* task uuid → its check button (borrowed) */
  char                *deleted_id;     /* the workshop the undo bar brings back */
  guint                sync_id;
  gboolean             loading;        /* filling the form: store nothing */
  gboolean             committing;     /* our own change: the model moves under us */
  gboolean             selecting;      /* selecting the form's workshop in the list */
};

G_DEFINE_FINAL_TYPE (TmWorkshopsDialog, tm_workshops_dialog, GTK_TYPE_WINDOW)

static void load_form (TmWorkshopsDialog *self);

/* Helpers */

static void
show_error (TmWorkshopsDialog *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_date_error (TmWorkshopsDialog *self,
                 const char        *message)
{
  gtk_label_set_label (self->date_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), message != NULL);

  tm_gui_set_invalid (GTK_WIDGET (self->date_entry), message != NULL);
}

static void
set_entry_text (GtkEntry   *entry,
                const char *text)
{
  tm_gui_show_widget_text (GTK_WIDGET (entry), text);
}

static void
set_text_view_text (GtkTextView *view,
                    const char  *text)
{
  tm_gui_show_widget_text (GTK_WIDGET (view), text);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
find_workshop (TmWorkshopsDialog *self,
               TmWorkshop        *workshop,
               guint             *position)
{
  *position = tm_gui_find_item (tm_portfolio_get_workshops (self->portfolio), workshop);
  return *position != GTK_INVALID_LIST_POSITION;
}

/* Shows @workshop in the form (NULL: none) and selects it in the list. */
static void
show_workshop (TmWorkshopsDialog *self,
               TmWorkshop        *workshop)
{
  guint position;
  gboolean changed = workshop != self->workshop;

  g_set_object (&self->workshop, workshop);

  self->selecting = TRUE;
  if (workshop != NULL && find_workshop (self, workshop, &position))
    {
      if (gtk_single_selection_get_selected (self->selection) != position)
        gtk_single_selection_set_selected (self->selection, position);
      tm_gui_scroll_column_view (self->column_view, position);
    }
  else
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  self->selecting = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), workshop != NULL);
  gtk_stack_set_visible_child_name (self->stack, workshop != NULL ? "form" : "empty");

  if (changed)
    {
      show_date_error (self, NULL);
      show_error (self, NULL);
    }
  load_form (self);
}

/* The list */

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tm-numeric"));
  GtkWidget *label = gtk_label_new (NULL);
  const char *column = g_object_get_data (G_OBJECT (factory), "tm-column");

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  /* A date is never cut short; a long title wraps. */
  if (g_str_equal (column, "title"))
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
    }
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* An edit puts the workshop back into the model in its place by date, so its
 * row is bound again: no notifications to follow. */
static void
bind_label (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  TmWorkshop *workshop = gtk_list_item_get_item (item);
  const char *column = g_object_get_data (G_OBJECT (factory), "tm-column");
  const TmWorkshopData *data = tm_workshop_peek_data (workshop);

  if (g_str_equal (column, "date"))
    {
      gtk_label_set_text (label, data->date);
    }
  else if (g_str_equal (column, "title"))
    {
      gtk_label_set_text (label, *data->title != '\0' ? data->title : _("Untitled workshop"));
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%u", tm_workshop_data_count_participants (data));

      gtk_label_set_text (label, text);
    }
}

static void
set_column_factory (GtkColumnViewColumn *column,
                    const char          *name,
                    gboolean             numeric)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "tm-column", (gpointer) name);
  g_object_set_data (G_OBJECT (factory), "tm-numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label), NULL);
  gtk_column_view_column_set_factory (column, factory);
}

static void
on_selected_item_changed (TmWorkshopsDialog *self)
{
  TmWorkshop *workshop;

  if (self->selecting || self->committing)
    return;

  workshop = gtk_single_selection_get_selected_item (self->selection);
  if (workshop != NULL && workshop != self->workshop)
    {
      if (self->portfolio != NULL)
        tm_portfolio_break_undo_merge (self->portfolio);
      show_workshop (self, workshop);
    }
}

/* After a change made elsewhere (an undo): the form follows its workshop, or
 * shows none when it is gone. */
static gboolean
sync_cb (gpointer user_data)
{
  TmWorkshopsDialog *self = user_data;
  guint position;

  self->sync_id = 0;

  if (self->workshop != NULL && !find_workshop (self, self->workshop, &position))
    show_workshop (self, gtk_single_selection_get_selected_item (self->selection));
  else
    show_workshop (self, self->workshop);

  return G_SOURCE_REMOVE;
}

static void
on_workshops_items_changed (TmWorkshopsDialog *self)
{
  /* Our own edits put the selection back themselves; an edit moves a workshop
   * out of the model and back in, so wait until both steps are done. */
  if (self->committing || self->sync_id != 0)
    return;

  self->sync_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, sync_cb, self, NULL);
}

/* The form */

static const char *
get_profession_name (TmWorkshopsDialog *self,
                     const char        *profession_id)
{
  TmProfession *profession = tm_portfolio_lookup_profession (self->portfolio, profession_id);

  return profession != NULL ? tm_profession_get_display_name (profession) : profession_id;
}

static void
update_total (TmWorkshopsDialog *self)
{
  guint total = self->workshop ? tm_workshop_data_count_participants (tm_workshop_peek_data (self->workshop)) : 0;
  g_autofree char *text = NULL;

  /* Translators: the number of people who took part in a workshop */
  text = g_strdup_printf (ngettext ("%u participant", "%u participants", total), total);
  gtk_label_set_text (self->participants_total_label, text);
}

static guint
get_count (const TmWorkshopData *data,
           const char           *profession_id)
{
  for (guint i = 0; i < data->participants->len; i++)
    {
      const TmParticipants *p = &g_array_index (data->participants, TmParticipants, i);

      if (g_strcmp0 (p->profession_id, profession_id) == 0)
        return p->count;
    }
  return 0;
}

static void on_participants_changed (TmWorkshopsDialog *self,
                                     GtkSpinButton     *spin);

/* A spin button for each profession the unit has, and for any other
 * profession the workshop counts. */
static void
build_participants (TmWorkshopsDialog    *self,
                    const TmWorkshopData *data)
{
  GListModel *professions = tm_portfolio_get_professions (self->portfolio);
  guint n = g_list_model_get_n_items (professions);
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->participants_grid))) != NULL)
    gtk_grid_remove (self->participants_grid, child);
  g_hash_table_remove_all (self->spins);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) profession = g_list_model_get_item (professions, i);
      const char *id = tm_profession_get_id (profession);
      guint count = data != NULL ? get_count (data, id) : 0;
      GtkWidget *box, *label, *spin;

      if (tm_profession_get_hidden (profession) && count == 0)
        continue;

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      label = gtk_label_new (tm_profession_get_display_name (profession));
      /* Long names ("Social- og sundhedsassistent") wrap rather than lose their end. */
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      gtk_widget_set_hexpand (label, TRUE);
      spin = gtk_spin_button_new_with_range (0, MAX_PARTICIPANTS, 1);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), count);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                      -1);
      {
        /* Translators: accessible description of a spin button; %s is a profession */
        g_autofree char *description = g_strdup_printf (_("How many of %s took part"),
                                                        tm_profession_get_display_name (profession));

        gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                        -1);
      }
      g_object_set_data_full (G_OBJECT (spin), "tm-profession-id", g_strdup (id), g_free);
      g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_participants_changed), self);

      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), spin);
      gtk_grid_attach (self->participants_grid, box, shown % 2, shown / 2, 1, 1);
      g_hash_table_insert (self->spins, g_strdup (id), spin);
      shown++;
    }
}

static void on_move_toggled (TmWorkshopsDialog *self,
                             GtkCheckButton    *check);

/* A check button for each move of the dialog's scenario. */
static void
build_moves (TmWorkshopsDialog    *self,
             const TmWorkshopData *data)
{
  GListModel *tasks = tm_portfolio_get_tasks (self->portfolio);
  TmScenario *scenario = tm_portfolio_lookup_scenario (self->portfolio, self->scenario_id);
  guint n = g_list_model_get_n_items (tasks);
  g_autofree char *text = NULL;
  GtkWidget *child;
  guint shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->moves_box))) != NULL)
    gtk_box_remove (self->moves_box, child);
  g_hash_table_remove_all (self->move_checks);

  for (guint i = 0; scenario != NULL && i < n; i++)
    {
      g_autoptr(TmTask) task = g_list_model_get_item (tasks, i);
      const TmMove *move = tm_task_data_get_move (tm_task_peek_data (task), self->scenario_id);
      g_autofree char *label = NULL;
      const char *to;
      GtkWidget *check;

      if (move == NULL)
        continue;

      to = move->kind == TM_MOVE_TO_PROFESSION ? get_profession_name (self, move->profession_id)
                                               : tm_move_kind_get_label (move->kind);
      /* Translators: a move: a task's title, then where it goes */
      label = g_strdup_printf (_("%s → %s"), tm_task_get_title (task), to);
      check = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   data != NULL &&
                                   tm_workshop_data_has_move (data, tm_task_get_uuid (task),
                                                              self->scenario_id));
      g_object_set_data_full (G_OBJECT (check), "tm-task-uuid",
                              g_strdup (tm_task_get_uuid (task)), g_free);
      /* A long title wraps rather than widening the dialog. */
      child = gtk_widget_get_last_child (check);
      if (GTK_IS_LABEL (child))
        {
          gtk_label_set_wrap (GTK_LABEL (child), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_xalign (GTK_LABEL (child), 0);
        }
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (on_move_toggled), self);
      gtk_box_append (self->moves_box, check);
      g_hash_table_insert (self->move_checks, g_strdup (tm_task_get_uuid (task)), check);
      shown++;
    }

  if (scenario == NULL)
    text = g_strdup (_("The portfolio has no scenario."));
  else if (shown == 0)
    /* Translators: %s is a scenario's name */
    text = g_strdup_printf (_("The scenario “%s” has no moves yet. Choose them in the matrix."),
                            tm_scenario_get_name (scenario));
  else
    /* Translators: %s is a scenario's name */
    text = g_strdup_printf (_("The moves of the scenario “%s”: tick those this workshop agreed on."),
                            tm_scenario_get_name (scenario));
  gtk_label_set_text (self->moves_label, text);
}

/* Fills the form from the workshop, leaving alone what already shows it. */
static void
load_form (TmWorkshopsDialog *self)
{
  const TmWorkshopData *data;

  if (self->workshop == NULL || self->portfolio == NULL)
    return;

  data = tm_workshop_peek_data (self->workshop);
  self->loading = TRUE;

  /* A date being corrected stays as typed. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->date_error_label)))
    set_entry_text (self->date_entry, data->date);
  set_entry_text (self->title_entry, data->title);
  set_entry_text (self->facilitator_entry, data->facilitator);
  set_text_view_text (self->names_view, data->names);
  set_text_view_text (self->decisions_view, data->decisions);

  /* Rebuilt only for another workshop or another set of professions: a spin
   * button being used keeps its focus. */
  if (g_object_get_data (G_OBJECT (self->participants_grid), "tm-workshop") != self->workshop ||
      g_hash_table_size (self->spins) == 0)
    {
      build_participants (self, data);
      build_moves (self, data);
      g_object_set_data (G_OBJECT (self->participants_grid), "tm-workshop", self->workshop);
    }
  else
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->spins);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if ((guint) gtk_spin_button_get_value_as_int (value) != get_count (data, key))
          gtk_spin_button_set_value (value, get_count (data, key));

      g_hash_table_iter_init (&iter, self->move_checks);
      while (g_hash_table_iter_next (&iter, &key, &value))
        gtk_check_button_set_active (value, tm_workshop_data_has_move (data, key, self->scenario_id));
    }

  update_total (self);
  self->loading = FALSE;
}

static TmWorkshopData *
dup_data (TmWorkshopsDialog *self)
{
  if (self->loading || self->workshop == NULL || self->portfolio == NULL)
    return NULL;

  return tm_workshop_data_copy (tm_workshop_peek_data (self->workshop));
}

static void
hide_undo_bar (TmWorkshopsDialog *self)
{
  g_clear_pointer (&self->deleted_id, g_free);
  gtk_info_bar_set_revealed (self->undo_bar, FALSE);
}

/* Stores @data as the workshop's new state. */
static gboolean
commit (TmWorkshopsDialog *self,
        TmWorkshopData    *data,
        const char        *merge_key)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  hide_undo_bar (self);

  self->committing = TRUE;
  ok = tm_portfolio_update_workshop (self->portfolio, self->workshop, data, merge_key, &error);
  self->committing = FALSE;

  /* The edit took the workshop out of the list and back in its place by date. */
  self->loading = TRUE;
  show_workshop (self, self->workshop);
  self->loading = FALSE;
  update_total (self);

  show_error (self, ok ? NULL : error->message);
  return ok;
}

/* A choice (a tick, a count) is one undo step of its own. */
static gboolean
commit_choice (TmWorkshopsDialog *self,
               TmWorkshopData    *data)
{
  gboolean ok;

  tm_portfolio_break_undo_merge (self->portfolio);
  ok = commit (self, data, NULL);
  tm_portfolio_break_undo_merge (self->portfolio);

  return ok;
}

/* Checks @text as a date without storing it; the message when it is not one. */
static char *
check_date (const char *text)
{
  g_autoptr(TmWorkshopData) probe = tm_workshop_data_new ();
  g_autoptr(GError) error = NULL;

  g_free (probe->date);
  probe->date = g_strstrip (g_strdup (text));
  if (tm_workshop_data_validate (probe, &error))
    return NULL;

  return g_strdup (error->message);
}

/* Typing a date stores it as soon as it is one; the message waits for Enter
 * or for leaving the field, so a date half typed is not an error yet. */
static void
on_date_changed (TmWorkshopsDialog *self)
{
  g_autoptr(TmWorkshopData) data = dup_data (self);
  g_autofree char *message = NULL;

  if (data == NULL)
    return;

  message = check_date (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  if (message != NULL)
    {
      if (gtk_widget_get_visible (GTK_WIDGET (self->date_error_label)))
        show_date_error (self, message);
      return;
    }

  show_date_error (self, NULL);
  g_free (data->date);
  data->date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_entry))));
  commit (self, data, "date");
}

static void
check_date_entry (TmWorkshopsDialog *self)
{
  g_autofree char *message = NULL;

  if (self->workshop == NULL || self->loading)
    return;

  message = check_date (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)));
  show_date_error (self, message);
}

static void
on_date_activate (TmWorkshopsDialog *self)
{
  check_date_entry (self);
}

static void
on_title_changed (TmWorkshopsDialog *self)
{
  g_autoptr(TmWorkshopData) data = dup_data (self);

  if (data == NULL)
    return;
  g_free (data->title);
  data->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  commit (self, data, "title");
}

static void
on_facilitator_changed (TmWorkshopsDialog *self)
{
  g_autoptr(TmWorkshopData) data = dup_data (self);

  if (data == NULL)
    return;
  g_free (data->facilitator);
  data->facilitator = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->facilitator_entry)));
  commit (self, data, "facilitator");
}

static void
on_names_changed (TmWorkshopsDialog *self)
{
  g_autoptr(TmWorkshopData) data = dup_data (self);

  if (data == NULL)
    return;
  g_free (data->names);
  data->names = tm_gui_dup_widget_text (GTK_WIDGET (self->names_view));
  commit (self, data, "names");
}

static void
on_decisions_changed (TmWorkshopsDialog *self)
{
  g_autoptr(TmWorkshopData) data = dup_data (self);

  if (data == NULL)
    return;
  g_free (data->decisions);
  data->decisions = tm_gui_dup_widget_text (GTK_WIDGET (self->decisions_view));
  commit (self, data, "decisions");
}

static void
on_participants_changed (TmWorkshopsDialog *self,
                         GtkSpinButton     *spin)
{
  g_autoptr(TmWorkshopData) data = dup_data (self);
  const char *id = g_object_get_data (G_OBJECT (spin), "tm-profession-id");

  if (data == NULL || id == NULL)
    return;
  tm_workshop_data_set_participants (data, id, (guint) gtk_spin_button_get_value_as_int (spin));
  /* Clicking the arrows is one step per profession. */
  commit (self, data, id);
}

static void
on_move_toggled (TmWorkshopsDialog *self,
                 GtkCheckButton    *check)
{
  g_autoptr(TmWorkshopData) data = dup_data (self);
  const char *uuid = g_object_get_data (G_OBJECT (check), "tm-task-uuid");

  if (data == NULL || uuid == NULL || self->scenario_id == NULL)
    return;
  tm_workshop_data_link_move (data, uuid, self->scenario_id, gtk_check_button_get_active (check));
  commit_choice (self, data);
}

/* Leaving a field ends its undo step, and says what is wrong with a date. */
static void
on_field_focus_leave (GtkEventControllerFocus *controller,
                      TmWorkshopsDialog       *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (widget == GTK_WIDGET (self->date_entry))
    check_date_entry (self);
  if (self->portfolio != NULL)
    tm_portfolio_break_undo_merge (self->portfolio);
}

/* Adding and deleting */

static void
add_workshop (TmWorkshopsDialog *self)
{
  g_autoptr(TmWorkshopData) data = tm_workshop_data_new ();
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (tm_portfolio_get_workshops (self->portfolio));
  TmWorkshop *workshop;

  hide_undo_bar (self);
  g_free (data->date);
  data->date = dup_today ();
  g_free (data->title);
  /* Translators: the title a new workshop starts with; %u counts the workshops */
  data->title = g_strdup_printf (_("Workshop %u"), n + 1);

  tm_portfolio_break_undo_merge (self->portfolio);
  self->committing = TRUE;
  workshop = tm_portfolio_add_workshop (self->portfolio, data, &error);
  self->committing = FALSE;
  tm_portfolio_break_undo_merge (self->portfolio);

  if (workshop == NULL)
    {
      show_error (self, error->message);
      show_workshop (self, self->workshop);
      return;
    }

  show_workshop (self, workshop);
  /* The title is the first thing to type; the date is usually today. */
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->title_entry), 0, -1);
}

static void
on_add_clicked (TmWorkshopsDialog *self)
{
  add_workshop (self);
}

static void
on_delete_clicked (TmWorkshopsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmWorkshop) workshop = NULL;
  g_autoptr(TmWorkshop) next = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  GListModel *model;
  guint position = 0, n;
  gboolean ok;

  if (self->workshop == NULL)
    return;

  workshop = g_object_ref (self->workshop);
  id = g_strdup (tm_workshop_get_id (workshop));
  if (*tm_workshop_get_title (workshop) != '\0')
    /* Translators: shown after deleting a workshop; %s is its title */
    text = g_strdup_printf (_("“%s” deleted"), tm_workshop_get_title (workshop));
  else
    text = g_strdup (_("Workshop deleted"));

  find_workshop (self, workshop, &position);
  tm_portfolio_break_undo_merge (self->portfolio);
  self->committing = TRUE;
  ok = tm_portfolio_delete_workshop (self->portfolio, workshop, &error);
  self->committing = FALSE;

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  /* The next workshop by date, or the one before when it was the last. */
  model = tm_portfolio_get_workshops (self->portfolio);
  n = g_list_model_get_n_items (model);
  if (n > 0)
    next = g_list_model_get_item (model, MIN (position, n - 1));
  show_workshop (self, next);

  g_free (self->deleted_id);
  self->deleted_id = g_steal_pointer (&id);
  gtk_label_set_text (self->undo_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_bar), TRUE);
  gtk_info_bar_set_revealed (self->undo_bar, TRUE);
}

static void
undo_delete (TmWorkshopsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_steal_pointer (&self->deleted_id);
  gboolean ok;

  hide_undo_bar (self);
  if (id == NULL || !tm_portfolio_can_undo (self->portfolio))
    return;

  self->committing = TRUE;
  ok = tm_portfolio_undo (self->portfolio, &error);
  self->committing = FALSE;

  if (!ok)
    {
      show_error (self, error->message);
      return;
    }

  show_workshop (self, tm_portfolio_lookup_workshop (self->portfolio, id));
}

static void
on_undo_bar_response (TmWorkshopsDialog *self,
                      int                response)
{
  if (response == RESPONSE_UNDO)
    undo_delete (self);
  else
    hide_undo_bar (self);
}

/* The dialog */

static void
on_undo_label_changed (TmWorkshopsDialog *self)
{
  /* Something else became the step to undo: the bar would undo that. */
  if (self->deleted_id != NULL && !self->committing)
    hide_undo_bar (self);
}

static gboolean
tm_workshops_dialog_close_request (GtkWindow *window)
{
  TmWorkshopsDialog *self = TM_WORKSHOPS_DIALOG (window);

  /* Typing again later is a new undo step. */
  if (self->portfolio != NULL)
    tm_portfolio_break_undo_merge (self->portfolio);

  return GTK_WINDOW_CLASS (tm_workshops_dialog_parent_class)->close_request (window);
}

static void
tm_workshops_dialog_dispose (GObject *object)
{
  TmWorkshopsDialog *self = TM_WORKSHOPS_DIALOG (object);

  g_clear_handle_id (&self->sync_id, g_source_remove);
  if (self->portfolio != NULL)
    {
      g_signal_handlers_disconnect_by_data (tm_portfolio_get_workshops (self->portfolio), self);
      g_signal_handlers_disconnect_by_data (self->portfolio, self);
    }
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->workshop);
  g_clear_pointer (&self->spins, g_hash_table_unref);
  g_clear_pointer (&self->move_checks, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_WORKSHOPS_DIALOG);

  g_clear_object (&self->portfolio);
  g_clear_pointer (&self->scenario_id, g_free);
  g_clear_pointer (&self->deleted_id, g_free);

  G_OBJECT_CLASS (tm_workshops_dialog_parent_class)->dispose (object);
}

static void
tm_workshops_dialog_class_init (TmWorkshopsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tm_workshops_dialog_dispose;
  window_class->close_request = tm_workshops_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-workshops-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, delete_button);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, undo_bar);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, undo_label);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, date_column);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, title_column);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, participants_column);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, empty_title);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, date_entry);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, date_error_label);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, facilitator_entry);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, participants_total_label);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, participants_grid);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, names_view);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, decisions_view);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, moves_label);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, moves_box);
  gtk_widget_class_bind_template_child (widget_class, TmWorkshopsDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_undo_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_date_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_facilitator_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_workshops_dialog_init (TmWorkshopsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_gui_name_info_bar_close (self->undo_bar);

  self->spins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->move_checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  {
    GtkWidget *fields[] = {
      GTK_WIDGET (self->date_entry), GTK_WIDGET (self->title_entry),
      GTK_WIDGET (self->facilitator_entry), GTK_WIDGET (self->names_view),
      GTK_WIDGET (self->decisions_view),
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        GtkEventController *controller = gtk_event_controller_focus_new ();

        g_signal_connect (controller, "leave", G_CALLBACK (on_field_focus_leave), self);
        gtk_widget_add_controller (fields[i], controller);
      }
  }

  self->undo_button = gtk_info_bar_add_button (self->undo_bar, _("_Undo"), RESPONSE_UNDO);
  g_signal_connect_object (gtk_text_view_get_buffer (self->names_view), "changed",
                           G_CALLBACK (on_names_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->decisions_view), "changed",
                           G_CALLBACK (on_decisions_changed), self, G_CONNECT_SWAPPED);

  set_column_factory (self->date_column, "date", FALSE);
  set_column_factory (self->title_column, "title", FALSE);
  set_column_factory (self->participants_column, "participants", TRUE);
}

static void
set_portfolio (TmWorkshopsDialog *self,
               TmPortfolio       *portfolio,
               const char        *scenario_id)
{
  GListModel *workshops = tm_portfolio_get_workshops (portfolio);

  self->portfolio = g_object_ref (portfolio);

  if (scenario_id == NULL || tm_portfolio_lookup_scenario (portfolio, scenario_id) == NULL)
    {
      GListModel *scenarios = tm_portfolio_get_scenarios (portfolio);

      if (g_list_model_get_n_items (scenarios) > 0)
        {
          g_autoptr(TmScenario) first = g_list_model_get_item (scenarios, 0);

          scenario_id = tm_scenario_get_id (first);
        }
    }
  self->scenario_id = g_strdup (scenario_id);

  self->selection = gtk_single_selection_new (g_object_ref (workshops));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed), self);
  g_signal_connect_swapped (workshops, "items-changed",
                            G_CALLBACK (on_workshops_items_changed), self);
  g_signal_connect_swapped (portfolio, "notify::undo-label",
                            G_CALLBACK (on_undo_label_changed), self);

  if (g_list_model_get_n_items (workshops) > 0)
    {
      /* The latest workshop: the one most likely to be written up. */
      g_autoptr(TmWorkshop) last = g_list_model_get_item (workshops,
                                                          g_list_model_get_n_items (workshops) - 1);

      show_workshop (self, last);
    }
  else
    {
      gtk_label_set_text (self->empty_title, _("No workshops yet"));
      show_workshop (self, NULL);
    }
}

TmWorkshopsDialog *
tm_workshops_dialog_present (GtkWindow   *parent,
                             TmPortfolio *portfolio,
                             const char  *scenario_id)
{
  TmWorkshopsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  self = g_object_new (TM_TYPE_WORKSHOPS_DIALOG,
                       "transient-for", parent,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  set_portfolio (self, portfolio, scenario_id);

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));

  return self;
}

/* Test hooks */

GtkButton *
_tm_workshops_dialog_get_add_button (TmWorkshopsDialog *self)
{
  return self->add_button;
}

GtkButton *
_tm_workshops_dialog_get_delete_button (TmWorkshopsDialog *self)
{
  return self->delete_button;
}

GtkButton *
_tm_workshops_dialog_get_undo_button (TmWorkshopsDialog *self)
{
  return gtk_info_bar_get_revealed (self->undo_bar) ? GTK_BUTTON (self->undo_button) : NULL;
}

GtkSingleSelection *
_tm_workshops_dialog_get_selection (TmWorkshopsDialog *self)
{
  return self->selection;
}

GtkEntry *
_tm_workshops_dialog_get_date_entry (TmWorkshopsDialog *self)
{
  return self->date_entry;
}

const char *
_tm_workshops_dialog_get_date_error (TmWorkshopsDialog *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->date_error_label)))
    return NULL;
  return gtk_label_get_text (self->date_error_label);
}

GtkEntry *
_tm_workshops_dialog_get_title_entry (TmWorkshopsDialog *self)
{
  return self->title_entry;
}

GtkEntry *
_tm_workshops_dialog_get_facilitator_entry (TmWorkshopsDialog *self)
{
  return self->facilitator_entry;
}

GtkTextView *
_tm_workshops_dialog_get_names_view (TmWorkshopsDialog *self)
{
  return self->names_view;
}

GtkTextView *
_tm_workshops_dialog_get_decisions_view (TmWorkshopsDialog *self)
{
  return self->decisions_view;
}

GtkSpinButton *
_tm_workshops_dialog_get_participants (TmWorkshopsDialog *self,
                                       const char        *profession_id)
{
  return g_hash_table_lookup (self->spins, profession_id);
}

GtkCheckButton *
_tm_workshops_dialog_get_move_check (TmWorkshopsDialog *self,
                                     const char        *task_uuid)
{
  return g_hash_table_lookup (self->move_checks, task_uuid);
}

TmWorkshop *
_tm_workshops_dialog_get_workshop (TmWorkshopsDialog *self)
{
  return self->workshop;
}
