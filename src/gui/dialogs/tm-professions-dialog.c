/* tm-professions-dialog.c
 * The dialog that lists and edits the portfolio's professions; each change is
 * stored at once (and undone from the main window).
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tm-professions-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dialogs/tm-dialogs-private.h"
#include "tm-gui-util.h"
#include "dialogs/tm-professions-dialog.h"
#include "model/tm-language.h"

typedef enum {
  CELL_NAME,
  CELL_NAME_EN,
  CELL_FTE,
  CELL_HOURS,
  CELL_AUTHORISED,
  CELL_UNSKILLED,
  CELL_SHOWN,
} CellKind;

struct _TmProfessionsDialog
{
  GtkWindow            parent_instance;

  /* Template widgets */
  GtkButton           *add_button;
  GtkLabel            *explanation_label;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *name_en_column;
  GtkColumnViewColumn *fte_column;
  GtkColumnViewColumn *hours_column;
  GtkColumnViewColumn *authorised_column;
  GtkColumnViewColumn *unskilled_column;
  GtkColumnViewColumn *shown_column;
  GtkLabel            *error_label;
  GtkLabel            *unit_label;
  GtkDropDown         *unit_drop_down;
  GtkEntry            *shift_entry;

  /* Owned */
  TmPortfolio         *portfolio;
  char                *unit;            /* whose staffing is shown: "" the portfolio's own */
  GStrv                units;           /* the units offered, "" first */
  GPtrArray           *staffing_cells;  /* bound FTE and hours cells (borrowed) */
  gulong               staffing_changed_id;

  /* Borrowed: a profession just added, whose name entry gets the focus when bound */
  TmProfession        *pending_focus;
  /* TmProfession → its bound name entry (both borrowed) */
  GHashTable          *name_entries;
};

G_DEFINE_FINAL_TYPE (TmProfessionsDialog, tm_professions_dialog, GTK_TYPE_WINDOW)

static void
show_error (TmProfessionsDialog *self,
            const char          *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static CellKind
get_cell_kind (GtkWidget *cell)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "tm-kind"));
}

static TmProfession *
get_cell_profession (GtkWidget *cell)
{
  return g_object_get_data (G_OBJECT (cell), "tm-profession");
}

/* The entry of a cell: the cell itself, or the entry of the hours cell's box. */
static GtkEditable *
get_cell_entry (GtkWidget *cell)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (cell), "tm-entry");

  return GTK_EDITABLE (entry != NULL ? entry : cell);
}

static char *
format_staffing_value (double value)
{
  if (value < 0)
    return g_strdup ("");
  return tm_language_format_number (value, value == (double) (gint64) value ? 0
                                           : value * 10 == (double) (gint64) (value * 10) ? 1 : 2);
}

static const TmStaffingEntry *
staffing_entry_of (TmProfessionsDialog *self,
                   TmProfession        *profession)
{
  const TmStaffing *staffing;

  if (self->portfolio == NULL)
    return NULL;
  staffing = tm_portfolio_get_staffing (self->portfolio, self->unit);
  return staffing != NULL ? tm_staffing_lookup (staffing, tm_profession_get_id (profession)) : NULL;
}

/* Shows @cell's profession in it, without storing anything. */
static void
update_cell (GtkWidget *cell)
{
  TmProfession *profession = get_cell_profession (cell);
  g_autofree char *label = NULL;
  const char *name;

  if (profession == NULL)
    return;

  name = tm_profession_get_name (profession);
  g_object_set_data (G_OBJECT (cell), "tm-updating", GINT_TO_POINTER (TRUE));

  switch (get_cell_kind (cell))
    {
    case CELL_NAME:
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell)), name) != 0)
        gtk_editable_set_text (GTK_EDITABLE (cell), name != NULL ? name : "");
      /* Translators: accessible name of the entry with a profession's name */
      label = g_strdup_printf (_("Name of %s"), name);
      break;

    case CELL_NAME_EN:
      {
        const char *name_en = tm_profession_get_name_en (profession);

        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (cell)), name_en != NULL ? name_en : "") != 0)
          gtk_editable_set_text (GTK_EDITABLE (cell), name_en != NULL ? name_en : "");
        /* Translators: accessible name of the entry with a profession's English name */
        label = g_strdup_printf (_("English name of %s"), name);
      }
      break;

    case CELL_FTE:
    case CELL_HOURS:
      {
        TmProfessionsDialog *self = g_object_get_data (G_OBJECT (cell), "tm-dialog");
        const TmStaffingEntry *entry = self != NULL ? staffing_entry_of (self, profession) : NULL;
        gboolean fte = get_cell_kind (cell) == CELL_FTE;
        double value = entry == NULL ? -1 : fte ? entry->fte : entry->hours_per_fte;
        g_autofree char *text = format_staffing_value (value);
        GtkEditable *editable = get_cell_entry (cell);

        if (!gtk_widget_has_focus (GTK_WIDGET (editable)) &&
            g_strcmp0 (gtk_editable_get_text (editable), text) != 0)
          gtk_editable_set_text (editable, text);
        if (fte)
          /* Translators: accessible name of the entry with a profession's staffing;
           * FTE is årsværk (da) / årsverk (nb) */
          label = g_strdup_printf (_("Staffing of %s in FTE"), name);
        else
          {
            /* Translators: accessible name of the entry with the weekly hours of one FTE */
            label = g_strdup_printf (_("Weekly hours of one FTE of %s"), name);
            gtk_accessible_update_property (GTK_ACCESSIBLE (editable),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          }
      }
      break;

    case CELL_AUTHORISED:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (cell), tm_profession_get_authorised (profession));
      /* Translators: accessible name of a check box */
      label = g_strdup_printf (_("%s is an authorised health profession"), name);
      break;

    case CELL_UNSKILLED:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (cell), tm_profession_get_unskilled (profession));
      /* Translators: accessible name of a check box */
      label = g_strdup_printf (_("%s is unskilled staff"), name);
      break;

    case CELL_SHOWN:
      gtk_switch_set_active (GTK_SWITCH (cell), !tm_profession_get_hidden (profession));
      /* Translators: accessible name of a switch */
      label = g_strdup_printf (_("Show %s in the task editor"), name);
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data (G_OBJECT (cell), "tm-updating", NULL);
}

/* Stores the value @cell shows into its profession. */
static void
store_cell (TmProfessionsDialog *self,
            GtkWidget           *cell)
{
  g_autoptr(GError) error = NULL;
  TmProfession *profession = get_cell_profession (cell);
  g_autofree char *name = NULL;
  g_autofree char *name_en = NULL;
  gboolean authorised, unskilled, hidden;

  if (profession == NULL || self->portfolio == NULL
      || g_object_get_data (G_OBJECT (cell), "tm-updating") != NULL)
    return;

  name = g_strdup (tm_profession_get_name (profession));
  name_en = g_strdup (tm_profession_get_name_en (profession));
  authorised = tm_profession_get_authorised (profession);
  unskilled = tm_profession_get_unskilled (profession);
  hidden = tm_profession_get_hidden (profession);

  switch (get_cell_kind (cell))
    {
    case CELL_NAME:
      g_free (name);
      name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell))));
      if (name[0] == '\0')
        {
          show_error (self, _("A profession needs a name."));
          update_cell (cell);
          return;
        }
      if (g_strcmp0 (name, tm_profession_get_name (profession)) == 0)
        return;
      break;

    case CELL_NAME_EN:
      g_free (name_en);
      name_en = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell))));
      if (g_strcmp0 (name_en, tm_profession_get_name_en (profession)) == 0
          || (name_en[0] == '\0' && tm_profession_get_name_en (profession) == NULL))
        return;
      break;

    case CELL_FTE:
    case CELL_HOURS:
      {
        const TmStaffingEntry *entry = staffing_entry_of (self, profession);
        const char *text = gtk_editable_get_text (get_cell_entry (cell));
        double fte = entry ? entry->fte : -1;
        double hours = entry ? entry->hours_per_fte : -1;
        double value = -1;
        g_autofree char *stripped = g_strstrip (g_strdup (text));

        if (*stripped != '\0' && !tm_language_parse_number (stripped, &value))
          {
            g_autofree char *message =
              /* Translators: %s is what the user typed */
              g_strdup_printf (_("“%s” is not a number. Write it with a decimal comma or point, as in 28,5."),
                               stripped);

            show_error (self, message);
            return;
          }
        /* A typed -1 is a number, not "not known". */
        if (*stripped != '\0' && value == -1)
          value = -1.0000001;
        if (get_cell_kind (cell) == CELL_FTE)
          fte = value;
        else
          hours = value;
        if (entry != NULL ? (entry->fte == fte && entry->hours_per_fte == hours) : (fte == -1 && hours == -1))
          return;
        if (!tm_portfolio_set_profession_staffing (self->portfolio, self->unit,
                                                   tm_profession_get_id (profession), fte, hours,
                                                   NULL, &error))
          {
            show_error (self, error->message);
            return;
          }
        show_error (self, NULL);
        return;
      }

    case CELL_AUTHORISED:
      authorised = gtk_check_button_get_active (GTK_CHECK_BUTTON (cell));
      break;

    case CELL_UNSKILLED:
      unskilled = gtk_check_button_get_active (GTK_CHECK_BUTTON (cell));
      break;

    case CELL_SHOWN:
      hidden = !gtk_switch_get_active (GTK_SWITCH (cell));
      break;

    default:
      g_assert_not_reached ();
    }

  if (!tm_portfolio_update_profession (self->portfolio, profession, name, name_en,
                                       authorised, unskilled, hidden, &error))
    {
      show_error (self, error->message);
      update_cell (cell);
      return;
    }

  show_error (self, NULL);
}

static void
on_cell_changed (GtkWidget           *cell,
                 TmProfessionsDialog *self)
{
  store_cell (self, cell);
}

static void
on_entry_focus_leave (GtkEventControllerFocus *controller,
                      TmProfessionsDialog     *self)
{
  store_cell (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static gboolean
on_switch_state_set (GtkSwitch           *cell,
                     gboolean             state,
                     TmProfessionsDialog *self)
{
  gtk_switch_set_state (cell, state);
  store_cell (self, GTK_WIDGET (cell));
  return TRUE;
}

static void
on_cell_changed_in_box (TmProfessionsDialog *self,
                        GtkWidget           *entry)
{
  store_cell (self, g_object_get_data (G_OBJECT (entry), "tm-cell"));
}

static void
on_hours_focus_leave (GtkEventControllerFocus *controller,
                      TmProfessionsDialog     *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  store_cell (self, g_object_get_data (G_OBJECT (entry), "tm-cell"));
}

static void
on_hours_choice_clicked (GtkButton           *item,
                         TmProfessionsDialog *self)
{
  GtkWidget *cell = g_object_get_data (G_OBJECT (item), "tm-cell");
  double hours = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "tm-hours")) / 10.0;
  g_autofree char *text = format_staffing_value (hours);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (item), GTK_TYPE_POPOVER);

  gtk_editable_set_text (get_cell_entry (cell), text);
  store_cell (self, cell);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            TmProfessionsDialog      *self)
{
  CellKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "tm-kind"));
  GtkWidget *cell;

  switch (kind)
    {
    case CELL_NAME:
    case CELL_NAME_EN:
      {
        GtkEventController *controller = gtk_event_controller_focus_new ();

        cell = gtk_entry_new ();
        gtk_editable_set_width_chars (GTK_EDITABLE (cell), 10);
        gtk_entry_set_has_frame (GTK_ENTRY (cell), TRUE);
        g_signal_connect (cell, "activate", G_CALLBACK (on_cell_changed), self);
        g_signal_connect (controller, "leave", G_CALLBACK (on_entry_focus_leave), self);
        gtk_widget_add_controller (cell, controller);
      }
      break;

    case CELL_FTE:
      {
        GtkEventController *controller = gtk_event_controller_focus_new ();

        cell = gtk_entry_new ();
        gtk_editable_set_width_chars (GTK_EDITABLE (cell), 5);
        gtk_editable_set_alignment (GTK_EDITABLE (cell), 1.0);
        gtk_entry_set_input_purpose (GTK_ENTRY (cell), GTK_INPUT_PURPOSE_NUMBER);
        /* Translators: placeholder of an empty staffing: not known */
        gtk_entry_set_placeholder_text (GTK_ENTRY (cell), _("not known"));
        g_signal_connect (cell, "activate", G_CALLBACK (on_cell_changed), self);
        g_signal_connect (controller, "leave", G_CALLBACK (on_entry_focus_leave), self);
        gtk_widget_add_controller (cell, controller);
      }
      break;

    case CELL_HOURS:
      {
        GtkEventController *controller = gtk_event_controller_focus_new ();
        GtkWidget *entry = gtk_entry_new ();
        GtkWidget *button = gtk_menu_button_new ();
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        g_autofree char *standard = NULL;
        TmCountry country = self->portfolio ? tm_portfolio_get_country (self->portfolio) : TM_COUNTRY_DK;
        const double *choices;
        guint n = 0;

        cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
        gtk_widget_add_css_class (cell, "linked");
        gtk_editable_set_width_chars (GTK_EDITABLE (entry), 4);
        gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0);
        gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
        /* The country's full-time week is what counts when none is given. */
        standard = tm_language_format_number (tm_country_get_hours_per_fte (country), 1);
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), standard);
        g_object_set_data (G_OBJECT (entry), "tm-cell", cell);
        g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_cell_changed_in_box), self);
        g_signal_connect (controller, "leave", G_CALLBACK (on_hours_focus_leave), self);
        gtk_widget_add_controller (entry, controller);

        choices = tm_country_get_hours_per_fte_choices (country, &n);
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *choice = tm_hours_per_fte_choice_dup_label (country, choices[i]);
            GtkWidget *choice_button = gtk_button_new_with_label (choice);

            gtk_widget_add_css_class (choice_button, "flat");
            g_object_set_data (G_OBJECT (choice_button), "tm-cell", cell);
            g_object_set_data (G_OBJECT (choice_button), "tm-hours", GINT_TO_POINTER ((int) (choices[i] * 10 + 0.5)));
            g_signal_connect (choice_button, "clicked", G_CALLBACK (on_hours_choice_clicked), self);
            gtk_box_append (GTK_BOX (box), choice_button);
          }
        {
          GtkWidget *popover = gtk_popover_new ();

          gtk_popover_set_child (GTK_POPOVER (popover), box);
          gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
        }
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Choose a full-time week"), -1);
        gtk_widget_set_tooltip_text (button, _("Choose a full-time week"));
        gtk_box_append (GTK_BOX (cell), entry);
        gtk_box_append (GTK_BOX (cell), button);
        g_object_set_data (G_OBJECT (cell), "tm-entry", entry);
      }
      break;

    case CELL_AUTHORISED:
    case CELL_UNSKILLED:
      cell = gtk_check_button_new ();
      gtk_widget_set_halign (cell, GTK_ALIGN_CENTER);
      g_signal_connect (cell, "toggled", G_CALLBACK (on_cell_changed), self);
      break;

    case CELL_SHOWN:
      cell = gtk_switch_new ();
      gtk_widget_set_halign (cell, GTK_ALIGN_CENTER);
      /* Clear of the overlay scroll bar */
      gtk_widget_set_margin_end (cell, 10);
      gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
      g_signal_connect (cell, "state-set", G_CALLBACK (on_switch_state_set), self);
      break;

    default:
      g_assert_not_reached ();
    }

  g_object_set_data (G_OBJECT (cell), "tm-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (cell), "tm-dialog", self);
  gtk_list_item_set_child (item, cell);
  /* The row is not a thing to select or activate: the controls in it are. */
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static gboolean
focus_entry_cb (gpointer user_data)
{
  GtkWidget *entry = user_data;

  if (gtk_widget_get_root (entry) != NULL && get_cell_profession (entry) != NULL)
    {
      gtk_widget_grab_focus (entry);
      gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
    }

  return G_SOURCE_REMOVE;
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           TmProfessionsDialog      *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  TmProfession *profession = gtk_list_item_get_item (item);
  gulong id;

  g_object_set_data (G_OBJECT (cell), "tm-profession", profession);
  id = g_signal_connect_swapped (profession, "notify", G_CALLBACK (update_cell), cell);
  g_object_set_data (G_OBJECT (cell), "tm-notify-id", GSIZE_TO_POINTER (id));
  update_cell (cell);

  if (get_cell_kind (cell) == CELL_FTE || get_cell_kind (cell) == CELL_HOURS)
    g_ptr_array_add (self->staffing_cells, cell);

  if (get_cell_kind (cell) == CELL_NAME)
    {
      g_hash_table_insert (self->name_entries, profession, cell);
      if (profession == self->pending_focus)
        {
          self->pending_focus = NULL;
          g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_entry_cb,
                           g_object_ref (cell), g_object_unref);
        }
    }
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TmProfessionsDialog      *self)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  TmProfession *profession = get_cell_profession (cell);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "tm-notify-id"));

  if (profession != NULL && id != 0)
    g_signal_handler_disconnect (profession, id);
  if (profession != NULL && self->name_entries != NULL
      && g_hash_table_lookup (self->name_entries, profession) == cell)
    g_hash_table_remove (self->name_entries, profession);
  g_object_set_data (G_OBJECT (cell), "tm-notify-id", NULL);
  g_object_set_data (G_OBJECT (cell), "tm-profession", NULL);
  if (self->staffing_cells != NULL)
    g_ptr_array_remove_fast (self->staffing_cells, cell);
}

/* The staffing changed (here, by undo, or in another unit): show it again. */
static void
refresh_staffing (TmProfessionsDialog *self)
{
  const TmStaffing *staffing = self->portfolio ? tm_portfolio_get_staffing (self->portfolio, self->unit) : NULL;
  g_autofree char *shift = format_staffing_value (staffing ? staffing->shift_hours : -1);

  for (guint i = 0; i < self->staffing_cells->len; i++)
    update_cell (g_ptr_array_index (self->staffing_cells, i));
  if (!gtk_widget_has_focus (GTK_WIDGET (self->shift_entry)) &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->shift_entry)), shift) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->shift_entry), shift);
}

static void
store_shift (TmProfessionsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->shift_entry))));
  const TmStaffing *staffing;
  double hours = -1;

  if (self->portfolio == NULL)
    return;
  if (*text != '\0' && !tm_language_parse_number (text, &hours))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a number. Write it with a decimal comma or point, as in 28,5."), text);

      show_error (self, message);
      return;
    }
  if (*text != '\0' && hours == -1)
    hours = -1.0000001;
  staffing = tm_portfolio_get_staffing (self->portfolio, self->unit);
  if ((staffing ? staffing->shift_hours : -1) == hours)
    return;
  if (!tm_portfolio_set_shift_hours (self->portfolio, self->unit, hours, NULL, &error))
    {
      show_error (self, error->message);
      return;
    }
  show_error (self, NULL);
}

static void
on_shift_activate (TmProfessionsDialog *self)
{
  store_shift (self);
}

static void
on_shift_focus_leave (GtkEventControllerFocus *controller,
                      TmProfessionsDialog     *self)
{
  store_shift (self);
}

static void
on_unit_selected (TmProfessionsDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_drop_down);

  if (self->units == NULL || selected >= g_strv_length (self->units))
    return;
  g_free (self->unit);
  self->unit = g_strdup (self->units[selected]);
  refresh_staffing (self);
}

static void
set_column_factory (TmProfessionsDialog *self,
                    GtkColumnViewColumn *column,
                    CellKind             kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "tm-kind", GINT_TO_POINTER (kind));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), self);
  gtk_column_view_column_set_factory (column, factory);
}

static TmProfession *
add_profession (TmProfessionsDialog *self)
{
  g_autoptr(GError) error = NULL;
  GListModel *professions = tm_portfolio_get_professions (self->portfolio);
  TmProfession *profession;
  guint n;

  profession = tm_portfolio_add_profession (self->portfolio, _("New profession"), "",
                                            FALSE, FALSE, &error);
  if (profession == NULL)
    {
      show_error (self, error->message);
      return NULL;
    }
  show_error (self, NULL);

  /* Its row may be bound already (while the model announced it), or only once
   * it is scrolled into view. */
  if (g_hash_table_contains (self->name_entries, profession))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_entry_cb,
                     g_object_ref (g_hash_table_lookup (self->name_entries, profession)),
                     g_object_unref);
  else
    self->pending_focus = profession;

  n = g_list_model_get_n_items (professions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) item = g_list_model_get_item (professions, i);

      if (item == profession)
        {
          tm_gui_scroll_column_view (self->column_view, i);
          break;
        }
    }

  return profession;
}

static void
on_add_clicked (TmProfessionsDialog *self)
{
  add_profession (self);
}

/* Escape or Close while typing a name: store what was typed. */
static gboolean
tm_professions_dialog_close_request (GtkWindow *window)
{
  TmProfessionsDialog *self = TM_PROFESSIONS_DIALOG (window);
  GtkWidget *focus = gtk_window_get_focus (window);
  GtkWidget *entry = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;

  if (entry != NULL && get_cell_profession (entry) != NULL)
    store_cell (self, entry);
  else if (entry != NULL && g_object_get_data (G_OBJECT (entry), "tm-cell") != NULL)
    store_cell (self, g_object_get_data (G_OBJECT (entry), "tm-cell"));
  else if (entry == GTK_WIDGET (self->shift_entry))
    store_shift (self);

  return GTK_WINDOW_CLASS (tm_professions_dialog_parent_class)->close_request (window);
}

static void
tm_professions_dialog_dispose (GObject *object)
{
  TmProfessionsDialog *self = TM_PROFESSIONS_DIALOG (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  self->pending_focus = NULL;
  g_clear_pointer (&self->name_entries, g_hash_table_unref);
  if (self->portfolio != NULL)
    g_clear_signal_handler (&self->staffing_changed_id, self->portfolio);
  g_clear_pointer (&self->staffing_cells, g_ptr_array_unref);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->units, g_strfreev);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_PROFESSIONS_DIALOG);

  g_clear_object (&self->portfolio);

  G_OBJECT_CLASS (tm_professions_dialog_parent_class)->dispose (object);
}

static void
tm_professions_dialog_class_init (TmProfessionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tm_professions_dialog_dispose;
  window_class->close_request = tm_professions_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/taskmap/Taskmap/ui/tm-professions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, name_column);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, name_en_column);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, authorised_column);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, unskilled_column);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, shown_column);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, fte_column);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, hours_column);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, unit_label);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, unit_drop_down);
  gtk_widget_class_bind_template_child (widget_class, TmProfessionsDialog, shift_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_shift_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_selected);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_professions_dialog_init (TmProfessionsDialog *self)
{
  GtkEventController *controller;

  self->name_entries = g_hash_table_new (NULL, NULL);
  self->staffing_cells = g_ptr_array_new ();
  self->unit = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_shift_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->shift_entry), controller);
  set_column_factory (self, self->fte_column, CELL_FTE);
  set_column_factory (self, self->hours_column, CELL_HOURS);

  set_column_factory (self, self->name_column, CELL_NAME);
  set_column_factory (self, self->name_en_column, CELL_NAME_EN);
  set_column_factory (self, self->authorised_column, CELL_AUTHORISED);
  set_column_factory (self, self->unskilled_column, CELL_UNSKILLED);
  set_column_factory (self, self->shown_column, CELL_SHOWN);
}

static void
set_portfolio (TmProfessionsDialog *self,
               TmPortfolio         *portfolio)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *explanation = NULL;

  self->portfolio = g_object_ref (portfolio);
  self->staffing_changed_id = g_signal_connect_swapped (portfolio, "staffing-changed",
                                                        G_CALLBACK (refresh_staffing), self);

  /* Translators: %s is a country, e.g. "Denmark" */
  explanation = g_strdup_printf (_("The professions of %s are listed. Hide those your unit does "
                                   "not have; ids stay the same, so exports and merges still match. "
                                   "Enter each profession's staffing in FTE and the weekly hours of one "
                                   "FTE: the analysis measures what moves against that working time. "
                                   "Leave it empty where it is not known."),
                                 tm_country_get_label (tm_portfolio_get_country (portfolio)));
  gtk_label_set_label (self->explanation_label, explanation);

  /* A region keeps each unit's staffing: choose whose to show. */
  {
    g_auto(GStrv) units = tm_portfolio_dup_units (portfolio);
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
    g_auto(GStrv) label_strv = NULL;
    const char *own = tm_portfolio_get_unit_name (portfolio);

    g_strv_builder_add (builder, "");
    g_strv_builder_add (labels, *own != '\0' ? own : _("This unit"));
    for (guint i = 0; units[i] != NULL; i++)
      {
        g_strv_builder_add (builder, units[i]);
        g_strv_builder_add (labels, units[i]);
      }
    self->units = g_strv_builder_end (builder);
    label_strv = g_strv_builder_end (labels);
    gtk_drop_down_set_model (self->unit_drop_down,
                             G_LIST_MODEL (gtk_string_list_new ((const char * const *) label_strv)));
    gtk_widget_set_visible (GTK_WIDGET (self->unit_drop_down), units[0] != NULL);
    gtk_widget_set_visible (GTK_WIDGET (self->unit_label), units[0] != NULL);
  }

  selection = gtk_no_selection_new (g_object_ref (tm_portfolio_get_professions (portfolio)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  refresh_staffing (self);
}

TmProfessionsDialog *
_tm_professions_dialog_present (GtkWindow   *parent,
                                TmPortfolio *portfolio)
{
  TmProfessionsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  self = tm_gui_new_dialog (TM_TYPE_PROFESSIONS_DIALOG, parent);
  set_portfolio (self, portfolio);

  gtk_window_present (GTK_WINDOW (self));
  /* Not the first name entry: a keystroke would replace that name. */
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));

  return self;
}

void
tm_professions_dialog_present (GtkWindow   *parent,
                               TmPortfolio *portfolio)
{
  _tm_professions_dialog_present (parent, portfolio);
}

TmProfession *
_tm_professions_dialog_add (TmProfessionsDialog *self)
{
  g_return_val_if_fail (TM_IS_PROFESSIONS_DIALOG (self), NULL);

  return add_profession (self);
}
