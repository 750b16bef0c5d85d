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

#include "tm-dialogs-private.h"
#include "tm-professions-dialog.h"

typedef enum {
  CELL_NAME,
  CELL_NAME_EN,
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
  GtkColumnViewColumn *authorised_column;
  GtkColumnViewColumn *unskilled_column;
  GtkColumnViewColumn *shown_column;
  GtkLabel            *error_label;

  /* Owned */
  TmPortfolio         *portfolio;

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

/* GTK 4.8 has no gtk_column_view_scroll_to(): the column view's inner list view has
 * the "list.scroll-to-item" action. */
static void
scroll_to_position (TmProfessionsDialog *self,
                    guint                position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        {
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
          return;
        }
    }
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
          scroll_to_position (self, i);
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
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tm_professions_dialog_init (TmProfessionsDialog *self)
{
  self->name_entries = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

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

  /* Translators: %s is a country, e.g. "Denmark" */
  explanation = g_strdup_printf (_("The professions of %s are listed. Hide those your unit does "
                                   "not have; ids stay the same, so exports and merges still match."),
                                 tm_country_get_label (tm_portfolio_get_country (portfolio)));
  gtk_label_set_label (self->explanation_label, explanation);

  selection = gtk_no_selection_new (g_object_ref (tm_portfolio_get_professions (portfolio)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
}

TmProfessionsDialog *
_tm_professions_dialog_present (GtkWindow   *parent,
                                TmPortfolio *portfolio)
{
  TmProfessionsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (TM_IS_PORTFOLIO (portfolio), NULL);

  self = g_object_new (TM_TYPE_PROFESSIONS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "destroy-with-parent", TRUE,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
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
