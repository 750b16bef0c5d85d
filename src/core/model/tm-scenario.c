/* tm-scenario.c
 * A scenario: the set of chosen moves, compared with today.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-scenario"

#include "config.h"

#include "model/tm-scenario.h"
#include "model/tm-task-private.h"

struct _TmScenario
{
  GObject parent_instance;

  /* Owned */
  char *id;
  char *name;
};

G_DEFINE_FINAL_TYPE (TmScenario, tm_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tm_scenario_finalize (GObject *object)
{
  TmScenario *self = (TmScenario *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (tm_scenario_parent_class)->finalize (object);
}

static void
tm_scenario_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TmScenario *self = TM_SCENARIO (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_scenario_class_init (TmScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tm_scenario_finalize;
  object_class->get_property = tm_scenario_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tm_scenario_init (TmScenario *self)
{
}

TmScenario *
_tm_scenario_new (const char *id,
                  const char *name)
{
  TmScenario *self = g_object_new (TM_TYPE_SCENARIO, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : "");
  return self;
}

void
_tm_scenario_set_name (TmScenario *self,
                       const char *name)
{
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name ? name : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
tm_scenario_get_id (TmScenario *self)
{
  g_return_val_if_fail (TM_IS_SCENARIO (self), NULL);
  return self->id;
}

const char *
tm_scenario_get_name (TmScenario *self)
{
  g_return_val_if_fail (TM_IS_SCENARIO (self), NULL);
  return self->name;
}
