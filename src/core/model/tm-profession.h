/* tm-profession.h
 * A profession or staff group that performs, or could perform, tasks.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "model/tm-types.h"

G_BEGIN_DECLS

#define TM_TYPE_PROFESSION (tm_profession_get_type ())
G_DECLARE_FINAL_TYPE (TmProfession, tm_profession, TM, PROFESSION, GObject)

/* Read-only to the UI: change a profession through tm_portfolio_update_profession()
 * so the change is stored and can be undone. Properties: "id", "name", "name-en",
 * "authorised", "unskilled", "hidden", "builtin" (all notify on change). */
const char *tm_profession_get_id         (TmProfession *self);
const char *tm_profession_get_name       (TmProfession *self);
const char *tm_profession_get_name_en    (TmProfession *self);
/* The name to show: the English name when texts are shown in English
 * (tm_language_get_current()) and the profession has one, else the name. */
const char *tm_profession_get_display_name (TmProfession *self);
gboolean    tm_profession_get_authorised (TmProfession *self);
gboolean    tm_profession_get_unskilled  (TmProfession *self);
gboolean    tm_profession_get_hidden     (TmProfession *self);
/* TRUE for the professions of the country's reference list. */
gboolean    tm_profession_get_builtin    (TmProfession *self);

/* An entry of a country's reference list (BRIEF section 3). */
typedef struct {
  const char *id;         /* stable, e.g. "nurse"; the same id in both countries where the
                           * profession is the same */
  const char *name;       /* in the country's language */
  const char *name_en;    /* English */
  gboolean    authorised; /* authorised health profession in that country */
  gboolean    unskilled;  /* an unskilled staff group */
} TmProfessionRef;

/* The reference list of @country, in the order the UI shows it. */
const TmProfessionRef *tm_profession_ref_list (TmCountry  country,
                                               guint     *n_refs);

G_END_DECLS
