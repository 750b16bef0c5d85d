/* tm-store-sql.c
 * The portfolio's SQLite file: its schema and migrations, and reading and
 * writing the rows of every table.
 *
 * Copyright 2026 The Taskmap authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tm-portfolio"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include "model/tm-i18n-private.h"
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store/tm-portfolio.h"
#include "store/tm-portfolio-private.h"
#include "store/tm-store-private.h"
#include "model/tm-workshop-private.h"
#include "model/tm-task-private.h"
#include "model/tm-language.h"
#include "exchange/tm-atomic.h"

/* Schema version 1. Later versions add migrations to the table below. */
static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE professions ("
  "  id         TEXT PRIMARY KEY,"
  "  position   INTEGER NOT NULL,"
  "  name       TEXT NOT NULL,"
  "  name_en    TEXT NOT NULL DEFAULT '',"
  "  authorised INTEGER NOT NULL DEFAULT 0,"
  "  unskilled  INTEGER NOT NULL DEFAULT 0,"
  "  hidden     INTEGER NOT NULL DEFAULT 0,"
  "  builtin    INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE tasks ("
  "  uuid        TEXT PRIMARY KEY,"
  "  position    REAL NOT NULL,"
  "  title       TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  grp         TEXT NOT NULL DEFAULT '',"
  "  level       TEXT NOT NULL DEFAULT 'not-assessed',"
  "  complexity  TEXT NOT NULL DEFAULT 'not-assessed',"
  "  minutes     REAL,"
  "  occurrences REAL,"
  "  per         TEXT NOT NULL DEFAULT 'day',"
  "  shifts      INTEGER NOT NULL DEFAULT 0,"
  "  notes       TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX tasks_by_position ON tasks (position);"
  "CREATE TABLE performers ("
  "  task_uuid     TEXT NOT NULL REFERENCES tasks (uuid) ON DELETE CASCADE,"
  "  profession_id TEXT NOT NULL REFERENCES professions (id),"
  "  position      INTEGER NOT NULL,"
  "  share         REAL NOT NULL,"
  "  PRIMARY KEY (task_uuid, profession_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX performers_by_profession ON performers (profession_id);";

/* Version 2: assessments of candidate professions, scenarios and their moves. */
static const char schema_v2[] =
  "CREATE TABLE scenarios ("
  "  id       TEXT PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  name     TEXT NOT NULL"
  ");"
  "CREATE TABLE assessments ("
  "  task_uuid          TEXT NOT NULL REFERENCES tasks (uuid) ON DELETE CASCADE,"
  "  profession_id      TEXT NOT NULL REFERENCES professions (id),"
  "  position           INTEGER NOT NULL,"
  "  suitability        TEXT NOT NULL DEFAULT 'not-assessed',"
  "  complexity_limit   TEXT NOT NULL DEFAULT 'not-assessed',"
  "  share              REAL NOT NULL DEFAULT 100,"
  "  training           TEXT NOT NULL DEFAULT 'none',"
  "  training_days      REAL,"
  "  training_content   TEXT NOT NULL DEFAULT '',"
  "  documented_by_test INTEGER NOT NULL DEFAULT 0,"
  "  rationale          TEXT NOT NULL DEFAULT 'none',"
  "  purpose            TEXT NOT NULL DEFAULT '',"
  "  note               TEXT NOT NULL DEFAULT '',"
  "  PRIMARY KEY (task_uuid, profession_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE moves ("
  "  task_uuid     TEXT NOT NULL REFERENCES tasks (uuid) ON DELETE CASCADE,"
  "  scenario_id   TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,"
  "  kind          TEXT NOT NULL,"
  "  profession_id TEXT REFERENCES professions (id),"
  "  share         REAL NOT NULL DEFAULT 100,"
  "  PRIMARY KEY (task_uuid, scenario_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX moves_by_scenario ON moves (scenario_id);";

/* Version 3: the unit a task belongs to in a regional portfolio, and when it
 * last changed (for taking back a copy edited elsewhere). */
static const char schema_v3[] =
  "ALTER TABLE tasks ADD COLUMN unit TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE tasks ADD COLUMN modified INTEGER NOT NULL DEFAULT 0;";

/* Version 4: the assessment of each move against the principles (a
 * GVariant text per task and scenario), workshops, and the history of
 * changes. */
static const char schema_v4[] =
  "CREATE TABLE reviews ("
  "  task_uuid   TEXT NOT NULL REFERENCES tasks (uuid) ON DELETE CASCADE,"
  "  scenario_id TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,"
  "  position    INTEGER NOT NULL,"
  "  data        TEXT NOT NULL,"
  "  PRIMARY KEY (task_uuid, scenario_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE workshops ("
  "  id       TEXT PRIMARY KEY,"
  "  position INTEGER NOT NULL,"
  "  data     TEXT NOT NULL"
  ");"
  "CREATE TABLE history ("
  "  id            INTEGER PRIMARY KEY,"
  "  time          INTEGER NOT NULL,"
  "  who           TEXT NOT NULL,"
  "  task_uuid     TEXT NOT NULL,"
  "  task_title    TEXT NOT NULL,"
  "  scenario_id   TEXT NOT NULL,"
  "  profession_id TEXT NOT NULL,"
  "  field         TEXT NOT NULL,"
  "  old           TEXT NOT NULL,"
  "  new           TEXT NOT NULL"
  ");"
  "CREATE INDEX history_by_task ON history (task_uuid);";

/* Version 5: the staffing of each unit (the portfolio's own is unit ''):
 * FTE and hours per FTE per profession, and the length of a shift. NULL is
 * "not known". The language of the portfolio is a meta key. */
static const char schema_v5[] =
  "CREATE TABLE staffing_units ("
  "  unit        TEXT PRIMARY KEY,"
  "  shift_hours REAL"
  ") WITHOUT ROWID;"
  "CREATE TABLE staffing ("
  "  unit          TEXT NOT NULL,"
  "  profession_id TEXT NOT NULL REFERENCES professions (id),"
  "  position      INTEGER NOT NULL,"
  "  fte           REAL,"
  "  hours_per_fte REAL,"
  "  PRIMARY KEY (unit, profession_id)"
  ") WITHOUT ROWID;";

/* migrations[i] upgrades a file from user_version i to i + 1. */
static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TM_STORE_SCHEMA_VERSION);

void
_tm_store_set_sqlite_error (TmPortfolio  *self,
                            GError      **error,
                            int           rc)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int primary = rc & 0xff;

  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_LOCKED,
                 _("“%s” is open in another window or program. Close it there first."),
                 self->display_name);
  else if (primary == SQLITE_CORRUPT)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
                 _("“%s” is damaged and cannot be opened safely (%s)."),
                 self->display_name, detail);
  else if (primary == SQLITE_NOTADB)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_PORTFOLIO,
                 _("“%s” is not a Taskmap portfolio."), self->display_name);
  else if (primary == SQLITE_FULL)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                 _("Could not save to “%s”: the disk is full."), self->display_name);
  else if (primary == SQLITE_READONLY || primary == SQLITE_PERM || primary == SQLITE_CANTOPEN)
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                 _("Could not write to “%s”: %s."), self->display_name, detail);
  else
    g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_FAILED,
                 _("Could not read or write “%s”: %s."), self->display_name, detail);
}

gboolean
_tm_store_exec_sql (TmPortfolio  *self,
                    const char   *sql,
                    GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_tm_store_prepare (TmPortfolio  *self,
                   const char   *sql,
                   GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return NULL;
    }
  return stmt;
}

/* A statement of the write path, prepared once while the portfolio is open:
 * an import of many tasks would otherwise compile the same SQL for each.
 * Borrowed: reset and with its bindings cleared, never to be finalized.
 * @sql is a string literal, looked up by its address: hashing the text of
 * the statement cost more than running some of them. */
static sqlite3_stmt *
prepare_cached (TmPortfolio  *self,
                const char   *sql,
                GError      **error)
{
  sqlite3_stmt *stmt;

  if (self->statements == NULL)
    self->statements = g_hash_table_new_full (NULL, NULL, NULL,
                                              (GDestroyNotify) sqlite3_finalize);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = _tm_store_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_tm_store_step_done (TmPortfolio   *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Pragmas that return one value */
gboolean
_tm_store_query_int (TmPortfolio  *self,
                     const char   *sql,
                     gint64       *value,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tm_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* States */

/* Whether a row exists, as the running transaction sees it: a profession or
 * scenario added earlier in the same transaction counts. */
static gboolean
row_exists (TmPortfolio *self,
            const char  *sql,
            const char  *id)
{
  GHashTable *seen = NULL;
  sqlite3_stmt *stmt;
  gboolean found;

  /* Many tasks of one import name the same few professions and scenarios:
   * while the changes are written (_tm_store_begin_rows_seen()), a row once
   * found is remembered, per query, until a change of another kind than a
   * task's is written, which could remove it. */
  if (self->rows_seen != NULL)
    {
      seen = g_hash_table_lookup (self->rows_seen, sql);
      if (seen == NULL)
        {
          seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_hash_table_insert (self->rows_seen, (gpointer) sql, seen);
        }
      if (g_hash_table_contains (seen, id))
        return TRUE;
    }

  stmt = prepare_cached (self, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (found && seen != NULL)
    g_hash_table_add (seen, g_strdup (id));
  return found;
}

void
_tm_store_begin_rows_seen (TmPortfolio *self)
{
  g_clear_pointer (&self->rows_seen, g_hash_table_unref);
  /* The query's literal (its address, as prepare_cached()) → the ids found. */
  self->rows_seen = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
}

void
_tm_store_end_rows_seen (TmPortfolio *self)
{
  g_clear_pointer (&self->rows_seen, g_hash_table_unref);
}

#define PROFESSION_EXISTS "SELECT 1 FROM professions WHERE id = ?1"
#define SCENARIO_EXISTS   "SELECT 1 FROM scenarios WHERE id = ?1"

/* A review is kept as GVariant text: readable with any SQLite tool, and
 * parsed with a fixed type, so a damaged row is refused, not guessed at. */
#define REVIEW_TYPE "(a{s(ss)}a{s(ss)}asssssssssa(sxssu))"

static char *
review_serialize (const TmMoveReview *r)
{
  GVariantBuilder checks, quality, barriers, log;
  g_autoptr(GVariant) value = NULL;

  g_variant_builder_init (&checks, G_VARIANT_TYPE ("a{s(ss)}"));
  for (guint i = 0; i < TM_N_CHECK_ITEMS; i++)
    if (r->checks[i].state != TM_CHECK_NOT_CONSIDERED || (r->checks[i].note && *r->checks[i].note))
      g_variant_builder_add (&checks, "{s(ss)}", tm_check_item_to_id (i),
                             tm_check_state_to_id (r->checks[i].state),
                             r->checks[i].note ? r->checks[i].note : "");
  g_variant_builder_init (&quality, G_VARIANT_TYPE ("a{s(ss)}"));
  for (guint i = 0; i < TM_N_QUALITY_COMPONENTS; i++)
    if (r->quality[i].rating != TM_RATING_UNKNOWN || (r->quality[i].note && *r->quality[i].note))
      g_variant_builder_add (&quality, "{s(ss)}", tm_quality_component_to_id (i),
                             tm_rating_to_id (r->quality[i].rating),
                             r->quality[i].note ? r->quality[i].note : "");
  g_variant_builder_init (&barriers, G_VARIANT_TYPE ("as"));
  for (guint i = 0; i < TM_N_BARRIERS; i++)
    if (r->barriers & (1u << i))
      g_variant_builder_add (&barriers, "s", tm_barrier_to_id (1u << i));
  g_variant_builder_init (&log, G_VARIANT_TYPE ("a(sxssu)"));
  for (guint i = 0; r->status_log && i < r->status_log->len; i++)
    {
      const TmStatusChange *c = &g_array_index (r->status_log, TmStatusChange, i);

      g_variant_builder_add (&log, "(sxssu)", tm_move_status_to_id (c->status), c->when,
                             c->who ? c->who : "", c->note ? c->note : "", c->n_open);
    }

#define T(x) ((x) ? (x) : "")
  value = g_variant_ref_sink (g_variant_new (REVIEW_TYPE, &checks, &quality, &barriers,
                                             T (r->barrier_note), tm_risk_to_id (r->risk),
                                             T (r->mitigation), T (r->responsible),
                                             T (r->delegation_ref), T (r->quality_standards),
                                             T (r->follow_up), "", &log));
#undef T
  return g_variant_print (value, FALSE);
}

static char *
nonempty (const char *text)
{
  return text && *text ? g_strdup (text) : NULL;
}

static gboolean
review_deserialize (const char   *text,
                    const char   *scenario_id,
                    TmMoveReview *r)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariantIter) checks = NULL;
  g_autoptr(GVariantIter) quality = NULL;
  g_autoptr(GVariantIter) barriers = NULL;
  g_autoptr(GVariantIter) log = NULL;
  const char *key, *state, *note, *risk, *barrier;
  const char *barrier_note, *mitigation, *responsible, *delegation, *standards, *follow_up, *spare;
  const char *status, *who;
  gint64 when;
  guint32 n_open;

  tm_move_review_init (r, scenario_id);
  /* A damaged file may hold any bytes: GLib's parser asserts on text that
   * is not UTF-8, so it never sees such text. */
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  value = g_variant_parse (G_VARIANT_TYPE (REVIEW_TYPE), text, NULL, NULL, NULL);
  if (value == NULL)
    return FALSE;

  g_variant_get (value, "(a{s(ss)}a{s(ss)}as&s&s&s&s&s&s&s&sa(sxssu))", &checks, &quality, &barriers,
                 &barrier_note, &risk, &mitigation, &responsible, &delegation, &standards,
                 &follow_up, &spare, &log);

  while (g_variant_iter_next (checks, "{&s(&s&s)}", &key, &state, &note))
    {
      TmCheckItem item;
      TmCheckState s;

      if (!tm_check_item_from_id (key, &item) || !tm_check_state_from_id (state, &s))
        return FALSE;
      r->checks[item].state = s;
      g_free (r->checks[item].note);
      r->checks[item].note = nonempty (note);
    }
  while (g_variant_iter_next (quality, "{&s(&s&s)}", &key, &state, &note))
    {
      TmQualityComponent component;
      TmRating rating;

      if (!tm_quality_component_from_id (key, &component) || !tm_rating_from_id (state, &rating))
        return FALSE;
      r->quality[component].rating = rating;
      g_free (r->quality[component].note);
      r->quality[component].note = nonempty (note);
    }
  while (g_variant_iter_next (barriers, "&s", &barrier))
    {
      TmBarrier b;

      if (!tm_barrier_from_id (barrier, &b))
        return FALSE;
      r->barriers |= b;
    }
  if (!tm_risk_from_id (risk, &r->risk))
    return FALSE;
  r->barrier_note = nonempty (barrier_note);
  r->mitigation = nonempty (mitigation);
  r->responsible = nonempty (responsible);
  r->delegation_ref = nonempty (delegation);
  r->quality_standards = nonempty (standards);
  r->follow_up = nonempty (follow_up);
  while (g_variant_iter_next (log, "(&sx&s&su)", &status, &when, &who, &note, &n_open))
    {
      TmStatusChange c = { 0 };

      if (!tm_move_status_from_id (status, &c.status) || when < 0)
        return FALSE;
      c.when = when;
      c.who = g_strdup (who);
      c.note = nonempty (note);
      c.n_open = n_open;
      g_array_append_val (r->status_log, c);
    }
  return TRUE;
}

static gboolean
write_reviews (TmPortfolio       *self,
               const char        *uuid,
               const TmTaskData  *data,
               gboolean           insert,
               GError           **error)
{
  sqlite3_stmt *ins = NULL;

  if (!insert)
    {
      sqlite3_stmt *del = prepare_cached (self, "DELETE FROM reviews WHERE task_uuid = ?1", error);

      if (del == NULL)
        return FALSE;
      sqlite3_bind_text (del, 1, uuid, -1, SQLITE_STATIC);
      if (!_tm_store_step_done (self, del, error))
        return FALSE;
    }

  if (data->reviews == NULL || data->reviews->len == 0)
    return TRUE;

  ins = prepare_cached (self, "INSERT INTO reviews (task_uuid, scenario_id, position, data)"
                       " VALUES (?1, ?2, ?3, ?4)", error);
  if (ins == NULL)
    return FALSE;

  for (guint i = 0; i < data->reviews->len; i++)
    {
      const TmMoveReview *r = &g_array_index (data->reviews, TmMoveReview, i);
      g_autofree char *text = NULL;

      if (!row_exists (self, SCENARIO_EXISTS, r->scenario_id))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       _("The portfolio has no scenario with the id “%s”."), r->scenario_id);
          return FALSE;
        }

      text = review_serialize (r);
      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 2, r->scenario_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins, 3, i);
      sqlite3_bind_text (ins, 4, text, -1, SQLITE_STATIC);
      if (!_tm_store_step_done (self, ins, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_assessments_and_moves (TmPortfolio       *self,
                             const char        *uuid,
                             const TmTaskData  *data,
                             gboolean           insert,
                             GError           **error)
{
  sqlite3_stmt *ins_a = NULL;
  sqlite3_stmt *ins_m = NULL;

  if (!insert)
    {
      sqlite3_stmt *del_a = prepare_cached (self, "DELETE FROM assessments WHERE task_uuid = ?1", error);
      sqlite3_stmt *del_m = NULL;

      if (del_a == NULL)
        return FALSE;
      sqlite3_bind_text (del_a, 1, uuid, -1, SQLITE_STATIC);
      if (!_tm_store_step_done (self, del_a, error))
        return FALSE;

      del_m = prepare_cached (self, "DELETE FROM moves WHERE task_uuid = ?1", error);
      if (del_m == NULL)
        return FALSE;
      sqlite3_bind_text (del_m, 1, uuid, -1, SQLITE_STATIC);
      if (!_tm_store_step_done (self, del_m, error))
        return FALSE;
    }

  if (data->assessments->len > 0)
    {
      ins_a = prepare_cached (self,
                       "INSERT INTO assessments (task_uuid, profession_id, position, suitability,"
                       " complexity_limit, share, training, training_days, training_content,"
                       " documented_by_test, rationale, purpose, note)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
      if (ins_a == NULL)
        return FALSE;
    }

  for (guint i = 0; i < data->assessments->len; i++)
    {
      const TmAssessment *a = &g_array_index (data->assessments, TmAssessment, i);

      if (!row_exists (self, PROFESSION_EXISTS, a->profession_id))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       _("The portfolio has no profession with the id “%s”."), a->profession_id);
          return FALSE;
        }

      sqlite3_reset (ins_a);
      sqlite3_bind_text (ins_a, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_a, 2, a->profession_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins_a, 3, i);
      sqlite3_bind_text (ins_a, 4, tm_suitability_to_id (a->suitability), -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_a, 5, tm_complexity_to_id (a->complexity_limit), -1, SQLITE_STATIC);
      sqlite3_bind_double (ins_a, 6, a->share);
      sqlite3_bind_text (ins_a, 7, tm_training_to_id (a->training), -1, SQLITE_STATIC);
      if (a->training_days >= 0)
        sqlite3_bind_double (ins_a, 8, a->training_days);
      else
        sqlite3_bind_null (ins_a, 8);
      sqlite3_bind_text (ins_a, 9, a->training_content ? a->training_content : "", -1, SQLITE_STATIC);
      sqlite3_bind_int (ins_a, 10, !!a->documented_by_test);
      sqlite3_bind_text (ins_a, 11, tm_rationale_to_id (a->rationale), -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_a, 12, a->purpose ? a->purpose : "", -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_a, 13, a->note ? a->note : "", -1, SQLITE_STATIC);
      if (!_tm_store_step_done (self, ins_a, error))
        return FALSE;
    }

  if (data->moves->len > 0)
    {
      ins_m = prepare_cached (self,
                       "INSERT INTO moves (task_uuid, scenario_id, kind, profession_id, share)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (ins_m == NULL)
        return FALSE;
    }

  for (guint i = 0; i < data->moves->len; i++)
    {
      const TmMove *m = &g_array_index (data->moves, TmMove, i);

      if (!row_exists (self, SCENARIO_EXISTS, m->scenario_id))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       _("The portfolio has no scenario with the id “%s”."), m->scenario_id);
          return FALSE;
        }
      if (m->profession_id != NULL && !row_exists (self, PROFESSION_EXISTS, m->profession_id))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       _("The portfolio has no profession with the id “%s”."), m->profession_id);
          return FALSE;
        }

      sqlite3_reset (ins_m);
      sqlite3_bind_text (ins_m, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_m, 2, m->scenario_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins_m, 3, tm_move_kind_to_id (m->kind), -1, SQLITE_STATIC);
      if (m->profession_id != NULL)
        sqlite3_bind_text (ins_m, 4, m->profession_id, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (ins_m, 4);
      sqlite3_bind_double (ins_m, 5, m->share);
      if (!_tm_store_step_done (self, ins_m, error))
        return FALSE;
    }

  return write_reviews (self, uuid, data, insert, error);
}

static gboolean
write_task (TmPortfolio       *self,
            const char        *uuid,
            const TmTaskData  *data,
            double             position,
            gboolean           insert,
            GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *del = NULL;
  sqlite3_stmt *ins = NULL;

  stmt = prepare_cached (self,
                  insert ?
                  "INSERT INTO tasks (uuid, position, title, description, grp, level,"
                  " complexity, minutes, occurrences, per, shifts, notes, unit, modified)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)" :
                  "INSERT OR REPLACE INTO tasks (uuid, position, title, description, grp, level,"
                  " complexity, minutes, occurrences, per, shifts, notes, unit, modified)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, data->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, data->description ? data->description : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, data->group ? data->group : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tm_level_to_id (data->level), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, tm_complexity_to_id (data->complexity), -1, SQLITE_STATIC);
  if (data->minutes >= 0)
    sqlite3_bind_double (stmt, 8, data->minutes);
  else
    sqlite3_bind_null (stmt, 8);
  if (data->occurrences >= 0)
    sqlite3_bind_double (stmt, 9, data->occurrences);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_text (stmt, 10, tm_per_to_id (data->per), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, data->shifts);
  sqlite3_bind_text (stmt, 12, data->notes ? data->notes : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, data->unit ? data->unit : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, data->modified);

  /* REPLACE deletes the old row and so its performers (ON DELETE CASCADE). */
  if (!_tm_store_step_done (self, stmt, error))
    return FALSE;

  /* A new row has no performers yet (they go with their task). */
  if (!insert)
    {
      del = prepare_cached (self, "DELETE FROM performers WHERE task_uuid = ?1", error);
      if (del == NULL)
        return FALSE;
      sqlite3_bind_text (del, 1, uuid, -1, SQLITE_STATIC);
      if (!_tm_store_step_done (self, del, error))
        return FALSE;
    }

  ins = prepare_cached (self,
                 "INSERT INTO performers (task_uuid, profession_id, position, share)"
                 " VALUES (?1, ?2, ?3, ?4)", error);
  if (ins == NULL)
    return FALSE;

  for (guint i = 0; i < data->performers->len; i++)
    {
      const TmPerformer *p = &g_array_index (data->performers, TmPerformer, i);

      if (!row_exists (self, PROFESSION_EXISTS, p->profession_id))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       _("The portfolio has no profession with the id “%s”."),
                       p->profession_id);
          return FALSE;
        }

      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (ins, 2, p->profession_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (ins, 3, i);
      sqlite3_bind_double (ins, 4, p->share);
      if (!_tm_store_step_done (self, ins, error))
        return FALSE;
    }

  return write_assessments_and_moves (self, uuid, data, insert, error);
}

static gboolean
delete_task_row (TmPortfolio  *self,
                 const char   *uuid,
                 GError      **error)
{
  sqlite3_stmt *stmt = prepare_cached (self, "DELETE FROM tasks WHERE uuid = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return _tm_store_step_done (self, stmt, error);
}

static gboolean
write_profession (TmPortfolio            *self,
                  const TmProfessionState  *state,
                  GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tm_store_prepare (self,
                  "INSERT INTO professions (id, position, name, name_en, authorised, unskilled,"
                  " hidden, builtin) VALUES (?1, (SELECT IFNULL (MAX (position), 0) + 1"
                  " FROM professions), ?2, ?3, ?4, ?5, ?6, ?7)"
                  " ON CONFLICT (id) DO UPDATE SET name = ?2, name_en = ?3, authorised = ?4,"
                  " unskilled = ?5, hidden = ?6", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, state->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, state->name_en, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, state->authorised);
  sqlite3_bind_int (stmt, 5, state->unskilled);
  sqlite3_bind_int (stmt, 6, state->hidden);
  sqlite3_bind_int (stmt, 7, state->builtin);
  return _tm_store_step_done (self, stmt, error);
}

static gboolean
delete_profession_row (TmPortfolio  *self,
                       const char   *id,
                       GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tm_store_prepare (self, "DELETE FROM professions WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return _tm_store_step_done (self, stmt, error);
}

gboolean
_tm_store_write_meta (TmPortfolio  *self,
                      const char   *key,
                      const char   *value,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _tm_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value ? value : "", -1, SQLITE_STATIC);
  return _tm_store_step_done (self, stmt, error);
}

static gboolean
write_unit (TmPortfolio      *self,
            const UnitState  *state,
            GError          **error)
{
  return _tm_store_write_meta (self, "unit.name", state->unit_name, error) &&
         _tm_store_write_meta (self, "unit.organisation", state->organisation, error) &&
         _tm_store_write_meta (self, "unit.setting", tm_setting_to_id (state->setting), error) &&
         _tm_store_write_meta (self, "unit.notes", state->notes, error) &&
         _tm_store_write_meta (self, "committee.last-meeting", state->last_meeting, error) &&
         _tm_store_write_meta (self, "portfolio.language", state->language, error);
}

/* Replaces the staffing of @unit with @state (NULL: none). */
static gboolean
write_staffing (TmPortfolio       *self,
                const char        *unit,
                const TmStaffing  *state,
                GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = prepare_cached (self, "DELETE FROM staffing WHERE unit = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit, -1, SQLITE_STATIC);
  if (!_tm_store_step_done (self, stmt, error))
    return FALSE;

  stmt = prepare_cached (self, "DELETE FROM staffing_units WHERE unit = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit, -1, SQLITE_STATIC);
  if (!_tm_store_step_done (self, stmt, error))
    return FALSE;

  if (state == NULL)
    return TRUE;

  stmt = prepare_cached (self, "INSERT INTO staffing_units (unit, shift_hours) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, unit, -1, SQLITE_STATIC);
  if (state->shift_hours >= 0)
    sqlite3_bind_double (stmt, 2, state->shift_hours);
  else
    sqlite3_bind_null (stmt, 2);
  if (!_tm_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < state->entries->len; i++)
    {
      const TmStaffingEntry *e = &g_array_index (state->entries, TmStaffingEntry, i);

      stmt = prepare_cached (self,
                             "INSERT INTO staffing (unit, profession_id, position, fte, hours_per_fte)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, unit, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, e->profession_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (e->fte >= 0)
        sqlite3_bind_double (stmt, 4, e->fte);
      else
        sqlite3_bind_null (stmt, 4);
      if (e->hours_per_fte >= 0)
        sqlite3_bind_double (stmt, 5, e->hours_per_fte);
      else
        sqlite3_bind_null (stmt, 5);
      if (!_tm_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks @state with the professions' names in the messages; with
 * @check_professions, that they are the portfolio's (a change written in the
 * transaction that adds them leaves that to the foreign key). */
gboolean
_tm_store_validate_staffing (TmPortfolio       *self,
                             const TmStaffing  *state,
                             gboolean           check_professions,
                             GError           **error)
{
  if (!tm_staffing_check_shift_hours (state->shift_hours, error))
    return FALSE;

  for (guint i = 0; i < state->entries->len; i++)
    {
      const TmStaffingEntry *e = &g_array_index (state->entries, TmStaffingEntry, i);
      TmProfession *profession = g_hash_table_lookup (self->professions_by_id, e->profession_id);
      const char *name = profession ? tm_profession_get_display_name (profession) : e->profession_id;

      if (profession == NULL && check_professions)
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       /* Translators: %s is a profession's id */
                       _("The staffing names a profession this portfolio does not have (“%s”)."),
                       e->profession_id);
          return FALSE;
        }
      if (!tm_staffing_check_fte (e->fte, name, error) ||
          !tm_staffing_check_hours_per_fte (e->hours_per_fte, name, error))
        return FALSE;
    }
  return tm_staffing_validate (state, error);
}

static gboolean
validate_unit (const UnitState  *state,
               GError          **error)
{
  if ((guint) state->setting >= TM_N_SETTINGS)
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("The setting type does not exist."));
      return FALSE;
    }

  if (state->last_meeting != NULL && *state->last_meeting != '\0' &&
      !_tm_date_is_valid (state->last_meeting))
    {
      /* Translators: %s is what was given as a date */
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   _("“%s” is not a date. Write it as year-month-day, for example 2026-03-14."),
                   state->last_meeting);
      return FALSE;
    }

  if (!_tm_text_check (state->unit_name, N_("unit name"), error) ||
      !_tm_text_check (state->organisation, N_("organisation"), error) ||
      !_tm_text_check (state->notes, N_("notes"), error))
    return FALSE;

  if (!tm_language_id_is_valid (state->language))
    {
      g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                   /* Translators: %s is what was given as a language; keep da, nb and en */
                   _("“%s” is not a language of Taskmap’s (da, nb or en)."), state->language);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_profession (const TmProfessionState  *state,
                     GError                **error)
{
  g_autofree char *name = g_strstrip (g_strdup (state->name));

  if (*name == '\0')
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A profession needs a name."));
      return FALSE;
    }

  if (!_tm_text_check (state->name, N_("profession's name"), error) ||
      !_tm_text_check (state->name_en, N_("profession's English name"), error))
    return FALSE;

  return TRUE;
}

static double
scenario_db_position (TmPortfolio *self,
                      guint        index)
{
  g_autoptr(TmScenario) scenario = g_list_model_get_item (G_LIST_MODEL (self->scenarios), index);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (scenario == NULL ||
      sqlite3_prepare_v2 (self->db, "SELECT position FROM scenarios WHERE id = ?1", -1, &stmt,
                          NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_text (stmt, 1, tm_scenario_get_id (scenario), -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_double (stmt, 0) : 0;
}

/* A position that sorts a re-inserted scenario back into its place. */
static double
scenario_position_for_index (TmPortfolio *self,
                             int          index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (index < 0 || (guint) index >= n)
    {
      if (sqlite3_prepare_v2 (self->db, "SELECT IFNULL (MAX (position), 0) + 1 FROM scenarios",
                              -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
        return n + 1;
      return sqlite3_column_double (stmt, 0);
    }

  if (index == 0)
    return scenario_db_position (self, 0) - 1;

  return (scenario_db_position (self, index - 1) + scenario_db_position (self, index)) / 2;
}

static gboolean
write_scenario (TmPortfolio          *self,
                const char           *id,
                const ScenarioState  *state,
                GError              **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (state == NULL)
    {
      stmt = _tm_store_prepare (self, "DELETE FROM scenarios WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      return _tm_store_step_done (self, stmt, error);
    }

  if (!_tm_text_check (state->name, N_("scenario's name"), error))
    return FALSE;

  if (*state->name == '\0')
    {
      g_set_error_literal (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID,
                           _("A scenario needs a name."));
      return FALSE;
    }

  stmt = _tm_store_prepare (self,
                  "INSERT INTO scenarios (id, position, name) VALUES (?1, ?3, ?2)"
                  " ON CONFLICT (id) DO UPDATE SET name = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state->name, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, scenario_position_for_index (self, state->index));
  return _tm_store_step_done (self, stmt, error);
}

/* Workshops, kept as GVariant text like the reviews. */
#define WORKSHOP_TYPE "(sssssa(su)a(ss))"

static char *
workshop_serialize (const TmWorkshopData *w)
{
  GVariantBuilder participants, moves;
  g_autoptr(GVariant) value = NULL;

  g_variant_builder_init (&participants, G_VARIANT_TYPE ("a(su)"));
  for (guint i = 0; i < w->participants->len; i++)
    {
      const TmParticipants *p = &g_array_index (w->participants, TmParticipants, i);

      g_variant_builder_add (&participants, "(su)", p->profession_id, p->count);
    }
  g_variant_builder_init (&moves, G_VARIANT_TYPE ("a(ss)"));
  for (guint i = 0; i < w->moves->len; i++)
    {
      const TmMoveRef *m = &g_array_index (w->moves, TmMoveRef, i);

      g_variant_builder_add (&moves, "(ss)", m->task_uuid, m->scenario_id);
    }
  value = g_variant_ref_sink (g_variant_new (WORKSHOP_TYPE, w->date, w->title ? w->title : "",
                                             w->facilitator ? w->facilitator : "",
                                             w->names ? w->names : "",
                                             w->decisions ? w->decisions : "",
                                             &participants, &moves));
  return g_variant_print (value, FALSE);
}

static TmWorkshopData *
workshop_deserialize (const char *id,
                      const char *text)
{
  g_autoptr(TmWorkshopData) w = tm_workshop_data_new ();
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariantIter) participants = NULL;
  g_autoptr(GVariantIter) moves = NULL;
  const char *a, *b;
  guint32 count;

  /* Damaged bytes never reach GLib's parser, which asserts on them. */
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  value = g_variant_parse (G_VARIANT_TYPE (WORKSHOP_TYPE), text, NULL, NULL, NULL);
  if (value == NULL)
    return NULL;

  g_free (w->date);
  g_free (w->title);
  g_free (w->facilitator);
  g_free (w->names);
  g_free (w->decisions);
  g_variant_get (value, "(sssssa(su)a(ss))", &w->date, &w->title, &w->facilitator, &w->names,
                 &w->decisions, &participants, &moves);
  w->id = g_strdup (id);
  while (g_variant_iter_next (participants, "(&su)", &a, &count))
    tm_workshop_data_set_participants (w, a, count);
  while (g_variant_iter_next (moves, "(&s&s)", &a, &b))
    tm_workshop_data_link_move (w, a, b, TRUE);
  return g_steal_pointer (&w);
}

static gboolean
write_workshop (TmPortfolio           *self,
                const char            *id,
                const TmWorkshopData  *data,
                gint64                 position,
                GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;

  if (data == NULL)
    {
      stmt = _tm_store_prepare (self, "DELETE FROM workshops WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      return _tm_store_step_done (self, stmt, error);
    }

  if (!tm_workshop_data_validate (data, error))
    return FALSE;
  for (guint i = 0; i < data->participants->len; i++)
    {
      const char *profession = g_array_index (data->participants, TmParticipants, i).profession_id;

      if (!row_exists (self, PROFESSION_EXISTS, profession))
        {
          g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_NOT_FOUND,
                       _("The portfolio has no profession with the id “%s”."), profession);
          return FALSE;
        }
    }

  text = workshop_serialize (data);
  stmt = _tm_store_prepare (self, "INSERT OR REPLACE INTO workshops (id, position, data) VALUES (?1, ?2, ?3)",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, position);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  return _tm_store_step_done (self, stmt, error);
}

gboolean
_tm_store_load_workshops (TmPortfolio  *self,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tm_store_prepare (self, "SELECT id, position, data FROM workshops ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(TmWorkshopData) data = workshop_deserialize (id, (const char *) sqlite3_column_text (stmt, 2));
      g_autoptr(GError) local_error = NULL;

      if (id == NULL || data == NULL || !tm_workshop_data_validate (data, &local_error))
        {
          _tm_store_set_damaged (self, error, _("a workshop holds a value this version of Taskmap does not know."));
          return FALSE;
        }
      _tm_store_apply_workshop_to_memory (self, id, data, sqlite3_column_int64 (stmt, 1));
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

/* Writes the @forward (after) or backward (before) state of @change. */
gboolean
_tm_store_write_change (TmPortfolio  *self,
                        TmChange     *change,
                        gboolean      forward,
                        GError      **error)
{
  /* A profession or scenario written (perhaps removed) forgets the rows seen. */
  if (change->kind != CHANGE_TASK && self->rows_seen != NULL)
    g_hash_table_remove_all (self->rows_seen);

  switch (change->kind)
    {
    case CHANGE_TASK:
      {
        const TmTaskData *target = forward ? change->task.after : change->task.before;
        const TmTaskData *other = forward ? change->task.before : change->task.after;
        double position = forward ? change->task.after_position : change->task.before_position;

        if (target == NULL)
          return delete_task_row (self, change->id, error);
        if (!tm_task_data_validate (target, error))
          return FALSE;
        return write_task (self, change->id, target, position, other == NULL, error);
      }

    case CHANGE_PROFESSION:
      {
        const TmProfessionState *target = forward ? change->profession.after : change->profession.before;

        if (target == NULL)
          return delete_profession_row (self, change->id, error);
        if (!validate_profession (target, error))
          return FALSE;
        return write_profession (self, target, error);
      }

    case CHANGE_UNIT:
      {
        const UnitState *target = forward ? change->unit.after : change->unit.before;

        if (!validate_unit (target, error))
          return FALSE;
        return write_unit (self, target, error);
      }

    case CHANGE_SCENARIO:
      return write_scenario (self, change->id,
                             forward ? change->scenario.after : change->scenario.before, error);

    case CHANGE_WORKSHOP:
      return write_workshop (self, change->id,
                             forward ? change->workshop.after : change->workshop.before,
                             change->workshop.position, error);

    case CHANGE_HISTORY:
      if (forward)
        return _tm_store_insert_history (self, change->history.entries, change->history.ids, error);
      return _tm_store_delete_history (self, change->history.ids, error);

    case CHANGE_STAFFING:
      {
        const TmStaffing *target = forward ? change->staffing.after : change->staffing.before;

        if (target != NULL && !_tm_store_validate_staffing (self, target, FALSE, error))
          return FALSE;
        return write_staffing (self, change->id, target, error);
      }

    default:
      g_assert_not_reached ();
    }
}

/* Memory for one state, after the transaction committed */

gboolean
_tm_store_configure_connection (TmPortfolio  *self,
                                GError      **error)
{

  /* An exclusive lock, held while the portfolio is open, keeps a second
   * window or program from writing to the same file behind our back. */
  return _tm_store_exec_sql (self, "PRAGMA locking_mode = EXCLUSIVE", error) &&
         _tm_store_exec_sql (self, "PRAGMA foreign_keys = ON", error) &&
         _tm_store_exec_sql (self, "PRAGMA trusted_schema = OFF", error);
}

gboolean
_tm_store_enter_wal (TmPortfolio  *self,
                     GError      **error)
{
  /* WAL with synchronous=FULL: each committed edit is on disk before the
   * call returns, and a crash never leaves a half-written file. */
  return _tm_store_exec_sql (self, "PRAGMA journal_mode = WAL", error) &&
         _tm_store_exec_sql (self, "PRAGMA synchronous = FULL", error);
}

gboolean
_tm_store_migrate (TmPortfolio  *self,
                   gint64        from_version,
                   GError      **error)
{
  g_autofree char *set_version = NULL;

  if (from_version >= TM_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!_tm_store_exec_sql (self, "BEGIN EXCLUSIVE", error))
    return FALSE;

  for (gint64 v = from_version; v < TM_STORE_SCHEMA_VERSION; v++)
    {
      if (!_tm_store_exec_sql (self, migrations[v], error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", TM_STORE_SCHEMA_VERSION);
  if (!_tm_store_exec_sql (self, set_version, error) || !_tm_store_exec_sql (self, "COMMIT", error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

void
_tm_store_set_damaged (TmPortfolio  *self,
                       GError      **error,
                       const char   *what)
{
  /* Translators: the first %s is a file name, the second says what is wrong */
  g_set_error (error, TM_STORE_ERROR, TM_STORE_ERROR_DAMAGED,
               _("“%s” is damaged and cannot be opened safely: %s"),
               self->display_name, what);
}

gboolean
_tm_store_load_meta (TmPortfolio  *self,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tm_store_prepare (self, "SELECT key, value FROM meta", error);
  gboolean have_country = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;

      if (!g_utf8_validate (value, -1, NULL))
        {
          _tm_store_set_damaged (self, error, _("the unit details are not valid text."));
          return FALSE;
        }

      if (g_str_equal (key, "unit.name"))
        {
          g_free (self->unit_name);
          self->unit_name = g_strdup (value);
        }
      else if (g_str_equal (key, "unit.organisation"))
        {
          g_free (self->organisation);
          self->organisation = g_strdup (value);
        }
      else if (g_str_equal (key, "unit.notes"))
        {
          g_free (self->notes);
          self->notes = g_strdup (value);
        }
      else if (g_str_equal (key, "committee.last-meeting"))
        {
          g_free (self->last_meeting);
          self->last_meeting = g_strdup (value);
        }
      else if (g_str_equal (key, "portfolio.language"))
        {
          if (!tm_language_id_is_valid (value))
            {
              _tm_store_set_damaged (self, error, _("the language is unknown."));
              return FALSE;
            }
          g_free (self->language);
          self->language = g_strdup (value);
        }
      else if (g_str_equal (key, "unit.setting"))
        {
          if (!tm_setting_from_id (value, &self->setting))
            {
              _tm_store_set_damaged (self, error, _("the setting type is unknown."));
              return FALSE;
            }
        }
      else if (g_str_equal (key, "unit.country"))
        {
          if (!tm_country_from_id (value, &self->country))
            {
              _tm_store_set_damaged (self, error, _("the country is unknown."));
              return FALSE;
            }
          have_country = TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  if (!have_country)
    {
      _tm_store_set_damaged (self, error, _("the country is missing."));
      return FALSE;
    }

  /* Files from before version 5 speak their country's language. */
  if (*self->language == '\0')
    {
      g_free (self->language);
      self->language = g_strdup (tm_country_get_language (self->country));
    }

  return TRUE;
}

gboolean
_tm_store_load_staffing (TmPortfolio  *self,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) units = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  int rc;

  units = _tm_store_prepare (self, "SELECT unit, shift_hours FROM staffing_units", error);
  if (units == NULL)
    return FALSE;
  while ((rc = sqlite3_step (units)) == SQLITE_ROW)
    {
      const char *unit = (const char *) sqlite3_column_text (units, 0);
      TmStaffing *staffing;

      if (unit == NULL || !g_utf8_validate (unit, -1, NULL))
        {
          _tm_store_set_damaged (self, error, _("a staffing is not valid text."));
          return FALSE;
        }
      staffing = tm_staffing_new (unit);
      if (sqlite3_column_type (units, 1) != SQLITE_NULL)
        staffing->shift_hours = sqlite3_column_double (units, 1);
      g_hash_table_insert (self->staffing, g_strdup (unit), staffing);
    }
  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  rows = _tm_store_prepare (self,
                  "SELECT unit, profession_id, fte, hours_per_fte FROM staffing"
                  " ORDER BY unit, position", error);
  if (rows == NULL)
    return FALSE;
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *unit = (const char *) sqlite3_column_text (rows, 0);
      const char *profession_id = (const char *) sqlite3_column_text (rows, 1);
      TmStaffing *staffing = unit ? g_hash_table_lookup (self->staffing, unit) : NULL;
      double fte = sqlite3_column_type (rows, 2) == SQLITE_NULL ? -1 : sqlite3_column_double (rows, 2);
      double hours = sqlite3_column_type (rows, 3) == SQLITE_NULL ? -1 : sqlite3_column_double (rows, 3);

      if (staffing == NULL || profession_id == NULL ||
          !g_hash_table_contains (self->professions_by_id, profession_id) ||
          tm_staffing_lookup (staffing, profession_id) != NULL)
        {
          _tm_store_set_damaged (self, error, _("a staffing does not belong to a unit and profession."));
          return FALSE;
        }
      tm_staffing_set (staffing, profession_id, fte, hours);
    }
  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->staffing);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      if (!tm_staffing_validate (value, NULL))
        {
          _tm_store_set_damaged (self, error, _("a staffing is out of range."));
          return FALSE;
        }
  }
  return TRUE;
}

gboolean
_tm_store_load_professions (TmPortfolio  *self,
                            GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _tm_store_prepare (self,
                  "SELECT id, name, name_en, authorised, unskilled, hidden, builtin"
                  " FROM professions ORDER BY position, rowid", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *name_en = (const char *) sqlite3_column_text (stmt, 2);
      TmProfession *profession;

      if (id == NULL || name == NULL ||
          !g_utf8_validate (id, -1, NULL) || !g_utf8_validate (name, -1, NULL) ||
          (name_en != NULL && !g_utf8_validate (name_en, -1, NULL)))
        {
          _tm_store_set_damaged (self, error, _("a profession is not valid text."));
          return FALSE;
        }

      profession = _tm_profession_new (id, name, name_en,
                                       sqlite3_column_int (stmt, 3),
                                       sqlite3_column_int (stmt, 4),
                                       sqlite3_column_int (stmt, 5),
                                       sqlite3_column_int (stmt, 6));
      g_hash_table_insert (self->professions_by_id, g_strdup (id), profession);
      g_ptr_array_add (items, profession);
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  g_list_store_splice (self->professions, 0, 0, items->pdata, items->len);
  return TRUE;
}

gboolean
_tm_store_load_scenarios (TmPortfolio  *self,
                          GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = _tm_store_prepare (self, "SELECT id, name FROM scenarios ORDER BY position, rowid",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(TmScenario) scenario = NULL;

      if (id == NULL || name == NULL || !g_utf8_validate (name, -1, NULL))
        {
          _tm_store_set_damaged (self, error, _("a scenario is not valid text."));
          return FALSE;
        }

      scenario = _tm_scenario_new (id, name);
      g_hash_table_insert (self->scenarios_by_id, g_strdup (id), scenario);
      g_list_store_append (self->scenarios, scenario);
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }
  return TRUE;
}

static char *column_dup_text (sqlite3_stmt *stmt, int column);

gboolean
_tm_store_load_assessments_and_moves (TmPortfolio  *self,
                                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _tm_store_prepare (self,
                  "SELECT task_uuid, profession_id, suitability, complexity_limit, share, training,"
                  " training_days, training_content, documented_by_test, rationale, purpose, note"
                  " FROM assessments ORDER BY task_uuid, position", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      TmTask *task = uuid ? g_hash_table_lookup (self->tasks_by_uuid, uuid) : NULL;
      TmAssessment a;

      if (task == NULL)
        continue;

      tm_assessment_init (&a, (const char *) sqlite3_column_text (stmt, 1));
      a.share = sqlite3_column_double (stmt, 4);
      a.training_days = sqlite3_column_type (stmt, 6) == SQLITE_NULL
                        ? TM_NOT_ESTIMATED : sqlite3_column_double (stmt, 6);
      g_free (a.training_content);
      a.training_content = column_dup_text (stmt, 7);
      a.documented_by_test = sqlite3_column_int (stmt, 8) != 0;
      g_free (a.purpose);
      a.purpose = column_dup_text (stmt, 10);
      g_free (a.note);
      a.note = column_dup_text (stmt, 11);

      if (a.profession_id == NULL ||
          !tm_suitability_from_id ((const char *) sqlite3_column_text (stmt, 2), &a.suitability) ||
          !tm_complexity_from_id ((const char *) sqlite3_column_text (stmt, 3), &a.complexity_limit) ||
          !tm_training_from_id ((const char *) sqlite3_column_text (stmt, 5), &a.training) ||
          !tm_rationale_from_id ((const char *) sqlite3_column_text (stmt, 9), &a.rationale))
        {
          tm_assessment_clear (&a);
          _tm_store_set_damaged (self, error, _("an assessment holds a value this version of Taskmap does not know."));
          return FALSE;
        }

      g_array_append_val (((TmTaskData *) tm_task_peek_data (task))->assessments, a);
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _tm_store_prepare (self,
                  "SELECT m.task_uuid, m.scenario_id, m.kind, m.profession_id, m.share"
                  " FROM moves m JOIN scenarios s ON s.id = m.scenario_id"
                  " ORDER BY m.task_uuid, s.position", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      TmTask *task = uuid ? g_hash_table_lookup (self->tasks_by_uuid, uuid) : NULL;
      const char *profession = (const char *) sqlite3_column_text (stmt, 3);
      TmMove m = { 0 };

      if (task == NULL)
        continue;

      if (!tm_move_kind_from_id ((const char *) sqlite3_column_text (stmt, 2), &m.kind))
        {
          _tm_store_set_damaged (self, error, _("a move holds a value this version of Taskmap does not know."));
          return FALSE;
        }
      m.scenario_id = column_dup_text (stmt, 1);
      m.profession_id = profession ? g_strdup (profession) : NULL;
      m.share = sqlite3_column_double (stmt, 4);
      g_array_append_val (((TmTaskData *) tm_task_peek_data (task))->moves, m);
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = _tm_store_prepare (self,
                  "SELECT task_uuid, scenario_id, data FROM reviews ORDER BY task_uuid, position",
                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (stmt, 0);
      TmTask *task = uuid ? g_hash_table_lookup (self->tasks_by_uuid, uuid) : NULL;
      TmMoveReview r;

      if (task == NULL)
        continue;

      if (!review_deserialize ((const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 1), &r))
        {
          tm_move_review_clear (&r);
          _tm_store_set_damaged (self, error, _("the assessment of a move holds a value this version of Taskmap does not know."));
          return FALSE;
        }
      g_array_append_val (((TmTaskData *) tm_task_peek_data (task))->reviews, r);
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  /* Everything the file holds must be a value this version accepts. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->tasks_by_uuid);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        g_autoptr(GError) local_error = NULL;

        if (!tm_task_data_validate (tm_task_peek_data (value), &local_error))
          {
            _tm_store_set_damaged (self, error, local_error->message);
            return FALSE;
          }
      }
  }

  return TRUE;
}

static char *
column_dup_text (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text ? text : "");
}

gboolean
_tm_store_load_tasks (TmPortfolio  *self,
                      GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) perf = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  gint64 n_rows = 0;

  /* Told how far it got (a copy opened for the report): by the rows read. */
  if (self->progress != NULL && !_tm_store_query_int (self, "SELECT count(*) FROM tasks", &n_rows, error))
    return FALSE;

  stmt = _tm_store_prepare (self,
                  "SELECT uuid, position, title, description, grp, level, complexity, minutes,"
                  " occurrences, per, shifts, notes, unit, modified FROM tasks"
                  " ORDER BY position, rowid", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TmTaskData) data = tm_task_data_new ();
      TmTask *task;

      if (n_rows > 0 && items->len % 8192 == 8191)
        self->progress (0.4 * items->len / n_rows, self->progress_data);

      data->uuid = column_dup_text (stmt, 0);
      g_free (data->title);
      data->title = column_dup_text (stmt, 2);
      g_free (data->description);
      data->description = column_dup_text (stmt, 3);
      g_free (data->group);
      data->group = column_dup_text (stmt, 4);
      g_free (data->notes);
      data->notes = column_dup_text (stmt, 11);
      if (sqlite3_column_bytes (stmt, 12) > 0)
        data->unit = column_dup_text (stmt, 12);
      data->modified = MAX (sqlite3_column_int64 (stmt, 13), 0);
      data->minutes = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                      ? TM_NOT_ESTIMATED : sqlite3_column_double (stmt, 7);
      data->occurrences = sqlite3_column_type (stmt, 8) == SQLITE_NULL
                          ? TM_NOT_ESTIMATED : sqlite3_column_double (stmt, 8);
      data->shifts = (guint) sqlite3_column_int (stmt, 10);

      /* Values are validated once all of a task is loaded (load_assessments_and_moves). */
      if (!tm_level_from_id ((const char *) sqlite3_column_text (stmt, 5), &data->level) ||
          !tm_complexity_from_id ((const char *) sqlite3_column_text (stmt, 6), &data->complexity) ||
          !tm_per_from_id ((const char *) sqlite3_column_text (stmt, 9), &data->per))
        {
          g_autofree char *what =
            /* Translators: %s is a task's title */
            g_strdup_printf (_("the task “%s” holds a value this version of Taskmap does not know."),
                             data->title);
          _tm_store_set_damaged (self, error, what);
          return FALSE;
        }

      task = _tm_task_new (g_steal_pointer (&data));
      _tm_task_set_position (task, sqlite3_column_double (stmt, 1));
      g_hash_table_insert (self->tasks_by_uuid, g_strdup (tm_task_get_uuid (task)), task);
      g_ptr_array_add (items, task);
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  perf = _tm_store_prepare (self,
                  "SELECT task_uuid, profession_id, share FROM performers"
                  " ORDER BY task_uuid, position", error);
  if (perf == NULL)
    return FALSE;

  while ((rc = sqlite3_step (perf)) == SQLITE_ROW)
    {
      const char *uuid = (const char *) sqlite3_column_text (perf, 0);
      const char *id = (const char *) sqlite3_column_text (perf, 1);
      TmTask *task = uuid ? g_hash_table_lookup (self->tasks_by_uuid, uuid) : NULL;
      TmPerformer p;

      if (task == NULL || id == NULL || !g_hash_table_contains (self->professions_by_id, id))
        continue;

      p.profession_id = g_strdup (id);
      p.share = sqlite3_column_double (perf, 2);
      g_array_append_val (((TmTaskData *) tm_task_peek_data (task))->performers, p);
    }

  if (rc != SQLITE_DONE)
    {
      _tm_store_set_sqlite_error (self, error, rc);
      return FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    _tm_store_update_performed_by (self, g_ptr_array_index (items, i));

  g_list_store_splice (self->tasks, 0, 0, items->pdata, items->len);
  return TRUE;
}
