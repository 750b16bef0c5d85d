/* tm-profession.c
 * A profession or staff group that performs, or could perform, tasks.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-profession"

#include "config.h"

#include "model/tm-task-private.h"
#include "model/tm-language.h"

struct _TmProfession
{
  GObject parent_instance;

  /* Owned */
  char *id;
  char *name;
  char *name_en;

  guint authorised : 1;
  guint unskilled : 1;
  guint hidden : 1;
  guint builtin : 1;
};

G_DEFINE_FINAL_TYPE (TmProfession, tm_profession, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_NAME_EN,
  PROP_AUTHORISED,
  PROP_UNSKILLED,
  PROP_HIDDEN,
  PROP_BUILTIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tm_profession_finalize (GObject *object)
{
  TmProfession *self = (TmProfession *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->name_en, g_free);

  G_OBJECT_CLASS (tm_profession_parent_class)->finalize (object);
}

static void
tm_profession_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TmProfession *self = TM_PROFESSION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_NAME_EN: g_value_set_string (value, self->name_en); break;
    case PROP_AUTHORISED: g_value_set_boolean (value, self->authorised); break;
    case PROP_UNSKILLED: g_value_set_boolean (value, self->unskilled); break;
    case PROP_HIDDEN: g_value_set_boolean (value, self->hidden); break;
    case PROP_BUILTIN: g_value_set_boolean (value, self->builtin); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_profession_class_init (TmProfessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tm_profession_finalize;
  object_class->get_property = tm_profession_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_NAME_EN] = g_param_spec_string ("name-en", NULL, NULL, NULL, flags);
  properties[PROP_AUTHORISED] = g_param_spec_boolean ("authorised", NULL, NULL, FALSE, flags);
  properties[PROP_UNSKILLED] = g_param_spec_boolean ("unskilled", NULL, NULL, FALSE, flags);
  properties[PROP_HIDDEN] = g_param_spec_boolean ("hidden", NULL, NULL, FALSE, flags);
  properties[PROP_BUILTIN] = g_param_spec_boolean ("builtin", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tm_profession_init (TmProfession *self)
{
}

TmProfessionState *
_tm_profession_state_new (TmProfession *profession)
{
  TmProfessionState *state = g_new0 (TmProfessionState, 1);

  state->id = g_strdup (tm_profession_get_id (profession));
  state->name = g_strdup (tm_profession_get_name (profession));
  state->name_en = g_strdup (tm_profession_get_name_en (profession));
  state->authorised = tm_profession_get_authorised (profession);
  state->unskilled = tm_profession_get_unskilled (profession);
  state->hidden = tm_profession_get_hidden (profession);
  state->builtin = tm_profession_get_builtin (profession);
  return state;
}

void
_tm_profession_state_free (TmProfessionState *state)
{
  if (state == NULL)
    return;
  g_free (state->id);
  g_free (state->name);
  g_free (state->name_en);
  g_free (state);
}

TmProfession *
_tm_profession_new (const char *id,
                    const char *name,
                    const char *name_en,
                    gboolean    authorised,
                    gboolean    unskilled,
                    gboolean    hidden,
                    gboolean    builtin)
{
  TmProfession *self = g_object_new (TM_TYPE_PROFESSION, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name ? name : "");
  self->name_en = g_strdup (name_en ? name_en : "");
  self->authorised = !!authorised;
  self->unskilled = !!unskilled;
  self->hidden = !!hidden;
  self->builtin = !!builtin;
  return self;
}

static void
set_string (TmProfession  *self,
            char         **field,
            const char    *value,
            guint          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_tm_profession_set (TmProfession *self,
                    const char   *name,
                    const char   *name_en,
                    gboolean      authorised,
                    gboolean      unskilled,
                    gboolean      hidden)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->name, name, PROP_NAME);
  set_string (self, &self->name_en, name_en, PROP_NAME_EN);
#define SET_FLAG(field, value, prop) \
  if (self->field != !!(value)) { self->field = !!(value); \
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); }
  SET_FLAG (authorised, authorised, PROP_AUTHORISED);
  SET_FLAG (unskilled, unskilled, PROP_UNSKILLED);
  SET_FLAG (hidden, hidden, PROP_HIDDEN);
#undef SET_FLAG
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
tm_profession_get_id (TmProfession *self)
{
  g_return_val_if_fail (TM_IS_PROFESSION (self), NULL);
  return self->id;
}

const char *
tm_profession_get_name (TmProfession *self)
{
  g_return_val_if_fail (TM_IS_PROFESSION (self), NULL);
  return self->name;
}

const char *
tm_profession_get_display_name (TmProfession *self)
{
  g_return_val_if_fail (TM_IS_PROFESSION (self), NULL);

  if (self->name_en != NULL && *self->name_en != '\0' &&
      g_str_equal (tm_language_get_current (), "en"))
    return self->name_en;
  return self->name;
}

const char *
tm_profession_get_name_en (TmProfession *self)
{
  g_return_val_if_fail (TM_IS_PROFESSION (self), NULL);
  return self->name_en;
}

gboolean
tm_profession_get_authorised (TmProfession *self)
{
  g_return_val_if_fail (TM_IS_PROFESSION (self), FALSE);
  return self->authorised;
}

gboolean
tm_profession_get_unskilled (TmProfession *self)
{
  g_return_val_if_fail (TM_IS_PROFESSION (self), FALSE);
  return self->unskilled;
}

gboolean
tm_profession_get_hidden (TmProfession *self)
{
  g_return_val_if_fail (TM_IS_PROFESSION (self), FALSE);
  return self->hidden;
}

gboolean
tm_profession_get_builtin (TmProfession *self)
{
  g_return_val_if_fail (TM_IS_PROFESSION (self), FALSE);
  return self->builtin;
}
