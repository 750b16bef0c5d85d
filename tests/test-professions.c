/* test-professions.c
 * Tests of the reference professions and of user-defined ones.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-professions"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "tm-core.h"
#include "tm-test-util.h"

static const TmProfessionRef *
find_ref (TmCountry   country,
          const char *id)
{
  guint n = 0;
  const TmProfessionRef *refs = tm_profession_ref_list (country, &n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (refs[i].id, id))
      return &refs[i];

  return NULL;
}

static const TmProfessionRef *
get_ref (TmCountry   country,
         const char *id)
{
  const TmProfessionRef *ref = find_ref (country, id);

  if (ref == NULL)
    g_error ("No '%s' in the reference list of %s", id, tm_country_to_id (country));

  return ref;
}

static void
test_ref_lists (void)
{
  for (guint c = 0; c < TM_N_COUNTRIES; c++)
    {
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
      guint n = 0;
      const TmProfessionRef *refs = tm_profession_ref_list ((TmCountry) c, &n);

      g_test_message ("%s: %u professions", tm_country_to_id ((TmCountry) c), n);
      g_assert_nonnull (refs);
      g_assert_cmpuint (n, >, 5);

      for (guint i = 0; i < n; i++)
        {
          const TmProfessionRef *ref = &refs[i];

          g_assert_nonnull (ref->id);
          g_assert_cmpstr (ref->id, !=, "");
          /* Ids are stable keys in files. */
          for (const char *p = ref->id; *p; p++)
            g_assert_true (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-');
          g_assert_false (g_hash_table_contains (ids, ref->id));
          g_hash_table_add (ids, (gpointer) ref->id);

          g_assert_nonnull (ref->name);
          g_assert_cmpstr (ref->name, !=, "");
          g_assert_true (g_utf8_validate (ref->name, -1, NULL));
          g_assert_false (g_hash_table_contains (names, ref->name));
          g_hash_table_add (names, (gpointer) ref->name);
          g_assert_nonnull (ref->name_en);
          g_assert_cmpstr (ref->name_en, !=, "");

          /* An unskilled group is never an authorised health profession. */
          if (ref->unskilled)
            g_assert_false (ref->authorised);
        }

      /* The unskilled groups the brief names. */
      {
        const TmProfessionRef *runner = get_ref ((TmCountry) c, "runner");

        g_assert_true (runner->unskilled);
        g_assert_false (runner->authorised);
      }

      /* Nurses and physicians are authorised in both countries. */
      g_assert_true (get_ref ((TmCountry) c, "nurse")->authorised);
      g_assert_false (get_ref ((TmCountry) c, "nurse")->unskilled);
      g_assert_true (get_ref ((TmCountry) c, "physician")->authorised);
    }

  g_assert_cmpstr (get_ref (TM_COUNTRY_DK, "nurse")->name, ==, "Sygeplejerske");
  g_assert_cmpstr (get_ref (TM_COUNTRY_NO, "nurse")->name, ==, "Sykepleier");
  g_assert_cmpstr (get_ref (TM_COUNTRY_DK, "physician")->name, ==, "L\xc3\xa6ge");
  g_assert_cmpstr (get_ref (TM_COUNTRY_NO, "physician")->name, ==, "Lege");
}

static void
check_portfolio_has_refs (TmCountry   country,
                          const char *nurse_name)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (country, "Afsnit");
  GListModel *model = tm_portfolio_get_professions (portfolio);
  guint n = 0;
  const TmProfessionRef *refs = tm_profession_ref_list (country, &n);
  TmProfession *nurse;

  g_assert_true (g_list_model_get_item_type (model) == TM_TYPE_PROFESSION);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* The reference list, in its order, with its flags. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (model, i);

      g_assert_cmpstr (tm_profession_get_id (p), ==, refs[i].id);
      g_assert_cmpstr (tm_profession_get_name (p), ==, refs[i].name);
      g_assert_cmpstr (tm_profession_get_name_en (p), ==, refs[i].name_en);
      g_assert_cmpint (tm_profession_get_authorised (p), ==, refs[i].authorised);
      g_assert_cmpint (tm_profession_get_unskilled (p), ==, refs[i].unskilled);
      g_assert_true (tm_profession_get_builtin (p));
      g_assert_false (tm_profession_get_hidden (p));
      g_assert_true (tm_portfolio_lookup_profession (portfolio, refs[i].id) == p);
    }

  nurse = tm_portfolio_lookup_profession (portfolio, "nurse");
  g_assert_nonnull (nurse);
  g_assert_cmpstr (tm_profession_get_name (nurse), ==, nurse_name);
  g_assert_true (tm_profession_get_authorised (nurse));
  g_assert_false (tm_profession_get_unskilled (nurse));

  {
    TmProfession *runner = tm_portfolio_lookup_profession (portfolio, "runner");
    gboolean unskilled = FALSE, authorised = TRUE;

    g_assert_nonnull (runner);
    g_object_get (runner, "unskilled", &unskilled, "authorised", &authorised, NULL);
    g_assert_true (unskilled);
    g_assert_false (authorised);
  }

  g_assert_null (tm_portfolio_lookup_profession (portfolio, "no-such-profession"));
  g_assert_null (tm_portfolio_lookup_profession (portfolio, ""));
}

static void
test_portfolio_dk (void)
{
  check_portfolio_has_refs (TM_COUNTRY_DK, "Sygeplejerske");
}

static void
test_portfolio_no (void)
{
  check_portfolio_has_refs (TM_COUNTRY_NO, "Sykepleier");
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_added)
{
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (position + added, <=, g_list_model_get_n_items (model));
  *n_added += added;
}

static void
test_add (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  GListModel *model = tm_portfolio_get_professions (portfolio);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  guint n_before = g_list_model_get_n_items (model);
  guint n_added = 0;
  TmProfession *added[4];
  static const char *names[][2] = {
    { "Klinisk vejleder", "Clinical supervisor" },
    { "Klinisk vejleder", "Clinical supervisor" },  /* the same name twice */
    { "nurse", "nurse" },                           /* a name that looks like an id */
    { "Sygeplejerske", "Registered nurse" },        /* a reference profession's name */
  };

  for (guint i = 0; i < n_before; i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (model, i);
      g_hash_table_add (ids, g_strdup (tm_profession_get_id (p)));
    }

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), &n_added);

  for (guint i = 0; i < G_N_ELEMENTS (added); i++)
    {
      const char *id;

      added[i] = tm_portfolio_add_profession (portfolio, names[i][0], names[i][1],
                                              i % 2 == 0, i == 1, &error);
      g_assert_no_error (error);
      g_assert_nonnull (added[i]);

      id = tm_profession_get_id (added[i]);
      g_test_message ("added '%s' as %s", names[i][0], id);
      g_assert_nonnull (id);
      g_assert_cmpstr (id, !=, "");
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, g_strdup (id));

      g_assert_cmpstr (tm_profession_get_name (added[i]), ==, names[i][0]);
      g_assert_cmpstr (tm_profession_get_name_en (added[i]), ==, names[i][1]);
      g_assert_cmpint (tm_profession_get_authorised (added[i]), ==, i % 2 == 0);
      g_assert_cmpint (tm_profession_get_unskilled (added[i]), ==, i == 1);
      g_assert_false (tm_profession_get_builtin (added[i]));
      g_assert_false (tm_profession_get_hidden (added[i]));
      g_assert_true (tm_portfolio_lookup_profession (portfolio, id) == added[i]);
    }

  g_assert_cmpuint (n_added, ==, G_N_ELEMENTS (added));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_before + G_N_ELEMENTS (added));

  /* The reference nurse is still the reference nurse. */
  g_assert_cmpstr (tm_profession_get_name (tm_portfolio_lookup_profession (portfolio, "nurse")), ==,
                   "Sygeplejerske");
  g_assert_true (tm_profession_get_builtin (tm_portfolio_lookup_profession (portfolio, "nurse")));

  /* An added profession performs tasks like a reference one. */
  {
    g_autoptr(TmTaskData) data = tm_task_data_new ();
    TmTask *task;

    g_free (data->title);
    data->title = g_strdup ("Vejledning");
    tm_task_data_set_performer (data, tm_profession_get_id (added[0]), 100);
    task = tm_portfolio_add_task (portfolio, data, &error);
    g_assert_no_error (error);
    /* Under the name the session shows (English here, when it has one). */
    g_assert_nonnull (strstr (tm_task_get_performed_by (task), tm_profession_get_display_name (added[0])));
  }
}

static void
test_add_invalid (void)
{
  g_autoptr(TmPortfolio) portfolio = tm_test_new_portfolio (TM_COUNTRY_DK, "Afsnit");
  guint n = g_list_model_get_n_items (tm_portfolio_get_professions (portfolio));
  static const char *bad[] = { "", "   " };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (tm_portfolio_add_profession (portfolio, bad[i], "English", FALSE, FALSE, &error));
      g_assert_nonnull (error);
    }

  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_professions (portfolio)), ==, n);
  g_assert_false (tm_portfolio_can_undo (portfolio));
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_rename_hide (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-test-professions-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "professions.taskmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) task_notified = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *custom_id = NULL;
  g_autofree char *task_uuid = NULL;
  TmPortfolio *portfolio;
  TmProfession *nurse;
  TmProfession *runner;
  TmProfession *custom;
  TmTask *task;
  guint n;

  g_assert_no_error (error);
  portfolio = tm_portfolio_create (file, TM_COUNTRY_DK, "Afsnit", &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (tm_portfolio_get_professions (portfolio));

  custom = tm_portfolio_add_profession (portfolio, "Klinisk vejleder", "Clinical supervisor",
                                        TRUE, FALSE, &error);
  g_assert_no_error (error);
  custom_id = g_strdup (tm_profession_get_id (custom));

  /* A task performed by the nurse and the runner. */
  {
    g_autoptr(TmTaskData) data = tm_task_data_new ();

    g_free (data->title);
    data->title = g_strdup ("Opfyldning af medicinvogne");
    tm_task_data_set_performer (data, "nurse", 80);
    tm_task_data_set_performer (data, "runner", 20);
    task = tm_portfolio_add_task (portfolio, data, &error);
    g_assert_no_error (error);
    task_uuid = g_strdup (tm_task_get_uuid (task));
  }
  /* The list speaks the session's language: English here. */
  g_assert_nonnull (strstr (tm_task_get_performed_by (task), "Registered nurse"));

  /* Rename the nurse: properties notify, the task's "performed-by" follows. */
  nurse = tm_portfolio_lookup_profession (portfolio, "nurse");
  g_signal_connect (nurse, "notify", G_CALLBACK (on_notify), notified);
  g_signal_connect (task, "notify", G_CALLBACK (on_notify), task_notified);
  g_assert_true (tm_portfolio_update_profession (portfolio, nurse, "Koordinerende sygeplejerske",
                                                 "Coordinating nurse", TRUE, FALSE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (tm_test_names_contain (notified, "name"));
  g_assert_true (tm_test_names_contain (notified, "name-en"));
  g_assert_false (tm_test_names_contain (notified, "hidden"));
  g_assert_false (tm_test_names_contain (notified, "id"));
  g_assert_cmpstr (tm_profession_get_id (nurse), ==, "nurse");
  g_assert_cmpstr (tm_profession_get_name (nurse), ==, "Koordinerende sygeplejerske");
  g_assert_true (tm_portfolio_lookup_profession (portfolio, "nurse") == nurse);
  g_assert_true (tm_test_names_contain (task_notified, "performed-by"));
  g_assert_nonnull (strstr (tm_task_get_performed_by (task), "Coordinating nurse"));

  /* Hide the runner: still in the model, still performing the task. */
  g_ptr_array_set_size (notified, 0);
  runner = tm_portfolio_lookup_profession (portfolio, "runner");
  g_signal_connect (runner, "notify", G_CALLBACK (on_notify), notified);
  g_assert_true (tm_portfolio_update_profession (portfolio, runner, tm_profession_get_name (runner),
                                                 tm_profession_get_name_en (runner),
                                                 tm_profession_get_authorised (runner),
                                                 tm_profession_get_unskilled (runner), TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (tm_profession_get_hidden (runner));
  g_assert_true (tm_test_names_contain (notified, "hidden"));
  g_assert_false (tm_test_names_contain (notified, "name"));
  g_assert_cmpuint (g_list_model_get_n_items (tm_portfolio_get_professions (portfolio)), ==, n + 1);
  g_assert_cmpuint (tm_task_peek_data (task)->performers->len, ==, 2);

  /* Re-flag the custom profession. */
  g_assert_true (tm_portfolio_update_profession (portfolio, custom, "Klinisk underviser", "Clinical teacher",
                                                 FALSE, TRUE, FALSE, &error));
  g_assert_no_error (error);

  /* An empty name is refused and changes nothing. */
  {
    g_autoptr(GError) name_error = NULL;

    g_assert_false (tm_portfolio_update_profession (portfolio, custom, "  ", "Clinical teacher",
                                                    FALSE, TRUE, FALSE, &name_error));
    g_assert_nonnull (name_error);
    g_assert_cmpstr (tm_profession_get_name (custom), ==, "Klinisk underviser");
  }

  /* Undo the re-flag: it is an edit like any other. */
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tm_profession_get_name (custom), ==, "Klinisk vejleder");
  g_assert_true (tm_profession_get_authorised (custom));
  g_assert_false (tm_profession_get_unskilled (custom));
  g_assert_true (tm_portfolio_redo (portfolio, &error));
  g_assert_no_error (error);

  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);

  /* Everything persisted. */
  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  nurse = tm_portfolio_lookup_profession (portfolio, "nurse");
  g_assert_cmpstr (tm_profession_get_name (nurse), ==, "Koordinerende sygeplejerske");
  g_assert_cmpstr (tm_profession_get_name_en (nurse), ==, "Coordinating nurse");
  g_assert_true (tm_profession_get_builtin (nurse));
  runner = tm_portfolio_lookup_profession (portfolio, "runner");
  g_assert_true (tm_profession_get_hidden (runner));
  custom = tm_portfolio_lookup_profession (portfolio, custom_id);
  g_assert_nonnull (custom);
  g_assert_cmpstr (tm_profession_get_name (custom), ==, "Klinisk underviser");
  g_assert_cmpstr (tm_profession_get_name_en (custom), ==, "Clinical teacher");
  g_assert_false (tm_profession_get_authorised (custom));
  g_assert_true (tm_profession_get_unskilled (custom));
  g_assert_false (tm_profession_get_builtin (custom));
  task = tm_portfolio_lookup_task (portfolio, task_uuid);
  g_assert_nonnull (task);
  g_assert_nonnull (strstr (tm_task_get_performed_by (task), "Coordinating nurse"));

  /* A profession added after reopening gets yet another id. */
  {
    TmProfession *another = tm_portfolio_add_profession (portfolio, "Klinisk vejleder", "Clinical supervisor",
                                                         FALSE, FALSE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (another);
    g_assert_cmpstr (tm_profession_get_id (another), !=, custom_id);
    for (guint i = 0; i < g_list_model_get_n_items (tm_portfolio_get_professions (portfolio)); i++)
      {
        g_autoptr(TmProfession) p = g_list_model_get_item (tm_portfolio_get_professions (portfolio), i);

        if (p != another)
          g_assert_cmpstr (tm_profession_get_id (p), !=, tm_profession_get_id (another));
      }
  }

  /* Undo of the rename of the nurse is gone with the old session, but a new rename undoes. */
  g_assert_true (tm_portfolio_update_profession (portfolio, nurse, "Sygeplejerske", "Registered nurse",
                                                 TRUE, FALSE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (tm_task_get_performed_by (task), "Registered nurse"));
  g_assert_true (tm_portfolio_undo (portfolio, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (tm_profession_get_name (nurse), ==, "Koordinerende sygeplejerske");
  g_assert_nonnull (strstr (tm_task_get_performed_by (task), "Coordinating nurse"));

  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);
  tm_test_rm_rf (dir);
}

static void
test_added_persist (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("taskmap-test-professions-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "added.taskmap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  TmPortfolio *portfolio;
  GListModel *model;

  g_assert_no_error (error);
  portfolio = tm_portfolio_create (file, TM_COUNTRY_NO, "Post", &error);
  g_assert_no_error (error);
  tm_portfolio_add_profession (portfolio, "Milj\xc3\xb8terapeut", "Milieu therapist", TRUE, FALSE, &error);
  g_assert_no_error (error);
  tm_portfolio_add_profession (portfolio, "Assistent \xf0\x9f\xa7\xb9", "Assistant", FALSE, TRUE, &error);
  g_assert_no_error (error);

  model = tm_portfolio_get_professions (portfolio);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (model, i);
      g_ptr_array_add (ids, g_strdup (tm_profession_get_id (p)));
    }
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);

  /* Same professions, same ids, same order. */
  portfolio = tm_portfolio_open (file, &error);
  g_assert_no_error (error);
  model = tm_portfolio_get_professions (portfolio);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TmProfession) p = g_list_model_get_item (model, i);
      g_assert_cmpstr (tm_profession_get_id (p), ==, g_ptr_array_index (ids, i));
    }
  {
    TmProfession *p = tm_portfolio_lookup_profession (portfolio, g_ptr_array_index (ids, ids->len - 1));

    g_assert_cmpstr (tm_profession_get_name (p), ==, "Assistent \xf0\x9f\xa7\xb9");
    g_assert_true (tm_profession_get_unskilled (p));
    g_assert_false (tm_profession_get_builtin (p));
  }
  tm_portfolio_close (portfolio);
  g_object_unref (portfolio);
  tm_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  tm_test_init (&argc, &argv);

  g_test_add_func ("/core/professions/ref-lists", test_ref_lists);
  g_test_add_func ("/core/professions/portfolio-dk", test_portfolio_dk);
  g_test_add_func ("/core/professions/portfolio-no", test_portfolio_no);
  g_test_add_func ("/core/professions/add", test_add);
  g_test_add_func ("/core/professions/add-invalid", test_add_invalid);
  g_test_add_func ("/core/professions/rename-hide", test_rename_hide);
  g_test_add_func ("/core/professions/added-persist", test_added_persist);

  return g_test_run ();
}
