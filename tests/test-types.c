/* test-types.c
 * Tests of the shared enums: stable ids, labels and their translations.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-types"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "tm-core.h"
#include "tm-test-util.h"

/* One enum seen through function pointers, so every enum gets the same checks. */
typedef struct {
  const char  *name;
  guint        n_values;
  const char *(*to_id)      (guint value);
  gboolean    (*from_id)    (const char *id, guint *value);
  const char *(*get_label)  (guint value);
  guint       (*value_at)   (guint i);
} EnumInfo;

#define DEFINE_WRAPPERS(lower, Type)                                          \
  static const char *                                                         \
  lower##_to_id_w (guint value)                                               \
  {                                                                           \
    return tm_##lower##_to_id ((Type) value);                                 \
  }                                                                           \
  static gboolean                                                             \
  lower##_from_id_w (const char *id,                                          \
                     guint      *value)                                       \
  {                                                                           \
    Type v = (Type) 0;                                                        \
    gboolean ret = tm_##lower##_from_id (id, &v);                             \
    *value = (guint) v;                                                       \
    return ret;                                                               \
  }                                                                           \
  static const char *                                                         \
  lower##_get_label_w (guint value)                                           \
  {                                                                           \
    return tm_##lower##_get_label ((Type) value);                             \
  }

DEFINE_WRAPPERS (country, TmCountry)
DEFINE_WRAPPERS (setting, TmSetting)
DEFINE_WRAPPERS (level, TmLevel)
DEFINE_WRAPPERS (complexity, TmComplexity)
DEFINE_WRAPPERS (per, TmPer)
DEFINE_WRAPPERS (shift, TmShifts)

static guint
identity_at (guint i)
{
  return i;
}

static guint
shift_at (guint i)
{
  return 1u << i;
}

static const EnumInfo enums[] = {
  { "country", TM_N_COUNTRIES, country_to_id_w, country_from_id_w, country_get_label_w, identity_at },
  { "setting", TM_N_SETTINGS, setting_to_id_w, setting_from_id_w, setting_get_label_w, identity_at },
  { "level", TM_N_LEVELS, level_to_id_w, level_from_id_w, level_get_label_w, identity_at },
  { "complexity", TM_N_COMPLEXITIES, complexity_to_id_w, complexity_from_id_w, complexity_get_label_w, identity_at },
  { "per", TM_N_PERS, per_to_id_w, per_from_id_w, per_get_label_w, identity_at },
  { "shift", TM_N_SHIFTS, shift_to_id_w, shift_from_id_w, shift_get_label_w, shift_at },
};

static gboolean
is_stable_id (const char *id)
{
  /* Ids go into files and exports: plain ASCII, no blanks, nothing that
   * needs quoting in XML attributes or CSV cells. */
  if (id == NULL || *id == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        return FALSE;
    }

  return TRUE;
}

static void
test_ids_round_trip (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
    {
      const EnumInfo *info = &enums[e];
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < info->n_values; i++)
        {
          guint value = info->value_at (i);
          const char *id = info->to_id (value);
          guint back = G_MAXUINT;

          g_test_message ("%s %u -> %s", info->name, value, id ? id : "(null)");
          g_assert_nonnull (id);
          g_assert_true (is_stable_id (id));

          /* Distinct values need distinct ids, or a file cannot tell them apart. */
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, (gpointer) id);

          g_assert_true (info->from_id (id, &back));
          g_assert_cmpuint (back, ==, value);

          /* The same pointer or at least the same text every time. */
          g_assert_cmpstr (info->to_id (value), ==, id);
        }
    }
}

static void
test_ids_unknown (void)
{
  static const char *unknown[] = {
    "", "no-such-id", " ", "-1", "99", "\xc3\xa6\xc3\xb8\xc3\xa5",
  };

  for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
    {
      const EnumInfo *info = &enums[e];

      for (guint u = 0; u < G_N_ELEMENTS (unknown); u++)
        {
          guint value = 0;

          g_test_message ("%s: '%s'", info->name, unknown[u]);
          g_assert_false (info->from_id (unknown[u], &value));
        }

      /* A valid id with trailing junk or padding is not that id. */
      for (guint i = 0; i < info->n_values; i++)
        {
          const char *id = info->to_id (info->value_at (i));
          g_autofree char *padded = g_strdup_printf (" %s ", id);
          g_autofree char *suffixed = g_strdup_printf ("%sx", id);
          guint value = 0;

          g_assert_false (info->from_id (padded, &value));
          g_assert_false (info->from_id (suffixed, &value));
        }
    }
}

static void
test_labels (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
    {
      const EnumInfo *info = &enums[e];
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < info->n_values; i++)
        {
          guint value = info->value_at (i);
          const char *label = info->get_label (value);

          g_test_message ("%s %u: %s", info->name, value, label ? label : "(null)");
          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
          g_assert_true (g_utf8_validate (label, -1, NULL));
          /* Two values with one label could not be told apart in a drop-down. */
          g_assert_false (g_hash_table_contains (seen, label));
          g_hash_table_add (seen, (gpointer) label);
        }
    }

  for (guint i = 0; i < TM_N_LEVELS; i++)
    {
      const char *label = tm_level_get_short_label ((TmLevel) i);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      g_assert_true (g_utf8_validate (label, -1, NULL));
    }

  for (guint i = 0; i < TM_N_COUNTRIES; i++)
    {
      const char *label = tm_country_get_committee_label ((TmCountry) i);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
    }

  /* Denmark's MED committee is not Norway's AMU. */
  g_assert_cmpstr (tm_country_get_committee_label (TM_COUNTRY_DK), !=,
                   tm_country_get_committee_label (TM_COUNTRY_NO));

  /* The English source strings (LANG=C.UTF-8, no LANGUAGE in the test environment). */
  if (g_getenv ("LANGUAGE") == NULL || *g_getenv ("LANGUAGE") == '\0')
    g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), ==,
                     "Administrative tasks and incidental work");
}

/* Translations. The .mo files are built into $TASKMAP_LOCALEDIR by the po/
 * targets; until they exist and translate @msgid the check is skipped, unless
 * TASKMAP_REQUIRE_TRANSLATIONS=1 (CI) says they must be there. */
static gboolean
contains_bytes (const char *haystack,
                gsize       haystack_length,
                const char *needle,
                gsize       needle_length)
{
  for (gsize i = 0; i + needle_length <= haystack_length; i++)
    if (memcmp (haystack + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
have_translation (const char *lang,
                  const char *msgid)
{
  const char *localedir = g_getenv ("TASKMAP_LOCALEDIR");
  gboolean required = g_strcmp0 (g_getenv ("TASKMAP_REQUIRE_TRANSLATIONS"), "1") == 0;
  g_autofree char *mo = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (localedir != NULL)
    mo = g_build_filename (localedir, lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  /* A catalogue stores its msgids as plain NUL-terminated strings. */
  if (mo != NULL &&
      g_file_get_contents (mo, &contents, &length, NULL) &&
      contains_bytes (contents, length, msgid, strlen (msgid) + 1))
    return TRUE;

  if (required)
    {
      g_test_message ("TASKMAP_REQUIRE_TRANSLATIONS=1 but %s does not translate '%s'",
                      mo ? mo : "$TASKMAP_LOCALEDIR", msgid);
      return TRUE;  /* run the test anyway: it fails */
    }

  g_test_skip ("no translation built for this language yet");
  return FALSE;
}

static void
check_translated_level (const char *lang,
                        const char *expected_admin)
{
  if (g_test_subprocess ())
    {
      /* A fresh process: switch the language before the first gettext call. */
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", lang, TRUE);
      g_assert_nonnull (setlocale (LC_ALL, ""));

      g_assert_cmpstr (tm_level_get_label (TM_LEVEL_ADMIN), ==, expected_admin);

      /* Ids are never translated. */
      for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
        for (guint i = 0; i < enums[e].n_values; i++)
          {
            guint value = enums[e].value_at (i);
            guint back = G_MAXUINT;

            g_assert_true (is_stable_id (enums[e].to_id (value)));
            g_assert_true (enums[e].from_id (enums[e].to_id (value), &back));
            g_assert_cmpuint (back, ==, value);
          }

      return;
    }

  if (!have_translation (lang, "Administrative tasks and incidental work"))
    return;

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_labels_danish (void)
{
  check_translated_level ("da", "Administrative opgaver og forefaldende arbejde");
}

static void
test_labels_norwegian (void)
{
  check_translated_level ("nb", "Administrative oppgaver og forefallende arbeid");
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/types/ids-round-trip", test_ids_round_trip);
  g_test_add_func ("/core/types/ids-unknown", test_ids_unknown);
  g_test_add_func ("/core/types/labels", test_labels);
  g_test_add_func ("/core/types/labels-danish", test_labels_danish);
  g_test_add_func ("/core/types/labels-norwegian", test_labels_norwegian);

  return g_test_run ();
}
