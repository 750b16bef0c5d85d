/* tm-scenario-bar.c
 * Chooses the scenario the views show, and adds, copies, renames and
 * deletes scenarios.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-scenario-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-scenario-bar.h"

struct _TmScenarioBar
{
  GtkWidget parent_instance;

  /* Template widgets (built in code) */
  GtkWidget   *box;
  GtkDropDown *drop_down;
  GtkWidget   *label;
  GtkWidget   *menu_button;

  /* Owned */
  TmPortfolio *portfolio;
  char        *scenario_id;
  gboolean     updating;
};

G_DEFINE_FINAL_TYPE (TmScenarioBar, tm_scenario_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCENARIO_ID,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static TmScenario *
current_scenario (TmScenarioBar *self)
{
  if (self->portfolio == NULL)
    return NULL;
  return tm_portfolio_lookup_scenario (self->portfolio, self->scenario_id);
}

static void
set_scenario_id (TmScenarioBar *self,
                 const char    *id)
{
  if (g_strcmp0 (self->scenario_id, id) == 0)
    return;

  g_free (self->scenario_id);
  self->scenario_id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO_ID]);
}

/* Keeps the drop-down on the current scenario, or the first one when the
 * current one went away (deleted, or undone). */
static void
sync_selection (TmScenarioBar *self)
{
  GListModel *scenarios;
  guint n;

  if (self->portfolio == NULL)
    {
      set_scenario_id (self, NULL);
      return;
    }

  scenarios = tm_portfolio_get_scenarios (self->portfolio);
  n = g_list_model_get_n_items (scenarios);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmScenario) scenario = g_list_model_get_item (scenarios, i);

      if (g_strcmp0 (tm_scenario_get_id (scenario), self->scenario_id) == 0)
        {
          self->updating = TRUE;
          gtk_drop_down_set_selected (self->drop_down, i);
          self->updating = FALSE;
          return;
        }
    }

  if (n > 0)
    {
      g_autoptr(TmScenario) first = g_list_model_get_item (scenarios, 0);

      self->updating = TRUE;
      gtk_drop_down_set_selected (self->drop_down, 0);
      self->updating = FALSE;
      set_scenario_id (self, tm_scenario_get_id (first));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.delete", n > 1);
}

static void
on_scenarios_changed (TmScenarioBar *self)
{
  GListModel *scenarios = tm_portfolio_get_scenarios (self->portfolio);

  sync_selection (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scenario.delete",
                                 g_list_model_get_n_items (scenarios) > 1);
}

static void
on_selected_changed (TmScenarioBar *self)
{
  TmScenario *scenario;

  if (self->updating)
    return;

  scenario = gtk_drop_down_get_selected_item (self->drop_down);
  if (scenario != NULL)
    set_scenario_id (self, tm_scenario_get_id (scenario));
}

static void
report (TmScenarioBar *self,
        GError        *error)
{
  g_signal_emit (self, signals[ERROR], 0, error->message);
}

/* A small dialog that asks for a name. */
typedef void (*NameCallback) (TmScenarioBar *self,
                              const char    *name);

typedef struct {
  TmScenarioBar *self;
  NameCallback   callback;
  GtkWidget     *window;
  GtkEntry      *entry;
} NameRequest;

static void
name_request_done (NameRequest *request,
                   gboolean     accept)
{
  if (accept)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (request->entry))));

      if (*name == '\0')
        return;
      request->callback (request->self, name);
    }

  gtk_window_destroy (GTK_WINDOW (request->window));
}

static void
on_name_accept (NameRequest *request)
{
  name_request_done (request, TRUE);
}

static void
on_name_cancel (NameRequest *request)
{
  name_request_done (request, FALSE);
}

static void
on_name_changed (NameRequest *request)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (request->entry))));

  gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (request->window), "accept"), *name != '\0');
}

static void
ask_name (TmScenarioBar *self,
          const char    *title,
          const char    *accept_label,
          const char    *initial,
          NameCallback   callback)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  NameRequest *request = g_new0 (NameRequest, 1);
  GtkWidget *header, *cancel, *accept, *box, *label;

  request->self = self;
  request->callback = callback;
  request->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (request->window), title);
  gtk_window_set_modal (GTK_WINDOW (request->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (request->window), 380, -1);
  gtk_window_set_resizable (GTK_WINDOW (request->window), FALSE);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (request->window), GTK_WINDOW (root));
      gtk_window_set_destroy_with_parent (GTK_WINDOW (request->window), TRUE);
    }
  g_object_set_data_full (G_OBJECT (request->window), "request", request, g_free);

  header = gtk_header_bar_new ();
  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  accept = gtk_button_new_with_mnemonic (accept_label);
  gtk_widget_add_css_class (accept, "suggested-action");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), accept);
  gtk_window_set_titlebar (GTK_WINDOW (request->window), header);
  g_object_set_data (G_OBJECT (request->window), "accept", accept);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  label = gtk_label_new_with_mnemonic (_("_Name of the scenario"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  request->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (request->entry), initial ? initial : "");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (request->entry));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (request->entry));
  gtk_window_set_child (GTK_WINDOW (request->window), box);

  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_name_cancel), request);
  g_signal_connect_swapped (accept, "clicked", G_CALLBACK (on_name_accept), request);
  g_signal_connect_swapped (request->entry, "activate", G_CALLBACK (on_name_accept), request);
  g_signal_connect_swapped (request->entry, "changed", G_CALLBACK (on_name_changed), request);

  {
    GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
    GtkShortcut *escape = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                            gtk_named_action_new ("window.close"));

    gtk_shortcut_controller_add_shortcut (shortcuts, escape);
    gtk_widget_add_controller (request->window, GTK_EVENT_CONTROLLER (shortcuts));
  }

  on_name_changed (request);
  gtk_editable_select_region (GTK_EDITABLE (request->entry), 0, -1);
  gtk_window_present (GTK_WINDOW (request->window));
}

/* A scenario added (NULL: refused with @error, which is said and freed) is the one shown. */
static void
show_added (TmScenarioBar *self,
            TmScenario    *scenario,
            GError        *error)
{
  if (scenario == NULL)
    {
      report (self, error);
      g_error_free (error);
      return;
    }
  set_scenario_id (self, tm_scenario_get_id (scenario));
  sync_selection (self);
}

static void
do_add (TmScenarioBar *self,
        const char    *name)
{
  GError *error = NULL;
  TmScenario *scenario = tm_portfolio_add_scenario (self->portfolio, name, &error);

  show_added (self, scenario, error);
}

static void
do_copy (TmScenarioBar *self,
         const char    *name)
{
  GError *error = NULL;
  TmScenario *scenario = tm_portfolio_copy_scenario (self->portfolio, current_scenario (self),
                                                     name, &error);

  show_added (self, scenario, error);
}

static void
do_rename (TmScenarioBar *self,
           const char    *name)
{
  GError *error = NULL;

  if (!tm_portfolio_rename_scenario (self->portfolio, current_scenario (self), name, &error))
    {
      report (self, error);
      g_error_free (error);
    }
}

static char *
next_scenario_name (TmScenarioBar *self)
{
  guint n = g_list_model_get_n_items (tm_portfolio_get_scenarios (self->portfolio));

  /* Translators: the default name of a new scenario; %u is a number */
  return g_strdup_printf (_("Scenario %u"), n + 1);
}

static void
scenario_new_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  TmScenarioBar *self = TM_SCENARIO_BAR (widget);
  g_autofree char *name = NULL;

  if (self->portfolio == NULL)
    return;
  name = next_scenario_name (self);
  ask_name (self, _("New Scenario"), _("_Add"), name, do_add);
}

static void
scenario_copy_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TmScenarioBar *self = TM_SCENARIO_BAR (widget);
  TmScenario *scenario = current_scenario (self);
  g_autofree char *name = NULL;

  if (scenario == NULL)
    return;
  /* Translators: the default name of a copy; %s is the original scenario's name */
  name = g_strdup_printf (_("%s (copy)"), tm_scenario_get_name (scenario));
  ask_name (self, _("Copy Scenario"), _("_Copy"), name, do_copy);
}

static void
scenario_rename_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  TmScenarioBar *self = TM_SCENARIO_BAR (widget);
  TmScenario *scenario = current_scenario (self);

  if (scenario == NULL)
    return;
  ask_name (self, _("Rename Scenario"), _("_Rename"), tm_scenario_get_name (scenario), do_rename);
}

static void
scenario_delete_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  TmScenarioBar *self = TM_SCENARIO_BAR (widget);
  TmScenario *scenario = current_scenario (self);
  GError *error = NULL;

  /* Undoable, so no confirmation: Ctrl+Z brings it back with its moves. */
  if (scenario != NULL && !tm_portfolio_delete_scenario (self->portfolio, scenario, &error))
    {
      report (self, error);
      g_error_free (error);
    }
}

static void
tm_scenario_bar_dispose (GObject *object)
{
  TmScenarioBar *self = (TmScenarioBar *)object;

  tm_scenario_bar_set_portfolio (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (tm_scenario_bar_parent_class)->dispose (object);
}

static void
tm_scenario_bar_finalize (GObject *object)
{
  TmScenarioBar *self = (TmScenarioBar *)object;

  g_clear_pointer (&self->scenario_id, g_free);

  G_OBJECT_CLASS (tm_scenario_bar_parent_class)->finalize (object);
}

static void
tm_scenario_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TmScenarioBar *self = TM_SCENARIO_BAR (object);

  switch (prop_id)
    {
    case PROP_SCENARIO_ID:
      g_value_set_string (value, self->scenario_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_scenario_bar_class_init (TmScenarioBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_scenario_bar_dispose;
  object_class->finalize = tm_scenario_bar_finalize;
  object_class->get_property = tm_scenario_bar_get_property;

  properties[PROP_SCENARIO_ID] =
    g_param_spec_string ("scenario-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "scenario.new", NULL, scenario_new_action);
  gtk_widget_class_install_action (widget_class, "scenario.copy", NULL, scenario_copy_action);
  gtk_widget_class_install_action (widget_class, "scenario.rename", NULL, scenario_rename_action);
  gtk_widget_class_install_action (widget_class, "scenario.delete", NULL, scenario_delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scenariobar");
}

static void
setup_name_label (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
    }
  gtk_list_item_set_child (list_item, label);
}

static void
bind_name_label (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  TmScenario *scenario = gtk_list_item_get_item (list_item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), tm_scenario_get_name (scenario));
}

static void
tm_scenario_bar_init (TmScenarioBar *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkExpression *expression;
  GtkWidget *label;

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  label = gtk_label_new_with_mnemonic (_("Sc_enario"));
  self->label = label;
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (self->box), label);

  expression = gtk_property_expression_new (TM_TYPE_SCENARIO, NULL, "name");
  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (NULL, expression));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->drop_down));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenario"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->drop_down),
                               _("The scenario the matrix and the charts show, compared with today"));
  g_signal_connect_swapped (self->drop_down, "notify::selected",
                            G_CALLBACK (on_selected_changed), self);
  /* A long name is shortened on the button, so the bar fits a projector's
   * 1024 pixels; the list shows it whole. */
  {
    g_autoptr(GtkListItemFactory) button_factory = gtk_signal_list_item_factory_new ();
    g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (button_factory, "setup", G_CALLBACK (setup_name_label), GINT_TO_POINTER (TRUE));
    g_signal_connect (button_factory, "bind", G_CALLBACK (bind_name_label), NULL);
    g_signal_connect (list_factory, "setup", G_CALLBACK (setup_name_label), GINT_TO_POINTER (FALSE));
    g_signal_connect (list_factory, "bind", G_CALLBACK (bind_name_label), NULL);
    gtk_drop_down_set_factory (self->drop_down, button_factory);
    gtk_drop_down_set_list_factory (self->drop_down, list_factory);
  }
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->drop_down));

  g_menu_append (menu, _("_New Scenario…"), "scenario.new");
  g_menu_append (menu, _("_Copy Scenario…"), "scenario.copy");
  g_menu_append (menu, _("_Rename Scenario…"), "scenario.rename");
  g_menu_append (menu, _("_Delete Scenario"), "scenario.delete");
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->menu_button, _("Scenario Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenario Menu"), -1);
  gtk_box_append (GTK_BOX (self->box), self->menu_button);
}

GtkWidget *
tm_scenario_bar_new (void)
{
  return g_object_new (TM_TYPE_SCENARIO_BAR, NULL);
}

void
tm_scenario_bar_set_portfolio (TmScenarioBar *self,
                               TmPortfolio   *portfolio)
{
  g_return_if_fail (TM_IS_SCENARIO_BAR (self));

  if (self->portfolio == portfolio)
    return;

  if (self->portfolio != NULL)
    {
      g_signal_handlers_disconnect_by_data (tm_portfolio_get_scenarios (self->portfolio), self);
      g_clear_object (&self->portfolio);
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->drop_down, NULL);
  self->updating = FALSE;

  if (portfolio != NULL)
    {
      self->portfolio = g_object_ref (portfolio);
      self->updating = TRUE;
      gtk_drop_down_set_model (self->drop_down, tm_portfolio_get_scenarios (portfolio));
      self->updating = FALSE;
      g_signal_connect_swapped (tm_portfolio_get_scenarios (portfolio), "items-changed",
                                G_CALLBACK (on_scenarios_changed), self);
      g_clear_pointer (&self->scenario_id, g_free);
      on_scenarios_changed (self);
    }
  else
    set_scenario_id (self, NULL);
}

const char *
tm_scenario_bar_get_scenario_id (TmScenarioBar *self)
{
  g_return_val_if_fail (TM_IS_SCENARIO_BAR (self), NULL);
  return self->scenario_id;
}

void
tm_scenario_bar_set_scenario_id (TmScenarioBar *self,
                                 const char    *scenario_id)
{
  g_return_if_fail (TM_IS_SCENARIO_BAR (self));

  set_scenario_id (self, scenario_id);
  sync_selection (self);
}

void
tm_scenario_bar_set_compact (TmScenarioBar *self,
                             gboolean       compact)
{
  g_return_if_fail (TM_IS_SCENARIO_BAR (self));

  gtk_widget_set_visible (self->label, !compact);
  gtk_widget_set_visible (self->menu_button, !compact);
}
